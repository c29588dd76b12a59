"""numoxide.polynomial.legendre: Legendre series (see numpy.polynomial.legendre).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "Legendre",
    "leg2poly",
    "legadd",
    "legcompanion",
    "legder",
    "legdiv",
    "legdomain",
    "legfit",
    "legfromroots",
    "leggauss",
    "leggrid2d",
    "leggrid3d",
    "legint",
    "legline",
    "legmul",
    "legmulx",
    "legone",
    "legpow",
    "legroots",
    "legsub",
    "legtrim",
    "legval",
    "legval2d",
    "legval3d",
    "legvalnd",
    "legvander",
    "legvander2d",
    "legvander3d",
    "legweight",
    "legx",
    "legzero",
    "poly2leg",
]

_f = _functions.make("leg")
legval = _f["val"]
legadd = _f["add"]
legsub = _f["sub"]
legmulx = _f["mulx"]
legmul = _f["mul"]
legdiv = _f["div"]
legpow = _f["pow"]
legder = _f["der"]
legint = _f["int"]
legvander = _f["vander"]
legfit = _f["fit"]
legroots = _f["roots"]
legcompanion = _f["companion"]
legfromroots = _f["fromroots"]
legline = _f["line"]
legtrim = _f["trim"]
leggauss = _f["gauss"]
legweight = _f["weight"]

legval2d = _f["val2d"]
legval3d = _f["val3d"]
legvalnd = _f["valnd"]
leggrid2d = _f["grid2d"]
leggrid3d = _f["grid3d"]
legvander2d = _f["vander2d"]
legvander3d = _f["vander3d"]
for _name in ["legval", "legadd", "legsub", "legmulx", "legmul", "legdiv", "legpow", "legder", "legint", "legvander", "legfit", "legroots", "legcompanion", "legfromroots", "legline", "legtrim", "leggauss", "legweight", "legval2d", "legval3d", "legvalnd", "leggrid2d", "leggrid3d", "legvander2d", "legvander3d"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.legendre"

legdomain = _array([-1.0, 1.0])
legzero = _array([0])
legone = _array([1])
legx = _array([0, 1])


def poly2leg(pol):
    """Convert a power series to a Legendre series."""
    return _functions.from_power("leg", pol)


def leg2poly(c):
    """Convert a Legendre series to a power series."""
    return _functions.to_power("leg", c)


class Legendre(ABCPolyBase):
    """A Legendre series class (see numpy.polynomial.Legendre)."""

    _kind = "leg"
    _funcs = _f
    domain = _array([-1.0, 1.0])
    window = _array([-1.0, 1.0])
    basis_name = "P"
