//! The `ufunc` class, one instance per entry of the ufunc table, floating-point error
//! handling (`seterr`/`geterr`/`seterrcall`), and the conversion of call arguments.

use std::cell::RefCell;

use numoxide_core::cast::Casting;
use numoxide_core::{DType, NdArray, Order};
use numoxide_ops::ufunc::{self, CallOptions, FpFlags, Input, ReduceOptions, Ufunc, Weak};
use pyo3::exceptions::{
    PyFloatingPointError, PyOverflowError, PyRuntimeWarning, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyDict, PyFloat, PyInt, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::cell::ArrayRef;
use crate::convert::to_array;
use crate::dtype::opt_dtype;
use crate::error::IntoPyResult;
use crate::scalar::{py_value, scalar_to_numoxide, PyValue};

// ----- floating-point error state ---------------------------------------------------------

/// What to do when a loop raises a floating-point condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Ignore,
    Warn,
    Raise,
    Call,
    Print,
    Log,
}

impl Mode {
    fn parse(s: &str) -> PyResult<Mode> {
        Ok(match s {
            "ignore" => Mode::Ignore,
            "warn" => Mode::Warn,
            "raise" => Mode::Raise,
            "call" => Mode::Call,
            "print" => Mode::Print,
            "log" => Mode::Log,
            _ => return Err(PyValueError::new_err(format!("invalid error mode '{s}'"))),
        })
    }
    fn name(self) -> &'static str {
        match self {
            Mode::Ignore => "ignore",
            Mode::Warn => "warn",
            Mode::Raise => "raise",
            Mode::Call => "call",
            Mode::Print => "print",
            Mode::Log => "log",
        }
    }
}

struct ErrState {
    /// divide, over, under, invalid.
    modes: [Mode; 4],
    call: Option<Py<PyAny>>,
}

thread_local! {
    static ERRSTATE: RefCell<ErrState> = const { RefCell::new(ErrState { modes: [Mode::Warn, Mode::Warn, Mode::Ignore, Mode::Warn], call: None }) };
}

const CONDITIONS: [(&str, u8, &str); 4] = [
    ("divide", FpFlags::DIVIDE, "divide by zero"),
    ("over", FpFlags::OVERFLOW, "overflow"),
    ("under", FpFlags::UNDERFLOW, "underflow"),
    ("invalid", FpFlags::INVALID, "invalid value"),
];

/// Act on the flags a loop raised, as `errstate` says: warn, raise, call, print or log.
pub fn handle_fp_flags(py: Python<'_>, name: &str, flags: FpFlags) -> PyResult<()> {
    if flags.is_empty() {
        return Ok(());
    }
    if flags.has(FpFlags::COMPLEX_DISCARD) {
        // The input/output cast comes before the loop, as in NumPy.
        crate::array::warn_complex_to_real(py)?;
    }
    if flags.has(FpFlags::CAST_OVERFLOW) {
        // A weak scalar's or a small input's cast comes before the loop, as in NumPy.
        handle_fp_flags(py, "cast", FpFlags(FpFlags::OVERFLOW))?;
    }
    if flags.has(FpFlags::CAST_INVALID) {
        handle_fp_flags(py, "cast", FpFlags(FpFlags::INVALID))?;
    }
    for (i, (_, bit, what)) in CONDITIONS.iter().enumerate() {
        if !flags.has(*bit) {
            continue;
        }
        let (mode, callback) = ERRSTATE.with(|s| {
            let s = s.borrow();
            (s.modes[i], s.call.as_ref().map(|c| c.clone_ref(py)))
        });
        let msg = format!("{what} encountered in {name}");
        match mode {
            Mode::Ignore => {}
            Mode::Warn => {
                let cat = py.get_type::<PyRuntimeWarning>();
                PyErr::warn(
                    py,
                    &cat,
                    &std::ffi::CString::new(msg).unwrap_or_default(),
                    1,
                )?;
            }
            Mode::Raise => return Err(PyFloatingPointError::new_err(msg)),
            Mode::Call => match callback {
                Some(f) => {
                    f.bind(py).call1((*what, *bit as i32))?;
                }
                None => {
                    return Err(pyo3::exceptions::PyNameError::new_err(format!(
                        "python callback specified for {what} (in  {name}) but no function found."
                    )))
                }
            },
            Mode::Print => {
                // NumPy writes to sys.stderr.
                py.import("sys")?
                    .getattr("stderr")?
                    .call_method1("write", (format!("Warning: {msg}\n"),))?;
            }
            Mode::Log => match callback {
                Some(f) => {
                    f.bind(py)
                        .call_method1("write", (format!("Warning: {msg}\n"),))?;
                }
                None => {
                    return Err(pyo3::exceptions::PyNameError::new_err(format!(
                    "log specified for {what} (in {name}) but no object with write method found."
                )))
                }
            },
        }
    }
    Ok(())
}

/// Set how floating-point errors are handled; returns the old settings.
#[pyfunction]
#[pyo3(signature = (all=None, divide=None, over=None, under=None, invalid=None))]
pub fn seterr<'py>(
    py: Python<'py>,
    all: Option<&str>,
    divide: Option<&str>,
    over: Option<&str>,
    under: Option<&str>,
    invalid: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let old = geterr(py)?;
    let mut new = ERRSTATE.with(|s| s.borrow().modes);
    if let Some(a) = all {
        new = [Mode::parse(a)?; 4];
    }
    for (i, v) in [divide, over, under, invalid].into_iter().enumerate() {
        if let Some(v) = v {
            new[i] = Mode::parse(v)?;
        }
    }
    ERRSTATE.with(|s| s.borrow_mut().modes = new);
    Ok(old)
}

/// The current floating-point error handling.
#[pyfunction]
pub fn geterr(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let modes = ERRSTATE.with(|s| s.borrow().modes);
    let d = PyDict::new(py);
    for (i, (key, _, _)) in CONDITIONS.iter().enumerate() {
        d.set_item(*key, modes[i].name())?;
    }
    Ok(d)
}

/// Set the callback used by the 'call' and 'log' modes; returns the old one.
#[pyfunction]
pub fn seterrcall(py: Python<'_>, func: Py<PyAny>) -> PyResult<Option<Py<PyAny>>> {
    let f = func.bind(py);
    let writes = f.getattr("write").is_ok_and(|w| w.is_callable());
    if !f.is_none() && !f.is_callable() && !writes {
        return Err(PyTypeError::new_err(
            "python object must be callable or have a callable write method",
        ));
    }
    let new = if f.is_none() { None } else { Some(func) };
    Ok(ERRSTATE.with(|s| std::mem::replace(&mut s.borrow_mut().call, new)))
}

/// The current error callback.
#[pyfunction]
pub fn geterrcall(py: Python<'_>) -> Option<Py<PyAny>> {
    ERRSTATE.with(|s| s.borrow().call.as_ref().map(|c| c.clone_ref(py)))
}

// ----- argument conversion ----------------------------------------------------------------

/// A ufunc operand from a Python object: arrays and typed scalars are strong, Python
/// int/float/complex are weak (NEP 50).
pub fn to_input(obj: &Bound<'_, PyAny>) -> PyResult<Input> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(Input::Array(a.get().inner().clone()));
    }
    if obj.is_exact_instance_of::<PyInt>() {
        return match obj.extract::<i128>() {
            Ok(v) => Ok(Input::Weak(Weak::Int(v))),
            Err(_) => Err(PyOverflowError::new_err(format!(
                "Python integer {} out of bounds for int64",
                obj.str()?
            ))),
        };
    }
    if obj.is_exact_instance_of::<PyFloat>() {
        return Ok(Input::Weak(Weak::Float(obj.extract()?)));
    }
    if obj.is_exact_instance_of::<PyComplex>() {
        let c = obj.cast::<PyComplex>()?;
        return Ok(Input::Weak(Weak::Complex(c.real(), c.imag())));
    }
    if obj.is_exact_instance_of::<PyBool>() {
        return Ok(Input::Array(NdArray::from_scalar(
            numoxide_core::Scalar::Bool(obj.extract()?),
        )));
    }
    if let Some(PyValue::Typed(s)) = py_value(obj)? {
        return Ok(Input::Array(NdArray::from_scalar(s)));
    }
    Ok(Input::Array(to_array(obj, None)?))
}

fn out_arrays(
    out: Option<&Bound<'_, PyAny>>,
    nout: usize,
) -> PyResult<(Vec<Option<NdArray>>, Vec<Option<Py<PyAny>>>)> {
    let mut arrays: Vec<Option<NdArray>> = (0..nout).map(|_| None).collect();
    let mut objects: Vec<Option<Py<PyAny>>> = (0..nout).map(|_| None).collect();
    let Some(out) = out else {
        return Ok((arrays, objects));
    };
    if out.is_none() {
        return Ok((arrays, objects));
    }
    let items: Vec<Bound<'_, PyAny>> = if let Ok(t) = out.cast::<PyTuple>() {
        if t.len() != nout {
            return Err(PyValueError::new_err(
                "The 'out' tuple must have exactly one entry per ufunc output",
            ));
        }
        t.iter().collect()
    } else {
        if nout != 1 {
            return Err(PyTypeError::new_err("'out' must be a tuple of arrays"));
        }
        vec![out.clone()]
    };
    for (k, item) in items.iter().enumerate() {
        if item.is_none() {
            continue;
        }
        let a = item
            .cast::<PyNdArray>()
            .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))?;
        arrays[k] = Some(a.get().inner().clone());
        objects[k] = Some(item.clone().unbind());
    }
    Ok((arrays, objects))
}

fn where_arg(w: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NdArray>> {
    match w {
        None => Ok(None),
        Some(w) if w.is_exact_instance_of::<PyBool>() && w.extract::<bool>()? => Ok(None),
        Some(w) => {
            // NumPy takes the mask as a bool array cast safely.
            let a = to_array(w, None)?;
            if a.kind() == numoxide_core::DTypeKind::Bool {
                return Ok(Some(a));
            }
            if !numoxide_core::cast::can_cast(a.dtype(), &DType::BOOL, Casting::Safe) {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast array data from dtype('{}') to dtype('bool') according to the rule 'safe'",
                    a.dtype().name()
                )));
            }
            Ok(Some(a.astype(DType::BOOL, Order::K).py()?))
        }
    }
}

thread_local! {
    /// Set by the call slot when the keywords hold an explicit `out=None`; read (and
    /// cleared) by `__call__`.
    static OUT_NONE_GIVEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// NumPy's warning for `where=` without `out=`: the masked-out elements of the new
/// output are left as they were allocated.
fn warn_where_without_out(py: Python<'_>) -> PyResult<()> {
    let cat = py.get_type::<pyo3::exceptions::PyUserWarning>();
    PyErr::warn(
        py,
        &cat,
        c"'where' used without 'out', expect uninitialized memory in output. If this is intentional, use out=None.",
        1,
    )
}

/// Wrap a result: 0-d results of a call without `out=` become scalars, as NumPy's.
fn finish<'py>(
    py: Python<'py>,
    arr: NdArray,
    given: Option<Py<PyAny>>,
    scalarize: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(obj) = given {
        return Ok(obj.into_bound(py));
    }
    if scalarize && arr.ndim() == 0 {
        return scalar_to_numoxide(py, arr.item().py()?);
    }
    Ok(wrap(py, arr)?.into_bound(py).into_any())
}

/// The result of `reduce`/`accumulate`/`reduceat`: `out=` as given, else the array
/// through the input's `__array_wrap__` (a subclass input gives a subclass result, as
/// NumPy's reduce-like methods with no context). `return_scalar`: a 0-d result asks for
/// a scalar (reduce).
fn finish_method<'py>(
    py: Python<'py>,
    arr: NdArray,
    given: Option<Py<PyAny>>,
    input: &Bound<'py, PyAny>,
    return_scalar: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if given.is_some() || input.is_exact_instance_of::<PyNdArray>() {
        return finish(py, arr, given, return_scalar);
    }
    let wrap = crate::subclass::OutputWrap::find(std::slice::from_ref(input))?;
    if wrap.is_plain() {
        return finish(py, arr, None, return_scalar);
    }
    let result = Bound::new(py, PyNdArray::owned(arr))?;
    wrap.apply(result, || Ok(py.None().into_bound(py)), return_scalar)
}

/// The fast path of a keyword-free call: `Some(result)` when every operand is a numoxide
/// array or a Python int/float and `ufunc::call_plain` takes the call (contiguous arrays
/// of one shape and of the loop's kinds); `None` sends the call down the general path.
fn try_plain<'py>(
    py: Python<'py>,
    uf: &'static Ufunc,
    args: &[&Bound<'py, PyAny>],
) -> Option<PyResult<Bound<'py, PyAny>>> {
    if args.len() > 3 || args.len() != uf.nin || uf.nout != 1 {
        return None;
    }
    let mut refs: [Option<ArrayRef<'_>>; 3] = [None, None, None];
    let mut weak: [Option<Weak>; 3] = [None; 3];
    for (k, a) in args.iter().enumerate() {
        if a.is_exact_instance_of::<PyNdArray>() {
            refs[k] = Some(a.cast::<PyNdArray>().ok()?.get().inner());
        } else if a.is_exact_instance_of::<PyFloat>() {
            weak[k] = Some(Weak::Float(a.cast::<PyFloat>().ok()?.value()));
        } else if a.is_exact_instance_of::<PyInt>() {
            weak[k] = Some(Weak::Int(i128::from(a.extract::<i64>().ok()?)));
        } else {
            return None;
        }
    }
    let mut ins = [ufunc::PlainIn::Weak(Weak::Int(0)); 3];
    for k in 0..args.len() {
        ins[k] = match (&refs[k], weak[k]) {
            (Some(r), _) => ufunc::PlainIn::Array(r),
            (None, Some(w)) => ufunc::PlainIn::Weak(w),
            (None, None) => return None,
        };
    }
    let r = ufunc::call_plain(uf, &ins[..args.len()])?;
    drop(refs);
    Some(r.py().and_then(|(arr, flags)| {
        handle_fp_flags(py, uf.name, flags)?;
        finish(py, arr, None, true)
    }))
}

/// Run a ufunc from Rust with Python operands (used by the ndarray operators).
pub fn apply<'py>(
    py: Python<'py>,
    uf: &'static Ufunc,
    args: &[&Bound<'py, PyAny>],
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if out.is_none() {
        if let Some(r) = try_plain(py, uf, args) {
            return r;
        }
    }
    let objs: Vec<Bound<'py, PyAny>> = args.iter().map(|a| (*a).clone()).collect();
    let over = crate::overrides::check(py, uf.name, "__call__", &objs, out, || Ok(vec![]))?;
    if let Some(r) = over {
        return Ok(r);
    }
    let inputs: Vec<Input> = args.iter().map(|a| to_input(a)).collect::<PyResult<_>>()?;
    let (out_arrs, out_objs) = out_arrays(out, uf.nout)?;
    let opts = CallOptions {
        out: out_arrs,
        ..Default::default()
    };
    let (results, flags) = ufunc::call(uf, &inputs, &opts).py()?;
    handle_fp_flags(py, uf.name, flags)?;
    finish_all(py, uf, results, out_objs, &objs, true)
}

/// The call's return value from its results: outputs given by `out=` come back as
/// themselves; new ones go through NumPy's `__array_wrap__` protocol over the inputs
/// (a subclass input makes a subclass result, when `subok`), 0-d plain results as
/// scalars; a tuple for several outputs.
fn finish_all<'py>(
    py: Python<'py>,
    uf: &'static Ufunc,
    results: Vec<NdArray>,
    out_objs: Vec<Option<Py<PyAny>>>,
    inputs: &[Bound<'py, PyAny>],
    subok: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let wrap = if subok {
        crate::subclass::OutputWrap::find(inputs)?
    } else {
        crate::subclass::OutputWrap::Plain
    };
    let mut outs = Vec::with_capacity(results.len());
    for (i, (r, o)) in results.into_iter().zip(out_objs).enumerate() {
        if wrap.is_plain() || o.is_some() {
            outs.push(finish(py, r, o, true)?);
            continue;
        }
        let result = Bound::new(py, PyNdArray::owned(r))?;
        let context = || -> PyResult<Bound<'py, PyAny>> {
            let ufunc = py.import("numoxide")?.getattr(uf.name)?;
            let args = PyTuple::new(py, inputs)?;
            Ok((ufunc, args, i).into_pyobject(py)?.into_any())
        };
        outs.push(wrap.apply(result, context, true)?);
    }
    if uf.nout == 1 {
        outs.into_iter()
            .next()
            .ok_or_else(|| PyValueError::new_err("ufunc produced no output"))
    } else {
        Ok(PyTuple::new(py, outs)?.into_any())
    }
}

/// The ufunc named `name` (every name in the table exists).
pub fn by_name(name: &str) -> PyResult<&'static Ufunc> {
    ufunc::get(name).ok_or_else(|| PyValueError::new_err(format!("no ufunc named {name}")))
}

// ----- the ufunc class --------------------------------------------------------------------

// The ufunc class. (A `//` comment on purpose: a `///` doc would become the type's
// `__doc__` string, which hides the per-instance `__doc__` getter below.)
#[allow(missing_docs)]
#[pyclass(name = "ufunc", module = "numoxide", frozen)]
pub struct PyUfunc {
    uf: &'static Ufunc,
    /// The Python-visible name (aliases keep the table name).
    alias: &'static str,
}

fn casting_arg(c: &str) -> PyResult<Casting> {
    Casting::parse(c).py()
}

/// A `dtype=`/`signature=` entry: NumPy takes only the general type, so a byte order
/// other than native is refused with its TypeError.
fn signature_dtype(obj: &Bound<'_, PyAny>) -> PyResult<numoxide_core::DTypeKind> {
    let d = crate::dtype::dtype_from_py(obj)?;
    if !d.is_native() {
        return Err(PyTypeError::new_err("The `dtype` and `signature` arguments to ufuncs only select the general DType and not details such as the byte order or time unit. You can avoid this error by using the scalar types `np.float64` or the dtype string notation."));
    }
    Ok(d.kind())
}

/// The `dtype=` and `signature=` keywords as NumPy's `_get_fixed_signature` reads them:
/// one fixed kind (or `None`) per operand; empty when neither is given.
fn fixed_signature(
    uf: &Ufunc,
    alias: &str,
    dtype: Option<&Bound<'_, PyAny>>,
    signature: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Option<numoxide_core::DTypeKind>>> {
    let dtype = dtype.filter(|d| !d.is_none());
    let signature = signature.filter(|s| !s.is_none());
    let (nin, nop) = (uf.nin, uf.nin + uf.nout);
    match (dtype, signature) {
        (None, None) => Ok(Vec::new()),
        (Some(_), Some(_)) => Err(PyTypeError::new_err(
            "cannot specify both 'signature' and 'dtype'",
        )),
        (Some(d), None) => {
            let k = signature_dtype(d)?;
            let mut sig = vec![None; nop];
            for o in &mut sig[nin..] {
                *o = Some(k);
            }
            Ok(sig)
        }
        (None, Some(s)) => {
            let use_dtype = "Use `dtype` or  fill the tuple with more than one 'None'.";
            if let Ok(t) = s.cast::<PyTuple>() {
                if t.len() == 1 && nop != 1 {
                    let first = t.get_item(0)?;
                    return Err(PyTypeError::new_err(if first.is_none() {
                        "a single item type tuple cannot contain None."
                    } else {
                        use_dtype
                    }));
                }
                if t.len() != nop {
                    return Err(PyValueError::new_err(format!(
                        "a type-tuple must be specified of length {nop} for ufunc '{alias}'"
                    )));
                }
                return t
                    .iter()
                    .map(|item| {
                        if item.is_none() {
                            Ok(None)
                        } else {
                            signature_dtype(&item).map(Some)
                        }
                    })
                    .collect();
            }
            let text: String = if let Ok(b) = s.cast::<pyo3::types::PyBytes>() {
                String::from_utf8_lossy(b.as_bytes()).into_owned()
            } else if let Ok(u) = s.cast::<pyo3::types::PyString>() {
                u.to_str()?.to_string()
            } else {
                return Err(PyTypeError::new_err(
                    "the signature object to ufunc must be a string or a tuple.",
                ));
            };
            let chars: Vec<char> = text.chars().collect();
            let arrow = chars.get(nin) == Some(&'-') && chars.get(nin + 1) == Some(&'>');
            if chars.len() != 1 && (chars.len() != nop + 2 || !arrow) {
                return Err(PyValueError::new_err(format!(
                    "a type-string for {alias}, {nin} typecode(s) before and {} after the -> sign",
                    uf.nout
                )));
            }
            if chars.len() == 1 && nop != 1 {
                return Err(PyTypeError::new_err(use_dtype));
            }
            let py = s.py();
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < nin || *i >= nin + 2)
                .map(|(_, c)| {
                    let code = pyo3::types::PyString::new(py, &c.to_string());
                    signature_dtype(code.as_any()).map(Some)
                })
                .collect()
        }
    }
}

#[pymethods]
impl PyUfunc {
    #[pyo3(signature = (*args, out=None, r#where=None, casting="same_kind", order="K", dtype=None, subok=true, signature=None))]
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
        out: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
        casting: &str,
        order: &str,
        dtype: Option<&Bound<'py, PyAny>>,
        subok: bool,
        signature: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let out_none_given = OUT_NONE_GIVEN.with(|f| f.replace(false));
        let uf = self.uf;
        let nargs = args.len();
        if nargs == uf.nin
            && nargs <= 3
            && out.is_none()
            && r#where.is_none()
            && dtype.is_none()
            && signature.is_none()
            && casting == "same_kind"
            && order == "K"
        {
            let items: [Option<Bound<'py, PyAny>>; 3] =
                std::array::from_fn(|k| (k < nargs).then(|| args.get_item(k).ok()).flatten());
            let mut refs: [&Bound<'py, PyAny>; 3] = [args.as_any(); 3];
            for k in 0..nargs {
                if let Some(it) = &items[k] {
                    refs[k] = it;
                }
            }
            if let Some(r) = try_plain(py, uf, &refs[..nargs]) {
                return r;
            }
        }
        if nargs < uf.nin || nargs > uf.nin + uf.nout {
            return Err(PyTypeError::new_err(format!(
                "{}() takes from {} to {} positional arguments but {} were given",
                self.alias,
                uf.nin,
                uf.nin + uf.nout,
                nargs
            )));
        }
        let positional_out;
        let out = if nargs > uf.nin {
            if out.is_some() {
                return Err(PyTypeError::new_err(
                    "cannot specify 'out' as both a positional and keyword argument",
                ));
            }
            // Fewer positional outputs than the ufunc has leave the rest to be allocated.
            let mut rest: Vec<Bound<'py, PyAny>> = args.iter().skip(uf.nin).collect();
            while rest.len() < uf.nout {
                rest.push(py.None().into_bound(py));
            }
            positional_out = PyTuple::new(py, rest)?;
            Some(positional_out.as_any())
        } else {
            out
        };
        let objs: Vec<Bound<'py, PyAny>> = args.iter().take(uf.nin).collect();
        let over = crate::overrides::check(py, self.alias, "__call__", &objs, out, || {
            let mut k: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
            if let Some(w) = r#where {
                k.push(("where", w.clone()));
            }
            if casting != "same_kind" {
                k.push(("casting", casting.into_pyobject(py)?.into_any()));
            }
            if order != "K" {
                k.push(("order", order.into_pyobject(py)?.into_any()));
            }
            if let Some(d) = dtype {
                k.push(("dtype", d.clone()));
            }
            if !subok {
                k.push((
                    "subok",
                    pyo3::types::PyBool::new(py, false).to_owned().into_any(),
                ));
            }
            if let Some(s) = signature {
                k.push(("signature", s.clone()));
            }
            Ok(k)
        })?;
        if let Some(r) = over {
            return Ok(r);
        }
        let inputs: Vec<Input> = args
            .iter()
            .take(uf.nin)
            .map(|a| to_input(&a))
            .collect::<PyResult<_>>()?;
        let signature = fixed_signature(uf, self.alias, dtype, signature)?;
        let (out_arrs, out_objs) = out_arrays(out, uf.nout)?;
        let where_ = where_arg(r#where)?;
        if where_.is_some() && out.is_none() && !out_none_given {
            warn_where_without_out(py)?;
        }
        let opts = CallOptions {
            out: out_arrs,
            where_,
            casting: casting_arg(casting)?,
            dtype: None,
            order: Order::parse(Some(order)).py()?,
            signature,
        };
        let (results, flags) = ufunc::call(uf, &inputs, &opts).py()?;
        handle_fp_flags(py, uf.name, flags)?;
        finish_all(py, uf, results, out_objs, &objs, subok)
    }

    /// Reduce `array`'s dimension(s) by applying the ufunc along them.
    #[pyo3(signature = (array, axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn reduce<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let over = crate::overrides::check(
            py,
            self.alias,
            "reduce",
            std::slice::from_ref(array),
            out,
            || {
                let mut k: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
                match &axis {
                    AxisArg::Unspecified => {}
                    AxisArg::All => k.push(("axis", py.None().into_bound(py))),
                    AxisArg::Int(i) => k.push(("axis", i.into_pyobject(py)?.into_any())),
                    AxisArg::Axes(v) if v.len() == 1 => {
                        k.push(("axis", v[0].into_pyobject(py)?.into_any()))
                    }
                    AxisArg::Axes(v) => k.push(("axis", PyTuple::new(py, v)?.into_any())),
                }
                if let Some(d) = dtype {
                    k.push(("dtype", d.clone()));
                }
                if keepdims {
                    k.push((
                        "keepdims",
                        pyo3::types::PyBool::new(py, true).to_owned().into_any(),
                    ));
                }
                if let Some(i) = initial {
                    k.push(("initial", i.clone()));
                }
                if let Some(w) = r#where {
                    k.push(("where", w.clone()));
                }
                Ok(k)
            },
        )?;
        if let Some(r) = over {
            return Ok(r);
        }
        let a = to_array(array, None)?;
        let axis = match axis {
            AxisArg::Unspecified => AxisArg::Int(0),
            given => given,
        };
        let axes = axis.for_ndim(a.ndim()).or_default(None);
        let (r, given) = reduce_array(
            py, self.uf, &a, axes, dtype, out, keepdims, initial, r#where,
        )?;
        finish_method(py, r, given, array, true)
    }

    /// Accumulate the result of applying the ufunc along an axis.
    #[pyo3(signature = (array, axis=0, dtype=None, out=None))]
    fn accumulate<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        axis: isize,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let over = crate::overrides::check(
            py,
            self.alias,
            "accumulate",
            std::slice::from_ref(array),
            out,
            || axis_dtype_keywords(py, axis, dtype),
        )?;
        if let Some(r) = over {
            return Ok(r);
        }
        let a = to_array(array, None)?;
        let (out_arrs, out_objs) = out_arrays(out, 1)?;
        let dtype = opt_dtype(dtype)?;
        let (r, flags) = ufunc::accumulate(
            self.uf,
            &a,
            axis,
            dtype,
            out_arrs.into_iter().next().flatten(),
        )
        .py()?;
        handle_fp_flags(py, "accumulate", flags)?;
        finish_method(py, r, out_objs.into_iter().next().flatten(), array, false)
    }

    /// Reduce over slices given by `indices` along an axis.
    #[pyo3(signature = (array, indices, axis=0, dtype=None, out=None))]
    fn reduceat<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        indices: &Bound<'py, PyAny>,
        axis: isize,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ins = [array.clone(), indices.clone()];
        let over = crate::overrides::check(py, self.alias, "reduceat", &ins, out, || {
            axis_dtype_keywords(py, axis, dtype)
        })?;
        if let Some(r) = over {
            return Ok(r);
        }
        let a = to_array(array, None)?;
        let idx: Vec<i64> = to_array(indices, Some(&DType::INT64))?.to_vec::<i64>();
        let (out_arrs, out_objs) = out_arrays(out, 1)?;
        let out_arr = out_arrs.into_iter().next().flatten();
        let (r, mut flags) = ufunc::reduceat(
            self.uf,
            &a,
            &idx,
            axis,
            opt_dtype(dtype)?,
            out_arr.as_ref().map(|o| o.kind()),
        )
        .py()?;
        if let Some(o) = &out_arr {
            o.assign(&r).py()?;
            if ufunc::discards_imag(r.kind(), o.kind()) {
                flags.0 |= FpFlags::COMPLEX_DISCARD;
            }
        }
        handle_fp_flags(py, "reduceat", flags)?;
        finish_method(py, r, out_objs.into_iter().next().flatten(), array, false)
    }

    /// Apply the ufunc to all pairs (a, b) with a in A and b in B.
    #[pyo3(signature = (a, b, out=None, dtype=None, casting="same_kind"))]
    fn outer<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        b: &Bound<'py, PyAny>,
        out: Option<&Bound<'py, PyAny>>,
        dtype: Option<&Bound<'py, PyAny>>,
        casting: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let ins = [a.clone(), b.clone()];
        let over = crate::overrides::check(py, self.alias, "outer", &ins, out, || {
            let mut k: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
            if let Some(d) = dtype {
                k.push(("dtype", d.clone()));
            }
            if casting != "same_kind" {
                k.push(("casting", casting.into_pyobject(py)?.into_any()));
            }
            Ok(k)
        })?;
        if let Some(r) = over {
            return Ok(r);
        }
        let (ia, ib) = (
            Input::Array(to_array(a, None)?),
            Input::Array(to_array(b, None)?),
        );
        let (out_arrs, out_objs) = out_arrays(out, self.uf.nout)?;
        let opts = CallOptions {
            out: out_arrs,
            dtype: opt_dtype(dtype)?,
            casting: casting_arg(casting)?,
            ..Default::default()
        };
        let (results, flags) = ufunc::outer(self.uf, &ia, &ib, &opts).py()?;
        handle_fp_flags(py, self.uf.name, flags)?;
        // Subclass inputs make subclass results, as a call (NumPy runs outer as one).
        finish_all(py, self.uf, results, out_objs, &ins, true)
    }

    /// Unbuffered in-place operation on `a` at `indices` (repeated indices accumulate).
    #[pyo3(signature = (a, indices, b=None))]
    fn at<'py>(
        &self,
        py: Python<'py>,
        a: &Bound<'py, PyAny>,
        indices: &Bound<'py, PyAny>,
        b: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut ins = vec![a.clone(), indices.clone()];
        if let Some(b) = b {
            ins.push(b.clone());
        }
        if let Some(r) = crate::overrides::check(py, self.alias, "at", &ins, None, || Ok(vec![]))? {
            return Ok(r);
        }
        let arr = a
            .cast::<PyNdArray>()
            .map_err(|_| PyTypeError::new_err("first operand must be array"))?
            .borrow()
            .inner()
            .clone();
        let bin = match b {
            Some(b) => Some(to_input(b)?),
            None => None,
        };
        // NumPy resolves the loop before it looks at the indices.
        let resolve_ins: Vec<Input> = std::iter::once(Input::Array(arr.clone()))
            .chain(bin.clone())
            .collect();
        let loop_types = if resolve_ins.len() == self.uf.nin {
            let li = self.uf.resolve(&resolve_ins, None, Casting::Unsafe).py()?;
            Some(self.uf.loops[li].types.clone())
        } else {
            None
        };
        let label = at_label(self.uf, &arr, bin.as_ref(), loop_types.as_deref());
        let index_array = if let Ok(ix) = indices.cast::<PyNdArray>() {
            Some(ix.get().inner().clone())
        } else if indices.is_instance_of::<pyo3::types::PyList>() {
            // A list of ints takes the same typed loop as an index array.
            to_array(indices, None)
                .ok()
                .filter(|a| a.ndim() == 1 && a.kind().is_integer())
        } else {
            None
        };
        if let Some(ix) = index_array {
            // A 1-D integer index array: one typed loop (ufunc::at_indexed).
            if let Some(r) = ufunc::at_indexed(self.uf, &arr, &ix, bin.as_ref()) {
                let flags = r.py()?;
                handle_fp_flags(py, label, flags)?;
                return Ok(py.None().into_bound(py));
            }
        }
        let items = crate::index::parse_at_key(indices)?;
        if self.uf.nin == 2 && bin.is_none() {
            return Err(PyValueError::new_err("second operand needed for ufunc"));
        }
        let flags = numoxide_ops::indexing::ufunc_at(self.uf, &arr, &items, bin.as_ref()).py()?;
        handle_fp_flags(py, label, flags)?;
        Ok(py.None().into_bound(py))
    }

    #[getter]
    fn __name__(&self) -> &'static str {
        self.alias
    }
    #[getter]
    fn __doc__(&self) -> String {
        // NumPy's first line: the call signature, then the description.
        let ins = if self.uf.nin == 1 {
            "x".to_string()
        } else {
            (1..=self.uf.nin)
                .map(|i| format!("x{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let outs = if self.uf.nout == 1 {
            ", /, out=None".to_string()
        } else {
            let names: Vec<String> = (1..=self.uf.nout).map(|i| format!("out{i}")).collect();
            let nones = vec!["None"; self.uf.nout].join(", ");
            format!("[, {}], / [, out=({nones})]", names.join(", "))
        };
        format!(
            "{}({ins}{outs}, *, where=True, casting='same_kind', order='K', dtype=None, subok=True[, signature])\n\n{}",
            self.uf.name, self.uf.doc
        )
    }
    #[getter]
    fn nin(&self) -> usize {
        self.uf.nin
    }
    #[getter]
    fn nout(&self) -> usize {
        self.uf.nout
    }
    #[getter]
    fn nargs(&self) -> usize {
        self.uf.nin + self.uf.nout
    }
    #[getter]
    fn ntypes(&self) -> usize {
        numpy_types(self.uf).len()
    }
    #[getter]
    fn types(&self) -> Vec<String> {
        numpy_types(self.uf)
    }
    #[getter]
    fn signature(&self) -> Option<String> {
        None
    }
    #[getter]
    fn identity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.uf.identity {
            Some(s) => crate::scalar::scalar_to_python(py, s),
            None => Ok(py.None().into_bound(py)),
        }
    }
    fn __repr__(&self) -> String {
        format!("<ufunc '{}'>", self.alias)
    }
}

/// The `axis` (when not 0) and `dtype` keywords of an accumulate/reduceat call, as an
/// `__array_ufunc__` override receives them.
fn axis_dtype_keywords<'py>(
    py: Python<'py>,
    axis: isize,
    dtype: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let mut k: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
    if axis != 0 {
        k.push(("axis", axis.into_pyobject(py)?.into_any()));
    }
    if let Some(d) = dtype {
        k.push(("dtype", d.clone()));
    }
    Ok(k)
}

// ----- the direct call slot ---------------------------------------------------------------

type TernaryFunc = unsafe extern "C" fn(
    *mut pyo3::ffi::PyObject,
    *mut pyo3::ffi::PyObject,
    *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject;

/// PyO3's `__call__` slot, which the direct slot hands every call it does not take.
static PYO3_CALL: std::sync::OnceLock<TernaryFunc> = std::sync::OnceLock::new();

/// Put [`ufunc_call`] in the ufunc type's call slot (once, at module start, before any
/// call): a keyword-free call of array or Python-number operands skips PyO3's trampoline
/// and keyword parsing (a tenth of a small `np.sqrt(x)`), everything else goes to PyO3.
fn install_call(ty: &Bound<'_, pyo3::types::PyType>) {
    let tp = ty.as_type_ptr();
    // SAFETY: `tp` is the live ufunc heap type that PyO3 created with a `__call__` slot;
    // the slot may be replaced before the first call. We hold the GIL, and
    // `PyType_Modified` drops CPython's caches of the type.
    unsafe {
        if let Some(call) = (*tp).tp_call {
            if PYO3_CALL.set(call).is_ok() {
                (*tp).tp_call = Some(ufunc_call);
                pyo3::ffi::PyType_Modified(tp);
            }
        }
    }
}

/// The ufunc call slot: [`try_plain`] for positional operands only, else PyO3's slot.
///
/// # Safety
/// Called by CPython with the GIL held, `slf` a ufunc, `args` a tuple and `kwargs` a dict
/// or null.
unsafe extern "C" fn ufunc_call(
    slf: *mut pyo3::ffi::PyObject,
    args: *mut pyo3::ffi::PyObject,
    kwargs: *mut pyo3::ffi::PyObject,
) -> *mut pyo3::ffi::PyObject {
    use pyo3::ffi;
    let quick = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: per the contract: the GIL is held and the pointers are live.
        unsafe {
            if !kwargs.is_null() && ffi::PyDict_Size(kwargs) != 0 {
                // `out=None` written out silences the where-without-out warning, which
                // PyO3's parsing cannot tell from no `out` at all.
                let out = ffi::PyDict_GetItemString(kwargs, c"out".as_ptr());
                OUT_NONE_GIVEN.with(|f| f.set(!out.is_null() && out == ffi::Py_None()));
                return None;
            }
            let py = Python::assume_attached();
            let this = pyo3::Borrowed::from_ptr(py, slf).cast_unchecked::<PyUfunc>();
            let uf = this.get().uf;
            let n = ffi::PyTuple_GET_SIZE(args);
            if !(1..=3).contains(&n) || n as usize != uf.nin {
                return None;
            }
            let items: [Bound<'_, PyAny>; 3] = std::array::from_fn(|k| {
                let k = (k as ffi::Py_ssize_t).min(n - 1);
                Bound::from_borrowed_ptr(py, ffi::PyTuple_GET_ITEM(args, k))
            });
            let refs: [&Bound<'_, PyAny>; 3] = [&items[0], &items[1], &items[2]];
            try_plain(py, uf, &refs[..n as usize]).map(|r| crate::fastslots::into_raw(py, r))
        }
    }));
    match quick {
        Ok(Some(p)) => p,
        Ok(None) => match PYO3_CALL.get() {
            // SAFETY: PyO3's own slot, called with the arguments CPython gave us.
            Some(call) => unsafe { call(slf, args, kwargs) },
            None => std::ptr::null_mut(),
        },
        Err(_) => {
            // SAFETY: the GIL is held (a slot call).
            let py = unsafe { Python::assume_attached() };
            pyo3::exceptions::PySystemError::new_err("numoxide: internal error in a ufunc call")
                .restore(py);
            std::ptr::null_mut()
        }
    }
}

/// The name NumPy's `ufunc.at` warnings give: the ufunc's own when NumPy runs its
/// indexed loop (the dtype has one, nothing is cast, the array is 1-D and the values at
/// most 1-D), else "at" (its iterator paths, which also do the casts). A Python scalar
/// value counts as an array of its default dtype, as NumPy converts it.
fn at_label(
    uf: &Ufunc,
    arr: &numoxide_core::NdArray,
    values: Option<&Input>,
    loop_types: Option<&[numoxide_core::DTypeKind]>,
) -> &'static str {
    use numoxide_core::DTypeKind as K;
    let kind = arr.kind();
    let arith = matches!(uf.name, "add" | "subtract" | "multiply");
    let indexed = match uf.name {
        "add" | "subtract" | "multiply" | "floor_divide" | "maximum" | "minimum" | "fmax"
        | "fmin" => kind.is_integer() || kind.is_float() || (arith && kind.is_complex()),
        "divide" => kind.is_float(),
        _ => false,
    };
    let Some(types) = loop_types else {
        return "at";
    };
    let array_fits = arr.dtype().is_native()
        && arr.ndim() == 1
        && types.first() == Some(&kind)
        && types.last() == Some(&kind);
    let values_fit = match values {
        None => true,
        Some(Input::Array(b)) => {
            b.dtype().is_native() && b.ndim() <= 1 && types.get(1) == Some(&b.kind())
        }
        Some(Input::Weak(w)) => {
            let default = match w {
                Weak::Int(_) => K::Int64,
                Weak::Float(_) => K::Float64,
                Weak::Complex(..) => K::Complex128,
            };
            types.get(1) == Some(&default)
        }
    };
    if indexed && array_fits && values_fit {
        uf.name
    } else {
        "at"
    }
}

/// The loop signatures as NumPy lists them, for the dtypes numoxide has: our loops, plus
/// the `q`/`Q` (long long) twins NumPy registers after its `l`/`L` loops (the same types
/// here), its mixed int64/uint64 comparison loops, and the float loops it registers twice
/// (a SIMD set and the generic set).
fn numpy_types(uf: &Ufunc) -> Vec<String> {
    let base = uf.type_strings();
    let again: &[char] = match uf.name {
        "arccos" | "arccosh" | "arcsin" | "arcsinh" | "arctan" | "arctanh" | "cbrt" | "cosh"
        | "exp2" | "expm1" | "log10" | "log1p" | "log2" | "sinh" | "tan" | "tanh" | "power" => {
            &['e', 'f', 'd']
        }
        "ceil" | "floor" | "trunc" | "exp" | "log" | "rint" | "sqrt" => &['f', 'd'],
        _ => &[],
    };
    let comparison = matches!(
        uf.name,
        "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal"
    );
    let inputs_all = |t: &str, c: char| t.chars().take(uf.nin).all(|x| x == c);
    let mut out = Vec::with_capacity(base.len() + 8);
    for (i, t) in base.iter().enumerate() {
        out.push(t.clone());
        if inputs_all(t, 'L') {
            if let Some(prev) = i.checked_sub(1).and_then(|j| base.get(j)) {
                if inputs_all(prev, 'l') {
                    out.push(prev.replace('l', "q"));
                    out.push(t.replace('L', "Q"));
                    if comparison {
                        out.push("qQ->?".to_string());
                        out.push("Qq->?".to_string());
                    }
                }
            }
        }
        if !again.is_empty() && inputs_all(t, 'd') {
            for &c in again {
                if let Some(u) = base.iter().find(|u| inputs_all(u, c)) {
                    out.push(u.clone());
                }
            }
        }
    }
    out
}

/// An `axis=` argument that tells "not given" from `None` (all axes).
pub enum AxisArg {
    /// Not passed.
    Unspecified,
    /// `None`.
    All,
    /// One int.
    Int(isize),
    /// A tuple (or list) of ints.
    Axes(Vec<isize>),
}

impl AxisArg {
    /// The axes to use, with `default` standing in for "not given".
    pub fn or_default(self, default: Option<Vec<isize>>) -> Option<Vec<isize>> {
        match self {
            AxisArg::Unspecified => default,
            AxisArg::All => None,
            AxisArg::Int(i) => Some(vec![i]),
            AxisArg::Axes(v) => Some(v),
        }
    }

    /// NumPy's legacy allowance for reductions of 0-d arrays: an int axis 0 or -1
    /// reduces nothing (a tuple still raises AxisError).
    pub fn for_ndim(self, ndim: usize) -> AxisArg {
        match self {
            AxisArg::Int(0 | -1) if ndim == 0 => AxisArg::Axes(Vec::new()),
            other => other,
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for AxisArg {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_none() {
            return Ok(AxisArg::All);
        }
        if let Ok(i) = obj.extract::<isize>() {
            return Ok(AxisArg::Int(i));
        }
        match obj.extract::<Vec<isize>>() {
            Ok(v) => Ok(AxisArg::Axes(v)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                obj.get_type().name()?
            ))),
        }
    }
}

/// The shared body of `ufunc.reduce` and the reduction functions (`sum`, `prod`, ...).
pub fn reduce_impl<'py>(
    py: Python<'py>,
    uf: &'static Ufunc,
    a: &NdArray,
    axes: Option<Vec<isize>>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
    initial: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (r, given) = reduce_array(py, uf, a, axes, dtype, out, keepdims, initial, r#where)?;
    finish(py, r, given, true)
}

/// [`reduce_impl`] before the result reaches Python: the result and the `out=` object.
fn reduce_array<'py>(
    py: Python<'py>,
    uf: &'static Ufunc,
    a: &NdArray,
    axes: Option<Vec<isize>>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
    initial: Option<&Bound<'py, PyAny>>,
    r#where: Option<&Bound<'py, PyAny>>,
) -> PyResult<(NdArray, Option<Py<PyAny>>)> {
    let (out_arrs, out_objs) = out_arrays(out, 1)?;
    let initial = match initial {
        Some(i) if !i.is_none() => match py_value(i)? {
            Some(v) => Some(v.to_scalar()),
            None => return Err(PyTypeError::new_err("initial must be a scalar")),
        },
        _ => None,
    };
    let dtype = opt_dtype(dtype)?;
    if dtype.as_ref().is_some_and(|d| !d.is_native()) {
        return Err(PyTypeError::new_err("The `dtype` and `signature` arguments to ufuncs only select the general DType and not details such as the byte order or time unit. You can avoid this error by using the scalar types `np.float64` or the dtype string notation."));
    }
    let opts = ReduceOptions {
        axes,
        dtype,
        out: out_arrs.into_iter().next().flatten(),
        keepdims,
        initial,
        where_: where_arg(r#where)?,
        ..Default::default()
    };
    let (r, flags) = ufunc::reduce(uf, a, &opts).py()?;
    handle_fp_flags(py, "reduce", flags)?;
    Ok((r, out_objs.into_iter().next().flatten()))
}

/// NumPy's aliases: (alias, table name).
const ALIASES: [(&str, &str); 7] = [
    ("true_divide", "divide"),
    ("mod", "remainder"),
    ("abs", "absolute"),
    ("conj", "conjugate"),
    ("bitwise_not", "invert"),
    ("bitwise_left_shift", "left_shift"),
    ("bitwise_right_shift", "right_shift"),
];

/// NumPy 2's array-API names: (alias, table name).
const ARRAY_API_ALIASES: [(&str, &str); 9] = [
    ("acos", "arccos"),
    ("asin", "arcsin"),
    ("atan", "arctan"),
    ("acosh", "arccosh"),
    ("asinh", "arcsinh"),
    ("atanh", "arctanh"),
    ("atan2", "arctan2"),
    ("pow", "power"),
    ("bitwise_invert", "invert"),
];

/// Register the ufunc objects and the error-state functions.
/// Set the number of threads large ufunc loops and reductions use (internal, for tests;
/// `NUMOXIDE_NUM_THREADS` sets it at start-up); returns the previous value.
#[pyfunction]
#[pyo3(name = "_set_num_threads")]
fn set_num_threads(n: usize) -> PyResult<usize> {
    if n == 0 {
        return Err(PyValueError::new_err(
            "the number of threads must be at least 1",
        ));
    }
    Ok(ufunc::parallel::set_num_threads(n))
}

/// Make every threading threshold `n` elements per thread (0 restores the built-in
/// thresholds), so tests reach the threaded paths with small arrays (internal); returns
/// the previous override.
#[pyfunction]
#[pyo3(name = "_set_parallel_min")]
fn set_parallel_min(n: usize) -> usize {
    ufunc::parallel::set_min_work(n)
}

/// How many times work was handed to the thread pool so far (internal, for tests).
#[pyfunction]
#[pyo3(name = "_parallel_sections")]
fn parallel_sections() -> usize {
    ufunc::parallel::sections()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyUfunc>()?;
    install_call(&py.get_type::<PyUfunc>());
    for uf in ufunc::all() {
        m.add(uf.name, Py::new(py, PyUfunc { uf, alias: uf.name })?)?;
    }
    // An alias is the same object as the ufunc it names (`np.true_divide is
    // np.divide`), so ufuncs used as dictionary keys find each other.
    for (alias, name) in ALIASES.into_iter().chain(ARRAY_API_ALIASES) {
        m.add(alias, m.getattr(name)?)?;
    }
    m.add_function(wrap_pyfunction!(seterr, m)?)?;
    m.add_function(wrap_pyfunction!(geterr, m)?)?;
    m.add_function(wrap_pyfunction!(seterrcall, m)?)?;
    m.add_function(wrap_pyfunction!(geterrcall, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(set_parallel_min, m)?)?;
    m.add_function(wrap_pyfunction!(parallel_sections, m)?)?;
    Ok(())
}
