//! Vector and matrix norms (`norm`, `vector_norm`, `matrix_norm`) and `cond`.

use numoxide_core::element::Complex;
use numoxide_core::layout::{self, Order};
use numoxide_core::{DType, DTypeKind, Error, NdArray, Result};

use crate::dispatch_linalg;
use crate::scalar::{linalg_kind, real_kind, LinalgReal, LinalgScalar};
use crate::stack::linalg_error;

/// The `ord` argument of the norms.
#[derive(Clone, Debug, PartialEq)]
pub enum NormOrd {
    /// `ord=None`: 2-norm of vectors, Frobenius of matrices.
    Default,
    /// `'fro'` (or its alias `'f'`).
    Fro,
    /// `'nuc'`.
    Nuc,
    /// A number (`inf` and `-inf` included).
    P(f64),
    /// Any other string: rejected, but only where NumPy checks the order.
    Other(String),
}

impl NormOrd {
    /// The vector order `p`, or NumPy's error for a string order.
    ///
    /// # Errors
    /// `ValueError` ("Invalid norm order '...' for vectors") for a string order.
    pub fn vector_p(&self) -> Result<f64> {
        match self {
            NormOrd::Default => Ok(2.0),
            NormOrd::P(p) => Ok(*p),
            NormOrd::Fro => Err(Error::value("Invalid norm order 'fro' for vectors")),
            NormOrd::Nuc => Err(Error::value("Invalid norm order 'nuc' for vectors")),
            NormOrd::Other(s) => Err(Error::value(format!(
                "Invalid norm order '{s}' for vectors"
            ))),
        }
    }
}

/// Rounding to the working precision of a norm (NumPy computes each step in the
/// array's own float type; we compute in f64 and round where NumPy rounds).
fn rounder(kind: DTypeKind) -> fn(f64) -> f64 {
    match kind {
        DTypeKind::Float16 => |v| half::f16::from_f64(v).to_f64(),
        DTypeKind::Float32 | DTypeKind::Complex64 => |v| v as f32 as f64,
        _ => |v| v,
    }
}

/// `abs` of one element of an array of `kind`, held as a complex f64, with the bits NumPy's
/// `abs` ufunc gives: complex parts through its SIMD formula in the array's own precision
/// (libm's `hypot` differs from it in the last bit).
fn abs_fn(kind: DTypeKind) -> fn(&Complex<f64>) -> f64 {
    use numoxide_ops::ufunc::cmath::{cabs, numpy_fuses};
    match (kind, numpy_fuses()) {
        (DTypeKind::Complex64, true) => {
            |z| cabs::<f32, true>(Complex::new(z.re as f32, z.im as f32)) as f64
        }
        (DTypeKind::Complex64, false) => {
            |z| cabs::<f32, false>(Complex::new(z.re as f32, z.im as f32)) as f64
        }
        (DTypeKind::Complex128, true) => |z| cabs::<f64, true>(*z),
        (DTypeKind::Complex128, false) => |z| cabs::<f64, false>(*z),
        _ => |z| z.re.abs(),
    }
}

/// The real dtype a norm of `kind` is returned in.
fn norm_kind(kind: DTypeKind) -> DTypeKind {
    match kind {
        DTypeKind::Float16 => DTypeKind::Float16,
        DTypeKind::Float32 | DTypeKind::Complex64 => DTypeKind::Float32,
        _ => DTypeKind::Float64,
    }
}

/// Rows of the array's last axis as complex f64 values.
fn rows(x: &NdArray) -> (Vec<Complex<f64>>, usize) {
    let n = x.shape().last().copied().unwrap_or(1);
    (x.to_vec::<Complex<f64>>(), n)
}

fn vector_norm_row(
    v: &[Complex<f64>],
    ord: f64,
    round: fn(f64) -> f64,
    abs: fn(&Complex<f64>) -> f64,
    step: bool,
) -> Result<f64> {
    let abs = v.iter().map(|z| round(abs(z)));
    // Sums start at +0.0 (an empty sum is +0.0 in NumPy: `0 ** -1` is +inf). With `step`
    // each partial sum is rounded, as NumPy's reduction over an outer axis does; else
    // NumPy's pairwise sum with its accumulator precision (float32 for float16).
    let acc = if round(0.1) == 0.1 {
        round
    } else {
        |v: f64| v as f32 as f64
    };
    let sum = |it: &mut dyn Iterator<Item = f64>| {
        if step {
            it.fold(0.0f64, |a, b| round(a + b))
        } else {
            let vals: Vec<f64> = it.collect();
            round(pairwise_rounded(&vals, acc))
        }
    };
    Ok(if ord == f64::INFINITY {
        if v.is_empty() {
            // NumPy 2.5: `abs(x).max(..., initial=0)`.
            return Ok(0.0);
        }
        abs.fold(f64::NEG_INFINITY, |m, a| {
            if m.is_nan() {
                m
            } else if a > m || a.is_nan() {
                a
            } else {
                m
            }
        })
    } else if ord == f64::NEG_INFINITY {
        if v.is_empty() {
            return Err(Error::value(
                "zero-size array to reduction operation minimum which has no identity",
            ));
        }
        abs.fold(f64::INFINITY, |m, a| {
            if m.is_nan() {
                m
            } else if a < m || a.is_nan() {
                a
            } else {
                m
            }
        })
    } else if ord == 0.0 {
        v.iter().filter(|z| z.re != 0.0 || z.im != 0.0).count() as f64
    } else if ord == 1.0 {
        sum(&mut abs.into_iter())
    } else if ord == 2.0 {
        round(
            sum(&mut v
                .iter()
                .map(|z| round(round(z.re * z.re) + round(z.im * z.im))))
            .sqrt(),
        )
    } else {
        let s = round(sum(&mut abs.map(|a| round(a.powf(ord)))));
        round(s.powf(round(1.0 / ord)))
    })
}

/// NumPy's pairwise summation (8 accumulators below 128 elements, halving above) with
/// every add rounded by `acc`, so sums agree bit for bit.
fn pairwise_rounded(a: &[f64], acc: fn(f64) -> f64) -> f64 {
    let n = a.len();
    if n < 8 {
        a.iter().fold(0.0, |r, &v| acc(r + v))
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&a[..8]);
        let full = n - n % 8;
        for chunk in a[8..full].chunks_exact(8) {
            for (rj, &v) in r.iter_mut().zip(chunk) {
                *rj = acc(*rj + v);
            }
        }
        let lo = acc(acc(r[0] + r[1]) + acc(r[2] + r[3]));
        let hi = acc(acc(r[4] + r[5]) + acc(r[6] + r[7]));
        a[full..].iter().fold(acc(lo + hi), |r, &v| acc(r + v))
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        acc(pairwise_rounded(&a[..n2], acc) + pairwise_rounded(&a[n2..], acc))
    }
}

/// Re-insert reduced axes as length 1 (keepdims).
fn keep(out: NdArray, ndim: usize, axes: &[usize]) -> Result<NdArray> {
    let mut shape: Vec<isize> = Vec::with_capacity(ndim);
    let mut it = out.shape().iter();
    for d in 0..ndim {
        if axes.contains(&d) {
            shape.push(1);
        } else {
            shape.push(it.next().copied().unwrap_or(1) as isize);
        }
    }
    out.reshape(&shape, Order::C)
}

/// Vector norm of `x` over `axes` (flattened together).
fn vector_norm_axes(x: &NdArray, ord: f64, axes: &[usize], keepdims: bool) -> Result<NdArray> {
    let nd = x.ndim();
    // NumPy sums float16 over an outer axis one rounded add at a time.
    let step = x.kind() == DTypeKind::Float16 && axes.len() < nd && axes != [nd - 1];
    let rest: Vec<usize> = (0..nd).filter(|d| !axes.contains(d)).collect();
    let perm: Vec<isize> = rest
        .iter()
        .chain(axes.iter())
        .map(|&d| d as isize)
        .collect();
    let n: usize = axes.iter().map(|&d| x.shape()[d]).product();
    let mut shape: Vec<isize> = rest.iter().map(|&d| x.shape()[d] as isize).collect();
    shape.push(n as isize);
    let moved = x.transpose(Some(&perm))?.reshape(&shape, Order::C)?;
    let (data, _) = rows(&moved);
    let count: usize = rest.iter().map(|&d| x.shape()[d]).product();
    let mut out = Vec::with_capacity(count);
    let round = rounder(x.kind());
    let abs = abs_fn(x.kind());
    for t in 0..count {
        out.push(vector_norm_row(
            &data[t * n..(t + 1) * n],
            ord,
            round,
            abs,
            step,
        )?);
    }
    let oshape: Vec<usize> = rest.iter().map(|&d| x.shape()[d]).collect();
    let r = NdArray::from_vec(out, &oshape)?.astype(DType::new(norm_kind(x.kind())), Order::C)?;
    if keepdims {
        keep(r, nd, axes)
    } else {
        Ok(r)
    }
}

/// Matrix norm of `x` over (`row`, `col`).
fn matrix_norm_axes(
    x: &NdArray,
    ord: &NormOrd,
    row: usize,
    col: usize,
    keepdims: bool,
) -> Result<NdArray> {
    let nd = x.ndim();
    let rest: Vec<usize> = (0..nd).filter(|&d| d != row && d != col).collect();
    let perm: Vec<isize> = rest
        .iter()
        .chain([row, col].iter())
        .map(|&d| d as isize)
        .collect();
    let moved = x.transpose(Some(&perm))?;
    let (m, n) = (x.shape()[row], x.shape()[col]);
    let count: usize = rest.iter().map(|&d| x.shape()[d]).product();
    let kind = norm_kind(x.kind());
    let svd_based =
        matches!(ord, NormOrd::Nuc) || matches!(ord, &NormOrd::P(p) if p == 2.0 || p == -2.0);
    if svd_based {
        // The singular values come from `svd`, which rejects float16 first.
        linalg_kind(x.kind())?;
    }
    let mut out = Vec::with_capacity(count);
    if svd_based && (m == 0 || n == 0) {
        // NumPy 2.5 reduces the (empty) singular values with `initial=0` for 2 and
        // 'nuc'; -2 takes a minimum, which has no identity.
        if matches!(ord, &NormOrd::P(p) if p == -2.0) {
            return Err(Error::value(
                "zero-size array to reduction operation minimum which has no identity",
            ));
        }
        out.resize(count, 0.0);
    }
    if svd_based && m > 0 && n > 0 {
        let s = crate::decomp::svd(&moved, false, false, false)?.s;
        let k = m.min(n);
        let sv = s.to_vec::<f64>();
        for t in 0..count {
            let s = &sv[t * k..(t + 1) * k];
            out.push(match ord {
                NormOrd::Nuc => s.iter().sum(),
                &NormOrd::P(p) if p == 2.0 => s.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                _ => s.iter().copied().fold(f64::INFINITY, f64::min),
            });
        }
    } else if !svd_based {
        let data = moved.to_vec::<Complex<f64>>();
        let abs_of = abs_fn(moved.kind());
        for t in 0..count {
            let a = &data[t * m * n..(t + 1) * m * n];
            // Sums start from +0.0 (Rust's `sum` of nothing is -0.0; NumPy's is 0.0).
            let abs = |i: usize, j: usize| abs_of(&a[i * n + j]);
            let v = match ord {
                NormOrd::Default | NormOrd::Fro | NormOrd::Other(_) => a
                    .iter()
                    .map(|z| z.re * z.re + z.im * z.im)
                    .fold(0.0, |p, q| p + q)
                    .sqrt(),
                &NormOrd::P(p) => {
                    let (outer, inner, by_cols) = if p == 1.0 || p == -1.0 {
                        (n, m, true)
                    } else {
                        (m, n, false)
                    };
                    if outer == 0 {
                        if p > 0.0 {
                            // NumPy 2.5: `.max(..., initial=0)`.
                            out.push(0.0);
                            continue;
                        }
                        return Err(Error::value(
                            "zero-size array to reduction operation minimum which has no identity",
                        ));
                    }
                    let sums = (0..outer).map(|o| {
                        (0..inner)
                            .map(|i| if by_cols { abs(i, o) } else { abs(o, i) })
                            .fold(0.0, |p, q| p + q)
                    });
                    // NumPy's max/min reductions propagate NaN.
                    let pick = |a: f64, b: f64| {
                        if a.is_nan() || b.is_nan() {
                            f64::NAN
                        } else if p > 0.0 {
                            a.max(b)
                        } else {
                            a.min(b)
                        }
                    };
                    let init = if p > 0.0 {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    };
                    sums.fold(init, pick)
                }
                NormOrd::Nuc => 0.0,
            };
            out.push(v);
        }
    }
    let oshape: Vec<usize> = rest.iter().map(|&d| x.shape()[d]).collect();
    let r = NdArray::from_vec(out, &oshape)?.astype(DType::new(kind), Order::C)?;
    if keepdims {
        keep(r, nd, &[row, col])
    } else {
        Ok(r)
    }
}

/// The matrix order, with `'f'` read as `'fro'`, or NumPy's error for an invalid one.
fn check_matrix_ord(ord: &NormOrd) -> Result<NormOrd> {
    match ord {
        NormOrd::Other(s) if s == "f" => Ok(NormOrd::Fro),
        &NormOrd::P(p) if p == 1.0 || p == -1.0 || p == 2.0 || p == -2.0 || p.is_infinite() => {
            Ok(NormOrd::P(p))
        }
        NormOrd::P(_) | NormOrd::Other(_) => Err(Error::value("Invalid norm order for matrices.")),
        o => Ok(o.clone()),
    }
}

/// `np.linalg.norm(x, ord, axis, keepdims)`.
///
/// # Errors
/// NumPy's `ValueError`s for invalid orders and dimensions, `AxisError` — in NumPy's
/// order (a string order for vectors is rejected before the axis is checked).
pub fn norm(x: &NdArray, ord: &NormOrd, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    let nd = x.ndim();
    let axes: Vec<isize> = match axis {
        None => {
            let fro = matches!(ord, NormOrd::Fro) || matches!(ord, NormOrd::Other(s) if s == "f");
            if *ord == NormOrd::Default || (fro && nd == 2) || (*ord == NormOrd::P(2.0) && nd == 1)
            {
                let all: Vec<usize> = (0..nd).collect();
                return vector_norm_axes(x, 2.0, &all, keepdims);
            }
            (0..nd as isize).collect()
        }
        Some(ax) => ax.to_vec(),
    };
    match *axes.as_slice() {
        [a] => {
            let p = ord.vector_p()?;
            let a = layout::normalize_axis(a, nd)?;
            vector_norm_axes(x, p, &[a], keepdims)
        }
        [r, c] => {
            let (r, c) = (
                layout::normalize_axis(r, nd)?,
                layout::normalize_axis(c, nd)?,
            );
            if r == c {
                return Err(Error::value("Duplicate axes given."));
            }
            let ord = check_matrix_ord(ord)?;
            matrix_norm_axes(x, &ord, r, c, keepdims)
        }
        _ => Err(Error::value("Improper number of dimensions to norm.")),
    }
}

/// `np.linalg.vector_norm(x, axis, keepdims, ord)`: `axis=None` flattens.
///
/// # Errors
/// `AxisError` (checked before the order), `ValueError` for a string order or an empty
/// max/min.
pub fn vector_norm(
    x: &NdArray,
    axis: Option<&[isize]>,
    keepdims: bool,
    ord: &NormOrd,
) -> Result<NdArray> {
    let nd = x.ndim();
    let axes: Vec<usize> = match axis {
        None => (0..nd).collect(),
        Some(ax) => layout::normalize_axes(ax, nd)?.to_vec(),
    };
    let p = ord.vector_p()?;
    let mut sorted = axes.clone();
    sorted.sort_unstable();
    vector_norm_axes(x, p, &sorted, keepdims)
}

/// `np.linalg.matrix_norm(x, keepdims, ord)` over the last two axes.
///
/// # Errors
/// `AxisError` for fewer than two dimensions, `ValueError` for an invalid order.
pub fn matrix_norm(x: &NdArray, keepdims: bool, ord: &NormOrd) -> Result<NdArray> {
    norm(x, ord, Some(&[-2, -1]), keepdims)
}

/// `np.linalg.cond(x, p)`.
///
/// For an exactly singular matrix and `p` None/2, NumPy divides by the smallest singular
/// value LAPACK's rounding leaves behind (~1e-17, giving a huge finite number such as
/// 4.8e16) while faer may find it exactly 0 (giving inf); the digits of that rounding
/// residue are not reproducible with another SVD, so only "huge or inf" is matched.
///
/// # Errors
/// The square-stack checks (for orders other than ±2/None), `ValueError` for a bad order.
pub fn cond(x: &NdArray, p: &NormOrd) -> Result<NdArray> {
    let nd = x.ndim();
    if x.size() == 0 && x.shape()[nd.saturating_sub(2)..].iter().product::<usize>() == 0 {
        return Err(crate::stack::linalg_error(
            "cond is not defined on empty arrays",
        ));
    }
    crate::stack::check_2d(x)?;
    let svd_based =
        matches!(p, NormOrd::Default) || matches!(p, NormOrd::P(v) if *v == 2.0 || *v == -2.0);
    if !svd_based {
        // NumPy checks squareness before the dtype for these orders.
        crate::stack::check_square(x)?;
    }
    let kind = linalg_kind(x.kind())?;
    let rk = real_kind(kind);
    let nd = x.ndim();
    let batch = x.shape()[..nd - 2].to_vec();
    let count: usize = batch.iter().product();
    let (m, n) = (x.shape()[nd - 2], x.shape()[nd - 1]);
    let per = m * n;
    let re: Vec<f64> = x.real().to_vec::<f64>();
    let im: Vec<f64> = if kind.is_complex() {
        x.imag()?.to_vec::<f64>()
    } else {
        Vec::new()
    };
    let has_nan = |i: usize| {
        re[i * per..(i + 1) * per].iter().any(|v| v.is_nan())
            || im
                .get(i * per..(i + 1) * per)
                .is_some_and(|s| s.iter().any(|v| v.is_nan()))
    };
    let finite = |i: usize| {
        re[i * per..(i + 1) * per].iter().all(|v| v.is_finite())
            && im
                .get(i * per..(i + 1) * per)
                .is_none_or(|s| s.iter().all(|v| v.is_finite()))
    };
    let mats = x.reshape(&[count as isize, m as isize, n as isize], Order::C)?;
    // NumPy's _cond_svdvals: the singular values, NaN for a matrix LAPACK cannot take.
    let svdvals = |a: &NdArray, i: usize, ok: bool| -> Result<Vec<f64>> {
        let k = m.min(n);
        if !ok {
            return Ok(vec![f64::NAN; k]);
        }
        let off = a.offset_of(&[i as isize, 0, 0])?;
        let one = a.view_with(off, &a.shape()[1..], &a.strides()[1..], a.dtype().clone())?;
        Ok(match crate::decomp::svd(&one, false, false, false) {
            Ok(out) => out.s.to_vec::<f64>(),
            Err(_) => vec![f64::NAN; k],
        })
    };
    let mut out: Vec<f64> = Vec::with_capacity(count);
    if svd_based {
        let k = m.min(n);
        if k == 0 {
            return Err(Error::value(
                "zero-size array to reduction operation maximum which has no identity",
            ));
        }
        for i in 0..count {
            let c = svdvals(&mats, i, finite(i))?;
            out.push(if matches!(p, NormOrd::P(v) if *v == -2.0) {
                c[k - 1] / c[0]
            } else {
                c[0] / c[k - 1]
            });
        }
    } else {
        if matches!(p, NormOrd::P(v) if !(*v == 1.0 || *v == -1.0 || v.is_infinite())) {
            return Err(Error::value("Invalid norm order for matrices."));
        }
        // NumPy inverts with errors ignored: a matrix whose LU meets an exact zero pivot
        // (LAPACK's getrf, emulated) inverts to NaNs.
        let (invx, singular) = dispatch_linalg!(kind, T => inverse_or_nan::<T>(&mats))?;
        if *p == NormOrd::Nuc {
            for i in 0..count {
                let sx: f64 = svdvals(&mats, i, finite(i))?.iter().sum();
                let si: f64 = svdvals(&invx, i, !singular[i])?.iter().sum();
                out.push(sx * si);
            }
        } else {
            let nx = norm(&mats, p, Some(&[-2, -1]), false)?.to_vec::<f64>();
            let ni = norm(&invx, p, Some(&[-2, -1]), false)?.to_vec::<f64>();
            out.extend(nx.iter().zip(&ni).map(|(a, b)| a * b));
        }
    }
    // NaN becomes inf unless the matrix itself held a NaN.
    for (i, r) in out.iter_mut().enumerate() {
        if r.is_nan() && !has_nan(i) {
            *r = f64::INFINITY;
        }
    }
    let _ = linalg_error;
    NdArray::from_vec(out, &batch)?.astype(DType::new(rk), Order::C)
}

/// `x / y` as LAPACK divides complex numbers (Smith's scaling, so `1 / 1e300` does not
/// overflow to 0 on the way); plain division for reals.
fn smith_div<T: LinalgScalar>(x: T, y: T) -> T {
    if !T::IS_COMPLEX {
        return x / y;
    }
    let (xr, xi, yr, yi) = (x.re(), x.im(), y.re(), y.im());
    if yr.fabs() >= yi.fabs() {
        let r = yi / yr;
        let d = yr + yi * r;
        T::from_parts((xr + xi * r) / d, (xi - xr * r) / d)
    } else {
        let r = yr / yi;
        let d = yi + yr * r;
        T::from_parts((xr * r + xi) / d, (xi * r - xr) / d)
    }
}

/// The inverse of every matrix of a stack `(count, n, n)` as NumPy's `_umath_linalg.inv`
/// computes it with errors ignored: LAPACK's getrf (OpenBLAS's left-looking getf2:
/// column `j` is updated by dot products with the finished columns, the pivot is the
/// first largest `|re| + |im|`, the multipliers are scaled by its reciprocal), then the
/// two triangular solves against the identity. A matrix whose elimination meets an exact
/// zero pivot gives NaNs (and `true` in the returned flags).
fn inverse_or_nan<T: LinalgScalar>(mats: &NdArray) -> Result<(NdArray, Vec<bool>)> {
    let (count, n) = (mats.shape()[0], mats.shape()[1]);
    let data = mats.to_vec::<T>();
    let mut out: Vec<T> = Vec::with_capacity(data.len());
    let mut flags = Vec::with_capacity(count);
    let abs1 = |z: T| z.re().fabs().as_f64() + z.im().fabs().as_f64();
    for c in 0..count {
        let src = &data[c * n * n..(c + 1) * n * n];
        // Column-major copy: a[i + j * n] = A[i, j].
        let mut a: Vec<T> = (0..n * n).map(|t| src[(t % n) * n + t / n]).collect();
        let mut ipiv: Vec<usize> = Vec::with_capacity(n);
        let mut singular = false;
        for j in 0..n {
            for (i, &p) in ipiv.iter().enumerate() {
                if p != i {
                    a.swap(i + j * n, p + j * n);
                }
            }
            for i in 1..j {
                let mut s = T::lzero();
                for k in 0..i {
                    s = s + a[i + k * n] * a[k + j * n];
                }
                a[i + j * n] = a[i + j * n] - s;
            }
            for i in j..n {
                let mut s = T::lzero();
                for k in 0..j {
                    s = s + a[i + k * n] * a[k + j * n];
                }
                a[i + j * n] = a[i + j * n] - s;
            }
            let mut jp = j;
            let mut best = abs1(a[j + j * n]);
            for i in j + 1..n {
                let v = abs1(a[i + j * n]);
                if v > best {
                    best = v;
                    jp = i;
                }
            }
            ipiv.push(jp);
            let pivot = a[jp + j * n];
            if pivot == T::lzero() {
                singular = true;
                break;
            }
            if jp != j {
                for k in 0..=j {
                    a.swap(j + k * n, jp + k * n);
                }
            }
            let small = T::R::of_f64(f64::MIN_POSITIVE);
            if pivot.modulus() >= small {
                let r = smith_div(T::lone(), pivot);
                for i in j + 1..n {
                    a[i + j * n] = a[i + j * n] * r;
                }
            } else {
                for i in j + 1..n {
                    a[i + j * n] = smith_div(a[i + j * n], pivot);
                }
            }
        }
        flags.push(singular);
        if singular {
            let nan = T::from_parts(T::R::of_f64(f64::NAN), T::R::of_f64(f64::NAN));
            out.extend(std::iter::repeat_n(nan, n * n));
            continue;
        }
        // X = U^-1 L^-1 P I, column by column (column-major), then stored in C order.
        let mut x = vec![T::lzero(); n * n];
        for col in 0..n {
            let b = &mut x[col * n..(col + 1) * n];
            b[col] = T::lone();
            for (i, &p) in ipiv.iter().enumerate() {
                b.swap(i, p);
            }
            for k in 0..n {
                let bk = b[k];
                if bk != T::lzero() {
                    for i in k + 1..n {
                        b[i] = b[i] - bk * a[i + k * n];
                    }
                }
            }
            for k in (0..n).rev() {
                if b[k] != T::lzero() {
                    b[k] = smith_div(b[k], a[k + k * n]);
                    let bk = b[k];
                    for i in 0..k {
                        b[i] = b[i] - bk * a[i + k * n];
                    }
                }
            }
        }
        for i in 0..n {
            for j in 0..n {
                out.push(x[i + j * n]);
            }
        }
    }
    Ok((NdArray::from_vec(out, mats.shape())?, flags))
}
