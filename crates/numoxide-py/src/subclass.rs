//! Subclasses of `ndarray`, as NumPy treats them.
//!
//! A view, copy or other result made from an instance of a Python subclass is an
//! instance of that subclass too. It is made without running the subclass's `__new__`
//! or `__init__` (NumPy allocates the object directly), and then its
//! `__array_finalize__(source)` runs so the subclass can copy its own attributes. An
//! explicit `Sub(shape)` / `ndarray.__new__(Sub, ...)` runs `__array_finalize__(None)`.
//!
//! Plain `ndarray` results take none of these steps: every entry point checks the exact
//! type first, so the common case costs one pointer comparison.

use std::cell::RefCell;
use std::sync::OnceLock;

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

use crate::array::PyNdArray;
use crate::error::IntoPyResult;

thread_local! {
    /// The array that the next argument-less `ndarray.__new__` call takes as its
    /// contents; set only by [`instance_of`] around its own call of the type's `tp_new`.
    static PENDING: RefCell<Option<PyNdArray>> = const { RefCell::new(None) };
}

/// The array [`instance_of`] handed to `ndarray.__new__`, if any.
pub(crate) fn take_pending() -> Option<PyNdArray> {
    PENDING.with(|p| p.borrow_mut().take())
}

/// PyO3's `tp_new` for ndarray, kept when [`install`] puts [`new_then_finalize`] in
/// its place.
static PYO3_NEW: OnceLock<ffi::newfunc> = OnceLock::new();

/// `ndarray.__array_finalize__` itself, to tell whether a subclass overrides it.
static BASE_FINALIZE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Whether `ty` is exactly `ndarray`.
#[inline]
pub fn is_base_type(py: Python<'_>, ty: &Bound<'_, PyType>) -> bool {
    ty.as_type_ptr() == py.get_type::<PyNdArray>().as_type_ptr()
}

/// Route `ndarray.__new__` through [`new_then_finalize`]. Call once, right after the
/// class is created and before anything subclasses it.
pub fn install(ty: &Bound<'_, PyType>) -> PyResult<()> {
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ndarray heap type that PyO3 just created with a `#[new]`,
    // so `tp_new` is set; no subclass exists yet to have copied the slot, and the GIL
    // is held. `PyType_Modified` drops any cached lookups.
    unsafe {
        let Some(original) = (*tp).tp_new else {
            return Ok(());
        };
        if PYO3_NEW.set(original).is_err() {
            return Ok(());
        }
        (*tp).tp_new = Some(new_then_finalize);
        ffi::PyType_Modified(tp);
    }
    BASE_FINALIZE.get_or_try_init(ty.py(), || {
        ty.getattr("__array_finalize__").map(Bound::unbind)
    })?;
    Ok(())
}

/// `ndarray.__new__`: PyO3's constructor, then `__array_finalize__(None)` when the new
/// object is a subclass instance.
///
/// # Safety
/// Called by CPython as a `tp_new` slot: the GIL is held, `subtype` is ndarray or a
/// subclass, `args` a tuple and `kwargs` a dict or null.
unsafe extern "C" fn new_then_finalize(
    subtype: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let Some(original) = PYO3_NEW.get() else {
        // SAFETY: the GIL is held (Python calls tp_new so); the message is a C string.
        unsafe {
            ffi::PyErr_SetString(
                ffi::PyExc_SystemError,
                c"ndarray.__new__ is not ready".as_ptr(),
            )
        };
        return std::ptr::null_mut();
    };
    // SAFETY: the arguments are the live ones Python passed to this tp_new, forwarded
    // unchanged to the constructor PyO3 generated for the same type.
    let obj = unsafe { original(subtype, args, kwargs) };
    if obj.is_null() {
        return obj;
    }
    let outcome = std::panic::catch_unwind(|| {
        // SAFETY: Python calls tp_new with the GIL held; `obj` is the new, owned
        // instance, borrowed here for the duration of the call.
        let py = unsafe { Python::assume_attached() };
        // SAFETY: as above, `obj` is live and an ndarray (or subclass) instance.
        let new = unsafe { Bound::from_borrowed_ptr(py, obj) };
        finalize(&new, None)
    });
    match outcome {
        Ok(Ok(())) => obj,
        Ok(Err(err)) => {
            // SAFETY: `obj` is owned by this function; the GIL is held.
            unsafe { ffi::Py_DECREF(obj) };
            // SAFETY: the GIL is held.
            err.restore(unsafe { Python::assume_attached() });
            std::ptr::null_mut()
        }
        Err(_) => {
            // SAFETY: `obj` is owned by this function; the GIL is held.
            unsafe {
                ffi::Py_DECREF(obj);
                ffi::PyErr_SetString(
                    ffi::PyExc_SystemError,
                    c"numoxide panicked in ndarray.__new__".as_ptr(),
                );
            }
            std::ptr::null_mut()
        }
    }
}

/// Run `new.__array_finalize__(source)` when `new`'s type overrides NumPy's no-op.
fn finalize(new: &Bound<'_, PyAny>, source: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    let py = new.py();
    let ty = new.get_type();
    if is_base_type(py, &ty) {
        return Ok(());
    }
    let method = ty.getattr("__array_finalize__")?;
    if let Some(base) = BASE_FINALIZE.get(py) {
        if method.is(base) {
            return Ok(());
        }
    }
    let source = match source {
        Some(s) => s.clone(),
        None => py.None().into_bound(py),
    };
    method.call1((new, source))?;
    Ok(())
}

/// A new instance of `ty` (ndarray or a subclass of it) holding `array`, then
/// `__array_finalize__(source)` on it as NumPy does.
///
/// # Errors
/// TypeError when `ty` is not an ndarray type; whatever `__array_finalize__` raises.
pub fn instance_of<'py>(
    ty: &Bound<'py, PyType>,
    array: PyNdArray,
    source: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyNdArray>> {
    let py = ty.py();
    if is_base_type(py, ty) {
        return Bound::new(py, array);
    }
    if !ty.is_subclass_of::<PyNdArray>()? {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "Type must be a sub-type of ndarray type",
        ));
    }
    let Some(original) = PYO3_NEW.get() else {
        return Err(pyo3::exceptions::PySystemError::new_err(
            "ndarray.__new__ is not ready",
        ));
    };
    PENDING.with(|p| *p.borrow_mut() = Some(array));
    let args = PyTuple::empty(py);
    // SAFETY: `original` is the constructor PyO3 generated for ndarray; `ty` is a live
    // subtype of ndarray (checked above) and `args` a live tuple; the GIL is held. With
    // no arguments the constructor takes the pending array (`take_pending`) instead of
    // allocating one, and skips the subclass's own `__new__`/`__init__` as NumPy does.
    let obj = unsafe { original(ty.as_type_ptr(), args.as_ptr(), std::ptr::null_mut()) };
    let leftover = take_pending();
    // SAFETY: a new reference or null with an exception set, the GIL held.
    let new = unsafe { Bound::from_owned_ptr_or_err(py, obj) }?;
    if leftover.is_some() {
        return Err(pyo3::exceptions::PySystemError::new_err(
            "ndarray subclass instance was not built from the pending array",
        ));
    }
    finalize(&new, source)?;
    // SAFETY: `original` builds instances of `ty`, a subtype of ndarray.
    Ok(unsafe { new.cast_into_unchecked::<PyNdArray>() })
}

/// `array` as an instance of `like`'s type, finalized from `like` — the form of every
/// result NumPy makes "like" an input (views, copies, `astype`, fancy indexing...).
#[inline]
pub fn like<'py>(
    like: &Bound<'py, PyNdArray>,
    array: PyNdArray,
) -> PyResult<Bound<'py, PyNdArray>> {
    let py = like.py();
    if like.is_exact_instance_of::<PyNdArray>() {
        return Bound::new(py, array);
    }
    instance_of(&like.get_type(), array, Some(like.as_any()))
}

/// `result`, a plain ndarray a routine made from `like`, as an instance of `like`'s
/// type (same array, same base); anything else (a scalar) passes through.
pub fn retype<'py>(
    like: &Bound<'py, PyNdArray>,
    result: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    if like.is_exact_instance_of::<PyNdArray>() || !result.is_exact_instance_of::<PyNdArray>() {
        return Ok(result);
    }
    Ok(self::like(like, same_array(&result)?)?.into_any())
}

/// A new ndarray value over the same memory (and base) as the plain array `result`,
/// ready to become a subclass instance.
fn same_array(result: &Bound<'_, PyAny>) -> PyResult<PyNdArray> {
    let plain = result.cast::<PyNdArray>()?;
    let this = plain.get();
    let base = this.base.as_ref().map(|b| b.clone_ref(result.py()));
    Ok(PyNdArray::with_base(this.inner().clone(), base))
}

/// `result` (a plain ndarray) as an instance of `ty`, finalized from `source` (None when
/// NumPy allocates the output without one, as `concatenate` does).
pub fn as_subtype<'py>(
    ty: &Bound<'py, PyType>,
    result: Bound<'py, PyAny>,
    source: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(instance_of(ty, same_array(&result)?, source)?.into_any())
}

/// NumPy's priority of plain arrays (`NPY_PRIORITY`) and of scalars.
const ARRAY_PRIORITY: f64 = 0.0;
const SCALAR_PRIORITY: f64 = -1_000_000.0;

/// How the result of a ufunc or reduction over some inputs reaches Python: NumPy's
/// `__array_wrap__` protocol. [`OutputWrap::find`] picks it once per call and
/// [`OutputWrap::apply`] applies it to each result.
pub enum OutputWrap<'py> {
    /// A plain ndarray (or a scalar when the call returns one).
    Plain,
    /// An instance of `source`'s subclass, which keeps ndarray's own `__array_wrap__`:
    /// made directly and finalized from `source`, as NumPy allocates such outputs.
    Like(Bound<'py, PyNdArray>),
    /// A call of a user `__array_wrap__` on the plain result.
    Call(Bound<'py, PyAny>),
}

/// Whether `obj` is a Python or numoxide scalar (NumPy's `PyArray_IsAnyScalar`).
fn is_any_scalar(obj: &Bound<'_, PyAny>) -> bool {
    use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyString};
    obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance_of::<PyComplex>()
        || obj.is_instance_of::<PyBool>()
        || obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || crate::scalar::is_numoxide_scalar(obj)
}

impl<'py> OutputWrap<'py> {
    /// The wrap for a call over `inputs` (NumPy's `npy_find_array_wrap`): the input with
    /// the highest `__array_priority__` among those with an `__array_wrap__`, plain
    /// arrays and scalars counting with NumPy's fixed priorities; the first on ties,
    /// except that a subclass beats a plain array of equal priority.
    ///
    /// # Errors
    /// Whatever reading `__array_wrap__` or `__array_priority__` raises.
    pub fn find(inputs: &[Bound<'py, PyAny>]) -> PyResult<Self> {
        if inputs.iter().all(|x| x.is_exact_instance_of::<PyNdArray>()) {
            return Ok(OutputWrap::Plain);
        }
        let mut chosen: Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = None;
        let mut priority = f64::NEG_INFINITY;
        let mut plain_holds = false;
        for obj in inputs {
            // A NumPy array is plain data here: its result is a numoxide array.
            if obj.is_exact_instance_of::<PyNdArray>() || crate::convert::is_numpy_ndarray(obj) {
                if priority < ARRAY_PRIORITY {
                    chosen = None;
                    plain_holds = true;
                    priority = ARRAY_PRIORITY;
                }
                continue;
            }
            if is_any_scalar(obj) {
                if priority < SCALAR_PRIORITY {
                    chosen = None;
                    plain_holds = true;
                    priority = SCALAR_PRIORITY;
                }
                continue;
            }
            let Some(wrap) = special_method(obj, "__array_wrap__")? else {
                continue;
            };
            let own = match obj.getattr("__array_priority__") {
                Ok(p) => p.extract::<f64>().unwrap_or(ARRAY_PRIORITY),
                Err(_) => ARRAY_PRIORITY,
            };
            let first = chosen.is_none() && !plain_holds;
            if first || priority < own || (own == ARRAY_PRIORITY && plain_holds) {
                chosen = Some((obj.clone(), wrap));
                plain_holds = false;
                priority = own;
            }
        }
        let Some((source, wrap)) = chosen else {
            return Ok(OutputWrap::Plain);
        };
        if let Ok(sub) = source.cast::<PyNdArray>() {
            let base = base_array_wrap(source.py())?;
            let unbound = source.get_type().getattr("__array_wrap__")?;
            if unbound.is(base) {
                return Ok(OutputWrap::Like(sub.clone()));
            }
        }
        Ok(OutputWrap::Call(wrap))
    }

    /// Whether results pass through unchanged (no subclass involved).
    #[inline]
    pub fn is_plain(&self) -> bool {
        matches!(self, OutputWrap::Plain)
    }

    /// `result` as the call returns it. `context` builds NumPy's `(ufunc, args, i)`
    /// tuple (None for reductions), only when a user `__array_wrap__` is called;
    /// `return_scalar` asks for a scalar from a 0-d plain result.
    ///
    /// # Errors
    /// Whatever the user's `__array_wrap__` or `__array_finalize__` raises.
    pub fn apply(
        &self,
        result: Bound<'py, PyNdArray>,
        context: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
        return_scalar: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = result.py();
        match self {
            OutputWrap::Plain => {
                if return_scalar && result.get().inner().ndim() == 0 {
                    let s = result.get().inner().item().py()?;
                    return crate::scalar::scalar_to_numoxide(py, s);
                }
                Ok(result.into_any())
            }
            OutputWrap::Like(source) => {
                let this = result.get();
                let base = this.base.as_ref().map(|b| b.clone_ref(py));
                let same = PyNdArray::with_base(this.inner().clone(), base);
                Ok(like(source, same)?.into_any())
            }
            OutputWrap::Call(wrap) => {
                let scalar = return_scalar && result.get().inner().ndim() == 0;
                let ctx = context()?;
                match wrap.call1((&result, &ctx, scalar)) {
                    Ok(r) => Ok(r),
                    Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => {
                        // NumPy retries older signatures, with a deprecation warning.
                        let retry = if ctx.is_none() {
                            wrap.call1((&result,))
                        } else {
                            wrap.call1((&result, &ctx))
                                .or_else(|_| wrap.call1((&result,)))
                        };
                        match retry {
                            Ok(r) => {
                                deprecated_wrap_signature(py)?;
                                Ok(r)
                            }
                            Err(_) => Err(e),
                        }
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }
}

/// NumPy's warning for an `__array_wrap__` that takes fewer arguments.
fn deprecated_wrap_signature(py: Python<'_>) -> PyResult<()> {
    let category = py
        .import("numoxide.exceptions")?
        .getattr("VisibleDeprecationWarning")?;
    PyErr::warn(
        py,
        &category,
        c"__array_wrap__ must accept context and return_scalar arguments (positionally) in the future. (Deprecated NumPy 2.0)",
        1,
    )
}

/// `ndarray.__array_wrap__` itself.
static BASE_WRAP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn base_array_wrap(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    ndarray_attribute(py, &BASE_WRAP, "__array_wrap__")
}

/// ndarray's own attribute `name`, looked up once into `cell` (to tell whether a
/// subclass overrides it).
pub(crate) fn ndarray_attribute<'py>(
    py: Python<'py>,
    cell: &'py PyOnceLock<Py<PyAny>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || {
        py.get_type::<PyNdArray>().getattr(name).map(Bound::unbind)
    })
    .map(|w| w.bind(py))
}

/// A special method looked up as NumPy does (on the instance, skipping plain Python
/// built-ins): `None` when the object has none.
fn special_method<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    match obj.getattr(name) {
        Ok(m) => Ok(Some(m)),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A view of `parent` made the way NumPy's `squeeze` makes it: of `parent`'s type, and
/// passed through `parent.__array_wrap__(view, None, False)` when the subclass defines
/// its own wrap.
///
/// # Errors
/// Whatever the subclass's `__array_wrap__` or `__array_finalize__` raises.
pub fn view_through_wrap<'py>(
    parent: &Bound<'py, PyNdArray>,
    inner: numoxide_core::NdArray,
) -> PyResult<Bound<'py, PyAny>> {
    let py = parent.py();
    if !parent.is_exact_instance_of::<PyNdArray>() {
        let wrap = parent.get_type().getattr("__array_wrap__")?;
        if !wrap.is(base_array_wrap(py)?) {
            let plain = Bound::new(py, PyNdArray::view_of(parent, inner))?;
            return parent.call_method1("__array_wrap__", (plain, py.None(), false));
        }
    }
    Ok(crate::array::wrap_view(py, parent, inner)?
        .into_bound(py)
        .into_any())
}

/// `result` of a reduction over `like` (an ndarray subclass instance) as NumPy returns
/// it: a plain array remade as `like`'s type; a numoxide scalar too (as a 0-d array)
/// when `scalars_too`; anything else unchanged.
///
/// # Errors
/// Whatever the subclass's `__array_finalize__` raises.
pub fn keep<'py>(
    like: &Bound<'py, PyNdArray>,
    result: Bound<'py, PyAny>,
    scalars_too: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if result.is_exact_instance_of::<PyNdArray>() {
        return retype(like, result);
    }
    if scalars_too && crate::scalar::is_numoxide_scalar(&result) {
        if let Some(crate::scalar::PyValue::Typed(s)) = crate::scalar::py_value(&result)? {
            let zero_d = PyNdArray::owned(numoxide_core::NdArray::from_scalar(s));
            return Ok(self::like(like, zero_d)?.into_any());
        }
    }
    Ok(result)
}

/// `cls[item]` for type annotations, as NumPy's generic classes answer it: a
/// `types.GenericAlias`, or NumPy's TypeError when `item` holds more than `most` types.
pub fn generic_alias<'py>(
    cls: &Bound<'py, PyType>,
    item: &Bound<'py, PyAny>,
    most: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let count = match item.cast::<PyTuple>() {
        Ok(t) => t.len(),
        Err(_) => 1,
    };
    if count > most {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "Too many arguments for {}.{}",
            cls.getattr("__module__")?
                .extract::<String>()?
                .trim_end_matches("._numoxide"),
            cls.name()?
        )));
    }
    py.import("types")?
        .getattr("GenericAlias")?
        .call1((cls, item))
}
