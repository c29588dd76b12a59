//! Counting and histograms: `bincount`, `digitize`, `histogram`, `histogram_bin_edges`,
//! `histogram2d`/`histogramdd`.
//!
//! `histogram` with equal-width bins makes one pass: NumPy's index estimate
//! `((x - first) / (last - first)) * n`, then NumPy's exact corrections against the
//! edges (a value on the last edge lands in the last bin), so counts match NumPy's
//! exactly. Explicit edges are found by binary search, one pass, no sort. Weighted sums
//! follow NumPy's 65536-element blocks.

use std::cmp::Ordering;

use numoxide_core::{DType, DTypeKind, Error, NdArray, Order, Result};

use super::quantile::{self, QuantileArgs};
use crate::reductions::{self, Notes, ReduceArgs};

/// NumPy's block length for histogram accumulation.
const BLOCK: usize = 65536;

/// Round `v` to float kind `k` (identity for float64 and non-floats).
fn rd(k: DTypeKind, v: f64) -> f64 {
    match k {
        DTypeKind::Float16 => half::f16::from_f64(v).to_f64(),
        DTypeKind::Float32 => v as f32 as f64,
        _ => v,
    }
}

// ----- bincount / digitize ------------------------------------------------------------

/// `bincount(x, weights, minlength)`: occurrences (or summed weights, float64) of each
/// non-negative integer in the 1-D `x`.
///
/// # Errors
/// ValueError for negative values, bad depth, negative minlength or mismatched
/// weights; TypeError when `x` cannot be cast safely to int64.
pub fn bincount(x: &NdArray, weights: Option<&NdArray>, minlength: i64) -> Result<NdArray> {
    if x.ndim() > 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    if x.ndim() == 0 {
        return Err(Error::value("object of too small depth for desired array"));
    }
    if minlength < 0 {
        return Err(Error::value("'minlength' must not be negative"));
    }
    let k = x.kind();
    let castable =
        k == DTypeKind::Bool || k.is_integer() || x.size() == 0 && k == DTypeKind::Float64;
    if !castable {
        return Err(Error::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            x.dtype().name()
        )));
    }
    super::with_slice::<i64, _>(x, |xs| bincount_slice(xs, weights, minlength))
}

fn bincount_slice(xs: &[i64], weights: Option<&NdArray>, minlength: i64) -> Result<NdArray> {
    let (mut mn, mut mx) = (0i64, -1i64);
    for &v in xs {
        mn = mn.min(v);
        mx = mx.max(v);
    }
    if mn < 0 {
        return Err(Error::value(
            "'list' argument must have no negative elements",
        ));
    }
    let len = ((mx + 1) as usize).max(minlength as usize);
    if xs.is_empty() {
        // NumPy returns integer zeros for empty input, weights or not.
        return NdArray::from_vec(vec![0i64; len], &[len]);
    }
    match weights {
        None => {
            let mut counts = vec![0i64; len];
            for &v in xs {
                if let Some(c) = counts.get_mut(v as usize) {
                    *c += 1;
                }
            }
            NdArray::from_vec(counts, &[len])
        }
        Some(w) => {
            if w.kind().is_complex() {
                return Err(Error::type_error(
                    "Cannot cast array data from dtype('complex128') to dtype('float64') according to the rule 'safe'",
                ));
            }
            if w.size() != xs.len() || w.ndim() != 1 {
                return Err(Error::value(
                    "The weights and list don't have the same length.",
                ));
            }
            let sums = super::with_slice::<f64, _>(w, |ws| weighted_counts(xs, ws, len));
            NdArray::from_vec(sums, &[len])
        }
    }
}

/// Sums of `ws` by bin `xs` (every value of `xs` already known to lie in `0..len`),
/// added strictly left to right as NumPy adds them (so the sums are bit-identical).
fn weighted_counts(xs: &[i64], ws: &[f64], len: usize) -> Vec<f64> {
    let mut sums = vec![0f64; len];
    for (&v, &wt) in xs.iter().zip(ws) {
        if let Some(s) = sums.get_mut(v as usize) {
            *s += wt;
        }
    }
    sums
}

/// NumPy's order for searchsorted: NaN after everything.
fn cmp_nan_last(a: f64, b: f64) -> Ordering {
    match a.partial_cmp(&b) {
        Some(o) => o,
        None => a.is_nan().cmp(&b.is_nan()),
    }
}

/// `digitize(x, bins, right)`: the index of the bin each value falls in, for increasing
/// or decreasing `bins`.
///
/// # Errors
/// TypeError for complex `x`; ValueError when `bins` is not 1-D and monotonic.
pub fn digitize(x: &NdArray, bins: &NdArray, right: bool) -> Result<NdArray> {
    if x.kind().is_complex() {
        return Err(Error::type_error("x may not be complex"));
    }
    if bins.ndim() != 1 {
        return Err(Error::value("object too deep for desired array"));
    }
    let b: Vec<f64> = bins.to_vec::<f64>();
    let inc = b
        .windows(2)
        .all(|w| cmp_nan_last(w[0], w[1]) != Ordering::Greater);
    let dec = b
        .windows(2)
        .all(|w| cmp_nan_last(w[0], w[1]) != Ordering::Less);
    if !inc && !dec {
        return Err(Error::value(
            "bins must be monotonically increasing or decreasing",
        ));
    }
    let xs: Vec<f64> = x.to_vec::<f64>();
    let n = b.len();
    let out: Vec<i64> = if inc {
        xs.iter()
            .map(|&v| {
                // right=False: searchsorted(side='right'): count of bins <= v.
                if right {
                    b.partition_point(|&e| cmp_nan_last(e, v) == Ordering::Less) as i64
                } else {
                    b.partition_point(|&e| cmp_nan_last(e, v) != Ordering::Greater) as i64
                }
            })
            .collect()
    } else {
        let rev: Vec<f64> = b.iter().rev().copied().collect();
        xs.iter()
            .map(|&v| {
                let p = if right {
                    rev.partition_point(|&e| cmp_nan_last(e, v) == Ordering::Less)
                } else {
                    rev.partition_point(|&e| cmp_nan_last(e, v) != Ordering::Greater)
                };
                (n - p) as i64
            })
            .collect()
    };
    NdArray::from_vec(out, x.shape())
}

// ----- bin edges ------------------------------------------------------------------------

/// The `bins=` argument of the histograms.
#[derive(Clone, Debug)]
pub enum Bins {
    /// A number of equal-width bins.
    Count(i64),
    /// The edges themselves (1-D, non-decreasing).
    Edges(NdArray),
    /// An estimator name: 'auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges',
    /// 'sqrt'.
    Estimator(String),
}

const ESTIMATORS: [&str; 8] = [
    "stone", "auto", "doane", "fd", "rice", "scott", "sqrt", "sturges",
];

/// Bin edges and, for equal bins, (first, last, count).
pub struct Edges {
    /// The edges array (returned to the user).
    pub edges: NdArray,
    /// The edges as f64 values (exact values of the edges' dtype).
    values: Vec<f64>,
    /// Equal-width bins: first edge, last edge, number of bins.
    uniform: Option<(f64, f64, usize)>,
}

/// The data of a histogram: raveled values (bool becomes uint8, with NumPy's warning).
fn prepare(a: &NdArray, notes: &mut Notes) -> Result<NdArray> {
    let a = if a.kind() == DTypeKind::Bool {
        notes
            .warnings
            .push("Converting input from bool to <class 'numpy.uint8'> for compatibility.");
        a.astype(DType::new(DTypeKind::UInt8), Order::C)?
    } else {
        a.clone()
    };
    a.reshape(&[-1], Order::C)
}

/// `_get_outer_edges`: the range, or the data's min/max, widened by 0.5 when equal.
/// Returns (first, last, the dtype the edges computation uses).
fn outer_edges(
    a: &NdArray,
    vals: &[f64],
    range: Option<(f64, f64)>,
) -> Result<(f64, f64, DTypeKind)> {
    let k = a.kind();
    let fk = if k.is_inexact() {
        k
    } else {
        DTypeKind::Float64
    };
    let (mut first, mut last, calc) = if let Some((lo, hi)) = range {
        if lo > hi {
            return Err(Error::value(
                "max must be larger than min in range parameter.",
            ));
        }
        if !(lo.is_finite() && hi.is_finite()) {
            return Err(Error::value(format!(
                "supplied range of [{}, {}] is not finite",
                py_float(lo),
                py_float(hi)
            )));
        }
        (lo, hi, DTypeKind::Float64)
    } else if vals.is_empty() {
        (0.0, 1.0, DTypeKind::Float64)
    } else {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let mut nan = false;
        for &v in vals {
            if v.is_nan() {
                nan = true;
            }
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if nan || !(lo.is_finite() && hi.is_finite()) {
            let (l, h) = if nan { (f64::NAN, f64::NAN) } else { (lo, hi) };
            return Err(Error::value(format!(
                "autodetected range of [{}, {}] is not finite",
                py_float(l),
                py_float(h)
            )));
        }
        (lo, hi, fk)
    };
    if first == last {
        first = rd(calc, first - 0.5);
        last = rd(calc, last + 0.5);
    }
    Ok((first, last, calc))
}

fn py_float(v: f64) -> String {
    if v.is_nan() {
        "nan".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        }
    } else {
        format!("{v:?}")
    }
}

/// `_get_bin_edges`.
///
/// # Errors
/// NumPy's ValueError/TypeError texts for bad bins, ranges and weights.
pub fn bin_edges(
    a: &NdArray,
    bins: &Bins,
    range: Option<(f64, f64)>,
    weighted: bool,
    notes: &mut Notes,
) -> Result<Edges> {
    let k = a.kind();
    let ek = if k.is_inexact() {
        k
    } else {
        DTypeKind::Float64
    };
    // Only the data's min/max matter unless an estimator runs (NaN poisons both).
    let vals: Vec<f64> = if matches!(bins, Bins::Edges(_)) {
        Vec::new() // explicit edges never look at the data's range
    } else if matches!(bins, Bins::Estimator(_)) {
        super::c_vec::<f64>(a)
    } else {
        super::with_slice::<f64, _>(a, |v| {
            if v.is_empty() {
                return Vec::new();
            }
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            let mut nan = false;
            for &x in v {
                nan |= x.is_nan();
                lo = lo.min(x);
                hi = hi.max(x);
            }
            if nan {
                vec![f64::NAN]
            } else {
                vec![lo, hi]
            }
        })
    };
    let n_equal = match bins {
        Bins::Edges(e) => {
            if e.ndim() != 1 {
                return Err(Error::value("`bins` must be 1d, when an array"));
            }
            let v: Vec<f64> = e.to_vec::<f64>();
            if v.windows(2).any(|w| w[0] > w[1]) {
                return Err(Error::value(
                    "`bins` must increase monotonically, when an array",
                ));
            }
            return Ok(Edges {
                edges: e.clone(),
                values: v,
                uniform: None,
            });
        }
        Bins::Count(c) => {
            if *c < 1 {
                return Err(Error::value("`bins` must be positive, when an integer"));
            }
            *c as usize
        }
        Bins::Estimator(name) => {
            if !ESTIMATORS.contains(&name.as_str()) {
                return Err(Error::value(format!(
                    "'{name}' is not a valid estimator for `bins`"
                )));
            }
            if weighted {
                return Err(Error::type_error(
                    "Automated estimation of the number of bins is not supported for weighted data",
                ));
            }
            let (first, last, _) = outer_edges(a, &vals, range)?;
            let mut data = a.clone();
            if range.is_some() && !vals.iter().all(|&v| v >= first && v <= last) {
                let kept: Vec<f64> = vals
                    .iter()
                    .copied()
                    .filter(|&v| v >= first && v <= last)
                    .collect();
                let len = kept.len();
                data = NdArray::from_vec(kept, &[len])?.astype(a.dtype().clone(), Order::C)?;
            }
            if data.size() == 0 {
                1
            } else {
                let mut width = estimator(name, &data, (first, last), notes)?;
                if width != 0.0 && !width.is_nan() {
                    if k.is_integer() && width < 1.0 {
                        width = 1.0;
                    }
                    let delta = rd(ek, last - first);
                    (delta / width).ceil() as usize
                } else {
                    1
                }
            }
        }
    };
    let (first, last, calc) = outer_edges(a, &vals, range)?;
    let start = NdArray::from_vec(vec![first], &[])?.astype(DType::new(calc), Order::C)?;
    let stop = NdArray::from_vec(vec![last], &[])?.astype(DType::new(calc), Order::C)?;
    let edges = crate::creation::linspace(
        &start,
        &stop,
        n_equal + 1,
        true,
        &DType::new(calc),
        &DType::new(ek),
        0,
    )?
    .samples;
    let values: Vec<f64> = edges.to_vec::<f64>();
    if values.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::value(format!(
            "Too many bins for data range. Cannot create {n_equal} finite-sized bins."
        )));
    }
    Ok(Edges {
        edges,
        values,
        uniform: Some((first, last, n_equal)),
    })
}

/// A bin-width estimator of NumPy's `_hist_bin_selectors` on non-empty data.
fn estimator(name: &str, x: &NdArray, range: (f64, f64), notes: &mut Notes) -> Result<f64> {
    let k = x.kind();
    let vals: Vec<f64> = x.to_vec::<f64>();
    let n = vals.len() as f64;
    let mx = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mn = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let ptp = rd(k, mx - mn);
    let std = || -> Result<f64> {
        let r = reductions::var(x, &ReduceArgs::default(), 0.0, true, &mut Notes::default())?;
        Ok(r.item()?.as_f64())
    };
    let sqrt_bw = ptp / n.sqrt();
    let sturges = ptp / (n.log2() + 1.0);
    let fd = || -> Result<f64> {
        let q = NdArray::from_vec(vec![0.75f64, 0.25], &[2])?;
        let p = quantile::quantile(
            x,
            &q,
            &QuantileArgs::default(),
            false,
            false,
            &mut Notes::default(),
        )?;
        let pv: Vec<f64> = p.to_vec::<f64>();
        let iqr = pv[0] - pv[1];
        Ok(2.0 * iqr * n.powf(-1.0 / 3.0))
    };
    Ok(match name {
        "sqrt" => sqrt_bw,
        "sturges" => sturges,
        "rice" => ptp / (2.0 * n.powf(1.0 / 3.0)),
        "scott" => (24.0 * std::f64::consts::PI.powf(0.5) / n).powf(1.0 / 3.0) * std()?,
        "fd" => fd()?,
        "auto" => {
            let fdw = fd()?;
            let corrected = if fdw >= sqrt_bw / 2.0 {
                fdw
            } else {
                sqrt_bw / 2.0
            };
            if corrected <= sturges {
                corrected
            } else {
                sturges
            }
        }
        "doane" => {
            if vals.len() > 2 {
                let sg1 = (6.0 * (n - 2.0) / ((n + 1.0) * (n + 3.0))).sqrt();
                let sigma = std()?;
                if sigma > 0.0 {
                    let mean = reductions::mean(x, &ReduceArgs::default(), &mut Notes::default())?
                        .item()?
                        .as_f64();
                    let fk = if k.is_inexact() {
                        k
                    } else {
                        DTypeKind::Float64
                    };
                    let cubes: Vec<f64> = vals
                        .iter()
                        .map(|&v| {
                            let t = rd(fk, rd(fk, v - mean) / sigma);
                            rd(fk, t * t * t)
                        })
                        .collect();
                    let arr = NdArray::from_vec(cubes, &[vals.len()])?
                        .astype(DType::new(fk), Order::C)?;
                    let g1 = reductions::mean(&arr, &ReduceArgs::default(), &mut Notes::default())?
                        .item()?
                        .as_f64();
                    return Ok(ptp / (1.0 + n.log2() + (1.0 + g1.abs() / sg1).log2()));
                }
            }
            0.0
        }
        _ => {
            // stone
            if vals.len() <= 1 || ptp == 0.0 {
                return Ok(0.0);
            }
            let upper = 100usize.max(n.sqrt() as usize);
            let mut best = (f64::INFINITY, 1usize);
            for nb in 1..=upper {
                let hh = ptp / nb as f64;
                let e = bin_edges(x, &Bins::Count(nb as i64), Some(range), false, notes)?;
                let counts = count_values(&vals, &e, None)?.0;
                let dot: f64 = counts.iter().map(|&c| (c / n) * (c / n)).sum();
                let j = (2.0 - (n + 1.0) * dot) / hh;
                if j < best.0 {
                    best = (j, nb);
                }
            }
            if best.1 == upper {
                notes
                    .warnings
                    .push("The number of bins estimated may be suboptimal.");
            }
            ptp / best.1 as f64
        }
    })
}

/// Per-bin counts (as f64) or weight sums, and the weight sums' block structure.
/// Returns (sums, is_weighted).
fn count_values(
    vals: &[f64],
    e: &Edges,
    weights: Option<(&[f64], DTypeKind)>,
) -> Result<(Vec<f64>, bool)> {
    let nb = e.values.len().saturating_sub(1);
    if let (None, Some((w, wk))) = (e.uniform, weights) {
        return Ok((cumulative_weighted(vals, w, wk, &e.values), true));
    }
    if let (None, None) = (e.uniform, weights) {
        if nb <= 8192 {
            return Ok((edge_counts(vals, &e.values), false));
        }
    }
    if let (Some((first, last, n)), None) = (e.uniform, weights) {
        return Ok((
            uniform_counts(vals, first, last, n, &e.values, e.edges.kind()),
            false,
        ));
    }
    let mut total = vec![0f64; nb];
    let ek = e.edges.kind();
    let mut block = vec![0f64; nb];
    for (bi, chunk) in vals.chunks(BLOCK).enumerate() {
        block.iter_mut().for_each(|b| *b = 0.0);
        for (j, &x) in chunk.iter().enumerate() {
            let Some(i) = bin_of(x, e, ek) else { continue };
            match weights {
                None => block[i] += 1.0,
                Some((w, _)) => block[i] += w.get(bi * BLOCK + j).copied().unwrap_or(0.0),
            }
        }
        match weights {
            None => total.iter_mut().zip(&block).for_each(|(t, b)| *t += b),
            Some((_, wk)) => total.iter_mut().zip(&block).for_each(|(t, b)| {
                *t = match wk {
                    k if k.is_integer() || k == DTypeKind::Bool => *t + b.trunc(),
                    k => rd(k, *t + rd(k, *b)),
                }
            }),
        }
    }
    Ok((total, weights.is_some()))
}

/// NumPy's weighted histogram for explicit edges: per block, the weights sorted by value
/// and cumulated in their dtype, sampled at the edges (the last edge inclusive), and the
/// per-bin sums taken as differences, all rounded to the weights' dtype.
fn cumulative_weighted(vals: &[f64], w: &[f64], wk: DTypeKind, edges: &[f64]) -> Vec<f64> {
    let r = |v: f64| if wk.is_inexact() { rd(wk, v) } else { v };
    let m = edges.len();
    let mut cum_n = vec![0f64; m];
    for (bi, chunk) in vals.chunks(BLOCK).enumerate() {
        let mut idx: Vec<usize> = (0..chunk.len()).collect();
        idx.sort_by(|&i, &j| cmp_nan_last(chunk[i], chunk[j]));
        let sa: Vec<f64> = idx.iter().map(|&i| chunk[i]).collect();
        let mut cw = Vec::with_capacity(chunk.len() + 1);
        cw.push(0.0);
        let mut acc = 0.0;
        for &i in &idx {
            acc = r(acc + w.get(bi * BLOCK + i).copied().unwrap_or(0.0));
            cw.push(acc);
        }
        for (k, &e) in edges.iter().enumerate() {
            let pos = if k + 1 < m {
                sa.partition_point(|&v| cmp_nan_last(v, e) == Ordering::Less)
            } else {
                sa.partition_point(|&v| cmp_nan_last(v, e) != Ordering::Greater)
            };
            cum_n[k] = r(cum_n[k] + cw[pos]);
        }
    }
    cum_n.windows(2).map(|p| r(p[1] - p[0])).collect()
}

/// Unweighted counts for equal-width bins in one pass. The index estimate uses a
/// precomputed reciprocal; it only has to land within one bin of the answer, because
/// NumPy's exact corrections against the edges (below) then decide, so the counts equal
/// NumPy's.
fn uniform_counts(
    vals: &[f64],
    first: f64,
    last: f64,
    n: usize,
    ev: &[f64],
    ek: DTypeKind,
) -> Vec<f64> {
    let mut counts = vec![0u64; n];
    let scale = n as f64 / (last - first);
    let round = ek != DTypeKind::Float64;
    for &x in vals {
        if !(x >= first && x <= last) {
            continue;
        }
        let xe = if round { rd(ek, x) } else { x };
        let mut i = (((xe - first) * scale) as usize).min(n - 1);
        if i > 0 && xe < ev[i] {
            i -= 1;
        } else if i + 1 < n && xe >= ev[i + 1] {
            i += 1;
        }
        counts[i] += 1;
    }
    counts.into_iter().map(|c| c as f64).collect()
}

/// Unweighted counts for explicit edges (increasing): the same bins as [`bin_of`]. A
/// table over equal cells of the edges' range gives each value a starting bin, which
/// exact comparisons against the edges then correct (usually not at all), so the
/// answer never depends on the cell arithmetic's rounding.
fn edge_counts(vals: &[f64], ev: &[f64]) -> Vec<f64> {
    let m = ev.len();
    let nb = m.saturating_sub(1);
    let (Some(&first), Some(&lastv)) = (ev.first(), ev.last()) else {
        return Vec::new();
    };
    let mut counts = vec![0u64; nb];
    if m < 2 {
        return vec![0.0; nb];
    }
    // The last edge `<= x`, for `first <= x < lastv` (so at most `m - 2`).
    let find = |x: f64, start: usize| -> usize {
        let mut i = start.min(m - 2);
        while i + 1 < m - 1 && ev.get(i + 1).is_some_and(|&e| e <= x) {
            i += 1;
        }
        while i > 0 && ev.get(i).is_some_and(|&e| e > x) {
            i -= 1;
        }
        i
    };
    // Fine enough that most cells hold no edge (then the start is the answer and the
    // exact checks are predictable branches), within what the input pays for.
    let cells = (8 * nb)
        .max(vals.len() / 16)
        .next_power_of_two()
        .clamp(1024, 1 << 16);
    let scale = cells as f64 / (lastv - first);
    let table: Vec<u32> = if scale.is_finite() && scale > 0.0 && u32::try_from(m).is_ok() {
        let mut t = Vec::with_capacity(cells);
        let mut i = 0usize;
        for c in 0..cells {
            let x = first + c as f64 / scale;
            i = if x < lastv { find(x, i) } else { m - 2 };
            t.push(i as u32);
        }
        t
    } else {
        Vec::new()
    };
    // The bin of `first <= x <= lastv` in cell `c`, however the cell is laid out.
    let slow = |x: f64, c: usize| -> usize {
        if x == lastv {
            // The last bin includes its right edge (with repeated final edges too).
            return m - 2;
        }
        let lo = table.get(c).map_or(0, |&t| t as usize);
        let hi = table.get(c + 1).map_or(m - 2, |&t| t as usize);
        // The cell's edges: few, walk them; many (dense edges), bisect them. Either
        // start is then checked exactly by `find`.
        let start = match ev.get(lo + 1..=hi) {
            Some(w) if w.len() > 8 => lo + w.partition_point(|&e| e <= x),
            _ => lo,
        };
        find(x, start)
    };
    for &x in vals {
        if !(x >= first && x <= lastv) {
            continue; // outside, or NaN
        }
        let c = (((x - first) * scale) as usize).min(cells - 1);
        // Nearly always the cell's starting bin holds `x`: two exact compares say so.
        let lo = table.get(c).map_or(0, |&t| t as usize);
        let bin = match (ev.get(lo), ev.get(lo + 1)) {
            (Some(&a), Some(&b)) if a <= x && x < b => lo,
            _ => slow(x, c),
        };
        if let Some(c) = counts.get_mut(bin) {
            *c += 1;
        }
    }
    counts.into_iter().map(|c| c as f64).collect()
}

/// The bin of `x` (None when outside or NaN).
#[inline]
fn bin_of(x: f64, e: &Edges, ek: DTypeKind) -> Option<usize> {
    let ev = &e.values;
    match e.uniform {
        Some((first, last, n)) => {
            if !(x >= first && x <= last) {
                return None;
            }
            let xe = rd(ek, x);
            let mut i = ((xe - first) / (last - first) * n as f64) as usize;
            if i >= n {
                i = n - 1;
            }
            if i > 0 && xe < ev[i] {
                i -= 1;
            }
            if i + 1 < n && xe >= ev[i + 1] {
                i += 1;
            }
            Some(i)
        }
        None => {
            let m = ev.len();
            if m < 2 || x.is_nan() {
                return None;
            }
            let lastv = ev[m - 1];
            if x > lastv || x < ev[0] {
                return None;
            }
            if x == lastv {
                // the last bin includes its right edge; with repeated final edges the
                // count goes to the last bin (searchsorted 'right' on the last edge).
                return Some(m - 2);
            }
            let p = ev.partition_point(|&b| b <= x);
            p.checked_sub(1).filter(|&i| i < m - 1)
        }
    }
}

/// `histogram(a, bins, range, density, weights)`: (counts, edges).
///
/// # Errors
/// NumPy's texts for bad bins, ranges and weights.
pub fn histogram(
    a: &NdArray,
    bins: &Bins,
    range: Option<(f64, f64)>,
    density: bool,
    weights: Option<&NdArray>,
    notes: &mut Notes,
) -> Result<(NdArray, NdArray)> {
    if let Some(w) = weights {
        if w.shape() != a.shape() {
            return Err(Error::value("weights should have the same shape as a."));
        }
    }
    let a = prepare(a, notes)?;
    let e = bin_edges(&a, bins, range, weights.is_some(), notes)?;
    let wk = weights.map(|w| w.kind());
    let wvals: Option<Vec<f64>> = weights.map(super::c_vec::<f64>);
    let (sums, _) =
        super::with_slice::<f64, _>(&a, |vals| count_values(vals, &e, wvals.as_deref().zip(wk)))?;
    let nb = sums.len();
    let counts = match wk {
        None => NdArray::from_vec(sums.iter().map(|&c| c as i64).collect::<Vec<i64>>(), &[nb])?,
        Some(k) => NdArray::from_vec(sums, &[nb])?.astype(DType::new(k), Order::C)?,
    };
    if density {
        let ek = e.edges.kind();
        let db: Vec<f64> = e.values.windows(2).map(|w| rd(ek, w[1] - w[0])).collect();
        let total = reductions::reduce_with("add", &counts, &ReduceArgs::default(), notes)?;
        let tv = total.item()?.as_f64();
        let cv: Vec<f64> = counts.to_vec::<f64>();
        // NumPy's `n / db / n.sum()`: two divisions, each with its own warnings.
        let per_width: Vec<f64> = cv.iter().zip(&db).map(|(&c, &b)| c / b).collect();
        let f1 = cv
            .iter()
            .zip(&db)
            .fold(0, |f, (&c, &b)| f | div_flags(c, b));
        let f2 = per_width.iter().fold(0, |f, &q| f | div_flags(q, tv));
        for f in [f1, f2] {
            if f != 0 {
                notes.flags.push(("divide", crate::ufunc::FpFlags(f)));
            }
        }
        let d: Vec<f64> = per_width.iter().map(|&q| q / tv).collect();
        return Ok((NdArray::from_vec(d, &[nb])?, e.edges));
    }
    Ok((counts, e.edges))
}

/// The floating-point flags IEEE division `x / y` raises (divide by zero, overflow,
/// invalid; underflow is not reported).
fn div_flags(x: f64, y: f64) -> u8 {
    use crate::ufunc::FpFlags;
    let r = x / y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        FpFlags::INVALID
    } else if y == 0.0 && x.is_finite() && x != 0.0 {
        FpFlags::DIVIDE
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        FpFlags::OVERFLOW
    } else {
        0
    }
}

/// `histogram_bin_edges(a, bins, range, weights)`.
///
/// # Errors
/// As `histogram`.
pub fn histogram_bin_edges(
    a: &NdArray,
    bins: &Bins,
    range: Option<(f64, f64)>,
    weights: Option<&NdArray>,
    notes: &mut Notes,
) -> Result<NdArray> {
    if let Some(w) = weights {
        if w.shape() != a.shape() {
            return Err(Error::value("weights should have the same shape as a."));
        }
    }
    let a = prepare(a, notes)?;
    Ok(bin_edges(&a, bins, range, weights.is_some(), notes)?.edges)
}

/// `histogramdd(sample, bins, range, density, weights)` for an (N, D) sample; `bins` is
/// one entry per dimension. Returns (counts with D dims, edges per dimension).
///
/// # Errors
/// NumPy's texts for mismatched bins/range and bad bins.
pub fn histogramdd(
    sample: &NdArray,
    bins: &[Bins],
    ranges: &[Option<(f64, f64)>],
    density: bool,
    weights: Option<&NdArray>,
) -> Result<(NdArray, Vec<NdArray>)> {
    let (n, d) = match sample.ndim() {
        1 => (sample.shape()[0], 1usize),
        2 => (sample.shape()[0], sample.shape()[1]),
        _ => return Err(Error::value("sample must be 1-D or 2-D")),
    };
    let s2 = sample.reshape(&[n as isize, d as isize], Order::C)?;
    if let Some(w) = weights {
        // NumPy counts with bincount, which takes one weight per sample row.
        if w.ndim() > 1 {
            return Err(Error::value("object too deep for desired array"));
        }
        if w.ndim() == 0 {
            return Err(Error::value("object of too small depth for desired array"));
        }
        if w.size() != n {
            return Err(Error::value(
                "The weights and list don't have the same length.",
            ));
        }
    }
    if bins.len() != d {
        return Err(Error::value(
            "The dimension of bins must be equal to the dimension of the sample x.",
        ));
    }
    let vals: Vec<f64> = s2.to_vec::<f64>();
    let mut edges: Vec<Edges> = Vec::with_capacity(d);
    for (i, b) in bins.iter().enumerate() {
        let col: Vec<f64> = (0..n).map(|r| vals[r * d + i]).collect();
        let colarr = NdArray::from_vec(col, &[n])?.astype(sample.dtype().clone(), Order::C)?;
        let range = ranges.get(i).copied().flatten();
        let e = match b {
            Bins::Count(c) => {
                if *c < 1 {
                    return Err(Error::value(format!(
                        "`bins[{i}]` must be positive, when an integer"
                    )));
                }
                let (first, last, _) = dd_outer(&colarr, range)?;
                // linspace of the data's min/max computes in the sample's float dtype;
                // of a Python range, in float64.
                let ek = if range.is_none() && sample.kind().is_inexact() {
                    sample.kind()
                } else {
                    DTypeKind::Float64
                };
                let ed_t = DType::new(ek);
                let start = NdArray::from_vec(vec![first], &[])?.astype(ed_t.clone(), Order::C)?;
                let stop = NdArray::from_vec(vec![last], &[])?.astype(ed_t.clone(), Order::C)?;
                let ed = crate::creation::linspace(
                    &start,
                    &stop,
                    *c as usize + 1,
                    true,
                    &ed_t,
                    &ed_t,
                    0,
                )?
                .samples;
                let values = ed.to_vec::<f64>();
                Edges {
                    edges: ed,
                    values,
                    uniform: None,
                }
            }
            Bins::Edges(e) => {
                if e.ndim() != 1 {
                    return Err(Error::value(format!(
                        "`bins[{i}]` must be a scalar or 1d array"
                    )));
                }
                let values: Vec<f64> = e.to_vec::<f64>();
                if values.windows(2).any(|w| w[0] > w[1]) {
                    return Err(Error::value(format!(
                        "`bins[{i}]` must be monotonically increasing, when an array"
                    )));
                }
                Edges {
                    edges: e.clone(),
                    values,
                    uniform: None,
                }
            }
            Bins::Estimator(_) => {
                return Err(Error::type_error("`bins` must be an integer or an array"));
            }
        };
        edges.push(e);
    }
    let nbin: Vec<usize> = edges.iter().map(|e| e.values.len() + 1).collect();
    let total: usize = nbin.iter().product();
    let mut hist = vec![0f64; total];
    let ws: Option<Vec<f64>> = weights.map(super::c_vec::<f64>);
    for r in 0..n {
        let mut flat = 0usize;
        for (i, e) in edges.iter().enumerate() {
            let x = vals[r * d + i];
            let ev = &e.values;
            // searchsorted(edges, x, 'right'), values on the rightmost edge moved left.
            let mut idx = ev.partition_point(|&b| cmp_nan_last(b, x) != Ordering::Greater);
            if let Some(&lastv) = ev.last() {
                if x == lastv {
                    idx -= 1;
                }
            }
            flat = flat * nbin[i] + idx;
        }
        hist[flat] += ws.as_ref().map_or(1.0, |w| w[r]);
    }
    // Drop the outlier bins: NumPy slices the full (float64) histogram.
    let inner: Vec<usize> = nbin.iter().map(|&b| b - 2).collect();
    let full = NdArray::from_vec(hist, &nbin)?;
    let items: Vec<numoxide_core::IndexItem> = (0..d)
        .map(|_| numoxide_core::IndexItem::Slice(Some(1), Some(-1), None))
        .collect();
    let core = full.index(&items)?;
    let hist = if density {
        let mut notes = Notes::default();
        let s = reductions::reduce_with(
            "add",
            &core.copy(Order::C)?,
            &ReduceArgs::default(),
            &mut notes,
        )?
        .item()?
        .as_f64();
        let mut h: Vec<f64> = core.to_vec::<f64>();
        let mut strides = vec![1usize; d];
        for i in (0..d.saturating_sub(1)).rev() {
            strides[i] = strides[i + 1] * inner[i + 1];
        }
        for (j, v) in h.iter_mut().enumerate() {
            for i in 0..d {
                let k = (j / strides[i]) % inner[i].max(1);
                let ev = &edges[i].values;
                let ek = edges[i].edges.kind();
                *v /= rd(ek, ev[k + 1] - ev[k]);
            }
            *v /= s;
        }
        NdArray::from_vec(h, &inner)?
    } else {
        core.copy(Order::C)?
    };
    Ok((hist, edges.into_iter().map(|e| e.edges).collect()))
}

/// histogramdd's per-dimension range: the given one, or min/max (+-0.5 when equal).
fn dd_outer(col: &NdArray, range: Option<(f64, f64)>) -> Result<(f64, f64, DTypeKind)> {
    let vals: Vec<f64> = col.to_vec::<f64>();
    let (mut lo, mut hi) = match range {
        Some(r) => r,
        None if vals.is_empty() => (0.0, 1.0),
        None => (
            vals.iter().copied().fold(f64::INFINITY, f64::min),
            vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ),
    };
    if lo > hi {
        return Err(Error::value(
            "max must be larger than min in range parameter.",
        ));
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return Err(Error::value(format!(
            "supplied range of [{}, {}] is not finite",
            py_float(lo),
            py_float(hi)
        )));
    }
    if lo == hi {
        lo -= 0.5;
        hi += 0.5;
    }
    Ok((lo, hi, DTypeKind::Float64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bincount_counts() {
        let x = NdArray::from_vec(vec![0i64, 1, 1, 3], &[4])
            .unwrap_or_else(|_| NdArray::from_scalar(numoxide_core::Scalar::Int64(0)));
        let r = bincount(&x, None, 0).map(|r| r.to_vec::<i64>());
        assert_eq!(r.ok(), Some(vec![1, 2, 0, 1]));
    }

    #[test]
    fn uniform_last_edge_inclusive() {
        let a = NdArray::from_vec(vec![0.0f64, 0.5, 1.0], &[3])
            .unwrap_or_else(|_| NdArray::from_scalar(numoxide_core::Scalar::Int64(0)));
        let mut notes = Notes::default();
        let r = histogram(&a, &Bins::Count(2), None, false, None, &mut notes)
            .map(|(c, _)| c.to_vec::<i64>());
        assert_eq!(r.ok(), Some(vec![1, 2]));
    }
}
