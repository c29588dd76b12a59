//! Logic functions: `array_equal`, `array_equiv`, `iscomplex`, `isreal`, `iscomplexobj`,
//! `isrealobj`, `isscalar`, `isposinf`, `isneginf`. The elementwise work is in
//! `numoxide_ops::logic`.

use numoxide_core::NdArray;
use numoxide_ops::logic;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyMemoryView, PyString};

use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::dtype_from_py;
use crate::error::IntoPyResult;
use crate::scalar::{is_numoxide_scalar, scalar_to_numoxide};

fn scalar_or_array<'py>(py: Python<'py>, a: NdArray) -> PyResult<Bound<'py, PyAny>> {
    if a.ndim() == 0 {
        scalar_to_numoxide(py, a.item().py()?)
    } else {
        Ok(wrap(py, a)?.into_bound(py).into_any())
    }
}

/// True if two arrays have the same shape and elements, False otherwise.
#[pyfunction]
#[pyo3(signature = (a1, a2, equal_nan=false))]
pub fn array_equal(
    a1: &Bound<'_, PyAny>,
    a2: &Bound<'_, PyAny>,
    equal_nan: bool,
) -> PyResult<bool> {
    let (Ok(a), Ok(b)) = (to_array(a1, None), to_array(a2, None)) else {
        return Ok(false);
    };
    logic::array_equal(&a, &b, equal_nan).py()
}

/// Returns True if input arrays are shape consistent and all elements equal.
#[pyfunction]
pub fn array_equiv(a1: &Bound<'_, PyAny>, a2: &Bound<'_, PyAny>) -> PyResult<bool> {
    let (Ok(a), Ok(b)) = (to_array(a1, None), to_array(a2, None)) else {
        return Ok(false);
    };
    logic::array_equiv(&a, &b).py()
}

/// Returns a bool array, where True if input element is complex.
#[pyfunction]
pub fn iscomplex<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = to_array(x, None)?;
    scalar_or_array(py, logic::iscomplex(&a).py()?)
}

fn is_python_number(x: &Bound<'_, PyAny>) -> bool {
    x.is_exact_instance_of::<PyInt>()
        || x.is_exact_instance_of::<PyFloat>()
        || x.is_exact_instance_of::<PyComplex>()
        || x.is_exact_instance_of::<PyBool>()
}

/// Returns a bool array, where True if input element is real.
#[pyfunction]
pub fn isreal<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if is_python_number(x) {
        // NumPy compares `x.imag == 0` with Python's own arithmetic here.
        let im = x.getattr("imag")?;
        return Ok(PyBool::new(py, im.extract::<f64>()? == 0.0)
            .to_owned()
            .into_any());
    }
    let a = to_array(x, None)?;
    scalar_or_array(py, logic::isreal(&a).py()?)
}

/// Check for a complex type or an array of complex numbers.
#[pyfunction]
pub fn iscomplexobj(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    if let Ok(a) = x.cast::<PyNdArray>() {
        return Ok(a.get().inner().kind().is_complex());
    }
    if let Ok(d) = x.getattr("dtype") {
        if let Ok(dt) = dtype_from_py(&d) {
            return Ok(logic::is_complex_kind(dt.kind()));
        }
    }
    // Anything NumPy would hold in an object array is not complex.
    Ok(to_array(x, None).is_ok_and(|a| a.kind().is_complex()))
}

/// Return True if x is a not complex type or an array of complex numbers.
#[pyfunction]
pub fn isrealobj(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(!iscomplexobj(x)?)
}

/// Returns True if the type of `element` is a scalar type.
#[pyfunction]
pub fn isscalar(py: Python<'_>, element: &Bound<'_, PyAny>) -> PyResult<bool> {
    if is_numoxide_scalar(element) || is_python_number(element) {
        return Ok(true);
    }
    if element.is_exact_instance_of::<PyString>()
        || element.is_exact_instance_of::<PyBytes>()
        || element.is_exact_instance_of::<PyMemoryView>()
    {
        return Ok(true);
    }
    let number = py.import("numbers")?.getattr("Number")?;
    element.is_instance(&number)
}

fn posneginf<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
    neg: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let a = to_array(x, None)?;
    let out = out.filter(|o| !o.is_none());
    let out_arr = match out {
        Some(o) => Some(
            o.cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))?
                .borrow()
                .inner()
                .clone(),
        ),
        None => None,
    };
    let r = logic::isposneginf(&a, out_arr, neg).py()?;
    match out {
        Some(o) => Ok(o.clone()),
        None => scalar_or_array(py, r),
    }
}

/// Test element-wise for positive infinity, return result as bool array.
#[pyfunction]
#[pyo3(signature = (x, out=None))]
pub fn isposinf<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    posneginf(py, x, out, false)
}

/// Test element-wise for negative infinity, return result as bool array.
#[pyfunction]
#[pyo3(signature = (x, out=None))]
pub fn isneginf<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    posneginf(py, x, out, true)
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(array_equal, m)?)?;
    m.add_function(wrap_pyfunction!(array_equiv, m)?)?;
    m.add_function(wrap_pyfunction!(iscomplex, m)?)?;
    m.add_function(wrap_pyfunction!(isreal, m)?)?;
    m.add_function(wrap_pyfunction!(iscomplexobj, m)?)?;
    m.add_function(wrap_pyfunction!(isrealobj, m)?)?;
    m.add_function(wrap_pyfunction!(isscalar, m)?)?;
    m.add_function(wrap_pyfunction!(isposinf, m)?)?;
    m.add_function(wrap_pyfunction!(isneginf, m)?)?;
    Ok(())
}
