"""Advanced indexing: integer arrays (any dims, negative, lists), boolean masks (full,
partial, 0-d), mixtures with slices/Ellipsis/newaxis (where the index dimensions land),
broadcasting of index arrays, assignment (broadcast, cast, repeated indices), np.ix_,
ufunc.at with any index, the flat iterator, and NumPy's IndexError/TypeError texts."""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, both
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, dtypes, layouts

# ----- key strategies --------------------------------------------------------------------


def _index_values(draw, n, size):
    """Index values for a length-n axis: in range (negatives included), rarely out."""
    if n == 0:
        return [0] * size if draw(st.booleans()) else []
    inside = st.integers(-n, n - 1)
    vals = st.one_of(inside, inside, inside, inside, inside, inside, inside, st.integers(-n - 2, n + 2))
    return [draw(vals) for _ in range(size)]


@st.composite
def index_array_spec(draw, n, bshape):
    """("ints", values, shape, as_list, layout) for an integer index array."""
    # Each index array takes the common broadcast shape or a broadcastable variant.
    shape = tuple(d if draw(st.booleans()) else 1 for d in bshape)
    if draw(st.booleans()) and shape:
        shape = shape[draw(st.integers(0, len(shape))):]
    size = int(numpy.prod(shape)) if shape else 1
    vals = _index_values(draw, n, size)
    if len(vals) != size:
        shape, vals = (0,), []
    return ("ints", vals, shape, draw(st.booleans()), draw(st.sampled_from(["as_is", "reversed", "stepped", "fortran"])))


@st.composite
def fancy_keys(draw, shape):
    """A key with at least one array item, mostly valid for ``shape``."""
    bshape = tuple(draw(st.lists(st.integers(0, 3), min_size=0, max_size=2)))
    items = []
    axis = 0
    ellipsis = False
    n_items = draw(st.integers(1, 4))
    for _ in range(n_items):
        choices = ["ints", "ints", "slice", "none", "mask", "int"]
        if not ellipsis:
            choices.append("ellipsis")
        if axis >= len(shape):
            choices = ["none", "bool0"] + ([] if ellipsis else ["ellipsis"])
        kind = draw(st.sampled_from(choices))
        if kind == "ints":
            items.append(draw(index_array_spec(shape[axis], bshape)))
            axis += 1
        elif kind == "int":
            n = shape[axis]
            items.append(("int", draw(st.integers(-n, n - 1)) if n else 0))
            axis += 1
        elif kind == "slice":
            items.append(("slice", draw(st.sampled_from([slice(None), slice(1, None), slice(None, None, -1), slice(0, 3, 2)]))))
            axis += 1
        elif kind == "none":
            items.append(("none",))
        elif kind == "ellipsis":
            items.append(("ellipsis",))
            ellipsis = True
        elif kind == "bool0":
            items.append(("bool0", draw(st.booleans())))
        else:
            k = draw(st.integers(1, max(1, min(2, len(shape) - axis))))
            mshape = shape[axis : axis + k]
            size = int(numpy.prod(mshape))
            bits = draw(st.lists(st.booleans(), min_size=size, max_size=size))
            items.append(("mask", bits, mshape, draw(st.booleans())))
            axis += k
    if not any(it[0] in ("ints", "mask", "bool0") for it in items):
        items.append(("bool0", True))
    return items


def build_key(m, items):
    """The key for module m (NumPy or numoxide arrays; plain lists stay lists)."""
    key = []
    for it in items:
        kind = it[0]
        if kind == "ints":
            _, vals, shape, as_list, layout = it
            arr = numpy.array(vals, dtype=numpy.intp).reshape(shape)
            if as_list and arr.ndim >= 1:
                key.append(arr.tolist())
                continue
            base = m.array(arr)
            key.append(LAYOUTS[layout](m, base) if layout in ("as_is", "fortran") else base)
        elif kind == "int":
            key.append(it[1])
        elif kind == "slice":
            key.append(it[1])
        elif kind == "none":
            key.append(None)
        elif kind == "ellipsis":
            key.append(Ellipsis)
        elif kind == "bool0":
            key.append(it[1])
        else:
            _, bits, mshape, as_list = it
            arr = numpy.array(bits, dtype=bool).reshape(mshape)
            key.append(arr.tolist() if as_list and arr.ndim == 1 else m.array(arr))
    return tuple(key)


def both_arrays(base, layout):
    f = LAYOUTS[layout]
    return f(numpy, numpy.array(base)), f(numoxide, numoxide.array(base))


def compare(fn_np, fn_nx):
    try:
        theirs = fn_np()
    except Exception as e:  # noqa: BLE001 - compared by class
        with pytest.raises(Exception) as info:
            fn_nx()
        assert isinstance(info.value, type(e)) or type(e).__name__ in {c.__name__ for c in type(info.value).__mro__}, (
            f"numoxide raised {type(info.value).__name__}: {info.value}; NumPy {type(e).__name__}: {e}"
        )
        return None
    ours = fn_nx()
    assert_same(ours, theirs)
    return ours


# ----- property tests ----------------------------------------------------------------------


@st.composite
def array_and_key(draw):
    shape = tuple(draw(st.lists(st.integers(0, 4), min_size=1, max_size=3)))
    base = draw(arrays(draw(dtypes()), shape))
    items = draw(fancy_keys(shape))
    layout = draw(st.sampled_from(["as_is", "reversed", "stepped", "transposed"]))
    return base, layout, items


@settings(max_examples=400, deadline=None)
@given(array_and_key())
def test_getitem_matches_numpy(case):
    base, layout, items = case
    a_np, a_nx = both_arrays(base, layout)
    r = compare(lambda: a_np[build_key(numpy, items)], lambda: a_nx[build_key(numoxide, items)])
    if isinstance(r, numoxide.ndarray):
        # Base-ness and ownership always match NumPy; the buffer's own order can differ
        # for multi-dimensional subspaces of non-C inputs (NumPy allocates those in the
        # input's memory order), so flags are compared in test_result_layout_and_base.
        theirs = a_np[build_key(numpy, items)]
        assert (r.base is None, r.flags.owndata) == (theirs.base is None, theirs.flags.owndata)


def assert_same_layout(ours, theirs):
    """Same `.base is None`-ness, contiguity flags and owndata as NumPy; the same strides
    where no axis has length 0 or 1 (NumPy's iterator gives those axes arbitrary
    strides)."""
    info = lambda r: (r.base is None, r.flags.c_contiguous, r.flags.f_contiguous, r.flags.owndata)  # noqa: E731
    assert info(ours) == info(theirs), f"{info(ours)} != {info(theirs)}"
    if all(n > 1 for n in theirs.shape):
        assert ours.strides == theirs.strides
    if theirs.base is not None:
        assert ours.base.shape == theirs.base.shape
        assert ours.base.base is None and theirs.base.base is None


LAYOUT_KEYS = [
    lambda m, a, b: a[[0, 2]],
    lambda m, a, b: a[:, [0, 2]],
    lambda m, a, b: a[[0, 2], [1, 3]],
    lambda m, a, b: a[[[0], [2]], [1, 3]],
    lambda m, a, b: a[a > 5],
    lambda m, a, b: a[:, [True, False, True, False, True, False]],
    lambda m, a, b: b[:, [0, 1]],
    lambda m, a, b: b[:, :, [0, 1]],
    lambda m, a, b: b[[0, 1], :, [0, 1]],
    lambda m, a, b: b[:, [0, 1], [0, 1]],
    lambda m, a, b: b[..., [1]],
    lambda m, a, b: b[1:, [1, 2]],
    lambda m, a, b: b[:, [[1], [2]], 1:3],
    lambda m, a, b: m.asfortranarray(a)[:, [0, 2]],
    lambda m, a, b: a.T[[0, 2]],
    lambda m, a, b: a[None, [0, 2]],
    lambda m, a, b: a[:, [1]],
    lambda m, a, b: a[0, [1, 2]],
    lambda m, a, b: a[[0, 1], 2],
    lambda m, a, b: b[:, m.ones((4, 5), bool)],
    lambda m, a, b: a[:, True],
    lambda m, a, b: a[..., None, [1]],
    lambda m, a, b: a[:, m.array(1)],
    lambda m, a, b: a[m.array(1), 1:3],
    lambda m, a, b: a[..., m.array(1)],
    lambda m, a, b: a[m.array(1)],
    lambda m, a, b: a[m.array(1), m.array(2)],
    lambda m, a, b: a[m.array(1), 2],
    lambda m, a, b: b[m.array(1)],
    lambda m, a, b: m.asfortranarray(b)[m.array(1)],
    lambda m, a, b: b[m.array(0), m.array(1)],
    lambda m, a, b: a[::-1][:, [3, 1]],
    lambda m, a, b: a[m.array(1), ::-2],
    lambda m, a, b: b.transpose(2, 0, 1)[:, m.array(1)],
    lambda m, a, b: b[m.array(-1), None, 1:, m.array(2, dtype=m.uint8)],
    lambda m, a, b: a[m.array(3, dtype=m.int8), ...],
    lambda m, a, b: b[:, [0, 3, 3, -1]],
    lambda m, a, b: b[::-1, [2, 0]],
    lambda m, a, b: b.astype(m.int8)[1:, [1, 0]],
    lambda m, a, b: b.astype(m.complex128)[:, [[1], [0]]],
    lambda m, a, b: m.arange(3000.0).reshape(1000, 3)[:, [2, 0]],
    lambda m, a, b: m.arange(3000.0).reshape(1000, 3)[::-3, [-1]],
]


@pytest.mark.parametrize("key", [
    lambda m, a: a[m.array(2**63, dtype=m.uint64)],
    lambda m, a: a[m.array(9), 1:],
    lambda m, a: a[m.array(-5), m.array(1)],
    lambda m, a: a[:, [0, 6]],
    lambda m, a: a[m.array(1), m.array(1), m.array(1)],
])
def test_scalar_array_key_errors(key):
    assert_same_error(lambda m: key(m, m.arange(24).reshape(4, 6)))


@pytest.mark.parametrize("key", LAYOUT_KEYS)
def test_result_layout_and_base(key):
    """NumPy returns a transposed view of its gather buffer when the index dimensions do
    not come first, and a copy for 0-d integer array keys; numoxide does the same."""
    def run(m):
        return key(m, m.arange(24).reshape(4, 6), m.arange(60).reshape(3, 4, 5))
    theirs, ours = run(numpy), run(numoxide)
    assert_same(ours, theirs)
    if isinstance(theirs, numpy.ndarray):
        assert_same_layout(ours, theirs)


def test_scalar_array_keys_copy():
    for m in (numpy, numoxide):
        a = m.arange(24).reshape(4, 6)
        r = a[m.array(1)]
        r[0] = 99
        assert a[1, 0] == 6
        v = a[:, [0, 2]]
        v[0, 0] = 7
        assert a[0, 0] == 0


@settings(max_examples=300, deadline=None)
@given(array_and_key(), st.data())
def test_setitem_matches_numpy(case, data):
    base, layout, items = case
    a_np, a_nx = both_arrays(base, layout)
    try:
        target_shape = a_np[build_key(numpy, items)].shape
    except IndexError:
        with pytest.raises(IndexError):
            a_nx[build_key(numoxide, items)] = 0
        return
    kind = data.draw(st.sampled_from(["scalar", "full", "row"]))
    if kind == "scalar":
        v_np = v_nx = data.draw(st.integers(0, 1)) if base.dtype != bool else True
    else:
        shape = target_shape if kind == "full" else target_shape[-1:]
        v = data.draw(arrays(str(base.dtype), shape))
        v_np, v_nx = v, numoxide.array(v)
    a_np[build_key(numpy, items)] = v_np
    a_nx[build_key(numoxide, items)] = v_nx
    assert_same(a_nx, a_np)


@settings(max_examples=150, deadline=None)
@given(arrays(shape=st.tuples(st.integers(0, 6), st.integers(0, 5))), layouts(), st.data())
def test_full_mask_select_and_assign(base, layout, data):
    a_np, a_nx = both_arrays(base, layout)
    bits = numpy.array(data.draw(st.lists(st.booleans(), min_size=a_np.size, max_size=a_np.size)), dtype=bool).reshape(a_np.shape)
    assert_same(a_nx[numoxide.array(bits)], a_np[bits])
    count = int(bits.sum())
    v = data.draw(arrays(str(base.dtype), (count,)))
    a_np[bits] = v
    a_nx[numoxide.array(bits)] = numoxide.array(v)
    assert_same(a_nx, a_np)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_gather_every_dtype_and_strides(dtype):
    rng = numpy.random.default_rng(1)
    base = (rng.integers(0, 100, 50) % 2 == 0) if dtype == "bool" else rng.integers(0, 100, 50).astype(dtype)
    idx = rng.integers(-50, 50, (3, 7))
    for sl in (slice(None), slice(None, None, -3), slice(1, None, 2)):
        a_np, a_nx = base[sl], numoxide.array(base)[sl]
        n = a_np.shape[0]
        i = idx % n - n // 2
        assert_same(a_nx[numoxide.array(i)], a_np[i])
        assert_same(a_nx[numoxide.array(i)[:, ::-2]], a_np[i[:, ::-2]])
        assert_same(a_nx[a_nx != a_nx[0]], a_np[a_np != a_np[0]])
    byteswapped = base.astype(base.dtype.newbyteorder())
    assert_same(numoxide.array(byteswapped)[[3, 1, -1]], byteswapped[[3, 1, -1]])


def test_large_gathers_and_masks():
    rng = numpy.random.default_rng(2)
    a = rng.standard_normal(200_000)
    idx = rng.integers(-200_000, 200_000, 100_000)
    a_nx = numoxide.array(a)
    assert_same(a_nx[numoxide.array(idx)], a[idx])
    mask = a > 0.3
    assert_same(a_nx[numoxide.array(mask)], a[mask])
    m2 = a.reshape(400, 500)
    assert_same(numoxide.array(m2)[numoxide.array(idx[:300] % 400)], m2[idx[:300] % 400])
    a[mask] = 1.5
    a_nx[numoxide.array(mask)] = 1.5
    assert_same(a_nx, a)
    a[idx] = numpy.arange(idx.size, dtype=float)
    a_nx[numoxide.array(idx)] = numoxide.arange(idx.size, dtype=float)
    assert_same(a_nx, a)


# ----- placement, broadcasting and 0-d masks -------------------------------------------------

KEYS = [
    lambda m: ([0, 1],),
    lambda m: ([[0, 1], [1, 0]],),
    lambda m: (slice(None), [0, 2]),
    lambda m: (0, slice(None), [0, 1]),
    lambda m: ([0], None, [0]),
    lambda m: ([0], Ellipsis, [0]),
    lambda m: (slice(None), [0], Ellipsis, [0]),
    lambda m: ([0], [0], Ellipsis),
    lambda m: (Ellipsis, [0], [0]),
    lambda m: ([[0, 1], [1, 0]], slice(None), [[0], [1]]),
    lambda m: (True,),
    lambda m: (False,),
    lambda m: (m.True_,),
    lambda m: (m.array(True),),
    lambda m: (True, [0, 1]),
    lambda m: (slice(None), True, [0, 1]),
    lambda m: (False, Ellipsis, 0),
    lambda m: (m.array([[True, False, True], [True, True, True]]),),
    lambda m: (m.array([[True, False, True], [True, True, True]]), [0]),
    lambda m: (Ellipsis, m.array([[1, 0, 1, 0], [1, 1, 1, 0], [1, 1, 1, 1]], dtype=bool)),
    lambda m: ([True, False],),
    lambda m: ([],),
    lambda m: ([[]],),
    lambda m: ((0, 1),),
    lambda m: (m.array([0, 1], dtype=m.uint64),),
    lambda m: (m.array([0, 1], dtype=m.int8), slice(None), m.array([1], dtype=m.uint16)),
    lambda m: (m.array(1), [0, 2]),
    lambda m: (m.array([1, 0]), m.array(2)),
    lambda m: (m.int64(1), [0, 2]),
]


@pytest.mark.parametrize("key", range(len(KEYS)))
def test_key_table(key):
    base = numpy.arange(24).reshape(2, 3, 4)
    k_np, k_nx = KEYS[key](numpy), KEYS[key](numoxide)
    assert_same(numoxide.array(base)[k_nx], base[k_np])
    a_np, a_nx = base.copy(), numoxide.array(base)
    a_np[k_np] = -7
    a_nx[k_nx] = -7
    assert_same(a_nx, a_np)


def test_zero_d_arrays():
    for m_key in (True, False, (True, None)):
        assert_same(numoxide.array(5)[m_key], numpy.array(5)[m_key])
    assert_same(numoxide.arange(3)[numoxide.array(True)], numpy.arange(3)[numpy.array(True)])
    a_np, a_nx = numpy.array(5.0), numoxide.array(5.0)
    a_np[True] = 2
    a_nx[True] = 2
    assert_same(a_nx, a_np)
    assert_same(numoxide.arange(5)[numoxide.array(3)], numpy.arange(5)[numpy.array(3)])


def test_ix_and_assignment_broadcast():
    base = numpy.arange(20).reshape(4, 5)
    k_np = numpy.ix_([0, 2, 3], [True, False, True, False, True])
    k_nx = numoxide.ix_([0, 2, 3], [True, False, True, False, True])
    assert_same(k_nx, k_np)
    assert_same(numoxide.array(base)[k_nx], base[k_np])
    a_np, a_nx = base.copy(), numoxide.array(base)
    a_np[k_np] = [[1], [2], [3]]
    a_nx[k_nx] = [[1], [2], [3]]
    assert_same(a_nx, a_np)
    # Leading length-1 axes of the value are dropped; repeated indices: last wins.
    a_np[[0, 1]] = numpy.ones((1, 1, 2, 5))
    a_nx[[0, 1]] = numoxide.ones((1, 1, 2, 5))
    a_np[[2, 2, 2], [1, 1, 1]] = [7, 8, 9]
    a_nx[[2, 2, 2], [1, 1, 1]] = [7, 8, 9]
    assert_same(a_nx, a_np)
    # Overlapping value (a view of the target) and casting float -> int.
    a_np[[0, 1, 2]] = a_np[::-1][:3]
    a_nx[[0, 1, 2]] = a_nx[::-1][:3]
    a_np[[3]] = 2.7
    a_nx[[3]] = 2.7
    assert_same(a_nx, a_np)
    for args in ([0], [[1.0]], [[[0, 1]]], [["a"]]):
        assert_same_error(lambda m, a: m.ix_(*a), args) if args == [[[0, 1]]] else None
    assert_same(numoxide.ix_([]), numpy.ix_([]))
    assert_same(numoxide.ix_(), numpy.ix_())


# ----- errors ---------------------------------------------------------------------------------

ERROR_KEYS = [
    lambda m: 1.0,
    lambda m: [1.0],
    lambda m: m.array([1.0]),
    lambda m: ([0, 1], [0, 1, 2]),
    lambda m: (m.zeros((2, 3), dtype=int), m.zeros((4, 1, 2), dtype=int)),
    lambda m: [5],
    lambda m: (slice(None), [5]),
    lambda m: (slice(None), [-4]),
    lambda m: [True, False, True],
    lambda m: (slice(None), [True, False]),
    lambda m: ([0, 1], [0, 1], [0, 1], [0]),
    lambda m: m.zeros((2, 3, 4, 1), dtype=bool),
    lambda m: "a",
    lambda m: [0, slice(1)],
    lambda m: ([0], Ellipsis, Ellipsis),
    lambda m: [2**63],
    lambda m: m.array([1 + 2j]),
]


@pytest.mark.parametrize("key", range(len(ERROR_KEYS)))
def test_error_texts(key):
    base = numpy.zeros((2, 3, 4))
    with pytest.raises(Exception) as theirs:
        base[ERROR_KEYS[key](numpy)]
    with pytest.raises(type(theirs.value)) as ours:
        numoxide.array(base)[ERROR_KEYS[key](numoxide)]
    assert str(ours.value).splitlines()[0] == str(theirs.value).splitlines()[0]


def test_setitem_errors():
    def bad_shape(m):
        a = m.zeros((2, 3, 4))
        a[[0, 1]] = m.ones(2)

    def bad_mask_count(m):
        a = m.arange(24).reshape(2, 3, 4)
        a[a > 5] = m.arange(3)

    def complex_into_int(m):
        a = m.zeros(3, dtype=int)
        a[[0]] = 1.5j

    def read_only(m):
        a = m.zeros(3)
        a.flags.writeable = False
        a[[0]] = 1

    for fn in (bad_shape, bad_mask_count, complex_into_int, read_only):
        ours, theirs = assert_same_error(fn)
        assert str(ours).splitlines()[0] == str(theirs).splitlines()[0]


# ----- ufunc.at --------------------------------------------------------------------------------

AT_CASES = [
    (numpy.add, (6,), lambda m: [0, 0, 1, -1, 5, 5], lambda m: 1),
    (numpy.add, (6,), lambda m: [0, 0, 1], lambda m: [1.5, 2.5, 3.5]),
    (numpy.multiply, (2, 3), lambda m: m.array([[True, False, True], [False, False, True]]), lambda m: 3),
    (numpy.add, (2, 3), lambda m: (slice(None), [0, 0]), lambda m: [[1], [2]]),
    (numpy.add, (2, 3), lambda m: 1, lambda m: 5),
    (numpy.add, (4,), lambda m: slice(None, None, 2), lambda m: 5),
    (numpy.negative, (4,), lambda m: [0, 0, 2], None),
    (numpy.maximum, (5,), lambda m: m.array([[0, 1], [1, 4]]), lambda m: [[3, -1], [9, 2]]),
    (numpy.add, (2, 3), lambda m: [5], lambda m: 1),
    (numpy.add, (2, 3), lambda m: (slice(None), [0, 0]), lambda m: [1, 2, 3]),
]


@pytest.mark.parametrize("case", range(len(AT_CASES)))
def test_ufunc_at(case):
    uf, shape, key, b = AT_CASES[case]

    def run(m):
        a = m.arange(float(numpy.prod(shape))).reshape(shape)
        f = getattr(m, uf.__name__)
        if b is None:
            f.at(a, key(m))
        else:
            f.at(a, key(m), b(m))
        return a

    try:
        theirs = run(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(run)
        return
    assert_same(run(numoxide), theirs)


def test_ufunc_at_int_accumulates_and_casts():
    a_np, a_nx = numpy.zeros(4, dtype=int), numoxide.zeros(4, dtype=int)
    idx = numpy.random.default_rng(3).integers(0, 4, 1000)
    numpy.add.at(a_np, idx, 1.5)
    numoxide.add.at(a_nx, numoxide.array(idx), 1.5)
    assert_same(a_nx, a_np)


# ----- the flat iterator -------------------------------------------------------------------------

FLAT_GET = [
    lambda m: [1, 2],
    lambda m: m.array([True] * 6),
    lambda m: m.ones((2, 2), dtype=int),
    lambda m: [[0, 1], [1, 2]],
    lambda m: slice(1, 4),
    lambda m: Ellipsis,
    lambda m: -1,
    lambda m: [10],
    lambda m: [-7],
    lambda m: m.array([True] * 3),
    lambda m: m.ones((2, 3), dtype=bool),
    lambda m: (1, 2),
    lambda m: m.array([1.0]),
]


@pytest.mark.parametrize("key", range(len(FLAT_GET)))
@pytest.mark.parametrize("layout", ["as_is", "transposed", "reversed"])
def test_flat_getitem(key, layout):
    a_np, a_nx = both_arrays(numpy.arange(6.0).reshape(2, 3), layout)
    try:
        theirs = a_np.flat[FLAT_GET[key](numpy)]
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)) as info:
            a_nx.flat[FLAT_GET[key](numoxide)]
        assert str(info.value) == str(e)
        return
    assert_same(a_nx.flat[FLAT_GET[key](numoxide)], theirs)


FLAT_SET = [
    (lambda m: [0, 1, 2, 3], [7, 8]),
    (lambda m: m.ones(6, dtype=bool), [7, 8]),
    (lambda m: [0, 0, 0], [7, 8, 9]),
    (lambda m: slice(None), [7, 8, 9, 10]),
    (lambda m: [[0, 1]], [[7, 8]]),
    (lambda m: m.array([True, False] * 3), 5),
    (lambda m: [10], 1),
    (lambda m: 4, 9),
    (lambda m: 6, 9),
]


@pytest.mark.parametrize("case", range(len(FLAT_SET)))
@pytest.mark.parametrize("layout", ["as_is", "transposed"])
def test_flat_setitem(case, layout):
    key, value = FLAT_SET[case]
    a_np, a_nx = both_arrays(numpy.arange(6).reshape(2, 3), layout)
    try:
        a_np.flat[key(numpy)] = value
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)):
            a_nx.flat[key(numoxide)] = value
        return
    a_nx.flat[key(numoxide)] = value
    assert_same(a_nx, a_np)


def test_basic_indexing_stays_a_view():
    a = numoxide.arange(12).reshape(3, 4)
    v = a[1:, ::2]
    v[0, 0] = 100
    assert a[1, 0] == 100
    assert numoxide.shares_memory(a[0], a)
    c = a[[0, 1]]
    c[0, 0] = -1
    assert a[0, 0] == 0


@pytest.mark.parametrize(
    "key",
    [
        (slice(None), [0, 1]),
        (slice(None), [[0], [1]]),
        (slice(None), [0, 1], [1, 2]),
        (slice(None), [0, 1], slice(1, 3)),
        (slice(1, 2), [0, 1], slice(None)),
        (Ellipsis, [0]),
        (slice(None), slice(None), [0, 1]),
        (slice(None), 0, [1, 2]),
        (slice(None, None, 2), [True, False, True, False]),
        ([0, 1], slice(None), [0, 1]),
        ([[0], [1]], slice(None), [0, 1]),
        ([0, 2], slice(None)),
    ],
)
def test_advanced_result_memory_order(key):
    """Advanced dimensions after basic ones: NumPy allocates them first and moves them
    into place, so the result has the same (non-C) strides here."""
    a_np = numpy.arange(60).reshape(3, 4, 5)
    r_np = a_np[key]
    r_nx = numoxide.arange(60).reshape(3, 4, 5)[key]
    assert_same(r_nx, r_np)
    o = numpy.asarray(r_nx)
    # (a length-1 dimension's stride is immaterial)
    assert [s for s, n in zip(o.strides, o.shape) if n > 1] == [s for s, n in zip(r_np.strides, r_np.shape) if n > 1]
    assert (r_nx.flags.c_contiguous, r_nx.flags.f_contiguous) == (r_np.flags.c_contiguous, r_np.flags.f_contiguous)


@pytest.mark.parametrize("key", [True, False])
@pytest.mark.parametrize("layout", ["as_is", "transposed", "reversed"])
@pytest.mark.parametrize("dtype", ["int64", "float32", "complex128", "bool"])
def test_flat_bool_key_is_deprecated(key, layout, dtype):
    """NumPy 2.4 deprecated ``a.flat[True]`` (first element) and ``a.flat[False]``
    (nothing); both still work, with a DeprecationWarning."""
    a_np, a_nx = both_arrays((numpy.arange(6) + 3).reshape(2, 3).astype(dtype), layout)
    with pytest.warns(DeprecationWarning, match="0-dimensional boolean index"):
        theirs = a_np.flat[key]
    with pytest.warns(DeprecationWarning, match="0-dimensional boolean index"):
        ours = a_nx.flat[key]
    assert_same(ours, theirs)
    with pytest.warns(DeprecationWarning):
        a_np.flat[key] = 1
    with pytest.warns(DeprecationWarning):
        a_nx.flat[key] = 1
    assert_same(a_nx, a_np)


# ----- audit regressions (issue 4) -------------------------------------------------------------


def test_list_key_of_zero_d_arrays():
    # A list of 0-d arrays is an index array (NumPy converts the list first).
    both(lambda m: m.arange(12).reshape(3, 4)[[m.array(1), m.array(2)]])
    both(lambda m: m.array([m.array(1.5), 2]))
    both(lambda m: m.array([[m.array(1, dtype="int8"), 2]]))


@pytest.mark.parametrize(
    "key",
    [
        lambda m: [m.array([0, 2]), slice(None)],
        lambda m: [slice(None), [0, 3, 1]],
        lambda m: [0, slice(None)],
        lambda m: [None],
        lambda m: [[0], None],
    ],
)
def test_list_key_errors(key):
    assert_same_error(lambda m: m.arange(12).reshape(3, 4)[key(m)])


@pytest.mark.parametrize("value", [[[5], [6]], [[1, 2, 3, 4, 5, 6]], [[7]], numpy.ones((1, 1, 6))])
def test_mask_assign_needs_0d_or_1d_value(value):
    def f(m):
        a = m.arange(12.0).reshape(3, 4)
        a[a > 5] = m.asarray(value) if isinstance(value, numpy.ndarray) else value
        return a

    assert_same_error(f)


@pytest.mark.parametrize("key", [[-4], [3], ([0, 1], [4])])
def test_setitem_checks_value_shape_before_bounds(key):
    def f(m, shape):
        a = m.zeros(shape)
        a[key if isinstance(key, list) else key] = [1, 2, 3]
        return a

    assert_same_error(f, (3, 4))
    if isinstance(key, list):
        assert_same_error(f, (3,))


def test_flatiter_coords_and_compare():
    def walk(m, a):
        f = a.flat
        out = [f.coords]
        for _ in range(3):
            next(f)
            out.append((f.coords, f.index))
        list(f)
        out.append((f.coords, f.index))
        return out

    for make in (lambda m: m.arange(6).reshape(2, 3), lambda m: m.arange(6).reshape(2, 3).T, lambda m: m.arange(24).reshape(2, 3, 4)[:, ::-1]):
        assert walk(numpy, make(numpy)) == walk(numoxide, make(numoxide))
    assert numpy.array(3).flat.coords == numoxide.array(3).flat.coords == ()
    both(lambda m: m.arange(4).flat == 2)
    both(lambda m: m.arange(4).reshape(2, 2).flat < [1, 1, 3, 3])
    assert_same_error(lambda m: m.arange(4).flat[None])


@pytest.mark.parametrize(
    "key",
    [
        lambda m: (slice(1, None), slice(None, None, -2)),
        lambda m: (m.array(1), slice(1, None)),
        lambda m: (m.array(1), m.array(2)),
        lambda m: (1, None, Ellipsis),
        lambda m: (m.array(-1, dtype="uint8"), 0),
        lambda m: (m.array(2, dtype="int8"), slice(None, None, -1)),
        lambda m: (slice(None), 5),
        lambda m: (m.array(7), 0),
    ],
)
@pytest.mark.parametrize("layout", ["C", "F", "rev"])
def test_tuple_keys_quick_path(key, layout):
    def f(m):
        a = m.arange(12.0).reshape(3, 4)
        a = {"C": a, "F": m.asfortranarray(a), "rev": a[::-1]}[layout]
        r = a[key(m)]
        # Views share memory with `a`; a 0-d array in the key gives a copy.
        shares = isinstance(r, m.ndarray) and m.shares_memory(r, a)
        return r, shares

    both(f)
