"""Differential tests of the set routines: unique (all returns, axis, equal_nan,
sorted), unique_all/counts/inverse/values, intersect1d, union1d, setdiff1d, setxor1d,
isin.

Where NumPy keeps an unspecified member of a group of equal values (-0.0 vs 0.0, which
NaN stands for all NaNs) or an unspecified order (sorted=False), results are compared
by value; everything else must match exactly.
"""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, COMPLEX_DTYPES, INT_DTYPES, assert_same, assert_same_error, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout, shapes
from test_sorting import tie_arrays


def any_array(dtype=None, shape=None):
    return st.one_of(
        tie_arrays(dtype, shape),
        array_and_layout(dtype, shape).map(lambda al: LAYOUTS[al[1]](numpy, al[0])),
    )


def value_equal(ours, theirs):
    """Same type, dtype and shape; equal values, NaN where NaN (any NaN part for complex)."""
    if isinstance(theirs, tuple):
        assert isinstance(ours, tuple) and len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            value_equal(o, t)
        return
    assert isinstance(ours, numoxide.ndarray)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype, f"dtype {o.dtype} != {theirs.dtype}"
    assert o.shape == theirs.shape, f"shape {o.shape} != {theirs.shape}"
    if theirs.dtype.kind in "fc":
        nan_o, nan_t = numpy.isnan(o), numpy.isnan(theirs)
        assert numpy.array_equal(nan_o, nan_t), f"\n{o!r}\n{theirs!r}"
        assert numpy.array_equal(o[~nan_t], theirs[~nan_t]), f"\n{o!r}\n{theirs!r}"
    else:
        assert numpy.array_equal(o, theirs), f"\n{o!r}\n{theirs!r}"


# ----- unique --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(any_array(), st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_unique_flat(a, ret_index, ret_inverse, ret_counts, equal_nan):
    kw = dict(
        return_index=ret_index,
        return_inverse=ret_inverse,
        return_counts=ret_counts,
        equal_nan=equal_nan,
    )
    theirs = numpy.unique(a, **kw)
    ours = numoxide.unique(to_nx(a), **kw)
    has_nan = a.dtype.kind in "fc" and bool(numpy.isnan(a).any())
    if ret_index and not (equal_nan and has_nan and a.dtype.kind == "c"):
        # The stable path: the first occurrence of each value is kept, as in NumPy.
        assert_same(ours, theirs)
    elif not ret_inverse:
        value_equal(ours, theirs)
    else:
        # Which of several equal (or NaN) elements a group is read from is unspecified
        # on NumPy's unstable path: check the inverse by reconstruction.
        ours, theirs = list(ours), list(theirs)
        k = 1 + ret_index
        inv_o, inv_t = numpy.asarray(ours.pop(k)), theirs.pop(k)
        value_equal(tuple(ours), tuple(theirs))
        assert inv_o.dtype == inv_t.dtype and inv_o.shape == inv_t.shape
        vals = numpy.asarray(ours[0])
        value_equal(to_nx(numpy.asarray(vals[inv_o])), numpy.asarray(theirs[0][inv_t]))


@settings(max_examples=200, deadline=None)
@given(
    shapes(min_dims=1, max_dims=3).flatmap(lambda s: any_array(shape=s)),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_unique_axis(a, ret_index, ret_inverse, ret_counts, data):
    axis = data.draw(st.sampled_from(list(range(-a.ndim, a.ndim))))
    kw = dict(
        return_index=ret_index, return_inverse=ret_inverse, return_counts=ret_counts, axis=axis
    )
    try:
        theirs = numpy.unique(a, **kw)
    except Exception:  # noqa: BLE001 - compared below
        assert_same_error(lambda m, x: m.unique(x, **kw), a)
        return
    ours = numoxide.unique(to_nx(a), **kw)
    if ret_index:
        assert_same(ours, theirs)
    else:
        value_equal(ours, theirs)


@settings(max_examples=100, deadline=None)
@given(any_array(), st.booleans())
def test_unique_unsorted(a, equal_nan):
    # NumPy 2.5 hashes integers and complex values (std::unordered_set order, which
    # numoxide reproduces); other dtypes come out sorted.
    theirs = numpy.unique(a, sorted=False, equal_nan=equal_nan)
    ours = numoxide.unique(to_nx(a), sorted=False, equal_nan=equal_nan)
    if a.dtype.kind in "iuc":
        assert_same(ours, theirs)
    else:
        # Sorted path: which of -0.0/+0.0 represents zero follows the sort's tie order.
        value_equal(ours, theirs)


def _hash_inputs(dtype, n, hi, seed):
    rng = numpy.random.default_rng(seed)
    if numpy.dtype(dtype).kind == "c":
        re = rng.integers(-hi, hi, n).astype(float)
        im = rng.integers(-2, 2, n).astype(float)
        re[rng.random(n) < 0.05] = numpy.nan
        im[rng.random(n) < 0.1] = -0.0
        re[rng.random(n) < 0.1] = -0.0
        return (re + 1j * im).astype(dtype)
    info = numpy.iinfo(dtype)
    return rng.integers(max(info.min, -hi), min(info.max, hi), n, endpoint=True).astype(dtype)


@pytest.mark.parametrize("dtype", INT_DTYPES + COMPLEX_DTYPES)
@pytest.mark.parametrize(
    "n,hi",
    [(0, 5), (1, 5), (13, 5), (14, 100), (200, 7), (1500, 100000), (3000, 2000), (5000, 10**9)],
)
def test_unique_hash_order(dtype, n, hi):
    """Large enough inputs to rehash several times; the same order as NumPy."""
    a = _hash_inputs(dtype, n, hi, n + hi)
    for equal_nan in (True, False):
        assert_same(
            numoxide.unique(to_nx(a), sorted=False, equal_nan=equal_nan),
            numpy.unique(a, sorted=False, equal_nan=equal_nan),
        )
    assert_same(numoxide.unique_values(to_nx(a)), numpy.unique_values(a))
    b = a.reshape(-1, 1)[::-1] if n else a
    assert_same(numoxide.unique(to_nx(b), sorted=False), numpy.unique(b, sorted=False))
    assert_same(
        numoxide.unique(to_nx(a), sorted=False, axis=0), numpy.unique(a, sorted=False, axis=0)
    )


@settings(max_examples=150, deadline=None)
@given(any_array())
def test_array_api_uniques(a):
    for name, fields in (
        ("unique_all", ("values", "indices", "inverse_indices", "counts")),
        ("unique_counts", ("values", "counts")),
        ("unique_inverse", ("values", "inverse_indices")),
    ):
        theirs = getattr(numpy, name)(a)
        ours = getattr(numoxide, name)(to_nx(a))
        assert type(ours).__name__ == type(theirs).__name__
        assert ours._fields == fields == theirs._fields
        if name == "unique_all":
            assert_same(tuple(ours), tuple(theirs))
        elif name == "unique_inverse" and a.dtype.kind in "fc" and numpy.isnan(a).any():
            # equal_nan=False: every NaN is its own value, and which NaN slot each NaN
            # maps to follows NumPy's unstable quicksort of the ties; check the inverse
            # rebuilds the input instead.
            value_equal(ours.values, theirs.values)
            rebuilt = numpy.asarray(ours.values)[numpy.asarray(ours.inverse_indices)]
            value_equal(to_nx(numpy.asarray(rebuilt)), a)
            assert sorted(numpy.asarray(ours.inverse_indices).ravel()) == sorted(
                theirs.inverse_indices.ravel()
            )
        else:
            value_equal(tuple(ours), tuple(theirs))
    if a.dtype.kind in "iuc":
        assert_same(numoxide.unique_values(to_nx(a)), numpy.unique_values(a))
    else:
        value_equal(numoxide.unique_values(to_nx(a)), numpy.unique_values(a))


def test_unique_cases():
    nan = numpy.nan
    for call in (
        lambda m: m.unique(m.array(5)),
        lambda m: m.unique(m.array(5), return_inverse=True),
        lambda m: m.unique([[1, 2], [1, 2]], axis=0, return_inverse=True),
        lambda m: m.unique(m.array([[1, 2], [1, 2]]), return_inverse=True),
        lambda m: m.unique(m.array([[1, 2], [1, 2]]), return_inverse=True, axis=1),
        lambda m: m.unique([nan, 1, nan]),
        lambda m: m.unique([nan, 1, nan], equal_nan=False),
        lambda m: m.unique([0.0, -0.0, 1]),
        lambda m: m.unique([-0.0, 0.0, 1]),
        lambda m: m.unique([], return_counts=True, return_inverse=True, return_index=True),
        lambda m: m.unique(m.zeros((3, 0)), axis=0),
        lambda m: m.unique(m.zeros((3, 0)), axis=1, return_counts=True),
        lambda m: m.unique(m.zeros((0, 3)), axis=0, return_index=True),
        lambda m: m.unique([1, 2], axis=-1),
        lambda m: m.unique(m.array([[nan, 2], [nan, 2]]), axis=0),
        lambda m: m.unique(m.array([[0.0, 2], [-0.0, 2]]), axis=0),
        lambda m: m.unique_all(m.array(5)),
        lambda m: m.unique(m.array([3, 1, 3], dtype=">i4"), return_counts=True),
    ):
        theirs = call(numpy)
        ours = call(numoxide)
        if isinstance(theirs, tuple) and hasattr(theirs, "_fields"):
            theirs, ours = tuple(theirs), tuple(ours)
        assert_same(ours, theirs)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.unique([1, 2], axis=1),
        lambda m: m.unique(m.array(5), axis=0),
        lambda m: m.unique([[1, 2]], axis=2),
        lambda m: m.unique([[1, 2]], axis=0.0),
    ],
)
def test_unique_errors(call):
    assert_same_error(call)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_large_unique(dtype):
    rng = numpy.random.default_rng(7)
    a = rng.integers(0, 50, 3000).astype(dtype)
    assert_same(
        numoxide.unique(to_nx(a), return_index=True, return_inverse=True, return_counts=True),
        numpy.unique(a, return_index=True, return_inverse=True, return_counts=True),
    )
    assert_same(numoxide.unique(to_nx(a[::-2])), numpy.unique(a[::-2]))


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["float64", "int64", "uint64", "float32", "int32"]),
    st.sampled_from([4095, 4096, 4097, 4111, 9000]),
    st.sampled_from(["few", "distinct", "zeros_nans", "sorted"]),
    st.integers(0, 2**32 - 1),
    st.booleans(),
    st.sampled_from(["contiguous", "stepped", "2d"]),
)
def test_long_unique(dtype, n, pattern, seed, equal_nan, layout):
    """Long inputs sort straight from the input (the fused copy): values as NumPy's,
    every value one of the input's bit patterns, counts exact."""
    rng = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    if pattern == "few":
        a = rng.integers(-3, 40, n).astype(d)
    elif pattern == "distinct" and d.kind == "f":
        a = rng.standard_normal(n).astype(d)
    elif pattern == "distinct":
        a = rng.integers(0, 2**30, n).astype(d)
    elif pattern == "sorted":
        a = numpy.sort(rng.integers(0, 500, n)).astype(d)
    else:
        a = rng.integers(-2, 3, n).astype(d)
        if d.kind == "f":
            a[rng.random(n) < 0.2] = -0.0
            a[rng.random(n) < 0.1] = numpy.nan
    if layout == "stepped":
        a = numpy.concatenate([a, a])[::2]
    elif layout == "2d":
        a = a[: (n // 3) * 3].reshape(3, -1)
    value_equal(
        numoxide.unique(to_nx(a), equal_nan=equal_nan), numpy.unique(a, equal_nan=equal_nan)
    )
    ours = numpy.asarray(numoxide.unique(to_nx(a), equal_nan=equal_nan))
    assert numpy.isin(ours.view(f"u{d.itemsize}"), a.ravel().view(f"u{d.itemsize}")).all()
    ov, oc = numoxide.unique(to_nx(a), return_counts=True, equal_nan=equal_nan)
    tv, tc = numpy.unique(a, return_counts=True, equal_nan=equal_nan)
    value_equal(ov, tv)
    assert_same(oc, tc)


# ----- two-array set operations ------------------------------------------------------


def pairs():
    dts = st.sampled_from(ALL_DTYPES)
    return st.tuples(dts, dts).flatmap(lambda d: st.tuples(tie_arrays(d[0]), tie_arrays(d[1])))


@settings(max_examples=250, deadline=None)
@given(pairs(), st.booleans())
def test_intersect_union_xor_diff(ab, return_indices):
    a, b = ab
    theirs = numpy.intersect1d(a, b, return_indices=return_indices)
    ours = numoxide.intersect1d(to_nx(a), to_nx(b), return_indices=return_indices)
    if return_indices:
        assert_same(ours, theirs)
    else:
        value_equal(ours, theirs)
    value_equal(numoxide.union1d(to_nx(a), to_nx(b)), numpy.union1d(a, b))
    value_equal(numoxide.setxor1d(to_nx(a), to_nx(b)), numpy.setxor1d(a, b))
    value_equal(numoxide.setdiff1d(to_nx(a), to_nx(b)), numpy.setdiff1d(a, b))


@settings(max_examples=150, deadline=None)
@given(pairs(), st.booleans())
def test_assume_unique(ab, return_indices):
    a, b = (numpy.unique(x) for x in ab)
    assert_same(
        numoxide.intersect1d(to_nx(a), to_nx(b), assume_unique=True, return_indices=return_indices),
        numpy.intersect1d(a, b, assume_unique=True, return_indices=return_indices),
    )
    value_equal(
        numoxide.setxor1d(to_nx(a), to_nx(b), assume_unique=True),
        numpy.setxor1d(a, b, assume_unique=True),
    )
    value_equal(
        numoxide.setdiff1d(to_nx(a), to_nx(b), assume_unique=True),
        numpy.setdiff1d(a, b, assume_unique=True),
    )


def test_set_cases():
    for call in (
        lambda m: m.intersect1d([1, 3, 3, 2], [3, 2, 5], return_indices=True),
        lambda m: m.intersect1d([1, 3, 2], [3, 2.5], assume_unique=True),
        lambda m: m.union1d([[1, 3]], [3, 2.5]),
        lambda m: m.setdiff1d([1, 3, 3, 2], [3]),
        lambda m: m.setxor1d([1, 3, 3, 2], [3, 4]),
        lambda m: m.intersect1d([], [1]),
        lambda m: m.setxor1d([], []),
        lambda m: m.setdiff1d(m.array([], dtype=m.int8), [1.0]),
        lambda m: m.setdiff1d(m.array([3, 1], dtype=m.int8), [1.0]),
        lambda m: m.setdiff1d(m.array([3, 1, 3], dtype=m.int8), [1.0], assume_unique=True),
        lambda m: m.union1d(m.array([3, 1], dtype=m.int8), m.array([1], dtype=m.uint8)),
        lambda m: m.intersect1d(5, 5),
    ):
        assert_same(call(numoxide), call(numpy))


# ----- isin ----------------------------------------------------------------------------


@settings(max_examples=250, deadline=None)
@given(pairs(), st.booleans(), st.sampled_from([None, "sort", "table"]))
def test_isin(ab, invert, kind):
    a, b = ab
    try:
        theirs = numpy.isin(a, b, invert=invert, kind=kind)
    except Exception:  # noqa: BLE001 - compared below
        assert_same_error(lambda m, x, y: m.isin(x, y, invert=invert, kind=kind), a, b)
        return
    assert_same(numoxide.isin(to_nx(a), to_nx(b), invert=invert, kind=kind), theirs)


def test_isin_cases():
    for call in (
        lambda m: m.isin([[1, 2], [3, 4]], [2, 3]),
        lambda m: m.isin([1, 2], [2, 3], kind="table", invert=True),
        lambda m: m.isin(5, [5]),
        lambda m: m.isin([1, 2], 2),
        lambda m: m.isin([1, 2, m.nan], [m.nan]),
        lambda m: m.isin([0.0], [-0.0]),
        lambda m: m.isin([True], [1], kind="table"),
        lambda m: m.isin([], []),
        lambda m: m.isin([1, 2], [1], kind="table", assume_unique=True),
        lambda m: m.isin(m.array([1, 2], dtype=m.int64), m.array([2**62, -(2**62)])),
        lambda m: m.isin(m.arange(1000), m.arange(0, 1000, 7)),
        lambda m: m.isin(m.arange(1000), m.arange(0, 1000, 7), kind="sort", invert=True),
    ):
        assert_same(call(numoxide), call(numpy))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.isin([1, 2], [2, 3], kind="foo"),
        lambda m: m.isin([1.0, 2], [2, 3], kind="table"),
        lambda m: m.isin(
            m.array([1, 2], dtype=m.int8), m.array([-100, 100], dtype=m.int8), kind="table"
        ),
        lambda m: m.isin(m.array([1, 2], dtype=m.int64), m.array([2**62, -(2**62)]), kind="table"),
    ],
)
def test_isin_errors(call):
    assert_same_error(call)


def test_unique_axis_float16_nan_rows_first():
    """NumPy compares float16 rows with a compare function that orders NaN first (its
    float32/float64 ones put NaN last)."""
    for dt in ["float16", "float32"]:
        a = numpy.array([[numpy.nan], [-0.0], [1.0], [numpy.nan]], dtype=dt)
        got = numoxide.unique(numoxide.asarray(a), axis=0, return_index=True)
        want = numpy.unique(a, axis=0, return_index=True)
        for g, w in zip(got, want):
            assert numpy.asarray(g).tobytes() == w.tobytes()
