"""A newcomer's walk through numoxide: `import numoxide as np` and NumPy code runs unchanged.

Run it with `make tour`. Each chapter is a function `chapter_<name>()`; this file holds
"Basics" and the other chapters live beside it (tour_ufuncs.py, tour_io.py, ...). The
first lines printed here are also what `cargo run --example basics -p numoxide` prints
from Rust.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numoxide as np  # noqa: E402
import tour_fft  # noqa: E402
import tour_indexing  # noqa: E402
import tour_io  # noqa: E402
import tour_linalg  # noqa: E402
import tour_logic  # noqa: E402
import tour_manipulation  # noqa: E402
import tour_masked  # noqa: E402
import tour_random  # noqa: E402
import tour_sorting  # noqa: E402
import tour_statistics  # noqa: E402
import tour_ufuncs  # noqa: E402


def chapter_basics():
    """Arrays, their attributes, indexing and slicing, views versus copies."""
    print("== Basics ==")
    # An array is a block of memory seen through a shape, strides and a dtype.
    a = np.arange(12).reshape(3, 4)
    print("a = np.arange(12).reshape(3, 4)")
    print(a)
    print("shape:", a.shape, "ndim:", a.ndim, "size:", a.size)
    print("dtype:", a.dtype, "itemsize:", a.itemsize, "nbytes:", a.nbytes)
    # Strides are the bytes to step for +1 along each axis.
    print("strides:", a.strides)

    # Indexing: integers pick, slices keep an axis, negative steps walk backwards.
    print("a[1, 2] =", a[1, 2], "a[-1, -1] =", a[-1, -1])
    print("a[1:, ::-2] =")
    print(a[1:, ::-2])
    print("a[..., 1] =", a[..., 1], "a[:, np.newaxis, 0].shape =", a[:, np.newaxis, 0].shape)

    # A single element is a NumPy scalar; its repr names its type.
    print("repr(a[0, 0]):", repr(a[0, 0]))

    # Slices are views: they share memory with the array they come from.
    b = a[:, 1]
    b[0] = 100
    print("after b = a[:, 1]; b[0] = 100:")
    print(a)
    # a itself is a view of arange's array: both views share that array as their base.
    print("b.base is a.base:", b.base is a.base, " shares memory:", np.shares_memory(a, b))
    # The transpose is a view too, with the strides swapped.
    print("a.T.strides:", a.T.strides, " a.T.flags.c_contiguous:", a.T.flags.c_contiguous)

    # copy() and astype() make new arrays.
    c = a.copy()
    c[0, 0] = -1
    print("after c = a.copy(); c[0, 0] = -1: a[0, 0] =", a[0, 0])
    f = a.astype(np.float32) / 2
    print("a.astype(np.float32) / 2 =")
    print(f)
    # Assigning broadcasts and casts the value to the array's dtype.
    a[2] = 7.9
    print("after a[2] = 7.9:", a[2])
    # Out-of-range Python ints raise instead of wrapping (NEP 50).
    u = np.zeros(3, dtype=np.uint8)
    try:
        u[0] = 300
    except OverflowError as e:
        print("OverflowError:", e)
    print()


def chapters():
    """Every chapter_*() in this file and its companion modules, in tour order."""
    found = [chapter_basics]
    for module in (
        tour_ufuncs,
        tour_indexing,
        tour_manipulation,
        tour_sorting,
        tour_statistics,
        tour_logic,
        tour_random,
        tour_linalg,
        tour_fft,
        tour_io,
        tour_masked,
    ):
        found += [getattr(module, name) for name in sorted(vars(module)) if name.startswith("chapter_")]
    return found


def main():
    for chapter in chapters():
        chapter()


if __name__ == "__main__":
    main()
