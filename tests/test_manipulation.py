"""Array manipulation routines: joining (concatenate, stack, *stack, block), splitting
(array_split, split, h/v/dsplit, unstack), tile, repeat, flip/rot90, roll, pad, insert,
delete, append, resize, trim_zeros, atleast_nd and copyto. Results are compared with
NumPy's (dtype, shape, values), views must be views (shares_memory, base) and copies
copies, and bad input raises NumPy's exception class."""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, both
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, layouts, shapes

FAST = settings(max_examples=40, deadline=None)


def _prep(m, a, layout):
    return LAYOUTS[layout](m, m.array(a))


def _same_sharing(run):
    """run(module) -> (result, source): values equal and shares_memory agrees."""
    ours, our_src = run(numoxide)
    theirs, their_src = run(numpy)
    assert_same(ours, theirs)
    if isinstance(theirs, (list, tuple)):
        pairs = list(zip(ours, theirs))
    else:
        pairs = [(ours, theirs)]
    for o, t in pairs:
        if t.size:
            assert numoxide.shares_memory(o, our_src) == numpy.shares_memory(t, their_src)


# ----- concatenate and stack ---------------------------------------------------------------


@FAST
@given(st.data())
def test_concatenate_dtypes_layouts_axes(data):
    shape = data.draw(shapes(min_dims=1, max_dims=3))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    parts = []
    for _ in range(data.draw(st.integers(1, 4))):
        s = list(shape)
        s[axis] = data.draw(st.integers(0, 3))
        a = data.draw(arrays(shape=tuple(s)))
        parts.append(
            (a, data.draw(st.sampled_from(["as_is", "reversed", "reversed_last", "stepped"])))
        )

    def run(m):
        return m.concatenate([_prep(m, a, lay) for a, lay in parts], axis=axis)

    both(run)
    both(lambda m: m.concatenate([_prep(m, a, lay) for a, lay in parts], axis=None))


@FAST
@given(st.data())
def test_concatenate_one_dtype(data):
    """Inputs sharing one dtype (each copied as one block when C-contiguous): leading
    length-1 axes, flattening, many inputs, byte-swapped and non-contiguous inputs."""
    dtype = data.draw(st.sampled_from(ALL_DTYPES + [">i4", ">f8"]))
    shape = list(data.draw(shapes(min_dims=1, max_dims=3)))
    axis = data.draw(st.integers(0, len(shape) - 1))
    for d in range(axis):
        shape[d] = data.draw(st.sampled_from([1, 1, shape[d]]))
    parts = []
    for _ in range(data.draw(st.integers(1, 12))):
        s = list(shape)
        s[axis] = data.draw(st.integers(0, 3))
        lay = data.draw(st.sampled_from(["as_is", "as_is", "reversed", "reversed_last", "fortran"]))
        parts.append((data.draw(arrays(dtype=dtype, shape=tuple(s))), lay))

    def run(m, ax):
        return m.concatenate([_prep(m, a, lay) for a, lay in parts], axis=ax)

    both(lambda m: run(m, axis))
    both(lambda m: run(m, None))
    both(lambda m: m.concatenate(tuple(m.array(a) for a, _ in parts), axis=axis))
    both(lambda m: m.stack([m.array(parts[0][0])] * len(parts), axis=axis))


@pytest.mark.parametrize(
    "arg",
    [
        lambda m: {0: m.ones(2)},
        lambda m: {m.ones(2).tobytes()},
        lambda m: iter([m.ones(2)]),
        lambda m: range(3),
        lambda m: b"ab",
        lambda m: m.ones((2, 2)),
        lambda m: [m.ones(2), (3, 4)],
    ],
)
def test_concatenate_sequence_check(arg):
    """NumPy's PySequence_Check: a dict, a set or an iterator is not a sequence."""
    both(lambda m: m.concatenate(arg(m)))


@pytest.mark.parametrize("d1", ALL_DTYPES)
@pytest.mark.parametrize("d2", ["bool", "uint8", "int32", "float16", "float64", "complex64"])
def test_concatenate_promotion(d1, d2):
    both(lambda m: m.concatenate([m.ones((2, 2), d1), m.zeros((1, 2), d2)]))
    both(lambda m: m.stack([m.ones(3, d1), m.zeros(3, d2)], axis=1))
    both(lambda m: m.hstack([m.ones(3, d1), m.zeros(2, d2)]))


def test_concatenate_python_inputs_and_options():
    both(lambda m: m.concatenate([[1, 2], [3.5]]))
    both(lambda m: m.concatenate(([1, 2], m.array([3], m.uint8))))
    both(lambda m: m.concatenate([m.arange(3, dtype=m.uint8), [5]]))
    both(lambda m: m.concatenate([m.arange(4).reshape(2, 2)] * 3, axis=1))
    both(lambda m: m.concatenate(m.arange(6).reshape(2, 3)))
    both(lambda m: m.concatenate([m.arange(3), m.arange(2.0)], dtype="float32"))
    both(lambda m: m.concatenate([m.arange(3), m.arange(2.0)], dtype="int8", casting="unsafe"))
    both(lambda m: m.concatenate([m.zeros((2, 0)), m.zeros((2, 0))], axis=1))
    both(lambda m: m.concatenate([m.asfortranarray(m.ones((2, 3)))] * 2).flags.f_contiguous)

    def with_out(m):
        out = m.zeros((2, 3), "float32")
        r = m.concatenate([m.ones((1, 3)), m.arange(3).reshape(1, 3)], out=out)
        return r is out, out

    ours, theirs = with_out(numoxide), with_out(numpy)
    assert ours[0] and theirs[0]
    assert_same(ours[1], theirs[1])


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.concatenate([]),
        lambda m: m.concatenate([m.array(1), m.array(2)]),
        lambda m: m.concatenate([m.zeros((2, 2)), m.zeros((2, 3))]),
        lambda m: m.concatenate([m.zeros((2, 2)), m.zeros((2, 2, 1))]),
        lambda m: m.concatenate([m.zeros(2)], axis=1),
        lambda m: m.concatenate([m.zeros(2), m.zeros(2)], axis=-2),
        lambda m: m.concatenate([m.zeros(2)], out=m.zeros(2), dtype="f8"),
        lambda m: m.concatenate([m.zeros(2)], out=m.zeros(3)),
        lambda m: m.concatenate([m.zeros(2)], dtype="i8", casting="safe"),
        lambda m: m.concatenate([m.zeros(2), m.ones(2)], out=m.zeros(4, int)),
        lambda m: m.concatenate([m.zeros(2)], casting="bogus"),
        lambda m: m.concatenate(3),
        lambda m: m.stack([]),
        lambda m: m.stack([m.zeros(2), m.zeros(3)]),
        lambda m: m.stack([m.zeros(2), m.zeros(2)], axis=2),
        lambda m: m.stack(x for x in [m.zeros(2)]),
        lambda m: m.hstack([]),
        lambda m: m.vstack([m.zeros(2), m.zeros(3)]),
        lambda m: m.dstack([m.zeros((2, 2)), m.zeros((3, 2))]),
        lambda m: m.column_stack([m.zeros(2), m.zeros(3)]),
    ],
)
def test_join_errors(call):
    assert_same_error(call)


def test_concatenate_error_message():
    with pytest.raises(ValueError) as ours:
        numoxide.concatenate([numoxide.zeros((2, 2)), numoxide.zeros((2, 3))])
    with pytest.raises(ValueError) as theirs:
        numpy.concatenate([numpy.zeros((2, 2)), numpy.zeros((2, 3))])
    assert str(ours.value).splitlines()[0] == str(theirs.value).splitlines()[0]


@FAST
@given(arrays(), st.integers(1, 3), st.data())
def test_stack_family(a, count, data):
    axis = data.draw(st.integers(-a.ndim - 1, a.ndim))
    both(lambda m: m.stack([m.array(a)] * count, axis=axis))
    for name in ["hstack", "vstack", "dstack", "column_stack"]:
        both(lambda m, n=name: getattr(m, n)([m.array(a)] * count))


def test_stack_out_dtype_and_scalars():
    both(lambda m: m.stack([1, 2.5, 3]))
    both(lambda m: m.stack([m.uint8(1), 5]))
    both(lambda m: m.stack([m.arange(3), m.arange(3)], dtype="float32"))
    both(lambda m: m.vstack([m.arange(3), m.arange(3.0)], dtype="float16"))
    both(lambda m: m.column_stack([m.arange(3), m.ones((3, 2))]))
    both(lambda m: m.dstack([1, 2]))

    def with_out(m):
        out = m.zeros((2, 3))
        r = m.stack([m.arange(3), m.arange(3)], out=out)
        return r is out, out

    ours, theirs = with_out(numoxide), with_out(numpy)
    assert ours[0] == theirs[0]
    assert_same(ours[1], theirs[1])


@pytest.mark.parametrize(
    "build",
    [
        lambda m: [[m.ones((2, 2)), m.zeros((2, 3))], [m.zeros((1, 2)), m.ones((1, 3))]],
        lambda m: [1, 2, 3],
        lambda m: [[1, 2], [3, 4]],
        lambda m: [m.arange(3), [4, 5]],
        lambda m: [[[m.ones((2, 2, 2))]]],
        lambda m: [[m.eye(2, dtype="int8"), m.zeros((2, 1), "float32")]],
        lambda m: m.arange(4),
        lambda m: 5,
        lambda m: [[1, 2], [3]],
        lambda m: [[1, 2], 3],
        lambda m: [[], [1]],
        lambda m: [],
        lambda m: ([1],),
        lambda m: [[[1]], [[2], (3,)]],
        lambda m: [m.zeros((2, 2)), m.ones(3)],
    ],
)
def test_block(build):
    both(lambda m: m.block(build(m)))


def test_block_messages():
    for bad in ([[1, 2], 3], [[], [1]], ([1],)):
        with pytest.raises(Exception) as ours:
            numoxide.block(bad)
        with pytest.raises(Exception) as theirs:
            numpy.block(bad)
        assert type(ours.value) is type(theirs.value)
        assert str(ours.value) == str(theirs.value)


# ----- splitting ---------------------------------------------------------------------------------


@FAST
@given(arrays(shape=shapes(min_dims=1, max_dims=3)), layouts(), st.data())
def test_split_family_views(a, layout, data):
    nd = _prep(numpy, a, layout).ndim
    axis = data.draw(st.integers(-nd, nd - 1))
    sections = data.draw(st.one_of(st.integers(1, 4), st.lists(st.integers(-6, 6), max_size=3)))
    _same_sharing(lambda m: (m.array_split(x := _prep(m, a, layout), sections, axis=axis), x))
    both(lambda m: m.split(_prep(m, a, layout), sections, axis=axis))
    for name in ["hsplit", "vsplit", "dsplit"]:
        both(lambda m, n=name: getattr(m, n)(_prep(m, a, layout), sections))
    if nd >= 1:
        _same_sharing(lambda m: (m.unstack(x := _prep(m, a, layout), axis=axis), x))


def test_split_results_are_views_with_base():
    for m in (numpy, numoxide):
        a = m.arange(10)
        parts = m.split(a, 5)
        parts[1][0] = 99
        assert a[2] == 99
        assert parts[0].base is not None
        assert type(parts) is list


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.split(m.arange(7), 3),
        lambda m: m.split(m.arange(7), 0),
        lambda m: m.array_split(m.arange(7), 0),
        lambda m: m.array_split(m.arange(7), 2, axis=1),
        lambda m: m.split(m.arange(6), [2.0]),
        lambda m: m.hsplit(m.array(1), 1),
        lambda m: m.vsplit(m.arange(3), 1),
        lambda m: m.dsplit(m.ones((2, 2)), 1),
        lambda m: m.unstack(m.array(1)),
        lambda m: m.unstack(m.ones((2, 2)), axis=2),
    ],
)
def test_split_errors(call):
    assert_same_error(call)


def test_array_split_float_count():
    both(lambda m: m.array_split(m.arange(6), 2.0))
    both(lambda m: m.array_split([1, 2, 3, 4, 5], 3))


# ----- flip, rot90, roll -----------------------------------------------------------------------------


@FAST
@given(arrays(), layouts(), st.data())
def test_flip_and_rot90_views(a, layout, data):
    nd = _prep(numpy, a, layout).ndim
    axis = data.draw(st.one_of(st.none(), st.integers(-nd, nd - 1) if nd else st.none()))
    _same_sharing(lambda m: (m.flip(x := _prep(m, a, layout), axis=axis), x))
    if nd >= 1:
        _same_sharing(lambda m: (m.flipud(x := _prep(m, a, layout)), x))
    if nd >= 2:
        _same_sharing(lambda m: (m.fliplr(x := _prep(m, a, layout)), x))
        k = data.draw(st.integers(-5, 5))
        axes = data.draw(st.sampled_from([(0, 1), (1, 0), (-1, 0), (0, -1)]))
        _same_sharing(lambda m: (m.rot90(x := _prep(m, a, layout), k, axes=axes), x))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.flip(m.ones(3), axis=1),
        lambda m: m.flip(m.ones((2, 2)), axis=(0, 0)),
        lambda m: m.fliplr(m.ones(3)),
        lambda m: m.flipud(m.array(1)),
        lambda m: m.rot90(m.ones((2, 2)), axes=(0,)),
        lambda m: m.rot90(m.ones((2, 2)), axes=(0, 0)),
        lambda m: m.rot90(m.ones((2, 2)), axes=(0, 2)),
        lambda m: m.rot90(m.ones(2)),
    ],
)
def test_flip_errors(call):
    assert_same_error(call)


@FAST
@given(arrays(), layouts(), st.data())
def test_roll(a, layout, data):
    nd = _prep(numpy, a, layout).ndim
    shift = data.draw(
        st.one_of(st.integers(-7, 7), st.lists(st.integers(-7, 7), min_size=1, max_size=3))
    )
    _same_sharing(lambda m: (m.roll(x := _prep(m, a, layout), shift), x))
    if nd:
        axis = data.draw(st.lists(st.integers(-nd, nd - 1), min_size=1, max_size=3))
        if isinstance(shift, int) or len(shift) in (1, len(axis)) or len(axis) == 1:
            both(lambda m: m.roll(_prep(m, a, layout), shift, axis=tuple(axis)))
            both(lambda m: m.roll(_prep(m, a, layout), shift, axis=axis[0]))


def test_roll_errors():
    assert_same_error(lambda m: m.roll(m.ones((2, 2)), 1, axis=2))
    assert_same_error(lambda m: m.roll(m.ones((2, 2)), (1, 2, 3), axis=(0, 1)))
    both(lambda m: m.roll([1, 2, 3], 1.0))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.roll(m.arange(4), []),
        lambda m: m.roll(1j, []),
        lambda m: m.roll(m.arange(6).reshape(2, 3), [], axis=[]),
        lambda m: m.roll(m.arange(6).reshape(2, 3), [], axis=0),
        lambda m: m.roll(m.arange(6).reshape(2, 3), 1, axis=[]),
        lambda m: m.roll(m.zeros((0,), m.uint64), []),
    ],
)
def test_roll_empty_shift_lists(call):
    both(call)


# ----- tile, repeat --------------------------------------------------------------------------------------


@FAST
@given(arrays(), layouts(), st.one_of(st.integers(0, 3), st.lists(st.integers(0, 3), max_size=4)))
def test_tile(a, layout, reps):
    _same_sharing(lambda m: (m.tile(x := _prep(m, a, layout), reps), x))


@FAST
@given(arrays(), layouts(), st.data())
def test_repeat(a, layout, data):
    nd = _prep(numpy, a, layout).ndim
    count = data.draw(st.integers(0, 3))
    both(lambda m: m.repeat(_prep(m, a, layout), count))
    both(lambda m: _prep(m, a, layout).repeat(2))
    if nd:
        axis = data.draw(st.integers(-nd, nd - 1))
        n = _prep(numpy, a, layout).shape[axis]
        reps = data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
        both(lambda m: m.repeat(_prep(m, a, layout), reps, axis=axis))
        both(lambda m: _prep(m, a, layout).repeat(2, axis=axis))
        size = _prep(numpy, a, layout).size
        flat = data.draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))
        both(lambda m: m.repeat(_prep(m, a, layout), flat))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.repeat([1, 2], [-1, 2]),
        lambda m: m.repeat([1, 2], [1, 2, 3]),
        lambda m: m.repeat([1, 2], 2, axis=1),
        lambda m: m.tile([1, 2], -1),
        lambda m: m.tile([1, 2], 2.0),
    ],
)
def test_tile_repeat_errors(call):
    assert_same_error(call)


def test_repeat_scalars_and_floats():
    both(lambda m: m.repeat(5, 3))
    both(lambda m: m.repeat([1, 2], [1.5, 2]))
    both(lambda m: m.repeat(m.array(7), 2, axis=0))
    both(lambda m: m.tile(m.array(3), (2, 2)))
    both(lambda m: m.tile(m.ones((2, 3)), 1))


# ----- pad ----------------------------------------------------------------------------------------------

MODES = [
    "constant",
    "edge",
    "linear_ramp",
    "maximum",
    "mean",
    "median",
    "minimum",
    "reflect",
    "symmetric",
    "wrap",
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([d for d in ALL_DTYPES if not d.startswith("complex")]),
    layouts(),
    st.sampled_from(MODES),
    st.data(),
)
def test_pad_modes(dtype, layout, mode, data):
    a = data.draw(arrays(dtype=dtype, shape=data.draw(shapes(max_dims=3, max_side=4))))
    nd = _prep(numpy, a, layout).ndim
    width = data.draw(
        st.one_of(
            st.integers(0, 5),
            st.tuples(st.integers(0, 5), st.integers(0, 5)),
            st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=nd, max_size=nd),
        )
    )
    kwargs = {}
    if mode in ("reflect", "symmetric") and data.draw(st.booleans()):
        kwargs["reflect_type"] = "odd"
    if mode in ("maximum", "mean", "median", "minimum") and data.draw(st.booleans()):
        kwargs["stat_length"] = data.draw(
            st.one_of(st.integers(1, 3), st.tuples(st.integers(1, 3), st.integers(1, 3)))
        )
    if mode == "constant" and data.draw(st.booleans()):
        kwargs["constant_values"] = data.draw(st.tuples(st.integers(0, 9), st.integers(0, 9)))
    if mode == "linear_ramp" and data.draw(st.booleans()):
        kwargs["end_values"] = data.draw(st.tuples(st.integers(-5, 5), st.integers(-5, 5)))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            theirs = numpy.pad(_prep(numpy, a, layout), width, mode, **kwargs)
        except (ValueError, TypeError):
            assert_same_error(lambda m: m.pad(_prep(m, a, layout), width, mode, **kwargs))
            return
        ours = numoxide.pad(_prep(numoxide, a, layout), width, mode, **kwargs)
    assert_same(ours, theirs)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize(
    "mode",
    [
        "constant",
        "edge",
        "reflect",
        "symmetric",
        "wrap",
        "linear_ramp",
        "maximum",
        "minimum",
        "mean",
        "median",
    ],
)
def test_pad_every_dtype(dtype, mode):
    both(lambda m: m.pad(m.arange(1, 7).reshape(2, 3).astype(dtype), ((1, 2), (3, 1)), mode))


def test_pad_widths_spellings_and_values():
    a = [[1, 2], [3, 4]]
    for w in [
        1,
        (1,),
        (1, 2),
        ((1, 2),),
        ((1, 2), (0, 3)),
        [[1], [2]],
        {0: 1},
        {1: (2, 0)},
        {-1: 1},
        1.0,
        numpy.int64(2),
    ]:
        if isinstance(w, float):
            assert_same_error(lambda m, w=w: m.pad(a, w))
            continue
        both(lambda m, w=w: m.pad(a, w))
    both(lambda m: m.pad(a, 1, constant_values=((7, 8), (9, 10))))
    both(lambda m: m.pad(a, 1, mode="edge"))
    both(lambda m: m.pad(m.arange(5.0), 3, "linear_ramp", end_values=(-1.5, 9)))
    both(lambda m: m.pad(m.arange(5, dtype="float32"), 3, "linear_ramp", end_values=2))
    both(lambda m: m.pad(m.arange(5, dtype="uint8"), (6, 7), "reflect", reflect_type="odd"))
    both(lambda m: m.pad(m.arange(3), (10, 11), "symmetric", reflect_type="odd"))
    both(lambda m: m.pad(m.arange(1), 3, "reflect"))
    both(lambda m: m.pad(m.array([1, 5, 2, 8]), 2, "median", stat_length=3))
    both(lambda m: m.pad(m.array([1.0, m.nan, 2]), 2, "median"))
    both(lambda m: m.pad(m.array(5), (), "edge"))
    both(lambda m: m.pad(m.array([1 + 2j, 3 - 1j, 2j, 1 + 2j]), 2, "median"))
    both(
        lambda m: m.pad(
            m.arange(6, dtype="uint8").reshape(2, 3), 2, "linear_ramp", end_values=((1, 2), (3, 4))
        )
    )
    both(lambda m: m.concatenate([m.arange(3, dtype=">i4"), m.arange(2, dtype=">i4")]))
    assert numoxide.pad(numoxide.arange(3), 2, "empty").shape == (7,)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.pad(m.ones(3), -1),
        lambda m: m.pad(m.ones(3), 1.5),
        lambda m: m.pad(m.ones(3), 1, "bogus"),
        lambda m: m.pad(m.ones(3), 1, None),
        lambda m: m.pad(m.ones(3), 1, mode=None),
        lambda m: m.pad(m.ones(3), 1, "edge", "extra"),
        lambda m: m.pad(m.ones(3), 1, "edge", constant_values=1),
        lambda m: m.pad(m.ones((0, 2)), 1, "edge"),
        lambda m: m.pad(m.ones(3), 1, "maximum", stat_length=0),
        lambda m: m.pad(m.ones((2, 2)), ((1, 2), (3, 4), (5, 6))),
    ],
)
def test_pad_errors(call):
    assert_same_error(call)


def test_pad_callable():
    def fill(vector, pad_width, iaxis, kwargs):
        before, after = pad_width
        vector[:before] = kwargs.get("value", -1)
        if after:
            vector[-after:] = iaxis + 10

    both(lambda m: m.pad(m.arange(6).reshape(2, 3), 2, fill))
    both(lambda m: m.pad(m.arange(6).reshape(2, 3), ((1, 0), (0, 2)), fill, value=7))


# ----- insert, delete, append -----------------------------------------------------------------------------


@FAST
@given(arrays(shape=shapes(min_dims=1, max_dims=3)), layouts(), st.data())
def test_delete(a, layout, data):
    x = _prep(numpy, a, layout)
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    n = x.size if axis is None else x.shape[axis]
    obj = data.draw(
        st.one_of(
            st.integers(-n - 1, n),
            st.lists(st.integers(-n, max(n - 1, 0)), max_size=4) if n else st.just([]),
            st.builds(
                slice,
                st.none() | st.integers(-6, 6),
                st.none() | st.integers(-6, 6),
                st.sampled_from([None, 1, 2, -1, -2]),
            ),
            st.lists(st.booleans(), min_size=n, max_size=n),
        )
    )
    both(lambda m: m.delete(_prep(m, a, layout), obj, axis=axis))


@FAST
@given(arrays(shape=shapes(min_dims=1, max_dims=3)), layouts(), st.data())
def test_insert(a, layout, data):
    x = _prep(numpy, a, layout)
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1)))
    n = x.size if axis is None else x.shape[axis]
    obj = data.draw(
        st.one_of(
            st.integers(-n, n),
            st.lists(st.integers(-n, n), min_size=1, max_size=3),
            st.builds(slice, st.none() | st.integers(-4, 4), st.none() | st.integers(-4, 4)),
        )
    )
    values = data.draw(
        st.one_of(st.integers(0, 100), st.lists(st.integers(0, 100), min_size=1, max_size=3))
    )
    both(lambda m: m.insert(_prep(m, a, layout), obj, values, axis=axis))


def test_insert_delete_cases():
    b = [[1, 2, 3], [4, 5, 6]]
    both(lambda m: m.insert(m.array(b), 1, [7, 8], axis=1))
    both(lambda m: m.insert(m.array(b), [1], [[7], [8]], axis=1))
    both(lambda m: m.insert(m.array(b), [1, 2], [7, 8], axis=1))
    both(lambda m: m.insert(m.array(b), 1, 9))
    both(lambda m: m.insert(m.array(b), [2, 0, 2], [7, 8, 9]))
    both(lambda m: m.insert(m.array(b, "uint8"), 0, 2.7))
    both(lambda m: m.insert([1, 2, 3], m.array([True, False, True]), 0))
    both(lambda m: m.insert([1, 2, 3], [], 0))
    both(lambda m: m.delete(m.array(b), 1, axis=0))
    both(lambda m: m.delete(m.array(b), [0, 2], axis=1))
    both(lambda m: m.delete(m.array(b), slice(None, None, -2), axis=1))
    both(lambda m: m.delete([1, 2, 3], [True, False, True]))
    both(lambda m: m.delete([1, 2, 3], []))
    both(lambda m: m.delete(m.array(5), 0))
    both(lambda m: m.delete(m.asfortranarray(m.ones((3, 3))), 1, axis=0).flags.f_contiguous)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.delete([1, 2, 3], 3),
        lambda m: m.delete([1, 2, 3], -4),
        lambda m: m.delete([1, 2, 3], [0, 5]),
        lambda m: m.delete([1, 2, 3], 1.0),
        lambda m: m.delete([1, 2, 3], [True, False]),
        lambda m: m.delete([1, 2, 3], True),
        lambda m: m.delete(m.ones((2, 2)), 0, axis=2),
        lambda m: m.insert([1, 2, 3], 5, 0),
        lambda m: m.insert([1, 2, 3], 1.0, 5),
        lambda m: m.insert([1, 2, 3], [1.0, 2.0], 5),
        lambda m: m.insert([1, 2, 3], [[1]], 5),
        lambda m: m.insert(m.ones((2, 2)), 0, 1, axis=2),
        lambda m: m.insert(m.ones((2, 2)), [0, 1], m.ones((3, 3)), axis=0),
    ],
)
def test_insert_delete_errors(call):
    assert_same_error(call)


@pytest.mark.parametrize("d1", ["bool", "uint8", "int64", "float32", "complex128"])
def test_append(d1):
    both(lambda m: m.append(m.ones((2, 2), d1), [1, 2]))
    both(lambda m: m.append(m.ones((2, 2), d1), m.zeros((1, 2), "float16"), axis=0))
    both(lambda m: m.append(m.ones(3, d1), 7))
    assert_same_error(lambda m: m.append(m.ones((2, 2), d1), [1, 2], axis=0))


# ----- resize, trim_zeros, atleast, copyto ------------------------------------------------------------


@FAST
@given(arrays(), layouts(), st.one_of(st.integers(0, 7), st.lists(st.integers(0, 4), max_size=3)))
def test_np_resize(a, layout, shape):
    both(lambda m: m.resize(_prep(m, a, layout), shape))


def test_np_resize_cases():
    both(lambda m: m.resize([1, 2, 3], (2, 4)))
    both(lambda m: m.resize([], (2,)))
    both(lambda m: m.resize(m.arange(4).reshape(2, 2).T, 7))
    assert_same_error(lambda m: m.resize([1, 2], -1))


def test_ndarray_resize():
    def run(m):
        a = m.arange(4)
        a.resize(6)
        b = m.arange(6).reshape(2, 3)
        b.resize((2, 2), refcheck=False)
        c = m.arange(3)
        c.resize(3, 1)
        d = m.arange(4.0)
        d.resize(2, 2)
        return a, b, c, d

    both(run)

    def views(m):
        c = m.arange(3)
        v = c[:2]
        v.resize(2)
        return v

    both(views)

    def fortran(m, shape):
        a = m.asfortranarray(m.arange(6).reshape(2, 3))
        a.resize(shape)
        return a

    both(fortran, (3, 2))
    both(fortran, (4, 2))
    assert_same_error(lambda m: m.arange(6).reshape(2, 3)[:, ::2].resize(8))
    assert_same_error(lambda m: m.arange(6)[:3].resize(5))
    assert_same_error(lambda m: m.arange(3).resize(-1))

    for m in (numpy, numoxide):
        a = m.arange(3)
        b = a  # noqa: F841 - a second reference makes refcheck refuse
        with pytest.raises(ValueError):
            a.resize(5)
        a.resize(5, refcheck=False)
        assert a.shape == (5,)


@pytest.mark.parametrize("trim", ["fb", "f", "b", "BF"])
def test_trim_zeros(trim):
    both(lambda m: m.trim_zeros(m.array([0, 0, 1, 2, 0, 3, 0]), trim))
    both(lambda m: m.trim_zeros(m.zeros(4), trim))
    both(lambda m: m.trim_zeros(m.array([[0, 0, 0], [0, 1, 0], [0, 0, 2]]), trim))
    both(lambda m: m.trim_zeros(m.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), trim, axis=1))
    both(lambda m: m.trim_zeros(m.array([[0, 0, 0], [0, 1, 0]]), trim, axis=()))
    assert numoxide.trim_zeros([0, 1, 2, 0], trim) == numpy.trim_zeros([0, 1, 2, 0], trim)
    _same_sharing(lambda m: (m.trim_zeros(x := m.array([0.0, 1, 2, 0, -0.0]), trim), x))


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 20000),
    st.integers(0, 9000),
    st.integers(0, 9000),
    st.sampled_from(["fb", "f", "b", "BF"]),
    st.sampled_from(["float64", "int8", "bool", "complex64", "float16"]),
    st.booleans(),
)
def test_trim_zeros_long(n, lead, tail, trim, dtype, reverse):
    # Runs of zeros longer than the 4096-element chunks the 1-D scan reads, from both
    # ends; NaN and -0.0 among the values; reversed (negative-stride) views.
    rng = numpy.random.default_rng(n + lead + tail)
    body = numpy.zeros(n)
    values = (
        [numpy.nan, -0.0, 2.5] if dtype in ("float64", "complex64", "float16") else [1.0, -0.0, 2.0]
    )
    body[rng.integers(0, n, size=min(n, 3))] = values[: min(n, 3)] if n else []
    a = numpy.concatenate([numpy.zeros(lead), body, numpy.zeros(tail)])
    a = a.astype(dtype) if dtype != "bool" else a != 0
    if reverse:
        a = a[::-1]
    both(lambda m: m.trim_zeros(m.asarray(a) if m is numoxide else a, trim))


def test_trim_zeros_errors():
    assert_same_error(lambda m: m.trim_zeros(m.array([0, 1]), "x"))
    assert_same_error(lambda m: m.trim_zeros(m.array([0, 1]), axis=1))


@given(arrays(shape=shapes(max_dims=4)), layouts())
@FAST
def test_atleast(a, layout):
    for name in ["atleast_1d", "atleast_2d", "atleast_3d"]:
        _same_sharing(lambda m, n=name: (getattr(m, n)(x := _prep(m, a, layout)), x))
        both(lambda m, n=name: getattr(m, n)(_prep(m, a, layout), 1, [2, 3]))
    for m in (numpy, numoxide):
        x = m.ones((2, 2))
        assert m.atleast_1d(x) is x and m.atleast_2d(x) is x
    both(lambda m: m.atleast_1d())


@pytest.mark.parametrize("dst", ALL_DTYPES)
@pytest.mark.parametrize(
    "src", ["bool", "int8", "uint16", "int64", "float32", "float64", "complex64"]
)
@pytest.mark.parametrize("casting", ["no", "safe", "same_kind", "unsafe"])
def test_copyto_casting(dst, src, casting):
    def run(m):
        d = m.zeros((2, 3), dst)
        m.copyto(d, m.arange(3).astype(src), casting=casting)
        return d

    both(run)


@pytest.mark.parametrize(
    "value", [3, 300, -1, 2.5, 1 + 2j, True, numpy.int64(3), numpy.float32(2.5)]
)
@pytest.mark.parametrize("dst", ["bool", "uint8", "int32", "float32", "complex64"])
def test_copyto_scalars(value, dst):
    def run(m):
        d = m.zeros(3, dst)
        v = to_module_scalar(m, value)
        m.copyto(d, v)
        return d

    both(run)


def to_module_scalar(m, v):
    if isinstance(v, numpy.generic):
        return getattr(m, type(v).__name__)(v.item())
    return v


def test_copyto_where_and_errors():
    def run(m):
        d = m.zeros((2, 3))
        m.copyto(d, m.arange(3), where=[True, False, True])
        m.copyto(d, 7, where=m.array([[True], [False]]))
        m.copyto(d, -1, where=[[0, 1, 0], [1, 0, 0]])
        return d

    both(run)
    assert_same_error(lambda m: m.copyto([1, 2], [1, 2]))
    assert_same_error(lambda m: m.copyto(m.zeros(3), m.ones(4)))
    assert_same_error(lambda m: m.copyto(m.zeros(3), m.ones(3), where=m.ones(2, bool)))
    assert_same_error(lambda m: m.copyto(m.zeros(3), 1, casting="bogus"))
    assert_same_error(lambda m: m.copyto(m.zeros(3), 1, where=m.array([1, 0, 1])))

    def readonly(m):
        d = m.zeros(3)
        d.flags.writeable = False
        m.copyto(d, 1.0)

    assert_same_error(readonly)


# ----- copies are copies -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda m, a: m.concatenate([a]),
        lambda m, a: m.stack([a]),
        lambda m, a: m.tile(a, 1),
        lambda m, a: m.repeat(a, 1),
        lambda m, a: m.pad(a, 0),
        lambda m, a: m.delete(a, []),
        lambda m, a: m.insert(a, [], []),
        lambda m, a: m.append(a, []),
        lambda m, a: m.roll(a, 0),
    ],
)
def test_copies_do_not_share(call):
    for m in (numpy, numoxide):
        a = m.arange(6.0)
        r = call(m, a)
        assert not m.shares_memory(r, a)


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 2000),
    st.integers(0, 9),
    st.sampled_from(["int8", "int16", "float32", "float64", "complex128", "bool"]),
    st.integers(0, 2**32 - 1),
)
def test_repeat_per_element_counts_long(n, hi, dt, seed):
    """Long per-element count lists (small counts take the four-store path, larger ones a
    fill; the last few elements a checked tail), counts given as arrays of any int dtype."""
    rng = numpy.random.default_rng(seed)
    a = rng.integers(-50, 50, n).astype(dt)
    counts = rng.integers(0, hi + 1, n)
    both(lambda m: m.repeat(m.asarray(a), m.asarray(counts)))
    both(lambda m: m.repeat(m.asarray(a), m.asarray(counts.astype(numpy.uint8))))
    both(lambda m: m.repeat(m.asarray(a).reshape(n, 1), m.asarray(counts), axis=0))
    both(lambda m: m.repeat(m.asarray(a)[::-1], list(counts)))


# ----- audit regressions (issue 4) -------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), -float("inf"), 1e30, 2.5, 300.0, -129.5, (1.0, float("nan"))],
)
@pytest.mark.parametrize("dtype", ["int64", "int8", "int16", "float32"])
def test_pad_constant_unrepresentable(value, dtype):
    both(lambda m: m.pad(m.array([1, 2], dtype=dtype), 1, constant_values=value))


@pytest.mark.parametrize(
    "build",
    [
        lambda m: [[m.ones((2, 2)), m.zeros((2, 3))], [m.full((1, 5), 2.0)]],
        lambda m: [
            [m.ones((2, 2), dtype="i1"), m.zeros((2, 1), dtype="f4")],
            [m.arange(3, dtype="u2").reshape(1, 3)],
        ],
        lambda m: [
            [[m.ones((1, 1, 2))], [m.zeros((1, 1, 2))]],
            [[m.full((1, 1, 2), 3)], [m.full((1, 1, 2), 4)]],
        ],
        lambda m: [[m.asfortranarray(m.ones((3, 2))), m.asfortranarray(m.zeros((3, 2)))]],
        lambda m: [m.arange(3)[::-1], 5, m.arange(2.0)],
        lambda m: [[1, 2], [3, 4]],
        lambda m: [[m.ones((2, 2))], [m.ones((2, 3))]],
        lambda m: [[m.ones((2, 2)), m.ones((3, 2))]],
        lambda m: [[m.ones(2, dtype=bool), m.ones(2, dtype="c8")]],
        lambda m: [[m.zeros((0, 2)), m.zeros((0, 1))], [m.ones((2, 3))]],
    ],
)
def test_block_assembled_once(build):
    both(lambda m: m.block(build(m)))
    both(lambda m: m.block(build(m)).flags.f_contiguous)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["bool", "int8", ">i4", "int32", "uint64", "float16", "float32", ">f8"]),
    st.sampled_from(["float64", "complex128", "int64", "float32", "int16"]),
    st.integers(0, 300_000),
    st.integers(0, 5),
    st.booleans(),
)
def test_concatenate_large_streamed(d1, d2, n1, head, rows):
    """Outputs of 1 MiB and more are written with streaming stores, cast blocks through
    an L1-sized piece: lengths that leave every later block unaligned, odd heads, byte-
    swapped and casting inputs, on the flattening and the leading-axis paths."""

    def run(m):
        a = (m.arange(n1) % 251 - 100).astype(d1)
        b = m.arange(n1 // 3 + 40_000, 0, -1).astype(d2)
        c = m.arange(head, dtype=d2)
        if rows:
            return m.concatenate(
                [a.reshape(1, -1, 1), b.reshape(1, -1, 1), c.reshape(1, -1, 1)], axis=1
            )
        return m.concatenate([c, a, b])

    both(run)
