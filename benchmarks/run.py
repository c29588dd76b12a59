"""Run the benchmarks: every case on NumPy and on numoxide, same data, one process.

Each ``bench_<family>.py`` defines ``CASES``: a list of ``Case(name, setup, run)`` where
``setup(module)`` builds the inputs with that module and ``run(module, inputs)`` is the
timed call. The printed ratio is NumPy time / numoxide time (above 1: numoxide is faster).

    python benchmarks/run.py [substring ...]     # only cases whose name contains one
"""

import importlib
import math
import os
import pathlib
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import numoxide  # noqa: E402
import numpy  # noqa: E402


@dataclass
class Case:
    """One benchmark: a name, a setup(module) -> inputs, and a timed run(module, inputs)."""

    name: str
    setup: Callable[[Any], Any]
    run: Callable[[Any, Any], Any]


def _time(run, module, inputs, budget=0.25, repeats=7):
    """Median seconds per call: calibrate a loop count to ~budget/repeats, then repeat."""
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            run(module, inputs)
        dt = time.perf_counter() - t0
        if dt >= budget / repeats or n >= 1 << 20:
            break
        n *= 4 if dt < budget / repeats / 8 else 2
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(n):
            run(module, inputs)
        samples.append((time.perf_counter() - t0) / n)
    return statistics.median(samples)


def _fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:7.2f} {unit}"
    return f"{seconds / 1e-9:7.2f} ns"


def main(argv):
    try:
        from threadpoolctl import threadpool_limits

        limits = threadpool_limits(1)  # NumPy's BLAS on one thread, as DESIGN.md §9 asks
    except ImportError:
        limits = None
    here = pathlib.Path(__file__).parent
    filters = argv[1:]
    ratios = []
    print(f"{'case':48s} {'numpy':>10s} {'numoxide':>10s} {'ratio':>7s}")
    for path in sorted(here.glob("bench_*.py")):
        mod = importlib.import_module(path.stem)
        for case in mod.CASES:
            if filters and not any(f in case.name for f in filters):
                continue
            try:
                np_in = case.setup(numpy)
                nx_in = case.setup(numoxide)
                t_np = _time(case.run, numpy, np_in)
                t_nx = _time(case.run, numoxide, nx_in)
            except Exception as e:  # noqa: BLE001 - report and go on
                print(f"{case.name:48s} error: {type(e).__name__}: {e}")
                continue
            ratio = t_np / t_nx
            ratios.append(ratio)
            print(f"{case.name:48s} {_fmt(t_np)} {_fmt(t_nx)} {ratio:7.2f}", flush=True)
    if ratios:
        gm = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"\ngeometric mean of {len(ratios)} ratios (NumPy time / numoxide time): {gm:.2f}")
    if limits is not None:
        limits.unregister() if hasattr(limits, "unregister") else None
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NUMOXIDE_BENCH", "1")
    sys.exit(main(sys.argv))
