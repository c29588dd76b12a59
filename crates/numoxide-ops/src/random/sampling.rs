//! Index-level sampling used by `choice`, `shuffle`, `permutation` and `permuted`.

use super::bounded::{bounded, gen_mask, Buf};
use super::distributions::interval;
use super::BitGen;

/// Kahan-compensated sum, as NumPy checks probability vectors.
pub fn kahan_sum(x: &[f64]) -> f64 {
    let Some((&first, rest)) = x.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// A uniform integer in [0, max] by Lemire's method (`random_bounded_uint64(0, max)`).
#[inline]
pub fn lemire_index(g: &mut BitGen, max: u64) -> u64 {
    let mut b = Buf::default();
    bounded(g, 64, 0, max, false, &mut b)
}

/// Normalized cumulative sums of `p` (`cdf = cumsum(p); cdf /= cdf[-1]`).
pub fn normalized_cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&v| {
            acc += v;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        for v in cdf.iter_mut() {
            *v /= last;
        }
    }
    cdf
}

/// `searchsorted(cdf, u, side='right')`: how many entries are <= u.
#[inline]
pub fn search_right(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u)
}

/// Fisher–Yates over positions `first..n` (downwards) with masked-rejection draws
/// (`random_interval`), calling `swap(i, j)` for each step.
pub fn shuffle_steps(g: &mut BitGen, n: usize, first: usize, mut swap: impl FnMut(usize, usize)) {
    for i in (first..n).rev() {
        let j = interval(g, i as u64) as usize;
        swap(i, j);
    }
}

/// Partial Fisher–Yates with Lemire draws over `data[first..]` (NumPy's `_shuffle_int`).
pub fn shuffle_int(g: &mut BitGen, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = lemire_index(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// Whether `choice(pop, size, replace=False)` shuffles the whole population (NumPy's
/// cut-over from the hash-set method for large samples).
pub fn uses_full_pool(pop: usize, size: usize, shuffle: bool) -> bool {
    let cutoff = if shuffle { 50 } else { 20 };
    pop > 10_000 && size > pop / cutoff
}

/// The full-pool method: `pool` (length pop) becomes arange(pop), its tail is
/// shuffled in, and the last `size` entries are the sample.
pub fn choice_from_full_pool(g: &mut BitGen, pool: &mut [i64], size: usize) -> Vec<i64> {
    let pop = pool.len();
    for (i, v) in pool.iter_mut().enumerate() {
        *v = i as i64;
    }
    shuffle_int(g, pool, pop.saturating_sub(size).max(1));
    pool[pop - size.min(pop)..].to_vec()
}

/// Fill `out` with bounded integers in [off, off + rng] (`bits`-wide type, masked or
/// Lemire draws), converting each with `conv`; the width is dispatched once.
pub fn fill_bounded<T>(
    g: &mut BitGen,
    bits: u32,
    off: u64,
    rng: u64,
    masked: bool,
    out: &mut [T],
    conv: impl Fn(u64) -> T,
) {
    let mut b = Buf::default();
    macro_rules! run {
        ($bits:literal) => {
            crate::with_raw_gen!(g, r => {
                for v in out.iter_mut() {
                    *v = conv(bounded(r, $bits, off, rng, masked, &mut b));
                }
            })
        };
    }
    match bits {
        1 => run!(1),
        8 => run!(8),
        16 => run!(16),
        32 => run!(32),
        _ => run!(64),
    }
}

/// Indices of a sample of `size` from `pop` without replacement (uniform), as
/// `Generator.choice(..., replace=False)` draws them.
pub fn choice_without_replacement(
    g: &mut BitGen,
    pop: usize,
    size: usize,
    shuffle: bool,
) -> Vec<i64> {
    if uses_full_pool(pop, size, shuffle) {
        let mut idx = vec![0i64; pop];
        return choice_from_full_pool(g, &mut idx, size);
    }
    let mut idx = vec![0i64; size];
    let set_size = (1.2 * size as f64) as u64;
    let mask = gen_mask(set_size);
    let empty = u64::MAX;
    let mut hash_set = vec![empty; (mask as usize).saturating_add(1)];
    for j in (pop - size)..pop {
        let val = lemire_index(g, j as u64);
        let mut loc = (val & mask) as usize;
        while hash_set[loc] != empty && hash_set[loc] != val {
            loc = (loc + 1) & mask as usize;
        }
        let slot = j + size - pop;
        if hash_set[loc] == empty {
            hash_set[loc] = val;
            idx[slot] = val as i64;
        } else {
            loc = j & mask as usize;
            while hash_set[loc] != empty {
                loc = (loc + 1) & mask as usize;
            }
            hash_set[loc] = j as u64;
            idx[slot] = j as i64;
        }
    }
    if shuffle {
        shuffle_int(g, &mut idx, 1);
    }
    idx
}

/// Indices of a sample of `size` drawn with probabilities `p` (NumPy's `choice` with
/// `p`, Generator and RandomState alike): with replacement `searchsorted(cdf, U,
/// 'right')`; without, rounds of fresh uniforms over the renormalized remaining mass,
/// keeping each round's new indices in order of first appearance.
pub fn choice_with_p(g: &mut BitGen, p: &[f64], size: usize, replace: bool) -> Vec<i64> {
    if replace {
        let cdf = normalized_cdf(p);
        return (0..size)
            .map(|_| search_right(&cdf, g.next_double()) as i64)
            .collect();
    }
    let mut pw = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(size);
    let mut seen = std::collections::HashSet::new();
    while found.len() < size {
        let k = size - found.len();
        let xs: Vec<f64> = (0..k).map(|_| g.next_double()).collect();
        for &fidx in &found {
            if let Some(v) = pw.get_mut(fidx as usize) {
                *v = 0.0;
            }
        }
        let cdf = normalized_cdf(&pw);
        seen.clear();
        for &x in &xs {
            let v = search_right(&cdf, x) as i64;
            if seen.insert(v) {
                found.push(v);
            }
        }
    }
    found
}

/// Multivariate hypergeometric draws (`method='marginals'`): fill each row of `out`
/// (rows of `colors.len()` counts) by successive univariate hypergeometric draws.
pub fn mvhg_marginals(g: &mut BitGen, colors: &[i64], nsample: i64, out: &mut [i64]) {
    let k = colors.len();
    let total: i64 = colors.iter().sum();
    if total == 0 || nsample == 0 || k == 0 {
        return;
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    };
    for row in out.chunks_mut(k) {
        let mut num_to_sample = nsample;
        let mut remaining = total;
        let mut j = 0;
        while num_to_sample > 0 && j + 1 < k {
            remaining -= colors[j];
            let r = super::distributions::hypergeometric(g, colors[j], remaining, num_to_sample);
            row[j] = r;
            num_to_sample -= r;
            j += 1;
        }
        if num_to_sample > 0 {
            row[k - 1] = num_to_sample;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
}

/// Multivariate hypergeometric draws (`method='count'`): a partial Fisher–Yates shuffle
/// of the expanded population per row, then counts.
///
/// # Errors
/// `Err(())` when the expanded population (`sum(colors)` entries) cannot be allocated.
#[allow(clippy::result_unit_err)]
pub fn mvhg_count(g: &mut BitGen, colors: &[i64], nsample: i64, out: &mut [i64]) -> Result<(), ()> {
    let k = colors.len();
    let total: i64 = colors.iter().sum();
    if total == 0 || nsample == 0 || k == 0 || out.is_empty() {
        return Ok(());
    }
    let total_u = usize::try_from(total).map_err(|_| ())?;
    let mut choices: Vec<usize> = Vec::new();
    choices.try_reserve_exact(total_u).map_err(|_| ())?;
    for (i, &c) in colors.iter().enumerate() {
        choices.extend(std::iter::repeat_n(i, c.max(0) as usize));
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    } as usize;
    for row in out.chunks_mut(k) {
        for j in 0..nsample {
            let kk = j + interval(g, (total_u - j - 1) as u64) as usize;
            choices.swap(j, kk);
        }
        for &c in &choices[..nsample] {
            row[c] += 1;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod bench_tests {
    use super::*;
    use crate::random::pcg64::Pcg64;
    use crate::random::RawGen;

    #[test]
    #[ignore]
    fn time_fill_bounded() {
        let mut g = BitGen::Pcg64(Pcg64::seeded(1, 2, false));
        let mut out = vec![0i64; 10_000_000];
        let t = std::time::Instant::now();
        fill_bounded(&mut g, 64, 0, 999, false, &mut out, |v| v as i64);
        eprintln!("fill_bounded {:?}", t.elapsed());
        let t = std::time::Instant::now();
        if let BitGen::Pcg64(p) = &mut g {
            for v in out.iter_mut() {
                *v = ((RawGen::next_u32(p) as u64 * 1000) >> 32) as i64;
            }
        }
        eprintln!("raw next_u32 loop {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let mut b = Buf::default();
        if let BitGen::Pcg64(p) = &mut g {
            for v in out.iter_mut() {
                *v = bounded(p, 64, 0, 999, false, &mut b) as i64;
            }
        }
        eprintln!("bounded loop {:?}", t.elapsed());
        let mut d = vec![0f64; 10_000_000];
        let t = std::time::Instant::now();
        g.fill_doubles(&mut d);
        eprintln!("fill_doubles {:?}", t.elapsed());
    }
}

/// `multivariate_normal`'s last step in place: each row `x` of the row-major `rows × n`
/// matrix becomes `mean + factor · x` (`factor` row-major `n × n`), every dot product
/// accumulated as one fused multiply-add chain from k = 0 (the order OpenBLAS's dgemm
/// kernels use on FMA hardware, so `mean + x @ factor.T` comes out as NumPy's there).
pub fn affine_rows(x: &mut [f64], n: usize, factor: &[f64], mean: &[f64]) {
    if n == 0 || factor.len() < n * n || mean.len() < n {
        return;
    }
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU supports FMA, checked just above.
        unsafe { affine_rows_fma(x, n, factor, mean) };
        return;
    }
    affine_rows_body(x, n, factor, mean);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
fn affine_rows_fma(x: &mut [f64], n: usize, factor: &[f64], mean: &[f64]) {
    affine_rows_body(x, n, factor, mean);
}

#[inline(always)]
fn affine_rows_body(x: &mut [f64], n: usize, factor: &[f64], mean: &[f64]) {
    let mut tmp = vec![0.0f64; n];
    for row in x.chunks_exact_mut(n) {
        for ((t, f), m) in tmp.iter_mut().zip(factor.chunks_exact(n)).zip(mean) {
            let acc = row
                .iter()
                .zip(f)
                .fold(0.0f64, |acc, (&a, &b)| a.mul_add(b, acc));
            *t = m + acc;
        }
        row.copy_from_slice(&tmp);
    }
}
