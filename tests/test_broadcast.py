"""Differential tests of broadcast, broadcast_shapes, broadcast_to, broadcast_arrays."""

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error, both, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


@settings(max_examples=200, deadline=None)
@given(hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=4, max_side=4))
def test_broadcast_shapes(bs):
    both(lambda m: m.broadcast_shapes(*bs.input_shapes))
    both(lambda m: m.broadcast_shapes(*bs.input_shapes, bs.result_shape))


@pytest.mark.parametrize(
    "shapes", [[(2,), (3,)], [(2, 3), (3, 2)], [(1, 2), (3,), (4, 1, 5)], [5, (4,)], [(0,), (2,)]]
)
def test_broadcast_shapes_errors(shapes):
    both(lambda m: m.broadcast_shapes(*shapes))
    ours, theirs = assert_same_error(lambda m: m.broadcast_shapes(*shapes)) if len(shapes) and _fails(shapes) else (None, None)
    if ours is not None:
        assert str(ours) == str(theirs)


def _fails(shapes):
    try:
        numpy.broadcast_shapes(*shapes)
    except ValueError:
        return True
    return False


@settings(max_examples=200, deadline=None)
@given(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=4, max_side=4), st.sampled_from(["int8", "float64", "complex64", "bool"]))
def test_broadcast_to_and_arrays(bs, dt):
    s0, s1 = bs.input_shapes
    a = (numpy.arange(int(numpy.prod(s0))) % 3).astype(dt).reshape(s0)
    b = numpy.ones(s1, dtype="float32")
    both(lambda m, x: m.broadcast_to(x, bs.result_shape), a)
    both(lambda m, x, y: m.broadcast_arrays(x, y), a, b)

    def info(m, x, y):
        br = m.broadcast(x, y)
        return br.shape, br.nd, br.ndim, br.numiter, br.size, [tuple(v.item() for v in t) for t in br]

    assert info(numoxide, to_nx(a), to_nx(b)) == info(numpy, a, b)


def test_broadcast_to_misc():
    for m in (numpy, numoxide):
        v = m.broadcast_to(m.arange(3), (2, 3))
        assert not v.flags.writeable
        assert v.base is not None
    both(lambda m: m.broadcast_to(m.arange(3), (4,)))
    both(lambda m: m.broadcast_to(m.arange(3), (-1, 3)))
    both(lambda m: m.broadcast_to(5, (2, 2)))
    both(lambda m: m.broadcast_to([1, 2], 2))
    o, t = assert_same_error(lambda m: m.broadcast_to(m.arange(3), (4,)))
    assert str(o) == str(t)


def test_broadcast_arrays_misc():
    both(lambda m: m.broadcast_arrays(m.arange(3), m.ones((2, 1))))
    both(lambda m: m.broadcast_arrays(m.arange(3), m.ones(4)))
    both(lambda m: m.broadcast_arrays())
    for m in (numpy, numoxide):
        a = m.arange(3)
        r = m.broadcast_arrays(a, a)
        assert r[0] is a
    assert_same(numoxide.broadcast_arrays(numoxide.arange(2), 5)[1], numpy.broadcast_arrays(numpy.arange(2), 5)[1])


def test_broadcast_object():
    for m in (numpy, numoxide):
        b = m.broadcast(m.arange(3), m.ones((2, 1)))
        assert b.index == 0
        next(b)
        assert b.index == 1
        b.reset()
        assert b.index == 0
        assert len(b.iters) == 2
    assert_same_error(lambda m: m.broadcast(m.ones(2), m.ones(3)))


BROADCAST_SHAPES = [(), (1,), (3,), (2, 1), (2, 3), (0,), (0, 3), (4, 2, 3), (3, 1, 1), (2, 2)]


@pytest.mark.parametrize("src", BROADCAST_SHAPES)
@pytest.mark.parametrize("dst", BROADCAST_SHAPES)
def test_broadcast_to_strides_and_errors(src, dst):
    """Every length-1 input dimension gets stride 0, as NumPy's; errors keep NumPy's text."""

    def run(m):
        return m.broadcast_to(m.ones(src), dst)

    try:
        theirs = run(numpy)
    except ValueError as e:
        with pytest.raises(ValueError) as ours:
            run(numoxide)
        assert str(ours.value) == str(e)
        return
    ours = run(numoxide)
    assert ours.strides == theirs.strides
    assert ours.shape == theirs.shape


@pytest.mark.parametrize("a", BROADCAST_SHAPES)
@pytest.mark.parametrize("b", BROADCAST_SHAPES)
def test_broadcast_arrays_strides(a, b):
    try:
        theirs = numpy.broadcast_arrays(numpy.ones(a), numpy.ones(b))
    except ValueError:
        return
    ours = numoxide.broadcast_arrays(numoxide.ones(a), numoxide.ones(b))
    assert [x.strides for x in ours] == [x.strides for x in theirs]


@pytest.mark.parametrize("subok", [False, True])
def test_broadcast_subclass(subok):
    """subok=False gives plain ndarrays, including for operands already of the shape."""

    def classes(m):
        class Sub(m.ndarray):
            pass

        s = m.arange(3).view(Sub)
        return (
            [type(m.broadcast_to(s, (2, 3), subok=subok)).__name__]
            + [type(x).__name__ for x in m.broadcast_arrays(s, m.ones((2, 3)), subok=subok)]
            + [type(x).__name__ for x in m.broadcast_arrays(s, m.ones(3), subok=subok)]
        )

    assert classes(numoxide) == classes(numpy)
