"""numoxide.polynomial.laguerre: Laguerre series (see numpy.polynomial.laguerre).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "Laguerre",
    "lag2poly",
    "lagadd",
    "lagcompanion",
    "lagder",
    "lagdiv",
    "lagdomain",
    "lagfit",
    "lagfromroots",
    "laggauss",
    "laggrid2d",
    "laggrid3d",
    "lagint",
    "lagline",
    "lagmul",
    "lagmulx",
    "lagone",
    "lagpow",
    "lagroots",
    "lagsub",
    "lagtrim",
    "lagval",
    "lagval2d",
    "lagval3d",
    "lagvalnd",
    "lagvander",
    "lagvander2d",
    "lagvander3d",
    "lagweight",
    "lagx",
    "lagzero",
    "poly2lag",
]

_f = _functions.make("lag")
lagval = _f["val"]
lagadd = _f["add"]
lagsub = _f["sub"]
lagmulx = _f["mulx"]
lagmul = _f["mul"]
lagdiv = _f["div"]
lagpow = _f["pow"]
lagder = _f["der"]
lagint = _f["int"]
lagvander = _f["vander"]
lagfit = _f["fit"]
lagroots = _f["roots"]
lagcompanion = _f["companion"]
lagfromroots = _f["fromroots"]
lagline = _f["line"]
lagtrim = _f["trim"]
laggauss = _f["gauss"]
lagweight = _f["weight"]

lagval2d = _f["val2d"]
lagval3d = _f["val3d"]
lagvalnd = _f["valnd"]
laggrid2d = _f["grid2d"]
laggrid3d = _f["grid3d"]
lagvander2d = _f["vander2d"]
lagvander3d = _f["vander3d"]
for _name in ["lagval", "lagadd", "lagsub", "lagmulx", "lagmul", "lagdiv", "lagpow", "lagder", "lagint", "lagvander", "lagfit", "lagroots", "lagcompanion", "lagfromroots", "lagline", "lagtrim", "laggauss", "lagweight", "lagval2d", "lagval3d", "lagvalnd", "laggrid2d", "laggrid3d", "lagvander2d", "lagvander3d"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.laguerre"

lagdomain = _array([0.0, 1.0])
lagzero = _array([0])
lagone = _array([1])
lagx = _array([1, -1])


def poly2lag(pol):
    """Convert a power series to a Laguerre series."""
    return _functions.from_power("lag", pol)


def lag2poly(c):
    """Convert a Laguerre series to a power series."""
    return _functions.to_power("lag", c)


class Laguerre(ABCPolyBase):
    """A Laguerre series class (see numpy.polynomial.Laguerre)."""

    _kind = "lag"
    _funcs = _f
    domain = _array([0.0, 1.0])
    window = _array([0.0, 1.0])
    basis_name = "L"
