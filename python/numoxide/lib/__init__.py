"""numoxide.lib: see NumPy's numpy.lib."""
from . import format, npyio, scimath, stride_tricks  # noqa: E402,F401
