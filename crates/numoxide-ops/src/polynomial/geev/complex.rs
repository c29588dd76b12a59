//! LAPACK's complex nonsymmetric eigensolver path as NumPy calls it (`zgeev` with
//! `jobvl = 'N'`): `zgebal` 'B', `zgehd2`, `zunghr`, the single-shift QR iteration
//! `zlahqr`, `ztrevc3`'s right eigenvectors back-transformed, `zgebak` and `zgeev`'s
//! normalization. Computed in complex128, as NumPy computes complex64 input too.

use num_complex::Complex;

use super::real::ladiv;
use super::{Fm, Re};

type C = Complex<f64>;

const CZERO: C = C::new(0.0, 0.0);
const CONE: C = C::new(1.0, 0.0);

/// `|re| + |im|` (LAPACK's CABS1).
fn cabs1(z: C) -> f64 {
    z.re.abs() + z.im.abs()
}

/// The modulus, as Fortran's `ABS` of a complex (hypot).
fn cabs(z: C) -> f64 {
    z.re.hypot(z.im)
}

/// Complex division as gfortran compiles it (Smith's algorithm).
fn cdiv(a: C, b: C) -> C {
    if b.re.abs() >= b.im.abs() {
        let r = b.im / b.re;
        let den = b.re + b.im * r;
        C::new((a.re + a.im * r) / den, (a.im - a.re * r) / den)
    } else {
        let r = b.re / b.im;
        let den = b.re * r + b.im;
        C::new((a.re * r + a.im) / den, (a.im * r - a.re) / den)
    }
}

/// The principal square root (as C's `csqrt`).
fn csqrt(z: C) -> C {
    if z.re == 0.0 && z.im == 0.0 {
        return C::new(0.0, z.im);
    }
    let m = cabs(z);
    if z.re >= 0.0 {
        let t = ((m + z.re) * 0.5).sqrt();
        C::new(t, z.im / (2.0 * t))
    } else {
        let t = ((m - z.re) * 0.5).sqrt();
        C::new(z.im.abs() / (2.0 * t), t.copysign(z.im))
    }
}

/// `zladiv`: robust complex division.
fn zladiv(x: C, y: C) -> C {
    let (p, q) = ladiv(x.re, x.im, y.re, y.im);
    C::new(p, q)
}

/// `dznrm2`: the 2-norm of complex values (as OpenBLAS, rounded once).
fn znrm2(x: &mut dyn Iterator<Item = C>) -> f64 {
    let mut it = x.flat_map(|z| [z.re, z.im]);
    f64::nrm2(&mut it)
}

/// `dlapy3`: `sqrt(x^2 + y^2 + z^2)` without needless overflow.
fn lapy3(x: f64, y: f64, z: f64) -> f64 {
    let (xa, ya, za) = (x.abs(), y.abs(), z.abs());
    let w = xa.max(ya).max(za);
    if w == 0.0 {
        xa + ya + za
    } else {
        w * ((xa / w).powi(2) + (ya / w).powi(2) + (za / w).powi(2)).sqrt()
    }
}

/// `zlarfg`: `H = I - tau v v^H` with `H^H [alpha; x] = [beta; 0]`, `beta` real.
fn zlarfg(alpha: &mut C, x: &mut [C]) -> C {
    let mut xnorm = znrm2(&mut x.iter().copied());
    let (mut alphr, mut alphi) = (alpha.re, alpha.im);
    if xnorm == 0.0 && alphi == 0.0 {
        return CZERO;
    }
    let mut beta = -lapy3(alphr, alphi, xnorm).copysign(alphr);
    let safmin = f64::SAFMIN / f64::EPS_E;
    let rsafmn = 1.0 / safmin;
    let mut knt = 0;
    if beta.abs() < safmin {
        loop {
            knt += 1;
            x.iter_mut().for_each(|v| *v *= rsafmn);
            beta *= rsafmn;
            alphi *= rsafmn;
            alphr *= rsafmn;
            if !(beta.abs() < safmin && knt < 20) {
                break;
            }
        }
        xnorm = znrm2(&mut x.iter().copied());
        *alpha = C::new(alphr, alphi);
        beta = -lapy3(alphr, alphi, xnorm).copysign(alphr);
    }
    let tau = C::new((beta - alphr) / beta, -alphi / beta);
    let s = zladiv(CONE, *alpha - beta);
    x.iter_mut().for_each(|v| *v = s * *v);
    for _ in 0..knt {
        beta *= safmin;
    }
    *alpha = C::new(beta, 0.0);
    tau
}

/// `zgebal` job 'B' (see the real `gebal`): returns `(ilo, ihi)`.
fn zgebal(a: &mut Fm<C>, scale: &mut [f64]) -> (usize, usize) {
    let n = a.n;
    let mut k = 1;
    let mut l = n;
    let mut noconv = true;
    while noconv {
        noconv = false;
        let mut i = l;
        while i >= 1 {
            let canswap = (1..=l).all(|j| i == j || a[(i, j)] == CZERO);
            if canswap {
                scale[l - 1] = i as f64;
                if i != l {
                    a.swap_cols(i, l, 1, l);
                    a.swap_rows(i, l, k, n);
                }
                noconv = true;
                if l == 1 {
                    return (1, 1);
                }
                l -= 1;
            }
            i -= 1;
        }
    }
    noconv = true;
    while noconv {
        noconv = false;
        // The sweep's range is fixed when it starts, while `k` moves inside it.
        let (first, last) = (k, l);
        for j in first..=last {
            let canswap = (k..=l).all(|i| i == j || a[(i, j)] == CZERO);
            if canswap {
                scale[k - 1] = j as f64;
                if j != k {
                    a.swap_cols(j, k, 1, l);
                    a.swap_rows(j, k, k, n);
                }
                noconv = true;
                k += 1;
            }
        }
    }
    for s in scale.iter_mut().take(l).skip(k - 1) {
        *s = 1.0;
    }
    let sfmin1 = f64::SAFMIN / f64::EPS_P;
    // izamax picks by |re| + |im|; the value used is the modulus of that entry.
    let amax_by_cabs1 = |it: &mut dyn Iterator<Item = C>| -> f64 {
        let mut best = -1.0;
        let mut val = 0.0;
        for z in it {
            if cabs1(z) > best {
                best = cabs1(z);
                val = cabs(z);
            }
        }
        val
    };
    noconv = true;
    while noconv {
        noconv = false;
        for i in k..=l {
            let c = znrm2(&mut (k..=l).map(|r| a[(r, i)]));
            let r = znrm2(&mut (k..=l).map(|q| a[(i, q)]));
            let ca = amax_by_cabs1(&mut (1..=l).map(|q| a[(q, i)]));
            let ra = amax_by_cabs1(&mut (k..=n).map(|q| a[(i, q)]));
            if c == 0.0 || r == 0.0 {
                continue;
            }
            if (c + ca + r + ra).is_nan() {
                return (k, l);
            }
            let Some(f) = super::balance_factor(c, r, ca, ra, scale[i - 1], sfmin1) else {
                continue;
            };
            let g = 1.0 / f;
            scale[i - 1] *= f;
            noconv = true;
            for q in k..=n {
                a[(i, q)] *= g;
            }
            for q in 1..=l {
                a[(q, i)] *= f;
            }
        }
    }
    (k, l)
}

/// `zgehd2`: Hessenberg reduction of rows/columns `ilo..=ihi`; returns the `tau`s.
fn zgehd2(a: &mut Fm<C>, ilo: usize, ihi: usize) -> Vec<C> {
    let n = a.n;
    let mut tau = vec![CZERO; n.max(1)];
    for i in ilo..ihi {
        let t = {
            let col = a.col_mut(i);
            let (head, tail) = col.split_at_mut(i + 1);
            zlarfg(&mut head[i], &mut tail[..ihi - i - 1])
        };
        tau[i - 1] = t;
        let v: Vec<C> = std::iter::once(CONE)
            .chain(a.col(i)[i + 1..ihi].iter().copied())
            .collect();
        // Right: A(1:ihi, i+1:ihi) = A (I - tau v v^H).
        if t != CZERO {
            let mut w = vec![CZERO; ihi];
            for (jj, &vj) in v.iter().enumerate() {
                let col = &a.col(i + 1 + jj)[..ihi];
                for (wi, &c) in w.iter_mut().zip(col) {
                    *wi += c * vj;
                }
            }
            for (jj, &vj) in v.iter().enumerate() {
                let f = -t * vj.conj();
                let col = &mut a.col_mut(i + 1 + jj)[..ihi];
                for (c, &wi) in col.iter_mut().zip(&w) {
                    *c += wi * f;
                }
            }
        }
        // Left: A(i+1:ihi, i+1:n) = (I - conj(tau) v v^H)^H... as zlarf with conj(tau):
        // C - conj(tau) v (v^H C).
        zlarf_left(a, &v, t.conj(), i + 1, i + 1, n);
    }
    tau
}

/// `C = C - tau v (v^H C)` on rows `r0..r0+len(v)-1`, columns `c0..=c1`.
fn zlarf_left(a: &mut Fm<C>, v: &[C], tau: C, r0: usize, c0: usize, c1: usize) {
    if tau == CZERO || c1 < c0 {
        return;
    }
    for j in c0..=c1 {
        let col = &mut a.col_mut(j)[r0 - 1..r0 - 1 + v.len()];
        let s = col
            .iter()
            .zip(v)
            .fold(CZERO, |acc, (&c, &vi)| acc + vi.conj() * c);
        let f = -tau * s;
        for (c, &vi) in col.iter_mut().zip(v) {
            *c += vi * f;
        }
    }
}

/// `zunghr`: the unitary `Q = H(ilo) ... H(ihi-1)` of the Hessenberg reduction.
fn zunghr(a: &Fm<C>, ilo: usize, ihi: usize, tau: &[C]) -> Fm<C> {
    let n = a.n;
    let mut q = Fm::filled(n, n, CZERO);
    for i in 1..=n {
        q[(i, i)] = CONE;
    }
    for i in (ilo..ihi).rev() {
        let v: Vec<C> = std::iter::once(CONE)
            .chain(a.col(i)[i + 1..ihi].iter().copied())
            .collect();
        let t = tau[i - 1];
        zlarf_left(&mut q, &v, t, i + 1, i + 2, ihi);
        let col = q.col_mut(i + 1);
        for (r, &vr) in v.iter().enumerate().skip(1) {
            col[i + r] = -t * vr;
        }
        col[i] = CONE - t;
    }
    q
}

/// `zlahqr`: the Schur form of the Hessenberg block `ilo..=ihi` by the single-shift
/// QR iteration; eigenvalues into `w` (1-based positions). Returns LAPACK's `info`.
fn zlahqr(
    wantt: bool,
    h: &mut Fm<C>,
    ilo: usize,
    ihi: usize,
    w: &mut [C],
    mut z: Option<&mut Fm<C>>,
) -> usize {
    let n = h.n;
    let (iloz, ihiz) = (1, n);
    if ilo == ihi {
        w[ilo - 1] = h[(ilo, ilo)];
        return 0;
    }
    for j in ilo..=ihi.saturating_sub(3) {
        h[(j + 2, j)] = CZERO;
        h[(j + 3, j)] = CZERO;
    }
    if ilo + 2 <= ihi {
        h[(ihi, ihi - 2)] = CZERO;
    }
    let (jlo, jhi) = if wantt { (1, n) } else { (ilo, ihi) };
    // Make the subdiagonal real.
    for i in ilo + 1..=ihi {
        if h[(i, i - 1)].im != 0.0 {
            let mut sc = h[(i, i - 1)] / cabs1(h[(i, i - 1)]);
            sc = sc.conj() / cabs(sc);
            h[(i, i - 1)] = C::new(cabs(h[(i, i - 1)]), 0.0);
            for j in i..=jhi {
                h[(i, j)] = sc * h[(i, j)];
            }
            for r in jlo..=jhi.min(i + 1) {
                h[(r, i)] = sc.conj() * h[(r, i)];
            }
            if let Some(z) = z.as_deref_mut() {
                for r in iloz..=ihiz {
                    z[(r, i)] = sc.conj() * z[(r, i)];
                }
            }
        }
    }
    let nh = ihi - ilo + 1;
    let safmin = f64::SAFMIN;
    let ulp = f64::EPS_P;
    let smlnum = safmin * (nh as f64 / ulp);
    let (mut i1, mut i2) = (1usize, n);
    let itmax = 30 * nh.max(10);
    let mut kdefl = 0usize;
    let dat1 = 0.75;
    let kexsh = 10;
    let mut i = ihi;
    loop {
        if i < ilo {
            return 0;
        }
        let mut l = ilo;
        let mut converged = false;
        for _its in 0..=itmax {
            let mut k = i;
            while k > l {
                if cabs1(h[(k, k - 1)]) <= smlnum {
                    break;
                }
                let mut tst = cabs1(h[(k - 1, k - 1)]) + cabs1(h[(k, k)]);
                if tst == 0.0 {
                    if k >= ilo + 2 {
                        tst += h[(k - 1, k - 2)].re.abs();
                    }
                    if k < ihi {
                        tst += h[(k + 1, k)].re.abs();
                    }
                }
                if h[(k, k - 1)].re.abs() <= ulp * tst {
                    let ab = cabs1(h[(k, k - 1)]).max(cabs1(h[(k - 1, k)]));
                    let ba = cabs1(h[(k, k - 1)]).min(cabs1(h[(k - 1, k)]));
                    let aa = cabs1(h[(k, k)]).max(cabs1(h[(k - 1, k - 1)] - h[(k, k)]));
                    let bb = cabs1(h[(k, k)]).min(cabs1(h[(k - 1, k - 1)] - h[(k, k)]));
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                h[(l, l - 1)] = CZERO;
            }
            if l >= i {
                converged = true;
                break;
            }
            kdefl += 1;
            if !wantt {
                i1 = l;
                i2 = i;
            }
            let t;
            if kdefl % (2 * kexsh) == 0 {
                let s = dat1 * h[(i, i - 1)].re.abs();
                t = h[(i, i)] + s;
            } else if kdefl % kexsh == 0 {
                let s = dat1 * h[(l + 1, l)].re.abs();
                t = h[(l, l)] + s;
            } else {
                let mut tt = h[(i, i)];
                let u = csqrt(h[(i - 1, i)]) * csqrt(h[(i, i - 1)]);
                let s = cabs1(u);
                if s != 0.0 {
                    let x = (h[(i - 1, i - 1)] - tt) * 0.5;
                    let sx = cabs1(x);
                    let s = s.max(cabs1(x));
                    let xs = cdiv(x, C::new(s, 0.0));
                    let us = cdiv(u, C::new(s, 0.0));
                    let mut y = csqrt(xs * xs + us * us) * s;
                    if sx > 0.0 {
                        let xx = cdiv(x, C::new(sx, 0.0));
                        if xx.re * y.re + xx.im * y.im < 0.0 {
                            y = -y;
                        }
                    }
                    tt -= u * zladiv(u, x + y);
                }
                t = tt;
            }
            // Look for two consecutive small subdiagonal elements.
            let mut v = [CZERO; 2];
            let mut m = i - 1;
            let mut found = false;
            while m > l {
                let h11 = h[(m, m)];
                let h22 = h[(m + 1, m + 1)];
                let mut h11s = h11 - t;
                let mut h21 = h[(m + 1, m)].re;
                let s = cabs1(h11s) + h21.abs();
                h11s = cdiv(h11s, C::new(s, 0.0));
                h21 /= s;
                v = [h11s, C::new(h21, 0.0)];
                let h10 = h[(m, m - 1)].re;
                if h10.abs() * h21.abs() <= ulp * (cabs1(h11s) * (cabs1(h11) + cabs1(h22))) {
                    found = true;
                    break;
                }
                m -= 1;
            }
            if !found {
                m = l;
                let h11 = h[(l, l)];
                let mut h11s = h11 - t;
                let mut h21 = h[(l + 1, l)].re;
                let s = cabs1(h11s) + h21.abs();
                h11s = cdiv(h11s, C::new(s, 0.0));
                h21 /= s;
                v = [h11s, C::new(h21, 0.0)];
            }
            // Single-shift QR step.
            for k in m..i {
                if k > m {
                    v = [h[(k, k - 1)], h[(k + 1, k - 1)]];
                }
                let (head, tail) = v.split_at_mut(1);
                let t1 = zlarfg(&mut head[0], &mut tail[..1]);
                if k > m {
                    h[(k, k - 1)] = v[0];
                    h[(k + 1, k - 1)] = CZERO;
                }
                let v2 = v[1];
                let t2 = (t1 * v2).re;
                for j in k..=i2 {
                    let sum = t1.conj() * h[(k, j)] + h[(k + 1, j)] * t2;
                    h[(k, j)] -= sum;
                    h[(k + 1, j)] -= sum * v2;
                }
                for j in i1..=(k + 2).min(i) {
                    let sum = t1 * h[(j, k)] + h[(j, k + 1)] * t2;
                    h[(j, k)] -= sum;
                    h[(j, k + 1)] -= sum * v2.conj();
                }
                if let Some(z) = z.as_deref_mut() {
                    for j in iloz..=ihiz {
                        let sum = t1 * z[(j, k)] + z[(j, k + 1)] * t2;
                        z[(j, k)] -= sum;
                        z[(j, k + 1)] -= sum * v2.conj();
                    }
                }
                if k == m && m > l {
                    let mut temp = CONE - t1;
                    temp = temp / cabs(temp);
                    h[(m + 1, m)] *= temp.conj();
                    if m + 2 <= i {
                        h[(m + 2, m + 1)] *= temp;
                    }
                    for j in m..=i {
                        if j != m + 1 {
                            if i2 > j {
                                for q in j + 1..=i2 {
                                    h[(j, q)] = temp * h[(j, q)];
                                }
                            }
                            for q in i1..j {
                                h[(q, j)] = temp.conj() * h[(q, j)];
                            }
                            if let Some(z) = z.as_deref_mut() {
                                for q in iloz..=ihiz {
                                    z[(q, j)] = temp.conj() * z[(q, j)];
                                }
                            }
                        }
                    }
                }
            }
            // Make H(i, i-1) real.
            let temp = h[(i, i - 1)];
            if temp.im != 0.0 {
                let rtemp = cabs(temp);
                h[(i, i - 1)] = C::new(rtemp, 0.0);
                let temp = temp / rtemp;
                if i2 > i {
                    for q in i + 1..=i2 {
                        h[(i, q)] = temp.conj() * h[(i, q)];
                    }
                }
                for q in i1..i {
                    h[(q, i)] = temp * h[(q, i)];
                }
                if let Some(z) = z.as_deref_mut() {
                    for q in iloz..=ihiz {
                        z[(q, i)] = temp * z[(q, i)];
                    }
                }
            }
        }
        if !converged {
            return i;
        }
        w[i - 1] = h[(i, i)];
        kdefl = 0;
        if l == 0 {
            return 0;
        }
        i = l - 1;
    }
}

/// `ztrevc3` side 'R', howmny 'B': right eigenvectors of the upper triangular `t`
/// multiplied into `vr` (the Schur vectors), each scaled to largest `cabs1` 1.
fn ztrevc3_right(t: &mut Fm<C>, vr: &mut Fm<C>) {
    let n = t.n;
    let ulp = f64::EPS_P;
    let smlnum = f64::SAFMIN * (n as f64 / ulp);
    let diag: Vec<C> = (1..=n).map(|i| t[(i, i)]).collect();
    let mut x = vec![CZERO; n + 1];
    for ki in (1..=n).rev() {
        let smin = (ulp * cabs1(t[(ki, ki)])).max(smlnum);
        x[ki] = CONE;
        for k in 1..ki {
            x[k] = -t[(k, ki)];
        }
        for k in 1..ki {
            t[(k, k)] = t[(k, k)] - t[(ki, ki)];
            if cabs1(t[(k, k)]) < smin {
                t[(k, k)] = C::new(smin, 0.0);
            }
        }
        // zlatrs without its overflow guard (a plain back substitution with the
        // shifted T, as zlatrs does through ztrsv whenever no growth threatens).
        for j in (1..ki).rev() {
            x[j] = zladiv(x[j], t[(j, j)]);
            let xj = x[j];
            for k in 1..j {
                x[k] -= xj * t[(k, j)];
            }
        }
        x[ki] = CONE;
        let mut col: Vec<C> = vr.col(ki).iter().map(|&v| v * x[ki]).collect();
        for k in 1..ki {
            let f = x[k];
            for (c, &v) in col.iter_mut().zip(vr.col(k)) {
                *c += f * v;
            }
        }
        let emax = col.iter().fold(0.0f64, |m, &c| m.max(cabs1(c)));
        let remax = 1.0 / emax;
        for (d, c) in vr.col_mut(ki).iter_mut().zip(col) {
            *d = c * remax;
        }
        for k in 1..ki {
            t[(k, k)] = diag[k - 1];
        }
    }
}

/// The eigen-decomposition of one complex matrix as `zgeev` (`jobvl = 'N'`) returns it.
pub struct ComplexEig {
    /// The eigenvalues.
    pub w: Vec<C>,
    /// The right eigenvectors (columns), when asked for.
    pub vr: Option<Fm<C>>,
}

/// `zgeev` with `jobvl = 'N'`, `jobvr = 'V'` (`vectors`) or `'N'`, on a finite matrix.
/// `Err(info)` when the QR iteration does not converge.
pub fn geev_complex(mut a: Fm<C>, vectors: bool) -> Result<ComplexEig, usize> {
    let n = a.n;
    let mut w = vec![CZERO; n];
    if n == 0 {
        return Ok(ComplexEig {
            w,
            vr: vectors.then(|| Fm::filled(0, 0, CZERO)),
        });
    }
    let anrm = a.d.iter().fold(0.0f64, |m, v| Re::max(m, cabs(*v)));
    let scaled = super::scale_guard(anrm);
    if let Some((from, to)) = scaled {
        super::lascl(from, to, &mut a.d);
    }
    let mut scale = vec![0.0; n];
    let (ilo, ihi) = zgebal(&mut a, &mut scale);
    let tau = zgehd2(&mut a, ilo, ihi);
    let mut vr = vectors.then(|| zunghr(&a, ilo, ihi, &tau));
    for i in (1..ilo).chain(ihi + 1..=n) {
        w[i - 1] = a[(i, i)];
    }
    let info = zlahqr(vectors, &mut a, ilo, ihi, &mut w, vr.as_mut());
    if info != 0 {
        return Err(info);
    }
    if let Some(v) = vr.as_mut() {
        for j in 1..=n {
            for i in j + 1..=n {
                a[(i, j)] = CZERO;
            }
        }
        ztrevc3_right(&mut a, v);
        super::real::gebak(v, ilo, ihi, &scale);
        // zgeev's normalization: unit norm, the largest component real.
        for i in 1..=n {
            let scl = 1.0 / znrm2(&mut v.col(i).iter().copied());
            v.col_mut(i).iter_mut().for_each(|x| *x *= scl);
            let mut k = 1;
            let mut best = -1.0;
            for r in 1..=n {
                let m = v[(r, i)].re * v[(r, i)].re + v[(r, i)].im * v[(r, i)].im;
                if m > best {
                    best = m;
                    k = r;
                }
            }
            let tmp = cdiv(v[(k, i)].conj(), C::new(best.sqrt(), 0.0));
            v.col_mut(i).iter_mut().for_each(|x| *x = tmp * *x);
            v[(k, i)] = C::new(v[(k, i)].re, 0.0);
        }
    }
    if let Some((from, to)) = scaled {
        super::lascl(to, from, &mut w);
    }
    Ok(ComplexEig { w, vr })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_sqrt() {
        let z = cdiv(C::new(1.0, 2.0), C::new(3.0, -4.0));
        assert!((z - C::new(-0.2, 0.4)).norm() < 1e-15);
        let s = csqrt(C::new(-4.0, 0.0));
        assert_eq!(s, C::new(0.0, 2.0));
        let s = csqrt(C::new(3.0, 4.0));
        assert!((s - C::new(2.0, 1.0)).norm() < 1e-15);
    }
}
