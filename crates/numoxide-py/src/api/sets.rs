//! Set routines: `unique`, `unique_all`, `unique_counts`, `unique_inverse`,
//! `unique_values`, `intersect1d`, `union1d`, `setdiff1d`, `setxor1d`, `isin`.
//! Arguments are parsed here; the work is in `numoxide_ops::sets`.

use numoxide_core::NdArray;
use numoxide_ops::sets::{self, IsinKind, UniqueOptions, UniqueResult};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

use crate::array::wrap;
use crate::convert::to_array;
use crate::error::IntoPyResult;

static UNIQUE_ALL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UNIQUE_COUNTS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UNIQUE_INVERSE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// One of NumPy's result named tuples (`UniqueAllResult`, ...), made once.
fn named_tuple<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    fields: &[&str],
) -> PyResult<Bound<'py, PyType>> {
    let t = cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let nt = py.import("collections")?.getattr("namedtuple")?;
        let cls = nt.call1((name, fields.to_vec()))?;
        cls.setattr("__module__", "numoxide")?;
        Ok(cls.cast_into::<PyType>()?.unbind())
    })?;
    Ok(t.bind(py).clone())
}

fn arr<'py>(py: Python<'py>, a: NdArray) -> PyResult<Bound<'py, PyAny>> {
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

fn run_unique(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    opts: &UniqueOptions,
) -> PyResult<UniqueResult> {
    let x = to_array(a, None)?;
    py.detach(|| sets::unique(&x, opts)).py()
}

fn opt_arr<'py>(py: Python<'py>, a: Option<NdArray>) -> PyResult<Bound<'py, PyAny>> {
    match a {
        Some(a) => arr(py, a),
        None => Err(PyValueError::new_err("internal: missing unique output")),
    }
}

/// Find the unique elements of an array.
#[pyfunction]
#[pyo3(signature = (ar, return_index=false, return_inverse=false, return_counts=false, axis=None, *, equal_nan=true, sorted=true))]
pub fn unique<'py>(
    py: Python<'py>,
    ar: &Bound<'py, PyAny>,
    return_index: bool,
    return_inverse: bool,
    return_counts: bool,
    axis: Option<isize>,
    equal_nan: bool,
    sorted: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = UniqueOptions {
        return_index,
        return_inverse,
        return_counts,
        axis,
        equal_nan,
        sorted,
    };
    let r = run_unique(py, ar, &opts)?;
    if !(return_index || return_inverse || return_counts) {
        return arr(py, r.values);
    }
    let mut items = vec![arr(py, r.values)?];
    for a in [r.index, r.inverse, r.counts].into_iter().flatten() {
        items.push(arr(py, a)?);
    }
    Ok(PyTuple::new(py, items)?.into_any())
}

fn array_api_opts(index: bool, inverse: bool, counts: bool) -> UniqueOptions {
    UniqueOptions {
        return_index: index,
        return_inverse: inverse,
        return_counts: counts,
        axis: None,
        equal_nan: false,
        sorted: false,
    }
}

/// Find the unique elements of an array, and counts, inverse, and indices.
#[pyfunction]
#[pyo3(signature = (x))]
pub fn unique_all<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = run_unique(py, x, &array_api_opts(true, true, true))?;
    let cls = named_tuple(
        py,
        &UNIQUE_ALL,
        "UniqueAllResult",
        &["values", "indices", "inverse_indices", "counts"],
    )?;
    cls.call1((
        arr(py, r.values)?,
        opt_arr(py, r.index)?,
        opt_arr(py, r.inverse)?,
        opt_arr(py, r.counts)?,
    ))
}

/// Find the unique elements and counts of an input array `x`.
#[pyfunction]
#[pyo3(signature = (x))]
pub fn unique_counts<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = run_unique(py, x, &array_api_opts(false, false, true))?;
    let cls = named_tuple(
        py,
        &UNIQUE_COUNTS,
        "UniqueCountsResult",
        &["values", "counts"],
    )?;
    cls.call1((arr(py, r.values)?, opt_arr(py, r.counts)?))
}

/// Find the unique elements of `x` and indices to reconstruct `x`.
#[pyfunction]
#[pyo3(signature = (x))]
pub fn unique_inverse<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = run_unique(py, x, &array_api_opts(false, true, false))?;
    let cls = named_tuple(
        py,
        &UNIQUE_INVERSE,
        "UniqueInverseResult",
        &["values", "inverse_indices"],
    )?;
    cls.call1((arr(py, r.values)?, opt_arr(py, r.inverse)?))
}

/// Returns the unique elements of an input array `x`.
#[pyfunction]
#[pyo3(signature = (x))]
pub fn unique_values<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = run_unique(py, x, &array_api_opts(false, false, false))?;
    arr(py, r.values)
}

/// Find the intersection of two arrays.
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false, return_indices=false))]
pub fn intersect1d<'py>(
    py: Python<'py>,
    ar1: &Bound<'py, PyAny>,
    ar2: &Bound<'py, PyAny>,
    assume_unique: bool,
    return_indices: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (to_array(ar1, None)?, to_array(ar2, None)?);
    let (v, idx) = py
        .detach(|| sets::intersect1d(&a, &b, assume_unique, return_indices))
        .py()?;
    match idx {
        None => arr(py, v),
        Some((i1, i2)) => {
            Ok(PyTuple::new(py, [arr(py, v)?, arr(py, i1)?, arr(py, i2)?])?.into_any())
        }
    }
}

/// Find the union of two arrays.
#[pyfunction]
pub fn union1d<'py>(
    py: Python<'py>,
    ar1: &Bound<'py, PyAny>,
    ar2: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (to_array(ar1, None)?, to_array(ar2, None)?);
    let r = py.detach(|| sets::union1d(&a, &b)).py()?;
    arr(py, r)
}

/// Find the set difference of two arrays.
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false))]
pub fn setdiff1d<'py>(
    py: Python<'py>,
    ar1: &Bound<'py, PyAny>,
    ar2: &Bound<'py, PyAny>,
    assume_unique: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (to_array(ar1, None)?, to_array(ar2, None)?);
    let r = py.detach(|| sets::setdiff1d(&a, &b, assume_unique)).py()?;
    arr(py, r)
}

/// Find the set exclusive-or of two arrays.
#[pyfunction]
#[pyo3(signature = (ar1, ar2, assume_unique=false))]
pub fn setxor1d<'py>(
    py: Python<'py>,
    ar1: &Bound<'py, PyAny>,
    ar2: &Bound<'py, PyAny>,
    assume_unique: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (to_array(ar1, None)?, to_array(ar2, None)?);
    let r = py.detach(|| sets::setxor1d(&a, &b, assume_unique)).py()?;
    arr(py, r)
}

/// Calculates ``element in test_elements``, broadcasting over `element` only.
#[pyfunction]
#[pyo3(signature = (element, test_elements, assume_unique=false, invert=false, *, kind=None))]
pub fn isin<'py>(
    py: Python<'py>,
    element: &Bound<'py, PyAny>,
    test_elements: &Bound<'py, PyAny>,
    assume_unique: bool,
    invert: bool,
    kind: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = assume_unique; // membership is exact either way
    let kind = match kind.filter(|k| !k.is_none()) {
        None => IsinKind::Auto,
        Some(k) => match k.extract::<String>().ok().as_deref() {
            Some("sort") => IsinKind::Sort,
            Some("table") => IsinKind::Table,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "Invalid kind: '{}'. Please use None, 'sort' or 'table'.",
                    k.str()?
                )))
            }
        },
    };
    let (a, b) = (to_array(element, None)?, to_array(test_elements, None)?);
    let r = py.detach(|| sets::isin(&a, &b, invert, kind)).py()?;
    arr(py, r)
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(unique, m)?)?;
    m.add_function(wrap_pyfunction!(unique_all, m)?)?;
    m.add_function(wrap_pyfunction!(unique_counts, m)?)?;
    m.add_function(wrap_pyfunction!(unique_inverse, m)?)?;
    m.add_function(wrap_pyfunction!(unique_values, m)?)?;
    m.add_function(wrap_pyfunction!(intersect1d, m)?)?;
    m.add_function(wrap_pyfunction!(union1d, m)?)?;
    m.add_function(wrap_pyfunction!(setdiff1d, m)?)?;
    m.add_function(wrap_pyfunction!(setxor1d, m)?)?;
    m.add_function(wrap_pyfunction!(isin, m)?)?;
    Ok(())
}
