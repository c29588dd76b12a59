"""Differential tests of the nan-aware reductions, their warnings and errors."""

import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]


def _run(fn, mod, args):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = fn(mod, *args)
        except Exception as e:  # noqa: BLE001 - compared below
            r = e
    return r, sorted({(x.category.__name__, str(x.message)) for x in w})


def check(fn, *args, ulp=0):
    """Compare results, exception classes and warnings of NumPy and numoxide."""
    theirs, tw = _run(fn, numpy, args)
    ours, ow = _run(fn, numoxide, [to_nx(a) for a in args])
    assert ow == tw, f"warnings {ow} != {tw}"
    if isinstance(theirs, Exception):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert_same_error(fn, *args)
        return
    assert not isinstance(ours, Exception), f"numoxide raised {ours!r}; NumPy returned {theirs!r}"
    assert_same(ours, theirs, ulp)


def _axis(data, a):
    return data.draw(st.sampled_from([None] + list(range(-a.ndim, a.ndim))))


REDUCTIONS = ["nansum", "nanprod", "nanmin", "nanmax", "nanmean", "nanvar", "nanstd"]


@settings(max_examples=300, deadline=None)
@given(array_and_layout(), st.sampled_from(REDUCTIONS), st.booleans(), st.data())
def test_reductions(al, name, keepdims, data):
    a, layout = al
    axis = _axis(data, a)
    if a.dtype.kind not in "fc" and name in ("nanmean", "nanvar", "nanstd") and 0 in a.shape:
        return  # delegated to mean/var (reductions.py): their empty-slice warning texts differ
    ulp = 0 if name in ("nansum", "nanprod", "nanmin", "nanmax") else 2
    check(lambda m, x: getattr(m, name)(LAYOUTS[layout](m, x), axis=axis, keepdims=keepdims), a, ulp=ulp)


@settings(max_examples=200, deadline=None)
@given(array_and_layout(), st.sampled_from(["nanargmin", "nanargmax"]), st.data())
def test_arg(al, name, data):
    a, layout = al
    axis = _axis(data, a) if a.ndim else None
    check(lambda m, x: getattr(m, name)(LAYOUTS[layout](m, x), axis=axis), a)


@settings(max_examples=200, deadline=None)
@given(array_and_layout(), st.sampled_from(["nancumsum", "nancumprod"]), st.data())
def test_cumulative(al, name, data):
    a, layout = al
    axis = _axis(data, a) if a.ndim else None
    check(lambda m, x: getattr(m, name)(LAYOUTS[layout](m, x), axis=axis), a)


N = float("nan")


@pytest.mark.parametrize("name", REDUCTIONS + ["nanargmin", "nanargmax", "nancumsum", "nancumprod"])
@pytest.mark.parametrize(
    "vals", [[N, N], [[N, 1.0], [N, N]], [], [[1.0, N, 3.0], [N, N, N]], [1.0, 2.0, N], [-0.0, N, 0.0], [numpy.inf, N, -numpy.inf]]
)
def test_special(name, vals):
    check(lambda m: getattr(m, name)(m.array(vals)))
    if numpy.asarray(vals).ndim == 2:
        check(lambda m: getattr(m, name)(m.array(vals), axis=1))
        check(lambda m: getattr(m, name)(m.array(vals), axis=0))


@pytest.mark.parametrize("dt", ALL_DTYPES)
def test_dtypes(dt):
    for name in REDUCTIONS + ["nanargmin", "nanargmax", "nancumsum", "nancumprod"]:
        check(lambda m, name=name: getattr(m, name)(m.arange(6).reshape(2, 3).astype(dt), axis=0), ulp=2)


def test_ddof_and_kwargs():
    a = [[1.0, N, 3.0, 4.0], [N, N, 2.0, 5.0]]
    for ddof in [0, 1, 2, 3, 1.5]:
        check(lambda m, d=ddof: m.nanvar(m.array(a), axis=1, ddof=d))
        check(lambda m, d=ddof: m.nanstd(m.array(a), axis=1, ddof=d))
    check(lambda m: m.nanmean(m.array(a), dtype="int64"))
    check(lambda m: m.nanmean(m.array(a), axis=0, dtype="float32"))
    check(lambda m: m.nansum(m.array(a), axis=1, dtype="float32"))
    check(lambda m: m.nansum(m.array(a), initial=10.0))
    check(lambda m: m.nanmax(m.array(a), axis=1, initial=4.5))
    check(lambda m: m.nanmin(m.zeros((0, 2))))
    check(lambda m: m.nanargmax(m.array(a), axis=1, keepdims=True))
    check(lambda m: m.nanmean(m.array(a), where=m.array([[True, True, False, True]] * 2)))
    check(lambda m: m.nancumsum([1, 2, 3]))
    check(lambda m: m.nansum([1.0, N], out=m.zeros(())))


# ----- audit regressions (issue 4) -------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_nanmedian_complex(dtype, axis):
    nan = numpy.nan
    base = numpy.array(
        [[1 + 1j, complex(nan, 2), 3 - 1j, 0j], [complex(2, nan), 5 + 0j, -1j, 2 + 2j], [4j, 1, 1, 7]], dtype=dtype
    )
    assert_same(numoxide.nanmedian(to_nx(base), axis=axis), numpy.nanmedian(base, axis=axis))
    assert_same(numoxide.nanmedian(to_nx(base.T), axis=axis), numpy.nanmedian(base.T, axis=axis))


def test_nanmedian_complex_all_nan():
    x = numpy.array([[complex(numpy.nan, 1), complex(1, numpy.nan)], [1 + 1j, 2j]])
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        theirs = numpy.nanmedian(x, axis=1)
    with warnings.catch_warnings(record=True) as rec2:
        warnings.simplefilter("always")
        ours = numoxide.nanmedian(to_nx(x), axis=1)
    assert [w.category for w in rec] == [w.category for w in rec2]
    assert_same(ours, theirs)
