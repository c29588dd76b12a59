//! Vectorizable elementary functions: branch-free formulas the compiler turns into SIMD
//! code inside the multiversioned loops, with a scalar libm pass for the arguments the
//! formula does not cover (overflow, underflow, infinities, NaN), so special values and
//! floating-point flags are exactly libm's.
//!
//! `exp`: Cody–Waite reduction x = q·ln2 + s with |s| <= ln2/2, exp(s) - 1 by its Taylor
//! series to degree 13 (truncation below 1e-17 relative), then 1 + (exp(s) - 1) scaled
//! by 2^q. Error below one unit in the last place; NumPy's own SIMD exp is likewise
//! within one ULP of the true value (not bit-identical to glibc either).

use super::kernels::Kernel;
use super::simd::multiversion;

/// ln 2 split so that `q * LN2_HI` is exact for |q| < 2^11 (fdlibm's constants).
const LN2_HI: f64 = 6.931_471_803_691_238_2e-1;
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// 1.5 * 2^52: adding and subtracting it rounds to the nearest integer (ties to even).
const SHIFTER: f64 = 6_755_399_441_055_744.0;
/// Arguments below this magnitude give a normal, finite result through the fast path.
const FAST_LIMIT: f64 = 708.0;

/// exp(x) for |x| < FAST_LIMIT (other arguments give a meaningless value: the caller
/// recomputes them with libm).
#[inline(always)]
fn exp_core(x: f64) -> f64 {
    let x = if x.abs() < FAST_LIMIT { x } else { 0.0 };
    let t = x * std::f64::consts::LOG2_E + SHIFTER;
    let q = t - SHIFTER;
    let qi = (t.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64);
    let s = (x - q * LN2_HI) - q * LN2_LO;
    // exp(s) - 1 = s + s^2/2! + ... + s^13/13!, Horner from the top.
    let mut p = 1.0 / 6_227_020_800.0;
    p = p * s + 1.0 / 479_001_600.0;
    p = p * s + 1.0 / 39_916_800.0;
    p = p * s + 1.0 / 3_628_800.0;
    p = p * s + 1.0 / 362_880.0;
    p = p * s + 1.0 / 40_320.0;
    p = p * s + 1.0 / 5_040.0;
    p = p * s + 1.0 / 720.0;
    p = p * s + 1.0 / 120.0;
    p = p * s + 1.0 / 24.0;
    p = p * s + 1.0 / 6.0;
    p = p * s + 0.5;
    let em1 = s + (s * s) * p;
    let scale = f64::from_bits(((qi + 1023) as u64) << 52);
    (1.0 + em1) * scale
}

/// Elements per block: a block without special arguments runs the vector formula alone.
const BLOCK: usize = 256;

/// The contiguous loop, block by block: the vector formula when every argument in the
/// block is covered, else each element by the formula or by libm. Reading an element
/// before writing it makes `y == x` (in place) safe.
///
/// # Safety
/// `x` and `y` must be valid for `n` elements; `y` may equal `x` but not partially
/// overlap it.
#[inline(always)]
unsafe fn exp_run<T: ExpFloat>(x: *const T, y: *mut T, n: usize) {
    // SAFETY: the caller guarantees `n` valid elements at `x` and `y`.
    unsafe {
        let mut start = 0;
        while start < n {
            let m = (n - start).min(BLOCK);
            let (xb, yb) = (x.add(start), y.add(start));
            let mut covered = true;
            for i in 0..m {
                covered &= xb.add(i).read_unaligned().widen().abs() < FAST_LIMIT;
            }
            if covered {
                for i in 0..m {
                    let v = xb.add(i).read_unaligned().widen();
                    yb.add(i).write_unaligned(T::narrow(exp_core(v)));
                }
            } else {
                for i in 0..m {
                    let v = xb.add(i).read_unaligned();
                    let r = if v.widen().abs() < FAST_LIMIT {
                        T::narrow(exp_core(v.widen()))
                    } else {
                        v.libm_exp()
                    };
                    yb.add(i).write_unaligned(r);
                }
            }
            start += m;
        }
    }
}

multiversion! {
    /// [`exp_run`] at the widest available instruction set.
    unsafe fn exp_wide<T: ExpFloat>(x: *const T, y: *mut T, n: usize) -> () => exp_run
}

/// float32 and float64: the element types with a vector exp.
pub trait ExpFloat: Copy + Send + Sync + 'static {
    /// To float64 (exact).
    fn widen(self) -> f64;
    /// From float64 (rounded; overflow and underflow raise their flags).
    fn narrow(v: f64) -> Self;
    /// libm's exp in this type.
    fn libm_exp(self) -> Self;
}

impl ExpFloat for f64 {
    #[inline(always)]
    fn widen(self) -> f64 {
        self
    }
    #[inline(always)]
    fn narrow(v: f64) -> f64 {
        v
    }
    fn libm_exp(self) -> f64 {
        self.exp()
    }
}

impl ExpFloat for f32 {
    #[inline(always)]
    fn widen(self) -> f64 {
        f64::from(self)
    }
    #[inline(always)]
    fn narrow(v: f64) -> f32 {
        v as f32
    }
    fn libm_exp(self) -> f32 {
        self.exp()
    }
}

/// The exp loop for float32/float64: vector formula on contiguous runs, libm otherwise.
pub fn exp_kernel<T: ExpFloat>() -> Kernel {
    Kernel::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        let size = size_of::<T>() as isize;
        let (x, y) = (a[0] as *const T, a[1] as *mut T);
        // SAFETY: the Kernel::call contract gives `n` valid elements per operand, and an
        // output run either equals its input run or does not overlap it.
        unsafe {
            if s[0] == size && s[1] == size {
                exp_wide(x, y, n);
            } else {
                for i in 0..n {
                    let v = (a[0].offset(i as isize * s[0]) as *const T).read_unaligned();
                    (a[1].offset(i as isize * s[1]) as *mut T).write_unaligned(v.libm_exp());
                }
            }
        }
    })
}
