//! Parsing Python index keys (`a[1:, ::-2]`, `a[..., None]`, `a[[0, 2], mask]`) into
//! basic index items, or into advanced index items when the key holds an array, a list
//! or a boolean.

use numoxide_core::{DType, DTypeKind, IndexItem, NdArray, Order, Scalar};
use numoxide_ops::indexing::Index;
use pyo3::exceptions::PyIndexError as IndexError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyEllipsis, PyInt, PyList, PySlice, PyTuple};
use smallvec::SmallVec;

use crate::array::{wrap, wrap_view, PyNdArray};
use crate::error::IntoPyResult;

/// The items of a basic index, and whether the key was a single integer per axis (so
/// that a 0-d result should be returned as a scalar).
pub struct ParsedIndex {
    pub items: SmallVec<[IndexItem; 4]>,
    pub all_ints: bool,
}

/// A parsed key: basic (a view) or advanced (a copy).
pub enum Key {
    Basic(ParsedIndex),
    Fancy(Vec<Index>),
}

const INVALID: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

fn opt_isize(obj: &Bound<'_, PyAny>) -> PyResult<Option<isize>> {
    if obj.is_none() {
        return Ok(None);
    }
    // Plain ints (the common case) need no `__index__` call.
    if obj.is_exact_instance_of::<PyInt>() {
        return Ok(Some(clamp_index(obj)?));
    }
    match obj.call_method0("__index__") {
        Ok(i) => Ok(Some(clamp_index(&i)?)),
        Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// Saturate huge Python ints (Python's slice semantics clamp them anyway).
fn clamp_index(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    match obj.extract::<isize>() {
        Ok(v) => Ok(v),
        Err(_) => {
            let negative: bool = obj.lt(0)?;
            Ok(if negative {
                isize::MIN / 2
            } else {
                isize::MAX / 2
            })
        }
    }
}

/// One parsed key item: basic, or an object to read as an index array.
enum Item<'py> {
    Basic(IndexItem),
    Array(Bound<'py, PyAny>),
}

/// Whether `obj` is a NumPy or numoxide boolean scalar.
fn is_bool_scalar(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    let named_bool = ty.name().is_ok_and(|n| n == "bool" || n == "bool_");
    named_bool
        && (crate::scalar::is_numoxide_scalar(obj) || ty.module().is_ok_and(|m| m == "numpy"))
}

fn parse_item<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Item<'py>> {
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        return Ok(Item::Basic(IndexItem::Int(int_index(i.as_any())?)));
    }
    if obj.is_none() {
        return Ok(Item::Basic(IndexItem::NewAxis));
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(Item::Basic(IndexItem::Ellipsis));
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        return Ok(Item::Basic(slice_item(s)?));
    }
    if obj.is_instance_of::<PyBool>() || is_bool_scalar(obj) {
        return Ok(Item::Array(obj.clone()));
    }
    if let Ok(a) = obj.cast::<PyNdArray>() {
        let inner = &a.get().inner();
        if inner.ndim() == 0 && inner.kind().is_integer() {
            return Ok(Item::Basic(IndexItem::Int(scalar_int(inner)?)));
        }
        return Ok(Item::Array(obj.clone()));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(Item::Array(obj.clone()));
    }
    // Integer-like objects (numoxide/NumPy integer scalars) index like ints.
    // (numoxide scalars define `__len__` only to raise TypeError, as NumPy's do.)
    if crate::scalar::is_numoxide_scalar(obj) {
        if obj.hasattr("__index__")? {
            if let Ok(i) = obj.call_method0("__index__") {
                return Ok(Item::Basic(IndexItem::Int(int_index(&i)?)));
            }
        }
        return Err(IndexError::new_err(INVALID));
    }
    if obj.hasattr("__index__")? && !obj.hasattr("__len__")? {
        let i = obj.call_method0("__index__")?;
        return Ok(Item::Basic(IndexItem::Int(int_index(&i)?)));
    }
    if obj.hasattr("__array__")? || obj.hasattr("__array_interface__")? {
        return Ok(Item::Array(obj.clone()));
    }
    Err(IndexError::new_err(INVALID))
}

/// A slice object as an index item.
pub fn slice_item(s: &Bound<'_, PySlice>) -> PyResult<IndexItem> {
    let py = s.py();
    let raw = s.as_ptr() as *mut pyo3::ffi::PySliceObject;
    // SAFETY: `s` is a slice object, so it is a `PySliceObject` whose three fields are
    // non-null object pointers (None when omitted), kept alive by the slice we hold.
    let (start, stop, step) = unsafe {
        (
            Bound::from_borrowed_ptr(py, (*raw).start),
            Bound::from_borrowed_ptr(py, (*raw).stop),
            Bound::from_borrowed_ptr(py, (*raw).step),
        )
    };
    let (start, stop, step) = (opt_isize(&start)?, opt_isize(&stop)?, opt_isize(&step)?);
    Ok(IndexItem::Slice(start, stop, step))
}

/// A key that is one basic item other than an integer (a slice, None, `...`) or the
/// empty tuple, read without building an item list; None for any other key.
pub fn lone_basic(key: &Bound<'_, PyAny>) -> PyResult<Option<Option<IndexItem>>> {
    if let Ok(s) = key.cast_exact::<PySlice>() {
        return Ok(Some(Some(slice_item(s)?)));
    }
    if key.is_none() {
        return Ok(Some(Some(IndexItem::NewAxis)));
    }
    if key.is_instance_of::<PyEllipsis>() {
        return Ok(Some(Some(IndexItem::Ellipsis)));
    }
    if let Ok(t) = key.cast_exact::<PyTuple>() {
        if t.is_empty() {
            return Ok(Some(None));
        }
    }
    Ok(None)
}

/// A tuple key read without the general parser: every item an exact int, a slice,
/// None, `...` or a 0-d integer array (`a[1:, ::-2]`, `a[np.array(1), 1:]`).
pub struct QuickTuple {
    /// The items, 0-d arrays read as integers.
    pub items: SmallVec<[IndexItem; 4]>,
    /// Every item is an integer (or a 0-d integer array).
    pub all_ints: bool,
    /// Some item is a 0-d integer array: NumPy returns a copy, not a view.
    pub copy: bool,
}

/// Read a tuple key of plain items (see [`QuickTuple`]); None for any other key, which
/// the general parser then reads (and reports errors for).
pub fn quick_tuple(key: &Bound<'_, PyAny>) -> PyResult<Option<QuickTuple>> {
    let Ok(t) = key.cast_exact::<PyTuple>() else {
        return Ok(None);
    };
    let mut items: SmallVec<[IndexItem; 4]> = SmallVec::with_capacity(t.len());
    let mut copy = false;
    for k in t.iter() {
        // SAFETY: `k` is a live object and the GIL is held.
        if let Some(i) = unsafe { crate::fastslots::int_key(k.as_ptr()) } {
            items.push(IndexItem::Int(i));
            continue;
        }
        if let Ok(sl) = k.cast_exact::<PySlice>() {
            items.push(slice_item(sl)?);
        } else if k.is_none() {
            items.push(IndexItem::NewAxis);
        } else if k.is_instance_of::<PyEllipsis>() {
            items.push(IndexItem::Ellipsis);
        } else if let Ok(a) = k.cast_exact::<PyNdArray>() {
            let inner = a.get().inner();
            if inner.ndim() != 0 || !inner.kind().is_integer() {
                return Ok(None);
            }
            let Some(i) = inner.item().ok().and_then(|s| match s {
                Scalar::UInt64(v) => isize::try_from(v).ok(),
                s => Some(s.to::<i64>() as isize),
            }) else {
                return Ok(None);
            };
            items.push(IndexItem::Int(i));
            copy = true;
        } else {
            return Ok(None);
        }
    }
    let all_ints = items.iter().all(|i| matches!(i, IndexItem::Int(_)));
    Ok(Some(QuickTuple {
        items,
        all_ints,
        copy,
    }))
}

fn int_index(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    obj.extract::<isize>()
        .map_err(|_| IndexError::new_err("cannot fit 'int' into an index-sized integer"))
}

fn scalar_int(a: &NdArray) -> PyResult<isize> {
    Ok(a.item().py()?.to::<i64>() as isize)
}

/// Read an object as an index array: integer or boolean arrays, lists and tuples of
/// them, and boolean scalars (as 0-d boolean arrays).
pub fn index_array(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    if let Ok(b) = obj.cast_exact::<PyBool>() {
        return Ok(NdArray::from_scalar(Scalar::Bool(b.is_true())));
    }
    let from_sequence = obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    let a = match crate::convert::to_array(obj, None) {
        Ok(a) => a,
        // A ragged list fails as NumPy's array conversion fails (ValueError); a list of
        // other objects (slices, None) would be an object array: an invalid index.
        Err(e)
            if from_sequence && !e.is_instance_of::<pyo3::exceptions::PyValueError>(obj.py()) =>
        {
            return Err(ragged_list(obj).unwrap_or_else(|| IndexError::new_err(INVALID)));
        }
        Err(e) => return Err(e),
    };
    if from_sequence && !(a.kind().is_integer() || a.kind() == DTypeKind::Bool) {
        // An empty list indexes as an empty integer array; other non-integer lists are
        // invalid keys.
        if a.size() == 0 {
            return NdArray::zeros(a.shape(), DType::new(DTypeKind::Int64), Order::C).py();
        }
        return Err(IndexError::new_err(INVALID));
    }
    Ok(a)
}

/// NumPy's ValueError for a list key mixing sequences with other items
/// (`a[[[0, 1], slice(None)]]`), which its array conversion finds ragged.
fn ragged_list(obj: &Bound<'_, PyAny>) -> Option<PyErr> {
    let items: Vec<Bound<'_, PyAny>> = obj.try_iter().ok()?.flatten().collect();
    let is_seq = |o: &Bound<'_, PyAny>| {
        o.is_instance_of::<PyList>()
            || o.is_instance_of::<PyTuple>()
            || o.cast::<PyNdArray>()
                .is_ok_and(|a| a.get().inner().ndim() > 0)
    };
    let seqs = items.iter().filter(|o| is_seq(o)).count();
    (seqs > 0 && seqs < items.len()).then(|| {
        pyo3::exceptions::PyValueError::new_err(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was ({},) + inhomogeneous part.",
            items.len()
        ))
    })
}

/// Parse an index key.
pub fn parse_key(key: &Bound<'_, PyAny>) -> PyResult<Key> {
    let items: SmallVec<[Item<'_>; 4]> = if let Ok(t) = key.cast_exact::<PyTuple>() {
        t.iter().map(|k| parse_item(&k)).collect::<PyResult<_>>()?
    } else {
        smallvec::smallvec![parse_item(key)?]
    };
    if items.iter().all(|i| matches!(i, Item::Basic(_))) {
        let items: SmallVec<[IndexItem; 4]> = items
            .into_iter()
            .filter_map(|i| match i {
                Item::Basic(b) => Some(b),
                Item::Array(_) => None,
            })
            .collect();
        let all_ints = items.iter().all(|i| matches!(i, IndexItem::Int(_)));
        return Ok(Key::Basic(ParsedIndex { items, all_ints }));
    }
    let fancy = items
        .into_iter()
        .map(|i| match i {
            Item::Basic(b) => Ok(Index::Basic(b)),
            Item::Array(o) => Ok(Index::Array(index_array(&o)?)),
        })
        .collect::<PyResult<_>>()?;
    Ok(Key::Fancy(fancy))
}

/// Parse the key of `ndarray.__getitem__`: as [`parse_key`], except that a key holding
/// a 0-d integer array is advanced (NumPy returns a copy, not a view, for it).
pub fn parse_getitem_key(key: &Bound<'_, PyAny>) -> PyResult<Key> {
    // The 0-d integer array behind `o`, if it is one.
    let scalar_array = |o: &Bound<'_, PyAny>| -> Option<NdArray> {
        let a = o.cast::<PyNdArray>().ok()?;
        let inner = a.get().inner();
        (inner.ndim() == 0 && inner.kind().is_integer()).then(|| inner.clone())
    };
    let one;
    let items: &[Bound<'_, PyAny>] = match key.cast_exact::<PyTuple>() {
        Ok(t) => {
            one = t.iter().collect::<SmallVec<[Bound<'_, PyAny>; 4]>>();
            &one
        }
        Err(_) => std::slice::from_ref(key),
    };
    if !items.iter().any(|k| scalar_array(k).is_some()) {
        return parse_key(key);
    }
    // Next to real index arrays, 0-d integer arrays are integers (bounds-checked even
    // when the broadcast result is empty), as before.
    let mut fancy = Vec::with_capacity(items.len());
    for k in items {
        if let Some(x) = scalar_array(k) {
            fancy.push(Index::Array(x));
            continue;
        }
        match parse_item(k)? {
            Item::Basic(b) => fancy.push(Index::Basic(b)),
            Item::Array(_) => return parse_key(key),
        }
    }
    Ok(Key::Fancy(fancy))
}

/// `a[items]` when every item is basic or a 0-d integer array: the basic view (items
/// as integers), copied as NumPy copies it (order kept), or a scalar when every item is
/// an integer (or 0-d integer array) and the result is 0-d. None when some item is a real index array or a
/// 0-d value does not fit an index.
fn scalar_array_getitem<'py>(
    py: Python<'py>,
    a: &NdArray,
    items: &[Index],
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let mut basic: SmallVec<[IndexItem; 4]> = SmallVec::with_capacity(items.len());
    let mut all_ints = true;
    for it in items {
        match it {
            Index::Basic(b) => {
                all_ints &= matches!(b, IndexItem::Int(_));
                basic.push(*b);
            }
            Index::Array(x) if x.ndim() == 0 && x.kind().is_integer() => {
                let i = match x.item().py()? {
                    Scalar::UInt64(v) => isize::try_from(v).map_err(|_| {
                        pyo3::exceptions::PyOverflowError::new_err(
                            "Python int too large to convert to C long",
                        )
                    })?,
                    s => s.to::<i64>() as isize,
                };
                basic.push(IndexItem::Int(i));
            }
            Index::Array(_) => return Ok(None),
        }
    }
    let v = a.index(&basic).py()?;
    if v.ndim() == 0 && all_ints {
        return crate::scalar::scalar_to_numoxide(py, v.item().py()?).map(Some);
    }
    let c = v.copy(Order::K).py()?;
    Ok(Some(wrap(py, c)?.into_bound(py).into_any()))
}

/// `a[items]` for an advanced key: a new array, or — where NumPy returns a transposed
/// view of the buffer it gathered into (`a[:, [0, 2]]`) — a view whose `.base` is that
/// buffer; a scalar when every item is an integer (or 0-d integer array) and the result
/// is 0-d.
pub fn fancy_getitem<'py>(
    py: Python<'py>,
    a: &NdArray,
    items: &[Index],
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(r) = scalar_array_getitem(py, a, items)? {
        return Ok(r);
    }
    let total: usize = items
        .iter()
        .map(|i| match i {
            Index::Array(x) => x.size(),
            Index::Basic(_) => 0,
        })
        .sum();
    let (r, base) = if total > 1 << 16 {
        py.detach(|| numoxide_ops::indexing::getitem_parts(a, items))
    } else {
        numoxide_ops::indexing::getitem_parts(a, items)
    }
    .py()?;
    let int_like = |i: &Index| match i {
        Index::Basic(IndexItem::Int(_)) => true,
        Index::Array(x) => x.ndim() == 0 && x.kind().is_integer(),
        Index::Basic(_) => false,
    };
    if r.ndim() == 0 && items.iter().all(int_like) {
        return crate::scalar::scalar_to_numoxide(py, r.item().py()?);
    }
    match base {
        Some(b) => {
            let parent = wrap(py, b)?;
            Ok(wrap_view(py, parent.bind(py), r)?.into_bound(py).into_any())
        }
        None => Ok(wrap(py, r)?.into_bound(py).into_any()),
    }
}

/// Parse a key that must be basic (used where advanced indexing has no meaning).
pub fn parse_index(key: &Bound<'_, PyAny>) -> PyResult<ParsedIndex> {
    match parse_key(key)? {
        Key::Basic(p) => Ok(p),
        Key::Fancy(_) => Err(IndexError::new_err(INVALID)),
    }
}

/// Parse the index of `ufunc.at(a, indices, b)` (any key `a[indices]` accepts).
pub fn parse_at_key(key: &Bound<'_, PyAny>) -> PyResult<Vec<Index>> {
    match parse_key(key)? {
        Key::Basic(p) => Ok(p.items.into_iter().map(Index::Basic).collect()),
        Key::Fancy(items) => Ok(items),
    }
}

const FLAT_BOOL: &str = "boolean indices for iterators are not supported because of previous behavior that was confusing (valid boolean indices are expected to work in the future)";
const FLAT_INVALID: &str =
    "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices";

/// One element of an `a.flat[...]` key read as NumPy 2.4+ reads it: a float or
/// complex number (or a list of them) is cast to intp with a DeprecationWarning, a
/// boolean scalar or list is refused, a 0-d boolean array stands for a Python bool,
/// an int too large for intp is an OverflowError. Anything else is returned as given.
fn flat_item<'py>(e: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = e.py();
    if let Ok(i) = e.cast_exact::<PyInt>() {
        if i.extract::<isize>().is_err() {
            return Err(pyo3::exceptions::PyOverflowError::new_err(
                "Python int too large to convert to C long",
            ));
        }
        return Ok(e.clone());
    }
    if e.is_none()
        || e.is_instance_of::<PyInt>()
        || e.is_instance_of::<PySlice>()
        || e.is_instance_of::<PyEllipsis>()
        || e.is_instance_of::<pyo3::types::PyString>()
    {
        return Ok(e.clone());
    }
    if let Ok(a) = e.cast::<PyNdArray>() {
        let x = a.get().inner();
        if x.ndim() == 0 && x.kind() == DTypeKind::Bool {
            let b = x.item().py()?.to::<bool>();
            return Ok(PyBool::new(py, b).to_owned().into_any());
        }
        return Ok(e.clone());
    }
    let Ok(x) = crate::convert::to_array(e, None) else {
        return Ok(e.clone());
    };
    let k = x.kind();
    if k == DTypeKind::Bool {
        return Err(IndexError::new_err(FLAT_BOOL));
    }
    if !(k.is_float() || k.is_complex()) || x.size() == 0 {
        return Ok(e.clone());
    }
    let r = wrap(py, x)?
        .into_bound(py)
        .call_method1(pyo3::intern!(py, "astype"), ("intp",))?;
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
        c"Invalid non-array indices for iterator objects are deprecated and will be removed in a future version. (Deprecated NumPy 2.4)",
        1,
    )?;
    Ok(r)
}

/// An `a.flat[...]` key with NumPy 2.4+'s deprecated and refused forms resolved (see
/// [`flat_item`], applied to each element of a tuple key). For an assignment
/// (`assign`), an empty tuple or `(...,)` and any `None` are refused as NumPy does.
///
/// # Errors
/// `IndexError`, `OverflowError` or a cast's error, with NumPy's texts.
pub fn flat_key<'py>(key: &Bound<'py, PyAny>, assign: bool) -> PyResult<Bound<'py, PyAny>> {
    let py = key.py();
    let Ok(t) = key.cast::<PyTuple>() else {
        if assign && key.is_none() {
            return Err(IndexError::new_err(FLAT_INVALID));
        }
        return flat_item(key);
    };
    if assign {
        let zero_d =
            t.is_empty() || (t.len() == 1 && t.get_item(0)?.is_instance_of::<PyEllipsis>());
        if zero_d {
            return Err(IndexError::new_err(
                "Assigning to a flat iterator with a 0-D index is not supported",
            ));
        }
        if t.iter().any(|e| e.is_none()) {
            return Err(IndexError::new_err(FLAT_INVALID));
        }
    }
    let items = t
        .iter()
        .map(|e| flat_item(&e))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any())
}
