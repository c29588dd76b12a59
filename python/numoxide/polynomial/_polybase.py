"""The base class of the polynomial series classes (see NumPy's ABCPolyBase).

The class is glue: domain/window bookkeeping, operators, printing. Every computation on
coefficients calls the basis module's functions, which call Rust.
"""

import numbers
import os

from .. import _numoxide
from . import polyutils as pu

_p = _numoxide._polynomial

__all__ = ["ABCPolyBase"]


def _np():
    import numoxide

    return numoxide


def _same_values(a, b):
    return a.shape == b.shape and a.tolist() == b.tolist()


class ABCPolyBase:
    """An abstract base class for the series classes (Polynomial, Chebyshev, ...)."""

    __hash__ = None
    __array_ufunc__ = None
    maxpower = 100
    _superscript_mapping = str.maketrans(
        {"0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"}
    )
    _subscript_mapping = str.maketrans(
        {"0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉"}
    )
    _use_unicode = os.name != "nt"
    basis_name = None
    _kind = None
    _funcs = None

    @property
    def symbol(self):
        return self._symbol

    # ----- the basis hooks (static, from the basis module) -----

    @classmethod
    def _add(cls, c1, c2):
        return cls._funcs["add"](c1, c2)

    @classmethod
    def _sub(cls, c1, c2):
        return cls._funcs["sub"](c1, c2)

    @classmethod
    def _mul(cls, c1, c2):
        return cls._funcs["mul"](c1, c2)

    @classmethod
    def _div(cls, c1, c2):
        return cls._funcs["div"](c1, c2)

    @classmethod
    def _pow(cls, c, pow, maxpower=None):  # noqa: A002
        return cls._funcs["pow"](c, pow, maxpower=maxpower)

    @classmethod
    def _val(cls, x, c):
        return cls._funcs["val"](x, c)

    @classmethod
    def _int(cls, c, m, k, lbnd, scl):
        return cls._funcs["int"](c, m, k, lbnd, scl)

    @classmethod
    def _der(cls, c, m, scl):
        return cls._funcs["der"](c, m, scl)

    @classmethod
    def _fit(cls, x, y, deg, rcond, full, w=None):
        return cls._funcs["fit"](x, y, deg, rcond=rcond, full=full, w=w)

    @classmethod
    def _line(cls, off, scl):
        return cls._funcs["line"](off, scl)

    @classmethod
    def _roots(cls, c):
        return cls._funcs["roots"](c)

    @classmethod
    def _fromroots(cls, r):
        return cls._funcs["fromroots"](r)

    # ----- comparisons of series -----

    def has_samecoef(self, other):
        return _same_values(self.coef, other.coef)

    def has_samedomain(self, other):
        return _same_values(self.domain, other.domain)

    def has_samewindow(self, other):
        return _same_values(self.window, other.window)

    def has_sametype(self, other):
        return isinstance(other, self.__class__)

    def _get_coefficients(self, other):
        if isinstance(other, ABCPolyBase):
            if not isinstance(other, self.__class__):
                raise TypeError("Polynomial types differ")
            elif not _same_values(self.domain, other.domain):
                raise TypeError("Domains differ")
            elif not _same_values(self.window, other.window):
                raise TypeError("Windows differ")
            elif self.symbol != other.symbol:
                raise ValueError("Polynomial symbols differ")
            return other.coef
        return other

    def __init__(self, coef, domain=None, window=None, symbol="x"):
        [coef] = pu.as_series([coef], trim=False)
        self.coef = coef
        if domain is not None:
            [domain] = pu.as_series([domain], trim=False)
            if len(domain) != 2:
                raise ValueError("Domain has wrong number of elements.")
            self.domain = domain
        if window is not None:
            [window] = pu.as_series([window], trim=False)
            if len(window) != 2:
                raise ValueError("Window has wrong number of elements.")
            self.window = window
        try:
            if not symbol.isidentifier():
                raise ValueError("Symbol string must be a valid Python identifier")
        except AttributeError:
            raise TypeError("Symbol must be a non-empty string") from None
        self._symbol = symbol

    # ----- printing -----

    def __repr__(self):
        coef = repr(self.coef)[6:-1]
        domain = repr(self.domain)[6:-1]
        window = repr(self.window)[6:-1]
        name = self.__class__.__name__
        return f"{name}({coef}, domain={domain}, window={window}, symbol='{self.symbol}')"

    def __format__(self, fmt_str):
        if fmt_str == "":
            return self.__str__()
        if fmt_str not in ("ascii", "unicode"):
            raise ValueError(
                f"Unsupported format string '{fmt_str}' passed to {self.__class__}.__format__. "
                "Valid options are 'ascii' and 'unicode'"
            )
        if fmt_str == "ascii":
            return self._generate_string(self._str_term_ascii)
        return self._generate_string(self._str_term_unicode)

    def __str__(self):
        if self._use_unicode:
            return self._generate_string(self._str_term_unicode)
        return self._generate_string(self._str_term_ascii)

    def _generate_string(self, term_method):
        linewidth = _np().get_printoptions().get("linewidth", 75)
        if linewidth < 1:
            linewidth = 1
        out = pu.format_float(self.coef[0])
        off, scale = self.mapparms()
        scaled_symbol, needs_parens = self._format_term(pu.format_float, off, scale)
        if needs_parens:
            scaled_symbol = "(" + scaled_symbol + ")"
        coefs = [self.coef[i] for i in range(1, len(self.coef))]
        for i, coef in enumerate(coefs):
            out += " "
            power = str(i + 1)
            try:
                if _nonneg(coef):
                    next_term = "+ " + pu.format_float(coef, parens=True)
                else:
                    next_term = "- " + pu.format_float(-coef, parens=True)
            except TypeError:
                next_term = f"+ {coef}"
            next_term += term_method(power, scaled_symbol)
            line_len = len(out.split("\n")[-1]) + len(next_term)
            if i < len(coefs) - 1:
                line_len += 2
            if line_len >= linewidth:
                next_term = next_term.replace(" ", "\n", 1)
            out += next_term
        return out

    @classmethod
    def _str_term_unicode(cls, i, arg_str):
        return f"·{cls.basis_name}{i.translate(cls._subscript_mapping)}({arg_str})"

    @classmethod
    def _str_term_ascii(cls, i, arg_str):
        return f" {cls.basis_name}_{i}({arg_str})"

    # ----- LaTeX (IPython's rich display) -----

    @classmethod
    def _repr_latex_term(cls, i, arg_str, needs_parens):
        # The argument is always parenthesized after the basis name.
        return f"{{{cls.basis_name}}}_{{{i}}}({arg_str})"

    @staticmethod
    def _repr_latex_scalar(x, parens=False):
        return rf"\text{{{pu.format_float(x, parens=parens)}}}"

    def _repr_latex_(self):
        r"""The series as LaTeX, ``$x \mapsto ...$``, zero terms greyed out."""
        off, scale = self.mapparms()
        term, needs_parens = self._format_term(self._repr_latex_scalar, off, scale)
        parts = []
        for i, c in enumerate(self.coef):
            if i == 0:
                coef_str = self._repr_latex_scalar(c)
            elif not isinstance(c, numbers.Real):
                coef_str = f" + ({self._repr_latex_scalar(c)})"
            elif c >= 0:
                coef_str = f" + {self._repr_latex_scalar(c, parens=True)}"
            else:
                coef_str = f" - {self._repr_latex_scalar(-c, parens=True)}"
            term_str = self._repr_latex_term(i, term, needs_parens)
            part = coef_str if term_str == "1" else rf"{coef_str}\,{term_str}"
            if c == 0:
                part = rf"\color{{LightGray}}{{{part}}}"
            parts.append(part)
        body = "".join(parts) if parts else "0"
        return rf"${self.symbol} \mapsto {body}$"

    def _format_term(self, scalar_format, off, scale):
        if off == 0 and scale == 1:
            return self.symbol, False
        if scale == 1:
            return f"{scalar_format(off)} + {self.symbol}", True
        if off == 0:
            return f"{scalar_format(scale)}{self.symbol}", True
        return f"{scalar_format(off)} + {scalar_format(scale)}{self.symbol}", True

    # ----- pickling, container protocol -----

    def __getstate__(self):
        ret = self.__dict__.copy()
        ret["coef"] = self.coef.copy()
        ret["domain"] = self.domain.copy()
        ret["window"] = self.window.copy()
        ret["symbol"] = self.symbol
        return ret

    def __setstate__(self, state):
        self.__dict__ = state

    def __call__(self, arg):
        arg = pu.mapdomain(arg, self.domain, self.window)
        return self._val(arg, self.coef)

    def __iter__(self):
        return iter(self.coef)

    def __len__(self):
        return len(self.coef)

    # ----- arithmetic -----

    def _new(self, coef):
        return self.__class__(coef, self.domain, self.window, self.symbol)

    def __neg__(self):
        return self._new(pu._narrow(_p.negate(self.coef), self.coef))

    def __pos__(self):
        return self

    def __add__(self, other):
        othercoef = self._get_coefficients(other)
        try:
            coef = self._add(self.coef, othercoef)
        except Exception:  # noqa: BLE001 - NumPy defers to the other operand
            return NotImplemented
        return self._new(coef)

    def __sub__(self, other):
        othercoef = self._get_coefficients(other)
        try:
            coef = self._sub(self.coef, othercoef)
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(coef)

    def __mul__(self, other):
        othercoef = self._get_coefficients(other)
        try:
            coef = self._mul(self.coef, othercoef)
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(coef)

    def __truediv__(self, other):
        if not isinstance(other, numbers.Number) or isinstance(other, bool):
            raise TypeError(f"unsupported types for true division: '{type(self)}', '{type(other)}'")
        return self.__floordiv__(other)

    def __floordiv__(self, other):
        res = self.__divmod__(other)
        if res is NotImplemented:
            return res
        return res[0]

    def __mod__(self, other):
        res = self.__divmod__(other)
        if res is NotImplemented:
            return res
        return res[1]

    def __divmod__(self, other):
        othercoef = self._get_coefficients(other)
        try:
            quo, rem = self._div(self.coef, othercoef)
        except ZeroDivisionError:
            raise
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(quo), self._new(rem)

    def __pow__(self, other):
        return self._new(self._pow(self.coef, other, maxpower=self.maxpower))

    def __radd__(self, other):
        try:
            coef = self._add(other, self.coef)
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(coef)

    def __rsub__(self, other):
        try:
            coef = self._sub(other, self.coef)
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(coef)

    def __rmul__(self, other):
        try:
            coef = self._mul(other, self.coef)
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(coef)

    def __rtruediv__(self, other):
        return NotImplemented

    def __rfloordiv__(self, other):
        res = self.__rdivmod__(other)
        if res is NotImplemented:
            return res
        return res[0]

    def __rmod__(self, other):
        res = self.__rdivmod__(other)
        if res is NotImplemented:
            return res
        return res[1]

    def __rdivmod__(self, other):
        try:
            quo, rem = self._div(other, self.coef)
        except ZeroDivisionError:
            raise
        except Exception:  # noqa: BLE001
            return NotImplemented
        return self._new(quo), self._new(rem)

    def __eq__(self, other):
        return (
            isinstance(other, self.__class__)
            and _same_values(self.domain, other.domain)
            and _same_values(self.window, other.window)
            and _same_values(self.coef, other.coef)
            and self.symbol == other.symbol
        )

    def __ne__(self, other):
        return not self.__eq__(other)

    # ----- methods -----

    def copy(self):
        return self.__class__(self.coef, self.domain, self.window, self.symbol)

    def degree(self):
        return len(self) - 1

    def cutdeg(self, deg):
        return self.truncate(deg + 1)

    def trim(self, tol=0):
        return self._new(pu.trimcoef(self.coef, tol))

    def truncate(self, size):
        isize = int(size)
        if isize != size or isize < 1:
            raise ValueError("size must be a positive integer")
        coef = self.coef if isize >= len(self.coef) else self.coef[:isize]
        return self._new(coef)

    def convert(self, domain=None, kind=None, window=None):
        if kind is None:
            kind = self.__class__
        if domain is None:
            domain = kind.domain
        if window is None:
            window = kind.window
        return self(kind.identity(domain, window=window, symbol=self.symbol))

    def mapparms(self):
        return pu.mapparms(self.domain, self.window)

    def integ(self, m=1, k=[], lbnd=None):  # noqa: B006 - NumPy's signature
        off, scl = self.mapparms()
        lbnd = 0 if lbnd is None else off + scl * lbnd
        return self._new(self._int(self.coef, m, k, lbnd, 1.0 / scl))

    def deriv(self, m=1):
        off, scl = self.mapparms()
        return self._new(self._der(self.coef, m, scl))

    def roots(self):
        roots = self._roots(self.coef)
        return pu.mapdomain(roots, self.window, self.domain)

    def linspace(self, n=100, domain=None):
        if domain is None:
            domain = self.domain
        x = _np().linspace(domain[0], domain[1], n)
        return x, self(x)

    @classmethod
    def fit(cls, x, y, deg, domain=None, rcond=None, full=False, w=None, window=None, symbol="x"):
        if domain is None:
            domain = pu.getdomain(x)
            if domain[0] == domain[1]:
                domain[0] = domain[0] - 1
                domain[1] = domain[1] + 1
        elif isinstance(domain, list) and len(domain) == 0:
            domain = cls.domain
        if window is None:
            window = cls.window
        xnew = pu.mapdomain(x, domain, window)
        res = cls._fit(xnew, y, deg, w=w, rcond=rcond, full=full)
        if full:
            [coef, status] = res
            return cls(coef, domain=domain, window=window, symbol=symbol), status
        return cls(res, domain=domain, window=window, symbol=symbol)

    @classmethod
    def fromroots(cls, roots, domain=[], window=None, symbol="x"):  # noqa: B006 - NumPy's signature
        [roots] = pu.as_series([roots], trim=False)
        if domain is None:
            domain = pu.getdomain(roots)
        elif isinstance(domain, list) and len(domain) == 0:
            domain = cls.domain
        if window is None:
            window = cls.window
        deg = len(roots)
        off, scl = pu.mapparms(domain, window)
        rnew = _p.affine(roots, off, scl)
        coef = _p.scale(cls._fromroots(rnew), scl**deg, True)
        return cls(coef, domain=domain, window=window, symbol=symbol)

    @classmethod
    def identity(cls, domain=None, window=None, symbol="x"):
        if domain is None:
            domain = cls.domain
        if window is None:
            window = cls.window
        off, scl = pu.mapparms(window, domain)
        return cls(cls._line(off, scl), domain, window, symbol)

    @classmethod
    def basis(cls, deg, domain=None, window=None, symbol="x"):
        if domain is None:
            domain = cls.domain
        if window is None:
            window = cls.window
        ideg = int(deg)
        if ideg != deg or ideg < 0:
            raise ValueError("deg must be non-negative integer")
        return cls([0] * ideg + [1], domain, window, symbol)

    @classmethod
    def cast(cls, series, domain=None, window=None):
        if domain is None:
            domain = cls.domain
        if window is None:
            window = cls.window
        return series.convert(domain, cls, window)


def _nonneg(coef):
    """``coef >= 0`` as NumPy's scalars answer it (complex values lexicographically)."""
    if isinstance(coef, complex) or getattr(getattr(coef, "dtype", None), "kind", "") == "c":
        z = complex(coef)
        return z.real > 0 or (z.real == 0 and z.imag >= 0)
    return coef >= 0
