//! Bindings of the fft family: the one-axis transforms of `numpy.fft` in the `_fft`
//! submodule (python/numoxide/fft arranges the n-dimensional ones from them, as NumPy
//! does).

use numoxide_core::cast::{can_cast, Casting};
use numoxide_core::layout::normalize_axis;
use numoxide_core::NdArray;
use numoxide_core::{DType, DTypeKind};
use numoxide_fft::Norm;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

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

/// The `axis=` argument: an integer (anything with `__index__`), or the type name of
/// something else (NumPy's error for it depends on where it is first used).
enum FftAxis {
    Int(isize),
    /// The type name, and whether it is a float (NumPy's axis check words that case
    /// differently).
    NotInteger(String, bool),
}

impl<'a, 'py> FromPyObject<'a, 'py> for FftAxis {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyInt>() || obj.hasattr("__index__")? {
            Ok(FftAxis::Int(obj.extract::<isize>()?))
        } else {
            Ok(FftAxis::NotInteger(
                obj.get_type().name()?.to_string(),
                obj.is_instance_of::<PyFloat>(),
            ))
        }
    }
}

/// NumPy's `norm=` argument: a valid mode, or the rejected object (kept for the error,
/// whose kind depends on where NumPy first looks at it).
enum NormArg<'py> {
    Valid(Norm),
    Invalid(Bound<'py, PyAny>),
}

impl<'py> NormArg<'py> {
    fn new(norm: Option<&Bound<'py, PyAny>>) -> PyResult<Self> {
        let Some(o) = norm.filter(|o| !o.is_none()) else {
            return Ok(NormArg::Valid(Norm::Backward));
        };
        if let Ok(text) = o.cast::<PyString>() {
            if let Ok(n) = Norm::parse(Some(text.to_str()?)) {
                return Ok(NormArg::Valid(n));
            }
        }
        Ok(NormArg::Invalid(o.clone()))
    }

    fn invalid(o: &Bound<'py, PyAny>) -> PyErr {
        match o.str() {
            Ok(text) => PyValueError::new_err(format!(
                "Invalid norm value {text}; should be \"backward\", \"ortho\" or \"forward\"."
            )),
            Err(e) => e,
        }
    }

    /// The forward transforms compare the norm with the three names.
    fn checked(&self) -> PyResult<Norm> {
        match self {
            NormArg::Valid(n) => Ok(*n),
            NormArg::Invalid(o) => Err(Self::invalid(o)),
        }
    }

    /// The inverse transforms (and hfft/ihfft) look the norm up in a dict first: an
    /// unhashable object is a TypeError there.
    fn swapped_checked(&self) -> PyResult<Norm> {
        match self {
            NormArg::Valid(n) => Ok(*n),
            NormArg::Invalid(o) => {
                o.hash()?;
                Err(Self::invalid(o))
            }
        }
    }
}

/// The `n=` argument: an integer, a bool (NumPy accepts it as a length only where the
/// output length is computed from it), or something else that NumPy first compares
/// with 1 and later refuses as a dimension.
enum NArg<'py> {
    Int(isize),
    Bool(bool),
    Other(Bound<'py, PyAny>),
}

impl<'py> NArg<'py> {
    fn new(n: &Bound<'py, PyAny>) -> PyResult<Self> {
        if n.is_instance_of::<PyBool>() || n.get_type().name()?.to_str()? == "bool" {
            return Ok(NArg::Bool(n.is_truthy()?));
        }
        if n.is_instance_of::<PyInt>() || n.hasattr("__index__")? {
            return Ok(NArg::Int(n.extract()?));
        }
        Ok(NArg::Other(n.clone()))
    }

    /// NumPy's `if n < 1: raise ValueError(...)`.
    fn check_positive(&self) -> PyResult<()> {
        let (small, text) = match self {
            NArg::Int(i) => (*i < 1, i.to_string()),
            NArg::Bool(b) => (!*b, if *b { "True" } else { "False" }.to_owned()),
            NArg::Other(o) => (o.lt(1)?, o.str()?.to_string()),
        };
        if small {
            return Err(PyValueError::new_err(format!(
                "Invalid number of FFT data points ({text}) specified."
            )));
        }
        Ok(())
    }
}

/// The ufunc NumPy runs for a transform (named in its casting errors).
fn ufunc_name(kind: Kind, n: usize) -> &'static str {
    match kind {
        Kind::Fft => "fft",
        Kind::Ifft => "ifft",
        Kind::Irfft | Kind::Hfft => "irfft",
        Kind::Rfft | Kind::Ihfft if n % 2 == 0 => "rfft_n_even",
        Kind::Rfft | Kind::Ihfft => "rfft_n_odd",
    }
}

/// The dtype a transform of an input of `kind` returns (complex64/float32 for the single
/// precision inputs, float16 kept by the real inverse transforms).
fn result_kind(kind: Kind, input: DTypeKind) -> DTypeKind {
    let single = matches!(
        input,
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Complex64
    );
    match kind {
        Kind::Irfft | Kind::Hfft if input == DTypeKind::Float16 => DTypeKind::Float16,
        Kind::Irfft | Kind::Hfft if single => DTypeKind::Float32,
        Kind::Irfft | Kind::Hfft => DTypeKind::Float64,
        _ if single => DTypeKind::Complex64,
        _ => DTypeKind::Complex128,
    }
}

/// A shape as NumPy's iterator prints it: `(3,4)`, `(6)`.
/// Check `out` (shape `out_shape`) against the loop dimensions of the input (its shape
/// without `ax`), as NumPy's gufunc iterator does for the transforms' signature
/// `(n),()->(m)` (the loop dimensions first, then the output's core dimension): the
/// input's loop dimensions may broadcast up to the output's, never the other way.
fn check_out_broadcast(in_shape: &[usize], out_shape: &[usize], ax: usize) -> PyResult<()> {
    let loop_axes = |nd: usize| (0..nd).filter(|&i| i != ax).map(|i| i as isize);
    let mut in_axes: Vec<isize> = loop_axes(in_shape.len()).collect();
    let mut out_axes: Vec<isize> = loop_axes(out_shape.len()).collect();
    let mut itershape = vec![-1; in_axes.len()];
    in_axes.push(-1);
    out_axes.push(ax as isize);
    itershape.push(out_shape[ax] as isize);
    let scalar_axes = vec![-1; itershape.len()];
    numoxide_linalg::check_loop_broadcast(
        &[Some(in_shape), Some(&[]), Some(out_shape)],
        &[in_axes, scalar_axes, out_axes],
        &itershape,
    )
    .py()
}

/// Parse the arguments shared by every one-axis transform, run it (without the GIL) and
/// store into `out` when given.
fn transform(
    py: Python<'_>,
    kind: Kind,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let arr = to_array(a, None)?;
    let nd = arr.ndim();
    let n = n.filter(|v| !v.is_none());
    let axis_index = |what: &str| -> PyResult<isize> {
        match &axis {
            FftAxis::Int(i) => Ok(*i),
            FftAxis::NotInteger(name, _) if what == "shape" => Err(PyTypeError::new_err(format!(
                "tuple indices must be integers or slices, not {name}"
            ))),
            FftAxis::NotInteger(name, true) => Err(PyTypeError::new_err(format!(
                "integer argument expected, got {name}"
            ))),
            FftAxis::NotInteger(name, false) => Err(PyTypeError::new_err(format!(
                "'{name}' object cannot be interpreted as an integer"
            ))),
        }
    };
    let n = match n {
        Some(n) => NArg::new(n)?,
        None => {
            // NumPy reads `a.shape[axis]` first: a bad axis is an IndexError here.
            let axis = axis_index("shape")?;
            let ax = if axis < 0 { axis + nd as isize } else { axis };
            if ax < 0 || ax >= nd as isize {
                return Err(PyIndexError::new_err("tuple index out of range"));
            }
            let len = arr.shape()[ax as usize] as isize;
            NArg::Int(match kind {
                Kind::Irfft | Kind::Hfft => (len - 1) * 2,
                _ => len,
            })
        }
    };
    let norm = NormArg::new(norm)?;
    if matches!(kind, Kind::Hfft | Kind::Ihfft) {
        // hfft/ihfft swap the norm's direction (and so check it) before checking n.
        norm.swapped_checked()?;
    }
    n.check_positive()?;
    // NumPy checks n, then the norm (the inverse transforms swap its direction through
    // a dict), then the axis, then sizes the output with n.
    let norm = match kind {
        Kind::Fft | Kind::Rfft => norm.checked()?,
        _ => norm.swapped_checked()?,
    };
    let ax = normalize_axis(axis_index("axis")?, nd).py()?;
    let n = match n {
        NArg::Int(i) => i as usize,
        // A bool length is refused where NumPy sizes the output with it directly.
        NArg::Bool(_) if !matches!(kind, Kind::Rfft | Kind::Ihfft) => {
            return Err(PyTypeError::new_err("an integer is required"))
        }
        NArg::Bool(_) => 1,
        NArg::Other(o) => {
            return Err(PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                o.get_type().fully_qualified_name()?
            )))
        }
    };
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
            if !oa.is_writeable() {
                return Err(PyValueError::new_err("output array is read-only"));
            }
            // The ufunc resolves its loop from the input, then checks the output cast,
            // then broadcasts the loop dimensions.
            let res_dtype = DType::new(result_kind(kind, arr.kind()));
            if !can_cast(&res_dtype, oa.dtype(), Casting::SameKind) {
                return Err(numoxide_core::cast::ufunc_cast_error(
                    ufunc_name(kind, n),
                    "output",
                    &res_dtype,
                    oa.dtype(),
                    Casting::SameKind,
                ))
                .py();
            }
            check_out_broadcast(arr.shape(), oa.shape(), ax)?;
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
            // The input's loop dimensions broadcast up to the output's (checked above).
            oa.assign(&result).py()?;
            Ok(obj.into_any().unbind())
        }
    }
}

/// Compute the one-dimensional discrete Fourier Transform.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn fft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Fft, a, n, axis, norm, out)
}

/// Compute the one-dimensional inverse discrete Fourier Transform.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn ifft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Ifft, a, n, axis, norm, out)
}

/// Compute the one-dimensional discrete Fourier Transform for real input.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn rfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Rfft, a, n, axis, norm, out)
}

/// Computes the inverse of `rfft`.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn irfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Irfft, a, n, axis, norm, out)
}

/// Compute the FFT of a signal that has Hermitian symmetry, i.e., a real spectrum.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn hfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    transform(py, Kind::Hfft, a, n, axis, norm, out)
}

/// Compute the inverse FFT of a signal that has Hermitian symmetry.
#[pyfunction]
#[pyo3(signature = (a, n=None, axis=FftAxis::Int(-1), norm=None, out=None), text_signature = "(a, n=None, axis=-1, norm=None, out=None)")]
fn ihfft(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: Option<&Bound<'_, PyAny>>,
    axis: FftAxis,
    norm: Option<&Bound<'_, PyAny>>,
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
