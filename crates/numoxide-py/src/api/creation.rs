//! Array creation routines: `array`, `asarray`, `empty`/`zeros`/`ones`/`full` and their
//! `_like` forms. The numeric constructors (`arange`, `linspace`, `eye`, ...) call down
//! into `numoxide_ops::creation`.

use numoxide_core::{DType, NdArray, Order, Scalar};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::array::{assign_into, wrap, PyNdArray};
use crate::convert::{dtype_arg, order_arg, shape_arg, to_array};
use crate::error::IntoPyResult;

fn with_ndmin(a: NdArray, ndmin: usize) -> PyResult<NdArray> {
    if a.ndim() >= ndmin {
        return Ok(a);
    }
    let axes: Vec<isize> = (0..(ndmin - a.ndim()) as isize).collect();
    a.expand_dims(&axes).py()
}

fn copy_needed_error() -> PyErr {
    PyValueError::new_err(
        "Unable to avoid copy while creating an array as requested.\nIf using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\nFor more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapt-to-changes-in-the-copy-keyword.",
    )
}

fn order_satisfied(a: &NdArray, order: Order) -> bool {
    match order {
        Order::C => a.is_c_contiguous(),
        Order::F => a.is_f_contiguous(),
        Order::A | Order::K => true,
    }
}

/// The shared body of `array` and `asarray`.
pub fn make_array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Order,
    ndmin: usize,
) -> PyResult<Py<PyNdArray>> {
    let dt = dtype_arg(dtype)?;
    if let Ok(existing) = object.cast::<PyNdArray>() {
        let a = existing.borrow().inner.clone();
        let same_dtype = dt.as_ref().is_none_or(|d| d == a.dtype());
        let needs_copy = copy == Some(true) || !same_dtype || !order_satisfied(&a, order);
        if !needs_copy {
            if ndmin <= a.ndim() {
                return Ok(existing.clone().unbind());
            }
            return crate::array::wrap_view(py, existing, with_ndmin(a, ndmin)?);
        }
        if copy == Some(false) {
            return Err(copy_needed_error());
        }
        let target = dt.unwrap_or_else(|| a.dtype().clone());
        let out = a.astype(target, order).py()?;
        return wrap(py, with_ndmin(out, ndmin)?);
    }
    let a = to_array(object, dt.as_ref())?;
    // Did we get a zero-copy view of foreign memory?
    let foreign = a.size() > 0 && !numoxide_is_fresh(&a);
    let a = if foreign {
        if copy == Some(true) || !order_satisfied(&a, order) {
            if copy == Some(false) {
                return Err(copy_needed_error());
            }
            a.copy(order).py()?
        } else {
            let arr = with_ndmin(a, ndmin)?;
            return Py::new(py, PyNdArray { inner: arr, base: Some(object.clone().unbind()) });
        }
    } else {
        if copy == Some(false) {
            return Err(copy_needed_error());
        }
        if !order_satisfied(&a, order) {
            a.copy(order).py()?
        } else {
            a
        }
    };
    wrap(py, with_ndmin(a, ndmin)?)
}

/// Whether the array's buffer was allocated by numoxide for this conversion (as opposed
/// to foreign memory viewed in place).
fn numoxide_is_fresh(a: &NdArray) -> bool {
    std::sync::Arc::strong_count(a.buffer()) == 1 && !a.buffer().is_foreign()
}

/// Create an array.
#[pyfunction]
#[pyo3(signature = (object, dtype=None, *, copy=Some(true), order=None, subok=false, ndmin=0, like=None))]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Option<&Bound<'_, PyAny>>,
    subok: bool,
    ndmin: usize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (subok, like);
    let order = order_arg(order, Order::K)?;
    make_array(py, object, dtype, copy, order, ndmin)
}

/// Convert the input to an array, without copying when possible.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, device=None, copy=None, like=None))]
pub fn asarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let order = order_arg(order, Order::K)?;
    make_array(py, a, dtype, copy, order, 0)
}

/// Convert the input to an array, passing subclasses through.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order=None, *, device=None, copy=None, like=None))]
pub fn asanyarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    asarray(py, a, dtype, order, device, copy, like)
}

/// A C-contiguous array (at least 1-D).
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn ascontiguousarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    make_array(py, a, dtype, None, Order::C, 1)
}

/// An F-contiguous array (at least 1-D).
#[pyfunction]
#[pyo3(signature = (a, dtype=None, *, like=None))]
pub fn asfortranarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    make_array(py, a, dtype, None, Order::F, 1)
}

/// An array copy of the given object.
#[pyfunction]
#[pyo3(signature = (a, order="K", subok=false))]
pub fn copy(py: Python<'_>, a: &Bound<'_, PyAny>, order: &str, subok: bool) -> PyResult<Py<PyNdArray>> {
    let _ = subok;
    let o = Order::parse(Some(order)).py()?;
    make_array(py, a, None, Some(true), o, 0)
}

fn new_filled(shape: &[usize], dtype: DType, order: Order, value: Option<Scalar>) -> PyResult<NdArray> {
    let order = match order {
        Order::F => Order::F,
        Order::C => Order::C,
        _ => return Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    };
    let a = NdArray::zeros(shape, dtype, order).py()?;
    if let Some(v) = value {
        a.fill(v).py()?;
    }
    Ok(a)
}

/// A new array without initializing entries (numoxide zero-fills).
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let dt = dtype_arg(dtype)?.unwrap_or(DType::FLOAT64);
    wrap(py, new_filled(&shape_arg(shape)?, dt, Order::parse(Some(order)).py()?, None)?)
}

/// A new array of zeros.
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    empty(py, shape, dtype, order, device, like)
}

/// A new array of ones.
#[pyfunction]
#[pyo3(signature = (shape, dtype=None, order="C", *, device=None, like=None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let dt = dtype_arg(dtype)?.unwrap_or(DType::FLOAT64);
    let one = Scalar::one(dt.kind());
    wrap(py, new_filled(&shape_arg(shape)?, dt, Order::parse(Some(order)).py()?, Some(one))?)
}

/// A new array filled with `fill_value` (broadcast when it is an array).
#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype=None, order="C", *, device=None, like=None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let dt = match dtype_arg(dtype)? {
        Some(d) => d,
        None => to_array(fill_value, None)?.dtype().clone(),
    };
    let a = new_filled(&shape_arg(shape)?, dt, Order::parse(Some(order)).py()?, None)?;
    assign_into(&a, fill_value)?;
    wrap(py, a)
}

fn like_layout(proto: &NdArray, dtype: DType, order: Order, shape: Option<Vec<usize>>) -> PyResult<NdArray> {
    match shape {
        Some(s) => {
            let o = match order {
                Order::F => Order::F,
                Order::A | Order::K if proto.is_f_contiguous() && !proto.is_c_contiguous() => Order::F,
                _ => Order::C,
            };
            NdArray::zeros(&s, dtype, o).py()
        }
        None => proto.empty_like(dtype, order).py(),
    }
}

fn like_common(
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<NdArray> {
    let proto = to_array(a, None)?;
    let dt = dtype_arg(dtype)?.unwrap_or_else(|| proto.dtype().clone());
    let shape = match shape {
        Some(s) if !s.is_none() => Some(shape_arg(s)?),
        _ => None,
    };
    like_layout(&proto, dt, Order::parse(Some(order)).py()?, shape)
}

/// A new array with the shape and type of `prototype`.
#[pyfunction]
#[pyo3(signature = (prototype, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn empty_like(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (subok, device);
    wrap(py, like_common(prototype, dtype, order, shape)?)
}

/// An array of zeros with the shape and type of `a`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn zeros_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    empty_like(py, a, dtype, order, subok, shape, device)
}

/// An array of ones with the shape and type of `a`.
#[pyfunction]
#[pyo3(signature = (a, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn ones_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (subok, device);
    let out = like_common(a, dtype, order, shape)?;
    out.fill(Scalar::one(out.kind())).py()?;
    wrap(py, out)
}

/// An array filled with `fill_value`, with the shape and type of `a`.
#[pyfunction]
#[pyo3(signature = (a, fill_value, dtype=None, order="K", subok=true, shape=None, *, device=None))]
pub fn full_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (subok, device);
    let out = like_common(a, dtype, order, shape)?;
    // NumPy casts the fill value unsafely here (full_like(int_array, 2.7) gives 2).
    match crate::scalar::py_value(fill_value)? {
        Some(v) if out.kind().is_integer() && !matches!(v, crate::scalar::PyValue::Int(_) | crate::scalar::PyValue::BigUInt(_)) => {
            out.fill(v.to_scalar()).py()?
        }
        _ => assign_into(&out, fill_value)?,
    }
    wrap(py, out)
}

/// Whether two arrays share memory (exactly).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn shares_memory(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, max_work: Option<i64>) -> PyResult<bool> {
    let _ = max_work;
    let (x, y) = (to_array(a, None)?, to_array(b, None)?);
    Ok(x.shares_memory(&y))
}

/// Whether two arrays might share memory (their address ranges overlap).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn may_share_memory(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>, max_work: Option<i64>) -> PyResult<bool> {
    let (x, y) = (to_array(a, None)?, to_array(b, None)?);
    Ok(match max_work {
        Some(w) if w != 0 => x.shares_memory(&y),
        _ => x.may_share_memory(&y),
    })
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(array, m)?)?;
    m.add_function(wrap_pyfunction!(asarray, m)?)?;
    m.add_function(wrap_pyfunction!(asanyarray, m)?)?;
    m.add_function(wrap_pyfunction!(ascontiguousarray, m)?)?;
    m.add_function(wrap_pyfunction!(asfortranarray, m)?)?;
    m.add_function(wrap_pyfunction!(copy, m)?)?;
    m.add_function(wrap_pyfunction!(empty, m)?)?;
    m.add_function(wrap_pyfunction!(zeros, m)?)?;
    m.add_function(wrap_pyfunction!(ones, m)?)?;
    m.add_function(wrap_pyfunction!(full, m)?)?;
    m.add_function(wrap_pyfunction!(empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(full_like, m)?)?;
    m.add_function(wrap_pyfunction!(shares_memory, m)?)?;
    m.add_function(wrap_pyfunction!(may_share_memory, m)?)?;
    Ok(())
}
