//! Divide and conquer for the singular value decomposition of a real upper bidiagonal
//! matrix (the scheme of LAPACK's bdsdc), used by `svd` on large real matrices.
//!
//! An `n x (n + sqre)` upper bidiagonal matrix (`sqre` is 0 or 1: a square matrix, or one
//! with an extra last column) is cut at its middle row: above it an `nl x (nl + 1)`
//! problem, below it one of the parent's shape. With both halves decomposed, the middle
//! row seen in the halves' right singular bases is a vector `z`, and the problem becomes
//! the SVD of the matrix with first row `z` and the halves' singular values on the
//! diagonal below it (the first diagonal entry 0 belongs to the halves' null vectors,
//! rotated into one). Its squared singular values solve the secular equation
//! `1 + sum z_i^2 / (d_i^2 - s^2) = 0`, which [`crate::tridiag_dc::secular_root`] solves
//! in the variable `s^2`, with every difference `d_i^2 - s^2` formed as
//! `(d_i - s)(d_i + s)` from the offset of `s` to its nearest pole (so small singular
//! values keep their accuracy). Weights recomputed from the roots (Gu and Eisenstat)
//! make both vector sets orthogonal; products skip the zero blocks of the halves.
//!
//! Accuracy is that of LAPACK's bdsdc: singular values within a small multiple of
//! `eps * |B|` (absolute), vectors orthogonal to working precision.

use crate::scalar::{LinalgReal, LinalgScalar};
use crate::tridiag_dc::{
    block_product, deflate, finite_max, gather, hypot, place_columns, pow2_scale, rotate,
    secular_root, sorted_values, NoConvergence, Part, Pole, Poles,
};
use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::{Conj, Mat, MatMut, MatRef, Par};

/// Subproblems of at most this order are solved by faer's dense SVD.
pub(crate) const LEAF: usize = 16;

/// The singular values (ascending, into `d`) and the left and right singular vectors
/// (the columns of the column-major `n x n` matrices `u` and `v`) of the upper
/// bidiagonal matrix with diagonal `d` (length n) and superdiagonal `e` (length n - 1):
/// `B = U diag(d) V^T`. `leaf` is the largest order solved directly.
///
/// # Errors
/// [`NoConvergence`] for non-finite input, when faer fails on a leaf, or when a result
/// is not finite.
pub(crate) fn bidiag_svd<R: LinalgReal>(
    d: &mut [R],
    e: &[R],
    u: &mut [R],
    v: &mut [R],
    leaf: usize,
) -> Result<(), NoConvergence> {
    let n = d.len();
    if n == 0 {
        return Ok(());
    }
    if e.len() + 1 < n || u.len() < n * n || v.len() < n * n {
        return Err(NoConvergence);
    }
    let big = finite_max(d, &e[..n - 1])?;
    u[..n * n].fill(R::rzero());
    v[..n * n].fill(R::rzero());
    if big == R::rzero() {
        for i in 0..n {
            u[i + i * n] = R::lone();
            v[i + i * n] = R::lone();
        }
        return Ok(());
    }
    let (down, up) = pow2_scale(big);
    let ee: Vec<R> = e[..n - 1].iter().map(|&x| x * down).collect();
    for x in d.iter_mut() {
        *x = *x * down;
    }
    let mut ctx = Ctx {
        wu: vec![R::rzero(); n * n],
        wv: vec![R::rzero(); n * n],
        qu: Vec::new(),
        qv: Vec::new(),
        leaf: leaf.clamp(4, 127),
    };
    recurse(d, &ee, 0, u, v, n, 0, &mut ctx)?;
    for x in d.iter_mut() {
        *x = *x * up;
        if !x.as_f64().is_finite() {
            return Err(NoConvergence);
        }
    }
    if u[..n * n]
        .iter()
        .chain(&v[..n * n])
        .any(|x| !x.as_f64().is_finite())
    {
        return Err(NoConvergence);
    }
    Ok(())
}

/// Workspace shared by all merges (sized for the top one).
struct Ctx<R> {
    wu: Vec<R>,
    wv: Vec<R>,
    qu: Vec<R>,
    qv: Vec<R>,
    leaf: usize,
}

/// Solves the `n x (n + sqre)` subproblem `d`, `e` (`e` has `n - 1 + sqre` entries)
/// into the diagonal blocks of `u` (`n x n`) and `v` (`(n + sqre)` square), both with
/// leading dimension `ld` and starting at row and column `at`. The singular values come
/// out ascending; with `sqre` the last column of the `v` block is the null vector.
#[allow(clippy::too_many_arguments)]
fn recurse<R: LinalgReal>(
    d: &mut [R],
    e: &[R],
    sqre: usize,
    u: &mut [R],
    v: &mut [R],
    ld: usize,
    at: usize,
    ctx: &mut Ctx<R>,
) -> Result<(), NoConvergence> {
    let n = d.len();
    if n <= ctx.leaf {
        return leaf_solve(d, e, sqre, u, v, ld, at);
    }
    let nl = n / 2;
    let (alpha, beta) = (d[nl], e[nl]);
    {
        let (d0, rest) = d.split_at_mut(nl);
        recurse(d0, &e[..nl], 1, u, v, ld, at, ctx)?;
        recurse(
            &mut rest[1..],
            &e[nl + 1..],
            sqre,
            u,
            v,
            ld,
            at + nl + 1,
            ctx,
        )?;
    }
    merge(d, alpha, beta, sqre, nl, u, v, ld, at, ctx)
}

/// A small subproblem through faer's dense SVD (its bidiagonalization of a bidiagonal
/// matrix is cheap, and its QR iteration handles every case).
fn leaf_solve<R: LinalgReal>(
    d: &mut [R],
    e: &[R],
    sqre: usize,
    u: &mut [R],
    v: &mut [R],
    ld: usize,
    at: usize,
) -> Result<(), NoConvergence> {
    let n = d.len();
    let m = n + sqre;
    let a = Mat::<R>::from_fn(n, m, |i, j| {
        if i == j {
            d[i]
        } else if j == i + 1 {
            e[i]
        } else {
            R::rzero()
        }
    });
    let s = a.svd().map_err(|_| NoConvergence)?;
    let (su, sv, ss) = (s.U(), s.V(), s.S());
    let base = at + at * ld;
    for p in 0..n {
        let src = n - 1 - p;
        d[p] = ss[src];
        for i in 0..n {
            u[base + i + p * ld] = su[(i, src)];
        }
        for i in 0..m {
            v[base + i + p * ld] = sv[(i, src)];
        }
    }
    if sqre == 1 {
        for i in 0..m {
            v[base + i + n * ld] = sv[(i, n)];
        }
    }
    Ok(())
}

/// The poles `d_i` of the singular value problem, seen in the variable `s^2`.
struct SvdPoles<'a, R> {
    d: &'a [R],
    zz: &'a [R],
}

impl<R: LinalgReal> SvdPoles<'_, R> {
    /// The offset `tau` of `s = d_o + tau` from the offset `t = s^2 - d_o^2`.
    fn tau(&self, o: usize, t: R) -> R {
        let dn = self.d[o];
        let s2 = dn * dn + t;
        let s2 = if s2 > R::rzero() { s2 } else { R::rzero() };
        let den = dn + s2.sqrt();
        if den == R::rzero() {
            R::rzero()
        } else {
            t / den
        }
    }
}

impl<R: LinalgReal> Poles<R> for SvdPoles<'_, R> {
    fn weights(&self) -> &[R] {
        self.zz
    }
    fn gap(&self, i: usize, o: usize) -> R {
        (self.d[i] - self.d[o]) * (self.d[i] + self.d[o])
    }
    fn sums(&self, lo: usize, hi: usize, o: usize, t: R) -> (R, R) {
        let tau = self.tau(o, t);
        let dn = self.d[o];
        let (d, zz) = (&self.d[lo..hi], &self.zz[lo..hi]);
        let mut f = [R::rzero(); 4];
        let mut df = [R::rzero(); 4];
        let chunks = d.len() / 4;
        for c in 0..chunks {
            for l in 0..4 {
                let i = c * 4 + l;
                let r = R::lone() / (((d[i] - dn) - tau) * ((d[i] + dn) + tau));
                let q = zz[i] * r;
                f[l] = f[l] + q;
                df[l] = df[l] + q * r;
            }
        }
        let mut fs = (f[0] + f[1]) + (f[2] + f[3]);
        let mut dfs = (df[0] + df[1]) + (df[2] + df[3]);
        for i in chunks * 4..d.len() {
            let r = R::lone() / (((d[i] - dn) - tau) * ((d[i] + dn) + tau));
            let q = zz[i] * r;
            fs = fs + q;
            dfs = dfs + q * r;
        }
        (fs, dfs)
    }
}

/// The product over m of `(s_m^2 - di^2) / (d_m^2 - di^2)` with `s_m = dor_m + tau_m`.
fn ratio_product<R: LinalgReal>(dor: &[R], tau: &[R], d: &[R], di: R) -> R {
    let mut acc = [R::lone(); 4];
    let term = |m: usize| {
        (((dor[m] - di) + tau[m]) * ((dor[m] + di) + tau[m])) / ((d[m] - di) * (d[m] + di))
    };
    let chunks = d.len() / 4;
    for c in 0..chunks {
        for (l, a) in acc.iter_mut().enumerate() {
            *a = *a * term(c * 4 + l);
        }
    }
    let mut p = (acc[0] * acc[1]) * (acc[2] * acc[3]);
    for m in chunks * 4..d.len() {
        p = p * term(m);
    }
    p
}

/// Glues the two solved halves of the `n x (n + sqre)` problem in the blocks at `at`:
/// the upper `nl x (nl + 1)` one and the lower one, joined by the middle row
/// `alpha` (column `nl`), `beta` (column `nl + 1`).
#[allow(clippy::too_many_arguments)]
fn merge<R: LinalgReal>(
    d: &mut [R],
    alpha: R,
    beta: R,
    sqre: usize,
    nl: usize,
    u: &mut [R],
    v: &mut [R],
    ld: usize,
    at: usize,
    ctx: &mut Ctx<R>,
) -> Result<(), NoConvergence> {
    let n = d.len();
    let m = n + sqre;
    let base = at + at * ld;
    let ix = |i: usize, j: usize| base + i + j * ld;
    // The middle row in the halves' right bases: alpha times the last row of the upper
    // half's V, beta times the first row of the lower half's.
    let mut z = vec![R::rzero(); n];
    for j in 0..nl {
        z[j] = alpha * v[ix(nl, j)];
    }
    for j in nl + 1..n {
        z[j] = beta * v[ix(nl + 1, j)];
    }
    let mut dmax = if alpha.fabs() > beta.fabs() {
        alpha.fabs()
    } else {
        beta.fabs()
    };
    for (j, &x) in d.iter().enumerate() {
        if j != nl && x > dmax {
            dmax = x;
        }
    }
    let floor = R::EPS;
    let tol = R::of_f64(8.0) * R::EPS * if dmax > floor { dmax } else { floor };
    // The null vectors of the halves: the upper one's (column nl) and, for a problem
    // with an extra column, the lower one's (column m - 1) are rotated so that one of
    // them carries all the weight (column nl, singular value 0) and the other becomes
    // the null vector of the merged problem.
    let zn1 = alpha * v[ix(nl, nl)];
    let z0 = if sqre == 1 {
        let zn2 = beta * v[ix(nl + 1, m - 1)];
        let r = hypot(zn1, zn2);
        if r <= tol {
            tol
        } else {
            rotate(v, ld, base, m, nl, m - 1, zn1 / r, zn2 / r);
            r
        }
    } else if zn1.fabs() <= tol {
        tol
    } else {
        zn1
    };
    // The middle row's own left vector.
    u[ix(nl, nl)] = R::lone();

    // Deflation: tiny weights, and pairs of poles close enough that one rotation (of the
    // left and the right vectors alike) moves one's weight onto the other.
    let mut part: Vec<Part> = (0..n)
        .map(|j| if j <= nl { Part::Top } else { Part::Bottom })
        .collect();
    let mut order: Vec<usize> = (0..n).filter(|&j| j != nl).collect();
    order.sort_by(|&a, &b| d[a].as_f64().total_cmp(&d[b].as_f64()));
    let mut poles: Vec<Pole<R>> = Vec::with_capacity(n);
    poles.push(Pole {
        col: nl,
        d: R::rzero(),
        z: z0,
    });
    let deflated = deflate(
        &order,
        d,
        &z,
        R::lone(),
        tol,
        &mut part,
        &mut poles,
        |p, q, c, s| {
            rotate(u, ld, base, n, p, q, c, s);
            rotate(v, ld, base, m, p, q, c, s);
        },
    );
    // Keep the smallest nonzero pole away from the zero one (a change below tol).
    let half_tol = tol / R::of_f64(2.0);
    if poles.len() > 1 && poles[1].d <= half_tol {
        poles[1].d = half_tol;
    }
    let k = poles.len();

    // Roots: s_j = dor[j] + tau[j], dor[j] the pole it is measured from.
    let pd: Vec<R> = poles.iter().map(|p| p.d).collect();
    let zz: Vec<R> = poles.iter().map(|p| p.z * p.z).collect();
    let sp = SvdPoles { d: &pd, zz: &zz };
    let mut dor = vec![R::rzero(); k];
    let mut tau = vec![R::rzero(); k];
    for j in 0..k {
        let (o, t) = secular_root(&sp, R::lone(), j)?;
        dor[j] = pd[o];
        tau[j] = sp.tau(o, t);
    }

    // Weights recomputed from the computed roots (Gu and Eisenstat).
    let mut zhat = vec![R::rzero(); k];
    for i in 0..k {
        let di = pd[i];
        let mut prod = ((dor[i] - di) + tau[i]) * ((dor[i] + di) + tau[i]);
        prod = prod * ratio_product(&dor[..i], &tau[..i], &pd[..i], di);
        prod = prod * ratio_product(&dor[i + 1..], &tau[i + 1..], &pd[i + 1..], di);
        let w = prod.fabs().sqrt();
        zhat[i] = if poles[i].z < R::rzero() { -w } else { w };
    }

    // Singular vectors of the merged problem, rows grouped upper half, the null
    // column, both halves, lower half.
    let mut rows: Vec<usize> = Vec::with_capacity(k);
    rows.extend((1..k).filter(|&i| part[poles[i].col] == Part::Top));
    let ntop = rows.len();
    rows.push(0);
    rows.extend((1..k).filter(|&i| part[poles[i].col] == Part::Dense));
    let kt = rows.len();
    rows.extend((1..k).filter(|&i| part[poles[i].col] == Part::Bottom));
    let rd: Vec<R> = rows.iter().map(|&i| pd[i]).collect();
    let rz: Vec<R> = rows.iter().map(|&i| zhat[i]).collect();
    let (qu, qv) = (&mut ctx.qu, &mut ctx.qv);
    qu.clear();
    qu.resize(k * k, R::rzero());
    qv.clear();
    qv.resize(k * k, R::rzero());
    for j in 0..k {
        let (o, t) = (dor[j], tau[j]);
        let cu = &mut qu[j * k..(j + 1) * k];
        let cv = &mut qv[j * k..(j + 1) * k];
        let (mut su, mut sv) = (R::rzero(), R::rzero());
        for r in 0..k {
            let x = rz[r] / (((rd[r] - o) - t) * ((rd[r] + o) + t));
            let y = rd[r] * x;
            cv[r] = x;
            cu[r] = y;
            sv = sv + x * x;
            su = su + y * y;
        }
        // The null column's left entry: the middle row's value over s, that is -1
        // relative to the others.
        su = su - cu[ntop] * cu[ntop] + R::lone();
        cu[ntop] = -R::lone();
        let (iu, iv) = (R::lone() / su.sqrt(), R::lone() / sv.sqrt());
        for x in cu.iter_mut() {
            *x = *x * iu;
        }
        for x in cv.iter_mut() {
            *x = *x * iv;
        }
    }
    // The halves' vectors of the non-deflated poles (in `rows` order), then of the
    // deflated ones.
    let (wu, wv) = (&mut ctx.wu[..n * n], &mut ctx.wv[..m * n]);
    let cols = || {
        let kept = rows.iter().map(|&i| poles[i].col);
        kept.chain(deflated.iter().map(|x| x.0))
    };
    gather(wu, u, base, ld, n, cols());
    gather(wv, v, base, ld, m, cols());
    let vals = sorted_values(&dor, &tau, &deflated);
    // The first k columns of the blocks receive the products, in root order. The upper
    // half's rows see the columns up to the dense ones, the lower half's rows those from
    // the null column on.
    {
        let wum = MatRef::from_column_major_slice(&wu[..n * k], n, k);
        let wvm = MatRef::from_column_major_slice(&wv[..m * k], m, k);
        let qum = MatRef::from_column_major_slice(&qu[..], k, k);
        let qvm = MatRef::from_column_major_slice(&qv[..], k, k);
        let nbot = k - kt;
        let mut um = MatMut::from_column_major_slice_with_stride_mut(
            &mut u[base..base + (k - 1) * ld + n],
            n,
            k,
            ld,
        );
        block_product(um.as_mut(), wum, qum, nl, nl + 1, ntop, nbot);
        for j in 0..k {
            um[(nl, j)] = qum[(ntop, j)];
        }
        let vm = MatMut::from_column_major_slice_with_stride_mut(
            &mut v[base..base + (k - 1) * ld + m],
            m,
            k,
            ld,
        );
        block_product(vm, wvm, qvm, nl + 1, nl + 1, ntop, nbot);
    }
    place_columns(u, base, ld, n, &ctx.wu, &vals, k);
    place_columns(v, base, ld, m, &ctx.wv, &vals, k);
    for (x, &(s, _)) in d.iter_mut().zip(&vals) {
        *x = s;
    }
    Ok(())
}

/// The SVD `A = U diag(s) V^T` of a real (`T::IS_COMPLEX` false) matrix with at least
/// two rows and columns: faer's bidiagonalization (after faer's QR when the matrix is
/// much taller than wide, and of the transpose when it is wider than tall), our divide
/// and conquer on the bidiagonal matrix, and faer's blocked Householder
/// back-transformations. `s` descends; `U` is `m x m` (`full`) or `m x k`, `V` is
/// `n x n` or `n x k`.
///
/// # Errors
/// [`NoConvergence`] when the divide and conquer gives up.
#[allow(clippy::type_complexity)]
pub(crate) fn real_svd<T: LinalgScalar>(
    a: MatRef<'_, T>,
    full: bool,
) -> Result<(Vec<T::R>, Mat<T>, Mat<T>), NoConvergence> {
    let (m, n) = (a.nrows(), a.ncols());
    if m < n {
        let (s, v, u) = real_svd(a.transpose(), full)?;
        return Ok((s, u, v));
    }
    let um = if full { m } else { n };
    let (scaled, up) = scaled_copy(a);
    let (mut s, u, v) = if (m as f64) / (n as f64) <= 11.0 / 6.0 {
        // faer's ratio: from there on a QR first pays.
        squareish(scaled, um)?
    } else {
        tall(scaled, um)?
    };
    for x in &mut s {
        *x = *x * up[0] * up[1];
    }
    Ok((s, u, v))
}

/// The singular values (descending) of a real (`T::IS_COMPLEX` false) matrix, as
/// LAPACK's gesdd computes them without vectors: the matrix scaled to a largest modulus
/// of about one, faer's QR first when it is much taller than wide (wider than tall: its
/// transpose), our blocked bidiagonal reduction ([`crate::bidiag_blocked`]), and dqds
/// ([`crate::dqds`]) on the bidiagonal, in double precision.
///
/// # Errors
/// [`NoConvergence`] when dqds gives up or the reduction meets a non-finite value.
pub(crate) fn real_singular_values<T: LinalgScalar>(
    a: MatRef<'_, T>,
) -> Result<Vec<T::R>, NoConvergence> {
    let (m, n) = (a.nrows(), a.ncols());
    if m.min(n) == 0 {
        return Ok(Vec::new());
    }
    // The values of A and A^T agree: work on the orientation with rows >= columns.
    let (t, m, n) = if m >= n {
        (a, m, n)
    } else {
        (a.transpose(), n, m)
    };
    let (mut x, up) = scaled_real_copy(t);
    if (m as f64) / (n as f64) > 11.0 / 6.0 {
        x = upper_of_qr(x);
    }
    let (d, e) = crate::bidiag_blocked::bidiagonal(&mut x).ok_or(NoConvergence)?;
    let mut d: Vec<f64> = d.iter().map(|v| v.as_f64()).collect();
    let e: Vec<f64> = e.iter().map(|v| v.as_f64()).collect();
    crate::dqds::bidiag_singular_values(&mut d, &e)?;
    Ok(d.iter().map(|&v| T::R::of_f64(v) * up[0] * up[1]).collect())
}

/// The real matrix `a` (`T::IS_COMPLEX` false) scaled by a power of two to a largest
/// modulus of about one (as [`scaled_copy`]) into a column-major matrix, copied in
/// tiles so that a row-major source is read in order; and the two factors that scale
/// the singular values back.
fn scaled_real_copy<T: LinalgScalar>(a: MatRef<'_, T>) -> (Mat<T::R>, [T::R; 2]) {
    const TILE: usize = 32;
    let (m, n) = (a.nrows(), a.ncols());
    let mut x = Mat::<T::R>::zeros(m, n);
    let mut big = T::R::rzero();
    let mut put = |x: &mut Mat<T::R>, i: usize, j: usize| {
        let v = a[(i, j)].re();
        if v.fabs() > big {
            big = v.fabs();
        }
        x[(i, j)] = v;
    };
    if a.row_stride() == 1 {
        for j in 0..n {
            for i in 0..m {
                put(&mut x, i, j);
            }
        }
    } else {
        for jb in (0..n).step_by(TILE) {
            for i in 0..m {
                for j in jb..(jb + TILE).min(n) {
                    put(&mut x, i, j);
                }
            }
        }
    }
    let big = big.as_f64();
    let exp = if big > 0.0 && big.is_finite() {
        (big.log2().floor() as i32).clamp(-1100, 1100)
    } else {
        0
    };
    let halves = [exp / 2, exp - exp / 2];
    let [down1, down2] = halves.map(|h| T::R::of_f64(2f64.powi(-h)));
    if exp != 0 {
        for j in 0..n {
            for i in 0..m {
                x[(i, j)] = x[(i, j)] * down1 * down2;
            }
        }
    }
    (x, halves.map(|h| T::R::of_f64(2f64.powi(h))))
}

/// The `n x n` upper triangular factor `R` of the QR decomposition of an `m x n`
/// matrix (`m >= n`), by faer's blocked Householder QR.
fn upper_of_qr<T: LinalgScalar>(mut qr: Mat<T>) -> Mat<T> {
    let (m, n) = (qr.nrows(), qr.ncols());
    let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<T>(m, n);
    let mut hh = Mat::<T>::zeros(bs, n);
    let mut buf = MemBuffer::new(
        faer::linalg::qr::no_pivoting::factor::qr_in_place_scratch::<T>(
            m,
            n,
            bs,
            Par::Seq,
            Default::default(),
        ),
    );
    faer::linalg::qr::no_pivoting::factor::qr_in_place(
        qr.as_mut(),
        hh.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
        Default::default(),
    );
    Mat::<T>::from_fn(n, n, |i, j| if i <= j { qr[(i, j)] } else { T::lzero() })
}

/// Like LAPACK's gesdd, the SVD works on the matrix scaled (by powers of two, exactly)
/// to a largest modulus of about one, so that huge or tiny matrices neither overflow nor
/// sink into subnormal numbers: the scaled copy and the two factors that scale the
/// singular values back.
pub(crate) fn scaled_copy<T: LinalgScalar>(a: MatRef<'_, T>) -> (Mat<T>, [T::R; 2]) {
    let (m, n) = (a.nrows(), a.ncols());
    let mut big = 0.0f64;
    for j in 0..n {
        for i in 0..m {
            big = big.max(a[(i, j)].modulus().as_f64());
        }
    }
    let exp = if big > 0.0 && big.is_finite() {
        (big.log2().floor() as i32).clamp(-1100, 1100)
    } else {
        0
    };
    let halves = [exp / 2, exp - exp / 2];
    let [down1, down2] = halves.map(|h| T::from_real(T::R::of_f64(2f64.powi(-h))));
    let up = halves.map(|h| T::R::of_f64(2f64.powi(h)));
    (
        Mat::<T>::from_fn(m, n, |i, j| a[(i, j)] * down1 * down2),
        up,
    )
}

/// [`real_svd`] of an `m x n` matrix with `m > 11 n / 6`: faer's QR, then the SVD of
/// `R`, whose left vectors the QR's reflectors carry back.
#[allow(clippy::type_complexity)]
fn tall<T: LinalgScalar>(
    mut qr: Mat<T>,
    um: usize,
) -> Result<(Vec<T::R>, Mat<T>, Mat<T>), NoConvergence> {
    let (m, n) = (qr.nrows(), qr.ncols());
    let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<T>(m, n);
    let mut hh = Mat::<T>::zeros(bs, n);
    let mut buf = MemBuffer::new(StackReq::any_of(&[
        faer::linalg::qr::no_pivoting::factor::qr_in_place_scratch::<T>(
            m,
            n,
            bs,
            Par::Seq,
            Default::default(),
        ),
        faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<T>(
            m, bs, um,
        ),
    ]));
    faer::linalg::qr::no_pivoting::factor::qr_in_place(
        qr.as_mut(),
        hh.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
        Default::default(),
    );
    let r = Mat::<T>::from_fn(n, n, |i, j| if i <= j { qr[(i, j)] } else { T::lzero() });
    let (s, ur, v) = squareish(r, n)?;
    let mut u = Mat::<T>::zeros(m, um);
    u.as_mut().submatrix_mut(0, 0, n, n).copy_from(ur.as_ref());
    for i in n..um {
        u[(i, i)] = T::lone();
    }
    faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
        qr.as_ref(),
        hh.as_ref(),
        Conj::No,
        u.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
    );
    Ok((s, u, v))
}

/// [`real_svd`] of an `m x n` matrix with `n <= m <= 11 n / 6` (and `n >= 2`), `U` with
/// `um` columns; `bid` is overwritten.
#[allow(clippy::type_complexity)]
fn squareish<T: LinalgScalar>(
    mut bid: Mat<T>,
    um: usize,
) -> Result<(Vec<T::R>, Mat<T>, Mat<T>), NoConvergence> {
    let (m, n) = (bid.nrows(), bid.ncols());
    let bs = faer::linalg::qr::no_pivoting::factor::recommended_block_size::<T>(m, n);
    let mut hl = Mat::<T>::zeros(bs, n);
    let mut hr = Mat::<T>::zeros(bs, n - 1);
    let mut buf = MemBuffer::new(StackReq::any_of(&[
        faer::linalg::svd::bidiag::bidiag_in_place_scratch::<T>(m, n, Par::Seq, Default::default()),
        faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<T>(
            m, bs, um,
        ),
    ]));
    faer::linalg::svd::bidiag::bidiag_in_place(
        bid.as_mut(),
        hl.as_mut(),
        hr.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
        Default::default(),
    );
    let mut d: Vec<T::R> = (0..n).map(|i| bid[(i, i)].re()).collect();
    let e: Vec<T::R> = (0..n - 1).map(|i| bid[(i, i + 1)].re()).collect();
    let mut ub = vec![T::R::rzero(); n * n];
    let mut vb = vec![T::R::rzero(); n * n];
    bidiag_svd(&mut d, &e, &mut ub, &mut vb, LEAF)?;
    // Descending order: column j of the results is column n - 1 - j of the bidiagonal
    // problem's.
    let mut u = Mat::<T>::zeros(m, um);
    for j in 0..n {
        let src = &ub[(n - 1 - j) * n..(n - j) * n];
        for (i, &x) in src.iter().enumerate() {
            u[(i, j)] = T::from_real(x);
        }
    }
    for i in n..um {
        u[(i, i)] = T::lone();
    }
    let mut v = Mat::<T>::from_fn(n, n, |i, j| T::from_real(vb[i + (n - 1 - j) * n]));
    d.reverse();
    faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
        bid.as_ref(),
        hl.as_ref(),
        Conj::No,
        u.as_mut(),
        Par::Seq,
        MemStack::new(&mut buf),
    );
    // The right reflectors sit in the rows above the superdiagonal; their transposes
    // (over the left reflectors, no longer needed) make a column sequence.
    for j in 1..n {
        for i in 0..j {
            bid[(j, i)] = bid[(i, j)];
        }
    }
    faer::linalg::householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
        bid.as_ref().submatrix(1, 0, n - 1, n - 1),
        hr.as_ref(),
        Conj::No,
        v.as_mut().subrows_mut(1, n - 1),
        Par::Seq,
        MemStack::new(&mut buf),
    );
    Ok((d, u, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_lcg as lcg;

    /// Residual, orthogonality and order of the decomposition of one bidiagonal matrix.
    fn check(d0: &[f64], e0: &[f64], leaf: usize) {
        let n = d0.len();
        let mut d = d0.to_vec();
        let mut u = vec![0.0; n * n];
        let mut v = vec![0.0; n * n];
        bidiag_svd(&mut d, e0, &mut u, &mut v, leaf).unwrap();
        let scale = d0
            .iter()
            .chain(e0)
            .fold(0.0f64, |a, &b| a.max(b.abs()))
            .max(1e-300);
        for w in d.windows(2) {
            assert!(w[0] <= w[1], "not ascending");
        }
        assert!(d.iter().all(|&x| x >= 0.0));
        let mut worst = 0.0f64;
        for i in 0..n {
            for j in 0..n {
                // (B V)[i, j] against d_j U[i, j].
                let mut bv = d0[i] * v[i + j * n];
                if i + 1 < n {
                    bv += e0[i] * v[i + 1 + j * n];
                }
                worst = worst.max((bv - d[j] * u[i + j * n]).abs() / scale);
            }
        }
        for j in 0..n {
            for q in 0..n {
                let du: f64 = (0..n).map(|i| u[i + j * n] * u[i + q * n]).sum();
                let dv: f64 = (0..n).map(|i| v[i + j * n] * v[i + q * n]).sum();
                let want = if q == j { 1.0 } else { 0.0 };
                worst = worst.max((du - want).abs()).max((dv - want).abs());
            }
        }
        assert!(worst < 1e-13 * n as f64, "n={n} leaf={leaf} error {worst}");
    }

    #[test]
    fn random_and_structured() {
        let mut seed = 11u64;
        for n in [1usize, 2, 3, 5, 8, 9, 10, 17, 33, 64, 101, 150] {
            let m1 = n.saturating_sub(1);
            for leaf in [4usize, 7, 16] {
                let d: Vec<f64> = (0..n).map(|_| lcg(&mut seed)).collect();
                let e: Vec<f64> = (0..m1).map(|_| lcg(&mut seed)).collect();
                check(&d, &e, leaf);
                check(&vec![1.0; n], &vec![1.0; m1], leaf);
                check(&vec![1.0; n], &vec![0.0; m1], leaf);
                check(&vec![0.0; n], &vec![1.0; m1], leaf);
                check(&vec![0.0; n], &vec![0.0; m1], leaf);
                // Graded, with zeros sprinkled in.
                let dg: Vec<f64> = (0..n).map(|i| 10f64.powi(-(i as i32 % 14))).collect();
                let eg: Vec<f64> = (0..m1)
                    .map(|i| {
                        if i % 5 == 3 {
                            0.0
                        } else {
                            10f64.powi(-(i as i32 % 9))
                        }
                    })
                    .collect();
                check(&dg, &eg, leaf);
                let dz: Vec<f64> = (0..n)
                    .map(|i| if i % 3 == 0 { 0.0 } else { lcg(&mut seed) })
                    .collect();
                check(&dz, &e, leaf);
                // Repeated values: a direct sum of equal blocks.
                let dr: Vec<f64> = (0..n).map(|i| [2.0, 1.0, 3.0][i % 3]).collect();
                let er: Vec<f64> = (0..m1)
                    .map(|i| if i % 3 == 2 { 0.0 } else { 0.5 })
                    .collect();
                check(&dr, &er, leaf);
            }
        }
    }

    #[test]
    fn dense_driver() {
        let mut seed = 5u64;
        for (m, n) in [
            (40usize, 40usize),
            (70, 50),
            (50, 70),
            (200, 60),
            (60, 200),
            (97, 96),
        ] {
            for full in [true, false] {
                let a = Mat::<f64>::from_fn(m, n, |_, _| lcg(&mut seed));
                let (s, u, v) = real_svd(a.as_ref(), full).unwrap();
                let k = m.min(n);
                assert_eq!(s.len(), k);
                assert_eq!(u.nrows(), m);
                assert_eq!(u.ncols(), if full { m } else { k });
                assert_eq!(v.nrows(), n);
                assert_eq!(v.ncols(), if full { n } else { k });
                let want = a.singular_values().unwrap();
                for j in 0..k {
                    assert!((s[j] - want[j]).abs() < 1e-13 * want[0] * k as f64);
                }
                let us = Mat::<f64>::from_fn(m, k, |i, j| u[(i, j)] * s[j]);
                let back = us * v.as_ref().subcols(0, k).transpose();
                let err = (back - &a).norm_max();
                assert!(err < 1e-13 * k as f64, "{m}x{n} residual {err}");
                let gu = u.transpose() * &u;
                let gv = v.transpose() * &v;
                let iu = Mat::<f64>::identity(u.ncols(), u.ncols());
                let iv = Mat::<f64>::identity(v.ncols(), v.ncols());
                assert!((gu - iu).norm_max() < 1e-13 * m as f64);
                assert!((gv - iv).norm_max() < 1e-13 * n as f64);
            }
        }
    }

    #[test]
    #[ignore]
    fn timing() {
        let n = 500;
        let mut seed = 3u64;
        let a = Mat::<f64>::from_fn(n, n, |_, _| lcg(&mut seed));
        let med = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let (mut t_ours, mut t_faer, mut t_bd) = (vec![], vec![], vec![]);
        let d0: Vec<f64> = (0..n).map(|_| lcg(&mut seed)).collect();
        let e0: Vec<f64> = (0..n - 1).map(|_| lcg(&mut seed)).collect();
        for _ in 0..7 {
            let t = std::time::Instant::now();
            let _ = real_svd(a.as_ref(), true).unwrap();
            t_ours.push(t.elapsed().as_secs_f64() * 1e3);
            let t = std::time::Instant::now();
            let _ = a.svd().unwrap();
            t_faer.push(t.elapsed().as_secs_f64() * 1e3);
            let mut d = d0.clone();
            let (mut u, mut v) = (vec![0.0; n * n], vec![0.0; n * n]);
            let t = std::time::Instant::now();
            bidiag_svd(&mut d, &e0, &mut u, &mut v, LEAF).unwrap();
            t_bd.push(t.elapsed().as_secs_f64() * 1e3);
        }
        eprintln!(
            "ours {:.2} ms, faer {:.2} ms, bidiagonal dc {:.2} ms",
            med(t_ours),
            med(t_faer),
            med(t_bd)
        );
    }
}
