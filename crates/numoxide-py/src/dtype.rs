//! `numoxide.dtype`: the Python face of [`DType`], and the conversion of every dtype-like
//! Python object (strings, Python types, scalar types, NumPy dtypes) to a descriptor.

use numoxide_core::dtype::ALL_KINDS;
use numoxide_core::{DType, DTypeKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyString, PyType};

use crate::error::IntoPyResult;
use crate::scalar::scalar_type;

/// A data-type descriptor (NumPy's `dtype`).
#[pyclass(name = "dtype", module = "numoxide", frozen)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyDType {
    pub inner: DType,
}

static NATIVE: PyOnceLock<Vec<Py<PyDType>>> = PyOnceLock::new();

/// The shared `dtype` object of a native descriptor (so `a.dtype is np.dtype('f8')`).
pub fn dtype_object(py: Python<'_>, dtype: &DType) -> PyResult<Py<PyDType>> {
    if dtype.is_native() {
        let table = NATIVE.get_or_try_init(py, || {
            ALL_KINDS
                .iter()
                .map(|&k| {
                    Py::new(
                        py,
                        PyDType {
                            inner: DType::new(k),
                        },
                    )
                })
                .collect::<PyResult<Vec<_>>>()
        })?;
        let i = ALL_KINDS
            .iter()
            .position(|&k| k == dtype.kind())
            .unwrap_or(0);
        return Ok(table[i].clone_ref(py));
    }
    Py::new(
        py,
        PyDType {
            inner: dtype.clone(),
        },
    )
}

/// Convert any dtype-like object to a descriptor; `None` means float64 as in NumPy.
pub fn dtype_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().inner.clone());
    }
    if obj.is_none() {
        return Ok(DType::FLOAT64);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return DType::parse(s.to_str()?).py();
    }
    if let Ok(t) = obj.cast::<PyType>() {
        let py = obj.py();
        if t.is(py.get_type::<PyBool>()) {
            return Ok(DType::BOOL);
        }
        if t.is(py.get_type::<PyInt>()) {
            return Ok(DType::INT64);
        }
        if t.is(py.get_type::<PyFloat>()) {
            return Ok(DType::FLOAT64);
        }
        if t.is(py.get_type::<PyComplex>()) {
            return Ok(DType::COMPLEX128);
        }
        // numoxide's own scalar types carry their type character.
        if let Ok(c) = t.getattr("_numoxide_char") {
            return DType::parse(&c.extract::<String>()?).py();
        }
        // NumPy's scalar types: `numpy.float64` and friends.
        let module: String = t
            .getattr("__module__")
            .and_then(|m| m.extract())
            .unwrap_or_default();
        if module == "numpy" {
            let name: String = t.getattr("__name__")?.extract()?;
            if let Ok(d) = DType::parse(&name) {
                return Ok(d);
            }
        }
        return Err(PyTypeError::new_err(format!(
            "Cannot interpret '{}' as a data type",
            obj.repr()?
        )));
    }
    // NumPy dtypes and anything else with a `.str` typestr or a `.dtype` attribute.
    let tmodule: String = obj
        .get_type()
        .getattr("__module__")
        .and_then(|m| m.extract())
        .unwrap_or_default();
    if tmodule.starts_with("numpy") && obj.hasattr("kind")? && obj.hasattr("itemsize")? {
        if let Ok(s) = obj.getattr("str") {
            return DType::parse(&s.extract::<String>()?).py();
        }
    }
    if let Ok(d) = obj.getattr("dtype") {
        if !d.is(obj) {
            return dtype_from_py(&d);
        }
    }
    Err(PyTypeError::new_err(format!(
        "Cannot interpret '{}' as a data type",
        obj.repr()?
    )))
}

/// Convert an optional dtype argument (Python `None` = not given).
pub fn opt_dtype(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => dtype_from_py(o).map(Some),
    }
}

#[pymethods]
impl PyDType {
    /// `dtype[scalar_type]` in type annotations: a `types.GenericAlias`.
    #[classmethod]
    fn __class_getitem__<'py>(
        cls: &Bound<'py, PyType>,
        item: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::subclass::generic_alias(cls, item, 1)
    }

    #[new]
    #[pyo3(signature = (obj, align=false, copy=false))]
    fn py_new(obj: &Bound<'_, PyAny>, align: bool, copy: bool) -> PyResult<Self> {
        let _ = (align, copy);
        Ok(PyDType {
            inner: dtype_from_py(obj)?,
        })
    }

    /// NumPy's name: 'float64', 'int32', 'bool', ...
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    /// One character for the kind: b, i, u, f, c.
    #[getter]
    fn kind(&self) -> String {
        self.inner.kind().kind_char().to_string()
    }
    /// The type character ('d', 'f', 'l', ...).
    #[getter]
    fn char(&self) -> String {
        self.inner.kind().char().to_string()
    }
    /// NumPy's type number.
    #[getter]
    fn num(&self) -> u32 {
        self.inner.kind().num()
    }
    /// Bytes per element.
    #[getter]
    fn itemsize(&self) -> usize {
        self.inner.itemsize()
    }
    /// Alignment in bytes.
    #[getter]
    fn alignment(&self) -> usize {
        self.inner.kind().real_kind().itemsize()
    }
    /// The array-protocol typestring: '<f8', '|b1', '>i4'.
    #[getter]
    fn str(&self) -> String {
        self.inner.str()
    }
    /// '=' native, '|' not applicable, '<' little, '>' big.
    #[getter]
    fn byteorder(&self) -> String {
        self.inner.byteorder_char().to_string()
    }
    /// Whether the byte order is the machine's.
    #[getter]
    fn isnative(&self) -> bool {
        self.inner.is_native() || self.inner.itemsize() == 1
    }
    /// 1 for the built-in types.
    #[getter]
    fn isbuiltin(&self) -> i32 {
        if self.inner.is_native() {
            1
        } else {
            0
        }
    }
    /// The scalar type of the elements (numoxide.float64, ...).
    #[getter]
    fn r#type(&self, py: Python<'_>) -> PyResult<Py<PyType>> {
        scalar_type(py, self.inner.kind())
    }
    /// `()` for non-subarray types.
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyTuple> {
        pyo3::types::PyTuple::empty(py)
    }
    /// 0 for non-subarray types.
    #[getter]
    fn ndim(&self) -> usize {
        0
    }
    /// The descriptor itself (for non-subarray types).
    #[getter]
    fn base(slf: Py<Self>) -> Py<Self> {
        slf
    }
    /// None: not a structured type.
    #[getter]
    fn names(&self) -> Option<()> {
        None
    }
    /// None: not a structured type.
    #[getter]
    fn fields(&self) -> Option<()> {
        None
    }
    /// None: not a subarray type.
    #[getter]
    fn subdtype(&self) -> Option<()> {
        None
    }
    /// False: numoxide has no object dtype in its core.
    #[getter]
    fn hasobject(&self) -> bool {
        false
    }
    /// None.
    #[getter]
    fn metadata(&self) -> Option<()> {
        None
    }
    /// The array-interface description: `[('', '<f8')]`.
    #[getter]
    fn descr(&self) -> Vec<(String, String)> {
        vec![(String::new(), self.inner.str())]
    }

    /// A copy with another byte order ('S' swaps; '<', '>', '=', '|' set it).
    #[pyo3(signature = (new_order="S"))]
    fn newbyteorder(&self, new_order: &str) -> PyResult<Self> {
        use numoxide_core::dtype::{ByteOrder, NATIVE_IS_LITTLE};
        let order = match new_order {
            "S" | "s" | "swap" => {
                return Ok(PyDType {
                    inner: self.inner.swapped(),
                })
            }
            // '|' (ignore) keeps the current order, as NumPy does.
            "|" | "I" | "i" | "ignore" => {
                return Ok(PyDType {
                    inner: self.inner.clone(),
                })
            }
            "=" | "N" | "native" => ByteOrder::Native,
            "<" | "L" | "little" => {
                if NATIVE_IS_LITTLE {
                    ByteOrder::Native
                } else {
                    ByteOrder::Swapped
                }
            }
            ">" | "B" | "big" => {
                if NATIVE_IS_LITTLE {
                    ByteOrder::Swapped
                } else {
                    ByteOrder::Native
                }
            }
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "{other} is an unrecognized byteorder"
                )))
            }
        };
        Ok(PyDType {
            inner: DType::with_order(self.inner.kind(), order),
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        dtype_eq_any(&self.inner, other)
    }
    fn __ne__(&self, other: &Bound<'_, PyAny>) -> bool {
        !dtype_eq_any(&self.inner, other)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
    fn __repr__(&self) -> String {
        format!("dtype({})", self.inner.repr_inner())
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __reduce__(&self, py: Python<'_>) -> PyResult<(Py<PyType>, (String,))> {
        Ok((py.get_type::<PyDType>().unbind(), (self.inner.str(),)))
    }
    fn __len__(&self) -> usize {
        0
    }
}

/// Equality with any dtype-like, as NumPy's `dtype.__eq__` (`np.dtype('f8') == 'float64'`).
pub fn dtype_eq_any(a: &DType, other: &Bound<'_, PyAny>) -> bool {
    match dtype_from_py(other) {
        Ok(b) => *a == b,
        Err(_) => false,
    }
}

/// Every native kind, for the Python layer's tables.
pub fn all_kinds() -> &'static [DTypeKind] {
    &ALL_KINDS
}
