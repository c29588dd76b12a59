//! Array creation routines with NumPy's numerics: `arange`, `linspace`, `logspace`,
//! `geomspace`, `eye`, `tri`, `tril`/`triu`, `diag`/`diagflat` and `indices`.
//!
//! Each routine follows the order of operations of NumPy's implementation, so results
//! are bit-identical wherever NumPy's arithmetic is plain IEEE arithmetic (`arange`,
//! `linspace`); `logspace`/`geomspace` call the platform `pow`/`log10`, which may differ
//! from NumPy's SIMD versions in the last bit.

use numoxide_core::cast::CastFrom;
use numoxide_core::element::{f16, Complex, Complex128, Complex64, Element};
use numoxide_core::layout;
use numoxide_core::scalar::ScalarElement;
use numoxide_core::{
    DType, DTypeKind, Error, ErrorKind, IndexItem, NdArray, Order, Result, Scalar,
};

// ----- helpers ------------------------------------------------------------------------

/// A fresh C-contiguous array of `shape` whose elements `f` writes.
fn build<T: Element>(shape: &[usize], f: impl FnOnce(&mut [T])) -> Result<NdArray> {
    let a = NdArray::zeros(shape, DType::new(T::KIND), Order::C)?;
    fill_new::<T>(&a, f);
    Ok(a)
}

/// Run `f` over the elements of `a`, a C-contiguous array of `T` just made by the
/// caller (no other view of it exists).
fn fill_new<T: Element>(a: &NdArray, f: impl FnOnce(&mut [T])) {
    let n = a.size();
    if n > 0 && a.kind() == T::KIND && a.is_c_contiguous() {
        // SAFETY: `a` is C-contiguous with `n` elements of `T` (checked), aligned for
        // `T`, and was just allocated by the caller, so nothing else reads or writes it.
        let slice = unsafe { std::slice::from_raw_parts_mut(a.data_ptr() as *mut T, n) };
        f(slice);
    }
}

/// The elements of `a` broadcast to `shape`, in C order, converted to `T`.
fn broadcast_vec<T: CastFrom>(a: &NdArray, shape: &[usize]) -> Result<Vec<T>> {
    Ok(a.broadcast_to(shape)?.to_vec::<T>())
}

// ----- arange -------------------------------------------------------------------------

/// A Python number as `arange` computes with it: NumPy's `arange` does its length and
/// second-value arithmetic with Python objects, so ints are exact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// A Python int (or bool, or integer scalar).
    Int(i128),
    /// A Python float (or real floating scalar).
    Float(f64),
    /// A Python complex (or complex scalar).
    Complex(Complex128),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
            Num::Complex(c) => c.re,
        }
    }
    fn as_c128(self) -> Complex128 {
        match self {
            Num::Complex(c) => c,
            other => Complex::new(other.as_f64(), 0.0),
        }
    }
    fn is_zero(self) -> bool {
        match self {
            Num::Int(i) => i == 0,
            Num::Float(f) => f == 0.0,
            Num::Complex(c) => c.re == 0.0 && c.im == 0.0,
        }
    }
    fn rank(self) -> u8 {
        match self {
            Num::Int(_) => 0,
            Num::Float(_) => 1,
            Num::Complex(_) => 2,
        }
    }
    /// Python's `a - b` (`sign = -1`) or `a + b` (`sign = 1`).
    fn add_signed(self, other: Num, sign: i128) -> Result<Num> {
        Ok(match self.rank().max(other.rank()) {
            0 => match (self, other) {
                (Num::Int(a), Num::Int(b)) => Num::Int(
                    b.checked_mul(sign)
                        .and_then(|b| a.checked_add(b))
                        .ok_or_else(|| {
                            Error::overflow("Python int too large to convert to C long")
                        })?,
                ),
                _ => Num::Int(0),
            },
            1 => Num::Float(self.as_f64() + sign as f64 * other.as_f64()),
            _ => {
                let (a, b) = (self.as_c128(), other.as_c128());
                if sign < 0 {
                    Num::Complex(Complex::new(a.re - b.re, a.im - b.im))
                } else {
                    Num::Complex(Complex::new(a.re + b.re, a.im + b.im))
                }
            }
        })
    }
    /// Python's true division `a / b`.
    fn true_div(self, other: Num) -> Result<Num> {
        let zero_div = |m: &str| Error::new(ErrorKind::ZeroDivision, m);
        Ok(match (self, other) {
            (Num::Int(a), Num::Int(b)) => {
                if b == 0 {
                    return Err(zero_div("division by zero"));
                }
                Num::Float(int_true_div(a, b))
            }
            _ if self.rank().max(other.rank()) == 1 => {
                let b = other.as_f64();
                if b == 0.0 {
                    return Err(zero_div("float division by zero"));
                }
                Num::Float(self.as_f64() / b)
            }
            _ => {
                let (a, b) = (self.as_c128(), other.as_c128());
                let (abr, abi) = (b.re.abs(), b.im.abs());
                // CPython's complex quotient (Smith's algorithm).
                if abr >= abi {
                    if abr == 0.0 {
                        return Err(zero_div("complex division by zero"));
                    }
                    let ratio = b.im / b.re;
                    let denom = b.re + b.im * ratio;
                    Num::Complex(Complex::new(
                        (a.re + a.im * ratio) / denom,
                        (a.im - a.re * ratio) / denom,
                    ))
                } else if abi >= abr {
                    let ratio = b.re / b.im;
                    let denom = b.re * ratio + b.im;
                    Num::Complex(Complex::new(
                        (a.re * ratio + a.im) / denom,
                        (a.im * ratio - a.re) / denom,
                    ))
                } else {
                    Num::Complex(Complex::new(f64::NAN, f64::NAN))
                }
            }
        })
    }
}

/// `a / b` for integers correctly rounded to f64, as Python's int true division.
fn int_true_div(a: i128, b: i128) -> f64 {
    const EXACT: u128 = 1 << 53;
    let negative = (a < 0) != (b < 0);
    let (n, d) = (a.unsigned_abs(), b.unsigned_abs());
    let mag = if n <= EXACT && d <= EXACT {
        // Both operands are exact doubles, and IEEE division rounds correctly.
        n as f64 / d as f64
    } else {
        div_round_u128(n, d)
    };
    if negative {
        -mag
    } else {
        mag
    }
}

/// `n / d` (d > 0) rounded to nearest-even f64 by long division with a sticky bit.
fn div_round_u128(n: u128, d: u128) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let mut q = n / d;
    let mut r = n % d;
    let mut shift: i32 = 0;
    // Generate quotient bits until there are at least 55 significant ones.
    while (128 - q.leading_zeros()) < 55 {
        let top = r >> 127;
        r <<= 1;
        q <<= 1;
        if top == 1 || r >= d {
            r = r.wrapping_sub(d);
            q |= 1;
        }
        shift += 1;
    }
    let sticky = r != 0;
    let bits = 128 - q.leading_zeros();
    let drop = bits - 53;
    let low = q & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    let mut m = q >> drop;
    if low > half || (low == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    (m as f64) * 2f64.powi(drop as i32 - shift)
}

/// `ceil(value)` as a length, with NumPy's errors.
fn safe_ceil(value: f64) -> Result<i64> {
    let c = value.ceil();
    if c.is_nan() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if !(c >= i64::MIN as f64 && c < i64::MAX as f64) {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    Ok(c as i64)
}

/// The number of `arange` elements and, when there are some, the second value
/// `start + step`.
///
/// # Errors
/// `ZeroDivisionError` for a zero step (Python numbers), `ValueError` for NaN or
/// unbounded lengths, `TypeError` for a complex length with a real dtype.
pub fn arange_length(
    start: Num,
    stop: Num,
    step: Num,
    complex_dtype: bool,
) -> Result<(usize, Option<Num>)> {
    let delta = stop.add_signed(start, -1)?;
    let nonzero = !delta.is_zero();
    let val = delta.true_div(step)?;
    let len = match val {
        Num::Complex(c) if complex_dtype => safe_ceil(c.re)?.min(safe_ceil(c.im)?),
        Num::Complex(_) => return Err(Error::type_error("must be real number, not complex")),
        other => {
            let v = other.as_f64();
            if v == 0.0 && nonzero {
                if v.is_sign_negative() {
                    0
                } else {
                    1
                }
            } else {
                safe_ceil(v)?
            }
        }
    };
    if len <= 0 {
        return Ok((0, None));
    }
    Ok((len as usize, Some(start.add_signed(step, 1)?)))
}

/// A Python number stored into an element of `kind`, as NumPy's `__setitem__` does.
///
/// # Errors
/// `OverflowError` for ints out of range, `ValueError` for NaN into an integer,
/// `TypeError` for a complex into a real kind.
pub fn num_to_scalar(v: Num, kind: DTypeKind) -> Result<Scalar> {
    if kind.is_integer() {
        let i = match v {
            Num::Int(i) => i,
            Num::Float(f) => {
                if f.is_nan() {
                    return Err(Error::value("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(Error::overflow("cannot convert float infinity to integer"));
                }
                if f.abs() >= 1.7e38 {
                    return Err(Error::overflow("Python int too large to convert to C long"));
                }
                f.trunc() as i128
            }
            Num::Complex(_) => return Err(Error::type_error("must be real number, not complex")),
        };
        let (lo, hi) = kind.int_bounds();
        if i < lo || i > hi {
            return Err(Error::overflow(format!(
                "Python integer {i} out of bounds for {}",
                kind.name()
            )));
        }
        return Ok(if i < 0 {
            Scalar::Int64(i as i64)
        } else {
            Scalar::UInt64(i as u64)
        }
        .cast(kind));
    }
    Ok(match v {
        Num::Int(i) => Scalar::Float64(i as f64).cast(kind),
        Num::Float(f) => Scalar::Float64(f).cast(kind),
        Num::Complex(c) if kind.is_complex() => Scalar::Complex128(c).cast(kind),
        Num::Complex(_) if kind == DTypeKind::Bool => Scalar::Bool(true).cast(kind),
        Num::Complex(_) => return Err(Error::type_error("must be real number, not complex")),
    })
}

/// NumPy's `arange` fill rule: `buf[i] = buf[0] + i * (buf[1] - buf[0])` in the
/// element's own arithmetic (integers wrap; float16 computes in float32).
trait ArangeFill: Element {
    fn fill(buf: &mut [Self]);
}

macro_rules! fill_int {
    ($($t:ty),*) => {$(
        impl ArangeFill for $t {
            fn fill(buf: &mut [Self]) {
                if buf.len() < 3 {
                    return;
                }
                let start = buf[0] as i64;
                let delta = (buf[1] as i64).wrapping_sub(start);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = start.wrapping_add((i as i64).wrapping_mul(delta)) as $t;
                }
            }
        }
    )*};
}
fill_int!(i8, u8, i16, u16, i32, u32, i64, u64);

macro_rules! fill_float {
    ($($t:ty),*) => {$(
        impl ArangeFill for $t {
            fn fill(buf: &mut [Self]) {
                if buf.len() < 3 {
                    return;
                }
                let start = buf[0];
                let delta = buf[1] - start;
                // `start + i * delta` with `i` as a float, as NumPy computes it; the
                // index comes from an f64 counter per lane (exact below 2**53, so the
                // same value as `i as $t`), which vectorizes where a per-element integer
                // conversion would not.
                const LANES: usize = 8;
                let mut base = 2.0f64;
                let mut chunks = buf[2..].chunks_exact_mut(LANES);
                for chunk in &mut chunks {
                    for (j, x) in chunk.iter_mut().enumerate() {
                        *x = start + ((base + j as f64) as $t) * delta;
                    }
                    base += LANES as f64;
                }
                for (j, x) in chunks.into_remainder().iter_mut().enumerate() {
                    *x = start + ((base + j as f64) as $t) * delta;
                }
            }
        }
        impl ArangeFill for Complex<$t> {
            fn fill(buf: &mut [Self]) {
                if buf.len() < 3 {
                    return;
                }
                let start = buf[0];
                let delta = Complex::new(buf[1].re - start.re, buf[1].im - start.im);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    let k = i as $t;
                    *x = Complex::new(start.re + k * delta.re, start.im + k * delta.im);
                }
            }
        }
    )*};
}
fill_float!(f32, f64);

impl ArangeFill for f16 {
    fn fill(buf: &mut [Self]) {
        if buf.len() < 3 {
            return;
        }
        let start = buf[0].to_f32();
        let delta = buf[1].to_f32() - start;
        for (i, x) in buf.iter_mut().enumerate().skip(2) {
            *x = f16::from_f32(start + (i as f32) * delta);
        }
    }
}

impl ArangeFill for bool {
    fn fill(_: &mut [Self]) {}
}

fn arange_typed<T: ArangeFill + ScalarElement>(
    n: usize,
    first: Scalar,
    second: Option<Scalar>,
) -> Result<NdArray> {
    // Every element is written (the first two here, the rest by `fill`).
    let a = NdArray::unspecified(&[n], DType::new(T::KIND), Order::C)?;
    fill_new::<T>(&a, |buf| {
        if let Some(x) = buf.first_mut() {
            *x = first.to::<T>();
        }
        if let (Some(x), Some(s)) = (buf.get_mut(1), second) {
            *x = s.to::<T>();
        }
        T::fill(buf);
    });
    Ok(a)
}

/// The dtype `arange` picks without `dtype=`: at least the default integer, promoted
/// with the dtype of each argument.
pub fn arange_dtype(args: &[DType]) -> DType {
    args.iter().fold(DType::INTP, |acc, d| {
        numoxide_core::cast::promote_types(&acc, d)
    })
}

/// `arange(start, stop, step, dtype)` with NumPy's length and value rules: the length is
/// `ceil((stop - start) / step)` computed with Python numbers, the first two values are
/// `start` and `start + step`, and the rest are `first + i * (second - first)`.
///
/// # Errors
/// As [`arange_length`] and [`num_to_scalar`]; `TypeError` for more than two booleans.
pub fn arange(start: Num, stop: Num, step: Num, dtype: &DType) -> Result<NdArray> {
    let kind = dtype.kind();
    let (n, next) = arange_length(start, stop, step, kind.is_complex())?;
    if kind == DTypeKind::Bool && n > 2 {
        return Err(Error::type_error(
            "arange() is only supported for booleans when the result has at most length 2.",
        ));
    }
    let (first, second) = if n == 0 {
        (Scalar::zero(kind), None)
    } else {
        let first = num_to_scalar(start, kind)?;
        let second = match (n > 1, next) {
            (true, Some(v)) => Some(num_to_scalar(v, kind)?),
            _ => None,
        };
        (first, second)
    };
    let out = numoxide_core::dispatch!(kind, T => arange_typed::<T>(n, first, second))?;
    if dtype.is_native() {
        Ok(out)
    } else {
        out.astype(dtype.clone(), Order::C)
    }
}

// ----- linspace / logspace / geomspace ------------------------------------------------

/// Element arithmetic as NumPy's loops do it (float16 in float32, complex division by
/// NumPy's Smith variant).
pub trait Inexact: ScalarElement {
    /// `a + b`.
    fn add(self, o: Self) -> Self;
    /// `a - b`.
    fn sub(self, o: Self) -> Self;
    /// `a * b`.
    fn mul(self, o: Self) -> Self;
    /// `a / b`.
    fn div(self, o: Self) -> Self;
    /// Whether the value equals zero.
    fn is_zero(self) -> bool;
    /// `floor` (real part only for complex).
    fn floor(self) -> Self;
    /// `base ** self`.
    fn pow_from(self, base: Self) -> Self;
    /// `log10(self)`.
    fn log10(self) -> Self;
    /// `sign(self)` (z/|z| for complex).
    fn sign(self) -> Self;
    /// The value NumPy's `arange(0, n, dtype)` holds at index `i`.
    fn index(i: usize) -> Self;
}

macro_rules! inexact_real {
    ($($t:ty),*) => {$(
        impl Inexact for $t {
            fn add(self, o: Self) -> Self { self + o }
            fn sub(self, o: Self) -> Self { self - o }
            fn mul(self, o: Self) -> Self { self * o }
            fn div(self, o: Self) -> Self { self / o }
            fn is_zero(self) -> bool { self == 0.0 }
            fn floor(self) -> Self { <$t>::floor(self) }
            fn pow_from(self, base: Self) -> Self { base.powf(self) }
            fn log10(self) -> Self { <$t>::log10(self) }
            fn sign(self) -> Self {
                if self > 0.0 { 1.0 } else if self < 0.0 { -1.0 } else if self == 0.0 { 0.0 } else { self }
            }
            fn index(i: usize) -> Self { i as $t }
        }
    )*};
}
inexact_real!(f32, f64);

impl Inexact for f16 {
    fn add(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() + o.to_f32())
    }
    fn sub(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() - o.to_f32())
    }
    fn mul(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() * o.to_f32())
    }
    fn div(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() / o.to_f32())
    }
    fn is_zero(self) -> bool {
        self.to_f32() == 0.0
    }
    fn floor(self) -> Self {
        f16::from_f32(self.to_f32().floor())
    }
    fn pow_from(self, base: Self) -> Self {
        f16::from_f32(base.to_f32().powf(self.to_f32()))
    }
    fn log10(self) -> Self {
        f16::from_f32(self.to_f32().log10())
    }
    fn sign(self) -> Self {
        f16::from_f32(self.to_f32().sign())
    }
    fn index(i: usize) -> Self {
        f16::from_f32(i as f32)
    }
}

macro_rules! inexact_complex {
    ($($t:ty => $log10e:expr),*) => {$(
        impl Inexact for Complex<$t> {
            fn add(self, o: Self) -> Self { Complex::new(self.re + o.re, self.im + o.im) }
            fn sub(self, o: Self) -> Self { Complex::new(self.re - o.re, self.im - o.im) }
            fn mul(self, o: Self) -> Self {
                Complex::new(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)
            }
            fn div(self, o: Self) -> Self {
                let (br, bi) = (o.re, o.im);
                let (abr, abi) = (br.abs(), bi.abs());
                if abr >= abi {
                    if abr == 0.0 && abi == 0.0 {
                        Complex::new(self.re / abr, self.im / abi)
                    } else {
                        let rat = bi / br;
                        let scl = 1.0 / (br + bi * rat);
                        Complex::new((self.re + self.im * rat) * scl, (self.im - self.re * rat) * scl)
                    }
                } else {
                    let rat = br / bi;
                    let scl = 1.0 / (bi + br * rat);
                    Complex::new((self.re * rat + self.im) * scl, (self.im * rat - self.re) * scl)
                }
            }
            fn is_zero(self) -> bool { self.re == 0.0 && self.im == 0.0 }
            fn floor(self) -> Self { Complex::new(self.re.floor(), self.im.floor()) }
            fn pow_from(self, base: Self) -> Self {
                if self.re == 0.0 && self.im == 0.0 {
                    return Complex::new(1.0, 0.0);
                }
                if base.re == 0.0 && base.im == 0.0 {
                    return if self.re > 0.0 && self.im == 0.0 {
                        Complex::new(0.0, 0.0)
                    } else {
                        Complex::new(<$t>::NAN, <$t>::NAN)
                    };
                }
                base.powc(self)
            }
            fn log10(self) -> Self {
                let l = self.ln();
                Complex::new(l.re * $log10e, l.im * $log10e)
            }
            fn sign(self) -> Self {
                let a = self.re.hypot(self.im);
                if a.is_nan() {
                    Complex::new(<$t>::NAN, <$t>::NAN)
                } else if a == 0.0 {
                    Complex::new(0.0, 0.0)
                } else {
                    Complex::new(self.re / a, self.im / a)
                }
            }
            fn index(i: usize) -> Self { Complex::new(i as $t, 0.0) }
        }
    )*};
}
inexact_complex!(f32 => std::f32::consts::LOG10_E, f64 => std::f64::consts::LOG10_E);

/// The dtype NumPy's `result_type(..., ensure_inexact=True)` gives for `strong` dtypes
/// joined with weak Python scalars of the given kinds (NEP 50): integer results
/// become float64.
pub fn inexact_result_type(strong: &[DType], weak: &[DTypeKind]) -> DType {
    use DTypeKind::*;
    let mut r: Option<DTypeKind> = strong
        .iter()
        .map(|d| d.kind())
        .reduce(numoxide_core::cast::promote_kinds);
    for &w in weak {
        r = Some(match r {
            None => match w {
                Bool => Bool,
                k if k.is_integer() => Int64,
                k if k.is_complex() => Complex128,
                _ => Float64,
            },
            Some(k) => {
                if w.is_complex() {
                    match k {
                        Float16 | Float32 | Complex64 => Complex64,
                        _ => Complex128,
                    }
                } else if w.is_float() {
                    if k.is_inexact() {
                        k
                    } else {
                        Float64
                    }
                } else if w.is_integer() && k == Bool {
                    Int64
                } else {
                    k
                }
            }
        });
    }
    match r {
        Some(k) if k.is_inexact() => DType::new(k),
        _ => DType::FLOAT64,
    }
}

/// The result of [`linspace`]: the samples and the step (`None` when undefined, i.e.
/// NumPy's Python `nan`).
pub struct Linspace {
    /// The samples.
    pub samples: NdArray,
    /// `delta / div` in the computation dtype (0-d for scalar endpoints).
    pub step: Option<NdArray>,
}

fn linspace_typed<T: Inexact>(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
) -> Result<Linspace> {
    let bshape = layout::broadcast_shapes(&[start.shape(), stop.shape()])?;
    let s0: Vec<T> = broadcast_vec(start, &bshape)?;
    let s1: Vec<T> = broadcast_vec(stop, &bshape)?;
    let m = s0.len();
    let delta: Vec<T> = s1.iter().zip(&s0).map(|(&b, &a)| b.sub(a)).collect();
    let div = if endpoint { num as i64 - 1 } else { num as i64 };
    let mut shape = vec![num];
    shape.extend_from_slice(&bshape);
    let mut step_out = None;
    let samples = if div > 0 {
        let divt: T = Scalar::Int64(div).to::<T>();
        let step: Vec<T> = delta.iter().map(|&d| d.div(divt)).collect();
        let any_zero = step.iter().any(|s| s.is_zero());
        let out = build::<T>(&shape, |buf| {
            for (i, row) in buf.chunks_exact_mut(m.max(1)).enumerate().take(num) {
                let y = T::index(i);
                if any_zero {
                    let y = y.div(divt);
                    for (j, x) in row.iter_mut().enumerate() {
                        *x = y.mul(delta[j]).add(s0[j]);
                    }
                } else {
                    for (j, x) in row.iter_mut().enumerate() {
                        *x = y.mul(step[j]).add(s0[j]);
                    }
                }
            }
            if endpoint && num > 1 {
                let last = (num - 1) * m;
                buf[last..last + m].copy_from_slice(&s1);
            }
        })?;
        step_out = Some(NdArray::from_vec(step, &bshape)?);
        out
    } else {
        build::<T>(&shape, |buf| {
            for (i, row) in buf.chunks_exact_mut(m.max(1)).enumerate().take(num) {
                let y = T::index(i);
                for (j, x) in row.iter_mut().enumerate() {
                    *x = y.mul(delta[j]).add(s0[j]);
                }
            }
        })?
    };
    Ok(Linspace {
        samples,
        step: step_out,
    })
}

/// Floor in place (for a requested integer dtype) then cast to `dtype`.
fn finish(y: NdArray, axis: isize, dtype: &DType) -> Result<NdArray> {
    let y = if axis != 0 {
        y.moveaxis(&[0], &[axis])?
    } else {
        y
    };
    if dtype.kind().is_integer() && y.kind() != dtype.kind() {
        if y.kind().is_complex() {
            return Err(Error::type_error(
                "ufunc 'floor' not supported for the input types",
            ));
        }
        let floored = floor_array(&y)?;
        return floored.astype(dtype.clone(), Order::K);
    }
    if y.dtype() == dtype {
        Ok(y)
    } else {
        y.astype(dtype.clone(), Order::K)
    }
}

/// `floor` of a real array, as float64 (exact for every real float kind).
fn floor_array(y: &NdArray) -> Result<NdArray> {
    let floored: Vec<f64> = y.to_vec::<f64>().into_iter().map(f64::floor).collect();
    NdArray::from_vec(floored, y.shape())
}

/// `linspace(start, stop, num, endpoint, dtype, axis)` computed in `calc` (the inexact
/// result type of the endpoints) exactly as NumPy: `step = (stop - start) / div`,
/// `y = arange(num) * step + start`, the last sample set to `stop`, then
/// moved to `axis`, floored for integer dtypes and cast to `dtype`.
///
/// # Errors
/// Broadcasting errors of the endpoints, `AxisError`.
pub fn linspace(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
    calc: &DType,
    dtype: &DType,
    axis: isize,
) -> Result<Linspace> {
    let r = linspace_calc(start, stop, num, endpoint, calc)?;
    let nd = r.samples.ndim() as isize;
    if axis < -nd || axis >= nd {
        return Err(Error::axis(axis, r.samples.ndim()));
    }
    Ok(Linspace {
        samples: finish(r.samples, axis, dtype)?,
        step: r.step,
    })
}

fn linspace_calc(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
    calc: &DType,
) -> Result<Linspace> {
    match calc.kind() {
        DTypeKind::Float16 => linspace_typed::<f16>(start, stop, num, endpoint),
        DTypeKind::Float32 => linspace_typed::<f32>(start, stop, num, endpoint),
        DTypeKind::Complex64 => linspace_typed::<Complex64>(start, stop, num, endpoint),
        DTypeKind::Complex128 => linspace_typed::<Complex128>(start, stop, num, endpoint),
        _ => linspace_typed::<f64>(start, stop, num, endpoint),
    }
}

/// `base ** y` elementwise with broadcasting, computed in `calc`.
fn power_typed<T: Inexact>(base: &NdArray, y: &NdArray) -> Result<NdArray> {
    let shape = layout::broadcast_shapes(&[base.shape(), y.shape()])?;
    let b: Vec<T> = broadcast_vec(base, &shape)?;
    let e: Vec<T> = broadcast_vec(y, &shape)?;
    build::<T>(&shape, |buf| {
        for ((x, &bb), &ee) in buf.iter_mut().zip(&b).zip(&e) {
            *x = ee.pow_from(bb);
        }
    })
}

fn power(base: &NdArray, y: &NdArray, calc: DTypeKind) -> Result<NdArray> {
    match calc {
        DTypeKind::Float16 => power_typed::<f16>(base, y),
        DTypeKind::Float32 => power_typed::<f32>(base, y),
        DTypeKind::Complex64 => power_typed::<Complex64>(base, y),
        DTypeKind::Complex128 => power_typed::<Complex128>(base, y),
        _ => power_typed::<f64>(base, y),
    }
}

/// `logspace(start, stop, num, endpoint, base, dtype, axis)`: `base ** linspace(...)`.
/// `base_weak` marks a Python-number base (it then takes the samples' dtype and is not
/// broadcast against the endpoints).
///
/// # Errors
/// Broadcasting errors, `AxisError`.
#[allow(clippy::too_many_arguments)]
pub fn logspace(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
    base: &NdArray,
    base_weak: bool,
    calc: &DType,
    dtype: Option<&DType>,
    axis: isize,
) -> Result<NdArray> {
    let (start, stop, base) = if base_weak || base.ndim() == 0 {
        (start.clone(), stop.clone(), base.clone())
    } else {
        let nd = layout::broadcast_shapes(&[start.shape(), stop.shape(), base.shape()])?.len();
        let pad = |a: &NdArray| -> Result<NdArray> {
            if a.ndim() >= nd {
                return Ok(a.clone());
            }
            let axes: Vec<isize> = (0..(nd - a.ndim()) as isize).collect();
            a.expand_dims(&axes)
        };
        let b = pad(base)?.expand_dims(&[axis])?;
        (pad(start)?, pad(stop)?, b)
    };
    let y = linspace(&start, &stop, num, endpoint, calc, calc, axis)?.samples;
    let pk = if base_weak {
        // A Python float/int base takes the samples' dtype; a Python complex widens it.
        if base.kind().is_complex() && !y.kind().is_complex() {
            inexact_result_type(&[y.dtype().clone()], &[DTypeKind::Complex128]).kind()
        } else {
            y.kind()
        }
    } else {
        numoxide_core::cast::promote_kinds(base.kind(), y.kind())
    };
    let pk = if pk.is_inexact() {
        pk
    } else {
        DTypeKind::Float64
    };
    let out = power(&base, &y, pk)?;
    match dtype {
        Some(d) if d != out.dtype() => out.astype(d.clone(), Order::K),
        _ => Ok(out),
    }
}

fn geomspace_typed<T: Inexact>(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
    calc: &DType,
) -> Result<NdArray> {
    let s0: Vec<T> = start.to_vec();
    let s1: Vec<T> = stop.to_vec();
    if s0.iter().chain(&s1).any(|v| v.is_zero()) {
        return Err(Error::value("Geometric sequence cannot include zero"));
    }
    let sign: Vec<T> = s0.iter().map(|v| v.sign()).collect();
    let a: Vec<T> = s0.iter().zip(&sign).map(|(&v, &s)| v.div(s)).collect();
    let sign_arr = NdArray::from_vec(sign, start.shape())?;
    let sign_b: Vec<T> = broadcast_vec(&sign_arr, stop.shape())?;
    let b: Vec<T> = s1.iter().zip(&sign_b).map(|(&v, &s)| v.div(s)).collect();
    let la = NdArray::from_vec(a.iter().map(|v| v.log10()).collect(), start.shape())?;
    let lb = NdArray::from_vec(b.iter().map(|v| v.log10()).collect(), stop.shape())?;
    let ten = NdArray::from_scalar(Scalar::Float64(10.0));
    let result = logspace(&la, &lb, num, endpoint, &ten, true, calc, Some(calc), 0)?;
    let a_arr = NdArray::from_vec(a, start.shape())?;
    let b_arr = NdArray::from_vec(b, stop.shape())?;
    if num > 0 {
        result.index(&[IndexItem::Int(0)])?.assign(&a_arr)?;
        if num > 1 && endpoint {
            result.index(&[IndexItem::Int(-1)])?.assign(&b_arr)?;
        }
    }
    let shape = result.shape().to_vec();
    let r: Vec<T> = result.to_vec();
    let sign_full: Vec<T> = broadcast_vec(&sign_arr, &shape)?;
    build::<T>(&shape, |buf| {
        for ((x, &v), &s) in buf.iter_mut().zip(&r).zip(&sign_full) {
            *x = v.mul(s);
        }
    })
}

/// `geomspace(start, stop, num, endpoint, dtype, axis)` following NumPy: endpoints made
/// positive by their sign (z/|z| for complex), `logspace` between their log10s, the
/// endpoints written back exactly, the sign multiplied back in.
///
/// # Errors
/// `ValueError` "Geometric sequence cannot include zero", broadcasting errors,
/// `AxisError`.
pub fn geomspace(
    start: &NdArray,
    stop: &NdArray,
    num: usize,
    endpoint: bool,
    calc: &DType,
    dtype: &DType,
    axis: isize,
) -> Result<NdArray> {
    let y = match calc.kind() {
        DTypeKind::Float16 => geomspace_typed::<f16>(start, stop, num, endpoint, calc),
        DTypeKind::Float32 => geomspace_typed::<f32>(start, stop, num, endpoint, calc),
        DTypeKind::Complex64 => geomspace_typed::<Complex64>(start, stop, num, endpoint, calc),
        DTypeKind::Complex128 => geomspace_typed::<Complex128>(start, stop, num, endpoint, calc),
        _ => geomspace_typed::<f64>(start, stop, num, endpoint, calc),
    }?;
    let nd = y.ndim() as isize;
    if axis < -nd || axis >= nd {
        return Err(Error::axis(axis, y.ndim()));
    }
    let y = if axis != 0 {
        y.moveaxis(&[0], &[axis])?
    } else {
        y
    };
    if y.dtype() == dtype {
        Ok(y)
    } else {
        y.astype(dtype.clone(), Order::K)
    }
}

// ----- matrices -----------------------------------------------------------------------

/// A writeable view of diagonal `k` of the last two axes of a fresh array.
fn diagonal_mut(a: &NdArray, k: isize) -> Result<NdArray> {
    let mut d = a.diagonal(k, -2, -1)?;
    d.set_writeable(a.is_writeable());
    Ok(d)
}

/// `eye(N, M, k, dtype, order)`: ones on diagonal `k`, zeros elsewhere.
///
/// # Errors
/// `ValueError` for negative sizes, `MemoryError`.
pub fn eye(n: usize, m: Option<usize>, k: isize, dtype: &DType, order: Order) -> Result<NdArray> {
    let m = m.unwrap_or(n);
    let a = NdArray::zeros(&[n, m], dtype.clone(), order)?;
    let d = diagonal_mut(&a, k)?;
    if d.size() > 0 {
        d.fill(Scalar::one(dtype.kind()))?;
    }
    Ok(a)
}

/// `tri(N, M, k, dtype)`: ones at and below diagonal `k`.
///
/// # Errors
/// `MemoryError`.
pub fn tri(n: usize, m: Option<usize>, k: isize, dtype: &DType) -> Result<NdArray> {
    let m = m.unwrap_or(n);
    let a = NdArray::zeros(&[n, m], dtype.clone(), Order::C)?;
    let one = Scalar::one(dtype.kind());
    for i in 0..n {
        let hi = (i as i128 + k as i128 + 1).clamp(0, m as i128) as isize;
        if hi > 0 {
            let row = a.index(&[
                IndexItem::Int(i as isize),
                IndexItem::Slice(None, Some(hi), None),
            ])?;
            row.fill(one)?;
        }
    }
    Ok(a)
}

/// `tril(m, k)` (`upper = false`) or `triu(m, k)` (`upper = true`): a copy of `m` (a
/// 1-D input is first broadcast to a square) with the other triangle of the last two
/// axes zeroed.
///
/// # Errors
/// `ValueError` for a 0-d input.
pub fn tri_mask(m: &NdArray, k: isize, upper: bool) -> Result<NdArray> {
    let src = match m.ndim() {
        0 => {
            return Err(Error::type_error(
                "tri() missing 1 required positional argument: 'N'",
            ))
        }
        1 => {
            let n = m.shape()[0];
            m.broadcast_to(&[n, n])?
        }
        _ => m.clone(),
    };
    let out = src.copy(Order::C)?;
    let nd = out.ndim();
    let (rows, cols) = (out.shape()[nd - 2], out.shape()[nd - 1]);
    if out.size() == 0 {
        return Ok(out);
    }
    let item = out.itemsize();
    let mats = out.size() / (rows * cols);
    let base = out.data_ptr();
    for mtx in 0..mats {
        for i in 0..rows {
            let edge = i as i128 + k as i128;
            let (lo, hi) = if upper {
                (0, edge.clamp(0, cols as i128) as usize)
            } else {
                ((edge + 1).clamp(0, cols as i128) as usize, cols)
            };
            if hi > lo {
                let start = ((mtx * rows + i) * cols + lo) * item;
                // SAFETY: `out` is a fresh C-contiguous array we own; the byte range
                // [start, start + (hi-lo)*item) lies within row i of matrix `mtx`.
                unsafe { std::ptr::write_bytes(base.add(start), 0, (hi - lo) * item) };
            }
        }
    }
    Ok(out)
}

/// `diag(v, k)` for a 1-D `v` (and `diagflat` after flattening): a square 2-D array
/// with `v` on diagonal `k`.
///
/// # Errors
/// `ValueError` when `v` is not 1-D.
pub fn diag_from_1d(v: &NdArray, k: isize) -> Result<NdArray> {
    if v.ndim() != 1 {
        return Err(Error::value("Input must be 1- or 2-d."));
    }
    let n = v.shape()[0] + k.unsigned_abs();
    let a = NdArray::zeros(&[n, n], v.dtype().clone(), Order::C)?;
    diagonal_mut(&a, k)?.assign(v)?;
    Ok(a)
}

/// `indices(dimensions, dtype)`: the dense grid of shape `(len(dims), *dims)`.
///
/// # Errors
/// `MemoryError`.
pub fn indices(dims: &[usize], dtype: &DType) -> Result<NdArray> {
    let mut shape = vec![dims.len()];
    shape.extend_from_slice(dims);
    // Every element is written below.
    let out = NdArray::unspecified(&shape, dtype.clone(), Order::C)?;
    for (d, part) in indices_sparse(dims, dtype)?.into_iter().enumerate() {
        out.index(&[IndexItem::Int(d as isize)])?.assign(&part)?;
    }
    Ok(out)
}

/// `indices(dimensions, dtype, sparse=True)`: one array per axis, of length `dims[d]`
/// along axis `d` and 1 elsewhere.
///
/// # Errors
/// `MemoryError`.
pub fn indices_sparse(dims: &[usize], dtype: &DType) -> Result<Vec<NdArray>> {
    let nd = dims.len();
    let mut out = Vec::with_capacity(nd);
    for (d, &n) in dims.iter().enumerate() {
        let mut shape = vec![1usize; nd];
        shape[d] = n;
        let r = NdArray::from_vec((0..n as i64).collect::<Vec<i64>>(), &shape)?;
        out.push(if dtype.kind() == DTypeKind::Int64 && dtype.is_native() {
            r
        } else {
            r.astype(dtype.clone(), Order::C)?
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_division_rounds_like_python() {
        assert_eq!(int_true_div(7, 2), 3.5);
        assert_eq!(int_true_div(-7, 2), -3.5);
        let a: i128 = 3 * 10i128.pow(17) + 1;
        assert_eq!(int_true_div(a, 10i128.pow(17)), 3.0);
        assert_eq!(
            int_true_div(1, 3 * (1i128 << 60)),
            1.0 / (3.0 * 2f64.powi(60))
        );
        assert_eq!(int_true_div((1i128 << 100) + 1, 1), 2f64.powi(100));
    }

    #[test]
    fn arange_rules() {
        let a = arange(Num::Int(0), Num::Int(5), Num::Int(1), &DType::INT64).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![0, 1, 2, 3, 4]);
        let b = arange(Num::Int(0), Num::Int(5), Num::Float(0.5), &DType::INT64).unwrap();
        assert_eq!(b.to_vec::<i64>(), vec![0; 10]);
        let e = arange(Num::Int(0), Num::Int(5), Num::Int(0), &DType::INT64).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::ZeroDivision);
        let f = arange(
            Num::Float(0.0),
            Num::Float(1.0),
            Num::Float(0.1),
            &DType::FLOAT64,
        )
        .unwrap();
        assert_eq!(f.size(), 10);
        assert_eq!(f.to_vec::<f64>()[3], 0.0 + 3.0 * (0.1 - 0.0));
    }

    #[test]
    fn eye_and_tri() {
        let e = eye(2, Some(3), 1, &DType::INT64, Order::C).unwrap();
        assert_eq!(e.to_vec::<i64>(), vec![0, 1, 0, 0, 0, 1]);
        let t = tri(2, Some(2), 0, &DType::INT64).unwrap();
        assert_eq!(t.to_vec::<i64>(), vec![1, 0, 1, 1]);
    }
}
