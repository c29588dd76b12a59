//! Blocked reduction of a real matrix to upper bidiagonal form (the scheme of LAPACK's
//! gebrd / labrd), used by `svd` without vectors.
//!
//! `A = Q B P^T` by alternating Householder reflections from the left (zeroing a column
//! below the diagonal) and from the right (zeroing a row right of the superdiagonal).
//! Applied one at a time, every reflection rewrites the whole trailing matrix (three
//! passes over it per column in faer's fused form). Here a panel of `nb` columns is
//! reduced while the trailing matrix stays untouched: the pending updates are carried as
//! `A - V Y^T - X U^T` (`V`, `U` the reflectors, `X`, `Y` built alongside), so each
//! column costs two read-only matrix-vector products, and the trailing matrix is then
//! updated at once with two matrix products.
//!
//! The reflectors follow LAPACK's convention: an all-zero part to annihilate gives the
//! identity (no sign flip, no rounding), so a matrix that is already bidiagonal comes
//! through unchanged, and dqds can then give its singular values to high relative
//! accuracy, as NumPy's do.

use crate::scalar::LinalgReal;
use crate::tridiag_dc::hypot;
use faer::linalg::matmul::matmul;
use faer::prelude::{Reborrow, ReborrowMut};
use faer::{Accum, Mat, MatMut, MatRef, Par};

/// Columns per panel.
const NB: usize = 32;

/// The diagonal `d` (n entries) and superdiagonal `e` (n - 1) of an upper bidiagonal
/// form of the `m x n` matrix `a` (`m >= n >= 1`), which is overwritten. `None` when a
/// value is not finite (the caller then takes another path).
pub(crate) fn bidiagonal<R: LinalgReal>(a: &mut Mat<R>) -> Option<(Vec<R>, Vec<R>)> {
    let (m, n) = (a.nrows(), a.ncols());
    if n == 0 || m < n {
        return None;
    }
    let mut d = vec![R::rzero(); n];
    let mut e = vec![R::rzero(); n - 1];
    let wide = NB.min(n) * 2;
    let mut x = Mat::<R>::zeros(m, wide);
    let mut y = Mat::<R>::zeros(n, wide);
    let mut p = 0;
    while p < n {
        let rest = n - p;
        // The last block (up to two panels) is reduced without a trailing update.
        let b = if rest > 2 * NB { NB } else { rest };
        panel(a.as_mut(), p, b, x.as_mut(), y.as_mut(), &mut d, &mut e)?;
        let p2 = p + b;
        if p2 < n {
            let (mm, nn) = (m - p2, n - p2);
            let (left, right) = a.as_mut().split_at_col_mut(p2);
            let (top, bottom) = right.split_at_row_mut(p2);
            let mut bottom = bottom;
            matmul(
                bottom.rb_mut(),
                Accum::Add,
                left.rb().submatrix(p2, p, mm, b),
                y.as_ref().submatrix(p2, 0, nn, b).transpose(),
                -R::lone(),
                Par::Seq,
            );
            matmul(
                bottom.rb_mut(),
                Accum::Add,
                x.as_ref().submatrix(p2, 0, mm, b),
                top.rb().submatrix(p, 0, b, nn),
                -R::lone(),
                Par::Seq,
            );
        }
        p = p2;
    }
    if d.iter().chain(&e).any(|v| !v.as_f64().is_finite()) {
        return None;
    }
    Some((d, e))
}

/// Reduces the `b` columns and rows from `p` on, leaving the trailing matrix to the
/// caller: `x` (`m x b`) and `y` (`n x b`) receive the update factors, and the unit
/// leading entries of the reflectors are left in place (the update needs them).
fn panel<R: LinalgReal>(
    mut a: MatMut<'_, R>,
    p: usize,
    b: usize,
    mut x: MatMut<'_, R>,
    mut y: MatMut<'_, R>,
    d: &mut [R],
    e: &mut [R],
) -> Option<()> {
    let (m, n) = (a.nrows(), a.ncols());
    let one = R::lone();
    let zero = R::rzero();
    let mut t = vec![zero; b + 1];
    // Work vectors, sized for the panel's first column and reused.
    let mut vb = vec![zero; m];
    let mut g1b = vec![zero; n];
    let mut g2b = vec![zero; n];
    let mut ycb = vec![zero; n];
    let mut ub = vec![zero; n];
    let mut accb = vec![zero; m];
    let mut xcb = vec![zero; m];
    let mut small = vec![zero; 3 * (b + 1)];
    for j in 0..b {
        let c = p + j;
        let mc = m - c;
        // Column c with the panel's pending updates.
        let v = &mut vb[..mc];
        for (k, z) in v.iter_mut().enumerate() {
            *z = a[(c + k, c)];
        }
        if j > 0 {
            let (yrow, ucol) = small[..2 * j].split_at_mut(j);
            for k in 0..j {
                yrow[k] = -y[(c, k)];
                ucol[k] = -a[(p + k, c)];
            }
            gemv_n(a.rb().submatrix(c, p, mc, j), yrow, v);
            gemv_n(x.rb().submatrix(c, 0, mc, j), ucol, v);
        }
        // The left reflector.
        let (beta, tauq) = reflector(v[0], &mut v[1..])?;
        v[0] = one;
        for (k, &z) in v.iter().enumerate() {
            a[(c + k, c)] = z;
        }
        d[c] = beta;
        if c + 1 == n {
            break;
        }
        let nc = n - c - 1;
        // One pass over the trailing columns computes, column by column (the "BLAS 2.5"
        // fusion of Howell et al.): y_j = tauq (A - V Y^T - X U^T)^T v, the updated row
        // c (r), and A r (for x_j below) while each column is in cache.
        let mr = m - c - 1;
        // The panel's corrections, which need only v: g1 for y_j, g2 for r.
        let v = &vb[..mc];
        let g1 = &mut g1b[..nc];
        g1.fill(zero);
        let g2 = &mut g2b[..nc];
        for (k, z) in g2.iter_mut().enumerate() {
            *z = a[(c, c + 1 + k)];
        }
        let (w, xr) = small[..2 * j].split_at_mut(j);
        for k in 0..j {
            w[k] = -a[(c, p + k)];
            xr[k] = x[(c, k)];
        }
        gemv_n(y.rb().submatrix(c + 1, 0, nc, j), w, g2);
        if j > 0 {
            gemv_t(a.rb().submatrix(c, p, mc, j), v, &mut t[..j], -one, false);
            gemv_n(y.rb().submatrix(c + 1, 0, nc, j), &t[..j], g1);
            gemv_t(x.rb().submatrix(c, 0, mc, j), v, &mut t[..j], one, false);
            gemv_t(a.rb().submatrix(p, c + 1, j, nc), &t[..j], g1, -one, true);
            gemv_t(a.rb().submatrix(p, c + 1, j, nc), xr, g2, -one, true);
        }
        let yc = &mut ycb[..nc];
        let u = &mut ub[..nc];
        let ar_acc = &mut accb[..mr];
        ar_acc.fill(zero);
        fused_pass(
            a.rb().submatrix(c, c + 1, mc, nc),
            v,
            tauq,
            g1,
            g2,
            yc,
            u,
            ar_acc,
        );
        for (k, &z) in yc.iter().enumerate() {
            y[(c + 1 + k, j)] = z;
        }
        // The right reflector.
        let alpha = u[0];
        let (beta, taup) = reflector(alpha, &mut u[1..])?;
        u[0] = one;
        for (k, &z) in u.iter().enumerate() {
            a[(c, c + 1 + k)] = z;
        }
        e[c] = beta;
        if taup == zero {
            // The identity: no update from this row.
            for i in c + 1..m {
                x[(i, j)] = zero;
            }
            continue;
        }
        // x_j = taup (A - V Y^T - X U^T) u over the trailing rows, with
        // u = s (r - alpha e_1) + e_1, s = 1 / (alpha - beta): A u = s A r - beta s A e_1.
        let sc = one / (alpha - beta);
        let first = a.rb().col(c + 1);
        let xc = &mut xcb[..mr];
        for (i, z) in xc.iter_mut().enumerate() {
            *z = sc * ar_acc[i] - (beta * sc) * first[c + 1 + i];
        }
        gemv_t(
            y.rb().submatrix(c + 1, 0, nc, j + 1),
            u,
            &mut t[..=j],
            -one,
            false,
        );
        gemv_n(a.rb().submatrix(c + 1, p, mr, j + 1), &t[..=j], xc);
        if j > 0 {
            t[..j].fill(zero);
            gemv_n(a.rb().submatrix(p, c + 1, j, nc), u, &mut t[..j]);
            for z in t[..j].iter_mut() {
                *z = -*z;
            }
            gemv_n(x.rb().submatrix(c + 1, 0, mr, j), &t[..j], xc);
        }
        for (k, z) in xc.iter().enumerate() {
            x[(c + 1 + k, j)] = *z * taup;
        }
    }
    Some(())
}

/// The fused pass over the trailing block `t` (rows c.., columns c + 1..): for each
/// column k, `y[k] = tauq (t[:, k] . v + g1[k])`, `r[k] = g2[k] - y[k]`, and
/// `acc += t[1.., k] r[k]`.
#[allow(clippy::too_many_arguments)]
fn fused_pass<R: LinalgReal>(
    t: MatRef<'_, R>,
    v: &[R],
    tauq: R,
    g1: &[R],
    g2: &[R],
    y: &mut [R],
    r: &mut [R],
    acc: &mut [R],
) {
    let (mc, nc) = (t.nrows(), t.ncols());
    let v = &v[..mc];
    let col = |k: usize| t.col(k).try_as_col_major().map(|c| c.as_slice());
    let mut k = 0;
    while k < nc {
        let group = if k + 4 <= nc {
            (col(k), col(k + 1), col(k + 2), col(k + 3))
        } else {
            (None, None, None, None)
        };
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) = group {
            let cs = [&c0[..mc], &c1[..mc], &c2[..mc], &c3[..mc]];
            let s = dot4(cs, v);
            let mut rk = [R::rzero(); 4];
            for l in 0..4 {
                y[k + l] = tauq * (s[l] + g1[k + l]);
                r[k + l] = g2[k + l] - y[k + l];
                rk[l] = r[k + l];
            }
            axpy4(
                acc,
                [&cs[0][1..], &cs[1][1..], &cs[2][1..], &cs[3][1..]],
                rk,
            );
            k += 4;
        } else {
            let s = match col(k) {
                Some(c) => dot(&c[..mc], v),
                None => (0..mc).fold(R::rzero(), |s, i| s + t[(i, k)] * v[i]),
            };
            y[k] = tauq * (s + g1[k]);
            r[k] = g2[k] - y[k];
            for (i, o) in acc.iter_mut().enumerate() {
                *o = *o + t[(i + 1, k)] * r[k];
            }
            k += 1;
        }
    }
}

/// `out[j] = alpha * sum_i a[(i, j)] v[i]`, added to `out[j]` with `accumulate`.
fn gemv_t<R: LinalgReal>(a: MatRef<'_, R>, v: &[R], out: &mut [R], alpha: R, accumulate: bool) {
    gemv_t_body(a, v, out, alpha, accumulate);
}

#[inline(always)]
fn gemv_t_body<R: LinalgReal>(a: MatRef<'_, R>, v: &[R], out: &mut [R], alpha: R, acc: bool) {
    let (m, n) = (a.nrows(), a.ncols().min(out.len()));
    let v = &v[..m];
    let col = |j: usize| a.col(j).try_as_col_major().map(|c| c.as_slice());
    let mut put = |j: usize, s: R| {
        out[j] = if acc { out[j] + alpha * s } else { alpha * s };
    };
    let mut j = 0;
    while j + 4 <= n {
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) =
            (col(j), col(j + 1), col(j + 2), col(j + 3))
        {
            let s = dot4([&c0[..m], &c1[..m], &c2[..m], &c3[..m]], v);
            for (l, &x) in s.iter().enumerate() {
                put(j + l, x);
            }
            j += 4;
            continue;
        }
        break;
    }
    for k in j..n {
        let s = match col(k) {
            Some(c) => dot(c, v),
            None => (0..m).fold(R::rzero(), |s, i| s + a[(i, k)] * v[i]),
        };
        put(k, s);
    }
}

/// The dot products of four columns with `y` (all of one length).
#[inline(always)]
fn dot4<R: LinalgReal>(c: [&[R]; 4], y: &[R]) -> [R; 4] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        if let (Some(c0), Some(c1), Some(c2), Some(c3), Some(ys)) = (
            as_f64(c[0]),
            as_f64(c[1]),
            as_f64(c[2]),
            as_f64(c[3]),
            as_f64(y),
        ) {
            // SAFETY: AVX-512F is available (checked just above).
            let r = unsafe { simd::dot4_f64([c0, c1, c2, c3], ys) };
            return r.map(R::of_f64);
        }
        if let (Some(c0), Some(c1), Some(c2), Some(c3), Some(ys)) = (
            as_f32(c[0]),
            as_f32(c[1]),
            as_f32(c[2]),
            as_f32(c[3]),
            as_f32(y),
        ) {
            // SAFETY: AVX-512F is available (checked just above).
            let r = unsafe { simd::dot4_f32([c0, c1, c2, c3], ys) };
            return r.map(|x| R::of_f64(x as f64));
        }
    }
    c.map(|col| dot(col, y))
}

/// The dot product (AVX-512 kernels for f64 and f32 when the CPU has them).
#[inline(always)]
fn dot<R: LinalgReal>(x: &[R], y: &[R]) -> R {
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &y[..n]);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        if let (Some(xs), Some(ys)) = (as_f64(x), as_f64(y)) {
            // SAFETY: AVX-512F is available (checked just above).
            let r = unsafe { simd::dot_f64(xs, ys) };
            return R::of_f64(r);
        }
        if let (Some(xs), Some(ys)) = (as_f32(x), as_f32(y)) {
            // SAFETY: AVX-512F is available (checked just above).
            let r = unsafe { simd::dot_f32(xs, ys) };
            return R::of_f64(r as f64);
        }
    }
    let mut acc = [R::rzero(); 4];
    let whole = n / 4 * 4;
    for (cx, cy) in x[..whole].chunks_exact(4).zip(y[..whole].chunks_exact(4)) {
        for l in 0..4 {
            acc[l] = acc[l] + cx[l] * cy[l];
        }
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for (&p, &q) in x[whole..].iter().zip(&y[whole..]) {
        s = s + p * q;
    }
    s
}

/// `x` as `&[f64]` when `R` is f64.
fn as_f64<R: LinalgReal>(x: &[R]) -> Option<&[f64]> {
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f64>()).then(|| {
        // SAFETY: R is f64 (same TypeId), so the slice is a slice of f64.
        unsafe { std::slice::from_raw_parts(x.as_ptr().cast::<f64>(), x.len()) }
    })
}

/// `x` as `&[f32]` when `R` is f32.
fn as_f32<R: LinalgReal>(x: &[R]) -> Option<&[f32]> {
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f32>()).then(|| {
        // SAFETY: R is f32 (same TypeId), so the slice is a slice of f32.
        unsafe { std::slice::from_raw_parts(x.as_ptr().cast::<f32>(), x.len()) }
    })
}

/// `x` as `&mut [f64]` when `R` is f64.
fn as_f64_mut<R: LinalgReal>(x: &mut [R]) -> Option<&mut [f64]> {
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f64>()).then(|| {
        // SAFETY: R is f64 (same TypeId), so the slice is a slice of f64; the borrow is
        // handed over.
        unsafe { std::slice::from_raw_parts_mut(x.as_mut_ptr().cast::<f64>(), x.len()) }
    })
}

/// `x` as `&mut [f32]` when `R` is f32.
fn as_f32_mut<R: LinalgReal>(x: &mut [R]) -> Option<&mut [f32]> {
    (std::any::TypeId::of::<R>() == std::any::TypeId::of::<f32>()).then(|| {
        // SAFETY: R is f32 (same TypeId), so the slice is a slice of f32; the borrow is
        // handed over.
        unsafe { std::slice::from_raw_parts_mut(x.as_mut_ptr().cast::<f32>(), x.len()) }
    })
}

/// `out += c0 u0 + c1 u1 + c2 u2 + c3 u3` (all of one length).
#[inline(always)]
fn axpy4<R: LinalgReal>(out: &mut [R], c: [&[R]; 4], u: [R; 4]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx512f") {
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) =
            (as_f64(c[0]), as_f64(c[1]), as_f64(c[2]), as_f64(c[3]))
        {
            let uu = u.map(|v| v.as_f64());
            if let Some(o) = as_f64_mut(out) {
                // SAFETY: AVX-512F is available (checked just above).
                unsafe { simd::axpy4_f64(o, [c0, c1, c2, c3], uu) };
                return;
            }
        }
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) =
            (as_f32(c[0]), as_f32(c[1]), as_f32(c[2]), as_f32(c[3]))
        {
            let uu = u.map(|v| v.as_f64() as f32);
            if let Some(o) = as_f32_mut(out) {
                // SAFETY: AVX-512F is available (checked just above).
                unsafe { simd::axpy4_f32(o, [c0, c1, c2, c3], uu) };
                return;
            }
        }
    }
    for ((((o, &x0), &x1), &x2), &x3) in out.iter_mut().zip(c[0]).zip(c[1]).zip(c[2]).zip(c[3]) {
        *o = *o + ((x0 * u[0] + x1 * u[1]) + (x2 * u[2] + x3 * u[3]));
    }
}

/// AVX-512 kernels of the matrix-vector products.
#[cfg(target_arch = "x86_64")]
mod simd {
    use std::arch::x86_64::*;

    /// The dot product of two equally long slices.
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn dot_f64(x: &[f64], y: &[f64]) -> f64 {
        let n = x.len().min(y.len());
        let mut acc = [_mm512_setzero_pd(); 4];
        let mut i = 0;
        while i + 32 <= n {
            for (l, a) in acc.iter_mut().enumerate() {
                // SAFETY: i + 8 l + 8 <= n, in bounds of both slices (unaligned loads).
                let (p, q) = unsafe {
                    (
                        _mm512_loadu_pd(x.as_ptr().add(i + 8 * l)),
                        _mm512_loadu_pd(y.as_ptr().add(i + 8 * l)),
                    )
                };
                *a = _mm512_fmadd_pd(p, q, *a);
            }
            i += 32;
        }
        while i + 8 <= n {
            // SAFETY: i + 8 <= n, in bounds of both slices.
            let (p, q) = unsafe {
                (
                    _mm512_loadu_pd(x.as_ptr().add(i)),
                    _mm512_loadu_pd(y.as_ptr().add(i)),
                )
            };
            acc[0] = _mm512_fmadd_pd(p, q, acc[0]);
            i += 8;
        }
        let s = _mm512_add_pd(_mm512_add_pd(acc[0], acc[1]), _mm512_add_pd(acc[2], acc[3]));
        let mut r = _mm512_reduce_add_pd(s);
        while i < n {
            r += x[i] * y[i];
            i += 1;
        }
        r
    }

    /// The dot product of two equally long slices.
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn dot_f32(x: &[f32], y: &[f32]) -> f32 {
        let n = x.len().min(y.len());
        let mut acc = [_mm512_setzero_ps(); 4];
        let mut i = 0;
        while i + 64 <= n {
            for (l, a) in acc.iter_mut().enumerate() {
                // SAFETY: i + 16 l + 16 <= n, in bounds of both slices (unaligned loads).
                let (p, q) = unsafe {
                    (
                        _mm512_loadu_ps(x.as_ptr().add(i + 16 * l)),
                        _mm512_loadu_ps(y.as_ptr().add(i + 16 * l)),
                    )
                };
                *a = _mm512_fmadd_ps(p, q, *a);
            }
            i += 64;
        }
        while i + 16 <= n {
            // SAFETY: i + 16 <= n, in bounds of both slices.
            let (p, q) = unsafe {
                (
                    _mm512_loadu_ps(x.as_ptr().add(i)),
                    _mm512_loadu_ps(y.as_ptr().add(i)),
                )
            };
            acc[0] = _mm512_fmadd_ps(p, q, acc[0]);
            i += 16;
        }
        let s = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
        let mut r = _mm512_reduce_add_ps(s);
        while i < n {
            r += x[i] * y[i];
            i += 1;
        }
        r
    }

    /// The dot products of four columns with `y`.
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn dot4_f64(c: [&[f64]; 4], y: &[f64]) -> [f64; 4] {
        let n = c.iter().fold(y.len(), |k, s| k.min(s.len()));
        let mut acc = [_mm512_setzero_pd(); 4];
        let mut i = 0;
        while i + 8 <= n {
            // SAFETY: i + 8 <= n, in bounds of `y` and of every column.
            unsafe {
                let q = _mm512_loadu_pd(y.as_ptr().add(i));
                for l in 0..4 {
                    acc[l] = _mm512_fmadd_pd(_mm512_loadu_pd(c[l].as_ptr().add(i)), q, acc[l]);
                }
            }
            i += 8;
        }
        let mut r = acc.map(|a| _mm512_reduce_add_pd(a));
        while i < n {
            for l in 0..4 {
                r[l] += c[l][i] * y[i];
            }
            i += 1;
        }
        r
    }

    /// The dot products of four columns with `y`.
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn dot4_f32(c: [&[f32]; 4], y: &[f32]) -> [f32; 4] {
        let n = c.iter().fold(y.len(), |k, s| k.min(s.len()));
        let mut acc = [_mm512_setzero_ps(); 4];
        let mut i = 0;
        while i + 16 <= n {
            // SAFETY: i + 16 <= n, in bounds of `y` and of every column.
            unsafe {
                let q = _mm512_loadu_ps(y.as_ptr().add(i));
                for l in 0..4 {
                    acc[l] = _mm512_fmadd_ps(_mm512_loadu_ps(c[l].as_ptr().add(i)), q, acc[l]);
                }
            }
            i += 16;
        }
        let mut r = acc.map(|a| _mm512_reduce_add_ps(a));
        while i < n {
            for l in 0..4 {
                r[l] += c[l][i] * y[i];
            }
            i += 1;
        }
        r
    }

    /// `out += sum_l c[l] u[l]` (the four columns at least as long as `out`).
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn axpy4_f64(out: &mut [f64], c: [&[f64]; 4], u: [f64; 4]) {
        let n = c.iter().fold(out.len(), |k, s| k.min(s.len()));
        let uv = u.map(|v| _mm512_set1_pd(v));
        let mut i = 0;
        while i + 8 <= n {
            // SAFETY: i + 8 <= n, in bounds of `out` and of every column.
            unsafe {
                let mut o = _mm512_loadu_pd(out.as_ptr().add(i));
                for l in 0..4 {
                    o = _mm512_fmadd_pd(_mm512_loadu_pd(c[l].as_ptr().add(i)), uv[l], o);
                }
                _mm512_storeu_pd(out.as_mut_ptr().add(i), o);
            }
            i += 8;
        }
        while i < n {
            out[i] += (c[0][i] * u[0] + c[1][i] * u[1]) + (c[2][i] * u[2] + c[3][i] * u[3]);
            i += 1;
        }
    }

    /// `out += sum_l c[l] u[l]` (the four columns at least as long as `out`).
    ///
    /// # Safety
    /// The CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    pub(super) unsafe fn axpy4_f32(out: &mut [f32], c: [&[f32]; 4], u: [f32; 4]) {
        let n = c.iter().fold(out.len(), |k, s| k.min(s.len()));
        let uv = u.map(|v| _mm512_set1_ps(v));
        let mut i = 0;
        while i + 16 <= n {
            // SAFETY: i + 16 <= n, in bounds of `out` and of every column.
            unsafe {
                let mut o = _mm512_loadu_ps(out.as_ptr().add(i));
                for l in 0..4 {
                    o = _mm512_fmadd_ps(_mm512_loadu_ps(c[l].as_ptr().add(i)), uv[l], o);
                }
                _mm512_storeu_ps(out.as_mut_ptr().add(i), o);
            }
            i += 16;
        }
        while i < n {
            out[i] += (c[0][i] * u[0] + c[1][i] * u[1]) + (c[2][i] * u[2] + c[3][i] * u[3]);
            i += 1;
        }
    }
}

/// `out[i] += sum_j a[(i, j)] u[j]`.
fn gemv_n<R: LinalgReal>(a: MatRef<'_, R>, u: &[R], out: &mut [R]) {
    gemv_n_body(a, u, out);
}

#[inline(always)]
fn gemv_n_body<R: LinalgReal>(a: MatRef<'_, R>, u: &[R], out: &mut [R]) {
    let (m, n) = (a.nrows(), a.ncols());
    let out = &mut out[..m];
    let col = |j: usize| a.col(j).try_as_col_major().map(|c| c.as_slice());
    let mut j = 0;
    while j + 4 <= n {
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) =
            (col(j), col(j + 1), col(j + 2), col(j + 3))
        {
            axpy4(
                out,
                [&c0[..m], &c1[..m], &c2[..m], &c3[..m]],
                [u[j], u[j + 1], u[j + 2], u[j + 3]],
            );
        } else {
            for k in j..j + 4 {
                for (i, o) in out.iter_mut().enumerate() {
                    *o = *o + a[(i, k)] * u[k];
                }
            }
        }
        j += 4;
    }
    for k in j..n {
        match col(k) {
            Some(c) => {
                let uk = u[k];
                for (o, &z) in out.iter_mut().zip(c) {
                    *o = *o + z * uk;
                }
            }
            None => {
                for (i, o) in out.iter_mut().enumerate() {
                    *o = *o + a[(i, k)] * u[k];
                }
            }
        }
    }
}

/// The Householder reflection `H = I - tau [1; v] [1; v]^T` with
/// `H [alpha; x] = [beta; 0]`: returns `(beta, tau)` and leaves `v` in `x`. A zero `x`
/// gives `tau = 0` and `beta = alpha` (the identity). `None` when a value is not finite.
fn reflector<R: LinalgReal>(alpha: R, x: &mut [R]) -> Option<(R, R)> {
    let mut big = R::rzero();
    for &v in x.iter() {
        if v.fabs() > big {
            big = v.fabs();
        }
    }
    if big == R::rzero() {
        return Some((alpha, R::rzero()));
    }
    // The norm through the largest modulus, so that neither tiny nor huge entries
    // underflow or overflow when squared.
    let mut ss = R::rzero();
    for &v in x.iter() {
        let r = v / big;
        ss = ss + r * r;
    }
    let xnorm = big * ss.sqrt();
    let h = hypot(alpha, xnorm);
    let beta = if alpha >= R::rzero() { -h } else { h };
    let tau = (beta - alpha) / beta;
    let scale = R::lone() / (alpha - beta);
    if !(scale.as_f64().is_finite() && tau.as_f64().is_finite()) {
        return None;
    }
    for v in x.iter_mut() {
        *v = *v * scale;
    }
    Some((beta, tau))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_lcg as lcg;

    #[test]
    fn same_singular_values() {
        let mut seed = 1u64;
        for (m, n) in [
            (1usize, 1usize),
            (2, 2),
            (5, 3),
            (40, 40),
            (70, 65),
            (150, 100),
            (200, 200),
        ] {
            let a = Mat::<f64>::from_fn(m, n, |_, _| lcg(&mut seed));
            let mut w = a.clone();
            let (d, e) = bidiagonal(&mut w).unwrap();
            let b = Mat::<f64>::from_fn(n, n, |i, j| {
                if i == j {
                    d[i]
                } else if j == i + 1 {
                    e[i]
                } else {
                    0.0
                }
            });
            let mut want = a.singular_values().unwrap();
            let mut got = b.singular_values().unwrap();
            want.sort_by(f64::total_cmp);
            got.sort_by(f64::total_cmp);
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-13 * n as f64, "{m}x{n}: {g} vs {w}");
            }
        }
    }

    #[test]
    fn bidiagonal_input_unchanged() {
        let n = 90;
        let d0: Vec<f64> = (0..n).map(|i| 10f64.powi(-(i as i32) % 30)).collect();
        let e0: Vec<f64> = (0..n - 1)
            .map(|i| 3.0 * 10f64.powi(-(i as i32) % 20))
            .collect();
        let mut a = Mat::<f64>::from_fn(n + 5, n, |i, j| {
            if i == j {
                d0[i]
            } else if j == i + 1 {
                e0[i]
            } else {
                0.0
            }
        });
        let (d, e) = bidiagonal(&mut a).unwrap();
        assert_eq!(d, d0);
        assert_eq!(e, e0);
    }

    #[test]
    fn float32() {
        let mut seed = 9u64;
        let (m, n) = (130, 97);
        let a = Mat::<f32>::from_fn(m, n, |_, _| lcg(&mut seed) as f32);
        let mut w = a.clone();
        let (d, e) = bidiagonal(&mut w).unwrap();
        let b = Mat::<f64>::from_fn(n, n, |i, j| {
            if i == j {
                d[i] as f64
            } else if j == i + 1 {
                e[i] as f64
            } else {
                0.0
            }
        });
        let a64 = Mat::<f64>::from_fn(m, n, |i, j| a[(i, j)] as f64);
        let mut want = a64.singular_values().unwrap();
        let mut got = b.singular_values().unwrap();
        want.sort_by(f64::total_cmp);
        got.sort_by(f64::total_cmp);
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-5 * n as f64, "{g} vs {w}");
        }
    }
}
