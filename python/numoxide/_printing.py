"""Print options: ``set_printoptions``, ``get_printoptions`` and ``printoptions``, plus
the array/float text functions, all implemented in ``numoxide._numoxide``."""

import contextlib

from ._numoxide import (
    array2string,
    array_repr,
    array_str,
    format_float_positional,
    format_float_scientific,
    get_printoptions,
    set_printoptions,
)

__all__ = [
    "array2string",
    "array_repr",
    "array_str",
    "format_float_positional",
    "format_float_scientific",
    "get_printoptions",
    "printoptions",
    "set_printoptions",
]


@contextlib.contextmanager
def printoptions(*args, **kwargs):
    """Context manager setting print options for the ``with`` block (NumPy's
    ``printoptions``); yields the options in effect inside the block."""
    saved = get_printoptions()
    set_printoptions(*args, **kwargs)
    try:
        yield get_printoptions()
    finally:
        set_printoptions(**saved)
