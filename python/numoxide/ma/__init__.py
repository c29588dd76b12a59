"""numoxide.ma: masked arrays, as NumPy's numpy.ma.

A masked array is an ndarray of data with a boolean mask of the same shape; entries whose
mask is True are left out of arithmetic, reductions and printing.
"""

from . import core
from .core import *  # noqa: F403
from .core import __all__ as _core_all

__all__ = list(_core_all)
