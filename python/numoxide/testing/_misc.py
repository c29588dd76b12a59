"""Platform flags and small test helpers of ``numpy.testing`` (temp files, timing,
doctests, threads, memory checks). Pure Python glue."""

import contextlib
import importlib.util
import os
import pathlib
import platform
import re
import shutil
import sys
import sysconfig
import threading
import time
from tempfile import mkdtemp, mkstemp
from unittest import SkipTest, TestCase

import numoxide as np

__all__ = [
    "BLAS_SUPPORTS_FPE",
    "HAS_LAPACK64",
    "HAS_REFCOUNT",
    "IS_64BIT",
    "IS_MUSL",
    "IS_PYPY",
    "IS_PYSTON",
    "IS_WASM",
    "NOGIL_BUILD",
    "NUMPY_ROOT",
    "IgnoreException",
    "KnownFailureException",
    "SkipTest",
    "TestCase",
    "check_support_sve",
    "decorate_methods",
    "jiffies",
    "measure",
    "memusage",
    "run_threaded",
    "rundocs",
    "runstring",
    "tempdir",
    "temppath",
    "verbose",
]


class KnownFailureException(Exception):
    """Raise this exception to mark a test as a known failing test."""


KnownFailureTest = KnownFailureException


class IgnoreException(Exception):
    """Ignoring this exception due to disabled feature"""


verbose = 0

# The package root (NumPy's names this after itself; here it is numoxide's).
NUMPY_ROOT = pathlib.Path(np.__file__).parent

IS_WASM = platform.machine() in ["wasm32", "wasm64"]
IS_PYPY = sys.implementation.name == "pypy"
IS_PYSTON = hasattr(sys, "pyston_version_info")
HAS_REFCOUNT = getattr(sys, "getrefcount", None) is not None and not IS_PYSTON
# numoxide's linear algebra (faer) indexes with 64-bit integers, like an ILP64 LAPACK.
HAS_LAPACK64 = True
# Matrix products are not promised to raise floating-point flags: tests of them skip.
BLAS_SUPPORTS_FPE = False
IS_MUSL = "musl" in (sysconfig.get_config_var("HOST_GNU_TYPE") or "")
NOGIL_BUILD = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
IS_64BIT = sys.maxsize > 2**32


def _install_state():
    """(IS_INSTALLED, IS_EDITABLE) from the numoxide distribution's metadata."""
    import importlib.metadata

    try:
        dist = importlib.metadata.distribution("numoxide")
    except importlib.metadata.PackageNotFoundError:
        return False, False
    try:
        editable = bool(dist.origin.dir_info.editable)
    except AttributeError:
        editable = False
    # A source tree on sys.path shadows an installed copy: then that copy is not ours.
    if not editable and pathlib.Path(dist.locate_file("numoxide")) != NUMPY_ROOT:
        return False, False
    return True, editable


_install_flags = []


def __getattr__(name):
    # IS_INSTALLED / IS_EDITABLE read package metadata (slow to import): on first use only.
    if name in ("IS_INSTALLED", "IS_EDITABLE"):
        if not _install_flags:
            _install_flags.extend(_install_state())
        return _install_flags[name == "IS_EDITABLE"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _proc_stat_field(index, path):
    with open(path or f"/proc/{os.getpid()}/stat") as f:
        return int(f.readline().split(" ")[index])


if sys.platform.startswith("linux"):

    def memusage(_proc_pid_stat=None):
        """Virtual memory size in bytes of this Python process (None if unknown)."""
        try:
            return _proc_stat_field(22, _proc_pid_stat)
        except Exception:
            return None

    def jiffies(_proc_pid_stat=None, _load_time=None):
        """Hundredths of a second this process has been scheduled in user mode."""
        _load_time = _load_time or []
        if not _load_time:
            _load_time.append(time.time())
        try:
            return _proc_stat_field(13, _proc_pid_stat)
        except Exception:
            return int(100 * (time.time() - _load_time[0]))

else:

    def memusage():
        """Memory usage of this process: not implemented on this platform."""
        raise NotImplementedError

    def jiffies(_load_time=[]):  # noqa: B006  (the default list is the start-time cache)
        """Hundredths of a second since the first call (wall clock)."""
        if not _load_time:
            _load_time.append(time.time())
        return int(100 * (time.time() - _load_time[0]))


def runstring(astr, dict):  # noqa: A002  (NumPy's parameter name)
    """exec ``astr`` in the namespace ``dict``."""
    exec(astr, dict)


def rundocs(filename=None, raise_on_error=True):
    """Run the doctests of a module file (default: the caller's module)."""
    import doctest

    if filename is None:
        filename = sys._getframe(1).f_globals["__file__"]
    name = os.path.splitext(os.path.basename(filename))[0]
    spec = importlib.util.spec_from_file_location(name, filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    runner = doctest.DocTestRunner(verbose=False)
    report = []
    for test in doctest.DocTestFinder().find(module):
        runner.run(test, out=report.append if raise_on_error else None)
    if runner.failures > 0 and raise_on_error:
        raise AssertionError("Some doctests failed:\n" + "\n".join(report))


def check_support_sve(__cache=[]):  # noqa: B006  (the default list is the cache)
    """True if ``lscpu`` reports the ARM SVE extension."""
    if not __cache:
        import subprocess

        try:
            out = subprocess.run("lscpu", capture_output=True, text=True)
            __cache.append("sve" in out.stdout)
        except (OSError, subprocess.SubprocessError):
            __cache.append(False)
    return __cache[0]


def decorate_methods(cls, decorator, testmatch=None):
    """Apply ``decorator`` to every public test method of ``cls`` matching ``testmatch``."""
    import inspect

    if testmatch is None:
        pattern = re.compile(rf"(?:^|[\\b_\\.{os.sep}-])[Tt]est")
    else:
        pattern = re.compile(testmatch)
    for function in [v for v in cls.__dict__.values() if inspect.isfunction(v)]:
        try:
            name = getattr(function, "compat_func_name", None) or function.__name__
        except AttributeError:
            continue
        if pattern.search(name) and not name.startswith("_"):
            setattr(cls, name, decorator(function))


def measure(code_str, times=1, label=None):
    """Seconds (in jiffy resolution) to run ``code_str`` ``times`` times in the caller's
    namespace."""
    frame = sys._getframe(1)
    code = compile(code_str, f"Test name: {label} ", "exec")
    start = jiffies()
    for _ in range(times):
        exec(code, frame.f_globals, frame.f_locals)
    return 0.01 * (jiffies() - start)


@contextlib.contextmanager
def tempdir(*args, **kwargs):
    """A temporary directory (mkdtemp arguments), removed with its contents on exit."""
    path = mkdtemp(*args, **kwargs)
    try:
        yield path
    finally:
        shutil.rmtree(path)


@contextlib.contextmanager
def temppath(*args, **kwargs):
    """A path to a closed temporary file (mkstemp arguments), deleted on exit."""
    fd, path = mkstemp(*args, **kwargs)
    os.close(fd)
    try:
        yield path
    finally:
        os.remove(path)


def run_threaded(func, max_workers=8, pass_count=False, pass_barrier=False,
                 outer_iterations=1, prepare_args=None):
    """Call ``func`` from ``max_workers`` threads at once, ``outer_iterations`` times."""
    import concurrent.futures

    for _ in range(outer_iterations):
        with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
            args = [] if prepare_args is None else prepare_args()
            if pass_barrier:
                barrier = threading.Barrier(max_workers)
                args.append(barrier)
            if pass_count:
                calls = [(func, i, *args) for i in range(max_workers)]
            else:
                calls = [(func, *args) for _ in range(max_workers)]
            futures = []
            try:
                for call in calls:
                    futures.append(pool.submit(*call))
            except RuntimeError as e:
                import pytest

                pytest.skip(f"Spawning {max_workers} threads failed with error {e!r} "
                            "(likely due to resource limits on the system running the tests)")
            finally:
                if len(futures) < max_workers and pass_barrier:
                    barrier.abort()
            for future in futures:
                future.result()


def _assert_valid_refcount(op):
    """Check that ``op(b, c)`` on int arrays does not leak references to small ints."""
    if not HAS_REFCOUNT:
        return True
    import gc

    from ._compare import assert_

    b = np.arange(100 * 100).reshape(100, 100)
    c = b
    one = 1
    gc.disable()
    try:
        before = sys.getrefcount(one)
        for _ in range(15):
            op(b, c)
        assert_(sys.getrefcount(one) >= before)
    finally:
        gc.enable()


def _gen_alignment_data(dtype=np.float32, type="binary", max_size=24):  # noqa: A002
    """Yield (out, in..., description) array tuples at every small alignment offset,
    in place, out of place and aliased, for unary or binary loops."""
    unary = "unary offset=(%d, %d), size=%d, dtype=%r, %s"
    binary = "binary offset=(%d, %d, %d), size=%d, dtype=%r, %s"
    for o in range(3):
        for s in range(o + 2, max(o + 3, max_size)):
            def fresh(s=s, o=o):
                return np.arange(s, dtype=dtype)[o:]

            out = np.empty((s,), dtype=dtype)[o:]
            if type == "unary":
                yield out, fresh(), unary % (o, o, s, dtype, "out of place")
                d = fresh()
                yield d, d, unary % (o, o, s, dtype, "in place")
                yield out[1:], fresh()[:-1], unary % (o + 1, o, s - 1, dtype, "out of place")
                yield out[:-1], fresh()[1:], unary % (o, o + 1, s - 1, dtype, "out of place")
                yield fresh()[:-1], fresh()[1:], unary % (o, o + 1, s - 1, dtype, "aliased")
                yield fresh()[1:], fresh()[:-1], unary % (o + 1, o, s - 1, dtype, "aliased")
            if type == "binary":
                yield out, fresh(), fresh(), binary % (o, o, o, s, dtype, "out of place")
                d = fresh()
                yield d, d, fresh(), binary % (o, o, o, s, dtype, "in place1")
                d = fresh()
                yield d, fresh(), d, binary % (o, o, o, s, dtype, "in place2")
                yield (out[1:], fresh()[:-1], fresh()[:-1],
                       binary % (o + 1, o, o, s - 1, dtype, "out of place"))
                yield (out[:-1], fresh()[1:], fresh()[:-1],
                       binary % (o, o + 1, o, s - 1, dtype, "out of place"))
                yield (out[:-1], fresh()[:-1], fresh()[1:],
                       binary % (o, o, o + 1, s - 1, dtype, "out of place"))
                yield (fresh()[1:], fresh()[:-1], fresh()[:-1],
                       binary % (o + 1, o, o, s - 1, dtype, "aliased"))
                yield (fresh()[:-1], fresh()[1:], fresh()[:-1],
                       binary % (o, o + 1, o, s - 1, dtype, "aliased"))
                yield (fresh()[:-1], fresh()[:-1], fresh()[1:],
                       binary % (o, o, o + 1, s - 1, dtype, "aliased"))
