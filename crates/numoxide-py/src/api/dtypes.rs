//! Data-type routines: `can_cast`, `promote_types`, `result_type` (arrays and dtypes),
//! `iinfo`/`finfo` numbers.

use numoxide_core::cast::{can_cast as core_can_cast, promote_types as core_promote, Casting};
use numoxide_core::DTypeKind;
use pyo3::prelude::*;

use crate::dtype::{dtype_from_py, dtype_object, PyDType};
use crate::error::IntoPyResult;

/// The smallest dtype both `type1` and `type2` cast to safely.
#[pyfunction]
pub fn promote_types(
    py: Python<'_>,
    type1: &Bound<'_, PyAny>,
    type2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyDType>> {
    let (a, b) = (dtype_from_py(type1)?, dtype_from_py(type2)?);
    dtype_object(py, &core_promote(&a, &b))
}

/// Whether a cast from `from_` to `to` is allowed under `casting`.
#[pyfunction]
#[pyo3(signature = (from_, to, casting="safe"))]
pub fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    if crate::scalar::py_value(from_)?.is_some() && !crate::scalar::is_numoxide_scalar(from_) {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.",
        ));
    }
    let from = match from_.cast::<crate::array::PyNdArray>() {
        Ok(a) => a.get().inner().dtype().clone(),
        Err(_) => dtype_from_py(from_)?,
    };
    let to = dtype_from_py(to)?;
    Ok(core_can_cast(&from, &to, Casting::parse(casting).py()?))
}

/// The numbers of an integer kind for `iinfo`: (bits, min, max) as Python ints.
#[pyfunction]
pub fn _iinfo(dtype: &Bound<'_, PyAny>) -> PyResult<(usize, i128, i128)> {
    let d = dtype_from_py(dtype)?;
    if !d.kind().is_integer() {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "Invalid integer data type '{}'.",
            d.kind().kind_char()
        )));
    }
    let (lo, hi) = crate::scalar::int_bounds(d.kind());
    Ok((d.itemsize() * 8, lo, hi))
}

/// The machine numbers of a float kind for `finfo`, as a dict of NumPy's attribute names.
#[pyfunction]
pub fn _finfo<'py>(
    py: Python<'py>,
    dtype: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
    let d = dtype_from_py(dtype)?;
    let kind = match d.kind() {
        k if k.is_float() => k,
        k if k.is_complex() => k.real_kind(),
        _ => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "data type {} not inexact",
                dtype.repr()?
            )))
        }
    };
    // (nmant, nexp, precision)
    let (bits, nmant, nexp, precision): (usize, i32, i32, i32) = match kind {
        DTypeKind::Float16 => (16, 10, 5, 3),
        DTypeKind::Float32 => (32, 23, 8, 6),
        _ => (64, 52, 11, 15),
    };
    let eps = 2f64.powi(-nmant);
    let epsneg = 2f64.powi(-nmant - 1);
    let maxexp = 1 << (nexp - 1);
    let minexp = 2 - maxexp;
    let tiny = 2f64.powi(minexp);
    let max = (2.0 - eps) * 2f64.powi(maxexp - 1);
    // Two steps: 2^-1074 is representable but 2^1074 (which powi inverts) is not.
    let smallest_subnormal = tiny * eps;
    let resolution = 10f64.powi(-precision);
    let d = pyo3::types::PyDict::new(py);
    d.set_item("bits", bits)?;
    d.set_item("eps", eps)?;
    d.set_item("epsneg", epsneg)?;
    d.set_item("max", max)?;
    d.set_item("min", -max)?;
    d.set_item("tiny", tiny)?;
    d.set_item("smallest_normal", tiny)?;
    d.set_item("smallest_subnormal", smallest_subnormal)?;
    d.set_item("resolution", resolution)?;
    d.set_item("precision", precision)?;
    d.set_item("machep", -nmant)?;
    d.set_item("negep", -nmant - 1)?;
    d.set_item("minexp", minexp)?;
    d.set_item("maxexp", maxexp)?;
    d.set_item("nmant", nmant)?;
    d.set_item("nexp", nexp)?;
    d.set_item("iexp", nexp)?;
    Ok(d)
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(can_cast, m)?)?;
    m.add_function(wrap_pyfunction!(_iinfo, m)?)?;
    m.add_function(wrap_pyfunction!(_finfo, m)?)?;
    Ok(())
}
