"""numoxide.fft against numpy.fft: the issue 6 (item 3) audit sweep.

Every case runs on NumPy and numoxide. Results must agree in type, dtype and shape, and
in value within |ours - numpy| <= 8 * eps * max(1, log2(n)) * max|numpy| (eps of the
result dtype, n the largest transform length; rustfft and pocketfft factor lengths
differently, and this is the error bound of either). Bad arguments must raise the same
exception class with the same message, and warnings must be of the same categories.
"""

import math

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same_error, same_call
from hypothesis import given, settings
from hypothesis import strategies as st

ONE_D = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]
N_D = ["fft2", "ifft2", "rfft2", "irfft2", "fftn", "ifftn", "rfftn", "irfftn"]
REAL_IN = {"rfft", "ihfft", "rfft2", "rfftn"}
DTYPES = ALL_DTYPES


def _nx(x):
    return numoxide.array(x) if isinstance(x, numpy.ndarray) else x


def _close(ours, theirs):
    if isinstance(theirs, tuple):
        assert isinstance(ours, tuple) and len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            _close(o, t)
        return
    assert isinstance(ours, numoxide.ndarray), type(ours)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype, f"{o.dtype} != {theirs.dtype}"
    assert o.shape == theirs.shape, f"{o.shape} != {theirs.shape}"
    if theirs.size == 0:
        return
    if theirs.dtype.kind not in "fc":
        assert numpy.array_equal(o, theirs)
        return
    finite = numpy.isfinite(theirs)
    assert numpy.array_equal(numpy.isfinite(o), finite)
    assert numpy.array_equal(numpy.isnan(o), numpy.isnan(theirs))
    if not finite.any():
        return
    eps = numpy.finfo(theirs.dtype).eps
    n = max(max(theirs.shape, default=2), 2)
    scale = max(float(numpy.max(numpy.abs(theirs[finite]))), float(numpy.finfo(theirs.dtype).tiny))
    err = float(numpy.max(numpy.abs(o[finite].astype(theirs.dtype) - theirs[finite])))
    assert err <= 8 * eps * max(1.0, math.log2(n)) * scale, f"max error {err}"


def same(fn, message=True):
    """Run fn(module) on both: same errors (class and message) or close results, and
    warnings of the same categories."""
    return same_call(fn, _close, message=message)


rng = numpy.random.default_rng(2026)


def sample(name, shape, dtype=None):
    if dtype is None:
        dtype = "float64" if name in REAL_IN else "complex128"
    x = rng.standard_normal(shape) * 3
    if dtype == "bool":
        return x > 0
    if dtype.startswith("complex"):
        return (x + 1j * rng.standard_normal(shape)).astype(dtype)
    if dtype.startswith("uint"):
        return numpy.abs(x).astype(dtype)
    return x.astype(dtype)


@pytest.mark.parametrize("name", ONE_D + N_D)
@pytest.mark.parametrize("dtype", DTYPES)
def test_every_input_dtype(name, dtype):
    # float16/float32 -> complex64 (float32 / float16 for the real inverses); complex
    # input to the real-input transforms is NumPy's TypeError.
    x = sample(name, (4, 6), dtype)
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x), message=False)


@pytest.mark.parametrize("name", ONE_D + N_D)
def test_lists_scalars_and_empty(name):
    same(lambda m: getattr(m.fft, name)([[1, 2, 3, 4], [5, 6, 7, 8.5]]))
    same(lambda m: getattr(m.fft, name)([[1, 2j, 3, 4], [5, 6, 7, 8.5]]), message=False)
    same(lambda m: getattr(m.fft, name)(3.0))
    same(lambda m: getattr(m.fft, name)(m.asarray(3.0)))
    same(lambda m: getattr(m.fft, name)(m.ones((3, 0))))
    same(lambda m: getattr(m.fft, name)(m.ones((0, 4))))


@pytest.mark.parametrize("name", ONE_D + N_D)
@pytest.mark.parametrize(
    "norm", [None, "backward", "ortho", "forward", "bad", "Ortho", 1, b"ortho", ["ortho"]]
)
def test_norm_values(name, norm):
    x = sample(name, (5, 6))
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x, norm=norm))


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize(
    "n", [None, 0, -1, 1, 2, 5, 8, 13, True, False, 4.0, 0.5, "4", [4], numpy.int32(6), numpy.True_]
)
@pytest.mark.parametrize("norm", [None, "bad", ["ortho"]])
def test_n_argument_and_check_order(name, n, norm):
    # n is checked first (hfft/ihfft look the norm up first), then the norm, the axis,
    # and only then is n used as a dimension.
    x = sample(name, (5, 6))
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x, n=n, norm=norm))


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize("axis", [0, 1, -1, -2, 2, -3, numpy.int64(0), True, None, 1.5, "0", [0]])
@pytest.mark.parametrize("n", [None, 4])
def test_axis_argument(name, axis, n):
    x = sample(name, (5, 6))
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x, n=n, axis=axis))


S_VALUES = [
    None,
    (3, 4),
    (8, 9),
    (-1, 5),
    (None, 4),
    (3,),
    (2, 3, 4),
    [4, 4],
    (0, 4),
    (2, -2),
    (numpy.int64(3), 4),
    (3.0, 4),
]
AXES_VALUES = [
    None,
    (0, 1),
    (1, 0),
    (-1,),
    (0,),
    (0, 0),
    (-1, -1),
    (0, 1, 2),
    (1, 2),
    (),
    (2, 0),
    (3,),
    [0, -1],
    0,
    (numpy.int64(1), 2),
]


@pytest.mark.parametrize("name", N_D)
@pytest.mark.parametrize("s", S_VALUES)
def test_s_and_axes(name, s):
    x = sample(name, (3, 4, 5))
    for axes in AXES_VALUES:
        same(
            lambda m, axes=axes: getattr(m.fft, name)(
                _nx(x) if m is numoxide else x, s=s, axes=axes
            )
        )
        same(
            lambda m, axes=axes: getattr(m.fft, name)(
                _nx(x[0, 0]) if m is numoxide else x[0, 0], s=s, axes=axes
            )
        )


@pytest.mark.parametrize("name", ONE_D + N_D)
@pytest.mark.parametrize("out_dtype", ["complex128", "complex64", "float64", "float32", "int64"])
def test_out_dtype_and_shape(name, out_dtype):
    # Wrong ndim/axis length is NumPy's "wrong shape"; a result that cannot be cast
    # (same_kind) is _UFuncOutputCastingError, checked before the loop dimensions
    # broadcast (with the iterator's messages).
    x = sample(name, (4, 6))
    t = getattr(numpy.fft, name)(x)
    shapes = [
        t.shape,
        (t.shape[0], t.shape[1] + 1),
        (t.shape[0] + 1, t.shape[1]),
        t.shape[::-1],
        t.shape[1:],
    ]
    for shape in shapes:

        def call(m, shape=shape):
            out = m.zeros(shape, dtype=out_dtype)
            res = getattr(m.fft, name)(_nx(x) if m is numoxide else x, out=out)
            assert res is out
            return out

        same(call)


@pytest.mark.parametrize("name", ONE_D)
def test_out_loop_dimensions_broadcast(name):
    x1 = sample(name, (1, 6))
    x3 = sample(name, (3, 6))
    t = getattr(numpy.fft, name)(x1)

    def grow(m):
        out = m.zeros((3, t.shape[1]), dtype=t.dtype)
        assert getattr(m.fft, name)(_nx(x1) if m is numoxide else x1, out=out) is out
        return out

    same(grow)
    same(
        lambda m: getattr(m.fft, name)(
            _nx(x3) if m is numoxide else x3, out=m.zeros((1, t.shape[1]), dtype=t.dtype)
        )
    )
    x = sample(name, (3, 4, 6))
    t3 = getattr(numpy.fft, name)(x, axis=1)
    for shape in [
        (1, t3.shape[1], 6),
        (3, t3.shape[1], 1),
        (2, t3.shape[1], 6),
        (3, t3.shape[1], 5),
    ]:
        same(
            lambda m, shape=shape: getattr(m.fft, name)(
                _nx(x) if m is numoxide else x, axis=1, out=m.zeros(shape, dtype=t3.dtype)
            )
        )


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize(
    ("in_loop", "out_loop"), [((0,), (1,)), ((2, 0), (2, 1)), ((0, 3), (1, 3))]
)
def test_out_cannot_broadcast_to_empty_loop(name, in_loop, out_loop):
    # An empty loop dimension is the broadcast shape's (NumPy prints 0 there, not 1).
    x = sample(name, (*in_loop, 6))
    t = getattr(numpy.fft, name)(sample(name, (1, 6)))
    same(
        lambda m: getattr(m.fft, name)(
            _nx(x) if m is numoxide else x, out=m.zeros((*out_loop, t.shape[1]), dtype=t.dtype)
        )
    )


@pytest.mark.parametrize("name", ["fft", "ifft", "fft2", "ifft2", "fftn", "ifftn"])
def test_out_layouts_and_aliasing(name):
    x = sample(name, (4, 6))

    def strided(m):
        out = m.zeros((4, 12), dtype="complex128")[:, ::2]
        assert getattr(m.fft, name)(_nx(x) if m is numoxide else x, out=out) is out
        return out

    def fortran(m):
        out = m.zeros((4, 6), dtype="complex128", order="F")
        assert getattr(m.fft, name)(_nx(x) if m is numoxide else x, out=out) is out
        return out

    def alias(m):
        a = (_nx(x) if m is numoxide else x).copy()
        assert getattr(m.fft, name)(a, out=a) is a
        return a

    same(strided)
    same(fortran)
    same(alias)
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x, out=[0] * 6))


@pytest.mark.parametrize("name", ["fft", "ifft"])
def test_out_overlapping_other_half_of_input(name):
    x = sample(name, (4, 6))

    def overlap(m):
        a = (_nx(x) if m is numoxide else x).copy()
        getattr(m.fft, name)(a[:, :3], n=3, out=a[:, 3:], axis=1)
        return a

    same(overlap)


LAYOUTS = {
    "fortran": lambda a: a.T.copy().T,
    "negative": lambda a: a[::-1, ::-2],
    "transposed": lambda a: a.T,
    "sliced": lambda a: a[1:7:3, 2:],
}


@pytest.mark.parametrize("name", ONE_D + N_D)
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_input_layouts(name, layout):
    base = sample(name, (8, 10))
    view = LAYOUTS[layout]
    same(lambda m: getattr(m.fft, name)(view(_nx(base) if m is numoxide else base)))
    if name in ONE_D:
        same(lambda m: getattr(m.fft, name)(view(_nx(base) if m is numoxide else base), axis=0))
    else:
        same(lambda m: getattr(m.fft, name)(view(_nx(base) if m is numoxide else base), axes=(0,)))


@pytest.mark.parametrize("name", ONE_D)
def test_large_batch_tiny_length(name):
    x = sample(name, (50000, 2))
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x))
    same(lambda m: getattr(m.fft, name)(_nx(x.T) if m is numoxide else x.T, axis=0))


def _exact(ours, theirs):
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    assert numpy.array_equal(o, theirs, equal_nan=True)


def _freq_same(fn):
    """fftfreq/rfftfreq results are exact (the same float operations as NumPy)."""
    same_call(fn, _exact)


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
@pytest.mark.parametrize("n", [1, 2, 5, 8, 0, -1, -4, numpy.int32(5), 5.0, True])
@pytest.mark.parametrize(
    "d", [None, 1.0, 0.5, 3, numpy.float32(0.1), 0, numpy.float64(0.0), 1j, "x", -2.0, True]
)
def test_freq_arguments(name, n, d):
    # A NumPy-scalar d is NumPy's scalar arithmetic (float32 rounding, a warning for
    # zero), a complex d a complex result, a bool n an empty() error for fftfreq only.
    if d is None:
        _freq_same(lambda m: getattr(m.fft, name)(n))
    else:
        _freq_same(lambda m: getattr(m.fft, name)(n, d))


@pytest.mark.parametrize("name", ["fftfreq", "rfftfreq"])
def test_freq_device_and_keywords(name):
    _freq_same(lambda m: getattr(m.fft, name)(5, device="cpu"))
    _freq_same(lambda m: getattr(m.fft, name)(5, device="gpu"))
    _freq_same(lambda m: getattr(m.fft, name)(n=5, d=0.2))
    _freq_same(lambda m: getattr(m.fft, name)(numpy.int64(6), numpy.float64(0.25)))
    assert_same_error(lambda m: getattr(m.fft, name)(4, m.array([1.0, 2.0])))


@pytest.mark.parametrize("name", ["fftshift", "ifftshift"])
@pytest.mark.parametrize("shape", [(5,), (4, 6), (3, 4, 5), (0,), (2, 0, 3)])
def test_shift_axes_forms(name, shape):
    x = numpy.arange(math.prod(shape), dtype=float).reshape(shape)
    for axes in [None, 0, -1, (0,), (0, 0), [0, -1], (), 5, (1,), numpy.int64(0)]:
        _freq_same(
            lambda m, axes=axes: getattr(m.fft, name)(_nx(x) if m is numoxide else x, axes=axes)
        )
    _freq_same(lambda m: getattr(m.fft, name)([1, 2, 3, 4, 5]))
    _freq_same(lambda m: getattr(m.fft, name)(m.array([True, False, True])))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 6), min_size=1, max_size=3),
    st.sampled_from(N_D),
    st.data(),
)
def test_hypothesis_n_dimensional(shape, name, data):
    nd = len(shape)
    k = data.draw(st.integers(1, nd)) if not name.endswith("2") else 2
    if name.endswith("2") and nd < 2:
        shape = shape + [3]
        nd = 2
    axes = data.draw(st.lists(st.integers(-nd, nd - 1), min_size=k, max_size=k))
    s = data.draw(st.one_of(st.none(), st.lists(st.integers(1, 8), min_size=k, max_size=k)))
    norm = data.draw(st.sampled_from([None, "ortho", "forward"]))
    dtype = data.draw(
        st.sampled_from(
            ["float32", "float64"] if name in REAL_IN else ["float64", "complex64", "complex128"]
        )
    )
    x = sample(name, tuple(shape), dtype)
    same(lambda m: getattr(m.fft, name)(_nx(x) if m is numoxide else x, s=s, axes=axes, norm=norm))


@pytest.mark.parametrize("name", ["fft", "rfft", "irfft", "fftn"])
@pytest.mark.parametrize("out_dtype", ["complex128", "float64", "int64"])
def test_read_only_out_is_checked_before_its_dtype(name, out_dtype):
    x = sample(name, (3, 4))
    t = getattr(numpy.fft, name)(x)

    def call(m, shape):
        out = m.zeros(shape, dtype=out_dtype)
        out.flags.writeable = False
        return getattr(m.fft, name)(_nx(x) if m is numoxide else x, out=out)

    same(lambda m: call(m, t.shape))
    same(lambda m: call(m, (3, t.shape[1] + 1)))
    same(lambda m: call(m, (2, t.shape[1])))
