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

/// Raise `SystemError` for a panic caught in a slot.
fn panicked() {
    // SAFETY: only called from a slot, with the GIL held.
    let py = unsafe { Python::assume_attached() };
    PySystemError::new_err("numoxide: internal error in ndarray indexing").restore(py);
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

/// The PyO3 `reshape` method descriptor the fast one falls back to.
static PYO3_RESHAPE: OnceLock<Py<PyAny>> = OnceLock::new();

/// Put a vectorcall `reshape` in the ndarray type's dictionary in front of PyO3's, which
/// stays as the fallback for keywords, copies and errors. Call once, right after the
/// class is created.
pub fn install_reshape(ty: &Bound<'_, PyType>) -> PyResult<()> {
    let py = ty.py();
    let original = ty.getattr(pyo3::intern!(py, "reshape"))?;
    let doc: Option<String> = original.getattr("__doc__")?.extract()?;
    if PYO3_RESHAPE.set(original.unbind()).is_err() {
        return Ok(());
    }
    let doc = std::ffi::CString::new(doc.unwrap_or_default()).unwrap_or_default();
    // The method table entry must live as long as the type: leaked once per process.
    let def: &'static mut ffi::PyMethodDef = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: c"reshape".as_ptr(),
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunctionFastWithKeywords: reshape_fast,
        },
        ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: Box::leak(doc.into_boxed_c_str()).as_ptr(),
    }));
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ndarray type and `def` a 'static method entry; the new
    // descriptor is owned by us until the type's dictionary takes its own reference.
    unsafe {
        let descr = ffi::PyDescr_NewMethod(tp, def);
        if descr.is_null() {
            return Err(PyErr::fetch(py));
        }
        let descr = Bound::from_owned_ptr(py, descr);
        let dict = (*tp).tp_dict;
        if dict.is_null()
            || ffi::PyDict_SetItemString(dict, c"reshape".as_ptr(), descr.as_ptr()) != 0
        {
            return Err(PyErr::fetch(py));
        }
        ffi::PyType_Modified(tp);
    }
    Ok(())
}

/// Exact Python ints, read without Python code; None for anything else.
///
/// # Safety
/// Every pointer is a live object and the GIL is held.
unsafe fn exact_ints(items: &[*mut ffi::PyObject]) -> Option<SmallVec<[isize; 4]>> {
    let mut dims = SmallVec::new();
    for &item in items {
        // SAFETY: per the contract.
        unsafe {
            if ffi::PyLong_CheckExact(item) == 0 {
                return None;
            }
            let d = ffi::PyLong_AsSsize_t(item);
            if d == -1 && !ffi::PyErr_Occurred().is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            dims.push(d);
        }
    }
    Some(dims)
}

unsafe extern "C" fn reshape_fast(
    slf: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: reads the count bits of the vectorcall argument (plain arithmetic).
    let nargs = unsafe { ffi::PyVectorcall_NARGS(nargsf as usize) };
    let quick = catch_unwind(AssertUnwindSafe(|| {
        if !kwnames.is_null() || nargs <= 0 || args.is_null() {
            return None;
        }
        // SAFETY: Python passes `nargs` live positional arguments, `slf` an ndarray (the
        // descriptor checks the type), and holds the GIL for the call.
        unsafe {
            let items = std::slice::from_raw_parts(args, nargs as usize);
            let dims = if nargs == 1 && ffi::PyTuple_CheckExact(items[0]) != 0 {
                let t = items[0];
                let n = ffi::PyTuple_GET_SIZE(t);
                let inner: SmallVec<[*mut ffi::PyObject; 4]> =
                    (0..n).map(|k| ffi::PyTuple_GET_ITEM(t, k)).collect();
                exact_ints(&inner)?
            } else {
                exact_ints(items)?
            };
            let py = Python::assume_attached();
            let this = pyo3::Borrowed::from_ptr(py, slf).cast_unchecked::<PyNdArray>();
            let view = {
                let a = this.get().inner();
                let r = a.reshape(&dims, numoxide_core::Order::C).ok()?;
                if !std::sync::Arc::ptr_eq(r.buffer(), a.buffer()) {
                    return None;
                }
                r
            };
            Some(
                match crate::array::wrap_view_of(py, &this, this.get(), view) {
                    Ok(obj) => obj.into_ptr(),
                    Err(e) => {
                        e.restore(py);
                        std::ptr::null_mut()
                    }
                },
            )
        }
    }));
    match quick {
        Ok(Some(result)) => result,
        Ok(None) => {
            let Some(original) = PYO3_RESHAPE.get() else {
                return std::ptr::null_mut();
            };
            let n = nargs.max(0) as usize;
            let nkw = if kwnames.is_null() {
                0
            } else {
                // SAFETY: `kwnames` is a tuple of keyword names when not null.
                unsafe { ffi::PyTuple_GET_SIZE(kwnames).max(0) as usize }
            };
            let mut with_self: SmallVec<[*mut ffi::PyObject; 8]> =
                SmallVec::with_capacity(n + nkw + 1);
            with_self.push(slf);
            if n + nkw > 0 && !args.is_null() {
                // SAFETY: Python passes `nargs` positional arguments followed by the values
                // of the keywords named in `kwnames`, all live for the call.
                with_self.extend_from_slice(unsafe { std::slice::from_raw_parts(args, n + nkw) });
            }
            // SAFETY: the original descriptor is alive (held in a static); the argument
            // vector is `self` then the caller's arguments, the same keyword names.
            unsafe {
                ffi::PyObject_Vectorcall(
                    original.as_ptr(),
                    with_self.as_ptr(),
                    (n + 1) as usize,
                    kwnames,
                )
            }
        }
        Err(_) => {
            panicked();
            std::ptr::null_mut()
        }
    }
}
