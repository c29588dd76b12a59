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
    Case("quantile 0.9 weights inverted_cdf 1e6", lambda m: (_normal(m, 1_000_000), _normal(m, 1_000_000) ** 2),
         lambda m, a: m.quantile(a[0], 0.9, method="inverted_cdf", weights=a[1])),
    Case("nanpercentile 1e6 with NaN", lambda m: m.where(_normal(m, 1_000_000) > 2, m.nan, _normal(m, 1_000_000)),
         lambda m, a: m.nanpercentile(a, [10, 90])),
    Case("average weights 1e7", lambda m: (_normal(m, N), _normal(m, N) ** 2), lambda m, a: m.average(a[0], weights=a[1])),
    Case("cov (10, 1e5)", lambda m: _normal(m, (10, 100_000)), lambda m, a: m.cov(a)),
    Case("corrcoef (10, 1e5)", lambda m: _normal(m, (10, 100_000)), lambda m, a: m.corrcoef(a)),
    Case("cov (1000, 100)", lambda m: _normal(m, (1000, 100)), lambda m, a: m.cov(a)),
    Case("convolve 1e5 x 100", lambda m: (_normal(m, 100_000), _normal(m, 100)), lambda m, a: m.convolve(a[0], a[1])),
    Case("correlate 1e5 x 100 same", lambda m: (_normal(m, 100_000), _normal(m, 100)),
         lambda m, a: m.correlate(a[0], a[1], "same")),
    Case("convolve 1e4 x 1e4", lambda m: (_normal(m, 10_000), _normal(m, 10_000)), lambda m, a: m.convolve(a[0], a[1])),
    Case("histogram bins='auto' 1e6", lambda m: _normal(m, 1_000_000), lambda m, a: m.histogram(a, bins="auto")),
    Case("histogram2d 1e6, 50x50", lambda m: _normal(m, (2, 1_000_000)), lambda m, a: m.histogram2d(a[0], a[1], bins=50)),
    Case("histogramdd 1e6x3, 20 bins", lambda m: _normal(m, (1_000_000, 3)), lambda m, a: m.histogramdd(a, bins=20)),
    Case("bincount weights 1e7", lambda m: (_ints(m), _normal(m, N)), lambda m, a: m.bincount(a[0], weights=a[1])),
    Case("digitize 1e6 right, 1000 bins", lambda m: _normal(m, 1_000_000),
         lambda m, a: m.digitize(a, m.linspace(-3, 3, 1000), right=True)),
    Case("array_equal 1e7", lambda m: (_normal(m, N), _normal(m, N)), lambda m, a: m.array_equal(a[0], a[1])),
    Case("isclose 1e6", lambda m: (_normal(m, 1_000_000), _normal(m, 1_000_000)), lambda m, a: m.isclose(a[0], a[1])),
]
