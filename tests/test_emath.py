"""numoxide.emath (numpy.lib.scimath): complex results outside the real domain, the
promotion rule for each input dtype, and agreement with NumPy value by value."""

import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, both
from hypothesis import given, settings
from hypothesis import strategies as st

UNARY = ["sqrt", "log", "log2", "log10", "arccos", "arcsin", "arctanh"]
SPECIAL = [
    0.0,
    -0.0,
    0.5,
    -0.5,
    1.0,
    -1.0,
    2.0,
    -4.0,
    1e300,
    -1e300,
    float("inf"),
    float("-inf"),
    float("nan"),
]

# The complex functions go through libm's complex routines on both sides; allow the
# last-place differences those may give.
ULP = 4


def quiet(fn):
    def run(np, *args):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return fn(np, *args)

    return run


@pytest.mark.parametrize("name", UNARY)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_unary_every_dtype(name, dtype):
    values = [
        v for v in SPECIAL if dtype.startswith(("float", "complex")) or v == v and abs(v) < 100
    ]
    both(quiet(lambda np: getattr(np.emath, name)(np.array(values).astype(dtype))), ulp=ULP)


@pytest.mark.parametrize("name", UNARY)
@pytest.mark.parametrize("value", [-4, 4, -0.5, 2.0, -2.0, 3 + 4j, 0])
def test_unary_python_scalars(name, value):
    both(quiet(lambda np: getattr(np.emath, name)(value)), ulp=ULP)


@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(UNARY),
    dtype=st.sampled_from(["float32", "float64", "int16", "int64", "uint8"]),
    values=st.lists(st.floats(-10, 10, allow_nan=False), min_size=0, max_size=6),
)
def test_unary_hypothesis(name, dtype, values):
    both(quiet(lambda np: getattr(np.emath, name)(np.array(values).astype(dtype))), ulp=ULP)


@pytest.mark.parametrize(
    ("x", "p"),
    [
        (-2, 0.5),
        (2, -1),
        ([-1, 4], 2),
        (4, [-1, 2]),
        (-8, 1 / 3),
        (2.0, -2),
        ([2, 3], [-1, -2]),
        (-1.5, 2),
    ],
)
def test_power(x, p):
    both(quiet(lambda np: np.emath.power(x, p)), ulp=ULP)


@pytest.mark.parametrize(("n", "x"), [(2, 8), (2, -8), (-2, 8), (10, [100, -100]), (0.5, 4)])
def test_logn(n, x):
    both(quiet(lambda np: np.emath.logn(n, x)), ulp=ULP)


def test_namespace():
    assert numoxide.emath is numoxide.lib.scimath
    assert sorted(numoxide.emath.__all__) == sorted(
        n for n in dir(numpy.emath) if not n.startswith("_")
    )
