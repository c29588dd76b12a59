"""Tour chapter: masked arrays (numoxide.ma), the matrix class and type annotations."""

import warnings

import numoxide as np


def chapter_masked():
    print("== Masked arrays ==")
    # A reading of -999 means "no data": mask it and the statistics leave it out.
    readings = np.array([12.5, -999.0, 14.0, 13.25, -999.0, 15.5])
    m = np.ma.masked_equal(readings, -999.0)
    print("readings:", m)
    print("mean of the valid ones:", m.mean(), "count:", m.count())
    print("filled with 0:", m.filled(0))
    # Arithmetic carries the mask; division by zero and sqrt of negatives mask entries.
    d = np.ma.array([2.0, 0.0, -4.0], mask=[0, 0, 0])
    print("1 / d:", 1 / d)
    print("sqrt(d):", np.ma.sqrt(d))
    grid = np.ma.array(np.arange(6.0).reshape(2, 3), mask=[[0, 1, 0], [0, 0, 1]])
    print("grid:")
    print(grid)
    print("sum per column:", grid.sum(axis=0), "median per row:", np.ma.median(grid, axis=1))
    print("np.max(grid) calls grid.max():", np.max(grid))
    print(repr(np.ma.masked_invalid([1.0, np.nan, 3.0])))

    print("== The matrix class ==")
    # NumPy (and numoxide) warn that matrix is not for new code (ndarray and @ are), on
    # every matrix made, products included.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        a = np.matrix("1 2; 3 4")
        print("a * a =", a * a, "  a ** -1 =", a**-1, sep="\n")
        print("a[0] is a row:", a[0], "  a[:, 1] is a column:", a[:, 1].T, ".T")
    print()


def chapter_typing():
    print("== Type annotations ==")
    import numoxide.typing as npt

    def scale(x: npt.ArrayLike, k: float = 2.0) -> npt.NDArray[np.float64]:
        return np.asarray(x, dtype=np.float64) * k

    print("NDArray[float64] is", npt.NDArray[np.float64])
    print("scale([1, 2]) =", scale([1, 2]))
    print()
