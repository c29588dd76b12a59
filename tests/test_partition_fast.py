"""partition / argpartition through the vector quickselect of the 16-bit integers and the
single-kth argpartition layout: the kth values are NumPy's, the partition property
holds, the output is a permutation of the input (indices a permutation of the lane)."""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DTYPES = ["int16", "uint16", "int32", "float32", "int64", "float64", "int8", "float16"]


def values(dtype, n, distinct, seed):
    r = numpy.random.default_rng(seed)
    d = numpy.dtype(dtype)
    if d.kind in "iu":
        info = numpy.iinfo(d)
        lo = max(int(info.min), -distinct // 2) if distinct else int(info.min)
        hi = lo + distinct if distinct else int(info.max)
        return r.integers(lo, min(hi, int(info.max)), n, dtype=d, endpoint=True)
    x = r.standard_normal(n)
    if distinct:
        x = numpy.round(x * distinct / 8)
    x = x.astype(d)
    x[r.integers(0, n, max(1, n // 50))] = numpy.nan
    return x


def check_partition(a, kth, axis=-1):
    ours = numpy.asarray(numoxide.partition(numoxide.asarray(a), kth, axis=axis))
    # The stable sort as reference: NumPy's default sort of float16 with NaNs misplaces
    # values from 65536 elements on (NumPy 2.5).
    want = numpy.sort(a, axis=axis, kind="stable")
    ks = kth if isinstance(kth, list) else [kth]
    o = numpy.moveaxis(ours, axis, -1)
    w = numpy.moveaxis(want, axis, -1)
    assert numpy.array_equal(numpy.sort(o, axis=-1, kind="stable"), w, equal_nan=True)
    for k in ks:
        assert numpy.array_equal(o[..., k], w[..., k], equal_nan=True)
        assert numpy.array_equal(
            numpy.sort(o[..., :k], axis=-1, kind="stable"), w[..., :k], equal_nan=True
        )
    idx = numpy.asarray(numoxide.argpartition(numoxide.asarray(a), kth, axis=axis))
    i = numpy.moveaxis(idx, axis, -1)
    src = numpy.moveaxis(a, axis, -1)
    assert numpy.array_equal(
        numpy.sort(i, axis=-1), numpy.broadcast_to(numpy.arange(src.shape[-1]), i.shape)
    )
    got = numpy.take_along_axis(src, i, axis=-1)
    for k in ks:
        assert numpy.array_equal(got[..., k], w[..., k], equal_nan=True)
        assert numpy.array_equal(
            numpy.sort(got[..., :k], axis=-1, kind="stable"), w[..., :k], equal_nan=True
        )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n", [513, 1000, 4096, 70_001])
@pytest.mark.parametrize("distinct", [0, 1, 3, 300])
def test_partition_median_and_ends(dtype, n, distinct):
    a = values(dtype, n, distinct, n + distinct)
    for kth in [n // 2, 0, n - 1, [1, n // 3, n // 2, n - 2]]:
        check_partition(a, kth)


@pytest.mark.parametrize("dtype", ["int16", "uint16", "float32", "int32"])
def test_partition_rows_and_strides(dtype):
    a = values(dtype, 6 * 900, 0, 7).reshape(6, 900)
    check_partition(a, 450, axis=1)
    check_partition(a.T, 3, axis=0)
    check_partition(a[:, ::-2], [10, 200], axis=1)


@settings(max_examples=80, deadline=None)
@given(
    dtype=st.sampled_from(["int16", "uint16", "float32", "int32"]),
    n=st.integers(1, 3000),
    distinct=st.sampled_from([0, 2, 50]),
    seed=st.integers(0, 2**20),
    data=st.data(),
)
def test_partition_random(dtype, n, distinct, seed, data):
    a = values(dtype, n, distinct, seed)
    kth = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True))
    check_partition(a, sorted(kth) if len(kth) > 1 else kth[0])
