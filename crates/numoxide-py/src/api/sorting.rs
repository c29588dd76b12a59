//! Sorting and searching: `sort`, `argsort`, `lexsort`, `partition`, `argpartition`,
//! `searchsorted`, `sort_complex`, and the ndarray methods of the same names. Arguments
//! are parsed here; the work is in `numoxide_ops::sorting`.

use numoxide_core::{DTypeKind, NdArray};
use numoxide_ops::sorting;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// A result array, or a numoxide scalar when it is 0-d.
pub(crate) fn array_or_scalar(py: Python<'_>, r: NdArray) -> PyResult<Bound<'_, PyAny>> {
    if r.ndim() == 0 {
        return scalar_to_numoxide(py, r.item().py()?);
    }
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

fn no_order(order: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match order {
        Some(o) if !o.is_none() => Err(PyValueError::new_err(
            "Cannot specify order when the array has no fields.",
        )),
        _ => Ok(()),
    }
}

fn check_kind(kind: Option<&str>, stable: Option<bool>) -> PyResult<sorting::SortKind> {
    sorting::sort_kind(kind, stable).py()
}

/// Parse `descending=` (NumPy 2.5) beside `kind=`: like `stable=`, it may not come with a
/// kind; `None` and `False` ask for the ascending order.
fn descending_arg(kind: Option<&str>, descending: Option<bool>) -> PyResult<bool> {
    if kind.is_some() && descending.is_some() {
        return Err(PyValueError::new_err(
            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
        ));
    }
    Ok(descending == Some(true))
}

/// Parse a partition `kth`: an integer or a 1-D sequence of integers.
fn kth_arg(kth: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if kth.is_instance_of::<PyBool>() {
        return Err(PyValueError::new_err(
            "Booleans unacceptable as partition index",
        ));
    }
    if let Ok(k) = kth.extract::<isize>() {
        return Ok(vec![k]);
    }
    let arr = to_array(kth, None)?;
    if arr.kind() == DTypeKind::Bool {
        return Err(PyValueError::new_err(
            "Booleans unacceptable as partition index",
        ));
    }
    if !arr.kind().is_integer() {
        return Err(PyTypeError::new_err("Partition index must be integer"));
    }
    if arr.ndim() > 1 {
        return Err(PyValueError::new_err("object too deep for desired array"));
    }
    Ok(arr
        .to_vec::<i64>()
        .into_iter()
        .map(|k| k as isize)
        .collect())
}

/// Parse `side=` ("left" or "right").
fn side_arg(side: &str) -> PyResult<bool> {
    match side {
        "left" => Ok(false),
        "right" => Ok(true),
        s if s.starts_with(['l', 'L', 'r', 'R']) => Err(PyValueError::new_err(
            "search side must be one of 'left' or 'right'",
        )),
        s => Err(PyValueError::new_err(format!(
            "search side must be 'left' or 'right' (got '{s}')"
        ))),
    }
}

/// Parse `sorter=`: a 1-D integer array-like.
fn sorter_arg(sorter: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NdArray>> {
    let Some(s) = sorter.filter(|s| !s.is_none()) else {
        return Ok(None);
    };
    let arr = to_array(s, None)?;
    if arr.ndim() != 1 {
        return Err(PyTypeError::new_err("could not parse sorter argument"));
    }
    match arr.kind() {
        DTypeKind::UInt64 => Err(PyValueError::new_err("could not parse sorter argument")),
        k if k.is_integer() => Ok(Some(arr)),
        _ => Err(PyTypeError::new_err("sorter must only contain integers")),
    }
}

/// Return a sorted copy of an array.
#[pyfunction]
#[pyo3(signature = (a, axis=Some(-1), kind=None, order=None, *, stable=None, descending=None))]
pub fn sort<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Option<&Bound<'py, PyAny>>,
    stable: Option<bool>,
    descending: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    let down = descending_arg(kind, descending)?;
    let kind = check_kind(kind, stable)?;
    let arr = to_array(a, None)?;
    no_order(order)?;
    let r = if down {
        py.detach(|| sorting::sort_descending(&arr, axis)).py()?
    } else {
        py.detach(|| sorting::sort_with(&arr, axis, kind)).py()?
    };
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Returns the indices that would sort an array.
#[pyfunction]
#[pyo3(signature = (a, axis=Some(-1), kind=None, order=None, *, stable=None, descending=None))]
pub fn argsort<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    kind: Option<&str>,
    order: Option<&Bound<'py, PyAny>>,
    stable: Option<bool>,
    descending: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    let down = descending_arg(kind, descending)?;
    check_kind(kind, stable)?;
    let arr = to_array(a, None)?;
    no_order(order)?;
    let r = if down {
        py.detach(|| sorting::argsort_descending(&arr, axis)).py()?
    } else {
        py.detach(|| sorting::argsort(&arr, axis)).py()?
    };
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Perform an indirect stable sort using a sequence of keys (the last key is primary).
#[pyfunction]
#[pyo3(signature = (keys, axis=-1))]
pub fn lexsort<'py>(
    py: Python<'py>,
    keys: &Bound<'py, PyAny>,
    axis: isize,
) -> PyResult<Bound<'py, PyAny>> {
    let list: Vec<NdArray> = if keys.is_instance_of::<PyList>() || keys.is_instance_of::<PyTuple>()
    {
        keys.try_iter()?
            .map(|k| to_array(&k?, None))
            .collect::<PyResult<_>>()?
    } else {
        let arr = to_array(keys, None)?;
        if arr.ndim() == 0 {
            Vec::new()
        } else {
            (0..arr.shape()[0] as isize)
                .map(|i| arr.index(&[numoxide_core::IndexItem::Int(i)]).py())
                .collect::<PyResult<_>>()?
        }
    };
    let r = py.detach(|| sorting::lexsort(&list, axis)).py()?;
    array_or_scalar(py, r)
}

/// Return a partitioned copy of an array.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind="introselect", order=None))]
pub fn partition<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    kth: &Bound<'py, PyAny>,
    axis: Option<isize>,
    kind: &str,
    order: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    sorting::select_kind(kind).py()?;
    no_order(order)?;
    let ks = kth_arg(kth)?;
    let r = py.detach(|| sorting::partition(&arr, &ks, axis)).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Perform an indirect partition along the given axis.
#[pyfunction]
#[pyo3(signature = (a, kth, axis=Some(-1), kind="introselect", order=None))]
pub fn argpartition<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    kth: &Bound<'py, PyAny>,
    axis: Option<isize>,
    kind: &str,
    order: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    sorting::select_kind(kind).py()?;
    no_order(order)?;
    let ks = kth_arg(kth)?;
    let r = py.detach(|| sorting::argpartition(&arr, &ks, axis)).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Find indices where elements should be inserted to maintain order.
#[pyfunction]
#[pyo3(signature = (a, v, side="left", sorter=None))]
pub fn searchsorted<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
    side: &str,
    sorter: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    search_impl(py, &arr, v, side, sorter)
}

fn search_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    v: &Bound<'py, PyAny>,
    side: &str,
    sorter: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let right = side_arg(side)?;
    let values = to_array(v, None)?;
    let s = sorter_arg(sorter)?;
    let r = py
        .detach(|| sorting::searchsorted(a, &values, right, s.as_ref()))
        .py()?;
    array_or_scalar(py, r)
}

/// Sort a complex array using the real part first, then the imaginary part.
#[pyfunction]
pub fn sort_complex<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let r = py.detach(|| sorting::sort_complex(&arr)).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

#[pymethods]
impl PyNdArray {
    /// Sort an array in-place.
    #[pyo3(name = "sort", signature = (axis=-1, kind=None, order=None, *, stable=None, descending=None))]
    fn sort_method(
        &self,
        py: Python<'_>,
        axis: isize,
        kind: Option<&str>,
        order: Option<&Bound<'_, PyAny>>,
        stable: Option<bool>,
        descending: Option<bool>,
    ) -> PyResult<()> {
        let down = descending_arg(kind, descending)?;
        let kind = check_kind(kind, stable)?;
        no_order(order)?;
        let guard = self.inner();
        let a: &NdArray = &guard;
        if down {
            return py
                .detach(|| -> numoxide_core::Result<()> {
                    a.check_writeable()?;
                    a.assign(&sorting::sort_descending(a, Some(axis))?)
                })
                .py();
        }
        py.detach(|| sorting::sort_inplace_with(a, axis, kind)).py()
    }

    /// Returns the indices that would sort this array.
    #[pyo3(name = "argsort", signature = (axis=Some(-1), kind=None, order=None, *, stable=None, descending=None))]
    fn argsort_method<'py>(
        &self,
        py: Python<'py>,
        axis: Option<isize>,
        kind: Option<&str>,
        order: Option<&Bound<'py, PyAny>>,
        stable: Option<bool>,
        descending: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let down = descending_arg(kind, descending)?;
        check_kind(kind, stable)?;
        no_order(order)?;
        let guard = self.inner();
        let a: &NdArray = &guard;
        let r = if down {
            py.detach(|| sorting::argsort_descending(a, axis)).py()?
        } else {
            py.detach(|| sorting::argsort(a, axis)).py()?
        };
        Ok(wrap(py, r)?.into_bound(py).into_any())
    }

    /// Partially sorts the elements in the array in such a way that the value of the
    /// element in k-th position is in the position it would be in a sorted array.
    #[pyo3(name = "partition", signature = (kth, axis=-1, kind="introselect", order=None))]
    fn partition_method(
        &self,
        py: Python<'_>,
        kth: &Bound<'_, PyAny>,
        axis: isize,
        kind: &str,
        order: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        sorting::select_kind(kind).py()?;
        no_order(order)?;
        let ks = kth_arg(kth)?;
        let guard = self.inner();
        let a: &NdArray = &guard;
        py.detach(|| sorting::partition_inplace(a, &ks, axis)).py()
    }

    /// Returns the indices that would partition this array.
    #[pyo3(name = "argpartition", signature = (kth, axis=Some(-1), kind="introselect", order=None))]
    fn argpartition_method<'py>(
        &self,
        py: Python<'py>,
        kth: &Bound<'py, PyAny>,
        axis: Option<isize>,
        kind: &str,
        order: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        sorting::select_kind(kind).py()?;
        no_order(order)?;
        let ks = kth_arg(kth)?;
        let guard = self.inner();
        let a: &NdArray = &guard;
        let r = py.detach(|| sorting::argpartition(a, &ks, axis)).py()?;
        Ok(wrap(py, r)?.into_bound(py).into_any())
    }

    /// Find indices where elements of v should be inserted in a to maintain order.
    #[pyo3(name = "searchsorted", signature = (v, side="left", sorter=None))]
    fn searchsorted_method<'py>(
        &self,
        py: Python<'py>,
        v: &Bound<'py, PyAny>,
        side: &str,
        sorter: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        search_impl(py, &self.inner(), v, side, sorter)
    }
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sort, m)?)?;
    m.add_function(wrap_pyfunction!(argsort, m)?)?;
    m.add_function(wrap_pyfunction!(lexsort, m)?)?;
    m.add_function(wrap_pyfunction!(partition, m)?)?;
    m.add_function(wrap_pyfunction!(argpartition, m)?)?;
    m.add_function(wrap_pyfunction!(searchsorted, m)?)?;
    m.add_function(wrap_pyfunction!(sort_complex, m)?)?;
    Ok(())
}
