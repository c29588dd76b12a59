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
    "chebgrid2d",
    "chebgrid3d",
    "chebint",
    "chebinterpolate",
    "chebline",
    "chebmul",
    "chebmulx",
    "chebone",
    "chebpow",
    "chebpts1",
    "chebpts2",
    "chebroots",
    "chebsub",
    "chebtrim",
    "chebval",
    "chebval2d",
    "chebval3d",
    "chebvalnd",
    "chebvander",
    "chebvander2d",
    "chebvander3d",
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

chebval2d = _f["val2d"]
chebval3d = _f["val3d"]
chebvalnd = _f["valnd"]
chebgrid2d = _f["grid2d"]
chebgrid3d = _f["grid3d"]
chebvander2d = _f["vander2d"]
chebvander3d = _f["vander3d"]
chebinterpolate = _functions.chebinterpolate
chebpts1 = _functions.chebpts1
chebpts2 = _functions.chebpts2
for _name in ["chebval", "chebadd", "chebsub", "chebmulx", "chebmul", "chebdiv", "chebpow", "chebder", "chebint", "chebvander", "chebfit", "chebroots", "chebcompanion", "chebfromroots", "chebline", "chebtrim", "chebgauss", "chebweight", "chebval2d", "chebval3d", "chebvalnd", "chebgrid2d", "chebgrid3d", "chebvander2d", "chebvander3d", "chebinterpolate", "chebpts1", "chebpts2"]:
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

    @classmethod
    def interpolate(cls, func, deg, domain=None, args=()):
        """The Chebyshev series of degree ``deg`` interpolating ``func`` (evaluated on
        ``domain``) at the Chebyshev points of the first kind."""
        from . import polyutils as pu

        if domain is None:
            domain = cls.domain

        def mapped(x):
            return func(pu.mapdomain(x, cls.window, domain), *args)

        return cls(chebinterpolate(mapped, deg), domain=domain)
