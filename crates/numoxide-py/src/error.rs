//! The one place where numoxide's Rust errors become Python exceptions.

use numoxide_core::{Error, ErrorKind};
use pyo3::exceptions::{
    PyFloatingPointError, PyIndexError, PyKeyError, PyMemoryError, PyNotImplementedError,
    PyOverflowError, PyRuntimeError, PyTypeError, PyValueError, PyZeroDivisionError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static AXIS_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static LINALG_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UFUNC_OUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UFUNC_IN_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UFUNC_NOLOOP_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn exception_class(
    py: Python<'_>,
    cell: &'static PyOnceLock<Py<PyType>>,
    module: &str,
    name: &str,
) -> Option<Py<PyType>> {
    cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let m = py.import(module)?;
        Ok(m.getattr(name)?.cast_into::<PyType>()?.unbind())
    })
    .ok()
    .map(|t| t.clone_ref(py))
}

/// Convert a numoxide error to the Python exception NumPy raises for it.
pub fn to_pyerr(e: Error) -> PyErr {
    let msg = e.message().to_owned();
    match e.kind() {
        ErrorKind::Value => PyValueError::new_err(msg),
        ErrorKind::Type => PyTypeError::new_err(msg),
        ErrorKind::Index => PyIndexError::new_err(msg),
        ErrorKind::Overflow => PyOverflowError::new_err(msg),
        ErrorKind::Memory => PyMemoryError::new_err(msg),
        ErrorKind::FloatingPoint => PyFloatingPointError::new_err(msg),
        ErrorKind::ZeroDivision => PyZeroDivisionError::new_err(msg),
        ErrorKind::Runtime => PyRuntimeError::new_err(msg),
        ErrorKind::NotImplemented => PyNotImplementedError::new_err(msg),
        ErrorKind::Key => PyKeyError::new_err(msg),
        ErrorKind::Axis => Python::attach(|py| {
            match exception_class(py, &AXIS_ERROR, "numoxide.exceptions", "AxisError") {
                Some(cls) => PyErr::from_type(cls.into_bound(py), msg),
                None => PyValueError::new_err(msg),
            }
        }),
        ErrorKind::UFuncOutputCasting => Python::attach(|py| {
            match exception_class(
                py,
                &UFUNC_OUT_ERROR,
                "numoxide.exceptions",
                "_UFuncOutputCastingError",
            ) {
                Some(cls) => PyErr::from_type(cls.into_bound(py), msg),
                None => PyTypeError::new_err(msg),
            }
        }),
        ErrorKind::UFuncInputCasting => Python::attach(|py| {
            match exception_class(
                py,
                &UFUNC_IN_ERROR,
                "numoxide.exceptions",
                "_UFuncInputCastingError",
            ) {
                Some(cls) => PyErr::from_type(cls.into_bound(py), msg),
                None => PyTypeError::new_err(msg),
            }
        }),
        ErrorKind::UFuncNoLoop => Python::attach(|py| {
            match exception_class(
                py,
                &UFUNC_NOLOOP_ERROR,
                "numoxide.exceptions",
                "_UFuncNoLoopError",
            ) {
                Some(cls) => PyErr::from_type(cls.into_bound(py), msg),
                None => PyTypeError::new_err(msg),
            }
        }),
        ErrorKind::LinAlg => Python::attach(|py| {
            match exception_class(py, &LINALG_ERROR, "numoxide.exceptions", "LinAlgError") {
                Some(cls) => PyErr::from_type(cls.into_bound(py), msg),
                None => PyValueError::new_err(msg),
            }
        }),
    }
}

/// `?`-friendly conversion: `core_call().map_err(to_pyerr)?` reads as `core_call().py()?`.
pub trait IntoPyResult<T> {
    /// Convert the error, if any, to a Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    #[inline]
    fn py(self) -> PyResult<T> {
        self.map_err(to_pyerr)
    }
}
