"""numoxide.polynomial.polynomial: power series (see numpy.polynomial.polynomial).

The functions check their arguments as NumPy does and compute in Rust
(``numoxide._numoxide._polynomial``)."""

from .._numoxide import array as _array
from . import _functions
from ._polybase import ABCPolyBase

__all__ = [
    "Polynomial",
    "polyadd",
    "polycompanion",
    "polyder",
    "polydiv",
    "polydomain",
    "polyfit",
    "polyfromroots",
    "polygrid2d",
    "polygrid3d",
    "polyint",
    "polyline",
    "polymul",
    "polymulx",
    "polyone",
    "polypow",
    "polyroots",
    "polysub",
    "polytrim",
    "polyval",
    "polyval2d",
    "polyval3d",
    "polyvalfromroots",
    "polyvalnd",
    "polyvander",
    "polyvander2d",
    "polyvander3d",
    "polyx",
    "polyzero",
]

_f = _functions.make("poly")
polyval = _f["val"]
polyadd = _f["add"]
polysub = _f["sub"]
polymulx = _f["mulx"]
polymul = _f["mul"]
polydiv = _f["div"]
polypow = _f["pow"]
polyder = _f["der"]
polyint = _f["int"]
polyvander = _f["vander"]
polyfit = _f["fit"]
polyroots = _f["roots"]
polycompanion = _f["companion"]
polyfromroots = _f["fromroots"]
polyline = _f["line"]
polytrim = _f["trim"]

polyval2d = _f["val2d"]
polyval3d = _f["val3d"]
polyvalnd = _f["valnd"]
polygrid2d = _f["grid2d"]
polygrid3d = _f["grid3d"]
polyvander2d = _f["vander2d"]
polyvander3d = _f["vander3d"]
polyvalfromroots = _functions.valfromroots
for _name in ["polyval", "polyadd", "polysub", "polymulx", "polymul", "polydiv", "polypow", "polyder", "polyint", "polyvander", "polyfit", "polyroots", "polycompanion", "polyfromroots", "polyline", "polytrim", "polyval2d", "polyval3d", "polyvalnd", "polygrid2d", "polygrid3d", "polyvander2d", "polyvander3d", "polyvalfromroots"]:
    globals()[_name].__name__ = globals()[_name].__qualname__ = _name
    globals()[_name].__module__ = "numoxide.polynomial.polynomial"

polydomain = _array([-1.0, 1.0])
polyzero = _array([0])
polyone = _array([1])
polyx = _array([0, 1])


class Polynomial(ABCPolyBase):
    """A power series class (see numpy.polynomial.Polynomial)."""

    _kind = "poly"
    _funcs = _f
    domain = _array([-1.0, 1.0])
    window = _array([-1.0, 1.0])
    basis_name = None

    @classmethod
    def _str_term_unicode(cls, i, arg_str):
        if i == "1":
            return f"·{arg_str}"
        return f"·{arg_str}{i.translate(cls._superscript_mapping)}"

    @staticmethod
    def _repr_latex_term(i, arg_str, needs_parens):
        if needs_parens:
            arg_str = rf"\left({arg_str}\right)"
        if i == 0:
            return "1"
        if i == 1:
            return arg_str
        return f"{arg_str}^{{{i}}}"

    @staticmethod
    def _str_term_ascii(i, arg_str):
        if i == "1":
            return f" {arg_str}"
        return f" {arg_str}**{i}"
