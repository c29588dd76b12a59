//! numpy.polynomial numerics: the six bases (power, Chebyshev, Legendre, Laguerre,
//! Hermite, HermiteE) with evaluation (Horner / Clenshaw), arithmetic, derivatives,
//! integrals, Vandermonde matrices, least-squares fits, roots (companion-matrix
//! eigenvalues) and Gauss quadrature.
//!
//! Series are 1-D coefficient vectors, lowest degree first, over `f64` or
//! `Complex<f64>` (NumPy's `as_series` turns everything into float64 or complex128).
//! The recurrences follow NumPy's operation order so results agree to the last bits
//! wherever the algorithm is the same.

pub mod dense;
pub mod geev;

use std::ops::{Add, Div, Mul, Neg, Sub};

use num_complex::Complex;
use numoxide_core::{Error, ErrorKind, Result};

/// `complex128` element.
pub type C64 = Complex<f64>;

/// A polynomial basis of numpy.polynomial.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// `numpy.polynomial.polynomial` (power series).
    Power,
    /// `numpy.polynomial.chebyshev`.
    Chebyshev,
    /// `numpy.polynomial.legendre`.
    Legendre,
    /// `numpy.polynomial.laguerre`.
    Laguerre,
    /// `numpy.polynomial.hermite` (physicists').
    Hermite,
    /// `numpy.polynomial.hermite_e` (probabilists').
    HermiteE,
}

impl Basis {
    /// The basis named by NumPy's module prefix (`poly`, `cheb`, `leg`, `lag`, `herm`,
    /// `herme`).
    ///
    /// # Errors
    /// `ValueError` for an unknown name.
    pub fn parse(name: &str) -> Result<Basis> {
        Ok(match name {
            "poly" => Basis::Power,
            "cheb" => Basis::Chebyshev,
            "leg" => Basis::Legendre,
            "lag" => Basis::Laguerre,
            "herm" => Basis::Hermite,
            "herme" => Basis::HermiteE,
            _ => return Err(Error::value(format!("unknown polynomial basis {name:?}"))),
        })
    }
}

/// A coefficient type: `f64` or `Complex<f64>`.
pub trait Coef:
    Copy
    + PartialEq
    + Default
    + Send
    + Sync
    + std::fmt::Debug
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The value `v`.
    fn from_f64(v: f64) -> Self;
    /// `self / d` for a nonzero real `d`, as NumPy divides by a real-valued scalar of the
    /// same dtype (for complex values its Smith division, which multiplies by `1/d`).
    fn div_real(self, d: f64) -> Self {
        self / Self::from_f64(d)
    }
    /// Whether the value is exactly zero.
    fn is_zero(self) -> bool {
        self == Self::default()
    }
    /// `sum(x[i] * y[i])` as NumPy's `dot` of a dtype computes it inside `np.convolve`
    /// (BLAS for floats): a left-to-right sum in the type itself by default.
    fn dot_run(x: &[Self], y: &[Self]) -> Self {
        x.iter()
            .zip(y)
            .fold(Self::default(), |acc, (a, b)| acc + *a * *b)
    }
    /// The same sum as NumPy's `small_correlate` kernels compute it (kernels of at most
    /// 11 elements): left to right in the type itself.
    fn dot_small(x: &[Self], y: &[Self]) -> Self {
        x.iter()
            .zip(y)
            .fold(Self::default(), |acc, (a, b)| acc + *a * *b)
    }
}

impl Coef for f64 {
    fn from_f64(v: f64) -> Self {
        v
    }
}

impl Coef for f32 {
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    fn dot_run(x: &[Self], y: &[Self]) -> Self {
        // BLAS sdot: float32 products summed in a double (exact for runs shorter than
        // OpenBLAS's 32-element vector blocks), rounded once.
        x.iter()
            .zip(y)
            .fold(0.0f64, |acc, (a, b)| acc + f64::from(*a * *b)) as f32
    }
}

impl Coef for C64 {
    fn div_real(self, d: f64) -> Self {
        // NumPy's Smith division with a zero imaginary divisor part.
        let (c, rat) = (d, 0.0);
        let scl = 1.0 / (c + 0.0 * rat);
        Complex::new(
            (self.re + self.im * rat) * scl,
            (self.im - self.re * rat) * scl,
        )
    }
    fn from_f64(v: f64) -> Self {
        C64::new(v, 0.0)
    }
}

impl Coef for Complex<f32> {
    fn div_real(self, d: f64) -> Self {
        // NumPy's Smith division with a zero imaginary divisor part.
        let (c, rat) = (d as f32, 0.0);
        let scl = 1.0 / (c + 0.0 * rat);
        Complex::new(
            (self.re + self.im * rat) * scl,
            (self.im - self.re * rat) * scl,
        )
    }
    fn from_f64(v: f64) -> Self {
        Complex::new(v as f32, 0.0)
    }
}

impl Coef for half::f16 {
    fn from_f64(v: f64) -> Self {
        half::f16::from_f64(v)
    }
}

fn f<T: Coef>(v: f64) -> T {
    T::from_f64(v)
}

/// Drop trailing exact zeros, keeping at least one coefficient (NumPy's `trimseq`).
pub fn trimseq<T: Coef>(mut c: Vec<T>) -> Vec<T> {
    while c.len() > 1 && c.last().is_some_and(|v| v.is_zero()) {
        c.pop();
    }
    if c.is_empty() {
        c.push(T::default());
    }
    c
}

fn check_nonempty<T>(c: &[T]) -> Result<()> {
    if c.is_empty() {
        return Err(Error::value("Coefficient array is empty"));
    }
    Ok(())
}

// ----- arithmetic ------------------------------------------------------------------------

/// `c1 + c2` (any basis).
pub fn add<T: Coef>(c1: &[T], c2: &[T]) -> Vec<T> {
    let (long, short) = if c1.len() >= c2.len() {
        (c1, c2)
    } else {
        (c2, c1)
    };
    let mut out = long.to_vec();
    for (o, v) in out.iter_mut().zip(short) {
        *o = *o + *v;
    }
    trimseq(out)
}

/// `c1 - c2` (any basis).
pub fn sub<T: Coef>(c1: &[T], c2: &[T]) -> Vec<T> {
    let n = c1.len().max(c2.len());
    let out = (0..n)
        .map(|i| match (c1.get(i), c2.get(i)) {
            (Some(a), Some(b)) => *a - *b,
            (Some(a), None) => *a,
            (None, Some(b)) => -*b,
            (None, None) => T::default(),
        })
        .collect();
    trimseq(out)
}

fn scale<T: Coef>(c: &[T], s: T) -> Vec<T> {
    c.iter().map(|v| *v * s).collect()
}

fn div_scalar<T: Coef>(c: &[T], s: T) -> Vec<T> {
    c.iter().map(|v| *v / s).collect()
}

/// Discrete convolution (`np.convolve(c1, c2)`) in NumPy's order of operations: the
/// longer operand (`c1` on a tie) slides over the other reversed; each output is one
/// dot product over the overlap, ascending along the longer operand, summed as NumPy's
/// `dot` ([`Coef::dot_run`]) or, over full overlaps with a kernel of at most 11
/// elements, as its `small_correlate` ([`Coef::dot_small`]).
pub fn convolve<T: Coef>(c1: &[T], c2: &[T]) -> Vec<T> {
    if c1.is_empty() || c2.is_empty() {
        return Vec::new();
    }
    let (a, v) = if c2.len() > c1.len() {
        (c2, c1)
    } else {
        (c1, c2)
    };
    let k: Vec<T> = v.iter().rev().copied().collect();
    let (n1, n2) = (a.len(), k.len());
    let mut out = Vec::with_capacity(n1 + n2 - 1);
    for i in 0..n2 - 1 {
        out.push(T::dot_run(&a[..=i], &k[n2 - 1 - i..]));
    }
    for i in 0..=n1 - n2 {
        let x = &a[i..i + n2];
        out.push(if n2 <= 11 {
            T::dot_small(x, &k)
        } else {
            T::dot_run(x, &k)
        });
    }
    for s in n1 - n2 + 1..n1 {
        out.push(T::dot_run(&a[s..], &k[..n1 - s]));
    }
    out
}

/// Multiply a series by its variable x (`polymulx`, `chebmulx`, ...).
pub fn mulx<T: Coef>(basis: Basis, c: &[T]) -> Vec<T> {
    if c.len() == 1 && c[0].is_zero() {
        return c.to_vec();
    }
    let n = c.len();
    let mut prd = vec![T::default(); n + 1];
    if n == 0 {
        return prd;
    }
    match basis {
        Basis::Power => prd[1..].copy_from_slice(c),
        Basis::Chebyshev => {
            prd[0] = c[0] * f(0.0);
            prd[1] = c[0];
            if n > 1 {
                let tmp: Vec<T> = c[1..].iter().map(|v| *v / f(2.0)).collect();
                prd[2..].copy_from_slice(&tmp);
                for (i, t) in tmp.iter().enumerate() {
                    prd[i] = prd[i] + *t;
                }
            }
        }
        Basis::Legendre => {
            prd[0] = c[0] * f(0.0);
            prd[1] = c[0];
            for i in 1..n {
                let j = (i + 1) as f64;
                let k = i - 1;
                let s = (i + i + 1) as f64;
                prd[i + 1] = (c[i] * f(j)) / f(s);
                prd[k] = prd[k] + (c[i] * f(i as f64)) / f(s);
            }
        }
        Basis::Laguerre => {
            prd[0] = c[0];
            prd[1] = -c[0];
            for i in 1..n {
                prd[i + 1] = -c[i] * f((i + 1) as f64);
                prd[i] = prd[i] + c[i] * f((2 * i + 1) as f64);
                prd[i - 1] = prd[i - 1] - c[i] * f(i as f64);
            }
        }
        Basis::Hermite => {
            prd[0] = c[0] * f(0.0);
            prd[1] = c[0] / f(2.0);
            for i in 1..n {
                prd[i + 1] = c[i] / f(2.0);
                prd[i - 1] = prd[i - 1] + c[i] * f(i as f64);
            }
        }
        Basis::HermiteE => {
            prd[0] = c[0] * f(0.0);
            prd[1] = c[0];
            for i in 1..n {
                prd[i + 1] = c[i];
                prd[i - 1] = prd[i - 1] + c[i] * f(i as f64);
            }
        }
    }
    prd
}

fn cseries_to_zseries<T: Coef>(c: &[T]) -> Vec<T> {
    let n = c.len();
    let mut zs = vec![T::default(); 2 * n - 1];
    for (i, v) in c.iter().enumerate() {
        zs[n - 1 + i] = *v / f(2.0);
    }
    let rev: Vec<T> = zs.iter().rev().copied().collect();
    zs.iter().zip(rev).map(|(a, b)| *a + b).collect()
}

fn zseries_to_cseries<T: Coef>(zs: &[T]) -> Vec<T> {
    let n = zs.len().div_ceil(2);
    let mut c = zs[n - 1..].to_vec();
    for v in c[1..n].iter_mut() {
        *v = *v * f(2.0);
    }
    c
}

/// NumPy's `_zseries_div` (the core of `chebdiv`) for z-series with `len(z1) >=
/// len(z2) >= 3`: the division eliminates from both ends at once, operation for
/// operation as NumPy so float32 results keep its bits.
fn zseries_div<T: Coef>(mut z1: Vec<T>, z2: Vec<T>) -> (Vec<T>, Vec<T>) {
    let (lc1, lc2) = (z1.len(), z2.len());
    let dlen = lc1 - lc2;
    let scl = z2[0];
    let z2: Vec<T> = z2.iter().map(|v| *v / scl).collect();
    let mut quo = vec![T::default(); dlen + 1];
    let (mut i, mut j) = (0usize, dlen);
    while i < j {
        let r = z1[i];
        quo[i] = r;
        quo[dlen - i] = r;
        let tmp: Vec<T> = z2.iter().map(|v| r * *v).collect();
        for (t, v) in tmp.iter().enumerate() {
            z1[i + t] = z1[i + t] - *v;
        }
        for (t, v) in tmp.iter().enumerate() {
            z1[j + t] = z1[j + t] - *v;
        }
        i += 1;
        j -= 1;
    }
    let r = z1[i];
    quo[i] = r;
    for (t, v) in z2.iter().enumerate() {
        z1[i + t] = z1[i + t] - r * *v;
    }
    let quo = quo.iter().map(|v| *v / scl).collect();
    let rem = z1[i + 1..i + lc2 - 1].to_vec();
    (quo, rem)
}

/// `c1 * c2` in `basis`.
///
/// # Errors
/// `ValueError` for an empty series.
pub fn mul<T: Coef>(basis: Basis, c1: &[T], c2: &[T]) -> Result<Vec<T>> {
    check_nonempty(c1)?;
    check_nonempty(c2)?;
    Ok(match basis {
        Basis::Power => trimseq(convolve(c1, c2)),
        Basis::Chebyshev => {
            let prd = convolve(&cseries_to_zseries(c1), &cseries_to_zseries(c2));
            trimseq(zseries_to_cseries(&prd))
        }
        _ => clenshaw_mul(basis, c1, c2),
    })
}

/// The Clenshaw-recurrence product NumPy uses for Legendre, Laguerre and both Hermites.
fn clenshaw_mul<T: Coef>(basis: Basis, c1: &[T], c2: &[T]) -> Vec<T> {
    let (c, xs) = if c1.len() > c2.len() {
        (c2, c1)
    } else {
        (c1, c2)
    };
    let (mut c0, mut c1s): (Vec<T>, Vec<T>);
    if c.len() == 1 {
        c0 = scale(xs, c[0]);
        c1s = vec![T::default()];
    } else if c.len() == 2 {
        c0 = scale(xs, c[0]);
        c1s = scale(xs, c[1]);
    } else {
        let mut nd = c.len() as f64;
        c0 = scale(xs, c[c.len() - 2]);
        c1s = scale(xs, c[c.len() - 1]);
        for i in 3..=c.len() {
            let tmp = c0;
            nd -= 1.0;
            let ci = scale(xs, c[c.len() - i]);
            match basis {
                Basis::Legendre => {
                    c0 = sub(&ci, &div_scalar(&scale(&c1s, f(nd - 1.0)), f(nd)));
                    c1s = add(
                        &tmp,
                        &div_scalar(&scale(&mulx(basis, &c1s), f(2.0 * nd - 1.0)), f(nd)),
                    );
                }
                Basis::Laguerre => {
                    c0 = sub(&ci, &div_scalar(&scale(&c1s, f(nd - 1.0)), f(nd)));
                    let t = sub(&scale(&c1s, f(2.0 * nd - 1.0)), &mulx(basis, &c1s));
                    c1s = add(&tmp, &div_scalar(&t, f(nd)));
                }
                Basis::Hermite => {
                    c0 = sub(&ci, &scale(&c1s, f(2.0 * (nd - 1.0))));
                    c1s = add(&tmp, &scale(&mulx(basis, &c1s), f(2.0)));
                }
                _ => {
                    c0 = sub(&ci, &scale(&c1s, f(nd - 1.0)));
                    c1s = add(&tmp, &mulx(basis, &c1s));
                }
            }
        }
    }
    match basis {
        Basis::Legendre => add(&c0, &mulx(basis, &c1s)),
        Basis::Laguerre => add(&c0, &sub(&c1s, &mulx(basis, &c1s))),
        Basis::Hermite => add(&c0, &scale(&mulx(basis, &c1s), f(2.0))),
        _ => add(&c0, &mulx(basis, &c1s)),
    }
}

/// Quotient and remainder of `c1 / c2` in `basis`.
///
/// # Errors
/// `ZeroDivisionError` when `c2` is zero; `ValueError` for an empty series.
pub fn div<T: Coef>(basis: Basis, c1: &[T], c2: &[T]) -> Result<(Vec<T>, Vec<T>)> {
    check_nonempty(c1)?;
    check_nonempty(c2)?;
    let c1 = trimseq(c1.to_vec());
    let c2 = trimseq(c2.to_vec());
    let last = c2[c2.len() - 1];
    if last.is_zero() {
        return Err(Error::new(ErrorKind::ZeroDivision, ""));
    }
    let (lc1, lc2) = (c1.len(), c2.len());
    if lc1 < lc2 {
        return Ok((vec![c1[0] * f(0.0)], c1));
    }
    if lc2 == 1 {
        return Ok((div_scalar(&c1, last), vec![c1[0] * f(0.0)]));
    }
    if basis == Basis::Chebyshev {
        let (quo, rem) = zseries_div(cseries_to_zseries(&c1), cseries_to_zseries(&c2));
        return Ok((
            trimseq(zseries_to_cseries(&quo)),
            trimseq(zseries_to_cseries(&rem)),
        ));
    }
    if basis == Basis::Power {
        let dlen = lc1 - lc2;
        let scl = last;
        let d: Vec<T> = c2[..lc2 - 1].iter().map(|v| *v / scl).collect();
        let mut c = c1;
        let mut i = dlen as isize;
        let mut j = lc1 as isize - 1;
        while i >= 0 {
            let cj = c[j as usize];
            for (t, dv) in d.iter().enumerate() {
                let idx = i as usize + t;
                c[idx] = c[idx] - *dv * cj;
            }
            i -= 1;
            j -= 1;
        }
        let split = (j + 1) as usize;
        let quo = c[split..].iter().map(|v| *v / scl).collect();
        let rem = trimseq(c[..split].to_vec());
        return Ok((quo, rem));
    }
    let mut quo = vec![T::default(); lc1 - lc2 + 1];
    let mut rem = c1;
    for i in (0..=lc1 - lc2).rev() {
        let mut basis_i = vec![T::default(); i + 1];
        basis_i[i] = f(1.0);
        let p = mul(basis, &basis_i, &c2)?;
        let (Some(&rl), Some(&pl)) = (rem.last(), p.last()) else {
            break;
        };
        let q = rl / pl;
        let n = rem.len() - 1;
        rem = (0..n)
            .map(|k| rem[k] - q * p.get(k).copied().unwrap_or_default())
            .collect();
        quo[i] = q;
    }
    Ok((quo, trimseq(rem)))
}

/// `c ** power` in `basis` (at most `maxpower` when given).
///
/// # Errors
/// `ValueError` "Power is too large" past `maxpower`.
pub fn pow<T: Coef>(
    basis: Basis,
    c: &[T],
    power: usize,
    maxpower: Option<usize>,
) -> Result<Vec<T>> {
    check_nonempty(c)?;
    if maxpower.is_some_and(|m| power > m) {
        return Err(Error::value("Power is too large"));
    }
    match power {
        0 => Ok(vec![f(1.0)]),
        1 => Ok(c.to_vec()),
        _ => {
            let mut prd = c.to_vec();
            for _ in 2..=power {
                prd = mul(basis, &prd, c)?;
            }
            Ok(prd)
        }
    }
}

// ----- evaluation ------------------------------------------------------------------------

/// The value of series `c` at `x` (NumPy's `polyval`, `chebval`, ...; Horner for the
/// power basis, Clenshaw otherwise).
pub fn val1<T: Coef>(basis: Basis, x: T, c: &[T]) -> T {
    val1_impl(basis, x, c, None)
}

/// [`val1`] in float64 for coefficients of a narrower real dtype `S` (float32,
/// float16) at points of an array: NumPy's `c0`, `c1` stay arrays of `S` until they
/// meet `x`, so the first step of the recurrence, which combines only coefficients, is
/// rounded to `S`; everything after it is float64.
pub fn val1_narrow_coef<S: Coef + Into<f64>>(basis: Basis, x: f64, c: &[S]) -> f64 {
    let n = c.len();
    let wide: Vec<f64> = c.iter().map(|&v| v.into()).collect();
    if basis == Basis::Power || n < 3 {
        return val1(basis, x, &wide);
    }
    let nd = (n - 1) as f64;
    let (c1, head) = (c[n - 1], c[n - 3]);
    let c0: S = match basis {
        Basis::Chebyshev => head - c1,
        Basis::Legendre => head - c1 * f((nd - 1.0) / nd),
        Basis::Laguerre => head - (c1 * f(nd - 1.0)).div_real(nd),
        Basis::Hermite => head - c1 * f(2.0 * (nd - 1.0)),
        Basis::HermiteE | Basis::Power => head - c1 * f(nd - 1.0),
    };
    val1_impl(basis, x, &wide, Some(c0.into()))
}

/// [`val1`] with the first step's `c0` given (see [`val1_narrow_coef`]).
fn val1_impl<T: Coef>(basis: Basis, x: T, c: &[T], first_c0: Option<T>) -> T {
    let n = c.len();
    if n == 0 {
        return T::default();
    }
    if basis == Basis::Power {
        let mut c0 = c[n - 1] + x * f(0.0);
        for i in 2..=n {
            c0 = c[n - i] + c0 * x;
        }
        return c0;
    }
    let x2 = x * f(2.0);
    let (c0, c1) = if n == 1 {
        (c[0], T::default())
    } else if n == 2 {
        (c[0], c[1])
    } else {
        let mut nd = n as f64;
        let mut c0 = c[n - 2];
        let mut c1 = c[n - 1];
        for i in 3..=n {
            let tmp = c0;
            let given = if i == 3 { first_c0 } else { None };
            match basis {
                Basis::Chebyshev => {
                    c0 = given.unwrap_or_else(|| c[n - i] - c1);
                    c1 = tmp + c1 * x2;
                }
                Basis::Legendre => {
                    // NumPy multiplies by the precomputed ratios here (not divides).
                    nd -= 1.0;
                    c0 = given.unwrap_or_else(|| c[n - i] - c1 * f((nd - 1.0) / nd));
                    c1 = tmp + c1 * x * f((2.0 * nd - 1.0) / nd);
                }
                Basis::Laguerre => {
                    nd -= 1.0;
                    c0 = given.unwrap_or_else(|| c[n - i] - (c1 * f(nd - 1.0)).div_real(nd));
                    c1 = tmp + (c1 * (f::<T>(2.0 * nd - 1.0) - x)).div_real(nd);
                }
                Basis::Hermite => {
                    nd -= 1.0;
                    c0 = given.unwrap_or_else(|| c[n - i] - c1 * f(2.0 * (nd - 1.0)));
                    c1 = tmp + c1 * x2;
                }
                Basis::HermiteE | Basis::Power => {
                    nd -= 1.0;
                    c0 = given.unwrap_or_else(|| c[n - i] - c1 * f(nd - 1.0));
                    c1 = tmp + c1 * x;
                }
            }
        }
        (c0, c1)
    };
    match basis {
        Basis::Laguerre => c0 + c1 * (f::<T>(1.0) - x),
        Basis::Hermite => c0 + c1 * x2,
        _ => c0 + c1 * x,
    }
}

/// [`val1`] at a Python float `x` with coefficients of a narrower dtype `T`: NumPy
/// rounds `x` to `T` where it meets a coefficient, but the Laguerre recurrence's
/// `(2k - 1) - x` and `1 - x` are Python (double) arithmetic, rounded to `T` afterwards.
pub fn val1_weak<T: Coef>(basis: Basis, x: f64, c: &[T]) -> T {
    let n = c.len();
    if basis != Basis::Laguerre || n == 0 {
        return val1(basis, f(x), c);
    }
    let (c0, c1) = if n == 1 {
        (c[0], T::default())
    } else if n == 2 {
        (c[0], c[1])
    } else {
        let mut nd = n as f64;
        let mut c0 = c[n - 2];
        let mut c1 = c[n - 1];
        for i in 3..=n {
            let tmp = c0;
            nd -= 1.0;
            c0 = c[n - i] - (c1 * f(nd - 1.0)).div_real(nd);
            c1 = tmp + (c1 * f::<T>(2.0 * nd - 1.0 - x)).div_real(nd);
        }
        (c0, c1)
    };
    c0 + c1 * f(1.0 - x)
}

/// [`val1`] at every point of `x`.
pub fn val<T: Coef>(basis: Basis, x: &[T], c: &[T]) -> Vec<T> {
    x.iter().map(|&xi| val1(basis, xi, c)).collect()
}

/// [`val_tensor`] / [`val_paired`] in float64 for narrow real coefficients (see
/// [`val1_narrow_coef`]).
pub fn val_narrow_coef<S: Coef + Into<f64>>(
    basis: Basis,
    x: &[f64],
    c: &[S],
    m: usize,
    paired: bool,
) -> Vec<f64> {
    if paired {
        (0..m)
            .map(|j| {
                let col = column(c, m, j);
                x.get(j)
                    .map_or(0.0, |&xi| val1_narrow_coef(basis, xi, &col))
            })
            .collect()
    } else {
        let mut out = Vec::with_capacity(m * x.len());
        for j in 0..m {
            let col = column(c, m, j);
            out.extend(x.iter().map(|&xi| val1_narrow_coef(basis, xi, &col)));
        }
        out
    }
}

/// Column `j` of the row-major `(n, m)` coefficient block `c`.
fn column<T: Coef>(c: &[T], m: usize, j: usize) -> Vec<T> {
    c.iter().skip(j).step_by(m.max(1)).copied().collect()
}

/// Every series of the `(n, m)` row-major block `c` (one per column) at every point of
/// `x`: `m * x.len()` values, row-major `(m, x.len())` (NumPy's `val(x, c, tensor=True)`
/// with `c.shape == (n, *rest)`, `m == prod(rest)`).
pub fn val_tensor<T: Coef>(basis: Basis, x: &[T], c: &[T], m: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(m * x.len());
    for j in 0..m {
        let col = column(c, m, j);
        if basis == Basis::Power && !col.is_empty() {
            // Horner over blocks of points, one coefficient at a time: the same
            // operations per point as `val1` (so the same bits), in loops the compiler
            // vectorizes, on blocks that stay in cache.
            let n = col.len();
            let start = out.len();
            out.extend(x.iter().map(|&xi| col[n - 1] + xi * f(0.0)));
            for (o, xs) in out[start..].chunks_mut(512).zip(x.chunks(512)) {
                for i in 2..=n {
                    let ci = col[n - i];
                    for (v, &xi) in o.iter_mut().zip(xs) {
                        *v = ci + *v * xi;
                    }
                }
            }
            continue;
        }
        out.extend(x.iter().map(|&xi| val1(basis, xi, &col)));
    }
    out
}

/// Series `j` of the `(n, m)` row-major block `c` at point `x[j]`, for each of the `m`
/// columns (NumPy's `val(x, c, tensor=False)` after broadcasting `x` against
/// `c.shape[1:]`).
pub fn val_paired<T: Coef>(basis: Basis, x: &[T], c: &[T], m: usize) -> Vec<T> {
    (0..m)
        .map(|j| {
            let col = column(c, m, j);
            x.get(j).map_or(T::default(), |&xi| val1(basis, xi, &col))
        })
        .collect()
}

/// The weight function of `basis` at `x` (`chebweight`, `legweight`, ...; the power
/// basis has none and returns 1).
pub fn weight(basis: Basis, x: &[f64]) -> Vec<f64> {
    x.iter()
        .map(|&x| match basis {
            Basis::Chebyshev => 1.0 / ((1.0 + x).sqrt() * (1.0 - x).sqrt()),
            Basis::Legendre | Basis::Power => x * 0.0 + 1.0,
            Basis::Laguerre => (-x).exp(),
            Basis::Hermite => (-(x * x)).exp(),
            Basis::HermiteE => (-0.5 * (x * x)).exp(),
        })
        .collect()
}

// ----- calculus ------------------------------------------------------------------------

/// The `m`-th derivative of `c`, each differentiation multiplied by `scl`.
pub fn der<T: Coef>(basis: Basis, c: &[T], m: usize, scl: T) -> Vec<T> {
    let mut c = c.to_vec();
    if m == 0 {
        return c;
    }
    if m >= c.len() {
        return vec![c.first().copied().unwrap_or_default() * f(0.0)];
    }
    for _ in 0..m {
        let n = c.len() - 1;
        for v in c.iter_mut() {
            *v = *v * scl;
        }
        let mut der = vec![T::default(); n];
        match basis {
            Basis::Power => {
                for j in (1..=n).rev() {
                    der[j - 1] = c[j] * f(j as f64);
                }
            }
            Basis::Chebyshev => {
                for j in (3..=n).rev() {
                    der[j - 1] = c[j] * f((2 * j) as f64);
                    c[j - 2] = c[j - 2] + (c[j] * f(j as f64)) / f((j - 2) as f64);
                }
                if n > 1 {
                    der[1] = c[2] * f(4.0);
                }
                der[0] = c[1];
            }
            Basis::Legendre => {
                for j in (3..=n).rev() {
                    der[j - 1] = c[j] * f((2 * j - 1) as f64);
                    c[j - 2] = c[j - 2] + c[j];
                }
                if n > 1 {
                    der[1] = c[2] * f(3.0);
                }
                der[0] = c[1];
            }
            Basis::Laguerre => {
                for j in (2..=n).rev() {
                    der[j - 1] = -c[j];
                    c[j - 1] = c[j - 1] + c[j];
                }
                der[0] = -c[1];
            }
            Basis::Hermite => {
                for j in (1..=n).rev() {
                    der[j - 1] = c[j] * f((2 * j) as f64);
                }
            }
            Basis::HermiteE => {
                for j in (1..=n).rev() {
                    der[j - 1] = c[j] * f(j as f64);
                }
            }
        }
        c = der;
    }
    c
}

/// The `m`-th integral of `c` with integration constants `k` (padded with zeros),
/// lower bound `lbnd` and scale `scl`.
///
/// # Errors
/// `ValueError` "Too many integration constants".
pub fn int<T: Coef>(basis: Basis, c: &[T], m: usize, k: &[T], lbnd: T, scl: T) -> Result<Vec<T>> {
    check_nonempty(c)?;
    if k.len() > m {
        return Err(Error::value("Too many integration constants"));
    }
    let mut c = c.to_vec();
    for i in 0..m {
        let ki = k.get(i).copied().unwrap_or_default();
        let n = c.len();
        for v in c.iter_mut() {
            *v = *v * scl;
        }
        if n == 1 && c[0].is_zero() {
            c[0] = c[0] + ki;
            continue;
        }
        let mut tmp = vec![T::default(); n + 1];
        match basis {
            Basis::Power => {
                tmp[0] = c[0] * f(0.0);
                for j in 0..n {
                    tmp[j + 1] = c[j] / f((j + 1) as f64);
                }
            }
            Basis::Chebyshev => {
                tmp[0] = c[0] * f(0.0);
                tmp[1] = c[0];
                if n > 1 {
                    tmp[2] = c[1] / f(4.0);
                }
                for j in 2..n {
                    tmp[j + 1] = c[j] / f((2 * (j + 1)) as f64);
                    tmp[j - 1] = tmp[j - 1] - c[j] / f((2 * (j - 1)) as f64);
                }
            }
            Basis::Legendre => {
                tmp[0] = c[0] * f(0.0);
                tmp[1] = c[0];
                if n > 1 {
                    tmp[2] = c[1] / f(3.0);
                }
                for j in 2..n {
                    let t = c[j] / f((2 * j + 1) as f64);
                    tmp[j + 1] = t;
                    tmp[j - 1] = tmp[j - 1] - t;
                }
            }
            Basis::Laguerre => {
                tmp[0] = c[0];
                tmp[1] = -c[0];
                for j in 1..n {
                    tmp[j] = tmp[j] + c[j];
                    tmp[j + 1] = -c[j];
                }
            }
            Basis::Hermite => {
                tmp[0] = c[0] * f(0.0);
                tmp[1] = c[0] / f(2.0);
                for j in 1..n {
                    tmp[j + 1] = c[j] / f((2 * (j + 1)) as f64);
                }
            }
            Basis::HermiteE => {
                tmp[0] = c[0] * f(0.0);
                tmp[1] = c[0];
                for j in 1..n {
                    tmp[j + 1] = c[j] / f((j + 1) as f64);
                }
            }
        }
        let v = val1(basis, lbnd, &tmp);
        tmp[0] = tmp[0] + (ki - v);
        c = tmp;
    }
    Ok(c)
}

// ----- Vandermonde, lines, roots ---------------------------------------------------------

/// The pseudo-Vandermonde matrix of `basis`: `x.len()` rows of `deg + 1` columns,
/// row-major.
pub fn vander<T: Coef>(basis: Basis, x: &[T], deg: usize) -> Vec<T> {
    let cols = deg + 1;
    let mut v = vec![T::default(); x.len() * cols];
    for (r, &x) in x.iter().enumerate() {
        let row = &mut v[r * cols..(r + 1) * cols];
        row[0] = x * f(0.0) + f(1.0);
        if deg == 0 {
            continue;
        }
        let x2 = x * f(2.0);
        row[1] = match basis {
            Basis::Laguerre => f::<T>(1.0) - x,
            Basis::Hermite => x2,
            _ => x,
        };
        for i in 2..=deg {
            let fi = i as f64;
            row[i] = match basis {
                Basis::Power => row[i - 1] * x,
                Basis::Chebyshev => row[i - 1] * x2 - row[i - 2],
                Basis::Legendre => {
                    (row[i - 1] * x * f(2.0 * fi - 1.0) - row[i - 2] * f(fi - 1.0)) / f(fi)
                }
                Basis::Laguerre => {
                    (row[i - 1] * (f::<T>(2.0 * fi - 1.0) - x) - row[i - 2] * f(fi - 1.0)) / f(fi)
                }
                Basis::Hermite => row[i - 1] * x2 - row[i - 2] * f(2.0 * (fi - 1.0)),
                Basis::HermiteE => row[i - 1] * x - row[i - 2] * f(fi - 1.0),
            };
        }
        if basis == Basis::Power && deg >= 1 {
            row[1] = row[0] * x;
        }
    }
    v
}

/// The series of the line `off + scl * x` in `basis`.
pub fn line<T: Coef>(basis: Basis, off: T, scl: T) -> Vec<T> {
    if scl.is_zero() {
        return vec![off];
    }
    match basis {
        Basis::Laguerre => vec![off + scl, -scl],
        Basis::Hermite => vec![off, scl / f(2.0)],
        _ => vec![off, scl],
    }
}

/// The series with the given roots (NumPy's `*fromroots`), multiplied pairwise as NumPy
/// does. `roots` must already be sorted.
///
/// # Errors
/// As [`mul`].
pub fn fromroots<T: Coef>(basis: Basis, roots: &[T]) -> Result<Vec<T>> {
    if roots.is_empty() {
        return Ok(vec![f(1.0)]);
    }
    let mut p: Vec<Vec<T>> = roots.iter().map(|&r| line(basis, -r, f(1.0))).collect();
    let mut n = p.len();
    while n > 1 {
        let (m, r) = (n / 2, n % 2);
        let mut tmp = Vec::with_capacity(m);
        for i in 0..m {
            tmp.push(mul(basis, &p[i], &p[i + m])?);
        }
        if r == 1 {
            tmp[0] = mul(basis, &tmp[0], &p[n - 1])?;
        }
        p = tmp;
        n = m;
    }
    Ok(p.swap_remove(0))
}

/// The (scaled) companion matrix of `c` in `basis`, `n x n` row-major with
/// `n = len(c) - 1`.
///
/// # Errors
/// `ValueError` "Series must have maximum degree of at least 1." for short series.
pub fn companion<T: Coef>(basis: Basis, c: &[T]) -> Result<(Vec<T>, usize)> {
    if c.len() < 2 {
        return Err(Error::value(
            "Series must have maximum degree of at least 1.",
        ));
    }
    let last = c[c.len() - 1];
    if c.len() == 2 {
        let v = match basis {
            Basis::Laguerre => f::<T>(1.0) + c[0] / last,
            Basis::Hermite => f::<T>(-0.5) * c[0] / last,
            _ => -c[0] / last,
        };
        return Ok((vec![v], 1));
    }
    let n = c.len() - 1;
    let mut mat = vec![T::default(); n * n];
    match basis {
        Basis::Power => {
            for i in 1..n {
                mat[i * n + i - 1] = f(1.0);
            }
            for i in 0..n {
                mat[i * n + n - 1] = mat[i * n + n - 1] - c[i] / last;
            }
        }
        Basis::Chebyshev => {
            let half = 0.5f64.sqrt();
            let scl: Vec<f64> = (0..n).map(|i| if i == 0 { 1.0 } else { half }).collect();
            for i in 0..n - 1 {
                let t = if i == 0 { half } else { 0.5 };
                mat[i * n + i + 1] = f(t);
                mat[(i + 1) * n + i] = f(t);
            }
            for i in 0..n {
                let v = (c[i] / last) * f(scl[i] / scl[n - 1]) * f(0.5);
                mat[i * n + n - 1] = mat[i * n + n - 1] - v;
            }
        }
        Basis::Legendre => {
            let scl: Vec<f64> = (0..n).map(|i| 1.0 / ((2 * i + 1) as f64).sqrt()).collect();
            for i in 0..n - 1 {
                let t = ((i + 1) as f64) * scl[i] * scl[i + 1];
                mat[i * n + i + 1] = f(t);
                mat[(i + 1) * n + i] = f(t);
            }
            let fac = n as f64 / (2 * n - 1) as f64;
            for i in 0..n {
                let v = (c[i] / last) * f(scl[i] / scl[n - 1]) * f(fac);
                mat[i * n + n - 1] = mat[i * n + n - 1] - v;
            }
        }
        Basis::Laguerre => {
            for i in 0..n {
                mat[i * n + i] = f(2.0 * i as f64 + 1.0);
            }
            for i in 0..n - 1 {
                let t = -((i + 1) as f64);
                mat[i * n + i + 1] = f(t);
                mat[(i + 1) * n + i] = f(t);
            }
            for i in 0..n {
                mat[i * n + n - 1] = mat[i * n + n - 1] + (c[i] / last) * f(n as f64);
            }
        }
        Basis::Hermite | Basis::HermiteE => {
            let herm = basis == Basis::Hermite;
            // scl = multiply.accumulate([1, 1/sqrt(2(n-1)), ..., 1/sqrt(2*1)])[::-1]
            let mut acc = vec![1.0f64];
            for j in (1..n).rev() {
                let d = if herm { 2.0 * j as f64 } else { j as f64 };
                let prev = acc[acc.len() - 1];
                acc.push(prev * (1.0 / d.sqrt()));
            }
            acc.reverse();
            for i in 0..n - 1 {
                let k = (i + 1) as f64;
                let t = if herm { (0.5 * k).sqrt() } else { k.sqrt() };
                mat[i * n + i + 1] = f(t);
                mat[(i + 1) * n + i] = f(t);
            }
            for i in 0..n {
                let v = if herm {
                    f::<T>(acc[i]) * c[i] / (f::<T>(2.0) * last)
                } else {
                    f::<T>(acc[i]) * c[i] / last
                };
                mat[i * n + n - 1] = mat[i * n + n - 1] - v;
            }
        }
    }
    Ok((mat, n))
}

/// Sort complex values as NumPy does (by real part, then imaginary part).
pub fn sort_complex(v: &mut [C64]) {
    v.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
}

/// The roots of a real series: real values when all eigenvalues are real (as NumPy's
/// `eigvals`), complex otherwise; sorted.
pub enum Roots {
    /// All roots real.
    Real(Vec<f64>),
    /// Some root complex.
    Complex(Vec<C64>),
}

fn reversed(mat: &[f64], n: usize) -> Vec<f64> {
    (0..n * n).map(|idx| mat[n * n - 1 - idx]).collect()
}

/// The roots of the real series `c` in `basis` (NumPy's `polyroots`, `chebroots`, ...).
///
/// # Errors
/// `LinAlgError` when the eigenvalue iteration fails.
pub fn roots_real(basis: Basis, c: &[f64]) -> Result<Roots> {
    let c = trimseq(c.to_vec());
    if c.len() < 2 {
        return Ok(Roots::Real(Vec::new()));
    }
    if c.len() == 2 {
        let (m, _) = companion(basis, &c)?;
        return Ok(Roots::Real(m));
    }
    let (mat, n) = companion(basis, &c)?;
    let w = dense::eigvals_real(reversed(&mat, n), n)?;
    Ok(finish_real(w))
}

/// Eigenvalues of a real matrix as NumPy's `eigvals` returns them: real when all are.
///
/// # Errors
/// `LinAlgError` when the iteration fails.
pub fn eigvals_general(mat: Vec<f64>, n: usize) -> Result<Roots> {
    let w = dense::eigvals_real(mat, n)?;
    if w.iter().all(|z| z.im == 0.0) {
        Ok(Roots::Real(w.iter().map(|z| z.re).collect()))
    } else {
        Ok(Roots::Complex(w))
    }
}

fn finish_real(mut w: Vec<C64>) -> Roots {
    if w.iter().all(|z| z.im == 0.0) {
        let mut r: Vec<f64> = w.iter().map(|z| z.re).collect();
        r.sort_by(|a, b| a.total_cmp(b));
        Roots::Real(r)
    } else {
        sort_complex(&mut w);
        Roots::Complex(w)
    }
}

/// The roots of the complex series `c` in `basis`, sorted.
///
/// # Errors
/// `LinAlgError` when the eigenvalue iteration fails.
pub fn roots_complex(basis: Basis, c: &[C64]) -> Result<Vec<C64>> {
    let c = trimseq(c.to_vec());
    if c.len() < 2 {
        return Ok(Vec::new());
    }
    let (mat, n) = companion(basis, &c)?;
    if n == 1 {
        return Ok(mat);
    }
    let rev: Vec<C64> = (0..n * n).map(|idx| mat[n * n - 1 - idx]).collect();
    let mut w = dense::eigvals_complex(rev, n)?;
    sort_complex(&mut w);
    Ok(w)
}

// ----- Gauss quadrature ----------------------------------------------------------------

fn normed_hermite(x: f64, n: usize, probabilists: bool) -> f64 {
    let pi = std::f64::consts::PI;
    let base = if probabilists {
        1.0 / (2.0 * pi).sqrt().sqrt()
    } else {
        1.0 / pi.sqrt().sqrt()
    };
    if n == 0 {
        return base;
    }
    let mut c0 = 0.0;
    let mut c1 = base;
    let mut nd = n as f64;
    for _ in 0..n - 1 {
        let tmp = c0;
        c0 = -c1 * ((nd - 1.0) / nd).sqrt();
        c1 = if probabilists {
            tmp + c1 * x * (1.0 / nd).sqrt()
        } else {
            tmp + c1 * x * (2.0 / nd).sqrt()
        };
        nd -= 1.0;
    }
    if probabilists {
        c0 + c1 * x
    } else {
        c0 + c1 * x * 2f64.sqrt()
    }
}

/// Sample points and weights of Gauss quadrature of degree `deg` for `basis` (NumPy's
/// `chebgauss`, `leggauss`, `laggauss`, `hermgauss`, `hermegauss`).
///
/// # Errors
/// `ValueError` "deg must be a positive integer"; `LinAlgError` from the eigensolver.
pub fn gauss(basis: Basis, deg: usize) -> Result<(Vec<f64>, Vec<f64>)> {
    if deg == 0 {
        return Err(Error::value("deg must be a positive integer"));
    }
    let pi = std::f64::consts::PI;
    if basis == Basis::Chebyshev {
        let x = (0..deg)
            .map(|i| (pi * (2 * i + 1) as f64 / (2.0 * deg as f64)).cos())
            .collect();
        return Ok((x, vec![pi / deg as f64; deg]));
    }
    if basis == Basis::Power {
        return Err(Error::value("the power basis has no Gauss quadrature"));
    }
    let mut c = vec![0.0; deg + 1];
    c[deg] = 1.0;
    let (mat, n) = companion(basis, &c)?;
    let diag: Vec<f64> = (0..n).map(|i| mat[i * n + i]).collect();
    let off: Vec<f64> = (0..n.saturating_sub(1))
        .map(|i| mat[(i + 1) * n + i])
        .collect();
    let mut x = dense::eigvalsh_tridiagonal(diag, &off)?;
    let maxabs = |v: &[f64]| v.iter().fold(0.0f64, |m, a| m.max(a.abs()));
    let mut w: Vec<f64>;
    match basis {
        Basis::Hermite | Basis::HermiteE => {
            let pe = basis == Basis::HermiteE;
            let dscale = if pe {
                (deg as f64).sqrt()
            } else {
                (2.0 * deg as f64).sqrt()
            };
            for xi in x.iter_mut() {
                let dy = normed_hermite(*xi, deg, pe);
                let df = normed_hermite(*xi, deg - 1, pe) * dscale;
                *xi -= dy / df;
            }
            let mut fm: Vec<f64> = x
                .iter()
                .map(|&xi| normed_hermite(xi, deg - 1, pe))
                .collect();
            let mx = maxabs(&fm);
            for v in fm.iter_mut() {
                *v /= mx;
            }
            w = fm.iter().map(|v| 1.0 / (v * v)).collect();
        }
        _ => {
            let dc = der(basis, &c, 1, 1.0);
            let mut df: Vec<f64> = Vec::with_capacity(n);
            for xi in x.iter_mut() {
                let dy = val1(basis, *xi, &c);
                let d = val1(basis, *xi, &dc);
                *xi -= dy / d;
                df.push(d);
            }
            let mut fm: Vec<f64> = x.iter().map(|&xi| val1(basis, xi, &c[1..])).collect();
            let mfm = maxabs(&fm);
            let mdf = maxabs(&df);
            for v in fm.iter_mut() {
                *v /= mfm;
            }
            for v in df.iter_mut() {
                *v /= mdf;
            }
            w = fm.iter().zip(&df).map(|(a, b)| 1.0 / (a * b)).collect();
        }
    }
    if basis != Basis::Laguerre {
        let wr: Vec<f64> = w.iter().rev().copied().collect();
        w = w.iter().zip(&wr).map(|(a, b)| (a + b) / 2.0).collect();
        let xr: Vec<f64> = x.iter().rev().copied().collect();
        x = x.iter().zip(&xr).map(|(a, b)| (a - b) / 2.0).collect();
    }
    let total: f64 = pairwise_sum(&w);
    let target = match basis {
        Basis::Legendre => 2.0,
        Basis::Laguerre => 1.0,
        Basis::Hermite => pi.sqrt(),
        _ => (2.0 * pi).sqrt(),
    };
    if basis == Basis::Laguerre {
        for v in w.iter_mut() {
            *v /= total;
        }
    } else {
        let s = target / total;
        for v in w.iter_mut() {
            *v *= s;
        }
    }
    Ok((x, w))
}

/// NumPy's pairwise summation of a contiguous float64 run (blocks of 8 accumulators
/// below 128 elements), so sums agree bit for bit.
pub fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut res = 0.0;
        for v in a {
            res += *v;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i < n - (n % 8) {
            for j in 0..8 {
                r[j] += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += a[i];
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

// ----- fitting ---------------------------------------------------------------------------

/// What [`fit`] returns: coefficients (`(lmax + 1) x k` row-major), and the `full=True`
/// diagnostics.
pub struct Fit {
    /// Coefficients, row-major `(lmax + 1) x k`.
    pub coef: Vec<f64>,
    /// Residual sums of squares (empty when rank-deficient or not overdetermined).
    pub residuals: Vec<f64>,
    /// The rank of the scaled Vandermonde matrix.
    pub rank: usize,
    /// Its singular values.
    pub singular: Vec<f64>,
    /// The number of fitted coefficients (`deg + 1`, or the number of listed degrees).
    pub order: usize,
}

/// Least-squares fit of `y` (`x.len()` rows of `k` columns, row-major) by the series of
/// the listed degrees `degs` (ascending; all degrees up to `lmax` when `None`), with
/// optional weights, as NumPy's `*fit` functions do it (column scaling, `lstsq` with
/// `rcond`).
///
/// # Errors
/// `LinAlgError` from the solver.
pub fn fit(
    basis: Basis,
    x: &[f64],
    y: &[f64],
    k: usize,
    lmax: usize,
    degs: Option<&[usize]>,
    rcond: f64,
    w: Option<&[f64]>,
) -> Result<Fit> {
    let m = x.len();
    let full = vander(basis, x, lmax);
    let cols: Vec<usize> = match degs {
        Some(d) => d.to_vec(),
        None => (0..=lmax).collect(),
    };
    let order = cols.len();
    let mut lhs = if degs.is_none() {
        full
    } else {
        let mut lhs = vec![0.0; m * order];
        for (row, src) in lhs
            .chunks_exact_mut(order.max(1))
            .zip(full.chunks_exact(lmax + 1))
        {
            for (v, &d) in row.iter_mut().zip(&cols) {
                *v = src.get(d).copied().unwrap_or(0.0);
            }
        }
        lhs
    };
    let mut rhs = y.to_vec();
    if let Some(w) = w {
        for i in 0..m {
            for j in 0..order {
                lhs[i * order + j] *= w[i];
            }
            for r in 0..k {
                rhs[i * k + r] *= w[i];
            }
        }
    }
    let mut scl: Vec<f64> = (0..order)
        .map(|j| {
            let col: Vec<f64> = (0..m)
                .map(|i| lhs[i * order + j] * lhs[i * order + j])
                .collect();
            pairwise_sum(&col).sqrt()
        })
        .collect();
    for s in scl.iter_mut() {
        if *s == 0.0 {
            *s = 1.0;
        }
    }
    for row in lhs.chunks_exact_mut(order.max(1)) {
        for (v, s) in row.iter_mut().zip(&scl) {
            *v /= s;
        }
    }
    let sol = dense::lstsq(&lhs, m, order, &rhs, k, rcond)?;
    let mut coef = vec![0.0; (lmax + 1) * k];
    for (j, &d) in cols.iter().enumerate() {
        for r in 0..k {
            coef[d * k + r] = sol.x[j * k + r] / scl[j];
        }
    }
    Ok(Fit {
        coef,
        residuals: sol.residuals,
        rank: sol.rank,
        singular: sol.singular,
        order,
    })
}

/// The least-squares solver [`fit_complex`] calls: `(a m x n, m, n, b m x k, k, rcond)`
/// row-major in, `(x n x k, residuals, rank, singular values)` out.
pub type ComplexSolver<'a> = &'a dyn Fn(
    &[C64],
    usize,
    usize,
    &[C64],
    usize,
    f64,
) -> Result<(Vec<C64>, Vec<f64>, usize, Vec<f64>)>;

/// [`fit`] at complex sample points (or of complex data): the design matrix is complex
/// and solved by `solve` (NumPy's complex `lstsq`). Columns are scaled by their 2-norm,
/// `sqrt(sum |v|^2)` (zero norms by 1), as `np.polynomial`'s fitters do; with `legacy`,
/// by the complex `sqrt(sum v*v)` of `np.polyfit` (which does not guard zero norms).
///
/// # Errors
/// `LinAlgError` from the solver.
#[allow(clippy::too_many_arguments)]
pub fn fit_complex(
    basis: Basis,
    x: &[C64],
    y: &[C64],
    k: usize,
    lmax: usize,
    degs: Option<&[usize]>,
    rcond: f64,
    w: Option<&[C64]>,
    legacy: bool,
    solve: ComplexSolver<'_>,
) -> Result<FitComplex> {
    let m = x.len();
    let full = vander(basis, x, lmax);
    let cols: Vec<usize> = match degs {
        Some(d) => d.to_vec(),
        None => (0..=lmax).collect(),
    };
    let order = cols.len();
    let mut lhs = vec![C64::new(0.0, 0.0); m * order];
    for i in 0..m {
        for (j, &d) in cols.iter().enumerate() {
            lhs[i * order + j] = full[i * (lmax + 1) + d];
        }
    }
    let mut rhs = y.to_vec();
    if let Some(w) = w {
        for i in 0..m {
            for j in 0..order {
                lhs[i * order + j] *= w[i];
            }
            for r in 0..k {
                rhs[i * k + r] *= w[i];
            }
        }
    }
    let scl: Vec<C64> = (0..order)
        .map(|j| {
            if legacy {
                let mut acc = C64::new(0.0, 0.0);
                for i in 0..m {
                    let v = lhs[i * order + j];
                    acc += v * v;
                }
                acc.sqrt()
            } else {
                let col: Vec<f64> = (0..m)
                    .map(|i| {
                        let v = lhs[i * order + j];
                        v.re * v.re + v.im * v.im
                    })
                    .collect();
                let s = pairwise_sum(&col).sqrt();
                C64::new(if s == 0.0 { 1.0 } else { s }, 0.0)
            }
        })
        .collect();
    for i in 0..m {
        for j in 0..order {
            lhs[i * order + j] /= scl[j];
        }
    }
    let (x, residuals, rank, singular) = solve(&lhs, m, order, &rhs, k, rcond)?;
    let mut coef = vec![C64::new(0.0, 0.0); (lmax + 1) * k];
    for (j, &d) in cols.iter().enumerate() {
        for r in 0..k {
            if let Some(v) = x.get(j * k + r) {
                coef[d * k + r] = *v / scl[j];
            }
        }
    }
    Ok(FitComplex {
        coef,
        residuals,
        rank,
        singular,
    })
}

/// What [`fit_complex`] returns (as [`Fit`], with complex coefficients).
pub struct FitComplex {
    /// Coefficients, row-major `(lmax + 1) x k`.
    pub coef: Vec<C64>,
    /// Residual sums of squares (empty when rank-deficient or not overdetermined).
    pub residuals: Vec<f64>,
    /// The rank of the scaled Vandermonde matrix.
    pub rank: usize,
    /// Its singular values.
    pub singular: Vec<f64>,
}

// ----- conversion ------------------------------------------------------------------------

/// Evaluate series `c` of basis `from` at the series `x` of basis `to` (NumPy's
/// `convert`, which calls the series on `identity` of the target kind), with the same
/// recurrences as [`val1`] in series arithmetic.
///
/// # Errors
/// As [`mul`].
pub fn val_series<T: Coef>(from: Basis, c: &[T], x: &[T], to: Basis) -> Result<Vec<T>> {
    let n = c.len();
    check_nonempty(c)?;
    check_nonempty(x)?;
    let cs = |v: T| vec![v];
    let smul = |a: &[T], s: f64| mul(to, a, &[f(s)]);
    let times = |a: &[T], b: &[T]| mul(to, a, b);
    if from == Basis::Power {
        let mut c0 = add(&cs(c[n - 1]), &smul(x, 0.0)?);
        for i in 2..=n {
            c0 = add(&cs(c[n - i]), &times(&c0, x)?);
        }
        return Ok(c0);
    }
    let x2 = mul(to, &[f(2.0)], x)?;
    let (c0, c1) = if n == 1 {
        (cs(c[0]), cs(T::default()))
    } else if n == 2 {
        (cs(c[0]), cs(c[1]))
    } else {
        let mut nd = n as f64;
        let mut c0 = cs(c[n - 2]);
        let mut c1 = cs(c[n - 1]);
        for i in 3..=n {
            let tmp = c0.clone();
            let ci = cs(c[n - i]);
            match from {
                Basis::Chebyshev => {
                    c0 = sub(&ci, &c1);
                    c1 = add(&tmp, &times(&c1, &x2)?);
                }
                Basis::Legendre => {
                    nd -= 1.0;
                    c0 = sub(&ci, &div_scalar(&smul(&c1, nd - 1.0)?, f(nd)));
                    c1 = add(
                        &tmp,
                        &div_scalar(&smul(&times(&c1, x)?, 2.0 * nd - 1.0)?, f(nd)),
                    );
                }
                Basis::Laguerre => {
                    nd -= 1.0;
                    c0 = sub(&ci, &div_scalar(&smul(&c1, nd - 1.0)?, f(nd)));
                    let t = sub(&cs(f(2.0 * nd - 1.0)), x);
                    c1 = add(&tmp, &div_scalar(&times(&c1, &t)?, f(nd)));
                }
                Basis::Hermite => {
                    nd -= 1.0;
                    c0 = sub(&ci, &smul(&c1, 2.0 * (nd - 1.0))?);
                    c1 = add(&tmp, &times(&c1, &x2)?);
                }
                Basis::HermiteE | Basis::Power => {
                    nd -= 1.0;
                    c0 = sub(&ci, &smul(&c1, nd - 1.0)?);
                    c1 = add(&tmp, &times(&c1, x)?);
                }
            }
        }
        (c0, c1)
    };
    Ok(match from {
        Basis::Laguerre => add(&c0, &times(&c1, &sub(&cs(f(1.0)), x))?),
        Basis::Hermite => add(&c0, &times(&c1, &x2)?),
        _ => add(&c0, &times(&c1, x)?),
    })
}

// ----- helpers of the Python classes ------------------------------------------------

/// `off + scl * x` elementwise (NumPy's `mapdomain` once `mapparms` is known).
pub fn affine<T: Coef>(x: &[T], off: T, scl: T) -> Vec<T> {
    x.iter().map(|&v| off + scl * v).collect()
}

/// `x * s` elementwise, or `x / s` when `divide`.
pub fn scale_by<T: Coef>(x: &[T], s: T, divide: bool) -> Vec<T> {
    if divide {
        x.iter().map(|&v| v / s).collect()
    } else {
        x.iter().map(|&v| v * s).collect()
    }
}

/// `-x` elementwise.
pub fn negate<T: Coef>(x: &[T]) -> Vec<T> {
    x.iter().map(|&v| -v).collect()
}

/// The smallest interval holding the real points `x` (NumPy's `getdomain`).
pub fn getdomain_real(x: &[f64]) -> [f64; 2] {
    let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    [lo, hi]
}

/// The smallest rectangle holding the complex points `x`, as two corners.
pub fn getdomain_complex(x: &[C64]) -> [C64; 2] {
    let re: Vec<f64> = x.iter().map(|z| z.re).collect();
    let im: Vec<f64> = x.iter().map(|z| z.im).collect();
    let [rl, rh] = getdomain_real(&re);
    let [il, ih] = getdomain_real(&im);
    [C64::new(rl, il), C64::new(rh, ih)]
}

/// Drop trailing coefficients of magnitude at most `tol` (NumPy's `trimcoef`); an
/// all-small series becomes `[0]`.
pub fn trimcoef<T: Coef>(c: &[T], tol: f64, abs: impl Fn(T) -> f64) -> Vec<T> {
    match c.iter().rposition(|&v| abs(v) > tol) {
        None => vec![c.first().copied().unwrap_or_default() * f(0.0)],
        Some(last) => c[..=last].to_vec(),
    }
}

// ----- the legacy (highest power first) routines ----------------------------------------

/// `a1 + a2` (or `a1 - a2` when `subtract`) of highest-power-first coefficient lists,
/// aligned at the constant term and not trimmed (legacy `np.polyadd` / `np.polysub`).
pub fn legacy_add<T: Coef>(a1: &[T], a2: &[T], subtract: bool) -> Vec<T> {
    let n = a1.len().max(a2.len());
    let (p1, p2) = (n - a1.len(), n - a2.len());
    (0..n)
        .map(|i| {
            let x = if i >= p1 { a1[i - p1] } else { T::default() };
            let y = if i >= p2 { a2[i - p2] } else { T::default() };
            if subtract {
                x - y
            } else {
                x + y
            }
        })
        .collect()
}

/// Legacy `np.polydiv` on highest-power-first coefficients: long division multiplying
/// by `1 / v[0]`, then dropping leading remainder terms within 1e-8 of zero.
///
/// # Errors
/// `ValueError` for empty input.
pub fn legacy_polydiv<T: Coef>(
    u: &[T],
    v: &[T],
    abs: impl Fn(T) -> f64,
) -> Result<(Vec<T>, Vec<T>)> {
    if u.is_empty() || v.is_empty() {
        return Err(Error::value("polydiv needs non-empty coefficient arrays"));
    }
    let m = u.len() - 1;
    let n = v.len() - 1;
    let scale = f::<T>(1.0) / v[0];
    let mut q = vec![T::default(); (m + 1).saturating_sub(n).max(1)];
    let mut r = u.to_vec();
    if m >= n {
        for k in 0..=m - n {
            let d = scale * r[k];
            q[k] = d;
            for (j, vj) in v.iter().enumerate() {
                r[k + j] = r[k + j] - d * *vj;
            }
        }
    }
    let mut start = 0;
    while r.len() - start > 1 && abs(r[start]) <= 1e-8 {
        start += 1;
    }
    Ok((q, r[start..].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluation_and_arithmetic() {
        // T2(x) = 2x^2 - 1 at 0.5 = -0.5
        assert_eq!(val1(Basis::Chebyshev, 0.5, &[0.0, 0.0, 1.0]), -0.5);
        assert_eq!(val1(Basis::Power, 2.0, &[1.0, 2.0, 3.0]), 17.0);
        assert_eq!(
            mul(Basis::Power, &[1.0, 1.0], &[-1.0, 1.0]).unwrap(),
            vec![-1.0, 0.0, 1.0]
        );
        let (q, r) = div(Basis::Power, &[-1.0, 0.0, 1.0], &[1.0, 1.0]).unwrap();
        assert_eq!((q, r), (vec![-1.0, 1.0], vec![0.0]));
        // Legendre P1*P1 = (2 P2 + P0)/3
        let p = mul(Basis::Legendre, &[0.0f64, 1.0], &[0.0, 1.0]).unwrap();
        assert!((p[0] - 1.0 / 3.0).abs() < 1e-15 && (p[2] - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!(der(Basis::Power, &[1.0, 2.0, 3.0], 1, 1.0), vec![2.0, 6.0]);
        assert_eq!(
            int(Basis::Power, &[2.0, 6.0], 1, &[1.0], 0.0, 1.0).unwrap(),
            vec![1.0, 2.0, 3.0]
        );
        // Chebyshev T2 in the power basis: -1 + 2x^2.
        let conv = val_series(
            Basis::Chebyshev,
            &[0.0, 0.0, 1.0],
            &[0.0, 1.0],
            Basis::Power,
        )
        .unwrap();
        assert_eq!(conv, vec![-1.0, 0.0, 2.0]);
    }

    #[test]
    fn roots_and_gauss() {
        let Roots::Real(r) = roots_real(Basis::Power, &[-6.0, 11.0, -6.0, 1.0]).unwrap() else {
            panic!("expected real roots")
        };
        for (g, w) in r.iter().zip([1.0, 2.0, 3.0]) {
            assert!((g - w).abs() < 1e-12);
        }
        let (x, w) = gauss(Basis::Legendre, 3).unwrap();
        assert!((x[2] - 0.6f64.sqrt()).abs() < 1e-15);
        assert!((w[1] - 8.0 / 9.0).abs() < 1e-15);
    }
}
