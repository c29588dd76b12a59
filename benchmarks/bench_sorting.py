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

# Narrow and half-precision dtypes, every argsort dtype, stable kinds, and the set routines.
_M = 1_000_000
_I16 = _rng.integers(-(2**15), 2**15, _M).astype(numpy.int16)
_U16 = _I16.view(numpy.uint16)
_I8 = _rng.integers(-128, 128, _M).astype(numpy.int8)
_F16 = _rng.standard_normal(_M).astype(numpy.float16)
_U32 = _I32.view(numpy.uint32)
_U64 = _I[:_M].view(numpy.uint64)
_C128 = _rng.random(_M) + 1j * _rng.random(_M)
_FU = numpy.round(_rng.random(_M) * 1000, 1)
_F2D = _F[:_M].reshape(1000, 1000)
_KEYS = (_rng.integers(0, 100, _M), _rng.integers(0, 1000, _M))

CASES += [
    Case("sort 1e6 int16 random", _data(_I16), lambda m, x: m.sort(x)),
    Case("sort 1e6 uint16 random", _data(_U16), lambda m, x: m.sort(x)),
    Case("sort 1e6 int8 random", _data(_I8), lambda m, x: m.sort(x)),
    Case("sort 1e6 float16 random", _data(_F16), lambda m, x: m.sort(x)),
    Case("sort 1e6 uint32 random", _data(_U32), lambda m, x: m.sort(x)),
    Case("sort 1e6 uint64 random", _data(_U64), lambda m, x: m.sort(x)),
    Case("sort 1e6 float64 random", lambda m: m.array(_F[:_M]), lambda m, x: m.sort(x)),
    Case("sort 1e6 complex128", _data(_C128), lambda m, x: m.sort(x)),
    Case("sort_complex 1e6 complex128", _data(_C128), lambda m, x: m.sort_complex(x)),
    Case("sort (1000, 1000) float64 axis=1", lambda m: m.array(_F2D), lambda m, x: m.sort(x, axis=1)),
    Case("sort (1000, 1000) int32 axis=0", lambda m: m.array(_I32.reshape(1000, 1000)), lambda m, x: m.sort(x, axis=0)),
    Case("sort 1e6 float32 stable", _data(_F32), lambda m, x: m.sort(x, kind="stable")),
    Case("sort 1e6 int16 stable", _data(_I16), lambda m, x: m.sort(x, kind="stable")),
    Case("argsort 1e6 int32 random", _data(_I32), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 uint32 random", _data(_U32), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 int16 random", _data(_I16), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 uint16 random", _data(_U16), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 int8 random", _data(_I8), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 float16 random", _data(_F16), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 uint64 random", _data(_U64), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 complex128", _data(_C128), lambda m, x: m.argsort(x)),
    Case("argsort 1e6 float32 stable", _data(_F32), lambda m, x: m.argsort(x, kind="stable")),
    Case("argsort 1e6 int16 stable", _data(_I16), lambda m, x: m.argsort(x, kind="stable")),
    Case("argsort 1e6 int64 stable", lambda m: m.array(_I[:_M]), lambda m, x: m.argsort(x, kind="stable")),
    Case("argsort (1000, 1000) float64 axis=0", lambda m: m.array(_F2D), lambda m, x: m.argsort(x, axis=0)),
    Case("lexsort 2 keys 1e6 int64", lambda m: tuple(m.array(k) for k in _KEYS), lambda m, x: m.lexsort(x)),
    Case("lexsort 1 key 1e6 float64", lambda m: (m.array(_F[:_M]),), lambda m, x: m.lexsort(x)),
    Case("searchsorted 1e6 int64 in 1e5 sorted", lambda m: (m.array(numpy.sort(_U)[::10]), m.array(_U)), lambda m, x: m.searchsorted(*x)),
    Case("searchsorted 100 in 1e6 sorted", lambda m: (m.array(_QS), m.array(_SMALL)), lambda m, x: m.searchsorted(*x)),
    Case("partition 1e6 float32 median", _data(_F32), lambda m, x: m.partition(x, _M // 2)),
    Case("partition 1e6 int32 median", _data(_I32), lambda m, x: m.partition(x, _M // 2)),
    Case("partition 1e6 int16 median", _data(_I16), lambda m, x: m.partition(x, _M // 2)),
    Case("argpartition 1e6 float32 median", _data(_F32), lambda m, x: m.argpartition(x, _M // 2)),
    Case("argpartition 1e6 int32 median", _data(_I32), lambda m, x: m.argpartition(x, _M // 2)),
    Case("partition (1000, 1000) float64 axis=0", lambda m: m.array(_F2D), lambda m, x: m.partition(x, 500, axis=0)),
    Case("unique 1e6 float64", _data(_FU), lambda m, x: m.unique(x)),
    Case("unique 1e6 float64 return_inverse", _data(_FU), lambda m, x: m.unique(x, return_inverse=True)),
    Case("unique 1e6 int64 return_counts", _data(_U), lambda m, x: m.unique(x, return_counts=True)),
    Case("unique 1e6 int64 return_inverse", _data(_U), lambda m, x: m.unique(x, return_inverse=True)),
    Case("unique 1e6 int16", _data(_I16), lambda m, x: m.unique(x)),
    Case("unique 1e6 float64 distinct", lambda m: m.array(_F[:_M]), lambda m, x: m.unique(x)),
    Case("isin 1e6 float64 in 1e3", lambda m: (m.array(_FU), m.array(_FU[:1000])), lambda m, x: m.isin(*x)),
    Case("isin 1e6 int64 in 1e6", lambda m: (m.array(_U), m.array(_I[:_M] % 200_000)), lambda m, x: m.isin(*x)),
    Case("isin 1e6 int64 in 33k invert", lambda m: (m.array(_U), m.array(_TEST)), lambda m, x: m.isin(*x, invert=True)),
    Case("intersect1d 1e6 int64", lambda m: (m.array(_U), m.array(_I[:_M] % 200_000)), lambda m, x: m.intersect1d(*x)),
    Case("union1d 1e6 int64", lambda m: (m.array(_U), m.array(_I[:_M] % 200_000)), lambda m, x: m.union1d(*x)),
    Case("setdiff1d 1e6 int64", lambda m: (m.array(_U), m.array(_I[:_M] % 200_000)), lambda m, x: m.setdiff1d(*x)),
]

# Paths added for the issue 4 speed-ups: 32-bit sorts with NaNs, lane-wise argsort of
# 32-bit numbers, unsigned argpartition, isin of float32.
_F32N = numpy.where(_rng.random(_M) < 0.01, numpy.float32(numpy.nan), _F32)

CASES += [
    Case("sort 1e6 float32 with NaNs", _data(_F32N), lambda m, x: m.sort(x)),
    Case("argsort (1000, 1000) int32 axis=0", lambda m: m.array(_I32.reshape(1000, 1000)), lambda m, x: m.argsort(x, axis=0)),
    Case("argpartition 1e6 uint32 median", _data(_U32), lambda m, x: m.argpartition(x, _M // 2)),
    Case("isin 1e6 float32 in 1e3", lambda m: (m.array(_FU.astype(numpy.float32)), m.array(_FU[:1000].astype(numpy.float32))), lambda m, x: m.isin(*x)),
    Case("partition 1e6 int32 10 kth", _data(_I32), lambda m, x: m.partition(x, list(range(0, _M, _M // 10)))),
    Case("sort (4000, 250) float32 axis=1", lambda m: m.array(_F32.reshape(4000, 250)), lambda m, x: m.sort(x, axis=1)),
]
