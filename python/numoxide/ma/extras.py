"""More masked-array functions (NumPy's numpy.ma.extras): stacking, averages and
medians, and dropping or masking whole rows and columns."""

import functools
import math

import numoxide as np
from numoxide import ndarray
from numoxide._dispatch import average_dtype, weights_along
from numoxide._glue import _apply_over_axes
from numoxide.lib.array_utils import normalize_axis_tuple
from numoxide.linalg import _NoValue

from .core import (
    MaskedArray,
    MaskedConstant,
    asarray,
    concatenate,
    default_fill_value,
    diagonal,
    expand_dims,
    getdata,
    getmask,
    getmaskarray,
    is_masked,
    mask_or,
    masked,
    masked_array,
    multiply,
    nomask,
    sqrt,
)
from .core import sort as _masked_sort

__all__ = [
    "atleast_1d", "atleast_2d", "atleast_3d", "average", "column_stack",
    "compress_cols", "compress_nd", "compress_rowcols", "compress_rows",
    "count_masked", "diagflat", "dstack", "ediff1d", "hsplit", "hstack",
    "mask_cols", "mask_rowcols", "mask_rows", "masked_all", "masked_all_like",
    "median", "row_stack", "stack", "vstack", "clump_masked", "clump_unmasked",
    "flatnotmasked_contiguous", "flatnotmasked_edges", "notmasked_contiguous",
    "notmasked_edges", "ndenumerate", "vander", "polyfit", "cov", "corrcoef", "unique",
    "union1d", "intersect1d", "setxor1d", "in1d", "isin", "setdiff1d", "apply_along_axis",
    "apply_over_axes", "mr_",
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
        axis = normalize_axis_tuple(axis, a.ndim)
    keep = {} if keepdims is _NoValue else {"keepdims": keepdims}
    if weights is None:
        avg = a.mean(axis, **keep)
        scl = avg.dtype.type(a.count(axis))
    else:
        wgt = asarray(weights)
        result_dtype = average_dtype(a.dtype, wgt.dtype)
        wgt = weights_along(a.shape, wgt, axis)
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
        (lane_axis,) = normalize_axis_tuple(axis, a.ndim)
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
    axes = tuple(range(x.ndim)) if axis is None else normalize_axis_tuple(axis, x.ndim)
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


# -- runs of masked and unmasked entries -------------------------------------------------


def _runs(mask):
    """The slices of the runs of True in a flat boolean mask."""
    flat = np.asarray(mask).ravel().astype(np.int8)
    # A run starts where the padded mask steps up and ends where it steps down.
    steps = np.flatnonzero(np.diff(np.concatenate(([0], flat, [0]))))
    return [slice(int(lo), int(hi)) for lo, hi in zip(steps[::2], steps[1::2])]


def clump_unmasked(a):
    """The slices of the runs of unmasked entries of a 1-D array."""
    mask = getattr(a, "_mask", nomask)
    if mask is nomask:
        return [slice(0, a.size)]
    return _runs(~mask)


def clump_masked(a):
    """The slices of the runs of masked entries of a 1-D array."""
    mask = getmask(a)
    if mask is nomask:
        return []
    return _runs(mask)


def flatnotmasked_edges(a):
    """The indices of the first and last unmasked entries (None if all are masked)."""
    m = getmask(a)
    if m is nomask or not np.any(m):
        return np.array([0, a.size - 1])
    unmasked = np.flatnonzero(~m)
    if len(unmasked) > 0:
        return unmasked[[0, -1]]
    return None


def notmasked_edges(a, axis=None):
    """The first and last unmasked indices along `axis` (flattened when None)."""
    a = asarray(a)
    if axis is None or a.ndim == 1:
        return flatnotmasked_edges(a)
    m = getmaskarray(a)
    idx = masked_array(np.indices(a.shape), mask=np.asarray([m] * a.ndim))
    first = tuple(idx[i].min(axis).compressed() for i in range(a.ndim))
    last = tuple(idx[i].max(axis).compressed() for i in range(a.ndim))
    return [first, last]


def flatnotmasked_contiguous(a):
    """The slices of the runs of unmasked entries of the flattened array."""
    m = getmask(a)
    if m is nomask:
        return [slice(0, a.size)]
    return _runs(~m)


def notmasked_contiguous(a, axis=None):
    """The runs of unmasked entries along `axis` of an array of at most 2 dimensions."""
    a = asarray(a)
    if a.ndim > 2:
        raise NotImplementedError("Currently limited to at most 2D array.")
    if axis is None or a.ndim == 1:
        return flatnotmasked_contiguous(a)
    other = (axis + 1) % 2
    result = []
    for i in range(a.shape[other]):
        index = [0, 0]
        index[axis] = slice(None)
        index[other] = i
        result.append(flatnotmasked_contiguous(a[tuple(index)]))
    return result


def ndenumerate(a, compressed=True):
    """(index, value) pairs, skipping masked entries (or giving `masked` for them)."""
    for (index, value), m in zip(np.ndenumerate(getdata(a)), getmaskarray(a).flat):
        if not m:
            yield index, value
        elif not compressed:
            yield index, masked


# -- fits and statistics -----------------------------------------------------------------


def vander(x, n=None):
    """The Vandermonde matrix of `x`, with rows of masked entries zeroed."""
    result = np.vander(getdata(x), n)
    m = getmask(x)
    if m is not nomask:
        result[m] = 0
    return result


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """np.polyfit over the points where neither x nor y (nor w) is masked."""
    x = asarray(x)
    y = asarray(y)
    m = getmask(x)
    if y.ndim == 1:
        m = mask_or(m, getmask(y))
    elif y.ndim == 2:
        my = getmask(mask_rows(y))
        if my is not nomask:
            m = mask_or(m, my[:, 0])
    else:
        raise TypeError("Expected a 1D or 2D array for y!")
    if w is not None:
        w = asarray(w)
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
        m = mask_or(m, getmask(w))
    xd, yd = getdata(x), getdata(y)
    wd = None if w is None else getdata(w)
    if m is not nomask:
        keep = ~m
        xd, yd = xd[keep], yd[keep]
        wd = None if wd is None else wd[keep]
    return np.polyfit(xd, yd, deg, rcond, full, wd, cov)


def _centered(x, y, rowvar, allow_masked):
    """The inputs of cov/corrcoef: float data, centered over the unmasked entries, and
    the 0/1 weights of the unmasked entries."""
    x = masked_array(x, ndmin=2, copy=True, dtype=float)
    xmask = getmaskarray(x)
    if not allow_masked and xmask.any():
        raise ValueError("Cannot process masked data.")
    if x.shape[0] == 1:
        rowvar = True
    rowvar = int(bool(rowvar))
    axis = 1 - rowvar
    if y is None:
        notmask = np.logical_not(xmask).astype(np.float32)
    else:
        y = masked_array(y, copy=False, ndmin=2, dtype=float)
        ymask = getmaskarray(y)
        if not allow_masked and ymask.any():
            raise ValueError("Cannot process masked data.")
        if (xmask.any() or ymask.any()) and y.shape == x.shape:
            common = np.logical_or(xmask, ymask)
            xmask = ymask = common
            x._mask = common
            y._mask = common
        x = concatenate((x, y), axis)
        notmask = np.logical_not(np.concatenate((xmask, ymask), axis)).astype(np.float32)
    mean = x.mean(axis=rowvar)
    x -= mean[:, None] if rowvar else mean[None, :]
    return x, notmask, rowvar


def cov(x, y=None, rowvar=True, bias=False, allow_masked=True, ddof=None):
    """The covariance matrix over the unmasked entries (each pair normalized by the
    count of entries both have)."""
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be an integer")
    if ddof is None:
        ddof = 0 if bias else 1
    x, notmask, rowvar = _centered(x, y, rowvar, allow_masked)
    xf = x.filled(0)
    if rowvar:
        fact = np.dot(notmask, notmask.T) - ddof
        with np.errstate(divide="ignore", invalid="ignore"):
            data = np.dot(xf, xf.T.conj()) / fact
    else:
        fact = np.dot(notmask.T, notmask) - ddof
        with np.errstate(divide="ignore", invalid="ignore"):
            data = np.dot(xf.T, xf.conj()) / fact
    mask = np.less_equal(fact, 0)
    return masked_array(data, mask=mask).squeeze()


def corrcoef(x, y=None, rowvar=True, allow_masked=True):
    """The correlation coefficients over the unmasked entries."""
    corr = cov(x, y, rowvar, allow_masked=allow_masked)
    try:
        std = sqrt(diagonal(corr))
    except ValueError:
        return MaskedConstant()
    corr /= multiply.outer(std, std)
    return corr


# -- set operations (masked entries act as one value that sorts last) --------------------


def unique(ar1, return_index=False, return_inverse=False):
    """The sorted unique unmasked values, then one masked entry if any were masked."""
    a = np.ma.asanyarray(ar1).ravel()
    order = a.argsort(kind="stable")
    aux = a[order]
    d = getdata(aux)
    m = getmaskarray(aux)
    first = np.ones(aux.shape, dtype=bool)
    if aux.size:
        # A run starts where the value changes between unmasked neighbours, or where
        # maskedness changes; consecutive masked entries are one run.
        first[1:] = ((d[1:] != d[:-1]) & ~m[1:]) | (m[1:] != m[:-1])
    values = aux[first].view(MaskedArray)
    if not (return_index or return_inverse) and not is_masked(a):
        # NumPy takes its hash-table path here, on the plain data: no mask comes back.
        values._mask = nomask
    out = [values]
    if return_index:
        out.append(np.asarray(order)[first])
    if return_inverse:
        inverse = np.empty(aux.shape, dtype=np.intp)
        inverse[np.asarray(order)] = np.cumsum(first) - 1
        out.append(inverse)
    return out[0] if len(out) == 1 else tuple(out)


def union1d(ar1, ar2):
    """The sorted unique values of both inputs."""
    return unique(concatenate((np.ma.asanyarray(ar1).ravel(), np.ma.asanyarray(ar2).ravel())))


def intersect1d(ar1, ar2, assume_unique=False):
    """The sorted values found in both inputs."""
    if assume_unique:
        aux = concatenate((ar1, ar2))
    else:
        aux = concatenate((unique(ar1), unique(ar2)))
    aux.sort()
    return aux[:-1][aux[1:] == aux[:-1]]


def setxor1d(ar1, ar2, assume_unique=False):
    """The sorted values found in exactly one of the inputs."""
    if not assume_unique:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    aux = concatenate((np.ma.asanyarray(ar1).ravel(), np.ma.asanyarray(ar2).ravel()))
    if aux.size == 0:
        return aux
    aux.sort()
    auxf = aux.filled()
    flag = np.concatenate(([True], auxf[1:] != auxf[:-1], [True]))
    return aux[flag[1:] == flag[:-1]]


def in1d(ar1, ar2, assume_unique=False, invert=False):
    """For each entry of the flattened ar1, whether it occurs in ar2."""
    if not assume_unique:
        ar1, rev_idx = unique(ar1, return_inverse=True)
        ar2 = unique(ar2)
    ar = concatenate((np.ma.asanyarray(ar1).ravel(), np.ma.asanyarray(ar2).ravel()))
    order = ar.argsort(kind="stable")
    sar = ar[order]
    bool_ar = (sar[1:] != sar[:-1]) if invert else (sar[1:] == sar[:-1])
    flag = concatenate((bool_ar, np.ma.array([invert])))
    indx = np.asarray(order).argsort(kind="stable")[: len(ar1)]
    if assume_unique:
        return flag[indx]
    return flag[indx][rev_idx]


def isin(element, test_elements, assume_unique=False, invert=False):
    """in1d shaped like `element`."""
    element = asarray(element)
    return in1d(element, test_elements, assume_unique=assume_unique, invert=invert).reshape(
        element.shape
    )


def setdiff1d(ar1, ar2, assume_unique=False):
    """The sorted unique values of ar1 that are not in ar2."""
    if assume_unique:
        ar1 = asarray(ar1).ravel()
    else:
        ar1 = unique(ar1)
        ar2 = unique(ar2)
    return ar1[in1d(ar1, ar2, assume_unique=True, invert=True)]


# -- applying functions along axes -------------------------------------------------------


def _widest(dtypes):
    """The dtype NumPy's max over a list of dtypes gives: left to right, a dtype that
    the current one casts to safely takes its place."""
    best = dtypes[0]
    for dt in dtypes[1:]:
        if dt != best and np.can_cast(best, dt):
            best = dt
    return best


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """`func1d` applied to each 1-D lane along `axis`; masked results stay masked."""
    arr = masked_array(arr, copy=False, subok=True)
    (axis,) = normalize_axis_tuple(axis, arr.ndim)
    others = arr.shape[:axis] + arr.shape[axis + 1 :]
    results = []
    for index in np.ndindex(*others):
        lane = index[:axis] + (slice(None),) + index[axis:]
        results.append(func1d(arr[lane], *args, **kwargs))
    first = results[0]
    scalar = np.isscalar(first)
    if not scalar:
        try:
            len(first)
        except TypeError:
            scalar = True
    dtype = _widest([np.asarray(getdata(r)).dtype for r in results])
    if scalar:
        flags = [
            bool(r is masked or getmask(r) is not nomask and bool(getmask(r))) for r in results
        ]
        values = [0 if f else getdata(r) for r, f in zip(results, flags)]
        data = np.array(values, dtype=dtype).reshape(others)
        mask = np.array(flags, dtype=bool).reshape(others) if any(flags) else nomask
    else:
        parts = [masked_array(r, copy=False, subok=True) for r in results]
        rshape = parts[0].shape
        data = np.array([np.asarray(getdata(p)) for p in parts], dtype=dtype)
        data = data.reshape(others + rshape)
        has_mask = any(getmask(p) is not nomask for p in parts)
        mask = nomask
        if has_mask:
            mask = np.array([getmaskarray(p) for p in parts]).reshape(others + rshape)
        # The result's own axes take the place of `axis`.
        src = list(range(len(others), len(others) + len(rshape)))
        dst = list(range(axis, axis + len(rshape)))
        data = np.moveaxis(data, src, dst)
        if mask is not nomask:
            mask = np.moveaxis(mask, src, dst)
    result = masked_array(data, mask=mask)
    result.fill_value = default_fill_value(result)
    return result


def apply_over_axes(func, a, axes):
    """`func(a, axis)` applied for each axis in turn, the dimensions kept."""
    return _apply_over_axes(func, a, axes, asarray, expand_dims)


class _MaskedRowConcatenator:
    """`mr_[...]`: slices, scalars and (masked) arrays joined along the first axis, as
    NumPy's `ma.mr_` (without its string directives)."""

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        parts = []
        for item in key:
            if isinstance(item, str):
                raise NotImplementedError("numoxide.ma.mr_ does not take string directives")
            if isinstance(item, slice):
                step = 1 if item.step is None else item.step
                start = 0 if item.start is None else item.start
                if isinstance(step, complex):
                    parts.append(np.linspace(start, item.stop, int(abs(step))))
                else:
                    parts.append(np.arange(start, item.stop, step))
            elif np.ndim(item) == 0 and not isinstance(item, ndarray):
                parts.append(np.array([item]))
            else:
                parts.append(np.ma.asanyarray(item))
        return concatenate(parts, axis=0)

    def __len__(self):
        return 0


mr_ = _MaskedRowConcatenator()
