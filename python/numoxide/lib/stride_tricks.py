"""numoxide.lib.stride_tricks: views with chosen strides (see NumPy's numpy.lib.stride_tricks).

``as_strided`` gives NumPy's freedom (zero, overlapping and negative strides) but checks the
layout against the array's memory: a view that would reach outside it raises ValueError
instead of reading foreign memory. ``sliding_window_view`` is the same shape arithmetic as
NumPy's, on top of ``as_strided``.
"""

import operator

from numoxide import _numoxide
from numoxide._numoxide import broadcast_arrays, broadcast_shapes, broadcast_to
from numoxide.exceptions import AxisError

__all__ = ["as_strided", "broadcast_arrays", "broadcast_shapes", "broadcast_to", "sliding_window_view"]


def as_strided(x, shape=None, strides=None, subok=False, writeable=True):
    """Create a view into the array with the given shape and strides (in bytes).

    Unlike NumPy, a layout that reaches outside the array's memory raises ValueError.
    """
    del subok  # numoxide has no ndarray subclasses to preserve
    return _numoxide._as_strided(
        x,
        None if shape is None else tuple(shape),
        None if strides is None else tuple(strides),
        bool(writeable),
    )


def _normalize_axes(axis, ndim):
    if not isinstance(axis, (tuple, list)):
        axis = (axis,)
    out = []
    for ax in axis:
        ax = operator.index(ax)
        if not -ndim <= ax < ndim:
            raise AxisError(ax, ndim)
        out.append(ax % ndim if ndim else ax)
    return tuple(out)


def sliding_window_view(x, window_shape, axis=None, *, subok=False, writeable=False):
    """Create a sliding window view into the array with the given window shape.

    The view shares memory with ``x`` and is read-only unless ``writeable=True``.
    """
    del subok
    try:
        window_shape = tuple(window_shape)
    except TypeError:
        window_shape = (window_shape,)
    window_shape = tuple(operator.index(w) for w in window_shape)
    x = _numoxide.asarray(x)
    if any(w < 0 for w in window_shape):
        raise ValueError("`window_shape` cannot contain negative values")
    if axis is None:
        axis = tuple(range(x.ndim))
        if len(window_shape) != len(axis):
            raise ValueError(
                f"Since axis is `None`, must provide window_shape for all dimensions of `x`; "
                f"got {len(window_shape)} window_shape elements and `x.ndim` is {x.ndim}."
            )
    else:
        axis = _normalize_axes(axis, x.ndim)
        if len(window_shape) != len(axis):
            raise ValueError(
                f"Must provide matching length window_shape and axis; "
                f"got {len(window_shape)} window_shape elements and {len(axis)} axes elements."
            )
    out_strides = x.strides + tuple(x.strides[ax] for ax in axis)
    trimmed = list(x.shape)
    for ax, dim in zip(axis, window_shape):
        if trimmed[ax] < dim:
            raise ValueError("window shape cannot be larger than input array shape")
        trimmed[ax] -= dim - 1
    return as_strided(x, shape=tuple(trimmed) + window_shape, strides=out_strides, writeable=writeable)
