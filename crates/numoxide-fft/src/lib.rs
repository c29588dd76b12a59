//! numpy.fft.
