"""np.linalg.eig/eigvals of real matrices of order <= 75: our port of LAPACK's dgeev path
(gebal 'B', gehd2, orghr, lahqr, trevc3, gebak, geev's normalization) against NumPy.

Tolerances, stated once:
- eigenvalues, position by position (the ORDER is what is tested): float64 within
  1e-9 * max(1, max|A|) * n of NumPy's; float32 input (NumPy computes it in double and
  rounds, as we do) within 8 float32 ulp of the largest eigenvalue magnitude.
- eigenvectors: unit 2-norm (1e-12), A v = w v (residual 1e-10 * scale * n), a real
  eigenvalue's vector real, and the component of largest modulus of a complex pair's
  vector real, as dgeev leaves them. Against NumPy's own vectors: equal up to the sign
  (+1 or -1), the only freedom geev's normalization leaves for a simple eigenvalue; that
  sign depends on rounding inside OpenBLAS's BLAS kernels (>= 95% agree).
"""

import zlib

import numoxide
import numpy
import pytest

RNG = numpy.random.default_rng(61)


def back(x):
    return numpy.asarray(x)


def make(kind, n, rng):
    if kind == "normal":
        return rng.standard_normal((n, n))
    if kind == "int":
        return rng.integers(-5, 6, (n, n)).astype(float)
    if kind == "binary":
        return rng.integers(0, 2, (n, n)).astype(float)
    if kind == "skew":
        a = rng.standard_normal((n, n))
        return a - a.T
    if kind == "triu":
        return numpy.triu(rng.standard_normal((n, n)))
    if kind == "scaled":
        # badly scaled rows/columns: balancing's power-of-two scaling matters
        d = 2.0 ** rng.integers(-20, 20, n)
        return (d[:, None] * rng.standard_normal((n, n))) / d[None, :]
    if kind == "sparse":
        a = rng.standard_normal((n, n))
        a[rng.random((n, n)) < 0.7] = 0.0
        return a
    raise ValueError(kind)


SIZES = list(range(1, 21)) + [24, 31, 40, 50, 63, 74, 75]
KINDS = ["normal", "int", "binary", "skew", "triu", "scaled", "sparse"]


def assert_same_order(w, tw, scale, msg=""):
    """Position by position; an eigenvalue within 1e-6 * scale of another one (a
    cluster, often a defective eigenvalue perturbed by sqrt(eps)) gets 1e-6 * scale."""
    n = len(tw)
    if n == 0:
        assert len(w) == 0
        return
    gap = numpy.abs(tw[:, None] - tw[None, :])
    numpy.fill_diagonal(gap, numpy.inf)
    clustered = gap.min(axis=1) < 1e-6 * scale
    tol = numpy.where(clustered, 1e-6 * scale, 1e-9 * scale * n)
    bad = numpy.abs(w - tw) > tol
    assert not numpy.any(bad), (msg, numpy.nonzero(bad), w[bad], tw[bad])


def check_vectors(a, w, v, scale):
    n = a.shape[-1]
    if n == 0:
        return
    numpy.testing.assert_allclose(numpy.linalg.norm(v, axis=0), 1.0, atol=1e-12)
    numpy.testing.assert_allclose(a @ v, v * w[None, :], atol=1e-10 * scale * n)
    real = w.imag == 0
    assert numpy.all(v[:, real].imag == 0)
    k = numpy.argmax(numpy.abs(v), axis=0)
    cplx = ~real
    assert numpy.all(v[k[cplx], numpy.nonzero(cplx)[0]].imag == 0)


@pytest.mark.parametrize("kind", KINDS)
def test_eig_order_equals_numpy_float64(kind):
    # The order is NumPy's for all but rare rounding-sensitive matrices (near-ties in the
    # QR iteration's deflation decided by the last bits of the Hessenberg reduction,
    # whose BLAS kernels in OpenBLAS round differently from ours): at most 1 in 25 here.
    rng = numpy.random.default_rng(zlib.crc32(kind.encode()))
    mismatched = total = 0
    for n in SIZES:
        for _ in range(2):
            a = make(kind, n, rng)
            tw, tv = numpy.linalg.eig(a)
            w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
            assert w.dtype == tw.dtype and v.dtype == tv.dtype and v.shape == tv.shape
            scale = max(1.0, float(numpy.max(numpy.abs(a)))) if n else 1.0
            total += 1
            try:
                assert_same_order(w, tw, scale, f"{kind} n={n}")
            except AssertionError:
                mismatched += 1
                numpy.testing.assert_allclose(numpy.sort_complex(w), numpy.sort_complex(tw), atol=1e-6 * scale * n)
            check_vectors(a, w, v, scale)
            wv = back(numoxide.linalg.eigvals(numoxide.array(a)))
            numpy.testing.assert_allclose(wv, w, rtol=0, atol=1e-12 * scale * n)
    assert mismatched * 25 <= total, (mismatched, total)


@pytest.mark.parametrize("kind", ["normal", "int", "triu", "sparse"])
def test_eig_order_equals_numpy_float32(kind):
    rng = numpy.random.default_rng(7 + zlib.crc32(kind.encode()))
    for n in SIZES[::2]:
        a = make(kind, n, rng).astype("float32")
        tw, tv = numpy.linalg.eig(a)
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        assert w.dtype == tw.dtype == numpy.complex64 and v.dtype == tv.dtype
        top = max(1.0, float(numpy.max(numpy.abs(tw)))) if n else 1.0
        numpy.testing.assert_allclose(w, tw, rtol=0, atol=8 * float(numpy.finfo("float32").eps) * top)
        w2 = back(numoxide.linalg.eigvals(numoxide.array(a)))
        numpy.testing.assert_array_equal(w2, w)


def test_eig_real_vectors_equal_numpy_up_to_sign():
    # Symmetric-definite-free, all-real simple spectra: upper triangular plus a small
    # perturbation keeps eigenvalues real and apart.
    same_sign = total = 0
    for n in range(2, 30):
        a = numpy.triu(RNG.standard_normal((n, n))) + numpy.diag(numpy.arange(n) * 3.0)
        a += 1e-3 * RNG.standard_normal((n, n))
        tw, tv = numpy.linalg.eig(a)
        if numpy.any(tw.imag != 0):
            continue
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        numpy.testing.assert_allclose(w, tw, rtol=0, atol=1e-9 * n * float(numpy.max(numpy.abs(a))))
        for j in range(n):
            d = min(numpy.max(numpy.abs(v[:, j] - tv[:, j])), numpy.max(numpy.abs(v[:, j] + tv[:, j])))
            assert d < 1e-8, (n, j)
            total += 1
            same_sign += numpy.max(numpy.abs(v[:, j] - tv[:, j])) < 1e-8
    assert total > 100
    # The sign is decided by rounding in the reduction; it is NumPy's for nearly all.
    assert same_sign >= 0.95 * total, (same_sign, total)


def test_eig_batched_and_noncontiguous():
    a = RNG.standard_normal((3, 4, 9, 9))
    tw, tv = numpy.linalg.eig(a)
    w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
    assert w.shape == tw.shape and v.shape == tv.shape
    numpy.testing.assert_allclose(w, tw, rtol=0, atol=1e-11)
    b = a[:, ::-1, ::2, ::2].transpose(0, 1, 3, 2)
    tw = numpy.linalg.eigvals(b)
    w = back(numoxide.linalg.eigvals(numoxide.array(a)[:, ::-1, ::2, ::2].transpose(0, 1, 3, 2)))
    numpy.testing.assert_allclose(w, tw, rtol=0, atol=1e-11)


@pytest.mark.parametrize("kind", ["symmetric", "repeated"])
def test_eig_symmetric_and_repeated_spectrum_and_invariants(kind):
    # Symmetric input and repeated eigenvalues: the order depends on the last bits of the
    # Hessenberg reduction (OpenBLAS's gemv/ger kernels round differently from ours), so
    # here the multiset of eigenvalues and the invariants are compared.
    for n in (3, 8, 17, 40, 75):
        a = RNG.standard_normal((n, n))
        if kind == "symmetric":
            a = a + a.T
        else:
            q = RNG.standard_normal((n, n))
            a = q @ numpy.diag(RNG.integers(0, 3, n).astype(float)) @ numpy.linalg.inv(q)
        tw = numpy.linalg.eigvals(a)
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        tol = 1e-9 * n * max(1.0, float(numpy.max(numpy.abs(a))))
        if kind == "repeated":
            tol = 1e-5 * n * max(1.0, float(numpy.max(numpy.abs(a))))
        numpy.testing.assert_allclose(numpy.sort_complex(w), numpy.sort_complex(tw), atol=tol)
        numpy.testing.assert_allclose(numpy.linalg.norm(v, axis=0), 1.0, atol=1e-12)
        numpy.testing.assert_allclose(a @ v, v * w[None, :], atol=1e-8 * n * max(1.0, float(numpy.max(numpy.abs(a)))))


def test_eig_edge_cases():
    for a in (numpy.zeros((0, 0)), numpy.zeros((2, 0, 0)), numpy.zeros((3, 3)), numpy.eye(4), numpy.array([[5.0]]),
              numpy.array([[0.0, 1.0], [0.0, 0.0]]), numpy.array([[1.0, 1.0], [0.0, 1.0]]),
              numpy.array([[0.0, -1.0], [1.0, 0.0]]), numpy.array([[1e-300, 1.0], [1e-300, 2e-300]]),
              numpy.array([[1e300, 1e300], [-1e300, 1e300]])):
        tw, tv = numpy.linalg.eig(a)
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        assert w.shape == tw.shape and w.dtype == tw.dtype
        scale = max(1e-300, float(numpy.max(numpy.abs(tw)))) if tw.size else 1.0
        numpy.testing.assert_allclose(w, tw, rtol=0, atol=1e-14 * scale)
        numpy.testing.assert_allclose(v, tv, rtol=0, atol=1e-12)
    for bad in (numpy.array([[numpy.nan, 1.0], [0.0, 1.0]]), numpy.array([[numpy.inf]])):
        with pytest.raises(numpy.linalg.LinAlgError):
            numpy.linalg.eig(bad)
        with pytest.raises(numoxide.linalg.LinAlgError):
            numoxide.linalg.eig(numoxide.array(bad))


def cmake(kind, n, rng):
    re = make(kind if kind != "hermitian" else "normal", n, rng)
    im = make(kind if kind != "hermitian" else "normal", n, rng)
    a = re + 1j * im
    if kind == "hermitian":
        a = a + a.conj().T
    return a


@pytest.mark.parametrize("kind", ["normal", "int", "triu", "sparse", "scaled", "hermitian"])
def test_eig_complex_order_and_vectors_equal_numpy(kind):
    # zgeev's normalization (unit norm, largest component real and positive) leaves no
    # freedom for a simple eigenvalue: vectors are compared to NumPy's directly
    # (1e-8 * n), eigenvalues position by position as above.
    rng = numpy.random.default_rng(11 + zlib.crc32(kind.encode()))
    mismatched = total = 0
    for n in SIZES:
        a = cmake(kind, n, rng)
        tw, tv = numpy.linalg.eig(a)
        w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
        assert w.dtype == tw.dtype and v.dtype == tv.dtype and v.shape == tv.shape
        scale = max(1.0, float(numpy.max(numpy.abs(a)))) if n else 1.0
        total += 1
        try:
            assert_same_order(w, tw, scale, f"{kind} n={n}")
        except AssertionError:
            mismatched += 1
            numpy.testing.assert_allclose(numpy.sort_complex(w), numpy.sort_complex(tw), atol=1e-6 * scale * n)
            continue
        if n:
            numpy.testing.assert_allclose(numpy.linalg.norm(v, axis=0), 1.0, atol=1e-12)
            numpy.testing.assert_allclose(a @ v, v * w[None, :], atol=1e-10 * scale * n)
            k = numpy.argmax(numpy.abs(v), axis=0)
            assert numpy.all(v[k, numpy.arange(n)].imag == 0)
            gap = numpy.abs(tw[:, None] - tw[None, :])
            numpy.fill_diagonal(gap, numpy.inf)
            simple = gap.min(axis=1) > 1e-3 * scale
            numpy.testing.assert_allclose(v[:, simple], tv[:, simple], atol=1e-8 * n * scale)
        wv = back(numoxide.linalg.eigvals(numoxide.array(a)))
        numpy.testing.assert_allclose(wv, w, rtol=0, atol=1e-12 * scale * max(n, 1))
    assert mismatched * 25 <= total, (mismatched, total)


def test_eig_complex64_and_batched():
    a = (RNG.standard_normal((2, 3, 12, 12)) + 1j * RNG.standard_normal((2, 3, 12, 12))).astype("complex64")
    tw, tv = numpy.linalg.eig(a)
    w, v = (back(x) for x in numoxide.linalg.eig(numoxide.array(a)))
    assert w.dtype == tw.dtype == numpy.complex64 and v.dtype == numpy.complex64 and v.shape == tv.shape
    eps = float(numpy.finfo("float32").eps)
    numpy.testing.assert_allclose(w, tw, rtol=0, atol=8 * eps * float(numpy.max(numpy.abs(tw))))
    numpy.testing.assert_allclose(v, tv, rtol=0, atol=100 * eps)


def test_roots_order_equals_numpy():
    # np.roots does not sort: the eigenvalues of the companion matrix in dgeev's order.
    rng = numpy.random.default_rng(5)
    for n in range(2, 50):
        c = rng.standard_normal(n)
        numpy.testing.assert_allclose(back(numoxide.roots(c)), numpy.roots(c), rtol=0, atol=1e-8)
        c = c + 1j * rng.standard_normal(n)
        numpy.testing.assert_allclose(back(numoxide.roots(c)), numpy.roots(c), rtol=0, atol=1e-8)
