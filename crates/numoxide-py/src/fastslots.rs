//! Direct C slots for the tiniest ndarray calls: `a[i]`, `a[i] = x`, `a[1:3]`, `a[...]`.
//!
//! A PyO3 slot goes through a trampoline that registers the call with PyO3's per-thread
//! state (thread-local accesses through `__tls_get_addr`, about a fifth of an `a[0]`).
//! Here the ndarray type's mapping slots are replaced, once at module start and before any
//! instance or subclass exists, by plain `extern "C"` functions. They run the same quick
//! paths as `__getitem__`/`__setitem__` ([`PyNdArray::getitem_quick`],
//! [`PyNdArray::setitem_quick`]) and hand every other key to the PyO3 slot they replaced,
//! so behaviour is unchanged. Python subclasses inherit the new slots.
//!
//! Without the trampoline PyO3 does not know the thread is attached: a `Py<T>` dropped
//! here has its decref deferred to PyO3's next call instead of done at once (only on
//! error paths: the quick paths hand their results out as owned pointers). Panics are
//! caught so none unwinds into the interpreter.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use pyo3::exceptions::PySystemError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyType;
use smallvec::SmallVec;

use numoxide_core::NdArray;

use crate::array::PyNdArray;

type Subscript = unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;
type AssSubscript =
    unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject, *mut ffi::PyObject) -> i32;

/// The PyO3 slots the fast ones fall back to.
static PYO3_SLOTS: OnceLock<(Subscript, AssSubscript)> = OnceLock::new();

/// Install the fast mapping slots on the ndarray type. Call once, right after the class
/// is created and before anything subclasses it.
pub fn install(ty: &Bound<'_, PyType>) -> PyResult<()> {
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ndarray heap type, created by PyO3 with `__getitem__` and
    // `__setitem__`, so its `tp_as_mapping` points at the heap type's own mapping
    // methods, which may be changed before any instance or subclass exists. Python reads
    // the slots with the GIL held, which we hold too; `PyType_Modified` drops caches.
    unsafe {
        let mapping = (*tp).tp_as_mapping;
        if mapping.is_null() {
            return Ok(());
        }
        let (Some(get), Some(set)) = ((*mapping).mp_subscript, (*mapping).mp_ass_subscript) else {
            return Ok(());
        };
        if PYO3_SLOTS.set((get, set)).is_err() {
            return Ok(());
        }
        (*mapping).mp_subscript = Some(subscript);
        (*mapping).mp_ass_subscript = Some(ass_subscript);
        ffi::PyType_Modified(tp);
    }
    Ok(())
}

/// Run `quick` on the slot's arguments as PyO3 objects; `Err` when it panicked.
///
/// # Safety
/// `slf` is a live instance of ndarray (or a subclass), `key` a live object, and the
/// calling thread holds the GIL (Python calls slots so).
unsafe fn with_args<R>(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    quick: impl FnOnce(&Bound<'_, PyNdArray>, &Bound<'_, PyAny>) -> R,
) -> std::thread::Result<R> {
    catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: per the contract: the GIL is held, both pointers are live for the call,
        // and the slot only receives instances of the type it belongs to.
        unsafe {
            let py = Python::assume_attached();
            let this = pyo3::Borrowed::from_ptr(py, slf).cast_unchecked::<PyNdArray>();
            let key = pyo3::Borrowed::from_ptr(py, key);
            quick(&this, &key)
        }
    }))
}

/// A result handed back to CPython: a new reference, or null with the error set.
pub(crate) fn into_raw(py: Python<'_>, r: PyResult<Bound<'_, PyAny>>) -> *mut ffi::PyObject {
    match r {
        Ok(obj) => obj.into_ptr(),
        Err(e) => {
            e.restore(py);
            std::ptr::null_mut()
        }
    }
}

/// Raise `SystemError` for a panic caught in a slot.
fn panicked() {
    // SAFETY: only called from a slot, with the GIL held.
    let py = unsafe { Python::assume_attached() };
    PySystemError::new_err("numoxide: internal error in ndarray indexing").restore(py);
}

/// The value of an exact Python int key that fits `isize`.
///
/// # Safety
/// `key` is a live object and the GIL is held.
pub(crate) unsafe fn int_key(key: *mut ffi::PyObject) -> Option<isize> {
    // SAFETY: per the contract; a failed conversion's exception is cleared.
    unsafe {
        if ffi::PyLong_CheckExact(key) == 0 {
            return None;
        }
        let i = ffi::PyLong_AsSsize_t(key);
        if i == -1 && !ffi::PyErr_Occurred().is_null() {
            ffi::PyErr_Clear();
            return None;
        }
        Some(i)
    }
}

unsafe extern "C" fn subscript(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: Python calls the slot with live objects and the GIL held.
    let quick = unsafe {
        with_args(slf, key, |this, key| {
            let py = this.py();
            match PyNdArray::getitem_quick(this, key) {
                Ok(Some(obj)) => Some(obj.into_ptr()),
                Ok(None) => None,
                Err(e) => {
                    e.restore(py);
                    Some(std::ptr::null_mut())
                }
            }
        })
    };
    match quick {
        Ok(Some(result)) => result,
        Ok(None) => match PYO3_SLOTS.get() {
            // SAFETY: the PyO3 slot takes the same arguments.
            Some((get, _)) => unsafe { get(slf, key) },
            None => std::ptr::null_mut(),
        },
        Err(_) => {
            panicked();
            std::ptr::null_mut()
        }
    }
}

unsafe extern "C" fn ass_subscript(
    slf: *mut ffi::PyObject,
    key: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> i32 {
    let quick = if value.is_null() {
        Ok(None)
    } else {
        // SAFETY: Python calls the slot with live objects and the GIL held.
        unsafe {
            with_args(slf, key, |this, key| {
                let py = this.py();
                let value = pyo3::Borrowed::from_ptr(py, value);
                match this.get().setitem_quick(key, &value) {
                    Ok(true) => Some(0),
                    Ok(false) => None,
                    Err(e) => {
                        e.restore(py);
                        Some(-1)
                    }
                }
            })
        }
    };
    match quick {
        Ok(Some(status)) => status,
        Ok(None) => match PYO3_SLOTS.get() {
            // SAFETY: the PyO3 slot takes the same arguments.
            Some((_, set)) => unsafe { set(slf, key, value) },
            None => -1,
        },
        Err(_) => {
            panicked();
            -1
        }
    }
}

/// A quick path of a vectorcall method or function: the receiver (`self` of a method,
/// the module of a function), the positional arguments, and whether keywords were given.
/// `None` hands the call to the PyO3 original.
type Quick = for<'py> fn(
    Python<'py>,
    *mut ffi::PyObject,
    &[*mut ffi::PyObject],
    bool,
) -> Option<PyResult<Bound<'py, PyAny>>>;

/// One fast method or function: its quick path and the PyO3 original it stands before.
struct Fast {
    quick: Quick,
    original: OnceLock<Py<PyAny>>,
}

/// The positional count and the whole argument vector (positional, then keyword values)
/// of a vectorcall.
///
/// # Safety
/// A vectorcall's arguments: `args` holds the positional arguments then the values of
/// the keywords in `kwnames` (a tuple or null), all live, for the duration of the call.
unsafe fn call_args<'a>(
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> (usize, &'a [*mut ffi::PyObject]) {
    // SAFETY: reads the count bits of the vectorcall argument (plain arithmetic).
    let n = unsafe { ffi::PyVectorcall_NARGS(nargsf as usize) }.max(0) as usize;
    let nkw = if kwnames.is_null() {
        0
    } else {
        // SAFETY: `kwnames` is a tuple of keyword names when not null.
        unsafe { ffi::PyTuple_GET_SIZE(kwnames).max(0) as usize }
    };
    if args.is_null() || n + nkw == 0 {
        return (n, &[]);
    }
    // SAFETY: per the contract.
    (n, unsafe { std::slice::from_raw_parts(args, n + nkw) })
}

/// Call `original` (a method descriptor) with `receiver` then the vectorcall's arguments.
///
/// # Safety
/// `original` is live, `receiver` a live object of its type, `all`/`n`/`kwnames` a
/// vectorcall's arguments as [`call_args`] splits them; the GIL is held.
unsafe fn call_method(
    original: &Py<PyAny>,
    receiver: *mut ffi::PyObject,
    all: &[*mut ffi::PyObject],
    n: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let mut with_self: SmallVec<[*mut ffi::PyObject; 8]> = SmallVec::with_capacity(all.len() + 1);
    with_self.push(receiver);
    with_self.extend_from_slice(all);
    // SAFETY: per the contract; the vector is `self` then the caller's arguments, with
    // the same keyword names.
    unsafe { ffi::PyObject_Vectorcall(original.as_ptr(), with_self.as_ptr(), n + 1, kwnames) }
}

/// The vectorcall body shared by every fast method and function.
///
/// # Safety
/// A vectorcall from Python: `args` holds `nargs` positional arguments then the values of
/// the keywords in `kwnames`, all live; the GIL is held. For a method, `receiver` is an
/// ndarray (the descriptor checks the type).
unsafe fn vectorcall(
    fast: &Fast,
    method: bool,
    receiver: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: a vectorcall's arguments (contract).
    let (n, all) = unsafe { call_args(args, nargsf, kwnames) };
    let quick = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the GIL is held (contract).
        let py = unsafe { Python::assume_attached() };
        (fast.quick)(py, receiver, &all[..n], all.len() > n).map(|r| into_raw(py, r))
    }));
    match quick {
        Ok(Some(result)) => result,
        Ok(None) => {
            let Some(original) = fast.original.get() else {
                return std::ptr::null_mut();
            };
            if !method {
                // SAFETY: the original function is alive (held in a static) and takes the
                // same vectorcall arguments.
                return unsafe { ffi::PyObject_Vectorcall(original.as_ptr(), args, n, kwnames) };
            }
            // SAFETY: the original descriptor is alive (held in a static); `receiver`
            // and the arguments are the caller's.
            unsafe { call_method(original, receiver, all, n, kwnames) }
        }
        Err(_) => {
            panicked();
            std::ptr::null_mut()
        }
    }
}

/// A method table entry for `name`, leaked (it must live as long as the type or
/// function): the original's text signature and doc, so `help()` reads the same.
pub(crate) fn method_def(
    original: &Bound<'_, PyAny>,
    name: &'static std::ffi::CStr,
    meth: ffi::PyCFunctionFastWithKeywords,
) -> PyResult<&'static mut ffi::PyMethodDef> {
    let doc: Option<String> = original.getattr("__doc__")?.extract()?;
    let signature: Option<String> = original
        .getattr("__text_signature__")
        .ok()
        .and_then(|s| s.extract().ok());
    let full = match signature {
        Some(sig) => format!(
            "{}{sig}\n--\n\n{}",
            name.to_string_lossy(),
            doc.unwrap_or_default()
        ),
        None => doc.unwrap_or_default(),
    };
    let full = std::ffi::CString::new(full).unwrap_or_default();
    Ok(Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunctionFastWithKeywords: meth,
        },
        ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: Box::leak(full.into_boxed_c_str()).as_ptr(),
    })))
}

/// Store a new descriptor (a new reference, or null with an exception set) as `name` in
/// the type's dictionary, in front of what was there.
///
/// # Safety
/// `descr` is a descriptor made for `ty`; the GIL is held.
unsafe fn set_in_type(
    ty: &Bound<'_, PyType>,
    name: &std::ffi::CStr,
    descr: *mut ffi::PyObject,
) -> PyResult<()> {
    let py = ty.py();
    let tp = ty.as_type_ptr();
    // SAFETY: per the contract; the dictionary takes its own reference to the descriptor
    // and `PyType_Modified` drops the type's attribute caches.
    unsafe {
        let descr = Bound::from_owned_ptr_or_err(py, descr)?;
        let dict = (*tp).tp_dict;
        if dict.is_null() || ffi::PyDict_SetItemString(dict, name.as_ptr(), descr.as_ptr()) != 0 {
            return Err(PyErr::fetch(py));
        }
        ffi::PyType_Modified(tp);
    }
    Ok(())
}

/// Put a fast method in front of the ndarray type's PyO3 method `name`, keeping the
/// original in `slot`.
fn install_method(
    ty: &Bound<'_, PyType>,
    name: &'static std::ffi::CStr,
    slot: &'static OnceLock<Py<PyAny>>,
    meth: ffi::PyCFunctionFastWithKeywords,
) -> PyResult<()> {
    let original = ty.getattr(name.to_str().unwrap_or_default())?;
    let def = method_def(&original, name, meth)?;
    if slot.set(original.unbind()).is_err() {
        return Ok(());
    }
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ndarray type and `def` a 'static method entry; the new
    // descriptor is ours until the type's dictionary takes its own reference.
    unsafe { set_in_type(ty, name, ffi::PyDescr_NewMethod(tp, def)) }
}

/// Put a fast function in front of the module's PyO3 function `name`, keeping the
/// original in `slot`.
fn install_function(
    module: &Bound<'_, PyModule>,
    name: &'static std::ffi::CStr,
    slot: &'static OnceLock<Py<PyAny>>,
    meth: ffi::PyCFunctionFastWithKeywords,
) -> PyResult<()> {
    let py = module.py();
    let key = name.to_str().unwrap_or_default();
    let original = module.getattr(key)?;
    let def = method_def(&original, name, meth)?;
    let module_name = original.getattr("__module__")?;
    if slot.set(original.unbind()).is_err() {
        return Ok(());
    }
    // SAFETY: `def` is a 'static method entry; the module and its name are live.
    let function = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyCMethod_New(
                def,
                module.as_ptr(),
                module_name.as_ptr(),
                std::ptr::null_mut(),
            ),
        )?
    };
    module.setattr(key, function)
}

macro_rules! fast_entry {
    ($fast:ident, $func:ident, $quick:expr, $method:expr) => {
        static $fast: Fast = Fast {
            quick: $quick,
            original: OnceLock::new(),
        };
        unsafe extern "C" fn $func(
            receiver: *mut ffi::PyObject,
            args: *const *mut ffi::PyObject,
            nargsf: ffi::Py_ssize_t,
            kwnames: *mut ffi::PyObject,
        ) -> *mut ffi::PyObject {
            // SAFETY: a vectorcall from Python (see `vectorcall`).
            unsafe { vectorcall(&$fast, $method, receiver, args, nargsf, kwnames) }
        }
    };
}

fast_entry!(RESHAPE, reshape_fast, reshape_quick, true);
fast_entry!(RAVEL, ravel_fast, ravel_quick, true);
fast_entry!(COPY, copy_fast, copy_quick, true);
fast_entry!(ZEROS, zeros_fast, zeros_quick, false);
fast_entry!(EMPTY, empty_fast, empty_quick, false);
fast_entry!(ARRAY, array_fast, sequence_quick, false);
fast_entry!(ASARRAY, asarray_fast, sequence_quick, false);

/// Install the fast ndarray methods and module functions. Call once at module start,
/// after every class and function is registered.
pub fn install_calls(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let ty = module.py().get_type::<PyNdArray>();
    install_method(&ty, c"reshape", &RESHAPE.original, reshape_fast)?;
    install_method(&ty, c"ravel", &RAVEL.original, ravel_fast)?;
    install_method(&ty, c"copy", &COPY.original, copy_fast)?;
    install_function(module, c"zeros", &ZEROS.original, zeros_fast)?;
    install_function(module, c"empty", &EMPTY.original, empty_fast)?;
    install_function(module, c"array", &ARRAY.original, array_fast)?;
    install_function(module, c"asarray", &ASARRAY.original, asarray_fast)?;
    install_getter(&ty)?;
    install_reductions(module, &ty)
}

// ----- reductions on subclasses -----------------------------------------------------------

/// A reduction whose result NumPy makes an instance of the input's ndarray subclass
/// (0-d results included when `scalars_too`): the PyO3 original runs, then, only for a
/// subclass input, [`crate::subclass::keep`] remakes the result.
struct Keep {
    original: OnceLock<Py<PyAny>>,
    scalars_too: bool,
}

/// The vectorcall body of a [`Keep`] entry: `receiver` is the array of a method call, or
/// null for a module function (whose first positional argument is the input).
///
/// # Safety
/// As for [`vectorcall`].
unsafe fn keep_vectorcall(
    keep: &Keep,
    receiver: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let Some(original) = keep.original.get() else {
        return std::ptr::null_mut();
    };
    // SAFETY: a vectorcall's arguments (contract).
    let (n, all) = unsafe { call_args(args, nargsf, kwnames) };
    let (input, result) = if receiver.is_null() {
        // SAFETY: the original function is alive (held in a static) and takes the same
        // vectorcall arguments.
        let r = unsafe { ffi::PyObject_Vectorcall(original.as_ptr(), args, n, kwnames) };
        (all.first().copied().filter(|_| n > 0), r)
    } else {
        // SAFETY: the original descriptor is alive; `receiver` and the arguments are the
        // caller's.
        let r = unsafe { call_method(original, receiver, all, n, kwnames) };
        (Some(receiver), r)
    };
    let Some(input) = input else {
        return result;
    };
    // SAFETY: the GIL is held (contract); `input` is a live argument.
    let subclass_input = unsafe {
        let nd = Python::assume_attached()
            .get_type::<PyNdArray>()
            .as_type_ptr();
        let ty = ffi::Py_TYPE(input);
        ty != nd && ffi::PyType_IsSubtype(ty, nd) != 0
    };
    if result.is_null() || !subclass_input {
        return result;
    }
    let kept = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the GIL is held (contract); `result` is a new reference we own and
        // `input` a live subclass instance.
        let (py, result, input) = unsafe {
            let py = Python::assume_attached();
            (
                py,
                Bound::from_owned_ptr(py, result),
                Bound::from_borrowed_ptr(py, input).cast_into_unchecked::<PyNdArray>(),
            )
        };
        if all.iter().any(|&a| a == result.as_ptr()) {
            // An `out=` array comes back as itself.
            return into_raw(py, Ok(result));
        }
        into_raw(py, crate::subclass::keep(&input, result, keep.scalars_too))
    }));
    kept.unwrap_or_else(|_| {
        panicked();
        std::ptr::null_mut()
    })
}

macro_rules! keep_entry {
    ($keep:ident, $func:ident, $scalars_too:expr, $method:expr) => {
        static $keep: Keep = Keep {
            original: OnceLock::new(),
            scalars_too: $scalars_too,
        };
        unsafe extern "C" fn $func(
            receiver: *mut ffi::PyObject,
            args: *const *mut ffi::PyObject,
            nargsf: ffi::Py_ssize_t,
            kwnames: *mut ffi::PyObject,
        ) -> *mut ffi::PyObject {
            let receiver = if $method {
                receiver
            } else {
                std::ptr::null_mut()
            };
            // SAFETY: a vectorcall from Python (see `keep_vectorcall`).
            unsafe { keep_vectorcall(&$keep, receiver, args, nargsf, kwnames) }
        }
    };
}

keep_entry!(M_SUM, m_sum, true, true);
keep_entry!(M_PROD, m_prod, true, true);
keep_entry!(M_MAX, m_max, true, true);
keep_entry!(M_MIN, m_min, true, true);
keep_entry!(M_ANY, m_any, true, true);
keep_entry!(M_ALL, m_all, true, true);
keep_entry!(M_MEAN, m_mean, true, true);
keep_entry!(M_VAR, m_var, true, true);
keep_entry!(M_STD, m_std, true, true);
keep_entry!(M_CUMSUM, m_cumsum, true, true);
keep_entry!(M_CUMPROD, m_cumprod, true, true);
keep_entry!(M_ARGMAX, m_argmax, false, true);
keep_entry!(M_ARGMIN, m_argmin, false, true);
keep_entry!(F_SUM, f_sum, true, false);
keep_entry!(F_PROD, f_prod, true, false);
keep_entry!(F_MAX, f_max, true, false);
keep_entry!(F_MIN, f_min, true, false);
keep_entry!(F_AMAX, f_amax, true, false);
keep_entry!(F_AMIN, f_amin, true, false);
keep_entry!(F_ANY, f_any, true, false);
keep_entry!(F_ALL, f_all, true, false);
keep_entry!(F_MEAN, f_mean, true, false);
keep_entry!(F_VAR, f_var, true, false);
keep_entry!(F_STD, f_std, true, false);
keep_entry!(F_CUMSUM, f_cumsum, true, false);
keep_entry!(F_CUMPROD, f_cumprod, true, false);
keep_entry!(F_PTP, f_ptp, true, false);
keep_entry!(F_ARGMAX, f_argmax, false, false);
keep_entry!(F_ARGMIN, f_argmin, false, false);

/// Put the subclass-keeping wrappers in front of the reductions.
fn install_reductions(module: &Bound<'_, PyModule>, ty: &Bound<'_, PyType>) -> PyResult<()> {
    let methods: [(
        &'static std::ffi::CStr,
        &'static Keep,
        ffi::PyCFunctionFastWithKeywords,
    ); 13] = [
        (c"sum", &M_SUM, m_sum),
        (c"prod", &M_PROD, m_prod),
        (c"max", &M_MAX, m_max),
        (c"min", &M_MIN, m_min),
        (c"any", &M_ANY, m_any),
        (c"all", &M_ALL, m_all),
        (c"mean", &M_MEAN, m_mean),
        (c"var", &M_VAR, m_var),
        (c"std", &M_STD, m_std),
        (c"cumsum", &M_CUMSUM, m_cumsum),
        (c"cumprod", &M_CUMPROD, m_cumprod),
        (c"argmax", &M_ARGMAX, m_argmax),
        (c"argmin", &M_ARGMIN, m_argmin),
    ];
    for (name, keep, func) in methods {
        install_method(ty, name, &keep.original, func)?;
    }
    let functions: [(
        &'static std::ffi::CStr,
        &'static Keep,
        ffi::PyCFunctionFastWithKeywords,
    ); 16] = [
        (c"sum", &F_SUM, f_sum),
        (c"prod", &F_PROD, f_prod),
        (c"max", &F_MAX, f_max),
        (c"min", &F_MIN, f_min),
        (c"amax", &F_AMAX, f_amax),
        (c"amin", &F_AMIN, f_amin),
        (c"any", &F_ANY, f_any),
        (c"all", &F_ALL, f_all),
        (c"mean", &F_MEAN, f_mean),
        (c"var", &F_VAR, f_var),
        (c"std", &F_STD, f_std),
        (c"cumsum", &F_CUMSUM, f_cumsum),
        (c"cumprod", &F_CUMPROD, f_cumprod),
        (c"ptp", &F_PTP, f_ptp),
        (c"argmax", &F_ARGMAX, f_argmax),
        (c"argmin", &F_ARGMIN, f_argmin),
    ];
    for (name, keep, func) in functions {
        install_function(module, name, &keep.original, func)?;
    }
    Ok(())
}

/// Exact Python ints, read without Python code; None for anything else.
///
/// # Safety
/// Every pointer is a live object and the GIL is held.
unsafe fn exact_ints(items: &[*mut ffi::PyObject]) -> Option<SmallVec<[isize; 4]>> {
    // SAFETY: per the contract.
    items.iter().map(|&item| unsafe { int_key(item) }).collect()
}

/// A shape given as ints or as one exact tuple of ints.
///
/// # Safety
/// As [`exact_ints`].
unsafe fn exact_shape(items: &[*mut ffi::PyObject]) -> Option<SmallVec<[isize; 4]>> {
    // SAFETY: per the contract; tuple items are live while the tuple is.
    unsafe {
        if let [t] = items {
            if ffi::PyTuple_CheckExact(*t) != 0 {
                let n = ffi::PyTuple_GET_SIZE(*t);
                let inner: SmallVec<[*mut ffi::PyObject; 4]> =
                    (0..n).map(|k| ffi::PyTuple_GET_ITEM(*t, k)).collect();
                return exact_ints(&inner);
            }
        }
        exact_ints(items)
    }
}

/// The ndarray behind a method receiver.
///
/// # Safety
/// `slf` is a live ndarray (or subclass instance) and the GIL is held.
unsafe fn receiver<'py>(py: Python<'py>, slf: *mut ffi::PyObject) -> Bound<'py, PyNdArray> {
    // SAFETY: per the contract.
    unsafe { Bound::from_borrowed_ptr(py, slf).cast_into_unchecked::<PyNdArray>() }
}

/// `view` as a view object of `this`.
fn view_of<'py>(
    py: Python<'py>,
    this: &Bound<'py, PyNdArray>,
    view: NdArray,
) -> PyResult<Bound<'py, PyAny>> {
    crate::array::wrap_view_of(py, this, this.get(), view).map(|o| o.into_bound(py).into_any())
}

fn reshape_quick<'py>(
    py: Python<'py>,
    slf: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    if keywords || args.is_empty() {
        return None;
    }
    // SAFETY: a vectorcall's live arguments, the GIL held.
    let dims = unsafe { exact_shape(args) }?;
    // SAFETY: a method call on an ndarray.
    let this = unsafe { receiver(py, slf) };
    let view = {
        let a = this.get().inner();
        let r = a.reshape(&dims, numoxide_core::Order::C).ok()?;
        if !std::sync::Arc::ptr_eq(r.buffer(), a.buffer()) {
            return None;
        }
        r
    };
    Some(view_of(py, &this, view))
}

fn ravel_quick<'py>(
    py: Python<'py>,
    slf: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    if keywords || !args.is_empty() {
        return None;
    }
    // SAFETY: a method call on an ndarray.
    let this = unsafe { receiver(py, slf) };
    let view = {
        let a = this.get().inner();
        if !a.is_c_contiguous() {
            return None;
        }
        a.reshape_view(&[a.size()], false)?
    };
    Some(view_of(py, &this, view))
}

fn copy_quick<'py>(
    py: Python<'py>,
    slf: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    if keywords || !args.is_empty() {
        return None;
    }
    // SAFETY: a method call on an ndarray.
    let this = unsafe { receiver(py, slf) };
    if !this.is_exact_instance_of::<PyNdArray>() {
        return None;
    }
    let copy = this.get().inner().copy(numoxide_core::Order::C).ok()?;
    Some(crate::array::wrap(py, copy).map(|o| o.into_bound(py).into_any()))
}

/// `zeros(shape)` / `empty(shape)` with a shape of exact ints and nothing else.
fn new_float64<'py>(
    py: Python<'py>,
    args: &[*mut ffi::PyObject],
    keywords: bool,
    zeroed: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    if keywords || args.len() != 1 {
        return None;
    }
    // SAFETY: a vectorcall's live arguments, the GIL held.
    let dims = unsafe { exact_shape(args) }?;
    if dims.iter().any(|&d| d < 0) {
        return None;
    }
    let shape: SmallVec<[usize; 4]> = dims.iter().map(|&d| d as usize).collect();
    let dtype = numoxide_core::DType::new(numoxide_core::DTypeKind::Float64);
    let made = if zeroed {
        NdArray::zeros(&shape, dtype, numoxide_core::Order::C)
    } else {
        NdArray::unspecified(&shape, dtype, numoxide_core::Order::C)
    };
    let a = made.ok()?;
    Some(crate::array::wrap(py, a).map(|o| o.into_bound(py).into_any()))
}

fn zeros_quick<'py>(
    py: Python<'py>,
    _module: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    new_float64(py, args, keywords, true)
}

fn empty_quick<'py>(
    py: Python<'py>,
    _module: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    new_float64(py, args, keywords, false)
}

/// `array(list)` / `asarray(list)`: one exact list or tuple and nothing else; the
/// conversion is the general one.
fn sequence_quick<'py>(
    py: Python<'py>,
    _module: *mut ffi::PyObject,
    args: &[*mut ffi::PyObject],
    keywords: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    let [obj] = args else {
        return None;
    };
    if keywords {
        return None;
    }
    // SAFETY: a vectorcall's live argument, the GIL held.
    let obj = unsafe { Bound::from_borrowed_ptr(py, *obj) };
    if !(obj.is_exact_instance_of::<pyo3::types::PyList>()
        || obj.is_exact_instance_of::<pyo3::types::PyTuple>())
    {
        return None;
    }
    Some(
        crate::convert::to_array(&obj, None)
            .and_then(|a| crate::array::wrap(py, a))
            .map(|o| o.into_bound(py).into_any()),
    )
}

/// The PyO3 `T` getter the fast one replaces (kept alive for the type's lifetime).
static PYO3_T: OnceLock<Py<PyAny>> = OnceLock::new();

/// Put a direct `T` getter in the ndarray type's dictionary.
fn install_getter(ty: &Bound<'_, PyType>) -> PyResult<()> {
    let original = ty.getattr("T")?;
    let doc: Option<String> = original.getattr("__doc__")?.extract()?;
    if PYO3_T.set(original.unbind()).is_err() {
        return Ok(());
    }
    let doc = std::ffi::CString::new(doc.unwrap_or_default()).unwrap_or_default();
    let def: &'static mut ffi::PyGetSetDef = Box::leak(Box::new(ffi::PyGetSetDef {
        name: c"T".as_ptr(),
        get: Some(transpose_get),
        set: None,
        doc: Box::leak(doc.into_boxed_c_str()).as_ptr(),
        closure: std::ptr::null_mut(),
    }));
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ndarray type and `def` a 'static getset entry; the new
    // descriptor is ours until the type's dictionary takes its own reference.
    unsafe { set_in_type(ty, c"T", ffi::PyDescr_NewGetSet(tp, def)) }
}

unsafe extern "C" fn transpose_get(
    slf: *mut ffi::PyObject,
    _closure: *mut std::ffi::c_void,
) -> *mut ffi::PyObject {
    let result = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: Python calls the getter with a live instance of the type (the
        // descriptor checks it) and the GIL held.
        let py = unsafe { Python::assume_attached() };
        // SAFETY: as above.
        let this = unsafe { receiver(py, slf) };
        let made = this
            .get()
            .inner()
            .transpose(None)
            .map_err(crate::error::to_pyerr)
            .and_then(|v| crate::array::wrap_view_of(py, &this, this.get(), v));
        into_raw(py, made.map(|o| o.into_bound(py).into_any()))
    }));
    result.unwrap_or_else(|_| {
        panicked();
        std::ptr::null_mut()
    })
}
