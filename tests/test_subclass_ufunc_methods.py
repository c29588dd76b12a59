"""ndarray subclasses through the ufunc methods: `accumulate`, `reduceat` and `outer` keep
the subclass through `__array_wrap__` as a ufunc call does (with NumPy's context and
`return_scalar`), `out=` comes back as given — each compared with NumPy."""

import numoxide
import numpy
import pytest

BOTH = pytest.mark.parametrize("np", [numpy, numoxide], ids=["numpy", "numoxide"])


def classes(np):
    log = []

    class Plain(np.ndarray):
        pass

    class Info(np.ndarray):
        def __array_finalize__(self, obj):
            self.info = getattr(obj, "info", "fresh")

    class Wrapped(np.ndarray):
        def __array_wrap__(self, arr, context=None, return_scalar=False):
            ctx = None if context is None else (context[0].__name__, len(context[1]), context[2])
            log.append((type(arr).__name__, arr.shape, ctx, return_scalar))
            return super().__array_wrap__(arr, context, return_scalar)

    class Custom(np.ndarray):
        __array_priority__ = 5.0

        def __array_wrap__(self, arr, context=None, return_scalar=False):
            return "custom"

    return {"Plain": Plain, "Info": Info, "Wrapped": Wrapped, "Custom": Custom}, log


def describe(x, np):
    if isinstance(x, tuple):
        return tuple(describe(y, np) for y in x)
    if isinstance(x, np.ndarray):
        return (type(x).__name__, getattr(x, "info", None), x.shape, str(x.dtype), x.tolist())
    return (type(x).__name__, x if isinstance(x, str) else repr(x))


METHODS = {
    "accumulate": lambda np, a, b: np.add.accumulate(a),
    "accumulate_axis1": lambda np, a, b: np.multiply.accumulate(a.reshape(2, 3), axis=1),
    "accumulate_dtype": lambda np, a, b: np.add.accumulate(a, dtype="f4"),
    "reduceat": lambda np, a, b: np.add.reduceat(a, [0, 2, 3]),
    "reduceat_2d": lambda np, a, b: np.maximum.reduceat(a.reshape(2, 3), [0, 1], axis=1),
    "outer": lambda np, a, b: np.add.outer(a, b),
    "outer_second": lambda np, a, b: np.multiply.outer(b, a),
    "outer_plain_both": lambda np, a, b: np.subtract.outer(np.arange(2.0), np.arange(3.0)),
    "outer_two_outputs": lambda np, a, b: np.divmod.outer(a, b + 1),
    "outer_scalar": lambda np, a, b: np.add.outer(a, 2.0),
    "reduce": lambda np, a, b: np.add.reduce(a),
    "reduce_axis": lambda np, a, b: np.add.reduce(a.reshape(2, 3), axis=0),
}


@pytest.mark.parametrize("cls", ["Plain", "Info", "Wrapped", "Custom"])
@pytest.mark.parametrize("method", sorted(METHODS))
def test_methods_keep_subclass(method, cls):
    results = []
    for np in (numpy, numoxide):
        kinds, log = classes(np)
        a = np.arange(6.0).view(kinds[cls])
        if cls == "Info":
            a.info = "mine"
        b = np.arange(3.0)
        results.append((describe(METHODS[method](np, a, b), np), log))
    assert results[0] == results[1]


@BOTH
def test_out_comes_back_as_given(np):
    kinds, _ = classes(np)
    a = np.arange(4.0).view(kinds["Plain"])
    out = np.zeros(4)
    assert np.add.accumulate(a, out=out) is out
    out2 = np.zeros(2)
    assert np.add.reduceat(a, [0, 2], out=out2) is out2
    out3 = np.zeros((4, 4))
    assert np.add.outer(a, a, out=out3) is out3
    assert type(out3) is np.ndarray


def test_subclass_out_keeps_its_class():
    for np in (numpy, numoxide):
        kinds, _ = classes(np)
        out = np.zeros(4).view(kinds["Plain"])
        r = np.add.accumulate(np.arange(4.0), out=out)
        assert r is out and type(r).__name__ == "Plain"
