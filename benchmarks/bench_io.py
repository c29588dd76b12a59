"""Files: .npy/.npz, text and memory maps (issue 7)."""

import io
import os
import tempfile

from run import Case

_DIR = tempfile.mkdtemp(prefix="numoxide-bench-io-")


def _path(name):
    return os.path.join(_DIR, name)


def _big_npy(m):
    """A 1 GiB .npy file, written once, memory-mapped by each run."""
    p = _path("big.npy")
    if not os.path.exists(p):
        import numpy

        mm = numpy.lib.format.open_memmap(p, mode="w+", dtype="float64", shape=(1 << 27,))
        mm[0] = 1.0
        mm.flush()
        del mm
    return p


def _csv(m):
    p = _path("t.csv")
    if not os.path.exists(p):
        import numpy

        numpy.savetxt(p, numpy.random.default_rng(0).normal(size=(100_000, 3)), delimiter=",")
    return p


CASES = [
    Case("save .npy 1e7 float64", lambda m: m.ones(10_000_000), lambda m, x: m.save(_path(f"s_{m.__name__}.npy"), x)),
    Case(
        "load .npy 1e7 float64",
        lambda m: (m.save(_path(f"l_{m.__name__}.npy"), m.ones(10_000_000)), _path(f"l_{m.__name__}.npy"))[1],
        lambda m, p: m.load(p),
    ),
    Case(
        "savez_compressed 1e6 float64",
        lambda m: m.asarray(__import__("numpy").random.default_rng(1).integers(0, 100, 1_000_000).astype("float64")),
        lambda m, x: m.savez_compressed(_path(f"z_{m.__name__}.npz"), x=x),
    ),
    Case(
        "npz compressed load 1e6",
        lambda m: (
            m.savez_compressed(_path(f"zl_{m.__name__}.npz"), x=m.zeros(1_000_000)),
            _path(f"zl_{m.__name__}.npz"),
        )[1],
        lambda m, p: m.load(p)["x"],
    ),
    Case("loadtxt 1e5 x 3", _csv, lambda m, p: m.loadtxt(p, delimiter=",")),
    Case(
        "savetxt 1e5 x 3",
        lambda m: m.asarray(__import__("numpy").random.default_rng(0).normal(size=(100_000, 3))),
        lambda m, x: m.savetxt(io.StringIO(), x, delimiter=","),
    ),
    Case("memmap 1 GiB, first element", _big_npy, lambda m, p: m.load(p, mmap_mode="r")[0]),
]
