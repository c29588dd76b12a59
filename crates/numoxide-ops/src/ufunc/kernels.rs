//! Inner loops: one 1-D run of `n` elements with byte strides, NumPy's
//! `(char **args, npy_intp n, npy_intp *steps)` shape. A [`Kernel`] wraps a scalar
//! function in a loop monomorphized for its element types, with a contiguous fast path
//! the compiler vectorizes and a strided path.

use numoxide_core::element::Element;

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
pub fn lane_fold<T: Element>(
    f: impl Fn(T, T) -> T + Copy + Send + Sync + 'static,
) -> impl Fn(T, *const u8, isize, usize) -> T + Copy + Send + Sync + 'static {
    // SAFETY: the reduction form of Kernel::call guarantees `n` valid elements.
    move |acc: T, p: *const u8, s: isize, n: usize| unsafe { lane_fold_wide(f, acc, p, s, n) }
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

/// The body of [`lane_fold`], inlined into each instruction-set build.
/// `LANES` accumulators: several vectors' worth, so their dependency chains overlap.
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
            let mut r: [T; LANES] = std::array::from_fn(|j| ld::<T>(p, j, s));
            i = LANES;
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
            for v in r {
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

/// NumPy's pairwise summation of a strided run (`pairwise_sum_@TYPE@`): runs shorter
/// than 8 are summed in order; up to 128 with 8 interleaved accumulators; longer runs
/// split in two at a multiple of 8. `load` widens each element to the accumulator type.
///
/// # Safety
/// `p + i*s` must be a valid element of `T` for `i < n`.
pub unsafe fn pairwise<T: Copy, A: Copy + std::ops::Add<Output = A>>(
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
            pairwise::<T, A>(p, s, n2, neg_zero, load)
                + pairwise::<T, A>(p.offset(n2 as isize * s), s, n - n2, neg_zero, load)
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
