//! PCG64 (XSL-RR 128/64) and PCG64DXSM, as NumPy implements them.

const MULT: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341u128;
const CHEAP_MULT: u64 = 0xda94_2042_e4dd_58b5;

/// The state of a PCG64 or PCG64DXSM generator (plus NumPy's buffered 32-bit half).
#[derive(Clone, Debug, Default)]
pub struct Pcg64 {
    /// LCG state.
    pub state: u128,
    /// LCG increment (odd).
    pub inc: u128,
    /// Whether `uinteger` holds the upper half of the last 64-bit draw.
    pub has_uint32: bool,
    /// The buffered upper 32 bits.
    pub uinteger: u32,
    /// DXSM variant (cheap multiplier, output before the step).
    pub dxsm: bool,
}

fn lcg_mult(dxsm: bool) -> u128 {
    if dxsm {
        u128::from(CHEAP_MULT)
    } else {
        MULT
    }
}

impl Pcg64 {
    /// Seed as `pcg64_set_seed(seed, inc)` does.
    pub fn seeded(seed: u128, initseq: u128, dxsm: bool) -> Pcg64 {
        // NumPy seeds both variants with the standard 128-bit multiplier.
        let inc = (initseq << 1) | 1;
        let mut state = inc;
        state = state.wrapping_add(seed);
        state = state.wrapping_mul(MULT).wrapping_add(inc);
        Pcg64 {
            state,
            inc,
            has_uint32: false,
            uinteger: 0,
            dxsm,
        }
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self
            .state
            .wrapping_mul(lcg_mult(self.dxsm))
            .wrapping_add(self.inc);
    }

    /// The next 64-bit output.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        if self.dxsm {
            let mut hi = (self.state >> 64) as u64;
            let lo = (self.state as u64) | 1;
            hi ^= hi >> 32;
            hi = hi.wrapping_mul(CHEAP_MULT);
            hi ^= hi >> 48;
            hi = hi.wrapping_mul(lo);
            self.step();
            hi
        } else {
            self.step();
            let s = self.state;
            let v = ((s >> 64) as u64) ^ (s as u64);
            v.rotate_right((s >> 122) as u32)
        }
    }

    /// Advance the state as if `delta` outputs had been drawn.
    pub fn advance(&mut self, mut delta: u128) {
        let mut cur_mult = lcg_mult(self.dxsm);
        let mut cur_plus = self.inc;
        let mut acc_mult: u128 = 1;
        let mut acc_plus: u128 = 0;
        while delta > 0 {
            if delta & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            delta >>= 1;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.has_uint32 = false;
        self.uinteger = 0;
    }
}
