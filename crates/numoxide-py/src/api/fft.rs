//! Bindings of the fft family: the one-axis transforms of `numpy.fft` in the `_fft`
//! submodule (python/numoxide/fft arranges the n-dimensional ones from them, as NumPy
//! does).

use numoxide_core::cast::{can_cast, Casting};
use numoxide_core::layout::normalize_axis;
use numoxide_core::NdArray;
use numoxide_fft::Norm;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;

use crate::array::{axis_list, wrap, PyNdArray};
use crate::convert::to_array;
use crate::error::IntoPyResult;

/// Which one-axis transform a binding runs.
#[derive(Clone, Copy)]
enum Kind {
    Fft,
    Ifft,
    Rfft,
    Irfft,
    Hfft,
    Ihfft,
}

/// Parse the arguments shared by every one-axis transform, run it (without the GIL) and
/// store into `out` when given.
fn transform(
    py: Python<'_>,
    kind: Kind,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arr = to_array(a, None)?;
    let nd = arr.ndim();
    let n = match n {
        Some(n) => n,
        None => {
            // NumPy reads `a.shape[axis]` first: a bad axis is an IndexError here.
            let ax = if axis < 0 { axis + nd as isize } else { axis };
            if ax < 0 || ax >= nd as isize {
                return Err(PyIndexError::new_err("tuple index out of range"));
            }
            let len = arr.shape()[ax as usize] as isize;
            match kind {
                Kind::Irfft | Kind::Hfft => (len - 1) * 2,
                _ => len,
            }
        }
    };
    if matches!(kind, Kind::Hfft | Kind::Ihfft) {
        // hfft/ihfft swap the norm's direction (and so check it) before checking n.
        Norm::parse(norm).py()?;
    }
    if n < 1 {
        return Err(PyValueError::new_err(format!(
            "Invalid number of FFT data points ({n}) specified."
        )));
    }
    let n = n as usize;
    // NumPy checks n, then the norm, then the axis.
    let norm = Norm::parse(norm).py()?;
    let ax = normalize_axis(axis, nd).py()?;
    let n_out = match kind {
        Kind::Rfft | Kind::Ihfft => n / 2 + 1,
        _ => n,
    };
    let out_arr = match out {
        Some(o) if !o.is_none() => {
            let o = o
                .cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))?;
            let oa = o.get().inner().clone();
            if oa.ndim() != nd || oa.shape()[ax] != n_out {
                return Err(PyValueError::new_err("output array has wrong shape."));
            }
            Some((o.clone(), oa))
        }
        _ => None,
    };
    let result = py
        .detach(|| -> numoxide_core::Result<NdArray> {
            match kind {
                Kind::Fft => numoxide_fft::c2c(&arr, ax, n, true, norm),
                Kind::Ifft => numoxide_fft::c2c(&arr, ax, n, false, norm),
                Kind::Rfft => numoxide_fft::r2c(&arr, ax, n, norm),
                Kind::Irfft => numoxide_fft::c2r(&arr, ax, n, norm),
                Kind::Hfft => numoxide_fft::hfft(&arr, ax, n, norm),
                Kind::Ihfft => numoxide_fft::ihfft(&arr, ax, n, norm),
            }
        })
        .py()?;
    match out_arr {
        None => Ok(wrap(py, result)?.into_any()),
        Some((obj, oa)) => {
            if oa.shape() != result.shape() {
                return Err(PyValueError::new_err(format!(
                    "non-broadcastable output operand with shape {:?} doesn't match the broadcast shape {:?}",
                    oa.shape(),
                    result.shape()
                )));
            }
            if !can_cast(result.dtype(), oa.dtype(), Casting::SameKind) {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast ufunc output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                    result.dtype().name(),
                    oa.dtype().name()
                )));
            }
            oa.assign(&result).py()?;
            Ok(obj.into_any().unbind())
        }
    }
}

/// Compute the one-dimensional discrete Fourier Transform.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn fft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Fft, a, n, axis, norm, out)
}

/// Compute the one-dimensional inverse discrete Fourier Transform.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn ifft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Ifft, a, n, axis, norm, out)
}

/// Compute the one-dimensional discrete Fourier Transform for real input.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn rfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Rfft, a, n, axis, norm, out)
}

/// Computes the inverse of `rfft`.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn irfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Irfft, a, n, axis, norm, out)
}

/// Compute the FFT of a signal that has Hermitian symmetry, i.e., a real spectrum.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn hfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Hfft, a, n, axis, norm, out)
}

/// Compute the inverse FFT of a signal that has Hermitian symmetry.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=-1, norm=None, out=None))]
fn ihfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<isize>,
    axis: isize,
    norm: Option<&str>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Ihfft, a, n, axis, norm, out)
}

fn window_length(n: &Bound<'_, PyAny>) -> PyResult<i64> {
    // NumPy accepts Python ints and NumPy integer scalars only.
    let py = n.py();
    let is_integer_scalar = |module: &str| {
        py.import(module)
            .and_then(|m| m.getattr("integer"))
            .and_then(|t| n.is_instance(&t))
            .unwrap_or(false)
    };
    if !(n.is_instance_of::<pyo3::types::PyInt>()
        || is_integer_scalar("numoxide")
        || is_integer_scalar("numpy"))
    {
        return Err(PyValueError::new_err("n should be an integer"));
    }
    n.extract()
}

/// `fftfreq`/`rfftfreq` in NumPy's order: the integer check, `1.0 / (n * d)` (a
/// ZeroDivisionError only for a Python-number `d`), the device, then the output length
/// (negative for `fftfreq` is NumPy's `empty` error; `rfftfreq` is then empty).
fn freq(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    d: Option<&Bound<'_, PyAny>>,
    device: Option<&str>,
    real: bool,
) -> PyResult<Py<PyNdArray>> {
    let n = window_length(n)?;
    let (d, python_number) = match d {
        None => (1.0, true),
        Some(d) => (
            d.extract::<f64>()?,
            d.is_instance_of::<pyo3::types::PyInt>()
                || d.is_exact_instance_of::<pyo3::types::PyFloat>(),
        ),
    };
    if python_number && n as f64 * d == 0.0 {
        return Err(PyZeroDivisionError::new_err("float division by zero"));
    }
    check_device(device)?;
    let len = if real {
        n.div_euclid(2) + 1
    } else {
        if n < 0 {
            return Err(PyValueError::new_err("negative dimensions are not allowed"));
        }
        n
    };
    if len <= 0 {
        return wrap(py, numoxide_fft::fftfreq(0, d, false).py()?);
    }
    wrap(py, numoxide_fft::fftfreq(n as usize, d, real).py()?)
}

/// Return the Discrete Fourier Transform sample frequencies.
#[pyfunction]
#[pyo3(signature = (n, d=None, device=None))]
fn fftfreq(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    d: Option<&Bound<'_, PyAny>>,
    device: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    freq(py, n, d, device, false)
}

/// Return the Discrete Fourier Transform sample frequencies (for usage with rfft, irfft).
#[pyfunction]
#[pyo3(signature = (n, d=None, device=None))]
fn rfftfreq(
    py: Python<'_>,
    n: &Bound<'_, PyAny>,
    d: Option<&Bound<'_, PyAny>>,
    device: Option<&str>,
) -> PyResult<Py<PyNdArray>> {
    freq(py, n, d, device, true)
}

fn check_device(device: Option<&str>) -> PyResult<()> {
    match device {
        None | Some("cpu") => Ok(()),
        Some(other) => Err(PyValueError::new_err(format!(
            "Device not understood. Only \"cpu\" is allowed, but received: {other}"
        ))),
    }
}

fn shift(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
    inverse: bool,
) -> PyResult<Py<PyNdArray>> {
    let a = to_array(x, None)?;
    let nd = a.ndim();
    let axes: Vec<usize> = match axis_list(axes)? {
        // NumPy's roll(x, [], ()) of a 0-d array fails unpacking the empty shift.
        None if nd == 0 => {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "not enough values to unpack (expected 2, got 0)",
            ))
        }
        None => (0..nd).collect(),
        Some(v) => {
            // NumPy reads `x.shape[ax]` first: a bad axis is an IndexError.
            if v.iter().any(|&ax| ax >= nd as isize || ax < -(nd as isize)) {
                return Err(PyIndexError::new_err("tuple index out of range"));
            }
            v.into_iter()
                .map(|ax| normalize_axis(ax, nd))
                .collect::<numoxide_core::Result<_>>()
                .py()?
        }
    };
    let shifts: Vec<isize> = axes
        .iter()
        .map(|&ax| {
            let len = a.shape()[ax] as isize;
            if inverse {
                -(len / 2)
            } else {
                len / 2
            }
        })
        .collect();
    let out = py.detach(|| numoxide_fft::roll(&a, &axes, &shifts)).py()?;
    wrap(py, out)
}

/// Shift the zero-frequency component to the center of the spectrum.
#[pyfunction]
#[pyo3(signature = (x, axes=None))]
fn fftshift(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    shift(py, x, axes, false)
}

/// The inverse of `fftshift`.
#[pyfunction]
#[pyo3(signature = (x, axes=None))]
fn ifftshift(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    shift(py, x, axes, true)
}

/// Register this family's functions (in the `_fft` submodule).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_fft")?;
    sub.add_function(wrap_pyfunction!(fft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(ifft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(rfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(irfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(hfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(ihfft, &sub)?)?;
    sub.add_function(wrap_pyfunction!(fftfreq, &sub)?)?;
    sub.add_function(wrap_pyfunction!(rfftfreq, &sub)?)?;
    sub.add_function(wrap_pyfunction!(fftshift, &sub)?)?;
    sub.add_function(wrap_pyfunction!(ifftshift, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
