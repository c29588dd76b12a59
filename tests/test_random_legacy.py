"""numpy.random legacy API (issue 5): RandomState and the np.random functions, stream-identical."""

import pickle
import warnings

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error

SEEDS = [0, 1, 42, 12345, 2**32 - 1, [1, 2, 3]]

# (method, args, kwargs): every RandomState sampler, on scalar and array parameters and
# on the algorithm branches that differ (shape < 1 / > 1, inversion / BTPE, HYP / HRUA...).
LEGACY = [
    ("random_sample", (), {"size": 7}),
    ("random", (), {"size": (2, 3)}),
    ("standard_normal", (), {"size": 9}),
    ("normal", (1.0, 2.0), {"size": 9}),
    ("normal", ([0.0, 1.0, 2.0], [[1.0], [3.0]]), {}),
    ("uniform", (-2.0, 3.0), {"size": 5}),
    ("uniform", (3.0, 1.0), {"size": 5}),
    ("uniform", ([0.0, 1.0], [2.0, 5.0]), {}),
    ("standard_exponential", (), {"size": 9}),
    ("exponential", (2.5,), {"size": 9}),
    ("exponential", ([1.0, 3.0],), {"size": (2, 2)}),
    ("standard_gamma", (0.4,), {"size": 50}),
    ("standard_gamma", (1.0,), {"size": 10}),
    ("standard_gamma", (4.5,), {"size": 50}),
    ("standard_gamma", ([0.5, 2.0, 9.0],), {}),
    ("gamma", (2.0, 3.0), {"size": 30}),
    ("gamma", (0.3, 1.0), {"size": 30}),
    ("beta", (0.4, 0.7), {"size": 50}),
    ("beta", (2.0, 3.0), {"size": 50}),
    ("beta", (1e-200, 1e-200), {"size": 5}),
    ("f", (3.0, 7.0), {"size": 30}),
    ("noncentral_f", (3.0, 7.0, 2.0), {"size": 30}),
    ("chisquare", (2.5,), {"size": 30}),
    ("noncentral_chisquare", (3.0, 1.5), {"size": 30}),
    ("noncentral_chisquare", (0.5, 1.5), {"size": 30}),
    ("noncentral_chisquare", (2.0, 0.0), {"size": 5}),
    ("standard_cauchy", (), {"size": 20}),
    ("standard_t", (3.0,), {"size": 20}),
    ("vonmises", (0.5, 3.0), {"size": 30}),
    ("vonmises", (0.5, 1e-9), {"size": 5}),
    ("vonmises", (0.5, 1e-6), {"size": 5}),
    ("vonmises", (-2.0, 1e7), {"size": 10}),
    ("pareto", (2.0,), {"size": 20}),
    ("weibull", (1.5,), {"size": 20}),
    ("weibull", (0.0,), {"size": 3}),
    ("power", (3.0,), {"size": 20}),
    ("laplace", (1.0, 2.0), {"size": 20}),
    ("gumbel", (1.0, 2.0), {"size": 20}),
    ("logistic", (1.0, 2.0), {"size": 20}),
    ("lognormal", (0.5, 0.4), {"size": 20}),
    ("rayleigh", (2.0,), {"size": 20}),
    ("wald", (1.0, 3.0), {"size": 20}),
    ("triangular", (0.0, 1.0, 4.0), {"size": 20}),
    ("triangular", ([0.0, 1.0], 2.0, 5.0), {}),
    ("binomial", (10, 0.3), {"size": 50}),
    ("binomial", (0, 0.3), {"size": 3}),
    ("binomial", (10, 0.0), {"size": 3}),
    ("binomial", (10, 1.0), {"size": 3}),
    ("binomial", (1000, 0.35), {"size": 50}),
    ("binomial", (1000, 0.8), {"size": 50}),
    ("binomial", (100000, 0.5), {"size": 50}),
    ("binomial", ([5, 500, 5000], [0.2, 0.5, 0.9]), {}),
    ("binomial", (7.9, 0.5), {"size": 3}),
    ("negative_binomial", (5.0, 0.4), {"size": 30}),
    ("negative_binomial", (0.5, 0.9), {"size": 30}),
    ("poisson", (3.0,), {"size": 30}),
    ("poisson", (40.0,), {"size": 30}),
    ("poisson", ([0.0, 2.0, 200.0],), {}),
    ("zipf", (1.5,), {"size": 30}),
    ("zipf", (3.0,), {"size": 30}),
    ("geometric", (0.5,), {"size": 30}),
    ("geometric", (0.01,), {"size": 30}),
    ("hypergeometric", (10, 20, 5), {"size": 30}),
    ("hypergeometric", (100, 200, 50), {"size": 30}),
    ("hypergeometric", (300, 100, 350), {"size": 30}),
    ("hypergeometric", ([10, 100], [20, 30], [5, 40]), {}),
    ("logseries", (0.5,), {"size": 30}),
    ("logseries", (0.99,), {"size": 30}),
    ("multinomial", (20, [0.1, 0.2, 0.7]), {"size": 4}),
    ("multinomial", (1000, [0.05, 0.15, 0.3, 0.5]), {}),
    ("multinomial", (5, [0.5, 0.5]), {"size": (2, 2)}),
    ("dirichlet", ([0.5, 1.0, 4.0],), {"size": 4}),
    ("dirichlet", ([2.0, 3.0],), {}),
    ("randint", (10,), {"size": 20}),
    ("randint", (-5, 2**40), {"size": 20}),
    ("randint", ([0, 10], [5, 100]), {}),
    ("tomaxint", (), {"size": 5}),
    ("bytes", (11,), {}),
    ("choice", (10,), {"size": 5}),
    ("choice", ([1.5, 2.5, 3.5],), {"size": 4}),
    ("choice", (10,), {"size": 5, "replace": False}),
    ("choice", (5,), {"size": 7, "p": [0.1, 0.2, 0.3, 0.25, 0.15]}),
    ("choice", (6,), {"size": 4, "replace": False, "p": [0.1, 0.2, 0.3, 0.2, 0.1, 0.1]}),
    ("choice", ([10, 20, 30],), {"size": (2, 2)}),
    ("permutation", (12,), {}),
    ("permutation", ([[1, 2], [3, 4], [5, 6]],), {}),
]


@pytest.mark.parametrize("name,args,kwargs", LEGACY, ids=[f"{m[0]}-{i}" for i, m in enumerate(LEGACY)])
@pytest.mark.parametrize("seed", [0, 5, 2024])
def test_random_state_methods_bit_exact(name, args, kwargs, seed):
    a, b = numpy.random.RandomState(seed), numoxide.random.RandomState(seed)
    # Leave a cached Gaussian behind so every sampler also sees has_gauss=1.
    assert_same(b.standard_normal(), a.standard_normal())
    assert_same(getattr(b, name)(*args, **kwargs), getattr(a, name)(*args, **kwargs))
    # The stream continues identically and the state (incl. the Gaussian cache) agrees.
    assert_same(b.standard_normal(3), a.standard_normal(3))
    sa, sb = a.get_state(), b.get_state()
    assert sa[0] == sb[0] and sa[2:] == sb[2:]
    assert numpy.array_equal(numpy.asarray(sb[1]), sa[1])


SCALARS = [
    ("standard_normal", ()), ("normal", (1.0, 2.0)), ("gamma", (2.0,)), ("beta", (0.5, 0.5)),
    ("poisson", (3.0,)), ("binomial", (10, 0.5)), ("hypergeometric", (5, 5, 3)), ("geometric", (0.2,)),
    ("zipf", (2.0,)), ("logseries", (0.3,)), ("negative_binomial", (3, 0.5)), ("randint", (5,)),
    ("tomaxint", ()), ("choice", (5,)), ("choice", ([1.5, 2.5],)), ("random_sample", ()), ("rand", ()),
]


@pytest.mark.parametrize("name,args", SCALARS, ids=[s[0] for s in SCALARS])
def test_scalar_results(name, args):
    a, b = numpy.random.RandomState(3), numoxide.random.RandomState(3)
    ra, rb = getattr(a, name)(*args), getattr(b, name)(*args)
    assert type(rb).__name__ == type(ra).__name__
    assert_same(rb, ra)


@pytest.mark.parametrize("seed", SEEDS)
def test_module_functions_follow_global_state(seed):
    numpy.random.seed(seed)
    numoxide.random.seed(seed)
    for name, args, kwargs in LEGACY[::3]:
        ours = getattr(numoxide.random, name, None)
        if ours is None:
            continue
        assert_same(ours(*args, **kwargs), getattr(numpy.random, name)(*args, **kwargs))
    assert_same(numoxide.random.ranf(3), numpy.random.ranf(3))
    assert_same(numoxide.random.sample(3), numpy.random.sample(3))


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", int, bool])
def test_randint_all_dtypes(dtype):
    a, b = numpy.random.RandomState(8), numoxide.random.RandomState(8)
    for high in (1, 2, 7, 100):
        h = min(high, 2) if dtype in ("bool", bool) else high
        assert_same(b.randint(0, h, size=30, dtype=dtype), a.randint(0, h, size=30, dtype=dtype))
        assert_same(b.randint(h, dtype=dtype), a.randint(h, dtype=dtype))


def test_random_integers_deprecated():
    a, b = numpy.random.RandomState(1), numoxide.random.RandomState(1)
    with pytest.warns(DeprecationWarning) as wa:
        ra = a.random_integers(5, size=6)
    with pytest.warns(DeprecationWarning) as wb:
        rb = b.random_integers(5, size=6)
    assert str(wa[0].message) == str(wb[0].message)
    assert_same(rb, ra)
    with pytest.warns(DeprecationWarning):
        ra = a.random_integers(2, 9, size=4)
    with pytest.warns(DeprecationWarning):
        rb = b.random_integers(2, 9, size=4)
    assert_same(rb, ra)


def test_shuffle_and_permutation_multidim():
    a, b = numpy.random.RandomState(4), numoxide.random.RandomState(4)
    xa, xb = numpy.arange(24.0).reshape(6, 4), numoxide.arange(24.0).reshape(6, 4)
    a.shuffle(xa)
    b.shuffle(xb)
    assert_same(xb, xa)
    ya, yb = numpy.arange(10)[::-2], numoxide.arange(10)[::-2]
    a.shuffle(ya)
    b.shuffle(yb)
    assert_same(yb, ya)
    assert_same(b.permutation(xb), a.permutation(xa))
    la, lb = list("abcdefg"), list("abcdefg")
    a.shuffle(la)
    b.shuffle(lb)
    assert la == lb
    assert_same(b.permutation(numoxide.arange(5)), a.permutation(numpy.arange(5)))


@pytest.mark.parametrize("legacy", [True, False])
def test_get_set_state_tuple_and_dict(legacy):
    a, b = numpy.random.RandomState(11), numoxide.random.RandomState(11)
    a.standard_normal()
    b.standard_normal()
    sa, sb = a.get_state(legacy=legacy), b.get_state(legacy=legacy)
    if legacy:
        assert sa[0] == sb[0] and sa[2:] == sb[2:]
    else:
        assert sa["has_gauss"] == sb["has_gauss"] and sa["gauss"] == sb["gauss"] and sa["state"]["pos"] == sb["state"]["pos"]
    # Feed NumPy's state into numoxide (and a legacy 3-tuple without the cache).
    c = numoxide.random.RandomState(0)
    c.set_state(sa)
    assert_same(c.standard_normal(4), a.standard_normal(4))
    st3 = a.get_state()[:3]
    a.set_state(st3)
    c.set_state(st3)
    assert_same(c.gamma(3.0, size=4), a.gamma(3.0, size=4))


def test_random_state_with_other_bit_generators():
    for bg in ("PCG64", "Philox", "SFC64"):
        a = numpy.random.RandomState(getattr(numpy.random, bg)(9))
        b = numoxide.random.RandomState(getattr(numoxide.random, bg)(9))
        assert_same(b.standard_normal(5), a.standard_normal(5))
        assert_same(b.randint(0, 100, 5), a.randint(0, 100, 5))
        assert_same(b.binomial(50, 0.3, 5), a.binomial(50, 0.3, 5))
        with pytest.warns(RuntimeWarning):
            sa = a.get_state()
        with pytest.warns(RuntimeWarning):
            sb = b.get_state()
        assert sa["has_gauss"] == sb["has_gauss"] and sa["gauss"] == sb["gauss"]
        assert_same_error(lambda m, bg=bg: m.random.RandomState(getattr(m.random, bg)(1)).seed(3))
    a = numpy.random.RandomState(numpy.random.MT19937(4))
    b = numoxide.random.RandomState(numoxide.random.MT19937(4))
    assert_same(b.rand(3), a.rand(3))
    assert str(b) == str(a)


def test_get_set_bit_generator():
    saved_a, saved_b = numpy.random.get_bit_generator(), numoxide.random.get_bit_generator()
    try:
        numpy.random.set_bit_generator(numpy.random.PCG64(5))
        numoxide.random.set_bit_generator(numoxide.random.PCG64(5))
        assert type(numoxide.random.get_bit_generator()).__name__ == "PCG64"
        assert_same(numoxide.random.normal(size=4), numpy.random.normal(size=4))
        numpy.random.seed(3)
        numoxide.random.seed(3)
        assert_same(numoxide.random.rand(4), numpy.random.rand(4))
    finally:
        numpy.random.set_bit_generator(saved_a)
        numoxide.random.set_bit_generator(saved_b)
    numpy.random.seed(0)
    numoxide.random.seed(0)
    assert_same(numoxide.random.rand(2), numpy.random.rand(2))


def test_pickle_round_trip():
    b = numoxide.random.RandomState(6)
    b.standard_normal()
    c = pickle.loads(pickle.dumps(b))
    assert numpy.array_equal(numpy.asarray(c.standard_normal(3)), numpy.asarray(b.standard_normal(3)))
    g = numoxide.random.default_rng(3)
    h = pickle.loads(pickle.dumps(g))
    assert numpy.array_equal(numpy.asarray(h.random(3)), numpy.asarray(g.random(3)))


def test_multivariate_normal_legacy_identity_cov():
    # An SVD of a diagonal covariance is sign-unambiguous: the stream matches exactly.
    for cov in ([[1.0, 0.0], [0.0, 1.0]], [[4.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 9.0]]):
        mean = [0.5] * len(cov)
        a, b = numpy.random.RandomState(2), numoxide.random.RandomState(2)
        assert_same(b.multivariate_normal(mean, cov, size=5), a.multivariate_normal(mean, cov, size=5))


def test_statistical_sanity():
    b = numoxide.random.RandomState(0)
    x = numpy.asarray(b.standard_normal(100_000))
    assert abs(x.mean()) < 0.02 and abs(x.std() - 1.0) < 0.02
    k = numpy.asarray(b.binomial(1000, 0.3, 20_000))
    assert abs(k.mean() - 300) < 1.0
    h = numpy.asarray(b.hypergeometric(100, 200, 60, 20_000))
    assert abs(h.mean() - 20.0) < 0.2


BAD = [
    ("normal", (0.0, -1.0)),
    ("normal", (0.0, [1.0, -1.0])),
    ("exponential", (-0.0,)),
    ("standard_gamma", (-1.0,)),
    ("gamma", (1.0, -1.0)),
    ("beta", (0.0, 1.0)),
    ("f", (1.0, 0.0)),
    ("chisquare", (0.0,)),
    ("noncentral_chisquare", (1.0, -1.0)),
    ("standard_t", (0.0,)),
    ("vonmises", (0.0, -1.0)),
    ("pareto", (0.0,)),
    ("weibull", (-1.0,)),
    ("power", (0.0,)),
    ("wald", (0.0, 1.0)),
    ("triangular", (2.0, 1.0, 3.0)),
    ("triangular", (1.0, 1.0, 1.0)),
    ("binomial", (-1, 0.5)),
    ("binomial", (10, 1.5)),
    ("binomial", ([10], [1.5])),
    ("negative_binomial", (0.0, 0.5)),
    ("poisson", (-1.0,)),
    ("poisson", (1e19,)),
    ("poisson", ([1e19],)),
    ("zipf", (1.0,)),
    ("geometric", (0.0,)),
    ("logseries", (1.0,)),
    ("hypergeometric", (5, 5, 20)),
    ("hypergeometric", (-1, 5, 2)),
    ("hypergeometric", (5, -1, 2)),
    ("hypergeometric", (5, 5, 0)),
    ("hypergeometric", ([5], 5, [0])),
    ("multinomial", (-1, [0.5, 0.5])),
    ("multinomial", (5, [0.7, 0.7, 0.1])),
    ("multinomial", (5, 0.5)),
    ("dirichlet", ([1.0, 0.0],)),
    ("randint", (5, 5)),
    ("randint", (0, 300, 3, "uint8")),
    ("randint", (0, 5, 3, "float64")),
    ("choice", (0,)),
    ("choice", ([[1, 2]],)),
    ("choice", (5, 10, False)),
    ("choice", (3, 2, True, [0.5, 0.6, 0.1])),
    ("choice", (3, 2, True, [0.5, -0.5, 1.0])),
    ("choice", (3, 2, True, [0.5, 0.5])),
    ("choice", (3, 3, False, [0.5, 0.5, 0.0])),
    ("uniform", (0.0, numpy.inf)),
    ("permutation", (numpy.float64(3.0),)),
    ("multivariate_normal", ([0.0], [[1.0, 0.0], [0.0, 1.0]])),
    ("multivariate_normal", ([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]], None, "bogus")),
    ("multivariate_normal", ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], None, "raise")),
]


@pytest.mark.parametrize("name,args", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_bad_parameters(name, args):
    assert_same_error(lambda m: getattr(m.random.RandomState(0), name)(*args))


def test_bad_states():
    assert_same_error(lambda m: m.random.RandomState(0).set_state(("PCG64", [0] * 624, 0)))
    assert_same_error(lambda m: m.random.RandomState(0).set_state({"state": {}}))
    assert_same_error(lambda m: m.random.RandomState(0).set_state(5))


def test_multivariate_normal_non_psd_warns():
    cov = [[1.0, 2.0], [2.0, 1.0]]
    with warnings.catch_warnings(record=True) as wa:
        warnings.simplefilter("always")
        numpy.random.RandomState(0).multivariate_normal([0.0, 0.0], cov)
    with warnings.catch_warnings(record=True) as wb:
        warnings.simplefilter("always")
        numoxide.random.RandomState(0).multivariate_normal([0.0, 0.0], cov)
    assert [(w.category, str(w.message)) for w in wb] == [(w.category, str(w.message)) for w in wa]


def test_public_names_match_numpy():
    def pub(o):
        return {n for n in dir(o) if not n.startswith("_")}

    # C-level interop handles (capsule, cffi, ctypes) are NumPy-only; `test` is NumPy's
    # test runner.
    c_only = {"capsule", "cffi", "ctypes"}
    assert pub(numpy.random) - pub(numoxide.random) == {"test"}
    for name in ["Generator", "RandomState", "MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"]:
        missing = pub(getattr(numpy.random, name)) - pub(getattr(numoxide.random, name))
        assert missing <= c_only, (name, missing)
    for bg in ["MT19937", "PCG64", "Philox", "SFC64"]:
        obj = getattr(numoxide.random, bg)(1)
        assert pub(getattr(numpy.random, bg)(1)) - pub(obj) <= c_only
