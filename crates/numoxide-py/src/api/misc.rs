//! Window functions (`bartlett`, `blackman`, `hamming`, `hanning`, `kaiser`), `i0`, and
//! bit packing (`packbits`, `unpackbits`). Arguments are parsed here; the work is in
//! `numoxide_ops::misc`.

use numoxide_core::NdArray;
use numoxide_ops::calculus::Flags;
use numoxide_ops::misc::{self, BitOrder};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyComplex;

use crate::api::ufuncs::handle_fp_flags;
use crate::array::wrap;
use crate::convert::to_array;
use crate::error::IntoPyResult;

fn out<'py>(py: Python<'py>, flags: &Flags, a: NdArray) -> PyResult<Bound<'py, PyAny>> {
    for (name, f) in flags {
        handle_fp_flags(py, name, *f)?;
    }
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

/// A window parameter as NumPy's `np.array([0.0, M])` sees it (real numbers only).
fn real_param(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.is_instance_of::<PyComplex>() {
        return Err(PyTypeError::new_err(
            "numoxide: complex window parameters are not supported",
        ));
    }
    let a = to_array(obj, None)?;
    if a.ndim() != 0 {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence. The requested array has an \
             inhomogeneous shape after 1 dimensions.",
        ));
    }
    if a.kind().is_complex() {
        return Err(PyTypeError::new_err(
            "numoxide: complex window parameters are not supported",
        ));
    }
    Ok(a.to_vec::<f64>().first().copied().unwrap_or(f64::NAN))
}

/// Return the Bartlett window.
#[pyfunction]
#[pyo3(signature = (M))]
#[allow(non_snake_case)]
pub fn bartlett<'py>(py: Python<'py>, M: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let m = real_param(M)?;
    out(py, &Flags::new(), misc::bartlett(m).py()?)
}

/// Return the Blackman window.
#[pyfunction]
#[pyo3(signature = (M))]
#[allow(non_snake_case)]
pub fn blackman<'py>(py: Python<'py>, M: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let m = real_param(M)?;
    let mut flags = Flags::new();
    let r = misc::blackman(m, &mut flags).py()?;
    out(py, &flags, r)
}

/// Return the Hamming window.
#[pyfunction]
#[pyo3(signature = (M))]
#[allow(non_snake_case)]
pub fn hamming<'py>(py: Python<'py>, M: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let m = real_param(M)?;
    let mut flags = Flags::new();
    let r = misc::hamming(m, &mut flags).py()?;
    out(py, &flags, r)
}

/// Return the Hanning window.
#[pyfunction]
#[pyo3(signature = (M))]
#[allow(non_snake_case)]
pub fn hanning<'py>(py: Python<'py>, M: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let m = real_param(M)?;
    let mut flags = Flags::new();
    let r = misc::hanning(m, &mut flags).py()?;
    out(py, &flags, r)
}

/// Return the Kaiser window.
#[pyfunction]
#[pyo3(signature = (M, beta))]
#[allow(non_snake_case)]
pub fn kaiser<'py>(
    py: Python<'py>,
    M: &Bound<'py, PyAny>,
    beta: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let (m, b) = (real_param(M)?, real_param(beta)?);
    let mut flags = Flags::new();
    let r = misc::kaiser(m, b, &mut flags).py()?;
    out(py, &flags, r)
}

/// Modified Bessel function of the first kind, order 0.
#[pyfunction]
#[pyo3(signature = (x))]
pub fn i0<'py>(py: Python<'py>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let a = to_array(x, None)?;
    let mut flags = Flags::new();
    let r = misc::i0(&a, &mut flags).py()?;
    out(py, &flags, r)
}

/// Packs the elements of a binary-valued array into bits in a uint8 array.
#[pyfunction]
#[pyo3(signature = (a, /, axis=None, bitorder="big"))]
pub fn packbits<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    bitorder: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let order = BitOrder::parse(bitorder).py()?;
    let r = py.detach(|| misc::packbits(&arr, axis, order)).py()?;
    out(py, &Flags::new(), r)
}

/// Unpacks elements of a uint8 array into a binary-valued output array.
#[pyfunction]
#[pyo3(signature = (a, /, axis=None, count=None, bitorder="big"))]
pub fn unpackbits<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    count: Option<i64>,
    bitorder: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let order = BitOrder::parse_unpack(bitorder).py()?;
    let r = py
        .detach(|| misc::unpackbits(&arr, axis, count, order))
        .py()?;
    out(py, &Flags::new(), r)
}

/// Add the window, `i0` and bit-packing functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bartlett, m)?)?;
    m.add_function(wrap_pyfunction!(blackman, m)?)?;
    m.add_function(wrap_pyfunction!(hamming, m)?)?;
    m.add_function(wrap_pyfunction!(hanning, m)?)?;
    m.add_function(wrap_pyfunction!(kaiser, m)?)?;
    m.add_function(wrap_pyfunction!(i0, m)?)?;
    m.add_function(wrap_pyfunction!(packbits, m)?)?;
    m.add_function(wrap_pyfunction!(unpackbits, m)?)?;
    Ok(())
}
