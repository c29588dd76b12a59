"""numoxide.polynomial.chebyshev: Chebyshev series (see numpy.polynomial.chebyshev).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "Chebyshev",
    "cheb2poly",
    "chebadd",
    "chebcompanion",
    "chebder",
    "chebdiv",
    "chebdomain",
    "chebfit",
    "chebfromroots",
    "chebgauss",
    "chebint",
    "chebline",
    "chebmul",
    "chebmulx",
    "chebone",
    "chebpow",
    "chebroots",
    "chebsub",
    "chebtrim",
    "chebval",
    "chebvander",
    "chebweight",
    "chebx",
    "chebzero",
    "poly2cheb",
]

_f = _functions.make("cheb")
chebval = _f["val"]
chebadd = _f["add"]
chebsub = _f["sub"]
chebmulx = _f["mulx"]
chebmul = _f["mul"]
chebdiv = _f["div"]
chebpow = _f["pow"]
chebder = _f["der"]
chebint = _f["int"]
chebvander = _f["vander"]
chebfit = _f["fit"]
chebroots = _f["roots"]
chebcompanion = _f["companion"]
chebfromroots = _f["fromroots"]
chebline = _f["line"]
chebtrim = _f["trim"]
chebgauss = _f["gauss"]
chebweight = _f["weight"]

for _name in ["chebval", "chebadd", "chebsub", "chebmulx", "chebmul", "chebdiv", "chebpow", "chebder", "chebint", "chebvander", "chebfit", "chebroots", "chebcompanion", "chebfromroots", "chebline", "chebtrim", "chebgauss", "chebweight"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.chebyshev"

chebdomain = _array([-1.0, 1.0])
chebzero = _array([0])
chebone = _array([1])
chebx = _array([0, 1])


def poly2cheb(pol):
    """Convert a power series to a Chebyshev series."""
    return _functions.from_power("cheb", pol)


def cheb2poly(c):
    """Convert a Chebyshev series to a power series."""
    return _functions.to_power("cheb", c)


class Chebyshev(ABCPolyBase):
    """A Chebyshev series class (see numpy.polynomial.Chebyshev)."""

    _kind = "cheb"
    _funcs = _f
    domain = _array([-1.0, 1.0])
    window = _array([-1.0, 1.0])
    basis_name = "T"
