//! Elementwise helpers (`clip`, `where`, `around`/`round`, `fix`, `nan_to_num`,
//! `isclose`, `allclose`, `real_if_close`), type queries (`result_type`,
//! `min_scalar_type`, `common_type`) and broadcasting (`broadcast`, `broadcast_shapes`,
//! `broadcast_to`, `broadcast_arrays`). The numerics are in
//! `numoxide_ops::elementwise`.

use numoxide_core::cast::Casting;
use numoxide_core::layout;
use numoxide_core::{DType, DTypeKind, NdArray, Order, Scalar};
use numoxide_ops::elementwise as ew;
use numoxide_ops::ufunc::{FpFlags, Input, Weak};
use pyo3::exceptions::{PyDeprecationWarning, PyStopIteration, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyDict, PyFloat, PyInt, PyTuple};

use crate::api::ufuncs::{handle_fp_flags, to_input};
use crate::array::{wrap, wrap_view, PyNdArray};
use crate::convert::{shape_arg, to_array};
use crate::dtype::{dtype_from_py, dtype_object};
use crate::error::IntoPyResult;
use crate::scalar::{py_value, scalar_to_numoxide, PyValue};

fn flags_out(py: Python<'_>, flags: &[(&'static str, FpFlags)]) -> PyResult<()> {
    for (n, f) in flags {
        handle_fp_flags(py, n, *f)?;
    }
    Ok(())
}

/// A 0-d result becomes a scalar, anything else an array.
fn scalarize(py: Python<'_>, r: NdArray) -> PyResult<Bound<'_, PyAny>> {
    if r.ndim() == 0 {
        return scalar_to_numoxide(py, r.item().py()?);
    }
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

fn array_obj(py: Python<'_>, r: NdArray) -> PyResult<Bound<'_, PyAny>> {
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Put `r` into `out` (when given) and return it, else wrap `r`.
fn into_out<'py>(
    py: Python<'py>,
    r: NdArray,
    out: Option<&Bound<'py, PyAny>>,
    scalar: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(o) = out.filter(|o| !o.is_none()) {
        let arr = o
            .cast::<PyNdArray>()
            .map_err(|_| PyTypeError::new_err("out must be an array"))?;
        arr.get().inner().assign(&r).py()?;
        return Ok(o.clone());
    }
    if scalar {
        scalarize(py, r)
    } else {
        array_obj(py, r)
    }
}

fn opt_input(o: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Input>> {
    match o {
        Some(v) if !v.is_none() => Ok(Some(to_input(v)?)),
        _ => Ok(None),
    }
}

/// The ufunc keywords `clip` passes on to NumPy's `clip` ufunc.
#[derive(Default)]
struct ClipKw {
    dtype: Option<DType>,
    casting: Option<Casting>,
    where_: Option<NdArray>,
}

impl ClipKw {
    fn parse(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<ClipKw> {
        let mut kw = ClipKw::default();
        let Some(kwargs) = kwargs else {
            return Ok(kw);
        };
        for (k, v) in kwargs.iter() {
            let key: String = k.extract()?;
            match key.as_str() {
                "dtype" if !v.is_none() => kw.dtype = Some(dtype_from_py(&v)?),
                "casting" => kw.casting = Some(Casting::parse(&v.extract::<String>()?).py()?),
                "where" => {
                    let w = to_array(&v, None)?;
                    if w.kind() != DTypeKind::Bool {
                        return Err(PyTypeError::new_err(format!(
                            "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
                            w.dtype().name()
                        )));
                    }
                    kw.where_ = Some(w);
                }
                "dtype" | "order" | "subok" | "signature" => {}
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "clip() got an unexpected keyword argument '{key}'"
                    )))
                }
            }
        }
        Ok(kw)
    }
}

/// An operand of the `clip` ufunc cast to its `dtype=` loop, as NumPy checks and casts
/// ufunc inputs ("Cannot cast ufunc 'clip' input N ...", "... encountered in cast").
fn clip_operand(py: Python<'_>, x: Input, idx: usize, kw: &ClipKw) -> PyResult<Input> {
    let (Some(dt), Input::Array(a)) = (&kw.dtype, &x) else {
        return Ok(x);
    };
    if a.dtype() == dt {
        return Ok(x);
    }
    let casting = kw.casting.unwrap_or(Casting::SameKind);
    if !numoxide_core::cast::can_cast(a.dtype(), dt, casting) {
        let operand = format!("input {idx}");
        return Err(numoxide_core::cast::ufunc_cast_error(
            "clip",
            &operand,
            a.dtype(),
            dt,
            casting,
        ))
        .py();
    }
    let c = crate::convert::checked_cast(py, || a.astype(dt.clone(), Order::K).py())?;
    Ok(Input::Array(c))
}

fn clip_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    lo: Option<&Bound<'py, PyAny>>,
    hi: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kw = ClipKw::parse(kwargs)?;
    // NumPy's `_clip` drops a Python int bound beyond the *input's* integer range
    // before the ufunc sees `dtype=`.
    let in_kind = a.kind();
    let (imin, imax) = if in_kind.is_integer() {
        numoxide_ops::ufunc::int_range(in_kind)
    } else {
        (i128::MIN, i128::MAX)
    };
    let lo = opt_input(lo)?
        .filter(|l| !matches!(l, Input::Weak(Weak::Int(v)) if in_kind.is_integer() && *v <= imin));
    let hi = opt_input(hi)?
        .filter(|h| !matches!(h, Input::Weak(Weak::Int(v)) if in_kind.is_integer() && *v >= imax));
    if let Some(dt) = kw.dtype.as_ref().filter(|d| d.kind().is_integer()) {
        // The remaining Python ints are converted to the loop's type first (NumPy's
        // OverflowError comes before any casting error).
        for b in [&lo, &hi].into_iter().flatten() {
            if let Input::Weak(w @ Weak::Int(_)) = b {
                numoxide_ops::ufunc::weak_to_scalar(w, dt.kind()).py()?;
            }
        }
    }
    let Input::Array(a) = clip_operand(py, Input::Array(a.clone()), 0, &kw)? else {
        return Err(PyTypeError::new_err("clip: bad operand"));
    };
    let lo = lo.map(|l| clip_operand(py, l, 1, &kw)).transpose()?;
    let hi = hi.map(|h| clip_operand(py, h, 2, &kw)).transpose()?;
    let mut flags = Vec::new();
    let mut r = ew::clip(&a, lo.as_ref(), hi.as_ref(), &mut flags).py()?;
    if let Some(dt) = &kw.dtype {
        if r.dtype() != dt {
            r = crate::convert::checked_cast(py, || r.astype(dt.clone(), Order::K).py())?;
        }
    }
    if let Some(o) = out.filter(|o| !o.is_none()) {
        // The clip ufunc's output casting rule (same_kind unless casting= says otherwise).
        if let Ok(o) = o.cast::<PyNdArray>() {
            let casting = kw.casting.unwrap_or(Casting::SameKind);
            let od = o.get().inner().dtype().clone();
            if !numoxide_core::cast::can_cast(r.dtype(), &od, casting) {
                return Err(numoxide_core::cast::ufunc_cast_error(
                    "clip",
                    "output",
                    r.dtype(),
                    &od,
                    casting,
                ))
                .py();
            }
        }
    }
    flags_out(py, &flags)?;
    if let Some(w) = &kw.where_ {
        // Where the mask is False the output keeps what it held (a fresh output: zeros).
        let target = match out.filter(|o| !o.is_none()) {
            Some(o) => o
                .cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("out must be an array"))?
                .get()
                .inner()
                .clone(),
            None => NdArray::zeros(r.shape(), r.dtype().clone(), Order::C).py()?,
        };
        let w = w.broadcast_to(target.shape()).py()?;
        let src = r.broadcast_to(target.shape()).py()?;
        target.assign_where(&src, &w).py()?;
        return match out.filter(|o| !o.is_none()) {
            Some(o) => Ok(o.clone()),
            None => array_obj(py, target),
        };
    }
    into_out(py, r, out, true)
}

fn pick<'py>(
    a: Option<&Bound<'py, PyAny>>,
    b: Option<&Bound<'py, PyAny>>,
    name: &str,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    match (a, b) {
        (Some(_), Some(_)) => Err(PyValueError::new_err(format!(
            "Passed more than one argument for {name}"
        ))),
        (Some(x), None) | (None, Some(x)) => Ok(Some(x.clone())),
        (None, None) => Ok(None),
    }
}

/// Clip (limit) the values in an array.
#[pyfunction]
#[pyo3(signature = (a, a_min=None, a_max=None, out=None, *, min=None, max=None, **kwargs))]
#[allow(clippy::too_many_arguments)]
pub fn clip<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    a_min: Option<&Bound<'py, PyAny>>,
    a_max: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    min: Option<&Bound<'py, PyAny>>,
    max: Option<&Bound<'py, PyAny>>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let lo = pick(a_min, min, "min")?;
    let hi = pick(a_max, max, "max")?;
    let arr = to_array(a, None)?;
    clip_impl(py, &arr, lo.as_ref(), hi.as_ref(), out, kwargs)
}

fn nonzero_tuple<'py>(py: Python<'py>, cond: &NdArray) -> PyResult<Bound<'py, PyAny>> {
    crate::api::indexing::nonzero_tuple(py, cond)
}

/// Return elements chosen from `x` or `y` depending on `condition`.
#[pyfunction]
#[pyo3(name = "where", signature = (condition, x=None, y=None))]
pub fn where_<'py>(
    py: Python<'py>,
    condition: &Bound<'py, PyAny>,
    x: Option<&Bound<'py, PyAny>>,
    y: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cond = to_array(condition, None)?;
    match (x, y) {
        (None, None) => nonzero_tuple(py, &cond),
        (Some(x), Some(y)) => {
            let r = ew::where_(&cond, &to_input(x)?, &to_input(y)?).py()?;
            array_obj(py, r)
        }
        _ => Err(PyValueError::new_err(
            "either both or neither of x and y should be given",
        )),
    }
}

fn round_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    decimals: i64,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut flags = Vec::new();
    let r = ew::around(a, decimals, &mut flags).py()?;
    flags_out(py, &flags)?;
    into_out(py, r, out, true)
}

/// Evenly round to the given number of decimals.
#[pyfunction]
#[pyo3(signature = (a, decimals=0, out=None))]
pub fn around<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    decimals: i64,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    round_impl(py, &to_array(a, None)?, decimals, out)
}

/// Evenly round to the given number of decimals.
#[pyfunction]
#[pyo3(name = "round", signature = (a, decimals=0, out=None))]
pub fn round_<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    decimals: i64,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    round_impl(py, &to_array(a, None)?, decimals, out)
}

/// Round to nearest integer towards zero (deprecated in NumPy 2.4 in favour of trunc).
#[pyfunction]
#[pyo3(signature = (x, out=None))]
pub fn fix<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cat = py.get_type::<PyDeprecationWarning>();
    PyErr::warn(
        py,
        &cat,
        c"numpy.fix is deprecated. Use numpy.trunc instead, which is faster and follows the Array API standard.",
        1,
    )?;
    let a = to_array(x, None)?;
    let mut flags = Vec::new();
    let r = ew::fix(&a, &mut flags).py()?;
    flags_out(py, &flags)?;
    into_out(py, r, out, true)
}

/// Replace NaN with zero and infinity with large finite numbers (or the given values).
#[pyfunction]
#[pyo3(signature = (x, copy=true, nan=0.0, posinf=None, neginf=None))]
pub fn nan_to_num<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    copy: bool,
    nan: f64,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    if !copy {
        if let Ok(arr) = x.cast::<PyNdArray>() {
            let inner = arr.get().inner().clone();
            if inner.kind().is_inexact() {
                inner.check_writeable().py()?;
                ew::nan_to_num_inplace(&inner, nan, posinf, neginf).py()?;
            }
            if inner.ndim() == 0 {
                return scalarize(py, inner);
            }
            return Ok(x.clone());
        }
    }
    let a = to_array(x, None)?.copy(Order::K).py()?;
    ew::nan_to_num_inplace(&a, nan, posinf, neginf).py()?;
    scalarize(py, a)
}

/// A Python scalar stays weak; anything else becomes an array.
fn weak_or_array(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
    if obj.is_exact_instance_of::<PyInt>()
        || obj.is_exact_instance_of::<PyFloat>()
        || obj.is_exact_instance_of::<PyComplex>()
    {
        return to_input(obj);
    }
    Ok(Input::Array(to_array(obj, None)?))
}

fn isclose_impl(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    rtol: &Bound<'_, PyAny>,
    atol: &Bound<'_, PyAny>,
    equal_nan: bool,
) -> PyResult<NdArray> {
    let (x, y) = (weak_or_array(a)?, weak_or_array(b)?);
    let (r, t) = (weak_or_array(rtol)?, weak_or_array(atol)?);
    let mut flags = Vec::new();
    let res = ew::isclose(&x, &y, &r, &t, equal_nan, &mut flags).py()?;
    flags_out(py, &flags)?;
    Ok(res)
}

/// Elementwise: are `a` and `b` equal within a tolerance?
#[pyfunction]
#[pyo3(signature = (a, b, rtol=None, atol=None, equal_nan=false))]
pub fn isclose<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    rtol: Option<&Bound<'py, PyAny>>,
    atol: Option<&Bound<'py, PyAny>>,
    equal_nan: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let rt = match rtol {
        Some(r) => r.clone(),
        None => PyFloat::new(py, 1e-5).into_any(),
    };
    let at = match atol {
        Some(r) => r.clone(),
        None => PyFloat::new(py, 1e-8).into_any(),
    };
    let r = isclose_impl(py, a, b, &rt, &at, equal_nan)?;
    scalarize(py, r)
}

/// True when every element of `a` is close to `b`.
#[pyfunction]
#[pyo3(signature = (a, b, rtol=None, atol=None, equal_nan=false))]
pub fn allclose<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    rtol: Option<&Bound<'py, PyAny>>,
    atol: Option<&Bound<'py, PyAny>>,
    equal_nan: bool,
) -> PyResult<bool> {
    let rt = match rtol {
        Some(r) => r.clone(),
        None => PyFloat::new(py, 1e-5).into_any(),
    };
    let at = match atol {
        Some(r) => r.clone(),
        None => PyFloat::new(py, 1e-8).into_any(),
    };
    let r = isclose_impl(py, a, b, &rt, &at, equal_nan)?;
    Ok(r.to_vec::<bool>().into_iter().all(|b| b))
}

/// The real part if every imaginary part is close to zero.
#[pyfunction]
#[pyo3(signature = (a, tol=100.0))]
pub fn real_if_close<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    tol: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let r = ew::real_if_close(&arr, tol).py()?;
    if let Ok(p) = a.cast::<PyNdArray>() {
        if std::sync::Arc::ptr_eq(r.buffer(), arr.buffer()) {
            return Ok(wrap_view(py, p, r)?.into_bound(py).into_any());
        }
    }
    array_obj(py, r)
}

// ----- type queries -----------------------------------------------------------------------

fn type_operand(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
    if obj.cast::<PyNdArray>().is_ok() {
        return to_input(obj);
    }
    if obj.is_exact_instance_of::<PyInt>()
        || obj.is_exact_instance_of::<PyFloat>()
        || obj.is_exact_instance_of::<PyComplex>()
        || obj.is_exact_instance_of::<PyBool>()
    {
        return to_input(obj);
    }
    if let Some(PyValue::Typed(s)) = py_value(obj)? {
        return Ok(Input::Array(NdArray::from_scalar(s)));
    }
    if let Ok(d) = dtype_from_py(obj) {
        return Ok(Input::Array(NdArray::empty(&[0], d, Order::C).py()?));
    }
    Ok(Input::Array(to_array(obj, None)?))
}

/// The dtype that results from applying NumPy's promotion rules to the arguments.
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
pub fn result_type(
    py: Python<'_>,
    arrays_and_dtypes: &Bound<'_, PyTuple>,
) -> PyResult<Py<crate::dtype::PyDType>> {
    let inputs: Vec<Input> = arrays_and_dtypes
        .iter()
        .map(|o| type_operand(&o))
        .collect::<PyResult<_>>()?;
    if inputs.is_empty() {
        return Err(PyValueError::new_err(
            "at least one array or dtype is required",
        ));
    }
    let k = ew::result_kind(&inputs).py()?;
    dtype_object(py, &DType::new(k))
}

fn min_float(v: f64) -> DTypeKind {
    let a = v.abs();
    if !a.is_finite() || a <= 65504.0 {
        DTypeKind::Float16
    } else if a <= f32::MAX as f64 {
        DTypeKind::Float32
    } else {
        DTypeKind::Float64
    }
}

fn min_int(v: i128) -> DTypeKind {
    use DTypeKind::*;
    if v >= 0 {
        if v <= u8::MAX as i128 {
            UInt8
        } else if v <= u16::MAX as i128 {
            UInt16
        } else if v <= u32::MAX as i128 {
            UInt32
        } else {
            UInt64
        }
    } else if v >= i8::MIN as i128 {
        Int8
    } else if v >= i16::MIN as i128 {
        Int16
    } else if v >= i32::MIN as i128 {
        Int32
    } else {
        Int64
    }
}

/// For a scalar, the smallest dtype that holds its value; for an array, its dtype.
#[pyfunction]
pub fn min_scalar_type(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
) -> PyResult<Py<crate::dtype::PyDType>> {
    let arr = to_array(a, None)?;
    if arr.ndim() > 0 {
        return dtype_object(py, arr.dtype());
    }
    let s = arr.item().py()?;
    let kind = arr.kind();
    let k = match kind {
        DTypeKind::Bool => DTypeKind::Bool,
        k if k.is_integer() => {
            let v: i128 = match s {
                Scalar::UInt64(u) => u as i128,
                other => other.to::<i64>() as i128,
            };
            min_int(v)
        }
        k if k.is_float() => {
            let m = min_float(s.as_f64());
            if m.itemsize() > k.itemsize() {
                k
            } else {
                m
            }
        }
        _ => {
            let c = s.as_complex();
            let m = match (min_float(c.re), min_float(c.im)) {
                (DTypeKind::Float64, _) | (_, DTypeKind::Float64) => DTypeKind::Complex128,
                _ => DTypeKind::Complex64,
            };
            if m.itemsize() > kind.itemsize() {
                kind
            } else {
                m
            }
        }
    };
    dtype_object(py, &DType::new(k))
}

/// The scalar type common to the input arrays (inexact; integers count as float64).
#[pyfunction]
#[pyo3(signature = (*arrays))]
pub fn common_type<'py>(
    py: Python<'py>,
    arrays: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut is_complex = false;
    let mut size = 2usize;
    for o in arrays.iter() {
        let a = to_array(&o, None)?;
        let k = a.kind();
        if k.is_complex() {
            is_complex = true;
            size = size.max(k.itemsize() / 2);
        } else if k.is_float() {
            size = size.max(k.itemsize());
        } else if k.is_integer() {
            size = size.max(8);
        } else {
            return Err(PyTypeError::new_err(
                "can't get common type for non-numeric array",
            ));
        }
    }
    let k = match (is_complex, size) {
        (true, 4) | (true, 2) => DTypeKind::Complex64,
        (true, _) => DTypeKind::Complex128,
        (false, 2) => DTypeKind::Float16,
        (false, 4) => DTypeKind::Float32,
        (false, _) => DTypeKind::Float64,
    };
    dtype_object(py, &DType::new(k))?
        .into_bound(py)
        .getattr("type")
}

// ----- broadcasting -----------------------------------------------------------------------

fn shape_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(a.get().inner().shape().to_vec());
    }
    Ok(to_array(obj, None)?.shape().to_vec())
}

fn shape_tuple<'py>(py: Python<'py>, s: &[usize]) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, s.iter().copied())
}

fn mismatch(shapes: &[Vec<usize>]) -> PyErr {
    let fmt = |s: &[usize]| match s.len() {
        1 => format!("({},)", s[0]),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    // Find the first pair that disagrees, as NumPy's message names it.
    let mut acc: Vec<usize> = Vec::new();
    let mut acc_arg = 0usize;
    for (i, s) in shapes.iter().enumerate() {
        if layout::broadcast_shapes(&[&acc, s]).is_err() {
            return PyValueError::new_err(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {acc_arg} with shape {} and arg {i} with shape {}.",
                fmt(&shapes[acc_arg]),
                fmt(s)
            ));
        }
        if let Ok(n) = layout::broadcast_shapes(&[&acc, s]) {
            if n.as_slice() != acc.as_slice() {
                acc_arg = i;
            }
            acc = n.to_vec();
        }
    }
    PyValueError::new_err("shape mismatch: objects cannot be broadcast to a single shape.")
}

fn common_shape(shapes: &[Vec<usize>]) -> PyResult<Vec<usize>> {
    let refs: Vec<&[usize]> = shapes.iter().map(|s| s.as_slice()).collect();
    match layout::broadcast_shapes(&refs) {
        Ok(s) => Ok(s.to_vec()),
        Err(_) => Err(mismatch(shapes)),
    }
}

/// Broadcast the input shapes into a single shape.
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn broadcast_shapes<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
) -> PyResult<Bound<'py, PyTuple>> {
    let shapes: Vec<Vec<usize>> = args
        .iter()
        .map(|a| shape_arg(&a))
        .collect::<PyResult<_>>()?;
    shape_tuple(py, &common_shape(&shapes)?)
}

fn fmt_shape(s: &[usize]) -> String {
    match s.len() {
        1 => format!("({},)", s[0]),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// Broadcast an array to a new shape (a read-only view).
#[pyfunction]
#[pyo3(signature = (array, shape, subok=false))]
pub fn broadcast_to<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    shape: &Bound<'py, PyAny>,
    subok: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let dims: Vec<isize> = if let Ok(i) = shape.extract::<isize>() {
        vec![i]
    } else {
        shape.extract()?
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyValueError::new_err(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    let target: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    let arr = to_array(array, None)?;
    let v = arr.broadcast_to(&target).map_err(|_| {
        PyValueError::new_err(if target.is_empty() {
            "cannot broadcast a non-scalar to a scalar array".to_owned()
        } else if arr.ndim() > target.len() {
            "input operand has more dimensions than allowed by the axis remapping".to_owned()
        } else {
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                fmt_shape(arr.shape()),
                fmt_shape(&target)
            )
        })
    })?;
    match array.cast::<PyNdArray>() {
        Ok(p) => Ok(view_keeping(py, p, v, subok)?.into_bound(py).into_any()),
        Err(_) => array_obj(py, v),
    }
}

/// A view of `parent`'s memory: of the parent's class when `subok`, else a plain ndarray.
fn view_keeping(
    py: Python<'_>,
    parent: &Bound<'_, PyNdArray>,
    view: NdArray,
    subok: bool,
) -> PyResult<Py<PyNdArray>> {
    if subok || parent.is_exact_instance_of::<PyNdArray>() {
        wrap_view(py, parent, view)
    } else {
        Py::new(py, PyNdArray::view_of(parent, view))
    }
}

/// Broadcast any number of arrays against each other (views).
#[pyfunction]
#[pyo3(signature = (*args, subok=false))]
pub fn broadcast_arrays<'py>(
    py: Python<'py>,
    args: &Bound<'py, PyTuple>,
    subok: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let arrs: Vec<Bound<'py, PyAny>> = args
        .iter()
        .map(|a| -> PyResult<Bound<'py, PyAny>> {
            if a.cast::<PyNdArray>().is_ok() {
                Ok(a)
            } else {
                array_obj(py, to_array(&a, None)?)
            }
        })
        .collect::<PyResult<_>>()?;
    let shapes: Vec<Vec<usize>> = arrs.iter().map(shape_of).collect::<PyResult<_>>()?;
    let shape = common_shape(&shapes)?;
    let mut out = Vec::new();
    for (a, s) in arrs.iter().zip(&shapes) {
        let p = a.cast::<PyNdArray>()?;
        if *s == shape {
            if subok || p.is_exact_instance_of::<PyNdArray>() {
                out.push(a.clone());
            } else {
                let v = p.get().inner().clone();
                out.push(view_keeping(py, p, v, false)?.into_bound(py).into_any());
            }
            continue;
        }
        let inner = p.get().inner().clone();
        let mut v = inner.broadcast_to(&shape).py()?;
        v.set_writeable(inner.is_writeable());
        out.push(view_keeping(py, p, v, subok)?.into_bound(py).into_any());
    }
    PyTuple::new(py, out)
}

/// An object that mimics broadcasting: its shape and an iterator over tuples.
#[pyclass(name = "broadcast", module = "numoxide")]
pub struct PyBroadcast {
    views: Vec<NdArray>,
    shape: Vec<usize>,
    index: usize,
}

#[pymethods]
impl PyBroadcast {
    #[new]
    #[pyo3(signature = (*args))]
    fn new(args: &Bound<'_, PyTuple>) -> PyResult<Self> {
        if args.len() > 64 {
            return Err(PyValueError::new_err(
                "Need at least 0 and at most 64 array objects.",
            ));
        }
        let mut arrays = Vec::new();
        for a in args.iter() {
            if let Ok(b) = a.cast::<PyBroadcast>() {
                arrays.extend(b.borrow().views.iter().cloned());
            } else {
                arrays.push(to_array(&a, None)?);
            }
        }
        let shapes: Vec<Vec<usize>> = arrays.iter().map(|a| a.shape().to_vec()).collect();
        let shape = common_shape(&shapes)?;
        let views = arrays
            .iter()
            .map(|a| a.broadcast_to(&shape))
            .collect::<numoxide_core::Result<Vec<_>>>()
            .py()?;
        Ok(PyBroadcast {
            views,
            shape,
            index: 0,
        })
    }
    /// The broadcast shape.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        shape_tuple(py, &self.shape)
    }
    /// Number of dimensions.
    #[getter]
    fn nd(&self) -> usize {
        self.shape.len()
    }
    /// Number of dimensions.
    #[getter]
    fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// Number of broadcast operands.
    #[getter]
    fn numiter(&self) -> usize {
        self.views.len()
    }
    /// Total size of the broadcast result.
    #[getter]
    fn size(&self) -> usize {
        self.shape.iter().product()
    }
    /// Current position in the iteration.
    #[getter]
    fn index(&self) -> usize {
        self.index
    }
    /// Flat iterators over each broadcast operand.
    #[getter]
    fn iters<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let its: Vec<Bound<'py, PyAny>> = self
            .views
            .iter()
            .map(|v| array_obj(py, v.clone())?.getattr("flat"))
            .collect::<PyResult<_>>()?;
        PyTuple::new(py, its)
    }
    /// Restart the iteration.
    fn reset(&mut self) {
        self.index = 0;
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if self.index >= self.size() {
            return Err(PyStopIteration::new_err(()));
        }
        let mut rem = self.index;
        let mut idx = vec![0isize; self.shape.len()];
        for d in (0..self.shape.len()).rev() {
            let n = self.shape[d].max(1);
            idx[d] = (rem % n) as isize;
            rem /= n;
        }
        self.index += 1;
        let vals: Vec<Bound<'py, PyAny>> = self
            .views
            .iter()
            .map(|v| scalar_to_numoxide(py, v.get(&idx).py()?))
            .collect::<PyResult<_>>()?;
        PyTuple::new(py, vals)
    }
}

// ----- ndarray methods --------------------------------------------------------------------

#[pymethods]
impl PyNdArray {
    /// Return an array whose values are limited to [min, max].
    #[pyo3(name = "clip", signature = (min=None, max=None, out=None, **kwargs))]
    fn m_clip<'py>(
        &self,
        py: Python<'py>,
        min: Option<&Bound<'py, PyAny>>,
        max: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        clip_impl(py, &self.inner(), min, max, out, kwargs)
    }
    /// Return `a` with each element rounded to the given number of decimals.
    #[pyo3(name = "round", signature = (decimals=0, out=None))]
    fn m_round<'py>(
        &self,
        py: Python<'py>,
        decimals: i64,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        round_impl(py, &self.inner(), decimals, out)
    }
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(clip, m)?)?;
    m.add_function(wrap_pyfunction!(where_, m)?)?;
    m.add_function(wrap_pyfunction!(around, m)?)?;
    m.add_function(wrap_pyfunction!(round_, m)?)?;
    m.add_function(wrap_pyfunction!(fix, m)?)?;
    m.add_function(wrap_pyfunction!(nan_to_num, m)?)?;
    m.add_function(wrap_pyfunction!(isclose, m)?)?;
    m.add_function(wrap_pyfunction!(allclose, m)?)?;
    m.add_function(wrap_pyfunction!(real_if_close, m)?)?;
    m.add_function(wrap_pyfunction!(result_type, m)?)?;
    m.add_function(wrap_pyfunction!(min_scalar_type, m)?)?;
    m.add_function(wrap_pyfunction!(common_type, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_arrays, m)?)?;
    m.add_class::<PyBroadcast>()?;
    Ok(())
}
