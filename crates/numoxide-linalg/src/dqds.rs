//! Singular values of a real bidiagonal matrix by the dqds algorithm (the differential
//! quotient-difference algorithm with shifts of Fernando and Parlett), the method of
//! LAPACK's `dlasq1`, which `gesdd` without vectors reaches through `bdsdc`.
//!
//! The algorithm never forms the tridiagonal `B^T B`: it works on the squares
//! `q_k = d_k^2` and `e_k = e_k^2` of the bidiagonal's entries, and each transform maps
//! them to those of the Cholesky-like factor of `B^T B - tau I` using only products,
//! quotients and additions of positive numbers, so every singular value comes out with
//! high relative accuracy (tiny ones included), in O(n^2) work. The shift choice,
//! deflation, splitting and reversal tests follow Parlett and Marques ("An implementation
//! of the dqds algorithm (positive case)") as realised in LAPACK's `dlasq2`-`dlasq6`;
//! the code is our own.
//!
//! Storage: `z[4k + s]` holds `q_k` and `z[4k + 2 + s]` holds `e_k` on side `s` (0 or 1);
//! a transform reads side `pp` and writes side `1 - pp` (so the other side keeps the
//! previous iterate, which some tests look at). The slot `e` of a segment's last element
//! carries bookkeeping: the smallest `e` of the last transform, or, at a split point,
//! minus the shift accumulated so far.

use crate::tridiag_dc::NoConvergence;

/// LAPACK's "precision" (the unit roundoff times the base).
const EPS: f64 = f64::EPSILON;
/// The smallest normal number.
const SAFMIN: f64 = f64::MIN_POSITIVE;
const TOL: f64 = 100.0 * EPS;
const TOL2: f64 = TOL * TOL;
/// A segment is reversed when its last `q` exceeds its first by this factor (the
/// algorithm converges at the bottom, so the larger values belong on top).
const FLIP_BIAS: f64 = 1.5;

/// The singular values (descending, into `d`) of the upper bidiagonal matrix with
/// diagonal `d` and superdiagonal `e` (at least `d.len() - 1` entries).
///
/// # Errors
/// [`NoConvergence`] for non-finite input or when the iteration gives up.
pub(crate) fn bidiag_singular_values(d: &mut [f64], e: &[f64]) -> Result<(), NoConvergence> {
    let n = d.len();
    if n == 0 {
        return Ok(());
    }
    if e.len() + 1 < n {
        return Err(NoConvergence);
    }
    let e = &e[..n - 1];
    for x in d.iter_mut() {
        *x = x.abs();
    }
    if d.iter().chain(e).any(|x| !x.is_finite()) {
        return Err(NoConvergence);
    }
    if n == 1 {
        return Ok(());
    }
    if n == 2 {
        let (small, big) = two_by_two(d[0], e[0], d[1]);
        d[0] = big;
        d[1] = small;
        return Ok(());
    }
    let emax = e.iter().fold(0.0f64, |a, &x| a.max(x.abs()));
    if emax == 0.0 {
        d.sort_by(|a, b| b.total_cmp(a));
        return Ok(());
    }
    let big = d.iter().fold(emax, |a, &x| a.max(x));
    // Scale (by powers of two, exactly) so the largest entry is about sqrt(EPS / SAFMIN):
    // the squares then use the whole exponent range without overflowing.
    let shift = 484 - (big.log2().floor() as i32);
    let halves = [shift / 2, shift - shift / 2];
    let [s1, s2] = halves.map(|h| 2f64.powi(h));
    let mut z = vec![0.0f64; 4 * n];
    for k in 0..n {
        let x = d[k] * s1 * s2;
        z[4 * k] = x * x;
        if k + 1 < n {
            let y = e[k] * s1 * s2;
            z[4 * k + 2] = y * y;
        }
    }
    squared_values(&mut z, n)?;
    let [u1, u2] = halves.map(|h| 2f64.powi(-h));
    for k in 0..n {
        d[k] = z[4 * k].sqrt() * u1 * u2;
    }
    Ok(())
}

/// The singular values `(small, big)` of the 2 x 2 upper triangular matrix
/// `[[f, g], [0, h]]`, each with high relative accuracy.
pub(crate) fn two_by_two(f: f64, g: f64, h: f64) -> (f64, f64) {
    let (fa, ga, ha) = (f.abs(), g.abs(), h.abs());
    let (lo, hi) = if fa < ha { (fa, ha) } else { (ha, fa) };
    if lo == 0.0 {
        // One diagonal entry is zero: the other singular value is the norm of the rest.
        let big = if hi == 0.0 {
            ga
        } else {
            let (a, b) = if hi > ga { (hi, ga) } else { (ga, hi) };
            a * (1.0 + (b / a) * (b / a)).sqrt()
        };
        return (0.0, big);
    }
    if ga < hi {
        // sigma_max / sigma_min from the sums and differences of the diagonal ratios.
        let sum = 1.0 + lo / hi;
        let dif = (hi - lo) / hi;
        let gr = (ga / hi) * (ga / hi);
        let c = 2.0 / ((sum * sum + gr).sqrt() + (dif * dif + gr).sqrt());
        (lo * c, hi / c)
    } else {
        let r = hi / ga;
        if r == 0.0 {
            // The off-diagonal entry dwarfs the diagonal ones (beyond the exponent range
            // of their ratio).
            ((lo * hi) / ga, ga)
        } else {
            let sum = 1.0 + lo / hi;
            let dif = (hi - lo) / hi;
            let c =
                1.0 / ((1.0 + (sum * r) * (sum * r)).sqrt() + (1.0 + (dif * r) * (dif * r)).sqrt());
            (2.0 * ((lo * c) * r), ga / (2.0 * c))
        }
    }
}

/// The qd array of `n >= 3` elements and the iteration's running quantities.
struct Qd<'a> {
    z: &'a mut [f64],
    /// Accumulated shift of the current segment and its compensation term.
    sigma: f64,
    desig: f64,
    qmax: f64,
    /// Smallest `d` of the last transform: overall, up to the second to last element,
    /// up to the third to last; and the last three `d` themselves.
    dmin: f64,
    dmin1: f64,
    dmin2: f64,
    dn: f64,
    dn1: f64,
    dn2: f64,
    /// The shift kind last chosen (the negative codes of LAPACK's dlasq4) and the
    /// fraction of `dmin` used by the fallback kind.
    ttype: i32,
    g: f64,
    tau: f64,
}

impl Qd<'_> {
    #[inline(always)]
    fn q(&self, k: usize, s: usize) -> f64 {
        self.z[4 * k + s]
    }
    #[inline(always)]
    fn e(&self, k: usize, s: usize) -> f64 {
        self.z[4 * k + 2 + s]
    }
    #[inline(always)]
    fn set_q(&mut self, k: usize, s: usize, x: f64) {
        self.z[4 * k + s] = x;
    }
    #[inline(always)]
    fn set_e(&mut self, k: usize, s: usize, x: f64) {
        self.z[4 * k + 2 + s] = x;
    }

    /// Reverses the segment `i0..=n0` on both sides: `q` end for end, and the `e`
    /// between them (the bookkeeping slot of `n0` stays).
    fn reverse(&mut self, i0: usize, n0: usize) {
        for t in 0..(n0 - i0).div_ceil(2) {
            for s in 0..2 {
                self.z.swap(4 * (i0 + t) + s, 4 * (n0 - t) + s);
            }
        }
        for t in 0..(n0 - i0) / 2 {
            for s in 0..2 {
                self.z.swap(4 * (i0 + t) + 2 + s, 4 * (n0 - 1 - t) + 2 + s);
            }
        }
    }

    /// One zero-shift transform from side `pp` with the guards of the setup phase: `e`
    /// negligible next to the running `d` are set to `-0` (split points) on the way up
    /// and down. Returns the largest `q` written.
    fn setup_pass(&mut self, i0: usize, n0: usize, pp: usize) -> f64 {
        let op = 1 - pp;
        let mut d = self.q(n0, pp);
        for k in (i0..n0).rev() {
            let ek = self.e(k, pp);
            if ek <= TOL2 * d {
                self.set_e(k, pp, -0.0);
                d = self.q(k, pp);
            } else {
                d = self.q(k, pp) * (d / (d + ek));
            }
        }
        d = self.q(i0, pp);
        for k in i0..n0 {
            let ek = self.e(k, pp);
            let qn = self.q(k + 1, pp);
            let qh = d + ek;
            if ek <= TOL2 * d {
                self.set_e(k, pp, -0.0);
                self.set_q(k, op, d);
                self.set_e(k, op, 0.0);
                d = qn;
            } else {
                self.set_q(k, op, qh);
                if SAFMIN * qn < qh && SAFMIN * qh < qn {
                    let t = qn / qh;
                    self.set_e(k, op, ek * t);
                    d *= t;
                } else {
                    self.set_e(k, op, qn * (ek / qh));
                    d = qn * (d / qh);
                }
            }
        }
        self.set_q(n0, op, d);
        (i0..=n0).fold(0.0f64, |a, k| a.max(self.q(k, op)))
    }

    /// The dqds transform of the segment `i0..=n0` (at least 3 elements) from side `pp`
    /// with shift `tau` (returned, set to zero when below the rounding of `sigma`).
    /// Records the `d` minima; returns whether a NaN appeared.
    fn dqds(&mut self, i0: usize, n0: usize, pp: usize, tau: f64) -> (f64, bool) {
        let op = 1 - pp;
        let thresh = EPS * (self.sigma + tau);
        let tau = if tau < 0.5 * thresh { 0.0 } else { tau };
        let z = &mut *self.z;
        let mut emin = z[4 * (i0 + 1) + pp];
        let mut d = z[4 * i0 + pp] - tau;
        let mut dmin = d;
        let (mut dmin1, mut dmin2, mut dn1, mut dn2) = (0.0, 0.0, 0.0, 0.0);
        for k in i0..n0 {
            if k + 2 == n0 {
                dn2 = d;
                dmin2 = dmin;
            } else if k + 1 == n0 {
                dn1 = d;
                dmin1 = dmin;
            }
            let ek = z[4 * k + 2 + pp];
            let qh = d + ek;
            let t = z[4 * (k + 1) + pp] / qh;
            let eh = ek * t;
            z[4 * k + op] = qh;
            z[4 * k + 2 + op] = eh;
            d = d * t - tau;
            if k + 2 < n0 {
                if tau == 0.0 && d < thresh {
                    d = 0.0;
                }
                if eh < emin {
                    emin = eh;
                }
            }
            if d < dmin {
                dmin = d;
            }
        }
        z[4 * n0 + op] = d;
        z[4 * n0 + 2 + op] = emin;
        self.dn = d;
        self.dn1 = dn1;
        self.dn2 = dn2;
        self.dmin = dmin;
        self.dmin1 = dmin1;
        self.dmin2 = dmin2;
        (tau, d.is_nan())
    }

    /// The zero-shift (dqd) transform with guards against underflow and zero
    /// denominators: the fallback when shifted transforms fail.
    fn dqd(&mut self, i0: usize, n0: usize, pp: usize) {
        let op = 1 - pp;
        let mut emin = self.q(i0 + 1, pp);
        let mut d = self.q(i0, pp);
        let mut dmin = d;
        for k in i0..n0 {
            if k + 2 == n0 {
                self.dn2 = d;
                self.dmin2 = dmin;
            } else if k + 1 == n0 {
                self.dn1 = d;
                self.dmin1 = dmin;
            }
            let ek = self.e(k, pp);
            let qn = self.q(k + 1, pp);
            let qh = d + ek;
            self.set_q(k, op, qh);
            let eh;
            if qh == 0.0 {
                eh = 0.0;
                d = qn;
                dmin = d;
                emin = 0.0;
            } else if SAFMIN * qn < qh && SAFMIN * qh < qn {
                let t = qn / qh;
                eh = ek * t;
                d *= t;
            } else {
                eh = qn * (ek / qh);
                d = qn * (d / qh);
            }
            self.set_e(k, op, eh);
            if d < dmin {
                dmin = d;
            }
            if k + 2 < n0 && eh < emin {
                emin = eh;
            }
        }
        self.set_q(n0, op, d);
        self.set_e(n0, op, emin);
        self.dn = d;
        self.dmin = dmin;
    }

    /// The shift for the next transform of the segment `i0..=n0` on side `pp`
    /// (`n0in` its end before this round's deflations): a lower bound for its smallest
    /// eigenvalue estimated from the last transform's `d` (Parlett and Marques's cases).
    fn choose_shift(&mut self, i0: usize, n0: usize, pp: usize, n0in: usize) {
        const C1: f64 = 0.563;
        const C2: f64 = 1.01;
        const C3: f64 = 1.05;
        const THIRD: f64 = 0.333;
        if self.dmin <= 0.0 {
            self.tau = -self.dmin;
            self.ttype = -1;
            return;
        }
        let op = 1 - pp;
        let (dmin, dmin1, dmin2, dn, dn1, dn2) = (
            self.dmin, self.dmin1, self.dmin2, self.dn, self.dn1, self.dn2,
        );
        // Sum of the products of the ratios e_j / q_j going up from element `from`,
        // starting at `b2`, stopped once the terms are negligible or the sum large; None
        // when a ratio exceeds one (no useful bound).
        let ratio_sum = |qd: &Qd<'_>, from: Option<usize>, mut b2: f64, mut a2: f64| {
            if let Some(from) = from {
                for j in (i0..=from).rev() {
                    if b2 == 0.0 {
                        break;
                    }
                    let b1 = b2;
                    if qd.e(j, pp) > qd.q(j, pp) {
                        return None;
                    }
                    b2 *= qd.e(j, pp) / qd.q(j, pp);
                    a2 += b2;
                    if 100.0 * b2.max(b1) < a2 || C1 < a2 {
                        break;
                    }
                }
            }
            Some(a2)
        };
        let s;
        if n0in == n0 {
            if dmin == dn || dmin == dn1 {
                let b1 = self.q(n0, pp).sqrt() * self.e(n0 - 1, pp).sqrt();
                let b2 = self.q(n0 - 1, pp).sqrt() * self.e(n0 - 2, pp).sqrt();
                let a2 = self.q(n0 - 1, pp) + self.e(n0 - 1, pp);
                if dmin == dn && dmin1 == dn1 {
                    // The two smallest at the bottom: Gershgorin-like gaps of the
                    // trailing 2 x 2 block.
                    let gap2 = dmin2 - a2 - dmin2 * 0.25;
                    let gap1 = if gap2 > 0.0 && gap2 > b2 {
                        a2 - dn - (b2 / gap2) * b2
                    } else {
                        a2 - dn - (b1 + b2)
                    };
                    if gap1 > 0.0 && gap1 > b1 {
                        s = (dn - (b1 / gap1) * b1).max(0.5 * dmin);
                        self.ttype = -2;
                    } else {
                        let mut x = 0.0;
                        if dn > b1 {
                            x = dn - b1;
                        }
                        if a2 > b1 + b2 {
                            x = x.min(a2 - (b1 + b2));
                        }
                        s = x.max(THIRD * dmin);
                        self.ttype = -3;
                    }
                } else {
                    // The smallest at or next to the bottom: a bound from the sum of
                    // the ratios above it.
                    self.ttype = -4;
                    let mut x = 0.25 * dmin;
                    let found = if dmin == dn {
                        if self.e(n0 - 1, pp) > self.q(n0 - 1, pp) {
                            None
                        } else {
                            let b2 = self.e(n0 - 1, pp) / self.q(n0 - 1, pp);
                            ratio_sum(self, n0.checked_sub(2), b2, b2).map(|a| (a, dn))
                        }
                    } else if self.e(n0 - 1, op) > self.q(n0, op)
                        || self.e(n0 - 2, pp) > self.q(n0 - 2, pp)
                    {
                        None
                    } else {
                        let a2 = self.e(n0 - 1, op) / self.q(n0, op);
                        let b2 = self.e(n0 - 2, pp) / self.q(n0 - 2, pp);
                        ratio_sum(self, n0.checked_sub(3), b2, a2 + b2).map(|a| (a, dn1))
                    };
                    // Without a bound the last shift is tried again (a failure then
                    // lands next to the eigenvalue).
                    let Some((a2, gam)) = found else { return };
                    let a2 = C3 * a2;
                    if a2 < C1 {
                        x = gam * (1.0 - a2.sqrt()) / (1.0 + a2);
                    }
                    s = x;
                }
            } else if dmin == dn2 {
                // The smallest two above the bottom.
                self.ttype = -5;
                let mut x = 0.25 * dmin;
                let (b1, b2) = (self.q(n0, op), self.q(n0 - 1, op));
                if self.e(n0 - 2, op) > b2 || self.e(n0 - 1, op) > b1 {
                    return;
                }
                let mut a2 = (self.e(n0 - 2, op) / b2) * (1.0 + self.e(n0 - 1, op) / b1);
                if n0 - i0 > 2 {
                    let b2 = self.e(n0 - 3, pp) / self.q(n0 - 3, pp);
                    let Some(a) = ratio_sum(self, n0.checked_sub(4), b2, a2 + b2) else {
                        return;
                    };
                    a2 = C3 * a;
                }
                if a2 < C1 {
                    x = dn2 * (1.0 - a2.sqrt()) / (1.0 + a2);
                }
                s = x;
            } else {
                // The smallest far from the bottom: a growing fraction of it.
                self.g = match self.ttype {
                    -6 => self.g + THIRD * (1.0 - self.g),
                    -18 => 0.25 * THIRD,
                    _ => 0.25,
                };
                s = self.g * dmin;
                self.ttype = -6;
            }
        } else if n0in == n0 + 1 {
            // One value deflated.
            if dmin1 == dn1 && dmin2 == dn2 {
                self.ttype = -7;
                let mut x = THIRD * dmin1;
                if self.e(n0 - 1, pp) > self.q(n0 - 1, pp) {
                    return;
                }
                let mut b1 = self.e(n0 - 1, pp) / self.q(n0 - 1, pp);
                let mut b2 = b1;
                if b2 != 0.0 {
                    for j in (i0..n0 - 1).rev() {
                        let prev = b1;
                        if self.e(j, pp) > self.q(j, pp) {
                            return;
                        }
                        b1 *= self.e(j, pp) / self.q(j, pp);
                        b2 += b1;
                        if 100.0 * b1.max(prev) < b2 {
                            break;
                        }
                    }
                }
                let b2 = (C3 * b2).sqrt();
                let a2 = dmin1 / (1.0 + b2 * b2);
                let gap2 = 0.5 * dmin2 - a2;
                if gap2 > 0.0 && gap2 > b2 * a2 {
                    x = x.max(a2 * (1.0 - C2 * a2 * (b2 / gap2) * b2));
                } else {
                    x = x.max(a2 * (1.0 - C2 * b2));
                    self.ttype = -8;
                }
                s = x;
            } else {
                s = if dmin1 == dn1 {
                    0.5 * dmin1
                } else {
                    0.25 * dmin1
                };
                self.ttype = -9;
            }
        } else if n0in == n0 + 2 {
            // Two values deflated.
            if dmin2 == dn2 && 2.0 * self.e(n0 - 1, pp) < self.q(n0 - 1, pp) {
                self.ttype = -10;
                let mut x = THIRD * dmin2;
                let mut b1 = self.e(n0 - 1, pp) / self.q(n0 - 1, pp);
                let mut b2 = b1;
                if b2 != 0.0 {
                    for j in (i0..n0 - 1).rev() {
                        if self.e(j, pp) > self.q(j, pp) {
                            return;
                        }
                        b1 *= self.e(j, pp) / self.q(j, pp);
                        b2 += b1;
                        if 100.0 * b1 < b2 {
                            break;
                        }
                    }
                }
                let b2 = (C3 * b2).sqrt();
                let a2 = dmin2 / (1.0 + b2 * b2);
                let gap2 = self.q(n0 - 1, pp) + self.e(n0 - 2, pp)
                    - self.q(n0 - 2, pp).sqrt() * self.e(n0 - 2, pp).sqrt()
                    - a2;
                if gap2 > 0.0 && gap2 > b2 * a2 {
                    x = x.max(a2 * (1.0 - C2 * a2 * (b2 / gap2) * b2));
                } else {
                    x = x.max(a2 * (1.0 - C2 * b2));
                }
                s = x;
            } else {
                s = 0.25 * dmin2;
                self.ttype = -11;
            }
        } else {
            // More deflated: start over without a shift.
            s = 0.0;
            self.ttype = -12;
        }
        self.tau = s;
    }

    /// Deflates what has converged at the bottom of the segment `i0..=*n0` (side `pp`),
    /// then runs one shifted transform (retrying with smaller shifts, or none, when it
    /// fails) and adds the shift to `sigma`.
    fn step(&mut self, i0: usize, n0: &mut isize, pp: usize, reversed: bool) {
        let n0in = *n0;
        // Right after the segment was reversed, the other side no longer holds the
        // previous iterate of this one, so the tests that compare the two are skipped.
        while !reversed || *n0 <= i0 as isize + 1 {
            if *n0 < i0 as isize {
                return;
            }
            let m = *n0 as usize;
            if m == i0 {
                let x = self.q(m, pp) + self.sigma;
                self.set_q(m, 0, x);
                *n0 -= 1;
                continue;
            }
            if m > i0 + 1 {
                let last_ok = self.e(m - 1, pp) > TOL2 * (self.sigma + self.q(m, pp))
                    && self.e(m - 1, 1 - pp) > TOL2 * self.q(m - 1, pp);
                if !last_ok {
                    let x = self.q(m, pp) + self.sigma;
                    self.set_q(m, 0, x);
                    *n0 -= 1;
                    continue;
                }
                let pair_ok = self.e(m - 2, pp) > TOL2 * self.sigma
                    && self.e(m - 2, 1 - pp) > TOL2 * self.q(m - 2, pp);
                if pair_ok {
                    break;
                }
            }
            // The trailing 2 x 2 block has split off: its two eigenvalues.
            let (mut a, b, mut c) = (self.q(m - 1, pp), self.e(m - 1, pp), self.q(m, pp));
            if c > a {
                std::mem::swap(&mut a, &mut c);
            }
            let t = 0.5 * ((a - c) + b);
            if b > c * TOL2 && t != 0.0 {
                let mut s = c * (b / t);
                if s <= t {
                    s = c * (b / (t * (1.0 + (1.0 + s / t).sqrt())));
                } else {
                    s = c * (b / (t + t.sqrt() * (t + s).sqrt()));
                }
                let t = a + (s + b);
                c *= a / t;
                a = t;
            }
            self.set_q(m - 1, 0, a + self.sigma);
            self.set_q(m, 0, c + self.sigma);
            *n0 -= 2;
        }
        let m = *n0 as usize;
        if (self.dmin <= 0.0 || (m as isize) < n0in) && FLIP_BIAS * self.q(i0, pp) < self.q(m, pp) {
            self.reverse(i0, m);
            if m - i0 <= 4 {
                let (x, y) = (self.e(i0, pp), self.e(i0, 1 - pp));
                self.set_e(m, pp, x);
                self.set_e(m, 1 - pp, y);
            }
            self.dmin2 = self.dmin2.min(self.e(m, pp));
            for s in [pp, 1 - pp] {
                let x = self.e(m, s).min(self.e(i0, s)).min(self.e(i0 + 1, s));
                self.set_e(m, s, x);
            }
            self.qmax = self.qmax.max(self.q(i0, pp)).max(self.q(i0 + 1, pp));
            self.dmin = -0.0;
        }
        self.choose_shift(i0, m, pp, n0in as usize);
        let mut tau = self.tau;
        let mut zero_shift = false;
        loop {
            let (t, nan) = self.dqds(i0, m, pp, tau);
            tau = t;
            if !nan && self.dmin >= 0.0 && self.dmin1 >= 0.0 {
                break;
            }
            if !nan
                && self.dmin < 0.0
                && self.dmin1 > 0.0
                && self.e(m - 1, 1 - pp) < TOL * (self.sigma + self.dn1)
                && self.dn.abs() < TOL * self.sigma
            {
                // Only the last d went (slightly) negative and it is negligible.
                self.set_q(m, 1 - pp, 0.0);
                self.dmin = 0.0;
                break;
            }
            if self.dmin < 0.0 {
                // The shift overshot the smallest eigenvalue: back off.
                if self.ttype < -22 {
                    tau = 0.0;
                } else if self.dmin1 > 0.0 {
                    tau = (tau + self.dmin) * (1.0 - 2.0 * EPS);
                    self.ttype -= 11;
                } else {
                    tau *= 0.25;
                    self.ttype -= 12;
                }
                continue;
            }
            if nan && tau != 0.0 {
                tau = 0.0;
                continue;
            }
            zero_shift = true;
            break;
        }
        if zero_shift {
            self.dqd(i0, m, pp);
            tau = 0.0;
        }
        self.tau = tau;
        // sigma += tau, keeping the rounding error in desig.
        if tau < self.sigma {
            self.desig += tau;
            let t = self.sigma + self.desig;
            self.desig -= t - self.sigma;
            self.sigma = t;
        } else {
            let t = self.sigma + tau;
            self.desig += self.sigma - (t - tau);
            self.sigma = t;
        }
    }
}

/// The eigenvalues of `B^T B` from the qd array `z` (`z[4k] = q_k`, `z[4k + 2] = e_k`,
/// everything else zero) of `n >= 3` elements, into `z[4k]`, descending.
fn squared_values(z: &mut [f64], n: usize) -> Result<(), NoConvergence> {
    let mut esum = 0.0;
    let mut trace = 0.0;
    for k in 0..n {
        trace += z[4 * k];
        if k + 1 < n {
            esum += z[4 * k + 2];
        }
    }
    let collect = |z: &mut [f64]| {
        let mut v: Vec<f64> = (0..n).map(|k| z[4 * k]).collect();
        v.sort_by(|a, b| b.total_cmp(a));
        for (k, x) in v.into_iter().enumerate() {
            z[4 * k] = x;
        }
    };
    if esum == 0.0 {
        collect(z);
        return Ok(());
    }
    trace += esum;
    if trace == 0.0 {
        return Ok(());
    }
    let mut qd = Qd {
        z,
        sigma: 0.0,
        desig: 0.0,
        qmax: 0.0,
        dmin: 0.0,
        dmin1: 0.0,
        dmin2: 0.0,
        dn: 0.0,
        dn1: 0.0,
        dn2: 0.0,
        ttype: 0,
        g: 0.0,
        tau: 0.0,
    };
    if FLIP_BIAS * qd.q(0, 0) < qd.q(n - 1, 0) {
        qd.reverse(0, n - 1);
    }
    // Two guarded zero-shift passes, which also find the first splits.
    qd.setup_pass(0, n - 1, 0);
    qd.qmax = qd.setup_pass(0, n - 1, 1);

    let mut n0 = n as isize - 1;
    for _ in 0..=n {
        if n0 < 0 {
            collect(qd.z);
            return Ok(());
        }
        // The bottom segment: from the last split point (an e <= 0) above n0.
        let top = n0 as usize;
        qd.desig = 0.0;
        qd.sigma = if top == n - 1 { 0.0 } else { -qd.e(top, 0) };
        if qd.sigma < 0.0 {
            return Err(NoConvergence);
        }
        let mut emax = 0.0f64;
        let mut qmin = qd.q(top, 0);
        qd.qmax = qmin;
        let mut i0 = 0usize;
        for k in (1..=top).rev() {
            let ek = qd.e(k - 1, 0);
            if ek <= 0.0 {
                i0 = k;
                break;
            }
            if qmin >= 4.0 * emax {
                qmin = qmin.min(qd.q(k, 0));
                emax = emax.max(ek);
            }
            qd.qmax = qd.qmax.max(qd.q(k - 1, 0) + ek);
        }
        let mut reversed = false;
        if top - i0 > 1 {
            // Reverse when the smallest values sit near the top (the running d of a
            // zero-shift transform tells where).
            let mut dee = qd.q(i0, 0);
            let mut deemin = dee;
            let mut kmin = i0;
            for k in i0 + 1..=top {
                dee = qd.q(k, 0) * (dee / (dee + qd.e(k - 1, 0)));
                if dee <= deemin {
                    deemin = dee;
                    kmin = k;
                }
            }
            if (kmin - i0) * 2 < top - kmin && deemin <= 0.5 * qd.q(top, 0) {
                qd.reverse(i0, top);
                reversed = true;
            }
        }
        qd.dmin = -(qmin - 2.0 * qmin.sqrt() * emax.sqrt()).max(0.0);
        let budget = 100 * (top - i0 + 1);
        let mut pp = 0usize;
        let mut done = false;
        for _ in 0..budget {
            if i0 as isize > n0 {
                done = true;
                break;
            }
            qd.step(i0, &mut n0, pp, reversed);
            reversed = false;
            pp = 1 - pp;
            if pp == 0 && n0 - i0 as isize >= 3 {
                let m = n0 as usize;
                if qd.e(m, 1) <= TOL2 * qd.qmax || qd.e(m, 0) <= TOL2 * qd.sigma {
                    // Look for splits along the segment.
                    let mut split = i0 as isize - 1;
                    qd.qmax = qd.q(i0, 0);
                    let mut emin = qd.e(i0, 0);
                    let mut oldemn = qd.e(i0, 1);
                    for k in i0..=m - 3 {
                        if qd.e(k, 1) <= TOL2 * qd.q(k, 0) || qd.e(k, 0) <= TOL2 * qd.sigma {
                            let s = qd.sigma;
                            qd.set_e(k, 0, -s);
                            split = k as isize;
                            qd.qmax = 0.0;
                            emin = qd.e(k + 1, 0);
                            oldemn = qd.e(k + 1, 1);
                        } else {
                            qd.qmax = qd.qmax.max(qd.q(k + 1, 0));
                            emin = emin.min(qd.e(k, 0));
                            oldemn = oldemn.min(qd.e(k, 1));
                        }
                    }
                    qd.set_e(m, 0, emin);
                    qd.set_e(m, 1, oldemn);
                    i0 = (split + 1) as usize;
                }
            }
        }
        if !done && i0 as isize <= n0 {
            return Err(NoConvergence);
        }
    }
    if n0 < 0 {
        collect(qd.z);
        return Ok(());
    }
    Err(NoConvergence)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_lcg as lcg;

    /// Reference singular values through faer's dense SVD.
    fn reference(d: &[f64], e: &[f64]) -> Vec<f64> {
        let n = d.len();
        let a = faer::Mat::<f64>::from_fn(n, n, |i, j| {
            if i == j {
                d[i]
            } else if j == i + 1 {
                e[i]
            } else {
                0.0
            }
        });
        let mut s = a.singular_values().unwrap();
        s.sort_by(|a, b| b.total_cmp(a));
        s
    }

    fn check_abs(d: &[f64], e: &[f64]) {
        let mut got = d.to_vec();
        bidiag_singular_values(&mut got, e).unwrap();
        let want = reference(d, e);
        let n = d.len();
        for w in got.windows(2) {
            assert!(w[0] >= w[1], "not descending");
        }
        let big = want.first().copied().unwrap_or(0.0);
        for (g, w) in got.iter().zip(&want) {
            assert!(
                (g - w).abs() <= 8.0 * n as f64 * f64::EPSILON * big + 1e-300,
                "{g} vs {w} (n={n})"
            );
        }
    }

    #[test]
    fn random_and_structured() {
        let mut seed = 7u64;
        for n in [1usize, 2, 3, 4, 5, 7, 10, 31, 64, 100, 257] {
            let m1 = n.saturating_sub(1);
            let d: Vec<f64> = (0..n).map(|_| lcg(&mut seed)).collect();
            let e: Vec<f64> = (0..m1).map(|_| lcg(&mut seed)).collect();
            check_abs(&d, &e);
            check_abs(&vec![1.0; n], &vec![1.0; m1]);
            check_abs(&vec![1.0; n], &vec![0.0; m1]);
            check_abs(&vec![0.0; n], &vec![1.0; m1]);
            check_abs(&vec![0.0; n], &vec![0.0; m1]);
            let dz: Vec<f64> = (0..n)
                .map(|i| if i % 3 == 0 { 0.0 } else { lcg(&mut seed) })
                .collect();
            check_abs(&dz, &e);
            let ez: Vec<f64> = (0..m1)
                .map(|i| if i % 4 == 1 { 0.0 } else { lcg(&mut seed) })
                .collect();
            check_abs(&d, &ez);
            let dr: Vec<f64> = (0..n).map(|i| [2.0, 1.0, 3.0][i % 3]).collect();
            let er: Vec<f64> = (0..m1)
                .map(|i| if i % 3 == 2 { 0.0 } else { 0.5 })
                .collect();
            check_abs(&dr, &er);
            let dg: Vec<f64> = (0..n).map(|i| 10f64.powi(-(i as i32 % 14))).collect();
            check_abs(&dg, &e);
        }
    }

    /// A graded bidiagonal matrix: every singular value to high relative accuracy (the
    /// product of the singular values is the product of |d|, known exactly).
    #[test]
    fn graded_relative_accuracy() {
        for n in [3usize, 10, 40] {
            let d: Vec<f64> = (0..n).map(|i| 0.5f64.powi(3 * i as i32)).collect();
            let e: Vec<f64> = (0..n - 1).map(|i| 0.5f64.powi(3 * i as i32 + 1)).collect();
            let mut s = d.clone();
            bidiag_singular_values(&mut s, &e).unwrap();
            let log_det: f64 = d.iter().map(|x| x.ln()).sum();
            let log_prod: f64 = s.iter().map(|x| x.ln()).sum();
            let err = (log_det - log_prod).abs();
            let bound = 10.0 * n as f64 * f64::EPSILON * (1.0 + log_det.abs());
            assert!(err < bound, "n={n} err {err} bound {bound}");
            // Strongly graded: each value close to its diagonal entry (relative).
            for (i, &x) in s.iter().enumerate() {
                assert!((x / d[i] - 1.0).abs() < 0.2, "n={n} i={i}");
            }
        }
    }

    #[test]
    fn two_by_two_cases() {
        for &(f, g, h) in &[
            (1.0, 0.0, 1.0),
            (3.0, 4.0, 0.0),
            (0.0, 0.0, 0.0),
            (1e-300, 1.0, 1e-300),
            (2.0, 1e300, 3.0),
            (1.0, 1e-20, 1e-20),
            (-2.0, 3.0, -5.0),
        ] {
            let (lo, hi) = two_by_two(f, g, h);
            // sigma_max^2 + sigma_min^2 is the squared Frobenius norm, sigma_max *
            // sigma_min the determinant (both compared after scaling to the largest entry).
            let c = f64::abs(f).max(g.abs()).max(h.abs()).max(1e-300);
            let (fs, gs, hs, ls, us) = (f / c, g / c, h / c, lo / c, hi / c);
            let fro = fs * fs + gs * gs + hs * hs;
            assert!((us * us + ls * ls - fro).abs() <= 8.0 * f64::EPSILON * fro);
            let det = (f.abs() * (h.abs() / hi)) / lo.max(1e-300);
            if lo > 0.0 {
                assert!(
                    (det - 1.0).abs() <= 8.0 * f64::EPSILON,
                    "{f} {g} {h}: {lo} {hi}"
                );
            } else {
                assert_eq!(f * h, 0.0);
            }
        }
    }
}
