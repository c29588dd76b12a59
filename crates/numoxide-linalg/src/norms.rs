//! Vector and matrix norms (`norm`, `vector_norm`, `matrix_norm`) and `cond`.

use numoxide_core::element::Complex;
use numoxide_core::layout::{self, Order};
use numoxide_core::{DType, DTypeKind, Error, NdArray, Result};

use crate::scalar::{linalg_kind, real_kind};
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

fn vector_norm_row(v: &[Complex<f64>], ord: f64, round: fn(f64) -> f64, step: bool) -> Result<f64> {
    let abs = v.iter().map(|z| round(z.re.hypot(z.im)));
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
    for t in 0..count {
        out.push(vector_norm_row(
            &data[t * n..(t + 1) * n],
            ord,
            round,
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
        for t in 0..count {
            let a = &data[t * m * n..(t + 1) * m * n];
            let abs = |i: usize, j: usize| a[i * n + j].re.hypot(a[i * n + j].im);
            let v = match ord {
                NormOrd::Default | NormOrd::Fro | NormOrd::Other(_) => a
                    .iter()
                    .map(|z| z.re * z.re + z.im * z.im)
                    .sum::<f64>()
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
                            .sum::<f64>()
                    });
                    if p > 0.0 {
                        sums.fold(f64::NEG_INFINITY, f64::max)
                    } else {
                        sums.fold(f64::INFINITY, f64::min)
                    }
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
    if svd_based {
        let s = crate::decomp::svd(x, false, false, false)?.s;
        let k = x.shape()[nd - 2].min(x.shape()[nd - 1]);
        if k == 0 {
            return Err(Error::value(
                "zero-size array to reduction operation maximum which has no identity",
            ));
        }
        let sv = s.to_vec::<f64>();
        let out: Vec<f64> = sv
            .chunks_exact(k)
            .map(|c| {
                if matches!(p, NormOrd::P(v) if *v == -2.0) {
                    c[k - 1] / c[0]
                } else {
                    c[0] / c[k - 1]
                }
            })
            .map(|r| {
                if r.is_nan() && c_has_no_nan(&sv) {
                    f64::INFINITY
                } else {
                    r
                }
            })
            .collect();
        return NdArray::from_vec(out, &batch)?.astype(DType::new(rk), Order::C);
    }
    if matches!(p, NormOrd::P(v) if !(*v == 1.0 || *v == -1.0 || v.is_infinite())) {
        return Err(Error::value("Invalid norm order for matrices."));
    }
    let nx = norm(x, p, Some(&[-2, -1]), false)?.to_vec::<f64>();
    let ni = match crate::decomp::inv(x) {
        Ok(i) => norm(&i, p, Some(&[-2, -1]), false)?.to_vec::<f64>(),
        Err(e)
            if e.kind() == numoxide_core::ErrorKind::LinAlg && e.message() == "Singular matrix" =>
        {
            vec![f64::INFINITY; nx.len()]
        }
        Err(e) => return Err(e),
    };
    let out: Vec<f64> = nx
        .iter()
        .zip(&ni)
        .map(|(a, b)| {
            if (a * b).is_nan() {
                f64::INFINITY
            } else {
                a * b
            }
        })
        .collect();
    let _ = linalg_error;
    NdArray::from_vec(out, &batch)?.astype(DType::new(rk), Order::C)
}

fn c_has_no_nan(v: &[f64]) -> bool {
    !v.iter().any(|x| x.is_nan())
}
