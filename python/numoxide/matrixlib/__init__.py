"""numoxide.matrixlib: the `matrix` class (NumPy's numpy.matrixlib), `asmatrix`, `bmat`.

A matrix is an ndarray that is always 2-D: `*` is the matrix product, `**` the matrix
power, indexing a row or column gives a 1xN or Nx1 matrix, and reductions keep two
dimensions unless they reduce everything. NumPy discourages it for new code (its
constructor warns with PendingDeprecationWarning), and so does numoxide.
"""

import ast
import sys
import warnings

import numoxide as _np

__all__ = ["asmatrix", "bmat", "matrix"]


def _rows_from_string(text):
    """The nested list a matrix string describes: rows split by ';', entries by ',' or
    white space ('1 2; 3 4')."""
    text = text.replace("[", "").replace("]", "")
    rows = []
    for row in text.split(";"):
        values = []
        for part in row.split(","):
            values.extend(ast.literal_eval(tok) for tok in part.split())
        if rows and len(values) != len(rows[0]):
            raise ValueError("Rows not the same size.")
        rows.append(values)
    return rows


def asmatrix(data, dtype=None):
    """`data` as a matrix, without a copy when it already is one (or an ndarray)."""
    return matrix(data, dtype=dtype, copy=False)


class matrix(_np.ndarray):
    """A 2-D array whose `*` is the matrix product (see numpy.matrix)."""

    __module__ = "numoxide"
    __array_priority__ = 10.0

    def __new__(cls, data, dtype=None, copy=True):
        warnings.warn(
            "the matrix subclass is not the recommended way to represent matrices or deal "
            "with linear algebra (see https://docs.scipy.org/doc/numpy/user/"
            "numpy-for-matlab-users.html). Please adjust your code to use regular ndarray.",
            PendingDeprecationWarning,
            stacklevel=2,
        )
        if isinstance(data, matrix):
            if dtype is None or _np.dtype(dtype) == data.dtype:
                return data.copy() if copy else data
            return data.astype(dtype)
        if isinstance(data, _np.ndarray):
            target = data.dtype if dtype is None else _np.dtype(dtype)
            new = data.view(cls)
            if target != data.dtype:
                return new.astype(target)
            return new.copy() if copy else new
        if isinstance(data, str):
            data = _rows_from_string(data)
        arr = _np.array(data, dtype=dtype, copy=True if copy else None)
        if arr.ndim > 2:
            raise ValueError("matrix must be 2-dimensional")
        if arr.ndim < 2:
            arr = arr.reshape((1, arr.size))
        return arr.view(cls)

    def __array_finalize__(self, obj):
        self._getitem = False
        if isinstance(obj, matrix) and obj._getitem:
            return
        if self.ndim == 2:
            return
        if self.ndim > 2:
            # Length-1 axes go; what is left must be 2-D.
            shape = tuple(n for n in self.shape if n > 1)
            if len(shape) > 2:
                raise ValueError("shape too large to be a matrix.")
            if len(shape) == 2:
                self._set_shape(shape)
                return
        else:
            shape = self.shape
        self._set_shape((1, shape[0]) if len(shape) == 1 else (1, 1))

    def __getitem__(self, index):
        self._getitem = True
        try:
            out = _np.ndarray.__getitem__(self, index)
        finally:
            self._getitem = False
        if not isinstance(out, _np.ndarray):
            return out
        if out.ndim == 0:
            return out[()]
        if out.ndim == 1:
            # A column picked by a scalar second index stays a column.
            n = out.shape[0]
            try:
                column = len(index) > 1 and _np.isscalar(index[1])
            except TypeError:
                column = False
            out = out.reshape((n, 1) if column else (1, n))
        return out

    # -- products ---------------------------------------------------------------------

    def __mul__(self, other):
        if isinstance(other, (_np.ndarray, list, tuple)):
            return asmatrix(_np.dot(self, asmatrix(other)))
        if _np.isscalar(other) or not hasattr(other, "__rmul__"):
            return _as_product(_np.dot(self, other))
        return NotImplemented

    def __rmul__(self, other):
        return _as_product(_np.dot(other, self))

    def __imul__(self, other):
        self[:] = self * other
        return self

    def __pow__(self, other):
        return asmatrix(_np.linalg.matrix_power(self, other))

    def __ipow__(self, other):
        self[:] = self**other
        return self

    def __rpow__(self, other):
        return NotImplemented

    # -- reductions keep two dimensions ---------------------------------------------

    def _collapse(self, axis):
        return self[0, 0] if axis is None else self

    def sum(self, axis=None, dtype=None, out=None):
        """The sum over `axis`, as a matrix (a scalar for axis=None)."""
        return _np.ndarray.sum(self, axis, dtype, out, keepdims=True)._collapse(axis)

    def prod(self, axis=None, dtype=None, out=None):
        """The product over `axis`, as a matrix (a scalar for axis=None)."""
        return _np.ndarray.prod(self, axis, dtype, out, keepdims=True)._collapse(axis)

    def mean(self, axis=None, dtype=None, out=None):
        """The mean over `axis`, as a matrix (a scalar for axis=None)."""
        return _np.ndarray.mean(self, axis, dtype, out, keepdims=True)._collapse(axis)

    def std(self, axis=None, dtype=None, out=None, ddof=0):
        """The standard deviation over `axis`, as a matrix."""
        return _np.ndarray.std(self, axis, dtype, out, ddof, keepdims=True)._collapse(axis)

    def var(self, axis=None, dtype=None, out=None, ddof=0):
        """The variance over `axis`, as a matrix."""
        return _np.ndarray.var(self, axis, dtype, out, ddof, keepdims=True)._collapse(axis)

    def any(self, axis=None, out=None):
        """Whether any entry over `axis` is true, as a matrix."""
        return _np.ndarray.any(self, axis, out, keepdims=True)._collapse(axis)

    def all(self, axis=None, out=None):
        """Whether all entries over `axis` are true, as a matrix."""
        return _np.ndarray.all(self, axis, out, keepdims=True)._collapse(axis)

    def max(self, axis=None, out=None):
        """The largest entry over `axis`, as a matrix."""
        return _np.ndarray.max(self, axis, out, keepdims=True)._collapse(axis)

    def min(self, axis=None, out=None):
        """The smallest entry over `axis`, as a matrix."""
        return _np.ndarray.min(self, axis, out, keepdims=True)._collapse(axis)

    def argmax(self, axis=None, out=None):
        """The index of the largest entry over `axis`, as a matrix."""
        return _aligned(_np.ndarray.argmax(self, axis, out), axis)

    def argmin(self, axis=None, out=None):
        """The index of the smallest entry over `axis`, as a matrix."""
        return _aligned(_np.ndarray.argmin(self, axis, out), axis)

    def ptp(self, axis=None, out=None):
        """The range of the entries over `axis`, as a matrix."""
        return _aligned(_np.ptp(self, axis, out), axis)

    # -- shape ------------------------------------------------------------------------

    def diagonal(self, offset=0, axis1=0, axis2=1):
        """The diagonal, as a 1xN matrix (np.diagonal gives a plain 1-D array)."""
        return _np.ndarray.diagonal(self, offset, axis1, axis2)

    def trace(self, offset=0, axis1=0, axis2=1, dtype=None, out=None):
        """The sum along the diagonal."""
        return _np.ndarray.trace(self, offset, axis1, axis2, dtype, out)

    def tolist(self):
        """The entries as a list of row lists."""
        return _np.asarray(self).tolist()

    def squeeze(self, axis=None):
        """The matrix with length-1 axes removed (it stays 2-D)."""
        return _np.ndarray.squeeze(self, axis=axis)

    def flatten(self, order="C"):
        """A 1xN copy."""
        return _np.ndarray.flatten(self, order=order)

    def ravel(self, order="C"):
        """A 1xN view (or copy)."""
        return _np.ndarray.ravel(self, order=order)

    @property
    def T(self):
        """The transpose."""
        return self.transpose()

    @property
    def H(self):
        """The conjugate transpose."""
        if self.dtype.kind == "c":
            return self.transpose().conjugate()
        return self.transpose()

    @property
    def I(self):  # noqa: E743
        """The inverse (the pseudo-inverse of a non-square matrix)."""
        m, n = self.shape
        invert = _np.linalg.inv if m == n else _np.linalg.pinv
        return asmatrix(invert(self))

    @property
    def A(self):
        """The entries as a plain ndarray."""
        return _np.asarray(self)

    @property
    def A1(self):
        """The entries as a flat plain ndarray."""
        return _np.asarray(self).ravel()

    getT = T.fget
    getA = A.fget
    getA1 = A1.fget
    getH = H.fget
    getI = I.fget


def _aligned(result, axis):
    """An index/range result laid out as NumPy's matrix does: a scalar for axis=None, a
    row for axis 0, a column for axis 1."""
    if axis is None:
        return result[0, 0] if isinstance(result, matrix) else result
    if axis == 0:
        return result
    if axis == 1:
        return result.transpose()
    raise ValueError("unsupported axis")


def _as_product(result):
    """A product with a matrix operand is a matrix (NumPy's dot keeps the subclass)."""
    if isinstance(result, _np.ndarray) and not isinstance(result, matrix):
        return asmatrix(result)
    return result


def _blocks_from_string(text, gdict, ldict):
    rows = []
    for row in text.split(";"):
        names = [name for part in row.split(",") for name in part.split()]
        blocks = []
        for name in names:
            name = name.strip()
            if name in ldict:
                blocks.append(ldict[name])
            elif name in gdict:
                blocks.append(gdict[name])
            else:
                raise NameError(f"name {name!r} is not defined")
        rows.append(_np.concatenate(blocks, axis=-1))
    return _np.concatenate(rows, axis=0)


def bmat(obj, ldict=None, gdict=None):
    """A matrix built from blocks: nested sequences of arrays, or a string naming
    variables of the caller ('A, B; C, D')."""
    if isinstance(obj, str):
        if gdict is None:
            frame = sys._getframe().f_back
            gdict, ldict = frame.f_globals, frame.f_locals
        return matrix(_blocks_from_string(obj, gdict, ldict or {}))
    if isinstance(obj, (tuple, list)):
        rows = []
        for row in obj:
            if isinstance(row, _np.ndarray):
                return matrix(_np.concatenate(obj, axis=-1))
            rows.append(_np.concatenate(row, axis=-1))
        return matrix(_np.concatenate(rows, axis=0))
    if isinstance(obj, _np.ndarray):
        return matrix(obj)
    return None  # (NumPy returns nothing for other input)
