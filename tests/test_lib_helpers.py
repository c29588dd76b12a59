"""NumPy's pure-composition helpers at the top level, against NumPy: type helpers
(issubdtype, isdtype, mintypecode, typename, typecodes, ScalarType, sctypeDict), number
formatting (base_repr, binary_repr), conversion (asarray_chkfinite, require), index tricks
(fill_diagonal, mask_indices, mgrid, ogrid, r_, c_), apply_along_axis, apply_over_axes,
unwrap, vectorize and frompyfunc."""

import math
import warnings

import numoxide
import numpy
import pytest
from harness import (
    ALL_DTYPES,
    assert_same,
    assert_same_error,
    both,
    to_nx,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import arrays, dtypes, shapes

NUMERIC = [d for d in ALL_DTYPES if d != "bool"]
KINDS = ["bool", "signed integer", "unsigned integer", "integral", "real floating",
         "complex floating", "numeric"]
ABSTRACT = ["generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact",
            "floating", "complexfloating"]


# ----- type helpers --------------------------------------------------------------------

@pytest.mark.parametrize("a", ALL_DTYPES + ["i", "f8", float, int, complex, bool])
@pytest.mark.parametrize("b", ALL_DTYPES + ABSTRACT)
def test_issubdtype(a, b):
    def run(m):
        bb = getattr(m, b) if b in ABSTRACT else b
        return m.issubdtype(a, bb)
    assert run(numoxide) == run(numpy)


@pytest.mark.parametrize("dt", ALL_DTYPES)
@pytest.mark.parametrize("kind", KINDS + [("bool", "real floating"), "float32", ("int8", "complex floating")])
def test_isdtype(dt, kind):
    def run(m):
        k = kind
        if isinstance(k, tuple):
            k = tuple(m.dtype(x) if x not in KINDS else x for x in k)
        elif k not in KINDS:
            k = m.dtype(k)
        return m.isdtype(m.dtype(dt), k)
    assert run(numoxide) == run(numpy)


@pytest.mark.parametrize("args", [
    ("f8", "float64"), ("f8", "floating"), ("f8", 3), (1.0, "bool"), (float, "bool"),
])
def test_isdtype_errors(args):
    a, k = args
    assert_same_error(lambda m: m.isdtype(m.dtype(a) if isinstance(a, str) else a, k))


@pytest.mark.parametrize("chars", [["d", "f"], ["f", "F"], ["d", "F"], "bhF", ["S", "U"], [],
                                   ["g"], ["?", "b"]])
@pytest.mark.parametrize("typeset", ["GDFgdf", "fdFD", "dD"])
def test_mintypecode(chars, typeset):
    both(lambda m: m.mintypecode(chars, typeset))
    both(lambda m: m.mintypecode(chars, typeset, default="q"))


def test_mintypecode_arrays():
    both(lambda m: m.mintypecode([m.zeros(2, "f4"), m.zeros(2, "f8")]))


def test_typename_and_tables():
    for c in "S1 ? b B h H i I l L q Q f d g F D G S U V O".split():
        with warnings.catch_warnings(record=True) as w1:
            warnings.simplefilter("always")
            theirs = numpy.typename(c)
        with warnings.catch_warnings(record=True) as w2:
            warnings.simplefilter("always")
            ours = numoxide.typename(c)
        assert ours == theirs
        assert [x.category for x in w1] == [x.category for x in w2]
    assert numoxide.typecodes == numpy.typecodes
    with pytest.raises(KeyError), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        numoxide.typename("x")


def test_sctypedict_and_scalartype():
    for name, t in numoxide.sctypeDict.items():
        assert numpy.sctypeDict[name].__name__ == t.__name__ or name in ("longlong", "ulonglong")
    missing = {k for k in numpy.sctypeDict if k not in numoxide.sctypeDict}
    # No long double, object, string, void or datetime types in numoxide.
    assert missing <= {"clongdouble", "complex256", "float128", "longdouble", "object",
                       "object_", "bytes", "bytes_", "str", "str_", "unicode", "void",
                       "datetime64", "timedelta64"}
    names = [t.__name__ for t in numoxide.ScalarType]
    assert names[:7] == [t.__name__ for t in numpy.ScalarType[:7]]
    assert set(names) <= {t.__name__ for t in numpy.ScalarType}
    for t in ALL_DTYPES:
        assert numoxide.dtype(t).type in numoxide.ScalarType


# ----- number formatting ---------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(n=st.integers(-(2**70), 2**70), base=st.integers(0, 40), padding=st.integers(0, 4))
def test_base_repr(n, base, padding):
    both(lambda m: m.base_repr(n, base, padding))


@settings(max_examples=200, deadline=None)
@given(n=st.integers(-(2**66), 2**66), width=st.one_of(st.none(), st.integers(0, 70)))
def test_binary_repr(n, width):
    both(lambda m: m.binary_repr(n, width))


def test_binary_repr_types():
    both(lambda m: m.binary_repr(m.int8(-128), 8))
    assert_same_error(lambda m: m.binary_repr(1.5))


# ----- conversion ----------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(x=arrays(), dt=st.one_of(st.none(), dtypes(NUMERIC)))
def test_asarray_chkfinite(x, dt):
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            theirs = numpy.asarray_chkfinite(x, dtype=dt)
        except Exception:  # noqa: BLE001
            assert_same_error(lambda m: m.asarray_chkfinite(x if m is numpy else to_nx(x), dtype=dt))
            return
        assert_same(numoxide.asarray_chkfinite(to_nx(x), dtype=dt), theirs)


def test_asarray_chkfinite_lists():
    both(lambda m: m.asarray_chkfinite([1, 2, 3]))
    both(lambda m: m.asarray_chkfinite([1.0, math.inf]))
    both(lambda m: m.asarray_chkfinite([[1.0, 2.0]], order="F"))


REQS = [None, [], ["C"], ["F"], ["A"], ["W"], ["O"], ["E"], ["C", "W", "O"],
        ["F_CONTIGUOUS", "OWNDATA"], ["contiguous"], ["aligned", "writeable"], ["C", "F"], ["bogus"]]


@pytest.mark.parametrize("reqs", REQS)
@pytest.mark.parametrize("layout", ["c", "t", "step", "neg"])
@pytest.mark.parametrize("dt", [None, "float32", "int64"])
def test_require(reqs, layout, dt):
    def run(m):
        a = m.arange(12, dtype="float64").reshape(3, 4)
        a = {"c": a, "t": a.T, "step": a[:, ::2], "neg": a[::-1]}[layout]
        r = m.require(a, dtype=dt, requirements=reqs)
        f = r.flags
        return r, (f.c_contiguous, f.f_contiguous, f.writeable, f.owndata, r is a)
    try:
        theirs = run(numpy)
    except Exception:  # noqa: BLE001
        assert_same_error(run)
        return
    ours = run(numoxide)
    assert_same(ours[0], theirs[0])
    assert ours[1] == theirs[1]


# ----- index tricks --------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(dt=dtypes(ALL_DTYPES), n=st.integers(2, 5), extra=st.integers(0, 3), nd=st.integers(2, 3),
       wrap=st.booleans(), val=st.one_of(st.integers(-5, 5), st.floats(-5, 5), st.lists(st.integers(0, 9), min_size=1, max_size=3)))
def test_fill_diagonal(dt, n, extra, nd, wrap, val):
    shape = (n + extra, n) if nd == 2 else (n,) * nd

    def run(m):
        a = m.zeros(shape, dtype=dt)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m.fill_diagonal(a, val, wrap=wrap)
        return a
    both(run)


def test_fill_diagonal_errors():
    assert_same_error(lambda m: m.fill_diagonal(m.zeros(3), 1))
    assert_same_error(lambda m: m.fill_diagonal(m.zeros((2, 3, 2)), 1))


@pytest.mark.parametrize("fn", ["triu", "tril"])
@pytest.mark.parametrize("n", [0, 1, 4])
@pytest.mark.parametrize("k", [-2, 0, 1])
def test_mask_indices(fn, n, k):
    both(lambda m: m.mask_indices(n, getattr(m, fn), k))


GRID_KEYS = [
    (slice(0, 5),), (slice(-1, 1, 0.5),), (slice(0, 1, 5j),), (slice(2, 8, 3),),
    (slice(0, 3), slice(0, 2)), (slice(-1, 1, 3j), slice(0, 4, 2)), (slice(0.5, 2, 0.5), slice(3)),
    (slice(0, 1, 1j), slice(1, 4, 4j), slice(0, 2)), (slice(5, 0, -2),), (slice(None, 3),),
]


@pytest.mark.parametrize("key", GRID_KEYS)
@pytest.mark.parametrize("which", ["mgrid", "ogrid"])
def test_grids(key, which):
    k = key[0] if len(key) == 1 and key[0].step != 3 else key
    both(lambda m: getattr(m, which)[k])
    both(lambda m: getattr(m, which)[key])


def test_grid_single_slices():
    both(lambda m: m.mgrid[0:5])
    both(lambda m: m.mgrid[0:5:2j])
    both(lambda m: m.ogrid[1:4:0.5])
    both(lambda m: m.mgrid[0:1:1j])


def _rc(m, which, key):
    return getattr(m, which)[key]


RC_KEYS = [
    lambda m: (m.array([1, 2, 3]), 0, m.array([4, 5])),
    lambda m: (slice(-1, 1, 5j), 0, 0),
    lambda m: (slice(0, 4), m.array([1.5])),
    lambda m: ("0,2", [1, 2, 3], [4, 5, 6]),
    lambda m: ("1,2", [1, 2, 3], [4, 5, 6]),
    lambda m: ("0,2,0", [1, 2, 3], [4, 5, 6]),
    lambda m: ("1,2,0", [1, 2, 3], [4, 5, 6]),
    lambda m: ("-1", m.ones((2, 2)), m.zeros((2, 1))),
    lambda m: (m.array([[1, 2], [3, 4]]), m.array([[5, 6]])),
    lambda m: (m.int8(3), m.array([1, 2], dtype=m.int8)),
    lambda m: (3, m.array([1, 2], dtype=m.int8)),
    lambda m: (300, m.array([1, 2], dtype=m.int8)),
    lambda m: (1.5, m.array([1, 2], dtype=m.float32)),
    lambda m: (m.array([True, False]), m.array([2])),
    lambda m: (m.arange(6).reshape(2, 3), m.arange(6).reshape(2, 3) * 10),
    lambda m: ("bogus", [1]),
    lambda m: ([1], "0"),
    lambda m: ("a,b", [1]),
]


@pytest.mark.parametrize("key", RC_KEYS)
@pytest.mark.parametrize("which", ["r_", "c_"])
def test_r_c(key, which):
    both(lambda m: _rc(m, which, key(m)))


def test_r_c_single():
    both(lambda m: m.r_[1:3])
    both(lambda m: m.c_[m.array([1, 2, 3])])
    both(lambda m: m.r_[m.array([1, 2]), 3.5])
    assert len(numoxide.r_) == len(numpy.r_) == 0


# ----- apply_along_axis / apply_over_axes ----------------------------------------------

@settings(max_examples=60, deadline=None)
@given(x=arrays(dtype="float64", shape=shapes(1, 3, 1, 4)), data=st.data(),
       fn=st.sampled_from(["sum", "cumsum", "outer", "sort", "scalar_int", "diag"]))
def test_apply_along_axis(x, data, fn):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))

    def f(m):
        return {
            "sum": lambda v: v.sum(),
            "cumsum": lambda v: m.cumsum(v),
            "outer": lambda v: m.multiply.outer(v, v[:2]),
            "sort": lambda v: m.sort(v),
            "scalar_int": lambda v: len(v),
            "diag": lambda v: m.diag(v),
        }[fn]
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        theirs = numpy.apply_along_axis(f(numpy), axis, x)
        ours = numoxide.apply_along_axis(f(numoxide), axis, to_nx(x))
    assert_same(ours, theirs)


def test_apply_along_axis_args_and_errors():
    both(lambda m: m.apply_along_axis(lambda v, k, s=1: v[k] * s, 0, m.arange(6).reshape(2, 3), 1, s=3))
    assert_same_error(lambda m: m.apply_along_axis(m.sum, 0, m.zeros((3, 0))))
    assert_same_error(lambda m: m.apply_along_axis(m.sum, 2, m.zeros((3, 2))))
    both(lambda m: m.apply_along_axis(m.sum, 0, m.zeros((0, 2))))


@pytest.mark.parametrize("axes", [0, [0], [0, 2], [-1], [1, 2], []])
@pytest.mark.parametrize("fn", ["sum", "mean", "max"])
def test_apply_over_axes(axes, fn):
    both(lambda m: m.apply_over_axes(getattr(m, fn), m.arange(24.0).reshape(2, 3, 4), axes))


def test_apply_over_axes_bad_shape():
    assert_same_error(lambda m: m.apply_over_axes(lambda a, ax: a.sum(axis=None), m.ones((2, 3)), [0]))


# ----- unwrap --------------------------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(x=arrays(dtype="float64", shape=shapes(1, 3, 1, 6)),
       dt=dtypes(["float64", "float32", "float16", "int64", "int16", "uint8"]),
       data=st.data(), period=st.sampled_from([None, 6, 7, 2.5, 360]),
       discont=st.sampled_from([None, 0.5, 4]))
def test_unwrap(x, dt, data, period, discont):
    x = numpy.nan_to_num(x, nan=1.0, posinf=3.0, neginf=-3.0) % 1000
    x = x.astype(dt)
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    kw = {} if period is None else {"period": period}
    with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
        try:
            theirs = numpy.unwrap(x, discont, axis, **kw)
        except Exception:  # noqa: BLE001
            assert_same_error(lambda m: m.unwrap(x if m is numpy else to_nx(x), discont, axis, **kw))
            return
        ours = numoxide.unwrap(to_nx(x), discont, axis, **kw)
    assert_same(ours, theirs, ulp=2)


def test_unwrap_lists():
    both(lambda m: m.unwrap([0, 1, 2, 7, 8, 14, 20]))
    both(lambda m: m.unwrap([0, 1, 2, 7, 8, 14, 20], period=6))
    both(lambda m: m.unwrap([1, 2, 3, 4, 5, 6, 1, 2, 3], period=6))


# ----- vectorize / frompyfunc ----------------------------------------------------------

def _py_fns():
    return {
        "add": lambda a, b: a + b,
        "cond": lambda a, b: a - b if a > b else a + b,
        "to_float": lambda a, b: (a + b) / 2,
        "to_bool": lambda a, b: a > b,
        "int_first": lambda a, b: 1 if a == a else 0.5,
    }


@settings(max_examples=60, deadline=None)
@given(x=arrays(dtype="int32", shape=shapes(0, 3, 0, 4)),
       y=st.one_of(st.integers(-5, 5), st.floats(-3, 3, allow_nan=False)),
       fn=st.sampled_from(sorted(_py_fns())), otypes=st.sampled_from([None, "d", "l", [numpy.float32]]))
def test_vectorize(x, y, fn, otypes):
    f = _py_fns()[fn]

    def run(m):
        ot = otypes if not isinstance(otypes, list) else [m.float32]
        return m.vectorize(f, otypes=ot)(x if m is numpy else to_nx(x), y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both(run)


@pytest.mark.parametrize("dt", ["bool", "int8", "uint64", "float16", "float32", "float64", "complex64"])
def test_vectorize_dtypes(dt):
    both(lambda m: m.vectorize(lambda v: v * 2)(m.arange(5).astype(dt)))
    both(lambda m: m.vectorize(lambda v: v)(m.arange(3).astype(dt)[::-1]))


def test_vectorize_features():
    both(lambda m: m.vectorize(lambda a, b=2: a * b)([1, 2, 3], b=4))
    both(lambda m: m.vectorize(lambda a, b=2: a * len(b), excluded={"b"})([1, 2, 3], b=[1, 2]))
    both(lambda m: m.vectorize(lambda p, x: p[0] + p[1] * x, excluded=[0])([1, 2], [0, 1, 2]))
    both(lambda m: m.vectorize(lambda x: (x, x + 0.5))(m.arange(3)))
    both(lambda m: m.vectorize(lambda x: x * 2)(3))
    both(lambda m: m.vectorize(lambda x: x, otypes="f")([]))
    both(lambda m: m.vectorize(lambda x, y: x * y, cache=True)([1, 2], [[1], [2]]))
    both(lambda m: m.vectorize(lambda v: m.sum(v), signature="(n)->()")(m.arange(12).reshape(3, 4)))
    both(lambda m: m.vectorize(lambda a, b: a @ b, signature="(m,n),(n)->(m)")(m.ones((2, 3, 4)), m.arange(4.0)))
    both(lambda m: m.vectorize(lambda v: (v.min(), v.max()), signature="(n)->(),()")(m.arange(6).reshape(2, 3)))
    both(lambda m: m.vectorize(lambda v: v[::-1], signature="(n)->(n)")(m.arange(6).reshape(2, 3)))
    assert_same_error(lambda m: m.vectorize(lambda x: x)([]))
    assert_same_error(lambda m: m.vectorize(lambda x: x, otypes="z"))
    assert_same_error(lambda m: m.vectorize(lambda x: x, otypes=3))
    assert_same_error(lambda m: m.vectorize(3))
    assert_same_error(lambda m: m.vectorize(lambda v: v, signature="(n")([1]))
    assert_same_error(lambda m: m.vectorize(lambda a, b: a, signature="(n),(n)->()")([1, 2], [1, 2, 3]))
    assert_same_error(lambda m: m.vectorize(lambda a: a, signature="(n)->(),()")([1, 2]))
    assert_same_error(lambda m: m.vectorize(lambda a: a, signature="(n)->()")([1, 2], [3]))
    v = numoxide.vectorize(lambda x: x, doc="hello")
    assert v.__doc__ == "hello" and v.__name__ == "<lambda>"

    @numoxide.vectorize
    def double(x):
        """doubles"""
        return 2 * x
    assert double.__doc__ == "doubles"
    assert_same(double(to_nx(numpy.arange(3))), numpy.vectorize(lambda x: 2 * x)(numpy.arange(3)))

    @numoxide.vectorize(otypes=[float])
    def half(x):
        return x / 2
    assert_same(half(to_nx(numpy.arange(3))), numpy.arange(3) / 2)


def test_frompyfunc():
    f = numoxide.frompyfunc(lambda a, b: a * 10 + b, 2, 1)
    g = numpy.frompyfunc(lambda a, b: a * 10 + b, 2, 1)
    assert (f.nin, f.nout, f.nargs, f.__name__, repr(f), f.identity, f.ntypes, f.types) == (
        g.nin, g.nout, g.nargs, g.__name__, repr(g), g.identity, g.ntypes, g.types)
    assert f(1, 2) == g(1, 2) and type(f(1, 2)) is type(g(1, 2))
    # NumPy returns object arrays; numoxide returns the dtype asarray infers.
    assert_same(f(to_nx(numpy.arange(3)), 4), g(numpy.arange(3), 4).astype(numpy.int64))
    assert_same(f.outer([1, 2], [3, 4, 5]), g.outer([1, 2], [3, 4, 5]).astype(numpy.int64))
    assert f.reduce([1, 2, 3]) == g.reduce([1, 2, 3])
    assert_same(f.reduce([[1, 2], [3, 4]], axis=1), g.reduce([[1, 2], [3, 4]], axis=1).astype(numpy.int64))
    assert_same(f.accumulate([1, 2, 3]), g.accumulate([1, 2, 3]).astype(numpy.int64))
    two = numoxide.frompyfunc(divmod, 2, 2)
    q, r = two(to_nx(numpy.arange(5)), 3)
    nq, nr = numpy.frompyfunc(divmod, 2, 2)(numpy.arange(5), 3)
    assert_same(q, nq.astype(numpy.int64))
    assert_same(r, nr.astype(numpy.int64))
    s = numoxide.frompyfunc(lambda a, b: a + b, 2, 1, identity=0)
    assert s.identity == 0 and s.reduce([]) == numpy.frompyfunc(lambda a, b: a + b, 2, 1, identity=0).reduce([])
    for bad in (lambda m: m.frompyfunc(3, 1, 1), lambda m: m.frompyfunc(lambda a, b: a, 2, 1).reduce([]),
                lambda m: m.frompyfunc(lambda a: a, 1, 1)(1, 2)):
        assert_same_error(bad)
