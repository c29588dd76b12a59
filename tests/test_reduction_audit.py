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


ZERO_D_CALLS = {
    "ufunc.reduce": lambda m, a, ax: m.add.reduce(a, axis=ax),
    "sum method": lambda m, a, ax: a.sum(axis=ax),
    "sum keepdims": lambda m, a, ax: m.sum(a, axis=ax, keepdims=True),
    "prod": lambda m, a, ax: m.prod(a, axis=ax),
    "max": lambda m, a, ax: m.max(a, axis=ax),
    "min method": lambda m, a, ax: a.min(axis=ax),
    "any": lambda m, a, ax: m.any(a, axis=ax),
    "all": lambda m, a, ax: m.all(a, axis=ax),
    "ptp": lambda m, a, ax: m.ptp(a, axis=ax),
    "mean": lambda m, a, ax: m.mean(a, axis=ax),
    "std": lambda m, a, ax: m.std(a, axis=ax),
    "argmax": lambda m, a, ax: m.argmax(a, axis=ax),
    "cumsum": lambda m, a, ax: m.cumsum(a, axis=ax),
    "count_nonzero": lambda m, a, ax: m.count_nonzero(a, axis=ax),
}


@pytest.mark.parametrize("name", sorted(ZERO_D_CALLS))
@pytest.mark.parametrize("axis", [0, -1, (0,), (-1,), 1, (), None])
def test_zero_d_reductions_axis(name, axis):
    """NumPy's ufunc reductions of 0-d arrays accept the int axis 0 or -1 (a tuple still
    raises); mean and std do not."""

    def run(m):
        return ZERO_D_CALLS[name](m, m.array(2.5), axis)

    try:
        theirs = run(numpy)
    except Exception as e:  # noqa: BLE001 - the class is compared
        with pytest.raises(Exception) as ours:  # noqa: PT011 - compared by name below
            run(numoxide)
        assert type(ours.value).__name__ == type(e).__name__
        return
    assert_same(run(numoxide), theirs)


def test_ndarray_has_no_ptp_method():
    """NumPy 2 removed ndarray.ptp; numpy.ptp remains."""
    assert hasattr(numoxide.ones(2), "ptp") == hasattr(numpy.ones(2), "ptp")


@pytest.mark.parametrize("src", ["bool", "int8", "int64", "uint8", "float32", "float64"])
@pytest.mark.parametrize("dtype", ["int8", "int32", "uint64", "bool"])
@pytest.mark.parametrize("axis", [None, 0])
def test_std_with_integer_dtype(src, dtype, axis):
    """std/var with an integer dtype= compute in it as NumPy's _var/_std do: a scalar
    result is converted back to the dtype; an array result refuses sqrt(out=ret)."""

    def run(m, func):
        a = (m.arange(12) % 5 - 1).astype(src).reshape(3, 4)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return getattr(m, func)(a, axis=axis, dtype=dtype)

    for func in ("var", "std"):
        try:
            theirs = run(numpy, func)
        except TypeError:
            with pytest.raises(TypeError):
                run(numoxide, func)
            continue
        assert_same(run(numoxide, func), theirs)
