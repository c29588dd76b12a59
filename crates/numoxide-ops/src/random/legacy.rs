//! RandomState's legacy samplers: the NumPy 1.16 algorithms that `mtrand` keeps so
//! that `RandomState` streams never change (Marsaglia polar Gaussians with one cached
//! value, `-log(1 - U)` exponentials, the older gamma/beta/binomial/hypergeometric/
//! zipf/geometric/logseries/vonmises formulas).

#![allow(clippy::many_single_char_names)]

use super::distributions::{self as d, binomial_original, loggam, Binomial};
use super::BitGen;

/// The legacy Gaussian cache (`has_gauss`, `gauss`) kept beside the bit generator.
#[derive(Clone, Copy, Debug, Default)]
pub struct GaussCache {
    /// Whether `gauss` holds the second value of the last polar pair.
    pub has_gauss: bool,
    /// The cached value.
    pub gauss: f64,
}

/// Standard normal by the Marsaglia polar method with one cached value.
pub fn gauss(g: &mut BitGen, c: &mut GaussCache) -> f64 {
    if c.has_gauss {
        c.has_gauss = false;
        let t = c.gauss;
        c.gauss = 0.0;
        return t;
    }
    loop {
        let x1 = 2.0 * g.next_double() - 1.0;
        let x2 = 2.0 * g.next_double() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            let f = (-2.0 * r2.ln() / r2).sqrt();
            c.gauss = f * x1;
            c.has_gauss = true;
            return f * x2;
        }
    }
}

/// Standard exponential as `-log(1 - U)`.
#[inline]
pub fn standard_exponential(g: &mut BitGen) -> f64 {
    -(1.0 - g.next_double()).ln()
}

/// Standard gamma (Marsaglia–Tsang on legacy Gaussians; Johnk-style for shape < 1).
pub fn standard_gamma(g: &mut BitGen, c: &mut GaussCache, shape: f64) -> f64 {
    if shape == 1.0 {
        standard_exponential(g)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = g.next_double();
            let v = standard_exponential(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    } else {
        let b = shape - 1.0 / 3.0;
        let cc = 1.0 / (9.0 * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = gauss(g, c);
                v = 1.0 + cc * x;
                if !(v <= 0.0) {
                    break;
                }
            }
            v = v * v * v;
            let u = g.next_double();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// Gamma(shape, scale).
pub fn gamma(g: &mut BitGen, c: &mut GaussCache, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(g, c, shape)
}

/// Pareto II with shape `a`.
pub fn pareto(g: &mut BitGen, a: f64) -> f64 {
    (standard_exponential(g) / a).exp() - 1.0
}

/// Weibull with shape `a`.
pub fn weibull(g: &mut BitGen, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(g).powf(1.0 / a)
}

/// Power distribution with exponent `a`.
pub fn power(g: &mut BitGen, a: f64) -> f64 {
    (1.0 - (-standard_exponential(g)).exp()).powf(1.0 / a)
}

/// Chi-square with `df` degrees of freedom.
pub fn chisquare(g: &mut BitGen, c: &mut GaussCache, df: f64) -> f64 {
    2.0 * standard_gamma(g, c, df / 2.0)
}

/// Rayleigh with the given mode.
pub fn rayleigh(g: &mut BitGen, mode: f64) -> f64 {
    mode * (-2.0 * (-g.next_double()).ln_1p()).sqrt()
}

/// Noncentral chi-square(df, nonc).
pub fn noncentral_chisquare(g: &mut BitGen, c: &mut GaussCache, df: f64, nonc: f64) -> f64 {
    if nonc == 0.0 {
        return chisquare(g, c, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, c, df - 1.0);
        let n = gauss(g, c) + nonc.sqrt();
        chi2 + n * n
    } else {
        let i = d::poisson(g, nonc / 2.0);
        let out = chisquare(g, c, df + 2.0 * i as f64);
        if nonc.is_nan() {
            f64::NAN
        } else {
            out
        }
    }
}

/// Noncentral F(dfnum, dfden, nonc).
pub fn noncentral_f(g: &mut BitGen, c: &mut GaussCache, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
    let t = noncentral_chisquare(g, c, dfnum, nonc) * dfden;
    t / (chisquare(g, c, dfden) * dfnum)
}

/// Wald (inverse Gaussian)(mean, scale), the 1.16 formula.
pub fn wald(g: &mut BitGen, c: &mut GaussCache, mean: f64, scale: f64) -> f64 {
    let mu_2l = mean / (2.0 * scale);
    let mut y = gauss(g, c);
    y = mean * y * y;
    let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
    let u = g.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// Normal(loc, scale).
pub fn normal(g: &mut BitGen, c: &mut GaussCache, loc: f64, scale: f64) -> f64 {
    loc + scale * gauss(g, c)
}

/// Log-normal(mean, sigma).
pub fn lognormal(g: &mut BitGen, c: &mut GaussCache, mean: f64, sigma: f64) -> f64 {
    normal(g, c, mean, sigma).exp()
}

/// Student's t with `df` degrees of freedom.
pub fn standard_t(g: &mut BitGen, c: &mut GaussCache, df: f64) -> f64 {
    let num = gauss(g, c);
    let denom = standard_gamma(g, c, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

/// Negative binomial(n, p) as a gamma–Poisson mixture.
pub fn negative_binomial(g: &mut BitGen, c: &mut GaussCache, n: f64, p: f64) -> i64 {
    let y = gamma(g, c, n, (1.0 - p) / p);
    d::poisson(g, y)
}

/// Standard Cauchy (a ratio of two legacy Gaussians).
pub fn standard_cauchy(g: &mut BitGen, c: &mut GaussCache) -> f64 {
    let a = gauss(g, c);
    a / gauss(g, c)
}

/// Beta(a, b): Johnk's algorithm when both are <= 1, else a gamma ratio.
pub fn beta(g: &mut BitGen, c: &mut GaussCache, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        loop {
            let u = g.next_double();
            let v = g.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            if x + y <= 1.0 {
                if x + y > 0.0 {
                    return x / (x + y);
                }
                let mut log_x = u.ln() / a;
                let mut log_y = v.ln() / b;
                let log_m = if log_x > log_y { log_x } else { log_y };
                log_x -= log_m;
                log_y -= log_m;
                return (log_x - (log_x.exp() + log_y.exp()).ln()).exp();
            }
        }
    } else {
        let ga = standard_gamma(g, c, a);
        let gb = standard_gamma(g, c, b);
        ga / (ga + gb)
    }
}

/// F(dfnum, dfden).
pub fn f(g: &mut BitGen, c: &mut GaussCache, dfnum: f64, dfden: f64) -> f64 {
    let num = chisquare(g, c, dfnum) * dfden;
    num / (chisquare(g, c, dfden) * dfnum)
}

/// Exponential with the given scale.
pub fn exponential(g: &mut BitGen, scale: f64) -> f64 {
    scale * standard_exponential(g)
}

/// Binomial(n, p) with the 1.16 inversion and BTPE (no shortcut for n == 0 or p == 0).
pub fn binomial(g: &mut BitGen, p: f64, n: i64, bs: &mut Binomial) -> i64 {
    binomial_original(g, p, n, bs, true)
}

fn hypergeometric_hyp(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    let d1 = bad + good - sample;
    let d2 = good.min(bad) as f64;
    let mut y = d2;
    let mut k = sample;
    while y > 0.0 {
        let u = g.next_double();
        y -= (u + y / (d1 + k) as f64).floor() as i64 as f64;
        k -= 1;
        if k == 0 {
            break;
        }
    }
    let mut z = (d2 - y) as i64;
    if good > bad {
        z = sample - z;
    }
    z
}

fn hypergeometric_hrua(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    const D1: f64 = 1.715_527_769_921_413_5;
    const D2: f64 = 0.898_916_162_058_898_8;
    let mingb = good.min(bad);
    let popsize = good + bad;
    let maxgb = good.max(bad);
    let m = sample.min(popsize - sample);
    let d4 = mingb as f64 / popsize as f64;
    let d5 = 1.0 - d4;
    let d6 = m as f64 * d4 + 0.5;
    let d7 = ((popsize - m) as f64 * sample as f64 * d4 * d5 / (popsize - 1) as f64 + 0.5).sqrt();
    let d8 = D1 * d7 + D2;
    let d9 = ((m + 1) as f64 * (mingb + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let lg = |z: i64| {
        loggam((z + 1) as f64)
            + loggam((mingb - z + 1) as f64)
            + loggam((m - z + 1) as f64)
            + loggam((maxgb - m + z + 1) as f64)
    };
    let d10 = lg(d9);
    let d11 = ((m.min(mingb) as f64) + 1.0).min((d6 + 16.0 * d7).floor());
    let mut z;
    loop {
        let x = g.next_double();
        let y = g.next_double();
        let w = d6 + d8 * (y - 0.5) / x;
        if w < 0.0 || w >= d11 {
            continue;
        }
        z = w.floor() as i64;
        let t = d10 - lg(z);
        if x * (4.0 - x) - 3.0 <= t {
            break;
        }
        if x * (x - t) >= 1.0 {
            continue;
        }
        if 2.0 * x.ln() <= t {
            break;
        }
    }
    if good > bad {
        z = m - z;
    }
    if m < sample {
        z = good - z;
    }
    z
}

/// Hypergeometric(ngood, nbad, nsample) by the 1.16 HYP/HRUA algorithms.
pub fn hypergeometric(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    if sample > 10 {
        hypergeometric_hrua(g, good, bad, sample)
    } else if sample > 0 {
        hypergeometric_hyp(g, good, bad, sample)
    } else {
        0
    }
}

/// Zipf(a) without the Generator's lower bound on U.
pub fn zipf(g: &mut BitGen, a: f64) -> i64 {
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    loop {
        let u = 1.0 - g.next_double();
        let v = g.next_double();
        let x = u.powf(-1.0 / am1).floor();
        if x > i64::MAX as f64 || x < 1.0 {
            continue;
        }
        let t = (1.0 + 1.0 / x).powf(am1);
        if v * x * (t - 1.0) / (b - 1.0) <= t / b {
            return x as i64;
        }
    }
}

/// Geometric(p): search for p >= 1/3, else `ceil(log1p(-U) / log(1 - p))`.
pub fn geometric(g: &mut BitGen, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_333_333_333 {
        d::geometric(g, p)
    } else {
        ((-g.next_double()).ln_1p() / (1.0 - p).ln()).ceil() as i64
    }
}

/// Multinomial with the legacy binomial: fill `out` with counts for `n` trials.
pub fn multinomial(g: &mut BitGen, n: i64, out: &mut [i64], pix: &[f64], bs: &mut Binomial) {
    let d = out.len();
    let mut remaining_p = 1.0;
    let mut dn = n;
    for j in 0..d.saturating_sub(1) {
        out[j] = binomial(g, pix[j] / remaining_p, dn, bs);
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining_p -= pix[j];
    }
    if dn > 0 && d > 0 {
        out[d - 1] = dn;
    }
}

/// von Mises(mu, kappa) without the Generator's large-kappa normal branch.
pub fn vonmises(g: &mut BitGen, mu: f64, kappa: f64) -> f64 {
    use std::f64::consts::PI;
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * g.next_double() - 1.0);
    }
    let s = if kappa < 1e-5 {
        1.0 / kappa + kappa
    } else {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    };
    super::distributions::vonmises_from(g, s, kappa, mu)
}

/// Logarithmic series(p), the 1.16 formula.
pub fn logseries(g: &mut BitGen, p: f64) -> i64 {
    let r = (1.0 - p).ln();
    loop {
        let v = g.next_double();
        if v >= p {
            return 1;
        }
        let u = g.next_double();
        let q = 1.0 - (r * u).exp();
        if v <= q * q {
            let result = (1.0 + v.ln() / q.ln()).floor() as i64;
            if result < 1 || v == 0.0 {
                continue;
            }
            return result;
        }
        if v >= q {
            return 1;
        }
        return 2;
    }
}

/// `tomaxint`: a non-negative 63-bit integer.
#[inline]
pub fn positive_int(g: &mut BitGen) -> i64 {
    (g.next_u64() >> 1) as i64
}
