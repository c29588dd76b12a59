"""Ufuncs and reductions (issue: ufuncs): sizes 1e3, 1e5, 1e7 float64, and tiny calls."""

from run import Case


def _arr(n):
    return lambda m: m.linspace(0.5, 2.0, n) if hasattr(m, "linspace") else m.ones(n)


CASES = []
for n, label in [(1_000, "1e3"), (100_000, "1e5"), (10_000_000, "1e7")]:
    CASES += [
        Case(f"add {label}", _arr(n), lambda m, x: m.add(x, x)),
        Case(f"multiply by scalar {label}", _arr(n), lambda m, x: x * 2.5),
        Case(f"sqrt {label}", _arr(n), lambda m, x: m.sqrt(x)),
        Case(f"exp {label}", _arr(n), lambda m, x: m.exp(x)),
        Case(f"sin {label}", _arr(n), lambda m, x: m.sin(x)),
        Case(f"maximum {label}", _arr(n), lambda m, x: m.maximum(x, 1.0)),
        Case(f"comparison {label}", _arr(n), lambda m, x: x > 1.0),
        Case(f"sum {label}", _arr(n), lambda m, x: x.sum()),
        Case(f"mean {label}", _arr(n), lambda m, x: x.mean()),
        Case(f"std {label}", _arr(n), lambda m, x: x.std()),
        Case(f"cumsum {label}", _arr(n), lambda m, x: m.cumsum(x)),
    ]
CASES += [
    Case("sum(axis=0) 2000x2000", lambda m: m.ones((2000, 2000)), lambda m, x: x.sum(axis=0)),
    Case("sum(axis=1) 2000x2000", lambda m: m.ones((2000, 2000)), lambda m, x: x.sum(axis=1)),
    Case("a *= scalar (in place) 1e5", _arr(100_000), lambda m, x: x.__imul__(1.0)),
    Case("sum of a reversed view 1000x1000", lambda m: m.ones((1000, 1000))[::-1], lambda m, x: x.sum()),
    Case("a+b 1 element", lambda m: m.ones(1), lambda m, x: x + x),
    Case("a+b 10 elements", lambda m: m.ones(10), lambda m, x: x + x),
    Case("a.sum() 1 element", lambda m: m.ones(1), lambda m, x: x.sum()),
    Case("a.sum() 10 elements", lambda m: m.ones(10), lambda m, x: x.sum()),
]


def _at_inputs(m):
    import numpy as real_numpy

    rng = real_numpy.random.default_rng(0)
    idx = rng.integers(0, 1000, 1_000_000)
    vals = rng.random(1_000_000)
    return m.zeros(1000), m.asarray(idx), m.asarray(vals)


CASES += [
    Case("add.at 1e6 random indices", _at_inputs, lambda m, x: m.add.at(x[0], x[1], x[2])),
    Case("add.at 1e6 indices, scalar", _at_inputs, lambda m, x: m.add.at(x[0], x[1], 1.0)),
    Case("exp complex128 1e5", lambda m: m.full(100_000, 0.5 + 0.25j), lambda m, x: m.exp(x)),
]
