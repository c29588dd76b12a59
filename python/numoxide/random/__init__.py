"""numoxide.random: see NumPy's numpy.random."""
