//! Statistics: median, percentile, quantile and the nan-variants; average, cov,
//! corrcoef, correlate, convolve; bincount, digitize and the histograms. Arguments are
//! parsed here; the work is in `numoxide_ops::statistics`.

use numoxide_core::NdArray;
use numoxide_ops::reductions::Notes;
use numoxide_ops::statistics::quantile::{self as qt, Method, QuantileArgs};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt};

use crate::api::reductions::{emit, result};
use crate::api::ufuncs::AxisArg;
use crate::array::PyNdArray;
use crate::convert::to_array;
use crate::error::IntoPyResult;

/// The array behind an `out=` argument, and the object to return.
fn out_arg(out: Option<&Bound<'_, PyAny>>) -> PyResult<(Option<NdArray>, Option<Py<PyAny>>)> {
    match out {
        Some(o) if !o.is_none() => {
            let arr = o
                .cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("output must be an array"))?
                .borrow()
                .inner
                .clone();
            Ok((Some(arr), Some(o.clone().unbind())))
        }
        _ => Ok((None, None)),
    }
}

/// Compute the median along the specified axis.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::All, out=None, overwrite_input=false, keepdims=false))]
pub fn median<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    out: Option<&Bound<'py, PyAny>>,
    overwrite_input: bool,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    median_impl(py, a, axis, out, overwrite_input, keepdims, false)
}

/// Compute the median along the specified axis, while ignoring NaNs.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::All, out=None, overwrite_input=false, keepdims=false))]
pub fn nanmedian<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    out: Option<&Bound<'py, PyAny>>,
    overwrite_input: bool,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    median_impl(py, a, axis, out, overwrite_input, keepdims, true)
}

fn median_impl<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    out: Option<&Bound<'py, PyAny>>,
    _overwrite_input: bool,
    keepdims: bool,
    skip_nan: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let (out_arr, out_obj) = out_arg(out)?;
    let axes = axis.or_default(None);
    let mut notes = Notes::default();
    let r = py.detach(|| {
        qt::median(
            &arr,
            axes.as_deref(),
            keepdims,
            out_arr.as_ref(),
            skip_nan,
            &mut notes,
        )
    });
    emit(py, &notes)?;
    let r = r.py()?;
    result(py, r, out_obj)
}

macro_rules! quantile_fn {
    ($fname:ident, $percent:literal, $skip:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, q, axis=AxisArg::All, out=None, overwrite_input=false, method="linear", keepdims=false, *, weights=None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            q: &Bound<'py, PyAny>,
            axis: AxisArg,
            out: Option<&Bound<'py, PyAny>>,
            overwrite_input: bool,
            method: &str,
            keepdims: bool,
            weights: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let _ = overwrite_input;
            let arr = to_array(a, None)?;
            let weak_q = q.is_exact_instance_of::<PyInt>() || q.is_exact_instance_of::<PyFloat>();
            let mut qa = to_array(q, None)?;
            if $percent {
                qa = qt::percent_to_fraction(&qa).py()?;
            }
            let (out_arr, out_obj) = out_arg(out)?;
            let weights = match weights {
                Some(w) if !w.is_none() => Some(to_array(w, None)?),
                _ => None,
            };
            let weighted = weights.is_some();
            let method = Method::parse(method);
            let mut notes = Notes::default();
            let r = py
                .detach(|| {
                    let args = QuantileArgs {
                        axes: axis.or_default(None),
                        keepdims,
                        out: out_arr,
                        method: method?,
                        weights,
                        weak_q,
                    };
                    qt::quantile(&arr, &qa, &args, $percent, $skip, &mut notes)
                });
            emit(py, &notes)?;
            let r = r.py()?;
            // NumPy's weighted path fills a 0-d array (and returns it as an array)
            // unless the slice held a NaN.
            if weighted && out_obj.is_none() && r.ndim() == 0 && !r.item().py()?.as_f64().is_nan() {
                return Ok(crate::array::wrap(py, r)?.into_bound(py).into_any());
            }
            result(py, r, out_obj)
        }
    };
}
quantile_fn!(
    quantile,
    false,
    false,
    "Compute the q-th quantile of the data along the specified axis."
);
quantile_fn!(
    percentile,
    true,
    false,
    "Compute the q-th percentile of the data along the specified axis."
);
quantile_fn!(
    nanquantile,
    false,
    true,
    "Compute the qth quantile of the data along the specified axis, while ignoring nan values."
);
quantile_fn!(
    nanpercentile,
    true,
    true,
    "Compute the qth percentile of the data along the specified axis, while ignoring nan values."
);

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(nanmedian, m)?)?;
    m.add_function(wrap_pyfunction!(quantile, m)?)?;
    m.add_function(wrap_pyfunction!(percentile, m)?)?;
    m.add_function(wrap_pyfunction!(nanquantile, m)?)?;
    m.add_function(wrap_pyfunction!(nanpercentile, m)?)?;
    Ok(())
}
