"""The module functions shared by the six bases (``polyval``, ``chebval``, ...): argument
checks as NumPy does them, then one call into Rust (``_numoxide._polynomial``)."""

import warnings

from .. import _numoxide
from . import polyutils as pu

_p = _numoxide._polynomial


def _np():
    import numoxide

    return numoxide


def _scalar_or_array(res):
    return res[()] if res.ndim == 0 else res


def _check_axis(axis, c):
    iaxis = pu._as_int(axis, "the axis")
    nd = c.ndim
    if not -nd <= iaxis < nd:
        from ..exceptions import AxisError

        raise AxisError(f"axis {iaxis} is out of bounds for array of dimension {nd}")
    if nd != 1:
        raise NotImplementedError("numoxide.polynomial supports 1-D coefficient arrays only")


def _coef_array(c):
    np = _np()
    c = np.array(c, ndmin=1)
    if c.dtype.kind in "biu":
        c = c.astype("float64")
    return c


def make(kind):
    """The functions of one basis module, keyed by their suffix (``val``, ``add``, ...)."""

    def val(x, c, tensor=True):
        np = _np()
        c = np.array(c, ndmin=1)
        if c.ndim != 1:
            raise NotImplementedError("numoxide.polynomial evaluates 1-D coefficient arrays only")
        if c.dtype.kind in "biu?":
            c = c.astype("float64")
        if isinstance(x, (tuple, list)):
            x = np.asarray(x)
        from ._polybase import ABCPolyBase

        if isinstance(x, ABCPolyBase):
            return x.__class__(_p.val_series(kind, c, x.coef, x._kind), x.domain, x.window, x.symbol)
        return _scalar_or_array(_p.val(kind, x, c))

    def add(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _p.add(c1, c2)

    def sub(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _p.sub(c1, c2)

    def mulx(c):
        [c] = pu.as_series([c])
        return _p.mulx(kind, c)

    def mul(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _p.mul(kind, c1, c2)

    def div(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _p.div(kind, c1, c2)

    def pow(c, pow, maxpower=16 if kind != "poly" else None):  # noqa: A002 - NumPy's name
        [c] = pu.as_series([c])
        power = int(pow)
        if power != pow or power < 0:
            raise ValueError("Power must be a non-negative integer.")
        if maxpower is not None and power > maxpower:
            raise ValueError("Power is too large")
        return _p.pow(kind, c, power, None)

    def der(c, m=1, scl=1, axis=0):
        c = _coef_array(c)
        cnt = pu._as_int(m, "the order of derivation")
        _check_axis(axis, c)
        if cnt < 0:
            raise ValueError("The order of derivation must be non-negative")
        if cnt == 0:
            return c
        return _p.der(kind, c, cnt, scl)

    def integ(c, m=1, k=[], lbnd=0, scl=1, axis=0):  # noqa: B006 - NumPy's signature
        np = _np()
        c = _coef_array(c)
        if not isinstance(k, (list, tuple)) and not (hasattr(k, "__len__") and not isinstance(k, str)):
            k = [k]
        k = list(k) if not hasattr(k, "tolist") else k.tolist()
        cnt = pu._as_int(m, "the order of integration")
        _check_axis(axis, c)
        if cnt < 0:
            raise ValueError("The order of integration must be non-negative")
        if len(k) > cnt:
            raise ValueError("Too many integration constants")
        if np.ndim(lbnd) != 0:
            raise ValueError("lbnd must be a scalar.")
        if np.ndim(scl) != 0:
            raise ValueError("scl must be a scalar.")
        if cnt == 0:
            return c
        return _p.int(kind, c, cnt, k, lbnd, scl)

    def vander(x, deg):
        np = _np()
        ideg = pu._as_int(deg, "deg")
        if ideg < 0:
            raise ValueError("deg must be non-negative")
        x = np.array(x, ndmin=1)
        return _p.vander(kind, x, ideg)

    def fit(x, y, deg, rcond=None, full=False, w=None):
        np = _np()
        x = np.asarray(x)
        y = np.asarray(y)
        deg = np.asarray(deg)
        if deg.ndim > 1 or deg.dtype.kind not in "iu" or deg.size == 0:
            raise TypeError("deg must be an int or non-empty 1-D array of int")
        degs = deg.tolist() if deg.ndim else [deg.tolist()]
        if min(degs) < 0:
            raise ValueError("expected deg >= 0")
        if x.ndim != 1:
            raise TypeError("expected 1D vector for x")
        if x.size == 0:
            raise TypeError("expected non-empty vector for x")
        if y.ndim < 1 or y.ndim > 2:
            raise TypeError("expected 1D or 2D array for y")
        if len(x) != len(y):
            raise TypeError("expected x and y to have same length")
        if deg.ndim == 0:
            lmax = degs[0]
            order = lmax + 1
            listed = None
        else:
            listed = sorted(degs)
            lmax = listed[-1]
            order = len(listed)
        if w is not None:
            w = np.asarray(w)
            if w.ndim != 1:
                raise TypeError("expected 1D vector for w")
            if len(x) != len(w):
                raise TypeError("expected x and w to have same length")
        if rcond is None:
            eps = 1.1920928955078125e-07 if x.dtype.name == "float32" else 2.220446049250313e-16
            rcond = len(x) * eps
        coef, resids, rank, s = _p.fit(kind, x, y, lmax, listed, float(rcond), w)
        if rank != order and not full:
            warnings.warn("The fit may be poorly conditioned", pu.RankWarning, stacklevel=2)
        if full:
            return coef, [resids, rank, s, rcond]
        return coef

    def roots(c):
        [c] = pu.as_series([c])
        return _p.roots(kind, c)

    def companion(c):
        [c] = pu.as_series([c])
        if len(c) < 2:
            raise ValueError("Series must have maximum degree of at least 1.")
        return _p.companion(kind, c)

    def fromroots(roots):
        np = _np()
        if len(roots) == 0:
            return np.ones(1)
        [roots] = pu.as_series([roots], trim=False)
        return _p.fromroots(kind, roots)

    def line(off, scl):
        np = _np()
        if scl != 0:
            return _p.line(kind, off, scl)
        return np.array([off])

    def trim(c, tol=0):
        return pu.trimcoef(c, tol)

    def gauss(deg):
        ideg = pu._as_int(deg, "deg")
        if ideg <= 0:
            raise ValueError("deg must be a positive integer")
        return _p.gauss(kind, ideg)

    def weight(x):
        np = _np()
        return _scalar_or_array(_p.weight(kind, np.asarray(x)))

    def val2d(x, y, c):
        raise NotImplementedError("multi-dimensional evaluation is not supported yet")

    return {
        "val": val,
        "add": add,
        "sub": sub,
        "mulx": mulx,
        "mul": mul,
        "div": div,
        "pow": pow,
        "der": der,
        "int": integ,
        "vander": vander,
        "fit": fit,
        "roots": roots,
        "companion": companion,
        "fromroots": fromroots,
        "line": line,
        "trim": trim,
        "gauss": gauss,
        "weight": weight,
    }


def to_power(kind, c):
    """Series ``c`` of basis ``kind`` in the power basis (``cheb2poly``, ...)."""
    [c] = pu.as_series([c])
    return _p.val_series(kind, c, _p.line("poly", 0.0, 1.0), "poly")


def from_power(kind, pol):
    """Power series ``pol`` in basis ``kind`` (``poly2cheb``, ...)."""
    [pol] = pu.as_series([pol])
    return _p.val_series("poly", pol, _p.line(kind, 0.0, 1.0), kind)


def install(namespace, prefix, kind, module_name):
    """Bind the functions of ``kind`` into ``namespace`` as ``<prefix><suffix>``."""
    funcs = make(kind)
    names = []
    for suffix, fn in funcs.items():
        if kind == "poly" and suffix in ("gauss", "weight"):
            continue
        name = prefix + suffix
        fn.__name__ = fn.__qualname__ = name
        fn.__module__ = module_name
        namespace[name] = fn
        names.append(name)
    return names
