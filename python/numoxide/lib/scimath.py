"""numoxide.lib.scimath (also ``numoxide.emath``): math functions whose results turn
complex where the real function has no real value, as NumPy's ``numpy.emath``.

``emath.sqrt(-1)`` is ``1j`` where ``numoxide.sqrt(-1)`` is ``nan`` with a warning. Each
function looks at its input once: if some real element lies outside the real domain, the
whole input is promoted to complex (complex64 for the small types, complex128 otherwise)
before the ordinary ufunc runs. This module is glue over the ufuncs, as NumPy's is.
"""

import numoxide as _nx

__all__ = ["sqrt", "log", "log2", "logn", "log10", "power", "arccos", "arcsin", "arctanh"]

# Input types whose complex form is complex64 (NumPy's rule); every other type goes to
# complex128.
_SINGLE_COMPLEX = ("float32", "int8", "int16", "uint8", "uint16", "complex64")


def _tocomplex(arr):
    """`arr` cast to the complex type NumPy's scimath picks for its dtype."""
    if arr.dtype.name in _SINGLE_COMPLEX:
        return arr.astype(_nx.complex64)
    return arr.astype(_nx.complex128)


def _real_where(x, condition):
    """Whether some real-valued element of `x` meets `condition`."""
    return bool(_nx.any(_nx.isreal(x) & condition))


def _fix_real_lt_zero(x):
    """`x` as an array, complex when a real element is negative."""
    x = _nx.asarray(x)
    if _real_where(x, x < 0):
        x = _tocomplex(x)
    return x


def _fix_int_lt_zero(x):
    """`x` as an array, as floats when a real element is negative (integer powers
    cannot be negative)."""
    x = _nx.asarray(x)
    if _real_where(x, x < 0):
        x = x * 1.0
    return x


def _fix_real_abs_gt_1(x):
    """`x` as an array, complex when a real element lies outside [-1, 1]."""
    x = _nx.asarray(x)
    if _real_where(x, _nx.abs(x) > 1):
        x = _tocomplex(x)
    return x


def sqrt(x):
    """Square root, complex for negative input."""
    return _nx.sqrt(_fix_real_lt_zero(x))


def log(x):
    """Natural logarithm, complex for negative input."""
    return _nx.log(_fix_real_lt_zero(x))


def log10(x):
    """Base-10 logarithm, complex for negative input."""
    return _nx.log10(_fix_real_lt_zero(x))


def log2(x):
    """Base-2 logarithm, complex for negative input."""
    return _nx.log2(_fix_real_lt_zero(x))


def logn(n, x):
    """Logarithm of `x` to the base `n`, complex for negative input."""
    x = _fix_real_lt_zero(x)
    n = _fix_real_lt_zero(n)
    return _nx.log(x) / _nx.log(n)


def power(x, p):
    """`x ** p`, complex for negative `x`; negative integer powers as floats."""
    x = _fix_real_lt_zero(x)
    p = _fix_int_lt_zero(p)
    return _nx.power(x, p)


def arccos(x):
    """Inverse cosine, complex outside [-1, 1]."""
    return _nx.arccos(_fix_real_abs_gt_1(x))


def arcsin(x):
    """Inverse sine, complex outside [-1, 1]."""
    return _nx.arcsin(_fix_real_abs_gt_1(x))


def arctanh(x):
    """Inverse hyperbolic tangent, complex outside [-1, 1]."""
    return _nx.arctanh(_fix_real_abs_gt_1(x))
