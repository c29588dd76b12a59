"""NumPy's lib glue at the top level: vander, sinc, angle, real, imag, rollaxis,
permute_dims, concat, astype, iterable, isfortran, s_ and index_exp, against NumPy."""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import arrays, dtypes, shapes

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]


@st.composite
def _arrays(draw, names, min_dims=0, max_dims=4):
    """An array of a dtype drawn from ``names`` and a drawn shape."""
    dtype = draw(dtypes(names))
    return draw(arrays(dtype=dtype, shape=draw(shapes(min_dims, max_dims, max_side=6))))


@settings(max_examples=60, deadline=None)
@given(
    x=_arrays(NUMERIC, min_dims=1, max_dims=1),
    n=st.one_of(st.none(), st.integers(0, 6)),
    increasing=st.booleans(),
)
def test_vander(x, n, increasing):
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        theirs = numpy.vander(x, n, increasing)
        ours = numoxide.vander(to_nx(x), n, increasing)
    assert_same(ours, theirs, ulp=4)


def test_vander_needs_1d():
    assert_same_error(lambda m: m.vander(m.ones((2, 2))))


@settings(max_examples=60, deadline=None)
@given(x=_arrays(["float16", "float32", "float64", "int32", "complex128"]))
def test_sinc(x):
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        theirs = numpy.sinc(x)
        ours = numoxide.sinc(to_nx(x))
    assert_same(ours, theirs, ulp=4)


@settings(max_examples=60, deadline=None)
@given(z=_arrays(ALL_DTYPES), deg=st.booleans())
def test_angle_real_imag(z, deg):
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        assert_same(numoxide.angle(to_nx(z), deg), numpy.angle(z, deg), ulp=2)
    assert_same(numoxide.real(to_nx(z)), numpy.real(z))
    assert_same(numoxide.imag(to_nx(z)), numpy.imag(z))


@pytest.mark.parametrize("value", [1 + 2j, 3.5, [1j, 2], 7])
def test_real_imag_of_python_values(value):
    for fn in ("real", "imag", "angle"):
        ours, theirs = getattr(numoxide, fn)(value), getattr(numpy, fn)(value)
        if isinstance(theirs, (numpy.ndarray, numpy.generic)):
            assert_same(ours, theirs)
        else:
            assert ours == theirs and type(ours) is type(theirs)


@pytest.mark.parametrize("axis", range(-5, 5))
@pytest.mark.parametrize("start", range(-6, 7))
def test_rollaxis(axis, start):
    def run(m):
        return m.rollaxis(m.arange(120).reshape(2, 3, 4, 5), axis, start)

    try:
        theirs = run(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(run)
        return
    assert_same(run(numoxide), theirs)


def test_array_api_aliases():
    a_np = numpy.arange(6).reshape(2, 3)
    a_nx = numoxide.array(a_np)
    assert_same(numoxide.permute_dims(a_nx, (1, 0)), numpy.permute_dims(a_np, (1, 0)))
    assert_same(numoxide.concat([a_nx, a_nx], axis=1), numpy.concat([a_np, a_np], axis=1))
    assert_same(numoxide.astype(a_nx, "float32"), numpy.astype(a_np, "float32"))
    assert_same_error(lambda m: m.astype([1, 2], "float32"))


def test_small_helpers():
    for m in (numpy, numoxide):
        assert m.iterable([1]) and not m.iterable(3)
        assert m.s_[1:2, ::3] == (slice(1, 2), slice(None, None, 3))
        assert m.index_exp[2] == (2,) and m.s_[2] == 2
    for shape in [(2, 3), (1, 3), (3,)]:
        a_np = numpy.ones(shape)
        for view in (lambda a: a, lambda a: a.T):
            assert numoxide.isfortran(view(numoxide.array(a_np))) == numpy.isfortran(view(a_np))


@pytest.mark.parametrize("fn, otypes", [
    (lambda v: [v, v], None),
    (lambda v: [v, v], "d"),
    (lambda v: (v, v * 2.5), None),
    (lambda v: v if v > 1 else 0.5, None),
    (lambda v: v * 1j, None),
    (lambda v: v > 1, None),
    (lambda v: v // 2, [numpy.int8]),
])
def test_vectorize_results_and_errors(fn, otypes):
    """vectorize gathers Python results as NumPy casts its object array (dtype from the
    first result or otypes); a sequence result raises the number constructor's error."""
    def run(m):
        return m.vectorize(fn, otypes=otypes)(m.arange(6).reshape(2, 3))
    try:
        theirs = run(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(run)
        return
    assert_same(run(numoxide), theirs)


def test_vectorize_cache_calls_first_once():
    for m in (numpy, numoxide):
        calls = []
        m.vectorize(lambda v, c=calls: c.append(v) or v, cache=True)(m.arange(4))
        assert calls == [0, 1, 2, 3]
        calls.clear()
        m.vectorize(lambda v, c=calls: c.append(v) or v)(m.arange(4))
        assert calls == [0, 0, 1, 2, 3]
