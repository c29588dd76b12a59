"""Tools for testing ``__array_ufunc__`` overrides (NumPy's ``numpy.testing.overrides``).

numoxide's functions do not dispatch through ``__array_function__``, so the set of
overridable array functions is empty.
"""

import numoxide as _np

__all__ = [
    "allows_array_function_override",
    "allows_array_ufunc_override",
    "get_overridable_numpy_array_functions",
    "get_overridable_numpy_ufuncs",
]


def get_overridable_numpy_ufuncs():
    """The set of every ufunc in numoxide's public namespace."""
    return {obj for obj in vars(_np).values() if isinstance(obj, _np.ufunc)}


def allows_array_ufunc_override(func):
    """True if ``func`` is a ufunc (so ``__array_ufunc__`` can override it)."""
    return isinstance(func, _np.ufunc)


def get_overridable_numpy_array_functions():
    """The functions overridable through ``__array_function__``: none in numoxide."""
    return set()


def allows_array_function_override(func):
    """True if ``func`` dispatches through ``__array_function__``: never in numoxide."""
    return func in get_overridable_numpy_array_functions()
