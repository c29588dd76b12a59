//! The AVX2 quicksort for 64-bit numbers, used by [`super::simd`] when the CPU has AVX2
//! but not AVX-512 (or when `NUMOXIDE_SORT_AVX2=1` asks for it, so the path is tested on
//! AVX-512 machines too).
//!
//! Four numbers per vector: the partition compares a vector with the pivot, turns the
//! four-bit mask into a lane permutation (left lanes first, right lanes last, from a
//! 16-entry table) and stores the permuted vector at both ends of a gap kept open by four
//! buffered vectors from each end, as the AVX-512 kernel does with eight lanes. Ranges of
//! up to [`SMALL`] numbers are finished by a scalar sort. Values are moved, never
//! recomputed, so the output is a permutation of the input.

/// Ranges up to this length are sorted by the scalar sort.
#[cfg(target_arch = "x86_64")]
const SMALL: usize = 64;

/// True when this CPU runs the AVX2 kernel.
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        is_x86_feature_detected!("avx2") && is_x86_feature_detected!("popcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Sort `v` ascending with the AVX2 quicksort; false (and `v` untouched) without AVX2.
pub fn sort_i64(v: &mut [i64]) -> bool {
    if !available() {
        return false;
    }
    #[cfg(target_arch = "x86_64")]
    {
        let n = v.len();
        let depth = 2 * (usize::BITS - n.leading_zeros()) + 8;
        // SAFETY: the CPU has AVX2 and POPCNT (checked above); `v` is exclusively
        // borrowed and holds `n` numbers.
        unsafe { imp::qsort(v.as_mut_ptr(), 0, n, depth) };
        true
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// As [`sort_i64`] for `uint64` (sorted as `int64` with the sign bit flipped).
pub fn sort_u64(v: &mut [u64]) -> bool {
    if !available() {
        return false;
    }
    let flip = |x: u64| (x ^ (1 << 63)) as i64;
    let mut keys: Vec<i64> = v.iter().map(|&x| flip(x)).collect();
    let ok = sort_i64(&mut keys);
    for (d, &k) in v.iter_mut().zip(&keys) {
        *d = (k as u64) ^ (1 << 63);
    }
    ok
}

/// As [`sort_i64`] for `float64` in NumPy's order: NaNs last in input order (payloads
/// kept), the other values sorted as integer keys of their bits.
pub fn sort_f64(v: &mut [f64]) -> bool {
    if !available() {
        return false;
    }
    let key = |b: i64| b ^ (((b >> 63) as u64) >> 1) as i64;
    let mut keys: Vec<i64> = Vec::with_capacity(v.len());
    let mut nans: Vec<f64> = Vec::new();
    for &x in v.iter() {
        if x.is_nan() {
            nans.push(x);
        } else {
            keys.push(key(x.to_bits() as i64));
        }
    }
    let ok = sort_i64(&mut keys);
    let w = keys.len();
    for (d, &k) in v.iter_mut().zip(&keys) {
        *d = f64::from_bits(key(k) as u64);
    }
    if let Some(tail) = v.get_mut(w..) {
        tail.copy_from_slice(&nans);
    }
    ok
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::SMALL;
    use std::arch::x86_64::*;

    /// Numbers per vector.
    const W: usize = 4;
    /// Vectors buffered from each end of a partition (and loaded per step).
    const UNROLL: usize = 4;
    const _: () = assert!(SMALL >= 2 * UNROLL * W + W);

    /// For each mask of "left" lanes, the 32-bit lane permutation that puts the left
    /// 64-bit lanes first and the others last, each in lane order.
    const SPLIT: [[i32; 8]; 16] = {
        let mut t = [[0i32; 8]; 16];
        let mut m = 0;
        while m < 16 {
            let mut k = 0;
            let mut lane: usize = 0;
            while lane < 4 {
                if m & (1 << lane) != 0 {
                    t[m][2 * k] = 2 * lane as i32;
                    t[m][2 * k + 1] = 2 * lane as i32 + 1;
                    k += 1;
                }
                lane += 1;
            }
            lane = 0;
            while lane < 4 {
                if m & (1 << lane) == 0 {
                    t[m][2 * k] = 2 * lane as i32;
                    t[m][2 * k + 1] = 2 * lane as i32 + 1;
                    k += 1;
                }
                lane += 1;
            }
            m += 1;
        }
        t
    };

    /// Lanes of `v` that stay left: below the pivot, or not above it when `STRICT`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn left_mask<const STRICT: bool>(pv: __m256i, v: __m256i) -> usize {
        let m = if STRICT {
            // not (v > pivot)
            !_mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(v, pv))) & 0xF
        } else {
            _mm256_movemask_pd(_mm256_castsi256_pd(_mm256_cmpgt_epi64(pv, v)))
        };
        m as usize & 0xF
    }

    /// Store `v`'s left lanes at `*ls` and its right lanes ending at `*rs` (two whole
    /// stores of one permuted vector; the extra lanes land in free slots).
    ///
    /// # Safety
    /// `[*ls, *ls + W)` and `[*rs - W, *rs)` are valid for writes and hold no unread
    /// numbers.
    #[inline]
    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn put<const STRICT: bool>(
        a: *mut i64,
        pv: __m256i,
        v: __m256i,
        ls: &mut usize,
        rs: &mut usize,
    ) {
        let m = left_mask::<STRICT>(pv, v);
        let nl = (m as u32).count_ones() as usize;
        let perm = SPLIT.get(m).copied().unwrap_or([0, 1, 2, 3, 4, 5, 6, 7]);
        // SAFETY: `perm` holds eight 32-bit indices.
        let idx = unsafe { _mm256_loadu_si256(perm.as_ptr() as *const __m256i) };
        let p = _mm256_permutevar8x32_epi32(v, idx);
        // SAFETY: per the contract.
        unsafe {
            _mm256_storeu_si256(a.add(*ls) as *mut __m256i, p);
            _mm256_storeu_si256(a.add(*rs - W) as *mut __m256i, p);
        }
        *ls += nl;
        *rs -= W - nl;
    }

    /// Partition `[lo, hi)`: the numbers that stay left first; returns where the right
    /// side starts.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, `hi - lo >= 2 * UNROLL * W + W`.
    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn partition<const STRICT: bool>(
        a: *mut i64,
        lo: usize,
        hi: usize,
        pivot: i64,
    ) -> usize {
        let pv = _mm256_set1_epi64x(pivot);
        let stays = |x: i64| if STRICT { x <= pivot } else { x < pivot };
        // The first `rem` numbers are partitioned last, by scalar swaps.
        let rem = (hi - lo) % W;
        let mut l = lo + rem;
        let mut r = hi;
        let mut bl = [pv; UNROLL];
        let mut br = [pv; UNROLL];
        for u in 0..UNROLL {
            // SAFETY: the first and last `UNROLL * W` numbers of `[lo + rem, hi)` lie
            // inside the range and do not overlap (`hi - lo - rem >= 2 * UNROLL * W`).
            unsafe {
                bl[u] = _mm256_loadu_si256(a.add(l + u * W) as *const __m256i);
                br[u] = _mm256_loadu_si256(a.add(r - (UNROLL - u) * W) as *const __m256i);
            }
        }
        l += UNROLL * W;
        r -= UNROLL * W;
        let mut ls = lo + rem;
        let mut rs = hi;
        // Read-but-unstored numbers total `2 * UNROLL * W`: reading the next block from
        // the side with fewer free slots leaves both with room for its stores.
        while r - l >= UNROLL * W {
            let mut vs = [pv; UNROLL];
            if rs - r < l - ls {
                r -= UNROLL * W;
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[r, r + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm256_loadu_si256(a.add(r + u * W) as *const __m256i) };
                }
            } else {
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[l, l + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm256_loadu_si256(a.add(l + u * W) as *const __m256i) };
                }
                l += UNROLL * W;
            }
            for v in vs {
                // SAFETY: both sides have at least `UNROLL * W` free slots.
                unsafe { put::<STRICT>(a, pv, v, &mut ls, &mut rs) };
            }
        }
        while l < r {
            let v = if rs - r < l - ls {
                r -= W;
                // SAFETY: `[r, r + W)` is unread and inside the range.
                unsafe { _mm256_loadu_si256(a.add(r) as *const __m256i) }
            } else {
                l += W;
                // SAFETY: `[l - W, l)` is unread and inside the range.
                unsafe { _mm256_loadu_si256(a.add(l - W) as *const __m256i) }
            };
            // SAFETY: as above, both sides have at least `W` free slots.
            unsafe { put::<STRICT>(a, pv, v, &mut ls, &mut rs) };
        }
        for v in bl.into_iter().chain(br) {
            // SAFETY: the buffered vectors fill the gap `[ls, rs)` exactly.
            unsafe { put::<STRICT>(a, pv, v, &mut ls, &mut rs) };
        }
        // The head: swap each number that goes right to just before the right side.
        let mut split = ls;
        for i in (lo..lo + rem).rev() {
            // SAFETY: `i` and `split - 1` lie inside the range.
            unsafe {
                let x = *a.add(i);
                if !stays(x) {
                    split -= 1;
                    std::ptr::swap(a.add(i), a.add(split));
                }
            }
        }
        split
    }

    /// The median of nine evenly spaced numbers of `[lo, hi)`.
    ///
    /// # Safety
    /// `a` is valid for reads of `hi` numbers and `hi - lo >= 9`.
    unsafe fn pivot(a: *const i64, lo: usize, hi: usize) -> i64 {
        let step = (hi - lo) / 9;
        let mut s = [0i64; 9];
        for (i, x) in s.iter_mut().enumerate() {
            // SAFETY: `lo + i * step < lo + 9 * step <= hi`.
            *x = unsafe { *a.add(lo + i * step) };
        }
        s.sort_unstable();
        s[4]
    }

    /// Quicksort `[lo, hi)`.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased; the
    /// CPU has AVX2 and POPCNT.
    #[target_feature(enable = "avx2,popcnt")]
    pub unsafe fn qsort(a: *mut i64, mut lo: usize, mut hi: usize, mut depth: u32) {
        loop {
            let n = hi - lo;
            if n <= SMALL || depth == 0 {
                // SAFETY: forwarded contract.
                let s = unsafe { std::slice::from_raw_parts_mut(a.add(lo), n) };
                s.sort_unstable();
                return;
            }
            depth -= 1;
            // SAFETY: forwarded contract; `n > SMALL >= 2 * UNROLL * W + W` and `>= 9`.
            unsafe {
                let pv = pivot(a, lo, hi);
                let p = partition::<false>(a, lo, hi, pv);
                if p == lo {
                    // The pivot is the minimum: split off its copies.
                    lo = partition::<true>(a, lo, hi, pv);
                    continue;
                }
                if p - lo < hi - p {
                    qsort(a, lo, p, depth);
                    lo = p;
                } else {
                    qsort(a, p, hi, depth);
                    hi = p;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avx2_quicksort_sorts_every_length() {
        if !available() {
            return;
        }
        let mut s = 12345u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for n in (0..200).chain([255, 256, 257, 1000, 4099, 100_003]) {
            for modulus in [2u64, 1000, u64::MAX] {
                let v: Vec<i64> = (0..n).map(|_| (next() % modulus) as i64 - 1).collect();
                let mut got = v.clone();
                assert!(sort_i64(&mut got));
                let mut want = v.clone();
                want.sort_unstable();
                assert_eq!(got, want, "n={n} modulus={modulus}");
                let mut u: Vec<u64> = v.iter().map(|&x| x as u64).collect();
                assert!(sort_u64(&mut u));
                let mut want: Vec<u64> = v.iter().map(|&x| x as u64).collect();
                want.sort_unstable();
                assert_eq!(u, want);
                let mut f: Vec<f64> = v
                    .iter()
                    .map(|&x| if x % 7 == 3 { f64::NAN } else { x as f64 })
                    .collect();
                assert!(sort_f64(&mut f));
                let k = f.iter().filter(|x| !x.is_nan()).count();
                assert!(f[..k].windows(2).all(|w| w[0] <= w[1]));
                assert!(f[k..].iter().all(|x| x.is_nan()));
            }
        }
    }
}
