"""Tour chapter: statistics — order statistics, histograms and counting."""

import numoxide as np


def chapter_statistics():
    print("== Statistics ==")
    marks = np.array([55, 72, 89, 91, 64, 77])
    # Integer input gives float64 results, as in NumPy.
    print("median:", np.median(marks), "quartiles:", np.percentile(marks, [25, 50, 75]))
    # Every NumPy method is there; discrete ones keep the input's dtype.
    for method in ["linear", "lower", "nearest", "median_unbiased", "inverted_cdf"]:
        print(f"  quantile 0.4 ({method}):", np.quantile(marks, 0.4, method=method))
    table = np.array([[10.0, 7.0, 4.0], [3.0, 2.0, np.nan]])
    # A NaN makes its slice NaN; the nan-variants skip it.
    print("median axis=1:", np.median(table, axis=1), "nanmedian:", np.nanmedian(table, axis=1))
    print("quantiles [0.1, 0.9] by column:")
    print(np.nanquantile(table, [0.1, 0.9], axis=0))
    # Weighted quantiles (method='inverted_cdf').
    w = np.array([1.0, 1.0, 1.0, 5.0, 1.0, 1.0])
    print("weighted median:", np.quantile(marks, 0.5, method="inverted_cdf", weights=w))

    # Histograms: counts match NumPy exactly, including values on the last edge.
    data = np.array([0.0, 0.1, 0.25, 0.5, 0.5, 0.9, 1.0])
    counts, edges = np.histogram(data, bins=4)
    print("histogram:", counts, "edges:", edges)
    print("density:", np.histogram(data, bins=4, density=True)[0])
    print("'auto' bin edges:", np.histogram_bin_edges(np.arange(20.0), bins="auto"))
    h, xe, ye = np.histogram2d([0.0, 0.5, 1.0], [1.0, 2.0, 2.0], bins=2)
    print("histogram2d:")
    print(h)
    # Counting and binning integers.
    print("bincount:", np.bincount(np.array([0, 1, 1, 3]), minlength=5))
    print("digitize:", np.digitize(np.array([0.2, 6.4, 3.0, 1.6]), np.array([0.0, 1.0, 2.5, 4.0, 10.0])))
    print()


if __name__ == "__main__":
    chapter_statistics()
