//! The nan-aware reductions (NumPy's `_nanfunctions_impl`): NaNs are replaced by the
//! operation's neutral value (or skipped) and NumPy's warnings are recorded in `Notes`.

use numoxide_core::{DType, Error, NdArray, Order, Result, Scalar};

use crate::elementwise;
use crate::reductions::{self, Notes, ReduceArgs};
use crate::ufunc::{CallOptions, Input, Weak};

/// Run a reduction and record its flags under NumPy's method name ("reduce" or
/// "accumulate"), optionally without "invalid" (fmin/fmax skip NaN quietly).
fn renamed<T>(
    notes: &mut Notes,
    method: &'static str,
    strip_invalid: bool,
    f: impl FnOnce(&mut Notes) -> Result<T>,
) -> Result<T> {
    let mut local = Notes::default();
    let r = f(&mut local);
    notes.warnings.extend(local.warnings);
    for (_, fl) in local.flags {
        let fl = if strip_invalid {
            crate::ufunc::FpFlags(fl.0 & !crate::ufunc::FpFlags::INVALID)
        } else {
            fl
        };
        if !fl.is_empty() {
            notes.flags.push((method, fl));
        }
    }
    r
}

fn any_true(a: &NdArray) -> bool {
    a.to_vec::<bool>().into_iter().any(|b| b)
}

fn isnan(a: &NdArray) -> Result<NdArray> {
    let mut f = Vec::new();
    elementwise::call(
        "isnan",
        &[Input::Array(a.clone())],
        &CallOptions::default(),
        &mut f,
    )
}

/// `nansum` (`nanprod` with `prod`): NaN counts as 0 (1).
pub fn nansum(a: &NdArray, args: &ReduceArgs, prod: bool, notes: &mut Notes) -> Result<NdArray> {
    let (arr, _) = reductions::replace_nan(a, if prod { 1.0 } else { 0.0 })?;
    renamed(notes, "reduce", false, |n| {
        reductions::reduce_with(if prod { "multiply" } else { "add" }, &arr, args, n)
    })
}

/// `nancumsum` / `nancumprod`.
pub fn nancumulative(
    a: &NdArray,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<NdArray>,
    prod: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let (arr, _) = reductions::replace_nan(a, if prod { 1.0 } else { 0.0 })?;
    renamed(notes, "accumulate", false, |n| {
        reductions::cumulative(
            if prod { "multiply" } else { "add" },
            &arr,
            axis,
            dtype,
            out,
            n,
        )
    })
}

/// `nanmin` / `nanmax`: `fmin`/`fmax` reductions; all-NaN slices warn.
pub fn nanextreme(a: &NdArray, args: &ReduceArgs, max: bool, notes: &mut Notes) -> Result<NdArray> {
    let r = renamed(notes, "reduce", true, |n| {
        reductions::reduce_with(if max { "fmax" } else { "fmin" }, a, args, n)
    })?;
    if r.kind().is_inexact() && any_true(&isnan(&r)?) {
        notes.warnings.push("All-NaN slice encountered");
    }
    Ok(r)
}

/// `nanargmin` / `nanargmax`: ValueError on an all-NaN slice.
pub fn nanarg(a: &NdArray, axis: Option<isize>, keepdims: bool, max: bool) -> Result<NdArray> {
    let (arr, mask) = reductions::replace_nan(
        a,
        if max {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        },
    )?;
    if let Some(mask) = mask {
        if mask.size() > 0 {
            let margs = ReduceArgs {
                axes: axis.map(|x| vec![x]),
                ..Default::default()
            };
            let mut n = Notes::default();
            let all = reductions::any_all(&mask, &margs, true, &mut n)?;
            if any_true(&all) {
                return Err(Error::value("All-NaN slice encountered"));
            }
        }
    }
    reductions::arg_extreme(&arr, axis, keepdims, max)
}

fn check_dtype(args: &ReduceArgs) -> Result<()> {
    if let Some(d) = &args.dtype {
        if !d.kind().is_inexact() {
            return Err(Error::type_error(
                "If a is inexact, then dtype must be inexact",
            ));
        }
    }
    Ok(())
}

/// Count of non-NaN elements per output (int64), with the reduction's axes and keepdims.
fn count(mask: &NdArray, args: &ReduceArgs, keepdims: bool) -> Result<NdArray> {
    let mut n = Notes::default();
    let notm = elementwise::call(
        "logical_not",
        &[Input::Array(mask.clone())],
        &CallOptions::default(),
        &mut n.flags,
    )?;
    let cargs = ReduceArgs {
        axes: args.axes.clone(),
        dtype: Some(DType::INT64),
        keepdims,
        where_: args.where_.clone(),
        out: None,
        initial: None,
    };
    reductions::reduce_with("add", &notm, &cargs, &mut n)
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

/// `nanmean`: the mean of the non-NaN elements; empty slices warn "Mean of empty slice".
pub fn nanmean(a: &NdArray, args: &ReduceArgs, notes: &mut Notes) -> Result<NdArray> {
    let (arr, mask) = reductions::replace_nan(a, 0.0)?;
    let Some(mask) = mask else {
        return reductions::mean(&arr, args, notes);
    };
    check_dtype(args)?;
    let cnt = count(&mask, args, args.keepdims)?;
    let sargs = ReduceArgs {
        out: None,
        ..args.clone()
    };
    let tot = renamed(notes, "reduce", false, |n| {
        reductions::reduce_with("add", &arr, &sargs, n)
    })?;
    let avg = elementwise::divide_by_count(&tot, &Input::Array(cnt.clone()))?;
    if cnt.to_vec::<i64>().contains(&0) {
        notes.warnings.push("Mean of empty slice");
    }
    finish_out(avg, &args.out)
}

/// `nanvar` (and `nanstd` with `take_sqrt`), as NumPy's: mean of non-NaN, squared
/// deviations with NaNs zeroed, divided by `count - ddof`; bad slices become NaN.
pub fn nanvar(
    a: &NdArray,
    args: &ReduceArgs,
    ddof: f64,
    take_sqrt: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let (arr, mask) = reductions::replace_nan(a, 0.0)?;
    let Some(mask) = mask else {
        return reductions::var(&arr, args, ddof, take_sqrt, notes);
    };
    check_dtype(args)?;
    let cnt = count(&mask, args, true)?;
    let margs = ReduceArgs {
        keepdims: true,
        out: None,
        ..args.clone()
    };
    let avg = renamed(notes, "reduce", false, |n| {
        reductions::reduce_with("add", &arr, &margs, n)
    })?;
    let avg = elementwise::divide_by_count(&avg, &Input::Array(cnt.clone()))?;
    let unsafe_where = CallOptions {
        out: vec![Some(arr.clone())],
        casting: numoxide_core::cast::Casting::Unsafe,
        where_: args.where_.clone(),
        ..Default::default()
    };
    elementwise::call(
        "subtract",
        &[Input::Array(arr.clone()), Input::Array(avg)],
        &unsafe_where,
        &mut notes.flags,
    )?;
    // arr[mask] = 0
    let zero = NdArray::from_scalar(Scalar::Float64(0.0)).astype(arr.dtype().clone(), Order::C)?;
    let z = elementwise::where_(&mask, &Input::Array(zero), &Input::Array(arr.clone()))?;
    arr.assign(&z)?;
    let sqr = if arr.kind().is_complex() {
        let c = elementwise::call(
            "conjugate",
            &[Input::Array(arr.clone())],
            &CallOptions::default(),
            &mut notes.flags,
        )?;
        elementwise::call(
            "multiply",
            &[Input::Array(arr.clone()), Input::Array(c)],
            &CallOptions {
                out: vec![Some(arr.clone())],
                where_: args.where_.clone(),
                ..Default::default()
            },
            &mut notes.flags,
        )?;
        arr.real()
    } else {
        elementwise::call(
            "multiply",
            &[Input::Array(arr.clone()), Input::Array(arr.clone())],
            &CallOptions {
                out: vec![Some(arr.clone())],
                where_: args.where_.clone(),
                ..Default::default()
            },
            &mut notes.flags,
        )?
    };
    let vargs = ReduceArgs {
        out: None,
        ..args.clone()
    };
    let var = renamed(notes, "reduce", false, |n| {
        reductions::reduce_with("add", &sqr, &vargs, n)
    })?;
    let cnt = if var.ndim() < cnt.ndim() {
        let shape: Vec<isize> = var.shape().iter().map(|&d| d as isize).collect();
        cnt.reshape(&shape, Order::C)?
    } else {
        cnt
    };
    // dof = cnt - ddof (float when ddof is fractional, as NumPy's Python arithmetic).
    let dof = if ddof.fract() == 0.0 {
        elementwise::call(
            "subtract",
            &[Input::Array(cnt), Input::Weak(Weak::Int(ddof as i128))],
            &CallOptions::default(),
            &mut notes.flags,
        )?
    } else {
        elementwise::call(
            "subtract",
            &[Input::Array(cnt), Input::Weak(Weak::Float(ddof))],
            &CallOptions::default(),
            &mut notes.flags,
        )?
    };
    let mut var = elementwise::divide_by_count(&var, &Input::Array(dof.clone()))?;
    let mut f = Vec::new();
    let isbad = elementwise::call(
        "less_equal",
        &[Input::Array(dof), Input::Weak(Weak::Int(0))],
        &CallOptions::default(),
        &mut f,
    )?;
    if any_true(&isbad) {
        notes.warnings.push("Degrees of freedom <= 0 for slice.");
        let nan = NdArray::from_scalar(Scalar::Float64(f64::NAN))
            .astype(var.dtype().clone(), Order::C)?;
        var = elementwise::where_(&isbad, &Input::Array(nan), &Input::Array(var))?;
    }
    if take_sqrt {
        var = elementwise::call(
            "sqrt",
            &[Input::Array(var)],
            &CallOptions::default(),
            &mut notes.flags,
        )?;
    }
    finish_out(var, &args.out)
}
