"""Array and scalar comparison assertions: NumPy's ``numpy.testing`` assert family.

Every assertion here is glue over numoxide's public array API (comparison ufuncs,
``isnan``/``isinf``, ``isclose``, ``spacing``, boolean indexing, printing), as NumPy's
own are over NumPy's. Failure messages follow NumPy's text exactly: a header line, the
caller's ``err_msg``, remarks (mismatch counts, indices, largest differences) and the
``ACTUAL``/``DESIRED`` printouts made with ``array_repr``.

Inputs may be numoxide arrays, NumPy arrays, scalars of either library or plain Python
objects; arrays are brought to numoxide with ``asanyarray``. Data numoxide cannot hold
(strings, objects, datetimes) is handed to NumPy's own implementation when NumPy is
installed, so such comparisons still behave as NumPy's.
"""

import operator
import sys

import numoxide as np

__all__ = [
    "assert_",
    "assert_allclose",
    "assert_almost_equal",
    "assert_approx_equal",
    "assert_array_almost_equal",
    "assert_array_almost_equal_nulp",
    "assert_array_compare",
    "assert_array_equal",
    "assert_array_less",
    "assert_array_max_ulp",
    "assert_equal",
    "assert_string_equal",
    "build_err_msg",
    "print_assert_equal",
]


def _numpy_module():
    """NumPy if the program has it loaded or installed, else None (numoxide never needs it)."""
    mod = sys.modules.get("numpy")
    if mod is not None:
        return mod
    try:
        import numpy as mod
    except ImportError:
        return None
    return mod


def _scalar_ufunc(func):
    """``func`` for one scalar operand of the scalar assertion paths. Text is refused
    with TypeError, as NumPy's string dtypes have no such loops (numoxide would read
    bytes as a uint8 buffer)."""

    def apply(obj):
        if isinstance(obj, (str, bytes)):
            raise TypeError(f"ufunc '{func.__name__}' not supported for text")
        return func(obj)

    return apply


_isnan = _scalar_ufunc(np.isnan)
_isfinite = _scalar_ufunc(np.isfinite)
_signbit = _scalar_ufunc(np.signbit)


def _is_foreign_array(obj):
    """True for a NumPy ndarray (checked without importing NumPy)."""
    mod = sys.modules.get("numpy")
    return mod is not None and isinstance(obj, mod.ndarray)


def _needs_numpy(obj):
    """True for NumPy data whose meaning a numoxide copy would lose: ndarray subclasses
    (masked arrays, matrices, ...) and non-numeric dtypes (datetimes, strings, objects)."""
    mod = sys.modules.get("numpy")
    if mod is None:
        return False
    if isinstance(obj, mod.ndarray):
        return type(obj) is not mod.ndarray or obj.dtype.kind not in "biufc"
    return isinstance(obj, mod.generic) and obj.dtype.kind not in "biufc"


def _is_array(obj):
    """True for an ndarray of numoxide or of NumPy: both take the array paths."""
    return isinstance(obj, np.ndarray) or _is_foreign_array(obj)


# Python ints beyond 64 bits raise OverflowError in numoxide where NumPy makes an object
# array (whose ufuncs then raise TypeError): the scalar paths treat both alike.
_NOT_NUMERIC = (TypeError, OverflowError)


def _unsupported(exc):
    """True when an array conversion failed because numoxide cannot hold the data
    (strings, objects, sets, integers beyond 64 bits) where NumPy can."""
    return isinstance(exc, _NOT_NUMERIC)


def _asanyarray(obj):
    """``asanyarray`` for the assertions. ``bytes`` would be read as a uint8 buffer, where
    NumPy makes a string array: refuse it so the caller hands the data to NumPy."""
    if isinstance(obj, bytes):
        raise TypeError("numoxide does not support bytes (S) arrays")
    if _needs_numpy(obj):
        raise TypeError(f"numoxide does not support {type(obj).__name__} of this kind")
    return np.asanyarray(obj)


def _to_numpy(npmod, obj):
    """A numoxide array or scalar as the NumPy array/scalar with the same dtype."""
    if isinstance(obj, (np.ndarray, np.generic)):
        # The buffer protocol says 'q' for int64; view as NumPy's canonical dtype so the
        # printout reads as NumPy's own int64 array would.
        arr = npmod.asarray(obj)
        arr = arr.view(npmod.dtype(obj.dtype.str))
        return arr if isinstance(obj, np.ndarray) else arr[()]
    return obj


def _to_numpy_any(obj):
    """_to_numpy with NumPy fetched here (for callers that know NumPy is loaded)."""
    return _to_numpy(_numpy_module(), obj)


def _numpy_fallback(name, exc, *args, **kwargs):
    """Run NumPy's own assertion for data numoxide cannot represent, or re-raise."""
    npmod = _numpy_module()
    if npmod is None:
        raise exc
    args = [_to_numpy(npmod, a) for a in args]
    return getattr(npmod.testing, name)(*args, **kwargs)


def assert_(val, msg=""):
    """Assert ``val`` is truthy, also under ``python -O``; ``msg`` may be a callable."""
    __tracebackhide__ = True
    if val:
        return
    try:
        text = msg()
    except TypeError:
        text = msg
    raise AssertionError(text)


def _repr_for_message(obj, precision):
    """The printout of one operand in a failure message."""
    if isinstance(obj, np.ndarray):
        return np.array_repr(obj, precision=precision)
    if _is_foreign_array(obj):
        try:
            return np.array_repr(np.asanyarray(obj), precision=precision)
        except TypeError:
            return _numpy_module().array_repr(obj, precision=precision)
    return repr(obj)


def build_err_msg(arrays, err_msg, header="Items are not equal:", verbose=True,
                  names=("ACTUAL", "DESIRED"), precision=8):
    """Compose an assertion message: header (+ err_msg), then each operand's printout."""
    first = "\n" + header
    lines = [first]
    err_msg = str(err_msg)
    if err_msg:
        # A short one-line err_msg shares the header line; anything else gets its own.
        if "\n" not in err_msg and len(err_msg) < 79 - len(header):
            lines[0] = first + " " + err_msg
        else:
            lines.append(err_msg)
    if verbose:
        for label, obj in zip(names, arrays):
            try:
                text = _repr_for_message(obj, precision)
            except Exception as exc:
                text = f"[repr failed for <{type(obj).__name__}>: {exc}]"
            if text.count("\n") > 3:
                text = "\n".join(text.splitlines()[:3]) + "..."
            lines.append(f" {label}: {text}")
    return "\n".join(lines)


def _split_complex(value):
    """(real, imag) of a complex value; (value, 0) for anything else."""
    if np.iscomplexobj(value):
        return np.real(value), np.imag(value)
    return value, 0


def assert_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Assert two objects (scalars, sequences, dicts or arrays) are equal, NaN == NaN."""
    __tracebackhide__ = True
    if isinstance(desired, dict):
        if not isinstance(actual, dict):
            raise AssertionError(repr(type(actual)))
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for key in desired:
            if key not in actual:
                raise AssertionError(repr(key))
            assert_equal(actual[key], desired[key], f"key={key!r}\n{err_msg}", verbose)
        return
    if isinstance(desired, (list, tuple)) and isinstance(actual, (list, tuple)):
        assert_equal(len(actual), len(desired), err_msg, verbose)
        for i in range(len(desired)):
            assert_equal(actual[i], desired[i], f"item={i!r}\n{err_msg}", verbose)
        return
    if _needs_numpy(actual) or _needs_numpy(desired):
        # NumPy-only data (NaT, masked arrays, strings): NumPy's assertion knows it.
        return _numpy_module().testing.assert_equal(
            _to_numpy_any(actual), _to_numpy_any(desired), err_msg, verbose, strict=strict)
    if _is_array(actual) or _is_array(desired):
        return assert_array_equal(actual, desired, err_msg, verbose, strict=strict)

    msg = build_err_msg([actual, desired], err_msg, verbose=verbose)

    # Complex values compare part by part so NaN, inf and -0.0 are seen in each part.
    try:
        complex_in = np.iscomplexobj(actual) or np.iscomplexobj(desired)
    except (ValueError, *_NOT_NUMERIC):
        complex_in = False
    if complex_in:
        actual_re, actual_im = _split_complex(actual)
        desired_re, desired_im = _split_complex(desired)
        try:
            assert_equal(actual_re, desired_re)
            assert_equal(actual_im, desired_im)
        except AssertionError:
            raise AssertionError(msg) from None

    # A scalar never equals a container, even [nan] vs nan.
    if np.isscalar(desired) != np.isscalar(actual):
        raise AssertionError(msg)

    try:
        desired_nan = _isnan(desired)
        actual_nan = _isnan(actual)
        if desired_nan and actual_nan:
            return
        # Zeros must agree in sign.
        if desired == 0 and actual == 0 and _signbit(desired) != _signbit(actual):
            raise AssertionError(msg)
    except (ValueError, NotImplementedError, *_NOT_NUMERIC):
        pass

    try:
        equal = desired == actual
        if not equal:
            raise AssertionError(msg)
    except (DeprecationWarning, FutureWarning) as warning:
        if "elementwise == comparison" in warning.args[0]:
            raise AssertionError(msg) from None
        raise


def print_assert_equal(test_string, actual, desired):
    """Assert ``actual == desired``; on failure the message pretty-prints both."""
    __tracebackhide__ = True
    import pprint

    if actual == desired:
        return
    text = (
        f"{test_string} failed\nACTUAL: \n{pprint.pformat(actual)}\n"
        f"DESIRED: \n{pprint.pformat(desired)}\n"
    )
    raise AssertionError(text)


def assert_almost_equal(actual, desired, decimal=7, err_msg="", verbose=True):
    """Assert ``abs(desired - actual) < 1.5 * 10**-decimal`` (arrays: elementwise)."""
    __tracebackhide__ = True

    def failure():
        return AssertionError(build_err_msg(
            [actual, desired], err_msg, verbose=verbose,
            header=f"Arrays are not almost equal to {decimal} decimals"))

    if _needs_numpy(actual) or _needs_numpy(desired):
        # NumPy-only data (NaT, masked arrays, strings): NumPy's assertion knows it.
        return _numpy_module().testing.assert_almost_equal(
            _to_numpy_any(actual), _to_numpy_any(desired), decimal, err_msg, verbose)
    try:
        complex_in = np.iscomplexobj(actual) or np.iscomplexobj(desired)
    except (ValueError, OverflowError):
        complex_in = False
    if complex_in:
        actual_re, actual_im = _split_complex(actual)
        desired_re, desired_im = _split_complex(desired)
        try:
            assert_almost_equal(actual_re, desired_re, decimal=decimal)
            assert_almost_equal(actual_im, desired_im, decimal=decimal)
        except AssertionError:
            raise failure() from None

    if _is_array(actual) or _is_array(desired) or isinstance(actual, (tuple, list)) \
            or isinstance(desired, (tuple, list)):
        return assert_array_almost_equal(actual, desired, decimal, err_msg)

    # Non-finite values: NaN only matches NaN, infinities must be identical.
    try:
        if not (_isfinite(desired) and _isfinite(actual)):
            if _isnan(desired) or _isnan(actual):
                if not (_isnan(desired) and _isnan(actual)):
                    raise failure()
            elif not desired == actual:
                raise failure()
            return
    except (NotImplementedError, *_NOT_NUMERIC):
        pass
    bound = np.float64(1.5 * 10.0 ** (-decimal))
    gap = abs(desired - actual)
    if type(gap) is int:
        # An exact Python comparison also for ints beyond the 64-bit range.
        bound = float(bound)
    if gap >= bound:
        raise failure()


def assert_approx_equal(actual, desired, significant=7, err_msg="", verbose=True):
    """Assert two numbers agree to ``significant`` significant digits."""
    __tracebackhide__ = True
    actual, desired = float(actual), float(desired)
    if desired == actual:
        return
    # Scale both into (-10, 10) by the power of ten of their mean magnitude.
    with np.errstate(invalid="ignore"):
        scale = 0.5 * (np.abs(desired) + np.abs(actual))
        scale = np.power(10, np.floor(np.log10(scale)))
    try:
        scaled_desired = desired / scale
    except ZeroDivisionError:
        scaled_desired = 0.0
    try:
        scaled_actual = actual / scale
    except ZeroDivisionError:
        scaled_actual = 0.0
    msg = build_err_msg(
        [actual, desired], err_msg,
        header=f"Items are not equal to {significant} significant digits:",
        verbose=verbose)
    try:
        if not (_isfinite(desired) and _isfinite(actual)):
            if _isnan(desired) or _isnan(actual):
                if not (_isnan(desired) and _isnan(actual)):
                    raise AssertionError(msg)
            elif not desired == actual:
                raise AssertionError(msg)
            return
    except (TypeError, NotImplementedError):
        pass
    if np.abs(scaled_desired - scaled_actual) >= np.power(10.0, -(significant - 1)):
        raise AssertionError(msg)


def _any_difference(a, b):
    """True where the elementwise masks a and b disagree anywhere."""
    return not bool(np.all(a == b))


def _bool_flag(mask):
    """A 0-d mask as a boolean scalar (the flag that then holds everywhere)."""
    return np.bool(mask)


def _mismatch_remarks(x, y, ox, oy, val, reduced, flagged, names):
    """The remark lines after a failed comparison: counts, indices, largest differences."""
    invalids = np.logical_not(val)
    n_mismatch = reduced.size - int(np.count_nonzero(reduced))
    n_elements = flagged.size if flagged.ndim != 0 else reduced.size
    percent = 100 * n_mismatch / n_elements
    remarks = [f"Mismatched elements: {n_mismatch} / {n_elements} ({percent:.3g}%)"]

    if invalids.ndim != 0:
        if flagged.ndim > 0:
            positions = np.argwhere(np.asarray(~flagged))[invalids]
        else:
            positions = np.argwhere(np.asarray(invalids))
        shown = []
        for pos in positions[:5]:
            index = tuple(pos.tolist())
            # A 0-d operand prints as NumPy formats a 0-d array: its Python item.
            left = ox.item() if ox.ndim == 0 else ox[index]
            right = oy.item() if oy.ndim == 0 else oy[index]
            shown.append(f" {pos.tolist()}: {left} ({names[0]}), {right} ({names[1]})")
        listing = "\n".join(shown)
        if len(positions) == 1:
            remarks.append(f"Mismatch at index:\n{listing}")
        elif len(positions) <= 5:
            remarks.append(f"Mismatch at indices:\n{listing}")
        else:
            remarks.append(f"First 5 mismatches are at indices:\n{listing}")

    with np.errstate(all="ignore"):
        # Differences are informational: types without subtraction (bool) skip them.
        try:
            error = abs(x - y)
            if x.dtype.kind == "u":
                # Unsigned subtraction wraps; the smaller of both directions is the gap.
                # (Written in place as NumPy does: a 0-d scalar error raises TypeError
                # here, and then the difference lines are left out, as in NumPy.)
                np.minimum(error, abs(y - x), out=error)
            max_abs = np.max(error[invalids])
            remarks.append("Max absolute difference among violations: "
                           + np.array2string(max_abs))
            # Relative error as np.isclose measures it, over nonzero desired values.
            nonzero = np.bool(y != np.zeros_like(y))
            relevant = np.logical_and(invalids, nonzero)
            if np.all(~relevant):
                max_rel = np.array(np.inf)
            else:
                denominators = abs(np.broadcast_to(y, error.shape)[relevant])
                max_rel = np.max(error[relevant] / denominators)
            remarks.append("Max relative difference among violations: "
                           + np.array2string(max_rel))
        except TypeError:
            pass
    return remarks


def _as_arrays(name, actual, desired, **kwargs):
    """Both operands as numoxide arrays, or, for data numoxide cannot hold, the result of
    NumPy's own ``name`` in a one-element tuple (the call is then finished)."""
    try:
        return _asanyarray(actual), _asanyarray(desired)
    except _NOT_NUMERIC as exc:
        if not _unsupported(exc):
            raise
        return (_numpy_fallback(name, exc, actual, desired, **kwargs),)


def assert_array_compare(comparison, x, y, err_msg="", verbose=True, header="",
                         precision=6, equal_nan=True, equal_inf=True, *,
                         strict=False, names=("ACTUAL", "DESIRED")):
    """Assert ``comparison(x, y)`` holds elementwise, with NumPy's NaN/inf handling.

    NaNs (if ``equal_nan``) and infinities (if ``equal_inf``) must sit at the same
    positions in both operands; those positions are then left out of ``comparison``.
    """
    __tracebackhide__ = True
    try:
        x = _asanyarray(x)
        y = _asanyarray(y)
    except _NOT_NUMERIC as exc:
        if not _unsupported(exc):
            raise
        return _numpy_fallback(
            "assert_array_compare", exc, comparison, x, y, err_msg=err_msg,
            verbose=verbose, header=header, precision=precision, equal_nan=equal_nan,
            equal_inf=equal_inf, strict=strict, names=names)
    ox, oy = x, y

    def fail(a, b, text):
        raise AssertionError(build_err_msg(
            [a, b], text, verbose=verbose, header=header, names=names,
            precision=precision))

    def same_positions(test, what):
        """Check test(x) and test(y) flag the same elements; return the flags."""
        x_flags = test(x)
        y_flags = test(y)
        if _any_difference(x_flags, y_flags):
            fail(x, y, err_msg + f"\n{what} location mismatch:")
        # With a 0-d operand its flag holds for every element of the other.
        if isinstance(x_flags, bool) or x_flags.ndim == 0:
            return _bool_flag(x_flags)
        if isinstance(y_flags, bool) or y_flags.ndim == 0:
            return _bool_flag(y_flags)
        return y_flags

    try:
        if strict:
            ok = x.shape == y.shape and x.dtype == y.dtype
        else:
            ok = x.shape == () or y.shape == () or x.shape == y.shape
        if not ok:
            if x.shape != y.shape:
                reason = f"\n(shapes {x.shape}, {y.shape} mismatch)"
            else:
                reason = f"\n(dtypes {x.dtype}, {y.dtype} mismatch)"
            fail(x, y, err_msg + reason)

        flagged = np.bool(False)
        if x.dtype.kind in "biufc" and y.dtype.kind in "biufc":
            if equal_nan:
                flagged = same_positions(np.isnan, "nan")
            if equal_inf:
                # Elements already flagged as NaN (inf+nanj) are not infinities here.
                not_flagged = np.invert(flagged)
                infs = same_positions(
                    lambda v: np.logical_and(np.isinf(v), not_flagged), "inf")
                if np.any(infs):
                    if x.ndim > 0 and y.ndim > 0:
                        x_inf, y_inf = x[infs], y[infs]
                    else:
                        x_inf, y_inf = x, y
                    if _any_difference(x_inf, y_inf):
                        fail(x_inf, y_inf, err_msg + "\ninf values mismatch:")
                flagged = flagged | infs

        if flagged.ndim > 0:
            keep = ~flagged
            x, y = x[keep], y[keep]
            if x.size == 0:
                return
        elif flagged:
            return

        val = comparison(x, y)
        if isinstance(val, bool):
            passed = val
            reduced = np.array([val])
        else:
            reduced = np.ravel(val)
            passed = bool(np.all(reduced))
        if not passed:
            remarks = _mismatch_remarks(x, y, ox, oy, val, reduced, flagged, names)
            fail(ox, oy, str(err_msg) + "\n" + "\n".join(remarks))
    except ValueError:
        import traceback

        trace = traceback.format_exc()
        raise ValueError(build_err_msg(
            [x, y], err_msg, verbose=verbose,
            header=f"error during assertion:\n\n{trace}\n\n{header}",
            names=names, precision=precision)) from None


def assert_array_equal(actual, desired, err_msg="", verbose=True, *, strict=False):
    """Assert two array_likes have equal shape (or one is a scalar) and equal elements."""
    __tracebackhide__ = True
    arrays = _as_arrays("assert_array_equal", actual, desired, err_msg=err_msg,
                        verbose=verbose, strict=strict)
    if len(arrays) == 1:
        return arrays[0]
    actual, desired = arrays
    assert_array_compare(operator.__eq__, actual, desired, err_msg=err_msg,
                         verbose=verbose, header="Arrays are not equal", strict=strict)


def assert_array_almost_equal(actual, desired, decimal=6, err_msg="", verbose=True):
    """Assert ``abs(desired - actual) < 1.5 * 10**-decimal`` elementwise."""
    __tracebackhide__ = True
    arrays = _as_arrays("assert_array_almost_equal", actual, desired, decimal=decimal,
                        err_msg=err_msg, verbose=verbose)
    if len(arrays) == 1:
        return arrays[0]
    actual, desired = arrays
    bound = 1.5 * 10.0 ** (-decimal)

    def close(x, y):
        # An inexact desired side avoids abs(MIN_INT) overflow.
        y = np.asanyarray(y, np.result_type(y, 1.0))
        return abs(x - y) < bound

    assert_array_compare(close, actual, desired, err_msg=err_msg, verbose=verbose,
                         header=f"Arrays are not almost equal to {decimal} decimals",
                         precision=decimal)


def assert_array_less(x, y, err_msg="", verbose=True, *, strict=False):
    """Assert ``x < y`` elementwise (infinities compare as values)."""
    __tracebackhide__ = True
    arrays = _as_arrays("assert_array_less", x, y, err_msg=err_msg, verbose=verbose,
                        strict=strict)
    if len(arrays) == 1:
        return arrays[0]
    x, y = arrays
    assert_array_compare(operator.__lt__, x, y, err_msg=err_msg, verbose=verbose,
                         header="Arrays are not strictly ordered `x < y`",
                         equal_inf=False, strict=strict, names=("x", "y"))


def assert_string_equal(actual, desired):
    """Assert two strings are equal; the failure message is a line diff."""
    __tracebackhide__ = True
    import difflib

    if not isinstance(actual, str):
        raise AssertionError(repr(type(actual)))
    if not isinstance(desired, str):
        raise AssertionError(repr(type(desired)))
    if actual == desired:
        return
    pending = list(difflib.Differ().compare(actual.splitlines(True),
                                            desired.splitlines(True)))
    kept = []
    while pending:
        line = pending.pop(0)
        if line.startswith("  "):
            continue
        if not line.startswith("- "):
            raise AssertionError(repr(line))
        group = [line]
        nxt = pending.pop(0)
        if nxt.startswith("? "):
            group.append(nxt)
            nxt = pending.pop(0)
        if not nxt.startswith("+ "):
            raise AssertionError(repr(nxt))
        group.append(nxt)
        if pending:
            if pending[0].startswith("? "):
                group.append(pending.pop(0))
        if nxt[2:] != line[2:]:
            kept.extend(group)
    if kept:
        raise AssertionError("Differences in strings:\n" + "".join(kept).rstrip())


def assert_allclose(actual, desired, rtol=1e-7, atol=0, equal_nan=True, err_msg="",
                    verbose=True, *, strict=False):
    """Assert ``abs(actual - desired) <= atol + rtol * abs(desired)`` elementwise."""
    __tracebackhide__ = True

    def close(x, y):
        return np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)

    arrays = _as_arrays("assert_allclose", actual, desired, rtol=rtol, atol=atol,
                        equal_nan=equal_nan, err_msg=err_msg, verbose=verbose, strict=strict)
    if len(arrays) == 1:
        return arrays[0]
    actual, desired = arrays
    header = f"Not equal to tolerance rtol={rtol:g}, atol={atol:g}"
    assert_array_compare(close, actual, desired, err_msg=str(err_msg), verbose=verbose,
                         header=header, equal_nan=equal_nan, strict=strict)


def assert_array_almost_equal_nulp(x, y, nulp=1):
    """Assert ``|x - y| <= nulp * spacing(max(|x|, |y|))`` elementwise."""
    __tracebackhide__ = True
    ax = np.abs(x)
    ay = np.abs(y)
    allowed = nulp * np.spacing(np.where(ax > ay, ax, ay))
    if np.all(np.abs(x - y) <= allowed):
        return
    if np.iscomplexobj(x) or np.iscomplexobj(y):
        raise AssertionError(f"Arrays are not equal to {nulp} ULP")
    worst = np.max(nulp_diff(x, y))
    raise AssertionError(f"Arrays are not equal to {nulp} ULP (max is {worst:g})")


def assert_array_max_ulp(a, b, maxulp=1, dtype=None):
    """Assert a and b are within ``maxulp`` units in the last place; return the distances."""
    __tracebackhide__ = True
    distances = nulp_diff(a, b, dtype)
    if not np.all(distances <= maxulp):
        raise AssertionError(
            f"Arrays are not almost equal up to {maxulp:g} ULP "
            f"(max difference is {np.max(distances):g} ULP)")
    return distances


_ORDERED_INT = {"float16": ("int16", -(2**15)), "float32": ("int32", -(2**31)),
                "float64": ("int64", -(2**63))}


def _integer_repr(x):
    """The float bits of x as integers that are ordered as the floats are."""
    key = str(x.dtype)
    if key not in _ORDERED_INT:
        raise ValueError(f"Unsupported dtype {x.dtype}")
    int_name, lowest = _ORDERED_INT[key]
    bits = x.view(int_name)
    lowest = np.dtype(int_name).type(lowest)
    # Negative floats have reversed integer order: reflect them below zero.
    if bits.size != 1:
        negative = bits < 0
        bits[negative] = lowest - bits[negative]
    elif bits < 0:
        bits = lowest - bits
    return bits


def nulp_diff(x, y, dtype=None):
    """Elementwise number of representable floats between x and y."""
    if dtype:
        x = np.asarray(x, dtype=dtype)
        y = np.asarray(y, dtype=dtype)
    else:
        x = np.asarray(x)
        y = np.asarray(y)
    common = np.common_type(x, y)
    if np.iscomplexobj(x) or np.iscomplexobj(y):
        raise NotImplementedError("_nulp not implemented for complex array")
    # A leading axis of length one, as NumPy's np.array([x]) makes (a writable copy).
    x = np.expand_dims(np.array(x, dtype=common), 0)
    y = np.expand_dims(np.array(y, dtype=common), 0)
    # Every NaN becomes the one canonical NaN so equal NaNs have equal bits.
    x[np.isnan(x)] = np.nan
    y[np.isnan(y)] = np.nan
    if x.shape != y.shape:
        raise ValueError(f"Arrays do not have the same shape: {x.shape} - {y.shape}")
    difference = _integer_repr(x) - _integer_repr(y)
    return np.abs(np.asarray(difference, dtype=common))


def integer_repr(x):
    """Public alias kept for NumPy compatibility of ``_private.utils.integer_repr``."""
    return _integer_repr(x)
