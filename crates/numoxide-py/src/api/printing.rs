//! Bindings of the printing family: `set_printoptions`, `get_printoptions`,
//! `array2string`, `array_repr`, `array_str`, `format_float_positional`,
//! `format_float_scientific`. The text itself comes from `numoxide_core::print`.

use std::cell::RefCell;
use std::sync::Mutex;

use numoxide_core::print::{self, FloatMode, PrintOptions, Sign};
use numoxide_core::{DTypeKind, NdArray, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt};

use crate::convert::to_array;
use crate::scalar::{py_value, scalar_to_numoxide};

/// The Python-only parts of the options: `formatter` and `override_repr` are callables
/// the core cannot hold.
struct PyExtras {
    formatter: Option<Py<PyAny>>,
    override_repr: Option<Py<PyAny>>,
}

static EXTRAS: Mutex<PyExtras> = Mutex::new(PyExtras {
    formatter: None,
    override_repr: None,
});

fn extras() -> std::sync::MutexGuard<'static, PyExtras> {
    EXTRAS.lock().unwrap_or_else(|e| e.into_inner())
}

fn floatmode_arg(v: &Bound<'_, PyAny>) -> PyResult<FloatMode> {
    v.extract::<String>()
        .ok()
        .and_then(|s| FloatMode::parse(&s))
        .ok_or_else(|| {
            PyValueError::new_err(
                "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"",
            )
        })
}

fn sign_arg(v: &Bound<'_, PyAny>) -> PyResult<Sign> {
    v.extract::<String>()
        .ok()
        .and_then(|s| Sign::parse(&s))
        .ok_or_else(|| PyValueError::new_err("sign option must be one of ' ', '+', or '-'"))
}

fn threshold_arg(v: &Bound<'_, PyAny>) -> PyResult<usize> {
    if let Ok(i) = v.cast::<PyInt>() {
        return Ok(i
            .extract::<i128>()
            .map_or(usize::MAX, |i| i.clamp(0, usize::MAX as i128) as usize));
    }
    let numeric = v.cast::<PyFloat>().is_ok() || v.hasattr("__float__")?;
    if !numeric || v.cast::<pyo3::types::PyString>().is_ok() {
        return Err(PyTypeError::new_err("threshold must be numeric"));
    }
    let f: f64 = v.call_method0("__float__")?.extract()?;
    if f.is_nan() {
        return Err(PyValueError::new_err(
            "threshold must be non-NAN, try sys.maxsize for untruncated representation",
        ));
    }
    Ok(if f >= usize::MAX as f64 {
        usize::MAX
    } else {
        f.max(0.0) as usize
    })
}

fn precision_arg(v: &Bound<'_, PyAny>) -> PyResult<usize> {
    let i: i64 = v
        .call_method0("__index__")
        .and_then(|i| i.extract())
        .map_err(|_| PyTypeError::new_err("precision must be an integer"))?;
    usize::try_from(i).map_err(|_| PyValueError::new_err("precision must be >= 0"))
}

fn count_arg(v: &Bound<'_, PyAny>, name: &str) -> PyResult<usize> {
    let i: i64 = v.extract()?;
    usize::try_from(i).map_err(|_| PyValueError::new_err(format!("{name} must be >= 0")))
}

fn legacy_arg(v: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if v.is_instance_of::<pyo3::types::PyBool>() && !v.is_truthy()? {
        return Ok(None);
    }
    let s: Option<String> = v.extract().ok();
    match s.as_deref() {
        Some("1.13" | "1.21" | "1.25" | "2.1" | "2.2") => Ok(s),
        _ => {
            let warnings = v.py().import("warnings")?;
            warnings.call_method1(
                "warn",
                ("legacy printing option can currently only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`",),
            )?;
            Ok(None)
        }
    }
}

/// The argument when it was given and is not None.
fn given<'a, 'py>(v: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    v.filter(|v| !v.is_none())
}

/// Apply the given (non-None) options on top of `o`.
#[allow(clippy::too_many_arguments)]
fn apply(
    o: &mut PrintOptions,
    precision: Option<&Bound<'_, PyAny>>,
    threshold: Option<&Bound<'_, PyAny>>,
    edgeitems: Option<&Bound<'_, PyAny>>,
    linewidth: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    sign: Option<&Bound<'_, PyAny>>,
    floatmode: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    if let Some(v) = given(floatmode) {
        o.floatmode = floatmode_arg(v)?;
    }
    if let Some(v) = given(sign) {
        o.sign = sign_arg(v)?;
    }
    if let Some(v) = given(threshold) {
        o.threshold = threshold_arg(v)?;
    }
    if let Some(v) = given(precision) {
        o.precision = precision_arg(v)?;
    }
    if let Some(v) = given(edgeitems) {
        o.edgeitems = count_arg(v, "edgeitems")?;
    }
    if let Some(v) = given(linewidth) {
        o.linewidth = count_arg(v, "linewidth")?;
    }
    if let Some(v) = given(suppress) {
        o.suppress = v.is_truthy()?;
    }
    Ok(())
}

/// Set printing options (NumPy's `set_printoptions`).
#[pyfunction]
#[pyo3(signature = (precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *, legacy=None, override_repr=None))]
#[allow(clippy::too_many_arguments)]
pub fn set_printoptions(
    precision: Option<&Bound<'_, PyAny>>,
    threshold: Option<&Bound<'_, PyAny>>,
    edgeitems: Option<&Bound<'_, PyAny>>,
    linewidth: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    nanstr: Option<String>,
    infstr: Option<String>,
    formatter: Option<&Bound<'_, PyAny>>,
    sign: Option<&Bound<'_, PyAny>>,
    floatmode: Option<&Bound<'_, PyAny>>,
    legacy: Option<&Bound<'_, PyAny>>,
    override_repr: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let mut o = print::get_printoptions();
    apply(
        &mut o, precision, threshold, edgeitems, linewidth, suppress, sign, floatmode,
    )?;
    if let Some(s) = nanstr {
        o.nanstr = s;
    }
    if let Some(s) = infstr {
        o.infstr = s;
    }
    if let Some(v) = legacy.filter(|v| !v.is_none()) {
        o.legacy = legacy_arg(v)?;
    }
    print::set_printoptions(o);
    // As in NumPy, `formatter` and `override_repr` are replaced on every call.
    let mut ex = extras();
    ex.formatter = formatter
        .filter(|f| !f.is_none())
        .map(|f| f.clone().unbind());
    ex.override_repr = override_repr
        .filter(|f| !f.is_none())
        .map(|f| f.clone().unbind());
    Ok(())
}

/// The current printing options as a dict (NumPy's `get_printoptions`).
#[pyfunction]
pub fn get_printoptions(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let o = print::get_printoptions();
    let d = PyDict::new(py);
    d.set_item("edgeitems", o.edgeitems)?;
    if o.threshold == usize::MAX {
        d.set_item("threshold", f64::INFINITY)?;
    } else {
        d.set_item("threshold", o.threshold)?;
    }
    d.set_item("floatmode", o.floatmode.name())?;
    d.set_item("precision", o.precision)?;
    d.set_item("suppress", o.suppress)?;
    d.set_item("linewidth", o.linewidth)?;
    d.set_item("nanstr", &o.nanstr)?;
    d.set_item("infstr", &o.infstr)?;
    d.set_item("sign", o.sign.as_char().to_string())?;
    let ex = extras();
    d.set_item("formatter", ex.formatter.as_ref().map(|f| f.clone_ref(py)))?;
    match &o.legacy {
        Some(s) => d.set_item("legacy", s)?,
        None => d.set_item("legacy", false)?,
    }
    d.set_item(
        "override_repr",
        ex.override_repr.as_ref().map(|f| f.clone_ref(py)),
    )?;
    Ok(d)
}

/// The key of NumPy's `formatter` dict that applies to `kind`, most specific first.
fn formatter_keys(kind: DTypeKind) -> [&'static str; 3] {
    if kind == DTypeKind::Bool {
        ["bool", "all", "all"]
    } else if kind.is_integer() {
        ["int", "int_kind", "all"]
    } else if kind.is_complex() {
        ["complexfloat", "complex_kind", "all"]
    } else {
        ["float", "float_kind", "all"]
    }
}

/// The callable of `formatter` (a dict) for arrays of `kind`, if any.
fn pick_formatter<'py>(
    formatter: Option<&Bound<'py, PyAny>>,
    kind: DTypeKind,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(f) = formatter.filter(|f| !f.is_none()) else {
        return Ok(None);
    };
    for key in formatter_keys(kind) {
        if let Ok(v) = f.get_item(key) {
            if !v.is_none() {
                return Ok(Some(v));
            }
        }
    }
    Ok(None)
}

/// Run `body` with the core formatter hook built from a Python callable; a Python error
/// raised by the callable is returned after the text is built.
fn with_formatter<R>(
    py: Python<'_>,
    callable: Option<Bound<'_, PyAny>>,
    body: impl FnOnce(Option<print::Formatter<'_>>) -> R,
) -> PyResult<R> {
    let Some(callable) = callable else {
        return Ok(body(None));
    };
    let error: RefCell<Option<PyErr>> = RefCell::new(None);
    let hook = |s: Scalar| -> String {
        if error.borrow().is_some() {
            return String::new();
        }
        let text = scalar_to_numoxide(py, s)
            .and_then(|v| callable.call1((v,)))
            .and_then(|r| r.str().map(|t| t.to_string()));
        match text {
            Ok(t) => t,
            Err(e) => {
                *error.borrow_mut() = Some(e);
                String::new()
            }
        }
    };
    let out = body(Some(&hook));
    match error.into_inner() {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The array a printing function was given (numoxide, NumPy or any array-like).
fn array_of(a: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    to_array(a, None)
}

/// `repr(a)` under the global options, formatter and `override_repr` included; what
/// `ndarray.__repr__` returns.
///
/// # Errors
/// Whatever a user `formatter`/`override_repr` callable raises.
pub fn repr_of(py: Python<'_>, this: &Bound<'_, PyAny>, a: &NdArray) -> PyResult<String> {
    let (formatter, override_repr) = {
        let ex = extras();
        (
            ex.formatter.as_ref().map(|f| f.clone_ref(py)),
            ex.override_repr.as_ref().map(|f| f.clone_ref(py)),
        )
    };
    if let Some(f) = override_repr {
        return f.bind(py).call1((this,))?.extract();
    }
    let o = print::get_printoptions();
    let callable = pick_formatter(formatter.as_ref().map(|f| f.bind(py)), a.kind())?;
    let name = class_name(this)?;
    with_formatter(py, callable, |f| print::array_repr_named(a, &o, f, &name))
}

/// The name NumPy's repr puts before the parenthesis: `array`, or the name of an
/// ndarray subclass.
fn class_name(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if obj.is_exact_instance_of::<crate::array::PyNdArray>()
        || !obj.is_instance_of::<crate::array::PyNdArray>()
    {
        return Ok("array".to_string());
    }
    Ok(obj.get_type().name()?.to_string())
}

/// `str(a)` under the global options and formatter; what `ndarray.__str__` returns.
///
/// # Errors
/// Whatever a user `formatter` callable raises.
pub fn str_of(py: Python<'_>, a: &NdArray) -> PyResult<String> {
    let formatter = extras().formatter.as_ref().map(|f| f.clone_ref(py));
    let o = print::get_printoptions();
    let callable = pick_formatter(formatter.as_ref().map(|f| f.bind(py)), a.kind())?;
    with_formatter(py, callable, |f| print::array_str_with(a, &o, f))
}

/// Options for one call: the global ones with the call's overrides.
fn call_options(
    max_line_width: Option<&Bound<'_, PyAny>>,
    precision: Option<&Bound<'_, PyAny>>,
    suppress_small: Option<&Bound<'_, PyAny>>,
) -> PyResult<PrintOptions> {
    let mut o = print::get_printoptions();
    apply(
        &mut o,
        precision,
        None,
        None,
        max_line_width,
        suppress_small,
        None,
        None,
    )?;
    Ok(o)
}

/// Text of an array (NumPy's `array2string`).
#[pyfunction]
#[pyo3(signature = (a, max_line_width=None, precision=None, suppress_small=None, separator=" ", prefix="", *, formatter=None, threshold=None, edgeitems=None, sign=None, floatmode=None, suffix="", legacy=None))]
#[allow(clippy::too_many_arguments)]
pub fn array2string(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    max_line_width: Option<&Bound<'_, PyAny>>,
    precision: Option<&Bound<'_, PyAny>>,
    suppress_small: Option<&Bound<'_, PyAny>>,
    separator: &str,
    prefix: &str,
    formatter: Option<&Bound<'_, PyAny>>,
    threshold: Option<&Bound<'_, PyAny>>,
    edgeitems: Option<&Bound<'_, PyAny>>,
    sign: Option<&Bound<'_, PyAny>>,
    floatmode: Option<&Bound<'_, PyAny>>,
    suffix: &str,
    legacy: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let arr = array_of(a)?;
    let mut o = print::get_printoptions();
    apply(
        &mut o,
        precision,
        threshold,
        edgeitems,
        max_line_width,
        suppress_small,
        sign,
        floatmode,
    )?;
    if let Some(v) = legacy.filter(|v| !v.is_none()) {
        o.legacy = legacy_arg(v)?;
    }
    let global = extras().formatter.as_ref().map(|f| f.clone_ref(py));
    let chosen = match formatter.filter(|f| !f.is_none()) {
        Some(f) => pick_formatter(Some(f), arr.kind())?,
        None => pick_formatter(global.as_ref().map(|f| f.bind(py)), arr.kind())?,
    };
    with_formatter(py, chosen, |f| {
        print::array2string_with(&arr, &o, separator, prefix, suffix, f)
    })
}

/// `repr` text of an array (NumPy's `array_repr`).
#[pyfunction]
#[pyo3(signature = (arr, max_line_width=None, precision=None, suppress_small=None))]
pub fn array_repr(
    py: Python<'_>,
    arr: &Bound<'_, PyAny>,
    max_line_width: Option<&Bound<'_, PyAny>>,
    precision: Option<&Bound<'_, PyAny>>,
    suppress_small: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let a = array_of(arr)?;
    let o = call_options(max_line_width, precision, suppress_small)?;
    let formatter = extras().formatter.as_ref().map(|f| f.clone_ref(py));
    let callable = pick_formatter(formatter.as_ref().map(|f| f.bind(py)), a.kind())?;
    let name = class_name(arr)?;
    with_formatter(py, callable, |f| print::array_repr_named(&a, &o, f, &name))
}

/// `str` text of an array (NumPy's `array_str`).
#[pyfunction]
#[pyo3(signature = (a, max_line_width=None, precision=None, suppress_small=None))]
pub fn array_str(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    max_line_width: Option<&Bound<'_, PyAny>>,
    precision: Option<&Bound<'_, PyAny>>,
    suppress_small: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let arr = array_of(a)?;
    let o = call_options(max_line_width, precision, suppress_small)?;
    let formatter = extras().formatter.as_ref().map(|f| f.clone_ref(py));
    let callable = pick_formatter(formatter.as_ref().map(|f| f.bind(py)), arr.kind())?;
    with_formatter(py, callable, |f| print::array_str_with(&arr, &o, f))
}

/// A float argument of `format_float_*` and the float kind whose precision it has.
fn float_value(x: &Bound<'_, PyAny>) -> PyResult<(f64, DTypeKind)> {
    match py_value(x)? {
        Some(v) => {
            let s = v.to_scalar();
            let kind = s.kind();
            if kind.is_float() {
                Ok((s.as_f64(), kind))
            } else if kind.is_complex() {
                Err(PyTypeError::new_err("must be real number, not complex"))
            } else {
                Ok((s.as_f64(), DTypeKind::Float64))
            }
        }
        None => Ok((x.call_method0("__float__")?.extract()?, DTypeKind::Float64)),
    }
}

fn opt_count(v: Option<i64>, name: &str) -> PyResult<Option<usize>> {
    match v {
        None => Ok(None),
        Some(i) if i < 0 => Err(PyValueError::new_err(format!("{name} must be >= 0"))),
        Some(i) => Ok(Some(i as usize)),
    }
}

fn trim_arg(trim: &Bound<'_, PyAny>) -> PyResult<char> {
    let s: Option<String> = trim.extract().ok();
    match s.as_deref().map(|s| (s.chars().count(), s.chars().next())) {
        Some((1, Some(c @ ('k' | '.' | '0' | '-')))) => Ok(c),
        _ => Err(PyTypeError::new_err(format!(
            "if supplied, trim must be 'k', '.', '0' or '-' found `{}`",
            trim.str()?
        ))),
    }
}

/// Positional text of a float (NumPy's `format_float_positional`).
#[pyfunction]
#[pyo3(signature = (x, precision=None, unique=true, fractional=true, trim=None, sign=false, pad_left=None, pad_right=None, min_digits=None))]
#[allow(clippy::too_many_arguments)]
pub fn format_float_positional(
    x: &Bound<'_, PyAny>,
    precision: Option<i64>,
    unique: bool,
    fractional: bool,
    trim: Option<&Bound<'_, PyAny>>,
    sign: bool,
    pad_left: Option<i64>,
    pad_right: Option<i64>,
    min_digits: Option<i64>,
) -> PyResult<String> {
    let precision = opt_count(precision, "precision")?;
    let pad_left = opt_count(pad_left, "pad_left")?;
    let pad_right = opt_count(pad_right, "pad_right")?;
    let min_digits = opt_count(min_digits, "min_digits")?;
    let trim = match trim {
        Some(t) => trim_arg(t)?,
        None => 'k',
    };
    print::check_format_float_args(precision, unique, fractional, trim, min_digits)
        .map_err(crate::error::to_pyerr)?;
    let (v, kind) = float_value(x)?;
    Ok(print::format_float_positional(
        v, kind, precision, unique, fractional, trim, sign, pad_left, pad_right, min_digits,
    ))
}

/// Scientific text of a float (NumPy's `format_float_scientific`).
#[pyfunction]
#[pyo3(signature = (x, precision=None, unique=true, trim=None, sign=false, pad_left=None, exp_digits=None, min_digits=None))]
#[allow(clippy::too_many_arguments)]
pub fn format_float_scientific(
    x: &Bound<'_, PyAny>,
    precision: Option<i64>,
    unique: bool,
    trim: Option<&Bound<'_, PyAny>>,
    sign: bool,
    pad_left: Option<i64>,
    exp_digits: Option<i64>,
    min_digits: Option<i64>,
) -> PyResult<String> {
    let precision = opt_count(precision, "precision")?;
    let pad_left = opt_count(pad_left, "pad_left")?;
    let exp_digits = opt_count(exp_digits, "exp_digits")?;
    let min_digits = opt_count(min_digits, "min_digits")?;
    let trim = match trim {
        Some(t) => trim_arg(t)?,
        None => 'k',
    };
    print::check_format_float_args(precision, unique, true, trim, min_digits)
        .map_err(crate::error::to_pyerr)?;
    let (v, kind) = float_value(x)?;
    Ok(print::format_float_scientific(
        v, kind, precision, unique, trim, sign, pad_left, exp_digits, min_digits,
    ))
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(set_printoptions, m)?)?;
    m.add_function(wrap_pyfunction!(get_printoptions, m)?)?;
    m.add_function(wrap_pyfunction!(array2string, m)?)?;
    m.add_function(wrap_pyfunction!(array_repr, m)?)?;
    m.add_function(wrap_pyfunction!(array_str, m)?)?;
    m.add_function(wrap_pyfunction!(format_float_positional, m)?)?;
    m.add_function(wrap_pyfunction!(format_float_scientific, m)?)?;
    Ok(())
}
