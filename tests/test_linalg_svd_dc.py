"""svd on matrices large enough (min(m, n) >= 64) for the bidiagonal divide and conquer.

Real svd with vectors hands the bidiagonal matrix to our own divide and conquer from
min(m, n) = 64 on; these tests cross that size, its recursion (leaves of at most 16)
and its deflation paths (repeated, clustered and zero singular values, graded scales),
tall, wide and much-taller-than-wide shapes (a QR first), and compare with NumPy:

- singular values: absolute 4 * k * eps * s_max (k = min(m, n)), the accuracy of a
  backward-stable SVD (LAPACK's gesdd itself only promises a multiple of eps * s_max,
  so small singular values agree to that absolute bound, not relatively);
- U^T U = I and V V^T = I to 8 * max(m, n) * eps; A = U S Vt to 8 * max(m, n) * eps * s_max
  (signs of singular vectors are not unique, so the factors are checked by invariants).
"""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DTYPES = ["float32", "float64"]


def eps(dtype):
    return float(numpy.finfo(numpy.dtype(dtype)).eps)


def check(a, full=True):
    """numoxide's svd of `a` against NumPy's and the decomposition's invariants."""
    u, s, vh = numoxide.linalg.svd(numoxide.array(a), full_matrices=full)
    u, s, vh = numpy.asarray(u), numpy.asarray(s), numpy.asarray(vh)
    tu, ts, tvh = numpy.linalg.svd(a, full_matrices=full)
    m, n = a.shape[-2:]
    k = min(m, n)
    e = eps(a.dtype)
    for x, t in ((u, tu), (s, ts), (vh, tvh)):
        assert x.dtype == t.dtype and x.shape == t.shape
    smax = max(float(numpy.max(ts, initial=0.0)), float(numpy.finfo(a.dtype).tiny))
    numpy.testing.assert_allclose(s, ts, rtol=0, atol=4 * k * e * smax)
    assert numpy.all(numpy.diff(s, axis=-1) <= 0)
    assert numpy.all(s >= 0)
    big = max(m, n)
    ut = numpy.swapaxes(u, -1, -2)
    numpy.testing.assert_allclose(
        ut @ u,
        numpy.broadcast_to(numpy.eye(u.shape[-1]), ut.shape[:-2] + (u.shape[-1],) * 2),
        atol=8 * big * e,
    )
    vvt = vh @ numpy.swapaxes(vh, -1, -2)
    numpy.testing.assert_allclose(
        vvt, numpy.broadcast_to(numpy.eye(vh.shape[-2]), vvt.shape), atol=8 * big * e
    )
    back = (u[..., :, :k] * s[..., None, :]) @ vh[..., :k, :]
    numpy.testing.assert_allclose(back, a, rtol=0, atol=8 * big * e * smax)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "shape",
    [
        (63, 63),
        (64, 64),
        (65, 65),
        (100, 100),
        (129, 129),
        (257, 257),
        (120, 90),
        (90, 120),
        (300, 70),
        (70, 300),
        (64, 200),
    ],
)
@pytest.mark.parametrize("full", [True, False])
def test_svd_random(dtype, shape, full):
    rng = numpy.random.default_rng(sum(shape))
    check(rng.standard_normal(shape).astype(dtype), full)


def with_spectrum(rng, m, n, s):
    """A random m x n matrix with singular values `s` (length min(m, n))."""
    qu, _ = numpy.linalg.qr(rng.standard_normal((m, m)))
    qv, _ = numpy.linalg.qr(rng.standard_normal((n, n)))
    k = min(m, n)
    return (qu[:, :k] * s) @ qv[:, :k].T


def structured(kind, m, n):
    rng = numpy.random.default_rng(7)
    k = min(m, n)
    if kind == "identity":
        return numpy.eye(m, n)
    if kind == "zeros":
        return numpy.zeros((m, n))
    if kind == "ones":  # rank one
        return numpy.ones((m, n))
    if kind == "rank5":
        return rng.standard_normal((m, 5)) @ rng.standard_normal((5, n))
    if kind == "repeated":  # few distinct singular values: heavy deflation
        return with_spectrum(rng, m, n, rng.integers(1, 4, k).astype(float))
    if kind == "clustered":
        return with_spectrum(rng, m, n, numpy.where(numpy.arange(k) % 2 == 0, 1.0, 1.0 + 1e-10))
    if kind == "graded":
        return with_spectrum(rng, m, n, numpy.logspace(0, -14, k))
    if kind == "graded_rows":  # rows scaled over 12 decades
        return rng.standard_normal((m, n)) * numpy.logspace(0, -12, m)[:, None]
    if kind == "bidiagonal":
        return numpy.eye(m, n) * 2 + numpy.eye(m, n, k=1)
    if kind == "blocks":  # a direct sum of equal blocks: every singular value doubled
        b = rng.standard_normal((m // 2, n // 2))
        out = numpy.zeros((m, n))
        out[: m // 2, : n // 2] = b
        out[m // 2 : 2 * (m // 2), n // 2 : 2 * (n // 2)] = b
        return out
    if kind == "huge":
        return rng.standard_normal((m, n)) * 1e300
    if kind == "tiny":
        return rng.standard_normal((m, n)) * 1e-300
    raise AssertionError(kind)


KINDS = [
    "identity",
    "zeros",
    "ones",
    "rank5",
    "repeated",
    "clustered",
    "graded",
    "graded_rows",
    "bidiagonal",
    "blocks",
    "huge",
    "tiny",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(200, 200), (150, 110)])
def test_svd_structured(kind, dtype, shape):
    a = structured(kind, *shape)
    if dtype == "float32" and kind in ("huge", "tiny"):
        a = a * (1e-270 if kind == "huge" else 1e270)
    check(a.astype(dtype))
    check(a.T.astype(dtype), full=False)


@pytest.mark.parametrize("dtype", DTYPES)
def test_svd_batched_and_strided(dtype):
    rng = numpy.random.default_rng(11)
    a = rng.standard_normal((2, 3, 90, 70)).astype(dtype)
    check(a)
    check(a, full=False)
    check(numpy.swapaxes(a, -1, -2))  # Fortran-ordered views
    big = rng.standard_normal((300, 260)).astype(dtype)
    check(big[::2, ::-2])


@pytest.mark.parametrize("dtype", DTYPES)
def test_svd_values_only_and_helpers(dtype):
    # compute_uv=False, svdvals and the svd users agree with NumPy on large inputs.
    rng = numpy.random.default_rng(12)
    a = rng.standard_normal((140, 100)).astype(dtype)
    a[:, -10:] = a[:, :10]  # rank 90
    x = numoxide.array(a)
    e = eps(dtype)
    ts = numpy.linalg.svd(a, compute_uv=False)
    tol = 4 * 100 * e * float(ts[0])
    numpy.testing.assert_allclose(
        numpy.asarray(numoxide.linalg.svd(x, compute_uv=False)), ts, rtol=0, atol=tol
    )
    numpy.testing.assert_allclose(numpy.asarray(numoxide.linalg.svdvals(x)), ts, rtol=0, atol=tol)
    assert int(numoxide.linalg.matrix_rank(x)) == int(numpy.linalg.matrix_rank(a)) == 90
    for ordv in (2, -2, "nuc"):
        numpy.testing.assert_allclose(
            float(numoxide.linalg.norm(x, ordv)),
            float(numpy.linalg.norm(a, ordv)),
            rtol=0,
            atol=tol * 100,
        )
    # pinv of a full-rank matrix (a rank-deficient one's depends on rounding noise
    # around the cutoff); its condition number is about 10.
    a = rng.standard_normal((140, 100)).astype(dtype)
    tp = numpy.linalg.pinv(a)
    p = numpy.asarray(numoxide.linalg.pinv(numoxide.array(a)))
    numpy.testing.assert_allclose(
        p, tp, rtol=0, atol=100 * 100 * e * float(numpy.max(numpy.abs(tp)))
    )


@settings(max_examples=30, deadline=None)
@given(
    m=st.integers(min_value=40, max_value=220),
    n=st.integers(min_value=40, max_value=220),
    dtype=st.sampled_from(DTYPES),
    full=st.booleans(),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    spectrum=st.sampled_from(["random", "repeated", "rank_deficient", "graded"]),
)
def test_svd_hypothesis(m, n, dtype, full, seed, spectrum):
    rng = numpy.random.default_rng(seed)
    k = min(m, n)
    if spectrum == "random":
        a = rng.standard_normal((m, n))
    elif spectrum == "repeated":
        a = with_spectrum(rng, m, n, rng.integers(0, 4, k).astype(float))
    elif spectrum == "rank_deficient":
        r = int(rng.integers(1, k))
        a = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
    else:
        a = with_spectrum(rng, m, n, numpy.logspace(0, -float(rng.integers(3, 16)), k))
    check(a.astype(dtype), full)


@pytest.mark.parametrize("dtype", DTYPES + ["complex128"])
@pytest.mark.parametrize("factor", [1e300, 1e-300, 1e36, 1e-36])
@pytest.mark.parametrize("shape", [(40, 40), (100, 70)])
def test_svd_huge_and_tiny_on_every_path(dtype, factor, shape):
    # faer's paths (values only, small, complex) scale the matrix like gesdd too.
    if dtype != "float64" and abs(numpy.log10(factor)) > 100:
        factor = factor ** (36 / 300)
    rng = numpy.random.default_rng(13)
    a = rng.standard_normal(shape)
    if dtype == "complex128":
        a = a + 1j * rng.standard_normal(shape)
    a = (a * factor).astype(dtype)
    ts = numpy.linalg.svd(a, compute_uv=False)
    s = numpy.asarray(numoxide.linalg.svd(numoxide.array(a), compute_uv=False))
    assert s.dtype == ts.dtype
    k = min(shape)
    numpy.testing.assert_allclose(s, ts, rtol=0, atol=4 * k * eps(dtype) * float(ts[0]))
    if dtype != "complex128":
        check(a)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [20, 40, 63, 200])
@pytest.mark.parametrize("full", [True, False])
def test_svd_rank_one_values_descending(dtype, n, full):
    """A matrix of ones has one singular value and n - 1 tiny ones, which faer's SVD
    (below the divide-and-conquer size, complex input, values only) may leave out of
    order; NumPy's are descending, the vectors in the same order."""
    a = numpy.ones((n, n), dtype)
    check(a, full)
    s = numpy.asarray(numoxide.linalg.svd(numoxide.array(a), compute_uv=False))
    assert numpy.all(numpy.diff(s) <= 0)
    numpy.testing.assert_allclose(
        s, numpy.linalg.svd(a, compute_uv=False), rtol=0, atol=4 * n * eps(dtype) * n
    )
    c = (a + 1j * a).astype("complex64" if dtype == "float32" else "complex128")
    u, s, vh = (
        numpy.asarray(x) for x in numoxide.linalg.svd(numoxide.array(c), full_matrices=full)
    )
    assert numpy.all(numpy.diff(s) <= 0)
    k = min(c.shape)
    back = (u[:, :k] * s) @ vh[:k]
    numpy.testing.assert_allclose(back, c, rtol=0, atol=8 * n * eps(dtype) * float(s[0]))
