//! `eigh`/`eigvalsh` of a real 2 x 2 matrix holding NaN or infinity, as LAPACK's syevd
//! (what NumPy calls) computes it: for two rows nothing iterates, so its answer is
//! reproducible step by step, where faer (like any other algorithm) would differ.
//!
//! syevd scales a matrix of infinite max-norm by 0 (infinities become NaN, finite
//! entries 0) and its eigenvalues back by 1/0; the 2 x 2 tridiagonal matrix is the
//! triangle itself (diagonal `d1`, `d2`, off-diagonal `e`). Without vectors, sterf splits
//! the block when `|e| <= sqrt|d1| sqrt|d2| eps`, else takes the eigenvalues of the
//! block from the closed form lae2 and sorts them ascending (an insertion sort, so NaN
//! stays where it is). With vectors, steqr splits also when `e == 0`, else takes the
//! eigenvalues and the rotation from laev2, rotates the identity, and orders the pairs
//! by a selection sort. Every comparison is written as LAPACK writes it, so NaN takes
//! the same branches. Larger matrices go through faer and report non-finite input as
//! LAPACK's non-convergence (NumPy's answer there depends on its blocking).

use crate::scalar::LinalgReal;

/// LAPACK's relative machine precision (`dlamch('E')`, half of Rust's EPSILON).
pub(crate) fn lapack_eps<R: LinalgReal>() -> R {
    R::EPS * R::of_f64(0.5)
}

/// The smallest positive normal number of `R` (`dlamch('S')`).
pub(crate) fn safmin<R: LinalgReal>() -> R {
    if std::mem::size_of::<R>() == 4 {
        R::of_f64(f64::from(f32::MIN_POSITIVE))
    } else {
        R::of_f64(f64::MIN_POSITIVE)
    }
}

/// lae2: the eigenvalues `(rt1, rt2)` of `[[a, b], [b, c]]`, `|rt1| >= |rt2|`.
pub(crate) fn lae2<R: LinalgReal>(a: R, b: R, c: R) -> (R, R, R, R, R, R) {
    let (zero, one, half) = (R::rzero(), R::of_f64(1.0), R::of_f64(0.5));
    let sm = a + c;
    let df = a - c;
    let adf = df.fabs();
    let tb = b + b;
    let ab = tb.fabs();
    let (acmx, acmn) = if a.fabs() > c.fabs() { (a, c) } else { (c, a) };
    let rt = if adf > ab {
        let q = ab / adf;
        adf * (one + q * q).sqrt()
    } else if adf < ab {
        let q = adf / ab;
        ab * (one + q * q).sqrt()
    } else {
        ab * R::of_f64(2.0).sqrt()
    };
    let (rt1, rt2, sgn1) = if sm < zero {
        let rt1 = half * (sm - rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, -1)
    } else if sm > zero {
        let rt1 = half * (sm + rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, 1)
    } else {
        (half * rt, -(half * rt), 1)
    };
    (rt1, rt2, R::of_f64(sgn1 as f64), df, rt, tb)
}

/// laev2: lae2's eigenvalues and the rotation `(cs1, sn1)` of the first eigenvector.
pub(crate) fn laev2<R: LinalgReal>(a: R, b: R, c: R) -> (R, R, R, R) {
    let (zero, one) = (R::rzero(), R::of_f64(1.0));
    let (rt1, rt2, sgn1, df, rt, tb) = lae2(a, b, c);
    let ab = tb.fabs();
    let (cs, sgn2) = if df >= zero {
        (df + rt, one)
    } else {
        (df - rt, -one)
    };
    let (mut cs1, mut sn1);
    if cs.fabs() > ab {
        let ct = -tb / cs;
        sn1 = one / (one + ct * ct).sqrt();
        cs1 = ct * sn1;
    } else if ab == zero {
        cs1 = one;
        sn1 = zero;
    } else {
        let tn = -cs / tb;
        cs1 = one / (one + tn * tn).sqrt();
        sn1 = tn * cs1;
    }
    if sgn1 == sgn2 {
        let tn = cs1;
        cs1 = -sn1;
        sn1 = tn;
    }
    (rt1, rt2, cs1, sn1)
}

/// syevd on the triangle `(d1, e, d2)` of a real 2 x 2 matrix: ascending eigenvalues
/// and, with `vectors`, the eigenvector matrix in C order (eigenvectors as columns).
pub(crate) fn syevd_2x2<R: LinalgReal>(d1: R, e: R, d2: R, vectors: bool) -> ([R; 2], [R; 4]) {
    let (zero, one) = (R::rzero(), R::of_f64(1.0));
    let eps = lapack_eps::<R>();
    // lansy('M'): NaN wins over everything, then the largest modulus.
    let any_nan = d1.is_nan() || e.is_nan() || d2.is_nan();
    let anrm_infinite = !any_nan && [d1, e, d2].iter().any(|x| x.as_f64().is_infinite());
    let (mut d, mut e) = if anrm_infinite {
        // sigma = rmax / inf = 0.
        ([d1 * zero, d2 * zero], e * zero)
    } else {
        ([d1, d2], e)
    };
    let mut z = [one, zero, zero, one];
    if !vectors {
        // sterf.
        let split = e.fabs() <= (d[0].fabs().sqrt() * d[1].fabs().sqrt()) * eps;
        if !split {
            let e2 = e * e;
            let eps2 = eps * eps;
            if d[1].fabs() < d[0].fabs() {
                // QR: the block read from its bottom.
                if !(e2.fabs() <= eps2 * (d[1] * d[0]).fabs()) {
                    let (rt1, rt2, ..) = lae2(d[1], e2.sqrt(), d[0]);
                    d = [rt2, rt1];
                }
            } else if !(e2.fabs() <= eps2 * (d[0] * d[1]).fabs()) {
                let (rt1, rt2, ..) = lae2(d[0], e2.sqrt(), d[1]);
                d = [rt1, rt2];
            }
        }
        if d[1] < d[0] {
            d.swap(0, 1);
        }
    } else {
        // steqr with the identity as the starting vectors.
        let tst = e.fabs();
        let split = tst == zero || tst <= (d[0].fabs().sqrt() * d[1].fabs().sqrt()) * eps;
        if !split {
            let eps2 = eps * eps;
            let deflate = if d[1].fabs() < d[0].fabs() {
                tst * tst <= (eps2 * d[1].fabs()) * d[0].fabs() + safmin::<R>()
            } else {
                tst * tst <= (eps2 * d[0].fabs()) * d[1].fabs() + safmin::<R>()
            };
            if deflate {
                e = zero;
            } else {
                let (rt1, rt2, c, s) = laev2(d[0], e, d[1]);
                if c != one || s != zero {
                    // lasr: the plane rotation on columns 1 and 2 of the identity.
                    for i in 0..2 {
                        let temp = z[i * 2 + 1];
                        z[i * 2 + 1] = c * temp - s * z[i * 2];
                        z[i * 2] = s * temp + c * z[i * 2];
                    }
                }
                d = [rt1, rt2];
            }
        }
        let _ = e;
        if d[1] < d[0] {
            d.swap(0, 1);
            z.swap(0, 1);
            z.swap(2, 3);
        }
    }
    if anrm_infinite {
        // The eigenvalues scaled back by 1/sigma = 1/0.
        let inf = one / zero;
        d = [d[0] * inf, d[1] * inf];
    }
    (d, z)
}
