"""ndarray.byteswap: every element's bytes reversed (complex parts each on their own),
bit for bit as NumPy, including NaN payloads and non-native or strided input."""

import numoxide
import numpy
from harness import assert_same_error
from hypothesis import given, settings
from hypothesis import strategies as st

DTYPES = ["?", "i1", "u1", "<i2", ">u2", "<i4", ">i4", "<u8", ">i8", "<f2", ">f2", "<f4", ">f4"]
DTYPES += ["<f8", ">f8", "<c8", ">c8", "<c16", ">c16"]


@settings(max_examples=150, deadline=None)
@given(
    dt=st.sampled_from(DTYPES),
    rows=st.integers(0, 5),
    cols=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    layout=st.sampled_from(["c", "t", "rev-step"]),
    inplace=st.booleans(),
)
def test_byteswap_bits(dt, rows, cols, seed, layout, inplace):
    raw = numpy.random.default_rng(seed).integers(
        0, 256, size=rows * cols * numpy.dtype(dt).itemsize, dtype="u1"
    )
    a = (
        numpy.frombuffer(raw.tobytes(), dtype=dt).reshape(rows, cols)
        if dt != "?"
        else (raw % 2 == 1).reshape(rows, cols)
    )
    a = (
        {"c": a, "t": a.T, "rev-step": a[:, ::-2]}[layout].copy(order="K")
        if inplace
        else {"c": a, "t": a.T, "rev-step": a[:, ::-2]}[layout]
    )
    x = numoxide.asarray(a)
    if inplace:
        b = a.copy()
        y = numoxide.asarray(b.copy())
        assert y.byteswap(inplace=True) is y
        b.byteswap(inplace=True)
        got, want = numpy.asarray(y), b
    else:
        got, want = numpy.asarray(x.byteswap()), a.byteswap()
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def test_byteswap_read_only():
    a = numpy.arange(3)
    a.flags.writeable = False
    x = numoxide.arange(3)
    x.flags.writeable = False
    assert_same_error(lambda m: (a if m is numpy else x).byteswap(inplace=True))
    numpy.testing.assert_array_equal(numpy.asarray(x.byteswap()), a.byteswap())


def test_byte_order_casts_keep_nan_bits():
    """A cast that only changes the byte order copies bits (signaling NaNs stay
    signaling); it used to convert each value and quiet them."""
    for dt, bits in [
        ("f2", [0x7D0A, 0x7C01, 0xFD00]),
        ("f4", [0x7F800001, 0xFFA00000]),
        ("f8", [0x7FF0000000000001]),
    ]:
        a = numpy.array(bits, dtype=f"u{numpy.dtype(dt).itemsize}").view(dt)
        for target in [">" + dt, "<" + dt]:
            got = numpy.asarray(numoxide.asarray(a).astype(target))
            want = a.astype(target)
            assert got.dtype == want.dtype and got.tobytes() == want.tobytes()
