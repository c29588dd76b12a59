"""numoxide.lib: see NumPy's numpy.lib."""
