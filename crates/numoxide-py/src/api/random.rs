//! Bindings of the random family: the `_random` submodule behind `numoxide.random`.
//!
//! The bit generator state lives in a `_BitGen` object; the Python classes in
//! `numoxide.random` hold one and call the functions here, which parse arguments,
//! validate them with NumPy's messages and call the samplers in `numoxide_ops::random`.

use numoxide_core::{DType, DTypeKind, NdArray, Order, Scalar};
use numoxide_ops::random::bounded::{bounded, Buf};
use numoxide_ops::random::distributions as d;
use numoxide_ops::random::legacy::{gauss, GaussCache};
use numoxide_ops::random::mt19937::{Mt19937, N as MT_N};
use numoxide_ops::random::pcg64::Pcg64;
use numoxide_ops::random::philox::Philox;
use numoxide_ops::random::sampling;
use numoxide_ops::random::seed_sequence;
use numoxide_ops::random::sfc64::Sfc64;
use numoxide_ops::random::BitGen;
use pyo3::exceptions::{PyIndexError, PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::convert::{shape_arg, to_array};
use crate::dtype::dtype_from_py;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// A bit generator's state (PCG64, PCG64DXSM, MT19937, Philox or SFC64) together with
/// the Generator-side caches NumPy keeps (binomial set-up, legacy Gaussian).
#[pyclass(name = "_BitGen", module = "numoxide.random")]
pub struct PyBitGen {
    g: BitGen,
    binomial: d::Binomial,
    gauss: GaussCache,
}

fn new_bg(g: BitGen) -> PyBitGen {
    PyBitGen {
        g,
        binomial: d::Binomial::default(),
        gauss: GaussCache::default(),
    }
}

fn u128_of(words: &[u64], i: usize) -> u128 {
    let lo = words.get(i + 1).copied().unwrap_or(0);
    let hi = words.get(i).copied().unwrap_or(0);
    (u128::from(hi) << 64) | u128::from(lo)
}

#[pymethods]
impl PyBitGen {
    /// PCG64 (or PCG64DXSM) seeded from four 64-bit SeedSequence words.
    #[staticmethod]
    fn pcg64(words: Vec<u64>, dxsm: bool) -> PyBitGen {
        new_bg(BitGen::Pcg64(Pcg64::seeded(
            u128_of(&words, 0),
            u128_of(&words, 2),
            dxsm,
        )))
    }

    /// MT19937 seeded from 624 SeedSequence words (NumPy's modern seeding).
    #[staticmethod]
    fn mt19937(words: Vec<u32>) -> PyBitGen {
        let mut key = [0u32; MT_N];
        for (k, w) in key.iter_mut().zip(words.iter()).skip(1) {
            *k = *w;
        }
        key[0] = 0x8000_0000;
        new_bg(BitGen::Mt19937(Box::new(Mt19937 { key, pos: MT_N - 1 })))
    }

    /// MT19937 seeded the legacy way: one 32-bit integer or `init_by_array`.
    #[staticmethod]
    #[pyo3(signature = (seed=None, array=None))]
    fn mt19937_legacy(seed: Option<u32>, array: Option<Vec<u32>>) -> PyResult<PyBitGen> {
        let g = match (seed, array) {
            (Some(s), _) => Mt19937::from_u32(s),
            (None, Some(a)) if !a.is_empty() => Mt19937::from_array(&a),
            _ => return Err(PyValueError::new_err("Seed must be non-empty")),
        };
        Ok(new_bg(BitGen::Mt19937(Box::new(g))))
    }

    /// SFC64 seeded from three 64-bit words.
    #[staticmethod]
    fn sfc64(words: Vec<u64>) -> PyBitGen {
        let w = |i: usize| words.get(i).copied().unwrap_or(0);
        new_bg(BitGen::Sfc64(Sfc64::seeded([w(0), w(1), w(2)])))
    }

    /// Philox from a 256-bit counter and 128-bit key (least significant word first).
    #[staticmethod]
    fn philox(counter: [u64; 4], key: [u64; 2]) -> PyBitGen {
        new_bg(BitGen::Philox(Philox::new(counter, key)))
    }

    /// An independent copy (for `jumped`).
    fn copy(&self) -> PyBitGen {
        PyBitGen {
            g: self.g.clone(),
            binomial: d::Binomial::default(),
            gauss: self.gauss,
        }
    }

    /// The state as a tuple; the Python layer shapes it into NumPy's dict.
    fn get_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        match &self.g {
            BitGen::Pcg64(p) => {
                (p.state, p.inc, i32::from(p.has_uint32), p.uinteger).into_pyobject(py)
            }
            BitGen::Mt19937(m) => {
                let key = wrap(py, NdArray::from_vec(m.key.to_vec(), &[MT_N]).py()?)?;
                (
                    key,
                    m.pos,
                    i32::from(self.gauss.has_gauss),
                    self.gauss.gauss,
                )
                    .into_pyobject(py)
            }
            BitGen::Sfc64(s) => {
                let st = wrap(py, NdArray::from_vec(s.s.to_vec(), &[4]).py()?)?;
                (st, i32::from(s.has_uint32), s.uinteger).into_pyobject(py)
            }
            BitGen::Philox(p) => {
                let ctr = wrap(py, NdArray::from_vec(p.ctr.to_vec(), &[4]).py()?)?;
                let key = wrap(py, NdArray::from_vec(p.key.to_vec(), &[2]).py()?)?;
                let buf = wrap(py, NdArray::from_vec(p.buffer.to_vec(), &[4]).py()?)?;
                (
                    ctr,
                    key,
                    buf,
                    p.buffer_pos,
                    i32::from(p.has_uint32),
                    p.uinteger,
                )
                    .into_pyobject(py)
            }
        }
    }

    /// Set a PCG64/PCG64DXSM state.
    fn set_pcg(&mut self, state: u128, inc: u128, has_uint32: bool, uinteger: u32) {
        if let BitGen::Pcg64(p) = &mut self.g {
            p.state = state;
            p.inc = inc;
            p.has_uint32 = has_uint32;
            p.uinteger = uinteger;
        }
    }

    /// Set an MT19937 state (and the legacy Gaussian cache).
    fn set_mt(&mut self, key: Vec<u32>, pos: usize, has_gauss: bool, cached: f64) -> PyResult<()> {
        if key.len() != MT_N {
            return Err(PyValueError::new_err("state must be 624 longs"));
        }
        if let BitGen::Mt19937(m) = &mut self.g {
            m.key.copy_from_slice(&key);
            m.pos = pos.min(MT_N);
        }
        self.gauss = GaussCache {
            has_gauss,
            gauss: cached,
        };
        Ok(())
    }

    /// Set an SFC64 state.
    fn set_sfc(&mut self, s: [u64; 4], has_uint32: bool, uinteger: u32) {
        if let BitGen::Sfc64(g) = &mut self.g {
            g.s = s;
            g.has_uint32 = has_uint32;
            g.uinteger = uinteger;
        }
    }

    /// Set a Philox state.
    fn set_philox(
        &mut self,
        ctr: [u64; 4],
        key: [u64; 2],
        buffer: [u64; 4],
        buffer_pos: usize,
        has_uint32: bool,
        uinteger: u32,
    ) {
        if let BitGen::Philox(p) = &mut self.g {
            p.ctr = ctr;
            p.key = key;
            p.buffer = buffer;
            p.buffer_pos = buffer_pos.min(4);
            p.has_uint32 = has_uint32;
            p.uinteger = uinteger;
        }
    }

    /// Advance PCG64 by `delta` draws (mod 2**128) or Philox's counter by `step` words.
    fn advance(&mut self, delta: u128) {
        match &mut self.g {
            BitGen::Pcg64(p) => p.advance(delta),
            BitGen::Philox(p) => p.advance([delta as u64, (delta >> 64) as u64, 0, 0]),
            _ => {}
        }
    }

    /// Philox advance by a full 256-bit step (least significant word first).
    fn advance_words(&mut self, step: [u64; 4]) {
        if let BitGen::Philox(p) = &mut self.g {
            p.advance(step);
        }
    }

    /// Raw outputs: one Python int, or an array of `size` uint64 values.
    #[pyo3(signature = (size=None, output=true))]
    fn random_raw(
        &mut self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        output: bool,
    ) -> PyResult<Py<PyAny>> {
        let shape = size_opt(size)?;
        match shape {
            None => {
                let v = self.g.next_raw();
                if output {
                    Ok(v.into_pyobject(py)?.into_any().unbind())
                } else {
                    Ok(py.None())
                }
            }
            Some(shape) => {
                let n: usize = shape.iter().product();
                let v: Vec<u64> = (0..n).map(|_| self.g.next_raw()).collect();
                if output {
                    Ok(wrap(py, NdArray::from_vec(v, &shape).py()?)?.into_any())
                } else {
                    Ok(py.None())
                }
            }
        }
    }

    /// A uniform integer in [0, max] by masked rejection (`random_interval`).
    fn interval(&mut self, max: u64) -> u64 {
        d::interval(&mut self.g, max)
    }
}

fn size_opt(size: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    match size {
        Some(s) if !s.is_none() => Ok(Some(shape_arg(s)?)),
        _ => Ok(None),
    }
}

/// The mixed SeedSequence pool for assembled entropy words.
#[pyfunction]
fn seedseq_pool(entropy: Vec<u32>, pool_size: usize) -> Vec<u32> {
    seed_sequence::mix_entropy(&entropy, pool_size)
}

/// `generate_state` words as a uint32 or uint64 array.
#[pyfunction]
fn seedseq_generate(
    py: Python<'_>,
    pool: Vec<u32>,
    n_words: usize,
    wide: bool,
) -> PyResult<Py<PyNdArray>> {
    let a = if wide {
        NdArray::from_vec(
            seed_sequence::generate_state_u64(&pool, n_words),
            &[n_words],
        )
    } else {
        NdArray::from_vec(
            seed_sequence::generate_state_u32(&pool, n_words),
            &[n_words],
        )
    };
    wrap(py, a.py()?)
}

// ----- output handling ----------------------------------------------------------------

/// Write `data` into a contiguous `out` array in memory order.
fn write_out<T: Copy>(out: &NdArray, data: &[T]) -> PyResult<()> {
    out.check_writeable().py()?;
    if data.len() != out.size() || !(out.is_c_contiguous() || out.is_f_contiguous()) {
        return Err(PyValueError::new_err("Supplied output array must be contiguous, writable, aligned, and in machine byte-order."));
    }
    if !data.is_empty() {
        // SAFETY: `out` is contiguous with exactly `data.len()` elements of `T` (its dtype
        // was checked by the caller), so the destination range is valid and distinct
        // from `data`, which is a fresh Vec.
        unsafe {
            std::ptr::copy_nonoverlapping(
                data.as_ptr() as *const u8,
                out.data_ptr(),
                std::mem::size_of_val(data),
            )
        };
    }
    Ok(())
}

fn check_out(
    out: &Bound<'_, PyAny>,
    kind: DTypeKind,
    size: &Option<Vec<usize>>,
    require_c: bool,
) -> PyResult<NdArray> {
    let arr = out
        .cast::<PyNdArray>()
        .map_err(|_| PyTypeError::new_err("out must be a numoxide array"))?
        .borrow()
        .inner
        .clone();
    if !(arr.is_c_contiguous() || (arr.is_f_contiguous() && !require_c)) || !arr.is_writeable() {
        let req = if require_c { "C-" } else { "" };
        return Err(PyValueError::new_err(format!(
            "Supplied output array must be {req}contiguous, writable, aligned, and in machine byte-order."
        )));
    }
    if arr.kind() != kind {
        return Err(PyTypeError::new_err(format!(
            "Supplied output array has the wrong type. Expected {}, got {}",
            DType::new(kind),
            arr.dtype()
        )));
    }
    if let Some(s) = size {
        if s.as_slice() != arr.shape() {
            return Err(PyValueError::new_err(
                "size must match out.shape when used together",
            ));
        }
    }
    Ok(arr)
}

fn finish<T: numoxide_core::scalar::ScalarElement + Copy>(
    py: Python<'_>,
    data: Vec<T>,
    shape: &[usize],
    out: Option<(&Bound<'_, PyAny>, NdArray)>,
) -> PyResult<Py<PyAny>> {
    match out {
        Some((obj, arr)) => {
            write_out(&arr, &data)?;
            Ok(obj.clone().unbind())
        }
        None => Ok(wrap(py, NdArray::from_vec(data, shape).py()?)?.into_any()),
    }
}

/// Fill with one of the parameterless samplers: random, standard_normal,
/// standard_exponential (zig/inv), in float64 or float32.
#[pyfunction]
#[pyo3(signature = (bg, method, size=None, dtype=None, out=None))]
fn fill(
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
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
    if single {
        let f: fn(&mut BitGen) -> f32 = match method {
            "uniform" => d::standard_uniform_f,
            "normal" => d::standard_normal_f,
            "exponential" => d::standard_exponential_f,
            "exponential_inv" => d::standard_exponential_inv_f,
            _ => return Err(PyValueError::new_err("unknown method")),
        };
        if shape.is_none() && out_arr.is_none() {
            return Ok(f64::from(f(g)).into_pyobject(py)?.into_any().unbind());
        }
        let shape = match &out_arr {
            Some((_, a)) => a.shape().to_vec(),
            None => shape.unwrap_or_default(),
        };
        let n: usize = shape.iter().product();
        let data: Vec<f32> = (0..n).map(|_| f(g)).collect();
        finish(py, data, &shape, out_arr)
    } else {
        let f: fn(&mut BitGen) -> f64 = match method {
            "uniform" => d::standard_uniform,
            "normal" => d::standard_normal,
            "exponential" => d::standard_exponential,
            "exponential_inv" => d::standard_exponential_inv,
            _ => return Err(PyValueError::new_err("unknown method")),
        };
        if shape.is_none() && out_arr.is_none() {
            return Ok(f(g).into_pyobject(py)?.into_any().unbind());
        }
        let shape = match &out_arr {
            Some((_, a)) => a.shape().to_vec(),
            None => shape.unwrap_or_default(),
        };
        let n: usize = shape.iter().product();
        let mut data = vec![0f64; n];
        for v in data.iter_mut() {
            *v = f(g);
        }
        finish(py, data, &shape, out_arr)
    }
}

// ----- parameter constraints ------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Cons {
    None,
    NonNegative,
    Positive,
    Bounded01,
    BoundedGt01,
    BoundedLt01,
    Gt1,
    Poisson,
}

const POISSON_LAM_MAX: f64 = 9.223_372_006_484_771e18;

fn check_scalar(v: f64, name: &str, c: Cons) -> PyResult<()> {
    let err = |m: String| Err(PyValueError::new_err(m));
    match c {
        Cons::None => Ok(()),
        Cons::NonNegative if !v.is_nan() && v.is_sign_negative() => err(format!("{name} < 0")),
        Cons::Positive if v <= 0.0 => err(format!("{name} <= 0")),
        Cons::Bounded01 if !(v >= 0.0) || !(v <= 1.0) => {
            err(format!("{name} < 0, {name} > 1 or {name} is NaN"))
        }
        Cons::BoundedGt01 if !(v > 0.0) || !(v <= 1.0) => {
            err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedLt01 if !(v >= 0.0) || !(v < 1.0) => {
            err(format!("{name} < 0, {name} >= 1 or {name} is NaN"))
        }
        Cons::Gt1 if !(v > 1.0) => err(format!("{name} <= 1 or {name} is NaN")),
        Cons::Poisson if !(v >= 0.0) => err(format!("{name} < 0 or {name} is NaN")),
        Cons::Poisson if !(v <= POISSON_LAM_MAX) => err(format!("{name} value too large")),
        _ => Ok(()),
    }
}

fn check_array(vals: &[f64], name: &str, c: Cons) -> PyResult<()> {
    let err = |m: String| Err(PyValueError::new_err(m));
    let any = |f: &dyn Fn(f64) -> bool| vals.iter().any(|&v| f(v));
    match c {
        Cons::None => Ok(()),
        Cons::NonNegative if any(&|v| !v.is_nan() && v.is_sign_negative()) => {
            err(format!("{name} < 0"))
        }
        Cons::Positive if any(&|v| v <= 0.0) => err(format!("{name} <= 0")),
        Cons::Bounded01 if any(&|v| !(v >= 0.0) || !(v <= 1.0)) => {
            err(format!("{name} < 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedGt01 if any(&|v| !(v > 0.0) || !(v <= 1.0)) => {
            err(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Cons::BoundedLt01 if any(&|v| !(v >= 0.0) || !(v < 1.0)) => {
            err(format!("{name} < 0, {name} >= 1 or {name} contains NaNs"))
        }
        Cons::Gt1 if any(&|v| !(v > 1.0)) => err(format!("{name} <= 1 or {name} contains NaNs")),
        Cons::Poisson if any(&|v| !(v <= POISSON_LAM_MAX)) => {
            err(format!("{name} value too large"))
        }
        Cons::Poisson if any(&|v| !(v >= 0.0)) => {
            err(format!("{name} < 0 or {name} contains NaNs"))
        }
        _ => Ok(()),
    }
}

type ContFn = fn(&mut BitGen, f64, f64, f64) -> f64;

fn cont_table(name: &str) -> Option<(ContFn, &'static [(&'static str, Cons)])> {
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

type DiscFn = fn(&mut BitGen, f64, f64, &mut d::Binomial) -> i64;

fn disc_table(name: &str) -> Option<(DiscFn, &'static [(&'static str, Cons)])> {
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
            |g, n, p, bs| d::binomial(g, p, n as i64, bs),
            &[("n", NonNegative), ("p", Bounded01)],
        ),
        "hypergeometric" => (
            |g, a, b, _| d::hypergeometric(g, a as i64, b as i64, 0),
            &[("ngood", NonNegative), ("nbad", NonNegative)],
        ),
        _ => return Option::None,
    })
}

/// Converted parameters: values broadcast to the output shape, or one scalar each.
struct Params {
    scalar: bool,
    shape: Vec<usize>,
    arrays: Vec<NdArray>,
}

fn params(args: &Bound<'_, PyTuple>, dtype: &DType) -> PyResult<Params> {
    let mut arrays = Vec::new();
    for a in args.iter() {
        arrays.push(to_array(&a, Some(dtype))?);
    }
    let scalar = arrays.iter().all(|a| a.ndim() == 0);
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let shape = numoxide_core::layout::broadcast_shapes(&shapes)
        .py()?
        .to_vec();
    Ok(Params {
        scalar,
        shape,
        arrays,
    })
}

fn out_shape(p: &Params, size: &Option<Vec<usize>>) -> PyResult<Vec<usize>> {
    match size {
        None => Ok(p.shape.clone()),
        Some(s) => {
            let b = numoxide_core::layout::broadcast_shapes(&[p.shape.as_slice(), s.as_slice()])
                .py()?;
            if b.as_slice() != s.as_slice() {
                return Err(PyValueError::new_err(format!(
                    "Output size {:?} is not compatible with broadcast dimensions of inputs {:?}.",
                    s, b
                )));
            }
            Ok(s.clone())
        }
    }
}

fn broadcast_vals<T: numoxide_core::cast::CastFrom>(
    a: &NdArray,
    shape: &[usize],
) -> PyResult<Vec<T>> {
    Ok(a.broadcast_to(shape).py()?.to_vec::<T>())
}

/// Continuous distributions with float parameters (NumPy's `cont`).
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None, out=None))]
fn cont(
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
    let p = params(args, &DType::FLOAT64)?;
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
    if !p.scalar {
        let vals: Vec<Vec<f64>> = p.arrays.iter().map(|a| a.to_vec::<f64>()).collect();
        for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
            check_array(v, nm, *c)?;
        }
        let shape = match &out {
            Some((_, a)) => out_shape(&p, &Some(a.shape().to_vec()))?,
            None => out_shape(&p, &size)?,
        };
        let cols: Vec<Vec<f64>> = p
            .arrays
            .iter()
            .map(|a| broadcast_vals::<f64>(a, &shape))
            .collect::<PyResult<_>>()?;
        let n: usize = shape.iter().product();
        let at = |k: usize, i: usize| cols.get(k).and_then(|c| c.get(i)).copied().unwrap_or(0.0);
        let data: Vec<f64> = (0..n).map(|i| f(g, at(0, i), at(1, i), at(2, i))).collect();
        return finish(py, data, &shape, out);
    }
    let vals: Vec<f64> = p
        .arrays
        .iter()
        .map(|a| a.to_vec::<f64>().first().copied().unwrap_or(0.0))
        .collect();
    for (v, (nm, c)) in vals.iter().zip(cons.iter()) {
        check_scalar(*v, nm, *c)?;
    }
    let at = |k: usize| vals.get(k).copied().unwrap_or(0.0);
    let (a0, a1, a2) = (at(0), at(1), at(2));
    if size.is_none() && out.is_none() {
        return Ok(f(g, a0, a1, a2).into_pyobject(py)?.into_any().unbind());
    }
    let shape = match &out {
        Some((_, a)) => a.shape().to_vec(),
        None => size.unwrap_or_default(),
    };
    let n: usize = shape.iter().product();
    let mut data = vec![0f64; n];
    for v in data.iter_mut() {
        *v = f(g, a0, a1, a2);
    }
    finish(py, data, &shape, out)
}

/// `standard_gamma` in float32 (NumPy's `cont_f`).
#[pyfunction]
#[pyo3(signature = (bg, shape, size=None, out=None))]
fn standard_gamma_f(
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
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
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
fn disc(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    name: &str,
    args: &Bound<'_, PyTuple>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (f, cons) =
        disc_table(name).ok_or_else(|| PyValueError::new_err("unknown distribution"))?;
    let size = size_opt(size)?;
    let p = params(args, &DType::FLOAT64)?;
    let mut guard = bg.borrow_mut();
    let b = &mut *guard;
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
        let data: Vec<i64> = (0..n)
            .map(|i| f(&mut b.g, at(0, i), at(1, i), &mut b.binomial))
            .collect();
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
    match size {
        None => Ok(f(&mut b.g, a0, a1, &mut b.binomial)
            .into_pyobject(py)?
            .into_any()
            .unbind()),
        Some(shape) => {
            let n: usize = shape.iter().product();
            let data: Vec<i64> = (0..n)
                .map(|_| f(&mut b.g, a0, a1, &mut b.binomial))
                .collect();
            finish(py, data, &shape, None)
        }
    }
}

/// Hypergeometric with int64 parameters (scalar or broadcast).
#[pyfunction]
#[pyo3(signature = (bg, ngood, nbad, nsample, size=None))]
fn hypergeometric(
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
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
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

// ----- integers ----------------------------------------------------------------------------

fn int_info(kind: DTypeKind) -> Option<(u32, i128, i128, &'static str)> {
    use DTypeKind::*;
    Some(match kind {
        Bool => (1, 0, 1, "bool"),
        Int8 => (8, i8::MIN.into(), i8::MAX.into(), "int8"),
        UInt8 => (8, 0, u8::MAX.into(), "uint8"),
        Int16 => (16, i16::MIN.into(), i16::MAX.into(), "int16"),
        UInt16 => (16, 0, u16::MAX.into(), "uint16"),
        Int32 => (32, i32::MIN.into(), i32::MAX.into(), "int32"),
        UInt32 => (32, 0, u32::MAX.into(), "uint32"),
        Int64 => (64, i64::MIN.into(), i64::MAX.into(), "int64"),
        UInt64 => (64, 0, u64::MAX.into(), "uint64"),
        _ => return None,
    })
}

fn int_values(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<(Vec<i128>, Vec<usize>)> {
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        let v: i128 = obj
            .extract()
            .map_err(|_| PyValueError::new_err("integer out of range"))?;
        return Ok((vec![v], vec![]));
    }
    let a = to_array(obj, None)?;
    if a.ndim() == 0 {
        let int = py.import("builtins")?.getattr("int")?;
        let v: i128 = int
            .call1((obj,))?
            .extract()
            .map_err(|_| PyValueError::new_err("integer out of range"))?;
        return Ok((vec![v], vec![]));
    }
    let vals: Vec<i128> = match a.kind() {
        DTypeKind::UInt64 => a.to_vec::<u64>().into_iter().map(i128::from).collect(),
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Float64 => {
            a.to_vec::<f64>().into_iter().map(|v| v as i128).collect()
        }
        _ => a.to_vec::<i64>().into_iter().map(i128::from).collect(),
    };
    Ok((vals, a.shape().to_vec()))
}

fn bounds_error(closed: bool, any_low_nonzero: bool) -> PyErr {
    let msg = match (any_low_nonzero, closed) {
        (false, true) => "high < 0",
        (false, false) => "high <= 0",
        (true, true) => "low > high",
        (true, false) => "low >= high",
    };
    PyValueError::new_err(msg)
}

fn int_result(kind: DTypeKind, bits: Vec<u64>, shape: &[usize]) -> PyResult<NdArray> {
    use DTypeKind::*;
    let r = match kind {
        Bool => NdArray::from_vec(
            bits.into_iter().map(|v| v != 0).collect::<Vec<bool>>(),
            shape,
        ),
        Int8 => NdArray::from_vec(bits.into_iter().map(|v| v as i8).collect::<Vec<_>>(), shape),
        UInt8 => NdArray::from_vec(bits.into_iter().map(|v| v as u8).collect::<Vec<_>>(), shape),
        Int16 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i16).collect::<Vec<_>>(),
            shape,
        ),
        UInt16 => NdArray::from_vec(
            bits.into_iter().map(|v| v as u16).collect::<Vec<_>>(),
            shape,
        ),
        Int32 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i32).collect::<Vec<_>>(),
            shape,
        ),
        UInt32 => NdArray::from_vec(
            bits.into_iter().map(|v| v as u32).collect::<Vec<_>>(),
            shape,
        ),
        Int64 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i64).collect::<Vec<_>>(),
            shape,
        ),
        _ => NdArray::from_vec(bits, shape),
    };
    r.py()
}

/// Bounded integers of any integer dtype (`Generator.integers`, legacy `randint`).
#[pyfunction]
#[pyo3(signature = (bg, low, high, size=None, dtype=None, endpoint=false, masked=false))]
#[allow(clippy::too_many_arguments)]
fn integers(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    low: &Bound<'_, PyAny>,
    high: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
    masked: bool,
) -> PyResult<Py<PyAny>> {
    let dt = match dtype {
        Some(o) if !o.is_none() => dtype_from_py(o)?,
        _ => DType::INT64,
    };
    let Some((bits, lb, ub, tname)) = int_info(dt.kind()) else {
        return Err(PyTypeError::new_err(format!(
            "Unsupported dtype dtype('{}') for integers",
            dt
        )));
    };
    let size = size_opt(size)?;
    if let Some(s) = &size {
        if s.iter().product::<usize>() == 0 {
            return Ok(wrap(py, NdArray::zeros(s, dt, Order::C).py()?)?.into_any());
        }
    }
    let (lows, lshape) = int_values(py, low)?;
    let (highs, hshape) = int_values(py, high)?;
    let open = i128::from(!endpoint);
    if lows.iter().any(|&l| l < lb) {
        return Err(PyValueError::new_err(format!(
            "low is out of bounds for {tname}"
        )));
    }
    if highs.iter().any(|&h| h - open > ub) {
        return Err(PyValueError::new_err(format!(
            "high is out of bounds for {tname}"
        )));
    }
    let scalar = lshape.is_empty() && hshape.is_empty();
    let shape = if scalar {
        vec![]
    } else {
        let b = numoxide_core::layout::broadcast_shapes(&[lshape.as_slice(), hshape.as_slice()])
            .py()?
            .to_vec();
        let p = Params {
            scalar: false,
            shape: b,
            arrays: vec![],
        };
        out_shape(&p, &size)?
    };
    let n: usize = shape.iter().product();
    let pick = |v: &Vec<i128>, sh: &[usize], i: usize| -> i128 {
        // Broadcast index i of `shape` into an array of shape `sh` (C order).
        if sh.is_empty() {
            return v.first().copied().unwrap_or(0);
        }
        let mut rem = i;
        let mut idx = 0usize;
        let mut stride = 1usize;
        let mut coords = vec![0usize; shape.len()];
        for (k, &dim) in shape.iter().enumerate().rev() {
            coords[k] = rem % dim.max(1);
            rem /= dim.max(1);
        }
        let off = shape.len() - sh.len();
        for (k, &dim) in sh.iter().enumerate().rev() {
            let c = if dim == 1 { 0 } else { coords[k + off] };
            idx += c * stride;
            stride *= dim;
        }
        v.get(idx).copied().unwrap_or(0)
    };
    let count = if scalar { 1 } else { n };
    let mut pairs = Vec::with_capacity(count);
    let any_low = lows.iter().any(|&l| l != 0);
    for i in 0..count {
        let l = pick(&lows, &lshape, i);
        let h = pick(&highs, &hshape, i) - open;
        if l > h {
            return Err(bounds_error(endpoint, any_low));
        }
        pairs.push((l as u64, (h - l) as u64));
    }
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
    let mut buf = Buf::default();
    let out_bits: Vec<u64> = if scalar {
        let (off, rng) = pairs[0];
        let m = size.as_ref().map_or(1, |s| s.iter().product());
        (0..m)
            .map(|_| bounded(g, bits, off, rng, masked, &mut buf))
            .collect()
    } else {
        pairs
            .iter()
            .map(|&(off, rng)| bounded(g, bits, off, rng, masked, &mut buf))
            .collect()
    };
    if scalar && size.is_none() {
        let a = int_result(dt.kind(), out_bits, &[])?;
        return Ok(scalar_to_numoxide(py, a.item().py()?)?.unbind());
    }
    let oshape = if scalar {
        size.unwrap_or_default()
    } else {
        shape
    };
    Ok(wrap(py, int_result(dt.kind(), out_bits, &oshape)?)?.into_any())
}

// ----- choice, shuffle, permutation -------------------------------------------------------

fn take_axis(a: &NdArray, idx: &[i64], idx_shape: &[usize], axis: usize) -> PyResult<NdArray> {
    let shape = a.shape();
    let n = shape[axis];
    let item = a.itemsize();
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product::<usize>() * item;
    let bytes = a.to_bytes(Order::C).py()?;
    let mut out_shape = shape[..axis].to_vec();
    out_shape.extend_from_slice(idx_shape);
    out_shape.extend_from_slice(&shape[axis + 1..]);
    let mut data = Vec::with_capacity(outer * idx.len() * inner);
    for o in 0..outer {
        for &k in idx {
            let k = usize::try_from(k)
                .ok()
                .filter(|&k| k < n)
                .ok_or_else(|| PyIndexError::new_err("index out of bounds"))?;
            let start = (o * n + k) * inner;
            data.extend_from_slice(bytes.get(start..start + inner).unwrap_or(&[]));
        }
    }
    let r = NdArray::zeros(&out_shape, a.dtype().clone(), Order::C).py()?;
    if !data.is_empty() && data.len() == r.nbytes() {
        // SAFETY: `r` is a fresh C-contiguous array of exactly `data.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), r.data_ptr(), data.len()) };
    }
    Ok(r)
}

/// `Generator.choice`.
#[pyfunction]
#[pyo3(signature = (bg, a, size=None, replace=true, p=None, axis=0, shuffle=true))]
#[allow(clippy::too_many_arguments)]
fn choice(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    a: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    replace: bool,
    p: Option<&Bound<'_, PyAny>>,
    axis: isize,
    shuffle: bool,
) -> PyResult<Py<PyAny>> {
    let arr = to_array(a, None)?;
    let shape_opt = size_opt(size)?;
    let prod_nonzero = shape_opt
        .as_ref()
        .is_none_or(|s| s.iter().product::<usize>() != 0);
    let (pop, ax) = if arr.ndim() == 0 {
        let kind = arr.kind();
        let is_int = matches!(int_info(kind), Some((b, ..)) if b > 1);
        if !is_int {
            let tname = a.get_type().repr()?.to_string();
            return Err(PyValueError::new_err(format!(
                "a must be a sequence or an integer, not {tname}"
            )));
        }
        let v = arr.to_vec::<i64>().first().copied().unwrap_or(0);
        if v <= 0 && prod_nonzero {
            return Err(PyValueError::new_err(
                "a must be a positive integer unless no samples are taken",
            ));
        }
        (v.max(0) as usize, 0usize)
    } else {
        let nd = arr.ndim() as isize;
        let ax = if axis < 0 { axis + nd } else { axis };
        if ax < 0 || ax >= nd {
            return Err(PyIndexError::new_err("tuple index out of range"));
        }
        let pop = arr.shape()[ax as usize];
        if pop == 0 && prod_nonzero {
            return Err(PyValueError::new_err(
                "a cannot be empty unless no samples are taken",
            ));
        }
        (pop, ax as usize)
    };
    let probs = match p {
        Some(pobj) if !pobj.is_none() => {
            let mut atol = f64::EPSILON.sqrt();
            if let Ok(pa) = pobj.cast::<PyNdArray>() {
                if pa.borrow().inner.kind() == DTypeKind::Float32 {
                    atol = atol.max(f64::from(f32::EPSILON).sqrt());
                } else if pa.borrow().inner.kind() == DTypeKind::Float16 {
                    atol = atol.max((0.000_976_562_5f64).sqrt());
                }
            }
            let pa = to_array(pobj, Some(&DType::FLOAT64))?;
            if pa.ndim() != 1 {
                return Err(PyValueError::new_err("p must be 1-dimensional"));
            }
            if pa.size() != pop {
                return Err(PyValueError::new_err("a and p must have same size"));
            }
            let pv = pa.to_vec::<f64>();
            let s = sampling::kahan_sum(&pv);
            if s.is_nan() {
                return Err(PyValueError::new_err("Probabilities contain NaN"));
            }
            if pv.iter().any(|&v| v < 0.0) {
                return Err(PyValueError::new_err("Probabilities are not non-negative"));
            }
            if (s - 1.0).abs() > atol {
                return Err(PyValueError::new_err(
                    "Probabilities do not sum to 1. See Notes section of docstring for more information.",
                ));
            }
            Some(pv)
        }
        _ => None,
    };
    let is_scalar = shape_opt.is_none();
    let shape = shape_opt.clone().unwrap_or_default();
    let size_n: usize = shape.iter().product();
    let mut guard = bg.borrow_mut();
    let g = &mut guard.g;
    let idx: Vec<i64> = if replace {
        match &probs {
            Some(pv) => {
                let cdf = sampling::normalized_cdf(pv);
                (0..size_n)
                    .map(|_| sampling::search_right(&cdf, g.next_double()) as i64)
                    .collect()
            }
            None => {
                if pop == 0 {
                    vec![]
                } else {
                    let mut buf = Buf::default();
                    (0..size_n)
                        .map(|_| bounded(g, 64, 0, (pop - 1) as u64, false, &mut buf) as i64)
                        .collect()
                }
            }
        }
    } else {
        if size_n > pop {
            return Err(PyValueError::new_err(
                "Cannot take a larger sample than population when replace is False",
            ));
        }
        match &probs {
            Some(pv) => {
                if pv.iter().filter(|&&v| v > 0.0).count() < size_n {
                    return Err(PyValueError::new_err(
                        "Fewer non-zero entries in p than size",
                    ));
                }
                let mut pw = pv.clone();
                let mut found: Vec<i64> = Vec::with_capacity(size_n);
                while found.len() < size_n {
                    let k = size_n - found.len();
                    let xs: Vec<f64> = (0..k).map(|_| g.next_double()).collect();
                    for &fidx in &found {
                        if let Some(v) = pw.get_mut(fidx as usize) {
                            *v = 0.0;
                        }
                    }
                    let cdf = sampling::normalized_cdf(&pw);
                    let mut seen = std::collections::HashSet::new();
                    for &x in &xs {
                        let v = sampling::search_right(&cdf, x) as i64;
                        if seen.insert(v) {
                            found.push(v);
                        }
                    }
                }
                found
            }
            None => sampling::choice_without_replacement(g, pop, size_n, shuffle),
        }
    };
    drop(guard);
    if arr.ndim() == 0 {
        if is_scalar {
            return Ok(idx
                .first()
                .copied()
                .unwrap_or(0)
                .into_pyobject(py)?
                .into_any()
                .unbind());
        }
        return Ok(wrap(py, NdArray::from_vec(idx, &shape).py()?)?.into_any());
    }
    let taken = take_axis(&arr, &idx, &shape, ax)?;
    if is_scalar && arr.ndim() == 1 {
        return Ok(scalar_to_numoxide(py, taken.item().py()?)?.unbind());
    }
    Ok(wrap(py, taken)?.into_any())
}

fn swap_bytes(base: *mut u8, a: isize, b: isize, item: usize) {
    if a != b {
        // SAFETY: both offsets address distinct elements of `item` bytes inside the
        // same live array buffer (computed from its shape and strides by the caller).
        unsafe { std::ptr::swap_nonoverlapping(base.offset(a), base.offset(b), item) };
    }
}

/// Shuffle a numoxide array in place along `axis` (`Generator.shuffle`).
#[pyfunction]
fn shuffle_array(bg: &Bound<'_, PyBitGen>, x: &Bound<'_, PyNdArray>, axis: isize) -> PyResult<()> {
    let a = x.borrow().inner.clone();
    if !a.is_writeable() {
        return Err(PyValueError::new_err("array is read-only"));
    }
    let ax = numoxide_core::layout::normalize_axis(axis, a.ndim()).py()?;
    if a.size() == 0 {
        return Ok(());
    }
    let n = a.shape()[ax];
    let stride = a.strides()[ax];
    let item = a.itemsize();
    let base = a.data_ptr();
    // Byte offsets (relative to the data pointer) of the elements of one sub-array.
    let mut rest_shape = a.shape().to_vec();
    rest_shape.remove(ax);
    let mut rest_strides = a.strides().to_vec();
    rest_strides.remove(ax);
    let sub = a
        .view_with(a.offset(), &rest_shape, &rest_strides, a.dtype().clone())
        .py()?;
    let mut offs = Vec::with_capacity(sub.size());
    let start = a.offset() as isize;
    sub.for_each_offset(|o| offs.push(o as isize - start));
    let mut b = bg.borrow_mut();
    sampling::shuffle_steps(&mut b.g, n, 1, |i, j| {
        if i != j {
            for &o in &offs {
                swap_bytes(base, o + i as isize * stride, o + j as isize * stride, item);
            }
        }
    });
    Ok(())
}

/// `Generator.permuted` on an output array already holding a copy of x.
#[pyfunction]
#[pyo3(signature = (bg, out, axis=None))]
fn permuted_inplace(
    bg: &Bound<'_, PyBitGen>,
    out: &Bound<'_, PyNdArray>,
    axis: Option<isize>,
) -> PyResult<()> {
    let a = out.borrow().inner.clone();
    a.check_writeable().py()?;
    let item = a.itemsize();
    let base = a.data_ptr();
    let start = a.offset() as isize;
    let mut b = bg.borrow_mut();
    match axis {
        None => {
            let mut offs = Vec::with_capacity(a.size());
            a.for_each_offset(|o| offs.push(o as isize - start));
            if a.ndim() > 1 && (a.is_c_contiguous() || a.is_f_contiguous()) {
                offs.sort_unstable();
            }
            let n = offs.len();
            sampling::shuffle_steps(&mut b.g, n, 1, |i, j| {
                swap_bytes(base, offs[i], offs[j], item)
            });
        }
        Some(axis) => {
            let ax = numoxide_core::layout::normalize_axis(axis, a.ndim()).py()?;
            let n = a.shape()[ax];
            let stride = a.strides()[ax];
            let mut rest_shape = a.shape().to_vec();
            rest_shape.remove(ax);
            let mut rest_strides = a.strides().to_vec();
            rest_strides.remove(ax);
            let sub = a
                .view_with(a.offset(), &rest_shape, &rest_strides, a.dtype().clone())
                .py()?;
            let mut lanes = Vec::with_capacity(sub.size());
            sub.for_each_offset(|o| lanes.push(o as isize - start));
            if n > 0 {
                for &lane in &lanes {
                    sampling::shuffle_steps(&mut b.g, n, 0, |i, j| {
                        swap_bytes(
                            base,
                            lane + i as isize * stride,
                            lane + j as isize * stride,
                            item,
                        )
                    });
                }
            }
        }
    }
    Ok(())
}

/// `Generator.permutation` of an array along an axis (or of arange(n)).
#[pyfunction]
#[pyo3(signature = (bg, x, axis=0))]
fn permutation(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    x: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    let is_int =
        x.extract::<i64>().is_ok() && !x.is_instance_of::<PyNdArray>() && x.hasattr("__index__")?;
    if is_int {
        let n = x.extract::<i64>()?.max(0);
        let mut v: Vec<i64> = (0..n).collect();
        let mut b = bg.borrow_mut();
        sampling::shuffle_steps(&mut b.g, v.len(), 1, |i, j| v.swap(i, j));
        return Ok(wrap(py, NdArray::from_vec(v, &[n as usize]).py()?)?.into_any());
    }
    let arr = to_array(x, None)?;
    let ax = numoxide_core::layout::normalize_axis(axis, arr.ndim()).py()?;
    if arr.ndim() == 1 {
        let c = arr.copy(Order::C).py()?;
        let obj = wrap(py, c)?;
        shuffle_array(bg, obj.bind(py), 0)?;
        return Ok(obj.into_any());
    }
    let n = arr.shape()[ax];
    let mut v: Vec<i64> = (0..n as i64).collect();
    {
        let mut b = bg.borrow_mut();
        sampling::shuffle_steps(&mut b.g, v.len(), 1, |i, j| v.swap(i, j));
    }
    Ok(wrap(py, take_axis(&arr, &v, &[n], ax)?)?.into_any())
}

/// `Generator.bytes`.
#[pyfunction]
fn random_bytes<'py>(
    py: Python<'py>,
    bg: &Bound<'py, PyBitGen>,
    length: isize,
) -> PyResult<Bound<'py, PyBytes>> {
    let n_words = if length <= 0 {
        ((length - 1) / 4 + 1).max(0)
    } else {
        (length - 1) / 4 + 1
    } as usize;
    let mut b = bg.borrow_mut();
    let mut bytes = Vec::with_capacity(n_words * 4);
    for _ in 0..n_words {
        bytes.extend_from_slice(&b.g.next_u32().to_le_bytes());
    }
    bytes.truncate(length.max(0) as usize);
    Ok(PyBytes::new(py, &bytes))
}

/// Multinomial draws: `n` (broadcast array or scalar) trials over rows of `pvals`.
#[pyfunction]
#[pyo3(signature = (bg, n, pvals, size=None))]
fn multinomial(
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
    let mut guard = bg.borrow_mut();
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
fn dirichlet(
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
    let mut b = bg.borrow_mut();
    let g = &mut b.g;
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

// ----- legacy (RandomState) ----------------------------------------------------------------

/// Legacy samplers for RandomState: gauss-based normals and the like.
#[pyfunction]
#[pyo3(signature = (bg, name, args, size=None))]
fn legacy(
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
fn legacy_permutation_prefix(
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
fn float_scalar(py: Python<'_>, v: f64) -> PyResult<Bound<'_, PyAny>> {
    scalar_to_numoxide(py, Scalar::Float64(v))
}

/// Register the `_random` submodule.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_random")?;
    sub.add_class::<PyBitGen>()?;
    sub.add_function(wrap_pyfunction!(seedseq_pool, &sub)?)?;
    sub.add_function(wrap_pyfunction!(seedseq_generate, &sub)?)?;
    sub.add_function(wrap_pyfunction!(fill, &sub)?)?;
    sub.add_function(wrap_pyfunction!(cont, &sub)?)?;
    sub.add_function(wrap_pyfunction!(standard_gamma_f, &sub)?)?;
    sub.add_function(wrap_pyfunction!(disc, &sub)?)?;
    sub.add_function(wrap_pyfunction!(hypergeometric, &sub)?)?;
    sub.add_function(wrap_pyfunction!(integers, &sub)?)?;
    sub.add_function(wrap_pyfunction!(choice, &sub)?)?;
    sub.add_function(wrap_pyfunction!(shuffle_array, &sub)?)?;
    sub.add_function(wrap_pyfunction!(permuted_inplace, &sub)?)?;
    sub.add_function(wrap_pyfunction!(permutation, &sub)?)?;
    sub.add_function(wrap_pyfunction!(random_bytes, &sub)?)?;
    sub.add_function(wrap_pyfunction!(multinomial, &sub)?)?;
    sub.add_function(wrap_pyfunction!(dirichlet, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy_permutation_prefix, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
