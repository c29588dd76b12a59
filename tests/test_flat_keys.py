"""``a.flat[key]`` read and assignment with unusual keys, compared with NumPy 2.4+'s
flat iterator: strings, None, arbitrary objects, lists of huge ints or of floats,
boolean arrays of the wrong shape, tuples, Ellipsis, 0-d arrays, out-of-bounds ints.
Values, exception classes and messages and warnings all come from NumPy at test time."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same
from hypothesis import assume, given, settings
from hypothesis import strategies as st


class Index:
    def __index__(self):
        return 2


class BadIndex:
    def __index__(self):
        raise ValueError("boom")


def keys():
    """(id, factory) pairs; the factory builds the key for a module, so array keys are
    arrays of that module."""
    plain = [
        "a",
        "",
        "1",
        b"1",
        b"a",
        None,
        [None],
        [[None]],
        object(),
        {1: 2},
        {1},
        (None,),
        (None, 1),
        (1, None),
        [2**70],
        [2**63],
        [-(2**63) - 1],
        2**63,
        2**70,
        -(2**70),
        (2**63,),
        [1, 2**64],
        [1.0, 2**70],
        [1.0, 2.0],
        [1.5],
        [[1.5, 2]],
        1.0,
        1.5,
        3.0,
        1j,
        [1j],
        float("nan"),
        [float("nan")],
        float("inf"),
        ["1"],
        ["a"],
        [1, "a"],
        ["1", 2],
        [b"1"],
        [0, [1]],
        [slice(1, 2)],
        [None, 1],
        [1.0, None],
        (),
        (1,),
        (1, 2),
        (slice(None),),
        (Ellipsis,),
        Ellipsis,
        (Ellipsis, 1),
        (1, Ellipsis),
        (Ellipsis, Ellipsis),
        -1,
        -6,
        -7,
        6,
        100,
        5,
        0,
        True,
        False,
        (True,),
        [True, False],
        [True] * 6,
        [[True]],
        [True, 1],
        [],
        [[]],
        [0, -1],
        [6],
        [-7],
        [[0, 1], [2, 3]],
        range(3),
        memoryview(b"\x01\x02"),
        slice(1, 4),
        slice(None, None, -1),
        slice(10, 20),
        slice(None, None, 0),
        (slice(1, 3), 1),
        Index(),
        [Index()],
        BadIndex(),
    ]
    out = [(repr(k)[:40], (lambda mod, k=k: k)) for k in plain]
    arrays = [
        ("bool2", lambda m: m.array([True, False])),
        ("bool6", lambda m: m.array([True, False] * 3)),
        ("bool7", lambda m: m.ones(7, bool)),
        ("bool2x3", lambda m: m.ones((2, 3), bool)),
        ("bool_empty", lambda m: m.array([], bool)),
        ("bool_empty2d", lambda m: m.zeros((1, 0), bool)),
        ("bool0_true", lambda m: m.array(True)),
        ("bool0_false", lambda m: m.array(False)),
        ("bool0_tuple", lambda m: (m.array(True),)),
        ("bool0_int_tuple", lambda m: (m.array(True), 1)),
        ("np_bool", lambda m: m.bool_(True)),
        ("int0", lambda m: m.array(3)),
        ("int0_neg", lambda m: m.array(-1)),
        ("int0_oob", lambda m: m.array(10)),
        ("int0_tuple", lambda m: (m.array(1),)),
        ("uint64_big0", lambda m: m.array(2**63, dtype=m.uint64)),
        ("uint64_big", lambda m: m.array([2**63], dtype=m.uint64)),
        ("uint8", lambda m: m.array([1, 2], dtype=m.uint8)),
        ("float0", lambda m: m.array(3.0)),
        ("float_arr", lambda m: m.array([1.5, 2.5])),
        ("int2d", lambda m: m.array([[0, 1], [2, 3]])),
        ("int_empty", lambda m: m.array([], dtype=m.int64)),
        ("int_tuple2", lambda m: (m.array([1, 2]), m.array([1, 2]))),
        ("np_uint64_big", lambda m: m.uint64(2**63)),
        ("np_int8", lambda m: m.int8(-1)),
        ("np_float", lambda m: m.float64(2.0)),
        ("list_of_arrays", lambda m: [m.array(1), 2]),
    ]
    return out + arrays


KEYS = keys()
VALUES = [99, [7, 8], 2**70, "a", None, 1.5, (), [1], 1j]


def outcome(fn):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        try:
            r = fn()
        except Exception as e:  # noqa: BLE001 - we compare whatever NumPy raises
            return ("err", type(e).__name__, str(e), [w.category.__name__ for w in log])
    return ("ok", r, [w.category.__name__ for w in log])


def same(ours, theirs, message=True):
    assert ours[0] == theirs[0], (ours, theirs)
    if theirs[0] == "err":
        assert ours[1] == theirs[1], (ours, theirs)
        if message:
            assert ours[2] == theirs[2], (ours, theirs)
    else:
        assert_same(ours[1], theirs[1])
    assert ours[-1] == theirs[-1], (ours, theirs)


def get(mod, make, shape=(2, 3)):
    a = mod.arange(6).reshape(shape)
    return a.flat[make(mod)]


def put(mod, make, value, order="C"):
    a = mod.arange(6).reshape(2, 3)
    if order == "F":
        a = a.T
    a.flat[make(mod)] = value
    return a


@pytest.mark.parametrize("make", [k[1] for k in KEYS], ids=[k[0] for k in KEYS])
def test_get(make):
    same(outcome(lambda: get(numoxide, make)), outcome(lambda: get(numpy, make)))


@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("make", [k[1] for k in KEYS], ids=[k[0] for k in KEYS])
def test_set(make, value):
    # numoxide has no object arrays: a None value fails with a TypeError of its own text.
    same(
        outcome(lambda: put(numoxide, make, value)),
        outcome(lambda: put(numpy, make, value)),
        message=value is not None,
    )


@pytest.mark.parametrize("make", [k[1] for k in KEYS[:40]], ids=[k[0] for k in KEYS[:40]])
def test_set_noncontiguous(make):
    same(
        outcome(lambda: put(numoxide, make, [7, 8], order="F")),
        outcome(lambda: put(numpy, make, [7, 8], order="F")),
    )


def test_delete():
    for mod in (numpy, numoxide):
        a = mod.arange(3)
        with pytest.raises(TypeError, match="Cannot delete iterator elements"):
            del a.flat[0]


def test_bool0_uses_current_position():
    res = []
    for mod in (numpy, numoxide):
        a = mod.arange(6)
        f = a.flat
        next(f)
        next(f)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            v = f[mod.array(True)]
            f[True] = 50
        res.append((int(v), a.tolist()))
    assert res[0] == res[1]


def test_readonly_checked_before_key():
    for mod in (numpy, numoxide):
        a = mod.arange(3)
        a.flags.writeable = False
        with pytest.raises(ValueError):
            a.flat["bad"] = 1


leaf = st.one_of(
    st.integers(-10, 10),
    st.integers(-(2**65), 2**65),
    st.floats(-8, 8, allow_nan=False),
    st.booleans(),
    st.sampled_from(["0", "1", "x", b"2", None]),
)
key_st = st.one_of(
    leaf,
    st.lists(leaf, max_size=4),
    st.lists(st.lists(st.integers(-8, 8), min_size=2, max_size=2), max_size=3),
    st.builds(
        slice,
        st.none() | st.integers(-8, 8),
        st.none() | st.integers(-8, 8),
        st.sampled_from([None, 1, 2, -1, -3]),
    ),
    st.tuples(leaf),
    st.tuples(leaf, leaf),
)


@settings(max_examples=300, deadline=None)
@given(key=key_st, n=st.integers(0, 7), value=st.sampled_from([5, [1, 2, 3], 2.5]))
def test_random_keys(key, n, value):
    # NumPy reads past the end of an empty array for a True key (undefined); we raise.
    assume(not (n == 0 and key is True))
    def run(mod):
        a = mod.arange(n)
        r = a.flat[key]
        a.flat[key] = value
        return r, a

    same(outcome(lambda: run(numoxide)), outcome(lambda: run(numpy)))
