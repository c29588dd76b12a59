//! `average` (weighted mean), built from the same ufunc calls as NumPy's
//! implementation, so results are bit-identical.

use numoxide_core::cast::promote_kinds;
use numoxide_core::{DType, DTypeKind, Error, ErrorKind, NdArray, Order, Result};

use crate::reductions::{self, Notes, ReduceArgs};
use crate::ufunc::{CallOptions, Input};

fn call(
    name: &'static str,
    inputs: &[Input],
    opts: &CallOptions,
    notes: &mut Notes,
) -> Result<NdArray> {
    crate::elementwise::call(name, inputs, opts, &mut notes.flags)
}

/// `average(a, axis, weights, returned, keepdims)`: (average, sum of weights when
/// `returned`).
///
/// # Errors
/// NumPy's TypeError/ValueError for mismatched weights, ZeroDivisionError when the
/// weights sum to zero, AxisError for bad axes.
pub fn average(
    a: &NdArray,
    axes: Option<&[isize]>,
    weights: Option<&NdArray>,
    returned: bool,
    keepdims: bool,
    notes: &mut Notes,
) -> Result<(NdArray, Option<NdArray>)> {
    let norm: Option<Vec<usize>> = match axes {
        None => None,
        Some(v) => Some(
            numoxide_core::layout::normalize_axes(v, a.ndim())?
                .into_iter()
                .collect(),
        ),
    };
    let iaxes: Option<Vec<isize>> = norm
        .as_ref()
        .map(|v| v.iter().map(|&d| d as isize).collect());
    let (avg, scl) = match weights {
        None => {
            let args = ReduceArgs {
                axes: iaxes.clone(),
                keepdims,
                ..Default::default()
            };
            let avg = reductions::mean(a, &args, notes)?;
            if avg.size() == 0 {
                // NumPy computes the scale as the Python division `a.size / avg.size`.
                return Err(Error::new(ErrorKind::ZeroDivision, "division by zero"));
            }
            let ratio = a.size() as f64 / avg.size() as f64;
            let scl = NdArray::from_vec(vec![ratio], &[])?.astype(avg.dtype().clone(), Order::C)?;
            (avg, scl)
        }
        Some(w) => {
            let wgt = super::weights_valid(w, a, norm.as_deref())?;
            let ak = a.kind();
            let rk = if ak.is_integer() || ak == DTypeKind::Bool {
                promote_kinds(promote_kinds(ak, wgt.kind()), DTypeKind::Float64)
            } else {
                promote_kinds(ak, wgt.kind())
            };
            let args = ReduceArgs {
                axes: iaxes.clone(),
                keepdims,
                dtype: Some(DType::new(rk)),
                ..Default::default()
            };
            let scl = reductions::reduce_with("add", &wgt, &args, notes)?;
            if scl
                .to_vec::<numoxide_core::element::Complex128>()
                .iter()
                .any(|c| c.re == 0.0 && c.im == 0.0)
            {
                return Err(Error::new(
                    ErrorKind::ZeroDivision,
                    "Weights sum to zero, can't be normalized",
                ));
            }
            let prod = call(
                "multiply",
                &[Input::Array(a.clone()), Input::Array(wgt.clone())],
                &CallOptions {
                    dtype: Some(DType::new(rk)),
                    ..Default::default()
                },
                notes,
            )?;
            let sargs = ReduceArgs {
                axes: iaxes.clone(),
                keepdims,
                ..Default::default()
            };
            let tot = reductions::reduce_with("add", &prod, &sargs, notes)?;
            let avg = call(
                "divide",
                &[Input::Array(tot), Input::Array(scl.clone())],
                &CallOptions::default(),
                notes,
            )?;
            (avg, scl)
        }
    };
    if !returned {
        return Ok((avg, None));
    }
    let scl = if scl.shape() != avg.shape() {
        scl.broadcast_to(avg.shape())?.copy(Order::C)?
    } else {
        scl
    };
    Ok((avg, Some(scl)))
}

// ----- correlate / convolve ---------------------------------------------------------------

/// The `mode=` of `correlate`/`convolve`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Only full overlaps.
    Valid,
    /// The length of the longer input.
    Same,
    /// Every partial overlap.
    Full,
}

impl Mode {
    /// How many partial overlaps this mode keeps on the left and on the right of the full
    /// ones, for a kernel of length `n`.
    fn overlaps(self, n: usize) -> (usize, usize) {
        match self {
            Mode::Valid => (0, 0),
            Mode::Same => (n / 2, n - n / 2 - 1),
            Mode::Full => (n - 1, n - 1),
        }
    }

    /// Parse NumPy's spellings ('valid'/'v'/0, 'same'/'s'/1, 'full'/'f'/2).
    pub fn parse(s: &str) -> Result<Mode> {
        match s {
            "valid" | "v" | "0" => Ok(Mode::Valid),
            "same" | "s" | "1" => Ok(Mode::Same),
            "full" | "f" | "2" => Ok(Mode::Full),
            _ => Err(Error::value(format!(
                "mode must be one of 'valid', 'same', or 'full' (got '{s}')"
            ))),
        }
    }
}

/// The elements of `a` in C order as `T`: one engine cast to a contiguous native array
/// of `T`'s dtype, then a plain copy.
fn vec_via<T: numoxide_core::element::Element + numoxide_core::cast::CastFrom>(
    a: &NdArray,
) -> Result<Vec<T>> {
    let held = a.astype(DType::new(T::KIND), Order::C)?;
    let n = held.size();
    if n == 0 || !held.dtype().is_native() || !held.is_aligned() {
        return Ok(held.to_vec());
    }
    // SAFETY: `held` is a native, aligned, C-contiguous array of `n` elements of `T`'s
    // dtype, alive for the borrow.
    Ok(unsafe { std::slice::from_raw_parts(held.data_ptr() as *const T, n) }.to_vec())
}

/// Element arithmetic for the sliding dot products.
trait Dot: Copy + numoxide_core::scalar::ScalarElement {
    fn zero() -> Self;
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
    /// The sum of the products of `x` and `y` (element by element, left to right unless
    /// the type sums in lanes as BLAS does).
    fn dot(x: &[Self], y: &[Self]) -> Self {
        x.iter()
            .zip(y)
            .fold(Self::zero(), |acc, (&p, &q)| Self::mul_add(acc, p, q))
    }
}

/// A dot product summed in eight lanes (vectorizes), as BLAS's `ddot`/`sdot` sum in
/// several partial sums rather than left to right.
macro_rules! lane_dot {
    ($x:expr, $y:expr, $t:ty) => {{
        let (x, y): (&[$t], &[$t]) = ($x, $y);
        let n = x.len().min(y.len());
        let (x, y) = (&x[..n], &y[..n]);
        let mut acc = [0.0 as $t; 8];
        let mut xc = x.chunks_exact(8);
        let mut yc = y.chunks_exact(8);
        for (a, b) in (&mut xc).zip(&mut yc) {
            for k in 0..8 {
                acc[k] += a[k] * b[k];
            }
        }
        let mut tail = 0.0 as $t;
        for (&a, &b) in xc.remainder().iter().zip(yc.remainder()) {
            tail += a * b;
        }
        ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
    }};
}

/// [`Dot::dot`] for `f64` in lanes (also the real kernel of `cov`).
#[inline(always)]
fn dot_f64(x: &[f64], y: &[f64]) -> f64 {
    lane_dot!(x, y, f64)
}
macro_rules! dot_int {
    ($($t:ty),*) => {$(
        impl Dot for $t {
            fn zero() -> Self { 0 }
            fn mul_add(acc: Self, a: Self, b: Self) -> Self { acc.wrapping_add(a.wrapping_mul(b)) }
        }
    )*};
}
dot_int!(i8, u8, i16, u16, i32, u32, i64, u64);
impl Dot for bool {
    fn zero() -> Self {
        false
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc || (a && b)
    }
}
impl Dot for f32 {
    fn zero() -> Self {
        0.0
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc + a * b
    }
    fn dot(x: &[Self], y: &[Self]) -> Self {
        lane_dot!(x, y, f32)
    }
}
impl Dot for numoxide_core::element::f16 {
    fn zero() -> Self {
        numoxide_core::element::f16::from_f32(0.0)
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        numoxide_core::element::f16::from_f32(acc.to_f32() + a.to_f32() * b.to_f32())
    }
}
impl Dot for f64 {
    fn zero() -> Self {
        0.0
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc + a * b
    }
    #[inline(always)]
    fn dot(x: &[Self], y: &[Self]) -> Self {
        dot_f64(x, y)
    }
}
impl Dot for numoxide_core::element::Complex128 {
    fn zero() -> Self {
        numoxide_core::element::Complex128::new(0.0, 0.0)
    }
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc + a * b
    }
}

/// NumPy's `_pyarray_correlate` for `a` at least as long as `v`: one dot product per
/// output, partial overlaps on the left and right as `mode` asks.
#[inline(always)]
fn slide<T: Dot>(a: &[T], v: &[T], mode: Mode) -> Vec<T> {
    let (n1, n) = (a.len(), v.len());
    let (n_left, n_right) = mode.overlaps(n);
    let mut out = Vec::with_capacity(n1 - n + 1 + n_left + n_right);
    let dot = |x: &[T], y: &[T]| T::dot(x, y);
    for i in (1..=n_left).rev() {
        out.push(dot(&a[..n - i], &v[i..]));
    }
    for i in 0..(n1 - n + 1) {
        out.push(dot(&a[i..i + n], v));
    }
    let start = n1 - n + 1;
    for (k, i) in ((n - n_right)..n).rev().enumerate() {
        out.push(dot(&a[start + k..start + k + i], &v[..i]));
    }
    out
}

/// [`slide`] for float64 with a finite `v`: every output (partial overlaps included) as
/// a full overlap of `a` padded with zeros, `W` neighbouring outputs at a time. Each
/// `v[t]` multiplies `W` consecutive values of the padded `a`, so one broadcast feeds `W`
/// products and the `W` running sums stay in registers. A padded zero adds an exact zero
/// (`v` is finite), so each output is the sum of the same products as NumPy's dot, taken
/// in order of `t`; with `FMA` each step is one fused multiply-add, as BLAS's kernels do.
#[inline(always)]
fn slide_f64_padded<const W: usize, const FMA: bool>(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    let (n1, n) = (a.len(), v.len());
    let (n_left, n_right) = mode.overlaps(n);
    let count = n1 - n + 1 + n_left + n_right;
    let blocks = count.div_ceil(W);
    // Room for `blocks * W` full overlaps; outputs past `count` are computed and dropped.
    let mut padded = vec![0.0f64; blocks * W + n - 1];
    padded[n_left..n_left + n1].copy_from_slice(a);
    let mut out = vec![0.0f64; blocks * W];
    for (b, chunk) in out.chunks_exact_mut(W).enumerate() {
        let mut acc = [0.0f64; W];
        for (t, &vt) in v.iter().enumerate() {
            let start = b * W + t;
            if let Some(w) = padded.get(start..start + W) {
                for (s, &x) in acc.iter_mut().zip(w) {
                    *s = if FMA { x.mul_add(vt, *s) } else { *s + x * vt };
                }
            }
        }
        chunk.copy_from_slice(&acc);
    }
    out.truncate(count);
    out
}

/// [`slide_f64_padded`] with eight AVX-512 registers of running sums and fused
/// multiply-adds.
///
/// # Safety
/// The CPU must support AVX-512F and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,fma")]
unsafe fn slide_f64_avx512(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    slide_f64_padded::<64, true>(a, v, mode)
}

/// [`slide_f64_padded`] with eight AVX2 registers of running sums and fused multiply-adds.
///
/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn slide_f64_avx2(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    slide_f64_padded::<32, true>(a, v, mode)
}

/// [`slide`] of float64 data with the widest vectors the CPU has. A non-finite `v` takes
/// the plain path: padding zeros times an infinity would add NaNs NumPy never forms.
fn slide_f64(a: &[f64], v: &[f64], mode: Mode) -> Vec<f64> {
    if !v.iter().all(|x| x.is_finite()) {
        return slide(a, v, mode);
    }
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: AVX-512F and FMA support were just checked.
            return unsafe { slide_f64_avx512(a, v, mode) };
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: AVX2 and FMA support were just checked.
            return unsafe { slide_f64_avx2(a, v, mode) };
        }
    }
    slide_f64_padded::<32, false>(a, v, mode)
}

/// `correlate(a, v, mode)` (conj of `v` for complex), or `convolve` with `convolve`.
///
/// # Errors
/// ValueError for empty or non-1-D inputs.
pub fn correlate(a: &NdArray, v: &NdArray, mode: Mode, convolve: bool) -> Result<NdArray> {
    if !convolve && (a.ndim() == 0 || v.ndim() == 0) {
        // `np.correlate` hands its inputs to the compiled routine as they are.
        return Err(Error::value("object of too small depth for desired array"));
    }
    let a = if a.ndim() == 0 {
        a.reshape(&[1], Order::C)?
    } else {
        a.clone()
    };
    let v = if v.ndim() == 0 {
        v.reshape(&[1], Order::C)?
    } else {
        v.clone()
    };
    if a.ndim() != 1 || v.ndim() != 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    if a.size() == 0 {
        return Err(Error::value("a cannot be empty"));
    }
    if v.size() == 0 {
        return Err(Error::value("v cannot be empty"));
    }
    let rk = promote_kinds(a.kind(), v.kind());
    let rt = DType::new(rk);
    let (mut x, mut y) = (a, v);
    let mut swapped = false;
    if convolve {
        if y.size() > x.size() {
            std::mem::swap(&mut x, &mut y);
        }
        y = y.index(&[numoxide_core::IndexItem::Slice(None, None, Some(-1))])?;
    } else {
        if rk.is_complex() {
            y = crate::elementwise::call(
                "conjugate",
                &[Input::Array(y)],
                &CallOptions::default(),
                &mut Vec::new(),
            )?;
        }
        if y.size() > x.size() {
            std::mem::swap(&mut x, &mut y);
            swapped = true;
        }
    }
    let out = if rk.is_complex() {
        let (p, q): (
            Vec<numoxide_core::element::Complex128>,
            Vec<numoxide_core::element::Complex128>,
        ) = (vec_via(&x)?, vec_via(&y)?);
        let r = slide(&p, &q, mode);
        let len = r.len();
        NdArray::from_vec(r, &[len])?.astype(rt, Order::C)?
    } else if rk.is_inexact() {
        let (p, q): (Vec<f64>, Vec<f64>) = (vec_via(&x)?, vec_via(&y)?);
        let r = slide_f64(&p, &q, mode);
        let len = r.len();
        NdArray::from_vec(r, &[len])?.astype(rt, Order::C)?
    } else {
        super::real_dispatch!(rk, T => {
            let (p, q): (Vec<T>, Vec<T>) = (vec_via(&x)?, vec_via(&y)?);
            let r = slide::<T>(&p, &q, mode);
            let len = r.len();
            NdArray::from_vec(r, &[len])?
        }, _ => return Err(Error::type_error("unsupported dtype")))
    };
    if swapped {
        // NumPy computes correlate(v, a) and reverses it.
        return out
            .index(&[numoxide_core::IndexItem::Slice(None, None, Some(-1))])?
            .copy(Order::C);
    }
    Ok(out)
}

// ----- cov / corrcoef -----------------------------------------------------------------------

type C128 = numoxide_core::element::Complex128;

/// Rows of observations as `T` (complex128 for complex data, float64 for real), with
/// the variables along rows as NumPy's `cov` arranges them.
fn cov_rows<T: numoxide_core::element::Element + numoxide_core::cast::CastFrom>(
    m: &NdArray,
    rowvar: bool,
) -> Result<(Vec<Vec<T>>, usize)> {
    let x = match m.ndim() {
        0 | 1 => m.reshape(&[1, -1], Order::C)?,
        2 => m.clone(),
        _ => return Err(Error::value("m has more than 2 dimensions")),
    };
    let x = if !rowvar && x.shape()[0] != 1 {
        x.transpose(None)?
    } else {
        x
    };
    let (r, c) = (x.shape()[0], x.shape()[1]);
    // Rows read in place when already contiguous in `T`, else one engine cast.
    let held = if x.kind() == T::KIND && x.dtype().is_native() && x.is_c_contiguous() {
        x
    } else {
        x.astype(DType::new(T::KIND), Order::C)?
    };
    if r * c == 0 || !held.dtype().is_native() || !held.is_aligned() {
        let v: Vec<T> = held.to_vec();
        return Ok(((0..r).map(|i| v[i * c..(i + 1) * c].to_vec()).collect(), c));
    }
    // SAFETY: `held` is native, aligned and C-contiguous with `r * c` elements of `T`,
    // alive for the borrow (only read).
    let v = unsafe { std::slice::from_raw_parts(held.data_ptr() as *const T, r * c) };
    Ok(((0..r).map(|i| v[i * c..(i + 1) * c].to_vec()).collect(), c))
}

/// The symmetric `k x k` matrix `c[i][j] = dot(x[i], y[j]) * inv` of two row-major
/// `k x n` matrices, as NumPy's `dot(X, X_T) * (1 / fact)`, as a fresh float64 array of
/// `shape` (`[k, k]`, or `[]` when `k == 1`): the product through faer's blocked matrix
/// multiply (upper triangle only, single-threaded, so results never depend on the
/// thread count), then scaled, the lower triangle mirrored from the upper one.
fn gram(x: &[f64], y: &[f64], k: usize, n: usize, inv: f64, shape: &[usize]) -> Result<NdArray> {
    // SAFETY: every element is written below before anything reads it: the product
    // (or the zero fill) writes the upper triangle, the mirror the rest.
    let out = unsafe { NdArray::uninit(shape, DType::FLOAT64, Order::C)? };
    if k == 0 {
        return Ok(out);
    }
    // SAFETY: `out` is fresh, C-contiguous, aligned float64 with `k * k` elements, and
    // only this slice touches it until it is returned.
    let c = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut f64, k * k) };
    if n == 0 {
        c.fill(0.0);
    } else {
        let lhs = faer::MatRef::from_row_major_slice(x, k, n);
        let rhs = faer::MatRef::from_row_major_slice(y, k, n).transpose();
        let dst = faer::MatMut::from_row_major_slice_mut(c, k, k);
        // Only the upper triangle (with the diagonal) is formed, as BLAS's syrk does.
        use faer::linalg::matmul::triangular::{matmul, BlockStructure};
        matmul(
            dst,
            BlockStructure::TriangularUpper,
            faer::Accum::Replace,
            lhs,
            BlockStructure::Rectangular,
            rhs,
            BlockStructure::Rectangular,
            1.0,
            faer::Par::Seq,
        );
    }
    // Scale the upper triangle's rows in place, then mirror it in 32 x 32 tiles: row
    // `j` of a lower tile takes column `j` of the upper tile across the diagonal, which
    // lies in earlier rows (a disjoint part of the slice), so the column reads of the
    // tile stay in cache.
    const TILE: usize = 32;
    for i in 0..k {
        for v in &mut c[i * k + i..(i + 1) * k] {
            *v *= inv;
        }
    }
    for bj in (0..k).step_by(TILE) {
        let (upper, lower) = c.split_at_mut(bj * k);
        for bi in (0..bj).step_by(TILE) {
            for j in bj..(bj + TILE).min(k) {
                let row = &mut lower[(j - bj) * k + bi..(j - bj) * k + bi + TILE];
                for (ii, v) in row.iter_mut().enumerate() {
                    *v = upper[(bi + ii) * k + j];
                }
            }
        }
        // The diagonal tile mirrors within itself.
        for j in bj..(bj + TILE).min(k) {
            for i in bj..j {
                lower[(j - bj) * k + i] = lower[(i - bj) * k + j];
            }
        }
    }
    Ok(out)
}

/// `cov(m, y, rowvar, bias, ddof, fweights, aweights, dtype)`.
///
/// # Errors
/// NumPy's ValueError/TypeError texts for bad shapes and weights.
#[allow(clippy::too_many_arguments)]
pub fn cov(
    m: &NdArray,
    y: Option<&NdArray>,
    rowvar: bool,
    bias: bool,
    ddof: Option<i64>,
    fweights: Option<&NdArray>,
    aweights: Option<&NdArray>,
    dtype: Option<DType>,
    notes: &mut Notes,
) -> Result<NdArray> {
    let mut rk = promote_kinds(m.kind(), DTypeKind::Float64);
    if let Some(y) = y {
        rk = promote_kinds(rk, y.kind());
    }
    let rt = dtype.unwrap_or(DType::new(rk));
    if m.ndim() > 2 {
        return Err(Error::value("m has more than 2 dimensions"));
    }
    // Real data (and a real result) is read as float64 rows, never as complex.
    let real = !m.kind().is_complex()
        && y.is_none_or(|y| !y.kind().is_complex())
        && !rt.kind().is_complex();
    let (mut rows_r, mut rows, n) = if real {
        let (r, n) = cov_rows::<f64>(m, rowvar)?;
        (r, Vec::new(), n)
    } else {
        let (r, n) = cov_rows::<C128>(m, rowvar)?;
        (Vec::new(), r, n)
    };
    let nrows = rows_r.len() + rows.len();
    if nrows == 0 || (m.ndim() == 2 && m.shape()[if rowvar { 0 } else { 1 }] == 0 && nrows != 1) {
        return NdArray::from_vec(Vec::<f64>::new(), &[0, 0])?.astype(rt, Order::C);
    }
    if let Some(y) = y {
        if y.ndim() > 2 {
            return Err(Error::value("y has more than 2 dimensions"));
        }
        let yn = if real {
            let (yr, yn) = cov_rows::<f64>(y, rowvar)?;
            rows_r.extend(yr);
            yn
        } else {
            let (yr, yn) = cov_rows::<C128>(y, rowvar)?;
            rows.extend(yr);
            yn
        };
        if yn != n {
            return Err(Error::value("all the input array dimensions except for the concatenation axis must match exactly"));
        }
    }
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 }) as f64;
    let mut w: Option<Vec<f64>> = None;
    let check_w = |a: &NdArray, name: &str, int: bool| -> Result<Vec<f64>> {
        if int && !(a.kind().is_integer() || a.kind() == DTypeKind::Bool) {
            let vals: Vec<f64> = a.to_vec();
            if vals.iter().any(|v| v.fract() != 0.0) {
                return Err(Error::type_error("fweights must be integer"));
            }
        }
        if a.ndim() > 1 {
            return Err(Error::new(
                ErrorKind::Runtime,
                format!("cannot handle multidimensional {name}"),
            ));
        }
        if a.size() != n {
            return Err(Error::new(
                ErrorKind::Runtime,
                format!("incompatible numbers of samples and {name}"),
            ));
        }
        let vals: Vec<f64> = a.to_vec();
        if vals.iter().any(|&v| v < 0.0) {
            return Err(Error::value(format!("{name} cannot be negative")));
        }
        Ok(vals)
    };
    if let Some(f) = fweights {
        w = Some(check_w(f, "fweights", true)?);
    }
    let aw = match aweights {
        Some(a) => Some(check_w(a, "aweights", false)?),
        None => None,
    };
    if let Some(a) = &aw {
        w = Some(match w {
            None => a.clone(),
            Some(f) => f.iter().zip(a).map(|(x, y)| x * y).collect(),
        });
    }
    let w_sum: f64 = match &w {
        None => n as f64,
        Some(w) => w.iter().sum(),
    };
    let fact = match (&w, &aw) {
        (None, _) => n as f64 - ddof,
        (Some(_), _) if ddof == 0.0 => w_sum,
        (Some(_), None) => w_sum - ddof,
        (Some(w), Some(a)) => {
            w_sum - ddof * w.iter().zip(a).map(|(x, y)| x * y).sum::<f64>() / w_sum
        }
    };
    let fact = if fact <= 0.0 {
        notes.warnings.push("Degrees of freedom <= 0 for slice");
        0.0
    } else {
        fact
    };
    let inv = 1.0 / fact;
    if fact == 0.0 {
        notes.flags.push((
            "divide",
            crate::ufunc::FpFlags(crate::ufunc::FpFlags::DIVIDE),
        ));
    }
    if !real && rows.iter().all(|r| r.iter().all(|v| v.im == 0.0)) && !rt.kind().is_complex() {
        rows_r = rows
            .iter()
            .map(|r| r.iter().map(|v| v.re).collect())
            .collect();
    }
    if !rows_r.is_empty() {
        // Real data: each row centered once into one row-major matrix and (with weights)
        // scaled once, the products by a blocked matrix multiply.
        let k = rows_r.len();
        let mut centered = Vec::with_capacity(k * n);
        for r in &rows_r {
            let mean = match &w {
                None => r.iter().sum::<f64>() / n as f64,
                Some(w) => r.iter().zip(w).map(|(b, c)| b * c).sum::<f64>() / w_sum,
            };
            centered.extend(r.iter().map(|v| v - mean));
        }
        drop(rows_r);
        let scaled: Option<Vec<f64>> = w.as_ref().map(|w| {
            centered
                .chunks(n.max(1))
                .flat_map(|r| r.iter().zip(w).map(|(a, b)| a * b))
                .collect()
        });
        let others: &[f64] = scaled.as_deref().unwrap_or(&centered);
        let shape: Vec<usize> = if k == 1 { vec![] } else { vec![k, k] };
        let out = gram(&centered, others, k, n, inv, &shape)?;
        if fact == 0.0 && out.to_vec::<f64>().iter().any(|v| v.is_nan()) {
            notes.flags.push((
                "multiply",
                crate::ufunc::FpFlags(crate::ufunc::FpFlags::INVALID),
            ));
        }
        if rt.kind() == DTypeKind::Float64 && rt.is_native() {
            return Ok(out);
        }
        return out.astype(rt, Order::C);
    }
    let centered: Vec<Vec<C128>> = rows
        .iter()
        .map(|r| {
            let mean = match &w {
                None => r.iter().fold(C128::new(0.0, 0.0), |a, &b| a + b) / n as f64,
                Some(w) => {
                    r.iter()
                        .zip(w)
                        .fold(C128::new(0.0, 0.0), |a, (&b, &c)| a + b * c)
                        / w_sum
                }
            };
            r.iter().map(|&v| v - mean).collect()
        })
        .collect();
    let k = centered.len();
    let mut c = Vec::with_capacity(k * k);
    for i in 0..k {
        for j in 0..k {
            let mut s = C128::new(0.0, 0.0);
            for t in 0..n {
                let wt = w.as_ref().map_or(1.0, |w| w[t]);
                s += centered[i][t] * (centered[j][t] * wt).conj();
            }
            c.push(s * inv);
        }
    }
    if fact == 0.0 && c.iter().any(|v: &C128| v.re.is_nan() || v.im.is_nan()) {
        notes.flags.push((
            "multiply",
            crate::ufunc::FpFlags(crate::ufunc::FpFlags::INVALID),
        ));
    }
    let shape: Vec<usize> = if k == 1 { vec![] } else { vec![k, k] };
    let arr = NdArray::from_vec(c, &shape)?;
    if rt.kind().is_complex() {
        arr.astype(rt, Order::C)
    } else {
        arr.real().astype(rt, Order::C)
    }
}

/// `corrcoef(x, y, rowvar, dtype)`: the covariance normalized by the standard
/// deviations, real parts clipped to [-1, 1].
///
/// # Errors
/// As `cov`.
pub fn corrcoef(
    x: &NdArray,
    y: Option<&NdArray>,
    rowvar: bool,
    dtype: Option<DType>,
    notes: &mut Notes,
) -> Result<NdArray> {
    let c = cov(x, y, rowvar, false, None, None, None, dtype, notes)?;
    if c.ndim() == 0 {
        let v = c.clone();
        return call(
            "divide",
            &[Input::Array(c), Input::Array(v)],
            &CallOptions::default(),
            notes,
        );
    }
    let k = c.shape()[0];
    let vals: Vec<C128> = c.to_vec();
    let sd: Vec<f64> = (0..k).map(|i| vals[i * k + i].re.sqrt()).collect();
    let mut out = Vec::with_capacity(k * k);
    for i in 0..k {
        for j in 0..k {
            let mut v = vals[i * k + j] / sd[i] / sd[j];
            v.re = v.re.clamp(-1.0, 1.0);
            if c.kind().is_complex() {
                v.im = v.im.clamp(-1.0, 1.0);
            }
            out.push(v);
        }
    }
    let arr = NdArray::from_vec(out, &[k, k])?;
    if c.kind().is_complex() {
        arr.astype(c.dtype().clone(), Order::C)
    } else {
        arr.real().astype(c.dtype().clone(), Order::C)
    }
}
