"""Special values of the complex ufuncs (C99 Annex G as NumPy implements it) and the
floating-point warnings NumPy gives for them, compared element by element with NumPy at
test time: values exactly (the sign of a NaN aside), warnings by their text.

Also the warning gaps of the real loops: floor division and remainder with NaN
operands, complex ordering compares with NaN parts, and weak Python scalars that
overflow a float16/float32 loop ("overflow encountered in cast")."""

import itertools
import math
import warnings

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

PARTS = [0.0, -0.0, 1.0, -1.0, math.inf, -math.inf, math.nan, 5e-324, -1e-310, 1e-40,
         1e300, -1e300, 0.5, -2.5, 800.0, 3.0]
GRID = [complex(a, b) for a, b in itertools.product(PARTS, PARTS)]
COMPLEX = ["complex64", "complex128"]

UNARY = [
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "sin", "cos", "tan",
    "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh",
    "reciprocal", "absolute", "sign", "square",
]
ORDERING = ["less", "less_equal", "greater", "greater_equal"]


def _make(module, values, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # building the input may overflow complex64
        return module.array(values).astype(dtype)


def _outcome(module, fn):
    """(values as Python complex/float/bool, warning texts) or (exception name, texts)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(module)
            out = numpy.asarray(result).ravel().tolist()
        except Exception as e:  # noqa: BLE001 - the class is what we compare
            out = type(e).__name__
    return out, [str(w.message) for w in caught]


def _same_number(x, y):
    if isinstance(x, complex) or isinstance(y, complex):
        x, y = complex(x), complex(y)
        return _same_number(x.real, y.real) and _same_number(x.imag, y.imag)
    if isinstance(x, float) and isinstance(y, float):
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return x == y and math.copysign(1, x) == math.copysign(1, y)
    return x == y


def _compare(fn, what):
    ours, ours_warn = _outcome(numoxide, fn)
    theirs, theirs_warn = _outcome(numpy, fn)
    assert ours_warn == theirs_warn, what
    if isinstance(theirs, str):
        assert ours == theirs, what
        return
    assert len(ours) == len(theirs), what
    for o, t in zip(ours, theirs):
        assert _same_number(o, t), (what, ours, theirs)


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("name", UNARY)
def test_unary_special_values(name, dtype):
    """Every point of the grid, one call each (so warnings are per value)."""
    for z in GRID:
        _compare(lambda m, z=z: getattr(m, name)(_make(m, [z], dtype)), (name, dtype, z))


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("name", UNARY)
def test_unary_special_values_whole_array(name, dtype):
    """The grid in one array: the contiguous (vectorized) loops give the same values."""
    _compare(lambda m: getattr(m, name)(_make(m, GRID, dtype)), (name, dtype))


@pytest.mark.parametrize("dtype", COMPLEX)
def test_power_special_values(dtype):
    exps = [0j, 1 + 0j, 2 + 0j, 3 + 0j, -1 + 0j, -2 + 0j, 5 + 0j, 0.5 + 0j, 1j, 1 + 1j,
            complex(math.nan, 0), complex(math.inf, 0), -3.5 + 2j, complex(0, math.nan)]
    for z, w in itertools.product(GRID[::3], exps):
        _compare(
            lambda m, z=z, w=w: m.power(_make(m, [z], dtype), _make(m, [w], dtype)),
            ("power", dtype, z, w),
        )


@pytest.mark.parametrize("dtype", COMPLEX)
@pytest.mark.parametrize("name", ORDERING + ["equal", "not_equal", "divide", "multiply"])
def test_binary_special_values(name, dtype):
    parts = [0.0, 1.0, -1.0, math.inf, math.nan, 2.0]
    grid = [complex(a, b) for a, b in itertools.product(parts, parts)]
    for z, w in itertools.product(grid[::2], grid[1::2]):
        if name == "multiply" and any(math.isinf(p) or math.isnan(p) for p in
                                      (z.real, z.imag, w.real, w.imag)):
            continue  # NumPy's SIMD multiply fuses multiply-adds: see the report
        _compare(
            lambda m, z=z, w=w: getattr(m, name)(_make(m, [z], dtype), _make(m, [w], dtype)),
            (name, dtype, z, w),
        )


complex_parts = st.one_of(st.sampled_from(PARTS), st.floats(width=32), st.floats())


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(UNARY),
    dtype=st.sampled_from(COMPLEX),
    re=complex_parts,
    im=complex_parts,
)
def test_unary_hypothesis(name, dtype, re, im):
    z = complex(re, im)
    _compare(lambda m: getattr(m, name)(_make(m, [z], dtype)), (name, dtype, z))


@settings(max_examples=200, deadline=None)
@given(
    dtype=st.sampled_from(COMPLEX),
    z=st.tuples(complex_parts, complex_parts),
    w=st.one_of(
        st.tuples(st.integers(-120, 120).map(float), st.just(0.0)),
        st.tuples(complex_parts, complex_parts),
    ),
    name=st.sampled_from(["power", "divide"] + ORDERING),
)
def test_binary_hypothesis(dtype, z, w, name):
    z, w = complex(*z), complex(*w)
    _compare(
        lambda m: getattr(m, name)(_make(m, [z], dtype), _make(m, [w], dtype)),
        (name, dtype, z, w),
    )


@settings(max_examples=150, deadline=None)
@given(
    dtype=st.sampled_from(COMPLEX),
    z=st.tuples(st.sampled_from(PARTS), st.sampled_from(PARTS)),
    w=st.tuples(st.sampled_from(PARTS), st.sampled_from(PARTS)),
    op=st.sampled_from(["lt", "le", "gt", "ge", "pow", "truediv"]),
)
def test_complex_scalar_operators(dtype, z, w, op):
    """Typed complex scalars (the scalar-math path) warn as NumPy's do."""
    import operator

    fn = getattr(operator, op)

    def run(m):
        a = _make(m, [complex(*z)], dtype)[0]
        b = _make(m, [complex(*w)], dtype)[0]
        return fn(a, b)

    _compare(run, (dtype, z, w, op))


REAL = ["float16", "float32", "float64"]
REAL_PARTS = [0.0, -0.0, 1.0, -1.0, 2.5, -3.5, math.inf, -math.inf, math.nan, 1e300, 5e-324]


@pytest.mark.parametrize("dtype", REAL)
@pytest.mark.parametrize("name", ["floor_divide", "remainder", "divmod", "fmod"])
def test_float_division_family_warnings(name, dtype):
    """NaN operands do not warn (NumPy's compares there are quiet); x/0 warns as NumPy."""
    for a, b in itertools.product(REAL_PARTS, REAL_PARTS):
        _compare(
            lambda m, a=a, b=b: getattr(m, name)(_make(m, [a], dtype), _make(m, [b], dtype)),
            (name, dtype, a, b),
        )


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op", ["floordiv", "mod", "divmod"])
def test_float_scalar_division_family_warnings(op, dtype):
    import operator

    fn = divmod if op == "divmod" else getattr(operator, op)
    for a, b in itertools.product(REAL_PARTS, REAL_PARTS):
        _compare(
            lambda m, a=a, b=b: fn(_make(m, [a], dtype)[0], _make(m, [b], dtype)[0]),
            (op, dtype, a, b),
        )


@pytest.mark.parametrize(
    "expr",
    [
        lambda m: m.ones(3, dtype="float32") + 1e300,
        lambda m: m.add(m.ones(3, dtype="float16"), 1e10),
        lambda m: m.ones(3, dtype="float16") * 100000,
        lambda m: m.add(m.ones(3, dtype="float16"), 10**10),
        lambda m: m.ones(3, dtype="float32") - 1e300,
        lambda m: m.less(m.ones(3, dtype="float16"), 1e10),
        lambda m: m.add(m.ones(3, dtype="complex64"), 1e300),
        lambda m: m.add(m.ones(3, dtype="float32"), 1e300j),
        lambda m: m.ones((2, 3), dtype="float32")[:, ::2] + 1e300,
        lambda m: m.add(m.ones(3, dtype="float16"), 1e10, out=m.zeros(3, dtype="float16")),
        lambda m: m.maximum(m.ones(3, dtype="float32"), 1e300),
        lambda m: m.ones(3, dtype="float32") + 1e30,
        lambda m: m.ones(3, dtype="float64") + 1e300,
        lambda m: m.add(m.ones(3, dtype="float16"), 65519.0),
        lambda m: m.add(m.ones(3, dtype="float16"), 65520.0),
        lambda m: m.ones(3, dtype="float16") + float("inf"),
    ],
)
def test_weak_scalar_cast_overflow(expr):
    _compare(expr, "cast overflow")


def test_weak_scalar_cast_overflow_obeys_errstate():
    def raising(m):
        with m.errstate(over="raise"):
            return m.ones(3, dtype="float32") + 1e300

    def ignoring(m):
        with m.errstate(over="ignore"):
            return m.ones(3, dtype="float16") + 1e10

    _compare(raising, "raise")
    _compare(ignoring, "ignore")


def test_ufunc_at_fast_path_matches_numpy():
    rng = numpy.random.default_rng(5)
    idx = rng.integers(-50, 50, 2000)
    vals = rng.random(2000)
    for dtype in ["float64", "float32", "int64", "int32", "uint8", "complex128"]:
        for name, b in [("add", vals), ("subtract", vals), ("multiply", vals * 0 + 1.0001),
                        ("maximum", vals), ("add", 3), ("negative", None)]:

            def run(m, dtype=dtype, name=name, b=b):
                a = m.arange(50).astype(dtype)
                args = (m.asarray(idx),) if b is None else (m.asarray(idx), _cast(m, b, dtype))
                getattr(m, name).at(a, *args)
                return a

            _compare(run, (dtype, name))


def _cast(m, b, dtype):
    if isinstance(b, int):
        return b
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return m.asarray(b).astype(dtype)


def test_ufunc_at_errors_match_numpy():
    for bad in ([0, 50], [-51]):
        def run(m, bad=bad):
            a = m.zeros(50)
            m.add.at(a, m.asarray(numpy.array(bad)), 1.0)
            return a

        _compare(run, bad)
