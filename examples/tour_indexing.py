"""The tour's chapter on advanced indexing and the index routines (imported by
examples/tour.py)."""

import numoxide as np


def chapter_indexing():
    """Integer arrays, boolean masks, where the index dimensions land, assignment,
    ufunc.at, and the index routines (take, nonzero, where, choose, select, ...)."""
    print("== Advanced indexing and index routines ==")
    marks = np.array([55, 72, 89, 91, 64, 77])
    print("marks =", marks)

    # Boolean masks select (a copy, in order); integer arrays pick positions.
    print("marks[marks >= 60] =", marks[marks >= 60])
    print("marks[[0, -1]] =", marks[[0, -1]])
    print("marks[[[0, 1], [4, 5]]] =")
    print(marks[[[0, 1], [4, 5]]])

    # Several index arrays broadcast together; np.ix_ builds an open mesh.
    a = np.arange(12).reshape(3, 4)
    print("a =")
    print(a)
    print("a[[0, 2], [1, 3]] =", a[[0, 2], [1, 3]])
    print("a[np.ix_([0, 2], [1, 3])] =")
    print(a[np.ix_([0, 2], [1, 3])])

    # Where the index dimensions land: adjacent index arrays replace their axes in
    # place; separated by a slice, they go first.
    b = np.zeros((2, 3, 4))
    print("b[:, [0, 1], [0, 1]].shape =", b[:, [0, 1], [0, 1]].shape)
    print("b[[0, 1], :, [0, 1]].shape =", b[[0, 1], :, [0, 1]].shape)

    # Assignment broadcasts and casts; with repeated indices the last value wins,
    # while ufunc.at accumulates.
    c = np.zeros(5)
    c[[1, 1, 3]] = [10, 20, 30]
    print("c[[1, 1, 3]] = [10, 20, 30] ->", c)
    counts = np.zeros(5, dtype=np.int64)
    np.add.at(counts, [1, 1, 3], 1)
    print("np.add.at(counts, [1, 1, 3], 1) ->", counts)
    a[a % 2 == 1] = -1
    print("a[a % 2 == 1] = -1 ->")
    print(a)

    # Index routines.
    print("np.nonzero(marks > 80) =", np.nonzero(marks > 80))
    print("np.argwhere(a < 0)[:3] =")
    print(np.argwhere(a < 0)[:3])
    print("np.take(marks, [5, 0, 7], mode='wrap') =", np.take(marks, [5, 0, 7], mode="wrap"))
    order = np.array([[2, 0, 1], [1, 2, 0]])
    print("np.take_along_axis(...) =")
    print(np.take_along_axis(np.array([[10, 20, 30], [40, 50, 60]]), order, axis=1))
    print("np.choose([0, 1, 0], [[1, 2, 3], [10, 20, 30]]) =", np.choose([0, 1, 0], [[1, 2, 3], [10, 20, 30]]))
    grades = np.select([marks >= 85, marks >= 65], [2, 1], default=0)
    print("np.select(...) grades =", grades)
    x = np.linspace(-2.0, 2.0, 5)
    print("np.piecewise(x, [x < 0], [lambda v: -v, lambda v: v * v]) =", np.piecewise(x, [x < 0], [lambda v: -v, lambda v: v * v]))
    print("np.unravel_index(7, (3, 4)) =", np.unravel_index(7, (3, 4)))
    print("np.ravel_multi_index(([1, 2], [3, 0]), (3, 4)) =", np.ravel_multi_index(([1, 2], [3, 0]), (3, 4)))
    print("np.triu_indices(3) =", np.triu_indices(3))
    d = np.diagonal(np.arange(9).reshape(3, 3))
    print("np.diagonal(...) =", d, "(a read-only view:", d.flags.writeable, ")")

    # Errors read as NumPy's.
    try:
        marks[[6]]
    except IndexError as e:
        print("IndexError:", e)
    try:
        marks[np.array([True, False])]
    except IndexError as e:
        print("IndexError:", e)
    print()


if __name__ == "__main__":
    chapter_indexing()
