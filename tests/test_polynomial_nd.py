"""numoxide.polynomial against NumPy: multi-dimensional coefficients and evaluation
(val with tensor=, val2d/val3d/valnd, grid2d/grid3d, vander2d/vander3d), the remaining
module functions (polyvalfromroots, chebpts1/2, chebinterpolate), the precision NumPy
keeps (float16/float32/complex64 coefficients) and the legacy np.polyfit(cov=, full=, w=).

Tolerances (stated per routine):
- float64/complex128 evaluation: NumPy's recurrences in the same order, 4 ULP;
- float32/float16/complex64 inputs: dtype must match exactly; we compute in double and
  round once, NumPy rounds every step, so values agree within a few units of the
  input precision (rel 1e-5 for float32, 5e-3 for float16), never more;
- fits and covariances: Jacobi SVD vs LAPACK gelsd, 1e-8 relative.
"""

import importlib

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error
from hypothesis import given, settings
from hypothesis import strategies as st

KINDS = [
    ("polynomial", "poly", "Polynomial"),
    ("chebyshev", "cheb", "Chebyshev"),
    ("legendre", "leg", "Legendre"),
    ("laguerre", "lag", "Laguerre"),
    ("hermite", "herm", "Hermite"),
    ("hermite_e", "herme", "HermiteE"),
]
rng = numpy.random.default_rng(11)


def fn(m, kind, suffix):
    module, prefix, _ = kind
    return getattr(getattr(m.polynomial, module), prefix + suffix)


def near(ours, theirs, rel):
    o = numpy.asarray(ours)
    t = numpy.asarray(theirs)
    assert o.shape == t.shape, f"{o.shape} != {t.shape}"
    assert o.dtype == t.dtype, f"{o.dtype} != {t.dtype}"
    if t.size:
        scale = max(1.0, float(numpy.max(numpy.abs(t.astype(numpy.complex128)))))
        diff = numpy.abs(o.astype(numpy.complex128) - t.astype(numpy.complex128))
        assert numpy.max(diff) <= rel * scale, f"\n{o}\n{t}"


def tol(dtype):
    return {"float16": 5e-3, "float32": 1e-5, "complex64": 1e-5}.get(numpy.dtype(dtype).name, 1e-12)


# ----- val with multi-dimensional coefficients -------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("cshape", [(3, 2), (4, 2, 3), (1, 3), (5, 1)])
@pytest.mark.parametrize("xshape", [(), (3,), (2, 3), (4,)])
@pytest.mark.parametrize("tensor", [True, False])
def test_val_nd_coefficients(kind, cshape, xshape, tensor):
    c = rng.standard_normal(cshape)
    x = rng.uniform(-1.5, 1.5, xshape)
    try:
        theirs = fn(numpy, kind, "val")(x, c, tensor=tensor)
    except ValueError:
        assert_same_error(lambda m, x, c: fn(m, kind, "val")(x, c, tensor=tensor), x, c)
        return
    ours = fn(numoxide, kind, "val")(numoxide.array(x), numoxide.array(c), tensor=tensor)
    assert_same(ours, theirs, ulp=4)


@pytest.mark.parametrize("kind", KINDS)
def test_val_nd_scalar_and_complex(kind):
    c = rng.standard_normal((3, 2, 2))
    assert_same(fn(numoxide, kind, "val")(0.25, c), fn(numpy, kind, "val")(0.25, c), ulp=4)
    x = numpy.array([0.5 + 0.25j, -1.0j])
    assert_same(fn(numoxide, kind, "val")(numoxide.array(x), c), fn(numpy, kind, "val")(x, c), ulp=4)
    ci = numpy.arange(6).reshape(3, 2)
    assert_same(fn(numoxide, kind, "val")([0.5, 2.0], ci), fn(numpy, kind, "val")([0.5, 2.0], ci), ulp=4)
    # a non-contiguous, negatively strided coefficient block
    cv = rng.standard_normal((4, 6))[::-1, ::2]
    assert_same(fn(numoxide, kind, "val")(0.75, numoxide.array(cv)), fn(numpy, kind, "val")(0.75, cv), ulp=4)


# ----- 2-D / 3-D / N-D evaluation and Vandermonde matrices -------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_val2d_val3d_valnd(kind):
    x, y, z = (rng.uniform(-1, 1, (2, 3)) for _ in range(3))
    c2 = rng.standard_normal((3, 4))
    c3 = rng.standard_normal((2, 3, 2))
    assert_same(fn(numoxide, kind, "val2d")(x, y, c2), fn(numpy, kind, "val2d")(x, y, c2), ulp=8)
    assert_same(fn(numoxide, kind, "val3d")(x, y, z, c3), fn(numpy, kind, "val3d")(x, y, z, c3), ulp=8)
    assert_same(fn(numoxide, kind, "valnd")((x, y, z), c3), fn(numpy, kind, "valnd")((x, y, z), c3), ulp=8)
    assert_same(fn(numoxide, kind, "val2d")(0.5, -0.25, c2), fn(numpy, kind, "val2d")(0.5, -0.25, c2), ulp=8)
    assert_same_error(lambda m: fn(m, kind, "val2d")([1.0, 2.0], [1.0], c2))
    assert_same_error(lambda m: fn(m, kind, "val3d")([1.0, 2.0], [1.0, 2.0], [1.0], c3))
    assert_same_error(lambda m: fn(m, kind, "valnd")(([1.0], [1.0, 2.0]), c3))


@pytest.mark.parametrize("kind", KINDS)
def test_grid2d_grid3d(kind):
    x, y, z = rng.uniform(-1, 1, 3), rng.uniform(-1, 1, (2, 2)), rng.uniform(-1, 1, 2)
    c2 = rng.standard_normal((3, 4))
    c3 = rng.standard_normal((2, 3, 2))
    assert_same(fn(numoxide, kind, "grid2d")(x, y, c2), fn(numpy, kind, "grid2d")(x, y, c2), ulp=8)
    assert_same(fn(numoxide, kind, "grid3d")(x, y, z, c3), fn(numpy, kind, "grid3d")(x, y, z, c3), ulp=8)
    assert_same(fn(numoxide, kind, "grid2d")(0.5, 1.5, c2), fn(numpy, kind, "grid2d")(0.5, 1.5, c2), ulp=8)


@pytest.mark.parametrize("kind", KINDS)
def test_vander2d_vander3d(kind):
    x, y, z = (rng.uniform(-1, 1, 5) for _ in range(3))
    assert_same(fn(numoxide, kind, "vander2d")(x, y, [2, 3]), fn(numpy, kind, "vander2d")(x, y, [2, 3]), ulp=4)
    assert_same(
        fn(numoxide, kind, "vander3d")(x, y, z, [1, 2, 1]), fn(numpy, kind, "vander3d")(x, y, z, [1, 2, 1]), ulp=4
    )
    assert_same(fn(numoxide, kind, "vander2d")([1, 2], [3, 4], [1, 1]), fn(numpy, kind, "vander2d")([1, 2], [3, 4], [1, 1]))
    assert_same_error(lambda m: fn(m, kind, "vander2d")(x, y, [2]))
    # the 2-D Vandermonde matrix times the flattened coefficients is val2d
    c = rng.standard_normal((3, 4))
    v = fn(numoxide, kind, "vander2d")(x, y, [2, 3])
    numpy.testing.assert_allclose(
        numpy.asarray(v @ numoxide.array(c.ravel())), fn(numpy, kind, "val2d")(x, y, c), rtol=1e-12, atol=1e-12
    )


@settings(max_examples=25, deadline=None)
@given(
    st.integers(0, 5),
    st.integers(0, 3),
    st.lists(st.floats(-2, 2, allow_nan=False), min_size=1, max_size=4),
)
def test_grid2d_hypothesis(n0, n1, xs):
    c = numpy.arange(1, (n0 + 1) * (n1 + 1) + 1, dtype=float).reshape(n0 + 1, n1 + 1) / 7
    x = numpy.array(xs)
    for kind in KINDS:
        assert_same(fn(numoxide, kind, "grid2d")(x, x[::-1], c), fn(numpy, kind, "grid2d")(x, x[::-1], c), ulp=16)


# ----- the remaining module functions ------------------------------------------------------


def test_polyvalfromroots():
    r = numpy.array([[1.0, 2.0], [-1.0, 0.5], [3.0, 0.0]])
    P = "polynomial"
    for x, tensor in [([-2.0, 1.0], True), ([-2.0, 1.0], False), (0.5, True), (numpy.array(2.0), False)]:
        assert_same(
            getattr(numoxide.polynomial, P).polyvalfromroots(x, r, tensor=tensor),
            getattr(numpy.polynomial, P).polyvalfromroots(x, r, tensor=tensor),
        )
    assert_same(numoxide.polynomial.polynomial.polyvalfromroots([1, 2, 3], [1, 2]), numpy.polynomial.polynomial.polyvalfromroots([1, 2, 3], [1, 2]))
    assert_same_error(lambda m: m.polynomial.polynomial.polyvalfromroots(numpy.ones((2, 2)), [1.0, 2.0], tensor=False))


@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_chebpts(n):
    C = "chebyshev"
    assert_same(getattr(numoxide.polynomial, C).chebpts1(n), getattr(numpy.polynomial, C).chebpts1(n), ulp=2)
    if n >= 2:
        assert_same(getattr(numoxide.polynomial, C).chebpts2(n), getattr(numpy.polynomial, C).chebpts2(n), ulp=2)


def test_chebpts_errors():
    for f in ("chebpts1", "chebpts2"):
        for bad in (0, 1.5, -3):
            assert_same_error(lambda m, f=f, bad=bad: getattr(m.polynomial.chebyshev, f)(bad))


@pytest.mark.parametrize("deg", [0, 1, 4, 7])
def test_chebinterpolate(deg):
    ours = numoxide.polynomial.chebyshev.chebinterpolate(numoxide.exp, deg)
    theirs = numpy.polynomial.chebyshev.chebinterpolate(numpy.exp, deg)
    near(ours, theirs, 1e-13)
    near(
        numoxide.polynomial.chebyshev.chebinterpolate(lambda x, a: x * a, deg, (2.0,)),
        numpy.polynomial.chebyshev.chebinterpolate(lambda x, a: x * a, deg, (2.0,)),
        1e-13,
    )
    assert_same_error(lambda m: m.polynomial.chebyshev.chebinterpolate(m.exp, -1))
    assert_same_error(lambda m: m.polynomial.chebyshev.chebinterpolate(m.exp, 1.5))


def test_public_names_match_numpy():
    for sub in ["polynomial", "chebyshev", "legendre", "laguerre", "hermite", "hermite_e"]:
        theirs = importlib.import_module(f"numpy.polynomial.{sub}")
        ours = importlib.import_module(f"numoxide.polynomial.{sub}")
        missing = {n for n in dir(theirs) if not n.startswith("_")} - set(dir(ours)) - {"np", "pu"}
        assert not missing, f"{sub}: {sorted(missing)}"
        assert sorted(ours.__all__) == sorted(theirs.__all__)


# ----- precision kept as NumPy keeps it --------------------------------------------------

NARROW = ["float16", "float32", "complex64", "float64", "int32"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", NARROW)
def test_series_functions_keep_precision(kind, dtype):
    c = numpy.array([1.0, -2.0, 3.0, 0.5]).astype(dtype)
    c2 = numpy.array([0.5, 1.0, 2.0]).astype(dtype)
    t = tol(dtype)
    for suffix, args in [
        ("add", (c, c2)),
        ("sub", (c, c2)),
        ("mul", (c, c2)),
        ("mulx", (c,)),
        ("der", (c,)),
        ("int", (c,)),
        ("trim", (c,)),
        ("companion", (c,)),
    ]:
        near(fn(numoxide, kind, suffix)(*args), fn(numpy, kind, suffix)(*args), t * 10)
    q, r = fn(numoxide, kind, "div")(c, c2)
    tq, tr = fn(numpy, kind, "div")(c, c2)
    near(q, tq, t * 10)
    near(r, tr, t * 10)
    near(fn(numoxide, kind, "pow")(c2, 2), fn(numpy, kind, "pow")(c2, 2), t * 10)
    x = numpy.array([0.5, -0.25], dtype if dtype != "int32" else "float64")
    near(fn(numoxide, kind, "val")(numoxide.array(x), c), fn(numpy, kind, "val")(x, c), t * 10)
    near(fn(numoxide, kind, "val")(0.5, c), fn(numpy, kind, "val")(0.5, c), t * 10)
    near(fn(numoxide, kind, "vander")(x, 3), fn(numpy, kind, "vander")(x, 3), t * 10)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_roots_and_fit_keep_precision(kind, dtype):
    c = numpy.array([1.0, 2.0, 3.0]).astype(dtype)
    ours = fn(numoxide, kind, "roots")(c)
    theirs = fn(numpy, kind, "roots")(c)
    assert ours.dtype == theirs.dtype
    near(numpy.sort_complex(numpy.asarray(ours)), numpy.sort_complex(theirs), 1e-5 if dtype == "float32" else 1e-10)
    c = numpy.array([2.0, -3.0, 1.0]).astype(dtype)
    ours, theirs = fn(numoxide, kind, "roots")(c), fn(numpy, kind, "roots")(c)
    assert ours.dtype == theirs.dtype
    x = numpy.linspace(-1, 1, 9).astype(dtype)
    y = (x**2 - x / 2).astype(dtype)
    near(fn(numoxide, kind, "fit")(x, y, 2), fn(numpy, kind, "fit")(x, y, 2), 1e-5 if dtype == "float32" else 1e-9)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_class_keeps_precision(dtype):
    c = numpy.array([1.0, 2.0, -1.0]).astype(dtype)
    for _, _, cls in KINDS:
        P, Q = getattr(numoxide.polynomial, cls), getattr(numpy.polynomial, cls)
        p, q = P(c), Q(c)
        assert p.coef.dtype == q.coef.dtype
        for f in [
            lambda s: s + s,
            lambda s: s - s,
            lambda s: s * s,
            lambda s: -s,
            lambda s: s.deriv(),
            lambda s: s.integ(),
            lambda s: s * 2,
            lambda s: s.trim(),
            lambda s: s.cutdeg(1),
            lambda s: s**2,
        ]:
            near(f(p).coef, f(q).coef, 10 * tol(dtype))
        near(p(0.5), q(0.5), 10 * tol(dtype))


# ----- legacy np.polyfit -------------------------------------------------------------------


@pytest.mark.parametrize("cov", [True, "unscaled"])
@pytest.mark.parametrize("ydim", [1, 2])
@pytest.mark.parametrize("weighted", [False, True])
def test_legacy_polyfit_cov(cov, ydim, weighted):
    x = numpy.linspace(0, 3, 12)
    y = 1.0 + 0.5 * x - 0.25 * x**2 + numpy.sin(7 * x) / 10
    if ydim == 2:
        y = numpy.stack([y, 2 * y + numpy.cos(5 * x) / 10], axis=1)
    w = numpy.linspace(0.5, 2.0, 12) if weighted else None
    c, v = numoxide.polyfit(x, y, 2, w=w, cov=cov)
    tc, tv = numpy.polyfit(x, y, 2, w=w, cov=cov)
    near(c, tc, 1e-9)
    near(v, tv, 1e-8)


def test_legacy_polyfit_full_and_errors():
    x = numpy.linspace(0, 1, 6)
    y = x**3
    ours = numoxide.polyfit(x, y, 2, full=True, w=numpy.ones(6) * 2)
    theirs = numpy.polyfit(x, y, 2, full=True, w=numpy.ones(6) * 2)
    assert len(ours) == len(theirs) == 5
    for o, t in zip(ours[:2], theirs[:2], strict=True):
        near(o, t, 1e-9)
    assert ours[2] == theirs[2]
    near(ours[3], theirs[3], 1e-9)
    assert ours[4] == theirs[4]
    # full wins over cov, as in NumPy
    assert len(numoxide.polyfit(x, y, 2, full=True, cov=True)) == 5
    assert_same_error(lambda m: m.polyfit(x[:3], y[:3], 2, cov=True))
    assert_same_error(lambda m: m.polyfit(x, y, 2, w=numpy.ones((6, 1))))
    assert_same_error(lambda m: m.polyfit(x, y, 2, w=numpy.ones(5)))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_legacy_polyfit_dtype(dtype):
    x = numpy.arange(8).astype(dtype)
    y = (x * 2 + 1).astype(dtype)
    ours, theirs = numoxide.polyfit(x, y, 1), numpy.polyfit(x, y, 1)
    near(ours, theirs, 1e-9)
    c, v = numoxide.polyfit(x, y + numpy.array([0, 1, 0, 1, 0, 1, 0, 1], dtype), 1, cov=True)
    tc, tv = numpy.polyfit(x, y + numpy.array([0, 1, 0, 1, 0, 1, 0, 1], dtype), 1, cov=True)
    near(c, tc, 1e-9)
    near(v, tv, 1e-9)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("axis", [0, 1, -1])
def test_der_int_along_axis(kind, axis):
    c = rng.standard_normal((4, 3))
    for m in (1, 2, 5):
        near(fn(numoxide, kind, "der")(c, m, axis=axis), fn(numpy, kind, "der")(c, m, axis=axis), 1e-12)
        near(
            fn(numoxide, kind, "int")(c, m, k=[1.0, 2.0][: min(m, 2)], lbnd=0.5, scl=2.0, axis=axis),
            fn(numpy, kind, "int")(c, m, k=[1.0, 2.0][: min(m, 2)], lbnd=0.5, scl=2.0, axis=axis),
            1e-12,
        )
    c3 = rng.standard_normal((2, 3, 4)) + 0.5j
    near(fn(numoxide, kind, "der")(c3, 1, scl=-1.5, axis=axis), fn(numpy, kind, "der")(c3, 1, scl=-1.5, axis=axis), 1e-12)
    near(fn(numoxide, kind, "int")(c3, 2, axis=axis), fn(numpy, kind, "int")(c3, 2, axis=axis), 1e-12)
    assert_same_error(lambda m: fn(m, kind, "der")(c, 1, axis=2))
    assert_same_error(lambda m: fn(m, kind, "int")(c, 1, axis=-3))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "complex64"])
def test_legacy_functions_keep_precision(dtype):
    c = numpy.array([1, -3, 2, 5]).astype(dtype)
    c2 = numpy.array([2, 1]).astype(dtype)
    x = numpy.array([0.5, 2.0]).astype(dtype if dtype != "int64" else "float64")
    t = 1e-5 if dtype in ("float32", "complex64") else 1e-12
    for f in [
        lambda m: m.polyval(c, x),
        lambda m: m.polyval(c, 2),
        lambda m: m.polyval(c, 0.5),
        lambda m: m.polyadd(c, c2),
        lambda m: m.polysub(c, c2),
        lambda m: m.polymul(c, c2),
        lambda m: m.polydiv(c, c2)[0],
        lambda m: m.polydiv(c, c2)[1],
        lambda m: m.polyder(c),
        lambda m: m.polyint(c),
        lambda m: m.poly(c[:3]),
        lambda m: m.poly1d(c).coeffs,
    ]:
        near(f(numoxide), f(numpy), t)
    ours, theirs = numoxide.roots(c), numpy.roots(c)
    assert ours.dtype == theirs.dtype
    near(numpy.sort_complex(numpy.asarray(ours)), numpy.sort_complex(theirs), 1e-4 if t > 1e-10 else 1e-10)
    m2 = numpy.array([[2.0, 1.0], [1.0, 3.0]]).astype(dtype)
    near(numoxide.poly(m2), numpy.poly(m2), 1e-5 if t > 1e-10 else 1e-12)
