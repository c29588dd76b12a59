//! RandomState's legacy samplers.

use numoxide_core::{DType, NdArray, Scalar};
use numoxide_ops::random::legacy::gauss;
use numoxide_ops::random::sampling;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::array::wrap;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

use super::*;

// ----- legacy (RandomState) ----------------------------------------------------------------

/// Legacy samplers for RandomState: gauss-based normals and the like.
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None))]
pub(super) fn legacy(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let cons: &[(&str, Cons)] = match name {
        "random_sample" | "standard_normal" | "standard_exponential" => &[],
        "normal" => &[("", Cons::None), ("scale", Cons::NonNegative)],
        "uniform" => &[("", Cons::None), ("", Cons::None)],
        "exponential" => &[("scale", Cons::NonNegative)],
        _ => return Err(PyValueError::new_err("unknown distribution")),
    };
    let size = size_opt(size)?;
    let p = params(args, &DType::FLOAT64)?;
    let mut guard = bg.borrow_mut();
    let b = &mut *guard;
    let draw = |b: &mut PyBitGen, a0: f64, a1: f64| -> f64 {
        match name {
            "random_sample" => b.g.next_double(),
            "standard_normal" => gauss(&mut b.g, &mut b.gauss),
            "normal" => a0 + a1 * gauss(&mut b.g, &mut b.gauss),
            "uniform" => a0 + (a1 - a0) * b.g.next_double(),
            "exponential" => a0 * -(1.0 - b.g.next_double()).ln(),
            _ => -(1.0 - b.g.next_double()).ln(),
        }
    };
    if !p.scalar {
        let vals: Vec<Vec<f64>> = p.arrays.iter().map(|a| a.to_vec::<f64>()).collect();
        for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
            check_array(v, nm, *c)?;
        }
        let shape = out_shape(&p, &size)?;
        let cols: Vec<Vec<f64>> = p
            .arrays
            .iter()
            .map(|a| broadcast_vals::<f64>(a, &shape))
            .collect::<PyResult<_>>()?;
        let n: usize = shape.iter().product();
        let at = |k: usize, i: usize| cols.get(k).and_then(|c| c.get(i)).copied().unwrap_or(0.0);
        let data: Vec<f64> = (0..n).map(|i| draw(b, at(0, i), at(1, i))).collect();
        return finish(py, data, &shape, None);
    }
    let vals: Vec<f64> = p
        .arrays
        .iter()
        .map(|a| a.to_vec::<f64>().first().copied().unwrap_or(0.0))
        .collect();
    for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
        check_scalar(*v, nm, *c)?;
    }
    let a0 = vals.first().copied().unwrap_or(0.0);
    let a1 = vals.get(1).copied().unwrap_or(0.0);
    if name == "uniform" && !(a1 - a0).is_finite() {
        return Err(PyOverflowError::new_err("Range exceeds valid bounds"));
    }
    match size {
        None => Ok(draw(b, a0, a1).into_pyobject(py)?.into_any().unbind()),
        Some(shape) => {
            let n: usize = shape.iter().product();
            let data: Vec<f64> = (0..n).map(|_| draw(b, a0, a1)).collect();
            finish(py, data, &shape, None)
        }
    }
}

/// Legacy `choice` index draws with replacement and no p (masked `randint`), and the
/// legacy permutation used for `replace=False` (a full shuffle of arange(pop)).
#[pyfunction]
pub(super) fn legacy_permutation_prefix(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    pop: usize,
    k: usize,
) -> PyResult<Py<PyAny>> {
    let mut v: Vec<i64> = (0..pop as i64).collect();
    let mut b = bg.borrow_mut();
    sampling::shuffle_steps(&mut b.g, v.len(), 1, |i, j| v.swap(i, j));
    v.truncate(k);
    Ok(wrap(py, NdArray::from_vec(v, &[k]).py()?)?.into_any())
}

/// Assemble the scalar `Scalar` for a legacy scalar result (kept for completeness).
#[allow(dead_code)]
pub(super) fn float_scalar(py: Python<'_>, v: f64) -> PyResult<Bound<'_, PyAny>> {
    scalar_to_numoxide(py, Scalar::Float64(v))
}
