"""numpy.random (issue 5): Generator throughput at 10^7 samples, PCG64."""

from run import Case

N = 10_000_000


def _rng(m):
    return m.random.default_rng(12345)


CASES = [
    Case("random 1e7", _rng, lambda m, g: g.random(N)),
    Case("standard_normal 1e7", _rng, lambda m, g: g.standard_normal(N)),
    Case("normal(2, 3) 1e7", _rng, lambda m, g: g.normal(2.0, 3.0, N)),
    Case("integers(0, 1000) 1e7", _rng, lambda m, g: g.integers(0, 1000, N)),
    Case("standard_exponential 1e7", _rng, lambda m, g: g.standard_exponential(N)),
    Case("gamma(2.5) 1e7", _rng, lambda m, g: g.gamma(2.5, size=N)),
    Case("choice(1e7, 1e6, replace=False)", _rng, lambda m, g: g.choice(N, 1_000_000, replace=False)),
    Case("permutation(1e7)", _rng, lambda m, g: g.permutation(N)),
    Case("random() scalar", _rng, lambda m, g: g.random()),
]
