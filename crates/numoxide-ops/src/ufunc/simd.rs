//! Run-time choice of the SIMD instruction set for inner loops.
//!
//! The binary is built for baseline x86-64 (SSE2) so that it runs on any x86-64 machine.
//! Hot loops are written as plain scalar Rust; [`vectorize`] runs such a loop from a
//! function compiled with AVX2 or AVX-512 enabled when the CPU has them, so the compiler
//! auto-vectorizes it at that width. Results do not depend on the level: Rust never
//! contracts `a * b + c` into a fused multiply-add or reassociates float arithmetic, so the
//! wider code computes the same values in the same order, only more per instruction.
//!
//! `NUMOXIDE_SIMD=base|avx2|avx512` caps the level (for tests and comparisons).

use std::sync::OnceLock;

/// The widest instruction set the inner loops use on this CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// SSE2 only (the build baseline).
    Base,
    /// AVX2 with FMA, BMI and LZCNT (Haswell and later).
    Avx2,
    /// AVX-512 F/BW/CD/DQ/VL (Skylake-SP and later).
    Avx512,
}

/// The level in use: what the CPU offers, capped by `NUMOXIDE_SIMD`.
pub fn level() -> Level {
    static LEVEL: OnceLock<Level> = OnceLock::new();
    *LEVEL.get_or_init(|| {
        let cap = match std::env::var("NUMOXIDE_SIMD").as_deref() {
            Ok("base") => Level::Base,
            Ok("avx2") => Level::Avx2,
            _ => Level::Avx512,
        };
        detect().min(cap)
    })
}

#[cfg(target_arch = "x86_64")]
fn detect() -> Level {
    use std::arch::is_x86_feature_detected as has;
    if has!("avx512f")
        && has!("avx512bw")
        && has!("avx512cd")
        && has!("avx512dq")
        && has!("avx512vl")
    {
        Level::Avx512
    } else if has!("avx2") && has!("fma") && has!("bmi1") && has!("bmi2") && has!("lzcnt") {
        Level::Avx2
    } else {
        Level::Base
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn detect() -> Level {
    Level::Base
}

/// Run `body` (a loop) compiled for the widest available instruction set.
#[inline(always)]
pub fn vectorize<R>(body: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        match level() {
            // SAFETY: `level()` reports AVX-512 only when the CPU has every feature
            // that `with_avx512` enables.
            Level::Avx512 => unsafe { with_avx512(body) },
            // SAFETY: as above, for the AVX2 set.
            Level::Avx2 => unsafe { with_avx2(body) },
            Level::Base => body(),
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    body()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
unsafe fn with_avx2<R>(body: impl FnOnce() -> R) -> R {
    body()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(
    enable = "avx512f,avx512bw,avx512cd,avx512dq,avx512vl,avx2,fma,bmi1,bmi2,lzcnt,popcnt"
)]
unsafe fn with_avx512<R>(body: impl FnOnce() -> R) -> R {
    body()
}

/// Define `$name(args)`: the body function `$body` (which must be `#[inline(always)]`)
/// compiled three times, for SSE2, AVX2 and AVX-512, with the build picked by [`level`].
/// Unlike [`vectorize`], whose closure the compiler may decline to inline into the wide
/// builds, this guarantees the loop is compiled at each width.
macro_rules! multiversion {
    ($(#[$doc:meta])* $vis:vis unsafe fn $name:ident<$($g:ident: $bound:path),*>($($a:ident: $t:ty),* $(,)?) -> $r:ty => $body:ident) => {
        $(#[$doc])*
        #[inline]
        $vis unsafe fn $name<$($g: $bound),*>($($a: $t),*) -> $r {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx512bw,avx512cd,avx512dq,avx512vl,avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
                unsafe fn wide<$($g: $bound),*>($($a: $t),*) -> $r {
                    // SAFETY: forwarded from the caller of the outer function.
                    unsafe { $body($($a),*) }
                }
                #[target_feature(enable = "avx2,fma,bmi1,bmi2,lzcnt,popcnt")]
                unsafe fn mid<$($g: $bound),*>($($a: $t),*) -> $r {
                    // SAFETY: forwarded from the caller of the outer function.
                    unsafe { $body($($a),*) }
                }
                match $crate::ufunc::simd::level() {
                    // SAFETY: `level()` reports a level only when the CPU has every feature
                    // that build enables; the rest is the caller's contract.
                    $crate::ufunc::simd::Level::Avx512 => unsafe { wide($($a),*) },
                    // SAFETY: as above.
                    $crate::ufunc::simd::Level::Avx2 => unsafe { mid($($a),*) },
                    // SAFETY: the caller's contract.
                    $crate::ufunc::simd::Level::Base => unsafe { $body($($a),*) },
                }
            }
            #[cfg(not(target_arch = "x86_64"))]
            // SAFETY: the caller's contract.
            unsafe { $body($($a),*) }
        }
    };
}
pub(crate) use multiversion;
