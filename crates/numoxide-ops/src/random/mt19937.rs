//! The Mersenne Twister MT19937 with NumPy's seeding routines.

/// Words of state.
pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

/// MT19937 state: the key and the read position (NumPy's state), plus the tempered
/// outputs of the current key, computed a block at a time (vectorized) instead of one
/// word per draw.
#[derive(Clone, Debug)]
pub struct Mt19937 {
    /// The 624-word key.
    key: [u32; N],
    /// Next word to temper; `N` means regenerate first.
    pos: usize,
    /// `temper(key[i])` for every i, valid when `out_ok`.
    out: [u32; N],
    out_ok: bool,
}

#[inline(always)]
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

impl Mt19937 {
    /// A generator from NumPy's state: the key and the position (clamped to `N`).
    pub fn new(key: [u32; N], pos: usize) -> Mt19937 {
        Mt19937 {
            key,
            pos: pos.min(N),
            out: [0; N],
            out_ok: false,
        }
    }

    /// The 624-word key (NumPy's `state['key']`).
    pub fn key(&self) -> &[u32; N] {
        &self.key
    }

    /// The read position (NumPy's `state['pos']`).
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Replace the state (NumPy's `state` setter).
    pub fn set_state(&mut self, key: &[u32; N], pos: usize) {
        self.key = *key;
        self.pos = pos.min(N);
        self.out_ok = false;
    }

    /// Legacy `init_genrand`-style seeding from one 32-bit integer (`mt19937_seed`).
    pub fn from_u32(seed: u32) -> Mt19937 {
        let mut key = [0u32; N];
        let mut s = seed;
        for (pos, k) in key.iter_mut().enumerate() {
            *k = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        Mt19937::new(key, N)
    }

    /// `init_by_array` seeding from a sequence of 32-bit words (non-empty).
    pub fn from_array(init_key: &[u32]) -> Mt19937 {
        let mut g = Mt19937::from_u32(19_650_218);
        let mt = &mut g.key;
        let len = init_key.len().max(1);
        let (mut i, mut j) = (1usize, 0usize);
        let mut k = N.max(len);
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(init_key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        g.pos = N;
        g
    }

    fn gen(&mut self) {
        let k = &mut self.key;
        let twist = |a: u32, b: u32, c: u32| {
            let y = (a & UPPER) | (b & LOWER);
            c ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        for i in 0..N - M {
            k[i] = twist(k[i], k[i + 1], k[i + M]);
        }
        for i in N - M..N - 1 {
            k[i] = twist(k[i], k[i + 1], k[i + M - N]);
        }
        k[N - 1] = twist(k[N - 1], k[0], k[M - 1]);
        self.pos = 0;
        self.temper_all();
    }

    /// Recompute the tempered outputs of the whole key (a vectorizable pass).
    fn temper_all(&mut self) {
        for (o, &k) in self.out.iter_mut().zip(self.key.iter()) {
            *o = temper(k);
        }
        self.out_ok = true;
    }

    #[cold]
    #[inline(never)]
    fn refill(&mut self) {
        if self.pos >= N {
            self.gen();
        } else {
            self.temper_all();
        }
    }

    /// The next tempered 32-bit output.
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N || !self.out_ok {
            self.refill();
        }
        let y = self.out.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        y
    }

    /// Two outputs, the first in the high half.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        (hi << 32) | u64::from(self.next_u32())
    }

    /// A 53-bit double in [0, 1) from two outputs.
    #[inline]
    pub fn next_double(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

// ----- jumping ahead by 2^128 outputs ---------------------------------------------------
//
// NumPy jumps MT19937 by evaluating a fixed polynomial g at the one-word transition F of
// the incremental generator (Horner's rule on states; Haramoto et al. 2008): with
// g(x) = x^(2^128) mod phi(x), where phi is MT19937's characteristic polynomial (degree
// 19937), g(F) moves the state 2^128 words ahead. We compute phi from the generator's
// own output with Berlekamp–Massey over GF(2) and g by 128 modular squarings, once.

/// Degree of MT19937's characteristic polynomial.
const MEXP: usize = 19_937;

/// GF(2) polynomials as little-endian bit vectors (bit i = coefficient of x^i).
fn get_bit(v: &[u64], i: usize) -> bool {
    v.get(i / 64).is_some_and(|w| (w >> (i % 64)) & 1 == 1)
}

fn flip_bit(v: &mut [u64], i: usize) {
    if let Some(w) = v.get_mut(i / 64) {
        *w ^= 1 << (i % 64);
    }
}

/// 64 bits of `v` starting at bit `off` (zeros past the end).
fn bits_at(v: &[u64], off: usize) -> u64 {
    let (w, s) = (off / 64, off % 64);
    let lo = v.get(w).copied().unwrap_or(0);
    if s == 0 {
        return lo;
    }
    let hi = v.get(w + 1).copied().unwrap_or(0);
    (lo >> s) | (hi << (64 - s))
}

/// `a ^= b << shift` on bit vectors (bits shifted past `a`'s end are dropped).
fn xor_shifted(a: &mut [u64], b: &[u64], shift: usize) {
    let (ws, bs) = (shift / 64, shift % 64);
    for (i, &w) in b.iter().enumerate() {
        if w == 0 {
            continue;
        }
        if let Some(t) = a.get_mut(i + ws) {
            *t ^= w << bs;
        }
        if bs != 0 {
            if let Some(t) = a.get_mut(i + ws + 1) {
                *t ^= w >> (64 - bs);
            }
        }
    }
}

/// The minimal polynomial (connection polynomial reversed to a characteristic polynomial)
/// of a GF(2) sequence by Berlekamp–Massey.
fn berlekamp_massey(seq: &[bool]) -> Vec<u64> {
    let n = seq.len();
    let words = n / 64 + 2;
    // The sequence reversed: bit (n - 1 - j) holds s_j, so the window s_{k-L..=k}
    // read against C's coefficients is one unaligned run of bits.
    let mut rev = vec![0u64; words];
    for (j, &b) in seq.iter().enumerate() {
        if b {
            flip_bit(&mut rev, n - 1 - j);
        }
    }
    let mut c = vec![0u64; words];
    let mut b = vec![0u64; words];
    c[0] = 1;
    b[0] = 1;
    let (mut l, mut m) = (0usize, 1usize);
    for k in 0..n {
        // d = sum_{i=0..=L} c_i s_{k-i}; s_{k-i} is bit (n-1-k+i) of `rev`.
        let base = n - 1 - k;
        let mut acc = 0u64;
        for wi in 0..=(l / 64) {
            acc ^= c[wi] & bits_at(&rev, base + 64 * wi);
        }
        // Bits of C beyond L are zero, and bits of rev beyond n-1 are zero.
        if acc.count_ones() % 2 == 0 {
            m += 1;
        } else if 2 * l <= k {
            let t = c.clone();
            xor_shifted(&mut c, &b, m);
            l = k + 1 - l;
            b = t;
            m = 1;
        } else {
            xor_shifted(&mut c, &b, m);
            m += 1;
        }
    }
    // Characteristic polynomial: x^L C(1/x).
    let mut phi = vec![0u64; l / 64 + 1];
    for i in 0..=l {
        if get_bit(&c, i) {
            flip_bit(&mut phi, l - i);
        }
    }
    phi
}

/// `p^2 mod phi` for `deg(p) < deg(phi) = MEXP`.
fn square_mod(p: &[u64], phi: &[u64]) -> Vec<u64> {
    let mut sq = vec![0u64; 2 * p.len() + 1];
    for (i, &w) in p.iter().enumerate() {
        for bit in 0..64 {
            if (w >> bit) & 1 == 1 {
                flip_bit(&mut sq, 2 * (64 * i + bit));
            }
        }
    }
    for top in (MEXP..2 * MEXP).rev() {
        if get_bit(&sq, top) {
            xor_shifted(&mut sq, phi, top - MEXP);
        }
    }
    sq.truncate(MEXP / 64 + 1);
    sq
}

/// MT19937's characteristic polynomial, from the top bits of a seeded generator's raw
/// words (any non-degenerate linear output stream has it as its minimal polynomial).
fn characteristic_polynomial() -> Vec<u64> {
    let mut g = Mt19937::from_u32(5489);
    let mut seq = Vec::with_capacity(2 * MEXP + 64);
    while seq.len() < 2 * MEXP + 64 {
        g.gen();
        seq.extend(g.key.iter().map(|w| w >> 31 == 1));
    }
    berlekamp_massey(&seq)
}

/// x^(2^k) mod phi(x).
fn x_pow2_mod(k: u32, phi: &[u64]) -> Vec<u64> {
    let mut p = vec![0u64; MEXP / 64 + 1];
    p[0] = 2; // x
    for _ in 0..k {
        p = square_mod(&p, phi);
    }
    p
}

/// x^(2^128) mod phi(x), computed once per process.
fn jump_polynomial() -> &'static [u64] {
    static POLY: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    POLY.get_or_init(|| x_pow2_mod(128, &characteristic_polynomial()))
}

/// One step of the incremental generator: regenerate the word at `pos`.
fn gen_next(key: &mut [u32; N], pos: &mut usize) {
    let p = *pos;
    let y = (key[p] & UPPER) | (key[(p + 1) % N] & LOWER);
    let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
    key[p] = key[(p + M) % N] ^ (y >> 1) ^ mag;
    *pos = (p + 1) % N;
}

/// XOR the state `(b, pb)` into `(a, pa)`, word i of one against word i of the other
/// counting from each state's position.
fn add_state(a: &mut [u32; N], pa: usize, b: &[u32; N], pb: usize) {
    for i in 0..N {
        a[(pa + i) % N] ^= b[(pb + i) % N];
    }
}

/// Evaluate `poly` at the one-word transition on `(key, pos)` by Horner's rule.
fn horner(key: &mut [u32; N], pos: &mut usize, poly: &[u64]) {
    let Some(deg) = (0..MEXP).rev().find(|&i| get_bit(poly, i)) else {
        *key = [0; N];
        return;
    };
    let (state, spos) = (*key, *pos);
    let (mut t, mut tpos) = (state, spos);
    if deg > 0 {
        gen_next(&mut t, &mut tpos);
        for i in (1..deg).rev() {
            if get_bit(poly, i) {
                add_state(&mut t, tpos, &state, spos);
            }
            gen_next(&mut t, &mut tpos);
        }
        if get_bit(poly, 0) {
            add_state(&mut t, tpos, &state, spos);
        }
    }
    *key = t;
    *pos = tpos;
}

impl Mt19937 {
    /// Advance the state as if 2^128 outputs had been drawn (`MT19937.jumped`), with
    /// NumPy's state layout and position semantics.
    pub fn jump(&mut self) {
        if self.pos >= N {
            self.pos = 0;
        }
        horner(&mut self.key, &mut self.pos, jump_polynomial());
        self.out_ok = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characteristic_polynomial_has_degree_mexp() {
        let mut g = Mt19937::from_u32(1);
        let mut seq = Vec::new();
        while seq.len() < 2 * MEXP + 64 {
            g.gen();
            seq.extend(g.key.iter().map(|w| w & 1 == 1));
        }
        let phi = berlekamp_massey(&seq);
        assert!(get_bit(&phi, MEXP) && get_bit(&phi, 0));
        assert!((MEXP + 1..phi.len() * 64).all(|i| !get_bit(&phi, i)));
    }

    #[test]
    fn horner_with_small_power_matches_stepping() {
        // g(x) = x^(2^15) mod phi (a reduced polynomial) must move the state exactly 32768 words (the lower 31
        // bits of the oldest word are not part of the recurrence and may differ).
        let phi = characteristic_polynomial();
        let poly = x_pow2_mod(15, &phi);
        let mut a = Mt19937::from_u32(7);
        a.pos = 5;
        let (mut k1, mut p1) = (a.key, a.pos);
        horner(&mut k1, &mut p1, &poly);
        let (mut k2, mut p2) = (a.key, a.pos);
        for _ in 0..32768 {
            gen_next(&mut k2, &mut p2);
        }
        // Same window of the sequence, read from each state's own position.
        for i in 0..N {
            let mask = if i == 0 { UPPER } else { u32::MAX };
            let (w1, w2) = (k1[(p1 + i) % N], k2[(p2 + i) % N]);
            assert_eq!(w1 & mask, w2 & mask, "word {i}");
        }
    }
}
