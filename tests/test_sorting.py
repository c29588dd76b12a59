"""Differential tests of sorting and searching: sort, argsort, ndarray.sort/argsort,
lexsort, partition/argpartition (and methods), searchsorted (and method), sort_complex.

NumPy's unstable kinds leave the order of equal elements unspecified (-0.0 next to 0.0,
NaNs with different payloads, tied indices), so for them values are compared by value
and argsort results by the order they produce; kind='stable' must give NumPy's exact
bits and indices. Partition results are checked by the kth values and the partition
property, never by the order NumPy's introselect happens to leave elsewhere.
"""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout, shapes, sort_case

KINDS = [None, "quicksort", "mergesort", "stable", "heapsort"]
FLOATS = ["float16", "float32", "float64"]
SPECIAL = [numpy.nan, -0.0, 0.0, numpy.inf, -numpy.inf, 1.0, -1.0]


def _pool(dtype):
    """A small pool of values (with ties and, for inexact dtypes, specials)."""
    d = numpy.dtype(dtype)
    if d.kind == "b":
        return [False, True]
    if d.kind in "iu":
        info = numpy.iinfo(d)
        return [info.min, info.max, 0, 1, 2, 3] + ([-1, -2] if d.kind == "i" else [])
    if d.kind == "f":
        return SPECIAL + [2.5, numpy.finfo(d).max, numpy.finfo(d).tiny]
    nan = numpy.nan
    return [complex(r, i) for r in (nan, 0.0, -0.0, 1.0, numpy.inf) for i in (nan, 0.0, 1.0, -0.0)]


@st.composite
def tie_arrays(draw, dtype=None, shape=None):
    """Arrays whose values come from a small pool, so ties and specials abound."""
    dtype = draw(st.sampled_from(ALL_DTYPES)) if dtype is None else dtype
    shape = draw(shapes()) if shape is None else shape
    pool = _pool(dtype)
    n = int(numpy.prod(shape))
    idx = draw(st.lists(st.integers(0, len(pool) - 1), min_size=n, max_size=n))
    return numpy.array([pool[i] for i in idx], dtype=dtype).reshape(shape)


def any_array():
    return st.one_of(tie_arrays(), array_and_layout().map(lambda al: LAYOUTS[al[1]](numpy, al[0])))


def value_equal(ours, theirs):
    """Same dtype and shape; equal values with NaN where NaN (-0.0 == 0.0)."""
    assert isinstance(ours, numoxide.ndarray)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype, f"dtype {o.dtype} != {theirs.dtype}"
    assert o.shape == theirs.shape, f"shape {o.shape} != {theirs.shape}"
    assert numpy.array_equal(o, theirs, equal_nan=theirs.dtype.kind in "fc"), f"\n{o!r}\n{theirs!r}"


def _axis(data, a, none=True):
    choices = list(range(-a.ndim, a.ndim)) + ([None] if none else [])
    return data.draw(st.sampled_from(choices)) if choices else None


# ----- sort -------------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(any_array(), st.sampled_from(KINDS), st.data())
def test_sort(a, kind, data):
    axis = _axis(data, a)
    if a.ndim == 0 and axis is None:
        pass
    stable = kind in ("stable", "mergesort")
    try:
        theirs = numpy.sort(a, axis=axis, kind=kind)
    except Exception:  # noqa: BLE001 - compared below
        assert_same_error(lambda m, x: m.sort(x, axis=axis, kind=kind), a)
        return
    ours = numoxide.sort(to_nx(a), axis=axis, kind=kind)
    if stable:
        assert_same(ours, theirs)
    else:
        value_equal(ours, theirs)


@settings(max_examples=200, deadline=None)
@given(any_array(), st.sampled_from(KINDS), st.data())
def test_argsort(a, kind, data):
    axis = _axis(data, a)
    theirs = numpy.argsort(a, axis=axis, kind=kind)
    ours = numoxide.argsort(to_nx(a), axis=axis, kind=kind)
    if kind in ("stable", "mergesort") or numpy.asarray(ours).size == 0:
        assert_same(ours, theirs)
        return
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    flat = a.ravel() if axis is None or a.ndim == 0 else a
    ax = -1 if axis is None or a.ndim == 0 else axis
    value_equal(to_nx(numpy.take_along_axis(flat, o, ax)), numpy.sort(flat, axis=ax))
    # A permutation of each lane.
    assert numpy.array_equal(numpy.sort(o, axis=ax), numpy.sort(theirs, axis=ax))


@settings(max_examples=150, deadline=None)
@given(any_array(), st.data())
def test_stable_argsort_is_exact(a, data):
    """kind='stable' and stable=True give NumPy's indices exactly, ties included."""
    axis = _axis(data, a)
    assert_same(numoxide.argsort(to_nx(a), axis=axis, stable=True), numpy.argsort(a, axis=axis, stable=True))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("n", [700, 5000])
def test_large_stable_sorts_match_exactly(dtype, n):
    """Long inputs take the radix paths: values and indices must equal NumPy's stable sort."""
    rng = numpy.random.default_rng(n)
    pool = numpy.array(_pool(dtype), dtype=dtype)
    a = pool[rng.integers(0, len(pool), n)]
    if numpy.dtype(dtype).kind in "iuf":
        a = numpy.concatenate([a, rng.integers(-100, 100, n).astype(dtype)])
    for x in (a, a[::-3], a[1::2]):
        assert_same(numoxide.argsort(to_nx(x), kind="stable"), numpy.argsort(x, kind="stable"))
        assert_same(numoxide.sort(to_nx(x), kind="stable"), numpy.sort(x, kind="stable"))
    m = a[: (a.size // 10) * 10].reshape(10, -1)
    assert_same(numoxide.argsort(to_nx(m), axis=0, stable=True), numpy.argsort(m, axis=0, stable=True))


@pytest.mark.parametrize("dtype", ["int64", "float64", "uint8", "float16"])
def test_sorted_and_few_unique_inputs(dtype):
    rng = numpy.random.default_rng(1)
    for a in (numpy.arange(3000).astype(dtype), numpy.arange(3000)[::-1].astype(dtype), rng.integers(0, 3, 4000).astype(dtype)):
        assert_same(numoxide.sort(to_nx(a)), numpy.sort(a, kind="stable"))
        assert_same(numoxide.argsort(to_nx(a), kind="stable"), numpy.argsort(a, kind="stable"))


def test_nan_and_complex_order():
    nan, inf = numpy.nan, numpy.inf
    f = numpy.array([nan, 1.0, -inf, -0.0, inf, 0.0, nan, -1.0])
    assert_same(numoxide.argsort(to_nx(f), kind="stable"), numpy.argsort(f, kind="stable"))
    c = numpy.array([complex(nan, nan), complex(nan, 1), complex(2, nan), complex(1, 5), complex(1, -5), complex(nan, -1), complex(-3, nan)])
    assert_same(numoxide.sort(to_nx(c), kind="stable"), numpy.sort(c, kind="stable"))
    assert_same(numoxide.argsort(to_nx(c)), numpy.argsort(c, kind="stable"))


# ----- the vectorized quicksort and quickselect (64-bit numbers) ---------------------

# Lengths around the kernels' block sizes: one vector (8 or 16 lanes), the networks'
# limits (128 for 64-bit, 256 for 32-bit numbers), a partition's buffered blocks (128,
# 256) and its remainders, the pivot's switch to a larger sample (8192), the counting
# sorts' switch-over (1024 for 8-bit, 65536 for 16-bit types) and the batched binary
# search (1024-long haystacks).
QUICK_LENGTHS = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 135, 136, 143, 144, 145, 200, 255, 256, 257, 271, 272, 273, 383, 384, 385, 511, 512, 513, 1000, 1023, 1024, 1025, 4099, 8193, 65535, 65536, 65537]
QUICK_DTYPES = ["int64", "uint64", "float64", "float32", "int32", "uint32", "int8", "uint8", "int16", "uint16", "float16", "bool", "complex64", "complex128"]


def _quick_pool(dtype, rng, n, spread):
    """`n` values of `dtype`: few distinct (ties), or spread out, with specials mixed in."""
    d = numpy.dtype(dtype)
    if spread and d.kind in "iu":
        info = numpy.iinfo(d)
        return rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
    if spread and d.kind == "f":
        a = (rng.standard_normal(n) * 1e3).astype(d)
    elif spread and d.kind == "c":
        a = (rng.standard_normal(n) + 1j * rng.integers(-2, 3, n)).astype(d)
    else:
        pool = numpy.array(_pool(dtype), dtype=d)
        return pool[rng.integers(0, len(pool), n)]
    pool = numpy.array(_pool(dtype), dtype=d)
    if n:
        k = rng.integers(0, n // 5 + 2)
        a[rng.integers(0, n, k)] = pool[rng.integers(0, len(pool), k)]
    return a


def _bits(x):
    """The bit patterns of `x` as unsigned integers (complex as pairs), sorted."""
    x = numpy.ascontiguousarray(x)
    if x.dtype.kind == "c":
        x = x.view(x.real.dtype)
    if x.dtype.kind == "b":
        return numpy.sort(x.view(numpy.uint8).ravel())
    return numpy.sort(x.view(f"u{x.dtype.itemsize}").ravel())


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(QUICK_DTYPES), st.sampled_from(QUICK_LENGTHS), st.booleans(), st.integers(0, 2**32 - 1), st.sampled_from(["quicksort", None, "heapsort"]))
def test_quicksort_values_and_bits(dtype, n, spread, seed, kind):
    """The unstable sort gives NumPy's values (NaN last, -0.0 == 0.0) and is a
    permutation of the input's bits (-0.0 and NaN payloads survive)."""
    rng = numpy.random.default_rng(seed)
    a = _quick_pool(dtype, rng, n, spread)
    ours = numoxide.sort(to_nx(a), kind=kind)
    value_equal(ours, numpy.sort(a, kind=kind))
    assert numpy.array_equal(_bits(numpy.asarray(ours)), _bits(a))
    # In place, on a view with negative strides and on 2-D rows.
    b = a[::-1].copy()
    nb = to_nx(b)
    nb.sort(kind=kind)
    value_equal(nb, numpy.sort(b, kind=kind))
    if n >= 4:
        m = a[: (n // 4) * 4].reshape(4, -1)
        value_equal(numoxide.sort(to_nx(m), axis=0, kind=kind), numpy.sort(m, axis=0, kind=kind))
        value_equal(numoxide.sort(to_nx(m), axis=1, kind=kind), numpy.sort(m, axis=1, kind=kind))


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(QUICK_DTYPES), st.sampled_from([n for n in QUICK_LENGTHS if n > 0]), st.booleans(), st.integers(0, 2**32 - 1), st.data())
def test_quickselect_partition(dtype, n, spread, seed, data):
    """partition puts NumPy's sorted value at each kth with the partition property."""
    rng = numpy.random.default_rng(seed)
    a = _quick_pool(dtype, rng, n, spread)
    kth = data.draw(st.lists(st.integers(-n, n - 1), min_size=1, max_size=3))
    ours = numpy.asarray(numoxide.partition(to_nx(a), kth))
    want = numpy.sort(a)
    assert numpy.array_equal(_bits(ours), _bits(a))
    for k in kth:
        k = k % n
        assert numpy.array_equal(ours[k : k + 1], want[k : k + 1], equal_nan=a.dtype.kind in "fc")
        # Nothing after kth sorts before it, nothing before it sorts after it.
        assert numpy.array_equal(numpy.sort(ours[:k]), want[:k], equal_nan=a.dtype.kind in "fc")
    idx = numpy.asarray(numoxide.argpartition(to_nx(a), kth))
    assert numpy.array_equal(numpy.sort(idx), numpy.arange(n))
    for k in kth:
        k = k % n
        assert numpy.array_equal(a[idx[k : k + 1]], want[k : k + 1], equal_nan=a.dtype.kind in "fc")


@pytest.mark.parametrize("dtype", ["int64", "uint64", "float64", "float32", "int32", "uint32"])
def test_quicksort_large_and_adversarial(dtype):
    """Long inputs through many partition levels: random, sorted, reversed, organ pipe,
    all equal, two values, and (floats) many NaNs and signed zeros."""
    rng = numpy.random.default_rng(7)
    n = 300_000
    d = numpy.dtype(dtype)
    cases = [
        _quick_pool(dtype, rng, n, True),
        numpy.arange(n).astype(d),
        numpy.arange(n)[::-1].astype(d),
        numpy.concatenate([numpy.arange(n // 2), numpy.arange(n // 2)[::-1]]).astype(d),
        numpy.full(n, 5, dtype=d),
        rng.integers(0, 2, n).astype(d),
        (rng.integers(0, 70_000, n) * 3).astype(d),
    ]
    if d.kind == "f":
        f = rng.standard_normal(n)
        f[rng.integers(0, n, n // 3)] = numpy.nan
        f[rng.integers(0, n, n // 5)] = -0.0
        f[rng.integers(0, n, n // 5)] = 0.0
        f[rng.integers(0, n, 100)] = -numpy.inf
        f[rng.integers(0, n, 100)] = numpy.inf
        f[rng.integers(0, n, 50)] = numpy.float64(-numpy.nan)
        cases.append(f.astype(d))
    for a in cases:
        ours = numoxide.sort(to_nx(a))
        value_equal(ours, numpy.sort(a))
        assert numpy.array_equal(_bits(numpy.asarray(ours)), _bits(a))
        p = numpy.asarray(numoxide.partition(to_nx(a), [n // 3, n // 2]))
        want = numpy.sort(a)
        for k in (n // 3, n // 2):
            assert numpy.array_equal(p[k : k + 1], want[k : k + 1], equal_nan=True)
            assert numpy.all(~(p[:k] > p[k])) and numpy.all(~(p[k + 1 :] < p[k]))
        kth = [0, n // 3, n // 3 + 1, n // 2, n - 1]
        idx = numpy.asarray(numoxide.argpartition(to_nx(a), kth))
        assert numpy.array_equal(numpy.sort(idx), numpy.arange(n))
        _check_partition(a[idx], want, kth, -1)
        idx = numpy.asarray(numoxide.argpartition(to_nx(a), n // 2))
        _check_partition(a[idx], want, [n // 2], -1)


# ----- the copy fused with the first partition (long contiguous 64-bit rows) --------

# Around the fused pass's minimum length (4096) and its vector tail handling.
FUSED_LENGTHS = [4095, 4096, 4097, 4100, 4103, 4104, 4111, 4112, 5000, 20_001]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["float64", "int64", "uint64"]),
    st.sampled_from(FUSED_LENGTHS),
    st.sampled_from(["random", "nans", "mostly_nan", "all_nan", "zeros", "few", "sorted", "reversed", "narrow"]),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["contiguous", "stepped", "reversed_view", "rows", "axis0"]),
)
def test_fused_copy_sort(dtype, n, pattern, seed, layout):
    """sort() of long rows reads the input once into the result: values as NumPy's
    (NaN last, -0.0 == 0.0) and a permutation of each row's bits (payloads, signs)."""
    rng = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    if d.kind == "f":
        a = rng.standard_normal(n) * 1e3
        if pattern in ("nans", "mostly_nan", "all_nan"):
            frac = {"nans": 0.05, "mostly_nan": 0.9, "all_nan": 1.0}[pattern]
            mask = rng.random(n) < frac
            a[mask] = numpy.where(rng.random(mask.sum()) < 0.5, numpy.nan, numpy.float64(-numpy.nan))
            a[rng.integers(0, n, 3)] = numpy.frombuffer(numpy.uint64(0x7FF8000000000005).tobytes(), numpy.float64)[0]
        elif pattern == "zeros":
            a[rng.random(n) < 0.5] = -0.0
            a[rng.random(n) < 0.3] = 0.0
    else:
        info = numpy.iinfo(d)
        a = rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
    a, axis = sort_case(a.astype(d), rng, pattern, layout)
    for kind in (None, "quicksort", "heapsort"):
        ours = numoxide.sort(to_nx(a), axis=axis, kind=kind)
        value_equal(ours, numpy.sort(a, axis=axis, kind=kind))
        o = numpy.moveaxis(numpy.asarray(ours), axis, -1)
        for row, src in zip(o.reshape(-1, o.shape[-1]), numpy.moveaxis(a, axis, -1).reshape(-1, o.shape[-1])):
            assert numpy.array_equal(_bits(row), _bits(src))
    flat = numoxide.sort(to_nx(a), axis=None)
    value_equal(flat, numpy.sort(a, axis=None))


# ----- ndarray.sort in place -----------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(any_array(), st.sampled_from(KINDS), st.sampled_from(["as_is", "reversed", "stepped", "transposed", "reversed_last"]), st.data())
def test_sort_method_in_place(a, kind, view, data):
    """Sorting a (possibly non-contiguous) view writes through to the base array."""
    if a.ndim == 0:
        assert_same_error(lambda m, x: m.asarray(x).sort(), a)
        return
    axis = _axis(data, a, none=False)
    base_np = a.copy()
    base_nx = to_nx(base_np)
    v_np, v_nx = LAYOUTS[view](numpy, base_np), LAYOUTS[view](numoxide, base_nx)
    if v_np.ndim == 0:
        return
    axis = max(min(axis, v_np.ndim - 1), -v_np.ndim)
    assert v_nx.sort(axis=axis, kind=kind) is None
    v_np.sort(axis=axis, kind=kind)
    if kind in ("stable", "mergesort"):
        assert_same(base_nx, base_np)
    else:
        value_equal(base_nx, base_np)


def test_sort_method_errors():
    a = numoxide.array([3, 1, 2])
    with pytest.raises(TypeError):
        a.sort(axis=None)
    r = numoxide.arange(3)
    r.flags.writeable = False
    with pytest.raises(ValueError):
        r.sort()
    assert_same_error(lambda m: m.array([[3, 1]]).sort(axis=2))


# ----- lexsort -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ALL_DTYPES), min_size=1, max_size=3), shapes(max_dims=3), st.data())
def test_lexsort(dts, shape, data):
    keys = [data.draw(tie_arrays(d, shape)) for d in dts]
    axis = data.draw(st.sampled_from(list(range(-len(shape), len(shape))) or [-1]))
    assert_same(numoxide.lexsort([to_nx(k) for k in keys], axis=axis), numpy.lexsort(keys, axis=axis))
    if len({k.dtype for k in keys}) == 1 and len(shape) >= 1:
        stacked = numpy.stack(keys)
        assert_same(numoxide.lexsort(to_nx(stacked), axis=axis), numpy.lexsort(stacked, axis=axis))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.lexsort([]),
        lambda m: m.lexsort([[1, 2], [3]]),
        lambda m: m.lexsort(5),
        lambda m: m.lexsort(([1, 2], [3, 1]), axis=3),
        lambda m: m.lexsort(([1, 2], [3, 1]), axis=None),
    ],
)
def test_lexsort_errors(call):
    assert_same_error(call)


def test_lexsort_odd_inputs():
    for keys in ([1, 2, 0], [numpy.array(5)], [[]], ([1 + 1j, 2], [3, 1])):
        assert_same(numoxide.lexsort(to_nx(keys) if isinstance(keys, list) else keys), numpy.lexsort(keys))


# ----- partition -----------------------------------------------------------------------


def _check_partition(part, sorted_ref, kth, axis):
    """`part` (NumPy array) holds sorted_ref's values at each kth and is partitioned there."""
    p = numpy.moveaxis(part, axis, -1)
    s = numpy.moveaxis(sorted_ref, axis, -1)
    n = p.shape[-1]
    ks = sorted({k % n for k in kth}) if n else []
    for k in ks:
        assert numpy.array_equal(p[..., k], s[..., k], equal_nan=p.dtype.kind in "fc")
    bounds = [0]
    for k in ks:
        bounds += [k, k + 1]
    bounds.append(n)
    segs = [numpy.sort(p[..., lo:hi], axis=-1) for lo, hi in zip(bounds[:-1], bounds[1:])]
    rebuilt = numpy.concatenate(segs, axis=-1) if segs else p
    assert numpy.array_equal(rebuilt, s, equal_nan=p.dtype.kind in "fc")


def _kth(data, n):
    if n == 0:
        return 0
    single = st.integers(-n, n - 1)
    return data.draw(st.one_of(single, st.lists(single, min_size=1, max_size=3)))


@settings(max_examples=250, deadline=None)
@given(any_array(), st.booleans(), st.data())
def test_partition_and_argpartition(a, method, data):
    axis = _axis(data, a)
    n = a.size if axis is None or a.ndim == 0 else a.shape[axis]
    kth = _kth(data, n)
    ks = kth if isinstance(kth, list) else [kth]
    try:
        theirs = numpy.partition(a, kth, axis=axis)
    except Exception:  # noqa: BLE001 - compared below
        assert_same_error(lambda m, x: m.partition(x, kth, axis=axis), a)
        return
    ours = numoxide.partition(to_nx(a), kth, axis=axis)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    ax = -1 if axis is None else axis
    flat = a.ravel() if axis is None else a
    if o.size:
        _check_partition(o, numpy.sort(flat, axis=ax), ks, ax)
    idx = numpy.asarray(numoxide.argpartition(to_nx(a), kth, axis=axis))
    ref = numpy.argpartition(a, kth, axis=axis)
    assert idx.dtype == ref.dtype and idx.shape == ref.shape
    flat = a.ravel() if axis is None or a.ndim == 0 else a
    if idx.size:
        ax2 = -1 if axis is None or a.ndim == 0 else axis
        assert numpy.array_equal(numpy.sort(idx, axis=ax2), numpy.sort(ref, axis=ax2))
        _check_partition(numpy.take_along_axis(flat, idx, ax2), numpy.sort(flat, axis=ax2), ks, ax2)
    if method and a.ndim and axis is not None:
        ax3 = -1 if axis is None else axis
        b_np, b_nx = a.copy(), to_nx(a)
        assert b_nx.partition(kth, axis=ax3) is None
        b_np.partition(kth, axis=ax3)
        _check_partition(numpy.asarray(b_nx), numpy.sort(a, axis=ax3), ks, ax3)
        m = numpy.asarray(to_nx(a).argpartition(kth, axis=ax3))
        _check_partition(numpy.take_along_axis(a, m, ax3), numpy.sort(a, axis=ax3), ks, ax3)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.partition([3, 1, 2], 3),
        lambda m: m.partition([3, 1, 2], -4),
        lambda m: m.partition([3, 1, 2], 1.5),
        lambda m: m.partition([3, 1, 2], True),
        lambda m: m.partition([3, 1, 2], []),
        lambda m: m.partition([3, 1, 2], m.array([[1]])),
        lambda m: m.partition(m.array(5), 0),
        lambda m: m.partition([3, 1, 2], 1, kind="foo"),
        lambda m: m.partition([3, 1, 2], 1, order="x"),
        lambda m: m.argpartition([3, 1, 2], [0, 3]),
        lambda m: m.array([3, 1, 2]).partition(1, axis=None),
        lambda m: m.array([3, 1, 2]).partition(1, axis=1),
    ],
)
def test_partition_errors(call):
    assert_same_error(call)


def test_partition_edge_cases():
    for call in (
        lambda m: m.partition(m.zeros((2, 0)), 5),
        lambda m: m.partition(m.zeros((0, 3)), 5),
        lambda m: m.partition(m.array(5), 0, axis=None),
        lambda m: m.argpartition(m.array(5), 0),
        lambda m: m.partition([1, 2, 3], (0, 1)),
        lambda m: m.partition([1, 2, 3], m.uint64(1)),
    ):
        assert_same(call(numoxide), call(numpy))


# ----- searchsorted --------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(st.data(), st.sampled_from(["left", "right"]), st.booleans())
def test_searchsorted(data, side, use_sorter):
    dt_a = data.draw(st.sampled_from(ALL_DTYPES))
    dt_v = data.draw(st.sampled_from([dt_a, dt_a, "int64", "float64", "bool"]))
    a = data.draw(st.one_of(tie_arrays(dt_a, (data.draw(st.integers(0, 12)),)), array_and_layout(dt_a, (data.draw(st.integers(0, 12)),)).map(lambda al: al[0])))
    v = data.draw(st.one_of(tie_arrays(dt_v), array_and_layout(dt_v).map(lambda al: LAYOUTS[al[1]](numpy, al[0]))))
    if use_sorter:
        sorter = numpy.argsort(a, kind="stable")
        theirs = numpy.searchsorted(a, v, side=side, sorter=sorter)
        ours = numoxide.searchsorted(to_nx(a), to_nx(v), side=side, sorter=to_nx(sorter))
    else:
        s = numpy.sort(a)
        theirs = numpy.searchsorted(s, v, side=side)
        ours = numoxide.searchsorted(to_nx(s), to_nx(v), side=side)
        assert_same(to_nx(s).searchsorted(to_nx(v), side=side), s.searchsorted(v, side=side))
    assert_same(ours, theirs)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_DTYPES), st.sampled_from([1023, 1024, 1025, 5000]), st.sampled_from([0, 1, 15, 16, 17, 100, 1001]), st.booleans(), st.integers(0, 2**32 - 1), st.sampled_from(["left", "right"]))
def test_searchsorted_long_haystacks(dtype, n, m, spread, seed, side):
    """Haystacks of 1024 and more are searched 16 needles at a time (plus a remainder)."""
    rng = numpy.random.default_rng(seed)
    a = numpy.sort(_quick_pool(dtype, rng, n, spread))
    v = _quick_pool(dtype, rng, m, spread)
    assert_same(numoxide.searchsorted(to_nx(a), to_nx(v), side=side), numpy.searchsorted(a, v, side=side))


def test_searchsorted_scalars_and_specials():
    a = numpy.array([-numpy.inf, -1.0, -0.0, 0.0, 2.0, numpy.inf, numpy.nan, numpy.nan])
    for v in (numpy.nan, 0.0, -0.0, numpy.inf, 5, [numpy.nan, -numpy.inf], [[2.0]]):
        for side in ("left", "right"):
            assert_same(numoxide.searchsorted(to_nx(a), v, side=side), numpy.searchsorted(a, v, side=side))
    assert_same(numoxide.searchsorted([1, 2, 3], 2), numpy.searchsorted([1, 2, 3], 2))
    assert_same(numoxide.searchsorted([], [1, 2]), numpy.searchsorted([], [1, 2]))
    assert_same(numoxide.searchsorted([1, 2], []), numpy.searchsorted([1, 2], []))
    u8 = numpy.array([1, 2, 3], dtype=numpy.uint8)
    assert_same(numoxide.searchsorted(to_nx(u8), numpy.array([300, -1])), numpy.searchsorted(u8, numpy.array([300, -1])))
    assert_same(numoxide.searchsorted([3, 1, 2], 2, sorter=[1, 2, 0]), numpy.searchsorted([3, 1, 2], 2, sorter=[1, 2, 0]))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.searchsorted([[1, 2, 3]], 2),
        lambda m: m.searchsorted(5, 2),
        lambda m: m.searchsorted([1, 2, 3], 2, side="foo"),
        lambda m: m.searchsorted([1, 2, 3], 2, side="R"),
        lambda m: m.searchsorted([3, 1, 2], 2, sorter=[1, 2]),
        lambda m: m.searchsorted([3, 1, 2], 2, sorter=[1.0, 2, 0]),
        lambda m: m.searchsorted([1, 2, 3], 2, sorter=[[0, 1, 2]]),
    ],
)
def test_searchsorted_errors(call):
    assert_same_error(call)


# ----- sort_complex and argument errors ---------------------------------------------------


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_sort_complex(dtype):
    a = numpy.array(_pool(dtype)[:6], dtype=dtype)
    theirs = numpy.sort_complex(a)
    ours = numoxide.sort_complex(to_nx(a))
    value_equal(ours, theirs)
    assert_same_error(lambda m: m.sort_complex(m.array(5)))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.sort(m.array(5)),
        lambda m: m.sort([3, 1, 2], kind="foo"),
        lambda m: m.sort([3, 1, 2], kind="stable", stable=True),
        lambda m: m.sort([3, 1, 2], order="x"),
        lambda m: m.sort([[3, 1], [2, 0]], axis=2),
        lambda m: m.sort([[3, 1], [2, 0]], axis=-3),
        lambda m: m.argsort([3, 1, 2], axis=1.0),
        lambda m: m.argsort([3, 1, 2], kind="x"),
        lambda m: m.array([1, 2]).argsort(axis=1),
    ],
)
def test_sort_errors(call):
    assert_same_error(call)


def test_sort_variants():
    for call in (
        lambda m: m.sort(m.array(5), axis=None),
        lambda m: m.argsort(m.array(5)),
        lambda m: m.argsort(m.zeros((2, 0)), axis=None),
        lambda m: m.sort([3, 1, 2], kind="Q"),
        lambda m: m.sort([3, 1, 2], stable=False),
        lambda m: m.array([3, 1, 2]).argsort(axis=None),
        lambda m: m.sort(m.array([3, 1, 2], dtype=">i4")),
    ):
        assert_same(call(numoxide), call(numpy))


def test_avx2_quicksort_path():
    """NUMOXIDE_SORT_AVX2=1 sends 64-bit sorts down the AVX2 quicksort (the path of
    machines without AVX-512): same values and bits as NumPy's sort."""
    import os
    import subprocess
    import sys

    code = """
import numpy, numoxide
rng = numpy.random.default_rng(3)
for dtype in ("int64", "uint64", "float64", "int32", "float32"):
    for n in (0, 1, 5, 31, 32, 33, 34, 64, 100, 1000, 4099, 100_003):
        for spread in (3, 1 << 40):
            a = rng.integers(-spread, spread, n).astype(dtype)
            if dtype.startswith("float") and n:
                a[rng.integers(0, n, n // 7 + 1)] = numpy.nan
                a[rng.integers(0, n, n // 7 + 1)] = -0.0
            ours = numpy.asarray(numoxide.sort(numoxide.array(a)))
            theirs = numpy.sort(a)
            assert numpy.array_equal(ours, theirs, equal_nan=True), (dtype, n)
            bits = lambda x: numpy.sort(x.view(f"u{x.dtype.itemsize}"))
            assert numpy.array_equal(bits(ours), bits(a)), (dtype, n)
print("ok")
"""
    env = dict(os.environ, NUMOXIDE_SORT_AVX2="1")
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "ok", r.stderr
