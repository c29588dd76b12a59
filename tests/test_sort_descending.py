"""NumPy 2.5's ``descending=`` for sort and argsort (function and method): the largest
value first, equal values in their original order, NaNs last (complex NaN classes in
NumPy's ascending class order, each class largest first)."""

import numoxide
import numpy
import pytest
from harness import assert_same_error
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
DTYPES += ["float16", "float32", "float64", "complex64", "complex128"]


@st.composite
def arrays_with_ties(draw):
    """Small-range values (many ties), with NaNs, signed zeros and infinities for the
    inexact kinds, in any layout (transposed, reversed, strided)."""
    dt = numpy.dtype(draw(st.sampled_from(DTYPES)))
    shape = draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=0, max_side=7))
    pool = [0, 1, 2, 3, -1, -2]
    if dt.kind in "fc":
        pool += [numpy.nan, numpy.inf, -numpy.inf, -0.0, 0.5]
    vals = draw(
        st.lists(
            st.sampled_from(pool), min_size=int(numpy.prod(shape)), max_size=int(numpy.prod(shape))
        )
    )
    a = numpy.array(vals, dtype="float64").reshape(shape)
    if dt.kind == "c":
        im = numpy.array(
            draw(st.lists(st.sampled_from(pool), min_size=a.size, max_size=a.size)), "float64"
        )
        z = numpy.empty(shape, dtype="complex128")
        z.real, z.imag = a, im.reshape(shape)
        a = z
    with numpy.errstate(invalid="ignore"):
        a = a.astype(dt) if dt.kind != "u" else numpy.abs(numpy.nan_to_num(a)).astype(dt)
    layout = draw(st.sampled_from(["c", "t", "rev", "step"]))
    if layout == "t":
        a = a.T
    elif layout == "rev":
        a = a[..., ::-1]
    elif layout == "step":
        a = numpy.repeat(a, 2, axis=-1)[..., ::2]
    return a


def same(got, want):
    got = numpy.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape
    # Bit patterns, so that -0.0 against 0.0 and NaN placement count.
    assert got.tobytes() == numpy.ascontiguousarray(want).tobytes()


@settings(max_examples=300, deadline=None)
@given(a=arrays_with_ties(), axis=st.sampled_from([None, 0, -1, "last-but-one"]))
def test_descending_sort_and_stable_argsort(a, axis):
    if axis == "last-but-one":
        axis = -2 if a.ndim >= 2 else -1
    x = numoxide.asarray(a)
    same(
        numoxide.sort(x, axis=axis, descending=True, stable=True),
        numpy.sort(a, axis=axis, descending=True, stable=True),
    )
    # NumPy's default kind is not stable: -0.0 and 0.0 may come in either order.
    got, want = (
        numoxide.sort(x, axis=axis, descending=True),
        numpy.sort(a, axis=axis, descending=True),
    )
    assert numpy.asarray(got).dtype == want.dtype
    numpy.testing.assert_array_equal(numpy.asarray(got), want)
    same(
        numoxide.argsort(x, axis=axis, descending=True, stable=True),
        numpy.argsort(a, axis=axis, descending=True, stable=True),
    )
    same(
        x.argsort(axis=axis, descending=True, stable=True),
        a.argsort(axis=axis, descending=True, stable=True),
    )
    if axis is not None:
        b, y = a.copy(), numoxide.asarray(a.copy())
        b.sort(axis=axis, descending=True, stable=True)
        y.sort(axis=axis, descending=True, stable=True)
        same(y, b)


def test_descending_examples():
    n = numpy.nan
    c = numpy.array(
        [
            complex(1, n),
            complex(2, n),
            complex(n, 1),
            complex(n, 2),
            complex(n, n),
            3,
            3 - 1j,
            3 + 1j,
        ]
    )
    for a in [
        c,
        numpy.array([1.0, n, 2, n, 0.5]),
        numpy.array([0.0, -0.0, 1, -0.0, 0.0]),
        numpy.float32([n, 1]),
    ]:
        x = numoxide.asarray(a)
        same(numoxide.sort(x, descending=True), numpy.sort(a, descending=True))
        same(
            numoxide.argsort(x, descending=True, stable=True),
            numpy.argsort(a, descending=True, stable=True),
        )
    for descending in [False, None]:
        a = numpy.array([3, 1, 2])
        same(
            numoxide.sort(numoxide.asarray(a), descending=descending),
            numpy.sort(a, descending=descending),
        )
    same(
        numoxide.argsort(numoxide.asarray(5), descending=True),
        numpy.argsort(numpy.array(5), descending=True),
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.sort(m.asarray([1, 2]), kind="quicksort", descending=False),
        lambda m: m.argsort(m.asarray([1, 2]), kind="stable", descending=True),
        lambda m: m.asarray([1, 2]).sort(kind="heapsort", descending=True),
        lambda m: m.sort(m.asarray(5), descending=True),
        lambda m: m.sort(m.asarray([[1, 2]]), axis=2, descending=True),
    ],
)
def test_descending_errors(call):
    assert_same_error(call)


def test_descending_none_with_kind_is_ascending():
    a = numpy.array([3, 1, 2])
    b, y = a.copy(), numoxide.asarray(a)
    b.sort(kind="quicksort", descending=None)
    y.sort(kind="quicksort", descending=None)
    same(y, b)


def test_descending_sort_of_read_only_raises():
    a = numpy.arange(3)
    a.flags.writeable = False
    x = numoxide.asarray([0, 1, 2])
    x.flags.writeable = False
    assert_same_error(lambda m: (a if m is numpy else x).sort(descending=True))
