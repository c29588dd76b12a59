"""numpy.random (issue 5): same seed, same numbers as NumPy, bit for bit."""

import math

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error, to_nx

SEEDS = [0, 1, 42, 12345, 2**32 - 1, 2**64 + 7, [1, 2, 3], 1234567890123456789012345678901234567890]
BITGENS = ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"]


def gen(m, seed, bg="PCG64"):
    return m.random.Generator(getattr(m.random, bg)(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_sequence(seed):
    a, b = numpy.random.SeedSequence(seed), numoxide.random.SeedSequence(seed)
    assert_same(b.generate_state(8), a.generate_state(8))
    assert_same(b.generate_state(5, "uint64"), a.generate_state(5, numpy.uint64))
    for ca, cb in zip(a.spawn(3), b.spawn(3), strict=True):
        assert ca.spawn_key == cb.spawn_key
        assert_same(cb.generate_state(4), ca.generate_state(4))
    big = numpy.random.SeedSequence(seed, pool_size=8, spawn_key=(3, 4))
    ours = numoxide.random.SeedSequence(seed, pool_size=8, spawn_key=(3, 4))
    assert_same(ours.generate_state(10), big.generate_state(10))
    assert repr(ours) == repr(big)


@pytest.mark.parametrize("bg", BITGENS)
@pytest.mark.parametrize("seed", SEEDS[:5])
def test_bit_generators_raw_and_state(bg, seed):
    a, b = getattr(numpy.random, bg)(seed), getattr(numoxide.random, bg)(seed)
    assert_same(b.random_raw(7), a.random_raw(7))
    assert b.random_raw() == a.random_raw()
    sa, sb = a.state, b.state
    assert sa["bit_generator"] == sb["bit_generator"]
    ga, gb = numpy.random.Generator(a), numoxide.random.Generator(b)
    assert_same(gb.integers(0, 100, 9, dtype="uint8"), ga.integers(0, 100, 9, dtype="uint8"))
    assert_same(gb.random(5, dtype="float32"), ga.random(5, dtype="float32"))


@pytest.mark.parametrize("bg", ["PCG64", "PCG64DXSM"])
def test_pcg_state_advance_jumped(bg):
    a, b = getattr(numpy.random, bg)(5), getattr(numoxide.random, bg)(5)
    a.random_raw(3)
    b.random_raw(3)
    assert a.state == b.state
    a.advance(2**100 + 17)
    b.advance(2**100 + 17)
    assert a.state == b.state
    assert_same(b.jumped(3).random_raw(4), a.jumped(3).random_raw(4))
    st = a.state
    b.state = st
    assert_same(b.random_raw(3), a.random_raw(3))


def test_philox_advance_and_sfc_state():
    a, b = numpy.random.Philox(7), numoxide.random.Philox(7)
    a.advance(2**70 + 5)
    b.advance(2**70 + 5)
    assert_same(b.random_raw(6), a.random_raw(6))
    assert_same(b.jumped().random_raw(3), a.jumped().random_raw(3))
    a, b = numpy.random.SFC64(3), numoxide.random.SFC64(3)
    a.random_raw(2)
    b.state = {k: (v if k != "state" else {"state": numoxide.array(v["state"])}) for k, v in a.state.items()}
    assert_same(b.random_raw(4), a.random_raw(4))


METHODS = [
    ("random", (), {"size": 11}),
    ("random", (), {"size": (3, 4), "dtype": "float32"}),
    ("standard_normal", (), {"size": 1000}),
    ("standard_normal", (), {"size": 1000, "dtype": "float32"}),
    ("standard_exponential", (), {"size": 1000}),
    ("standard_exponential", (), {"size": 1000, "dtype": "float32"}),
    ("standard_exponential", (), {"size": 50, "method": "inv"}),
    ("normal", (3.0, 2.0), {"size": 20}),
    ("normal", ([1.0, 2.0, 3.0], 0.5), {}),
    ("normal", ([1.0, 2.0, 3.0], [[1.0], [2.0]]), {"size": (2, 3)}),
    ("exponential", (2.0,), {"size": 30}),
    ("uniform", (-1.0, 5.0), {"size": 30}),
    ("uniform", ([0.0, 1.0], 3.0), {}),
    ("standard_gamma", (0.5,), {"size": 300}),
    ("standard_gamma", (3.5,), {"size": 300}),
    ("standard_gamma", (2.5,), {"size": 300, "dtype": "float32"}),
    ("gamma", (0.3, 2.0), {"size": 300}),
    ("gamma", ([0.5, 1.0, 7.0], 2.0), {}),
    ("beta", (0.5, 0.7), {"size": 200}),
    ("beta", (2.0, 5.0), {"size": 200}),
    ("chisquare", (3.0,), {"size": 100}),
    ("noncentral_chisquare", (0.5, 2.0), {"size": 100}),
    ("noncentral_chisquare", (3.0, 2.0), {"size": 100}),
    ("f", (3.0, 5.0), {"size": 100}),
    ("noncentral_f", (3.0, 5.0, 1.5), {"size": 100}),
    ("standard_cauchy", (), {"size": 100}),
    ("standard_t", (4.0,), {"size": 100}),
    ("vonmises", (0.5, 2.0), {"size": 100}),
    ("vonmises", (0.5, 1e-9), {"size": 10}),
    ("pareto", (3.0,), {"size": 100}),
    ("weibull", (1.5,), {"size": 100}),
    ("power", (2.0,), {"size": 100}),
    ("laplace", (1.0, 2.0), {"size": 100}),
    ("gumbel", (1.0, 2.0), {"size": 100}),
    ("logistic", (1.0, 2.0), {"size": 100}),
    ("lognormal", (0.5, 0.3), {"size": 100}),
    ("rayleigh", (2.0,), {"size": 100}),
    ("wald", (1.0, 2.0), {"size": 100}),
    ("triangular", (0.0, 1.0, 3.0), {"size": 100}),
    ("poisson", (3.0,), {"size": 200}),
    ("poisson", (50.0,), {"size": 200}),
    ("poisson", ([1.0, 20.0],), {}),
    ("binomial", (10, 0.3), {"size": 200}),
    ("binomial", (1000, 0.4), {"size": 200}),
    ("binomial", (1000, 0.9), {"size": 200}),
    ("binomial", ([5, 500], [0.2, 0.7]), {}),
    ("negative_binomial", (5.0, 0.4), {"size": 100}),
    ("geometric", (0.5,), {"size": 100}),
    ("geometric", (0.05,), {"size": 100}),
    ("zipf", (2.0,), {"size": 100}),
    ("logseries", (0.7,), {"size": 100}),
    ("hypergeometric", (10, 20, 5), {"size": 100}),
    ("hypergeometric", (100, 200, 50), {"size": 100}),
    ("multinomial", (20, [0.2, 0.3, 0.5]), {"size": 5}),
    ("multinomial", ([10, 20], [0.2, 0.3, 0.5]), {}),
    ("dirichlet", ([1.0, 2.0, 3.0],), {"size": 4}),
    ("dirichlet", ([0.05, 0.02, 0.01],), {"size": 4}),
    ("integers", (10,), {"size": 50}),
    ("integers", (-5, 5), {"size": 50, "endpoint": True}),
    ("integers", (0, 2**64), {"size": 10, "dtype": "uint64"}),
    ("integers", (-(2**63), 2**63), {"size": 10}),
    ("integers", ([0, 10, 100], [5, 20, 1000]), {}),
    ("integers", ([0, 10, 100], 2000), {"size": (2, 3), "dtype": "int16"}),
    ("choice", (10,), {"size": 6}),
    ("choice", (10,), {"size": 6, "replace": False}),
    ("choice", (20000,), {"size": 5000, "replace": False}),
    ("choice", (10,), {"size": 4, "replace": False, "shuffle": False}),
    ("choice", (5,), {"size": (2, 2), "p": [0.1, 0.2, 0.3, 0.15, 0.25]}),
    ("choice", (5,), {"size": 3, "replace": False, "p": [0.1, 0.2, 0.3, 0.15, 0.25]}),
    ("permutation", (10,), {}),
    ("bytes", (13,), {}),
]


@pytest.mark.parametrize("name,args,kwargs", METHODS, ids=[f"{m[0]}-{i}" for i, m in enumerate(METHODS)])
@pytest.mark.parametrize("seed", [0, 7, 2024])
def test_generator_methods_bit_exact(name, args, kwargs, seed):
    ours = getattr(gen(numoxide, seed), name)(*args, **kwargs)
    theirs = getattr(gen(numpy, seed), name)(*args, **kwargs)
    assert_same(ours, theirs)


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"])
@pytest.mark.parametrize("high", [1, 2, 3, 100, 127])
def test_integers_dtypes(dtype, high):
    for endpoint in (False, True):
        h = min(high, 1) if dtype == "bool" else high
        ours = gen(numoxide, 3).integers(0, h, size=40, dtype=dtype, endpoint=endpoint)
        theirs = gen(numpy, 3).integers(0, h, size=40, dtype=dtype, endpoint=endpoint)
        assert_same(ours, theirs)
    h = 2 if dtype == "bool" else high
    assert_same(gen(numoxide, 3).integers(0, h, dtype=dtype), gen(numpy, 3).integers(0, h, dtype=dtype))


def test_scalar_return_types():
    a, b = gen(numpy, 1), gen(numoxide, 1)
    for name, args in [("random", ()), ("normal", ()), ("poisson", (3.0,)), ("choice", (5,)), ("integers", (5,)),
                       ("standard_normal", ()), ("gamma", (2.0,)), ("binomial", (10, 0.5))]:
        assert_same(getattr(b, name)(*args), getattr(a, name)(*args))
    assert_same(b.choice([1.5, 2.5, 3.5]), a.choice([1.5, 2.5, 3.5]))
    assert type(b.integers(5, dtype=int)) is int


def test_shuffle_permuted_and_out():
    xa, xb = numpy.arange(20.0).reshape(4, 5), numoxide.arange(20.0).reshape(4, 5)
    ga, gb = gen(numpy, 9), gen(numoxide, 9)
    ga.shuffle(xa)
    gb.shuffle(xb)
    assert_same(xb, xa)
    ga.shuffle(xa, axis=1)
    gb.shuffle(xb, axis=1)
    assert_same(xb, xa)
    assert_same(gb.permuted(xb), ga.permuted(xa))
    assert_same(gb.permuted(xb, axis=1), ga.permuted(xa, axis=1))
    assert_same(gb.permutation(xb, axis=1), ga.permutation(xa, axis=1))
    assert_same(gb.choice(xb, 3, axis=1), ga.choice(xa, 3, axis=1))
    la, lb = list(range(10)), list(range(10))
    ga.shuffle(la)
    gb.shuffle(lb)
    assert la == lb
    oa, ob = numpy.empty((3, 2)), numoxide.empty((3, 2))
    ga.standard_normal(out=oa)
    gb.standard_normal(out=ob)
    assert_same(ob, oa)
    ga.random(out=oa)
    gb.random(out=ob)
    assert_same(ob, oa)


def test_spawn():
    ca = numpy.random.default_rng(42).spawn(2)
    cb = numoxide.random.default_rng(42).spawn(2)
    for a, b in zip(ca, cb, strict=True):
        assert_same(b.random(3), a.random(3))


@pytest.mark.parametrize("seed", [0, 1, 123, 2**32 - 1, [1, 2, 3]])
def test_legacy_module_functions(seed):
    numpy.random.seed(seed)
    numoxide.random.seed(seed)
    assert_same(numoxide.random.rand(3, 2), numpy.random.rand(3, 2))
    assert_same(numoxide.random.randn(5), numpy.random.randn(5))
    assert_same(numoxide.random.randn(), numpy.random.randn())
    assert_same(numoxide.random.randint(0, 10, 6), numpy.random.randint(0, 10, 6))
    assert_same(numoxide.random.randint(-100, 1000, 6, dtype="int16"), numpy.random.randint(-100, 1000, 6, dtype="int16"))
    assert_same(numoxide.random.normal(2.0, 3.0, 4), numpy.random.normal(2.0, 3.0, 4))
    assert_same(numoxide.random.uniform(1.0, 2.0, 4), numpy.random.uniform(1.0, 2.0, 4))
    assert_same(numoxide.random.random_sample(3), numpy.random.random_sample(3))
    assert_same(numoxide.random.standard_exponential(3), numpy.random.standard_exponential(3))
    assert_same(numoxide.random.permutation(10), numpy.random.permutation(10))
    assert_same(numoxide.random.choice(10, 4), numpy.random.choice(10, 4))
    assert_same(numoxide.random.choice(10, 4, replace=False), numpy.random.choice(10, 4, replace=False))
    st = numpy.random.get_state()
    numoxide.random.set_state(st)
    assert_same(numoxide.random.randn(3), numpy.random.randn(3))
    ours = numoxide.random.get_state()
    theirs = numpy.random.get_state()
    assert ours[2:] == theirs[2:] and numpy.array_equal(numpy.asarray(ours[1]), theirs[1])


def test_random_state_object():
    a, b = numpy.random.RandomState(5), numoxide.random.RandomState(5)
    assert_same(b.rand(4), a.rand(4))
    assert_same(b.randint(5, size=3), a.randint(5, size=3))
    xa, xb = numpy.arange(10), numoxide.arange(10)
    a.shuffle(xa)
    b.shuffle(xb)
    assert_same(xb, xa)


def test_statistics_large_sample():
    g = numoxide.random.default_rng(0)
    x = numpy.asarray(g.standard_normal(200_000))
    assert abs(x.mean()) < 0.01 and abs(x.std() - 1) < 0.01
    y = numpy.asarray(g.gamma(3.0, 2.0, 200_000))
    assert abs(y.mean() - 6.0) < 0.05


BAD = [
    ("normal", (0.0, -1.0)),
    ("exponential", (-1.0,)),
    ("gamma", (-1.0,)),
    ("beta", (0.0, 1.0)),
    ("poisson", (-1.0,)),
    ("binomial", (10, 1.5)),
    ("geometric", (0.0,)),
    ("zipf", (1.0,)),
    ("logseries", (1.0,)),
    ("triangular", (2.0, 1.0, 3.0)),
    ("integers", (5, 5)),
    ("integers", (0, 300, 3, "uint8")),
    ("integers", (0, 5, 3, "float64")),
    ("choice", (0,)),
    ("choice", (5, 10, False)),
    ("choice", (3, 2, True, [0.5, 0.6, 0.1])),
    ("random", (3, "int32")),
    ("uniform", (0.0, numpy.inf)),
    ("hypergeometric", (5, 5, 20)),
]


@pytest.mark.parametrize("name,args", BAD, ids=[b[0] for b in BAD])
def test_bad_parameters(name, args):
    assert_same_error(lambda m: getattr(gen(m, 0), name)(*args))


def test_bad_seeds():
    assert_same_error(lambda m: m.random.SeedSequence(-1))
    assert_same_error(lambda m: m.random.SeedSequence(1.5))
    assert_same_error(lambda m: m.random.seed(-1))
    assert_same_error(lambda m: m.random.seed(2**32))


def test_threads_share_one_generator():
    # Long draws release the GIL; a second thread waits for the state instead of failing,
    # and the two draws together consume exactly the stream of two sequential draws.
    import threading

    g = gen(numoxide, 5)
    n = 300_000
    results, errors = [], []

    def work():
        try:
            results.append(numpy.asarray(g.random(n)))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    ref = numpy.asarray(gen(numpy, 5).random(2 * n))
    got = sorted(results, key=lambda r: r[0] != ref[0])
    assert numpy.array_equal(numpy.concatenate(got), ref)


@pytest.mark.parametrize("legacy", [False, True])
@pytest.mark.parametrize(
    "meth,args",
    [
        ("binomial", (numpy.array([2.0, 1.0]), 0.5)),
        ("binomial", (numpy.array(2.5), 0.5)),
        ("binomial", (numpy.array([1, 2], dtype=numpy.uint64), 0.5)),
        ("binomial", (float("nan"), 0.5)),
        ("binomial", (float("inf"), 0.5)),
        ("binomial", (1e300, 0.5)),
        ("binomial", ("3", 0.5)),
        ("binomial", (-1, -1)),
        ("hypergeometric", (numpy.array([0.0, 1.0]), 0, 0)),
        ("hypergeometric", (numpy.array([3, 1]), numpy.array(2.5), 1)),
    ],
)
def test_integer_parameter_conversion_errors(legacy, meth, args):
    def draw(m):
        r = m.random.RandomState(0) if legacy else m.random.default_rng(0)
        return getattr(r, meth)(*[to_nx(a) if m is numoxide else a for a in args])

    assert_same_error(draw)


def test_integer_parameters_accept_what_numpy_accepts():
    for args in [(0.5, 0.5), (numpy.float64(2.5), 0.5), ([1.0, 2.0], 0.5), (numpy.array([1, 2], dtype=numpy.int32), 0.5)]:
        ours = numoxide.random.default_rng(0).binomial(*[to_nx(a) for a in args], size=None)
        theirs = numpy.random.default_rng(0).binomial(*args)
        assert_same(ours, theirs)


def test_nan_and_huge_parameters():
    # a NaN shape ends the gamma/beta rejection loops (NumPy's do/while tests), and
    # NumPy's negative_binomial limit and C double->int64 conversion are reproduced
    for m in (numpy, numoxide):
        assert math.isnan(m.random.default_rng(0).beta(0.5, math.nan))
        assert math.isnan(m.random.default_rng(0).standard_gamma(math.nan))
        assert math.isnan(m.random.RandomState(0).standard_gamma(math.nan))
    for args in [(math.inf, 0.5), (1e300, 0.5), (1e10, 1e-10), (numpy.array([1e300, 1.0]), 0.5)]:
        assert_same_error(lambda m, a=args: m.random.default_rng(0).negative_binomial(*[to_nx(x) if m is numoxide else x for x in a]))
    assert numoxide.random.RandomState(0).negative_binomial(0.5, 0) == numpy.random.RandomState(0).negative_binomial(0.5, 0)
