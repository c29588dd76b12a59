//! Bindings of the manipulation family: the top-level shape and view functions
//! (`reshape`, `ravel`, `transpose`, `swapaxes`, `moveaxis`, `squeeze`, `expand_dims`,
//! `shape`, `ndim`, `size`), the `ndindex`/`ndenumerate` iterators, and the joining,
//! splitting, tiling, flipping, padding and editing routines of
//! `numoxide_ops::manipulation` (plus the `ndarray.repeat`/`ndarray.resize` methods).

use numoxide_core::{NdArray, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::api::creation::make_array;
use crate::array::{axis_list, wrap_view, PyNdArray};
use crate::convert::to_array;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// `a` as a numoxide array object (itself when it already is one).
fn as_array<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyNdArray>> {
    if let Ok(x) = a.cast::<PyNdArray>() {
        return Ok(x.clone());
    }
    Ok(make_array(py, a, None, None, Order::K, 0, true)?.into_bound(py))
}

/// An int or a sequence of ints.
fn int_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(i) = obj.extract::<isize>() {
        return Ok(vec![i]);
    }
    obj.extract()
}

/// Give an array a new shape without changing its data.
#[pyfunction]
#[pyo3(signature = (a, /, shape=None, order="C", *, newshape=None, copy=None))]
pub fn reshape<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    shape: Option<&Bound<'py, PyAny>>,
    order: &str,
    newshape: Option<&Bound<'py, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Bound<'py, PyAny>> {
    let shape = match (shape, newshape) {
        (Some(s), None) => s.clone(),
        (None, Some(s)) => s.clone(),
        (Some(_), Some(_)) => {
            return Err(PyTypeError::new_err(
                "You cannot specify 'newshape' and 'shape' arguments at the same time.",
            ))
        }
        (None, None) => {
            return Err(PyTypeError::new_err(
                "reshape() missing 1 required positional argument: 'shape'",
            ))
        }
    };
    let arr = as_array(py, a)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("order", order)?;
    kwargs.set_item("copy", copy)?;
    arr.call_method("reshape", (shape,), Some(&kwargs))
}

/// A contiguous flattened array (a view when possible).
#[pyfunction]
#[pyo3(signature = (a, order="C"))]
pub fn ravel<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    order: &str,
) -> PyResult<Bound<'py, PyAny>> {
    as_array(py, a)?.call_method1("ravel", (order,))
}

/// Permute the axes of an array (a view).
#[pyfunction]
#[pyo3(signature = (a, axes=None))]
pub fn transpose<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axes: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = as_array(py, a)?;
    match axes {
        Some(ax) if !ax.is_none() => arr.call_method1("transpose", (ax,)),
        _ => arr.call_method0("transpose"),
    }
}

/// Interchange two axes of an array (a view).
#[pyfunction]
pub fn swapaxes<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis1: isize,
    axis2: isize,
) -> PyResult<Bound<'py, PyAny>> {
    as_array(py, a)?.call_method1("swapaxes", (axis1, axis2))
}

/// Move axes of an array to new positions (a view).
#[pyfunction]
pub fn moveaxis(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, a)?;
    let (src, dst) = (int_list(source)?, int_list(destination)?);
    let v = arr.get().inner().moveaxis(&src, &dst).py()?;
    wrap_view(py, &arr, v)
}

/// Remove axes of length one (a view).
#[pyfunction]
#[pyo3(signature = (a, axis=None))]
pub fn squeeze<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = as_array(py, a)?;
    match axis {
        Some(ax) if !ax.is_none() => arr.call_method1("squeeze", (ax,)),
        _ => arr.call_method0("squeeze"),
    }
}

/// Insert new axes of length one (a view).
#[pyfunction]
pub fn expand_dims(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    axis: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, a)?;
    let axes = axis_list(Some(axis))?.unwrap_or_default();
    let v = arr.get().inner().expand_dims(&axes).py()?;
    wrap_view(py, &arr, v)
}

fn inner_of(a: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    if let Ok(x) = a.cast::<PyNdArray>() {
        return Ok(x.get().inner().clone());
    }
    to_array(a, None)
}

/// The shape of an array-like.
#[pyfunction]
pub fn shape<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, inner_of(a)?.shape())
}

/// The number of dimensions of an array-like.
#[pyfunction]
pub fn ndim(a: &Bound<'_, PyAny>) -> PyResult<usize> {
    Ok(inner_of(a)?.ndim())
}

/// The number of elements, in total or along the given axis (or axes).
#[pyfunction]
#[pyo3(signature = (a, axis=None))]
pub fn size(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<usize> {
    let arr = inner_of(a)?;
    match axis_list(axis)? {
        None => Ok(arr.size()),
        Some(axes) => {
            let axes = numoxide_core::layout::normalize_axes(&axes, arr.ndim()).py()?;
            Ok(axes.iter().map(|&ax| arr.shape()[ax]).product())
        }
    }
}

/// An N-dimensional iterator over the indices of a shape, in C order.
#[pyclass(name = "ndindex", module = "numoxide")]
pub struct PyNdIndex {
    shape: Vec<usize>,
    next: Option<Vec<usize>>,
}

fn step_index(index: &mut [usize], shape: &[usize]) -> bool {
    for d in (0..shape.len()).rev() {
        index[d] += 1;
        if index[d] < shape[d] {
            return true;
        }
        index[d] = 0;
    }
    false
}

#[pymethods]
impl PyNdIndex {
    #[new]
    #[pyo3(signature = (*shape))]
    fn new(shape: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let dims: Vec<isize> = if shape.len() == 1 && shape.get_item(0)?.extract::<isize>().is_err()
        {
            shape.get_item(0)?.extract()?
        } else {
            shape.extract()?
        };
        if dims.iter().any(|&d| d < 0) {
            return Err(PyValueError::new_err("negative dimensions are not allowed"));
        }
        let shape: Vec<usize> = dims.into_iter().map(|d| d as usize).collect();
        let next = if shape.contains(&0) {
            None
        } else {
            Some(vec![0; shape.len()])
        };
        Ok(PyNdIndex { shape, next })
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let Some(cur) = self.next.take() else {
            return Ok(None);
        };
        let out = PyTuple::new(py, &cur)?;
        let mut nxt = cur;
        if step_index(&mut nxt, &self.shape) {
            self.next = Some(nxt);
        }
        Ok(Some(out))
    }
}

/// An iterator of (index tuple, element) pairs over an array, in C order.
#[pyclass(name = "ndenumerate", module = "numoxide")]
pub struct PyNdEnumerate {
    array: NdArray,
    next: Option<Vec<usize>>,
}

#[pymethods]
impl PyNdEnumerate {
    #[new]
    fn new(arr: &Bound<'_, PyAny>) -> PyResult<Self> {
        let array = inner_of(arr)?;
        let next = if array.size() == 0 {
            None
        } else {
            Some(vec![0; array.ndim()])
        };
        Ok(PyNdEnumerate { array, next })
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        let Some(cur) = self.next.take() else {
            return Ok(None);
        };
        let idx: Vec<isize> = cur.iter().map(|&i| i as isize).collect();
        let value = scalar_to_numoxide(py, self.array.get(&idx).py()?)?;
        let key = PyTuple::new(py, &cur)?;
        let mut nxt = cur;
        if step_index(&mut nxt, self.array.shape()) {
            self.next = Some(nxt);
        }
        Ok(Some(PyTuple::new(py, [key.into_any(), value])?))
    }
}

// ----- joining, splitting, tiling, flipping, padding, editing ---------------------------

use numoxide_core::cast::{can_cast, Casting};
use numoxide_core::{DType, DTypeKind};
use numoxide_ops::manipulation as ops;
use numoxide_ops::ufunc::{weak_to_scalar, Input};
use pyo3::exceptions::{PyIndexError, PyOverflowError};
use pyo3::types::{PyList, PySlice};

use crate::api::ufuncs::to_input;
use crate::array::wrap;
use crate::convert::dtype_arg;

fn casting_of(c: &str) -> PyResult<Casting> {
    Casting::parse(c).py()
}

/// The arrays of a sequence argument (an ndarray counts as the sequence of its rows).
fn seq_arrays(obj: &Bound<'_, PyAny>) -> PyResult<Vec<NdArray>> {
    if let Ok(x) = obj.cast::<PyNdArray>() {
        let a = x.get().inner().clone();
        if a.ndim() == 0 {
            return Err(PyTypeError::new_err("iteration over a 0-d array"));
        }
        return ops::unstack(&a, 0).py();
    }
    if let Ok(list) = obj.cast_exact::<PyList>() {
        return list.iter().map(|item| inner_of(&item)).collect();
    }
    if let Ok(tuple) = obj.cast_exact::<PyTuple>() {
        return tuple.iter().map(|item| inner_of(&item)).collect();
    }
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        out.push(inner_of(&item?)?);
    }
    Ok(out)
}

/// The check NumPy's `*stack` functions make first: the argument has `__getitem__`
/// (lists, tuples and arrays, the common cases, without a lookup).
fn stack_check(obj: &Bound<'_, PyAny>) -> PyResult<()> {
    let known = obj.is_exact_instance_of::<PyList>()
        || obj.is_exact_instance_of::<PyTuple>()
        || obj.is_instance_of::<PyNdArray>();
    if !known && !obj.hasattr("__getitem__")? {
        return Err(PyTypeError::new_err(
            "arrays to stack must be passed as a \"sequence\" type such as list or tuple.",
        ));
    }
    Ok(())
}

/// `seq_arrays` with the check NumPy's `*stack` functions make first.
fn stack_arrays(obj: &Bound<'_, PyAny>) -> PyResult<Vec<NdArray>> {
    stack_check(obj)?;
    seq_arrays(obj)
}

/// A list of views of `parent`.
fn view_list<'py>(
    py: Python<'py>,
    parent: &Bound<'py, PyNdArray>,
    views: Vec<NdArray>,
) -> PyResult<Bound<'py, PyList>> {
    let items: Vec<Py<PyNdArray>> = views
        .into_iter()
        .map(|v| wrap_view(py, parent, v))
        .collect::<PyResult<_>>()?;
    PyList::new(py, items)
}

/// The `out=` argument as an array object.
fn out_array<'py>(out: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyNdArray>> {
    out.cast::<PyNdArray>()
        .cloned()
        .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))
}

/// One input of a joining routine: a numoxide array borrowed in place (no copy of its
/// descriptor), or an array converted from an array-like.
enum JoinInput<'py> {
    /// A counted view of the array, and the object that keeps it alive. The guard is the
    /// first field, so it is dropped before the object reference.
    Borrowed {
        view: crate::cell::ArrayRef<'py>,
        _owner: Bound<'py, PyNdArray>,
    },
    Owned(NdArray),
}

impl JoinInput<'_> {
    fn array(&self) -> &NdArray {
        match self {
            JoinInput::Borrowed { view, .. } => view,
            JoinInput::Owned(a) => a,
        }
    }
}

fn join_input<'py>(item: Bound<'py, PyAny>) -> PyResult<JoinInput<'py>> {
    match item.cast_into::<PyNdArray>() {
        Ok(x) => {
            // SAFETY: the `PyNdArray` lives inside the Python object that `x` keeps alive;
            // `x` is stored next to the guard, which is dropped first, so the reference
            // outlives every use of the guard. Moving `x` does not move the object.
            let this: &'py PyNdArray = unsafe { &*(x.get() as *const PyNdArray) };
            Ok(JoinInput::Borrowed {
                view: this.inner(),
                _owner: x,
            })
        }
        Err(e) => Ok(JoinInput::Owned(to_array(&e.into_inner(), None)?)),
    }
}

/// The inputs of a sequence argument, as [`seq_arrays`] reads them, borrowing the
/// numoxide arrays among them.
fn join_inputs<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Vec<JoinInput<'py>>> {
    if let Ok(x) = obj.cast::<PyNdArray>() {
        let rows = seq_arrays(x.as_any())?;
        return Ok(rows.into_iter().map(JoinInput::Owned).collect());
    }
    if let Ok(list) = obj.cast_exact::<PyList>() {
        return list.iter().map(join_input).collect();
    }
    if let Ok(tuple) = obj.cast_exact::<PyTuple>() {
        return tuple.iter().map(join_input).collect();
    }
    obj.try_iter()?.map(|item| join_input(item?)).collect()
}

/// Joins moving at least this many bytes run with the GIL released (on owned copies of
/// the inputs' descriptors, so no borrow outlives it); smaller ones are not worth the
/// release and reacquire.
const DETACH_BYTES: usize = 1 << 20;

/// Join a sequence of arrays along an existing axis.
#[pyfunction]
#[pyo3(signature = (arrays, /, axis=Some(0), out=None, *, dtype=None, casting="same_kind"))]
pub fn concatenate<'py>(
    py: Python<'py>,
    arrays: &Bound<'py, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'py, PyAny>>,
    dtype: Option<&Bound<'py, PyAny>>,
    casting: &str,
) -> PyResult<Bound<'py, PyAny>> {
    // NumPy's test: PySequence_Check (a dict or a set is not a sequence).
    let is_sequence = arrays.is_instance_of::<PyNdArray>()
        // SAFETY: `arrays` is a live object and the GIL is held; PySequence_Check only
        // inspects its type's slots.
        || unsafe { pyo3::ffi::PySequence_Check(arrays.as_ptr()) } != 0;
    if !is_sequence {
        return Err(PyTypeError::new_err(
            "The first input argument needs to be a sequence",
        ));
    }
    let inputs = join_inputs(arrays)?;
    let arrs: Vec<&NdArray> = inputs.iter().map(JoinInput::array).collect();
    let casting = casting_of(casting)?;
    let dtype = dtype_arg(dtype.filter(|d| !d.is_none()))?;
    match out.filter(|o| !o.is_none()) {
        Some(o) => {
            if dtype.is_some() {
                return Err(PyTypeError::new_err(
                    "concatenate() only takes `out` or `dtype` as an argument, but both were provided.",
                ));
            }
            let o = out_array(o)?;
            ops::concatenate_into(&arrs, axis, &o.get().inner(), casting).py()?;
            Ok(o.into_any())
        }
        None => {
            let bytes: usize = arrs.iter().map(|a| a.nbytes()).sum();
            let r = if bytes >= DETACH_BYTES {
                let owned: Vec<NdArray> = arrs.iter().map(|&a| a.clone()).collect();
                drop(arrs);
                drop(inputs);
                py.detach(|| ops::concatenate(&owned, axis, dtype.as_ref(), casting))
            } else {
                ops::concatenate(&arrs, axis, dtype.as_ref(), casting)
            }
            .py()?;
            Ok(wrap(py, r)?.into_bound(py).into_any())
        }
    }
}

/// Join a sequence of arrays of one shape along a new axis.
#[pyfunction]
#[pyo3(signature = (arrays, axis=0, out=None, *, dtype=None, casting="same_kind"))]
pub fn stack<'py>(
    py: Python<'py>,
    arrays: &Bound<'py, PyAny>,
    axis: isize,
    out: Option<&Bound<'py, PyAny>>,
    dtype: Option<&Bound<'py, PyAny>>,
    casting: &str,
) -> PyResult<Bound<'py, PyAny>> {
    stack_check(arrays)?;
    let inputs = join_inputs(arrays)?;
    let arrs: Vec<&NdArray> = inputs.iter().map(JoinInput::array).collect();
    let casting = casting_of(casting)?;
    let dtype = dtype_arg(dtype.filter(|d| !d.is_none()))?;
    match out.filter(|o| !o.is_none()) {
        Some(o) => {
            if dtype.is_some() {
                return Err(PyTypeError::new_err(
                    "concatenate() only takes `out` or `dtype` as an argument, but both were provided.",
                ));
            }
            let o = out_array(o)?;
            ops::stack_into(&arrs, axis, &o.get().inner(), casting).py()?;
            Ok(o.into_any())
        }
        None => {
            let r = ops::stack(&arrs, axis, dtype.as_ref(), casting).py()?;
            Ok(wrap(py, r)?.into_bound(py).into_any())
        }
    }
}

/// Stack arrays in sequence horizontally (column wise).
#[pyfunction]
#[pyo3(signature = (tup, *, dtype=None, casting="same_kind"))]
pub fn hstack(
    py: Python<'_>,
    tup: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyNdArray>> {
    let arrs = stack_arrays(tup)?;
    let dtype = dtype_arg(dtype.filter(|d| !d.is_none()))?;
    wrap(
        py,
        ops::hstack(&arrs, dtype.as_ref(), casting_of(casting)?).py()?,
    )
}

/// Stack arrays in sequence vertically (row wise).
#[pyfunction]
#[pyo3(signature = (tup, *, dtype=None, casting="same_kind"))]
pub fn vstack(
    py: Python<'_>,
    tup: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyNdArray>> {
    let arrs = stack_arrays(tup)?;
    let dtype = dtype_arg(dtype.filter(|d| !d.is_none()))?;
    wrap(
        py,
        ops::vstack(&arrs, dtype.as_ref(), casting_of(casting)?).py()?,
    )
}

/// Alias of `vstack`.
#[pyfunction]
#[pyo3(signature = (tup, *, dtype=None, casting="same_kind"))]
pub fn row_stack(
    py: Python<'_>,
    tup: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<Py<PyNdArray>> {
    vstack(py, tup, dtype, casting)
}

/// Stack arrays in sequence depth wise (along the third axis).
#[pyfunction]
pub fn dstack(py: Python<'_>, tup: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let arrs = stack_arrays(tup)?;
    wrap(py, ops::dstack(&arrs).py()?)
}

/// Stack 1-D arrays as columns into a 2-D array.
#[pyfunction]
pub fn column_stack(py: Python<'_>, tup: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let arrs = stack_arrays(tup)?;
    wrap(py, ops::column_stack(&arrs).py()?)
}

/// NumPy's `_block_format_index`.
fn block_index_text(index: &[Option<usize>]) -> String {
    let mut s = String::from("arrays");
    for i in index.iter().flatten() {
        s.push_str(&format!("[{i}]"));
    }
    s
}

/// NumPy's `_block_check_depths_match`: (bottom index, max array ndim).
fn block_depths(
    obj: &Bound<'_, PyAny>,
    parent: Vec<Option<usize>>,
) -> PyResult<(Vec<Option<usize>>, usize)> {
    if obj.is_exact_instance_of::<PyTuple>() {
        return Err(PyTypeError::new_err(format!(
            "{} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray.",
            block_index_text(&parent)
        )));
    }
    if let Ok(list) = obj.cast_exact::<PyList>() {
        if list.is_empty() {
            let mut idx = parent;
            idx.push(None);
            return Ok((idx, 0));
        }
        let mut first: Option<Vec<Option<usize>>> = None;
        let mut max_nd = 0;
        for (i, item) in list.iter().enumerate() {
            let mut p = parent.clone();
            p.push(Some(i));
            let (idx, nd) = block_depths(&item, p)?;
            max_nd = max_nd.max(nd);
            match &first {
                None => first = Some(idx),
                Some(f) => {
                    if idx.len() != f.len() {
                        return Err(PyValueError::new_err(format!(
                            "List depths are mismatched. First element was at depth {}, but there is an element at depth {} ({})",
                            f.len(),
                            idx.len(),
                            block_index_text(&idx)
                        )));
                    }
                    if idx.last().is_some_and(|x| x.is_none()) {
                        first = Some(idx);
                    }
                }
            }
        }
        return Ok((first.unwrap_or(parent), max_nd));
    }
    Ok((parent, inner_of(obj)?.ndim()))
}

/// The nested lists of `np.block` as a [`ops::Block`] tree, each block reshaped to
/// `result_nd` dimensions.
fn block_tree(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    list_nd: usize,
    result_nd: usize,
) -> PyResult<ops::Block> {
    if depth < list_nd {
        let mut parts = Vec::new();
        for item in obj.try_iter()? {
            parts.push(block_tree(&item?, depth + 1, list_nd, result_nd)?);
        }
        return Ok(ops::Block::List(parts));
    }
    let a = inner_of(obj)?;
    let mut shape = vec![1usize; result_nd.saturating_sub(a.ndim())];
    shape.extend_from_slice(a.shape());
    Ok(ops::Block::Leaf(a.reshape_view(&shape, false).unwrap_or(a)))
}

/// Assemble an array from nested lists of blocks.
#[pyfunction]
pub fn block(py: Python<'_>, arrays: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let (bottom, max_nd) = block_depths(arrays, Vec::new())?;
    if bottom.last().is_some_and(|x| x.is_none()) {
        return Err(PyValueError::new_err(format!(
            "List at {} cannot be empty",
            block_index_text(&bottom)
        )));
    }
    let list_nd = bottom.len();
    let result_nd = list_nd.max(max_nd);
    let tree = block_tree(arrays, 0, list_nd, result_nd)?;
    if let ops::Block::Leaf(r) = &tree {
        return wrap(py, r.copy(Order::C).py()?);
    }
    let r = py.detach(|| ops::block(&tree, list_nd)).py()?;
    wrap(py, r)
}

/// An `indices_or_sections` argument.
fn sections_arg(obj: &Bound<'_, PyAny>) -> PyResult<ops::Sections> {
    if obj.len().is_ok() {
        let mut idx = Vec::new();
        for item in obj.try_iter()? {
            let item = item?;
            let i: isize = item.extract().map_err(|_| {
                PyTypeError::new_err(
                    "slice indices must be integers or None or have an __index__ method",
                )
            })?;
            idx.push(i);
        }
        return Ok(ops::Sections::Indices(idx));
    }
    let n: i64 = obj
        .call_method0("__int__")
        .map_err(|_| PyTypeError::new_err("an integer is required"))?
        .extract()?;
    Ok(ops::Sections::Count(n))
}

fn split_impl<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    sections: &Bound<'py, PyAny>,
    axis: isize,
    equal: bool,
) -> PyResult<Bound<'py, PyList>> {
    let arr = as_array(py, ary)?;
    let s = sections_arg(sections)?;
    let views = {
        let a = &arr.get().inner();
        if equal {
            ops::split(a, &s, axis)
        } else {
            ops::array_split(a, &s, axis)
        }
        .py()?
    };
    view_list(py, &arr, views)
}

/// Split an array into sub-arrays (views), possibly of unequal size.
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn array_split<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    indices_or_sections: &Bound<'py, PyAny>,
    axis: isize,
) -> PyResult<Bound<'py, PyList>> {
    split_impl(py, ary, indices_or_sections, axis, false)
}

/// Split an array into equal sub-arrays (views).
#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis=0))]
pub fn split<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    indices_or_sections: &Bound<'py, PyAny>,
    axis: isize,
) -> PyResult<Bound<'py, PyList>> {
    split_impl(py, ary, indices_or_sections, axis, true)
}

fn split_min_nd<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    sections: &Bound<'py, PyAny>,
    min_nd: usize,
    which: &str,
    axis: impl Fn(usize) -> isize,
) -> PyResult<Bound<'py, PyList>> {
    let arr = as_array(py, ary)?;
    let nd = arr.get().inner().ndim();
    if nd < min_nd {
        return Err(PyValueError::new_err(format!(
            "{which} only works on arrays of {min_nd} or more dimensions"
        )));
    }
    split_impl(py, arr.as_any(), sections, axis(nd), true)
}

/// Split an array horizontally (column-wise).
#[pyfunction]
pub fn hsplit<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    indices_or_sections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    split_min_nd(py, ary, indices_or_sections, 1, "hsplit", |nd| {
        isize::from(nd > 1)
    })
}

/// Split an array vertically (row-wise).
#[pyfunction]
pub fn vsplit<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    indices_or_sections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    split_min_nd(py, ary, indices_or_sections, 2, "vsplit", |_| 0)
}

/// Split an array along the third axis (depth).
#[pyfunction]
pub fn dsplit<'py>(
    py: Python<'py>,
    ary: &Bound<'py, PyAny>,
    indices_or_sections: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    split_min_nd(py, ary, indices_or_sections, 3, "dsplit", |_| 2)
}

/// Split an array into a tuple of views along an axis.
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=0))]
pub fn unstack<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    axis: isize,
) -> PyResult<Bound<'py, PyTuple>> {
    let arr = as_array(py, x)?;
    let views = ops::unstack(&arr.get().inner(), axis).py()?;
    if views.first().is_some_and(|v| v.ndim() == 0) {
        // Iterating a 1-D array gives scalars.
        let items: Vec<Bound<'py, PyAny>> = views
            .into_iter()
            .map(|v| scalar_to_numoxide(py, v.item().py()?))
            .collect::<PyResult<_>>()?;
        return PyTuple::new(py, items);
    }
    PyTuple::new(py, view_list(py, &arr, views)?)
}

fn atleast<'py>(
    py: Python<'py>,
    arys: &Bound<'py, PyTuple>,
    f: fn(&NdArray) -> NdArray,
) -> PyResult<Bound<'py, PyAny>> {
    let mut res = Vec::with_capacity(arys.len());
    for a in arys.iter() {
        let arr = as_array(py, &a)?;
        let inner = arr.get().inner().clone();
        let v = f(&inner);
        if v.shape() == inner.shape() {
            res.push(arr.into_any());
        } else {
            res.push(wrap_view(py, &arr, v)?.into_bound(py).into_any());
        }
    }
    if res.len() == 1 {
        return Ok(res.remove(0));
    }
    Ok(PyTuple::new(py, res)?.into_any())
}

/// View inputs as arrays with at least one dimension.
#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_1d<'py>(py: Python<'py>, arys: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    atleast(py, arys, ops::atleast_1d)
}

/// View inputs as arrays with at least two dimensions.
#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_2d<'py>(py: Python<'py>, arys: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    atleast(py, arys, ops::atleast_2d)
}

/// View inputs as arrays with at least three dimensions.
#[pyfunction]
#[pyo3(signature = (*arys))]
pub fn atleast_3d<'py>(py: Python<'py>, arys: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
    atleast(py, arys, ops::atleast_3d)
}

/// Reverse the order of elements along the given axes (a view).
#[pyfunction]
#[pyo3(signature = (m, axis=None))]
pub fn flip<'py>(
    py: Python<'py>,
    m: &Bound<'py, PyAny>,
    axis: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = as_array(py, m)?;
    let axes = axis_list(axis)?;
    let v = ops::flip(&arr.get().inner(), axes.as_deref()).py()?;
    if v.ndim() == 0 && axes.is_none() {
        // NumPy indexes with `m[()]` here, which gives a scalar.
        return scalar_to_numoxide(py, v.item().py()?);
    }
    Ok(wrap_view(py, &arr, v)?.into_bound(py).into_any())
}

/// Reverse the order of elements along axis 1 (a view).
#[pyfunction]
pub fn fliplr(py: Python<'_>, m: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, m)?;
    if arr.get().inner().ndim() < 2 {
        return Err(PyValueError::new_err("Input must be >= 2-d."));
    }
    let v = ops::flip(&arr.get().inner(), Some(&[1])).py()?;
    wrap_view(py, &arr, v)
}

/// Reverse the order of elements along axis 0 (a view).
#[pyfunction]
pub fn flipud(py: Python<'_>, m: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, m)?;
    if arr.get().inner().ndim() < 1 {
        return Err(PyValueError::new_err("Input must be >= 1-d."));
    }
    let v = ops::flip(&arr.get().inner(), Some(&[0])).py()?;
    wrap_view(py, &arr, v)
}

/// Rotate an array by 90 degrees in the plane of two axes (a view).
#[pyfunction]
#[pyo3(signature = (m, k=1, axes=None))]
pub fn rot90(
    py: Python<'_>,
    m: &Bound<'_, PyAny>,
    k: i64,
    axes: Option<Vec<isize>>,
) -> PyResult<Py<PyNdArray>> {
    let arr = as_array(py, m)?;
    let axes = axes.unwrap_or_else(|| vec![0, 1]);
    let v = ops::rot90(&arr.get().inner(), k, &axes).py()?;
    wrap_view(py, &arr, v)
}

/// Integers from an int or a sequence (floats truncated, as NumPy's intp conversion).
fn int_seq(obj: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let a = inner_of(obj)?;
    if a.kind().is_complex() {
        return Err(PyTypeError::new_err(
            "Cannot cast array data from dtype('complex128') to dtype('int64') according to the rule 'unsafe'",
        ));
    }
    ops::i64_values(&a).py()
}

/// Roll array elements along the given axes (a new array).
#[pyfunction]
#[pyo3(signature = (a, shift, axis=None))]
pub fn roll(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    shift: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let arr = inner_of(a)?;
    let shifts = int_seq(shift)?;
    let axes = axis_list(axis)?;
    wrap(py, ops::roll(&arr, &shifts, axes.as_deref()).py()?)
}

/// Construct an array by repeating `A` the number of times given by `reps`.
#[pyfunction]
#[pyo3(name = "tile")]
#[allow(non_snake_case)] // NumPy's parameter is `A` (callers may pass it by name)
pub fn tile_fn(
    py: Python<'_>,
    A: &Bound<'_, PyAny>,
    reps: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = inner_of(A)?;
    let reps: Vec<i64> = if let Ok(i) = reps.extract::<i64>() {
        vec![i]
    } else {
        let mut v = Vec::new();
        for item in reps.try_iter()? {
            v.push(item?.extract::<i64>()?);
        }
        v
    };
    wrap(py, py.detach(|| ops::tile(&arr, &reps)).py()?)
}

fn repeat_impl(
    py: Python<'_>,
    arr: &NdArray,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let r = inner_of(repeats)?;
    if r.ndim() > 1 {
        return Err(PyValueError::new_err("object too deep for desired array"));
    }
    if r.kind().is_complex() {
        return Err(PyTypeError::new_err(
            "Cannot cast array data from dtype('complex128') to dtype('int64') according to the rule 'unsafe'",
        ));
    }
    let arr = arr.clone();
    wrap(py, py.detach(|| ops::repeat_array(&arr, &r, axis)).py()?)
}

/// Repeat each element of an array after themselves.
#[pyfunction]
#[pyo3(name = "repeat", signature = (a, repeats, axis=None))]
pub fn repeat_fn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    repeats: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    repeat_impl(py, &inner_of(a)?, repeats, axis)
}

/// The axis length `insert`/`delete` work on and whether the array is flattened.
fn edit_axis(a: &NdArray, axis: Option<isize>) -> PyResult<usize> {
    match axis {
        None => Ok(a.size()),
        Some(ax) => {
            let ax = numoxide_core::layout::normalize_axis(ax, a.ndim()).py()?;
            Ok(a.shape()[ax])
        }
    }
}

fn slice_parts(s: &Bound<'_, PySlice>) -> PyResult<(Option<isize>, Option<isize>, Option<isize>)> {
    let get = |name: &str| -> PyResult<Option<isize>> {
        let v = s.getattr(name)?;
        if v.is_none() {
            Ok(None)
        } else {
            Ok(Some(v.extract()?))
        }
    };
    Ok((get("start")?, get("stop")?, get("step")?))
}

/// Return a new array with sub-arrays along an axis deleted.
#[pyfunction]
#[pyo3(signature = (arr, obj, axis=None))]
pub fn delete(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let a = inner_of(arr)?;
    let what = if let Ok(s) = obj.cast::<PySlice>() {
        let (st, e, sp) = slice_parts(s)?;
        ops::DeleteObj::Slice(st, e, sp)
    } else if !obj.is_instance_of::<pyo3::types::PyBool>()
        && obj.extract::<i64>().is_ok()
        && !obj.hasattr("__len__")?
    {
        ops::DeleteObj::Index(obj.extract()?)
    } else {
        let is_nd = obj.cast::<PyNdArray>().is_ok();
        let o = inner_of(obj)?;
        let n = edit_axis(&a, axis)?;
        if o.size() == 0 && !is_nd {
            ops::DeleteObj::Indices(Vec::new())
        } else if o.kind() == DTypeKind::Bool {
            if o.ndim() != 1 {
                return Err(PyValueError::new_err(format!(
                    "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                )));
            }
            ops::DeleteObj::Mask(o.to_vec::<bool>())
        } else if !o.kind().is_integer() {
            return Err(PyIndexError::new_err(
                "arrays used as indices must be of integer (or boolean) type",
            ));
        } else if o.size() == 1 {
            ops::DeleteObj::Index(o.to_vec::<i64>()[0])
        } else {
            ops::DeleteObj::Indices(o.to_vec::<i64>())
        }
    };
    wrap(py, ops::delete(&a, &what, axis).py()?)
}

/// Insert values along the given axis before the given indices.
#[pyfunction]
#[pyo3(signature = (arr, obj, values, axis=None))]
pub fn insert(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    obj: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let a = inner_of(arr)?;
    let n = edit_axis(&a, axis)?;
    let what = if let Ok(s) = obj.cast::<PySlice>() {
        let (st, e, sp) = slice_parts(s)?;
        let idx = ops::slice_indices(st, e, sp, n).py()?;
        ops::InsertObj::Indices(idx.into_iter().map(|i| i as i64).collect())
    } else {
        let o = inner_of(obj)?;
        if o.kind() == DTypeKind::Bool {
            if o.ndim() != 1 {
                return Err(PyValueError::new_err(
                    "boolean array argument obj to insert must be one dimensional",
                ));
            }
            let idx = o
                .to_vec::<bool>()
                .iter()
                .enumerate()
                .filter(|(_, &b)| b)
                .map(|(i, _)| i as i64)
                .collect();
            ops::InsertObj::Indices(idx)
        } else if o.ndim() > 1 {
            return Err(PyValueError::new_err(
                "index array argument obj to insert must be one dimensional or scalar",
            ));
        } else if o.size() > 0 && !o.kind().is_integer() {
            return Err(if o.size() == 1 {
                PyTypeError::new_err(
                    "slice indices must be integers or None or have an __index__ method",
                )
            } else {
                PyIndexError::new_err("arrays used as indices must be of integer (or boolean) type")
            });
        } else if o.ndim() == 0 {
            ops::InsertObj::Scalar(o.to_vec::<i64>()[0])
        } else {
            ops::InsertObj::Indices(o.to_vec::<i64>())
        }
    };
    let v = to_array(values, Some(a.dtype()))?;
    wrap(py, ops::insert(&a, &what, &v, axis).py()?)
}

/// Append values to the end of an array.
#[pyfunction]
#[pyo3(signature = (arr, values, axis=None))]
pub fn append(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    values: &Bound<'_, PyAny>,
    axis: Option<isize>,
) -> PyResult<Py<PyNdArray>> {
    let a = inner_of(arr)?;
    let v = inner_of(values)?;
    let r = match axis {
        None => {
            let a = if a.ndim() == 1 {
                a
            } else {
                a.ravel(Order::C).py()?
            };
            let v = v.ravel(Order::C).py()?;
            ops::concatenate(&[a, v], Some(0), None, Casting::SameKind)
        }
        Some(ax) => ops::concatenate(&[a, v], Some(ax), None, Casting::SameKind),
    };
    wrap(py, r.py()?)
}

/// Return a new array of the given shape, filled with repeated copies of `a`.
#[pyfunction]
#[pyo3(name = "resize")]
pub fn resize_fn(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    new_shape: &Bound<'_, PyAny>,
) -> PyResult<Py<PyNdArray>> {
    let arr = inner_of(a)?;
    let shape = int_seq(new_shape)?;
    wrap(py, ops::resize(&arr, &shape).py()?)
}

/// Trim the leading and/or trailing zeros of an array (a view; a list slice for a 1-D
/// sequence).
#[pyfunction]
#[pyo3(signature = (filt, trim="fb", axis=None))]
pub fn trim_zeros<'py>(
    py: Python<'py>,
    filt: &Bound<'py, PyAny>,
    trim: &str,
    axis: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = trim.to_lowercase();
    if !["fb", "bf", "f", "b"].contains(&t.as_str()) {
        return Err(PyValueError::new_err(format!(
            "unexpected character(s) in `trim`: {}",
            PyString::new(py, trim).repr()?
        )));
    }
    let a = inner_of(filt)?;
    let nd = a.ndim();
    let axes: Vec<usize> = match axis_list(axis)? {
        None => (0..nd).collect(),
        Some(ax) => numoxide_core::layout::normalize_axes(&ax, nd)
            .py()?
            .to_vec(),
    };
    if axes.is_empty() {
        return Ok(filt.clone());
    }
    let bounds = ops::nonzero_bounds(&a).py()?;
    let (front, back) = (t.contains('f'), t.contains('b'));
    let range = |ax: usize| -> (usize, usize) {
        let n = a.shape()[ax];
        match &bounds {
            None => (0, 0),
            Some(b) => {
                let (lo, hi) = b[ax];
                let lo = if front { lo } else { 0 };
                let hi = if back { hi } else { n };
                (lo, hi.max(lo))
            }
        }
    };
    if nd == 1 && filt.cast::<PyNdArray>().is_err() {
        let (lo, hi) = range(0);
        return filt.get_item(PySlice::new(py, lo as isize, hi as isize, 1));
    }
    let arr = as_array(py, filt)?;
    let mut v = arr.get().inner().clone();
    for &ax in &axes {
        let (lo, hi) = range(ax);
        v = ops::slice_axis(&v, ax, lo, hi - lo, 1).py()?;
    }
    Ok(wrap_view(py, &arr, v)?.into_bound(py).into_any())
}

/// Copy values from one array to another, broadcasting as necessary.
#[pyfunction]
#[pyo3(signature = (dst, src, casting="same_kind", r#where=None))]
pub fn copyto(
    dst: &Bound<'_, PyAny>,
    src: &Bound<'_, PyAny>,
    casting: &str,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let d = dst.cast::<PyNdArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "copyto() argument 1 must be a numpy.ndarray, not {}",
            dst.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    let d = d.get().inner().clone();
    let casting = casting_of(casting)?;
    let scalar_src = src.cast::<PyNdArray>().is_err() && py_scalar(src)?;
    let s = match to_input(src)? {
        Input::Array(a) => {
            if scalar_src && !can_cast(a.dtype(), d.dtype(), casting) {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast scalar from dtype({}) to dtype({}) according to the rule '{}'",
                    a.dtype().repr_inner(),
                    d.dtype().repr_inner(),
                    casting.name()
                )));
            }
            a
        }
        Input::Weak(w) => {
            let k = numoxide_ops::elementwise::weak_kind(&w, Some(d.kind()));
            let kd = DType::new(k);
            if !can_cast(&kd, d.dtype(), casting) {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast scalar from dtype({}) to dtype({}) according to the rule '{}'",
                    kd.repr_inner(),
                    d.dtype().repr_inner(),
                    casting.name()
                )));
            }
            NdArray::from_scalar(weak_to_scalar(&w, k).map_err(|e| {
                if e.kind() == numoxide_core::ErrorKind::Overflow {
                    PyOverflowError::new_err(e.message().to_owned())
                } else {
                    crate::error::to_pyerr(e)
                }
            })?)
        }
    };
    let mask = match r#where {
        Some(w) if !(w.is_instance_of::<pyo3::types::PyBool>() && w.extract::<bool>()?) => {
            if w.cast::<PyNdArray>().is_ok() || crate::convert::foreign_array(w)?.is_some() {
                let m = inner_of(w)?;
                if !can_cast(m.dtype(), &DType::BOOL, Casting::Safe) {
                    return Err(PyTypeError::new_err(format!(
                        "Cannot cast array data from dtype({}) to dtype('bool') according to the rule 'safe'",
                        m.dtype().repr_inner()
                    )));
                }
                Some(m)
            } else {
                Some(to_array(w, Some(&DType::BOOL))?)
            }
        }
        _ => None,
    };
    if s.kind().is_complex()
        && !d.kind().is_complex()
        && d.kind() != DTypeKind::Bool
        && d.size() > 0
        && can_cast(s.dtype(), d.dtype(), casting)
    {
        crate::array::warn_complex_to_real(dst.py())?;
    }
    ops::copyto(&d, &s, casting, mask.as_ref()).py()
}

/// Whether `obj` is a scalar (Python number or NumPy/numoxide scalar).
fn py_scalar(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(crate::scalar::py_value(obj)?.is_some())
}

use pyo3::types::PyString;

/// `_as_pairs` of NumPy's pad: (before, after) per axis, plus whether the values came out
/// as NumPy scalars (sizes 1 and 2) rather than Python numbers (the broadcast path).
fn as_pairs(x: &NdArray, nd: usize) -> PyResult<(Vec<(NdArray, NdArray)>, bool)> {
    let elem = |a: &NdArray, i: usize| -> PyResult<NdArray> {
        let flat = a.ravel(Order::C).py()?;
        ops::slice_axis(&flat, 0, i, 1, 1)
            .and_then(|s| s.reshape(&[], Order::C))
            .py()
    };
    if x.ndim() < 3 {
        if x.size() == 1 {
            let v = elem(x, 0)?;
            return Ok((vec![(v.clone(), v); nd], true));
        }
        if x.size() == 2 && x.shape() != [2, 1] {
            let (a, b) = (elem(x, 0)?, elem(x, 1)?);
            return Ok((vec![(a, b); nd], true));
        }
    }
    let b = x.broadcast_to(&[nd, 2]).map_err(|_| {
        PyValueError::new_err(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape ({},2)",
            numoxide_core::layout::shape_text(x.shape()),
            nd
        ))
    })?;
    let c = b.copy(Order::C).py()?;
    let mut out = Vec::with_capacity(nd);
    for i in 0..nd {
        out.push((elem(&c, 2 * i)?, elem(&c, 2 * i + 1)?));
    }
    Ok((out, false))
}

/// NumPy's pad stores each side's value with `padded[...] = value`, where the value is
/// a NumPy scalar when `constant_values` held one or two numbers (`strong`) and a
/// Python number otherwise: errors and cast warnings follow that assignment (a signed
/// integer target, or an unsigned one from a Python number, converts as `int()` does;
/// a NumPy scalar into an unsigned or float target is cast, warning on invalid values
/// or overflow; a complex scalar into a real target warns).
fn pad_value_check(py: Python<'_>, v: &NdArray, strong: bool, to: &DType) -> PyResult<()> {
    let kind = to.kind();
    let s = v.item().py()?;
    if strong && v.kind().is_complex() && !kind.is_complex() && kind != DTypeKind::Bool {
        crate::array::warn_complex_to_real(py)?;
    }
    if kind.is_signed_integer() || (!strong && kind.is_unsigned_integer()) {
        float_fits_int(&s, kind)?;
        if v.kind().is_integer() {
            let x = if v.kind().is_unsigned_integer() {
                i128::from(s.to::<u64>())
            } else {
                i128::from(s.to::<i64>())
            };
            let bits = 8 * kind.itemsize() as u32;
            let (lo, hi) = if kind.is_signed_integer() {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            if !(lo..=hi).contains(&x) {
                return Err(pyo3::exceptions::PyOverflowError::new_err(format!(
                    "Python integer {x} out of bounds for {}",
                    to.name()
                )));
            }
        }
        return Ok(());
    }
    if strong && v.kind().is_inexact() && (kind.is_integer() || kind.is_float()) {
        crate::convert::checked_cast(py, || v.astype(to.clone(), Order::C).py())?;
    }
    Ok(())
}

/// `_as_pairs(..., as_index=True)`: rounded non-negative integers.
fn index_pairs(x: &NdArray, nd: usize) -> PyResult<Vec<(usize, usize)>> {
    let rounded = if x.kind().is_inexact() {
        let mut f = Vec::new();
        numoxide_ops::elementwise::around(x, 0, &mut f).py()?
    } else {
        x.clone()
    };
    let (pairs, _) = as_pairs(&rounded, nd)?;
    let mut out = Vec::with_capacity(nd);
    for (a, b) in pairs {
        let (a, b) = (a.to_vec::<i64>()[0], b.to_vec::<i64>()[0]);
        if a < 0 || b < 0 {
            return Err(PyValueError::new_err("index can't contain negative values"));
        }
        out.push((a as usize, b as usize));
    }
    Ok(out)
}

/// NumPy's errors for a float constant that the signed integer kind `to` cannot hold
/// (padding with NaN, infinity or an out-of-range value: NumPy converts the float to a
/// Python int first).
fn float_fits_int(v: &numoxide_core::Scalar, to: numoxide_core::DTypeKind) -> PyResult<()> {
    let kind = v.kind();
    if !(kind.is_float() || kind.is_complex()) {
        return Ok(());
    }
    let x = v.to::<f64>();
    if x.is_nan() {
        return Err(PyValueError::new_err("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(pyo3::exceptions::PyOverflowError::new_err(
            "cannot convert float infinity to integer",
        ));
    }
    if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&x) {
        return Err(pyo3::exceptions::PyOverflowError::new_err(
            "Python int too large to convert to C long",
        ));
    }
    let t = x.trunc() as i64;
    let bits = 8 * to.itemsize() as u32;
    let (lo, hi) = (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1);
    if !(lo..=hi).contains(&(t as i128)) {
        return Err(pyo3::exceptions::PyOverflowError::new_err(format!(
            "Python integer {t} out of bounds for {}",
            numoxide_core::DType::new(to).name()
        )));
    }
    Ok(())
}

fn pad_widths(
    py: Python<'_>,
    pad_width: &Bound<'_, PyAny>,
    nd: usize,
) -> PyResult<Vec<(usize, usize)>> {
    if let Ok(d) = pad_width.cast::<PyDict>() {
        let mut seq = vec![(0usize, 0usize); nd];
        for (k, v) in d.iter() {
            let ax: isize = k.extract()?;
            let ax = if ax < 0 { ax + nd as isize } else { ax };
            let slot = seq
                .get_mut(ax as usize)
                .ok_or_else(|| PyIndexError::new_err("list assignment index out of range"))?;
            *slot = if let Ok(w) = v.extract::<usize>() {
                (w, w)
            } else {
                v.extract::<(usize, usize)>()?
            };
        }
        return Ok(seq);
    }
    let _ = py;
    let w = inner_of(pad_width)?;
    if !w.kind().is_signed_integer() {
        return Err(PyTypeError::new_err(
            "`pad_width` must be of integral type.",
        ));
    }
    index_pairs(&w, nd)
}

/// Pad an array.
#[pyfunction]
#[pyo3(signature = (array, pad_width, *args, **kwargs))]
pub fn pad<'py>(
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    pad_width: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Py<PyNdArray>> {
    // `mode` is read by hand so that an explicit `mode=None` is told from a missing one.
    let kwargs = kwargs.map(|k| k.copy()).transpose()?;
    let kwargs = kwargs.as_ref();
    let mode_obj: Option<Bound<'py, PyAny>> = match (args.len(), kwargs) {
        (0, Some(k)) => {
            let m = k.get_item("mode")?;
            if m.is_some() {
                k.del_item("mode")?;
            }
            m
        }
        (0, None) => None,
        (1, Some(k)) if k.contains("mode")? => {
            return Err(PyTypeError::new_err(
                "pad() got multiple values for argument 'mode'",
            ))
        }
        (1, _) => Some(args.get_item(0)?),
        (n, _) => {
            return Err(PyTypeError::new_err(format!(
                "pad() takes from 2 to 3 positional arguments but {} were given",
                n + 2
            )))
        }
    };
    let a = inner_of(array)?;
    let nd = a.ndim();
    let widths = pad_widths(py, pad_width, nd)?;
    if let Some(f) = mode_obj.as_ref().filter(|m| m.is_callable()) {
        return pad_callable(py, &a, &widths, f, kwargs);
    }
    let mode: String = match &mode_obj {
        None => "constant".into(),
        Some(m) => match m.extract() {
            Ok(s) => s,
            Err(_) => {
                return Err(PyValueError::new_err(format!(
                    "mode '{}' is not supported",
                    m.str()?
                )))
            }
        },
    };
    let allowed: &[&str] = match mode.as_str() {
        "empty" | "edge" | "wrap" => &[],
        "constant" => &["constant_values"],
        "linear_ramp" => &["end_values"],
        "maximum" | "mean" | "median" | "minimum" => &["stat_length"],
        "reflect" | "symmetric" => &["reflect_type"],
        _ => {
            return Err(PyValueError::new_err(format!(
                "mode '{mode}' is not supported"
            )))
        }
    };
    let get = |name: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        match kwargs {
            Some(k) => k.get_item(name),
            None => Ok(None),
        }
    };
    if let Some(k) = kwargs {
        let bad: Vec<String> = k
            .keys()
            .iter()
            .map(|x| x.extract::<String>().unwrap_or_default())
            .filter(|x| !allowed.contains(&x.as_str()))
            .collect();
        if !bad.is_empty() {
            let items: Vec<String> = bad.iter().map(|b| format!("'{b}'")).collect();
            return Err(PyValueError::new_err(format!(
                "unsupported keyword arguments for mode '{mode}': {{{}}}",
                items.join(", ")
            )));
        }
    }
    let pm = match mode.as_str() {
        "empty" => ops::PadMode::Empty,
        "edge" => ops::PadMode::Edge,
        "wrap" => ops::PadMode::Wrap,
        "constant" => {
            let vals = match get("constant_values")? {
                Some(v) => inner_of(&v)?,
                None => NdArray::from_scalar(numoxide_core::Scalar::Int64(0)),
            };
            let (pairs, strong) = as_pairs(&vals, nd)?;
            let mut out = Vec::with_capacity(nd);
            for (l, r) in pairs {
                pad_value_check(py, &l, strong, a.dtype())?;
                pad_value_check(py, &r, strong, a.dtype())?;
                out.push((l.item().py()?, r.item().py()?));
            }
            ops::PadMode::Constant(out)
        }
        "linear_ramp" => {
            let vals = match get("end_values")? {
                Some(v) => inner_of(&v)?,
                None => NdArray::from_scalar(numoxide_core::Scalar::Int64(0)),
            };
            let (pairs, strong) = as_pairs(&vals, nd)?;
            let calc = if strong {
                numoxide_ops::creation::inexact_result_type(
                    &[a.dtype().clone(), vals.dtype().clone()],
                    &[DTypeKind::Float64],
                )
            } else {
                numoxide_ops::creation::inexact_result_type(
                    &[a.dtype().clone()],
                    &[DTypeKind::Float64, vals.kind()],
                )
            };
            ops::PadMode::LinearRamp(pairs, calc)
        }
        "maximum" | "mean" | "median" | "minimum" => {
            let stat = match mode.as_str() {
                "maximum" => ops::PadStat::Maximum,
                "minimum" => ops::PadStat::Minimum,
                "mean" => ops::PadStat::Mean,
                _ => ops::PadStat::Median,
            };
            let lengths = match get("stat_length")?.filter(|v| !v.is_none()) {
                None => vec![(None, None); nd],
                Some(v) => index_pairs(&inner_of(&v)?, nd)?
                    .into_iter()
                    .map(|(l, r)| (Some(l), Some(r)))
                    .collect(),
            };
            ops::PadMode::Stat(stat, lengths)
        }
        _ => {
            let odd = match get("reflect_type")? {
                Some(t) => t.extract::<String>().map(|s| s == "odd").unwrap_or(false),
                None => false,
            };
            ops::PadMode::Reflect {
                symmetric: mode == "symmetric",
                odd,
            }
        }
    };
    wrap(py, py.detach(|| ops::pad(&a, &widths, &pm)).py()?)
}

/// `pad` with a callable mode: the function is called on every 1-D lane of each axis of
/// the zero-padded array (a view it modifies in place).
fn pad_callable(
    py: Python<'_>,
    a: &NdArray,
    widths: &[(usize, usize)],
    f: &Bound<'_, PyAny>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyNdArray>> {
    let padded = wrap(py, ops::pad_simple(a, widths).py()?)?.into_bound(py);
    let inner = padded.get().inner().clone();
    let kw = match kwargs {
        Some(k) => k.copy()?,
        None => PyDict::new(py),
    };
    for (ax, &(l, r)) in widths.iter().enumerate() {
        let view = inner.moveaxis(&[ax as isize], &[-1]).py()?;
        let nd = view.ndim();
        let outer: Vec<usize> = view.shape()[..nd - 1].to_vec();
        let count: usize = outer.iter().product();
        let mut idx = vec![0usize; outer.len()];
        for _ in 0..count {
            let mut lane = view.clone();
            for &i in idx.iter() {
                lane = ops::slice_axis(&lane, 0, i, 1, 1).py()?;
                lane = lane.squeeze(Some(&[0])).py()?;
            }
            let lane_obj = wrap_view(py, &padded, lane)?;
            f.call1((lane_obj, (l, r), ax, &kw))?;
            step_index(&mut idx, &outer);
        }
    }
    Ok(padded.unbind())
}

#[pymethods]
impl PyNdArray {
    /// Repeat elements of an array.
    #[pyo3(name = "repeat", signature = (repeats, axis=None))]
    fn repeat_method(
        &self,
        py: Python<'_>,
        repeats: &Bound<'_, PyAny>,
        axis: Option<isize>,
    ) -> PyResult<Py<PyNdArray>> {
        repeat_impl(py, &self.inner(), repeats, axis)
    }

    /// Change the shape and size of the array in place (new elements are zeros).
    ///
    /// As NumPy, a size change is refused for arrays that do not own their data and,
    /// with `refcheck`, for arrays referenced elsewhere (other names, views). NumPy also
    /// refuses arrays with weak references; numoxide does not check those. The resized
    /// array gets a new buffer, so views made with `refcheck=False` keep the old data
    /// (in NumPy they would point at freed memory).
    #[pyo3(name = "resize", signature = (*new_shape, refcheck=true))]
    fn resize_method(
        slf: &Bound<'_, Self>,
        new_shape: &Bound<'_, PyTuple>,
        refcheck: bool,
    ) -> PyResult<()> {
        let shape: Vec<isize> = if new_shape.is_empty() {
            return Ok(());
        } else if new_shape.len() == 1 {
            let s = new_shape.get_item(0)?;
            if s.is_none() {
                return Ok(());
            }
            if let Ok(i) = s.extract::<isize>() {
                vec![i]
            } else {
                s.extract()?
            }
        } else {
            new_shape.extract()?
        };
        if shape.iter().any(|&d| d < 0) {
            return Err(PyValueError::new_err("negative dimensions not allowed"));
        }
        let shape: Vec<usize> = shape.into_iter().map(|d| d as usize).collect();
        // SAFETY: `slf` is a live object (we hold a reference), so reading its count is sound.
        let refcnt = unsafe { pyo3::ffi::Py_REFCNT(slf.as_ptr()) };
        let this = slf.get();
        let resized = {
            let a = this.inner();
            if !a.is_c_contiguous() && !a.is_f_contiguous() {
                return Err(PyValueError::new_err(
                    "resize only works on single-segment arrays",
                ));
            }
            let old = a.size();
            let new: usize = shape.iter().product();
            let reshaped = if old != new {
                if this.base.is_some() {
                    return Err(PyValueError::new_err(
                        "cannot resize this array: it does not own its data",
                    ));
                }
                if refcheck && refcnt > RESIZE_REFCOUNT {
                    return Err(PyValueError::new_err(
                        "cannot resize an array that references or is referenced\nby another object in this way.\nUse the np.resize function or refcheck=False",
                    ));
                }
                None
            } else if a.is_c_contiguous() {
                a.reshape_view(&shape, false)
            } else {
                None
            };
            match reshaped {
                Some(v) => v,
                None => ops::resize_data(&a, &shape).py()?,
            }
        };
        this.replace_inner(resized)
    }
}

/// The reference count of an array object inside `ndarray.resize` when nothing else
/// refers to it (the caller's name and the call's own reference).
const RESIZE_REFCOUNT: isize = 2;

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reshape, m)?)?;
    m.add_function(wrap_pyfunction!(ravel, m)?)?;
    m.add_function(wrap_pyfunction!(transpose, m)?)?;
    m.add_function(wrap_pyfunction!(swapaxes, m)?)?;
    m.add_function(wrap_pyfunction!(moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(squeeze, m)?)?;
    m.add_function(wrap_pyfunction!(expand_dims, m)?)?;
    m.add_function(wrap_pyfunction!(shape, m)?)?;
    m.add_function(wrap_pyfunction!(ndim, m)?)?;
    m.add_function(wrap_pyfunction!(size, m)?)?;
    m.add_class::<PyNdIndex>()?;
    m.add_class::<PyNdEnumerate>()?;
    m.add_function(wrap_pyfunction!(concatenate, m)?)?;
    m.add_function(wrap_pyfunction!(stack, m)?)?;
    m.add_function(wrap_pyfunction!(hstack, m)?)?;
    m.add_function(wrap_pyfunction!(vstack, m)?)?;
    m.add_function(wrap_pyfunction!(row_stack, m)?)?;
    m.add_function(wrap_pyfunction!(dstack, m)?)?;
    m.add_function(wrap_pyfunction!(column_stack, m)?)?;
    m.add_function(wrap_pyfunction!(block, m)?)?;
    m.add_function(wrap_pyfunction!(array_split, m)?)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(hsplit, m)?)?;
    m.add_function(wrap_pyfunction!(vsplit, m)?)?;
    m.add_function(wrap_pyfunction!(dsplit, m)?)?;
    m.add_function(wrap_pyfunction!(unstack, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_1d, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_2d, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_3d, m)?)?;
    m.add_function(wrap_pyfunction!(flip, m)?)?;
    m.add_function(wrap_pyfunction!(fliplr, m)?)?;
    m.add_function(wrap_pyfunction!(flipud, m)?)?;
    m.add_function(wrap_pyfunction!(rot90, m)?)?;
    m.add_function(wrap_pyfunction!(roll, m)?)?;
    m.add_function(wrap_pyfunction!(tile_fn, m)?)?;
    m.add_function(wrap_pyfunction!(repeat_fn, m)?)?;
    m.add_function(wrap_pyfunction!(delete, m)?)?;
    m.add_function(wrap_pyfunction!(insert, m)?)?;
    m.add_function(wrap_pyfunction!(append, m)?)?;
    m.add_function(wrap_pyfunction!(resize_fn, m)?)?;
    m.add_function(wrap_pyfunction!(trim_zeros, m)?)?;
    m.add_function(wrap_pyfunction!(copyto, m)?)?;
    m.add_function(wrap_pyfunction!(pad, m)?)?;
    Ok(())
}
