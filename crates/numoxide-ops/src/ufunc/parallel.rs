//! Threads for large ufunc loops and reductions (DESIGN.md §7).
//!
//! Work above a size threshold is cut into contiguous chunks that run on a rayon pool of
//! `NUMOXIDE_NUM_THREADS` threads (read once; default: the machine's available
//! parallelism; 1 runs everything on the calling thread). Results never depend on the
//! thread count: an elementwise loop computes each element the same way whichever chunk
//! holds it, and a reduction combines its partial results with the same operations, in
//! the same order and tree, as the one-thread code.
//!
//! The floating-point flags live in per-thread registers: every piece of work handed to
//! the pool runs between a [`fpstatus::take`] and a hand-back of what it raised, and the
//! waiting thread [`fpstatus::merge`]s them into its own flags, so `errstate` and the
//! RuntimeWarnings see exactly what a one-thread run would have raised. Workers never
//! touch Python (this crate has none).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rayon::ThreadPool;

use super::fpstatus::{self, Status};

/// The most threads `NUMOXIDE_NUM_THREADS` or the setter may ask for.
const MAX_THREADS: usize = 256;

/// Chunks per thread for [`map_chunks`]: a few, so a thread that the machine slows down
/// (the vCPUs are shared) leaves its remaining chunks to the others.
const CHUNKS_PER_THREAD: usize = 4;

/// The configured thread count; 0 until first read.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// A test override of every threshold's work per thread (0: the built-in thresholds).
static MIN_WORK: AtomicUsize = AtomicUsize::new(0);

/// How many times work was handed to the pool (for tests).
static SECTIONS: AtomicUsize = AtomicUsize::new(0);

/// How many times work has been handed to the pool so far (tests check that a call
/// took the threaded path).
pub fn sections() -> usize {
    SECTIONS.load(Ordering::Relaxed)
}

/// The pool and the thread count it was built for.
static POOL: Mutex<Option<(usize, Arc<ThreadPool>)>> = Mutex::new(None);

/// `NUMOXIDE_NUM_THREADS` when it is a positive integer, else the available parallelism.
fn from_env() -> usize {
    std::env::var("NUMOXIDE_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(MAX_THREADS)
}

/// The number of threads large loops use (`NUMOXIDE_NUM_THREADS`, read once).
pub fn num_threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => {
            let n = from_env();
            match THREADS.compare_exchange(0, n, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => n,
                Err(current) => current,
            }
        }
        n => n,
    }
}

/// Set the number of threads (clamped to 1..=256); returns the previous setting.
pub fn set_num_threads(n: usize) -> usize {
    let previous = num_threads();
    THREADS.store(n.clamp(1, MAX_THREADS), Ordering::Relaxed);
    previous
}

/// Make every threshold `n` units of work per thread (0 restores the built-in ones), so
/// tests can reach the threaded paths with small arrays; returns the previous override.
pub fn set_min_work(n: usize) -> usize {
    MIN_WORK.swap(n, Ordering::Relaxed)
}

/// `default`, or the test override of [`set_min_work`].
pub fn min_work(default: usize) -> usize {
    match MIN_WORK.load(Ordering::Relaxed) {
        0 => default,
        n => n,
    }
}

/// The pool for the current thread count (`None` for one thread, or when the operating
/// system refuses the threads: the work then runs on the calling thread).
fn pool() -> Option<Arc<ThreadPool>> {
    let n = num_threads();
    if n <= 1 {
        return None;
    }
    let mut guard = POOL.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, p)) = guard.as_ref() {
        if *k == n {
            return Some(Arc::clone(p));
        }
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("numoxide-{i}"))
        .build()
        .ok()?;
    let p = Arc::new(p);
    *guard = Some((n, Arc::clone(&p)));
    Some(p)
}

/// How many threads `work` units deserve when each thread should get at least
/// `min_per_thread` of them (or the test override): 1 (run here) for small work or a
/// one-thread setting.
pub fn plan(work: usize, min_per_thread: usize) -> usize {
    let min_per_thread = min_work(min_per_thread);
    let t = num_threads();
    if t <= 1 || work < min_per_thread.saturating_mul(2) {
        return 1;
    }
    t.min(work / min_per_thread.max(1))
}

/// Run `f` with this thread's flags set aside: returns its result and what it raised,
/// and leaves the flags as they were before.
fn capture<R>(f: impl FnOnce() -> R) -> (R, Status) {
    let saved = fpstatus::take();
    let r = f();
    let mine = fpstatus::take();
    fpstatus::merge(saved);
    (r, mine)
}

/// Run `f` on the pool while this thread waits (inline when there is no pool or this
/// thread is one of its workers); the flags `f` raised are raised in this thread.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(p) => {
            SECTIONS.fetch_add(1, Ordering::Relaxed);
            let (r, s) = p.install(|| capture(f));
            fpstatus::merge(s);
            r
        }
        None => f(),
    }
}

/// `(a(), b())`, the two possibly at the same time on two threads of the pool that runs
/// the caller (call it inside [`install`]); the flags of both are raised in this thread.
pub fn join<RA: Send, RB: Send>(
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    let ((ra, sa), (rb, sb)) = rayon::join(|| capture(a), || capture(b));
    fpstatus::merge(sa.union(sb));
    (ra, rb)
}

/// The chunks of `0..n` for `threads` threads: `(start, len)` in order, every start a
/// multiple of `granule`.
pub fn chunks(n: usize, granule: usize, threads: usize) -> Vec<(usize, usize)> {
    let granule = granule.max(1);
    let pieces = threads.saturating_mul(CHUNKS_PER_THREAD).max(1);
    let per = n
        .div_ceil(pieces)
        .div_ceil(granule)
        .saturating_mul(granule)
        .max(1);
    (0..n.div_ceil(per))
        .map(|c| (c * per, per.min(n - c * per)))
        .collect()
}

/// `f(start, len)` for each chunk of `0..n` (see [`chunks`]), on `threads` threads of the
/// pool; the results in chunk order, the flags every chunk raised raised in this thread.
/// With `threads <= 1` it is one call `f(0, n)` here.
pub fn map_chunks<R: Send>(
    n: usize,
    granule: usize,
    threads: usize,
    f: impl Fn(usize, usize) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 || n == 0 {
        return vec![f(0, n)];
    }
    map_parts(&chunks(n, granule, threads), f)
}

/// `f(start, len)` for each of `parts`, on the pool when there are two or more; the
/// results in order, the flags every part raised raised in this thread.
pub fn map_parts<R: Send>(
    parts: &[(usize, usize)],
    f: impl Fn(usize, usize) -> R + Sync,
) -> Vec<R> {
    if parts.len() <= 1 {
        return parts.iter().map(|&(lo, len)| f(lo, len)).collect();
    }
    let (results, status): (Vec<R>, Vec<Status>) = install(|| {
        parts
            .par_iter()
            .with_max_len(1)
            .map(|&(lo, len)| capture(|| f(lo, len)))
            .unzip()
    });
    fpstatus::merge(status.into_iter().fold(Status::default(), Status::union));
    results
}

/// `0..n` cut into `pieces` parts of nearly equal lengths (`(start, len)`, in order).
pub fn even_parts(n: usize, pieces: usize) -> Vec<(usize, usize)> {
    let pieces = pieces.clamp(1, n.max(1));
    (0..pieces)
        .map(|c| {
            let at = |c: usize| (n as u128 * c as u128 / pieces as u128) as usize;
            (at(c), at(c + 1) - at(c))
        })
        .collect()
}

/// [`map_chunks`] for work without results.
pub fn for_chunks(n: usize, granule: usize, threads: usize, f: impl Fn(usize, usize) + Sync) {
    map_chunks(n, granule, threads, f);
}

/// A value handed to pool threads although it holds raw pointers: `SyncPtr(p)` is
/// created only where the memory behind the pointers stays valid for the whole parallel
/// section and the threads read it, or write disjoint elements of it.
#[derive(Clone, Copy)]
pub struct SyncPtr<T>(T);

impl<T> SyncPtr<T> {
    /// Wrap `v` for the threads.
    ///
    /// # Safety
    /// The pointers in `v` must stay valid while any thread uses them, and threads that
    /// use them must not write an element another thread reads or writes.
    pub unsafe fn new(v: T) -> SyncPtr<T> {
        SyncPtr(v)
    }
    /// The wrapped value (a method, so closures capture the wrapper, not the field).
    pub fn get(&self) -> &T {
        &self.0
    }
}

// SAFETY: `SyncPtr::new` is unsafe and its contract is exactly what sharing the pointers
// between threads requires (valid memory, no element written by one thread and touched by
// another).
unsafe impl<T> Send for SyncPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for SyncPtr<T> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ufunc::fpstatus::FpFlags;

    #[test]
    fn chunks_cover_the_range_in_order_at_granule_starts() {
        for &(n, g, t) in &[
            (1000, 64, 2),
            (1, 64, 4),
            (10_000_019, 1024, 3),
            (64, 64, 8),
        ] {
            let c = chunks(n, g, t);
            let mut next = 0;
            for &(lo, len) in &c {
                assert_eq!(lo, next);
                assert_eq!(lo % g, 0);
                assert!(len > 0);
                next = lo + len;
            }
            assert_eq!(next, n);
        }
    }

    #[test]
    fn even_parts_cover_the_range() {
        assert_eq!(even_parts(7, 3), vec![(0, 2), (2, 2), (4, 3)]);
        assert_eq!(even_parts(2, 8), vec![(0, 1), (1, 1)]);
        assert_eq!(even_parts(0, 4), vec![(0, 0)]);
    }

    #[test]
    fn flags_raised_on_workers_reach_the_caller() {
        let previous = set_num_threads(2);
        fpstatus::clear_all();
        let zero = std::hint::black_box(0.0f64);
        let out = map_chunks(4096, 64, 2, |lo, _| {
            if lo > 0 {
                // Only the later chunks divide by zero.
                std::hint::black_box(1.0 / zero);
            }
            lo
        });
        assert_eq!(out.first(), Some(&0));
        assert!(fpstatus::read_all().has(FpFlags::DIVIDE));
        fpstatus::clear_all();
        let ((), ()) = install(|| {
            join(
                || (),
                || {
                    fpstatus::raise(FpFlags::FORCED_INVALID);
                },
            )
        });
        assert!(fpstatus::read_all().has(FpFlags::FORCED_INVALID));
        fpstatus::clear_all();
        set_num_threads(previous);
    }
}
