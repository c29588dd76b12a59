"""Every public NumPy function we provide takes NumPy's parameter names, so a call that
names its arguments (``np.tile(A=...)``, ``np.savetxt(f, X=...)``) works on both; and
NumPy 2.4's ``array(..., ndmax=)`` limits the depth of nested sequences as NumPy's does."""

import inspect

import numoxide
import numpy
import pytest
from harness import assert_same_error

# Spelled differently on purpose: NumPy's text signature for `arange` names its first
# parameter `start_or_stop`; einsum/einsum_path/frompyfunc/genfromtxt/pad forward their
# keywords (`**kwargs`) to the same checks; `reshape` still takes the deprecated
# `newshape=`.
EXEMPT = {"arange", "einsum", "einsum_path", "frompyfunc", "genfromtxt", "pad", "reshape"}


def _public_functions():
    for name in sorted(dir(numpy)):
        f = getattr(numpy, name)
        if (
            name.startswith("_")
            or name in EXEMPT
            or not callable(f)
            or isinstance(f, (type, numpy.ufunc))
        ):
            continue
        if hasattr(numoxide, name):
            yield name


def _names(f):
    params = inspect.signature(f).parameters.values()
    return [p.name for p in params if p.kind is not inspect.Parameter.VAR_KEYWORD]


@pytest.mark.parametrize("name", list(_public_functions()))
def test_parameter_names_match_numpy(name):
    try:
        want = _names(getattr(numpy, name))
    except (TypeError, ValueError):
        pytest.skip("no signature in NumPy")
    assert _names(getattr(numoxide, name)) == want


def test_named_arguments():
    import io

    numpy.testing.assert_array_equal(
        numpy.asarray(numoxide.tile(A=numoxide.arange(2), reps=2)), [0, 1, 0, 1]
    )
    numpy.testing.assert_array_equal(
        numpy.asarray(numoxide.unique_values(x=numoxide.asarray([2, 1, 2]))), [1, 2]
    )
    f, g = io.StringIO(), io.StringIO()
    numoxide.savetxt(f, X=numoxide.arange(3))
    numpy.savetxt(g, X=numpy.arange(3))
    assert f.getvalue() == g.getvalue()


@pytest.mark.parametrize(
    "obj, kw",
    [
        ([[1, 2], [3, 4]], {"ndmax": 2}),
        ([[1, 2], [3, 4]], {"ndmax": 5}),
        ([1], {"ndmin": 1, "ndmax": 1}),
        (5, {"ndmax": 0}),
        ("ones22", {"ndmax": 1}),
        ([[1, 2], [3, 4]], {"ndmax": 1}),
        (([1, 2], [3, 4]), {"ndmax": 1}),
        ([[]], {"ndmax": 1}),
        ([], {"ndmax": 0}),
        ([1], {"ndmax": -1}),
        ([1], {"ndmax": 65}),
        ([1], {"ndmin": 3, "ndmax": 1}),
        (5, {"ndmin": 2, "ndmax": 0}),
    ],
)
def test_array_ndmax(obj, kw):
    def make(m):
        o = m.ones((2, 2)) if isinstance(obj, str) else obj
        return m.array(o, **kw)

    try:
        want = make(numpy)
    except ValueError as e:
        with pytest.raises(ValueError) as got:
            make(numoxide)
        assert str(got.value) == str(e)
        return
    got = numpy.asarray(make(numoxide))
    assert got.dtype == want.dtype and got.shape == want.shape
    numpy.testing.assert_array_equal(got, want)


def test_array_ndmax_type_errors():
    assert_same_error(lambda m: m.array([1], ndmax="2"))


@pytest.mark.parametrize("name", numpy.fft.__all__)
def test_fft_signatures_match_numpy(name):
    assert str(inspect.signature(getattr(numoxide.fft, name))) == str(
        inspect.signature(getattr(numpy.fft, name))
    )
