"""The scalar types: what indexing one element returns.

They follow NumPy's hierarchy (``generic > number > integer > signedinteger > int64``,
``floating > float64``, which is also a Python ``float``). Values are held as Python
numbers already rounded to the type's precision; conversions and text come from the Rust
core, so ``int8(300)`` and ``str(float32(0.1))`` behave as in NumPy.
"""

import numbers as _numbers
import types as _types

from . import _numoxide as _nx

__all__ = [
    "generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
    "floating", "complexfloating", "bool_", "int8", "uint8", "int16", "uint16", "int32",
    "uint32", "int64", "uint64", "float16", "float32", "float64", "complex64", "complex128",
]


# How many type parameters each abstract scalar class takes in annotations
# (`floating[Any]`, `complexfloating[Any, Any]`); concrete types take none.
_TYPE_PARAMETERS = {
    "number": 1, "integer": 1, "signedinteger": 1, "unsignedinteger": 1, "inexact": 1,
    "floating": 1, "complexfloating": 2, "bool": 1,
}  # fmt: skip


class generic(_nx._ScalarOps):
    """Base class of all numoxide scalar types.

    Its Rust base class holds the arithmetic operators (bool included, as in NumPy) as
    type slots: they run the ufuncs' loops on the stack with NumPy's scalar-math rules.
    """

    __slots__ = ()
    _numoxide_char = None

    def __class_getitem__(cls, item):
        name = cls.__name__
        if cls is generic:
            raise TypeError("type 'numoxide.generic' is not subscriptable")
        most = _TYPE_PARAMETERS.get(name)
        if most is None:
            raise TypeError(f"There are no type variables left in numoxide.{name}")
        if (len(item) if isinstance(item, tuple) else 1) > most:
            raise TypeError(f"Too many arguments for numoxide.{name}")
        return _types.GenericAlias(cls, item)

    # -- array-like attributes ---------------------------------------------------------
    @property
    def dtype(self):
        return _nx.dtype(self._numoxide_char)

    @property
    def itemsize(self):
        return self.dtype.itemsize

    @property
    def nbytes(self):
        return self.dtype.itemsize

    @property
    def ndim(self):
        return 0

    @property
    def shape(self):
        return ()

    @property
    def size(self):
        return 1

    @property
    def strides(self):
        return ()

    @property
    def T(self):
        return self

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return type(self)(0)

    @property
    def base(self):
        return None

    @property
    def flat(self):
        return _nx.array(self).flat

    def item(self, *args):
        if args and args not in ((0,), ((),), ((0,),)):
            raise IndexError("invalid index to scalar variable.")
        return self._value

    def tolist(self):
        return self._value

    def astype(self, dtype, *args, **kwargs):
        return _nx.array(self).astype(dtype, *args, **kwargs)[()]

    def reshape(self, *shape, **kwargs):
        return _nx.array(self).reshape(*shape, **kwargs)

    def tobytes(self, order="C"):
        return _nx.array(self).tobytes(order)

    def view(self, *args, **kwargs):
        return _nx.array(self).view(*args, **kwargs)[()]

    def copy(self):
        return self

    def __array__(self, dtype=None, copy=None):
        return _nx.array(self).__array__(dtype, copy)

    def __getitem__(self, key):
        return _nx.array(self)[key]

    def __len__(self):
        raise TypeError(f"object of type '{type(self).__name__}' has no len()")

    # -- the rest of ndarray's interface, through a 0-d array (as NumPy's scalars do) ---
    __array_priority__ = -1000000.0

    @property
    def flags(self):
        a = _nx.array(self)
        a.flags.writeable = False
        return a.flags

    @property
    def data(self):
        return memoryview(_nx.array(self)).toreadonly()

    @property
    def device(self):
        return "cpu"

    def __array_wrap__(self, array, context=None, return_scalar=True):
        return array[()] if return_scalar and array.ndim == 0 else array

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __array_namespace__(self, *, api_version=None):
        return _nx.array(self).__array_namespace__(api_version=api_version)

    def to_device(self, device, /, *, stream=None):
        return _nx.array(self).to_device(device, stream=stream)[()]

    def conjugate(self):
        return _nx.conjugate(self) if isinstance(self, complexfloating) else self

    conj = conjugate

    def fill(self, value):
        _nx.array(self).fill(value)

    def setflags(self, write=None, align=None, uic=None):
        if write:
            raise ValueError("cannot set WRITEABLE flag to True of this array")


    # -- Python protocols ------------------------------------------------------------
    def __format__(self, spec):
        # As NumPy: format the Python value (float32(0.1) shows all its digits).
        return format(self._value, spec)

    def __hash__(self):
        return hash(self._value)

    def __reduce__(self):
        return (type(self), (self._value,))


def _through_array(name):
    def method(self, *args, **kwargs):
        result = getattr(_nx.array(self), name)(*args, **kwargs)
        if isinstance(result, _nx.ndarray) and result.ndim == 0:
            return result[()]
        return result

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"Scalar method identical to ``ndarray.{name}``."
    return method


for _name in ("all", "any", "argmax", "argmin", "argsort", "byteswap", "choose", "clip",
              "compress", "cumprod", "cumsum", "diagonal", "dump", "dumps", "flatten",
              "getfield", "max", "mean", "min", "nonzero", "prod", "put", "ravel", "repeat",
              "resize", "round", "searchsorted", "setfield", "sort", "squeeze", "std", "sum",
              "swapaxes", "take", "tofile", "trace", "transpose", "var"):
    if hasattr(_nx.ndarray, _name):
        setattr(generic, _name, _through_array(_name))


class number(generic):
    """Base class of the numeric scalar types."""

    __slots__ = ()

    def __round__(self, ndigits=None):
        import numoxide

        r = numoxide.round(self, 0 if ndigits is None else ndigits)
        return int(r) if ndigits is None else r



    def __complex__(self):
        return complex(self._value)


class integer(number):
    """Base class of the integer scalar types."""

    __slots__ = ()

    def __index__(self):
        return self._value

    @property
    def numerator(self):
        return self

    @property
    def denominator(self):
        return 1

    def is_integer(self):
        return True

    def bit_count(self):
        return abs(self._value).bit_count()


class signedinteger(integer):
    """Base class of the signed integer scalar types."""

    __slots__ = ()


class unsignedinteger(integer):
    """Base class of the unsigned integer scalar types."""

    __slots__ = ()


class inexact(number):
    """Base class of the floating and complex scalar types."""

    __slots__ = ()


class floating(inexact):
    """Base class of the real floating scalar types."""

    __slots__ = ()

    def is_integer(self):
        return float(self._value).is_integer()

    def as_integer_ratio(self):
        return float(self._value).as_integer_ratio()


class complexfloating(inexact):
    """Base class of the complex scalar types."""

    __slots__ = ()

    def __round__(self, ndigits=None):
        # Python's round() has no meaning for complex numbers; NumPy's complex scalars
        # leave the method undefined.
        raise TypeError(f"type numoxide.{type(self).__name__} doesn't define __round__ method")

    @property
    def real(self):
        return _REAL_OF[type(self)](self._value.real)

    @property
    def imag(self):
        return _REAL_OF[type(self)](self._value.imag)


def _from_value(cls, value):
    """The Python value of ``cls(value)``, or an array when ``value`` is array-like."""
    return _nx._scalar_coerce(cls._numoxide_char, value)


def _boxed_new(cls, value=0):
    return _nx._scalar_new(cls, value)


def _make_boxed(name, base, char, doc):
    # The Rust base `_ScalarBox` holds the element's bytes, so indexing builds these
    # without a Python call and arithmetic reads them without one.
    return _nx._scalar_type(name, (base, _nx._ScalarBox), {
        "_numoxide_char": char,
        "_value": property(_nx._box_value),
        "__new__": _boxed_new,
        "__doc__": doc,
    })


def _leaf(name=None):
    """Remake a concrete scalar class as ``_scalar_type`` does: same bases and body, but
    instances without garbage-collector bookkeeping (they reference nothing)."""
    def remake(cls):
        skip = ("__dict__", "__weakref__", "__slots__", "__module__", "__qualname__")
        ns = {k: v for k, v in vars(cls).items() if k not in skip}
        return _nx._scalar_type(name or cls.__name__, cls.__bases__, ns)
    return remake


@_leaf("bool")
class bool_(generic, _nx._ScalarBox):
    """Boolean type (True or False), stored as a byte."""

    __slots__ = ()
    _numoxide_char = "?"
    _value = property(_nx._box_value)

    def __new__(cls, value=False):
        v = _from_value(cls, value)
        if isinstance(v, _nx.ndarray):
            return v
        return True_ if v else False_

    def __index__(self):
        raise TypeError("'numpy.bool' object cannot be interpreted as an integer")

    def __invert__(self):
        return False_ if self._value else True_

    def __abs__(self):
        return self


True_ = _nx._scalar_new(bool_, True)
False_ = _nx._scalar_new(bool_, False)

int8 = _make_boxed("int8", signedinteger, "b", "Signed integer type, 8 bits.")
uint8 = _make_boxed("uint8", unsignedinteger, "B", "Unsigned integer type, 8 bits.")
int16 = _make_boxed("int16", signedinteger, "h", "Signed integer type, 16 bits.")
uint16 = _make_boxed("uint16", unsignedinteger, "H", "Unsigned integer type, 16 bits.")
int32 = _make_boxed("int32", signedinteger, "i", "Signed integer type, 32 bits.")
uint32 = _make_boxed("uint32", unsignedinteger, "I", "Unsigned integer type, 32 bits.")
int64 = _make_boxed("int64", signedinteger, "l", "Signed integer type, 64 bits.")
uint64 = _make_boxed("uint64", unsignedinteger, "L", "Unsigned integer type, 64 bits.")
float16 = _make_boxed("float16", floating, "e", "Half-precision floating-point number type.")
float32 = _make_boxed("float32", floating, "f", "Single-precision floating-point number type.")
complex64 = _make_boxed("complex64", complexfloating, "F", "Complex number type of two single-precision floats.")


@_leaf()
class float64(floating, float):
    """Double-precision floating-point number type; also a Python float."""

    __slots__ = ()
    _numoxide_char = "d"

    def __new__(cls, value=0.0):
        v = _from_value(cls, value)
        if isinstance(v, _nx.ndarray):
            return v
        return float.__new__(cls, v)

    @property
    def _value(self):
        return float.__float__(self)

    __hash__ = float.__hash__


@_leaf()
class complex128(complexfloating, complex):
    """Complex number type of two double-precision floats; also a Python complex."""

    __slots__ = ()
    _numoxide_char = "D"

    def __new__(cls, real=0.0, imag=None):
        if imag is not None:
            return complex.__new__(cls, real, imag)
        v = _from_value(cls, real)
        if isinstance(v, _nx.ndarray):
            return v
        return complex.__new__(cls, v)

    @property
    def _value(self):
        return complex(complex.real.__get__(self), complex.imag.__get__(self))

    __hash__ = complex.__hash__


_REAL_OF = {complex64: float32, complex128: float64}

# The order the Rust side expects (numoxide_core::dtype::ALL_KINDS).
_ALL = (bool_, int8, uint8, int16, uint16, int32, uint32, int64, uint64,
        float16, float32, float64, complex64, complex128)
_nx._register_scalar_types(_ALL, generic)

# NumPy registers its scalar types with the numeric ABCs.
_numbers.Integral.register(integer)
_numbers.Complex.register(inexact)
_numbers.Real.register(floating)
_numbers.Number.register(number)

# The abstract classes live in `numoxide`'s namespace, as NumPy's do in `numpy`'s (their
# reprs and annotations name them so).
for _cls in (generic, number, integer, signedinteger, unsignedinteger, inexact, floating,
             complexfloating):
    _cls.__module__ = "numoxide"
del _cls
