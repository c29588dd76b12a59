//! Generator samplers: the parameterless fills, `cont`/`disc` distributions,
//! hypergeometric, multinomial and dirichlet.

use numoxide_core::{DType, DTypeKind, NdArray};
use numoxide_ops::random::distributions as d;
use numoxide_ops::random::sampling;
use numoxide_ops::random::BitGen;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::to_array;
use crate::dtype::dtype_from_py;
use crate::error::IntoPyResult;

use super::*;

/// Fill with one of the parameterless samplers: random, standard_normal,
/// standard_exponential (zig/inv), in float64 or float32.
#[pyfunction]
#[pyo3(signature = (bg, method, size=None, dtype=None, out=None))]
pub(super) fn fill(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    method: &str,
    size: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let dt = match dtype {
        Some(o) if !o.is_none() => dtype_from_py(o)?,
        _ => DType::FLOAT64,
    };
    let single = match dt.kind() {
        DTypeKind::Float64 => false,
        DTypeKind::Float32 => true,
        _ => {
            let pyname = method.split('_').next().unwrap_or(method);
            let name = if pyname == "uniform" {
                "random"
            } else {
                method
            };
            return Err(PyTypeError::new_err(format!(
                "Unsupported dtype dtype('{}') for {}",
                dt, name
            )));
        }
    };
    let out = match out {
        Some(o) if !o.is_none() => Some(o),
        _ => None,
    };
    let shape = size_opt(size)?;
    let out_arr = match out {
        Some(o) => Some((o, check_out(o, dt.kind(), &shape, false)?)),
        None => None,
    };
    let mut b = lock_bg(bg)?;
    let g = &mut *b.g;
    let scalar = shape.is_none() && out_arr.is_none();
    let shape = match &out_arr {
        Some((_, a)) => a.shape().to_vec(),
        None => shape.unwrap_or_default(),
    };
    if single {
        let f: fn(&mut BitGen) -> f32 = match method {
            "uniform" => d::standard_uniform_f,
            "normal" => d::standard_normal_f,
            "exponential" => d::standard_exponential_f,
            "exponential_inv" => d::standard_exponential_inv_f,
            _ => return Err(PyValueError::new_err("unknown method")),
        };
        if scalar {
            return Ok(f64::from(f(g)).into_pyobject(py)?.into_any().unbind());
        }
        draw_array(py, &shape, out_arr, |_| f(g))
    } else {
        let f: fn(&mut BitGen) -> f64 = match method {
            "uniform" => d::standard_uniform,
            "normal" => d::standard_normal,
            "exponential" => d::standard_exponential,
            "exponential_inv" => d::standard_exponential_inv,
            _ => return Err(PyValueError::new_err("unknown method")),
        };
        if scalar {
            return Ok(f(g).into_pyobject(py)?.into_any().unbind());
        }
        if method == "uniform" {
            let a = target::<f64>(&shape, &out_arr)?;
            let n = a.size();
            if n > 0 {
                fill_slice(py, &a, |s: &mut [f64]| g.fill_doubles(s))?;
            }
            return match out_arr {
                Some((obj, _)) => Ok(obj.clone().unbind()),
                None => Ok(crate::array::wrap(py, a)?.into_any()),
            };
        }
        let a = target::<f64>(&shape, &out_arr)?;
        // One dispatch on the generator for the whole fill.
        fill_slice(py, &a, |s: &mut [f64]| {
            numoxide_ops::with_raw_gen!(g, r => match method {
                "normal" => s.iter_mut().for_each(|v| *v = d::standard_normal(r)),
                "exponential" => s.iter_mut().for_each(|v| *v = d::standard_exponential(r)),
                _ => s.iter_mut().for_each(|v| *v = d::standard_exponential_inv(r)),
            })
        })?;
        match out_arr {
            Some((obj, _)) => Ok(obj.clone().unbind()),
            None => Ok(crate::array::wrap(py, a)?.into_any()),
        }
    }
}

pub(super) type ContFn = fn(&mut BitGen, f64, f64, f64) -> f64;

pub(super) fn cont_table(name: &str) -> Option<(ContFn, &'static [(&'static str, Cons)])> {
    use Cons::*;
    Some(match name {
        "normal" => (
            |g, a, b, _| d::normal(g, a, b),
            &[("", None), ("scale", NonNegative)],
        ),
        "exponential" => (|g, a, _, _| d::exponential(g, a), &[("scale", NonNegative)]),
        "uniform" => (
            |g, a, b, _| d::uniform(g, a, b),
            &[("", None), ("high - low", NonNegative)],
        ),
        "standard_gamma" => (
            |g, a, _, _| d::standard_gamma(g, a),
            &[("shape", NonNegative)],
        ),
        "gamma" => (
            |g, a, b, _| d::gamma(g, a, b),
            &[("shape", NonNegative), ("scale", NonNegative)],
        ),
        "beta" => (
            |g, a, b, _| d::beta(g, a, b),
            &[("a", Positive), ("b", Positive)],
        ),
        "f" => (
            |g, a, b, _| d::f(g, a, b),
            &[("dfnum", Positive), ("dfden", Positive)],
        ),
        "noncentral_f" => (
            |g, a, b, c| d::noncentral_f(g, a, b, c),
            &[
                ("dfnum", Positive),
                ("dfden", Positive),
                ("nonc", NonNegative),
            ],
        ),
        "chisquare" => (|g, a, _, _| d::chisquare(g, a), &[("df", Positive)]),
        "noncentral_chisquare" => (
            |g, a, b, _| d::noncentral_chisquare(g, a, b),
            &[("df", Positive), ("nonc", NonNegative)],
        ),
        "standard_cauchy" => (|g, _, _, _| d::standard_cauchy(g), &[]),
        "standard_t" => (|g, a, _, _| d::standard_t(g, a), &[("df", Positive)]),
        "vonmises" => (
            |g, a, b, _| d::vonmises(g, a, b),
            &[("mu", None), ("kappa", NonNegative)],
        ),
        "pareto" => (|g, a, _, _| d::pareto(g, a), &[("a", Positive)]),
        "weibull" => (|g, a, _, _| d::weibull(g, a), &[("a", NonNegative)]),
        "power" => (|g, a, _, _| d::power(g, a), &[("a", Positive)]),
        "laplace" => (
            |g, a, b, _| d::laplace(g, a, b),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "gumbel" => (
            |g, a, b, _| d::gumbel(g, a, b),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "logistic" => (
            |g, a, b, _| d::logistic(g, a, b),
            &[("loc", None), ("scale", NonNegative)],
        ),
        "lognormal" => (
            |g, a, b, _| d::lognormal(g, a, b),
            &[("mean", None), ("sigma", NonNegative)],
        ),
        "rayleigh" => (|g, a, _, _| d::rayleigh(g, a), &[("scale", NonNegative)]),
        "wald" => (
            |g, a, b, _| d::wald(g, a, b),
            &[("mean", Positive), ("scale", Positive)],
        ),
        "triangular" => (
            |g, a, b, c| d::triangular(g, a, b, c),
            &[("", None), ("", None), ("", None)],
        ),
        _ => return Option::None,
    })
}

pub(super) type DiscFn = fn(&mut BitGen, f64, f64, &mut d::Binomial) -> i64;

pub(super) fn disc_table(name: &str) -> Option<(DiscFn, &'static [(&'static str, Cons)])> {
    use Cons::*;
    Some(match name {
        "poisson" => (|g, a, _, _| d::poisson(g, a), &[("lam", Poisson)]),
        "zipf" => (|g, a, _, _| d::zipf(g, a), &[("a", Gt1)]),
        "geometric" => (|g, a, _, _| d::geometric(g, a), &[("p", BoundedGt01)]),
        "logseries" => (|g, a, _, _| d::logseries(g, a), &[("p", BoundedLt01)]),
        "negative_binomial" => (
            |g, a, b, _| d::negative_binomial(g, a, b),
            &[("n", None), ("p", None)],
        ),
        "binomial" => (
            |g, p, n, bs| d::binomial(g, p, n as i64, bs),
            &[("p", Bounded01), ("n", NonNegative)],
        ),
        "hypergeometric" => (
            |g, a, b, _| d::hypergeometric(g, a as i64, b as i64, 0),
            &[("ngood", NonNegative), ("nbad", NonNegative)],
        ),
        _ => return Option::None,
    })
}

/// Continuous distributions with float parameters (NumPy's `cont`).
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None, out=None))]
pub(super) fn cont(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (f, cons) =
        cont_table(name).ok_or_else(|| PyValueError::new_err("unknown distribution"))?;
    let size = size_opt(size)?;
    let out = match out {
        Some(o) if !o.is_none() => Some((
            o,
            check_out(o, DTypeKind::Float64, &size, !cons.is_empty())?,
        )),
        _ => None,
    };
    if let (Some(shape), None, "gamma" | "standard_gamma" | "normal" | "exponential") =
        (&size, &out, name)
    {
        // Scalar parameters and a size: one dispatch on the generator for the whole fill.
        let p = params(args, &DType::FLOAT64)?;
        if p.scalar {
            let vals: Vec<f64> = p
                .arrays
                .iter()
                .map(|a| a.to_vec::<f64>().first().copied().unwrap_or(0.0))
                .collect();
            for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
                check_scalar(*v, nm, *c)?;
            }
            let a0 = vals.first().copied().unwrap_or(0.0);
            let a1 = vals.get(1).copied().unwrap_or(1.0);
            let a = target::<f64>(shape, &None)?;
            let mut guard = lock_bg(bg)?;
            let g = &mut *guard.g;
            fill_slice(py, &a, |s: &mut [f64]| {
                numoxide_ops::with_raw_gen!(g, r => match name {
                    "gamma" => s.iter_mut().for_each(|v| *v = a1 * d::standard_gamma(r, a0)),
                    "standard_gamma" => s.iter_mut().for_each(|v| *v = d::standard_gamma(r, a0)),
                    "normal" => s.iter_mut().for_each(|v| *v = a0 + a1 * d::standard_normal(r)),
                    _ => s.iter_mut().for_each(|v| *v = a0 * d::standard_exponential(r)),
                })
            })?;
            return Ok(crate::array::wrap(py, a)?.into_any());
        }
    }
    run_dist(py, bg, cons, args, size, out, |b, a0, a1, a2| {
        f(&mut b.g, a0, a1, a2)
    })
}

/// `standard_gamma` in float32 (NumPy's `cont_f`).
#[pyfunction]
#[pyo3(signature = (bg, shape, size=None, out=None))]
pub(super) fn standard_gamma_f(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    shape: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let size = size_opt(size)?;
    let out = match out {
        Some(o) if !o.is_none() => Some((o, check_out(o, DTypeKind::Float32, &size, true)?)),
        _ => None,
    };
    let a = to_array(shape, Some(&DType::new(DTypeKind::Float32)))?;
    let mut b = lock_bg(bg)?;
    let g = &mut *b.g;
    let vals = a.to_vec::<f64>();
    if a.ndim() > 0 {
        check_array(&vals, "shape", Cons::NonNegative)?;
        let p = Params {
            scalar: false,
            shape: a.shape().to_vec(),
            arrays: vec![a],
        };
        let oshape = match &out {
            Some((_, o)) => out_shape(&p, &Some(o.shape().to_vec()))?,
            None => out_shape(&p, &size)?,
        };
        let col = broadcast_vals::<f32>(&p.arrays[0], &oshape)?;
        let data: Vec<f32> = col.iter().map(|&s| d::standard_gamma_f(g, s)).collect();
        return finish(py, data, &oshape, out);
    }
    let s = vals.first().copied().unwrap_or(0.0);
    check_scalar(s, "shape", Cons::NonNegative)?;
    let s = s as f32;
    if size.is_none() && out.is_none() {
        return Ok(f64::from(d::standard_gamma_f(g, s))
            .into_pyobject(py)?
            .into_any()
            .unbind());
    }
    let oshape = match &out {
        Some((_, o)) => o.shape().to_vec(),
        None => size.unwrap_or_default(),
    };
    let n: usize = oshape.iter().product();
    let data: Vec<f32> = (0..n).map(|_| d::standard_gamma_f(g, s)).collect();
    finish(py, data, &oshape, out)
}

/// Discrete distributions returning int64 (NumPy's `disc`).
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None))]
pub(super) fn disc(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (f, cons) =
        disc_table(name).ok_or_else(|| PyValueError::new_err("unknown distribution"))?;
    let size = size_opt(size)?;
    run_dist(py, bg, cons, args, size, None, |b, a0, a1, _| {
        f(&mut b.g, a0, a1, &mut b.binomial)
    })
}

/// Hypergeometric with int64 parameters (scalar or broadcast).
#[pyfunction]
#[pyo3(signature = (bg, ngood, nbad, nsample, size=None))]
pub(super) fn hypergeometric(
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
    let any =
        |k: usize, f: &dyn Fn(i64) -> bool| cols.get(k).is_some_and(|c| c.iter().any(|&v| f(v)));
    if any(0, &|v| v >= 1_000_000_000) || any(1, &|v| v >= 1_000_000_000) {
        return Err(PyValueError::new_err(
            "both ngood and nbad must be less than 1000000000",
        ));
    }
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
    if (0..m).any(|i| full[0][i] + full[1][i] < full[2][i]) {
        return Err(PyValueError::new_err("ngood + nbad < nsample"));
    }
    for (k, nm) in ["ngood", "nbad", "nsample"].iter().enumerate() {
        if any(k, &|v| v < 0) {
            return Err(PyValueError::new_err(format!("{nm} < 0")));
        }
    }
    let mut b = lock_bg(bg)?;
    let g = &mut *b.g;
    if p.scalar {
        let (a, bb, c) = (full[0][0], full[1][0], full[2][0]);
        return match size {
            None => Ok(d::hypergeometric(g, a, bb, c)
                .into_pyobject(py)?
                .into_any()
                .unbind()),
            Some(s) => {
                let n: usize = s.iter().product();
                let data: Vec<i64> = (0..n).map(|_| d::hypergeometric(g, a, bb, c)).collect();
                finish(py, data, &s, None)
            }
        };
    }
    let data: Vec<i64> = (0..m)
        .map(|i| d::hypergeometric(g, full[0][i], full[1][i], full[2][i]))
        .collect();
    finish(py, data, &shape, None)
}

/// Multinomial draws: `n` (broadcast array or scalar) trials over rows of `pvals`.
#[pyfunction]
#[pyo3(signature = (bg, n, pvals, size=None))]
pub(super) fn multinomial(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    n: &Bound<'_, PyAny>,
    pvals: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let on = to_array(n, Some(&DType::INT64))?;
    let pa = to_array(pvals, Some(&DType::FLOAT64))?;
    let nd = pa.ndim();
    let dlen = if nd >= 1 { pa.shape()[nd - 1] } else { 0 };
    if dlen == 0 {
        return Err(PyValueError::new_err(
            "pvals must have at least 1 dimension and the last dimension of pvals must be greater than 0.",
        ));
    }
    let pv = pa.to_vec::<f64>();
    check_array(&pv, "pvals", Cons::Bounded01)?;
    for row in pv.chunks(dlen) {
        if sampling::kahan_sum(&row[..dlen - 1]) > 1.0 + 1e-12 {
            let slice = if nd == 1 { "[:-1]" } else { "[...,:-1]" };
            return Err(PyValueError::new_err(format!("sum(pvals{slice}) > 1.0")));
        }
    }
    let size = size_opt(size)?;
    let mut guard = lock_bg(bg)?;
    let b = &mut *guard;
    if on.ndim() != 0 || nd > 1 {
        let nv = on.to_vec::<i64>();
        if nv.iter().any(|&v| v < 0) {
            return Err(PyValueError::new_err("n < 0"));
        }
        let rows_shape = pa.shape()[..nd - 1].to_vec();
        let bshape = numoxide_core::layout::broadcast_shapes(&[on.shape(), rows_shape.as_slice()])
            .py()?
            .to_vec();
        let shape = match &size {
            Some(s) => {
                let full =
                    numoxide_core::layout::broadcast_shapes(&[bshape.as_slice(), s.as_slice()])
                        .py()?
                        .to_vec();
                if &full != s {
                    return Err(PyValueError::new_err(format!(
                        "Output size {s:?} is not compatible with broadcast dimensions of inputs {full:?}."
                    )));
                }
                full
            }
            None => bshape,
        };
        let ns = broadcast_vals::<i64>(&on, &shape)?;
        let offsets: Vec<i64> = (0..pa.size() / dlen).map(|i| (i * dlen) as i64).collect();
        let off_arr = NdArray::from_vec(offsets, &rows_shape).py()?;
        let offs = broadcast_vals::<i64>(&off_arr, &shape)?;
        let mut out = vec![0i64; ns.len() * dlen];
        for (i, (&ni, &pi)) in ns.iter().zip(offs.iter()).enumerate() {
            let pi = pi as usize;
            d::multinomial(
                &mut b.g,
                ni,
                &mut out[i * dlen..(i + 1) * dlen],
                &pv[pi..pi + dlen],
                &mut b.binomial,
            );
        }
        let mut oshape = shape;
        oshape.push(dlen);
        return finish(py, out, &oshape, None);
    }
    let ni = on.to_vec::<i64>().first().copied().unwrap_or(0);
    if ni < 0 {
        return Err(PyValueError::new_err("n < 0"));
    }
    let mut oshape = size.unwrap_or_default();
    oshape.push(dlen);
    let total: usize = oshape.iter().product();
    let mut out = vec![0i64; total];
    for chunk in out.chunks_mut(dlen) {
        d::multinomial(&mut b.g, ni, chunk, &pv[..dlen], &mut b.binomial);
    }
    finish(py, out, &oshape, None)
}

/// Dirichlet draws for a 1-d `alpha`.
#[pyfunction]
#[pyo3(signature = (bg, alpha, size=None))]
pub(super) fn dirichlet(
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
    if al.iter().any(|&v| v < 0.0) {
        return Err(PyValueError::new_err("alpha < 0"));
    }
    let k = al.len();
    let mut shape = size_opt(size)?.unwrap_or_default();
    shape.push(k);
    let total: usize = shape.iter().product();
    let mut out = vec![0f64; total];
    let mut b = lock_bg(bg)?;
    let g = &mut *b.g;
    let amax = al.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if k > 0 && amax < 0.1 {
        let mut csum_arr = vec![0f64; k];
        let mut csum = 0.0;
        for j in (0..k).rev() {
            csum += al[j];
            csum_arr[j] = csum;
        }
        if csum > 0.0 {
            for row in out.chunks_mut(k) {
                let mut acc = 1.0;
                for j in 0..k - 1 {
                    let v = d::beta(g, al[j], csum_arr[j + 1]);
                    row[j] = acc * v;
                    acc *= 1.0 - v;
                    if csum_arr[j + 1] == 0.0 {
                        break;
                    }
                }
                row[k - 1] = acc;
            }
        }
    } else if k > 0 {
        for row in out.chunks_mut(k) {
            let mut acc = 0.0;
            for j in 0..k {
                row[j] = d::standard_gamma(g, al[j]);
                acc += row[j];
            }
            let inv = 1.0 / acc;
            for v in row.iter_mut() {
                *v *= inv;
            }
        }
    }
    finish(py, out, &shape, None)
}

/// `Generator.multivariate_hypergeometric` sampling (arguments validated in Python).
#[pyfunction]
pub(super) fn mvhg(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    colors: Vec<i64>,
    nsample: i64,
    shape: Vec<usize>,
    count: bool,
) -> PyResult<Py<PyAny>> {
    let mut guard = lock_bg(bg)?;
    let g = &mut *guard.g;
    let a = target::<i64>(&shape, &None)?;
    let mut failed = false;
    fill_slice(py, &a, |s: &mut [i64]| {
        if count {
            failed = sampling::mvhg_count(g, &colors, nsample, s).is_err();
        } else {
            sampling::mvhg_marginals(g, &colors, nsample, s);
        }
    })?;
    if failed {
        let total: i64 = colors.iter().sum();
        return Err(pyo3::exceptions::PyMemoryError::new_err(format!(
            "Insufficient memory for multivariate_hypergeometric with method='count' and sum(colors)={total}"
        )));
    }
    Ok(crate::array::wrap(py, a)?.into_any())
}

/// `mean + x @ factor.T` for `multivariate_normal` (x: rows × n, factor n × n, mean n),
/// float64. A C-contiguous, writeable float64 numoxide `x` (the fresh standard normals)
/// is transformed in place and returned; anything else is converted into a new array.
#[pyfunction]
pub(super) fn mvn_affine(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    factor: &Bound<'_, PyAny>,
    mean: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let f64t = DType::FLOAT64;
    let (factor, mean) = (to_array(factor, Some(&f64t))?, to_array(mean, Some(&f64t))?);
    let n = mean.size();
    let (fv, mv) = (factor.to_vec::<f64>(), mean.to_vec::<f64>());
    let check = |a: &NdArray| {
        if a.ndim() != 2 || a.shape().get(1) != Some(&n) || factor.shape() != [n, n] {
            Err(PyValueError::new_err("mvn_affine: shapes do not match"))
        } else {
            Ok(())
        }
    };
    if let Ok(px) = x.cast::<PyNdArray>() {
        let xa = px.get().inner().clone();
        let ptr = xa.data_ptr();
        if xa.dtype() == &f64t
            && xa.is_c_contiguous()
            && xa.is_writeable()
            && (ptr as usize) % std::mem::align_of::<f64>() == 0
        {
            check(&xa)?;
            if xa.size() > 0 {
                // SAFETY: `xa` is a C-contiguous, aligned, writeable float64 array of
                // `size()` elements starting at `ptr`; the GIL stays held for the whole
                // pass (no other Python code runs) and no other Rust reference to this
                // buffer exists meanwhile.
                let s = unsafe { std::slice::from_raw_parts_mut(ptr.cast::<f64>(), xa.size()) };
                sampling::affine_rows(s, n, &fv, &mv);
            }
            return Ok(x.clone().unbind());
        }
    }
    let xa = to_array(x, Some(&f64t))?;
    check(&xa)?;
    let shape = xa.shape().to_vec();
    let mut xv = xa.to_vec::<f64>();
    py.detach(|| sampling::affine_rows(&mut xv, n, &fv, &mv));
    Ok(wrap(py, NdArray::from_vec(xv, &shape).py()?)?.into_any())
}
