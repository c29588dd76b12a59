"""More masked-array functions (NumPy's numpy.ma.extras): stacking, averages and
medians, and dropping or masking whole rows and columns."""

import functools
import math

import numoxide as np
from numoxide import ndarray
from numoxide.linalg import _NoValue

from .core import (
    MaskedArray,
    _normalize_axes,
    asarray,
    getdata,
    getmask,
    getmaskarray,
    masked,
    masked_array,
    nomask,
)
from .core import sort as _masked_sort

__all__ = [
    "atleast_1d", "atleast_2d", "atleast_3d", "average", "column_stack",
    "compress_cols", "compress_nd", "compress_rowcols", "compress_rows",
    "count_masked", "diagflat", "dstack", "ediff1d", "hsplit", "hstack",
    "mask_cols", "mask_rowcols", "mask_rows", "masked_all", "masked_all_like",
    "median", "row_stack", "stack", "vstack",
]  # fmt: skip


def count_masked(arr, axis=None):
    """The number of masked entries along `axis`."""
    m = getmaskarray(arr)
    return m.sum(axis)


def masked_all(shape, dtype=float):
    """A masked array of `shape` and `dtype` with every entry masked."""
    return masked_array(np.empty(shape, dtype), mask=np.ones(shape, np.bool_))


def masked_all_like(arr):
    """A masked array shaped like `arr` with every entry masked."""
    a = np.empty_like(arr).view(MaskedArray)
    a._mask = np.ones(a.shape, dtype=np.bool_)
    return a


# -- NumPy functions applied to the data and to the mask ----------------------------------


def _on_data_and_mask(kind):
    """Wrap a NumPy function so that it runs on the data and on the mask alike."""

    def decorate(func):
        if kind == "single":

            def wrapper(a, /, *args, **kwargs):
                return masked_array(
                    data=func(np.asarray(getdata(a)), *args, **kwargs),
                    mask=func(getmaskarray(a), *args, **kwargs),
                )
        elif kind == "seq":

            def wrapper(arys, /, *args, **kwargs):
                return masked_array(
                    data=func(tuple(np.asarray(getdata(a)) for a in arys), *args, **kwargs),
                    mask=func(tuple(getmaskarray(a) for a in arys), *args, **kwargs),
                )
        else:

            def wrapper(*arys, **kwargs):
                out = tuple(
                    masked_array(
                        data=func(np.asarray(getdata(a)), **kwargs),
                        mask=func(getmaskarray(a), **kwargs),
                    )
                    for a in arys
                )
                return out[0] if len(out) == 1 else out

        functools.update_wrapper(wrapper, func, assigned=("__name__", "__qualname__"))
        wrapper.__doc__ = func.__doc__
        return wrapper

    return decorate


atleast_1d = _on_data_and_mask("all")(np.atleast_1d)
atleast_2d = _on_data_and_mask("all")(np.atleast_2d)
atleast_3d = _on_data_and_mask("all")(np.atleast_3d)
vstack = row_stack = _on_data_and_mask("seq")(np.vstack)
hstack = _on_data_and_mask("seq")(np.hstack)
column_stack = _on_data_and_mask("seq")(np.column_stack)
dstack = _on_data_and_mask("seq")(np.dstack)
stack = _on_data_and_mask("seq")(np.stack)
diagflat = _on_data_and_mask("single")(np.diagflat)


def hsplit(a, /, *args, **kwargs):
    """Split `a` horizontally; each piece keeps its part of the mask."""
    data = np.hsplit(np.asarray(getdata(a)), *args, **kwargs)
    mask = np.hsplit(getmaskarray(a), *args, **kwargs)
    return masked_array(data=data, mask=mask)


# -- averages --------------------------------------------------------------------------


def average(a, axis=None, weights=None, returned=False, *, keepdims=_NoValue):
    """The (weighted) average of the unmasked entries along `axis`."""
    a = asarray(a)
    m = getmask(a)
    if axis is not None:
        axis = _normalize_axes(axis, a.ndim)
    keep = {} if keepdims is _NoValue else {"keepdims": keepdims}
    if weights is None:
        avg = a.mean(axis, **keep)
        scl = avg.dtype.type(a.count(axis))
    else:
        wgt = asarray(weights)
        if np.issubdtype(a.dtype, np.integer) or a.dtype == np.bool_:
            result_dtype = np.result_type(a.dtype, wgt.dtype, "f8")
        else:
            result_dtype = np.result_type(a.dtype, wgt.dtype)
        if a.shape != wgt.shape:
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if wgt.shape != tuple(a.shape[ax] for ax in axis):
                raise ValueError(
                    "Shape of weights must be consistent with shape of a along specified axis."
                )
            # Weights laid along the reduced axes, in the order of `axis`.
            wgt = wgt.transpose(np.argsort(axis))
            wgt = wgt.reshape(tuple(s if ax in axis else 1 for ax, s in enumerate(a.shape)))
        if m is not nomask:
            wgt = wgt * (~a.mask)
            wgt.mask |= a.mask
        scl = wgt.sum(axis=axis, dtype=result_dtype, **keep)
        avg = np.multiply(getdata(a), getdata(wgt), dtype=result_dtype)
        avg = masked_array(avg, mask=getmask(a * wgt) if m is not nomask else nomask)
        avg = avg.sum(axis, **keep) / scl
    if returned:
        if np.shape(scl) != np.shape(avg):
            scl = np.broadcast_to(scl, np.shape(avg)).copy()
        return avg, scl
    return avg


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """The median of the unmasked entries along `axis` (NaN if a lane holds NaN)."""
    if not hasattr(a, "mask"):
        m = np.median(
            getdata(a, subok=True),
            axis=axis,
            out=out,
            overwrite_input=overwrite_input,
            keepdims=keepdims,
        )
        if isinstance(m, ndarray) and m.ndim >= 1:
            return masked_array(m, copy=False)
        return m
    a = asarray(a)
    if axis is None:
        work = a.ravel()
        lane_axis = 0
    else:
        (lane_axis,) = _normalize_axes(axis, a.ndim)
        work = a
    result = _median_lanes(work, lane_axis)
    if keepdims:
        if axis is None:
            shape = (1,) * a.ndim
        else:
            shape = tuple(1 if i == lane_axis else s for i, s in enumerate(a.shape))
        if result is masked:
            result = masked_array(np.zeros(shape), mask=True)
        elif isinstance(result, MaskedArray):
            result = result.reshape(shape)
        else:
            result = masked_array(np.asarray(result).reshape(shape))
    if out is not None:
        np.copyto(out, getdata(result), casting="unsafe")
        return out
    return result


def _median_lanes(a, axis):
    """The median of each lane of `a` along `axis`, as NumPy's masked median computes
    it: masked entries sort last, the middle one or two unmasked entries are averaged."""
    inexact = np.issubdtype(a.dtype, np.inexact)
    fill = np.inf if inexact else None
    asorted = _masked_sort(a, axis=axis, fill_value=fill)
    data = getdata(asorted)
    mask = getmaskarray(asorted)
    n = a.shape[axis]
    if n == 0:
        index = [slice(None)] * a.ndim
        index[axis] = slice(0, 0)
        return asorted[tuple(index)].mean(axis=axis)
    counts = (~mask).sum(axis=axis, keepdims=True)
    half = counts // 2
    odd = counts % 2 == 1
    low = np.where(odd, half, half - 1)
    # A lane with every entry masked reads index -1 / 0: clip, then mask the result.
    low_c = np.clip(low, 0, n - 1)
    high_c = np.clip(half, 0, n - 1)
    lo = np.take_along_axis(data, low_c, axis=axis)
    hi = np.take_along_axis(data, high_c, axis=axis)
    all_masked = counts == 0
    if inexact:
        with np.errstate(invalid="ignore", over="ignore"):
            s = (lo + hi) / 2.0 if a.dtype.kind == "c" else np.true_divide(lo + hi, 2.0)
        s = s.astype(a.dtype) if a.dtype.kind in "fc" else s
        # A NaN anywhere in a lane (it sorts among the unmasked values) gives NaN.
        has_nan = np.any(np.isnan(data) & ~mask, axis=axis, keepdims=True)
        s = np.where(has_nan, np.asarray(math.nan, dtype=s.dtype), s)
    else:
        s = (lo.astype(np.float64) + hi.astype(np.float64)) / 2.0
    # A lane with nothing unmasked holds 0 under its mask, as NumPy's masked sum leaves.
    s = np.where(all_masked, np.zeros((), dtype=s.dtype), s)
    s = np.squeeze(s, axis=axis)
    all_masked = np.squeeze(all_masked, axis=axis)
    if s.ndim == 0:
        if bool(all_masked):
            return masked
        return s[()]
    return masked_array(s, mask=all_masked)


# -- rows and columns ----------------------------------------------------------------


def compress_nd(x, axis=None):
    """`x` without the slices (along each axis in `axis`) that hold a masked entry."""
    x = asarray(x)
    m = getmask(x)
    axes = tuple(range(x.ndim)) if axis is None else _normalize_axes(axis, x.ndim)
    if m is nomask or not m.any():
        return x._data
    if m.all():
        return np.array([])
    data = x._data
    for ax in axes:
        others = tuple(i for i in range(x.ndim) if i != ax)
        data = data[(slice(None),) * ax + (~m.any(axis=others),)]
    return data


def compress_rowcols(x, axis=None):
    """A 2-D `x` without the rows and/or columns that hold a masked entry."""
    if asarray(x).ndim != 2:
        raise NotImplementedError("compress_rowcols works for 2D arrays only.")
    return compress_nd(x, axis=axis)


def compress_rows(a):
    """A 2-D `a` without the rows that hold a masked entry."""
    a = asarray(a)
    if a.ndim != 2:
        raise NotImplementedError("compress_rows works for 2D arrays only.")
    return compress_rowcols(a, 0)


def compress_cols(a):
    """A 2-D `a` without the columns that hold a masked entry."""
    a = asarray(a)
    if a.ndim != 2:
        raise NotImplementedError("compress_cols works for 2D arrays only.")
    return compress_rowcols(a, 1)


def mask_rowcols(a, axis=None):
    """A 2-D `a` with every row and/or column holding a masked entry masked whole."""
    a = masked_array(a)
    if a.ndim != 2:
        raise NotImplementedError("mask_rowcols works for 2D arrays only.")
    m = getmask(a)
    if m is nomask or not m.any():
        return a
    rows, cols = np.nonzero(m)
    a._mask = a._mask.copy()
    if not axis:
        a[np.unique(rows)] = masked
    if axis in [None, 1, -1]:
        a[:, np.unique(cols)] = masked
    return a


def mask_rows(a, axis=_NoValue):
    """A 2-D `a` with every row holding a masked entry masked whole."""
    return mask_rowcols(a, 0)


def mask_cols(a, axis=_NoValue):
    """A 2-D `a` with every column holding a masked entry masked whole."""
    return mask_rowcols(a, 1)


def ediff1d(arr, to_end=None, to_begin=None):
    """The differences of consecutive entries of the flattened `arr`, masks carried."""
    arr = asarray(arr).ravel()
    ed = arr[1:] - arr[:-1]
    arrays = [ed]
    if to_begin is not None:
        arrays.insert(0, to_begin)
    if to_end is not None:
        arrays.append(to_end)
    if len(arrays) != 1:
        ed = hstack(arrays)
    return ed
