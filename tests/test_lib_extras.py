"""numoxide.lib's NumpyVersion, mixins and array_utils, and ndarray.dump/dumps, against
NumPy's."""

import pickle

import numoxide
import numpy
import pytest
from harness import assert_same, assert_same_error

VERSIONS = [
    "1.8.0", "1.8.1", "1.9.0", "1.10.0", "1.9.0a1", "1.9.0b2", "1.9.0rc1", "1.9.0rc2",
    "1.9.0.dev-Unknown", "1.9.0.dev0+abcdef", "1.9.0a1.dev-f16acvda", "2.0.0", "2.5.5",
    "2.0.0rc1.dev0+x", "10.0.0", "1.10.0b1",
]  # fmt: skip


@pytest.mark.parametrize("left", VERSIONS)
def test_numpy_version_order(left):
    for right in VERSIONS:
        for op in ("__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"):
            theirs = getattr(numpy.lib.NumpyVersion(left), op)(right)
            ours = getattr(numoxide.lib.NumpyVersion(left), op)(right)
            assert ours == theirs, (left, op, right)
    assert repr(numoxide.lib.NumpyVersion(left)) == repr(numpy.lib.NumpyVersion(left))
    v = numoxide.lib.NumpyVersion(left)
    w = numpy.lib.NumpyVersion(left)
    assert (v.major, v.minor, v.bugfix, v.pre_release, v.is_devversion) == (
        w.major, w.minor, w.bugfix, w.pre_release, w.is_devversion)  # fmt: skip


def test_numpy_version_errors():
    assert_same_error(lambda np: np.lib.NumpyVersion("1.x"))
    assert_same_error(lambda np: np.lib.NumpyVersion("1.2.3") < 1)


class _Wrapped:
    """An array-like through __array_ufunc__: unwraps inputs, wraps the result."""

    def __init__(self, value, np):
        self.value = np.asarray(value)
        self.np = np

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        args = [x.value if isinstance(x, _Wrapped) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(x.value if isinstance(x, _Wrapped) else x for x in kwargs["out"])
        result = getattr(ufunc, method)(*args, **kwargs)
        return ("wrapped", ufunc.__name__, result)


def _mixin_class(np):
    return type("W", (np.lib.mixins.NDArrayOperatorsMixin, _Wrapped), {})


OPS = [
    lambda a, b: a + b, lambda a, b: b + a, lambda a, b: a - b, lambda a, b: 2 - a,
    lambda a, b: a * b, lambda a, b: a / b, lambda a, b: a // b, lambda a, b: a % b,
    lambda a, b: a**b, lambda a, b: a < b, lambda a, b: a >= b, lambda a, b: a == b,
    lambda a, b: a != b, lambda a, b: a & 3, lambda a, b: a | 1, lambda a, b: a ^ 1,
    lambda a, b: a << 1, lambda a, b: a >> 1, lambda a, b: -a, lambda a, b: +a,
    lambda a, b: abs(a), lambda a, b: ~a, lambda a, b: divmod(a, 3), lambda a, b: divmod(7, a),
]  # fmt: skip


@pytest.mark.parametrize("k", range(len(OPS)))
def test_operators_mixin(k):
    results = {}
    for np in (numpy, numoxide):
        W = _mixin_class(np)
        a = W([1, 2, 3], np)
        b = np.array([3, 2, 1])
        r = OPS[k](a, b)
        results[np.__name__] = r
    theirs, ours = results["numpy"], results["numoxide"]
    assert ours[0] == theirs[0] and ours[1] == theirs[1]
    assert_same(ours[2], theirs[2])


def test_mixin_defers_to_array_ufunc_none():
    class Opt:
        __array_ufunc__ = None

        def __radd__(self, other):
            return "opt"

    W = _mixin_class(numoxide)
    assert W([1], numoxide) + Opt() == "opt"


@pytest.mark.parametrize(
    "call",
    [
        lambda np: np.lib.array_utils.normalize_axis_index(-1, 3),
        lambda np: np.lib.array_utils.normalize_axis_index(3, 3),
        lambda np: np.lib.array_utils.normalize_axis_index(0, 0),
        lambda np: np.lib.array_utils.normalize_axis_index(-4, 3, "axes"),
        lambda np: np.lib.array_utils.normalize_axis_tuple((0, -1), 3),
        lambda np: np.lib.array_utils.normalize_axis_tuple(1, 3),
        lambda np: np.lib.array_utils.normalize_axis_tuple([0, 0], 3),
        lambda np: np.lib.array_utils.normalize_axis_tuple([0, 0], 3, "axis"),
        lambda np: np.lib.array_utils.normalize_axis_tuple([0, 0], 3, allow_duplicate=True),
        lambda np: np.lib.array_utils.normalize_axis_tuple(1.5, 3),
    ],
)
def test_axis_normalization(call):
    try:
        theirs = call(numpy)
    except Exception:  # noqa: BLE001
        our_exc, their_exc = assert_same_error(call)
        assert str(our_exc) == str(their_exc)
        return
    assert call(numoxide) == theirs


@pytest.mark.parametrize(
    "index", [(), (slice(None, None, -1),), (slice(1, None, 2), slice(None, None, -2))]
)
def test_byte_bounds(index):
    def span(np):
        a = np.arange(24.0).reshape(4, 6) if index else np.arange(5)
        v = a[index] if index else a
        low, high = np.lib.array_utils.byte_bounds(v)
        base_low, _ = np.lib.array_utils.byte_bounds(a)
        return low - base_low, high - base_low

    assert span(numoxide) == span(numpy)


def test_dump_dumps(tmp_path):
    a = numoxide.arange(12.0).reshape(3, 4)[:, ::2]
    b = pickle.loads(a.dumps())
    assert_same(b, numpy.arange(12.0).reshape(3, 4)[:, ::2])
    path = tmp_path / "a.pkl"
    a.dump(path)
    with open(path, "rb") as f:
        assert_same(pickle.load(f), numpy.arange(12.0).reshape(3, 4)[:, ::2])
    with open(tmp_path / "b.pkl", "wb") as f:
        a.dump(f)
    with open(tmp_path / "b.pkl", "rb") as f:
        assert_same(pickle.load(f), numpy.arange(12.0).reshape(3, 4)[:, ::2])
    fn, args = a.__reduce__()
    assert_same(fn(*args), numpy.arange(12.0).reshape(3, 4)[:, ::2])


@pytest.mark.parametrize(
    "make",
    [
        lambda np: np.arange(6.0).reshape(2, 3),
        lambda np: np.arange(12).reshape(3, 4)[::-1, ::2],
        lambda np: np.array(5.0),
        lambda np: np.zeros((0, 3), np.int16),
    ],
)
def test_ctypes_view(make):
    import ctypes

    ours, theirs = make(numoxide), make(numpy)
    c, t = ours.ctypes, theirs.ctypes
    assert c.data == ours.__array_interface__["data"][0]
    assert c._as_parameter_.value == c.data
    if t.shape is None:
        assert c.shape is None and c.strides is None
    else:
        assert list(c.shape) == list(t.shape) and list(c.strides) == list(t.strides)
        assert list(c.shape_as(ctypes.c_int)) == list(t.shape_as(ctypes.c_int))
    if ours.size > 1 and ours.dtype == numoxide.float64:
        ptr = c.data_as(ctypes.POINTER(ctypes.c_double))
        assert ptr[1] == float(ours.ravel()[1])


@pytest.mark.parametrize(
    "call",
    [
        lambda np: np.array([1 + 2j, 3 + 4j]).getfield(np.float64, 8),
        lambda np: np.array([1 + 2j, 3 + 4j]).getfield(np.float32, 4),
        lambda np: np.array([1 + 2j, 3 + 4j]).getfield(np.float64, 12),
        lambda np: np.array([1 + 2j, 3 + 4j]).getfield(np.float64, -1),
        lambda np: np.arange(4, dtype=np.int32)[::2].getfield(np.int16),
        lambda np: np.arange(4, dtype=np.int32)[::-1].getfield(np.uint8, 3),
        lambda np: np.arange(6, dtype=np.int32).reshape(2, 3).getfield(np.int16, 2),
        lambda np: np.zeros(3, np.int32).getfield(np.int64),
    ],
)
def test_getfield(call):
    try:
        theirs = call(numpy)
    except ValueError:
        our_exc, their_exc = assert_same_error(call)
        assert str(our_exc) == str(their_exc)
        return
    ours = call(numoxide)
    assert_same(ours, theirs)
    assert ours.strides == theirs.strides


def test_setfield_writes_through():
    for np in (numpy, numoxide):
        b = np.zeros(3, np.int32)
        b.setfield(np.int16(-1), np.int16, 2)
        c = np.array([1 + 2j, 3 + 4j])
        c.setfield(9.0, np.float64, 8)
        d = np.zeros(2, np.int32)
        with pytest.raises(ValueError):
            d.setfield(1, np.int64)
        if np is numpy:
            expect = (b.copy(), c.copy())
    assert_same(b, expect[0])
    assert_same(c, expect[1])
