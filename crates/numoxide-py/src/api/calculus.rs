//! Differences and integrals: `diff`, `ediff1d`, `gradient`, `trapezoid`, `interp`,
//! `cumulative_sum`, `cumulative_prod`. Arguments are parsed here; the work is in
//! `numoxide_ops::calculus`.

use numoxide_core::NdArray;
use numoxide_ops::calculus::{self, Fill, Flags};
use numoxide_ops::reductions::Notes;
use numoxide_ops::ufunc::Input;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyTuple};

use crate::api::reductions::emit;
use crate::api::ufuncs::{handle_fp_flags, to_input};
use crate::array::{axis_list, warn_complex_to_real, wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::opt_dtype;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

fn raise_flags(py: Python<'_>, flags: &Flags) -> PyResult<()> {
    for (name, f) in flags {
        handle_fp_flags(py, name, *f)?;
    }
    Ok(())
}

fn array_out<'py>(py: Python<'py>, a: NdArray) -> PyResult<Bound<'py, PyAny>> {
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

/// A 0-d result becomes a scalar, as NumPy's `PyArray_Return`.
fn scalar_or_array<'py>(py: Python<'py>, a: NdArray) -> PyResult<Bound<'py, PyAny>> {
    if a.ndim() == 0 {
        scalar_to_numoxide(py, a.item().py()?)
    } else {
        array_out(py, a)
    }
}

fn opt_array(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NdArray>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some(to_array(o, None)?)),
        _ => Ok(None),
    }
}

/// Calculate the n-th discrete difference along the given axis.
#[pyfunction]
#[pyo3(signature = (a, n=1, axis=-1, prepend=None, append=None))]
pub fn diff<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    n: i64,
    axis: isize,
    prepend: Option<&Bound<'py, PyAny>>,
    append: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if n == 0 {
        return Ok(a.clone());
    }
    let arr = to_array(a, None)?;
    let (pre, app) = (opt_array(prepend)?, opt_array(append)?);
    let mut flags = Flags::new();
    let r = calculus::diff(&arr, n, axis, pre.as_ref(), app.as_ref(), &mut flags).py()?;
    raise_flags(py, &flags)?;
    array_out(py, r)
}

/// The differences between consecutive elements of an array.
#[pyfunction]
#[pyo3(signature = (ary, to_end=None, to_begin=None))]
pub fn ediff1d<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    to_end: Option<&Bound<'py, PyAny>>,
    to_begin: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(ary, None)?;
    let (end, begin) = (opt_array(to_end)?, opt_array(to_begin)?);
    let mut flags = Flags::new();
    let r = calculus::ediff1d(&arr, end.as_ref(), begin.as_ref(), &mut flags).py()?;
    raise_flags(py, &flags)?;
    array_out(py, r)
}

/// Return the gradient of an N-dimensional array.
#[pyfunction]
#[pyo3(signature = (f, *varargs, axis=None, edge_order=1))]
pub fn gradient<'py>(
    py: Python<'py>,
    f: &Bound<'py, PyAny>,
    varargs: &Bound<'py, PyTuple>,
    axis: Option<&Bound<'py, PyAny>>,
    edge_order: i64,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(f, None)?;
    let spacing: Vec<Input> = varargs
        .iter()
        .map(|v| to_input(&v))
        .collect::<PyResult<_>>()?;
    let axes = axis_list(axis)?;
    let mut flags = Flags::new();
    let outs = calculus::gradient(&arr, &spacing, axes.as_deref(), edge_order, &mut flags).py()?;
    raise_flags(py, &flags)?;
    if outs.len() == 1 {
        if let Some(o) = outs.into_iter().next() {
            return array_out(py, o);
        }
        return Err(PyTypeError::new_err("no gradient"));
    }
    let items: Vec<Bound<'py, PyAny>> = outs
        .into_iter()
        .map(|o| array_out(py, o))
        .collect::<PyResult<_>>()?;
    Ok(PyTuple::new(py, items)?.into_any())
}

/// Integrate along the given axis using the composite trapezoidal rule.
#[pyfunction]
#[pyo3(signature = (y, x=None, dx=None, axis=-1))]
pub fn trapezoid<'py>(
    py: Python<'py>,
    y: &Bound<'py, PyAny>,
    x: Option<&Bound<'py, PyAny>>,
    dx: Option<&Bound<'py, PyAny>>,
    axis: isize,
) -> PyResult<Bound<'py, PyAny>> {
    let ya = to_array(y, None)?;
    let xa = opt_array(x)?;
    let d = match dx {
        Some(d) if !d.is_none() => to_input(d)?,
        _ => Input::Weak(numoxide_ops::ufunc::Weak::Float(1.0)),
    };
    let mut flags = Flags::new();
    let r = calculus::trapezoid(&ya, xa.as_ref(), &d, axis, &mut flags).py()?;
    raise_flags(py, &flags)?;
    scalar_or_array(py, r)
}

fn fill_arg(obj: Option<&Bound<'_, PyAny>>, complex: bool) -> PyResult<Option<Fill>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if complex {
        if let Ok(c) = o.cast::<PyComplex>() {
            return Ok(Some(Fill::Complex(c.real(), c.imag())));
        }
        let c = o.py().import("builtins")?.getattr("complex")?.call1((o,))?;
        let c = c.cast::<PyComplex>()?;
        return Ok(Some(Fill::Complex(c.real(), c.imag())));
    }
    if o.cast::<PyComplex>().is_ok() {
        return Err(PyTypeError::new_err(
            "float() argument must be a string or a real number, not 'complex'",
        ));
    }
    Ok(Some(Fill::Real(o.extract::<f64>()?)))
}

/// One-dimensional linear interpolation for monotonically increasing sample points.
#[pyfunction]
#[pyo3(signature = (x, xp, fp, left=None, right=None, period=None))]
#[allow(clippy::too_many_arguments)]
pub fn interp<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    xp: &Bound<'py, PyAny>,
    fp: &Bound<'py, PyAny>,
    left: Option<&Bound<'py, PyAny>>,
    right: Option<&Bound<'py, PyAny>>,
    period: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let fpa = to_array(fp, None)?;
    let complex = fpa.kind().is_complex();
    let xa = to_array(x, None)?;
    let xpa = to_array(xp, None)?;
    let (l, r) = (fill_arg(left, complex)?, fill_arg(right, complex)?);
    let mut flags = Flags::new();
    let res = py
        .detach(|| calculus::interp(&xa, &xpa, &fpa, l, r, period, &mut flags))
        .py()?;
    raise_flags(py, &flags)?;
    scalar_or_array(py, res)
}

fn cumulative_impl<'py>(
    py: Python<'py>,
    name: &'static str,
    x: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    include_initial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(x, None)?;
    let out_arr = match out {
        Some(o) if !o.is_none() => Some(
            o.cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("output must be an array"))?
                .borrow()
                .inner()
                .clone(),
        ),
        _ => None,
    };
    let dtype = opt_dtype(dtype)?;
    // NumPy's ComplexWarning: complex input accumulated in a real dtype, or a complex
    // accumulation written to a real `out`.
    let acc_complex = match &dtype {
        Some(d) => d.kind().is_complex(),
        None => arr.kind().is_complex(),
    };
    let out_real = out_arr.as_ref().is_some_and(|o| !o.kind().is_complex());
    if (arr.kind().is_complex() && !acc_complex) || (acc_complex && out_real) {
        warn_complex_to_real(py)?;
    }
    let mut notes = Notes::default();
    let r = calculus::cumulative(
        name,
        &arr,
        axis,
        dtype,
        out_arr,
        include_initial,
        &mut notes,
    )
    .py()?;
    emit(py, &notes)?;
    if let Some(o) = out.filter(|o| !o.is_none()) {
        return Ok(o.clone());
    }
    array_out(py, r)
}

/// Return the cumulative sum of the elements along a given axis.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, dtype=None, out=None, include_initial=false))]
pub fn cumulative_sum<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    include_initial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    cumulative_impl(py, "add", x, axis, dtype, out, include_initial)
}

/// Return the cumulative product of elements along a given axis.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, dtype=None, out=None, include_initial=false))]
pub fn cumulative_prod<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    include_initial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    cumulative_impl(py, "multiply", x, axis, dtype, out, include_initial)
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(ediff1d, m)?)?;
    m.add_function(wrap_pyfunction!(gradient, m)?)?;
    m.add_function(wrap_pyfunction!(trapezoid, m)?)?;
    m.add_function(wrap_pyfunction!(interp, m)?)?;
    m.add_function(wrap_pyfunction!(cumulative_sum, m)?)?;
    m.add_function(wrap_pyfunction!(cumulative_prod, m)?)?;
    Ok(())
}
