"""Utilities of the polynomial package (see NumPy's numpy.polynomial.polyutils).

Argument checks and formatting live here; every computation on coefficient or point
arrays calls ``numoxide._numoxide._polynomial`` (Rust).
"""

import operator

from .. import _numoxide

_p = _numoxide._polynomial

__all__ = [
    "as_series",
    "format_float",
    "getdomain",
    "mapdomain",
    "mapparms",
    "trimcoef",
    "trimseq",
]


def _np():
    import numoxide

    return numoxide


def _as_int(x, desc):
    """``operator.index(x)`` with NumPy's message."""
    try:
        return operator.index(x)
    except TypeError as e:
        raise TypeError(f"{desc} must be an integer, received {x}") from e


def _is_complex(a):
    return a.dtype.kind == "c"


def as_series(alist, trim=True):
    """Return the arguments as 1-D coefficient arrays of their common type (NumPy's
    ``np.common_type``: integers become float64, float16/float32 stay)."""
    np = _np()
    arrays = [np.array(a, ndmin=1) for a in alist]
    for a in arrays:
        if a.size == 0:
            raise ValueError("Coefficient array is empty")
    if any(a.ndim != 1 for a in arrays):
        raise ValueError("Coefficient array is not 1-d")
    if trim:
        arrays = [trimseq(a) for a in arrays]
    try:
        dtype = np.common_type(*arrays)
    except Exception as e:
        raise ValueError("Coefficient arrays have no common type") from e
    return [np.array(a, copy=True, dtype=dtype) for a in arrays]


def _narrow(res, like):
    """``res`` (computed in float64/complex128) in the precision of ``like``'s dtype:
    float16/float32/complex64 inputs give float16/float32/complex64 results, as NumPy's
    series functions keep the coefficients' precision."""
    name = like.dtype.name
    if name in ("float64", "complex128") or res.dtype.kind not in "fc":
        return res
    if res.dtype.kind == "c":
        target = "complex64" if name in ("float16", "float32", "complex64") else "complex128"
    elif name in ("float16", "float32"):
        target = name
    elif name == "complex64":
        target = "float32"
    else:
        return res
    return res if res.dtype.name == target else res.astype(target)


def trimseq(seq):
    """Remove trailing exact zeros (keeping at least one element)."""
    if len(seq) == 0 or seq[-1] != 0:
        return seq
    for i in range(len(seq) - 1, -1, -1):
        if seq[i] != 0:
            break
    else:
        i = 0
    return seq[: i + 1]


def trimcoef(c, tol=0):
    """Remove trailing coefficients whose magnitude is at most ``tol``."""
    if tol < 0:
        raise ValueError("tol must be non-negative")
    [c] = as_series([c])
    return _narrow(_p.trimcoef(c, float(tol)), c)


def getdomain(x):
    """The smallest domain (interval, or rectangle corners) holding the points ``x``."""
    [x] = as_series([x], trim=False)
    return _p.getdomain(x)


def mapparms(old, new):
    """Offset and scale of the linear map taking domain ``old`` to ``new``."""
    # NumPy's arithmetic on the endpoints themselves: lists of Python numbers give
    # Python floats, arrays give their scalars.
    oldlen = old[1] - old[0]
    newlen = new[1] - new[0]
    off = (old[1] * new[0] - old[0] * new[1]) / oldlen
    scl = newlen / oldlen
    return off, scl


def mapdomain(x, old, new):
    """Apply the linear map taking ``old`` to ``new`` to the points ``x``."""
    from ._polybase import ABCPolyBase

    np = _np()
    if type(x) not in (int, float, complex) and not isinstance(x, ABCPolyBase):
        x = np.asanyarray(x)
    off, scl = mapparms(old, new)
    if isinstance(x, np.ndarray) and (x.dtype.kind in "biu" or x.dtype.name in ("float64", "complex128")):
        # `off + scl * x` is then float64/complex128: one Rust pass, the same two roundings.
        res = _p.affine(x, off, scl)
        return res[()] if res.ndim == 0 else res
    return off + scl * x


def format_float(x, parens=False):
    """A coefficient as NumPy's polynomial printing writes it."""
    np = _np()
    if not isinstance(x, (float, np.floating)) or isinstance(x, complex):
        return str(x)
    opts = np.get_printoptions()
    if x != x:
        return opts["nanstr"]
    if x in (float("inf"), float("-inf")):
        return opts["infstr"] if x > 0 else "-" + opts["infstr"]
    exp_format = False
    if x != 0:
        a = abs(x)
        if a >= 1.0e8 or a < 10 ** min(0, -(opts["precision"] - 1) // 2):
            exp_format = True
    trim, unique = "0", True
    if opts["floatmode"] == "fixed":
        trim, unique = "k", False
    if exp_format:
        s = np.format_float_scientific(
            np.float64(x), precision=opts["precision"], unique=unique, trim=trim, sign=opts["sign"] == "+"
        )
        if parens:
            s = "(" + s + ")"
    else:
        s = np.format_float_positional(
            np.float64(x),
            precision=opts["precision"],
            fractional=True,
            unique=unique,
            trim=trim,
            sign=opts["sign"] == "+",
        )
    return s
