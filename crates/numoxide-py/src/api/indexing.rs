//! Index routines: `take`, `put`, `take_along_axis`, `put_along_axis`, `choose`,
//! `compress`, `nonzero`, `argwhere`, `flatnonzero`, `extract`, `place`, `putmask`,
//! `select`, `piecewise`, `diagonal`, `diag_indices(_from)`, `tril/triu_indices(_from)`,
//! `unravel_index`, `ravel_multi_index`, `ix_`, and the ndarray methods `take`, `put`,
//! `nonzero`, `compress`, `choose`.

use numoxide_core::{DType, DTypeKind, NdArray, Order, Scalar};
use numoxide_ops::indexing::{self as ix, Mode};
use numoxide_ops::ufunc::{Input, Weak};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::api::ufuncs::to_input;
use crate::array::{assign_into, wrap, wrap_view, PyNdArray};
use crate::convert::to_array;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// A 0-d result as a scalar, anything else as an array.
fn ret(py: Python<'_>, a: NdArray) -> PyResult<Bound<'_, PyAny>> {
    if a.ndim() == 0 {
        return scalar_to_numoxide(py, a.item().py()?);
    }
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

fn tuple_of(py: Python<'_>, arrays: Vec<NdArray>) -> PyResult<Bound<'_, PyTuple>> {
    let items: Vec<Bound<'_, PyAny>> = arrays
        .into_iter()
        .map(|a| Ok(wrap(py, a)?.into_bound(py).into_any()))
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, items)
}

fn mode_arg(mode: &str) -> PyResult<Mode> {
    Mode::parse(mode).py()
}

fn opt_axis(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<isize>> {
    match axis {
        None => Ok(None),
        Some(a) if a.is_none() => Ok(None),
        Some(a) => Ok(Some(a.extract()?)),
    }
}

/// The array an `out=` argument names.
fn out_array<'py>(out: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyNdArray>> {
    out.cast::<PyNdArray>()
        .cloned()
        .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))
}

/// Write `r` into `out` when given (shapes must agree), else return `r`.
fn finish<'py>(
    py: Python<'py>,
    r: NdArray,
    out: Option<&Bound<'py, PyAny>>,
    what: &str,
) -> PyResult<Bound<'py, PyAny>> {
    match out {
        Some(o) if !o.is_none() => {
            let arr = out_array(o)?;
            let dst = arr.get().inner().clone();
            if dst.shape() != r.shape() {
                return Err(PyValueError::new_err(format!(
                    "output array does not match result of {what}"
                )));
            }
            dst.assign(&r).py()?;
            Ok(arr.into_any())
        }
        _ => ret(py, r),
    }
}

/// The ndarray an in-place routine writes to (NumPy accepts only arrays).
fn target_array(obj: &Bound<'_, PyAny>, msg: &str) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.get().inner().clone()),
        Err(_) => Err(PyTypeError::new_err(msg.to_owned())),
    }
}

/// The values argument of `put`, `place` and `putmask`, read as NumPy reads it: an
/// array keeps its dtype (when `safe`, it must cast safely to the target's dtype, as
/// `place`/`putmask` require); Python values convert straight to the target's dtype
/// (an out-of-range int raises OverflowError, a complex into a real dtype TypeError).
fn values_for(target: &NdArray, v: &Bound<'_, PyAny>, safe: bool) -> PyResult<NdArray> {
    let is_array = v.cast::<PyNdArray>().is_ok()
        || v.hasattr(pyo3::intern!(v.py(), "__array_interface__"))?
        || v.hasattr(pyo3::intern!(v.py(), "__array__"))?;
    let natural = to_array(v, None)?;
    if is_array {
        if safe
            && !numoxide_core::cast::can_cast(
                natural.dtype(),
                target.dtype(),
                numoxide_core::cast::Casting::Safe,
            )
        {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype({}) to dtype({}) according to the rule 'safe'",
                natural.dtype().repr_inner(),
                target.dtype().repr_inner()
            )));
        }
        return Ok(natural);
    }
    if natural.kind().is_complex() {
        let k = target.kind();
        if k.is_float() {
            return Err(PyTypeError::new_err(
                "float() argument must be a string or a real number, not 'complex'",
            ));
        }
        if k.is_integer() {
            return Err(PyTypeError::new_err(
                "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
            ));
        }
    }
    if natural.dtype() == target.dtype() {
        return Ok(natural);
    }
    to_array(v, Some(target.dtype()))
}

fn take_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    indices: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let idx = to_array(indices, None)?;
    let mode = mode_arg(mode)?;
    let r = ix::take(a, &idx, opt_axis(axis)?, mode).py()?;
    finish(py, r, out, "ndarray.take")
}

/// Take elements from an array along an axis.
#[pyfunction]
#[pyo3(signature = (a, indices, axis=None, out=None, mode="raise"))]
pub fn take<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    indices: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    take_impl(py, &to_array(a, None)?, indices, axis, out, mode)
}

/// Replace the elements of `a.flat` at `ind` with values (repeated cyclically).
#[pyfunction]
#[pyo3(signature = (a, ind, v, mode="raise"))]
pub fn put(
    a: &Bound<'_, PyAny>,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let arr = target_array(
        a,
        &format!(
            "argument 1 must be numpy.ndarray, not {}",
            a.get_type().repr()?
        ),
    )?;
    put_impl(&arr, ind, v, mode)
}

fn put_impl(
    arr: &NdArray,
    ind: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    mode: &str,
) -> PyResult<()> {
    let idx = to_array(ind, None)?;
    let vals = values_for(arr, v, false)?;
    ix::put(arr, &idx, &vals, mode_arg(mode)?).py()
}

/// Take values from the input array by matching 1-d index and data slices.
#[pyfunction]
#[pyo3(signature = (arr, indices, axis=Some(-1)))]
pub fn take_along_axis<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    indices: &Bound<'py, PyAny>,
    axis: Option<isize>,
) -> PyResult<Bound<'py, PyAny>> {
    let a = to_array(arr, None)?;
    let idx = to_array(indices, None)?;
    let r = ix::take_along_axis(&a, &idx, axis).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Put values into the destination array by matching 1-d index and data slices.
#[pyfunction]
#[pyo3(signature = (arr, indices, values, axis))]
pub fn put_along_axis(
    arr: &Bound<'_, PyAny>,
    indices: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<()> {
    let a = target_array(arr, "put_along_axis needs an ndarray")?;
    let idx = to_array(indices, None)?;
    let vals = to_array(values, None)?;
    ix::put_along_axis(&a, &idx, &vals, axis).py()
}

/// A weak Python scalar or an array, as an array of `kind` (arrays unchanged).
fn input_array(inp: Input, kind: DTypeKind) -> NdArray {
    match inp {
        Input::Array(a) => a,
        Input::Weak(w) => {
            let s = match w {
                Weak::Int(i) => match i64::try_from(i) {
                    Ok(v) => Scalar::Int64(v),
                    Err(_) => Scalar::UInt64(i as u64),
                },
                Weak::Float(f) => Scalar::Float64(f),
                Weak::Complex(re, im) => {
                    Scalar::Complex128(numoxide_core::element::Complex::new(re, im))
                }
            };
            NdArray::from_scalar(s.cast(kind))
        }
    }
}

/// The items of a sequence argument (an array is split along its first axis).
fn sequence_items<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    obj.try_iter()?.collect()
}

fn choose_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    choices: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let inputs: Vec<Input> = sequence_items(choices)?
        .iter()
        .map(to_input)
        .collect::<PyResult<_>>()?;
    if inputs.is_empty() {
        return Err(PyValueError::new_err("0-length sequence."));
    }
    let kind = numoxide_ops::elementwise::result_kind(&inputs).py()?;
    let arrays: Vec<NdArray> = inputs.into_iter().map(|i| input_array(i, kind)).collect();
    let r = ix::choose(a, &arrays, &DType::new(kind), mode_arg(mode)?).py()?;
    finish(py, r, out, "choose")
}

/// Construct an array from an index array and a list of arrays to choose from.
#[pyfunction]
#[pyo3(signature = (a, choices, out=None, mode="raise"))]
pub fn choose<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    choices: &Bound<'py, PyAny>,
    out: Option<&Bound<'py, PyAny>>,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    choose_impl(py, &to_array(a, None)?, choices, out, mode)
}

fn compress_impl<'py>(
    py: Python<'py>,
    condition: &Bound<'py, PyAny>,
    a: &NdArray,
    axis: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cond = to_array(condition, None)?;
    let r = ix::compress(&cond, a, opt_axis(axis)?).py()?;
    finish(py, r, out, "compress")
}

/// Return selected slices of an array along a given axis.
#[pyfunction]
#[pyo3(signature = (condition, a, axis=None, out=None))]
pub fn compress<'py>(
    py: Python<'py>,
    condition: &Bound<'py, PyAny>,
    a: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    compress_impl(py, condition, &to_array(a, None)?, axis, out)
}

/// The indices of the elements that are non-zero, one array per dimension.
pub fn nonzero_tuple<'py>(py: Python<'py>, a: &NdArray) -> PyResult<Bound<'py, PyAny>> {
    Ok(tuple_of(py, ix::nonzero(a).py()?)?.into_any())
}

/// Return the indices of the elements that are non-zero.
#[pyfunction]
pub fn nonzero<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    nonzero_tuple(py, &to_array(a, None)?)
}

/// Find the indices of array elements that are non-zero, grouped by element.
#[pyfunction]
pub fn argwhere<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = ix::argwhere(&to_array(a, None)?).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Return indices that are non-zero in the flattened version of a.
#[pyfunction]
pub fn flatnonzero<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let r = ix::flatnonzero(&to_array(a, None)?).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Return the elements of an array that satisfy some condition.
#[pyfunction]
pub fn extract<'py>(
    py: Python<'py>,
    condition: &Bound<'py, PyAny>,
    arr: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let r = ix::extract(&to_array(condition, None)?, &to_array(arr, None)?).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Change elements of an array based on conditional and input values.
#[pyfunction]
pub fn place(
    arr: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    vals: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let a = target_array(
        arr,
        &format!(
            "place() argument 1 must be numpy.ndarray, not {}",
            arr.get_type().name()?
        ),
    )?;
    let mask = to_array(mask, None)?;
    ix::place(&a, &mask, &values_for(&a, vals, true)?).py()
}

/// Changes elements of an array based on conditional and input values.
#[pyfunction]
pub fn putmask(
    a: &Bound<'_, PyAny>,
    mask: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let arr = target_array(a, "putmask: first argument must be an array")?;
    let mask = to_array(mask, None)?;
    ix::putmask(&arr, &mask, &values_for(&arr, values, true)?).py()
}

/// Return an array drawn from elements in choicelist, depending on conditions.
#[pyfunction]
#[pyo3(signature = (condlist, choicelist, default=None))]
pub fn select<'py>(
    py: Python<'py>,
    condlist: &Bound<'py, PyAny>,
    choicelist: &Bound<'py, PyAny>,
    default: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let conds: Vec<NdArray> = sequence_items(condlist)?
        .iter()
        .map(|c| to_array(c, None))
        .collect::<PyResult<_>>()?;
    let choices: Vec<NdArray> = sequence_items(choicelist)?
        .iter()
        .map(|c| to_array(c, None))
        .collect::<PyResult<_>>()?;
    if conds.len() != choices.len() {
        return Err(PyValueError::new_err(
            "list of cases must be same length as list of conditions",
        ));
    }
    if conds.is_empty() {
        return Err(PyValueError::new_err(
            "select with an empty condition list is not possible",
        ));
    }
    let default_input = match default {
        Some(d) => to_input(d)?,
        None => Input::Weak(Weak::Int(0)),
    };
    let mut inputs: Vec<Input> = choices.iter().cloned().map(Input::Array).collect();
    inputs.push(default_input.clone());
    let kind = numoxide_ops::elementwise::result_kind(&inputs).py()?;
    let dflt = input_array(default_input, kind);
    let r = ix::select(&conds, &choices, &dflt, &DType::new(kind)).py()?;
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Evaluate a piecewise-defined function.
#[pyfunction]
#[pyo3(signature = (x, condlist, funclist, *args, **kw))]
pub fn piecewise<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    condlist: &Bound<'py, PyAny>,
    funclist: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
    kw: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let xa = to_array(x, None)?;
    let x_obj = match x.cast::<PyNdArray>() {
        Ok(a) => a.clone().into_any(),
        Err(_) => wrap(py, xa.clone())?.into_bound(py).into_any(),
    };
    let funcs = sequence_items(funclist)?;
    let n2 = funcs.len();
    // NumPy's rule: a scalar or a flat list of booleans is one condition.
    let is_scalar = crate::scalar::py_value(condlist)?.is_some();
    let first_is_seq = match condlist.try_iter() {
        Ok(mut it) => match it.next() {
            Some(first) => {
                let first = first?;
                first.is_instance_of::<PyList>() || first.cast::<PyNdArray>().is_ok()
            }
            None => false,
        },
        Err(_) => false,
    };
    let conds = if is_scalar || (!first_is_seq && xa.ndim() != 0) {
        let one = to_array(condlist, Some(&DType::BOOL))?;
        let mut shape = vec![1isize];
        shape.extend(one.shape().iter().map(|&d| d as isize));
        one.reshape(&shape, Order::C).py()?
    } else {
        to_array(condlist, Some(&DType::BOOL))?
    };
    let conds = if conds.ndim() == 0 {
        conds.reshape(&[1], Order::C).py()?
    } else {
        conds
    };
    let n = conds.shape()[0];
    let mut cond_list: Vec<NdArray> = (0..n)
        .map(|i| {
            conds
                .index(&[numoxide_core::IndexItem::Int(i as isize)])
                .py()
        })
        .collect::<PyResult<_>>()?;
    if n + 1 == n2 {
        // The extra function applies where no condition holds.
        let shape = cond_list
            .first()
            .map(|c| c.shape().to_vec())
            .unwrap_or_default();
        let mut none = vec![true; shape.iter().product()];
        for c in &cond_list {
            for (o, v) in none.iter_mut().zip(c.to_vec::<bool>()) {
                *o &= !v;
            }
        }
        cond_list.push(NdArray::from_vec(none, &shape).py()?);
    } else if n != n2 {
        return Err(PyValueError::new_err(format!(
            "with {n} condition(s), either {n} or {} functions are expected",
            n + 1
        )));
    }
    let y = NdArray::zeros(xa.shape(), xa.dtype().clone(), Order::C).py()?;
    let y_obj = wrap(py, y)?.into_bound(py).into_any();
    for (cond, func) in cond_list.into_iter().zip(funcs) {
        let c_obj = wrap(py, cond)?.into_bound(py).into_any();
        if !func.is_callable() {
            y_obj.set_item(&c_obj, &func)?;
        } else {
            let vals = x_obj.get_item(&c_obj)?;
            let size: usize = vals.getattr("size")?.extract()?;
            if size > 0 {
                let mut call_args = vec![vals];
                call_args.extend(args.iter());
                let r = func.call(PyTuple::new(py, call_args)?, kw)?;
                y_obj.set_item(&c_obj, &r)?;
            }
        }
    }
    Ok(y_obj)
}

/// Return specified diagonals (a read-only view).
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1))]
pub fn diagonal<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(arr) = a.cast::<PyNdArray>() {
        let v = arr.get().inner().diagonal(offset, axis1, axis2).py()?;
        return Ok(wrap_view(py, arr, v)?.into_bound(py).into_any());
    }
    let base = wrap(py, to_array(a, None)?)?.into_bound(py);
    let v = base.get().inner().diagonal(offset, axis1, axis2).py()?;
    Ok(wrap_view(py, &base, v)?.into_bound(py).into_any())
}

/// Return the indices to access the main diagonal of an array.
#[pyfunction]
#[pyo3(signature = (n, ndim=2))]
pub fn diag_indices(py: Python<'_>, n: i64, ndim: usize) -> PyResult<Bound<'_, PyTuple>> {
    // A negative n gives empty index arrays, as NumPy's `arange(n)` does.
    tuple_of(py, ix::diag_indices(n.max(0) as usize, ndim).py()?)
}

/// Return the indices to access the main diagonal of an n-dimensional array.
#[pyfunction]
pub fn diag_indices_from<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    tuple_of(py, ix::diag_indices_from(&to_array(arr, None)?).py()?)
}

/// Return the indices for the lower-triangle of an (n, m) array.
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn tril_indices(
    py: Python<'_>,
    n: i64,
    k: i64,
    m: Option<i64>,
) -> PyResult<Bound<'_, PyTuple>> {
    // Negative sizes give empty index arrays, as NumPy's `tri` does.
    let n = n.max(0) as usize;
    let m = m.map_or(n, |m| m.max(0) as usize);
    tuple_of(py, ix::tri_indices(n, k, m, false).py()?)
}

/// Return the indices for the upper-triangle of an (n, m) array.
#[pyfunction]
#[pyo3(signature = (n, k=0, m=None))]
pub fn triu_indices(
    py: Python<'_>,
    n: i64,
    k: i64,
    m: Option<i64>,
) -> PyResult<Bound<'_, PyTuple>> {
    // Negative sizes give empty index arrays, as NumPy's `tri` does.
    let n = n.max(0) as usize;
    let m = m.map_or(n, |m| m.max(0) as usize);
    tuple_of(py, ix::tri_indices(n, k, m, true).py()?)
}

fn tri_from<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    k: i64,
    upper: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let a = to_array(arr, None)?;
    if a.ndim() != 2 {
        return Err(PyValueError::new_err("input array must be 2-d"));
    }
    tuple_of(
        py,
        ix::tri_indices(a.shape()[0], k, a.shape()[1], upper).py()?,
    )
}

/// Return the indices for the lower-triangle of arr.
#[pyfunction]
#[pyo3(signature = (arr, k=0))]
pub fn tril_indices_from<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    k: i64,
) -> PyResult<Bound<'py, PyTuple>> {
    tri_from(py, arr, k, false)
}

/// Return the indices for the upper-triangle of arr.
#[pyfunction]
#[pyo3(signature = (arr, k=0))]
pub fn triu_indices_from<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    k: i64,
) -> PyResult<Bound<'py, PyTuple>> {
    tri_from(py, arr, k, true)
}

fn order_is_fortran(order: &str) -> PyResult<bool> {
    match order {
        "C" => Ok(false),
        "F" => Ok(true),
        _ => Err(PyValueError::new_err("only 'C' or 'F' order is permitted")),
    }
}

fn dims_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(vec![i]);
    }
    obj.extract()
}

/// Converts a flat index or array of flat indices into a tuple of coordinate arrays.
#[pyfunction]
#[pyo3(signature = (indices, shape, order="C"))]
pub fn unravel_index<'py>(
    py: Python<'py>,
    indices: &Bound<'py, PyAny>,
    shape: &Bound<'py, PyAny>,
    order: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let fortran = order_is_fortran(order)?;
    let dims = dims_arg(shape)?;
    let idx = to_array(indices, None)?;
    let is_seq = indices.is_instance_of::<PyList>() || indices.is_instance_of::<PyTuple>();
    if is_seq && idx.size() == 0 && !idx.kind().is_integer() {
        return Err(PyTypeError::new_err(
            "indices must be integral: the provided empty sequence was inferred as float. Wrap it with 'np.array(indices, dtype=np.intp)'",
        ));
    }
    let parts = ix::unravel_index(&idx, &dims, fortran).py()?;
    let items: Vec<Bound<'py, PyAny>> = parts
        .into_iter()
        .map(|p| ret(py, p))
        .collect::<PyResult<_>>()?;
    PyTuple::new(py, items)
}

/// Converts a tuple of index arrays into an array of flat indices.
#[pyfunction]
#[pyo3(signature = (multi_index, dims, mode=None, order="C"))]
pub fn ravel_multi_index<'py>(
    py: Python<'py>,
    multi_index: &Bound<'py, PyAny>,
    dims: &Bound<'py, PyAny>,
    mode: Option<&Bound<'py, PyAny>>,
    order: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let fortran = order_is_fortran(order)?;
    let dims: Vec<usize> = dims_arg(dims)?
        .into_iter()
        .map(|d| {
            usize::try_from(d).map_err(|_| PyValueError::new_err("dimensions must be non-negative"))
        })
        .collect::<PyResult<_>>()?;
    let coords: Vec<NdArray> = sequence_items(multi_index)?
        .iter()
        .map(|c| to_array(c, None))
        .collect::<PyResult<_>>()?;
    let modes: Vec<Mode> = match mode {
        None => vec![Mode::Raise; dims.len()],
        Some(m) if m.is_none() => vec![Mode::Raise; dims.len()],
        Some(m) => {
            if let Ok(s) = m.extract::<String>() {
                vec![mode_arg(&s)?; dims.len()]
            } else {
                let list: Vec<String> = m.extract()?;
                if list.len() != dims.len() {
                    return Err(PyValueError::new_err(
                        "mode must be a string or a sequence of the same length as dims",
                    ));
                }
                list.iter().map(|s| mode_arg(s)).collect::<PyResult<_>>()?
            }
        }
    };
    let r = ix::ravel_multi_index(&coords, &dims, &modes, fortran).py()?;
    ret(py, r)
}

/// Construct an open mesh from multiple sequences.
#[pyfunction]
#[pyo3(signature = (*args))]
pub fn ix_<'py>(py: Python<'py>, args: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyTuple>> {
    let arrays: Vec<NdArray> = args
        .iter()
        .map(|a| {
            let arr = to_array(&a, None)?;
            if arr.size() == 0 && !arr.kind().is_integer() && arr.kind() != DTypeKind::Bool {
                // An empty sequence indexes as an empty integer array.
                if a.cast::<PyNdArray>().is_err() {
                    return NdArray::zeros(arr.shape(), DType::new(DTypeKind::Int64), Order::C)
                        .py();
                }
            }
            Ok(arr)
        })
        .collect::<PyResult<_>>()?;
    tuple_of(py, ix::ix_(&arrays).py()?)
}

#[pymethods]
impl PyNdArray {
    /// Return an array formed from the elements of a at the given indices.
    #[pyo3(name = "take", signature = (indices, axis=None, out=None, mode="raise"))]
    fn py_take<'py>(
        &self,
        py: Python<'py>,
        indices: &Bound<'py, PyAny>,
        axis: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        mode: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        take_impl(py, &self.inner(), indices, axis, out, mode)
    }

    /// Set a.flat[n] = values[n] for all n in indices.
    #[pyo3(name = "put", signature = (indices, values, mode="raise"))]
    fn py_put(
        &self,
        indices: &Bound<'_, PyAny>,
        values: &Bound<'_, PyAny>,
        mode: &str,
    ) -> PyResult<()> {
        put_impl(&self.inner(), indices, values, mode)
    }

    /// Return the indices of the elements that are non-zero.
    #[pyo3(name = "nonzero")]
    fn py_nonzero<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        nonzero_tuple(py, &self.inner())
    }

    /// Return selected slices of this array along given axis.
    #[pyo3(name = "compress", signature = (condition, axis=None, out=None))]
    fn py_compress<'py>(
        &self,
        py: Python<'py>,
        condition: &Bound<'py, PyAny>,
        axis: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        compress_impl(py, condition, &self.inner(), axis, out)
    }

    /// Use an index array to construct a new array from a set of choices.
    #[pyo3(name = "choose", signature = (choices, out=None, mode="raise"))]
    fn py_choose<'py>(
        &self,
        py: Python<'py>,
        choices: &Bound<'py, PyAny>,
        out: Option<&Bound<'py, PyAny>>,
        mode: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        choose_impl(py, &self.inner(), choices, out, mode)
    }
}

/// Keep `assign_into` reachable for callers of this module (values written through
/// `out=`).
#[allow(dead_code)]
fn assign_out(dst: &NdArray, value: &Bound<'_, PyAny>) -> PyResult<()> {
    assign_into(dst, value)
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(take, m)?)?;
    m.add_function(wrap_pyfunction!(put, m)?)?;
    m.add_function(wrap_pyfunction!(take_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(put_along_axis, m)?)?;
    m.add_function(wrap_pyfunction!(choose, m)?)?;
    m.add_function(wrap_pyfunction!(compress, m)?)?;
    m.add_function(wrap_pyfunction!(nonzero, m)?)?;
    m.add_function(wrap_pyfunction!(argwhere, m)?)?;
    m.add_function(wrap_pyfunction!(flatnonzero, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(place, m)?)?;
    m.add_function(wrap_pyfunction!(putmask, m)?)?;
    m.add_function(wrap_pyfunction!(select, m)?)?;
    m.add_function(wrap_pyfunction!(piecewise, m)?)?;
    m.add_function(wrap_pyfunction!(diagonal, m)?)?;
    m.add_function(wrap_pyfunction!(diag_indices, m)?)?;
    m.add_function(wrap_pyfunction!(diag_indices_from, m)?)?;
    m.add_function(wrap_pyfunction!(tril_indices, m)?)?;
    m.add_function(wrap_pyfunction!(triu_indices, m)?)?;
    m.add_function(wrap_pyfunction!(tril_indices_from, m)?)?;
    m.add_function(wrap_pyfunction!(triu_indices_from, m)?)?;
    m.add_function(wrap_pyfunction!(unravel_index, m)?)?;
    m.add_function(wrap_pyfunction!(ravel_multi_index, m)?)?;
    m.add_function(wrap_pyfunction!(ix_, m)?)?;
    Ok(())
}
