"""Differential tests of counting and histograms: bincount, digitize, histogram,
histogram_bin_edges, histogram2d, histogramdd."""

# The lambdas below are called at once inside their loop (check runs them immediately).
# ruff: noqa: B023

import numoxide
import numpy
import pytest
from harness import FLOAT_DTYPES, INT_DTYPES, assert_same, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from test_statistics import check

ESTIMATORS = ["auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt"]


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(numpy.int64, st.integers(0, 30), elements=st.integers(0, 40)),
    st.integers(0, 50),
    st.booleans(),
    st.sampled_from(["int8", "uint16", "int32", "int64", "bool"]),
)
def test_bincount(x, minlength, weighted, dtype):
    x = x.astype(dtype)
    w = numpy.linspace(-1.5, 2.5, x.size) if weighted else None
    check(lambda m, xx, ww: m.bincount(xx, weights=ww, minlength=minlength), x, w)
    check(lambda m, xx: m.bincount(xx[::-1]), x)


def test_bincount_errors():
    check(lambda m: m.bincount(m.array([1, -1])))
    check(lambda m: m.bincount(m.array([[1, 2]])))
    check(lambda m: m.bincount(m.array(3)))
    check(lambda m: m.bincount(m.array([1.0, 2.0])))
    check(lambda m: m.bincount(m.array([1, 2]), minlength=-1))
    check(lambda m: m.bincount(m.array([1, 2]), weights=m.array([1.0])))
    check(lambda m: m.bincount(m.array([], dtype=m.int64)))
    check(lambda m: m.bincount([]))
    check(lambda m: m.bincount(m.array([1, 2], dtype=m.uint64)))


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(numpy.float64, st.integers(0, 20), elements=st.floats(-10, 10) | st.just(numpy.nan)),
    hnp.arrays(numpy.float64, st.integers(0, 6), elements=st.floats(-10, 10), unique=True),
    st.booleans(),
    st.booleans(),
)
def test_digitize(x, bins, right, decreasing):
    bins = numpy.sort(bins)
    if decreasing:
        bins = bins[::-1]
    check(lambda m, xx, bb: m.digitize(xx, bb, right=right), x, bins)
    check(lambda m, xx, bb: m.digitize(xx.astype(m.float32), bb, right=right), x, bins)


def test_digitize_cases():
    check(lambda m: m.digitize(m.array([1, 2, 3, 4]), m.array([1, 3, 3, 5]), right=True))
    check(lambda m: m.digitize(m.array([1, 2, 3, 4]), m.array([5, 3, 3, 1])))
    check(lambda m: m.digitize(m.array([[1.5, 2]]), m.array([0, 2])))
    check(lambda m: m.digitize(m.array([1, 2]), m.array([1, 3, 2])))
    check(lambda m: m.digitize(m.array([1j]), m.array([1, 3])))
    check(lambda m: m.digitize(2.5, m.array([1, 3])))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(FLOAT_DTYPES + INT_DTYPES + ["bool"]),
    st.integers(0, 40),
    st.sampled_from([1, 2, 3, 10, 17, "auto", "fd", "doane", "scott", "rice", "sturges", "sqrt", "edges"]),
    st.sampled_from([None, (0, 1), (-3.5, 2.25), (2, 2)]),
    st.booleans(),
    st.sampled_from([None, "f64", "f32", "i64"]),
    st.integers(0, 2**32 - 1),
)
def test_histogram(dtype, n, bins, rng_, density, wkind, seed):
    rng = numpy.random.default_rng(seed)
    a = (rng.standard_normal(n) * 3).astype(dtype) if dtype != "bool" else rng.random(n) > 0.5
    if bins == "edges":
        bins = numpy.array([-4.0, -1.0, 0.0, 0.5, 3.0])
    if wkind is not None and isinstance(bins, str):
        wkind = None
    w = None
    if wkind == "f64":
        w = rng.random(n)
    elif wkind == "f32":
        w = rng.random(n).astype(numpy.float32)
    elif wkind == "i64":
        w = rng.integers(0, 5, n)
    if w is not None and a.dtype.kind in "biu" and isinstance(bins, numpy.ndarray):
        # Integer data has ties; NumPy's cumulative path sorts with an unstable argsort,
        # so tied weights are summed in an unspecified order. Integer-valued weights make
        # every order give the same sums (the dtype path is still exercised).
        w = numpy.round(w * 4).astype(w.dtype)
    check(lambda m, aa, ww: m.histogram(aa, bins=bins, range=rng_, density=density, weights=ww), a, w)
    check(lambda m, aa: m.histogram_bin_edges(aa, bins=bins, range=rng_), a)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(-10, 10, allow_subnormal=False), min_size=2, max_size=60),
    st.integers(0, 20000),
    st.sampled_from(["float64", "float32", "int16"]),
    st.integers(0, 2**32 - 1),
)
def test_histogram_explicit_edges(edges, n, dtype, seed):
    """Explicit (non-uniform, dense, repeated) edges: values drawn around and exactly on
    the edges, NaN and inf, enough of them for the finest lookup table."""
    rng = numpy.random.default_rng(seed)
    e = numpy.sort(numpy.array(edges))
    if seed % 2:
        e = numpy.sort(numpy.concatenate([e, e[:3], e[-1:] + 1e-12, numpy.cbrt(e) * 1e-3]))
    a = numpy.concatenate([rng.normal(0, 4, n), rng.choice(e, n // 4), [numpy.nan, numpy.inf, -numpy.inf]])
    a = a.astype(dtype) if dtype != "int16" else numpy.round(a[numpy.isfinite(a)]).astype(dtype)
    check(lambda m, x, ee: m.histogram(x, bins=ee), a, e)
    check(lambda m, x, ee: m.histogram(x[::-3], bins=ee, density=True), a, e)


def test_histogram_edges_exact():
    # values on every edge, incl. the last one (inclusive) and outside the range
    a = numpy.linspace(0, 1, 11)
    for bins in [10, 5, 3, 7]:
        check(lambda m, x: m.histogram(x, bins=bins), a)
        check(lambda m, x: m.histogram(x, bins=bins, range=(0.1, 0.9)), a)
    e = numpy.array([0.0, 0.2, 0.2, 0.5, 1.0, 1.0])
    check(lambda m, x, ee: m.histogram(x, bins=ee), a, e)
    check(lambda m, x, ee: m.histogram(x, bins=ee, weights=x), a, e)
    check(lambda m, x: m.histogram(x.astype(m.float32), bins=13, range=(0.05, 0.95)), a)
    check(lambda m, x: m.histogram(x.astype(m.float16), bins=7), a)
    check(lambda m, x: m.histogram(x[::-2], bins=4, density=True), a)


def test_histogram_estimators():
    rng = numpy.random.default_rng(5)
    for dtype in ["float64", "float32", "int64"]:
        a = (rng.standard_normal(500) * 10).astype(dtype)
        for est in ESTIMATORS:
            check(lambda m, x: m.histogram(x, bins=est), a)
            check(lambda m, x: m.histogram_bin_edges(x, bins=est, range=(-5, 5)), a)
    check(lambda m: m.histogram(m.zeros(5), bins="fd"))
    check(lambda m: m.histogram(m.array([]), bins="auto"))


def test_histogram_errors():
    a = numpy.array([1.0, 2.0, numpy.nan])
    check(lambda m, x: m.histogram(x), a)
    check(lambda m, x: m.histogram(x, bins=3, range=(0, 3)), a)
    check(lambda m, x: m.histogram(x, range=(3, 0)), a)
    check(lambda m, x: m.histogram(x, range=(0, m.inf)), a)
    check(lambda m, x: m.histogram(x, bins=0, range=(0, 1)), a)
    check(lambda m, x: m.histogram(x, bins=2.5, range=(0, 1)), a)
    check(lambda m, x: m.histogram(x, bins=[3, 1, 2]), a)
    check(lambda m, x: m.histogram(x, bins=[[1, 2]]), a)
    check(lambda m, x: m.histogram(x, bins="bogus", range=(0, 1)), a)
    check(lambda m, x: m.histogram(x, bins="auto", weights=x, range=(0, 1)), a)
    check(lambda m, x: m.histogram(x, weights=x[:2], range=(0, 1)), a)
    check(lambda m: m.histogram(m.array([1.0, m.inf])))
    check(lambda m: m.histogram(m.array([]), density=True))


@pytest.mark.parametrize("density", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_histogram2d_dd(density, weighted):
    rng = numpy.random.default_rng(3)
    x = rng.standard_normal(200)
    y = rng.standard_normal(200) * 2
    z = rng.random(200)
    w = rng.random(200) if weighted else None
    for bins in [10, (3, 5), [numpy.array([-2.0, 0, 1, 3]), 4]]:
        check(lambda m, xx, yy, ww: m.histogram2d(xx, yy, bins=bins, density=density, weights=ww), x, y, w)
    check(lambda m, xx, yy, ww: m.histogram2d(xx, yy, bins=4, range=[(-1, 1), (0, 2)], weights=ww), x, y, w)
    s = numpy.stack([x, y, z], axis=1)
    check(lambda m, ss, ww: m.histogramdd(ss, bins=(2, 3, 4), density=density, weights=ww), s, w)
    check(lambda m, ss, ww: m.histogramdd(ss, bins=5, range=[(-1, 1), None, (0, 1)], weights=ww), s, w)
    check(lambda m, xx: m.histogramdd(xx, bins=6), x)
    check(lambda m, xx, yy: m.histogramdd([xx, yy], bins=[3, 4]), x, y)
    check(lambda m, ss: m.histogramdd(ss.astype(m.float32), bins=3), s)


def test_histogramdd_errors():
    s = numpy.random.default_rng(0).random((10, 2))
    check(lambda m, ss: m.histogramdd(ss, bins=(2, 3, 4)), s)
    check(lambda m, ss: m.histogramdd(ss, bins=(0, 3)), s)
    check(lambda m, ss: m.histogramdd(ss, bins=[[3, 1], [1, 2]]), s)
    check(lambda m, ss: m.histogramdd(ss, range=[(0, 1)]), s)
    check(lambda m, ss: m.histogram2d(ss[:, 0], ss[:5, 1]), s)
    # Weights must be one per sample row (found by fuzzing: an empty list used to panic).
    check(lambda m, ss: m.histogramdd(ss, weights=m.zeros(0, m.float16)), s)
    check(lambda m, ss: m.histogramdd(ss, weights=m.ones(3)), s)
    check(lambda m, ss: m.histogramdd(ss, weights=m.ones((10, 1))), s)
    check(lambda m, ss: m.histogramdd(ss, weights=m.float64(2)), s)
    check(lambda m, ss: m.histogram2d(ss[:, 0], ss[:, 1], weights=m.ones(2)), s)


# ----- audit regressions (issue 4) -------------------------------------------------------------


@pytest.mark.parametrize("wdtype", ["float64", "float32", "int64", "bool"])
@pytest.mark.parametrize("strided", [False, True])
def test_bincount_weights_in_place(wdtype, strided):
    rng = numpy.random.default_rng(2)
    x = rng.integers(0, 50, 4000)
    w = rng.standard_normal(8000 if strided else 4000).astype(wdtype)
    w = w[::2] if strided else w
    assert_same(numoxide.bincount(to_nx(x), weights=to_nx(w), minlength=60), numpy.bincount(x, weights=w, minlength=60))
