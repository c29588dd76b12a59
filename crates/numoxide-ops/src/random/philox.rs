//! Philox 4x64 with 10 rounds (Random123), with NumPy's output buffer.

/// Philox state: counter, key, the 4-word output buffer and the buffered 32-bit half.
#[derive(Clone, Debug, Default)]
pub struct Philox {
    /// 256-bit counter, least significant word first.
    pub ctr: [u64; 4],
    /// 128-bit key.
    pub key: [u64; 2],
    /// Outputs of the last block.
    pub buffer: [u64; 4],
    /// Next buffered output to hand out (4 = empty).
    pub buffer_pos: usize,
    /// Whether `uinteger` holds a buffered half.
    pub has_uint32: bool,
    /// The buffered upper 32 bits.
    pub uinteger: u32,
}

fn mulhilo(a: u64, b: u64) -> (u64, u64) {
    let p = u128::from(a) * u128::from(b);
    (p as u64, (p >> 64) as u64)
}

fn block(mut ctr: [u64; 4], mut key: [u64; 2]) -> [u64; 4] {
    for r in 0..10 {
        if r > 0 {
            key[0] = key[0].wrapping_add(0x9E37_79B9_7F4A_7C15);
            key[1] = key[1].wrapping_add(0xBB67_AE85_84CA_A73B);
        }
        let (lo0, hi0) = mulhilo(0xD2E7_470E_E14C_6C93, ctr[0]);
        let (lo1, hi1) = mulhilo(0xCA5A_8263_9512_1157, ctr[2]);
        ctr = [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0];
    }
    ctr
}

impl Philox {
    /// A generator with the given counter and key and an empty buffer.
    pub fn new(ctr: [u64; 4], key: [u64; 2]) -> Philox {
        Philox {
            ctr,
            key,
            buffer: [0; 4],
            buffer_pos: 4,
            has_uint32: false,
            uinteger: 0,
        }
    }

    /// The next 64-bit output.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        if self.buffer_pos < 4 {
            let out = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return out;
        }
        for w in self.ctr.iter_mut() {
            *w = w.wrapping_add(1);
            if *w != 0 {
                break;
            }
        }
        self.buffer = block(self.ctr, self.key);
        self.buffer_pos = 1;
        self.buffer[0]
    }

    /// Add `step` (256-bit, least significant word first) to the counter.
    pub fn advance(&mut self, step: [u64; 4]) {
        let mut carry = false;
        for (w, s) in self.ctr.iter_mut().zip(step) {
            if carry {
                *w = w.wrapping_add(1);
                carry = *w == 0;
            }
            let orig = *w;
            *w = w.wrapping_add(s);
            if *w < orig && !carry {
                carry = true;
            }
        }
        self.has_uint32 = false;
        self.uinteger = 0;
        self.buffer_pos = 4;
        self.buffer = [0; 4];
    }
}
