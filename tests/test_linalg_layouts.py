"""cholesky reads its input in place (any strides) and qr writes R through tiles: both
against NumPy on strided, reversed, transposed and batched views and on empty stacks."""

import numoxide
import numpy
import pytest

RNG = numpy.random.default_rng(11)


def spd_stack(batch, n, dtype):
    r = RNG.standard_normal(batch + (n, n))
    a = r @ numpy.swapaxes(r, -1, -2) + n * numpy.eye(n)
    if numpy.dtype(dtype).kind == "c":
        h = RNG.standard_normal(batch + (n, n))
        a = a + 1j * (h - numpy.swapaxes(h, -1, -2))
    return a.astype(dtype)


VIEWS = {
    "C": lambda x: x,
    "reversed": lambda x: x[..., ::-1, ::-1],
    "transposed": lambda x: (
        numpy.swapaxes(x, -1, -2) if isinstance(x, numpy.ndarray) else x.swapaxes(-1, -2)
    ),
    "batch stepped": lambda x: x[::2],
    "one": lambda x: x[1],
}


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("n", [1, 5, 40])
def test_cholesky_views(dtype, view, upper, n):
    a = spd_stack((3,), n, dtype)
    theirs = numpy.linalg.cholesky(VIEWS[view](a), upper=upper)
    ours = numpy.asarray(numoxide.linalg.cholesky(VIEWS[view](numoxide.asarray(a)), upper=upper))
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    tol = 1e-4 if dtype == "float32" else 1e-12
    numpy.testing.assert_allclose(ours, theirs, rtol=tol, atol=tol)
    # The other triangle is exactly zero.
    other = numpy.tril(ours, -1) if upper else numpy.triu(ours, 1)
    assert not other.any()


@pytest.mark.parametrize("shape", [(0, 3, 3), (2, 0, 0)])
def test_cholesky_empty(shape):
    a = numpy.zeros(shape)
    for upper in (False, True):
        ours = numpy.asarray(numoxide.linalg.cholesky(numoxide.asarray(a), upper=upper))
        theirs = numpy.linalg.cholesky(a, upper=upper)
        assert ours.shape == theirs.shape and ours.dtype == theirs.dtype


@pytest.mark.parametrize(
    "shape", [(5, 3), (3, 5), (70, 40), (40, 70), (100, 100), (1, 4), (4, 1), (33, 65)]
)
@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
def test_qr_r_upper_trapezoid(shape, mode):
    a = RNG.standard_normal(shape)
    theirs = numpy.linalg.qr(a, mode=mode)
    ours = numoxide.linalg.qr(numoxide.asarray(a), mode=mode)
    r_t = theirs if mode == "r" else theirs[1]
    r_o = numpy.asarray(ours if mode == "r" else ours[1])
    assert r_o.shape == r_t.shape and r_o.dtype == r_t.dtype
    assert not numpy.tril(r_o, -1).any()
    # R is unique up to the signs of its rows.
    numpy.testing.assert_allclose(numpy.abs(r_o), numpy.abs(r_t), rtol=1e-10, atol=1e-10)
