"""The differential harness: run the same call on NumPy and numoxide and compare.

Every test in this suite computes its expected value with real NumPy at test time. The
comparators check type (array vs scalar), dtype, shape and values — exact for integers,
bools and strings, within a stated ULP bound for floats — and, for bad input, that both
raise the same exception class.
"""

import math
import warnings

import numoxide
import numpy

__all__ = [
    "ALL_DTYPES",
    "FLOAT_DTYPES",
    "INT_DTYPES",
    "assert_same",
    "assert_same_error",
    "both",
    "same_call",
    "to_nx",
    "ulp_distance",
]

INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]
FLOAT_DTYPES = ["float16", "float32", "float64"]
COMPLEX_DTYPES = ["complex64", "complex128"]
ALL_DTYPES = ["bool"] + INT_DTYPES + FLOAT_DTYPES + COMPLEX_DTYPES


def to_nx(x):
    """The numoxide twin of a NumPy array (a copy with the same layout kind), or x."""
    if isinstance(x, numpy.ndarray):
        return numoxide.array(x)
    if isinstance(x, numpy.generic):
        return numoxide.asarray(numpy.asarray(x))[()]
    if isinstance(x, (list, tuple)):
        return type(x)(to_nx(v) for v in x)
    return x


def _int_view(a):
    """Map floats to integers ordered like the floats (-0.0 and +0.0 both map to 0), so
    the ULP distance is a subtraction."""
    n = a.dtype.itemsize
    i = a.view(f"i{n}").astype(numpy.int64)
    low = -(1 << (8 * n - 1))
    return numpy.where(i < 0, numpy.int64(low) - i, i)


def ulp_distance(a, b):
    """Elementwise distance in units in the last place between float arrays a and b."""
    a = numpy.asarray(a)
    b = numpy.asarray(b)
    ia, ib = _int_view(a), _int_view(b)
    # Exact integer differences (Python ints: no overflow, no rounding).
    return numpy.abs(ia.astype(object) - ib.astype(object))


def _values_equal(ours, theirs, ulp):
    """Compare NumPy arrays of the same dtype: NaNs where NaNs, values within ulp."""
    kind = theirs.dtype.kind
    if kind in "biuSUM" or ulp == 0 and kind not in "fc":
        return numpy.array_equal(ours, theirs)
    if kind == "c":
        if ulp == 0:
            return _values_equal(ours.real, theirs.real, 0) and _values_equal(ours.imag, theirs.imag, 0)
        # Inexact complex results: a part that cancels to near zero has a meaningless ULP
        # count, so bound the error by ulp * eps relative to the magnitude instead.
        fin_o, fin_t = numpy.isfinite(ours), numpy.isfinite(theirs)
        if not numpy.array_equal(fin_o, fin_t):
            return False
        if not (_values_equal(ours.real[~fin_t], theirs.real[~fin_t], 0) or numpy.isnan(theirs[~fin_t]).all()):
            return False
        eps = numpy.finfo(theirs.dtype).eps
        err = numpy.abs(ours[fin_t] - theirs[fin_t])
        return bool(numpy.all(err <= ulp * eps * numpy.abs(theirs[fin_t]) + numpy.finfo(theirs.dtype).tiny))
    nan_ours, nan_theirs = numpy.isnan(ours), numpy.isnan(theirs)
    if not numpy.array_equal(nan_ours, nan_theirs):
        return False
    mask = ~nan_theirs
    if ulp == 0:
        # Exact, including the sign of zero.
        return numpy.array_equal(ours[mask].view(f"u{ours.dtype.itemsize}"), theirs[mask].view(f"u{theirs.dtype.itemsize}"))
    return bool(numpy.all(ulp_distance(ours[mask], theirs[mask]) <= ulp))


def assert_same(ours, theirs, ulp=0, check_base=False):
    """Assert a numoxide result equals NumPy's: same kind of object, dtype, shape, values.

    ``ulp`` bounds the float distance (0 = bit-identical, signed zeros included).
    """
    if isinstance(theirs, tuple) and not isinstance(theirs, numpy.generic):
        assert isinstance(ours, tuple), f"expected a tuple, got {type(ours)}"
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            assert_same(o, t, ulp)
        return
    if isinstance(theirs, list):
        assert isinstance(ours, list), f"expected a list, got {type(ours)}"
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            assert_same(o, t, ulp)
        return
    if isinstance(theirs, numpy.ndarray):
        assert isinstance(ours, numoxide.ndarray), f"expected an ndarray, got {type(ours).__name__}: {ours!r}"
        o = numpy.asarray(ours)
        assert str(o.dtype) == str(theirs.dtype), f"dtype {o.dtype} != {theirs.dtype}"
        assert o.shape == theirs.shape, f"shape {o.shape} != {theirs.shape}"
        assert _values_equal(o, theirs, ulp), f"values differ:\nnumoxide: {o!r}\nnumpy:    {theirs!r}"
        return
    if isinstance(theirs, numpy.generic):
        assert isinstance(ours, numoxide.generic), f"expected a numoxide scalar, got {type(ours).__name__}: {ours!r}"
        assert type(ours).__name__ == type(theirs).__name__, f"{type(ours).__name__} != {type(theirs).__name__}"
        o = numpy.asarray(ours.item(), dtype=theirs.dtype)
        assert _values_equal(o, numpy.asarray(theirs), ulp), f"values differ: {ours!r} vs {theirs!r}"
        return
    if isinstance(theirs, float) and math.isnan(theirs):
        assert isinstance(ours, float) and math.isnan(ours)
        return
    assert type(ours) is type(theirs) or isinstance(theirs, (numpy.dtype,)), f"type {type(ours)} != {type(theirs)}"
    if isinstance(theirs, numpy.dtype):
        assert str(numoxide.dtype(ours)) == str(theirs) and numoxide.dtype(ours).str == theirs.str
        return
    assert ours == theirs, f"{ours!r} != {theirs!r}"


def _exception_family(exc_type):
    names = {c.__name__ for c in exc_type.__mro__}
    return names


def assert_same_error(fn, *args, **kwargs):
    """Call ``fn(module, *args)`` on both modules: both must raise, with the same class."""
    their_exc = our_exc = None
    try:
        fn(numpy, *args, **kwargs)
    except Exception as e:  # noqa: BLE001 - we compare whatever NumPy raises
        their_exc = e
    try:
        fn(numoxide, *args, **kwargs)
    except Exception as e:  # noqa: BLE001
        our_exc = e
    assert their_exc is not None, "NumPy did not raise"
    assert our_exc is not None, f"numoxide did not raise (NumPy raised {type(their_exc).__name__}: {their_exc})"
    our_names = {c.__name__ for c in type(our_exc).__mro__}
    assert type(their_exc).__name__ in our_names or issubclass(type(our_exc), type(their_exc)), (
        f"numoxide raised {type(our_exc).__name__}: {our_exc}; NumPy raised {type(their_exc).__name__}: {their_exc}"
    )
    # Same standard bases (AxisError must be both ValueError and IndexError).
    std = {ValueError, TypeError, IndexError, OverflowError, KeyError, RuntimeError, MemoryError}
    theirs = {b for b in std if isinstance(their_exc, b)}
    ours = {b for b in std if isinstance(our_exc, b)}
    assert theirs <= ours, f"numoxide's {type(our_exc).__name__} lacks bases {theirs - ours}"
    return our_exc, their_exc


def both(fn, *args, ulp=0, **kwargs):
    """Run ``fn(module, *args)`` on NumPy and numoxide and compare (errors included)."""
    try:
        theirs = fn(numpy, *args, **kwargs)
    except Exception:  # noqa: BLE001
        assert_same_error(fn, *args, **kwargs)
        return None
    ours = fn(numoxide, *args, **kwargs)
    assert_same(ours, theirs, ulp)
    return ours


def _warning_kinds(caught):
    """The categories of caught warnings by name, each with its builtin bases (so a
    numoxide class of NumPy's name must also be, say, a UserWarning)."""
    return {
        (
            w.category.__name__,
            frozenset(c for c in w.category.__mro__ if c.__module__ == "builtins"),
        )
        for w in caught
    }


def same_call(fn, compare=assert_same, message=True, normalize=str):
    """Run ``fn(module)`` on NumPy, then on numoxide, recording warnings.

    When NumPy raises, numoxide must raise the same class (``assert_same_error``) and,
    with ``message``, the same text once both pass through ``normalize``; otherwise the
    warning categories must agree and ``compare(ours, theirs)`` must pass. Returns
    numoxide's result (None after an error).
    """
    their_exc = None
    with warnings.catch_warnings(record=True) as their_w:
        warnings.simplefilter("always")
        try:
            theirs = fn(numpy)
        except Exception as e:  # noqa: BLE001 - we compare whatever NumPy raises
            their_exc = e
    if their_exc is not None:
        ours, theirs = assert_same_error(fn)
        if message:
            assert normalize(ours) == normalize(theirs), f"message {ours} != {theirs}"
        return None
    with warnings.catch_warnings(record=True) as our_w:
        warnings.simplefilter("always")
        ours = fn(numoxide)
    assert _warning_kinds(our_w) == _warning_kinds(their_w), (
        f"warnings {[str(w.message) for w in our_w]} != {[str(w.message) for w in their_w]}"
    )
    compare(ours, theirs)
    return ours
