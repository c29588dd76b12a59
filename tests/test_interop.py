"""Interchange with other array libraries: DLPack both ways (numoxide <-> NumPy, and
numoxide <-> numoxide), `__dlpack_device__`, and the Array API entry points, each
compared with NumPy's own behaviour."""

import gc

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error
from hypothesis import given, settings
from hypothesis import strategies as st

BOTH = pytest.mark.parametrize("np", [numpy, numoxide], ids=["numpy", "numoxide"])

LAYOUTS = {
    "contiguous": lambda a: a,
    "reversed": lambda a: a[::-1],
    "strided": lambda a: a[::2],
    "transposed": lambda a: a.reshape(2, -1).T,
    "0-d": lambda a: a[3],
    "empty": lambda a: a[:0],
    "empty_2d": lambda a: a[:0].reshape(0, 4),
}


def make(np, dtype, layout):
    base = np.arange(12).astype(dtype)
    r = LAYOUTS[layout](base)
    return r if isinstance(r, np.ndarray) else np.asarray(r)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_numpy_reads_our_arrays(dtype, layout):
    ours = make(numoxide, dtype, layout)
    theirs = make(numpy, dtype, layout)
    got = numpy.from_dlpack(ours)
    assert got.strides == theirs.strides
    numpy.testing.assert_array_equal(got, theirs, strict=True)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("source", ["numpy", "numoxide"])
def test_we_read_dlpack_exports(dtype, layout, source):
    src = numpy if source == "numpy" else numoxide
    exporter = make(src, dtype, layout)
    got = numoxide.from_dlpack(exporter)
    expected = make(numpy, dtype, layout)
    assert got.strides == expected.strides
    assert_same(got, expected)


@BOTH
def test_views_share_memory_both_ways(np):
    other = numoxide if np is numpy else numpy
    a = np.arange(6.0)
    b = other.from_dlpack(a)
    b[0] = 42.0
    assert a[0] == 42.0
    a[1] = -1.0
    assert b[1] == -1.0
    del a
    gc.collect()
    assert b[0] == 42.0 and b.flags.writeable


@BOTH
def test_readonly_needs_the_versioned_form(np):
    a = np.arange(3.0)
    a.flags.writeable = False
    with pytest.raises(BufferError):
        a.__dlpack__()
    for consumer in (numpy, numoxide):
        got = consumer.from_dlpack(a)
        assert not got.flags.writeable


@BOTH
def test_capsule_names(np):
    a = np.arange(3)
    assert "dltensor" in repr(a.__dlpack__())
    assert "dltensor_versioned" in repr(a.__dlpack__(max_version=(1, 0)))
    assert "dltensor_versioned" not in repr(a.__dlpack__(max_version=(0, 8)))
    assert a.__dlpack_device__() == (1, 0)


@pytest.mark.parametrize(
    "kwargs",
    [{"stream": 1}, {"dl_device": (2, 0)}, {"dl_device": (1, 0)}, {"copy": True}, {"copy": False}],
    ids=["stream", "bad_device", "cpu_device", "copy", "nocopy"],
)
def test_export_keywords(kwargs):
    def call(np):
        return np.arange(3).__dlpack__(**kwargs)

    try:
        expected = call(numpy)
    except Exception:
        assert_same_error(call)
        return
    assert repr(call(numoxide)).split()[2] == repr(expected).split()[2]


def test_export_refuses_what_numpy_refuses():
    assert_same_error(lambda np: np.arange(3.0).astype(">f8").__dlpack__())
    assert_same_error(lambda np: np.from_dlpack([1, 2]))
    assert_same_error(lambda np: np.from_dlpack(np.arange(3), device="gpu"))


@BOTH
def test_copy_true_copies(np):
    for consumer in (numpy, numoxide):
        a = np.arange(4.0)
        got = consumer.from_dlpack(a, copy=True)
        got[0] = 9.0
        assert a[0] == 0.0
        assert consumer.from_dlpack(a, device="cpu").shape == (4,)


def test_old_style_exporters_without_keywords():
    class Old:
        def __init__(self, a):
            self.a = a

        def __dlpack__(self, stream=None):
            return self.a.__dlpack__(stream=stream)

        def __dlpack_device__(self):
            return self.a.__dlpack_device__()

    assert_same(numoxide.from_dlpack(Old(numpy.arange(3))), numpy.arange(3))
    assert_same(numoxide.from_dlpack(Old(numoxide.arange(3))), numpy.arange(3))


def test_unconsumed_capsules_are_freed():
    a = numoxide.arange(1000.0)
    for _ in range(100):
        a.__dlpack__()
        a.__dlpack__(max_version=(1, 0))
    gc.collect()
    assert a.sum() == numpy.arange(1000.0).sum()


@settings(max_examples=60, deadline=None)
@given(
    dtype=st.sampled_from(ALL_DTYPES),
    shape=st.lists(st.integers(0, 4), min_size=0, max_size=3),
    step=st.sampled_from([1, -1, 2, -2]),
)
def test_round_trip_any_layout(dtype, shape, step):
    n = int(numpy.prod(shape)) if shape else 1
    theirs = (
        numpy.arange(n * 2).astype(dtype)[::step][:n].reshape(shape)
        if n
        else numpy.zeros(shape, dtype)
    )
    ours = numoxide.from_dlpack(theirs)
    assert_same(ours, theirs)
    back = numpy.from_dlpack(ours)
    numpy.testing.assert_array_equal(back, theirs, strict=True)


@pytest.mark.parametrize(
    "version", [None, "2021.12", "2022.12", "2023.12", "2024.12", "2025.12", "2020.1", 1]
)
def test_array_namespace(version):
    def call(np):
        return np.arange(3).__array_namespace__(api_version=version)

    try:
        expected = call(numpy)
    except Exception:
        assert_same_error(call)
        return
    assert expected is numpy
    assert call(numoxide) is numoxide


def test_device_and_api_version():
    a = numoxide.arange(3)
    assert a.device == numpy.arange(3).device
    assert a.to_device("cpu") is a
    assert_same_error(lambda np: np.arange(3).to_device("gpu"))
    assert numoxide.__array_api_version__ == numpy.__array_api_version__


# ----- NumPy and numoxide arrays mixed in ufunc calls ------------------------------------
# NumPy asks numoxide arrays' __array_ufunc__; numoxide runs its own ufunc of the same
# name. NumPy arrays are plain array-likes to numoxide. (These calls used to recurse
# between the two libraries until the interpreter crashed.)

MIXED = {
    "numpy ufunc, numoxide inputs": lambda a, b: numpy.add(a, a),
    "numpy ufunc, mixed inputs": lambda a, b: numpy.add(b, a),
    "numoxide ufunc, numpy inputs": lambda a, b: numoxide.add(b, b),
    "numoxide ufunc, mixed inputs": lambda a, b: numoxide.multiply(b, a),
    "numpy operator on the left": lambda a, b: b + a,
    "numoxide operator on the left": lambda a, b: a - b,
    "numpy matmul": lambda a, b: numpy.matmul(b, a),
    "numpy reduce": lambda a, b: numpy.add.reduce(a),
    "numpy outer": lambda a, b: numpy.multiply.outer(a, b),
    "numpy unary": lambda a, b: numpy.sin(a),
    "numpy two outputs": lambda a, b: numpy.divmod(a, 2),
    "numpy scalar and numoxide array": lambda a, b: numpy.float64(2) * a,
}


@pytest.mark.parametrize("name", sorted(MIXED))
def test_mixed_numpy_and_numoxide_ufuncs(name):
    a, b = numoxide.arange(1.0, 4.0), numpy.array([0.5, 2.0, -1.0])
    ours = MIXED[name](a, b)
    expected = MIXED[name](numpy.arange(1.0, 4.0), b)
    if type(expected).__module__ == "numoxide":
        # The call itself is numoxide's; NumPy computes the same on its own arrays.
        expected = {"numoxide ufunc, numpy inputs": numpy.add(b, b),
                    "numoxide ufunc, mixed inputs": numpy.multiply(b, numpy.arange(1.0, 4.0))}[name]
    if isinstance(expected, tuple):
        assert all(type(x).__module__ == "numoxide" for x in ours)
        for x, y in zip(ours, expected):
            assert_same(x, y)
        return
    assert type(ours).__module__ == "numoxide"
    assert_same(ours, expected)


def test_numpy_ufunc_without_numoxide_counterpart_raises():
    with pytest.raises(TypeError):
        numpy.isnat(numoxide.arange(3.0))
