"""Non-finite input to eigh/eigvalsh/svd, and cond of singular matrices, against NumPy.

- 2 x 2 real eigh/eigvalsh: LAPACK's syevd does not iterate on two rows, so NumPy's
  answer (NaN, infinite, finite or signed-zero eigenvalues; NaN or unit eigenvectors) is
  reproduced exactly, for every placement of NaN/inf in the triangle read.
- Larger matrices: NumPy's LAPACK raises for some and returns partly NaN results for
  others; numoxide follows its steps (see test_linalg_nonfinite2.py, which also states
  the one documented difference, an eigenvector sign in finite blocks).
- svd of non-finite input: LinAlgError "SVD did not converge", as NumPy.
- cond(A) of an exactly singular A: NumPy divides by a smallest singular value that
  LAPACK's rounding leaves at ~1e-17 (a huge finite result), ours may be exactly 0
  (inf). Both mean "singular"; the test checks ours is inf or beyond 1/eps.
"""

import itertools

import numoxide
import numpy
import pytest
from test_linalg_nonfinite2 import check

VALUES = [numpy.nan, numpy.inf, -numpy.inf, 0.0, -0.0, 1.5, -2.0, 1e-300, 3e300]


def run(m, name, a, **kw):
    try:
        r = getattr(m.linalg, name)(m.asarray(a), **kw)
    except (numpy.linalg.LinAlgError, numoxide.linalg.LinAlgError):
        return "LinAlgError"
    return [numpy.asarray(x) for x in (r if isinstance(r, tuple) else (r,))]


def same(ours, theirs):
    if isinstance(theirs, str) or isinstance(ours, str):
        return ours == theirs
    for o, t in zip(ours, theirs, strict=True):
        if o.dtype != t.dtype or o.shape != t.shape:
            return False
        if not numpy.array_equal(o, t, equal_nan=True):
            return False
        real = ~numpy.isnan(t)
        if not numpy.array_equal(numpy.signbit(o)[real], numpy.signbit(t)[real]):
            return False
    return True


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("name", ["eigh", "eigvalsh"])
@pytest.mark.parametrize("diag0", VALUES)
def test_2x2_nonfinite_exact(dtype, uplo, name, diag0):
    bad = []
    for off, diag1 in itertools.product(VALUES, VALUES):
        a = numpy.array([[diag0, 0.25], [0.25, diag1]])
        a[(1, 0) if uplo == "L" else (0, 1)] = off
        a[(0, 1) if uplo == "L" else (1, 0)] = numpy.nan  # the triangle not read
        with numpy.errstate(over="ignore"):
            a = a.astype(dtype)  # 3e300 becomes inf in float32
        if numpy.all(numpy.isfinite(numpy.tril(a) if uplo == "L" else numpy.triu(a))):
            continue
        theirs = run(numpy, name, a, UPLO=uplo)
        ours = run(numoxide, name, a, UPLO=uplo)
        if not same(ours, theirs):
            bad.append((a.tolist(), theirs, ours))
    assert not bad, bad[:3]


def test_2x2_nonfinite_stacked():
    a = numpy.array(
        [[[3.0, 0.0], [0.0, numpy.nan]], [[1.0, 2.0], [numpy.nan, 1.0]], [[numpy.inf, 0], [7.0, 1]]]
    )
    for name in ("eigh", "eigvalsh"):
        assert same(run(numoxide, name, a), run(numpy, name, a))
    # A finite matrix in the stack still goes through faer.
    a[1, 1, 0] = 2.0
    ours, theirs = run(numoxide, "eigvalsh", a)[0], run(numpy, "eigvalsh", a)[0]
    assert same([ours[[0, 2]]], [theirs[[0, 2]]])
    numpy.testing.assert_allclose(ours[1], theirs[1], rtol=1e-14)


@pytest.mark.parametrize("n", [3, 5, 30, 100])
@pytest.mark.parametrize("value", [numpy.nan, numpy.inf, -numpy.inf])
@pytest.mark.parametrize("where", ["diag", "corner", "first_diag", "subdiag"])
@pytest.mark.parametrize("name", ["eigh", "eigvalsh", "svd"])
def test_larger_nonfinite_raises_where_numpy_raises(n, value, where, name):
    rng = numpy.random.default_rng(n)
    a = rng.standard_normal((n, n))
    a = a + a.T
    idx = {
        "diag": [(1, 1)],
        "corner": [(n - 1, 0), (0, n - 1)],
        "first_diag": [(0, 0)],
        "subdiag": [(1, 0), (0, 1)],
    }
    for i in idx[where]:
        a[i] = value
    if name != "svd":
        check(name, a, "L")
        return
    theirs = run(numpy, name, a)
    ours = run(numoxide, name, a)
    assert theirs == "LinAlgError"
    assert ours == "LinAlgError"


@pytest.mark.parametrize("compute_uv", [True, False])
@pytest.mark.parametrize("n", [2, 4])
def test_svd_nonfinite_raises(compute_uv, n):
    for value in (numpy.nan, numpy.inf):
        a = numpy.eye(n)
        a[0, n - 1] = value
        assert run(numpy, "svd", a, compute_uv=compute_uv) == "LinAlgError"
        assert run(numoxide, "svd", a, compute_uv=compute_uv) == "LinAlgError"


@pytest.mark.parametrize(
    "a",
    [
        [[1.0, 2.0], [2.0, 4.0]],
        [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],
        [[0.0, 0.0], [0.0, 0.0]],
        [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [2.0, 2.0, 2.0]],
    ],
)
@pytest.mark.parametrize("p", [None, 2])
def test_cond_singular_is_huge_or_inf(a, p):
    a = numpy.array(a)
    theirs = numpy.linalg.cond(a, p)
    ours = float(numoxide.linalg.cond(numoxide.asarray(a), p))
    assert theirs == numpy.inf or theirs > 1 / numpy.finfo(float).eps
    assert ours == numpy.inf or ours > 1 / numpy.finfo(float).eps


@pytest.mark.parametrize("p", [-2, 1, -1, numpy.inf, -numpy.inf, "fro", "nuc"])
def test_cond_singular_other_orders(p):
    a = numpy.array([[1.0, 2.0], [2.0, 4.0]])
    with numpy.errstate(all="ignore"):
        theirs = numpy.linalg.cond(a, p)
    ours = float(numoxide.linalg.cond(numoxide.asarray(a), p))
    if p == -2:
        # 1/cond(A, 2): tiny or exactly 0.
        assert 0 <= ours < numpy.finfo(float).eps and 0 <= theirs < numpy.finfo(float).eps
    else:
        assert ours == theirs == numpy.inf


# ----- cholesky -------------------------------------------------------------------------
# NumPy's cholesky runs OpenBLAS's potrf, whose only test is a pivot <= 0: a NaN pivot
# passes, so NaN spreads through the factor instead of raising. We follow that with plain
# arithmetic for non-finite input (finite input goes through faer), scaling each column
# as OpenBLAS's kernel does: a complex column by the real reciprocal pivot part by part
# (an infinite entry keeps its zero imaginary part), and by zero (an infinite pivot) as
# a fill with zeros. Known difference: complex lower factors of order > 32 (OpenBLAS's
# blocked potrf) with an infinite off-diagonal entry, where NumPy keeps that entry's
# imaginary part finite and ours is NaN (the NaN positions elsewhere match).


def chol(m, a, upper):
    try:
        with numpy.errstate(all="ignore"):
            return numpy.asarray(m.linalg.cholesky(m.asarray(a), upper=upper))
    except (numpy.linalg.LinAlgError, numoxide.linalg.LinAlgError):
        return "LinAlgError"


def spd(n, dtype, seed):
    r = numpy.random.default_rng(seed).standard_normal((n, n))
    a = (r @ r.T + n * numpy.eye(n)).astype(dtype)
    if numpy.dtype(dtype).kind == "c":
        a = a + 1j * (numpy.triu(r, 1) - numpy.triu(r, 1).T)
    return a


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("n", [1, 2, 3, 5, 40, 150])
@pytest.mark.parametrize("value", [numpy.nan, numpy.inf, -numpy.inf])
@pytest.mark.parametrize("upper", [False, True])
def test_cholesky_nonfinite(dtype, n, value, upper):
    rtol = 1e-4 if dtype == "float32" else 1e-10
    for k, pos in enumerate(
        [
            (0, 0),
            (n - 1, n - 1),
            (min(1, n - 1), 0),
            (n - 1, max(n - 2, 0)),
            (n // 2, n // 3),
            (0, n - 1),
        ]
    ):
        a = spd(n, dtype, k)
        a[pos[::-1] if upper else pos] = value
        theirs, ours = chol(numpy, a, upper), chol(numoxide, a, upper)
        if isinstance(theirs, str) or isinstance(ours, str):
            assert ours == theirs, (pos, theirs, ours)
            continue
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
        if dtype == "complex128" and not upper and numpy.isinf(value) and n > 32:
            if pos[0] > pos[1]:
                # The documented difference (blocked potrf only): the infinite entry's
                # imaginary part, NaN in ours.
                assert numpy.isinf(ours[pos].real) and numpy.isinf(theirs[pos].real)
                ours[pos] = theirs[pos]
        numpy.testing.assert_array_equal(numpy.isnan(ours), numpy.isnan(theirs))
        numpy.testing.assert_array_equal(numpy.isinf(ours), numpy.isinf(theirs))
        # Part by part: an infinite real part with a finite imaginary one compares both.
        numpy.testing.assert_allclose(ours.real, theirs.real, rtol=rtol, atol=rtol)
        numpy.testing.assert_allclose(ours.imag, theirs.imag, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_cholesky_upper_reads_upper_triangle(dtype):
    """potrf('U') reads only the upper triangle: the lower one may hold anything."""
    a = spd(6, dtype, 3)
    junk = a.copy()
    junk[numpy.tril_indices(6, -1)] = 1e6
    for upper in (False, True):
        src = junk if upper else junk.conj().T.copy()
        theirs, ours = chol(numpy, src, upper), chol(numoxide, src, upper)
        assert ours.dtype == theirs.dtype
        numpy.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    # A matrix whose upper triangle is not positive definite fails only for upper=True.
    b = numpy.array([[4.0, 100.0], [2.0, 3.0]], dtype=dtype)
    for upper in (False, True):
        assert isinstance(chol(numoxide, b, upper), str) == isinstance(chol(numpy, b, upper), str)
