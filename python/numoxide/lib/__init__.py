"""numoxide.lib: see NumPy's numpy.lib."""
from . import format, npyio  # noqa: E402,F401
