"""Scalars: NumPy's type hierarchy (float64 is a Python float, complex128 a Python complex),
dtype/itemsize/item(), conversions, construction from Python values and strings,
OverflowError cases, hashing, and repr/str byte-identical to NumPy."""

import math
import numbers
import operator
import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, INT_DTYPES, assert_same, assert_same_error
from hypothesis import given
from hypothesis import strategies as st

SCALAR_NAMES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                "float16", "float32", "float64", "complex64", "complex128"]
ABSTRACT = ["generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
            "floating", "complexfloating"]
ALIASES = ["bool_", "byte", "ubyte", "short", "ushort", "intc", "uintc", "int_", "intp", "uint",
           "uintp", "long", "ulong", "longlong", "ulonglong", "half", "single", "double",
           "csingle", "cdouble"]


def both_types(name):
    return getattr(numoxide, name), getattr(numpy, name)


# ----- hierarchy --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCALAR_NAMES + ABSTRACT)
@pytest.mark.parametrize("parent", ABSTRACT)
def test_issubclass_matches_numpy(name, parent):
    (o, t), (op, tp) = both_types(name), both_types(parent)
    assert issubclass(o, op) == issubclass(t, tp)


@pytest.mark.parametrize("name", SCALAR_NAMES)
@pytest.mark.parametrize("builtin", [int, float, complex, bool, numbers.Number, numbers.Integral, numbers.Real,
                                     numbers.Complex])
def test_builtin_and_abc_subclassing_matches_numpy(name, builtin):
    o, t = both_types(name)
    assert issubclass(o, builtin) == issubclass(t, builtin), (name, builtin)
    assert isinstance(o(1), builtin) == isinstance(t(1), builtin)


def test_float64_is_python_float_and_complex128_python_complex():
    assert isinstance(numoxide.float64(1.5), float)
    assert isinstance(numoxide.complex128(1 + 2j), complex)
    assert not isinstance(numoxide.float32(1.5), float)
    assert not isinstance(numoxide.int64(1), int)
    assert math.sqrt(numoxide.float64(4.0)) == 2.0


@pytest.mark.parametrize("alias", ALIASES)
def test_aliases_name_the_same_types(alias):
    o, t = both_types(alias)
    assert o.__name__ == t.__name__ or numpy.dtype(t) == numoxide.dtype(o)
    assert str(numoxide.dtype(o)) == str(numpy.dtype(t))


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_type_names(name):
    o, t = both_types(name)
    assert o.__name__ == t.__name__
    assert repr(o).replace("numoxide", "numpy") == repr(t)


# ----- attributes ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_dtype_itemsize_item(name):
    o, t = both_types(name)
    a, b = o(1), t(1)
    assert str(a.dtype) == str(b.dtype)
    assert a.itemsize == b.itemsize and a.nbytes == b.nbytes
    assert a.ndim == b.ndim == 0 and a.shape == b.shape == () and a.size == b.size == 1
    assert type(a.item()) is type(b.item()) and a.item() == b.item()
    assert type(a.tolist()) is type(b.tolist())
    assert a.real == b.real and a.imag == b.imag
    assert type(a.real).__name__ == type(b.real).__name__


# ----- conversions --------------------------------------------------------------------------

VALUES = [0, 1, -1, 7, 127, 200, -128, 3.75, -2.5, 0.1, 1e10, float("nan"), float("inf"), -0.0, 1 + 2j, True]


def _conv(m, name, value, conv):
    # Warnings (ComplexWarning from int(complex64(...)), NumPy's scalar-math overflow
    # warning of abs(int8(-128))) are not compared here; values and errors are.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return conv(getattr(m, name)(value))


@pytest.mark.parametrize("name", ["complex64", "complex128"])
@pytest.mark.parametrize("conv", [int, float])
def test_complex_to_real_conversion_warns(name, conv):
    for m in (numpy, numoxide):
        with pytest.warns(m.exceptions.ComplexWarning):
            assert conv(getattr(m, name)(1.5 + 2j)) == conv(1.5)


@pytest.mark.parametrize("name", SCALAR_NAMES)
@pytest.mark.parametrize("conv", [int, float, complex, bool, operator.index, abs, str, repr], ids=lambda c: getattr(c, "__name__", str(c)))
def test_conversions(name, conv):
    for value in VALUES:
        try:
            theirs = _conv(numpy, name, value, conv)
        except Exception:  # noqa: BLE001 - compared below
            assert_same_error(_conv, name, value, conv)
            continue
        ours = _conv(numoxide, name, value, conv)
        if conv in (str, repr):
            assert ours == theirs, (name, value)
        elif isinstance(theirs, numpy.generic):
            assert type(ours).__name__ == type(theirs).__name__
            assert str(ours) == str(theirs)
        else:
            assert type(ours) is type(theirs), (name, value, conv)
            assert ours == theirs or (ours != ours and theirs != theirs), (name, value, conv)


@pytest.mark.parametrize("name", SCALAR_NAMES)
@pytest.mark.parametrize(
    "text", ["0", "1", "-3", "300", "1.5", "-0.0", "nan", "inf", "1e3", "1+2j", "abc", "", " 42 ", "0x10", "True"]
)
def test_construction_from_strings(name, text):
    def go(m):
        return str(getattr(m, name)(text))

    try:
        theirs = go(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(go)
        return
    assert go(numoxide) == theirs


@pytest.mark.parametrize("name", INT_DTYPES)
@pytest.mark.parametrize("value", [2**7, 2**8, 2**15, 2**16, 2**31, 2**32, 2**63, 2**64, -1, -(2**63) - 1, 2**100])
def test_integer_construction_overflow(name, value):
    def go(m):
        return int(getattr(m, name)(value))

    try:
        theirs = go(numpy)
    except OverflowError:
        ours, _ = assert_same_error(go)
        assert type(ours) is OverflowError
        return
    assert go(numoxide) == theirs


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_construction_without_args_and_from_scalars(name):
    o, t = both_types(name)
    assert str(o()) == str(t())
    for src in ["int8", "float32", "complex64", "bool"]:
        so, st_ = both_types(src)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert str(o(so(3))) == str(t(st_(3)))


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_construction_from_sequences_gives_arrays(name):
    o, t = both_types(name)
    a, b = o([1, 2]), t([1, 2])
    assert isinstance(a, numoxide.ndarray) and isinstance(b, numpy.ndarray)
    assert str(a.dtype) == str(b.dtype) and a.tolist() == b.tolist()


# ----- hashing and equality -------------------------------------------------------------------


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_hash_equals_python_hash(name):
    o, t = both_types(name)
    for value in [0, 1, 7, 100, 1.5, -2.25, float("inf"), 1 + 2j, True]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                tv = t(value)
            except (TypeError, ValueError, OverflowError):
                continue
            ov = o(value)
        assert hash(ov) == hash(tv) == hash(tv.item()), (name, value)
        assert ov == tv.item() and ov == tv


def test_scalars_usable_as_dict_keys():
    d = {numoxide.int32(3): "a", numoxide.float64(1.5): "b"}
    assert d[3] == "a" and d[1.5] == "b"


# ----- repr / str -------------------------------------------------------------------------------

SPECIAL = [0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 2 / 3, 1e16, 1e-5, 123456789.0, 1.5e300, 5e-324, 65504.0,
           float("nan"), float("inf"), float("-inf"), 3.14159, 1e-7, 100.0, 0.3, 2.0**60]


@pytest.mark.parametrize("name", ["float16", "float32", "float64"])
@pytest.mark.parametrize("value", SPECIAL)
def test_float_repr_str(name, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = getattr(numpy, name)(value)
        o = getattr(numoxide, name)(value)
    assert repr(o) == repr(t)
    assert str(o) == str(t)


@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["float16", "float32", "float64"]))
def test_float_repr_str_random(value, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = getattr(numpy, name)(value)
        o = getattr(numoxide, name)(value)
    assert repr(o) == repr(t)
    assert str(o) == str(t)


@given(st.complex_numbers(allow_nan=True, allow_infinity=True), st.sampled_from(["complex64", "complex128"]))
def test_complex_repr_str_random(value, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = getattr(numpy, name)(value)
        o = getattr(numoxide, name)(value)
    assert repr(o) == repr(t)
    assert str(o) == str(t)


@pytest.mark.parametrize("name", [n for n in ALL_DTYPES if n[0] in "iub"])
def test_int_and_bool_repr_str(name):
    info = numpy.iinfo(name) if name != "bool" else None
    values = [0, 1] if info is None else [0, 1, info.min, info.max, info.max // 3]
    for v in values:
        o, t = getattr(numoxide, name if name != "bool" else "bool_")(v), getattr(numpy, name)(v)
        assert repr(o) == repr(t) and str(o) == str(t)
    assert repr(numoxide.True_) == repr(numpy.True_) and str(numoxide.False_) == str(numpy.False_)


@given(st.integers(-(2**63), 2**64 - 1), st.sampled_from(INT_DTYPES))
def test_indexed_scalars_print_like_numpy(value, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = numpy.array([value]).astype(name) if -(2**63) <= value < 2**63 else numpy.array([value], dtype="u8").astype(name)
    o = numoxide.array(t)
    assert repr(o[0]) == repr(t[0]) and str(o[0]) == str(t[0])


def test_scalar_format_spec():
    for m in (numpy, numoxide):
        assert f"{m.float64(1.5):.3f}" == "1.500"
        assert f"{m.int32(7):04d}" == "0007"
    assert f"{numoxide.float32(0.1)}" == f"{numpy.float32(0.1)}"


# ----- the scalar classes as objects ----------------------------------------------------


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_scalar_class_names_and_gc(name):
    import gc

    o, t = both_types(name)
    assert (o.__name__, o.__qualname__) == (t.__name__, t.__qualname__)
    one_o, one_t = numoxide.ones(2, dtype=name)[0], numpy.ones(2, dtype=name)[0]
    # NumPy's scalars hold no references, so the collector does not track them.
    assert gc.is_tracked(one_o) == gc.is_tracked(one_t)
    assert not hasattr(one_o, "__dict__") and not hasattr(one_t, "__dict__")


@pytest.mark.parametrize("name", [n for n in SCALAR_NAMES if n != "bool"])
def test_scalar_subclass_keeps_value(name):
    class Mine(getattr(numoxide, name)):
        pass

    class Theirs(getattr(numpy, name)):
        pass

    o, t = Mine(3), Theirs(3)
    assert type(o) is Mine and type(t) is Theirs
    assert o.item() == t.item() and type(o.item()) is type(t.item())
    assert repr(o + 1) == repr(t + 1)
    o.extra = 1  # a Python subclass instance has a __dict__, as in NumPy
    t.extra = 1


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_scalar_refcount_of_class_is_stable(name):
    import sys

    cls = getattr(numoxide, name)
    a = numoxide.ones(3, dtype=name)
    before = sys.getrefcount(cls)
    items = [a[1] for _ in range(100)]
    assert sys.getrefcount(cls) in (before, before + 100)
    del items
    assert sys.getrefcount(cls) == before


# ----- the operators' direct path for float64/int64 ---------------------------------------

QUICK_VALUES = [0, 1, -7, 3, 2**53, 2**53 + 1, -2**63, 2**63 - 1, 0.0, -0.0, -2.5, 1e308,
                1e-308, 5e-324, float("inf"), float("nan")]
QUICK_OPS = ["+", "-", "*", "/", "//", "%", "<", "<=", "==", "!=", ">", ">="]


def _quick_operand(module, value, kind):
    if kind == "py":
        return value
    if kind == "int64" and (isinstance(value, float) or not -2**63 <= value < 2**63):
        return None
    return getattr(module, kind)(value)


def _quick_run(x, y, op):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = eval(f"x {op} y")  # noqa: S307 - the operator under test
        return repr(r), [str(w.message) for w in caught]
    except Exception as e:  # noqa: BLE001 - the exception class is what we compare
        return type(e).__name__


@pytest.mark.parametrize("kinds", [("int64", "int64"), ("int64", "float64"), ("float64", "int64"),
                                   ("float64", "float64"), ("int64", "py"), ("py", "int64"),
                                   ("float64", "py"), ("py", "float64")])
def test_float64_int64_operators_match_numpy(kinds):
    """Values, types, warnings and errors of the operators numoxide computes directly,
    at the edges where it must hand over to the ufunc loop (overflow, underflow,
    subnormals, division by zero, NaN, values beyond 2**53)."""
    ka, kb = kinds
    for a in QUICK_VALUES:
        for b in QUICK_VALUES:
            ours = (_quick_operand(numoxide, a, ka), _quick_operand(numoxide, b, kb))
            theirs = (_quick_operand(numpy, a, ka), _quick_operand(numpy, b, kb))
            if None in ours:
                continue
            for op in QUICK_OPS:
                assert _quick_run(*ours, op) == _quick_run(*theirs, op), (ka, a, op, kb, b)


@pytest.mark.parametrize("expr", ["x * 1e-10", "x / 1e300", "x - x * 0.5", "x * 0.0", "0.0 / x"])
def test_float64_operators_report_underflow_under_errstate(expr):
    def run(m):
        x = m.float64(1e-300)
        with m.errstate(all="raise"):
            try:
                return repr(eval(expr, {"x": x}))  # noqa: S307 - the expression under test
            except FloatingPointError as e:
                return str(e)

    assert run(numoxide) == run(numpy)


# ----- ndarray's interface on scalars -----------------------------------------------------

# Not provided: ndarray methods numoxide's arrays lack as well, and C-level protocols.
_SCALAR_DIR_GAPS = {"__array_interface__", "__array_struct__", "__buffer__", "__class_getitem__", "__setstate__",
                    "byteswap", "dump", "dumps", "getfield", "setfield", "trace"}


@pytest.mark.parametrize("name", SCALAR_NAMES)
def test_scalar_has_ndarray_interface(name):
    ours, theirs = numoxide.ones(1, dtype=name)[0], numpy.ones(1, dtype=name)[0]
    assert set(dir(theirs)) - set(dir(ours)) <= _SCALAR_DIR_GAPS


@pytest.mark.parametrize("name", ["int16", "uint64", "float32", "float64", "complex128", "bool"])
@pytest.mark.parametrize("method", ["sum", "mean", "max", "min", "all", "any", "ravel",
                                    "flatten", "squeeze", "transpose", "cumsum", "argmax",
                                    "nonzero", "round", "conj", "conjugate", "repeat"])
def test_scalar_methods_go_through_a_0d_array(name, method):
    def run(m):
        x = m.array([3], dtype=name)[0]
        f = getattr(x, method)
        return f(2) if method == "repeat" else f()

    try:
        theirs = run(numpy)
    except (TypeError, ValueError):
        assert_same_error(run)
        return
    ours = run(numoxide)
    if isinstance(theirs, tuple):
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            assert_same(o, t)
    else:
        assert type(ours).__name__ == type(theirs).__name__
        assert_same(numoxide.asarray(ours), numpy.asarray(theirs))


@pytest.mark.parametrize("value", [2.5, 3, 1e-8, 1 + 2j, True])
@pytest.mark.parametrize("spec", ["", ".2f", ">8", "e"])
def test_format_of_0d_arrays(value, spec):
    def run(m):
        dt = "float32" if isinstance(value, float) else None
        return format(m.array(value, dtype=dt), spec)

    try:
        theirs = run(numpy)
    except (TypeError, ValueError):
        assert_same_error(run)
        return
    assert run(numoxide) == theirs


def test_format_of_nd_arrays():
    assert format(numoxide.array([1.5, 2.0]), "") == format(numpy.array([1.5, 2.0]), "")
    assert_same_error(lambda m: format(m.array([1.5, 2.0]), ".2f"))


@pytest.mark.parametrize("dtype", ["<i8", ">i8", "<u8", ">u8", "i8", "u8", ">i4", "i1", "f8"])
def test_buffer_format_codes(dtype):
    assert (memoryview(numoxide.zeros(2, dtype=dtype)).format
            == memoryview(numpy.zeros(2, dtype=dtype)).format)
