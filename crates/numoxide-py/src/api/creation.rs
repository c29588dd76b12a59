//! Array creation routines: `array`, `asarray`, `empty`/`zeros`/`ones`/`full` and their
//! `_like` forms. The numeric constructors (`arange`, `linspace`, `eye`, ...) call down
//! into `numoxide_ops::creation`.

use numoxide_core::{DType, DTypeKind, NdArray, Order, Scalar};
use numoxide_ops::creation::{self, Num};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyTuple};

use crate::array::{assign_into, wrap, PyNdArray};
use crate::convert::{dtype_arg, order_arg, shape_arg, to_array};
use crate::error::IntoPyResult;
use crate::scalar::{py_value, scalar_to_numoxide};

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

/// The shared body of `array` and `asarray`. With `subok`, an ndarray subclass instance
/// comes back as itself (or a view or copy of its own type); without, as a plain ndarray.
pub fn make_array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Order,
    ndmin: usize,
    subok: bool,
) -> PyResult<Py<PyNdArray>> {
    let dt = dtype_arg(dtype)?;
    if let Ok(existing) = object.cast::<PyNdArray>() {
        let a = existing.get().inner().clone();
        let same_dtype = dt.as_ref().is_none_or(|d| d == a.dtype());
        let needs_copy = copy == Some(true) || !same_dtype || !order_satisfied(&a, order);
        let keep_type = subok || existing.is_exact_instance_of::<PyNdArray>();
        if !needs_copy {
            if keep_type {
                if ndmin <= a.ndim() {
                    return Ok(existing.clone().unbind());
                }
                return crate::array::wrap_view(py, existing, with_ndmin(a, ndmin)?);
            }
            // A plain ndarray view of the subclass instance's memory.
            return Py::new(py, PyNdArray::view_of(existing, with_ndmin(a, ndmin)?));
        }
        if copy == Some(false) {
            return Err(copy_needed_error());
        }
        let target = dt.unwrap_or_else(|| a.dtype().clone());
        let cast = crate::convert::checked_cast(py, || a.astype(target, order).py())?;
        let out = with_ndmin(cast, ndmin)?;
        return if keep_type {
            crate::array::wrap_like(existing, out)
        } else {
            wrap(py, out)
        };
    }
    let a = to_array(object, dt.as_ref())?;
    // Did we get a zero-copy view of foreign memory?
    let foreign = !numoxide_is_fresh(&a);
    let a = if foreign {
        if copy == Some(true) || !order_satisfied(&a, order) {
            if copy == Some(false) {
                return Err(copy_needed_error());
            }
            a.copy(order).py()?
        } else {
            let arr = with_ndmin(a, ndmin)?;
            return Py::new(py, PyNdArray::with_base(arr, Some(object.clone().unbind())));
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
#[pyo3(signature = (object, dtype=None, *, copy=Some(true), order=None, subok=false, ndmin=0, ndmax=None, like=None))]
#[allow(clippy::too_many_arguments)]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: Option<&Bound<'_, PyAny>>,
    subok: bool,
    ndmin: usize,
    ndmax: Option<i64>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    // NumPy 2.4's `ndmax`: the most dimensions discovery may give nested sequences.
    if let Some(m) = ndmax {
        if !(0..=64).contains(&m) {
            return Err(PyValueError::new_err(
                "ndmax must be in the range [0, NPY_MAXDIMS (64)] ",
            ));
        }
        if ndmin as i64 > m {
            return Err(PyValueError::new_err(format!(
                "ndmin must be <= ndmax ({m})"
            )));
        }
    }
    let order = order_arg(order, Order::K)?;
    let r = make_array(py, object, dtype, copy, order, ndmin, subok)?;
    if let Some(m) = ndmax {
        // Arrays keep their own dimensions; only a sequence's depth is limited (and
        // `ndmin <= ndmax`, so padding alone never crosses the limit).
        let sequence = object.is_instance_of::<pyo3::types::PyList>()
            || object.is_instance_of::<pyo3::types::PyTuple>();
        if sequence && r.bind(py).get().inner().ndim() as i64 > m {
            return Err(PyValueError::new_err(format!(
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {m}."
            )));
        }
    }
    Ok(r)
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
    make_array(py, a, dtype, copy, order, 0, false)
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
    let _ = (device, like);
    let order = order_arg(order, Order::K)?;
    make_array(py, a, dtype, copy, order, 0, true)
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
    make_array(py, a, dtype, None, Order::C, 1, false)
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
    make_array(py, a, dtype, None, Order::F, 1, false)
}

/// An array copy of the given object.
#[pyfunction]
#[pyo3(signature = (a, order="K", subok=false))]
pub fn copy(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    order: &str,
    subok: bool,
) -> PyResult<Py<PyNdArray>> {
    let o = Order::parse(Some(order)).py()?;
    make_array(py, a, None, Some(true), o, 0, subok)
}

/// What a new array starts out holding.
enum Fill {
    Zeros,
    /// Anything (`np.empty`): zeroed or reused memory.
    Unspecified,
    Value(Scalar),
}

fn new_filled(shape: &[usize], dtype: DType, order: Order, value: Fill) -> PyResult<NdArray> {
    let order = match order {
        Order::F => Order::F,
        Order::C => Order::C,
        _ => return Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    };
    match value {
        Fill::Value(v) => NdArray::full(shape, dtype, v, order).py(),
        Fill::Zeros => NdArray::zeros(shape, dtype, order).py(),
        Fill::Unspecified => NdArray::unspecified(shape, dtype, order).py(),
    }
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
    new_of_shape(py, shape, dtype, order, Fill::Unspecified)
}

/// `empty`/`zeros` from their Python arguments.
fn new_of_shape(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    fill: Fill,
) -> PyResult<Py<PyNdArray>> {
    let dt = dtype_arg(dtype)?.unwrap_or(DType::FLOAT64);
    let order = Order::parse(Some(order)).py()?;
    wrap(py, new_filled(&shape_arg(shape)?, dt, order, fill)?)
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
    let _ = (device, like);
    new_of_shape(py, shape, dtype, order, Fill::Zeros)
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
    wrap(
        py,
        new_filled(
            &shape_arg(shape)?,
            dt,
            Order::parse(Some(order)).py()?,
            Fill::Value(one),
        )?,
    )
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
    let a = new_filled(
        &shape_arg(shape)?,
        dt,
        Order::parse(Some(order)).py()?,
        Fill::Unspecified,
    )?;
    // NumPy fills with an unsafe cast (full(3, -2.5, dtype=uint8) wraps); only Python
    // ints keep their NEP 50 range check.
    match py_value(fill_value)? {
        Some(v)
            if !matches!(
                v,
                crate::scalar::PyValue::Int(_) | crate::scalar::PyValue::BigUInt(_)
            ) =>
        {
            crate::convert::checked_cast(py, || a.fill(v.to_scalar()).py())?
        }
        _ => assign_into(&a, fill_value)?,
    }
    wrap(py, a)
}

fn like_layout(
    proto: &NdArray,
    dtype: DType,
    order: Order,
    shape: Option<Vec<usize>>,
) -> PyResult<NdArray> {
    match shape {
        Some(s) => {
            let o = match order {
                Order::F => Order::F,
                Order::A | Order::K if proto.is_f_contiguous() && !proto.is_c_contiguous() => {
                    Order::F
                }
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

/// `out` as a result of a `_like` routine: of the prototype's ndarray subclass with
/// `subok`, else a plain ndarray.
fn wrap_like_prototype(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    subok: bool,
    out: NdArray,
) -> PyResult<Py<PyNdArray>> {
    match prototype.cast::<PyNdArray>() {
        Ok(p) if subok => crate::array::wrap_like(p, out),
        _ => wrap(py, out),
    }
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
    let _ = device;
    wrap_like_prototype(
        py,
        prototype,
        subok,
        like_common(prototype, dtype, order, shape)?,
    )
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
    let _ = device;
    let out = like_common(a, dtype, order, shape)?;
    out.fill(Scalar::one(out.kind())).py()?;
    wrap_like_prototype(py, a, subok, out)
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
    let _ = device;
    let out = like_common(a, dtype, order, shape)?;
    // NumPy casts the fill value unsafely here (full_like(int_array, 2.7) gives 2).
    match crate::scalar::py_value(fill_value)? {
        Some(v)
            if out.kind().is_integer()
                && !matches!(
                    v,
                    crate::scalar::PyValue::Int(_) | crate::scalar::PyValue::BigUInt(_)
                ) =>
        {
            out.fill(v.to_scalar()).py()?
        }
        _ => assign_into(&out, fill_value)?,
    }
    wrap_like_prototype(py, a, subok, out)
}

/// Whether two arrays share memory (exactly).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn shares_memory(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    let _ = max_work;
    let (x, y) = (to_array(a, None)?, to_array(b, None)?);
    Ok(x.shares_memory(&y))
}

/// Whether two arrays might share memory (their address ranges overlap).
#[pyfunction]
#[pyo3(signature = (a, b, max_work=None))]
pub fn may_share_memory(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
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
    m.add_function(wrap_pyfunction!(arange, m)?)?;
    m.add_function(wrap_pyfunction!(linspace, m)?)?;
    m.add_function(wrap_pyfunction!(logspace, m)?)?;
    m.add_function(wrap_pyfunction!(geomspace, m)?)?;
    m.add_function(wrap_pyfunction!(eye, m)?)?;
    m.add_function(wrap_pyfunction!(identity, m)?)?;
    m.add_function(wrap_pyfunction!(diag, m)?)?;
    m.add_function(wrap_pyfunction!(diagflat, m)?)?;
    m.add_function(wrap_pyfunction!(tri, m)?)?;
    m.add_function(wrap_pyfunction!(tril, m)?)?;
    m.add_function(wrap_pyfunction!(triu, m)?)?;
    m.add_function(wrap_pyfunction!(meshgrid, m)?)?;
    m.add_function(wrap_pyfunction!(indices, m)?)?;
    m.add_function(wrap_pyfunction!(fromfunction, m)?)?;
    m.add_function(wrap_pyfunction!(fromiter, m)?)?;
    Ok(())
}

// ----- numerical ranges -------------------------------------------------------------

/// One `arange` argument: its value for NumPy's Python-number arithmetic and the dtype
/// it contributes (`None` for a Python int too big for any integer dtype).
fn arange_arg(obj: &Bound<'_, PyAny>) -> PyResult<(Num, Option<DType>)> {
    if obj.is_instance_of::<PyTuple>() {
        return Err(PyTypeError::new_err(
            "arange: scalar arguments expected instead of a tuple.",
        ));
    }
    if obj.is_none() {
        return Err(PyTypeError::new_err(
            "unsupported operand type(s) for -: 'NoneType' and 'int'",
        ));
    }
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok((Num::Int(v as i128), Some(DType::INT64)));
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok((Num::Int(v as i128), Some(DType::new(DTypeKind::UInt64))));
        }
        let v: i128 = i
            .extract()
            .map_err(|_| PyOverflowError::new_err("Python int too large to convert to C long"))?;
        return Ok((Num::Int(v), None));
    }
    let value = match py_value(obj)? {
        Some(v) => v,
        None => {
            let a = to_array(obj, None)?;
            if a.ndim() != 0 {
                return Err(PyTypeError::new_err(
                    "only 0-dimensional arrays can be converted to Python scalars",
                ));
            }
            crate::scalar::PyValue::Typed(a.item().py()?)
        }
    };
    let dtype = value.default_dtype();
    let s = value.to_scalar();
    let num = match s.kind() {
        k if k.is_complex() => Num::Complex(s.as_complex()),
        k if k.is_float() => Num::Float(s.as_f64()),
        DTypeKind::UInt64 => Num::Int(s.to::<u64>() as i128),
        _ => Num::Int(s.to::<i64>() as i128),
    };
    Ok((num, Some(dtype)))
}

fn present<'py>(o: Option<&Bound<'py, PyAny>>) -> Option<Bound<'py, PyAny>> {
    o.filter(|x| !x.is_none()).cloned()
}

/// Evenly spaced values within a half-open interval.
#[pyfunction]
#[pyo3(signature = (start=None, stop=None, step=None, dtype=None, *, device=None, like=None))]
pub fn arange(
    py: Python<'_>,
    start: Option<&Bound<'_, PyAny>>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let (start, stop) = match (present(start), present(stop)) {
        (Some(a), Some(b)) => (Some(a), b),
        (Some(a), None) => (None, a),
        (None, Some(b)) => (None, b),
        (None, None) => {
            return Err(PyTypeError::new_err(
                "arange() requires stop to be specified.",
            ))
        }
    };
    let (stop_v, stop_d) = arange_arg(&stop)?;
    let (start_v, start_d) = match &start {
        Some(s) => arange_arg(s)?,
        None => (Num::Int(0), Some(DType::INT64)),
    };
    let (step_v, step_d) = match present(step) {
        Some(s) => arange_arg(&s)?,
        None => (Num::Int(1), Some(DType::INT64)),
    };
    let dt = match dtype_arg(dtype)? {
        Some(d) => d,
        None => {
            let ds: Option<Vec<DType>> = [start_d, stop_d, step_d].into_iter().collect();
            let ds = ds.ok_or_else(|| {
                PyTypeError::new_err(
                    "numoxide does not support object arrays (Python int out of the uint64 range)",
                )
            })?;
            creation::arange_dtype(&ds)
        }
    };
    let a = py
        .detach(|| creation::arange(start_v, stop_v, step_v, &dt))
        .py()?;
    wrap(py, a)
}

/// `operator.index(num)` with NumPy's non-negativity check.
fn num_samples(num: &Bound<'_, PyAny>) -> PyResult<usize> {
    let n: isize = num
        .call_method0("__index__")
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                num.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .extract()?;
    if n < 0 {
        return Err(PyValueError::new_err(format!(
            "Number of samples, {n}, must be non-negative."
        )));
    }
    Ok(n as usize)
}

/// An endpoint argument: its array and whether it is a weak Python scalar.
fn endpoint_arg(obj: &Bound<'_, PyAny>) -> PyResult<(NdArray, Option<DTypeKind>)> {
    let weak = match py_value(obj)? {
        Some(crate::scalar::PyValue::Typed(_)) | None => None,
        Some(v) => Some(v.default_dtype().kind()),
    };
    Ok((to_array(obj, None)?, weak))
}

fn inexact_type(args: &[(NdArray, Option<DTypeKind>)]) -> DType {
    let strong: Vec<DType> = args
        .iter()
        .filter(|a| a.1.is_none())
        .map(|a| a.0.dtype().clone())
        .collect();
    let weak: Vec<DTypeKind> = args.iter().filter_map(|a| a.1).collect();
    creation::inexact_result_type(&strong, &weak)
}

/// A 0-d result as a scalar, anything else as an array.
fn scalar_or_array(py: Python<'_>, a: NdArray) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        Ok(scalar_to_numoxide(py, a.item().py()?)?.unbind())
    } else {
        Ok(wrap(py, a)?.into_any())
    }
}

/// Evenly spaced numbers over an interval.
#[pyfunction]
#[pyo3(signature = (start, stop, num=None, endpoint=true, retstep=false, dtype=None, axis=0, *, device=None))]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
    retstep: bool,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    let num = match num {
        Some(n) => num_samples(n)?,
        None => 50,
    };
    let (a, b) = (endpoint_arg(start)?, endpoint_arg(stop)?);
    let calc = inexact_type(&[a.clone(), b.clone()]);
    let out_dtype = dtype_arg(dtype)?.unwrap_or_else(|| calc.clone());
    let r = py
        .detach(|| creation::linspace(&a.0, &b.0, num, endpoint, &calc, &out_dtype, axis))
        .py()?;
    let samples = wrap(py, r.samples)?.into_any();
    if !retstep {
        return Ok(samples);
    }
    let step = match r.step {
        Some(s) => scalar_or_array(py, s)?,
        None => PyFloat::new(py, f64::NAN).into_any().unbind(),
    };
    Ok(PyTuple::new(py, [samples, step])?.into_any().unbind())
}

/// Numbers spaced evenly on a log scale.
#[pyfunction]
#[pyo3(signature = (start, stop, num=None, endpoint=true, base=None, dtype=None, axis=0))]
pub fn logspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
    base: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
) -> PyResult<Py<PyNdArray>> {
    let num = match num {
        Some(n) => num_samples(n)?,
        None => 50,
    };
    let (a, b) = (endpoint_arg(start)?, endpoint_arg(stop)?);
    let (base_arr, base_weak) = match base {
        Some(x) => {
            let (arr, weak) = endpoint_arg(x)?;
            (arr, weak.is_some())
        }
        None => (NdArray::from_scalar(Scalar::Float64(10.0)), true),
    };
    let calc = inexact_type(&[a.clone(), b.clone()]);
    let out_dtype = dtype_arg(dtype)?;
    let r = py
        .detach(|| {
            creation::logspace(
                &a.0,
                &b.0,
                num,
                endpoint,
                &base_arr,
                base_weak,
                &calc,
                out_dtype.as_ref(),
                axis,
            )
        })
        .py()?;
    wrap(py, r)
}

/// Numbers spaced evenly on a log scale, endpoints given directly.
#[pyfunction]
#[pyo3(signature = (start, stop, num=None, endpoint=true, dtype=None, axis=0))]
pub fn geomspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
) -> PyResult<Py<PyNdArray>> {
    let num = match num {
        Some(n) => num_samples(n)?,
        None => 50,
    };
    let (a, b) = (to_array(start, None)?, to_array(stop, None)?);
    let requested = dtype_arg(dtype)?;
    let third = requested.clone().unwrap_or(DType::FLOAT64);
    let calc = creation::inexact_result_type(
        &[a.dtype().clone(), b.dtype().clone(), third],
        &[DTypeKind::Float64],
    );
    let out_dtype = requested.unwrap_or_else(|| calc.clone());
    let r = py
        .detach(|| creation::geomspace(&a, &b, num, endpoint, &calc, &out_dtype, axis))
        .py()?;
    wrap(py, r)
}

// ----- matrices ------------------------------------------------------------------------

fn nonneg(n: isize) -> PyResult<usize> {
    if n < 0 {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    Ok(n as usize)
}

fn dtype_or_float(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<DType> {
    Ok(dtype_arg(dtype)?.unwrap_or(DType::FLOAT64))
}

/// A 2-D array with ones on the diagonal and zeros elsewhere.
#[pyfunction]
#[pyo3(name = "eye", signature = (N, M=None, k=0, dtype=None, order="C", *, device=None, like=None))]
#[allow(non_snake_case)]
pub fn eye(
    py: Python<'_>,
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = (device, like);
    let order = match Order::parse(Some(order)).py()? {
        o @ (Order::C | Order::F) => o,
        _ => return Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    };
    let m = M.map(nonneg).transpose()?;
    wrap(
        py,
        creation::eye(nonneg(N)?, m, k, &dtype_or_float(dtype)?, order).py()?,
    )
}

/// The identity array.
#[pyfunction]
#[pyo3(signature = (n, dtype=None, *, like=None))]
pub fn identity(
    py: Python<'_>,
    n: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    wrap(
        py,
        creation::eye(nonneg(n)?, None, 0, &dtype_or_float(dtype)?, Order::C).py()?,
    )
}

/// Extract a diagonal (a read-only view) or construct a diagonal array.
#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diag(py: Python<'_>, v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    let parent = make_array(py, v, None, None, Order::K, 0, true)?;
    let parent = parent.bind(py);
    let a = parent.get().inner().clone();
    match a.ndim() {
        1 => wrap(py, creation::diag_from_1d(&a, k).py()?),
        2 => crate::array::wrap_view(py, parent, a.diagonal(k, 0, 1).py()?),
        _ => Err(PyValueError::new_err("Input must be 1- or 2-d.")),
    }
}

/// A 2-D array with the flattened input on diagonal `k`.
#[pyfunction]
#[pyo3(signature = (v, k=0))]
pub fn diagflat(py: Python<'_>, v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    let a = to_array(v, None)?.ravel(Order::C).py()?;
    wrap(py, creation::diag_from_1d(&a, k).py()?)
}

/// Ones at and below the given diagonal, zeros elsewhere.
#[pyfunction]
#[pyo3(name = "tri", signature = (N, M=None, k=0, dtype=None, *, like=None))]
#[allow(non_snake_case)]
pub fn tri(
    py: Python<'_>,
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    let m = M.map(nonneg).transpose()?;
    wrap(
        py,
        creation::tri(nonneg(N)?, m, k, &dtype_or_float(dtype)?).py()?,
    )
}

/// Lower triangle of an array (of the last two axes).
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn tril(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    wrap(py, creation::tri_mask(&to_array(m, None)?, k, false).py()?)
}

/// Upper triangle of an array (of the last two axes).
#[pyfunction]
#[pyo3(signature = (m, k=0))]
pub fn triu(py: Python<'_>, m: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyNdArray>> {
    wrap(py, creation::tri_mask(&to_array(m, None)?, k, true).py()?)
}

/// Coordinate matrices from coordinate vectors.
#[pyfunction]
#[pyo3(signature = (*xi, copy=true, sparse=false, indexing="xy"))]
pub fn meshgrid<'py>(
    py: Python<'py>,
    xi: &Bound<'py, PyTuple>,
    copy: bool,
    sparse: bool,
    indexing: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    if indexing != "xy" && indexing != "ij" {
        return Err(PyValueError::new_err(
            "Valid values for `indexing` are 'xy' and 'ij'.",
        ));
    }
    let nd = xi.len();
    let mut parents = Vec::with_capacity(nd);
    let mut outs = Vec::with_capacity(nd);
    for (i, x) in xi.iter().enumerate() {
        let p = make_array(py, &x, None, None, Order::K, 0, true)?;
        let a = p.borrow(py).inner().clone();
        let mut shape = vec![1isize; nd];
        let mut j = i;
        if indexing == "xy" && nd > 1 && i < 2 {
            j = 1 - i;
        }
        shape[j] = -1;
        outs.push(a.reshape(&shape, Order::C).py()?);
        parents.push(p);
    }
    if !sparse {
        let shapes: Vec<&[usize]> = outs.iter().map(|a| a.shape()).collect();
        let full = numoxide_core::layout::broadcast_shapes(&shapes).py()?;
        outs = outs
            .iter()
            .map(|a| {
                let mut v = a.broadcast_to(&full)?;
                v.set_writeable(a.is_writeable());
                Ok(v)
            })
            .collect::<numoxide_core::Result<Vec<_>>>()
            .py()?;
    }
    let mut items = Vec::with_capacity(nd);
    for (p, a) in parents.iter().zip(outs) {
        let obj = if copy {
            wrap(py, a.copy(Order::C).py()?)?
        } else {
            crate::array::wrap_maybe_view(py, p.bind(py), a)?
        };
        items.push(obj);
    }
    PyTuple::new(py, items)
}

/// An array representing the indices of a grid.
#[pyfunction]
#[pyo3(signature = (dimensions, dtype=None, sparse=false))]
pub fn indices(
    py: Python<'_>,
    dimensions: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    sparse: bool,
) -> PyResult<Py<PyAny>> {
    let dims = shape_arg(dimensions)?;
    let dt = dtype_arg(dtype)?.unwrap_or(DType::INT64);
    if sparse {
        let parts = creation::indices_sparse(&dims, &dt).py()?;
        let items = parts
            .into_iter()
            .map(|a| wrap(py, a))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(PyTuple::new(py, items)?.into_any().unbind());
    }
    Ok(wrap(py, creation::indices(&dims, &dt).py()?)?.into_any())
}

/// Construct an array by calling `function` with the index arrays of `shape`.
#[pyfunction]
#[pyo3(signature = (function, shape, *, dtype=None, like=None, **kwargs))]
pub fn fromfunction<'py>(
    py: Python<'py>,
    function: &Bound<'py, PyAny>,
    shape: &Bound<'py, PyAny>,
    dtype: Option<&Bound<'py, PyAny>>,
    like: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = like;
    let dims = shape_arg(shape)?;
    let dt = dtype_or_float(dtype)?;
    let grid = wrap(py, creation::indices(&dims, &dt).py()?)?;
    let grid = grid.bind(py);
    let inner = grid.get().inner().clone();
    let mut args = Vec::with_capacity(dims.len());
    for d in 0..dims.len() {
        let v = inner
            .index(&[numoxide_core::IndexItem::Int(d as isize)])
            .py()?;
        args.push(crate::array::wrap_view(py, grid, v)?);
    }
    function.call(PyTuple::new(py, args)?, kwargs)
}

/// A new 1-D array from an iterable.
#[pyfunction]
#[pyo3(signature = (iter, dtype=None, count=-1, *, like=None))]
pub fn fromiter(
    py: Python<'_>,
    iter: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: isize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    let dt = match dtype_arg(dtype)? {
        Some(d) => d,
        None => {
            return Err(PyTypeError::new_err(
                "fromiter() missing required argument 'dtype' (pos 2)",
            ))
        }
    };
    let kind = dt.kind();
    let mut values: Vec<Scalar> = Vec::with_capacity(count.max(0) as usize);
    for item in iter.try_iter()? {
        if count >= 0 && values.len() >= count as usize {
            break;
        }
        let item = item?;
        let v = match py_value(&item)? {
            Some(
                v @ (crate::scalar::PyValue::Int(_)
                | crate::scalar::PyValue::BigUInt(_)
                | crate::scalar::PyValue::Bool(_)),
            ) => v.for_kind(kind)?,
            Some(v) => v.to_scalar().cast(kind),
            None => to_array(&item, Some(&dt))?.item().py()?,
        };
        values.push(v);
    }
    if count >= 0 && values.len() < count as usize {
        return Err(PyValueError::new_err(format!(
            "iterator too short: Expected {count} but iterator had only {} items.",
            values.len()
        )));
    }
    let out = NdArray::zeros(&[values.len()], dt, Order::C).py()?;
    for (i, v) in values.into_iter().enumerate() {
        out.set(&[i as isize], v).py()?;
    }
    wrap(py, out)
}
