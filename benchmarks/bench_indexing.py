"""Basic indexing and views (issue: foundation); advanced indexing and index routines
(issue 4): boolean-mask select/assign and fancy take/assign of 10^6 random indices."""

import numpy
from run import Case

_RNG = numpy.random.default_rng(0)
_IDX6 = _RNG.integers(0, 1_000_000, 1_000_000)
_IDX7 = _RNG.integers(0, 10_000_000, 1_000_000)
_MASK = _RNG.random(1_000_000) > 0.5
_VALS = _RNG.standard_normal(1_000_000)
_ROWS = _RNG.integers(0, 100_000, 100_000)


def _big(m, n):
    return m.array(_RNG.standard_normal(n))


CASES = [
    Case("a[0] scalar indexing", lambda m: m.ones(100), lambda m, x: x[0]),
    Case("a[1:, ::-2] view", lambda m: m.ones((30, 40)), lambda m, x: x[1:, ::-2]),
    Case("a.reshape(2, 5)", lambda m: m.ones(10), lambda m, x: x.reshape(2, 5)),
    Case("a.T", lambda m: m.ones((3, 4)), lambda m, x: x.T),
    Case("a[...] = 1.0 on 1e6", lambda m: m.ones(1_000_000), lambda m, x: x.__setitem__(Ellipsis, 1.0)),
    # Advanced indexing.
    Case("a[mask] 1e6 f64 (50%)", lambda m: (_big(m, 1_000_000), m.array(_MASK)), lambda m, x: x[0][x[1]]),
    Case("a[idx] 1e6 of 1e6 f64", lambda m: (_big(m, 1_000_000), m.array(_IDX6)), lambda m, x: x[0][x[1]]),
    Case("a[idx] 1e6 of 1e7 f64", lambda m: (_big(m, 10_000_000), m.array(_IDX7)), lambda m, x: x[0][x[1]]),
    Case("a[mask] = 0.0 1e6 f64", lambda m: (_big(m, 1_000_000), m.array(_MASK)), lambda m, x: x[0].__setitem__(x[1], 0.0)),
    Case(
        "a[mask] = v 1e6 f64",
        lambda m: (_big(m, 1_000_000), m.array(_MASK), m.array(_VALS[: int(_MASK.sum())])),
        lambda m, x: x[0].__setitem__(x[1], x[2]),
    ),
    Case("a[idx] = 0.0 1e6 of 1e6", lambda m: (_big(m, 1_000_000), m.array(_IDX6)), lambda m, x: x[0].__setitem__(x[1], 0.0)),
    Case(
        "a[idx] = v 1e6 of 1e6",
        lambda m: (_big(m, 1_000_000), m.array(_IDX6), m.array(_VALS)),
        lambda m, x: x[0].__setitem__(x[1], x[2]),
    ),
    Case("a[rows] 1e5 rows of (1e5, 8)", lambda m: (m.ones((100_000, 8)), m.array(_ROWS)), lambda m, x: x[0][x[1]]),
    Case("a[:, [0, 3]] of (1e5, 8)", lambda m: m.ones((100_000, 8)), lambda m, x: x[:, [0, 3]]),
    Case("a[[0, 5, 2]] tiny", lambda m: m.arange(10.0), lambda m, x: x[[0, 5, 2]]),
    Case("a[a > 5] tiny", lambda m: m.arange(10.0), lambda m, x: x[x > 5]),
    # Index routines.
    Case("take(a, idx) 1e6 of 1e6", lambda m: (_big(m, 1_000_000), m.array(_IDX6)), lambda m, x: m.take(x[0], x[1])),
    Case("nonzero(mask) 1e6", lambda m: m.array(_MASK), lambda m, x: m.nonzero(x)),
    Case("flatnonzero(mask) 1e6", lambda m: m.array(_MASK), lambda m, x: m.flatnonzero(x)),
    Case("compress(mask, a) 1e6", lambda m: (_big(m, 1_000_000), m.array(_MASK)), lambda m, x: m.compress(x[1], x[0])),
    Case("np.add.at 1e5 of 1e3", lambda m: (m.zeros(1000), m.array(_ROWS % 1000)), lambda m, x: m.add.at(x[0], x[1], 1.0)),
    Case("a[m.array(1), 1:] (0-d int key)", lambda m: m.ones((100, 100)), lambda m, x: x[m.array(1), 1:]),
    Case(
        "take_along_axis (1000,1000) axis=1",
        lambda m: (_big(m, 1_000_000).reshape(1000, 1000), m.array(_IDX6.reshape(1000, 1000) % 1000)),
        lambda m, x: m.take_along_axis(x[0], x[1], axis=1),
    ),
    Case(
        "put_along_axis (1000,1000) axis=0",
        lambda m: (_big(m, 1_000_000).reshape(1000, 1000), m.array(_IDX6.reshape(1000, 1000) % 1000)),
        lambda m, x: m.put_along_axis(x[0], x[1], 1.0, axis=0),
    ),
    Case("put(a, idx, v) 1e6", lambda m: (_big(m, 1_000_000), m.array(_IDX6), m.array(_VALS)),
         lambda m, x: m.put(x[0], x[1], x[2])),
    Case("a[idx2d] (1000,1000) rows+cols", lambda m: (m.ones((1000, 1000)), m.array(_ROWS[:1000] % 1000)),
         lambda m, x: x[0][x[1][:, None], x[1]]),
    Case("a[mask2d] (1000,1000)", lambda m: (_big(m, 1_000_000).reshape(1000, 1000), m.array(_MASK.reshape(1000, 1000))),
         lambda m, x: x[0][x[1]]),
    Case("where(cond, a, b) 1e6", lambda m: (m.array(_MASK), _big(m, 1_000_000), m.zeros(1_000_000)),
         lambda m, x: m.where(*x)),
    Case("argwhere 1e6", lambda m: m.array(_MASK), lambda m, x: m.argwhere(x)),
    Case("choose 1e6 of 3", lambda m: (m.array(_IDX6 % 3), [m.ones(1_000_000) * k for k in range(3)]),
         lambda m, x: m.choose(x[0], x[1])),
    Case("select 3 conds 1e6", lambda m: (_big(m, 1_000_000),),
         lambda m, x: m.select([x[0] < -1, x[0] > 1, x[0] > 0], [x[0], -x[0], 2 * x[0]], 0.0)),
    Case("unravel_index 1e6", lambda m: m.array(_IDX6), lambda m, x: m.unravel_index(x, (1000, 1000))),
    Case("ravel_multi_index 1e6", lambda m: (m.array(_IDX6 % 1000), m.array(_IDX6 // 1000)),
         lambda m, x: m.ravel_multi_index(x, (1000, 1000))),
    Case("nditer 1e4 read", lambda m: m.arange(10_000.0), lambda m, x: [v for v in m.nditer(x)]),
    Case("nditer external_loop 1e6", lambda m: m.ones((1000, 1000)),
         lambda m, x: [c for c in m.nditer(x, flags=["external_loop"])]),
    Case("ndindex (100, 100)", lambda m: None, lambda m, x: list(m.ndindex(100, 100))),
    Case("a.flat[idx] 1e5 of 1e6", lambda m: (m.ones((1000, 1000)), m.array(_ROWS)), lambda m, x: x[0].flat[x[1]]),
    Case("sliding_window_view 1e6 w=5 sum", lambda m: _big(m, 1_000_000),
         lambda m, x: m.lib.stride_tricks.sliding_window_view(x, 5).sum(axis=1)),
    # Routines of the same round (bit packing, windows, hash-ordered unique, Python glue).
    Case("packbits 1e6 bool", lambda m: m.array(_MASK), lambda m, x: m.packbits(x)),
    Case("unpackbits 1.25e5 uint8", lambda m: m.packbits(m.array(_MASK)), lambda m, x: m.unpackbits(x)),
    Case("packbits (1000, 1000) axis=0", lambda m: m.array(_MASK.reshape(1000, 1000)), lambda m, x: m.packbits(x, axis=0)),
    Case("unique(sorted=False) 1e6 int64", lambda m: m.array(_IDX6 % 5000), lambda m, x: m.unique(x, sorted=False)),
    Case("unique_values 1e6 int64 (1e6 distinct)", lambda m: m.array(_IDX6), lambda m, x: m.unique_values(x)),
    Case("hamming(100_000)", lambda m: None, lambda m, x: m.hamming(100_000)),
    Case("kaiser(10_000, 14)", lambda m: None, lambda m, x: m.kaiser(10_000, 14.0)),
    Case("i0 1e5 f64", lambda m: m.array(_VALS[:100_000] * 10), lambda m, x: m.i0(x)),
    Case("vectorize 1e4", lambda m: m.array(_VALS[:10_000]), lambda m, x: m.vectorize(lambda v: v * 2 if v > 0 else -v)(x)),
    Case("mgrid[0:100, 0:100]", lambda m: None, lambda m, x: m.mgrid[0:100, 0:100]),
    Case("r_[a, 0, b] tiny", lambda m: (m.arange(3), m.arange(4)), lambda m, x: m.r_[x[0], 0, x[1]]),
]
