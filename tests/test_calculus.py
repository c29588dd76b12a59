"""Differences and integrals: diff, ediff1d, gradient, trapezoid, interp,
cumulative_sum and cumulative_prod, differential against NumPy."""

import numoxide
import numpy
from harness import (
    ALL_DTYPES,
    FLOAT_DTYPES,
    INT_DTYPES,
    assert_same_error,
    both,
    to_nx,
)
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, dtypes, layouts, shapes

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]


def prep(m, a, layout="as_is"):
    """The module's copy of NumPy array ``a`` with a layout applied."""
    x = a if m is numpy else to_nx(a)
    return LAYOUTS[layout](m, x)


def quiet(fn):
    """Run ``fn(m, ...)`` under errstate(all='ignore') (inf - inf and friends)."""

    def run(m, *args, **kwargs):
        with m.errstate(all="ignore"):
            return fn(m, *args, **kwargs)

    return run


# ----- diff ---------------------------------------------------------------------------------


@given(arrays(shape=shapes(min_dims=1, max_dims=3)), layouts(), st.integers(0, 3), st.integers(-3, 2))
def test_diff_matches_numpy(a, layout, n, axis):
    both(quiet(lambda m, a: m.diff(prep(m, a, layout), n=n, axis=axis)), a)


@given(arrays(shape=shapes(min_dims=1, max_dims=3, min_side=1)), st.sampled_from(ALL_DTYPES), st.booleans())
def test_diff_prepend_append(a, other, scalar):
    if scalar:
        extra = numpy.array(3, dtype=other)
    else:
        shp = list(a.shape)
        shp[-1] = 2
        extra = numpy.ones(shp, dtype=other)

    def fn(m, a, e):
        return m.diff(prep(m, a), prepend=prep(m, e), append=prep(m, e))

    both(quiet(fn), a, extra)


def test_diff_python_values_and_errors():
    both(lambda m: m.diff([1, 5, 2], prepend=0, append=[7, 7]))
    both(lambda m: m.diff(m.array([True, False, True, True]), n=2))
    both(lambda m: m.diff(m.array([1.5, -0.0, 0.0]), n=5))
    assert numoxide.diff([1, 2], n=0) == [1, 2]
    for fn in (
        lambda m: m.diff(m.array([1, 2]), n=-1),
        lambda m: m.diff(m.array(5)),
        lambda m: m.diff(m.array([1, 2]), axis=1),
        lambda m: m.diff(m.ones((2, 3)), prepend=m.ones((2, 2)), axis=0),
        lambda m: m.diff(m.ones((2, 3)), append=m.ones(3)),
    ):
        assert_same_error(fn)


# ----- ediff1d ------------------------------------------------------------------------------


@given(arrays(shape=shapes(max_dims=3)), layouts())
def test_ediff1d_matches_numpy(a, layout):
    both(quiet(lambda m, a: m.ediff1d(prep(m, a, layout))), a)


@given(st.sampled_from(NUMERIC), st.sampled_from(ALL_DTYPES), st.integers(0, 5))
def test_ediff1d_begin_end(dtype, extra_dtype, n):
    a = numpy.arange(n).astype(dtype)
    extra = numpy.array([1, 0]).astype(extra_dtype)
    both(quiet(lambda m, a, e: m.ediff1d(prep(m, a), to_begin=prep(m, e), to_end=prep(m, e)[::-1])), a, extra)
    both(quiet(lambda m, a: m.ediff1d(prep(m, a), to_end=[[7]])), a)


def test_ediff1d_errors():
    assert_same_error(lambda m: m.ediff1d(m.array([True, False])))
    assert_same_error(lambda m: m.ediff1d(m.array([True, False]), to_begin=True))
    assert_same_error(lambda m: m.ediff1d(m.array([1, 2], dtype=m.int8), to_begin=1.5))


# ----- gradient -----------------------------------------------------------------------------


@given(
    dtypes(NUMERIC).flatmap(lambda d: arrays(dtype=d, shape=shapes(min_dims=1, max_dims=3, min_side=3))),
    layouts(),
    st.sampled_from([1, 2]),
    st.sampled_from([None, 0, -1, (0,), "all"]),
)
def test_gradient_default_spacing(a, layout, edge_order, axis):
    kw = {"edge_order": edge_order}
    if axis == "all":
        kw["axis"] = tuple(range(a.ndim))
    elif axis is not None:
        kw["axis"] = axis
    both(quiet(lambda m, a: m.gradient(prep(m, a, layout), **kw)), a)


@given(st.sampled_from(FLOAT_DTYPES + ["complex64", "int32"]), st.integers(3, 9), st.sampled_from([1, 2]), st.data())
def test_gradient_spacings(dtype, n, edge_order, data):
    f = data.draw(arrays(dtype=dtype, shape=(n,)))
    coord_dtype = data.draw(st.sampled_from(["float64", "float32", "int64", "float16"]))
    coords = numpy.cumsum(numpy.array(data.draw(st.lists(st.integers(1, 5), min_size=n, max_size=n)))).astype(coord_dtype)
    uniform = numpy.arange(n).astype(coord_dtype) * 2
    spacing_cases = [
        lambda m: (2,),
        lambda m: (0.5,),
        lambda m: (m.float32(0.25),),
        lambda m: (m.float64(3.0),),
        lambda m: (prep(m, coords),),
        lambda m: (prep(m, uniform),),
    ]
    for sp in spacing_cases:
        both(quiet(lambda m, f, sp: m.gradient(prep(m, f), *sp(m), edge_order=edge_order)), f, sp)


def test_gradient_2d_mixed_spacing():
    f = numpy.arange(20.0).reshape(4, 5) ** 2
    x = numpy.array([0.0, 1, 3, 4])
    both(lambda m, f: m.gradient(prep(m, f), prep(m, x), 2.0))
    both(lambda m, f: m.gradient(prep(m, f), 3, axis=1, edge_order=2), f)
    both(lambda m, f: m.gradient(prep(m, f), prep(m, x), axis=0), f)


def test_gradient_errors():
    for fn in (
        lambda m: m.gradient(m.array([1.0, 2.0]), edge_order=2),
        lambda m: m.gradient(m.array([1.0])),
        lambda m: m.gradient(m.arange(5.0), edge_order=3),
        lambda m: m.gradient(m.arange(5.0), 1.0, 2.0),
        lambda m: m.gradient(m.ones((3, 3)), m.ones((3, 3))),
        lambda m: m.gradient(m.arange(5.0), m.arange(4.0)),
        lambda m: m.gradient(m.arange(5.0), axis=1),
        lambda m: m.gradient(m.array([True, False, True])),
        quiet(lambda m: m.gradient(m.arange(4.0), 0.0, edge_order=2)),
    ):
        assert_same_error(fn)
    assert numoxide.gradient(numoxide.array(1.0)) == numpy.gradient(numpy.array(1.0)) == ()


# ----- trapezoid ----------------------------------------------------------------------------


@given(arrays(shape=shapes(min_dims=1, max_dims=3)), layouts(), st.integers(-2, 1), st.sampled_from([None, 0.5, 2]))
def test_trapezoid_matches_numpy(a, layout, axis, dx):
    kw = {} if dx is None else {"dx": dx}
    both(quiet(lambda m, a: m.trapezoid(prep(m, a, layout), axis=axis, **kw)), a, ulp=0)


@given(st.sampled_from(FLOAT_DTYPES + INT_DTYPES[:2]), st.integers(1, 6), st.data())
def test_trapezoid_with_x(dtype, n, data):
    y = data.draw(arrays(dtype=dtype, shape=(3, n)))
    x1 = numpy.sort(data.draw(arrays(dtype="float64", shape=(n,))))
    xn = data.draw(arrays(dtype="float32", shape=(3, n)))
    both(quiet(lambda m, y, x: m.trapezoid(prep(m, y), x=prep(m, x))), y, x1)
    both(quiet(lambda m, y, x: m.trapezoid(prep(m, y), x=prep(m, x), axis=1)), y, xn)


def test_trapezoid_lists_and_errors():
    both(lambda m: m.trapezoid([1, 2, 3], x=[4, 6, 8]))
    both(lambda m: m.trapezoid([[0, 1, 2], [3, 4, 5]], axis=0))
    assert_same_error(lambda m: m.trapezoid(m.ones(3), axis=2))
    assert_same_error(lambda m: m.trapezoid(m.ones((2, 3)), x=m.ones(4)))


# ----- interp -------------------------------------------------------------------------------

finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(
    st.lists(finite, min_size=1, max_size=12, unique=True),
    st.lists(st.one_of(finite, st.just(float("nan")), st.just(float("inf")), st.just(-float("inf"))), max_size=30),
    st.data(),
)
def test_interp_matches_numpy(xp, x, data):
    xp = numpy.sort(numpy.array(xp))
    x = numpy.array(x + list(xp[: data.draw(st.integers(0, len(xp)))]))
    fdt = data.draw(st.sampled_from(["float64", "float32", "int64", "complex128", "complex64", "bool"]))
    fp = data.draw(arrays(dtype=fdt, shape=xp.shape))
    kw = data.draw(st.sampled_from([{}, {"left": -1.5}, {"right": 99}, {"left": 0, "right": 1.0}]))
    both(quiet(lambda m, x, xp, fp: m.interp(prep(m, x), prep(m, xp), prep(m, fp), **kw)), x, xp, fp)


def test_interp_duplicates_nan_breakpoints_and_period():
    xp = numpy.array([0.0, 1.0, 1.0, 2.0, numpy.inf])
    fp = numpy.array([0.0, numpy.inf, -1.0, numpy.nan, 3.0])
    x = numpy.array([-1, 0, 0.5, 1, 1.5, 2, 3, numpy.inf, numpy.nan])
    both(quiet(lambda m: m.interp(prep(m, x), prep(m, xp), prep(m, fp))))
    big = numpy.linspace(-5, 105, 1001)
    xs, ys = numpy.arange(100.0) ** 1.5 / 10, numpy.sin(numpy.arange(100.0))
    both(lambda m: m.interp(prep(m, big), prep(m, xs), prep(m, ys)))
    both(lambda m: m.interp(prep(m, big[::-3]), m.arange(7.0), m.arange(7.0) * 1j))
    both(lambda m: m.interp([-180, -170, -185, 185, -10, -5, 0, 365], [190, -190, 350, -350], [5, 10, 3, 4], period=360))
    both(lambda m: m.interp(m.array([[1.5, 2.5], [0, 9]]), [1, 2, 3], [1, 2, 3], period=-2.5))
    both(lambda m: m.interp(2.5, [1, 2, 3], [3, 2, 0]))
    both(lambda m: m.interp(m.float32(2.5), [1], [3], left=1j))
    both(lambda m: m.interp([], [], []))
    both(lambda m: m.interp([1.0], [1, 2], [1j, 2], left=2 + 3j, right=7))


def test_interp_errors():
    for fn in (
        lambda m: m.interp([1.0], [], []),
        lambda m: m.interp([1.0], [1, 2], [1, 2, 3]),
        lambda m: m.interp([1.0], [[1, 2]], [1, 2]),
        lambda m: m.interp([1.0], 1, [1]),
        lambda m: m.interp([1.0], [1, 2], [1, 2], period=0),
        lambda m: m.interp([1j], [1, 2], [1, 2]),
        lambda m: m.interp([1.0], [1, 2], [1, 2], left=1j),
        lambda m: m.interp([1.0], [[1, 2]], [1, 2], period=3),
    ):
        assert_same_error(fn)


# ----- cumulative_sum / cumulative_prod ----------------------------------------------------------


@given(arrays(shape=shapes(max_dims=3)), layouts(), st.booleans(), st.sampled_from(["cumulative_sum", "cumulative_prod"]), st.data())
def test_cumulative_matches_numpy(a, layout, include_initial, name, data):
    nd = max(a.ndim, 1)
    axis = data.draw(st.one_of(st.none(), st.integers(-nd, nd - 1)))
    both(quiet(lambda m, a: getattr(m, name)(prep(m, a, layout), axis=axis, include_initial=include_initial)), a)


@given(st.sampled_from(ALL_DTYPES), st.sampled_from([None, "float32", "int16", "complex128"]), st.booleans())
def test_cumulative_dtype_and_out(dtype, out_dtype, include_initial):
    a = numpy.arange(1, 7).reshape(2, 3).astype(dtype)
    n = 4 if include_initial else 3
    for name in ("cumulative_sum", "cumulative_prod"):
        both(quiet(lambda m, a, name: getattr(m, name)(prep(m, a), axis=1, dtype=out_dtype, include_initial=include_initial)), a, name)

        def with_out(m, a, name):
            out = m.zeros((2, n), dtype=out_dtype or "float64")
            r = getattr(m, name)(prep(m, a), axis=1, out=out, include_initial=include_initial)
            assert r is out
            return out

        both(quiet(with_out), a, name)


def test_cumulative_errors():
    assert_same_error(lambda m: m.cumulative_sum(m.ones((2, 2))))
    assert_same_error(lambda m: m.cumulative_prod(m.ones(3), axis=1))
    both(lambda m: m.cumulative_sum(m.array(5), include_initial=True))
    both(lambda m: m.cumulative_prod([True, True, False]))
