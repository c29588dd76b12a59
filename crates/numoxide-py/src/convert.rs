//! Array-likes to arrays: nested sequences, Python and NumPy scalars, numoxide arrays,
//! and foreign memory through `__array_interface__` or the buffer protocol (zero copy).

use std::ffi::CStr;
use std::sync::Arc;

use numoxide_core::buffer::Buffer;
use numoxide_core::cast::promote_types;
use numoxide_core::{DType, DTypeKind, NdArray, Order, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PySequence, PyString, PyTuple};

use crate::array::PyNdArray;
use crate::dtype::dtype_from_py;
use crate::error::IntoPyResult;
use crate::scalar::{py_value, PyValue};

/// Convert any array-like to an array. Existing numoxide arrays come back as themselves
/// (a shared view, no copy); callers copy when they must.
pub fn to_array(obj: &Bound<'_, PyAny>, dtype: Option<&DType>) -> PyResult<NdArray> {
    match dtype {
        // Casting values to a narrower float or to an integer can overflow or be invalid;
        // NumPy reports that as "... encountered in cast".
        Some(d) if narrowing_target(d.kind()) => {
            if let Ok(a) = obj.cast::<PyNdArray>() {
                if a.get().inner().dtype() == d {
                    return Ok(a.get().inner().clone());
                }
            }
            checked_cast(obj.py(), || to_array_unchecked(obj, dtype))
        }
        _ => to_array_unchecked(obj, dtype),
    }
}

/// Whether some cast to `kind` can overflow or be invalid (a narrower float or complex
/// type, or an integer).
pub fn narrowing_target(kind: DTypeKind) -> bool {
    matches!(
        kind,
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Complex64
    ) || kind.is_integer()
}

/// Whether casting `from` values to `to` can raise the invalid or overflow flag.
pub fn cast_can_flag(from: DTypeKind, to: DTypeKind) -> bool {
    match to {
        DTypeKind::Float16 => !matches!(
            from,
            DTypeKind::Bool | DTypeKind::Int8 | DTypeKind::UInt8 | DTypeKind::Float16
        ),
        DTypeKind::Float32 | DTypeKind::Complex64 => {
            matches!(from, DTypeKind::Float64 | DTypeKind::Complex128)
        }
        _ => to.is_integer() && from.is_inexact(),
    }
}

/// Run a conversion that casts element values and report the invalid and overflow
/// flags it raised as NumPy's "... encountered in cast" warnings, through errstate.
pub fn checked_cast<T>(py: Python<'_>, cast: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    use numoxide_ops::ufunc::{fpstatus, FpFlags};
    fpstatus::clear_all();
    let out = cast()?;
    // Underflow is NumPy's default-ignored flag and casts never divide.
    let flags = FpFlags(fpstatus::read_all().0 & (FpFlags::INVALID | FpFlags::OVERFLOW));
    crate::api::ufuncs::handle_fp_flags(py, "cast", flags)?;
    Ok(out)
}

fn to_array_unchecked(obj: &Bound<'_, PyAny>, dtype: Option<&DType>) -> PyResult<NdArray> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        let inner = a.get().inner().clone();
        return match dtype {
            Some(d) if d != inner.dtype() => inner.astype(d.clone(), Order::K).py(),
            _ => Ok(inner),
        };
    }
    // Lists and tuples first: the common case, and cheap to recognize.
    if obj.is_exact_instance_of::<PyList>() || obj.is_exact_instance_of::<PyTuple>() {
        return from_nested(obj, dtype);
    }
    if is_numpy_ndarray(obj) {
        if let Some(a) = foreign_array(obj)? {
            return match dtype {
                Some(d) if d != a.dtype() => a.astype(d.clone(), Order::K).py(),
                _ => Ok(a),
            };
        }
    }
    if let Some(v) = py_value(obj)? {
        let dt = dtype.cloned().unwrap_or_else(|| v.default_dtype());
        let s = element_value(v, dt.kind())?;
        let mut a = NdArray::from_scalar(s);
        if !dt.is_native() {
            a = a.astype(dt, Order::C).py()?;
        }
        return Ok(a);
    }
    if let Some(a) = foreign_array(obj)? {
        return match dtype {
            Some(d) if d != a.dtype() => a.astype(d.clone(), Order::K).py(),
            _ => Ok(a),
        };
    }
    if let Some(a) = from_array_method(obj, dtype)? {
        return Ok(a);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return from_nested(obj, dtype);
    }
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "numoxide does not support string (U) arrays yet",
        ));
    }
    if obj.is_none() {
        return Err(PyTypeError::new_err(
            "numoxide does not support object arrays (None given)",
        ));
    }
    // Other sequences (range, deque, ...): read them as a list.
    if let Ok(seq) = obj.cast::<PySequence>() {
        let list = seq.to_list()?;
        return from_nested(list.as_any(), dtype);
    }
    if let Ok(it) = obj.try_iter() {
        let _ = it;
        return Err(PyTypeError::new_err(format!(
            "numoxide cannot make an array from a non-sequence iterable of type '{}'; use fromiter",
            obj.get_type().name()?
        )));
    }
    Err(PyTypeError::new_err(format!(
        "numoxide does not support object arrays (got an object of type '{}')",
        obj.get_type().name()?
    )))
}

/// The array an object's `__array__` method returns (NumPy's last array-like protocol,
/// after the buffer protocol and `__array_interface__`), cast to `dtype`. None when the
/// object has no such method.
fn from_array_method(obj: &Bound<'_, PyAny>, dtype: Option<&DType>) -> PyResult<Option<NdArray>> {
    let py = obj.py();
    if obj.is_instance_of::<PyString>() {
        return Ok(None);
    }
    let Ok(method) = obj.getattr(pyo3::intern!(py, "__array__")) else {
        return Ok(None);
    };
    // Called without the dtype: the object may build its array with NumPy, which does
    // not know numoxide's dtype objects; the cast happens below.
    let made = method.call0()?;
    let array = if let Ok(a) = made.cast::<PyNdArray>() {
        Some(a.get().inner().clone())
    } else if is_numpy_ndarray(&made) {
        foreign_array(&made)?
    } else {
        None
    };
    let Some(array) = array else {
        return Err(PyValueError::new_err(
            "object __array__ method not producing an array",
        ));
    };
    Ok(Some(match dtype {
        Some(d) if d != array.dtype() => array.astype(d.clone(), Order::K).py()?,
        _ => array,
    }))
}

/// Whether `obj` is exactly a NumPy ndarray: a plain array-like to numoxide (whose 0-d
/// form must not be read as a scalar).
pub fn is_numpy_ndarray(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    ty.name().is_ok_and(|n| n == "ndarray") && ty.module().is_ok_and(|m| m == "numpy")
}

/// A Python value stored into an element of `kind` with NumPy's `__setitem__` rules:
/// on top of the NEP 50 int checks, a Python float going into an integer dtype is
/// truncated through a Python int, so NaN, infinities and out-of-range values raise.
pub fn element_value(v: PyValue, kind: DTypeKind) -> PyResult<Scalar> {
    // A Python complex into a real element goes through int()/float(), which refuse it.
    if let PyValue::Complex(..) = v {
        if kind.is_integer() {
            return Err(PyTypeError::new_err(
                "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
            ));
        }
        if kind.is_float() {
            return Err(PyTypeError::new_err(
                "float() argument must be a string or a real number, not 'complex'",
            ));
        }
    }
    if let (true, PyValue::Float(f)) = (kind.is_integer(), v) {
        return numoxide_ops::creation::num_to_scalar(numoxide_ops::creation::Num::Float(f), kind)
            .py();
    }
    v.for_kind(kind)
}

/// A zero-copy view of foreign memory exposed through `__array_interface__` (NumPy
/// arrays) or the buffer protocol (bytes, memoryview, array.array).
pub fn foreign_array(obj: &Bound<'_, PyAny>) -> PyResult<Option<NdArray>> {
    let py = obj.py();
    if obj.is_instance_of::<PyString>() {
        return Ok(None);
    }
    if let Ok(iface) = obj.getattr("__array_interface__") {
        if let Ok(d) = iface.cast::<PyDict>() {
            return interface_array(obj, d).map(Some);
        }
    }
    // The buffer protocol, asking for strides and a format.
    let mut view = Box::new(std::mem::MaybeUninit::<ffi::Py_buffer>::zeroed());
    // SAFETY: `view` is writable storage for one Py_buffer; a failure leaves an exception
    // set, which we clear and report as "not a buffer".
    let rc =
        unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), view.as_mut_ptr(), ffi::PyBUF_RECORDS_RO) };
    if rc != 0 {
        let _ = PyErr::take(py);
        return Ok(None);
    }
    // SAFETY: PyObject_GetBuffer succeeded, so the view is initialized.
    let holder = BufferHolder(Box::new(unsafe { view.assume_init_read() }));
    let v = &*holder.0;
    let format = if v.format.is_null() {
        "B".to_string()
    } else {
        // SAFETY: a non-null format is a NUL-terminated string owned by the exporter.
        unsafe { CStr::from_ptr(v.format) }
            .to_string_lossy()
            .into_owned()
    };
    let dtype = format_to_dtype(&format)?;
    let nd = v.ndim as usize;
    let itemsize = v.itemsize as usize;
    if itemsize != dtype.itemsize() {
        return Err(PyValueError::new_err(
            "buffer item size does not match its format",
        ));
    }
    // SAFETY: for ndim > 0 the exporter fills shape and strides with ndim entries (we
    // asked for PyBUF_RECORDS_RO, which includes strides).
    let (shape, strides): (Vec<usize>, Vec<isize>) = unsafe {
        if nd == 0 {
            (vec![], vec![])
        } else {
            let sh = std::slice::from_raw_parts(v.shape, nd)
                .iter()
                .map(|&d| d as usize)
                .collect();
            let st = std::slice::from_raw_parts(v.strides, nd).to_vec();
            (sh, st)
        }
    };
    let readonly = v.readonly != 0;
    let ptr = v.buf as *mut u8;
    // SAFETY: the exporter guarantees the bytes of every element of the view are valid
    // while the Py_buffer is held; the holder releases it only when the Buffer drops.
    let a = unsafe { foreign_ndarray(ptr, &shape, &strides, dtype, !readonly, Box::new(holder)) }?;
    Ok(Some(a))
}

/// An array over memory owned elsewhere: elements at `ptr + index · strides` (bytes),
/// kept valid by `owner` until the last array over them goes.
///
/// # Safety
/// Every element's bytes must be valid for reads (and writes, when `writeable`) for as
/// long as `owner` lives, and nothing else may free them.
pub(crate) unsafe fn foreign_ndarray(
    ptr: *mut u8,
    shape: &[usize],
    strides: &[isize],
    dtype: DType,
    writeable: bool,
    owner: Box<dyn std::any::Any + Send + Sync>,
) -> PyResult<NdArray> {
    let (lo, hi) =
        numoxide_core::layout::byte_extent(shape, strides, dtype.itemsize()).unwrap_or((0, 0));
    // SAFETY: per the contract, every byte from the lowest to the highest element
    // address is the elements' memory, alive while `owner` is.
    let buffer =
        unsafe { Buffer::from_foreign(ptr.wrapping_offset(lo), (hi - lo) as usize, owner) };
    NdArray::from_buffer(
        Arc::new(buffer),
        (-lo) as usize,
        shape,
        strides,
        dtype,
        writeable,
    )
    .py()
}

/// A held `Py_buffer`, released (with the GIL) when dropped.
struct BufferHolder(Box<ffi::Py_buffer>);

// SAFETY: the Py_buffer is only touched on drop, under the GIL (`Python::attach`).
unsafe impl Send for BufferHolder {}
// SAFETY: as above; shared references never touch the Py_buffer.
unsafe impl Sync for BufferHolder {}

impl Drop for BufferHolder {
    fn drop(&mut self) {
        Python::attach(|_| {
            // SAFETY: the view was filled by a successful PyObject_GetBuffer and is
            // released exactly once, here.
            unsafe { ffi::PyBuffer_Release(&mut *self.0) };
        });
    }
}

/// Keeps a Python object alive for as long as a buffer over its memory.
struct PyOwner(#[allow(dead_code)] Py<PyAny>);

/// Parse a struct-module / PEP 3118 format string for one numeric item.
fn format_to_dtype(format: &str) -> PyResult<DType> {
    let (order, body) = match format.as_bytes().first() {
        Some(b'@') | Some(b'=') => ("", &format[1..]),
        Some(b'<') => ("<", &format[1..]),
        Some(b'>') | Some(b'!') => (">", &format[1..]),
        _ => ("", format),
    };
    let code = match body {
        "Zf" => "F",
        "Zd" => "D",
        "c" => "B",
        "q" => "q",
        "Q" => "Q",
        other => other,
    };
    DType::parse(&format!("{order}{code}")).map_err(|_| {
        PyValueError::new_err(format!("numoxide cannot read buffers of format '{format}'"))
    })
}

fn interface_array(obj: &Bound<'_, PyAny>, d: &Bound<'_, PyDict>) -> PyResult<NdArray> {
    let get = |k: &str| -> PyResult<Bound<'_, PyAny>> {
        d.get_item(k)?
            .ok_or_else(|| PyValueError::new_err(format!("__array_interface__ has no '{k}'")))
    };
    let typestr: String = get("typestr")?.extract()?;
    let dtype = DType::parse(&typestr).map_err(|_| {
        PyTypeError::new_err(format!("numoxide does not support dtype '{typestr}' yet"))
    })?;
    let shape: Vec<usize> = get("shape")?.extract()?;
    let strides: Vec<isize> = match d.get_item("strides")? {
        Some(s) if !s.is_none() => s.extract()?,
        _ => numoxide_core::layout::c_strides(&shape, dtype.itemsize()).to_vec(),
    };
    let data = get("data")?;
    let (ptr, readonly): (usize, bool) = if data.is_none() {
        return Err(PyTypeError::new_err(
            "__array_interface__ without a data pointer is not supported",
        ));
    } else {
        data.extract()?
    };
    let offset_extra: usize = match d.get_item("offset")? {
        Some(o) => o.extract()?,
        None => 0,
    };
    let ptr = (ptr + offset_extra) as *mut u8;
    let owner = PyOwner(obj.clone().unbind());
    // SAFETY: the exporter promises the memory of every element is valid while `obj`
    // lives; the buffer keeps `obj` alive.
    unsafe { foreign_ndarray(ptr, &shape, &strides, dtype, !readonly, Box::new(owner)) }
}

/// NumPy's error for ragged nested sequences.
fn ragged(depth: usize, shape: &[usize]) -> PyErr {
    let dims: Vec<String> = shape[..depth].iter().map(|d| d.to_string()).collect();
    let shape_text = if dims.len() == 1 {
        format!("({},)", dims[0])
    } else {
        format!("({})", dims.join(", "))
    };
    PyValueError::new_err(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {shape_text} + inhomogeneous part."
    ))
}

enum Leaf {
    Value(PyValue),
    Array(NdArray),
}

fn seq_items<'py>(obj: &Bound<'py, PyAny>) -> Option<Vec<Bound<'py, PyAny>>> {
    if let Ok(l) = obj.cast::<PyList>() {
        return Some(l.iter().collect());
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return Some(t.iter().collect());
    }
    None
}

/// Discover the shape of a nested list: follow first elements down.
fn discover_shape(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let mut shape = Vec::new();
    let mut cur = obj.clone();
    loop {
        if let Some(items) = seq_items(&cur) {
            shape.push(items.len());
            match items.into_iter().next() {
                Some(first) => cur = first,
                None => break,
            }
        } else if let Ok(a) = cur.cast::<PyNdArray>() {
            shape.extend_from_slice(a.get().inner().shape());
            break;
        } else if py_value(&cur)?.is_some() {
            break;
        } else if let Some(a) = foreign_array(&cur)? {
            shape.extend_from_slice(a.shape());
            break;
        } else {
            break;
        }
        if shape.len() > numoxide_core::layout::MAXDIMS {
            return Err(PyValueError::new_err("nested sequence is too deep"));
        }
    }
    Ok(shape)
}

fn collect(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &[usize],
    leaves: &mut Vec<Leaf>,
) -> PyResult<()> {
    if depth == shape.len() {
        if let Some(v) = py_value(obj)? {
            leaves.push(Leaf::Value(v));
            return Ok(());
        }
        // A 0-d array inside a list is one element (`[np.array(1.5), 2]`).
        if let Ok(a) = obj.cast::<PyNdArray>() {
            let a = a.get().inner().clone();
            if a.ndim() == 0 {
                leaves.push(Leaf::Array(a));
                return Ok(());
            }
        }
        if seq_items(obj).is_some() {
            return Err(ragged(depth, shape));
        }
        if obj.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "numoxide does not support string (U) arrays yet",
            ));
        }
        return Err(PyTypeError::new_err(format!(
            "numoxide does not support object arrays (got an element of type '{}')",
            obj.get_type().name()?
        )));
    }
    if let Some(items) = seq_items(obj) {
        if items.len() != shape[depth] {
            return Err(ragged(depth, shape));
        }
        for it in &items {
            collect(it, depth + 1, shape, leaves)?;
        }
        return Ok(());
    }
    let arr = if let Ok(a) = obj.cast::<PyNdArray>() {
        Some(a.get().inner().clone())
    } else {
        foreign_array(obj)?
    };
    match arr {
        Some(a) if a.shape() == &shape[depth..] => {
            leaves.push(Leaf::Array(a));
            Ok(())
        }
        _ => Err(ragged(depth, shape)),
    }
}

/// The fast path of the most common input: a flat list of Python floats (or of Python
/// ints that fit int64) with no dtype or the matching default dtype. Returns `None`
/// (having read nothing it keeps) as soon as an item is anything else.
fn flat_list_fast(obj: &Bound<'_, PyAny>, dtype: Option<&DType>) -> PyResult<Option<NdArray>> {
    let Ok(list) = obj.cast::<PyList>() else {
        return Ok(None);
    };
    let n = list.len();
    if n == 0 {
        return Ok(None);
    }
    let first = list.get_item(0)?;
    if first.is_exact_instance_of::<PyFloat>() && dtype.is_none_or(|d| *d == DType::FLOAT64) {
        let mut v: Vec<f64> = Vec::with_capacity(n);
        for item in list.iter() {
            match item.cast_exact::<PyFloat>() {
                Ok(f) => v.push(f.value()),
                Err(_) => return Ok(None),
            }
        }
        return NdArray::from_vec(v, &[n]).py().map(Some);
    }
    if first.is_exact_instance_of::<PyInt>() && dtype.is_none_or(|d| *d == DType::INT64) {
        let mut v: Vec<i64> = Vec::with_capacity(n);
        for item in list.iter() {
            if !item.is_exact_instance_of::<PyInt>() {
                return Ok(None);
            }
            match item.extract::<i64>() {
                Ok(i) => v.push(i),
                Err(_) => return Ok(None),
            }
        }
        return NdArray::from_vec(v, &[n]).py().map(Some);
    }
    Ok(None)
}

fn from_nested(obj: &Bound<'_, PyAny>, dtype: Option<&DType>) -> PyResult<NdArray> {
    if let Some(a) = flat_list_fast(obj, dtype)? {
        return Ok(a);
    }
    let shape = discover_shape(obj)?;
    let mut leaves = Vec::with_capacity(shape.iter().product::<usize>().min(1 << 24));
    collect(obj, 0, &shape, &mut leaves)?;
    let dt = match dtype {
        Some(d) => d.clone(),
        None => {
            let mut dt: Option<DType> = None;
            for leaf in &leaves {
                let ld = match leaf {
                    Leaf::Value(v) => v.default_dtype(),
                    Leaf::Array(a) => a.dtype().to_native(),
                };
                dt = Some(match dt {
                    None => ld,
                    Some(d) if d == ld => d,
                    Some(d) => promote_types(&d, &ld),
                });
            }
            dt.unwrap_or(DType::FLOAT64)
        }
    };
    let out = NdArray::zeros(&shape, dt.to_native(), Order::C).py()?;
    let kind = dt.kind();
    // Fast path: every leaf a plain value.
    if leaves.iter().all(|l| matches!(l, Leaf::Value(_))) {
        let values: Vec<Scalar> = leaves
            .iter()
            .map(|l| match l {
                Leaf::Value(v) => element_value(*v, kind),
                Leaf::Array(_) => unreachable_leaf(),
            })
            .collect::<PyResult<_>>()?;
        fill_from_scalars(&out, kind, &values);
    } else {
        let outer = &shape[..shape.len() - leaves_inner_ndim(&leaves)];
        let flat = out.reshape(&[leaves.len() as isize, -1], Order::C).py()?;
        let _ = outer;
        for (i, leaf) in leaves.iter().enumerate() {
            let row = flat
                .index(&[numoxide_core::IndexItem::Int(i as isize)])
                .py()?;
            match leaf {
                Leaf::Value(v) => row.fill(element_value(*v, kind)?).py()?,
                Leaf::Array(a) => {
                    let a = a.reshape(&[-1], Order::C).py()?;
                    row.assign(&a).py()?
                }
            }
        }
    }
    if !dt.is_native() {
        return out.astype(dt, Order::C).py();
    }
    Ok(out)
}

fn unreachable_leaf() -> PyResult<Scalar> {
    Err(PyValueError::new_err("internal error: mixed leaves"))
}

fn leaves_inner_ndim(leaves: &[Leaf]) -> usize {
    leaves
        .iter()
        .find_map(|l| match l {
            Leaf::Array(a) => Some(a.ndim()),
            _ => None,
        })
        .unwrap_or(0)
}

fn fill_from_scalars(out: &NdArray, kind: DTypeKind, values: &[Scalar]) {
    let base = out.data_ptr();
    numoxide_core::dispatch!(kind, T => {
        for (i, v) in values.iter().enumerate() {
            let x: T = v.to::<T>();
            // SAFETY: `out` is a fresh C-contiguous array of `values.len()` elements of T.
            unsafe { (base as *mut T).add(i).write(x) };
        }
    });
}

/// Parse a shape argument: an int or a sequence of ints.
pub fn shape_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    // Exact ints and tuples first: a failed extraction builds an exception, which costs
    // more than the rest of a small `zeros((2, 3))`.
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        // NumPy refuses a bool as a shape (it is not an index).
        return Err(PyTypeError::new_err(format!(
            "expected a sequence of integers or a single integer, got '{}'",
            obj.repr()?
        )));
    }
    let dims: Vec<isize> = if obj.is_exact_instance_of::<PyInt>() {
        vec![shape_int(obj)?]
    } else if let Ok(t) = obj.cast_exact::<PyTuple>() {
        t.iter().map(|d| shape_int(&d)).collect::<PyResult<_>>()?
    } else if let Ok(i) = obj.extract::<isize>() {
        vec![i]
    } else {
        let seq = obj.try_iter().map_err(|_| not_an_integer(obj))?;
        seq.map(|d| shape_int(&d?)).collect::<PyResult<_>>()?
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// An int or a sequence of ints (axes, a shape given to a setter), checked in the order
/// that never builds an exception for the common spellings.
pub fn int_or_ints(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(vec![obj.extract::<isize>()?]);
    }
    if let Ok(t) = obj.cast_exact::<PyTuple>() {
        return t.iter().map(|d| d.extract::<isize>()).collect();
    }
    match obj.extract::<isize>() {
        Ok(i) => Ok(vec![i]),
        Err(_) => obj.extract(),
    }
}

fn shape_int(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err("an integer is required"));
    }
    obj.extract::<isize>().map_err(|_| not_an_integer(obj))
}

fn not_an_integer(obj: &Bound<'_, PyAny>) -> PyErr {
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    PyTypeError::new_err(format!(
        "'{name}' object cannot be interpreted as an integer"
    ))
}

/// Parse an optional dtype-like argument.
pub fn dtype_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        Some(o) if !o.is_none() => dtype_from_py(o).map(Some),
        _ => Ok(None),
    }
}

/// Parse an `order=` argument (None → the default given).
pub fn order_arg(obj: Option<&Bound<'_, PyAny>>, default: Order) -> PyResult<Order> {
    match obj {
        Some(o) if !o.is_none() => {
            let s: String = o.extract()?;
            Order::parse(Some(&s)).py()
        }
        _ => Ok(default),
    }
}
