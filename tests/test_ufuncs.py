"""Ufuncs against NumPy: loops and type resolution for every dtype, NEP 50 weak
scalars, broadcasting and layouts, out=/where=/casting=/dtype=, the methods reduce,
accumulate, outer, reduceat and at, attributes, errstate, and the ndarray operators."""

import operator
import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, assert_same, assert_same_error, to_nx
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, layouts, shapes

# Ufuncs whose results are correctly rounded (bit-exact on every platform) vs. those that
# go through a libm or SIMD approximation, where NumPy's AVX-512 loops and our libm may
# differ by a few units in the last place.
EXACT_UNARY = [
    "negative",
    "positive",
    "absolute",
    "fabs",
    "sign",
    "conjugate",
    "square",
    "sqrt",
    "rint",
    "floor",
    "ceil",
    "trunc",
    "logical_not",
    "isnan",
    "isinf",
    "isfinite",
    "signbit",
    "invert",
    "spacing",
    "reciprocal",
    "bitwise_count",
]
APPROX_UNARY = [
    "cbrt",
    "exp",
    "exp2",
    "expm1",
    "log",
    "log2",
    "log10",
    "log1p",
    "sin",
    "cos",
    "tan",
    "arcsin",
    "arccos",
    "arctan",
    "sinh",
    "cosh",
    "tanh",
    "arcsinh",
    "arccosh",
    "arctanh",
    "degrees",
    "radians",
    "deg2rad",
    "rad2deg",
]
EXACT_BINARY = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "fmod",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "logical_and",
    "logical_or",
    "logical_xor",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "left_shift",
    "right_shift",
    "gcd",
    "lcm",
    "copysign",
    "nextafter",
    "heaviside",
    "hypot",
]
APPROX_BINARY = ["arctan2", "logaddexp", "logaddexp2", "power", "float_power"]

# Tolerances (ULP) for the approximate functions, by float width.
# Complex transcendental functions come from num-complex's textbook formulas, which lose
# a few more bits than C99 libm near branch points: a wider (stated) bound there.
APPROX_ULP = {"float16": 1, "float32": 4, "float64": 4, "complex64": 64, "complex128": 64}


def _ulp_for(name, dtype):
    if name in EXACT_UNARY or name in EXACT_BINARY:
        # Complex division and hypot go through different but correctly-ordered formulas.
        if name in ("divide", "reciprocal", "hypot") and numpy.dtype(dtype).kind == "c":
            return 2
        if name == "hypot":
            return 1
        if name in ("sqrt", "sign", "absolute") and numpy.dtype(dtype).kind == "c":
            return 2
        if name == "square" and numpy.dtype(dtype).kind == "c":
            # NumPy's SIMD complex square uses fused multiply-adds; re^2 - im^2 cancels, so
            # results agree to a few eps of the magnitude (the harness's complex bound).
            return 4
        return 0
    return APPROX_ULP.get(str(numpy.dtype(dtype)), 4)


def _quiet():
    """Suppress floating-point warnings on both sides (warnings are tested separately)."""
    return numpy.errstate(all="ignore"), numoxide.errstate(all="ignore")


def _compare_call(name, np_args, ulp):
    npe, nxe = _quiet()
    with npe, nxe:
        try:
            theirs = getattr(numpy, name)(*np_args)
        except Exception:  # noqa: BLE001 - compare the error class
            assert_same_error(
                lambda m: getattr(m, name)(*[to_nx(a) if m is numoxide else a for a in np_args])
            )
            return
        ours = getattr(numoxide, name)(*[to_nx(a) for a in np_args])
    assert_same(ours, theirs, ulp)


@pytest.mark.parametrize("name", EXACT_UNARY + APPROX_UNARY)
@given(data=st.data())
def test_unary_all_dtypes(name, data):
    x = data.draw(arrays())
    if x.dtype.kind == "c" and name in APPROX_UNARY:
        # Known gap: our complex transcendental functions follow the textbook formulas
        # (num-complex), not C99's special-value and overflow handling, so they are
        # compared on finite arguments of moderate size only.
        ok = numpy.isfinite(x) & (abs(x) < 20) & ((abs(x) > 1e-3) | (x == 0))
        x = numpy.where(ok, x, numpy.asarray(0.5 + 0.25j, x.dtype))
    _compare_call(name, [x], _ulp_for(name, x.dtype))


@pytest.mark.parametrize("name", EXACT_BINARY + APPROX_BINARY)
@given(data=st.data())
def test_binary_all_dtypes(name, data):
    dt1 = data.draw(st.sampled_from(ALL_DTYPES))
    dt2 = data.draw(st.sampled_from([dt1] + ALL_DTYPES))
    shape = data.draw(shapes(max_dims=3))
    x = data.draw(arrays(dt1, shape))
    # A broadcastable second shape: drop leading axes or set some to 1.
    shape2 = tuple(
        1 if data.draw(st.booleans()) else d for d in shape[data.draw(st.integers(0, len(shape))) :]
    )
    y = data.draw(arrays(dt2, shape2))
    result_dtype = numpy.result_type(x, y)
    if name in ("power", "float_power") and result_dtype.kind == "c":
        # Same known gap as the complex transcendental functions: finite moderate values.
        x = numpy.where(numpy.isfinite(x) & (abs(x) < 20), x, numpy.asarray(1.5, x.dtype))
        y = numpy.where(numpy.isfinite(y) & (abs(y) < 20), y, numpy.asarray(2, y.dtype))
    ulp = _ulp_for(name, result_dtype)
    if name in ("fmax", "fmin"):
        # NumPy's own fmax/fmin pick a different zero on +0.0/-0.0 ties in its scalar and
        # SIMD loops; a ULP bound of 1 treats the two zeros as equal and nothing else.
        ulp = max(ulp, 1)
    _compare_call(name, [x, y], ulp)


@pytest.mark.parametrize("name", ["add", "multiply", "sqrt", "maximum", "less", "floor_divide"])
@given(data=st.data(), layout=layouts())
def test_layouts(name, data, layout):
    """Strided, reversed, transposed and F-order operands give the same answers."""
    x = data.draw(arrays("float64", data.draw(shapes(min_dims=1, max_dims=3, min_side=1))))
    nx_x = LAYOUTS[layout](numoxide, to_nx(x))
    np_x = LAYOUTS[layout](numpy, x)
    uf_np, uf_nx = getattr(numpy, name), getattr(numoxide, name)
    npe, nxe = _quiet()
    with npe, nxe:
        if uf_np.nin == 1:
            assert_same(uf_nx(nx_x), uf_np(np_x))
        else:
            assert_same(uf_nx(nx_x, nx_x[..., ::-1]), uf_np(np_x, np_x[..., ::-1]))


# ----- NEP 50 weak scalars ------------------------------------------------------------------

PY_SCALARS = [1, -1, 300, 2**40, 2**63, 1.5, -0.0, float("inf"), 1 + 2j, True]


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("value", PY_SCALARS, ids=repr)
@pytest.mark.parametrize("op", ["add", "multiply", "less", "maximum"])
def test_weak_python_scalars(dtype, value, op):
    x = numpy.array([0, 1, 2]).astype(dtype)
    npe, nxe = _quiet()
    with npe, nxe:
        try:
            theirs = getattr(numpy, op)(x, value)
        except Exception:  # noqa: BLE001
            assert_same_error(
                lambda m: getattr(m, op)(m.asarray(x) if m is numpy else to_nx(x), value)
            )
            return
        ours = getattr(numoxide, op)(to_nx(x), value)
        assert_same(ours, theirs)
        # Reflected and scalar-scalar forms.
        assert_same(getattr(numoxide, op)(value, to_nx(x)), getattr(numpy, op)(value, x))


@pytest.mark.parametrize("dt1", ALL_DTYPES)
@pytest.mark.parametrize("dt2", ALL_DTYPES)
def test_promotion_table(dt1, dt2):
    a, b = numpy.ones(2, dt1), numpy.ones(2, dt2)
    assert_same(numoxide.add(to_nx(a), to_nx(b)), numpy.add(a, b))
    assert str(numoxide.promote_types(dt1, dt2)) == str(numpy.promote_types(dt1, dt2))
    for casting in ["no", "equiv", "safe", "same_kind", "unsafe"]:
        assert numoxide.can_cast(dt1, dt2, casting) == numpy.can_cast(dt1, dt2, casting), (
            dt1,
            dt2,
            casting,
        )


def test_true_divide_of_ints_is_float64():
    for dt in INT_DTYPES + ["bool"]:
        x = numpy.arange(1, 4).astype(dt)
        assert_same(numoxide.true_divide(to_nx(x), to_nx(x)), numpy.true_divide(x, x))
        assert_same(to_nx(x) / 2, x / 2)


def test_integer_overflow_wraps_and_division_by_zero_warns():
    x = numpy.array([127, -128, 5], dtype=numpy.int8)
    assert_same(to_nx(x) + numpy.int8(1), x + numpy.int8(1))
    with pytest.warns(RuntimeWarning, match="divide by zero encountered in floor_divide"):
        r = to_nx(x) // 0
    with numpy.errstate(divide="ignore"):
        assert_same(r, x // 0)
    with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed."):
        numoxide.power(to_nx(numpy.array([2])), -1)


# ----- keywords ----------------------------------------------------------------------------


def test_out_where_casting_dtype():
    x = numpy.arange(1.0, 6.0)
    for m in (numpy, numoxide):
        xx = m.asarray(x) if m is numpy else to_nx(x)
        out = m.full_like(xx, -1.0)
        r = m.sqrt(xx, out=out, where=xx % 2 == 0)
        assert r is out
    np_out = numpy.full_like(x, -1.0)
    numpy.sqrt(x, out=np_out, where=x % 2 == 0)
    nx_out = numoxide.full_like(to_nx(x), -1.0)
    numoxide.sqrt(to_nx(x), out=nx_out, where=to_nx(x) % 2 == 0)
    assert_same(nx_out, np_out)
    # out of a different dtype: same_kind refuses float -> int.
    assert_same_error(lambda m: m.add(m.ones(3), m.ones(3), out=m.zeros(3, dtype="int64")))
    # casting='unsafe' allows it.
    for m in (numpy, numoxide):
        o = m.zeros(3, dtype="int64")
        m.add(m.ones(3) * 1.7 if m is numpy else numoxide.ones(3) * 1.7, 1, out=o, casting="unsafe")
    # dtype= chooses the loop.
    assert_same(
        numoxide.add(to_nx(numpy.arange(3)), 1, dtype="float32"),
        numpy.add(numpy.arange(3), 1, dtype="float32"),
    )
    # two outputs
    q = numpy.array([7.0, -7.5])
    assert_same(numoxide.divmod(to_nx(q), 2), numpy.divmod(q, 2))
    assert_same(numoxide.modf(to_nx(q)), numpy.modf(q))
    assert_same(numoxide.frexp(to_nx(q)), numpy.frexp(q))
    # positional out
    o1 = numoxide.zeros(2)
    assert numoxide.add(to_nx(q), 1, o1) is o1


def test_output_overlap_is_buffered():
    x = numpy.arange(10.0)
    a = to_nx(x)
    numoxide.add(a, a[::-1], out=a)
    numpy.add(x, x[::-1], out=x)
    assert_same(a, x)
    y = numpy.arange(10)
    b = to_nx(y)
    b[1:] += b[:-1]
    y[1:] += y[:-1]
    assert_same(b, y)


def test_broadcast_error_teaches():
    with pytest.raises(ValueError) as e:
        numoxide.ones((3, 4)) + numoxide.ones(3)
    text = str(e.value)
    assert (
        text.splitlines()[0] == "operands could not be broadcast together with shapes (3,4) (3,) "
    )
    assert "aligned from the right" in text
    assert_same_error(lambda m: m.ones((3, 4)) + m.ones(3))


def test_bad_input_types():
    assert_same_error(lambda m: m.bitwise_and(m.ones(3), m.ones(3)))
    assert_same_error(lambda m: m.left_shift(m.ones(3), 1))
    assert_same_error(lambda m: m.add(m.ones(3), m.ones(3), casting="bogus"))


# ----- complex multiply: NumPy's fused multiply-adds, bit for bit --------------------------


def _complex_values(dtype):
    part = st.one_of(
        st.floats(width=32 if dtype == "complex64" else 64, allow_nan=True, allow_infinity=True),
        st.sampled_from([0.0, -0.0, 1.0, -1.0, 1e300, -1e300, 1e-300, 3.0e38, 1e-40]),
    )
    return st.builds(complex, part, part)


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@given(data=st.data())
def test_complex_multiply_exact_with_warnings(dtype, data):
    """Arrays multiply exactly as NumPy's SIMD loop (each part one fused multiply-add),
    including inf/NaN operands and the warnings they raise; scalar operand, strided, in
    place, reductions (NumPy folds in order without fusing) and accumulate."""
    n = data.draw(st.integers(0, 24))
    with numpy.errstate(all="ignore"):
        x = numpy.array(
            data.draw(st.lists(_complex_values(dtype), min_size=n, max_size=n)), dtype=dtype
        )
        y = numpy.array(
            data.draw(st.lists(_complex_values(dtype), min_size=n, max_size=n)), dtype=dtype
        )
    c = data.draw(_complex_values(dtype))
    cases = [
        lambda m, a, b: m.multiply(a, b),
        lambda m, a, b: a * b[:1] if len(b) else a * b,
        lambda m, a, b: a * c,
        # One element included: NumPy multiplies a one-element view with a negative
        # stride in its unfused scalar loop (complex64; complex128 when the output is
        # such a view).
        lambda m, a, b: a[::-2] * b[::2],
        lambda m, a, b: (
            m.multiply(a[:1], b[:1], out=m.zeros(3, a.dtype)[::-2][:1]) if len(a) else a * b
        ),
        lambda m, a, b: m.multiply(a, b, out=a),
        lambda m, a, b: m.multiply.reduce(a),
        lambda m, a, b: m.multiply.accumulate(a),
        lambda m, a, b: m.multiply.accumulate(a[:2]),
    ]
    for fn in cases:
        results = []
        for m in (numpy, numoxide):
            a, b = (x.copy(), y.copy()) if m is numpy else (to_nx(x), to_nx(y))
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                with m.errstate(all="warn"):
                    r = fn(m, a, b)
            results.append((r, sorted(str(v.message) for v in w)))
        (theirs, w_np), (ours, w_nx) = results
        assert_same(ours, theirs)
        assert w_nx == w_np


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@given(data=st.data())
def test_complex_multiply_strides_and_accumulate(dtype, data):
    """Which of NumPy's two complex multiply loops runs (fused SIMD or plain scalar)
    depends on the strides: one-element views with negative steps, runs that NumPy's
    iterator flips (every operand backwards), and ``multiply.accumulate`` along any axis
    of an array of two or more dimensions (NumPy's loop runs along the axis, where the
    output overlaps the input: plain from three elements, fused for two)."""
    rng = numpy.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    shape = tuple(data.draw(st.lists(st.integers(1, 5), min_size=1, max_size=3)))

    def draw():
        v = rng.standard_normal(shape) * numpy.exp(rng.uniform(-5, 5, shape))
        return (v + 1j * rng.standard_normal(shape)).astype(dtype)

    x = draw()
    axis = data.draw(st.integers(0, len(shape) - 1))
    steps = data.draw(st.tuples(*[st.sampled_from([1, -1, 2, -2])] * 3))
    n = data.draw(st.integers(1, 6))
    v = rng.standard_normal(4 * n + 2) * numpy.exp(rng.uniform(-5, 5, 4 * n + 2))
    base = (v + 1j * rng.standard_normal(4 * n + 2)).astype(dtype)
    theirs = numpy.multiply.accumulate(x, axis=axis)
    ours = numoxide.multiply.accumulate(to_nx(x), axis=axis)
    assert_same(ours, theirs)
    assert_same(
        numoxide.multiply.accumulate(to_nx(x)[::-1], axis=axis),
        numpy.multiply.accumulate(x[::-1], axis=axis),
    )
    # Strided one-dimensional operands, output given with its own step.
    # (Views are taken on each side: a converted one-element view need not keep its step.)
    for m, src in ((numpy, base), (numoxide, to_nx(base))):
        a, b = src[:: steps[0]][:n], src[1:][:: steps[1]][:n]
        out = m.zeros(4 * n + 1, dtype)[:: steps[2]][:n]
        m.multiply(a, b, out=out)
        if m is numpy:
            theirs = (out, a * b)
        else:
            assert_same(out, theirs[0])
            assert_same(a * b, theirs[1])


def test_complex_multiply_fused_values():
    """Arguments whose products cancel: the fused and the plain formula differ here."""
    rng = numpy.random.default_rng(5)
    for dtype in ("complex64", "complex128"):
        x = (
            rng.standard_normal(5000) * numpy.exp(rng.uniform(-5, 5, 5000))
            + 1j * rng.standard_normal(5000) * numpy.exp(rng.uniform(-5, 5, 5000))
        ).astype(dtype)
        y = numpy.roll(x, 1) * (1 + 1e-9j)
        assert_same(numoxide.multiply(to_nx(x), to_nx(y)), x * y)
        assert_same(to_nx(x) * to_nx(y[3]), x * y[3])
        assert_same(to_nx(x)[::3] * to_nx(y)[::-3], x[::3] * y[::-3])
        assert_same(numoxide.prod(to_nx(x[:50])), numpy.prod(x[:50]))
        assert_same(numoxide.square(to_nx(x)), numpy.square(x))
        # Reductions along an outer axis run the binary loop in place: fused, as NumPy.
        assert_same(
            numoxide.prod(to_nx(x[:60]).reshape(6, 10), axis=0),
            numpy.prod(x[:60].reshape(6, 10), axis=0),
        )


# ----- methods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["add", "multiply", "maximum", "minimum", "logical_and", "logical_or", "bitwise_xor", "fmax"],
)
@given(data=st.data())
def test_reduce(name, data):
    dtype = data.draw(st.sampled_from(ALL_DTYPES))
    x = data.draw(arrays(dtype, data.draw(shapes(min_dims=1, max_dims=3))))
    axis = data.draw(st.sampled_from([None, 0, -1, (0,)] + ([(0, 1)] if x.ndim >= 2 else [])))
    keepdims = data.draw(st.booleans())
    npe, nxe = _quiet()
    with npe, nxe:
        try:
            theirs = getattr(numpy, name).reduce(x, axis=axis, keepdims=keepdims)
        except Exception:  # noqa: BLE001
            assert_same_error(
                lambda m: getattr(m, name).reduce(
                    x if m is numpy else to_nx(x), axis=axis, keepdims=keepdims
                )
            )
            return
        ours = getattr(numoxide, name).reduce(to_nx(x), axis=axis, keepdims=keepdims)
    # Float sums are pairwise and bit-identical to NumPy's; complex and float16 too.
    assert_same(ours, theirs)


@pytest.mark.parametrize("name", ["add", "multiply", "maximum", "subtract"])
def test_accumulate_outer_reduceat_at(name):
    x = numpy.arange(1.0, 13.0).reshape(3, 4)
    uf_np, uf_nx = getattr(numpy, name), getattr(numoxide, name)
    for axis in (0, 1, -1):
        assert_same(uf_nx.accumulate(to_nx(x), axis=axis), uf_np.accumulate(x, axis=axis))
    assert_same(uf_nx.outer(to_nx(x[0]), to_nx(x[1])), uf_np.outer(x[0], x[1]))
    idx = [0, 2, 1, 3]
    assert_same(uf_nx.reduceat(to_nx(x[0]), idx), uf_np.reduceat(x[0], idx))
    a_np, a_nx = numpy.zeros(5), numoxide.zeros(5)
    uf_np.at(a_np, [0, 1, 1, 4], 2.0)
    uf_nx.at(a_nx, [0, 1, 1, 4], 2.0)
    assert_same(a_nx, a_np)


def test_empty_reductions():
    assert_same(numoxide.add.reduce(numoxide.zeros((0, 3))), numpy.add.reduce(numpy.zeros((0, 3))))
    assert_same_error(lambda m: m.maximum.reduce(m.zeros((0, 3))))
    assert_same(
        numoxide.maximum.reduce(numoxide.zeros((0, 3)), axis=1),
        numpy.maximum.reduce(numpy.zeros((0, 3)), axis=1),
    )
    assert_same(
        numoxide.maximum.reduce(numoxide.zeros((0, 3)), initial=-5.0),
        numpy.maximum.reduce(numpy.zeros((0, 3)), initial=-5.0),
    )
    assert_same_error(lambda m: m.subtract.reduce(m.ones((2, 3)), axis=(0, 1)))


def test_attributes():
    for name in (
        EXACT_UNARY
        + APPROX_UNARY
        + EXACT_BINARY
        + APPROX_BINARY
        + ["divmod", "modf", "frexp", "ldexp"]
    ):
        a, b = getattr(numpy, name), getattr(numoxide, name)
        assert (b.nin, b.nout, b.nargs) == (a.nin, a.nout, a.nargs), name
        assert b.__name__ == a.__name__, name
        assert b.identity == a.identity, name
        # Our loops are NumPy's minus longdouble, object, datetime and the 'q'/'Q'
        # duplicates of 'l'/'L' (one 64-bit integer type per signedness here).
        theirs = [t for t in a.types if not any(c in t for c in "gGOMmqQ")]
        assert set(b.types) <= set(a.types), (name, set(b.types) - set(a.types))
        assert set(theirs) <= set(b.types), (name, set(theirs) - set(b.types))
    assert numoxide.true_divide is not None and numoxide.abs(-1) == 1


# ----- errstate ----------------------------------------------------------------------------


def test_errstate_modes():
    one, zero = numoxide.ones(3), numoxide.zeros(3)
    with numoxide.errstate(divide="raise"):
        with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
            one / zero
    with numoxide.errstate(all="ignore"):
        one / zero
    with pytest.warns(RuntimeWarning, match="invalid value encountered in sqrt"):
        numoxide.sqrt(-one)
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        numoxide.exp(numoxide.full(2, 1000.0))
    calls = []
    with numoxide.errstate(over="call", call=lambda kind, flag: calls.append(kind)):
        numoxide.exp(numoxide.full(2, 1000.0))
    assert calls == ["overflow"]
    old = numoxide.seterr(all="ignore")
    assert numoxide.geterr() == {
        "divide": "ignore",
        "over": "ignore",
        "under": "ignore",
        "invalid": "ignore",
    }
    numoxide.seterr(**old)
    assert numoxide.geterr() == numpy.geterr()

    @numoxide.errstate(invalid="raise")
    def f():
        return numoxide.zeros(1) / numoxide.zeros(1)

    with pytest.raises(FloatingPointError):
        f()


def test_no_warning_for_normal_math():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numoxide.sqrt(numoxide.ones(5)) + 1


# ----- operators ---------------------------------------------------------------------------

OPS = [
    operator.add,
    operator.sub,
    operator.mul,
    operator.truediv,
    operator.floordiv,
    operator.mod,
    operator.pow,
    operator.lt,
    operator.le,
    operator.eq,
    operator.ne,
    operator.gt,
    operator.ge,
]


@pytest.mark.parametrize("op", OPS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "dtype", ["int8", "uint8", "int64", "float32", "float64", "complex128", "bool"]
)
def test_operators(op, dtype):
    x = numpy.arange(1, 7).reshape(2, 3).astype(dtype)
    y = numpy.array([1, 2, 3]).astype(dtype)
    for a, b in [(x, y), (x, 2), (3, x), (x, 1.5), (x, [1, 2, 3])]:
        npe, nxe = _quiet()
        with npe, nxe:
            try:
                theirs = op(a, b)
            except Exception:  # noqa: BLE001
                assert_same_error(
                    lambda m, a=a, b=b: op(
                        to_nx(a) if m is numoxide else a, to_nx(b) if m is numoxide else b
                    )
                )
                continue
            ours = op(to_nx(a), to_nx(b))
        # pow goes through libm's pow (NumPy's loops may use a SIMD pow): a few ULP.
        ulp = 4 if op is operator.pow and dtype in ("float32", "float64", "complex128") else 0
        assert_same(ours, theirs, ulp=max(ulp, 2 if dtype == "complex128" else 0))


def test_inplace_operators_and_unary():
    x = numpy.arange(6).reshape(2, 3)
    a = to_nx(x)
    a += 1
    x += 1
    assert_same(a, x)
    assert_same_error(
        lambda m: (
            m.arange(3).__iadd__(1.5) if hasattr(m, "arange") else m.zeros(3, "int64").__iadd__(1.5)
        )
    )
    assert_same(-a, -x)
    assert_same(~a, ~x)
    assert_same(abs(-a), abs(-x))
    assert_same(divmod(a, 4), divmod(x, 4))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + ["int32", "uint16", "complex64"])
def test_scalar_arithmetic_follows_numpy(dtype):
    a_np = numpy.array([3]).astype(dtype)[0]
    a_nx = to_nx(numpy.array([3]).astype(dtype))[0]
    for other in (2, 2.5, a_np):
        o_nx = to_nx(numpy.asarray(other))[()] if isinstance(other, numpy.generic) else other
        npe, nxe = _quiet()
        with npe, nxe:
            assert_same(a_nx + o_nx, a_np + other)
            assert_same(a_nx * o_nx, a_np * other)
            assert_same(o_nx - a_nx, other - a_np)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.mean(m.zeros(0)),
        lambda m: m.var(m.ones(1), ddof=1),
        lambda m: m.std(m.zeros((0, 3)), axis=0),
        lambda m: m.mean(m.zeros((2, 0)), axis=1),
    ],
)
def test_reduction_warnings_match_numpy(call):
    """Texts and order of the warnings of empty or short reductions, as NumPy's."""

    def record(m):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            call(m)
        return [(w_.category.__name__, str(w_.message)) for w_ in w]

    assert record(numoxide) == record(numpy)


@pytest.mark.parametrize("dtype, tiny", [("complex64", 1e-40), ("complex128", 1e-310)])
def test_complex_multiply_single_element_in_place_is_unfused(dtype, tiny):
    """One element multiplied into the first input: NumPy's loop sees zero strides, takes
    the scalar (unfused) loop, and the separate product 0.25 * tiny underflows."""
    x = numpy.array([complex(0.25, numpy.inf)], dtype)
    y = numpy.array([complex(0.0, tiny)], dtype)
    _same_bits_and_warnings(x, y, lambda m, a, b: (m.multiply(a, b, out=a), a)[1])


def _same_bits_and_warnings(x, y, call):
    """`call(module, a, b)` on copies of x and y in both libraries: the same result bits
    and the same floating-point warnings."""
    results = []
    for m in (numpy, numoxide):
        a, b = (x.copy(), y.copy()) if m is numpy else (to_nx(x.copy()), to_nx(y.copy()))
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            with m.errstate(all="warn"):
                r = call(m, a, b)
        results.append((numpy.asarray(r).tobytes(), sorted(str(v.message) for v in w)))
    assert results[0] == results[1]


def test_complex128_multiply_single_element_negative_stride_flags():
    """One complex128 element written through a negative stride: NumPy's scalar loop
    raises overflow alone here (the product -1e300 * 1.8e8 overflows, no inf - inf)."""
    x = numpy.array([complex(-9.999999971420684e299, 1.0)])
    y = numpy.array([complex(-numpy.inf, 179769314.0)])
    _same_bits_and_warnings(
        x, y, lambda m, a, b: m.multiply(a[:1], b[:1], out=m.zeros(3, a.dtype)[::-2][:1])
    )
