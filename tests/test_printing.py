"""Printing: repr/str of arrays and scalars, print options, array2string and the
format_float_* functions, compared byte for byte with NumPy."""

import math

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout, arrays, shapes


@pytest.fixture(autouse=True)
def _restore_print_options():
    """Every test leaves both libraries' options as it found them."""
    saved_np = numpy.get_printoptions()
    saved_nx = numoxide.get_printoptions()
    yield
    numpy.set_printoptions(**saved_np)
    numoxide.set_printoptions(**saved_nx)


def _pair(a, layout="as_is"):
    """The NumPy array and its numoxide twin, both with the layout applied."""
    fn = LAYOUTS[layout]
    return fn(numpy, a), fn(numoxide, numoxide.array(a))


def _same_text(a, layout="as_is"):
    theirs, ours = _pair(a, layout)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


# ---------------------------------------------------------------------------------------
# repr / str of arrays


@given(array_and_layout())
def test_repr_and_str_match_numpy(case):
    a, layout = case
    _same_text(a, layout)


OPTION_VALUES = {
    "precision": st.sampled_from([0, 1, 3, 8, 12, 17]),
    "threshold": st.sampled_from([0, 3, 10, 1000]),
    "edgeitems": st.sampled_from([0, 1, 2, 3]),
    "linewidth": st.sampled_from([1, 10, 30, 75, 120]),
    "suppress": st.booleans(),
    "sign": st.sampled_from(["-", "+", " "]),
    "floatmode": st.sampled_from(["fixed", "unique", "maxprec", "maxprec_equal"]),
    "nanstr": st.sampled_from(["nan", "NaN", "missing"]),
    "infstr": st.sampled_from(["inf", "Inf", "infinity"]),
}


@st.composite
def print_options(draw):
    keys = draw(st.lists(st.sampled_from(sorted(OPTION_VALUES)), max_size=4, unique=True))
    return {k: draw(OPTION_VALUES[k]) for k in keys}


@given(arrays(shape=shapes(max_dims=3, max_side=12)), print_options())
def test_repr_and_str_under_printoptions(a, opts):
    with numpy.printoptions(**opts), numoxide.printoptions(**opts):
        _same_text(a)


SPECIAL_FLOATS = [0.0, -0.0, math.nan, math.inf, -math.inf, 1e-300, 5e-324, 1e300, 1e16, 1e8, 1e-4, 1e-5, 0.1, 1 / 3]


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize(
    "values",
    [
        SPECIAL_FLOATS,
        [1.0, 2.0, 3.0],
        [0.0001, 0.001],
        [1.0, 1000.0001],
        [123456789.0, 0.5],
        [math.nan, math.nan],
        [math.inf, -1.5],
        [99999999.0, 1.0],
        [999.0, 1000.0, 1e6],
    ],
)
def test_special_float_values(dtype, values):
    with numpy.errstate(over="ignore", invalid="ignore"):
        a = numpy.array(values).astype(dtype)
        mixed = a * 1j + a[::-1]
    _same_text(a)
    if numpy.dtype(dtype).kind == "c":
        _same_text(mixed)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", [(), (0,), (1,), (2, 0), (0, 3), (2, 0, 3), (3, 4), (2, 3, 4), (1, 1, 1, 5)])
def test_every_dtype_and_shape(dtype, shape):
    a = (numpy.arange(int(numpy.prod(shape))) - 3).astype(dtype).reshape(shape)
    _same_text(a)


@pytest.mark.parametrize("dtype", [d for d in ALL_DTYPES if numpy.dtype(d).itemsize > 1])
def test_byte_swapped_arrays_show_their_dtype(dtype):
    a = numpy.arange(5).astype(dtype).astype(numpy.dtype(dtype).newbyteorder(">"))
    _same_text(a)
    _same_text(numpy.zeros((0, 2), numpy.dtype(dtype).newbyteorder(">")))


@pytest.mark.parametrize(
    ("make", "opts"),
    [
        (lambda: numpy.arange(2000), {}),
        (lambda: numpy.arange(3000.0).reshape(30, 100), {}),
        (lambda: numpy.arange(20.0), {"threshold": 5, "edgeitems": 0}),
        (lambda: numpy.arange(60).reshape(3, 4, 5), {"threshold": 10, "edgeitems": 1}),
        (lambda: numpy.arange(30, dtype=numpy.int8), {"linewidth": 20}),
        (lambda: numpy.arange(24.0).reshape(2, 3, 4) / 7, {"linewidth": 30}),
        (lambda: numpy.arange(12) + 1j * numpy.arange(12), {"linewidth": 40}),
        (lambda: numpy.array([True, False] * 10), {"linewidth": 30}),
        (lambda: numpy.array(2.5), {"threshold": 0}),
        (lambda: numpy.arange(6, dtype=numpy.int16).reshape(2, 3), {"linewidth": 8}),
        (lambda: numpy.array([math.nan, 1.0]), {"nanstr": "not a number", "sign": " "}),
        (lambda: numpy.array([1e-10, 1.0, 12.5]), {"suppress": True}),
        (lambda: numpy.array([-5, 3, 100], dtype=numpy.int32), {"sign": " "}),
        (lambda: numpy.array([0, 2**64 - 1], dtype=numpy.uint64), {"sign": "+"}),
    ],
)
def test_summarize_and_wrap(make, opts):
    with numpy.printoptions(**opts), numoxide.printoptions(**opts):
        _same_text(make())


# ---------------------------------------------------------------------------------------
# scalars


@given(arrays(shape=()))
def test_scalar_repr_and_str(a):
    ours = numoxide.array(a)[()]
    theirs = a[()]
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("value", [*SPECIAL_FLOATS, 65504.0, 999.0, 1e6, 123456.7, 9999999999999998.0])
def test_float_scalar_text(dtype, value):
    with numpy.errstate(over="ignore"):
        a = numpy.array([value]).astype(dtype)
    assert repr(numoxide.array(a)[0]) == repr(a[0])
    assert str(numoxide.array(a)[0]) == str(a[0])


# ---------------------------------------------------------------------------------------
# array2string, array_repr, array_str


@given(
    arrays(shape=shapes(max_dims=3, max_side=6)),
    st.sampled_from([" ", ", ", ",", ";  "]),
    st.sampled_from(["", "x(", "prefix = "]),
    st.sampled_from(["", ")", ";;;"]),
    st.sampled_from([None, 10, 40, 200]),
)
def test_array2string(a, separator, prefix, suffix, width):
    kw = {"separator": separator, "prefix": prefix, "suffix": suffix, "max_line_width": width}
    assert numoxide.array2string(numoxide.array(a), **kw) == numpy.array2string(a, **kw)


@given(arrays(shape=shapes(max_dims=2, max_side=8)), st.sampled_from([None, 20, 50]), st.sampled_from([None, 0, 3]))
def test_array_repr_and_array_str_arguments(a, width, precision):
    kw = {"max_line_width": width, "precision": precision}
    assert numoxide.array_repr(numoxide.array(a), **kw) == numpy.array_repr(a, **kw)
    assert numoxide.array_str(numoxide.array(a), **kw) == numpy.array_str(a, **kw)


@pytest.mark.parametrize(
    ("values", "formatter"),
    [
        (numpy.arange(3), {"int": hex}),
        (numpy.arange(3.0) * 1.5, {"float_kind": "{:.2f}".format}),
        (numpy.arange(4.0).reshape(2, 2), {"all": lambda x: "<" + str(x) + ">"}),
        (numpy.array([1 + 2j]), {"complex_kind": lambda x: "c"}),
        (numpy.array([True, False]), {"bool": lambda x: "T" if x else "F"}),
        (numpy.arange(3), {"float": "{:.2f}".format}),
    ],
)
def test_formatter(values, formatter):
    ours = numoxide.array2string(numoxide.array(values), formatter=formatter)
    assert ours == numpy.array2string(values, formatter=formatter)
    with numpy.printoptions(formatter=formatter), numoxide.printoptions(formatter=formatter):
        _same_text(values)


# ---------------------------------------------------------------------------------------
# print options


def test_default_options_match_numpy():
    assert numoxide.get_printoptions() == numpy.get_printoptions()


@given(print_options())
def test_set_and_get_printoptions(opts):
    numpy.set_printoptions(**opts)
    numoxide.set_printoptions(**opts)
    assert numoxide.get_printoptions() == numpy.get_printoptions()


def test_printoptions_context_restores():
    before = numoxide.get_printoptions()
    with numoxide.printoptions(precision=2, sign="+") as inside:
        assert inside["precision"] == 2
        assert repr(numoxide.array([1 / 3])) == "array([+0.33])"
    assert numoxide.get_printoptions() == before


def test_threshold_inf_prints_everything():
    numpy.set_printoptions(threshold=math.inf)
    numoxide.set_printoptions(threshold=math.inf)
    _same_text(numpy.arange(1500))
    assert numoxide.get_printoptions()["threshold"] == numpy.get_printoptions()["threshold"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"floatmode": "bogus"},
        {"sign": "x"},
        {"precision": 1.5},
        {"threshold": "many"},
        {"threshold": math.nan},
    ],
)
def test_bad_printoptions_raise_like_numpy(kwargs):
    assert_same_error(lambda m: m.set_printoptions(**kwargs))


# ---------------------------------------------------------------------------------------
# format_float_positional / format_float_scientific


def _floats():
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(width=32).map(numpy.float32),
        st.floats(width=16).map(numpy.float16),
        st.sampled_from(SPECIAL_FLOATS),
    )


def _to_nx(x):
    if isinstance(x, numpy.generic):
        return numoxide.array(numpy.asarray(x))[()]
    return x


_opt = st.one_of(st.none(), st.integers(0, 25))


@given(_floats(), _opt, st.booleans(), st.booleans(), st.sampled_from("k.0-"), st.booleans(), _opt, _opt, _opt)
def test_format_float_positional(x, precision, unique, fractional, trim, sign, pad_left, pad_right, min_digits):
    kw = dict(
        precision=precision,
        unique=unique,
        fractional=fractional,
        trim=trim,
        sign=sign,
        pad_left=pad_left,
        pad_right=pad_right,
        min_digits=min_digits,
    )
    try:
        theirs = numpy.format_float_positional(x, **kw)
    except (TypeError, ValueError):
        assert_same_error(lambda m, v: m.format_float_positional(v, **kw), x)
        return
    assert numoxide.format_float_positional(_to_nx(x), **kw) == theirs


@given(_floats(), _opt, st.booleans(), st.sampled_from("k.0-"), st.booleans(), _opt, st.one_of(st.none(), st.integers(0, 5)), _opt)
def test_format_float_scientific(x, precision, unique, trim, sign, pad_left, exp_digits, min_digits):
    kw = dict(
        precision=precision,
        unique=unique,
        trim=trim,
        sign=sign,
        pad_left=pad_left,
        exp_digits=exp_digits,
        min_digits=min_digits,
    )
    try:
        theirs = numpy.format_float_scientific(x, **kw)
    except (TypeError, ValueError):
        assert_same_error(lambda m, v: m.format_float_scientific(v, **kw), x)
        return
    assert numoxide.format_float_scientific(_to_nx(x), **kw) == theirs


@pytest.mark.parametrize("fn", ["format_float_positional", "format_float_scientific"])
@pytest.mark.parametrize(
    "kwargs",
    [{"unique": False}, {"trim": "x"}, {"precision": -1}, {"precision": 2, "min_digits": 3}],
)
def test_format_float_errors(fn, kwargs):
    assert_same_error(lambda m: getattr(m, fn)(1.5, **kwargs))

