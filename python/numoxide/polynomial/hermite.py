"""numoxide.polynomial.hermite: Hermite series (physicists') (see numpy.polynomial.hermite).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "Hermite",
    "herm2poly",
    "hermadd",
    "hermcompanion",
    "hermder",
    "hermdiv",
    "hermdomain",
    "hermfit",
    "hermfromroots",
    "hermgauss",
    "hermgrid2d",
    "hermgrid3d",
    "hermint",
    "hermline",
    "hermmul",
    "hermmulx",
    "hermone",
    "hermpow",
    "hermroots",
    "hermsub",
    "hermtrim",
    "hermval",
    "hermval2d",
    "hermval3d",
    "hermvalnd",
    "hermvander",
    "hermvander2d",
    "hermvander3d",
    "hermweight",
    "hermx",
    "hermzero",
    "poly2herm",
]

_f = _functions.make("herm")
hermval = _f["val"]
hermadd = _f["add"]
hermsub = _f["sub"]
hermmulx = _f["mulx"]
hermmul = _f["mul"]
hermdiv = _f["div"]
hermpow = _f["pow"]
hermder = _f["der"]
hermint = _f["int"]
hermvander = _f["vander"]
hermfit = _f["fit"]
hermroots = _f["roots"]
hermcompanion = _f["companion"]
hermfromroots = _f["fromroots"]
hermline = _f["line"]
hermtrim = _f["trim"]
hermgauss = _f["gauss"]
hermweight = _f["weight"]

hermval2d = _f["val2d"]
hermval3d = _f["val3d"]
hermvalnd = _f["valnd"]
hermgrid2d = _f["grid2d"]
hermgrid3d = _f["grid3d"]
hermvander2d = _f["vander2d"]
hermvander3d = _f["vander3d"]
for _name in ["hermval", "hermadd", "hermsub", "hermmulx", "hermmul", "hermdiv", "hermpow", "hermder", "hermint", "hermvander", "hermfit", "hermroots", "hermcompanion", "hermfromroots", "hermline", "hermtrim", "hermgauss", "hermweight", "hermval2d", "hermval3d", "hermvalnd", "hermgrid2d", "hermgrid3d", "hermvander2d", "hermvander3d"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.hermite"

hermdomain = _array([-1.0, 1.0])
hermzero = _array([0])
hermone = _array([1])
hermx = _array([0, 0.5])


def poly2herm(pol):
    """Convert a power series to a Hermite series (physicists')."""
    return _functions.from_power("herm", pol)


def herm2poly(c):
    """Convert a Hermite series (physicists') to a power series."""
    return _functions.to_power("herm", c)


class Hermite(ABCPolyBase):
    """A Hermite series (physicists') class (see numpy.polynomial.Hermite)."""

    _kind = "herm"
    _funcs = _f
    domain = _array([-1.0, 1.0])
    window = _array([-1.0, 1.0])
    basis_name = "H"
