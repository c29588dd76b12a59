"""numpy.random (issue 5): multivariate samplers and MT19937.jumped against NumPy."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error


def gen(m, seed):
    return m.random.default_rng(seed)


@pytest.mark.parametrize("seed", [0, 1, 99, 2024])
@pytest.mark.parametrize(
    "colors,nsample,size",
    [([5, 10, 15], 12, None), ([5, 10, 15], 20, 4), ([0, 3, 0, 7], 5, (2, 3)), ([1000, 2000, 500, 1], 1700, 3),
     ([4, 4], 0, 2), ([4, 4], 8, 2), ([], 0, 3)],
)
@pytest.mark.parametrize("method", ["marginals", "count"])
def test_multivariate_hypergeometric_bit_exact(seed, colors, nsample, size, method):
    ours = gen(numoxide, seed).multivariate_hypergeometric(colors, nsample, size=size, method=method)
    theirs = gen(numpy, seed).multivariate_hypergeometric(colors, nsample, size=size, method=method)
    assert_same(ours, theirs)


MVHG_BAD = [
    ([5, 10], 3, None, "bogus"),
    ([5, 10], 1.5, None, "marginals"),
    ([5, 10], -1, None, "marginals"),
    ([[5, 10]], 3, None, "marginals"),
    ([5.0, 10.0], 3, None, "marginals"),
    ([5, -1], 3, None, "marginals"),
    ([5, 10], 30, None, "marginals"),
    ([10**9, 1], 3, None, "marginals"),
    ([2**62, 2**62], 3, None, "count"),
]


@pytest.mark.parametrize("colors,nsample,size,method", MVHG_BAD)
def test_multivariate_hypergeometric_bad(colors, nsample, size, method):
    assert_same_error(lambda m: gen(m, 0).multivariate_hypergeometric(colors, nsample, size, method))


def _max_rel_diff(ours, theirs):
    ours, theirs = numpy.asarray(ours), numpy.asarray(theirs)
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    return float(numpy.max(numpy.abs(ours - theirs)) / max(1.0, float(numpy.max(numpy.abs(theirs)))))


def _spd(n, seed):
    a = numpy.random.default_rng(seed).standard_normal((n, n))
    return a @ a.T + 0.1 * numpy.eye(n)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("seed", [0, 3, 11])
def test_multivariate_normal_cholesky(n, seed):
    # The standard normals and the product are NumPy's exactly; the Cholesky factor comes
    # from faer, whose accumulation order differs from OpenBLAS's dpotrf, so elements
    # agree to rounding of the factor (normwise ~1e-15), not bit for bit.
    cov = _spd(n, seed)
    mean = numpy.linspace(-1.0, 1.0, n)
    ours = gen(numoxide, seed).multivariate_normal(mean, cov, size=(4, 5), method="cholesky")
    theirs = gen(numpy, seed).multivariate_normal(mean, cov, size=(4, 5), method="cholesky")
    assert _max_rel_diff(ours, theirs) < 64 * numpy.finfo(float).eps


@pytest.mark.parametrize("method", ["svd", "eigh", "cholesky"])
@pytest.mark.parametrize(
    "cov", [numpy.eye(3), numpy.diag([4.0, 1.0, 9.0]), numpy.diag([2.0, 2.0])], ids=["eye", "diag", "diag-repeated"]
)
def test_multivariate_normal_sign_unambiguous_bit_exact(method, cov):
    # Diagonal covariances have factors with no sign choice left to LAPACK: exact match
    # (Cholesky only where the square roots are exact: faer and OpenBLAS round sqrt(2)
    # paths differently).
    if method == "cholesky" and cov[0, 0] == 2.0:
        cov = numpy.diag([1.0, 4.0])
    mean = numpy.arange(len(cov), dtype=float)
    for seed in (0, 5):
        ours = gen(numoxide, seed).multivariate_normal(mean, cov, size=6, method=method)
        theirs = gen(numpy, seed).multivariate_normal(mean, cov, size=6, method=method)
        assert_same(ours, theirs)


@pytest.mark.parametrize("method", ["svd", "eigh"])
def test_multivariate_normal_general_cov_distribution(method):
    # For a general covariance the singular/eigen-vector signs are LAPACK's choice and
    # ours (faer) may differ column by column, so samples differ from NumPy's; both are
    # exact draws of the same distribution: check mean and covariance statistically and
    # that the standard normals consumed are NumPy's (the stream continues identically).
    cov = numpy.array([[2.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 3.0]])
    mean = numpy.array([1.0, -2.0, 0.5])
    gb, ga = gen(numoxide, 7), gen(numpy, 7)
    x = numpy.asarray(gb.multivariate_normal(mean, cov, size=50_000, method=method))
    ga.multivariate_normal(mean, cov, size=50_000, method=method)
    assert x.shape == (50_000, 3)
    assert numpy.allclose(x.mean(axis=0), mean, atol=0.04)
    assert numpy.allclose(numpy.cov(x.T), cov, atol=0.06)
    assert_same(gb.random(3), ga.random(3))


def test_multivariate_normal_shapes_and_warnings():
    cov = [[1.0, 2.0], [2.0, 1.0]]
    for size in (None, 3, (2, 3)):
        a = gen(numpy, 0).multivariate_normal([0.0, 0.0], numpy.eye(2), size=size)
        b = gen(numoxide, 0).multivariate_normal([0.0, 0.0], numpy.eye(2), size=size)
        assert_same(b, a)
    for method in ("svd", "eigh"):
        with warnings.catch_warnings(record=True) as wa:
            warnings.simplefilter("always")
            gen(numpy, 0).multivariate_normal([0.0, 0.0], cov, method=method)
        with warnings.catch_warnings(record=True) as wb:
            warnings.simplefilter("always")
            gen(numoxide, 0).multivariate_normal([0.0, 0.0], cov, method=method)
        assert [(w.category, str(w.message)) for w in wb] == [(w.category, str(w.message)) for w in wa]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            gen(numoxide, 0).multivariate_normal([0.0, 0.0], cov, check_valid="ignore", method=method)


MVN_BAD = [
    ([0.0], [[1.0, 0.0], [0.0, 1.0]], {}),
    ([[0.0]], [[1.0]], {}),
    ([0.0, 0.0], [1.0, 1.0], {}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"check_valid": "raise"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"check_valid": "bogus"}),
    ([0.0, 0.0], numpy.eye(2), {"method": "qr"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"method": "cholesky"}),
    ([0j, 0j], numpy.eye(2), {}),
]


@pytest.mark.parametrize("mean,cov,kw", MVN_BAD)
def test_multivariate_normal_bad(mean, cov, kw):
    assert_same_error(lambda m: gen(m, 0).multivariate_normal(mean, cov, **kw))


@pytest.mark.parametrize("seed", [0, 1, 12345, [5, 6]])
@pytest.mark.parametrize("drawn", [0, 1, 623, 624, 1000])
def test_mt19937_jumped_bit_exact(seed, drawn):
    a, b = numpy.random.MT19937(seed), numoxide.random.MT19937(seed)
    a.random_raw(drawn)
    b.random_raw(drawn)
    ja, jb = a.jumped(), b.jumped()
    sa, sb = ja.state, jb.state
    assert sa["state"]["pos"] == sb["state"]["pos"]
    assert numpy.array_equal(numpy.asarray(sb["state"]["key"]), sa["state"]["key"])
    assert_same(jb.random_raw(5), ja.random_raw(5))
    # The source is untouched.
    assert_same(b.random_raw(3), a.random_raw(3))


def test_mt19937_jumped_multiple_and_legacy_seeded():
    a, b = numpy.random.MT19937(8).jumped(3), numoxide.random.MT19937(8).jumped(3)
    assert numpy.array_equal(numpy.asarray(b.state["state"]["key"]), a.state["state"]["key"])
    ra, rb = numpy.random.RandomState(4), numoxide.random.RandomState(4)
    ja, jb = ra._bit_generator.jumped(), rb._bit_generator.jumped()
    assert_same(numoxide.random.Generator(jb).random(4), numpy.random.Generator(ja).random(4))
    assert_same(numoxide.random.MT19937(1).jumped(0).random_raw(3), numpy.random.MT19937(1).jumped(0).random_raw(3))


@pytest.mark.parametrize("bg", ["PCG64", "PCG64DXSM", "Philox"])
def test_other_jumped(bg):
    a, b = getattr(numpy.random, bg)(21), getattr(numoxide.random, bg)(21)
    a.random_raw(3)
    b.random_raw(3)
    for jumps in (1, 2, 5):
        ja, jb = a.jumped(jumps), b.jumped(jumps)
        assert_same(jb.random_raw(4), ja.random_raw(4))


@pytest.mark.parametrize("mean", [[1, 2, 3], numpy.array([1.5, -2.0, 0.25], dtype=numpy.float32), [True, False, True]])
@pytest.mark.parametrize("legacy", [False, True])
def test_multivariate_normal_mean_dtypes_bit_exact(mean, legacy):
    # a diagonal covariance leaves no sign/rounding choice to LAPACK: the final
    # mean + x @ factor.T (FMA-chain dot products, as OpenBLAS's dgemm) is NumPy's exactly
    cov = numpy.diag([4.0, 1.0, 9.0])

    def draw(m):
        if legacy:
            return m.random.RandomState(3).multivariate_normal(mean, cov, size=(2, 5))
        return m.random.default_rng(3).multivariate_normal(mean, cov, size=(2, 5), method="eigh")

    assert_same(draw(numoxide), draw(numpy))


def test_multivariate_normal_legacy_complex_mean():
    cov = numpy.eye(2)
    assert_same_error(lambda m: m.random.RandomState(0).multivariate_normal([1j, 0], cov))
