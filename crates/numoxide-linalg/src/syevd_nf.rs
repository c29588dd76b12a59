//! `eigh`/`eigvalsh` of a matrix holding NaN or infinity, as NumPy's LAPACK (syevd /
//! heevd, OpenBLAS's build of the reference routines) computes it, step by step.
//!
//! What NumPy returns there is decided by how NaN travels through the reduction to
//! tridiagonal form and by the tridiagonal solver's tests, so we follow the same steps:
//!
//! - `lansy('M')` (NaN wins, then infinity): a NaN matrix is used as it is; a matrix of
//!   infinite norm is scaled by `rmax / inf = 0` (infinities become NaN, the rest 0) and
//!   its eigenvalues are multiplied back by `1 / 0` at the end.
//! - `sytrd`: `sytd2` up to order 32, above it panels of 32 columns by `latrd` and a
//!   rank-2k update of the rest. The BLAS kernels multiply every pair (so `0 * NaN` is
//!   NaN), `sytd2` skips a reflector whose `tau` is 0, `latrd` does not.
//! - Without vectors, `sterf`: a block of three or more rows holding NaN never passes a
//!   convergence test, so the iteration runs out (LinAlgError); blocks of one or two rows
//!   are solved without iterating, NaN or not.
//! - With vectors, `stedc`: up to order 25 `steqr` (the same rule), above it the matrix is
//!   split wherever `|e_i| > eps sqrt|d_i| sqrt|d_i+1|` fails, which NaN always makes
//!   fail, so NaN only reaches blocks of one row and nothing raises. Blocks larger than 25
//!   (finite then) go to LAPACK's divide and conquer, for which ours stands in (same
//!   eigenpairs up to rounding). Then `ormtr` applies the reflectors (`larf`, which skips
//!   trailing zero rows of a reflector and trailing zero columns of what it updates, up
//!   to 33 rows; blocked `larft`/`larfb` above).
//!
//! Finite values that come out of this agree with NumPy's to rounding, not bit for bit
//! (the order of the sums differs from OpenBLAS's kernels); which entries are NaN agrees.

use crate::evd2::{lae2, laev2, lapack_eps as eps, safmin};
use crate::scalar::{LinalgReal, LinalgScalar};

/// The answer for one matrix.
pub(crate) enum Evd<T: LinalgScalar> {
    /// LAPACK reported no convergence (NumPy raises LinAlgError).
    NoConvergence,
    /// The matrix is finite as LAPACK reads it (only an imaginary part on the diagonal
    /// was not): the ordinary path answers.
    Finite,
    /// Ascending eigenvalues and, when asked, the eigenvectors in C order.
    Done(Vec<T::R>, Vec<T>),
}

fn is_zero<T: LinalgScalar>(z: T) -> bool {
    z.re() == T::R::rzero() && z.im() == T::R::rzero()
}

fn real_part<T: LinalgScalar>(z: T) -> T {
    T::from_real(z.re())
}

/// Fortran's `ABS` of a complex number (hypot: infinite if a part is, else NaN if one is).
fn cabs<T: LinalgScalar>(z: T) -> T::R {
    let (re, im) = (z.re(), z.im());
    if !T::IS_COMPLEX {
        return re.fabs();
    }
    if re.as_f64().is_infinite() || im.as_f64().is_infinite() {
        T::R::of_f64(f64::INFINITY)
    } else if re.is_nan() || im.is_nan() {
        T::R::of_f64(f64::NAN)
    } else {
        z.modulus()
    }
}

/// The running maximum of LAPACK's norm routines: NaN, once met, stays.
fn nan_max<R: LinalgReal>(acc: R, v: R) -> R {
    if acc < v || v.is_nan() {
        v
    } else {
        acc
    }
}

/// `sign(a, b)`: `|a|` with the sign bit of `b`.
fn sign<R: LinalgReal>(a: R, b: R) -> R {
    if b.as_f64().is_sign_negative() {
        -a.fabs()
    } else {
        a.fabs()
    }
}

/// lapy2/lapy3: NaN if a part is NaN, else infinite if one is, else the root of the sum
/// of squares.
fn lapy<R: LinalgReal>(parts: &[R]) -> R {
    if let Some(&p) = parts.iter().find(|p| p.is_nan()) {
        return p;
    }
    if parts.iter().any(|p| p.as_f64().is_infinite()) {
        return R::of_f64(f64::INFINITY);
    }
    let w = parts
        .iter()
        .fold(R::rzero(), |m, &p| if p.fabs() > m { p.fabs() } else { m });
    if w == R::rzero() {
        return w;
    }
    let s = parts.iter().fold(R::rzero(), |acc, &p| {
        let q = p.fabs() / w;
        acc + q * q
    });
    w * s.sqrt()
}

/// nrm2 of a vector: NaN if any part is NaN, else infinite if any is infinite.
fn nrm2<T: LinalgScalar>(x: &[T]) -> T::R {
    let mut parts = Vec::with_capacity(2 * x.len());
    for z in x {
        parts.push(z.re());
        if T::IS_COMPLEX {
            parts.push(z.im());
        }
    }
    lapy(&parts)
}

/// ladiv(1, z) for complex (Smith's formula), 1 / z for reals.
fn inv<T: LinalgScalar>(z: T) -> T {
    if !T::IS_COMPLEX {
        return T::lone() / z;
    }
    let one = T::R::of_f64(1.0);
    let (c, d) = (z.re(), z.im());
    if d.fabs() < c.fabs() {
        let e = d / c;
        let f = c + d * e;
        T::from_parts(one / f, -e / f)
    } else {
        let e = c / d;
        let f = d + c * e;
        T::from_parts(e / f, -one / f)
    }
}

/// larfg on `alpha` and `x` (in place): `(tau, beta)`, `x` becoming the reflector's tail.
fn larfg<T: LinalgScalar>(alpha: T, x: &mut [T]) -> (T, T::R) {
    let zero = T::R::rzero();
    if !T::IS_COMPLEX && x.is_empty() {
        return (T::lzero(), alpha.re());
    }
    let xnorm = nrm2(x);
    let (ar, ai) = (alpha.re(), alpha.im());
    if xnorm == zero && ai == zero {
        return (T::lzero(), ar);
    }
    let norm = if T::IS_COMPLEX {
        lapy(&[ar, ai, xnorm])
    } else {
        lapy(&[ar, xnorm])
    };
    let beta = -sign(norm, ar);
    let tau = T::from_parts((beta - ar) / beta, -ai / beta);
    scal(x, inv(alpha - T::from_real(beta)));
    (tau, beta)
}

/// scal through the BLAS interface: every element is multiplied (NaN times 0 stays
/// NaN), except that for a complex zero factor OpenBLAS's kernel multiplies the blocks
/// of 8 from the start and the first element after them, and fills the remaining ones
/// with zeros (so a NaN there is cleared): the rule NumPy's results follow.
fn scal<T: LinalgScalar>(x: &mut [T], f: T) {
    let keep = if T::IS_COMPLEX && is_zero(f) && !x.is_empty() {
        let n = x.len();
        n / 8 * 8 + (n % 8).min(1)
    } else {
        x.len()
    };
    let (head, tail) = x.split_at_mut(keep);
    for v in head {
        *v = *v * f;
    }
    for v in tail {
        *v = T::lzero();
    }
}

/// Column-major `n x n` storage with 0-based `(row, column)` access.
struct Mat<T> {
    n: usize,
    a: Vec<T>,
}

impl<T: LinalgScalar> Mat<T> {
    fn get(&self, r: usize, c: usize) -> T {
        self.a[r + c * self.n]
    }
    fn set(&mut self, r: usize, c: usize, v: T) {
        self.a[r + c * self.n] = v;
    }
    /// The Hermitian matrix element `(r, c)` read from the stored triangle.
    fn herm(&self, upper: bool, r: usize, c: usize) -> T {
        if r == c {
            real_part(self.get(r, r))
        } else if (r < c) == upper {
            self.get(r, c)
        } else {
            self.get(c, r).conj()
        }
    }
}

/// hemv on the block `lo..hi` of `a`'s stored triangle: `alpha * H x`.
fn hemv<T: LinalgScalar>(
    a: &Mat<T>,
    upper: bool,
    lo: usize,
    hi: usize,
    alpha: T,
    x: &[T],
) -> Vec<T> {
    (lo..hi)
        .map(|r| {
            let mut s = T::lzero();
            for (k, c) in (lo..hi).enumerate() {
                s = s + a.herm(upper, r, c) * x[k];
            }
            alpha * s
        })
        .collect()
}

/// `sum conj(x_i) y_i`.
fn dotc<T: LinalgScalar>(x: &[T], y: &[T]) -> T {
    x.iter()
        .zip(y)
        .fold(T::lzero(), |s, (&p, &q)| s + p.conj() * q)
}

/// her2/her2k on the stored triangle of the block `lo..hi`: `H -= x y^H + y x^H` with `x`,
/// `y` given as columns (`cols` of them), each of length `hi - lo`.
fn her2_update<T: LinalgScalar>(
    a: &mut Mat<T>,
    upper: bool,
    lo: usize,
    hi: usize,
    x: &[Vec<T>],
    y: &[Vec<T>],
) {
    for c in lo..hi {
        let rows = if upper { lo..c + 1 } else { c..hi };
        for r in rows {
            let mut s = T::lzero();
            for (xv, yv) in x.iter().zip(y) {
                s = s + xv[r - lo] * yv[c - lo].conj() + yv[r - lo] * xv[c - lo].conj();
            }
            let mut v = a.get(r, c) - s;
            if r == c {
                v = real_part(v);
            }
            a.set(r, c, v);
        }
    }
}

/// sytd2/hetd2 on the block `lo..hi` (the whole lower-right block, or for `upper` the
/// upper-left one), writing `d`, `e` and `tau` at global positions.
fn sytd2<T: LinalgScalar>(
    a: &mut Mat<T>,
    upper: bool,
    lo: usize,
    hi: usize,
    d: &mut [T::R],
    e: &mut [T::R],
    taus: &mut [T],
) {
    if hi <= lo {
        return;
    }
    if upper {
        let last = hi - 1;
        a.set(last, last, real_part(a.get(last, last)));
        for i in (lo..last).rev() {
            let col = i + 1;
            let mut x: Vec<T> = (lo..i).map(|r| a.get(r, col)).collect();
            let (tau, beta) = larfg(a.get(i, col), &mut x);
            for (k, r) in (lo..i).enumerate() {
                a.set(r, col, x[k]);
            }
            e[i] = beta;
            if !is_zero(tau) {
                a.set(i, col, T::lone());
                let v: Vec<T> = (lo..=i).map(|r| a.get(r, col)).collect();
                let mut y = hemv(a, true, lo, i + 1, tau, &v);
                let alpha = -(T::from_real(T::R::of_f64(0.5)) * tau * dotc(&y, &v));
                for (yk, &vk) in y.iter_mut().zip(&v) {
                    *yk = *yk + alpha * vk;
                }
                her2_update(a, true, lo, i + 1, &[v], &[y]);
            } else {
                a.set(i, i, real_part(a.get(i, i)));
            }
            a.set(i, col, T::from_real(beta));
            d[i + 1] = a.get(i + 1, i + 1).re();
            taus[i] = tau;
        }
        d[lo] = a.get(lo, lo).re();
    } else {
        a.set(lo, lo, real_part(a.get(lo, lo)));
        for i in lo..hi - 1 {
            let mut x: Vec<T> = (i + 2..hi).map(|r| a.get(r, i)).collect();
            let (tau, beta) = larfg(a.get(i + 1, i), &mut x);
            for (k, r) in (i + 2..hi).enumerate() {
                a.set(r, i, x[k]);
            }
            e[i] = beta;
            if !is_zero(tau) {
                a.set(i + 1, i, T::lone());
                let v: Vec<T> = (i + 1..hi).map(|r| a.get(r, i)).collect();
                let mut y = hemv(a, false, i + 1, hi, tau, &v);
                let alpha = -(T::from_real(T::R::of_f64(0.5)) * tau * dotc(&y, &v));
                for (yk, &vk) in y.iter_mut().zip(&v) {
                    *yk = *yk + alpha * vk;
                }
                her2_update(a, false, i + 1, hi, &[v], &[y]);
            } else {
                a.set(i + 1, i + 1, real_part(a.get(i + 1, i + 1)));
            }
            a.set(i + 1, i, T::from_real(beta));
            d[i] = a.get(i, i).re();
            taus[i] = tau;
        }
        d[hi - 1] = a.get(hi - 1, hi - 1).re();
    }
}

/// The panel width and crossover of sytrd (ilaenv).
const NB: usize = 32;

/// latrd, lower: reduces columns `s..s + NB` of the block `s..n`, returning W (columns
/// of length `n - s`).
fn latrd_lower<T: LinalgScalar>(
    a: &mut Mat<T>,
    s: usize,
    e: &mut [T::R],
    taus: &mut [T],
) -> Vec<Vec<T>> {
    let n = a.n;
    let m = n - s;
    let mut w: Vec<Vec<T>> = vec![vec![T::lzero(); m]; NB];
    let half = T::from_real(T::R::of_f64(0.5));
    for i in 0..NB {
        let g = s + i;
        a.set(g, g, real_part(a.get(g, g)));
        // A(i:m, i) -= A(i:m, 0:i) conj(W(i, 0:i)) + W(i:m, 0:i) conj(A(i, 0:i)).
        if i > 0 {
            for r in i..m {
                let mut s1 = T::lzero();
                for k in 0..i {
                    s1 = s1 + a.get(s + r, s + k) * w[k][i].conj();
                }
                let mut s2 = T::lzero();
                for k in 0..i {
                    s2 = s2 + w[k][r] * a.get(g, s + k).conj();
                }
                let v = a.get(s + r, g) - s1 - s2;
                a.set(s + r, g, v);
            }
        }
        a.set(g, g, real_part(a.get(g, g)));
        if i + 1 < m {
            let mut x: Vec<T> = (g + 2..n).map(|r| a.get(r, g)).collect();
            let (tau, beta) = larfg(a.get(g + 1, g), &mut x);
            for (k, r) in (g + 2..n).enumerate() {
                a.set(r, g, x[k]);
            }
            e[g] = beta;
            taus[g] = tau;
            a.set(g + 1, g, T::lone());
            let v: Vec<T> = (g + 1..n).map(|r| a.get(r, g)).collect();
            let mut wi = hemv(a, false, g + 1, n, T::lone(), &v);
            if i > 0 {
                // t = W(i+1:m, 0:i)^H v; wi -= A(i+1:m, 0:i) t; t = A(i+1:m, 0:i)^H v;
                // wi -= W(i+1:m, 0:i) t.
                let t: Vec<T> = (0..i).map(|k| dotc(&w[k][i + 1..], &v)).collect();
                for (q, r) in (i + 1..m).enumerate() {
                    let mut sm = T::lzero();
                    for k in 0..i {
                        sm = sm + a.get(s + r, s + k) * t[k];
                    }
                    wi[q] = wi[q] - sm;
                }
                let t: Vec<T> = (0..i)
                    .map(|k| {
                        let col: Vec<T> = (i + 1..m).map(|r| a.get(s + r, s + k)).collect();
                        dotc(&col, &v)
                    })
                    .collect();
                for (q, r) in (i + 1..m).enumerate() {
                    let mut sm = T::lzero();
                    for k in 0..i {
                        sm = sm + w[k][r] * t[k];
                    }
                    wi[q] = wi[q] - sm;
                }
            }
            scal(&mut wi, tau);
            let alpha = -(half * tau * dotc(&wi, &v));
            for (wk, &vk) in wi.iter_mut().zip(&v) {
                *wk = *wk + alpha * vk;
            }
            w[i][i + 1..].copy_from_slice(&wi);
        }
    }
    w
}

/// latrd, upper: reduces columns `m - NB..m` of the leading block `0..m`, returning W
/// (columns of length `m`).
fn latrd_upper<T: LinalgScalar>(
    a: &mut Mat<T>,
    m: usize,
    e: &mut [T::R],
    taus: &mut [T],
) -> Vec<Vec<T>> {
    let mut w: Vec<Vec<T>> = vec![vec![T::lzero(); m]; NB];
    let half = T::from_real(T::R::of_f64(0.5));
    for i in (m - NB..m).rev() {
        let iw = i + NB - m;
        if i + 1 < m {
            a.set(i, i, real_part(a.get(i, i)));
            // A(0:=i, i) -= A(0:=i, i+1:m) conj(W(i, iw+1:)) + W(0:=i, iw+1:) conj(A(i, i+1:m)).
            for r in 0..=i {
                let mut s1 = T::lzero();
                for (q, c) in (i + 1..m).enumerate() {
                    s1 = s1 + a.get(r, c) * w[iw + 1 + q][i].conj();
                }
                let mut s2 = T::lzero();
                for (q, c) in (i + 1..m).enumerate() {
                    s2 = s2 + w[iw + 1 + q][r] * a.get(i, c).conj();
                }
                let v = a.get(r, i) - s1 - s2;
                a.set(r, i, v);
            }
            a.set(i, i, real_part(a.get(i, i)));
        }
        if i > 0 {
            let mut x: Vec<T> = (0..i - 1).map(|r| a.get(r, i)).collect();
            let (tau, beta) = larfg(a.get(i - 1, i), &mut x);
            for (r, &xv) in x.iter().enumerate() {
                a.set(r, i, xv);
            }
            e[i - 1] = beta;
            taus[i - 1] = tau;
            a.set(i - 1, i, T::lone());
            let v: Vec<T> = (0..i).map(|r| a.get(r, i)).collect();
            let mut wi = hemv(a, true, 0, i, T::lone(), &v);
            if i + 1 < m {
                let cols = i + 1..m;
                let t: Vec<T> = (0..cols.len())
                    .map(|q| dotc(&w[iw + 1 + q][..i], &v))
                    .collect();
                for (r, wr) in wi.iter_mut().enumerate() {
                    let mut sm = T::lzero();
                    for (q, c) in cols.clone().enumerate() {
                        sm = sm + a.get(r, c) * t[q];
                    }
                    *wr = *wr - sm;
                }
                let t: Vec<T> = cols
                    .clone()
                    .map(|c| {
                        let col: Vec<T> = (0..i).map(|r| a.get(r, c)).collect();
                        dotc(&col, &v)
                    })
                    .collect();
                for (r, wr) in wi.iter_mut().enumerate() {
                    let mut sm = T::lzero();
                    for q in 0..cols.len() {
                        sm = sm + w[iw + 1 + q][r] * t[q];
                    }
                    *wr = *wr - sm;
                }
            }
            scal(&mut wi, tau);
            let alpha = -(half * tau * dotc(&wi, &v));
            for (wk, &vk) in wi.iter_mut().zip(&v) {
                *wk = *wk + alpha * vk;
            }
            w[iw][..i].copy_from_slice(&wi);
        }
    }
    w
}

/// sytrd/hetrd: `d`, `e`, `tau`, the reflectors left in `a`.
fn sytrd<T: LinalgScalar>(a: &mut Mat<T>, upper: bool) -> (Vec<T::R>, Vec<T::R>, Vec<T>) {
    let n = a.n;
    let mut d = vec![T::R::rzero(); n];
    let mut e = vec![T::R::rzero(); n.saturating_sub(1)];
    let mut taus = vec![T::lzero(); n.saturating_sub(1)];
    let nx = if NB < n { NB } else { n };
    if upper {
        let kk = n - (n - nx).div_ceil(NB) * NB;
        let mut i = n.saturating_sub(NB); // 0-based start of the panel
        while nx < n && i >= kk {
            let m = i + NB;
            let w = latrd_upper(a, m, &mut e, &mut taus);
            // A(0:i, 0:i) -= V W^H + W V^H, V = A(0:i, i:m).
            let v: Vec<Vec<T>> = (i..m)
                .map(|c| (0..i).map(|r| a.get(r, c)).collect())
                .collect();
            let wc: Vec<Vec<T>> = w.iter().map(|col| col[..i].to_vec()).collect();
            her2_update(a, true, 0, i, &v, &wc);
            for j in i..m {
                a.set(j - 1, j, T::from_real(e[j - 1]));
                d[j] = a.get(j, j).re();
            }
            if i < NB {
                break;
            }
            i -= NB;
        }
        sytd2(a, true, 0, kk, &mut d, &mut e, &mut taus);
    } else {
        let mut i = 0;
        while nx < n && i + nx < n {
            let w = latrd_lower(a, i, &mut e, &mut taus);
            let lo = i + NB;
            let v: Vec<Vec<T>> = (i..lo)
                .map(|c| (lo..n).map(|r| a.get(r, c)).collect())
                .collect();
            let wc: Vec<Vec<T>> = w.iter().map(|col| col[NB..].to_vec()).collect();
            her2_update(a, false, lo, n, &v, &wc);
            for j in i..lo {
                a.set(j + 1, j, T::from_real(e[j]));
                d[j] = a.get(j, j).re();
            }
            i += NB;
        }
        sytd2(a, false, i, n, &mut d, &mut e, &mut taus);
    }
    (d, e, taus)
}

/// lanst('M').
fn lanst<R: LinalgReal>(d: &[R], e: &[R]) -> R {
    d.iter()
        .chain(e)
        .fold(R::rzero(), |acc, &x| nan_max(acc, x.fabs()))
}

/// lartg (the 3.10 version): `(c, s, r)`.
fn lartg<R: LinalgReal>(f: R, g: R) -> (R, R, R) {
    let (zero, one) = (R::rzero(), R::of_f64(1.0));
    let sfmin = safmin::<R>();
    let sfmax = one / sfmin;
    let rtmin = sfmin.sqrt();
    let rtmax = (sfmax / R::of_f64(2.0)).sqrt();
    let (f1, g1) = (f.fabs(), g.fabs());
    if g == zero {
        (one, zero, f)
    } else if f == zero {
        (zero, sign(one, g), g1)
    } else if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        let d = (f * f + g * g).sqrt();
        let r = sign(d, f);
        (f1 / d, g / r, r)
    } else {
        let mut u = if f1 > g1 { f1 } else { g1 };
        if !(u > sfmin) {
            u = if sfmin > u { sfmin } else { u };
        }
        if u > sfmax {
            u = sfmax;
        }
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let r = sign(d, f);
        (fs.fabs() / d, gs / r, r * u)
    }
}

/// The eigenvector block steqr rotates: rows `r0..r0 + rows`, columns from `c0`.
struct ZBlock<'a, R> {
    z: &'a mut [R],
    ld: usize,
    r0: usize,
    c0: usize,
    rows: usize,
}

impl<R: LinalgReal> ZBlock<'_, R> {
    /// lasr('R', 'V', dir): plane rotations `(c[j], s[j])` on columns `l + j, l + j + 1`.
    fn rotate(&mut self, l: usize, c: &[R], s: &[R], forward: bool) {
        let (one, zero) = (R::of_f64(1.0), R::rzero());
        let count = c.len();
        let order: Vec<usize> = if forward {
            (0..count).collect()
        } else {
            (0..count).rev().collect()
        };
        for j in order {
            let (ct, st) = (c[j], s[j]);
            if ct != one || st != zero {
                let c1 = (self.c0 + l + j) * self.ld + self.r0;
                let c2 = c1 + self.ld;
                for i in 0..self.rows {
                    let temp = self.z[c2 + i];
                    self.z[c2 + i] = ct * temp - st * self.z[c1 + i];
                    self.z[c1 + i] = st * temp + ct * self.z[c1 + i];
                }
            }
        }
    }

    fn swap_cols(&mut self, a: usize, b: usize) {
        for i in 0..self.rows {
            self.z.swap(
                (self.c0 + a) * self.ld + self.r0 + i,
                (self.c0 + b) * self.ld + self.r0 + i,
            );
        }
    }
}

/// Scales `x` by `to / from` (lascl, in one step).
fn lascl<R: LinalgReal>(x: &mut [R], from: R, to: R) {
    for v in x {
        *v = *v * (to / from);
    }
}

/// steqr / sterf (`z` None). Returns whether it converged.
fn steqr<R: LinalgReal>(d: &mut [R], e: &mut [R], mut z: Option<ZBlock<'_, R>>) -> bool {
    let n = d.len();
    let (zero, one, two) = (R::rzero(), R::of_f64(1.0), R::of_f64(2.0));
    let eps = eps::<R>();
    let eps2 = eps * eps;
    let sfmin = safmin::<R>();
    let ssfmax = (one / sfmin).sqrt() / R::of_f64(3.0);
    let ssfmin = sfmin.sqrt() / eps2;
    let vectors = z.is_some();
    if n <= 1 {
        return true;
    }
    let nmaxit = n * 30;
    let mut jtot = 0;
    let mut l1 = 0;
    let mut work_c = vec![zero; n];
    let mut work_s = vec![zero; n];
    loop {
        if l1 >= n {
            break;
        }
        if l1 > 0 {
            e[l1 - 1] = zero;
        }
        let mut m = n - 1;
        for mm in l1..n - 1 {
            let tst = e[mm].fabs();
            if vectors && tst == zero {
                m = mm;
                break;
            }
            if tst <= (d[mm].fabs().sqrt() * d[mm + 1].fabs().sqrt()) * eps {
                e[mm] = zero;
                m = mm;
                break;
            }
        }
        let mut l = l1;
        let lsv = l;
        let mut lend = m;
        let lendsv = lend;
        l1 = m + 1;
        if lend == l {
            continue;
        }
        let anorm = lanst(&d[l..=lend], &e[l..lend]);
        let mut iscale = 0;
        if anorm == zero {
            continue;
        }
        if anorm > ssfmax {
            iscale = 1;
            lascl(&mut d[l..=lend], anorm, ssfmax);
            lascl(&mut e[l..lend], anorm, ssfmax);
        } else if anorm < ssfmin {
            iscale = 2;
            lascl(&mut d[l..=lend], anorm, ssfmin);
            lascl(&mut e[l..lend], anorm, ssfmin);
        }
        if !vectors {
            for x in &mut e[l..lend] {
                *x = *x * *x;
            }
        }
        if d[lend].fabs() < d[l].fabs() {
            lend = lsv;
            l = lendsv;
        }
        if lend > l {
            // QL iteration.
            loop {
                let mut m = lend;
                if l != lend {
                    for mm in l..lend {
                        let small = if vectors {
                            let tst = e[mm].fabs();
                            tst * tst <= (eps2 * d[mm].fabs()) * d[mm + 1].fabs() + sfmin
                        } else {
                            e[mm].fabs() <= eps2 * (d[mm] * d[mm + 1]).fabs()
                        };
                        if small {
                            m = mm;
                            break;
                        }
                    }
                }
                if m < lend {
                    e[m] = zero;
                }
                let p = d[l];
                if m == l {
                    d[l] = p;
                    l += 1;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if m == l + 1 {
                    if let Some(zb) = z.as_mut() {
                        let (rt1, rt2, c, s) = laev2(d[l], e[l], d[l + 1]);
                        zb.rotate(l, &[c], &[s], false);
                        d[l] = rt1;
                        d[l + 1] = rt2;
                    } else {
                        let (rt1, rt2, ..) = lae2(d[l], e[l].sqrt(), d[l + 1]);
                        d[l] = rt1;
                        d[l + 1] = rt2;
                    }
                    e[l] = zero;
                    l += 2;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                if let Some(zb) = z.as_mut() {
                    let mut g = (d[l + 1] - p) / (two * e[l]);
                    let r = lapy(&[g, one]);
                    g = d[m] - p + (e[l] / (g + sign(r, g)));
                    let (mut s, mut c, mut p) = (one, one, zero);
                    for i in (l..m).rev() {
                        let f = s * e[i];
                        let b = c * e[i];
                        let (cc, ss, r) = lartg(g, f);
                        c = cc;
                        s = ss;
                        if i != m - 1 {
                            e[i + 1] = r;
                        }
                        g = d[i + 1] - p;
                        let r = (d[i] - g) * s + two * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                        work_c[i] = c;
                        work_s[i] = -s;
                    }
                    zb.rotate(l, &work_c[l..m], &work_s[l..m], false);
                    d[l] = d[l] - p;
                    e[l] = g;
                } else {
                    let rte = e[l].sqrt();
                    let mut sigma = (d[l + 1] - p) / (two * rte);
                    let r = lapy(&[sigma, one]);
                    sigma = p - (rte / (sigma + sign(r, sigma)));
                    let (mut c, mut s) = (one, zero);
                    let mut gamma = d[m] - sigma;
                    let mut p = gamma * gamma;
                    for i in (l..m).rev() {
                        let bb = e[i];
                        let r = p + bb;
                        if i != m - 1 {
                            e[i + 1] = s * r;
                        }
                        let oldc = c;
                        c = p / r;
                        s = bb / r;
                        let oldgam = gamma;
                        let alpha = d[i];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i + 1] = oldgam + (alpha - gamma);
                        p = if c != zero {
                            (gamma * gamma) / c
                        } else {
                            oldc * bb
                        };
                    }
                    e[l] = s * p;
                    d[l] = sigma + gamma;
                }
            }
        } else {
            // QR iteration.
            loop {
                let mut m = lend;
                if l != lend {
                    let mut mm = l;
                    while mm > lend {
                        let small = if vectors {
                            let tst = e[mm - 1].fabs();
                            tst * tst <= (eps2 * d[mm].fabs()) * d[mm - 1].fabs() + sfmin
                        } else {
                            e[mm - 1].fabs() <= eps2 * (d[mm] * d[mm - 1]).fabs()
                        };
                        if small {
                            m = mm;
                            break;
                        }
                        mm -= 1;
                    }
                }
                if m > lend {
                    e[m - 1] = zero;
                }
                let p = d[l];
                if m == l {
                    d[l] = p;
                    if l == 0 || l - 1 < lend {
                        break;
                    }
                    l -= 1;
                    continue;
                }
                if m + 1 == l {
                    if let Some(zb) = z.as_mut() {
                        let (rt1, rt2, c, s) = laev2(d[l - 1], e[l - 1], d[l]);
                        zb.rotate(m, &[c], &[s], true);
                        d[l - 1] = rt1;
                        d[l] = rt2;
                    } else {
                        let (rt1, rt2, ..) = lae2(d[l], e[l - 1].sqrt(), d[l - 1]);
                        d[l] = rt1;
                        d[l - 1] = rt2;
                    }
                    e[l - 1] = zero;
                    if l < 2 || l - 2 < lend {
                        break;
                    }
                    l -= 2;
                    continue;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                if let Some(zb) = z.as_mut() {
                    let mut g = (d[l - 1] - p) / (two * e[l - 1]);
                    let r = lapy(&[g, one]);
                    g = d[m] - p + (e[l - 1] / (g + sign(r, g)));
                    let (mut s, mut c, mut p) = (one, one, zero);
                    for i in m..l {
                        let f = s * e[i];
                        let b = c * e[i];
                        let (cc, ss, r) = lartg(g, f);
                        c = cc;
                        s = ss;
                        if i != m {
                            e[i - 1] = r;
                        }
                        g = d[i] - p;
                        let r = (d[i + 1] - g) * s + two * c * b;
                        p = s * r;
                        d[i] = g + p;
                        g = c * r - b;
                        work_c[i] = c;
                        work_s[i] = s;
                    }
                    zb.rotate(m, &work_c[m..l], &work_s[m..l], true);
                    d[l] = d[l] - p;
                    e[l - 1] = g;
                } else {
                    let rte = e[l - 1].sqrt();
                    let mut sigma = (d[l - 1] - p) / (two * rte);
                    let r = lapy(&[sigma, one]);
                    sigma = p - (rte / (sigma + sign(r, sigma)));
                    let (mut c, mut s) = (one, zero);
                    let mut gamma = d[m] - sigma;
                    let mut p = gamma * gamma;
                    for i in m..l {
                        let bb = e[i];
                        let r = p + bb;
                        if i != m {
                            e[i - 1] = s * r;
                        }
                        let oldc = c;
                        c = p / r;
                        s = bb / r;
                        let oldgam = gamma;
                        let alpha = d[i + 1];
                        gamma = c * (alpha - sigma) - s * oldgam;
                        d[i] = oldgam + (alpha - gamma);
                        p = if c != zero {
                            (gamma * gamma) / c
                        } else {
                            oldc * bb
                        };
                    }
                    e[l - 1] = s * p;
                    d[l] = sigma + gamma;
                }
            }
        }
        if iscale == 1 {
            lascl(&mut d[lsv..=lendsv], ssfmax, anorm);
            if vectors {
                lascl(&mut e[lsv..lendsv], ssfmax, anorm);
            }
        } else if iscale == 2 {
            lascl(&mut d[lsv..=lendsv], ssfmin, anorm);
            if vectors {
                lascl(&mut e[lsv..lendsv], ssfmin, anorm);
            }
        }
        if jtot >= nmaxit {
            return e.iter().all(|&x| x == zero);
        }
    }
    if let Some(zb) = z.as_mut() {
        selection_sort(d, zb);
    } else {
        lasrt(d);
    }
    true
}

/// The selection sort of steqr/stedc, swapping eigenvector columns along.
fn selection_sort<R: LinalgReal>(d: &mut [R], z: &mut ZBlock<'_, R>) {
    let n = d.len();
    for i in 0..n.saturating_sub(1) {
        let mut k = i;
        let mut p = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
            if dj < p {
                k = j;
                p = dj;
            }
        }
        if k != i {
            d[k] = d[i];
            d[i] = p;
            z.swap_cols(i, k);
        }
    }
}

/// lasrt('I'): insertion sort up to 20 elements, else median-of-three quicksort.
fn lasrt<R: LinalgReal>(d: &mut [R]) {
    let n = d.len();
    if n <= 1 {
        return;
    }
    let mut stack = vec![(0usize, n - 1)];
    while let Some((start, endd)) = stack.pop() {
        if endd - start <= 20 && endd > start {
            for i in start + 1..=endd {
                let mut j = i;
                while j > start && d[j] < d[j - 1] {
                    d.swap(j, j - 1);
                    j -= 1;
                }
            }
        } else if endd - start > 20 {
            let (d1, d2) = (d[start], d[endd]);
            let d3 = d[(start + endd) / 2];
            let pivot = if d1 < d2 {
                if d3 < d1 {
                    d1
                } else if d3 < d2 {
                    d3
                } else {
                    d2
                }
            } else if d3 < d2 {
                d2
            } else if d3 < d1 {
                d3
            } else {
                d1
            };
            // Hoare partition as LAPACK writes it (indices kept in range).
            let mut i = start as isize - 1;
            let mut j = endd as isize + 1;
            loop {
                j -= 1;
                while j > start as isize && d[j as usize] > pivot {
                    j -= 1;
                }
                i += 1;
                while (i as usize) < endd && d[i as usize] < pivot {
                    i += 1;
                }
                if i < j {
                    d.swap(i as usize, j as usize);
                } else {
                    break;
                }
            }
            let j = j as usize;
            if j - start > endd - j - 1 {
                stack.push((start, j));
                stack.push((j + 1, endd));
            } else {
                stack.push((j + 1, endd));
                stack.push((start, j));
            }
        }
    }
}

/// Largest block steqr solves inside stedc (ilaenv's SMLSIZ).
const SMLSIZ: usize = 25;

/// stedc('I') into the column-major `n x n` `z`. Returns whether it converged.
fn stedc<R: LinalgReal>(d: &mut [R], e: &mut [R], z: &mut [R]) -> bool {
    let n = d.len();
    let zero = R::rzero();
    for (i, x) in z.iter_mut().enumerate() {
        *x = if i % (n + 1) == 0 {
            R::of_f64(1.0)
        } else {
            zero
        };
    }
    if n == 1 {
        return true;
    }
    if n <= SMLSIZ {
        let zb = ZBlock {
            z,
            ld: n,
            r0: 0,
            c0: 0,
            rows: n,
        };
        return steqr(d, e, Some(zb));
    }
    if lanst(d, e) == zero {
        return true;
    }
    let eps = eps::<R>();
    let mut start = 0;
    while start < n {
        let mut finish = start;
        while finish + 1 < n {
            let tiny = eps * d[finish].fabs().sqrt() * d[finish + 1].fabs().sqrt();
            if e[finish].fabs() > tiny {
                finish += 1;
            } else {
                break;
            }
        }
        let m = finish - start + 1;
        if m > 1 {
            if m > SMLSIZ {
                // LAPACK's divide and conquer (laed0); ours on the (finite) block.
                let mut u = vec![zero; m * m];
                let mut db = d[start..=finish].to_vec();
                if crate::tridiag_dc::tridiag_evd(
                    &mut db,
                    &e[start..finish],
                    &mut u,
                    crate::tridiag_dc::LEAF,
                )
                .is_err()
                {
                    return false;
                }
                d[start..=finish].copy_from_slice(&db);
                for c in 0..m {
                    for r in 0..m {
                        z[(start + c) * n + start + r] = u[c * m + r];
                    }
                }
            } else {
                let zb = ZBlock {
                    z: &mut *z,
                    ld: n,
                    r0: start,
                    c0: start,
                    rows: m,
                };
                if !steqr(&mut d[start..=finish], &mut e[start..finish], Some(zb)) {
                    return false;
                }
            }
        }
        start = finish + 1;
    }
    let mut zb = ZBlock {
        z,
        ld: n,
        r0: 0,
        c0: 0,
        rows: n,
    };
    selection_sort(d, &mut zb);
    true
}

/// larf1f/larf1l from the left on the column-major `n x n` `c`, rows `r0..r0 + v.len()`:
/// `C <- (I - tau v v^H) C`, with the unit element of `v` first (`ql` false) or last.
/// Zero entries of `v` at its far end (larf1f) or its start (larf1l) are left out, and so
/// are trailing zero columns of `C`.
fn larf<T: LinalgScalar>(v: &[T], tau: T, c: &mut [T], n: usize, r0: usize, ql: bool) {
    if is_zero(tau) || v.is_empty() {
        return;
    }
    let len = v.len();
    let (first, last) = if ql {
        (
            v[..len - 1]
                .iter()
                .position(|&x| !is_zero(x))
                .unwrap_or(len - 1),
            len,
        )
    } else {
        (
            0,
            v[1..]
                .iter()
                .rposition(|&x| !is_zero(x))
                .map_or(1, |p| p + 2),
        )
    };
    let lastc = (0..n)
        .rev()
        .find(|&col| (0..last).any(|r| !is_zero(c[col * n + r0 + r])))
        .map_or(0, |col| col + 1);
    for col in 0..lastc {
        let base = col * n + r0;
        let w = (first..last).fold(T::lzero(), |s, r| s + c[base + r].conj() * v[r]);
        let f = -(tau * w.conj());
        for r in first..last {
            c[base + r] = c[base + r] + f * v[r];
        }
    }
}

/// The reflector `i` of sytrd, as a vector over rows `r0..r0 + len`.
fn reflector<T: LinalgScalar>(a: &Mat<T>, upper: bool, i: usize) -> (usize, Vec<T>) {
    let n = a.n;
    if upper {
        // v(0..i) = A(0..i, i + 1), v(i) = 1: rows 0..=i.
        let mut v: Vec<T> = (0..i).map(|r| a.get(r, i + 1)).collect();
        v.push(T::lone());
        (0, v)
    } else {
        // v(i + 1) = 1, v(i + 2..n) = A(i + 2..n, i).
        let mut v = vec![T::lone()];
        v.extend((i + 2..n).map(|r| a.get(r, i)));
        (i + 1, v)
    }
}

/// ormtr/unmtr('L', uplo, 'N'): `Z <- Q Z` with the reflectors of [`sytrd`].
fn ormtr<T: LinalgScalar>(a: &Mat<T>, upper: bool, taus: &[T], z: &mut [T]) {
    let n = a.n;
    let k = n - 1;
    // NumPy's results show blocks of NB reflectors from k > NB on for real types and
    // the unblocked code at every order for complex ones (heevd passes unmtr a
    // workspace of only n elements, too small for a block).
    let nb = if T::IS_COMPLEX { 1 } else { NB };
    if nb < 2 || nb >= k {
        // orm2r applies H(k-1) first, orm2l H(0) first.
        let order: Vec<usize> = if upper {
            (0..k).collect()
        } else {
            (0..k).rev().collect()
        };
        for i in order {
            let (r0, v) = reflector(a, upper, i);
            larf(&v, taus[i], z, n, r0, upper);
        }
        return;
    }
    // Blocked: larft + larfb on blocks of NB reflectors.
    let starts: Vec<usize> = if upper {
        (0..k).step_by(nb).collect()
    } else {
        (0..k).step_by(nb).rev().collect()
    };
    for s in starts {
        let ib = nb.min(k - s);
        larfb_block(a, upper, taus, s, ib, z);
    }
}

/// larft + larfb('L', 'N', 'C') for reflectors `s..s + ib` applied to `z`.
fn larfb_block<T: LinalgScalar>(
    a: &Mat<T>,
    upper: bool,
    taus: &[T],
    s: usize,
    ib: usize,
    z: &mut [T],
) {
    let n = a.n;
    // The rows the block touches and V over them (column j = reflector s + j).
    let (r0, rows) = if upper {
        (0, s + ib)
    } else {
        (s + 1, n - s - 1)
    };
    let mut v = vec![vec![T::lzero(); rows]; ib];
    for (j, col) in v.iter_mut().enumerate() {
        let (rr, vec) = reflector(a, upper, s + j);
        for (q, &x) in vec.iter().enumerate() {
            col[rr + q - r0] = x;
        }
    }
    // The unit "diagonal" of column j: row j (forward) or rows - ib + j (backward).
    let unit = |j: usize| if upper { rows - ib + j } else { j };
    let tau = |j: usize| taus[s + j];
    // larft (the version with trailing-zero scans).
    let mut t = vec![vec![T::lzero(); ib]; ib]; // t[col][row]
    if !upper {
        let mut prevlastv = rows;
        for i in 0..ib {
            prevlastv = prevlastv.max(i + 1);
            if is_zero(tau(i)) {
                continue;
            }
            let mut lastv = rows;
            while lastv > i + 1 && is_zero(v[i][lastv - 1]) {
                lastv -= 1;
            }
            let jlim = lastv.min(prevlastv);
            let mut col = vec![T::lzero(); i];
            for (jj, cj) in col.iter_mut().enumerate() {
                // -tau * V(i, jj)^H... for complex the conjugate of V(i, jj).
                let mut sm = v[jj][i].conj();
                for r in i + 1..jlim {
                    sm = sm + v[jj][r].conj() * v[i][r];
                }
                *cj = -tau(i) * sm;
            }
            // trmv upper: col = T(0..i, 0..i) col.
            let mut out = vec![T::lzero(); i];
            for (r, o) in out.iter_mut().enumerate() {
                let mut sm = T::lzero();
                for q in r..i {
                    sm = sm + t[q][r] * col[q];
                }
                *o = sm;
            }
            t[i][..i].copy_from_slice(&out);
            t[i][i] = tau(i);
            prevlastv = if i > 0 { prevlastv.max(lastv) } else { lastv };
        }
    } else {
        let mut prevlastv = 0;
        for i in (0..ib).rev() {
            if is_zero(tau(i)) {
                continue;
            }
            if i + 1 < ib {
                let ui = unit(i);
                // LAPACK scans only the first i entries here.
                let mut lastv = 0;
                while lastv < i && is_zero(v[i][lastv]) {
                    lastv += 1;
                }
                let jstart = lastv.max(prevlastv).min(ui);
                let mut col = vec![T::lzero(); ib - i - 1];
                for (q, cj) in col.iter_mut().enumerate() {
                    let jj = i + 1 + q;
                    let mut sm = v[jj][ui].conj();
                    for r in jstart..ui {
                        sm = sm + v[jj][r].conj() * v[i][r];
                    }
                    *cj = -tau(i) * sm;
                }
                // trmv lower on T(i+1.., i+1..).
                let mut out = vec![T::lzero(); ib - i - 1];
                for (q, o) in out.iter_mut().enumerate() {
                    let mut sm = T::lzero();
                    for p in 0..=q {
                        sm = sm + t[i + 1 + p][i + 1 + q] * col[p];
                    }
                    *o = sm;
                }
                for (q, &o) in out.iter().enumerate() {
                    t[i][i + 1 + q] = o;
                }
                prevlastv = if i > 0 { prevlastv.min(lastv) } else { lastv };
            }
            t[i][i] = tau(i);
        }
    }
    // larfb('L', 'N', 'C'): per column of C, y = V^H c, y = T y, c -= V y, where the
    // triangular kernels touch only V's stored triangle (and its unit entries).
    let active = |r: usize, j: usize| if upper { r <= unit(j) } else { r >= unit(j) };
    let vv = |r: usize, j: usize| if r == unit(j) { T::lone() } else { v[j][r] };
    for c in 0..n {
        let base = c * n + r0;
        let y: Vec<T> = (0..ib)
            .map(|j| {
                (0..rows)
                    .filter(|&r| active(r, j))
                    .fold(T::lzero(), |s, r| s + vv(r, j).conj() * z[base + r])
            })
            .collect();
        let ty: Vec<T> = (0..ib)
            .map(|r| {
                let qs = if upper { 0..r + 1 } else { r..ib };
                qs.fold(T::lzero(), |s, q| s + t[q][r] * y[q])
            })
            .collect();
        for r in 0..rows {
            let sm = (0..ib)
                .filter(|&j| active(r, j))
                .fold(T::lzero(), |s, j| s + vv(r, j) * ty[j]);
            z[base + r] = z[base + r] - sm;
        }
    }
}

/// syevd/heevd (`jobz` from `vectors`) on the `n x n` matrix `m` (n >= 2, its `upper`
/// or lower triangle read), given column by column through `get(row, col)`.
pub(crate) fn heevd<T: LinalgScalar>(
    n: usize,
    get: impl Fn(usize, usize) -> T,
    upper: bool,
    vectors: bool,
) -> Evd<T> {
    let mut a = Mat {
        n,
        a: vec![T::lzero(); n * n],
    };
    let mut anrm = T::R::rzero();
    for c in 0..n {
        for r in 0..n {
            if r != c && (r < c) != upper {
                continue;
            }
            let z = get(r, c);
            a.set(r, c, z);
            let v = if r == c { z.re().fabs() } else { cabs(z) };
            anrm = nan_max(anrm, v);
        }
    }
    let inf_scaled = anrm.as_f64().is_infinite();
    if !(anrm.is_nan() || inf_scaled) {
        return Evd::Finite;
    }
    if inf_scaled {
        // lascl by sigma = rmax / inf = 0 (for complex a full complex product with
        // 0 + 0i, so an infinite part makes both parts NaN).
        let zero = T::lzero();
        for x in &mut a.a {
            *x = *x * zero;
        }
    }
    let (mut d, mut e, taus) = sytrd(&mut a, upper);
    let mut zc: Vec<T> = Vec::new();
    if vectors {
        let mut z = vec![T::R::rzero(); n * n];
        if !stedc(&mut d, &mut e, &mut z) {
            return Evd::NoConvergence;
        }
        zc = z.into_iter().map(T::from_real).collect();
        ormtr(&a, upper, &taus, &mut zc);
    } else if !steqr(&mut d, &mut e, None) {
        return Evd::NoConvergence;
    }
    if inf_scaled {
        let inf = T::R::of_f64(f64::INFINITY);
        for x in &mut d {
            *x = *x * inf;
        }
    }
    let mut v = Vec::new();
    if vectors {
        v.reserve(n * n);
        for r in 0..n {
            for c in 0..n {
                v.push(zc[c * n + r]);
            }
        }
    }
    Evd::Done(d, v)
}
