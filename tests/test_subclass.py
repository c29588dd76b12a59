"""ndarray subclasses: results keep the subclass, `__array_finalize__` runs as in NumPy,
`view(type)`, `__array_wrap__` and the `subok` keywords — each compared with NumPy."""

import copy

import numoxide
import numpy
import pytest
from harness import assert_same

BOTH = pytest.mark.parametrize("np", [numpy, numoxide], ids=["numpy", "numoxide"])


def make_module_classes(np):
    """A subclass that records every `__array_finalize__` call and carries an `info`
    attribute from its source, as NumPy's subclassing guide writes them."""
    log = []

    class Info(np.ndarray):
        def __new__(cls, input_array, info=None):
            obj = np.asarray(input_array).view(cls)
            obj.info = info
            return obj

        def __array_finalize__(self, obj):
            log.append(type(obj).__name__ if obj is not None else None)
            self.info = getattr(obj, "info", "fresh")

    class Plain(np.ndarray):
        pass

    class Wrapped(np.ndarray):
        def __array_wrap__(self, arr, context=None, return_scalar=False):
            log.append(("wrap", type(arr).__name__, context is None, return_scalar))
            return super().__array_wrap__(arr, context, return_scalar)

    return Info, Plain, Wrapped, log


def kind(x, np):
    """A module-neutral description of a result: its class name and `info`."""
    if isinstance(x, np.ndarray):
        return (type(x).__name__, getattr(x, "info", None), x.shape, str(x.dtype))
    return (type(x).__name__, None)


CASES = {
    "slice": lambda np, a: a[1:3],
    "int": lambda np, a: a[0],
    "ellipsis": lambda np, a: a[...],
    "empty_tuple": lambda np, a: a[()],
    "newaxis": lambda np, a: a[:, None],
    "fancy": lambda np, a: a[[0, 2]],
    "fancy_2d": lambda np, a: a.reshape(2, 3)[:, [0, 2]],
    "bool": lambda np, a: a[a > 2],
    "reshape": lambda np, a: a.reshape(2, 3),
    "reshape_copy": lambda np, a: a.reshape(2, 3).T.reshape(6),
    "T": lambda np, a: a.reshape(2, 3).T,
    "transpose": lambda np, a: a.transpose(),
    "swapaxes": lambda np, a: a.reshape(2, 3).swapaxes(0, 1),
    "squeeze": lambda np, a: a.reshape(1, 6).squeeze(),
    "diagonal": lambda np, a: a.reshape(2, 3).diagonal(),
    "real": lambda np, a: a.real,
    "ravel": lambda np, a: a.ravel(),
    "ravel_copy": lambda np, a: a[::2].ravel(),
    "flatten": lambda np, a: a.flatten(),
    "copy": lambda np, a: a.copy(),
    "copy_copy": lambda np, a: copy.copy(a),
    "copy_deepcopy": lambda np, a: copy.deepcopy(a),
    "astype": lambda np, a: a.astype(np.int32),
    "astype_nosubok": lambda np, a: a.astype(np.int32, subok=False),
    "view": lambda np, a: a.view(),
    "view_dtype": lambda np, a: a.view(np.int64),
    "view_ndarray": lambda np, a: a.view(np.ndarray),
    "view_type_kw": lambda np, a: a.view(type=np.ndarray),
    "view_dtype_and_type": lambda np, a: a.view(np.int64, np.ndarray),
    "asarray": lambda np, a: np.asarray(a),
    "asanyarray": lambda np, a: np.asanyarray(a),
    "array": lambda np, a: np.array(a),
    "array_subok": lambda np, a: np.array(a, subok=True),
    "array_subok_nocopy": lambda np, a: np.array(a, subok=True, copy=False),
    "array_subok_ndmin": lambda np, a: np.array(a, subok=True, copy=False, ndmin=2),
    "asarray_dtype": lambda np, a: np.asarray(a, dtype=np.float32),
    "ascontiguousarray": lambda np, a: np.ascontiguousarray(a),
    "np_copy": lambda np, a: np.copy(a),
    "np_copy_subok": lambda np, a: np.copy(a, subok=True),
    "zeros_like": lambda np, a: np.zeros_like(a),
    "ones_like": lambda np, a: np.ones_like(a),
    "empty_like_shape": lambda np, a: np.empty_like(a, shape=(2,)).shape,
    "full_like": lambda np, a: np.full_like(a, 2),
    "zeros_like_nosubok": lambda np, a: np.zeros_like(a, subok=False),
    "np_reshape": lambda np, a: np.reshape(a, (3, 2)),
    "np_transpose": lambda np, a: np.transpose(a),
    "expand_dims": lambda np, a: np.expand_dims(a, 0),
    "atleast_2d": lambda np, a: np.atleast_2d(a),
    "add_scalar": lambda np, a: a + 1,
    "radd": lambda np, a: 1 + a,
    "add_plain": lambda np, a: a + np.ones(6),
    "plain_add": lambda np, a: np.ones(6) + a,
    "neg": lambda np, a: -a,
    "compare": lambda np, a: a > 2,
    "sqrt": lambda np, a: np.sqrt(a),
    "sqrt_0d": lambda np, a: np.sqrt(a[1:2].reshape(())),
    "modf": lambda np, a: np.modf(a),
    "divmod": lambda np, a: divmod(a, 4),
    "ufunc_subok_false": lambda np, a: np.add(a, 1, subok=False),
    "ufunc_out_plain": lambda np, a: np.add(a, 1, out=np.zeros(6)),
    "where": lambda np, a: np.where(a > 1, a, 0),
    "repr": lambda np, a: repr(a),
    "repr_2d": lambda np, a: repr(a.reshape(2, 3)),
    "array_repr": lambda np, a: np.array_repr(a),
    "str": lambda np, a: str(a),
}


def run_case(np, cls_index, name):
    classes = make_module_classes(np)
    cls, log = classes[cls_index], classes[3]
    if cls_index == 0:
        a = classes[0](np.arange(6.0), info="X")
    else:
        a = np.arange(6.0).view(cls)
    del log[:]
    r = CASES[name](np, a)
    events = list(log)
    if isinstance(r, tuple):
        return [kind(x, np) for x in r], events, r
    return kind(r, np), events, r


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("cls_index", [0, 1, 2], ids=["finalize", "plain", "wrap"])
def test_results_keep_the_subclass(name, cls_index):
    ours = run_case(numoxide, cls_index, name)
    theirs = run_case(numpy, cls_index, name)
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]
    if isinstance(theirs[2], numpy.ndarray):
        assert_same(numoxide.asarray(ours[2]), numpy.asarray(theirs[2]))


@BOTH
def test_explicit_construction_finalizes_with_none(np):
    seen = []

    class S(np.ndarray):
        def __array_finalize__(self, obj):
            seen.append(obj)

    s = S((2, 3))
    assert type(s) is S and s.shape == (2, 3)
    t = np.ndarray.__new__(S, (4,), dtype=np.int32)
    assert type(t) is S and t.dtype == np.int32
    assert seen == [None, None]


@BOTH
def test_subclass_new_and_init_are_skipped_for_views(np):
    calls = []

    class S(np.ndarray):
        def __new__(cls, *args, **kwargs):
            calls.append("new")
            return super().__new__(cls, *args, **kwargs)

        def __init__(self, *args, **kwargs):
            calls.append("init")

    s = np.arange(4).view(S)
    s[1:].copy()
    assert calls == []


@BOTH
def test_finalize_errors_propagate(np):

    class Bad(np.ndarray):
        def __array_finalize__(self, obj):
            raise KeyError("boom")

    with pytest.raises(KeyError):
        np.arange(3).view(Bad)


@BOTH
def test_view_type_must_be_an_ndarray_type(np):
    with pytest.raises(ValueError):
        np.arange(3).view(type=int)


@BOTH
def test_ndarray_constructor_errors(np):
    with pytest.raises(TypeError):
        np.ndarray()


@BOTH
def test_array_wrap_method(np):

    class S(np.ndarray):
        pass

    a = np.arange(3.0)
    s = a.view(S)
    z = np.array(5.0)
    wrap = np.ndarray.__array_wrap__
    assert type(wrap(a, z)) is np.ndarray
    assert type(wrap(a, z, None, True)) is np.float64
    assert type(wrap(s, z, None, True)) is S
    assert type(wrap(s, a)) is S
    assert type(wrap(a, s)) is np.ndarray
    assert wrap(a, a) is a
    with pytest.raises(TypeError):
        wrap(a, [1, 2])


def test_priority_picks_the_wrap():
    seen = {}
    for np in (numpy, numoxide):

        class Low(np.ndarray):
            __array_priority__ = 1.0

        class High(np.ndarray):
            __array_priority__ = 5.0

        lo = np.arange(3.0).view(Low)
        hi = np.arange(3.0).view(High)
        seen[np.__name__] = [
            type(lo + hi).__name__,
            type(hi + lo).__name__,
            type(lo + np.arange(3.0)).__name__,
            type(np.arange(3.0) + lo).__name__,
        ]
    assert seen["numoxide"] == seen["numpy"]


def test_plain_arrays_stay_plain_and_scalars_stay_scalars():
    a = numoxide.arange(3.0)
    assert type(a + 1) is numoxide.ndarray
    assert type(numoxide.sqrt(a[0])) is numoxide.float64
    assert type(a[1:]) is numoxide.ndarray
    assert type(a.view(numoxide.ndarray)) is numoxide.ndarray


REDUCTIONS = {
    "sum": lambda np, a: a.sum(),
    "sum_axis": lambda np, a: a.reshape(2, 3).sum(axis=0),
    "sum_keepdims": lambda np, a: a.sum(keepdims=True),
    "sum_out": lambda np, a: a.reshape(2, 3).sum(axis=0, out=np.zeros(3)),
    "prod": lambda np, a: a.prod(),
    "max": lambda np, a: a.max(),
    "min_axis": lambda np, a: a.reshape(2, 3).min(axis=1),
    "any": lambda np, a: a.any(),
    "all_axis": lambda np, a: a.reshape(2, 3).all(axis=0),
    "mean": lambda np, a: a.mean(),
    "var": lambda np, a: a.var(),
    "std_axis": lambda np, a: a.reshape(2, 3).std(axis=0),
    "argmax": lambda np, a: a.argmax(),
    "argmin_axis": lambda np, a: a.reshape(2, 3).argmin(axis=0),
    "cumsum": lambda np, a: a.cumsum(),
    "cumprod_axis": lambda np, a: a.reshape(2, 3).cumprod(axis=1),
    "np_sum": lambda np, a: np.sum(a),
    "np_amax": lambda np, a: np.amax(a),
    "np_mean_axis": lambda np, a: np.mean(a.reshape(2, 3), axis=0),
    "np_ptp": lambda np, a: np.ptp(a),
    "np_argmax": lambda np, a: np.argmax(a),
    "np_cumsum": lambda np, a: np.cumsum(a),
    "plain_sum": lambda np, a: np.asarray(a).sum(),
}


@pytest.mark.parametrize("name", sorted(REDUCTIONS))
@pytest.mark.parametrize("cls_index", [0, 1], ids=["finalize", "plain"])
def test_reductions_keep_the_subclass(name, cls_index):
    def run(np):
        classes = make_module_classes(np)
        a = (
            classes[0](np.arange(1.0, 7.0), info="X")
            if cls_index == 0
            else np.arange(1.0, 7.0).view(classes[1])
        )
        r = REDUCTIONS[name](np, a)
        return kind(r, np), r

    ours, theirs = run(numoxide), run(numpy)
    assert ours[0] == theirs[0]
    assert_same(numoxide.asarray(ours[1]), numpy.asarray(theirs[1]))


class _Plain(numoxide.ndarray):
    pass


class _Ranked(numoxide.ndarray):
    __array_priority__ = 5


class _PlainNp(numpy.ndarray):
    pass


class _RankedNp(numpy.ndarray):
    __array_priority__ = 5


def _kinds(np):
    plain, ranked = (_Plain, _Ranked) if np is numoxide else (_PlainNp, _RankedNp)
    a = np.ones((2, 2)).view(plain)
    p = np.arange(4.0).reshape(2, 2).view(ranked)
    b = np.ones((2, 2))
    return a, p, b


@pytest.mark.parametrize(
    "call",
    [
        lambda np, a, p, b: np.concatenate([a, a]),
        lambda np, a, p, b: np.concatenate([b, p]),
        lambda np, a, p, b: np.concatenate((a, p), axis=1),
        lambda np, a, p, b: np.stack([a, a]),
        lambda np, a, p, b: np.stack([b, p]),
        lambda np, a, p, b: np.vstack([b, p]),
        lambda np, a, p, b: np.hstack([a, b]),
        lambda np, a, p, b: np.dstack([p, b]),
        lambda np, a, p, b: np.column_stack([p, b]),
        lambda np, a, p, b: np.dot(a, b),
        lambda np, a, p, b: np.dot(b, a),
        lambda np, a, p, b: np.dot(b, p),
        lambda np, a, p, b: np.dot(a, b, out=np.empty((2, 2))),
        lambda np, a, p, b: np.dot(a, 2.0),
    ],
)
def test_result_subclass_by_priority(call):
    # NumPy's concatenate family takes the input subclass of highest __array_priority__
    # above a plain array's; dot takes the first operand's type unless the second ranks
    # higher.
    theirs = call(numpy, *_kinds(numpy))
    ours = call(numoxide, *_kinds(numoxide))
    assert type(ours).__name__.strip("_").replace("Np", "") == type(theirs).__name__.strip(
        "_"
    ).replace("Np", "")
    assert_same(numoxide.asarray(ours), numpy.asarray(theirs))
