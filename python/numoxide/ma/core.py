"""The masked array type and the functions around it (NumPy's numpy.ma.core).

A `MaskedArray` is an ndarray subclass that carries a boolean `_mask` of its own shape
(or `nomask`, meaning nothing is masked), a `_fill_value` used when the data is needed
with the masked entries filled in, and a `_hardmask` flag (a hard mask cannot be
cleared by assignment). Arithmetic goes through the masked versions of the ufuncs
below: the data is computed with errors silenced, the masks are or-ed, and the
"domained" ufuncs (divide, sqrt, log, ...) also mask the entries outside their domain.
"""

import builtins
import functools
import math
import operator
import warnings

import numoxide as np
from numoxide import ndarray
from numoxide.lib.array_utils import normalize_axis_tuple
from numoxide.linalg import _NoValue

__all__ = [
    "MAError", "MaskError", "MaskType", "MaskedArray", "MaskedConstant", "abs",
    "absolute", "add", "all", "allclose", "allequal", "alltrue", "amax", "amin",
    "bool_", "choose", "convolve", "correlate", "diff", "expand_dims", "flatten_mask",
    "frombuffer", "fromfunction", "ids", "indices", "make_mask_descr", "put", "putmask",
    "resize",
    "angle", "anom", "anomalies", "any", "append", "arange", "arccos", "arccosh",
    "arcsin", "arcsinh", "arctan", "arctan2", "arctanh", "argmax", "argmin",
    "argsort", "around", "array", "asanyarray", "asarray", "bitwise_and",
    "bitwise_or", "bitwise_xor", "ceil", "clip", "common_fill_value",
    "compress", "compressed", "concatenate", "conjugate", "copy", "cos", "cosh",
    "count", "cumprod", "cumsum", "default_fill_value", "diag", "diagonal",
    "divide", "dot", "empty", "empty_like", "equal", "exp", "fabs", "filled",
    "fix_invalid", "floor", "floor_divide", "fmod", "full", "full_like",
    "get_fill_value", "getdata", "getmask", "getmaskarray", "greater",
    "greater_equal", "harden_mask", "hypot", "identity", "inner", "innerproduct", "is_mask",
    "is_masked", "isMA", "isMaskedArray", "isarray", "left_shift", "less",
    "less_equal", "log", "log10", "log2", "logical_and", "logical_not",
    "logical_or", "logical_xor", "make_mask", "make_mask_none", "mask_or",
    "masked", "masked_array", "masked_equal", "masked_greater",
    "masked_greater_equal", "masked_inside", "masked_invalid", "masked_less",
    "masked_less_equal", "masked_not_equal", "masked_outside",
    "masked_print_option", "masked_singleton", "masked_values",
    "masked_where", "max", "maximum", "maximum_fill_value", "mean", "min",
    "minimum", "minimum_fill_value", "mod", "multiply", "ndim", "negative",
    "nomask", "nonzero", "not_equal", "ones", "ones_like", "outer", "outerproduct",
    "power", "prod",
    "product", "ptp", "ravel", "remainder", "repeat", "reshape", "right_shift",
    "round", "round_", "set_fill_value", "shape", "sin", "sinh", "size",
    "soften_mask", "sometrue", "sort", "sqrt", "squeeze", "std", "subtract",
    "sum", "swapaxes", "take", "tan", "tanh", "trace", "transpose",
    "true_divide", "var", "where", "zeros", "zeros_like",
]  # fmt: skip

MaskType = np.bool_
nomask = MaskType(0)


class MAError(Exception):
    """The base class of masked-array errors."""


class MaskError(MAError):
    """An error about a mask."""


# ---------------------------------------------------------------------------------------
# Fill values
# ---------------------------------------------------------------------------------------

# The value a masked entry takes by default when the data is filled, per dtype kind.
_DEFAULT_FILL = {"b": True, "c": 1.0e20 + 0.0j, "f": 1.0e20, "i": 999999, "u": 999999}


def _dtype_of(obj):
    if isinstance(obj, np.dtype):
        return obj
    if hasattr(obj, "dtype"):
        return obj.dtype
    return np.asanyarray(obj).dtype


def default_fill_value(obj):
    """The default fill value of the dtype of `obj` (an array, dtype or scalar)."""
    return _DEFAULT_FILL.get(_dtype_of(obj).kind, "?")


def _extremum(dtype, largest):
    kind = dtype.kind
    if kind == "b":
        return 1 if largest else 0
    if kind in "iu":
        info = np.iinfo(dtype)
        return info.max if largest else info.min
    if kind == "f":
        return math.inf if largest else -math.inf
    if kind == "c":
        return complex(math.inf, math.inf) if largest else complex(-math.inf, -math.inf)
    raise TypeError(
        f"Unsuitable type {dtype} for calculating {'minimum' if largest else 'maximum'}."
    )


def minimum_fill_value(obj):
    """The fill value that never wins a minimum: the largest value of the dtype."""
    return _extremum(_dtype_of(obj), True)


def maximum_fill_value(obj):
    """The fill value that never wins a maximum: the smallest value of the dtype."""
    return _extremum(_dtype_of(obj), False)


def _check_fill_value(fill_value, dtype):
    """`fill_value` checked against `dtype`, as a 0-d array (the default when None)."""
    dtype = np.dtype(dtype)
    if fill_value is None:
        fill_value = default_fill_value(dtype)
        if dtype.kind == "u":
            # 999999 is not a same-kind cast to an unsigned type; keep it unsigned.
            fill_value = np.uint64(fill_value)
    elif isinstance(fill_value, str):
        raise TypeError(f"Cannot set fill value of string with array of dtype {dtype}")
    else:
        try:
            fill_value = np.asarray(fill_value, dtype=dtype)
        except (OverflowError, ValueError) as e:
            raise TypeError(f"Cannot convert fill_value {fill_value} to dtype {dtype}") from e
    return np.array(fill_value)


def set_fill_value(a, fill_value):
    """Set the fill value of `a` in place when it is a masked array."""
    if isinstance(a, MaskedArray):
        a.set_fill_value(fill_value)


def get_fill_value(a):
    """The fill value of `a` (the default of its dtype for other arrays)."""
    if isinstance(a, MaskedArray):
        return a.fill_value
    return default_fill_value(a)


def common_fill_value(a, b):
    """The fill value shared by `a` and `b`, or None when they differ."""
    t1 = get_fill_value(a)
    t2 = get_fill_value(b)
    if t1 == t2:
        return t1
    return None


def filled(a, fill_value=None):
    """`a` as an ndarray with its masked entries replaced by `fill_value`."""
    if isinstance(a, MaskedArray):
        return a.filled(fill_value)
    if isinstance(a, ndarray):
        return a
    if isinstance(a, dict):
        return np.array(a, "O")
    return np.array(a)


# ---------------------------------------------------------------------------------------
# Masks
# ---------------------------------------------------------------------------------------


def getdata(a, subok=True):
    """The data of `a` as an ndarray (a view of a masked array's data)."""
    try:
        data = a._data
    except AttributeError:
        data = np.array(a, copy=None, subok=subok)
    if not subok:
        return data.view(ndarray)
    return data


get_data = getdata


def getmask(a):
    """The mask of `a`: its boolean mask array, or `nomask`."""
    return getattr(a, "_mask", nomask)


get_mask = getmask


def getmaskarray(arr):
    """The mask of `arr` as a full boolean array (all False for `nomask`)."""
    mask = getmask(arr)
    if mask is nomask:
        mask = make_mask_none(np.shape(arr), getattr(arr, "dtype", None))
    return mask


def is_mask(m):
    """Whether `m` is a valid mask: a boolean ndarray (or `nomask`)."""
    try:
        return m.dtype.type is MaskType
    except AttributeError:
        return False


def _shrink_mask(m):
    if not m.any():
        return nomask
    return m


def make_mask(m, copy=False, shrink=True, dtype=MaskType):
    """`m` as a boolean mask; `nomask` when it masks nothing and `shrink` is set."""
    if m is nomask:
        return nomask
    result = np.array(filled(m, True), copy=True if copy else None, dtype=dtype, subok=True)
    if shrink:
        result = _shrink_mask(result)
    return result


def make_mask_none(newshape, dtype=None):
    """A boolean mask of `newshape` with nothing masked."""
    return np.zeros(newshape, dtype=MaskType)


def mask_or(m1, m2, copy=False, shrink=True):
    """The union of two masks (`nomask` stands for all False)."""
    if m1 is nomask or m1 is False:
        return make_mask(m2, copy=copy, shrink=shrink, dtype=getattr(m2, "dtype", MaskType))
    if m2 is nomask or m2 is False:
        return make_mask(m1, copy=copy, shrink=shrink, dtype=getattr(m1, "dtype", MaskType))
    if m1 is m2 and is_mask(m1):
        return _shrink_mask(m1) if shrink else m1
    dtype1, dtype2 = getattr(m1, "dtype", None), getattr(m2, "dtype", None)
    if dtype1 != dtype2:
        raise ValueError(f"Incompatible dtypes '{dtype1}'<>'{dtype2}'")
    return make_mask(np.logical_or(m1, m2), copy=copy, shrink=shrink)


def _mask_all(mask, axis, **kwargs):
    """Whether every entry along `axis` is masked (`nomask` when nothing is)."""
    if mask is not nomask:
        return mask.all(axis=axis, **kwargs)
    return nomask


def is_masked(x):
    """Whether `x` has at least one masked entry."""
    m = getmask(x)
    if m is nomask:
        return False
    return bool(m.any())


def isMaskedArray(x):
    """Whether `x` is a MaskedArray."""
    return isinstance(x, MaskedArray)


isMA = isarray = isMaskedArray


def get_masked_subclass(*arrays):
    """The masked-array class of a result computed from `arrays`."""
    rcls = MaskedArray
    for a in arrays:
        if isinstance(a, MaskedArray) and not isinstance(a, MaskedConstant):
            if issubclass(type(a), rcls):
                rcls = type(a)
    return rcls


def masked_where(condition, a, copy=True):
    """`a` with the entries where `condition` holds masked."""
    cond = make_mask(condition, shrink=False)
    a = np.array(a, copy=True if copy else None, subok=True)
    if cond.shape and cond.shape != a.shape:
        raise IndexError(
            "Inconsistent shape between the condition and the input "
            f"(got {cond.shape} and {a.shape})"
        )
    if hasattr(a, "_mask"):
        cond = mask_or(cond, a._mask)
        cls = type(a)
    else:
        cls = MaskedArray
    result = a.view(cls)
    result.mask = _shrink_mask(cond)
    if not copy and hasattr(a, "_mask") and getmask(a) is nomask:
        a._mask = result._mask.view()
    return result


def masked_greater(x, value, copy=True):
    """`x` with the entries greater than `value` masked."""
    return masked_where(greater(x, value), x, copy=copy)


def masked_greater_equal(x, value, copy=True):
    """`x` with the entries greater than or equal to `value` masked."""
    return masked_where(greater_equal(x, value), x, copy=copy)


def masked_less(x, value, copy=True):
    """`x` with the entries less than `value` masked."""
    return masked_where(less(x, value), x, copy=copy)


def masked_less_equal(x, value, copy=True):
    """`x` with the entries less than or equal to `value` masked."""
    return masked_where(less_equal(x, value), x, copy=copy)


def masked_not_equal(x, value, copy=True):
    """`x` with the entries not equal to `value` masked."""
    return masked_where(not_equal(x, value), x, copy=copy)


def masked_equal(x, value, copy=True):
    """`x` with the entries equal to `value` masked; the fill value becomes `value`."""
    output = masked_where(equal(x, value), x, copy=copy)
    output.fill_value = value
    return output


def masked_inside(x, v1, v2, copy=True):
    """`x` with the entries inside [v1, v2] masked."""
    if v2 < v1:
        v1, v2 = v2, v1
    xf = filled(x)
    condition = (xf >= v1) & (xf <= v2)
    return masked_where(condition, x, copy=copy)


def masked_outside(x, v1, v2, copy=True):
    """`x` with the entries outside [v1, v2] masked."""
    if v2 < v1:
        v1, v2 = v2, v1
    xf = filled(x)
    condition = (xf < v1) | (xf > v2)
    return masked_where(condition, x, copy=copy)


def masked_values(x, value, rtol=1e-5, atol=1e-8, copy=True, shrink=True):
    """`x` with the entries close to `value` masked (equal, for integers)."""
    xnew = filled(x, value)
    if np.issubdtype(xnew.dtype, np.floating):
        mask = np.isclose(xnew, value, atol=atol, rtol=rtol)
    else:
        mask = np.equal(xnew, value)
    ret = masked_array(xnew, mask=mask, copy=copy, fill_value=value)
    if shrink:
        ret.shrink_mask()
    return ret


def masked_invalid(a, copy=True):
    """`a` with its NaN and infinite entries masked (the mask is always an array)."""
    a = np.array(a, copy=None, subok=True)
    res = masked_where(~np.isfinite(getdata(a)), a, copy=copy)
    if res._mask is nomask:
        res._mask = make_mask_none(res.shape, res.dtype)
    return res


def fix_invalid(a, mask=nomask, copy=True, fill_value=None):
    """`a` with its NaN/inf entries masked and their data replaced by the fill value."""
    a = masked_array(a, copy=copy, mask=mask, subok=True)
    invalid = np.logical_not(np.isfinite(a._data))
    if not invalid.any():
        return a
    a._mask |= invalid
    if fill_value is None:
        fill_value = a.fill_value
    a._data[invalid] = fill_value
    return a


# ---------------------------------------------------------------------------------------
# Masked ufuncs
# ---------------------------------------------------------------------------------------

# Per ufunc: the domain check (True where an input is outside the domain) and the fill
# values of the inputs, which MaskedArray.__array_wrap__ consults for plain ufunc calls.
_UFUNC_DOMAIN = {}
_UFUNC_FILLS = {}


class _Interval:
    """True where x lies outside [a, b]."""

    def __init__(self, a, b):
        self.a, self.b = (b, a) if a > b else (a, b)

    def __call__(self, x):
        with np.errstate(invalid="ignore"):
            return np.logical_or(np.greater(x, self.b), np.less(x, self.a))


class _TanDomain:
    """True where |cos(x)| < eps."""

    def __init__(self, eps):
        self.eps = eps

    def __call__(self, x):
        with np.errstate(invalid="ignore"):
            return np.less(np.absolute(np.cos(x)), self.eps)


class _SafeDivideDomain:
    """True where a / b would overflow: |a| * tiny >= |b|."""

    def __call__(self, a, b):
        tiny = np.finfo(float).tiny
        a, b = np.asarray(a), np.asarray(b)
        with np.errstate(all="ignore"):
            return np.absolute(a) * tiny >= np.absolute(b)


class _Below:
    """True where x < bound (or x <= bound when `strict`)."""

    def __init__(self, bound, strict):
        self.bound = bound
        self.strict = strict

    def __call__(self, x):
        with np.errstate(invalid="ignore"):
            if self.strict:
                return np.less_equal(x, self.bound)
            return np.less(x, self.bound)


class _MaskedUFunc:
    def __init__(self, ufunc):
        self.f = ufunc
        self.__doc__ = ufunc.__doc__
        self.__name__ = ufunc.__name__
        self.__qualname__ = getattr(ufunc, "__qualname__", ufunc.__name__)

    def __str__(self):
        return f"Masked version of {self.f}"


def _wrap_result(result, mask, like):
    """`result` (a fresh ndarray) viewed as the masked class of `like` with `mask`."""
    out = result.view(get_masked_subclass(*like))
    out._mask = mask
    for a in like:
        if isinstance(a, MaskedArray):
            out._update_from(a)
            break
    return out


class _MaskedUnaryOperation(_MaskedUFunc):
    """A unary ufunc on masked arrays; with a domain, entries outside it are masked."""

    def __init__(self, ufunc, fill=0, domain=None):
        super().__init__(ufunc)
        self.fill = fill
        self.domain = domain
        _UFUNC_DOMAIN[ufunc] = domain
        _UFUNC_FILLS[ufunc] = fill

    def __call__(self, a, *args, **kwargs):
        d = getdata(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            result = self.f(d, *args, **kwargs)
        if self.domain is not None:
            m = ~np.isfinite(result)
            m |= self.domain(d)
            m |= getmask(a)
        else:
            m = getmask(a)
        if not np.ndim(result):
            if m:
                return masked
            return result
        if m is not nomask:
            try:
                np.copyto(result, d, where=m)
            except TypeError:
                pass
        return _wrap_result(result, m, (a,))


def _or_masks(a, b):
    ma, mb = getmask(a), getmask(b)
    if ma is nomask and mb is nomask:
        return nomask
    if ma is nomask:
        return np.logical_or(getmaskarray(a), mb)
    if mb is nomask:
        return np.logical_or(ma, getmaskarray(b))
    return np.logical_or(ma, mb)


def _register_binary(op, ufunc, domain, fillx, filly):
    """Set up a masked binary operation and record its ufunc's domain and fills."""
    _MaskedUFunc.__init__(op, ufunc)
    op.fillx = fillx
    op.filly = filly
    _UFUNC_DOMAIN[ufunc] = domain
    _UFUNC_FILLS[ufunc] = (fillx, filly)


def _quiet_call(f, a, b, args, kwargs):
    """The data of `a` and `b`, and `f` of them with divide/invalid errors silenced."""
    da, db = getdata(a), getdata(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        return da, db, f(da, db, *args, **kwargs)


class _MaskedBinaryOperation(_MaskedUFunc):
    """A binary ufunc on masked arrays: the result is masked where either input is."""

    def __init__(self, ufunc, fillx=0, filly=0):
        _register_binary(self, ufunc, None, fillx, filly)

    def __call__(self, a, b, *args, **kwargs):
        da, db, result = _quiet_call(self.f, a, b, args, kwargs)
        m = _or_masks(a, b)
        if not np.ndim(result):
            if m:
                return masked
            return result
        if m is not nomask and m.any():
            # Masked entries keep the first operand's data, where it can be cast.
            try:
                np.copyto(result, da, casting="unsafe", where=m)
            except Exception:  # noqa: BLE001  (a shape or type the copy cannot take)
                pass
        return _wrap_result(result, m, (a, b))

    def reduce(self, target, axis=0, dtype=None):
        """Reduce `target` along `axis`, masked entries taking the neutral fill."""
        tclass = get_masked_subclass(target)
        m = getmask(target)
        t = filled(target, self.filly)
        if t.shape == ():
            t = t.reshape(1)
            if m is not nomask:
                m = make_mask(m, copy=True).reshape((1,))
        if m is nomask:
            tr = self.f.reduce(t, axis)
            mr = nomask
        else:
            tr = self.f.reduce(t, axis, dtype=dtype)
            mr = np.logical_and.reduce(m, axis)
        if not np.ndim(tr):
            if mr:
                return masked
            return tr
        out = tr.view(tclass)
        out._mask = mr
        return out

    def outer(self, a, b):
        """The outer application; the result is masked where either entry is."""
        da, db = getdata(a), getdata(b)
        d = self.f.outer(da, db)
        if getmask(a) is nomask and getmask(b) is nomask:
            m = nomask
        else:
            m = np.logical_or.outer(getmaskarray(a), getmaskarray(b))
        if m is not nomask:
            # As NumPy: this copy fails to broadcast unless `da` fits the result.
            np.copyto(d, da, where=m)
        if not d.shape:
            return d
        out = d.view(get_masked_subclass(a, b))
        out._mask = m
        return out

    def accumulate(self, target, axis=0):
        """Accumulate along `axis` with the masked entries filled (mask dropped)."""
        tclass = get_masked_subclass(target)
        t = filled(target, self.filly)
        return self.f.accumulate(t, axis).view(tclass)


class _DomainedBinaryOperation(_MaskedUFunc):
    """A binary ufunc with a domain: results that are not finite are masked too."""

    def __init__(self, ufunc, domain, fillx=0, filly=0):
        _register_binary(self, ufunc, domain, fillx, filly)
        self.domain = domain

    def __call__(self, a, b, *args, **kwargs):
        da, db, result = _quiet_call(self.f, a, b, args, kwargs)
        m = ~np.isfinite(result)
        m |= getmask(a)
        m |= getmask(b)
        m |= self.domain(da, db)
        if not np.ndim(m):
            if m:
                return masked
            return result
        # The masked entries get the first operand's data where that casts safely,
        # zero otherwise.
        try:
            np.copyto(result, 0, casting="unsafe", where=m)
            masked_da = np.multiply(m, da)
            if np.can_cast(masked_da.dtype, result.dtype, casting="safe"):
                result += masked_da
        except Exception:  # noqa: BLE001  (a shape or type the copy cannot take)
            pass
        return _wrap_result(result, m, (a, b))


exp = _MaskedUnaryOperation(np.exp)
conjugate = _MaskedUnaryOperation(np.conjugate)
sin = _MaskedUnaryOperation(np.sin)
cos = _MaskedUnaryOperation(np.cos)
arctan = _MaskedUnaryOperation(np.arctan)
arcsinh = _MaskedUnaryOperation(np.arcsinh)
sinh = _MaskedUnaryOperation(np.sinh)
cosh = _MaskedUnaryOperation(np.cosh)
tanh = _MaskedUnaryOperation(np.tanh)
abs = absolute = _MaskedUnaryOperation(np.absolute)  # noqa: A001
angle = _MaskedUnaryOperation(np.angle)
fabs = _MaskedUnaryOperation(np.fabs)
negative = _MaskedUnaryOperation(np.negative)
floor = _MaskedUnaryOperation(np.floor)
ceil = _MaskedUnaryOperation(np.ceil)
around = _MaskedUnaryOperation(np.around)
logical_not = _MaskedUnaryOperation(np.logical_not)

sqrt = _MaskedUnaryOperation(np.sqrt, 0.0, _Below(0.0, strict=False))
log = _MaskedUnaryOperation(np.log, 1.0, _Below(0.0, strict=True))
log2 = _MaskedUnaryOperation(np.log2, 1.0, _Below(0.0, strict=True))
log10 = _MaskedUnaryOperation(np.log10, 1.0, _Below(0.0, strict=True))
tan = _MaskedUnaryOperation(np.tan, 0.0, _TanDomain(1e-35))
arcsin = _MaskedUnaryOperation(np.arcsin, 0.0, _Interval(-1.0, 1.0))
arccos = _MaskedUnaryOperation(np.arccos, 0.0, _Interval(-1.0, 1.0))
arccosh = _MaskedUnaryOperation(np.arccosh, 1.0, _Below(1.0, strict=False))
arctanh = _MaskedUnaryOperation(np.arctanh, 0.0, _Interval(-1.0 + 1e-15, 1.0 - 1e-15))

add = _MaskedBinaryOperation(np.add)
subtract = _MaskedBinaryOperation(np.subtract)
multiply = _MaskedBinaryOperation(np.multiply, 1, 1)
arctan2 = _MaskedBinaryOperation(np.arctan2, 0.0, 1.0)
equal = _MaskedBinaryOperation(np.equal)
not_equal = _MaskedBinaryOperation(np.not_equal)
less_equal = _MaskedBinaryOperation(np.less_equal)
greater_equal = _MaskedBinaryOperation(np.greater_equal)
less = _MaskedBinaryOperation(np.less)
greater = _MaskedBinaryOperation(np.greater)
for _op in (equal, not_equal, less_equal, greater_equal, less, greater):
    _op.reduce = None
logical_and = _MaskedBinaryOperation(np.logical_and)
alltrue = _MaskedBinaryOperation(np.logical_and, 1, 1).reduce
logical_or = _MaskedBinaryOperation(np.logical_or)
sometrue = logical_or.reduce
logical_xor = _MaskedBinaryOperation(np.logical_xor)
bitwise_and = _MaskedBinaryOperation(np.bitwise_and)
bitwise_or = _MaskedBinaryOperation(np.bitwise_or)
bitwise_xor = _MaskedBinaryOperation(np.bitwise_xor)
hypot = _MaskedBinaryOperation(np.hypot)

divide = _DomainedBinaryOperation(np.divide, _SafeDivideDomain(), 0, 1)
true_divide = divide
floor_divide = _DomainedBinaryOperation(np.floor_divide, _SafeDivideDomain(), 0, 1)
remainder = _DomainedBinaryOperation(np.remainder, _SafeDivideDomain(), 0, 1)
fmod = _DomainedBinaryOperation(np.fmod, _SafeDivideDomain(), 0, 1)
mod = remainder


# ---------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------


class _MaskedPrintOption:
    """What masked entries print as (`--` by default)."""

    def __init__(self, display):
        self._display = display
        self._enabled = True

    def display(self):
        return self._display

    def set_display(self, s):
        self._display = s

    def enabled(self):
        return self._enabled

    def enable(self, shrink=1):
        self._enabled = shrink

    def __str__(self):
        return str(self._display)

    __repr__ = __str__


masked_print_option = _MaskedPrintOption("--")


def _format_masked(arr, **kwargs):
    """array2string of a masked array, as NumPy prints it through an object array:
    each entry is the repr of its Python value, masked entries `--`, no padding."""
    data = arr._data
    mask = arr._mask
    if mask is nomask or not masked_print_option.enabled():
        plain = data if mask is nomask else arr.filled(arr.fill_value)
        # str() of the plain array (a 0-d one prints as its item), or its repr's body.
        return np.array2string(plain, **kwargs) if kwargs else str(plain)
    # Format positions, not values: an index array goes through array2string (which
    # wraps lines and summarizes), each index printed as its entry. Large arrays are
    # cut to their corners first, as NumPy does before its object conversion.
    index = np.arange(data.size).reshape(data.shape)
    width = arr._print_width if arr.ndim > 1 else arr._print_width_1d
    for axis in range(index.ndim):
        if index.shape[axis] > width:
            half = width // 2
            parts = np.split(index, (half, -half), axis=axis)
            index = np.concatenate((parts[0], parts[2]), axis=axis)
    values = data.ravel().tolist()
    flags = mask.ravel().tolist()
    shown = str(masked_print_option)

    def entry(i):
        return shown if flags[i] else repr(values[i])

    if index.ndim == 0:
        return entry(0)
    return np.array2string(index, formatter={"int": entry}, **kwargs)


def _dtype_is_implied(dtype):
    return dtype.name in ("float64", "int64", "bool", "complex128")


# ---------------------------------------------------------------------------------------
# MaskedArray
# ---------------------------------------------------------------------------------------


class MaskedIterator:
    """The flat iterator of a masked array: masked entries come out as `masked`."""

    def __init__(self, ma):
        self.ma = ma
        self.dataiter = ma._data.flat
        self.maskiter = None if ma._mask is nomask else ma._mask.flat

    def __iter__(self):
        return self

    def __getitem__(self, indx):
        data = self.dataiter[indx]
        mask = None if self.maskiter is None else self.maskiter[indx]
        if not isinstance(data, ndarray):
            return masked if mask else data
        result = data.view(type(self.ma))
        if mask is not None:
            result._mask = mask.reshape(result.shape)
        return result

    def __setitem__(self, index, value):
        self.dataiter[index] = getdata(value)
        if self.maskiter is not None:
            self.maskiter[index] = getmaskarray(value)

    def __next__(self):
        d = next(self.dataiter)
        if self.maskiter is not None and next(self.maskiter):
            return masked
        return d


def _operator_pair(op):
    """`__op__` and `__rop__` of MaskedArray through the masked ufunc `op`; the forward
    one defers to an operand that ranks above masked arrays."""

    def forward(self, other):
        if self._delegate_binop(other):
            return NotImplemented
        return op(self, other)

    def reflected(self, other):
        return op(other, self)

    return forward, reflected


def _arraymethod(name, onmask=True):
    """A method applying ndarray's `name` to the data and (when `onmask`) the mask."""

    def method(self, *args, **params):
        result = getattr(self._data, name)(*args, **params).view(type(self))
        result._update_from(self)
        mask = self._mask
        if not onmask:
            result.__setmask__(mask)
        elif mask is not nomask:
            result._mask = getattr(mask, name)(*args, **params)
        return result

    method.__name__ = name
    method.__doc__ = getattr(ndarray, name).__doc__
    return method


class MaskedArray(ndarray):
    """An array with masked (invalid or missing) entries; see numpy.ma.MaskedArray."""

    __array_priority__ = 15
    _defaultmask = nomask
    _defaulthardmask = False
    _baseclass = ndarray
    _print_width = 100
    _print_width_1d = 1500

    def __new__(
        cls,
        data=None,
        mask=nomask,
        dtype=None,
        copy=False,
        subok=True,
        ndmin=0,
        fill_value=None,
        keep_mask=True,
        hard_mask=None,
        shrink=True,
        order=None,
    ):
        copy = True if copy else None
        source = data
        if isinstance(data, (list, tuple)):
            data = _unmask_entries(data)
        _data = np.array(data, dtype=dtype, copy=copy, order=order, subok=True, ndmin=ndmin)
        _baseclass = getattr(data, "_baseclass", type(_data))
        if isinstance(data, MaskedArray) and data.shape != _data.shape:
            copy = True
        if isinstance(data, cls) and subok and not isinstance(data, MaskedConstant):
            _data = ndarray.view(_data, type(data))
        else:
            _data = ndarray.view(_data, cls)
        if mask is nomask:
            if not keep_mask:
                _data._mask = nomask if shrink else np.zeros(_data.shape, dtype=MaskType)
            elif isinstance(source, (tuple, list)):
                # A sequence holding masked entries (or masked arrays) keeps their masks.
                try:
                    mask = np.array(
                        [getmaskarray(np.asanyarray(m, dtype=_data.dtype)) for m in source],
                        dtype=MaskType,
                    )
                except (ValueError, TypeError):
                    mask = nomask
                if mask is not nomask and mask.any():
                    _data._mask = mask
                    _data._sharedmask = False
            else:
                _data._sharedmask = not copy
                if copy and _data._mask is not nomask:
                    _data._mask = _data._mask.copy()
        else:
            if mask is None:
                mask = False
            if mask is True:
                mask = np.ones(_data.shape, dtype=MaskType)
            elif mask is False:
                mask = np.zeros(_data.shape, dtype=MaskType)
            else:
                mask = np.array(mask, copy=copy, dtype=MaskType)
            if mask.shape != _data.shape:
                nd, nm = _data.size, mask.size
                if nm == 1:
                    mask = np.resize(mask, _data.shape)
                elif nm == nd:
                    mask = np.reshape(mask, _data.shape)
                else:
                    raise MaskError(
                        f"Mask and data not compatible: data size is {nd}, mask size is {nm}."
                    )
                copy = True
            if _data._mask is nomask or not keep_mask:
                _data._mask = mask
                _data._sharedmask = not copy
            else:
                _data._mask = np.logical_or(mask, _data._mask)
                _data._sharedmask = False
        if fill_value is None:
            fill_value = getattr(data, "_fill_value", None)
        if fill_value is not None:
            _data._fill_value = _check_fill_value(fill_value, _data.dtype)
        _data._hardmask = getattr(data, "_hardmask", False) if hard_mask is None else hard_mask
        _data._baseclass = _baseclass
        return _data

    def _update_from(self, obj):
        """Copy the masked-array attributes (not the mask) from `obj`."""
        baseclass = type(obj) if isinstance(obj, ndarray) else ndarray
        self.__dict__.update(
            _fill_value=getattr(obj, "_fill_value", None),
            _hardmask=getattr(obj, "_hardmask", False),
            _sharedmask=getattr(obj, "_sharedmask", False),
            _isfield=getattr(obj, "_isfield", False),
            _baseclass=getattr(obj, "_baseclass", baseclass),
        )

    def __array_finalize__(self, obj):
        self._update_from(obj)
        mask = getmask(obj) if isinstance(obj, ndarray) else nomask
        if mask is not nomask:
            if obj.__array_interface__["data"][0] != self.__array_interface__["data"][0]:
                # A new buffer (a copy or a cast): the mask is copied as well.
                mask = mask.copy()
            else:
                mask = mask.view()
            try:
                mask = mask.reshape(self.shape)
            except ValueError:
                mask = nomask
        self._mask = mask
        if self._fill_value is not None:
            self._fill_value = _check_fill_value(self._fill_value, self.dtype)

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        if obj is self:
            result = obj
        else:
            result = obj.view(type(self))
            result._update_from(self)
        if context is not None:
            func, args, _ = context
            inputs = args[: func.nin]
            m = functools.reduce(mask_or, [getmaskarray(arg) for arg in inputs])
            domain = _UFUNC_DOMAIN.get(func)
            if domain is not None:
                with np.errstate(divide="ignore", invalid="ignore"):
                    d = filled(domain(*inputs).astype(bool, copy=False), True)
                if d.any():
                    fills = _UFUNC_FILLS.get(func, self.fill_value)
                    fill = fills[-1] if isinstance(fills, tuple) else fills
                    np.copyto(result, fill, where=d)
                    m = d if m is nomask else (m | d)
            if result is not self and result.shape == () and m:
                return masked
            result._mask = m
            result._sharedmask = False
        return result

    def view(self, dtype=None, type=None, fill_value=None):  # noqa: A002
        if dtype is None:
            output = ndarray.view(self) if type is None else ndarray.view(self, type)
        elif type is None:
            try:
                if issubclass(dtype, ndarray):
                    output = ndarray.view(self, dtype)
                    dtype = None
                else:
                    output = ndarray.view(self, dtype)
            except TypeError:
                output = ndarray.view(self, dtype)
        else:
            output = ndarray.view(self, dtype, type)
        if getmask(output) is not nomask:
            output._mask = output._mask.view()
        if getattr(output, "_fill_value", None) is not None:
            if fill_value is None and dtype is not None:
                output._fill_value = None
            elif fill_value is not None:
                output.fill_value = fill_value
        return output

    # -- element access ------------------------------------------------------------

    def __getitem__(self, indx):
        dout = self.data[indx]
        mask = self._mask
        if mask is not nomask:
            mout = mask[indx]
            scalar = not isinstance(mout, ndarray)
        else:
            mout = nomask
            scalar = not isinstance(dout, ndarray)
        if scalar:
            if mout:
                return masked
            return dout
        dout = dout.view(type(self))
        dout._update_from(self)
        if mout is not nomask:
            dout._mask = mout.reshape(dout.shape)
            dout._sharedmask = True
        return dout

    def __setitem__(self, indx, value):
        if self is masked:
            raise MaskError("Cannot alter the masked element.")
        data = self._data
        mask = self._mask
        if value is masked:
            if mask is nomask:
                mask = self._mask = make_mask_none(self.shape)
            mask[indx] = True
            return
        dval = getattr(value, "_data", value)
        mval = getmask(value)
        with np.errstate(over="ignore", invalid="ignore"):
            if mask is nomask:
                data[indx] = dval
                if mval is not nomask:
                    mask = self._mask = make_mask_none(self.shape)
                    mask[indx] = mval
            elif not self._hardmask:
                if isinstance(indx, MaskedArray) and not isinstance(value, MaskedArray):
                    data[indx.data] = dval
                else:
                    data[indx] = dval
                    mask[indx] = mval
            elif getattr(indx, "dtype", None) == MaskType:
                data[indx & ~mask] = dval if np.ndim(dval) == 0 else dval[~mask[indx]]
            else:
                mindx = mask_or(mask[indx], mval, copy=True)
                dindx = data[indx]
                if np.size(dindx) > 1:
                    np.copyto(dindx, dval, where=~mindx)
                elif mindx is nomask:
                    dindx = dval
                data[indx] = dindx
                mask[indx] = mindx

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    # -- mask ----------------------------------------------------------------------

    def __setmask__(self, mask, copy=False):
        current = self._mask
        if mask is masked:
            mask = True
        if current is nomask:
            if mask is nomask:
                return
            current = self._mask = make_mask_none(self.shape)
        if mask is nomask:
            mask = False
        if self._hardmask:
            current |= mask
        elif isinstance(mask, (int, float, np.bool_, np.number, bool)):
            current[...] = mask
        else:
            current.flat = mask
        if current.shape:
            self._mask = current.reshape(self.shape)

    _set_mask = __setmask__

    @property
    def mask(self):
        """The current mask (`nomask` when nothing is masked)."""
        if self._mask is nomask:
            return nomask
        return self._mask.view()

    @mask.setter
    def mask(self, value):
        self.__setmask__(value)

    @property
    def recordmask(self):
        """The mask (records are not supported: the same as `mask`)."""
        return self._mask

    def harden_mask(self):
        """Make the mask hard: assignment no longer unmasks entries."""
        self._hardmask = True
        return self

    def soften_mask(self):
        """Make the mask soft: assignment unmasks entries."""
        self._hardmask = False
        return self

    @property
    def hardmask(self):
        """Whether the mask is hard."""
        return self._hardmask

    def unshare_mask(self):
        """Give this array a mask of its own."""
        if self._sharedmask:
            self._mask = self._mask.copy()
            self._sharedmask = False
        return self

    @property
    def sharedmask(self):
        """Whether the mask is shared with another array."""
        return self._sharedmask

    def shrink_mask(self):
        """Replace an all-False mask by `nomask`."""
        if self._mask is not nomask:
            self._mask = _shrink_mask(self._mask)
        return self

    @property
    def baseclass(self):
        """The class of the underlying data."""
        return self._baseclass

    def _get_data(self):
        return ndarray.view(self, self._baseclass)

    _data = property(fget=_get_data)
    data = property(fget=_get_data)

    @property
    def flat(self):
        """An iterator over the flattened array; masked entries come out as `masked`."""
        return MaskedIterator(self)

    @flat.setter
    def flat(self, value):
        y = self.ravel()
        y[:] = value

    @property
    def fill_value(self):
        """The value masked entries take when the array is filled."""
        if self._fill_value is None:
            self._fill_value = _check_fill_value(None, self.dtype)
        return self._fill_value[()]

    @fill_value.setter
    def fill_value(self, value=None):
        target = _check_fill_value(value, self.dtype)
        if self._fill_value is None:
            self._fill_value = target
        else:
            self._fill_value[()] = target

    get_fill_value = fill_value.fget
    set_fill_value = fill_value.fset

    def filled(self, fill_value=None):
        """The data as an ndarray with the masked entries set to `fill_value`."""
        m = self._mask
        if m is nomask:
            return self._data
        fill_value = (
            self.fill_value if fill_value is None else _check_fill_value(fill_value, self.dtype)
        )
        if self is masked_singleton:
            return np.asanyarray(fill_value)
        if not m.any():
            return self._data
        result = self._data.copy("K")
        np.copyto(result, fill_value, where=m)
        return result

    def compressed(self):
        """The unmasked entries as a 1-D ndarray."""
        data = ndarray.ravel(self._data)
        if self._mask is not nomask:
            data = data.compress(np.logical_not(ndarray.ravel(self._mask)))
        return data

    def compress(self, condition, axis=None, out=None):
        """The entries where `condition` holds, along `axis`, with their mask."""
        data, mask = self._data, self._mask
        condition = np.asarray(getdata(condition))
        new = data.compress(condition, axis=axis, out=out).view(type(self))
        new._update_from(self)
        if mask is not nomask:
            new._mask = mask.compress(condition, axis=axis)
        return new

    # -- printing ------------------------------------------------------------------

    def __str__(self):
        return _format_masked(self)

    def __repr__(self):
        name = "array" if self._baseclass is ndarray else self._baseclass.__name__
        prefix = f"masked_{name}("
        dtype_needed = (
            not _dtype_is_implied(self.dtype) or bool(np.all(self.mask)) or self.size == 0
        )
        keys = ["data", "mask", "fill_value"]
        if dtype_needed:
            keys.append("dtype")
        one_row = builtins.all(dim == 1 for dim in self.shape[:-1])
        if one_row:
            indents = {keys[0]: prefix}
            for k in keys[1:]:
                indents[k] = " " * builtins.max(2, len(prefix + keys[0]) - len(k))
            prefix = ""
        else:
            indents = dict.fromkeys(keys, "  ")
            prefix += "\n"
        reprs = {
            "data": _format_masked(
                self, separator=", ", prefix=indents["data"] + "data=", suffix=","
            ),
            "mask": np.array2string(
                self._mask, separator=", ", prefix=indents["mask"] + "mask=", suffix=","
            ),
        }
        fill = self.fill_value
        if self._fill_value.dtype == self.dtype:
            reprs["fill_value"] = str(fill)
        else:
            reprs["fill_value"] = repr(fill)
        if dtype_needed:
            reprs["dtype"] = str(self.dtype)
        return prefix + ",\n".join(f"{indents[k]}{k}={reprs[k]}" for k in keys) + ")"

    # -- arithmetic and comparison ---------------------------------------------------

    def _delegate_binop(self, other):
        if isinstance(other, ndarray) and not isinstance(other, MaskedArray):
            return getattr(other, "__array_priority__", 0) > self.__array_priority__
        return getattr(other, "__array_ufunc__", False) is None

    def _comparison(self, other, compare):
        omask = getmask(other)
        smask = self.mask
        mask = mask_or(smask, omask, copy=True)
        odata = getdata(other)
        check = compare(self.data, odata)
        if isinstance(check, (np.bool_, bool)):
            return masked if mask else check
        if mask is not nomask:
            if compare in (operator.eq, operator.ne):
                check = np.where(mask, compare(smask, omask), check)
            if mask.shape != check.shape:
                mask = np.broadcast_to(mask, check.shape).copy()
        check = check.view(type(self))
        check._update_from(self)
        check._mask = mask
        if check._fill_value is not None:
            try:
                check._fill_value = _check_fill_value(check._fill_value, np.bool_)
            except (TypeError, ValueError):
                check._fill_value = _check_fill_value(None, np.bool_)
        return check

    def __eq__(self, other):
        return self._comparison(other, operator.eq)

    def __ne__(self, other):
        return self._comparison(other, operator.ne)

    def __le__(self, other):
        return self._comparison(other, operator.le)

    def __lt__(self, other):
        return self._comparison(other, operator.lt)

    def __ge__(self, other):
        return self._comparison(other, operator.ge)

    def __gt__(self, other):
        return self._comparison(other, operator.gt)

    __hash__ = None

    __add__, __radd__ = _operator_pair(add)
    __sub__, __rsub__ = _operator_pair(subtract)
    __mul__, __rmul__ = _operator_pair(multiply)
    __truediv__, __rtruediv__ = _operator_pair(true_divide)
    __floordiv__, __rfloordiv__ = _operator_pair(floor_divide)
    __pow__, __rpow__ = _operator_pair(lambda a, b: power(a, b))

    def _merge_other_mask(self, other):
        m = getmask(other)
        if self._mask is nomask:
            if m is not nomask and m.any():
                self._mask = make_mask_none(self.shape)
                self._mask += m
        elif m is not nomask:
            self._mask += m

    def _inplace(self, other, fill, op):
        self._merge_other_mask(other)
        other_data = getdata(other)
        other_data = np.where(self._mask, other_data.dtype.type(fill), other_data)
        getattr(self._data, op)(other_data)
        return self

    def __iadd__(self, other):
        return self._inplace(other, 0, "__iadd__")

    def __isub__(self, other):
        return self._inplace(other, 0, "__isub__")

    def __imul__(self, other):
        return self._inplace(other, 1, "__imul__")

    def _idivide(self, other, ufunc, op):
        other_data = getdata(other)
        dom_mask = _SafeDivideDomain()(self._data, other_data)
        other_mask = getmask(other)
        new_mask = mask_or(other_mask, dom_mask)
        if dom_mask.any():
            _, fval = _UFUNC_FILLS[ufunc]
            other_data = np.where(dom_mask, other_data.dtype.type(fval), other_data)
        self._mask |= new_mask
        other_data = np.where(self._mask, other_data.dtype.type(1), other_data)
        getattr(self._data, op)(other_data)
        return self

    def __itruediv__(self, other):
        return self._idivide(other, np.true_divide, "__itruediv__")

    def __ifloordiv__(self, other):
        return self._idivide(other, np.floor_divide, "__ifloordiv__")

    def __ipow__(self, other):
        other_data = getdata(other)
        other_data = np.where(self._mask, other_data.dtype.type(1), other_data)
        other_mask = getmask(other)
        with np.errstate(divide="ignore", invalid="ignore"):
            self._data.__ipow__(other_data)
        invalid = np.logical_not(np.isfinite(self._data))
        if invalid.any():
            if self._mask is not nomask:
                self._mask |= invalid
            else:
                self._mask = invalid
            np.copyto(self._data, self.fill_value, where=invalid)
        self._mask = mask_or(self._mask, mask_or(other_mask, invalid))
        return self

    def __float__(self):
        if self.size > 1:
            raise TypeError("Only length-1 arrays can be converted to Python scalars")
        if self._mask:
            warnings.warn("Warning: converting a masked element to nan.", stacklevel=2)
            return math.nan
        return float(self.item())

    def __int__(self):
        if self.size > 1:
            raise TypeError("Only length-1 arrays can be converted to Python scalars")
        if self._mask:
            raise MaskError("Cannot convert masked element to a Python int.")
        return int(self.item())

    @property
    def real(self):
        """The real part, with this array's mask."""
        result = self._data.real.view(type(self))
        result.__setmask__(self._mask)
        return result

    @property
    def imag(self):
        """The imaginary part, with this array's mask."""
        result = self._data.imag.view(type(self))
        result.__setmask__(self._mask)
        return result

    get_real = real.fget
    get_imag = imag.fget

    def iscontiguous(self):
        """Whether the data is C-contiguous."""
        return self.flags["CONTIGUOUS"]

    # -- shape methods -------------------------------------------------------------

    clip = _arraymethod("clip", onmask=False)
    copy = _arraymethod("copy")
    diagonal = _arraymethod("diagonal")
    flatten = _arraymethod("flatten")
    repeat = _arraymethod("repeat")
    squeeze = _arraymethod("squeeze")
    swapaxes = _arraymethod("swapaxes")
    transpose = _arraymethod("transpose")

    @property
    def T(self):
        return self.transpose()

    def ravel(self, order="C"):
        """The array flattened, with its mask."""
        r = ndarray.ravel(self._data, order=order).view(type(self))
        r._update_from(self)
        if self._mask is not nomask:
            r._mask = ndarray.ravel(self._mask, order=order).reshape(r.shape)
        else:
            r._mask = nomask
        return r

    def reshape(self, *s, **kwargs):
        """The array in a new shape, with its mask."""
        result = self._data.reshape(*s, **kwargs).view(type(self))
        result._update_from(self)
        mask = self._mask
        if mask is not nomask:
            result._mask = mask.reshape(*s, **kwargs)
        return result

    def resize(self, newshape, refcheck=True, order=False):
        raise ValueError(
            "A masked array does not own its data and therefore cannot be "
            "resized.\nUse the numpy.ma.resize function instead."
        )

    def tolist(self, fill_value=None):
        """The data as nested lists; masked entries become `fill_value` (None)."""
        mask = self._mask
        if fill_value is not None:
            return self.filled(fill_value).tolist()
        if mask is nomask:
            return self._data.tolist()
        values = self._data.ravel().tolist()
        flags = mask.ravel().tolist()
        flat = [None if f else v for v, f in zip(values, flags)]
        if self.ndim == 0:
            return flat[0]
        return _nest(flat, self.shape)

    def count(self, axis=None, keepdims=_NoValue):
        """The number of unmasked entries along `axis`."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        m = self._mask
        if m is nomask:
            if self.shape == ():
                if axis not in (None, 0):
                    raise np.exceptions.AxisError(axis=axis, ndim=self.ndim)
                return 1
            if axis is None:
                if kwargs.get("keepdims"):
                    return np.array(self.size, dtype=np.intp, ndmin=self.ndim)
                return self.size
            axes = normalize_axis_tuple(axis, self.ndim)
            items = 1
            for ax in axes:
                items *= self.shape[ax]
            if kwargs.get("keepdims"):
                out_dims = [1 if n in axes else d for n, d in enumerate(self.shape)]
            else:
                out_dims = [d for n, d in enumerate(self.shape) if n not in axes]
            return np.full(out_dims, items, dtype=np.intp)
        if self is masked:
            return 0
        return (~m).sum(axis=axis, dtype=np.intp, **kwargs)

    # -- reductions ----------------------------------------------------------------

    def _reduced(self, result, newmask):
        """A reduction's result: masked where every input was masked."""
        if np.ndim(result):
            result = result.view(type(self))
            result.__setmask__(newmask)
            return result
        if newmask:
            return masked
        return result

    def _logical_reduction(self, name, fill, axis, out, keepdims):
        """all/any over the data with masked entries set to `fill` (the value that does
        not change the answer), masked where every entry along `axis` was."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        mask = _mask_all(self._mask, axis, **kwargs)
        reduce = getattr(self.filled(fill), name)
        if out is None:
            d = reduce(axis=axis, **kwargs).view(type(self))
            if d.ndim:
                d.__setmask__(mask)
            elif mask:
                return masked
            return d
        reduce(axis=axis, out=out, **kwargs)
        if isinstance(out, MaskedArray) and (out.ndim or mask):
            out.__setmask__(mask)
        return out

    def all(self, axis=None, out=None, keepdims=_NoValue):
        """Whether all unmasked entries are true (masked where all are masked)."""
        return self._logical_reduction("all", True, axis, out, keepdims)

    def any(self, axis=None, out=None, keepdims=_NoValue):
        """Whether any unmasked entry is true (masked where all are masked)."""
        return self._logical_reduction("any", False, axis, out, keepdims)

    def nonzero(self):
        """The indices of the unmasked nonzero entries."""
        return np.asarray(self.filled(0)).nonzero()

    def _filled_reduction(self, name, fill, axis, dtype, out, keepdims):
        """`name` (sum or prod) over the data with masked entries set to `fill`, masked
        where every entry along `axis` was."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        newmask = _mask_all(self._mask, axis, **kwargs)
        reduce = getattr(self.filled(fill), name)
        if out is None:
            return self._reduced(reduce(axis, dtype=dtype, **kwargs), newmask)
        reduce(axis, dtype=dtype, out=out, **kwargs)
        if isinstance(out, MaskedArray):
            outmask = getmask(out)
            if outmask is nomask:
                outmask = out._mask = make_mask_none(out.shape)
            outmask.flat = newmask
        return out

    def sum(self, axis=None, dtype=None, out=None, keepdims=_NoValue):
        """The sum of the unmasked entries (masked entries count as 0)."""
        return self._filled_reduction("sum", 0, axis, dtype, out, keepdims)

    def prod(self, axis=None, dtype=None, out=None, keepdims=_NoValue):
        """The product of the unmasked entries (masked entries count as 1)."""
        return self._filled_reduction("prod", 1, axis, dtype, out, keepdims)

    product = prod

    def _running(self, name, fill, axis, dtype, out):
        """cumsum/cumprod over the data with masked entries set to `fill`, masked where
        the input is."""
        result = getattr(self.filled(fill), name)(axis=axis, dtype=dtype, out=out)
        if out is not None:
            if isinstance(out, MaskedArray):
                out.__setmask__(self._mask)
            return out
        result = result.view(type(self))
        result.__setmask__(self._mask)
        return result

    def cumsum(self, axis=None, dtype=None, out=None):
        """The running sum, masked where the input is masked."""
        return self._running("cumsum", 0, axis, dtype, out)

    def cumprod(self, axis=None, dtype=None, out=None):
        """The running product, masked where the input is masked."""
        return self._running("cumprod", 1, axis, dtype, out)

    def mean(self, axis=None, dtype=None, out=None, keepdims=_NoValue):
        """The mean of the unmasked entries; masked where there are none."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        if self._mask is nomask:
            result = ndarray.mean(self._data, axis=axis, dtype=dtype, **kwargs)
            if np.ndim(result):
                result = result.view(type(self))
                result._update_from(self)
                result._mask = nomask
        else:
            is_float16 = self.dtype.kind == "f" and self.dtype.itemsize == 2
            if is_float16 and dtype is None:
                dtype = np.float32
            dsum = self.sum(axis=axis, dtype=dtype, **kwargs)
            cnt = self.count(axis=axis, **kwargs)
            if np.shape(cnt) == () and cnt == 0:
                result = masked
            elif is_float16:
                # (NumPy's float16(...) of a masked array keeps the masked array.)
                result = dsum * 1.0 / cnt
                if np.ndim(result) or isinstance(result, MaskedArray):
                    result = result.astype(self.dtype)
                else:
                    result = self.dtype.type(result)
            else:
                result = dsum * 1.0 / cnt
        if out is not None:
            out.flat = result
            if isinstance(out, MaskedArray):
                outmask = getmask(out)
                if outmask is nomask:
                    outmask = out._mask = make_mask_none(out.shape)
                outmask.flat = getmask(result)
            return out
        return result

    def anom(self, axis=None, dtype=None):
        """The deviations from the mean along `axis`."""
        m = self.mean(axis, dtype)
        if not axis:
            return self - m
        return self - np.expand_dims(m, axis)

    def var(self, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, mean=_NoValue):
        """The variance of the unmasked entries; masked where too few remain."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        if self._mask is nomask:
            ret = ndarray.var(self._data, axis=axis, dtype=dtype, out=out, ddof=ddof, **kwargs)
            if out is not None:
                if isinstance(out, MaskedArray):
                    out.__setmask__(nomask)
                return out
            if np.ndim(ret):
                ret = ret.view(type(self))
                ret._update_from(self)
                ret._mask = nomask
            return ret
        cnt = self.count(axis=axis, **kwargs) - ddof
        danom = self - self.mean(axis, dtype, keepdims=True)
        if np.iscomplexobj(self):
            danom = absolute(danom) ** 2
        else:
            danom *= danom
        dvar = divide(danom.sum(axis, **kwargs), cnt).view(type(self))
        if dvar.ndim:
            dvar._mask = mask_or(self._mask.all(axis, **kwargs), (cnt <= 0))
            dvar._update_from(self)
        elif getmask(dvar):
            dvar = masked
            if out is not None:
                if isinstance(out, MaskedArray):
                    out.flat = 0
                    out.__setmask__(True)
                elif out.dtype.kind in "biu":
                    raise MaskError(
                        "Masked data information would be lost in one or more location."
                    )
                else:
                    out.flat = np.nan
                return out
        if out is not None:
            out.flat = dvar
            if isinstance(out, MaskedArray):
                out.__setmask__(dvar.mask)
            return out
        return dvar

    def std(self, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, mean=_NoValue):
        """The standard deviation of the unmasked entries."""
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        dvar = self.var(axis, dtype, out, ddof, **kwargs)
        if dvar is not masked:
            if out is not None:
                np.power(out, 0.5, out=out, casting="unsafe")
                return out
            dvar = sqrt(dvar)
        return dvar

    def round(self, decimals=0, out=None):
        """Each entry rounded to `decimals`; the mask is kept."""
        result = self._data.round(decimals=decimals, out=out).view(type(self))
        if result.ndim > 0:
            result._mask = self._mask
            result._update_from(self)
        elif self._mask:
            result = masked
        if out is None:
            return result
        if isinstance(out, MaskedArray):
            out.__setmask__(self._mask)
        return out

    def _extreme(self, name, fill_value, axis, out, keepdims):
        kwargs = {} if keepdims is _NoValue else {"keepdims": keepdims}
        newmask = _mask_all(self._mask, axis, **kwargs)
        if out is None:
            result = getattr(self.filled(fill_value), name)(axis=axis, **kwargs)
            if np.ndim(result):
                result = result.view(type(self))
                result.__setmask__(newmask)
                if np.ndim(newmask):
                    np.copyto(result, result.fill_value, where=newmask)
            elif newmask:
                result = masked
            return result
        getattr(self.filled(fill_value), name)(axis=axis, out=out, **kwargs)
        if isinstance(out, MaskedArray):
            outmask = getmask(out)
            if outmask is nomask:
                outmask = out._mask = make_mask_none(out.shape)
            outmask.flat = newmask
        else:
            if out.dtype.kind in "biu":
                raise MaskError("Masked data information would be lost in one or more location.")
            np.copyto(out, np.nan, where=newmask)
        return out

    def min(self, axis=None, out=None, fill_value=None, keepdims=_NoValue):
        """The smallest unmasked entry along `axis`."""
        if fill_value is None:
            fill_value = minimum_fill_value(self)
        return self._extreme("min", fill_value, axis, out, keepdims)

    def max(self, axis=None, out=None, fill_value=None, keepdims=_NoValue):
        """The largest unmasked entry along `axis`."""
        if fill_value is None:
            fill_value = maximum_fill_value(self)
        return self._extreme("max", fill_value, axis, out, keepdims)

    def ptp(self, axis=None, out=None, fill_value=None, keepdims=False):
        """The range (max - min) of the unmasked entries along `axis`."""
        if out is None:
            result = self.max(axis=axis, fill_value=fill_value, keepdims=keepdims)
            result -= self.min(axis=axis, fill_value=fill_value, keepdims=keepdims)
            return result
        out.flat = self.max(axis=axis, out=out, fill_value=fill_value, keepdims=keepdims)
        min_value = self.min(axis=axis, fill_value=fill_value, keepdims=keepdims)
        np.subtract(out, min_value, out=out, casting="unsafe")
        return out

    def argmin(self, axis=None, fill_value=None, out=None, *, keepdims=_NoValue):
        """The index of the smallest unmasked entry."""
        if fill_value is None:
            fill_value = minimum_fill_value(self)
        d = self.filled(fill_value).view(ndarray)
        keepdims = False if keepdims is _NoValue else bool(keepdims)
        return d.argmin(axis, out=out, keepdims=keepdims)

    def argmax(self, axis=None, fill_value=None, out=None, *, keepdims=_NoValue):
        """The index of the largest unmasked entry."""
        if fill_value is None:
            fill_value = maximum_fill_value(self._data)
        d = self.filled(fill_value).view(ndarray)
        keepdims = False if keepdims is _NoValue else bool(keepdims)
        return d.argmax(axis, out=out, keepdims=keepdims)

    def argsort(
        self, axis=_NoValue, kind=None, order=None, endwith=True, fill_value=None, *, stable=False
    ):
        """The indices that sort the array, masked entries last (first if not
        `endwith`)."""
        if axis is _NoValue:
            axis = -1 if self.ndim else None
        if stable:
            kind = "stable"
        if fill_value is None:
            fill_value = minimum_fill_value(self) if endwith else maximum_fill_value(self)
        filled_ = self.filled(fill_value)
        return filled_.argsort(axis=axis, kind=kind, order=order)

    def sort(self, axis=-1, kind=None, order=None, endwith=True, fill_value=None, *, stable=False):
        """Sort in place; masked entries go to the end (the start if not `endwith`)."""
        if stable:
            kind = "stable"
        if self._mask is nomask:
            ndarray.sort(self, axis=axis, kind=kind, order=order)
            return
        if self is masked:
            return
        sidx = self.argsort(
            axis=axis, kind=kind, order=order, fill_value=fill_value, endwith=endwith
        )
        data = np.take_along_axis(self._data, sidx, axis=axis)
        mask = np.take_along_axis(self._mask, sidx, axis=axis)
        self[...] = MaskedArray(data, mask=mask)

    def take(self, indices, axis=None, out=None, mode="raise"):
        """The entries at `indices` along `axis`, with their mask."""
        data, mask = self._data, self._mask
        cls = type(self)
        maskindices = getmask(indices)
        if maskindices is not nomask:
            indices = indices.filled(0)
        if out is None:
            out = data.take(indices, axis=axis, mode=mode)[...].view(cls)
        else:
            np.take(data, indices, axis=axis, mode=mode, out=out)
        if isinstance(out, MaskedArray):
            if mask is nomask:
                outmask = maskindices
            else:
                outmask = mask.take(indices, axis=axis, mode=mode)
                outmask |= maskindices
            out.__setmask__(outmask)
        return out[()]

    def trace(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
        """The sum along a diagonal of the unmasked entries."""
        m = self._mask
        if m is nomask:
            result = ndarray.trace(
                self._data, offset=offset, axis1=axis1, axis2=axis2, dtype=dtype, out=out
            )
            return result.astype(dtype) if dtype is not None else result
        d = self.diagonal(offset=offset, axis1=axis1, axis2=axis2)
        # NumPy casts the diagonal with astype(dtype): float64 when dtype is None.
        return d.astype(dtype).filled(0).sum(axis=-1, out=out)

    def dot(self, b, out=None, strict=False):
        """The matrix product with masked entries treated as 0."""
        return dot(self, b, out=out, strict=strict)

    def ids(self):
        """The addresses of the data and of the mask (id(nomask) when there is none)."""
        return _ids(self)

    def put(self, indices, values, mode="raise"):
        """Set the entries at the flat `indices` to `values`, masks included."""
        return _put(self, indices, values, mode)

    def tobytes(self, fill_value=None, order="C"):
        """The filled data's raw bytes."""
        return self.filled(fill_value).tobytes(order=order)

    def __reduce__(self):
        return (
            _rebuild,
            (type(self), self._data.copy(), self._mask, self._fill_value, self._hardmask),
        )

    def __reduce_ex__(self, protocol):
        return self.__reduce__()

    def __deepcopy__(self, memo=None):
        return self.copy()


def _unmask_entries(seq):
    """`seq` with each masked 0-d entry replaced by NaN, as NumPy's array coercion
    reads a masked scalar (through its float conversion)."""
    out = []
    for x in seq:
        if isinstance(x, (list, tuple)):
            x = _unmask_entries(x)
        elif isinstance(x, MaskedArray) and x.ndim == 0 and x._mask is not nomask and x._mask:
            x = math.nan
        out.append(x)
    return out


def _nest(flat, shape):
    """`flat` cut into nested lists of `shape`."""
    if len(shape) <= 1:
        return list(flat)
    step = len(flat) // shape[0] if shape[0] else 0
    return [_nest(flat[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def _rebuild(cls, data, mask, fill_value, hardmask):
    result = MaskedArray.__new__(cls, data, mask=mask, hard_mask=hardmask)
    if fill_value is not None:
        result._fill_value = fill_value
    return result


class MaskedConstant(MaskedArray):
    """The type of `masked`: a 0-d float64 array that is always masked."""

    __singleton = None

    @classmethod
    def __has_singleton(cls):
        return cls.__singleton is not None and type(cls.__singleton) is cls

    def __new__(cls):
        if not cls.__has_singleton():
            data = np.array(0.0)
            mask = np.array(True)
            data.flags.writeable = False
            mask.flags.writeable = False
            cls.__singleton = MaskedArray(data, mask=mask).view(cls)
        return cls.__singleton

    def __array_finalize__(self, obj):
        if not self.__has_singleton():
            return super().__array_finalize__(obj)
        if self is self.__singleton:
            return None
        # A view of `masked` is a plain 0-d masked array, not another constant.
        self.__class__ = MaskedArray
        MaskedArray.__array_finalize__(self, obj)
        return None

    def __array_wrap__(self, obj, context=None, return_scalar=False):
        return self.view(MaskedArray).__array_wrap__(obj, context)

    def __str__(self):
        return str(masked_print_option._display)

    def __repr__(self):
        if self is MaskedConstant.__singleton:
            return "masked"
        return object.__repr__(self)

    def __format__(self, format_spec):
        try:
            return object.__format__(self, format_spec)
        except TypeError:
            warnings.warn(
                "Format strings passed to MaskedConstant are ignored, but in "
                "future may error or produce different behavior",
                FutureWarning,
                stacklevel=2,
            )
            return object.__format__(self, "")

    def __reduce__(self):
        return (self.__class__, ())

    def __reduce_ex__(self, protocol):
        return self.__reduce__()

    def __iop__(self, other):
        return self

    __iadd__ = __isub__ = __imul__ = __ifloordiv__ = __itruediv__ = __ipow__ = __iop__

    def copy(self, *args, **kwargs):
        return self

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __setattr__(self, attr, value):
        if not self.__has_singleton():
            return super().__setattr__(attr, value)
        if self is self.__singleton:
            raise AttributeError(f"attributes of {self!r} are not writeable")
        return super().__setattr__(attr, value)


masked = masked_singleton = MaskedConstant()
masked_array = MaskedArray


def array(
    data,
    dtype=None,
    copy=False,
    order=None,
    mask=nomask,
    fill_value=None,
    keep_mask=True,
    hard_mask=False,
    shrink=True,
    subok=True,
    ndmin=0,
):
    """A masked array from `data` (a shortcut to MaskedArray)."""
    return MaskedArray(
        data,
        mask=mask,
        dtype=dtype,
        copy=copy,
        subok=subok,
        keep_mask=keep_mask,
        hard_mask=hard_mask,
        fill_value=fill_value,
        ndmin=ndmin,
        shrink=shrink,
        order=order,
    )


def asarray(a, dtype=None, order=None):
    """`a` as a MaskedArray (no copy when it already is one of `dtype`)."""
    order = order or "C"
    return masked_array(a, dtype=dtype, copy=False, keep_mask=True, subok=False, order=order)


def asanyarray(a, dtype=None, order=None):
    """`a` as a MaskedArray or subclass (no copy when possible)."""
    if isinstance(a, MaskedArray) and (dtype is None or dtype == a.dtype):
        return a
    return masked_array(a, dtype=dtype, copy=False, keep_mask=True, subok=True)


# ---------------------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------------------


class _extrema_operation(_MaskedUFunc):
    """maximum/minimum: the element-wise form, and `reduce` ignoring masked entries."""

    def __init__(self, ufunc, compare, fill_value):
        super().__init__(ufunc)
        self.compare = compare
        self.fill_value_func = fill_value

    def __call__(self, a, b):
        return where(self.compare(a, b), a, b)

    def reduce(self, target, axis=_NoValue):
        """The extremum along `axis` (axis 0 by default) over unmasked entries."""
        target = np.array(target, copy=None, subok=True)
        m = getmask(target)
        if axis is _NoValue and target.ndim > 1:
            warnings.warn(
                f"In the future the default for ma.{self.__name__}.reduce will "
                f"be axis=0, not the current None, to match "
                f"np.{self.__name__}.reduce. Explicitly pass 0 or None to "
                "silence this warning.",
                FutureWarning,
                stacklevel=2,
            )
            axis = None
        kwargs = {} if axis is _NoValue else {"axis": axis}
        if m is nomask:
            t = self.f.reduce(target, **kwargs)
        else:
            target = target.filled(self.fill_value_func(target)).view(type(target))
            t = self.f.reduce(target, **kwargs)
            m = np.logical_and.reduce(m, **kwargs)
            if hasattr(t, "_mask"):
                t._mask = m
            elif m:
                t = masked
        return t

    def outer(self, a, b):
        """The outer form; masked where either entry is."""
        ma, mb = getmask(a), getmask(b)
        if ma is nomask and mb is nomask:
            m = nomask
        else:
            m = np.logical_or.outer(getmaskarray(a), getmaskarray(b))
        result = self.f.outer(filled(a), filled(b))
        if not isinstance(result, MaskedArray):
            result = result.view(MaskedArray)
        result._mask = m
        return result


def _frommethod(name, reversed_=False):
    """A module function calling the MaskedArray method `name` (on `asanyarray(a)`)."""

    def function(a, *args, **params):
        if reversed_:
            args = list(args)
            a, args[0] = args[0], a
        marr = asanyarray(a)
        return getattr(marr, name)(*args, **params)

    function.__name__ = name
    function.__doc__ = getattr(MaskedArray, name).__doc__
    return function


all = _frommethod("all")  # noqa: A001
anomalies = anom = _frommethod("anom")
any = _frommethod("any")  # noqa: A001
argmax = _frommethod("argmax")
argmin = _frommethod("argmin")
compress = _frommethod("compress", reversed_=True)
count = _frommethod("count")
cumprod = _frommethod("cumprod")
cumsum = _frommethod("cumsum")
copy = _frommethod("copy")
diagonal = _frommethod("diagonal")
harden_mask = _frommethod("harden_mask")
ids = _frommethod("ids")
mean = _frommethod("mean")
nonzero = _frommethod("nonzero")
prod = _frommethod("prod")
product = _frommethod("product")
ravel = _frommethod("ravel")
repeat = _frommethod("repeat")
shrink_mask = _frommethod("shrink_mask")
soften_mask = _frommethod("soften_mask")
std = _frommethod("std")
sum = _frommethod("sum")  # noqa: A001
swapaxes = _frommethod("swapaxes")
trace = _frommethod("trace")
var = _frommethod("var")
maximum = _extrema_operation(np.maximum, greater, maximum_fill_value)
minimum = _extrema_operation(np.minimum, less, minimum_fill_value)


def min(obj, axis=None, out=None, fill_value=None, keepdims=_NoValue):  # noqa: A001
    """The smallest unmasked entry along `axis`."""
    return asanyarray(obj).min(axis=axis, fill_value=fill_value, out=out, keepdims=keepdims)


def max(obj, axis=None, out=None, fill_value=None, keepdims=_NoValue):  # noqa: A001
    """The largest unmasked entry along `axis`."""
    return asanyarray(obj).max(axis=axis, fill_value=fill_value, out=out, keepdims=keepdims)


amin, amax = min, max


def ptp(obj, axis=None, out=None, fill_value=None, keepdims=_NoValue):
    """The range of the unmasked entries along `axis`."""
    keepdims = False if keepdims is _NoValue else keepdims
    return asanyarray(obj).ptp(axis=axis, fill_value=fill_value, out=out, keepdims=keepdims)


def take(a, indices, axis=None, out=None, mode="raise"):
    """The entries of `a` at `indices` along `axis`."""
    a = masked_array(a)
    return a.take(indices, axis=axis, out=out, mode=mode)


def power(a, b, third=None):
    """a ** b element-wise; masked where either is or where the result is not finite."""
    if third is not None:
        raise MaskError("3-argument power not supported.")
    ma, mb = getmask(a), getmask(b)
    m = mask_or(ma, mb)
    fa, fb = getdata(a), getdata(b)
    basetype = type(a) if isinstance(a, MaskedArray) else MaskedArray
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(m, fa, np.power(fa, fb)).view(basetype)
    result._update_from(a)
    invalid = np.logical_not(np.isfinite(result.view(ndarray)))
    if m is not nomask:
        if not result.ndim:
            return masked
        result._mask = np.logical_or(m, invalid)
    if invalid.any():
        if not result.ndim:
            return masked
        elif result._mask is nomask:
            result._mask = invalid
        result._data[invalid] = result.fill_value
    return result


def argsort(a, axis=_NoValue, kind=None, order=None, endwith=True, fill_value=None, *, stable=None):
    """The indices that sort `a`, masked entries last."""
    a = np.asanyarray(a)
    if axis is _NoValue:
        axis = -1 if a.ndim else None
    if isinstance(a, MaskedArray):
        return a.argsort(
            axis=axis,
            kind=kind,
            order=order,
            endwith=endwith,
            fill_value=fill_value,
            stable=bool(stable),
        )
    return a.argsort(axis=axis, kind=kind, order=order, stable=stable)


def sort(a, axis=-1, kind=None, order=None, endwith=True, fill_value=None, *, stable=None):
    """A sorted copy of `a`, masked entries last."""
    a = np.array(a, copy=True, subok=True)
    if axis is None:
        a = a.flatten()
        axis = 0
    if isinstance(a, MaskedArray):
        a.sort(
            axis=axis,
            kind=kind,
            order=order,
            endwith=endwith,
            fill_value=fill_value,
            stable=bool(stable),
        )
    else:
        a.sort(axis=axis, kind=kind, order=order, stable=stable)
    return a


def compressed(x):
    """The unmasked entries of `x` as a 1-D ndarray."""
    return asanyarray(x).compressed()


def concatenate(arrays, axis=0):
    """Join masked arrays along `axis`, masks included."""
    d = np.concatenate([getdata(a) for a in arrays], axis)
    rcls = get_masked_subclass(*arrays)
    data = d.view(rcls)
    for x in arrays:
        if getmask(x) is not nomask:
            break
    else:
        return data
    dm = np.concatenate([getmaskarray(a) for a in arrays], axis)
    dm = dm.reshape(d.shape)
    data._mask = _shrink_mask(dm)
    return data


def diag(v, k=0):
    """The diagonal of a 2-D masked array, or a diagonal array from a 1-D one."""
    output = np.diag(getdata(v), k).view(MaskedArray)
    if getmask(v) is not nomask:
        output._mask = np.diag(v._mask, k)
    return output


def left_shift(a, n):
    """a << n, with a's mask."""
    m = getmask(a)
    if m is nomask:
        d = np.left_shift(filled(a), n)
        return masked_array(d)
    d = np.left_shift(filled(a, 0), n)
    return masked_array(d, mask=m)


def right_shift(a, n):
    """a >> n, with a's mask."""
    m = getmask(a)
    if m is nomask:
        d = np.right_shift(filled(a), n)
        return masked_array(d)
    d = np.right_shift(filled(a, 0), n)
    return masked_array(d, mask=m)


def transpose(a, axes=None):
    """`a` with its axes permuted, mask included."""
    try:
        return a.transpose(axes)
    except AttributeError:
        return np.asarray(a).transpose(axes).view(MaskedArray)


def reshape(a, new_shape, order="C"):
    """`a` in a new shape, mask included."""
    try:
        return a.reshape(new_shape, order=order)
    except AttributeError:
        return np.asarray(a).reshape(new_shape, order=order).view(MaskedArray)


def ndim(obj):
    """The number of dimensions of `obj`."""
    return np.ndim(getdata(obj))


def shape(obj):
    """The shape of `obj`."""
    return np.shape(getdata(obj))


def size(obj, axis=None):
    """The number of entries of `obj` (along `axis`)."""
    return np.size(getdata(obj), axis)


def where(condition, x=_NoValue, y=_NoValue):
    """Entries of `x` where `condition` holds, else of `y`; masks follow the choice."""
    missing = (x is _NoValue, y is _NoValue).count(True)
    if missing == 1:
        raise ValueError("Must provide both 'x' and 'y' or neither.")
    if missing == 2:
        return nonzero(condition)
    cf = filled(condition, False)
    xd = getdata(x)
    yd = getdata(y)
    cm = getmaskarray(condition)
    xm = getmaskarray(x)
    ym = getmaskarray(y)
    if x is masked and y is not masked:
        xd = np.zeros((), dtype=yd.dtype)
        xm = np.ones((), dtype=ym.dtype)
    elif y is masked and x is not masked:
        yd = np.zeros((), dtype=xd.dtype)
        ym = np.ones((), dtype=xm.dtype)
    data = np.where(cf, xd, yd)
    mask = np.where(cf, xm, ym)
    mask = np.where(cm, np.ones((), dtype=mask.dtype), mask)
    mask = _shrink_mask(mask)
    return masked_array(data, mask=mask)


def round_(a, decimals=0, out=None):
    """`a` rounded to `decimals`, mask kept."""
    if out is None:
        return np.round(a, decimals, out)
    np.round(getdata(a), decimals, out)
    if hasattr(out, "_mask"):
        out._mask = getmask(a)
    return out


round = round_  # noqa: A001


def _mask_propagate(a, axis):
    a = array(a, subok=False)
    m = getmask(a)
    if m is nomask or not m.any() or axis is None:
        return a
    a._mask = a._mask.copy()
    axes = normalize_axis_tuple(axis, a.ndim)
    for ax in axes:
        a._mask |= m.any(axis=ax, keepdims=True)
    return a


def dot(a, b, strict=False, out=None):
    """The matrix product with masked entries as 0 (or masking whole rows/columns
    when `strict`)."""
    if strict and (a.ndim == 2) and (b.ndim == 2):
        a = _mask_propagate(a, a.ndim - 1)
        b = _mask_propagate(b, b.ndim - 2)
    am = ~getmaskarray(a)
    bm = ~getmaskarray(b)
    if out is None:
        d = np.dot(filled(a, 0), filled(b, 0))
        m = ~np.dot(am, bm)
        if np.ndim(d) == 0:
            d = np.asarray(d)
        r = d.view(get_masked_subclass(a, b))
        r.__setmask__(m)
        return r
    d = np.dot(filled(a, 0), filled(b, 0), out._data)
    if out.mask.shape != d.shape:
        out._mask = np.empty(d.shape, MaskType)
    np.dot(am, bm, out._mask)
    np.logical_not(out._mask, out._mask)
    return out


def inner(a, b):
    """The inner product with masked entries as 0."""
    fa = filled(a, 0)
    fb = filled(b, 0)
    if fa.ndim == 0:
        fa.shape = (1,)
    if fb.ndim == 0:
        fb.shape = (1,)
    return np.inner(fa, fb).view(MaskedArray)


def outer(a, b):
    """The outer product; masked where either entry is."""
    fa = filled(a, 0).ravel()
    fb = filled(b, 0).ravel()
    d = np.outer(fa, fb)
    ma = getmask(a)
    mb = getmask(b)
    if ma is nomask and mb is nomask:
        return masked_array(d)
    ma = getmaskarray(a)
    mb = getmaskarray(b)
    m = make_mask(1 - np.outer(1 - ma, 1 - mb), copy=False)
    return masked_array(d, mask=m)


innerproduct = inner
outerproduct = outer


def allequal(a, b, fill_value=True):
    """Whether a and b are equal where both are unmasked (masked entries count as
    equal when `fill_value`)."""
    m = mask_or(getmask(a), getmask(b))
    if m is nomask:
        x = getdata(a)
        y = getdata(b)
        d = np.equal(x, y)
        return d.all()
    if fill_value:
        x = getdata(a)
        y = getdata(b)
        d = np.equal(x, y)
        dm = array(d, mask=m, copy=False)
        return dm.filled(True).all(None)
    return False


def allclose(a, b, masked_equal=True, rtol=1e-5, atol=1e-8):
    """Whether a and b are equal within a tolerance where both are unmasked."""
    x = masked_array(a, copy=False)
    y = masked_array(b, copy=False)
    if y.dtype.kind != "m":
        dtype = np.result_type(y, 1.0)
        if y.dtype != dtype:
            y = masked_array(y, dtype=dtype, copy=False)
    m = mask_or(getmask(x), getmask(y))
    xinf = np.isinf(masked_array(x, copy=False, mask=m)).filled(False)
    if not np.all(xinf == filled(np.isinf(y), False)):
        return False
    if not np.any(xinf):
        d = filled(less_equal(absolute(x - y), atol + rtol * absolute(y)), masked_equal)
        return np.all(d)
    if not np.all(filled(x[xinf] == y[xinf], masked_equal)):
        return False
    x = x[~xinf]
    y = y[~xinf]
    d = filled(less_equal(absolute(x - y), atol + rtol * absolute(y)), masked_equal)
    return np.all(d)


def append(a, b, axis=None):
    """`a` with `b` appended (flattened when `axis` is None)."""
    return concatenate(
        [
            asanyarray(a).ravel() if axis is None else a,
            asanyarray(b).ravel() if axis is None else b,
        ],
        axis=0 if axis is None else axis,
    )


def _convert2ma(name, params=None):
    """numoxide's `name` returning a MaskedArray (optional fill_value/hardmask)."""
    func = getattr(np, name)
    params = params or {}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        extras = {p: kwargs.pop(p) for p in list(kwargs) if p in params}
        result = func(*args, **kwargs).view(MaskedArray)
        if "fill_value" in extras:
            result.fill_value = extras["fill_value"]
        if "hardmask" in extras:
            result._hardmask = bool(extras["hardmask"])
        return result

    return wrapper


_FILL_HARD = {"fill_value": None, "hardmask": False}
arange = _convert2ma("arange", _FILL_HARD)
clip = _convert2ma("clip")
empty = _convert2ma("empty", _FILL_HARD)
empty_like = _convert2ma("empty_like")
full = _convert2ma("full")
full_like = _convert2ma("full_like")
identity = _convert2ma("identity", _FILL_HARD)
ones = _convert2ma("ones", _FILL_HARD)
ones_like = _convert2ma("ones_like")
squeeze = _convert2ma("squeeze", _FILL_HARD)
zeros = _convert2ma("zeros", _FILL_HARD)
zeros_like = _convert2ma("zeros_like")


# ---------------------------------------------------------------------------------------
# More functions
# ---------------------------------------------------------------------------------------

bool_ = np.bool_


def make_mask_descr(ndtype):
    """The dtype of a mask for `ndtype`: bool (numoxide has no structured dtypes)."""
    np.dtype(ndtype)
    return np.dtype(MaskType)


def flatten_mask(mask):
    """The mask as a flat boolean array."""
    return np.array(np.asarray(mask).ravel().tolist(), dtype=bool)


def _ids(self):
    """The addresses of the data and of the mask (id(nomask) when there is none)."""
    data = self.__array_interface__["data"][0]
    if self._mask is nomask:
        return (data, id(nomask))
    return (data, self._mask.__array_interface__["data"][0])


def _put(self, indices, values, mode="raise"):
    """Set the entries at the flat `indices` to `values`, masks included (a hard mask
    keeps its masked entries)."""
    if self._hardmask and self._mask is not nomask:
        mask = self._mask.ravel()[np.asarray(indices)]
        indices = np.array(indices, copy=None)
        values = np.resize(getdata(values), indices.shape)
        indices = indices[~mask]
        values = values[~mask]
    self._data.put(indices, getdata(values), mode=mode)
    if self._mask is nomask and getmask(values) is nomask:
        return
    m = getmaskarray(self).copy()
    if getmask(values) is nomask:
        m.put(indices, False, mode=mode)
    else:
        m.put(indices, values._mask, mode=mode)
    self._mask = make_mask(m, copy=False, shrink=True)


def put(a, indices, values, mode="raise"):
    """`a.put(indices, values, mode)` (masks included for a masked array)."""
    try:
        return a.put(indices, values, mode=mode)
    except AttributeError:
        return np.asarray(a).put(indices, values, mode=mode)


def putmask(a, mask, values):
    """Set the entries of `a` where `mask` holds to `values` (masks included)."""
    if not isinstance(a, MaskedArray):
        a = a.view(MaskedArray)
    valdata, valmask = getdata(values), getmask(values)
    if getmask(a) is nomask:
        if valmask is not nomask:
            a._sharedmask = True
            a._mask = make_mask_none(a.shape, a.dtype)
            np.copyto(a._mask, valmask, where=mask)
    elif a._hardmask:
        if valmask is not nomask:
            m = a._mask.copy()
            np.copyto(m, valmask, where=mask)
            a.mask |= m
    else:
        if valmask is nomask:
            valmask = getmaskarray(values)
        np.copyto(a._mask, valmask, where=mask)
    np.copyto(a._data, valdata, where=mask)


def resize(x, new_shape):
    """`x` resized to `new_shape` (repeating its entries), mask included."""
    m = getmask(x)
    if m is not nomask:
        m = np.resize(m, new_shape)
    result = np.resize(getdata(x), new_shape).view(get_masked_subclass(x))
    if result.ndim:
        result._mask = m
    return result


def expand_dims(a, axis):
    """`a` with new length-1 axes at `axis`, mask included."""
    a = asanyarray(a)
    out = np.expand_dims(a._data, axis).view(type(a))
    out._update_from(a)
    if a._mask is not nomask:
        out._mask = np.expand_dims(a._mask, axis)
    return out


def diff(a, /, n=1, axis=-1, prepend=_NoValue, append=_NoValue):
    """The n-th differences along `axis`; a difference is masked where either entry
    is."""
    if n == 0:
        return a
    if n < 0:
        raise ValueError("order must be non-negative but got " + repr(n))
    a = asanyarray(a)
    if a.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    parts = []
    for extra in (prepend,):
        if extra is not _NoValue:
            parts.append(_edge(extra, a, axis))
    parts.append(a)
    if append is not _NoValue:
        parts.append(_edge(append, a, axis))
    if len(parts) > 1:
        a = concatenate(parts, axis)
    axis = normalize_axis_tuple(axis, a.ndim)[0]
    upper = [slice(None)] * a.ndim
    lower = [slice(None)] * a.ndim
    upper[axis] = slice(1, None)
    lower[axis] = slice(None, -1)
    op = np.not_equal if a.dtype == np.bool_ else np.subtract
    for _ in range(n):
        a = op(a[tuple(upper)], a[tuple(lower)])
    return a


def _edge(value, a, axis):
    value = asanyarray(value)
    if value.ndim == 0:
        shape = list(a.shape)
        shape[axis] = 1
        value = masked_array(
            np.broadcast_to(value._data, tuple(shape)),
            mask=np.broadcast_to(getmaskarray(value), tuple(shape)),
        )
    return value


def choose(indices, choices, out=None, mode="raise"):
    """np.choose with masks: the result is masked where the chosen entry (or the index)
    is."""

    def data_of(x):
        return True if x is masked else filled(x)

    def mask_of(x):
        return True if x is masked else getmask(x)

    c = filled(indices, 0)
    outputmask = np.choose(c, [mask_of(x) for x in choices], mode=mode)
    outputmask = make_mask(mask_or(outputmask, getmask(indices)), copy=False, shrink=True)
    d = np.choose(c, [data_of(x) for x in choices], mode=mode, out=out).view(MaskedArray)
    if out is not None:
        if isinstance(out, MaskedArray):
            out.__setmask__(outputmask)
        return out
    d.__setmask__(outputmask)
    return d


def _convolve_or_correlate(f, a, v, mode, propagate_mask):
    if propagate_mask:
        # A result is masked when any entry that went into it was masked.
        mask = f(getmaskarray(a), np.ones(np.shape(v), dtype=bool), mode=mode) | f(
            np.ones(np.shape(a), dtype=bool), getmaskarray(v), mode=mode
        )
        data = f(getdata(a), getdata(v), mode=mode)
    else:
        # Masked entries count as zero; only results with no unmasked input are masked.
        mask = ~f(~getmaskarray(a), ~getmaskarray(v), mode=mode)
        data = f(filled(a, 0), filled(v, 0), mode=mode)
    return masked_array(data, mask=mask)


def correlate(a, v, mode="valid", propagate_mask=True):
    """np.correlate with masks (see `propagate_mask`)."""
    return _convolve_or_correlate(np.correlate, a, v, mode, propagate_mask)


def convolve(a, v, mode="full", propagate_mask=True):
    """np.convolve with masks (see `propagate_mask`)."""
    return _convolve_or_correlate(np.convolve, a, v, mode, propagate_mask)


frombuffer = _convert2ma("frombuffer")
fromfunction = _convert2ma("fromfunction")
indices = _convert2ma("indices")
