"""numoxide.ma: masked arrays, as NumPy's numpy.ma.

A masked array is an ndarray of data with a boolean mask of the same shape; entries whose
mask is True are left out of arithmetic, reductions and printing.
"""

from . import core, extras
from .core import *  # noqa: F403
from .core import __all__ as _core_all
from .extras import *  # noqa: F403
from .extras import __all__ as _extras_all

__all__ = ["core", "extras"] + list(_core_all) + list(_extras_all)
