"""numpy.linalg's Array API functions take NumPy's parameters, and the complex vector
norms that need no sum (ord=inf, -inf) match NumPy's bits."""

import inspect

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

LINALG_NAMES = [n for n in numpy.linalg.__all__ if callable(getattr(numpy.linalg, n))]


def _signature(f):
    try:
        return str(inspect.signature(f))
    except (TypeError, ValueError):
        return None


@pytest.mark.parametrize("name", LINALG_NAMES)
def test_linalg_signatures_match_numpy(name):
    want = _signature(getattr(numpy.linalg, name))
    if want is None or isinstance(getattr(numpy.linalg, name), type):
        pytest.skip("no Python signature in NumPy")
    assert _signature(getattr(numoxide.linalg, name)) == want


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.linalg.matmul(m.ones((2, 2)), m.ones((2, 2)), out=None),
        lambda m: m.linalg.vecdot(m.ones(2), m.ones(2), dtype=int),
        lambda m: m.linalg.vecdot(x1=m.ones(2), x2=m.ones(2)),
        lambda m: m.linalg.tensordot(m.ones(2), m.ones(2), 1),
        lambda m: m.linalg.matrix_rank(m.ones((2, 2)), None, False, None),
    ],
)
def test_linalg_array_api_rejects_extra_arguments(call):
    with pytest.raises(TypeError) as want:
        call(numpy)
    with pytest.raises(TypeError) as got:
        call(numoxide)
    assert str(got.value) == str(want.value)


def test_linalg_array_api_keywords():
    a = numpy.arange(12.0).reshape(3, 4) + 1j
    b = numpy.arange(12.0).reshape(3, 4)[::-1]
    for got, want in [
        (
            numoxide.linalg.vecdot(numoxide.asarray(a), numoxide.asarray(b), axis=0),
            numpy.linalg.vecdot(a, b, axis=0),
        ),
        (
            numoxide.linalg.tensordot(numoxide.asarray(b), numoxide.asarray(b.T), axes=1),
            numpy.linalg.tensordot(b, b.T, axes=1),
        ),
        (
            numoxide.linalg.matmul(numoxide.asarray(b), numoxide.asarray(b.T)),
            numpy.linalg.matmul(b, b.T),
        ),
        (
            numoxide.linalg.matrix_rank(A=numoxide.asarray(b), rtol=0.1),
            numpy.linalg.matrix_rank(A=b, rtol=0.1),
        ),
    ]:
        got = numpy.asarray(got)
        assert got.dtype == numpy.asarray(want).dtype
        numpy.testing.assert_array_equal(got, want)


@st.composite
def complex_arrays(draw):
    dt = draw(st.sampled_from(["complex64", "complex128"]))
    width = 32 if dt == "complex64" else 64
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9))
    part = hnp.arrays(numpy.float64, shape, elements=st.floats(-(2.0**100), 2.0**100, width=width))
    return (draw(part) + 1j * draw(part)).astype(dt)


@settings(max_examples=60, deadline=None)
@given(
    a=complex_arrays(),
    ord=st.sampled_from([numpy.inf, -numpy.inf]),
    axis=st.sampled_from([None, 0, -1]),
)
def test_complex_max_min_vector_norms_are_numpys_bits(a, ord, axis):
    """NumPy takes abs() through its SIMD formula, not libm's hypot: the two differ in the
    last bit, and a max or min of abs values adds nothing to hide it."""
    want = numpy.linalg.vector_norm(a, ord=ord, axis=axis)
    got = numpy.asarray(numoxide.linalg.vector_norm(numoxide.asarray(a), ord=ord, axis=axis))
    assert got.dtype == numpy.asarray(want).dtype
    numpy.testing.assert_array_equal(got, want)
