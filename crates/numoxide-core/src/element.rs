//! The Rust types behind each numeric dtype, and the one dispatch macro that turns a
//! runtime [`DTypeKind`](crate::dtype::DTypeKind) into a generic call.

use crate::dtype::DTypeKind;
pub use half::f16;
pub use num_complex::Complex;

/// `complex64`.
pub type Complex64 = Complex<f32>;
/// `complex128`.
pub type Complex128 = Complex<f64>;

/// `v` rounded once, to nearest with ties to even, to half precision, as NumPy's
/// double-to-half conversion does. (`half::f16::from_f64` rounds to single precision
/// first on F16C hardware, and that double rounding can land on the wrong neighbour.)
/// Returns the half and whether a finite `v` overflowed to infinity.
pub fn f16_from_f64_rounded(v: f64) -> (f16, bool) {
    let bits = v.to_bits();
    round_to_half(
        ((bits >> 48) & 0x8000) as u16,
        ((bits >> 52) & 0x7ff) as i32,
        0x7ff,
        1023,
        bits & ((1u64 << 52) - 1),
        52,
    )
}

/// `v` rounded to half precision in software, as [`f16_from_f64_rounded`]. The F16C
/// instruction `half` uses converts four lanes, and the compiler may leave stale values
/// in the three unused ones; their overflow would raise the processor's flag, which
/// NumPy's error reporting reads.
pub fn f16_from_f32_rounded(v: f32) -> (f16, bool) {
    let bits = v.to_bits();
    round_to_half(
        ((bits >> 16) & 0x8000) as u16,
        ((bits >> 23) & 0xff) as i32,
        0xff,
        127,
        u64::from(bits & ((1u32 << 23) - 1)),
        23,
    )
}

/// Round a binary float, given by its sign (already in the half's position), biased
/// exponent field, the exponent field's all-ones value, bias, and `mbits` fraction
/// bits, to a half, once, ties to even.
fn round_to_half(
    sign: u16,
    exp: i32,
    exp_max: i32,
    bias: i32,
    man: u64,
    mbits: u32,
) -> (f16, bool) {
    if exp == exp_max {
        if man == 0 {
            return (f16::from_bits(sign | 0x7c00), false);
        }
        // NaN: keep the top payload bits, and keep it a NaN.
        let payload = (man >> (mbits - 10)) as u16;
        return (f16::from_bits(sign | 0x7c00 | payload.max(1)), false);
    }
    let e = exp - bias;
    if e > 15 {
        return (f16::from_bits(sign | 0x7c00), true);
    }
    if e < -25 || exp == 0 {
        // Below half the smallest subnormal half (or a subnormal input): zero.
        return (f16::from_bits(sign), false);
    }
    let sig = man | (1u64 << mbits);
    // The input's significand bits below the half's last place, and the half's bits
    // above it (with the exponent field for normal results, so a carry out of the
    // significand steps the exponent, up to infinity).
    let (shift, high) = if e >= -14 {
        let shift = mbits - 10;
        (shift, (((e + 15) as u64) << 10) + ((sig >> shift) & 0x3ff))
    } else {
        // Subnormal: units of 2^-24; e is in -25..=-15, so the shift is in range.
        let shift = (mbits as i32 - 24 - e) as u32;
        (shift, sig >> shift)
    };
    let rem = sig & ((1u64 << shift) - 1);
    let half_way = 1u64 << (shift - 1);
    let up = rem > half_way || (rem == half_way && high & 1 == 1);
    let h = (high + u64::from(up)) as u16;
    (f16::from_bits(sign | h), h >= 0x7c00)
}

/// A Rust type that is the element of one numeric dtype.
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + Default + 'static {
    /// The dtype kind whose elements are `Self`.
    const KIND: DTypeKind;
    /// The value with its bytes reversed (for non-native byte orders).
    fn byte_swap(self) -> Self;
}

macro_rules! impl_element_int {
    ($($t:ty => $k:ident),*) => {$(
        impl Element for $t {
            const KIND: DTypeKind = DTypeKind::$k;
            #[inline]
            fn byte_swap(self) -> Self { self.swap_bytes() }
        }
    )*};
}
impl_element_int!(i8 => Int8, u8 => UInt8, i16 => Int16, u16 => UInt16, i32 => Int32,
    u32 => UInt32, i64 => Int64, u64 => UInt64);

impl Element for bool {
    const KIND: DTypeKind = DTypeKind::Bool;
    #[inline]
    fn byte_swap(self) -> Self {
        self
    }
}
impl Element for f16 {
    const KIND: DTypeKind = DTypeKind::Float16;
    #[inline]
    fn byte_swap(self) -> Self {
        f16::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for f32 {
    const KIND: DTypeKind = DTypeKind::Float32;
    #[inline]
    fn byte_swap(self) -> Self {
        f32::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for f64 {
    const KIND: DTypeKind = DTypeKind::Float64;
    #[inline]
    fn byte_swap(self) -> Self {
        f64::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for Complex64 {
    const KIND: DTypeKind = DTypeKind::Complex64;
    #[inline]
    fn byte_swap(self) -> Self {
        Complex::new(self.re.byte_swap(), self.im.byte_swap())
    }
}
impl Element for Complex128 {
    const KIND: DTypeKind = DTypeKind::Complex128;
    #[inline]
    fn byte_swap(self) -> Self {
        Complex::new(self.re.byte_swap(), self.im.byte_swap())
    }
}

/// Run `$body` with the type alias `$T` bound to the Rust element type of `$kind`.
///
/// ```ignore
/// dispatch!(dtype.kind(), T => fill_with::<T>(&mut out, value))
/// ```
/// This is the one place where the runtime dtype meets the generic kernels.
#[macro_export]
macro_rules! dispatch {
    ($kind:expr, $T:ident => $body:expr) => {{
        use $crate::dtype::DTypeKind as __K;
        match $kind {
            __K::Bool => {
                type $T = bool;
                $body
            }
            __K::Int8 => {
                type $T = i8;
                $body
            }
            __K::UInt8 => {
                type $T = u8;
                $body
            }
            __K::Int16 => {
                type $T = i16;
                $body
            }
            __K::UInt16 => {
                type $T = u16;
                $body
            }
            __K::Int32 => {
                type $T = i32;
                $body
            }
            __K::UInt32 => {
                type $T = u32;
                $body
            }
            __K::Int64 => {
                type $T = i64;
                $body
            }
            __K::UInt64 => {
                type $T = u64;
                $body
            }
            __K::Float16 => {
                type $T = $crate::element::f16;
                $body
            }
            __K::Float32 => {
                type $T = f32;
                $body
            }
            __K::Float64 => {
                type $T = f64;
                $body
            }
            __K::Complex64 => {
                type $T = $crate::element::Complex64;
                $body
            }
            __K::Complex128 => {
                type $T = $crate::element::Complex128;
                $body
            }
        }
    }};
}

#[cfg(test)]
mod f16_rounding_tests {
    use super::*;

    #[test]
    fn rounds_once_to_nearest_even() {
        // Just above the midpoint of 1 and its successor: up (a double rounding gives 1).
        let v = 1.0 + 2f64.powi(-11) + 2f64.powi(-40);
        assert_eq!(f16_from_f64_rounded(v).0.to_bits(), 0x3c01);
        // Exactly the midpoint: to even.
        assert_eq!(
            f16_from_f64_rounded(1.0 + 2f64.powi(-11)).0.to_bits(),
            0x3c00
        );
        assert_eq!(
            f16_from_f64_rounded(65504.0),
            (f16::from_bits(0x7bff), false)
        );
        assert_eq!(
            f16_from_f64_rounded(65520.0),
            (f16::from_bits(0x7c00), true)
        );
        assert_eq!(f16_from_f64_rounded(-1e300), (f16::from_bits(0xfc00), true));
        // Subnormals: the smallest, the midpoint below it, and just above that.
        assert_eq!(f16_from_f64_rounded(2f64.powi(-24)).0.to_bits(), 1);
        assert_eq!(f16_from_f64_rounded(2f64.powi(-25)).0.to_bits(), 0);
        assert_eq!(f16_from_f64_rounded(2f64.powi(-25) * 1.0001).0.to_bits(), 1);
        assert_eq!(f16_from_f64_rounded(-0.0).0.to_bits(), 0x8000);
        assert!(f16_from_f64_rounded(f64::NAN).0.is_nan());
        // Every half converts back to itself, from double and from single.
        for b in 0..=u16::MAX {
            let h = f16::from_bits(b);
            if !h.is_nan() {
                assert_eq!(f16_from_f64_rounded(h.to_f64()).0.to_bits(), b);
                assert_eq!(f16_from_f32_rounded(h.to_f32()).0.to_bits(), b);
            }
        }
        // Single precision agrees with the (single-rounding) double path on every
        // 2^-12-spaced probe through the half range.
        let mut x = -70000.0f32;
        while x < 70000.0 {
            assert_eq!(f16_from_f32_rounded(x), f16_from_f64_rounded(f64::from(x)));
            x += 0.37;
        }
        assert_eq!(f16_from_f32_rounded(1e-8).0.to_bits(), 0);
        assert_eq!(
            f16_from_f32_rounded(f32::MAX),
            (f16::from_bits(0x7c00), true)
        );
    }
}
