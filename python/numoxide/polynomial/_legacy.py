"""The legacy polynomial API at numoxide's top level (``poly1d``, ``polyfit``,
``polyval``, ``roots``, ``poly``, ``polyder``, ``polyint``, ``polyadd``, ``polysub``,
``polymul``, ``polydiv``): coefficients highest power first. Argument handling follows
NumPy; the arithmetic is Rust (``numoxide._numoxide._polynomial``)."""

import numbers
import re
import warnings

from .. import _numoxide
from ..exceptions import RankWarning
from ._functions import _infinite_rhs

_p = _numoxide._polynomial

__all__ = ["poly", "poly1d", "polyadd", "polyder", "polydiv", "polyfit", "polyint", "polymul", "polysub", "polyval", "roots"]


def _np():
    import numoxide

    return numoxide


def _is_int_kind(a):
    return a.dtype.kind in "biu"


def _result_dtype(*arrays):
    """NumPy's promotion of the coefficient arrays (float32 stays float32)."""
    np = _np()
    return np.result_type(*[a.dtype for a in arrays])


def _float_dtype(dt):
    """The dtype of ``a + 0.0`` for an array of dtype ``dt``."""
    np = _np()
    return dt if dt.kind in "fc" else np.dtype("float64")


def _cast_like(res, dtype):
    return res if res.dtype == dtype else res.astype(dtype)


def _rev(a):
    return a[::-1].copy()


def _scalar_out(res):
    return res[()] if res.ndim == 0 else res


def polyval(p, x):
    """Evaluate a polynomial (highest power first) at ``x``."""
    np = _np()
    if isinstance(x, poly1d):
        return _polyval_poly(np.asarray(p), x)
    p = np.asarray(p)
    if p.ndim == 0:
        # NumPy iterates over the coefficients (`for pv in p`).
        raise TypeError("iteration over a 0-d array")
    x = np.asanyarray(x)
    if p.size == 0:
        return np.zeros_like(x)
    out_dtype = _result_dtype(p, x)
    # NumPy's Horner loop `y = y * x + pv` runs in the result dtype: float32/float16/
    # complex64 results are computed in that precision (the same operations as polyval).
    narrow = out_dtype.name in ("float16", "float32", "complex64")
    res = _p.val("poly", x, _rev(p), True, out_dtype.name if narrow else None)
    return _scalar_out(_cast_like(res, out_dtype))


def _polyval_poly(p, x):
    y = poly1d([0])
    for pv in p.tolist():
        y = y * x + pv
    return y


def _aligned_op(a1, a2, subtract):
    """NumPy's polyadd/polysub step by step: the shorter operand left-padded with zeros
    of its own dtype, then ``+``/``-`` (an empty operand pads to zeros; bools refuse
    ``-``)."""
    np = _np()
    diff = len(a2) - len(a1)
    if diff > 0:
        a1 = np.concatenate((np.zeros(diff, a1.dtype), a1))
    elif diff < 0:
        a2 = np.concatenate((np.zeros(-diff, a2.dtype), a2))
    return a1 - a2 if subtract else a1 + a2


def polyadd(a1, a2):
    """Sum of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    np = _np()
    a1 = np.array(a1.coeffs if isinstance(a1, poly1d) else a1, ndmin=1)
    a2 = np.array(a2.coeffs if isinstance(a2, poly1d) else a2, ndmin=1)
    if a1.size == 0 or a2.size == 0:
        val = _aligned_op(a1, a2, False)
    else:
        val = _cast_like(_p.legacy_add(a1, a2, False), _result_dtype(a1, a2))
    return poly1d(val) if truepoly else val


def polysub(a1, a2):
    """Difference of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    np = _np()
    a1 = np.array(a1.coeffs if isinstance(a1, poly1d) else a1, ndmin=1)
    a2 = np.array(a2.coeffs if isinstance(a2, poly1d) else a2, ndmin=1)
    if a1.size == 0 or a2.size == 0 or (a1.dtype.kind == "b" and a2.dtype.kind == "b"):
        val = _aligned_op(a1, a2, True)
    else:
        val = _cast_like(_p.legacy_add(a1, a2, True), _result_dtype(a1, a2))
    return poly1d(val) if truepoly else val


def polymul(a1, a2):
    """Product of two polynomials."""
    truepoly = isinstance(a1, poly1d) or isinstance(a2, poly1d)
    a1, a2 = poly1d(a1), poly1d(a2)
    dtype = _result_dtype(a1.coeffs, a2.coeffs)
    val = _cast_like(_p.convolve(a1.coeffs, a2.coeffs), dtype)
    return poly1d(val) if truepoly else val


def _polydiv_steps(u, v):
    """NumPy's long division, one array operation per step (for the inputs whose
    arithmetic raises floating-point warnings)."""
    np = _np()
    u = u + 0.0
    v = v + 0.0
    w = u[0] + v[0]
    m = len(u) - 1
    n = len(v) - 1
    scale = 1.0 / v[0]
    q = np.zeros((max(m - n + 1, 1),), w.dtype)
    r = u.astype(w.dtype)
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k : k + n + 1] -= d * v
    while np.allclose(r[0], 0, rtol=1e-14) and r.shape[-1] > 1:
        r = r[1:]
    return q, r


def polydiv(u, v):
    """Quotient and remainder of polynomial division."""
    truepoly = isinstance(u, poly1d) or isinstance(v, poly1d)
    np = _np()
    u = np.array(u.coeffs if isinstance(u, poly1d) else u, ndmin=1)
    v = np.array(v.coeffs if isinstance(v, poly1d) else v, ndmin=1)
    dt = np.result_type(_float_dtype(u.dtype), _float_dtype(v.dtype))
    if v.size and u.size and (v[0] == 0 or not (np.isfinite(u).all() and np.isfinite(v).all())):
        # Non-finite arithmetic: NumPy's long division warns (divide by zero, invalid
        # value) under the error state; run it as NumPy does to warn alike.
        q, r = _polydiv_steps(u, v)
    else:
        q, r = _p.legacy_div(u, v)
    q, r = _cast_like(q, dt), _cast_like(r, dt)
    if truepoly:
        return poly1d(q), poly1d(r)
    return q, r


def polyder(p, m=1):
    """The ``m``-th derivative of a polynomial."""
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    truepoly = isinstance(p, poly1d)
    np = _np()
    p = np.asarray(p.coeffs if truepoly else p)
    # NumPy multiplies by an int64 arange: float32 coefficients promote to float64.
    dtype = np.result_type(p.dtype, np.dtype("int64"))
    if m == 0:
        val = p
    elif m >= len(p):
        val = np.zeros(0, dtype=dtype)
    else:
        val = _cast_like(_rev(_p.der("poly", _rev(p), m, 1.0)), dtype)
    return poly1d(val) if truepoly else val


def polyint(p, m=1, k=None):
    """The ``m``-th antiderivative of a polynomial (integration constants ``k``)."""
    np = _np()
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    if k is None:
        k = [0.0] * m
    k = np.array(k, ndmin=1).tolist()
    if len(k) == 1 and m > 1:
        k = k * m
    if len(k) < m:
        raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
    truepoly = isinstance(p, poly1d)
    p = np.asarray(p.coeffs if truepoly else p)
    if m == 0:
        return poly1d(p) if truepoly else p
    val = p
    for i in range(m):
        if len(val) == 1 and val[0] == 0:
            val = _p.legacy_add(np.array([0.0]), np.array([0.0, k[i]]), False)
        else:
            val = _rev(_p.int("poly", _rev(val), 1, [k[i]], 0.0, 1.0))
    return poly1d(val) if truepoly else val


def _dispatch_iterable(x):
    """NumPy's array-function dispatcher hands ``x`` on as the relevant arguments: it
    must be iterable."""
    try:
        iter(x)
    except TypeError:
        raise TypeError("dispatcher for __array_function__ did not return an iterable") from None


def roots(p):
    """The roots of a polynomial (highest power first), from its companion matrix."""
    _dispatch_iterable(p)
    np = _np()
    p = np.array(p, ndmin=1)
    if p.ndim != 1:
        raise ValueError("Input must be a rank-1 array.")
    values = p.tolist()
    non_zero = [i for i, v in enumerate(values) if v != 0]
    if len(non_zero) == 0:
        return np.array([])
    trailing_zeros = len(p) - non_zero[-1] - 1
    p = p[non_zero[0] : non_zero[-1] + 1]
    if p.dtype.kind not in "fc":
        p = p.astype("float64")
    n = len(p)
    if n > 1 and p.dtype.name == "float16":
        # NumPy's companion matrix keeps float16, which eigvals refuses.
        raise TypeError("array type float16 is unsupported in linalg")
    if n > 1:
        cplx = p.dtype.kind == "c"
        a = np.zeros((n - 1, n - 1), dtype="complex128" if cplx else "float64")
        for i in range(1, n - 1):
            a[i, i - 1] = 1
        a[0, :] = _p.scale(_p.negate(p[1:]), p[0], True)
        r = _p.eigvals(a)
    else:
        r = np.array([])
    if p.dtype.name in ("float32", "complex64") and r.dtype.kind in "fc":
        r = r.astype("complex64" if r.dtype.kind == "c" else "float32")
    if trailing_zeros:
        r = _append_zeros(r, trailing_zeros)
    return r


def _append_zeros(r, count):
    np = _np()
    out = np.zeros(len(r) + count, dtype=r.dtype)
    out[: len(r)] = r
    return out


def poly(seq_of_zeros):
    """The coefficients of the monic polynomial with the given roots (or of a square
    matrix's characteristic polynomial)."""
    _dispatch_iterable(seq_of_zeros)
    np = _np()
    seq = np.array(seq_of_zeros, ndmin=1)
    sh = seq.shape
    if len(sh) == 2 and sh[0] == sh[1] and sh[0] != 0:
        seq = _p.eigvals(seq)
    elif len(sh) == 1:
        seq = seq.astype("complex128" if seq.dtype.kind == "c" else "float64")
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if len(seq) == 0:
        return 1.0
    narrow = np.array(seq_of_zeros).dtype.name in ("float32", "complex64")
    vals = seq.tolist()
    cplx = seq.dtype.kind == "c"
    a = np.ones(1, dtype=seq.dtype)
    for z in vals:
        a = _p.mul("poly", a, np.array([-z, 1], dtype=seq.dtype))
    a = _rev(a)
    if cplx:
        def key(z):
            return (z.real, z.imag)

        if sorted(vals, key=key) == sorted((complex(z).conjugate() for z in vals), key=key):
            a = a.real.copy()
    if narrow:
        a = a.astype("complex64" if a.dtype.kind == "c" else "float32")
    return a


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """Least-squares polynomial fit (coefficients highest power first)."""
    np = _np()
    order = int(deg) + 1
    x = np.asarray(x) + 0.0
    y = np.asarray(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    if w is not None:
        w = np.asarray(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
    for a in (x, y):
        if a.dtype.name == "float16":
            raise TypeError("array type float16 is unsupported in linalg")
    if rcond is None:
        rcond = len(x) * np.finfo(x.dtype).eps
    coef, resids, rank, s = _p.fit("poly", x, y, order - 1, None, float(rcond), w, True)
    coef, resids = _infinite_rhs(np, y, w, coef, resids, rank, slice(None))
    rank = np.int32(rank)  # lstsq's rank is an int32 scalar
    # np.vander promotes with int64, so NumPy's fit is float64 (or complex128) even for
    # float32 input: the Rust result already has that precision.
    c = coef[::-1].copy()
    if rank != order and not full:
        warnings.warn("Polyfit may be poorly conditioned", RankWarning, stacklevel=2)
    if full:
        return c, resids, rank, s, rcond
    if cov:
        # NumPy's covariance: inv(L^T L) of the column-scaled (weighted) Vandermonde
        # matrix L, unscaled, times the residual variance unless cov == "unscaled".
        lhs = _p.vander("poly", x, order - 1)[:, ::-1]
        if w is not None:
            lhs = lhs * w[:, None]
        scale = np.sqrt((lhs * lhs).sum(axis=0))
        lhs = lhs / scale
        vbase = np.linalg.inv(np.dot(lhs.T, lhs))
        vbase /= np.outer(scale, scale)
        if cov == "unscaled":
            fac = 1
        else:
            if len(x) <= order:
                raise ValueError(
                    "the number of data points must exceed order to scale the covariance matrix"
                )
            fac = resids / (len(x) - order)
        if y.ndim == 1:
            return c, vbase * fac
        return c, vbase[:, :, None] * fac
    return c


_poly_mat = re.compile(r"\*\*([0-9]*)")


def _raise_power(astr, wrap=70):
    n = 0
    line1 = ""
    line2 = ""
    output = " "
    while True:
        mat = _poly_mat.search(astr, n)
        if mat is None:
            break
        span = mat.span()
        power = mat.groups()[0]
        partstr = astr[n : span[0]]
        n = span[1]
        toadd2 = partstr + " " * (len(power) - 1)
        toadd1 = " " * (len(partstr) - 1) + power
        if len(line2) + len(toadd2) > wrap or len(line1) + len(toadd1) > wrap:
            output += line1 + "\n" + line2 + "\n "
            line1 = toadd1
            line2 = toadd2
        else:
            line2 += partstr + " " * (len(power) - 1)
            line1 += " " * (len(partstr) - 1) + power
    output += line1 + "\n" + line2
    return output + astr[n:]


def _isscalar(v):
    return isinstance(v, (numbers.Number, _np().generic))


class poly1d:  # noqa: N801 - NumPy's name
    """A one-dimensional polynomial class (legacy API)."""

    __hash__ = None

    def __init__(self, c_or_r, r=False, variable=None):
        np = _np()
        if isinstance(c_or_r, poly1d):
            self._variable = c_or_r._variable
            self._coeffs = c_or_r._coeffs
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        # NumPy keeps a view of an array argument (no copy): writes through either show
        # in the other.
        c = np.atleast_1d(c_or_r)
        if c.ndim > 1:
            raise ValueError("Polynomial must be 1d only.")
        values = c.tolist()
        first = next((i for i, v in enumerate(values) if v != 0), len(values))
        c = c[first:]
        if len(c) == 0:
            c = np.array([0], dtype=c.dtype)
        self._coeffs = c
        self._variable = "x" if variable is None else variable

    @property
    def coeffs(self):
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value):
        # Only re-binding the same array is allowed (what makes `p.coeffs *= 2` work).
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    c = coef = coefficients = coeffs

    @property
    def variable(self):
        return self._variable

    @property
    def order(self):
        return len(self._coeffs) - 1

    o = order

    @property
    def roots(self):
        return roots(self._coeffs)

    r = roots

    def __array__(self, t=None, copy=None):
        return self.coeffs.__array__(t) if t else self.coeffs.__array__()

    def __repr__(self):
        return f"poly1d({repr(self.coeffs)[6:-1]})"

    def __len__(self):
        return self.order

    def __str__(self):
        thestr = "0"
        var = self.variable
        values = self.coeffs.tolist()
        first = next((i for i, v in enumerate(values) if v != 0), len(values))
        coeffs = values[first:]
        n = len(coeffs) - 1

        def fmt_float(q):
            return f"{q:.4g}".removesuffix(".0000")

        for k, coeff in enumerate(coeffs):
            if not (isinstance(coeff, complex) and coeff.imag != 0):
                coefstr = fmt_float(coeff.real if isinstance(coeff, complex) else coeff)
            elif coeff.real == 0:
                coefstr = f"{fmt_float(coeff.imag)}j"
            else:
                coefstr = f"({fmt_float(coeff.real)} + {fmt_float(coeff.imag)}j)"
            power = n - k
            if power == 0:
                newstr = coefstr if coefstr != "0" else ("0" if k == 0 else "")
            elif power == 1:
                newstr = "" if coefstr == "0" else (var if coefstr == "b" else f"{coefstr} {var}")
            elif coefstr == "0":
                newstr = ""
            elif coefstr == "b":
                newstr = f"{var}**{power}"
            else:
                newstr = f"{coefstr} {var}**{power}"
            if k > 0:
                if newstr != "":
                    if newstr.startswith("-"):
                        thestr = f"{thestr} - {newstr[1:]}"
                    else:
                        thestr = f"{thestr} + {newstr}"
            else:
                thestr = newstr
        return _raise_power(thestr)

    def __call__(self, val):
        return polyval(self.coeffs, val)

    def __neg__(self):
        return poly1d(-self.coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        if _isscalar(other):
            # NumPy scales the coefficient array: a Python float keeps float32.
            return poly1d(self.coeffs * other)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __rmul__(self, other):
        if _isscalar(other):
            return poly1d(other * self.coeffs)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __add__(self, other):
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    __radd__ = __add__

    def __pow__(self, val):
        if not _isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        res = [1]
        for _ in range(val):
            res = polymul(self.coeffs, res)
        return poly1d(res)

    def __sub__(self, other):
        return poly1d(polysub(self.coeffs, poly1d(other).coeffs))

    def __rsub__(self, other):
        return poly1d(polysub(poly1d(other).coeffs, self.coeffs))

    def __truediv__(self, other):
        if _isscalar(other):
            return poly1d(self.coeffs / other)
        return polydiv(self, poly1d(other))

    def __rtruediv__(self, other):
        if _isscalar(other):
            return poly1d(other / self.coeffs)
        return polydiv(poly1d(other), self)

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return self.coeffs.shape == other.coeffs.shape and self.coeffs.tolist() == other.coeffs.tolist()

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val):
        if val > self.order or val < 0:
            return self.coeffs.dtype.type(0)
        return self.coeffs[self.order - val]

    def __setitem__(self, key, val):
        if key < 0:
            raise ValueError("Does not support negative powers.")
        if key > self.order:
            np = _np()
            self._coeffs = np.concatenate((np.zeros(key - self.order, self._coeffs.dtype), self._coeffs))
            ind = 0
        else:
            ind = self.order - key
        self._coeffs[ind] = val

    def __iter__(self):
        return iter(self.coeffs)

    def integ(self, m=1, k=0):
        return poly1d(polyint(self.coeffs, m=m, k=k))

    def deriv(self, m=1):
        return poly1d(polyder(self.coeffs, m=m))
