//! The nan-aware reductions: nansum, nanprod, nanmean, nanvar, nanstd, nanmin, nanmax,
//! nanargmin, nanargmax, nancumsum, nancumprod. The work is in
//! `numoxide_ops::nanfunctions`; arguments are parsed as for the plain reductions.

use numoxide_ops::nanfunctions as nf;
use numoxide_ops::reductions::Notes;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::api::reductions::{emit, parse, result};
use crate::api::ufuncs::AxisArg;
use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::opt_dtype;
use crate::error::IntoPyResult;

macro_rules! nan_sum_fn {
    ($fname:ident, $prod:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: AxisArg,
            dtype: Option<&Bound<'py, PyAny>>,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
            initial: Option<&Bound<'py, PyAny>>,
            r#where: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            let p = parse(axis, dtype, out, keepdims, initial, r#where)?;
            let mut notes = Notes::default();
            let r = nf::nansum(&arr, &p.args, $prod, &mut notes).py()?;
            emit(py, &notes)?;
            result(py, r, p.out_obj)
        }
    };
}
nan_sum_fn!(
    nansum,
    false,
    "Sum of array elements over a given axis treating NaNs as zero."
);
nan_sum_fn!(
    nanprod,
    true,
    "Product of array elements over a given axis treating NaNs as one."
);

macro_rules! nan_ext_fn {
    ($fname:ident, $max:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=AxisArg::Unspecified, out=None, keepdims=false, initial=None, r#where=None))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: AxisArg,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
            initial: Option<&Bound<'py, PyAny>>,
            r#where: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            let p = parse(axis, None, out, keepdims, initial, r#where)?;
            let mut notes = Notes::default();
            let r = nf::nanextreme(&arr, &p.args, $max, &mut notes).py()?;
            emit(py, &notes)?;
            result(py, r, p.out_obj)
        }
    };
}
nan_ext_fn!(
    nanmin,
    false,
    "Minimum of an array or along an axis, ignoring any NaNs."
);
nan_ext_fn!(
    nanmax,
    true,
    "Maximum of an array or along an axis, ignoring any NaNs."
);

macro_rules! nan_arg_fn {
    ($fname:ident, $max:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=None, out=None, *, keepdims=false))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: Option<isize>,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            let r = nf::nanarg(&arr, axis, keepdims, $max).py()?;
            if let Some(o) = out.filter(|o| !o.is_none()) {
                let oa = o
                    .cast::<PyNdArray>()
                    .map_err(|_| PyTypeError::new_err("output must be an array"))?;
                oa.get().inner().assign(&r).py()?;
                return Ok(o.clone());
            }
            result(py, r, None)
        }
    };
}
nan_arg_fn!(
    nanargmin,
    false,
    "Indices of the minimum values along an axis, ignoring NaNs."
);
nan_arg_fn!(
    nanargmax,
    true,
    "Indices of the maximum values along an axis, ignoring NaNs."
);

/// Arithmetic mean along an axis, ignoring NaNs.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, *, r#where=None))]
pub fn nanmean<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let p = parse(axis, dtype, out, keepdims, None, r#where)?;
    let mut notes = Notes::default();
    let r = nf::nanmean(&arr, &p.args, &mut notes).py()?;
    emit(py, &notes)?;
    result(py, r, p.out_obj)
}

#[allow(clippy::too_many_arguments)]
fn nanvar_std<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    sqrt: bool,
) -> PyResult<Bound<'py, PyAny>> {
    crate::api::reductions::var_std_with(
        py,
        nf::nanvar,
        a,
        axis,
        dtype,
        out,
        ddof,
        keepdims,
        r#where,
        sqrt,
    )
}

/// Variance along an axis, ignoring NaNs.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
#[allow(clippy::too_many_arguments)]
pub fn nanvar<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    mean: Option<&Bound<'py, PyAny>>,
    correction: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = mean;
    let d = correction.unwrap_or(ddof);
    nanvar_std(py, a, axis, dtype, out, d, keepdims, r#where, false)
}

/// Standard deviation along an axis, ignoring NaNs.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
#[allow(clippy::too_many_arguments)]
pub fn nanstd<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    mean: Option<&Bound<'py, PyAny>>,
    correction: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = mean;
    let d = correction.unwrap_or(ddof);
    nanvar_std(py, a, axis, dtype, out, d, keepdims, r#where, true)
}

fn nancum<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    prod: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let out_arr = match out {
        Some(o) if !o.is_none() => Some(
            o.cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("output must be an array"))?
                .borrow()
                .inner()
                .clone(),
        ),
        _ => None,
    };
    let mut notes = Notes::default();
    let r = nf::nancumulative(&arr, axis, opt_dtype(dtype)?, out_arr, prod, &mut notes).py()?;
    emit(py, &notes)?;
    if let Some(o) = out.filter(|o| !o.is_none()) {
        return Ok(o.clone());
    }
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Cumulative sum treating NaNs as zero.
#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None))]
pub fn nancumsum<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    nancum(py, a, axis, dtype, out, false)
}

/// Cumulative product treating NaNs as one.
#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None))]
pub fn nancumprod<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    nancum(py, a, axis, dtype, out, true)
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(nansum, m)?)?;
    m.add_function(wrap_pyfunction!(nanprod, m)?)?;
    m.add_function(wrap_pyfunction!(nanmin, m)?)?;
    m.add_function(wrap_pyfunction!(nanmax, m)?)?;
    m.add_function(wrap_pyfunction!(nanargmin, m)?)?;
    m.add_function(wrap_pyfunction!(nanargmax, m)?)?;
    m.add_function(wrap_pyfunction!(nanmean, m)?)?;
    m.add_function(wrap_pyfunction!(nanvar, m)?)?;
    m.add_function(wrap_pyfunction!(nanstd, m)?)?;
    m.add_function(wrap_pyfunction!(nancumsum, m)?)?;
    m.add_function(wrap_pyfunction!(nancumprod, m)?)?;
    Ok(())
}
