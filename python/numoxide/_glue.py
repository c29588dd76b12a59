"""Top-level functions that NumPy itself writes as compositions of other calls (its
``lib`` glue): the same compositions over numoxide's engine, so values and dtypes follow
from the engine's routines."""

from math import pi as _pi

from . import _numoxide as _nx
from ._dtypes import finfo as _finfo
from .exceptions import AxisError

__all__ = [
    "angle", "astype", "concat", "imag", "index_exp", "isfortran", "iterable",
    "permute_dims", "real", "rollaxis", "s_", "sinc", "vander",
]


def permute_dims(a, axes=None):
    """Array API name of ``transpose``."""
    return _nx.transpose(a, axes)


def concat(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Array API name of ``concatenate``."""
    return _nx.concatenate(arrays, axis=axis, out=out, dtype=dtype, casting=casting)


def astype(x, dtype, /, *, copy=True, device=None):
    """``x.astype(dtype)`` as a function (Array API)."""
    if not isinstance(x, _nx.ndarray):
        raise TypeError(f"Input should be a NumPy array. It is a {type(x)} instead.")
    if device not in (None, "cpu"):
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')
    return x.astype(dtype, copy=copy)


def rollaxis(a, axis, start=0):
    """Roll ``axis`` backwards until it lies before position ``start``."""
    n = a.ndim
    if not -n <= axis < n:
        raise AxisError(f"axis {axis} is out of bounds for array of dimension {n}")
    axis %= n if n else 1
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise AxisError(f"'start' arg requires {-n} <= start < {n + 1}, but {start - n if start < 0 else start} was passed in")
    if axis < start:
        start -= 1
    if axis == start:
        return a[...]
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return a.transpose(axes)


def real(val):
    """The real part (a view for complex arrays)."""
    try:
        return val.real
    except AttributeError:
        return _nx.asanyarray(val).real


def imag(val):
    """The imaginary part (a view for complex arrays)."""
    try:
        return val.imag
    except AttributeError:
        return _nx.asanyarray(val).imag


def angle(z, deg=False):
    """The counterclockwise angle from the positive real axis."""
    z = _nx.asanyarray(z)
    if z.dtype.kind == "c":
        zimag, zreal = z.imag, z.real
    else:
        zimag, zreal = 0, z
    a = _nx.arctan2(zimag, zreal)
    if deg:
        a *= 180 / _pi
    return a


def sinc(x):
    """sin(pi x) / (pi x), 1 at 0."""
    x = _nx.asanyarray(x)
    x = _pi * x
    eps = _finfo(x.dtype).eps if x.dtype.kind == "f" else 1e-20
    y = _nx.where(x, x, eps)
    return _nx.sin(y) / y


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix: columns are powers of ``x``."""
    x = _nx.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    if N is None:
        N = len(x)
    v = _nx.empty((len(x), N), dtype=_nx.promote_types(x.dtype, int))
    tmp = v[:, ::-1] if not increasing else v
    if N > 0:
        tmp[:, 0] = 1
    if N > 1:
        tmp[:, 1:] = x[:, None]
        _nx.multiply.accumulate(tmp[:, 1:], out=tmp[:, 1:], axis=1)
    return v


def iterable(y):
    """Whether ``iter(y)`` works."""
    try:
        iter(y)
    except TypeError:
        return False
    return True


def isfortran(a):
    """Whether ``a`` is Fortran-contiguous and not C-contiguous."""
    return a.flags.fnc


class _IndexExpression:
    """``s_[...]`` / ``index_exp[...]``: build index tuples with slice syntax."""

    def __init__(self, maketuple):
        self.maketuple = maketuple

    def __getitem__(self, item):
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        return item


index_exp = _IndexExpression(maketuple=True)
s_ = _IndexExpression(maketuple=False)
