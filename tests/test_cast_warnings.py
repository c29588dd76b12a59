"""Casts of values that overflow or are invalid warn "... encountered in cast" (through
errstate) wherever NumPy's do: array creation, scalar constructors, fill, setitem and
astype."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same
from hypothesis import given, settings
from hypothesis import strategies as st

SOURCES = [1e300, -1e300, float("nan"), float("inf"), 70000.0, 1e10, -1.5, 2**40, 3e38, 1e-50]
TARGETS = ["float16", "float32", "int8", "int32", "int64", "uint8", "uint64", "bool", "float64", "complex64"]

CALLS = {
    "array list": lambda m, v, dt: m.array([v, 1.0], dtype=dt),
    "array 0-d": lambda m, v, dt: m.array(v, dtype=dt),
    "array of array": lambda m, v, dt: m.array(m.array([v]), dtype=dt),
    "asarray of array": lambda m, v, dt: m.asarray(m.array([v]), dtype=dt),
    "full": lambda m, v, dt: m.full(2, v, dtype=dt),
    "scalar": lambda m, v, dt: m.dtype(dt).type(v),
    "scalar of float64": lambda m, v, dt: m.dtype(dt).type(m.float64(v)),
    "astype": lambda m, v, dt: m.array([v]).astype(dt),
    "ufunc with Python scalar": lambda m, v, dt: m.ones(2, dt) + v,
}


def _setitem(m, v, dt):
    a = m.zeros(2, dt)
    a[0] = v
    return a


def _setslice(m, v, dt):
    a = m.zeros(2, dt)
    a[:] = m.array([v, v])
    return a


def _fill(m, v, dt):
    a = m.zeros(2, dt)
    a.fill(v)
    return a


CALLS.update({"setitem": _setitem, "set slice": _setslice, "fill": _fill})


def _outcome(m, call, v, dt):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call(m, v, dt)
        except Exception as e:  # noqa: BLE001 - the class is what is compared
            return type(e).__name__, None, []
    return None, result, [str(w.message) for w in caught]


@pytest.mark.parametrize("name", sorted(CALLS))
@pytest.mark.parametrize("dt", TARGETS)
def test_cast_warnings_match(name, dt):
    call = CALLS[name]
    for v in SOURCES:
        err_np, res_np, warn_np = _outcome(numpy, call, v, dt)
        err_nx, res_nx, warn_nx = _outcome(numoxide, call, v, dt)
        assert err_nx == err_np, (v, err_nx, err_np)
        assert warn_nx == warn_np, v
        if err_np is None:
            assert_same(res_nx, res_np)


def test_cast_raise_under_errstate():
    with numpy.errstate(over="raise"), pytest.raises(FloatingPointError):
        numpy.array([1e300], dtype=numpy.float32)
    with numoxide.errstate(over="raise"), pytest.raises(FloatingPointError):
        numoxide.array([1e300], dtype=numoxide.float32)


def test_astype_complex_warning_comes_first():
    def categories(m):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m.array([1e300 + 1j]).astype(m.float32)
        return [w.category.__name__ for w in caught]

    assert categories(numoxide) == categories(numpy)


@pytest.mark.parametrize("dt", ["complex64", "complex128"])
def test_round_of_complex_scalar_is_a_type_error(dt):
    for m in (numpy, numoxide):
        with pytest.raises(TypeError, match="doesn't define __round__"):
            round(m.dtype(dt).type(1.5))


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, width=64, min_value=-70000, max_value=70000))
def test_float64_to_float16_rounds_once(v):
    """float64 -> float16 rounds once, to nearest even, as NumPy's conversion does."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = numpy.array([v, -v, v * 2.0**-20]).astype(numpy.float16)
        ours = numoxide.array([v, -v, v * 2.0**-20]).astype(numoxide.float16)
        assert ours.tobytes() == theirs.tobytes()
        assert numoxide.float16(v).tobytes() == numpy.float16(v).tobytes()


@pytest.mark.parametrize("k", range(-26, 17))
def test_float64_to_float16_midpoints(k):
    """Values a hair above and below the midpoints between neighbouring halves, where a
    conversion through float32 rounds twice."""
    base = numpy.float16(2.0**k) if k < 16 else numpy.float16(32768)
    for step in range(1, 6):
        lo = numpy.float64(base) * (1 + step / 1024)
        for tweak in (0.0, 2.0**-40, -(2.0**-40)):
            v = float(lo) + float(lo) * 2.0**-11 * (1 + tweak)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = numpy.array([v]).astype(numpy.float16)
                ours = numoxide.array([v]).astype(numoxide.float16)
            assert ours.tobytes() == theirs.tobytes(), v


@pytest.mark.parametrize(
    "make",
    [
        lambda m: m.array([1j], dtype=float),
        lambda m: m.array([1 + 0j], dtype=float),
        lambda m: m.array(1j, dtype=int),
        lambda m: m.asarray([[1j]], dtype=m.float32),
        lambda m: m.array([[1, 2j]], dtype=m.int8),
        lambda m: m.array([1j], dtype=bool),
        lambda m: m.array([1j, 2], dtype=complex),
    ],
)
def test_python_complex_into_real_arrays(make):
    """A Python complex becomes a real element through int()/float(), which refuse it."""
    try:
        theirs = make(numpy)
    except TypeError:
        with pytest.raises(TypeError):
            make(numoxide)
        return
    assert_same(make(numoxide), theirs)
