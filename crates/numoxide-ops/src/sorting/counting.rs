//! Counting sorts over bit patterns for the 8- and 16-bit dtypes (`bool`, `int8`,
//! `uint8`, `int16`, `uint16`, `float16`), used for NumPy's unstable kinds and for
//! `partition`: one histogram of the raw bit patterns (at most 65,536 counters, which
//! stay in the L2 cache) and one pass writing every pattern out as often as it occurred,
//! the patterns taken in NumPy's order. The output is a permutation of the input bits
//! (`-0.0` and `0.0` both survive, as do NaN payloads); equal values (`-0.0` next to
//! `0.0`, NaNs) come out grouped by pattern, an order the unstable kinds allow.

use numoxide_core::element::f16;

/// An 8- or 16-bit element type sorted by counting its bit patterns.
pub trait CountBits: Copy {
    /// The unsigned integer holding the bits (`u8` or `u16`).
    type Bits: Pattern;
    /// The runs of bit patterns in NumPy's order: `(low, high, ascending)` for each run
    /// (`low..=high`, walked up or down), every pattern of the type in exactly one run
    /// (`bool` lists only 0 and 1).
    const ORDER: &'static [(u32, u32, bool)];
}

/// `u8` or `u16`.
pub trait Pattern: Copy + 'static {
    /// The pattern as a table index.
    fn index(self) -> usize;
    /// The pattern from a table index below `2^bits`.
    fn from_index(i: u32) -> Self;
}

impl Pattern for u8 {
    #[inline(always)]
    fn index(self) -> usize {
        self as usize
    }
    #[inline(always)]
    fn from_index(i: u32) -> Self {
        i as u8
    }
}

impl Pattern for u16 {
    #[inline(always)]
    fn index(self) -> usize {
        self as usize
    }
    #[inline(always)]
    fn from_index(i: u32) -> Self {
        i as u16
    }
}

impl CountBits for bool {
    type Bits = u8;
    const ORDER: &'static [(u32, u32, bool)] = &[(0, 1, true)];
}
impl CountBits for u8 {
    type Bits = u8;
    const ORDER: &'static [(u32, u32, bool)] = &[(0, 0xFF, true)];
}
impl CountBits for i8 {
    type Bits = u8;
    const ORDER: &'static [(u32, u32, bool)] = &[(0x80, 0xFF, true), (0, 0x7F, true)];
}
impl CountBits for u16 {
    type Bits = u16;
    const ORDER: &'static [(u32, u32, bool)] = &[(0, 0xFFFF, true)];
}
impl CountBits for i16 {
    type Bits = u16;
    const ORDER: &'static [(u32, u32, bool)] = &[(0x8000, 0xFFFF, true), (0, 0x7FFF, true)];
}
impl CountBits for f16 {
    type Bits = u16;
    // -inf .. -0.0 (magnitudes descending), 0.0 .. inf, then the NaNs.
    const ORDER: &'static [(u32, u32, bool)] = &[
        (0x8000, 0xFC00, false),
        (0, 0x7C00, true),
        (0x7C01, 0x7FFF, true),
        (0xFC01, 0xFFFF, true),
    ];
}

/// Sort `v` in NumPy's order by counting its bit patterns (equal values grouped by
/// pattern, not in input order).
pub fn sort<T: CountBits>(v: &mut [T]) {
    debug_assert_eq!(std::mem::size_of::<T>(), std::mem::size_of::<T::Bits>());
    if std::mem::size_of::<T>() != std::mem::size_of::<T::Bits>()
        || std::mem::align_of::<T>() != std::mem::align_of::<T::Bits>()
    {
        return;
    }
    // SAFETY: `T` has the size and alignment of `T::Bits` (checked above) and is a
    // plain number or bool; only patterns read from `v` are written back (bool keeps
    // 0 and 1), so every written value is valid. `v` is exclusively borrowed.
    let bits: &mut [T::Bits] =
        unsafe { std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut T::Bits, v.len()) };
    let table = std::mem::size_of::<T::Bits>() * 8;
    let size = 1usize << table;
    // For 8-bit patterns, four interleaved tables (in the L1 cache) break the
    // dependency between repeated patterns; 16-bit tables are too big for that.
    let tables = if table == 8 { 4 } else { 1 };
    let mut counts = vec![0u32; tables * size];
    let mut chunks = bits.chunks_exact(tables);
    for c in &mut chunks {
        // Each pattern is below `size`, so `k * size + pattern < tables * size`.
        for (k, &b) in c.iter().enumerate() {
            if let Some(x) = counts.get_mut(k * size + b.index()) {
                *x += 1;
            }
        }
    }
    for &b in chunks.remainder() {
        if let Some(x) = counts.get_mut(b.index()) {
            *x += 1;
        }
    }
    let (first, rest) = counts.split_at_mut(size);
    for (k, c) in first.iter_mut().enumerate() {
        for t in 1..tables {
            *c += rest.get((t - 1) * size + k).copied().unwrap_or(0);
        }
    }
    let mut out = bits.iter_mut();
    for &(a, b, up) in T::ORDER {
        let mut emit = |p: u32| {
            let c = first.get(p as usize).copied().unwrap_or(0);
            let x = T::Bits::from_index(p);
            for slot in out.by_ref().take(c as usize) {
                *slot = x;
            }
        };
        if up {
            (a..=b).for_each(&mut emit);
        } else {
            (a..=b).rev().for_each(&mut emit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_pattern_in_order() {
        let mut v: Vec<i16> = (0..5000)
            .map(|i: i32| ((i * 7919) % 65536 - 32768) as i16)
            .collect();
        let mut want = v.clone();
        want.sort_unstable();
        sort(&mut v);
        assert_eq!(v, want);
        let mut h: Vec<f16> = [
            1.5f32,
            -0.0,
            0.0,
            f32::NAN,
            -2.0,
            f32::INFINITY,
            -f32::INFINITY,
        ]
        .iter()
        .map(|&x| f16::from_f32(x))
        .collect();
        sort(&mut h);
        let bits: Vec<u16> = h.iter().map(|x| x.to_bits()).collect();
        assert_eq!(
            bits,
            [0xFC00, 0xC000, 0x8000, 0x0000, 0x3E00, 0x7C00, 0x7E00]
        );
        let mut b = vec![true, false, true, false];
        sort(&mut b);
        assert_eq!(b, [false, false, true, true]);
    }
}
