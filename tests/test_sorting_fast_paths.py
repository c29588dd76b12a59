"""Differential tests of the fast sorting and set paths added for issue 4:

- argsort through the vector quicksort of packed (key, index) numbers: exact for keys
  that fit beside the index, truncated keys with tie runs re-sorted otherwise (64-bit
  keys spread over their whole range); every argsort kind must equal NumPy's stable
  argsort index for index, since ours is stable;
- the 32-bit sort with the copy fused into the first partition (float32 turned into
  integer keys on the way, NaNs set aside);
- isin through a hash set of equality codes (short test arrays).
"""

import numoxide
import numpy
import pytest
from harness import FLOAT_DTYPES, INT_DTYPES, assert_same, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import sort_case

# Around the packed argsort's minimum (64), the radix/counting switch (1024), the
# packed buffer's switch to allocator memory (65536) and odd remainders.
ARG_LENGTHS = [2, 3, 63, 64, 65, 100, 1000, 1023, 1024, 1025, 4097, 65535, 65536, 65537]
ARG_DTYPES = INT_DTYPES + FLOAT_DTYPES + ["bool"]


def _values(dtype, rng, n, pattern):
    d = numpy.dtype(dtype)
    if d.kind == "b":
        return rng.integers(0, 2, n).astype(d)
    if pattern == "narrow":
        # Spans below and above the counting switch (4096 values).
        return (
            (rng.integers(0, 5000, n) - 2500).astype(d)
            if d.kind != "u"
            else rng.integers(0, 5000, n).astype(d)
        )
    if pattern == "few":
        return rng.integers(0, 4, n).astype(d)
    if d.kind in "iu":
        info = numpy.iinfo(d)
        if pattern == "clustered":
            # Values sharing their top bits in groups, differing in the low bits: the
            # truncated packed keys tie and the runs are re-sorted by the full key.
            quarter = (int(info.max) - int(info.min)) // 4
            base = rng.integers(0, 4, n).astype(object) * quarter
            low = rng.integers(0, min(1 << 20, quarter), n).astype(object)
            return numpy.array([int(info.min) + b + x for b, x in zip(base, low)], dtype=d)
        return rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
    a = rng.standard_normal(n) * 1e3
    if pattern == "clustered":
        fi = numpy.finfo(d)
        big = float(fi.max) / 4
        steps = rng.integers(0, min(1 << 20, int(0.5 / float(fi.eps))), n)
        a = numpy.where(rng.random(n) < 0.5, -big, big) * (1 + steps * float(fi.eps))
    specials = numpy.array([numpy.nan, -0.0, 0.0, numpy.inf, -numpy.inf, -numpy.nan])
    k = n // 7 + 1
    a[rng.integers(0, n, k)] = specials[rng.integers(0, len(specials), k)]
    return a.astype(d)


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(ARG_DTYPES),
    st.sampled_from(ARG_LENGTHS),
    st.sampled_from(["random", "narrow", "few", "clustered"]),
    st.integers(0, 2**32 - 1),
    st.sampled_from([None, "quicksort", "stable", "heapsort"]),
)
def test_packed_argsort_is_numpys_stable_order(dtype, n, pattern, seed, kind):
    rng = numpy.random.default_rng(seed)
    a = _values(dtype, rng, n, pattern)
    want = numpy.argsort(a, kind="stable")
    assert_same(numoxide.argsort(to_nx(a), kind=kind), want)
    # Non-contiguous input and a lane-wise argsort along axis 0.
    assert_same(numoxide.argsort(to_nx(a[::-2]), kind=kind), numpy.argsort(a[::-2], kind="stable"))
    if n >= 4:
        m = a[: (n // 4) * 4].reshape(-1, 4)
        assert_same(
            numoxide.argsort(to_nx(m), axis=0, kind=kind), numpy.argsort(m, axis=0, kind="stable")
        )


@pytest.mark.parametrize("dtype", ["int64", "uint64", "float64"])
def test_packed_argsort_wide_keys_with_tie_runs(dtype):
    """Long inputs whose keys agree in their top bits in large groups."""
    rng = numpy.random.default_rng(3)
    n = 200_000
    for pattern in ("random", "clustered"):
        a = _values(dtype, rng, n, pattern)
        assert_same(numoxide.argsort(to_nx(a)), numpy.argsort(a, kind="stable"))
    a = numpy.concatenate([_values(dtype, rng, 1000, "random")] * 50)
    assert_same(numoxide.argsort(to_nx(a)), numpy.argsort(a, kind="stable"))


def _bits(x):
    x = numpy.ascontiguousarray(x)
    return numpy.sort(x.view(f"u{x.dtype.itemsize}").ravel())


# Around the fused pass's minimum length (4096) and its sixteen-lane tail.
FUSED32_LENGTHS = [4095, 4096, 4097, 4100, 4111, 4112, 4113, 4127, 5000, 8193, 20_001]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["float32", "int32", "uint32"]),
    st.sampled_from(FUSED32_LENGTHS),
    st.sampled_from(
        ["random", "nans", "mostly_nan", "all_nan", "zeros", "few", "sorted", "reversed", "narrow"]
    ),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["contiguous", "stepped", "reversed_view", "rows", "axis0"]),
)
def test_fused_copy_sort_32bit(dtype, n, pattern, seed, layout):
    """sort() of long 32-bit rows: NumPy's values (NaN last, -0.0 == 0.0) and a
    permutation of each row's bits (NaN payloads and zero signs survive)."""
    rng = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    if d.kind == "f":
        a = (rng.standard_normal(n) * 1e3).astype(d)
        if pattern in ("nans", "mostly_nan", "all_nan"):
            frac = {"nans": 0.05, "mostly_nan": 0.9, "all_nan": 1.0}[pattern]
            mask = rng.random(n) < frac
            a[mask] = numpy.where(
                rng.random(mask.sum()) < 0.5, numpy.float32(numpy.nan), numpy.float32(-numpy.nan)
            )
            a[rng.integers(0, n, 3)] = numpy.frombuffer(
                numpy.uint32(0x7FC00005).tobytes(), numpy.float32
            )[0]
        elif pattern == "zeros":
            a[rng.random(n) < 0.5] = -0.0
            a[rng.random(n) < 0.3] = 0.0
            a[rng.integers(0, n, 5)] = numpy.inf
            a[rng.integers(0, n, 5)] = -numpy.inf
    else:
        info = numpy.iinfo(d)
        a = rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
    a, axis = sort_case(a, rng, pattern, layout)
    for kind in (None, "quicksort", "stable"):
        ours = numpy.asarray(numoxide.sort(to_nx(a), axis=axis, kind=kind))
        want = numpy.sort(a, axis=axis, kind=kind)
        assert ours.dtype == want.dtype and ours.shape == want.shape
        assert numpy.array_equal(ours, want, equal_nan=d.kind == "f")
        o = numpy.moveaxis(ours, axis, -1)
        src = numpy.moveaxis(a, axis, -1)
        for row, s in zip(o.reshape(-1, o.shape[-1]), src.reshape(-1, o.shape[-1])):
            assert numpy.array_equal(_bits(row), _bits(s))
    b = a.copy()
    nb = to_nx(b)
    nb.sort(axis=axis)
    assert numpy.array_equal(numpy.asarray(nb), numpy.sort(b, axis=axis), equal_nan=d.kind == "f")


# ----- isin through a hash set ---------------------------------------------------------

ISIN_DTYPES = ["float16", "float32", "float64", "int32", "int64", "uint64", "complex128", "bool"]


def _isin_values(dtype, rng, n, wide):
    d = numpy.dtype(dtype)
    if d.kind == "b":
        return rng.integers(0, 2, n).astype(d)
    if d.kind in "iu":
        info = numpy.iinfo(d)
        if wide:
            return rng.integers(info.min, info.max, n, dtype=d, endpoint=True)
        return rng.integers(0, 50, n).astype(d)
    pool = numpy.array([numpy.nan, -0.0, 0.0, numpy.inf, -numpy.inf, 1.5, -2.25, 3.0, 1e-300])
    if d.kind == "c":
        a = numpy.empty(n, dtype=complex)
        a.real = pool[rng.integers(0, len(pool), n)]
        a.imag = pool[rng.integers(0, len(pool), n)]
    else:
        a = numpy.where(
            rng.random(n) < 0.5, pool[rng.integers(0, len(pool), n)], rng.integers(-20, 20, n) / 4
        )
    return a.astype(d)


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(ISIN_DTYPES),
    st.sampled_from(ISIN_DTYPES),
    st.sampled_from([0, 1, 2, 15, 16, 17, 1000, 32768, 32769]),
    st.integers(0, 3000),
    st.booleans(),
    st.booleans(),
    st.integers(0, 2**32 - 1),
)
def test_isin_hash_set(edt, tdt, m, n, wide, invert, seed):
    """Short test arrays are hashed: NaN matches nothing, -0.0 matches 0.0, mixed
    dtypes compare in their common type; longer test arrays take the sorted path."""
    rng = numpy.random.default_rng(seed)
    e = _isin_values(edt, rng, n, wide)
    t = _isin_values(tdt, rng, m, wide)
    if m and n:
        # Plenty of hits: some elements drawn from the test values.
        k = n // 3
        e[:k] = (
            t[rng.integers(0, m, k)].astype(e.dtype) if numpy.can_cast(t.dtype, e.dtype) else e[:k]
        )
    layout = rng.integers(0, 3)
    if layout == 1:
        e = e[::-1]
    elif layout == 2 and n >= 6:
        e = e[: (n // 6) * 6].reshape(3, -1)[:, ::2]
    assert_same(numoxide.isin(to_nx(e), to_nx(t), invert=invert), numpy.isin(e, t, invert=invert))


# ----- unique of values alone (the sorted copy compacted in place) --------------------


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(
        ["int8", "int16", "int32", "uint32", "int64", "float32", "float64", ">f8", ">i4"]
    ),
    st.sampled_from([1, 2, 3, 64, 1000, 4097, 70_000]),
    st.sampled_from(["distinct", "few", "specials", "all_equal"]),
    st.booleans(),
    st.integers(0, 2**32 - 1),
)
def test_unique_values_only(dtype, n, pattern, equal_nan, seed):
    """All distinct (the sorted copy is the result), runs, NaNs with and without
    equal_nan, non-native byte order: NumPy's values and dtype."""
    rng = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    if pattern == "distinct":
        a = rng.permutation(n).astype(d)
        if d.kind == "f":
            a = (rng.standard_normal(n) * 1e3).astype(d)
    elif pattern == "few":
        a = rng.integers(-3, 4, n).astype(d)
    elif pattern == "all_equal":
        a = numpy.full(n, 7, dtype=d)
    else:
        a = rng.integers(-3, 4, n).astype(d)
        if d.kind == "f":
            pool = numpy.array([numpy.nan, numpy.inf, -numpy.inf, 0.0, -0.0], dtype=d)
            k = max(1, n // 4)
            a[rng.integers(0, n, k)] = pool[rng.integers(0, len(pool), k)]
    ours = numoxide.unique(to_nx(a), equal_nan=equal_nan)
    theirs = numpy.unique(a, equal_nan=equal_nan)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    assert numpy.array_equal(o, theirs, equal_nan=True)


# ----- network sizes and partitions of the vector quicksort ----------------------------

# Around the networks' register counts (16 numbers per register for 32-bit, 8 for
# 64-bit; networks of 1, 2, 4, 8 and 16 registers), the quicksort's switch to the
# network (256 / 128 numbers), its sixteen-sample pivot (below 8192) and partitions
# with a few vectors past the buffered blocks.
NETWORK_LENGTHS = [2, 3, 9, 16, 17, 31, 33, 64, 65, 100, 127, 128, 129, 200, 255, 256, 257]
PARTITION_LENGTHS = [300, 511, 513, 777, 1000, 2049, 8191, 8193, 12_345]
QSORT_DTYPES = ["int32", "uint32", "float32", "int64", "uint64", "float64"]


def _qsort_values(dtype, rng, n, pattern):
    d = numpy.dtype(dtype)
    if d.kind == "f":
        a = (rng.standard_normal(n) * 1e3).astype(d)
        if pattern == "specials":
            pool = numpy.array([numpy.nan, -numpy.nan, -0.0, 0.0, numpy.inf, -numpy.inf], d)
            k = n // 4 + 1
            a[rng.integers(0, n, k)] = pool[rng.integers(0, len(pool), k)]
        return a
    info = numpy.iinfo(d)
    return rng.integers(info.min, info.max, n, dtype=d, endpoint=True)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(QSORT_DTYPES),
    st.sampled_from(NETWORK_LENGTHS + PARTITION_LENGTHS),
    st.sampled_from(["random", "specials", "few", "sorted", "reversed", "narrow"]),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["contiguous", "stepped", "reversed_view", "rows", "axis0"]),
)
def test_quicksort_network_and_partition_sizes(dtype, n, pattern, seed, layout):
    """The default (quick) sort at every network size and across the partition's
    thresholds: NumPy's values (NaN last), each row a permutation of its bits."""
    rng = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    a, axis = sort_case(_qsort_values(dtype, rng, n, pattern), rng, pattern, layout)
    ours = numpy.asarray(numoxide.sort(to_nx(a), axis=axis))
    want = numpy.sort(a, axis=axis)
    assert ours.dtype == want.dtype and ours.shape == want.shape
    assert numpy.array_equal(ours, want, equal_nan=d.kind == "f")
    o = numpy.moveaxis(ours, axis, -1)
    src = numpy.moveaxis(a, axis, -1)
    for row, s in zip(o.reshape(-1, o.shape[-1]), src.reshape(-1, o.shape[-1])):
        assert numpy.array_equal(_bits(row), _bits(s))


def _check_partition(part, a, kth, axis):
    """Each kth position of `part` holds NumPy's sorted value, nothing larger before it
    and nothing smaller after (NaN largest); `part` permutes each lane."""
    srt = numpy.moveaxis(numpy.sort(a, axis=axis), axis, -1)
    p = numpy.moveaxis(part, axis, -1)
    src = numpy.moveaxis(a, axis, -1)
    n = p.shape[-1]
    for row, want, s in zip(p.reshape(-1, n), srt.reshape(-1, n), src.reshape(-1, n)):
        assert numpy.array_equal(_bits(row), _bits(s))
        for k in kth:
            k = k % n
            assert numpy.array_equal(row[k : k + 1], want[k : k + 1], equal_nan=True)
            before, after = row[:k], row[k + 1 :]
            if row.dtype.kind == "f" and numpy.isnan(row[k]):
                assert numpy.isnan(after).all()
                continue
            assert not (before > row[k]).any() and not (after < row[k]).any()
            if row.dtype.kind == "f":
                assert not numpy.isnan(before).any()


@settings(max_examples=120, deadline=None)
@given(
    st.sampled_from(QSORT_DTYPES),
    st.sampled_from([1, 2, 17, 129, 256, 257, 1000, 4097, 8193, 70_001]),
    st.sampled_from(["random", "specials", "few", "sorted", "reversed"]),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["contiguous", "stepped", "rows", "axis0"]),
    st.lists(st.floats(0, 1), min_size=1, max_size=3),
)
def test_partition_and_argpartition(dtype, n, pattern, seed, layout, fracs):
    """partition / argpartition: the kth values equal NumPy's, with the partition
    property around each; argpartition's indices gather such a partition."""
    rng = numpy.random.default_rng(seed)
    a, axis = sort_case(_qsort_values(dtype, rng, n, pattern), rng, pattern, layout)
    m = a.shape[axis]
    kth = sorted({min(m - 1, int(f * m)) for f in fracs})
    if rng.random() < 0.3:
        kth = [k - m for k in kth]  # negative kth
    part = numpy.asarray(numoxide.partition(to_nx(a), kth, axis=axis))
    assert part.dtype == a.dtype and part.shape == a.shape
    _check_partition(part, a, kth, axis)
    idx = numpy.asarray(numoxide.argpartition(to_nx(a), kth, axis=axis))
    assert idx.dtype == numpy.intp and idx.shape == a.shape
    _check_partition(numpy.take_along_axis(a, idx, axis=axis), a, kth, axis)
