"""``cross`` of 3-vectors through the direct strided kernel (float64/float32 operands of
one dtype): results bit-identical to NumPy for strided, reversed, broadcast and
transposed operands, any axisa/axisb/axisc, non-finite values and empty batches."""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same
from hypothesis import given, settings
from hypothesis import strategies as st


def both(fn):
    return fn(numoxide), fn(numpy)


def check(fn):
    ours, theirs = both(fn)
    assert_same(ours, theirs)
    bits = [numpy.ascontiguousarray(x).view(numpy.uint8) for x in (ours, theirs)]
    assert numpy.array_equal(*bits)


def data(shape, dtype, seed):
    r = numpy.random.default_rng(seed)
    return (r.standard_normal(shape) * 10.0 ** r.integers(-3, 4, shape)).astype(dtype)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    "case",
    [
        lambda m, a, b: m.cross(a, b),
        lambda m, a, b: m.cross(a[::-2], b[::2]),
        lambda m, a, b: m.cross(a[:, ::-1], b),
        lambda m, a, b: m.cross(a.T.copy().T, b),
        lambda m, a, b: m.cross(a.T, b.T, axisa=0, axisb=0),
        lambda m, a, b: m.cross(a.T, b.T, axis=0),
        lambda m, a, b: m.cross(a, b, axisc=0),
        lambda m, a, b: m.cross(a[:1], b),
        lambda m, a, b: m.cross(a[0], b),
        lambda m, a, b: m.cross(a[0], b[1]),
        lambda m, a, b: m.cross(a[:0], b[:0]),
        lambda m, a, b: m.cross(a.reshape(2, -1, 3), b.reshape(2, -1, 3)),
        lambda m, a, b: m.cross(
            a.reshape(2, -1, 3)[:, ::-3], b.reshape(2, -1, 3)[:1, ::-3], axisc=1
        ),
        lambda m, a, b: m.cross(
            a.reshape(2, -1, 3).transpose(1, 0, 2), b.reshape(2, -1, 3).transpose(1, 0, 2)
        ),
        lambda m, a, b: m.cross(
            a.reshape(2, -1, 3)[..., None, :], b.reshape(2, -1, 3)[:, None, :3]
        ),
    ],
)
def test_cross_layouts(dtype, case):
    a0 = data((40, 3), dtype, 1)
    b0 = data((80, 3), dtype, 2)[:40]

    def run(m):
        a, b = m.asarray(a0), m.asarray(b0)
        return case(m, a, b)

    check(run)


def nonfinite(dtype):
    big = numpy.finfo(dtype).max
    tiny = numpy.finfo(dtype).smallest_subnormal
    vals = numpy.array([0.0, -0.0, 1.0, numpy.inf, -numpy.inf, numpy.nan, big, -tiny], dtype=dtype)
    r = numpy.random.default_rng(5)
    return r.choice(vals, (64, 3)), r.choice(vals, (64, 3))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_cross_nonfinite(dtype):
    a0, b0 = nonfinite(dtype)
    with warnings.catch_warnings():
        # Warnings are compared in the strict xfail below.
        warnings.simplefilter("ignore", RuntimeWarning)
        check(lambda m: m.cross(m.asarray(a0), m.asarray(b0)))


@pytest.mark.xfail(
    strict=True, reason="cross does not report NumPy's multiply/subtract RuntimeWarnings yet"
)
def test_cross_floating_point_warnings():
    a0, b0 = nonfinite("float64")

    def log(m):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            m.cross(m.asarray(a0), m.asarray(b0))
        return [str(x.message) for x in w]

    assert log(numoxide) == log(numpy)


def test_cross_mixed_and_byteswapped_take_general_path():
    a0 = data((10, 3), "float64", 3)
    b0 = data((10, 3), "float32", 4)
    check(lambda m: m.cross(m.asarray(a0), m.asarray(b0)))
    check(lambda m: m.cross(m.asarray(a0.astype(">f8")), m.asarray(a0[::-1])))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 9),
    lead=st.integers(1, 3),
    step=st.sampled_from([1, 2, -1]),
    dtype=st.sampled_from(["float64", "float32"]),
    seed=st.integers(0, 2**16),
)
def test_cross_random(n, lead, step, dtype, seed):
    a0 = data((lead, 2 * n + 1, 3), dtype, seed)
    b0 = data((1, 2 * n + 1, 3), dtype, seed + 1)
    check(lambda m: m.cross(m.asarray(a0)[:, ::step], m.asarray(b0)[:, ::step]))
