"""Mirror of ``numpy.testing._private.utils``: every name of numoxide.testing plus the
helpers NumPy keeps only here (ULP internals, memory and recursion guards, subprocess
runner), for suites that import them from this path."""

import os
import re
import sys
import sysconfig
from functools import wraps

from .._compare import *  # noqa: F403
from .._compare import __all__ as _compare_all
from .._compare import integer_repr, nulp_diff  # noqa: F401
from .._misc import *  # noqa: F403
from .._misc import (  # noqa: F401
    IS_64BIT,
    IS_PYSTON,
    IS_WASM,
    KnownFailureTest,
    _assert_valid_refcount,
    _gen_alignment_data,
)
from .._misc import __all__ as _misc_all
from .._warnings import *  # noqa: F403
from .._warnings import __all__ as _warnings_all

__all__ = sorted(set(_compare_all) | set(_misc_all) | set(_warnings_all)
                 | {"IS_INSTALLED", "IS_EDITABLE"})


def __getattr__(name):
    # IS_INSTALLED / IS_EDITABLE need package metadata: computed on first access.
    if name in ("IS_INSTALLED", "IS_EDITABLE"):
        from .. import _misc

        return getattr(_misc, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _parse_size(size_str):
    """Bytes in a size such as '16GB', '1.5 kib' or '1000' (decimal and binary units)."""
    units = {"": 1, "b": 1,
             "k": 1000, "m": 1000**2, "g": 1000**3, "t": 1000**4,
             "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4,
             "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}
    found = re.match(r"^\s*(\d+|\d+\.\d+)\s*(" + "|".join(units) + r")\s*$",
                     size_str.lower(), re.I)
    if not found or found.group(2) not in units:
        raise ValueError(f"value {size_str!r} not a valid size")
    return int(float(found.group(1)) * units[found.group(2)])


def _get_mem_available():
    """Available memory in bytes (psutil, else /proc/meminfo), or None if unknown."""
    try:
        import psutil

        return psutil.virtual_memory().available
    except (ImportError, AttributeError):
        pass
    if sys.platform.startswith("linux"):
        info = {}
        with open("/proc/meminfo") as f:
            for line in f:
                fields = line.split()
                info[fields[0].strip(":").lower()] = int(fields[1]) * 1024
        if "memavailable" in info:
            return info["memavailable"]
        return info["memfree"] + info["cached"]
    return None


def check_free_memory(free_bytes):
    """None if ``free_bytes`` are available (or NPY_AVAILABLE_MEM says so), else why not."""
    env_value = os.environ.get("NPY_AVAILABLE_MEM")
    if env_value is not None:
        try:
            mem_free = _parse_size(env_value)
        except ValueError as exc:
            raise ValueError(f"Invalid environment variable NPY_AVAILABLE_MEM: {exc}") from None
        msg = (f"{free_bytes / 1e9} GB memory required, but environment variable "
               f"NPY_AVAILABLE_MEM={env_value} set")
    else:
        mem_free = _get_mem_available()
        if mem_free is None:
            msg = ("Could not determine available memory; set NPY_AVAILABLE_MEM "
                   "environment variable (e.g. NPY_AVAILABLE_MEM=16GB) to run the test.")
            mem_free = -1
        else:
            msg = (f"{free_bytes / 1e9} GB memory required, but {mem_free / 1e9} GB "
                   "available")
    return msg if mem_free < free_bytes else None


def requires_memory(free_bytes):
    """Decorator: skip the test without ``free_bytes`` free; a MemoryError is an xfail."""
    import pytest

    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            reason = check_free_memory(free_bytes)
            if reason is not None:
                pytest.skip(reason)
            try:
                return func(*args, **kwargs)
            except MemoryError:
                pytest.xfail("MemoryError raised")

        return wrapper

    return decorator


def _no_tracing(func):
    """Decorator: run ``func`` with sys.settrace disabled (coverage tools trace)."""
    if not hasattr(sys, "gettrace"):
        return func

    @wraps(func)
    def wrapper(*args, **kwargs):
        saved = sys.gettrace()
        try:
            sys.settrace(None)
            return func(*args, **kwargs)
        finally:
            sys.settrace(saved)

    return wrapper


def requires_deep_recursion(func):
    """Decorator: skip where deep recursion is unsafe (Pyston, WASM, 32-bit, sanitizers)."""
    import pytest

    @wraps(func)
    def wrapper(*args, **kwargs):
        if IS_PYSTON:
            pytest.skip("Pyston disables recursion checking")
        if IS_WASM:
            pytest.skip("WASM has limited stack size")
        if not IS_64BIT:
            pytest.skip("32 bit Python has limited stack size")
        flags = (sysconfig.get_config_var("CFLAGS") or "") + " " + (
            sysconfig.get_config_var("CONFIG_ARGS") or "")
        if any(s in flags for s in ("-fsanitize=address", "--with-address-sanitizer",
                                    "-fsanitize=thread", "--with-thread-sanitizer")):
            pytest.skip("AddressSanitizer and ThreadSanitizer do not support deep recursion")
        return func(*args, **kwargs)

    return wrapper


def run_subprocess(cmd, cwd=None, **kwargs):
    """Run ``cmd``; a nonzero exit fails the test with its stdout and stderr."""
    import subprocess

    import pytest

    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace",
                            **kwargs)
    if result.returncode != 0:
        shown = cmd if isinstance(cmd, str) else " ".join(map(str, cmd))
        where = f" in {cwd}" if cwd is not None else ""
        pytest.fail(f"`{shown}` failed (exit {result.returncode}){where}\n"
                    f"----- stdout -----\n{result.stdout}\n"
                    f"----- stderr -----\n{result.stderr}", pytrace=False)
    return result


# numoxide has no long double, so never the PowerPC double-double one.
LONG_DOUBLE_IS_IBM_DOUBLE_DOUBLE = False


def _get_glibc_version():
    """The C library's glibc version string ('0.0' when not glibc)."""
    try:
        return os.confstr("CS_GNU_LIBC_VERSION").rsplit(" ")[1]
    except Exception:
        return "0.0"


_glibcver = _get_glibc_version()


def _glibc_older_than(version):
    """True on glibc older than ``version`` (string comparison, as NumPy's)."""
    return _glibcver != "0.0" and _glibcver < version
