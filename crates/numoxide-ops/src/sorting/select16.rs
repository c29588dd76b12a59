//! Selection (`partition`) for the 16-bit integers (`int16`, `uint16`): an AVX-512
//! quickselect with 32 lanes per vector, the partition step compressing each vector's
//! two sides in registers (AVX512-VBMI2 `vpcompressw`) and storing them with masks.
//! Short ranges and CPUs without AVX512-BW/VBMI2 use a scalar fallback.
//!
//! The result is a permutation of the input with each `kth` position holding the value
//! a full sort puts there, nothing larger before it and nothing smaller after.

/// Partition `v` around each position of `kth` (sorted, in bounds). False (and `v`
/// untouched) when the CPU lacks the vector instructions.
pub fn select_i16(v: &mut [i16], kth: &[usize]) -> bool {
    imp::select::<imp::I16>(v, kth)
}

/// As [`select_i16`] for `uint16`.
pub fn select_u16(v: &mut [u16], kth: &[usize]) -> bool {
    // SAFETY: `u16` and `i16` have the same size, alignment and valid bit patterns; `v`
    // is exclusively borrowed for the call.
    let bits = unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut i16, v.len()) };
    imp::select::<imp::U16>(bits, kth)
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    //! No AVX-512 outside x86-64: the entry point declines.
    pub struct I16;
    pub struct U16;
    pub fn select<L>(_v: &mut [i16], _kth: &[usize]) -> bool {
        false
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::super::simd::force_avx2;
    use std::arch::x86_64::*;

    /// Numbers per vector.
    const W: usize = 32;
    /// Vectors buffered from each end of a partition (and loaded per step).
    const UNROLL: usize = 4;
    /// Ranges up to this length are finished by the scalar sort.
    const SMALL: usize = 512;
    const _: () = assert!(SMALL >= 2 * UNROLL * W + W);

    /// A 16-bit lane type: how its bits compare.
    pub trait Lane {
        /// 0: signed, 1: unsigned.
        const KIND: u8;
        /// Scalar `a < b` on the bits.
        fn lt_bits(a: i16, b: i16) -> bool;
    }

    /// `int16`.
    pub struct I16;
    /// `uint16`.
    pub struct U16;

    impl Lane for I16 {
        const KIND: u8 = 0;
        #[inline(always)]
        fn lt_bits(a: i16, b: i16) -> bool {
            a < b
        }
    }
    impl Lane for U16 {
        const KIND: u8 = 1;
        #[inline(always)]
        fn lt_bits(a: i16, b: i16) -> bool {
            (a as u16) < (b as u16)
        }
    }

    fn available() -> bool {
        static OK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *OK.get_or_init(|| {
            is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512vbmi2")
                && is_x86_feature_detected!("popcnt")
                && !force_avx2()
        })
    }

    /// Lanes where `a < b`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn lt<L: Lane>(a: __m512i, b: __m512i) -> __mmask32 {
        match L::KIND {
            0 => _mm512_cmplt_epi16_mask(a, b),
            _ => _mm512_cmplt_epu16_mask(a, b),
        }
    }

    /// A mask of the low `n <= 32` lanes.
    #[inline(always)]
    fn low(n: u32) -> __mmask32 {
        ((1u64 << n) - 1) as __mmask32
    }

    /// Store the lanes `m` of `v`: those that stay left (below the pivot, or not above
    /// it when `STRICT`) at `*ls` (advancing it), the others just below `*rs` (moving
    /// it down).
    ///
    /// # Safety
    /// `[*ls, *ls + popcount(left))` and `[*rs - popcount(right), *rs)` are valid for
    /// writes and hold no unread numbers.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi2,popcnt")]
    unsafe fn put<L: Lane, const STRICT: bool>(
        a: *mut i16,
        pv: __m512i,
        v: __m512i,
        m: __mmask32,
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
        let lv = _mm512_maskz_compress_epi16(left, v);
        let rv = _mm512_maskz_compress_epi16(right, v);
        // SAFETY: per the contract; each store writes only its first `nl` / `nr` lanes.
        unsafe {
            _mm512_mask_storeu_epi16(a.add(*ls), low(nl), lv);
            _mm512_mask_storeu_epi16(a.add(*rs), low(nr), rv);
        }
        *ls += nl as usize;
    }

    /// Partition `[lo, hi)` of `a` around `pivot`; returns where the right side starts.
    ///
    /// # Safety
    /// `a` is valid for reads and writes of `hi` numbers, not otherwise aliased, and
    /// `hi - lo >= 2 * UNROLL * W`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi2,popcnt")]
    unsafe fn partition<L: Lane, const STRICT: bool>(
        a: *mut i16,
        lo: usize,
        hi: usize,
        pivot: i16,
    ) -> usize {
        let pv = _mm512_set1_epi16(pivot);
        let rem = (hi - lo) % W;
        let head_mask = low(rem as u32);
        // SAFETY: the first `rem` numbers of the range; the other lanes are masked off.
        let head = unsafe { _mm512_maskz_loadu_epi16(head_mask, a.add(lo)) };
        let mut l = lo + rem;
        let mut r = hi;
        let mut bl = [pv; UNROLL];
        let mut br = [pv; UNROLL];
        for u in 0..UNROLL {
            // SAFETY: `l + (u + 1) * W <= lo + rem + UNROLL * W <= hi - UNROLL * W`
            // (the range holds `rem + k * W` numbers with `k >= 2 * UNROLL`), and the
            // right block lies in `[hi - UNROLL * W, hi)`.
            unsafe {
                bl[u] = _mm512_loadu_si512(a.add(l + u * W) as *const _);
                br[u] = _mm512_loadu_si512(a.add(r - (UNROLL - u) * W) as *const _);
            }
        }
        l += UNROLL * W;
        r -= UNROLL * W;
        let mut ls = lo;
        let mut rs = hi;
        // Reading the next block from the side with fewer free slots leaves both sides
        // room for this block's stores.
        while r - l >= UNROLL * W {
            let mut vs = [pv; UNROLL];
            if rs - r < l - ls {
                r -= UNROLL * W;
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[r, r + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(r + u * W) as *const _) };
                }
            } else {
                for (u, x) in vs.iter_mut().enumerate() {
                    // SAFETY: `[l, l + UNROLL * W)` is unread and inside the range.
                    *x = unsafe { _mm512_loadu_si512(a.add(l + u * W) as *const _) };
                }
                l += UNROLL * W;
            }
            for v in vs {
                // SAFETY: by the invariant above both sides have room for the block.
                unsafe { put::<L, STRICT>(a, pv, v, u32::MAX, &mut ls, &mut rs) };
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
            unsafe { put::<L, STRICT>(a, pv, v, u32::MAX, &mut ls, &mut rs) };
        }
        for v in bl.into_iter().chain(br) {
            // SAFETY: the `2 * UNROLL * W + rem` buffered numbers fill the gap exactly.
            unsafe { put::<L, STRICT>(a, pv, v, u32::MAX, &mut ls, &mut rs) };
        }
        // SAFETY: as above.
        unsafe { put::<L, STRICT>(a, pv, head, head_mask, &mut ls, &mut rs) };
        ls
    }

    fn order<L: Lane>(x: &i16, y: &i16) -> std::cmp::Ordering {
        if L::lt_bits(*x, *y) {
            std::cmp::Ordering::Less
        } else if L::lt_bits(*y, *x) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }

    /// A pivot for `s` (at least 64 numbers): the median of 31 evenly spaced ones.
    fn pivot<L: Lane>(s: &[i16]) -> i16 {
        let step = s.len() / 31;
        let mut p = [0i16; 31];
        for (i, x) in p.iter_mut().enumerate() {
            *x = s.get(step / 2 + i * step).copied().unwrap_or(0);
        }
        p.sort_unstable_by(order::<L>);
        p[15]
    }

    /// Put the `k`-th smallest of `v[lo..]` (with `lo <= k < v.len()`) at `k`, nothing
    /// larger before it and nothing smaller after.
    fn qselect<L: Lane>(v: &mut [i16], mut lo: usize, k: usize) {
        let mut hi = v.len();
        let mut depth = 2 * usize::BITS.saturating_sub((hi - lo).leading_zeros()) + 8;
        loop {
            let n = hi - lo;
            if n <= SMALL || depth == 0 {
                if let Some(s) = v.get_mut(lo..hi) {
                    s.select_nth_unstable_by(k - lo, order::<L>);
                }
                return;
            }
            depth -= 1;
            let pv = pivot::<L>(&v[lo..hi]);
            let a = v.as_mut_ptr();
            // SAFETY: the CPU has AVX512-F/BW/VBMI2 and POPCNT (checked by the caller);
            // `a` is `v`'s exclusively borrowed buffer of `v.len() >= hi` numbers and
            // `hi - lo > SMALL >= 2 * UNROLL * W`.
            let p = unsafe { partition::<L, false>(a, lo, hi, pv) };
            if p == lo {
                // The pivot is the range's minimum: split off its copies.
                // SAFETY: as above.
                let q = unsafe { partition::<L, true>(a, lo, hi, pv) };
                if k < q {
                    return; // `[lo, q)` all equal the pivot.
                }
                lo = q;
            } else if k < p {
                hi = p;
            } else {
                lo = p;
            }
        }
    }

    /// Partition `v` (bits of lane type `L`) around each position in `kth` (sorted, in
    /// bounds); false without the vector instructions.
    pub fn select<L: Lane>(v: &mut [i16], kth: &[usize]) -> bool {
        if !available() {
            return false;
        }
        let mut lo = 0usize;
        for &k in kth {
            if k < lo || k >= v.len() {
                continue;
            }
            qselect::<L>(v, lo, k);
            lo = k + 1;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_like_a_sort() {
        let mut s = 12345u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for n in [1usize, 2, 31, 100, 511, 512, 513, 600, 1000, 4097, 70_001] {
            for modulus in [2u64, 3, 300, 1 << 16] {
                let v: Vec<i16> = (0..n).map(|_| (next() % modulus) as u16 as i16).collect();
                for kth in [
                    vec![0],
                    vec![n / 2],
                    vec![n - 1],
                    vec![0, n / 3, n / 2, n - 1],
                ] {
                    let mut kth = kth;
                    kth.dedup();
                    let mut a = v.clone();
                    if !select_i16(&mut a, &kth) {
                        return;
                    }
                    let mut want = v.clone();
                    want.sort_unstable();
                    let mut got = a.clone();
                    got.sort_unstable();
                    assert_eq!(got, want, "permutation n={n}");
                    for &k in &kth {
                        assert_eq!(a[k], want[k], "n={n} k={k} modulus={modulus}");
                        assert!(a[..k].iter().all(|&x| x <= a[k]));
                        assert!(a[k..].iter().all(|&x| x >= a[k]));
                    }
                    let mut u: Vec<u16> = v.iter().map(|&x| x as u16).collect();
                    assert!(select_u16(&mut u, &kth));
                    let mut wu: Vec<u16> = v.iter().map(|&x| x as u16).collect();
                    wu.sort_unstable();
                    for &k in &kth {
                        assert_eq!(u[k], wu[k], "unsigned n={n} k={k}");
                        assert!(u[..k].iter().all(|&x| x <= u[k]));
                        assert!(u[k..].iter().all(|&x| x >= u[k]));
                    }
                }
            }
        }
    }
}
