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
/// NumPy's text for an invalid flat-iterator key (no `numpy.newaxis`, which it refuses).
pub const FLAT_INVALID: &str =
    "only integers, slices (`:`), ellipsis (`...`) and integer or boolean arrays are valid indices";
const FLAT_ARRAY_TYPE: &str = "arrays used as indices must be of integer (or boolean) type";
const FLAT_OVERFLOW: &str = "Python int too large to convert to C long";

/// An `a.flat[...]` key classified as NumPy 2.4+'s flat iterator classifies it.
pub enum FlatKey {
    /// `...`, `()` or `(...,)`: every element. `tuple` records whether the key was a
    /// tuple (an assignment refuses a 0-d tuple key).
    All { tuple: bool },
    /// One integer (unchecked against the size).
    Int(isize),
    /// One slice.
    Slice(IndexItem),
    /// A 0-d boolean (deprecated): the current element, or nothing.
    Bool0(bool),
    /// A 1-d boolean array as long as the iterator.
    Mask(NdArray),
    /// An integer index array (any shape).
    Fancy(NdArray),
    /// A key whose first element is None (an `IndexError` before anything else).
    NewAxis,
    /// A key of none of these forms (an `IndexError`; an assignment converts its value
    /// first).
    Invalid,
}

/// One parsed element of a flat key.
enum FlatEntry {
    Ellipsis,
    NewAxis,
    Slice(IndexItem),
    Int(isize),
    Bool0(bool),
    Mask(NdArray),
    /// An integer index array; `bool_len` is the length of the 1-d boolean array it came
    /// from (checked against the size when nonzero).
    Fancy {
        arr: NdArray,
        bool_len: usize,
    },
    /// The axes a boolean array of 2 or more dimensions would use.
    BoolNd(usize),
}

fn warn_invalid_flat(py: Python<'_>) -> PyResult<()> {
    PyErr::warn(
        py,
        &py.get_type::<pyo3::exceptions::PyDeprecationWarning>(),
        c"Invalid non-array indices for iterator objects are deprecated and will be removed in a future version. (Deprecated NumPy 2.4)",
        1,
    )
}

/// A plain integer read as NumPy reads a single index: ints and objects with
/// `__index__`, never booleans. None when it is not one (any error is dropped, as
/// NumPy drops it before trying the object as an array).
fn flat_intp(obj: &Bound<'_, PyAny>) -> Option<isize> {
    if obj.is_instance_of::<PyBool>() || is_bool_scalar(obj) {
        return None;
    }
    if obj.is_instance_of::<PyInt>() {
        return obj.extract::<isize>().ok();
    }
    if !obj.hasattr("__index__").unwrap_or(false) {
        return None;
    }
    let i = obj.call_method0("__index__").ok()?;
    i.extract::<isize>().ok()
}

/// Whether `obj` is a NumPy ndarray (an array to NumPy's index parser, not an
/// array-like).
fn is_numpy_ndarray(obj: &Bound<'_, PyAny>) -> bool {
    let ty = obj.get_type();
    ty.module().is_ok_and(|m| m == "numpy") && ty.name().is_ok_and(|n| n == "ndarray")
}

/// The nested-sequence shape and leaves of an array-like that would be an object or
/// string array to NumPy.
fn object_leaves<'py>(
    obj: &Bound<'py, PyAny>,
    depth: usize,
    shape: &mut Vec<usize>,
    leaves: &mut Vec<Bound<'py, PyAny>>,
) -> PyResult<()> {
    let seq = obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<pyo3::types::PyRange>();
    let ragged = |shape: &[usize]| {
        let dims: Vec<String> = shape[..depth].iter().map(|d| d.to_string()).collect();
        let tuple = if dims.len() == 1 {
            format!("({},)", dims[0])
        } else {
            format!("({})", dims.join(", "))
        };
        pyo3::exceptions::PyValueError::new_err(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {tuple} + inhomogeneous part."
        ))
    };
    if !seq {
        if depth < shape.len() {
            return Err(ragged(shape));
        }
        leaves.push(obj.clone());
        return Ok(());
    }
    let items: Vec<Bound<'py, PyAny>> = obj.try_iter()?.collect::<PyResult<_>>()?;
    if depth == shape.len() {
        if !leaves.is_empty() {
            return Err(ragged(shape));
        }
        shape.push(items.len());
    } else if shape[depth] != items.len() {
        return Err(ragged(shape));
    }
    for it in &items {
        object_leaves(it, depth + 1, shape, leaves)?;
    }
    Ok(())
}

/// NumPy's cast of an object (or string) array-like to intp: each element through
/// `int()`. A ValueError there is an invalid index; a value beyond intp overflows.
fn object_to_intp(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    let py = obj.py();
    let mut shape = Vec::new();
    let mut leaves = Vec::new();
    object_leaves(obj, 0, &mut shape, &mut leaves)?;
    let text = |o: &Bound<'_, PyAny>| {
        o.is_instance_of::<pyo3::types::PyString>() || o.is_instance_of::<pyo3::types::PyBytes>()
    };
    let number = |o: &Bound<'_, PyAny>| {
        o.is_instance_of::<PyInt>() || o.is_instance_of::<pyo3::types::PyFloat>()
    };
    // Strings mixed only with numbers make a string array: numbers are cast as text.
    let strings = leaves.iter().any(text) && leaves.iter().all(|o| text(o) || number(o));
    let int_type = py.get_type::<PyInt>();
    let mut vals = Vec::with_capacity(leaves.len());
    for leaf in &leaves {
        let r = if strings && !text(leaf) {
            int_type.call1((leaf.str()?,))
        } else {
            int_type.call1((leaf,))
        };
        let i = match r {
            Ok(i) => i,
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyValueError>(py) => {
                return Err(IndexError::new_err(FLAT_INVALID));
            }
            Err(e) => return Err(e),
        };
        let v = i
            .extract::<i64>()
            .map_err(|_| pyo3::exceptions::PyOverflowError::new_err(FLAT_OVERFLOW))?;
        vals.push(v);
    }
    NdArray::from_vec(vals, &shape).py()
}

/// Whether a nested list/tuple holds a str or bytes leaf (which numoxide's array
/// conversion would read as bytes, NumPy as a string).
fn has_text(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        return true;
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        if let Ok(it) = obj.try_iter() {
            return it.flatten().any(|e| has_text(&e));
        }
    }
    false
}

/// One element of a flat key, read as NumPy's index preparation reads it for a flat
/// iterator of `size` elements. `single` says the key has one element; `key_is_bool`
/// that the whole key is a Python bool.
fn flat_entry(
    obj: &Bound<'_, PyAny>,
    single: bool,
    key_is_bool: bool,
    size: usize,
) -> PyResult<FlatEntry> {
    let py = obj.py();
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(FlatEntry::Ellipsis);
    }
    if obj.is_none() {
        return Ok(FlatEntry::NewAxis);
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        return Ok(FlatEntry::Slice(slice_item(s)?));
    }
    let nd = obj.cast::<PyNdArray>().ok();
    if nd.is_none() || obj.is_exact_instance_of::<PyInt>() {
        if let Some(i) = flat_intp(obj) {
            return Ok(FlatEntry::Int(i));
        }
    }
    let (arr, given_array) = if let Some(a) = nd {
        (a.get().inner().clone(), true)
    } else if is_numpy_ndarray(obj) {
        let a = crate::convert::to_array(obj, None)
            .map_err(|_| IndexError::new_err(FLAT_ARRAY_TYPE))?;
        (a, true)
    } else {
        let converted = if has_text(obj) {
            None
        } else {
            match crate::convert::to_array(obj, None) {
                Ok(a) => Some(a),
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyValueError>(py) => return Err(e),
                Err(_) => None,
            }
        };
        let tmp = match converted {
            Some(a) => a,
            None => {
                // An object or string array to NumPy: cast element by element.
                let a = object_to_intp(obj)?;
                if a.size() != 0 {
                    warn_invalid_flat(py)?;
                }
                a
            }
        };
        let k = tmp.kind();
        if k == DTypeKind::Bool && !key_is_bool {
            return Err(IndexError::new_err(FLAT_BOOL));
        }
        if tmp.size() == 0 || !(k.is_integer() || k == DTypeKind::Bool) {
            let nonempty = tmp.size() != 0;
            let r = wrap(py, tmp)?
                .into_bound(py)
                .call_method1(pyo3::intern!(py, "astype"), ("intp",))?;
            let r = r.cast::<PyNdArray>()?.get().inner().clone();
            if nonempty {
                warn_invalid_flat(py)?;
            }
            (r, false)
        } else {
            (tmp, false)
        }
    };
    let k = arr.kind();
    if k == DTypeKind::Bool {
        if single && arr.ndim() == 1 && arr.size() == size {
            return Ok(FlatEntry::Mask(arr));
        }
        if arr.ndim() == 0 {
            return Ok(FlatEntry::Bool0(arr.item().py()?.to::<bool>()));
        }
        if arr.ndim() > 1 {
            return Ok(FlatEntry::BoolNd(arr.ndim()));
        }
        let len = arr.size();
        let idx = numoxide_ops::indexing::nonzero(&arr)
            .py()?
            .into_iter()
            .next()
            .ok_or_else(|| IndexError::new_err(FLAT_INVALID))?;
        return Ok(FlatEntry::Fancy {
            arr: idx,
            bool_len: len,
        });
    }
    if k.is_integer() {
        if arr.ndim() == 0 {
            let v = match arr.item().py()? {
                Scalar::UInt64(v) => isize::try_from(v)
                    .map_err(|_| pyo3::exceptions::PyOverflowError::new_err(FLAT_OVERFLOW))?,
                s => s.to::<i64>() as isize,
            };
            return Ok(FlatEntry::Int(v));
        }
        return Ok(FlatEntry::Fancy { arr, bool_len: 0 });
    }
    Err(IndexError::new_err(if given_array {
        FLAT_ARRAY_TYPE
    } else {
        FLAT_INVALID
    }))
}

/// Classify an `a.flat[...]` key for an iterator of `size` elements as NumPy 2.4+ does
/// (its index preparation for a 1-d target, then the flat iterator's dispatch).
///
/// # Errors
/// `IndexError`, `OverflowError`, `TypeError` or `ValueError` with NumPy's texts, and
/// NumPy's DeprecationWarnings for keys it still converts.
pub fn flat_key(key: &Bound<'_, PyAny>, size: usize) -> PyResult<FlatKey> {
    let tuple = key.cast::<PyTuple>().ok();
    let elems: Vec<Bound<'_, PyAny>> = match &tuple {
        Some(t) => {
            if t.len() > 128 {
                return Err(IndexError::new_err("too many indices for array"));
            }
            t.iter().collect()
        }
        None => vec![key.clone()],
    };
    let key_is_bool = key.is_instance_of::<PyBool>();
    let single = elems.len() == 1;
    let mut entries = Vec::with_capacity(elems.len());
    let mut ellipsis = false;
    for e in &elems {
        let entry = flat_entry(e, single, key_is_bool, size)?;
        if matches!(entry, FlatEntry::Ellipsis) {
            if ellipsis {
                return Err(IndexError::new_err(
                    "an index can only have a single ellipsis ('...')",
                ));
            }
            ellipsis = true;
        }
        let mask = matches!(entry, FlatEntry::Mask(_));
        entries.push(entry);
        if mask {
            break;
        }
    }
    let used: usize = entries
        .iter()
        .map(|e| match e {
            FlatEntry::Ellipsis | FlatEntry::NewAxis | FlatEntry::Bool0(_) => 0,
            FlatEntry::BoolNd(n) => *n,
            _ => 1,
        })
        .sum();
    if used > 1 {
        return Err(IndexError::new_err(format!(
            "too many indices for flat iterator: flat iterator is 1-dimensional, but {used} were indexed"
        )));
    }
    for e in &entries {
        if let FlatEntry::Fancy { bool_len, .. } = e {
            if *bool_len > 0 && *bool_len != size {
                return Err(IndexError::new_err(format!(
                    "boolean index did not match indexed flat iterator along axis 0; size of axis is {size} but size of corresponding boolean axis is {bool_len}"
                )));
            }
        }
    }
    if used == 0 {
        ellipsis = true;
    }
    Ok(match entries.first() {
        Some(FlatEntry::NewAxis) => FlatKey::NewAxis,
        Some(FlatEntry::Bool0(b)) => FlatKey::Bool0(*b),
        _ if entries.iter().all(|e| matches!(e, FlatEntry::Ellipsis)) => FlatKey::All {
            tuple: tuple.is_some(),
        },
        _ if ellipsis || entries.len() != 1 => FlatKey::Invalid,
        Some(FlatEntry::Int(i)) => FlatKey::Int(*i),
        Some(FlatEntry::Slice(s)) => FlatKey::Slice(*s),
        Some(FlatEntry::Mask(m)) => FlatKey::Mask(m.clone()),
        Some(FlatEntry::Fancy { arr, .. }) => FlatKey::Fancy(arr.clone()),
        _ => FlatKey::Invalid,
    })
}
