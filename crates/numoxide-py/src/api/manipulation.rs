//! Bindings of the manipulation family: the top-level shape and view functions
//! (`reshape`, `ravel`, `transpose`, `swapaxes`, `moveaxis`, `squeeze`, `expand_dims`,
//! `shape`, `ndim`, `size`) and the `ndindex`/`ndenumerate` iterators.

use numoxide_core::{NdArray, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::api::creation::make_array;
use crate::array::{axis_list, wrap_view, PyNdArray};
use crate::convert::to_array;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// `a` as a numoxide array object (itself when it already is one).
fn as_array<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyNdArray>> {
    if let Ok(x) = a.cast::<PyNdArray>() {
        return Ok(x.clone());
    }
    Ok(make_array(py, a, None, None, Order::K, 0)?.into_bound(py))
}

/// An int or a sequence of ints.
fn int_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(i) = obj.extract::<isize>() {
        return Ok(vec![i]);
    }
    obj.extract()
}

/// Give an array a new shape without changing its data.
#[pyfunction]
#[pyo3(signature = (a, /, shape=None, order="C", *, newshape=None, copy=None))]
pub fn reshape<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    shape: Option<&Bound<'py, PyAny>>,
    order: &str,
    newshape: Option<&Bound<'py, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = match (shape, newshape) {
        (Some(s), None) => s.clone(),
        (None, Some(s)) => s.clone(),
        (Some(_), Some(_)) => {
            return Err(PyTypeError::new_err(
                "You cannot specify 'newshape' and 'shape' arguments at the same time.",
            ))
        }
        (None, None) => {
            return Err(PyTypeError::new_err(
                "reshape() missing 1 required positional argument: 'shape'",
            ))
        }
    };
    let arr = as_array(py, a)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("order", order)?;
    kwargs.set_item("copy", copy)?;
    arr.call_method("reshape", (shape,), Some(&kwargs))
}

/// A contiguous flattened array (a view when possible).
#[pyfunction]
#[pyo3(signature = (a, order="C"))]
pub fn ravel<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    order: &str,
) -> PyResult<Bound<'py, PyAny>> {
    as_array(py, a)?.call_method1("ravel", (order,))
}

/// Permute the axes of an array (a view).
#[pyfunction]
#[pyo3(signature = (a, axes=None))]
pub fn transpose<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axes: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = as_array(py, a)?;
    match axes {
        Some(ax) if !ax.is_none() => arr.call_method1("transpose", (ax,)),
        _ => arr.call_method0("transpose"),
    }
}

/// Interchange two axes of an array (a view).
#[pyfunction]
pub fn swapaxes<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis1: isize,
    axis2: isize,
) -> PyResult<Bound<'py, PyAny>> {
    as_array(py, a)?.call_method1("swapaxes", (axis1, axis2))
}

/// Move axes of an array to new positions (a view).
#[pyfunction]
pub fn moveaxis(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, a)?;
    let (src, dst) = (int_list(source)?, int_list(destination)?);
    let v = arr.borrow().inner.moveaxis(&src, &dst).py()?;
    wrap_view(py, &arr, v)
}

/// Remove axes of length one (a view).
#[pyfunction]
#[pyo3(signature = (a, axis=None))]
pub fn squeeze<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = as_array(py, a)?;
    match axis {
        Some(ax) if !ax.is_none() => arr.call_method1("squeeze", (ax,)),
        _ => arr.call_method0("squeeze"),
    }
}

/// Insert new axes of length one (a view).
#[pyfunction]
pub fn expand_dims(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, a)?;
    let axes = axis_list(Some(axis))?.unwrap_or_default();
    let v = arr.borrow().inner.expand_dims(&axes).py()?;
    wrap_view(py, &arr, v)
}

fn inner_of(a: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    if let Ok(x) = a.cast::<PyNdArray>() {
        return Ok(x.borrow().inner.clone());
    }
    to_array(a, None)
}

/// The shape of an array-like.
#[pyfunction]
pub fn shape<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, inner_of(a)?.shape())
}

/// The number of dimensions of an array-like.
#[pyfunction]
pub fn ndim(a: &Bound<'_, PyAny>) -> PyResult<usize> {
    Ok(inner_of(a)?.ndim())
}

/// The number of elements, in total or along the given axis (or axes).
#[pyfunction]
#[pyo3(signature = (a, axis=None))]
pub fn size(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let arr = inner_of(a)?;
    match axis_list(axis)? {
        None => Ok(arr.size()),
        Some(axes) => {
            let axes = numoxide_core::layout::normalize_axes(&axes, arr.ndim()).py()?;
            Ok(axes.iter().map(|&ax| arr.shape()[ax]).product())
        }
    }
}

/// An N-dimensional iterator over the indices of a shape, in C order.
#[pyclass(name = "ndindex", module = "numoxide")]
pub struct PyNdIndex {
    shape: Vec<usize>,
    next: Option<Vec<usize>>,
}

fn step_index(index: &mut [usize], shape: &[usize]) -> bool {
    for d in (0..shape.len()).rev() {
        index[d] += 1;
        if index[d] < shape[d] {
            return true;
        }
        index[d] = 0;
    }
    false
}

#[pymethods]
impl PyNdIndex {
    #[new]
    #[pyo3(signature = (*shape))]
    fn new(shape: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let dims: Vec<isize> = if shape.len() == 1 && shape.get_item(0)?.extract::<isize>().is_err()
        {
            shape.get_item(0)?.extract()?
        } else {
            shape.extract()?
        };
        if dims.iter().any(|&d| d < 0) {
            return Err(PyValueError::new_err("negative dimensions are not allowed"));
        }
        let shape: Vec<usize> = dims.into_iter().map(|d| d as usize).collect();
        let next = if shape.contains(&0) {
            None
        } else {
            Some(vec![0; shape.len()])
        };
        Ok(PyNdIndex { shape, next })
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let Some(cur) = self.next.take() else {
            return Ok(None);
        };
        let out = PyTuple::new(py, &cur)?;
        let mut nxt = cur;
        if step_index(&mut nxt, &self.shape) {
            self.next = Some(nxt);
        }
        Ok(Some(out))
    }
}

/// An iterator of (index tuple, element) pairs over an array, in C order.
#[pyclass(name = "ndenumerate", module = "numoxide")]
pub struct PyNdEnumerate {
    array: NdArray,
    next: Option<Vec<usize>>,
}

#[pymethods]
impl PyNdEnumerate {
    #[new]
    fn new(arr: &Bound<'_, PyAny>) -> PyResult<Self> {
        let array = inner_of(arr)?;
        let next = if array.size() == 0 {
            None
        } else {
            Some(vec![0; array.ndim()])
        };
        Ok(PyNdEnumerate { array, next })
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let Some(cur) = self.next.take() else {
            return Ok(None);
        };
        let idx: Vec<isize> = cur.iter().map(|&i| i as isize).collect();
        let value = scalar_to_numoxide(py, self.array.get(&idx).py()?)?;
        let key = PyTuple::new(py, &cur)?;
        let mut nxt = cur;
        if step_index(&mut nxt, self.array.shape()) {
            self.next = Some(nxt);
        }
        Ok(Some(PyTuple::new(py, [key.into_any(), value])?))
    }
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reshape, m)?)?;
    m.add_function(wrap_pyfunction!(ravel, m)?)?;
    m.add_function(wrap_pyfunction!(transpose, m)?)?;
    m.add_function(wrap_pyfunction!(swapaxes, m)?)?;
    m.add_function(wrap_pyfunction!(moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(squeeze, m)?)?;
    m.add_function(wrap_pyfunction!(expand_dims, m)?)?;
    m.add_function(wrap_pyfunction!(shape, m)?)?;
    m.add_function(wrap_pyfunction!(ndim, m)?)?;
    m.add_function(wrap_pyfunction!(size, m)?)?;
    m.add_class::<PyNdIndex>()?;
    m.add_class::<PyNdEnumerate>()?;
    Ok(())
}
