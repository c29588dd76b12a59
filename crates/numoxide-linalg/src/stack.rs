//! Stacks of matrices: a batch of equally shaped matrices copied into one contiguous
//! C-order buffer, and the shape checks NumPy's linalg applies to them.

use faer::MatRef;
use numoxide_core::{Error, NdArray, Result};

use crate::scalar::LinalgScalar;

/// A batch of `m x n` matrices in C order, one after another.
pub(crate) struct Stack<T> {
    /// The elements, `count * m * n` of them.
    pub data: Vec<T>,
    /// The leading ("batch") dimensions.
    pub batch: Vec<usize>,
    /// Rows of each matrix.
    pub m: usize,
    /// Columns of each matrix.
    pub n: usize,
}

impl<T: LinalgScalar> Stack<T> {
    /// Copy (and cast) an array of at least two dimensions.
    pub fn load(a: &NdArray) -> Stack<T> {
        sequential_decompositions();
        let nd = a.ndim();
        let shape = a.shape();
        let (m, n) = if nd >= 2 {
            (shape[nd - 2], shape[nd - 1])
        } else {
            (1, a.size())
        };
        let batch = if nd >= 2 {
            shape[..nd - 2].to_vec()
        } else {
            Vec::new()
        };
        Stack {
            data: a.to_vec::<T>(),
            batch,
            m,
            n,
        }
    }

    /// The number of matrices.
    pub fn count(&self) -> usize {
        self.batch.iter().product()
    }

    /// Matrix `i` as a faer view.
    pub fn mat(&self, i: usize) -> MatRef<'_, T> {
        let len = self.m * self.n;
        MatRef::from_row_major_slice(&self.data[i * len..(i + 1) * len], self.m, self.n)
    }
}

/// Run faer's decompositions on one thread. Its parallel eigh/svd/qr give results that
/// depend on the thread count (DESIGN §7 forbids that), and on this class of machine the
/// sequential runs are as fast; every decomposition loads its input through
/// [`Stack::load`], which calls this first.
pub(crate) fn sequential_decompositions() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| faer::set_global_parallelism(faer::Par::Seq));
}

/// NumPy's `_assert_stacked_2d`.
pub(crate) fn check_2d(a: &NdArray) -> Result<()> {
    if a.ndim() < 2 {
        return Err(Error::new(
            numoxide_core::ErrorKind::LinAlg,
            format!(
                "{}-dimensional array given. Array must be at least two-dimensional",
                a.ndim()
            ),
        ));
    }
    Ok(())
}

/// NumPy's `_assert_stacked_square` (after `_assert_stacked_2d`).
pub(crate) fn check_square(a: &NdArray) -> Result<()> {
    check_2d(a)?;
    let s = a.shape();
    if s[s.len() - 1] != s[s.len() - 2] {
        return Err(linalg_error(
            "Last 2 dimensions of the array must be square",
        ));
    }
    Ok(())
}

/// A `LinAlgError`.
pub(crate) fn linalg_error(msg: &str) -> Error {
    Error::new(numoxide_core::ErrorKind::LinAlg, msg)
}

/// Append the elements of `m` in C order. faer's results are column-major: the
/// transpose goes through 32 x 32 tiles so both sides stay in cache.
pub(crate) fn push_mat<T: LinalgScalar>(m: MatRef<'_, T>, out: &mut Vec<T>) {
    let (rows, cols) = (m.nrows(), m.ncols());
    if m.col_stride() == 1 || rows <= 1 || cols <= 1 {
        for i in 0..rows {
            for j in 0..cols {
                out.push(m[(i, j)]);
            }
        }
        return;
    }
    const TILE: usize = 32;
    let start = out.len();
    out.resize(start + rows * cols, T::lzero());
    let dst = &mut out[start..];
    for j0 in (0..cols).step_by(TILE) {
        let j1 = (j0 + TILE).min(cols);
        for i0 in (0..rows).step_by(TILE) {
            let i1 = (i0 + TILE).min(rows);
            for j in j0..j1 {
                for i in i0..i1 {
                    dst[i * cols + j] = m[(i, j)];
                }
            }
        }
    }
}

/// Append the upper trapezoid of `m` (entries with row <= column, zero below) as a
/// `rows x m.ncols()` block in C order, rows past `m.nrows()` zero: through 32 x 32
/// tiles as [`push_mat`], for R factors of a column-major QR.
pub(crate) fn push_upper<T: LinalgScalar>(m: MatRef<'_, T>, rows: usize, out: &mut Vec<T>) {
    const TILE: usize = 32;
    let cols = m.ncols();
    let start = out.len();
    out.resize(start + rows * cols, T::lzero());
    let dst = &mut out[start..];
    let have = m.nrows().min(rows);
    for j0 in (0..cols).step_by(TILE) {
        let j1 = (j0 + TILE).min(cols);
        // Tiles starting at row j1 or below hold only entries under the diagonal.
        for i0 in (0..have.min(j1)).step_by(TILE) {
            let i1 = (i0 + TILE).min(have);
            for j in j0..j1 {
                for i in i0..i1.min(j + 1) {
                    dst[i * cols + j] = m[(i, j)];
                }
            }
        }
    }
}

/// Append the conjugate transpose of `m` in C order.
pub(crate) fn push_mat_adjoint<T: LinalgScalar>(m: MatRef<'_, T>, out: &mut Vec<T>) {
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            out.push(m[(i, j)].conj());
        }
    }
}

/// `batch + tail` as one shape.
pub(crate) fn with_tail(batch: &[usize], tail: &[usize]) -> Vec<usize> {
    let mut s = batch.to_vec();
    s.extend_from_slice(tail);
    s
}

/// An array of shape `shape` from elements in C order. The buffer comes from the
/// allocator uninitialized (then filled by one copy), so repeated large results reuse
/// memory that is already faulted in instead of a fresh zeroed mapping each time.
pub(crate) fn build<T: LinalgScalar>(data: Vec<T>, shape: &[usize]) -> Result<NdArray> {
    let n = numoxide_core::layout::checked_size(shape)?;
    if n != data.len() {
        return NdArray::from_vec(data, shape);
    }
    // SAFETY: every one of the `n` elements is written by the copy below before the
    // array is returned.
    let out = unsafe {
        NdArray::uninit(
            shape,
            numoxide_core::DType::new(T::KIND),
            numoxide_core::Order::C,
        )?
    };
    if n > 0 {
        // SAFETY: `out` is a fresh, exclusively owned, C-contiguous, aligned array of
        // `n` elements of `T`; `data` holds `n` of them and cannot overlap it.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), out.data_ptr() as *mut T, n);
        }
    }
    Ok(out)
}

/// Python's spelling of a shape: `(2, 3)`, `(2,)`, `()`.
pub(crate) fn fmt_shape(shape: &[usize]) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}
