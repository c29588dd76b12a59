"""The module functions shared by the six bases (``polyval``, ``chebval``, ...): argument
checks as NumPy does them, then one call into Rust (``_numoxide._polynomial``)."""

import numbers
import warnings

from .. import _numoxide
from ..exceptions import RankWarning
from . import polyutils as pu
from .polyutils import _narrow

_p = _numoxide._polynomial

# NumPy 2.5 returns the roots of these bases as complex even when they are real (their
# ``*roots`` skip the "real if the imaginary parts are zero" step the others take).
_ALWAYS_COMPLEX_ROOTS = ("cheb", "leg", "herme")


def _check_lstsq_dtypes(np, x, y):
    """NumPy's fits hand `x + 0.0` and `y + 0.0` to lstsq, which refuses float16."""
    for a in (x, y):
        if np.result_type(a.dtype, 0.0).name == "float16":
            raise TypeError("array type float16 is unsupported in linalg")


def _np():
    import numoxide

    return numoxide


def _scalar_or_array(res):
    return res[()] if res.ndim == 0 else res


def _check_axis(axis, c):
    """The axis normalized (NumPy's ``normalize_axis_index``)."""
    iaxis = pu._as_int(axis, "the axis")
    nd = c.ndim
    if not -nd <= iaxis < nd:
        from ..exceptions import AxisError

        raise AxisError(f"axis {iaxis} is out of bounds for array of dimension {nd}")
    return iaxis % nd


def _along(axis, c, f):
    """``f`` applied to the series along ``axis`` (moved first, then back)."""
    np = _np()
    if axis == 0:
        return f(c)
    return np.moveaxis(f(np.moveaxis(c, axis, 0)), 0, axis)


def _scl_in_place(scl, c):
    """Whether a derivative's ``scl`` needs NumPy's in-place ``c *= scl`` itself rather
    than one scalar factor: an array-like (it broadcasts against the coefficients), or a
    complex value for real coefficients (the in-place multiply refuses the cast)."""
    if isinstance(scl, (int, float)):
        return False
    np = _np()
    try:
        s = np.asarray(scl)
    except Exception:  # noqa: BLE001 - the scalar path reports what it cannot read
        return False
    return s.ndim != 0 or (s.dtype.kind == "c" and c.dtype.kind != "c")


def _infinite_rhs(np, y, w, coef, resids, rank, rows):
    """NumPy's fits solve with lstsq, whose LAPACK driver first scales all right-hand
    sides ``y * w`` by their largest magnitude (unless a NaN is among them, or the
    matrix is zero): an infinite one makes every fitted coefficient (``rows`` of
    ``coef``) NaN and the residuals of the finite columns 0."""
    rhs = y if w is None else (y * w if y.ndim == 1 else y * w[:, None])
    mag = np.abs(rhs)
    if rank == 0 or not mag.size or np.isnan(mag).any() or not np.isinf(mag).any():
        return coef, resids
    coef = coef.copy()
    coef[rows] = complex("nan+nanj") if coef.dtype.kind == "c" else float("nan")
    if resids.size:
        resids = np.where(np.isfinite(mag).all(axis=0), 0.0, float("nan")).astype(resids.dtype)
        resids = resids.reshape(-1)
    return coef, resids


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
        if c.shape[0] == 0:
            # NumPy's recurrences start from c[-1] (power series) or c[-2] (the others).
            raise IndexError(f"index {-1 if kind == 'poly' else -2} is out of bounds for axis 0 with size 0")
        if c.dtype.kind in "biu?":
            c = c.astype("float64")
        if isinstance(x, (tuple, list)) or _is_foreign_array(x):
            x = np.asarray(x)
        from ._polybase import ABCPolyBase

        if isinstance(x, ABCPolyBase):
            if c.ndim != 1:
                raise NotImplementedError("evaluating a series at a series needs 1-D coefficients")
            return x.__class__(_p.val_series(kind, c, x.coef, x._kind), x.domain, x.window, x.symbol)
        if isinstance(x, np.ndarray) and not tensor and c.ndim > 1:
            try:
                np.broadcast_shapes(c.shape[1:], x.shape)
            except ValueError:
                raise ValueError(
                    f"operands could not be broadcast together with shapes {_shape_text(c.shape[1:])} {_shape_text(x.shape)} "
                ) from None
        dt = np.result_type(c, x)
        res = _p.val(kind, x, c, bool(tensor) if isinstance(x, np.ndarray) else True, dt.name)
        if res.dtype != dt and dt.kind in "fc":
            res = res.astype(dt)
        return _scalar_or_array(res)

    def add(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _narrow(_p.add(c1, c2), c1)

    def sub(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        return _narrow(_p.sub(c1, c2), c1)

    def mulx(c):
        [c] = pu.as_series([c])
        return _narrow(_p.mulx(kind, c), c)

    def mul(c1, c2):
        np = _np()
        [c1, c2] = pu.as_series([c1, c2])
        res = _narrow(_p.mul(kind, c1, c2), c1)
        if kind in ("leg", "lag", "herm", "herme") and min(len(c1), len(c2)) == 1:
            # NumPy's recurrence then adds mulx of the Python int 0, a float64 series.
            res = res.astype(np.result_type(res.dtype, "float64"))
        return res

    def div(c1, c2):
        [c1, c2] = pu.as_series([c1, c2])
        q, r = _p.div(kind, c1, c2)
        if kind not in ("poly", "cheb") and len(c1) >= len(c2) > 1:
            # NumPy's generic long division builds float64 basis series, so the
            # remainder of these bases is promoted to float64/complex128.
            return _narrow(q, c1), r
        return _narrow(q, c1), _narrow(r, c1)

    def pow(c, pow, maxpower=16 if kind != "poly" else None):  # noqa: A002 - NumPy's name
        [c] = pu.as_series([c])
        power = int(pow)
        if power != pow or power < 0:
            raise ValueError("Power must be a non-negative integer.")
        if maxpower is not None and power > maxpower:
            raise ValueError("Power is too large")
        return _narrow(_p.pow(kind, c, power, None), c)

    def der(c, m=1, scl=1, axis=0):
        c = _coef_array(c)
        cnt = pu._as_int(m, "the order of derivation")
        iaxis = _check_axis(axis, c)
        if cnt < 0:
            raise ValueError("The order of derivation must be non-negative")
        if cnt == 0:
            return c
        if c.shape[iaxis] == 0:
            # NumPy's `c[:1] * 0` for an order at least the length: empty here (hermeder
            # leaves the series axis first).
            np = _np()
            if kind == "herme":
                return np.moveaxis(c, iaxis, 0)[:1] * 0
            return _along(iaxis, c, lambda c: c[:1] * 0)
        if _scl_in_place(scl, c):
            if cnt < c.shape[iaxis]:
                return _along(iaxis, c, lambda c: _der_steps(c, cnt, scl))
            scl = 1.0  # the result is zeros: NumPy never reads scl then
        if kind == "herme" and cnt >= c.shape[iaxis]:
            # NumPy's hermeder returns c[:1]*0 with the series axis still moved first
            np = _np()
            return _narrow(_p.der(kind, np.moveaxis(c, iaxis, 0), cnt, scl), c)
        return _along(iaxis, c, lambda c: _narrow(_p.der(kind, c, cnt, scl), c))

    def _der_steps(c, cnt, scl):
        # NumPy's `c *= scl` before each differentiation (the series axis first): an
        # array scl broadcasts against the coefficients left, and may change neither
        # their shape nor their dtype (NumPy's errors come from the in-place multiply).
        c = c.copy()
        for _ in range(cnt):
            c *= scl
            c = _narrow(_p.der(kind, c, 1, 1.0), c)
        return c

    def integ(c, m=1, k=[], lbnd=0, scl=1, axis=0):  # noqa: B006 - NumPy's signature
        np = _np()
        c = _coef_array(c)
        if not isinstance(k, (list, tuple)) and not (hasattr(k, "__len__") and not isinstance(k, str)):
            k = [k]
        k = list(k) if not hasattr(k, "tolist") else k.tolist()
        cnt = pu._as_int(m, "the order of integration")
        iaxis = _check_axis(axis, c)
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
        if c.shape[iaxis] == 0:
            # NumPy's first integration step reads c[0].
            raise IndexError("index 0 is out of bounds for axis 0 with size 0")
        return _along(iaxis, c, lambda c: _narrow(_p.int(kind, c, cnt, k, lbnd, scl), c))

    def vander(x, deg):
        np = _np()
        ideg = pu._as_int(deg, "deg")
        if ideg < 0:
            raise ValueError("deg must be non-negative")
        x = np.array(x, ndmin=1)
        res = _p.vander(kind, x, ideg)
        return _narrow(res, x) if x.dtype.kind in "fc" else res

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
        _check_lstsq_dtypes(np, x, y)
        if rcond is None:
            # NumPy's `len(x) * finfo((x + 0.0).dtype).eps`: a scalar of x's float type.
            rcond = len(x) * np.finfo((x + 0.0).dtype).eps
        coef, resids, rank, s = _p.fit(kind, x, y, lmax, listed, float(rcond), w)
        rows = slice(None) if listed is None else listed
        coef, resids = _infinite_rhs(np, y, w, coef, resids, rank, rows)
        rank = np.int32(rank)  # lstsq's rank is an int32 scalar
        like = np.empty(0, np.result_type(_float_of(x.dtype), _float_of(y.dtype)))
        coef = _narrow(coef, like)
        resids = _narrow(resids, like)
        s = _narrow(s, like)
        if rank != order and not full:
            warnings.warn("The fit may be poorly conditioned", RankWarning, stacklevel=2)
        if full:
            return coef, [resids, rank, s, rcond]
        return coef

    def roots(c):
        [c] = pu.as_series([c])
        np = _np()
        if len(c) < 2:
            return np.array([], dtype=c.dtype)
        if len(c) > 2 and c.dtype.name == "float16":
            # NumPy's companion matrix keeps float16, which eigvals refuses.
            raise TypeError("array type float16 is unsupported in linalg")
        r = _p.roots(kind, c)
        if len(c) > 2 and kind in _ALWAYS_COMPLEX_ROOTS and r.dtype.kind != "c":
            r = r.astype("complex128")
        narrowed = _narrow(r, c)
        if narrowed.dtype != r.dtype and len(c) > 2:
            # NumPy sorts the roots in the narrow precision: values that differ only
            # in double precision tie there, and then the imaginary parts decide.
            narrowed = np.sort(narrowed)
        return narrowed

    def companion(c):
        [c] = pu.as_series([c])
        if len(c) < 2:
            raise ValueError("Series must have maximum degree of at least 1.")
        return _narrow(_p.companion(kind, c), c)

    def fromroots(roots):
        np = _np()
        if len(roots) == 0:
            return np.ones(1)
        [roots] = pu.as_series([roots], trim=False)
        return _p.fromroots(kind, roots)

    def line(off, scl):
        np = _np()
        if scl == 0:
            return np.array([off])
        # NumPy builds the array from the Python numbers: ints stay int64.
        if kind == "lag":
            return np.array([off + scl, -scl])
        if kind == "herm":
            return np.array([off, scl / 2])
        return np.array([off, scl])

    def trim(c, tol=0):
        return pu.trimcoef(c, tol)

    def gauss(deg):
        ideg = pu._as_int(deg, "deg")
        if ideg <= 0:
            raise ValueError("deg must be a positive integer")
        return _p.gauss(kind, ideg)

    def weight(x):
        np = _np()
        if not isinstance(x, (numbers.Number, np.ndarray, np.generic)) and not _is_foreign_array(x):
            # NumPy evaluates the weight with Python operators on x itself: a list or
            # tuple fails there, with Python's TypeError.
            _WEIGHT_PROBES[kind](x)
        if kind == "leg" and isinstance(x, numbers.Number) and not isinstance(x, np.generic):
            # NumPy's `x * 0.0 + 1.0` keeps a Python number a Python number.
            return x * 0.0 + 1.0
        return _scalar_or_array(_p.weight(kind, np.asarray(x)))

    def val2d(x, y, c):
        return _valnd(val, c, x, y)

    def val3d(x, y, z, c):
        return _valnd(val, c, x, y, z)

    def valnd(pts, c):
        return _valnd(val, c, *pts)

    def grid2d(x, y, c):
        for xi in (x, y):
            c = val(xi, c)
        return c

    def grid3d(x, y, z, c):
        for xi in (x, y, z):
            c = val(xi, c)
        return c

    def vander2d(x, y, deg):
        return _vander_nd_flat((vander, vander), (x, y), deg)

    def vander3d(x, y, z, deg):
        return _vander_nd_flat((vander, vander, vander), (x, y, z), deg)

    return {
        "val2d": val2d,
        "val3d": val3d,
        "valnd": valnd,
        "grid2d": grid2d,
        "grid3d": grid3d,
        "vander2d": vander2d,
        "vander3d": vander3d,
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


# The first operation each basis's NumPy weight function applies to x.
_WEIGHT_PROBES = {
    "cheb": lambda x: 1.0 + x,
    "leg": lambda x: x * 0.0,
    "lag": lambda x: -x,
    "herm": lambda x: x**2,
    "herme": lambda x: x**2,
}


def _shape_text(shape):
    """A shape as NumPy's broadcast errors print it: ``(4,2)``, ``(3,)``."""
    return "(" + ",".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def _is_foreign_array(x):
    """A NumPy ndarray (treated as the ndarray it is, not as a scalar)."""
    t = type(x)
    return t.__name__ == "ndarray" and t.__module__.startswith("numpy")


def _float_of(dt):
    np = _np()
    return dt if dt.kind in "fc" else np.dtype("float64")


def _valnd(val_f, c, *args):
    """NumPy's ``pu._valnd``: the first coordinate in tensor mode, the others paired."""
    np = _np()
    args = [np.asanyarray(a) for a in args]
    shape0 = args[0].shape
    if not all(a.shape == shape0 for a in args[1:]):
        if len(args) == 3:
            raise ValueError("x, y, z are incompatible")
        elif len(args) == 2:
            raise ValueError("x, y are incompatible")
        else:
            raise ValueError("ordinates are incompatible")
    it = iter(args)
    c = val_f(next(it), c)
    for xi in it:
        c = val_f(xi, c, tensor=False)
    return c


def _vander_nd_flat(vander_fs, points, degrees):
    """NumPy's ``pu._vander_nd_flat``: the product of the 1-D pseudo-Vandermonde
    matrices, one trailing axis per coordinate, flattened into one."""
    np = _np()
    n_dims = len(vander_fs)
    if n_dims != len(points):
        raise ValueError(f"Expected {n_dims} dimensions of sample points, got {len(points)}")
    if n_dims != len(degrees):
        raise ValueError(f"Expected {n_dims} dimensions of degrees, got {len(degrees)}")
    points = tuple(np.asarray(tuple(points)) + 0.0)
    v = None
    for i in range(n_dims):
        sl = [None] * n_dims
        sl[i] = slice(None)
        vi = vander_fs[i](points[i], degrees[i])[(...,) + tuple(sl)]
        v = vi if v is None else v * vi
    return v.reshape(v.shape[: -len(degrees)] + (-1,))


def valfromroots(x, r, tensor=True):
    """The polynomial with roots ``r`` at ``x`` (``polyvalfromroots``)."""
    np = _np()
    r = np.array(r, ndmin=1)
    if r.dtype.kind in "biu?":
        r = r.astype("float64")
    if isinstance(x, (tuple, list)) or _is_foreign_array(x):
        x = np.asarray(x)
    if isinstance(x, np.ndarray):
        if tensor:
            r = r.reshape(r.shape + (1,) * x.ndim)
        elif x.ndim >= r.ndim:
            raise ValueError("x.ndim must be < r.ndim when tensor == False")
    return np.prod(x - r, axis=0)


def chebpts1(npts):
    """Chebyshev points of the first kind."""
    np = _np()
    _npts = int(npts)
    if _npts != npts:
        raise ValueError("npts must be integer")
    if _npts < 1:
        raise ValueError("npts must be >= 1")
    x = 0.5 * np.pi / _npts * np.arange(-_npts + 1, _npts + 1, 2)
    return np.sin(x)


def chebpts2(npts):
    """Chebyshev points of the second kind."""
    np = _np()
    _npts = int(npts)
    if _npts != npts:
        raise ValueError("npts must be integer")
    if _npts < 2:
        raise ValueError("npts must be >= 2")
    x = np.linspace(-np.pi, 0, _npts)
    return np.cos(x)


def chebinterpolate(func, deg, args=()):
    """The Chebyshev series interpolating ``func`` at the Chebyshev points of the first
    kind."""
    np = _np()
    deg = np.asarray(deg)
    if deg.ndim > 0 or deg.dtype.kind not in "iu" or deg.size == 0:
        raise TypeError("deg must be an int")
    if deg < 0:
        raise ValueError("expected deg >= 0")
    order = deg + 1
    xcheb = chebpts1(order)
    yfunc = func(xcheb, *args)
    m = make("cheb")["vander"](xcheb, deg)
    c = np.dot(m.T, yfunc)
    c[0] /= order
    c[1:] /= 0.5 * order
    return c


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
