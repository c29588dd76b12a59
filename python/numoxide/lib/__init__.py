"""numoxide.lib: see NumPy's numpy.lib."""
from . import format, npyio, stride_tricks  # noqa: E402,F401
