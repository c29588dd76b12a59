"""eigh on matrices large enough (order >= 64) for the tridiagonal divide and conquer.

Real eigh with vectors hands the tridiagonal matrix to our own divide and conquer from
order 64 on; these tests cross that order, its recursion (leaves of at most 32) and
its deflation paths (repeated and clustered eigenvalues, zero couplings), and compare
with NumPy under the tolerances of tests/test_linalg.py: eigenvalues, A V = V diag(w),
V^H V = I. Complex input still goes through faer and is checked alongside.
"""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DTYPES = ["float32", "float64", "complex64", "complex128"]


def eps(dtype):
    return float(numpy.finfo(numpy.dtype(dtype)).eps)


def hermitian(rng, n, dtype, batch=()):
    a = rng.standard_normal(batch + (n, n))
    if numpy.dtype(dtype).kind == "c":
        a = a + 1j * rng.standard_normal(batch + (n, n))
    return (a + numpy.conj(numpy.swapaxes(a, -1, -2))).astype(dtype)


def check(a, uplo="L"):
    """numoxide's eigh of `a` against NumPy's and the decomposition's invariants."""
    w, v = numoxide.linalg.eigh(numoxide.array(a), UPLO=uplo)
    w, v = numpy.asarray(w), numpy.asarray(v)
    tw, tv = numpy.linalg.eigh(a, UPLO=uplo)
    n = a.shape[-1]
    e = eps(a.dtype)
    scale = max(float(numpy.max(numpy.abs(tw))), numpy.finfo(a.dtype).tiny)
    assert w.dtype == tw.dtype and w.shape == tw.shape
    assert v.dtype == tv.dtype and v.shape == tv.shape
    numpy.testing.assert_allclose(w, tw, rtol=0, atol=50 * n * e * scale)
    assert numpy.all(numpy.diff(w, axis=-1) >= 0)
    h = numpy.tril(a) if uplo == "L" else numpy.triu(a)
    diag = numpy.real(numpy.diagonal(a, axis1=-2, axis2=-1))
    h = h + numpy.conj(numpy.swapaxes(h, -1, -2))
    idx = numpy.arange(n)
    h[..., idx, idx] = diag
    numpy.testing.assert_allclose(h @ v, v * w[..., None, :], atol=100 * n * e * scale)
    eye = numpy.broadcast_to(numpy.eye(n), v.shape)
    numpy.testing.assert_allclose(numpy.conj(numpy.swapaxes(v, -1, -2)) @ v, eye, atol=100 * n * e)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [63, 64, 65, 100, 128, 129, 257])
@pytest.mark.parametrize("uplo", ["L", "U"])
def test_eigh_random(dtype, n, uplo):
    rng = numpy.random.default_rng(n)
    a = hermitian(rng, n, dtype)
    # Poison the unused triangle: only UPLO's triangle may be read.
    poisoned = numpy.triu(a) if uplo == "U" else numpy.tril(a)
    check(poisoned, uplo)


def structured(kind, n):
    if kind == "toeplitz":  # mirror-symmetric halves: equal eigenvalues in both children
        return 2 * numpy.eye(n) + numpy.eye(n, k=1) + numpy.eye(n, k=-1)
    if kind == "identity":
        return numpy.eye(n)
    if kind == "zeros":
        return numpy.zeros((n, n))
    if kind == "rank1":
        x = numpy.linspace(-1, 1, n)
        return numpy.outer(x, x)
    if kind == "blocks":  # identical diagonal blocks: every eigenvalue doubled
        b = hermitian(numpy.random.default_rng(3), n // 2, "float64")
        out = numpy.zeros((n, n))
        out[: n // 2, : n // 2] = b
        out[n // 2 : 2 * (n // 2), n // 2 : 2 * (n // 2)] = b
        return out
    if kind == "clustered":  # eigenvalues 1 and 1 + 1e-10 many times, random basis
        q, _ = numpy.linalg.qr(numpy.random.default_rng(4).standard_normal((n, n)))
        w = numpy.where(numpy.arange(n) % 2 == 0, 1.0, 1.0 + 1e-10)
        return (q * w) @ q.T
    if kind == "graded":
        g = numpy.logspace(0, -12, n)
        return numpy.diag(g) + numpy.diag(g[:-1] * 0.5, 1) + numpy.diag(g[:-1] * 0.5, -1)
    if kind == "wilkinson":
        return (
            numpy.diag(numpy.abs(numpy.arange(n) - n // 2).astype(float))
            + numpy.eye(n, k=1)
            + numpy.eye(n, k=-1)
        )
    if kind == "huge":
        return hermitian(numpy.random.default_rng(5), n, "float64") * 1e300
    if kind == "tiny":
        return hermitian(numpy.random.default_rng(6), n, "float64") * 1e-300
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "toeplitz",
        "identity",
        "zeros",
        "rank1",
        "blocks",
        "clustered",
        "graded",
        "wilkinson",
        "huge",
        "tiny",
    ],
)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_eigh_structured(kind, dtype):
    a = structured(kind, 200)
    if dtype == "float32" and kind in ("huge", "tiny"):
        a = a * (1e-270 if kind == "huge" else 1e270)
    check(a.astype(dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_eigh_batched_and_strided(dtype):
    rng = numpy.random.default_rng(11)
    a = hermitian(rng, 140, dtype, batch=(2,))
    check(a)
    # Transposed (Fortran-ordered) and every-other-element views.
    check(numpy.swapaxes(a, -1, -2), "U")
    big = hermitian(rng, 280, dtype)
    check(big[::2, ::2])


def test_eigvalsh_agrees_with_eigh():
    a = hermitian(numpy.random.default_rng(12), 300, "float64")
    w = numpy.asarray(numoxide.linalg.eigvalsh(numoxide.array(a)))
    tw = numpy.linalg.eigvalsh(a)
    numpy.testing.assert_allclose(
        w, tw, rtol=0, atol=50 * 300 * eps("float64") * float(numpy.max(numpy.abs(tw)))
    )


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=60, max_value=210),
    dtype=st.sampled_from(DTYPES),
    uplo=st.sampled_from(["L", "U"]),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    repeats=st.integers(min_value=0, max_value=3),
)
def test_eigh_hypothesis(n, dtype, uplo, seed, repeats):
    rng = numpy.random.default_rng(seed)
    a = hermitian(rng, n, dtype)
    if repeats:
        # A spectrum with few distinct values (heavy deflation) in a random basis.
        q, _ = numpy.linalg.qr(rng.standard_normal((n, n)))
        w = rng.integers(0, repeats + 1, n).astype(float)
        a = ((q * w) @ q.T).astype(dtype)
    check(a, uplo)


@pytest.mark.parametrize("n", [50, 100, 200])
@pytest.mark.parametrize(
    "dtype,factor", [("float64", 1e-320), ("float32", 1e-42), ("float64", 1e305), ("float32", 1e36)]
)
def test_eigh_subnormal_and_huge_norm(n, dtype, factor):
    # The reduction must not work on subnormal (or overflow-prone) values: NumPy's syevd
    # scales the matrix first. Eigenvalues are compared with NumPy's to the usual bound
    # plus the spacing of the subnormal numbers they are rounded to; eigenvectors are
    # checked against the exactly rescaled matrix.
    a = hermitian(numpy.random.default_rng(n), n, "float64")
    a = (a / numpy.max(numpy.abs(a)) * factor).astype(dtype)
    tw, tv = numpy.linalg.eigh(a)
    w, v = numoxide.linalg.eigh(numoxide.array(a))
    w, v = numpy.asarray(w), numpy.asarray(v)
    e = eps(dtype)
    tiny = float(numpy.finfo(dtype).smallest_subnormal)
    scale = float(numpy.max(numpy.abs(tw)))
    assert w.dtype == tw.dtype and v.dtype == tv.dtype
    numpy.testing.assert_allclose(w, tw, rtol=0, atol=50 * n * e * scale + 4 * n * tiny)
    assert numpy.all(numpy.diff(w) >= 0)
    exp = int(numpy.floor(numpy.log2(float(numpy.max(numpy.abs(a))))))
    h = numpy.ldexp(a.astype("float64"), -exp).astype(dtype)  # exact: a power of two
    numpy.testing.assert_allclose(v.T @ v, numpy.eye(n), atol=100 * n * e)
    r = v.T @ h @ v
    off = r - numpy.diag(numpy.diag(r))
    assert float(numpy.max(numpy.abs(off))) <= 100 * n * e * float(numpy.max(numpy.abs(h)))
