//! NumPy's `SeedSequence` entropy mixing (after O'Neill's `seed_seq` design), bit-exact.

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

/// The entropy pool of `pool_size` words built from the assembled entropy words.
pub fn mix_entropy(entropy: &[u32], pool_size: usize) -> Vec<u32> {
    let mut pool = vec![0u32; pool_size];
    let mut hc = INIT_A;
    for (i, slot) in pool.iter_mut().enumerate() {
        *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hc);
    }
    for i_src in 0..pool_size {
        for i_dst in 0..pool_size {
            if i_src != i_dst {
                let h = hashmix(pool[i_src], &mut hc);
                pool[i_dst] = mix(pool[i_dst], h);
            }
        }
    }
    for &word in entropy.iter().skip(pool_size) {
        for i_dst in 0..pool_size {
            let h = hashmix(word, &mut hc);
            pool[i_dst] = mix(pool[i_dst], h);
        }
    }
    pool
}

/// `n_words` 32-bit words of seeding state drawn from `pool` (`generate_state`).
pub fn generate_state_u32(pool: &[u32], n_words: usize) -> Vec<u32> {
    let mut hc = INIT_B;
    let mut out = Vec::with_capacity(n_words);
    if pool.is_empty() {
        return vec![0; n_words];
    }
    for i in 0..n_words {
        let mut v = pool[i % pool.len()] ^ hc;
        hc = hc.wrapping_mul(MULT_B);
        v = v.wrapping_mul(hc);
        v ^= v >> XSHIFT;
        out.push(v);
    }
    out
}

/// `n_words` 64-bit words: pairs of 32-bit words, low word first.
pub fn generate_state_u64(pool: &[u32], n_words: usize) -> Vec<u64> {
    let w = generate_state_u32(pool, n_words * 2);
    w.chunks_exact(2)
        .map(|c| u64::from(c[0]) | (u64::from(c[1]) << 32))
        .collect()
}
