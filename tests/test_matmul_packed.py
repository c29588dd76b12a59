"""Large real products take numoxide's packed, cache-blocked AVX-512 GEMM (2-D float64 /
float32 products of at least 640^3 multiply-adds, on CPUs with AVX-512F; elsewhere faer).

Its edges: micro-tiles of 14 rows by 16 (float64) or 32 (float32) columns, depth blocks of
256 / 384, column blocks of 512 / 1024 and row blocks of 2100, with operands packed from
any strides (C, Fortran, transposed, stepped, reversed, broadcast batches). The result must
agree with NumPy within the forward error bound of a k-term dot product on both sides:
2 * k * eps * (|A| @ |B|), tighter than the 8 * k * eps of tests/test_linalg.py.
"""

import math

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

THRESHOLD = 640**3
RNG = numpy.random.default_rng(2026)

LAYOUTS = ["C", "F", "T", "stepped", "reversed", "cols stepped"]


def make(shape, dtype, layout, rng):
    """A NumPy operand of `shape` stored as `layout`, and the same view on numoxide."""
    r, c = shape
    if layout == "C":
        base = rng.standard_normal((r, c)).astype(dtype)
        return base, numoxide.asarray(base)
    if layout == "F":
        base = numpy.asfortranarray(rng.standard_normal((r, c)).astype(dtype))
        return base, numoxide.asfortranarray(numoxide.asarray(numpy.ascontiguousarray(base)))
    if layout == "T":
        base = rng.standard_normal((c, r)).astype(dtype)
        return base.T, numoxide.asarray(base).T
    if layout == "stepped":
        base = rng.standard_normal((2 * r, c)).astype(dtype)
        return base[::2], numoxide.asarray(base)[::2]
    if layout == "reversed":
        base = rng.standard_normal((r, c)).astype(dtype)
        return base[::-1, ::-1], numoxide.asarray(base)[::-1, ::-1]
    if layout == "cols stepped":
        base = rng.standard_normal((r, 2 * c)).astype(dtype)
        return base[:, ::2], numoxide.asarray(base)[:, ::2]
    raise AssertionError(layout)


def check(ours, a, b):
    want = numpy.matmul(a, b)
    got = numpy.asarray(ours)
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, got.shape)
    k = a.shape[-1]
    eps = float(numpy.finfo(want.dtype).eps)
    bound = numpy.abs(a).astype(numpy.float64) @ numpy.abs(b).astype(numpy.float64)
    err = numpy.abs(got.astype(numpy.float64) - want.astype(numpy.float64))
    assert numpy.all(err <= 2 * k * eps * bound), float(numpy.max(err / (k * eps * bound)))


@st.composite
def problems(draw):
    dtype = draw(st.sampled_from(["float64", "float32"]))
    m = draw(st.one_of(st.integers(300, 1100), st.integers(2090, 2130)))
    n = draw(st.integers(300, 1100))
    k = max(draw(st.integers(16, 1000)), math.ceil(THRESHOLD / (m * n)))
    return dtype, m, n, k, draw(st.sampled_from(LAYOUTS)), draw(st.sampled_from(LAYOUTS))


@settings(max_examples=25)
@given(problems(), st.integers(0, 2**32 - 1))
def test_packed_gemm_matches_numpy(problem, seed):
    dtype, m, n, k, la, lb = problem
    rng = numpy.random.default_rng(seed)
    a, x = make((m, k), dtype, la, rng)
    b, y = make((k, n), dtype, lb, rng)
    check(numoxide.matmul(x, y), a, b)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    "m,k,n",
    [
        (640, 640, 640),  # at the threshold
        (641, 643, 647),  # no dimension a multiple of a tile or block
        (2101, 300, 520),  # a second row block of one row; column blocks 512 + 8
        (700, 1030, 1040),  # depth cut in even blocks; f32 column blocks 1024 + 16
        (43, 2500, 2440),  # three tiles of rows plus one row; wide column blocks
    ],
)
def test_packed_gemm_edges(dtype, m, k, n):
    a = RNG.standard_normal((m, k)).astype(dtype)
    b = RNG.standard_normal((k, n)).astype(dtype)
    check(numoxide.matmul(numoxide.asarray(a), numoxide.asarray(b)), a, b)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_packed_gemm_batched_and_broadcast(dtype):
    a = RNG.standard_normal((3, 700, 650)).astype(dtype)
    b = RNG.standard_normal((650, 660)).astype(dtype)
    x, y = numoxide.asarray(a), numoxide.asarray(b)
    check(numoxide.matmul(x, y), a, b)
    # B broadcast along a batch axis of stride 0, A a stack of transposed matrices.
    at = numpy.ascontiguousarray(a.transpose(0, 2, 1))
    check(numoxide.matmul(numoxide.asarray(at).transpose(0, 2, 1), y[None]), a, b[None])


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_packed_gemm_nonfinite(dtype):
    a = RNG.standard_normal((650, 660)).astype(dtype)
    b = RNG.standard_normal((660, 670)).astype(dtype)
    a[3, 5] = numpy.nan
    a[100, 7] = numpy.inf
    b[9, 600] = -numpy.inf
    got = numpy.asarray(numoxide.matmul(numoxide.asarray(a), numoxide.asarray(b)))
    with numpy.errstate(invalid="ignore"):
        want = a @ b
        err = numpy.abs(got.astype(numpy.float64) - want.astype(numpy.float64))
    numpy.testing.assert_array_equal(numpy.isnan(got), numpy.isnan(want))
    numpy.testing.assert_array_equal(numpy.isinf(got), numpy.isinf(want))
    numpy.testing.assert_array_equal(got[numpy.isinf(want)], want[numpy.isinf(want)])
    finite = numpy.isfinite(want)
    with numpy.errstate(invalid="ignore"):
        bound = numpy.abs(a).astype(numpy.float64) @ numpy.abs(b).astype(numpy.float64)
    assert numpy.all(err[finite] <= (2 * 660 * numpy.finfo(dtype).eps * bound)[finite])
