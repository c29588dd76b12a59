"""numoxide.polynomial.hermite_e: HermiteE series (probabilists') (see numpy.polynomial.hermite_e).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "HermiteE",
    "herme2poly",
    "hermeadd",
    "hermecompanion",
    "hermeder",
    "hermediv",
    "hermedomain",
    "hermefit",
    "hermefromroots",
    "hermegauss",
    "hermegrid2d",
    "hermegrid3d",
    "hermeint",
    "hermeline",
    "hermemul",
    "hermemulx",
    "hermeone",
    "hermepow",
    "hermeroots",
    "hermesub",
    "hermetrim",
    "hermeval",
    "hermeval2d",
    "hermeval3d",
    "hermevalnd",
    "hermevander",
    "hermevander2d",
    "hermevander3d",
    "hermeweight",
    "hermex",
    "hermezero",
    "poly2herme",
]

_f = _functions.make("herme")
hermeval = _f["val"]
hermeadd = _f["add"]
hermesub = _f["sub"]
hermemulx = _f["mulx"]
hermemul = _f["mul"]
hermediv = _f["div"]
hermepow = _f["pow"]
hermeder = _f["der"]
hermeint = _f["int"]
hermevander = _f["vander"]
hermefit = _f["fit"]
hermeroots = _f["roots"]
hermecompanion = _f["companion"]
hermefromroots = _f["fromroots"]
hermeline = _f["line"]
hermetrim = _f["trim"]
hermegauss = _f["gauss"]
hermeweight = _f["weight"]

hermeval2d = _f["val2d"]
hermeval3d = _f["val3d"]
hermevalnd = _f["valnd"]
hermegrid2d = _f["grid2d"]
hermegrid3d = _f["grid3d"]
hermevander2d = _f["vander2d"]
hermevander3d = _f["vander3d"]
for _name in ["hermeval", "hermeadd", "hermesub", "hermemulx", "hermemul", "hermediv", "hermepow", "hermeder", "hermeint", "hermevander", "hermefit", "hermeroots", "hermecompanion", "hermefromroots", "hermeline", "hermetrim", "hermegauss", "hermeweight", "hermeval2d", "hermeval3d", "hermevalnd", "hermegrid2d", "hermegrid3d", "hermevander2d", "hermevander3d"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.hermite_e"

hermedomain = _array([-1.0, 1.0])
hermezero = _array([0])
hermeone = _array([1])
hermex = _array([0, 1])


def poly2herme(pol):
    """Convert a power series to a HermiteE series (probabilists')."""
    return _functions.from_power("herme", pol)


def herme2poly(c):
    """Convert a HermiteE series (probabilists') to a power series."""
    return _functions.to_power("herme", c)


class HermiteE(ABCPolyBase):
    """A HermiteE series (probabilists') class (see numpy.polynomial.HermiteE)."""

    _kind = "herme"
    _funcs = _f
    domain = _array([-1.0, 1.0])
    window = _array([-1.0, 1.0])
    basis_name = "He"
