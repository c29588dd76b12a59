"""Edge cases of indexing, pad and flat iteration where numoxide once differed from NumPy:
the order of checks in assignments (key before value), cast warnings of pad's constant
values, and NumPy 2.4's deprecated float keys of flat iterators. Expected behaviour
(values, exception classes and messages, warning classes and messages) comes from NumPy
at test time."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same


def outcome(mod, fn):
    """What ``fn(mod)`` does: ("ok", value, warnings) or ("err", class name, message,
    warnings), with warnings as (class name, message) pairs in order."""
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        try:
            r = fn(mod)
        except Exception as e:  # noqa: BLE001 - we compare whatever NumPy raises
            return ("err", type(e).__name__, str(e), [(w.category.__name__, str(w.message)) for w in log])
    return ("ok", r, [(w.category.__name__, str(w.message)) for w in log])


def compare(fn, message=True):
    theirs = outcome(numpy, fn)
    ours = outcome(numoxide, fn)
    assert ours[0] == theirs[0], (ours, theirs)
    if theirs[0] == "err":
        assert ours[1] == theirs[1], (ours, theirs)
        if message:
            assert ours[2] == theirs[2], (ours, theirs)
    else:
        assert_same(ours[1], theirs[1])
    assert ours[-1] == theirs[-1], (ours, theirs)


# ----- assignment: the key is checked before the value is converted ------------------

VALUES = [-1, 300, 1.5, float("nan"), [1, 2], [-1, 2], [-1, 2, 3, 4], [1.5, float("nan")], "x"]
KEYS = [
    ("mask3", lambda m: m.array([True, False, True])),
    ("mask4", lambda m: m.array([True, True, False, True])),
    ("mask_empty_ok", lambda m: m.array([True] * 4)),
    ("int_oob", lambda m: 10),
    ("int_neg_oob", lambda m: -5),
    ("fancy", lambda m: [0, 1]),
    ("fancy_oob", lambda m: [0, 10]),
    ("slice", lambda m: slice(0, 2)),
    ("too_many", lambda m: (0, 1)),
    ("float_array", lambda m: m.array([1.0])),
    ("two_ellipsis", lambda m: (Ellipsis, Ellipsis, [0])),
    ("zero_d_int_oob", lambda m: m.array(7)),
]


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int64"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("key", KEYS, ids=[k for k, _ in KEYS])
def test_setitem_order_1d(key, value, dtype):
    def f(m):
        b = m.arange(4, dtype=dtype)
        b[key[1](m)] = value
        return b

    # Messages of errors that both raise after the key check may be worded differently
    # by Python's int(); the class and the first failed check must agree.
    compare(f, message=False)


KEYS_2D = [
    ("int_oob_fancy", lambda m: (10, [0, 1])),
    ("fancy_int_oob", lambda m: ([0, 1], 10)),
    ("mask_axis0", lambda m: (m.array([True, False, True]), 0)),
    ("mask_axis1", lambda m: (slice(None), m.array([True, False, True]))),
    ("mask_axis1_fancy_oob", lambda m: ([0, 9], m.array([True, False, True]))),
    ("mask2d_wrong", lambda m: m.ones((3, 3), bool)),
    ("three", lambda m: ([0], [0], [0])),
    ("int_oob_basic", lambda m: (10, slice(None))),
]


@pytest.mark.parametrize("value", [-1, 1.5, float("nan"), [1, 2, 3, 4, 5], 2**70], ids=repr)
@pytest.mark.parametrize("key", KEYS_2D, ids=[k for k, _ in KEYS_2D])
def test_setitem_order_2d(key, value):
    def f(m):
        b = m.arange(12, dtype="uint8").reshape(4, 3)
        b[key[1](m)] = value
        return b

    compare(f, message=False)


def test_setitem_mask_error_text():
    def f(m):
        b = m.arange(4, dtype="uint8")
        b[m.array([True, False, True])] = -1

    compare(f)


# ----- pad: constant values cast into the array's dtype ------------------------------


@pytest.mark.parametrize("dtype", ["uint8", "uint64", "int8", "int64", "bool", "float16", "float32"])
@pytest.mark.parametrize(
    "value", [float("nan"), float("inf"), -float("inf"), -1.5, 300.5, 1e20, 2.5, -1, 300, 1 + 1j], ids=repr
)
def test_pad_constant_cast(dtype, value):
    compare(lambda m: m.pad(m.array([1, 2], dtype=dtype), 1, constant_values=value))


@pytest.mark.parametrize(
    "shape,width,values",
    [
        ((2, 2), ((1, 1), (0, 0)), float("nan")),
        ((2, 2), ((1, 0), (0, 2)), ((float("nan"), 1), (2, float("nan")))),
        ((2, 2), ((1, 0), (0, 2)), ((300, 1), (2, 3))),
        ((2, 2), 1, (float("nan"), 1)),
        ((0,), 1, float("nan")),
        ((0, 3), 1, -1),
    ],
)
@pytest.mark.parametrize("dtype", ["uint8", "int16"])
def test_pad_constant_cast_nd(shape, width, values, dtype):
    compare(lambda m: m.pad(m.ones(shape, dtype=dtype), width, constant_values=values))


# ----- flat iterator keys ----------------------------------------------------------

FLAT_KEYS = [
    1.0,
    1.5,
    -1.5,
    -0.5,
    10.0,
    -7.0,
    float("nan"),
    1e30,
    [1.0, 2.5],
    [1, 2.0],
    (1.0,),
    ([1.0],),
    [[1.0]],
    (1.0, 2.0),
    1 + 0j,
    [True, False],
    [True] * 6,
    [[True]],
    None,
    (None,),
    (),
    (Ellipsis,),
    Ellipsis,
    [],
    2**70,
    (1,),
    slice(1, 4),
]


@pytest.mark.parametrize("key", FLAT_KEYS, ids=repr)
def test_flat_get_keys(key):
    compare(lambda m: m.arange(6).reshape(2, 3).flat[key])


@pytest.mark.parametrize("key", FLAT_KEYS, ids=repr)
def test_flat_set_keys(key):
    def f(m):
        b = m.arange(6).reshape(2, 3)
        b.flat[key] = 9
        return b

    compare(f)


@pytest.mark.parametrize("make", ["float32", "bool0d", "int8"])
def test_flat_numpy_scalar_keys(make):
    def f(m):
        key = {"float32": m.float32(2.0), "bool0d": m.array(True), "int8": m.int8(1)}[make]
        return m.arange(6)[::-1].flat[key]

    compare(f)


# ----- where(cond, x, y): typed select loops ---------------------------------------------

WHERE_DTYPES = ["bool", "int8", "uint16", "int32", "float32", "int64", "float64", "complex64", "complex128", "float16"]


@pytest.mark.parametrize("dtype", WHERE_DTYPES)
@pytest.mark.parametrize("layout", ["contiguous", "reversed", "strided", "broadcast"])
def test_where_select_layouts(dtype, layout):
    rng = numpy.random.default_rng(5)
    c = rng.random(1001) > 0.5
    x = (rng.standard_normal(1001) * 100).astype(dtype)
    y = (rng.standard_normal(1001) * 100).astype(dtype)
    if layout == "reversed":
        c, x, y = c[::-1], x[::-1], y[::-1]
    elif layout == "strided":
        c, x, y = c[::2], x[::2], y[::2]
    elif layout == "broadcast":
        x, y = x[:1], y[0]
    assert_same(numoxide.where(numoxide.array(c), numoxide.array(x), numoxide.array(y)), numpy.where(c, x, y))
