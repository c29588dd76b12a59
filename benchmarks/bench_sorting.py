"""Sorting, searching and sets (issue 4, items 4, 5 and 9)."""

import numpy
from run import Case

N = 10_000_000
_rng = numpy.random.default_rng(42)
_F = _rng.random(N)
_I = _rng.integers(-(2**62), 2**62, N)
_FEW = _rng.integers(0, 100, N)
_SORTED = numpy.sort(_F)
_U = _rng.integers(0, 100_000, 1_000_000)
_TEST = numpy.arange(0, 100_000, 3)
_Q = _rng.random(1_000_000)
_SMALL = _rng.random(100)
_F32 = _rng.random(1_000_000).astype(numpy.float32)
_I32 = _rng.integers(-(2**31), 2**31, 1_000_000).astype(numpy.int32)
_QS = numpy.sort(_Q)
_EDGES = numpy.sort(_rng.random(1000))


def _data(x):
    return lambda m: m.array(x)


CASES = [
    Case("sort 1e7 float64 random", _data(_F), lambda m, x: m.sort(x)),
    Case("sort 1e7 int64 random", _data(_I), lambda m, x: m.sort(x)),
    Case("sort 1e7 float64 already sorted", _data(_SORTED), lambda m, x: m.sort(x)),
    Case("sort 1e7 int64 few unique", _data(_FEW), lambda m, x: m.sort(x)),
    Case("argsort 1e7 float64 random", _data(_F), lambda m, x: m.argsort(x)),
    Case("argsort 1e7 int64 random", _data(_I), lambda m, x: m.argsort(x)),
    Case("argsort 1e7 float64 stable", _data(_F), lambda m, x: m.argsort(x, kind="stable")),
    Case("argsort 1e7 int64 few unique", _data(_FEW), lambda m, x: m.argsort(x)),
    Case("sort (1000, 1000) float64 axis=0", lambda m: m.array(_F[:1_000_000].reshape(1000, 1000)), lambda m, x: m.sort(x, axis=0)),
    Case("sort 100 float64", _data(_SMALL), lambda m, x: m.sort(x)),
    Case("partition 1e7 float64 median", _data(_F), lambda m, x: m.partition(x, N // 2)),
    Case("unique 1e6 int64", _data(_U), lambda m, x: m.unique(x)),
    Case("unique 1e6 int64 all returns", _data(_U), lambda m, x: m.unique(x, return_index=True, return_inverse=True, return_counts=True)),
    Case("isin 1e6 int64 in 33k", lambda m: (m.array(_U), m.array(_TEST)), lambda m, x: m.isin(*x)),
    Case("searchsorted 1e6 random in 1e7 sorted", lambda m: (m.array(_SORTED), m.array(_Q)), lambda m, x: m.searchsorted(*x)),
    Case("searchsorted 1e6 sorted in 1e7 sorted", lambda m: (m.array(_SORTED), m.array(_QS)), lambda m, x: m.searchsorted(*x)),
    Case("searchsorted 1e6 random in 1e3 sorted", lambda m: (m.array(_EDGES), m.array(_Q)), lambda m, x: m.searchsorted(*x, side="right")),
    Case("sort 1e6 float32 random", _data(_F32), lambda m, x: m.sort(x)),
    Case("sort 1e6 int32 random", _data(_I32), lambda m, x: m.sort(x)),
    Case("argsort 1e6 float32 random", _data(_F32), lambda m, x: m.argsort(x)),
    Case("argpartition 1e7 int64 10 kth", _data(_I), lambda m, x: m.argpartition(x, list(range(0, N, N // 10)))),
    Case("sort 1e7 float64 with NaNs", lambda m: m.array(numpy.where(_FEW == 0, numpy.nan, _F)), lambda m, x: m.sort(x)),
    Case("argpartition 1e7 float64 median", _data(_F), lambda m, x: m.argpartition(x, N // 2)),
    Case("partition 1e6 int64 10 kth", lambda m: m.array(_I[:1_000_000]), lambda m, x: m.partition(x, list(range(0, 1_000_000, 100_000)))),
]
