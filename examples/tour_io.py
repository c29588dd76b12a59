"""The tour's chapter on saving and loading (imported by examples/tour.py)."""

import io
import os
import tempfile

import numoxide as np


def chapter_io():
    """Saving and loading: .npy, .npz, memory maps and text files."""
    print("== Saving and loading ==")
    d = tempfile.mkdtemp(prefix="numoxide-tour-")
    a = np.array([[1.5, -2.0, 3.25], [4.0, 5.5, -6.0]])

    # .npy: exact dtype, shape and values; the file is byte-identical to NumPy's.
    np.save(os.path.join(d, "a.npy"), a)
    b = np.load(os.path.join(d, "a.npy"))
    print("npy round trip:", b.dtype, b.shape, b.tolist() == a.tolist())

    # .npz: several named arrays, read lazily.
    np.savez_compressed(os.path.join(d, "run.npz"), x=a, y=np.array([1, 2, 3]))
    with np.load(os.path.join(d, "run.npz")) as f:
        print("npz members:", f.files, "y =", f["y"].tolist())

    # Memory maps: nothing is read until used; writes through r+ reach the file.
    mm = np.memmap(os.path.join(d, "raw.dat"), dtype=np.float32, mode="w+", shape=(1000, 1000))
    mm[10, 20] = 42.0
    mm.flush()
    del mm
    m = np.memmap(os.path.join(d, "raw.dat"), dtype=np.float32, mode="r", shape=(1000, 1000))
    print("memmap element:", float(m[10, 20]))
    del m

    # Text: savetxt/loadtxt with NumPy's formats and parser rules.
    buf = io.StringIO()
    np.savetxt(buf, a, delimiter=",", fmt="%.3f")
    print("csv text:", buf.getvalue().splitlines()[0])
    c = np.loadtxt(io.StringIO(buf.getvalue()), delimiter=",")
    print("loadtxt:", c.tolist())
    try:
        np.loadtxt(io.StringIO("1,2\n3,x\n"), delimiter=",")
    except ValueError as e:
        print("bad token:", e)


if __name__ == "__main__":
    chapter_io()
