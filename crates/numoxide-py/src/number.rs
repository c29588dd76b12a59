//! The ndarray number protocol: `+ - * / // % ** divmod`, unary `- + ~ abs`,
//! comparisons, shifts and bit operators, their reflected and in-place forms. Each is a
//! call of the matching ufunc; in-place forms write into `self` with same_kind casting.

use pyo3::basic::CompareOp;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::api::ufuncs::{apply, by_name};
use crate::array::PyNdArray;

/// Run a binary ufunc; unknown operand types give NotImplemented (so Python can try the
/// other operand's method).
fn binop<'py>(
    slf: &Bound<'py, PyNdArray>,
    other: &Bound<'py, PyAny>,
    name: &str,
    reflected: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    if !reflected && crate::overrides::binop_should_defer(slf, other, reflected_name(name), false)?
    {
        return Ok(py.NotImplemented().into_bound(py));
    }
    let uf = by_name(name)?;
    let me = slf.as_any();
    let args: [&Bound<'py, PyAny>; 2] = if reflected { [other, me] } else { [me, other] };
    match apply(py, uf, &args, None) {
        Ok(r) => Ok(r),
        Err(e)
            if e.is_instance_of::<PyTypeError>(py)
                && !other.is_instance_of::<PyNdArray>()
                && crate::scalar::py_value(other).ok().flatten().is_none()
                && !other.is_instance_of::<pyo3::types::PyList>()
                && !other.is_instance_of::<pyo3::types::PyTuple>() =>
        {
            Ok(py.NotImplemented().into_bound(py))
        }
        Err(e) => Err(e),
    }
}

/// The reflected method Python tries after `a.__<op>__(other)` returns NotImplemented
/// (None for comparisons, whose reflection is another comparison).
fn reflected_name(ufunc: &str) -> Option<&'static str> {
    Some(match ufunc {
        "add" => "__radd__",
        "subtract" => "__rsub__",
        "multiply" => "__rmul__",
        "divide" | "true_divide" => "__rtruediv__",
        "floor_divide" => "__rfloordiv__",
        "remainder" => "__rmod__",
        "power" => "__rpow__",
        "left_shift" => "__rlshift__",
        "right_shift" => "__rrshift__",
        "bitwise_and" => "__rand__",
        "bitwise_or" => "__ror__",
        "bitwise_xor" => "__rxor__",
        "divmod" => "__rdivmod__",
        _ => return None,
    })
}

/// `a <op>= other`: the ufunc into `a`. (PyO3's in-place slots always return `a`, so an
/// `__array_ufunc__` override's own answer is dropped here, unlike NumPy.)
fn inplace<'py>(
    slf: &Bound<'py, PyNdArray>,
    other: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<()> {
    let py = slf.py();
    let uf = by_name(name)?;
    apply(py, uf, &[slf.as_any(), other], Some(slf.as_any()))?;
    Ok(())
}

/// NumPy's shortcut for `a ** 2` (square, any numeric type), `a ** -1` (reciprocal) and
/// `a ** 0.5` (sqrt) for inexact arrays: the results differ from `power` in dtype
/// (`bool ** 2` is int8) or in the last bit, so numoxide takes the same path.
fn fast_power(slf: &Bound<'_, PyNdArray>, other: &Bound<'_, PyAny>) -> Option<&'static str> {
    let kind = slf.get().inner().kind();
    if other.is_exact_instance_of::<pyo3::types::PyInt>() {
        match other.extract::<i64>().ok()? {
            2 => Some("square"),
            -1 if kind.is_inexact() => Some("reciprocal"),
            _ => None,
        }
    } else if other.is_exact_instance_of::<pyo3::types::PyFloat>() {
        let e: f64 = other.extract().ok()?;
        if e == 0.5 && kind.is_inexact() {
            Some("sqrt")
        } else if e == 2.0 && kind.is_inexact() {
            Some("square")
        } else {
            None
        }
    } else {
        None
    }
}

/// `a @ b` through numoxide-linalg's matmul (0-d results become scalars).
fn matmul_op<'py>(
    slf: &Bound<'py, PyNdArray>,
    other: &Bound<'py, PyAny>,
    reflected: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = slf.py();
    let me = slf.get().inner().clone();
    let them = match crate::convert::to_array(other, None) {
        Ok(a) => a,
        Err(_) => return Ok(py.NotImplemented().into_bound(py)),
    };
    let (a, b) = if reflected { (them, me) } else { (me, them) };
    let r = numoxide_linalg::matmul_arrays(&a, &b).map_err(crate::error::to_pyerr)?;
    if r.ndim() == 0 {
        return crate::scalar::scalar_to_numoxide(py, r.item().map_err(crate::error::to_pyerr)?);
    }
    Ok(crate::array::wrap(py, r)?.into_bound(py).into_any())
}

fn unop<'py>(slf: &Bound<'py, PyNdArray>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    apply(slf.py(), by_name(name)?, &[slf.as_any()], None)
}

// The binary operators, written out (PyO3's #[pymethods] cannot sit inside macro_rules
// under our unsafe lints).
#[pymethods]
impl PyNdArray {
    fn __add__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "add", false)
    }
    fn __radd__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "add", true)
    }
    fn __iadd__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "add")
    }
    fn __sub__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "subtract", false)
    }
    fn __rsub__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "subtract", true)
    }
    fn __isub__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "subtract")
    }
    fn __mul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "multiply", false)
    }
    fn __rmul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "multiply", true)
    }
    fn __imul__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "multiply")
    }
    fn __truediv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "divide", false)
    }
    fn __rtruediv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "divide", true)
    }
    fn __itruediv__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "divide")
    }
    fn __floordiv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "floor_divide", false)
    }
    fn __rfloordiv__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "floor_divide", true)
    }
    fn __ifloordiv__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "floor_divide")
    }
    fn __mod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "remainder", false)
    }
    fn __rmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "remainder", true)
    }
    fn __imod__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "remainder")
    }
    fn __lshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "left_shift", false)
    }
    fn __rlshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "left_shift", true)
    }
    fn __ilshift__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "left_shift")
    }
    fn __rshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "right_shift", false)
    }
    fn __rrshift__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "right_shift", true)
    }
    fn __irshift__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "right_shift")
    }
    fn __and__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_and", false)
    }
    fn __rand__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_and", true)
    }
    fn __iand__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "bitwise_and")
    }
    fn __or__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_or", false)
    }
    fn __ror__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_or", true)
    }
    fn __ior__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "bitwise_or")
    }
    fn __xor__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_xor", false)
    }
    fn __rxor__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "bitwise_xor", true)
    }
    fn __ixor__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        inplace(slf, other, "bitwise_xor")
    }
}

#[pymethods]
impl PyNdArray {
    fn __pow__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        modulo: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if modulo.is_some_and(|m| !m.is_none()) {
            return Err(PyTypeError::new_err(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        }
        if let Some(name) = fast_power(slf, other) {
            return unop(slf, name);
        }
        binop(slf, other, "power", false)
    }
    fn __rpow__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        modulo: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let _ = modulo;
        binop(slf, other, "power", true)
    }
    fn __ipow__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        modulo: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        let _ = modulo;
        if let Some(name) = fast_power(slf, other) {
            apply(
                slf.py(),
                by_name(name)?,
                &[slf.as_any()],
                Some(slf.as_any()),
            )?;
            return Ok(());
        }
        inplace(slf, other, "power")
    }
    fn __matmul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        matmul_op(slf, other, false)
    }
    fn __rmatmul__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        matmul_op(slf, other, true)
    }
    fn __imatmul__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<()> {
        let r = matmul_op(slf, other, false)?;
        let r = r
            .cast::<PyNdArray>()
            .map_err(|_| PyTypeError::new_err("matmul gave no array"))?
            .borrow()
            .inner()
            .clone();
        let this = slf.get();
        if r.shape() != this.inner().shape() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "inplace matrix multiplication requires the first operand to have at least one and the second at least two dimensions.",
            ));
        }
        this.inner().assign(&r).map_err(crate::error::to_pyerr)
    }
    fn __divmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "divmod", false)
    }
    fn __rdivmod__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        binop(slf, other, "divmod", true)
    }
    fn __neg__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unop(slf, "negative")
    }
    fn __pos__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unop(slf, "positive")
    }
    fn __abs__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unop(slf, "absolute")
    }
    fn __invert__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        unop(slf, "invert")
    }
    fn __richcmp__<'py>(
        slf: &Bound<'py, Self>,
        other: &Bound<'py, PyAny>,
        op: CompareOp,
    ) -> PyResult<Bound<'py, PyAny>> {
        let name = match op {
            CompareOp::Eq => "equal",
            CompareOp::Ne => "not_equal",
            CompareOp::Lt => "less",
            CompareOp::Le => "less_equal",
            CompareOp::Gt => "greater",
            CompareOp::Ge => "greater_equal",
        };
        binop(slf, other, name, false)
    }
}
