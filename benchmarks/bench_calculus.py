"""Differences and integrals (issue 4): diff, gradient, interp, trapezoid and the
array-API cumulative sums on 10^6-10^7 elements, plus a tiny call."""

from run import Case


def _smooth(n):
    """A float64 signal of n points (same data in both modules)."""
    return lambda m: m.sin(m.linspace(0.0, 100.0, n))


def _interp_inputs(n, k):
    def setup(m):
        xp = m.linspace(0.0, 10.0, k)
        fp = m.cos(xp)
        x = m.linspace(-1.0, 11.0, n)
        return x, xp, fp

    return setup


def _interp_random(n, k):
    def setup(m):
        import numpy

        rng = numpy.random.default_rng(0)
        x = m.asarray(rng.uniform(-1.0, 11.0, n))
        xp = m.linspace(0.0, 10.0, k)
        return x, xp, m.cos(xp)

    return setup


CASES = [
    Case("diff 1e7 float64", _smooth(10_000_000), lambda m, x: m.diff(x)),
    Case("diff n=2 1e6 float64", _smooth(1_000_000), lambda m, x: m.diff(x, n=2)),
    Case("diff 1e6 int64 (1000, 1000) axis=0", lambda m: m.arange(1_000_000).reshape(1000, 1000), lambda m, x: m.diff(x, axis=0)),
    Case("gradient 1e7 float64", _smooth(10_000_000), lambda m, x: m.gradient(x)),
    Case("gradient 1e6 (1000, 1000) both axes", lambda m: m.sin(m.linspace(0.0, 100.0, 1_000_000)).reshape(1000, 1000), lambda m, x: m.gradient(x)),
    Case("gradient 1e6 non-uniform coords", lambda m: (m.sin(m.linspace(0.0, 100.0, 1_000_000)), m.linspace(0.0, 1.0, 1_000_000) ** 2), lambda m, a: m.gradient(a[0], a[1])),
    Case("interp 1e7 sorted x, 1e3 breakpoints", _interp_inputs(10_000_000, 1_000), lambda m, a: m.interp(*a)),
    Case("interp 1e6 random x, 1e5 breakpoints", _interp_random(1_000_000, 100_000), lambda m, a: m.interp(*a)),
    Case("trapezoid 1e7 float64", _smooth(10_000_000), lambda m, x: m.trapezoid(x)),
    Case("cumulative_sum 1e7 float64", _smooth(10_000_000), lambda m, x: m.cumulative_sum(x)),
    Case("diff tiny (10,)", _smooth(10), lambda m, x: m.diff(x)),
    Case("trapezoid 1e6 with x", lambda m: (m.sin(m.linspace(0.0, 100.0, 1_000_000)), m.linspace(0.0, 1.0, 1_000_000)),
         lambda m, a: m.trapezoid(a[0], a[1])),
    Case("ediff1d 1e6", _smooth(1_000_000), lambda m, x: m.ediff1d(x)),
    Case("cross (1e6, 3)", lambda m: (m.ones((1_000_000, 3)), m.arange(3_000_000.0).reshape(1_000_000, 3)),
         lambda m, a: m.cross(a[0], a[1])),
    Case("cumulative_prod 1e6", _smooth(1_000_000), lambda m, x: m.cumulative_prod(x)),
    Case("interp 1e6 complex fp", lambda m: (m.linspace(0.0, 10.0, 1_000_000), m.linspace(0.0, 10.0, 1000),
                                             m.linspace(0.0, 10.0, 1000) * (1 + 2j)),
         lambda m, a: m.interp(*a)),
]
