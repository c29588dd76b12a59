//! Vectorizable elementary functions: branch-free formulas the compiler turns into SIMD
//! code inside the multiversioned loops, with a scalar libm pass for the arguments the
//! formula does not cover (overflow, underflow, infinities, NaN, tiny and huge
//! arguments), so special values and floating-point flags are exactly libm's.
//!
//! Every formula is plain f64 arithmetic without fused multiply-adds, evaluated in the
//! same order at every SIMD width: the results are identical at every level
//! (`NUMOXIDE_SIMD=base|avx2|avx512`). float32 arguments are computed through the f64
//! formula and rounded once.
//!
//! - `exp`: x = (64 e + j) ln2/64 + r with |r| <= ln2/128 (Cody–Waite, two-part ln2/64),
//!   exp(r) - 1 by its Taylor polynomial to degree 6, then 2^(j/64) from a table scaled
//!   by 2^e. Error below one unit in the last place.
//! - `log`: x = 2^k (1 + f), fdlibm's minimax kernel for log(1 + f) in s = f/(2 + f),
//!   for positive normal x. Error below one unit in the last place.
//! - `sin`/`cos`: x = q pi/2 + (y + yl), the remainder kept as a double-double through a
//!   four-part pi/2 (exact products for |x| < 2^18), then fdlibm's minimax kernels on
//!   [-pi/4, pi/4] and the quadrant's sign and swap. Error below one unit in the last
//!   place; NumPy's own loops are likewise within one unit of the true value.

use super::kernels::Kernel;
use super::simd::multiversion;

/// 1.5 * 2^52: adding and subtracting it rounds to the nearest integer (ties to even).
const SHIFTER: f64 = 6_755_399_441_055_744.0;

// ----- exp ----------------------------------------------------------------------------------

/// 64 / ln 2.
const INV_LN2_64: f64 = 92.332_482_616_893_66;
/// ln2/64 to 36 significant bits: `k * LN2_64_HI` is exact for |k| < 2^17.
const LN2_64_HI: f64 = 0.010_830_424_696_223_417;
/// ln2/64 - LN2_64_HI.
const LN2_64_LO: f64 = 2.572_804_622_327_669e-14;
/// Arguments below this magnitude give a normal, finite result through the fast path.
const EXP_LIMIT: f64 = 708.0;

/// 2^(j/64) for j = 0..64, rounded to nearest.
const EXP_TABLE: [f64; 64] = [
    f64::from_bits(0x3ff0000000000000),
    f64::from_bits(0x3ff02c9a3e778061),
    f64::from_bits(0x3ff059b0d3158574),
    f64::from_bits(0x3ff0874518759bc8),
    f64::from_bits(0x3ff0b5586cf9890f),
    f64::from_bits(0x3ff0e3ec32d3d1a2),
    f64::from_bits(0x3ff11301d0125b51),
    f64::from_bits(0x3ff1429aaea92de0),
    f64::from_bits(0x3ff172b83c7d517b),
    f64::from_bits(0x3ff1a35beb6fcb75),
    f64::from_bits(0x3ff1d4873168b9aa),
    f64::from_bits(0x3ff2063b88628cd6),
    f64::from_bits(0x3ff2387a6e756238),
    f64::from_bits(0x3ff26b4565e27cdd),
    f64::from_bits(0x3ff29e9df51fdee1),
    f64::from_bits(0x3ff2d285a6e4030b),
    f64::from_bits(0x3ff306fe0a31b715),
    f64::from_bits(0x3ff33c08b26416ff),
    f64::from_bits(0x3ff371a7373aa9cb),
    f64::from_bits(0x3ff3a7db34e59ff7),
    f64::from_bits(0x3ff3dea64c123422),
    f64::from_bits(0x3ff4160a21f72e2a),
    f64::from_bits(0x3ff44e086061892d),
    f64::from_bits(0x3ff486a2b5c13cd0),
    f64::from_bits(0x3ff4bfdad5362a27),
    f64::from_bits(0x3ff4f9b2769d2ca7),
    f64::from_bits(0x3ff5342b569d4f82),
    f64::from_bits(0x3ff56f4736b527da),
    f64::from_bits(0x3ff5ab07dd485429),
    f64::from_bits(0x3ff5e76f15ad2148),
    f64::from_bits(0x3ff6247eb03a5585),
    f64::from_bits(0x3ff6623882552225),
    f64::from_bits(0x3ff6a09e667f3bcd),
    f64::from_bits(0x3ff6dfb23c651a2f),
    f64::from_bits(0x3ff71f75e8ec5f74),
    f64::from_bits(0x3ff75feb564267c9),
    f64::from_bits(0x3ff7a11473eb0187),
    f64::from_bits(0x3ff7e2f336cf4e62),
    f64::from_bits(0x3ff82589994cce13),
    f64::from_bits(0x3ff868d99b4492ed),
    f64::from_bits(0x3ff8ace5422aa0db),
    f64::from_bits(0x3ff8f1ae99157736),
    f64::from_bits(0x3ff93737b0cdc5e5),
    f64::from_bits(0x3ff97d829fde4e50),
    f64::from_bits(0x3ff9c49182a3f090),
    f64::from_bits(0x3ffa0c667b5de565),
    f64::from_bits(0x3ffa5503b23e255d),
    f64::from_bits(0x3ffa9e6b5579fdbf),
    f64::from_bits(0x3ffae89f995ad3ad),
    f64::from_bits(0x3ffb33a2b84f15fb),
    f64::from_bits(0x3ffb7f76f2fb5e47),
    f64::from_bits(0x3ffbcc1e904bc1d2),
    f64::from_bits(0x3ffc199bdd85529c),
    f64::from_bits(0x3ffc67f12e57d14b),
    f64::from_bits(0x3ffcb720dcef9069),
    f64::from_bits(0x3ffd072d4a07897c),
    f64::from_bits(0x3ffd5818dcfba487),
    f64::from_bits(0x3ffda9e603db3285),
    f64::from_bits(0x3ffdfc97337b9b5f),
    f64::from_bits(0x3ffe502ee78b3ff6),
    f64::from_bits(0x3ffea4afa2a490da),
    f64::from_bits(0x3ffefa1bee615a27),
    f64::from_bits(0x3fff50765b6e4540),
    f64::from_bits(0x3fffa7c1819e90d8),
];

/// exp(x) for |x| < EXP_LIMIT (other arguments give a meaningless value: the caller
/// recomputes them with libm).
#[inline(always)]
fn exp_core(x: f64) -> f64 {
    let x = if exp_covered(x) { x } else { 0.0 };
    let t = x * INV_LN2_64 + SHIFTER;
    let k = t - SHIFTER;
    let ki = (t.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64);
    let r = (x - k * LN2_64_HI) - k * LN2_64_LO;
    // exp(r) - 1 = r + r^2 (1/2 + r/6 + r^2/24 + r^3/120 + r^4/720).
    let mut p = 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    let em1 = r + (r * r) * p;
    let tab = EXP_TABLE[(ki & 63) as usize];
    let scale = f64::from_bits((((ki >> 6) + 1023) as u64) << 52);
    (tab + tab * em1) * scale
}

#[inline(always)]
fn exp_covered(x: f64) -> bool {
    abs_bits(x) < EXP_LIMIT.to_bits()
}

/// The bits of |x|, which order like the magnitudes (NaNs above infinity). Comparing
/// them instead of the floats keeps vector code from raising the invalid flag on NaN
/// (x86's vector `<` is a signaling compare).
#[inline(always)]
fn abs_bits(x: f64) -> u64 {
    x.to_bits() & !(1u64 << 63)
}

// ----- sin and cos --------------------------------------------------------------------------

/// 2 / pi.
const TWO_OVER_PI: f64 = 6.366_197_723_675_813_4e-1;
/// pi/2 in four parts; the first three have 33 significant bits, so `q * P_i` is exact
/// for |q| < 2^20 (fdlibm's constants).
const PIO2_1: f64 = 1.570_796_326_734_125_6;
const PIO2_2: f64 = 6.077_100_506_303_966e-11;
const PIO2_3: f64 = 2.022_266_248_711_166_5e-21;
const PIO2_4: f64 = 8.478_427_660_368_9e-32;
/// The fast path covers 2^-26 <= |x| < 2^18 (below: libm returns x or 1 with its flags;
/// above: libm's exact reduction).
const TRIG_LOW: f64 = 1.490_116_119_384_765_6e-8;
const TRIG_HIGH: f64 = 262_144.0;

const S1: f64 = -1.666_666_666_666_663_2e-1;
const S2: f64 = 8.333_333_333_322_49e-3;
const S3: f64 = -1.984_126_982_985_795e-4;
const S4: f64 = 2.755_731_370_707_006_8e-6;
const S5: f64 = -2.505_076_025_340_686_3e-8;
const S6: f64 = 1.589_690_995_211_55e-10;
const C1: f64 = 4.166_666_666_666_660_2e-2;
const C2: f64 = -1.388_888_888_887_411e-3;
const C3: f64 = 2.480_158_728_947_673e-5;
const C4: f64 = -2.755_731_435_139_066_3e-7;
const C5: f64 = 2.087_572_321_298_175e-9;
const C6: f64 = -1.135_964_755_778_819_5e-11;

/// sin(x + y) for |x| <= pi/4, |y| tiny (fdlibm's kernel).
#[inline(always)]
fn k_sin(x: f64, y: f64) -> f64 {
    let z = x * x;
    let v = z * x;
    let r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
    x - ((z * (0.5 * y - v * r) - y) - v * S1)
}

/// cos(x + y) for |x| <= pi/4, |y| tiny (fdlibm's kernel).
#[inline(always)]
fn k_cos(x: f64, y: f64) -> f64 {
    let z = x * x;
    let w = z * z;
    let r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    let hz = 0.5 * z;
    let w = 1.0 - hz;
    w + (((1.0 - w) - hz) + (z * r - x * y))
}

/// `a - b` as a double-double (Knuth's two-sum).
#[inline(always)]
fn two_diff(a: f64, b: f64) -> (f64, f64) {
    let s = a - b;
    let bb = s - a;
    let err = (a - (s - bb)) + (-b - bb);
    (s, err)
}

/// The quadrant (q mod 4) and the remainder y + yl of x - q pi/2, for |x| < TRIG_HIGH.
#[inline(always)]
fn rem_pio2(x: f64) -> (i64, f64, f64) {
    let t = x * TWO_OVER_PI + SHIFTER;
    let q = t - SHIFTER;
    let qi = (t.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64);
    // Exact: q * PIO2_1 is exact and within a factor of two of x (or zero).
    let r0 = x - q * PIO2_1;
    let (s1, e1) = two_diff(r0, q * PIO2_2);
    let (s2, e2) = two_diff(s1, q * PIO2_3);
    let lo = (e1 + e2) - q * PIO2_4;
    let y = s2 + lo;
    let yl = (s2 - y) + lo;
    (qi & 3, y, yl)
}

#[inline(always)]
fn trig_arg(x: f64) -> f64 {
    if trig_covered(x) {
        x
    } else {
        1.0
    }
}

#[inline(always)]
fn trig_covered(x: f64) -> bool {
    let a = abs_bits(x);
    a >= TRIG_LOW.to_bits() && a < TRIG_HIGH.to_bits()
}

/// sin(x) for covered arguments.
#[inline(always)]
fn sin_core(x: f64) -> f64 {
    let (n, y, yl) = rem_pio2(trig_arg(x));
    let s = k_sin(y, yl);
    let c = k_cos(y, yl);
    let v = if n & 1 == 0 { s } else { c };
    if n & 2 == 0 {
        v
    } else {
        -v
    }
}

/// cos(x) for covered arguments.
#[inline(always)]
fn cos_core(x: f64) -> f64 {
    let (n, y, yl) = rem_pio2(trig_arg(x));
    let s = k_sin(y, yl);
    let c = k_cos(y, yl);
    let v = if n & 1 == 0 { c } else { s };
    if (n + 1) & 2 == 0 {
        v
    } else {
        -v
    }
}

// ----- log ----------------------------------------------------------------------------------

const LG1: f64 = 6.666_666_666_666_735e-1;
const LG2: f64 = 3.999_999_999_940_942e-1;
const LG3: f64 = 2.857_142_874_366_239e-1;
const LG4: f64 = 2.222_219_843_214_978_4e-1;
const LG5: f64 = 1.818_357_216_161_805e-1;
const LG6: f64 = 1.531_383_769_920_937_3e-1;
const LG7: f64 = 1.479_819_860_511_658_6e-1;
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// The fast path covers positive normal finite arguments.
#[inline(always)]
fn log_covered(x: f64) -> bool {
    let b = x.to_bits();
    (0x0010_0000_0000_0000..0x7ff0_0000_0000_0000).contains(&b)
}

/// log(x) for positive normal x: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)),
/// log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with s = f / (2 + f) (fdlibm's minimax
/// R), plus k ln 2 in two parts.
#[inline(always)]
fn log_core(x: f64) -> f64 {
    let b = if log_covered(x) {
        x.to_bits()
    } else {
        1f64.to_bits()
    };
    let hx = ((b >> 32) as u32).wrapping_add(0x3ff0_0000 - 0x3fe6_a09e);
    let k = (hx >> 20) as i32 - 0x3ff;
    let hx = (hx & 0x000f_ffff) + 0x3fe6_a09e;
    let m = f64::from_bits((u64::from(hx) << 32) | (b & 0xffff_ffff));
    let f = m - 1.0;
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    let dk = f64::from(k);
    s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI
}

// ----- the loops ----------------------------------------------------------------------------

/// A vectorizable function: the formula, the arguments it covers, and libm.
pub trait VecFn: Copy + Send + Sync + 'static {
    /// Whether the formula gives the correctly handled result for `x`.
    fn covered(x: f64) -> bool;
    /// The formula (any value for uncovered arguments).
    fn core(x: f64) -> f64;
    /// libm in float64.
    fn libm64(x: f64) -> f64;
    /// libm in float32.
    fn libm32(x: f32) -> f32;
}

/// `exp`.
#[derive(Clone, Copy, Debug)]
pub struct Exp;
/// `sin`.
#[derive(Clone, Copy, Debug)]
pub struct Sin;
/// `cos`.
#[derive(Clone, Copy, Debug)]
pub struct Cos;

impl VecFn for Exp {
    #[inline(always)]
    fn covered(x: f64) -> bool {
        exp_covered(x)
    }
    #[inline(always)]
    fn core(x: f64) -> f64 {
        exp_core(x)
    }
    fn libm64(x: f64) -> f64 {
        x.exp()
    }
    fn libm32(x: f32) -> f32 {
        x.exp()
    }
}

/// `log`.
#[derive(Clone, Copy, Debug)]
pub struct Log;

impl VecFn for Log {
    #[inline(always)]
    fn covered(x: f64) -> bool {
        log_covered(x)
    }
    #[inline(always)]
    fn core(x: f64) -> f64 {
        log_core(x)
    }
    fn libm64(x: f64) -> f64 {
        x.ln()
    }
    fn libm32(x: f32) -> f32 {
        x.ln()
    }
}

impl VecFn for Sin {
    #[inline(always)]
    fn covered(x: f64) -> bool {
        trig_covered(x)
    }
    #[inline(always)]
    fn core(x: f64) -> f64 {
        sin_core(x)
    }
    fn libm64(x: f64) -> f64 {
        x.sin()
    }
    fn libm32(x: f32) -> f32 {
        x.sin()
    }
}

impl VecFn for Cos {
    #[inline(always)]
    fn covered(x: f64) -> bool {
        trig_covered(x)
    }
    #[inline(always)]
    fn core(x: f64) -> f64 {
        cos_core(x)
    }
    fn libm64(x: f64) -> f64 {
        x.cos()
    }
    fn libm32(x: f32) -> f32 {
        x.cos()
    }
}

/// Elements per block: a block without special arguments runs the vector formula alone.
const BLOCK: usize = 256;
/// Elements per unrolled step of the vector formula (four AVX-512 vectors of float64).
const CHUNK: usize = 32;

/// The contiguous loop, block by block: the vector formula when every argument in the
/// block is covered, else each element by the formula or by libm. Reading an element
/// before writing it makes `y == x` (in place) safe.
///
/// # Safety
/// `x` and `y` must be valid for `n` elements; `y` may equal `x` but not partially
/// overlap it.
#[inline(always)]
unsafe fn vec_run<T: VFloat, F: VecFn>(_f: F, x: *const T, y: *mut T, n: usize) {
    // SAFETY: the caller guarantees `n` valid elements at `x` and `y`.
    unsafe {
        let mut start = 0;
        while start < n {
            let m = (n - start).min(BLOCK);
            let (xb, yb) = (x.add(start), y.add(start));
            let mut covered = true;
            for i in 0..m {
                covered &= F::covered(xb.add(i).read_unaligned().widen());
            }
            if covered {
                // Chunks of CHUNK elements: several vectors' worth of independent
                // dependency chains in one loop body, so their latencies overlap.
                let mut i = 0;
                while i + CHUNK <= m {
                    let mut r = [0f64; CHUNK];
                    for (j, slot) in r.iter_mut().enumerate() {
                        *slot = F::core(xb.add(i + j).read_unaligned().widen());
                    }
                    for (j, &v) in r.iter().enumerate() {
                        yb.add(i + j).write_unaligned(T::narrow(v));
                    }
                    i += CHUNK;
                }
                while i < m {
                    let v = xb.add(i).read_unaligned().widen();
                    yb.add(i).write_unaligned(T::narrow(F::core(v)));
                    i += 1;
                }
            } else {
                // Three passes, so that the compiler never evaluates the formula on an
                // uncovered argument (which could raise spurious flags): keep the
                // arguments, run the formula (it substitutes a harmless argument for
                // uncovered ones), then overwrite the uncovered results with libm's.
                let mut buf = [0f64; BLOCK];
                for (i, b) in buf.iter_mut().enumerate().take(m) {
                    *b = xb.add(i).read_unaligned().widen();
                }
                for (i, &w) in buf.iter().enumerate().take(m) {
                    yb.add(i).write_unaligned(T::narrow(F::core(w)));
                }
                for (i, &w) in buf.iter().enumerate().take(m) {
                    if !F::covered(w) {
                        yb.add(i).write_unaligned(T::narrow(w).libm::<F>());
                    }
                }
            }
            start += m;
        }
    }
}

multiversion! {
    /// [`vec_run`] at the widest available instruction set.
    unsafe fn vec_wide<T: VFloat, F: VecFn>(f: F, x: *const T, y: *mut T, n: usize) -> () => vec_run
}

/// float32 and float64: the element types with vector loops.
pub trait VFloat: Copy + Send + Sync + 'static {
    /// To float64 (exact).
    fn widen(self) -> f64;
    /// From float64 (rounded; overflow and underflow raise their flags).
    fn narrow(v: f64) -> Self;
    /// libm's `F` in this type.
    fn libm<F: VecFn>(self) -> Self;
}

impl VFloat for f64 {
    #[inline(always)]
    fn widen(self) -> f64 {
        self
    }
    #[inline(always)]
    fn narrow(v: f64) -> f64 {
        v
    }
    fn libm<F: VecFn>(self) -> f64 {
        F::libm64(self)
    }
}

impl VFloat for f32 {
    #[inline(always)]
    fn widen(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    fn narrow(v: f64) -> f32 {
        v as f32
    }
    fn libm<F: VecFn>(self) -> f32 {
        F::libm32(self)
    }
}

/// The loop of `F` for float32/float64: vector formula on contiguous runs, libm otherwise.
pub fn vec_kernel<T: VFloat, F: VecFn>(f: F) -> Kernel {
    Kernel::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        let size = size_of::<T>() as isize;
        let (x, y) = (a[0] as *const T, a[1] as *mut T);
        // SAFETY: the Kernel::call contract gives `n` valid elements per operand, and an
        // output run either equals its input run or does not overlap it.
        unsafe {
            if s[0] == size && s[1] == size {
                vec_wide(f, x, y, n);
            } else {
                for i in 0..n {
                    let v = (a[0].offset(i as isize * s[0]) as *const T).read_unaligned();
                    // black_box: the formula must not be evaluated speculatively on an
                    // uncovered argument (see `vec_run`).
                    let r = if F::covered(v.widen()) {
                        T::narrow(F::core(std::hint::black_box(v.widen())))
                    } else {
                        v.libm::<F>()
                    };
                    (a[1].offset(i as isize * s[1]) as *mut T).write_unaligned(r);
                }
            }
        }
    })
}

/// The exp loop for float32 (float64 has its own, NumPy-identical loop in
/// [`super::exp64`]).
pub fn exp_kernel<T: VFloat>() -> Kernel {
    vec_kernel::<T, Exp>(Exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        let key = |v: f64| {
            let i = v.to_bits() as i64;
            if i < 0 {
                i64::MIN - i
            } else {
                i
            }
        };
        key(a).abs_diff(key(b))
    }

    fn check(f: fn(f64) -> f64, libm: fn(f64) -> f64, xs: impl Iterator<Item = f64>) -> u64 {
        let mut worst = 0;
        for x in xs {
            let d = ulps(f(x), libm(x));
            assert!(d <= 1, "x = {x:e}: {} vs libm {}", f(x), libm(x));
            worst = worst.max(d);
        }
        worst
    }

    fn grid(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
        // A deterministic spread with irregular spacing.
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n).map(move |_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            lo + (hi - lo) * ((s >> 11) as f64 / (1u64 << 53) as f64)
        })
    }

    #[test]
    fn exp_within_one_ulp_of_libm() {
        check(exp_core, f64::exp, grid(-707.9, 707.9, 200_000));
        check(exp_core, f64::exp, grid(-1.0, 1.0, 200_000));
        check(exp_core, f64::exp, grid(-1e-6, 1e-6, 20_000));
    }

    #[test]
    fn log_within_one_ulp_of_libm() {
        check(log_core, f64::ln, grid(0.5, 2.0, 200_000));
        check(log_core, f64::ln, grid(1e-300, 1e300, 200_000));
        check(log_core, f64::ln, grid(2.3e-308, 1e-290, 20_000));
        check(log_core, f64::ln, grid(0.999, 1.001, 200_000));
        assert_eq!(log_core(1.0).to_bits(), 0);
    }

    #[test]
    fn sin_cos_within_one_ulp_of_libm() {
        for (lo, hi) in [
            (-1.0, 1.0),
            (-10.0, 10.0),
            (-1e5, 1e5),
            (-262_143.0, 262_143.0),
        ] {
            check(sin_core, f64::sin, grid(lo, hi, 200_000));
            check(cos_core, f64::cos, grid(lo, hi, 200_000));
        }
        // Arguments next to multiples of pi/2, where the remainder cancels.
        for k in 1..2000i32 {
            let m = f64::from(k) * std::f64::consts::FRAC_PI_2;
            let mut x = m;
            for _ in 0..4 {
                check(sin_core, f64::sin, [x, -x].into_iter());
                check(cos_core, f64::cos, [x, -x].into_iter());
                x = f64::from_bits(x.to_bits() + 1);
            }
        }
    }
}
