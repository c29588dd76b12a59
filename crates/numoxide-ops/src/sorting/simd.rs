//! AVX-512 quicksort and quickselect for 64-bit numbers (`int64`, `uint64`, `float64`),
//! used for NumPy's unstable kinds (`kind='quicksort'`, the default) and for
//! `partition`.
//!
//! The design follows the published vectorized quicksorts (Bramas 2017; Blacher et al.,
//! "Fast and Robust Vectorized In-Place Sorting of Primitive Types", 2021): a pivot from
//! a sorted sample, an in-place partition that compress-stores each vector's two sides
//! at the two ends of a gap kept open by buffering a few vectors from each end, and a
//! bitonic sorting network over up to 16 registers (128 numbers; 256 for 32-bit numbers)
//! for small ranges.
//!
//! The networks are bound by their `min`/`max` instructions (one port on Intel cores;
//! the shuffles run beside them on another), so they are built to need few: the
//! numbers sit column-wise (number `c * N + r` in lane `c` of register `r`), a
//! best-known column network sorts the columns with whole-register `min`s and `max`es,
//! and the later bitonic levels compare lanes on register pairs regrouped by two-source
//! permutes, so that each layer is one `min` and one `max` per two registers (a
//! `min`, a masked `max` and a permute per register before).
//!
//! Values are moved, never recomputed, so the output is a permutation of the input bits
//! (`-0.0` and `0.0` both survive, NaN payloads are kept). Floats have their NaNs moved
//! to the end first (NumPy's order puts NaN last); the rest compare with IEEE `<`, which
//! treats `-0.0` and `0.0` as equal, like NumPy.
//!
//! Everything runs only after `is_x86_feature_detected!("avx512f")`; machines with AVX2
//! only sort 64-bit numbers with [`super::avx2`], others get `false` back and the caller
//! sorts with the portable (radix) kernels.

use super::avx2;

/// Run `$body` once for each `$k` in `0..16` below `$n` (a constant), unrolled in the
/// source: register arrays indexed by `$k` then stay in registers.
macro_rules! unroll {
    ($k:ident < $n:expr => $body:block) => {
        unroll!(@ $k, $n, $body; 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    };
    (@ $k:ident, $n:expr, $body:block; $($i:literal)*) => {
        $( {
            let $k: usize = $i;
            if $k < $n $body
        } )*
    };
}

/// Apply the comparators `(i, j)` (`i < j`: the smaller value to register `i`) of a
/// sorting network to the registers of `$v` with the module's `min` and `max`.
macro_rules! network {
    ($L:ty, $v:ident; $(($i:literal, $j:literal))*) => {
        $( {
            let (a, b) = ($v[$i], $v[$j]);
            $v[$i] = min::<$L>(a, b);
            $v[$j] = max::<$L>(b, a);
        } )*
    };
}

/// Sort the columns of the 16 registers of `$v` (each lane on its own): a 60-comparator
/// network in ten layers (Green's, the best known for 16 inputs) where the bitonic
/// levels it replaces take 80.
macro_rules! sort_columns16 {
    ($L:ty, $v:ident) => {
        network!($L, $v;
            (0, 13) (1, 12) (2, 15) (3, 14) (4, 8) (5, 6) (7, 11) (9, 10)
            (0, 5) (1, 7) (2, 9) (3, 4) (6, 13) (8, 14) (10, 15) (11, 12)
            (0, 1) (2, 3) (4, 5) (6, 8) (7, 9) (10, 11) (12, 13) (14, 15)
            (0, 2) (1, 3) (4, 10) (5, 11) (6, 7) (8, 9) (12, 14) (13, 15)
            (1, 2) (3, 12) (4, 6) (5, 7) (8, 10) (9, 11) (13, 14)
            (1, 4) (2, 6) (5, 8) (7, 10) (9, 13) (11, 14)
            (2, 4) (3, 6) (9, 12) (11, 13)
            (3, 5) (6, 8) (7, 9) (10, 12)
            (3, 4) (5, 6) (7, 8) (9, 10) (11, 12)
            (6, 7) (8, 9)
        )
    };
}

/// As [`sort_columns16`] for 8 registers: 19 comparators in six layers (bitonic: 24).
macro_rules! sort_columns8 {
    ($L:ty, $v:ident) => {
        network!($L, $v;
            (0, 2) (1, 3) (4, 6) (5, 7)
            (0, 4) (1, 5) (2, 6) (3, 7)
            (0, 1) (2, 3) (4, 5) (6, 7)
            (2, 4) (3, 5)
            (1, 4) (3, 6)
            (1, 2) (3, 4) (5, 6)
        )
    };
}

/// The rank of index `p` (without `bit`) among the indices without `bit`.
const fn rank_without(p: usize, bit: usize) -> usize {
    ((p >> 1) & !(bit - 1)) | (p & (bit - 1))
}

/// The index without `bit` of the given rank (the inverse of [`rank_without`]).
const fn unrank_without(k: usize, bit: usize) -> usize {
    ((k & !(bit - 1)) << 1) | (k & (bit - 1))
}

/// Where number `e` of a register pair sits after the layer `(m, bit)` of
/// [`lane_run`]: lane `rank` of the `min` vector, or `w + rank` of the `max` vector.
const fn run_locate(e: usize, layer: (usize, usize), w: usize) -> usize {
    let (m, bit) = layer;
    if e & bit == 0 {
        rank_without(e, bit)
    } else {
        w + rank_without(e ^ m, bit)
    }
}

/// The layers of level `k` of `sort_cols` (numbers `c * n + r` in lane `c` of
/// register `r`, `w` lanes, `n` registers) that compare numbers in different lanes,
/// run on the register pair `(r, r ^ (n - 1))` regrouped so that every layer is one
/// `min` and one `max` of two whole vectors (the lanes compared with each other in
/// one vector and the next). Number `e` of the pair is lane `e % w` of register
/// `e / w` (0: `r`). The layers: the mirror (`e` against `e ^ (w | xc)`, both
/// registers) and the half-cleaners at lane distances `xc / 2, ..., 1`; in each, the
/// number without `bit` takes the minimum. Returns the two-source lane indices (two to
/// gather from the pair, two after each layer but the last, two back into the pair)
/// and the number of layers (none when the level has no such layer).
const fn lane_run(w: usize, n: usize, k: u32) -> ([[usize; 16]; 10], usize) {
    let mut out = [[0usize; 16]; 10];
    if k < 2 || (1usize << k) <= n || (1usize << k) > w * n {
        return (out, 0);
    }
    let xc = ((1usize << k) - 1) / n;
    let mut layers = [(0usize, 0usize); 4];
    layers[0] = (w | xc, xc.div_ceil(2));
    let mut count = 1;
    let mut d = xc.div_ceil(2) / 2;
    while d >= 1 && count < 4 {
        layers[count] = (d, d);
        count += 1;
        d /= 2;
    }
    let mut t = 0;
    while t <= count {
        let mut j = 0;
        while j < w {
            if t == 0 {
                let (m, bit) = layers[0];
                let e = unrank_without(j, bit);
                out[0][j] = e;
                out[1][j] = e ^ m;
            } else if t < count {
                let (m, bit) = layers[t];
                let e = unrank_without(j, bit);
                out[2 * t][j] = run_locate(e, layers[t - 1], w);
                out[2 * t + 1][j] = run_locate(e ^ m, layers[t - 1], w);
            } else {
                out[2 * t][j] = run_locate(j, layers[count - 1], w);
                out[2 * t + 1][j] = run_locate(w + j, layers[count - 1], w);
            }
            j += 1;
        }
        t += 1;
    }
    (out, count)
}

/// The sample rank of a quickselect pivot for position `off` of a range of `n` numbers,
/// given a sorted, evenly spaced sample of `s` of them: past the position's own sample
/// rank by a margin (about 1.5 standard deviations of that rank), towards the middle.
/// The position then most likely lands in the smaller side of the split, near its
/// edge, and the next split (from the other side) leaves only a sliver around it, so
/// fewer numbers are partitioned in all than with halving splits (a median-of-1e6
/// int32 selection ran about 1.45 times as fast).
fn bracket_rank(off: usize, n: usize, s: usize) -> usize {
    let q = off as f64 / n.max(1) as f64;
    let t = q * s as f64;
    let g = 1.5 * (s as f64 * q * (1.0 - q)).sqrt() + 1.0;
    let r = if q < 0.5 { t + g } else { t - g };
    // A saturating float-to-int conversion; clamped into the sample.
    (r.max(0.0) as usize).min(s.saturating_sub(1))
}

/// Hint the cache to load the line at `p` (never dereferenced; any address is fine).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn prefetch<T>(p: *const T) {
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
    // SAFETY: SSE is part of the x86-64 baseline; a prefetch never faults and does not
    // dereference its address.
    unsafe { _mm_prefetch::<_MM_HINT_T0>(p as *const i8) };
}

/// True when this CPU runs the AVX-512 kernels (and `NUMOXIDE_SORT_AVX2=1` does not
/// ask for the AVX2 path instead).
pub fn available() -> bool {
    imp::available()
}

/// True when the environment variable `NUMOXIDE_SORT_AVX2` is `1`: the sorts then take
/// the AVX2 path even on AVX-512 machines (read once).
pub fn force_avx2() -> bool {
    static FORCE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FORCE.get_or_init(|| std::env::var("NUMOXIDE_SORT_AVX2").is_ok_and(|v| v == "1"))
}

/// Sort `v` in NumPy's order with the AVX-512 quicksort. False (and `v` untouched) when
/// the CPU lacks AVX-512.
pub fn sort_i64(v: &mut [i64]) -> bool {
    imp::sort::<imp::I64>(v) || avx2::sort_i64(v)
}

/// As [`sort_i64`] for `uint64`.
pub fn sort_u64(v: &mut [u64]) -> bool {
    // `u64` and `i64` have the same size, alignment and valid bit patterns.
    imp::sort_bits::<imp::U64, u64>(v) || avx2::sort_u64(v)
}

/// As [`sort_i64`] for `float64`: NaNs last (payloads kept), a permutation of the input.
///
/// The non-NaN values are sorted as signed integers by an order-preserving involution
/// of their bits (negative values get their magnitude bits flipped), which the integer
/// network compares faster than floats; `-0.0` then sorts just before `0.0`.
pub fn sort_f64(v: &mut [f64]) -> bool {
    imp::sort_f64(v) || avx2::sort_f64(v)
}

/// Sort `src` into `dst` (as long) in NumPy's order: the copy is fused with the
/// quicksort's first partition, which reads `src` and writes both sides straight into
/// `dst`. False (and `dst` unspecified) when the CPU lacks AVX-512 or `src` is short.
pub fn sort_i64_into(src: &[i64], dst: &mut [i64]) -> bool {
    imp::sort_into::<imp::I64, false>(src, dst)
}

/// As [`sort_i64_into`] for `uint64`.
pub fn sort_u64_into(src: &[u64], dst: &mut [u64]) -> bool {
    let (s, d) = bits_of(src, dst);
    imp::sort_into::<imp::U64, false>(s, d)
}

/// As [`sort_i64_into`] for `float64`: NaNs last in input order (payloads kept), the
/// other values sorted as integer keys of their bits (the first pass turns them into
/// keys, the networks' stores turn them back), so the output permutes the input bits.
/// Short inputs are taken too: their key pass reads `src` and writes `dst`.
pub fn sort_f64_into(src: &[f64], dst: &mut [f64]) -> bool {
    let (s, d) = bits_of(src, dst);
    imp::sort_into::<imp::I64, true>(s, d)
}

/// `src` and `dst`, 64-bit numbers, viewed as `i64` bits.
fn bits_of<'a, T: Copy>(src: &'a [T], dst: &'a mut [T]) -> (&'a [i64], &'a mut [i64]) {
    if std::mem::size_of::<T>() != 8 || std::mem::align_of::<T>() != 8 {
        return (&[], &mut []);
    }
    // SAFETY: `T` is a 64-bit number (checked size and alignment) whose bits are all
    // valid as `i64` and back; the borrows are carried over unchanged.
    unsafe {
        (
            std::slice::from_raw_parts(src.as_ptr() as *const i64, src.len()),
            std::slice::from_raw_parts_mut(dst.as_mut_ptr() as *mut i64, dst.len()),
        )
    }
}

/// Sort `v` in NumPy's order with the AVX-512 quicksort (sixteen lanes). False (and
/// `v` untouched) when the CPU lacks AVX-512.
pub fn sort_i32(v: &mut [i32]) -> bool {
    imp32::sort::<imp32::I32>(v)
}

/// As [`sort_i32`] for `uint32`.
pub fn sort_u32(v: &mut [u32]) -> bool {
    // SAFETY: `u32` and `i32` have the same size, alignment and valid bit patterns;
    // `v` is exclusively borrowed for the call.
    let bits = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut i32, v.len()) };
    imp32::sort::<imp32::U32>(bits)
}

/// As [`sort_i32`] for `float32`: NaNs last in input order (payloads kept), the other
/// values sorted as integer keys of their bits, so the output permutes the input bits.
pub fn sort_f32(v: &mut [f32]) -> bool {
    imp32::sort_f32(v)
}

/// `src` and `dst`, 32-bit numbers, viewed as `i32` bits.
fn bits32_of<'a, T: Copy>(src: &'a [T], dst: &'a mut [T]) -> (&'a [i32], &'a mut [i32]) {
    if std::mem::size_of::<T>() != 4 || std::mem::align_of::<T>() != 4 {
        return (&[], &mut []);
    }
    // SAFETY: `T` is a 32-bit number (checked size and alignment) whose bits are all
    // valid as `i32` and back; the borrows are carried over unchanged.
    unsafe {
        (
            std::slice::from_raw_parts(src.as_ptr() as *const i32, src.len()),
            std::slice::from_raw_parts_mut(dst.as_mut_ptr() as *mut i32, dst.len()),
        )
    }
}

/// Sort `src` into `dst` (as long) in NumPy's order, the copy fused with the first
/// partition. False (and `dst` unspecified) when the CPU lacks AVX-512 or `src` is
/// short.
pub fn sort_i32_into(src: &[i32], dst: &mut [i32]) -> bool {
    imp32::sort_into::<imp32::I32, false>(src, dst)
}

/// As [`sort_i32_into`] for `uint32`.
pub fn sort_u32_into(src: &[u32], dst: &mut [u32]) -> bool {
    let (s, d) = bits32_of(src, dst);
    imp32::sort_into::<imp32::U32, false>(s, d)
}

/// As [`sort_i32_into`] for `float32`: NaNs last in input order (payloads kept), the
/// other values sorted as integer keys of their bits (short inputs too, as
/// [`sort_f64_into`]).
pub fn sort_f32_into(src: &[f32], dst: &mut [f32]) -> bool {
    let (s, d) = bits32_of(src, dst);
    imp32::sort_into::<imp32::I32, true>(s, d)
}

/// As [`select_i64`] for `int32`.
pub fn select_i32(v: &mut [i32], kth: &[usize]) -> bool {
    imp32::select::<imp32::I32>(v, kth)
}

/// As [`select_i64`] for `uint32`.
pub fn select_u32(v: &mut [u32], kth: &[usize]) -> bool {
    // SAFETY: `u32` and `i32` have the same size, alignment and valid bit patterns;
    // `v` is exclusively borrowed for the call.
    let bits = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut i32, v.len()) };
    imp32::select::<imp32::U32>(bits, kth)
}

/// As [`select_i64`] for `float32` (NaNs are the largest values): the non-NaN values
/// are selected as integer keys of their bits, so the output permutes the input bits.
pub fn select_f32(v: &mut [f32], kth: &[usize]) -> bool {
    imp32::select_f32(v, kth)
}

/// Write into `idx` the positions `0..keys.len()` grouped by how each key compares
/// with `pivot`: below it from `starts[0]`, equal from `starts[1]`, above from
/// `starts[2]`, each group in index order. `starts` must be the exclusive prefix
/// sums of the three group sizes. False (with `idx` unspecified) when the CPU lacks
/// AVX-512 or a group outgrows its part.
pub fn scatter3_u32(keys: &[u32], pivot: u32, starts: [usize; 3], idx: &mut [i64]) -> bool {
    imp32::scatter3(keys, pivot, starts, idx)
}

/// How many of `keys` are below `pivot` and how many equal it (one vector pass); None
/// when the CPU lacks AVX-512.
pub fn count_below_equal_u32(keys: &[u32], pivot: u32) -> Option<(usize, usize)> {
    imp32::count_below_equal(keys, pivot)
}

/// Partition `v` so each position in `kth` (sorted, in bounds) holds the value a full
/// sort would put there, with nothing larger before it and nothing smaller after.
/// False when the CPU lacks AVX-512.
pub fn select_i64(v: &mut [i64], kth: &[usize]) -> bool {
    imp::select_bits::<imp::I64, i64>(v, kth)
}

/// As [`select_i64`] for `uint64`.
pub fn select_u64(v: &mut [u64], kth: &[usize]) -> bool {
    imp::select_bits::<imp::U64, u64>(v, kth)
}

/// As [`select_i64`] for `float64` (NaNs are the largest values).
pub fn select_f64(v: &mut [f64], kth: &[usize]) -> bool {
    if !imp::available() {
        return false;
    }
    let w = nan_to_end(v);
    let (head, _) = v.split_at_mut(w);
    // Positions at or past `w` hold NaNs, already in place.
    let ks: Vec<usize> = kth.iter().copied().filter(|&k| k < w).collect();
    imp::select_bits::<imp::F64, f64>(head, &ks)
}

/// Move the NaNs of `v` to its end (the other values keep their order, the NaNs keep
/// theirs and their payloads); returns the number of non-NaN values.
fn nan_to_end(v: &mut [f64]) -> usize {
    let count = v.iter().filter(|x| x.is_nan()).count();
    if count == 0 {
        return v.len();
    }
    let mut nans = Vec::with_capacity(count);
    let mut w = 0usize;
    for i in 0..v.len() {
        let x = v[i];
        if x.is_nan() {
            nans.push(x);
        } else {
            v[w] = x;
            w += 1;
        }
    }
    v[w..].copy_from_slice(&nans);
    w
}

/// The lane-layer helpers of the AVX-512 sorting network, for lanes of `$lane` (the
/// module's `W` of them in a register) regrouped by the two-source permute `$permute`:
/// `Run`, `run_pair`, `col_merge` and `reg_clean`, written once for the 32- and 64-bit
/// modules (which differ only in the lane type and the permute).
macro_rules! lane_network {
    ($lane:ty, $permute:ident) => {
        /// [`super::lane_run`] for `W` lanes and `N` registers, level `K`.
        struct Run<const N: usize, const K: u32>;

        impl<const N: usize, const K: u32> Run<N, K> {
            const RAW: ([[usize; 16]; 10], usize) = super::lane_run(W, N, K);
            /// The number of layers.
            const LAYERS: usize = Self::RAW.1;
            /// The lane-index rows.
            const IDX: [[$lane; W]; 10] = {
                let mut out = [[0 as $lane; W]; 10];
                let mut t = 0;
                while t < 10 {
                    let mut j = 0;
                    while j < W {
                        out[t][j] = Self::RAW.0[t][j] as $lane;
                        j += 1;
                    }
                    t += 1;
                }
                out
            };
        }

        /// Run the lane layers of level `K` ([`Run`]) on the registers `a` and `b`.
        #[inline]
        #[target_feature(enable = "avx512f")]
        fn run_pair<L: Lane, const N: usize, const K: u32>(
            a: __m512i,
            b: __m512i,
        ) -> (__m512i, __m512i) {
            let idx = |t: usize| lanes(Run::<N, K>::IDX[t]);
            let layers = Run::<N, K>::LAYERS;
            let mut x = $permute(a, idx(0), b);
            let mut y = $permute(a, idx(1), b);
            let mut t = 1;
            while t < layers {
                let (lo, hi) = (min::<L>(x, y), max::<L>(y, x));
                x = $permute(lo, idx(2 * t), hi);
                y = $permute(lo, idx(2 * t + 1), hi);
                t += 1;
            }
            let (lo, hi) = (min::<L>(x, y), max::<L>(y, x));
            (
                $permute(lo, idx(2 * layers), hi),
                $permute(lo, idx(2 * layers + 1), hi),
            )
        }

        /// Level `K` of [`sort_cols`]'s bitonic network above the column sort (nothing
        /// unless `N < 2^K <= W * N`): the layers across lanes on register pairs
        /// ([`run_pair`]), then the half-cleaners across registers.
        #[inline]
        #[target_feature(enable = "avx512f")]
        fn col_merge<L: Lane, const N: usize, const K: u32>(v: &mut [__m512i; N]) {
            if Run::<N, K>::LAYERS == 0 {
                return;
            }
            unroll!(r < N => {
                let s = r ^ (N - 1);
                if r < s {
                    (v[r], v[s]) = run_pair::<L, N, K>(v[r], v[s]);
                }
            });
            reg_clean::<L, N, 8>(v);
            reg_clean::<L, N, 4>(v);
            reg_clean::<L, N, 2>(v);
            reg_clean::<L, N, 1>(v);
        }

        /// Register `r` against register `r + D` for each `r` without `D` (nothing unless
        /// `D < N`).
        #[inline]
        #[target_feature(enable = "avx512f")]
        fn reg_clean<L: Lane, const N: usize, const D: usize>(v: &mut [__m512i; N]) {
            if D >= N {
                return;
            }
            unroll!(r < N => {
                if r & D == 0 && r + D < N {
                    let (a, b) = (v[r], v[r + D]);
                    v[r] = min::<L>(a, b);
                    v[r + D] = max::<L>(b, a);
                }
            });
        }

    };
}

#[cfg(not(target_arch = "x86_64"))]
mod imp32 {
    //! No AVX-512 outside x86-64: every entry point declines.

    pub struct I32;
    pub struct U32;

    pub fn sort<L>(_v: &mut [i32]) -> bool {
        false
    }
    pub fn sort_f32(_v: &mut [f32]) -> bool {
        false
    }
    pub fn sort_into<L, const KEYS: bool>(_src: &[i32], _dst: &mut [i32]) -> bool {
        false
    }
    pub fn select<L>(_v: &mut [i32], _kth: &[usize]) -> bool {
        false
    }
    pub fn select_f32(_v: &mut [f32], _kth: &[usize]) -> bool {
        false
    }
    pub fn scatter3(_k: &[u32], _p: u32, _s: [usize; 3], _idx: &mut [i64]) -> bool {
        false
    }
    pub fn count_below_equal(_k: &[u32], _p: u32) -> Option<(usize, usize)> {
        None
    }
}

/// `sort_into` of the 32- and 64-bit vector sorts (`imp32`, `imp`): the same steps over
/// lanes of `$int` (float bits of `$float` with `KEYS`), each module supplying its own
/// `split_into`, `qsort` and helpers.
#[cfg(target_arch = "x86_64")]
macro_rules! sort_into_fn {
    ($int:ty, $uint:ty, $float:ty, $available:path) => {
        /// Sort `src` into `dst` (lane type `L`; with `KEYS` the numbers are float bits,
        /// sorted as [`float_key`]s with NaNs last in input order). The first pass reads
        /// `src` once and writes it split around a pivot into `dst`: the left side from the
        /// front, the right side from the back (NaNs set aside); both sides are then
        /// quicksorted in place. Short floats take a key pass from `src` into `dst` and
        /// the quicksort. False when the CPU lacks AVX-512, the lengths differ or `src`
        /// is short integers (then `dst` is untouched).
        pub fn sort_into<L: Lane, const KEYS: bool>(src: &[$int], dst: &mut [$int]) -> bool {
            let n = src.len();
            if !$available() || dst.len() != n {
                return false;
            }
            if n < INTO_MIN {
                if !KEYS {
                    return false;
                }
                // Short floats: the key pass reads `src` and writes `dst` (no separate
                // copy), then the quicksort runs on the keys.
                let mut nans: Vec<$int> = Vec::new();
                let a = dst.as_mut_ptr();
                // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `src` and
                // `dst` are distinct borrows of `n` numbers; the keys fill `[0, w)`,
                // the NaNs `[w, n)`.
                unsafe {
                    let w = to_keys(src.as_ptr(), a, n, &mut nans);
                    qsort::<L, true>(a, 0, w, depth_for(w));
                    std::ptr::copy_nonoverlapping(nans.as_ptr(), a.add(w), nans.len());
                }
                return true;
            }
            let is_nan = |x: $int| KEYS && <$float>::from_bits(x as $uint).is_nan();
            // The pivot: the median of 64 evenly spaced numbers (NaNs left out).
            let step = n / 64;
            let mut sample: Vec<$int> = (0..64)
                .filter_map(|i| src.get(step / 2 + i * step).copied())
                .filter(|&x| !is_nan(x))
                .map(|x| if KEYS { float_key(x) } else { x })
                .collect();
            sample.sort_unstable_by(|&x, &y| {
                if KEYS {
                    x.cmp(&y)
                } else if L::lt_bits(x, y) {
                    std::cmp::Ordering::Less
                } else if L::lt_bits(y, x) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            });
            let pivot = sample.get(sample.len() / 2).copied().unwrap_or(0);
            let mut nans: Vec<$int> = Vec::new();
            let a = dst.as_mut_ptr();
            // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `src` and `dst` are
            // distinct borrows of `n` numbers each.
            let (l, r) = unsafe { split_into::<L, KEYS>(src.as_ptr(), a, n, pivot, &mut nans) };
            // The left side is `[0, l)`, the right side `[n - r, n)`, and the gap between
            // them has room for exactly the NaNs: close it with the last numbers of the
            // right side and put the NaNs at the end.
            let m = nans.len();
            debug_assert_eq!(l + r + m, n);
            let moved = m.min(r);
            // SAFETY: `[n - moved, n)` and `[l, l + moved)` lie in `dst` (`l + m + r == n`),
            // and `ptr::copy` allows overlap; the NaNs fill `[l + r, n)`, `m` numbers.
            unsafe {
                std::ptr::copy(a.add(n - moved), a.add(l), moved);
                std::ptr::copy_nonoverlapping(nans.as_ptr(), a.add(l + r), m);
            }
            let depth = depth_for(n);
            // SAFETY: as above; both ranges lie in `dst`.
            unsafe {
                qsort::<L, KEYS>(a, 0, l, depth);
                qsort::<L, KEYS>(a, l, l + r, depth);
            }
            true
        }
    };
}

#[cfg(target_arch = "x86_64")]
mod imp32 {
    //! The 32-bit (`int32`, `uint32`, and `float32` as keys) quicksort: sixteen lanes
    //! per vector, otherwise the design of the 64-bit kernel (bitonic networks over up
    //! to 16 registers, an in-place partition with buffered end blocks), with
    //! compress-stores in the partition.

    use super::prefetch;
    use std::arch::x86_64::*;

    /// Numbers per vector.
    const W: usize = 16;
    /// Vectors buffered from each end of a partition (and loaded per step).
    const UNROLL: usize = 8;
    /// Ranges up to this length are sorted by the network.
    const SMALL: usize = 256;
    const _: () = assert!(SMALL >= 2 * UNROLL * W);

    /// A 32-bit lane type: how its bits compare.
    pub trait Lane {
        /// 0: signed, 1: unsigned.
        const KIND: u8;
        /// The bits of the largest value (padding for partial vectors).
        const MAX: i32;
        /// Scalar `a < b` on the bits.
        fn lt_bits(a: i32, b: i32) -> bool;
    }

    /// `int32`.
    pub struct I32;
    /// `uint32`.
    pub struct U32;

    impl Lane for I32 {
        const KIND: u8 = 0;
        const MAX: i32 = i32::MAX;
        #[inline(always)]
        fn lt_bits(a: i32, b: i32) -> bool {
            a < b
        }
    }
    impl Lane for U32 {
        const KIND: u8 = 1;
        const MAX: i32 = -1;
        #[inline(always)]
        fn lt_bits(a: i32, b: i32) -> bool {
            (a as u32) < (b as u32)
        }
    }

    /// Lanes where `a < b`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn lt<L: Lane>(a: __m512i, b: __m512i) -> __mmask16 {
        match L::KIND {
            0 => _mm512_cmplt_epi32_mask(a, b),
            _ => _mm512_cmplt_epu32_mask(a, b),
        }
    }

    /// The smaller of `a` and `b` per lane.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn min<L: Lane>(a: __m512i, b: __m512i) -> __m512i {
        match L::KIND {
            0 => _mm512_min_epi32(a, b),
            _ => _mm512_min_epu32(a, b),
        }
    }

    /// The larger of `a` and `b` per lane.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn max<L: Lane>(a: __m512i, b: __m512i) -> __m512i {
        match L::KIND {
            0 => _mm512_max_epi32(a, b),
            _ => _mm512_max_epu32(a, b),
        }
    }

    /// The lane permutation `i -> i ^ m`.
    const fn xor_perm(m: usize) -> [i32; 16] {
        let mut p = [0i32; 16];
        let mut i = 0;
        while i < 16 {
            p[i] = (i ^ m) as i32;
            i += 1;
        }
        p
    }

    /// The lanes `i` with `i & bit != 0` (the upper lane of each compared pair).
    const fn upper(bit: usize) -> __mmask16 {
        let mut m = 0u16;
        let mut i = 0;
        while i < 16 {
            if i & bit != 0 {
                m |= 1 << i;
            }
            i += 1;
        }
        m
    }

    /// A vector from sixteen lane values (lane 0 first).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn lanes(x: [i32; 16]) -> __m512i {
        _mm512_setr_epi32(
            x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12], x[13],
            x[14], x[15],
        )
    }

    /// Compare-exchange lane `i` with lane `i ^ m`; lanes of `up` keep the larger.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn cx<L: Lane>(v: __m512i, m: usize, up: __mmask16) -> __m512i {
        let p = _mm512_permutexvar_epi32(lanes(xor_perm(m)), v);
        _mm512_mask_blend_epi32(up, min::<L>(v, p), max::<L>(v, p))
    }

    /// Sort the sixteen lanes of `v` (bitonic network, ten layers).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort16<L: Lane>(v: __m512i) -> __m512i {
        let v = cx::<L>(v, 1, upper(1));
        let v = cx::<L>(v, 3, upper(2));
        let v = cx::<L>(v, 1, upper(1));
        let v = cx::<L>(v, 7, upper(4));
        let v = cx::<L>(v, 2, upper(2));
        let v = cx::<L>(v, 1, upper(1));
        let v = cx::<L>(v, 15, upper(8));
        let v = cx::<L>(v, 4, upper(4));
        let v = cx::<L>(v, 2, upper(2));
        cx::<L>(v, 1, upper(1))
    }

    /// Reverse the lanes of `v`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn rev(v: __m512i) -> __m512i {
        _mm512_permutexvar_epi32(lanes(xor_perm(15)), v)
    }

    /// Sort the `16 * N` numbers in `v` (register 0 lane 0 first); `N` a power of two.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort_regs<L: Lane, const N: usize>(v: &mut [__m512i; N]) {
        if N == 1 {
            v[0] = sort16::<L>(v[0]);
        } else {
            for r in (0..N).step_by(2) {
                (v[r], v[r + 1]) = pair_net::<L, 22>(v[r], v[r + 1], &SORT16_IDX);
            }
        }
        let mut s = 2;
        while s <= N {
            let mut b = 0;
            while b < N {
                for i in 0..s / 2 {
                    let j = b + s - 1 - i;
                    let a = v[b + i];
                    let c = rev(v[j]);
                    v[b + i] = min::<L>(a, c);
                    v[j] = rev(max::<L>(c, a));
                }
                let mut d = s / 4;
                while d >= 1 {
                    for i in b..b + s {
                        if (i - b) & d == 0 {
                            let (x, y) = (v[i], v[i + d]);
                            v[i] = min::<L>(x, y);
                            v[i + d] = max::<L>(y, x);
                        }
                    }
                    d /= 2;
                }
                b += s;
            }
            for r in (0..N).step_by(2) {
                (v[r], v[r + 1]) = pair_net::<L, 10>(v[r], v[r + 1], &MERGE16_IDX);
            }
            s *= 2;
        }
    }

    /// A layer of an in-register network `(m, bit)`: lane `p` (without `bit`) is
    /// compared with lane `p ^ m`, which has `bit` and keeps the larger value.
    type Layer = (usize, usize);

    /// The layers of [`sort16`].
    const SORT16: [Layer; 10] = [
        (1, 1),
        (3, 2),
        (1, 1),
        (7, 4),
        (2, 2),
        (1, 1),
        (15, 8),
        (4, 4),
        (2, 2),
        (1, 1),
    ];
    /// The half-cleaner layers that sort a bitonic vector.
    const MERGE16: [Layer; 4] = [(8, 8), (4, 4), (2, 2), (1, 1)];

    /// The rank of lane `p` (without `bit`) among the lanes without `bit`.
    const fn rank(p: usize, bit: usize) -> usize {
        ((p >> 1) & !(bit - 1)) | (p & (bit - 1))
    }

    /// The lane without `bit` of the given rank (the inverse of [`rank`]).
    const fn unrank(k: usize, bit: usize) -> usize {
        ((k & !(bit - 1)) << 1) | (k & (bit - 1))
    }

    /// Where lane `p` of register `r` (0 or 1) sits while layer `l` runs: the index
    /// into the pair `(x, y)` of compared vectors (`y`'s slots count from 16).
    const fn locate(r: usize, p: usize, l: Layer) -> i32 {
        let (m, bit) = l;
        if p & bit == 0 {
            (r * 8 + rank(p, bit)) as i32
        } else {
            (16 + r * 8 + rank(p ^ m, bit)) as i32
        }
    }

    /// The lane permutations that run the `K` layers on two registers at once: the
    /// registers' lanes regrouped so that every layer is one `min` and one `max` of two
    /// whole vectors. `T = 2 * K + 2`: two gathers from the registers, two between
    /// consecutive layers, two back into the registers.
    const fn pair_indices<const K: usize, const T: usize>(layers: [Layer; K]) -> [[i32; 16]; T] {
        let mut out = [[0i32; 16]; T];
        let mut t = 0;
        while t < K + 1 {
            let mut k = 0;
            while k < 16 {
                if t < K {
                    // The vectors compared in layer `t`, gathered from the registers
                    // (t == 0) or from the results of layer `t - 1`.
                    let (m, bit) = layers[t];
                    let (r, p) = (k / 8, unrank(k % 8, bit));
                    if t == 0 {
                        out[0][k] = (r * 16 + p) as i32;
                        out[1][k] = (r * 16 + (p ^ m)) as i32;
                    } else {
                        out[2 * t][k] = locate(r, p, layers[t - 1]);
                        out[2 * t + 1][k] = locate(r, p ^ m, layers[t - 1]);
                    }
                } else {
                    // Back into the two registers.
                    out[2 * t][k] = locate(0, k, layers[K - 1]);
                    out[2 * t + 1][k] = locate(1, k, layers[K - 1]);
                }
                k += 1;
            }
            t += 1;
        }
        out
    }

    /// [`pair_indices`] of [`SORT16`].
    static SORT16_IDX: [[i32; 16]; 22] = pair_indices::<10, 22>(SORT16);
    /// [`pair_indices`] of [`MERGE16`].
    static MERGE16_IDX: [[i32; 16]; 10] = pair_indices::<4, 10>(MERGE16);

    /// A vector from sixteen lane indices.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn load_idx(row: &[i32; 16]) -> __m512i {
        // SAFETY: `row` holds sixteen 32-bit lanes.
        unsafe { _mm512_loadu_si512(row.as_ptr() as *const _) }
    }

    /// Run the network of `idx` ([`pair_indices`]) on registers `a` and `b`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn pair_net<L: Lane, const T: usize>(
        a: __m512i,
        b: __m512i,
        idx: &[[i32; 16]; T],
    ) -> (__m512i, __m512i) {
        let load = |i: usize| load_idx(&idx[i]);
        let mut x = _mm512_permutex2var_epi32(a, load(0), b);
        let mut y = _mm512_permutex2var_epi32(a, load(1), b);
        let layers = (T - 2) / 2;
        for i in 1..layers {
            let (lo, hi) = (min::<L>(x, y), max::<L>(x, y));
            x = _mm512_permutex2var_epi32(lo, load(2 * i), hi);
            y = _mm512_permutex2var_epi32(lo, load(2 * i + 1), hi);
        }
        let (lo, hi) = (min::<L>(x, y), max::<L>(x, y));
        (
            _mm512_permutex2var_epi32(lo, load(T - 2), hi),
            _mm512_permutex2var_epi32(lo, load(T - 1), hi),
        )
    }

    /// The two-source lane indices of one transpose stage (bit `b`): for the register
    /// without `b` (`high == false`) lane `c` keeps its own lane when `c` lacks `b`,
    /// else takes lane `c ^ b` of the partner; the partner mirrors that.
    const fn swap_idx(b: usize, high: bool) -> [i32; 16] {
        let mut p = [0i32; 16];
        let mut c = 0;
        while c < 16 {
            p[c] = match (high, c & b == 0) {
                (false, true) => c as i32,
                (false, false) => (16 + (c ^ b)) as i32,
                (true, true) => (c ^ b) as i32,
                (true, false) => (16 + c) as i32,
            };
            c += 1;
        }
        p
    }

    /// Transpose the 16 x 16 matrix of numbers in `a`: lane `r` of register `c` of the
    /// result is lane `c` of `a[r]` (four stages, each swapping one bit between the
    /// register and the lane index).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn transpose16(a: &mut [__m512i; 16]) {
        swap_stage::<1>(a);
        swap_stage::<2>(a);
        swap_stage::<4>(a);
        swap_stage::<8>(a);
    }

    /// One stage of [`transpose16`]: bit `B` swapped between the register and the lane
    /// index (a constant, so the stage is straight-line code).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn swap_stage<const B: usize>(a: &mut [__m512i; 16]) {
        let lo = lanes(swap_idx(B, false));
        let hi = lanes(swap_idx(B, true));
        unroll!(r < 16 => {
            if r & B == 0 {
                let (x, y) = (a[r], a[r | B]);
                a[r] = _mm512_permutex2var_epi32(x, lo, y);
                a[r | B] = _mm512_permutex2var_epi32(x, hi, y);
            }
        });
    }

    lane_network!(i32, _mm512_permutex2var_epi32);

    /// Sort the `16 * N` numbers in `v` (`N` 8 or 16) and leave them in order (register
    /// 0 lane 0 first). The bitonic network runs on the numbers as if number
    /// `c * N + r` sat in lane `c` of register `r`: the first levels (sorting each
    /// column) are a column network of whole-register `min`s and `max`es, the later
    /// ones compare lanes on register pairs ([`col_merge`]); a transpose then puts the
    /// numbers in order.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort_cols<L: Lane, const N: usize>(v: &mut [__m512i; N]) {
        if let Ok(c) = <&mut [__m512i; 16]>::try_from(&mut v[..]) {
            sort_columns16!(L, c);
        } else if let Ok(c) = <&mut [__m512i; 8]>::try_from(&mut v[..]) {
            sort_columns8!(L, c);
        }
        col_merge::<L, N, 4>(v);
        col_merge::<L, N, 5>(v);
        col_merge::<L, N, 6>(v);
        col_merge::<L, N, 7>(v);
        col_merge::<L, N, 8>(v);
        let mut t = [v[0]; 16];
        unroll!(r < N => {
            t[r] = v[r];
        });
        transpose16(&mut t);
        if N == 16 {
            // Number `16 c + r` is lane `r` of register `c`.
            unroll!(c < N => {
                v[c] = t[c];
            });
        } else {
            // Number `8 c + r` belongs in lane `8 (c % 2) + r` of register `c / 2`;
            // `t[c]` holds it in lane `r` (lanes 8..16 are padding).
            let idx = lanes([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
            unroll!(r < N => {
                if 2 * r + 1 < 16 {
                    v[r] = _mm512_permutex2var_epi32(t[2 * r], idx, t[2 * r + 1]);
                }
            });
        }
    }

    /// Lanes of register `r` that hold one of the first `n` numbers.
    #[inline(always)]
    fn valid_mask(r: usize, n: usize) -> __mmask16 {
        let start = r * W;
        if n >= start + W {
            0xFFFF
        } else if n <= start {
            0
        } else {
            ((1u32 << (n - start)) - 1) as __mmask16
        }
    }

    /// Sort the `n <= 16 * N` numbers at `p` with the network.
    ///
    /// # Safety
    /// `p` is valid for reads and writes of `n` numbers.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn small_n<L: Lane, const N: usize, const KEYS: bool>(p: *mut i32, n: usize) {
        let pad = _mm512_set1_epi32(L::MAX);
        let mut v = [pad; N];
        for (r, reg) in v.iter_mut().enumerate() {
            let m = valid_mask(r, n);
            if m != 0 {
                // SAFETY: the masked lanes are among the first `n` numbers at `p`;
                // unmasked lanes are not touched, and `r * W < n` keeps the pointer
                // inside the range.
                *reg = unsafe { _mm512_mask_loadu_epi32(pad, m, p.add(r * W)) };
            }
        }
        if N >= 8 {
            sort_cols::<L, N>(&mut v);
        } else {
            sort_regs::<L, N>(&mut v);
        }
        for (r, reg) in v.iter().enumerate() {
            let m = valid_mask(r, n);
            let reg = if KEYS { &float_keys(*reg) } else { reg };
            if m != 0 {
                // SAFETY: as for the loads.
                unsafe { _mm512_mask_storeu_epi32(p.add(r * W), m, *reg) };
            }
        }
    }

    /// Sort the `n <= SMALL` numbers at `p`; with `KEYS` they are float keys
    /// ([`float_key`]) and leave as float bits.
    ///
    /// # Safety
    /// `p` is valid for reads and writes of `n` numbers.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn small_sort<L: Lane, const KEYS: bool>(p: *mut i32, n: usize) {
        // SAFETY: the forwarded contract, for every arm; each arm holds at least `n`.
        unsafe {
            match n {
                0 => {}
                1 => {
                    if KEYS {
                        *p = float_key(*p);
                    }
                }
                2..=16 => small_n::<L, 1, KEYS>(p, n),
                17..=32 => small_n::<L, 2, KEYS>(p, n),
                33..=64 => small_n::<L, 4, KEYS>(p, n),
                65..=128 => small_n::<L, 8, KEYS>(p, n),
                _ => small_n::<L, 16, KEYS>(p, n),
            }
        }
    }

    /// The order-preserving involution between a NaN-free float's bits and a signed
    /// integer key: negative values get their magnitude bits flipped.
    #[inline(always)]
    pub fn float_key(b: i32) -> i32 {
        b ^ (((b >> 31) as u32) >> 1) as i32
    }

    /// [`float_key`] on every lane.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn float_keys(v: __m512i) -> __m512i {
        _mm512_xor_si512(v, _mm512_srli_epi32::<1>(_mm512_srai_epi32::<31>(v)))
    }

    /// Map the keys of `[lo, hi)` back to float bits (ranges the network never sees).
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers.
    unsafe fn keys_back(a: *mut i32, lo: usize, hi: usize) {
        // SAFETY: forwarded contract.
        let s = unsafe { std::slice::from_raw_parts_mut(a.add(lo), hi - lo) };
        for x in s {
            *x = float_key(*x);
        }
    }

    /// Ranges at least this long take their pivot from 64 samples instead of 16.
    const BIG_SAMPLE: usize = 1 << 13;

    /// A pivot for `[lo, hi)`: the median of sixteen evenly spaced numbers, or of 64
    /// for long ranges (a closer median saves more partition work than it costs).
    ///
    /// # Safety
    /// `a` is valid for reads of `hi` numbers and `hi - lo >= 32`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn pivot<L: Lane>(a: *const i32, lo: usize, hi: usize) -> i32 {
        let n = hi - lo;
        if n >= BIG_SAMPLE {
            let step = n / 64;
            let mut s = [0i32; 64];
            for (i, x) in s.iter_mut().enumerate() {
                // SAFETY: `lo + step / 2 + i * step < lo + 64 * step <= hi`.
                *x = unsafe { *a.add(lo + step / 2 + i * step) };
            }
            let mut regs = [_mm512_setzero_si512(); 4];
            for (r, reg) in regs.iter_mut().enumerate() {
                // SAFETY: `s` holds 64 numbers, sixteen per register.
                *reg = unsafe { _mm512_loadu_si512(s.as_ptr().add(r * W) as *const _) };
            }
            sort_regs::<L, 4>(&mut regs);
            let mut out = [0i32; 16];
            // SAFETY: `out` holds sixteen numbers.
            unsafe { _mm512_storeu_si512(out.as_mut_ptr() as *mut _, regs[2]) };
            return out[0];
        }
        let step = n / 16;
        let mut s = [0i32; 16];
        for (i, x) in s.iter_mut().enumerate() {
            // SAFETY: `lo + step / 2 + i * step < lo + 16 * step <= hi`.
            *x = unsafe { *a.add(lo + step / 2 + i * step) };
        }
        let v = sort16::<L>(lanes(s));
        let mut out = [0i32; 16];
        // SAFETY: `out` holds sixteen numbers.
        unsafe { _mm512_storeu_si512(out.as_mut_ptr() as *mut _, v) };
        out[8]
    }

    /// As [`put`] for a full vector: the left lanes compressed in a register and
    /// stored whole at `*ls` (the lanes past them land in free slots and are
    /// overwritten later), the right lanes compress-stored just below `*rs`.
    ///
    /// # Safety
    /// `[*ls, *ls + W)` and `[*rs - popcount(right), *rs)` are valid for writes and
    /// hold no unread numbers.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn put_full<L: Lane, const STRICT: bool>(
        a: *mut i32,
        pv: __m512i,
        v: __m512i,
        ls: &mut usize,
        rs: &mut usize,
    ) {
        let right = if STRICT {
            lt::<L>(pv, v)
        } else {
            !lt::<L>(v, pv)
        };
        let left = !right;
        let nr = right.count_ones() as usize;
        *rs -= nr;
        // SAFETY: per the contract; the compress-store writes only `nr` numbers.
        unsafe {
            _mm512_storeu_si512(a.add(*ls) as *mut _, _mm512_maskz_compress_epi32(left, v));
            _mm512_mask_compressstoreu_epi32(a.add(*rs) as *mut _, right, v);
        }
        *ls += W - nr;
    }

    /// Store the lanes `m` of `v`: those that stay left (see [`partition`]) at `*ls`
    /// (advancing it), the others just below `*rs` (moving it down).
    ///
    /// # Safety
    /// `[*ls, *ls + popcount(left))` and `[*rs - popcount(right), *rs)` are valid for
    /// writes and hold no unread numbers.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn put<L: Lane, const STRICT: bool>(
        a: *mut i32,
        pv: __m512i,
        v: __m512i,
        m: __mmask16,
        ls: &mut usize,
        rs: &mut usize,
    ) {
        let right = if STRICT {
            lt::<L>(pv, v)
        } else {
            !lt::<L>(v, pv)
        } & m;
        let left = !right & m;
        let (nl, nr) = (left.count_ones(), right.count_ones());
        *rs -= nr as usize;
        // SAFETY: per the contract; the stores write only `nl` / `nr` numbers.
        unsafe {
            _mm512_mask_compressstoreu_epi32(a.add(*ls) as *mut _, left, v);
            _mm512_mask_compressstoreu_epi32(a.add(*rs) as *mut _, right, v);
        }
        *ls += nl as usize;
    }

    /// Partition `[lo, hi)` of `a`: the numbers that stay left (below the pivot, or
    /// not above it when `STRICT`) first. Returns where the right side starts.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers and
    /// `hi - lo >= 2 * UNROLL * W`.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn partition<L: Lane, const STRICT: bool>(
        a: *mut i32,
        lo: usize,
        hi: usize,
        pivot: i32,
    ) -> usize {
        let pv = _mm512_set1_epi32(pivot);
        let rem = (hi - lo) % W;
        let head_mask = ((1u32 << rem) - 1) as __mmask16;
        // SAFETY: the first `rem` numbers of the range; the other lanes are masked off.
        let head = unsafe { _mm512_maskz_loadu_epi32(head_mask, a.add(lo)) };
        let mut l = lo + rem;
        let mut r = hi;
        let mut bl = [pv; UNROLL];
        let mut br = [pv; UNROLL];
        for u in 0..UNROLL {
            // SAFETY: `l + (u + 1) * W <= lo + rem + UNROLL * W <= hi - UNROLL * W`,
            // and the right block lies in `[hi - UNROLL * W, hi)`; both inside the range.
            unsafe {
                bl[u] = _mm512_loadu_si512(a.add(l + u * W) as *const _);
                br[u] = _mm512_loadu_si512(a.add(r - (UNROLL - u) * W) as *const _);
            }
        }
        l += UNROLL * W;
        r -= UNROLL * W;
        let mut ls = lo;
        let mut rs = hi;
        // As in the 64-bit partition: reading the next block from the side with fewer
        // free slots leaves both with room for this block's stores.
        while r - l >= UNROLL * W {
            let mut vs = [pv; UNROLL];
            if rs - r < l - ls {
                r -= UNROLL * W;
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[r, r + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(r + u * W) as *const _) };
                    prefetch(a.wrapping_add(r + u * W).wrapping_sub(UNROLL * W));
                }
            } else {
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[l, l + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(l + u * W) as *const _) };
                    prefetch(a.wrapping_add(l + (UNROLL + u) * W));
                }
                l += UNROLL * W;
            }
            for v in vs {
                // SAFETY: by the invariant above both sides have room for `UNROLL * W`
                // numbers, so at each of these stores at least `W` slots are free on
                // each side.
                unsafe { put_full::<L, STRICT>(a, pv, v, &mut ls, &mut rs) };
            }
        }
        while l < r {
            let v = if rs - r < l - ls {
                r -= W;
                // SAFETY: `[r, r + W)` is unread and inside the range.
                unsafe { _mm512_loadu_si512(a.add(r) as *const _) }
            } else {
                l += W;
                // SAFETY: `[l - W, l)` is unread and inside the range.
                unsafe { _mm512_loadu_si512(a.add(l - W) as *const _) }
            };
            // SAFETY: as above, both sides have at least `W` free slots.
            unsafe { put_full::<L, STRICT>(a, pv, v, &mut ls, &mut rs) };
        }
        for v in bl.into_iter().chain(br) {
            // SAFETY: the `2 * UNROLL * W + rem` buffered numbers fill the gap exactly.
            unsafe { put::<L, STRICT>(a, pv, v, 0xFFFF, &mut ls, &mut rs) };
        }
        // SAFETY: as above.
        unsafe { put::<L, STRICT>(a, pv, head, head_mask, &mut ls, &mut rs) };
        ls
    }

    /// Scalar sort of `[lo, hi)` (the recursion-depth fallback).
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased.
    unsafe fn fallback_sort<L: Lane>(a: *mut i32, lo: usize, hi: usize) {
        // SAFETY: forwarded contract.
        let s = unsafe { std::slice::from_raw_parts_mut(a.add(lo), hi - lo) };
        s.sort_unstable_by(|x, y| {
            if L::lt_bits(*x, *y) {
                std::cmp::Ordering::Less
            } else if L::lt_bits(*y, *x) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
    }

    /// Quicksort `[lo, hi)` of `a`; with `KEYS` the numbers are float keys
    /// ([`float_key`]) and leave as float bits.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn qsort<L: Lane, const KEYS: bool>(
        a: *mut i32,
        mut lo: usize,
        mut hi: usize,
        mut depth: u32,
    ) {
        loop {
            let n = hi - lo;
            if n <= SMALL {
                // SAFETY: forwarded contract, `n <= SMALL`.
                unsafe { small_sort::<L, KEYS>(a.add(lo), n) };
                return;
            }
            if depth == 0 {
                // SAFETY: forwarded contract.
                unsafe { fallback_sort::<L>(a, lo, hi) };
                if KEYS {
                    // SAFETY: forwarded contract.
                    unsafe { keys_back(a, lo, hi) };
                }
                return;
            }
            depth -= 1;
            // SAFETY: forwarded contract; `n > SMALL >= 2 * UNROLL * W` and `>= 32`.
            unsafe {
                let pv = pivot::<L>(a, lo, hi);
                let p = partition::<L, false>(a, lo, hi, pv);
                if p == lo {
                    // The pivot is the range's minimum: split off the copies of it.
                    let q = partition::<L, true>(a, lo, hi, pv);
                    if KEYS {
                        keys_back(a, lo, q);
                    }
                    lo = q;
                    continue;
                }
                if p - lo < hi - p {
                    qsort::<L, KEYS>(a, lo, p, depth);
                    lo = p;
                } else {
                    qsort::<L, KEYS>(a, p, hi, depth);
                    hi = p;
                }
            }
        }
    }

    /// Ranges at least this long are split by [`bracket_pivot`] in [`qselect`].
    const BRACKET_MIN: usize = 1 << 15;

    /// A quickselect pivot for position `k` of `[lo, hi)`: from a sorted sample of
    /// [`SMALL`] evenly spaced numbers, the one at [`super::bracket_rank`].
    ///
    /// # Safety
    /// `a` is valid for reads of `hi` numbers and `hi - lo >= SMALL`, `lo <= k < hi`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn bracket_pivot<L: Lane>(a: *const i32, lo: usize, hi: usize, k: usize) -> i32 {
        let n = hi - lo;
        let step = n / SMALL;
        let mut s = [0i32; SMALL];
        for (i, x) in s.iter_mut().enumerate() {
            // SAFETY: `lo + step / 2 + i * step < lo + SMALL * step <= hi`.
            *x = unsafe { *a.add(lo + step / 2 + i * step) };
        }
        // SAFETY: `s` holds `SMALL` numbers.
        unsafe { small_sort::<L, false>(s.as_mut_ptr(), SMALL) };
        s[super::bracket_rank(k - lo, n, SMALL)]
    }

    /// Quickselect: put the `k`-th smallest of `[lo, hi)` (with `lo <= k < hi`) at `k`,
    /// nothing larger before it and nothing smaller after.
    ///
    /// # Safety
    /// As [`qsort`].
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn qselect<L: Lane>(a: *mut i32, mut lo: usize, mut hi: usize, k: usize) {
        let mut depth = 2 * usize::BITS.saturating_sub((hi - lo).leading_zeros()) + 8;
        loop {
            let n = hi - lo;
            if n <= SMALL {
                // SAFETY: forwarded contract, `n <= SMALL`.
                unsafe { small_sort::<L, false>(a.add(lo), n) };
                return;
            }
            if depth == 0 {
                // SAFETY: forwarded contract.
                unsafe { fallback_sort::<L>(a, lo, hi) };
                return;
            }
            depth -= 1;
            // SAFETY: forwarded contract; `n > SMALL`.
            unsafe {
                let pv = if n >= BRACKET_MIN {
                    bracket_pivot::<L>(a, lo, hi, k)
                } else {
                    pivot::<L>(a, lo, hi)
                };
                let p = partition::<L, false>(a, lo, hi, pv);
                if p == lo {
                    let q = partition::<L, true>(a, lo, hi, pv);
                    if k < q {
                        return; // `[lo, q)` all equal the pivot, the smallest value.
                    }
                    lo = q;
                } else if k < p {
                    hi = p;
                } else {
                    lo = p;
                }
            }
        }
    }

    /// Partition `v` (bits of lane type `L`) around each position in `kth` (sorted, in
    /// bounds); false without AVX-512.
    pub fn select<L: Lane>(v: &mut [i32], kth: &[usize]) -> bool {
        if !super::available() {
            return false;
        }
        let n = v.len();
        let a = v.as_mut_ptr();
        let mut lo = 0usize;
        for &k in kth {
            if k < lo || k >= n {
                continue;
            }
            // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `v` is
            // exclusively borrowed and holds `n` numbers; `lo <= k < n`.
            unsafe { qselect::<L>(a, lo, n, k) };
            lo = k + 1;
        }
        true
    }

    /// The recursion budget for `n` numbers before the scalar fallback.
    fn depth_for(n: usize) -> u32 {
        2 * (usize::BITS - n.leading_zeros()) + 8
    }

    /// Sort `v` (bits of lane type `L`); false without AVX-512.
    pub fn sort<L: Lane>(v: &mut [i32]) -> bool {
        if !super::available() {
            return false;
        }
        let n = v.len();
        // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `v` is exclusively
        // borrowed and holds `n` numbers.
        unsafe { qsort::<L, false>(v.as_mut_ptr(), 0, n, depth_for(n)) };
        true
    }

    /// Sort float32 in NumPy's order (NaNs last in input order, payloads kept); false
    /// without AVX-512. One pass moves the NaNs out and turns the rest into integer
    /// keys, the quicksort runs on the keys, and the network's stores turn them back.
    pub fn sort_f32(v: &mut [f32]) -> bool {
        if !super::available() {
            return false;
        }
        let n = v.len();
        let a = v.as_mut_ptr() as *mut i32;
        let mut nans: Vec<i32> = Vec::new();
        // SAFETY: the CPU has AVX-512F (checked above); `v` is exclusively borrowed and
        // holds `n` numbers, whose bits are read and written as `i32` (same size and
        // alignment, every pattern valid).
        unsafe {
            let w = to_keys(a, a, n, &mut nans);
            qsort::<I32, true>(a, 0, w, depth_for(w));
            std::ptr::copy_nonoverlapping(nans.as_ptr(), a.add(w), nans.len());
        }
        true
    }

    /// The float lanes of `x` (within `m`) that are NaN.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn nan_lanes(m: __mmask16, x: __m512i) -> __mmask16 {
        _mm512_mask_cmp_ps_mask::<_CMP_UNORD_Q>(m, _mm512_castsi512_ps(x), _mm512_castsi512_ps(x))
    }

    /// Push the lanes `nan` of `x` to `nans`, in lane order.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn push_lanes(x: __m512i, nan: __mmask16, nans: &mut Vec<i32>) {
        let mut lanes = [0i32; W];
        // SAFETY: `lanes` holds `W` numbers.
        unsafe { _mm512_storeu_si512(lanes.as_mut_ptr() as *mut _, x) };
        for (lane, &bits) in lanes.iter().enumerate() {
            if nan & (1 << lane) != 0 {
                nans.push(bits);
            }
        }
    }

    /// Write the keys ([`float_key`]) of the `n` float bits at `src` to `dst`, NaNs
    /// left out: the keys are packed at the front of `dst` in input order, the NaNs'
    /// bits pushed to `nans`. Returns the number of keys.
    ///
    /// # Safety
    /// `src` is valid for reads and `dst` for writes of `n` numbers; they are the same
    /// pointer (keys in place) or do not overlap.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn to_keys(src: *const i32, dst: *mut i32, n: usize, nans: &mut Vec<i32>) -> usize {
        let mut w = 0usize;
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` numbers; the others are not
            // touched.
            let x = unsafe { _mm512_maskz_loadu_epi32(m, src.add(i)) };
            let nan = nan_lanes(m, x);
            let keep = m & !nan;
            if nan != 0 {
                push_lanes(x, nan, nans);
            }
            let nk = keep.count_ones() as usize;
            if w == i && nan == 0 {
                // No NaN so far: the keys go to the same positions, no compress needed.
                // SAFETY: the lanes of `m` are among the `n` numbers (already read when
                // `dst` is `src`).
                unsafe { _mm512_mask_storeu_epi32(dst.add(i), m, float_keys(x)) };
            } else {
                let kv = _mm512_maskz_compress_epi32(keep, float_keys(x));
                // SAFETY: `w <= i`, so the stored lanes lie among the first `i + W`
                // positions, on numbers already read when `dst` is `src`.
                unsafe {
                    _mm512_mask_storeu_epi32(dst.add(w), ((1u32 << nk) - 1) as __mmask16, kv)
                };
            }
            w += nk;
            i += W;
        }
        w
    }

    /// Partition float32 in NumPy's order (NaNs are the largest values) around each
    /// position of `kth` (sorted, in bounds); false without AVX-512. The non-NaN
    /// values are selected as integer keys of their bits, so the output permutes the
    /// input bits.
    pub fn select_f32(v: &mut [f32], kth: &[usize]) -> bool {
        if !super::available() {
            return false;
        }
        let n = v.len();
        let a = v.as_mut_ptr() as *mut i32;
        let mut nans: Vec<i32> = Vec::new();
        // SAFETY: the CPU has AVX-512F (checked above); `v` is exclusively borrowed and
        // holds `n` numbers, whose bits are read and written as `i32` (same size and
        // alignment, every pattern valid).
        let w = unsafe { to_keys(a, a, n, &mut nans) };
        let mut lo = 0usize;
        for &k in kth {
            // Positions at or past `w` hold NaNs, placed below.
            if k < lo || k >= w {
                continue;
            }
            // SAFETY: as above; `lo <= k < w <= n`.
            unsafe { qselect::<I32>(a, lo, w, k) };
            lo = k + 1;
        }
        // SAFETY: as above; `[0, w)` holds keys, `[w, n)` takes the NaNs.
        unsafe {
            all_keys_back(a, w);
            std::ptr::copy_nonoverlapping(nans.as_ptr(), a.add(w), nans.len());
        }
        true
    }

    /// Map the `n` keys at `a` back to float bits, sixteen at a time.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `n` numbers.
    #[target_feature(enable = "avx512f")]
    unsafe fn all_keys_back(a: *mut i32, n: usize) {
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` numbers at `a`.
            unsafe {
                let x = _mm512_maskz_loadu_epi32(m, a.add(i));
                _mm512_mask_storeu_epi32(a.add(i), m, float_keys(x));
            }
            i += W;
        }
    }

    /// See [`super::count_below_equal_u32`].
    pub fn count_below_equal(keys: &[u32], pivot: u32) -> Option<(usize, usize)> {
        if !super::available() {
            return None;
        }
        // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `keys` holds
        // `keys.len()` numbers.
        Some(unsafe { count_avx(keys.as_ptr(), keys.len(), pivot) })
    }

    /// The loop of [`count_below_equal`].
    ///
    /// # Safety
    /// `keys` is valid for reads of `n` numbers.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn count_avx(keys: *const u32, n: usize, pivot: u32) -> (usize, usize) {
        let pv = _mm512_set1_epi32(pivot as i32);
        let (mut lt, mut eq) = (0usize, 0usize);
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` keys.
            let k = unsafe { _mm512_maskz_loadu_epi32(m, keys.add(i) as *const i32) };
            lt += _mm512_mask_cmplt_epu32_mask(m, k, pv).count_ones() as usize;
            eq += _mm512_mask_cmpeq_epi32_mask(m, k, pv).count_ones() as usize;
            i += W;
        }
        (lt, eq)
    }

    /// See [`super::scatter3_u32`].
    pub fn scatter3(keys: &[u32], pivot: u32, starts: [usize; 3], idx: &mut [i64]) -> bool {
        let n = keys.len();
        if !super::available()
            || idx.len() != n
            || starts[0] > starts[1]
            || starts[1] > starts[2]
            || starts[2] > n
        {
            return false;
        }
        // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `keys` and `idx`
        // hold `n` numbers each and the starts are ordered within `0..=n` (checked).
        unsafe { scatter3_avx(keys.as_ptr(), n, pivot, starts, idx.as_mut_ptr()) }
    }

    /// The loop of [`scatter3`]; false when a group outgrows its part of `idx` (the
    /// starts do not match the keys), before any write past the part.
    ///
    /// # Safety
    /// `keys` is valid for reads of `n` numbers, `idx` for writes of `n`, and
    /// `starts` are ordered within `0..=n`.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn scatter3_avx(
        keys: *const u32,
        n: usize,
        pivot: u32,
        starts: [usize; 3],
        idx: *mut i64,
    ) -> bool {
        let pv = _mm512_set1_epi32(pivot as i32);
        let [mut p0, mut p1, mut p2] = starts;
        let [e0, e1, e2] = [starts[1], starts[2], n];
        let step = _mm512_set1_epi64(W as i64);
        let mut lo = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
        let mut hi = _mm512_setr_epi64(8, 9, 10, 11, 12, 13, 14, 15);
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` keys.
            let k = unsafe { _mm512_maskz_loadu_epi32(m, keys.add(i) as *const i32) };
            let lt = _mm512_mask_cmplt_epu32_mask(m, k, pv);
            let gt = _mm512_mask_cmpgt_epu32_mask(m, k, pv);
            let eq = m & !(lt | gt);
            let fits = |p: usize, g: __mmask16, e: usize| p + g.count_ones() as usize <= e;
            if !(fits(p0, lt, e0) && fits(p1, eq, e1) && fits(p2, gt, e2)) {
                return false;
            }
            // SAFETY: each group's writes stay below the start of the next part
            // (checked just above), inside `idx`.
            unsafe {
                put_indices(idx, lt, lo, hi, &mut p0);
                if eq != 0 {
                    put_indices(idx, eq, lo, hi, &mut p1);
                }
                put_indices(idx, gt, lo, hi, &mut p2);
            }
            lo = _mm512_add_epi64(lo, step);
            hi = _mm512_add_epi64(hi, step);
            i += W;
        }
        true
    }

    /// Store the indices (`lo` for lanes 0..8, `hi` for lanes 8..16) of the lanes `m`
    /// at `idx + *p` in lane order, advancing `*p`.
    ///
    /// # Safety
    /// `idx` is valid for writes of `popcount(m)` numbers from `*p`.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn put_indices(idx: *mut i64, m: __mmask16, lo: __m512i, hi: __m512i, p: &mut usize) {
        let (ml, mh) = ((m & 0xFF) as __mmask8, (m >> 8) as __mmask8);
        let (cl, ch) = (ml.count_ones() as usize, mh.count_ones() as usize);
        // SAFETY: per the contract; the stores write only their first `cl` / `ch`
        // lanes.
        unsafe {
            _mm512_mask_storeu_epi64(
                idx.add(*p),
                ((1u32 << cl) - 1) as __mmask8,
                _mm512_maskz_compress_epi64(ml, lo),
            );
            _mm512_mask_storeu_epi64(
                idx.add(*p + cl),
                ((1u32 << ch) - 1) as __mmask8,
                _mm512_maskz_compress_epi64(mh, hi),
            );
        }
        *p += cl + ch;
    }

    /// Inputs at least this long take [`sort_into`]'s fused first pass.
    const INTO_MIN: usize = 1 << 12;

    sort_into_fn!(i32, u32, f32, super::available);

    /// The fused first pass of [`sort_into`]: read the `n` numbers at `src` and write
    /// those below `pivot` to `dst` from the front, the others to `dst` from the back
    /// (with `KEYS`: as float keys, NaNs pushed to `nans` instead). Returns the counts
    /// of the two sides.
    ///
    /// # Safety
    /// `src` is valid for reads and `dst` for writes of `n` numbers, not overlapping.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn split_into<L: Lane, const KEYS: bool>(
        src: *const i32,
        dst: *mut i32,
        n: usize,
        pivot: i32,
        nans: &mut Vec<i32>,
    ) -> (usize, usize) {
        let pv = _mm512_set1_epi32(pivot);
        let mut ls = 0usize;
        let mut rs = n;
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` numbers at `src`.
            let x = unsafe { _mm512_maskz_loadu_epi32(m, src.add(i)) };
            prefetch(src.wrapping_add(i + 8 * W));
            let (keep, v) = if KEYS {
                let nan = nan_lanes(m, x);
                if nan != 0 {
                    push_lanes(x, nan, nans);
                }
                (m & !nan, float_keys(x))
            } else {
                (m, x)
            };
            let right = !lt::<L>(v, pv) & keep;
            let left = !right & keep;
            let (nl, nr) = (left.count_ones() as usize, right.count_ones() as usize);
            rs -= nr;
            // SAFETY: `ls + nl + (n - rs) <= i + popcount(m) <= n`: the stores write
            // only `nl` / `nr` numbers, inside `dst`, and never over each other.
            unsafe {
                _mm512_mask_compressstoreu_epi32(dst.add(ls) as *mut _, left, v);
                _mm512_mask_compressstoreu_epi32(dst.add(rs) as *mut _, right, v);
            }
            ls += nl;
            i += W;
        }
        (ls, n - rs)
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests32 {
    use super::imp32::{select, sort, I32, U32};

    #[test]
    fn bracket_rank_stays_in_the_sample_and_leans_to_the_middle() {
        for s in [128usize, 256] {
            for n in [32_768usize, 100_000, 1 << 24] {
                for off in [
                    0,
                    1,
                    n / 100,
                    n / 3,
                    n / 2 - 1,
                    n / 2,
                    2 * n / 3,
                    n - 2,
                    n - 1,
                ] {
                    let r = super::bracket_rank(off, n, s);
                    assert!(r < s, "n={n} off={off}");
                    let t = off * s / n;
                    if 2 * off < n {
                        assert!(r > t || r == s - 1, "n={n} off={off} r={r} t={t}");
                    } else {
                        assert!(r < t.max(1), "n={n} off={off} r={r} t={t}");
                    }
                }
            }
        }
        assert_eq!(super::bracket_rank(0, 0, 256), 1);
    }

    #[test]
    fn network_and_quicksort_sort_every_length() {
        if !super::available() {
            return;
        }
        let mut s = 77u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for n in (0..600).chain([1000, 4096, 70_001]) {
            for modulus in [3u64, 1000, u64::MAX] {
                let v: Vec<i32> = (0..n).map(|_| (next() % modulus) as i32).collect();
                let mut a = v.clone();
                assert!(sort::<I32>(&mut a));
                let mut want = v.clone();
                want.sort_unstable();
                assert_eq!(a, want, "n={n} modulus={modulus}");
                let mut u = v.clone();
                assert!(sort::<U32>(&mut u));
                let mut want: Vec<u32> = v.iter().map(|&x| x as u32).collect();
                want.sort_unstable();
                let got: Vec<u32> = u.iter().map(|&x| x as u32).collect();
                assert_eq!(got, want, "unsigned n={n}");
                if n > 0 {
                    let mut p = v.clone();
                    assert!(select::<I32>(&mut p, &[n / 2]));
                    let mut want = v.clone();
                    want.sort_unstable();
                    assert_eq!(p[n / 2], want[n / 2]);
                }
            }
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    //! No AVX-512 outside x86-64: every entry point declines.

    pub struct I64;
    pub struct U64;
    pub struct F64;

    pub fn available() -> bool {
        false
    }
    pub fn sort<L>(_v: &mut [i64]) -> bool {
        false
    }
    pub fn sort_f64(_v: &mut [f64]) -> bool {
        false
    }
    pub fn sort_bits<L, T>(_v: &mut [T]) -> bool {
        false
    }
    pub fn select_bits<L, T>(_v: &mut [T], _kth: &[usize]) -> bool {
        false
    }
    pub fn sort_into<L, const KEYS: bool>(_src: &[i64], _dst: &mut [i64]) -> bool {
        false
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::prefetch;
    use std::arch::x86_64::*;

    /// Numbers per vector.
    const W: usize = 8;
    /// Vectors buffered from each end of a partition (and loaded per step).
    const UNROLL: usize = 8;
    /// Ranges up to this length are sorted by the network.
    const SMALL: usize = 128;
    const _: () = assert!(SMALL >= 2 * UNROLL * W);

    /// True when this CPU runs the kernels (AVX-512 Foundation and POPCNT).
    pub fn available() -> bool {
        is_x86_feature_detected!("avx512f")
            && is_x86_feature_detected!("popcnt")
            && !super::force_avx2()
    }

    /// A 64-bit lane type: how its bits compare.
    pub trait Lane {
        /// 0: signed, 1: unsigned, 2: IEEE double without NaNs.
        const KIND: u8;
        /// The bits of the largest value (padding for partial vectors).
        const MAX: i64;
        /// Scalar `a < b` on the bits.
        fn lt_bits(a: i64, b: i64) -> bool;
    }

    /// `int64`.
    pub struct I64;
    /// `uint64`.
    pub struct U64;
    /// `float64` with the NaNs already removed.
    pub struct F64;

    impl Lane for I64 {
        const KIND: u8 = 0;
        const MAX: i64 = i64::MAX;
        #[inline(always)]
        fn lt_bits(a: i64, b: i64) -> bool {
            a < b
        }
    }
    impl Lane for U64 {
        const KIND: u8 = 1;
        const MAX: i64 = -1;
        #[inline(always)]
        fn lt_bits(a: i64, b: i64) -> bool {
            (a as u64) < (b as u64)
        }
    }
    impl Lane for F64 {
        const KIND: u8 = 2;
        const MAX: i64 = f64::INFINITY.to_bits() as i64;
        #[inline(always)]
        fn lt_bits(a: i64, b: i64) -> bool {
            f64::from_bits(a as u64) < f64::from_bits(b as u64)
        }
    }

    /// Lanes where `a < b`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn lt<L: Lane>(a: __m512i, b: __m512i) -> __mmask8 {
        match L::KIND {
            0 => _mm512_cmplt_epi64_mask(a, b),
            1 => _mm512_cmplt_epu64_mask(a, b),
            _ => _mm512_cmp_pd_mask::<_CMP_LT_OQ>(_mm512_castsi512_pd(a), _mm512_castsi512_pd(b)),
        }
    }

    /// The smaller of `a` and `b` per lane, `a` on ties (so equal floats of different
    /// bits, -0.0 and 0.0, are never duplicated).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn min<L: Lane>(a: __m512i, b: __m512i) -> __m512i {
        match L::KIND {
            0 => _mm512_min_epi64(a, b),
            1 => _mm512_min_epu64(a, b),
            _ => _mm512_mask_blend_epi64(lt::<L>(b, a), a, b),
        }
    }

    /// The larger of `a` and `b` per lane, `a` on ties.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn max<L: Lane>(a: __m512i, b: __m512i) -> __m512i {
        match L::KIND {
            0 => _mm512_max_epi64(a, b),
            1 => _mm512_max_epu64(a, b),
            _ => _mm512_mask_blend_epi64(lt::<L>(a, b), a, b),
        }
    }

    /// A vector from eight lane values (lane 0 first).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn lanes(x: [i64; 8]) -> __m512i {
        _mm512_setr_epi64(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
    }

    /// Compare-exchange lane `i` with lane `perm[i]`; lanes whose bit is set in `up`
    /// keep the larger value.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn cx<L: Lane>(v: __m512i, perm: [i64; 8], up: __mmask8) -> __m512i {
        let p = _mm512_permutexvar_epi64(lanes(perm), v);
        _mm512_mask_blend_epi64(up, min::<L>(v, p), max::<L>(v, p))
    }

    const SWAP1: [i64; 8] = [1, 0, 3, 2, 5, 4, 7, 6];
    const SWAP2: [i64; 8] = [2, 3, 0, 1, 6, 7, 4, 5];
    const MIRROR4: [i64; 8] = [3, 2, 1, 0, 7, 6, 5, 4];
    const REVERSE: [i64; 8] = [7, 6, 5, 4, 3, 2, 1, 0];

    /// Sort the eight lanes of `v` (bitonic network, six layers).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort8<L: Lane>(v: __m512i) -> __m512i {
        let v = cx::<L>(v, SWAP1, 0xAA);
        let v = cx::<L>(v, MIRROR4, 0xCC);
        let v = cx::<L>(v, SWAP1, 0xAA);
        let v = cx::<L>(v, REVERSE, 0xF0);
        let v = cx::<L>(v, SWAP2, 0xCC);
        cx::<L>(v, SWAP1, 0xAA)
    }

    /// Reverse the lanes of `v`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn rev(v: __m512i) -> __m512i {
        _mm512_permutexvar_epi64(lanes(REVERSE), v)
    }

    /// Sort the bitonic registers `a` and `b` at once: the three half-cleaner layers of
    /// each are done on their lanes regrouped so that every layer is one `min` and one `max`
    /// of two whole vectors.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn merge_pair<L: Lane>(a: __m512i, b: __m512i) -> (__m512i, __m512i) {
        let i1a = lanes([0, 1, 2, 3, 8, 9, 10, 11]);
        let i1b = lanes([4, 5, 6, 7, 12, 13, 14, 15]);
        let i2a = lanes([0, 1, 8, 9, 4, 5, 12, 13]);
        let i2b = lanes([2, 3, 10, 11, 6, 7, 14, 15]);
        let i4a = lanes([0, 8, 1, 9, 2, 10, 3, 11]);
        let i4b = lanes([4, 12, 5, 13, 6, 14, 7, 15]);
        // Distance 4: lanes 0-3 of each register against lanes 4-7.
        let x = _mm512_permutex2var_epi64(a, i1a, b);
        let y = _mm512_permutex2var_epi64(a, i1b, b);
        let (lo, hi) = (min::<L>(x, y), max::<L>(y, x));
        // Distance 2.
        let x = _mm512_permutex2var_epi64(lo, i2a, hi);
        let y = _mm512_permutex2var_epi64(lo, i2b, hi);
        let (lo, hi) = (min::<L>(x, y), max::<L>(y, x));
        // Distance 1.
        let x = _mm512_unpacklo_epi64(lo, hi);
        let y = _mm512_unpackhi_epi64(lo, hi);
        let (lo, hi) = (min::<L>(x, y), max::<L>(y, x));
        (
            _mm512_permutex2var_epi64(lo, i4a, hi),
            _mm512_permutex2var_epi64(lo, i4b, hi),
        )
    }

    /// One merge stage of [`sort_regs`]: the sorted runs of `S / 2` registers are
    /// merged pairwise into sorted runs of `S` registers (a mirror step, the
    /// half-cleaners across registers, then [`merge_pair`] inside them). Every loop
    /// is unrolled in the source, so the registers never leave the register file.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn merge_stage<L: Lane, const N: usize, const S: usize>(v: &mut [__m512i; N]) {
        // Mirror step: register k of a block against register (block end - 1 - k).
        unroll!(k < N => {
            let off = k % S;
            if off < S / 2 {
                let j = k - off + S - 1 - off;
                if j < N {
                    let a = v[k];
                    let c = rev(v[j]);
                    v[k] = min::<L>(a, c);
                    v[j] = rev(max::<L>(c, a));
                }
            }
        });
        // Half-cleaners across registers, distances S/4, ..., 1.
        half_clean::<L, N, S, 8>(v);
        half_clean::<L, N, S, 4>(v);
        half_clean::<L, N, S, 2>(v);
        half_clean::<L, N, S, 1>(v);
        unroll!(k < N => {
            if k % 2 == 0 && k + 1 < N {
                (v[k], v[k + 1]) = merge_pair::<L>(v[k], v[k + 1]);
            }
        });
    }

    /// The half-cleaner layer at register distance `D` of [`merge_stage`] (nothing
    /// unless `D <= S / 4`).
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn half_clean<L: Lane, const N: usize, const S: usize, const D: usize>(v: &mut [__m512i; N]) {
        if D > S / 4 {
            return;
        }
        unroll!(k < N => {
            if k & D == 0 && k + D < N {
                let (x, y) = (v[k], v[k + D]);
                v[k] = min::<L>(x, y);
                v[k + D] = max::<L>(y, x);
            }
        });
    }

    /// Sort the `8 * N` numbers in `v` (register 0 lane 0 first); `N` a power of two
    /// up to 16. Straight-line code: every register index is a constant.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort_regs<L: Lane, const N: usize>(v: &mut [__m512i; N]) {
        unroll!(k < N => {
            v[k] = sort8::<L>(v[k]);
        });
        if N == 1 {
            return;
        }
        merge_stage::<L, N, 2>(v);
        if N >= 4 {
            merge_stage::<L, N, 4>(v);
        }
        if N >= 8 {
            merge_stage::<L, N, 8>(v);
        }
        if N >= 16 {
            merge_stage::<L, N, 16>(v);
        }
    }

    lane_network!(i64, _mm512_permutex2var_epi64);

    /// Transpose the 8 x 8 matrix of numbers in `a` (register `r`, lane `c`): lane `r`
    /// of register `c` of the result is lane `c` of `a[r]`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn transpose8(a: [__m512i; 8]) -> [__m512i; 8] {
        let mut x = [a[0]; 8];
        for k in 0..4 {
            x[2 * k] = _mm512_unpacklo_epi64(a[2 * k], a[2 * k + 1]);
            x[2 * k + 1] = _mm512_unpackhi_epi64(a[2 * k], a[2 * k + 1]);
        }
        // `x[2k]` holds rows 2k, 2k+1 of the even columns, `x[2k+1]` of the odd ones.
        let lo2 = lanes([0, 1, 8, 9, 4, 5, 12, 13]);
        let hi2 = lanes([2, 3, 10, 11, 6, 7, 14, 15]);
        let mut y = [a[0]; 8];
        for (h, base) in [0usize, 4].into_iter().enumerate() {
            for odd in 0..2 {
                let (p, q) = (x[base + odd], x[base + 2 + odd]);
                // Rows 4h..4h+4 of columns {odd, odd + 4} and {odd + 2, odd + 6}.
                y[4 * h + odd] = _mm512_permutex2var_epi64(p, lo2, q);
                y[4 * h + 2 + odd] = _mm512_permutex2var_epi64(p, hi2, q);
            }
        }
        // `y[4h + j]` holds rows 4h..4h+4 of columns j (low half) and j + 4 (high).
        let mut t = [a[0]; 8];
        for j in 0..4 {
            t[j] = _mm512_shuffle_i64x2::<0b01_00_01_00>(y[j], y[4 + j]);
            t[j + 4] = _mm512_shuffle_i64x2::<0b11_10_11_10>(y[j], y[4 + j]);
        }
        t
    }

    /// Sort the `8 * N` numbers in `v` (`N` 8 or 16) and leave them in order
    /// (register 0 lane 0 first). The bitonic network runs on the numbers as if number
    /// `c * N + r` sat in lane `c` of register `r`: then every layer that compares
    /// numbers less than `N` apart is a `min` and a `max` of whole registers, and only
    /// the few layers with longer distances permute lanes. A transpose puts the sorted
    /// numbers back in order.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn sort_cols<L: Lane, const N: usize>(v: &mut [__m512i; N]) {
        // The first levels sort each column: a column network of whole registers.
        if let Ok(c) = <&mut [__m512i; 16]>::try_from(&mut v[..]) {
            sort_columns16!(L, c);
        } else if let Ok(c) = <&mut [__m512i; 8]>::try_from(&mut v[..]) {
            sort_columns8!(L, c);
        }
        col_merge::<L, N, 4>(v);
        col_merge::<L, N, 5>(v);
        col_merge::<L, N, 6>(v);
        col_merge::<L, N, 7>(v);
        // Number `c * N + r` belongs in lane `r % 8` of register `c * (N / 8) + r / 8`.
        let per = N / 8;
        let mut out = *v;
        for h in 0..per {
            let mut block = [v[0]; 8];
            for (l, b) in block.iter_mut().enumerate() {
                *b = v[8 * h + l];
            }
            let t = transpose8(block);
            for (c, tc) in t.into_iter().enumerate() {
                out[c * per + h] = tc;
            }
        }
        *v = out;
    }

    /// Lanes of register `r` that hold one of the first `n` numbers.
    #[inline(always)]
    fn valid_mask(r: usize, n: usize) -> __mmask8 {
        let start = r * W;
        if n >= start + W {
            0xFF
        } else if n <= start {
            0
        } else {
            ((1u32 << (n - start)) - 1) as __mmask8
        }
    }

    /// Sort the `n <= 8 * N` numbers at `p` with the network.
    ///
    /// # Safety
    /// `p` is valid for reads and writes of `n` numbers.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn small_n<L: Lane, const N: usize, const KEYS: bool>(p: *mut i64, n: usize) {
        let pad = _mm512_set1_epi64(L::MAX);
        let mut v = [pad; N];
        for (r, reg) in v.iter_mut().enumerate() {
            let m = valid_mask(r, n);
            if m != 0 {
                // SAFETY: the masked lanes are among the first `n` numbers at `p`;
                // unmasked lanes are not touched, and `r * W < n` keeps the pointer
                // inside the range.
                *reg = unsafe { _mm512_mask_loadu_epi64(pad, m, p.add(r * W)) };
            }
        }
        if N >= 8 {
            sort_cols::<L, N>(&mut v);
        } else {
            sort_regs::<L, N>(&mut v);
        }
        for (r, reg) in v.iter().enumerate() {
            let m = valid_mask(r, n);
            let reg = if KEYS { &float_keys(*reg) } else { reg };
            if m != 0 {
                // SAFETY: as for the loads.
                unsafe { _mm512_mask_storeu_epi64(p.add(r * W), m, *reg) };
            }
        }
    }

    /// Sort the `n <= SMALL` numbers at `p`.
    ///
    /// # Safety
    /// `p` is valid for reads and writes of `n` numbers.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn small_sort<L: Lane, const KEYS: bool>(p: *mut i64, n: usize) {
        // SAFETY: the forwarded contract, for every arm; each arm holds at least `n`.
        unsafe {
            match n {
                0 => {}
                1 => {
                    if KEYS {
                        *p = float_key(*p);
                    }
                }
                2..=8 => small_n::<L, 1, KEYS>(p, n),
                9..=16 => small_n::<L, 2, KEYS>(p, n),
                17..=32 => small_n::<L, 4, KEYS>(p, n),
                33..=64 => small_n::<L, 8, KEYS>(p, n),
                _ => small_n::<L, 16, KEYS>(p, n),
            }
        }
    }

    /// The order-preserving involution between a NaN-free float's bits and a signed
    /// integer key: negative values get their magnitude bits flipped.
    #[inline(always)]
    fn float_key(b: i64) -> i64 {
        b ^ (((b >> 63) as u64) >> 1) as i64
    }

    /// [`float_key`] on every lane.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn float_keys(v: __m512i) -> __m512i {
        _mm512_xor_si512(v, _mm512_srli_epi64::<1>(_mm512_srai_epi64::<63>(v)))
    }

    /// Map the keys of `[lo, hi)` back to float bits (ranges the network never sees).
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers.
    unsafe fn keys_back(a: *mut i64, lo: usize, hi: usize) {
        // SAFETY: forwarded contract.
        let s = unsafe { std::slice::from_raw_parts_mut(a.add(lo), hi - lo) };
        for x in s {
            *x = float_key(*x);
        }
    }

    /// Ranges at least this long take their pivot from 64 samples instead of 8.
    const BIG_SAMPLE: usize = 1 << 13;

    /// A pivot for `[lo, hi)`: the median of eight evenly spaced numbers, or of 64 for
    /// long ranges (a closer median saves more partition work than the sample costs).
    ///
    /// # Safety
    /// `a` is valid for reads of `hi` numbers and `hi - lo >= 16`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn pivot<L: Lane>(a: *const i64, lo: usize, hi: usize) -> i64 {
        let n = hi - lo;
        if n >= BIG_SAMPLE {
            let step = n / 64;
            let mut s = [0i64; 64];
            for (i, x) in s.iter_mut().enumerate() {
                // SAFETY: `lo + step / 2 + i * step < lo + 64 * step <= hi`.
                *x = unsafe { *a.add(lo + step / 2 + i * step) };
            }
            let mut regs = [_mm512_setzero_si512(); 8];
            for (r, reg) in regs.iter_mut().enumerate() {
                // SAFETY: `s` holds 64 numbers, eight per register.
                *reg = unsafe { _mm512_loadu_si512(s.as_ptr().add(r * W) as *const _) };
            }
            sort_regs::<L, 8>(&mut regs);
            let mut out = [0i64; 8];
            // SAFETY: `out` holds eight numbers.
            unsafe { _mm512_storeu_si512(out.as_mut_ptr() as *mut _, regs[4]) };
            return out[0];
        }
        let step = n / 8;
        let mut s = [0i64; 8];
        for (i, x) in s.iter_mut().enumerate() {
            // SAFETY: `lo + step / 2 + i * step < lo + 8 * step <= hi`.
            *x = unsafe { *a.add(lo + step / 2 + i * step) };
        }
        let v = sort8::<L>(lanes(s));
        let mut out = [0i64; 8];
        // SAFETY: `out` holds eight numbers.
        unsafe { _mm512_storeu_si512(out.as_mut_ptr() as *mut _, v) };
        out[4]
    }

    /// For each mask of "right" lanes, the lane permutation (one index per byte, lane 0
    /// in the low byte) that puts the left lanes first and the right lanes last, each
    /// in lane order.
    const SPLIT: [u64; 256] = {
        let mut t = [0u64; 256];
        let mut m = 0;
        while m < 256 {
            let mut out = 0u64;
            let mut k = 0;
            let mut lane = 0;
            while lane < 8 {
                if m & (1 << lane) == 0 {
                    out |= (lane as u64) << (8 * k);
                    k += 1;
                }
                lane += 1;
            }
            lane = 0;
            while lane < 8 {
                if m & (1 << lane) != 0 {
                    out |= (lane as u64) << (8 * k);
                    k += 1;
                }
                lane += 1;
            }
            t[m] = out;
            m += 1;
        }
        t
    };

    /// As [`put`] for a full vector, with two whole-vector stores of one permutation:
    /// the left lanes at `*ls` and the right lanes ending at `*rs` (the other lanes of
    /// each store land in free slots and are overwritten later).
    ///
    /// # Safety
    /// `[*ls, *ls + W)` and `[*rs - W, *rs)` are valid for writes and hold no unread
    /// numbers.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn put_full<L: Lane, const STRICT: bool>(
        a: *mut i64,
        pv: __m512i,
        v: __m512i,
        ls: &mut usize,
        rs: &mut usize,
    ) {
        let right = if STRICT {
            lt::<L>(pv, v)
        } else {
            !lt::<L>(v, pv)
        };
        let nr = right.count_ones() as usize;
        let idx = _mm512_cvtepu8_epi64(_mm_cvtsi64_si128(SPLIT[right as usize] as i64));
        let p = _mm512_permutexvar_epi64(idx, v);
        // SAFETY: per the contract.
        unsafe {
            _mm512_storeu_si512(a.add(*ls) as *mut _, p);
            _mm512_storeu_si512(a.add(*rs - W) as *mut _, p);
        }
        *ls += W - nr;
        *rs -= nr;
    }

    /// Store the lanes `m` of `v`: those that stay left (see [`partition`]) at `*ls`
    /// (advancing it), the others just below `*rs` (moving it down).
    ///
    /// # Safety
    /// `[*ls, *ls + popcount(left))` and `[*rs - popcount(right), *rs)` are valid for
    /// writes and hold no unread numbers.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn put<L: Lane, const STRICT: bool>(
        a: *mut i64,
        pv: __m512i,
        v: __m512i,
        m: __mmask8,
        ls: &mut usize,
        rs: &mut usize,
    ) {
        let right = if STRICT {
            lt::<L>(pv, v)
        } else {
            !lt::<L>(v, pv)
        } & m;
        let left = !right & m;
        *rs -= right.count_ones() as usize;
        // SAFETY: per the contract.
        unsafe {
            _mm512_mask_compressstoreu_epi64(a.add(*ls) as *mut _, left, v);
            _mm512_mask_compressstoreu_epi64(a.add(*rs) as *mut _, right, v);
        }
        *ls += left.count_ones() as usize;
    }

    /// Partition `[lo, hi)` of `a`: the numbers that stay left (below the pivot, or
    /// not above it when `STRICT`) first. Returns where the right side starts.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers and
    /// `hi - lo >= 2 * UNROLL * W`.
    #[inline]
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn partition<L: Lane, const STRICT: bool>(
        a: *mut i64,
        lo: usize,
        hi: usize,
        pivot: i64,
    ) -> usize {
        let pv = _mm512_set1_epi64(pivot);
        let rem = (hi - lo) % W;
        // SAFETY: the first `rem` numbers of the range; the other lanes are masked off.
        let head = unsafe { _mm512_maskz_loadu_epi64(((1u32 << rem) - 1) as __mmask8, a.add(lo)) };
        let mut l = lo + rem;
        let mut r = hi;
        let mut bl = [pv; UNROLL];
        let mut br = [pv; UNROLL];
        for u in 0..UNROLL {
            // SAFETY: `l + (u + 1) * W <= lo + rem + UNROLL * W <= hi - UNROLL * W`,
            // and the right block lies in `[hi - UNROLL * W, hi)`; both inside the range.
            unsafe {
                bl[u] = _mm512_loadu_si512(a.add(l + u * W) as *const _);
                br[u] = _mm512_loadu_si512(a.add(r - (UNROLL - u) * W) as *const _);
            }
        }
        l += UNROLL * W;
        r -= UNROLL * W;
        let mut ls = lo;
        let mut rs = hi;
        // Read-but-unstored numbers always total `rem + 2 * UNROLL * W`, split over the
        // free slots `l - ls` and `rs - r`; reading the next block from the side with
        // fewer free slots leaves both with at least `UNROLL * W`, enough for this
        // block's stores.
        while r - l >= UNROLL * W {
            let mut vs = [pv; UNROLL];
            if rs - r < l - ls {
                r -= UNROLL * W;
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[r, r + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(r + u * W) as *const _) };
                    prefetch(a.wrapping_add(r + u * W).wrapping_sub(UNROLL * W));
                }
            } else {
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[l, l + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(l + u * W) as *const _) };
                    prefetch(a.wrapping_add(l + (UNROLL + u) * W));
                }
                l += UNROLL * W;
            }
            for v in vs {
                // SAFETY: by the invariant above both sides have room for `UNROLL * W`
                // numbers, so at each of these stores at least `W` slots are free on
                // each side.
                unsafe { put_full::<L, STRICT>(a, pv, v, &mut ls, &mut rs) };
            }
        }
        // Fewer than `UNROLL` vectors remain (`r - l` is a multiple of `W`): one at a
        // time, by the same rule.
        while l < r {
            let v = if rs - r < l - ls {
                r -= W;
                // SAFETY: `[r, r + W)` is unread and inside the range.
                unsafe { _mm512_loadu_si512(a.add(r) as *const _) }
            } else {
                l += W;
                // SAFETY: `[l - W, l)` is unread and inside the range.
                unsafe { _mm512_loadu_si512(a.add(l - W) as *const _) }
            };
            // SAFETY: as above, both sides have at least `W` free slots.
            unsafe { put_full::<L, STRICT>(a, pv, v, &mut ls, &mut rs) };
        }
        // The unstored numbers now exactly fill `[ls, rs)`.
        for v in bl.into_iter().chain(br) {
            // SAFETY: the `2 * UNROLL * W + rem` buffered numbers fill the gap exactly.
            unsafe { put::<L, STRICT>(a, pv, v, 0xFF, &mut ls, &mut rs) };
        }
        // SAFETY: as above.
        unsafe {
            put::<L, STRICT>(
                a,
                pv,
                head,
                ((1u32 << rem) - 1) as __mmask8,
                &mut ls,
                &mut rs,
            )
        };
        ls
    }

    /// Scalar sort of `[lo, hi)` (the recursion-depth fallback).
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased.
    unsafe fn fallback_sort<L: Lane>(a: *mut i64, lo: usize, hi: usize) {
        // SAFETY: forwarded contract.
        let s = unsafe { std::slice::from_raw_parts_mut(a.add(lo), hi - lo) };
        s.sort_unstable_by(|x, y| {
            if L::lt_bits(*x, *y) {
                std::cmp::Ordering::Less
            } else if L::lt_bits(*y, *x) {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
    }

    /// Quicksort `[lo, hi)` of `a`; with `KEYS` the numbers are float keys
    /// ([`float_key`]) and leave as float bits.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn qsort<L: Lane, const KEYS: bool>(
        a: *mut i64,
        mut lo: usize,
        mut hi: usize,
        mut depth: u32,
    ) {
        loop {
            let n = hi - lo;
            if n <= SMALL {
                // SAFETY: forwarded contract, `n <= SMALL`.
                unsafe { small_sort::<L, KEYS>(a.add(lo), n) };
                return;
            }
            if depth == 0 {
                // SAFETY: forwarded contract.
                unsafe { fallback_sort::<L>(a, lo, hi) };
                if KEYS {
                    // SAFETY: forwarded contract.
                    unsafe { keys_back(a, lo, hi) };
                }
                return;
            }
            depth -= 1;
            // SAFETY: forwarded contract; `n > SMALL >= 2 * UNROLL * W` and `>= 16`.
            unsafe {
                let pv = pivot::<L>(a, lo, hi);
                let p = partition::<L, false>(a, lo, hi, pv);
                if p == lo {
                    // The pivot is the range's minimum: split off the copies of it.
                    let q = partition::<L, true>(a, lo, hi, pv);
                    if KEYS {
                        keys_back(a, lo, q);
                    }
                    lo = q;
                    continue;
                }
                if p - lo < hi - p {
                    qsort::<L, KEYS>(a, lo, p, depth);
                    lo = p;
                } else {
                    qsort::<L, KEYS>(a, p, hi, depth);
                    hi = p;
                }
            }
        }
    }

    /// Ranges at least this long are split by [`bracket_pivot`] in [`qselect`].
    const BRACKET_MIN: usize = 1 << 15;

    /// A quickselect pivot for position `k` of `[lo, hi)`: from a sorted sample of
    /// [`SMALL`] evenly spaced numbers, the one at [`super::bracket_rank`].
    ///
    /// # Safety
    /// `a` is valid for reads of `hi` numbers and `hi - lo >= SMALL`, `lo <= k < hi`.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn bracket_pivot<L: Lane>(a: *const i64, lo: usize, hi: usize, k: usize) -> i64 {
        let n = hi - lo;
        let step = n / SMALL;
        let mut s = [0i64; SMALL];
        for (i, x) in s.iter_mut().enumerate() {
            // SAFETY: `lo + step / 2 + i * step < lo + SMALL * step <= hi`.
            *x = unsafe { *a.add(lo + step / 2 + i * step) };
        }
        // SAFETY: `s` holds `SMALL` numbers.
        unsafe { small_sort::<L, false>(s.as_mut_ptr(), SMALL) };
        s[super::bracket_rank(k - lo, n, SMALL)]
    }

    /// Quickselect: put the `k`-th smallest of `[lo, hi)` (with `lo <= k < hi`) at `k`,
    /// nothing larger before it and nothing smaller after.
    ///
    /// # Safety
    /// As [`qsort`].
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn qselect<L: Lane>(a: *mut i64, mut lo: usize, mut hi: usize, k: usize) {
        let mut depth = 2 * usize::BITS.saturating_sub((hi - lo).leading_zeros()) + 8;
        loop {
            let n = hi - lo;
            if n <= SMALL {
                // SAFETY: forwarded contract, `n <= SMALL`.
                unsafe { small_sort::<L, false>(a.add(lo), n) };
                return;
            }
            if depth == 0 {
                // SAFETY: forwarded contract.
                unsafe { fallback_sort::<L>(a, lo, hi) };
                return;
            }
            depth -= 1;
            // SAFETY: forwarded contract; `n > SMALL`.
            unsafe {
                let pv = if n >= BRACKET_MIN {
                    bracket_pivot::<L>(a, lo, hi, k)
                } else {
                    pivot::<L>(a, lo, hi)
                };
                let p = partition::<L, false>(a, lo, hi, pv);
                if p == lo {
                    let q = partition::<L, true>(a, lo, hi, pv);
                    if k < q {
                        return; // `[lo, q)` all equal the pivot, the smallest value.
                    }
                    lo = q;
                } else if k < p {
                    hi = p;
                } else {
                    lo = p;
                }
            }
        }
    }

    /// The recursion budget for `n` numbers before the scalar fallback.
    fn depth_for(n: usize) -> u32 {
        2 * (usize::BITS - n.leading_zeros()) + 8
    }

    /// Sort `v` (bits of lane type `L`); false without AVX-512.
    pub fn sort<L: Lane>(v: &mut [i64]) -> bool {
        if !available() {
            return false;
        }
        let n = v.len();
        // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `v` is exclusively
        // borrowed and holds `n` numbers.
        unsafe { qsort::<L, false>(v.as_mut_ptr(), 0, n, depth_for(n)) };
        true
    }

    /// Sort float64 in NumPy's order (NaNs last in input order, payloads kept); false
    /// without AVX-512. One pass moves the NaNs out and turns the rest into integer
    /// keys, the quicksort runs on the keys, and the network's stores turn them back.
    pub fn sort_f64(v: &mut [f64]) -> bool {
        if !available() {
            return false;
        }
        let n = v.len();
        let a = v.as_mut_ptr() as *mut i64;
        let mut nans: Vec<i64> = Vec::new();
        // SAFETY: the CPU has AVX-512F (checked above); `v` is exclusively borrowed and
        // holds `n` numbers, whose bits are read and written as `i64` (same size and
        // alignment, every pattern valid).
        unsafe {
            let w = to_keys(a, a, n, &mut nans);
            qsort::<I64, true>(a, 0, w, depth_for(w));
            for (i, &x) in nans.iter().enumerate() {
                *a.add(w + i) = x;
            }
        }
        true
    }

    /// Write the keys ([`float_key`]) of the `n` float bits at `src` to `dst`, NaNs
    /// left out: the keys are packed at the front of `dst` in input order, the NaNs'
    /// bits pushed to `nans`. Returns the number of keys.
    ///
    /// # Safety
    /// `src` is valid for reads and `dst` for writes of `n` numbers; they are the same
    /// pointer (keys in place) or do not overlap.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn to_keys(src: *const i64, dst: *mut i64, n: usize, nans: &mut Vec<i64>) -> usize {
        let mut w = 0usize;
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` numbers; the others are not
            // touched.
            let x = unsafe { _mm512_maskz_loadu_epi64(m, src.add(i)) };
            let nan = _mm512_mask_cmp_pd_mask::<_CMP_UNORD_Q>(
                m,
                _mm512_castsi512_pd(x),
                _mm512_castsi512_pd(x),
            );
            let keep = m & !nan;
            if nan != 0 {
                let mut lanes = [0i64; W];
                // SAFETY: `lanes` holds `W` numbers.
                unsafe { _mm512_storeu_si512(lanes.as_mut_ptr() as *mut _, x) };
                for (lane, &bits) in lanes.iter().enumerate() {
                    if nan & (1 << lane) != 0 {
                        nans.push(bits);
                    }
                }
            }
            if w == i && nan == 0 {
                // No NaN so far: the keys go to the same positions, no compress needed
                // (a compress-store here would also stall the partition's reloads).
                // SAFETY: the lanes of `m` are among the `n` numbers (already read when
                // `dst` is `src`).
                unsafe { _mm512_mask_storeu_epi64(dst.add(i), m, float_keys(x)) };
            } else {
                // SAFETY: `w <= i`, so the stored lanes lie among the first `i + W`
                // positions, on numbers already read when `dst` is `src`.
                unsafe {
                    _mm512_mask_compressstoreu_epi64(dst.add(w) as *mut _, keep, float_keys(x))
                };
            }
            w += keep.count_ones() as usize;
            i += W;
        }
        w
    }

    /// Inputs at least this long take [`sort_into`]'s fused first pass.
    const INTO_MIN: usize = 1 << 12;

    sort_into_fn!(i64, u64, f64, available);

    /// The fused first pass of [`sort_into`]: read the `n` numbers at `src` and write
    /// those below `pivot` to `dst` from the front, the others to `dst` from the back
    /// (with `KEYS`: as float keys, NaNs pushed to `nans` instead). Returns the counts
    /// of the two sides.
    ///
    /// # Safety
    /// `src` is valid for reads and `dst` for writes of `n` numbers, not overlapping.
    #[target_feature(enable = "avx512f,popcnt")]
    unsafe fn split_into<L: Lane, const KEYS: bool>(
        src: *const i64,
        dst: *mut i64,
        n: usize,
        pivot: i64,
        nans: &mut Vec<i64>,
    ) -> (usize, usize) {
        let pv = _mm512_set1_epi64(pivot);
        let mut ls = 0usize;
        let mut rs = n;
        let mut i = 0usize;
        while i < n {
            let m = valid_mask(0, n - i);
            // SAFETY: the lanes of `m` are among the `n` numbers at `src`.
            let x = unsafe { _mm512_maskz_loadu_epi64(m, src.add(i)) };
            prefetch(src.wrapping_add(i + 8 * W));
            let (keep, v) = if KEYS {
                let nan = _mm512_mask_cmp_pd_mask::<_CMP_UNORD_Q>(
                    m,
                    _mm512_castsi512_pd(x),
                    _mm512_castsi512_pd(x),
                );
                if nan != 0 {
                    let mut lanes = [0i64; W];
                    // SAFETY: `lanes` holds `W` numbers.
                    unsafe { _mm512_storeu_si512(lanes.as_mut_ptr() as *mut _, x) };
                    for (lane, &bits) in lanes.iter().enumerate() {
                        if nan & (1 << lane) != 0 {
                            nans.push(bits);
                        }
                    }
                }
                (m & !nan, float_keys(x))
            } else {
                (m, x)
            };
            let right = !lt::<L>(v, pv) & keep;
            if keep == 0xFF && i + 2 * W <= n {
                // A full vector with room for two whole-vector stores on each side
                // (`rs - ls >= n - i >= 2 * W`), as in `put_full`: the left lanes at
                // `ls`, the right lanes ending at `rs`; the other lanes of each store
                // land in the gap and are overwritten later.
                let nr = right.count_ones() as usize;
                let idx = _mm512_cvtepu8_epi64(_mm_cvtsi64_si128(SPLIT[right as usize] as i64));
                let p = _mm512_permutexvar_epi64(idx, v);
                // SAFETY: `[ls, ls + W)` and `[rs - W, rs)` lie in the gap `[ls, rs)`
                // of at least `2 * W` unwritten slots.
                unsafe {
                    _mm512_storeu_si512(dst.add(ls) as *mut _, p);
                    _mm512_storeu_si512(dst.add(rs - W) as *mut _, p);
                }
                ls += W - nr;
                rs -= nr;
                i += W;
                continue;
            }
            let left = !right & keep;
            let (nl, nr) = (left.count_ones() as usize, right.count_ones() as usize);
            rs -= nr;
            let lv = _mm512_maskz_compress_epi64(left, v);
            let rv = _mm512_maskz_compress_epi64(right, v);
            // SAFETY: `ls + nl + (n - rs) <= i + popcount(m) <= n`: the stores write
            // only their first `nl` / `nr` lanes, inside `dst`, and never over each
            // other.
            unsafe {
                _mm512_mask_storeu_epi64(dst.add(ls), ((1u32 << nl) - 1) as __mmask8, lv);
                _mm512_mask_storeu_epi64(dst.add(rs), ((1u32 << nr) - 1) as __mmask8, rv);
            }
            ls += nl;
            i += W;
        }
        (ls, n - rs)
    }

    /// Sort numbers of type `T` (the same size and alignment as `i64`, every bit
    /// pattern valid) by their bits as lane type `L`.
    pub fn sort_bits<L: Lane, T: Copy>(v: &mut [T]) -> bool {
        if std::mem::size_of::<T>() != 8 || std::mem::align_of::<T>() != 8 {
            return false;
        }
        // SAFETY: `T` is a 64-bit number (checked size and alignment) whose bits are
        // all valid as `i64` and back; `v` is exclusively borrowed.
        let bits = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut i64, v.len()) };
        sort::<L>(bits)
    }

    /// Partition numbers of type `T` around each position in `kth` (sorted, in
    /// bounds); false without AVX-512.
    pub fn select_bits<L: Lane, T: Copy>(v: &mut [T], kth: &[usize]) -> bool {
        if std::mem::size_of::<T>() != 8 || std::mem::align_of::<T>() != 8 || !available() {
            return false;
        }
        let n = v.len();
        let a = v.as_mut_ptr() as *mut i64;
        let mut lo = 0usize;
        for &k in kth {
            if k < lo || k >= n {
                continue;
            }
            // SAFETY: the CPU has AVX-512F and POPCNT (checked above); `T` is a 64-bit
            // number read as `i64` bits (checked size and alignment); `v` is
            // exclusively borrowed and holds `n` numbers; `lo <= k < n`.
            unsafe { qselect::<L>(a, lo, n, k) };
            lo = k + 1;
        }
        true
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn rng(mut s: u64) -> impl FnMut() -> u64 {
            move || {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                s
            }
        }

        #[test]
        fn network_and_quicksort_sort_every_length() {
            if !available() {
                return;
            }
            let mut next = rng(99);
            for n in (0..300).chain([511, 512, 513, 1000, 4096, 100_003]) {
                for modulus in [3u64, 1000, u64::MAX] {
                    let v: Vec<i64> = (0..n).map(|_| (next() % modulus) as i64 - 1).collect();
                    let mut s = v.clone();
                    assert!(sort::<I64>(&mut s));
                    let mut want = v.clone();
                    want.sort_unstable();
                    assert_eq!(s, want, "n={n} modulus={modulus}");
                    let mut u: Vec<u64> = v.iter().map(|&x| x as u64).collect();
                    assert!(sort_bits::<U64, u64>(&mut u));
                    let mut want: Vec<u64> = v.iter().map(|&x| x as u64).collect();
                    want.sort_unstable();
                    assert_eq!(u, want);
                }
            }
        }

        #[test]
        fn floats_keep_their_bits() {
            if !available() {
                return;
            }
            let mut next = rng(5);
            for n in [7usize, 100, 129, 777, 20_000] {
                let v: Vec<f64> = (0..n)
                    .map(|_| match next() % 9 {
                        0 => -0.0,
                        1 => 0.0,
                        2 => f64::INFINITY,
                        3 => f64::NEG_INFINITY,
                        4 => f64::NAN,
                        5 => f64::from_bits(0xfff8_0000_0000_0007),
                        _ => (next() % 50) as f64 - 25.0,
                    })
                    .collect();
                let mut s = v.clone();
                assert!(super::super::sort_f64(&mut s));
                for w in s.windows(2) {
                    assert!(w[0] <= w[1] || w[1].is_nan(), "{w:?}");
                }
                let mut a: Vec<u64> = s.iter().map(|x| x.to_bits()).collect();
                let mut b: Vec<u64> = v.iter().map(|x| x.to_bits()).collect();
                a.sort_unstable();
                b.sort_unstable();
                assert_eq!(a, b, "not a permutation, n={n}");
            }
        }

        /// Timing of the kernel's parts (run by hand:
        /// `cargo test --release -p numoxide-ops --lib simd::imp::tests::bench -- --ignored --nocapture`).
        #[test]
        #[ignore]
        fn bench_kernels() {
            if !available() {
                return;
            }
            let mut next = rng(3);
            let time = |name: &str, n: usize, f: &mut dyn FnMut()| {
                let mut best = f64::MAX;
                for _ in 0..7 {
                    let t = std::time::Instant::now();
                    f();
                    best = best.min(t.elapsed().as_secs_f64());
                }
                eprintln!(
                    "{name:30} {:8.3} ms {:6.2} ns/elem",
                    best * 1e3,
                    best * 1e9 / n as f64
                );
            };
            let n = 1 << 20;
            let src: Vec<i64> = (0..n).map(|_| next() as i64).collect();
            for len in [64usize, 128] {
                let mut v = src.clone();
                time(&format!("network {len}"), n, &mut || {
                    v.copy_from_slice(&src);
                    for c in v.chunks_exact_mut(len) {
                        // SAFETY: the chunk holds `len <= SMALL` numbers.
                        unsafe { small_sort::<I64, false>(c.as_mut_ptr(), len) };
                    }
                });
            }
            // Huge-page-backed buffers, as numoxide arrays get.
            let buf = |n: usize| {
                numoxide_core::NdArray::zeros(
                    &[n],
                    numoxide_core::DType::new(numoxide_core::DTypeKind::Float64),
                    numoxide_core::Order::C,
                )
                .expect("buffer")
            };
            for n in [100_000usize, 1_000_000, 10_000_000] {
                let (sa, da) = (buf(n), buf(n));
                // SAFETY: fresh, exclusively owned f64 buffers of `n` numbers.
                let (src, v) = unsafe {
                    (
                        std::slice::from_raw_parts_mut(sa.data_ptr() as *mut f64, n),
                        std::slice::from_raw_parts_mut(da.data_ptr() as *mut f64, n),
                    )
                };
                for x in src.iter_mut() {
                    *x = (next() >> 11) as f64 / (1u64 << 53) as f64;
                }
                time(&format!("copy+sort_f64 {n}"), n, &mut || {
                    v.copy_from_slice(src);
                    super::super::sort_f64(v);
                });
                time(&format!("sort_f64_into {n}"), n, &mut || {
                    assert!(super::super::sort_f64_into(src, v));
                });
                time(&format!("copy {n}"), n, &mut || {
                    v.copy_from_slice(src);
                });
                let bits: &[i64] =
                    // SAFETY: f64 and i64 have the same size, alignment and valid bits.
                    unsafe { std::slice::from_raw_parts(src.as_ptr() as *const i64, n) };
                time(&format!("split_into {n}"), n, &mut || {
                    let mut nans = Vec::new();
                    // SAFETY: `src` and `v` are distinct buffers of `n` numbers.
                    unsafe {
                        split_into::<I64, true>(
                            bits.as_ptr(),
                            v.as_mut_ptr() as *mut i64,
                            n,
                            float_key(0.5f64.to_bits() as i64),
                            &mut nans,
                        )
                    };
                });
            }
        }

        #[test]
        fn select_places_kth() {
            if !available() {
                return;
            }
            let mut next = rng(11);
            for n in [1usize, 50, 200, 5000, 70_001] {
                for modulus in [2u64, 100, u64::MAX] {
                    let v: Vec<i64> = (0..n).map(|_| (next() % modulus) as i64).collect();
                    let mut want = v.clone();
                    want.sort_unstable();
                    let ks = [0, n / 3, n / 2, n - 1];
                    let mut ks = ks.to_vec();
                    ks.dedup();
                    let mut s = v.clone();
                    assert!(select_bits::<I64, i64>(&mut s, &ks));
                    for &k in &ks {
                        assert_eq!(s[k], want[k]);
                        assert!(s[..k].iter().all(|&x| x <= s[k]));
                        assert!(s[k..].iter().all(|&x| x >= s[k]));
                    }
                }
            }
        }
    }
}
