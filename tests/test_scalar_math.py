"""Arithmetic on scalars (``float32(1.5) * 2``, ``-uint8(1)``, ``divmod(int8(7), 2)``):
the result's type and value, NumPy's scalar-math warnings ("overflow encountered in
scalar add", integer overflow included), NotImplemented where NumPy's operators give it,
and the exception classes, all compared with NumPy at test time."""

import operator
import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same
from hypothesis import given, settings
from hypothesis import strategies as st

COMPARISONS = [operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge]
BINARY = COMPARISONS + [
    operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
    operator.mod, divmod, operator.pow, operator.lshift, operator.rshift, operator.and_,
    operator.or_, operator.xor,
]
UNARY = [operator.neg, operator.pos, operator.abs, operator.invert]

# Values each scalar type is built from (cast with astype, as NumPy would wrap them).
VALUES = [0, 1, 3, 100, 200, -1, -128, 2.5, -0.0, 1e300, float("inf")]
# The other operand: Python numbers (weak, NEP 50) or typed scalars given by dtype name.
OTHERS = [2, 2.5, -1, 0, True, False, 1j, 300, -(2**40), 2**63, 1e308, float("-inf")] + [
    ("dtype", name) for name in ALL_DTYPES
]


def _scalar(module, dtype, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return module.array(value).astype(dtype)[()]


def _other(module, other):
    if isinstance(other, tuple):
        return _scalar(module, other[1], 3)
    return other


def _outcome(module, fn, *args):
    """(result, warning texts) or (exception class name, warning texts)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args)
        except Exception as e:  # noqa: BLE001 - the class is what we compare
            result = _error_class(e)
    return result, [str(w.message) for w in caught]


def _error_class(e):
    # NumPy raises a private subclass of UFuncTypeError for "no loop"; compare by the
    # public classes both modules share.
    for cls in (OverflowError, ZeroDivisionError, ValueError, TypeError, FloatingPointError):
        if isinstance(e, cls):
            return cls.__name__
    return type(e).__name__


def _compare(fn, ours_args, theirs_args):
    ours, ours_warn = _outcome(numoxide, fn, *ours_args)
    theirs, theirs_warn = _outcome(numpy, fn, *theirs_args)
    assert ours_warn == theirs_warn
    if isinstance(theirs, str):
        assert ours == theirs
        return
    assert_same(ours, theirs)


@settings(max_examples=400, deadline=None)
@given(
    dtype=st.sampled_from(ALL_DTYPES),
    value=st.sampled_from(VALUES),
    fn=st.sampled_from(BINARY),
    other=st.sampled_from(OTHERS),
    reflected=st.booleans(),
)
def test_binary_operators(dtype, value, fn, other, reflected):
    ours, theirs = _scalar(numoxide, dtype, value), _scalar(numpy, dtype, value)
    o_ours, o_theirs = _other(numoxide, other), _other(numpy, other)
    if reflected:
        _compare(fn, (o_ours, ours), (o_theirs, theirs))
    else:
        _compare(fn, (ours, o_ours), (theirs, o_theirs))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("fn", UNARY)
def test_unary_operators(dtype, value, fn):
    _compare(fn, (_scalar(numoxide, dtype, value),), (_scalar(numpy, dtype, value),))


@pytest.mark.parametrize(
    "expr",
    [
        lambda m: m.int8(100) + m.int8(100),
        lambda m: m.uint8(1) - m.uint8(2),
        lambda m: -m.uint8(1),
        lambda m: abs(m.int8(-128)),
        lambda m: m.int64(2**62) * 4,
        lambda m: m.uint64(2**63) * 2,
        lambda m: m.int32(2**31 - 1) + 1,
        lambda m: m.uint8(3) - 5,
        lambda m: m.float64(1e308) * 10,
        lambda m: m.float32(3e38) * m.float32(10),
        lambda m: m.float16(60000) + m.float16(60000),
        lambda m: m.float16(1) + 1e308,
        lambda m: m.int8(1) // m.int8(0),
        lambda m: m.float64(0) / 0,
        lambda m: m.int16(3) ** m.int16(20),
    ],
)
def test_scalar_math_warnings(expr):
    """NumPy's scalar math: integer overflow is reported, and warnings name "scalar <op>"."""
    _compare(expr, (numoxide,), (numpy,))


@pytest.mark.parametrize("mode", ["raise", "ignore"])
def test_scalar_math_obeys_errstate(mode):
    def run(m):
        with m.errstate(all=mode):
            return m.int8(100) + m.int8(100)

    _compare(run, (numoxide,), (numpy,))


def test_complex_floor_division_is_unsupported():
    for expr in (lambda m: m.int8(1) // m.complex64(1), lambda m: m.complex128(1) % 2):
        for module in (numoxide, numpy):
            with pytest.raises(TypeError, match="unsupported operand"):
                expr(module)


def test_scalar_with_array_gives_array():
    a = numoxide.arange(3, dtype="int8")
    r = numoxide.int8(100) + a
    assert isinstance(r, numoxide.ndarray) and r.dtype == numoxide.int8
    assert_same(r, numpy.int8(100) + numpy.arange(3, dtype="int8"))


def test_comparisons_with_other_objects():
    x = numoxide.float64(1.0)
    assert (x == "a") is False and (x != None) is True  # noqa: E711
    assert sorted([numoxide.float32(2), numoxide.float32(1)]) == [1.0, 2.0]
    assert_same(numoxide.int8(3) == [3, 4], numpy.int8(3) == [3, 4])
    assert_same(numoxide.uint64(2**64 - 1) == -1, numpy.uint64(2**64 - 1) == -1)
    assert_same(numoxide.int8(5) < 1000, numpy.int8(5) < 1000)


def test_direct_number_slots_match_numpy():
    # Every concrete scalar class carries direct C slots for + - * / // %; they must give
    # NumPy's values, types and errors in both operand orders, also on a subclass and
    # with objects they do not know.
    from harness import assert_same, assert_same_error

    ops = [operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod]
    others = [2, 2.5, -3, True, 0, 0.0, 2**70, 1j, [1, 2], None]
    for name in ["float64", "int64", "int8", "uint32", "float32", "float16", "complex128", "bool"]:
        for op in ops:
            for other in others:
                for order in (0, 1):

                    def go(m, op=op, other=other, order=order, name=name):
                        with m.errstate(all="ignore"):
                            x = getattr(m, name)(3)
                            other_value = m.array(other) if isinstance(other, list) else other
                            return op(x, other_value) if order == 0 else op(other_value, x)

                    try:
                        expected = go(numpy)
                    except Exception:  # noqa: BLE001 - NumPy's class is the expectation
                        assert_same_error(go)
                        continue
                    assert_same(go(numoxide), expected)

    for name in ["float64", "int64", "int8", "uint32", "float32", "float16", "complex64", "bool"]:
        for other in [2, 3.0, -1, 2**70, float("nan"), 3j, None]:
            for op in COMPARISONS:

                def cmp(m, op=op, other=other, name=name):
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        return op(getattr(m, name)(3), other), op(other, getattr(m, name)(3))

                try:
                    expected = cmp(numpy)
                except Exception:  # noqa: BLE001 - NumPy's class is the expectation
                    assert_same_error(cmp)
                    continue
                for ours, theirs in zip(cmp(numoxide), expected):
                    assert_same(ours, theirs)
        value = getattr(numoxide, name)(3)
        assert hash(value) == hash(getattr(numpy, name)(3))
        if name != "complex64":
            assert float(value) == float(getattr(numpy, name)(3)) and type(float(value)) is float

    class Sub(numoxide.float64):
        pass

    assert Sub(1.5) * 2 == 3.0 and type(Sub(1.5) * 2) is numoxide.float64


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["complex64", "complex128"]),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
)
def test_complex_scalar_abs_is_hypot(name, re, im):
    # NumPy's complex scalar abs() is libm's hypot (hypotf for complex64), bit for bit.
    def go(m):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return abs(getattr(m, name)(complex(re, im)))

    assert_same(go(numoxide), go(numpy))


@pytest.mark.parametrize(
    "a, b",
    [(3, 0), (0, 0), (float("inf"), 0), (-2, -0.0), (3, "int0"), (3, "f32"), (float("nan"), 0)],
)
def test_float16_scalar_remainder_by_zero_warnings(a, b):
    # NumPy's float16 scalar % also reports division by zero for a finite non-zero
    # dividend; the warnings (and their order) must match.
    def go(m):
        other = {"int0": 0, "f32": m.float32(0)}.get(b, None) if isinstance(b, str) else m.float16(b)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = m.float16(a) % other
        return r, [str(w.message) for w in caught]

    ours, theirs = go(numoxide), go(numpy)
    assert_same(ours[0], theirs[0])
    assert ours[1] == theirs[1]
