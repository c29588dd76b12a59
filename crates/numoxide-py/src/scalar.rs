//! numoxide scalars on the Python side: the scalar type objects (defined in
//! `numoxide/_scalars.py` and registered here once) and the conversions between Python
//! objects and [`Scalar`] values.

use numoxide_core::dtype::ALL_KINDS;
use numoxide_core::element::Complex;
use numoxide_core::{DType, DTypeKind, Scalar};
use pyo3::exceptions::{PyOverflowError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyTuple, PyType};

static SCALAR_TYPES: PyOnceLock<Vec<ScalarClass>> = PyOnceLock::new();
static GENERIC: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// One registered scalar class and how to build its instances without a Python call.
struct ScalarClass {
    cls: Py<PyType>,
    layout: Layout,
    /// For `bool_`: its two instances (`False_`, `True_`), which NumPy also keeps unique.
    bools: Option<[Py<PyAny>; 2]>,
}

/// How an instance of a scalar class stores its value, as found (and checked) when the
/// classes are registered. Anything unexpected falls back to calling Python.
#[derive(Clone, Copy)]
enum Layout {
    /// A `float` subclass adding no fields: the value is `PyFloatObject::ob_fval`.
    Float,
    /// A `complex` subclass adding no fields: the value is `PyComplexObject::cval`.
    Complex,
    /// A subclass of [`ScalarBox`] adding no fields: the value is the box's element bytes.
    Native,
    /// Build through the class's Python constructor.
    Call,
}

/// Called once by `numoxide/__init__.py` with the scalar classes in [`ALL_KINDS`] order
/// and the `generic` base class.
#[pyfunction]
pub fn _register_scalar_types(
    py: Python<'_>,
    types: &Bound<'_, PyTuple>,
    generic: Bound<'_, PyType>,
) -> PyResult<()> {
    let v: Vec<ScalarClass> = types
        .iter()
        .zip(ALL_KINDS)
        .map(|(t, kind)| {
            let cls = t.cast_into::<PyType>()?;
            let layout = probe_layout(&cls, kind)?;
            let bools = match kind {
                DTypeKind::Bool => {
                    Some([cls.call1((false,))?.unbind(), cls.call1((true,))?.unbind()])
                }
                _ => None,
            };
            Ok(ScalarClass {
                cls: cls.unbind(),
                layout,
                bools,
            })
        })
        .collect::<PyResult<_>>()?;
    if v.len() != ALL_KINDS.len() {
        return Err(PyRuntimeError::new_err("wrong number of scalar types"));
    }
    let _ = SCALAR_TYPES.set(py, v);
    let _ = GENERIC.set(py, generic.unbind());
    Ok(())
}

/// Find how `cls` lays out its instances, and prove it by building one both ways.
fn probe_layout(cls: &Bound<'_, PyType>, kind: DTypeKind) -> PyResult<Layout> {
    let py = cls.py();
    let basicsize: isize = cls.getattr("__basicsize__")?.extract()?;
    let itemsize: isize = cls.getattr("__itemsize__")?.extract()?;
    if itemsize != 0 {
        return Ok(Layout::Call);
    }
    // `layout` when `cls` derives from `base` without adding fields, else `Call`.
    let extends = |base: &Bound<'_, PyType>, layout: Layout| -> PyResult<Layout> {
        let same = basicsize == base.getattr("__basicsize__")?.extract::<isize>()?;
        Ok(if same && cls.is_subclass(base)? {
            layout
        } else {
            Layout::Call
        })
    };
    let layout = match kind {
        DTypeKind::Bool => Layout::Call,
        DTypeKind::Float64 => extends(&py.get_type::<PyFloat>(), Layout::Float)?,
        DTypeKind::Complex128 => extends(&py.get_type::<PyComplex>(), Layout::Complex)?,
        _ => extends(box_type(py)?, Layout::Native)?,
    };
    if matches!(layout, Layout::Call) {
        return Ok(layout);
    }
    // Build a sample both ways; the fast layout is used only when they agree.
    let sample = Scalar::Int8(1).cast(kind);
    let fast = build_fast(py, cls, layout, sample)?;
    let slow = cls.call1((scalar_to_python(py, sample)?,))?;
    let agree = fast.get_type().is(cls)
        && fast.getattr("_value")?.eq(slow.getattr("_value")?)?
        && fast.repr()?.to_string() == slow.repr()?.to_string();
    Ok(if agree { layout } else { Layout::Call })
}

/// A new instance of `cls` holding `s`, written straight into its fields by `layout`.
fn build_fast<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    layout: Layout,
    s: Scalar,
) -> PyResult<Bound<'py, PyAny>> {
    let tp = cls.as_type_ptr();
    // SAFETY: `tp` is a live type object (we hold `cls`). Its `tp_alloc` (or the generic
    // allocator) returns a new, zero-filled instance of `basicsize` bytes with its type
    // and reference count set, or null with an exception set. `probe_layout` (or
    // `_scalar_new`, for a subclass) checked that the instance layout is
    // `PyFloatObject`, `PyComplexObject`, or that of [`ScalarBox`] (which every subclass
    // extends). Nothing can fail after the allocation.
    unsafe {
        let alloc = (*tp).tp_alloc.unwrap_or(pyo3::ffi::PyType_GenericAlloc);
        let obj = alloc(tp, 0);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        match layout {
            Layout::Float => {
                (*(obj as *mut pyo3::ffi::PyFloatObject)).ob_fval = s.to::<f64>();
            }
            Layout::Complex => {
                let c = s.to::<Complex<f64>>();
                (*(obj as *mut pyo3::ffi::PyComplexObject)).cval = pyo3::ffi::Py_complex {
                    real: c.re,
                    imag: c.im,
                };
            }
            Layout::Native => ScalarBox::write(obj, s),
            Layout::Call => {}
        }
        Ok(Bound::from_owned_ptr(py, obj))
    }
}

/// The storage of the scalar types that are not Python `float`/`complex` subclasses
/// (bool, the integers, float16, float32, complex64): the instance layout of the
/// `numoxide._ScalarBox` base class, which holds the element's bytes as an array does,
/// and its kind. All-zero bytes are a valid box (the kind's zero). The class is made
/// with the C API rather than `#[pyclass]` so that it, and the scalar classes built on
/// it, need no garbage-collector support.
#[repr(C)]
struct ScalarBox {
    ob_base: pyo3::ffi::PyObject,
    kind: u8,
    bits: [u64; 2],
}

impl ScalarBox {
    /// The value of a box.
    ///
    /// # Safety
    /// `obj` must be an instance of `_ScalarBox` or of a subclass.
    unsafe fn read(obj: *mut pyo3::ffi::PyObject) -> Scalar {
        // SAFETY: by the caller's promise `obj` has the `ScalarBox` layout; `bits` holds
        // one element of `kind` (written by `write`, or zero bytes, which are a valid
        // element of every kind).
        unsafe {
            let b = obj as *const ScalarBox;
            let kind = ALL_KINDS
                .get(usize::from((*b).kind))
                .copied()
                .unwrap_or(DTypeKind::Bool);
            Scalar::read_from(kind, std::ptr::addr_of!((*b).bits) as *const u8, false)
        }
    }

    /// Store `s` in a box.
    ///
    /// # Safety
    /// `obj` must be an instance of `_ScalarBox` or of a subclass, not yet shared.
    unsafe fn write(obj: *mut pyo3::ffi::PyObject, s: Scalar) {
        // SAFETY: by the caller's promise `obj` has the `ScalarBox` layout; `bits` is 16
        // bytes, room for one element of any kind.
        unsafe {
            let b = obj as *mut ScalarBox;
            (*b).kind = kind_index(s.kind()) as u8;
            s.write_to(std::ptr::addr_of_mut!((*b).bits) as *mut u8);
        }
    }
}

static BOX_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `numoxide._ScalarBox` class (made on first use).
pub fn box_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    use pyo3::ffi;
    let t = BOX_TYPE.get_or_try_init(py, || {
        let mut slots = [
            ffi::PyType_Slot {
                slot: ffi::Py_tp_doc,
                pfunc: c"Storage of numoxide's scalar types that are not float or complex.".as_ptr()
                    as *mut std::ffi::c_void,
            },
            ffi::PyType_Slot {
                slot: 0,
                pfunc: std::ptr::null_mut(),
            },
        ];
        let mut spec = ffi::PyType_Spec {
            name: c"numoxide._ScalarBox".as_ptr(),
            basicsize: std::mem::size_of::<ScalarBox>() as std::ffi::c_int,
            itemsize: 0,
            flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as std::ffi::c_uint,
            slots: slots.as_mut_ptr(),
        };
        // SAFETY: `spec` and its slots are valid for the call (the name and doc are
        // static); the result is a new reference or null with an exception set.
        let t = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpec(&mut spec))? };
        Ok::<_, PyErr>(t.cast_into::<PyType>()?.unbind())
    })?;
    Ok(t.bind(py))
}

/// The value of a `_ScalarBox` instance as a Python number (the scalar classes'
/// `_value`).
#[pyfunction]
pub fn _box_value<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = obj.py();
    if !obj.is_instance(box_type(py)?)? {
        return Err(PyTypeError::new_err("not a numoxide scalar"));
    }
    // SAFETY: `obj` is an instance of `_ScalarBox` (checked above).
    scalar_to_python(py, unsafe { ScalarBox::read(obj.as_ptr()) })
}

/// `cls(value)` for a scalar class built on [`ScalarBox`] (or a subclass of one):
/// the value coerced as the class's constructor does; array-likes give an array.
#[pyfunction]
pub fn _scalar_new<'py>(
    py: Python<'py>,
    cls: &Bound<'py, PyType>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if !cls.is_subclass(box_type(py)?)? {
        return Err(PyTypeError::new_err("not a numoxide scalar class"));
    }
    let type_char: String = cls
        .getattr(pyo3::intern!(py, "_numoxide_char"))?
        .extract()?;
    // Narrowing a value (to float16/float32 or an integer) reports NumPy's cast flags.
    let coerced = if matches!(type_char.as_str(), "d" | "D" | "?" | "g" | "G") {
        coerce(py, &type_char, value)?
    } else {
        crate::convert::checked_cast(py, || coerce(py, &type_char, value))?
    };
    match coerced {
        Coerced::Scalar(s) => build_fast(py, cls, Layout::Native, s),
        Coerced::Array(a) => Ok(a),
    }
}

/// The value of `obj` when its type is exactly one of the registered scalar classes,
/// read straight from the instance's fields.
pub fn read_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    let py = obj.py();
    let Some(table) = SCALAR_TYPES.get(py) else {
        return Ok(None);
    };
    let tp = obj.get_type_ptr();
    let Some(class) = table
        .iter()
        .find(|c| c.cls.as_ptr() as *mut pyo3::ffi::PyTypeObject == tp)
    else {
        return Ok(None);
    };
    let raw = obj.as_ptr();
    // SAFETY: `obj`'s type is exactly `class.cls`, whose instance layout `probe_layout`
    // established when the classes were registered; the fields read below lie inside
    // every instance of it (for `Native`, a `ScalarBox`, always initialized).
    let s = unsafe {
        match class.layout {
            Layout::Float => Scalar::Float64((*(raw as *mut pyo3::ffi::PyFloatObject)).ob_fval),
            Layout::Complex => {
                let c = (*(raw as *mut pyo3::ffi::PyComplexObject)).cval;
                Scalar::Complex128(Complex::new(c.real, c.imag))
            }
            Layout::Native => ScalarBox::read(raw),
            Layout::Call => match &class.bools {
                Some([f, t]) if raw == f.as_ptr() || raw == t.as_ptr() => {
                    Scalar::Bool(raw == t.as_ptr())
                }
                _ => return Ok(None),
            },
        }
    };
    Ok(Some(s))
}

fn kind_index(kind: DTypeKind) -> usize {
    ALL_KINDS.iter().position(|&k| k == kind).unwrap_or(0)
}

fn scalar_class(py: Python<'_>, kind: DTypeKind) -> PyResult<&ScalarClass> {
    let table = SCALAR_TYPES
        .get(py)
        .ok_or_else(|| PyRuntimeError::new_err("numoxide scalar types are not registered"))?;
    table
        .get(kind_index(kind))
        .ok_or_else(|| PyRuntimeError::new_err("numoxide scalar types are not registered"))
}

/// The Python scalar class of `kind` (numoxide.float64, ...).
pub fn scalar_type(py: Python<'_>, kind: DTypeKind) -> PyResult<Py<PyType>> {
    Ok(scalar_class(py, kind)?.cls.clone_ref(py))
}

/// The value as the plain Python object (`item()`): bool, int, float or complex.
pub fn scalar_to_python<'py>(py: Python<'py>, s: Scalar) -> PyResult<Bound<'py, PyAny>> {
    Ok(match s {
        Scalar::Bool(v) => PyBool::new(py, v).to_owned().into_any(),
        Scalar::Int8(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt8(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int16(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt16(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int32(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt32(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int64(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt64(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Float16(v) => PyFloat::new(py, v.to_f64()).into_any(),
        Scalar::Float32(v) => PyFloat::new(py, v as f64).into_any(),
        Scalar::Float64(v) => PyFloat::new(py, v).into_any(),
        Scalar::Complex64(v) => PyComplex::from_doubles(py, v.re as f64, v.im as f64).into_any(),
        Scalar::Complex128(v) => PyComplex::from_doubles(py, v.re, v.im).into_any(),
    })
}

/// The value as a numoxide scalar object (`numoxide.float64(1.5)`), what indexing one
/// element returns.
pub fn scalar_to_numoxide<'py>(py: Python<'py>, s: Scalar) -> PyResult<Bound<'py, PyAny>> {
    let class = scalar_class(py, s.kind())?;
    let cls = class.cls.bind(py);
    if let (Scalar::Bool(b), Some(pair)) = (s, &class.bools) {
        return Ok(pair[usize::from(b)].bind(py).clone());
    }
    match class.layout {
        Layout::Call => cls.call1((scalar_to_python(py, s)?,)),
        layout => build_fast(py, cls, layout, s),
    }
}

/// Whether `obj` is a numoxide scalar (an instance of `numoxide.generic`).
pub fn is_numoxide_scalar(obj: &Bound<'_, PyAny>) -> bool {
    match GENERIC.get(obj.py()) {
        Some(g) => obj.is_instance(g.bind(obj.py())).unwrap_or(false),
        None => false,
    }
}

/// How a Python object reads as one element value, before any target dtype is known.
#[derive(Clone, Copy, Debug)]
pub enum PyValue {
    /// A typed value (numoxide or NumPy scalar): its dtype counts in promotion.
    Typed(Scalar),
    /// A Python bool.
    Bool(bool),
    /// A Python int that fits in i64.
    Int(i64),
    /// A Python int in (i64::MAX, u64::MAX].
    BigUInt(u64),
    /// A Python float.
    Float(f64),
    /// A Python complex.
    Complex(f64, f64),
}

impl PyValue {
    /// The dtype NumPy's array coercion gives this value on its own.
    pub fn default_dtype(&self) -> DType {
        match self {
            PyValue::Typed(s) => s.dtype(),
            PyValue::Bool(_) => DType::BOOL,
            PyValue::Int(_) => DType::INT64,
            PyValue::BigUInt(_) => DType::new(DTypeKind::UInt64),
            PyValue::Float(_) => DType::FLOAT64,
            PyValue::Complex(..) => DType::COMPLEX128,
        }
    }
    /// The value as a scalar of its own default dtype.
    pub fn to_scalar(self) -> Scalar {
        match self {
            PyValue::Typed(s) => s,
            PyValue::Bool(b) => Scalar::Bool(b),
            PyValue::Int(i) => Scalar::Int64(i),
            PyValue::BigUInt(u) => Scalar::UInt64(u),
            PyValue::Float(f) => Scalar::Float64(f),
            PyValue::Complex(re, im) => Scalar::Complex128(Complex::new(re, im)),
        }
    }
    /// The value converted for storage in an array of `kind`, as NumPy's `__setitem__`
    /// and `full` do: Python ints out of the kind's range raise OverflowError (NEP 50).
    ///
    /// # Errors
    /// `OverflowError` "Python integer N out of bounds for uint8".
    pub fn for_kind(self, kind: DTypeKind) -> PyResult<Scalar> {
        if kind.is_integer() {
            let (lo, hi) = int_bounds(kind);
            let v: Option<i128> = match self {
                PyValue::Int(i) => Some(i as i128),
                PyValue::BigUInt(u) => Some(u as i128),
                _ => None,
            };
            if let Some(v) = v {
                if v < lo || v > hi {
                    return Err(PyOverflowError::new_err(format!(
                        "Python integer {v} out of bounds for {}",
                        kind.name()
                    )));
                }
            }
        }
        Ok(self.to_scalar().cast(kind))
    }
}

/// The inclusive range of an integer kind.
pub fn int_bounds(kind: DTypeKind) -> (i128, i128) {
    kind.int_bounds()
}

/// Read a Python object as one element value, or `None` when it is not a scalar.
///
/// # Errors
/// `OverflowError` for Python ints outside [i64::MIN, u64::MAX] (numoxide has no object
/// dtype to hold them).
pub fn py_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyValue>> {
    // Exact Python types first: the common case on hot paths.
    if let Ok(f) = obj.cast_exact::<PyFloat>() {
        return Ok(Some(PyValue::Float(f.value())));
    }
    if let Ok(b) = obj.cast_exact::<PyBool>() {
        return Ok(Some(PyValue::Bool(b.is_true())));
    }
    if let Ok(i) = obj.cast_exact::<PyInt>() {
        return int_value(i).map(Some);
    }
    if let Some(s) = read_scalar(obj)? {
        return Ok(Some(PyValue::Typed(s)));
    }
    if is_numoxide_scalar(obj) {
        let kind_char: String = obj.get_type().getattr("_numoxide_char")?.extract()?;
        let kind = DType::parse(&kind_char)
            .map_err(crate::error::to_pyerr)?
            .kind();
        let value = obj.getattr("_value")?;
        let pv = py_value(&value)?.ok_or_else(|| PyTypeError::new_err("bad numoxide scalar"))?;
        return Ok(Some(PyValue::Typed(pv.to_scalar().cast(kind))));
    }
    if let Ok(c) = obj.cast::<PyComplex>() {
        if let Some(s) = numpy_scalar(obj)? {
            return Ok(Some(s));
        }
        return Ok(Some(PyValue::Complex(c.real(), c.imag())));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        if let Some(s) = numpy_scalar(obj)? {
            return Ok(Some(s));
        }
        return Ok(Some(PyValue::Float(f.value())));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return int_value(i).map(Some);
    }
    numpy_scalar(obj)
}

fn int_value(i: &Bound<'_, PyInt>) -> PyResult<PyValue> {
    if let Ok(v) = i.extract::<i64>() {
        return Ok(PyValue::Int(v));
    }
    if let Ok(v) = i.extract::<u64>() {
        return Ok(PyValue::BigUInt(v));
    }
    Err(PyOverflowError::new_err(format!(
        "Python integer {} out of bounds for int64",
        i.str()?
    )))
}

/// A NumPy scalar (`numpy.float32(1.5)`, `numpy.int8(3)`) read by its dtype.
fn numpy_scalar(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyValue>> {
    let module: String = match obj.get_type().getattr("__module__") {
        Ok(m) => m.extract().unwrap_or_default(),
        Err(_) => return Ok(None),
    };
    if module != "numpy" {
        return Ok(None);
    }
    let dtype = match obj.getattr("dtype") {
        Ok(d) => crate::dtype::dtype_from_py(&d)?,
        Err(_) => return Ok(None),
    };
    if obj
        .getattr("ndim")
        .and_then(|n| n.extract::<usize>())
        .unwrap_or(1)
        != 0
    {
        return Ok(None);
    }
    let item = obj.call_method0("item")?;
    let pv = match py_value(&item)? {
        Some(v) => v,
        None => return Ok(None),
    };
    Ok(Some(PyValue::Typed(pv.to_scalar().cast(dtype.kind()))))
}

fn char_kind(c: &str) -> PyResult<DTypeKind> {
    Ok(DType::parse(c).map_err(crate::error::to_pyerr)?.kind())
}

/// The Python value a scalar type's constructor stores: `int8(300)` raises
/// OverflowError, `int8(3.7)` is 3, `float32(0.1)` is rounded to float32; array-likes
/// give an array of that dtype.
#[pyfunction]
pub fn _scalar_coerce<'py>(
    py: Python<'py>,
    type_char: &str,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match coerce(py, type_char, value)? {
        Coerced::Scalar(s) => scalar_to_python(py, s),
        Coerced::Array(a) => Ok(a),
    }
}

/// What a scalar type's constructor makes of its argument.
enum Coerced<'py> {
    Scalar(Scalar),
    Array(Bound<'py, PyAny>),
}

fn coerce<'py>(
    py: Python<'py>,
    type_char: &str,
    value: &Bound<'py, PyAny>,
) -> PyResult<Coerced<'py>> {
    let kind = char_kind(type_char)?;
    if let Ok(i) = value.cast_exact::<PyInt>() {
        if i.extract::<i64>().is_err() && i.extract::<u64>().is_err() {
            // Beyond int64/uint64: only inexact kinds (through float()) and bool take it.
            let s = match kind {
                DTypeKind::Bool => Scalar::Bool(true),
                k if k.is_integer() => {
                    return Err(PyOverflowError::new_err(
                        "Python int too large to convert to C long",
                    ))
                }
                k => Scalar::Float64(i.extract::<f64>()?).cast(k),
            };
            return Ok(Coerced::Scalar(s));
        }
    }
    if let Some(v) = py_value(value)? {
        let s = match v {
            // Constructing from another typed scalar is an unsafe cast.
            PyValue::Typed(_) => v.to_scalar().cast(kind),
            // A Python complex goes through int()/float() for real kinds, which refuse it.
            PyValue::Complex(..) if kind.is_integer() => {
                return Err(PyTypeError::new_err(
                    "int() argument must be a string, a bytes-like object or a real number, not 'complex'",
                ))
            }
            PyValue::Complex(..) if kind.is_float() => {
                return Err(PyTypeError::new_err("float() argument must be a string or a real number, not 'complex'"))
            }
            PyValue::Complex(..) => v.to_scalar().cast(kind),
            // A Python float into an integer kind: int() then NEP 50's range check.
            PyValue::Float(_) => crate::convert::element_value(v, kind)?,
            _ => v.for_kind(kind)?,
        };
        return Ok(Coerced::Scalar(s));
    }
    if let Ok(text) = value.cast::<pyo3::types::PyString>() {
        let builtin = if kind.is_integer() {
            "int"
        } else if kind.is_complex() {
            "complex"
        } else if kind == DTypeKind::Bool {
            "bool"
        } else {
            "float"
        };
        let parsed = py.import("builtins")?.getattr(builtin)?.call1((text,))?;
        return coerce(py, type_char, &parsed);
    }
    let arr = crate::convert::to_array(value, Some(&DType::new(kind)))?;
    Ok(Coerced::Array(
        crate::array::wrap(py, arr)?.into_bound(py).into_any(),
    ))
}

/// The value of a Python-side scalar as a typed [`Scalar`].
/// The scalar of kind `type_char` holding the Python number `value`.
pub(crate) fn typed(type_char: &str, value: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    let kind = char_kind(type_char)?;
    let v = py_value(value)?.ok_or_else(|| PyTypeError::new_err("not a scalar value"))?;
    Ok(v.to_scalar().cast(kind))
}

/// A scalar class `numoxide.<name>` with these bases and attributes, made without
/// CPython's garbage-collector support: its instances hold no references (the value
/// lives in a `float`, `complex` or [`ScalarBox`] base), so they need no tracking, and
/// making and freeing one (what every indexing of one element does) skips the
/// collector's bookkeeping, as NumPy's static scalar types do.
#[pyfunction]
pub fn _scalar_type<'py>(
    py: Python<'py>,
    name: &str,
    bases: &Bound<'py, PyTuple>,
    namespace: &Bound<'py, pyo3::types::PyDict>,
) -> PyResult<Bound<'py, PyType>> {
    use pyo3::ffi;
    let full = std::ffi::CString::new(format!("numoxide.{name}"))
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    // Older CPythons keep pointing at the spec's name: it lives as long as the process.
    let full: &'static std::ffi::CStr = Box::leak(full.into_boxed_c_str());
    // The direct arithmetic slots (see `scalar_ops::direct`), then the terminator.
    let mut slots: Vec<ffi::PyType_Slot> = crate::scalar_ops::direct::slots(py)
        .into_iter()
        .map(|(slot, pfunc)| ffi::PyType_Slot { slot, pfunc })
        .collect();
    slots.push(ffi::PyType_Slot {
        slot: 0,
        pfunc: std::ptr::null_mut(),
    });
    let mut spec = ffi::PyType_Spec {
        name: full.as_ptr(),
        basicsize: 0,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as std::ffi::c_uint,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: `spec` and its slots (terminated by a zero slot) are valid for the call; `bases` is a
    // tuple of types. The result is a new reference or null with an exception set.
    let cls = unsafe {
        Bound::from_owned_ptr_or_err(py, ffi::PyType_FromSpecWithBases(&mut spec, bases.as_ptr()))?
    };
    let cls = cls.cast_into::<PyType>()?;
    // SAFETY: reading the flags of a live type object.
    let gc = unsafe { ffi::PyType_HasFeature(cls.as_type_ptr(), ffi::Py_TPFLAGS_HAVE_GC) } != 0;
    if gc {
        return Err(PyRuntimeError::new_err(format!(
            "scalar type {name} unexpectedly needs the garbage collector"
        )));
    }
    // A class with its own rich comparison (the direct slots) does not inherit its
    // bases' hash: give it back, unless the body defines one.
    if !namespace.contains("__hash__")? {
        if let Ok(base) = bases.get_item(0) {
            cls.setattr("__hash__", base.getattr("__hash__")?)?;
        }
    }
    let staticmethod = py.import("builtins")?.getattr("staticmethod")?;
    for (key, value) in namespace.iter() {
        let key: String = key.extract()?;
        if matches!(
            key.as_str(),
            "__dict__" | "__weakref__" | "__slots__" | "__qualname__"
        ) {
            continue;
        }
        if key == "__new__" && !value.is_instance(&staticmethod)? {
            cls.setattr(key.as_str(), staticmethod.call1((value,))?)?;
        } else {
            cls.setattr(key.as_str(), value)?;
        }
    }
    Ok(cls)
}

/// The value of `obj`, an exact Python int, when it lies in [i64::MIN, u64::MAX].
pub(crate) fn exact_int_value(obj: &Bound<'_, PyAny>) -> Option<i128> {
    use pyo3::ffi;
    let raw = obj.as_ptr();
    // SAFETY: `obj` is a live int; the C API reports failure through its return value and
    // the error indicator, which is cleared here.
    unsafe {
        let mut overflow = 0;
        let v = ffi::PyLong_AsLongLongAndOverflow(raw, &mut overflow);
        if overflow == 0 && (v != -1 || ffi::PyErr_Occurred().is_null()) {
            return Some(i128::from(v));
        }
        ffi::PyErr_Clear();
        if overflow > 0 {
            let u = ffi::PyLong_AsUnsignedLongLong(raw);
            if u != u64::MAX || ffi::PyErr_Occurred().is_null() {
                return Some(i128::from(u));
            }
            ffi::PyErr_Clear();
        }
        None
    }
}

/// A number read by [`quick_number`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum QuickNumber {
    /// A float64 value.
    Float(f64),
    /// An int64 value.
    Int(i64),
}

/// The value of `obj` when it is exactly a numoxide float64 or int64 (typed: `true`) or a
/// Python float or an int within int64 (weak: `false`); None for anything else. This is
/// the operand reader of the scalar operators' fast path.
pub(crate) fn quick_number(obj: &Bound<'_, PyAny>) -> Option<(QuickNumber, bool)> {
    use pyo3::ffi;
    let tp = obj.get_type_ptr();
    let raw = obj.as_ptr();
    // SAFETY: each branch reads the object through the layout of the exact type just
    // matched: CPython's float and int, or the registered float64 (a `float` subclass
    // without fields, checked by `probe_layout`) and int64 (`ScalarBox`) classes.
    unsafe {
        if tp == std::ptr::addr_of_mut!(ffi::PyFloat_Type) {
            return Some((QuickNumber::Float(ffi::PyFloat_AS_DOUBLE(raw)), false));
        }
        if tp == std::ptr::addr_of_mut!(ffi::PyLong_Type) {
            let v = i64::try_from(exact_int_value(obj)?).ok()?;
            return Some((QuickNumber::Int(v), false));
        }
        let table = SCALAR_TYPES.get(obj.py())?;
        let float64 = table.get(kind_index(DTypeKind::Float64))?;
        if tp == float64.cls.as_ptr() as *mut ffi::PyTypeObject
            && matches!(float64.layout, Layout::Float)
        {
            let v = (*(raw as *mut ffi::PyFloatObject)).ob_fval;
            return Some((QuickNumber::Float(v), true));
        }
        let int64 = table.get(kind_index(DTypeKind::Int64))?;
        if tp == int64.cls.as_ptr() as *mut ffi::PyTypeObject
            && matches!(int64.layout, Layout::Native)
        {
            if let Scalar::Int64(v) = ScalarBox::read(raw) {
                return Some((QuickNumber::Int(v), true));
            }
        }
    }
    None
}
