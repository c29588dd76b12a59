//! Statistics: median, percentile, quantile and the nan-variants; average, cov,
//! corrcoef, correlate, convolve; bincount, digitize and the histograms. Arguments are
//! parsed here; the work is in `numoxide_ops::statistics`.

use numoxide_core::NdArray;
use numoxide_ops::reductions::Notes;
use numoxide_ops::statistics::average::Mode;
use numoxide_ops::statistics::histogram::{self as hg, Bins};
use numoxide_ops::statistics::quantile::{self as qt, Method, QuantileArgs};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt};

use crate::api::reductions::{emit, result};
use crate::api::ufuncs::AxisArg;
use crate::array::{wrap, PyNdArray};
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
                .inner()
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

// ----- counting and histograms ----------------------------------------------------------

/// Parse `bins=`: a string estimator, an integer count, or 1-D edges.
fn bins_arg(bins: &Bound<'_, PyAny>) -> PyResult<Bins> {
    if let Ok(s) = bins.extract::<String>() {
        return Ok(Bins::Estimator(s));
    }
    let arr = to_array(bins, None)?;
    if arr.ndim() == 0 {
        if !(arr.kind().is_integer() || arr.kind() == numoxide_core::DTypeKind::Bool) {
            return Err(PyTypeError::new_err(
                "`bins` must be an integer, a string, or an array",
            ));
        }
        return Ok(Bins::Count(arr.item().py()?.as_f64() as i64));
    }
    if arr.ndim() != 1 {
        return Err(PyValueError::new_err("`bins` must be 1d, when an array"));
    }
    Ok(Bins::Edges(arr))
}

/// Parse `range=`: None or a (min, max) pair.
fn range_arg(range: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(f64, f64)>> {
    match range {
        Some(r) if !r.is_none() => {
            let (lo, hi): (f64, f64) = r.extract()?;
            Ok(Some((lo, hi)))
        }
        _ => Ok(None),
    }
}

fn opt_array(w: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NdArray>> {
    match w {
        Some(w) if !w.is_none() => Ok(Some(to_array(w, None)?)),
        _ => Ok(None),
    }
}

/// Count number of occurrences of each value in array of non-negative ints.
#[pyfunction]
#[pyo3(signature = (x, /, weights=None, minlength=0))]
pub fn bincount<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    weights: Option<&Bound<'py, PyAny>>,
    minlength: i64,
) -> PyResult<Bound<'py, PyAny>> {
    let xa = to_array(x, None)?;
    let w = opt_array(weights)?;
    let r = py
        .detach(|| hg::bincount(&xa, w.as_ref(), minlength))
        .py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Return the indices of the bins to which each value in input array belongs.
#[pyfunction]
#[pyo3(signature = (x, bins, right=false))]
pub fn digitize<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    bins: &Bound<'py, PyAny>,
    right: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let xa = to_array(x, None)?;
    let ba = to_array(bins, None)?;
    let r = py.detach(|| hg::digitize(&xa, &ba, right)).py()?;
    result(py, r, None)
}

/// Compute the histogram of a dataset.
#[pyfunction]
#[pyo3(signature = (a, bins=None, range=None, density=None, weights=None))]
pub fn histogram<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    bins: Option<&Bound<'py, PyAny>>,
    range: Option<&Bound<'py, PyAny>>,
    density: Option<bool>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let aa = to_array(a, None)?;
    let b = match bins {
        Some(b) => bins_arg(b)?,
        None => Bins::Count(10),
    };
    let rg = range_arg(range)?;
    let w = opt_array(weights)?;
    let mut notes = Notes::default();
    let r = py.detach(|| {
        hg::histogram(
            &aa,
            &b,
            rg,
            density.unwrap_or(false),
            w.as_ref(),
            &mut notes,
        )
    });
    emit(py, &notes)?;
    let (h, e) = r.py()?;
    Ok((
        wrap(py, h)?.into_bound(py).into_any(),
        wrap(py, e)?.into_bound(py).into_any(),
    ))
}

/// Function to calculate only the edges of the bins used by the `histogram` function.
#[pyfunction]
#[pyo3(signature = (a, bins=None, range=None, weights=None))]
pub fn histogram_bin_edges<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    bins: Option<&Bound<'py, PyAny>>,
    range: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let aa = to_array(a, None)?;
    let b = match bins {
        Some(b) => bins_arg(b)?,
        None => Bins::Count(10),
    };
    let rg = range_arg(range)?;
    let w = opt_array(weights)?;
    let mut notes = Notes::default();
    let r = py.detach(|| hg::histogram_bin_edges(&aa, &b, rg, w.as_ref(), &mut notes));
    emit(py, &notes)?;
    Ok(wrap(py, r.py()?)?.into_bound(py).into_any())
}

/// Per-dimension bins of histogramdd: one int/edges for all, or one entry each.
fn dd_bins(bins: Option<&Bound<'_, PyAny>>, d: usize) -> PyResult<Vec<Bins>> {
    let Some(b) = bins else {
        return Ok(vec![Bins::Count(10); d]);
    };
    if let Ok(n) = b.extract::<i64>() {
        return Ok(vec![Bins::Count(n); d]);
    }
    let items: Vec<Bound<'_, PyAny>> = match b.try_iter() {
        Ok(it) => it.collect::<PyResult<_>>()?,
        Err(_) => {
            return Err(PyTypeError::new_err(
                "`bins` must be an integer or a sequence",
            ))
        }
    };
    if items.len() != d {
        return Err(PyValueError::new_err(
            "The dimension of bins must be equal to the dimension of the sample x.",
        ));
    }
    items
        .iter()
        .map(|it| {
            if let Ok(n) = it.extract::<i64>() {
                return Ok(Bins::Count(n));
            }
            let arr = to_array(it, None)?;
            if arr.ndim() == 0 {
                return Err(PyTypeError::new_err(
                    "`bins` must be an integer, when a scalar",
                ));
            }
            Ok(Bins::Edges(arr))
        })
        .collect()
}

fn dd_ranges(range: Option<&Bound<'_, PyAny>>, d: usize) -> PyResult<Vec<Option<(f64, f64)>>> {
    match range {
        Some(r) if !r.is_none() => {
            let items: Vec<Bound<'_, PyAny>> = r.try_iter()?.collect::<PyResult<_>>()?;
            if items.len() != d {
                return Err(PyValueError::new_err(
                    "range argument must have one entry per dimension",
                ));
            }
            items.iter().map(|it| range_arg(Some(it))).collect()
        }
        _ => Ok(vec![None; d]),
    }
}

fn dd_run<'py>(
    py: Python<'py>,
    sample: NdArray,
    bins: Vec<Bins>,
    ranges: Vec<Option<(f64, f64)>>,
    density: bool,
    weights: Option<NdArray>,
) -> PyResult<(Bound<'py, PyAny>, Vec<Bound<'py, PyAny>>)> {
    let (h, edges) = py
        .detach(|| hg::histogramdd(&sample, &bins, &ranges, density, weights.as_ref()))
        .py()?;
    let e = edges
        .into_iter()
        .map(|e| Ok(wrap(py, e)?.into_bound(py).into_any()))
        .collect::<PyResult<Vec<_>>>()?;
    Ok((wrap(py, h)?.into_bound(py).into_any(), e))
}

/// The (N, D) sample of histogramdd: an array as given, a sequence of D columns.
fn dd_sample(sample: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    let is_array = sample.cast::<PyNdArray>().is_ok();
    let arr = to_array(sample, None)?;
    if is_array && arr.ndim() == 2 {
        return Ok(arr);
    }
    let arr = match arr.ndim() {
        0 => arr.reshape(&[1, 1], numoxide_core::Order::C).py()?,
        1 => arr.reshape(&[1, -1], numoxide_core::Order::C).py()?,
        _ => arr,
    };
    if arr.ndim() != 2 {
        return Err(PyValueError::new_err(
            "too many values to unpack (expected 2)",
        ));
    }
    arr.transpose(None).py()
}

/// Compute the multidimensional histogram of some data.
#[pyfunction]
#[pyo3(signature = (sample, bins=None, range=None, density=None, weights=None))]
pub fn histogramdd<'py>(
    py: Python<'py>,
    sample: &Bound<'py, PyAny>,
    bins: Option<&Bound<'py, PyAny>>,
    range: Option<&Bound<'py, PyAny>>,
    density: Option<bool>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, Vec<Bound<'py, PyAny>>)> {
    let s = dd_sample(sample)?;
    let d = s.shape()[1];
    let b = dd_bins(bins, d)?;
    let r = dd_ranges(range, d)?;
    dd_run(py, s, b, r, density.unwrap_or(false), opt_array(weights)?)
}

/// Compute the bi-dimensional histogram of two data samples.
#[pyfunction]
#[pyo3(signature = (x, y, bins=None, range=None, density=None, weights=None))]
pub fn histogram2d<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    bins: Option<&Bound<'py, PyAny>>,
    range: Option<&Bound<'py, PyAny>>,
    density: Option<bool>,
    weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    if x.len()? != y.len()? {
        return Err(PyValueError::new_err("x and y must have the same length."));
    }
    let xa = to_array(x, None)?;
    let ya = to_array(y, None)?;
    let kind = numoxide_core::cast::promote_kinds(xa.kind(), ya.kind());
    let dt = numoxide_core::DType::new(kind);
    let n = xa.size();
    let mut cols = Vec::with_capacity(2 * n);
    cols.extend(
        xa.astype(dt.clone(), numoxide_core::Order::C)
            .py()?
            .to_vec::<f64>(),
    );
    cols.extend(
        ya.astype(dt.clone(), numoxide_core::Order::C)
            .py()?
            .to_vec::<f64>(),
    );
    let s = NdArray::from_vec(cols, &[2, n])
        .and_then(|a| a.astype(dt, numoxide_core::Order::C))
        .and_then(|a| a.transpose(None))
        .py()?;
    let b = match bins {
        None => vec![Bins::Count(10); 2],
        Some(b) => {
            let len = b.len().ok();
            match len {
                Some(1) | Some(2) => dd_bins(Some(b), 2).or_else(|_| {
                    let e = bins_arg(b)?;
                    Ok::<_, PyErr>(vec![e.clone(), e])
                })?,
                Some(_) => {
                    let e = Bins::Edges(to_array(b, None)?);
                    vec![e.clone(), e]
                }
                None => dd_bins(Some(b), 2)?,
            }
        }
    };
    let r = dd_ranges(range, 2)?;
    let (h, mut e) = dd_run(py, s, b, r, density.unwrap_or(false), opt_array(weights)?)?;
    let ey = e.pop().ok_or_else(|| PyValueError::new_err("no edges"))?;
    let ex = e.pop().ok_or_else(|| PyValueError::new_err("no edges"))?;
    Ok((h, ex, ey))
}

/// Compute the weighted average along the specified axis.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::All, weights=None, returned=false, *, keepdims=false))]
pub fn average<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    weights: Option<&Bound<'py, PyAny>>,
    returned: bool,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let w = opt_array(weights)?;
    let axes = axis.or_default(None);
    let mut notes = Notes::default();
    let r = py.detach(|| {
        numoxide_ops::statistics::average::average(
            &arr,
            axes.as_deref(),
            w.as_ref(),
            returned,
            keepdims,
            &mut notes,
        )
    });
    emit(py, &notes)?;
    let (avg, scl) = r.py()?;
    let avg = result(py, avg, None)?;
    match scl {
        None => Ok(avg),
        Some(s) => {
            let s = result(py, s, None)?;
            Ok(pyo3::types::PyTuple::new(py, [avg, s])?.into_any())
        }
    }
}

fn mode_arg(mode: &Bound<'_, PyAny>) -> PyResult<Mode> {
    let text = match mode.extract::<i64>() {
        Ok(i) => i.to_string(),
        Err(_) => mode.extract::<String>()?,
    };
    Mode::parse(&text).py()
}

/// The shared body of `correlate` (`flip = false`) and `convolve` (`flip = true`).
fn correlate_with<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
    mode: Option<&Bound<'py, PyAny>>,
    default: Mode,
    flip: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let m = match mode {
        Some(m) => mode_arg(m)?,
        None => default,
    };
    let (x, y) = (to_array(a, None)?, to_array(v, None)?);
    let r = py
        .detach(|| numoxide_ops::statistics::average::correlate(&x, &y, m, flip))
        .py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Cross-correlation of two 1-dimensional sequences.
#[pyfunction]
#[pyo3(signature = (a, v, mode=None))]
pub fn correlate<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
    mode: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    correlate_with(py, a, v, mode, Mode::Valid, false)
}

/// Returns the discrete, linear convolution of two one-dimensional sequences.
#[pyfunction]
#[pyo3(signature = (a, v, mode=None))]
pub fn convolve<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
    mode: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    correlate_with(py, a, v, mode, Mode::Full, true)
}

/// `cov`'s ddof: an integer, or a float equal to one (NumPy checks `ddof == int(ddof)`).
fn ddof_arg(ddof: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(d) = ddof.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    if let Ok(i) = d.extract::<i64>() {
        return Ok(Some(i));
    }
    match d.extract::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => Ok(Some(f as i64)),
        _ => Err(PyValueError::new_err("ddof must be integer")),
    }
}

/// Estimate a covariance matrix, given data and weights.
#[pyfunction]
#[pyo3(signature = (m, y=None, rowvar=true, bias=false, ddof=None, fweights=None, aweights=None, *, dtype=None))]
#[allow(clippy::too_many_arguments)]
pub fn cov<'py>(
    py: Python<'py>,
    m: &Bound<'py, PyAny>,
    y: Option<&Bound<'py, PyAny>>,
    rowvar: bool,
    bias: bool,
    ddof: Option<&Bound<'py, PyAny>>,
    fweights: Option<&Bound<'py, PyAny>>,
    aweights: Option<&Bound<'py, PyAny>>,
    dtype: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let ddof = ddof_arg(ddof)?;
    let ma = to_array(m, None)?;
    let ya = opt_array(y)?;
    let fw = opt_array(fweights)?;
    let aw = opt_array(aweights)?;
    let dt = crate::dtype::opt_dtype(dtype)?;
    let mut notes = Notes::default();
    let r = py.detach(|| {
        numoxide_ops::statistics::average::cov(
            &ma,
            ya.as_ref(),
            rowvar,
            bias,
            ddof,
            fw.as_ref(),
            aw.as_ref(),
            dt,
            &mut notes,
        )
    });
    emit(py, &notes)?;
    // NumPy returns `c.squeeze()`: a 0-d array, not a scalar.
    Ok(wrap(py, r.py()?)?.into_bound(py).into_any())
}

/// Return Pearson product-moment correlation coefficients.
#[pyfunction]
#[pyo3(signature = (x, y=None, rowvar=true, *, dtype=None))]
pub fn corrcoef<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    y: Option<&Bound<'py, PyAny>>,
    rowvar: bool,
    dtype: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let xa = to_array(x, None)?;
    let ya = opt_array(y)?;
    let dt = crate::dtype::opt_dtype(dtype)?;
    let mut notes = Notes::default();
    let r = py.detach(|| {
        numoxide_ops::statistics::average::corrcoef(&xa, ya.as_ref(), rowvar, dt, &mut notes)
    });
    emit(py, &notes)?;
    let r = r.py()?;
    result(py, r, None)
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(nanmedian, m)?)?;
    m.add_function(wrap_pyfunction!(quantile, m)?)?;
    m.add_function(wrap_pyfunction!(percentile, m)?)?;
    m.add_function(wrap_pyfunction!(nanquantile, m)?)?;
    m.add_function(wrap_pyfunction!(nanpercentile, m)?)?;
    m.add_function(wrap_pyfunction!(bincount, m)?)?;
    m.add_function(wrap_pyfunction!(average, m)?)?;
    m.add_function(wrap_pyfunction!(cov, m)?)?;
    m.add_function(wrap_pyfunction!(corrcoef, m)?)?;
    m.add_function(wrap_pyfunction!(correlate, m)?)?;
    m.add_function(wrap_pyfunction!(convolve, m)?)?;
    m.add_function(wrap_pyfunction!(digitize, m)?)?;
    m.add_function(wrap_pyfunction!(histogram, m)?)?;
    m.add_function(wrap_pyfunction!(histogram_bin_edges, m)?)?;
    m.add_function(wrap_pyfunction!(histogramdd, m)?)?;
    m.add_function(wrap_pyfunction!(histogram2d, m)?)?;
    Ok(())
}
