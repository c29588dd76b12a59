//! The `_BitGen` state object (all five bit generators), its lock, its C interface
//! (`capsule`/`ctypes`/`cffi`: NumPy's `bitgen_t`) and SeedSequence mixing.
//!
//! Thread-safety contract (NumPy's): every draw made through numoxide holds the bit
//! generator's `lock` (a re-entrant lock, like NumPy's `threading.RLock`). Code that calls
//! the C functions of `capsule`/`ctypes`/`cffi` directly must hold `bit_generator.lock`
//! while doing so if any other thread may use the same bit generator; the C functions
//! themselves take no lock, exactly as NumPy's.

use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use numoxide_core::NdArray;
use numoxide_ops::random::distributions as d;
use numoxide_ops::random::legacy::GaussCache;
use numoxide_ops::random::mt19937::{Mt19937, N as MT_N};
use numoxide_ops::random::pcg64::Pcg64;
use numoxide_ops::random::philox::Philox;
use numoxide_ops::random::seed_sequence;
use numoxide_ops::random::sfc64::Sfc64;
use numoxide_ops::random::BitGen;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::error::IntoPyResult;

use super::*;

// ----- the lock ---------------------------------------------------------------------------

/// The calling thread's identifier for the lock: the address of a thread-local, never 0
/// (`thread::current().id()` costs reference counting per call). Like Python's thread
/// idents, an exited thread's value may be reused.
fn this_thread() -> usize {
    thread_local!(static MARK: u8 = const { 0 });
    MARK.with(|m| m as *const u8 as usize)
}

/// A re-entrant lock (NumPy's `BitGenerator.lock` is a `threading.RLock`) that numoxide's
/// own draws take too, so `with bit_generator.lock:` excludes them.
///
/// `owner` (0 = free) is claimed by compare-and-swap; `count` and `rust_active` are only
/// touched by the owner. Waiters sleep on `cv` under `m`; a release takes `m` and wakes
/// them only when `waiters` says there are any.
#[derive(Default)]
pub(super) struct ReLock {
    owner: AtomicUsize,
    count: AtomicUsize,
    /// A numoxide draw holds the state (it must not be re-entered from the same thread).
    rust_active: AtomicBool,
    waiters: AtomicUsize,
    m: Mutex<()>,
    cv: Condvar,
}

impl ReLock {
    /// Take the lock without blocking if it is free or already ours; false otherwise.
    fn try_claim(&self, me: usize, rust: bool) -> bool {
        let owned = self.owner.load(Ordering::Relaxed) == me;
        if !owned
            && self
                .owner
                .compare_exchange(0, me, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
        {
            return false;
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        if rust {
            self.rust_active.store(true, Ordering::Relaxed);
        }
        true
    }

    /// Block (with the GIL released by the caller) until the lock is taken; false when
    /// `deadline` passes first.
    fn wait_claim(&self, me: usize, rust: bool, deadline: Option<Instant>) -> bool {
        self.waiters.fetch_add(1, Ordering::SeqCst);
        let mut guard = self.m.lock().unwrap_or_else(|e| e.into_inner());
        let claimed = loop {
            if self.owner.load(Ordering::SeqCst) == 0 && self.try_claim(me, rust) {
                break true;
            }
            guard = match deadline {
                None => self.cv.wait(guard).unwrap_or_else(|e| e.into_inner()),
                Some(t) => {
                    let now = Instant::now();
                    if now >= t {
                        break false;
                    }
                    self.cv
                        .wait_timeout(guard, t - now)
                        .unwrap_or_else(|e| e.into_inner())
                        .0
                }
            };
        };
        drop(guard);
        self.waiters.fetch_sub(1, Ordering::SeqCst);
        claimed
    }

    /// Take the lock for a numoxide draw (exclusive access to the state).
    fn acquire_rust(&self, py: Python<'_>) -> PyResult<()> {
        let me = this_thread();
        if self.owner.load(Ordering::Relaxed) == me && self.rust_active.load(Ordering::Relaxed) {
            return Err(PyRuntimeError::new_err(
                "the bit generator is already in use by this thread (re-entrant draw)",
            ));
        }
        if !self.try_claim(me, true) {
            py.detach(|| self.wait_claim(me, true, None));
        }
        Ok(())
    }

    /// Release one level of the lock (`rust`: the release of a numoxide draw); false
    /// when the calling thread does not hold it.
    fn release(&self, rust: bool) -> bool {
        if self.owner.load(Ordering::Relaxed) != this_thread() {
            return false;
        }
        if rust {
            self.rust_active.store(false, Ordering::Relaxed);
        }
        if self.count.fetch_sub(1, Ordering::Relaxed) == 1 {
            self.owner.store(0, Ordering::SeqCst);
            if self.waiters.load(Ordering::SeqCst) > 0 {
                let _g = self.m.lock().unwrap_or_else(|e| e.into_inner());
                self.cv.notify_all();
            }
        }
        true
    }

    fn count(&self) -> usize {
        if self.owner.load(Ordering::Acquire) == 0 {
            0
        } else {
            self.count.load(Ordering::Relaxed)
        }
    }
}

/// `BitGenerator.lock`: the re-entrant lock shared by everything drawing from one bit
/// generator (`acquire`, `release`, `with`, as `threading.RLock`).
#[pyclass(name = "_BitGenLock", module = "numoxide.random", frozen)]
pub struct PyBitGenLock {
    lock: Arc<ReLock>,
}

#[pymethods]
impl PyBitGenLock {
    /// Acquire the lock (re-entrant); `blocking=False` or a `timeout` may give up.
    #[pyo3(signature = (blocking=true, timeout=-1.0))]
    fn acquire(&self, py: Python<'_>, blocking: bool, timeout: f64) -> PyResult<bool> {
        if !blocking && timeout != -1.0 {
            return Err(PyValueError::new_err(
                "can't specify a timeout for a non-blocking call",
            ));
        }
        if timeout < 0.0 && timeout != -1.0 {
            return Err(PyValueError::new_err(
                "timeout value must be a non-negative number",
            ));
        }
        let me = this_thread();
        if self.lock.try_claim(me, false) {
            return Ok(true);
        }
        if !blocking {
            return Ok(false);
        }
        let deadline = if timeout >= 0.0 {
            Some(Instant::now() + Duration::from_secs_f64(timeout.min(1e9)))
        } else {
            None
        };
        let lock = &self.lock;
        Ok(py.detach(|| lock.wait_claim(me, false, deadline)))
    }

    /// Release one level of the lock.
    fn release(&self) -> PyResult<()> {
        if self.lock.release(false) {
            Ok(())
        } else {
            Err(PyRuntimeError::new_err("cannot release un-acquired lock"))
        }
    }

    fn __enter__(&self, py: Python<'_>) -> PyResult<bool> {
        self.acquire(py, true, -1.0)
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, PyTuple>) -> PyResult<()> {
        self.release()
    }

    /// Whether some thread holds the lock.
    fn locked(&self) -> bool {
        self.lock.count() > 0
    }

    fn _is_owned(&self) -> bool {
        self.lock.owner.load(Ordering::Relaxed) == this_thread()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> String {
        let count = slf.get().lock.count();
        format!(
            "<{} numoxide.random._BitGenLock object count={} at {:#x}>",
            if count > 0 { "locked" } else { "unlocked" },
            count,
            slf.as_ptr() as usize
        )
    }
}

// ----- the state ----------------------------------------------------------------------------

/// The bit generator on the heap at a fixed address, so the C interface can keep a
/// pointer to it for as long as its owner lives. Owns the allocation like a `Box`.
pub struct GenBox(NonNull<BitGen>);

// SAFETY: a GenBox owns its allocation exclusively (as `Box<BitGen>` does) and `BitGen`
// is Send + Sync; access goes through `&self`/`&mut self` like a Box.
unsafe impl Send for GenBox {}
// SAFETY: as above; `&GenBox` only hands out `&BitGen`.
unsafe impl Sync for GenBox {}

impl GenBox {
    fn new(g: BitGen) -> GenBox {
        GenBox(NonNull::from(Box::leak(Box::new(g))))
    }
}

impl Deref for GenBox {
    type Target = BitGen;
    fn deref(&self) -> &BitGen {
        // SAFETY: the pointer comes from a live Box allocation we own; shared access
        // follows from `&self`.
        unsafe { self.0.as_ref() }
    }
}

impl DerefMut for GenBox {
    fn deref_mut(&mut self) -> &mut BitGen {
        // SAFETY: as in `deref`; `&mut self` is unique access on the Rust side (C callers
        // of the raw pointer must hold the bit generator's lock, which every draw holds).
        unsafe { self.0.as_mut() }
    }
}

impl Drop for GenBox {
    fn drop(&mut self) {
        // SAFETY: the pointer came from `Box::leak` in `GenBox::new` and is freed only here.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

/// The mutable state behind a `_BitGen`: the generator and the caches NumPy keeps next
/// to it (binomial set-up, legacy Gaussian).
pub struct BgState {
    pub(super) g: GenBox,
    pub(super) binomial: d::Binomial,
    pub(super) legacy_binomial: d::Binomial,
    pub(super) gauss: GaussCache,
}

/// A bit generator's state (PCG64, PCG64DXSM, MT19937, Philox or SFC64) with its lock;
/// the state is reached only through [`lock_state`] (which holds the lock).
#[pyclass(name = "_BitGen", module = "numoxide.random", frozen)]
pub struct PyBitGen {
    lock: Arc<ReLock>,
    state: UnsafeCell<BgState>,
}

// SAFETY: the UnsafeCell is only accessed through a `BgGuard`, which holds `lock` in
// numoxide-draw mode: at most one guard exists at a time (other threads wait, the same
// thread gets an error instead of a second guard).
unsafe impl Sync for PyBitGen {}

/// Exclusive access to a `_BitGen`'s state while its lock is held.
pub struct BgGuard<'a> {
    bg: &'a PyBitGen,
}

impl Deref for BgGuard<'_> {
    type Target = BgState;
    fn deref(&self) -> &BgState {
        // SAFETY: this guard holds the lock in draw mode (see `unsafe impl Sync`).
        unsafe { &*self.bg.state.get() }
    }
}

impl DerefMut for BgGuard<'_> {
    fn deref_mut(&mut self) -> &mut BgState {
        // SAFETY: this guard holds the lock in draw mode, so no other reference exists.
        unsafe { &mut *self.bg.state.get() }
    }
}

impl Drop for BgGuard<'_> {
    fn drop(&mut self) {
        self.bg.lock.release(true);
    }
}

/// Take a bit generator's lock (waiting with the GIL released while another thread
/// holds it) and return exclusive access to its state.
pub(super) fn lock_state<'a>(py: Python<'_>, bg: &'a PyBitGen) -> PyResult<BgGuard<'a>> {
    bg.lock.acquire_rust(py)?;
    Ok(BgGuard { bg })
}

pub(super) fn new_bg(g: BitGen) -> PyBitGen {
    PyBitGen {
        lock: Arc::new(ReLock::default()),
        state: UnsafeCell::new(BgState {
            g: GenBox::new(g),
            binomial: d::Binomial::default(),
            legacy_binomial: d::Binomial::default(),
            gauss: GaussCache::default(),
        }),
    }
}

pub(super) fn u128_of(words: &[u64], i: usize) -> u128 {
    let lo = words.get(i + 1).copied().unwrap_or(0);
    let hi = words.get(i).copied().unwrap_or(0);
    (u128::from(hi) << 64) | u128::from(lo)
}

// ----- the C interface (NumPy's bitgen_t) -------------------------------------------------

/// NumPy's `bitgen_t`: the state pointer and the four draw functions.
#[repr(C)]
struct BitgenT {
    state: *mut c_void,
    next_uint64: unsafe extern "C" fn(*mut c_void) -> u64,
    next_uint32: unsafe extern "C" fn(*mut c_void) -> u32,
    next_double: unsafe extern "C" fn(*mut c_void) -> f64,
    next_raw: unsafe extern "C" fn(*mut c_void) -> u64,
}

/// The capsule's contents: the `bitgen_t` first (the capsule pointer points at it) and a
/// reference to the `_BitGen` that owns the state, keeping it alive.
#[repr(C)]
struct CapsuleValue {
    bitgen: BitgenT,
    _owner: Py<PyBitGen>,
}

// SAFETY: the raw pointers point into the `_BitGen` kept alive by `_owner` (a `Py`, which
// is Send); the capsule never dereferences them itself.
unsafe impl Send for CapsuleValue {}

/// # Safety
/// `st` must be the `state` pointer of a live bitgen_t from `_BitGen.bitgen`, and the
/// caller must hold the bit generator's lock (or otherwise be its only user).
unsafe extern "C" fn c_next_uint64(st: *mut c_void) -> u64 {
    // SAFETY: per the contract above `st` points at a live `BitGen` nobody else uses now.
    unsafe { (*st.cast::<BitGen>()).next_u64() }
}

/// # Safety
/// As [`c_next_uint64`].
unsafe extern "C" fn c_next_uint32(st: *mut c_void) -> u32 {
    // SAFETY: as in `c_next_uint64`.
    unsafe { (*st.cast::<BitGen>()).next_u32() }
}

/// # Safety
/// As [`c_next_uint64`].
unsafe extern "C" fn c_next_double(st: *mut c_void) -> f64 {
    // SAFETY: as in `c_next_uint64`.
    unsafe { (*st.cast::<BitGen>()).next_double() }
}

/// # Safety
/// As [`c_next_uint64`].
unsafe extern "C" fn c_next_raw(st: *mut c_void) -> u64 {
    // SAFETY: as in `c_next_uint64`.
    unsafe { (*st.cast::<BitGen>()).next_raw() }
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
        new_bg(BitGen::Mt19937(Box::new(Mt19937::new(key, MT_N - 1))))
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
    fn copy(&self, py: Python<'_>) -> PyResult<PyBitGen> {
        let b = lock_state(py, self)?;
        let mut c = new_bg((*b.g).clone());
        c.state.get_mut().gauss = b.gauss;
        Ok(c)
    }

    /// Replace this generator's state by `other`'s, in place (the state keeps its address,
    /// so capsules and ctypes pointers stay valid): legacy re-seeding.
    fn assign_from(&self, py: Python<'_>, other: &Bound<'_, PyBitGen>) -> PyResult<()> {
        let src = {
            let o = lock_state(py, other.get())?;
            ((*o.g).clone(), o.gauss)
        };
        let mut b = lock_state(py, self)?;
        *b.g = src.0;
        b.gauss = src.1;
        b.binomial = d::Binomial::default();
        b.legacy_binomial = d::Binomial::default();
        Ok(())
    }

    /// The lock object (`BitGenerator.lock`).
    fn lock_handle(&self) -> PyBitGenLock {
        PyBitGenLock {
            lock: self.lock.clone(),
        }
    }

    /// NumPy's C interface: a PyCapsule named "BitGenerator" holding a `bitgen_t` (and a
    /// reference to this object), with the addresses `(state, bitgen_t, next_uint64,
    /// next_uint32, next_double, next_raw)` for the ctypes/cffi views.
    fn bitgen<'py>(
        slf: &Bound<'py, PyBitGen>,
    ) -> PyResult<(
        Bound<'py, PyCapsule>,
        usize,
        usize,
        usize,
        usize,
        usize,
        usize,
    )> {
        let py = slf.py();
        let state_ptr = {
            let b = lock_state(py, slf.get())?;
            b.g.0.as_ptr()
        };
        let value = CapsuleValue {
            bitgen: BitgenT {
                state: state_ptr.cast(),
                next_uint64: c_next_uint64,
                next_uint32: c_next_uint32,
                next_double: c_next_double,
                next_raw: c_next_raw,
            },
            _owner: slf.clone().unbind(),
        };
        let cap = PyCapsule::new_with_value(py, value, c"BitGenerator")?;
        let bitgen_addr = cap.pointer_checked(Some(c"BitGenerator"))?.as_ptr() as usize;
        Ok((
            cap,
            state_ptr as usize,
            bitgen_addr,
            c_next_uint64 as *const () as usize,
            c_next_uint32 as *const () as usize,
            c_next_double as *const () as usize,
            c_next_raw as *const () as usize,
        ))
    }

    /// The state as a tuple; the Python layer shapes it into NumPy's dict.
    fn get_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let b = lock_state(py, self)?;
        match &*b.g {
            BitGen::Pcg64(p) => {
                (p.state, p.inc, i32::from(p.has_uint32), p.uinteger).into_pyobject(py)
            }
            BitGen::Mt19937(m) => {
                let key = wrap(py, NdArray::from_vec(m.key().to_vec(), &[MT_N]).py()?)?;
                (key, m.pos(), i32::from(b.gauss.has_gauss), b.gauss.gauss).into_pyobject(py)
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
    fn gauss_state(&self, py: Python<'_>) -> PyResult<(i32, f64)> {
        let b = lock_state(py, self)?;
        Ok((i32::from(b.gauss.has_gauss), b.gauss.gauss))
    }

    /// Set the legacy Gaussian cache (RandomState resets it on construction and seeding).
    fn set_gauss(&self, py: Python<'_>, has_gauss: bool, gauss: f64) -> PyResult<()> {
        lock_state(py, self)?.gauss = GaussCache { has_gauss, gauss };
        Ok(())
    }

    /// Set a PCG64/PCG64DXSM state.
    fn set_pcg(
        &self,
        py: Python<'_>,
        state: u128,
        inc: u128,
        has_uint32: bool,
        uinteger: u32,
    ) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        if let BitGen::Pcg64(p) = &mut *b.g {
            p.state = state;
            p.inc = inc;
            p.has_uint32 = has_uint32;
            p.uinteger = uinteger;
        }
        Ok(())
    }

    /// Set an MT19937 state (and the legacy Gaussian cache).
    fn set_mt(
        &self,
        py: Python<'_>,
        key: Vec<u32>,
        pos: usize,
        has_gauss: bool,
        cached: f64,
    ) -> PyResult<()> {
        if key.len() != MT_N {
            return Err(PyValueError::new_err("state must be 624 longs"));
        }
        let mut b = lock_state(py, self)?;
        if let BitGen::Mt19937(m) = &mut *b.g {
            let mut k = [0u32; MT_N];
            k.copy_from_slice(&key);
            m.set_state(&k, pos);
        }
        b.gauss = GaussCache {
            has_gauss,
            gauss: cached,
        };
        Ok(())
    }

    /// Set an SFC64 state.
    fn set_sfc(
        &self,
        py: Python<'_>,
        s: [u64; 4],
        has_uint32: bool,
        uinteger: u32,
    ) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        if let BitGen::Sfc64(g) = &mut *b.g {
            g.s = s;
            g.has_uint32 = has_uint32;
            g.uinteger = uinteger;
        }
        Ok(())
    }

    /// Set a Philox state.
    #[allow(clippy::too_many_arguments)]
    fn set_philox(
        &self,
        py: Python<'_>,
        ctr: [u64; 4],
        key: [u64; 2],
        buffer: [u64; 4],
        buffer_pos: usize,
        has_uint32: bool,
        uinteger: u32,
    ) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        if let BitGen::Philox(p) = &mut *b.g {
            p.ctr = ctr;
            p.key = key;
            p.buffer = buffer;
            p.buffer_pos = buffer_pos.min(4);
            p.has_uint32 = has_uint32;
            p.uinteger = uinteger;
        }
        Ok(())
    }

    /// Advance PCG64 by `delta` draws (mod 2**128) or Philox's counter by `step` words.
    fn advance(&self, py: Python<'_>, delta: u128) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        match &mut *b.g {
            BitGen::Pcg64(p) => p.advance(delta),
            BitGen::Philox(p) => p.advance([delta as u64, (delta >> 64) as u64, 0, 0]),
            _ => {}
        }
        Ok(())
    }

    /// Jump MT19937 ahead by `jumps` * 2^128 outputs, releasing the GIL.
    fn jump_mt(&self, py: Python<'_>, jumps: usize) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        if let BitGen::Mt19937(m) = &mut *b.g {
            py.detach(|| {
                for _ in 0..jumps {
                    m.jump();
                }
            });
        }
        Ok(())
    }

    /// Philox advance by a full 256-bit step (least significant word first).
    fn advance_words(&self, py: Python<'_>, step: [u64; 4]) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        if let BitGen::Philox(p) = &mut *b.g {
            p.advance(step);
        }
        Ok(())
    }

    /// Raw outputs: one Python int, or an array of `size` uint64 values.
    #[pyo3(signature = (size=None, output=true))]
    fn random_raw(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        output: bool,
    ) -> PyResult<Py<PyAny>> {
        let shape = size_opt(size)?;
        let mut b = lock_state(py, self)?;
        let g = &mut *b.g;
        match shape {
            None => {
                let v = g.next_raw();
                if output {
                    Ok(v.into_pyobject(py)?.into_any().unbind())
                } else {
                    Ok(py.None())
                }
            }
            Some(shape) => {
                let n: usize = shape.iter().product();
                if !output {
                    (0..n).for_each(|_| {
                        g.next_raw();
                    });
                    return Ok(py.None());
                }
                let v: Vec<u64> = (0..n).map(|_| g.next_raw()).collect();
                Ok(wrap(py, NdArray::from_vec(v, &shape).py()?)?.into_any())
            }
        }
    }

    /// `BitGenerator._benchmark`: draw `cnt` values of kind `method` ("uint64" or
    /// "double", as NumPy) and discard them.
    #[pyo3(signature = (cnt, method="uint64"))]
    fn benchmark(&self, py: Python<'_>, cnt: usize, method: &str) -> PyResult<()> {
        let mut b = lock_state(py, self)?;
        let g = &mut *b.g;
        match method {
            "uint64" => (0..cnt).for_each(|_| {
                std::hint::black_box(g.next_u64());
            }),
            "double" => (0..cnt).for_each(|_| {
                std::hint::black_box(g.next_double());
            }),
            _ => return Err(PyValueError::new_err("Unknown method")),
        }
        Ok(())
    }

    /// A uniform integer in [0, max] by masked rejection (`random_interval`).
    fn interval(&self, py: Python<'_>, max: u64) -> PyResult<u64> {
        let mut b = lock_state(py, self)?;
        Ok(d::interval(&mut b.g, max))
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
