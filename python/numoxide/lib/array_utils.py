"""numoxide.lib.array_utils: axis normalization and memory bounds, as NumPy's."""

import operator

import numoxide as _np

__all__ = ["byte_bounds", "normalize_axis_index", "normalize_axis_tuple"]


def normalize_axis_index(axis, ndim, msg_prefix=None):
    """`axis` as a non-negative index below `ndim`; AxisError when out of range."""
    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise _np.exceptions.AxisError(axis, ndim, msg_prefix)
    return axis % ndim if ndim else axis


def normalize_axis_tuple(axis, ndim, argname=None, allow_duplicate=False):
    """`axis` (an int or a sequence of ints) as a tuple of non-negative axes."""
    if type(axis) not in (tuple, list):
        try:
            axis = [operator.index(axis)]
        except TypeError:
            pass
    axis = tuple(normalize_axis_index(ax, ndim, argname) for ax in axis)
    if not allow_duplicate and len(set(axis)) != len(axis):
        if argname:
            raise ValueError(f"repeated axis in `{argname}` argument")
        raise ValueError("repeated axis")
    return axis


def byte_bounds(a):
    """(low, high): the first byte address of `a` and one past its last byte."""
    ai = a.__array_interface__
    a_data = ai["data"][0]
    astrides = ai["strides"]
    ashape = ai["shape"]
    bytes_a = _np.asarray(a).dtype.itemsize
    a_low = a_high = a_data
    if astrides is None:
        a_high += a.size * bytes_a
    else:
        for shape, stride in zip(ashape, astrides):
            if stride < 0:
                a_low += (shape - 1) * stride
            else:
                a_high += (shape - 1) * stride
        a_high += bytes_a
    return a_low, a_high
