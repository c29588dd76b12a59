//! NEP 13: objects that take over ufuncs through `__array_ufunc__`.
//!
//! When an operand (or an `out=` array) of a ufunc call has an `__array_ufunc__` other
//! than ndarray's own, the call goes to that method instead, as
//! `obj.__array_ufunc__(ufunc, method, *inputs, **kwargs)`: subclasses are asked before
//! their base classes, each type once, and the first answer that is not
//! `NotImplemented` is the result. `__array_ufunc__ = None` opts out of ufuncs: the
//! call raises TypeError and the ndarray operators return `NotImplemented`, so Python
//! tries the other operand's reflected method.
//!
//! Plain arrays, Python numbers and numoxide scalars never override, so the check is a
//! few type comparisons on the common path.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

use crate::array::PyNdArray;

/// `ndarray.__array_ufunc__` itself.
static BASE_ARRAY_UFUNC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn base_array_ufunc(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    crate::subclass::ndarray_attribute(py, &BASE_ARRAY_UFUNC, "__array_ufunc__")
}

/// Types that never override (NumPy's "basic Python types"), checked exactly.
fn is_basic(obj: &Bound<'_, PyAny>) -> bool {
    use pyo3::types::{PyBool, PyBytes, PyComplex, PyFloat, PyInt, PyList, PyString};
    obj.is_none()
        || obj.is_exact_instance_of::<PyNdArray>()
        || obj.is_exact_instance_of::<PyFloat>()
        || obj.is_exact_instance_of::<PyInt>()
        || obj.is_exact_instance_of::<PyBool>()
        || obj.is_exact_instance_of::<PyComplex>()
        || obj.is_exact_instance_of::<PyList>()
        || obj.is_exact_instance_of::<PyTuple>()
        || obj.is_exact_instance_of::<PyString>()
        || obj.is_exact_instance_of::<PyBytes>()
        || crate::scalar::is_numoxide_scalar(obj)
}

/// `obj`'s type's `__array_ufunc__` when it is an override (anything but ndarray's own,
/// `None` included); `Ok(None)` when `obj` does not override.
fn override_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    if is_basic(obj) {
        return Ok(None);
    }
    let ty = obj.get_type();
    let method = match ty.getattr("__array_ufunc__") {
        Ok(m) => m,
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(obj.py()) => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    if method.is(base_array_ufunc(obj.py())?) || is_numpy_default(&method)? {
        return Ok(None);
    }
    Ok(Some(method))
}

/// NumPy's `ndarray.__array_ufunc__`, once NumPy is imported.
static NUMPY_ARRAY_UFUNC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Whether `method` is NumPy's own `ndarray.__array_ufunc__`: NumPy arrays (and
/// subclasses that keep NumPy's method) are plain array-likes to numoxide, as ndarray's
/// own method is ignored by NumPy. Treating them as overrides would hand numoxide's
/// ufunc to NumPy, which hands it back: a recursion without end.
fn is_numpy_default(method: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = method.py();
    if let Some(m) = NUMPY_ARRAY_UFUNC.get(py) {
        return Ok(method.is(m.bind(py)));
    }
    // Not cached yet: only when NumPy is already imported can a NumPy array be here.
    let modules = py.import("sys")?.getattr("modules")?;
    let Ok(numpy) = modules.get_item("numpy") else {
        return Ok(false);
    };
    let Ok(default) = numpy
        .getattr("ndarray")
        .and_then(|t| t.getattr("__array_ufunc__"))
    else {
        return Ok(false);
    };
    let default = NUMPY_ARRAY_UFUNC.get_or_init(py, || default.unbind());
    Ok(method.is(default.bind(py)))
}

/// Whether any of `objs` overrides ufuncs (the cheap test before [`dispatch`]).
///
/// # Errors
/// Whatever reading an operand's `__array_ufunc__` raises.
pub fn any_override(objs: &[Bound<'_, PyAny>]) -> PyResult<bool> {
    for o in objs {
        if override_of(o)?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The ufunc object named `name` in the `numoxide` namespace (what overrides receive).
pub fn ufunc_object<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("numoxide")?.getattr(name)
}

/// Hand the call to the overriding operands (inputs first, then the `out` entries of
/// `kwargs`), in NumPy's order; TypeError when one opts out with `None` or all answer
/// `NotImplemented`.
///
/// # Errors
/// Whatever the overrides raise; TypeError as above.
pub fn dispatch<'py>(
    ufunc: &Bound<'py, PyAny>,
    method: &str,
    inputs: &[Bound<'py, PyAny>],
    kwargs: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = ufunc.py();
    let mut candidates: Vec<Bound<'py, PyAny>> = inputs.to_vec();
    if let Some(out) = kwargs.get_item("out")? {
        if let Ok(t) = out.cast::<PyTuple>() {
            candidates.extend(t.iter());
        }
    }
    // One entry per type, a subclass before any of its base classes.
    let mut order: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = Vec::new();
    for obj in candidates {
        let Some(method) = override_of(&obj)? else {
            continue;
        };
        let ty = obj.get_type();
        if order.iter().any(|(o, _)| o.get_type().is(&ty)) {
            continue;
        }
        let at = order
            .iter()
            .position(|(o, _)| ty.is_subclass(&o.get_type()).unwrap_or(false))
            .unwrap_or(order.len());
        order.insert(at, (obj, method));
    }
    let args = {
        let mut v: Vec<Bound<'py, PyAny>> =
            vec![ufunc.clone(), method.into_pyobject(py)?.into_any()];
        v.extend(inputs.iter().cloned());
        v
    };
    for (obj, over) in &order {
        if over.is_none() {
            return Err(PyTypeError::new_err(format!(
                "operand '{}' does not support ufuncs (__array_ufunc__=None)",
                obj.get_type().name()?
            )));
        }
        let mut full = vec![obj.clone()];
        full.extend(args.iter().cloned());
        let r = over.call(PyTuple::new(py, full)?, Some(kwargs))?;
        if !r.is(py.NotImplemented()) {
            return Ok(r);
        }
    }
    let shown = args
        .iter()
        .map(|a| a.repr().map(|r| r.to_string()))
        .collect::<PyResult<Vec<_>>>()?
        .join(", ");
    let names = inputs
        .iter()
        .map(|a| a.get_type().name().map(|n| format!("'{n}'")))
        .collect::<PyResult<Vec<_>>>()?
        .join(", ");
    Err(PyTypeError::new_err(format!(
        "operand type(s) all returned NotImplemented from __array_ufunc__({shown}): {names}"
    )))
}

/// The `out=` value as NumPy hands it to overrides: always a tuple, dropped when every
/// entry is None.
///
/// # Errors
/// None in practice (building a tuple).
pub fn normalized_out<'py>(
    py: Python<'py>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(out) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    if let Ok(t) = out.cast::<PyTuple>() {
        if t.iter().all(|x| x.is_none()) {
            return Ok(None);
        }
        return Ok(Some(t.clone().into_any()));
    }
    Ok(Some(PyTuple::new(py, [out])?.into_any()))
}

/// Whether `a <op> other` on an ndarray should return `NotImplemented` so Python asks
/// `other` (NumPy's `binop_should_defer`). `reflected` names `other`'s method Python
/// would try next (`"__radd__"`; None for comparisons, which always may defer). Defer
/// when `other` opts out of ufuncs with `__array_ufunc__ = None` (not in place), or —
/// for a type that knows nothing of `__array_ufunc__`, is no subclass of `a`'s type and
/// has that method — when it claims a higher `__array_priority__`.
///
/// # Errors
/// Whatever reading `other`'s attributes raises.
pub fn binop_should_defer(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    reflected: Option<&str>,
    inplace: bool,
) -> PyResult<bool> {
    if is_basic(other) || other.get_type().is(slf.get_type()) {
        return Ok(false);
    }
    let ty = other.get_type();
    if let Some(name) = reflected {
        if !ty.hasattr(name)? {
            return Ok(false);
        }
    }
    match ty.getattr("__array_ufunc__") {
        Ok(m) => return Ok(!inplace && m.is_none()),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(other.py()) => {}
        Err(e) => return Err(e),
    }
    if ty.is_subclass(&slf.get_type())? {
        return Ok(false);
    }
    let priority = |o: &Bound<'_, PyAny>| -> f64 {
        o.getattr("__array_priority__")
            .and_then(|p| p.extract::<f64>())
            .unwrap_or(SCALAR_PRIORITY)
    };
    Ok(priority(slf.as_any()) < priority(other))
}

/// The priority of an object without `__array_priority__` (NumPy's scalar priority).
const SCALAR_PRIORITY: f64 = -1_000_000.0;

#[pymethods]
impl PyNdArray {
    /// ndarray's own `__array_ufunc__`: runs the ufunc when no operand overrides it,
    /// else `NotImplemented` (so an override can convert its operands and call this).
    #[pyo3(signature = (ufunc, method, *inputs, **kwargs))]
    fn __array_ufunc__<'py>(
        &self,
        py: Python<'py>,
        ufunc: &Bound<'py, PyAny>,
        method: &str,
        inputs: &Bound<'py, PyTuple>,
        kwargs: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut objs: Vec<Bound<'py, PyAny>> = inputs.iter().collect();
        if let Some(k) = kwargs {
            if let Some(out) = k.get_item("out")? {
                match out.cast::<PyTuple>() {
                    Ok(t) => objs.extend(t.iter()),
                    Err(_) => objs.push(out),
                }
            }
        }
        if any_override(&objs)? {
            return Ok(py.NotImplemented().into_bound(py));
        }
        // Another library's ufunc (NumPy's `numpy.add(a, b)` on numoxide arrays asks us
        // here): run numoxide's ufunc of the same name. Calling the foreign one again
        // would come straight back here, without end.
        let ufunc = if ufunc.is_instance_of::<crate::api::ufuncs::PyUfunc>() {
            ufunc.clone()
        } else {
            match own_ufunc(ufunc)? {
                Some(u) => u,
                None => return Ok(py.NotImplemented().into_bound(py)),
            }
        };
        let callable = if method == "__call__" {
            ufunc
        } else {
            match ufunc.getattr(method) {
                Ok(m) => m,
                Err(_) => return Ok(py.NotImplemented().into_bound(py)),
            }
        };
        callable.call(inputs, kwargs)
    }
}

/// The override check of one ufunc entry point: `Ok(None)` when no operand (`inputs`,
/// or an entry of `out`) overrides, so the call proceeds; otherwise the overrides'
/// answer. `ufunc` names the ufunc in the `numoxide` namespace; `method` is
/// `"__call__"`, `"reduce"`, ...; `keywords` gives the call's other keyword arguments
/// (built only when an override is called).
///
/// # Errors
/// As [`dispatch`].
pub fn check<'py>(
    py: Python<'py>,
    ufunc: &str,
    method: &str,
    inputs: &[Bound<'py, PyAny>],
    out: Option<&Bound<'py, PyAny>>,
    keywords: impl FnOnce() -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let out = normalized_out(py, out)?;
    let mut found = any_override(inputs)?;
    if !found {
        if let Some(o) = &out {
            let entries: Vec<Bound<'py, PyAny>> = o.cast::<PyTuple>()?.iter().collect();
            found = any_override(&entries)?;
        }
    }
    if !found {
        return Ok(None);
    }
    let kwargs = PyDict::new(py);
    for (k, v) in keywords()? {
        kwargs.set_item(k, v)?;
    }
    if let Some(o) = out {
        kwargs.set_item("out", o)?;
    }
    dispatch(&ufunc_object(py, ufunc)?, method, inputs, &kwargs).map(Some)
}

/// numoxide's counterpart of a foreign ufunc: the `numoxide` attribute of the same
/// `__name__` when it is one of our ufuncs (or, as for `matmul`, a plain function of
/// ours), else None.
fn own_ufunc<'py>(foreign: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = foreign.py();
    let Ok(name) = foreign.getattr(pyo3::intern!(py, "__name__")) else {
        return Ok(None);
    };
    let Ok(name) = name.extract::<String>() else {
        return Ok(None);
    };
    let module = py.import("numoxide")?;
    let Ok(ours) = module.getattr(name.as_str()) else {
        return Ok(None);
    };
    let is_ours = ours.is_instance_of::<crate::api::ufuncs::PyUfunc>()
        || ours
            .getattr(pyo3::intern!(py, "__module__"))
            .and_then(|m| m.extract::<String>())
            .is_ok_and(|m| m.starts_with("numoxide"));
    Ok(is_ours.then_some(ours))
}
