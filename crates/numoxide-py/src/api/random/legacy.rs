//! RandomState's legacy samplers: `cont`/`disc` tables over `numoxide_ops::random::legacy`
//! with mtrand's parameter checks, plus hypergeometric, multinomial, dirichlet and
//! `tomaxint`.

use numoxide_core::DType;
use numoxide_ops::random::distributions as d;
use numoxide_ops::random::legacy as lg;
use numoxide_ops::random::sampling;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::to_array;

use super::*;

type LegacyCont = fn(&mut BgState, f64, f64, f64) -> f64;

fn legacy_cont_table(name: &str) -> Option<(LegacyCont, &'static [(&'static str, Cons)])> {
    use Cons::*;
    Some(match name {
        "standard_normal" => (|b, _, _, _| lg::gauss(&mut b.g, &mut b.gauss), &[]),
        "normal" => (
            |b, a, s, _| lg::normal(&mut b.g, &mut b.gauss, a, s),
            &[("", None), ("scale", NonNegative)],
        ),
        "uniform" => (
            |b, a, r, _| d::uniform(&mut b.g, a, r),
            &[("", None), ("", None)],
        ),
        "standard_exponential" => (|b, _, _, _| lg::standard_exponential(&mut b.g), &[]),
        "exponential" => (
            |b, s, _, _| lg::exponential(&mut b.g, s),
            &[("scale", NonNegative)],
        ),
        "standard_gamma" => (
            |b, a, _, _| lg::standard_gamma(&mut b.g, &mut b.gauss, a),
            &[("shape", NonNegative)],
        ),
        "gamma" => (
            |b, a, s, _| lg::gamma(&mut b.g, &mut b.gauss, a, s),
            &[("shape", NonNegative), ("scale", NonNegative)],
        ),
        "beta" => (
            |b, x, y, _| lg::beta(&mut b.g, &mut b.gauss, x, y),
            &[("a", Positive), ("b", Positive)],
        ),
        "f" => (
            |b, x, y, _| lg::f(&mut b.g, &mut b.gauss, x, y),
            &[("dfnum", Positive), ("dfden", Positive)],
        ),
        "noncentral_f" => (
            |b, x, y, z| lg::noncentral_f(&mut b.g, &mut b.gauss, x, y, z),
            &[
                ("dfnum", Positive),
                ("dfden", Positive),
                ("nonc", NonNegative),
            ],
        ),
        "chisquare" => (
            |b, x, _, _| lg::chisquare(&mut b.g, &mut b.gauss, x),
            &[("df", Positive)],
        ),
        "noncentral_chisquare" => (
            |b, x, y, _| lg::noncentral_chisquare(&mut b.g, &mut b.gauss, x, y),
            &[("df", Positive), ("nonc", NonNegative)],
        ),
        "standard_cauchy" => (
            |b, _, _, _| lg::standard_cauchy(&mut b.g, &mut b.gauss),
            &[],
        ),
        "standard_t" => (
            |b, x, _, _| lg::standard_t(&mut b.g, &mut b.gauss, x),
            &[("df", Positive)],
        ),
        "vonmises" => (
            |b, m, k, _| lg::vonmises(&mut b.g, m, k),
            &[("mu", None), ("kappa", NonNegative)],
        ),
        "pareto" => (|b, a, _, _| lg::pareto(&mut b.g, a), &[("a", Positive)]),
        "weibull" => (|b, a, _, _| lg::weibull(&mut b.g, a), &[("a", NonNegative)]),
        "power" => (|b, a, _, _| lg::power(&mut b.g, a), &[("a", Positive)]),
        "laplace" => (
            |b, l, s, _| d::laplace(&mut b.g, l, s),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "gumbel" => (
            |b, l, s, _| d::gumbel(&mut b.g, l, s),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "logistic" => (
            |b, l, s, _| d::logistic(&mut b.g, l, s),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "lognormal" => (
            |b, m, s, _| lg::lognormal(&mut b.g, &mut b.gauss, m, s),
            &[("mean", None), ("sigma", NonNegative)],
        ),
        "rayleigh" => (
            |b, s, _, _| lg::rayleigh(&mut b.g, s),
            &[("scale", NonNegative)],
        ),
        "wald" => (
            |b, m, s, _| lg::wald(&mut b.g, &mut b.gauss, m, s),
            &[("mean", Positive), ("scale", Positive)],
        ),
        "triangular" => (
            |b, l, m, r| d::triangular(&mut b.g, l, m, r),
            &[("", None), ("", None), ("", None)],
        ),
        _ => return Option::None,
    })
}

type LegacyDisc = fn(&mut BgState, f64, f64) -> i64;

fn legacy_disc_table(name: &str) -> Option<(LegacyDisc, &'static [(&'static str, Cons)])> {
    use Cons::*;
    Some(match name {
        "negative_binomial" => (
            |b, n, p| lg::negative_binomial(&mut b.g, &mut b.gauss, n, p),
            &[("n", Positive), ("p", Bounded01)],
        ),
        "poisson" => (|b, l, _| d::poisson(&mut b.g, l), &[("lam", Poisson)]),
        "zipf" => (|b, a, _| lg::zipf(&mut b.g, a), &[("a", Gt1)]),
        "geometric" => (|b, p, _| lg::geometric(&mut b.g, p), &[("p", BoundedGt01)]),
        "logseries" => (|b, p, _| lg::logseries(&mut b.g, p), &[("p", BoundedLt01)]),
        // Arguments arrive as (p, n): mtrand checks p first.
        "binomial" => (
            |b, p, n| lg::binomial(&mut b.g, p, n as i64, &mut b.legacy_binomial),
            &[("p", Bounded01), ("n", NonNegative)],
        ),
        _ => return Option::None,
    })
}

/// RandomState's continuous distributions (mtrand's `cont` over the legacy samplers).
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None))]
pub(super) fn legacy_cont(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (f, cons) =
        legacy_cont_table(name).ok_or_else(|| PyValueError::new_err("unknown distribution"))?;
    let size = size_opt(size)?;
    run_dist(py, bg, cons, args, size, None, f)
}

/// RandomState's discrete distributions returning int64 (mtrand's `disc`).
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None))]
pub(super) fn legacy_disc(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (f, cons) =
        legacy_disc_table(name).ok_or_else(|| PyValueError::new_err("unknown distribution"))?;
    let size = size_opt(size)?;
    run_dist(py, bg, cons, args, size, None, |b, a0, a1, _| f(b, a0, a1))
}

/// `RandomState.hypergeometric` (the 1.16 HYP/HRUA algorithms, mtrand's checks).
#[pyfunction]
#[pyo3(signature = (bg, ngood, nbad, nsample, size=None))]
pub(super) fn legacy_hypergeometric(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    ngood: &Bound<'_, PyAny>,
    nbad: &Bound<'_, PyAny>,
    nsample: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let size = size_opt(size)?;
    let args = PyTuple::new(py, [ngood, nbad, nsample])?;
    let p = params(&args, &DType::INT64)?;
    let cols: Vec<Vec<i64>> = p.arrays.iter().map(|a| a.to_vec::<i64>()).collect();
    let shape = if p.scalar {
        vec![]
    } else {
        out_shape(&p, &size)?
    };
    let full: Vec<Vec<i64>> = p
        .arrays
        .iter()
        .map(|a| broadcast_vals::<i64>(a, &shape))
        .collect::<PyResult<_>>()?;
    let m: usize = shape.iter().product();
    if (0..m).any(|i| full[0][i].wrapping_add(full[1][i]) < full[2][i]) {
        return Err(PyValueError::new_err("ngood + nbad < nsample"));
    }
    let any = |k: usize, f: &dyn Fn(i64) -> bool| cols[k].iter().any(|&v| f(v));
    if any(0, &|v| v < 0) {
        return Err(PyValueError::new_err("ngood < 0"));
    }
    if any(1, &|v| v < 0) {
        return Err(PyValueError::new_err("nbad < 0"));
    }
    if any(2, &|v| v < 1) {
        let tail = if p.scalar { "is NaN" } else { "contains NaNs" };
        return Err(PyValueError::new_err(format!(
            "nsample < 1 or nsample {tail}"
        )));
    }
    let mut guard = lock_bg(bg)?;
    let g = &mut *guard.g;
    if p.scalar {
        let (a, b, c) = (full[0][0], full[1][0], full[2][0]);
        return match size {
            None => Ok(lg::hypergeometric(g, a, b, c)
                .into_pyobject(py)?
                .into_any()
                .unbind()),
            Some(s) => draw_array(py, &s, None, |_| lg::hypergeometric(g, a, b, c)),
        };
    }
    draw_array(py, &shape, None, |i| {
        lg::hypergeometric(g, full[0][i], full[1][i], full[2][i])
    })
}

fn size_with(size: Option<Vec<usize>>, k: usize) -> Vec<usize> {
    let mut shape = size.unwrap_or_default();
    shape.push(k);
    shape
}

/// `RandomState.multinomial` for a scalar `n` and 1-d `pvals`.
#[pyfunction]
#[pyo3(signature = (bg, n, pvals, size=None))]
pub(super) fn legacy_multinomial(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    n: i64,
    pvals: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let pa = to_array(pvals, Some(&DType::FLOAT64))?;
    if pa.ndim() == 0 {
        return Err(PyTypeError::new_err("pvals must be a 1-d sequence"));
    }
    if pa.ndim() > 1 {
        return Err(PyValueError::new_err("object too deep for desired array"));
    }
    let pv = pa.to_vec::<f64>();
    check_array(&pv, "pvals", Cons::Bounded01)?;
    let dl = pv.len();
    if dl > 0 && sampling::kahan_sum(&pv[..dl - 1]) > 1.0 + 1e-12 {
        return Err(PyValueError::new_err("sum(pvals[:-1]) > 1.0"));
    }
    let shape = size_with(size_opt(size)?, dl);
    check_scalar(n as f64, "n", Cons::NonNegative)?;
    let mut guard = lock_bg(bg)?;
    let b = &mut *guard;
    let a = target::<i64>(&shape, &None)?;
    if dl > 0 {
        fill_slice(py, &a, |s: &mut [i64]| {
            for row in s.chunks_mut(dl) {
                lg::multinomial(&mut b.g, n, row, &pv, &mut b.legacy_binomial);
            }
        })?;
    }
    Ok(crate::array::wrap(py, a)?.into_any())
}

/// `RandomState.dirichlet` (legacy gamma draws normalized per row).
#[pyfunction]
#[pyo3(signature = (bg, alpha, size=None))]
pub(super) fn legacy_dirichlet(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    alpha: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let aa = to_array(alpha, Some(&DType::FLOAT64))?;
    if aa.ndim() != 1 {
        return Err(PyValueError::new_err(
            "object of too small depth for desired array",
        ));
    }
    let al = aa.to_vec::<f64>();
    if al.iter().any(|&v| v <= 0.0) {
        return Err(PyValueError::new_err("alpha <= 0"));
    }
    let k = al.len();
    let shape = size_with(size_opt(size)?, k);
    let mut guard = lock_bg(bg)?;
    let b = &mut *guard;
    let a = target::<f64>(&shape, &None)?;
    if k > 0 {
        fill_slice(py, &a, |s: &mut [f64]| {
            for row in s.chunks_mut(k) {
                let mut acc = 0.0;
                for (v, &al_j) in row.iter_mut().zip(al.iter()) {
                    *v = lg::standard_gamma(&mut b.g, &mut b.gauss, al_j);
                    acc += *v;
                }
                let inv = 1.0 / acc;
                for v in row.iter_mut() {
                    *v *= inv;
                }
            }
        })?;
    }
    Ok(crate::array::wrap(py, a)?.into_any())
}

/// `RandomState.tomaxint`: non-negative 63-bit integers.
#[pyfunction]
#[pyo3(signature = (bg, size=None))]
pub(super) fn tomaxint(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let mut guard = lock_bg(bg)?;
    let g = &mut *guard.g;
    match size_opt(size)? {
        None => Ok(lg::positive_int(g).into_pyobject(py)?.into_any().unbind()),
        Some(shape) => draw_array(py, &shape, None, |_| lg::positive_int(g)),
    }
}

/// The first `k` entries of a legacy permutation of arange(pop) (a full Fisher–Yates
/// shuffle with masked draws), as `choice(..., replace=False)` takes them.
#[pyfunction]
pub(super) fn legacy_permutation_prefix(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    pop: usize,
    k: usize,
) -> PyResult<Py<PyAny>> {
    let mut v: Vec<i64> = (0..pop as i64).collect();
    let mut b = lock_bg(bg)?;
    sampling::shuffle_steps(&mut b.g, v.len(), 1, |i, j| v.swap(i, j));
    v.truncate(k);
    draw_array(py, &[v.len()], None, |i| v[i])
}
