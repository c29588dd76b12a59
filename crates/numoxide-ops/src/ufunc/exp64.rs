//! float64 `exp` bit-identical to NumPy's on x86-64.
//!
//! NumPy's wheels compute float64 `exp` on AVX-512 machines with Intel's SVML
//! high-accuracy routine (`__svml_exp8_ha`, linked into NumPy). This module reproduces
//! that routine's arithmetic operation for operation, so every result has the same bits:
//!
//! - main path, |x| < 707.70327...: `t = x log2(e) + 1.5·2^48`, fused and rounded toward
//!   zero, keeps x log2(e) to four fractional bits: `n = t - 1.5·2^48 = m + j/16`.
//!   `r = x - n ln2` (two fused steps, ln2 in two parts, then the exponent's top bit
//!   cleared), `p(r)` a degree-5 polynomial evaluated as three fused pairs joined with
//!   r^2, then `2^(j/16) (1 + r p(r))` from a 16-entry two-part table with two fused
//!   multiply-adds, and the scale by 2^floor(n). All in round-to-nearest with
//!   floating-point exceptions suppressed: the main path raises no flags.
//! - rare path (|x| >= 707.70327..., or ±inf): a scalar routine with a 64-entry table
//!   and plain (unfused) arithmetic, whose overflow / underflow / subnormal results raise
//!   the hardware flags that NumPy turns into "overflow encountered in exp".
//!
//! The AVX-512 loop uses the same instructions; every other level (and strided or short
//! runs) uses a scalar emulation with `f64::mul_add`, directed rounding emulated from the
//! fused residual. Both were checked bit for bit against NumPy on millions of arguments
//! (random bit patterns, subnormals, NaN payloads, the overflow and underflow edges).

use super::kernels::Kernel;

const fn d(b: u64) -> f64 {
    f64::from_bits(b)
}

// ----- main path ----------------------------------------------------------------------------

/// log2(e).
const LOG2E: f64 = d(0x3ff7_1547_652b_82fe);
/// 1.5 * 2^48 plus the float64 exponent bias in its low mantissa bits (the bias cancels
/// in `t - SHIFT`; the low four bits of `t` are j).
const SHIFT: f64 = d(0x42f8_0000_0000_3ff0);
/// ln 2, the leading part.
const L2H: f64 = d(0x3fe6_2e42_fefa_39ef);
/// ln 2 - L2H.
const L2L: f64 = d(0x3c7a_bc9e_3b39_803f);
/// Clears bit 62 of the reduced argument.
const RMASK: u64 = 0xbfff_ffff_ffff_ffff;
/// The polynomial, highest degree first.
const C6: f64 = d(0x3f57_4118_3694_0c04);
const C5: f64 = d(0x3f81_101c_bbc2_65c0);
const C4: f64 = d(0x3fa5_5557_242d_68fe);
const C3: f64 = d(0x3fc5_5555_5393_9732);
const C2: f64 = d(0x3fe0_0000_0000_d008);
const C1: f64 = d(0x3fef_ffff_ffff_ff70);
/// |x| at and above which the rare path computes the result.
const RARE: f64 = d(0x4086_1da0_4cba_fe44);
/// 2^(j/16), leading parts.
const TH: [f64; 16] = [
    d(0x3ff0000000000000),
    d(0x3ff0b5586cf9890f),
    d(0x3ff172b83c7d517b),
    d(0x3ff2387a6e756238),
    d(0x3ff306fe0a31b715),
    d(0x3ff3dea64c123422),
    d(0x3ff4bfdad5362a27),
    d(0x3ff5ab07dd485429),
    d(0x3ff6a09e667f3bcd),
    d(0x3ff7a11473eb0187),
    d(0x3ff8ace5422aa0db),
    d(0x3ff9c49182a3f090),
    d(0x3ffae89f995ad3ad),
    d(0x3ffc199bdd85529c),
    d(0x3ffd5818dcfba487),
    d(0x3ffea4afa2a490da),
];
/// 2^(j/16) - TH[j], divided by TH[j].
const TL: [f64; 16] = [
    d(0x0000000000000000),
    d(0x3c979aa65d837b6d),
    d(0xbc801b15eaa59348),
    d(0x3c968efde3a8a894),
    d(0x3c834d754db0abb6),
    d(0x3c859f48a72a4c6d),
    d(0x3c7690cebb7aafb0),
    d(0x3c9063e1e21c5409),
    d(0xbc93b3efbf5e2228),
    d(0xbc7b32dcb94da51d),
    d(0x3c8db72fc1f0eab4),
    d(0x3c71affc2b91ce27),
    d(0x3c8c1a7792cb3387),
    d(0x3c736eae30af0cb3),
    d(0x3c74a385a63d07a7),
    d(0xbc8ff7128fd391f0),
];

/// The main path for one argument with |x| < RARE or NaN, without raising any flag but
/// inexact (the vector code suppresses all of them).
#[inline(always)]
fn exp_main(x: f64) -> f64 {
    let bits = x.to_bits();
    if x.is_nan() {
        // The vector code returns the argument's NaN, made quiet.
        return d(bits | (1 << 51));
    }
    if bits & !(1u64 << 63) < 0x3c30_0000_0000_0000 {
        // |x| < 2^-60: below, the formula's r*r or r*p would underflow (a flag the vector
        // code suppresses). The results are constant here: 1 for x >= 0 (n = 0, r = x),
        // and for x < 0 the value at every x in (-2^-58, 0) (n = -1/16, and r rounds to
        // ln2/16 exactly), taken at -2^-59, outside this branch.
        if bits >> 63 == 0 || x == 0.0 {
            return 1.0;
        }
        return exp_main(-d(0x3c40_0000_0000_0000));
    }
    // t = RZ(x log2e + SHIFT): the nearest value, stepped down when it rounded up (t is
    // positive). The residual's sign is exact: shift - t_rn is exact and one rounding of
    // the exact sum keeps its sign.
    let t_rn = x.mul_add(LOG2E, SHIFT);
    let resid = x.mul_add(LOG2E, SHIFT - t_rn);
    let t = if resid < 0.0 {
        d(t_rn.to_bits() - 1)
    } else {
        t_rn
    };
    let n = t - SHIFT;
    let j = (t.to_bits() & 15) as usize;
    let r = (-n).mul_add(L2H, x);
    let r = (-L2L).mul_add(n, r);
    let r = d(r.to_bits() & RMASK);
    let r2 = r * r;
    let a = C6.mul_add(r, C5);
    let b = C4.mul_add(r, C3);
    let c = C2.mul_add(r, C1);
    let p = r2.mul_add(a, b);
    let p = r2.mul_add(p, c);
    let th = TH[j];
    let q = p.mul_add(r, TL[j]);
    let res = th.mul_add(q, th);
    // 2^floor(n) is a normal number and res * 2^floor(n) is normal and exact here.
    let k = n.floor() as i64;
    res * d(((k + 1023) as u64) << 52)
}

// ----- rare path ----------------------------------------------------------------------------

/// 2^(j/64) for j = 0..64: leading part, then the trailing part relative to it.
const TAB64: [u64; 128] = [
    0x3ff0000000000000,
    0x0000000000000000,
    0x3ff02c9a3e778061,
    0xbc7160139cd8dc5d,
    0x3ff059b0d3158574,
    0x3c8cd2523567f613,
    0x3ff0874518759bc8,
    0x3c60f74e61e6c861,
    0x3ff0b5586cf9890f,
    0x3c979aa65d837b6d,
    0x3ff0e3ec32d3d1a2,
    0x3c3ebe3d702f9cd1,
    0x3ff11301d0125b51,
    0xbc9556522a2fbd0e,
    0x3ff1429aaea92de0,
    0xbc91c923b9d5f416,
    0x3ff172b83c7d517b,
    0xbc801b15eaa59348,
    0x3ff1a35beb6fcb75,
    0x3c8b898c3f1353bf,
    0x3ff1d4873168b9aa,
    0x3c9aecf73e3a2f60,
    0x3ff2063b88628cd6,
    0x3c8a6f4144a6c38d,
    0x3ff2387a6e756238,
    0x3c968efde3a8a894,
    0x3ff26b4565e27cdd,
    0x3c80472b981fe7f2,
    0x3ff29e9df51fdee1,
    0x3c82f7e16d09ab31,
    0x3ff2d285a6e4030b,
    0x3c8b3782720c0ab4,
    0x3ff306fe0a31b715,
    0x3c834d754db0abb6,
    0x3ff33c08b26416ff,
    0x3c8fdd395dd3f84a,
    0x3ff371a7373aa9cb,
    0xbc924aedcc4b5068,
    0x3ff3a7db34e59ff7,
    0xbc71d1e83e9436d2,
    0x3ff3dea64c123422,
    0x3c859f48a72a4c6d,
    0x3ff4160a21f72e2a,
    0xbc58a78f4817895b,
    0x3ff44e086061892d,
    0x3c4363ed60c2ac11,
    0x3ff486a2b5c13cd0,
    0x3c6ecce1daa10379,
    0x3ff4bfdad5362a27,
    0x3c7690cebb7aafb0,
    0x3ff4f9b2769d2ca7,
    0xbc8f94340071a38e,
    0x3ff5342b569d4f82,
    0xbc78dec6bd0f385f,
    0x3ff56f4736b527da,
    0x3c93350518fdd78e,
    0x3ff5ab07dd485429,
    0x3c9063e1e21c5409,
    0x3ff5e76f15ad2148,
    0x3c9432e62b64c035,
    0x3ff6247eb03a5585,
    0xbc8c33c53bef4da8,
    0x3ff6623882552225,
    0xbc93cedd78565858,
    0x3ff6a09e667f3bcd,
    0xbc93b3efbf5e2228,
    0x3ff6dfb23c651a2f,
    0xbc6367efb86da9ee,
    0x3ff71f75e8ec5f74,
    0xbc781f647e5a3ecf,
    0x3ff75feb564267c9,
    0xbc8619321e55e68a,
    0x3ff7a11473eb0187,
    0xbc7b32dcb94da51d,
    0x3ff7e2f336cf4e62,
    0x3c65ebe1abd66c55,
    0x3ff82589994cce13,
    0xbc9369b6f13b3734,
    0x3ff868d99b4492ed,
    0xbc94d450d872576e,
    0x3ff8ace5422aa0db,
    0x3c8db72fc1f0eab4,
    0x3ff8f1ae99157736,
    0x3c7bf68359f35f44,
    0x3ff93737b0cdc5e5,
    0xbc5da9b88b6c1e29,
    0x3ff97d829fde4e50,
    0xbc92434322f4f9aa,
    0x3ff9c49182a3f090,
    0x3c71affc2b91ce27,
    0x3ffa0c667b5de565,
    0xbc87c50422622263,
    0x3ffa5503b23e255d,
    0xbc91bbd1d3bcbb15,
    0x3ffa9e6b5579fdbf,
    0x3c8469846e735ab3,
    0x3ffae89f995ad3ad,
    0x3c8c1a7792cb3387,
    0x3ffb33a2b84f15fb,
    0xbc55c3d956dcaeba,
    0x3ffb7f76f2fb5e47,
    0xbc68d6f438ad9334,
    0x3ffbcc1e904bc1d2,
    0x3c74ffd70a5fddcd,
    0x3ffc199bdd85529c,
    0x3c736eae30af0cb3,
    0x3ffc67f12e57d14b,
    0x3c84e08fd10959ac,
    0x3ffcb720dcef9069,
    0x3c676b2c6c921968,
    0x3ffd072d4a07897c,
    0xbc8fad5d3ffffa6f,
    0x3ffd5818dcfba487,
    0x3c74a385a63d07a7,
    0x3ffda9e603db3285,
    0x3c8e5a50d5c192ac,
    0x3ffdfc97337b9b5f,
    0xbc82d52107b43e1f,
    0x3ffe502ee78b3ff6,
    0x3c74b604603a88d3,
    0x3ffea4afa2a490da,
    0xbc8ff7128fd391f0,
    0x3ffefa1bee615a27,
    0x3c8ec3bc41aa2008,
    0x3fff50765b6e4540,
    0x3c8a64a931d185ee,
    0x3fffa7c1819e90d8,
    0x3c77893b4d91cd9d,
];
/// 64 / ln 2.
const R_INV: f64 = d(0x4057_1547_652b_82fe);
/// 1.5 * 2^52.
const R_SHIFT: f64 = d(0x4338_0000_0000_0000);
const R_P2: f64 = 0.5;
const R_P3: f64 = d(0x3fc5_5555_5555_48f8);
const R_P4: f64 = d(0x3fa5_5555_5555_8fcc);
const R_P5: f64 = d(0x3f81_1112_3aaf_20d3);
const R_P6: f64 = d(0x3f56_c16a_1c2a_3ffd);
/// Above: overflow.
const R_OVER: f64 = d(0x4086_2e42_fefa_39ef);
/// Below: a subnormal result.
const R_SUB: f64 = d(0xc086_232b_dd7a_bcd2);
/// Below: the result underflows to zero.
const R_UNDER: f64 = d(0xc087_4910_d52d_3051);
/// ln2/64 in two parts.
const R_L2H: f64 = d(0x3f86_2e42_fefa_0000);
const R_L2L: f64 = d(0x3d1c_f79a_bc9e_3b3a);
/// Squared, these underflow to zero and overflow to infinity (raising the flags).
const R_TINY: f64 = d(0x0010_0000_0000_0001);
const R_HUGE: f64 = d(0x7fef_ffff_ffff_ffff);
/// 2^-60.
const R_2M60: f64 = d(0x3c30_0000_0000_0000);
/// 1.5 * 2^32: splits a double into its high and low halves.
const R_SPLIT: f64 = d(0x41f8_0000_0000_0000);

/// The rare path: |x| >= RARE (not NaN), with its floating-point flags.
#[inline(never)]
fn exp_rare(x: f64) -> f64 {
    use std::hint::black_box as opaque;
    let bits = x.to_bits();
    let e = (bits >> 52) & 0x7ff;
    if e == 0x7ff {
        if bits == f64::NEG_INFINITY.to_bits() {
            return 0.0;
        }
        return x * x;
    }
    if e <= 0x3ca {
        return 1.0 + x;
    }
    if x > R_OVER {
        // opaque: evaluated at run time, so the overflow flag is raised.
        return opaque(R_HUGE) * opaque(R_HUGE);
    }
    if x < R_UNDER {
        return opaque(R_TINY) * opaque(R_TINY);
    }
    let t = x * R_INV + R_SHIFT;
    let nb = t.to_bits() as u32;
    let j = (nb & 63) as usize;
    let nd = t - R_SHIFT;
    let r = (x - nd * R_L2H) - nd * R_L2L;
    let mut p = R_P6 * r + R_P5;
    p = p * r + R_P4;
    p = p * r + R_P3;
    p = p * r + R_P2;
    p = p * r * r + r;
    let top = d(TAB64[2 * j]);
    let q = (p + d(TAB64[2 * j + 1])) * top;
    let m = nb >> 6;
    if x < R_SUB {
        // Subnormal result: computed 2^60 too large, then scaled down once (or, when
        // the result keeps more than a few bits, as a high and a low half).
        let e = m.wrapping_add(0x43b) & 0x7ff;
        let scale = d(u64::from(e) << 52);
        let a = q * scale;
        let b = scale * top;
        let s = b + a;
        if e <= 0x32 {
            return s * R_2M60;
        }
        let t = (b - s) + a;
        let c = s * R_SPLIT;
        let hh = (s + c) - c;
        let lo = t + (s - hh);
        hh * R_2M60 + lo * R_2M60
    } else {
        let res = q + top;
        let e = m.wrapping_add(0x3ff) & 0x7ff;
        if e > 0x7fe {
            res * d(u64::from(e - 1) << 52) * 2.0
        } else {
            res * d(u64::from(e) << 52)
        }
    }
}

/// NumPy's float64 exp of one argument (see the module documentation).
#[inline]
pub fn exp(x: f64) -> f64 {
    if d(x.to_bits() & !(1u64 << 63)) >= RARE {
        exp_rare(x)
    } else {
        exp_main(x)
    }
}

// ----- the AVX-512 loop ---------------------------------------------------------------------

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use std::arch::x86_64::*;

    const RN: i32 = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;
    const RZ: i32 = _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC;

    /// The constants, loaded once per loop.
    #[derive(Clone, Copy)]
    struct Consts {
        th0: __m512d,
        th1: __m512d,
        tl0: __m512d,
        tl1: __m512d,
        log2e: __m512d,
        shift: __m512d,
        l2h: __m512d,
        l2l: __m512d,
        rmask: __m512i,
        absmask: __m512i,
        rare: __m512d,
        c: [__m512d; 6],
    }

    #[target_feature(enable = "avx512f,avx512dq,avx512vl,fma")]
    fn consts() -> Consts {
        // SAFETY: TH and TL have 16 elements: two loads of 8 each stay inside.
        let (th0, th1, tl0, tl1) = unsafe {
            (
                _mm512_loadu_pd(TH.as_ptr()),
                _mm512_loadu_pd(TH.as_ptr().add(8)),
                _mm512_loadu_pd(TL.as_ptr()),
                _mm512_loadu_pd(TL.as_ptr().add(8)),
            )
        };
        Consts {
            th0,
            th1,
            tl0,
            tl1,
            log2e: _mm512_set1_pd(LOG2E),
            shift: _mm512_set1_pd(SHIFT),
            l2h: _mm512_set1_pd(L2H),
            l2l: _mm512_set1_pd(L2L),
            rmask: _mm512_set1_epi64(RMASK as i64),
            absmask: _mm512_set1_epi64(i64::MAX),
            rare: _mm512_set1_pd(RARE),
            c: [C6, C5, C4, C3, C2, C1].map(|v| _mm512_set1_pd(v)),
        }
    }

    /// Eight main-path results and the mask of lanes that need the rare path.
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,fma")]
    #[inline]
    fn exp8(k: &Consts, x: __m512d) -> (__m512d, __mmask8) {
        let t = _mm512_fmadd_round_pd::<RZ>(x, k.log2e, k.shift);
        let ax = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(x), k.absmask));
        let n = _mm512_sub_round_pd::<RN>(t, k.shift);
        let ti = _mm512_castpd_si512(t);
        let tl = _mm512_permutex2var_pd(k.tl0, ti, k.tl1);
        let th = _mm512_permutex2var_pd(k.th0, ti, k.th1);
        let r = _mm512_fnmadd_round_pd::<RN>(n, k.l2h, x);
        let rare = _mm512_cmp_round_pd_mask::<_CMP_GE_OQ, _MM_FROUND_NO_EXC>(ax, k.rare);
        let r = _mm512_fnmadd_round_pd::<RN>(k.l2l, n, r);
        let r = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(r), k.rmask));
        let r2 = _mm512_mul_round_pd::<RN>(r, r);
        let a = _mm512_fmadd_round_pd::<RN>(k.c[0], r, k.c[1]);
        let b = _mm512_fmadd_round_pd::<RN>(k.c[2], r, k.c[3]);
        let c = _mm512_fmadd_round_pd::<RN>(k.c[4], r, k.c[5]);
        let p = _mm512_fmadd_round_pd::<RN>(r2, a, b);
        let p = _mm512_fmadd_round_pd::<RN>(r2, p, c);
        let q = _mm512_fmadd_round_pd::<RN>(p, r, tl);
        let res = _mm512_fmadd_round_pd::<RN>(th, q, th);
        (_mm512_scalef_round_pd::<RN>(res, n), rare)
    }

    /// Overwrite the rare lanes of the 8 results at `y` (arguments at `x`).
    ///
    /// # Safety
    /// 8 elements valid at `x` and `y` (`y` may equal `x`: `x` must then hold the
    /// arguments still, which `save` provides).
    #[cold]
    unsafe fn fix_rare(args: &[f64; 8], y: *mut f64, mask: __mmask8) {
        for (l, &a) in args.iter().enumerate() {
            if mask & (1 << l) != 0 {
                // SAFETY: l < 8, inside the caller's 8 valid elements.
                unsafe { y.add(l).write_unaligned(exp_rare(a)) };
            }
        }
    }

    /// exp over `n` contiguous float64 values.
    ///
    /// # Safety
    /// The CPU has AVX-512 F/DQ/VL and FMA; `x` and `y` are valid for `n` elements and
    /// `y` equals `x` or does not overlap it.
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,fma")]
    pub unsafe fn run(x: *const f64, y: *mut f64, n: usize) {
        let k = consts();
        let mut i = 0;
        while i + 32 <= n {
            // SAFETY: i + 32 <= n: the 32 elements from i are valid at x and y.
            unsafe {
                let v0 = _mm512_loadu_pd(x.add(i));
                let v1 = _mm512_loadu_pd(x.add(i + 8));
                let v2 = _mm512_loadu_pd(x.add(i + 16));
                let v3 = _mm512_loadu_pd(x.add(i + 24));
                let (r0, m0) = exp8(&k, v0);
                let (r1, m1) = exp8(&k, v1);
                let (r2, m2) = exp8(&k, v2);
                let (r3, m3) = exp8(&k, v3);
                _mm512_storeu_pd(y.add(i), r0);
                _mm512_storeu_pd(y.add(i + 8), r1);
                _mm512_storeu_pd(y.add(i + 16), r2);
                _mm512_storeu_pd(y.add(i + 24), r3);
                if (m0 | m1 | m2 | m3) != 0 {
                    for (o, (v, m)) in [(v0, m0), (v1, m1), (v2, m2), (v3, m3)]
                        .into_iter()
                        .enumerate()
                    {
                        if m != 0 {
                            let mut a = [0f64; 8];
                            _mm512_storeu_pd(a.as_mut_ptr(), v);
                            fix_rare(&a, y.add(i + 8 * o), m);
                        }
                    }
                }
            }
            i += 32;
        }
        while i + 8 <= n {
            // SAFETY: i + 8 <= n: the 8 elements from i are valid at x and y.
            unsafe {
                let v = _mm512_loadu_pd(x.add(i));
                let (r, m) = exp8(&k, v);
                _mm512_storeu_pd(y.add(i), r);
                if m != 0 {
                    let mut a = [0f64; 8];
                    _mm512_storeu_pd(a.as_mut_ptr(), v);
                    fix_rare(&a, y.add(i), m);
                }
            }
            i += 8;
        }
        if i < n {
            // The last 1..7 elements: a masked load fills the other lanes with zeros
            // (which raise nothing and are not stored).
            let left = (n - i) as u32;
            let lanes: __mmask8 = ((1u32 << left) - 1) as u8;
            // SAFETY: the masked load and store touch only the `left` valid elements.
            unsafe {
                let v = _mm512_maskz_loadu_pd(lanes, x.add(i));
                let (r, m) = exp8(&k, v);
                _mm512_mask_storeu_pd(y.add(i), lanes, r);
                let m = m & lanes;
                if m != 0 {
                    let mut a = [0f64; 8];
                    _mm512_storeu_pd(a.as_mut_ptr(), v);
                    fix_rare(&a, y.add(i), m);
                }
            }
        }
    }
}

/// The float64 exp kernel: the AVX-512 loop on contiguous runs when the CPU has it,
/// else the scalar emulation (same results).
pub fn kernel() -> Kernel {
    #[cfg(target_arch = "x86_64")]
    let wide = super::simd::level() == super::simd::Level::Avx512
        && std::arch::is_x86_feature_detected!("fma");
    #[cfg(not(target_arch = "x86_64"))]
    let wide = false;
    Kernel::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        #[cfg(target_arch = "x86_64")]
        if wide && s[0] == 8 && s[1] == 8 {
            // SAFETY: `wide` checked the CPU features; the Kernel::call contract gives
            // `n` contiguous float64 elements at each pointer, the output equal to the
            // input or not overlapping it.
            unsafe { avx512::run(a[0] as *const f64, a[1] as *mut f64, n) };
            return;
        }
        for i in 0..n as isize {
            // SAFETY: the Kernel::call contract gives `n` valid elements per operand,
            // `s` bytes apart.
            unsafe {
                let v = (a[0].offset(i * s[0]) as *const f64).read_unaligned();
                (a[1].offset(i * s[1]) as *mut f64).write_unaligned(exp(v));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_and_vector_agree() {
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut xs = Vec::new();
        for i in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            xs.push(match i % 4 {
                0 => d(s),
                1 => (s >> 11) as f64 / (1u64 << 53) as f64 * 1500.0 - 750.0,
                2 => (s >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0,
                _ => d(s >> 2) * if s & 1 == 0 { 1.0 } else { -1.0 },
            });
        }
        xs.extend([
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            5e-324,
            -5e-324,
        ]);
        let mut ys = vec![0f64; xs.len()];
        let k = kernel();
        // SAFETY: both buffers hold xs.len() float64 values.
        unsafe {
            k.call(
                &[xs.as_ptr() as *mut u8, ys.as_mut_ptr() as *mut u8],
                &[8, 8],
                xs.len(),
            )
        };
        for (x, y) in xs.iter().zip(&ys) {
            assert_eq!(exp(*x).to_bits(), y.to_bits(), "x = {x:e}");
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1.0), std::f64::consts::E);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(710.0), f64::INFINITY);
    }
}
