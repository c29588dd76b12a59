"""Exception and warning assertions of ``numpy.testing``: assert_raises, assert_warns,
suppress_warnings and friends. Pure Python, independent of arrays."""

import contextlib
import gc
import pprint
import re
import unittest
import warnings
from functools import wraps
from warnings import WarningMessage

__all__ = [
    "assert_no_gc_cycles",
    "assert_no_warnings",
    "assert_raises",
    "assert_raises_regex",
    "assert_warns",
    "break_cycles",
    "clear_and_catch_warnings",
    "suppress_warnings",
]

_DEPRECATED_UTILITY = (
    "NumPy warning suppression and assertion utilities are deprecated. "
    "Use warnings.catch_warnings, warnings.filterwarnings, pytest.warns, "
    "or pytest.filterwarnings instead. (Deprecated NumPy 2.4)"
)


class _Probe(unittest.TestCase):
    """A TestCase instance whose assertRaises* methods back assert_raises*."""

    def nop(self):
        pass


_probe = _Probe("nop")


def assert_raises(*args, **kwargs):
    """``assert_raises(exc, callable, *args, **kwargs)`` or ``with assert_raises(exc):``."""
    __tracebackhide__ = True
    return _probe.assertRaises(*args, **kwargs)


def assert_raises_regex(exception_class, expected_regexp, *args, **kwargs):
    """Like assert_raises, and the exception's text must match ``expected_regexp``."""
    __tracebackhide__ = True
    return _probe.assertRaisesRegex(exception_class, expected_regexp, *args, **kwargs)


def _called(name):
    return f" when calling {name}" if name is not None else ""


@contextlib.contextmanager
def _warns_context(warning_class, name=None):
    __tracebackhide__ = True
    with suppress_warnings(_warn=False) as sup:
        caught = sup.record(warning_class)
        yield
        if not caught:
            raise AssertionError("No warning raised" + _called(name))


def assert_warns(warning_class, *args, **kwargs):
    """Assert that a call (or the ``with`` body) warns with ``warning_class``.

    Deprecated in NumPy 2.4; it warns ``DeprecationWarning`` as NumPy's does.
    """
    warnings.warn(_DEPRECATED_UTILITY, DeprecationWarning, stacklevel=2)
    if not args and not kwargs:
        return _warns_context(warning_class)
    if not args:
        if "match" in kwargs:
            raise RuntimeError("assert_warns does not use 'match' kwarg, use pytest.warns instead")
        raise RuntimeError("assert_warns(...) needs at least one arg")
    func, rest = args[0], args[1:]
    with _warns_context(warning_class, name=func.__name__):
        return func(*rest, **kwargs)


@contextlib.contextmanager
def _no_warnings_context(name=None):
    __tracebackhide__ = True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
        if caught:
            raise AssertionError(f"Got warnings{_called(name)}: {caught}")


def assert_no_warnings(*args, **kwargs):
    """Assert that a call (or the ``with`` body) emits no warning; returns its result."""
    if not args:
        return _no_warnings_context()
    func, rest = args[0], args[1:]
    with _no_warnings_context(name=func.__name__):
        return func(*rest, **kwargs)


class clear_and_catch_warnings(warnings.catch_warnings):
    """``warnings.catch_warnings`` that also empties, then restores, the
    ``__warningregistry__`` of the given modules (so once-only warnings show again)."""

    class_modules = ()

    def __init__(self, record=False, modules=()):
        self.modules = set(modules).union(self.class_modules)
        self._warnreg_copies = {}
        super().__init__(record=record)

    def __enter__(self):
        for mod in self.modules:
            registry = getattr(mod, "__warningregistry__", None)
            if registry is not None:
                self._warnreg_copies[mod] = registry.copy()
                registry.clear()
        return super().__enter__()

    def __exit__(self, *exc_info):
        super().__exit__(*exc_info)
        for mod in self.modules:
            if hasattr(mod, "__warningregistry__"):
                mod.__warningregistry__.clear()
            if mod in self._warnreg_copies:
                mod.__warningregistry__.update(self._warnreg_copies[mod])


def _module_regex(module):
    return module.__name__.replace(".", r"\.") + "$"


class suppress_warnings:
    """Context manager / decorator that filters or records warnings by category,
    message regex and module, forwarding the rest once per ``forwarding_rule``
    ("always", "module", "once" or "location"). Deprecated in NumPy 2.4."""

    def __init__(self, forwarding_rule="always", _warn=True):
        if _warn:
            warnings.warn(_DEPRECATED_UTILITY, DeprecationWarning, stacklevel=2)
        self._entered = False
        self._suppressions = []
        if forwarding_rule not in {"always", "module", "once", "location"}:
            raise ValueError("unsupported forwarding rule.")
        self._forwarding_rule = forwarding_rule

    def _clear_registries(self):
        if hasattr(warnings, "_filters_mutated"):
            warnings._filters_mutated()
            return
        for module in self._tmp_modules:
            if hasattr(module, "__warningregistry__"):
                module.__warningregistry__.clear()

    def _install_filter(self, category, message, module):
        if module is None:
            warnings.filterwarnings("always", category=category, message=message)
        else:
            warnings.filterwarnings("always", category=category, message=message,
                                    module=_module_regex(module))
            self._tmp_modules.add(module)

    def _filter(self, category=Warning, message="", module=None, record=False):
        log = [] if record else None
        entry = (category, message, re.compile(message, re.I), module, log)
        if self._entered:
            self._install_filter(category, message, module)
            if module is not None:
                self._clear_registries()
            self._tmp_suppressions.append(entry)
        else:
            self._suppressions.append(entry)
        return log

    def filter(self, category=Warning, message="", module=None):
        """Silence warnings of ``category`` whose text matches ``message``."""
        self._filter(category=category, message=message, module=module, record=False)

    def record(self, category=Warning, message="", module=None):
        """Like filter, but return a list that collects the silenced warnings."""
        return self._filter(category=category, message=message, module=module, record=True)

    def __enter__(self):
        if self._entered:
            raise RuntimeError("cannot enter suppress_warnings twice.")
        self._orig_show = warnings.showwarning
        self._catch_warnings = warnings.catch_warnings()
        self._catch_warnings.__enter__()
        self._entered = True
        self._tmp_suppressions = []
        self._tmp_modules = set()
        self._forwarded = set()
        self.log = []
        for category, message, _, module, log in self._suppressions:
            if log is not None:
                log.clear()
            self._install_filter(category, message, module)
        warnings.showwarning = self._showwarning
        self._clear_registries()
        return self

    def __exit__(self, *exc_info):
        warnings.showwarning = self._orig_show
        self._catch_warnings.__exit__(*exc_info)
        self._clear_registries()
        self._entered = False
        del self._orig_show
        del self._catch_warnings

    def _showwarning(self, message, category, filename, lineno, *args, use_warnmsg=None,
                     **kwargs):
        for cat, _, pattern, module, log in (self._suppressions + self._tmp_suppressions)[::-1]:
            if not (issubclass(category, cat) and pattern.match(message.args[0]) is not None):
                continue
            if module is not None and not module.__file__.startswith(filename):
                continue
            if log is not None:
                entry = WarningMessage(message, category, filename, lineno, **kwargs)
                self.log.append(entry)
                log.append(entry)
            return
        if self._forwarding_rule != "always":
            signature = {
                "once": (message.args, category),
                "module": (message.args, category, filename),
                "location": (message.args, category, filename, lineno),
            }[self._forwarding_rule]
            if signature in self._forwarded:
                return
            self._forwarded.add(signature)
        if use_warnmsg is None:
            self._orig_show(message, category, filename, lineno, *args, **kwargs)
        else:
            self._orig_showmsg(use_warnmsg)

    def __call__(self, func):
        """Use as a decorator: run ``func`` inside this context."""

        @wraps(func)
        def wrapper(*args, **kwargs):
            with self:
                return func(*args, **kwargs)

        return wrapper


@contextlib.contextmanager
def _no_gc_cycles_context(name=None):
    __tracebackhide__ = True
    from ._compare import assert_
    from ._misc import HAS_REFCOUNT

    if not HAS_REFCOUNT:
        yield
        return
    assert_(gc.isenabled())
    gc.disable()
    saved_debug = gc.get_debug()
    try:
        for _ in range(100):
            if gc.collect() == 0:
                break
        else:
            raise RuntimeError(
                "Unable to fully collect garbage - perhaps a __del__ method "
                "is creating more reference cycles?")
        gc.set_debug(gc.DEBUG_SAVEALL)
        yield
        n_collected = gc.collect()
        garbage = gc.garbage[:]
    finally:
        del gc.garbage[:]
        gc.set_debug(saved_debug)
        gc.enable()
    if n_collected:
        shown = "".join(
            "\n  {} object with id={}:\n    {}".format(
                type(obj).__name__, id(obj), pprint.pformat(obj).replace("\n", "\n    "))
            for obj in garbage)
        raise AssertionError(
            f"Reference cycles were found{_called(name)}: {n_collected} objects were "
            f"collected, of which {len(garbage)} are shown below:{shown}")


def assert_no_gc_cycles(*args, **kwargs):
    """Assert that a call (or the ``with`` body) leaves no reference cycles behind."""
    if not args:
        return _no_gc_cycles_context()
    func, rest = args[0], args[1:]
    with _no_gc_cycles_context(name=func.__name__):
        func(*rest, **kwargs)


def break_cycles():
    """Collect garbage so objects held only by reference cycles are freed."""
    from ._misc import IS_PYPY

    gc.collect()
    if IS_PYPY:
        # PyPy frees in stages: a few more passes reach everything.
        for _ in range(4):
            gc.collect()
