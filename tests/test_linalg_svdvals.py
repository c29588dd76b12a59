"""Singular values without vectors: svd(compute_uv=False), svdvals and their users.

Real matrices (min(m, n) >= 2) take the path of LAPACK's gesdd without vectors: the
matrix scaled to a largest modulus of about one, a QR first when it is much taller than
wide (m > 11 n / 6, or the transpose for wide ones), the bidiagonal form, and dqds on the
bidiagonal. The values are compared with NumPy's:

- dense matrices: absolute 4 * k * eps * s_max (k = min(m, n)), the accuracy of a
  backward-stable reduction to bidiagonal form (which is all gesdd promises);
- matrices that already are upper bidiagonal pass through the reduction unchanged, and
  dqds then gives every singular value, however tiny, to high *relative* accuracy, as
  LAPACK's does: those are compared relatively.
"""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DTYPES = ["float32", "float64"]


def eps(dtype):
    return float(numpy.finfo(numpy.dtype(dtype)).eps)


def values(a):
    return numpy.asarray(numoxide.linalg.svd(numoxide.array(a), compute_uv=False))


def check(a):
    """compute_uv=False and svdvals against NumPy (dtype, shape, values, order)."""
    s = values(a)
    ts = numpy.linalg.svd(a, compute_uv=False)
    assert s.dtype == ts.dtype and s.shape == ts.shape
    k = min(a.shape[-2:])
    smax = max(float(numpy.max(ts, initial=0.0)), float(numpy.finfo(a.dtype).tiny))
    numpy.testing.assert_allclose(s, ts, rtol=0, atol=4 * k * eps(a.dtype) * smax)
    assert numpy.all(numpy.diff(s, axis=-1) <= 0)
    assert numpy.all(s >= 0)
    sv = numpy.asarray(numoxide.linalg.svdvals(numoxide.array(a)))
    numpy.testing.assert_array_equal(sv, s)


def with_spectrum(rng, m, n, s):
    """A random m x n matrix with singular values `s` (length min(m, n))."""
    qu, _ = numpy.linalg.qr(rng.standard_normal((m, m)))
    qv, _ = numpy.linalg.qr(rng.standard_normal((n, n)))
    k = min(m, n)
    return (qu[:, :k] * s) @ qv[:, :k].T


def bidiagonal(d, e, m=None, n=None):
    """The dense upper bidiagonal matrix with diagonal d and superdiagonal e."""
    k = len(d)
    a = numpy.zeros((m or k, n or k))
    a[numpy.arange(k), numpy.arange(k)] = d
    a[numpy.arange(k - 1), numpy.arange(1, k)] = e
    return a


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "shape",
    [
        (2, 2),
        (3, 3),
        (2, 5),
        (5, 2),
        (17, 17),
        (64, 64),
        (120, 90),
        (90, 120),
        (300, 70),
        (70, 300),
        (200, 109),
        (109, 200),
        (500, 500),
    ],
)
def test_random(dtype, shape):
    rng = numpy.random.default_rng(sum(shape))
    check(rng.standard_normal(shape).astype(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize(
    "kind",
    [
        "zeros",
        "identity",
        "ones",
        "rank5",
        "repeated",
        "clustered",
        "graded",
        "graded_rows",
        "huge",
        "tiny",
    ],
)
@pytest.mark.parametrize("shape", [(150, 150), (150, 60), (40, 130)])
def test_structured(dtype, kind, shape):
    m, n = shape
    k = min(m, n)
    rng = numpy.random.default_rng(3)
    if kind == "zeros":
        a = numpy.zeros(shape)
    elif kind == "identity":
        a = numpy.eye(m, n)
    elif kind == "ones":
        a = numpy.ones(shape)
    elif kind == "rank5":
        a = rng.standard_normal((m, 5)) @ rng.standard_normal((5, n))
    elif kind == "repeated":
        a = with_spectrum(rng, m, n, rng.integers(1, 4, k).astype(float))
    elif kind == "clustered":
        a = with_spectrum(rng, m, n, numpy.where(numpy.arange(k) % 2 == 0, 1.0, 1.0 + 1e-10))
    elif kind == "graded":
        a = with_spectrum(rng, m, n, numpy.logspace(0, -14, k))
    elif kind == "graded_rows":
        a = rng.standard_normal(shape) * numpy.logspace(0, -12, m)[:, None]
    elif kind == "huge":
        a = rng.standard_normal(shape) * (1e300 if dtype == "float64" else 1e36)
    else:
        a = rng.standard_normal(shape) * (1e-300 if dtype == "float64" else 1e-36)
    check(a.astype(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_batched_strided_and_empty(dtype):
    rng = numpy.random.default_rng(5)
    a = rng.standard_normal((2, 3, 40, 25)).astype(dtype)
    check(a)
    check(numpy.swapaxes(a, -1, -2))
    big = rng.standard_normal((300, 260)).astype(dtype)
    check(big[::2, ::-2])
    check(numpy.asfortranarray(big))
    for shape in [(0, 0), (0, 3), (4, 0), (2, 0, 5), (3, 1, 1), (1, 6), (6, 1)]:
        check(numpy.ones(shape, dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("bad", [numpy.nan, numpy.inf, -numpy.inf])
def test_nonfinite_raises(dtype, bad):
    a = numpy.ones((70, 70), dtype)
    a[3, 5] = bad
    with pytest.raises(numpy.linalg.LinAlgError):
        numpy.linalg.svd(a, compute_uv=False)
    with pytest.raises(numoxide.linalg.LinAlgError, match="SVD did not converge"):
        numoxide.linalg.svd(numoxide.array(a), compute_uv=False)


@pytest.mark.parametrize("n", [3, 10, 60, 200])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bidiagonal_high_relative_accuracy(n, seed):
    # Entries spread over 30 decades: the small singular values are far below
    # eps * s_max, yet dqds (NumPy's and ours) finds each to a few ulps.
    rng = numpy.random.default_rng(seed)
    d = 10.0 ** rng.uniform(-15, 15, n) * rng.choice([-1.0, 1.0], n)
    e = 10.0 ** rng.uniform(-15, 15, n - 1)
    # (Upper bidiagonal, square or much taller than wide: LAPACK's QR and reduction
    # leave those alone; a transposed one is reduced with rounding, by NumPy too.)
    for a in (bidiagonal(d, e), bidiagonal(d, e, n + 7, n), bidiagonal(d, e, 3 * n, n)):
        s = values(a)
        ts = numpy.linalg.svd(a, compute_uv=False)
        numpy.testing.assert_allclose(s, ts, rtol=20 * n * eps("float64"), atol=0)


@pytest.mark.parametrize("n", [5, 50, 300])
def test_bidiagonal_graded_tiny_values(n):
    # A strongly graded bidiagonal matrix: its singular values are close to |d|, down to
    # 1e-290, and their product is exactly prod |d|.
    d = 2.0 ** (-numpy.arange(n) * (960 // n))
    e = d * 0.5
    s = values(bidiagonal(d, e[:-1]))
    ts = numpy.linalg.svd(bidiagonal(d, e[:-1]), compute_uv=False)
    numpy.testing.assert_allclose(s, ts, rtol=20 * n * eps("float64"), atol=0)
    assert abs(numpy.sum(numpy.log2(s)) - numpy.sum(numpy.log2(d))) < 1e-9 * n


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(min_value=2, max_value=160),
    n=st.integers(min_value=2, max_value=160),
    batch=st.sampled_from([(), (2,), (2, 2)]),
    dtype=st.sampled_from(DTYPES),
    layout=st.sampled_from(["c", "f", "strided"]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    spectrum=st.sampled_from(["random", "repeated", "rank_deficient", "graded", "clustered"]),
)
def test_hypothesis(m, n, batch, dtype, layout, seed, spectrum):
    rng = numpy.random.default_rng(seed)
    k = min(m, n)
    mats = []
    for _ in range(int(numpy.prod(batch, dtype=int))):
        if spectrum == "random":
            a = rng.standard_normal((m, n))
        elif spectrum == "repeated":
            a = with_spectrum(rng, m, n, rng.integers(0, 4, k).astype(float))
        elif spectrum == "rank_deficient":
            r = int(rng.integers(1, k + 1))
            a = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
        elif spectrum == "clustered":
            a = with_spectrum(rng, m, n, 1.0 + 1e-9 * rng.integers(0, 3, k))
        else:
            a = with_spectrum(rng, m, n, numpy.logspace(0, -float(rng.integers(3, 16)), k))
        mats.append(a)
    a = numpy.stack(mats).reshape(batch + (m, n)).astype(dtype)
    if layout == "f":
        a = numpy.asfortranarray(a)
    elif layout == "strided":
        big = numpy.zeros(batch + (2 * m, 2 * n), dtype)
        big[..., ::2, ::2] = a
        a = big[..., ::2, ::2]
    check(a)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=120),
    dtype=st.sampled_from(DTYPES),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    rank=st.floats(min_value=0.1, max_value=1.0),
)
def test_users_hypothesis(n, dtype, seed, rank):
    # matrix_rank, norm(2 / -2 / 'nuc') and cond go through the same values.
    rng = numpy.random.default_rng(seed)
    m = n + int(rng.integers(0, 40))
    r = max(1, int(rank * n))
    a = (rng.standard_normal((m, r)) @ rng.standard_normal((r, n))).astype(dtype)
    x = numoxide.array(a)
    assert int(numoxide.linalg.matrix_rank(x)) == int(numpy.linalg.matrix_rank(a))
    ts = numpy.linalg.svd(a, compute_uv=False)
    tol = 4 * n * eps(dtype) * float(ts[0])
    for ordv, want in ((2, ts[0]), (-2, ts[-1]), ("nuc", ts.sum())):
        got = float(numoxide.linalg.norm(x, ordv))
        assert (
            numpy.asarray(numoxide.linalg.norm(x, ordv)).dtype == numpy.linalg.norm(a, ordv).dtype
        )
        assert abs(got - float(numpy.linalg.norm(a, ordv))) <= tol * (n if ordv == "nuc" else 1)
        assert abs(got - float(want)) <= tol * (n if ordv == "nuc" else 1)
    sq = a[:n]
    if r == n:
        tc = float(numpy.linalg.cond(sq))
        c = float(numoxide.linalg.cond(numoxide.array(sq)))
        assert c == pytest.approx(tc, rel=1e-2 if dtype == "float32" else 1e-6)
