"""numpy.random (issue 5): Generator and RandomState throughput at 10^7 samples.

Run them all with `benchmarks/run.py random.`.
"""

from run import Case

N = 10_000_000


def _rng(m):
    return m.random.default_rng(12345)


def _rs(m):
    return m.random.RandomState(12345)


def _mvn(m):
    return m.random.default_rng(1), [0.0, 1.0, 2.0], [[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 3.0]]


CASES = [
    Case("random.random 1e7", _rng, lambda m, g: g.random(N)),
    Case("random.standard_normal 1e7", _rng, lambda m, g: g.standard_normal(N)),
    Case("random.normal(2, 3) 1e7", _rng, lambda m, g: g.normal(2.0, 3.0, N)),
    Case("random.integers(0, 1000) 1e7", _rng, lambda m, g: g.integers(0, 1000, N)),
    Case("random.standard_exponential 1e7", _rng, lambda m, g: g.standard_exponential(N)),
    Case("random.gamma(2.5) 1e7", _rng, lambda m, g: g.gamma(2.5, size=N)),
    Case("random.choice(1e7, 1e6, replace=False)", _rng, lambda m, g: g.choice(N, 1_000_000, replace=False)),
    Case("random.permutation(1e7)", _rng, lambda m, g: g.permutation(N)),
    Case("random.random() scalar", _rng, lambda m, g: g.random()),
    Case("random.multivariate_normal 3-d x 1e6", _mvn, lambda m, a: a[0].multivariate_normal(a[1], a[2], 1_000_000)),
    Case("random.legacy rand 1e7", _rs, lambda m, r: r.rand(N)),
    Case("random.legacy randn 1e7", _rs, lambda m, r: r.randn(N)),
    Case("random.legacy randint(0, 1000) 1e7", _rs, lambda m, r: r.randint(0, 1000, N)),
    Case("random.legacy gamma(2.5) 1e6", _rs, lambda m, r: r.gamma(2.5, size=1_000_000)),
    Case("random.legacy binomial(100, 0.3) 1e6", _rs, lambda m, r: r.binomial(100, 0.3, 1_000_000)),
]
