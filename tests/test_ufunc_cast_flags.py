"""Floating-point flags raised while a ufunc casts its operands, and the divisions that
end mean/var/std, against NumPy.

NumPy reports a failed cast of a small input of a 0-d or 1-d operation (its "trivial"
loop casts the input up front) as "... encountered in cast"; elsewhere the cast happens
inside the ufunc's buffers and is reported under the ufunc's (or the method's) name.
mean and var divide by an ``intp`` count, a strong operand: a float32 sum divides in
float64 and a complex64 sum in complex128, then rounds back.
"""

import warnings

import numoxide
import numpy
import pytest
from harness import assert_same, to_nx
from hypothesis import given, settings
from hypothesis import strategies as st


def _warned(m, fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = fn(m)
        except Exception as e:  # noqa: BLE001 - compared by class below
            r = e
    return r, sorted({f"{x.category.__name__}: {x.message}" for x in w})


def _same(fn, ulp=0):
    ours, ow = _warned(numoxide, fn)
    theirs, tw = _warned(numpy, fn)
    assert ow == tw
    if isinstance(theirs, Exception):
        assert type(ours).__name__ == type(theirs).__name__ or isinstance(ours, type(theirs))
    else:
        assert_same(ours, theirs, ulp=ulp)


F32 = {"dtype": "float32"}
CASES = {
    "1-d input cast": lambda m: m.add(m.full(5, 1e300), 1, **F32),
    "1-d strided input": lambda m: m.add(m.full((4, 40), 1e300)[0, ::3], 1, **F32),
    "reversed input": lambda m: m.sqrt(m.full(7, 1e300)[::-1], **F32),
    "0-d input": lambda m: m.add(m.full((), 1e300), m.ones(3, "float32"), **F32),
    "2-d input cast": lambda m: m.add(m.full((3, 4), 1e300), 1, **F32),
    "broadcast input": lambda m: m.add(m.full((3, 4), 1e300), m.full(4, 1.0), **F32),
    "large 1-d input": lambda m: m.add(m.full(9000, 1e300), 1, **F32),
    "1-d out same dtype": lambda m: m.add(m.full(5, 1e300), 1, out=m.zeros(5, "float32"), **F32),
    "out cast": lambda m: m.add(m.full(5, 1e300), 1.0, out=m.zeros(5, "float32")),
    "out cast to int": lambda m: m.add(
        m.full(5, 1e300), 1.0, out=m.zeros(5, "int32"), casting="unsafe"
    ),
    "nan to int, unsafe": lambda m: m.negative(m.full(4, m.nan), dtype="int8", casting="unsafe"),
    "two outputs": lambda m: m.divmod(m.full(5, 1e300), 1, **F32),
    "two outputs 2-d": lambda m: m.modf(m.full((2, 3), 1e300), **F32),
    "where mask": lambda m: m.add(
        m.full(5, 1e300), 1, where=m.ones(5, bool), out=m.zeros(5, "float32"), **F32
    ),
    "reduce": lambda m: m.add.reduce(m.full(5, 1e300), **F32),
    "reduce axis": lambda m: m.add.reduce(m.full((3, 4), 1e300), axis=0, **F32),
    "reduce out": lambda m: m.add.reduce(m.full((3, 4), 1e300), axis=1, out=m.zeros(3, "float32")),
    "accumulate": lambda m: m.add.accumulate(m.full(9000, 1e300), **F32),
    "reduceat": lambda m: m.add.reduceat(m.full(5, 1e300), [0, 2], **F32),
    "reduceat complex to real": lambda m: m.add.reduceat(
        m.full(4, 1 + 2j, "complex64"), [0, 2], dtype="float32"
    ),
    "outer": lambda m: m.add.outer(m.full(5, 1e300), m.ones(2), **F32),
    "sum": lambda m: m.sum(m.full(5, 1e300), **F32),
    "cumsum": lambda m: m.cumsum(m.full(5, 1e300), **F32),
    "mean": lambda m: m.mean(m.full(5, 1e300), **F32),
    "astype": lambda m: m.full(5, 1e300).astype("float32"),
    "mixed operator": lambda m: m.full(5, 1e300) + m.ones(5, "float32"),
    # 1-d: the input cast is reported up front even when out= needs a cast too.
    "1-d input and out casts": lambda m: m.add(
        m.full(5, 1e300), 2, dtype="float16", out=m.zeros(5, "int16"), casting="unsafe"
    ),
    # NumPy's float32 min/max/negative/absolute/sign/tanh loops clear the status after
    # the buffered cast: no warning for the input, but the output cast still warns.
    "status-clearing loop": lambda m: m.negative(m.full((2, 7), 1e300), dtype="float32"),
    "status-clearing loop, out cast": lambda m: m.maximum(
        m.array([[1e300, m.nan]] * 2),
        2,
        dtype="float32",
        out=m.zeros((2, 2), "int16"),
        casting="unsafe",
    ),
    "quiet-invalid loop, 1-d out cast": lambda m: m.maximum(
        m.array([1e300, m.nan]), 2, dtype="float16", out=m.zeros(2, "int16"), casting="unsafe"
    ),
    "status-clearing loop, float16": lambda m: m.absolute(m.full((2, 7), 1e300), dtype="float16"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_cast_flags_named_as_numpy(case):
    _same(CASES[case])


@pytest.mark.parametrize("value", [2.0**63, 1.5 * 2.0**63, 2.0**64 - 2048, 2.0**64, -1.0, 1e300])
@pytest.mark.parametrize("src", ["float64", "float32"])
def test_float_to_uint64_flags(value, src):
    """Values in [2**63, 2**64) convert without NumPy's invalid flag (no stale flag from
    a signed conversion attempt); values outside raise it."""
    _same(lambda m: m.array([value, 3.0], dtype=src).astype("uint64"))


@pytest.mark.parametrize("src", ["int8", "int16", "int32", "int64", "uint64"])
@pytest.mark.parametrize("func", ["mean", "std", "var", "nanmean"])
@pytest.mark.parametrize("shape", [(), (1,), (1, 1), (2,)])
def test_integer_dtype_result_of_mean_like(src, func, shape):
    """A uint64 dtype= whose true quotient rounds to 2**64 warns as NumPy's
    ``ret.dtype.type(ret / rcount)`` (scalar) or ``true_divide(out=ret)`` (array)."""
    vals = numpy.full(shape, -2, dtype="int64").astype(src)

    def fn(m):
        a = vals if m is numpy else to_nx(vals)
        kw = {"axis": -1} if len(shape) == 2 else {}
        return getattr(m, func)(a, dtype="uint64", **kw)

    _same(fn)


@settings(max_examples=60, deadline=None)
@given(
    src=st.sampled_from(["bool", "uint8", "int16", "uint32", "int64"]),
    dtype=st.sampled_from(["complex64", "float32", "float16", "complex128"]),
    func=st.sampled_from(["mean", "std", "var"]),
    n=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    keepdims=st.booleans(),
)
def test_mean_like_divide_by_strong_count(src, dtype, func, n, seed, keepdims):
    """mean/var/std with a float32/complex64/float16 dtype= divide by NumPy's intp count
    (float64/complex128 arithmetic), so the result is bit-identical to NumPy's."""
    rng = numpy.random.default_rng(seed)
    vals = rng.integers(0, 100, size=(2, n)).astype(src)

    def fn(m):
        a = vals if m is numpy else to_nx(vals)
        return getattr(m, func)(a, dtype=dtype, keepdims=keepdims)

    _same(fn)


# ----- clip's ufunc keywords (NumPy's clip is a ufunc: dtype=, casting=, where=) --------

CLIP_CASES = {
    "dtype float32": lambda m: m.clip(m.array([1.5, -3.0, 1e300]), 0, 1, dtype="float32"),
    "dtype refused": lambda m: m.clip(m.array([1.5, -3.0]), 0, 1, dtype="int8"),
    "dtype unsafe": lambda m: m.clip(
        m.array([1.5, -3.0, 1e300]), 0, 1, dtype="int8", casting="unsafe"
    ),
    "where with out": lambda m: m.clip(
        m.array([1.5, -3.0, 9.0]), 0, 1, out=m.zeros(3), where=m.array([True, False, True])
    ),
    "array bound cast": lambda m: m.clip(
        m.array([1.5, -3.0, 5.0]), m.array([0.0, 1, 2]), 1, dtype="float32"
    ),
    "unknown keyword": lambda m: m.clip(m.array([1.5]), 0, 1, foo=1),
    "method": lambda m: m.array([1.5, -3.0, 1e300]).clip(0, 1, dtype="float32"),
    "int to float": lambda m: m.clip(m.arange(3), 0.5, 1.5, dtype=float),
    "casting only": lambda m: m.clip(m.arange(3), 0.5, 1.5, casting="unsafe"),
    "widening": lambda m: m.clip(m.arange(3, dtype="int8"), 0, 300, dtype="int16"),
    "order and subok": lambda m: m.clip(m.arange(3), 0, 1, order="F", subok=True),
}


@pytest.mark.parametrize("case", list(CLIP_CASES))
def test_clip_ufunc_keywords(case):
    _same(CLIP_CASES[case])


@settings(max_examples=60, deadline=None)
@given(
    src=st.sampled_from(["int8", "uint16", "int64", "float16", "float32", "float64"]),
    dtype=st.sampled_from(["int16", "int64", "float32", "float64", "uint8"]),
    casting=st.sampled_from(["same_kind", "unsafe", "safe"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_clip_dtype_matches_numpy(src, dtype, casting, seed):
    vals = (numpy.random.default_rng(seed).standard_normal(7) * 50).astype(src)

    def fn(m):
        a = vals if m is numpy else to_nx(vals)
        return m.clip(a, -10, 20, dtype=dtype, casting=casting)

    _same(fn)


# The first elements of reduce/accumulate are copied into `out=` by a cast of its own
# ("cast"); ufunc.at names its warnings "at" unless NumPy's indexed loop runs (no cast,
# 1-D array, values at most 1-D, a dtype with such a loop).
METHOD_CASES = {
    "reduce first copy": lambda m: m.maximum.reduce(
        m.asarray([1e300, 2e300]), out=m.zeros((), "f4")
    ),
    "reduce first copy axis": lambda m: m.minimum.reduce(
        m.asarray([[1.0, 1e300], [2e300, 3.0]]), axis=0, out=m.zeros(2, "f4")
    ),
    "reduce with identity": lambda m: m.add.reduce(
        m.asarray([1e300, 2e300]), out=m.zeros((), "f4")
    ),
    "reduce first copy invalid": lambda m: m.multiply.reduce(
        m.asarray([numpy.nan, 2.0]), out=m.zeros((), "i4")
    ),
    "accumulate first copy": lambda m: m.maximum.accumulate(
        m.asarray([1e300, 2e300]), out=m.zeros(2, "f4")
    ),
    "accumulate 2-d": lambda m: m.add.accumulate(
        m.full((2, 3), 1e300), axis=1, out=m.zeros((2, 3), "f4")
    ),
    "at value array cast": lambda m: m.add.at(m.zeros(3, "f4"), [0, 1], m.asarray([1e300, 1.0])),
    "at to int": lambda m: m.add.at(m.zeros(3, "i1"), [0, 1], m.asarray([numpy.nan, 1.0])),
    "at same dtype": lambda m: m.add.at(m.full(2, 3e38, "f4"), [0], m.float32(3e38)),
    "at int key": lambda m: m.add.at(m.full(2, 3e38, "f4"), 0, m.float32(3e38)),
    "at slice key": lambda m: m.add.at(m.full(2, 3e38, "f4"), slice(0, 1), m.float32(3e38)),
    "at python float": lambda m: m.add.at(m.full(2, 3e38, "f4"), slice(0, 1), 3e38),
    "at 2-d": lambda m: m.add.at(m.full((2, 2), 3e38, "f4"), (slice(None), 0), m.float32(3e38)),
    "at float64": lambda m: m.add.at(m.full(2, 1e308), [0, 1], 1e308),
    "at divide": lambda m: m.divide.at(m.zeros(2), [0, 1], 0.0),
    # clip's output casting rule (same_kind by default).
    "clip complex into float out": lambda m: m.clip(m.ones(3, "c16"), 0, 1, out=m.zeros(3)),
    "clip float into int out": lambda m: m.clip(m.ones(3), 0, 1, out=m.zeros(3, "i8")),
    "clip unsafe into int out": lambda m: m.clip(
        m.ones(3), 0, 1, out=m.zeros(3, "i8"), casting="unsafe"
    ),
    "clip int into narrower int out": lambda m: m.clip(m.ones(3, "i8"), 0, 1, out=m.zeros(3, "i1")),
}


@pytest.mark.parametrize("case", list(METHOD_CASES), ids=list(METHOD_CASES))
def test_method_cast_warnings_named_as_numpy(case):
    _same(METHOD_CASES[case])
