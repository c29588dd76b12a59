//! Window functions (`bartlett`, `blackman`, `hamming`, `hanning`, `kaiser`), the
//! modified Bessel function `i0`, and bit packing (`packbits`, `unpackbits`).
//!
//! The windows and `i0` follow NumPy's own formulas step by step (the same operations in
//! the same order, the transcendental steps through the ufunc kernels), so results are
//! bit-identical to NumPy's wherever the kernels are.

use numoxide_core::{layout, DType, DTypeKind, Error, NdArray, Order, Result};

use crate::calculus::Flags;
use crate::elementwise;
use crate::indexing::{extract, place};
use crate::ufunc::{CallOptions, Input, Weak};

/// Which end of a byte the first of eight booleans goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BitOrder {
    /// The first element is the most significant bit (NumPy's default).
    Big,
    /// The first element is the least significant bit.
    Little,
}

impl BitOrder {
    /// Parse NumPy's `bitorder=` string ('big' or 'little', as NumPy compares them).
    ///
    /// # Errors
    /// ValueError for anything else.
    pub fn parse(s: &str) -> Result<BitOrder> {
        if s.starts_with("big") {
            Ok(BitOrder::Big)
        } else if s.starts_with("little") {
            Ok(BitOrder::Little)
        } else {
            Err(Error::value("'order' must be either 'little' or 'big'"))
        }
    }

    /// Parse `unpackbits`' `bitorder=` string (NumPy looks at its first letter only).
    ///
    /// # Errors
    /// ValueError unless it begins with 'b' or 'l'.
    pub fn parse_unpack(s: &str) -> Result<BitOrder> {
        match s.as_bytes().first() {
            Some(b'b') => Ok(BitOrder::Big),
            Some(b'l') => Ok(BitOrder::Little),
            _ => Err(Error::value("'order' must begin with 'l' or 'b'")),
        }
    }
}

fn call(name: &'static str, inputs: &[Input], flags: &mut Flags) -> Result<NdArray> {
    elementwise::call(name, inputs, &CallOptions::default(), flags)
}

fn arr(a: &NdArray) -> Input {
    Input::Array(a.clone())
}

fn weak(v: f64) -> Input {
    Input::Weak(Weak::Float(v))
}

/// The values of NumPy's `arange(start, stop, step)` for float64 arguments.
fn arange_f64(start: f64, stop: f64, step: f64) -> Result<Vec<f64>> {
    let len = ((stop - start) / step).ceil();
    if !len.is_finite() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if len <= 0.0 {
        return Ok(Vec::new());
    }
    if len > (isize::MAX as f64) / 8.0 {
        return Err(Error::memory(usize::MAX, &[usize::MAX], "float64"));
    }
    let n = len as usize;
    let delta = (start + step) - start;
    Ok((0..n)
        .map(|i| {
            if i == 0 {
                start
            } else {
                start + (i as f64) * delta
            }
        })
        .collect())
}

fn vec_array(v: Vec<f64>) -> Result<NdArray> {
    let n = v.len();
    NdArray::from_vec(v, &[n])
}

/// `M < 1` gives an empty window, `M == 1` a single 1.0; `None` means compute it.
fn trivial_window(m: f64) -> Result<Option<NdArray>> {
    if m < 1.0 {
        return Ok(Some(vec_array(Vec::new())?));
    }
    if m == 1.0 {
        return Ok(Some(vec_array(vec![1.0])?));
    }
    Ok(None)
}

/// `cos` of each value through the ufunc kernel (so it rounds as `numoxide.cos` does).
fn cos_of(v: Vec<f64>, flags: &mut Flags) -> Result<Vec<f64>> {
    let a = vec_array(v)?;
    Ok(call("cos", &[arr(&a)], flags)?.to_vec::<f64>())
}

/// The Bartlett (triangular) window of `m` points, as NumPy computes it.
///
/// # Errors
/// ValueError if the length cannot be computed (NaN or infinite `m`).
pub fn bartlett(m: f64) -> Result<NdArray> {
    if let Some(w) = trivial_window(m)? {
        return Ok(w);
    }
    let n = arange_f64(1.0 - m, m, 2.0)?;
    let d = m - 1.0;
    vec_array(
        n.into_iter()
            .map(|x| if x <= 0.0 { 1.0 + x / d } else { 1.0 - x / d })
            .collect(),
    )
}

/// A raised-cosine window `a + b cos(pi n / (m - 1))` of `m` points (hamming, hanning).
fn cosine_window(m: f64, a: f64, b: f64, flags: &mut Flags) -> Result<NdArray> {
    if let Some(w) = trivial_window(m)? {
        return Ok(w);
    }
    let n = arange_f64(1.0 - m, m, 2.0)?;
    let d = m - 1.0;
    let c = cos_of(
        n.iter().map(|&x| std::f64::consts::PI * x / d).collect(),
        flags,
    )?;
    vec_array(c.into_iter().map(|c| a + b * c).collect())
}

/// The Hamming window of `m` points.
///
/// # Errors
/// ValueError if the length cannot be computed.
pub fn hamming(m: f64, flags: &mut Flags) -> Result<NdArray> {
    cosine_window(m, 0.54, 0.46, flags)
}

/// The Hann (hanning) window of `m` points.
///
/// # Errors
/// ValueError if the length cannot be computed.
pub fn hanning(m: f64, flags: &mut Flags) -> Result<NdArray> {
    cosine_window(m, 0.5, 0.5, flags)
}

/// The Blackman window of `m` points.
///
/// # Errors
/// ValueError if the length cannot be computed.
pub fn blackman(m: f64, flags: &mut Flags) -> Result<NdArray> {
    if let Some(w) = trivial_window(m)? {
        return Ok(w);
    }
    let n = arange_f64(1.0 - m, m, 2.0)?;
    let d = m - 1.0;
    let pi = std::f64::consts::PI;
    let two_pi = 2.0 * pi;
    let c1 = cos_of(n.iter().map(|&x| pi * x / d).collect(), flags)?;
    let c2 = cos_of(n.iter().map(|&x| two_pi * x / d).collect(), flags)?;
    vec_array(
        c1.into_iter()
            .zip(c2)
            .map(|(c1, c2)| 0.42 + 0.5 * c1 + 0.08 * c2)
            .collect(),
    )
}

/// The Kaiser window of `m` points with shape parameter `beta`.
///
/// # Errors
/// ValueError if the length cannot be computed.
pub fn kaiser(m: f64, beta: f64, flags: &mut Flags) -> Result<NdArray> {
    if m == 1.0 {
        return vec_array(vec![1.0]);
    }
    let n = vec_array(arange_f64(0.0, m, 1.0)?)?;
    let alpha = (m - 1.0) / 2.0;
    let r = call("subtract", &[arr(&n), weak(alpha)], flags)?;
    let r = call("divide", &[arr(&r), weak(alpha)], flags)?;
    let sq = call("square", &[arr(&r)], flags)?;
    let t = call("subtract", &[Input::Weak(Weak::Int(1)), arr(&sq)], flags)?;
    let s = call("sqrt", &[arr(&t)], flags)?;
    let x = call("multiply", &[weak(beta), arr(&s)], flags)?;
    let num = i0(&x, flags)?;
    let den = i0(&NdArray::from_vec(vec![beta], &[])?, flags)?;
    call("divide", &[arr(&num), arr(&den)], flags)
}

/// Chebyshev coefficients of `exp(-x) I0(x)` on [0, 8] (Cephes).
const I0_A: [f64; 30] = [
    -4.415_341_646_479_339_379_50E-18,
    3.330_794_518_822_238_097_83E-17,
    -2.431_279_846_547_954_693_59E-16,
    1.715_391_285_555_133_030_61E-15,
    -1.168_533_287_799_345_168_08E-14,
    7.676_185_498_604_935_616_88E-14,
    -4.856_446_783_111_929_460_90E-13,
    2.955_052_663_129_639_834_61E-12,
    -1.726_826_291_441_555_707_23E-11,
    9.675_809_035_373_236_912_24E-11,
    -5.189_795_601_635_262_906_66E-10,
    2.659_823_724_682_386_650_35E-9,
    -1.300_025_009_986_248_042_12E-8,
    6.046_995_022_541_918_949_32E-8,
    -2.670_793_853_940_611_733_91E-7,
    1.117_387_539_120_103_718_15E-6,
    -4.416_738_358_458_750_563_59E-6,
    1.644_844_807_072_889_708_93E-5,
    -5.754_195_010_082_103_703_98E-5,
    1.885_028_850_958_416_557_29E-4,
    -5.763_755_745_385_823_658_85E-4,
    1.639_475_616_941_335_798_42E-3,
    -4.324_309_995_050_575_944_30E-3,
    1.054_646_039_459_499_831_83E-2,
    -2.373_741_480_589_946_881_56E-2,
    4.930_528_423_967_070_848_78E-2,
    -9.490_109_704_804_764_442_10E-2,
    1.716_209_015_222_087_753_49E-1,
    -3.046_826_723_431_983_986_83E-1,
    6.767_952_744_094_760_849_95E-1,
];

/// Chebyshev coefficients of `exp(-x) sqrt(x) I0(x)` in the inverted interval [8, inf]
/// (Cephes).
const I0_B: [f64; 25] = [
    -7.233_180_487_874_753_954_56E-18,
    -4.830_504_485_944_182_071_26E-18,
    4.465_621_420_296_759_999_01E-17,
    3.461_222_867_697_461_093_10E-17,
    -2.827_623_980_516_583_484_94E-16,
    -3.425_485_619_677_219_134_62E-16,
    1.772_560_133_056_526_383_60E-15,
    3.811_680_669_352_622_420_75E-15,
    -9.554_846_698_828_307_648_70E-15,
    -4.150_569_347_287_222_086_63E-14,
    1.540_086_217_521_409_826_91E-14,
    3.852_778_382_742_142_701_14E-13,
    7.180_124_451_383_666_233_67E-13,
    -1.794_178_531_506_806_117_78E-12,
    -1.321_581_184_044_771_311_88E-11,
    -3.149_916_527_963_241_364_54E-11,
    1.188_914_710_784_643_834_24E-11,
    4.940_602_388_224_969_589_10E-10,
    3.396_232_025_708_386_345_15E-9,
    2.266_668_990_498_178_064_59E-8,
    2.048_918_589_469_063_741_83E-7,
    2.891_370_520_834_756_482_97E-6,
    6.889_758_346_916_823_984_26E-5,
    3.369_116_478_255_694_089_90E-3,
    8.044_904_110_141_088_316_08E-1,
];

/// Clenshaw evaluation of a Chebyshev series at `x`, with the same operations (and
/// the same Python-float weak scalars in the first two steps) as NumPy's `_chbevl`.
fn chbevl(x: &NdArray, vals: &[f64], flags: &mut Flags) -> Result<NdArray> {
    let mut b0 = weak(vals.first().copied().unwrap_or(0.0));
    let mut b1 = weak(0.0);
    let mut b2 = weak(0.0);
    for &v in vals.iter().skip(1) {
        b2 = b1;
        b1 = b0;
        let t = call("multiply", &[arr(x), b1.clone()], flags)?;
        let t = call("subtract", &[arr(&t), b2.clone()], flags)?;
        b0 = Input::Array(call("add", &[arr(&t), weak(v)], flags)?);
    }
    let d = call("subtract", &[b0, b2], flags)?;
    call("multiply", &[weak(0.5), arr(&d)], flags)
}

/// `exp(x) * chbevl(x / 2 - 2, A)`: `i0` for `|x| <= 8`.
fn i0_small(x: &NdArray, flags: &mut Flags) -> Result<NdArray> {
    let e = call("exp", &[arr(x)], flags)?;
    let t = call("divide", &[arr(x), weak(2.0)], flags)?;
    let t = call("subtract", &[arr(&t), Input::Weak(Weak::Int(2))], flags)?;
    let c = chbevl(&t, &I0_A, flags)?;
    call("multiply", &[arr(&e), arr(&c)], flags)
}

/// `exp(x) * chbevl(32 / x - 2, B) / sqrt(x)`: `i0` for `|x| > 8`.
fn i0_large(x: &NdArray, flags: &mut Flags) -> Result<NdArray> {
    let e = call("exp", &[arr(x)], flags)?;
    let t = call("divide", &[weak(32.0), arr(x)], flags)?;
    let t = call("subtract", &[arr(&t), weak(2.0)], flags)?;
    let c = chbevl(&t, &I0_B, flags)?;
    let p = call("multiply", &[arr(&e), arr(&c)], flags)?;
    let s = call("sqrt", &[arr(x)], flags)?;
    call("divide", &[arr(&p), arr(&s)], flags)
}

/// The modified Bessel function of the first kind, order 0, elementwise (NumPy's
/// Cephes-based `i0`: float inputs keep their dtype, others become float64).
///
/// # Errors
/// TypeError for complex input.
pub fn i0(x: &NdArray, flags: &mut Flags) -> Result<NdArray> {
    match x.kind() {
        DTypeKind::Complex64 | DTypeKind::Complex128 => {
            return Err(Error::type_error("i0 not supported for complex values"))
        }
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Float64 => {}
        _ => return i0(&x.astype(DType::new(DTypeKind::Float64), Order::K)?, flags),
    }
    let shape = x.shape().to_vec();
    let flat = if x.ndim() == 0 {
        x.reshape(&[1], Order::C)?
    } else {
        x.clone()
    };
    let a = call("absolute", &[arr(&flat)], flags)?;
    let small = call("less_equal", &[arr(&a), weak(8.0)], flags)?;
    let large = call("logical_not", &[arr(&small)], flags)?;
    let y = NdArray::zeros(a.shape(), a.dtype().clone(), Order::C)?;
    for (cond, large_branch) in [(&small, false), (&large, true)] {
        let vals = extract(cond, &a)?;
        if vals.size() > 0 {
            let r = if large_branch {
                i0_large(&vals, flags)?
            } else {
                i0_small(&vals, flags)?
            };
            place(&y, cond, &r)?;
        }
    }
    if shape.is_empty() {
        let s: Vec<isize> = Vec::new();
        return y.reshape(&s, Order::C);
    }
    Ok(y)
}

/// Pack the truth values of `a` (integers or booleans) into the bits of uint8 bytes
/// along `axis` (None: the flattened array), as `numpy.packbits`.
///
/// # Errors
/// TypeError for non-integer, non-boolean input; AxisError for a bad axis.
pub fn packbits(a: &NdArray, axis: Option<isize>, order: BitOrder) -> Result<NdArray> {
    if !(a.kind() == DTypeKind::Bool || a.kind().is_integer()) {
        return Err(Error::type_error(
            "Expected an input array of integer or boolean data type",
        ));
    }
    let (src, ax) = prepare_axis(a, axis)?;
    let truth = c_bytes(&src, DTypeKind::Bool)?;
    let bits = bytes_of(&truth);
    let shape = src.shape().to_vec();
    let n = shape[ax];
    let outer: usize = shape[..ax].iter().product();
    let inner: usize = shape[ax + 1..].iter().product();
    let nb = n.div_ceil(8);
    let mut out_shape = shape.clone();
    out_shape[ax] = nb;
    // SAFETY: every output byte is written below (whole groups by the packing loops,
    // partial groups after zero-filling).
    let mut result =
        unsafe { NdArray::uninit(&out_shape, DType::new(DTypeKind::UInt8), Order::C)? };
    // SAFETY: `result` is a fresh C-contiguous uint8 array no other handle refers to.
    let out = unsafe { fresh_bytes_mut(&mut result) };
    let mask = |b: usize| -> u8 {
        match order {
            BitOrder::Big => 0x80 >> b,
            BitOrder::Little => 1 << b,
        }
    };
    if inner == 1 {
        // Contiguous runs along the packed axis: eight bytes make one.
        for (row, dst) in bits.chunks(n.max(1)).zip(out.chunks_mut(nb.max(1))) {
            let done = pack_sixteens(row, dst, order);
            let (row, dst) = (&row[done..], &mut dst[done / 8..]);
            for (chunk, d) in row.chunks(8).zip(dst.iter_mut()) {
                *d = match order {
                    BitOrder::Big => {
                        let packed = chunk
                            .iter()
                            .fold(0u8, |acc, &v| (acc << 1) | u8::from(v != 0));
                        packed << (8 - chunk.len())
                    }
                    BitOrder::Little => chunk
                        .iter()
                        .enumerate()
                        .fold(0u8, |acc, (b, &v)| acc | (u8::from(v != 0) << b)),
                };
            }
        }
    } else {
        for o in 0..outer {
            for k in 0..nb {
                let dst = &mut out[(o * nb + k) * inner..(o * nb + k + 1) * inner];
                let row =
                    |b: usize| &bits[(o * n + k * 8 + b) * inner..(o * n + k * 8 + b + 1) * inner];
                if n - k * 8 >= 8 {
                    // Eight source rows at once, branch-free (vectorizes).
                    let s: [&[u8]; 8] = std::array::from_fn(row);
                    let sh: [u32; 8] = std::array::from_fn(|b| mask(b).trailing_zeros());
                    for (i, d) in dst.iter_mut().enumerate() {
                        let mut acc = 0u8;
                        for b in 0..8 {
                            acc |= u8::from(s[b][i] != 0) << sh[b];
                        }
                        *d = acc;
                    }
                    continue;
                }
                dst.fill(0);
                for b in 0..n - k * 8 {
                    let m = mask(b);
                    for (d, &v) in dst.iter_mut().zip(row(b)) {
                        *d |= m & 0u8.wrapping_sub(u8::from(v != 0));
                    }
                }
            }
        }
    }
    Ok(result)
}

/// Unpack the bits of a uint8 array along `axis` (None: flattened) into 0/1 bytes,
/// keeping `count` bits (negative: drop from the end; more than there are: pad zeros).
///
/// # Errors
/// TypeError for non-uint8 input; AxisError for a bad axis; ValueError when `-count`
/// exceeds the number of bits.
pub fn unpackbits(
    a: &NdArray,
    axis: Option<isize>,
    count: Option<i64>,
    order: BitOrder,
) -> Result<NdArray> {
    if a.kind() != DTypeKind::UInt8 {
        return Err(Error::type_error(
            "Expected an input array of unsigned byte data type",
        ));
    }
    let (src, ax) = prepare_axis(a, axis)?;
    let held = c_bytes(&src, DTypeKind::UInt8)?;
    let bytes = bytes_of(&held);
    let shape = src.shape().to_vec();
    let n = shape[ax];
    let nbits = n
        .checked_mul(8)
        .ok_or_else(|| Error::value("array is too big"))?;
    let keep = match count {
        None => nbits,
        Some(c) if c >= 0 => usize::try_from(c).map_err(|_| Error::value("count too large"))?,
        Some(c) => {
            let drop = usize::try_from(c.unsigned_abs())
                .map_err(|_| Error::value("-count larger than number of elements"))?;
            if drop > nbits {
                return Err(Error::value("-count larger than number of elements"));
            }
            nbits - drop
        }
    };
    let outer: usize = shape[..ax].iter().product();
    let inner: usize = shape[ax + 1..].iter().product();
    layout::checked_size(&[outer, keep, inner])?;
    let mut out_shape = shape.clone();
    out_shape[ax] = keep;
    let u8dt = DType::new(DTypeKind::UInt8);
    // Every element is written unless `count` asks for padding zeros.
    let mut result = if keep > nbits {
        NdArray::zeros(&out_shape, u8dt, Order::C)?
    } else {
        // SAFETY: with `keep <= nbits` the loops below write all `keep` bits of every row.
        unsafe { NdArray::uninit(&out_shape, u8dt, Order::C)? }
    };
    // SAFETY: `result` is a fresh C-contiguous uint8 array no other handle refers to.
    let out = unsafe { fresh_bytes_mut(&mut result) };
    let shift = |byte: u8, b: usize| -> u8 {
        match order {
            BitOrder::Big => (byte >> (7 - b)) & 1,
            BitOrder::Little => (byte >> b) & 1,
        }
    };
    let used = keep.min(nbits);
    if inner == 1 {
        // Contiguous bytes along the axis: each expands to eight from a table.
        let mut table = [[0u8; 8]; 256];
        for (v, bits8) in table.iter_mut().enumerate() {
            for (b, bit) in bits8.iter_mut().enumerate() {
                *bit = shift(v as u8, b);
            }
        }
        for o in 0..outer {
            let row = &bytes[o * n..(o + 1) * n];
            let dst = &mut out[o * keep..o * keep + used];
            #[cfg(target_arch = "x86_64")]
            let (row, dst) = if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 was detected just above.
                let done = unsafe { unpack_avx2(row, dst, order) };
                (&row[done / 8..], &mut dst[done..])
            } else {
                (row, dst)
            };
            let whole_len = dst.len() - dst.len() % 8;
            let mut whole = dst.chunks_exact_mut(8);
            for (chunk, &v) in (&mut whole).zip(row) {
                // A fixed-size copy: one eight-byte store.
                if let Ok(eight) = <&mut [u8; 8]>::try_from(chunk) {
                    *eight = table[usize::from(v)];
                }
            }
            let tail = whole.into_remainder();
            if let Some(&v) = row.get(whole_len / 8) {
                let t = tail.len();
                tail.copy_from_slice(&table[usize::from(v)][..t]);
            }
        }
        return Ok(result);
    }
    for o in 0..outer {
        for j in 0..used {
            let (k, b) = (j / 8, j % 8);
            let src = &bytes[(o * n + k) * inner..(o * n + k + 1) * inner];
            let dst = &mut out[(o * keep + j) * inner..(o * keep + j + 1) * inner];
            for (d, &v) in dst.iter_mut().zip(src) {
                *d = shift(v, b);
            }
        }
    }
    Ok(result)
}

/// Expand the leading whole groups of four bytes of `row` into 32 bytes of 0/1 each in
/// `dst` (as many groups as both hold); returns how many bytes of `dst` it wrote.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn unpack_avx2(row: &[u8], dst: &mut [u8], order: BitOrder) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_min_epu8, _mm256_set1_epi32,
        _mm256_set1_epi8, _mm256_setr_epi8, _mm256_shuffle_epi8, _mm256_storeu_si256,
    };
    // Output byte j takes input byte j / 8 (the four input bytes sit in every 32-bit lane;
    // the shuffle works within 128-bit halves) and tests one bit of it.
    let spread = _mm256_setr_epi8(
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3,
        3, 3,
    );
    let bits = match order {
        BitOrder::Little => _mm256_setr_epi8(
            1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64,
            -128, 1, 2, 4, 8, 16, 32, 64, -128,
        ),
        BitOrder::Big => _mm256_setr_epi8(
            -128, 64, 32, 16, 8, 4, 2, 1, -128, 64, 32, 16, 8, 4, 2, 1, -128, 64, 32, 16, 8, 4, 2,
            1, -128, 64, 32, 16, 8, 4, 2, 1,
        ),
    };
    let one = _mm256_set1_epi8(1);
    let mut done = 0;
    for (c, d) in row.chunks_exact(4).zip(dst.chunks_exact_mut(32)) {
        let word = i32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let v = _mm256_shuffle_epi8(_mm256_set1_epi32(word), spread);
        let set = _mm256_cmpeq_epi8(_mm256_and_si256(v, bits), bits);
        // SAFETY: `d` holds 32 bytes, written with an unaligned store.
        unsafe { _mm256_storeu_si256(d.as_mut_ptr() as *mut __m256i, _mm256_min_epu8(set, one)) };
        done += 32;
    }
    done
}

/// Each byte's bits reversed.
const REVERSED: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).reverse_bits();
        i += 1;
    }
    t
};

/// Pack the leading whole groups of sixteen bytes of `row` (nonzero: a set bit) into
/// `dst`, two bytes per group; returns how many bytes of `row` it packed.
fn pack_sixteens(row: &[u8], dst: &mut [u8], order: BitOrder) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 was detected just above.
        return unsafe { pack_avx2(row, dst, order) };
    }
    let mut done = 0;
    for (c, d) in row.chunks_exact(16).zip(dst.chunks_exact_mut(2)) {
        let bits = nonzero_mask16(c);
        let (lo, hi) = (bits as u8, (bits >> 8) as u8);
        let (lo, hi) = match order {
            BitOrder::Little => (lo, hi),
            BitOrder::Big => (REVERSED[usize::from(lo)], REVERSED[usize::from(hi)]),
        };
        d[0] = lo;
        d[1] = hi;
        done += 16;
    }
    done
}

/// [`pack_sixteens`] with 32-byte AVX2 compares: the whole groups of 32 bytes of `row`
/// become four bytes of `dst` each; returns how many bytes of `row` it packed.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn pack_avx2(row: &[u8], dst: &mut [u8], order: BitOrder) -> usize {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_setr_epi8,
        _mm256_setzero_si256, _mm256_shuffle_epi8,
    };
    // Within each group of eight bytes, the reversed byte order (for big-endian bits).
    let rev = _mm256_setr_epi8(
        7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13,
        12, 11, 10, 9, 8,
    );
    let big = matches!(order, BitOrder::Big);
    let mut done = 0;
    for (c, d) in row.chunks_exact(32).zip(dst.chunks_exact_mut(4)) {
        // SAFETY: `c` holds 32 bytes, read with an unaligned load; AVX2 per the contract.
        let bits = unsafe {
            let mut v = _mm256_loadu_si256(c.as_ptr() as *const __m256i);
            if big {
                v = _mm256_shuffle_epi8(v, rev);
            }
            !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256())) as u32)
        };
        d.copy_from_slice(&bits.to_le_bytes());
        done += 32;
    }
    if done < row.len() {
        let (r, d) = (&row[done..], &mut dst[done / 8..]);
        for (c, d) in r.chunks_exact(16).zip(d.chunks_exact_mut(2)) {
            let bits = nonzero_mask16(c);
            let (lo, hi) = (bits as u8, (bits >> 8) as u8);
            let (lo, hi) = if big {
                (REVERSED[usize::from(lo)], REVERSED[usize::from(hi)])
            } else {
                (lo, hi)
            };
            d[0] = lo;
            d[1] = hi;
            done += 16;
        }
    }
    done
}

/// Bit `i` set when byte `i` of the sixteen in `c` is nonzero.
#[inline]
fn nonzero_mask16(c: &[u8]) -> u16 {
    #[cfg(target_arch = "x86_64")]
    if c.len() >= 16 {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_setzero_si128,
        };
        // SAFETY: SSE2 is part of the x86-64 baseline; `c` holds at least 16 bytes, read
        // with an unaligned load.
        let zero_bits = unsafe {
            let v = _mm_loadu_si128(c.as_ptr() as *const __m128i);
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()))
        };
        return !(zero_bits as u16);
    }
    c.iter()
        .take(16)
        .enumerate()
        .fold(0u16, |m, (i, &v)| m | (u16::from(v != 0) << i))
}

/// `a` as a native, C-contiguous array of one-byte `kind` (itself when it is one, else
/// a cast copy).
fn c_bytes(a: &NdArray, kind: DTypeKind) -> Result<NdArray> {
    if a.kind() == kind && a.is_c_contiguous() {
        Ok(a.clone())
    } else {
        a.astype(DType::new(kind), Order::C)
    }
}

/// The bytes of a C-contiguous array of one-byte elements.
fn bytes_of(a: &NdArray) -> &[u8] {
    let n = a.size();
    if n == 0 {
        return &[];
    }
    // SAFETY: callers pass C-contiguous arrays of `n` one-byte elements (from `c_bytes`);
    // the slice borrows the array, which keeps the buffer alive.
    unsafe { std::slice::from_raw_parts(a.data_ptr(), n) }
}

/// The bytes of a fresh uint8 array, to fill.
///
/// # Safety
/// `a` must be C-contiguous with one-byte elements, and no other handle may read or
/// write its buffer while the slice lives.
unsafe fn fresh_bytes_mut(a: &mut NdArray) -> &mut [u8] {
    let n = a.size();
    if n == 0 {
        return &mut [];
    }
    // SAFETY: per the contract, `n` bytes from the data pointer belong to `a` alone.
    unsafe { std::slice::from_raw_parts_mut(a.data_ptr(), n) }
}

/// The array to work on (flattened for `axis=None`; 0-d as 1-d) and the axis.
fn prepare_axis(a: &NdArray, axis: Option<isize>) -> Result<(NdArray, usize)> {
    match axis {
        None => Ok((a.ravel(Order::C)?, 0)),
        Some(ax) => {
            let src = if a.ndim() == 0 {
                a.reshape(&[1], Order::C)?
            } else {
                a.clone()
            };
            let ax = layout::normalize_axis(ax, src.ndim())?;
            Ok((src, ax))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks() {
        let a = NdArray::from_vec(vec![1u8, 0, 1, 1, 0, 0, 0, 0, 1], &[9])
            .unwrap_or_else(|_| unreachable!());
        let p = packbits(&a, None, BitOrder::Big).unwrap_or_else(|_| unreachable!());
        assert_eq!(p.to_vec::<u8>(), vec![0b1011_0000, 0b1000_0000]);
        let u = unpackbits(&p, None, Some(9), BitOrder::Big).unwrap_or_else(|_| unreachable!());
        assert_eq!(u.to_vec::<u8>(), a.to_vec::<u8>());
        let l = packbits(&a, None, BitOrder::Little).unwrap_or_else(|_| unreachable!());
        assert_eq!(l.to_vec::<u8>(), vec![0b0000_1101, 1]);
    }

    #[test]
    fn bitorder_parse() {
        assert_eq!(BitOrder::parse("big").ok(), Some(BitOrder::Big));
        assert_eq!(BitOrder::parse("little").ok(), Some(BitOrder::Little));
        assert!(BitOrder::parse("b").is_err());
    }
}
