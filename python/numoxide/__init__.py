"""numoxide: NumPy, rebuilt with a Rust engine.

``import numoxide as np`` and NumPy programs run unchanged. The engine is the
``numoxide._numoxide`` extension module; this package arranges its names the way NumPy's
namespace does.
"""

import builtins as _builtins
import math as _math

from . import _numoxide, exceptions
from ._dtypes import finfo, iinfo
from ._numoxide import (
    array,
    asanyarray,
    asarray,
    ascontiguousarray,
    asfortranarray,
    can_cast,
    copy,
    dtype,
    empty,
    empty_like,
    flatiter,
    full,
    full_like,
    may_share_memory,
    ndarray,
    ones,
    ones_like,
    promote_types,
    shares_memory,
    zeros,
    zeros_like,
)

# Every public function of the extension module's families (creation, manipulation,
# ufuncs, ...) is a top-level name, as in NumPy.
globals().update(
    {
        _name: _value
        for _name, _value in vars(_numoxide).items()
        if not _name.startswith("_") and not isinstance(_value, type(_numoxide))
    }
)
from ._scalars import (
    False_,
    True_,
    bool_,
    complex64,
    complex128,
    complexfloating,
    float16,
    float32,
    float64,
    floating,
    generic,
    inexact,
    int8,
    int16,
    int32,
    int64,
    integer,
    number,
    signedinteger,
    uint8,
    uint16,
    uint32,
    uint64,
    unsignedinteger,
)

__version__ = "0.1.0"
# The Array API Standard version NumPy 2.5 reports (`__array_namespace__` accepts the
# versions up to 2024.12, as NumPy's does).
__array_api_version__ = "2025.12"

# NumPy 2 names the boolean scalar type `bool`; `bool_` stays as an alias.
bool = bool_  # noqa: A001
byte, ubyte, short, ushort = int8, uint8, int16, uint16
intc, uintc = int32, uint32
int_ = intp = long = longlong = int64
uint = uintp = ulong = ulonglong = uint64
half, single, double = float16, float32, float64
csingle, cdouble = complex64, complex128

newaxis = None
pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan
euler_gamma = 0.5772156649015329
little_endian = __import__("sys").byteorder == "little"

from . import (  # noqa: E402
    fft,
    lib,
    linalg,
    polynomial,  # noqa: E402
    random,
)
from ._glue import *  # noqa: E402,F403  (angle, vander, rollaxis, s_, ...)
from ._printing import *  # noqa: E402,F403  (set_printoptions, printoptions, ...)
from ._ufunc_config import errstate, getbufsize, setbufsize  # noqa: E402
from ._utils import info, show_config, show_runtime  # noqa: E402
from .lib import scimath as emath  # noqa: E402
from .matrixlib import asmatrix, bmat, matrix  # noqa: E402
from .polynomial._legacy import *  # noqa: E402,F403  (poly1d, polyfit, polyval, roots, ...)


def __getattr__(name):
    # `numoxide.testing`, `numoxide.ma` and `numoxide.typing` load on first use: testing
    # pulls in unittest and friends, ma and typing modules of Python classes, which plain
    # array programs should not pay for at import.
    if name in ("testing", "ma", "typing"):
        import importlib

        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}", name=name,
                         obj=__import__("sys").modules[__name__])


del _builtins
