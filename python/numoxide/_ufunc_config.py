"""Floating-point error handling: ``errstate`` over the engine's ``seterr``/``seterrcall``."""

import contextlib

from ._numoxide import geterr, geterrcall, seterr, seterrcall

__all__ = ["errstate", "geterr", "geterrcall", "seterr", "seterrcall", "getbufsize", "setbufsize"]

_bufsize = 8192


def getbufsize():
    """The size of the buffer used in ufuncs (kept for NumPy compatibility)."""
    return _bufsize


def setbufsize(size):
    """Set the ufunc buffer size; returns the old one (numoxide does not buffer)."""
    global _bufsize
    old, _bufsize = _bufsize, int(size)
    return old


class errstate(contextlib.ContextDecorator):
    """Context manager (and decorator) for floating-point error handling.

    ``with errstate(divide="raise"): ...`` sets the modes for the block and restores the
    previous ones afterwards, as NumPy's ``errstate``.
    """

    def __init__(self, *, call=None, all=None, divide=None, over=None, under=None, invalid=None):
        self._call = call
        self._kwargs = {"all": all, "divide": divide, "over": over, "under": under, "invalid": invalid}
        self._saved = []

    def __enter__(self):
        old = seterr(**self._kwargs)
        old_call = seterrcall(self._call) if self._call is not None else None
        self._saved.append((old, self._call is not None, old_call))
        return self

    def __exit__(self, *exc_info):
        old, had_call, old_call = self._saved.pop()
        seterr(**old)
        if had_call:
            seterrcall(old_call)
        return False
