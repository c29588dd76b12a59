"""Logic functions: array_equal, array_equiv, iscomplex, isreal, iscomplexobj,
isrealobj, isscalar, isposinf, isneginf, differential against NumPy."""

import decimal
import fractions

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, both, to_nx
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, layouts, shapes


def prep(m, a, layout="as_is"):
    x = a if m is numpy else to_nx(a)
    return LAYOUTS[layout](m, x)


@given(arrays(shape=shapes(max_dims=3, max_side=3)), layouts(), st.booleans(), st.sampled_from(ALL_DTYPES))
def test_array_equal_and_equiv(a, layout, equal_nan, other_dtype):
    with numpy.errstate(all="ignore"):
        b = a.astype(other_dtype) if a.dtype.kind != "c" or other_dtype.startswith("complex") else a.copy()
    pairs = [(a, a), (a, b), (a, a.reshape(-1)), (a, ~a if a.dtype == bool else a + 1)]
    if a.ndim:
        pairs.append((a, a[..., :1]))
    for x, y in pairs:
        both(lambda m, x, y: m.array_equal(prep(m, x, layout), prep(m, y, layout), equal_nan=equal_nan), x, y)
        both(lambda m, x, y: m.array_equiv(prep(m, x, layout), prep(m, y)), x, y)


def test_array_equal_python_inputs():
    cases = [
        ([1, 2], [1, 2.0]),
        ([1, 2], [[1, 2]]),
        ([float("nan"), 1], [float("nan"), 1]),
        ([complex("nan+1j")], [complex("nan+2j")]),
        (3, 3.0),
        ([], []),
        ([1, 2], [1, 2, 3]),
    ]
    for x, y in cases:
        for eq in (False, True):
            both(lambda m, x, y, eq: m.array_equal(x, y, equal_nan=eq), x, y, eq)
        both(lambda m, x, y: m.array_equiv(x, y), x, y)
    both(lambda m: m.array_equiv([1, 2], [[1, 2], [1, 2]]))
    both(lambda m: m.array_equiv([1, 2], [[1, 2], [1, 3]]))


@given(arrays(shape=shapes(max_dims=3, max_side=4)), layouts())
def test_iscomplex_isreal(a, layout):
    both(lambda m, a: m.iscomplex(prep(m, a, layout)), a)
    both(lambda m, a: m.isreal(prep(m, a, layout)), a)
    both(lambda m, a: m.iscomplexobj(prep(m, a, layout)), a)
    both(lambda m, a: m.isrealobj(prep(m, a, layout)), a)


def test_iscomplex_isreal_scalars_and_lists():
    for v in (1, 2.5, 1j, 1 + 0j, True, [1, 2j], [[1.0]], [], 0):
        both(lambda m, v: m.iscomplex(v), v)
        both(lambda m, v: m.isreal(v), v)
        both(lambda m, v: m.iscomplexobj(v), v)
        both(lambda m, v: m.isrealobj(v), v)
    for t in ("float32", "complex64", "int8", "bool"):
        both(lambda m, t: m.isreal(getattr(m, t)(1)), t)
        both(lambda m, t: m.iscomplex(getattr(m, t)(1)), t)
        both(lambda m, t: m.iscomplexobj(getattr(m, t)(1)), t)
        both(lambda m, t: m.iscomplexobj(m.dtype(t)), t)


@pytest.mark.parametrize(
    "make",
    [
        lambda m: 1,
        lambda m: 1.5,
        lambda m: 1j,
        lambda m: True,
        lambda m: "text",
        lambda m: b"bytes",
        lambda m: memoryview(b"x"),
        lambda m: fractions.Fraction(1, 3),
        lambda m: decimal.Decimal("1.5"),
        lambda m: m.float32(1),
        lambda m: m.int8(1),
        lambda m: m.complex128(1),
        lambda m: m.bool_(True),
        lambda m: m.array(1.0),
        lambda m: m.array([1.0]),
        lambda m: [1],
        lambda m: (1,),
        lambda m: None,
        lambda m: {1: 2},
        lambda m: object(),
    ],
)
def test_isscalar(make):
    both(lambda m: m.isscalar(make(m)))


@given(arrays(shape=shapes(max_dims=3, max_side=4)), layouts())
def test_isposinf_isneginf(a, layout):
    if a.dtype.kind == "c":
        for name in ("isposinf", "isneginf"):
            assert_same_error(lambda m, a, name: getattr(m, name)(prep(m, a, layout)), a, name)
        return
    for name in ("isposinf", "isneginf"):
        both(lambda m, a, name: getattr(m, name)(prep(m, a, layout)), a, name)

        def with_out(m, a, name):
            out = m.ones(a.shape, dtype=bool)
            r = getattr(m, name)(prep(m, a), out=out)
            assert r is out
            return out

        both(with_out, a, name)


def test_isposinf_isneginf_scalars_and_errors():
    for v in (float("inf"), -float("inf"), 0.0, -0.0, float("nan"), 3, [1.0, -float("inf")]):
        both(lambda m, v: m.isposinf(v), v)
        both(lambda m, v: m.isneginf(v), v)
    both(lambda m: m.isneginf(m.float16(-m.inf)))
    for v in (1j, [1 + 0j]):
        assert_same_error(lambda m, v: m.isposinf(v), v)
        assert_same_error(lambda m, v: m.isneginf(v), v)
    assert_same_error(lambda m: m.isposinf(m.ones(3), out=m.ones(2, dtype=bool)))
    with pytest.raises(TypeError, match="ambiguous"):
        numoxide.isneginf(numoxide.array([1j]))
    assert_same(numoxide.isneginf(numoxide.array([-numoxide.inf])), numpy.isneginf(numpy.array([-numpy.inf])))


# ----- audit regressions (issue 4) -------------------------------------------------------------


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("equal_nan", [False, True])
@pytest.mark.parametrize("layout", ["C", "F", "mixed"])
def test_array_equal_same_dtype_paths(dtype, equal_nan, layout):
    rng = numpy.random.default_rng(5)
    base = rng.integers(-3, 4, (70, 60)).astype("f8")
    if dtype.startswith("u"):
        base = numpy.abs(base)
    if dtype.startswith(("float", "complex")):
        base[::7, ::5] = numpy.nan
    base[1, 1] = -0.0
    a = base.astype(dtype)
    b = a.copy()
    b2 = a.copy()
    b2[-1, -1] = b2[-1, -1] + 1 if dtype != "bool" else not b2[-1, -1]
    for x, y in [(a, b), (a, b2), (a[::-1], b[::-1])]:
        if layout == "F":
            x, y = numpy.asfortranarray(x), numpy.asfortranarray(y)
        elif layout == "mixed":
            y = numpy.asfortranarray(y)
        assert numoxide.array_equal(to_nx(x), to_nx(y), equal_nan=equal_nan) == numpy.array_equal(x, y, equal_nan=equal_nan)


def test_array_equal_signed_zero_and_complex_nan():
    both(lambda m: m.array_equal(m.array([0.0, 1.0]), m.array([-0.0, 1.0])))
    c1 = [complex(numpy.nan, 1), 2]
    c2 = [complex(1, numpy.nan), 2]
    both(lambda m: m.array_equal(m.array(c1), m.array(c2), equal_nan=True))
    both(lambda m: m.array_equal(m.array(c1), m.array(c2)))
    both(lambda m: m.array_equal(m.zeros((0, 3)), m.zeros((0, 3)), equal_nan=True))
