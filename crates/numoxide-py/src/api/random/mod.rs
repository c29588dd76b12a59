//! Bindings of the random family: the `_random` submodule behind `numoxide.random`.
//!
//! The bit generator state lives in a `_BitGen` object; the Python classes in
//! `numoxide.random` hold one and call the functions here, which parse arguments,
//! validate them with NumPy's messages and call the samplers in `numoxide_ops::random`.

mod bit_generators;
mod generator;
mod legacy;
mod selection;

pub(super) use bit_generators::{BgGuard, BgState, PyBitGen};

use numoxide_core::scalar::ScalarElement;
use numoxide_core::{DType, DTypeKind, NdArray, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::array::{wrap, PyNdArray};
use crate::convert::{shape_arg, to_array};
use crate::error::IntoPyResult;

/// Exclusive access to a generator's state: takes the bit generator's lock (NumPy's
/// `lock`); while another thread holds it, wait with the GIL released.
pub(super) fn lock_bg<'a>(bg: &'a Bound<'_, PyBitGen>) -> PyResult<BgGuard<'a>> {
    bit_generators::lock_state(bg.py(), bg.get())
}

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
        .inner()
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

/// Outputs at least this long are drawn with the GIL released.
pub(super) const DETACH_MIN: usize = 1 << 14;

/// The writable target of a draw: a caller's `out` array (checked by [`check_out`]) or a
/// fresh C-contiguous array of `shape`.
pub(super) fn target<T: ScalarElement>(
    shape: &[usize],
    out: &Option<(&Bound<'_, PyAny>, NdArray)>,
) -> PyResult<NdArray> {
    match out {
        Some((_, a)) => Ok(a.clone()),
        None => NdArray::zeros(shape, DType::new(T::KIND), Order::C).py(),
    }
}

/// Hand the contiguous array `a` (of element type `T`) to `f` as one mutable slice in
/// memory order, releasing the GIL when it is long.
pub(super) fn fill_slice<T, F>(py: Python<'_>, a: &NdArray, f: F) -> PyResult<()>
where
    T: ScalarElement + Copy + Send,
    F: FnOnce(&mut [T]) + Send,
{
    let n = a.size();
    if n == 0 {
        return Ok(());
    }
    let ptr = a.data_ptr();
    if !(a.is_c_contiguous() || a.is_f_contiguous())
        || a.dtype().kind() != T::KIND
        || (ptr as usize) % std::mem::align_of::<T>() != 0
    {
        return Err(PyValueError::new_err(
            "Supplied output array must be contiguous, writable, aligned, and in machine byte-order.",
        ));
    }
    // SAFETY: `a` is contiguous (checked) with `n` elements of `T` (its dtype kind is
    // `T`'s) starting at an aligned `ptr`; nothing else touches this memory during the
    // fill (a fresh array, or the caller's `out` that NumPy also overwrites in place).
    let slice = unsafe { std::slice::from_raw_parts_mut(ptr as *mut T, n) };
    if n >= DETACH_MIN {
        py.detach(move || f(slice));
    } else {
        f(slice);
    }
    Ok(())
}

/// Fill the contiguous array `a` in memory order with `f(i)` (see [`fill_slice`]).
pub(super) fn fill_with<T, F>(py: Python<'_>, a: &NdArray, mut f: F) -> PyResult<()>
where
    T: ScalarElement + Copy + Send,
    F: FnMut(usize) -> T + Send,
{
    fill_slice(py, a, move |s: &mut [T]| {
        for (i, v) in s.iter_mut().enumerate() {
            *v = f(i);
        }
    })
}

/// Fill a fresh array of `shape` (or `out`) with `f(i)` and return it to Python.
pub(super) fn draw_array<T, F>(
    py: Python<'_>,
    shape: &[usize],
    out: Option<(&Bound<'_, PyAny>, NdArray)>,
    f: F,
) -> PyResult<Py<PyAny>>
where
    T: ScalarElement + Copy + Send,
    F: FnMut(usize) -> T + Send,
{
    let a = target::<T>(shape, &out)?;
    fill_with(py, &a, f)?;
    match out {
        Some((obj, _)) => Ok(obj.clone().unbind()),
        None => Ok(wrap(py, a)?.into_any()),
    }
}

/// NumPy's `cont`/`disc` driver: convert the float parameters, check them with `cons`
/// (NumPy's messages, scalar or array wording), broadcast them against `size`/`out`,
/// and draw `f(state, a0, a1, a2)` per element; a Python scalar when all parameters
/// are scalars and neither `size` nor `out` is given.
pub(super) fn run_dist<T, F>(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    cons: &[(&str, Cons)],
    args: &Bound<'_, PyTuple>,
    size: Option<Vec<usize>>,
    out: Option<(&Bound<'_, PyAny>, NdArray)>,
    f: F,
) -> PyResult<Py<PyAny>>
where
    T: ScalarElement + Copy + Send + for<'py> IntoPyObject<'py>,
    F: Fn(&mut BgState, f64, f64, f64) -> T + Send + Sync,
{
    let p = params(args, &DType::FLOAT64)?;
    let mut guard = lock_bg(bg)?;
    let b = &mut *guard;
    if !p.scalar {
        let vals: Vec<Vec<f64>> = p.arrays.iter().map(|a| a.to_vec::<f64>()).collect();
        for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
            check_array(v, nm, *c)?;
        }
        let shape = match &out {
            Some((_, a)) => out_shape(&p, &Some(a.shape().to_vec()))?,
            None => out_shape(&p, &size)?,
        };
        let cols: Vec<Vec<f64>> = p
            .arrays
            .iter()
            .map(|a| broadcast_vals::<f64>(a, &shape))
            .collect::<PyResult<_>>()?;
        let at = |k: usize, i: usize| cols.get(k).and_then(|c| c.get(i)).copied().unwrap_or(0.0);
        return draw_array(py, &shape, out, |i| f(b, at(0, i), at(1, i), at(2, i)));
    }
    let vals: Vec<f64> = p
        .arrays
        .iter()
        .map(|a| a.to_vec::<f64>().first().copied().unwrap_or(0.0))
        .collect();
    for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
        check_scalar(*v, nm, *c)?;
    }
    let at = |k: usize| vals.get(k).copied().unwrap_or(0.0);
    let (a0, a1, a2) = (at(0), at(1), at(2));
    if size.is_none() && out.is_none() {
        return pyo3::IntoPyObjectExt::into_py_any(f(b, a0, a1, a2), py);
    }
    let shape = match &out {
        Some((_, a)) => a.shape().to_vec(),
        None => size.unwrap_or_default(),
    };
    draw_array(py, &shape, out, |_| f(b, a0, a1, a2))
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
    sub.add_class::<bit_generators::PyBitGenLock>()?;
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
    sub.add_function(wrap_pyfunction!(legacy::legacy_cont, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_disc, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_hypergeometric, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_multinomial, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_dirichlet, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::tomaxint, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::choice_p, &sub)?)?;
    sub.add_function(wrap_pyfunction!(selection::take0, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::mvhg, &sub)?)?;
    sub.add_function(wrap_pyfunction!(generator::mvn_affine, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy::legacy_permutation_prefix, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
