"""Reduction details found by a sweep against NumPy: count_nonzero's result type and the
ComplexWarning rule for dtype= casts."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same


@pytest.mark.parametrize("dtype", ["bool", "int8", "float64", "complex128"])
@pytest.mark.parametrize("shape", [(0,), (5,), (2, 3), (0, 3), ()])
@pytest.mark.parametrize("axis", [None, 0, -1, (0, 1)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_count_nonzero(dtype, shape, axis, keepdims):
    if shape == () and axis in (0, -1):
        pytest.skip("0-d reductions over axis 0/-1: NumPy's legacy allowance, not yet copied")

    def run(m):
        a = (m.arange(int(numpy.prod(shape))) % 3).astype(dtype).reshape(shape)
        return m.count_nonzero(a, axis=axis, keepdims=keepdims)

    try:
        theirs = run(numpy)
    except Exception as e:  # noqa: BLE001 - the class is compared
        with pytest.raises(Exception) as ours:  # noqa: PT011 - compared by name below
            run(numoxide)
        assert type(ours.value).__name__ == type(e).__name__
        return
    ours = run(numoxide)
    assert type(ours).__name__ == type(theirs).__name__
    assert_same(ours, theirs)


@pytest.mark.parametrize("func", ["sum", "prod", "mean", "cumsum", "cumprod"])
@pytest.mark.parametrize("dtype", ["bool", "int8", "float32", "uint64", "complex64"])
def test_complex_input_with_dtype_warns_as_numpy(func, dtype):
    def run(m):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = getattr(m, func)(m.array([1 + 1j, 2 - 0.5j, 3]), dtype=dtype)
        return r, [w.category.__name__ for w in caught]

    ours, ours_w = run(numoxide)
    theirs, theirs_w = run(numpy)
    assert ours_w == theirs_w
    assert_same(ours, theirs)
