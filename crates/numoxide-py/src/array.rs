//! `numoxide.ndarray`: the Python class over [`NdArray`]. Methods parse arguments, call
//! the core and wrap the result; views record their base as NumPy does.

use std::ffi::{c_int, CString};

use numoxide_core::{DType, DTypeKind, IndexItem, NdArray, Order, Scalar};
use pyo3::exceptions::{PyAttributeError, PyBufferError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use smallvec::SmallVec;

use crate::cell::{ArrayCell, ArrayRef};
use crate::convert::{int_or_ints, order_arg, to_array};
use crate::dtype::{dtype_from_py, dtype_object, PyDType};
use crate::error::IntoPyResult;
use crate::index::{parse_key, Key};
use crate::scalar::{py_value, scalar_to_numoxide, scalar_to_python};

/// An n-dimensional array of numbers (NumPy's `ndarray`).
///
/// The class is `frozen` for PyO3: the array itself sits in an [`ArrayCell`], read
/// through [`PyNdArray::inner`] and replaced only by the few operations that change an
/// array in place ([`PyNdArray::replace_inner`]).
#[pyclass(name = "ndarray", module = "numoxide", subclass, weakref, frozen)]
pub struct PyNdArray {
    cell: ArrayCell,
    /// The object whose memory this array views (None when it owns its data).
    pub base: Option<Py<PyAny>>,
}

impl PyNdArray {
    /// A new array that owns its data.
    #[inline]
    pub fn owned(inner: NdArray) -> Self {
        PyNdArray::with_base(inner, None)
    }

    /// A new array object over `inner` whose memory belongs to `base`.
    #[inline]
    pub fn with_base(inner: NdArray, base: Option<Py<PyAny>>) -> Self {
        PyNdArray {
            cell: ArrayCell::new(inner),
            base,
        }
    }

    /// A plain ndarray over `inner`, a view of `parent`'s memory: its base is the
    /// parent's base, or the parent itself when that owns its data.
    pub fn view_of(parent: &Bound<'_, PyNdArray>, inner: NdArray) -> Self {
        PyNdArray::with_base(inner, Some(view_base(parent, parent.get())))
    }

    /// The array (a counted shared reference).
    #[inline]
    pub fn inner(&self) -> ArrayRef<'_> {
        self.cell.get()
    }

    /// Replace the array in place (`a.shape = ...`, `resize`, the writeable flag). The
    /// old array is dropped after the cell is consistent again.
    ///
    /// # Errors
    /// `RuntimeError` when some numoxide call is still reading the array (only possible
    /// when Python code runs from inside such a call and changes the array).
    pub fn replace_inner(&self, value: NdArray) -> PyResult<()> {
        match self.cell.replace(value) {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(_) => Err(pyo3::exceptions::PyRuntimeError::new_err(
                "cannot change an array while numoxide is reading it",
            )),
        }
    }
}

/// The base of a view of `parent` (whose contents are `this`): the parent's own base,
/// or the parent when it owns its data.
fn view_base(parent: &Bound<'_, PyNdArray>, this: &PyNdArray) -> Py<PyAny> {
    match &this.base {
        Some(b) => b.clone_ref(parent.py()),
        None => parent.clone().into_any().unbind(),
    }
}

/// Wrap a fresh (owning) array as a Python object.
#[inline]
pub fn wrap(py: Python<'_>, inner: NdArray) -> PyResult<Py<PyNdArray>> {
    Py::new(py, PyNdArray::owned(inner))
}

/// Wrap a view of `parent`: its base is the parent's base or the parent itself.
pub fn wrap_view(
    py: Python<'_>,
    parent: &Bound<'_, PyNdArray>,
    inner: NdArray,
) -> PyResult<Py<PyNdArray>> {
    let this = parent.borrow();
    wrap_view_of(py, parent, &this, inner)
}

/// [`wrap_view`] for a caller that has `parent` borrowed already (`this`).
#[inline]
pub fn wrap_view_of(
    py: Python<'_>,
    parent: &Bound<'_, PyNdArray>,
    this: &PyNdArray,
    inner: NdArray,
) -> PyResult<Py<PyNdArray>> {
    let view = PyNdArray::with_base(inner, Some(view_base(parent, this)));
    if parent.is_exact_instance_of::<PyNdArray>() {
        Py::new(py, view)
    } else {
        crate::subclass::like(parent, view).map(Bound::unbind)
    }
}

/// Wrap the result of a routine that may return a view of `parent` or a new array:
/// views (same buffer) get a base, new arrays own their data. Either way the result
/// has `parent`'s type (ndarray or a subclass).
pub fn wrap_maybe_view(
    py: Python<'_>,
    parent: &Bound<'_, PyNdArray>,
    inner: NdArray,
) -> PyResult<Py<PyNdArray>> {
    if std::sync::Arc::ptr_eq(inner.buffer(), parent.get().inner().buffer()) {
        wrap_view(py, parent, inner)
    } else {
        wrap_like(parent, inner)
    }
}

/// Wrap a new (owning) array made from `parent`, with `parent`'s type (ndarray or a
/// subclass, finalized from `parent`), as NumPy's copies, casts and gathers are.
#[inline]
pub fn wrap_like(parent: &Bound<'_, PyNdArray>, inner: NdArray) -> PyResult<Py<PyNdArray>> {
    crate::subclass::like(parent, PyNdArray::owned(inner)).map(Bound::unbind)
}

/// NumPy's `ComplexWarning` for a cast that drops imaginary parts.
pub fn warn_complex_to_real(py: Python<'_>) -> PyResult<()> {
    let cat = py
        .import("numoxide.exceptions")?
        .getattr("ComplexWarning")?;
    PyErr::warn(
        py,
        &cat,
        c"Casting complex values to real discards the imaginary part",
        1,
    )
}

/// Convert a value for assignment into an array of `dtype`: a plain scalar becomes a
/// [`Scalar`] (with NEP 50 overflow checks), anything else an array.
pub enum AssignValue {
    Scalar(Scalar),
    Array(NdArray),
}

pub fn assign_value(obj: &Bound<'_, PyAny>, dtype: &DType) -> PyResult<AssignValue> {
    let kind = dtype.kind();
    if obj.is_exact_instance_of::<pyo3::types::PyComplex>()
        && !kind.is_complex()
        && kind != numoxide_core::DTypeKind::Bool
    {
        // NumPy converts a Python complex with int()/float(), which refuse it.
        return Err(PyTypeError::new_err(if kind.is_integer() {
            "int() argument must be a string, a bytes-like object or a real number, not 'complex'"
        } else {
            "float() argument must be a string or a real number, not 'complex'"
        }));
    }
    if let Ok(i) = obj.cast_exact::<pyo3::types::PyInt>() {
        if i.extract::<i64>().is_err() && i.extract::<u64>().is_err() {
            // Beyond int64/uint64: integers cannot hold it, inexact kinds take float(i).
            if kind.is_integer() {
                return Err(pyo3::exceptions::PyOverflowError::new_err(
                    "Python int too large to convert to C long",
                ));
            }
            if kind == numoxide_core::DTypeKind::Bool {
                return Ok(AssignValue::Scalar(Scalar::Bool(true)));
            }
            let f: f64 = i.extract()?;
            return Ok(AssignValue::Scalar(Scalar::Float64(f).cast(kind)));
        }
    }
    if let Some(v) = py_value(obj)? {
        if let crate::scalar::PyValue::Typed(t) = &v {
            if t.kind().is_complex() && !kind.is_complex() && kind != DTypeKind::Bool {
                warn_complex_to_real(obj.py())?;
            }
            if crate::convert::cast_can_flag(t.kind(), kind) {
                // A typed scalar is cast as an array element is ("... in cast").
                return crate::convert::checked_cast(obj.py(), || {
                    crate::convert::element_value(v, kind).map(AssignValue::Scalar)
                });
            }
        }
        return Ok(AssignValue::Scalar(crate::convert::element_value(
            v,
            dtype.kind(),
        )?));
    }
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        return assign_text(obj, dtype);
    }
    // A list into an integer array converts element by element as NumPy's
    // `np.asarray(value, dtype)` does: -1 or NaN into uint8 fail here, before any shape
    // check.
    if kind.is_integer()
        && (obj.is_exact_instance_of::<PyList>() || obj.is_exact_instance_of::<PyTuple>())
    {
        return Ok(AssignValue::Array(to_array(obj, Some(dtype))?));
    }
    Ok(AssignValue::Array(to_array(obj, None)?))
}

/// A sequence or array (`value`, read as `array`) stored into one element, as NumPy's
/// `a[i, j] = value` does: None for a 0-d array (ordinary assignment). A bool takes the
/// truth of a list or of a one-element array; other kinds refuse with NumPy's errors,
/// which differ by kind and by whether the value is an array.
fn sequence_into_element(
    value: &Bound<'_, PyAny>,
    array: &NdArray,
    kind: numoxide_core::DTypeKind,
) -> PyResult<Option<Scalar>> {
    if array.ndim() == 0 {
        return Ok(None);
    }
    let sequence = || PyValueError::new_err("setting an array element with a sequence.");
    let type_name = || -> PyResult<String> { Ok(value.get_type().name()?.to_string()) };
    // Lists and tuples are refused by Python's number constructors; arrays by NumPy.
    let as_array = !(value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>());
    if kind == numoxide_core::DTypeKind::Bool {
        if !as_array {
            return Ok(Some(Scalar::Bool(value.len()? > 0)));
        }
        if array.size() == 1 {
            let s = array.get(&vec![0; array.ndim()]).py()?;
            return Ok(Some(s.cast(kind)));
        }
        return Err(sequence());
    }
    if kind.is_complex() {
        return Err(PyTypeError::new_err(if as_array {
            "only 0-dimensional arrays can be converted to Python scalars".to_owned()
        } else {
            format!("must be real number, not {}", type_name()?)
        }));
    }
    if kind.is_integer() && !as_array {
        return Err(PyTypeError::new_err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            type_name()?
        )));
    }
    Err(sequence())
}

/// A string or bytes stored into a number, as NumPy does: a bool is its non-emptiness,
/// other kinds parse the text with Python's `int`, `float` or `complex` (so the errors
/// are Python's), then store that number.
fn assign_text(obj: &Bound<'_, PyAny>, dtype: &DType) -> PyResult<AssignValue> {
    let py = obj.py();
    let kind = dtype.kind();
    if kind == numoxide_core::DTypeKind::Bool {
        return Ok(AssignValue::Scalar(Scalar::Bool(obj.len()? > 0)));
    }
    let text = if obj.is_instance_of::<pyo3::types::PyBytes>() {
        obj.call_method1(pyo3::intern!(py, "decode"), ("ascii",))?
    } else {
        obj.clone()
    };
    let parse = if kind.is_integer() {
        pyo3::intern!(py, "int")
    } else if kind.is_complex() {
        pyo3::intern!(py, "complex")
    } else {
        pyo3::intern!(py, "float")
    };
    let number = py.import("builtins")?.getattr(parse)?.call1((text,))?;
    assign_value(&number, dtype)
}

/// Assign `value` into every element of `dst` (broadcasting, unsafe casting).
pub fn assign_into(dst: &NdArray, value: &Bound<'_, PyAny>) -> PyResult<()> {
    // A Python number is cast while it is read; report that cast's flags.
    if python_value_narrows(dst.kind(), value) {
        return crate::convert::checked_cast(value.py(), || assign_unchecked(dst, value));
    }
    assign_unchecked(dst, value)
}

/// NumPy's per-dtype setitem for a typed (NumPy) scalar stored by a basic index or by
/// `fill` into a signed integer array: the value is read as a Python int (`int(v)`), so
/// NaN and infinities raise, values beyond int64 raise "Python int too large to convert
/// to C long" and values beyond the array's range raise "Python integer ... out of
/// bounds". Python numbers and other targets take the ordinary path.
fn check_typed_into_signed(value: &Bound<'_, PyAny>, kind: DTypeKind) -> PyResult<()> {
    if !matches!(
        kind,
        DTypeKind::Int8 | DTypeKind::Int16 | DTypeKind::Int32 | DTypeKind::Int64
    ) || value.is_exact_instance_of::<pyo3::types::PyFloat>()
        || value.is_exact_instance_of::<pyo3::types::PyInt>()
        || value.is_exact_instance_of::<pyo3::types::PyBool>()
    {
        return Ok(());
    }
    let Some(crate::scalar::PyValue::Typed(s)) = crate::scalar::py_value(value)? else {
        return Ok(());
    };
    let r = typed_as_signed(s, kind);
    if r.is_err() && s.kind().is_complex() {
        // NumPy warns about the imaginary part before the conversion fails (on success
        // the ordinary path warns).
        warn_complex_to_real(value.py())?;
    }
    r
}

fn typed_as_signed(s: Scalar, kind: DTypeKind) -> PyResult<()> {
    use pyo3::exceptions::PyOverflowError;
    let too_large = || PyOverflowError::new_err("Python int too large to convert to C long");
    let v: i64 = match s {
        Scalar::Bool(_) => return Ok(()),
        Scalar::UInt64(u) => i64::try_from(u).map_err(|_| too_large())?,
        s if s.kind().is_integer() => s.as_f64() as i64,
        s => {
            let f = s.as_f64();
            if f.is_nan() {
                return Err(PyValueError::new_err("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyOverflowError::new_err(
                    "cannot convert float infinity to integer",
                ));
            }
            let t = f.trunc();
            if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
                return Err(too_large());
            }
            t as i64
        }
    };
    let (lo, hi) = numoxide_ops::ufunc::int_range(kind);
    if (v as i128) < lo || (v as i128) > hi {
        return Err(PyOverflowError::new_err(format!(
            "Python integer {v} out of bounds for {}",
            kind.name()
        )));
    }
    Ok(())
}

/// The positions of an index made only of integers (`a[1, -2]`).
fn int_positions(items: &[IndexItem]) -> SmallVec<[isize; 4]> {
    items
        .iter()
        .map(|i| match i {
            IndexItem::Int(v) => *v,
            _ => 0,
        })
        .collect()
}

/// Whether reading the Python number `value` as a `to` element can overflow or be
/// invalid (a float or complex into a narrower type or an integer; an int into float16).
fn python_value_narrows(to: DTypeKind, value: &Bound<'_, PyAny>) -> bool {
    crate::convert::narrowing_target(to)
        && (value.is_instance_of::<pyo3::types::PyFloat>()
            || value.is_instance_of::<pyo3::types::PyComplex>()
            || (to == DTypeKind::Float16 && value.is_instance_of::<pyo3::types::PyInt>()))
}

fn assign_unchecked(dst: &NdArray, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let to = dst.kind();
    match assign_value(value, dst.dtype())? {
        AssignValue::Scalar(s) if crate::convert::cast_can_flag(s.kind(), to) => {
            crate::convert::checked_cast(value.py(), || dst.fill(s).py())
        }
        AssignValue::Scalar(s) => dst.fill(s).py(),
        AssignValue::Array(a) => {
            let assign = || {
                dst.assign(&a).map_err(|e| {
                    if e.message().starts_with("could not broadcast") {
                        PyValueError::new_err(e.message().to_owned())
                    } else {
                        crate::error::to_pyerr(e)
                    }
                })
            };
            if crate::convert::cast_can_flag(a.kind(), to) {
                crate::convert::checked_cast(value.py(), assign)
            } else {
                assign()
            }
        }
    }
}

fn shape_tuple<'py>(py: Python<'py>, shape: &[usize]) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, shape)
}

/// Parse `*shape` / `shape` arguments as NumPy's reshape does: `a.reshape(2, 3)` or
/// `a.reshape((2, 3))`.
fn shape_from_args(args: &Bound<'_, PyTuple>) -> PyResult<SmallVec<[isize; 4]>> {
    if args.len() == 1 {
        let a = args.get_item(0)?;
        // A tuple first: a failed int extraction builds an exception, which costs more
        // than the whole reshape.
        if let Ok(t) = a.cast::<PyTuple>() {
            return t.iter().map(|x| x.extract::<isize>()).collect();
        }
        if let Ok(i) = a.extract::<isize>() {
            return Ok(smallvec::smallvec![i]);
        }
        if a.is_none() {
            return Ok(SmallVec::new());
        }
        return a
            .try_iter()?
            .map(|x| x?.extract::<isize>())
            .collect::<PyResult<SmallVec<_>>>()
            .map_err(|_| {
                PyTypeError::new_err("'tuple' object cannot be interpreted as an integer")
            });
    }
    args.iter().map(|x| x.extract::<isize>()).collect()
}

fn axes_from_args(args: &Bound<'_, PyTuple>) -> PyResult<Option<Vec<isize>>> {
    match args.len() {
        0 => Ok(None),
        1 => {
            let a = args.get_item(0)?;
            if a.is_none() {
                Ok(None)
            } else {
                int_or_ints(&a).map(Some)
            }
        }
        _ => Ok(Some(args.extract()?)),
    }
}

/// Optional axis argument: None, an int or a tuple of ints.
pub fn axis_list(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => int_or_ints(o).map(Some),
    }
}

/// Build nested Python lists of the elements (tolist).
fn to_list<'py>(py: Python<'py>, a: &NdArray) -> PyResult<Bound<'py, PyAny>> {
    if a.ndim() == 0 {
        return scalar_to_python(py, a.item().py()?);
    }
    // The elements in C order as Python numbers, read once with a typed loop...
    let mut items: Vec<Bound<'py, PyAny>> = numoxide_core::dispatch!(a.kind(), T => {
        a.to_vec::<T>()
            .into_iter()
            .map(|v| scalar_to_python(py, numoxide_core::scalar::ScalarElement::into_scalar(v)))
            .collect::<PyResult<_>>()?
    });
    // ...then grouped into lists from the last axis outwards.
    for &len in a.shape()[1..].iter().rev() {
        let mut grouped = Vec::with_capacity(items.len() / len.max(1));
        let mut rest = items.into_iter();
        let groups = rest.len().checked_div(len).unwrap_or(0);
        for _ in 0..groups {
            grouped.push(PyList::new(py, rest.by_ref().take(len))?.into_any());
        }
        items = grouped;
    }
    if a.shape()[1..].contains(&0) {
        // A zero-length inner axis leaves no elements to group: build the empty lists.
        return empty_lists(py, a.shape());
    }
    Ok(PyList::new(py, items)?.into_any())
}

/// Nested lists of `shape` where some inner axis has length 0.
fn empty_lists<'py>(py: Python<'py>, shape: &[usize]) -> PyResult<Bound<'py, PyAny>> {
    let Some((&n, rest)) = shape.split_first() else {
        return Ok(PyList::empty(py).into_any());
    };
    if rest.is_empty() {
        return Ok(PyList::empty(py).into_any());
    }
    let items = (0..n)
        .map(|_| empty_lists(py, rest))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any())
}

/// Interpret one element-index argument list for `item(*args)` / `itemset`.
fn flat_or_multi_index(a: &NdArray, args: &Bound<'_, PyTuple>) -> PyResult<Vec<isize>> {
    if args.len() == 1 {
        let mut arg = args.get_item(0)?;
        if let Ok(t) = arg.cast::<PyTuple>() {
            if t.len() != 1 {
                return multi_index(a, t);
            }
            // `item((i,))` is the flat index `i`, as NumPy reads it.
            arg = t.get_item(0)?;
        }
        let flat: isize = arg.extract()?;
        let size = a.size() as isize;
        let f = if flat < 0 { flat + size } else { flat };
        if f < 0 || f >= size {
            return Err(pyo3::exceptions::PyIndexError::new_err(format!(
                "index {flat} is out of bounds for size {size}"
            )));
        }
        let mut rem = f as usize;
        let mut idx = vec![0isize; a.ndim()];
        for d in (0..a.ndim()).rev() {
            idx[d] = (rem % a.shape()[d]) as isize;
            rem /= a.shape()[d];
        }
        return Ok(idx);
    }
    multi_index(a, args)
}

/// One index per axis; NumPy's `ValueError` for a wrong count.
fn multi_index(a: &NdArray, args: &Bound<'_, PyTuple>) -> PyResult<Vec<isize>> {
    if args.len() != a.ndim() {
        return Err(PyValueError::new_err(
            "incorrect number of indices for array",
        ));
    }
    args.extract()
}

impl PyNdArray {
    /// `a[key]` for the hottest keys, shared by `__getitem__` and the direct C slot
    /// ([`crate::fastslots`]): a lone int on a 1-D array, or a lone slice, None, `...`
    /// or `()`. `Ok(None)` for any other key.
    pub(crate) fn getitem_quick<'py>(
        slf: &Bound<'py, Self>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = slf.py();
        let this = slf.get();
        // An exact int read straight through the C API (PyO3's extraction costs more).
        // SAFETY: `key` is a live object and the GIL is held.
        if let Some(i) = unsafe { crate::fastslots::int_key(key.as_ptr()) } {
            let s = {
                let a = this.inner();
                if a.ndim() != 1 {
                    return Ok(None);
                }
                a.get(&[i]).py()?
            };
            return scalar_to_numoxide(py, s).map(Some);
        }
        if let Some(q) = crate::index::quick_tuple(key)? {
            return Self::getitem_tuple(slf, q);
        }
        let Some(item) = crate::index::lone_basic(key)? else {
            return Ok(None);
        };
        let items = item.as_slice();
        let v = {
            let a = this.inner();
            if items.is_empty() && a.ndim() == 0 {
                let s = a.get(&[]).py()?;
                drop(a);
                return scalar_to_numoxide(py, s).map(Some);
            }
            a.index(items).py()?
        };
        Ok(Some(
            wrap_view_of(py, slf, this, v)?.into_bound(py).into_any(),
        ))
    }

    /// `a[key]` for a tuple of plain items (see `index::quick_tuple`): an element, a
    /// view, or — with a 0-d integer array among the items — a copy, as NumPy gives.
    fn getitem_tuple<'py>(
        slf: &Bound<'py, Self>,
        q: crate::index::QuickTuple,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = slf.py();
        let this = slf.get();
        let v = {
            let a = this.inner();
            if q.all_ints && q.items.len() == a.ndim() {
                let idx = int_positions(&q.items);
                let s = a.get(&idx).py()?;
                drop(a);
                return scalar_to_numoxide(py, s).map(Some);
            }
            a.index(&q.items).py()?
        };
        if !q.copy {
            return Ok(Some(
                wrap_view_of(py, slf, this, v)?.into_bound(py).into_any(),
            ));
        }
        if !slf.is_exact_instance_of::<PyNdArray>() {
            return Ok(None);
        }
        let c = v.copy(Order::K).py()?;
        Ok(Some(wrap(py, c)?.into_bound(py).into_any()))
    }

    /// `a[i] = value` for a plain int on a 1-D array and a scalar value, shared by
    /// `__setitem__` and the direct C slot. `Ok(false)` when the call needs the general
    /// path.
    pub(crate) fn setitem_quick(
        &self,
        key: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        if !key.is_exact_instance_of::<pyo3::types::PyInt>() {
            return Ok(false);
        }
        let Ok(i) = key.extract::<isize>() else {
            return Ok(false);
        };
        let a = self.inner();
        if a.ndim() != 1 {
            return Ok(false);
        }
        // An out-of-bounds index is reported before the value is converted (NumPy's
        // order): the general path checks the key first.
        let n = a.shape()[0] as isize;
        if i < -n || i >= n {
            return Ok(false);
        }
        a.check_writeable().py()?;
        check_typed_into_signed(value, a.kind())?;
        let set = || match assign_value(value, a.dtype())? {
            AssignValue::Scalar(s) => a.set(&[i], s).py().map(|()| true),
            AssignValue::Array(v) => match sequence_into_element(value, &v, a.kind())? {
                Some(s) => a.set(&[i], s).py().map(|()| true),
                None => Ok(false),
            },
        };
        if python_value_narrows(a.kind(), value) {
            crate::convert::checked_cast(value.py(), set)
        } else {
            set()
        }
    }
}

#[pymethods]
impl PyNdArray {
    /// `ndarray[shape_type, dtype_type]` in type annotations: a `types.GenericAlias`.
    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, pyo3::types::PyType>,
        item: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::subclass::generic_alias(cls, item, 2)
    }

    #[new]
    #[pyo3(signature = (shape=None, dtype=None, buffer=None, offset=0, strides=None, order=None))]
    fn py_new(
        shape: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        buffer: Option<&Bound<'_, PyAny>>,
        offset: usize,
        strides: Option<&Bound<'_, PyAny>>,
        order: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let Some(shape) = shape else {
            // `subclass::instance_of` builds subclass instances through this constructor
            // with no arguments and the array waiting.
            return crate::subclass::take_pending().ok_or_else(|| {
                PyTypeError::new_err("ndarray() missing required argument 'shape' (pos 1)")
            });
        };
        if shape.is_none() {
            return Err(PyTypeError::new_err("Use () not None as shape arguments"));
        }
        let shape = crate::convert::shape_arg(shape)?;
        let dtype = crate::dtype::opt_dtype(dtype)?.unwrap_or(DType::FLOAT64);
        let order = order_arg(order, Order::C)?;
        match buffer {
            Some(b) if !b.is_none() => {
                let src = crate::convert::foreign_array(b)?
                    .ok_or_else(|| PyTypeError::new_err("buffer is not a buffer"))?;
                let bytes = src
                    .view_dtype(DType::new(numoxide_core::DTypeKind::UInt8))
                    .py()?;
                let strides: Vec<isize> = match strides {
                    Some(s) if !s.is_none() => s.extract()?,
                    _ => match order {
                        Order::F => {
                            numoxide_core::layout::f_strides(&shape, dtype.itemsize()).to_vec()
                        }
                        _ => numoxide_core::layout::c_strides(&shape, dtype.itemsize()).to_vec(),
                    },
                };
                let inner = bytes
                    .view_with(bytes.offset() + offset, &shape, &strides, dtype)
                    .map_err(|_| PyTypeError::new_err("buffer is too small for requested array"))?;
                Ok(PyNdArray::with_base(inner, Some(b.clone().unbind())))
            }
            _ => Ok(PyNdArray::owned(NdArray::empty(&shape, dtype, order).py()?)),
        }
    }

    // ----- attributes ---------------------------------------------------------------

    /// Tuple of array dimensions; assignable when no copy is needed.
    #[getter]
    fn get_shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        shape_tuple(py, self.inner().shape())
    }
    #[setter]
    fn set_shape(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = value.py();
        let category = py.get_type::<pyo3::exceptions::PyDeprecationWarning>();
        PyErr::warn(
            py,
            &category,
            c"Setting the shape on a NumPy array has been deprecated in NumPy 2.5.\nAs an alternative, you can create a new view using np.reshape (with copy=False if needed).",
            1,
        )?;
        self._set_shape(value)
    }
    /// Set the shape in place without the deprecation warning (NumPy's private
    /// `_set_shape`, which its own subclasses such as `matrix` use).
    fn _set_shape(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let dims = int_or_ints(value)?;
        let mut reshaped = self.inner().clone();
        reshaped.set_shape(&dims).map_err(|e| match e.kind() {
            // NumPy: a size mismatch is a ValueError, a layout needing a copy an AttributeError.
            numoxide_core::ErrorKind::Value => crate::error::to_pyerr(e),
            _ => PyAttributeError::new_err(e.message().to_owned()),
        })?;
        self.replace_inner(reshaped)
    }
    /// Number of array dimensions.
    #[getter]
    fn ndim(&self) -> usize {
        self.inner().ndim()
    }
    /// Number of elements.
    #[getter]
    fn size(&self) -> usize {
        self.inner().size()
    }
    /// Data type of the elements.
    #[getter]
    fn dtype(&self, py: Python<'_>) -> PyResult<Py<PyDType>> {
        dtype_object(py, self.inner().dtype())
    }
    /// Length of one element in bytes.
    #[getter]
    fn itemsize(&self) -> usize {
        self.inner().itemsize()
    }
    /// Total bytes consumed by the elements.
    #[getter]
    fn nbytes(&self) -> usize {
        self.inner().nbytes()
    }
    /// Tuple of bytes to step in each dimension.
    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.inner().strides())
    }
    /// The base object whose memory this array views, or None.
    #[getter]
    fn base(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.base.as_ref().map(|b| b.clone_ref(py))
    }
    /// Information about the memory layout.
    #[getter]
    fn flags(slf: &Bound<'_, Self>) -> PyResult<Py<PyFlags>> {
        Py::new(
            slf.py(),
            PyFlags {
                array: slf.clone().unbind(),
            },
        )
    }
    /// The transposed array (a view).
    #[getter(T)]
    fn t(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let this = slf.get();
        let v = this.inner().transpose(None).py()?;
        wrap_view_of(slf.py(), slf, this, v)
    }
    /// The matrix transpose: the last two axes swapped (a view).
    #[getter(mT)]
    fn m_t(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let a = &slf.get().inner();
        if a.ndim() < 2 {
            return Err(PyValueError::new_err(
                "matrix transpose with ndim < 2 is undefined",
            ));
        }
        let v = a.swapaxes(-1, -2).py()?;
        wrap_view(slf.py(), slf, v)
    }
    /// The real part (a view for complex arrays).
    #[getter]
    fn get_real(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        if !slf.get().inner().kind().is_complex() {
            // NumPy returns the array itself.
            return Ok(slf.clone().unbind());
        }
        let v = slf.get().inner().real();
        wrap_view(slf.py(), slf, v)
    }
    #[setter]
    fn set_real(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        assign_into(&self.inner().real(), value)
    }
    /// The imaginary part (a view for complex arrays; read-only zeros otherwise).
    #[getter]
    fn get_imag(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let a = slf.get().inner().clone();
        let v = a.imag().py()?;
        if a.kind().is_complex() {
            wrap_view(slf.py(), slf, v)
        } else {
            wrap(slf.py(), v)
        }
    }
    #[setter]
    fn set_imag(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        if !self.inner().kind().is_complex() {
            return Err(PyTypeError::new_err(
                "array does not have imaginary part to set",
            ));
        }
        assign_into(&self.inner().imag().py()?, value)
    }
    /// A flat iterator over the array (`a.flat[i]`, `a.flat = v`).
    #[getter]
    fn get_flat(slf: &Bound<'_, Self>) -> PyResult<Py<PyFlatIter>> {
        Py::new(
            slf.py(),
            PyFlatIter {
                array: slf.clone().unbind(),
                pos: 0,
            },
        )
    }
    #[setter]
    fn set_flat(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        flat_assign(&self.inner(), value)
    }
    /// The array-interface description (version 3), for zero-copy exchange with NumPy.
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("shape", PyTuple::new(py, self.inner().shape())?)?;
        d.set_item("typestr", self.inner().dtype().str())?;
        d.set_item("descr", vec![("", self.inner().dtype().str())])?;
        d.set_item(
            "data",
            (
                self.inner().data_ptr() as usize,
                !self.inner().is_writeable(),
            ),
        )?;
        if self.inner().is_c_contiguous() {
            d.set_item("strides", py.None())?;
        } else {
            d.set_item("strides", PyTuple::new(py, self.inner().strides())?)?;
        }
        d.set_item("version", 3)?;
        Ok(d)
    }

    /// A view of each element's bytes from `offset` on, read as `dtype` (which must fit
    /// inside the element).
    #[pyo3(signature = (dtype, offset=0))]
    fn getfield(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        offset: isize,
    ) -> PyResult<Py<PyNdArray>> {
        let v = field_view(&slf.get().inner(), dtype, offset)?;
        wrap_view(slf.py(), slf, v)
    }
    /// Write `val` into each element's bytes from `offset` on, read as `dtype`.
    #[pyo3(signature = (val, dtype, offset=0))]
    fn setfield(
        slf: &Bound<'_, Self>,
        val: &Bound<'_, PyAny>,
        dtype: &Bound<'_, PyAny>,
        offset: isize,
    ) -> PyResult<()> {
        let v = field_view(&slf.get().inner(), dtype, offset)?;
        if !v.is_writeable() {
            return Err(PyValueError::new_err("assignment destination is read-only"));
        }
        assign_into(&v, val)
    }

    /// The array's memory for ctypes: `.data`, `.shape`, `.strides`, `.data_as(type)`.
    #[getter]
    fn ctypes<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let address = slf.get().inner().data_ptr() as usize;
        py.import("numoxide._ctypes_view")?
            .getattr("CtypesView")?
            .call1((slf, address))
    }

    // ----- conversion -----------------------------------------------------------------

    /// A NumPy array over the same memory (for `numpy.asarray(x)`).
    #[pyo3(signature = (dtype=None, copy=None))]
    fn __array__<'py>(
        slf: &Bound<'py, Self>,
        dtype: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let np = py.import("numpy")?;
        let kwargs = PyDict::new(py);
        if let Some(d) = dtype {
            kwargs.set_item("dtype", d)?;
        }
        kwargs.set_item("copy", copy)?;
        // numpy reads our __array_interface__ through a tiny holder object.
        let holder = Py::new(
            py,
            InterfaceHolder {
                array: slf.clone().unbind(),
            },
        )?;
        np.getattr("array")?.call((holder,), Some(&kwargs))
    }

    /// Nested Python lists of Python scalars.
    fn tolist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_list(py, &self.inner())
    }
    /// One element as a Python scalar: `item()`, `item(flat)`, `item(i, j)`.
    #[pyo3(signature = (*args))]
    fn item<'py>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if args.is_empty() {
            return scalar_to_python(py, self.inner().item().py()?);
        }
        let idx = flat_or_multi_index(&self.inner(), args)?;
        scalar_to_python(py, self.inner().get(&idx).py()?)
    }
    /// Write the array to a file as binary (sep="") or text.
    #[pyo3(signature = (fid, sep="", format="%s"))]
    fn tofile(
        slf: &Bound<'_, Self>,
        fid: &Bound<'_, PyAny>,
        sep: &str,
        format: &str,
    ) -> PyResult<()> {
        crate::api::io::_ndarray_tofile(slf.py(), slf.as_any(), fid, sep, format)
    }
    /// The raw bytes of the elements in `order`.
    #[pyo3(signature = (order="C"))]
    fn tobytes<'py>(
        &self,
        py: Python<'py>,
        order: &str,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let o = Order::parse(Some(order)).py()?;
        let bytes = self.inner().to_bytes(o).py()?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    /// A new array with the elements cast to `dtype`.
    #[pyo3(signature = (dtype, order="K", casting="unsafe", subok=true, copy=true))]
    fn astype(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        order: &str,
        casting: &str,
        subok: bool,
        copy: bool,
    ) -> PyResult<Py<PyNdArray>> {
        let dt = dtype_from_py(dtype)?;
        let casting = numoxide_core::cast::Casting::parse(casting).py()?;
        let order = Order::parse(Some(order)).py()?;
        let a = slf.get().inner().clone();
        if !copy && a.dtype() == &dt {
            return Ok(slf.clone().unbind());
        }
        let complex_to_real = a.kind().is_complex()
            && !dt.kind().is_complex()
            && dt.kind() != numoxide_core::DTypeKind::Bool;
        // NumPy reports the cast's floating-point flags (NaN/out-of-range to integer:
        // invalid; finite to inf: overflow) through errstate, as "... in cast".
        let checks_fp = a.kind().is_inexact() || dt.kind() == numoxide_core::DTypeKind::Float16;
        let cast = || {
            let out = a.astype_checked(dt, order, casting).py()?;
            if complex_to_real {
                warn_complex_to_real(slf.py())?;
            }
            Ok(out)
        };
        let out = if checks_fp {
            crate::convert::checked_cast(slf.py(), cast)?
        } else {
            cast()?
        };
        if subok {
            wrap_like(slf, out)
        } else {
            wrap(slf.py(), out)
        }
    }
    /// A copy of the array.
    #[pyo3(signature = (order="C"))]
    fn copy(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let o = Order::parse(Some(order)).py()?;
        let c = slf.get().inner().copy(o).py()?;
        wrap_like(slf, c)
    }
    fn __copy__(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        let c = slf.get().inner().copy(Order::K).py()?;
        wrap_like(slf, c)
    }
    #[pyo3(signature = (memo=None))]
    fn __deepcopy__(
        slf: &Bound<'_, Self>,
        memo: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyNdArray>> {
        let _ = memo;
        let c = slf.get().inner().copy(Order::K).py()?;
        wrap_like(slf, c)
    }
    /// `array` as an instance of this array's type (a view when the types differ), or a
    /// scalar for a 0-d array of the same type when `return_scalar` asks for one.
    #[pyo3(signature = (array, context=None, return_scalar=false))]
    fn __array_wrap__<'py>(
        slf: &Bound<'py, Self>,
        array: &Bound<'py, PyAny>,
        context: Option<&Bound<'py, PyAny>>,
        return_scalar: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _ = context;
        let Ok(arr) = array.cast::<PyNdArray>() else {
            return Err(PyTypeError::new_err(format!(
                "__array_wrap__() argument 1 must be numpy.ndarray, not {}",
                array.get_type().name()?
            )));
        };
        if !arr.get_type().is(slf.get_type()) {
            let view = PyNdArray::view_of(arr, arr.get().inner().clone());
            return Ok(
                crate::subclass::instance_of(&slf.get_type(), view, Some(array))?.into_any(),
            );
        }
        if return_scalar && arr.get().inner().ndim() == 0 {
            return scalar_to_numoxide(slf.py(), arr.get().inner().item().py()?);
        }
        Ok(array.clone())
    }
    /// NumPy's hook for subclasses, called on each new instance made from another
    /// array; ndarray's own does nothing.
    fn __array_finalize__(&self, obj: &Bound<'_, PyAny>) {
        let _ = obj;
    }
    /// A view with another dtype (or the same dtype when none is given).
    #[pyo3(signature = (dtype=None, r#type=None))]
    fn view<'py>(
        slf: &Bound<'py, Self>,
        dtype: Option<&Bound<'py, PyAny>>,
        r#type: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Py<PyNdArray>> {
        use pyo3::types::PyType;
        // `a.view(np.ndarray)`: a type given where the dtype goes is the `type` argument.
        let array_type = |o: &Bound<'py, PyAny>| -> Option<Bound<'py, PyType>> {
            o.cast::<PyType>()
                .ok()
                .filter(|t| t.is_subclass_of::<PyNdArray>().unwrap_or(false))
                .cloned()
        };
        let (dtype, target) = match (dtype, r#type) {
            (Some(d), None) if array_type(d).is_some() => (None, array_type(d)),
            (d, Some(t)) if !t.is_none() => match array_type(t) {
                Some(t) => (d, Some(t)),
                None => {
                    return Err(PyValueError::new_err(
                        "Type must be a sub-type of ndarray type",
                    ))
                }
            },
            (d, _) => (d, None),
        };
        let a = slf.get().inner().clone();
        let v = match crate::dtype::opt_dtype(dtype)? {
            Some(d) => a.view_dtype(d).py()?,
            None => a,
        };
        match target {
            None => wrap_view(slf.py(), slf, v),
            Some(t) => {
                let view = PyNdArray::view_of(slf, v);
                crate::subclass::instance_of(&t, view, Some(slf.as_any())).map(Bound::unbind)
            }
        }
    }
    /// Swap the bytes of every element (each part of a complex value on its own), in a
    /// new array of the same dtype or, with `inplace`, in this one.
    #[pyo3(signature = (inplace=false))]
    fn byteswap<'py>(slf: &Bound<'py, Self>, inplace: bool) -> PyResult<Py<PyAny>> {
        let a = slf.get().inner().clone();
        // Reading the bytes in the other order and storing them back in this one swaps
        // them.
        let swapped = a
            .view_dtype(a.dtype().swapped())
            .py()?
            .astype(a.dtype().clone(), Order::K)
            .py()?;
        if inplace {
            a.check_writeable().py()?;
            a.assign(&swapped).py()?;
            return Ok(slf.clone().into_any().unbind());
        }
        Ok(wrap_like(slf, swapped)?.into_any())
    }
    /// Set every element to `value`.
    fn fill(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        check_typed_into_signed(value, self.inner().kind())?;
        assign_into(&self.inner(), value)
    }

    // ----- shape ------------------------------------------------------------------------

    /// A view (or copy, when needed) with a new shape.
    #[pyo3(signature = (*shape, order="C", copy=None))]
    fn reshape(
        slf: &Bound<'_, Self>,
        shape: &Bound<'_, PyTuple>,
        order: &str,
        copy: Option<bool>,
    ) -> PyResult<Py<PyNdArray>> {
        if shape.is_empty() {
            return Err(PyTypeError::new_err(
                "reshape() takes exactly 1 argument (0 given)",
            ));
        }
        let dims = shape_from_args(shape)?;
        let o = Order::parse(Some(order)).py()?;
        let this = slf.get();
        let r = this.inner().reshape(&dims, o).py()?;
        let copied = !std::sync::Arc::ptr_eq(r.buffer(), this.inner().buffer());
        // NumPy's copying reshape returns a view of the fresh copy (its base is not None).
        let view_of_copy = |r: NdArray| -> PyResult<Py<PyNdArray>> {
            let owner = wrap_like(slf, r.clone())?;
            wrap_view(slf.py(), owner.bind(slf.py()), r)
        };
        match copy {
            Some(true) if copied => view_of_copy(r),
            Some(true) => view_of_copy(r.copy(Order::K).py()?),
            Some(false) if copied => Err(PyValueError::new_err(
                "Unable to avoid creating a copy while reshaping.",
            )),
            _ if copied => view_of_copy(r),
            _ => wrap_view_of(slf.py(), slf, this, r),
        }
    }
    /// The elements as a 1-D array (a view when possible).
    #[pyo3(signature = (order="C"))]
    fn ravel(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let o = Order::parse(Some(order)).py()?;
        // A C-contiguous array in any order but F (or any 1-D contiguous one): a view.
        {
            let this = slf.get();
            let a = &this.inner();
            if a.is_c_contiguous() && (o != Order::F || a.ndim() <= 1) {
                let v = a.reshape(&[-1], Order::C).py()?;
                return wrap_view_of(slf.py(), slf, this, v);
            }
        }
        let a = slf.get().inner().clone();
        let mut r = match o {
            // Memory order: the axes sorted by decreasing |stride|; a view when that
            // order is contiguous (F order, swapped axes, ...), as in NumPy.
            Order::K => {
                let mut perm: Vec<usize> = (0..a.ndim()).collect();
                perm.sort_by_key(|&i| std::cmp::Reverse(a.strides()[i].unsigned_abs()));
                let perm: Vec<isize> = perm.into_iter().map(|i| i as isize).collect();
                let t = a.transpose(Some(&perm)).py()?;
                t.reshape(&[-1], Order::C).py()?
            }
            _ => a.ravel(o).py()?,
        };
        if !r.is_c_contiguous() {
            // A 1-D view with a non-unit stride is not a ravel: NumPy copies.
            r = r.copy(Order::C).py()?;
        }
        wrap_maybe_view(slf.py(), slf, r)
    }
    /// A 1-D copy of the elements.
    #[pyo3(signature = (order="C"))]
    fn flatten(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let this = slf.get();
        let o = Order::parse(Some(order)).py()?;
        let o = match o {
            Order::A if this.inner().is_f_contiguous() && !this.inner().is_c_contiguous() => {
                Order::F
            }
            Order::A => Order::C,
            other => other,
        };
        // ravel in that order, then make sure the result owns its data.
        let r = this.inner().ravel(o).py()?;
        let r = if std::sync::Arc::ptr_eq(r.buffer(), this.inner().buffer()) {
            r.copy(Order::C).py()?
        } else {
            r
        };
        wrap_like(slf, r)
    }
    /// A view with axes permuted (reversed by default).
    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyNdArray>> {
        let axes = axes_from_args(axes)?;
        let this = slf.get();
        let v = this.inner().transpose(axes.as_deref()).py()?;
        wrap_view_of(slf.py(), slf, this, v)
    }
    /// A view with two axes interchanged.
    fn swapaxes(slf: &Bound<'_, Self>, axis1: isize, axis2: isize) -> PyResult<Py<PyNdArray>> {
        let this = slf.get();
        let v = this.inner().swapaxes(axis1, axis2).py()?;
        wrap_view_of(slf.py(), slf, this, v)
    }
    /// A view with length-1 axes removed.
    #[pyo3(signature = (axis=None))]
    fn squeeze<'py>(
        slf: &Bound<'py, Self>,
        axis: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let axes = axis_list(axis)?;
        let v = slf.get().inner().squeeze(axes.as_deref()).py()?;
        if v.ndim() == slf.get().inner().ndim() {
            // Nothing to squeeze: NumPy returns the array itself.
            return Ok(slf.clone().into_any());
        }
        crate::subclass::view_through_wrap(slf, v)
    }
    /// A read-only view of the given diagonal.
    #[pyo3(signature = (offset=0, axis1=0, axis2=1))]
    fn diagonal(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
    ) -> PyResult<Py<PyNdArray>> {
        let this = slf.get();
        let v = this.inner().diagonal(offset, axis1, axis2).py()?;
        wrap_view_of(slf.py(), slf, this, v)
    }

    // ----- indexing ---------------------------------------------------------------------

    fn __getitem__<'py>(
        slf: &Bound<'py, Self>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if let Some(r) = PyNdArray::getitem_quick(slf, key)? {
            return Ok(r);
        }
        let parsed = match crate::index::parse_getitem_key(key)? {
            Key::Basic(p) => p,
            Key::Fancy(items) => {
                let a = slf.get().inner().clone();
                let r = crate::index::fancy_getitem(py, &a, &items)?;
                return crate::subclass::retype(slf, r);
            }
        };
        let this = slf.get();
        if parsed.all_ints && parsed.items.len() == this.inner().ndim() {
            let idx = int_positions(&parsed.items);
            let s = this.inner().get(&idx).py()?;
            return scalar_to_numoxide(py, s);
        }
        let v = this.inner().index(&parsed.items).py()?;
        Ok(wrap_view_of(py, slf, this, v)?.into_bound(py).into_any())
    }

    fn __delitem__(&self, _key: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(PyValueError::new_err("cannot delete array elements"))
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        if self.setitem_quick(key, value)? {
            return Ok(());
        }
        match parse_key(key)? {
            Key::Basic(parsed) => {
                self.inner().check_writeable().py()?;
                let target = self.inner().index(&parsed.items).py()?;
                check_typed_into_signed(value, target.kind())?;
                let element = parsed.all_ints && target.ndim() == 0;
                if element {
                    if let AssignValue::Array(v) = assign_value(value, target.dtype())? {
                        if let Some(s) = sequence_into_element(value, &v, target.kind())? {
                            return target.fill(s).py();
                        }
                    }
                }
                assign_into(&target, value)
            }
            Key::Fancy(items) => {
                use numoxide_ops::indexing::{setitem, setitem_scalar};
                self.inner().check_writeable().py()?;
                // The key's structure is checked before the value is converted (NumPy).
                numoxide_ops::indexing::check_key(&self.inner(), &items).py()?;
                let py = key.py();
                let a = self.inner().clone();
                let big = big_index(&items);
                match assign_value(value, a.dtype())? {
                    AssignValue::Scalar(s) if big => py.detach(|| setitem_scalar(&a, &items, s)),
                    AssignValue::Scalar(s) => setitem_scalar(&a, &items, s),
                    AssignValue::Array(v) if big => py.detach(|| setitem(&a, &items, &v)),
                    AssignValue::Array(v) => setitem(&a, &items, &v),
                }
                .py()
            }
        }
    }

    /// The complex conjugate; a real array is returned as it is (as NumPy does).
    fn conjugate<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        if slf.get().inner().kind().is_complex() {
            return numoxide_fn(slf.py(), "conjugate")?.call1((slf,));
        }
        Ok(slf.clone().into_any())
    }
    /// Same as `conjugate`.
    fn conj<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Self::conjugate(slf)
    }
    /// `numoxide.dot(self, b, out)`.
    #[pyo3(signature = (b, out=None))]
    fn dot<'py>(
        slf: &Bound<'py, Self>,
        b: &Bound<'py, PyAny>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        numoxide_fn(slf.py(), "dot")?.call1((slf, b, out))
    }
    /// `numoxide.trace(self, ...)`: the sum along a diagonal.
    #[pyo3(signature = (offset=0, axis1=0, axis2=1, dtype=None, out=None))]
    fn trace<'py>(
        slf: &Bound<'py, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        numoxide_fn(slf.py(), "trace")?.call1((slf, offset, axis1, axis2, dtype, out))
    }
    /// `value in a`: whether any element equals `value`.
    fn __contains__(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        let eq = numoxide_fn(slf.py(), "equal")?.call1((slf, value))?;
        eq.call_method0(pyo3::intern!(slf.py(), "any"))?.is_truthy()
    }
    /// The device the array lives on (always "cpu").
    #[getter]
    fn device(&self) -> &'static str {
        "cpu"
    }
    /// The array on `device` (only "cpu" exists).
    #[pyo3(signature = (device, /, *, stream=None))]
    fn to_device<'py>(
        slf: &Bound<'py, Self>,
        device: &Bound<'py, PyAny>,
        stream: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyValueError::new_err(
                "The stream argument in to_device() is not supported",
            ));
        }
        if device.extract::<String>().ok().as_deref() != Some("cpu") {
            return Err(PyValueError::new_err(format!(
                "Unsupported device: {}. Only 'cpu' is accepted.",
                device.repr()?
            )));
        }
        Ok(slf.clone().into_any())
    }
    /// The priority of this type in mixed operations (NumPy's ndarray has 0.0).
    #[getter]
    fn __array_priority__(&self) -> f64 {
        0.0
    }
    /// A memoryview of the array's data.
    #[getter]
    fn data<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        // SAFETY: `slf` is a live object; PyMemoryView_FromObject returns a new reference
        // or null with an exception set.
        unsafe {
            Bound::from_owned_ptr_or_err(slf.py(), ffi::PyMemoryView_FromObject(slf.as_ptr()))
        }
    }
    /// `a.setflags(write=...)`: only the writeable flag can change (align and
    /// WRITEBACKIFCOPY are fixed, as for NumPy's own arrays).
    #[pyo3(signature = (write=None, align=None, uic=None))]
    fn setflags(
        slf: &Bound<'_, Self>,
        write: Option<bool>,
        align: Option<bool>,
        uic: Option<bool>,
    ) -> PyResult<()> {
        if uic == Some(true) {
            return Err(PyValueError::new_err(
                "cannot set WRITEBACKIFCOPY flag to True",
            ));
        }
        let _ = align;
        if let Some(w) = write {
            slf.getattr(pyo3::intern!(slf.py(), "flags"))?
                .setattr(pyo3::intern!(slf.py(), "writeable"), w)?;
        }
        Ok(())
    }
    /// `format(a, spec)`: a 0-d array formats its element as a Python number does; other
    /// arrays only take the empty spec (their `str`), as in NumPy.
    fn __format__<'py>(slf: &Bound<'py, Self>, spec: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let this = slf.get();
        if this.inner().ndim() == 0 {
            let item = scalar_to_python(py, this.inner().item().py()?)?;
            return item.call_method1(pyo3::intern!(py, "__format__"), (spec,));
        }
        if !spec.is_empty() {
            return Err(PyTypeError::new_err(
                "unsupported format string passed to numpy.ndarray.__format__",
            ));
        }
        Ok(slf.str()?.into_any())
    }
    fn __len__(&self) -> PyResult<usize> {
        match self.inner().shape().first() {
            Some(&n) => Ok(n),
            None => Err(PyTypeError::new_err("len() of unsized object")),
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyArrayIter>> {
        if slf.get().inner().ndim() == 0 {
            return Err(PyTypeError::new_err("iteration over a 0-d array"));
        }
        Py::new(
            slf.py(),
            PyArrayIter {
                array: slf.clone().unbind(),
                pos: 0,
            },
        )
    }

    // ----- Python number conversions --------------------------------------------------

    fn __bool__(&self) -> PyResult<bool> {
        if self.inner().size() != 1 {
            if self.inner().size() == 0 {
                return Err(PyValueError::new_err(
                    "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
                ));
            }
            return Err(PyValueError::new_err(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            ));
        }
        Ok(self.inner().item().py()?.to::<bool>())
    }
    fn __float__(&self) -> PyResult<f64> {
        if self.inner().size() != 1 {
            return Err(PyTypeError::new_err(
                "only length-1 arrays can be converted to Python scalars",
            ));
        }
        if self.inner().ndim() > 0 {
            return Err(PyTypeError::new_err(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Ok(self.inner().item().py()?.to::<f64>())
    }
    fn __int__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.inner().ndim() > 0 {
            return Err(PyTypeError::new_err(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        let v = scalar_to_python(py, self.inner().item().py()?)?;
        py.get_type::<pyo3::types::PyInt>().call1((v,))
    }
    fn __complex__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.inner().ndim() > 0 {
            return Err(PyTypeError::new_err(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        let c = self.inner().item().py()?.as_complex();
        Ok(pyo3::types::PyComplex::from_doubles(py, c.re, c.im).into_any())
    }
    fn __index__(&self) -> PyResult<i64> {
        if self.inner().ndim() > 0 || !self.inner().kind().is_integer() {
            return Err(PyTypeError::new_err(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        Ok(self.inner().item().py()?.to::<i64>())
    }

    // ----- printing -------------------------------------------------------------------

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let a = slf.get().inner().clone();
        crate::api::printing::repr_of(slf.py(), slf.as_any(), &a)
    }
    fn __str__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let a = slf.get().inner().clone();
        crate::api::printing::str_of(slf.py(), &a)
    }

    // ----- buffer protocol ------------------------------------------------------------

    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        let this = slf.get();
        let a = &this.inner();
        if view.is_null() {
            return Err(PyBufferError::new_err("View is null"));
        }
        if (flags & ffi::PyBUF_WRITABLE) == ffi::PyBUF_WRITABLE && !a.is_writeable() {
            return Err(PyBufferError::new_err("buffer source array is read-only"));
        }
        let wants_strides = (flags & ffi::PyBUF_STRIDES) == ffi::PyBUF_STRIDES;
        if !wants_strides && !a.is_c_contiguous() {
            return Err(PyBufferError::new_err("ndarray is not C-contiguous"));
        }
        let fmt = buffer_format(a.dtype());
        let info = Box::new(BufferInfo {
            shape: a.shape().iter().map(|&d| d as ffi::Py_ssize_t).collect(),
            strides: buffer_strides(a),
            format: CString::new(fmt).unwrap_or_default(),
        });
        // SAFETY: `view` is non-null and points to a Py_buffer the caller lets us fill;
        // the shape/strides/format storage lives in `info`, freed in __releasebuffer__.
        unsafe {
            (*view).obj = slf.clone().into_any().into_ptr();
            (*view).buf = a.data_ptr() as *mut std::ffi::c_void;
            (*view).len = a.nbytes() as ffi::Py_ssize_t;
            (*view).readonly = if a.is_writeable() { 0 } else { 1 };
            (*view).itemsize = a.itemsize() as ffi::Py_ssize_t;
            (*view).format = if (flags & ffi::PyBUF_FORMAT) == ffi::PyBUF_FORMAT {
                info.format.as_ptr() as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).ndim = a.ndim() as c_int;
            (*view).shape = if (flags & ffi::PyBUF_ND) == ffi::PyBUF_ND {
                info.shape.as_ptr() as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).strides = if wants_strides {
                info.strides.as_ptr() as *mut _
            } else {
                std::ptr::null_mut()
            };
            (*view).suboffsets = std::ptr::null_mut();
            (*view).internal = Box::into_raw(info) as *mut std::ffi::c_void;
        }
        Ok(())
    }

    unsafe fn __releasebuffer__(&self, view: *mut ffi::Py_buffer) {
        // SAFETY: `internal` was set by __getbuffer__ to a leaked Box<BufferInfo>, and
        // Python calls this exactly once per successful __getbuffer__.
        unsafe {
            if !(*view).internal.is_null() {
                drop(Box::from_raw((*view).internal as *mut BufferInfo));
                (*view).internal = std::ptr::null_mut();
            }
        }
    }
}

struct BufferInfo {
    shape: Vec<ffi::Py_ssize_t>,
    strides: Vec<ffi::Py_ssize_t>,
    format: CString,
}

/// The strides a buffer export shows: NumPy rewrites a C-contiguous array's strides as
/// the running product of the trailing dimensions, and an F-contiguous one's as that of
/// the leading dimensions (so empty and length-1 axes get the values a consumer
/// expects); other arrays show their own strides.
fn buffer_strides(a: &NdArray) -> Vec<ffi::Py_ssize_t> {
    let (c, f) = (a.is_c_contiguous(), a.is_f_contiguous());
    if !c && !f {
        return a.strides().iter().map(|&s| s as ffi::Py_ssize_t).collect();
    }
    let mut strides = vec![0 as ffi::Py_ssize_t; a.ndim()];
    let mut step = a.itemsize() as ffi::Py_ssize_t;
    let axes: Vec<usize> = if c {
        (0..a.ndim()).rev().collect()
    } else {
        (0..a.ndim()).collect()
    };
    for k in axes {
        strides[k] = step;
        step = step.saturating_mul(a.shape()[k] as ffi::Py_ssize_t);
    }
    strides
}

/// A public function of the `numoxide` package (for methods that NumPy also defines
/// through its module-level function).
fn numoxide_fn<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import(pyo3::intern!(py, "numoxide"))?.getattr(name)
}

/// The struct-module format of a dtype for the buffer protocol.
fn buffer_format(dtype: &DType) -> String {
    use numoxide_core::DTypeKind::*;
    let code = match dtype.kind() {
        Bool => "?",
        Int8 => "b",
        UInt8 => "B",
        Int16 => "h",
        UInt16 => "H",
        Int32 => "i",
        UInt32 => "I",
        Int64 => "q",
        UInt64 => "Q",
        Float16 => "e",
        Float32 => "f",
        Float64 => "d",
        Complex64 => "Zf",
        Complex128 => "Zd",
    };
    // Native 64-bit ints are C `long` where it is 64 bits wide (NumPy's 'l'/'L').
    let long64 = std::mem::size_of::<std::ffi::c_long>() == 8;
    if dtype.is_native() && long64 && matches!(dtype.kind(), Int64 | UInt64) {
        return if dtype.kind() == Int64 { "l" } else { "L" }.to_string();
    }
    if dtype.is_native() || dtype.itemsize() == 1 {
        code.to_string()
    } else if numoxide_core::dtype::NATIVE_IS_LITTLE {
        format!(">{code}")
    } else {
        format!("<{code}")
    }
}

/// Hands NumPy our `__array_interface__` without recursing into `__array__`.
#[pyclass(module = "numoxide")]
struct InterfaceHolder {
    array: Py<PyNdArray>,
}

#[pymethods]
impl InterfaceHolder {
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.array.bind(py).borrow().__array_interface__(py)
    }
}

/// Iterator over the first axis.
#[pyclass(module = "numoxide")]
pub struct PyArrayIter {
    array: Py<PyNdArray>,
    pos: usize,
}

#[pymethods]
impl PyArrayIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let arr = self.array.bind(py);
        let n = arr.get().inner().shape()[0];
        if self.pos >= n {
            return Ok(None);
        }
        let key = (self.pos as isize).into_pyobject(py)?.into_any();
        self.pos += 1;
        PyNdArray::__getitem__(arr, &key).map(Some)
    }
}

/// Whether an advanced key is big enough to be worth releasing the GIL for.
fn big_index(items: &[numoxide_ops::indexing::Index]) -> bool {
    let n: usize = items
        .iter()
        .map(|i| match i {
            numoxide_ops::indexing::Index::Array(x) => x.size(),
            numoxide_ops::indexing::Index::Basic(_) => 0,
        })
        .sum();
    n > 1 << 16
}

/// NumPy words flat-iterator bounds errors without the axis.
fn flat_error(e: numoxide_core::Error) -> PyErr {
    if e.kind() == numoxide_core::ErrorKind::Index {
        let msg = e
            .message()
            .replace(" for axis 0 with size ", " for size ")
            .replace(
                "too many indices for array: array is",
                "too many indices for flat iterator: flat iterator is",
            );
        pyo3::exceptions::PyIndexError::new_err(msg)
    } else {
        crate::error::to_pyerr(e)
    }
}

/// A flat position checked against the size, NumPy's text on failure.
fn flat_bounds(i: isize, n: usize) -> PyResult<isize> {
    let m = n as isize;
    if i < -m || i >= m {
        return Err(pyo3::exceptions::PyIndexError::new_err(format!(
            "index {i} is out of bounds for size {m}"
        )));
    }
    Ok(if i < 0 { i + m } else { i })
}

fn warn_flat_bool0(py: Python<'_>) -> PyResult<()> {
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
        c"Indexing flat iterators with a 0-dimensional boolean index is deprecated and may be removed in a future version. (Deprecated NumPy 2.4)",
        1,
    )
}

/// Store one value at flat position `i`, as NumPy packs a single item: a scalar or a
/// 0-d array, never a sequence.
fn pack_one(flat: &NdArray, i: isize, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let target = flat.index(&[IndexItem::Int(i)]).py()?;
    match assign_value(value, flat.dtype())? {
        AssignValue::Scalar(s) => target.fill(s).py(),
        AssignValue::Array(src) if src.ndim() == 0 => target.assign(&src).py(),
        AssignValue::Array(_) => {
            let k = flat.kind();
            let t = value.get_type().name()?;
            Err(if k.is_integer() {
                PyTypeError::new_err(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                ))
            } else if k.is_float() {
                PyTypeError::new_err(format!(
                    "float() argument must be a string or a real number, not '{t}'"
                ))
            } else {
                PyValueError::new_err("setting an array element with a sequence.")
            })
        }
    }
}

fn flat_view(a: &NdArray) -> PyResult<NdArray> {
    // A C-order 1-D view when possible, else a C-order copy (reads only).
    let n = a.size();
    Ok(match a.reshape_view(&[n], false) {
        Some(v) => v,
        None => a
            .copy(Order::C)
            .py()?
            .reshape_view(&[n], false)
            .ok_or_else(|| PyValueError::new_err("flat"))?,
    })
}

fn flat_assign(a: &NdArray, value: &Bound<'_, PyAny>) -> PyResult<()> {
    a.check_writeable().py()?;
    let n = a.size();
    if let Some(v) = a.reshape_view(&[n], false) {
        let src = match assign_value(value, a.dtype())? {
            AssignValue::Scalar(s) => return v.fill(s).py(),
            AssignValue::Array(arr) => arr,
        };
        return assign_cycled(&v, &src);
    }
    // Non-contiguous: assign through a C-order temporary, then copy back.
    let tmp = a.copy(Order::C).py()?;
    flat_assign(&tmp, value)?;
    a.assign(&tmp).py()
}

/// NumPy's `a.flat = values`: values repeat cyclically to fill.
fn assign_cycled(dst: &NdArray, src: &NdArray) -> PyResult<()> {
    let flat_src = flat_view(src)?;
    let m = flat_src.size();
    let n = dst.size();
    if m == 0 || n == 0 {
        return Ok(());
    }
    let mut start = 0usize;
    while start < n {
        let len = m.min(n - start);
        let d = dst
            .index(&[IndexItem::Slice(
                Some(start as isize),
                Some((start + len) as isize),
                None,
            )])
            .py()?;
        let s = flat_src
            .index(&[IndexItem::Slice(Some(0), Some(len as isize), None)])
            .py()?;
        d.assign(&s).py()?;
        start += len;
    }
    Ok(())
}

/// NumPy's `flatiter`: `a.flat`.
#[pyclass(name = "flatiter", module = "numoxide")]
pub struct PyFlatIter {
    array: Py<PyNdArray>,
    pos: usize,
}

#[pymethods]
impl PyFlatIter {
    /// The array being iterated.
    #[getter]
    fn base(&self, py: Python<'_>) -> Py<PyNdArray> {
        self.array.clone_ref(py)
    }
    /// The current flat position.
    #[getter]
    fn index(&self) -> usize {
        self.pos
    }
    /// The N-dimensional (C-order) index of the current position; past the end the
    /// first coordinate runs over, as NumPy's does (zeros for a non-contiguous array
    /// of 3 or more dimensions).
    #[getter]
    fn coords<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let a = self.array.bind(py).get().inner().clone();
        let shape = a.shape();
        let mut c = vec![0usize; shape.len()];
        // NumPy's stored coordinates of a non-contiguous array of 3 or more dimensions
        // wrap to zeros past the end.
        if self.pos >= a.size() && shape.len() > 2 && !a.is_c_contiguous() {
            return PyTuple::new(py, c);
        }
        let mut rest = self.pos;
        for d in (1..shape.len()).rev() {
            let len = shape[d].max(1);
            c[d] = rest % len;
            rest /= len;
        }
        if let Some(first) = c.first_mut() {
            *first = rest;
        }
        PyTuple::new(py, c)
    }
    /// Comparisons act on the elements (`a.flat == 1` is an array).
    fn __richcmp__<'py>(
        &self,
        py: Python<'py>,
        other: &Bound<'py, PyAny>,
        op: pyo3::basic::CompareOp,
    ) -> PyResult<Bound<'py, PyAny>> {
        let c = self.copy(py)?.into_bound(py).into_any();
        c.rich_compare(other, op)
    }
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __len__(&self, py: Python<'_>) -> usize {
        self.array.bind(py).get().inner().size()
    }
    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let a = self.array.bind(py).get().inner().clone();
        if self.pos >= a.size() {
            return Ok(None);
        }
        let args = PyTuple::new(py, [self.pos])?;
        let idx = flat_or_multi_index(&a, &args)?;
        self.pos += 1;
        scalar_to_numoxide(py, a.get(&idx).py()?).map(Some)
    }
    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        use crate::index::FlatKey;
        use numoxide_ops::indexing::Index;
        let a = self.array.bind(py).get().inner().clone();
        let n = a.size();
        let key = crate::index::flat_key(key, n)?;
        let flat = flat_view(&a)?;
        let picked = match key {
            FlatKey::Invalid | FlatKey::NewAxis => {
                return Err(pyo3::exceptions::PyIndexError::new_err(
                    crate::index::FLAT_INVALID,
                ))
            }
            FlatKey::Bool0(b) => {
                warn_flat_bool0(py)?;
                if !b {
                    let empty = NdArray::empty(&[0], a.dtype().clone(), Order::C).py()?;
                    return Ok(wrap(py, empty)?.into_bound(py).into_any());
                }
                let i = flat_bounds(self.pos as isize, n)?;
                return scalar_to_numoxide(py, flat.get(&[i]).py()?);
            }
            FlatKey::Int(i) => {
                let i = flat_bounds(i, n)?;
                return scalar_to_numoxide(py, flat.get(&[i]).py()?);
            }
            FlatKey::All { .. } => flat.copy(Order::C).py()?,
            FlatKey::Slice(s) => flat.index(&[s]).map_err(flat_error)?.copy(Order::C).py()?,
            FlatKey::Mask(x) | FlatKey::Fancy(x) => {
                numoxide_ops::indexing::getitem(&flat, &[Index::Array(x)]).map_err(flat_error)?
            }
        };
        Ok(wrap(py, picked)?.into_bound(py).into_any())
    }
    fn __delitem__(&self, _key: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(PyTypeError::new_err("Cannot delete iterator elements"))
    }
    fn __setitem__(
        &self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        use crate::index::FlatKey;
        use numoxide_ops::indexing::Index;
        let a = self.array.bind(py).get().inner().clone();
        a.check_writeable().py()?;
        let n = a.size();
        let key = crate::index::flat_key(key, n)?;
        let (flat, tmp) = match a.reshape_view(&[n], false) {
            Some(flat) => (flat, None),
            None => {
                let tmp = a.copy(Order::C).py()?;
                let flat = tmp
                    .reshape_view(&[n], false)
                    .ok_or_else(|| PyValueError::new_err("flat"))?;
                (flat, Some(tmp))
            }
        };
        match key {
            FlatKey::NewAxis => {
                return Err(pyo3::exceptions::PyIndexError::new_err(
                    crate::index::FLAT_INVALID,
                ))
            }
            FlatKey::All { tuple: true } => {
                return Err(pyo3::exceptions::PyIndexError::new_err(
                    "Assigning to a flat iterator with a 0-D index is not supported",
                ))
            }
            FlatKey::Bool0(b) => {
                warn_flat_bool0(py)?;
                if !b {
                    return Ok(());
                }
                let i = flat_bounds(self.pos as isize, n)?;
                pack_one(&flat, i, value)?;
            }
            FlatKey::Int(i) => {
                let i = flat_bounds(i, n)?;
                pack_one(&flat, i, value)
                    .map_err(|_| PyValueError::new_err("Error setting single item of array."))?;
            }
            _ => {
                // NumPy converts the value before it reads the rest of the key (and an
                // empty value assigns nothing, whatever the key).
                let src = match assign_value(value, a.dtype())? {
                    AssignValue::Scalar(s) => NdArray::from_scalar(s),
                    AssignValue::Array(src) if src.size() == 0 => return Ok(()),
                    AssignValue::Array(src) => src,
                };
                match key {
                    FlatKey::Slice(s) => {
                        let target = flat.index(&[s]).map_err(flat_error)?;
                        assign_cycled(&target, &src)?;
                    }
                    FlatKey::All { .. } => assign_cycled(&flat, &src)?,
                    FlatKey::Mask(x) | FlatKey::Fancy(x) => {
                        let (_, offs) =
                            numoxide_ops::indexing::element_offsets(&flat, &[Index::Array(x)])
                                .map_err(flat_error)?;
                        numoxide_ops::indexing::scatter_offsets_cycled(&flat, &offs, &src).py()?;
                    }
                    _ => {
                        return Err(pyo3::exceptions::PyIndexError::new_err(
                            crate::index::FLAT_INVALID,
                        ))
                    }
                }
            }
        }
        if let Some(tmp) = tmp {
            a.assign(&tmp).py()?;
        }
        Ok(())
    }
    /// A 1-D copy of the elements.
    fn copy(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        let a = self.array.bind(py).get().inner().clone();
        let c = a.copy(Order::C).py()?;
        let n = c.size();
        wrap(py, c.reshape_view(&[n], false).unwrap_or(c))
    }
    fn __array__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let c = self.copy(py)?;
        PyNdArray::__array__(c.bind(py), None, None)
    }
}

/// NumPy's `flags` object of an array.
#[pyclass(name = "flagsobj", module = "numoxide")]
pub struct PyFlags {
    array: Py<PyNdArray>,
}

impl PyFlags {
    fn values(&self, _py: Python<'_>) -> [(&'static str, bool); 6] {
        let a = self.array.get();
        [
            ("C_CONTIGUOUS", a.inner().is_c_contiguous()),
            ("F_CONTIGUOUS", a.inner().is_f_contiguous()),
            ("OWNDATA", a.base.is_none()),
            ("WRITEABLE", a.inner().is_writeable()),
            ("ALIGNED", a.inner().is_aligned()),
            ("WRITEBACKIFCOPY", false),
        ]
    }
    fn lookup(&self, py: Python<'_>, name: &str) -> PyResult<bool> {
        let key = match name {
            "C" | "CONTIGUOUS" | "C_CONTIGUOUS" | "c_contiguous" | "contiguous" => "C_CONTIGUOUS",
            "F" | "FORTRAN" | "F_CONTIGUOUS" | "f_contiguous" | "fortran" => "F_CONTIGUOUS",
            "O" | "OWNDATA" | "owndata" => "OWNDATA",
            "W" | "WRITEABLE" | "writeable" => "WRITEABLE",
            "A" | "ALIGNED" | "aligned" => "ALIGNED",
            "X" | "WRITEBACKIFCOPY" | "writebackifcopy" => "WRITEBACKIFCOPY",
            "FNC" | "fnc" => {
                let a = self.array.bind(py).borrow();
                return Ok(a.inner().is_f_contiguous() && !a.inner().is_c_contiguous());
            }
            "FORC" | "forc" => {
                let a = self.array.bind(py).borrow();
                return Ok(a.inner().is_f_contiguous() || a.inner().is_c_contiguous());
            }
            "BEHAVED" | "B" | "behaved" => {
                let a = self.array.bind(py).borrow();
                return Ok(a.inner().is_aligned() && a.inner().is_writeable());
            }
            "CARRAY" | "CA" | "carray" => {
                let a = self.array.bind(py).borrow();
                return Ok(a.inner().is_aligned()
                    && a.inner().is_writeable()
                    && a.inner().is_c_contiguous());
            }
            "FARRAY" | "FA" | "farray" => {
                let a = self.array.bind(py).borrow();
                // NumPy tests `flags & (F|A|W) != 0`: any one of the three counts.
                return Ok((a.inner().is_aligned()
                    || a.inner().is_writeable()
                    || a.inner().is_f_contiguous())
                    && !a.inner().is_c_contiguous());
            }
            _ => return Err(pyo3::exceptions::PyKeyError::new_err("Unknown flag")),
        };
        Ok(self
            .values(py)
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .unwrap_or(false))
    }
    fn set_writeable_flag(&self, py: Python<'_>, value: bool) -> PyResult<()> {
        let a = self.array.get();
        if value && !a.inner().is_writeable() {
            // NumPy refuses to make a view writeable when its base is read-only.
            if let Some(b) = &a.base {
                if let Ok(parent) = b.bind(py).cast::<PyNdArray>() {
                    if !parent.get().inner().is_writeable() {
                        return Err(PyValueError::new_err(
                            "cannot set WRITEABLE flag to True of this array",
                        ));
                    }
                }
            }
            let strides_zero = a.inner().strides().contains(&0) && a.inner().size() > 1;
            if strides_zero {
                return Err(PyValueError::new_err(
                    "cannot set WRITEABLE flag to True of this array",
                ));
            }
        }
        let mut flagged = a.inner().clone();
        flagged.set_writeable(value);
        a.replace_inner(flagged)
    }
}

#[pymethods]
impl PyFlags {
    #[getter]
    fn c_contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "C")
    }
    #[getter]
    fn f_contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "F")
    }
    #[getter]
    fn contiguous(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "C")
    }
    #[getter]
    fn fortran(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "F")
    }
    #[getter]
    fn owndata(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "O")
    }
    #[getter]
    fn get_writeable(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "W")
    }
    #[setter]
    fn set_writeable(&self, py: Python<'_>, value: bool) -> PyResult<()> {
        self.set_writeable_flag(py, value)
    }
    #[getter]
    fn aligned(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "A")
    }
    #[getter]
    fn writebackifcopy(&self) -> bool {
        false
    }
    #[getter]
    fn behaved(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "BEHAVED")
    }
    #[getter]
    fn carray(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "CARRAY")
    }
    #[getter]
    fn farray(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "FARRAY")
    }
    #[getter]
    fn fnc(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "FNC")
    }
    #[getter]
    fn forc(&self, py: Python<'_>) -> PyResult<bool> {
        self.lookup(py, "FORC")
    }
    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<bool> {
        self.lookup(py, key)
    }
    fn __setitem__(&self, py: Python<'_>, key: &str, value: bool) -> PyResult<()> {
        match key {
            "W" | "WRITEABLE" => self.set_writeable_flag(py, value),
            _ => Err(pyo3::exceptions::PyKeyError::new_err("Unknown flag")),
        }
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        self.values(py)
            .iter()
            .map(|(k, v)| format!("  {k} : {}", if *v { "True" } else { "False" }))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<PyFlags>() {
            Ok(o) => self.values(py) == o.borrow().values(py),
            Err(_) => false,
        }
    }
}

/// The view `getfield`/`setfield` work on, with NumPy's checks of `dtype` and `offset`.
fn field_view(a: &NdArray, dtype: &Bound<'_, PyAny>, offset: isize) -> PyResult<NdArray> {
    let dt = dtype_from_py(dtype)?;
    if offset < 0 {
        return Err(PyValueError::new_err("offset is negative"));
    }
    let offset = offset as usize;
    if dt.itemsize() > a.itemsize() {
        return Err(PyValueError::new_err(
            "new type is larger than original type",
        ));
    }
    if dt.itemsize() + offset > a.itemsize() {
        return Err(PyValueError::new_err(
            "new type plus offset is larger than original type",
        ));
    }
    a.view_with(a.offset() + offset, a.shape(), a.strides(), dt)
        .py()
}
