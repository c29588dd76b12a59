"""numoxide.lib.stride_tricks: sliding_window_view and as_strided are views sharing
memory, with NumPy's shapes, strides and writeable flags; as_strided refuses layouts that
leave the array's memory (where NumPy would read foreign memory)."""

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same_error, both, to_nx
from hypothesis import given
from hypothesis import strategies as st
from numoxide.lib.stride_tricks import as_strided, sliding_window_view
from numpy.lib import stride_tricks as np_st
from strategies import LAYOUTS, arrays, layouts, shapes


def st_mod(m):
    return np_st if m is numpy else numoxide.lib.stride_tricks


def prep(m, a, layout="as_is"):
    x = a if m is numpy else to_nx(a)
    return LAYOUTS[layout](m, x)


@given(arrays(shape=shapes(min_dims=1, max_dims=3, min_side=1)), layouts(), st.data())
def test_sliding_window_view_matches_numpy(a, layout, data):
    x = LAYOUTS[layout](numpy, a)
    axis = data.draw(st.one_of(st.none(), st.integers(-x.ndim, x.ndim - 1), st.tuples(st.integers(0, x.ndim - 1), st.integers(0, x.ndim - 1))))
    if axis is None:
        window = tuple(data.draw(st.integers(0, n)) for n in x.shape)
    elif isinstance(axis, int):
        window = data.draw(st.integers(0, x.shape[axis]))
    else:
        window = tuple(data.draw(st.integers(0, max(1, x.shape[ax] // 2))) for ax in axis)

    def fn(m, a):
        base = prep(m, a, layout)
        v = st_mod(m).sliding_window_view(base, window, axis=axis)
        assert v.flags.writeable is False
        assert v.size == 0 or m.shares_memory(v, base)
        return v

    both(fn, a)


def test_sliding_window_view_is_a_read_only_view():
    x = numoxide.arange(10.0)
    w = sliding_window_view(x, 3)
    assert w.shape == (8, 3) and w.strides == (8, 8)
    assert numoxide.shares_memory(w, x)
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        w[0, 0] = 5
    x[4] = -1.0  # writes through the base are seen by the view
    assert w[2, 2] == -1.0 and w[4, 0] == -1.0
    ww = sliding_window_view(x, 3, writeable=True)
    ww[1, 1] = 42.0
    assert x[2] == 42.0
    both(lambda m: st_mod(m).sliding_window_view(m.arange(12).reshape(3, 4), (2, 2), axis=(1, 1)))
    both(lambda m: st_mod(m).sliding_window_view(m.arange(12).reshape(3, 4)[::-1, ::2], 2, axis=0).sum(axis=-1))


def test_sliding_window_view_errors():
    for fn in (
        lambda m: st_mod(m).sliding_window_view(m.arange(5), -1),
        lambda m: st_mod(m).sliding_window_view(m.arange(5), 6),
        lambda m: st_mod(m).sliding_window_view(m.ones((3, 3)), (2,)),
        lambda m: st_mod(m).sliding_window_view(m.ones((3, 3)), (2, 2), axis=0),
        lambda m: st_mod(m).sliding_window_view(m.ones((3, 3)), 2, axis=2),
    ):
        assert_same_error(fn)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_as_strided_layouts(dtype):
    a = numpy.arange(24).astype(dtype)
    cases = [
        dict(shape=(3, 4), strides=(8 * a.itemsize, a.itemsize)),
        dict(shape=(5,), strides=(0,)),
        dict(shape=(4, 6), strides=(a.itemsize, a.itemsize)),
        dict(shape=(2, 3, 4), strides=(0, 4 * a.itemsize, a.itemsize)),
        dict(shape=(6, 4)),
        dict(strides=(a.itemsize * 2,), shape=(12,)),
        dict(),
    ]
    for kw in cases:

        def fn(m, a, kw):
            base = prep(m, a)
            v = st_mod(m).as_strided(base, **kw)
            assert m.shares_memory(v, base)
            return v

        both(fn, a, kw)


def test_as_strided_negative_strides_and_writes():
    x = numoxide.arange(10)
    r = as_strided(x[9:], shape=(10,), strides=(-8,))
    assert r.tolist() == list(range(9, -1, -1))
    z = as_strided(x, shape=(3, 4), strides=(8, 0))
    z[1, 3] = 100
    assert x[1] == 100 and z[1, 0] == 100
    ro = as_strided(x, writeable=False)
    assert not ro.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        ro[0] = 1
    y = numoxide.arange(3)
    y.flags.writeable = False
    assert not as_strided(y, writeable=True).flags.writeable


@pytest.mark.parametrize(
    "kw",
    [
        dict(shape=(11,), strides=(8,)),
        dict(shape=(2, 2, 2)),
        dict(shape=(5,), strides=(-8,)),
        dict(shape=(2,), strides=(80,)),
        dict(shape=(3,), strides=(2**62,)),
    ],
)
def test_as_strided_rejects_layouts_outside_the_buffer(kw):
    x = numoxide.arange(10)
    if kw.get("shape") == (2, 2, 2):
        x = numoxide.arange(6)
    with pytest.raises(ValueError, match="outside"):
        as_strided(x, **kw)


def test_as_strided_errors_and_reexports():
    assert_same_error(lambda m: st_mod(m).as_strided(m.arange(6), shape=(2,), strides=(8, 8)))
    assert_same_error(lambda m: st_mod(m).as_strided(m.arange(10)[::2], shape=(2, 2)))
    # NumPy 2 keeps these at the top level only; numoxide also re-exports them here.
    for name in ("broadcast_to", "broadcast_arrays", "broadcast_shapes"):
        assert getattr(numoxide.lib.stride_tricks, name) is getattr(numoxide, name)
    both(lambda m: m.broadcast_to(m.arange(3), (2, 3)))
    both(lambda m: m.broadcast_arrays(m.arange(3), m.ones((2, 1))))
    both(lambda m: m.broadcast_shapes((2, 1), (3,), ()))
    both(lambda m: m.broadcast_shapes((5, 1, 4), (1, 3, 1)))
    assert_same_error(lambda m: m.broadcast_shapes((2,), (3,)))
