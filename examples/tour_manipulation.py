"""Tour chapter: array manipulation — joining, splitting, tiling, flipping, padding and
editing arrays."""

import numoxide as np


def chapter_manipulation():
    print("== Joining, splitting and reshaping arrays ==")
    a = np.arange(6).reshape(2, 3)
    b = np.full((2, 3), 0.5)
    # Joining promotes dtypes as arithmetic does: int64 with float64 gives float64.
    print("concatenate axis 0:", np.concatenate([a, b]).shape, np.concatenate([a, b]).dtype)
    print("concatenate axis 1:")
    print(np.concatenate([a, b], axis=1))
    print("stack on a new last axis:", np.stack([a, a], axis=-1).shape)
    print("hstack/vstack/column_stack:", np.hstack([a, a]).shape, np.vstack([a, a]).shape,
          np.column_stack([[1, 2], [3, 4]]).tolist())
    print("block:")
    print(np.block([[np.eye(2, dtype=int), np.zeros((2, 1), dtype=int)], [np.ones((1, 3), dtype=int)]]))
    try:
        np.concatenate([np.zeros((2, 2)), np.zeros((2, 3))])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])

    # Splits, flips and rotations are views: writing through one changes the original.
    left, right = np.split(np.arange(8), 2)
    right[0] = 40
    print("split then write:", left, right, "shares memory:", np.shares_memory(left, right))
    print("array_split into 3:", np.array_split(np.arange(7), 3))
    m = np.arange(4).reshape(2, 2)
    print("flip:", np.flip(m).tolist(), "rot90:", np.rot90(m).tolist(), "is a view:", np.rot90(m).base is m)

    # Repeating and tiling build new arrays.
    print("tile:", np.tile([1, 2], (2, 2)).tolist())
    print("repeat per element:", np.repeat([1, 2, 3], [3, 0, 1]))
    print("roll by 2:", np.roll(np.arange(5), 2), "roll 2-D:", np.roll(m, 1, axis=(0, 1)).tolist())

    # pad: every NumPy mode.
    x = np.array([1, 2, 3])
    for mode in ["constant", "edge", "reflect", "symmetric", "wrap", "mean", "linear_ramp"]:
        print(f"pad {mode:11s}", np.pad(x, (2, 3), mode))
    print("pad reflect odd:", np.pad(x, 2, "reflect", reflect_type="odd"))

    # Editing: insert, delete, append always return new arrays.
    print("insert:", np.insert(x, 1, [9, 9]), "delete:", np.delete(np.arange(6), [0, 2]),
          "append:", np.append(x, [[4, 5]]))
    print("trim_zeros:", np.trim_zeros(np.array([0, 0, 7, 8, 0])), "resize:", np.resize(x, (2, 4)).tolist())
    r = np.arange(3)
    r.resize(5)
    print("ndarray.resize pads with zeros:", r)
    print("atleast_2d:", np.atleast_2d(5).shape, "unstack:", np.unstack(m))
    # copyto casts with a rule and a mask; Python ints follow NEP 50.
    dst = np.zeros(4, dtype=np.uint8)
    np.copyto(dst, [1, 2, 3, 4], casting="unsafe", where=[True, False, True, False])
    print("copyto with where:", dst)
    try:
        np.copyto(dst, 1.5)
    except TypeError as e:
        print("TypeError:", e)
    print()


if __name__ == "__main__":
    chapter_manipulation()
