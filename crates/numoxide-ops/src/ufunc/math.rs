//! Scalar functions with NumPy's semantics: integer division and remainder that floor,
//! shifts that saturate, float divmod following `npy_divmod`, Smith's complex division,
//! NaN-propagating maximum, and the rest of the elementwise math.

use num_traits::Float;
use numoxide_core::element::Complex;

use super::fpstatus::{raise, FpFlags};

/// Soft flag: an integer was raised to a negative integer power (a ValueError).
pub const NEGATIVE_POWER: u8 = 16;

/// NumPy's integer semantics for one integer type.
pub trait Int:
    Copy
    + PartialOrd
    + Default
    + num_traits::PrimInt
    + num_traits::WrappingAdd
    + num_traits::WrappingSub
    + num_traits::WrappingMul
    + num_traits::WrappingNeg
    + Send
    + Sync
    + 'static
{
    /// True for signed types.
    const SIGNED: bool;
    /// Number of bits.
    const BITS: u32;
    /// Floor division; division by zero gives 0 and raises the divide flag.
    fn floor_div(self, b: Self) -> Self;
    /// Remainder with the sign of the divisor (Python's %); by zero gives 0.
    fn py_rem(self, b: Self) -> Self;
    /// Remainder with the sign of the dividend (C's %); by zero gives 0.
    fn c_rem(self, b: Self) -> Self;
    /// Absolute value, wrapping at the minimum.
    fn wabs(self) -> Self;
    /// -1, 0 or 1.
    fn signum_(self) -> Self;
    /// Shift left; shifting by the width or more gives 0.
    fn lshift(self, b: Self) -> Self;
    /// Shift right (arithmetic for signed); by the width or more gives 0 or -1.
    fn rshift(self, b: Self) -> Self;
    /// self ** b by squaring, wrapping; negative exponents raise NEGATIVE_POWER.
    fn ipow(self, b: Self) -> Self;
    /// Greatest common divisor (non-negative).
    fn gcd_(self, b: Self) -> Self;
    /// Least common multiple (non-negative).
    fn lcm_(self, b: Self) -> Self;
}

macro_rules! impl_int {
    ($($t:ty: $signed:expr),*) => {$(
        #[allow(unused_comparisons)]
        impl Int for $t {
            const SIGNED: bool = $signed;
            const BITS: u32 = <$t>::BITS;
            #[inline]
            fn floor_div(self, b: Self) -> Self {
                if b == 0 {
                    raise(FpFlags::DIVIDE);
                    return 0;
                }
                if $signed && self == <$t>::MIN && b == (0 as $t).wrapping_sub(1) {
                    raise(FpFlags::OVERFLOW);
                    return <$t>::MIN;
                }
                let q = self / b;
                if $signed && (self % b != 0) && ((self < 0) != (b < 0)) { q - 1 } else { q }
            }
            #[inline]
            fn py_rem(self, b: Self) -> Self {
                if b == 0 {
                    raise(FpFlags::DIVIDE);
                    return 0;
                }
                if $signed && b == (0 as $t).wrapping_sub(1) {
                    return 0;
                }
                let r = self % b;
                if $signed && r != 0 && ((r < 0) != (b < 0)) { r + b } else { r }
            }
            #[inline]
            fn c_rem(self, b: Self) -> Self {
                if b == 0 {
                    raise(FpFlags::DIVIDE);
                    return 0;
                }
                if $signed && b == (0 as $t).wrapping_sub(1) {
                    return 0;
                }
                self % b
            }
            #[inline]
            fn wabs(self) -> Self {
                #[allow(unused_comparisons)]
                if self < 0 { self.wrapping_neg() } else { self }
            }
            #[inline]
            fn signum_(self) -> Self {
                #[allow(unused_comparisons)]
                if self > 0 { 1 } else if self < 0 { (0 as $t).wrapping_sub(1) } else { 0 }
            }
            #[inline]
            fn lshift(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b >= 0 && (b as u64) < <$t>::BITS as u64 { self << (b as u32) } else { 0 }
            }
            #[inline]
            fn rshift(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b >= 0 && (b as u64) < <$t>::BITS as u64 {
                    self >> (b as u32)
                } else if self < 0 {
                    (0 as $t).wrapping_sub(1)
                } else {
                    0
                }
            }
            #[inline]
            fn ipow(self, b: Self) -> Self {
                #[allow(unused_comparisons)]
                if b < 0 {
                    raise(NEGATIVE_POWER);
                    return 0;
                }
                let (mut base, mut e, mut out): ($t, $t, $t) = (self, b, 1);
                while e != 0 {
                    if e & 1 != 0 {
                        out = out.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                out
            }
            #[inline]
            fn gcd_(self, b: Self) -> Self {
                // On magnitudes as unsigned 128-bit values (|MIN| fits), wrapped back.
                let mag = |v: $t| -> u128 { (v as i128).unsigned_abs() };
                let (mut a, mut b) = (mag(self), mag(b));
                while b != 0 {
                    let t = a % b;
                    a = b;
                    b = t;
                }
                a as $t
            }
            #[inline]
            fn lcm_(self, b: Self) -> Self {
                // NumPy: |a| / gcd * |b| in the type's wrapping arithmetic.
                let g = self.gcd_(b);
                if g == 0 { 0 } else { (self.wabs() / g).wrapping_mul(b.wabs()) }
            }
        }
    )*};
}
impl_int!(i8: true, u8: false, i16: true, u16: false, i32: true, u32: false, i64: true, u64: false);

/// `x < 0` for a nonzero `x` without an ordered compare: vector and AVX-512 mask compares
/// raise the invalid flag on NaN, C's `isless` (which NumPy uses) does not.
#[inline(always)]
fn quiet_lt0<F: Float>(x: F) -> bool {
    x.is_sign_negative() && !x.is_nan()
}

/// NumPy's float divmod (`npy_divmod`): floor quotient and remainder with the sign of
/// the divisor.
#[inline]
pub fn divmod<F: Float>(a: F, b: F) -> (F, F) {
    if b == F::zero() {
        // a/b raises divide (or invalid for 0/0 and NaN); fmod(a, 0) is NaN.
        let div = a / b;
        let m = a % b;
        return (div, m);
    }
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != F::zero() {
        if quiet_lt0(b) != quiet_lt0(m) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = F::zero().copysign(b);
    }
    let floordiv = if div != F::zero() {
        let mut f = div.floor();
        // `div - f > 0.5`, NaN-quiet like C's isgreater.
        let e = (div - f) - F::from(0.5).unwrap_or_else(F::zero);
        if !e.is_nan() && !e.is_sign_negative() && e != F::zero() {
            f = f + F::one();
        }
        f
    } else {
        F::zero().copysign(a / b)
    };
    (floordiv, m)
}

/// NumPy's `maximum` for float32/float64 (its SIMD loops): NaN in either operand
/// propagates; on a tie (+0.0 vs -0.0) the second operand wins.
#[inline]
pub fn maximum<F: Float>(a: F, b: F) -> F {
    if a.is_nan() || a > b {
        a
    } else {
        b
    }
}

/// NumPy's `minimum` for float32/float64.
#[inline]
pub fn minimum<F: Float>(a: F, b: F) -> F {
    if a.is_nan() || a < b {
        a
    } else {
        b
    }
}

/// NumPy's scalar `maximum` loop (float16): `a >= b || isnan(a) ? a : b`.
#[inline]
pub fn maximum_scalar<F: Float>(a: F, b: F) -> F {
    if a >= b || a.is_nan() {
        a
    } else {
        b
    }
}

/// NumPy's scalar `minimum` loop (float16).
#[inline]
pub fn minimum_scalar<F: Float>(a: F, b: F) -> F {
    if a <= b || a.is_nan() {
        a
    } else {
        b
    }
}

/// NumPy's `fmax`: NaN is ignored unless both are NaN.
#[inline]
pub fn fmax<F: Float>(a: F, b: F) -> F {
    if b.is_nan() || a >= b {
        a
    } else {
        b
    }
}

/// NumPy's `fmin`.
#[inline]
pub fn fmin<F: Float>(a: F, b: F) -> F {
    if b.is_nan() || a <= b {
        a
    } else {
        b
    }
}

/// log(exp(a) + exp(b)) without overflow (NumPy's npy_logaddexp).
#[inline]
pub fn logaddexp<F: Float>(a: F, b: F) -> F {
    if a.is_nan() || b.is_nan() {
        // NumPy's loop compares the NaN difference with signaling compares: invalid.
        super::fpstatus::raise(super::fpstatus::FpFlags::INVALID);
        return a - b;
    }
    if a == b {
        return a + F::from(std::f64::consts::LN_2).unwrap_or_else(F::zero);
    }
    let d = a - b;
    if d > F::zero() {
        a + (-d).exp().ln_1p()
    } else if d <= F::zero() {
        b + d.exp().ln_1p()
    } else {
        d
    }
}

/// log2(2**a + 2**b) (NumPy's npy_logaddexp2).
#[inline]
pub fn logaddexp2<F: Float>(a: F, b: F) -> F {
    if a.is_nan() || b.is_nan() {
        // As in [`logaddexp`].
        super::fpstatus::raise(super::fpstatus::FpFlags::INVALID);
        return a - b;
    }
    let one = F::one();
    if a == b {
        return a + one;
    }
    let d = a - b;
    let log2e = F::from(std::f64::consts::LOG2_E).unwrap_or_else(F::one);
    if d > F::zero() {
        a + (-d).exp2().ln_1p() * log2e
    } else if d <= F::zero() {
        b + d.exp2().ln_1p() * log2e
    } else {
        d
    }
}

/// Heaviside step: 0 below zero, `h0` at zero, 1 above, NaN for NaN.
#[inline]
pub fn heaviside<F: Float>(x: F, h0: F) -> F {
    if x.is_nan() {
        x
    } else if x == F::zero() {
        h0
    } else if x.is_sign_negative() {
        // A sign test, not `x < 0`: vectorized, an ordered compare of a NaN lane would
        // raise invalid, which NumPy's loop does not.
        F::zero()
    } else {
        F::one()
    }
}

/// NumPy's `sign` for floats: -1, 0 (keeping no sign), 1, NaN.
#[inline]
pub fn fsign<F: Float>(x: F) -> F {
    // Quiet tests only (NaN, equality, sign bit): vectorized, an ordered compare of a NaN
    // lane would raise invalid, which NumPy's loop does not.
    if x.is_nan() {
        x
    } else if x == F::zero() {
        F::zero()
    } else if x.is_sign_negative() {
        -F::one()
    } else {
        F::one()
    }
}

/// Round half to even (NumPy's rint).
#[inline]
pub fn rint_f64(x: f64) -> f64 {
    x.round_ties_even()
}

/// Smith's complex division, as NumPy's loops do it.
#[inline]
pub fn cdiv<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    // black_box keeps each branch's divisions inside its branch: evaluated speculatively
    // on the other branch's operands they would raise flags NumPy's loop does not.
    use std::hint::black_box;
    let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
    let (abr, abi) = (br.abs(), bi.abs());
    if abr >= abi {
        if abr == F::zero() && abi == F::zero() {
            // Each part divided apart: as two lanes of a vector (complex64) the spare
            // lanes would divide 0 by 0 and raise invalid.
            Complex::new(
                black_box(black_box(ar) / abr),
                black_box(black_box(ai) / abi),
            )
        } else {
            let rat = black_box(bi) / br;
            let scl = F::one() / (br + bi * rat);
            // black_box: computed apart, not as lanes of one vector whose spare lanes
            // could raise flags.
            Complex::new(black_box((ar + ai * rat) * scl), (ai - ar * rat) * scl)
        }
    } else {
        let rat = black_box(br) / bi;
        let scl = F::one() / (bi + br * rat);
        Complex::new(black_box((ar * rat + ai) * scl), (ai * rat - ar) * scl)
    }
}

/// Complex multiplication without fused operations.
#[inline]
pub fn cmul<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    Complex::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// NumPy's lexicographic complex ordering with NaNs: `a < b`.
#[inline]
pub fn clt<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    a.re < b.re || (a.re == b.re && a.im < b.im)
}

/// NumPy's lexicographic `a >= b` for complex values.
#[inline]
pub fn cge<F: Float>(a: Complex<F>, b: Complex<F>) -> bool {
    (a.re > b.re && !a.im.is_nan() && !b.im.is_nan()) || (a.re == b.re && a.im >= b.im)
}

/// NumPy's complex ordering macros (CLT, CLE, CGT, CGE): a NaN imaginary part spoils
/// the comparison of the real parts.
#[inline]
pub fn ccmp<F: Float>(a: Complex<F>, b: Complex<F>, op: u8) -> bool {
    let ok = !a.im.is_nan() && !b.im.is_nan();
    match op {
        2 => (a.re < b.re && ok) || (a.re == b.re && a.im < b.im),
        3 => (a.re < b.re && ok) || (a.re == b.re && a.im <= b.im),
        4 => (a.re > b.re && ok) || (a.re == b.re && a.im > b.im),
        _ => (a.re > b.re && ok) || (a.re == b.re && a.im >= b.im),
    }
}

/// NumPy's complex maximum: NaN (in either part) propagates.
#[inline]
pub fn cmaximum<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    if a.re.is_nan() || a.im.is_nan() {
        a
    } else if b.re.is_nan() || b.im.is_nan() || !cge(a, b) {
        b
    } else {
        a
    }
}

/// NumPy's complex fmax: a NaN operand is ignored unless both are NaN.
#[inline]
pub fn cfmax<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    if b.re.is_nan() || b.im.is_nan() || (!(a.re.is_nan() || a.im.is_nan()) && cge(a, b)) {
        a
    } else {
        b
    }
}

/// NumPy's complex fmin.
#[inline]
pub fn cfmin<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    if b.re.is_nan() || b.im.is_nan() || (!(a.re.is_nan() || a.im.is_nan()) && cge(b, a)) {
        a
    } else {
        b
    }
}

/// NumPy's complex minimum.
#[inline]
pub fn cminimum<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    if a.re.is_nan() || a.im.is_nan() {
        a
    } else if b.re.is_nan() || b.im.is_nan() || !cge(b, a) {
        b
    } else {
        a
    }
}

/// Distance to the next representable value away from zero (NumPy's spacing).
pub fn spacing_f64(x: f64) -> f64 {
    if x.is_nan() || x.is_infinite() {
        return f64::NAN;
    }
    let next = if x.is_sign_negative() {
        next_after_f64(x, f64::NEG_INFINITY)
    } else {
        next_after_f64(x, f64::INFINITY)
    };
    next - x
}

/// The next float after `x` toward `y` (C's nextafter).
pub fn next_after_f64(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return next_flags(if y > 0.0 { tiny } else { -tiny });
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    next_flags(f64::from_bits(if up { bits + 1 } else { bits - 1 }))
}

/// The next float32 after `x` toward `y`.
pub fn next_after_f32(x: f32, y: f32) -> f32 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        let tiny = f32::from_bits(1);
        return next_flags(if y > 0.0 { tiny } else { -tiny });
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    next_flags(f32::from_bits(if up { bits + 1 } else { bits - 1 }))
}

/// The next float16 after `x` toward `y`.
pub fn next_after_f16(x: half::f16, y: half::f16) -> half::f16 {
    use half::f16;
    if x.is_nan() || y.is_nan() {
        return f16::NAN;
    }
    if x == y {
        return y;
    }
    if x.to_f32() == 0.0 {
        let tiny = f16::from_bits(1);
        return if y > x { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    let up = (y > x) == (x.to_f32() > 0.0);
    let r = f16::from_bits(if up { bits + 1 } else { bits - 1 });
    if r.is_infinite() {
        // NumPy's half nextafter flags overflow (and, unlike C's, not underflow).
        super::fpstatus::raise(super::fpstatus::FpFlags::OVERFLOW);
    }
    r
}

/// The flags C's `nextafter` raises for a result `r` stepped from a finite value:
/// overflow when it is infinite, underflow when it is subnormal or zero.
#[inline]
fn next_flags<F: Float>(r: F) -> F {
    use super::fpstatus::{raise, FpFlags};
    if r.is_infinite() {
        raise(FpFlags::OVERFLOW);
    } else if !r.is_normal() {
        raise(FpFlags::UNDERFLOW);
    }
    r
}
