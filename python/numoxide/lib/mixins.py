"""NDArrayOperatorsMixin: Python operators for array-like classes, through ufuncs.

A class that defines ``__array_ufunc__`` and inherits this mixin gets ``+``, ``<``,
``@``, ``abs()`` and the rest, each calling the numoxide ufunc of the operator (so the
class's ``__array_ufunc__`` decides what happens), as NumPy's mixin does.
"""

__all__ = ["NDArrayOperatorsMixin"]


def _defers(obj):
    """Whether a binary operator should return NotImplemented for `obj`."""
    try:
        return obj.__array_ufunc__ is None
    except AttributeError:
        return False


def _forward(ufunc, name):
    def op(self, other):
        if _defers(other):
            return NotImplemented
        return ufunc(self, other)

    op.__name__ = f"__{name}__"
    return op


def _reflected(ufunc, name):
    def op(self, other):
        if _defers(other):
            return NotImplemented
        return ufunc(other, self)

    op.__name__ = f"__r{name}__"
    return op


def _inplace(ufunc, name):
    def op(self, other):
        return ufunc(self, other, out=(self,))

    op.__name__ = f"__i{name}__"
    return op


def _unary(ufunc, name):
    def op(self):
        return ufunc(self)

    op.__name__ = f"__{name}__"
    return op


def _make_mixin():
    import numoxide as np

    namespace = {"__slots__": (), "__module__": "numoxide.lib.mixins"}
    comparisons = {
        "lt": np.less,
        "le": np.less_equal,
        "eq": np.equal,
        "ne": np.not_equal,
        "gt": np.greater,
        "ge": np.greater_equal,
    }
    for name, uf in comparisons.items():
        namespace[f"__{name}__"] = _forward(uf, name)
    numeric = {
        "add": np.add,
        "sub": np.subtract,
        "mul": np.multiply,
        "matmul": np.matmul,
        "truediv": np.true_divide,
        "floordiv": np.floor_divide,
        "mod": np.remainder,
        "pow": np.power,
        "lshift": np.left_shift,
        "rshift": np.right_shift,
        "and": np.bitwise_and,
        "xor": np.bitwise_xor,
        "or": np.bitwise_or,
    }
    for name, uf in numeric.items():
        namespace[f"__{name}__"] = _forward(uf, name)
        namespace[f"__r{name}__"] = _reflected(uf, name)
        namespace[f"__i{name}__"] = _inplace(uf, name)

    def divmod_(self, other):
        if _defers(other):
            return NotImplemented
        return np.divmod(self, other)

    def rdivmod_(self, other):
        if _defers(other):
            return NotImplemented
        return np.divmod(other, self)

    namespace["__divmod__"] = divmod_
    namespace["__rdivmod__"] = rdivmod_
    for name, uf in {
        "neg": np.negative,
        "pos": np.positive,
        "abs": np.absolute,
        "invert": np.invert,
    }.items():
        namespace[f"__{name}__"] = _unary(uf, name)
    namespace["__doc__"] = __doc__
    return type("NDArrayOperatorsMixin", (), namespace)


NDArrayOperatorsMixin = _make_mixin()
