"""Orders and cutoffs of numpy.linalg that follow LAPACK's conventions (issue 6).

- eig/eigvals: LAPACK's geev first permutes the matrix to isolate eigenvalues (gebal),
  so for triangular, diagonal and permuted-triangular inputs the eigenvalues come out in
  a deterministic order that we reproduce exactly (values within 4 ulp of NumPy's, the
  isolated ones are the diagonal entries themselves). For general matrices the order of
  the non-isolated block depends on the QR iteration (faer's is not LAPACK's): we then
  compare the multiset of eigenvalues and the invariant A v = w v.
- pinv of exactly rank-deficient single-precision input: the zero singular values must be
  cut off as NumPy's are (we compute float32/complex64 in double); relative 1e-5.
"""

import numoxide
import numpy
import pytest

RNG = numpy.random.default_rng(2024)


def back(x):
    return numpy.asarray(x)


def perm_similar(t, p):
    """P^T T P for the permutation p (an eigenvalue-preserving shuffle)."""
    return t[numpy.ix_(p, p)]


def structured(kind, n, dtype):
    a = RNG.standard_normal((n, n))
    if dtype.startswith("complex"):
        a = a + 1j * RNG.standard_normal((n, n))
    a = a.astype(dtype)
    if kind == "triu":
        return numpy.triu(a)
    if kind == "tril":
        return numpy.tril(a)
    if kind == "diag":
        return numpy.diag(numpy.diag(a))
    if kind == "perm_triu":
        return perm_similar(numpy.triu(a), RNG.permutation(n))
    if kind == "perm_tril":
        return perm_similar(numpy.tril(a), RNG.permutation(n))
    if kind == "block":
        # a 2x2 rotation-like block in the middle, isolated rows/cols around it
        t = numpy.triu(a)
        t[2, 1] = 1.5
        return t
    raise ValueError(kind)


CASES = [(k, n) for k in ["triu", "tril", "diag", "perm_triu", "perm_tril"] for n in (1, 2, 5, 8)]
CASES += [("block", 5), ("block", 8)]


@pytest.mark.parametrize(("kind", "n"), CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_eig_order_matches_lapack_when_isolated(kind, n, dtype):
    a = structured(kind, n, dtype)
    tw, tv = numpy.linalg.eig(a)
    w, v = numoxide.linalg.eig(numoxide.array(a))
    w, v = back(w), back(v)
    assert w.dtype == tw.dtype and v.dtype == tv.dtype
    e = float(numpy.finfo(tw.dtype).eps)
    scale = max(1.0, float(numpy.max(numpy.abs(a))))
    if kind == "block":
        # the isolated ones in place, the 2x2 block as a set
        iso = [i for i in range(n) if i not in (1, 2)]
        numpy.testing.assert_allclose(w[iso], tw[iso], rtol=0, atol=100 * e * scale)
        numpy.testing.assert_allclose(numpy.sort_complex(w[1:3]), numpy.sort_complex(tw[1:3]), atol=100 * n * e * scale)
    else:
        numpy.testing.assert_allclose(w, tw, rtol=0, atol=4 * e * scale)
    numpy.testing.assert_allclose(a @ v, v * w[None, :], atol=1000 * n * e * scale)
    wv = back(numoxide.linalg.eigvals(numoxide.array(a)))
    numpy.testing.assert_allclose(wv, w, rtol=0, atol=100 * n * e * scale)


@pytest.mark.parametrize("n", [3, 6, 10])
def test_eig_general_matrices_same_spectrum(n):
    a = RNG.standard_normal((3, n, n))
    tw = numpy.linalg.eigvals(a)
    w, v = numoxide.linalg.eig(numoxide.array(a))
    w, v = back(w), back(v)
    for i in range(3):
        numpy.testing.assert_allclose(numpy.sort_complex(w[i]), numpy.sort_complex(tw[i]), atol=1e-10 * n)
        numpy.testing.assert_allclose(a[i] @ v[i], v[i] * w[i][None, :], atol=1e-10 * n)


RANK_DEFICIENT = [
    numpy.array([[1.0, 2.0], [2.0, 4.0]]),
    numpy.outer(numpy.arange(1, 5), numpy.arange(1, 4)).astype(float),
    numpy.ones((3, 3)),
    numpy.zeros((2, 3)),
    numpy.array([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.0]]),
    numpy.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
]


@pytest.mark.parametrize("i", range(len(RANK_DEFICIENT)))
@pytest.mark.parametrize("dtype", ["float32", "complex64", "float64", "complex128"])
def test_pinv_rank_deficient(i, dtype):
    a = RANK_DEFICIENT[i].astype(dtype)
    if dtype.startswith("complex"):
        a = a * (1 + 0.5j)
    t = numpy.linalg.pinv(a)
    o = back(numoxide.linalg.pinv(numoxide.array(a)))
    assert o.dtype == t.dtype and o.shape == t.shape
    tol = 1e-5 if dtype in ("float32", "complex64") else 1e-12
    numpy.testing.assert_allclose(o, t, rtol=tol, atol=tol * max(1.0, float(numpy.max(numpy.abs(t)))))


def test_pinv_rank_deficient_batched_and_rtol():
    a = numpy.stack([RANK_DEFICIENT[0], numpy.eye(2) * 3]).astype("float32")
    numpy.testing.assert_allclose(back(numoxide.linalg.pinv(numoxide.array(a))), numpy.linalg.pinv(a), rtol=1e-5, atol=1e-6)
    numpy.testing.assert_allclose(
        back(numoxide.linalg.pinv(numoxide.array(a), rtol=None)), numpy.linalg.pinv(a, rtol=None), rtol=1e-5, atol=1e-6
    )


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
def test_eig_vectors_normalized_like_geev_for_complex_input(dtype):
    # geev: unit norm, largest component real and positive, which makes the vector of a
    # simple eigenvalue unique: paired by eigenvalue, the vectors are NumPy's.
    e = float(numpy.finfo(dtype).eps)
    for n in (2, 3, 4):
        a = (numpy.diag(numpy.arange(1.0, n + 1) * 3) + 0.3 * (RNG.standard_normal((n, n)) + 1j * RNG.standard_normal((n, n)))).astype(dtype)
        tw, tv = numpy.linalg.eig(a)
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        order = [int(numpy.argmin(numpy.abs(w - t))) for t in tw]
        assert sorted(order) == list(range(n))
        numpy.testing.assert_allclose(w[order], tw, atol=1000 * e * n)
        numpy.testing.assert_allclose(v[:, order], tv, atol=1000 * e * n)
        k = numpy.argmax(numpy.abs(v), axis=0)
        assert numpy.all(v[k, numpy.arange(n)].imag == 0) and numpy.all(v[k, numpy.arange(n)].real > 0)


def test_eig_general_order_mostly_matches():
    # Balancing as LAPACK does (permutation + power-of-two scaling) before faer's Schur
    # iteration: small general matrices come out in NumPy's order.
    same = 0
    for _ in range(30):
        a = RNG.standard_normal((4, 4))
        w = back(numoxide.linalg.eigvals(numoxide.array(a)))
        same += numpy.allclose(w, numpy.linalg.eigvals(a), atol=1e-9)
    assert same >= 27


@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("dtype", ["complex128", "complex64", "float64"])
def test_eigh_reads_one_triangle_and_real_diagonal(uplo, dtype):
    # a non-Hermitian input: only the chosen triangle and the real part of the diagonal
    # count, as in LAPACK's heevd
    a = (RNG.standard_normal((5, 5)) + (1j * RNG.standard_normal((5, 5)) if dtype.startswith("complex") else 0)).astype(dtype)
    e = float(numpy.finfo(dtype).eps)
    numpy.testing.assert_allclose(back(numoxide.linalg.eigvalsh(numoxide.array(a), UPLO=uplo)), numpy.linalg.eigvalsh(a, UPLO=uplo), atol=500 * e)
    w, v = numoxide.linalg.eigh(numoxide.array(a), UPLO=uplo)
    numpy.testing.assert_allclose(back(w), numpy.linalg.eigh(a, UPLO=uplo)[0], atol=500 * e)
