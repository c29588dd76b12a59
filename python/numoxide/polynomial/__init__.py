"""numoxide.polynomial: power, Chebyshev, Legendre, Laguerre, Hermite and HermiteE series
(see numpy.polynomial). The classes are thin glue; the numerics are Rust."""

from . import chebyshev, hermite, hermite_e, laguerre, legendre, polynomial, polyutils
from ._polybase import ABCPolyBase
from .chebyshev import Chebyshev
from .hermite import Hermite
from .hermite_e import HermiteE
from .laguerre import Laguerre
from .legendre import Legendre
from .polynomial import Polynomial

__all__ = [
    "Chebyshev",
    "Hermite",
    "HermiteE",
    "Laguerre",
    "Legendre",
    "Polynomial",
    "chebyshev",
    "hermite",
    "hermite_e",
    "laguerre",
    "legendre",
    "polynomial",
    "polyutils",
    "set_default_printstyle",
]


def set_default_printstyle(style):
    """Set the default format ('ascii' or 'unicode') of the series' ``str``."""
    if style not in ("unicode", "ascii"):
        raise ValueError(f"Unsupported format string '{style}'. Valid options are 'ascii' and 'unicode'")
    ABCPolyBase._use_unicode = style == "unicode"
