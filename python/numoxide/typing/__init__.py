"""numoxide.typing: the annotation types of NumPy's numpy.typing.

``NDArray[np.float64]`` is ``ndarray[tuple[Any, ...], dtype[float64]]``; ``ArrayLike``
and ``DTypeLike`` are the unions of what array creation and ``dtype()`` accept.
"""

import sys
import typing
from collections.abc import Sequence

import numoxide as _nx

__all__ = ["ArrayLike", "DTypeLike", "NBitBase", "NDArray"]

try:
    from collections.abc import Buffer
except ImportError:  # Python 3.11
    Buffer = memoryview

_ScalarT = typing.TypeVar("_ScalarT", bound=_nx.generic, covariant=True)


@typing.runtime_checkable
class _SupportsArray(typing.Protocol):
    def __array__(self): ...


_ArrayLikeUnion = typing.Union[
    _SupportsArray,
    Sequence[typing.Any],
    Buffer,
    bool,
    int,
    float,
    complex,
    str,
    bytes,
    _nx.generic,
]
_DTypeLikeUnion = typing.Union[_nx.dtype, None, type, str]

if sys.version_info >= (3, 12):
    NDArray = typing.TypeAliasType(
        "NDArray", _nx.ndarray[tuple[typing.Any, ...], _nx.dtype[_ScalarT]], type_params=(_ScalarT,)
    )
    ArrayLike = typing.TypeAliasType("ArrayLike", _ArrayLikeUnion)
    DTypeLike = typing.TypeAliasType("DTypeLike", _DTypeLikeUnion)
else:  # Python 3.11: plain aliases
    NDArray = _nx.ndarray[tuple[typing.Any, ...], _nx.dtype[_ScalarT]]
    ArrayLike = _ArrayLikeUnion
    DTypeLike = _DTypeLikeUnion


class NBitBase:
    """The base of the bit-precision classes of NumPy's typing (deprecated in NumPy 2.3;
    kept for annotations that still name it)."""

    def __init_subclass__(cls) -> None:
        allowed = {"NBitBase", "_128Bit", "_96Bit", "_64Bit", "_32Bit", "_16Bit", "_8Bit"}
        if cls.__name__ not in allowed:
            raise TypeError("cannot inherit from final class 'NBitBase'")
        super().__init_subclass__()
