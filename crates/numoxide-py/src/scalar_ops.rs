//! Arithmetic on numoxide scalars. The scalar classes' operators (`float32(1) + 2`,
//! `-int8(5)`, ...) call these directly with the ufunc's index, skipping the ufunc
//! object's keyword parsing.
//!
//! When every operand is a plain scalar, the ufunc's own inner loop runs on one element
//! held on the stack: the loop is the one NumPy's type resolution picks for these operand
//! types (resolved once through the array path, then remembered), so the value, the
//! result type and the floating-point warnings are those of the array path. Anything
//! else (arrays, lists, subclasses, resolution errors) takes the array path itself.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::LazyLock;

use numoxide_core::dtype::ALL_KINDS;
use numoxide_core::{DTypeKind, NdArray, Scalar};
use numoxide_ops::ufunc::{self, fpstatus, math, FpFlags, Input, Weak};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyComplex, PyFloat, PyInt, PyList, PyTuple};

use crate::api::ufuncs::{apply, handle_fp_flags};
use crate::array::PyNdArray;
use crate::error::IntoPyResult;
use crate::scalar::{is_numoxide_scalar, quick_number, read_scalar, scalar_to_numoxide};

/// The index of the ufunc `name` in the ufunc table.
fn ufunc_index(name: &str) -> PyResult<usize> {
    ufunc::all()
        .iter()
        .position(|u| u.name == name)
        .ok_or_else(|| PyValueError::new_err(format!("no ufunc named {name}")))
}

fn ufunc_at(index: usize) -> PyResult<&'static ufunc::Ufunc> {
    ufunc::all()
        .get(index)
        .ok_or_else(|| PyValueError::new_err("bad ufunc index"))
}

/// Whether a binary scalar operator handles `other` (else it returns NotImplemented, so
/// Python tries the other operand's method).
fn accepts(other: &Bound<'_, PyAny>) -> bool {
    other.is_instance_of::<PyFloat>()
        || other.is_instance_of::<PyInt>()
        || other.is_instance_of::<PyComplex>()
        || other.is_instance_of::<PyNdArray>()
        || other.is_instance_of::<PyList>()
        || other.is_instance_of::<PyTuple>()
        || is_numoxide_scalar(other)
}

/// `ufunc(this, other)`, or `ufunc(other, this)` when `reflected`; NotImplemented for
/// operands a numoxide scalar does not combine with.
fn scalar_binary<'py>(
    py: Python<'py>,
    index: usize,
    this: &Bound<'py, PyAny>,
    other: &Bound<'py, PyAny>,
    reflected: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if !accepts(other) {
        return Ok(py.NotImplemented().into_bound(py));
    }
    let uf = ufunc_at(index)?;
    let (first, second) = if reflected {
        (other, this)
    } else {
        (this, other)
    };
    if let (Some(a), Some(b)) = (operand(first)?, operand(second)?) {
        let owner = if reflected { b } else { a };
        if let Some(r) = call_on_stack(py, index, uf, owner, &[a, b])? {
            return Ok(r);
        }
    }
    apply(py, uf, &[first, second], None)
}

/// The operators on float64 and int64 scalars (with each other or with Python floats
/// and ints) whose result is an ordinary value, computed directly: None whenever the
/// general path is needed — other types, a non-finite or subnormal result, a result
/// that may have underflowed, integer overflow or division by zero — so that all of
/// NumPy's warnings and special cases stay with the ufunc loop.
fn quick_binary<'py>(
    this: &Bound<'py, PyAny>,
    op: usize,
    other: &Bound<'py, PyAny>,
    reflected: bool,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    use crate::scalar::QuickNumber::{Float, Int};
    let (a, a_typed) = quick_number(this)?;
    let (b, b_typed) = quick_number(other)?;
    let ((x, x_typed), (y, y_typed)) = if reflected {
        ((b, b_typed), (a, a_typed))
    } else {
        ((a, a_typed), (b, b_typed))
    };
    if !(x_typed || y_typed) {
        return None;
    }
    let py = this.py();
    // Two ints stay int64 (a weak Python int takes the typed int64's kind).
    if let (Int(x), Int(y)) = (x, y) {
        let r = match op {
            0 => x.checked_add(y),
            1 => x.checked_sub(y),
            2 => x.checked_mul(y),
            // Floor division and its remainder (sign of the divisor), as Python's.
            4 if y != 0 => x.checked_div(y).map(|q| {
                if x % y != 0 && (x < 0) != (y < 0) {
                    q - 1
                } else {
                    q
                }
            }),
            5 if y != 0 => x.checked_rem(y).map(|m| {
                if m != 0 && (m < 0) != (y < 0) {
                    m + y
                } else {
                    m
                }
            }),
            17..=22 => return Some(compare_result(py, op, x.cmp(&y))),
            _ => None,
        }?;
        return Some(crate::scalar::scalar_to_numoxide(py, Scalar::Int64(r)));
    }
    // Otherwise float64: a typed float64 anywhere, or a typed int64 with a Python float.
    let as_f64 = |n| match n {
        Float(v) => Some(v),
        // An int64 converts exactly below 2**53; beyond that leave the rounding to the
        // general path.
        Int(v) if v.unsigned_abs() <= 1 << 53 => Some(v as f64),
        Int(_) => None,
    };
    let (x, y) = (as_f64(x)?, as_f64(y)?);
    let r = match op {
        0 => x + y,
        1 => x - y,
        2 => x * y,
        3 => x / y,
        17..=22 => {
            let ord = x.partial_cmp(&y)?;
            return Some(compare_result(py, op, ord));
        }
        _ => return None,
    };
    // Anything that may have raised a floating-point flag goes the general way.
    // (An exact zero: a sum or difference, or a product or quotient of a zero.)
    let ordinary = r.is_normal() || (r == 0.0 && (op < 2 || x == 0.0 || (op == 2 && y == 0.0)));
    if !ordinary {
        return None;
    }
    Some(crate::scalar::scalar_to_numoxide(py, Scalar::Float64(r)))
}

/// The bool scalar of comparison operator `op` (17..=22: < <= == != > >=) given the
/// operands' order.
fn compare_result(
    py: Python<'_>,
    op: usize,
    ord: std::cmp::Ordering,
) -> PyResult<Bound<'_, PyAny>> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let v = match op {
        17 => ord == Less,
        18 => ord != Greater,
        19 => ord == Equal,
        20 => ord != Equal,
        21 => ord == Greater,
        _ => ord != Less,
    };
    crate::scalar::scalar_to_numoxide(py, Scalar::Bool(v))
}

/// `ufunc(this)` for a unary operator.
fn scalar_unary<'py>(
    py: Python<'py>,
    index: usize,
    this: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let uf = ufunc_at(index)?;
    if let Some(a) = operand(this)? {
        if let Some(r) = call_on_stack(py, index, uf, a, &[a])? {
            return Ok(r);
        }
    }
    apply(py, uf, &[this], None)
}

/// A scalar operand: a typed value (numoxide scalar, Python bool) or a weak Python number.
#[derive(Clone, Copy)]
enum Operand {
    Typed(Scalar),
    Weak(Weak),
}

impl Operand {
    /// A small code for the resolution cache: the kind's position, or 14..=16 for weak
    /// int / float / complex.
    fn code(&self) -> usize {
        match self {
            Operand::Typed(s) => ALL_KINDS.iter().position(|&k| k == s.kind()).unwrap_or(0),
            Operand::Weak(Weak::Int(_)) => ALL_KINDS.len(),
            Operand::Weak(Weak::Float(_)) => ALL_KINDS.len() + 1,
            Operand::Weak(Weak::Complex(..)) => ALL_KINDS.len() + 2,
        }
    }

    fn as_input(&self) -> Input {
        match self {
            Operand::Typed(s) => Input::Array(NdArray::from_scalar(*s)),
            Operand::Weak(w) => Input::Weak(*w),
        }
    }

    /// The value converted to the loop's input kind, as the array path converts it, and
    /// whether a finite Python number became infinite on the way (NumPy warns of an
    /// "overflow encountered in cast" then).
    fn to_kind(self, kind: DTypeKind) -> PyResult<(Scalar, bool)> {
        match self {
            Operand::Typed(s) => Ok((s.cast(kind), false)),
            Operand::Weak(w) => {
                let v = ufunc::weak_to_scalar(&w, kind).py()?;
                let finite_in = match w {
                    Weak::Int(_) => true,
                    Weak::Float(f) => f.is_finite(),
                    Weak::Complex(re, im) => re.is_finite() && im.is_finite(),
                };
                let c = v.as_complex();
                Ok((
                    v,
                    finite_in && kind.is_inexact() && !(c.re.is_finite() && c.im.is_finite()),
                ))
            }
        }
    }
}

/// `obj` as a plain scalar operand, or None when it needs the array path.
fn operand(obj: &Bound<'_, PyAny>) -> PyResult<Option<Operand>> {
    use pyo3::ffi;
    let tp = obj.get_type_ptr();
    let raw = obj.as_ptr();
    // SAFETY: reading the addresses of CPython's static type objects; each branch reads
    // the value through the API of the exact type just matched.
    unsafe {
        if tp == std::ptr::addr_of_mut!(ffi::PyFloat_Type) {
            return Ok(Some(Operand::Weak(Weak::Float(ffi::PyFloat_AS_DOUBLE(
                raw,
            )))));
        }
        if tp == std::ptr::addr_of_mut!(ffi::PyLong_Type) {
            return Ok(crate::scalar::exact_int_value(obj).map(|v| Operand::Weak(Weak::Int(v))));
        }
        if tp == std::ptr::addr_of_mut!(ffi::PyBool_Type) {
            return Ok(Some(Operand::Typed(Scalar::Bool(raw == ffi::Py_True()))));
        }
        if tp == std::ptr::addr_of_mut!(ffi::PyComplex_Type) {
            let c = ffi::PyComplex_AsCComplex(raw);
            return Ok(Some(Operand::Weak(Weak::Complex(c.real, c.imag))));
        }
    }
    Ok(read_scalar(obj)?.map(Operand::Typed))
}

const CODES: usize = ALL_KINDS.len() + 3;
const UNRESOLVED: u16 = u16::MAX;

/// The loop index each (ufunc, operand codes) resolved to.
static LOOPS: LazyLock<Vec<AtomicU16>> = LazyLock::new(|| {
    (0..ufunc::all().len() * CODES * CODES)
        .map(|_| AtomicU16::new(UNRESOLVED))
        .collect()
});

/// How resolving a scalar call ended.
enum Resolved {
    /// This loop.
    Loop(usize),
    /// No loop takes these operand types (NumPy's operators then return NotImplemented).
    NoLoop,
    /// Another error: the array path raises it.
    Other,
}

/// The loop `uf` runs for these operands, resolved through the array path on first use.
fn resolved_loop(index: usize, uf: &ufunc::Ufunc, ops: &[Operand]) -> Resolved {
    let second = ops.get(1).map_or(0, Operand::code);
    let Some(slot) = LOOPS.get((index * CODES + ops[0].code()) * CODES + second) else {
        return Resolved::Other;
    };
    let cached = slot.load(Ordering::Relaxed);
    if cached != UNRESOLVED {
        return Resolved::Loop(usize::from(cached));
    }
    let inputs: Vec<Input> = ops.iter().map(Operand::as_input).collect();
    match uf.resolve(&inputs, None, numoxide_core::cast::Casting::SameKind) {
        Ok(li) => match u16::try_from(li) {
            Ok(v) if v != UNRESOLVED => {
                slot.store(v, Ordering::Relaxed);
                Resolved::Loop(li)
            }
            _ => Resolved::Other,
        },
        Err(e) if ufunc::is_type_error(&e) => Resolved::NoLoop,
        Err(_) => Resolved::Other,
    }
}

/// Whether NumPy computes this operation with its scalar math (which names itself
/// "scalar add" in warnings and checks integer overflow) rather than with the ufunc:
/// the operator's owner is `this`, the scalar whose method runs; bool scalars have no
/// scalar math; a Python number joins when it converts to the
/// scalar's own category; another scalar joins when one of the two types casts safely
/// to the other.
fn uses_scalar_math(this: Operand, ops: &[Operand]) -> bool {
    use numoxide_core::cast::can_cast_safely;
    let Operand::Typed(owner) = this else {
        return false;
    };
    let k = owner.kind();
    if k == DTypeKind::Bool {
        return false;
    }
    ops.iter().all(|o| match *o {
        Operand::Typed(s) => {
            let o = s.kind();
            can_cast_safely(o, k) || can_cast_safely(k, o)
        }
        Operand::Weak(Weak::Int(_)) => true,
        Operand::Weak(Weak::Float(_)) => k.is_inexact(),
        Operand::Weak(Weak::Complex(..)) => k.is_complex(),
    })
}

/// Run `uf`'s inner loop on one element of each operand, on the stack. None when the
/// operands need the array path (comparisons, resolution errors, odd arities).
fn call_on_stack<'py>(
    py: Python<'py>,
    index: usize,
    uf: &'static ufunc::Ufunc,
    this: Operand,
    ops: &[Operand],
) -> PyResult<Option<Bound<'py, PyAny>>> {
    if ops.len() != uf.nin || uf.nout > 2 {
        return Ok(None);
    }
    // Comparisons resolve a Python int by its value when it lies outside the other
    // operand's range; those take the array path.
    if uf.quiet_invalid && !ops.iter().all(|o| weak_int_in_range(o, ops)) {
        return Ok(None);
    }
    let li = match resolved_loop(index, uf, ops) {
        Resolved::Loop(li) => li,
        // NumPy's complex scalars have no floor division or remainder: the operator
        // returns NotImplemented (Python's "unsupported operand" TypeError).
        Resolved::NoLoop
            if matches!(uf.name, "floor_divide" | "remainder" | "divmod")
                && ops
                    .iter()
                    .any(|o| matches!(o, Operand::Typed(s) if s.kind().is_complex())) =>
        {
            return Ok(Some(py.NotImplemented().into_bound(py)));
        }
        _ => return Ok(None),
    };
    let scalar_math = uses_scalar_math(this, ops);
    let Some(lp) = uf.loops.get(li) else {
        return Ok(None);
    };
    // One 16-byte slot per operand (inputs then outputs): room for any element.
    let mut cells = [[0u64; 2]; 4];
    let mut ptrs = [std::ptr::null_mut::<u8>(); 4];
    for (cell, ptr) in cells.iter_mut().zip(ptrs.iter_mut()) {
        *ptr = cell.as_mut_ptr() as *mut u8;
    }
    let mut values = [Scalar::Bool(false); 2];
    let mut cast_overflow = false;
    for (k, (op, &kind)) in ops.iter().zip(&lp.types).enumerate() {
        let (value, overflowed) = op.to_kind(kind)?;
        cast_overflow |= overflowed;
        values[k] = value;
        // SAFETY: each cell is 16 bytes, enough for any element kind.
        unsafe { value.write_to(ptrs[k]) };
    }
    if cast_overflow {
        handle_fp_flags(py, "cast", FpFlags(FpFlags::OVERFLOW))?;
    }
    let nargs = uf.nin + uf.nout;
    let steps = [0isize; 4];
    fpstatus::clear_all();
    // SAFETY: every operand points at its own 16-byte cell holding (or receiving) one
    // element of the loop's kind for that operand; n = 1 and the steps are unused.
    unsafe { lp.kernel.call(&ptrs[..nargs], &steps[..nargs], 1) };
    let flags = fpstatus::read_all();
    fpstatus::clear_all();
    if flags.has(math::NEGATIVE_POWER) {
        return Err(PyValueError::new_err(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let mut results = [Scalar::Bool(false); 2];
    for (k, r) in (uf.nin..nargs).zip(results.iter_mut()) {
        let kind = lp.types.get(k).copied().unwrap_or(DTypeKind::Float64);
        // SAFETY: the kernel wrote one element of `kind` into this cell.
        *r = unsafe { Scalar::read_from(kind, ptrs[k], false) };
    }
    // The flags NumPy reports (its scalar math's comparisons never warn).
    let mut flags = if scalar_math {
        uf.visible_scalar(flags)
    } else {
        uf.visible(flags)
    };
    let name = if scalar_math {
        if integer_overflowed(uf.name, &values[..uf.nin], results[0]) {
            flags = flags.union(FpFlags(FpFlags::OVERFLOW));
        }
        // NumPy's float16 scalar remainder divides first: a finite, non-zero dividend
        // over zero also reports division by zero.
        if let ("remainder", [Scalar::Float16(a), Scalar::Float16(b)]) = (uf.name, &values[..2]) {
            let (a, b) = (a.to_f64(), b.to_f64());
            if b == 0.0 && a.is_finite() && a != 0.0 {
                flags = flags.union(FpFlags(FpFlags::DIVIDE));
            }
        }
        // NumPy's scalar math names the operation "scalar add", ...
        scalar_name(index, uf.name)
    } else {
        uf.name
    };
    handle_fp_flags(py, name, flags)?;
    let mut outs = Vec::with_capacity(uf.nout);
    for &r in &results[..uf.nout] {
        outs.push(scalar_to_numoxide(py, r)?);
    }
    Ok(Some(if outs.len() == 1 {
        outs.swap_remove(0)
    } else {
        PyTuple::new(py, outs)?.into_any()
    }))
}

/// Whether `op`, when a Python int, fits the range of some typed operand's kind (any
/// inexact kind holds it).
fn weak_int_in_range(op: &Operand, ops: &[Operand]) -> bool {
    let Operand::Weak(Weak::Int(v)) = op else {
        return true;
    };
    ops.iter().any(|t| match t {
        Operand::Typed(s) if s.kind().is_inexact() => true,
        Operand::Typed(s) if s.kind().is_integer() => {
            let (lo, hi) = s.kind().int_bounds();
            *v >= lo && *v <= hi
        }
        _ => false,
    })
}

/// Whether an integer `add`, `subtract`, `multiply`, `negative` or `absolute` of these
/// (loop-kind) inputs left the result kind's range: NumPy's scalar math reports that as
/// an overflow, where array loops wrap silently.
fn integer_overflowed(name: &str, inputs: &[Scalar], result: Scalar) -> bool {
    let kind = result.kind();
    if !kind.is_integer() {
        return false;
    }
    let a = inputs.first().and_then(|s| as_i128(*s));
    let b = inputs.get(1).and_then(|s| as_i128(*s));
    let exact = match (name, a, b) {
        ("add", Some(a), Some(b)) => a.checked_add(b),
        ("subtract", Some(a), Some(b)) => a.checked_sub(b),
        ("multiply", Some(a), Some(b)) => a.checked_mul(b),
        ("negative", Some(a), None) => a.checked_neg(),
        ("absolute", Some(a), None) => a.checked_abs(),
        _ => return false,
    };
    let (lo, hi) = kind.int_bounds();
    exact.is_none_or(|v| v < lo || v > hi)
}

fn as_i128(s: Scalar) -> Option<i128> {
    Some(match s {
        Scalar::Int8(v) => v.into(),
        Scalar::UInt8(v) => v.into(),
        Scalar::Int16(v) => v.into(),
        Scalar::UInt16(v) => v.into(),
        Scalar::Int32(v) => v.into(),
        Scalar::UInt32(v) => v.into(),
        Scalar::Int64(v) => v.into(),
        Scalar::UInt64(v) => v.into(),
        _ => return None,
    })
}

/// "scalar <name>" for each ufunc, made once.
static SCALAR_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ufunc::all()
        .iter()
        .map(|u| format!("scalar {}", u.name))
        .collect()
});

fn scalar_name(index: usize, name: &'static str) -> &'static str {
    SCALAR_NAMES.get(index).map_or(name, String::as_str)
}

/// The base class of `numoxide.generic` holding the scalar operators as type slots, so
/// `x + y` on scalars calls Rust without a Python-level method frame. It has no
/// instance fields, so it combines with `float` and `complex` in float64/complex128.
#[pyclass(frozen, subclass, name = "_ScalarOps", module = "numoxide")]
pub struct ScalarOps;

static OP_INDEX: LazyLock<Vec<usize>> = LazyLock::new(|| {
    OPS.iter()
        .map(|name| ufunc_index(name).unwrap_or(usize::MAX))
        .collect()
});

/// The ufuncs behind the operators, in the order of the `Op` constants below.
const OPS: [&str; 23] = [
    "add",
    "subtract",
    "multiply",
    "divide",
    "floor_divide",
    "remainder",
    "divmod",
    "power",
    "left_shift",
    "right_shift",
    "bitwise_and",
    "bitwise_or",
    "bitwise_xor",
    "negative",
    "positive",
    "absolute",
    "invert",
    "less",
    "less_equal",
    "equal",
    "not_equal",
    "greater",
    "greater_equal",
];

/// NumPy's ComplexWarning for `float()`/`int()` of a complex scalar.
fn warn_complex_discarded(py: Python<'_>) -> PyResult<()> {
    let category = py
        .import("numoxide.exceptions")?
        .getattr("ComplexWarning")?;
    PyErr::warn(
        py,
        &category,
        c"Casting complex values to real discards the imaginary part",
        1,
    )
}

/// The value of a numoxide scalar (of a registered class or a subclass of one).
fn value_of(obj: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    if let Some(s) = read_scalar(obj)? {
        return Ok(s);
    }
    let py = obj.py();
    let type_char: String = obj
        .getattr(pyo3::intern!(py, "_numoxide_char"))?
        .extract()?;
    crate::scalar::typed(&type_char, &obj.getattr(pyo3::intern!(py, "_value"))?)
}

fn binary_op<'py>(
    slf: &Bound<'py, ScalarOps>,
    op: usize,
    other: &Bound<'py, PyAny>,
    reflected: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(r) = quick_binary(slf.as_any(), op, other, reflected) {
        return r;
    }
    let index = OP_INDEX.get(op).copied().unwrap_or(usize::MAX);
    scalar_binary(slf.py(), index, slf.as_any(), other, reflected)
}

fn unary_op<'py>(slf: &Bound<'py, ScalarOps>, op: usize) -> PyResult<Bound<'py, PyAny>> {
    let index = OP_INDEX.get(op).copied().unwrap_or(usize::MAX);
    scalar_unary(slf.py(), index, slf.as_any())
}

#[pymethods]
impl ScalarOps {
    fn __richcmp__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        op: pyo3::basic::CompareOp,
    ) -> PyResult<Bound<'py, PyAny>> {
        use pyo3::basic::CompareOp::*;
        let k = match op {
            Lt => 17,
            Le => 18,
            Eq => 19,
            Ne => 20,
            Gt => 21,
            Ge => 22,
        };
        binary_op(slf, k, other, false)
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        Ok(numoxide_core::print::scalar_repr(value_of(slf.as_any())?))
    }
    fn __str__(slf: &Bound<'_, Self>) -> PyResult<String> {
        Ok(numoxide_core::print::scalar_str(value_of(slf.as_any())?))
    }
    fn __bool__(slf: &Bound<'_, Self>) -> PyResult<bool> {
        let v = value_of(slf.as_any())?.as_complex();
        Ok(v.re != 0.0 || v.im != 0.0)
    }
    fn __float__(slf: &Bound<'_, Self>) -> PyResult<f64> {
        let s = value_of(slf.as_any())?;
        if s.kind().is_complex() {
            warn_complex_discarded(slf.py())?;
        }
        Ok(s.as_complex().re)
    }
    fn __int__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let s = value_of(slf.as_any())?;
        if s.kind().is_complex() {
            warn_complex_discarded(py)?;
        }
        let value = match s {
            Scalar::Complex64(c) => pyo3::types::PyFloat::new(py, f64::from(c.re)).into_any(),
            Scalar::Complex128(c) => pyo3::types::PyFloat::new(py, c.re).into_any(),
            other => crate::scalar::scalar_to_python(py, other)?,
        };
        // Python's own int(): truncation, and its errors for NaN and infinity.
        // SAFETY: `value` is a live object; PyNumber_Long returns a new reference or
        // null with an exception set.
        unsafe { Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyNumber_Long(value.as_ptr())) }
    }
    /// A bare instance (the scalar classes' constructors fill in the value).
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(
        _args: &Bound<'_, pyo3::types::PyTuple>,
        _kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> Self {
        ScalarOps
    }
    fn __add__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 0, other, false)
    }
    fn __radd__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 0, other, true)
    }
    fn __sub__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 1, other, false)
    }
    fn __rsub__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 1, other, true)
    }
    fn __mul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 2, other, false)
    }
    fn __rmul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 2, other, true)
    }
    fn __truediv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 3, other, false)
    }
    fn __rtruediv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 3, other, true)
    }
    fn __floordiv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 4, other, false)
    }
    fn __rfloordiv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 4, other, true)
    }
    fn __mod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 5, other, false)
    }
    fn __rmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 5, other, true)
    }
    fn __divmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 6, other, false)
    }
    fn __rdivmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 6, other, true)
    }
    fn __lshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 8, other, false)
    }
    fn __rlshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 8, other, true)
    }
    fn __rshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 9, other, false)
    }
    fn __rrshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 9, other, true)
    }
    fn __and__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 10, other, false)
    }
    fn __rand__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 10, other, true)
    }
    fn __or__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 11, other, false)
    }
    fn __ror__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 11, other, true)
    }
    fn __xor__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 12, other, false)
    }
    fn __rxor__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binary_op(slf, 12, other, true)
    }
    fn __pow__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        modulo: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !modulo.is_none() {
            return Ok(slf.py().NotImplemented().into_bound(slf.py()));
        }
        binary_op(slf, 7, other, false)
    }
    fn __rpow__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        modulo: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !modulo.is_none() {
            return Ok(slf.py().NotImplemented().into_bound(slf.py()));
        }
        binary_op(slf, 7, other, true)
    }
    fn __neg__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unary_op(slf, 13)
    }
    fn __pos__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unary_op(slf, 14)
    }
    fn __abs__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        // NumPy's complex scalars take their magnitude from libm's hypot (hypotf for
        // complex64), which can differ in the last bit from the ufunc's loop. A finite
        // result of finite parts raises no flag; anything else takes the ufunc path,
        // which reports overflow and keeps the special values.
        let py = slf.py();
        let quick = match read_scalar(slf.as_any())? {
            Some(Scalar::Complex128(z)) if z.re.is_finite() && z.im.is_finite() => {
                let r = numoxide_ops::ufunc::cmath::cabs_scalar(z);
                r.is_finite().then_some(Scalar::Float64(r))
            }
            Some(Scalar::Complex64(z)) if z.re.is_finite() && z.im.is_finite() => {
                let r = numoxide_ops::ufunc::cmath::cabs_scalar(z);
                r.is_finite().then_some(Scalar::Float32(r))
            }
            _ => None,
        };
        match quick {
            Some(r) => scalar_to_numoxide(py, r),
            None => unary_op(slf, 15),
        }
    }
    fn __invert__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unary_op(slf, 16)
    }
}

/// Direct number slots for the concrete scalar classes (`+ - * / // %`), skipping
/// PyO3's trampoline on the hot scalar arithmetic of Python loops. Each runs
/// [`quick_binary`] and hands anything it declines, errors and warnings included, to
/// `_ScalarOps`'s PyO3 slot, so results are unchanged. `_scalar_type` puts them in the
/// type spec of every concrete scalar class.
pub(crate) mod direct {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::OnceLock;

    use pyo3::ffi;
    use pyo3::prelude::*;

    use super::{quick_binary, ScalarOps};

    type Binary =
        unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject) -> *mut ffi::PyObject;

    /// The slot ids, in the operator order of [`quick_binary`] (0..=5).
    const SLOTS: [i32; 6] = [
        ffi::Py_nb_add,
        ffi::Py_nb_subtract,
        ffi::Py_nb_multiply,
        ffi::Py_nb_true_divide,
        ffi::Py_nb_floor_divide,
        ffi::Py_nb_remainder,
    ];

    type RichCompare =
        unsafe extern "C" fn(*mut ffi::PyObject, *mut ffi::PyObject, i32) -> *mut ffi::PyObject;
    type Unary = unsafe extern "C" fn(*mut ffi::PyObject) -> *mut ffi::PyObject;

    /// `_ScalarOps`'s PyO3 slots, the fallbacks.
    static FALLBACK: OnceLock<[Option<Binary>; 6]> = OnceLock::new();
    /// `_ScalarOps`'s PyO3 comparison and `float()` slots.
    static FALLBACK_OTHER: OnceLock<(Option<RichCompare>, Option<Unary>)> = OnceLock::new();

    fn fallbacks(py: Python<'_>) -> &'static [Option<Binary>; 6] {
        FALLBACK.get_or_init(|| {
            let tp = py.get_type::<ScalarOps>().as_type_ptr();
            SLOTS.map(|slot| {
                // SAFETY: `tp` is the live `_ScalarOps` type; a number slot, when present,
                // is a binary function, which is what PyO3 installed there.
                unsafe {
                    let f = ffi::PyType_GetSlot(tp, slot);
                    if f.is_null() {
                        None
                    } else {
                        Some(std::mem::transmute::<*mut std::ffi::c_void, Binary>(f))
                    }
                }
            })
        })
    }

    /// The `(slot id, function)` pairs for a scalar class's type spec. Call with the GIL
    /// held, after `_ScalarOps` exists.
    pub(crate) fn slots(py: Python<'_>) -> [(i32, *mut std::ffi::c_void); 8] {
        fallbacks(py);
        FALLBACK_OTHER.get_or_init(|| {
            let tp = py.get_type::<ScalarOps>().as_type_ptr();
            // SAFETY: `tp` is the live `_ScalarOps` type; PyO3 installed a rich comparison
            // and an `nb_float` function there (or nothing).
            unsafe {
                let cmp = ffi::PyType_GetSlot(tp, ffi::Py_tp_richcompare);
                let float = ffi::PyType_GetSlot(tp, ffi::Py_nb_float);
                (
                    (!cmp.is_null())
                        .then(|| std::mem::transmute::<*mut std::ffi::c_void, RichCompare>(cmp)),
                    (!float.is_null())
                        .then(|| std::mem::transmute::<*mut std::ffi::c_void, Unary>(float)),
                )
            }
        });
        let funcs: [Binary; 6] = [
            add,
            subtract,
            multiply,
            true_divide,
            floor_divide,
            remainder,
        ];
        let mut out = [(0, std::ptr::null_mut()); 8];
        for (k, f) in funcs.into_iter().enumerate() {
            out[k] = (SLOTS[k], f as *mut std::ffi::c_void);
        }
        out[6] = (ffi::Py_tp_richcompare, richcompare as *mut std::ffi::c_void);
        out[7] = (ffi::Py_nb_float, to_float as *mut std::ffi::c_void);
        out
    }

    unsafe extern "C" fn richcompare(
        a: *mut ffi::PyObject,
        b: *mut ffi::PyObject,
        op: i32,
    ) -> *mut ffi::PyObject {
        // The comparison operators' places in `quick_binary` (Lt, Le, Eq, Ne, Gt, Ge).
        let k = match op {
            ffi::Py_LT => 17,
            ffi::Py_LE => 18,
            ffi::Py_EQ => 19,
            ffi::Py_NE => 20,
            ffi::Py_GT => 21,
            _ => 22,
        };
        let quick = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: Python calls the slot with live operands (`a` of this type) and the
            // GIL held.
            unsafe {
                let py = Python::assume_attached();
                let x = pyo3::Borrowed::from_ptr(py, a);
                let y = pyo3::Borrowed::from_ptr(py, b);
                quick_binary(&x, k, &y, false).map(|r| crate::fastslots::into_raw(py, r))
            }
        }));
        if let Ok(Some(result)) = quick {
            return result;
        }
        match FALLBACK_OTHER.get().and_then(|f| f.0) {
            // SAFETY: the PyO3 slot takes the same operands.
            Some(f) => unsafe { f(a, b, op) },
            // SAFETY: slot call, the GIL is held.
            None => unsafe { ffi::Py_NewRef(ffi::Py_NotImplemented()) },
        }
    }

    unsafe extern "C" fn to_float(a: *mut ffi::PyObject) -> *mut ffi::PyObject {
        let quick = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: Python calls the slot with a live instance and the GIL held.
            unsafe {
                let py = Python::assume_attached();
                let x = pyo3::Borrowed::from_ptr(py, a);
                match super::read_scalar(&x) {
                    Ok(Some(s)) if !s.kind().is_complex() => {
                        Some(ffi::PyFloat_FromDouble(s.as_complex().re))
                    }
                    _ => None,
                }
            }
        }));
        if let Ok(Some(result)) = quick {
            if !result.is_null() {
                return result;
            }
        }
        match FALLBACK_OTHER.get().and_then(|f| f.1) {
            // SAFETY: the PyO3 slot takes the same operand.
            Some(f) => unsafe { f(a) },
            None => std::ptr::null_mut(),
        }
    }

    /// # Safety
    /// A number slot call: live operands, the GIL held.
    unsafe fn run(op: usize, a: *mut ffi::PyObject, b: *mut ffi::PyObject) -> *mut ffi::PyObject {
        let quick = catch_unwind(AssertUnwindSafe(|| {
            // SAFETY: per the contract.
            unsafe {
                let py = Python::assume_attached();
                let x = pyo3::Borrowed::from_ptr(py, a);
                let y = pyo3::Borrowed::from_ptr(py, b);
                let r = if x.is_instance_of::<ScalarOps>() {
                    quick_binary(&x, op, &y, false)
                } else {
                    quick_binary(&y, op, &x, true)
                };
                r.map(|r| crate::fastslots::into_raw(py, r))
            }
        }));
        if let Ok(Some(result)) = quick {
            return result;
        }
        let fallback = FALLBACK.get().and_then(|f| f.get(op).copied().flatten());
        match fallback {
            // SAFETY: the PyO3 slot takes the same operands.
            Some(f) => unsafe { f(a, b) },
            None => {
                // SAFETY: slot call, the GIL is held.
                unsafe { ffi::Py_NewRef(ffi::Py_NotImplemented()) }
            }
        }
    }

    macro_rules! slot {
        ($name:ident, $op:expr) => {
            unsafe extern "C" fn $name(
                a: *mut ffi::PyObject,
                b: *mut ffi::PyObject,
            ) -> *mut ffi::PyObject {
                // SAFETY: Python calls number slots with live operands and the GIL held.
                unsafe { run($op, a, b) }
            }
        };
    }
    slot!(add, 0);
    slot!(subtract, 1);
    slot!(multiply, 2);
    slot!(true_divide, 3);
    slot!(floor_divide, 4);
    slot!(remainder, 5);
}
