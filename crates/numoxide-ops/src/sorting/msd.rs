//! A stable most-significant-digit radix sort for 32- and 64-bit keys.
//!
//! The first pass scatters the whole array by its top live digit into a scratch buffer
//! (one streaming pass over memory); every bucket is then small enough to stay in cache
//! while the next digits split it further, moving back and forth between the two
//! buffers, until the pieces are short enough for an insertion sort. Digits in which all
//! keys of a piece agree are skipped without moving anything. Counting scatters and
//! insertion sort are both stable, so equal keys keep their input order: used on
//! (key, index) pairs this reproduces NumPy's `kind='stable'` argsort exactly.

/// Something with a radix key (the key is widened to 64 bits; only its low `bits` bits
/// are examined).
pub trait MsdItem: Copy {
    /// The key.
    fn rkey(&self) -> u64;
}

impl MsdItem for u64 {
    #[inline(always)]
    fn rkey(&self) -> u64 {
        *self
    }
}

impl MsdItem for u32 {
    #[inline(always)]
    fn rkey(&self) -> u64 {
        *self as u64
    }
}

/// Pieces at most this long are finished by insertion sort.
const SMALL: usize = 32;
/// Widest digit for pieces larger than [`CACHED_MAX`] (their scatter streams from and to
/// main memory: 2^11 destinations keep it fast).
const WIDE_DIGIT: u32 = 11;
/// Pieces longer than this do not fit in L2 (for 8-byte keys).
const CACHED_MAX: usize = 1 << 18;
/// Widest digit for cache-resident pieces (2^13 counts fill 32 KiB of L1).
const MAX_DIGIT: u32 = 13;
/// Pieces at most this long are split by one digit about twice as wide as their
/// length needs, leaving buckets of zero, one or a few elements that a single
/// insertion-sort pass over the cached piece puts in order.
const LOCAL_MAX: usize = 1 << 15;

/// Stable insertion sort by key.
#[inline]
fn insertion_sort<E: MsdItem>(v: &mut [E]) {
    for i in 1..v.len() {
        let x = v[i];
        let k = x.rkey();
        let mut j = i;
        while j > 0 && v[j - 1].rkey() > k {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Digit width for a piece of `n` elements: about two buckets per element, at most
/// [`WIDE_DIGIT`] or [`MAX_DIGIT`] bits.
#[inline]
fn width_for(n: usize) -> u32 {
    let cap = if n > CACHED_MAX {
        WIDE_DIGIT
    } else {
        MAX_DIGIT
    };
    (usize::BITS - n.leading_zeros() + 1).clamp(4, cap)
}

/// Per-depth count arrays, allocated once per sort.
pub struct Workspace {
    counts: Vec<Vec<u32>>,
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Workspace {
        Workspace { counts: Vec::new() }
    }
    fn level(&mut self, depth: usize) -> Vec<u32> {
        while self.counts.len() <= depth {
            self.counts.push(Vec::new());
        }
        let mut c = std::mem::take(&mut self.counts[depth]);
        if c.len() < 1 << MAX_DIGIT {
            c.resize(1 << MAX_DIGIT, 0);
        }
        c
    }
    fn give_back(&mut self, depth: usize, c: Vec<u32>) {
        if let Some(slot) = self.counts.get_mut(depth) {
            *slot = c;
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

/// Sort the elements of `a` stably by the low `bits` bits of their keys (the higher
/// bits must be equal for all of them). `b` is scratch of the same length. The result
/// ends in `b` when `into_b`, else in `a`. Lengths must fit in `u32`.
pub fn sort<E: MsdItem>(a: &mut [E], b: &mut [E], into_b: bool, bits: u32, ws: &mut Workspace) {
    sort_at(a, b, into_b, bits, ws, 0);
}

fn sort_at<E: MsdItem>(
    a: &mut [E],
    b: &mut [E],
    into_b: bool,
    mut bits: u32,
    ws: &mut Workspace,
    depth: usize,
) {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    if n <= SMALL || bits == 0 {
        if into_b {
            b.copy_from_slice(a);
            insertion_sort(b);
        } else {
            insertion_sort(a);
        }
        return;
    }
    let mut counts = ws.level(depth);
    loop {
        let w = bits.min(width_for(n));
        let shift = bits - w;
        let mask = (1u64 << w) - 1;
        let buckets = 1usize << w;
        let cnt = &mut counts[..buckets];
        cnt.fill(0);
        for e in a.iter() {
            let d = ((e.rkey() >> shift) & mask) as usize;
            // SAFETY: `d <= mask < buckets == cnt.len()`.
            unsafe { *cnt.get_unchecked_mut(d) += 1 };
        }
        if cnt.iter().any(|&c| c as usize == n) {
            // One bucket holds everything: this digit sorts nothing.
            bits = shift;
            if bits == 0 {
                if into_b {
                    b.copy_from_slice(a);
                }
                ws.give_back(depth, counts);
                return;
            }
            continue;
        }
        // Exclusive prefix sums: bucket starts.
        let mut acc = 0u32;
        for c in cnt.iter_mut() {
            let x = *c;
            *c = acc;
            acc += x;
        }
        for e in a.iter() {
            let d = ((e.rkey() >> shift) & mask) as usize;
            // SAFETY: `d < buckets == cnt.len()`; the offsets are the exclusive prefix
            // sums of the digit counts over `a`, so `cnt[d]` stays below the end of
            // bucket `d`, at most `n == b.len()`.
            unsafe {
                let o = cnt.get_unchecked_mut(d);
                *b.get_unchecked_mut(*o as usize) = *e;
                *o += 1;
            }
        }
        // Now `cnt[d]` is the end of bucket `d`. Large buckets recurse; small ones are
        // put in order by one insertion pass over the cache-resident piece, or one by
        // one when the piece is too large to pass over cheaply.
        let local = n <= LOCAL_MAX;
        if local || into_b {
            // Finish in the buffer that must hold the result: large buckets in place,
            // small ones by the insertion pass (or one by one) below.
            if !into_b {
                a.copy_from_slice(b);
            }
            let (t, o) = if into_b {
                (&mut *b, &mut *a)
            } else {
                (&mut *a, &mut *b)
            };
            let mut s = 0usize;
            for &end in cnt.iter() {
                let e = end as usize;
                if e - s > SMALL {
                    sort_at(&mut t[s..e], &mut o[s..e], false, shift, ws, depth + 1);
                } else if !local && e - s > 1 {
                    insertion_sort(&mut t[s..e]);
                }
                s = e;
            }
            if local {
                insertion_sort(t);
            }
        } else {
            // A large piece whose result belongs in `a`: every bucket moves back once.
            let mut s = 0usize;
            for &end in cnt.iter() {
                let e = end as usize;
                if e - s > SMALL {
                    sort_at(&mut b[s..e], &mut a[s..e], true, shift, ws, depth + 1);
                } else if e > s {
                    a[s..e].copy_from_slice(&b[s..e]);
                    insertion_sort(&mut a[s..e]);
                }
                s = e;
            }
        }
        ws.give_back(depth, counts);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_std_and_keeps_ties_in_order() {
        let mut state = 99u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in [0usize, 1, 5, 17, 100, 5000, 70000] {
            for spread in [u64::MAX, 1 << 40, 1000, 3] {
                let v: Vec<u64> = (0..n).map(|_| next() % spread.max(1)).collect();
                let mut a = v.clone();
                let mut b = vec![0u64; n];
                let bits = 64;
                sort(&mut a, &mut b, false, bits, &mut Workspace::new());
                let mut want = v.clone();
                want.sort();
                assert_eq!(a, want);
                let mut a2 = v.clone();
                sort(&mut a2, &mut b, true, bits, &mut Workspace::new());
                assert_eq!(b, want);
            }
        }
    }
}
