"""Polynomial leftovers of the audit, against NumPy: derivatives with an array-like
``scl``, fits with infinite data, and poly1d's view of its coefficient array.

Results must agree in type, dtype and shape, with NaNs in the same places. Derivatives
are bit-identical (ulp 0: the same operations in the same order as NumPy's loop); fits
agree within |ours - numpy| <= 64 * eps * max|numpy| (a different least-squares solver
than LAPACK's). Errors must be of the same class; the message too where stated.
"""

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error, same_call, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from test_polynomial_audit import KINDS, _compare, func, same

FIT_ULP = 64


def _arg(m, v):
    """v as the module under test takes it (NumPy arrays become numoxide arrays)."""
    return to_nx(v) if m is numoxide else v


def _coefs(shape, dtype="float64", seed=0):
    rng = numpy.random.default_rng(seed)
    c = rng.standard_normal(shape) * 4
    if dtype.startswith("complex"):
        c = c + 1j * rng.standard_normal(shape)
    return c.astype(dtype)


# ----- derivatives with an array-like scl -----

# (scl, coefficient shape, axis): NumPy multiplies the coefficients (series axis first)
# by scl in place before each differentiation, so scl broadcasts against them.
DER_SCL = [
    ([2.0, 3.0, 0.5], (5, 3), 0),
    ([[2.0, -3.0, 0.5]], (5, 3), 0),
    ([2.0], (5,), 0),
    (numpy.array([[2.0]]), (5, 3), 0),
    (numpy.array([-1.5, 2.0, 4.0], "float32"), (5, 3), 0),
    (numpy.array([2, 3, 5]), (5, 3), 0),
    (numpy.array([2.0, 0.25, 3.0]), (3, 5), 1),
    (numpy.array([2.0, 0.25, 3.0]), (3, 5), -1),
    ((0.5, 2.0, 3.0), (2, 5, 3), 1),
    (numpy.array([[0.5], [2.0]]), (5, 2, 1), 0),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", range(len(DER_SCL)))
@pytest.mark.parametrize("order", [1, 2, 3])
def test_der_array_scl(kind, case, order):
    scl, shape, axis = DER_SCL[case]
    c = _coefs(shape, seed=case)

    def call(m):
        return func(m, kind, "der")(_arg(m, c), m=order, scl=_arg(m, scl), axis=axis)

    theirs = call(numpy)
    assert_same(call(numoxide), theirs, ulp=0)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "scl", [numpy.array([2.0, 3.0, 0.5]), numpy.array(2.0 - 1j), [1j, 2.0, 0.5]]
)
def test_der_array_scl_complex_coefficients(kind, scl):
    c = _coefs((4, 3), "complex128", seed=3)

    def call(m):
        return func(m, kind, "der")(_arg(m, c), m=2, scl=_arg(m, scl))

    assert_same(call(numoxide), call(numpy), ulp=0)


SIGNED = numpy.array(
    [
        [-1 - 0j, 2 - 0j],
        [3 - 0j, complex(-4, -0.0)],
        [complex(5, -0.0), 1j],
        [complex(-2, -0.0), complex(3, -0.0)],
    ]
)
INFINITE = numpy.array([[1 + 0j, 2], [3, 4], [5, 6], [complex(numpy.inf, 1), 2], [1, 1j]])
SIGNED_SCL = [
    numpy.array([2.0, -1.0]),
    numpy.array([-1.0, 1.0]),
    numpy.array([[1.0], [-1.0], [2.0], [-3.0]]),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scl", SIGNED_SCL)
def test_der_array_scl_signed_zeros(kind, scl):
    # Bit-identical includes the signs of zero parts.
    def call(m):
        return func(m, kind, "der")(_arg(m, SIGNED), scl=_arg(m, scl))

    assert_same(call(numoxide), call(numpy), ulp=0)


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            k,
            marks=pytest.mark.xfail(
                k in ("legendre", "laguerre"),
                strict=True,
                reason="an infinite part: the Rust step's exact multiply by 1+0j after "
                "c *= scl makes NaN where NumPy keeps inf+nanj (their recurrences copy c[1])",
            ),
        )
        for k in KINDS
    ],
)
@pytest.mark.parametrize("scl", SIGNED_SCL[:2])
def test_der_array_scl_infinite_parts(kind, scl):
    def call(m):
        with numpy.errstate(invalid="ignore"), m.errstate(invalid="ignore"):
            return func(m, kind, "der")(_arg(m, INFINITE), scl=_arg(m, scl))

    assert_same(call(numoxide), call(numpy), ulp=0)


# (scl, coefficient shape, order): scl that cannot broadcast to the coefficients (the
# second step has one coefficient fewer), or a complex scl for real coefficients (the
# in-place multiply cannot cast back).
DER_SCL_ERRORS = [
    ([2.0, 3.0], (4,), 1),
    ([2.0, 3.0], (4, 3), 1),
    ([1.0, 2.0, 3.0, 4.0], (4,), 2),
    (numpy.array([[2.0]]), (4,), 1),
    (2j, (4,), 1),
    (numpy.complex128(2j), (4, 3), 2),
    (numpy.array(1 + 1j), (4,), 1),
    ([2j, 1.0, 1.0], (4, 3), 1),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", range(len(DER_SCL_ERRORS)))
def test_der_array_scl_errors(kind, case):
    scl, shape, order = DER_SCL_ERRORS[case]
    c = _coefs(shape, seed=case)
    assert_same_error(lambda m: func(m, kind, "der")(_arg(m, c), m=order, scl=_arg(m, scl)))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("scl", [[2.0, 3.0], numpy.array([[1.0, 2.0, 3.0]]), 1j])
def test_der_array_scl_unused(kind, scl):
    # An order of zero, or at least the number of coefficients, never reads scl.
    c = _coefs((3,), seed=1)
    for order in (0, 3, 5):
        same(
            lambda m, order=order: func(m, kind, "der")(_arg(m, c), m=order, scl=_arg(m, scl)),
            ulp=0,
        )


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(list(KINDS)),
    n=st.integers(1, 7),
    cols=st.integers(1, 4),
    order=st.integers(0, 8),
    per_column=st.booleans(),
    data=st.data(),
)
def test_der_array_scl_hypothesis(kind, n, cols, order, per_column, data):
    finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
    c = numpy.array(data.draw(st.lists(finite, min_size=n * cols, max_size=n * cols))).reshape(
        n, cols
    )
    size = cols if per_column else 1
    scl = numpy.array(data.draw(st.lists(finite, min_size=size, max_size=size)))

    def call(m):
        return func(m, kind, "der")(_arg(m, c), m=order, scl=_arg(m, scl))

    assert_same(call(numoxide), call(numpy), ulp=0)


# ----- fits with infinite data -----

X = numpy.linspace(-1, 1, 9)
# Columns with every fitted coefficient well away from zero (so the bound, relative to the
# largest, is not about rounding noise).
Y = numpy.stack([numpy.exp(X), 2 + numpy.cos(X) + X, 1 + X + X**2 - X**3], axis=1)


def _with(y, *items):
    y = y.copy()
    for index, value in items:
        y[index] = value
    return y


# LAPACK's driver scales all right-hand sides by their largest magnitude first: one
# infinity makes every coefficient NaN and the finite columns' residuals 0, unless a
# NaN is among the right-hand sides (then no scaling: only the non-finite columns NaN).
FIT_Y = {
    "inf": _with(Y, ((2, 1), numpy.inf)),
    "-inf": _with(Y, ((7, 0), -numpy.inf)),
    "two inf": _with(Y, ((0, 2), numpy.inf), ((8, 2), -numpy.inf)),
    "inf and nan": _with(Y, ((2, 1), numpy.inf), ((4, 2), numpy.nan)),
    "complex inf": _with(Y + 0.5j, ((3, 0), complex(0.0, numpy.inf))),
    "float32 inf": _with(Y, ((2, 1), numpy.inf)).astype("float32"),
    "one column inf": _with(Y[:, :1], ((2, 0), numpy.inf)),
    "1-d inf": _with(Y[:, 1], (3, numpy.inf)),
}


def _fit_compare(y, w=None):
    """Compare fit results: coefficients, singular values and covariances within
    FIT_ULP; rank and rcond exact; residuals (sums of squares, whose error is that of the
    data's squared norm) NaN where NumPy's are, 0 where NumPy's are, and otherwise within
    8 * eps * sum|y w|^2 of their column."""
    with numpy.errstate(invalid="ignore"):
        rhs = y if w is None else (y * w if y.ndim == 1 else y * w[:, None])
    norms = numpy.sum(numpy.abs(numpy.where(numpy.isfinite(rhs), rhs, 0)) ** 2, axis=0)

    def residuals(o, t):
        assert isinstance(o, numoxide.ndarray)
        o = numpy.asarray(o)
        assert o.dtype == t.dtype and o.shape == t.shape, (o.dtype, o.shape, t.dtype, t.shape)
        assert numpy.array_equal(numpy.isnan(o), numpy.isnan(t)), (o, t)
        assert numpy.all(o[t == 0] == 0), (o, t)
        fin = numpy.isfinite(t)
        bound = 8 * numpy.finfo(t.dtype).eps * numpy.broadcast_to(norms, t.shape)
        assert numpy.all(numpy.abs(o[fin] - t[fin]) <= bound[fin]), (o, t)

    def extras(o, t):
        resids, rank, sv, rcond = t
        residuals(o[0], resids)
        _compare(o[1], rank, 0)
        _compare(o[2], sv, FIT_ULP)
        _compare(o[3], rcond, 0)

    def compare(ours, theirs):
        if not isinstance(theirs, tuple):
            _compare(ours, theirs, FIT_ULP)
            return
        assert type(ours) is tuple and len(ours) == len(theirs)
        _compare(ours[0], theirs[0], FIT_ULP)
        if len(theirs) == 5:  # np.polyfit(full=True)
            extras(ours[1:], theirs[1:])
        elif isinstance(theirs[1], list):  # the series fits' full=True
            assert type(ours[1]) is list and len(ours[1]) == 4
            extras(ours[1], theirs[1])
        else:  # np.polyfit(cov=...)
            _compare(ours[1], theirs[1], FIT_ULP)

    return compare


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("ycase", FIT_Y)
@pytest.mark.parametrize("deg", [2, 3, [0, 2]])
@pytest.mark.parametrize("full", [False, True])
def test_fit_infinite_y(kind, ycase, deg, full):
    y = FIT_Y[ycase]
    same_call(
        lambda m: func(m, kind, "fit")(_arg(m, X), _arg(m, y), deg, full=full), _fit_compare(y)
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("wcase", ["zero at the infinity", "positive"])
def test_fit_infinite_y_weights(kind, wcase):
    y = FIT_Y["inf"]
    # A zero weight on the infinite value makes it NaN (no scaling: one NaN column); a
    # positive one keeps it infinite.
    w = (
        _with(numpy.ones(9), (2, 0.0))
        if wcase == "zero at the infinity"
        else numpy.linspace(0.5, 2, 9)
    )
    same_call(
        lambda m: func(m, kind, "fit")(_arg(m, X), _arg(m, y), 3, w=_arg(m, w), full=True),
        _fit_compare(y, w),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_class_fit_infinite_y(kind):
    y = FIT_Y["1-d inf"]
    cls_name = KINDS[kind][1]
    same_call(
        lambda m: getattr(m.polynomial, cls_name).fit(_arg(m, X), _arg(m, y), 3).coef,
        _fit_compare(y),
    )


# With a NaN among the data LAPACK does not scale, and the finite columns' covariances
# are residual-accuracy matters (the series fits' residual cases cover them).
LEGACY_CASES = [
    (ycase, options)
    for ycase in FIT_Y
    for options in ({}, {"full": True}, {"cov": True}, {"cov": "unscaled"})
    if not (ycase == "inf and nan" and "cov" in options)
]


@pytest.mark.parametrize(("ycase", "options"), LEGACY_CASES)
def test_legacy_polyfit_infinite_y(ycase, options):
    y = FIT_Y[ycase]
    same_call(lambda m: m.polyfit(_arg(m, X), _arg(m, y), 3, **options), _fit_compare(y))


# ----- poly1d keeps a view of an array argument -----

POLY1D_ARRAYS = [
    numpy.array([1.0, 2.0, 3.0]),
    numpy.array([0.0, 0.0, 2.0, 3.0]),
    numpy.array([1, 2, 3]),
    numpy.array([1 + 2j, 3.0]),
    numpy.array(4.0),
    numpy.array([0.0, 0.0]),
]


@pytest.mark.parametrize("case", range(len(POLY1D_ARRAYS)))
def test_poly1d_sees_writes_to_its_array(case):
    def write_array(m):
        a = _arg(m, POLY1D_ARRAYS[case]).copy()
        p = m.poly1d(a)
        a[...] = 7
        return p.coeffs, p(2.0), p.order

    def write_coeffs(m):
        a = _arg(m, POLY1D_ARRAYS[case]).copy()
        p = m.poly1d(a)
        p.coeffs[...] = 5
        return a

    same(write_array, ulp=0)
    same(write_coeffs, ulp=0)


def test_poly1d_of_a_list_or_poly1d():
    def from_list(m):
        values = [0.0, 1.0, 2.0]
        p = m.poly1d(values)
        values[1] = 9.0
        return p.coeffs

    def from_poly1d(m):
        p = m.poly1d(m.array([1.0, 2.0]))
        q = m.poly1d(p)
        p.coeffs[0] = 3.0
        return q.coeffs

    same(from_list, ulp=0)
    same(from_poly1d, ulp=0)
