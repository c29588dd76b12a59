//! The small dense linear algebra the polynomial family needs: eigenvalues of companion
//! matrices (balancing, Hessenberg reduction, Francis double-shift QR; a complex
//! single-shift QR for complex matrices), eigenvalues of symmetric tridiagonal matrices
//! (implicit QL), and least squares through a one-sided Jacobi SVD.
//!
//! Matrices are dense, row-major `Vec`s of `n * n` (or `m * n`) elements.

use num_complex::Complex;

use numoxide_core::{Error, ErrorKind, Result};

type C64 = Complex<f64>;

fn no_convergence() -> Error {
    Error::new(ErrorKind::LinAlg, "Eigenvalues did not converge")
}

/// Balance a real or complex matrix in place (Parlett–Reinsch with powers of 2), as
/// LAPACK's `geev` does before reducing, so badly scaled companion matrices keep their
/// accuracy.
fn balance<T: Copy>(a: &mut [T], n: usize, abs: impl Fn(T) -> f64, scale: impl Fn(T, f64) -> T) {
    const RADIX: f64 = 2.0;
    let sqrdx = RADIX * RADIX;
    let mut done = false;
    let mut sweeps = 0;
    while !done && sweeps < 100 {
        done = true;
        sweeps += 1;
        for i in 0..n {
            let mut r = 0.0;
            let mut c = 0.0;
            for j in 0..n {
                if j != i {
                    c += abs(a[j * n + i]);
                    r += abs(a[i * n + j]);
                }
            }
            if c != 0.0 && r != 0.0 {
                let mut g = r / RADIX;
                let mut f = 1.0;
                let s = c + r;
                while c < g {
                    f *= RADIX;
                    c *= sqrdx;
                }
                g = r * RADIX;
                while c > g {
                    f /= RADIX;
                    c /= sqrdx;
                }
                if (c + r) / f < 0.95 * s {
                    done = false;
                    let g = 1.0 / f;
                    for j in 0..n {
                        a[i * n + j] = scale(a[i * n + j], g);
                    }
                    for j in 0..n {
                        a[j * n + i] = scale(a[j * n + i], f);
                    }
                }
            }
        }
    }
}

/// Reduce a real matrix to upper Hessenberg form by Householder reflections.
fn hessenberg(a: &mut [f64], n: usize) {
    if n < 3 {
        return;
    }
    let mut v = vec![0.0; n];
    for k in 0..n - 2 {
        let alpha: f64 = (k + 1..n)
            .map(|i| a[i * n + k] * a[i * n + k])
            .sum::<f64>()
            .sqrt();
        if alpha == 0.0 {
            continue;
        }
        let x0 = a[(k + 1) * n + k];
        let alpha = if x0 > 0.0 { -alpha } else { alpha };
        v.iter_mut().for_each(|x| *x = 0.0);
        v[k + 1] = x0 - alpha;
        for i in k + 2..n {
            v[i] = a[i * n + k];
        }
        let vnorm2: f64 = v[k + 1..].iter().map(|x| x * x).sum();
        if vnorm2 == 0.0 {
            continue;
        }
        // A <- H A H with H = I - 2 v v^T / (v^T v)
        for j in 0..n {
            let dot: f64 = (k + 1..n).map(|i| v[i] * a[i * n + j]).sum();
            let f = 2.0 * dot / vnorm2;
            for i in k + 1..n {
                a[i * n + j] -= f * v[i];
            }
        }
        for i in 0..n {
            let dot: f64 = (k + 1..n).map(|j| a[i * n + j] * v[j]).sum();
            let f = 2.0 * dot / vnorm2;
            for j in k + 1..n {
                a[i * n + j] -= f * v[j];
            }
        }
        for i in k + 2..n {
            a[i * n + k] = 0.0;
        }
    }
}

/// Eigenvalues of a real upper Hessenberg matrix by the Francis double-shift QR
/// algorithm (the classic `hqr`). Real eigenvalues come back with an exact zero
/// imaginary part.
fn hqr(a: &mut [f64], n: usize) -> Result<Vec<C64>> {
    let mut wr = vec![0.0; n];
    let mut wi = vec![0.0; n];
    let at = |a: &[f64], i: usize, j: usize| a[i * n + j];
    let mut anorm = 0.0;
    for i in 0..n {
        for j in i.saturating_sub(1)..n {
            anorm += at(a, i, j).abs();
        }
    }
    let mut nn = n as isize - 1;
    let mut t = 0.0;
    while nn >= 0 {
        let mut its = 0;
        loop {
            let nnu = nn as usize;
            // Look for a single small subdiagonal element.
            let mut l = nnu;
            while l >= 1 {
                let s = at(a, l - 1, l - 1).abs() + at(a, l, l).abs();
                let s = if s == 0.0 { anorm } else { s };
                if at(a, l, l - 1).abs() <= f64::EPSILON * s {
                    a[l * n + l - 1] = 0.0;
                    break;
                }
                l -= 1;
            }
            let x = at(a, nnu, nnu);
            if l == nnu {
                wr[nnu] = x + t;
                wi[nnu] = 0.0;
                nn -= 1;
                break;
            }
            let y = at(a, nnu - 1, nnu - 1);
            let w = at(a, nnu, nnu - 1) * at(a, nnu - 1, nnu);
            if l + 1 == nnu {
                let p = 0.5 * (y - x);
                let q = p * p + w;
                let z = q.abs().sqrt();
                let x = x + t;
                if q >= 0.0 {
                    let z = p + if p >= 0.0 { z.abs() } else { -z.abs() };
                    wr[nnu - 1] = x + z;
                    wr[nnu] = if z != 0.0 { x - w / z } else { x + z };
                    wi[nnu - 1] = 0.0;
                    wi[nnu] = 0.0;
                } else {
                    wr[nnu - 1] = x + p;
                    wr[nnu] = x + p;
                    wi[nnu - 1] = -z;
                    wi[nnu] = z;
                }
                nn -= 2;
                break;
            }
            if its == 60 * n.max(1) {
                return Err(no_convergence());
            }
            let (mut x, mut y, mut w) = (x, y, w);
            if its == 10 || its == 20 {
                // Exceptional shift.
                t += x;
                for i in 0..=nnu {
                    a[i * n + i] -= x;
                }
                let s = at(a, nnu, nnu - 1).abs() + at(a, nnu - 1, nnu - 2).abs();
                x = 0.75 * s;
                y = x;
                w = -0.4375 * s * s;
            }
            its += 1;
            let mut m = nnu - 2;
            let (mut p, mut q, mut r);
            loop {
                let z = at(a, m, m);
                let rr = x - z;
                let ss = y - z;
                p = (rr * ss - w) / at(a, m + 1, m) + at(a, m, m + 1);
                q = at(a, m + 1, m + 1) - z - rr - ss;
                r = at(a, m + 2, m + 1);
                let s = p.abs() + q.abs() + r.abs();
                if s != 0.0 {
                    p /= s;
                    q /= s;
                    r /= s;
                }
                if m == l {
                    break;
                }
                let u = at(a, m, m - 1).abs() * (q.abs() + r.abs());
                let v = p.abs() * (at(a, m - 1, m - 1).abs() + z.abs() + at(a, m + 1, m + 1).abs());
                if u <= f64::EPSILON * v {
                    break;
                }
                m -= 1;
            }
            for i in m + 2..=nnu {
                a[i * n + i - 2] = 0.0;
                if i != m + 2 {
                    a[i * n + i - 3] = 0.0;
                }
            }
            let mut k = m;
            while k < nnu {
                if k != m {
                    p = at(a, k, k - 1);
                    q = at(a, k + 1, k - 1);
                    r = if k + 1 != nnu {
                        at(a, k + 2, k - 1)
                    } else {
                        0.0
                    };
                    x = p.abs() + q.abs() + r.abs();
                    if x != 0.0 {
                        p /= x;
                        q /= x;
                        r /= x;
                    }
                }
                let s0 = (p * p + q * q + r * r).sqrt();
                let s = if p >= 0.0 { s0 } else { -s0 };
                if s != 0.0 {
                    if k == m {
                        if l != m {
                            a[k * n + k - 1] = -a[k * n + k - 1];
                        }
                    } else {
                        a[k * n + k - 1] = -s * x;
                    }
                    p += s;
                    x = p / s;
                    y = q / s;
                    let z = r / s;
                    q /= p;
                    r /= p;
                    for j in k..=nnu {
                        let mut pp = at(a, k, j) + q * at(a, k + 1, j);
                        if k + 1 != nnu {
                            pp += r * at(a, k + 2, j);
                            a[(k + 2) * n + j] -= pp * z;
                        }
                        a[(k + 1) * n + j] -= pp * y;
                        a[k * n + j] -= pp * x;
                    }
                    let mmin = if nnu < k + 3 { nnu } else { k + 3 };
                    for i in l..=mmin {
                        let mut pp = x * at(a, i, k) + y * at(a, i, k + 1);
                        if k + 1 != nnu {
                            pp += z * at(a, i, k + 2);
                            a[i * n + k + 2] -= pp * r;
                        }
                        a[i * n + k + 1] -= pp * q;
                        a[i * n + k] -= pp;
                    }
                }
                k += 1;
            }
        }
    }
    Ok(wr
        .into_iter()
        .zip(wi)
        .map(|(r, i)| C64::new(r, i))
        .collect())
}

/// Eigenvalues of a real `n x n` matrix (row-major).
///
/// # Errors
/// `LinAlgError` when the QR iteration does not converge (or the input is not finite).
pub fn eigvals_real(mut a: Vec<f64>, n: usize) -> Result<Vec<C64>> {
    if a.iter().any(|v| !v.is_finite()) {
        return Err(Error::new(
            ErrorKind::LinAlg,
            "Array must not contain infs or NaNs",
        ));
    }
    if n <= super::geev::NMIN {
        // NumPy's order: our port of LAPACK's dgeev (np.roots does not sort).
        let e = super::geev::geev_real(col_major(&a, n), false).map_err(|_| noconv())?;
        return Ok(e
            .wr
            .iter()
            .zip(&e.wi)
            .map(|(&re, &im)| C64::new(re, im))
            .collect());
    }
    balance(&mut a, n, f64::abs, |v, s| v * s);
    hessenberg(&mut a, n);
    hqr(&mut a, n)
}

/// A row-major `n x n` matrix as the column-major matrix the geev port works on.
fn col_major<T: Copy>(a: &[T], n: usize) -> super::geev::Fm<T> {
    let mut d = Vec::with_capacity(n * n);
    for c in 0..n {
        for r in 0..n {
            d.push(a[r * n + c]);
        }
    }
    super::geev::Fm { n, m: n, d }
}

/// LAPACK's non-convergence, as NumPy reports it.
fn noconv() -> Error {
    Error::new(ErrorKind::LinAlg, "Eigenvalues did not converge")
}

/// Eigenvalues of a complex `n x n` matrix (row-major): Householder reduction to
/// Hessenberg form, then shifted QR with Givens rotations and Wilkinson shifts.
///
/// # Errors
/// `LinAlgError` when the iteration does not converge (or the input is not finite).
pub fn eigvals_complex(mut a: Vec<C64>, n: usize) -> Result<Vec<C64>> {
    if a.iter().any(|v| !v.re.is_finite() || !v.im.is_finite()) {
        return Err(Error::new(
            ErrorKind::LinAlg,
            "Array must not contain infs or NaNs",
        ));
    }
    if n <= super::geev::NMIN {
        let e = super::geev::geev_complex(col_major(&a, n), false).map_err(|_| noconv())?;
        return Ok(e.w);
    }
    balance(&mut a, n, |v| v.re.abs() + v.im.abs(), |v, s| v * s);
    // Hessenberg reduction.
    if n >= 3 {
        let mut v = vec![C64::default(); n];
        for k in 0..n - 2 {
            let alpha: f64 = (k + 1..n)
                .map(|i| a[i * n + k].norm_sqr())
                .sum::<f64>()
                .sqrt();
            if alpha == 0.0 {
                continue;
            }
            let x0 = a[(k + 1) * n + k];
            let phase = if x0.norm() == 0.0 {
                C64::new(1.0, 0.0)
            } else {
                x0 / x0.norm()
            };
            for x in v.iter_mut() {
                *x = C64::default();
            }
            v[k + 1] = x0 + phase * alpha;
            for i in k + 2..n {
                v[i] = a[i * n + k];
            }
            let vnorm2: f64 = v[k + 1..].iter().map(|x| x.norm_sqr()).sum();
            if vnorm2 == 0.0 {
                continue;
            }
            for j in 0..n {
                let dot: C64 = (k + 1..n).map(|i| v[i].conj() * a[i * n + j]).sum();
                let f = dot * (2.0 / vnorm2);
                for i in k + 1..n {
                    a[i * n + j] -= f * v[i];
                }
            }
            for i in 0..n {
                let dot: C64 = (k + 1..n).map(|j| a[i * n + j] * v[j]).sum();
                let f = dot * (2.0 / vnorm2);
                for j in k + 1..n {
                    a[i * n + j] -= f * v[j].conj();
                }
            }
            for i in k + 2..n {
                a[i * n + k] = C64::default();
            }
        }
    }
    let mut w = vec![C64::default(); n];
    let mut hi = n;
    let mut its = 0usize;
    while hi > 0 {
        let h = hi - 1;
        if h == 0 {
            w[0] = a[0];
            break;
        }
        // Find the active block [l, h].
        let mut l = h;
        while l > 0 {
            let s = a[(l - 1) * n + l - 1].norm() + a[l * n + l].norm();
            if a[l * n + l - 1].norm() <= f64::EPSILON * s
                || a[l * n + l - 1].norm() < f64::MIN_POSITIVE
            {
                a[l * n + l - 1] = C64::default();
                break;
            }
            l -= 1;
        }
        if l == h {
            w[h] = a[h * n + h];
            hi -= 1;
            its = 0;
            continue;
        }
        its += 1;
        if its > 60 * n {
            return Err(no_convergence());
        }
        // Wilkinson shift from the trailing 2x2 block.
        let (p, q, r, s) = (
            a[(h - 1) * n + h - 1],
            a[(h - 1) * n + h],
            a[h * n + h - 1],
            a[h * n + h],
        );
        let tr = p + s;
        let det = p * s - q * r;
        let disc = (tr * tr * 0.25 - det).sqrt();
        let e1 = tr * 0.5 + disc;
        let e2 = tr * 0.5 - disc;
        let mut mu = if (e1 - s).norm() < (e2 - s).norm() {
            e1
        } else {
            e2
        };
        if its % 11 == 10 {
            mu = s + C64::new(a[h * n + h - 1].norm(), 0.0);
        }
        // QR step on the block via Givens rotations.
        for i in l..=h {
            a[i * n + i] -= mu;
        }
        let mut rots = Vec::with_capacity(h - l);
        for k in l..h {
            let x = a[k * n + k];
            let y = a[(k + 1) * n + k];
            let nrm = (x.norm_sqr() + y.norm_sqr()).sqrt();
            let (c, sn) = if nrm == 0.0 {
                (C64::new(1.0, 0.0), C64::default())
            } else {
                (x / nrm, y / nrm)
            };
            // G = [[c*, s*], [-s, c]] applied to rows k, k+1.
            for j in k..n {
                let u = a[k * n + j];
                let v = a[(k + 1) * n + j];
                a[k * n + j] = c.conj() * u + sn.conj() * v;
                a[(k + 1) * n + j] = -sn * u + c * v;
            }
            rots.push((c, sn));
        }
        for (idx, k) in (l..h).enumerate() {
            let (c, sn) = rots[idx];
            for i in 0..=(k + 1).min(h) {
                let u = a[i * n + k];
                let v = a[i * n + k + 1];
                a[i * n + k] = u * c + v * sn;
                a[i * n + k + 1] = -u * sn.conj() + v * c.conj();
            }
        }
        for i in l..=h {
            a[i * n + i] += mu;
        }
    }
    Ok(w)
}

/// Eigenvalues (ascending) of the symmetric tridiagonal matrix with diagonal `d` and
/// off-diagonal `e` (`e.len() == d.len() - 1`), by the implicit QL algorithm.
///
/// # Errors
/// `LinAlgError` when the iteration does not converge.
pub fn eigvalsh_tridiagonal(mut d: Vec<f64>, e: &[f64]) -> Result<Vec<f64>> {
    let n = d.len();
    let mut e: Vec<f64> = e
        .iter()
        .copied()
        .chain(std::iter::once(0.0))
        .take(n)
        .collect();
    for l in 0..n {
        let mut iter = 0;
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            iter += 1;
            if iter > 60 {
                return Err(no_convergence());
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + if g >= 0.0 { r.abs() } else { -r.abs() });
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut i = m;
            let mut early = false;
            while i > l {
                i -= 1;
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    early = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
            }
            if early {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    d.sort_by(|a, b| a.total_cmp(b));
    Ok(d)
}

/// The result of [`lstsq`]: solution (n x k, row-major), residual sums of squares (k of
/// them, or none when rank < n or m <= n), the rank and the singular values (descending).
pub struct Lstsq {
    /// The least-squares solution, `n * k` row-major.
    pub x: Vec<f64>,
    /// Squared residual norms per right-hand side (empty when not full rank or m <= n).
    pub residuals: Vec<f64>,
    /// The effective rank.
    pub rank: usize,
    /// The singular values of `a`, descending (`min(m, n)` of them).
    pub singular: Vec<f64>,
}

/// Least squares `min ||a x - b||` for real `a` (m x n, row-major) and `b` (m x k,
/// row-major) through a one-sided Jacobi SVD, cutting singular values below
/// `rcond * max(s)` as NumPy's `lstsq` does.
///
/// # Errors
/// `LinAlgError` "SVD did not converge in Linear Least Squares" when the sweeps do not
/// converge (a non-finite `a`). A non-finite `b` only makes its columns of the solution
/// and residuals NaN, as with LAPACK's `gelsd`: the SVD is of `a` alone.
pub fn lstsq(a: &[f64], m: usize, n: usize, b: &[f64], k: usize, rcond: f64) -> Result<Lstsq> {
    if a.iter().any(|v| !v.is_finite()) {
        return Err(Error::new(
            ErrorKind::LinAlg,
            "SVD did not converge in Linear Least Squares",
        ));
    }
    if m >= 2 * n && n > 0 {
        return lstsq_tall(a, m, n, b, k, rcond);
    }
    if n > m {
        return lstsq_jacobi_wide(a, m, n, b, k, rcond);
    }
    lstsq_jacobi(a, m, n, b, k, rcond)
}

/// `sum(x[i] * y[i])` over eight interleaved partial sums (a vectorizable loop; a
/// single running sum is bound by the latency of one addition per element).
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for l in 0..8 {
            acc[l] += a[l] * b[l];
        }
    }
    let mut tail = 0.0;
    for (a, b) in xr.iter().zip(yr) {
        tail += a * b;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// [`lstsq`] of a tall `a` (`m >= 2n`): a Householder QR first (`A = QR`), then the
/// Jacobi SVD of the small `n x n` factor `R` against the first `n` rows of `Q^T b`.
/// The singular values are `R`'s (those of `A`) and, at full rank, the residuals are the
/// squared norms of the remaining rows of `Q^T b`, as LAPACK's `gelsd` reports them.
fn lstsq_tall(a: &[f64], m: usize, n: usize, b: &[f64], k: usize, rcond: f64) -> Result<Lstsq> {
    // Columns stored contiguously: u[j*m + i] = a[i, j], c[r*m + i] = b[i, r].
    let mut u = vec![0.0; m * n];
    for (i, row) in a.chunks_exact(n).enumerate().take(m) {
        for (j, v) in row.iter().enumerate() {
            u[j * m + i] = *v;
        }
    }
    let mut c = vec![0.0; m * k];
    for (i, row) in b.chunks_exact(k.max(1)).enumerate().take(m) {
        for (r, v) in row.iter().enumerate().take(k) {
            c[r * m + i] = *v;
        }
    }
    let mut v = vec![0.0; m];
    for j in 0..n {
        let col = &u[j * m + j..(j + 1) * m];
        let norm = dot(col, col).sqrt();
        if norm == 0.0 {
            continue;
        }
        let alpha = if col[0] > 0.0 { -norm } else { norm };
        let len = m - j;
        v[..len].copy_from_slice(col);
        v[0] -= alpha;
        let beta = dot(&v[..len], &v[..len]);
        if beta == 0.0 {
            continue;
        }
        let reflect = |x: &mut [f64]| {
            let d = dot(x, &v[..len]);
            let f = 2.0 * d / beta;
            for (p, q) in x.iter_mut().zip(&v[..len]) {
                *p -= f * q;
            }
        };
        for q in j + 1..n {
            reflect(&mut u[q * m + j..(q + 1) * m]);
        }
        for r in 0..k {
            reflect(&mut c[r * m + j..(r + 1) * m]);
        }
        u[j * m + j] = alpha;
        for x in &mut u[j * m + j + 1..(j + 1) * m] {
            *x = 0.0;
        }
    }
    let rmat: Vec<f64> = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .map(|(i, j)| u[j * m + i])
        .collect();
    let rhs: Vec<f64> = (0..n)
        .flat_map(|i| (0..k).map(move |r| (i, r)))
        .map(|(i, r)| c[r * m + i])
        .collect();
    let mut sol = lstsq_jacobi(&rmat, n, n, &rhs, k, rcond)?;
    sol.residuals = if sol.rank == n {
        (0..k)
            .map(|r| {
                let t = &c[r * m + n..(r + 1) * m];
                dot(t, t)
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(sol)
}

/// One-sided Jacobi: rotate the `n` columns of `u` (each `m` long, contiguous) until
/// they are mutually orthogonal, accumulating the rotations into the columns of `v`
/// (each `vn` long). Whether the sweeps converged.
fn jacobi_sweeps(u: &mut [f64], m: usize, n: usize, v: &mut [f64], vn: usize) -> bool {
    // A column whose squared norm is below this is rounding noise (a wide matrix has at
    // least n - m of them): rotating it against the others never converges, and its
    // singular value is cut by `rcond` anyway.
    let max_norm2 = (0..n)
        .map(|j| dot(&u[j * m..(j + 1) * m], &u[j * m..(j + 1) * m]))
        .fold(0.0f64, f64::max);
    let negligible = 100.0 * (m.max(n) as f64) * f64::EPSILON * f64::EPSILON * max_norm2;
    let mut converged = false;
    for _sweep in 0..80 {
        let mut rotated = false;
        for p in 0..n {
            for q in p + 1..n {
                let (mut alpha, mut beta, mut gamma) = (0.0, 0.0, 0.0);
                {
                    let up = &u[p * m..(p + 1) * m];
                    let uq = &u[q * m..(q + 1) * m];
                    for i in 0..m {
                        alpha += up[i] * up[i];
                        beta += uq[i] * uq[i];
                        gamma += up[i] * uq[i];
                    }
                }
                if gamma == 0.0
                    || gamma.abs() <= f64::EPSILON * (alpha * beta).sqrt()
                    || alpha.min(beta) <= negligible
                {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + (1.0 + zeta * zeta).sqrt());
                let c = 1.0 / (1.0 + t * t).sqrt();
                let s = c * t;
                let (head, tail) = u.split_at_mut(q * m);
                let up = &mut head[p * m..(p + 1) * m];
                let uq = &mut tail[..m];
                for i in 0..m {
                    let x = up[i];
                    let y = uq[i];
                    up[i] = c * x - s * y;
                    uq[i] = s * x + c * y;
                }
                let (head, tail) = v.split_at_mut(q * vn);
                let vp = &mut head[p * vn..(p + 1) * vn];
                let vq = &mut tail[..vn];
                for i in 0..vn {
                    let x = vp[i];
                    let y = vq[i];
                    vp[i] = c * x - s * y;
                    vq[i] = s * x + c * y;
                }
            }
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    converged
}

/// Least squares for a wide `a` (n > m): the Jacobi sweeps run on the m rows of `a`
/// (the columns of `a^T`, which can all be made orthogonal), giving
/// `a^T W = [s_j v_j]` and the minimum-norm solution `sum_j s_j v_j (W_j^T b) / s_j^2`.
fn lstsq_jacobi_wide(
    a: &[f64],
    m: usize,
    n: usize,
    b: &[f64],
    k: usize,
    rcond: f64,
) -> Result<Lstsq> {
    let mut ut = a.to_vec();
    let mut w = vec![0.0; m * m];
    for j in 0..m {
        w[j * m + j] = 1.0;
    }
    if !jacobi_sweeps(&mut ut, n, m, &mut w, m) {
        return Err(Error::new(
            ErrorKind::LinAlg,
            "SVD did not converge in Linear Least Squares",
        ));
    }
    let sv: Vec<f64> = (0..m)
        .map(|j| dot(&ut[j * n..(j + 1) * n], &ut[j * n..(j + 1) * n]).sqrt())
        .collect();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| sv[j].total_cmp(&sv[i]));
    let cutoff = rcond * order.first().map_or(0.0, |&j| sv[j]);
    let mut x = vec![0.0; n * k];
    let mut rank = 0;
    for &j in &order {
        let s = sv[j];
        if s.partial_cmp(&cutoff) != Some(std::cmp::Ordering::Greater) || s == 0.0 {
            continue;
        }
        rank += 1;
        let wj = &w[j * m..(j + 1) * m];
        let col = &ut[j * n..(j + 1) * n];
        for r in 0..k {
            let coef = (0..m).map(|i| wj[i] * b[i * k + r]).sum::<f64>() / (s * s);
            for row in 0..n {
                x[row * k + r] += col[row] * coef;
            }
        }
    }
    let singular = order.iter().map(|&j| sv[j]).collect();
    Ok(Lstsq {
        x,
        residuals: Vec::new(),
        rank,
        singular,
    })
}

fn lstsq_jacobi(a: &[f64], m: usize, n: usize, b: &[f64], k: usize, rcond: f64) -> Result<Lstsq> {
    // Columns of U (m each) stored contiguously: u[j*m + i] = a[i, j].
    let mut u = vec![0.0; m * n];
    for i in 0..m {
        for j in 0..n {
            u[j * m + i] = a[i * n + j];
        }
    }
    let mut v = vec![0.0; n * n];
    for j in 0..n {
        v[j * n + j] = 1.0;
    }
    if !jacobi_sweeps(&mut u, m, n, &mut v, n) {
        return Err(Error::new(
            ErrorKind::LinAlg,
            "SVD did not converge in Linear Least Squares",
        ));
    }
    let sv: Vec<f64> = (0..n)
        .map(|j| {
            u[j * m..(j + 1) * m]
                .iter()
                .map(|x| x * x)
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| sv[j].total_cmp(&sv[i]));
    let smax = order.first().map_or(0.0, |&j| sv[j]);
    let cutoff = rcond * smax;
    let mut x = vec![0.0; n * k];
    let mut rank = 0;
    for &j in &order {
        let s = sv[j];
        if s.partial_cmp(&cutoff) != Some(std::cmp::Ordering::Greater) || s == 0.0 {
            continue;
        }
        rank += 1;
        let col = &u[j * m..(j + 1) * m];
        for r in 0..k {
            // coefficient = (u_j / s)^T b / s
            let dot: f64 = (0..m).map(|i| col[i] * b[i * k + r]).sum::<f64>();
            let coef = dot / (s * s);
            for row in 0..n {
                x[row * k + r] += v[j * n + row] * coef;
            }
        }
    }
    let mut residuals = Vec::new();
    if rank == n && m > n {
        for r in 0..k {
            let mut acc = 0.0;
            for i in 0..m {
                let pred: f64 = (0..n).map(|j| a[i * n + j] * x[j * k + r]).sum();
                let d = b[i * k + r] - pred;
                acc += d * d;
            }
            residuals.push(acc);
        }
    }
    let singular = order.iter().take(m.min(n)).map(|&j| sv[j]).collect();
    Ok(Lstsq {
        x,
        residuals,
        rank,
        singular,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companion_eigenvalues() {
        // (x-1)(x-2)(x-3) = x^3 - 6x^2 + 11x - 6, companion of the monic polynomial.
        let a = vec![6.0, -11.0, 6.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        let mut w: Vec<f64> = eigvals_real(a, 3).unwrap().iter().map(|z| z.re).collect();
        w.sort_by(|a, b| a.total_cmp(b));
        for (got, want) in w.iter().zip([1.0, 2.0, 3.0]) {
            assert!((got - want).abs() < 1e-12);
        }
        // x^2 + 1: +-i
        let w = eigvals_real(vec![0.0, -1.0, 1.0, 0.0], 2).unwrap();
        assert!(w
            .iter()
            .all(|z| (z.im.abs() - 1.0).abs() < 1e-14 && z.re.abs() < 1e-14));
        let wc = eigvals_complex(
            vec![
                C64::new(0.0, 1.0),
                C64::new(1.0, 0.0),
                C64::new(0.0, 0.0),
                C64::new(2.0, 0.0),
            ],
            2,
        )
        .unwrap();
        assert!(wc.iter().any(|z| (z - C64::new(0.0, 1.0)).norm() < 1e-14));
        assert!(wc.iter().any(|z| (z - C64::new(2.0, 0.0)).norm() < 1e-14));
    }

    #[test]
    fn tridiagonal_and_lstsq() {
        let w = eigvalsh_tridiagonal(vec![2.0, 2.0, 2.0], &[1.0, 1.0]).unwrap();
        let want = [2.0 - 2f64.sqrt(), 2.0, 2.0 + 2f64.sqrt()];
        for (g, t) in w.iter().zip(want) {
            assert!((g - t).abs() < 1e-14);
        }
        // Fit y = 1 + 2x exactly.
        let xs = [0.0, 1.0, 2.0, 3.0];
        let a: Vec<f64> = xs.iter().flat_map(|&x| [1.0, x]).collect();
        let b: Vec<f64> = xs.iter().map(|&x| 1.0 + 2.0 * x).collect();
        let r = lstsq(&a, 4, 2, &b, 1, 1e-15).unwrap();
        assert_eq!(r.rank, 2);
        assert!((r.x[0] - 1.0).abs() < 1e-13 && (r.x[1] - 2.0).abs() < 1e-13);
    }
}
