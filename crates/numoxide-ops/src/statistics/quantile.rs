//! Order statistics: `median`, `quantile`/`percentile` with every NumPy method, and the
//! nan-variants.
//!
//! Each lane (the reduced axes merged into one) is copied and the order statistics it
//! needs are found with a selection (`select_nth_unstable_by`), not a sort. The virtual
//! index, the gamma rules and the interpolation follow NumPy's `_quantile` / `_lerp`
//! operation by operation, in NumPy's dtypes (including float16 and float32 rounding
//! and NEP 50 weak Python floats), so results are bit-identical. `median` hands the
//! middle values to `mean`, as NumPy does.

use std::cmp::Ordering;

use numoxide_core::cast::{promote_kinds, CastFrom};
use numoxide_core::element::{f16, Element};
use numoxide_core::scalar::ScalarElement;
use numoxide_core::{DType, DTypeKind, Error, ErrorKind, NdArray, Order, Result, Scalar};

use super::{finish, keep_shape, lane_view, real_dispatch, Work};
use crate::reductions::{self, Notes, ReduceArgs};
use crate::ufunc::FpFlags;

/// NumPy's quantile methods (Hyndman & Fan's nine and four "other" ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// H&F 1.
    InvertedCdf,
    /// H&F 2.
    AveragedInvertedCdf,
    /// H&F 3.
    ClosestObservation,
    /// H&F 4.
    InterpolatedInvertedCdf,
    /// H&F 5.
    Hazen,
    /// H&F 6.
    Weibull,
    /// H&F 7, the default.
    Linear,
    /// H&F 8.
    MedianUnbiased,
    /// H&F 9.
    NormalUnbiased,
    /// The lower neighbour.
    Lower,
    /// The higher neighbour.
    Higher,
    /// Mean of the two neighbours.
    Midpoint,
    /// The nearest neighbour (ties to even index).
    Nearest,
}

const METHOD_NAMES: [(&str, Method); 13] = [
    ("inverted_cdf", Method::InvertedCdf),
    ("averaged_inverted_cdf", Method::AveragedInvertedCdf),
    ("closest_observation", Method::ClosestObservation),
    ("interpolated_inverted_cdf", Method::InterpolatedInvertedCdf),
    ("hazen", Method::Hazen),
    ("weibull", Method::Weibull),
    ("linear", Method::Linear),
    ("median_unbiased", Method::MedianUnbiased),
    ("normal_unbiased", Method::NormalUnbiased),
    ("lower", Method::Lower),
    ("higher", Method::Higher),
    ("midpoint", Method::Midpoint),
    ("nearest", Method::Nearest),
];

impl Method {
    /// The method named `name`, or NumPy's ValueError.
    pub fn parse(name: &str) -> Result<Method> {
        METHOD_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| *m)
            .ok_or_else(|| {
                let keys: Vec<String> =
                    METHOD_NAMES.iter().map(|(n, _)| format!("'{n}'")).collect();
                Error::value(format!(
                    "'{name}' is not a valid method. Use one of: dict_keys([{}])",
                    keys.join(", ")
                ))
            })
    }
    /// Methods that pick an order statistic without interpolating.
    fn is_discrete(self) -> bool {
        matches!(
            self,
            Method::InvertedCdf
                | Method::ClosestObservation
                | Method::Lower
                | Method::Higher
                | Method::Nearest
        )
    }
}

/// Arguments of `quantile` and relatives besides the data and `q`.
#[derive(Clone, Debug)]
pub struct QuantileArgs {
    /// Axes to reduce (None = all).
    pub axes: Option<Vec<isize>>,
    /// keepdims=.
    pub keepdims: bool,
    /// out=.
    pub out: Option<NdArray>,
    /// method=.
    pub method: Method,
    /// weights= (only with `InvertedCdf`).
    pub weights: Option<NdArray>,
    /// `q` was a Python int or float (NEP 50 weak promotion of the result).
    pub weak_q: bool,
}

impl Default for QuantileArgs {
    fn default() -> Self {
        QuantileArgs {
            axes: None,
            keepdims: false,
            out: None,
            method: Method::Linear,
            weights: None,
            weak_q: false,
        }
    }
}

// ----- float arithmetic in a NumPy dtype ------------------------------------------------

/// A float dtype's arithmetic as NumPy does it (float16 computes in float32, then rounds).
trait Fl: Copy + PartialOrd + Element + ScalarElement {
    fn of(v: f64) -> Self;
    fn to64(self) -> f64;
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
}
impl Fl for f64 {
    fn of(v: f64) -> Self {
        v
    }
    fn to64(self) -> f64 {
        self
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
    fn sub(self, o: Self) -> Self {
        self - o
    }
    fn mul(self, o: Self) -> Self {
        self * o
    }
}
impl Fl for f32 {
    fn of(v: f64) -> Self {
        v as f32
    }
    fn to64(self) -> f64 {
        self as f64
    }
    fn add(self, o: Self) -> Self {
        self + o
    }
    fn sub(self, o: Self) -> Self {
        self - o
    }
    fn mul(self, o: Self) -> Self {
        self * o
    }
}
impl Fl for f16 {
    fn of(v: f64) -> Self {
        f16::from_f64(v)
    }
    fn to64(self) -> f64 {
        self.to_f64()
    }
    fn add(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() + o.to_f32())
    }
    fn sub(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() - o.to_f32())
    }
    fn mul(self, o: Self) -> Self {
        f16::from_f32(self.to_f32() * o.to_f32())
    }
}

/// Round `v` to the float kind `k` (the dtype NumPy computes the virtual index in).
fn round_to(k: DTypeKind, v: f64) -> f64 {
    match k {
        DTypeKind::Float16 => f16::from_f64(v).to_f64(),
        DTypeKind::Float32 => v as f32 as f64,
        _ => v,
    }
}

/// The element kinds the order statistics accept, with NumPy's element arithmetic.
pub(crate) trait QElem: Copy + PartialOrd + Element + CastFrom + ScalarElement {
    /// True for NaN.
    fn nan(self) -> bool;
    /// `b - a` in the element's dtype (wrapping for integers), as f64.
    fn diff(b: Self, a: Self) -> Result<f64>;
    /// The value as f64 (exact for every kind but the widest integers).
    fn f(self) -> f64;
    /// True when `b - a` overflows the (integer) element type.
    fn sub_overflows(_b: Self, _a: Self) -> bool {
        false
    }
}
macro_rules! qelem_int {
    ($($t:ty),*) => {$(
        impl QElem for $t {
            fn nan(self) -> bool { false }
            fn diff(b: Self, a: Self) -> Result<f64> { Ok(b.wrapping_sub(a) as f64) }
            fn sub_overflows(b: Self, a: Self) -> bool { b.checked_sub(a).is_none() }
            fn f(self) -> f64 { self as f64 }
        }
    )*};
}
qelem_int!(i8, u8, i16, u16, i32, u32, i64, u64);
impl QElem for bool {
    fn nan(self) -> bool {
        false
    }
    fn diff(_: Self, _: Self) -> Result<f64> {
        Err(Error::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, \
             the `^` operator, or the logical_xor function instead.",
        ))
    }
    fn f(self) -> f64 {
        self as u8 as f64
    }
}
macro_rules! qelem_float {
    ($($t:ty),*) => {$(
        impl QElem for $t {
            fn nan(self) -> bool { self.is_nan() }
            fn diff(b: Self, a: Self) -> Result<f64> { Ok(Fl::sub(b, a).to64()) }
            fn f(self) -> f64 { Fl::to64(self) }
        }
    )*};
}
qelem_float!(f16);
macro_rules! qelem_float_keyed {
    ($($t:ty),*) => {$(
        impl QElem for $t {
            fn nan(self) -> bool { self.is_nan() }
            fn diff(b: Self, a: Self) -> Result<f64> { Ok(Fl::sub(b, a).to64()) }
            fn f(self) -> f64 { Fl::to64(self) }
        }
    )*};
}
qelem_float_keyed!(f32, f64);

fn cmp_nan_last<T: QElem>(a: &T, b: &T) -> Ordering {
    match a.partial_cmp(b) {
        Some(o) => o,
        None => a.nan().cmp(&b.nan()),
    }
}

/// Put the order statistics `ks` (sorted, distinct, < lane.len()) in place.
///
/// Divide and conquer: select the middle one over the whole lane, then the ones below
/// it in the part below and the ones above in the part above, so each level of the
/// recursion touches the lane once. A statistic right after one just placed (the `hi`
/// of an interpolation pair) is the least of the part above it: a scan, not a select.
fn select_many<T: QElem>(lane: &mut [T], ks: &[usize]) {
    if lane.iter().any(|v| v.nan()) {
        select_rec(lane, ks, 0, &mut cmp_nan_last::<T>);
    } else {
        // No NaN: the plain order, which the selection inlines as one compare.
        select_rec(lane, ks, 0, &mut |a: &T, b: &T| {
            a.partial_cmp(b).unwrap_or(Ordering::Equal)
        });
    }
}

/// [`select_many`] on `lane`, the part of the whole lane starting at index `base`.
fn select_rec<T: QElem, F: FnMut(&T, &T) -> Ordering>(
    lane: &mut [T],
    ks: &[usize],
    base: usize,
    cmp: &mut F,
) {
    let ks = trim(ks, base, lane.len());
    if ks.is_empty() {
        return;
    }
    // The middle statistic, moved to the start of its run of consecutive ones (the run's
    // others are then found by scans).
    let mut mid = ks.len() / 2;
    while mid > 0 && ks[mid - 1] + 1 == ks[mid] {
        mid -= 1;
    }
    let k = ks[mid] - base;
    lane.select_nth_unstable_by(k, &mut *cmp);
    let (below, above) = lane.split_at_mut(k);
    select_rec(below, &ks[..mid], base, cmp);
    let mut rest = &ks[mid + 1..];
    let mut above = above.get_mut(1..).unwrap_or_default();
    let mut at = base + k + 1;
    // Statistics right after the one placed: the least of what is above, in turn.
    while let (Some(&next), false) = (rest.first(), above.is_empty()) {
        if next != at {
            break;
        }
        let least = (1..above.len()).fold(0, |m, i| {
            if cmp(&above[i], &above[m]) == Ordering::Less {
                i
            } else {
                m
            }
        });
        above.swap(0, least);
        above = &mut above[1..];
        rest = &rest[1..];
        at += 1;
    }
    select_rec(above, rest, at, cmp);
}

/// The statistics of `ks` that fall in `base..base + len`.
fn trim(ks: &[usize], base: usize, len: usize) -> &[usize] {
    let lo = ks.partition_point(|&k| k < base);
    let hi = ks.partition_point(|&k| k < base + len);
    &ks[lo..hi.max(lo)]
}

// ----- indexes ------------------------------------------------------------------------

/// Where one quantile sits in a sorted lane: the two neighbours and the weight.
#[derive(Clone, Copy, Debug)]
struct Pick {
    lo: usize,
    hi: usize,
    /// gamma, as a value of the virtual-index dtype (held in f64).
    gamma: f64,
}

/// The index plan of NumPy's `_quantile` for a lane of `n` (> 0) values and quantile
/// `q` (a value of kind `qk`, held in f64); `gk` is the virtual-index dtype.
fn plan(method: Method, n: usize, q: f64, qk: DTypeKind, gk: DTypeKind) -> Pick {
    let r = |v: f64| round_to(gk, v);
    let nf = r(n as f64);
    let last = n - 1;
    let clamp = |i: f64| -> usize {
        if i < 0.0 {
            0
        } else {
            (i as usize).min(last)
        }
    };
    let discrete = |index: f64, odd_rule: bool| -> usize {
        let prev = index.floor();
        let gamma = r(index - prev);
        let take_prev = gamma == 0.0 && (!odd_rule || prev.rem_euclid(2.0) == 1.0);
        let i = if take_prev { prev } else { r(prev + 1.0) };
        clamp(i)
    };
    let int_q = !qk.is_inexact();
    let lin = || r(r((n - 1) as f64) * q);
    let idx = match method {
        Method::InvertedCdf => discrete(r(r(nf * q) - 1.0), false),
        Method::ClosestObservation => discrete(r(r(r(nf * q) - 1.0) - 0.5), true),
        Method::Lower => clamp(lin().floor()),
        Method::Higher => clamp(lin().ceil()),
        Method::Nearest => clamp(lin().round_ties_even()),
        Method::Linear if int_q => clamp(((n - 1) as f64) * q),
        _ => usize::MAX,
    };
    if idx != usize::MAX {
        return Pick {
            lo: idx,
            hi: idx,
            gamma: 0.0,
        };
    }
    let virt = |alpha: f64, beta: f64| -> f64 {
        r(r(r(nf * q) + r(alpha + r(q * (1.0 - alpha - beta)))) - 1.0)
    };
    let v = match method {
        Method::Linear => lin(),
        Method::AveragedInvertedCdf => r(r(nf * q) - 1.0),
        Method::InterpolatedInvertedCdf => virt(0.0, 1.0),
        Method::Hazen => virt(0.5, 0.5),
        Method::Weibull => virt(0.0, 0.0),
        Method::MedianUnbiased => virt(1.0 / 3.0, 1.0 / 3.0),
        Method::NormalUnbiased => virt(3.0 / 8.0, 3.0 / 8.0),
        Method::Midpoint => {
            let l = lin();
            r(0.5 * r(l.floor() + l.ceil()))
        }
        _ => 0.0,
    };
    // _get_indexes: neighbours, clamped to the ends.
    let (mut lo, mut hi, mut prev_f) = (v.floor(), v.floor() + 1.0, v.floor());
    if v >= r((n - 1) as f64) {
        lo = last as f64;
        hi = last as f64;
        prev_f = -1.0;
    }
    if v < 0.0 {
        lo = 0.0;
        hi = 0.0;
        prev_f = 0.0;
    }
    let mut gamma = r(v - prev_f);
    match method {
        Method::AveragedInvertedCdf => gamma = if gamma == 0.0 { 0.5 } else { 1.0 },
        Method::Midpoint => gamma = if v.rem_euclid(1.0) == 0.0 { 0.0 } else { 0.5 },
        _ => {}
    }
    Pick {
        lo: clamp(lo),
        hi: clamp(hi),
        gamma,
    }
}

// ----- the interpolation ----------------------------------------------------------------

/// Floating-point conditions of the five operations of `_lerp`, in NumPy's order;
/// slot 5 records integer overflow of `b - a` (reported only in the scalar case).
#[derive(Default, Clone, Copy)]
struct LerpFlags([u8; 6]);

fn cond<C: Fl>(r: C, x: C, y: C) -> u8 {
    let (r, x, y) = (r.to64(), x.to64(), y.to64());
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        FpFlags::INVALID
    } else if r.is_infinite() && x.is_finite() && y.is_finite() {
        FpFlags::OVERFLOW
    } else {
        0
    }
}

/// NumPy's `_lerp(a, b, t)` in the result dtype `C`: `a + (b-a)*t`, or
/// `b - (b-a)*(1-t)` where `t >= 0.5`; `b - a` is computed in the element dtype.
fn lerp<T: QElem, C: Fl>(
    a: T,
    b: T,
    t: f64,
    weak: bool,
    gk: DTypeKind,
    fl: &mut LerpFlags,
) -> Result<C> {
    let d_t = T::diff(b, a)?;
    if T::sub_overflows(b, a) {
        // Integer overflow warns only in NumPy's scalar case (slot 5, see push_lerp_flags).
        fl.0[5] |= FpFlags::OVERFLOW;
    }
    if T::KIND.is_inexact() && d_t.is_nan() && !a.nan() && !b.nan() {
        fl.0[0] |= FpFlags::INVALID;
    } else if d_t.is_infinite() && a.f().is_finite() && b.f().is_finite() {
        fl.0[0] |= FpFlags::OVERFLOW;
    }
    let diff = C::of(d_t);
    let (ac, bc) = (C::of(a.f()), C::of(b.f()));
    let tc = C::of(t);
    let one_minus = if weak {
        C::of(1.0 - t)
    } else {
        C::of(round_to(gk, 1.0 - t))
    };
    let m1 = diff.mul(tc);
    fl.0[1] |= cond(m1, diff, tc);
    let r1 = ac.add(m1);
    fl.0[2] |= cond(r1, ac, m1);
    let m2 = diff.mul(one_minus);
    fl.0[3] |= cond(m2, diff, one_minus);
    if t >= 0.5 {
        let r2 = bc.sub(m2);
        fl.0[4] |= cond(r2, bc, m2);
        Ok(r2)
    } else {
        Ok(r1)
    }
}

fn push_lerp_flags(notes: &mut Notes, fl: LerpFlags, scalar: bool, weak: bool) {
    let names: [&'static str; 5] = if scalar {
        let m = if weak { "scalar multiply" } else { "multiply" };
        ["scalar subtract", m, "add", m, "subtract"]
    } else {
        ["subtract", "multiply", "add", "multiply", "subtract"]
    };
    let mut flags = fl.0;
    if scalar {
        // NumPy checks integer overflow on scalars only.
        flags[0] |= flags[5];
    }
    for (name, f) in names.iter().zip(flags) {
        if f != 0 {
            notes.flags.push((name, FpFlags(f)));
        }
    }
}

// ----- quantile -------------------------------------------------------------------------

/// What each lane computes: the picks per quantile and the result kind.
struct Setup {
    qs: Vec<f64>,
    qk: DTypeKind,
    gk: DTypeKind,
    rk: DTypeKind,
    interp: bool,
}

fn setup(akind: DTypeKind, q: &NdArray, args: &QuantileArgs) -> Setup {
    let qk = q.kind();
    let qs = q.to_vec::<f64>();
    let interp = !(args.method.is_discrete()
        || (args.method == Method::Linear && !qk.is_inexact())
        || args.weights.is_some());
    let gk = if qk.is_inexact() {
        qk
    } else {
        DTypeKind::Float64
    };
    let rk = if !interp {
        akind
    } else if args.weak_q {
        if akind.is_inexact() {
            akind
        } else {
            DTypeKind::Float64
        }
    } else {
        promote_kinds(akind, gk)
    };
    Setup {
        qs,
        qk,
        gk,
        rk,
        interp,
    }
}

/// Check `0 <= q <= 1` for every quantile (NaN fails).
fn check_q(q: &NdArray, percent: bool) -> Result<()> {
    let ok = q.to_vec::<f64>().iter().all(|&v| (0.0..=1.0).contains(&v));
    if !ok {
        return Err(Error::value(if percent {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    if q.ndim() > 2 {
        return Err(Error::value("q must be a scalar or 1d"));
    }
    Ok(())
}

/// Per-lane results, laid out (quantile, lane).
fn run_lanes<T: QElem, C: Fl + QElem>(
    data: &mut [T],
    wdata: Option<&[f64]>,
    n: usize,
    lanes: usize,
    s: &Setup,
    args: &QuantileArgs,
    skip_nan: bool,
    notes: &mut Notes,
    fl: &mut LerpFlags,
) -> Result<(Vec<C>, Vec<T>, Vec<bool>)> {
    let nq = s.qs.len();
    let mut out: Vec<C> = vec![C::of(0.0); nq * lanes];
    let mut picks_t: Vec<T> = vec![T::default(); if s.interp { 0 } else { nq * lanes }];
    let mut nan_lane = vec![false; lanes];
    let fixed: Vec<Pick> = if skip_nan || wdata.is_some() || n == 0 {
        Vec::new()
    } else {
        s.qs.iter()
            .map(|&q| plan(args.method, n, q, s.qk, s.gk))
            .collect()
    };
    let mut ks: Vec<usize> = Vec::new();
    for lane in 0..lanes {
        let Some(row) = data.get_mut(lane * n..(lane + 1) * n) else {
            continue;
        };
        if let Some(w) = wdata {
            let wrow = w.get(lane * n..(lane + 1) * n).unwrap_or(&[]);
            let filtered: (Vec<T>, Vec<f64>);
            let (vals, ws) = if skip_nan && row.iter().any(|v| v.nan()) {
                filtered = row
                    .iter()
                    .zip(wrow)
                    .filter(|(v, _)| !v.nan())
                    .map(|(v, w)| (*v, *w))
                    .unzip();
                (&filtered.0[..], &filtered.1[..])
            } else {
                (&row[..], wrow)
            };
            if vals.is_empty() {
                notes.warnings.push("All-NaN slice encountered");
                nan_lane[lane] = true;
                continue;
            }
            weighted_lane(vals, ws, &s.qs, s.qk, lane, lanes, &mut picks_t, notes)?;
            nan_lane[lane] = vals.iter().any(|v| v.nan());
            continue;
        }
        // NaN handling: a NaN makes the slice's result NaN (or is dropped by nan-variants).
        let mut m = n;
        if T::KIND.is_inexact() {
            if skip_nan {
                let mut w = 0usize;
                for i in 0..n {
                    if !row[i].nan() {
                        row.swap(w, i);
                        w += 1;
                    }
                }
                m = w;
                if m == 0 {
                    notes.warnings.push("All-NaN slice encountered");
                    nan_lane[lane] = true;
                    continue;
                }
            } else if row.iter().any(|v| v.nan()) {
                // The result is NaN, but NumPy still interpolates the partitioned lane
                // (NaN last), and its floating-point warnings are raised.
                nan_lane[lane] = true;
                if !s.interp {
                    continue;
                }
            }
        }
        let row = &mut row[..m];
        let local: Vec<Pick>;
        let picks: &[Pick] = if fixed.is_empty() {
            local =
                s.qs.iter()
                    .map(|&q| plan(args.method, m, q, s.qk, s.gk))
                    .collect();
            &local
        } else {
            &fixed
        };
        ks.clear();
        for p in picks {
            ks.push(p.lo);
            ks.push(p.hi);
        }
        ks.sort_unstable();
        ks.dedup();
        select_many(row, &ks);
        for (qi, p) in picks.iter().enumerate() {
            let (a, b) = (row[p.lo], row[p.hi]);
            if s.interp {
                out[qi * lanes + lane] = lerp::<T, C>(a, b, p.gamma, args.weak_q, s.gk, fl)?;
            } else {
                picks_t[qi * lanes + lane] = a;
            }
        }
    }
    Ok((out, picks_t, nan_lane))
}

/// Weighted `inverted_cdf` of one lane: sort by value, normalized cumulative weights,
/// first index whose cdf reaches q.
#[allow(clippy::too_many_arguments)]
fn weighted_lane<T: QElem>(
    row: &[T],
    w: &[f64],
    qs: &[f64],
    qk: DTypeKind,
    lane: usize,
    lanes: usize,
    picks: &mut [T],
    notes: &mut Notes,
) -> Result<()> {
    // NumPy's order: argsort (NaN last), then the weights' running sum in that order.
    let order = crate::sorting::argsort(&NdArray::from_vec(row.to_vec(), &[row.len()])?, None)?;
    let order: Vec<i64> = order.to_vec();
    let mut cdf: Vec<f64> = Vec::with_capacity(order.len());
    let mut acc = 0.0f64;
    for &i in &order {
        acc += w.get(i as usize).copied().unwrap_or(0.0);
        cdf.push(acc);
    }
    let total = acc;
    if total.is_nan() {
        return Err(Error::value("Weights included NaN, inf or were all zero."));
    }
    if total == 0.0 || total.is_infinite() {
        notes.flags.push(("divide", FpFlags(FpFlags::INVALID)));
    }
    // The normalized cdf, rounded to q's dtype; when it starts at 0, its zeros read as
    // -1 so that q = 0 skips values of zero weight (NumPy's rule). Monotone, so a
    // binary search over the running sums finds the first entry that reaches q.
    let zero_first = cdf.first().is_some_and(|&c| round_to(qk, c / total) == 0.0);
    let norm = |c: f64| match round_to(qk, c / total) {
        0.0 if zero_first => -1.0,
        v => v,
    };
    if norm(total).is_nan() {
        return Err(Error::value("Weights included NaN, inf or were all zero."));
    }
    for (qi, &q) in qs.iter().enumerate() {
        let k = cdf.partition_point(|&c| norm(c) < q).min(row.len() - 1);
        let pick = order.get(k).and_then(|&i| row.get(i as usize));
        if let (Some(slot), Some(&v)) = (picks.get_mut(qi * lanes + lane), pick) {
            *slot = v;
        }
    }
    Ok(())
}

/// `quantile(a, q, ...)` (`percentile` divides q by 100 first): NumPy's semantics for
/// every method; `skip_nan` gives `nanquantile`.
///
/// # Errors
/// TypeError for complex input, ValueError for q outside [0, 1], a bad method, or
/// weights with another method; IndexError for an empty reduction.
pub fn quantile(
    a: &NdArray,
    q: &NdArray,
    args: &QuantileArgs,
    percent: bool,
    skip_nan: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    if a.kind().is_complex() {
        return Err(Error::type_error("a must be an array of real numbers"));
    }
    check_q(q, percent)?;
    let mut weights: Option<NdArray> = None;
    if let Some(w) = &args.weights {
        if args.method != Method::InvertedCdf {
            return Err(Error::value(format!(
                "Only method 'inverted_cdf' supports weights. Got: {}.",
                METHOD_NAMES
                    .iter()
                    .find(|(_, m)| *m == args.method)
                    .map(|(n, _)| *n)
                    .unwrap_or("")
            )));
        }
        let axes = match &args.axes {
            None => None,
            Some(v) => Some(
                v.iter()
                    .map(|&x| numoxide_core::layout::normalize_axis(x, a.ndim()))
                    .collect::<Result<Vec<usize>>>()?,
            ),
        };
        let wv = super::weights_valid(w, a, axes.as_deref())?;
        if skip_nan && a.ndim() > 1 && axes.is_some() && wv.shape() != a.shape() {
            // NumPy's nan-path indexes the un-broadcast weights per slice.
            if let Some((d, _)) = wv
                .shape()
                .iter()
                .zip(a.shape())
                .find(|(w, a)| **w == 1 && **a > 1)
            {
                let _ = d;
                return Err(Error::new(
                    ErrorKind::Index,
                    "index 1 is out of bounds for axis 0 with size 1",
                ));
            }
        }
        let wf = wv.broadcast_to(a.shape())?;
        if wf.to_vec::<f64>().iter().any(|&v| v < 0.0) {
            return Err(Error::value("Weights must be non-negative."));
        }
        weights = Some(wf);
    }
    if skip_nan && a.size() == 0 {
        let rargs = ReduceArgs {
            axes: args.axes.clone(),
            keepdims: args.keepdims,
            out: args.out.clone(),
            ..Default::default()
        };
        return crate::nanfunctions::nanmean(a, &rargs, notes);
    }
    let (view, kept, n, reduced) = lane_view(a, args.axes.as_deref())?;
    let lanes: usize = kept.iter().product();
    if n == 0 && !skip_nan {
        return Err(Error::new(
            ErrorKind::Index,
            "index -1 is out of bounds for axis 0 with size 0",
        ));
    }
    let s = setup(a.kind(), q, args);
    if s.interp && a.kind() == DTypeKind::Bool && !skip_nan {
        // NumPy interpolates with `b - a`, which bools refuse even when there are no
        // lanes to interpolate.
        <bool as QElem>::diff(false, false)?;
    }
    let wdata: Option<Vec<f64>> = match &weights {
        None => None,
        Some(w) => {
            let (wv, _, _, _) = lane_view(w, args.axes.as_deref())?;
            Some(wv.to_vec::<f64>())
        }
    };
    let mut fl = LerpFlags::default();
    // nanquantile works lane by lane on 1-D slices (NumPy's apply_along_axis), so each
    // lane is NumPy's 0-d case when q is 0-d.
    let scalar_case = q.ndim() == 0 && (kept.is_empty() || skip_nan);
    let mut result = real_dispatch!(a.kind(), T => {
        let mut work = Work::<T>::of(&view)?;
        let data = work.as_mut_slice();
        macro_rules! go {
            ($C:ty) => {{
                let (vals, picks, nan_lane) = run_lanes::<T, $C>(
                    data, wdata.as_deref(), n, lanes, &s, args, skip_nan, notes, &mut fl,
                )?;
                assemble::<T, $C>(vals, picks, &nan_lane, &s, lanes, scalar_case && args.out.is_none())?
            }};
        }
        match s.rk {
            DTypeKind::Float16 if s.interp => go!(f16),
            DTypeKind::Float32 if s.interp => go!(f32),
            _ => go!(f64),
        }
    }, _ => return Err(Error::type_error("a must be an array of real numbers")));
    if s.interp {
        push_lerp_flags(notes, fl, scalar_case, args.weak_q);
    } else if result.kind() == a.kind() && result.dtype() != a.dtype() {
        // The picks of a discrete method keep the input's dtype, byte order included.
        result = result.astype(a.dtype().clone(), Order::K)?;
    }
    let mut shape: Vec<usize> = q.shape().to_vec();
    if args.keepdims {
        shape.extend(keep_shape(a.shape(), &reduced));
        if args.axes.is_none() {
            shape.truncate(q.ndim());
            shape.extend(std::iter::repeat_n(1, a.ndim()));
        }
    } else {
        shape.extend(kept.iter().copied());
    }
    if result.shape() != shape.as_slice() {
        let ishape: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
        result = result.reshape(&ishape, Order::C)?;
    }
    finish(result, &shape, args.out.as_ref())
}

/// Build the result array from the per-lane values: NaN lanes become NaN, and NumPy's
/// 0-d special case returns the element dtype for a NaN slice.
fn assemble<T: QElem, C: Fl + QElem>(
    vals: Vec<C>,
    picks: Vec<T>,
    nan_lane: &[bool],
    s: &Setup,
    lanes: usize,
    scalar_nan_quirk: bool,
) -> Result<NdArray> {
    let nq = s.qs.len();
    if scalar_nan_quirk && nan_lane.first() == Some(&true) {
        // NumPy returns the slice's last element (dtype of `a`) for a 0-d NaN result;
        // apply_along_axis then sizes the whole result by that first lane.
        let v: Vec<T> = (0..lanes)
            .map(|l| {
                if nan_lane[l] {
                    T::from_f64(f64::NAN)
                } else if s.interp {
                    T::from_f64(vals[l].f())
                } else {
                    picks[l]
                }
            })
            .collect();
        return NdArray::from_vec(v, &[lanes]);
    }
    let shape = [nq * lanes];
    if s.interp {
        let mut vals = vals;
        for qi in 0..nq {
            for (lane, &isnan) in nan_lane.iter().enumerate() {
                if isnan {
                    vals[qi * lanes + lane] = C::of(f64::NAN);
                }
            }
        }
        NdArray::from_vec(vals, &shape)
    } else {
        let mut picks = picks;
        for qi in 0..nq {
            for (lane, &isnan) in nan_lane.iter().enumerate() {
                if isnan {
                    picks[qi * lanes + lane] = T::from_f64(f64::NAN);
                }
            }
        }
        NdArray::from_vec(picks, &shape)
    }
}

// ----- median -----------------------------------------------------------------------------

/// `median` (`nanmedian` with `skip_nan`): the middle value(s) of each lane, averaged by
/// `mean` as NumPy does; a NaN in a slice makes it NaN.
///
/// # Errors
/// AxisError for a bad axis; out= shape mismatch.
pub fn median(
    a: &NdArray,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: Option<&NdArray>,
    skip_nan: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    if skip_nan && a.size() == 0 {
        let rargs = ReduceArgs {
            axes: axes.map(|v| v.to_vec()),
            keepdims,
            out: out.cloned(),
            ..Default::default()
        };
        return crate::nanfunctions::nanmean(a, &rargs, notes);
    }
    let (view, kept, n, reduced) = lane_view(a, axes)?;
    let lanes: usize = kept.iter().product();
    let kshape = if keepdims {
        if axes.is_none() {
            vec![1; a.ndim()]
        } else {
            keep_shape(a.shape(), &reduced)
        }
    } else {
        kept.clone()
    };
    // Masked (ma.median) arithmetic applies to nanmedian along an axis of < 600.
    let ma_path = skip_nan && axes.is_some() && a.ndim() > 1 && n < 600;
    let (vals, nan_lane) = real_dispatch!(a.kind(), T => {
        let mut work = Work::<T>::of(&view)?;
        let data = work.as_mut_slice();
        if !skip_nan {
            median_plain::<T>(data, n, lanes, &kept)?
        } else {
            nanmedian_lanes::<T>(data, n, lanes, ma_path, notes)?
        }
    }, _ => if skip_nan {
        nanmedian_complex(&view, n, lanes, notes)?
    } else {
        median_complex(&view, n, lanes, &kept)?
    });
    let r = if skip_nan {
        vals
    } else {
        // `vals` holds the middle values (lanes, k); mean gives NumPy's dtype and warnings.
        let margs = ReduceArgs {
            axes: Some(vec![-1]),
            ..Default::default()
        };
        reductions::mean(&vals, &margs, notes)?
    };
    let r = apply_nan_lanes(r, &nan_lane)?;
    finish(r, &kshape, out)
}

/// Middle values of each lane as a (lanes, k) array, and which lanes hold a NaN.
fn median_plain<T: QElem>(
    data: &mut [T],
    n: usize,
    lanes: usize,
    kept: &[usize],
) -> Result<(NdArray, Vec<Option<Scalar>>)> {
    let k = if n == 0 {
        0
    } else if n % 2 == 1 {
        1
    } else {
        2
    };
    let mut mid: Vec<T> = Vec::with_capacity(lanes * k);
    let mut nan_lane = vec![None; lanes];
    for lane in 0..lanes {
        let Some(row) = data.get_mut(lane * n..(lane + 1) * n) else {
            continue;
        };
        if k == 0 {
            continue;
        }
        if T::KIND.is_inexact() && row.iter().any(|v| v.nan()) {
            nan_lane[lane] = Some(Scalar::Float64(f64::NAN));
        }
        let h = n / 2;
        if k == 1 {
            select_many(row, &[h]);
            mid.push(row[h]);
        } else {
            select_many(row, &[h - 1, h]);
            mid.push(row[h - 1]);
            mid.push(row[h]);
        }
    }
    let mut shape = kept.to_vec();
    shape.push(k);
    Ok((NdArray::from_vec(mid, &shape)?, nan_lane))
}

/// NumPy's complex sort order: non-NaN values lexicographically, then R+nanj, nan+Rj,
/// nan+nanj.
fn complex_cmp(
    x: &numoxide_core::element::Complex128,
    y: &numoxide_core::element::Complex128,
) -> Ordering {
    let class = |c: &numoxide_core::element::Complex128| match (c.re.is_nan(), c.im.is_nan()) {
        (false, false) => 0,
        (false, true) => 1,
        (true, false) => 2,
        (true, true) => 3,
    };
    let (cx, cy) = (class(x), class(y));
    if cx != cy {
        return cx.cmp(&cy);
    }
    let key = |c: &numoxide_core::element::Complex128| match class(c) {
        0 => (c.re, c.im),
        1 => (c.re, 0.0),
        2 => (c.im, 0.0),
        _ => (0.0, 0.0),
    };
    key(x).partial_cmp(&key(y)).unwrap_or(Ordering::Equal)
}

/// Complex input: NumPy's median partitions complex values lexicographically; a NaN
/// slice takes its last (largest) element.
fn median_complex(
    view: &NdArray,
    n: usize,
    lanes: usize,
    kept: &[usize],
) -> Result<(NdArray, Vec<Option<Scalar>>)> {
    let data: Vec<numoxide_core::element::Complex128> = view.to_vec();
    let k = if n == 0 {
        0
    } else if n % 2 == 1 {
        1
    } else {
        2
    };
    let mut mid = Vec::with_capacity(lanes * k);
    let mut nan_lane = vec![None; lanes];
    for lane in 0..lanes {
        let Some(row) = data.get(lane * n..(lane + 1) * n) else {
            continue;
        };
        if k == 0 {
            continue;
        }
        let mut row = row.to_vec();
        row.sort_by(complex_cmp);
        if let Some(last) = row.last() {
            if last.re.is_nan() || last.im.is_nan() {
                nan_lane[lane] = Some(Scalar::Complex128(*last));
            }
        }
        let h = n / 2;
        if k == 2 {
            mid.push(row[h - 1]);
        }
        mid.push(row[h]);
    }
    let mut shape = kept.to_vec();
    shape.push(k);
    let arr = NdArray::from_vec(mid, &shape)?;
    Ok((arr.astype(view.dtype().to_native(), Order::C)?, nan_lane))
}

/// Complex `nanmedian`: the median of each lane's values with no NaN part (NaN and a
/// warning for a lane with none), in NumPy's complex order.
fn nanmedian_complex(
    view: &NdArray,
    n: usize,
    lanes: usize,
    notes: &mut Notes,
) -> Result<(NdArray, Vec<Option<Scalar>>)> {
    use numoxide_core::element::Complex128;
    let data: Vec<Complex128> = view.to_vec();
    let rk = if view.kind() == DTypeKind::Complex64 {
        DTypeKind::Float32
    } else {
        DTypeKind::Float64
    };
    let mut res: Vec<Complex128> = Vec::with_capacity(lanes);
    let mut nan_lane = vec![None; lanes];
    for lane in 0..lanes {
        let Some(row) = data.get(lane * n..(lane + 1) * n) else {
            continue;
        };
        let mut row: Vec<Complex128> = row
            .iter()
            .copied()
            .filter(|c| !(c.re.is_nan() || c.im.is_nan()))
            .collect();
        if row.is_empty() {
            notes.warnings.push("All-NaN slice encountered");
            let nan = Complex128::new(f64::NAN, 0.0);
            nan_lane[lane] = Some(Scalar::Complex128(nan));
            res.push(nan);
            continue;
        }
        row.sort_by(complex_cmp);
        let (w, h) = (row.len(), row.len() / 2);
        if w % 2 == 1 {
            res.push(row[h]);
        } else {
            let (a, b) = (row[h - 1], row[h]);
            res.push(Complex128::new(
                mean2(a.re, b.re, rk, false),
                mean2(a.im, b.im, rk, false),
            ));
        }
    }
    let arr = NdArray::from_vec(res, &[lanes])?;
    Ok((arr.astype(view.dtype().to_native(), Order::C)?, nan_lane))
}

/// Medians of the non-NaN values of each lane (NaN + warning for all-NaN lanes).
fn nanmedian_lanes<T: QElem>(
    data: &mut [T],
    n: usize,
    lanes: usize,
    ma_path: bool,
    notes: &mut Notes,
) -> Result<(NdArray, Vec<Option<Scalar>>)> {
    let mut res: Vec<f64> = Vec::with_capacity(lanes);
    let mut nan_lane = vec![None; lanes];
    let rk = if T::KIND.is_inexact() {
        T::KIND
    } else {
        DTypeKind::Float64
    };
    for lane in 0..lanes {
        let Some(row) = data.get_mut(lane * n..(lane + 1) * n) else {
            continue;
        };
        let mut w = 0usize;
        for i in 0..n {
            if !row[i].nan() {
                row.swap(w, i);
                w += 1;
            }
        }
        if w == 0 {
            notes.warnings.push("All-NaN slice encountered");
            nan_lane[lane] = Some(Scalar::Float64(f64::NAN));
            res.push(f64::NAN);
            continue;
        }
        let row = &mut row[..w];
        let h = w / 2;
        if w % 2 == 1 {
            select_many(row, &[h]);
            res.push(row[h].f());
        } else {
            select_many(row, &[h - 1, h]);
            res.push(mean2(row[h - 1].f(), row[h].f(), rk, ma_path));
        }
    }
    let arr = NdArray::from_vec(res, &[lanes])?;
    Ok((arr.astype(DType::new(rk), Order::C)?, nan_lane))
}

/// `mean([a, b])` in NumPy's arithmetic for result kind `rk`: the sum `a + (0 + b)`
/// (float16 sums in float32), divided by 2. `ma` is `np.ma.median`'s variant, where a
/// float16 sum is rounded to float16 before the division.
fn mean2(a: f64, b: f64, rk: DTypeKind, ma: bool) -> f64 {
    match rk {
        DTypeKind::Float16 => {
            let s = a as f32 + (0.0f32 + b as f32);
            if ma {
                let s16 = f16::from_f32(s);
                f16::from_f32(s16.to_f32() / 2.0).to_f64()
            } else {
                f16::from_f32(s / 2.0).to_f64()
            }
        }
        DTypeKind::Float32 => ((a as f32 + (0.0f32 + b as f32)) / 2.0) as f64,
        _ => (a + (0.0 + b)) / 2.0,
    }
}

/// Set the results of NaN lanes to their NaN value.
fn apply_nan_lanes(r: NdArray, nan_lane: &[Option<Scalar>]) -> Result<NdArray> {
    if nan_lane.iter().all(|v| v.is_none()) || !r.kind().is_inexact() {
        return Ok(r);
    }
    let flat = r.reshape(&[-1], Order::C)?;
    for (i, v) in nan_lane.iter().enumerate() {
        if let Some(v) = v {
            flat.set(&[i as isize], v.cast(r.kind()))?;
        }
    }
    Ok(r)
}

/// `np.true_divide(q, 100)`: percentiles to quantiles, in q's dtype (float64 for
/// integers).
///
/// # Errors
/// TypeError for q the division does not accept.
pub fn percent_to_fraction(q: &NdArray) -> Result<NdArray> {
    let mut flags = Vec::new();
    crate::elementwise::call(
        "divide",
        &[
            crate::ufunc::Input::Array(q.clone()),
            crate::ufunc::Input::Weak(crate::ufunc::Weak::Int(100)),
        ],
        &crate::ufunc::CallOptions::default(),
        &mut flags,
    )
}
