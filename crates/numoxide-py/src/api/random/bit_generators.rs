//! The `_BitGen` state object (all five bit generators) and SeedSequence mixing.

use numoxide_core::NdArray;
use numoxide_ops::random::distributions as d;
use numoxide_ops::random::legacy::GaussCache;
use numoxide_ops::random::mt19937::{Mt19937, N as MT_N};
use numoxide_ops::random::pcg64::Pcg64;
use numoxide_ops::random::philox::Philox;
use numoxide_ops::random::seed_sequence;
use numoxide_ops::random::sfc64::Sfc64;
use numoxide_ops::random::BitGen;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::array::{wrap, PyNdArray};
use crate::error::IntoPyResult;

use super::*;

/// A bit generator's state (PCG64, PCG64DXSM, MT19937, Philox or SFC64) together with
/// the Generator-side caches NumPy keeps (binomial set-up, legacy Gaussian).
#[pyclass(name = "_BitGen", module = "numoxide.random")]
pub struct PyBitGen {
    pub(super) g: BitGen,
    pub(super) binomial: d::Binomial,
    pub(super) legacy_binomial: d::Binomial,
    pub(super) gauss: GaussCache,
}

pub(super) fn new_bg(g: BitGen) -> PyBitGen {
    PyBitGen {
        g,
        binomial: d::Binomial::default(),
        legacy_binomial: d::Binomial::default(),
        gauss: GaussCache::default(),
    }
}

pub(super) fn u128_of(words: &[u64], i: usize) -> u128 {
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
            legacy_binomial: d::Binomial::default(),
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

    /// The legacy Gaussian cache as `(has_gauss, gauss)`.
    fn gauss_state(&self) -> (i32, f64) {
        (i32::from(self.gauss.has_gauss), self.gauss.gauss)
    }

    /// Set the legacy Gaussian cache (RandomState resets it on construction and seeding).
    fn set_gauss(&mut self, has_gauss: bool, gauss: f64) {
        self.gauss = GaussCache { has_gauss, gauss };
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

    /// Jump MT19937 ahead by `jumps` * 2^128 outputs, releasing the GIL.
    fn jump_mt(&mut self, py: Python<'_>, jumps: usize) {
        if let BitGen::Mt19937(m) = &mut self.g {
            py.detach(|| {
                for _ in 0..jumps {
                    m.jump();
                }
            });
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

/// The mixed SeedSequence pool for assembled entropy words.
#[pyfunction]
pub(super) fn seedseq_pool(entropy: Vec<u32>, pool_size: usize) -> Vec<u32> {
    seed_sequence::mix_entropy(&entropy, pool_size)
}

/// `generate_state` words as a uint32 or uint64 array.
#[pyfunction]
pub(super) fn seedseq_generate(
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
