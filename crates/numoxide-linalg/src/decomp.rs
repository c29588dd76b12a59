//! The decompositions and solvers of numpy.linalg: solve, inv, det, slogdet, eig,
//! eigvals, eigh, eigvalsh, svd, qr, cholesky, lstsq, pinv, matrix_rank.

use faer::diag::Diag;
use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::linalg::evd::{self_adjoint_evd, self_adjoint_evd_scratch, ComputeEigenvectors};
use faer::linalg::lu::partial_pivoting::factor::{lu_in_place, lu_in_place_scratch};
use faer::linalg::lu::partial_pivoting::solve::{solve_in_place_scratch, solve_in_place_with_conj};
use faer::linalg::solvers::DenseSolveCore;
use faer::perm::PermRef;
use faer::{Conj, Mat, MatRef, Par, Side};
use numoxide_core::cast::promote_kinds;
use numoxide_core::element::Complex;
use numoxide_core::layout;
use numoxide_core::{DTypeKind, Error, NdArray, Result};

use crate::dispatch_linalg;
use crate::scalar::{complex_kind, linalg_kind, LinalgReal, LinalgScalar};
use crate::stack::{
    build, check_2d, check_square, linalg_error, push_mat, push_mat_adjoint, push_upper, with_tail,
    Stack,
};

/// Whether an LU factorization hit an exactly zero pivot (LAPACK's "singular" test).
fn singular<T: LinalgScalar>(u: MatRef<'_, T>) -> bool {
    (0..u.nrows().min(u.ncols())).any(|i| u[(i, i)] == T::lzero())
}

fn singular_error() -> Error {
    linalg_error("Singular matrix")
}

/// The parity of a permutation given as its forward array (true when odd).
fn odd_permutation(fwd: &[usize]) -> bool {
    let mut seen = vec![false; fwd.len()];
    let mut swaps = 0usize;
    for start in 0..fwd.len() {
        let mut len = 0usize;
        let mut i = start;
        while !seen[i] {
            seen[i] = true;
            i = fwd[i];
            len += 1;
        }
        swaps += len.saturating_sub(1);
    }
    swaps % 2 == 1
}

/// `np.linalg.solve(a, b)`: `b` is a stack of vectors only when it is 1-D (NumPy 2).
///
/// # Errors
/// `LinAlgError` "Singular matrix", shape errors as NumPy.
pub fn solve(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    check_square(a)?;
    let kind = promote_kinds(linalg_kind(a.kind())?, linalg_kind(b.kind())?);
    let m = a.shape()[a.ndim() - 1];
    let vector = b.ndim() == 1;
    if b.ndim() == 0 {
        return Err(Error::value(
            "solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)",
        ));
    }
    let b2 = if vector {
        b.expand_dims(&[-1])?
    } else {
        b.clone()
    };
    let bm = b2.shape()[b2.ndim() - 2];
    if bm != m {
        let (name, sig) = if vector {
            ("solve1", "(m,m),(m)->(m)")
        } else {
            ("solve", "(m,m),(m,n)->(m,n)")
        };
        return Err(Error::value(format!(
            "{name}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {sig} (size {bm} is different from {m})"
        )));
    }
    let k = b2.shape()[b2.ndim() - 1];
    let batch =
        layout::broadcast_shapes(&[&a.shape()[..a.ndim() - 2], &b2.shape()[..b2.ndim() - 2]])?;
    let a = a.broadcast_to(&with_tail(&batch, &[m, m]))?;
    let b2 = b2.broadcast_to(&with_tail(&batch, &[m, k]))?;
    let out = dispatch_linalg!(kind, T => solve_t::<T>(&a, &b2))?;
    if vector {
        out.squeeze(Some(&[-1]))
    } else {
        Ok(out)
    }
}

/// LAPACK's getrf on every matrix of a stack `a` (..., n, n): faer's LU factors in place
/// in one column-major copy of each matrix (read straight from the array when its layout
/// allows), and `f(i, src, lu, perm, stack)` sees the matrix itself (`None` when it is
/// empty), the combined unit-lower/upper factors, the row permutation and a workspace
/// large enough to solve against `rhs_cols` columns.
fn for_each_lu<T: LinalgScalar>(
    a: &NdArray,
    rhs_cols: usize,
    mut f: impl FnMut(
        usize,
        Option<MatRef<'_, T>>,
        MatRef<'_, T>,
        PermRef<'_, usize>,
        &mut MemStack,
    ) -> Result<()>,
) -> Result<()> {
    let a = crate::products::faer_operand::<T>(a)?;
    let nd = a.ndim();
    let n = a.shape()[nd - 1];
    let size = std::mem::size_of::<T>() as isize;
    let (ars, acs) = (a.strides()[nd - 2] / size, a.strides()[nd - 1] / size);
    let offsets = crate::products::batch_offsets(&a.shape()[..nd - 2], &a.strides()[..nd - 2]);
    let mut lu = Mat::<T>::zeros(n, n);
    let mut perm: Vec<usize> = (0..n).collect();
    let mut perm_inv: Vec<usize> = (0..n).collect();
    let mut buf = MemBuffer::new(StackReq::any_of(&[
        lu_in_place_scratch::<usize, T>(n, n, Par::Seq, Default::default()),
        solve_in_place_scratch::<usize, T>(n, rhs_cols, Par::Seq),
    ]));
    for (i, &off) in offsets.iter().enumerate() {
        let mut src = None;
        if n > 0 {
            // SAFETY: `a` is a native, aligned array of `T` (faer_operand) whose strides
            // are whole elements; `off` is the byte offset of matrix `i` inside it and
            // (ars, acs) its element strides, so the n x n view stays in the buffer,
            // which outlives the view (only read, copied into `lu`).
            let ai = unsafe {
                MatRef::from_raw_parts(a.data_ptr().offset(off) as *const T, n, n, ars, acs)
            };
            src = Some(ai);
            lu.copy_from(ai);
            lu_in_place(
                lu.as_mut(),
                &mut perm,
                &mut perm_inv,
                Par::Seq,
                MemStack::new(&mut buf),
                Default::default(),
            );
        }
        // SAFETY: `perm`/`perm_inv` are a permutation of 0..n and its inverse (the
        // identity, or as lu_in_place left them).
        let p = unsafe { PermRef::new_unchecked(&perm, &perm_inv, n) };
        f(i, src, lu.as_ref(), p, MemStack::new(&mut buf))?;
    }
    Ok(())
}

fn solve_t<T: LinalgScalar>(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let sb = Stack::<T>::load(b);
    let n = sb.m;
    let shape = with_tail(&sb.batch, &[sb.m, sb.n]);
    if n == 0 || sb.count() == 0 {
        return build(Vec::<T>::new(), &shape);
    }
    let mut out = Vec::with_capacity(sb.data.len());
    for_each_lu::<T>(a, sb.n, |i, src, lu, p, stack| {
        if !special_diagonal(lu) {
            if singular(lu) {
                return Err(singular_error());
            }
            let mut x = sb.mat(i).to_owned();
            solve_in_place_with_conj(lu, lu, p, Conj::No, x.as_mut(), Par::Seq, stack);
            if zero_signs_as_getrs(x.as_mut(), lu) {
                push_mat(x.as_ref(), &mut out);
                return Ok(());
            }
        }
        let src = src.ok_or_else(singular_error)?;
        solve_as_getrs(src, sb.mat(i), &mut out)
    })?;
    build(out, &shape)
}

/// Whether the LU factors' diagonal holds a value NumPy's getrf treats specially (NaN,
/// infinity, a subnormal pivot): that matrix is then redone by [`crate::nonfinite`].
fn special_diagonal<T: LinalgScalar>(lu: MatRef<'_, T>) -> bool {
    (0..lu.nrows().min(lu.ncols())).any(|j| crate::nonfinite::special_pivot(lu[(j, j)]))
}

/// After a finite solve through faer: give exact zeros of the real solution `x` the sign
/// NumPy's getrs gives them (a zero in row `i` is `+0 * (1 / u_ii)`, as every zero the
/// substitutions reach is `+0` when the right-hand side holds no `-0`). Returns false,
/// leaving `x` as it is, when `x` holds NaN or infinity (NumPy's pattern for those is
/// reproduced by [`solve_as_getrs`] instead).
fn zero_signs_as_getrs<T: LinalgScalar>(mut x: faer::MatMut<'_, T>, lu: MatRef<'_, T>) -> bool {
    for j in 0..x.ncols() {
        for i in 0..x.nrows() {
            if crate::nonfinite::nonfinite(x[(i, j)]) {
                return false;
            }
        }
    }
    if !T::IS_COMPLEX {
        for j in 0..x.ncols() {
            for i in 0..x.nrows() {
                if x[(i, j)] == T::lzero() {
                    x[(i, j)] = T::lzero() * (T::lone() / lu[(i, i)]);
                }
            }
        }
    }
    true
}

/// A column-major copy of `m`.
fn col_major<T: LinalgScalar>(m: MatRef<'_, T>) -> Vec<T> {
    let mut v = Vec::with_capacity(m.nrows() * m.ncols());
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            v.push(m[(i, j)]);
        }
    }
    v
}

/// `a x = b` as NumPy's gesv computes it (getrf + getrs, see [`crate::nonfinite`], in
/// double precision as NumPy does), appending `x` in C order.
fn solve_as_getrs<T: LinalgScalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    out: &mut Vec<T>,
) -> Result<()> {
    use crate::nonfinite::{to_double, Double};
    let (n, k) = (a.nrows(), b.ncols());
    let x: Vec<T> = match (to_double(&col_major(a)), to_double(&col_major(b))) {
        (Double::Real(a), Double::Real(b)) => getrs_double(a, b, n, k)?,
        (Double::Complex(a), Double::Complex(b)) => getrs_double(a, b, n, k)?,
        _ => unreachable!("a and b share the element type T"),
    };
    for r in 0..n {
        for c in 0..k {
            out.push(x[c * n + r]);
        }
    }
    Ok(())
}

/// getrf + getrs on the double-precision column-major `a` (n x n) and `b` (n x k):
/// the column-major solution cast to `T`.
fn getrs_double<T: LinalgScalar, W: LinalgScalar>(
    mut a: Vec<W>,
    mut b: Vec<W>,
    n: usize,
    k: usize,
) -> Result<Vec<T>> {
    let (ipiv, info) = crate::nonfinite::getrf(&mut a, n);
    if info != 0 {
        return Err(singular_error());
    }
    crate::nonfinite::getrs(&a, &ipiv, n, &mut b, k);
    Ok(b.into_iter().map(crate::nonfinite::from_double).collect())
}

/// NumPy's `(sign, log|det|)` of the double-precision column-major `n x n` matrix `f`
/// from getrf's factors (zero and -inf when a pivot is exactly zero), cast to `T`.
fn slogdet_double<T: LinalgScalar, W: LinalgScalar>(mut f: Vec<W>, n: usize) -> (T, T::R) {
    let (ipiv, info) = crate::nonfinite::getrf(&mut f, n);
    if info != 0 {
        return (T::lzero(), T::R::of_f64(f64::NEG_INFINITY));
    }
    let swaps = ipiv.iter().enumerate().filter(|&(i, &q)| i != q).count();
    let (sign, log) = sign_log(swaps % 2 == 1, (0..n).map(|j| f[j * n + j]));
    (
        crate::nonfinite::from_double(sign),
        T::R::of_f64(log.as_f64()),
    )
}

/// `np.linalg.inv(a)`.
///
/// # Errors
/// `LinAlgError` "Singular matrix" and the square-stack checks.
pub fn inv(a: &NdArray) -> Result<NdArray> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    dispatch_linalg!(kind, T => inv_t::<T>(a))
}

fn inv_t<T: LinalgScalar>(a: &NdArray) -> Result<NdArray> {
    let s = Stack::<T>::load(a);
    let n = s.m;
    let mut out = Vec::with_capacity(s.data.len());
    for i in 0..s.count() {
        let m = s.mat(i);
        let lu = m.partial_piv_lu();
        let u = lu.U();
        if !special_diagonal(u) {
            if singular(u) {
                return Err(singular_error());
            }
            let mut x = lu.inverse();
            if zero_signs_as_getrs(x.as_mut(), u) {
                push_mat(x.as_ref(), &mut out);
                continue;
            }
        }
        // NumPy's inv is gesv against the identity.
        solve_as_getrs(m, Mat::<T>::identity(n, n).as_ref(), &mut out)?;
    }
    build(out, a.shape())
}

/// `(sign, log|det|)` of each matrix of a stack, from its LU factorization.
fn slogdet_t<T: LinalgScalar>(a: &NdArray) -> Result<(Vec<T>, Vec<T::R>)> {
    let n = a.shape()[a.ndim() - 1];
    let mut signs = Vec::new();
    let mut logs = Vec::new();
    for_each_lu::<T>(a, 0, |_, src, lu, p, _| {
        let (sign, log) = match src {
            Some(src) if special_diagonal(lu) => {
                // NumPy's getrf on NaN/inf: its own pivots and factors, in double.
                match crate::nonfinite::to_double(&col_major(src)) {
                    crate::nonfinite::Double::Real(f) => slogdet_double(f, n),
                    crate::nonfinite::Double::Complex(f) => slogdet_double(f, n),
                }
            }
            _ => {
                if singular(lu) {
                    (T::lzero(), T::R::of_f64(f64::NEG_INFINITY))
                } else {
                    let (fwd, _) = p.arrays();
                    sign_log(odd_permutation(fwd), (0..n).map(|j| lu[(j, j)]))
                }
            }
        };
        signs.push(sign);
        logs.push(log);
        Ok(())
    })?;
    Ok((signs, logs))
}

/// NumPy's sign and log|det| from the LU diagonal: a real negative entry flips the sign
/// (NaN does not) and adds the log of its magnitude; a complex one multiplies the sign by
/// `d / |d|` (part by part).
fn sign_log<T: LinalgScalar>(odd: bool, diag: impl Iterator<Item = T>) -> (T, T::R) {
    let mut sign = if odd { -T::lone() } else { T::lone() };
    let mut log = T::R::rzero();
    for d in diag {
        if T::IS_COMPLEX {
            let r = d.modulus();
            sign = sign * T::from_parts(d.re() / r, d.im() / r);
            log = log + r.ln();
        } else {
            let mut r = d.re();
            if r < T::R::rzero() {
                sign = -sign;
                r = -r;
            }
            log = log + r.ln();
        }
    }
    (sign, log)
}

/// `np.linalg.slogdet(a)`: `(sign, logabsdet)` arrays of the batch shape.
///
/// # Errors
/// The square-stack checks.
pub fn slogdet(a: &NdArray) -> Result<(NdArray, NdArray)> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    let batch = &a.shape()[..a.ndim() - 2];
    dispatch_linalg!(kind, T => slogdet_arrays::<T>(a, batch))
}

fn slogdet_arrays<T: LinalgScalar>(a: &NdArray, batch: &[usize]) -> Result<(NdArray, NdArray)> {
    let (signs, logs) = slogdet_t::<T>(a)?;
    Ok((build(signs, batch)?, NdArray::from_vec(logs, batch)?))
}

/// `np.linalg.det(a)`: computed as NumPy does, `sign * exp(logabsdet)`.
///
/// # Errors
/// The square-stack checks.
pub fn det(a: &NdArray) -> Result<NdArray> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    let batch = &a.shape()[..a.ndim() - 2];
    dispatch_linalg!(kind, T => det_t::<T>(a, batch))
}

fn det_t<T: LinalgScalar>(a: &NdArray, batch: &[usize]) -> Result<NdArray> {
    let (signs, logs) = slogdet_t::<T>(a)?;
    let out: Vec<T> = signs
        .into_iter()
        .zip(logs)
        .map(|(g, l)| g * T::from_real(T::R::of_f64(l.as_f64().exp())))
        .collect();
    build(out, batch)
}

/// The result of `eig`: eigenvalues and (optionally) eigenvectors as columns.
pub struct EigOutput {
    /// Eigenvalues, shape (..., n).
    pub values: NdArray,
    /// Eigenvectors, shape (..., n, n), or `None` for `eigvals`.
    pub vectors: Option<NdArray>,
}

/// `np.linalg.eig(a)` (`vectors = true`) or `eigvals(a)`: always complex results
/// (complex64 for float32 input, complex128 otherwise), as NumPy >= 2.5 returns them.
/// Eigenvectors have unit norm.
///
/// # Errors
/// `LinAlgError` "Eigenvalues did not converge" and the square-stack checks.
pub fn eig(a: &NdArray, vectors: bool) -> Result<EigOutput> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    let ck = complex_kind(kind);
    let n = a.shape()[a.ndim() - 1];
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let lapack_path = n <= numoxide_ops::polynomial::geev::NMIN;
    let (w, v) = match kind {
        // NumPy computes float32 input in double precision (dgeev) and rounds.
        DTypeKind::Float64 | DTypeKind::Float32 if lapack_path => eig_real::<f64>(a, vectors)?,
        DTypeKind::Complex128 | DTypeKind::Complex64 if lapack_path => eig_complex(a, vectors)?,
        _ => dispatch_linalg!(kind, T => eig_t::<T>(a, vectors))?,
    };
    let make = |vals: Vec<Complex<f64>>, shape: &[usize]| -> Result<NdArray> {
        NdArray::from_vec(vals, shape)?
            .astype(numoxide_core::DType::new(ck), numoxide_core::Order::C)
    };
    let values = make(w, &with_tail(&batch, &[n]))?;
    let vectors = if vectors {
        Some(make(v, &with_tail(&batch, &[n, n]))?)
    } else {
        None
    };
    Ok(EigOutput { values, vectors })
}

/// `eig` of a stack of real matrices by our port of LAPACK's `dgeev`, giving NumPy's
/// eigenvalue order.
fn eig_real<R: LinalgScalar + numoxide_ops::polynomial::geev::Re>(
    a: &NdArray,
    vectors: bool,
) -> Result<(Vec<Complex<f64>>, Vec<Complex<f64>>)> {
    let s = Stack::<R>::load(a);
    let n = s.m;
    let mut w = Vec::with_capacity(s.count() * n);
    let mut v = Vec::with_capacity(if vectors { s.count() * n * n } else { 0 });
    let len = n * n;
    for i in 0..s.count() {
        if let Some(bad) = nonfinite(s.mat(i)) {
            return Err(bad);
        }
        let rows = &s.data[i * len..(i + 1) * len];
        // Column-major copy: element (r, c) of the C-order matrix at r + c * n.
        let mut fm = numoxide_ops::polynomial::geev::Fm::filled(
            n,
            n,
            <R as numoxide_ops::polynomial::geev::Re>::ZERO,
        );
        for r in 0..n {
            for c in 0..n {
                fm.d[r + c * n] = rows[r * n + c];
            }
        }
        let e = numoxide_ops::polynomial::geev::geev_real(fm, vectors)
            .map_err(|_| linalg_error("Eigenvalues did not converge"))?;
        let c = |x: R| numoxide_ops::polynomial::geev::Re::to_f64(x);
        w.extend(
            e.wr.iter()
                .zip(&e.wi)
                .map(|(&re, &im)| Complex::new(c(re), c(im))),
        );
        if let Some(vr) = e.vr {
            // NumPy's unpacking: a pair j, j+1 is (col j) +/- i (col j+1).
            let mut x = vec![Complex::new(0.0, 0.0); len];
            let mut j = 0;
            while j < n {
                if e.wi[j] == <R as numoxide_ops::polynomial::geev::Re>::ZERO || j + 1 == n {
                    for r in 0..n {
                        x[r * n + j] = Complex::new(c(vr.d[r + j * n]), 0.0);
                    }
                    j += 1;
                } else {
                    for r in 0..n {
                        let (re, im) = (c(vr.d[r + j * n]), c(vr.d[r + (j + 1) * n]));
                        x[r * n + j] = Complex::new(re, im);
                        x[r * n + j + 1] = Complex::new(re, -im);
                    }
                    j += 2;
                }
            }
            v.extend(x);
        }
    }
    Ok((w, v))
}

/// `eig` of a stack of complex matrices by our port of LAPACK's `zgeev` (complex64 is
/// computed in complex128, as NumPy does).
fn eig_complex(a: &NdArray, vectors: bool) -> Result<(Vec<Complex<f64>>, Vec<Complex<f64>>)> {
    let s = Stack::<Complex<f64>>::load(a);
    let n = s.m;
    let len = n * n;
    let mut w = Vec::with_capacity(s.count() * n);
    let mut v = Vec::with_capacity(if vectors { s.count() * len } else { 0 });
    for i in 0..s.count() {
        if let Some(bad) = nonfinite(s.mat(i)) {
            return Err(bad);
        }
        let rows = &s.data[i * len..(i + 1) * len];
        let mut fm = numoxide_ops::polynomial::geev::Fm::filled(n, n, Complex::new(0.0, 0.0));
        for r in 0..n {
            for c in 0..n {
                fm.d[r + c * n] = rows[r * n + c];
            }
        }
        let e = numoxide_ops::polynomial::geev::geev_complex(fm, vectors)
            .map_err(|_| linalg_error("Eigenvalues did not converge"))?;
        w.extend_from_slice(&e.w);
        if let Some(vr) = e.vr {
            for r in 0..n {
                for c in 0..n {
                    v.push(vr.d[r + c * n]);
                }
            }
        }
    }
    Ok((w, v))
}

fn eig_t<T: LinalgScalar>(
    a: &NdArray,
    vectors: bool,
) -> Result<(Vec<Complex<f64>>, Vec<Complex<f64>>)> {
    let s = Stack::<T>::load(a);
    let n = s.m;
    let mut w = Vec::with_capacity(s.count() * n);
    let mut v = Vec::new();
    let noconv = || linalg_error("Eigenvalues did not converge");
    for i in 0..s.count() {
        if let Some(bad) = nonfinite(s.mat(i)) {
            return Err(bad);
        }
        // LAPACK's geev first balances the matrix (gebal): a permutation isolating
        // eigenvalues, whose isolated ones come out in their permuted diagonal positions,
        // then a diagonal scaling by powers of two of the remaining block. Handing faer
        // the same balanced matrix reproduces NumPy's order for triangular, diagonal and
        // block-reducible inputs, and for most general ones.
        let (perm, lo, hi) = isolating_permutation(s.mat(i));
        let mut bal = faer::Mat::<T>::from_fn(n, n, |r, c| s.mat(i)[(perm[r], perm[c])]);
        let scale = balance_scaling(&mut bal, lo, hi);
        let m = bal.as_ref();
        if !vectors {
            let vals = m.eigenvalues().map_err(|_| noconv())?;
            w.extend(
                vals.iter()
                    .map(|z| Complex::new(T::real_f64(&z.re), T::real_f64(&z.im))),
            );
            continue;
        }
        let e = m.eigen().map_err(|_| noconv())?;
        let (u, d) = (e.U(), e.S());
        for j in 0..n {
            let z = &d[j];
            w.push(Complex::new(T::real_f64(&z.re), T::real_f64(&z.im)));
        }
        // Undo the balancing: x = P D y (row perm[r] of x is row r of D y).
        let mut x = vec![Complex::new(0.0, 0.0); n * n];
        for r in 0..n {
            for j in 0..n {
                let z = &u[(r, j)];
                x[perm[r] * n + j] =
                    Complex::new(T::real_f64(&z.re), T::real_f64(&z.im)) * scale[r];
            }
        }
        // Unit Euclidean norm and, as geev does for complex vectors, the largest
        // component made real (positive for complex input; for a complex pair of a real
        // matrix the rotation keeps the sign of that component's real part).
        let complex_in = T::IS_COMPLEX;
        for j in 0..n {
            let s2: f64 = (0..n).map(|r| x[r * n + j].norm_sqr()).sum();
            let nj = if s2 > 0.0 { s2.sqrt() } else { 1.0 };
            let is_complex_vec = complex_in || w[w.len() - n + j].im != 0.0;
            let mut phase = Complex::new(1.0 / nj, 0.0);
            if is_complex_vec {
                let mut k = 0;
                let mut best = -1.0;
                for r in 0..n {
                    let m2 = x[r * n + j].norm_sqr();
                    if m2 > best {
                        best = m2;
                        k = r;
                    }
                }
                let xk = x[k * n + j];
                let mk = xk.norm();
                if mk > 0.0 {
                    let sign = if !complex_in && xk.re < 0.0 {
                        -1.0
                    } else {
                        1.0
                    };
                    phase = xk.conj() * (sign / (mk * nj));
                }
                for r in 0..n {
                    x[r * n + j] *= phase;
                }
                x[k * n + j].im = 0.0;
            } else {
                for r in 0..n {
                    x[r * n + j] *= phase;
                }
            }
        }
        v.extend(x);
    }
    Ok((w, v))
}

/// The permutation of LAPACK's `gebal` (job 'P'): rows whose off-diagonal entries (in
/// the active block) are all zero are pushed to the bottom, then columns whose
/// off-diagonal entries are all zero to the left, so that `P^T A P` is block upper
/// triangular with isolated eigenvalues on the diagonal of the outer blocks. Returns
/// `perm` with `(P^T A P)[r][c] == A[perm[r]][perm[c]]`.
fn isolating_permutation<T: LinalgScalar>(a: MatRef<'_, T>) -> (Vec<usize>, usize, usize) {
    let n = a.nrows();
    let mut perm: Vec<usize> = (0..n).collect();
    if n <= 1 {
        return (perm, 0, n);
    }
    let zero = T::lzero();
    let at = |perm: &[usize], r: usize, c: usize| a[(perm[r], perm[c])];
    // Rows isolating an eigenvalue, pushed down. As in LAPACK >= 3.11, a sweep goes on
    // from the next row after a swap (its range fixed when the sweep starts), and sweeps
    // repeat until one swaps nothing.
    let mut l = n; // the active block is k..l
    let mut noconv = true;
    while noconv {
        noconv = false;
        let end = l; // the sweep's range is fixed when it starts
        for i in (0..end).rev() {
            let isolated = (0..l).all(|c| c == i || at(&perm, i, c) == zero);
            if isolated {
                perm.swap(i, l - 1);
                noconv = true;
                if l == 1 {
                    return (perm, 0, 1);
                }
                l -= 1;
            }
        }
    }
    // Columns isolating an eigenvalue, pushed left.
    let mut k = 0;
    noconv = true;
    while noconv {
        noconv = false;
        let first = k; // the sweep's range is fixed when it starts
        for j in first..l {
            let isolated = (k..l).all(|r| r == j || at(&perm, r, j) == zero);
            if isolated {
                perm.swap(j, k);
                noconv = true;
                k += 1;
            }
        }
    }
    (perm, k, l)
}

/// LAPACK's `gebal` scaling step on the active block `lo..hi` of the permuted matrix
/// `b` (in place): rows and columns are scaled by powers of two until their norms are
/// within a factor 0.95 of balance. Returns the scale of each row (1 outside the block).
fn balance_scaling<T: LinalgScalar>(b: &mut Mat<T>, lo: usize, hi: usize) -> Vec<f64> {
    let n = b.nrows();
    let mut scale = vec![1.0f64; n];
    if hi <= lo + 1 {
        return scale;
    }
    let single = std::mem::size_of::<T::R>() == 4;
    let sfmin1 = if single {
        2f64.powi(-103)
    } else {
        2f64.powi(-970)
    };
    let abs = |z: T| z.modulus().as_f64();
    let mut noconv = true;
    let mut sweeps = 0;
    while noconv && sweeps < 1000 {
        noconv = false;
        sweeps += 1;
        for i in lo..hi {
            let c = (lo..hi).map(|r| abs(b[(r, i)]).powi(2)).sum::<f64>().sqrt();
            let r = (lo..hi).map(|q| abs(b[(i, q)]).powi(2)).sum::<f64>().sqrt();
            let ca = (0..hi).map(|q| abs(b[(q, i)])).fold(0.0, f64::max);
            let ra = (lo..n).map(|q| abs(b[(i, q)])).fold(0.0, f64::max);
            if c == 0.0 || r == 0.0 {
                continue;
            }
            if (c + ca + r + ra).is_nan() {
                return scale;
            }
            let Some(f) =
                numoxide_ops::polynomial::geev::balance_factor(c, r, ca, ra, scale[i], sfmin1)
            else {
                continue;
            };
            scale[i] *= f;
            noconv = true;
            let (fi, gi) = (
                T::from_real(T::R::of_f64(f)),
                T::from_real(T::R::of_f64(1.0 / f)),
            );
            for q in lo..n {
                b[(i, q)] = b[(i, q)] * gi;
            }
            for q in 0..hi {
                b[(q, i)] = b[(q, i)] * fi;
            }
        }
    }
    scale
}

/// LAPACK refuses NaN/inf in eigenvalue problems; NumPy reports it as non-convergence.
fn nonfinite<T: LinalgScalar>(m: MatRef<'_, T>) -> Option<Error> {
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            let z = m[(i, j)];
            if !(z.re().as_f64().is_finite() && z.im().as_f64().is_finite()) {
                return Some(linalg_error("Array must not contain infs or NaNs"));
            }
        }
    }
    None
}

/// `np.linalg.eigvals` of one real row-major `n x n` matrix (for polynomial roots).
///
/// # Errors
/// `LinAlgError` when the iteration does not converge.
pub fn eigvals_f64(a: &[f64], n: usize) -> Result<Vec<Complex<f64>>> {
    if a.len() != n * n {
        return Err(Error::value("eigvals_f64: a must hold n * n elements"));
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    if n <= numoxide_ops::polynomial::geev::NMIN && a.iter().all(|v| v.is_finite()) {
        // NumPy's order: our port of dgeev (see `eig`).
        let mut fm = numoxide_ops::polynomial::geev::Fm::filled(n, n, 0.0);
        for r in 0..n {
            for c in 0..n {
                fm.d[r + c * n] = a[r * n + c];
            }
        }
        let e = numoxide_ops::polynomial::geev::geev_real(fm, false)
            .map_err(|_| linalg_error("Eigenvalues did not converge"))?;
        return Ok(e
            .wr
            .iter()
            .zip(&e.wi)
            .map(|(&re, &im)| Complex::new(re, im))
            .collect());
    }
    crate::stack::sequential_decompositions();
    MatRef::from_row_major_slice(a, n, n)
        .eigenvalues()
        .map_err(|_| linalg_error("Eigenvalues did not converge"))
}

/// `np.linalg.eigvals(a)`.
///
/// # Errors
/// As [`eig`].
pub fn eigvals(a: &NdArray) -> Result<NdArray> {
    Ok(eig(a, false)?.values)
}

/// `np.linalg.eigh(a, UPLO)` (`vectors = true`) or `eigvalsh`: ascending real
/// eigenvalues and orthonormal eigenvectors (columns), reading one triangle.
///
/// # Errors
/// `LinAlgError` "Eigenvalues did not converge" and the square-stack checks.
pub fn eigh(a: &NdArray, upper: bool, vectors: bool) -> Result<(NdArray, Option<NdArray>)> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    dispatch_linalg!(kind, T => eigh_t::<T>(a, upper, vectors))
}

fn eigh_t<T: LinalgScalar>(
    a: &NdArray,
    upper: bool,
    vectors: bool,
) -> Result<(NdArray, Option<NdArray>)> {
    let nd = a.ndim();
    let n = a.shape()[nd - 1];
    let batch = a.shape()[..nd - 2].to_vec();
    let count: usize = batch.iter().product();
    let mut w: Vec<T::R> = Vec::with_capacity(count * n);
    let mut v: Vec<T> = Vec::with_capacity(if vectors { count * n * n } else { 0 });
    if n > 0 && count > 0 {
        eigh_into::<T>(a, upper, vectors, &mut w, &mut v)?;
    }
    let wa = NdArray::from_vec(w, &with_tail(&batch, &[n]))?;
    let va = if vectors {
        Some(build(v, &with_tail(&batch, &[n, n]))?)
    } else {
        None
    };
    Ok((wa, va))
}

/// The eigenvalues (and vectors, C order) of every matrix of a nonempty stack, read in
/// place when the layout allows, through faer's tridiagonal divide and conquer with one
/// workspace for the stack.
fn eigh_into<T: LinalgScalar>(
    a: &NdArray,
    upper: bool,
    vectors: bool,
    w: &mut Vec<T::R>,
    v: &mut Vec<T>,
) -> Result<()> {
    let noconv = || linalg_error("Eigenvalues did not converge");
    let a = crate::products::faer_operand::<T>(a)?;
    let nd = a.ndim();
    let n = a.shape()[nd - 1];
    let size = std::mem::size_of::<T>() as isize;
    let (ars, acs) = (a.strides()[nd - 2] / size, a.strides()[nd - 1] / size);
    let offsets = crate::products::batch_offsets(&a.shape()[..nd - 2], &a.strides()[..nd - 2]);
    let compute = if vectors {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let params = Default::default();
    let mut buf = MemBuffer::new(self_adjoint_evd_scratch::<T>(n, compute, Par::Seq, params));
    let mut s = Diag::<T>::zeros(n);
    let mut u = Mat::<T>::zeros(if vectors { n } else { 0 }, if vectors { n } else { 0 });
    for &off in &offsets {
        // SAFETY: `a` is a native, aligned array of `T` (faer_operand) with whole-element
        // strides; `off` is the byte offset of one n x n matrix inside it, described by
        // (ars, acs), and `a` outlives the view, which is only read.
        let m =
            unsafe { MatRef::from_raw_parts(a.data_ptr().offset(off) as *const T, n, n, ars, acs) };
        if n == 1 {
            // LAPACK's heevd returns a 1 x 1 matrix's (real) element and the unit vector
            // without iterating, whatever its value (NaN and inf included).
            w.push(m[(0, 0)].re());
            if vectors {
                v.push(T::lone());
            }
            continue;
        }
        if nonfinite_triangle(m, upper) {
            if n == 2 && !T::IS_COMPLEX {
                let e = if upper { m[(0, 1)] } else { m[(1, 0)] };
                let (d, z) =
                    crate::evd2::syevd_2x2(m[(0, 0)].re(), e.re(), m[(1, 1)].re(), vectors);
                w.extend(d);
                if vectors {
                    v.extend(z.iter().map(|&x| T::from_real(x)));
                }
                continue;
            }
            // NumPy's LAPACK, step by step (a matrix that is finite as LAPACK reads it,
            // with NaN only in an imaginary part of the diagonal, goes on below).
            match heevd_double::<T>(n, |r, c| m[(r, c)], upper, vectors) {
                crate::syevd_nf::Evd::NoConvergence => return Err(noconv()),
                crate::syevd_nf::Evd::Done(d, z) => {
                    w.extend(d);
                    v.extend(z);
                    continue;
                }
                crate::syevd_nf::Evd::Finite => {}
            }
        }
        // LAPACK's heevd reads one triangle and only the real part of the diagonal;
        // faer reads the lower triangle of what it is given: the transpose for a real
        // upper triangle, a Hermitian copy for complex input.
        let h;
        let lower = if T::IS_COMPLEX {
            h = hermitian_from(m, upper);
            h.as_ref()
        } else if upper {
            m.transpose()
        } else {
            m
        };
        let scaled;
        let (lower, unscale) = match scaled_to_one(lower) {
            Some((x, up)) => {
                scaled = x;
                (scaled.as_ref(), up)
            }
            None => (lower, [T::R::lone(); 2]),
        };
        let start = w.len();
        // Should our divide and conquer give up (it pushes nothing then), faer's own
        // decomposition below answers instead.
        if !(vectors && !T::IS_COMPLEX && n >= DC_MIN && eigh_dc::<T>(lower, w, v).is_ok()) {
            self_adjoint_evd(
                lower,
                s.as_mut(),
                if vectors { Some(u.as_mut()) } else { None },
                Par::Seq,
                MemStack::new(&mut buf),
                params,
            )
            .map_err(|_| noconv())?;
            w.extend(s.column_vector().iter().map(|x| x.re()));
            if vectors {
                push_mat(u.as_ref(), v);
            }
        }
        for x in &mut w[start..] {
            *x = *x * unscale[0] * unscale[1];
        }
    }
    Ok(())
}

/// Like LAPACK's syevd, a matrix whose lower triangle has a tiny (subnormal-prone) or
/// huge largest modulus is brought to about one by powers of two (exact) before the
/// reduction, which would lose it otherwise: the scaled lower triangle and the two
/// factors whose product scales the eigenvalues back, or `None` when no scaling is
/// needed.
fn scaled_to_one<T: LinalgScalar>(m: MatRef<'_, T>) -> Option<(Mat<T>, [T::R; 2])> {
    let n = m.nrows();
    let mut big = 0.0f64;
    for j in 0..n {
        for i in j..n {
            big = big.max(m[(i, j)].modulus().as_f64());
        }
    }
    // float32 has exponents -149..=127, float64 -1074..=1023.
    let limit = if T::R::EPS.as_f64() > 1e-10 { 60 } else { 400 };
    let safe = 2f64.powi(-limit)..=2f64.powi(limit);
    if big == 0.0 || !big.is_finite() || safe.contains(&big) {
        return None;
    }
    let exp = big.log2().floor() as i32;
    let (e1, e2) = (exp / 2, exp - exp / 2);
    let down = [
        T::from_real(T::R::of_f64(2f64.powi(-e1))),
        T::from_real(T::R::of_f64(2f64.powi(-e2))),
    ];
    let x = Mat::<T>::from_fn(n, n, |i, j| {
        if i >= j {
            m[(i, j)] * down[0] * down[1]
        } else {
            T::lzero()
        }
    });
    Some((
        x,
        [T::R::of_f64(2f64.powi(e1)), T::R::of_f64(2f64.powi(e2))],
    ))
}

/// From this order on, real `eigh` with vectors solves the tridiagonal problem with our
/// divide and conquer ([`crate::tridiag_dc`]) instead of faer's (which runs its QR
/// iteration below order 128: at orders 64..128 splitting once or twice is already
/// faster).
const DC_MIN: usize = 64;

/// The eigenvalues and C-order eigenvectors of one real symmetric matrix (its lower
/// triangle `lower`): faer's tridiagonalization, our divide and conquer on the
/// tridiagonal matrix, and faer's blocked Householder back-transformation.
fn eigh_dc<T: LinalgScalar>(
    lower: MatRef<'_, T>,
    w: &mut Vec<T::R>,
    v: &mut Vec<T>,
) -> std::result::Result<(), crate::tridiag_dc::NoConvergence> {
    let n = lower.nrows();
    let mut trid = Mat::<T>::zeros(n, n);
    trid.as_mut().copy_from_triangular_lower(lower);
    let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<T>(n, n);
    let mut hh = Mat::<T>::zeros(bs, n - 1);
    let mut buf = MemBuffer::new(StackReq::any_of(&[
        faer::linalg::evd::tridiag::tridiag_in_place_scratch::<T>(n, Par::Seq, Default::default()),
        faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<T>(
            n - 1,
            bs,
            n,
        ),
    ]));
    faer::linalg::evd::tridiag::tridiag_in_place(
        trid.as_mut(),
        hh.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
        Default::default(),
    );
    let mut d: Vec<T::R> = (0..n).map(|i| trid[(i, i)].re()).collect();
    let e: Vec<T::R> = (0..n - 1).map(|i| trid[(i + 1, i)].re()).collect();
    let mut u = vec![T::R::rzero(); n * n];
    crate::tridiag_dc::tridiag_evd(&mut d, &e, &mut u, crate::tridiag_dc::LEAF)?;
    let mut u: Vec<T> = u.into_iter().map(T::from_real).collect();
    faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
        trid.as_ref().submatrix(1, 0, n - 1, n - 1),
        hh.as_ref(),
        Conj::No,
        faer::MatMut::from_column_major_slice_mut(&mut u, n, n).subrows_mut(1, n - 1),
        Par::Seq,
        MemStack::new(&mut buf),
    );
    w.extend(d);
    push_mat(MatRef::from_column_major_slice(&u, n, n), v);
    Ok(())
}

/// The Hermitian matrix whose `upper` (or lower) triangle is `m`'s, with the imaginary
/// part of the diagonal dropped.
fn hermitian_from<T: LinalgScalar>(m: MatRef<'_, T>, upper: bool) -> Mat<T> {
    Mat::<T>::from_fn(m.nrows(), m.ncols(), |i, j| {
        let from_upper = i < j;
        if i == j {
            T::from_real(m[(i, i)].re())
        } else if from_upper == upper {
            m[(i, j)]
        } else {
            m[(j, i)].conj()
        }
    })
}

fn nonfinite_triangle<T: LinalgScalar>(m: MatRef<'_, T>, upper: bool) -> bool {
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            if (upper && i > j) || (!upper && i < j) {
                continue;
            }
            let z = m[(i, j)];
            if !(z.re().as_f64().is_finite() && z.im().as_f64().is_finite()) {
                return true;
            }
        }
    }
    false
}

/// The result of `svd`: `U`, `S`, `Vh` (the factors are `None` without `compute_uv`).
pub struct SvdOutput {
    /// Left singular vectors, (..., m, m) or (..., m, k).
    pub u: Option<NdArray>,
    /// Singular values, descending, (..., k).
    pub s: NdArray,
    /// Right singular vectors conjugate-transposed, (..., n, n) or (..., k, n).
    pub vh: Option<NdArray>,
}

/// `np.linalg.svd(a, full_matrices, compute_uv, hermitian)`.
///
/// # Errors
/// `LinAlgError` "SVD did not converge" and the 2-D checks.
pub fn svd(
    a: &NdArray,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> Result<SvdOutput> {
    check_2d(a)?;
    if hermitian {
        // NumPy's hermitian path goes through eigh, which checks squareness first.
        check_square(a)?;
    }
    let kind = linalg_kind(a.kind())?;
    dispatch_linalg!(kind, T => svd_t::<T>(a, full_matrices, compute_uv, hermitian))
}

/// From this order (the smaller dimension) on, real `svd` with vectors runs our
/// bidiagonal divide and conquer ([`crate::bidiag_dc`]) instead of faer's.
const SVD_DC_MIN: usize = 64;

fn svd_t<T: LinalgScalar>(a: &NdArray, full: bool, uv: bool, hermitian: bool) -> Result<SvdOutput> {
    let s = Stack::<T>::load(a);
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    let (um, vn) = if full { (m, n) } else { (k, k) };
    let mut us: Vec<T> = Vec::new();
    let mut ss: Vec<T::R> = Vec::with_capacity(s.count() * k);
    let mut vs: Vec<T> = Vec::new();
    let noconv = || linalg_error("SVD did not converge");
    for i in 0..s.count() {
        let mat = s.mat(i);
        if let Some(_bad) = nonfinite(mat) {
            return Err(noconv());
        }
        if hermitian {
            let e = mat.self_adjoint_eigen(Side::Lower).map_err(|_| noconv())?;
            let d = e.S();
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&x, &y| {
                d[y].re()
                    .modulus()
                    .partial_cmp(&d[x].re().modulus())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            for &j in &order {
                ss.push(d[j].re().modulus());
            }
            if uv {
                let u = e.U();
                for r in 0..n {
                    for &j in &order {
                        us.push(u[(r, j)]);
                    }
                }
                for &j in &order {
                    let sign = if d[j].re() < T::R::rzero() {
                        -T::lone()
                    } else {
                        T::lone()
                    };
                    for r in 0..n {
                        vs.push((u[(r, j)] * sign).conj());
                    }
                }
            }
            continue;
        }
        if !uv && !T::IS_COMPLEX && k >= 2 {
            // Real matrices as LAPACK's gesdd: bidiagonal form, then dqds (faer's own
            // answers should it give up).
            if let Ok(sv) = crate::bidiag_dc::real_singular_values(mat) {
                ss.extend(sv);
                continue;
            }
        }
        // faer's own SVD gets the matrix scaled to a largest modulus of about one (as
        // LAPACK's gesdd does), or huge and tiny matrices fail or lose their values.
        let scaled;
        let (fmat, up) = if uv && !T::IS_COMPLEX && k >= SVD_DC_MIN {
            (mat, [T::R::lone(); 2])
        } else {
            let (x, up) = crate::bidiag_dc::scaled_copy(mat);
            scaled = x;
            (scaled.as_ref(), up)
        };
        if !uv {
            let mut sv = fmat.singular_values().map_err(|_| noconv())?;
            // faer may leave tiny values out of order (e.g. `ones((200, 200))` in
            // float32); NumPy's are descending.
            sv.sort_by(|x, y| y.partial_cmp(x).unwrap_or(std::cmp::Ordering::Equal));
            ss.extend(
                sv.iter()
                    .map(|x| T::R::of_f64(T::real_f64(x)) * up[0] * up[1]),
            );
            continue;
        }
        if k == 0 {
            // faer needs no work; the factors of an empty matrix are identities.
            push_mat(Mat::<T>::identity(m, um).as_ref(), &mut us);
            push_mat(Mat::<T>::identity(vn, n).as_ref(), &mut vs);
            continue;
        }
        // Large real matrices through our bidiagonal divide and conquer; faer's own
        // decomposition answers when it gives up.
        if !T::IS_COMPLEX && k >= SVD_DC_MIN {
            if let Ok((sv, u, v)) = crate::bidiag_dc::real_svd(mat, full) {
                ss.extend(sv);
                push_mat(u.as_ref(), &mut us);
                push_mat_adjoint(v.as_ref(), &mut vs);
                continue;
            }
        }
        let d = if full { fmat.svd() } else { fmat.thin_svd() }.map_err(|_| noconv())?;
        let sd = d.S();
        // faer may leave tiny values out of order; NumPy's are descending, with the
        // singular vectors in the same order.
        let mut order: Vec<usize> = (0..k).collect();
        order.sort_by(|&x, &y| {
            sd[y]
                .re()
                .partial_cmp(&sd[x].re())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for &j in &order {
            ss.push(sd[j].re() * up[0] * up[1]);
        }
        if order.iter().enumerate().all(|(i, &j)| i == j) {
            push_mat(d.U(), &mut us);
            push_mat_adjoint(d.V(), &mut vs);
        } else {
            let (mut u, mut v) = (d.U().to_owned(), d.V().to_owned());
            for (i, &j) in order.iter().enumerate() {
                u.col_mut(i).copy_from(d.U().col(j));
                v.col_mut(i).copy_from(d.V().col(j));
            }
            push_mat(u.as_ref(), &mut us);
            push_mat_adjoint(v.as_ref(), &mut vs);
        }
    }
    let sa = NdArray::from_vec(ss, &with_tail(&s.batch, &[k]))?;
    if !uv {
        return Ok(SvdOutput {
            u: None,
            s: sa,
            vh: None,
        });
    }
    let ua = build(us, &with_tail(&s.batch, &[m, um]))?;
    let va = build(vs, &with_tail(&s.batch, &[vn, n]))?;
    Ok(SvdOutput {
        u: Some(ua),
        s: sa,
        vh: Some(va),
    })
}

/// The `mode` of `np.linalg.qr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrMode {
    /// `Q` (m, k) and `R` (k, n).
    Reduced,
    /// `Q` (m, m) and `R` (m, n).
    Complete,
    /// `R` (k, n) only.
    R,
    /// LAPACK's `(h, tau)`.
    Raw,
}

/// The result of `qr`.
pub struct QrOutput {
    /// `Q` (or `h` in raw mode).
    pub q: Option<NdArray>,
    /// `R` (or `tau` in raw mode).
    pub r: NdArray,
}

/// `np.linalg.qr(a, mode)`.
///
/// # Errors
/// The 2-D checks.
pub fn qr(a: &NdArray, mode: QrMode) -> Result<QrOutput> {
    check_2d(a)?;
    let kind = linalg_kind(a.kind())?;
    dispatch_linalg!(kind, T => qr_t::<T>(a, mode))
}

fn qr_t<T: LinalgScalar>(a: &NdArray, mode: QrMode) -> Result<QrOutput> {
    let s = Stack::<T>::load(a);
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    if mode == QrMode::Raw {
        return qr_raw(&s);
    }
    let (qc, rr) = match mode {
        QrMode::Complete => (m, m),
        _ => (k, k),
    };
    let mut qs: Vec<T> = Vec::new();
    let mut rs: Vec<T> = Vec::new();
    for i in 0..s.count() {
        if k == 0 {
            push_mat(Mat::<T>::identity(m, qc).as_ref(), &mut qs);
            push_mat(Mat::<T>::zeros(rr, n).as_ref(), &mut rs);
            continue;
        }
        if lapack_qr_needed(&s, i) {
            // LAPACK's own reflectors, which decide where NaN spreads and the signs.
            let qcols = if mode == QrMode::R { 0 } else { qc };
            qr_as_lapack(s.mat(i), qcols, rr, &mut qs, &mut rs);
            continue;
        }
        if T::IS_COMPLEX {
            // faer gives R a complex diagonal; NumPy (LAPACK) a real one.
            let (h, taus) = householder_qr(s.mat(i));
            let qcols = if mode == QrMode::R { 0 } else { qc };
            q_r_from_householder(&h, &taus, m, n, qcols, rr, &mut qs, &mut rs);
            continue;
        }
        let f = s.mat(i).qr();
        if mode == QrMode::Complete {
            push_mat(f.compute_Q().as_ref(), &mut qs);
            push_upper(f.R(), m, &mut rs);
        } else {
            if mode == QrMode::Reduced {
                push_mat(f.compute_thin_Q().as_ref(), &mut qs);
            }
            push_upper(f.thin_R(), k, &mut rs);
        }
    }
    let r = build(rs, &with_tail(&s.batch, &[rr, n]))?;
    let q = if mode == QrMode::R {
        None
    } else {
        Some(build(qs, &with_tail(&s.batch, &[m, qc]))?)
    };
    Ok(QrOutput { q, r })
}

/// LAPACK `geqrf` output (unblocked Householder): `h` is the factored matrix
/// transposed (as NumPy returns it, shape (..., n, m)) and `tau` (..., k).
fn qr_raw<T: LinalgScalar>(s: &Stack<T>) -> Result<QrOutput> {
    let (m, n) = (s.m, s.n);
    let k = m.min(n);
    let mut hs: Vec<T> = Vec::with_capacity(s.data.len());
    let mut taus: Vec<T> = Vec::with_capacity(s.count() * k);
    for t in 0..s.count() {
        if lapack_qr_needed(s, t) {
            // In double precision, as NumPy computes.
            match crate::nonfinite::to_double(&col_major(s.mat(t))) {
                crate::nonfinite::Double::Real(h) => geqr2_double(h, m, n, &mut hs, &mut taus),
                crate::nonfinite::Double::Complex(h) => geqr2_double(h, m, n, &mut hs, &mut taus),
            }
            continue;
        }
        let (a, tau) = householder_qr(s.mat(t));
        hs.extend(a);
        taus.extend(tau);
    }
    let h = build(hs, &with_tail(&s.batch, &[n, m]))?;
    let tau = build(taus, &with_tail(&s.batch, &[k]))?;
    Ok(QrOutput { q: Some(h), r: tau })
}

/// geqr2 on the double-precision column-major `m x n` `h`: the factored matrix and the
/// `tau`s appended, cast to `T`.
fn geqr2_double<T: LinalgScalar, W: LinalgScalar>(
    mut h: Vec<W>,
    m: usize,
    n: usize,
    hs: &mut Vec<T>,
    taus: &mut Vec<T>,
) {
    use crate::nonfinite::from_double;
    taus.extend(
        crate::nonfinite::geqr2(&mut h, m, n)
            .into_iter()
            .map(from_double::<T, W>),
    );
    hs.extend(h.into_iter().map(from_double::<T, W>));
}

/// Whether matrix `i` goes through [`qr_as_lapack`]: it holds NaN or infinity, or (real
/// input, up to the order where NumPy's geqrf stops blocking) an exact zero. The zeros' signs in Q and
/// R come from LAPACK's steps there: a reflector `v = x / (alpha - beta)` keeps a zero of
/// `x` as a zero whose sign orgqr's `-tau * v` flips, `beta = -sign(norm, alpha)` reads
/// the sign bit of `alpha = -0.0` (faer takes it as non-negative), and a column with only
/// zeros below its diagonal gets `tau = 0`, leaving `-0.0` in Q; faer's zeros are `+0.0`.
fn lapack_qr_needed<T: LinalgScalar>(s: &Stack<T>, i: usize) -> bool {
    let len = s.m * s.n;
    let small = s.m.min(s.n) <= GEQRF_UNBLOCKED_MAX;
    s.data[i * len..(i + 1) * len].iter().any(|&z| {
        let (re, im) = (z.re().as_f64(), z.im().as_f64());
        !(re.is_finite() && im.is_finite()) || (small && !T::IS_COMPLEX && re == 0.0)
    })
}

/// LAPACK's geqrf/orgqr run unblocked up to this many reflectors (ilaenv's crossover),
/// which [`crate::nonfinite::geqr2`] follows step by step.
const GEQRF_UNBLOCKED_MAX: usize = 128;

/// `Q`'s first `qcols` columns (C order, none for `qcols == 0`) and `R`'s first `rr` rows
/// of a matrix holding NaN, infinity or negative zeros, as NumPy's geqrf + orgqr compute them
/// (unblocked, see [`crate::nonfinite`]).
fn qr_as_lapack<T: LinalgScalar>(
    src: MatRef<'_, T>,
    qcols: usize,
    rr: usize,
    qs: &mut Vec<T>,
    rs: &mut Vec<T>,
) {
    // NumPy factors float32 and complex64 input in double precision.
    match crate::nonfinite::to_double(&col_major(src)) {
        crate::nonfinite::Double::Real(h) => {
            qr_double(h, src.nrows(), src.ncols(), qcols, rr, qs, rs)
        }
        crate::nonfinite::Double::Complex(h) => {
            qr_double(h, src.nrows(), src.ncols(), qcols, rr, qs, rs)
        }
    }
}

/// [`qr_as_lapack`] on the double-precision column-major `m x n` copy `h`.
#[allow(clippy::too_many_arguments)]
fn qr_double<T: LinalgScalar, W: LinalgScalar>(
    mut h: Vec<W>,
    m: usize,
    n: usize,
    qcols: usize,
    rr: usize,
    qs: &mut Vec<T>,
    rs: &mut Vec<T>,
) {
    use crate::nonfinite::from_double;
    let taus = crate::nonfinite::geqr2(&mut h, m, n);
    for row in 0..rr {
        for col in 0..n {
            rs.push(if row <= col && row < m {
                from_double(h[col * m + row])
            } else {
                T::lzero()
            });
        }
    }
    if qcols > 0 {
        let mut q = vec![W::lzero(); m * qcols];
        let have = n.min(qcols);
        q[..m * have].copy_from_slice(&h[..m * have]);
        crate::nonfinite::org2r(&mut q, m, qcols, &taus);
        for r in 0..m {
            for c in 0..qcols {
                qs.push(from_double(q[c * m + r]));
            }
        }
    }
}

/// LAPACK's unblocked Householder QR (geqr2) of `src`: the factored matrix in column-major
/// order (R on and above the diagonal, the reflectors' tails below) and the `tau`s. Its
/// convention (real `beta` of sign opposite to `Re(alpha)`) gives R a real diagonal.
fn householder_qr<T: LinalgScalar>(src: MatRef<'_, T>) -> (Vec<T>, Vec<T>) {
    let (m, n) = (src.nrows(), src.ncols());
    let k = m.min(n);
    // Column-major working copy: col j is a[j*m..(j+1)*m].
    let mut a: Vec<T> = Vec::with_capacity(m * n);
    for j in 0..n {
        for i in 0..m {
            a.push(src[(i, j)]);
        }
    }
    let mut taus = Vec::with_capacity(k);
    for j in 0..k {
        let col = j * m;
        let alpha = a[col + j];
        let xnorm2: T::R = (j + 1..m)
            .map(|i| {
                let z = a[col + i];
                z.re() * z.re() + z.im() * z.im()
            })
            .fold(T::R::rzero(), |p, q| p + q);
        let tau;
        if xnorm2 == T::R::rzero() && alpha.im() == T::R::rzero() {
            tau = T::lzero();
        } else {
            let norm = (alpha.re() * alpha.re() + alpha.im() * alpha.im() + xnorm2).sqrt();
            let beta = if alpha.re() >= T::R::rzero() {
                -norm
            } else {
                norm
            };
            tau = T::from_parts((beta - alpha.re()) / beta, -alpha.im() / beta);
            let scale = T::lone() / (alpha - T::from_real(beta));
            for i in j + 1..m {
                a[col + i] = a[col + i] * scale;
            }
            a[col + j] = T::from_real(beta);
            // Apply H^H = I - conj(tau) v v^H to the remaining columns.
            for c in j + 1..n {
                let cc = c * m;
                let mut dotv = a[cc + j];
                for i in j + 1..m {
                    dotv = dotv + a[col + i].conj() * a[cc + i];
                }
                let f = tau.conj() * dotv;
                a[cc + j] = a[cc + j] - f;
                for i in j + 1..m {
                    a[cc + i] = a[cc + i] - a[col + i] * f;
                }
            }
        }
        taus.push(tau);
    }
    (a, taus)
}

/// Q's first `qc` columns (row-major `m x qc`) and R's first `rr` rows (row-major
/// `rr x n`) from a [`householder_qr`] factorization, as LAPACK's ungqr forms them.
#[allow(clippy::too_many_arguments)]
fn q_r_from_householder<T: LinalgScalar>(
    h: &[T],
    taus: &[T],
    m: usize,
    n: usize,
    qc: usize,
    rr: usize,
    qs: &mut Vec<T>,
    rs: &mut Vec<T>,
) {
    for row in 0..rr {
        for col in 0..n {
            rs.push(if row <= col && row < m {
                h[col * m + row]
            } else {
                T::lzero()
            });
        }
    }
    // Q = H_0 H_1 ... H_{k-1} I[:, :qc], applied from the last reflector; column-major.
    let mut q: Vec<T> = vec![T::lzero(); m * qc];
    for c in 0..qc.min(m) {
        q[c * m + c] = T::lone();
    }
    for (j, &tau) in taus.iter().enumerate().rev() {
        if tau == T::lzero() {
            continue;
        }
        let v = &h[j * m..(j + 1) * m];
        for c in 0..qc {
            let qcol = &mut q[c * m..(c + 1) * m];
            let mut dotv = qcol[j];
            for i in j + 1..m {
                dotv = dotv + v[i].conj() * qcol[i];
            }
            let f = tau * dotv;
            qcol[j] = qcol[j] - f;
            for i in j + 1..m {
                qcol[i] = qcol[i] - v[i] * f;
            }
        }
    }
    for row in 0..m {
        for c in 0..qc {
            qs.push(q[c * m + row]);
        }
    }
}

/// `np.linalg.cholesky(a, upper)`.
///
/// # Errors
/// `LinAlgError` "Matrix is not positive definite" and the square-stack checks.
pub fn cholesky(a: &NdArray, upper: bool) -> Result<NdArray> {
    check_square(a)?;
    let kind = linalg_kind(a.kind())?;
    dispatch_linalg!(kind, T => cholesky_t::<T>(a, upper))
}

fn cholesky_t<T: LinalgScalar>(a: &NdArray, upper: bool) -> Result<NdArray> {
    crate::stack::sequential_decompositions();
    // Read in place when the layout allows (faer copies the triangle it factors anyway).
    let src = crate::products::faer_operand::<T>(a)?;
    let nd = src.ndim();
    let n = src.shape()[nd - 1];
    let size = std::mem::size_of::<T>() as isize;
    let (rs, cs) = (src.strides()[nd - 2] / size, src.strides()[nd - 1] / size);
    let offsets = crate::products::batch_offsets(&src.shape()[..nd - 2], &src.strides()[..nd - 2]);
    let mut out: Vec<T> = Vec::with_capacity(a.size());
    let not_pd = || linalg_error("Matrix is not positive definite");
    if n == 0 {
        return build(out, a.shape());
    }
    for &off in &offsets {
        // SAFETY: `src` is a native, aligned array of `T` (faer_operand) with
        // whole-element strides; `off` is the byte offset of one n x n matrix inside it
        // (n > 0), described by (rs, cs); `src` outlives the view, which is only read.
        let m =
            unsafe { MatRef::from_raw_parts(src.data_ptr().offset(off) as *const T, n, n, rs, cs) };
        // potrf reads one triangle: the lower one, or for `upper` the upper one, which
        // is the lower triangle of the conjugate transpose.
        let mut emit = |l: MatRef<'_, T>| {
            if upper {
                // R = L^H: each row of R is a conjugated column of the column-major L.
                push_mat_adjoint(l, &mut out);
            } else {
                push_mat(l, &mut out);
            }
        };
        if nonfinite_triangle(m, upper) {
            let lower = |r: usize, c: usize| if upper { m[(c, r)].conj() } else { m[(r, c)] };
            emit(
                cholesky_double(n, lower, upper)
                    .ok_or_else(not_pd)?
                    .as_ref(),
            );
        } else {
            // faer's factor has zeros above the diagonal.
            let side = if upper { Side::Upper } else { Side::Lower };
            emit(m.llt(side).map_err(|_| not_pd())?.L());
        }
    }
    build(out, a.shape())
}

/// [`cholesky_plain`] in double precision (NumPy factors float32 and complex64 input in
/// float64 and complex128), the factor cast back to `T`.
fn cholesky_double<T: LinalgScalar>(
    n: usize,
    src: impl Fn(usize, usize) -> T,
    upper: bool,
) -> Option<Mat<T>> {
    let wide = |z: T| Complex::new(z.re().as_f64(), z.im().as_f64());
    if T::IS_COMPLEX {
        let l = cholesky_plain::<Complex<f64>>(n, |r, c| wide(src(r, c)), upper)?;
        Some(Mat::from_fn(n, n, |r, c| {
            crate::nonfinite::from_double(l[(r, c)])
        }))
    } else {
        let l = cholesky_plain::<f64>(n, |r, c| src(r, c).re().as_f64(), upper)?;
        Some(Mat::from_fn(n, n, |r, c| {
            crate::nonfinite::from_double(l[(r, c)])
        }))
    }
}

/// [`crate::syevd_nf::heevd`] in double precision (NumPy computes float32 and complex64
/// input in float64 and complex128), the results cast back to `T`.
fn heevd_double<T: LinalgScalar>(
    n: usize,
    get: impl Fn(usize, usize) -> T,
    upper: bool,
    vectors: bool,
) -> crate::syevd_nf::Evd<T> {
    use crate::nonfinite::from_double;
    use crate::syevd_nf::{heevd, Evd};
    if std::mem::size_of::<T::R>() == 8 {
        return heevd::<T>(n, get, upper, vectors);
    }
    let cast = |d: Vec<f64>| d.into_iter().map(T::R::of_f64).collect::<Vec<_>>();
    if T::IS_COMPLEX {
        let wide = |r: usize, c: usize| {
            let z = get(r, c);
            Complex::new(z.re().as_f64(), z.im().as_f64())
        };
        match heevd::<Complex<f64>>(n, wide, upper, vectors) {
            Evd::NoConvergence => Evd::NoConvergence,
            Evd::Finite => Evd::Finite,
            Evd::Done(d, z) => Evd::Done(cast(d), z.into_iter().map(from_double).collect()),
        }
    } else {
        match heevd::<f64>(n, |r, c| get(r, c).re().as_f64(), upper, vectors) {
            Evd::NoConvergence => Evd::NoConvergence,
            Evd::Finite => Evd::Finite,
            Evd::Done(d, z) => Evd::Done(cast(d), z.into_iter().map(from_double).collect()),
        }
    }
}

/// OpenBLAS's potrf factors up to this order unblocked (potf2).
const POTF2_MAX: usize = 32;

/// The Cholesky factor of the Hermitian matrix whose lower triangle `src(i, j)` gives, for
/// input holding NaN or infinity, with the semantics of OpenBLAS's potrf (what NumPy
/// runs): plain arithmetic whose only test is a pivot `<= 0` (`None`), so a NaN pivot
/// passes and NaN spreads to every entry that depends on it, as in NumPy. Each column is
/// scaled by the reciprocal of its pivot, as potrf does (through OpenBLAS's scaling
/// kernel, see [`crate::nonfinite::scal_kernel`]).
fn cholesky_plain<T: LinalgScalar>(
    n: usize,
    src: impl Fn(usize, usize) -> T,
    upper: bool,
) -> Option<Mat<T>> {
    let mut l = Mat::<T>::zeros(n, n);
    let one = T::R::of_f64(1.0);
    for j in 0..n {
        let mut d = src(j, j).re();
        for k in 0..j {
            let x = l[(j, k)];
            d = d - (x.re() * x.re() + x.im() * x.im());
            // OpenBLAS's complex dot keeps the cross products (re * im) in the same
            // vectors as the real part: for an entry with an infinite part they cancel
            // to NaN (or meet a zero), and the NaN reaches the pivot.
            if T::IS_COMPLEX && crate::nonfinite::nonfinite(x) {
                d = T::R::of_f64(f64::NAN);
            }
        }
        if d <= T::R::rzero() {
            return None;
        }
        let djj = d.sqrt();
        l[(j, j)] = T::from_real(djj);
        let r = one / djj;
        for i in j + 1..n {
            let mut acc = src(i, j);
            for k in 0..j {
                acc = acc - l[(i, k)] * l[(j, k)].conj();
            }
            // The gemv (potf2) or gemm (blocked potrf) update subtracts with the complex
            // alpha = -1 + 0i multiplied out (a non-finite part spills NaN into the
            // other part).
            let acc = if T::IS_COMPLEX {
                let mut t = T::lzero();
                for k in 0..j {
                    t = t + l[(i, k)] * l[(j, k)].conj();
                }
                crate::nonfinite::minus_kernel(src(i, j), t)
            } else {
                acc
            };
            // OpenBLAS's scaling kernel: a zero factor (an infinite pivot) fills zeros.
            // Otherwise a full complex product by the real factor (its eight-at-a-time
            // vector loop, a strided column of the upper factor, the blocked potrf's
            // triangular solves), except that potf2's contiguous lower columns scale
            // the elements past the last whole group of eight part by part (a NaN real
            // part making the imaginary one NaN).
            let below = n - j - 1;
            let by_parts = !upper && n <= POTF2_MAX && i - j > (below & !7);
            l[(i, j)] = if r == T::R::rzero() {
                T::lzero()
            } else if by_parts {
                crate::nonfinite::scale_parts(acc, r)
            } else {
                acc * T::from_real(r)
            };
        }
    }
    Some(l)
}

/// The result of `lstsq`.
pub struct LstsqOutput {
    /// The solution, (n,) or (n, k).
    pub x: NdArray,
    /// Squared residual norms per column, or empty.
    pub residuals: NdArray,
    /// The effective rank of `a`.
    pub rank: usize,
    /// The singular values of `a`.
    pub s: NdArray,
}

/// Least squares by SVD for one row-major `m x n` matrix and `m x k` right-hand side:
/// returns `(x (n x k), rank, singular values)`.
fn lstsq_core<T: LinalgScalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    rcond: f64,
) -> Result<(Mat<T>, usize, Vec<T::R>)> {
    let (m, n) = (a.nrows(), a.ncols());
    let k = m.min(n);
    let kb = b.ncols();
    if k == 0 {
        return Ok((Mat::zeros(n, kb), 0, Vec::new()));
    }
    if let Some(_bad) = nonfinite(a) {
        return Err(linalg_error("SVD did not converge in Linear Least Squares"));
    }
    let d = a
        .thin_svd()
        .map_err(|_| linalg_error("SVD did not converge in Linear Least Squares"))?;
    let s: Vec<T::R> = (0..k).map(|j| d.S()[j].re()).collect();
    let smax = s.first().copied().unwrap_or_else(T::R::rzero);
    let cutoff = T::R::of_f64(rcond) * smax;
    let rank = s.iter().filter(|&&v| v > cutoff).count();
    // x = V diag(1/s) U^H b over the kept singular values.
    let u = d.U();
    let v = d.V();
    let mut x = Mat::<T>::zeros(n, kb);
    for j in 0..rank {
        let inv = T::from_real(T::R::of_f64(1.0) / s[j]);
        for c in 0..kb {
            let mut acc = T::lzero();
            for r in 0..m {
                acc = acc + u[(r, j)].conj() * b[(r, c)];
            }
            let coef = acc * inv;
            for r in 0..n {
                x[(r, c)] = x[(r, c)] + v[(r, j)] * coef;
            }
        }
    }
    Ok((x, rank, s))
}

/// Least squares for the polynomial fitters: `a` is row-major `m x n`, `b` row-major
/// `m x k`. Returns `(x row-major n x k, residuals (k or empty), rank, singular values)`.
///
/// # Errors
/// `ValueError` for inconsistent lengths, `LinAlgError` on non-convergence.
pub fn lstsq_f64(
    a: &[f64],
    m: usize,
    n: usize,
    b: &[f64],
    k: usize,
    rcond: Option<f64>,
) -> Result<(Vec<f64>, Vec<f64>, usize, Vec<f64>)> {
    lstsq_rows(a, m, n, b, k, rcond)
}

/// [`lstsq_f64`] for complex128 `a` and `b` (NumPy's `zgelsd` path): residuals and
/// singular values are real.
///
/// # Errors
/// `ValueError` for inconsistent lengths, `LinAlgError` on non-convergence.
pub fn lstsq_c128(
    a: &[Complex<f64>],
    m: usize,
    n: usize,
    b: &[Complex<f64>],
    k: usize,
    rcond: Option<f64>,
) -> Result<(Vec<Complex<f64>>, Vec<f64>, usize, Vec<f64>)> {
    lstsq_rows(a, m, n, b, k, rcond)
}

fn lstsq_rows<T: LinalgScalar<R = f64>>(
    a: &[T],
    m: usize,
    n: usize,
    b: &[T],
    k: usize,
    rcond: Option<f64>,
) -> Result<(Vec<T>, Vec<f64>, usize, Vec<f64>)> {
    if a.len() != m * n || b.len() != m * k {
        return Err(Error::value("lstsq: inconsistent lengths"));
    }
    crate::stack::sequential_decompositions();
    let am = MatRef::from_row_major_slice(a, m, n);
    let bm = MatRef::from_row_major_slice(b, m, k);
    let rcond = rcond.unwrap_or(f64::EPSILON * m.max(n) as f64);
    let (x, rank, s) = lstsq_core(am, bm, rcond)?;
    let mut xv = Vec::with_capacity(n * k);
    push_mat(x.as_ref(), &mut xv);
    let resid = residuals(am, bm, x.as_ref(), rank);
    Ok((xv, resid, rank, s))
}

fn residuals<T: LinalgScalar>(
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    x: MatRef<'_, T>,
    rank: usize,
) -> Vec<T::R> {
    let (m, n) = (a.nrows(), a.ncols());
    if rank != n || m <= n {
        return Vec::new();
    }
    let r = b - a * x;
    (0..r.ncols())
        .map(|c| {
            (0..m)
                .map(|i| {
                    let z = r[(i, c)];
                    z.re() * z.re() + z.im() * z.im()
                })
                .fold(T::R::rzero(), |p, q| p + q)
        })
        .collect()
}

/// `np.linalg.lstsq(a, b, rcond)`: computed in double precision as NumPy does, results
/// cast back to the inputs' type.
///
/// # Errors
/// `LinAlgError` "Incompatible dimensions" and the 2-D checks.
pub fn lstsq(a: &NdArray, b: &NdArray, rcond: Option<f64>) -> Result<LstsqOutput> {
    if a.ndim() != 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    let vector = b.ndim() == 1;
    if b.ndim() != 1 && b.ndim() != 2 {
        return Err(linalg_error(&format!(
            "{}-dimensional array given. Array must be two-dimensional",
            b.ndim()
        )));
    }
    let (m, n) = (a.shape()[0], a.shape()[1]);
    if b.shape()[0] != m {
        return Err(linalg_error("Incompatible dimensions"));
    }
    let result = promote_kinds(linalg_kind(a.kind())?, linalg_kind(b.kind())?);
    let compute = complex_or_double(result);
    let rcond = rcond.unwrap_or(f64::EPSILON * m.max(n) as f64);
    let b2 = if vector {
        b.expand_dims(&[-1])?
    } else {
        b.clone()
    };
    let out = dispatch_linalg!(compute, T => lstsq_t::<T>(a, &b2, rcond))?;
    let (x, resid, rank, s) = out;
    let real = crate::scalar::real_kind(result);
    let dt = |k: DTypeKind| numoxide_core::DType::new(k);
    let x = x.astype(dt(result), numoxide_core::Order::C)?;
    let x = if vector { x.squeeze(Some(&[-1]))? } else { x };
    Ok(LstsqOutput {
        x,
        residuals: resid.astype(dt(real), numoxide_core::Order::C)?,
        rank,
        s: s.astype(dt(real), numoxide_core::Order::C)?,
    })
}

fn lstsq_t<T: LinalgScalar>(
    a: &NdArray,
    b: &NdArray,
    rcond: f64,
) -> Result<(NdArray, NdArray, usize, NdArray)> {
    let sa = Stack::<T>::load(a);
    let sb = Stack::<T>::load(b);
    let (n, k) = (sa.n, sb.n);
    let (x, rank, s) = lstsq_core(sa.mat(0), sb.mat(0), rcond)?;
    let resid = residuals(sa.mat(0), sb.mat(0), x.as_ref(), rank);
    let mut xv = Vec::with_capacity(n * k);
    push_mat(x.as_ref(), &mut xv);
    let nres = resid.len();
    let ns = s.len();
    Ok((
        build(xv, &[n, k])?,
        NdArray::from_vec(resid, &[nres])?,
        rank,
        NdArray::from_vec(s, &[ns])?,
    ))
}

fn complex_or_double(kind: DTypeKind) -> DTypeKind {
    match kind {
        DTypeKind::Complex64 | DTypeKind::Complex128 => DTypeKind::Complex128,
        _ => DTypeKind::Float64,
    }
}

/// `np.linalg.pinv(a, rcond)` (`rcond` relative to the largest singular value).
///
/// # Errors
/// `LinAlgError` "SVD did not converge" and the 2-D checks.
pub fn pinv(a: &NdArray, rcond: f64, hermitian: bool) -> Result<NdArray> {
    if a.ndim() == 1 && a.size() == 0 {
        // NumPy's pinv unpacks `a.shape[-2:]` for an empty input before any check.
        return Err(Error::value(
            "not enough values to unpack (expected 2, got 1)",
        ));
    }
    check_2d(a)?;
    let kind = linalg_kind(a.kind())?;
    let nd = a.ndim();
    let (m, n) = (a.shape()[nd - 2], a.shape()[nd - 1]);
    let batch = &a.shape()[..nd - 2];
    if m == 0 || n == 0 {
        return NdArray::zeros(
            &with_tail(batch, &[n, m]),
            numoxide_core::DType::new(kind),
            numoxide_core::Order::C,
        );
    }
    // Single precision is computed in double and rounded: faer's float32 SVD resolves
    // singular values only to ~eps32 * smax, so an exactly rank-deficient float32 matrix
    // would keep its "zero" singular values (~1e-7 * smax) above NumPy's 1e-15 cutoff
    // and get them inverted, where LAPACK's sgesdd returns ~1e-16 and drops them.
    if matches!(kind, DTypeKind::Float32 | DTypeKind::Complex64) {
        let wide = if kind == DTypeKind::Float32 {
            DTypeKind::Float64
        } else {
            DTypeKind::Complex128
        };
        let a64 = a.astype(numoxide_core::DType::new(wide), numoxide_core::Order::C)?;
        return pinv(&a64, rcond, hermitian)?
            .astype(numoxide_core::DType::new(kind), numoxide_core::Order::C);
    }
    let d = svd(a, false, true, hermitian)?;
    let (Some(u), Some(vh)) = (d.u, d.vh) else {
        return Err(Error::value("pinv: svd returned no factors"));
    };
    dispatch_linalg!(kind, T => pinv_t::<T>(&u, &vh, &d.s, rcond, (m, n), batch))
}

fn pinv_t<T: LinalgScalar>(
    u: &NdArray,
    vh: &NdArray,
    s: &NdArray,
    rcond: f64,
    (m, n): (usize, usize),
    batch: &[usize],
) -> Result<NdArray> {
    let k = m.min(n);
    let us = Stack::<T>::load(u);
    let vs = Stack::<T>::load(vh);
    let sv = s.to_vec::<T::R>();
    let mut out: Vec<T> = Vec::with_capacity(us.count() * m * n);
    for t in 0..us.count() {
        let s = &sv[t * k..(t + 1) * k];
        let smax = s
            .iter()
            .copied()
            .fold(T::R::rzero(), |p, q| if q > p { q } else { p });
        let cutoff = T::R::of_f64(rcond) * smax;
        let (uu, vv) = (us.mat(t), vs.mat(t));
        // pinv = Vh^H diag(1/s) U^H, shape (n, m).
        let mut p = Mat::<T>::zeros(n, m);
        for j in 0..k {
            if !(s[j] > cutoff) {
                continue;
            }
            let inv = T::from_real(T::R::of_f64(1.0) / s[j]);
            for r in 0..n {
                let vr = vv[(j, r)].conj() * inv;
                for c in 0..m {
                    p[(r, c)] = p[(r, c)] + vr * uu[(c, j)].conj();
                }
            }
        }
        push_mat(p.as_ref(), &mut out);
    }
    build(out, &with_tail(batch, &[n, m]))
}

/// `np.linalg.matrix_rank(A, tol, hermitian, rtol)` as an int64 array of the batch shape.
///
/// # Errors
/// As [`svd`].
pub fn matrix_rank(
    a: &NdArray,
    tol: Option<f64>,
    hermitian: bool,
    rtol: Option<f64>,
) -> Result<NdArray> {
    if a.ndim() < 2 {
        let kind = linalg_kind(a.kind()).unwrap_or(DTypeKind::Float64);
        let any = dispatch_linalg!(kind, T => any_nonzero::<T>(a));
        return NdArray::from_vec(vec![any as i64], &[]);
    }
    let d = svd(a, false, false, hermitian)?;
    let nd = a.ndim();
    let (m, n) = (a.shape()[nd - 2], a.shape()[nd - 1]);
    let k = m.min(n);
    let eps = if matches!(d.s.kind(), DTypeKind::Float32) {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let sv = d.s.to_vec::<f64>();
    let count: usize = a.shape()[..nd - 2].iter().product();
    let mut ranks = Vec::with_capacity(count);
    for t in 0..count {
        let s = if k == 0 {
            &[][..]
        } else {
            &sv[t * k..(t + 1) * k]
        };
        let smax = s.iter().copied().fold(0.0f64, f64::max);
        let tol = match tol {
            Some(t) => t,
            None => smax * rtol.unwrap_or(m.max(n) as f64 * eps),
        };
        ranks.push(s.iter().filter(|&&v| v > tol).count() as i64);
    }
    NdArray::from_vec(ranks, &a.shape()[..nd - 2])
}

fn any_nonzero<T: LinalgScalar>(a: &NdArray) -> bool {
    a.to_vec::<T>().iter().any(|&z| z != T::lzero())
}
