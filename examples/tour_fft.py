"""Tour chapter: Fourier transforms (numoxide.fft) and polynomials (numoxide.polynomial)."""

import numoxide as np


def chapter_fft():
    print("== Fourier transforms and polynomials ==")
    # A pure tone of 4 cycles over 64 samples: all its energy lands in bin 4.
    t = np.linspace(0, 8 * np.pi, 64, endpoint=False)
    spectrum = np.fft.rfft(np.sin(t))
    print("|rfft| bins 3..5:", np.abs(spectrum[3:6]))
    print("frequencies:", np.fft.rfftfreq(8, d=0.5))
    print("fftshift:", np.fft.fftshift(np.fft.fftfreq(6)))
    # float32 in, complex64 out, as in NumPy 2; n zero-pads, norm scales.
    print("dtype:", np.fft.fft(np.ones(4, dtype=np.float32)).dtype)
    print("ortho, padded:", np.fft.fft([1.0, 2.0], n=4, norm="ortho"))
    print("fft2 of ones:", np.fft.fft2(np.ones((2, 3))))

    # Polynomial series: fit, convert to the power basis, find roots.
    xs = np.linspace(0, 3, 20)
    ys = np.polynomial.polynomial.polyval(xs, [1.0, 2.0, -0.5])
    p = np.polynomial.Polynomial.fit(xs, ys, deg=2)
    print("fit:", p)
    print("in the power basis:", p.convert().coef, "roots:", p.roots())
    c = np.polynomial.Chebyshev([1.0, 2.0, 3.0])
    print("Chebyshev:", c, "->", c.convert(kind=np.polynomial.Polynomial))
    x, w = np.polynomial.legendre.leggauss(3)
    print("Gauss-Legendre nodes:", x, "weights:", w)
    # Coefficient arrays may have more axes: 2-D series, evaluated pointwise or on grids.
    c2 = np.array([[1.0, 2.0], [3.0, 4.0]])  # 1 + 2y + 3x + 4xy
    print("polyval2d:", np.polynomial.polynomial.polyval2d([0.5, 1.0], [2.0, 0.0], c2))
    print("polygrid2d:", np.polynomial.polynomial.polygrid2d([0.0, 1.0], [0.0, 1.0], c2).tolist())
    print("float32 stays float32:", np.polynomial.Polynomial(np.array([1, 2], "float32")).deriv().coef.dtype)
    # The legacy API (highest power first) is there too.
    q = np.poly1d([1.0, -3.0, 2.0])
    print(q)
    print("roots:", q.roots, "polyfit:", np.polyfit(xs, ys, 2))
    print()


if __name__ == "__main__":
    chapter_fft()
