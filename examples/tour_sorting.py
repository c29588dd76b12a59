"""Tour chapter: sorting, searching and sets."""

import numoxide as np


def chapter_sorting():
    print("== Sorting, searching and sets ==")
    marks = np.array([55, 72, 89, 91, 64, 77])
    print("sorted:", np.sort(marks), "top three positions:", np.argsort(marks)[::-1][:3])
    # NaN sorts last; kind='stable' keeps equal keys in their original order.
    x = np.array([2.0, np.nan, -1.0, 2.0, 0.5])
    print("with NaN:", np.sort(x), "stable order:", np.argsort(x, kind="stable"))
    grid = np.array([[9, 1, 8], [3, 7, 2]])
    print("per row:", np.sort(grid, axis=1).tolist(), "flattened:", np.sort(grid, axis=None))
    grid.sort(axis=0)  # in place, along the columns
    print("in place:", grid.tolist())
    # Sort by one key, ties broken by another: the last key is the primary one.
    last_keys = np.array([2, 1, 2])
    first_keys = np.array([1, 0, 0])
    print("lexsort:", np.lexsort((first_keys, last_keys)))
    # partition: the kth element lands where a full sort would put it.
    p = np.partition(np.array([9, 1, 8, 2, 7, 3]), 3)
    print("partition kth=3:", p[3], "smaller ones first:", np.sort(p[:3]))
    print("searchsorted:", np.searchsorted([1, 3, 5, 7], [0, 3, 6]), np.searchsorted([1, 3, 5, 7], 3, side="right"))
    print("sort_complex:", np.sort_complex(np.array([1 + 2j, 1 - 1j, 0 + 5j])))

    values, counts = np.unique(np.array([3, 1, 3, 2, 1, 3]), return_counts=True)
    print("unique:", values, "counts:", counts)
    u = np.unique_inverse(np.array([[5, 5], [7, 5]]))
    print("unique_inverse:", u.values, u.inverse_indices.tolist())
    print("unique rows:", np.unique(np.array([[1, 2], [1, 2], [0, 9]]), axis=0).tolist())
    a, b = np.array([1, 2, 3, 4]), np.array([3, 4, 5])
    print("intersect:", np.intersect1d(a, b), "union:", np.union1d(a, b))
    print("difference:", np.setdiff1d(a, b), "xor:", np.setxor1d(a, b))
    print("isin:", np.isin(a, b), "not in:", np.isin(a, b, invert=True))
    print()


if __name__ == "__main__":
    chapter_sorting()
