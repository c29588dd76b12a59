//! LAPACK's real nonsymmetric eigensolver path as NumPy calls it (`dgeev`/`sgeev` with
//! `jobvl = 'N'`): balance (`gebal` 'B'), Hessenberg reduction (`gehd2`), the orthogonal
//! factor (`orghr`), the Schur form by the double-shift QR iteration (`lahqr`), the
//! right eigenvectors of the quasi-triangular factor back-transformed (`trevc3`),
//! back-balancing (`gebak`) and `geev`'s normalization. Written from the reference
//! algorithms so that the eigenvalues come out in the order NumPy returns them.
//!
//! Matrices are column-major with 1-based accessors (`m[(i, j)]`, as the reference
//! algorithms are written), which keeps the index arithmetic checkable line by line.

use super::{Fm, Re};

/// `dlapy2`: `sqrt(x^2 + y^2)` without needless overflow.
pub(super) fn lapy2<R: Re>(x: R, y: R) -> R {
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    let (xa, ya) = (x.abs(), y.abs());
    let w = xa.max(ya);
    let z = xa.min(ya);
    if z == R::ZERO || w > R::MAX {
        w
    } else {
        let q = z / w;
        w * (R::ONE + q * q).sqrt()
    }
}

/// `dnrm2` of a vector, as OpenBLAS computes it (see [`Re::nrm2`]).
pub(super) fn nrm2<R: Re>(x: impl Iterator<Item = R>) -> R {
    let mut it = x;
    R::nrm2(&mut it)
}

/// `dlarfg`: the elementary reflector `H = I - tau v v^T` with `H [alpha; x] = [beta; 0]`.
/// Overwrites `alpha` with `beta` and `x` with `v(2:n)`; returns `tau`.
pub(super) fn larfg<R: Re>(alpha: &mut R, x: &mut [R]) -> R {
    if x.is_empty() {
        return R::ZERO;
    }
    let mut xnorm = nrm2(x.iter().copied());
    if xnorm == R::ZERO {
        return R::ZERO;
    }
    let mut beta = -lapy2(*alpha, xnorm).sign(*alpha);
    let safmin = R::SAFMIN / R::EPS_E;
    let mut knt = 0;
    if beta.abs() < safmin {
        let rsafmn = R::ONE / safmin;
        loop {
            knt += 1;
            x.iter_mut().for_each(|v| *v = *v * rsafmn);
            beta = beta * rsafmn;
            *alpha = *alpha * rsafmn;
            if !(beta.abs() < safmin && knt < 20) {
                break;
            }
        }
        xnorm = nrm2(x.iter().copied());
        beta = -lapy2(*alpha, xnorm).sign(*alpha);
    }
    let tau = (beta - *alpha) / beta;
    let s = R::ONE / (*alpha - beta);
    x.iter_mut().for_each(|v| *v = *v * s);
    for _ in 0..knt {
        beta = beta * safmin;
    }
    *alpha = beta;
    tau
}

/// `dlartg`: a plane rotation with `[c s; -s c] [f; g] = [r; 0]`.
pub(super) fn lartg<R: Re>(f: R, g: R) -> (R, R, R) {
    let safmin = R::SAFMIN;
    let safmax = R::ONE / safmin;
    let rtmin = safmin.sqrt();
    let rtmax = (safmax / R::TWO).sqrt();
    let (f1, g1) = (f.abs(), g.abs());
    if g == R::ZERO {
        (R::ONE, R::ZERO, f)
    } else if f == R::ZERO {
        (R::ZERO, R::ONE.sign(g), g1)
    } else if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        let d = (f * f + g * g).sqrt();
        let c = f1 / d;
        let r = d.sign(f);
        (c, g / r, r)
    } else {
        let u = safmax.min(safmin.max(f1).max(g1));
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let c = fs.abs() / d;
        let r = d.sign(f);
        let s = gs / r;
        (c, s, r * u)
    }
}

/// The result of [`lanv2`]: the standardized 2x2 block, its eigenvalues and rotation.
struct Lanv2<R> {
    abcd: [R; 4],
    rt1: (R, R),
    rt2: (R, R),
    cs: R,
    sn: R,
}

/// `dlanv2`: the Schur factorization of a real 2x2 block in standard form.
fn lanv2<R: Re>(a: R, b: R, c: R, d: R) -> Lanv2<R> {
    let (mut a, mut b, mut c, mut d) = (a, b, c, d);
    let multpl = R::from_f64(4.0);
    let half = R::HALF;
    let eps = R::EPS_P;
    let safmn2 = R::SAFMN2;
    let safmx2 = R::ONE / safmn2;
    let (mut cs, mut sn);
    if c == R::ZERO {
        cs = R::ONE;
        sn = R::ZERO;
    } else if b == R::ZERO {
        cs = R::ZERO;
        sn = R::ONE;
        std::mem::swap(&mut a, &mut d);
        b = -c;
        c = R::ZERO;
    } else if (a - d) == R::ZERO && R::ONE.sign(b) != R::ONE.sign(c) {
        cs = R::ONE;
        sn = R::ZERO;
    } else {
        let mut temp = a - d;
        let mut p = half * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * R::ONE.sign(b) * R::ONE.sign(c);
        let mut scale = p.abs().max(bcmax);
        let mut z = (p / scale) * p + (bcmax / scale) * bcmis;
        if z >= multpl * eps {
            z = p + (scale.sqrt() * z.sqrt()).sign(p);
            a = d + z;
            d = d - (bcmax / z) * bcmis;
            let tau = lapy2(c, z);
            cs = z / tau;
            sn = c / tau;
            b = b - c;
            c = R::ZERO;
        } else {
            let mut count = 0;
            let mut sigma = b + c;
            loop {
                count += 1;
                scale = temp.abs().max(sigma.abs());
                if scale >= safmx2 {
                    sigma = sigma * safmn2;
                    temp = temp * safmn2;
                    if count <= 20 {
                        continue;
                    }
                }
                if scale <= safmn2 {
                    sigma = sigma * safmx2;
                    temp = temp * safmx2;
                    if count <= 20 {
                        continue;
                    }
                }
                break;
            }
            p = half * temp;
            let mut tau = lapy2(sigma, temp);
            cs = (half * (R::ONE + sigma.abs() / tau)).sqrt();
            sn = -(p / (tau * cs)) * R::ONE.sign(sigma);
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            a = aa * cs + cc * sn;
            b = (bb * cs) + (dd * sn);
            c = -(aa * sn) + (cc * cs);
            d = -bb * sn + dd * cs;
            temp = half * (a + d);
            a = temp;
            d = temp;
            if c != R::ZERO {
                if b != R::ZERO {
                    if R::ONE.sign(b) == R::ONE.sign(c) {
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = (sab * sac).sign(c);
                        tau = R::ONE / (b + c).abs().sqrt();
                        a = temp + p;
                        d = temp - p;
                        b = b - c;
                        c = R::ZERO;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    b = -c;
                    c = R::ZERO;
                    let t = cs;
                    cs = -sn;
                    sn = t;
                }
            }
        }
    }
    let (rt1i, rt2i) = if c == R::ZERO {
        (R::ZERO, R::ZERO)
    } else {
        let v = b.abs().sqrt() * c.abs().sqrt();
        (v, -v)
    };
    Lanv2 {
        abcd: [a, b, c, d],
        rt1: (a, rt1i),
        rt2: (d, rt2i),
        cs,
        sn,
    }
}

/// `dgebal` job 'B': permute to isolate eigenvalues, then scale rows and columns of
/// the rest by powers of two. Returns `(ilo, ihi)` (1-based) and fills `scale` with
/// LAPACK's encoding (permutation indices outside `ilo..=ihi`, scale factors inside).
pub(super) fn gebal<R: Re>(a: &mut Fm<R>, scale: &mut [R]) -> (usize, usize) {
    let n = a.n;
    if n == 0 {
        return (1, 0);
    }
    let mut k = 1;
    let mut l = n;
    // Rows isolating an eigenvalue, pushed down.
    let mut noconv = true;
    while noconv {
        noconv = false;
        let mut i = l;
        while i >= 1 {
            let canswap = (1..=l).all(|j| i == j || a[(i, j)] == R::ZERO);
            if canswap {
                scale[l - 1] = R::from_f64(i as f64);
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
    // Columns isolating an eigenvalue, pushed left.
    noconv = true;
    while noconv {
        noconv = false;
        // The sweep's range is fixed when it starts (a Fortran DO loop), while `k`
        // moves inside it.
        let (first, last) = (k, l);
        for j in first..=last {
            let canswap = (k..=l).all(|i| i == j || a[(i, j)] == R::ZERO);
            if canswap {
                scale[k - 1] = R::from_f64(j as f64);
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
        *s = R::ONE;
    }
    let sfmin1 = R::SAFMIN / R::EPS_P;
    noconv = true;
    while noconv {
        noconv = false;
        for i in k..=l {
            let c = nrm2((k..=l).map(|r| a[(r, i)]));
            let r = nrm2((k..=l).map(|q| a[(i, q)]));
            let ca = (1..=l).fold(R::ZERO, |m, q| amax(m, a[(q, i)].abs()));
            let ra = (k..=n).fold(R::ZERO, |m, q| amax(m, a[(i, q)].abs()));
            if c == R::ZERO || r == R::ZERO {
                continue;
            }
            if (c + ca + r + ra).is_nan() {
                return (k, l);
            }
            let Some(f) = super::balance_factor(c, r, ca, ra, scale[i - 1], sfmin1) else {
                continue;
            };
            let g = R::ONE / f;
            scale[i - 1] = scale[i - 1] * f;
            noconv = true;
            for q in k..=n {
                a[(i, q)] = a[(i, q)] * g;
            }
            for q in 1..=l {
                a[(q, i)] = a[(q, i)] * f;
            }
        }
    }
    (k, l)
}

/// The larger of two magnitudes, as `idamax` picks (the first maximum wins; NaN is
/// not expected here because the input was checked finite).
fn amax<R: Re>(m: R, v: R) -> R {
    if v > m {
        v
    } else {
        m
    }
}

/// `dgebak` 'B', 'R': undo the balancing on the rows of `v` (n x m).
pub(super) fn gebak<R: Re, T: Copy + std::ops::Mul<R, Output = T>>(
    v: &mut Fm<T>,
    ilo: usize,
    ihi: usize,
    scale: &[R],
) {
    let n = v.n;
    for i in ilo..=ihi {
        let s = scale[i - 1];
        for j in 1..=v.m {
            v[(i, j)] = v[(i, j)] * s;
        }
    }
    for ii in 1..=n {
        let mut i = ii;
        if i >= ilo && i <= ihi {
            continue;
        }
        if i < ilo {
            i = ilo - ii;
        }
        let k = scale[i - 1].to_f64() as usize;
        if k == i || k == 0 || k > n {
            continue;
        }
        let cols = v.m;
        v.swap_rows(i, k, 1, cols);
    }
}

/// `dgehd2`: reduce rows/columns `ilo..=ihi` to upper Hessenberg form by Householder
/// reflectors, stored below the subdiagonal; returns the `tau`s (indexed 1-based by `i`).
pub(super) fn gehd2<R: Re>(a: &mut Fm<R>, ilo: usize, ihi: usize) -> Vec<R> {
    let n = a.n;
    let mut tau = vec![R::ZERO; n.max(1)];
    let mut w = vec![R::ZERO; n];
    for i in ilo..ihi {
        // The reflector annihilating A(i+2:ihi, i).
        let t = {
            let col = a.col_mut(i);
            let (head, tail) = col.split_at_mut(i + 1);
            larfg(&mut head[i], &mut tail[..ihi - i - 1])
        };
        tau[i - 1] = t;
        let v: Vec<R> = std::iter::once(R::ONE)
            .chain(a.col(i)[i + 1..ihi].iter().copied())
            .collect();
        // Right: A(1:ihi, i+1:ihi) -= tau (A v) v^T.
        apply_right(a, &v, t, 1, ihi, i + 1, &mut w);
        // Left: A(i+1:ihi, i+1:n) -= tau v (v^T A).
        apply_left(a, &v, t, i + 1, i + 1, n, &mut w);
    }
    tau
}

/// `C = C (I - tau v v^T)` on rows `r0..=r1`, columns `c0..c0+len(v)-1`.
fn apply_right<R: Re>(
    a: &mut Fm<R>,
    v: &[R],
    tau: R,
    r0: usize,
    r1: usize,
    c0: usize,
    w: &mut [R],
) {
    if tau == R::ZERO {
        return;
    }
    let w = &mut w[..r1 + 1 - r0];
    w.iter_mut().for_each(|x| *x = R::ZERO);
    for (jj, &vj) in v.iter().enumerate() {
        let col = &a.col(c0 + jj)[r0 - 1..r1];
        for (wi, &c) in w.iter_mut().zip(col) {
            *wi = *wi + c * vj;
        }
    }
    for (jj, &vj) in v.iter().enumerate() {
        let f = -tau * vj;
        let col = &mut a.col_mut(c0 + jj)[r0 - 1..r1];
        for (c, &wi) in col.iter_mut().zip(w.iter()) {
            *c = *c + wi * f;
        }
    }
}

/// `C = (I - tau v v^T) C` on rows `r0..r0+len(v)-1`, columns `c0..=c1`.
fn apply_left<R: Re>(a: &mut Fm<R>, v: &[R], tau: R, r0: usize, c0: usize, c1: usize, w: &mut [R]) {
    if tau == R::ZERO || c1 < c0 {
        return;
    }
    let _ = w;
    for j in c0..=c1 {
        let col = &mut a.col_mut(j)[r0 - 1..r0 - 1 + v.len()];
        let s = col
            .iter()
            .zip(v)
            .fold(R::ZERO, |acc, (&c, &vi)| acc + c * vi);
        let f = -tau * s;
        for (c, &vi) in col.iter_mut().zip(v) {
            *c = *c + vi * f;
        }
    }
}

/// `dorghr`: the orthogonal `Q` of the Hessenberg reduction, from the reflectors left
/// below the subdiagonal of `a` by [`gehd2`].
pub(super) fn orghr<R: Re>(a: &Fm<R>, ilo: usize, ihi: usize, tau: &[R]) -> Fm<R> {
    let n = a.n;
    let mut q = Fm::identity(n);
    let nh = ihi - ilo;
    if nh == 0 {
        return q;
    }
    let mut w = vec![R::ZERO; n];
    // Q = H(ilo) ... H(ihi-1), accumulated backward as dorg2r does: reflector i acts on
    // rows/columns i+1..=ihi.
    for i in (ilo..ihi).rev() {
        let v: Vec<R> = std::iter::once(R::ONE)
            .chain(a.col(i)[i + 1..ihi].iter().copied())
            .collect();
        let t = tau[i - 1];
        // Column i+1 of Q: H(i) e_{i+1} restricted, columns i+2..ihi by the left update.
        apply_left(&mut q, &v, t, i + 1, i + 2, ihi, &mut w);
        // Column i+1 = e - tau v v(1)
        let col = q.col_mut(i + 1);
        for (r, &vr) in v.iter().enumerate().skip(1) {
            col[i + r] = -t * vr;
        }
        col[i] = R::ONE - t;
        for x in col[ilo..i].iter_mut() {
            *x = R::ZERO;
        }
    }
    q
}

/// `dlahqr`: the Schur form of the Hessenberg block `ilo..=ihi` by the double-shift
/// implicit QR iteration; eigenvalues into `wr`/`wi` (1-based positions), `z` (when
/// given) accumulates the transformations on rows `iloz..=ihiz`. Returns LAPACK's
/// `info` (0, or the index of the first unconverged eigenvalue).
#[allow(clippy::too_many_arguments)]
pub(super) fn lahqr<R: Re>(
    wantt: bool,
    h: &mut Fm<R>,
    ilo: usize,
    ihi: usize,
    wr: &mut [R],
    wi: &mut [R],
    mut z: Option<&mut Fm<R>>,
    iloz: usize,
    ihiz: usize,
) -> usize {
    let n = h.n;
    if n == 0 {
        return 0;
    }
    if ilo == ihi {
        wr[ilo - 1] = h[(ilo, ilo)];
        wi[ilo - 1] = R::ZERO;
        return 0;
    }
    for j in ilo..=ihi.saturating_sub(3) {
        h[(j + 2, j)] = R::ZERO;
        h[(j + 3, j)] = R::ZERO;
    }
    if ilo + 2 <= ihi {
        h[(ihi, ihi - 2)] = R::ZERO;
    }
    let nh = ihi - ilo + 1;
    let safmin = R::SAFMIN;
    let ulp = R::EPS_P;
    let smlnum = safmin * (R::from_f64(nh as f64) / ulp);
    let (mut i1, mut i2) = (1usize, n);
    let itmax = 30 * nh.max(10);
    let mut kdefl = 0usize;
    let dat1 = R::from_f64(0.75);
    let dat2 = R::from_f64(-0.4375);
    let kexsh = 10usize;
    let mut i = ihi;
    let abs = |x: R| x.abs();
    'outer: loop {
        let mut l = ilo;
        if i < ilo {
            return 0;
        }
        let mut converged = false;
        for _its in 0..=itmax {
            // Look for a single small subdiagonal element.
            let mut k = i;
            while k > l {
                if abs(h[(k, k - 1)]) <= smlnum {
                    break;
                }
                let mut tst = abs(h[(k - 1, k - 1)]) + abs(h[(k, k)]);
                if tst == R::ZERO {
                    if k >= ilo + 2 {
                        tst = tst + abs(h[(k - 1, k - 2)]);
                    }
                    if k < ihi {
                        tst = tst + abs(h[(k + 1, k)]);
                    }
                }
                if abs(h[(k, k - 1)]) <= ulp * tst {
                    let ab = abs(h[(k, k - 1)]).max(abs(h[(k - 1, k)]));
                    let ba = abs(h[(k, k - 1)]).min(abs(h[(k - 1, k)]));
                    let aa = abs(h[(k, k)]).max(abs(h[(k - 1, k - 1)] - h[(k, k)]));
                    let bb = abs(h[(k, k)]).min(abs(h[(k - 1, k - 1)] - h[(k, k)]));
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                h[(l, l - 1)] = R::ZERO;
            }
            if l + 1 >= i {
                converged = true;
                break;
            }
            kdefl += 1;
            if !wantt {
                i1 = l;
                i2 = i;
            }
            let (mut h11, mut h12, mut h21, mut h22);
            if kdefl % (2 * kexsh) == 0 {
                let s = abs(h[(i, i - 1)]) + abs(h[(i - 1, i - 2)]);
                h11 = dat1 * s + h[(i, i)];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else if kdefl % kexsh == 0 {
                let s = abs(h[(l + 1, l)]) + abs(h[(l + 2, l + 1)]);
                h11 = dat1 * s + h[(l, l)];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else {
                h11 = h[(i - 1, i - 1)];
                h21 = h[(i, i - 1)];
                h12 = h[(i - 1, i)];
                h22 = h[(i, i)];
            }
            let s = abs(h11) + abs(h12) + abs(h21) + abs(h22);
            let (rt1r, rt1i, rt2r, rt2i);
            if s == R::ZERO {
                rt1r = R::ZERO;
                rt1i = R::ZERO;
                rt2r = R::ZERO;
                rt2i = R::ZERO;
            } else {
                h11 = h11 / s;
                h21 = h21 / s;
                h12 = h12 / s;
                h22 = h22 / s;
                let tr = (h11 + h22) / R::TWO;
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = abs(det).sqrt();
                if det >= R::ZERO {
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    let a1 = tr + rtdisc;
                    let a2 = tr - rtdisc;
                    let r = if abs(a1 - h22) <= abs(a2 - h22) {
                        a1 * s
                    } else {
                        a2 * s
                    };
                    rt1r = r;
                    rt2r = r;
                    rt1i = R::ZERO;
                    rt2i = R::ZERO;
                }
            }
            // Look for two consecutive small subdiagonal elements.
            let mut v = [R::ZERO; 3];
            let mut m = i - 2;
            loop {
                let h21s0 = h[(m + 1, m)];
                let s = abs(h[(m, m)] - rt2r) + abs(rt2i) + abs(h21s0);
                let h21s = h[(m + 1, m)] / s;
                v[0] = h21s * h[(m, m + 1)] + (h[(m, m)] - rt1r) * ((h[(m, m)] - rt2r) / s)
                    - rt1i * (rt2i / s);
                v[1] = h21s * (h[(m, m)] + h[(m + 1, m + 1)] - rt1r - rt2r);
                v[2] = h21s * h[(m + 2, m + 1)];
                let s = abs(v[0]) + abs(v[1]) + abs(v[2]);
                v[0] = v[0] / s;
                v[1] = v[1] / s;
                v[2] = v[2] / s;
                if m == l {
                    break;
                }
                let h00 = abs(h[(m, m - 1)]) * (abs(v[1]) + abs(v[2]));
                let h01 = ulp
                    * abs(v[0])
                    * (abs(h[(m - 1, m - 1)]) + abs(h[(m, m)]) + abs(h[(m + 1, m + 1)]));
                if h00 <= h01 {
                    break;
                }
                m -= 1;
            }
            // Double-shift QR sweep.
            for k in m..i {
                let nr = 3.min(i - k + 1);
                if k > m {
                    for (q, vq) in v.iter_mut().enumerate().take(nr) {
                        *vq = h[(k + q, k - 1)];
                    }
                }
                let (head, tail) = v.split_at_mut(1);
                let t1 = larfg(&mut head[0], &mut tail[..nr - 1]);
                if k > m {
                    h[(k, k - 1)] = v[0];
                    h[(k + 1, k - 1)] = R::ZERO;
                    if k < i - 1 {
                        h[(k + 2, k - 1)] = R::ZERO;
                    }
                } else if m > l {
                    h[(k, k - 1)] = h[(k, k - 1)] * (R::ONE - t1);
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                if nr == 3 {
                    let v3 = v[2];
                    let t3 = t1 * v3;
                    for j in k..=i2 {
                        let sum = h[(k, j)] + v2 * h[(k + 1, j)] + v3 * h[(k + 2, j)];
                        h[(k, j)] = h[(k, j)] - sum * t1;
                        h[(k + 1, j)] = h[(k + 1, j)] - sum * t2;
                        h[(k + 2, j)] = h[(k + 2, j)] - sum * t3;
                    }
                    for j in i1..=(k + 3).min(i) {
                        let sum = h[(j, k)] + v2 * h[(j, k + 1)] + v3 * h[(j, k + 2)];
                        h[(j, k)] = h[(j, k)] - sum * t1;
                        h[(j, k + 1)] = h[(j, k + 1)] - sum * t2;
                        h[(j, k + 2)] = h[(j, k + 2)] - sum * t3;
                    }
                    if let Some(z) = z.as_deref_mut() {
                        for j in iloz..=ihiz {
                            let sum = z[(j, k)] + v2 * z[(j, k + 1)] + v3 * z[(j, k + 2)];
                            z[(j, k)] = z[(j, k)] - sum * t1;
                            z[(j, k + 1)] = z[(j, k + 1)] - sum * t2;
                            z[(j, k + 2)] = z[(j, k + 2)] - sum * t3;
                        }
                    }
                } else if nr == 2 {
                    for j in k..=i2 {
                        let sum = h[(k, j)] + v2 * h[(k + 1, j)];
                        h[(k, j)] = h[(k, j)] - sum * t1;
                        h[(k + 1, j)] = h[(k + 1, j)] - sum * t2;
                    }
                    for j in i1..=i {
                        let sum = h[(j, k)] + v2 * h[(j, k + 1)];
                        h[(j, k)] = h[(j, k)] - sum * t1;
                        h[(j, k + 1)] = h[(j, k + 1)] - sum * t2;
                    }
                    if let Some(z) = z.as_deref_mut() {
                        for j in iloz..=ihiz {
                            let sum = z[(j, k)] + v2 * z[(j, k + 1)];
                            z[(j, k)] = z[(j, k)] - sum * t1;
                            z[(j, k + 1)] = z[(j, k + 1)] - sum * t2;
                        }
                    }
                }
            }
        }
        if !converged {
            return i;
        }
        // H(i, i-1) is negligible: one or two eigenvalues have converged.
        if l == i {
            wr[i - 1] = h[(i, i)];
            wi[i - 1] = R::ZERO;
        } else if l + 1 == i {
            let r = lanv2(h[(i - 1, i - 1)], h[(i - 1, i)], h[(i, i - 1)], h[(i, i)]);
            h[(i - 1, i - 1)] = r.abcd[0];
            h[(i - 1, i)] = r.abcd[1];
            h[(i, i - 1)] = r.abcd[2];
            h[(i, i)] = r.abcd[3];
            wr[i - 2] = r.rt1.0;
            wi[i - 2] = r.rt1.1;
            wr[i - 1] = r.rt2.0;
            wi[i - 1] = r.rt2.1;
            let (cs, sn) = (r.cs, r.sn);
            if wantt {
                for j in i + 1..=i2 {
                    let (x, y) = (h[(i - 1, j)], h[(i, j)]);
                    h[(i - 1, j)] = cs * x + sn * y;
                    h[(i, j)] = cs * y - sn * x;
                }
                for j in i1..i - 1 {
                    let (x, y) = (h[(j, i - 1)], h[(j, i)]);
                    h[(j, i - 1)] = cs * x + sn * y;
                    h[(j, i)] = cs * y - sn * x;
                }
            }
            if let Some(z) = z.as_deref_mut() {
                for j in iloz..=ihiz {
                    let (x, y) = (z[(j, i - 1)], z[(j, i)]);
                    z[(j, i - 1)] = cs * x + sn * y;
                    z[(j, i)] = cs * y - sn * x;
                }
            }
        }
        kdefl = 0;
        if l == 0 {
            break 'outer;
        }
        i = l - 1;
    }
    0
}

/// `dladiv`: robust complex division `(a + ib) / (c + id)`.
pub(super) fn ladiv<R: Re>(a: R, b: R, c: R, d: R) -> (R, R) {
    let (mut aa, mut bb, mut cc, mut dd) = (a, b, c, d);
    let ab = a.abs().max(b.abs());
    let cd = c.abs().max(d.abs());
    let mut s = R::ONE;
    let ov = R::MAX;
    let un = R::SAFMIN;
    let eps = R::EPS_E;
    let bs = R::TWO;
    let be = bs / (eps * eps);
    let half = R::HALF;
    if ab >= half * ov {
        aa = half * aa;
        bb = half * bb;
        s = R::TWO * s;
    }
    if cd >= half * ov {
        cc = half * cc;
        dd = half * dd;
        s = half * s;
    }
    if ab <= un * bs / eps {
        aa = aa * be;
        bb = bb * be;
        s = s / be;
    }
    if cd <= un * bs / eps {
        cc = cc * be;
        dd = dd * be;
        s = s * be;
    }
    let (p, q) = if d.abs() <= c.abs() {
        ladiv1(aa, bb, cc, dd)
    } else {
        let (p, q) = ladiv1(bb, aa, dd, cc);
        (p, -q)
    };
    (p * s, q * s)
}

fn ladiv1<R: Re>(a: R, b: R, c: R, d: R) -> (R, R) {
    let r = d / c;
    let t = R::ONE / (c + d * r);
    let p = ladiv2(a, b, c, d, r, t);
    let q = ladiv2(b, -a, c, d, r, t);
    (p, q)
}

fn ladiv2<R: Re>(a: R, b: R, c: R, d: R, r: R, t: R) -> R {
    if r != R::ZERO {
        let br = b * r;
        if br != R::ZERO {
            (a + br) * t
        } else {
            a * t + (b * t) * r
        }
    } else {
        (a + d * (b / c)) * t
    }
}

/// The result of [`laln2`]: the solution (columns: real, imaginary parts), scale and norm.
struct Laln2<R> {
    x: [[R; 2]; 2],
    scale: R,
    xnorm: R,
}

/// `dlaln2` with `ltrans = false`, `ca = d1 = d2 = 1`: solve `(A - w) x = s b` for a
/// 1x1 or 2x2 `A` and real (`nw = 1`) or complex (`nw = 2`) `w = wr + i wi`, with a
/// perturbation of tiny pivots to `smin` and a scale `s <= 1` against overflow.
/// `a[r][c]` and `b[r][k]` (`k` = real/imaginary).
#[allow(clippy::too_many_arguments)]
fn laln2<R: Re>(
    na: usize,
    nw: usize,
    smin: R,
    a: [[R; 2]; 2],
    b: [[R; 2]; 2],
    wr: R,
    wi: R,
) -> Laln2<R> {
    let smlnum = R::TWO * R::SAFMIN;
    let bignum = R::ONE / smlnum;
    let smini = smin.max(smlnum);
    let mut scale = R::ONE;
    let mut x = [[R::ZERO; 2]; 2];
    let xnorm;
    if na == 1 {
        if nw == 1 {
            let mut csr = a[0][0] - wr;
            let mut cnorm = csr.abs();
            if cnorm < smini {
                csr = smini;
                cnorm = smini;
            }
            let bnorm = b[0][0].abs();
            if cnorm < R::ONE && bnorm > R::ONE && bnorm > bignum * cnorm {
                scale = R::ONE / bnorm;
            }
            x[0][0] = (b[0][0] * scale) / csr;
            xnorm = x[0][0].abs();
        } else {
            let mut csr = a[0][0] - wr;
            let mut csi = -wi;
            let mut cnorm = csr.abs() + csi.abs();
            if cnorm < smini {
                csr = smini;
                csi = R::ZERO;
                cnorm = smini;
            }
            let bnorm = b[0][0].abs() + b[0][1].abs();
            if cnorm < R::ONE && bnorm > R::ONE && bnorm > bignum * cnorm {
                scale = R::ONE / bnorm;
            }
            let (p, q) = ladiv(scale * b[0][0], scale * b[0][1], csr, csi);
            x[0][0] = p;
            x[0][1] = q;
            xnorm = p.abs() + q.abs();
        }
        return Laln2 { x, scale, xnorm };
    }
    // crv: CR(1,1), CR(2,1), CR(1,2), CR(2,2) (column-major).
    let crv = [a[0][0] - wr, a[1][0], a[0][1], a[1][1] - wr];
    const IPIVOT: [[usize; 4]; 4] = [[0, 1, 2, 3], [1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]];
    const RSWAP: [bool; 4] = [false, true, false, true];
    const ZSWAP: [bool; 4] = [false, false, true, true];
    if nw == 1 {
        let mut cmax = R::ZERO;
        let mut icmax = usize::MAX;
        for (j, c) in crv.iter().enumerate() {
            if c.abs() > cmax {
                cmax = c.abs();
                icmax = j;
            }
        }
        if cmax < smini || icmax == usize::MAX {
            let bnorm = b[0][0].abs().max(b[1][0].abs());
            if smini < R::ONE && bnorm > R::ONE && bnorm > bignum * smini {
                scale = R::ONE / bnorm;
            }
            let temp = scale / smini;
            x[0][0] = temp * b[0][0];
            x[1][0] = temp * b[1][0];
            return Laln2 {
                x,
                scale,
                xnorm: temp * bnorm,
            };
        }
        let p = IPIVOT[icmax];
        let ur11 = crv[icmax];
        let cr21 = crv[p[1]];
        let ur12 = crv[p[2]];
        let cr22 = crv[p[3]];
        let ur11r = R::ONE / ur11;
        let lr21 = ur11r * cr21;
        let mut ur22 = cr22 - ur12 * lr21;
        if ur22.abs() < smini {
            ur22 = smini;
        }
        let (br1, mut br2) = if RSWAP[icmax] {
            (b[1][0], b[0][0])
        } else {
            (b[0][0], b[1][0])
        };
        br2 = br2 - lr21 * br1;
        let bbnd = (br1 * (ur22 * ur11r)).abs().max(br2.abs());
        if bbnd > R::ONE && ur22.abs() < R::ONE && bbnd >= bignum * ur22.abs() {
            scale = R::ONE / bbnd;
        }
        let xr2 = (br2 * scale) / ur22;
        let xr1 = (scale * br1) * ur11r - xr2 * (ur11r * ur12);
        if ZSWAP[icmax] {
            x[0][0] = xr2;
            x[1][0] = xr1;
        } else {
            x[0][0] = xr1;
            x[1][0] = xr2;
        }
        let mut xnorm = xr1.abs().max(xr2.abs());
        if xnorm > R::ONE && cmax > R::ONE && xnorm > bignum / cmax {
            let temp = cmax / bignum;
            x[0][0] = temp * x[0][0];
            x[1][0] = temp * x[1][0];
            xnorm = temp * xnorm;
            scale = temp * scale;
        }
        return Laln2 { x, scale, xnorm };
    }
    let civ = [-wi, R::ZERO, R::ZERO, -wi];
    let mut cmax = R::ZERO;
    let mut icmax = usize::MAX;
    for j in 0..4 {
        if crv[j].abs() + civ[j].abs() > cmax {
            cmax = crv[j].abs() + civ[j].abs();
            icmax = j;
        }
    }
    if cmax < smini || icmax == usize::MAX {
        let bnorm = (b[0][0].abs() + b[0][1].abs()).max(b[1][0].abs() + b[1][1].abs());
        if smini < R::ONE && bnorm > R::ONE && bnorm > bignum * smini {
            scale = R::ONE / bnorm;
        }
        let temp = scale / smini;
        for r in 0..2 {
            for c in 0..2 {
                x[r][c] = temp * b[r][c];
            }
        }
        return Laln2 {
            x,
            scale,
            xnorm: temp * bnorm,
        };
    }
    let p = IPIVOT[icmax];
    let ur11 = crv[icmax];
    let ui11 = civ[icmax];
    let cr21 = crv[p[1]];
    let ci21 = civ[p[1]];
    let ur12 = crv[p[2]];
    let ui12 = civ[p[2]];
    let cr22 = crv[p[3]];
    let ci22 = civ[p[3]];
    let (ur11r, ui11r, lr21, li21, ur12s, ui12s, mut ur22, mut ui22);
    if icmax == 0 || icmax == 3 {
        if ur11.abs() > ui11.abs() {
            let temp = ui11 / ur11;
            ur11r = R::ONE / (ur11 * (R::ONE + temp * temp));
            ui11r = -temp * ur11r;
        } else {
            let temp = ur11 / ui11;
            ui11r = -R::ONE / (ui11 * (R::ONE + temp * temp));
            ur11r = -temp * ui11r;
        }
        lr21 = cr21 * ur11r;
        li21 = cr21 * ui11r;
        ur12s = ur12 * ur11r;
        ui12s = ur12 * ui11r;
        ur22 = cr22 - ur12 * lr21;
        ui22 = ci22 - ur12 * li21;
    } else {
        ur11r = R::ONE / ur11;
        ui11r = R::ZERO;
        lr21 = cr21 * ur11r;
        li21 = ci21 * ur11r;
        ur12s = ur12 * ur11r;
        ui12s = ui12 * ur11r;
        ur22 = cr22 - ur12 * lr21 + ui12 * li21;
        ui22 = -ur12 * li21 - ui12 * lr21;
    }
    let u22abs = ur22.abs() + ui22.abs();
    if u22abs < smini {
        ur22 = smini;
        ui22 = R::ZERO;
    }
    let (mut br1, mut br2, mut bi1, mut bi2) = if RSWAP[icmax] {
        (b[1][0], b[0][0], b[1][1], b[0][1])
    } else {
        (b[0][0], b[1][0], b[0][1], b[1][1])
    };
    br2 = br2 - lr21 * br1 + li21 * bi1;
    bi2 = bi2 - li21 * br1 - lr21 * bi1;
    let bbnd = ((br1.abs() + bi1.abs()) * (u22abs * (ur11r.abs() + ui11r.abs())))
        .max(br2.abs() + bi2.abs());
    if bbnd > R::ONE && u22abs < R::ONE && bbnd >= bignum * u22abs {
        scale = R::ONE / bbnd;
        br1 = scale * br1;
        bi1 = scale * bi1;
        br2 = scale * br2;
        bi2 = scale * bi2;
    }
    let (xr2, xi2) = ladiv(br2, bi2, ur22, ui22);
    let xr1 = ur11r * br1 - ui11r * bi1 - ur12s * xr2 + ui12s * xi2;
    let xi1 = ui11r * br1 + ur11r * bi1 - ui12s * xr2 - ur12s * xi2;
    if ZSWAP[icmax] {
        x = [[xr2, xi2], [xr1, xi1]];
    } else {
        x = [[xr1, xi1], [xr2, xi2]];
    }
    let mut xnorm = (xr1.abs() + xi1.abs()).max(xr2.abs() + xi2.abs());
    if xnorm > R::ONE && cmax > R::ONE && xnorm > bignum / cmax {
        let temp = cmax / bignum;
        for row in x.iter_mut() {
            for v in row.iter_mut() {
                *v = temp * *v;
            }
        }
        xnorm = temp * xnorm;
        scale = temp * scale;
    }
    Laln2 { x, scale, xnorm }
}

/// `dtrevc3` side 'R', howmny 'B' (one vector at a time): the right eigenvectors of
/// the quasi-triangular `t`, multiplied into `vr` (which holds the Schur vectors on
/// entry). Each vector (or complex pair, real part then imaginary part) is scaled so
/// its largest component has magnitude 1.
pub(super) fn trevc3_right<R: Re>(t: &Fm<R>, vr: &mut Fm<R>) {
    let n = t.n;
    if n == 0 {
        return;
    }
    let unfl = R::SAFMIN;
    let ulp = R::EPS_P;
    let smlnum = unfl * (R::from_f64(n as f64) / ulp);
    let bignum = (R::ONE - ulp) / smlnum;
    // Norms of the strictly upper triangular columns.
    let mut cn = vec![R::ZERO; n + 1];
    for j in 2..=n {
        let mut s = R::ZERO;
        for i in 1..j {
            s = s + t[(i, j)].abs();
        }
        cn[j] = s;
    }
    let mut xr = vec![R::ZERO; n + 1];
    let mut xi = vec![R::ZERO; n + 1];
    let mut ip = 0i32;
    let mut ki = n;
    while ki >= 1 {
        if ip == -1 {
            // The first of a pair was handled with the second.
            ip = 1;
            ki -= 1;
            continue;
        } else if ki == 1 || t[(ki, ki - 1)] == R::ZERO {
            ip = 0;
        } else {
            ip = -1;
        }
        let wr = t[(ki, ki)];
        let wi = if ip != 0 {
            t[(ki, ki - 1)].abs().sqrt() * t[(ki - 1, ki)].abs().sqrt()
        } else {
            R::ZERO
        };
        let smin = (ulp * (wr.abs() + wi.abs())).max(smlnum);
        if ip == 0 {
            // Real right eigenvector.
            xr[ki] = R::ONE;
            for k in 1..ki {
                xr[k] = -t[(k, ki)];
            }
            let mut jnxt = ki as isize - 1;
            let mut j = ki as isize - 1;
            while j >= 1 {
                let ju = j as usize;
                if j > jnxt {
                    j -= 1;
                    continue;
                }
                let mut j1 = ju;
                jnxt = j - 1;
                if ju > 1 && t[(ju, ju - 1)] != R::ZERO {
                    j1 = ju - 1;
                    jnxt = j - 2;
                }
                if j1 == ju {
                    let r = laln2(
                        1,
                        1,
                        smin,
                        [[t[(ju, ju)], R::ZERO], [R::ZERO, R::ZERO]],
                        [[xr[ju], R::ZERO], [R::ZERO, R::ZERO]],
                        wr,
                        R::ZERO,
                    );
                    let (mut x11, mut scale) = (r.x[0][0], r.scale);
                    if r.xnorm > R::ONE && cn[ju] > bignum / r.xnorm {
                        x11 = x11 / r.xnorm;
                        scale = scale / r.xnorm;
                    }
                    if scale != R::ONE {
                        xr[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                    }
                    xr[ju] = x11;
                    for k in 1..ju {
                        xr[k] = xr[k] - x11 * t[(k, ju)];
                    }
                } else {
                    let r = laln2(
                        2,
                        1,
                        smin,
                        [
                            [t[(ju - 1, ju - 1)], t[(ju - 1, ju)]],
                            [t[(ju, ju - 1)], t[(ju, ju)]],
                        ],
                        [[xr[ju - 1], R::ZERO], [xr[ju], R::ZERO]],
                        wr,
                        R::ZERO,
                    );
                    let (mut x1, mut x2, mut scale) = (r.x[0][0], r.x[1][0], r.scale);
                    if r.xnorm > R::ONE {
                        let beta = cn[ju - 1].max(cn[ju]);
                        if beta > bignum / r.xnorm {
                            x1 = x1 / r.xnorm;
                            x2 = x2 / r.xnorm;
                            scale = scale / r.xnorm;
                        }
                    }
                    if scale != R::ONE {
                        xr[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                    }
                    xr[ju - 1] = x1;
                    xr[ju] = x2;
                    for k in 1..ju - 1 {
                        xr[k] = xr[k] - x1 * t[(k, ju - 1)] - x2 * t[(k, ju)];
                    }
                }
                j -= 1;
            }
            // Back-transform: VR(:, ki) = VR(:, 1:ki-1) x(1:ki-1) + x(ki) VR(:, ki).
            let mut col: Vec<R> = vr.col(ki).iter().map(|&v| v * xr[ki]).collect();
            for k in 1..ki {
                let f = xr[k];
                for (c, &v) in col.iter_mut().zip(vr.col(k)) {
                    *c = *c + f * v;
                }
            }
            let mut emax = R::ZERO;
            for &c in &col {
                if c.abs() > emax {
                    emax = c.abs();
                }
            }
            let remax = R::ONE / emax;
            for (d, c) in vr.col_mut(ki).iter_mut().zip(col) {
                *d = c * remax;
            }
        } else {
            // Complex right eigenvector for the pair (ki-1, ki).
            if t[(ki - 1, ki)].abs() >= t[(ki, ki - 1)].abs() {
                xr[ki - 1] = R::ONE;
                xi[ki] = wi / t[(ki - 1, ki)];
            } else {
                xr[ki - 1] = -wi / t[(ki, ki - 1)];
                xi[ki] = R::ONE;
            }
            xr[ki] = R::ZERO;
            xi[ki - 1] = R::ZERO;
            for k in 1..ki - 1 {
                xr[k] = -xr[ki - 1] * t[(k, ki - 1)];
                xi[k] = -xi[ki] * t[(k, ki)];
            }
            let mut jnxt = ki as isize - 2;
            let mut j = ki as isize - 2;
            while j >= 1 {
                let ju = j as usize;
                if j > jnxt {
                    j -= 1;
                    continue;
                }
                let mut j1 = ju;
                jnxt = j - 1;
                if ju > 1 && t[(ju, ju - 1)] != R::ZERO {
                    j1 = ju - 1;
                    jnxt = j - 2;
                }
                if j1 == ju {
                    let r = laln2(
                        1,
                        2,
                        smin,
                        [[t[(ju, ju)], R::ZERO], [R::ZERO, R::ZERO]],
                        [[xr[ju], xi[ju]], [R::ZERO, R::ZERO]],
                        wr,
                        wi,
                    );
                    let (mut x11, mut x12, mut scale) = (r.x[0][0], r.x[0][1], r.scale);
                    if r.xnorm > R::ONE && cn[ju] > bignum / r.xnorm {
                        x11 = x11 / r.xnorm;
                        x12 = x12 / r.xnorm;
                        scale = scale / r.xnorm;
                    }
                    if scale != R::ONE {
                        xr[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                        xi[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                    }
                    xr[ju] = x11;
                    xi[ju] = x12;
                    for k in 1..ju {
                        xr[k] = xr[k] - x11 * t[(k, ju)];
                        xi[k] = xi[k] - x12 * t[(k, ju)];
                    }
                } else {
                    let r = laln2(
                        2,
                        2,
                        smin,
                        [
                            [t[(ju - 1, ju - 1)], t[(ju - 1, ju)]],
                            [t[(ju, ju - 1)], t[(ju, ju)]],
                        ],
                        [[xr[ju - 1], xi[ju - 1]], [xr[ju], xi[ju]]],
                        wr,
                        wi,
                    );
                    let mut x = r.x;
                    let mut scale = r.scale;
                    if r.xnorm > R::ONE {
                        let beta = cn[ju - 1].max(cn[ju]);
                        if beta > bignum / r.xnorm {
                            let rec = R::ONE / r.xnorm;
                            for row in x.iter_mut() {
                                for v in row.iter_mut() {
                                    *v = *v * rec;
                                }
                            }
                            scale = scale * rec;
                        }
                    }
                    if scale != R::ONE {
                        xr[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                        xi[1..=ki].iter_mut().for_each(|v| *v = *v * scale);
                    }
                    xr[ju - 1] = x[0][0];
                    xr[ju] = x[1][0];
                    xi[ju - 1] = x[0][1];
                    xi[ju] = x[1][1];
                    for k in 1..ju - 1 {
                        xr[k] = xr[k] - x[0][0] * t[(k, ju - 1)] - x[1][0] * t[(k, ju)];
                        xi[k] = xi[k] - x[0][1] * t[(k, ju - 1)] - x[1][1] * t[(k, ju)];
                    }
                }
                j -= 1;
            }
            let (mut cr, mut ci): (Vec<R>, Vec<R>);
            if ki > 2 {
                cr = vr.col(ki - 1).iter().map(|&v| v * xr[ki - 1]).collect();
                ci = vr.col(ki).iter().map(|&v| v * xi[ki]).collect();
                for k in 1..ki - 1 {
                    let (fr, fi) = (xr[k], xi[k]);
                    for ((a, b), &v) in cr.iter_mut().zip(ci.iter_mut()).zip(vr.col(k)) {
                        *a = *a + fr * v;
                        *b = *b + fi * v;
                    }
                }
            } else {
                cr = vr.col(ki - 1).iter().map(|&v| v * xr[ki - 1]).collect();
                ci = vr.col(ki).iter().map(|&v| v * xi[ki]).collect();
            }
            let mut emax = R::ZERO;
            for (a, b) in cr.iter().zip(&ci) {
                emax = emax.max(a.abs() + b.abs());
            }
            let remax = R::ONE / emax;
            for (d, c) in vr.col_mut(ki - 1).iter_mut().zip(cr) {
                *d = c * remax;
            }
            for (d, c) in vr.col_mut(ki).iter_mut().zip(ci) {
                *d = c * remax;
            }
        }
        ki -= 1;
    }
}
