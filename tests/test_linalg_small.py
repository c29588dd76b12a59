"""Tiny products take a short path (2-D float64/float32 operands of one dtype, no
keywords): it must give exactly the bits of the general batched path, which runs the same
kernel, and leave every other case (mixed dtypes, byte-swapped or misaligned operands,
keywords) to the general path."""

import numoxide
import numpy
import pytest

RNG = numpy.random.default_rng(7)


def back(x):
    return numpy.asarray(x)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("m,k,n", [(4, 4, 4), (1, 1, 1), (3, 7, 2), (16, 9, 33), (64, 64, 64)])
@pytest.mark.parametrize("view", ["C", "A.T", "B reversed", "A stepped"])
def test_small_2d_equals_batched_path(dtype, m, k, n, view):
    a = RNG.standard_normal((m, k)).astype(dtype)
    b = RNG.standard_normal((k, n)).astype(dtype)
    x, y = numoxide.asarray(a), numoxide.asarray(b)
    if view == "A.T":
        x = numoxide.asarray(numpy.ascontiguousarray(a.T)).T
    elif view == "B reversed":
        y = numoxide.asarray(b[::-1].copy())[::-1]
    elif view == "A stepped":
        x = numoxide.asarray(numpy.repeat(a, 2, axis=1))[:, ::2]
    two_d = numoxide.matmul(x, y)
    batched = numoxide.matmul(x[None], y[None])[0]
    op = x @ y
    assert two_d.dtype == numpy.dtype(dtype) and two_d.shape == (m, n)
    numpy.testing.assert_array_equal(back(two_d), back(batched))
    numpy.testing.assert_array_equal(back(op), back(batched))
    # Against NumPy within the k-term dot-product bound.
    ref = a.astype(numpy.float64) @ b.astype(numpy.float64)
    bound = numpy.abs(a).astype(numpy.float64) @ numpy.abs(b).astype(numpy.float64)
    tol = 8 * k * numpy.finfo(dtype).eps * bound
    assert numpy.all(numpy.abs(back(two_d) - ref) <= tol)


def test_small_result_is_fresh_and_writeable():
    a = numoxide.asarray(RNG.standard_normal((4, 4)))
    before = back(a).copy()
    r = a @ a
    assert r.flags.c_contiguous and r.flags.writeable and r.flags.owndata
    r[...] = 12345.0
    numpy.testing.assert_array_equal(back(a), before)


@pytest.mark.parametrize(
    "da,db",
    [
        ("float32", "float64"),
        ("float64", "float32"),
        (">f8", "float64"),
        ("float64", ">f4"),
        ("int64", "float64"),
    ],
)
def test_small_mixed_and_swapped_dtypes(da, db):
    a = RNG.standard_normal((4, 5)).astype(da)
    b = RNG.standard_normal((5, 3)).astype(db)
    ours = back(numoxide.matmul(numoxide.asarray(a), numoxide.asarray(b)))
    theirs = numpy.matmul(a, b)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    numpy.testing.assert_allclose(ours, theirs, rtol=64 * numpy.finfo(theirs.dtype).eps)


def test_small_misaligned_operand():
    raw = numpy.zeros(4 * 4 * 8 + 1, numpy.uint8)
    a = raw[1:].view(numpy.float64).reshape(4, 4)
    a[...] = RNG.standard_normal((4, 4))
    b = RNG.standard_normal((4, 4))
    x = (
        numoxide.asarray(numpy.zeros(4 * 4 * 8 + 1, numpy.uint8))[1:]
        .view(numoxide.float64)
        .reshape(4, 4)
    )
    x[...] = numoxide.asarray(a)
    assert not x.flags.aligned
    numpy.testing.assert_allclose(back(numoxide.matmul(x, numoxide.asarray(b))), a @ b, rtol=1e-14)


@pytest.mark.parametrize("kw", [{"axes": [(-2, -1), (-2, -1), (-1, -2)]}, {"dtype": "float32"}])
def test_small_with_keywords(kw):
    a, b = RNG.standard_normal((4, 4)), RNG.standard_normal((4, 4))
    ours = back(numoxide.matmul(numoxide.asarray(a), numoxide.asarray(b), **kw))
    theirs = numpy.matmul(a, b, **kw)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    numpy.testing.assert_allclose(ours, theirs, rtol=64 * numpy.finfo(theirs.dtype).eps)


def test_small_out_and_errors():
    a = RNG.standard_normal((4, 4))
    out = numoxide.zeros((4, 4))
    assert numoxide.matmul(numoxide.asarray(a), numoxide.asarray(a), out=out) is out
    numpy.testing.assert_allclose(back(out), a @ a, rtol=1e-14)
    for m in (numpy, numoxide):
        with pytest.raises(ValueError):
            m.matmul(m.asarray(a), m.asarray(a[:3]))
