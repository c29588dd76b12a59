"""Reductions over every memory layout give NumPy's bits and NumPy's result layout.

NumPy's float sums are pairwise within each call of the inner loop, and float16 loops
accumulate each call in float32, so the last bits of a sum depend on how NumPy's
buffered iterator orders the axes (memory order, negative strides kept) and groups the
elements into calls (whole cores, buffers of 8192 elements). These tests draw reversed,
strided, transposed and length-1-axis layouts, byte-swapped and cast inputs, where=
masks and keepdims, and compare bit for bit — values, dtype, shape and strides.
"""

import warnings

import numoxide
import numpy
from harness import assert_same
from hypothesis import given, settings
from hypothesis import strategies as st

SIDES = [1, 2, 3, 5, 8, 9, 17, 40, 130]


@st.composite
def strided(draw, dtypes=("f8", "f4", "c16", "c8", "f2", ">f8")):
    """A view with any steps (negative too) and axis order over random data."""
    nd = draw(st.integers(1, 4))
    shape = [draw(st.sampled_from(SIDES)) for _ in range(nd)]
    while numpy.prod(shape) > 60_000:
        shape[draw(st.integers(0, nd - 1))] //= 2
    dtype = numpy.dtype(draw(st.sampled_from(dtypes)))
    steps = [draw(st.sampled_from([1, 1, 2, -1, -2])) for _ in range(nd)]
    rng = numpy.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    full = [s * abs(t) for s, t in zip(shape, steps)]
    base = rng.standard_normal(full) * 10.0 ** rng.integers(-3, 4, size=full)
    if dtype.kind == "c":
        base = base + 1j * rng.standard_normal(full)
    base = base.astype(dtype)
    view = base[tuple(slice(None, None, t) for t in steps)]
    perm = draw(st.permutations(range(nd)))
    return view.transpose(perm)


def axes_for(draw, nd):
    kind = draw(st.sampled_from(["all", "one", "several"]))
    if kind == "all":
        return None
    if kind == "one":
        return draw(st.integers(-nd, nd - 1))
    return tuple(sorted(draw(st.sets(st.integers(0, nd - 1), min_size=1, max_size=nd))))


def check(fn, ours, theirs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = fn(numpy, theirs)
        got = fn(numoxide, ours)
    assert_same(got, want)
    # numoxide's own strides (the buffer export normalises length-1 axes, as NumPy's),
    # on the axes that have a stride to speak of (length-1 axes are not compared).
    if isinstance(want, numpy.ndarray) and want.size > 1:
        real = [d for d, n in enumerate(want.shape) if n > 1]
        assert [got.strides[d] for d in real] == [want.strides[d] for d in real]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_add_reduce_bits_and_layout(data):
    x = data.draw(strided())
    a = numoxide.asarray(x)
    axis = axes_for(data.draw, x.ndim)
    kw = {"keepdims": data.draw(st.booleans())}
    if x.dtype.kind == "f" and data.draw(st.booleans()):
        kw["dtype"] = data.draw(st.sampled_from(["f8", "f4"]))
    where = data.draw(st.booleans())
    mask = numpy.random.default_rng(1).random(x.shape) < 0.7
    if where:
        kw["where"] = mask

    def run(m, arr):
        k = dict(kw)
        if where:
            k["where"] = m.asarray(mask)
        return m.add.reduce(arr, axis=axis, **k)

    check(run, a, x)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_statistics_bits_and_layout(data):
    x = data.draw(strided())
    a = numoxide.asarray(x)
    axis = axes_for(data.draw, x.ndim)
    name = data.draw(
        st.sampled_from(["sum", "mean", "var", "std", "prod", "nansum", "nanmean", "nanvar"])
    )
    keepdims = data.draw(st.booleans())
    check(lambda m, arr: getattr(m, name)(arr, axis=axis, keepdims=keepdims), a, x)


def test_reversed_full_sum_is_one_buffered_call():
    # (300, 7)[::-1] does not merge into one run, so NumPy buffers all 2100 elements and
    # sums them pairwise in one call; per-row calls give other bits.
    x = numpy.random.default_rng(0).standard_normal((300, 7))[::-1]
    assert_same(numoxide.asarray(x).sum(), x.sum())
    # Larger than a buffer: calls of 8190 (whole rows of 7 that fit in 8192).
    y = numpy.random.default_rng(1).standard_normal((3000, 7))[::-1]
    assert_same(numoxide.asarray(y).sum(), y.sum())


def test_float16_products_accumulate_each_call_in_float32():
    x = (numpy.random.default_rng(5).standard_normal((6, 40)) * 10.0).astype("f2")
    for view in (x, x[::-1], x.T, x[:, ::-3]):
        for axis in (None, 0, 1):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                assert_same(
                    numoxide.multiply.reduce(numoxide.asarray(view), axis=axis),
                    numpy.multiply.reduce(view, axis=axis),
                )
                assert_same(
                    numoxide.subtract.reduce(numoxide.asarray(view), axis=0),
                    numpy.subtract.reduce(view, axis=0),
                )


def test_where_into_byteswapped_output():
    a = numpy.arange(1, 4.0).astype(">f8")
    w = numpy.array([True, False, True])
    b = a.copy()
    numpy.subtract(b, 1.5, out=b, where=w)
    c = numoxide.asarray(a.copy())
    numoxide.subtract(c, 1.5, out=c, where=numoxide.asarray(w))
    assert_same(c, b)
    y = numpy.array([1.0, 2.0, numpy.nan]).astype(">f8")
    assert_same(numoxide.nanvar(numoxide.asarray(y)), numpy.nanvar(y))
    assert_same(
        numoxide.where(numoxide.asarray(w), numoxide.asarray(a), 0.0), numpy.where(w, a, 0.0)
    )


def test_elementwise_output_layout_ignores_length_one_axes():
    buf = numpy.random.default_rng(3).standard_normal(200_000)
    y = numpy.ndarray(
        (5, 8, 17, 1), "f8", buffer=buf, offset=87040, strides=(-4352, -8, -128, -87040)
    )
    m = y.mean(axis=(0, 2, 3), keepdims=True)
    a = numoxide.asarray(y)
    got = a - numoxide.asarray(m)
    assert got.strides == (y - m).strides
    assert a.mean(axis=(0, 2, 3), keepdims=True).strides == m.strides
