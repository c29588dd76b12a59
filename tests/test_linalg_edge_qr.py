"""qr, cholesky and norms on edge-case input, against NumPy exactly.

qr: NumPy runs LAPACK's geqrf + orgqr, unblocked for up to 128 reflectors. For input
holding NaN or infinity we follow those steps (larfg reflectors, larf skipping trailing
zero rows of the reflector and trailing zero columns of the block it updates), so the
NaN/infinity positions and the signs of Q and R match. Finite input holding an exact
zero (either sign; up to 128 reflectors) takes the same path: LAPACK's steps decide the
sign of the zeros it leaves in Q (``-tau * v``), ``beta = -sign(norm, alpha)`` reads the
sign bit of ``alpha = -0.0`` (R's diagonal comes out positive where faer's convention
makes it negative) and a column already zero below its diagonal gets ``tau = 0``.
Finite input without zeros goes through faer. Values agree to rounding; NumPy's exact
zeros may be rounding-level values in ours (its nrm2/lapy2 round differently), so the
random tests compare zero signs where both results are zero. Complex input: only
non-finite input takes the LAPACK path (reference arithmetic); OpenBLAS's complex
kernels (zgemv/zgerc/zscal) place NaN differently in some entries, both ways, so
complex non-finite qr is a documented, untested difference, as are complex zero signs.
Documented limit: with more than 128 reflectors NumPy's blocked factorization spreads NaN
differently; we still return NaN rather than finite values there, checked below only for
"every column NumPy makes NaN is NaN in ours too" being true on the examples.

cholesky: OpenBLAS's scaling kernel fills zeros for a zero factor (an infinite pivot)
and scales a complex column by a real factor part by part.

norms: sums of empty matrices are +0.0, as NumPy's.
"""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_linalg_edge_lu import SPECIAL, assert_same, run


@pytest.fixture(autouse=True)
def _quiet_numpy():
    """NumPy's own arithmetic on NaN/inf in these tests warns; silence it for this
    module's tests only (a module-level ``seterr`` would leak into other modules)."""
    with numpy.errstate(all="ignore"):
        yield


@st.composite
def spiked_rect(draw, max_n=9, dtype="float64"):
    m = draw(st.integers(1, max_n))
    n = draw(st.integers(1, max_n))
    rng = numpy.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    a = rng.standard_normal((m, n))
    if numpy.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal((m, n))
    if draw(st.booleans()):
        a[:, draw(st.integers(0, n - 1))] = 0
    if draw(st.booleans()):
        a[draw(st.integers(0, m - 1)), :] = 0
    for _ in range(draw(st.integers(1, 3))):
        a[draw(st.integers(0, m - 1)), draw(st.integers(0, n - 1))] = draw(st.sampled_from(SPECIAL))
    return a.astype(dtype)


@settings(max_examples=300, deadline=None)
@given(spiked_rect(), st.sampled_from(["reduced", "complete", "r", "raw"]))
def test_qr_nonfinite_float64(a, mode):
    assert_same(run(numoxide, "qr", a, mode), run(numpy, "qr", a, mode), exact_zeros=False)


@settings(max_examples=100, deadline=None)
@given(spiked_rect(max_n=40), st.sampled_from(["reduced", "complete", "r"]))
def test_qr_nonfinite_larger(a, mode):
    assert_same(run(numoxide, "qr", a, mode), run(numpy, "qr", a, mode), exact_zeros=False)


@pytest.mark.parametrize(
    "a",
    [
        [[-0.0]],
        [[-0.0, 0.8153], [-0.6975, 0.6379]],
        [[0.9617, -0.4428], [-0.0, -0.0]],
        [[-0.0, 1.0, 2.0], [-0.0, 3.0, -1.0]],
        [[-0.0], [-0.0], [1.0]],
    ],
)
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr_negative_zero(a, mode):
    a = numpy.array(a)
    assert_same(run(numoxide, "qr", a, mode), run(numpy, "qr", a, mode))
    t = numpy.triu(numpy.arange(1.0, 10.0).reshape(3, 3))
    assert_same(run(numoxide, "qr", t, mode), run(numpy, "qr", t, mode))


def test_qr_stack_one_bad():
    rng = numpy.random.default_rng(2)
    a = rng.standard_normal((3, 5, 4))
    a[1, 2, 1] = numpy.nan
    for mode in ("reduced", "complete", "r"):
        ours, theirs = run(numoxide, "qr", a, mode), run(numpy, "qr", a, mode)
        for o, t in zip(ours, theirs, strict=True):
            numpy.testing.assert_array_equal(numpy.isnan(o), numpy.isnan(t))
            numpy.testing.assert_allclose(o[[0, 2]], t[[0, 2]], atol=1e-12)


def test_qr_blocked_nonfinite_no_finite_garbage():
    rng = numpy.random.default_rng(9)
    a = rng.standard_normal((140, 135))
    a[70, 3] = numpy.nan
    q, r = numoxide.linalg.qr(numoxide.asarray(a))
    tq, tr = numpy.linalg.qr(a)
    q, r = numpy.asarray(q), numpy.asarray(r)
    assert numpy.isnan(q).any() and numpy.isnan(r).any()
    # Columns NumPy leaves finite in R are finite in ours up to where NaN first enters.
    first_nan = numpy.argmax(numpy.isnan(tr).any(axis=0))
    assert numpy.isfinite(r[:, :first_nan]).all()


@pytest.mark.parametrize(
    "a",
    [
        [[numpy.inf, numpy.inf], [numpy.inf, numpy.inf]],
        [[numpy.inf, 0.0], [-2.0, 5.0]],
        [[numpy.inf, -1.47], [-0.87, 0.12]],
        [[numpy.inf, 0.0, 0.0], [numpy.inf, 5.0, 0.0], [1.0, 1.0, 5.0]],
        [[4.0, 0.0], [-numpy.inf, numpy.inf]],
    ],
)
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_infinite_pivot(a, upper):
    a = numpy.array(a)
    if upper:
        a = a.T.copy()
    assert_same(run(numoxide, "cholesky", a, upper=upper), run(numpy, "cholesky", a, upper=upper))


def test_cholesky_complex_infinite_offdiagonal():
    a = numpy.array([[4.0, 0.0], [numpy.inf + 0j, 9.0]], dtype=complex)
    ours, theirs = run(numoxide, "cholesky", a), run(numpy, "cholesky", a)
    assert_same(ours, theirs)


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0), (2, 0, 0), (2, 0, 3)])
@pytest.mark.parametrize("ord", [None, "fro", 1, -1, numpy.inf, -numpy.inf, 2, "nuc"])
def test_norm_empty_is_positive_zero(shape, ord):
    a = numpy.zeros(shape)
    assert_same(run(numoxide, "norm", a, ord, (-2, -1)), run(numpy, "norm", a, ord, (-2, -1)))
    assert_same(_mn(numoxide, a, ord), _mn(numpy, a, ord))


def _mn(m, a, ord):
    try:
        r = m.linalg.matrix_norm(m.asarray(a), ord="fro" if ord is None else ord)
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, str(e)
    return [numpy.asarray(r)]
