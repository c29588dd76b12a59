//! Inner loops: one 1-D run of `n` elements with byte strides, NumPy's
//! `(char **args, npy_intp n, npy_intp *steps)` shape. A [`Kernel`] wraps a scalar
//! function in a loop monomorphized for its element types, with a contiguous fast path
//! the compiler vectorizes and a strided path.

use numoxide_core::element::Element;

use super::parallel;
use super::simd::{multiversion, vectorize};

/// A type-erased inner loop over `nin + nout` operands.
pub struct Kernel(Box<dyn Fn(&[*mut u8], &[isize], usize) + Send + Sync>);

impl Kernel {
    /// Wrap an inner loop `(pointers, strides, n)`.
    pub fn new(f: impl Fn(&[*mut u8], &[isize], usize) + Send + Sync + 'static) -> Kernel {
        Kernel(Box::new(f))
    }

    /// Run the loop.
    ///
    /// # Safety
    /// For each operand `k` and each `i < n`, `args[k] + i*steps[k]` must be a valid,
    /// element-sized address of the loop's type for that operand; output runs must not
    /// overlap input runs unless they are identical (same address and stride).
    #[inline]
    pub unsafe fn call(&self, args: &[*mut u8], steps: &[isize], n: usize) {
        (self.0)(args, steps, n)
    }
}

#[inline(always)]
unsafe fn ld<T: Copy>(p: *const u8, i: usize, s: isize) -> T {
    // SAFETY: forwarded from the caller of the kernel.
    unsafe { (p.offset(i as isize * s) as *const T).read_unaligned() }
}

#[inline(always)]
unsafe fn st<T: Copy>(p: *mut u8, i: usize, s: isize, v: T) {
    // SAFETY: forwarded from the caller of the kernel.
    unsafe { (p.offset(i as isize * s) as *mut T).write_unaligned(v) }
}

/// A one-input, one-output loop around `f`.
pub fn unary<T: Element, R: Element>(f: impl Fn(T) -> R + Copy + Send + Sync + 'static) -> Kernel {
    Kernel(Box::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        let (ts, rs) = (size_of::<T>() as isize, size_of::<R>() as isize);
        // SAFETY: the Kernel::call contract gives valid element addresses.
        unsafe {
            if s[0] == ts && s[1] == rs {
                let (x, y) = (a[0] as *const T, a[1] as *mut R);
                vectorize(move || {
                    for i in 0..n {
                        y.add(i).write_unaligned(f(x.add(i).read_unaligned()));
                    }
                });
            } else {
                for i in 0..n {
                    st(a[1], i, s[1], f(ld::<T>(a[0], i, s[0])));
                }
            }
        }
    }))
}

/// A one-input, two-output loop (frexp, modf).
pub fn unary2<T: Element, R1: Element, R2: Element>(
    f: impl Fn(T) -> (R1, R2) + Copy + Send + Sync + 'static,
) -> Kernel {
    Kernel(Box::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        // SAFETY: the Kernel::call contract gives valid element addresses.
        unsafe {
            for i in 0..n {
                let (r1, r2) = f(ld::<T>(a[0], i, s[0]));
                st(a[1], i, s[1], r1);
                st(a[2], i, s[2], r2);
            }
        }
    }))
}

/// A two-input, one-output loop around `f`. When called as a reduction (input 0 and the
/// output are the same address with stride 0) it folds the run into that element with
/// `fold` (pairwise for float sums).
pub fn binary<T: Element, U: Element, R: Element>(
    f: impl Fn(T, U) -> R + Copy + Send + Sync + 'static,
) -> Kernel {
    Kernel(Box::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        let (ts, us, rs) = (
            size_of::<T>() as isize,
            size_of::<U>() as isize,
            size_of::<R>() as isize,
        );
        // SAFETY: the Kernel::call contract gives valid element addresses.
        unsafe {
            if s[0] == ts
                && s[1] == us
                && s[2] == rs
                && std::any::TypeId::of::<T>() == std::any::TypeId::of::<R>()
                && a[0].wrapping_add(ts as usize) == a[2]
            {
                // Accumulate form (`cumsum`): input 0 trails the output by one element,
                // so each result is the next step's first operand. Carry it in a
                // register instead of reloading what was just stored.
                let (x, y, z) = (a[0] as *const T, a[1] as *const U, a[2] as *mut R);
                let mut carry: T = x.read_unaligned();
                for i in 0..n {
                    let r = f(carry, y.add(i).read_unaligned());
                    z.add(i).write_unaligned(r);
                    // SAFETY (of the copy): T and R are the same type (checked above).
                    carry = std::mem::transmute_copy::<R, T>(&r);
                }
            } else if s[0] == ts && s[1] == us && s[2] == rs && a[0] == a[2] && ts == rs {
                // In place on input 0 (`a += b`, reductions along an outer axis): one
                // pointer for the load and the store, so the compiler sees no overlap.
                let (z, y) = (a[2] as *mut R, a[1] as *const U);
                vectorize(move || {
                    for i in 0..n {
                        let x = (z.add(i) as *const T).read_unaligned();
                        z.add(i).write_unaligned(f(x, y.add(i).read_unaligned()));
                    }
                });
            } else if s[0] == ts && s[1] == us && s[2] == rs && a[1] == a[2] && us == rs {
                // In place on input 1.
                let (x, z) = (a[0] as *const T, a[2] as *mut R);
                vectorize(move || {
                    for i in 0..n {
                        let y = (z.add(i) as *const U).read_unaligned();
                        z.add(i).write_unaligned(f(x.add(i).read_unaligned(), y));
                    }
                });
            } else if s[0] == ts && s[1] == us && s[2] == rs {
                let (x, y, z) = (a[0] as *const T, a[1] as *const U, a[2] as *mut R);
                vectorize(move || {
                    for i in 0..n {
                        let v = f(x.add(i).read_unaligned(), y.add(i).read_unaligned());
                        z.add(i).write_unaligned(v);
                    }
                });
            } else if s[1] == 0 && s[0] == ts && s[2] == rs && a[0] == a[2] && ts == rs {
                // In place on input 0 with a scalar (`a += 1.0`): one pointer, so the
                // compiler needs no overlap check (which would fail and fall back).
                let y: U = ld(a[1], 0, 0);
                let z = a[2] as *mut R;
                vectorize(move || {
                    for i in 0..n {
                        let x = (z.add(i) as *const T).read_unaligned();
                        z.add(i).write_unaligned(f(x, y));
                    }
                });
            } else if s[0] == 0 && s[1] == us && s[2] == rs && a[1] == a[2] && us == rs {
                // In place on input 1 with a scalar first operand.
                let x: T = ld(a[0], 0, 0);
                let z = a[2] as *mut R;
                vectorize(move || {
                    for i in 0..n {
                        let y = (z.add(i) as *const U).read_unaligned();
                        z.add(i).write_unaligned(f(x, y));
                    }
                });
            } else if s[0] == 0 && s[1] == us && s[2] == rs {
                let x: T = ld(a[0], 0, 0);
                let (y, z) = (a[1] as *const U, a[2] as *mut R);
                vectorize(move || {
                    for i in 0..n {
                        z.add(i).write_unaligned(f(x, y.add(i).read_unaligned()));
                    }
                });
            } else if s[1] == 0 && s[0] == ts && s[2] == rs {
                let y: U = ld(a[1], 0, 0);
                let (x, z) = (a[0] as *const T, a[2] as *mut R);
                vectorize(move || {
                    for i in 0..n {
                        z.add(i).write_unaligned(f(x.add(i).read_unaligned(), y));
                    }
                });
            } else {
                for i in 0..n {
                    st(
                        a[2],
                        i,
                        s[2],
                        f(ld::<T>(a[0], i, s[0]), ld::<U>(a[1], i, s[1])),
                    );
                }
            }
        }
    }))
}

/// A same-type binary loop that also serves reductions: when input 0 and the output are
/// one element (stride 0, same address), the run is folded into it with `fold`.
pub fn binary_fold<T: Element>(
    f: impl Fn(T, T) -> T + Copy + Send + Sync + 'static,
    fold: impl Fn(T, *const u8, isize, usize) -> T + Copy + Send + Sync + 'static,
) -> Kernel {
    let plain = binary::<T, T, T>(f);
    Kernel(Box::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        if s[0] == 0 && s[2] == 0 && a[0] == a[2] {
            // SAFETY: reduction form: a[0] is one valid element, a[1] a valid run.
            unsafe {
                let acc: T = ld(a[0], 0, 0);
                st(a[2], 0, 0, fold(acc, a[1], s[1], n));
            }
        } else {
            // SAFETY: forwarded from the caller.
            unsafe { plain.call(a, s, n) }
        }
    }))
}

/// Sequential fold of a run with `f` (the reduction of non-sum ufuncs).
pub fn seq_fold<T: Element>(
    f: impl Fn(T, T) -> T + Copy + Send + Sync + 'static,
) -> impl Fn(T, *const u8, isize, usize) -> T + Copy + Send + Sync + 'static {
    // SAFETY: the reduction form of Kernel::call guarantees `n` valid elements.
    move |acc: T, p: *const u8, s: isize, n: usize| unsafe { seq_fold_wide(f, acc, p, s, n) }
}

/// A float16 fold as NumPy's half loops reduce: the call accumulates in float32 and
/// rounds to float16 once, at its end.
pub fn half_fold(
    f: impl Fn(f32, f32) -> f32 + Copy + Send + Sync + 'static,
) -> impl Fn(half::f16, *const u8, isize, usize) -> half::f16 + Copy + Send + Sync + 'static {
    move |acc: half::f16, p: *const u8, s: isize, n: usize| {
        let mut a = acc.to_f32();
        for i in 0..n {
            // SAFETY: the reduction form of Kernel::call guarantees `n` valid elements.
            a = f(a, unsafe { ld::<half::f16>(p, i, s) }.to_f32());
        }
        half::f16::from_f32(a)
    }
}

/// The body of [`seq_fold`], inlined into each instruction-set build.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
#[inline(always)]
unsafe fn seq_fold_run<T: Element>(
    f: impl Fn(T, T) -> T,
    mut acc: T,
    p: *const u8,
    s: isize,
    n: usize,
) -> T {
    // SAFETY: every load is of an element the caller guarantees valid.
    unsafe {
        if s == size_of::<T>() as isize {
            let x = p as *const T;
            for i in 0..n {
                acc = f(acc, x.add(i).read_unaligned());
            }
        } else {
            for i in 0..n {
                acc = f(acc, ld::<T>(p, i, s));
            }
        }
    }
    acc
}

/// Fold of a run with an associative and commutative `f` (maximum, minimum, fmax, fmin
/// on reals): independent accumulators, combined at the end, so the loop vectorizes.
/// Only for operations whose result does not depend on the order of the operands.
///
/// Long runs fold contiguous chunks of the lanes on several threads and combine each
/// lane's partial results in chunk order. NumPy's extremum rules pick, of two operands,
/// one by a fixed preference that depends only on which operand comes first (the first
/// NaN; of equal numbers, always the first or always the second), so any bracketing of a
/// lane's sequence that keeps its order picks the same element: the bits do not depend
/// on the thread count.
pub fn lane_fold<T: Element>(
    f: impl Fn(T, T) -> T + Copy + Send + Sync + 'static,
) -> impl Fn(T, *const u8, isize, usize) -> T + Copy + Send + Sync + 'static {
    // SAFETY: the reduction form of Kernel::call guarantees `n` valid elements.
    move |acc: T, p: *const u8, s: isize, n: usize| unsafe { lane_fold_par(f, acc, p, s, n) }
}

/// Runs at least this long fold on several threads (when more than one is set).
const PAR_FOLD_MIN: usize = 1 << 17;

/// [`lane_fold_run`], the lanes of long runs folded on several threads.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
unsafe fn lane_fold_par<T: Element>(
    f: impl Fn(T, T) -> T + Copy + Send + Sync,
    acc: T,
    p: *const u8,
    s: isize,
    n: usize,
) -> T {
    let threads = if n >= parallel::min_work(PAR_FOLD_MIN).max(2 * LANES) {
        parallel::plan(n, PAR_FOLD_MIN / 2)
    } else {
        1
    };
    if threads <= 1 {
        // SAFETY: forwarded from the caller.
        return unsafe { lane_fold_wide(f, acc, p, s, n) };
    }
    // The part the lanes cover (n >= 2 * LANES here), cut at multiples of LANES so every
    // element stays in its lane.
    let covered = n - n % LANES;
    // SAFETY: the caller keeps the run valid until this call returns; threads only read.
    let at = unsafe { parallel::SyncPtr::new(p) };
    let parts = parallel::map_chunks(covered, 1024, threads, |lo, len| {
        // SAFETY: elements lo..lo + len (len a positive multiple of LANES) of the run.
        unsafe { lanes_wide(f, at.get().wrapping_offset(lo as isize * s), s, len) }
    });
    let mut lanes = match parts.first() {
        Some(&first) => first,
        None => return acc,
    };
    for part in &parts[1..] {
        for (l, &v) in lanes.iter_mut().zip(part) {
            *l = f(*l, v);
        }
    }
    let mut res = acc;
    for v in lanes {
        res = f(res, v);
    }
    for i in covered..n {
        // SAFETY: i < n.
        res = f(res, unsafe { ld::<T>(p, i, s) });
    }
    res
}

multiversion! {
    /// [`lanes_run`] at the widest available instruction set.
    unsafe fn lanes_wide<T: Element>(f: impl Fn(T, T) -> T, p: *const u8, s: isize, n: usize) -> [T; LANES] => lanes_run
}

multiversion! {
    /// [`lane_fold_run`] at the widest available instruction set.
    unsafe fn lane_fold_wide<T: Element>(f: impl Fn(T, T) -> T, acc: T, p: *const u8, s: isize, n: usize) -> T => lane_fold_run
}

multiversion! {
    /// [`seq_fold_run`] at the widest available instruction set.
    unsafe fn seq_fold_wide<T: Element>(f: impl Fn(T, T) -> T, acc: T, p: *const u8, s: isize, n: usize) -> T => seq_fold_run
}

multiversion! {
    /// [`pairwise_block`] at the widest available instruction set.
    unsafe fn pairwise_block_wide<T: Copy, A: Accumulator>(p: *const u8, s: isize, n: usize, neg_zero: A, load: impl Fn(T) -> A + Copy) -> A => pairwise_block
}

/// A summation accumulator type (`Copy + Add`), named so the multiversioned
/// functions can take it as a single bound.
pub trait Accumulator: Copy + std::ops::Add<Output = Self> {}
impl<A: Copy + std::ops::Add<Output = A>> Accumulator for A {}

const LANES: usize = 32;

/// The `LANES` accumulators of [`lane_fold_run`] over a run of `n` elements, `n` a
/// positive multiple of `LANES`: lane `j` folds elements `j, j + LANES, ...` in order.
/// Several vectors' worth of lanes, so their dependency chains overlap.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`; `n >= LANES`.
#[inline(always)]
unsafe fn lanes_run<T: Element>(
    f: impl Fn(T, T) -> T,
    p: *const u8,
    s: isize,
    n: usize,
) -> [T; LANES] {
    // SAFETY: every load is of an element the caller guarantees valid.
    unsafe {
        let mut r: [T; LANES] = std::array::from_fn(|j| ld::<T>(p, j, s));
        let mut i = LANES;
        if s == size_of::<T>() as isize {
            let x = p as *const T;
            while i + LANES <= n {
                // One LANES-element load per step: the lanes stay independent (a vector
                // per accumulator set), rather than the compiler vectorizing across
                // steps with gathers.
                let v = (x.add(i) as *const [T; LANES]).read_unaligned();
                for (slot, e) in r.iter_mut().zip(v) {
                    *slot = f(*slot, e);
                }
                i += LANES;
            }
        } else {
            while i + LANES <= n {
                for (j, slot) in r.iter_mut().enumerate() {
                    *slot = f(*slot, ld::<T>(p, i + j, s));
                }
                i += LANES;
            }
        }
        r
    }
}

/// The body of [`lane_fold`], inlined into each instruction-set build: the lanes of the
/// part a multiple of `LANES` long (from `2 * LANES` elements on), folded in lane order
/// into `acc`, then the rest in order.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
#[inline(always)]
unsafe fn lane_fold_run<T: Element>(
    f: impl Fn(T, T) -> T,
    acc: T,
    p: *const u8,
    s: isize,
    n: usize,
) -> T {
    // SAFETY: every load is of an element the caller guarantees valid.
    unsafe {
        let mut res = acc;
        let mut i = 0;
        if n >= 2 * LANES {
            i = n - n % LANES;
            for v in lanes_run(&f, p, s, i) {
                res = f(res, v);
            }
        }
        while i < n {
            res = f(res, ld::<T>(p, i, s));
            i += 1;
        }
        res
    }
}

/// A two-input, two-output loop (divmod).
pub fn binary2<T: Element, R1: Element, R2: Element>(
    f: impl Fn(T, T) -> (R1, R2) + Copy + Send + Sync + 'static,
) -> Kernel {
    Kernel(Box::new(move |a: &[*mut u8], s: &[isize], n: usize| {
        // SAFETY: the Kernel::call contract gives valid element addresses.
        unsafe {
            for i in 0..n {
                let (r1, r2) = f(ld::<T>(a[0], i, s[0]), ld::<T>(a[1], i, s[1]));
                st(a[2], i, s[2], r1);
                st(a[3], i, s[3], r2);
            }
        }
    }))
}

/// Runs at least this long are summed on several threads (when more than one is set).
pub const PAR_SUM_MIN: usize = 1 << 17;

/// Subtrees of a threaded pairwise sum are not split further below this length.
const PAR_SUM_LEAF: usize = 1 << 16;

/// NumPy's pairwise summation of a strided run (`pairwise_sum_@TYPE@`): runs shorter
/// than 8 are summed in order; up to 128 with 8 interleaved accumulators; longer runs
/// split in two at a multiple of 8. `load` widens each element to the accumulator type.
///
/// Long runs compute the two halves of the top levels of that recursion on different
/// threads and add them as the one-thread recursion does, so the result has the same
/// bits for any thread count.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
pub unsafe fn pairwise<T: Copy, A: Copy + Send + std::ops::Add<Output = A>>(
    p: *const u8,
    s: isize,
    n: usize,
    neg_zero: A,
    load: impl Fn(T) -> A + Copy + Send + Sync,
) -> A {
    if n >= parallel::min_work(PAR_SUM_MIN) {
        let threads = parallel::plan(n, PAR_SUM_LEAF);
        if threads > 1 {
            // Split to about four subtrees per thread.
            let depth = usize::BITS - (threads - 1).leading_zeros() + 2;
            // SAFETY: the caller keeps the run valid until this call returns, and the
            // threads only read it.
            let at = unsafe { parallel::SyncPtr::new(p) };
            return parallel::install(move || {
                // SAFETY: forwarded from the caller.
                unsafe { pairwise_split(at, 0, s, n, neg_zero, load, depth) }
            });
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { pairwise_serial(p, s, n, neg_zero, load) }
}

/// The top `depth` levels of [`pairwise_serial`]'s recursion over elements
/// `start..start + n` of the run at `at`, each level's two halves on two threads.
///
/// # Safety
/// As [`pairwise`], for the run `at + (start + i)*s`, `i < n`.
unsafe fn pairwise_split<T: Copy, A: Copy + Send + std::ops::Add<Output = A>>(
    at: parallel::SyncPtr<*const u8>,
    start: usize,
    s: isize,
    n: usize,
    neg_zero: A,
    load: impl Fn(T) -> A + Copy + Send + Sync,
    depth: u32,
) -> A {
    let p = at.get().wrapping_offset(start as isize * s);
    if depth == 0 || n < 2 * parallel::min_work(PAR_SUM_LEAF).max(128) {
        // SAFETY: forwarded from the caller.
        return unsafe { pairwise_serial(p, s, n, neg_zero, load) };
    }
    // n > 128: the serial recursion's split.
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    let (left, right) = parallel::join(
        // SAFETY: forwarded from the caller: the halves are parts of the run.
        move || unsafe { pairwise_split(at, start, s, n2, neg_zero, load, depth - 1) },
        // SAFETY: as above.
        move || unsafe { pairwise_split(at, start + n2, s, n - n2, neg_zero, load, depth - 1) },
    );
    left + right
}

/// [`pairwise`] on the calling thread.
///
/// # Safety
/// As [`pairwise`].
unsafe fn pairwise_serial<T: Copy, A: Copy + std::ops::Add<Output = A>>(
    p: *const u8,
    s: isize,
    n: usize,
    neg_zero: A,
    load: impl Fn(T) -> A + Copy,
) -> A {
    // SAFETY: forwarded from the caller.
    unsafe {
        if n < 8 {
            let mut res = neg_zero;
            for i in 0..n {
                res = res + load(ld::<T>(p, i, s));
            }
            res
        } else if n <= 128 {
            // The 8 accumulators are independent lanes: a vector build keeps the order.
            pairwise_block_wide(p, s, n, neg_zero, load)
        } else {
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            pairwise_serial::<T, A>(p, s, n2, neg_zero, load)
                + pairwise_serial::<T, A>(p.offset(n2 as isize * s), s, n - n2, neg_zero, load)
        }
    }
}

/// One block (8 <= n <= 128) of [`pairwise`]: 8 interleaved accumulators.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
#[inline(always)]
unsafe fn pairwise_block<T: Copy, A: Accumulator>(
    p: *const u8,
    s: isize,
    n: usize,
    neg_zero: A,
    load: impl Fn(T) -> A + Copy,
) -> A {
    // SAFETY: every load is of an element the caller guarantees valid.
    unsafe {
        let mut r = [neg_zero; 8];
        for (j, slot) in r.iter_mut().enumerate() {
            *slot = load(ld::<T>(p, j, s));
        }
        let mut i = 8;
        if s == size_of::<T>() as isize {
            // Contiguous: plain loads, which the compiler turns into vector loads.
            let x = p as *const T;
            while i < n - n % 8 {
                for (j, slot) in r.iter_mut().enumerate() {
                    *slot = *slot + load(x.add(i + j).read_unaligned());
                }
                i += 8;
            }
        }
        while i < n - n % 8 {
            for (j, slot) in r.iter_mut().enumerate() {
                *slot = *slot + load(ld::<T>(p, i + j, s));
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res = res + load(ld::<T>(p, i, s));
            i += 1;
        }
        res
    }
}

/// NumPy's pairwise summation for complex runs: 4 complex values (8 accumulators) per
/// step, blocks counted in real parts.
///
/// # Safety
/// `p + i*s` must be a valid complex element (two `F`) for `i < n`.
pub unsafe fn pairwise_complex<
    F: Copy + std::ops::Add<Output = F>,
    A: Copy + std::ops::Add<Output = A>,
>(
    p: *const u8,
    s: isize,
    n: usize,
    neg_zero: A,
    load: impl Fn(F) -> A + Copy,
) -> (A, A) {
    let half = s / 2;
    let fsize = size_of::<F>() as isize;
    // Element k of the interleaved (re, im, re, im, ...) sequence.
    let at = |k: usize| -> A {
        let (i, part) = (k / 2, k % 2);
        // SAFETY: forwarded from the caller: element i exists and has two parts.
        load(unsafe {
            ((p.offset(i as isize * s + part as isize * fsize)) as *const F).read_unaligned()
        })
    };
    let _ = half;
    fn rec<A: Copy + std::ops::Add<Output = A>>(
        at: &dyn Fn(usize) -> A,
        start: usize,
        n: usize,
        neg_zero: A,
    ) -> (A, A) {
        if n < 8 {
            let (mut rr, mut ri) = (neg_zero, neg_zero);
            let mut i = 0;
            while i < n {
                rr = rr + at(start + i);
                ri = ri + at(start + i + 1);
                i += 2;
            }
            (rr, ri)
        } else if n <= 128 {
            let mut r = [neg_zero; 8];
            for (j, slot) in r.iter_mut().enumerate() {
                *slot = at(start + j);
            }
            let mut i = 8;
            while i < n - n % 8 {
                for (j, slot) in r.iter_mut().enumerate() {
                    *slot = *slot + at(start + i + j);
                }
                i += 8;
            }
            let mut rr = (r[0] + r[2]) + (r[4] + r[6]);
            let mut ri = (r[1] + r[3]) + (r[5] + r[7]);
            while i < n {
                rr = rr + at(start + i);
                ri = ri + at(start + i + 1);
                i += 2;
            }
            (rr, ri)
        } else {
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            let (a, b) = rec(at, start, n2, neg_zero);
            let (c, d) = rec(at, start + n2, n - n2, neg_zero);
            (a + c, b + d)
        }
    }
    rec(&at, 0, 2 * n, neg_zero)
}
