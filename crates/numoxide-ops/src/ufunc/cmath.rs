//! Complex elementary functions with NumPy's values and floating-point flags.
//!
//! NumPy's complex loops call the C library's C99 functions (`cexp`, `clog`, `csqrt`,
//! `csin`, ..., `cpow`) where the platform has them, and build the rest (`log1p`, `expm1`,
//! `exp2`, `log2`, `log10`, integer powers, `sign`) from real functions. On glibc we call the
//! very same C functions, so values, Annex G special cases and the exception flags they
//! raise (and so NumPy's warnings) are identical; elsewhere `num_complex` stands in.

use num_complex::Complex;
use num_traits::Float;

use super::math::cdiv;

/// A real type whose complex numbers have the C library's elementary functions.
pub trait CFloat: Float {
    /// `cexp`.
    fn cexp(z: Complex<Self>) -> Complex<Self>;
    /// `clog`.
    fn clog(z: Complex<Self>) -> Complex<Self>;
    /// `csqrt`.
    fn csqrt(z: Complex<Self>) -> Complex<Self>;
    /// `cpow`.
    fn cpow(a: Complex<Self>, b: Complex<Self>) -> Complex<Self>;
    /// `csin`.
    fn csin(z: Complex<Self>) -> Complex<Self>;
    /// `ccos`.
    fn ccos(z: Complex<Self>) -> Complex<Self>;
    /// `ctan`.
    fn ctan(z: Complex<Self>) -> Complex<Self>;
    /// `csinh`.
    fn csinh(z: Complex<Self>) -> Complex<Self>;
    /// `ccosh`.
    fn ccosh(z: Complex<Self>) -> Complex<Self>;
    /// `ctanh`.
    fn ctanh(z: Complex<Self>) -> Complex<Self>;
    /// `casin`.
    fn casin(z: Complex<Self>) -> Complex<Self>;
    /// `cacos`.
    fn cacos(z: Complex<Self>) -> Complex<Self>;
    /// `catan`.
    fn catan(z: Complex<Self>) -> Complex<Self>;
    /// `casinh`.
    fn casinh(z: Complex<Self>) -> Complex<Self>;
    /// `cacosh`.
    fn cacosh(z: Complex<Self>) -> Complex<Self>;
    /// `catanh`.
    fn catanh(z: Complex<Self>) -> Complex<Self>;
    /// The constant `c` (a double) rounded to this type.
    fn c(c: f64) -> Self;
}

#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod sys {
    use num_complex::Complex;

    // The C ABI passes and returns `T _Complex` exactly as a `#[repr(C)]` struct of two
    // `T`s (x86-64 psABI §3.2.3, AAPCS64 HFA rule), which `num_complex::Complex` is.
    #[link(name = "m")]
    extern "C" {
        pub fn cexp(z: Complex<f64>) -> Complex<f64>;
        pub fn cexpf(z: Complex<f32>) -> Complex<f32>;
        pub fn clog(z: Complex<f64>) -> Complex<f64>;
        pub fn clogf(z: Complex<f32>) -> Complex<f32>;
        pub fn csqrt(z: Complex<f64>) -> Complex<f64>;
        pub fn csqrtf(z: Complex<f32>) -> Complex<f32>;
        pub fn cpow(a: Complex<f64>, b: Complex<f64>) -> Complex<f64>;
        pub fn cpowf(a: Complex<f32>, b: Complex<f32>) -> Complex<f32>;
        pub fn csin(z: Complex<f64>) -> Complex<f64>;
        pub fn csinf(z: Complex<f32>) -> Complex<f32>;
        pub fn ccos(z: Complex<f64>) -> Complex<f64>;
        pub fn ccosf(z: Complex<f32>) -> Complex<f32>;
        pub fn ctan(z: Complex<f64>) -> Complex<f64>;
        pub fn ctanf(z: Complex<f32>) -> Complex<f32>;
        pub fn csinh(z: Complex<f64>) -> Complex<f64>;
        pub fn csinhf(z: Complex<f32>) -> Complex<f32>;
        pub fn ccosh(z: Complex<f64>) -> Complex<f64>;
        pub fn ccoshf(z: Complex<f32>) -> Complex<f32>;
        pub fn ctanh(z: Complex<f64>) -> Complex<f64>;
        pub fn ctanhf(z: Complex<f32>) -> Complex<f32>;
        pub fn casin(z: Complex<f64>) -> Complex<f64>;
        pub fn casinf(z: Complex<f32>) -> Complex<f32>;
        pub fn cacos(z: Complex<f64>) -> Complex<f64>;
        pub fn cacosf(z: Complex<f32>) -> Complex<f32>;
        pub fn catan(z: Complex<f64>) -> Complex<f64>;
        pub fn catanf(z: Complex<f32>) -> Complex<f32>;
        pub fn casinh(z: Complex<f64>) -> Complex<f64>;
        pub fn casinhf(z: Complex<f32>) -> Complex<f32>;
        pub fn cacosh(z: Complex<f64>) -> Complex<f64>;
        pub fn cacoshf(z: Complex<f32>) -> Complex<f32>;
        pub fn catanh(z: Complex<f64>) -> Complex<f64>;
        pub fn catanhf(z: Complex<f32>) -> Complex<f32>;
    }
}

#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
macro_rules! libm_impl {
    ($t:ty, $($name:ident => $sym:ident),*; $pow:ident) => {
        impl CFloat for $t {
            $(
                #[inline]
                fn $name(z: Complex<$t>) -> Complex<$t> {
                    // SAFETY: a pure C99 libm function taking and returning a complex by value
                    // (ABI-compatible with `Complex`, see `sys`).
                    unsafe { sys::$sym(z) }
                }
            )*
            #[inline]
            fn cpow(a: Complex<$t>, b: Complex<$t>) -> Complex<$t> {
                // SAFETY: as above.
                unsafe { sys::$pow(a, b) }
            }
            #[inline]
            fn c(c: f64) -> $t {
                c as $t
            }
        }
    };
}

#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
libm_impl!(f64, cexp => cexp, clog => clog, csqrt => csqrt, csin => csin, ccos => ccos,
    ctan => ctan, csinh => csinh, ccosh => ccosh, ctanh => ctanh, casin => casin,
    cacos => cacos, catan => catan, casinh => casinh, cacosh => cacosh, catanh => catanh; cpow);
#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
libm_impl!(f32, cexp => cexpf, clog => clogf, csqrt => csqrtf, csin => csinf, ccos => ccosf,
    ctan => ctanf, csinh => csinhf, ccosh => ccoshf, ctanh => ctanhf, casin => casinf,
    cacos => cacosf, catan => catanf, casinh => casinhf, cacosh => cacoshf,
    catanh => catanhf; cpowf);

#[cfg(not(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
macro_rules! portable_impl {
    ($t:ty) => {
        impl CFloat for $t {
            fn cexp(z: Complex<$t>) -> Complex<$t> {
                z.exp()
            }
            fn clog(z: Complex<$t>) -> Complex<$t> {
                z.ln()
            }
            fn csqrt(z: Complex<$t>) -> Complex<$t> {
                z.sqrt()
            }
            fn cpow(a: Complex<$t>, b: Complex<$t>) -> Complex<$t> {
                a.powc(b)
            }
            fn csin(z: Complex<$t>) -> Complex<$t> {
                z.sin()
            }
            fn ccos(z: Complex<$t>) -> Complex<$t> {
                z.cos()
            }
            fn ctan(z: Complex<$t>) -> Complex<$t> {
                z.tan()
            }
            fn csinh(z: Complex<$t>) -> Complex<$t> {
                z.sinh()
            }
            fn ccosh(z: Complex<$t>) -> Complex<$t> {
                z.cosh()
            }
            fn ctanh(z: Complex<$t>) -> Complex<$t> {
                z.tanh()
            }
            fn casin(z: Complex<$t>) -> Complex<$t> {
                z.asin()
            }
            fn cacos(z: Complex<$t>) -> Complex<$t> {
                z.acos()
            }
            fn catan(z: Complex<$t>) -> Complex<$t> {
                z.atan()
            }
            fn casinh(z: Complex<$t>) -> Complex<$t> {
                z.asinh()
            }
            fn cacosh(z: Complex<$t>) -> Complex<$t> {
                z.acosh()
            }
            fn catanh(z: Complex<$t>) -> Complex<$t> {
                z.atanh()
            }
            fn c(c: f64) -> $t {
                c as $t
            }
        }
    };
}
#[cfg(not(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
portable_impl!(f64);
#[cfg(not(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
)))]
portable_impl!(f32);

/// `log2(z) = clog(z) * log2(e)`, NumPy's formula.
#[inline]
pub fn clog2<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let l = F::clog(z);
    let k = F::c(std::f64::consts::LOG2_E);
    Complex::new(l.re * k, l.im * k)
}

/// `log10(z) = clog(z) * log10(e)`, NumPy's formula.
#[inline]
pub fn clog10<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let l = F::clog(z);
    let k = F::c(std::f64::consts::LOG10_E);
    Complex::new(l.re * k, l.im * k)
}

/// `exp2(z) = cexp(z * ln 2)`, NumPy's formula.
#[inline]
pub fn cexp2<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let k = F::c(std::f64::consts::LN_2);
    F::cexp(Complex::new(z.re * k, z.im * k))
}

/// `log1p(z)`: `log|z + 1| + i atan2(im, re + 1)`, NumPy's formula.
#[inline]
pub fn clog1p<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let re1 = z.re + F::one();
    let l = re1.hypot(z.im);
    Complex::new(l.ln(), z.im.atan2(re1))
}

/// `expm1(z) = expm1(re) cos(im) - 2 sin²(im/2) + i exp(re) sin(im)`, NumPy's formula.
#[inline]
pub fn cexpm1<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let two = F::one() + F::one();
    let a = (z.im / two).sin();
    Complex::new(
        z.re.exp_m1() * z.im.cos() - two * a * a,
        z.re.exp() * z.im.sin(),
    )
}

/// `sign(z) = z / |z|` with NumPy 2's treatment of zeros, infinities and NaNs.
#[inline]
pub fn csign<F: CFloat>(z: Complex<F>) -> Complex<F> {
    let (zero, one, nan) = (F::zero(), F::one(), F::nan());
    let a = z.re.hypot(z.im);
    if a.is_nan() {
        Complex::new(nan, nan)
    } else if a.is_infinite() {
        if z.re.is_infinite() {
            if z.im.is_infinite() {
                Complex::new(nan, nan)
            } else {
                Complex::new(if z.re > zero { one } else { -one }, zero)
            }
        } else {
            Complex::new(zero, if z.im > zero { one } else { -one })
        }
    } else if a == zero {
        Complex::new(zero, zero)
    } else {
        Complex::new(z.re / a, z.im / a)
    }
}

/// NumPy's complex power: 1 for a zero exponent, 0 or NaN (flagged invalid) for a zero
/// base, repeated multiplication for integer exponents below 100 in magnitude, `cpow`
/// otherwise.
pub fn cpow<F: CFloat>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    let (zero, one) = (F::zero(), F::one());
    if b.re == zero && b.im == zero {
        return Complex::new(one, zero);
    }
    if a.re == zero && a.im == zero {
        if b.re > zero {
            return Complex::new(zero, zero);
        }
        // 0 ** (negative or complex): NaN, with the invalid flag inf - inf raises.
        let inf = std::hint::black_box(F::infinity());
        let _ = std::hint::black_box(inf - F::infinity());
        return Complex::new(F::nan(), F::nan());
    }
    if b.im == zero {
        let limit = F::c(100.0);
        if b.re.is_nan() {
            // NumPy's range test of a real exponent is an ordered (signaling) compare.
            super::fpstatus::raise(super::fpstatus::FpFlags::FORCED_INVALID);
        } else if b.re > -limit && b.re < limit {
            if let Some(n) = b.re.to_i64() {
                if F::from(n).is_some_and(|f| f == b.re) {
                    return cpow_int(a, n, b.re < zero);
                }
            }
        }
    }
    F::cpow(a, b)
}

/// `a * b` with the real and imaginary parts computed apart: as lanes of one vector
/// (the compiler's choice) the unused lanes and the paired add/subtract raise flags
/// NumPy's scalar code does not (`inf - inf` in the lane that is thrown away).
#[inline(always)]
fn cmul_strict<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    let re = std::hint::black_box(a.re * b.re - a.im * b.im);
    Complex::new(re, a.re * b.im + a.im * b.re)
}

fn cpow_int<F: CFloat>(a: Complex<F>, n: i64, negative: bool) -> Complex<F> {
    let one = Complex::new(F::one(), F::zero());
    match n {
        1 => a,
        2 => cmul_strict(a, a),
        3 => cmul_strict(a, cmul_strict(a, a)),
        _ => {
            let n = n.abs();
            let mut aa = one;
            let mut p = a;
            let mut mask: i64 = 1;
            loop {
                if n & mask != 0 {
                    aa = cmul_strict(aa, p);
                }
                mask <<= 1;
                if n < mask || mask <= 0 {
                    break;
                }
                p = cmul_strict(p, p);
            }
            if negative {
                cdivide(one, aa)
            } else {
                aa
            }
        }
    }
}

/// Whether NumPy's SIMD complex loops fuse multiply-adds on this CPU (its AVX2 and AVX-512
/// dispatch targets have FMA; its NEON target fuses too).
pub fn numpy_fuses() -> bool {
    cfg!(target_arch = "aarch64") || super::simd::level() >= super::simd::Level::Avx2
}

/// `a * b + c`, fused when `FMA` (NumPy's `npyv_muladd` on FMA hardware).
#[inline(always)]
fn muladd<F: Float, const FMA: bool>(a: F, b: F, c: F) -> F {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// NumPy's SIMD complex absolute value: `larger * sqrt(1 + (smaller/larger)²)`, with an
/// infinite part winning over NaN and a NaN part spoiling the rest.
#[inline(always)]
pub fn cabs<F: Float, const FMA: bool>(z: Complex<F>) -> F {
    let (inf, nan, zero, one) = (F::infinity(), F::nan(), F::zero(), F::one());
    let (re0, im0) = (z.re.abs(), z.im.abs());
    let im1 = if re0 == inf { inf } else { im0 };
    let re1 = if im0 == inf { inf } else { re0 };
    // A NaN part makes the result NaN; the rest runs on NaN-free values (an ordered
    // compare of a NaN raises invalid in vector code, NumPy's loop raises nothing).
    let any_nan = re1.is_nan() || im1.is_nan();
    let (re, im) = if any_nan { (zero, zero) } else { (re1, im1) };
    let larger = if re > im { re } else { im };
    let smaller = if im < re { im } else { re };
    // NumPy divides only where `larger` is neither 0 nor inf (the ratio is 0 there). The
    // same without a select on one condition around the division, which the compiler
    // would speculate (0/0 and inf/inf raise invalid): a zero `larger` becomes the
    // smallest subnormal (0/tiny = 0, and every nonzero `larger` is at least that), an
    // infinite `smaller` (so `larger` is inf too) becomes 0 (0/inf = 0).
    let tiny = F::min_positive_value() * F::epsilon();
    let num = if smaller == inf { zero } else { smaller };
    let ratio = num / larger.max(tiny);
    let r = muladd::<F, FMA>(ratio, ratio, one).sqrt() * larger;
    if any_nan {
        nan
    } else {
        r
    }
}

/// NumPy's SIMD complex square: `z * z` with fused multiply-adds where it fuses.
#[inline(always)]
pub fn csquare<F: Float, const FMA: bool>(z: Complex<F>) -> Complex<F> {
    Complex::new(
        muladd::<F, FMA>(z.re, z.re, -(z.im * z.im)),
        muladd::<F, FMA>(z.re, z.im, z.im * z.re),
    )
}

/// NumPy's complex reciprocal (Smith's method). Its magnitude test is a signaling
/// compare, so a NaN part raises invalid.
#[inline]
pub fn creciprocal<F: Float>(x: Complex<F>) -> Complex<F> {
    if x.re.is_nan() || x.im.is_nan() {
        super::fpstatus::raise(super::fpstatus::FpFlags::FORCED_INVALID);
    }
    // black_box keeps each branch's divisions inside its branch: evaluated on the other
    // branch's operands they would raise flags NumPy's loop does not.
    use std::hint::black_box;
    if x.im.abs() <= x.re.abs() {
        let r = black_box(x.im) / x.re;
        let d = x.re + x.im * r;
        Complex::new(F::one() / d, -r / d)
    } else {
        let r = black_box(x.re) / x.im;
        let d = x.re * r + x.im;
        Complex::new(r / d, -F::one() / d)
    }
}

/// NumPy's complex division (Smith's method). Its magnitude test of the divisor is a
/// signaling compare, so a NaN part of the divisor raises invalid.
#[inline]
pub fn cdivide<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    if b.re.is_nan() || b.im.is_nan() {
        super::fpstatus::raise(super::fpstatus::FpFlags::FORCED_INVALID);
    }
    cdiv(a, b)
}

/// NumPy's SIMD complex multiply: `(ar br - ai bi) + (ar bi + ai br) i` with each part
/// one fused multiply-add over the other product (rounded), as its `fmaddsub` computes.
#[inline(always)]
pub fn cmul_fused<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    Complex::new(
        a.re.mul_add(b.re, -(a.im * b.im)),
        a.re.mul_add(b.im, a.im * b.re),
    )
}

/// Whether two runs (`n` elements of `size` bytes, `s` bytes apart) share memory
/// without being the same run.
fn runs_overlap(p: *mut u8, ps: isize, q: *mut u8, qs: isize, n: usize, size: usize) -> bool {
    if n == 0 || (p == q && ps == qs) {
        return false;
    }
    let span = |p: *mut u8, s: isize| {
        let a = p as isize;
        let b = a.wrapping_add(s.wrapping_mul(n as isize - 1));
        (a.min(b), a.max(b).wrapping_add(size as isize))
    };
    let ((a0, a1), (b0, b1)) = (span(p, ps), span(q, qs));
    a0 < b1 && b0 < a1
}

/// The complex `multiply` loop where NumPy fuses (see [`numpy_fuses`]): fused in its SIMD
/// loop, plain in its scalar loop, which it takes for reductions (folded in order), when
/// the output run overlaps an input run (`multiply.accumulate` along an axis of three or
/// more), for a single element written through a negative stride and, for complex64,
/// when an input runs backwards and the run is not flipped (measured on NumPy 2.5).
pub fn cmul_kernel<F>() -> super::kernels::Kernel
where
    F: Float + Send + Sync + 'static,
    Complex<F>: numoxide_core::element::Element,
{
    use super::kernels::{binary, binary_fold, seq_fold, Kernel};
    type C<F> = Complex<F>;
    let fused = binary_fold::<C<F>>(cmul_fused::<F>, seq_fold(super::math::cmul::<F>));
    let plain = binary::<C<F>, C<F>, C<F>>(super::math::cmul::<F>);
    let size = std::mem::size_of::<C<F>>();
    Kernel::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        let reduce = s[0] == 0 && s[2] == 0 && a[0] == a[2];
        // NumPy's iterator flips a run along which no operand moves forward; a single
        // element keeps its strides (NumPy's trivial 1-D loop passes them as they are).
        let flipped = n > 1 && s[0] <= 0 && s[1] <= 0 && s[2] <= 0;
        let backwards = size == 8 && !flipped && (s[0] < 0 || s[1] < 0);
        // One element written through a negative stride: NumPy's scalar loop (measured).
        let single_back = n == 1 && s[2] < 0;
        // One element written over the first input: NumPy's iterator passes that single
        // step with zero strides, which its loop takes for a reduction and sends to the
        // scalar loop.
        let single_in_place = n == 1 && a[0] == a[2];
        let unfused = !reduce
            && (backwards
                || single_back
                || single_in_place
                || runs_overlap(a[0], s[0], a[2], s[2], n, size)
                || runs_overlap(a[1], s[1], a[2], s[2], n, size));
        if !unfused && !reduce && (s[0] == 0) != (s[1] == 0) && n % (64 / size) != 0 {
            // NumPy's SIMD loop fills the unused lanes of its last vector with 1 + 1i
            // and multiplies them by the broadcast value too: their flags (an overflow
            // of re + im, an inf - inf) are part of NumPy's result. Raise the same.
            let one = C::<F>::new(F::one(), F::one());
            let i = if s[0] == 0 { 0 } else { 1 };
            // SAFETY: the broadcast operand is one valid element.
            let c = unsafe { (a[i] as *const C<F>).read_unaligned() };
            std::hint::black_box(cmul_one(std::hint::black_box(c), one, true));
        }
        // complex128's unfused single element goes the same scalar way: the compiler's
        // code for the plain loop may compute it on a vector's unused lanes too.
        if (size == 8 || (unfused && n == 1)) && !reduce {
            // complex64: the compiler's vector code for a partial vector (a loop's last
            // elements, a strided or broadcast run) computes on unused lanes too, and an
            // inf times 0 there raises a spurious invalid flag. Whole blocks of 256
            // contiguous elements run the vector loop (no partial vectors); the rest one
            // element at a time, kept scalar by black_box.
            let mut done = 0;
            if !unfused && s[0] == 8 && s[1] == 8 && s[2] == 8 && n >= 256 {
                done = n & !255;
                // SAFETY: forwarded from this kernel's caller, for the first `done`.
                unsafe { fused.call(a, s, done) };
            }
            for i in done as isize..n as isize {
                // SAFETY: the Kernel::call contract gives `n` valid elements per operand,
                // `s` bytes apart.
                unsafe {
                    let x = std::hint::black_box(
                        (a[0].offset(i * s[0]) as *const C<F>).read_unaligned(),
                    );
                    let y = std::hint::black_box(
                        (a[1].offset(i * s[1]) as *const C<F>).read_unaligned(),
                    );
                    let r = cmul_one(x, y, !unfused);
                    (a[2].offset(i * s[2]) as *mut C<F>).write_unaligned(std::hint::black_box(r));
                }
            }
            return;
        }
        let k = if unfused { &plain } else { &fused };
        // SAFETY: forwarded from this kernel's caller.
        unsafe { k.call(a, s, n) }
    })
}

/// One complex product, fused or plain, each operation behind a black_box so that the
/// compiler cannot pack the parts into a partial vector (whose unused lanes could raise
/// spurious flags).
#[inline(always)]
fn cmul_one<F: Float>(x: Complex<F>, y: Complex<F>, fused: bool) -> Complex<F> {
    use std::hint::black_box as opaque;
    let p = opaque(x.im * y.im);
    let re = opaque(if fused {
        x.re.mul_add(y.re, -p)
    } else {
        opaque(x.re * y.re) - p
    });
    let q = opaque(x.im * y.re);
    let im = opaque(if fused {
        x.re.mul_add(y.im, q)
    } else {
        opaque(x.re * y.im) + q
    });
    Complex::new(re, im)
}

/// `abs` of a complex *scalar* as NumPy's scalar math computes it: libm's `hypot` (its
/// arrays use the SIMD formula of [`cabs`] instead; the two differ in the last bit).
#[inline]
pub fn cabs_scalar<F: Float>(z: Complex<F>) -> F {
    z.re.hypot(z.im)
}
