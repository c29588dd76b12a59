//! Arithmetic on numoxide scalars. The scalar classes' operators (`float32(1) + 2`,
//! `-int8(5)`, ...) call these directly with the ufunc's index, skipping the ufunc
//! object's keyword parsing; the ufunc machinery still decides the result type, the
//! value and the floating-point warnings, so scalars and arrays agree.

use numoxide_ops::ufunc;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyFloat, PyInt, PyList, PyTuple};

use crate::api::ufuncs::apply;
use crate::array::PyNdArray;
use crate::scalar::is_numoxide_scalar;

/// The index of the ufunc `name`, for [`_scalar_binary`] and [`_scalar_unary`].
#[pyfunction]
pub fn _scalar_ufunc_index(name: &str) -> PyResult<usize> {
    ufunc::all()
        .iter()
        .position(|u| u.name == name)
        .ok_or_else(|| PyValueError::new_err(format!("no ufunc named {name}")))
}

fn ufunc_at(index: usize) -> PyResult<&'static ufunc::Ufunc> {
    ufunc::all()
        .get(index)
        .ok_or_else(|| PyValueError::new_err("bad ufunc index"))
}

/// Whether a binary scalar operator handles `other` (else it returns NotImplemented, so
/// Python tries the other operand's method).
fn accepts(other: &Bound<'_, PyAny>) -> bool {
    other.is_instance_of::<PyFloat>()
        || other.is_instance_of::<PyInt>()
        || other.is_instance_of::<PyComplex>()
        || other.is_instance_of::<PyNdArray>()
        || other.is_instance_of::<PyList>()
        || other.is_instance_of::<PyTuple>()
        || is_numoxide_scalar(other)
}

/// `ufunc(this, other)`, or `ufunc(other, this)` when `reflected`; NotImplemented for
/// operands a numoxide scalar does not combine with.
#[pyfunction]
pub fn _scalar_binary<'py>(
    py: Python<'py>,
    index: usize,
    this: &Bound<'py, PyAny>,
    other: &Bound<'py, PyAny>,
    reflected: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if !accepts(other) {
        return Ok(py.NotImplemented().into_bound(py));
    }
    let uf = ufunc_at(index)?;
    if reflected {
        apply(py, uf, &[other, this], None)
    } else {
        apply(py, uf, &[this, other], None)
    }
}

/// `ufunc(this)` for a unary operator.
#[pyfunction]
pub fn _scalar_unary<'py>(
    py: Python<'py>,
    index: usize,
    this: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    apply(py, ufunc_at(index)?, &[this], None)
}
