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


_UNSET = object()


class errstate(contextlib.ContextDecorator):
    """Context manager (and decorator) for floating-point error handling.

    ``with errstate(divide="raise"): ...`` sets the modes for the block and restores the
    previous ones afterwards, as NumPy's ``errstate``.
    """

    def __init__(self, *, call=_UNSET, all=None, divide=None, over=None, under=None, invalid=None):
        self._call = call
        self._kwargs = {"all": all, "divide": divide, "over": over, "under": under, "invalid": invalid}
        self._saved = []

    def __enter__(self):
        # The whole state (modes and callback) is restored on exit, as NumPy's errstate
        # does, whether or not ``call`` was given.
        old_call = geterrcall()
        old = seterr(**self._kwargs)
        if self._call is not _UNSET:
            seterrcall(self._call)
        self._saved.append((old, old_call))
        return self

    def __exit__(self, *exc_info):
        old, old_call = self._saved.pop()
        seterr(**old)
        seterrcall(old_call)
        return False
