"""numoxide.linalg: NumPy's ``numpy.linalg`` on the faer engine.

The numerics live in the Rust crate ``numoxide-linalg``; this module only arranges the
results the way NumPy returns them (named tuples) and forwards arguments.
"""

from typing import Any, NamedTuple

from .. import _numoxide
from ..exceptions import LinAlgError

_l = _numoxide._linalg

__all__ = [
    "LinAlgError",
    "EigResult",
    "EighResult",
    "QRResult",
    "SVDResult",
    "SlogdetResult",
    "LstsqResult",
    "cholesky",
    "cond",
    "cross",
    "det",
    "diagonal",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "inv",
    "lstsq",
    "matmul",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "multi_dot",
    "norm",
    "outer",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "tensordot",
    "tensorinv",
    "tensorsolve",
    "trace",
    "vecdot",
    "vector_norm",
]


class EigResult(NamedTuple):
    """Result of :func:`eig`."""

    eigenvalues: Any
    eigenvectors: Any


class EighResult(NamedTuple):
    """Result of :func:`eigh`."""

    eigenvalues: Any
    eigenvectors: Any


class QRResult(NamedTuple):
    """Result of :func:`qr`."""

    Q: Any
    R: Any


class SlogdetResult(NamedTuple):
    """Result of :func:`slogdet`."""

    sign: Any
    logabsdet: Any


class SVDResult(NamedTuple):
    """Result of :func:`svd`."""

    U: Any
    S: Any
    Vh: Any


class LstsqResult(NamedTuple):
    """Result of :func:`lstsq` (NumPy returns a plain tuple; kept for the array API)."""

    x: Any
    residuals: Any
    rank: Any
    singular_values: Any


solve = _l.solve
inv = _l.inv
det = _l.det
eigvals = _l.eigvals
eigvalsh = _l.eigvalsh
cholesky = _l.cholesky
norm = _l.norm


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """Rank of a matrix (or a stack of them) by the SVD, as ``numpy.linalg.matrix_rank``."""
    return _l.matrix_rank(A, tol, hermitian, rtol)


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """Vector norm over ``axis`` (all axes by default)."""
    return _l.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """Matrix norm over the last two axes."""
    return _l.matrix_norm(x, keepdims=keepdims, ord=ord)
cond = _l.cond
matrix_power = _l.matrix_power


# The Array API spellings: positional operands and only the keywords NumPy's linalg
# versions take (no out=, dtype= or the other ufunc keywords).
def matmul(x1, x2, /):
    """Matrix product of two arrays (``numpy.matmul`` without the ufunc keywords)."""
    return _numoxide.matmul(x1, x2)


def tensordot(x1, x2, /, *, axes=2):
    """Sum of products over the given axes (``numpy.tensordot``)."""
    return _numoxide.tensordot(x1, x2, axes=axes)


def vecdot(x1, x2, /, *, axis=-1):
    """Vector dot product along ``axis``, conjugating ``x1`` (``numpy.vecdot``)."""
    return _numoxide.vecdot(x1, x2, axis=axis)


def slogdet(a):
    """Sign and natural log of the absolute determinant."""
    return SlogdetResult(*_l.slogdet(a))


def eig(a):
    """Eigenvalues and right eigenvectors of square arrays."""
    return EigResult(*_l.eig(a))


def eigh(a, UPLO="L"):
    """Eigenvalues (ascending) and eigenvectors of Hermitian/symmetric arrays."""
    return EighResult(*_l.eigh(a, UPLO))


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """Singular value decomposition."""
    r = _l.svd(a, full_matrices, compute_uv, hermitian)
    return SVDResult(*r) if compute_uv else r


def svdvals(x, /):
    """Singular values, descending."""
    return _l.svd(x, False, False, False)


def qr(a, mode="reduced"):
    """QR decomposition."""
    if mode not in ("reduced", "complete", "r", "raw"):
        import warnings

        if mode in ("f", "full"):
            msg = "The 'full' option is deprecated in favor of 'reduced'.\nFor backward compatibility let mode default."
            warnings.warn(msg, DeprecationWarning, stacklevel=2)
            mode = "reduced"
        elif mode in ("e", "economic"):
            warnings.warn("The 'economic' option is deprecated.", DeprecationWarning, stacklevel=2)
            # NumPy returns the Householder-reflected input: the transpose of raw's q.
            return _l.qr(a, "raw")[0].swapaxes(-1, -2)
        else:
            raise ValueError(f"Unrecognized mode '{mode}'")
    r = _l.qr(a, mode)
    if mode in ("reduced", "complete"):
        return QRResult(*r)
    return r


def lstsq(a, b, rcond=None):
    """Least-squares solution of ``a @ x = b``: ``(x, residuals, rank, s)``."""
    return _l.lstsq(a, b, rcond)


class _NoValueType:
    """The "argument not given" default (NumPy's ``numpy._NoValue``)."""

    def __repr__(self):
        return "<no value>"


_NoValue = _NoValueType()


def pinv(a, rcond=None, hermitian=False, *, rtol=_NoValue):
    """Moore-Penrose pseudo-inverse."""
    from .. import asarray, finfo

    if rcond is None:
        if rtol is _NoValue:
            rcond = 1e-15
        elif rtol is None:
            a = asarray(a)
            # NumPy takes finfo of the input dtype itself (so integer input raises).
            rcond = max(a.shape[-2:]) * float(finfo(a.dtype).eps)
        else:
            rcond = rtol
    elif rtol is not _NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    a = asarray(a)
    if a.ndim >= 2 and a.size == 0 and a.shape[-1] * a.shape[-2] == 0:
        # NumPy returns an empty (..., n, m) array of the input's own dtype.
        from .. import empty

        return empty(a.shape[:-2] + (a.shape[-1], a.shape[-2]), dtype=a.dtype)
    return _l.pinv(a, float(rcond), hermitian)


def matrix_transpose(x, /):
    """Transpose the last two axes."""
    from .. import asarray

    x = asarray(x)
    if x.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return x.swapaxes(-1, -2)


def diagonal(x, /, *, offset=0):
    """Diagonals over the last two axes."""
    from .. import asarray

    return asarray(x).diagonal(offset, -2, -1)


def trace(x, /, *, offset=0, dtype=None):
    """Sum of diagonals over the last two axes."""
    return _numoxide.trace(x, offset, -2, -1, dtype)


def outer(x1, x2, /):
    """Outer product of two 1-D arrays."""
    from .. import asarray

    x1, x2 = asarray(x1), asarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError(
            f"Input arrays must be one-dimensional, but they are x1.ndim={x1.ndim} and x2.ndim={x2.ndim}."
        )
    return _numoxide.outer(x1, x2)


def cross(x1, x2, /, *, axis=-1):
    """Cross product of 3-vectors."""
    return _numoxide.cross(x1, x2, axis=axis)


def multi_dot(arrays, *, out=None):
    """Product of a chain of matrices, multiplied in the cheapest order."""
    from .. import asarray

    n = len(arrays)
    if n < 2:
        raise ValueError("Expecting at least two arrays.")
    if n == 2:
        # NumPy hands two operands straight to dot (any dimensions).
        return _numoxide.dot(arrays[0], arrays[1], out=out)
    arrays = [asarray(a) for a in arrays]
    first_1d, last_1d = arrays[0].ndim == 1, arrays[-1].ndim == 1
    if first_1d:
        arrays[0] = arrays[0].reshape(1, -1)
    if last_1d:
        arrays[-1] = arrays[-1].reshape(-1, 1)
    for a in arrays:
        if a.ndim != 2:
            raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    dims = [a.shape[0] for a in arrays] + [arrays[-1].shape[1]]
    # Classic matrix-chain dynamic programme over the shapes (glue, no numerics).
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or c < cost[i][j]:
                    cost[i][j] = c
                    split[i][j] = k

    def chain(i, j):
        if i == j:
            return arrays[i]
        k = split[i][j]
        return _numoxide.dot(chain(i, k), chain(k + 1, j))

    result = chain(0, n - 1)
    if first_1d and last_1d:
        result = result[0, 0]
    elif first_1d:
        result = result.reshape(-1)
    elif last_1d:
        result = result.reshape(-1)
    if out is not None:
        out[...] = result
        return out
    return result


def tensorsolve(a, b, axes=None):
    """Solve ``tensordot(a, x, axes=b.ndim) = b`` for ``x``."""
    from .. import asarray

    a, b = asarray(a), asarray(b)
    an = a.ndim
    if axes is not None:
        allaxes = list(range(an))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(an, k)
        a = a.transpose(allaxes)
    oldshape = a.shape[-(an - b.ndim):]
    prod = 1
    for k in oldshape:
        prod *= k
    if a.size != prod**2:
        raise LinAlgError("Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    a = a.reshape(prod, prod)
    b = b.ravel()
    return solve(a, b).reshape(oldshape)


def tensorinv(a, ind=2):
    """Inverse of an N-dimensional array with respect to ``tensordot``."""
    from .. import asarray

    a = asarray(a)
    oldshape = a.shape
    prod = 1
    if ind > 0:
        invshape = oldshape[ind:] + oldshape[:ind]
        for k in oldshape[ind:]:
            prod *= k
    else:
        raise ValueError("Invalid ind argument.")
    a = a.reshape(prod, -1)
    return inv(a).reshape(*invshape)
