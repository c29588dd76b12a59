//! Reductions and their relatives (NumPy's "calculation" methods): sum, prod, min, max,
//! any, all, mean, var, std, argmin, argmax, ptp, cumsum, cumprod, count_nonzero. Each is
//! built on the ufunc machinery so results are bit-identical to NumPy's: `mean` and
//! `var` follow the same sequence of pairwise sums and divisions as NumPy's
//! `_methods.py`.

use numoxide_core::cast::Casting;
use numoxide_core::layout;
use numoxide_core::{DType, DTypeKind, Error, NdArray, Order, Result, Scalar};

use crate::ufunc::{self, CallOptions, FpFlags, Input, ReduceOptions, Weak};

/// Warnings a reduction wants raised (besides floating-point flags), in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// RuntimeWarning texts, e.g. "Mean of empty slice".
    pub warnings: Vec<&'static str>,
    /// Floating-point flags with the ufunc name that raised them.
    pub flags: Vec<(&'static str, FpFlags)>,
}

impl Notes {
    fn flag(&mut self, name: &'static str, f: FpFlags) {
        if !f.is_empty() {
            self.flags.push((name, f));
        }
    }
    /// NumPy names the final division of a reduction to a 0-d result "scalar divide":
    /// the `intp` count and the sum's scalar meet in NumPy's scalar math, except where
    /// neither type casts safely to the other (float16, float32, complex64 and uint64
    /// against int64), which goes through the ufunc, "divide".
    fn scalar_division(&mut self, result: &NdArray) {
        let via_ufunc = matches!(
            result.kind(),
            DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Complex64 | DTypeKind::UInt64
        );
        if result.ndim() == 0 && !via_ufunc {
            for entry in self.flags.iter_mut().rev() {
                if entry.0 == "divide" {
                    entry.0 = "scalar divide";
                    break;
                }
            }
        }
    }
}

fn uf(name: &str) -> Result<&'static ufunc::Ufunc> {
    ufunc::get(name).ok_or_else(|| Error::value(format!("no ufunc {name}")))
}

/// Common arguments of the reductions.
#[derive(Clone, Debug, Default)]
pub struct ReduceArgs {
    /// Axes (None = all).
    pub axes: Option<Vec<isize>>,
    /// dtype=.
    pub dtype: Option<DType>,
    /// keepdims=.
    pub keepdims: bool,
    /// where= mask.
    pub where_: Option<NdArray>,
    /// out=.
    pub out: Option<NdArray>,
    /// initial=.
    pub initial: Option<Scalar>,
}

/// `ufunc.reduce` with the shared arguments.
pub fn reduce_with(
    name: &'static str,
    a: &NdArray,
    args: &ReduceArgs,
    notes: &mut Notes,
) -> Result<NdArray> {
    let opts = ReduceOptions {
        axes: args.axes.clone(),
        dtype: args.dtype.clone(),
        out: args.out.clone(),
        keepdims: args.keepdims,
        initial: args.initial,
        where_: args.where_.clone(),
        ..Default::default()
    };
    let (r, f) = ufunc::reduce(uf(name)?, a, &opts)?;
    // NumPy names the loop of a reduction "reduce" in its warnings.
    notes.flag("reduce", f);
    Ok(r)
}

/// `any`/`all`: reduce the truth values.
pub fn any_all(a: &NdArray, args: &ReduceArgs, all: bool, notes: &mut Notes) -> Result<NdArray> {
    let b = if a.kind() == DTypeKind::Bool {
        a.clone()
    } else {
        truthy(a)?
    };
    let mut args = args.clone();
    args.dtype = None;
    reduce_with(
        if all { "logical_and" } else { "logical_or" },
        &b,
        &args,
        notes,
    )
}

/// Elementwise `x != 0` as a bool array.
pub fn truthy(a: &NdArray) -> Result<NdArray> {
    let (r, _) = ufunc::call(
        uf("not_equal")?,
        &[Input::Array(a.clone()), Input::Weak(Weak::Int(0))],
        &CallOptions::default(),
    )?;
    r.into_iter()
        .next()
        .ok_or_else(|| Error::value("no output"))
}

/// The number of elements a reduction over `axes` combines (per output element).
fn reduced_count(a: &NdArray, axes: &Option<Vec<isize>>) -> Result<usize> {
    Ok(match axes {
        None => a.size(),
        Some(v) => {
            let ax = layout::normalize_axes(v, a.ndim())?;
            ax.iter().map(|&d| a.shape()[d]).product()
        }
    })
}

fn call1(
    name: &'static str,
    inputs: &[Input],
    opts: &CallOptions,
    notes: &mut Notes,
) -> Result<NdArray> {
    let (r, f) = ufunc::call(uf(name)?, inputs, opts)?;
    notes.flag(name, f);
    r.into_iter()
        .next()
        .ok_or_else(|| Error::value("no output"))
}

/// The count of `where`-selected elements per output (as NumPy's `_count_reduce_items`).
fn where_count(a: &NdArray, args: &ReduceArgs, notes: &mut Notes) -> Result<Option<NdArray>> {
    match &args.where_ {
        None => Ok(None),
        Some(w) => {
            let wb = w.broadcast_to(a.shape())?;
            let ones = NdArray::full(a.shape(), DType::INT64, Scalar::Int64(1), Order::C)?;
            let cargs = ReduceArgs {
                axes: args.axes.clone(),
                dtype: Some(DType::INT64),
                keepdims: true,
                where_: Some(wb),
                out: None,
                initial: Some(Scalar::Int64(0)),
            };
            Ok(Some(reduce_with("add", &ones, &cargs, notes)?))
        }
    }
}

/// `mean`, as NumPy's `_mean`: a sum in float64 for integer input (float32 for float16),
/// then a true division by the count.
pub fn mean(a: &NdArray, args: &ReduceArgs, notes: &mut Notes) -> Result<NdArray> {
    let kind = a.kind();
    let mut dtype = args.dtype.clone();
    let mut f16_result = false;
    if dtype.is_none() {
        if kind.is_integer() || kind == DTypeKind::Bool {
            dtype = Some(DType::FLOAT64);
        } else if kind == DTypeKind::Float16 {
            dtype = Some(DType::new(DTypeKind::Float32));
            f16_result = true;
        }
    }
    let counts = where_count(a, args, notes)?;
    let n = reduced_count(a, &args.axes)?;
    let empty = match &counts {
        None => n == 0,
        Some(c) => c.to_vec::<i64>().contains(&0),
    };
    if empty {
        notes.warnings.push("Mean of empty slice");
    }
    let sargs = ReduceArgs {
        dtype,
        out: None,
        ..args.clone()
    };
    let total = reduce_with("add", a, &sargs, notes)?;
    let divisor = match counts {
        None => count_divisor(n as f64),
        Some(c) => {
            let c = if args.keepdims {
                c
            } else {
                c.reshape(
                    &total
                        .shape()
                        .iter()
                        .map(|&d| d as isize)
                        .collect::<Vec<_>>(),
                    Order::C,
                )?
            };
            Input::Array(c)
        }
    };
    let scalar = total.ndim() == 0;
    let to = if f16_result && scalar {
        DType::new(DTypeKind::Float16)
    } else {
        total.dtype().clone()
    };
    let mut r = divide_back(&total, divisor, &to, scalar, notes)?;
    if f16_result && !scalar {
        r = cast_noting(&r, &DType::new(DTypeKind::Float16), notes)?;
    }
    finish_out(r, &args.out)
}

/// NumPy's count divisor: `_count_reduce_items` returns an `intp` scalar, and var takes
/// `maximum(rcount - ddof, 0)` (a float64 scalar for a fractional ddof). Either way the
/// divisor is a strong operand, so a float32 sum divides in float64 and a complex64 one
/// in complex128 before rounding back.
fn count_divisor(count: f64) -> Input {
    let s = if count.fract() == 0.0 && count.abs() < 9.0e18 {
        Scalar::Int64(count as i64)
    } else {
        Scalar::Float64(count)
    };
    Input::Array(NdArray::from_scalar(s))
}

/// `ret / rcount` brought back to `to` as NumPy's `_mean`/`_var` do it: an array result
/// is divided in place (`true_divide(ret, rcount, out=ret, casting='unsafe')`, so a
/// failed cast is reported by "divide"); a scalar result goes through its type's
/// constructor (`ret.dtype.type(ret / rcount)`, reported as "cast").
fn divide_back(
    ret: &NdArray,
    rcount: Input,
    to: &DType,
    scalar: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let inputs = [Input::Array(ret.clone()), rcount];
    let mut opts = CallOptions {
        casting: Casting::Unsafe,
        ..Default::default()
    };
    if scalar {
        let r = call1("divide", &inputs, &opts, notes)?;
        notes.scalar_division(ret);
        return cast_noting(&r, to, notes);
    }
    opts.out = vec![Some(ret.clone())];
    let r = call1("divide", &inputs, &opts, notes)?;
    cast_noting(&r, to, notes)
}

/// `r` as `to`, with the invalid/overflow flags of the conversion noted as NumPy's
/// "... encountered in cast" warnings.
fn cast_noting(r: &NdArray, to: &DType, notes: &mut Notes) -> Result<NdArray> {
    if r.dtype() == to {
        return Ok(r.clone());
    }
    ufunc::fpstatus::clear_all();
    let c = r.astype(to.clone(), Order::K)?;
    let f = ufunc::fpstatus::read_all();
    ufunc::fpstatus::clear_all();
    notes.flag(
        "cast",
        FpFlags(f.0 & (FpFlags::INVALID | FpFlags::OVERFLOW)),
    );
    Ok(c)
}

/// var/std's last step: the sum of squares over the count, in the sum's dtype, and its
/// square root for std; written to `out` when given.
fn divide_by_count(
    ret: &NdArray,
    rcount: Input,
    take_sqrt: bool,
    out: &Option<NdArray>,
    notes: &mut Notes,
) -> Result<NdArray> {
    let mut r = divide_back(ret, rcount, ret.dtype(), ret.ndim() == 0, notes)?;
    if take_sqrt {
        r = if r.kind().is_inexact() {
            call1("sqrt", &[Input::Array(r)], &CallOptions::default(), notes)?
        } else if r.ndim() == 0 && out.is_none() {
            // An integer or bool dtype= and a scalar result: NumPy's _std converts the
            // square root back to that dtype (`ret.dtype.type(sqrt(ret))`).
            let root = call1(
                "sqrt",
                &[Input::Array(r.clone())],
                &CallOptions::default(),
                notes,
            )?;
            root.astype(r.dtype().clone(), Order::C)?
        } else {
            // An array result: NumPy takes `sqrt(ret, out=ret)`, which same_kind casting
            // refuses for an integer `ret`; the same call gives the same error here.
            let opts = CallOptions {
                out: vec![Some(r.clone())],
                ..Default::default()
            };
            call1("sqrt", &[Input::Array(r)], &opts, notes)?
        };
    }
    finish_out(r, out)
}

fn finish_out(r: NdArray, out: &Option<NdArray>) -> Result<NdArray> {
    match out {
        Some(o) => {
            o.assign(&r)?;
            Ok(o.clone())
        }
        None => Ok(r),
    }
}

/// `var` (and `std` with `sqrt`), as NumPy's `_var`.
pub fn var(
    a: &NdArray,
    args: &ReduceArgs,
    ddof: f64,
    take_sqrt: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let kind = a.kind();
    let dtype = match &args.dtype {
        Some(d) => Some(d.clone()),
        None if kind.is_integer() || kind == DTypeKind::Bool => Some(DType::FLOAT64),
        None => None,
    };
    let counts = where_count(a, args, notes)?;
    let n = reduced_count(a, &args.axes)?;
    let min_count = match &counts {
        None => n as f64,
        Some(c) => c.to_vec::<i64>().into_iter().min().unwrap_or(0) as f64,
    };
    if ddof >= min_count {
        notes.warnings.push("Degrees of freedom <= 0 for slice");
    }
    let margs = ReduceArgs {
        dtype: dtype.clone(),
        keepdims: true,
        out: None,
        ..args.clone()
    };
    let arrmean = reduce_with("add", a, &margs, notes)?;
    let div = match &counts {
        None => count_divisor(n as f64),
        Some(c) => Input::Array(c.clone()),
    };
    // keepdims=True gives NumPy an array here, except for a 0-d input (a scalar).
    let arrmean = divide_back(
        &arrmean,
        div,
        &arrmean.dtype().clone(),
        arrmean.ndim() == 0,
        notes,
    )?;
    if let Some(ret) = fused_sum_of_squares(a, args, &arrmean, counts.is_none()) {
        return var_finish(ret, args, n, ddof, take_sqrt, notes);
    }
    let x = call1(
        "subtract",
        &[Input::Array(a.clone()), Input::Array(arrmean)],
        &CallOptions::default(),
        notes,
    )?;
    let x = if x.kind().is_complex() {
        let re = x.real();
        let im = x.imag()?;
        // NumPy squares the real and imaginary parts in one `square` call (one warning).
        let mut parts = Notes::default();
        let re2 = call1(
            "square",
            &[Input::Array(re)],
            &CallOptions::default(),
            &mut parts,
        )?;
        let im2 = call1(
            "square",
            &[Input::Array(im)],
            &CallOptions::default(),
            &mut parts,
        )?;
        let flags = parts
            .flags
            .iter()
            .fold(FpFlags::default(), |acc, (_, f)| acc.union(*f));
        notes.flag("square", flags);
        call1(
            "add",
            &[Input::Array(re2), Input::Array(im2)],
            &CallOptions::default(),
            notes,
        )?
    } else {
        call1(
            "square",
            &[Input::Array(x.clone())],
            &CallOptions {
                out: vec![Some(x.clone())],
                ..Default::default()
            },
            notes,
        )?
    };
    let sargs = ReduceArgs {
        dtype,
        out: None,
        ..args.clone()
    };
    let ret = reduce_with("add", &x, &sargs, notes)?;
    let rcount: Input = match counts {
        None => count_divisor((n as f64 - ddof).max(0.0)),
        Some(c) => {
            let c = if args.keepdims {
                c
            } else {
                c.reshape(
                    &ret.shape().iter().map(|&d| d as isize).collect::<Vec<_>>(),
                    Order::C,
                )?
            };
            let cf = c.astype(DType::FLOAT64, Order::C)?;
            let shifted = call1(
                "subtract",
                &[Input::Array(cf), Input::Weak(Weak::Float(ddof))],
                &CallOptions::default(),
                notes,
            )?;
            Input::Array(call1(
                "maximum",
                &[Input::Array(shifted), Input::Weak(Weak::Int(0))],
                &CallOptions::default(),
                notes,
            )?)
        }
    };
    divide_by_count(&ret, rcount, take_sqrt, &args.out, notes)
}

/// The sum of squared deviations of a whole contiguous float64 array, without the
/// temporaries: each (x - mean)^2 is computed as the pairwise sum loads it, in NumPy's
/// order, so the sum is bit-identical to `sum((a - mean) * (a - mean))`. `None` when the
/// case does not fit or a floating-point flag was raised (the general path then runs
/// and names the operation that raised it).
fn fused_sum_of_squares(
    a: &NdArray,
    args: &ReduceArgs,
    arrmean: &NdArray,
    no_where: bool,
) -> Option<NdArray> {
    if a.kind() != DTypeKind::Float64
        || !no_where
        || args.axes.is_some()
        || args.dtype.is_some()
        || args.keepdims
        || args.out.is_some()
        || !a.dtype().is_native()
        || !a.is_c_contiguous()
        || a.size() == 0
        || arrmean.kind() != DTypeKind::Float64
        || arrmean.size() != 1
    {
        return None;
    }
    let m: f64 = arrmean.item().ok()?.to::<f64>();
    ufunc::fpstatus::clear_all();
    // SAFETY: the array is C-contiguous with `size` float64 elements at data_ptr.
    let total = 0.0
        + unsafe {
            ufunc::kernels::pairwise::<f64, f64>(a.data_ptr(), 8, a.size(), -0.0, move |v| {
                let d = v - m;
                d * d
            })
        };
    let flags = ufunc::fpstatus::read_all();
    ufunc::fpstatus::clear_all();
    if !flags.is_empty() {
        return None;
    }
    Some(NdArray::from_scalar(Scalar::Float64(total)))
}

/// The end of `var` for a whole-array result: divide by max(n - ddof, 0), then sqrt.
fn var_finish(
    ret: NdArray,
    args: &ReduceArgs,
    n: usize,
    ddof: f64,
    take_sqrt: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let rcount = count_divisor((n as f64 - ddof).max(0.0));
    divide_by_count(&ret, rcount, take_sqrt, &args.out, notes)
}

/// `argmax`/`argmin` along one axis (None = flattened); NaN counts as the extreme and
/// the first occurrence wins, as in NumPy.
pub fn arg_extreme(
    a: &NdArray,
    axis: Option<isize>,
    keepdims: bool,
    want_max: bool,
) -> Result<NdArray> {
    let name = if want_max { "argmax" } else { "argmin" };
    let (work, ax) = match axis {
        None => (a.reshape(&[-1], Order::C)?, 0usize),
        Some(ax) => (
            a.clone(),
            layout::normalize_axis(ax, a.ndim().max(1)).map_err(|_| Error::axis(ax, a.ndim()))?,
        ),
    };
    if work.ndim() == 0 {
        return Ok(NdArray::from_scalar(Scalar::Int64(0)));
    }
    let n = work.shape()[ax];
    if n == 0 {
        return Err(Error::value(format!(
            "attempt to get {name} of an empty sequence"
        )));
    }
    // Move the axis last and read each lane.
    let moved = work.moveaxis(&[ax as isize], &[-1])?;
    let lanes: usize = moved.shape()[..moved.ndim() - 1].iter().product();
    let values = moved.copy(Order::C)?;
    let mut out: Vec<i64> = Vec::with_capacity(lanes);
    numoxide_core::dispatch!(values.kind(), T => {
        let flat: Vec<T> = values.to_vec::<T>();
        for lane in 0..lanes {
            let row = &flat[lane * n..(lane + 1) * n];
            out.push(best_index(row, want_max) as i64);
        }
    });
    let mut shape: Vec<usize> = moved.shape()[..moved.ndim() - 1].to_vec();
    let mut r = NdArray::from_vec(out, &shape)?;
    if keepdims {
        match axis {
            None => {
                shape = vec![1; a.ndim()];
                r = r.reshape(
                    &shape.iter().map(|&d| d as isize).collect::<Vec<_>>(),
                    Order::C,
                )?;
            }
            Some(_) => r = r.expand_dims(&[ax as isize])?,
        }
    }
    Ok(r)
}

/// Ordering used by argmax/argmin: NaN is the extreme; complex compares lexicographically.
pub trait ArgOrd: Copy {
    /// True when `self` is NaN (in any part).
    fn is_nan_(self) -> bool;
    /// `self > other` (lexicographic for complex).
    fn gt(self, other: Self) -> bool;
    /// `self < other`.
    fn lt(self, other: Self) -> bool;
}

macro_rules! argord_plain {
    ($($t:ty),*) => {$(
        impl ArgOrd for $t {
            fn is_nan_(self) -> bool { false }
            fn gt(self, o: Self) -> bool { self > o }
            fn lt(self, o: Self) -> bool { self < o }
        }
    )*};
}
argord_plain!(bool, i8, u8, i16, u16, i32, u32, i64, u64);
macro_rules! argord_float {
    ($($t:ty),*) => {$(
        impl ArgOrd for $t {
            fn is_nan_(self) -> bool { self.is_nan() }
            fn gt(self, o: Self) -> bool { self > o }
            fn lt(self, o: Self) -> bool { self < o }
        }
    )*};
}
argord_float!(f32, f64, half::f16);
impl<F: num_traits::Float> ArgOrd for num_complex::Complex<F> {
    fn is_nan_(self) -> bool {
        self.re.is_nan() || self.im.is_nan()
    }
    fn gt(self, o: Self) -> bool {
        self.re > o.re || (self.re == o.re && self.im > o.im)
    }
    fn lt(self, o: Self) -> bool {
        self.re < o.re || (self.re == o.re && self.im < o.im)
    }
}

fn best_index<T: ArgOrd>(row: &[T], want_max: bool) -> usize {
    let mut best = 0usize;
    let Some(&first) = row.first() else { return 0 };
    if first.is_nan_() {
        return 0;
    }
    let mut bv = first;
    for (i, &v) in row.iter().enumerate().skip(1) {
        if v.is_nan_() {
            return i;
        }
        if (want_max && v.gt(bv)) || (!want_max && v.lt(bv)) {
            bv = v;
            best = i;
        }
    }
    best
}

/// `cumsum`/`cumprod` (axis None flattens first).
pub fn cumulative(
    name: &'static str,
    a: &NdArray,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<NdArray>,
    notes: &mut Notes,
) -> Result<NdArray> {
    let (work, ax) = match axis {
        None => (a.reshape(&[-1], Order::C)?, 0isize),
        Some(ax) => (a.clone(), ax),
    };
    let work = if work.ndim() == 0 {
        work.reshape(&[1], Order::C)?
    } else {
        work
    };
    let (r, f) = ufunc::accumulate(uf(name)?, &work, ax, dtype, out)?;
    notes.flag("accumulate", f);
    Ok(r)
}

/// `count_nonzero` along axes (None: the total).
pub fn count_nonzero(a: &NdArray, axes: Option<Vec<isize>>, keepdims: bool) -> Result<NdArray> {
    let t = truthy(a)?;
    let args = ReduceArgs {
        axes,
        dtype: Some(DType::INT64),
        keepdims,
        ..Default::default()
    };
    let mut notes = Notes::default();
    reduce_with("add", &t, &args, &mut notes)
}

/// `ptp`: max - min along axes.
pub fn ptp(a: &NdArray, args: &ReduceArgs, notes: &mut Notes) -> Result<NdArray> {
    let margs = ReduceArgs {
        out: None,
        ..args.clone()
    };
    let mx = reduce_with("maximum", a, &margs, notes)?;
    let mn = reduce_with("minimum", a, &margs, notes)?;
    let r = call1(
        "subtract",
        &[Input::Array(mx), Input::Array(mn)],
        &CallOptions::default(),
        notes,
    )?;
    finish_out(r, &args.out)
}

/// Copy of `a` with NaNs replaced by `value` (for the nan-functions), and the NaN mask.
pub fn replace_nan(a: &NdArray, value: f64) -> Result<(NdArray, Option<NdArray>)> {
    if !a.kind().is_inexact() {
        return Ok((a.clone(), None));
    }
    let (m, _) = ufunc::call(
        uf("isnan")?,
        &[Input::Array(a.clone())],
        &CallOptions::default(),
    )?;
    let mask = m
        .into_iter()
        .next()
        .ok_or_else(|| Error::value("no output"))?;
    let out = a.copy(Order::K)?;
    let fill =
        NdArray::from_scalar(Scalar::Float64(value)).astype(out.dtype().clone(), Order::C)?;
    out.assign_where(&fill, &mask)?;
    Ok((out, Some(mask)))
}
