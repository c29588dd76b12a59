"""Differential tests of the elementwise helpers: clip, where, around/round, fix,
nan_to_num, isclose/allclose, real_if_close, and the type queries result_type,
min_scalar_type, common_type."""

import warnings

import numoxide
import numpy
import pytest
from harness import (
    ALL_DTYPES,
    COMPLEX_DTYPES,
    FLOAT_DTYPES,
    INT_DTYPES,
    assert_same,
    assert_same_error,
    to_nx,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout, arrays, dtypes, shapes

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]


def _run(fn, mod, args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = fn(mod, *args)
        except Exception as e:  # noqa: BLE001 - compared below
            r = e
    return r, sorted({(x.category.__name__, str(x.message)) for x in w})


def check(fn, *args, ulp=0):
    """Compare results, exception classes and warnings of NumPy and numoxide."""
    theirs, tw = _run(fn, numpy, args)
    ours, ow = _run(fn, numoxide, [to_nx(a) for a in args])
    assert ow == tw, f"warnings {ow} != {tw}"
    if isinstance(theirs, Exception):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert_same_error(fn, *args)
        return
    assert not isinstance(ours, Exception), f"numoxide raised {ours!r}; NumPy returned {theirs!r}"
    assert_same(ours, theirs, ulp)


def laid(m, a, layout):
    return LAYOUTS[layout](m, a)


# ----- clip --------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(array_and_layout(), st.sampled_from([-1, 0, 2, 1.5, None, -300, 1000]), st.sampled_from([3, 0.5, None, 70000, -2]))
def test_clip_scalars(al, lo, hi):
    a, layout = al
    check(lambda m, x: m.clip(laid(m, x, layout), lo, hi), a)


@settings(max_examples=100, deadline=None)
@given(arrays(), st.data())
def test_clip_arrays(a, data):
    lo = data.draw(arrays(shape=a.shape[-1:] if a.ndim else ()))
    hi = data.draw(arrays(shape=()))
    if a.dtype.kind == "c" or lo.dtype.kind == "c" or hi.dtype.kind == "c":
        return
    check(lambda m, x, y, z: m.clip(x, y, z), a, lo, hi)
    check(lambda m, x, y: x.clip(y), a, lo)
    check(lambda m, x, y: x.clip(max=y), a, hi)


def test_clip_misc():
    check(lambda m: m.clip(5, 1, 3))
    check(lambda m: m.clip([1.0, numpy.nan, -0.0], 0.0, 1.0))
    check(lambda m: m.clip(m.arange(5), 1, 3, out=m.zeros(5, dtype=int)))
    check(lambda m: m.clip(m.arange(5, dtype="uint8"), -5, 1000))
    check(lambda m: m.clip(m.arange(5), 1, 3, min=2))


# ----- where -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_where_arrays(data):
    shape = data.draw(shapes(max_dims=3))
    c = data.draw(arrays(dtype="bool", shape=shape))
    x = data.draw(arrays(shape=shape[-1:] if shape else ()))
    y = data.draw(arrays(shape=()))
    check(lambda m, c, x, y: m.where(c, x, y), c, x, y)


@pytest.mark.parametrize("dt", ALL_DTYPES)
@pytest.mark.parametrize("s", [0, 1, -1, 2.5, 1j, 300, True])
def test_where_weak(dt, s):
    check(lambda m: m.where(m.arange(4) % 2 == 0, m.arange(4).astype(dt), s))
    check(lambda m: m.where([True, False], s, m.zeros(2, dt)))


def test_where_misc():
    check(lambda m: m.where(True, 1, 2))
    check(lambda m: m.where([1, 0, 2], [1.0, 2, 3], [4, 5, 6]))
    check(lambda m: m.where(m.array([[0, 1], [2, 0]])))
    check(lambda m: m.where(m.array(0)))
    check(lambda m: m.where([True], 1))
    check(lambda m: m.where([True, False], m.ones(3), 0))
    check(lambda m: m.where([True], m.int8(1), 1000))


# ----- round / around / fix ----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(array_and_layout(), st.integers(-4, 6))
def test_round(al, decimals):
    a, layout = al
    check(lambda m, x: m.round(laid(m, x, layout), decimals), a)
    check(lambda m, x: m.around(x, decimals), a)
    check(lambda m, x: laid(m, x, layout).round(decimals), a)


def test_round_scalars():
    for v in [2.5, 3.5, -0.5, 1.25, 12345, -0.0, float("nan"), float("inf")]:
        check(lambda m, v=v: m.round(v))
        check(lambda m, v=v: m.round(v, 1))
        check(lambda m, v=v: m.round(v, -1))
    check(lambda m: m.round(m.float32(2.675), 2))
    check(lambda m: m.round(m.int16(1234), -2))
    check(lambda m: m.round([1.5, 2.5], out=m.zeros(2)))
    assert round(numoxide.float64(2.5)) == round(numpy.float64(2.5))


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_fix(data):
    a = data.draw(arrays(dtype=data.draw(dtypes(["bool"] + INT_DTYPES + FLOAT_DTYPES))))
    check(lambda m, x: m.fix(x), a)


# ----- nan_to_num --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(array_and_layout(), st.sampled_from([0.0, -1.5, 7]), st.sampled_from([None, 9.0]), st.sampled_from([None, -9.0]))
def test_nan_to_num(al, nan, posinf, neginf):
    a, layout = al
    check(lambda m, x: m.nan_to_num(laid(m, x, layout), nan=nan, posinf=posinf, neginf=neginf), a)


def test_nan_to_num_misc():
    check(lambda m: m.nan_to_num(float("nan")))
    check(lambda m: m.nan_to_num(float("-inf")))
    check(lambda m: m.nan_to_num([1, 2]))
    check(lambda m: m.nan_to_num(m.array([complex(numpy.nan, numpy.inf)])))

    def inplace(m):
        a = m.array([numpy.nan, numpy.inf, 1.0])
        r = m.nan_to_num(a, copy=False)
        return r is a, a

    check(inplace)


# ----- isclose / allclose ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.data(), st.booleans())
def test_isclose(data, equal_nan):
    dt = data.draw(dtypes(NUMERIC))
    a = data.draw(arrays(dtype=dt))
    b = data.draw(arrays(dtype=data.draw(dtypes(NUMERIC)), shape=a.shape[-1:] if a.ndim else ()))
    check(lambda m, x, y: m.isclose(x, y, equal_nan=equal_nan), a, b)
    check(lambda m, x, y: m.allclose(x, y, equal_nan=equal_nan), a, b)



@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["float64", "float32"]),
    st.integers(0, 300),
    st.sampled_from([1e-5, 0.0, 0.5, 1e-300, 1e-40, 1e300, 1e39]),
    st.sampled_from([1e-8, 0.0, 1e-300, 1e300]),
    st.sampled_from(["none", "inf", "nan", "huge", "tiny"]),
    st.booleans(),
    st.booleans(),
    st.integers(0, 2**32 - 1),
)
def test_isclose_same_layout(dtype, n, rtol, atol, special, equal_nan, strict, seed):
    # Two arrays of one float dtype and shape with Python-float tolerances (the one-pass
    # path), against NumPy's ufunc sequence, warnings and errors included.
    rng = numpy.random.default_rng(seed)
    a = (rng.standard_normal(n) * 10).astype(dtype)
    b = (a * (1 + rng.standard_normal(n) * 1e-5) + rng.standard_normal(n) * 1e-8).astype(dtype)
    if n and special != "none":
        at = rng.integers(0, n, size=3)
        value = {"inf": numpy.inf, "nan": numpy.nan, "huge": numpy.finfo(dtype).max, "tiny": numpy.finfo(dtype).tiny}
        b[at] = value[special]
        a[at[:1]] = -value[special]

    def run(m, x, y):
        if strict:  # every floating-point flag of the sequence raises
            with m.errstate(all="raise"):
                return m.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)
        return m.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)

    check(run, a, b)
    check(run, a.reshape(-1, 1) if n else a, b.reshape(-1, 1) if n else b)

def test_isclose_misc():
    check(lambda m: m.isclose(1, 1))
    check(lambda m: m.isclose(1e10, 1.00001e10))
    check(lambda m: m.isclose([1e-8, 1e-7], [0.0, 0.0]))
    check(lambda m: m.isclose([1.0, numpy.nan], [1.0, numpy.nan], equal_nan=True))
    check(lambda m: m.isclose([numpy.inf, -numpy.inf], [numpy.inf, numpy.inf]))
    check(lambda m: m.isclose(m.arange(3), 1, rtol=0.5, atol=0))
    check(lambda m: m.allclose([1, 2], [1, 2.0000001]))
    check(lambda m: m.allclose([1, 2], [[1, 2], [1, 3]]))
    check(lambda m: m.isclose([1, 2], [1, 2, 3]))


# ----- real_if_close -----------------------------------------------------------------------


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_real_if_close(dt):
    check(lambda m: m.real_if_close(m.ones(3, dt)))


def test_real_if_close_complex():
    for dt in COMPLEX_DTYPES:
        check(lambda m, dt=dt: m.real_if_close(m.array([2.1 + 4e-14j, 5.2 + 3e-15j], dtype=dt)))
        check(lambda m, dt=dt: m.real_if_close(m.array([2.1 + 4e-13j, 5.2 + 3e-15j], dtype=dt), tol=1000))
        check(lambda m, dt=dt: m.real_if_close(m.array([2.1 + 1e-3j], dtype=dt)))


# ----- type queries ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(dtypes(), st.sampled_from([1, 1.5, 2j, True, -1, 2**63])), min_size=1, max_size=4), st.data())
def test_result_type(items, data):
    args = []
    for it in items:
        if isinstance(it, str):
            kind = data.draw(st.sampled_from(["dtype", "array", "scalar"]))
            if kind == "dtype":
                args.append(("dtype", it))
            elif kind == "array":
                args.append(("array", it))
            else:
                args.append(("scalar", it))
        else:
            args.append(("py", it))

    def make(m):
        out = []
        for kind, v in args:
            if kind == "dtype":
                out.append(m.dtype(v))
            elif kind == "array":
                out.append(m.zeros(2, dtype=v))
            elif kind == "scalar":
                out.append(m.zeros((), dtype=v)[()])
            else:
                out.append(v)
        return m.result_type(*out)

    check(make)


def test_result_type_misc():
    check(lambda m: m.result_type())
    check(lambda m: m.result_type(m.int8, m.uint8))
    check(lambda m: m.result_type("f4", 1j))
    check(lambda m: m.result_type(m.arange(3, dtype="u1"), 300))


@pytest.mark.parametrize(
    "v", [0, 255, 256, -1, -129, 2**31, -(2**40), 2**64 - 1, 1.0, 1e5, 1e39, float("nan"), float("inf"), 1 + 1j, 1e40j, True]
)
def test_min_scalar_type(v):
    check(lambda m: m.min_scalar_type(v))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_min_scalar_type_typed(dt):
    check(lambda m: m.min_scalar_type(m.ones((), dt)[()]))
    check(lambda m: m.min_scalar_type(m.ones(3, dt)))


@settings(max_examples=100, deadline=None)
@given(st.lists(dtypes(), min_size=1, max_size=3))
def test_common_type(dts):
    def f(m):
        t = m.common_type(*[m.zeros(2, d) for d in dts])
        return t.__name__

    check(f)


@pytest.mark.parametrize("dt", ["int8", "uint16", "int64", "float16", "float32", "float64"])
@pytest.mark.parametrize("nd", [None, 0, 1, -1])
def test_builtin_round(dt, nd):
    check(lambda m: round(m.ones((), dt)[()] * 3, nd) if nd is not None else round(m.ones((), dt)[()] * 3))
    if dt.startswith("float"):
        check(lambda m: round(m.zeros((), dt)[()] + 2.5, nd))
