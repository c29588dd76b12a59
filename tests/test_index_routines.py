"""Index routines: take, put, take_along_axis, put_along_axis, choose, compress, nonzero,
argwhere, flatnonzero, extract, place, putmask, where (1 argument), select, piecewise,
diagonal, diag_indices(_from), tril/triu_indices(_from), unravel_index,
ravel_multi_index, ix_ — and the ndarray methods take/put/nonzero/compress/choose."""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, both
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, dtypes, layouts, shapes


def pair(base, layout="as_is"):
    f = LAYOUTS[layout]
    return f(numpy, numpy.array(base)), f(numoxide, numoxide.array(base))


def conv(m, x):
    """NumPy arrays in an argument become module m's arrays."""
    if isinstance(x, numpy.ndarray):
        return m.array(x) if m is numoxide else x
    if isinstance(x, list):
        return [conv(m, v) for v in x]
    return x


def call(name, *args, **kw):
    return both(lambda m, *a: getattr(m, name)(*[conv(m, v) for v in a], **kw), *args)


# ----- take / put ----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(arrays(shape=shapes(1, 3, 0, 4)), layouts(), st.data())
def test_take_matches_numpy(base, layout, data):
    a_np, a_nx = pair(base, layout)
    axis = data.draw(st.none() | st.integers(-a_np.ndim, a_np.ndim - 1))
    n = a_np.size if axis is None else a_np.shape[axis]
    idx = numpy.array(data.draw(st.lists(st.integers(-n - 3, n + 3), max_size=6)), dtype=numpy.intp)
    idx = idx.reshape(data.draw(st.sampled_from([(-1,), (1, -1)])))
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    try:
        theirs = numpy.take(a_np, idx, axis=axis, mode=mode)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            numoxide.take(a_nx, numoxide.array(idx), axis=axis, mode=mode)
        return
    assert_same(numoxide.take(a_nx, numoxide.array(idx), axis=axis, mode=mode), theirs)
    assert_same(a_nx.take(idx.tolist(), axis=axis, mode=mode), a_np.take(idx.tolist(), axis=axis, mode=mode))


TAKE_CASES = [
    (numpy.arange(6).reshape(2, 3), 1, {}),
    (numpy.arange(6).reshape(2, 3), 1, {"axis": 0}),
    (numpy.arange(6).reshape(2, 3), [[1]], {"axis": 1, "mode": "clip"}),
    (numpy.arange(6).reshape(2, 3), [10], {}),
    (numpy.arange(6).reshape(2, 3), [10], {"axis": 1}),
    (numpy.arange(6).reshape(2, 3), [1.0], {}),
    (numpy.arange(6).reshape(2, 3), [True], {}),
    (numpy.array([]), [0], {}),
    (numpy.array([]), [], {}),
    (numpy.array([]), [0], {"mode": "wrap"}),
    (numpy.array(5), 0, {}),
    (numpy.array(5), 0, {"axis": 0}),
    (numpy.arange(6).reshape(2, 3), [0], {"axis": 2}),
    (numpy.arange(6), [0], {"mode": "bogus"}),
]


@pytest.mark.parametrize("case", range(len(TAKE_CASES)))
def test_take_table(case):
    a, idx, kw = TAKE_CASES[case]
    call("take", a, idx, **kw)


def test_take_out_and_methods():
    a_np, a_nx = pair(numpy.arange(10.0))
    o_np, o_nx = numpy.zeros(3), numoxide.zeros(3)
    r = numoxide.take(a_nx, [1, 2, 3], out=o_nx)
    numpy.take(a_np, [1, 2, 3], out=o_np)
    assert r is o_nx
    assert_same(o_nx, o_np)
    with pytest.raises(ValueError):
        numoxide.take(a_nx, [1, 2], out=o_nx)


PUT_CASES = [
    ([0, 2, -1], [7, 8, 9], "raise"),
    ([0, 0, 0], [7, 8, 9], "raise"),
    ([0, 1, 2, 3], [7], "raise"),
    ([10], [1], "raise"),
    ([10, -12], [1, 2], "wrap"),
    ([10, -12], [1, 2], "clip"),
    ([1.0], [5], "raise"),
    ([0], [], "raise"),
    ([0, 1], [1.7, 2.2], "raise"),
]


@pytest.mark.parametrize("case", range(len(PUT_CASES)))
@pytest.mark.parametrize("layout", ["as_is", "transposed"])
def test_put(case, layout):
    ind, v, mode = PUT_CASES[case]

    def run(m):
        a = LAYOUTS[layout](m, m.arange(6).reshape(2, 3))
        m.put(a, ind, v, mode=mode)
        return a

    both(run)

    def method(m):
        a = LAYOUTS[layout](m, m.arange(6).reshape(2, 3))
        a.put(ind, v, mode=mode)
        return a

    both(method)


def test_put_errors():
    assert_same_error(lambda m: m.put([1, 2], [0], 1))
    assert_same_error(lambda m: m.put(m.array([]), [0], 1))


# ----- along axis ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(arrays(shape=shapes(1, 3, 1, 4)), st.data())
def test_take_put_along_axis(base, data):
    a_np, a_nx = pair(base)
    axis = data.draw(st.integers(-a_np.ndim, a_np.ndim - 1))
    n = a_np.shape[axis]
    ishape = list(a_np.shape)
    ishape[axis] = data.draw(st.integers(0, 4))
    ishape = [d if data.draw(st.booleans()) else 1 for d in ishape] if data.draw(st.booleans()) else ishape
    idx = numpy.array(data.draw(st.lists(st.integers(-n, n - 1), min_size=int(numpy.prod(ishape)), max_size=int(numpy.prod(ishape)))), dtype=numpy.intp).reshape(ishape)
    assert_same(numoxide.take_along_axis(a_nx, numoxide.array(idx), axis=axis), numpy.take_along_axis(a_np, idx, axis=axis))
    vals = data.draw(arrays(str(base.dtype), numpy.take_along_axis(a_np, idx, axis=axis).shape))
    numpy.put_along_axis(a_np, idx, vals, axis)
    numoxide.put_along_axis(a_nx, numoxide.array(idx), numoxide.array(vals), axis)
    assert_same(a_nx, a_np)


ALONG_ERRORS = [
    (lambda m, a: m.take_along_axis(a, m.array([[0, 2]]), None)),
    (lambda m, a: m.take_along_axis(a, m.array([0, 2]), 1)),
    (lambda m, a: m.take_along_axis(a, m.array([[0.0]]), 1)),
    (lambda m, a: m.take_along_axis(a, m.array([[0], [1], [1]]), 1)),
    (lambda m, a: m.take_along_axis(a, m.array([[5]]), 1)),
    (lambda m, a: m.take_along_axis(a, m.array([[0]]), 2)),
]


@pytest.mark.parametrize("case", range(len(ALONG_ERRORS)))
def test_along_axis_errors(case):
    assert_same_error(lambda m: ALONG_ERRORS[case](m, m.arange(6).reshape(2, 3)))


def test_along_axis_none():
    call("take_along_axis", numpy.arange(6).reshape(2, 3), numpy.array([0, 5, -1]), None)

    def run(m):
        a = m.arange(6).reshape(2, 3).T
        m.put_along_axis(a, m.array([0, 5]), m.array([9, 8]), None)
        return a

    both(run)


# ----- choose / compress ---------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(dtypes(), st.data())
def test_choose_matches_numpy(dtype, data):
    shape = data.draw(shapes(0, 2, 0, 4))
    nc = data.draw(st.integers(1, 4))
    choices = [data.draw(arrays(dtype, shape)) for _ in range(nc)]
    mode = data.draw(st.sampled_from(["raise", "wrap", "clip"]))
    sel = numpy.array(data.draw(st.lists(st.integers(-2, nc + 1), min_size=int(numpy.prod(shape)), max_size=int(numpy.prod(shape)))), dtype=int).reshape(shape)
    both(lambda m: m.choose(conv(m, sel), conv(m, choices), mode=mode))


CHOOSE_CASES = [
    ([0, 1, 2], [[1, 2, 3], [4, 5, 6]], {}),
    ([0.0, 1], [[1, 2, 3], [4, 5, 6]], {}),
    ([0, 1, 1], [[1, 2, 3], [4.5, 5, 6]], {}),
    ([0, 1, 1], [], {}),
    ([0, 1, 5], [[1, 2, 3], [4, 5, 6]], {"mode": "wrap"}),
    ([0, 1, 1], [[1, 2, 3], 2.5], {}),
    ([0, 1, 1], [numpy.array([1, 2, 3], numpy.int8), 2], {}),
    ([[0], [1]], [[1, 2, 3], [4, 5, 6]], {}),
    (0, [1, 2], {}),
    ([0, 1], numpy.array([[1, 2], [3, 4]]), {}),
]


@pytest.mark.parametrize("case", range(len(CHOOSE_CASES)))
def test_choose_table(case):
    a, choices, kw = CHOOSE_CASES[case]
    both(lambda m: m.choose(a, conv(m, choices), **kw))


def test_choose_method_and_out():
    def run(m):
        out = m.zeros(3, dtype=m.int8)
        r = m.array([0, 1, 1]).choose([[1, 2, 3], [4, 5, 6]], out=out)
        return r, out

    both(run)


COMPRESS_CASES = [
    ([[True]], {}),
    ([True, False, True, True], {"axis": 1}),
    ([True, False, True, False, False], {"axis": 1}),
    ([1, 0], {}),
    ([1.5, 0], {}),
    ([0, 1], {"axis": 0}),
    ([0, 1, 1, 1, 0, 1, 1], {}),
    ([], {"axis": -1}),
    ([True], {"axis": 3}),
]


@pytest.mark.parametrize("case", range(len(COMPRESS_CASES)))
def test_compress(case):
    cond, kw = COMPRESS_CASES[case]
    both(lambda m: m.compress(cond, m.arange(6).reshape(2, 3), **kw))
    both(lambda m: m.arange(6).reshape(2, 3).T.compress(cond, **kw))


# ----- nonzero family -----------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(arrays(shape=shapes(0, 4, 0, 4)), layouts())
def test_nonzero_family(base, layout):
    a_np, a_nx = pair(base, layout)
    for name in ("nonzero", "argwhere", "flatnonzero"):
        try:
            theirs = getattr(numpy, name)(a_np)
        except Exception as e:  # noqa: BLE001
            with pytest.raises(type(e)) as info:
                getattr(numoxide, name)(a_nx)
            assert str(info.value) == str(e)
            continue
        assert_same(getattr(numoxide, name)(a_nx), theirs)
    if a_np.ndim:
        assert_same(a_nx.nonzero(), a_np.nonzero())
        assert_same(numoxide.where(a_nx), numpy.where(a_np))


def test_nonzero_large():
    rng = numpy.random.default_rng(4)
    a = rng.random(100_001) > 0.5
    assert_same(numoxide.nonzero(numoxide.array(a)), numpy.nonzero(a))
    b = a.reshape(-1, 7)[:, ::-2] if a.size % 7 == 0 else a[:-1].reshape(-1, 10)[:, ::-3]
    assert_same(numoxide.nonzero(numoxide.array(b)), numpy.nonzero(b))


EXTRACT_CASES = [
    ([1, 0, 1, 0, 1, 0], None),
    ([1, 0, 1, 0, 1, 0, 1], None),
    ([1, 0, 1], None),
    ([[True, False, True], [False, True, False]], None),
]


@pytest.mark.parametrize("case", range(len(EXTRACT_CASES)))
def test_extract(case):
    cond, _ = EXTRACT_CASES[case]
    both(lambda m: m.extract(cond, m.arange(6).reshape(2, 3)))


PLACE_CASES = [
    ("place", lambda m, a: a > 2, [7, 8]),
    ("place", lambda m, a: a > 2, [7.9]),
    ("place", lambda m, a: [1, 0], [1]),
    ("place", lambda m, a: a > 2, []),
    ("place", lambda m, a: a > 10, []),
    ("putmask", lambda m, a: a > 2, [7, 8]),
    ("putmask", lambda m, a: [1, 0], [1]),
    ("putmask", lambda m, a: a > 2, []),
    ("putmask", lambda m, a: a % 2 == 0, numpy.array([10, 20, 30, 40])),
]


@pytest.mark.parametrize("case", range(len(PLACE_CASES)))
@pytest.mark.parametrize("layout", ["as_is", "transposed"])
def test_place_putmask(case, layout):
    name, mask, vals = PLACE_CASES[case]

    def run(m):
        a = LAYOUTS[layout](m, m.arange(6).reshape(2, 3))
        getattr(m, name)(a, mask(m, a), vals if not isinstance(vals, numpy.ndarray) else conv(m, vals))
        return a

    both(run)


def test_place_putmask_need_arrays():
    assert_same_error(lambda m: m.putmask([1, 2], [True, False], [7]))
    assert_same_error(lambda m: m.place([1, 2], [True, False], [7]))


# ----- select / piecewise ------------------------------------------------------------------


SELECT_CASES = [
    lambda m: ([], []),
    lambda m: ([[True]], [1, 2]),
    lambda m: ([[1]], [[1]]),
    lambda m: ([m.array([True, False])], [m.array([1, 2], m.int8)]),
    lambda m: ([m.array([True, False])], [m.array([1, 2], m.int8)], 1.5),
    lambda m: ([m.array([True, False])], [m.array([1, 2], m.int8)], m.int64(1)),
    lambda m: ([True, False], [1, 2]),
    lambda m: ([m.arange(5) < 2, m.arange(5) > 3], [m.arange(5), m.arange(5) ** 2], -1),
    lambda m: ([m.arange(5) < 3, m.arange(5) > 1], [m.arange(5.0), m.arange(5) * 10]),
    lambda m: ([m.arange(6).reshape(2, 3) > 2], [m.arange(3)]),
]


@pytest.mark.parametrize("case", range(len(SELECT_CASES)))
def test_select(case):
    both(lambda m: m.select(*SELECT_CASES[case](m)))


PIECEWISE_CASES = [
    lambda m: (m.arange(4), [m.arange(4) > 1], [lambda x: x * 2.5, 7]),
    lambda m: (m.arange(4.0), [m.arange(4) > 1, m.arange(4) > 2], [1, 2]),
    lambda m: (m.arange(4.0), [m.arange(4) > 1, m.arange(4) > 2], [1, 2, 3]),
    lambda m: (m.arange(4.0), [m.arange(4) > 1, m.arange(4) > 2], [1, 2, 3, 4]),
    lambda m: (3.0, [True], [lambda x: x * 2]),
    lambda m: (m.arange(4.0), m.arange(4) > 1, [1, 2]),
    lambda m: (m.arange(4.0), [True, False, True, False], [1, 2]),
    lambda m: (m.linspace(-2, 2, 9), [m.linspace(-2, 2, 9) < 0, m.linspace(-2, 2, 9) >= 0], [lambda x: -x, lambda x: x]),
]


@pytest.mark.parametrize("case", range(len(PIECEWISE_CASES)))
def test_piecewise(case):
    both(lambda m: m.piecewise(*PIECEWISE_CASES[case](m)))


def test_piecewise_extra_arguments():
    both(lambda m: m.piecewise(m.arange(4.0), [[True, False, True, False]], [lambda x, k: x + k], 10))
    both(lambda m: m.piecewise(m.arange(4.0), [[True, False, True, False]], [lambda x, k: x + k], k=10))


# ----- diagonal and index construction ----------------------------------------------------


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_diagonal_is_a_read_only_view(dtype):
    base = numpy.arange(24).reshape(2, 3, 4).astype(dtype)
    for kw in ({}, {"offset": 1}, {"offset": -1, "axis1": 1, "axis2": 2}, {"offset": 7}):
        call("diagonal", base, **kw)
    d = numoxide.diagonal(numoxide.array(base))
    assert not d.flags.writeable and not d.flags.owndata
    with pytest.raises(ValueError):
        d[0] = 1
    call("diagonal", [[1, 2], [3, 4]])
    assert_same_error(lambda m: m.diagonal(m.arange(3)))
    assert_same_error(lambda m: m.diagonal(m.ones((2, 2)), 0, 0, 0))


CONSTRUCTION = [
    lambda m: m.diag_indices(3),
    lambda m: m.diag_indices(3, 3),
    lambda m: m.diag_indices(0),
    lambda m: m.diag_indices_from(m.ones((3, 3, 3))),
    lambda m: m.diag_indices_from(m.ones((2, 3))),
    lambda m: m.diag_indices_from(m.ones(2)),
    lambda m: m.tril_indices(3),
    lambda m: m.tril_indices(3, 1, 4),
    lambda m: m.tril_indices(4, -2),
    lambda m: m.triu_indices(3),
    lambda m: m.triu_indices(3, -1, 5),
    lambda m: m.triu_indices(0),
    lambda m: m.tril_indices_from(m.ones((3, 4)), 1),
    lambda m: m.triu_indices_from(m.ones((2, 3)), -1),
    lambda m: m.triu_indices_from(m.ones((2, 3, 1))),
    lambda m: m.unravel_index(10, (2, 3)),
    lambda m: m.unravel_index(-1, (2, 3)),
    lambda m: m.unravel_index(1.0, (2, 3)),
    lambda m: m.unravel_index([1, 5], (2, 3), order="F"),
    lambda m: m.unravel_index(m.array([[1, 5], [0, 4]]), (2, 3)),
    lambda m: m.unravel_index(4, 6),
    lambda m: m.unravel_index(0, ()),
    lambda m: m.unravel_index([], (2, 3)),
    lambda m: m.unravel_index(0, (2, 3), order="X"),
    lambda m: m.ravel_multi_index([[1], [5]], (2, 3)),
    lambda m: m.ravel_multi_index([[1], [5]], (2, 3), mode="clip"),
    lambda m: m.ravel_multi_index([[1], [-5]], (2, 3), mode=("clip", "wrap")),
    lambda m: m.ravel_multi_index([1, 2], (2, 3)),
    lambda m: m.ravel_multi_index([1, 2, 0], (2, 3)),
    lambda m: m.ravel_multi_index([1.0, 2], (2, 3)),
    lambda m: m.ravel_multi_index(([1, 1], [2, 0]), (2, 3), order="F"),
    lambda m: m.ravel_multi_index((m.array([[0], [1]]), m.array([0, 1, 2])), (2, 3)),
    lambda m: m.ix_([0, 1], [True, False, True]),
    lambda m: m.ix_([[0, 1]]),
    lambda m: m.ix_([1.0]),
    lambda m: m.ix_([]),
    lambda m: m.ix_(),
    lambda m: m.ix_(m.array([2, 0], dtype=m.int16), m.arange(3)),
]


@pytest.mark.parametrize("case", range(len(CONSTRUCTION)))
def test_index_construction(case):
    both(CONSTRUCTION[case])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=4), st.sampled_from(["C", "F"]), st.data())
def test_unravel_ravel_roundtrip(dims, order, data):
    size = int(numpy.prod(dims))
    flat = numpy.array(data.draw(st.lists(st.integers(0, size - 1), max_size=8)), dtype=numpy.intp)
    both(lambda m: m.unravel_index(conv(m, flat), tuple(dims), order=order))
    coords = numpy.unravel_index(flat, tuple(dims), order=order)
    both(lambda m: m.ravel_multi_index(tuple(conv(m, c) for c in coords), tuple(dims), order=order))



@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([(1000, 1000), (7, 1, 300), (3,), (2**30, 2**30), (2**26, 2**27), (5, 2**55)]),
    st.sampled_from(["C", "F"]),
    st.integers(0, 5000),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["int64", "int32", "uint16", ">i8"]),
    st.booleans(),
)
def test_unravel_ravel_many(dims, order, n, seed, dtype, reverse):
    # Thousands of indices cross the 2048-element chunks; sizes above 2**52 take the
    # integer-division path instead of the float reciprocal.
    size = int(numpy.prod(dims, dtype=object))
    rng = numpy.random.default_rng(seed)
    top = min(size, numpy.iinfo(dtype).max + 1)
    flat = (rng.random(n) * top).astype(numpy.uint64).clip(0, top - 1).astype(dtype)
    flat[: min(n, 3)] = [top - 1, 0, top // 2][: min(n, 3)]
    if reverse:  # a negative-stride view of the same values
        flat = flat[::-1].copy()[::-1]
    both(lambda m: m.unravel_index(conv(m, flat), dims, order=order))
    coords = numpy.unravel_index(flat, dims, order=order)
    both(lambda m: m.ravel_multi_index(tuple(conv(m, c) for c in coords), dims, order=order))
    if n:
        bad = numpy.array(coords[0], dtype=numpy.int64)
        # One coordinate outside its axis: raise errors, wrap and clip move it.
        bad[rng.integers(0, n)] = [dims[0], -1, -dims[0] - 1, 2 * dims[0] + 3][rng.integers(0, 4)]
        moved = (bad,) + tuple(coords[1:])
        for mode in ("raise", "wrap", "clip"):
            both(lambda m, mode=mode: m.ravel_multi_index(tuple(conv(m, c) for c in moved), dims, mode=mode, order=order))
        both(lambda m: m.unravel_index(conv(m, numpy.concatenate([flat.astype(numpy.int64), [-1]])), dims))


# ----- audit regressions (issue 4) -------------------------------------------------------------


@pytest.mark.parametrize("fn", ["putmask", "place"])
@pytest.mark.parametrize(
    "dtype, values",
    [
        ("int8", numpy.array([1])),
        ("int8", numpy.array([1.5])),
        ("float64", numpy.array([1j])),
        ("float32", numpy.array([1.0])),
        ("int8", [1000]),
        ("int8", [1.5]),
        ("uint8", [-1]),
        ("float64", [1j]),
        ("int64", [2j]),
        ("float64", numpy.array([2], dtype="int32")),
        ("complex64", [1 + 2j]),
    ],
)
def test_putmask_place_value_casting(fn, dtype, values):
    def f(m):
        a = m.arange(4).astype(dtype)
        v = m.asarray(values) if isinstance(values, numpy.ndarray) else values
        getattr(m, fn)(a, a > 1, v)
        return a

    both(f)


@pytest.mark.parametrize("values", [[1j], 1j, [1, 2j], [1000]])
@pytest.mark.parametrize("dtype", ["float64", "int8", "complex128"])
def test_put_python_values(values, dtype):
    def f(m):
        a = m.zeros(3, dtype=dtype)
        m.put(a, [0, 2], values)
        return a

    both(f)


@pytest.mark.parametrize("mode", ["raise", "wrap", "clip"])
@pytest.mark.parametrize("layout", ["C", "F", "rev"])
@pytest.mark.parametrize("dtype", ["int8", "float64", "complex128", "bool"])
def test_put_direct_scatter(mode, layout, dtype):
    def f(m):
        a = m.arange(12).reshape(3, 4).astype(dtype)
        a = {"C": a, "F": m.asfortranarray(a), "rev": a[::-1]}[layout]
        m.put(a, [0, 5, -1, 11, 5, 30, -30], m.arange(3).astype("f4"), mode=mode)
        return a

    both(f)


def test_put_values_overlapping_target():
    def f(m):
        a = m.arange(6.0)
        m.put(a, [0, 1, 2], a[3:])
        return a

    both(f)


@pytest.mark.parametrize("n, k, mm", [(-1, 0, None), (-3, 1, -1), (2, 0, -1), (0, 0, 0), (3, -5, 2)])
def test_tri_indices_negative_sizes(n, k, mm):
    both(lambda m: m.tril_indices(n, k, mm))
    both(lambda m: m.triu_indices(n, k, mm))
    both(lambda m: m.diag_indices(n))


@pytest.mark.parametrize("dims", [(2**40, 2**40), (2**31, 2**31, 2), (2**62, 2)])
def test_index_conversion_huge_dims(dims):
    assert_same_error(lambda m: m.ravel_multi_index(tuple([0] * len(dims)), dims))
    assert_same_error(lambda m: m.unravel_index(0, dims))
