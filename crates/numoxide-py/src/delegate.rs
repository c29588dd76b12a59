//! NumPy's module functions that hand a subclass to its own method.
//!
//! `np.sum(x)`, `np.mean(x)`, `np.argsort(x)`, `np.clip(x, lo, hi)` and the rest of
//! NumPy's "fromnumeric" family call `x.sum(...)`, `x.mean(...)`, ... when `x` is not
//! exactly an ndarray, so a subclass that defines its own method (a masked array, which
//! leaves out its masked entries) gets its own behaviour from the module function too.
//!
//! Each listed module function is wrapped once at module start. The wrapper looks at the
//! first positional argument: an exact ndarray, or anything that is not an ndarray
//! subclass, goes straight to the original function (one type comparison). An instance
//! of a subclass whose class overrides the method goes to
//! `numoxide._dispatch.delegate(name, args, kwargs)`, which calls the method the way
//! NumPy does (which arguments pass by keyword, which only when given).

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::array::PyNdArray;
use crate::fastslots::{into_raw, method_def};

/// The functions, by their module name, and the ndarray method each one hands a
/// subclass to (NumPy 2.5's `_wrapfunc`/`_wrapreduction` users and kin).
const DELEGATED: [(&str, &str); 34] = [
    ("sum", "sum"),
    ("prod", "prod"),
    ("max", "max"),
    ("min", "min"),
    ("amax", "max"),
    ("amin", "min"),
    ("any", "any"),
    ("all", "all"),
    ("mean", "mean"),
    ("var", "var"),
    ("std", "std"),
    ("cumsum", "cumsum"),
    ("cumprod", "cumprod"),
    ("argmax", "argmax"),
    ("argmin", "argmin"),
    ("argsort", "argsort"),
    ("round", "round"),
    ("around", "round"),
    ("clip", "clip"),
    ("take", "take"),
    ("repeat", "repeat"),
    ("nonzero", "nonzero"),
    ("swapaxes", "swapaxes"),
    ("transpose", "transpose"),
    ("reshape", "reshape"),
    ("squeeze", "squeeze"),
    ("searchsorted", "searchsorted"),
    ("ravel", "ravel"),
    ("trace", "trace"),
    ("diagonal", "diagonal"),
    // np.diag reads a 2-D input through its diagonal method (np.diagonal's rules).
    ("diag", "diagonal"),
    // np.average is written over the input's own mean, sum and ufuncs.
    ("average", "mean"),
    ("sort", "sort"),
    ("choose", "choose"),
];

/// The functions whose result NumPy makes an instance of an input's subclass, and where
/// they look for it: the arrays of the first argument (a sequence) for the
/// concatenate family, which takes the type of highest `__array_priority__` above a
/// plain array's and finalizes from None; the first two arguments for `dot`, which
/// takes the second's type only when its priority is higher and finalizes from that
/// input.
const SUBTYPED: [(&str, bool); 7] = [
    ("concatenate", true),
    ("stack", true),
    ("vstack", true),
    ("hstack", true),
    ("dstack", true),
    ("column_stack", true),
    ("dot", false),
];

/// `numoxide._dispatch.delegate`, imported on first use.
static DELEGATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Wrap each function of [`DELEGATED`]. Call once at module start, after every function
/// is registered (and after the fast entries, which it wraps in turn).
pub fn install(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    for (name, method) in DELEGATED {
        let extra = [
            PyString::new(py, name).into_any(),
            PyString::new(py, method).into_any(),
        ];
        wrap_function(module, name, delegating_call, extra)?;
    }
    Ok(())
}

/// Put a vectorcall wrapper in front of module function `name`. The wrapper's `self` is
/// the tuple `extra + (original,)`, which the wrapper reads.
fn wrap_function<const N: usize>(
    module: &Bound<'_, PyModule>,
    name: &'static str,
    meth: ffi::PyCFunctionFastWithKeywords,
    extra: [Bound<'_, PyAny>; N],
) -> PyResult<()> {
    let py = module.py();
    let original = module.getattr(name)?;
    let module_name = original.getattr("__module__")?;
    let cname: &'static std::ffi::CStr = Box::leak(
        std::ffi::CString::new(name)
            .unwrap_or_default()
            .into_boxed_c_str(),
    );
    let def = method_def(&original, cname, meth)?;
    let items: Vec<Bound<'_, PyAny>> = extra.into_iter().chain([original]).collect();
    let data = PyTuple::new(py, items)?;
    // SAFETY: `def` is a 'static method entry; `data` and the module name are live
    // (PyCMethod_New takes its own references).
    let function = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyCMethod_New(
                def,
                data.as_ptr(),
                module_name.as_ptr(),
                std::ptr::null_mut(),
            ),
        )?
    };
    module.setattr(name, function)
}

/// Wrap each function of [`SUBTYPED`] (after [`install`]'s wrappers).
pub fn install_subtyped(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    for (name, sequence) in SUBTYPED {
        let extra = [pyo3::types::PyBool::new(py, sequence).to_owned().into_any()];
        wrap_function(module, name, subtyping_call, extra)?;
    }
    Ok(())
}

/// `obj`'s `__array_priority__` (0.0, a plain array's, when it has none).
fn priority_of(obj: &Bound<'_, PyAny>) -> f64 {
    obj.getattr("__array_priority__")
        .and_then(|p| p.extract::<f64>())
        .unwrap_or(0.0)
}

/// The subclass a [`SUBTYPED`] result takes, and the array it is finalized from.
fn chosen_subtype<'py>(
    args: &[Bound<'py, PyAny>],
    sequence: bool,
) -> PyResult<Option<(Bound<'py, pyo3::types::PyType>, Option<Bound<'py, PyAny>>)>> {
    let is_subclass = |x: &Bound<'py, PyAny>| {
        x.is_instance_of::<PyNdArray>() && !x.is_exact_instance_of::<PyNdArray>()
    };
    if sequence {
        let Some(first) = args.first() else {
            return Ok(None);
        };
        if !(first.is_instance_of::<pyo3::types::PyList>() || first.is_instance_of::<PyTuple>()) {
            return Ok(None);
        }
        let mut best: Option<Bound<'py, pyo3::types::PyType>> = None;
        let mut priority = 0.0;
        for item in first.try_iter()? {
            let item = item?;
            if !is_subclass(&item) {
                continue;
            }
            let own = priority_of(&item);
            if own > priority {
                priority = own;
                best = Some(item.get_type());
            }
        }
        return Ok(best.map(|ty| (ty, None)));
    }
    let (Some(a), Some(b)) = (args.first(), args.get(1)) else {
        return Ok(None);
    };
    let pick = if priority_of(b) > priority_of(a) {
        b
    } else {
        a
    };
    if is_subclass(pick) {
        return Ok(Some((pick.get_type(), Some(pick.clone()))));
    }
    Ok(None)
}

/// The vectorcall of a wrapper made by [`install_subtyped`]; `data` is its
/// (sequence?, original) tuple.
unsafe extern "C" fn subtyping_call(
    data: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: `data` is the 2-tuple [`install_subtyped`] made; the GIL is held.
    let original = unsafe { ffi::PyTuple_GET_ITEM(data, 1) };
    // SAFETY: the original function takes the same vectorcall arguments.
    let result = unsafe { ffi::PyObject_Vectorcall(original, args, nargsf as usize, kwnames) };
    if result.is_null() {
        return result;
    }
    // SAFETY: reads the count bits of the vectorcall argument (plain arithmetic).
    let n = unsafe { ffi::PyVectorcall_NARGS(nargsf as usize) }.max(0) as usize;
    // The common case without Python calls: a result that is not exactly an ndarray
    // (a scalar, an `out=` subclass) or no argument that could carry a subclass.
    // SAFETY: `result` is a live object; the ndarray type outlives the module.
    let plain_result = unsafe {
        let nd = Python::assume_attached()
            .get_type::<PyNdArray>()
            .as_type_ptr();
        ffi::Py_TYPE(result) == nd
    };
    if !plain_result || n == 0 || args.is_null() {
        return result;
    }
    let nkw = if kwnames.is_null() {
        0
    } else {
        // SAFETY: `kwnames` is a tuple when not null.
        unsafe { ffi::PyTuple_GET_SIZE(kwnames).max(0) as usize }
    };
    // SAFETY: a vectorcall's `n` positional and `nkw` keyword values.
    if unsafe { std::slice::from_raw_parts(args, n + nkw) }.contains(&result) {
        // An `out=` array comes back as itself.
        return result;
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the GIL is held (Python calls the function so).
        let py = unsafe { Python::assume_attached() };
        // SAFETY: `result` is a live new reference that we own from here on.
        let result = unsafe { Bound::from_owned_ptr(py, result) };
        // SAFETY: `data` is the live 2-tuple [`install_subtyped`] made.
        let sequence = unsafe { ffi::PyTuple_GET_ITEM(data, 0) == ffi::Py_True() };
        // SAFETY: `n` live positional arguments.
        let positional: Vec<Bound<'_, PyAny>> = unsafe {
            std::slice::from_raw_parts(args, n)
                .iter()
                .map(|&p| Bound::from_borrowed_ptr(py, p))
                .collect()
        };
        let wrapped = match chosen_subtype(&positional, sequence) {
            Ok(Some((ty, source))) => crate::subclass::as_subtype(&ty, result, source.as_ref()),
            Ok(None) => Ok(result),
            Err(e) => Err(e),
        };
        into_raw(py, wrapped)
    }));
    outcome.unwrap_or_else(|_| {
        // SAFETY: the GIL is held.
        let py = unsafe { Python::assume_attached() };
        pyo3::exceptions::PySystemError::new_err("numoxide: internal error in a subclass result")
            .restore(py);
        std::ptr::null_mut()
    })
}

/// Whether `obj`'s class is an ndarray subclass that defines `method` differently from
/// ndarray.
fn overrides(obj: &Bound<'_, PyAny>, method: &Bound<'_, PyString>) -> PyResult<bool> {
    let py = obj.py();
    let ty = obj.get_type();
    let base = py.get_type::<PyNdArray>();
    if ty.is(&base) || !ty.is_subclass(&base)? {
        return Ok(false);
    }
    let Ok(theirs) = ty.getattr(method) else {
        return Ok(false);
    };
    Ok(!theirs.is(base.getattr(method)?))
}

/// The vectorcall of a wrapper made by [`install`]; `data` is its (name, method,
/// original) tuple.
unsafe extern "C" fn delegating_call(
    data: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: reads the count bits of the vectorcall argument (plain arithmetic).
    let n = unsafe { ffi::PyVectorcall_NARGS(nargsf as usize) }.max(0) as usize;
    // SAFETY: `data` is the 3-tuple [`install`] made, alive as long as the function; the
    // GIL is held (Python calls the function so).
    let original = unsafe { ffi::PyTuple_GET_ITEM(data, 2) };
    if n == 0 || args.is_null() {
        // SAFETY: the original function takes the same vectorcall arguments.
        return unsafe { ffi::PyObject_Vectorcall(original, args, nargsf as usize, kwnames) };
    }
    // SAFETY: `args` holds at least `n` > 0 live arguments.
    let first = unsafe { *args };
    // The common case, decided without Python calls: an exact ndarray, or an object whose
    // type is not an ndarray subclass at all.
    // SAFETY: `first` is a live object; the ndarray type object outlives the module.
    let plain = unsafe {
        let nd = Python::assume_attached()
            .get_type::<PyNdArray>()
            .as_type_ptr();
        let ty = ffi::Py_TYPE(first);
        ty == nd || ffi::PyType_IsSubtype(ty, nd) == 0
    };
    if plain {
        // SAFETY: as above.
        return unsafe { ffi::PyObject_Vectorcall(original, args, nargsf as usize, kwnames) };
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the GIL is held; `data`, `first` and the arguments are live for the call.
        let py = unsafe { Python::assume_attached() };
        // SAFETY: per the contract of a vectorcall: `n` positional arguments then one per
        // keyword name.
        let result = unsafe { delegate_or_call(py, data, first, args, n, nargsf, kwnames) };
        into_raw(py, result)
    }));
    outcome.unwrap_or_else(|_| {
        // SAFETY: the GIL is held.
        let py = unsafe { Python::assume_attached() };
        pyo3::exceptions::PySystemError::new_err("numoxide: internal error in a delegating call")
            .restore(py);
        std::ptr::null_mut()
    })
}

/// The subclass path of [`delegating_call`].
///
/// # Safety
/// The GIL is held; `data` is the wrapper's tuple; `args`/`n`/`kwnames` a vectorcall's
/// arguments with `first` the first of them.
unsafe fn delegate_or_call<'py>(
    py: Python<'py>,
    data: *mut ffi::PyObject,
    first: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    n: usize,
    nargsf: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: per the contract.
    let (data, first) = unsafe {
        (
            Bound::from_borrowed_ptr(py, data).cast_into_unchecked::<PyTuple>(),
            Bound::from_borrowed_ptr(py, first),
        )
    };
    let name = data.get_item(0)?;
    let method = data.get_item(1)?.cast_into::<PyString>()?;
    let original = data.get_item(2)?;
    if !overrides(&first, &method)? {
        // SAFETY: the original function takes the same vectorcall arguments.
        let r =
            unsafe { ffi::PyObject_Vectorcall(original.as_ptr(), args, nargsf as usize, kwnames) };
        // SAFETY: a new reference or null with the error set.
        return unsafe { Bound::from_owned_ptr_or_err(py, r) };
    }
    let nkw = if kwnames.is_null() {
        0
    } else {
        // SAFETY: `kwnames` is a tuple when not null.
        unsafe { ffi::PyTuple_GET_SIZE(kwnames).max(0) as usize }
    };
    // SAFETY: a vectorcall's arguments: `n` positional then `nkw` keyword values.
    let all = unsafe { std::slice::from_raw_parts(args, n + nkw) };
    // SAFETY: every pointer is a live argument.
    let positional = PyTuple::new(
        py,
        all[..n]
            .iter()
            .map(|&p| unsafe { Bound::from_borrowed_ptr(py, p) }),
    )?;
    let kwargs = PyDict::new(py);
    if nkw > 0 {
        // SAFETY: `kwnames` is a live tuple of `nkw` names.
        let names =
            unsafe { Bound::from_borrowed_ptr(py, kwnames).cast_into_unchecked::<PyTuple>() };
        for (key, &value) in names.iter().zip(&all[n..]) {
            // SAFETY: a live keyword value.
            kwargs.set_item(key, unsafe { Bound::from_borrowed_ptr(py, value) })?;
        }
    }
    let delegate = DELEGATE.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py
            .import("numoxide._dispatch")?
            .getattr("delegate")?
            .unbind())
    })?;
    delegate.bind(py).call1((name, positional, kwargs))
}
