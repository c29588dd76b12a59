"""The tour's chapter on broadcasting, ufuncs and reductions (imported by examples/tour.py)."""

import numoxide as np


def chapter_ufuncs():
    """Elementwise arithmetic, broadcasting rules, type promotion and reductions."""
    print("== Broadcasting, ufuncs and reductions ==")
    a = np.arange(6).reshape(2, 3)
    print("a =")
    print(a)

    # Operators are ufuncs: elementwise, no Python loop.
    print("a + 10 =")
    print(a + 10)
    print("np.sqrt([1., 4., 9.]) =", np.sqrt(np.array([1.0, 4.0, 9.0])))

    # Broadcasting: shapes are aligned from the right; length-1 axes stretch.
    col = np.array([[100], [200]])  # shape (2, 1)
    row = np.array([1, 0, -1])  # shape (3,)
    print("a + col (2, 1) =")
    print(a + col)
    print("a * row (3,) =")
    print(a * row)
    try:
        a + np.ones(4)
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])

    # Types: arrays keep their dtype against Python numbers (NEP 50) ...
    x = np.array([1, 2, 250], dtype=np.uint8)
    print("uint8 + 10 ->", (x + 10).dtype, x + 10, "(wraps around)")
    print("uint8 + 1.5 ->", (x + 1.5).dtype)
    # ... and promote against other arrays.
    print("int8 array + float32 array ->", (np.ones(2, dtype=np.int8) + np.ones(2, dtype=np.float32)).dtype)

    # Floating-point errors follow errstate.
    with np.errstate(divide="ignore", invalid="ignore"):
        print("[1., -1., 0.] / 0 =", np.array([1.0, -1.0, 0.0]) / 0)

    # Reductions: over everything, or along an axis.
    print("a.sum() =", a.sum(), " a.sum(axis=0) =", a.sum(axis=0), " a.mean(axis=1) =", a.mean(axis=1))
    print("a.max() =", a.max(), " np.argmax(a, axis=1) =", np.argmax(a, axis=1), " a.std() =", a.std())
    print("np.cumsum(a) =", np.cumsum(a))
    # Ufunc methods: reduce, accumulate, outer.
    print("np.add.reduce(a, axis=1) =", np.add.reduce(a, axis=1))
    print("np.multiply.accumulate([1, 2, 3, 4]) =", np.multiply.accumulate(np.array([1, 2, 3, 4])))
    print("np.multiply.outer([1, 2], [3, 4]) =")
    print(np.multiply.outer(np.array([1, 2]), np.array([3, 4])))
    print()


if __name__ == "__main__":
    chapter_ufuncs()
