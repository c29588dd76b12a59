//! Typed sorting kernels on slices: NumPy's element order, a stable LSD radix sort and
//! argsort for the real types, comparison sorts for complex, selection and binary search.
//!
//! NumPy's order (`npysort`'s `LT`): NaN sorts last, `-0.0 == 0.0`, and complex values
//! compare lexicographically with the order `[R + Rj, R + nanj, nan + Rj, nan + nanj]`.
//! For bool, integers and floats each value maps to an unsigned *radix key* that orders
//! like NumPy's `LT` and is equal exactly when NumPy's `LT` calls two values equal (all
//! NaNs share the largest key, both zeros share one key). Sorting the keys stably
//! therefore reproduces NumPy's `kind='stable'` order exactly, index for index.

use std::cmp::Ordering;

use numoxide_core::element::{f16, Complex128, Complex64, Element};
use numoxide_core::{DType, DTypeKind, NdArray, Order};

use super::{counting, msd, select16, simd};

/// Element types that may have a vectorized unstable sort and selection (the
/// AVX-512 kernels of [`simd`] for 64-bit numbers); the defaults decline.
pub trait SimdSort: Sized {
    /// Sort `v` in NumPy's order, equal values in any order; false when unsupported.
    fn simd_sort(_v: &mut [Self]) -> bool {
        false
    }
    /// Partition `v` around each position of `kth` (sorted, in bounds); false when
    /// unsupported.
    fn simd_select(_v: &mut [Self], _kth: &[usize]) -> bool {
        false
    }
    /// Sort `src` into `dst` (as long) as [`SimdSort::simd_sort`] would sort a copy;
    /// false (and `dst` untouched) when unsupported or not worthwhile.
    fn simd_sort_into(_src: &[Self], _dst: &mut [Self]) -> bool {
        false
    }
}

macro_rules! simd_none {
    ($($t:ty),*) => {$( impl SimdSort for $t {} )*};
}
simd_none!(Complex64, Complex128);

macro_rules! simd_counting {
    ($($t:ty => $min:expr, $select:expr),*) => {$(
        impl SimdSort for $t {
            fn simd_sort(v: &mut [Self]) -> bool {
                if v.len() < $min {
                    return false;
                }
                counting::sort(v);
                true
            }
            fn simd_select(v: &mut [Self], kth: &[usize]) -> bool {
                let select: fn(&mut [Self], &[usize]) -> bool = $select;
                select(v, kth)
            }
        }
    )*};
}
// Long enough that the pattern table (up to 4 x 2^bits counters) is small beside the
// data. For 8-bit types a full counting sort is as cheap as a selection; the 16-bit
// table is not: the integers select with the vector quickselect, float16 by
// comparisons.
simd_counting!(bool => 1 << 10, |v, _| bool::simd_sort(v),
    i8 => 1 << 10, |v, _| i8::simd_sort(v),
    u8 => 1 << 10, |v, _| u8::simd_sort(v),
    i16 => 1 << 16, select16::select_i16,
    u16 => 1 << 16, select16::select_u16,
    f16 => 1 << 16, |_, _| false);

macro_rules! simd_32 {
    ($($t:ty => $sort:path, $select:path, $into:path);*) => {$(
        impl SimdSort for $t {
            fn simd_sort(v: &mut [Self]) -> bool {
                v.windows(2).all(|w| w[0].np_cmp(&w[1]) != Ordering::Greater)
                    || narrow_span(v)
                    || $sort(v)
            }
            fn simd_select(v: &mut [Self], kth: &[usize]) -> bool {
                $select(v, kth)
            }
            fn simd_sort_into(src: &[Self], dst: &mut [Self]) -> bool {
                // A narrow key range is counted straight into `dst`.
                narrow_span_into(src, dst) || (!maybe_narrow(src) && $into(src, dst))
            }
        }
    )*};
}
simd_32!(
    i32 => simd::sort_i32, simd::select_i32, simd::sort_i32_into;
    u32 => simd::sort_u32, simd::select_u32, simd::sort_u32_into;
    f32 => simd::sort_f32, simd::select_f32, simd::sort_f32_into
);

/// False when a sample of `v` already shows its keys spanning [`COUNT_SPAN`] values or
/// more, or `v` is not counted at all (short, or inexact keys): then [`narrow_span`]
/// would not count it.
fn maybe_narrow<T: Keyed>(v: &[T]) -> bool {
    if !T::EXACT || v.len() < RADIX_MIN {
        return false;
    }
    let step = v.len() / 64;
    let (lo, hi) = v
        .iter()
        .step_by(step.max(1))
        .fold((u64::MAX, 0), |(lo, hi), x| {
            let k = x.key().to_u64();
            (lo.min(k), hi.max(k))
        });
    hi - lo < COUNT_SPAN
}

/// Counting-sort `v` when its keys span fewer than [`COUNT_SPAN`] values (it then beats
/// the quicksort) and return true; a sample rules most inputs out before the full scan.
fn narrow_span<T: Keyed>(v: &mut [T]) -> bool {
    if !maybe_narrow(v) {
        return false;
    }
    let (lo, hi) = key_range(v);
    if hi - lo < COUNT_SPAN {
        counting_sort(v, lo, (hi - lo) as usize);
        return true;
    }
    false
}

macro_rules! simd_64 {
    ($($t:ty => $sort:path, $select:path, $into:path);*) => {$(
        impl SimdSort for $t {
            fn simd_sort(v: &mut [Self]) -> bool {
                // Sorted input (NumPy's order) needs nothing; a narrow key range is
                // counted; anything else goes to the quicksort.
                v.windows(2).all(|w| w[0].np_cmp(&w[1]) != Ordering::Greater)
                    || narrow_span(v)
                    || $sort(v)
            }
            fn simd_select(v: &mut [Self], kth: &[usize]) -> bool {
                $select(v, kth)
            }
            fn simd_sort_into(src: &[Self], dst: &mut [Self]) -> bool {
                // A narrow key range is counted straight into `dst`.
                narrow_span_into(src, dst) || (!maybe_narrow(src) && $into(src, dst))
            }
        }
    )*};
}
simd_64!(
    i64 => simd::sort_i64, simd::select_i64, simd::sort_i64_into;
    u64 => simd::sort_u64, simd::select_u64, simd::sort_u64_into;
    f64 => simd::sort_f64, simd::select_f64, simd::sort_f64_into
);

/// An unsigned integer used as a radix key.
pub trait RadixKey: Copy + Ord + Default + Send + Sync + 'static {
    /// Width in bits.
    const BITS: u32;
    /// Bits per radix digit (one counting pass per digit).
    const DIGIT_BITS: u32;
    /// The digit starting at bit `shift`.
    fn digit(self, shift: u32) -> usize;
    /// The key widened to 64 bits.
    fn to_u64(self) -> u64;
}

macro_rules! radix_key {
    ($($t:ty => $digit:expr),*) => {$(
        impl RadixKey for $t {
            const BITS: u32 = <$t>::BITS;
            const DIGIT_BITS: u32 = $digit;
            #[inline(always)]
            fn digit(self, shift: u32) -> usize {
                ((self >> shift) as usize) & ((1usize << $digit) - 1)
            }
            #[inline(always)]
            fn to_u64(self) -> u64 {
                self as u64
            }
        }
    )*};
}
radix_key!(u8 => 8, u16 => 8, u32 => 11, u64 => 11);

/// A dtype element in NumPy's sort order.
pub trait SortElem: Element + SimdSort {
    /// NumPy's order as a total preorder (NaN last, `-0.0 == 0.0`).
    fn np_cmp(&self, other: &Self) -> Ordering;
    /// `self != other` as NumPy's `!=` ufunc sees it (NaN differs from everything).
    fn np_ne(&self, other: &Self) -> bool;
    /// True for NaN (any NaN part for complex).
    fn is_nan_elem(&self) -> bool;
    /// Sort `v` stably in NumPy's order.
    fn sort_stable(v: &mut [Self]);
    /// Write into `out` the indices that sort `v` stably (NumPy's `kind='stable'`).
    fn argsort_stable(v: &[Self], out: &mut [i64]);
    /// `argpartition` of one lane: `idx` (as long as `v`, any contents) is filled
    /// with a permutation of `0..v.len()` in which each position in `kth` (sorted, in
    /// bounds) indexes the value a full sort would put there, with no larger value
    /// before it and no smaller after.
    fn arg_select(v: &[Self], idx: &mut [i64], kth: &[usize]) {
        for (i, x) in idx.iter_mut().enumerate() {
            *x = i as i64;
        }
        let mut lo = 0usize;
        for &k in kth {
            if k < lo || k >= idx.len() {
                continue;
            }
            // Indices are in 0..v.len().
            idx[lo..].select_nth_unstable_by(k - lo, |&a, &b| v[a as usize].np_cmp(&v[b as usize]));
            lo = k + 1;
        }
    }
    /// True when [`SortElem::sort_unstable_np`] leaves equal values as identical bits
    /// except that zeros of both signs may swap places (NaNs stay in input order), so
    /// `unique` may sort unstably and fix the run of zeros up.
    const UNSTABLE_UNIQUE: bool = false;
    /// Sort `v` in NumPy's order with equal values in any order (NumPy's unstable
    /// kinds): the vectorized quicksort where there is one, else the stable sort.
    fn sort_unstable_np(v: &mut [Self]) {
        if v.len() < 2
            || v.windows(2)
                .all(|w| w[0].np_cmp(&w[1]) != Ordering::Greater)
        {
            return;
        }
        if !Self::simd_sort(v) {
            Self::sort_stable(v);
        }
    }
    /// Write into `dst` (as long as `src`) what [`SortElem::sort_unstable_np`] makes of
    /// a copy of `src`, fusing the copy with the sort's first pass where a kernel can.
    fn sort_unstable_into(src: &[Self], dst: &mut [Self]) {
        if src.len() < 2
            || src
                .windows(2)
                .all(|w| w[0].np_cmp(&w[1]) != Ordering::Greater)
            || !Self::simd_sort_into(src, dst)
        {
            dst.copy_from_slice(src);
            Self::sort_unstable_np(dst);
        }
    }
    /// A 64-bit code equal for two values exactly when NumPy's `==` calls them equal,
    /// or None for values equal to nothing (NaN) and for types without such a code
    /// (complex). `isin` hashes these codes.
    fn eq_code(&self) -> Option<u64> {
        None
    }
    /// For each needle, its insertion point in the sorted `hay` (before equal values,
    /// or after them when `right`).
    fn search_many(hay: &[Self], needles: &[Self], res: &mut [i64], right: bool) {
        search_by(hay, needles, res, |e, x| match e.np_cmp(x) {
            Ordering::Less => true,
            Ordering::Equal => right,
            Ordering::Greater => false,
        });
    }
}

/// Hint the cache to load the element at `p` (never dereferenced; any address is fine).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of the x86-64 baseline; a prefetch never faults and
        // does not dereference its address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(p as *const i8) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The first index whose element is not `before` (a branch-free bisection that
/// prefetches both possible next probes, so cache misses overlap).
#[inline]
fn lower_bound<T>(hay: &[T], before: impl Fn(&T) -> bool) -> usize {
    let mut size = hay.len();
    if size == 0 {
        return 0;
    }
    let mut base = 0usize;
    let ptr = hay.as_ptr();
    while size > 1 {
        let half = size / 2;
        prefetch(ptr.wrapping_add(base + half / 2));
        prefetch(ptr.wrapping_add(base + half + half / 2));
        let mid = base + half;
        // `mid < base + size <= hay.len()`.
        base = std::hint::select_unpredictable(before(&hay[mid]), mid, base);
        size -= half;
    }
    // `base < hay.len()`.
    base + before(&hay[base]) as usize
}

/// Haystacks at least this long (beyond the L2 cache) make random needles pay a cache
/// miss per probe: those needles are sorted first and searched in order.
const SEARCH_SORT_HAY: usize = 1 << 17;
/// ... when there are at least this many of them.
const SEARCH_SORT_NEEDLES: usize = 1 << 12;

/// Binary-search every needle with `before(e, x)` ("e goes before x"), a predicate
/// that is true then false along `hay`. Sorted needles gallop forward from the previous
/// answer, which costs little more than a merge. Many random needles in a long `hay`
/// are visited in sorted order (an argsort), so the searches gallop too and memory is
/// read in one sweep instead of one cache miss per probe; few needles or a short `hay`
/// each search the whole `hay` (its upper pivots stay cached).
#[inline]
fn search_by<T: SortElem>(
    hay: &[T],
    needles: &[T],
    res: &mut [i64],
    before: impl Fn(&T, &T) -> bool,
) {
    let sorted = needles.windows(2).all(|w| !before(&w[1], &w[0]));
    if sorted {
        gallop(hay, needles.iter().zip(res.iter_mut()), &before);
        return;
    }
    if hay.len() >= SEARCH_SORT_HAY && needles.len() >= SEARCH_SORT_NEEDLES {
        let mut perm = vec![0i64; needles.len()];
        T::argsort_stable(needles, &mut perm);
        let mut found = vec![0i64; needles.len()];
        // `perm` is a permutation of the needles' indices.
        let order = perm.iter().map(|&i| &needles[i as usize]);
        gallop(hay, order.zip(found.iter_mut()), &before);
        for (&i, &f) in perm.iter().zip(&found) {
            // As above, `i` indexes `res`, which is as long as `needles`.
            res[i as usize] = f;
        }
        return;
    }
    if hay.len() >= BATCH_MIN_HAY {
        lower_bounds_batched(hay, needles, res, &before);
        return;
    }
    for (x, r) in needles.iter().zip(res.iter_mut()) {
        *r = lower_bound(hay, |e| before(e, x)) as i64;
    }
}

/// Haystacks at least this long (beyond the L1 cache) are searched [`BATCH`] needles at
/// a time.
const BATCH_MIN_HAY: usize = 1 << 10;
/// Needles searched in lockstep by [`lower_bounds_batched`].
const BATCH: usize = 16;

/// [`lower_bound`] of every needle, [`BATCH`] needles at a time in lockstep: the
/// bisection's step sizes depend only on `hay.len()`, so the searches of a batch probe
/// independent addresses at each step and their cache misses overlap (one search alone
/// waits for each probe before issuing the next).
#[inline]
fn lower_bounds_batched<T>(
    hay: &[T],
    needles: &[T],
    res: &mut [i64],
    before: &impl Fn(&T, &T) -> bool,
) {
    let n = hay.len();
    if n == 0 {
        res.fill(0);
        return;
    }
    let mut chunks = needles.chunks_exact(BATCH);
    let mut outs = res.chunks_exact_mut(BATCH);
    for (xs, rs) in (&mut chunks).zip(&mut outs) {
        let mut base = [0usize; BATCH];
        let mut size = n;
        while size > 1 {
            let half = size / 2;
            for (b, x) in base.iter_mut().zip(xs) {
                let mid = *b + half;
                // SAFETY: every base stays at most `n - size`, so
                // `mid < *b + size <= n`.
                let e = unsafe { hay.get_unchecked(mid) };
                *b = std::hint::select_unpredictable(before(e, x), mid, *b);
            }
            size -= half;
        }
        for ((r, b), x) in rs.iter_mut().zip(base).zip(xs) {
            // `b < n`.
            *r = (b + hay.get(b).is_some_and(|e| before(e, x)) as usize) as i64;
        }
    }
    for (x, r) in chunks.remainder().iter().zip(outs.into_remainder()) {
        *r = lower_bound(hay, |e| before(e, x)) as i64;
    }
}

/// Insertion points of needles that come in NumPy's order: each search gallops forward
/// from the previous answer.
#[inline]
fn gallop<'a, T: 'a>(
    hay: &[T],
    pairs: impl Iterator<Item = (&'a T, &'a mut i64)>,
    before: &impl Fn(&T, &T) -> bool,
) {
    let n = hay.len();
    let mut at = 0usize;
    for (x, r) in pairs {
        // Everything before `at` goes before the previous needle, hence before `x`.
        let mut step = 1usize;
        let mut lo = at;
        while lo + step <= n && hay.get(lo + step - 1).is_some_and(|e| before(e, x)) {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(n);
        let window = hay.get(lo..hi).unwrap_or(&[]);
        at = lo + window.partition_point(|e| before(e, x));
        *r = at as i64;
    }
}

/// An element with an order-preserving radix key.
pub trait Keyed: Element {
    /// The key type.
    type Key: RadixKey;
    /// True when equal keys mean identical values (bool and integers; not floats,
    /// whose -0.0/0.0 and NaN payloads share keys).
    const EXACT: bool = true;
    /// The key: equal for values NumPy's `LT` cannot tell apart.
    fn key(self) -> Self::Key;
    /// NumPy's `a < b`.
    #[inline(always)]
    fn np_lt(self, b: Self) -> bool {
        self.key() < b.key()
    }
    /// NumPy's `a <= b` (not `b < a`).
    #[inline(always)]
    fn np_le(self, b: Self) -> bool {
        self.key() <= b.key()
    }
    /// Sort `v` stably with the MSD radix sort when the type supports it (32- and
    /// 64-bit numbers); false when it does not (the caller sorts otherwise).
    fn msd_sort(_v: &mut [Self]) -> bool {
        false
    }
    /// The stable argsort of `v` by MSD radix sort, or false when unsupported.
    fn msd_argsort(_v: &[Self], _out: &mut [i64]) -> bool {
        false
    }
}

/// How a number's bits map to an order-preserving unsigned key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BitsMode {
    /// Unsigned integers: the bits are the key.
    Unsigned,
    /// Two's-complement integers: flip the sign bit.
    Signed,
    /// IEEE floats: flip every bit of negatives, the sign bit of positives.
    Float,
}

/// A 32- or 64-bit unsigned key the MSD radix sort handles.
pub trait Wide: RadixKey + msd::MsdItem + Zeroable {
    /// The top bit.
    const SIGN: Self;
    /// The bits of a float's infinity (NaNs are above it once the sign is cleared).
    const INF: Self;
    /// Bitwise xor.
    fn xor(self, o: Self) -> Self;
    /// Bitwise and.
    fn and(self, o: Self) -> Self;
    /// Bitwise not.
    fn not(self) -> Self;
}

macro_rules! wide {
    ($($t:ty => $inf:expr),*) => {$(
        impl Wide for $t {
            const SIGN: $t = 1 << (<$t>::BITS - 1);
            const INF: $t = $inf;
            #[inline(always)]
            fn xor(self, o: Self) -> Self { self ^ o }
            #[inline(always)]
            fn and(self, o: Self) -> Self { self & o }
            #[inline(always)]
            fn not(self) -> Self { !self }
        }
    )*};
}
wide!(u32 => 0x7f80_0000, u64 => 0x7ff0_0000_0000_0000);

impl<K: Wide> msd::MsdItem for Pair<K> {
    #[inline(always)]
    fn rkey(&self) -> u64 {
        self.key.to_u64()
    }
}

/// The order-preserving key of a float's bits (a bijection: -0.0 comes just before 0.0).
#[inline(always)]
fn float_fwd<K: Wide>(x: K) -> K {
    if x.and(K::SIGN) != K::default() {
        x.not()
    } else {
        x.xor(K::SIGN)
    }
}

/// The inverse of [`float_fwd`].
#[inline(always)]
fn float_back<K: Wide>(y: K) -> K {
    if y.and(K::SIGN) != K::default() {
        y.xor(K::SIGN)
    } else {
        y.not()
    }
}

/// Stable MSD radix sort of numbers viewed as their bits `K` (same size as `T`).
/// NaNs go last in input order and signed zeros keep their input order, as NumPy's
/// stable sort leaves them. False when scratch memory cannot be had.
fn msd_sort_bits<T: Copy, K: Wide>(v: &mut [T], mode: BitsMode) -> bool {
    let n = v.len();
    if std::mem::size_of::<T>() != std::mem::size_of::<K>()
        || std::mem::align_of::<T>() != std::mem::align_of::<K>()
        || n > u32::MAX as usize
    {
        return false;
    }
    let Some(mut scratch) = Scratch::<K>::new(n) else {
        return false;
    };
    // SAFETY: `T` is a primitive number of the same size and alignment as the unsigned
    // integer `K` (checked above); every bit pattern is valid for both, and `v` is
    // exclusively borrowed for the whole sort.
    let k: &mut [K] = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut K, n) };
    let mut nans: Vec<K> = Vec::new();
    let mut zero_signs: Vec<bool> = Vec::new();
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    let mut w = n;
    match mode {
        BitsMode::Unsigned | BitsMode::Signed => {
            let flip = if mode == BitsMode::Signed {
                K::SIGN
            } else {
                K::default()
            };
            for x in k.iter_mut() {
                let y = x.xor(flip);
                *x = y;
                let y = y.to_u64();
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
        BitsMode::Float => {
            let mag = K::SIGN.not();
            w = 0;
            for i in 0..n {
                let x = k[i];
                let m = x.and(mag);
                if m > K::INF {
                    nans.push(x);
                    continue;
                }
                if m == K::default() {
                    zero_signs.push(x != K::default());
                }
                let y = float_fwd(x);
                k[w] = y;
                w += 1;
                let y = y.to_u64();
                lo = lo.min(y);
                hi = hi.max(y);
            }
        }
    }
    if w > 1 && lo != hi {
        let bits = 64 - (lo ^ hi).leading_zeros();
        let buf = scratch.slice();
        msd::sort(
            &mut k[..w],
            &mut buf[..w],
            false,
            bits,
            &mut msd::Workspace::new(),
        );
    }
    match mode {
        BitsMode::Unsigned => {}
        BitsMode::Signed => {
            for x in k.iter_mut() {
                *x = x.xor(K::SIGN);
            }
        }
        BitsMode::Float => {
            if !zero_signs.is_empty() {
                let neg = float_fwd(K::SIGN);
                let pos = float_fwd(K::default());
                let start = k[..w].partition_point(|&y| y < neg);
                for (slot, &negative) in k[start..w].iter_mut().zip(&zero_signs) {
                    *slot = if negative { neg } else { pos };
                }
            }
            for x in k[..w].iter_mut() {
                *x = float_back(*x);
            }
            for (slot, &x) in k[w..].iter_mut().zip(&nans) {
                *slot = x;
            }
        }
    }
    true
}

/// Stable MSD radix argsort by NumPy's radix key; false when scratch memory cannot be
/// had.
fn msd_argsort_keys<T: Keyed>(v: &[T], out: &mut [i64]) -> bool
where
    T::Key: Wide,
{
    let n = v.len();
    if n > u32::MAX as usize {
        return false;
    }
    let (Some(mut sa), Some(mut sb)) = (
        Scratch::<Pair<T::Key>>::new(n),
        Scratch::<Pair<T::Key>>::new(n),
    ) else {
        return false;
    };
    let a = sa.slice();
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    for (i, (p, x)) in a.iter_mut().zip(v).enumerate() {
        let key = x.key();
        let k64 = key.to_u64();
        lo = lo.min(k64);
        hi = hi.max(k64);
        *p = Pair { key, idx: i as u32 };
    }
    if lo != hi {
        let bits = 64 - (lo ^ hi).leading_zeros();
        msd::sort(a, sb.slice(), false, bits, &mut msd::Workspace::new());
    }
    for (o, p) in out.iter_mut().zip(a.iter()) {
        *o = p.idx as i64;
    }
    true
}

impl Keyed for bool {
    type Key = u8;
    #[inline(always)]
    fn key(self) -> u8 {
        self as u8
    }
}

macro_rules! keyed_uint {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            type Key = $t;
            #[inline(always)]
            fn key(self) -> $t { self }
        }
    )*};
}
keyed_uint!(u8, u16);

macro_rules! keyed_uint_wide {
    ($($t:ty),*) => {$(
        impl Keyed for $t {
            type Key = $t;
            #[inline(always)]
            fn key(self) -> $t { self }
            fn msd_sort(v: &mut [Self]) -> bool {
                msd_sort_bits::<$t, $t>(v, BitsMode::Unsigned)
            }
            fn msd_argsort(v: &[Self], out: &mut [i64]) -> bool {
                msd_argsort_keys(v, out)
            }
        }
    )*};
}
keyed_uint_wide!(u32, u64);

macro_rules! keyed_int {
    ($($t:ty => $u:ty),*) => {$(
        impl Keyed for $t {
            type Key = $u;
            #[inline(always)]
            fn key(self) -> $u { (self as $u) ^ (1 << (<$u>::BITS - 1)) }
        }
    )*};
}
keyed_int!(i8 => u8, i16 => u16);

macro_rules! keyed_int_wide {
    ($($t:ty => $u:ty),*) => {$(
        impl Keyed for $t {
            type Key = $u;
            #[inline(always)]
            fn key(self) -> $u { (self as $u) ^ (1 << (<$u>::BITS - 1)) }
            fn msd_sort(v: &mut [Self]) -> bool {
                msd_sort_bits::<$t, $u>(v, BitsMode::Signed)
            }
            fn msd_argsort(v: &[Self], out: &mut [i64]) -> bool {
                msd_argsort_keys(v, out)
            }
        }
    )*};
}
keyed_int_wide!(i32 => u32, i64 => u64);

macro_rules! keyed_float {
    ($($t:ty => $u:ty),*) => {$(
        impl Keyed for $t {
            type Key = $u;
            const EXACT: bool = false;
            #[inline(always)]
            fn np_lt(self, b: Self) -> bool {
                // IEEE `<` is NumPy's order except that NaN is the largest value.
                if b.is_nan() { !self.is_nan() } else { self < b }
            }
            #[inline(always)]
            fn np_le(self, b: Self) -> bool {
                b.is_nan() || self <= b
            }
            #[inline(always)]
            fn key(self) -> $u {
                if self.is_nan() {
                    return <$u>::MAX;
                }
                // Adding +0.0 turns -0.0 into +0.0 and leaves every other value alone.
                let bits = (self + 0.0).to_bits();
                let sign: $u = 1 << (<$u>::BITS - 1);
                // Negative: all bits flipped; positive: the sign bit set. Without a
                // branch (the sign of random data is unpredictable).
                let neg = (bits >> (<$u>::BITS - 1)).wrapping_neg();
                bits ^ (neg | sign)
            }
            fn msd_sort(v: &mut [Self]) -> bool {
                msd_sort_bits::<$t, $u>(v, BitsMode::Float)
            }
            fn msd_argsort(v: &[Self], out: &mut [i64]) -> bool {
                msd_argsort_keys(v, out)
            }
        }
    )*};
}
keyed_float!(f32 => u32, f64 => u64);

impl Keyed for f16 {
    type Key = u16;
    const EXACT: bool = false;
    #[inline(always)]
    fn key(self) -> u16 {
        let bits = self.to_bits();
        if bits & 0x7fff > 0x7c00 {
            return u16::MAX;
        }
        let bits = if bits == 0x8000 { 0 } else { bits };
        if bits & 0x8000 != 0 {
            !bits
        } else {
            bits | 0x8000
        }
    }
}

macro_rules! sort_elem_keyed {
    ($($t:ty => $nan:expr, $uu:expr),*) => {$(
        impl SortElem for $t {
            const UNSTABLE_UNIQUE: bool = $uu;
            #[inline(always)]
            fn np_cmp(&self, other: &Self) -> Ordering {
                self.key().cmp(&other.key())
            }
            #[inline(always)]
            fn np_ne(&self, other: &Self) -> bool {
                #[allow(clippy::float_cmp)]
                let r = *self != *other;
                r
            }
            #[inline(always)]
            fn is_nan_elem(&self) -> bool {
                let f: fn(&$t) -> bool = $nan;
                f(self)
            }
            fn sort_stable(v: &mut [Self]) {
                radix_sort(v);
            }
            fn arg_select(v: &[Self], idx: &mut [i64], kth: &[usize]) {
                keyed_arg_select(v, idx, kth);
            }
            fn argsort_stable(v: &[Self], out: &mut [i64]) {
                radix_argsort(v, out);
            }
            #[inline(always)]
            fn eq_code(&self) -> Option<u64> {
                // Keys are equal exactly for values NumPy's `==` cannot tell apart,
                // except NaNs (which share a key but equal nothing).
                if self.is_nan_elem() {
                    None
                } else {
                    Some(self.key().to_u64())
                }
            }
            fn search_many(hay: &[Self], needles: &[Self], res: &mut [i64], right: bool) {
                if right {
                    search_by(hay, needles, res, |e, x| e.np_le(*x));
                } else {
                    search_by(hay, needles, res, |e, x| e.np_lt(*x));
                }
            }
        }
    )*};
}
// float16's counting sort groups NaNs by bit pattern, so it keeps the stable `unique`.
sort_elem_keyed!(
    bool => |_| false, true, i8 => |_| false, true, u8 => |_| false, true,
    i16 => |_| false, true, u16 => |_| false, true, i32 => |_| false, true,
    u32 => |_| false, true, i64 => |_| false, true, u64 => |_| false, true,
    f16 => |x| x.is_nan(), false, f32 => |x| x.is_nan(), true, f64 => |x| x.is_nan(), true
);

/// NumPy's complex order class: 0 no NaN, 1 NaN imaginary part, 2 NaN real part,
/// 3 both NaN.
#[inline(always)]
fn complex_class(re_nan: bool, im_nan: bool) -> u8 {
    match (re_nan, im_nan) {
        (false, false) => 0,
        (false, true) => 1,
        (true, false) => 2,
        (true, true) => 3,
    }
}

/// NumPy's complex order for values without NaN parts: by real part, then imaginary.
#[inline(always)]
fn complex_lex<Z: ComplexParts>(a: &Z, b: &Z) -> Ordering {
    let (ar, ai) = a.parts();
    let (br, bi) = b.parts();
    if ar < br {
        Ordering::Less
    } else if ar > br {
        Ordering::Greater
    } else if ai < bi {
        Ordering::Less
    } else if ai > bi {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

/// The real and imaginary parts of a complex element.
trait ComplexParts {
    /// The part type.
    type F: PartialOrd + Copy;
    /// `(re, im)`.
    fn parts(&self) -> (Self::F, Self::F);
    /// For values without NaN parts: the radix keys of the real and imaginary parts
    /// side by side, so integer order is NumPy's lexicographic order and equal keys
    /// are values NumPy calls equal (`-0.0 == 0.0`).
    fn lex_key(&self) -> u128;
}

impl ComplexParts for Complex64 {
    type F = f32;
    #[inline(always)]
    fn parts(&self) -> (f32, f32) {
        (self.re, self.im)
    }
    #[inline(always)]
    fn lex_key(&self) -> u128 {
        ((self.re.key() as u128) << 32) | self.im.key() as u128
    }
}

impl ComplexParts for Complex128 {
    type F = f64;
    #[inline(always)]
    fn parts(&self) -> (f64, f64) {
        (self.re, self.im)
    }
    #[inline(always)]
    fn lex_key(&self) -> u128 {
        ((self.re.key() as u128) << 64) | self.im.key() as u128
    }
}

macro_rules! sort_elem_complex {
    ($($t:ty),*) => {$(
        impl SortElem for $t {
            #[inline]
            fn np_cmp(&self, other: &Self) -> Ordering {
                let ca = complex_class(self.re.is_nan(), self.im.is_nan());
                let cb = complex_class(other.re.is_nan(), other.im.is_nan());
                let by = |x: f64, y: f64| x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                ca.cmp(&cb).then_with(|| match ca {
                    0 => by(self.re as f64, other.re as f64)
                        .then_with(|| by(self.im as f64, other.im as f64)),
                    1 => by(self.re as f64, other.re as f64),
                    2 => by(self.im as f64, other.im as f64),
                    _ => Ordering::Equal,
                })
            }
            #[inline]
            fn np_ne(&self, other: &Self) -> bool {
                self != other
            }
            #[inline]
            fn is_nan_elem(&self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
            fn sort_stable(v: &mut [Self]) {
                if v.iter().any(|x| x.is_nan_elem()) {
                    v.sort_by(|a, b| a.np_cmp(b));
                } else {
                    // Integer keys compare without the float compares' branches.
                    v.sort_by_key(|z| z.lex_key());
                }
            }
            fn sort_unstable_np(v: &mut [Self]) {
                if v.iter().any(|x| x.is_nan_elem()) {
                    v.sort_by(|a, b| a.np_cmp(b));
                } else {
                    v.sort_unstable_by_key(|z| z.lex_key());
                }
            }
            fn argsort_stable(v: &[Self], out: &mut [i64]) {
                if v.len() <= u32::MAX as usize && !v.iter().any(|x| x.is_nan_elem()) {
                    // (key, index) pairs are distinct and their order is the stable one:
                    // the unstable sort of the pairs reads each value once.
                    let mut pairs: Vec<(u128, u32)> =
                        v.iter().enumerate().map(|(i, z)| (z.lex_key(), i as u32)).collect();
                    pairs.sort_unstable();
                    for (o, &(_, i)) in out.iter_mut().zip(&pairs) {
                        *o = i as i64;
                    }
                    return;
                }
                for (i, o) in out.iter_mut().enumerate() {
                    *o = i as i64;
                }
                // Indices are 0..len, in bounds.
                if v.iter().any(|x| x.is_nan_elem()) {
                    out.sort_by(|&a, &b| v[a as usize].np_cmp(&v[b as usize]));
                } else {
                    out.sort_by(|&a, &b| complex_lex(&v[a as usize], &v[b as usize]));
                }
            }
        }
    )*};
}
sort_elem_complex!(Complex64, Complex128);

/// Below this length a comparison sort beats the radix passes' fixed cost.
const RADIX_MIN: usize = 1024;
/// Integer keys spanning fewer values than this are sorted by counting.
const COUNT_SPAN: u64 = 1 << 16;

/// Types whose all-zero bit pattern is a valid value (scratch buffers start zeroed).
///
/// # Safety
/// Implementors must be `Copy` and valid when all bytes are zero.
pub unsafe trait Zeroable: Copy {}
// SAFETY: plain integers and floats, and pairs of them, are valid as all-zero bytes.
unsafe impl Zeroable for u8 {}
// SAFETY: as above.
unsafe impl Zeroable for u16 {}
// SAFETY: as above.
unsafe impl Zeroable for u32 {}
// SAFETY: as above.
unsafe impl Zeroable for u64 {}
// SAFETY: as above.
unsafe impl Zeroable for i64 {}
// SAFETY: every `Keyed` type is a primitive number or bool: zero bytes are 0 / false.
unsafe impl<T: Keyed> Zeroable for Elem<T> {}
// SAFETY: a key and an index, both primitive unsigned integers.
unsafe impl<K: RadixKey> Zeroable for Pair<K> {}

/// A wrapper marking a keyed element as zeroable.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Elem<T>(pub T);

/// A radix key with the index of its element.
#[derive(Clone, Copy, Default)]
#[repr(C)]
pub struct Pair<K> {
    key: K,
    idx: u32,
}

/// A zero-filled scratch slice of `n` elements in memory from numoxide's allocator
/// (large requests get huge-page-hinted memory, so the radix passes' scattered writes do
/// not thrash the TLB).
struct Scratch<T> {
    _owner: NdArray,
    ptr: *mut T,
    len: usize,
}

impl<T: Zeroable> Scratch<T> {
    /// None when the memory cannot be had.
    fn new(n: usize) -> Option<Scratch<T>> {
        let bytes = n.checked_mul(std::mem::size_of::<T>())?;
        // Allocator memory (reused from earlier large arrays, unlike fresh zeroed pages
        // whose faults cost as much as a radix pass), zeroed here in one memset.
        // SAFETY: every byte is written by `write_bytes` below before any read.
        let owner =
            unsafe { NdArray::uninit(&[bytes.max(1)], DType::new(DTypeKind::UInt8), Order::C) }
                .ok()?;
        let ptr = owner.data_ptr() as *mut T;
        // SAFETY: the fresh buffer holds `bytes.max(1)` writable bytes from `ptr`.
        unsafe { std::ptr::write_bytes(owner.data_ptr(), 0, bytes.max(1)) };
        Some(Scratch {
            _owner: owner,
            ptr,
            len: n,
        })
    }
    /// `n` elements `f(0), f(1), ...` (written once, without zeroing first); None when
    /// the memory cannot be had.
    fn from_fn(n: usize, mut f: impl FnMut(usize) -> T) -> Option<Scratch<T>> {
        let bytes = n.checked_mul(std::mem::size_of::<T>())?;
        // SAFETY: every element is written in the loop below before any read.
        let owner =
            unsafe { NdArray::uninit(&[bytes.max(1)], DType::new(DTypeKind::UInt8), Order::C) }
                .ok()?;
        let ptr = owner.data_ptr() as *mut T;
        for i in 0..n {
            // SAFETY: the fresh, 64-byte aligned buffer holds `n` elements of `T`.
            unsafe { ptr.add(i).write(f(i)) };
        }
        Some(Scratch {
            _owner: owner,
            ptr,
            len: n,
        })
    }
    /// The first `n` items of `items` (which has at least `n`); None when the memory
    /// cannot be had or `items` runs short.
    fn from_iter(n: usize, items: impl Iterator<Item = T>) -> Option<Scratch<T>> {
        let bytes = n.checked_mul(std::mem::size_of::<T>())?;
        // SAFETY: every element is written in the loop below before any read (or the
        // scratch is dropped unread).
        let owner =
            unsafe { NdArray::uninit(&[bytes.max(1)], DType::new(DTypeKind::UInt8), Order::C) }
                .ok()?;
        let ptr = owner.data_ptr() as *mut T;
        let mut written = 0usize;
        for (i, x) in items.take(n).enumerate() {
            // SAFETY: the fresh, 64-byte aligned buffer holds `n` elements of `T` and
            // `i < n`.
            unsafe { ptr.add(i).write(x) };
            written += 1;
        }
        if written != n {
            return None;
        }
        Some(Scratch {
            _owner: owner,
            ptr,
            len: n,
        })
    }
    /// A copy of `src`; None when the memory cannot be had.
    fn copy_of(src: &[T]) -> Option<Scratch<T>> {
        let n = src.len();
        let bytes = n.checked_mul(std::mem::size_of::<T>())?;
        // SAFETY: every element is written by the copy below before any read.
        let owner =
            unsafe { NdArray::uninit(&[bytes.max(1)], DType::new(DTypeKind::UInt8), Order::C) }
                .ok()?;
        let ptr = owner.data_ptr() as *mut T;
        // SAFETY: the fresh, 64-byte aligned buffer holds `n` elements of `T` and does
        // not overlap `src`.
        unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), ptr, n) };
        Some(Scratch {
            _owner: owner,
            ptr,
            len: n,
        })
    }
    fn slice(&mut self) -> &mut [T] {
        // SAFETY: the buffer holds `len` zeroed (hence valid, `Zeroable`) elements of
        // `T`, 64-byte aligned, owned by `_owner` and reachable only through `self`.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

/// Per-digit histograms of the keys; `passes` digits of `K::DIGIT_BITS` each.
fn histograms<K: RadixKey>(keys: impl Iterator<Item = K>, passes: usize) -> Vec<usize> {
    let buckets = 1usize << K::DIGIT_BITS;
    let mut hist = vec![0usize; passes * buckets];
    for k in keys {
        for p in 0..passes {
            let d = k.digit(p as u32 * K::DIGIT_BITS);
            // `d < buckets`, so the index is inside pass `p`'s block.
            if let Some(h) = hist.get_mut(p * buckets + d) {
                *h += 1;
            }
        }
    }
    hist
}

/// Exclusive prefix sums of one pass's histogram, or None when one bucket holds every
/// element (the pass would not move anything).
fn offsets(hist: &[usize], n: usize) -> Option<Vec<usize>> {
    if hist.contains(&n) {
        return None;
    }
    let mut acc = 0usize;
    Some(
        hist.iter()
            .map(|&c| {
                let o = acc;
                acc += c;
                o
            })
            .collect(),
    )
}

/// One stable counting pass: move `src` into `dst` by the digit of `key` at `shift`.
#[inline]
fn scatter<E: Copy, K: RadixKey>(
    src: &[E],
    dst: &mut [E],
    offs: &mut [usize],
    shift: u32,
    key: impl Fn(&E) -> K,
) {
    debug_assert_eq!(src.len(), dst.len());
    debug_assert_eq!(offs.len(), 1 << K::DIGIT_BITS);
    for e in src {
        let d = key(e).digit(shift);
        // SAFETY: `d < 2^DIGIT_BITS == offs.len()`; the offsets are the exclusive
        // prefix sums of this digit's counts over `src`, so `offs[d]` stays below the
        // end of bucket `d`, which is at most `dst.len()`.
        unsafe {
            let o = offs.get_unchecked_mut(d);
            *dst.get_unchecked_mut(*o) = *e;
            *o += 1;
        }
    }
}

/// True when the keys never decrease.
fn keys_sorted<T: Keyed>(v: &[T]) -> bool {
    v.windows(2).all(|w| w[0].key() <= w[1].key())
}

/// Sort `v` stably by radix key (LSD radix sort; comparison sort for short slices).
pub fn radix_sort<T: Keyed>(v: &mut [T]) {
    let n = v.len();
    if n < RADIX_MIN || n > u32::MAX as usize {
        v.sort_by_key(|x| x.key());
        return;
    }
    if keys_sorted(v) {
        return;
    }
    if !T::EXACT && T::msd_sort(v) {
        return;
    }
    let (lo, hi) = key_range(v);
    if T::EXACT && hi - lo < COUNT_SPAN {
        counting_sort(v, lo, (hi - lo) as usize);
        return;
    }
    if T::msd_sort(v) {
        return;
    }
    let passes = live_passes::<T::Key>(lo, hi);
    let buckets = 1usize << T::Key::DIGIT_BITS;
    let hist = histograms(v.iter().map(|x| x.key()), passes);
    let Some(mut scratch) = Scratch::<Elem<T>>::new(n) else {
        v.sort_by_key(|x| x.key());
        return;
    };
    let buf = scratch.slice();
    // SAFETY: `Elem<T>` is `repr(transparent)` over `T`, so the slice has the same
    // layout; `v` is exclusively borrowed for the whole sort.
    let data: &mut [Elem<T>] =
        unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut Elem<T>, n) };
    let mut in_buf = false;
    for p in 0..passes {
        let Some(mut offs) = offsets(&hist[p * buckets..(p + 1) * buckets], n) else {
            continue;
        };
        let shift = p as u32 * T::Key::DIGIT_BITS;
        if in_buf {
            scatter(buf, data, &mut offs, shift, |e| e.0.key());
        } else {
            scatter(data, buf, &mut offs, shift, |e| e.0.key());
        }
        in_buf = !in_buf;
    }
    if in_buf {
        data.copy_from_slice(buf);
    }
}

/// The smallest and largest key, widened.
fn key_range<T: Keyed>(v: &[T]) -> (u64, u64) {
    v.iter().fold((u64::MAX, 0), |(lo, hi), x| {
        let k = x.key().to_u64();
        (lo.min(k), hi.max(k))
    })
}

/// Radix passes needed for keys in `lo..=hi`: digits above the highest bit in which
/// they differ are the same for every key.
fn live_passes<K: RadixKey>(lo: u64, hi: u64) -> usize {
    (64 - (lo ^ hi).leading_zeros()).div_ceil(K::DIGIT_BITS) as usize
}

/// Counting sort for exact keys in `lo..=lo + span`: equal keys are identical values,
/// so the output is rebuilt from the counts.
fn counting_sort<T: Keyed>(v: &mut [T], lo: u64, span: usize) {
    let (count, sample) = count_keys(v, lo, span);
    fill_counts(v, &count, &sample);
}

/// [`counting_sort`] of `src` written into `dst` (as long).
fn counting_sort_into<T: Keyed>(src: &[T], dst: &mut [T], lo: u64, span: usize) {
    let (count, sample) = count_keys(src, lo, span);
    fill_counts(dst, &count, &sample);
}

/// How often each key in `lo..=lo + span` occurs in `v`, and a value with that key.
fn count_keys<T: Keyed>(v: &[T], lo: u64, span: usize) -> (Vec<usize>, Vec<T>) {
    let mut count = vec![0usize; span + 1];
    let mut sample = vec![T::default(); span + 1];
    for &x in v.iter() {
        let k = (x.key().to_u64() - lo) as usize;
        if let (Some(c), Some(s)) = (count.get_mut(k), sample.get_mut(k)) {
            if *c == 0 {
                *s = x;
            }
            *c += 1;
        }
    }
    (count, sample)
}

/// Write the runs of [`count_keys`] into `v` in key order.
fn fill_counts<T: Copy>(v: &mut [T], count: &[usize], sample: &[T]) {
    let mut at = 0usize;
    for (&c, &x) in count.iter().zip(sample.iter()) {
        if c > 0 {
            if let Some(run) = v.get_mut(at..at + c) {
                run.fill(x);
            }
            at += c;
        }
    }
}

/// Counting-sort `src` into `dst` when its keys span fewer than [`COUNT_SPAN`] values
/// (the copy then costs nothing extra) and return true.
fn narrow_span_into<T: Keyed>(src: &[T], dst: &mut [T]) -> bool {
    if !maybe_narrow(src) || src.len() != dst.len() {
        return false;
    }
    let (lo, hi) = key_range(src);
    if hi - lo < COUNT_SPAN {
        counting_sort_into(src, dst, lo, (hi - lo) as usize);
        return true;
    }
    false
}

/// Stable counting argsort for keys in `lo..=lo + span`.
fn counting_argsort<T: Keyed>(v: &[T], out: &mut [i64], lo: u64, span: usize) {
    let mut offs = vec![0usize; span + 1];
    for x in v {
        if let Some(c) = offs.get_mut((x.key().to_u64() - lo) as usize) {
            *c += 1;
        }
    }
    let mut acc = 0usize;
    for o in offs.iter_mut() {
        let c = *o;
        *o = acc;
        acc += c;
    }
    for (i, x) in v.iter().enumerate() {
        if let Some(o) = offs.get_mut((x.key().to_u64() - lo) as usize) {
            if let Some(slot) = out.get_mut(*o) {
                *slot = i as i64;
            }
            *o += 1;
        }
    }
}

/// Inputs at least this long are argsorted by [`packed_argsort`] where the vector
/// quicksort runs.
const PACK_MIN: usize = 64;
/// Keys spanning fewer values than this are argsorted by counting (one scatter into
/// as many buckets), wider ones by [`packed_argsort`] (the counting scatter's random
/// writes cost more than the vector quicksort beyond a few thousand buckets).
const COUNT_ARG_SPAN: u64 = 1 << 12;

/// The stable argsort of `v` through the vector quicksort of 63-bit numbers: each
/// element becomes `(key - lo) << b | i` (`b` bits for the index), so sorting the
/// numbers sorts by key and then by index, which is the stable order. Keys whose span
/// needs more than `63 - b` bits keep only their top bits; runs of equal truncated
/// keys (already in index order) are then sorted stably by the full key. False when
/// no vector quicksort runs on this CPU (`out` is then unspecified).
fn packed_argsort<T: Keyed>(v: &[T], out: &mut [i64], lo: u64, hi: u64) -> bool {
    let n = v.len();
    if n < 2 || out.len() != n || n > u32::MAX as usize {
        return false;
    }
    let b = usize::BITS - (n - 1).leading_zeros();
    let span_bits = 64 - (hi - lo).leading_zeros();
    // Drop the low key bits that do not fit beside the index in 63 bits.
    let drop = (span_bits + b).saturating_sub(63);
    let mask = (1u64 << b) - 1;
    let pack = |i: usize| -> i64 {
        let k = (v[i].key().to_u64() - lo) >> drop;
        ((k << b) | i as u64) as i64
    };
    let mut small: Vec<i64>;
    let mut big: Option<Scratch<i64>>;
    let packed: &mut [i64] = if n < 1 << 16 {
        small = (0..n).map(pack).collect();
        &mut small
    } else {
        big = Scratch::<i64>::from_fn(n, pack);
        match big.as_mut() {
            Some(s) => s.slice(),
            None => return false,
        }
    };
    if !simd::sort_i64(packed) {
        return false;
    }
    for (o, &p) in out.iter_mut().zip(packed.iter()) {
        *o = (p as u64 & mask) as i64;
    }
    if drop > 0 {
        // Runs of equal truncated keys are in index order: sort each stably by key.
        let mut s = 0usize;
        while s < n {
            let head = packed[s] as u64 >> b;
            let mut e = s + 1;
            while e < n && packed[e] as u64 >> b == head {
                e += 1;
            }
            if e - s > 1 {
                // The indices are below `n == v.len()`.
                out[s..e].sort_by_key(|&i| v[i as usize].key());
            }
            s = e;
        }
    }
    true
}

/// The indices that sort `v` stably by radix key, written into `out`.
pub fn radix_argsort<T: Keyed>(v: &[T], out: &mut [i64]) {
    let n = v.len();
    debug_assert_eq!(out.len(), n);
    if n >= PACK_MIN && n <= u32::MAX as usize {
        let (lo, hi) = key_range(v);
        let counted = n >= RADIX_MIN && hi - lo < COUNT_ARG_SPAN;
        if !counted && hi > lo && !keys_sorted(v) && packed_argsort(v, out, lo, hi) {
            return;
        }
    }
    for (i, o) in out.iter_mut().enumerate() {
        *o = i as i64;
    }
    if n < RADIX_MIN {
        // (key, index) pairs are all distinct, so the unstable sort gives the stable
        // order.
        let mut pairs: Vec<(T::Key, u32)> = v
            .iter()
            .enumerate()
            .map(|(i, x)| (x.key(), i as u32))
            .collect();
        pairs.sort_unstable();
        for (o, &(_, i)) in out.iter_mut().zip(&pairs) {
            *o = i as i64;
        }
        return;
    }
    if n > u32::MAX as usize {
        // Indices are 0..n, in bounds.
        out.sort_by_key(|&i| v[i as usize].key());
        return;
    }
    if keys_sorted(v) {
        return;
    }
    let (lo, hi) = key_range(v);
    if hi - lo < COUNT_SPAN {
        counting_argsort(v, out, lo, (hi - lo) as usize);
        return;
    }
    if T::msd_argsort(v, out) {
        return;
    }
    let passes = live_passes::<T::Key>(lo, hi);
    let buckets = 1usize << T::Key::DIGIT_BITS;
    let hist = histograms(v.iter().map(|x| x.key()), passes);
    let live: Vec<usize> = (0..passes)
        .filter(|&p| !hist[p * buckets..(p + 1) * buckets].contains(&n))
        .collect();
    let Some(&last) = live.last() else {
        return; // all keys equal: the identity is the stable order
    };
    let (Some(mut sa), Some(mut sb)) = (
        Scratch::<Pair<T::Key>>::new(n),
        Scratch::<Pair<T::Key>>::new(n),
    ) else {
        out.sort_by_key(|&i| v[i as usize].key());
        return;
    };
    let mut a = sa.slice();
    let mut b = sb.slice();
    for (i, (p, x)) in a.iter_mut().zip(v).enumerate() {
        *p = Pair {
            key: x.key(),
            idx: i as u32,
        };
    }
    for &p in &live {
        let Some(mut offs) = offsets(&hist[p * buckets..(p + 1) * buckets], n) else {
            continue;
        };
        let shift = p as u32 * T::Key::DIGIT_BITS;
        if p == last {
            // The final pass writes the indices straight into the output.
            for e in a.iter() {
                let d = e.key.digit(shift);
                // SAFETY: as in `scatter`: `d` indexes `offs`, whose entries stay
                // below `n == out.len()`.
                unsafe {
                    let o = offs.get_unchecked_mut(d);
                    *out.get_unchecked_mut(*o) = e.idx as i64;
                    *o += 1;
                }
            }
        } else {
            scatter(a, b, &mut offs, shift, |e| e.key);
            std::mem::swap(&mut a, &mut b);
        }
    }
}

/// Rearrange `v` so that every position in `kth` (sorted, in bounds) holds the value a
/// full sort would put there, smaller-or-equal values before it and larger-or-equal
/// after (NumPy's `partition`).
pub fn select_kth<T: SortElem>(v: &mut [T], kth: &[usize]) {
    if T::simd_select(v, kth) {
        return;
    }
    let mut lo = 0usize;
    for &k in kth {
        if k < lo || k >= v.len() {
            continue;
        }
        v[lo..].select_nth_unstable_by(k - lo, |a, b| a.np_cmp(b));
        lo = k + 1;
    }
}

/// `argpartition` of one lane: `idx` (as long as `v`, any contents) is filled with the
/// partitioning permutation.
pub fn arg_select_kth<T: SortElem>(v: &[T], idx: &mut [i64], kth: &[usize]) {
    T::arg_select(v, idx, kth);
}

/// Radix keys that can be selected in place (the `kth` smallest moved to `kth`).
pub trait SelectKey: RadixKey + Zeroable {
    /// Write into `idx` the positions of `keys` grouped by comparison with `pivot`
    /// (below from `starts[0]`, equal from `starts[1]`, above from `starts[2]`, each
    /// group in index order) with a vector kernel; false when there is none.
    fn scatter3(_keys: &[Self], _pivot: Self, _starts: [usize; 3], _idx: &mut [i64]) -> bool {
        false
    }
    /// How many of `keys` are below `pivot` and how many equal it.
    fn count_below_equal(keys: &[Self], pivot: Self) -> (usize, usize) {
        keys.iter().fold((0, 0), |(lt, eq), &x| {
            (lt + (x < pivot) as usize, eq + (x == pivot) as usize)
        })
    }
    /// Partition `v` around each position of `kth` (sorted, in bounds).
    fn select_keys(v: &mut [Self], kth: &[usize]) {
        let mut lo = 0usize;
        for &k in kth {
            if k < lo || k >= v.len() {
                continue;
            }
            v[lo..].select_nth_unstable(k - lo);
            lo = k + 1;
        }
    }
}
impl SelectKey for u8 {
    fn select_keys(v: &mut [Self], kth: &[usize]) {
        if !u8::simd_select(v, kth) {
            v.sort_unstable();
        }
    }
}
impl SelectKey for u16 {
    fn select_keys(v: &mut [Self], kth: &[usize]) {
        if !u16::simd_select(v, kth) {
            let mut lo = 0usize;
            for &k in kth {
                if k < lo || k >= v.len() {
                    continue;
                }
                v[lo..].select_nth_unstable(k - lo);
                lo = k + 1;
            }
        }
    }
}
impl SelectKey for u32 {
    fn scatter3(keys: &[Self], pivot: Self, starts: [usize; 3], idx: &mut [i64]) -> bool {
        simd::scatter3_u32(keys, pivot, starts, idx)
    }
    fn count_below_equal(keys: &[Self], pivot: Self) -> (usize, usize) {
        simd::count_below_equal_u32(keys, pivot).unwrap_or_else(|| {
            keys.iter().fold((0, 0), |(lt, eq), &x| {
                (lt + (x < pivot) as usize, eq + (x == pivot) as usize)
            })
        })
    }
    fn select_keys(v: &mut [Self], kth: &[usize]) {
        if !simd::select_u32(v, kth) {
            let mut lo = 0usize;
            for &k in kth {
                if k < lo || k >= v.len() {
                    continue;
                }
                v[lo..].select_nth_unstable(k - lo);
                lo = k + 1;
            }
        }
    }
}
impl SelectKey for u64 {
    fn select_keys(v: &mut [Self], kth: &[usize]) {
        if !simd::select_u64(v, kth) {
            let mut lo = 0usize;
            for &k in kth {
                if k < lo || k >= v.len() {
                    continue;
                }
                v[lo..].select_nth_unstable(k - lo);
                lo = k + 1;
            }
        }
    }
}

/// [`SortElem::arg_select`] by radix key: the `kth` keys are found by selecting on a
/// copy of the keys, then one counting pass lays the indices out by class (below the
/// first kth key, equal to it, between it and the next, ...). Every `kth` position
/// falls inside the class of its own key, which is the partition NumPy promises.
fn keyed_arg_select<T: Keyed>(v: &[T], idx: &mut [i64], kth: &[usize])
where
    T::Key: SelectKey,
{
    let n = idx.len();
    if n == 0 || v.len() != n {
        return;
    }
    // The index and key of the `i`-th element of the lane (`i < n == v.len()`).
    let at = |i: usize| -> (i64, T::Key) { (i as i64, v[i].key()) };
    let Some(mut scratch) = Scratch::<T::Key>::from_iter(n, v.iter().map(|x| x.key())) else {
        for (i, x) in idx.iter_mut().enumerate() {
            *x = i as i64;
        }
        idx.sort_by_key(|&i| v[i as usize].key());
        return;
    };
    // For a vector scatter below, the keys in input order (a second copy; the first
    // is permuted by the selection).
    let mut in_order: Option<Scratch<T::Key>> = None;
    if kth.len() == 1 && n >= RADIX_MIN && T::Key::BITS == 32 {
        in_order = Scratch::<T::Key>::copy_of(scratch.slice());
    }
    let sel = scratch.slice();
    T::Key::select_keys(sel, kth);
    let mut d: Vec<T::Key> = kth.iter().filter_map(|&k| sel.get(k).copied()).collect();
    d.dedup();
    let classes = 2 * d.len() + 1;
    let class_of = |x: T::Key| -> usize {
        if let [only] = d.as_slice() {
            (x >= *only) as usize + (x > *only) as usize
        } else {
            let p = d.partition_point(|&y| y < x);
            2 * p + d.get(p).is_some_and(|&y| y == x) as usize
        }
    };
    // The class sizes, counted on the selected copy (the same keys, cheaper to read).
    let mut starts = vec![0usize; classes];
    if let [only] = d.as_slice() {
        let (below, equal) = T::Key::count_below_equal(sel, *only);
        starts = vec![below, equal, n - below - equal];
    } else {
        for &x in sel.iter() {
            if let Some(c) = starts.get_mut(class_of(x)) {
                *c += 1;
            }
        }
    }
    let mut acc = 0usize;
    for c in starts.iter_mut() {
        let x = *c;
        *c = acc;
        acc += x;
    }
    if let ([only], [p0, p1, p2]) = (d.as_slice(), starts.as_slice()) {
        // One class boundary (the common single `kth`): the three write positions stay
        // in registers and are picked without branches (the comparisons are
        // unpredictable on random data).
        if in_order
            .as_mut()
            .is_some_and(|keys| T::Key::scatter3(keys.slice(), *only, [*p0, *p1, *p2], idx))
        {
            return;
        }
        let (only, mut p0, mut p1, mut p2) = (*only, *p0, *p1, *p2);
        for (i, x) in v.iter().enumerate() {
            let key = x.key();
            let (lt, gt) = (key < only, key > only);
            let pos = std::hint::select_unpredictable(
                lt,
                p0,
                std::hint::select_unpredictable(gt, p2, p1),
            );
            if let Some(slot) = idx.get_mut(pos) {
                *slot = i as i64;
            }
            p0 += lt as usize;
            p2 += gt as usize;
            p1 += (!lt & !gt) as usize;
        }
        return;
    }
    for i in 0..n {
        let (j, key) = at(i);
        if let Some(o) = starts.get_mut(class_of(key)) {
            if let Some(slot) = idx.get_mut(*o) {
                *slot = j;
            }
            *o += 1;
        }
    }
}

/// The insertion point of `x` in sorted `a`: before equal values (`right == false`) or
/// after them.
#[inline]
pub fn search<T: SortElem>(a: &[T], x: &T, right: bool) -> usize {
    if right {
        a.partition_point(|e| e.np_cmp(x) != Ordering::Greater)
    } else {
        a.partition_point(|e| e.np_cmp(x) == Ordering::Less)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_keys_order_like_numpy() {
        let vals = [
            f64::NEG_INFINITY,
            -1.5,
            -0.0,
            0.0,
            1e-300,
            2.0,
            f64::INFINITY,
        ];
        for w in vals.windows(2) {
            assert!(w[0].key() <= w[1].key());
        }
        assert_eq!((-0.0f64).key(), 0.0f64.key());
        assert_eq!(f64::NAN.key(), (-f64::NAN).key());
        assert!(f64::INFINITY.key() < f64::NAN.key());
        assert_eq!(f16::from_f32(-0.0).key(), f16::from_f32(0.0).key());
        assert!(f16::INFINITY.key() < f16::NAN.key());
        assert!(f16::from_f32(-2.0).key() < f16::from_f32(-1.0).key());
    }

    #[test]
    fn radix_matches_stable_comparison_sort() {
        let mut state = 12345u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let v: Vec<i64> = (0..5000).map(|_| (next() % 200) as i64 - 100).collect();
        let mut idx = vec![0i64; v.len()];
        radix_argsort(&v, &mut idx);
        let mut want: Vec<i64> = (0..v.len() as i64).collect();
        want.sort_by_key(|&i| v[i as usize]);
        assert_eq!(idx, want);
        let mut s = v.clone();
        radix_sort(&mut s);
        let mut w = v.clone();
        w.sort();
        assert_eq!(s, w);
        let f: Vec<f64> = (0..3000)
            .map(|_| match next() % 5 {
                0 => f64::NAN,
                1 => -0.0,
                2 => 0.0,
                _ => (next() % 1000) as f64 / 7.0 - 50.0,
            })
            .collect();
        let mut idx = vec![0i64; f.len()];
        radix_argsort(&f, &mut idx);
        let mut want: Vec<i64> = (0..f.len() as i64).collect();
        want.sort_by(|&a, &b| f[a as usize].np_cmp(&f[b as usize]));
        assert_eq!(idx, want);
    }

    #[test]
    fn msd_float_sort_keeps_nan_payloads_and_zero_order() {
        let mut state = 7u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let neg_nan = f64::from_bits(0xfff8_0000_0000_0001);
        let v: Vec<f64> = (0..6000)
            .map(|_| match next() % 7 {
                0 => f64::NAN,
                1 => neg_nan,
                2 => -0.0,
                3 => 0.0,
                _ => (next() % 100_000) as f64 / 7.0 - 5000.0,
            })
            .collect();
        let mut s = v.clone();
        assert!(f64::msd_sort(&mut s));
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].np_cmp(&v[b]));
        let want: Vec<u64> = idx.iter().map(|&i| v[i].to_bits()).collect();
        let got: Vec<u64> = s.iter().map(|x| x.to_bits()).collect();
        assert_eq!(got, want);
        let w: Vec<i32> = (0..5000).map(|_| next() as i32).collect();
        let mut s = w.clone();
        assert!(i32::msd_sort(&mut s));
        let mut want = w.clone();
        want.sort();
        assert_eq!(s, want);
    }

    #[test]
    fn complex_order_puts_nan_classes_last() {
        let nan = f64::NAN;
        let mut v = vec![
            Complex128::new(nan, nan),
            Complex128::new(nan, 1.0),
            Complex128::new(2.0, nan),
            Complex128::new(1.0, 5.0),
            Complex128::new(1.0, -5.0),
        ];
        Complex128::sort_stable(&mut v);
        assert_eq!(v[0], Complex128::new(1.0, -5.0));
        assert_eq!(v[1], Complex128::new(1.0, 5.0));
        assert!(v[2].im.is_nan() && v[2].re == 2.0);
        assert!(v[3].re.is_nan() && v[3].im == 1.0);
    }

    #[test]
    fn selection_and_search() {
        let mut v = vec![5i32, 1, 4, 2, 3, 0];
        select_kth(&mut v, &[1, 4]);
        assert_eq!((v[1], v[4]), (1, 4));
        assert!(v[..1].iter().all(|&x| x <= 1) && v[5] >= 4);
        let a = [1.0f64, 2.0, 2.0, 3.0, f64::NAN];
        assert_eq!(search(&a, &2.0, false), 1);
        assert_eq!(search(&a, &2.0, true), 3);
        assert_eq!(search(&a, &f64::NAN, false), 4);
    }
}
