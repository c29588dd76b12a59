"""numoxide.typing and the generic classes (`ndarray[...]`, `dtype[...]`, `floating[...]`)
against NumPy's."""

import typing

import numoxide
import numpy
import pytest
from harness import assert_same_error

A = typing.Any

SUBSCRIPTS = [
    ("ndarray", (int,)),
    ("ndarray", (A, "dtype[float64]")),
    ("ndarray", (1, 2, 3)),
    ("dtype", ("float64",)),
    ("dtype", (int, int)),
    ("generic", (int,)),
    ("number", (A,)),
    ("number", (A, A)),
    ("integer", (A,)),
    ("signedinteger", (A,)),
    ("unsignedinteger", (A,)),
    ("inexact", (A,)),
    ("floating", (A,)),
    ("floating", (A, A)),
    ("complexfloating", (A,)),
    ("complexfloating", (A, A)),
    ("complexfloating", (A, A, A)),
    ("bool_", (A,)),
    ("float64", (A,)),
    ("int8", (A,)),
    ("complex128", (A,)),
]


def _resolve(np, arg):
    if arg == "dtype[float64]":
        return np.dtype[np.float64]
    if arg == "float64":
        return np.float64
    return arg


@pytest.mark.parametrize(("cls", "args"), SUBSCRIPTS)
def test_class_getitem(cls, args):
    def run(np):
        item = tuple(_resolve(np, a) for a in args)
        return getattr(np, cls)[item if len(item) > 1 else item[0]]

    try:
        theirs = run(numpy)
    except TypeError:
        assert_same_error(run)
        return
    ours = run(numoxide)
    assert isinstance(ours, type(theirs))
    assert ours.__origin__ is getattr(numoxide, cls)
    assert repr(ours) == repr(theirs).replace("numpy.", "numoxide.")


def test_typing_module():
    import numoxide.typing as nt
    import numpy.typing as npt

    assert nt.__all__ == npt.__all__
    for name in npt.__all__:
        assert hasattr(nt, name)
    alias = nt.NDArray[numoxide.float64]
    assert repr(alias) == repr(npt.NDArray[numpy.float64]).replace("numpy.", "numoxide.")

    def f(x: nt.ArrayLike, d: nt.DTypeLike = None) -> nt.NDArray[numoxide.float64]:
        return numoxide.asarray(x, dtype=d)

    hints = typing.get_type_hints(f)
    assert hints["return"] == nt.NDArray[numoxide.float64]
    assert hints["x"] == nt.ArrayLike
    assert f([1, 2], numoxide.float64).dtype == numoxide.float64
    with pytest.raises(TypeError):

        class Bits(nt.NBitBase):
            pass
