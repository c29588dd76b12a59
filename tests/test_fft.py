"""numoxide.fft against numpy.fft (issue 6, item 3).

Tolerance: rustfft and pocketfft use different factorizations, so results agree to
rounding, not bit for bit. We require |ours - numpy| <= 8 * eps * max(1, log2(n)) *
max|numpy| elementwise (eps of the output precision, n the largest transform length),
which is the error bound of either FFT; exactly representable cases (impulses,
constants, length 1) must match exactly.
"""

import math

import numoxide
import numpy
import pytest
from harness import assert_same_error
from hypothesis import given, settings
from hypothesis import strategies as st

fft_np = numpy.fft
fft_nx = numoxide.fft


def close(ours, theirs, n):
    """Assert dtype, shape equal and values within the stated FFT tolerance."""
    o = numpy.asarray(ours)
    assert isinstance(ours, numoxide.ndarray)
    assert o.dtype == theirs.dtype, f"{o.dtype} != {theirs.dtype}"
    assert o.shape == theirs.shape, f"{o.shape} != {theirs.shape}"
    if theirs.size == 0:
        return
    eps = numpy.finfo(theirs.dtype).eps
    scale = float(numpy.max(numpy.abs(theirs))) if theirs.size else 0.0
    tol = 8 * eps * max(1.0, math.log2(max(n, 2))) * max(scale, numpy.finfo(theirs.dtype).tiny)
    err = float(numpy.max(numpy.abs(o.astype(theirs.dtype) - theirs)))
    assert err <= tol, f"max error {err} > {tol}"


def run(name, data, **kw):
    theirs = getattr(fft_np, name)(data, **kw)
    ours = getattr(fft_nx, name)(numoxide.array(data), **kw)
    n = max(data.shape) if data.ndim else 1
    for v in kw.values():
        if isinstance(v, int):
            n = max(n, v)
        elif isinstance(v, (tuple, list)) and v and all(isinstance(x, int) for x in v):
            n = max(n, *v)
    close(ours, theirs, n)
    return ours


rng = numpy.random.default_rng(1234)
ONE_D = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"]
N_D = ["fft2", "ifft2", "rfft2", "irfft2", "fftn", "ifftn", "rfftn", "irfftn"]
REAL_INPUT = {"rfft", "ihfft", "rfft2", "rfftn"}


def sample(name, shape, dtype="float64"):
    x = rng.standard_normal(shape)
    if name not in REAL_INPUT and dtype.startswith("complex"):
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize("n", [None, 1, 2, 3, 5, 8, 16, 17, 100, 127, 1024])
@pytest.mark.parametrize("norm", [None, "backward", "ortho", "forward"])
def test_one_axis_lengths_and_norms(name, n, norm):
    dtype = "float64" if name in REAL_INPUT else "complex128"
    run(name, sample(name, (37,), dtype), n=n, norm=norm)


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize("dtype", ["bool", "int8", "int64", "uint16", "float16", "float32", "float64", "complex64", "complex128"])
def test_dtypes(name, dtype):
    if name in REAL_INPUT and dtype.startswith("complex"):
        assert_same_error(lambda m: getattr(m.fft, name)(m.ones(4, dtype=dtype)))
        return
    x = (rng.standard_normal(16) * 3).astype(dtype) if dtype != "bool" else rng.random(16) > 0.5
    run(name, x)


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize("axis", [0, 1, -1, -2, 2])
def test_axes_and_batches(name, axis):
    run(name, sample(name, (6, 5, 4), "complex128" if name not in REAL_INPUT else "float64"), axis=axis)


VIEWS = [
    lambda a: a[::2, ::-3],
    lambda a: a.T,
    lambda a: a[:, 5:],
    lambda a: a[::-1],
]


@pytest.mark.parametrize("name", ONE_D)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("axis", [0, 1])
def test_non_contiguous_input(name, view, axis):
    base = sample(name, (12, 20), "complex128" if name not in REAL_INPUT else "float64")
    theirs = getattr(fft_np, name)(view(base), axis=axis)
    ours = getattr(fft_nx, name)(view(numoxide.array(base)), axis=axis)
    close(ours, theirs, 20)


def test_transposed_input():
    base = rng.standard_normal((12, 20)) + 1j * rng.standard_normal((12, 20))
    for axis in (0, 1):
        close(fft_nx.fft(numoxide.array(base).T, axis=axis), fft_np.fft(base.T, axis=axis), 20)
        close(fft_nx.rfft(numoxide.array(base.real).T, axis=axis), fft_np.rfft(base.real.T, axis=axis), 20)


@pytest.mark.parametrize("name", N_D)
@pytest.mark.parametrize(
    "kw",
    [{}, {"s": (4, 6), "axes": (0, 1)}, {"axes": (0,)}, {"axes": (2, 0)}, {"s": (3, 8), "axes": (-1, -2)}, {"norm": "ortho"}, {"norm": "forward"}],
)
def test_n_dimensional(name, kw):
    if name.endswith("2") and "axes" in kw and len(kw["axes"]) != 2:
        kw = {**kw, "axes": (kw["axes"][0], 1)}
    dtype = "float64" if name in REAL_INPUT else "complex128"
    run(name, sample(name, (5, 6, 7), dtype), **kw)


def test_exact_cases():
    imp = numpy.zeros(8)
    imp[0] = 1.0
    for name in ("fft", "rfft", "ifft"):
        ours = numpy.asarray(getattr(fft_nx, name)(numoxide.array(imp)))
        theirs = getattr(fft_np, name)(imp)
        assert numpy.array_equal(ours, theirs)
    assert numpy.array_equal(numpy.asarray(fft_nx.fft(numoxide.ones(1))), fft_np.fft(numpy.ones(1)))
    assert numpy.array_equal(numpy.asarray(fft_nx.fft(numoxide.ones(4))), fft_np.fft(numpy.ones(4)))


def test_empty_batches_and_length_one():
    close(fft_nx.fft(numoxide.zeros((0, 4))), fft_np.fft(numpy.zeros((0, 4))), 4)
    close(fft_nx.rfft(numoxide.zeros((3, 0)), n=4), fft_np.rfft(numpy.zeros((3, 0)), n=4), 4)
    close(fft_nx.irfft(numoxide.ones((2, 1)), n=1), fft_np.irfft(numpy.ones((2, 1)), n=1), 1)
    close(fft_nx.fft(numoxide.array([3.5])), fft_np.fft(numpy.array([3.5])), 1)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.fft.fft(m.ones(4), n=0),
        lambda m: m.fft.fft(m.ones(0)),
        lambda m: m.fft.irfft(m.ones(1)),
        lambda m: m.fft.fft(m.ones(4), norm="bogus"),
        lambda m: m.fft.fft(m.ones(4), axis=3),
        lambda m: m.fft.fft(m.ones(4), n=4, axis=3),
        lambda m: m.fft.fft2(m.ones(4)),
        lambda m: m.fft.fftn(m.ones((4, 4)), s=(2, 2), axes=(0,)),
        lambda m: m.fft.fft(1.0),
        lambda m: m.fft.rfft(m.ones(4, dtype=complex)),
        lambda m: m.fft.fftfreq(2.5),
        lambda m: m.fft.fftfreq(0),
        lambda m: m.fft.fft(m.ones(4), out=m.zeros(3, dtype=complex)),
    ],
)
def test_errors(call):
    assert_same_error(call)


def test_error_texts():
    for m in (numpy, numoxide):
        with pytest.raises(ValueError, match=r"Invalid number of FFT data points \(0\) specified\."):
            m.fft.fft(m.ones(4), n=0)
        with pytest.raises(ValueError, match="Invalid norm value bogus"):
            m.fft.ifft(m.ones(4), norm="bogus")


def test_out_argument():
    x = rng.standard_normal(16)
    out = numoxide.zeros(16, dtype="complex128")
    res = fft_nx.fft(numoxide.array(x), out=out)
    assert res is out
    close(out, fft_np.fft(x), 16)
    out2 = numoxide.zeros(9, dtype="complex128")
    assert fft_nx.rfft(numoxide.array(x), out=out2) is out2
    close(out2, fft_np.rfft(x), 16)


@pytest.mark.parametrize("n", [1, 2, 5, 8, 9])
@pytest.mark.parametrize("d", [1.0, 0.1, 2.5])
def test_freqs(n, d):
    for name in ("fftfreq", "rfftfreq"):
        ours = getattr(fft_nx, name)(n, d)
        theirs = getattr(fft_np, name)(n, d)
        assert numpy.asarray(ours).dtype == theirs.dtype
        assert numpy.array_equal(numpy.asarray(ours), theirs)
    assert numpy.array_equal(numpy.asarray(fft_nx.fftfreq(numpy.int8(5))), fft_np.fftfreq(numpy.int8(5)))


@pytest.mark.parametrize("shape", [(0,), (1,), (5,), (6,), (4, 5), (3, 0, 2), (3, 4, 5)])
@pytest.mark.parametrize("axes", [None, 0, -1, (0,), "all"])
def test_shifts(shape, axes):
    x = numpy.arange(math.prod(shape)).reshape(shape)
    if axes == "all":
        axes = tuple(range(len(shape)))
    if axes is not None and len(shape) == 0:
        return
    for name in ("fftshift", "ifftshift"):
        ours = getattr(fft_nx, name)(numoxide.array(x), axes=axes)
        theirs = getattr(fft_np, name)(x, axes=axes)
        assert numpy.array_equal(numpy.asarray(ours), theirs)
        assert numpy.asarray(ours).dtype == theirs.dtype


def test_round_trips():
    x = rng.standard_normal((8, 10))
    close(fft_nx.ifftn(fft_nx.fftn(numoxide.array(x))), fft_np.ifftn(fft_np.fftn(x)), 10)
    close(fft_nx.irfftn(fft_nx.rfftn(numoxide.array(x)), s=x.shape, axes=(0, 1)), fft_np.irfftn(fft_np.rfftn(x), s=x.shape, axes=(0, 1)), 10)


def test_deprecated_s_without_axes_warns():
    for m in (numpy, numoxide):
        with pytest.warns(DeprecationWarning):
            m.fft.fftn(m.ones((4, 4)), s=(4, 4))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 9), min_size=1, max_size=3),
    st.sampled_from(["float32", "float64", "complex64", "complex128", "int32"]),
    st.integers(0, 2),
    st.sampled_from(ONE_D),
    st.one_of(st.none(), st.integers(1, 12)),
)
def test_hypothesis_one_axis(shape, dtype, axis_pick, name, n):
    axis = axis_pick % len(shape)
    if name in REAL_INPUT and dtype.startswith("complex"):
        dtype = "float64"
    x = (rng.standard_normal(shape) * 4).astype(dtype) if not dtype.startswith("complex") else (
        rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    ).astype(dtype)
    if name in ("irfft", "hfft") and n is None and x.shape[axis] == 1:
        n = 2
    run(name, x, n=n, axis=axis)


def test_shift_of_0d_raises_as_numpy():
    for name in ("fftshift", "ifftshift"):
        assert_same_error(lambda m, name=name: getattr(m.fft, name)(m.asarray(3.0)))


@pytest.mark.parametrize("name", ["fft", "ifft", "rfft"])
@pytest.mark.parametrize("shape,axis", [((0,), -1), ((4, 0), 1), ((0, 3), 0)])
def test_empty_input_zero_pads(name, shape, axis):
    # A zero-length line padded to n is all zeros (it used to be left unwritten).
    data = numpy.zeros(shape, "complex128" if name != "rfft" else "float64")
    theirs = getattr(fft_np, name)(data, n=6, axis=axis)
    ours = getattr(fft_nx, name)(numoxide.array(data), n=6, axis=axis)
    assert numpy.array_equal(numpy.asarray(ours), theirs) and numpy.asarray(ours).dtype == theirs.dtype


@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
@pytest.mark.parametrize("norm", ["ortho", "forward", "backward"])
def test_float16_norm_factor_is_rounded_to_half(name, norm):
    # NumPy's working precision for float16 input is float16: the ortho/forward factor is
    # rounded to half before the complex64 transform.
    data = numpy.random.default_rng(3).standard_normal(7).astype(numpy.float16)
    theirs = getattr(fft_np, name)(data, n=9, norm=norm)
    ours = getattr(fft_nx, name)(numoxide.array(data), n=9, norm=norm)
    close(ours, theirs, 9)


@pytest.mark.parametrize("name", ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft"])
@pytest.mark.parametrize("n,axis", [(0, -1), (-1, 5), (None, 5), (4, 5)])
def test_argument_check_order(name, n, axis):
    # n, then norm, then axis (hfft/ihfft check the norm before n); same message.
    data = numpy.ones(8, "complex128" if name in ("irfft", "hfft", "ifft", "fft") else "float64")
    ours, theirs = assert_same_error(lambda m, x: getattr(m.fft, name)(x, n=n, axis=axis, norm="bad"), numoxide.array(data))
    assert str(ours) == str(theirs)


def test_shift_and_freq_edge_cases():
    x = numpy.arange(5.0)
    for axes in (1, (0, 1), (-2,)):
        for f in ("fftshift", "ifftshift"):
            assert_same_error(lambda m, a, f=f, axes=axes: getattr(m.fft, f)(a, axes=axes), numoxide.array(x))
    for n in (-1, -2, -3):
        theirs = fft_np.rfftfreq(n)
        ours = fft_nx.rfftfreq(n)
        assert numpy.asarray(ours).shape == theirs.shape and numpy.asarray(ours).dtype == theirs.dtype
    assert_same_error(lambda m: m.fft.fftfreq(-1))
    assert_same_error(lambda m: m.fft.fftfreq(0, device="gpu"))
    assert_same_error(lambda m: m.fft.fftfreq(0, 1.0))
    with numpy.errstate(divide="ignore"):
        assert numpy.asarray(fft_nx.fftfreq(0, numpy.float64(1.0))).shape == fft_np.fftfreq(0, numpy.float64(1.0)).shape
    for axes in ((1, 0), (2,)):
        for f in ("fftn", "rfftn", "fft2"):
            ours, theirs = assert_same_error(lambda m, a, f=f, axes=axes: getattr(m.fft, f)(a, axes=axes), numoxide.array(x))
            assert str(ours) == str(theirs)
    ours, theirs = assert_same_error(lambda m, a: m.fft.fftn(a, axes=(0,)), numoxide.array(numpy.float64(1.0)))
    assert str(ours) == str(theirs)
