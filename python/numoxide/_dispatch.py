"""How a module function hands an ndarray subclass to the subclass's own method.

NumPy's `np.sum(x)`, `np.argsort(x)`, `np.clip(x, ...)` and their kin call the method of
the same name when `x` is not exactly an ndarray. numoxide's engine functions check the
type (see `crates/numoxide-py/src/delegate.rs`) and, for a subclass that overrides the
method, call `delegate(name, args, kwargs)` here. Each rule below takes NumPy's signature
and calls the method as NumPy does: which arguments go by keyword, and which only when
the caller gave them.
"""

from numoxide.linalg import _NoValue


def _given(**kwargs):
    return {k: v for k, v in kwargs.items() if v is not _NoValue}


def _reduction(method, with_dtype=True):
    def rule(
        a, axis=None, dtype=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue
    ):
        passed = _given(keepdims=keepdims, initial=initial, where=where)
        if with_dtype and dtype is not None:
            return getattr(a, method)(axis=axis, dtype=dtype, out=out, **passed)
        return getattr(a, method)(axis=axis, out=out, **passed)

    return rule


def _extremum(method):
    def rule(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
        passed = _given(keepdims=keepdims, initial=initial, where=where)
        return getattr(a, method)(axis=axis, out=out, **passed)

    return rule


def _any_all(method):
    def rule(a, axis=None, out=None, keepdims=_NoValue, *, where=_NoValue):
        return getattr(a, method)(axis=axis, out=out, **_given(keepdims=keepdims, where=where))

    return rule


def _mean(a, axis=None, dtype=None, out=None, keepdims=_NoValue, *, where=_NoValue):
    return a.mean(axis=axis, dtype=dtype, out=out, **_given(keepdims=keepdims, where=where))


def _spread(method):
    def rule(
        a,
        axis=None,
        dtype=None,
        out=None,
        ddof=0,
        keepdims=_NoValue,
        *,
        where=_NoValue,
        mean=_NoValue,
        correction=_NoValue,
    ):
        if correction is not _NoValue:
            if ddof != 0:
                raise ValueError("ddof and correction can't be provided simultaneously.")
            ddof = correction
        passed = _given(keepdims=keepdims, where=where, mean=mean)
        return getattr(a, method)(axis=axis, dtype=dtype, out=out, ddof=ddof, **passed)

    return rule


def _cumulative(method):
    def rule(a, axis=None, dtype=None, out=None):
        return getattr(a, method)(axis=axis, dtype=dtype, out=out)

    return rule


def _arg_extremum(method):
    def rule(a, axis=None, out=None, *, keepdims=_NoValue):
        return getattr(a, method)(axis=axis, out=out, **_given(keepdims=keepdims))

    return rule


def _argsort(a, axis=-1, kind=None, order=None, *, stable=None, descending=_NoValue):
    if descending is not _NoValue:
        return a.argsort(axis=axis, kind=kind, order=order, stable=stable, descending=descending)
    return a.argsort(axis=axis, kind=kind, order=order, stable=stable)


def _sort(a, axis=-1, kind=None, order=None, *, stable=None, descending=_NoValue):
    if axis is None:
        a = a.flatten()
        axis = -1
    else:
        a = a.copy(order="K")
    if descending is not _NoValue:
        a.sort(axis=axis, kind=kind, order=order, stable=stable, descending=descending)
    else:
        a.sort(axis=axis, kind=kind, order=order, stable=stable)
    return a


def _round(a, decimals=0, out=None):
    return a.round(decimals=decimals, out=out)


def _clip(a, a_min=_NoValue, a_max=_NoValue, out=None, *, min=_NoValue, max=_NoValue, **kwargs):  # noqa: A002
    # NumPy passes the bounds on positionally; here only the ones given (None for an
    # upper bound without a lower one).
    bounds = [a_min, a_max]
    while bounds and bounds[-1] is _NoValue:
        bounds.pop()
    bounds = [None if v is _NoValue else v for v in bounds]
    return a.clip(*bounds, out=out, **kwargs, **_given(min=min, max=max))


def _take(a, indices, axis=None, out=None, mode="raise"):
    return a.take(indices, axis=axis, out=out, mode=mode)


def _repeat(a, repeats, axis=None):
    return a.repeat(repeats, axis=axis)


def _nonzero(a):
    return a.nonzero()


def _swapaxes(a, axis1, axis2):
    return a.swapaxes(axis1, axis2)


def _transpose(a, axes=None):
    return a.transpose(axes)


def _reshape(a, /, shape, order="C", *, copy=None):
    if copy is not None:
        return a.reshape(shape, order=order, copy=copy)
    return a.reshape(shape, order=order)


def _squeeze(a, axis=None):
    if axis is None:
        return a.squeeze()
    return a.squeeze(axis=axis)


def _searchsorted(a, v, side="left", sorter=None):
    return a.searchsorted(v, side=side, sorter=sorter)


def _ravel(a, order="C"):
    return a.ravel(order=order)


def _plain_if_matrix(a):
    # NumPy's np.trace/np.diagonal read a matrix as a plain array (a 1-D diagonal).
    from numoxide import ndarray
    from numoxide.matrixlib import matrix

    return a.view(ndarray) if isinstance(a, matrix) else a


def _trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    a = _plain_if_matrix(a)
    return a.trace(offset=offset, axis1=axis1, axis2=axis2, dtype=dtype, out=out)


def _diagonal(a, offset=0, axis1=0, axis2=1):
    return _plain_if_matrix(a).diagonal(offset=offset, axis1=axis1, axis2=axis2)


def _diag(v, k=0):
    # NumPy: a 2-D input gives np.diagonal(v, k); a 1-D one builds a plain 2-D array.
    if v.ndim == 2:
        return _diagonal(v, k)
    import numoxide

    return numoxide.diag(v.view(numoxide.ndarray), k)


def weights_along(shape, wgt, axis):
    """np.average's weights for an input of `shape`: as given when the shapes agree,
    else laid along the reduced `axis` (a normalized tuple) with NumPy's errors."""
    import numoxide as np

    if shape == wgt.shape:
        return wgt
    if axis is None:
        raise TypeError("Axis must be specified when shapes of a and weights differ.")
    if wgt.shape != tuple(shape[ax] for ax in axis):
        raise ValueError(
            "Shape of weights must be consistent with shape of a along specified axis."
        )
    wgt = wgt.transpose(np.argsort(axis))
    return wgt.reshape(tuple(s if ax in axis else 1 for ax, s in enumerate(shape)))


def average_dtype(a_dtype, w_dtype):
    """The dtype np.average computes in: at least float64 for integer and bool input."""
    import numoxide as np

    if np.issubdtype(a_dtype, np.integer) or a_dtype == np.bool_:
        return np.result_type(a_dtype, w_dtype, "f8")
    return np.result_type(a_dtype, w_dtype)


def _average(a, axis=None, weights=None, returned=False, *, keepdims=_NoValue):
    # NumPy's average over a subclass: its mean, or its product with the weights summed
    # by its own sum, then divided by the weights' sum.
    import numoxide as np
    from numoxide.lib.array_utils import normalize_axis_tuple

    if axis is not None:
        axis = normalize_axis_tuple(axis, a.ndim, argname="axis")
    keep = _given(keepdims=keepdims)
    if weights is None:
        avg = a.mean(axis, **keep)
        plain = np.asanyarray(avg)
        scl = plain.dtype.type(a.size / plain.size)
    else:
        wgt = weights_along(a.shape, np.asanyarray(weights), axis)
        result_dtype = average_dtype(a.dtype, wgt.dtype)
        scl = wgt.sum(axis=axis, dtype=result_dtype, **keep)
        if np.any(scl == 0.0):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = plain = np.multiply(a, wgt, dtype=result_dtype).sum(axis, **keep) / scl
    if returned:
        if np.shape(scl) != np.shape(plain):
            scl = np.broadcast_to(scl, np.shape(plain), subok=True).copy()
        return avg, scl
    return avg


def _choose(a, choices, out=None, mode="raise"):
    return a.choose(choices, out=out, mode=mode)


_RULES = {
    "sum": _reduction("sum"),
    "prod": _reduction("prod"),
    "max": _extremum("max"),
    "min": _extremum("min"),
    "amax": _extremum("max"),
    "amin": _extremum("min"),
    "any": _any_all("any"),
    "all": _any_all("all"),
    "mean": _mean,
    "var": _spread("var"),
    "std": _spread("std"),
    "cumsum": _cumulative("cumsum"),
    "cumprod": _cumulative("cumprod"),
    "argmax": _arg_extremum("argmax"),
    "argmin": _arg_extremum("argmin"),
    "argsort": _argsort,
    "sort": _sort,
    "round": _round,
    "around": _round,
    "clip": _clip,
    "take": _take,
    "repeat": _repeat,
    "nonzero": _nonzero,
    "swapaxes": _swapaxes,
    "transpose": _transpose,
    "reshape": _reshape,
    "squeeze": _squeeze,
    "searchsorted": _searchsorted,
    "ravel": _ravel,
    "trace": _trace,
    "diagonal": _diagonal,
    "diag": _diag,
    "average": _average,
    "choose": _choose,
}


def delegate(name, args, kwargs):
    """Call module function `name`'s rule: the subclass method, as NumPy calls it."""
    return _RULES[name](*args, **kwargs)
