"""numoxide.linalg: see NumPy's numpy.linalg."""
