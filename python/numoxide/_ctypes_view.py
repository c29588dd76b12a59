"""`ndarray.ctypes`: the array's memory as ctypes sees it (NumPy's `_ctypes` object)."""

import ctypes

__all__ = ["CtypesView"]


class CtypesView:
    """The address, shape and strides of an array for ctypes calls. It holds the array,
    so the memory stays valid while this object lives."""

    def __init__(self, array, address):
        self._arr = array
        self._data = ctypes.c_void_p(address)
        self._zerod = array.ndim == 0

    @property
    def data(self):
        """The address of the first element, as an int."""
        return self._data.value

    def data_as(self, obj):
        """The address cast to the ctypes pointer type `obj`; the result keeps the array
        alive."""
        ptr = ctypes.cast(self._data, obj)
        ptr._arr = self._arr
        return ptr

    def shape_as(self, obj):
        """The shape as a ctypes array of `obj` (None for a 0-d array)."""
        if self._zerod:
            return None
        return (obj * self._arr.ndim)(*self._arr.shape)

    def strides_as(self, obj):
        """The strides as a ctypes array of `obj` (None for a 0-d array)."""
        if self._zerod:
            return None
        return (obj * self._arr.ndim)(*self._arr.strides)

    @property
    def shape(self):
        """The shape as a ctypes array of c_ssize_t (None for a 0-d array)."""
        return self.shape_as(ctypes.c_ssize_t)

    @property
    def strides(self):
        """The strides as a ctypes array of c_ssize_t (None for a 0-d array)."""
        return self.strides_as(ctypes.c_ssize_t)

    @property
    def _as_parameter_(self):
        """What ctypes passes for this object: the address as a c_void_p."""
        return self._data
