//! The four element types LAPACK (and faer) work on, and NumPy's linalg dtype rules.

use numoxide_core::cast::CastFrom;
use numoxide_core::element::{Complex, Element};
use numoxide_core::scalar::ScalarElement;
use numoxide_core::{DTypeKind, Error, Result};
use std::ops::{Add, Div, Mul, Neg, Sub};

/// An element type faer decomposes: f32, f64, Complex<f32>, Complex<f64>.
pub trait LinalgScalar:
    faer::traits::ComplexField
    + Element
    + CastFrom
    + ScalarElement
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// The matching real type.
    type R: LinalgReal;
    /// Whether this is a complex type.
    const IS_COMPLEX: bool;
    /// The real part.
    fn re(self) -> Self::R;
    /// The imaginary part (zero for reals).
    fn im(self) -> Self::R;
    /// A value from its parts (`im` is dropped for reals).
    fn from_parts(re: Self::R, im: Self::R) -> Self;
    /// The complex conjugate.
    fn conj(self) -> Self;
    /// The modulus.
    fn modulus(self) -> Self::R;
    /// A real value as this type.
    fn from_real(r: Self::R) -> Self {
        Self::from_parts(r, Self::R::rzero())
    }
    /// Zero.
    fn lzero() -> Self {
        Self::from_real(Self::R::of_f64(0.0))
    }
    /// One.
    fn lone() -> Self {
        Self::from_real(Self::R::of_f64(1.0))
    }
    /// A value of faer's real type of `Self` as f64.
    fn real_f64(x: &<Self as faer::traits::ComplexField>::Real) -> f64;
}

/// The two real types.
pub trait LinalgReal: LinalgScalar<R = Self> + PartialOrd {
    /// Machine epsilon.
    const EPS: Self;
    /// Conversion from f64.
    fn of_f64(v: f64) -> Self;
    /// Conversion to f64.
    fn as_f64(self) -> f64;
    /// Zero.
    fn rzero() -> Self {
        Self::of_f64(0.0)
    }
    /// Square root.
    fn sqrt(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Absolute value.
    fn fabs(self) -> Self;
    /// `self` to the power `p`.
    fn powf(self, p: Self) -> Self;
    /// Whether it is NaN.
    fn is_nan(self) -> bool;
}

macro_rules! real_impl {
    ($t:ty) => {
        impl LinalgScalar for $t {
            type R = $t;
            const IS_COMPLEX: bool = false;
            #[inline]
            fn re(self) -> $t {
                self
            }
            #[inline]
            fn im(self) -> $t {
                0.0
            }
            #[inline]
            fn from_parts(re: $t, _im: $t) -> $t {
                re
            }
            #[inline]
            fn conj(self) -> $t {
                self
            }
            #[inline]
            fn modulus(self) -> $t {
                self.abs()
            }
            #[inline]
            fn real_f64(x: &$t) -> f64 {
                *x as f64
            }
        }
        impl LinalgReal for $t {
            const EPS: $t = <$t>::EPSILON;
            #[inline]
            fn of_f64(v: f64) -> $t {
                v as $t
            }
            #[inline]
            fn as_f64(self) -> f64 {
                self as f64
            }
            #[inline]
            fn sqrt(self) -> $t {
                <$t>::sqrt(self)
            }
            #[inline]
            fn ln(self) -> $t {
                <$t>::ln(self)
            }
            #[inline]
            fn fabs(self) -> $t {
                <$t>::abs(self)
            }
            #[inline]
            fn powf(self, p: $t) -> $t {
                <$t>::powf(self, p)
            }
            #[inline]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
        }
    };
}
real_impl!(f32);
real_impl!(f64);

macro_rules! complex_impl {
    ($t:ty) => {
        impl LinalgScalar for Complex<$t> {
            type R = $t;
            const IS_COMPLEX: bool = true;
            #[inline]
            fn re(self) -> $t {
                self.re
            }
            #[inline]
            fn im(self) -> $t {
                self.im
            }
            #[inline]
            fn from_parts(re: $t, im: $t) -> Self {
                Complex::new(re, im)
            }
            #[inline]
            fn conj(self) -> Self {
                Complex::new(self.re, -self.im)
            }
            #[inline]
            fn modulus(self) -> $t {
                self.re.hypot(self.im)
            }
            #[inline]
            fn real_f64(x: &$t) -> f64 {
                *x as f64
            }
        }
    };
}
complex_impl!(f32);
complex_impl!(f64);

/// The dtype NumPy's linalg computes in for an input of `kind`: float32 and the complex
/// types stay, everything else becomes float64; float16 is refused.
///
/// # Errors
/// `TypeError` "array type float16 is unsupported in linalg".
pub fn linalg_kind(kind: DTypeKind) -> Result<DTypeKind> {
    match kind {
        DTypeKind::Float16 => Err(Error::type_error(
            "array type float16 is unsupported in linalg",
        )),
        DTypeKind::Float32 | DTypeKind::Complex64 | DTypeKind::Complex128 => Ok(kind),
        _ => Ok(DTypeKind::Float64),
    }
}

/// The real kind matching a linalg kind.
pub(crate) fn real_kind(kind: DTypeKind) -> DTypeKind {
    match kind {
        DTypeKind::Float32 | DTypeKind::Complex64 => DTypeKind::Float32,
        _ => DTypeKind::Float64,
    }
}

/// The complex kind matching a linalg kind.
pub(crate) fn complex_kind(kind: DTypeKind) -> DTypeKind {
    match kind {
        DTypeKind::Float32 | DTypeKind::Complex64 => DTypeKind::Complex64,
        _ => DTypeKind::Complex128,
    }
}

/// Run `$body` (which returns a `Result`) with `$T` bound to the linalg type of `$kind`.
#[macro_export]
#[doc(hidden)]
macro_rules! dispatch_linalg {
    ($kind:expr, $T:ident => $body:expr) => {{
        use numoxide_core::DTypeKind as __K;
        match $kind {
            __K::Float32 => {
                type $T = f32;
                $body
            }
            __K::Complex64 => {
                type $T = numoxide_core::element::Complex64;
                $body
            }
            __K::Complex128 => {
                type $T = numoxide_core::element::Complex128;
                $body
            }
            _ => {
                type $T = f64;
                $body
            }
        }
    }};
}
