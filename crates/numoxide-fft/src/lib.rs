//! numpy.fft: discrete Fourier transforms on rustfft (complex) and realfft (real input /
//! real output).
//!
//! Each routine transforms one axis of an array, as NumPy's pocketfft ufuncs do; the
//! n-dimensional transforms (`fftn`, `rfftn`, ...) are sequences of these calls, arranged
//! by the Python layer exactly as NumPy arranges them. Inputs of float16/float32/complex64
//! are transformed in single precision (NumPy 2 returns complex64 for them), everything
//! else in double precision. Plans are cached in process-wide planners.

#![warn(missing_docs)]

use std::sync::{Arc, Mutex, OnceLock};

use num_complex::Complex;
use numoxide_core::element::Element;
use numoxide_core::scalar::ScalarElement;
use numoxide_core::{DType, DTypeKind, Error, ErrorKind, NdArray, Order, Result};
use realfft::RealFftPlanner;
use rustfft::{Fft, FftNum, FftPlanner};

/// The normalization mode (`norm=`), seen from the forward transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Norm {
    /// No scaling forward, `1/n` inverse (NumPy's default).
    Backward,
    /// `1/sqrt(n)` both ways.
    Ortho,
    /// `1/n` forward, no scaling inverse.
    Forward,
}

impl Norm {
    /// Parse NumPy's `norm=` argument (`None` means "backward").
    ///
    /// # Errors
    /// `ValueError` with NumPy's message for any other text.
    pub fn parse(text: Option<&str>) -> Result<Norm> {
        match text {
            None | Some("backward") => Ok(Norm::Backward),
            Some("ortho") => Ok(Norm::Ortho),
            Some("forward") => Ok(Norm::Forward),
            Some(other) => Err(Error::value(format!(
                "Invalid norm value {other}; should be \"backward\", \"ortho\" or \"forward\"."
            ))),
        }
    }

    /// The same scaling seen from the other direction (`hfft` is an inverse real
    /// transform with the roles of the directions swapped).
    pub fn swapped(self) -> Norm {
        match self {
            Norm::Backward => Norm::Forward,
            Norm::Ortho => Norm::Ortho,
            Norm::Forward => Norm::Backward,
        }
    }
}

/// The floating types we transform in.
trait Float: FftNum + Copy + Default + ScalarElement {
    const COMPLEX: DTypeKind;
    const REAL: DTypeKind;
    fn planner() -> &'static Mutex<Planners<Self>>;
    fn from_len(n: usize) -> Self;
    fn sqrt(self) -> Self;
}

/// The cached plans of one precision.
struct Planners<T: FftNum> {
    complex: FftPlanner<T>,
    real: RealFftPlanner<T>,
}

impl<T: FftNum> Planners<T> {
    fn new() -> Self {
        Planners {
            complex: FftPlanner::new(),
            real: RealFftPlanner::new(),
        }
    }
}

impl Float for f32 {
    const COMPLEX: DTypeKind = DTypeKind::Complex64;
    const REAL: DTypeKind = DTypeKind::Float32;
    fn planner() -> &'static Mutex<Planners<f32>> {
        static P: OnceLock<Mutex<Planners<f32>>> = OnceLock::new();
        P.get_or_init(|| Mutex::new(Planners::new()))
    }
    fn from_len(n: usize) -> Self {
        n as f32
    }
    fn sqrt(self) -> Self {
        f32::sqrt(self)
    }
}

impl Float for f64 {
    const COMPLEX: DTypeKind = DTypeKind::Complex128;
    const REAL: DTypeKind = DTypeKind::Float64;
    fn planner() -> &'static Mutex<Planners<f64>> {
        static P: OnceLock<Mutex<Planners<f64>>> = OnceLock::new();
        P.get_or_init(|| Mutex::new(Planners::new()))
    }
    fn from_len(n: usize) -> Self {
        n as f64
    }
    fn sqrt(self) -> Self {
        f64::sqrt(self)
    }
}

fn with_planners<T: Float, R>(f: impl FnOnce(&mut Planners<T>) -> R) -> R {
    let mut guard = T::planner()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f(&mut guard)
}

fn complex_plan<T: Float>(n: usize, forward: bool) -> Arc<dyn Fft<T>> {
    with_planners::<T, _>(|p| {
        if forward {
            p.complex.plan_fft_forward(n)
        } else {
            p.complex.plan_fft_inverse(n)
        }
    })
}

/// The factor a transform of length `n` in direction `forward` is multiplied by, computed
/// in the working precision as NumPy does (`reciprocal(sqrt(n, dtype=real_dtype))`).
/// For float16 input the working precision is float16 (`result_type(float16, 1.0)`): the
/// square root and the reciprocal are each rounded to half precision.
fn factor<T: Float>(n: usize, forward: bool, norm: Norm, half: bool) -> Option<T> {
    let norm = if forward { norm } else { norm.swapped() };
    if half {
        let r = |v: f64| half::f16::from_f64(v).to_f64();
        let f = match norm {
            Norm::Backward => return None,
            Norm::Ortho => r(1.0 / r((n as f64).sqrt())),
            Norm::Forward => r(1.0 / n as f64),
        };
        return <T as rustfft::num_traits::FromPrimitive>::from_f64(f);
    }
    let nf = <T as Float>::from_len(n);
    match norm {
        Norm::Backward => None,
        Norm::Ortho => Some(T::one() / nf.sqrt()),
        Norm::Forward => Some(T::one() / nf),
    }
}

/// Whether a transform of `kind` runs in single precision.
fn single_precision(kind: DTypeKind) -> bool {
    matches!(
        kind,
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Complex64
    )
}

fn check_n(n: usize) -> Result<()> {
    if n < 1 {
        return Err(Error::value(format!(
            "Invalid number of FFT data points ({n}) specified."
        )));
    }
    Ok(())
}

fn check_axis(a: &NdArray, axis: usize) -> Result<()> {
    if axis >= a.ndim() {
        return Err(Error::axis(axis as isize, a.ndim()));
    }
    Ok(())
}

/// `a` as a C-contiguous, aligned, native array of `kind` (no copy when it already is).
fn contiguous(a: &NdArray, kind: DTypeKind) -> Result<NdArray> {
    if a.kind() == kind && a.dtype().is_native() && a.is_c_contiguous() && a.is_aligned() {
        Ok(a.clone())
    } else {
        a.astype(DType::new(kind), Order::C)
    }
}

/// The elements of a C-contiguous, aligned, native array of `T`'s kind, borrowed (no
/// copy: a large input would otherwise cost a fresh allocation and its page faults).
fn as_slice<T: Element>(a: &NdArray) -> &[T] {
    debug_assert!(a.kind() == T::KIND && a.is_c_contiguous() && a.is_aligned());
    let n = a.size();
    if n == 0 {
        return &[];
    }
    // SAFETY: `a` is C-contiguous, aligned and native of kind `T` (checked by the callers
    // through `contiguous`), so its `n` elements are valid `T`s starting at `data_ptr`,
    // and the buffer lives as long as the borrow of `a`.
    unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, n) }
}

/// A fresh C-order array of `shape` and `T`'s kind whose every element `fill` writes,
/// allocated through the array buffer (huge pages, no zeroing, no copy afterwards).
fn fresh<T: ScalarElement>(
    shape: &[usize],
    fill: impl FnOnce(&mut [T]) -> Result<()>,
) -> Result<NdArray> {
    // SAFETY: `fill` is handed all `size` elements and every caller writes each of
    // them before the array is returned; on error the array is dropped unread.
    let out = unsafe { NdArray::uninit(shape, DType::new(T::KIND), Order::C)? };
    let n = out.size();
    if n > 0 {
        // SAFETY: `out` was just allocated C-contiguous and aligned for `n` elements of
        // `T`, is exclusively owned here, and overlaps nothing else.
        let data = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut T, n) };
        fill(data)?;
    }
    Ok(out)
}

/// A fresh array of `shape` holding `data` (C order).
fn array_from<T: ScalarElement>(data: Vec<T>, shape: &[usize]) -> Result<NdArray> {
    NdArray::from_vec(data, shape)
}

/// Split `shape` around `axis` into (outer, len, inner) element counts.
fn split(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
}

/// Copy line `src` (length `m`) into `dst` (length `n`): crop or zero-pad.
fn copy_line<T: Copy + Default>(src: impl Iterator<Item = T>, dst: &mut [T]) {
    let mut k = 0;
    for (d, s) in dst.iter_mut().zip(src) {
        *d = s;
        k += 1;
    }
    for d in dst[k..].iter_mut() {
        *d = T::default();
    }
}

/// Columns processed together when transforming a non-last axis.
const BLOCK: usize = 16;

/// Transform every line along the middle axis of a C-ordered (outer, m, inner) block of
/// `input` into (outer, n, inner) in `out`, through `line(buf, lines)` which transforms
/// `lines` consecutive lines of `buf` (each of length `n`) in place.
fn along_axis<T: Copy + Default>(
    input: &[T],
    out: &mut [T],
    (outer, m, inner): (usize, usize, usize),
    n: usize,
    mut line: impl FnMut(&mut [T], usize),
) {
    if outer == 0 || inner == 0 || n == 0 {
        return;
    }
    if inner == 1 {
        if m == 0 {
            // An empty input line pads to all zeros (there is no chunk to zip with).
            out.fill(T::default());
        }
        for (src, dst) in input.chunks_exact(m.max(1)).zip(out.chunks_exact_mut(n)) {
            copy_line(src.iter().copied(), dst);
        }
        line(out, outer);
        return;
    }
    let mut buf = vec![T::default(); n * BLOCK.min(inner)];
    for o in 0..outer {
        let src = &input[o * m * inner..(o + 1) * m * inner];
        let dst_start = o * n * inner;
        let mut j0 = 0;
        while j0 < inner {
            let b = BLOCK.min(inner - j0);
            let keep = m.min(n);
            for k in 0..keep {
                let row = &src[k * inner + j0..k * inner + j0 + b];
                for (l, v) in row.iter().enumerate() {
                    buf[l * n + k] = *v;
                }
            }
            for l in 0..b {
                for v in buf[l * n + keep..(l + 1) * n].iter_mut() {
                    *v = T::default();
                }
            }
            line(&mut buf[..b * n], b);
            for k in 0..n {
                let row = &mut out[dst_start + k * inner + j0..dst_start + k * inner + j0 + b];
                for (l, v) in row.iter_mut().enumerate() {
                    *v = buf[l * n + k];
                }
            }
            j0 += b;
        }
    }
}

fn c2c_typed<T: Float>(
    a: &NdArray,
    axis: usize,
    n: usize,
    forward: bool,
    norm: Norm,
) -> Result<NdArray>
where
    Complex<T>: ScalarElement,
{
    let src = contiguous(a, T::COMPLEX)?;
    let input: &[Complex<T>] = as_slice(&src);
    let (outer, m, inner) = split(a.shape(), axis);
    let mut shape = a.shape().to_vec();
    shape[axis] = n;
    fresh::<Complex<T>>(&shape, |out| {
        let plan = complex_plan::<T>(n, forward);
        let mut scratch = vec![Complex::<T>::default(); plan.get_inplace_scratch_len()];
        let fct = factor::<T>(n, forward, norm, a.kind() == DTypeKind::Float16);
        along_axis(input, out, (outer, m, inner), n, |buf, _| {
            plan.process_with_scratch(buf, &mut scratch);
            if let Some(f) = fct {
                for v in buf.iter_mut() {
                    *v = *v * f;
                }
            }
        });
        Ok(())
    })
}

/// The complex transform of length `n` along `axis` (`fft`, or `ifft` when `!forward`);
/// the input is cropped or zero-padded to `n`.
///
/// # Errors
/// `ValueError` for `n < 1`, `AxisError` for a bad axis.
pub fn c2c(a: &NdArray, axis: usize, n: usize, forward: bool, norm: Norm) -> Result<NdArray> {
    check_n(n)?;
    check_axis(a, axis)?;
    if single_precision(a.kind()) {
        c2c_typed::<f32>(a, axis, n, forward, norm)
    } else {
        c2c_typed::<f64>(a, axis, n, forward, norm)
    }
}

/// `rfft` along `axis`; with `conj` the outputs are conjugated as they are stored
/// (`ihfft`, without a second pass over the result).
fn r2c_typed<T: Float>(
    a: &NdArray,
    axis: usize,
    n: usize,
    norm: Norm,
    conj: bool,
) -> Result<NdArray>
where
    Complex<T>: ScalarElement,
{
    let src = contiguous(a, T::REAL)?;
    let input: &[T] = as_slice(&src);
    let (outer, m, inner) = split(a.shape(), axis);
    let half = n / 2 + 1;
    let mut shape = a.shape().to_vec();
    shape[axis] = half;
    fresh::<Complex<T>>(&shape, |out| {
        let plan = with_planners::<T, _>(|p| p.real.plan_fft_forward(n));
        let mut scratch = plan.make_scratch_vec();
        let mut rline = vec![T::zero(); n];
        let mut cline = vec![Complex::<T>::default(); half];
        let fct = factor::<T>(n, true, norm, a.kind() == DTypeKind::Float16);
        if inner == 1 {
            // Contiguous lines: transform straight into the output rows.
            for (o, row) in out.chunks_exact_mut(half).enumerate() {
                copy_line(input[o * m..(o + 1) * m].iter().copied(), &mut rline);
                plan.process_with_scratch(&mut rline, row, &mut scratch)
                    .map_err(|e| Error::new(ErrorKind::Runtime, e.to_string()))?;
                if fct.is_some() || conj {
                    for v in row.iter_mut() {
                        if let Some(f) = fct {
                            *v = *v * f;
                        }
                        if conj {
                            *v = v.conj();
                        }
                    }
                }
            }
            return Ok(());
        }
        for o in 0..outer {
            for j in 0..inner {
                let base = o * m * inner + j;
                copy_line((0..m).map(|k| input[base + k * inner]), &mut rline);
                plan.process_with_scratch(&mut rline, &mut cline, &mut scratch)
                    .map_err(|e| Error::new(ErrorKind::Runtime, e.to_string()))?;
                let obase = o * half * inner + j;
                for (k, v) in cline.iter().enumerate() {
                    let v = match fct {
                        Some(f) => *v * f,
                        None => *v,
                    };
                    out[obase + k * inner] = if conj { v.conj() } else { v };
                }
            }
        }
        Ok(())
    })
}

/// The transform of real input (`rfft`) of length `n` along `axis`: `n // 2 + 1` complex
/// outputs.
///
/// # Errors
/// `ValueError` for `n < 1`, `AxisError` for a bad axis, `TypeError` for complex input.
pub fn r2c(a: &NdArray, axis: usize, n: usize, norm: Norm) -> Result<NdArray> {
    r2c_conj(a, axis, n, norm, false)
}

fn r2c_conj(a: &NdArray, axis: usize, n: usize, norm: Norm, conj: bool) -> Result<NdArray> {
    check_n(n)?;
    check_axis(a, axis)?;
    if matches!(a.kind(), DTypeKind::Complex64 | DTypeKind::Complex128) {
        return Err(Error::type_error(format!(
            "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
            if n % 2 == 0 { "rfft_n_even" } else { "rfft_n_odd" }
        )));
    }
    if single_precision(a.kind()) {
        r2c_typed::<f32>(a, axis, n, norm, conj)
    } else {
        r2c_typed::<f64>(a, axis, n, norm, conj)
    }
}

/// `irfft` along `axis`; with `conj` the inputs are conjugated as they are read
/// (`hfft`, without a conjugated copy of the input).
fn c2r_typed<T: Float>(
    a: &NdArray,
    axis: usize,
    n: usize,
    norm: Norm,
    conj: bool,
) -> Result<NdArray>
where
    Complex<T>: ScalarElement,
{
    let src = contiguous(a, T::COMPLEX)?;
    let input: &[Complex<T>] = as_slice(&src);
    let (outer, m, inner) = split(a.shape(), axis);
    let half = n / 2 + 1;
    let mut shape = a.shape().to_vec();
    shape[axis] = n;
    fresh::<T>(&shape, |out| {
        let plan = with_planners::<T, _>(|p| p.real.plan_fft_inverse(n));
        let mut scratch = plan.make_scratch_vec();
        let mut rline = vec![T::zero(); n];
        let mut cline = vec![Complex::<T>::default(); half];
        let fct = factor::<T>(n, false, norm, a.kind() == DTypeKind::Float16);
        if inner == 1 {
            // Contiguous lines: transform straight into the output rows.
            for (o, row) in out.chunks_exact_mut(n).enumerate() {
                let line = &input[o * m..(o + 1) * m];
                if conj {
                    copy_line(line.iter().map(|v| v.conj()), &mut cline);
                } else {
                    copy_line(line.iter().copied(), &mut cline);
                }
                cline[0].im = T::zero();
                if n % 2 == 0 {
                    cline[half - 1].im = T::zero();
                }
                plan.process_with_scratch(&mut cline, row, &mut scratch)
                    .map_err(|e| Error::new(ErrorKind::Runtime, e.to_string()))?;
                if let Some(f) = fct {
                    for v in row.iter_mut() {
                        *v = *v * f;
                    }
                }
            }
            return Ok(());
        }
        for o in 0..outer {
            for j in 0..inner {
                let base = o * m * inner + j;
                if conj {
                    copy_line((0..m).map(|k| input[base + k * inner].conj()), &mut cline);
                } else {
                    copy_line((0..m).map(|k| input[base + k * inner]), &mut cline);
                }
                // The imaginary parts of the zero and Nyquist terms do not contribute to a
                // real signal; pocketfft ignores them, and so do we.
                cline[0].im = T::zero();
                if n % 2 == 0 {
                    cline[half - 1].im = T::zero();
                }
                plan.process_with_scratch(&mut cline, &mut rline, &mut scratch)
                    .map_err(|e| Error::new(ErrorKind::Runtime, e.to_string()))?;
                let obase = o * n * inner + j;
                for (k, v) in rline.iter().enumerate() {
                    out[obase + k * inner] = match fct {
                        Some(f) => *v * f,
                        None => *v,
                    };
                }
            }
        }
        Ok(())
    })
}

/// The inverse transform to real output (`irfft`) of length `n` along `axis`, from the
/// first `n // 2 + 1` input values (zero-padded when fewer).
///
/// # Errors
/// `ValueError` for `n < 1`, `AxisError` for a bad axis.
pub fn c2r(a: &NdArray, axis: usize, n: usize, norm: Norm) -> Result<NdArray> {
    c2r_conj(a, axis, n, norm, false)
}

fn c2r_conj(a: &NdArray, axis: usize, n: usize, norm: Norm, conj: bool) -> Result<NdArray> {
    check_n(n)?;
    check_axis(a, axis)?;
    let out = if single_precision(a.kind()) {
        c2r_typed::<f32>(a, axis, n, norm, conj)?
    } else {
        c2r_typed::<f64>(a, axis, n, norm, conj)?
    };
    // NumPy's output dtype is result_type(a.real.dtype, 1.0): float16 stays float16.
    if a.kind() == DTypeKind::Float16 {
        out.astype(DType::new(DTypeKind::Float16), Order::C)
    } else {
        Ok(out)
    }
}

/// `hfft`: the transform of a signal with Hermitian symmetry (real output of length
/// `n`), i.e. `irfft(conj(a), n)` with the normalization directions swapped.
///
/// # Errors
/// As [`c2r`].
pub fn hfft(a: &NdArray, axis: usize, n: usize, norm: Norm) -> Result<NdArray> {
    check_n(n)?;
    check_axis(a, axis)?;
    c2r_conj(a, axis, n, norm.swapped(), true)
}

/// `ihfft`: the inverse of [`hfft`], `conj(rfft(a, n))` with the directions swapped.
///
/// # Errors
/// As [`r2c`].
pub fn ihfft(a: &NdArray, axis: usize, n: usize, norm: Norm) -> Result<NdArray> {
    r2c_conj(a, axis, n, norm.swapped(), true)
}

/// `a` rolled by `shift` along each of `axes` (the engine of `fftshift`/`ifftshift`):
/// element `i` moves to `(i + shift) mod len`.
///
/// # Errors
/// `AxisError` for a bad axis.
pub fn roll(a: &NdArray, axes: &[usize], shifts: &[isize]) -> Result<NdArray> {
    let mut cur = a.copy(Order::C)?;
    for (&axis, &shift) in axes.iter().zip(shifts) {
        check_axis(&cur, axis)?;
        let len = cur.shape()[axis];
        if len == 0 || cur.size() == 0 {
            continue;
        }
        let k = shift.rem_euclid(len as isize) as usize;
        if k == 0 {
            continue;
        }
        let out = NdArray::empty(cur.shape(), cur.dtype().clone(), Order::C)?;
        // out[k:] = cur[:len-k]; out[:k] = cur[len-k:]
        let part = |arr: &NdArray, start: usize, count: usize| -> Result<NdArray> {
            let mut shape = arr.shape().to_vec();
            shape[axis] = count;
            let stride = arr.strides()[axis];
            let off = (arr.offset() as isize + stride * start as isize) as usize;
            arr.view_with(off, &shape, arr.strides(), arr.dtype().clone())
        };
        part(&out, k, len - k)?.assign(&part(&cur, 0, len - k)?)?;
        part(&out, 0, k)?.assign(&part(&cur, len - k, k)?)?;
        cur = out;
    }
    Ok(cur)
}

/// `fftfreq(n, d)` (or `rfftfreq` when `real`) as float64: the sample frequencies.
///
/// # Errors
/// `ValueError` when `n` is 0 for `fftfreq` (division by zero in NumPy too).
pub fn fftfreq(n: usize, d: f64, real: bool) -> Result<NdArray> {
    let val = 1.0 / (n as f64 * d);
    let data: Vec<f64> = if real {
        (0..n / 2 + 1).map(|i| i as f64 * val).collect()
    } else {
        let pos = n.div_ceil(2);
        (0..pos)
            .map(|i| i as f64)
            .chain((0..n / 2).map(|i| -((n / 2 - i) as f64)))
            .map(|k| k * val)
            .collect()
    };
    let len = data.len();
    array_from(data, &[len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(x: &[Complex<f64>], forward: bool) -> Vec<Complex<f64>> {
        let n = x.len();
        let sign = if forward { -1.0 } else { 1.0 };
        (0..n)
            .map(|k| {
                x.iter()
                    .enumerate()
                    .map(|(j, v)| {
                        let ang = sign * 2.0 * std::f64::consts::PI * (j * k) as f64 / n as f64;
                        v * Complex::new(ang.cos(), ang.sin())
                    })
                    .sum()
            })
            .collect()
    }

    #[test]
    fn c2c_matches_naive_dft_along_both_axes() {
        let data: Vec<Complex<f64>> = (0..12)
            .map(|i| Complex::new(i as f64, (i * i) as f64 * 0.5))
            .collect();
        let a = NdArray::from_vec(data.clone(), &[3, 4]).unwrap();
        let f = c2c(&a, 1, 4, true, Norm::Backward)
            .unwrap()
            .to_vec::<Complex<f64>>();
        for r in 0..3 {
            let want = naive(&data[r * 4..r * 4 + 4], true);
            for k in 0..4 {
                assert!((f[r * 4 + k] - want[k]).norm() < 1e-12);
            }
        }
        let f0 = c2c(&a, 0, 5, false, Norm::Forward).unwrap();
        assert_eq!(f0.shape(), &[5, 4]);
        let f0 = f0.to_vec::<Complex<f64>>();
        for c in 0..4 {
            let mut col: Vec<Complex<f64>> = (0..3).map(|r| data[r * 4 + c]).collect();
            col.push(Complex::default());
            col.push(Complex::default());
            let want = naive(&col, false);
            for k in 0..5 {
                assert!((f0[k * 4 + c] - want[k]).norm() < 1e-12);
            }
        }
    }

    #[test]
    fn real_round_trip_and_errors() {
        let a = NdArray::from_vec((0..7).map(|i| i as f64).collect::<Vec<_>>(), &[7]).unwrap();
        let f = r2c(&a, 0, 7, Norm::Ortho).unwrap();
        assert_eq!(f.shape(), &[4]);
        let back = c2r(&f, 0, 7, Norm::Ortho).unwrap().to_vec::<f64>();
        for (i, v) in back.iter().enumerate() {
            assert!((v - i as f64).abs() < 1e-12);
        }
        let e = c2c(&a, 0, 0, true, Norm::Backward).unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid number of FFT data points (0) specified."
        );
        assert!(Norm::parse(Some("x")).is_err());
    }
}
