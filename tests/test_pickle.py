"""Pickling and copying arrays, dtypes and scalars: round-trips keep dtype, shape, values and
memory order exactly as NumPy's do."""

import copy
import pickle

import numoxide
import numpy
import pytest
from harness import assert_same, to_nx
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout


@given(array_and_layout(), st.integers(0, 5))
def test_array_round_trip(case, protocol):
    base, layout = case
    theirs = LAYOUTS[layout](numpy, base)
    ours = LAYOUTS[layout](numoxide, to_nx(base))
    back_theirs = pickle.loads(pickle.dumps(theirs, protocol=protocol))
    back_ours = pickle.loads(pickle.dumps(ours, protocol=protocol))
    assert_same(back_ours, back_theirs)
    assert back_ours.flags.c_contiguous == back_theirs.flags.c_contiguous
    assert back_ours.flags.f_contiguous == back_theirs.flags.f_contiguous
    assert back_ours.flags.writeable


@pytest.mark.parametrize("protocol", range(6))
@pytest.mark.parametrize("dtype", [">i4", "<f8", ">c16", "u1", "?", "f2"])
def test_byte_order_and_small_dtypes(dtype, protocol):
    # NumPy keeps a non-native byte order only under protocol 5.
    theirs = pickle.loads(pickle.dumps(numpy.arange(6).astype(dtype).reshape(2, 3), protocol=protocol))
    back = pickle.loads(pickle.dumps(numoxide.arange(6).astype(dtype).reshape(2, 3), protocol=protocol))
    assert_same(back, theirs)
    assert back.dtype.str == theirs.dtype.str


def test_copies_are_independent():
    a = numoxide.arange(4.0)
    for b in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        b[0] = 99
        assert a[0] == 0
        assert not numoxide.shares_memory(a, b)


def test_pickled_inside_containers():
    a = numoxide.ones((2, 2), dtype=numoxide.int16)
    obj = {"x": [a, a[0]], "d": a.dtype, "s": a[0, 0]}
    back = pickle.loads(pickle.dumps(obj))
    assert_same(back["x"][0], numpy.ones((2, 2), dtype=numpy.int16))
    assert_same(back["x"][1], numpy.ones(2, dtype=numpy.int16))
    assert back["d"] == numoxide.int16
    assert repr(back["s"]) == repr(numpy.int16(1))


def test_corrupt_payload_is_a_value_error():
    with pytest.raises(ValueError):
        numoxide._numoxide._reconstruct(b"\x00" * 7, numoxide.dtype("f8"), [1], False)
    with pytest.raises(ValueError):
        numoxide._numoxide._reconstruct(b"", numoxide.dtype("f8"), [2**62, 2**62], False)
