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
