"""The ndarray object: attributes, flags, views and bases, memory sharing, astype casting
semantics over all 14x14 dtype pairs, copy orders, view(dtype), tobytes, tolist, item,
iteration, len, the buffer protocol and __array_interface__, flat."""

import sys
import warnings

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, FLOAT_DTYPES, INT_DTYPES, assert_same, assert_same_error, both
from hypothesis import given
from hypothesis import strategies as st
from strategies import LAYOUTS, array_and_layout, arrays, dtypes, layouts, shapes


def pair(base, layout="as_is"):
    """(numpy_array, numoxide_array) with the same layout applied to each."""
    f = LAYOUTS[layout]
    return f(numpy, numpy.array(base)), f(numoxide, numoxide.array(base))


# ----- attributes -----------------------------------------------------------------------


@given(array_and_layout())
def test_attributes(case):
    base, layout = case
    t, o = pair(base, layout)
    assert o.shape == t.shape and o.ndim == t.ndim and o.size == t.size
    assert str(o.dtype) == str(t.dtype)
    assert o.itemsize == t.itemsize and o.nbytes == t.nbytes
    assert o.strides == t.strides
    assert type(o.shape) is tuple and type(o.strides) is tuple
    assert_same(o.T, t.T)
    if t.ndim >= 2:
        assert_same(o.mT, t.mT)
        assert o.mT.strides == t.mT.strides
    assert o.T.strides == t.T.strides
    assert_same(o.real, t.real)
    assert_same(o.imag, t.imag)


def test_mT_needs_2d():
    assert_same_error(lambda m: m.arange(3).mT)


@given(array_and_layout())
def test_flags(case):
    base, layout = case
    t, o = pair(base, layout)
    for name in ["c_contiguous", "f_contiguous", "writeable", "aligned", "owndata", "writebackifcopy"]:
        assert getattr(o.flags, name) == getattr(t.flags, name), name
    for key in ["C_CONTIGUOUS", "F_CONTIGUOUS", "WRITEABLE", "OWNDATA", "C", "F", "W", "O", "ALIGNED", "A"]:
        assert o.flags[key] == t.flags[key], key
    for name in ["contiguous", "fortran", "behaved", "carray", "farray", "forc", "fnc"]:
        assert getattr(o.flags, name) == getattr(t.flags, name), name


def test_flags_repr_and_writeable_toggle():
    t, o = numpy.arange(4), numoxide.arange(4)
    assert repr(o.flags) == repr(t.flags)
    o.flags.writeable = False
    t.flags.writeable = False
    assert repr(o.flags) == repr(t.flags)
    assert_same_error(lambda m: m.arange(3)[::2].__setitem__(0, 1) if False else _readonly(m))
    o.flags.writeable = True
    o[0] = 5
    assert o[0] == 5


def _readonly(m):
    a = m.arange(3)
    a.flags.writeable = False
    a[0] = 1


def test_views_of_readonly_cannot_become_writeable():
    for m in (numpy, numoxide):
        a = m.arange(4)
        a.flags.writeable = False
        v = a[1:]
        assert not v.flags.writeable
    assert_same_error(_make_view_writeable)


def _make_view_writeable(m):
    a = m.arange(4)
    a.flags.writeable = False
    a[1:].flags.writeable = True


def test_diagonal_is_readonly():
    assert_same_error(lambda m: m.eye(3).diagonal().__setitem__(0, 1))


@pytest.mark.parametrize("new_shape", [(6,), (2, 3), (3, -1), (1, 6, 1), -1, (), (4,), (2, 2)])
def test_shape_setter(new_shape):
    def go(m, base_shape=(2, 3)):
        a = m.arange(6).reshape(base_shape)
        a.shape = new_shape
        return a

    both(go)


def test_shape_setter_needs_view():
    def go(m):
        a = m.arange(6).reshape(2, 3).T
        a.shape = (6,)

    assert_same_error(go)


# ----- bases and memory sharing ---------------------------------------------------------


def test_base_chain_is_collapsed_to_owner():
    for m in (numpy, numoxide):
        a = m.arange(12)
        b = a.reshape(3, 4)
        c = b[1:, ::2]
        d = c.T
        assert a.base is None
        assert b.base is a and c.base is a and d.base is a
        assert a.flags.owndata and not b.flags.owndata and not d.flags.owndata
        assert b.copy().base is None
        assert a.view().base is a
        assert a.astype(a.dtype, copy=False) is a
        assert a.astype(a.dtype).base is None
        assert m.asarray(a) is a and m.asarray(b) is b


@pytest.mark.parametrize(
    "make",
    [
        lambda m, a: a[1:],
        lambda m, a: a[::-1],
        lambda m, a: a.reshape(2, 6),
        lambda m, a: a.reshape(3, 4).T,
        lambda m, a: a.view("u8"),
        lambda m, a: a[None],
        lambda m, a: a.reshape(3, 4)[:, 1],
        lambda m, a: a.ravel(),
    ],
)
def test_views_share_and_write_through(make):
    for m in (numpy, numoxide):
        a = m.arange(12)
        v = make(m, a)
        assert v.base is a
        assert m.shares_memory(a, v) and m.may_share_memory(a, v)
    t, o = numpy.arange(12), numoxide.arange(12)
    tv, ov = make(numpy, t), make(numoxide, o)
    tv[...] = 7
    ov[...] = 7
    assert_same(o, t)


@given(st.integers(0, 12), st.integers(0, 12), st.integers(1, 4), st.integers(0, 12), st.integers(0, 12), st.integers(1, 4))
def test_shares_memory_random_slices(s0, e0, k0, s1, e1, k1):
    def go(m, shares):
        a = m.arange(24).reshape(2, 12)
        x, y = a[:, s0:e0:k0], a[:, s1:e1:k1]
        return (m.shares_memory(x, y), m.may_share_memory(x, y)) if shares else m.shares_memory(x, x.copy())

    ours, theirs = go(numoxide, True), go(numpy, True)
    assert ours[0] == theirs[0]
    # may_share_memory is a bounds check: it may say True where NumPy's says True.
    assert ours[1] == theirs[1]
    assert go(numoxide, False) is False


def test_shares_memory_other_cases():
    for m in (numpy, numoxide):
        a = m.zeros(10)
        assert not m.shares_memory(a, m.zeros(10))
        assert m.shares_memory(a[::2], a[2::2])
        assert not m.shares_memory(a[::2], a[1::2])
        assert m.may_share_memory(a[::2], a[1::2])
        assert not m.shares_memory(a[:0], a)
        c = m.zeros(4, dtype=m.complex128)
        assert m.shares_memory(c.real, c) and not m.shares_memory(c.real, c.imag)


# ----- astype: 14 x 14 dtype pairs -------------------------------------------------------

SPECIAL_FLOATS = [0.0, -0.0, 1.5, -1.5, 2.5, -2.7, 0.49999999999999994, 127.9, 128.0, 255.5, 256.0, -129.0,
                  32767.5, 65535.0, 65536.0, 2.0**31, -(2.0**31) - 1, 2.0**32, 2.0**63, -(2.0**63), 2.0**64,
                  1e20, -1e20, 1e-40, 6.1e-5, 65504.0, 65520.0, 3.4e38, 3.5e38, 1e300,
                  float("inf"), float("-inf"), float("nan")]


def _special_source(dtype):
    """NumPy values of `dtype` covering NaN/inf/-0.0, rounding ties and every integer
    type's range edges."""
    d = numpy.dtype(dtype)
    if d.kind == "b":
        return numpy.array([False, True, True, False])
    if d.kind in "iu":
        info = numpy.iinfo(d)
        vals = {0, 1, 2, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 2**31 - 1, 2**31, 2**32 - 1, 2**53 + 1,
                2**63 - 1, 2**64 - 1, -1, -128, -129, -32768, -(2**31), -(2**63), 16777217}
        return numpy.array(sorted(v for v in vals if info.min <= v <= info.max), dtype=d)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        real = numpy.array(SPECIAL_FLOATS).astype(d if d.kind == "f" else d.char.lower())
        if d.kind == "c":
            real = real.astype(d) + 1j * real[::-1].astype(d)
    return real


def _defined(src_values, dst):
    """Mask of the elements whose cast NumPy defines. Float -> uint32 of NaN, infinities
    and values outside (-2**31 - 1, 2**32) is undefined in C and NumPy's result depends
    on the element's position (its SIMD blocks of 4 give 2**31 for NaN, its scalar
    remainder loop 0); numoxide follows the scalar loop. Those elements are excluded."""
    if numpy.dtype(dst) != numpy.dtype("uint32") or src_values.dtype.kind not in "fc":
        return numpy.ones(src_values.shape, dtype=bool)
    v = src_values.real.astype(numpy.float64)
    with numpy.errstate(invalid="ignore"):
        return numpy.isfinite(v) & (v > -2147483649.0) & (v < 4294967296.0)


def _assert_cast_same(ours, theirs, src_values, dst):
    mask = _defined(src_values, dst)
    if mask.all():
        assert_same(ours, theirs)
    else:
        assert_same(numoxide.array(numpy.asarray(ours)[mask]), theirs[mask])


@pytest.mark.parametrize("src", ALL_DTYPES)
@pytest.mark.parametrize("dst", ALL_DTYPES)
def test_astype_all_pairs_special_values(src, dst):
    """Casting semantics of every pair: truncation toward zero, wrap-around of integers,
    NaN/inf/out-of-range floats to integers (NumPy's platform result), float overflow to
    inf, complex to real drops the imaginary part (NumPy warns ComplexWarning)."""
    base = _special_source(src)
    t_src, o_src = base, numoxide.array(base)
    with warnings.catch_warnings(record=True) as caught_theirs:
        warnings.simplefilter("always")
        theirs = t_src.astype(dst)
    with warnings.catch_warnings(record=True) as caught_ours:
        warnings.simplefilter("always")
        ours = o_src.astype(dst)
    _assert_cast_same(ours, theirs, base, dst)
    # ComplexWarning exactly when NumPy warns it (complex -> real); RuntimeWarning
    # ("invalid value encountered in cast" / "overflow ...") exactly when NumPy does.
    assert _warned(caught_ours, "ComplexWarning") == _warned(caught_theirs, "ComplexWarning")
    assert _messages(caught_ours) == _messages(caught_theirs)


def _messages(caught):
    return sorted({str(w.message) for w in caught if type(w.message).__name__ == "RuntimeWarning"})


def _warned(caught, name):
    return any(type(w.message).__name__ == name for w in caught)


@pytest.mark.parametrize("mode", ["raise", "ignore"])
def test_astype_cast_errors_follow_errstate(mode):
    def go(m):
        with m.errstate(invalid=mode, over=mode):
            return m.array([numpy.nan, 1e300]).astype("int32"), m.array([1e300]).astype("float32")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            theirs = go(numpy)
        except FloatingPointError:
            ours, _ = assert_same_error(go)
            assert str(ours) == "invalid value encountered in cast"
            return
    assert_same(go(numoxide), theirs)


@given(dtypes(), dtypes(), st.data())
def test_astype_random_values_and_layouts(src, dst, data):
    base = data.draw(arrays(src))
    layout = data.draw(layouts())
    t, o = pair(base, layout)
    order = data.draw(st.sampled_from(["C", "F", "A", "K"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = t.astype(dst, order=order)
        ours = o.astype(dst, order=order)
    _assert_cast_same(ours.ravel(), theirs.ravel(), t.ravel(), dst)
    assert ours.shape == theirs.shape
    assert ours.strides == theirs.strides
    assert ours.flags.c_contiguous == theirs.flags.c_contiguous


@pytest.mark.parametrize("casting", ["no", "equiv", "safe", "same_kind", "unsafe"])
@pytest.mark.parametrize("src", ALL_DTYPES)
def test_astype_casting_rule(src, casting):
    for dst in ALL_DTYPES + [">i4", ">f8"]:
        both(lambda m, dst=dst: m.zeros(2, dtype=src).astype(dst, casting=casting))


@pytest.mark.parametrize("copy", [True, False])
@pytest.mark.parametrize("dst", ["int64", "float64", ">i8", "int32"])
def test_astype_copy_flag(copy, dst):
    for m in (numpy, numoxide):
        a = m.arange(4)
        b = a.astype(dst, copy=copy)
        same = not copy and numpy.dtype(dst) == numpy.dtype("int64")
        assert (b is a) == same


def test_astype_bad_args():
    assert_same_error(lambda m: m.arange(3).astype("float64", casting="sideways"))
    assert_same_error(lambda m: m.arange(3).astype("float64", order="X"))
    assert_same_error(lambda m: m.arange(3).astype("nonsense"))


# ----- copy, view(dtype), tobytes, tolist, item ----------------------------------------


@given(array_and_layout(), st.sampled_from(["C", "F", "A", "K"]))
def test_copy_orders(case, order):
    base, layout = case
    t, o = pair(base, layout)
    theirs, ours = t.copy(order=order), o.copy(order=order)
    assert_same(ours, theirs)
    assert ours.strides == theirs.strides
    assert ours.flags.owndata and ours.base is None
    theirs2, ours2 = numpy.copy(t, order=order), numoxide.copy(o, order=order)
    assert ours2.strides == theirs2.strides


@given(dtypes(), dtypes(), shapes(min_dims=0, max_dims=3), layouts())
def test_view_dtype(src, dst, shape, layout):
    base = numpy.arange(int(numpy.prod(shape)), dtype="u1").astype(src).reshape(shape)
    t, o = pair(base, layout)
    try:
        theirs = t.view(dst)
    except Exception:  # noqa: BLE001 - the class is compared below
        assert_same_error(lambda m: LAYOUTS[layout](m, m.asarray(base)).view(dst))
        return
    ours = o.view(dst)
    assert_same(ours, theirs)
    assert ours.strides == theirs.strides
    assert ours.base is (o.base if o.base is not None else o)


def test_view_without_dtype_and_type_argument():
    for m in (numpy, numoxide):
        a = m.arange(3)
        assert a.view().base is a
        assert a.view(m.ndarray).base is a
        assert type(a.view(m.ndarray)) is m.ndarray


@given(array_and_layout(), st.sampled_from(["C", "F", "A", "K"]))
def test_tobytes(case, order):
    base, layout = case
    t, o = pair(base, layout)
    assert o.tobytes(order) == t.tobytes(order)


def test_tobytes_bad_order():
    assert_same_error(lambda m: m.arange(3).tobytes("X"))


@pytest.mark.parametrize("order", ["C", "F", "A"])
def test_tobytes_swapped_dtype(order):
    t = numpy.arange(6, dtype=">i4").reshape(2, 3)
    o = numoxide.array(t)
    assert o.tobytes(order) == t.tobytes(order)


@given(array_and_layout())
def test_tolist(case):
    base, layout = case
    t, o = pair(base, layout)
    ours, theirs = o.tolist(), t.tolist()
    _same_pyobj(ours, theirs)


def _same_pyobj(ours, theirs):
    assert type(ours) is type(theirs), (type(ours), type(theirs))
    if isinstance(theirs, list):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            _same_pyobj(a, b)
    elif isinstance(theirs, float):
        assert (ours != ours and theirs != theirs) or (ours == theirs and str(ours) == str(theirs))
    elif isinstance(theirs, complex):
        _same_pyobj(ours.real, theirs.real)
        _same_pyobj(ours.imag, theirs.imag)
    else:
        assert ours == theirs


@given(arrays(), st.data())
def test_item(base, data):
    t, o = pair(base)
    if t.size == 1:
        _same_pyobj(o.item(), t.item())
    else:
        assert_same_error(lambda m: m.asarray(base).item())
    if t.size:
        flat = data.draw(st.integers(-t.size - 2, t.size + 1))
        try:
            theirs = t.item(flat)
        except IndexError:
            assert_same_error(lambda m: m.asarray(base).item(flat))
        else:
            _same_pyobj(o.item(flat), theirs)
        if t.ndim:
            idx = tuple(data.draw(st.integers(-n, n - 1)) for n in t.shape)
            _same_pyobj(o.item(idx), t.item(idx))
            _same_pyobj(o.item(*idx), t.item(*idx))


def test_item_errors():
    assert_same_error(lambda m: m.arange(6).reshape(2, 3).item(1, 5))
    assert_same_error(lambda m: m.arange(6).reshape(2, 3).item(6))
    assert_same_error(lambda m: m.arange(6).reshape(2, 3).item(0, 0, 0))
    assert_same_error(lambda m: m.arange(6).item(1.5))


# ----- iteration, len, conversions -------------------------------------------------------


@given(array_and_layout())
def test_iteration_and_len(case):
    base, layout = case
    t, o = pair(base, layout)
    if t.ndim == 0:
        assert_same_error(lambda m: len(LAYOUTS[layout](m, m.asarray(base))))
        assert_same_error(lambda m: iter(LAYOUTS[layout](m, m.asarray(base))))
        return
    assert len(o) == len(t)
    ours, theirs = list(o), list(t)
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs, strict=True):
        assert_same(a, b)


def test_iteration_yields_views():
    for m in (numpy, numoxide):
        a = m.zeros((2, 3))
        for row in a:
            row[0] = 1
        assert a[1, 0] == 1


@pytest.mark.parametrize("conv", [int, float, complex, bool, lambda x: x.__index__()])
@pytest.mark.parametrize("value", [[3], [[2.5]], [], [1, 2], 7, [-0.0], [1 + 2j]])
def test_scalar_conversions_of_arrays(conv, value):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        both(lambda m: conv(m.array(value)))


# ----- buffer protocol, __array_interface__, __array__ -----------------------------------


@given(array_and_layout())
def test_memoryview(case):
    base, layout = case
    t, o = pair(base, layout)
    mt, mo = memoryview(t), memoryview(o)
    assert mo.format == mt.format or numpy.dtype(mo.format) == numpy.dtype(mt.format)
    assert mo.shape == mt.shape and mo.strides == mt.strides
    assert mo.itemsize == mt.itemsize and mo.ndim == mt.ndim and mo.readonly == mt.readonly
    assert mo.tobytes() == mt.tobytes()


@given(array_and_layout())
def test_numpy_asarray_is_zero_copy(case):
    base, layout = case
    _, o = pair(base, layout)
    view = numpy.asarray(o)
    assert_same(o, view)
    # NumPy reads the buffer protocol, whose strides (like NumPy's own export) are
    # normalized for C-contiguous arrays.
    assert view.strides == memoryview(o).strides
    if o.size > 1 and 1 not in o.shape:
        assert view.strides == o.strides
    if o.size:
        o_ptr = o.__array_interface__["data"][0]
        assert view.__array_interface__["data"][0] == o_ptr
        assert numpy.shares_memory(view, numpy.asarray(o))


def test_zero_copy_both_ways_writes_through():
    t = numpy.arange(6.0).reshape(2, 3)
    o = numoxide.asarray(t)
    o[0, 0] = 100
    assert t[0, 0] == 100
    back = numpy.asarray(o)
    back[1, 2] = -1
    assert o[1, 2] == -1 and t[1, 2] == -1
    # numpy.frombuffer over a numoxide array shares its memory too.
    f = numpy.frombuffer(o, dtype=numpy.float64)
    assert f.tolist() == t.ravel().tolist()
    o2 = numoxide.arange(4, dtype="int32")
    f2 = numpy.frombuffer(o2, dtype=numpy.int32)
    assert f2.flags.writeable and not memoryview(o2).readonly
    assert f2.tolist() == [0, 1, 2, 3]
    o2[2] = 9
    assert f2[2] == 9


def test_numoxide_frombuffer_of_numoxide_array():
    o = numoxide.arange(4, dtype="int16")
    f = numoxide.frombuffer(o, dtype="int16")
    assert_same(f, numpy.frombuffer(numpy.arange(4, dtype="int16"), dtype="int16"))
    assert numoxide.shares_memory(f, o) or f.base is not None


def test_readonly_buffer_exports_readonly():
    o = numoxide.arange(3)
    o.flags.writeable = False
    assert memoryview(o).readonly
    assert not numpy.asarray(o).flags.writeable


@given(array_and_layout())
def test_array_interface(case):
    base, layout = case
    t, o = pair(base, layout)
    io, it = o.__array_interface__, t.__array_interface__
    assert io["shape"] == it["shape"] and io["typestr"] == it["typestr"] and io["version"] == it["version"]
    assert io["strides"] == it["strides"]
    assert io["data"][1] == it["data"][1]
    assert io["descr"] == it["descr"]


@pytest.mark.parametrize("dtype", [None, "float32", "int8"])
@pytest.mark.parametrize("copy", [None, True])
def test_dunder_array(dtype, copy):
    o = numoxide.arange(4)
    a = o.__array__(dtype, copy=copy)
    assert isinstance(a, numpy.ndarray)
    assert a.tolist() == [0, 1, 2, 3] and str(a.dtype) == (dtype or "int64")


# ----- flat ------------------------------------------------------------------------------


@given(array_and_layout(), st.data())
def test_flat_get(case, data):
    base, layout = case
    t, o = pair(base, layout)
    assert len(o.flat) == len(t.flat)
    assert_same(o.flat[:], t.flat[:])
    if t.size:
        i = data.draw(st.integers(-t.size, t.size - 1))
        assert_same(o.flat[i], t.flat[i])
        sl = slice(data.draw(st.integers(-3, 5)), data.draw(st.integers(-3, 9)), data.draw(st.sampled_from([1, 2, -1])))
        assert_same(o.flat[sl], t.flat[sl])
    for a, b in zip(o.flat, t.flat, strict=True):
        assert_same(a, b)
    assert o.flat.base is o
    assert_same(o.flat.copy(), t.flat.copy())
    ours_np, theirs_np = numpy.asarray(o.flat), numpy.asarray(t.flat)
    assert ours_np.dtype == theirs_np.dtype
    numpy.testing.assert_array_equal(ours_np, theirs_np)


@given(array_and_layout(dtype="int32"), st.data())
def test_flat_set(case, data):
    base, layout = case
    t, o = pair(base, layout)
    if t.size == 0:
        return
    i = data.draw(st.integers(-t.size, t.size - 1))
    t.flat[i] = 77
    o.flat[i] = 77
    t.flat[::2] = [1, 2]
    o.flat[::2] = [1, 2]
    assert_same(o, t)
    t.flat = [5, 6, 7]
    o.flat = [5, 6, 7]
    assert_same(o, t)


def test_flat_errors():
    assert_same_error(lambda m: m.arange(4).flat[4])
    assert_same_error(lambda m: m.arange(4).flat.__setitem__(-5, 1))


# ----- misc ------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", INT_DTYPES + FLOAT_DTYPES)
def test_fill_casts(dtype):
    def go(m, v):
        a = m.zeros(3, dtype=dtype)
        a.fill(v)
        return a

    for v in [1, -1, 2.7, 300, True]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            both(go, v)


def test_sys_getsizeof_and_nbytes():
    o = numoxide.zeros((10, 10))
    assert o.nbytes == 800
    assert sys.getsizeof(o) > 0


@given(shapes(min_dims=1, max_dims=3, min_side=1), dtypes())
def test_ndarray_constructor(shape, dtype):
    both(lambda m: m.ndarray(shape, dtype=dtype).shape)
    both(lambda m: m.ndarray(shape, dtype=dtype, order="F").strides)


# ----- the README's example --------------------------------------------------------------


def test_readme_python():
    """The README's Python block runs and prints what its comments say, and what NumPy
    prints for the same code."""
    import contextlib
    import io
    import pathlib
    import re

    text = (pathlib.Path(__file__).parent.parent / "README.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    outputs = {}
    for m in (numpy, numoxide):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(code.replace("import numoxide as np", ""), {"np": m})
        outputs[m.__name__] = buf.getvalue()
    assert outputs["numoxide"] == outputs["numpy"]
    # The comments show the printed text.
    shown = []
    for line in code.splitlines():
        if "#" in line and not line.lstrip().startswith("import"):
            comment = line.split("#", 1)[1]
            if line.lstrip().startswith("#") or line.lstrip().startswith("print("):
                shown.append(comment[1:] if comment.startswith(" ") else comment)
    expected = "\n".join(shown) + "\n"
    assert outputs["numoxide"] == expected


# ----- smaller ndarray methods ------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["int32", "float64", "complex64", "bool"])
def test_conj_dot_trace_contains(dtype):
    def run(m):
        a = m.arange(6).reshape(2, 3).astype(dtype)
        c = a.conj()
        return (c, c is a, a.conjugate(), a.dot(a.T), a.trace(), a.trace(1), 3 in a, 7 in a,
                a.device)

    ours, theirs = run(numoxide), run(numpy)
    for o, t in zip(ours, theirs):
        if isinstance(t, numpy.ndarray):
            assert_same(o, t)
        else:
            assert o == t


def test_data_setflags_to_device():
    for m in (numoxide, numpy):
        a = m.arange(4.0)
        assert bytes(a.data) == numpy.arange(4.0).tobytes()
        a.setflags(write=False)
        assert not a.flags.writeable
        assert a.to_device("cpu") is a
        assert a.__array_priority__ == 0.0
    assert_same_error(lambda m: m.arange(3.0).to_device("gpu"))



@pytest.mark.parametrize(
    "call",
    [
        lambda a, v: a.fill(v),
        lambda a, v: a.put(0, v),
        lambda a, v: a.clip(v),
        lambda a, v: a.searchsorted(v),
        lambda a, v: a.__setitem__(slice(None), v),
    ],
)
@pytest.mark.parametrize("change", ["resize", "shape"])
def test_reentrant_array_change_is_refused_or_safe(call, change):
    # A value whose __array__ changes the very array numoxide is working on. Where numoxide
    # is still reading the array the change is refused with RuntimeError (NumPy allows
    # it); either way the array stays consistent and nothing reads freed memory.
    a = numoxide.zeros(6)

    class Sneaky:
        def __array__(self, dtype=None, copy=None):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                if change == "resize":
                    a.resize(1000, refcheck=False)
                else:
                    a.shape = (2, 3)
            return numoxide.ones(6)

    try:
        call(a, Sneaky())
    except RuntimeError as e:
        assert "reading" in str(e)
        assert a.shape == (6,)
    assert a.sum() >= 0
    assert a.size in (6, 1000)


@pytest.mark.parametrize("maker", ["numpy", "numoxide"])
def test_array_method_protocol(maker):
    # An object whose __array__ returns a NumPy (or numoxide) array is an array-like.
    # NumPy's side always gets a NumPy array back (it cannot read numoxide arrays).
    class Wrapped:
        def __init__(self, source):
            self.source = source

        def __array__(self, dtype=None, copy=None):
            out = self.source.arange(3)
            return out if dtype is None else out.astype(dtype)

    class Bad:
        def __array__(self, dtype=None, copy=None):
            return [1, 2]

    ours_source = numpy if maker == "numpy" else numoxide
    for fn in (
        lambda m, w: m.asarray(w),
        lambda m, w: m.asarray(w, dtype=m.float32),
        lambda m, w: m.add(w, 1),
        lambda m, w: m.array(w, copy=True),
    ):
        assert_same(fn(numoxide, Wrapped(ours_source)), fn(numpy, Wrapped(numpy)))
    assert_same_error(lambda m: m.asarray(Bad()))
