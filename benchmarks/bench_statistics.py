"""Statistics (issue 4, item 9): order statistics, histograms and counting at 10^6-10^7."""

from run import Case

N = 10_000_000


def _normal(m, shape):
    import numpy

    a = numpy.random.default_rng(7).standard_normal(shape)
    return m.asarray(a) if m.__name__ != "numpy" else a


def _ints(m):
    import numpy

    a = numpy.random.default_rng(7).integers(0, 1000, N)
    return m.asarray(a) if m.__name__ != "numpy" else a


CASES = [
    Case("median 1e6", lambda m: _normal(m, 1_000_000), lambda m, a: m.median(a)),
    Case("median 1e7", lambda m: _normal(m, N), lambda m, a: m.median(a)),
    Case("percentile [25,50,75] 1e7", lambda m: _normal(m, N), lambda m, a: m.percentile(a, [25, 50, 75])),
    Case("quantile 0.9 1e6", lambda m: _normal(m, 1_000_000), lambda m, a: m.quantile(a, 0.9)),
    Case("median axis=-1 (1000, 1000)", lambda m: _normal(m, (1000, 1000)), lambda m, a: m.median(a, axis=-1)),
    Case("percentile 90 axis=-1 (100, 10^5)", lambda m: _normal(m, (100, 100_000)),
         lambda m, a: m.percentile(a, 90, axis=-1)),
    Case("nanmedian 1e6", lambda m: _normal(m, 1_000_000), lambda m, a: m.nanmedian(a)),
    Case("histogram 1e7, 100 bins", lambda m: _normal(m, N), lambda m, a: m.histogram(a, bins=100)),
    Case("histogram 1e7, 100 bins, range", lambda m: _normal(m, N),
         lambda m, a: m.histogram(a, bins=100, range=(-3, 3))),
    Case("histogram 1e6, explicit edges", lambda m: _normal(m, 1_000_000),
         lambda m, a: m.histogram(a, bins=m.linspace(-4, 4, 101) ** 3 / 16)),
    Case("bincount 1e7", _ints, lambda m, a: m.bincount(a)),
    Case("digitize 1e6, 100 bins", lambda m: _normal(m, 1_000_000),
         lambda m, a: m.digitize(a, m.linspace(-3, 3, 100))),
]
