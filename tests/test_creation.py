"""Array creation: arange, linspace/logspace/geomspace, eye/identity/diag/tri*, meshgrid,
indices, fromfunction, frombuffer, fromiter, and the array/asarray family."""

import array as pyarray
import math

import numoxide
import numpy
import pytest
from harness import ALL_DTYPES, assert_same, assert_same_error, both
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import LAYOUTS, arrays, layouts, shapes

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]

# ----- arange ---------------------------------------------------------------------------


def _arange_len(start, stop, step):
    """Python's view of NumPy's arange length, to keep generated cases small."""
    try:
        return math.ceil((stop - start) / step)
    except (ZeroDivisionError, OverflowError, ValueError):
        return 0


@given(
    st.integers(-(2**40), 2**40),
    st.integers(-(2**40), 2**40),
    st.integers(-(2**40), 2**40).filter(lambda s: s != 0),
)
def test_arange_ints(start, stop, step):
    assume(_arange_len(start, stop, step) <= 5000)
    both(lambda m: m.arange(start, stop, step))


finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(finite, finite, st.floats(1e-3, 1e5) | st.floats(-1e5, -1e-3))
def test_arange_floats_bit_identical(start, stop, step):
    assume(_arange_len(start, stop, step) <= 5000)
    both(lambda m: m.arange(start, stop, step))


@given(
    st.integers(-50, 50) | finite,
    st.integers(-50, 50) | finite,
    st.sampled_from([1, 2, -1, -3, 0.5, 0.1, -0.25, 3.7]),
    st.sampled_from(ALL_DTYPES + [">i4", ">f8", "<c8"]),
)
def test_arange_dtype(start, stop, step, dtype):
    assume(_arange_len(start, stop, step) <= 5000)
    both(lambda m: m.arange(start, stop, step, dtype=dtype))


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((5,), {}),
        ((0,), {}),
        ((-3,), {}),
        ((2.5,), {}),
        ((1, 5), {}),
        ((5, 0), {}),
        ((5, 0, -1), {}),
        ((0, 1, 0.1), {}),
        ((0, -0.0, 1.0), {}),
        ((0, 1e-300, 1e300), {}),
        ((True, 3), {}),
        ((1j, 4 + 4j), {}),
        ((1j, 4j), {}),
        ((0, 1 + 1j, 0.25), {}),
        ((3,), {"dtype": complex}),
        ((0, 5, 0.5), {"dtype": int}),
        ((0.5, 5), {"dtype": int}),
        ((250, 260), {"dtype": "uint8"}),
        ((2,), {"dtype": bool}),
        ((1, 3), {"dtype": bool}),
        ((3.0,), {"dtype": ">f4"}),
        ((5,), {"dtype": "f2"}),
        ((0, 1, 0.1), {"dtype": "float16"}),
        ((0, 1, 0.1), {"dtype": "float32"}),
        ((-3,), {"dtype": "uint8"}),
        ((2**63, 2**63 + 3), {}),
        ((2**62, 2**62 + 5), {}),
        ((0, 3**50, 3**49), {"dtype": float}),
        ((0, 3 * 10**17 + 1, 10**17), {"dtype": float}),
        ((), {"start": 1, "stop": 5}),
        ((), {"stop": 5}),
        ((5,), {"step": 2}),
        # errors
        ((0, 10, 0), {}),
        ((0.0, 10, 0.0), {}),
        ((0, 1, -0.0), {}),
        ((3,), {"dtype": bool}),
        ((0.5, 3), {"dtype": bool}),
        ((-1, 3), {"dtype": "uint8"}),
        ((-1.5, 2), {"dtype": "uint8"}),
        ((300.0, 302), {"dtype": "int8"}),
        ((float("nan"), 3), {}),
        ((0, float("inf")), {}),
        ((0.0, 10, 1e-320), {}),
        ((1j, 3), {"dtype": float}),
        (((1, 2),), {}),
        ((None,), {}),
        ((1e20, 1e20 + 1e5, 1e4), {"dtype": "int64"}),
    ],
)
def test_arange_cases(args, kwargs):
    both(lambda m: m.arange(*args, **kwargs))


def test_arange_zero_d_array_argument():
    both(lambda m: m.arange(m.array(5)))
    both(lambda m: m.arange(m.array(2.5), 7))
    assert_same_error(lambda m: m.arange(m.array([5])))


def test_arange_typed_scalars():
    both(lambda m: m.arange(m.int8(5)))
    both(lambda m: m.arange(m.float32(3)))
    both(lambda m: m.arange(m.uint64(3)))
    both(lambda m: m.arange(m.int32(2), m.int32(9), m.int16(3)))


# ----- linspace / logspace / geomspace -------------------------------------------------


@given(
    finite,
    finite,
    st.integers(0, 60),
    st.booleans(),
    st.sampled_from([None, "float64", "float32", "float16", "int64", "int8", "complex128", "complex64"]),
)
def test_linspace_scalars_bit_identical(start, stop, num, endpoint, dtype):
    with numpy.errstate(all="ignore"):
        expected = numpy.linspace(start, stop, num, endpoint=endpoint, dtype=dtype, retstep=True)
    ours = numoxide.linspace(start, stop, num, endpoint=endpoint, dtype=dtype, retstep=True)
    assert_same(ours[0], expected[0])
    if type(expected[1]) is float:
        assert isinstance(ours[1], float) and math.isnan(ours[1])
    else:
        assert_same(ours[1], expected[1])


@given(st.sampled_from(["float16", "float32", "float64", "int16", "int64", "uint8", "complex64", "complex128"]),
       st.integers(0, 20), st.booleans())
def test_linspace_typed_endpoints(dtype, num, endpoint):
    both(lambda m: m.linspace(m.asarray(-3, dtype=dtype), m.asarray(7, dtype=dtype), num, endpoint=endpoint))
    both(lambda m: m.linspace(m.asarray(1, dtype=dtype), 2.5, num, endpoint=endpoint))


@pytest.mark.parametrize("axis", [0, 1, -1, 2, -3, 3, -4])
def test_linspace_arrays_axis(axis):
    start = [[0.0, 1.5, -2.0], [3.0, 4.0, 5.0]]
    stop = [10.0, -1.0, 7.25]
    both(lambda m: m.linspace(m.array(start), m.array(stop), 7, axis=axis))
    both(lambda m: m.linspace(m.array(start), m.array(stop), 5, axis=axis, retstep=True))


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((0, 1, 5), {"retstep": True}),
        ((0, 1, 1), {"retstep": True}),
        ((0, 1, 0), {}),
        ((0, 1, -1), {}),
        ((0, 1, 2.0), {}),
        ((0, 10, 4), {"dtype": int}),
        ((-1, 10, 4), {"dtype": "uint8"}),
        ((0, 1j, 3), {}),
        ((0, 1, 3), {"dtype": complex}),
        ((5, 5, 4), {}),
        ((1e-310, 2e-310, 5), {}),
        ((0, 5e-324, 3), {}),
        ((-0.0, 0.0, 3), {}),
        ((0, float("inf"), 3), {}),
        ((0, 1), {}),
        (([0, 1], [2, 3, 4], 3), {}),
    ],
)
def test_linspace_cases(args, kwargs):
    with numpy.errstate(all="ignore"):
        both(lambda m: m.linspace(*args, **kwargs))


def assert_close_ulp(ours, theirs, maxulp):
    """dtype, shape and values within ``maxulp`` (NumPy's exact ULP count)."""
    assert isinstance(ours, numoxide.ndarray)
    o = numpy.asarray(ours)
    assert o.dtype == theirs.dtype and o.shape == theirs.shape
    if o.dtype.kind == "c":
        numpy.testing.assert_array_max_ulp(o.real, theirs.real, maxulp=maxulp)
        numpy.testing.assert_array_max_ulp(o.imag, theirs.imag, maxulp=maxulp)
    elif o.dtype.kind == "f":
        numpy.testing.assert_array_max_ulp(o, theirs, maxulp=maxulp)
    else:
        # Integer dtypes floor the float samples; a last-bit difference can move one by 1.
        assert numpy.all(numpy.abs(o.astype(float) - theirs.astype(float)) <= 1)


# NumPy evaluates power/log10 with SIMD (SVML on AVX-512) routines that are accurate to
# about 1 ULP but not correctly rounded; numoxide uses the platform libm. Results may
# differ in the last bits, so these compare within a small ULP bound.
POW_ULP = 4


@given(st.floats(-5, 5), st.floats(-5, 5), st.integers(0, 30), st.booleans(),
       st.sampled_from([10.0, 2, 2.5, 0.5]))
def test_logspace(start, stop, num, endpoint, base):
    kw = {"endpoint": endpoint, "base": base}
    assert_close_ulp(numoxide.logspace(start, stop, num, **kw), numpy.logspace(start, stop, num, **kw), POW_ULP)


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((0, 2, 3), {"base": [2, 10], "axis": 1}),
        ((0, 1, 3), {"dtype": "float32"}),
        ((0, 3, 4), {"dtype": int}),
        (([0, 1], 3, 4), {}),
        (([0, 1], 3, 4), {"axis": -1}),
    ],
)
def test_logspace_cases(args, kwargs):
    assert_close_ulp(numoxide.logspace(*args, **kwargs), numpy.logspace(*args, **kwargs), POW_ULP)


def test_logspace_float32_endpoint():
    assert_close_ulp(numoxide.logspace(numoxide.float32(0), 1, 3), numpy.logspace(numpy.float32(0), 1, 3), POW_ULP)


# geomspace takes log10 of the endpoints: NumPy's SIMD log10 differs from libm's in the
# last bit for some inputs, and 10**y magnifies a 1-ULP change of y by ln(10)*|y|
# (up to ~30 ULP for |y| <= 6).
GEOM_ULP = 64


@given(st.floats(0.01, 1e6) | st.floats(-1e6, -0.01), st.floats(0.01, 1e6), st.integers(0, 30), st.booleans())
def test_geomspace(start, stop, num, endpoint):
    sign = 1 if start > 0 else -1
    ours = numoxide.geomspace(start, sign * stop, num, endpoint=endpoint)
    theirs = numpy.geomspace(start, sign * stop, num, endpoint=endpoint)
    assert_close_ulp(ours, theirs, GEOM_ULP)


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((1, 1000, 4), {}),
        ((1, 1000, 3), {"endpoint": False}),
        ((1, 256, 9), {}),
        ((1000, 1, 4), {}),
        ((-1000, -1, 4), {}),
        ((1, 10, 3), {"dtype": int}),
        ((1, 10, 3), {"dtype": "float32"}),
        (([1, -1], [10, -100], 3), {"axis": -1}),
        ((1, 0, 3), {}),
        ((0, 5, 3), {}),
    ],
)
def test_geomspace_cases(args, kwargs):
    try:
        theirs = numpy.geomspace(*args, **kwargs)
    except ValueError:
        assert_same_error(lambda m: m.geomspace(*args, **kwargs))
        return
    assert_close_ulp(numoxide.geomspace(*args, **kwargs), theirs, GEOM_ULP)


# Complex geomspace goes through complex log10 and power; NumPy's complex power has
# special integer-exponent paths and glibc's cpow, numoxide uses exp(b*log(a)). Both are
# a few ULP from the exact value, so compare within a looser bound.
@pytest.mark.parametrize("start, stop", [(1j, 1000j), (-1 + 0j, 1 + 0j), (1 + 1j, 10 + 5j)])
def test_geomspace_complex(start, stop):
    assert_close_ulp(numoxide.geomspace(start, stop, 5), numpy.geomspace(start, stop, 5), 64)


# ----- matrices ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((3,), {}),
        ((3, 4, 1), {"dtype": int}),
        ((3, 4, -2), {"dtype": "complex64"}),
        ((3,), {"k": 5}),
        ((3,), {"k": -5}),
        ((0,), {}),
        ((2,), {"order": "F"}),
        ((2,), {"order": "A"}),
        ((2,), {"dtype": bool}),
        ((-1,), {}),
        ((2, 3), {"dtype": "uint8"}),
    ],
)
def test_eye(args, kwargs):
    both(lambda m: m.eye(*args, **kwargs))


def test_eye_order_flags():
    for order in "CF":
        ours = numoxide.eye(3, 4, 1, dtype=int, order=order)
        theirs = numpy.eye(3, 4, 1, dtype=int, order=order)
        assert ours.flags.f_contiguous == theirs.flags.f_contiguous
        assert ours.flags.c_contiguous == theirs.flags.c_contiguous


@pytest.mark.parametrize("n, dtype", [(0, None), (1, None), (4, "int8"), (3, bool), (2, complex)])
def test_identity(n, dtype):
    both(lambda m: m.identity(n, dtype=dtype))


@pytest.mark.parametrize("args, kwargs", [((3,), {}), ((3, 4, 1), {}), ((3,), {"dtype": int}), ((4, 2, -1), {}),
                                          ((2, 5, 7), {}), ((3, 3, -9), {}), ((0,), {})])
def test_tri(args, kwargs):
    both(lambda m: m.tri(*args, **kwargs))


@given(arrays(shape=shapes(min_dims=1, max_dims=4)), layouts(), st.integers(-4, 4), st.sampled_from(["tril", "triu"]))
def test_tril_triu(a, layout, k, name):
    both(lambda m: getattr(m, name)(LAYOUTS[layout](m, m.asarray(a)), k))


def test_tril_scalar_error():
    assert_same_error(lambda m: m.tril(5))


@given(arrays(shape=shapes(min_dims=1, max_dims=1)), st.integers(-3, 3))
def test_diag_1d(a, k):
    both(lambda m: m.diag(m.asarray(a), k))


@given(arrays(shape=shapes(min_dims=2, max_dims=2)), layouts(), st.integers(-4, 4))
def test_diag_2d_is_readonly_view(a, layout, k):
    def run(m):
        x = LAYOUTS[layout](m, m.array(a))
        d = m.diag(x, k)
        return d, d.flags.writeable, m.shares_memory(d, x) or d.size == 0, d.base is None

    ours, theirs = run(numoxide), run(numpy)
    assert_same(ours[0], theirs[0])
    assert ours[1:] == theirs[1:]


def test_diag_errors():
    assert_same_error(lambda m: m.diag(m.ones((2, 2, 2))))
    assert_same_error(lambda m: m.diag(5))


@pytest.mark.parametrize("v, k", [([[1, 2], [3, 4]], 1), ([1, 2, 3], -2), ([], 0), ([[1.5]], 0), (7, 0)])
def test_diagflat(v, k):
    both(lambda m: m.diagflat(v, k))


# ----- grids ---------------------------------------------------------------------------


@pytest.mark.parametrize("indexing", ["xy", "ij"])
@pytest.mark.parametrize("sparse", [False, True])
@pytest.mark.parametrize("copy", [False, True])
@pytest.mark.parametrize("inputs", [(), ([1, 2],), ([1, 2], [3, 4, 5]), ([1, 2], [3.5, 4, 5], [[6, 7], [8, 9]])])
def test_meshgrid(indexing, sparse, copy, inputs):
    both(lambda m: m.meshgrid(*[m.array(x) for x in inputs], indexing=indexing, sparse=sparse, copy=copy))


def test_meshgrid_views_share_memory():
    for m in (numpy, numoxide):
        x = m.arange(3)
        y = m.arange(4)
        gx, gy = m.meshgrid(x, y, copy=False)
        assert m.shares_memory(gx, x) and m.shares_memory(gy, y)
        cx, _ = m.meshgrid(x, y)
        assert not m.shares_memory(cx, x)


def test_meshgrid_bad_indexing():
    assert_same_error(lambda m: m.meshgrid([1, 2], indexing="bad"))


@pytest.mark.parametrize("dims", [(2, 3), (), (4,), (2, 0, 3), (1, 2, 3)])
@pytest.mark.parametrize("dtype", [None, float, "int8", "uint16"])
@pytest.mark.parametrize("sparse", [False, True])
def test_indices(dims, dtype, sparse):
    kwargs = {} if dtype is None else {"dtype": dtype}
    both(lambda m: m.indices(dims, sparse=sparse, **kwargs))


def test_fromfunction_index_arrays():
    both(lambda m: m.fromfunction(lambda i, j: i, (2, 3)))
    both(lambda m: m.fromfunction(lambda i, j: (i, j), (3, 2), dtype=int))
    both(lambda m: m.fromfunction(lambda i, j, k: k, (2, 2, 2), dtype="int8"))
    both(lambda m: m.fromfunction(lambda i, scale: i, (4,), scale=2))


@pytest.mark.skipif(not hasattr(numoxide, "add"), reason="arithmetic on arrays needs the ufunc family")
def test_fromfunction_arithmetic():
    both(lambda m: m.fromfunction(lambda i, j: i + j, (3, 3), dtype=int))
    both(lambda m: m.fromfunction(lambda i, j: i * 2.5 - j, (2, 4)))


# ----- frombuffer / fromiter -----------------------------------------------------------


@pytest.mark.parametrize(
    "make, kwargs",
    [
        (lambda: b"abcdefgh", {"dtype": "uint8"}),
        (lambda: b"abcdefgh", {"dtype": "int16"}),
        (lambda: b"abcdefgh", {"dtype": "int16", "offset": 2}),
        (lambda: b"abcdefgh", {"dtype": "int16", "count": 2, "offset": 2}),
        (lambda: b"abcdefgh", {"dtype": "float64"}),
        (lambda: bytearray(16), {}),
        (lambda: memoryview(b"\x00\x01\x02\x03"), {"dtype": "u1"}),
        (lambda: pyarray.array("d", [1.5, 2.5, -3.0]), {}),
        (lambda: pyarray.array("i", [1, 2, 3, 4]), {"dtype": "int16"}),
        (lambda: b"", {"dtype": "int16"}),
        (lambda: b"abcd", {"dtype": "int16", "offset": 4}),
        (lambda: b"abc", {"dtype": "int16"}),
        (lambda: b"abcd", {"dtype": "int16", "offset": 5}),
        (lambda: b"abcd", {"dtype": "int16", "offset": -1}),
        (lambda: b"abcd", {"dtype": "int16", "count": 3}),
        (lambda: b"abcdef", {"dtype": "int16", "offset": 1}),
        (lambda: b"abcdef", {"dtype": ">i2"}),
    ],
)
def test_frombuffer(make, kwargs):
    both(lambda m: m.frombuffer(make(), **kwargs))


def test_frombuffer_shares_memory_and_readonly():
    buf = bytearray(range(8))
    a = numoxide.frombuffer(buf, dtype="uint8")
    assert a.flags.writeable
    a[0] = 200
    assert buf[0] == 200
    buf[1] = 77
    assert int(a[1]) == 77
    b = numoxide.frombuffer(b"\x01\x02", dtype="uint8")
    assert not b.flags.writeable
    with pytest.raises(ValueError):
        b[0] = 3
    src = numoxide.arange(6.0)
    v = numoxide.frombuffer(src, dtype="float64")
    assert numoxide.shares_memory(v, src)


@pytest.mark.parametrize(
    "make, args, kwargs",
    [
        (lambda: range(5), (float,), {}),
        (lambda: range(3), (), {"dtype": float, "count": 5}),
        (lambda: range(5), (float, 2), {}),
        (lambda: range(5), (), {}),
        (lambda: [], (), {"dtype": int}),
        (lambda: iter([1.5, 2]), (), {"dtype": int}),
        (lambda: (x * x for x in range(6)), (), {"dtype": "int8"}),
        (lambda: iter([True, False]), (), {"dtype": bool}),
        (lambda: iter([1 + 2j, 3]), (), {"dtype": complex}),
        (lambda: iter([300]), (), {"dtype": "uint8"}),
        (lambda: range(10), (), {"dtype": "float32", "count": 0}),
    ],
)
def test_fromiter(make, args, kwargs):
    both(lambda m: m.fromiter(make(), *args, **kwargs))


# ----- array / asarray -----------------------------------------------------------------


@pytest.mark.parametrize(
    "obj",
    [
        [1, 2, 3],
        [True, False],
        [True, 2],
        [1, 2.5],
        [1, 2j],
        [True, 1.5, 2j],
        [[1, 2], [3, 4]],
        [[1.0, 2], [3, 4j]],
        ((1, 2), [3, 4]),
        [],
        [[]],
        [[], []],
        5,
        2.5,
        1j,
        True,
        [2**63],
        [2**64 - 1, 1],
        [-1, 2**63],
        [[[1]], [[2]]],
        range(4),
        [numpy.float32(1.5), 2],
        [numpy.int8(1), 300],
        [numpy.float32(1.5), numpy.float16(2)],
        [float("nan"), -0.0, float("inf")],
    ],
)
def test_array_from_python(obj):
    both(lambda m: m.array(obj))
    both(lambda m: m.asarray(obj))


@pytest.mark.parametrize(
    "obj",
    [
        [[1, 2], [3]],
        [1, [2, 3]],
        [[1, 2], 3],
        [[[1, 2]], [[3, 4], [5, 6]]],
    ],
)
def test_array_bad_input(obj):
    assert_same_error(lambda m: m.array(obj))


@pytest.mark.parametrize("obj", [[2**64], [-(2**63) - 1]])
def test_array_huge_python_ints(obj):
    # NumPy falls back to an object array here; numoxide has no object dtype and says so.
    assert numpy.array(obj).dtype == object
    with pytest.raises((OverflowError, TypeError)):
        numoxide.array(obj)


@pytest.mark.parametrize("obj", [[1, 2, 3], [[1.5]], 7, [[1, 2], [3, 4]]])
@pytest.mark.parametrize("ndmin", [0, 1, 2, 4])
def test_array_ndmin(obj, ndmin):
    both(lambda m: m.array(obj, ndmin=ndmin))
    both(lambda m: m.array(m.array(obj), ndmin=ndmin))


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_array_dtype_argument(dtype):
    with numpy.errstate(all="ignore"):
        both(lambda m: m.array([0, 1, 2, 3], dtype=dtype))
        both(lambda m: m.array([[0.5, -1.5], [2.5, 1e3]], dtype=dtype))
        both(lambda m: m.asarray(m.arange(4), dtype=dtype))


@pytest.mark.parametrize("value, dtype", [(300, "uint8"), (-1, "uint16"), (2**40, "int32"), (2**64, "uint64")])
def test_array_python_int_overflow(value, dtype):
    assert_same_error(lambda m: m.array([value], dtype=dtype))


@pytest.mark.parametrize("value", [-2.5, 300.0, float("nan"), float("inf"), 2.0**70, 7.9])
def test_setitem_float_into_int(value):
    def run(m):
        a = m.zeros(3, dtype="uint8")
        a[0] = value
        a[1:] = value
        return a

    both(run)
    both(lambda m: m.array([value], dtype="int8"))
    both(lambda m: m.array(value, dtype="int8"))


def _copy_semantics(m, copy, dtype=None, order="K"):
    a = m.arange(6.0).reshape(2, 3)
    b = m.array(a, copy=copy, dtype=dtype, order=order)
    return (b is a, m.shares_memory(a, b), b.flags.c_contiguous, b.flags.f_contiguous)


@pytest.mark.parametrize("copy", [True, False, None])
@pytest.mark.parametrize("dtype", [None, "float64", "float32"])
@pytest.mark.parametrize("order", ["K", "A", "C", "F"])
def test_array_copy_semantics(copy, dtype, order):
    try:
        theirs = _copy_semantics(numpy, copy, dtype, order)
    except ValueError:
        assert_same_error(_copy_semantics, copy, dtype, order)
        return
    assert _copy_semantics(numoxide, copy, dtype, order) == theirs


@pytest.mark.parametrize("copy", [True, False, None])
def test_asarray_copy_and_identity(copy):
    def run(m):
        a = m.arange(4)
        try:
            b = m.asarray(a, copy=copy)
        except ValueError:
            return "error"
        return b is a, m.shares_memory(a, b)

    assert run(numoxide) == run(numpy)
    assert_same_error(lambda m: m.asarray([1, 2], copy=False))
    both(lambda m: m.asarray([1, 2], copy=None))


@given(arrays(), layouts(), st.sampled_from(["K", "A", "C", "F"]))
def test_array_order_layout(a, layout, order):
    def run(m):
        x = LAYOUTS[layout](m, m.array(a))
        y = m.array(x, order=order)
        return y, y.flags.c_contiguous, y.flags.f_contiguous, y.strides

    ours, theirs = run(numoxide), run(numpy)
    assert_same(ours[0], theirs[0])
    # NumPy's strides of empty arrays are an implementation detail (often 0).
    n = 3 if a.size == 0 else 4
    assert ours[1:n] == theirs[1:n]


@given(arrays(), layouts())
def test_asarray_from_numpy_is_zero_copy(a, layout):
    x = LAYOUTS[layout](numpy, a.copy())
    y = numoxide.asarray(x)
    assert_same(y, x)
    if x.size:
        assert numpy.shares_memory(numpy.asarray(y), x)
    assert y.base is x
    assert numoxide.asarray(x, dtype=x.dtype) is not None
    z = numoxide.array(x)
    if x.size:
        assert not numpy.shares_memory(numpy.asarray(z), x)


def test_asarray_from_numpy_readonly_and_write_through():
    x = numpy.arange(5.0)
    y = numoxide.asarray(x)
    y[1] = 42.0
    assert x[1] == 42.0
    x.flags.writeable = False
    z = numoxide.asarray(x)
    assert not z.flags.writeable


@pytest.mark.parametrize("fn", ["ascontiguousarray", "asfortranarray", "asanyarray", "copy"])
def test_as_functions(fn):
    def run(m):
        a = m.arange(12).reshape(3, 4).T
        b = getattr(m, fn)(a)
        return b, b is a, m.shares_memory(a, b), b.flags.c_contiguous, b.flags.f_contiguous

    ours, theirs = run(numoxide), run(numpy)
    assert_same(ours[0], theirs[0])
    assert ours[1:] == theirs[1:]
    both(lambda m: getattr(m, fn)(5))


@given(arrays(), st.sampled_from(["zeros", "ones", "empty"]), st.sampled_from([None] + NUMERIC))
def test_like_functions(a, name, dtype):
    def run(m):
        r = getattr(m, name + "_like")(m.asarray(a), dtype=dtype)
        if name == "empty":
            r[...] = 0
        return r

    both(run)


@pytest.mark.parametrize("shape", [3, (2, 3), (), (0, 4), [2, 2]])
@pytest.mark.parametrize("dtype", [None, "int8", "complex64", bool])
def test_zeros_ones_full(shape, dtype):
    both(lambda m: m.zeros(shape, dtype=dtype))
    both(lambda m: m.ones(shape, dtype=dtype))
    both(lambda m: m.full(shape, 7, dtype=dtype))


def test_full_inferred_and_errors():
    both(lambda m: m.full((2, 2), 1.5))
    both(lambda m: m.full(3, -2.5, dtype="uint8"))
    both(lambda m: m.full(3, 2.5, dtype="int8"))
    both(lambda m: m.full((2, 3), [1, 2, 3]))
    assert_same_error(lambda m: m.full((2, 3), [1, 2]))
    assert_same_error(lambda m: m.zeros((-1, 2)))
    assert_same_error(lambda m: m.zeros(2.5))
    assert_same_error(lambda m: m.full(3, 300, dtype="uint8"))


def test_direct_calls_match_numpy():
    # zeros, empty, array, asarray and the ndarray methods reshape, ravel, copy and T
    # have vectorcall fast paths for their plainest forms; every other form takes the
    # general path. Results, flags, bases and errors must be NumPy's either way.
    for fn in [
        lambda m: m.zeros(3),
        lambda m: m.zeros((2, 3)),
        lambda m: m.zeros(()),
        lambda m: m.zeros(0),
        lambda m: m.zeros((2, 0)),
        lambda m: m.zeros(3, dtype=m.int8),
        lambda m: m.zeros([2, 2]),
        lambda m: m.empty((2, 3)).shape,
        lambda m: m.empty(4, "f4").dtype,
        lambda m: m.array([1, 2, 3]),
        lambda m: m.array((1.5, 2)),
        lambda m: m.array([[1, 2], [3, 4]]),
        lambda m: m.array([]),
        lambda m: m.array([1, 2], dtype=m.int16),
        lambda m: m.asarray([1.0, 2.0]),
        lambda m: m.asarray((True, False)),
        lambda m: m.arange(6.0).reshape(2, 3).ravel(),
        lambda m: m.arange(6.0).reshape(2, 3).T.ravel(),
        lambda m: m.arange(6.0).reshape(2, 3).ravel("F"),
        lambda m: m.arange(6.0).reshape(2, 3).T.copy(),
        lambda m: m.arange(6.0).reshape(2, 3).copy("F"),
        lambda m: m.arange(6.0).reshape(2, 3).T,
        lambda m: m.arange(3.0).T,
    ]:
        ours, theirs = fn(numoxide), fn(numpy)
        assert_same(ours, theirs)
        if isinstance(theirs, numpy.ndarray):
            assert ours.flags.c_contiguous == theirs.flags.c_contiguous
            assert ours.flags.f_contiguous == theirs.flags.f_contiguous
            assert (ours.base is None) == (theirs.base is None)
    for fn in [
        lambda m: m.zeros(-1),
        lambda m: m.zeros((2, -1)),
        lambda m: m.zeros(2**62),
        lambda m: m.zeros(True),
        lambda m: m.zeros(3, bogus=1),
        lambda m: m.empty(-2),
        lambda m: m.array([[1], [1, 2]]),
        lambda m: m.array(),
        lambda m: m.arange(3.0).ravel(order="X"),
        lambda m: m.arange(3.0).copy(order="X"),
    ]:
        assert_same_error(fn)
    a = numoxide.arange(6.0)
    assert a.ravel().base is a and a.T.base is a and a.copy().base is None
    assert numoxide.ndarray.ravel(a).base is a and numoxide.ndarray.copy(a).base is None
