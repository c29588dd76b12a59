"""Window functions (bartlett, blackman, hamming, hanning, kaiser), i0, packbits and
unpackbits against NumPy.

The windows, kaiser and i0 repeat NumPy's formulas step by step through numoxide's
ufuncs; where numoxide's cos/exp kernels round differently from NumPy's (a few inputs,
1 ULP) the results may differ by a couple of ULPs, hence the small bounds below."""

import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, INT_DTYPES, assert_same, assert_same_error, both, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import arrays, dtypes, shapes

WINDOWS = ["bartlett", "blackman", "hamming", "hanning"]


def assert_window(fn):
    """Windows lie in [0, 1] and sum cosines that cancel near the ends, so a 1-ULP
    difference of a cos kernel shows as an absolute difference of a few float64 eps:
    compare type, dtype, shape and errors exactly, values within 4 eps absolute."""
    try:
        theirs = fn(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(fn)
        return
    ours = fn(numoxide)
    assert isinstance(ours, numoxide.ndarray)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    assert numpy.array_equal(numpy.isnan(o), numpy.isnan(theirs)), (o, theirs)
    close = numpy.abs(o - theirs) <= 4 * numpy.finfo(float).eps
    assert numpy.all(close | numpy.isnan(theirs)), (o, theirs)


@pytest.mark.parametrize("name", WINDOWS)
@pytest.mark.parametrize("M", [-5, 0, 1, 2, 3, 4, 5, 6, 7, 12, 51, 256, 1001, 5.5, 2.5, True, numpy.int8(9), 0.5])
def test_windows(name, M):
    def run(m):
        arg = to_nx(M) if m is numoxide else M
        return getattr(m, name)(arg)
    assert_window(run)


@settings(max_examples=60, deadline=None)
@given(M=st.integers(-3, 300), name=st.sampled_from(WINDOWS))
def test_windows_any_length(M, name):
    assert_window(lambda m: getattr(m, name)(M))


@pytest.mark.parametrize("name", WINDOWS + ["kaiser"])
@pytest.mark.parametrize("M", [float("nan"), float("inf"), "5", None, [3]])
def test_window_bad_lengths(name, M):
    args = (M, 3.0) if name == "kaiser" else (M,)
    assert_same_error(lambda m: getattr(m, name)(*args))


@pytest.mark.parametrize("M", [0, 1, 2, 3, 5, 12, 51, 400, 2.5, 7.25])
@pytest.mark.parametrize("beta", [0, 0.5, 5, 14, 8.6, -3, 30.0])
def test_kaiser(M, beta):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert_window(lambda m: m.kaiser(M, beta))


def test_kaiser_warns_like_numpy():
    for m in (numpy, numoxide):
        with pytest.warns(RuntimeWarning, match="invalid value encountered in sqrt"):
            m.kaiser(2.5, 3.0)


@settings(max_examples=80, deadline=None)
@given(x=dtypes(ALL_DTYPES).flatmap(lambda d: arrays(dtype=d)))
def test_i0(x):
    if x.dtype.kind == "c":
        assert_same_error(lambda m: m.i0(x if m is numpy else to_nx(x)))
        return
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        theirs = numpy.i0(x)
        ours = numoxide.i0(to_nx(x))
    assert_same(ours, theirs, ulp=8)


@pytest.mark.parametrize("dt", ["float16", "float32", "float64"])
def test_i0_dense(dt):
    x = numpy.linspace(-40, 40, 801).astype(dt)
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        assert_same(numoxide.i0(to_nx(x)), numpy.i0(x), ulp=8)
        assert_same(numoxide.i0(to_nx(x[::-3])), numpy.i0(x[::-3]), ulp=8)


def test_i0_scalars_and_errors():
    both(lambda m: m.i0(0.5), ulp=2)
    both(lambda m: m.i0([0, 1, 9]), ulp=2)
    both(lambda m: m.i0(True), ulp=2)
    assert_same_error(lambda m: m.i0([1j]))
    assert_same_error(lambda m: m.i0(2 + 0j))
    for m in (numpy, numoxide):
        with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
            m.i0(1000.0)


# ----- packbits / unpackbits -----------------------------------------------------------

@settings(max_examples=120, deadline=None)
@given(x=dtypes(["bool"] + INT_DTYPES).flatmap(lambda d: arrays(dtype=d, shape=shapes(0, 3, 0, 11))),
       data=st.data(), order=st.sampled_from(["big", "little"]),
       layout=st.sampled_from(["c", "t", "rev"]))
def test_packbits(x, data, order, layout):
    x = {"c": x, "t": x.T, "rev": x[::-1] if x.ndim else x}[layout]
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim - 1, x.ndim)))
    both(lambda m: m.packbits(x if m is numpy else to_nx(x), axis=axis, bitorder=order))


@settings(max_examples=60, deadline=None)
@given(raw=st.lists(st.integers(0, 255), max_size=100), rows=st.integers(1, 3),
       order=st.sampled_from(["big", "little"]), step=st.sampled_from([1, -1, 2]))
def test_packbits_bool_bytes(raw, rows, order, step):
    """Bool views of arbitrary bytes (nonzero counts as set) over rows long enough for
    the sixteen-at-a-time path, and strided rows."""
    u = numpy.array(raw * rows, dtype=numpy.uint8).reshape(rows, len(raw))
    for axis in [None, -1]:
        both(lambda m, ax=axis: m.packbits(m.asarray(u).view(m.bool_)[:, ::step], axis=ax, bitorder=order))


@settings(max_examples=120, deadline=None)
@given(x=arrays(dtype="uint8", shape=shapes(0, 3, 0, 5)), data=st.data(),
       order=st.sampled_from(["big", "little"]), count=st.one_of(st.none(), st.integers(-45, 45)),
       layout=st.sampled_from(["c", "t", "rev"]))
def test_unpackbits(x, data, order, count, layout):
    x = {"c": x, "t": x.T, "rev": x[::-1] if x.ndim else x}[layout]
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim - 1, x.ndim)))
    if count is not None and count > 0 and (x.size == 0 if axis is None or not -x.ndim <= axis < x.ndim
                                            else x.shape[axis] == 0):
        # NumPy leaves the zero padding uninitialised when the unpacked axis is empty
        # (it returns garbage bytes); numoxide pads with zeros as documented.
        return
    both(lambda m: m.unpackbits(x if m is numpy else to_nx(x), axis=axis, count=count, bitorder=order))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_packbits_dtypes(dt):
    both(lambda m: m.packbits(m.array([0, 1, 2, 0, 3, 0, 0, 1, 1]).astype(dt)))
    both(lambda m: m.unpackbits(m.array([0, 1, 2, 255]).astype(dt)))


@pytest.mark.parametrize("order", ["b", "l", "BIG", "", "big ", "littlest", None, 3])
def test_bitorder_strings(order):
    both(lambda m: m.packbits([1, 0, 1], bitorder=order))
    both(lambda m: m.unpackbits(m.array([5], dtype=m.uint8), bitorder=order))


def test_packbits_round_trip_and_errors():
    both(lambda m: m.packbits([]))
    both(lambda m: m.packbits([[True, False]], axis=1.0))
    both(lambda m: m.unpackbits(m.array([7, 255], m.uint8), count=1.5))
    both(lambda m: m.unpackbits(m.array([7, 255], m.uint8), count=-17))
    both(lambda m: m.unpackbits(m.array([[7], [255]], m.uint8), axis=1, count=-10))
    both(lambda m: m.packbits(5))
    both(lambda m: m.packbits(m.array(5), axis=0))
    both(lambda m: m.unpackbits(m.array(7, m.uint8)))
    both(lambda m: m.unpackbits(m.array(7, m.uint8), axis=0))
    both(lambda m: m.unpackbits(m.array(7, m.uint8), axis=1))
    both(lambda m: m.unpackbits(m.packbits(m.arange(20) % 3 == 0), count=20))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 300), st.integers(1, 40), st.sampled_from(["big", "little"]), st.integers(0, 255))
def test_packbits_long_rows_and_axis0(n, rows, order, seed):
    """Rows long enough for the 32-byte kernel (and its 16-byte and scalar tails), and
    packing along axis 0 with whole and partial groups of eight rows."""
    rng = numpy.random.default_rng(seed)
    raw = rng.integers(0, 3, (rows, n)).astype(numpy.uint8)
    both(lambda m: m.packbits(m.asarray(raw), bitorder=order))
    both(lambda m: m.packbits(m.asarray(raw), axis=0, bitorder=order))
    both(lambda m: m.packbits(m.asarray(raw).view(m.bool_), axis=1, bitorder=order))
    packed = numpy.packbits(raw, axis=1)
    if n == 0:
        return  # NumPy pads an empty input's count with uninitialized bytes
    for count in (None, n, n + 5, -min(3, 8 * packed.shape[1]), 1):
        both(lambda m, c=count: m.unpackbits(m.asarray(packed), axis=1, count=c, bitorder=order))
        both(lambda m, c=count: m.unpackbits(m.asarray(packed), count=c, bitorder=order))
