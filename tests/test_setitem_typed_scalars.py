"""NumPy scalars stored into arrays, against NumPy.

A basic index (`a[i] = v`, `a[1:2] = v`, `a[()] = v`) or `fill` into a signed integer
array reads a typed scalar as a Python int: NaN raises ValueError, infinities and values
beyond int64 or the array's range raise OverflowError. Fancy indexes cast it as an array
element (RuntimeWarning "invalid value encountered in cast"). A complex scalar into a real
array gives ComplexWarning on every path.
"""

import warnings

import numoxide
import numpy
import pytest

VALUES = [
    ("float64", float("nan")),
    ("float64", float("inf")),
    ("float64", 1e300),
    ("float64", -1.5),
    ("float64", 2.0**63),
    ("float32", 300.5),
    ("float16", -7.5),
    ("int64", 300),
    ("int64", -1),
    ("int64", 2**62),
    ("int16", -200),
    ("uint64", 2**63),
    ("uint64", 2**64 - 1),
    ("complex128", 1 + 2j),
    ("complex64", 300),
    ("bool", True),
]
TARGETS = [
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint64",
    "float16",
    "float32",
    "complex64",
    "bool",
]
KEYS = {"slice": slice(0, 1), "int": 0, "empty tuple": (), "list": [0], "fill": None}


def _run(m, target, src, value, key):
    b = m.zeros(3, target)
    v = getattr(m, src)(value)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            if key is None:
                b.fill(v)
            else:
                b[key] = v
            r = repr(numpy.asarray(b).tolist())
        except Exception as e:  # noqa: BLE001 - compared by class and text
            r = f"{type(e).__name__}: {e}"
    return r, sorted({x.category.__name__ for x in w})


@pytest.mark.parametrize("key", list(KEYS))
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("src,value", VALUES)
def test_typed_scalar_setitem(src, value, target, key):
    k = KEYS[key]
    assert _run(numoxide, target, src, value, k) == _run(numpy, target, src, value, k)
