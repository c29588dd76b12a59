//! Parsing Python index keys (`a[1:, ::-2]`, `a[..., None]`) into basic index items.

use numoxide_core::IndexItem;
use pyo3::exceptions::PyIndexError as IndexError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyEllipsis, PyInt, PySlice, PyTuple};

/// The items of a basic index, and whether the key was a single integer per axis (so
/// that a 0-d result should be returned as a scalar).
pub struct ParsedIndex {
    pub items: Vec<IndexItem>,
    pub all_ints: bool,
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

fn parse_item(obj: &Bound<'_, PyAny>) -> PyResult<IndexItem> {
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        return Ok(IndexItem::Int(int_index(i.as_any())?));
    }
    if obj.is_none() {
        return Ok(IndexItem::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(IndexItem::Ellipsis);
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        let py = obj.py();
        let start = opt_isize(&s.getattr(pyo3::intern!(py, "start"))?)?;
        let stop = opt_isize(&s.getattr(pyo3::intern!(py, "stop"))?)?;
        let step = opt_isize(&s.getattr(pyo3::intern!(py, "step"))?)?;
        return Ok(IndexItem::Slice(start, stop, step));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(IndexError::new_err(
            "numoxide does not support boolean scalar indices yet (advanced indexing)",
        ));
    }
    // Integer-like objects (numoxide/NumPy integer scalars) index like ints; arrays and
    // lists would be advanced indexing.
    // (numoxide scalars define `__len__` only to raise TypeError, as NumPy's do.)
    if obj.hasattr("__index__")?
        && (crate::scalar::is_numoxide_scalar(obj) || !obj.hasattr("__len__")?)
    {
        let i = obj.call_method0("__index__")?;
        return Ok(IndexItem::Int(int_index(&i)?));
    }
    Err(IndexError::new_err(INVALID))
}

fn int_index(obj: &Bound<'_, PyAny>) -> PyResult<isize> {
    obj.extract::<isize>()
        .map_err(|_| IndexError::new_err("cannot fit 'int' into an index-sized integer"))
}

/// Parse an index key.
pub fn parse_index(key: &Bound<'_, PyAny>) -> PyResult<ParsedIndex> {
    let items: Vec<IndexItem> = if let Ok(t) = key.cast_exact::<PyTuple>() {
        t.iter().map(|k| parse_item(&k)).collect::<PyResult<_>>()?
    } else {
        vec![parse_item(key)?]
    };
    let all_ints = items.iter().all(|i| matches!(i, IndexItem::Int(_)));
    Ok(ParsedIndex { items, all_ints })
}
