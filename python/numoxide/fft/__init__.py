"""numoxide.fft: see NumPy's numpy.fft."""
