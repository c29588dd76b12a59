"""numoxide.lib: see NumPy's numpy.lib."""
from . import array_utils, format, mixins, npyio, scimath, stride_tricks  # noqa: E402,F401
from ._version import NumpyVersion  # noqa: E402,F401
