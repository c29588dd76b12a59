"""Test support: NumPy's ``numpy.testing`` for numoxide.

``from numoxide.testing import assert_allclose`` (or ``np.testing.assert_array_equal``
after ``import numoxide as np``) behaves as NumPy's, failure messages included, so test
suites written against ``numpy.testing`` run unchanged.
"""

from . import _compare, _misc, _private, _warnings, overrides
from ._compare import (
    assert_,
    assert_allclose,
    assert_almost_equal,
    assert_approx_equal,
    assert_array_almost_equal,
    assert_array_almost_equal_nulp,
    assert_array_compare,
    assert_array_equal,
    assert_array_less,
    assert_array_max_ulp,
    assert_equal,
    assert_string_equal,
    build_err_msg,
    print_assert_equal,
)
from ._misc import (
    BLAS_SUPPORTS_FPE,
    HAS_LAPACK64,
    HAS_REFCOUNT,
    IS_64BIT,
    IS_MUSL,
    IS_PYPY,
    IS_PYSTON,
    IS_WASM,
    NOGIL_BUILD,
    NUMPY_ROOT,
    IgnoreException,
    KnownFailureException,
    SkipTest,
    TestCase,
    check_support_sve,
    decorate_methods,
    jiffies,
    measure,
    memusage,
    run_threaded,
    rundocs,
    runstring,
    tempdir,
    temppath,
    verbose,
)

# NumPy's namespace carries these two private helpers as well.
from ._misc import _assert_valid_refcount as _assert_valid_refcount
from ._misc import _gen_alignment_data as _gen_alignment_data
from ._warnings import (
    assert_no_gc_cycles,
    assert_no_warnings,
    assert_raises,
    assert_raises_regex,
    assert_warns,
    break_cycles,
    clear_and_catch_warnings,
    suppress_warnings,
)


def __getattr__(name):
    # IS_INSTALLED / IS_EDITABLE need package metadata: computed on first access.
    if name in ("IS_INSTALLED", "IS_EDITABLE"):
        return getattr(_misc, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"IS_INSTALLED", "IS_EDITABLE"})


# The public names of the parts, plus the two computed on access and the submodule.
__all__ = sorted(
    _compare.__all__ + _misc.__all__ + _warnings.__all__ + ["IS_EDITABLE", "IS_INSTALLED", "overrides"]
)
