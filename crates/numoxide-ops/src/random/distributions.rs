//! The Generator's samplers, drawing from a [`BitGen`] exactly as NumPy's C
//! distributions do (same algorithms, same order of draws, same libm calls).

#![allow(clippy::many_single_char_names)]

use super::ziggurat::*;
use super::{BitGen, RawGen};

/// Standard uniform double in [0, 1).
#[inline]
pub fn standard_uniform<G: RawGen>(g: &mut G) -> f64 {
    g.next_double()
}

/// Standard uniform float in [0, 1).
#[inline]
pub fn standard_uniform_f(g: &mut BitGen) -> f32 {
    g.next_float()
}

fn exp_unlikely<G: RawGen>(g: &mut G, idx: usize, x: f64) -> f64 {
    if idx == 0 {
        ZIGGURAT_EXP_R - (-g.next_double()).ln_1p()
    } else if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * g.next_double() + FE_DOUBLE[idx] < (-x).exp()
    {
        x
    } else {
        standard_exponential(g)
    }
}

/// Standard exponential by the ziggurat method.
#[inline]
pub fn standard_exponential<G: RawGen>(g: &mut G) -> f64 {
    let mut ri = g.next_u64() >> 3;
    let idx = (ri & 0xff) as usize;
    ri >>= 8;
    let x = ri as f64 * WE_DOUBLE[idx];
    if ri < KE_DOUBLE[idx] {
        return x;
    }
    exp_unlikely(g, idx, x)
}

fn exp_unlikely_f(g: &mut BitGen, idx: usize, x: f32) -> f32 {
    if idx == 0 {
        ZIGGURAT_EXP_R_F - (-g.next_float()).ln_1p()
    } else if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * g.next_float() + FE_FLOAT[idx] < (-x).exp() {
        x
    } else {
        standard_exponential_f(g)
    }
}

/// Standard exponential (float32) by the ziggurat method.
#[inline]
pub fn standard_exponential_f(g: &mut BitGen) -> f32 {
    let mut ri = g.next_u32() >> 1;
    let idx = (ri & 0xff) as usize;
    ri >>= 8;
    let x = ri as f32 * WE_FLOAT[idx];
    if ri < KE_FLOAT[idx] {
        return x;
    }
    exp_unlikely_f(g, idx, x)
}

/// Standard exponential by inversion (`method='inv'`).
#[inline]
pub fn standard_exponential_inv<G: RawGen>(g: &mut G) -> f64 {
    -(-g.next_double()).ln_1p()
}

/// Standard exponential (float32) by inversion.
#[inline]
pub fn standard_exponential_inv_f(g: &mut BitGen) -> f32 {
    -(-g.next_float()).ln_1p()
}

/// Standard normal by the ziggurat method.
#[inline]
pub fn standard_normal<G: RawGen>(g: &mut G) -> f64 {
    loop {
        let mut r = g.next_u64();
        let idx = (r & 0xff) as usize;
        r >>= 8;
        let sign = r & 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let mut x = rabs as f64 * WI_DOUBLE[idx];
        if sign == 1 {
            x = -x;
        }
        if rabs < KI_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R * (-g.next_double()).ln_1p();
                let yy = -(-g.next_double()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(ZIGGURAT_NOR_R + xx)
                    } else {
                        ZIGGURAT_NOR_R + xx
                    };
                }
            }
        } else if (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * g.next_double() + FI_DOUBLE[idx]
            < (-0.5 * x * x).exp()
        {
            return x;
        }
    }
}

/// Standard normal (float32) by the ziggurat method.
#[inline]
pub fn standard_normal_f(g: &mut BitGen) -> f32 {
    loop {
        let r = g.next_u32();
        let idx = (r & 0xff) as usize;
        let sign = (r >> 8) & 1;
        let rabs = (r >> 9) & 0x007f_ffff;
        let mut x = rabs as f32 * WI_FLOAT[idx];
        if sign == 1 {
            x = -x;
        }
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R_F * (-g.next_float()).ln_1p();
                let yy = -(-g.next_float()).ln_1p();
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(ZIGGURAT_NOR_R_F + xx)
                    } else {
                        ZIGGURAT_NOR_R_F + xx
                    };
                }
            }
        } else {
            // NumPy compares in double here (`exp(-0.5 * x * x)` on a float promotes).
            let lhs = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * g.next_float() + FI_FLOAT[idx];
            if f64::from(lhs) < (-0.5 * f64::from(x) * f64::from(x)).exp() {
                return x;
            }
        }
    }
}

/// Standard gamma with the given shape (Marsaglia–Tsang for shape > 1).
pub fn standard_gamma<G: RawGen>(g: &mut G, shape: f64) -> f64 {
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
        let c = 1.0 / (9.0 * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = standard_normal(g);
                v = 1.0 + c * x;
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

/// Standard gamma (float32).
pub fn standard_gamma_f(g: &mut BitGen, shape: f32) -> f32 {
    if shape == 1.0 {
        standard_exponential_f(g)
    } else if shape == 0.0 {
        0.0
    } else if shape < 1.0 {
        loop {
            let u = g.next_float();
            let v = standard_exponential_f(g);
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
        let c = 1.0 / (9.0 * b).sqrt();
        loop {
            let (mut x, mut v);
            loop {
                x = standard_normal_f(g);
                v = 1.0 + c * x;
                if !(v <= 0.0) {
                    break;
                }
            }
            v = v * v * v;
            let u = g.next_float();
            if u < 1.0 - 0.0331 * (x * x) * (x * x) {
                return b * v;
            }
            if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
                return b * v;
            }
        }
    }
}

/// log-gamma as NumPy's `random_loggam` computes it.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333_333_333_333_333e-02,
        -2.777_777_777_777_778e-03,
        7.936_507_936_507_937e-04,
        -5.952_380_952_380_952e-04,
        8.417_508_417_508_418e-04,
        -1.917_526_917_526_918e-03,
        6.410_256_410_256_410e-03,
        -2.955_065_359_477_124e-02,
        1.796_443_723_688_307e-01,
        -1.392_432_216_905_90e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n: i64 = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.837_877_066_409_345_3;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// Normal with mean `loc` and standard deviation `scale`.
pub fn normal(g: &mut BitGen, loc: f64, scale: f64) -> f64 {
    loc + scale * standard_normal(g)
}

/// Exponential with the given scale.
pub fn exponential(g: &mut BitGen, scale: f64) -> f64 {
    scale * standard_exponential(g)
}

/// Uniform on [lower, lower + range).
pub fn uniform(g: &mut BitGen, lower: f64, range: f64) -> f64 {
    lower + range * g.next_double()
}

/// Gamma with shape and scale.
pub fn gamma(g: &mut BitGen, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(g, shape)
}

/// Beta(a, b).
pub fn beta(g: &mut BitGen, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < 3e-103 && b < 3e-103 {
            let u = g.next_double();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = g.next_double();
            let v = g.next_double();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-((-delta).exp().ln_1p())).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    } else {
        let ga = standard_gamma(g, a);
        let gb = standard_gamma(g, b);
        ga / (ga + gb)
    }
}

/// Chi-square with `df` degrees of freedom.
pub fn chisquare(g: &mut BitGen, df: f64) -> f64 {
    2.0 * standard_gamma(g, df / 2.0)
}

/// F(dfnum, dfden).
pub fn f(g: &mut BitGen, dfnum: f64, dfden: f64) -> f64 {
    let s1 = chisquare(g, dfnum) * dfden;
    let s2 = chisquare(g, dfden) * dfnum;
    s1 / s2
}

/// Standard Cauchy.
pub fn standard_cauchy(g: &mut BitGen) -> f64 {
    let a = standard_normal(g);
    let b = standard_normal(g);
    a / b
}

/// Pareto II (Lomax) with shape `a`.
pub fn pareto(g: &mut BitGen, a: f64) -> f64 {
    (standard_exponential(g) / a).exp_m1()
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
    (-(-standard_exponential(g)).exp_m1()).powf(1.0 / a)
}

/// Laplace(loc, scale).
pub fn laplace(g: &mut BitGen, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        } else if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

/// Gumbel(loc, scale).
pub fn gumbel(g: &mut BitGen, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - g.next_double();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

/// Logistic(loc, scale).
pub fn logistic(g: &mut BitGen, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_double();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// Log-normal(mean, sigma).
pub fn lognormal(g: &mut BitGen, mean: f64, sigma: f64) -> f64 {
    normal(g, mean, sigma).exp()
}

/// Rayleigh with the given mode.
pub fn rayleigh(g: &mut BitGen, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(g)).sqrt()
}

/// Student's t with `df` degrees of freedom.
pub fn standard_t(g: &mut BitGen, df: f64) -> f64 {
    let num = standard_normal(g);
    let denom = standard_gamma(g, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

fn poisson_mult(g: &mut BitGen, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.next_double();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// C's `(int64_t)x` as NumPy's x86-64 builds execute it (cvttsd2si): out-of-range and
/// NaN values give `i64::MIN`, where Rust's `as` would saturate.
#[inline]
pub(crate) fn c_i64(x: f64) -> i64 {
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

fn poisson_ptrs(g: &mut BitGen, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.next_double() - 0.5;
        let v = g.next_double();
        let us = 0.5 - u.abs();
        let k = c_i64(((2.0 * a / us + b) * u + lam + 0.43).floor());
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// Poisson(lam).
pub fn poisson(g: &mut BitGen, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(g, lam)
    }
}

/// Negative binomial(n, p) as a gamma–Poisson mixture.
pub fn negative_binomial(g: &mut BitGen, n: f64, p: f64) -> i64 {
    let y = gamma(g, n, (1.0 - p) / p);
    poisson(g, y)
}

/// Cached set-up of the binomial samplers (NumPy keeps one per Generator).
#[derive(Clone, Debug, Default)]
pub struct Binomial {
    has: bool,
    nsave: i64,
    psave: f64,
    r: f64,
    q: f64,

    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

fn binomial_btpe(g: &mut BitGen, n: i64, p: f64, bs: &mut Binomial, legacy: bool) -> i64 {
    if !bs.has || bs.nsave != n || bs.psave != p {
        bs.nsave = n;
        bs.psave = p;
        bs.has = true;
        let r = p.min(1.0 - p);
        let q = 1.0 - r;
        let fm = n as f64 * r + r;
        let m = fm.floor() as i64;
        let p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        let xm = m as f64 + 0.5;
        let xl = xm - p1;
        let xr = xm + p1;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        let p2 = p1 * (1.0 + 2.0 * c);
        let p3 = p2 + c / laml;
        let p4 = p3 + c / lamr;
        *bs = Binomial {
            has: true,
            nsave: n,
            psave: p,
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        };
    }
    let Binomial {
        r,
        q,
        m,
        p1,
        xm,
        xl,
        xr,
        c,
        laml,
        lamr,
        p2,
        p3,
        p4,
        ..
    } = *bs;
    let nf = n as f64;
    let mut y: i64;
    'step10: loop {
        let nrq = nf * r * q;
        let u = g.next_double() * p4;
        let mut v = g.next_double();
        if u <= p1 {
            y = (xm - p1 * v + u).floor() as i64;
            break 'step10;
        }
        if u <= p2 {
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue 'step10;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            y = (xl + v.ln() / laml).floor() as i64;
            if y < 0 || v == 0.0 {
                continue 'step10;
            }
            v = v * (u - p2) * laml;
        } else {
            y = (xr - v.ln() / lamr).floor() as i64;
            if y > n || v == 0.0 {
                continue 'step10;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 50
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut ff = 1.0;
            if m < y {
                for i in (m + 1)..=y {
                    ff *= a / i as f64 - s;
                }
            } else if m > y {
                for i in (y + 1)..=m {
                    ff /= a / i as f64 - s;
                }
            }
            if v > ff {
                continue 'step10;
            }
            break 'step10;
        }
        // Step 52
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
        let t = -kf * kf / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            break 'step10;
        }
        if big_a > t + rho {
            continue 'step10;
        }
        let x1 = y as f64 + 1.0;
        let f1 = m as f64 + 1.0;
        let z = nf + 1.0 - m as f64;
        let w = nf - y as f64 + 1.0;
        let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
        let bound = if legacy {
            // NumPy 1.16's constant (13680) and signs, kept for RandomState's stream.
            xm * (f1 / x1).ln()
                + (nf - m as f64 + 0.5) * (z / w).ln()
                + (y - m) as f64 * (w * r / (x1 * q)).ln()
                + (13680. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                + (13680. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                + (13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                + (13680. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.
        } else {
            xm * (f1 / x1).ln()
                + (nf - m as f64 + 0.5) * (z / w).ln()
                + (y - m) as f64 * (w * r / (x1 * q)).ln()
                + (13860. - (462. - (132. - (99. - 140. / f2) / f2) / f2) / f2) / f1 / 166320.
                + (13860. - (462. - (132. - (99. - 140. / z2) / z2) / z2) / z2) / z / 166320.
                - (13860. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2) / x1 / 166320.
                - (13860. - (462. - (132. - (99. - 140. / w2) / w2) / w2) / w2) / w / 166320.
        };
        if big_a > bound {
            continue 'step10;
        }
        break 'step10;
    }
    if p > 0.5 {
        y = n - y;
    }
    y
}

fn binomial_inversion(g: &mut BitGen, n: i64, p: f64, bs: &mut Binomial, legacy: bool) -> i64 {
    let (q, qn, np, bound);
    if !bs.has || bs.nsave != n || bs.psave != p {
        bs.nsave = n;
        bs.psave = p;
        bs.has = true;
        q = 1.0 - p;
        qn = if legacy {
            (n as f64 * q.ln()).exp()
        } else {
            (n as f64 * (-p).ln_1p()).exp()
        };
        np = n as f64 * p;
        bound = (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64;
        bs.q = q;
        bs.r = qn;
        bs.c = np;
        bs.m = bound;
    } else {
        q = bs.q;
        qn = bs.r;
        bound = bs.m;
    }
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = g.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// Binomial(n, p).
pub fn binomial(g: &mut BitGen, p: f64, n: i64, bs: &mut Binomial) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    binomial_original(g, p, n, bs, false)
}

/// The inversion/BTPE dispatch; `legacy` selects NumPy 1.16's formulas (RandomState).
pub(crate) fn binomial_original(
    g: &mut BitGen,
    p: f64,
    n: i64,
    bs: &mut Binomial,
    legacy: bool,
) -> i64 {
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(g, n, p, bs, legacy)
        } else {
            binomial_btpe(g, n, p, bs, legacy)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(g, n, q, bs, legacy)
        } else {
            n - binomial_btpe(g, n, q, bs, legacy)
        }
    }
}

/// Noncentral chi-square(df, nonc).
pub fn noncentral_chisquare(g: &mut BitGen, df: f64, nonc: f64) -> f64 {
    if nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(g, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, df - 1.0);
        let n = standard_normal(g) + nonc.sqrt();
        chi2 + n * n
    } else {
        let i = poisson(g, nonc / 2.0);
        chisquare(g, df + 2.0 * i as f64)
    }
}

/// Noncentral F(dfnum, dfden, nonc).
pub fn noncentral_f(g: &mut BitGen, dfnum: f64, dfden: f64, nonc: f64) -> f64 {
    let t = noncentral_chisquare(g, dfnum, nonc) * dfden;
    t / (chisquare(g, dfden) * dfnum)
}

/// Wald (inverse Gaussian)(mean, scale).
pub fn wald(g: &mut BitGen, mean: f64, scale: f64) -> f64 {
    let mut y = standard_normal(g);
    y = mean * y * y;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = g.next_double();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// von Mises(mu, kappa).
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
    } else if kappa <= 1e6 {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    } else {
        let mut result = mu + (1.0 / kappa).sqrt() * standard_normal(g);
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    };
    vonmises_from(g, s, kappa, mu)
}

/// The rejection loop and wrap to [-pi, pi) that end von Mises sampling (shared by the
/// Generator and the legacy algorithms, which differ only in how they compute `s`).
pub(crate) fn vonmises_from(g: &mut BitGen, s: f64, kappa: f64, mu: f64) -> f64 {
    use std::f64::consts::PI;
    let mut w;
    loop {
        let u = g.next_double();
        let z = (PI * u).cos();
        w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = g.next_double();
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break;
        }
    }
    let u = g.next_double();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let neg = result < 0.0;
    let mut m = result.abs();
    m = (m + PI) % (2.0 * PI) - PI;
    if neg {
        m *= -1.0;
    }
    m
}

/// Logarithmic series(p).
pub fn logseries(g: &mut BitGen, p: f64) -> i64 {
    let r = (-p).ln_1p();
    loop {
        let v = g.next_double();
        if v >= p {
            return 1;
        }
        let u = g.next_double();
        let q = -(r * u).exp_m1();
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

/// Geometric(p) on {1, 2, ...}.
pub fn geometric(g: &mut BitGen, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_333_333_333 {
        let u = g.next_double();
        let mut x = 1;
        let mut sum = p;
        let mut prod = p;
        let q = 1.0 - p;
        while u > sum {
            prod *= q;
            sum += prod;
            x += 1;
        }
        x
    } else {
        let z = (-standard_exponential(g) / (-p).ln_1p()).ceil();
        if z >= 9.223_372_036_854_776e18 {
            return i64::MAX;
        }
        z as i64
    }
}

/// Zipf(a).
pub fn zipf(g: &mut BitGen, a: f64) -> i64 {
    if a >= 1025.0 {
        return 1;
    }
    let am1 = a - 1.0;
    let b = 2f64.powf(am1);
    let umin = (i64::MAX as f64).powf(-am1);
    loop {
        let u01 = g.next_double();
        let u = u01 * umin + (1.0 - u01);
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

/// Triangular(left, mode, right).
pub fn triangular(g: &mut BitGen, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = g.next_double();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}

/// Multinomial: fill `out` (length d) with counts for `n` trials over `pix`.
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

/// log(k!) for small k, the table NumPy uses.
#[allow(clippy::excessive_precision, clippy::unreadable_literal)]
static LOGFACT: [f64; 126] = [
    0.0,
    0.0,
    0.69314718055994529,
    1.791759469228055,
    3.1780538303479458,
    4.7874917427820458,
    6.5792512120101012,
    8.5251613610654147,
    10.604602902745251,
    12.801827480081469,
    15.104412573075516,
    17.502307845873887,
    19.987214495661885,
    22.552163853123425,
    25.19122118273868,
    27.89927138384089,
    30.671860106080672,
    33.505073450136891,
    36.395445208033053,
    39.339884187199495,
    42.335616460753485,
    45.380138898476908,
    48.471181351835227,
    51.606675567764377,
    54.784729398112319,
    58.003605222980518,
    61.261701761002001,
    64.557538627006338,
    67.88974313718154,
    71.257038967168015,
    74.658236348830158,
    78.092223553315307,
    81.557959456115043,
    85.054467017581516,
    88.580827542197682,
    92.136175603687093,
    95.719694542143202,
    99.330612454787428,
    102.96819861451381,
    106.63176026064346,
    110.32063971475739,
    114.03421178146171,
    117.77188139974507,
    121.53308151543864,
    125.3172711493569,
    129.12393363912722,
    132.95257503561632,
    136.80272263732635,
    140.67392364823425,
    144.5657439463449,
    148.47776695177302,
    152.40959258449735,
    156.3608363030788,
    160.3311282166309,
    164.32011226319517,
    168.32744544842765,
    172.35279713916279,
    176.39584840699735,
    180.45629141754378,
    184.53382886144948,
    188.6281734236716,
    192.7390472878449,
    196.86618167289001,
    201.00931639928152,
    205.1681994826412,
    209.34258675253685,
    213.53224149456327,
    217.73693411395422,
    221.95644181913033,
    226.1905483237276,
    230.43904356577696,
    234.70172344281826,
    238.97838956183432,
    243.26884900298271,
    247.57291409618688,
    251.89040220972319,
    256.22113555000954,
    260.56494097186322,
    264.92164979855278,
    269.29109765101981,
    273.67312428569369,
    278.06757344036612,
    282.4742926876304,
    286.89313329542699,
    291.32395009427029,
    295.76660135076065,
    300.22094864701415,
    304.68685676566872,
    309.1641935801469,
    313.65282994987905,
    318.1526396202093,
    322.66349912672615,
    327.1852877037752,
    331.71788719692847,
    336.26118197919845,
    340.81505887079902,
    345.37940706226686,
    349.95411804077025,
    354.53908551944079,
    359.1342053695754,
    363.73937555556347,
    368.35449607240474,
    372.97946888568902,
    377.61419787391867,
    382.25858877306001,
    386.91254912321756,
    391.57598821732961,
    396.24881705179155,
    400.93094827891576,
    405.6222961611449,
    410.32277652693733,
    415.03230672824964,
    419.75080559954472,
    424.47819341825709,
    429.21439186665157,
    433.95932399501481,
    438.71291418612117,
    443.47508812091894,
    448.24577274538461,
    453.02489623849613,
    457.81238798127816,
    462.60817852687489,
    467.4121995716082,
    472.22438392698058,
    477.04466549258564,
    481.87297922988796,
];

/// log(k!) (table, then Stirling's series).
pub fn logfactorial(k: i64) -> f64 {
    if let Some(v) = usize::try_from(k).ok().and_then(|i| LOGFACT.get(i)) {
        return *v;
    }
    let kf = k as f64;
    (kf + 0.5) * kf.ln() - kf
        + (0.918_938_533_204_672_8 + (1.0 / kf) * (1.0 / 12.0 - 1.0 / (360.0 * kf * kf)))
}

/// A uniform integer in [0, max] by masked rejection (`random_interval`).
pub fn interval(g: &mut BitGen, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = super::bounded::gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = u64::from(g.next_u32()) & mask;
            if v <= max {
                return v;
            }
        }
    } else {
        loop {
            let v = g.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
}

fn hypergeometric_sample(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    let total = good + bad;
    let mut computed = if sample > total / 2 {
        total - sample
    } else {
        sample
    };
    let mut rem_total = total;
    let mut rem_good = good;
    while computed > 0 && rem_good > 0 && rem_total > rem_good {
        rem_total -= 1;
        if (interval(g, rem_total as u64) as i64) < rem_good {
            rem_good -= 1;
        }
        computed -= 1;
    }
    if rem_total == rem_good {
        rem_good -= computed;
    }
    if sample > total / 2 {
        rem_good
    } else {
        good - rem_good
    }
}

fn hypergeometric_hrua(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    const D1: f64 = 1.715_527_769_921_413_5;
    const D2: f64 = 0.898_916_162_058_898_8;
    let popsize = good + bad;
    let cs = sample.min(popsize - sample);
    let mingb = good.min(bad);
    let maxgb = good.max(bad);
    let p = mingb as f64 / popsize as f64;
    let q = maxgb as f64 / popsize as f64;
    let mu = cs as f64 * p;
    let a = mu + 0.5;
    let var = (popsize - cs) as f64 * cs as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = ((cs + 1) as f64 * (mingb + 1) as f64 / (popsize + 2) as f64).floor() as i64;
    let gg = logfactorial(m)
        + logfactorial(mingb - m)
        + logfactorial(cs - m)
        + logfactorial(maxgb - cs + m);
    let b = ((cs.min(mingb) + 1) as f64).min((a + 16.0 * c).floor());
    let mut k;
    loop {
        let u = g.next_double();
        let v = g.next_double();
        let x = a + h * (v - 0.5) / u;
        if !(0.0..b).contains(&x) {
            continue;
        }
        k = x.floor() as i64;
        let gp = logfactorial(k)
            + logfactorial(mingb - k)
            + logfactorial(cs - k)
            + logfactorial(maxgb - cs + k);
        let t = gg - gp;
        if u * (4.0 - u) - 3.0 <= t {
            break;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            break;
        }
    }
    if good > bad {
        k = cs - k;
    }
    if cs < sample {
        k = good - k;
    }
    k
}

/// Hypergeometric(ngood, nbad, nsample).
pub fn hypergeometric(g: &mut BitGen, good: i64, bad: i64, sample: i64) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hypergeometric_hrua(g, good, bad, sample)
    } else {
        hypergeometric_sample(g, good, bad, sample)
    }
}
