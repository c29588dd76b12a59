"""Threads (DESIGN.md §7): large ufunc loops and reductions run on several threads, and
their results never depend on the thread count.

Every case runs with one thread and in several threaded modes (2, 3 and 4 threads, with
the thresholds forced down by the internal ``_set_parallel_min`` so that small arrays
are cut into many chunks, and with the built-in thresholds on arrays just above them).
The threaded results must have exactly the bits of the one-thread result, and match
NumPy (sums bit for bit). Floating-point conditions raised only in the last chunk must
warn or raise exactly as NumPy does.
"""

import contextlib
import os
import subprocess
import sys
import warnings

import numoxide
import numpy
import pytest
from harness import assert_same
from hypothesis import given, settings
from hypothesis import strategies as st

_n = numoxide._numoxide

# (threads, per-thread minimum override; 0 = the built-in thresholds)
THREADED = [(2, 64), (3, 200), (4, 1000)]


@contextlib.contextmanager
def threads(n, min_work=0):
    """Run the block with `n` threads and the given threshold override."""
    prev_n = _n._set_num_threads(n)
    prev_min = _n._set_parallel_min(min_work)
    try:
        yield
    finally:
        _n._set_num_threads(prev_n)
        _n._set_parallel_min(prev_min)


def _bits(x):
    """dtype, shape and raw bytes of a result (array or scalar)."""
    a = numpy.asarray(x)
    return (str(a.dtype), a.shape, a.tobytes())


def same_in_every_mode(fn, modes=THREADED):
    """fn() under one thread and under each threaded mode: the results (and warnings)
    must be bit-identical; returns the one-thread result."""

    def run():
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            r = fn()
        return r, [(c.category, str(c.message)) for c in w]

    with threads(1):
        ref, ref_w = run()
    for n, m in modes:
        with threads(n, m):
            got, got_w = run()
        if isinstance(ref, tuple):
            assert [_bits(g) for g in got] == [_bits(r) for r in ref], (n, m)
        else:
            assert _bits(got) == _bits(ref), (n, m)
        assert got_w == ref_w, (n, m)
    return ref


def _float_data(draw, dtype, n):
    """n values of `dtype` in a range whose sums stay finite, with NaN, -0.0 and inf
    placed anywhere (any chunk)."""
    rng = numpy.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.standard_normal(n).astype(dtype) * dtype(draw(st.sampled_from([1.0, 1e-3, 100.0])))
    for special in draw(
        st.lists(st.sampled_from([numpy.nan, -0.0, numpy.inf, -numpy.inf]), max_size=3)
    ):
        if n:
            x[draw(st.integers(0, n - 1))] = special
    return x


# ----- reductions -------------------------------------------------------------------------


@settings(max_examples=25)
@given(data=st.data())
def test_float_sums_means_std_bit_identical(data):
    dtype = data.draw(st.sampled_from([numpy.float64, numpy.float32, numpy.float16]))
    n = data.draw(st.integers(0, 6000) | st.sampled_from([127, 128, 129, 1024, 4097, 65536 + 3]))
    x = _float_data(data.draw, dtype, n)
    a = numoxide.asarray(x)
    for name in ["sum", "mean", "std", "var", "max", "min"]:
        if n == 0 and name in ("max", "min", "mean", "std", "var"):
            continue
        ours = same_in_every_mode(lambda name=name: getattr(a, name)())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = getattr(x, name)()
        # Sums are NumPy's pairwise tree, bit for bit; the rest within NumPy's rounding.
        assert_same(ours, theirs, ulp=0 if name in ("sum", "max", "min") else 2)


@settings(max_examples=15)
@given(data=st.data())
def test_nan_in_any_chunk_propagates(data):
    n = data.draw(st.integers(200, 5000))
    x = numpy.linspace(-1.0, 1.0, n)
    x[data.draw(st.integers(0, n - 1))] = numpy.nan
    a = numoxide.asarray(x)
    for name in ["sum", "max", "min"]:
        ours = same_in_every_mode(lambda name=name: getattr(numoxide, name)(a))
        assert numpy.isnan(ours)
    for name in ["fmax", "fmin"]:
        ours = same_in_every_mode(lambda name=name: getattr(numoxide, name).reduce(a))
        assert_same(ours, getattr(numpy, name).reduce(x))


def test_signed_zero_extrema_do_not_depend_on_chunks():
    x = numpy.zeros(5000)
    x[::3] = -0.0
    a = numoxide.asarray(x)
    for name in ["max", "min"]:
        same_in_every_mode(lambda name=name: getattr(a, name)())
    x = -numpy.zeros(4099)
    x[4098] = 0.0
    same_in_every_mode(lambda: numoxide.asarray(x).max())


@settings(max_examples=20)
@given(data=st.data())
def test_integer_reductions_wrap_identically(data):
    dtype = data.draw(st.sampled_from(["int64", "uint64", "int8", "uint32", "bool"]))
    n = data.draw(st.integers(1, 6000))
    rng = numpy.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    if dtype == "bool":
        x = rng.random(n) < data.draw(st.sampled_from([0.001, 0.5, 0.999]))
    else:
        info = numpy.iinfo(dtype)
        x = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    a = numoxide.asarray(x)
    calls = [
        lambda m, v: v.sum(),
        lambda m, v: v.prod(),
        lambda m, v: v.max(),
        lambda m, v: v.min(),
        lambda m, v: v.any(),
        lambda m, v: v.all(),
        lambda m, v: m.count_nonzero(v),
    ]
    if dtype != "bool":
        calls += [lambda m, v: m.bitwise_xor.reduce(v), lambda m, v: m.bitwise_or.reduce(v)]
    for call in calls:
        ours = same_in_every_mode(lambda call=call: call(numoxide, a))
        assert_same(ours, call(numpy, x))


@settings(max_examples=15)
@given(data=st.data())
def test_axis_reductions(data):
    shape = data.draw(st.sampled_from([(300, 7), (7, 300), (40, 50), (3, 40, 50), (2, 1, 2000)]))
    rng = numpy.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x = rng.standard_normal(shape)
    transposed = data.draw(st.booleans())
    if transposed:
        x = x.T if x.ndim == 2 else x.transpose(2, 0, 1)
    reversed_ = data.draw(st.booleans())
    if reversed_:
        x = x[::-1]
    a = numoxide.asarray(x)
    axis = data.draw(st.sampled_from([0, 1, -1, None] + ([(0, 2), (1, 2)] if x.ndim == 3 else [])))
    for name in ["sum", "mean", "max", "min", "std"]:
        ours = same_in_every_mode(lambda name=name: getattr(a, name)(axis=axis))
        # Reversed and transposed arrays too: the calls are grouped as NumPy's iterator
        # groups them, so even the pairwise sums are bit for bit.
        assert_same(ours, getattr(x, name)(axis=axis), ulp=0)
    xi = rng.integers(-(2**62), 2**62, shape)
    assert_same(same_in_every_mode(lambda: numoxide.asarray(xi).sum(axis=0)), xi.sum(axis=0))


def test_reversed_full_sum_bit_identical_to_numpy():
    x = numpy.random.default_rng(0).standard_normal((300, 7))[::-1]
    assert_same(numoxide.asarray(x).sum(), x.sum(), ulp=0)


def test_builtin_thresholds_sum_and_extrema():
    # Just above the built-in thresholds, with the other threaded modes too.
    n = 2 * (1 << 17) + 13
    x = numpy.random.default_rng(1).standard_normal(n)
    x[-5] = -0.0
    a = numoxide.asarray(x)
    modes = [(2, 0), (3, 0)]
    assert_same(same_in_every_mode(a.sum, modes), x.sum())
    assert_same(same_in_every_mode(a.mean, modes), x.mean())
    assert_same(same_in_every_mode(a.std, modes), x.std(), ulp=2)
    assert_same(same_in_every_mode(a.max, modes), x.max())
    xi = numpy.arange(n, dtype=numpy.int64) * (2**50)
    assert_same(same_in_every_mode(numoxide.asarray(xi).sum, modes), xi.sum())
    m = numpy.ones((700, 800))
    assert_same(same_in_every_mode(lambda: numoxide.asarray(m).sum(axis=0), modes), m.sum(axis=0))
    assert_same(same_in_every_mode(lambda: numoxide.asarray(m).sum(axis=1), modes), m.sum(axis=1))


# ----- elementwise ------------------------------------------------------------------------

UNARY = ["sqrt", "exp", "sin", "log", "negative", "absolute", "square", "rint"]
BINARY = [
    "add",
    "multiply",
    "divide",
    "greater",
    "maximum",
    "fmin",
    "power",
    "arctan2",
    "floor_divide",
]


@settings(max_examples=25)
@given(data=st.data())
def test_elementwise_bit_identical(data):
    dtype = data.draw(st.sampled_from([numpy.float64, numpy.float32, numpy.float16]))
    n = data.draw(st.integers(0, 5000) | st.sampled_from([1023, 1024, 1025, 4096 + 1]))
    x = _float_data(data.draw, dtype, n)
    y = _float_data(data.draw, dtype, n)
    a, b = numoxide.asarray(x), numoxide.asarray(y)
    layout = data.draw(st.sampled_from(["plain", "reversed", "step", "scalar"]))
    if layout == "reversed":
        a, x = a[::-1], x[::-1]
    elif layout == "step":
        a, x, b, y = a[::2], x[::2], b[::-2], y[::-2]
    for name in UNARY:
        ours = same_in_every_mode(lambda name=name: getattr(numoxide, name)(a))
        with numpy.errstate(all="ignore"):
            _check(name, ours, getattr(numpy, name)(x))
    for name in BINARY:
        other_nx, other_np = (2.5, 2.5) if layout == "scalar" else (b, y)
        ours = same_in_every_mode(
            lambda name=name, other_nx=other_nx: getattr(numoxide, name)(a, other_nx)
        )
        with numpy.errstate(all="ignore"):
            _check(name, ours, getattr(numpy, name)(x, other_np))


EXACT = {
    "add",
    "multiply",
    "divide",
    "greater",
    "maximum",
    "fmin",
    "negative",
    "absolute",
    "square",
    "rint",
    "sqrt",
}


def _check(name, ours, theirs):
    """Compare with NumPy: exact for correctly rounded operations; transcendental
    functions within a few ULP (their NumPy agreement is tested elsewhere)."""
    ulp = 0 if name in EXACT else 4
    try:
        assert_same(ours, theirs, ulp=ulp)
    except AssertionError as e:
        raise AssertionError(f"{name}: {e}") from None


def test_elementwise_ints_and_complex():
    rng = numpy.random.default_rng(5)
    x = rng.integers(-(2**62), 2**62, 5000)
    y = rng.integers(1, 1000, 5000)
    a, b = numoxide.asarray(x), numoxide.asarray(y)
    for name in [
        "add",
        "multiply",
        "floor_divide",
        "remainder",
        "left_shift",
        "bitwise_xor",
        "less",
    ]:
        ours = same_in_every_mode(lambda name=name: getattr(numoxide, name)(a, b % 63 + 1))
        assert_same(ours, getattr(numpy, name)(x, y % 63 + 1))
    z = (rng.standard_normal(3000) + 1j * rng.standard_normal(3000)).astype(numpy.complex64)
    c = numoxide.asarray(z)
    for name in ["exp", "sqrt", "square"]:
        ours = same_in_every_mode(lambda name=name: getattr(numoxide, name)(c))
        assert_same(ours, getattr(numpy, name)(z), ulp=4)
    assert_same(same_in_every_mode(lambda: numoxide.divmod(a, b)), numpy.divmod(x, y))


def test_builtin_thresholds_elementwise():
    n = 2 * (1 << 19) + 7
    x = numpy.linspace(0.5, 2.0, n)
    a = numoxide.asarray(x)
    modes = [(2, 0), (4, 0)]
    assert_same(same_in_every_mode(lambda: a + a, modes), x + x)
    assert_same(same_in_every_mode(lambda: a * 2.5, modes), x * 2.5)
    assert_same(same_in_every_mode(lambda: a > 1.0, modes), x > 1.0)
    assert_same(same_in_every_mode(lambda: numoxide.maximum(a, 1.0), modes), numpy.maximum(x, 1.0))
    s = numpy.linspace(0.5, 2.0, 40_000)
    assert_same(
        same_in_every_mode(lambda: numoxide.sqrt(numoxide.asarray(s)), modes), numpy.sqrt(s)
    )
    assert_same(same_in_every_mode(lambda: numoxide.exp(numoxide.asarray(s)), modes), numpy.exp(s))


@pytest.mark.parametrize("shape", [(60, 70), (5, 3000), (3000, 5), (4, 5, 300)])
def test_nd_layouts(shape):
    rng = numpy.random.default_rng(2)
    x = rng.standard_normal(shape)
    for view in [
        lambda v: v,
        lambda v: v.T,
        lambda v: v[::-1, ::2],
        lambda v: (
            numpy.asfortranarray(v) if isinstance(v, numpy.ndarray) else numoxide.asfortranarray(v)
        ),
    ]:
        xv = view(x)
        av = view(numoxide.asarray(x))
        assert_same(same_in_every_mode(lambda av=av: av + 1.0), xv + 1.0)
        assert_same(same_in_every_mode(lambda av=av: numoxide.sin(av)), numpy.sin(xv), ulp=1)
        col = xv[..., :1]
        assert_same(same_in_every_mode(lambda av=av: av * av[..., :1]), xv * col)


def test_out_overlap_where_and_inplace():
    rng = numpy.random.default_rng(3)
    base = rng.standard_normal(5000)

    def run(m, kind):
        a = m.asarray(base.copy())
        if kind == "reversed":
            m.add(a, a[::-1], out=a)
        elif kind == "shifted":
            m.add(a[:-1], a[1:], out=a[1:])
        elif kind == "shifted back":
            m.multiply(a[1:], 3.0, out=a[:-1])
        elif kind == "inplace":
            a += 1.5
            a *= a
        elif kind == "where":
            out = m.full(5000, -1.0)
            m.sqrt(a, out=out, where=a > 0)
            return out
        elif kind == "cast out":
            out = m.zeros(5000, dtype=m.float32)
            m.add(a, 1.0, out=out, casting="same_kind")
            return out
        return a

    for kind in ["reversed", "shifted", "shifted back", "inplace", "where", "cast out"]:
        ours = same_in_every_mode(lambda kind=kind: run(numoxide, kind))
        with numpy.errstate(invalid="ignore"):
            assert_same(ours, run(numpy, kind))


def test_zero_stride_output_stays_in_order():
    # A writeable output whose elements repeat: NumPy's order decides the last write.
    def run(m):
        buf = m.zeros(3)
        out = m.lib.stride_tricks.as_strided(buf, shape=(3000,), strides=(0,))
        m.add(m.arange(3000.0), 1.0, out=out)
        return buf

    assert_same(same_in_every_mode(lambda: run(numoxide)), run(numpy))


# ----- floating-point conditions in the last chunk ---------------------------------------


def _outcome(m, fn, mode):
    """What fn(m) does under errstate(all=mode): ('ok', warnings) or ('raise', class, message)."""
    with m.errstate(all=mode):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            try:
                fn(m)
            except Exception as e:  # noqa: BLE001 - the class is what we compare
                return ("raise", type(e).__name__, str(e))
    return ("ok", [(c.category.__name__, str(c.message)) for c in w])


LAST_CHUNK = [
    ("divide", lambda m: 1.0 / m.asarray(_last(1.0, 0.0))),
    ("overflow", lambda m: m.exp(m.asarray(_last(1.0, 1000.0)))),
    ("invalid", lambda m: m.sqrt(m.asarray(_last(1.0, -1.0)))),
    ("underflow", lambda m: m.asarray(_last(1.0, 1e-300)) * 1e-300),
    ("log zero", lambda m: m.log(m.asarray(_last(1.0, 0.0)))),
    (
        "sum overflow",
        lambda m: m.asarray(_last(1.0, 1e308)).sum() * 0 + m.asarray(_last(1e308, 1e308)).sum(),
    ),
    ("std overflow", lambda m: m.asarray(_last(1.0, 1e200)).std()),
    ("int divide", lambda m: m.floor_divide(m.asarray(_last(7, 7)), m.asarray(_last(1, 0)))),
    ("int mod", lambda m: m.remainder(m.asarray(_last(7, 7)), m.asarray(_last(1, 0)))),
    ("negative power", lambda m: m.power(m.asarray(_last(2, 2)), m.asarray(_last(1, -1)))),
    ("max nan", lambda m: m.maximum(m.asarray(_last(1.0, numpy.nan)), 0.5) > 0.0),
]


def _last(fill, last, n=5000):
    x = numpy.full(n, fill)
    x[-1] = last
    return x


@pytest.mark.parametrize("name,fn", LAST_CHUNK, ids=[c[0] for c in LAST_CHUNK])
@pytest.mark.parametrize("mode", ["warn", "raise", "ignore"])
def test_condition_in_last_chunk(name, fn, mode):
    theirs = _outcome(numpy, fn, mode)
    for n, m in [(1, 0)] + THREADED:
        with threads(n, m):
            assert _outcome(numoxide, fn, mode) == theirs, (n, m)


# ----- the threaded paths are taken ------------------------------------------------------

TAKES_THREADS = [
    ("sum", lambda: numoxide.ones(5000).sum()),
    ("strided sum", lambda: numoxide.ones(10000)[::2].sum()),
    ("std", lambda: numoxide.arange(5000.0).std()),
    ("max", lambda: numoxide.arange(5000.0).max()),
    ("int sum", lambda: numoxide.arange(5000).sum()),
    ("any", lambda: (numoxide.arange(5000) > 4000).any()),
    ("sum axis 0", lambda: numoxide.ones((100, 50)).sum(axis=0)),
    ("sum axis 1", lambda: numoxide.ones((100, 50)).sum(axis=1)),
    ("plain add", lambda: numoxide.ones(5000) + 1.0),
    ("strided sin", lambda: numoxide.sin(numoxide.ones(10000)[::-2])),
    ("broadcast", lambda: numoxide.ones((100, 1)) * numoxide.ones(50)),
]


@pytest.mark.parametrize("name,fn", TAKES_THREADS, ids=[c[0] for c in TAKES_THREADS])
def test_threaded_path_is_taken(name, fn):
    with threads(2, 64):
        before = _n._parallel_sections()
        fn()
        assert _n._parallel_sections() > before
    with threads(1, 64):
        before = _n._parallel_sections()
        fn()
        assert _n._parallel_sections() == before


# ----- configuration ----------------------------------------------------------------------


def test_setter_returns_previous_and_rejects_zero():
    prev = _n._set_num_threads(3)
    try:
        assert _n._set_num_threads(2) == 3
        with pytest.raises(ValueError):
            _n._set_num_threads(0)
    finally:
        _n._set_num_threads(prev)


def _threads_in_subprocess(value):
    env = dict(os.environ)
    env.pop("NUMOXIDE_NUM_THREADS", None)
    if value is not None:
        env["NUMOXIDE_NUM_THREADS"] = value
    code = "import numoxide; print(numoxide._numoxide._set_num_threads(1))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def test_environment_variable():
    default = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert _threads_in_subprocess("3") == 3
    assert _threads_in_subprocess("1") == 1
    assert _threads_in_subprocess(None) == default
    assert _threads_in_subprocess("zero") == default
