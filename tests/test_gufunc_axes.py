"""The gufunc keywords of the product ufuncs (matmul, vecdot, matvec, vecmat): ``axes=``,
``axis=``, ``keepdims=`` and ``out=``, against NumPy.

Values are small integers, so every product is exact and results must be bit-identical.
Errors must have NumPy's class and message (the gufunc machinery's texts, including the
iterator's "remapped shapes" broadcast errors).
"""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Core dimension labels of each operand (None marks matmul's flexible dimensions).
SIGS = {
    "matmul": (("n?", "k"), ("k", "m?"), ("n?", "m?")),
    "vecdot": (("n",), ("n",), ()),
    "matvec": (("m", "n"), ("n",), ("m",)),
    "vecmat": (("n",), ("n", "m"), ("m",)),
}


def run(module, name, args, kwargs, out_shape=None, out_dtype=None):
    """Call module.<name>; return ('ok', result, out) or ('err', class name, message)."""
    a, b = (module.asarray(x) for x in args)
    kw = dict(kwargs)
    out = None
    if out_shape is not None:
        out = module.full(out_shape, -7, dtype=out_dtype)
        kw["out"] = out
    try:
        r = getattr(module, name)(a, b, **kw)
    except Exception as e:  # noqa: BLE001 - compared with NumPy's
        return ("err", type(e).__name__, str(e))
    return ("ok", r, out)


def compare(name, args, kwargs, out_shape=None, out_dtype=None):
    theirs = run(numpy, name, args, kwargs, out_shape, out_dtype)
    ours = run(numoxide, name, args, kwargs, out_shape, out_dtype)
    if theirs[0] == "err":
        assert ours[0] == "err", f"NumPy raised {theirs[1]}: {theirs[2]}; we returned {ours[1]!r}"
        assert ours[1:] == theirs[1:]
        return
    assert ours[0] == "ok", f"we raised {ours[1]}: {ours[2]}"
    t, o = theirs[1], ours[1]
    if out_shape is not None:
        assert o is ours[2]
        # NumPy 2.5's complex vecmat loop writes a strided out= to the wrong places
        # (np.vecmat(a, b, out=o.T) differs from np.vecmat(a, b) for complex a, b), so
        # values come from NumPy's own allocated result.
        t = numpy.asarray(run(numpy, name, args, kwargs)[1]).astype(theirs[2].dtype)
    if isinstance(t, numpy.ndarray):
        assert isinstance(o, numoxide.ndarray)
        oa = numpy.asarray(o)
        assert oa.dtype == t.dtype and oa.shape == t.shape
        numpy.testing.assert_array_equal(oa, t)
        if out_shape is None:
            assert o.strides == t.strides
    else:
        assert type(o).__name__ == type(t).__name__
        assert o == t


def ints(shape, dtype, seed):
    rng = numpy.random.default_rng(seed)
    x = rng.integers(-4, 5, shape)
    if numpy.dtype(dtype).kind == "c":
        x = x + 1j * rng.integers(-4, 5, shape)
    return x.astype(dtype)


@st.composite
def gufunc_case(draw):
    """A product gufunc call with core axes placed anywhere (mostly valid, sometimes not)."""
    name = draw(st.sampled_from(sorted(SIGS)))
    sig = SIGS[name]
    sizes = {lab: draw(st.integers(1, 4)) for lab in ("n", "k", "m")}
    batch = draw(st.lists(st.integers(1, 3), max_size=2))
    dtype = draw(st.sampled_from(["int64", "float64", "complex128"]))
    missing = set()
    if name == "matmul":
        if draw(st.booleans()):
            missing.add("n?")
        if draw(st.booleans()):
            missing.add("m?")
    shapes, axes = [], []
    for i in range(2):
        core = [lab for lab in sig[i] if lab not in missing]
        nb = draw(st.integers(0, len(batch)))
        own_batch = [1 if draw(st.integers(0, 3)) == 0 else s for s in batch[len(batch) - nb :]]
        nd = nb + len(core)
        pos = draw(st.permutations(range(nd)))[: len(core)]
        shape = [0] * nd
        rest = iter(own_batch)
        for p in range(nd):
            if p in pos:
                shape[p] = sizes[core[pos.index(p)].rstrip("?")]
            else:
                shape[p] = next(rest)
        if draw(st.integers(0, 9)) == 0 and nd:
            shape[draw(st.integers(0, nd - 1))] += 1  # sometimes a mismatch
        shapes.append(tuple(shape))
        spelled = tuple(p - nd if draw(st.booleans()) else p for p in pos)
        axes.append(spelled[0] if len(spelled) == 1 and draw(st.booleans()) else spelled)
    out_core = [lab for lab in sig[2] if lab not in missing]
    ond = len(batch) + len(out_core)
    opos = tuple(draw(st.permutations(range(ond)))[: len(out_core)])
    mode = draw(st.sampled_from(["axes", "axes-no-out-entry", "axis", "keepdims", "none"]))
    kwargs = {}
    if mode == "axes":
        kwargs["axes"] = axes + [opos]
    elif mode == "axes-no-out-entry":
        kwargs["axes"] = axes
    elif mode == "axis":
        kwargs["axis"] = draw(st.integers(-3, 2))
    elif mode == "keepdims":
        kwargs["keepdims"] = draw(st.booleans())
        if draw(st.booleans()):
            kwargs["axis"] = draw(st.integers(-2, 1))
    use_out = draw(st.integers(0, 3)) == 0
    return name, shapes, dtype, kwargs, use_out, draw(st.integers(0, 2**31))


@settings(max_examples=300, deadline=None)
@given(gufunc_case())
def test_core_axes_match_numpy(case):
    name, shapes, dtype, kwargs, use_out, seed = case
    args = [ints(s, dtype, seed + i) for i, s in enumerate(shapes)]
    out_shape = None
    if use_out:
        # An output of the shape NumPy allocates (when the call is valid).
        try:
            out_shape = getattr(numpy, name)(*args, **kwargs).shape
        except Exception:  # noqa: BLE001 - the error itself is compared below
            out_shape = None
    compare(name, args, kwargs, out_shape, dtype if out_shape is not None else None)


A = ints((2, 3, 4), "float64", 1)
B = ints((4, 5, 2), "float64", 2)


@pytest.mark.parametrize(
    "name,args,kwargs",
    [
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [(-2, -1), (0, 1), (0, 2)]}),
        ("matmul", (A, B), {"axis": 0}),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1)]}),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (1, 2), (0, 1)]}),
        ("matmul", (A, B), {"axes": [(1,), (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [(1, 5), (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [(1, 1), (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": (1, 2)}),
        ("matmul", (A, B), {"axes": None}),
        ("matmul", (A, B), {"axes": "ab"}),
        ("matmul", (A, B), {"axes": [1, (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [[1, 2], (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [(1.0, 2), (0, 1), (1, 2)]}),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (1, 2)], "axis": 1}),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 2), (1, 2)]}),
        ("matmul", (A, B), {"axis": None}),
        ("matmul", (A, B), {"keepdims": True}),
        ("matmul", (A, B), {"keepdims": False}),
        ("matmul", (A, B), {"bogus": 1}),
        ("matmul", (A, ints((3, 4, 5), "float64", 3)), {}),
        ("matmul", (ints(3, "float64", 4), ints(3, "float64", 5)), {"axes": [0, 0, ()]}),
        ("matmul", (ints(3, "float64", 4), ints(3, "float64", 5)), {"axes": [0, 0]}),
        ("matmul", (ints(3, "float64", 4), ints((3, 2), "float64", 5)), {"axes": [0, (0, 1), 0]}),
        ("matmul", (ints((3, 2), "float64", 4), ints(2, "float64", 5)), {"axes": [(0, 1), (0,), (0,)]}),
        ("vecdot", (A, A), {"axis": 5}),
        ("vecdot", (A, A), {"axis": 1.5}),
        ("vecdot", (A, A), {"axis": None}),
        ("vecdot", (A, A), {"axes": [0, 0]}),
        ("vecdot", (A, A), {"axes": [0, 0, ()]}),
        ("vecdot", (A, A), {"axes": [0, 0, 0]}),
        ("vecdot", (A, A), {"axes": [0, 0, None]}),
        ("vecdot", (A, A), {"axes": [0, 0, (0,)]}),
        ("vecdot", (A, A), {"axes": [[0], 0]}),
        ("vecdot", (A, A), {"axes": [(0, 1), 0]}),
        ("vecdot", (A, A), {"axes": [-1, -3]}),
        ("vecdot", (A, A), {"axis": 0, "keepdims": True}),
        ("vecdot", (A, A), {"keepdims": True}),
        ("vecdot", (A, A), {"keepdims": 1}),
        ("vecdot", (A, A), {"axes": [0, 0, 2], "keepdims": True}),
        ("vecdot", (A, ints((3, 4), "float64", 6)), {}),
        ("vecdot", (A, ints((3, 1, 4), "float64", 6)), {}),
        ("matvec", (A, B), {"axis": 1}),
        ("matvec", (A, ints((3, 4), "float64", 6)), {}),
        ("matvec", (ints((3, 4, 2), "float64", 7), ints((4, 5), "float64", 8)), {"axes": [(0, 1), 0, 0]}),
        ("vecmat", (ints((4, 5), "float64", 7), ints((3, 4, 2), "float64", 8)), {"axes": [0, (1, 2), 1]}),
        ("vecmat", (ints((4,), "complex128", 7), ints((3, 4, 2), "complex128", 8)), {"axes": [0, (1, 0), 0]}),
    ],
)
def test_keywords_and_errors(name, args, kwargs):
    compare(name, args, kwargs)


@pytest.mark.parametrize(
    "name,args,kwargs,out_shape,out_dtype",
    [
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (3, 5), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (1, 3, 5), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (7, 2, 3, 5), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (4, 3, 5), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (2, 3, 6), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (2, 3, 5), "int64"),
        ("matmul", (A, ints((4, 5), "float64", 9)), {}, (2, 3, 5), "float32"),
        ("matmul", (A, ints((4, 5), "float64", 9)), {"axes": [(1, 2), (0, 1), (0, 1)]}, (3, 5, 1), None),
        ("matmul", (A, ints((4, 5), "float64", 9)), {"axes": [(1, 2), (0, 1), (0, 1)]}, (3, 5), None),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (2, 0)]}, (5, 2, 3), None),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (0, 1)]}, (3, 5, 7), None),
        ("matmul", (A, B), {"axes": [(1, 2), (0, 1), (0, 1)]}, (4, 5, 2), None),
        ("matmul", (ints((3, 1, 2, 2), "float64", 1), ints((4, 2, 2), "float64", 2)), {}, (3, 4, 2, 2), None),
        ("matmul", (ints((3, 1, 2, 2), "float64", 1), ints((4, 2, 2), "float64", 2)), {}, (3, 1, 2, 2), None),
        ("vecdot", (A, A), {}, (2,), None),
        ("vecdot", (A, A), {}, (1, 3), None),
        ("vecdot", (A, A), {}, (2, 3), None),
        ("vecdot", (A, A), {"axis": 0}, (3, 4), None),
        ("vecdot", (A, A), {"axis": 0, "keepdims": True}, (1, 3, 4), None),
        ("vecdot", (A, A), {"axis": 0, "keepdims": True}, (3, 4), None),
        ("matvec", (A, ints(4, "float64", 3)), {}, (2, 3), None),
        ("vecmat", (ints(3, "float64", 3), ints((2, 3, 4), "float64", 4)), {}, (2, 4), None),
        ("vecmat", (ints(3, "float64", 3), ints((2, 3, 4), "float64", 4)), {}, (2, 5), None),
    ],
)
def test_out(name, args, kwargs, out_shape, out_dtype):
    compare(name, args, kwargs, out_shape, out_dtype)


def test_out_tuple_and_matmul_operator_message():
    a, b = ints((2, 3), "float64", 1), ints((3, 2), "float64", 2)
    out = numoxide.zeros((2, 2))
    assert numoxide.matmul(numoxide.asarray(a), numoxide.asarray(b), out=(out,)) is out
    numpy.testing.assert_array_equal(numpy.asarray(out), a @ b)
    x, y = numpy.ones((2, 3, 4)), numpy.ones((3, 4, 5))
    with pytest.raises(ValueError) as theirs:
        x @ y
    with pytest.raises(ValueError) as ours:
        numoxide.asarray(x) @ numoxide.asarray(y)
    assert str(ours.value) == str(theirs.value)
