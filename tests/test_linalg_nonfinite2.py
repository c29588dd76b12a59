"""eigh/eigvalsh of matrices holding NaN or infinity (orders 3 and up), against NumPy.

NumPy's LAPACK (syevd/heevd) raises LinAlgError for some such matrices and returns
partly NaN results for others, depending on how NaN travels through its reduction to
tridiagonal form (unblocked up to order 32, in panels of 32 above) and on the tridiagonal
solver's tests (sterf for eigvalsh, steqr up to order 25 and stedc's splitting above for
eigh); numoxide follows the same steps (crates/numoxide-linalg/src/syevd_nf.rs). The
tests below check, on random matrices with NaN/inf at random places (dense, and sparse
so that zero columns make reflectors vanish), that we raise exactly where NumPy raises,
that the NaN entries of the eigenvalues and eigenvectors are the same, and that the
finite entries agree to rounding (the order of the sums differs from OpenBLAS's kernels).

Documented difference: when a NaN sits only in the first diagonal entry (UPLO='L') or
the last one (UPLO='U'), the rest of the matrix stays finite and is solved as a block:
above order 26 by LAPACK's divide and conquer, for which ours stands in, so a fully
finite eigenvector may come out with the opposite sign; in single precision the same
happens through rounding (the QL iteration's rotations depend on the last bits).
"""

import numoxide
import numpy
import pytest

DTYPES = ["float64", "float32", "complex128", "complex64"]


@pytest.fixture(autouse=True)
def _quiet_numpy():
    with numpy.errstate(all="ignore"):
        yield


def run(m, name, a, uplo):
    try:
        r = getattr(m.linalg, name)(m.asarray(a), UPLO=uplo)
    except (numpy.linalg.LinAlgError, numoxide.linalg.LinAlgError):
        return "LinAlgError"
    return [numpy.asarray(x) for x in (r if isinstance(r, tuple) else (r,))]


def close(ours, theirs, single):
    rtol = 2e-4 if single else 1e-9
    return numpy.allclose(ours, theirs, rtol=rtol, atol=rtol)


def check(name, a, uplo):
    theirs = run(numpy, name, a, uplo)
    ours = run(numoxide, name, a, uplo)
    where = f"{name} UPLO={uplo} {a.dtype} n={a.shape[0]}"
    if isinstance(theirs, str) or isinstance(ours, str):
        assert ours == theirs, where
        return theirs
    single = a.dtype in (numpy.float32, numpy.complex64)
    for o, t in zip(ours, theirs, strict=True):
        assert o.dtype == t.dtype and o.shape == t.shape, where
        assert numpy.array_equal(numpy.isnan(o), numpy.isnan(t)), where
    w, wt = ours[0], theirs[0]
    fin = ~numpy.isnan(wt)
    assert close(w[fin], wt[fin], single), where
    if name == "eigh":
        v, vt = ours[1], theirs[1]
        for j in range(v.shape[1]):
            f = ~numpy.isnan(vt[:, j])
            if close(v[f, j], vt[f, j], single):
                continue
            # The documented sign difference of finite blocks.
            assert f.all() and (single or fin.sum() > 25), where
            assert close(v[:, j], -vt[:, j], single), where
    return theirs


def random_case(rng, n, dtype, uplo, sparse, count):
    a = rng.standard_normal((n, n))
    if dtype.startswith("complex"):
        a = a + 1j * rng.standard_normal((n, n))
    a = (a + a.conj().T).astype(dtype)
    if sparse:
        a[numpy.abs(a) < 1.2] = 0
    for _ in range(count):
        i, j = rng.integers(0, n, 2)
        if (uplo == "L") != (i >= j):
            i, j = j, i
        a[i, j] = rng.choice([numpy.nan, numpy.inf, -numpy.inf])
    return a


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("name", ["eigvalsh", "eigh"])
@pytest.mark.parametrize("seed", range(3))
def test_random_nonfinite_matches_numpy(seed, name, uplo, dtype):
    rng = numpy.random.default_rng([seed, DTYPES.index(dtype), uplo == "L"])
    outcomes = set()
    for trial in range(30):
        n = int(rng.integers(3, 41))
        a = random_case(rng, n, dtype, uplo, sparse=trial % 2 == 1, count=1 + trial % 3)
        r = check(name, a, uplo)
        outcomes.add(isinstance(r, str))
    # Both outcomes occur for eigh (raising is the rule for eigvalsh).
    assert name == "eigvalsh" or outcomes == {True, False}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("n", [34, 47, 65, 80])
def test_blocked_orders_match_numpy(n, uplo, dtype):
    # Above order 32 the reduction works in panels (and real eigenvectors are
    # back-transformed in blocks of 32 reflectors).
    rng = numpy.random.default_rng([n, DTYPES.index(dtype)])
    for trial in range(4):
        a = random_case(rng, n, dtype, uplo, sparse=trial % 2 == 1, count=1)
        check("eigh", a, uplo)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("uplo", ["L", "U"])
@pytest.mark.parametrize("name", ["eigvalsh", "eigh"])
@pytest.mark.parametrize("n", [3, 5, 24, 26, 33, 40])
def test_single_entry_grid(n, name, uplo, dtype):
    # One NaN or infinity in an otherwise zero or random matrix, at the corners and in
    # the middle of the triangle read.
    spots = {(0, 0), (n - 1, n - 1), (n - 1, 0), (n // 2, n // 3), (1, 0), (n - 1, n - 2)}
    rng = numpy.random.default_rng(n)
    base = rng.standard_normal((n, n))
    base = base + base.T
    for i, j in sorted(spots):
        if uplo == "U":
            i, j = j, i
        for value in (numpy.nan, numpy.inf):
            for zero in (True, False):
                a = numpy.zeros((n, n)) if zero else base.copy()
                a = a.astype(dtype)
                a[i, j] = value
                check(name, a, uplo)


def test_stacked_mixed():
    rng = numpy.random.default_rng(7)
    a = rng.standard_normal((3, 30, 30))
    a = a + a.transpose(0, 2, 1)
    a[0, 5, 5] = numpy.inf  # a zero-scaled matrix: NaN values, NumPy returns them
    a[0, 10, 10] = numpy.inf
    a[2, 29, 29] = numpy.nan
    for name in ("eigh", "eigvalsh"):
        theirs = run(numpy, name, a, "L")
        ours = run(numoxide, name, a, "L")
        assert isinstance(theirs, str) == isinstance(ours, str)
        if not isinstance(theirs, str):
            for o, t in zip(ours, theirs, strict=True):
                assert numpy.array_equal(numpy.isnan(o), numpy.isnan(t))
