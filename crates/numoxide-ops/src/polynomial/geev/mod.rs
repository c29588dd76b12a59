//! `np.linalg.eig`/`eigvals` as NumPy computes them: LAPACK's `geev` path (balance,
//! Hessenberg reduction, Schur form by QR iteration, eigenvectors of the Schur form,
//! back-transformation, normalization), written in Rust from the reference algorithms
//! in the input's precision, so that eigenvalues come out in NumPy's order.

mod complex;
mod real;

pub use complex::{geev_complex, ComplexEig};

use std::ops::{Add, Div, Index, IndexMut, Mul, Neg, Sub};

/// LAPACK's `dhseqr` switches from the double-shift QR iteration (`lahqr`) to the
/// multishift one (`laqr0`) above this order (`iparmq`'s NMIN).
pub const NMIN: usize = 75;

/// The real precisions LAPACK computes in (`f32` for the `s`/`c` routines, `f64` for
/// `d`/`z`), with `dlamch`'s constants.
pub trait Re:
    Copy
    + PartialOrd
    + PartialEq
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + std::fmt::Debug
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// 2.
    const TWO: Self;
    /// 0.5.
    const HALF: Self;
    /// `dlamch('P')`: epsilon times the base.
    const EPS_P: Self;
    /// `dlamch('E')`: the relative machine epsilon (half an ulp of 1).
    const EPS_E: Self;
    /// `dlamch('S')`: the safe minimum.
    const SAFMIN: Self;
    /// The largest finite value (`dlamch('O')`).
    const MAX: Self;
    /// `dlanv2`'s SAFMN2: the base to the power `int(log(safmin / eps) / log(2) / 2)`.
    const SAFMN2: Self;
    /// Absolute value.
    fn abs(self) -> Self;
    /// Square root.
    fn sqrt(self) -> Self;
    /// Larger of two (Fortran `MAX`).
    fn max(self, o: Self) -> Self;
    /// Smaller of two (Fortran `MIN`).
    fn min(self, o: Self) -> Self;
    /// Fortran `SIGN(a, b)`: `|a|` with the sign of `b`.
    fn sign(self, b: Self) -> Self;
    /// NaN test.
    fn is_nan(self) -> bool;
    /// From f64 (rounded).
    fn from_f64(v: f64) -> Self;
    /// To f64 (exact).
    fn to_f64(self) -> f64;
    /// `nrm2` as OpenBLAS computes it: the square root of the sum of squares taken in
    /// extended precision, rounded once (f64: a double-double sum and a corrected square
    /// root; f32: in f64).
    fn nrm2(xs: &mut dyn Iterator<Item = Self>) -> Self;
}

/// One step of LAPACK's balancing (`xgebal`) for index `i`: from the column and row
/// 2-norms `c`, `r` and largest magnitudes `ca`, `ra` (norms nonzero, nothing NaN) and
/// the index's scale so far, the power-of-two factor to apply — or `None` when the pair
/// is balanced enough or the factor would take the scale out of range. `sfmin1` is
/// LAPACK's SFMIN1 (the safe minimum over the precision); the other limits follow.
#[allow(clippy::too_many_arguments)]
pub fn balance_factor<R: Re>(c: R, r: R, ca: R, ra: R, scale: R, sfmin1: R) -> Option<R> {
    let two = R::TWO;
    let sfmax1 = R::ONE / sfmin1;
    let sfmin2 = sfmin1 * two;
    let sfmax2 = R::ONE / sfmin2;
    let (mut c, mut r, mut ca, mut ra) = (c, r, ca, ra);
    let mut g = r / two;
    let mut f = R::ONE;
    let s = c + r;
    while c < g && f.max(c).max(ca) < sfmax2 && r.min(g).min(ra) > sfmin2 {
        f = f * two;
        c = c * two;
        ca = ca * two;
        r = r / two;
        g = g / two;
        ra = ra / two;
    }
    g = c / two;
    while g >= r && r.max(ra) < sfmax2 && f.min(c).min(g).min(ca) > sfmin2 {
        f = f / two;
        c = c / two;
        g = g / two;
        ca = ca / two;
        r = r * two;
        ra = ra * two;
    }
    if c + r >= R::from_f64(0.95) * s {
        return None;
    }
    if f < R::ONE && scale < R::ONE && f * scale <= sfmin1 {
        return None;
    }
    if f > R::ONE && scale > R::ONE && scale >= sfmax1 / f {
        return None;
    }
    Some(f)
}

/// The 2-norm of f64 values, correctly rounded in nearly every case (as OpenBLAS's x87
/// kernel computes it): squares summed exactly in double-double arithmetic after a
/// power-of-two scaling that keeps them in range, then a Newton-corrected square root.
fn nrm2_f64(xs: &mut dyn Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = xs.collect();
    let amax = v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if amax == 0.0 || !amax.is_finite() {
        return amax;
    }
    // Scale by 2^-e so the largest magnitude is near 1: exact, and squares cannot
    // overflow or (for the entries that matter) underflow.
    let e = amax.log2().floor() as i32;
    let sc = 2f64.powi(-e);
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for x in v {
        let y = x * sc;
        let p = y * y;
        let pe = y.mul_add(y, -p);
        // two-sum of (hi, p), then fold in the low parts.
        let s = hi + p;
        let bb = s - hi;
        let err = (hi - (s - bb)) + (p - bb);
        hi = s;
        lo += err + pe;
    }
    let s = hi + lo;
    let slo = lo - (s - hi);
    let r = s.sqrt();
    let d = (-r).mul_add(r, s) + slo;
    (r + d / (2.0 * r)) * 2f64.powi(e)
}

macro_rules! re_impl {
    ($t:ty, $safmn2:expr, $nrm:ident) => {
        impl Re for $t {
            const ZERO: $t = 0.0;
            const ONE: $t = 1.0;
            const TWO: $t = 2.0;
            const HALF: $t = 0.5;
            const EPS_P: $t = <$t>::EPSILON;
            const EPS_E: $t = <$t>::EPSILON * 0.5;
            const SAFMIN: $t = <$t>::MIN_POSITIVE;
            const MAX: $t = <$t>::MAX;
            const SAFMN2: $t = $safmn2;
            #[inline]
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            #[inline]
            fn sqrt(self) -> $t {
                <$t>::sqrt(self)
            }
            #[inline]
            fn max(self, o: $t) -> $t {
                if o > self {
                    o
                } else {
                    self
                }
            }
            #[inline]
            fn min(self, o: $t) -> $t {
                if o < self {
                    o
                } else {
                    self
                }
            }
            #[inline]
            fn sign(self, b: $t) -> $t {
                <$t>::copysign(<$t>::abs(self), b)
            }
            #[inline]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            #[inline]
            fn from_f64(v: f64) -> $t {
                v as $t
            }
            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }
            fn nrm2(xs: &mut dyn Iterator<Item = $t>) -> $t {
                $nrm(xs)
            }
        }
    };
}

/// The 2-norm of f32 values computed in f64 and rounded once.
fn nrm2_f32(xs: &mut dyn Iterator<Item = f32>) -> f32 {
    let s: f64 = xs.map(|x| (x as f64) * (x as f64)).sum();
    s.sqrt() as f32
}

// SAFMN2 = 2^int(log2(safmin / eps) / 2): f64 log2(2^-1022 / 2^-52) / 2 = -485;
// f32 log2(2^-126 / 2^-23) / 2 = -51.5 -> -51 (Fortran INT truncates toward zero).
re_impl!(f64, f64::from_bits(538u64 << 52), nrm2_f64);
re_impl!(f32, f32::from_bits(76u32 << 23), nrm2_f32);

/// A column-major matrix with 1-based `(row, column)` indexing, as the reference
/// algorithms are written.
#[derive(Clone, Debug)]
pub struct Fm<T> {
    /// Rows.
    pub n: usize,
    /// Columns.
    pub m: usize,
    /// The elements, column after column.
    pub d: Vec<T>,
}

impl<T: Copy> Fm<T> {
    /// An `n x m` matrix filled with `v`.
    pub fn filled(n: usize, m: usize, v: T) -> Self {
        Fm {
            n,
            m,
            d: vec![v; n * m],
        }
    }

    /// Column `j` (1-based) as a slice of its `n` elements.
    pub fn col(&self, j: usize) -> &[T] {
        &self.d[(j - 1) * self.n..j * self.n]
    }

    /// Column `j` (1-based), mutable.
    pub fn col_mut(&mut self, j: usize) -> &mut [T] {
        &mut self.d[(j - 1) * self.n..j * self.n]
    }

    /// Swap rows `a` and `b` on columns `c0..=c1`.
    pub fn swap_rows(&mut self, a: usize, b: usize, c0: usize, c1: usize) {
        for j in c0..=c1 {
            let (x, y) = (self[(a, j)], self[(b, j)]);
            self[(a, j)] = y;
            self[(b, j)] = x;
        }
    }

    /// Swap columns `a` and `b` on rows `r0..=r1`.
    pub fn swap_cols(&mut self, a: usize, b: usize, r0: usize, r1: usize) {
        for i in r0..=r1 {
            let (x, y) = (self[(i, a)], self[(i, b)]);
            self[(i, a)] = y;
            self[(i, b)] = x;
        }
    }
}

impl<R: Re> Fm<R> {
    /// The `n x n` identity.
    pub fn identity(n: usize) -> Self {
        let mut q = Fm::filled(n, n, R::ZERO);
        for i in 1..=n {
            q[(i, i)] = R::ONE;
        }
        q
    }
}

impl<T> Index<(usize, usize)> for Fm<T> {
    type Output = T;
    #[inline]
    fn index(&self, (i, j): (usize, usize)) -> &T {
        &self.d[(i - 1) + (j - 1) * self.n]
    }
}

impl<T> IndexMut<(usize, usize)> for Fm<T> {
    #[inline]
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        &mut self.d[(i - 1) + (j - 1) * self.n]
    }
}

/// `dlascl` 'G': multiply `x` by `cto / cfrom` without over/underflow, in steps.
pub fn lascl<R: Re, T: Copy + Mul<R, Output = T>>(cfrom: R, cto: R, x: &mut [T]) {
    let smlnum = R::SAFMIN;
    let bignum = R::ONE / smlnum;
    let mut cfromc = cfrom;
    let mut ctoc = cto;
    loop {
        let cfrom1 = cfromc * smlnum;
        let (mul, done);
        if cfrom1 == cfromc {
            // cfromc is inf: the result is a correctly signed zero, inf or NaN.
            mul = ctoc / cfromc;
            done = true;
        } else {
            let cto1 = ctoc / bignum;
            if cto1 == ctoc {
                mul = ctoc;
                done = true;
            } else if cfrom1.abs() > ctoc.abs() && ctoc != R::ZERO {
                mul = smlnum;
                done = false;
                cfromc = cfrom1;
            } else if cto1.abs() > cfromc.abs() {
                mul = bignum;
                done = false;
                ctoc = cto1;
            } else {
                mul = ctoc / cfromc;
                done = true;
                if mul == R::ONE {
                    return;
                }
            }
        }
        x.iter_mut().for_each(|v| *v = *v * mul);
        if done {
            return;
        }
    }
}

/// `geev`'s guard against a matrix norm so small or large that the iteration would
/// under/overflow: the factor (`anrm`, `cscale`) the matrix was scaled by, if any.
pub fn scale_guard<R: Re>(anrm: R) -> Option<(R, R)> {
    let smlnum = R::SAFMIN.sqrt() / R::EPS_P;
    let bignum = R::ONE / smlnum;
    if anrm > R::ZERO && anrm < smlnum {
        Some((anrm, smlnum))
    } else if anrm > bignum {
        Some((anrm, bignum))
    } else {
        None
    }
}

/// The eigen-decomposition of one real matrix as `dgeev` (`jobvl = 'N'`) returns it:
/// `wr`, `wi` and (when asked) the right eigenvectors in LAPACK's packed real form
/// (a complex pair `j, j+1` stores the real part in column `j`, the imaginary part in
/// column `j + 1`).
pub struct RealEig<R> {
    /// Real parts of the eigenvalues.
    pub wr: Vec<R>,
    /// Imaginary parts of the eigenvalues.
    pub wi: Vec<R>,
    /// The packed eigenvectors.
    pub vr: Option<Fm<R>>,
}

/// `dgeev`/`sgeev` with `jobvl = 'N'`, `jobvr = 'V'` (`vectors`) or `'N'`, on a finite
/// matrix `a` (consumed as workspace). `Err(info)` when the QR iteration fails to
/// converge. Orders above [`NMIN`] would need the multishift iteration; callers keep
/// them on another path.
pub fn geev_real<R: Re>(mut a: Fm<R>, vectors: bool) -> Result<RealEig<R>, usize> {
    let n = a.n;
    let mut wr = vec![R::ZERO; n];
    let mut wi = vec![R::ZERO; n];
    if n == 0 {
        return Ok(RealEig {
            wr,
            wi,
            vr: vectors.then(|| Fm::filled(0, 0, R::ZERO)),
        });
    }
    let anrm = a.d.iter().fold(R::ZERO, |m, v| m.max(v.abs()));
    let scaled = scale_guard(anrm);
    if let Some((from, to)) = scaled {
        lascl(from, to, &mut a.d);
    }
    let mut scale = vec![R::ZERO; n];
    let (ilo, ihi) = real::gebal(&mut a, &mut scale);
    let tau = real::gehd2(&mut a, ilo, ihi);
    let mut vr = vectors.then(|| real::orghr(&a, ilo, ihi, &tau));
    // dhseqr: eigenvalues isolated by balancing first.
    for i in (1..ilo).chain(ihi + 1..=n) {
        wr[i - 1] = a[(i, i)];
        wi[i - 1] = R::ZERO;
    }
    let info = if ilo == ihi {
        wr[ilo - 1] = a[(ilo, ilo)];
        0
    } else {
        real::lahqr(
            vectors,
            &mut a,
            ilo,
            ihi,
            &mut wr,
            &mut wi,
            vr.as_mut(),
            1,
            n,
        )
    };
    if info != 0 {
        return Err(info);
    }
    if let Some(v) = vr.as_mut() {
        // dhseqr clears below the first subdiagonal before trevc reads T.
        for j in 1..=n {
            for i in j + 2..=n {
                a[(i, j)] = R::ZERO;
            }
        }
        real::trevc3_right(&a, v);
        real::gebak(v, ilo, ihi, &scale);
        normalize_real(v, &wi);
    }
    if let Some((from, to)) = scaled {
        lascl(to, from, &mut wr);
        lascl(to, from, &mut wi);
    }
    Ok(RealEig { wr, wi, vr })
}

/// `dgeev`'s final normalization: unit 2-norm, and for a complex pair the component
/// of largest modulus rotated to be real.
fn normalize_real<R: Re>(v: &mut Fm<R>, wi: &[R]) {
    let n = v.n;
    let mut i = 1;
    while i <= n {
        if wi[i - 1] == R::ZERO {
            let scl = R::ONE / R::nrm2(&mut v.col(i).iter().copied());
            v.col_mut(i).iter_mut().for_each(|x| *x = *x * scl);
        } else if wi[i - 1] > R::ZERO && i < n {
            let scl = R::ONE
                / real::lapy2(
                    R::nrm2(&mut v.col(i).iter().copied()),
                    R::nrm2(&mut v.col(i + 1).iter().copied()),
                );
            v.col_mut(i).iter_mut().for_each(|x| *x = *x * scl);
            v.col_mut(i + 1).iter_mut().for_each(|x| *x = *x * scl);
            let w = |r: usize| v[(r, i)] * v[(r, i)] + v[(r, i + 1)] * v[(r, i + 1)];
            let mut k = 1;
            let mut best = w(1);
            for r in 2..=n {
                if w(r) > best {
                    best = w(r);
                    k = r;
                }
            }
            let (cs, sn, _) = real::lartg(v[(k, i)], v[(k, i + 1)]);
            for r in 1..=n {
                let (x, y) = (v[(r, i)], v[(r, i + 1)]);
                v[(r, i)] = cs * x + sn * y;
                v[(r, i + 1)] = cs * y - sn * x;
            }
            v[(k, i + 1)] = R::ZERO;
        }
        i += 1;
    }
}
