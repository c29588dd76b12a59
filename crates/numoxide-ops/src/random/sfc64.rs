//! SFC64 (Chris Doty-Humphrey's Small Fast Chaotic generator).

/// SFC64 state with NumPy's buffered 32-bit half.
#[derive(Clone, Debug, Default)]
pub struct Sfc64 {
    /// The four state words (the last is the counter).
    pub s: [u64; 4],
    /// Whether `uinteger` holds a buffered half.
    pub has_uint32: bool,
    /// The buffered upper 32 bits.
    pub uinteger: u32,
}

impl Sfc64 {
    /// Seed from three words and discard 12 outputs, as NumPy does.
    pub fn seeded(seed: [u64; 3]) -> Sfc64 {
        let mut g = Sfc64 {
            s: [seed[0], seed[1], seed[2], 1],
            has_uint32: false,
            uinteger: 0,
        };
        for _ in 0..12 {
            g.next_u64();
        }
        g
    }

    /// The next 64-bit output.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let tmp = s[0].wrapping_add(s[1]).wrapping_add(s[3]);
        s[3] = s[3].wrapping_add(1);
        s[0] = s[1] ^ (s[1] >> 11);
        s[1] = s[2].wrapping_add(s[2] << 3);
        s[2] = s[2].rotate_left(24).wrapping_add(tmp);
        tmp
    }
}
