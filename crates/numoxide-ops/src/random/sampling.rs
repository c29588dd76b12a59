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

/// Indices of a sample of `size` from `pop` without replacement (uniform), as
/// `Generator.choice(..., replace=False)` draws them.
pub fn choice_without_replacement(
    g: &mut BitGen,
    pop: usize,
    size: usize,
    shuffle: bool,
) -> Vec<i64> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10_000 && size > pop / cutoff {
        let mut idx: Vec<i64> = (0..pop as i64).collect();
        shuffle_int(g, &mut idx, pop.saturating_sub(size).max(1));
        return idx.split_off(pop - size);
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
