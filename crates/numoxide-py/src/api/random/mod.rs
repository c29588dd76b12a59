//! Bindings of the random family: the `_random` submodule behind `numoxide.random`.
//!
//! The bit generator state lives in a `_BitGen` object; the Python classes in
//! `numoxide.random` hold one and call the functions here, which parse arguments,
//! validate them with NumPy's messages and call the samplers in `numoxide_ops::random`.

mod bit_generators;
mod generator;
mod legacy;
mod selection;

pub(super) use bit_generators::PyBitGen;

use numoxide_core::{DType, DTypeKind, NdArray};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::array::{wrap, PyNdArray};
use crate::convert::{shape_arg, to_array};
use crate::error::IntoPyResult;

pub(super) fn size_opt(size: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    match size {
        Some(s) if !s.is_none() => Ok(Some(shape_arg(s)?)),
        _ => Ok(None),
    }
}

// ----- output handling ----------------------------------------------------------------

/// Write `data` into a contiguous `out` array in memory order.
pub(super) fn write_out<T: Copy>(out: &NdArray, data: &[T]) -> PyResult<()> {
    out.check_writeable().py()?;
    if data.len() != out.size() || !(out.is_c_contiguous() || out.is_f_contiguous()) {
        return Err(PyValueError::new_err("Supplied output array must be contiguous, writable, aligned, and in machine byte-order."));
    }
    if !data.is_empty() {
        // SAFETY: `out` is contiguous with exactly `data.len()` elements of `T` (its dtype
        // was checked by the caller), so the destination range is valid and distinct
        // from `data`, which is a fresh Vec.
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.as_ptr() as *const u8,
                out.data_ptr(),
                std::mem::size_of_val(data),
            )
        };
    }
    Ok(())
}

pub(super) fn check_out(
    out: &Bound<'_, PyAny>,
    kind: DTypeKind,
    size: &Option<Vec<usize>>,
    require_c: bool,
) -> PyResult<NdArray> {
    let arr = out
        .cast::<PyNdArray>()
        .map_err(|_| PyTypeError::new_err("out must be a numoxide array"))?
        .borrow()
        .inner
        .clone();
    if !(arr.is_c_contiguous() || (arr.is_f_contiguous() && !require_c)) || !arr.is_writeable() {
        let req = if require_c { "C-" } else { "" };
        return Err(PyValueError::new_err(format!(
            "Supplied output array must be {req}contiguous, writable, aligned, and in machine byte-order."
        )));
    }
    if arr.kind() != kind {
        return Err(PyTypeError::new_err(format!(
            "Supplied output array has the wrong type. Expected {}, got {}",
            DType::new(kind),
            arr.dtype()
        )));
    }
    if let Some(s) = size {
        if s.as_slice() != arr.shape() {
            return Err(PyValueError::new_err(
                "size must match out.shape when used together",
            ));
        }
    }
    Ok(arr)
}

pub(super) fn finish<T: numoxide_core::scalar::ScalarElement + Copy>(
    py: Python<'_>,
    data: Vec<T>,
    shape: &[usize],
    out: Option<(&Bound<'_, PyAny>, NdArray)>,
) -> PyResult<Py<PyAny>> {
    match out {
        Some((obj, arr)) => {
            write_out(&arr, &data)?;
            Ok(obj.clone().unbind())
        }
        None => Ok(wrap(py, NdArray::from_vec(data, shape).py()?)?.into_any()),
    }
}

// ----- parameter constraints ------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Cons {
    None,
    NonNegative,
    Positive,
    Bounded01,
    BoundedGt01,
    BoundedLt01,
    Gt1,
    Poisson,
}

pub(super) const POISSON_LAM_MAX: f64 = 9.223_372_006_484_771e18;

pub(super) fn check_scalar(v: f64, name: &str, c: Cons) -> PyResult<()> {
    let err = |m: String| Err(PyValueError::new_err(m));
    match c {
        Cons::None => Ok(()),
        Cons::NonNegative if !v.is_nan() && v.is_sign_negative() => err(format!("{name} < 0")),
        Cons::Positive if v <= 0.0 => err(format!("{name} <= 0")),
        Cons::Bounded01 if !(v >= 0.0) || !(v <= 1.0) => {
            err(format!("{name} < 0, {name} > 1 or {name} is NaN"))
        }
        Cons::BoundedGt01 if !(v > 0.0) || !(v <= 1.0) => {
            err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedLt01 if !(v >= 0.0) || !(v < 1.0) => {
            err(format!("{name} < 0, {name} >= 1 or {name} is NaN"))
        }
        Cons::Gt1 if !(v > 1.0) => err(format!("{name} <= 1 or {name} is NaN")),
        Cons::Poisson if !(v >= 0.0) => err(format!("{name} < 0 or {name} is NaN")),
        Cons::Poisson if !(v <= POISSON_LAM_MAX) => err(format!("{name} value too large")),
        _ => Ok(()),
    }
}

pub(super) fn check_array(vals: &[f64], name: &str, c: Cons) -> PyResult<()> {
    let err = |m: String| Err(PyValueError::new_err(m));
    let any = |f: &dyn Fn(f64) -> bool| vals.iter().any(|&v| f(v));
    match c {
        Cons::None => Ok(()),
        Cons::NonNegative if any(&|v| !v.is_nan() && v.is_sign_negative()) => {
            err(format!("{name} < 0"))
        }
        Cons::Positive if any(&|v| v <= 0.0) => err(format!("{name} <= 0")),
        Cons::Bounded01 if any(&|v| !(v >= 0.0) || !(v <= 1.0)) => {
            err(format!("{name} < 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedGt01 if any(&|v| !(v > 0.0) || !(v <= 1.0)) => {
            err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedLt01 if any(&|v| !(v >= 0.0) || !(v < 1.0)) => {
            err(format!("{name} < 0, {name} >= 1 or {name} contains NaNs"))
        }
        Cons::Gt1 if any(&|v| !(v > 1.0)) => err(format!("{name} <= 1 or {name} contains NaNs")),
        Cons::Poisson if any(&|v| !(v <= POISSON_LAM_MAX)) => {
            err(format!("{name} value too large"))
        }
        Cons::Poisson if any(&|v| !(v >= 0.0)) => {
            err(format!("{name} < 0 or {name} contains NaNs"))
        }
        _ => Ok(()),
    }
}

/// Converted parameters: values broadcast to the output shape, or one scalar each.
pub(super) struct Params {
    scalar: bool,
    shape: Vec<usize>,
    arrays: Vec<NdArray>,
}

pub(super) fn params(args: &Bound<'_, PyTuple>, dtype: &DType) -> PyResult<Params> {
    let mut arrays = Vec::new();
    for a in args.iter() {
        arrays.push(to_array(&a, Some(dtype))?);
    }
    let scalar = arrays.iter().all(|a| a.ndim() == 0);
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = numoxide_core::layout::broadcast_shapes(&shapes)
        .py()?
        .to_vec();
    Ok(Params {
        scalar,
        shape,
        arrays,
    })
}

pub(super) fn out_shape(p: &Params, size: &Option<Vec<usize>>) -> PyResult<Vec<usize>> {
    match size {
        None => Ok(p.shape.clone()),
        Some(s) => {
            let b = numoxide_core::layout::broadcast_shapes(&[p.shape.as_slice(), s.as_slice()])
                .py()?;
            if b.as_slice() != s.as_slice() {
                return Err(PyValueError::new_err(format!(
                    "Output size {:?} is not compatible with broadcast dimensions of inputs {:?}.",
                    s, b
                )));
            }
            Ok(s.clone())
        }
    }
}

pub(super) fn broadcast_vals<T: numoxide_core::cast::CastFrom>(
    a: &NdArray,
    shape: &[usize],
) -> PyResult<Vec<T>> {
    Ok(a.broadcast_to(shape).py()?.to_vec::<T>())
}

/// Register the `_random` submodule.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_random")?;
    sub.add_class::<PyBitGen>()?;
    sub.add_function(wrap_pyfunction!(bit_generators::seedseq_pool, &sub)?)?;
    sub.add_function(wrap_pyfunction!(bit_generators::seedseq_generate, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::fill, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::cont, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::standard_gamma_f, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::disc, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::hypergeometric, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::integers, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::choice, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::shuffle_array, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::permuted_inplace, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::permutation, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::random_bytes, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::multinomial, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::dirichlet, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_permutation_prefix, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
