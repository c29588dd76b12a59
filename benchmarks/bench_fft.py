"""FFT and polynomial fitting (issue 6: fft 2^16 and 2^20, rfft 2^20, fft2 1024x1024, polyfit)."""

import numpy
from run import Case

_rng = numpy.random.default_rng(0)
_C16 = _rng.standard_normal(1 << 16) + 1j * _rng.standard_normal(1 << 16)
_C20 = _rng.standard_normal(1 << 20) + 1j * _rng.standard_normal(1 << 20)
_R20 = _rng.standard_normal(1 << 20)
_C2D = _rng.standard_normal((1024, 1024)) + 1j * _rng.standard_normal((1024, 1024))
_R2D = _rng.standard_normal((1024, 1024))
_X = numpy.linspace(-3, 3, 100_000)
_Y = 1 + 2 * _X - 0.5 * _X**3 + _rng.standard_normal(_X.size) * 0.1
_XS = numpy.linspace(-1, 1, 1000)
_YS = numpy.cos(3 * _XS)


CASES = [
    Case("fft 2^16 complex128", lambda m: m.asarray(_C16), lambda m, x: m.fft.fft(x)),
    Case("fft 2^20 complex128", lambda m: m.asarray(_C20), lambda m, x: m.fft.fft(x)),
    Case("fft 2^20 float64 input", lambda m: m.asarray(_R20), lambda m, x: m.fft.fft(x)),
    Case("rfft 2^20 float64", lambda m: m.asarray(_R20), lambda m, x: m.fft.rfft(x)),
    Case("irfft 2^20", lambda m: m.fft.rfft(m.asarray(_R20)), lambda m, x: m.fft.irfft(x)),
    Case("fft2 1024x1024 complex128", lambda m: m.asarray(_C2D), lambda m, x: m.fft.fft2(x)),
    Case("rfft2 1024x1024 float64", lambda m: m.asarray(_R2D), lambda m, x: m.fft.rfft2(x)),
    Case("fft 2^16 float32", lambda m: m.asarray(_R20[: 1 << 16].astype("float32")), lambda m, x: m.fft.fft(x)),
    Case("fft of 1000 (prime-ish 1009)", lambda m: m.asarray(_C16[:1009]), lambda m, x: m.fft.fft(x)),
    Case("fft(8) tiny", lambda m: m.asarray(_C16[:8]), lambda m, x: m.fft.fft(x)),
    Case("polyfit deg 3, 1e5 points", lambda m: (m.asarray(_X), m.asarray(_Y)), lambda m, a: m.polyfit(a[0], a[1], 3)),
    Case(
        "Polynomial.fit deg 10, 1000 points",
        lambda m: (m.asarray(_XS), m.asarray(_YS)),
        lambda m, a: m.polynomial.Polynomial.fit(a[0], a[1], 10),
    ),
    Case("polyval deg 5 at 1e6", lambda m: m.asarray(_R20[:1_000_000]), lambda m, x: m.polyval([1.0, 2, 3, 4, 5, 6], x)),
]
