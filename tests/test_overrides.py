"""NEP 13 `__array_ufunc__` overrides: which method is called, with which inputs and
keywords, for every ufunc entry point and the ndarray operators; opting out with
`__array_ufunc__ = None`; `NotImplemented` chains; `__array_priority__` deferral; and
subclasses that unwrap and call `ndarray.__array_ufunc__` — all compared with NumPy."""

import numoxide
import numpy
import pytest


def outcome(f):
    """The result of `f()`, or the class of the error it raises."""
    try:
        r = f()
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        return ("error", type(e).__name__)
    if isinstance(r, (numpy.ndarray, numoxide.ndarray)):
        return ("array", type(r).__name__, r.tolist())
    if isinstance(r, (numpy.generic, numoxide.generic)):
        return ("scalar", type(r).__name__, r.item())
    return ("value", r)


def recorder(np, log):
    class A:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            log.append((ufunc.__name__, method, [type(i).__name__ for i in inputs], sorted(kwargs)))
            return "A"

    return A()


CALLS = {
    "call": lambda np, x, a: np.add(x, a),
    "operator": lambda np, x, a: x + a,
    "reflected_operator": lambda np, x, a: a + x if hasattr(a, "__add__") else x.__radd__(a),
    "positional_out": lambda np, x, a: np.add(x, 1, a),
    "keyword_out": lambda np, x, a: np.add(x, 1, out=a),
    "out_tuple_with_none": lambda np, x, a: np.modf(x, out=(a, None)),
    "reduce": lambda np, x, a: np.add.reduce(a),
    "reduce_keywords": lambda np, x, a: np.add.reduce(a, axis=None, keepdims=True),
    "reduce_out": lambda np, x, a: np.add.reduce(x, axis=0, out=a),
    "accumulate": lambda np, x, a: np.add.accumulate(a),
    "reduceat": lambda np, x, a: np.add.reduceat(a, [0, 1]),
    "outer": lambda np, x, a: np.multiply.outer(x, a),
    "at": lambda np, x, a: np.add.at(a, [0], 1),
    "where": lambda np, x, a: np.sin(a, where=True),
    "dtype": lambda np, x, a: np.add(x, a, dtype=np.float32),
    "unary": lambda np, x, a: np.negative(a),
    "equal": lambda np, x, a: x == a,
    "less": lambda np, x, a: x < a,
    "multiply": lambda np, x, a: x * a,
    "subtract": lambda np, x, a: x - a,
    "divide": lambda np, x, a: x / a,
    "power": lambda np, x, a: x**a,
    "floor_divide": lambda np, x, a: x // a,
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_override_receives_the_call(name):
    seen = {}
    for np in (numpy, numoxide):
        log = []
        a = recorder(np, log)
        r = outcome(lambda np=np, a=a: CALLS[name](np, np.arange(3.0), a))
        seen[np.__name__] = (r, log)
    assert seen["numoxide"] == seen["numpy"]


class OptOut:
    __array_ufunc__ = None

    def __radd__(self, other):
        return "radd"

    def __rmul__(self, other):
        return "rmul"

    def __eq__(self, other):
        return "eq"

    __hash__ = object.__hash__


OPT_OUT = {
    "add": lambda np, x, n: x + n,
    "ufunc": lambda np, x, n: np.add(x, n),
    "multiply": lambda np, x, n: x * n,
    "equal": lambda np, x, n: x == n,
    "subtract_without_reflection": lambda np, x, n: x - n,
    "inplace": lambda np, x, n: x.__iadd__(n),
}


@pytest.mark.parametrize("name", sorted(OPT_OUT))
def test_opting_out_with_none(name):
    results = [
        outcome(lambda np=np: OPT_OUT[name](np, np.arange(3.0), OptOut()))
        for np in (numpy, numoxide)
    ]
    assert results[0] == results[1]


def test_not_implemented_chains_and_errors():
    class Refuses:
        def __array_ufunc__(self, *args, **kwargs):
            return NotImplemented

    for np in (numpy, numoxide):
        log = []
        a = recorder(np, log)
        assert outcome(lambda np=np: np.add(np.arange(3.0), Refuses())) == ("error", "TypeError")
        assert np.add(Refuses(), a) == "A"
        assert log == [("add", "__call__", ["Refuses", "A"], [])]


def asked_order(np):
    calls = []

    class Base:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            calls.append(type(self).__name__)
            return NotImplemented

    class Derived(Base):
        pass

    outcome(lambda: np.add(Base(), Derived()))
    return calls


def test_subclasses_are_asked_before_their_bases():
    assert asked_order(numoxide) == asked_order(numpy) == ["Derived", "Base"]


def test_ndarray_array_ufunc_method():
    for np in (numpy, numoxide):
        x = np.arange(3.0)
        a = recorder(np, [])
        assert np.ndarray.__array_ufunc__(x, np.add, "__call__", x, 1).tolist() == [1.0, 2.0, 3.0]
        assert np.ndarray.__array_ufunc__(x, np.add, "reduce", x).item() == 3.0
        assert np.ndarray.__array_ufunc__(x, np.add, "__call__", x, a) is NotImplemented


def test_priority_defers_to_reflected_methods():
    class High:
        __array_priority__ = 100

        def __radd__(self, other):
            return "High-radd"

    class HighWithoutReflection:
        __array_priority__ = 100

    for np in (numpy, numoxide):
        x = np.arange(3.0)
        assert x + High() == "High-radd"
        assert outcome(lambda x=x: x + HighWithoutReflection())[0] == "error"


def unwrapping_results(np):
    log = []

    class S(np.ndarray):
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            args = [i.view(np.ndarray) if isinstance(i, S) else i for i in inputs]
            log.append((ufunc.__name__, method))
            return super().__array_ufunc__(ufunc, method, *args, **kwargs)

    s = np.arange(3.0).view(S)
    return (
        outcome(lambda: s + 1),
        outcome(lambda: np.sqrt(s)),
        outcome(lambda: np.add.reduce(s)),
        log,
    )


def test_unwrapping_subclass():
    assert unwrapping_results(numoxide) == unwrapping_results(numpy)
