"""Python ints beyond 64 bits as ufunc operands (NEP 50): inexact arrays take the int's
nearest float, integer arrays compare against it exactly and refuse arithmetic with
OverflowError, as NumPy 2 does. (Ints beyond 128 bits still raise OverflowError in
numoxide.)"""

import operator
import warnings

import numoxide
import numpy
import pytest
from harness import assert_same
from hypothesis import given
from hypothesis import strategies as st

BIG = st.one_of(st.integers(2**64, 2**127 - 1), st.integers(-(2**127), -(2**63) - 1))
DTYPES = ["int8", "uint8", "int32", "int64", "uint32", "float16", "float32", "float64",
          "complex64", "complex128"]
COMPARISONS = [operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge]


def outcome(fn, m):
    """The result (or exception class) of fn(m) and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = fn(m)
        except Exception as e:  # noqa: BLE001 - the exception class is what we compare
            r = type(e)
    return r, [str(w.message) for w in caught]


def assert_same_outcome(fn):
    (ours, w_ours), (theirs, w_theirs) = outcome(fn, numoxide), outcome(fn, numpy)
    assert w_ours == w_theirs
    if isinstance(theirs, type):
        assert ours is theirs
    else:
        assert_same(ours, theirs)


@given(BIG, st.sampled_from(DTYPES), st.sampled_from(COMPARISONS), st.booleans())
def test_comparisons_with_big_ints(big, dtype, op, reflected):
    def run(m):
        a = m.array([0, 1, -3, 100], dtype=dtype) if dtype[0] != "u" else m.array(
            [0, 1, 3, 100], dtype=dtype)
        return op(big, a) if reflected else op(a, big)

    assert_same_outcome(run)


@given(BIG, st.sampled_from(DTYPES), st.sampled_from([operator.add, operator.mul, operator.sub]))
def test_arithmetic_with_big_ints(big, dtype, op):
    def run(m):
        return op(m.array([1, 2], dtype=dtype), big)

    assert_same_outcome(run)


@pytest.mark.parametrize("big", [2**70, -(2**70), 2**64, 10**30])
def test_float64_scalar_against_big_int(big):
    for op in COMPARISONS:
        assert op(numoxide.float64(1.5e-7), big) == op(numpy.float64(1.5e-7), big)
        assert op(big, numoxide.float64(1.5e-7)) == op(big, numpy.float64(1.5e-7))
