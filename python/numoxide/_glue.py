"""Top-level functions that NumPy itself writes as compositions of other calls (its
``lib`` glue): the same compositions over numoxide's engine, so values and dtypes follow
from the engine's routines."""

from math import pi as _pi

from . import _numoxide as _nx
from ._dtypes import finfo as _finfo
from .exceptions import AxisError

__all__ = [
    "angle", "astype", "concat", "imag", "index_exp", "isfortran", "iterable",
    "permute_dims", "real", "rollaxis", "s_", "sinc", "vander",
    "ScalarType", "apply_along_axis", "apply_over_axes", "asarray_chkfinite",
    "base_repr", "binary_repr", "c_", "fill_diagonal", "isdtype", "issubdtype",
    "mask_indices", "mgrid", "mintypecode", "ogrid", "r_", "require", "sctypeDict",
    "typecodes", "typename", "unwrap", "frompyfunc", "vectorize",
    "nested_iters",
]


def permute_dims(a, axes=None):
    """Array API name of ``transpose``."""
    return _nx.transpose(a, axes)


def concat(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """Array API name of ``concatenate``."""
    return _nx.concatenate(arrays, axis=axis, out=out, dtype=dtype, casting=casting)


def astype(x, dtype, /, *, copy=True, device=None):
    """``x.astype(dtype)`` as a function (Array API)."""
    if not isinstance(x, _nx.ndarray):
        raise TypeError(f"Input should be a NumPy array. It is a {type(x)} instead.")
    if device not in (None, "cpu"):
        raise ValueError(f'Device not understood. Only "cpu" is allowed, but received: {device}')
    return x.astype(dtype, copy=copy)


def rollaxis(a, axis, start=0):
    """Roll ``axis`` backwards until it lies before position ``start``."""
    n = a.ndim
    if not -n <= axis < n:
        raise AxisError(f"axis {axis} is out of bounds for array of dimension {n}")
    axis %= n if n else 1
    if start < 0:
        start += n
    if not 0 <= start < n + 1:
        raise AxisError(f"'start' arg requires {-n} <= start < {n + 1}, but {start - n if start < 0 else start} was passed in")
    if axis < start:
        start -= 1
    if axis == start:
        return a[...]
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return a.transpose(axes)


def real(val):
    """The real part (a view for complex arrays)."""
    try:
        return val.real
    except AttributeError:
        return _nx.asanyarray(val).real


def imag(val):
    """The imaginary part (a view for complex arrays)."""
    try:
        return val.imag
    except AttributeError:
        return _nx.asanyarray(val).imag


def angle(z, deg=False):
    """The counterclockwise angle from the positive real axis."""
    z = _nx.asanyarray(z)
    if z.dtype.kind == "c":
        zimag, zreal = z.imag, z.real
    else:
        zimag, zreal = 0, z
    a = _nx.arctan2(zimag, zreal)
    if deg:
        a *= 180 / _pi
    return a


def sinc(x):
    """sin(pi x) / (pi x), 1 at 0."""
    x = _nx.asanyarray(x)
    x = _pi * x
    eps = _finfo(x.dtype).eps if x.dtype.kind == "f" else 1e-20
    y = _nx.where(x, x, eps)
    return _nx.sin(y) / y


def vander(x, N=None, increasing=False):
    """The Vandermonde matrix: columns are powers of ``x``."""
    x = _nx.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    if N is None:
        N = len(x)
    v = _nx.empty((len(x), N), dtype=_nx.promote_types(x.dtype, int))
    tmp = v[:, ::-1] if not increasing else v
    if N > 0:
        tmp[:, 0] = 1
    if N > 1:
        tmp[:, 1:] = x[:, None]
        _nx.multiply.accumulate(tmp[:, 1:], out=tmp[:, 1:], axis=1)
    return v


def iterable(y):
    """Whether ``iter(y)`` works."""
    try:
        iter(y)
    except TypeError:
        return False
    return True


def isfortran(a):
    """Whether ``a`` is Fortran-contiguous and not C-contiguous."""
    return a.flags.fnc


class _IndexExpression:
    """``s_[...]`` / ``index_exp[...]``: build index tuples with slice syntax."""

    def __init__(self, maketuple):
        self.maketuple = maketuple

    def __getitem__(self, item):
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        return item


index_exp = _IndexExpression(maketuple=True)
s_ = _IndexExpression(maketuple=False)


# ---------------------------------------------------------------------------
# Type helpers: issubdtype, isdtype, mintypecode, typename, typecodes,
# ScalarType, sctypeDict.

typecodes = {
    "Character": "c",
    "Integer": "bhilqnp",
    "UnsignedInteger": "BHILQNP",
    "Float": "efdg",
    "Complex": "FDG",
    "AllInteger": "bBhHiIlLqQnNpP",
    "AllFloat": "efdgFDG",
    "Datetime": "Mm",
    "All": "?bhilqnpBHILQNPefdgFDGSUVOMm",
}

_NAME_FROM_TYPE = {
    "S1": "character", "?": "bool", "b": "signed char", "B": "unsigned char",
    "h": "short", "H": "unsigned short", "i": "integer", "I": "unsigned integer",
    "l": "long integer", "L": "unsigned long integer", "q": "long long integer",
    "Q": "unsigned long long integer", "f": "single precision", "d": "double precision",
    "g": "long precision", "F": "complex single precision",
    "D": "complex double precision", "G": "complex long double precision",
    "S": "string", "U": "unicode", "V": "void", "O": "object",
}


def typename(char):
    """A description of the data type with type code ``char`` (deprecated in NumPy 2.5)."""
    import warnings

    warnings.warn(
        "numpy.typename is deprecated. Use numpy.dtype.name instead.",
        DeprecationWarning,
        stacklevel=2,
    )
    return _NAME_FROM_TYPE[char]


_TYPECODES_BY_ELSIZE = "GDFgdfQqLlIiHhBb?"


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    """The character of the smallest type in ``typeset`` that the ``typechars`` can be
    safely cast to."""
    codes = ((isinstance(t, str) and t) or _nx.asarray(t).dtype.char for t in typechars)
    intersection = {t for t in codes if t in typeset}
    if not intersection:
        return default
    if "F" in intersection and "d" in intersection:
        return "D"
    return min(intersection, key=_TYPECODES_BY_ELSIZE.index)


def _scalar_types():
    from . import _scalars as s

    return s


def _is_scalar_class(x):
    return isinstance(x, type) and issubclass(x, _scalar_types().generic)


def issubdtype(arg1, arg2):
    """Whether the first type is lower/equal in NumPy's type hierarchy than the second."""
    if not _is_scalar_class(arg1):
        arg1 = _nx.dtype(arg1).type
    if not _is_scalar_class(arg2):
        arg2 = _nx.dtype(arg2).type
    return issubclass(arg1, arg2)


def _isdtype_kinds():
    s = _scalar_types()
    ints = (s.int8, s.int16, s.int32, s.int64)
    uints = (s.uint8, s.uint16, s.uint32, s.uint64)
    floats = (s.float16, s.float32, s.float64)
    complexes = (s.complex64, s.complex128)
    return {
        "bool": (s.bool_,),
        "signed integer": ints,
        "unsigned integer": uints,
        "integral": ints + uints,
        "real floating": floats,
        "complex floating": complexes,
        "numeric": ints + uints + floats + complexes,
    }


def _isdtype_type(x):
    s = _scalar_types()
    if isinstance(x, _nx.dtype):
        x = x.type
    known = set(_isdtype_kinds()["numeric"]) | {s.bool_}
    if isinstance(x, _nx.ndarray) or not isinstance(x, type) or x not in known:
        return None
    return x


def isdtype(dtype, kind):
    """Whether ``dtype`` is of the kind ``kind`` (a dtype, a kind name, or a tuple)."""
    t = _isdtype_type(dtype)
    if t is None:
        raise TypeError(f"dtype argument must be a NumPy dtype, but it is a {type(dtype)}.")
    kinds = _isdtype_kinds()
    wanted = set()
    for k in kind if isinstance(kind, tuple) else (kind,):
        if isinstance(k, str):
            if k not in kinds:
                raise ValueError(f"kind argument is a string, but {k!r} is not a known kind name.")
            wanted.update(kinds[k])
        else:
            kt = _isdtype_type(k)
            if kt is None:
                raise TypeError(
                    "kind argument must be comprised of NumPy dtypes or strings only, "
                    f"but is a {type(k)}."
                )
            wanted.add(kt)
    return t in wanted


def _make_sctype_dict():
    s = _scalar_types()
    d = {
        "bool": s.bool_, "bool_": s.bool_,
        "byte": s.int8, "ubyte": s.uint8, "short": s.int16, "ushort": s.uint16,
        "intc": s.int32, "uintc": s.uint32,
        "int": s.int64, "int_": s.int64, "intp": s.int64, "long": s.int64,
        "longlong": s.int64,
        "uint": s.uint64, "uintp": s.uint64, "ulong": s.uint64, "ulonglong": s.uint64,
        "half": s.float16, "single": s.float32, "double": s.float64, "float": s.float64,
        "csingle": s.complex64, "cdouble": s.complex128, "complex": s.complex128,
    }
    for t in (s.int8, s.int16, s.int32, s.int64, s.uint8, s.uint16, s.uint32, s.uint64,
              s.float16, s.float32, s.float64, s.complex64, s.complex128):
        d[t.__name__] = t
    return d


sctypeDict = _make_sctype_dict()


def _make_scalar_type():
    s = _scalar_types()
    return (int, float, complex, bool, bytes, str, memoryview, s.bool_, s.complex64,
            s.complex128, s.float16, s.float32, s.float64, s.int8, s.int16, s.int32,
            s.int64, s.uint8, s.uint16, s.uint32, s.uint64)


ScalarType = _make_scalar_type()


# ---------------------------------------------------------------------------
# Number formatting: base_repr, binary_repr.

_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base_repr(number, base=2, padding=0):
    """The string of ``number`` in ``base`` (2..36), with ``padding`` leading zeros."""
    if base > len(_DIGITS):
        raise ValueError("Bases greater than 36 not handled in base_repr.")
    if base < 2:
        raise ValueError("Bases less than 2 not handled in base_repr.")
    num = abs(int(number))
    out = []
    while num:
        out.append(_DIGITS[num % base])
        num //= base
    if padding:
        out.append("0" * padding)
    if number < 0:
        out.append("-")
    return "".join(reversed(out or "0"))


def binary_repr(num, width=None):
    """The binary string of ``num`` (two's complement of ``width`` bits if negative)."""
    import operator

    def check(binwidth):
        if width is not None and width < binwidth:
            raise ValueError(f"Insufficient bit {width=} provided for {binwidth=}")

    num = operator.index(num)
    if num == 0:
        return "0" * (width or 1)
    if num > 0:
        bits = f"{num:b}"
        check(len(bits))
        return bits.zfill(len(bits) if width is None else max(len(bits), width))
    if width is None:
        return f"-{-num:b}"
    poswidth = len(f"{-num:b}")
    if 2 ** (poswidth - 1) == -num:
        poswidth -= 1
    bits = f"{2 ** (poswidth + 1) + num:b}"
    check(len(bits))
    return "1" * (max(len(bits), width) - len(bits)) + bits


# ---------------------------------------------------------------------------
# Array conversion: asarray_chkfinite, require.

def asarray_chkfinite(a, dtype=None, order=None):
    """``asarray`` that raises ValueError if the result holds an inf or a NaN."""
    a = _nx.asarray(a, dtype=dtype, order=order)
    if a.dtype.char in typecodes["AllFloat"] and not _nx.all(_nx.isfinite(a)):
        raise ValueError("array must not contain infs or NaNs")
    return a


_REQUIRE_FLAGS = {
    "C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C",
    "F": "F", "F_CONTIGUOUS": "F", "FORTRAN": "F",
    "A": "A", "ALIGNED": "A", "W": "W", "WRITEABLE": "W",
    "O": "O", "OWNDATA": "O", "E": "E", "ENSUREARRAY": "E",
}


def require(a, dtype=None, requirements=None, *, like=None):
    """An array of ``dtype`` that satisfies the flag ``requirements`` (copying if needed)."""
    if not requirements:
        return _nx.asanyarray(a, dtype=dtype)
    reqs = {_REQUIRE_FLAGS[x.upper()] for x in requirements}
    reqs.discard("E")
    order = "A"
    if reqs >= {"C", "F"}:
        raise ValueError('Cannot specify both "C" and "F" order')
    if "F" in reqs:
        order = "F"
        reqs.remove("F")
    elif "C" in reqs:
        order = "C"
        reqs.remove("C")
    arr = _nx.array(a, dtype=dtype, order=order, copy=None)
    for prop in reqs:
        if not arr.flags[prop]:
            return arr.copy(order)
    return arr


# ---------------------------------------------------------------------------
# Index helpers: fill_diagonal, mask_indices, mgrid, ogrid, r_, c_.

def fill_diagonal(a, val, wrap=False):
    """Write ``val`` into the main diagonal of ``a`` (in place)."""
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if len(set(a.shape)) != 1:
            raise ValueError("All dimensions of input must be of equal length")
        step = 1
        prod = 1
        for n in a.shape[:-1]:
            prod *= n
            step += prod
    a.flat[:end:step] = val


def mask_indices(n, mask_func, k=0):
    """The indices where ``mask_func(ones((n, n)), k)`` is non-zero."""
    m = _nx.ones((n, n), dtype=int)
    a = mask_func(m, k)
    return _nx.nonzero(a != 0)


def _is_complex_step(step):
    return isinstance(step, complex) or (
        isinstance(step, _scalar_types().generic) and _nx.dtype(type(step)).kind == "c"
    )


class _GridClass:
    """``mgrid[...]`` (dense) / ``ogrid[...]`` (open) mesh grids from slices."""

    __slots__ = ("sparse",)

    def __init__(self, sparse=False):
        self.sparse = sparse

    def __getitem__(self, key):
        import math

        if isinstance(key, slice):
            return self._one(key)
        try:
            n = len(key)
        except TypeError:
            return self._one(key)
        sizes = []
        nums = [0]
        for k in range(n):
            s = key[k]
            start = 0 if s.start is None else s.start
            step = 1 if s.step is None else s.step
            if _is_complex_step(step):
                step = abs(step)
                sizes.append(int(step))
            else:
                sizes.append(math.ceil((s.stop - start) / step))
            nums += [start, s.stop, step]
        typ = _nx.result_type(*nums)
        if self.sparse:
            grids = [_nx.arange(size, dtype=typ) for size in sizes]
        else:
            grids = _nx.indices(sizes, typ)
        for k in range(n):
            s = key[k]
            start = 0 if s.start is None else s.start
            step = 1 if s.step is None else s.step
            if _is_complex_step(step):
                step = int(abs(step))
                if step != 1:
                    step = (s.stop - start) / float(step - 1)
            grids[k] = grids[k] * step + start
        if self.sparse:
            out = []
            for k in range(n):
                shape = [1] * n
                shape[k] = sizes[k]
                out.append(grids[k].reshape(shape))
            return tuple(out)
        return grids

    def _one(self, key):
        start = 0 if key.start is None else key.start
        step = key.step
        if _is_complex_step(step):
            length = int(abs(step))
            typ = _nx.result_type(start, key.stop, abs(step))
            step = length
            if step != 1:
                step = (key.stop - start) / float(step - 1)
            return _nx.arange(0, length, 1, dtype=typ) * step + start
        return _nx.arange(start, key.stop, step)

    def __len__(self):
        return 0


mgrid = _GridClass(sparse=False)
ogrid = _GridClass(sparse=True)


class _AxisConcatenator:
    """``r_[...]`` / ``c_[...]``: concatenate slices, scalars and arrays along an axis."""

    def __init__(self, axis=0, ndmin=1, trans1d=-1):
        self.axis = axis
        self.ndmin = ndmin
        self.trans1d = trans1d

    def __getitem__(self, key):
        if isinstance(key, str):
            raise NotImplementedError("numoxide has no matrix class: r_['...'] strings are not supported")
        if not isinstance(key, tuple):
            key = (key,)
        trans1d, ndmin, axis = self.trans1d, self.ndmin, self.axis
        objs = []
        type_objs = []
        for k, item in enumerate(key):
            scalar = False
            if isinstance(item, slice):
                start = 0 if item.start is None else item.start
                step = 1 if item.step is None else item.step
                if _is_complex_step(step):
                    newobj = _nx.linspace(start, item.stop, num=int(abs(step)))
                else:
                    newobj = _nx.arange(start, item.stop, step)
                if ndmin > 1:
                    newobj = _nx.array(newobj, copy=None, ndmin=ndmin)
                    if trans1d != -1:
                        newobj = newobj.swapaxes(-1, trans1d)
            elif isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    raise NotImplementedError("numoxide has no matrix class: 'r'/'c' directives are not supported")
                if "," in item:
                    vec = item.split(",")
                    try:
                        axis, ndmin = [int(x) for x in vec[:2]]
                        if len(vec) == 3:
                            trans1d = int(vec[2])
                        continue
                    except Exception as e:
                        raise ValueError(f"unknown special directive {item!r}") from e
                try:
                    axis = int(item)
                    continue
                except (ValueError, TypeError) as e:
                    raise ValueError("unknown special directive") from e
            elif type(item) in ScalarType:
                scalar = True
                newobj = item
            else:
                item_ndim = _nx.ndim(item)
                newobj = _nx.array(item, copy=None, ndmin=ndmin)
                if trans1d != -1 and item_ndim < ndmin:
                    k2 = ndmin - item_ndim
                    k1 = trans1d
                    if k1 < 0:
                        k1 += k2 + 1
                    defaxes = list(range(ndmin))
                    newobj = newobj.transpose(defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2])
            objs.append(newobj)
            type_objs.append(item if scalar else newobj.dtype)
        if type_objs:
            final = _nx.result_type(*type_objs)
            objs = [_nx.array(o, copy=None, ndmin=ndmin, dtype=final) for o in objs]
        return _nx.concatenate(tuple(objs), axis=axis)

    def __len__(self):
        return 0


class RClass(_AxisConcatenator):
    """``r_``: concatenation along the first axis."""

    def __init__(self):
        super().__init__(0)


class CClass(_AxisConcatenator):
    """``c_``: concatenation along the last axis (1-d inputs become columns)."""

    def __init__(self):
        super().__init__(-1, ndmin=2, trans1d=0)


r_ = RClass()
c_ = CClass()


# ---------------------------------------------------------------------------
# Functional helpers: apply_along_axis, apply_over_axes.

def _normalize_axis(axis, ndim):
    import operator

    axis = operator.index(axis)
    if not -ndim <= axis < ndim:
        raise AxisError(f"axis {axis} is out of bounds for array of dimension {ndim}")
    return axis % ndim if ndim else 0


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """Apply ``func1d`` to the 1-d slices of ``arr`` along ``axis``."""
    arr = _nx.asanyarray(arr)
    nd = arr.ndim
    axis = _normalize_axis(axis, nd)
    dims = list(range(nd))
    view = arr.transpose(dims[:axis] + dims[axis + 1:] + [axis])
    inds = (ind + (Ellipsis,) for ind in _nx.ndindex(view.shape[:-1]))
    try:
        ind0 = next(inds)
    except StopIteration:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0") from None
    res = _nx.asanyarray(func1d(view[ind0], *args, **kwargs))
    buff = _nx.zeros_like(res, shape=view.shape[:-1] + res.shape)
    bd = list(range(buff.ndim))
    permute = bd[0:axis] + bd[buff.ndim - res.ndim:buff.ndim] + bd[axis:buff.ndim - res.ndim]
    buff[ind0] = res
    for ind in inds:
        buff[ind] = _nx.asanyarray(func1d(view[ind], *args, **kwargs))
    return buff.transpose(permute)


def apply_over_axes(func, a, axes):
    """Apply ``func(a, axis)`` repeatedly over ``axes``, keeping the dimensions."""
    return _apply_over_axes(func, a, axes, _nx.asarray, _nx.expand_dims)


def _apply_over_axes(func, a, axes, asarray, expand_dims):
    """apply_over_axes with the array conversion and axis insertion given (numoxide.ma
    passes its masked versions)."""
    val = asarray(a)
    n = a.ndim
    if _nx.array(axes).ndim == 0:
        axes = (axes,)
    for axis in axes:
        if axis < 0:
            axis = n + axis
        res = func(val, axis)
        if res.ndim == val.ndim:
            val = res
        else:
            res = expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


# ---------------------------------------------------------------------------
# unwrap

def unwrap(p, discont=None, axis=-1, *, period=2 * _pi):
    """Unwrap by taking the complement of large deltas with respect to the period."""
    p = _nx.asarray(p)
    nd = p.ndim
    dd = _nx.diff(p, axis=axis)
    if discont is None:
        discont = period / 2
    slice1 = [slice(None, None)] * nd
    slice1[axis] = slice(1, None)
    slice1 = tuple(slice1)
    dtype = _nx.result_type(dd, period)
    if issubdtype(dtype, _scalar_types().integer):
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = _nx.mod(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        _nx.copyto(ddmod, interval_high, where=(ddmod == interval_low) & (dd > 0))
    ph_correct = ddmod - dd
    _nx.copyto(ph_correct, 0, where=abs(dd) < discont)
    up = _nx.array(p, copy=True, dtype=dtype)
    up[slice1] = p[slice1] + ph_correct.cumsum(axis)
    return up


# ---------------------------------------------------------------------------
# Python functions over arrays: frompyfunc, vectorize.
#
# NumPy runs these on object arrays. numoxide has no object dtype, so the elements are
# handed to the Python function as Python scalars (what an object array holds after
# NumPy's conversion) and the results are gathered into arrays of the dtype NumPy would
# cast them to (vectorize) or of the dtype ``asarray`` infers (frompyfunc).

def _as_python_elements(arrays, shape):
    """The elements of ``arrays`` broadcast to ``shape``, as lists of Python scalars in
    C order."""
    return [_nx.broadcast_to(a, shape).ravel().tolist() if a.ndim or shape else [a.item()]
            for a in arrays]


def _check_elements(values, dtype=None):
    """Raise what NumPy raises when an object array holding ``values`` is cast to
    ``dtype``: the Python number constructor's TypeError for a sequence element (a
    ValueError without a target dtype)."""
    kind = None if dtype is None else _nx.dtype(dtype).kind
    for v in values:
        if isinstance(v, (list, tuple, _nx.ndarray)) and _nx.ndim(v) != 0:
            if kind in ("i", "u"):
                int(v)
            if kind == "c":
                raise TypeError(f"must be real number, not {type(v).__name__}")
            raise ValueError("setting an array element with a sequence.")


def _gather(values, shape, dtype=None):
    """An array of ``shape`` from a flat list of Python results."""
    try:
        if dtype is None:
            out = _nx.array(values) if values else _nx.array([], dtype=float)
        else:
            out = _nx.array(values, dtype=dtype)
    except (ValueError, TypeError):
        _check_elements(values, dtype)
        raise
    if out.ndim != 1:
        # Some result was itself a sequence (NumPy: an object element cannot be one).
        _check_elements(values, dtype)
    return out.reshape(shape)


class _pyfunc_ufunc:  # noqa: N801  (NumPy's ufunc class name is lower case)
    """The ufunc-like object ``frompyfunc`` returns: calls a Python function per element.

    Differences from NumPy's object ufunc: results are arrays of the dtype ``asarray``
    infers from the returned values (NumPy: ``dtype=object``); ``at`` and ``reduceat``
    are not provided; ``out=`` must be numoxide arrays."""

    def __init__(self, func, nin, nout, identity=None):
        self._func = func
        self.nin = nin
        self.nout = nout
        self.nargs = nin + nout
        self.identity = identity
        self.ntypes = 1
        self.types = ["O" * nin + "->" + "O" * nout]
        self.signature = None
        name = getattr(func, "__name__", None) or "?"
        self.__name__ = f"{name} (vectorized)"
        self.__doc__ = f"{self.__name__}(*args, **kwargs)\n\ndynamic ufunc based on a python function"

    def __repr__(self):
        return f"<ufunc {self.__name__!r}>"

    def _apply(self, args):
        arrays = [_nx.asanyarray(a) for a in args]
        shape = _nx.broadcast_shapes(*(a.shape for a in arrays))
        cols = _as_python_elements(arrays, shape)
        n = 1
        for s in shape:
            n *= s
        results = list(map(self._func, *cols)) if cols else [self._func() for _ in range(n)]
        if self.nout == 1:
            return [results], shape
        outs = [[] for _ in range(self.nout)]
        for r in results:
            if not isinstance(r, tuple) or len(r) != self.nout:
                raise TypeError("invalid number of arguments")
            for k in range(self.nout):
                outs[k].append(r[k])
        return outs, shape

    def __call__(self, *args, out=None, **kwargs):
        if kwargs:
            raise TypeError(f"{self.__name__}() got unexpected keyword arguments {sorted(kwargs)}")
        if len(args) != self.nin:
            raise TypeError(
                f"{self.__name__} takes from {self.nin} to {self.nargs} positional "
                f"arguments but {len(args)} were given")
        scalars = all(not isinstance(a, _nx.ndarray) and _nx.ndim(a) == 0 for a in args)
        outs, shape = self._apply(args)
        if scalars and out is None:
            res = tuple(o[0] for o in outs)
        else:
            res = tuple(_gather(o, shape) for o in outs)
            if out is not None and out is not Ellipsis:
                targets = out if isinstance(out, tuple) else (out,)
                for t, r in zip(targets, res):
                    t[...] = r
                res = tuple(targets)
        return res[0] if self.nout == 1 else res

    def outer(self, a, b):
        """Apply the function to all pairs ``(a_i, b_j)``."""
        if self.nin != 2:
            raise ValueError("outer product only supported for binary functions")
        a, b = _nx.asanyarray(a), _nx.asanyarray(b)
        return self(a.reshape(a.shape + (1,) * b.ndim), b)

    def _check_binary(self, what):
        if self.nin != 2 or self.nout != 1:
            raise ValueError(f"{what} only supported for binary functions")

    def reduce(self, array, axis=0, dtype=None, out=None, keepdims=False, initial=None):
        """Fold the function over ``axis`` (left to right), as ``ufunc.reduce``."""
        self._check_binary("reduce")
        a = _nx.asanyarray(array)
        if axis is None:
            a, axis = a.ravel(), 0
        axis = _normalize_axis(axis, a.ndim)
        moved = _nx.moveaxis(a, axis, -1)
        rest = moved.shape[:-1]
        rows = moved.reshape(-1, moved.shape[-1]).tolist() if moved.size else [[] for _ in range(_prod(rest))]
        results = []
        for row in rows:
            acc = initial if initial is not None else self.identity
            items = row
            if acc is None:
                if not items:
                    raise ValueError("zero-size array to reduction operation "
                                     f"{self.__name__} which has no identity")
                acc, items = items[0], items[1:]
            for x in items:
                acc = self._func(acc, x)
            results.append(acc)
        if not rest:
            res = results[0]
            return _nx.array(res).reshape((1,) * a.ndim) if keepdims else res
        res = _gather(results, rest, dtype)
        if keepdims:
            res = _nx.expand_dims(res, axis)
        return res

    def accumulate(self, array, axis=0, dtype=None, out=None):
        """Running fold of the function along ``axis``, as ``ufunc.accumulate``."""
        self._check_binary("accumulate")
        a = _nx.asanyarray(array)
        axis = _normalize_axis(axis, a.ndim)
        moved = _nx.moveaxis(a, axis, -1)
        results = []
        for row in moved.reshape(-1, moved.shape[-1]).tolist():
            acc = None
            line = []
            for i, x in enumerate(row):
                acc = x if i == 0 else self._func(acc, x)
                line.append(acc)
            results.extend(line)
        return _nx.moveaxis(_gather(results, moved.shape, dtype), -1, axis)


def _prod(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def frompyfunc(func, /, nin, nout, *, identity=None):
    """A ufunc-like object calling ``func`` per element (see ``_pyfunc_ufunc`` for how it
    differs from NumPy's object-dtype ufunc)."""
    if not callable(func):
        raise TypeError("function must be callable")
    if nin < 0 or nout < 0:
        raise ValueError("nin and nout must be non-negative")
    return _pyfunc_ufunc(func, nin, nout, identity)


def _parse_gufunc_signature(signature):
    import re

    dim = r"\w+"
    core = rf"\((?:{dim}(?:,{dim})*)?\)"
    arglist = rf"{core}(?:,{core})*"
    signature = re.sub(r"\s+", "", signature)
    if not re.match(rf"^{arglist}->{arglist}$", signature):
        raise ValueError(f"not a valid gufunc signature: {signature}")
    return tuple(
        [tuple(re.findall(dim, arg)) for arg in re.findall(core, part)]
        for part in signature.split("->")
    )


class vectorize:  # noqa: N801  (NumPy's name)
    """Turn a Python function on scalars into one on arrays (NumPy broadcasting rules).

    As NumPy, the output dtype is ``otypes`` or that of the first result; elements reach
    ``pyfunc`` as Python scalars. ``otypes`` containing 'O' (object) is not supported."""

    def __init__(self, pyfunc=None, otypes=None, doc=None, excluded=None, cache=False,
                 signature=None):
        if pyfunc is not None and not callable(pyfunc):
            raise TypeError("When used as a decorator, only accepts keyword arguments.")
        self.pyfunc = pyfunc
        self.cache = cache
        self.signature = signature
        if pyfunc is not None and hasattr(pyfunc, "__name__"):
            self.__name__ = pyfunc.__name__
        self._doc = None
        self.__doc__ = doc
        if doc is None and hasattr(pyfunc, "__doc__"):
            self.__doc__ = pyfunc.__doc__
        else:
            self._doc = doc
        if isinstance(otypes, str):
            for char in otypes:
                if char not in typecodes["All"]:
                    raise ValueError(f"Invalid otype specified: {char}")
        elif iterable(otypes):
            otypes = [_nx.dtype(x) for x in otypes]
        elif otypes is not None:
            raise ValueError("Invalid otype specification")
        self.otypes = otypes
        self.excluded = set() if excluded is None else set(excluded)
        self._core_dims = None if signature is None else _parse_gufunc_signature(signature)

    def __call__(self, *args, **kwargs):
        if self.pyfunc is None:
            func = args[0]
            self.__name__ = func.__name__
            self.pyfunc = func
            self.__doc__ = func.__doc__ if self._doc is None else self._doc
            return self
        excluded = self.excluded
        if not kwargs and not excluded:
            func, vargs = self.pyfunc, args
        else:
            names = [n for n in kwargs if n not in excluded]
            inds = [i for i in range(len(args)) if i not in excluded]
            the_args = list(args)

            def func(*vals):
                for n, i in enumerate(inds):
                    the_args[i] = vals[n]
                kwargs.update(zip(names, vals[len(inds):]))
                return self.pyfunc(*the_args, **kwargs)

            vargs = [args[i] for i in inds] + [kwargs[n] for n in names]
        if self._core_dims is not None:
            return self._call_with_signature(func, vargs)
        if not vargs:
            return func()
        return self._call_elementwise(func, vargs)

    def _call_elementwise(self, func, args):
        arrays = [_nx.asanyarray(a) for a in args]
        otypes = self.otypes
        first = None
        if otypes is None:
            if any(a.size == 0 for a in arrays):
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            first = func(*(a.flat[0] for a in arrays))
            outs0 = first if isinstance(first, tuple) else (first,)
            otypes = "".join(_nx.asarray(o).dtype.char for o in outs0)
        nout = len(otypes)
        chars = otypes if isinstance(otypes, str) else [t.char for t in otypes]
        if "O" in chars:
            raise TypeError("numoxide has no object dtype: otypes='O' is not supported")
        shape = _nx.broadcast_shapes(*(a.shape for a in arrays))
        cols = _as_python_elements(arrays, shape)
        n = _prod(shape)
        if first is not None and self.cache and n:
            results = [first]
            results.extend(map(func, *(c[1:] for c in cols)))
        else:
            results = list(map(func, *cols))
        if nout == 1:
            outs = [results]
        else:
            outs = [[] for _ in range(nout)]
            for r in results:
                if not isinstance(r, tuple) or len(r) != nout:
                    raise TypeError("invalid number of arguments")
                for k in range(nout):
                    outs[k].append(r[k])
        res = tuple(_gather(o, shape, t) for o, t in zip(outs, otypes))
        return res[0] if nout == 1 else res

    def _call_with_signature(self, func, args):
        in_dims, out_dims = self._core_dims
        if len(args) != len(in_dims):
            raise TypeError(
                f"wrong number of positional arguments: expected {len(in_dims)!r}, got {len(args)!r}")
        args = tuple(_nx.asanyarray(a) for a in args)
        sizes = {}
        loop_shapes = []
        for arg, dims in zip(args, in_dims):
            nc = len(dims)
            if arg.ndim < nc:
                raise ValueError(
                    f"{arg.ndim} dimensional argument does not have enough dimensions for all "
                    f"core dimensions {dims!r}")
            _update_dim_sizes(sizes, arg, dims)
            loop_shapes.append(arg.shape[:arg.ndim - nc])
        bshape = _nx.broadcast_shapes(*loop_shapes)
        args = [_nx.broadcast_to(a, bshape + tuple(sizes[d] for d in dims))
                for a, dims in zip(args, in_dims)]
        otypes = self.otypes
        nout = len(out_dims)
        outputs = None
        for index in _nx.ndindex(*bshape):
            results = func(*(a[index] for a in args))
            n_results = len(results) if isinstance(results, tuple) else 1
            if nout != n_results:
                raise ValueError(
                    f"wrong number of outputs from pyfunc: expected {nout!r}, got {n_results!r}")
            if nout == 1:
                results = (results,)
            if outputs is None:
                for result, dims in zip(results, out_dims):
                    _update_dim_sizes(sizes, _nx.asarray(result), dims)
                outputs = _create_outputs(bshape, sizes, out_dims, otypes, results)
            for o, r in zip(outputs, results):
                o[index] = r
        if outputs is None:
            if otypes is None:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            if any(d not in sizes for dims in out_dims for d in dims):
                raise ValueError("cannot call `vectorize` with a signature including new output "
                                 "dimensions on size 0 inputs")
            outputs = _create_outputs(bshape, sizes, out_dims, otypes)
        return outputs[0] if nout == 1 else outputs


def _update_dim_sizes(sizes, arr, dims):
    if not dims:
        return
    nc = len(dims)
    if arr.ndim < nc:
        raise ValueError(
            f"{arr.ndim} dimensional argument does not have enough dimensions for all core "
            f"dimensions {dims!r}")
    for dim, size in zip(dims, arr.shape[arr.ndim - nc:]):
        if dim in sizes and size != sizes[dim]:
            raise ValueError(f"inconsistent size for core dimension {dim!r}: {size} vs {sizes[dim]}")
        sizes[dim] = size


def _create_outputs(bshape, sizes, out_dims, otypes, results=None):
    shapes = [bshape + tuple(sizes[d] for d in dims) for dims in out_dims]
    if otypes is None:
        if results is None:
            raise ValueError("otypes must be set")
        otypes = [_nx.asarray(r).dtype for r in results]
    return tuple(_nx.empty(s, dtype=t) for s, t in zip(shapes, otypes))


# ---------------------------------------------------------------------------
# nested_iters: one nditer per group of axes, the inner ones following the outer.

class _NestedIter:
    """One level of ``nested_iters``: an ``nditer`` over this level's axes whose start
    follows the current position of the enclosing levels (NumPy resets the inner
    iterators' base pointers each time an outer one moves)."""

    def __init__(self, ops, axes, level, kwargs, child):
        self._ops = ops
        self._axes = axes
        self._level = level
        self._kwargs = kwargs
        self._child = child
        self._it = None
        self._rebase({})

    def _rebase(self, fixed):
        """Rebuild over views that hold the outer levels' axes at ``fixed``."""
        self._fixed = dict(fixed)
        views = []
        for o in self._ops:
            key = tuple(
                slice(fixed[d], fixed[d] + 1) if d in fixed else slice(None)
                for d in range(o.ndim)
            )
            views.append(o[key])
        kw = dict(self._kwargs)
        flags = list(kw.pop("flags"))
        if self._child is not None and "multi_index" not in flags:
            flags.append("multi_index")
        self._it = _nx.nditer(views, flags=flags, op_axes=[list(self._axes)] * len(views), **kw)
        if self._child is not None:
            self._child._rebase(self._position())

    def _position(self):
        pos = dict(self._fixed)
        if not self._it.finished:
            pos.update(zip(self._axes, self._it.multi_index))
        return pos

    def __iter__(self):
        return self

    def __next__(self):
        value = next(self._it)
        if self._child is not None:
            self._child._rebase(self._position())
        return value

    def iternext(self):
        more = self._it.iternext()
        if more and self._child is not None:
            self._child._rebase(self._position())
        return more

    def reset(self):
        self._it.reset()
        if self._child is not None:
            self._child._rebase(self._position())

    @property
    def operands(self):
        return tuple(self._ops)

    def __len__(self):
        return len(self._it)

    def __getitem__(self, i):
        return self._it[i]

    def __setitem__(self, i, value):
        self._it[i] = value

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        self._it.close()

    def __getattr__(self, name):
        return getattr(self._it, name)


def nested_iters(op, axes, flags=None, op_flags=None, op_dtypes=None, order="K",
                 casting="safe", buffersize=0):
    """Iterators for nested loops: one per group of ``axes``, the inner ones over the
    elements at the outer ones' current position.

    Differences from NumPy: operands to allocate (None) are not supported; the objects
    are numoxide iterator wrappers, not ``nditer`` instances; outer levels always track
    a multi-index."""
    if not isinstance(axes, (tuple, list)):
        raise ValueError("axes must be a tuple of axis arrays")
    if len(axes) < 2:
        raise ValueError("axes must have at least 2 entries for nested iteration")
    used = set()
    groups = []
    for item in axes:
        if not isinstance(item, (tuple, list)):
            raise ValueError("Each item in axes must be an integer tuple")
        group = []
        for v in item:
            v = int(v)
            if v < 0 or v >= 64:
                raise ValueError("An axis is out of bounds")
            if v in used:
                raise ValueError("An axis is used more than once")
            used.add(v)
            group.append(v)
        groups.append(group)
    ops = list(op) if isinstance(op, (tuple, list)) else [op]
    if any(o is None for o in ops):
        raise NotImplementedError("numoxide.nested_iters does not allocate outputs (None operands)")
    ops = [o if isinstance(o, _nx.ndarray) else _nx.asarray(o) for o in ops]
    flags = [] if flags is None else ([flags] if isinstance(flags, str) else list(flags))
    outer_flags = [f for f in flags if f not in ("external_loop", "buffered")]
    inner_flags = [f for f in flags if f != "common_dtype"]
    child = None
    levels = []
    for k in range(len(groups) - 1, -1, -1):
        kw = {"flags": inner_flags if k == len(groups) - 1 else outer_flags,
              "op_flags": op_flags, "op_dtypes": op_dtypes, "order": order, "casting": casting}
        if k == len(groups) - 1:
            kw["buffersize"] = buffersize
        child = _NestedIter(ops, groups[k], k, kw, child)
        levels.append(child)
    return tuple(reversed(levels))
