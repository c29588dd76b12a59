//! Divide and conquer for the real symmetric tridiagonal eigenproblem (Cuppen's
//! splitting, Dongarra–Sorensen deflation, Gu–Eisenstat's recomputed weights), used by
//! `eigh` on large real matrices.
//!
//! The tridiagonal matrix is cut in two by a rank-one correction; the halves are solved
//! recursively (small ones by faer's implicit QR iteration) and glued back together by
//! solving the secular equation `1/rho + sum z_i^2 / (d_i - x) = 0` of the rank-one
//! update. faer's own divide and conquer spends a third of its time on that root finder;
//! ours models the two nearest poles with simple rational functions (the middle-way
//! idea of Li and of LAPACK's laed4), evaluates the sums in short vector-friendly loops,
//! and keeps each column's block structure so the products skip the zero blocks.

use crate::scalar::LinalgReal;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::evd::{
    self_adjoint_evd_scratch, tridiagonal_self_adjoint_evd, ComputeEigenvectors,
};
use faer::linalg::matmul::matmul;
use faer::{Accum, ColRef, MatMut, MatRef, Par};

/// Subproblems of at most this order are solved by faer's QR iteration.
pub(crate) const LEAF: usize = 32;

/// The iteration did not converge (or met values it cannot handle).
#[derive(Debug)]
pub(crate) struct NoConvergence;

/// The eigenvalues (ascending, into `d`) and eigenvectors (the columns of the column-major
/// `n x n` matrix `u`) of the symmetric tridiagonal matrix with diagonal `d` (length n)
/// and off-diagonal `e` (length n - 1). `leaf` is the largest order solved directly.
///
/// # Errors
/// [`NoConvergence`] for non-finite input, when faer's QR iteration on a leaf fails, or
/// when a result is not finite.
pub(crate) fn tridiag_evd<R: LinalgReal>(
    d: &mut [R],
    e: &[R],
    u: &mut [R],
    leaf: usize,
) -> Result<(), NoConvergence> {
    let n = d.len();
    if n == 0 {
        return Ok(());
    }
    if e.len() + 1 < n || u.len() < n * n {
        return Err(NoConvergence);
    }
    let big = finite_max(d, &e[..n - 1])?;
    u[..n * n].fill(R::rzero());
    if big == R::rzero() {
        for i in 0..n {
            u[i + i * n] = R::lone();
        }
        return Ok(());
    }
    let (down, up) = pow2_scale(big);
    let mut ee: Vec<R> = e[..n - 1].iter().map(|&x| x * down).collect();
    for x in d.iter_mut() {
        *x = *x * down;
    }
    let leaf = leaf.clamp(4, 127);
    let mut ctx = Ctx {
        w: vec![R::rzero(); n * n],
        s: Vec::new(),
        leaf,
        buf: MemBuffer::new(self_adjoint_evd_scratch::<R>(
            leaf,
            ComputeEigenvectors::Yes,
            Par::Seq,
            Default::default(),
        )),
    };
    recurse(d, &mut ee, u, n, 0, &mut ctx)?;
    for x in d.iter_mut() {
        *x = *x * up;
        if !x.as_f64().is_finite() {
            return Err(NoConvergence);
        }
    }
    if u[..n * n].iter().any(|x| !x.as_f64().is_finite()) {
        return Err(NoConvergence);
    }
    Ok(())
}

/// The largest magnitude in `d` and `e`.
///
/// # Errors
/// [`NoConvergence`] when an entry is not finite.
pub(crate) fn finite_max<R: LinalgReal>(d: &[R], e: &[R]) -> Result<R, NoConvergence> {
    let mut big = R::rzero();
    for &x in d.iter().chain(e) {
        if !x.as_f64().is_finite() {
            return Err(NoConvergence);
        }
        if x.fabs() > big {
            big = x.fabs();
        }
    }
    Ok(big)
}

/// The powers of two `(down, up)` that scale `big` (positive, finite) to about one and
/// back, exactly.
pub(crate) fn pow2_scale<R: LinalgReal>(big: R) -> (R, R) {
    let exp = (big.as_f64().log2().floor() as i32).clamp(-1000, 1000);
    (R::of_f64(2f64.powi(-exp)), R::of_f64(2f64.powi(exp)))
}

/// Copies the columns `cols` (the first `h` rows of each) of the block at `base` of `u`
/// (leading dimension `ld`) one after the other into `w`.
pub(crate) fn gather<R: Copy>(
    w: &mut [R],
    u: &[R],
    base: usize,
    ld: usize,
    h: usize,
    cols: impl Iterator<Item = usize>,
) {
    for (r, c) in cols.enumerate() {
        let at = base + c * ld;
        w[r * h..(r + 1) * h].copy_from_slice(&u[at..at + h]);
    }
}

/// The merged values in ascending order, each with where its vector is: the roots
/// `origin[j] + tau[j]` in column `j` of the products, the deflated values in column
/// `k + r` of the gathered vectors (`k` the number of roots, `r` the deflated one's index).
pub(crate) fn sorted_values<R: LinalgReal>(
    origin: &[R],
    tau: &[R],
    deflated: &[(usize, R)],
) -> Vec<(R, usize)> {
    let k = origin.len();
    let mut vals: Vec<(R, usize)> = (0..k).map(|j| (origin[j] + tau[j], j)).collect();
    vals.extend(deflated.iter().enumerate().map(|(r, &(_, v))| (v, k + r)));
    vals.sort_by(|a, b| a.0.as_f64().total_cmp(&b.0.as_f64()));
    vals
}

/// Puts the vectors (height `h`) of the block at `base` of `u` in the order of `vals`
/// (from [`sorted_values`]): the products of the `k` roots are in the block's first
/// columns, the deflated vectors in `w` (as [`gather`] left them).
pub(crate) fn place_columns<R: Copy>(
    u: &mut [R],
    base: usize,
    ld: usize,
    h: usize,
    w: &[R],
    vals: &[(impl Copy, usize)],
    k: usize,
) {
    // Roots keep their order among the sorted values, so root j moves to a position at
    // or after j: moving the last roots first never overwrites one not yet moved.
    for (p, &(_, src)) in vals.iter().enumerate().rev() {
        let to = base + p * ld;
        if src < k {
            if src != p {
                let from = base + src * ld;
                u.copy_within(from..from + h, to);
            }
        } else {
            u[to..to + h].copy_from_slice(&w[src * h..(src + 1) * h]);
        }
    }
}

/// Workspace shared by all merges (sized for the top one) and the leaves.
struct Ctx<R> {
    w: Vec<R>,
    s: Vec<R>,
    leaf: usize,
    buf: MemBuffer,
}

/// Solves the subproblem `d`, `e` into the diagonal block of `u` (leading dimension
/// `ld`) starting at row and column `at`.
fn recurse<R: LinalgReal>(
    d: &mut [R],
    e: &mut [R],
    u: &mut [R],
    ld: usize,
    at: usize,
    ctx: &mut Ctx<R>,
) -> Result<(), NoConvergence> {
    let n = d.len();
    if n <= ctx.leaf {
        return leaf_solve(d, e, u, ld, at, ctx);
    }
    let n1 = n / 2;
    let beta = e[n1 - 1];
    d[n1 - 1] = d[n1 - 1] - beta.fabs();
    d[n1] = d[n1] - beta.fabs();
    {
        let (d0, d1) = d.split_at_mut(n1);
        let (e0, e1) = e.split_at_mut(n1 - 1);
        recurse(d0, e0, u, ld, at, ctx)?;
        recurse(d1, &mut e1[1..], u, ld, at + n1, ctx)?;
    }
    merge(d, u, ld, at, n1, beta, ctx)
}

fn leaf_solve<R: LinalgReal>(
    d: &mut [R],
    e: &[R],
    u: &mut [R],
    ld: usize,
    at: usize,
    ctx: &mut Ctx<R>,
) -> Result<(), NoConvergence> {
    let n = d.len();
    let mut sub = vec![R::rzero(); n];
    sub[..n - 1].copy_from_slice(&e[..n - 1]);
    let diag = d.to_vec();
    let mut s = faer::diag::Diag::<R>::zeros(n);
    let start = at + at * ld;
    let block = MatMut::from_column_major_slice_with_stride_mut(
        &mut u[start..start + (n - 1) * ld + n],
        n,
        n,
        ld,
    );
    tridiagonal_self_adjoint_evd(
        ColRef::from_slice(&diag).as_diagonal(),
        ColRef::from_slice(&sub).as_diagonal(),
        s.as_mut(),
        Some(block),
        Par::Seq,
        MemStack::new(&mut ctx.buf),
        Default::default(),
    )
    .map_err(|_| NoConvergence)?;
    for (i, x) in d.iter_mut().enumerate() {
        *x = s[i];
    }
    Ok(())
}

/// Where a column of the merged problem has nonzeros: the first half's rows, both, or
/// the second half's rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Top,
    Dense,
    Bottom,
}

/// One non-deflated pole of the secular equation: its column, value and weight.
#[derive(Clone, Copy)]
pub(crate) struct Pole<R> {
    pub(crate) col: usize,
    pub(crate) d: R,
    pub(crate) z: R,
}

/// Deflation of the poles `order` (columns, ascending by value `d[col]`, with weights
/// `z[col]`): a pole whose weight times `rho` is at most `tol` is deflated as it is, and
/// of two neighbours close enough that a rotation of their columns moves one's weight
/// onto the other (changing the values by at most `tol`) the first is deflated after
/// `rotate(p, q, c, s)` turns columns `p` and `q` into `c p + s q` and `c q - s p` (see
/// [`rotate`]); a rotated pair spanning both halves becomes [`Part::Dense`] in `part`.
/// The kept poles are appended to `poles`; returns the deflated columns with their values.
#[allow(clippy::too_many_arguments)]
pub(crate) fn deflate<R: LinalgReal>(
    order: &[usize],
    d: &[R],
    z: &[R],
    rho: R,
    tol: R,
    part: &mut [Part],
    poles: &mut Vec<Pole<R>>,
    mut rotate: impl FnMut(usize, usize, R, R),
) -> Vec<(usize, R)> {
    let mut deflated: Vec<(usize, R)> = Vec::new();
    let mut pending: Option<Pole<R>> = None;
    for &col in order {
        let cur = Pole {
            col,
            d: d[col],
            z: z[col],
        };
        if rho * cur.z.fabs() <= tol {
            deflated.push((cur.col, cur.d));
            continue;
        }
        if let Some(p) = pending {
            let tau = hypot(p.z, cur.z);
            let (c, s) = (cur.z / tau, -(p.z / tau));
            let t = cur.d - p.d;
            if (t * c * s).fabs() <= tol {
                rotate(p.col, cur.col, c, s);
                if part[p.col] != part[cur.col] {
                    part[p.col] = Part::Dense;
                    part[cur.col] = Part::Dense;
                }
                let (c2, s2) = (c * c, s * s);
                deflated.push((p.col, p.d * c2 + cur.d * s2));
                pending = Some(Pole {
                    col: cur.col,
                    d: p.d * s2 + cur.d * c2,
                    z: tau,
                });
                continue;
            }
            poles.push(p);
        }
        pending = Some(cur);
    }
    if let Some(p) = pending {
        poles.push(p);
    }
    deflated
}

/// The product `dst = w q` for a `w` whose columns are grouped [`Part::Top`] (the first
/// `ntop`), [`Part::Dense`], [`Part::Bottom`] (the last `nbot`): the rows before `top`
/// (the first half's) only meet the columns before the Bottom ones, the rows from `from`
/// on (the second half's) only those after the Top ones. Rows in between are left alone.
pub(crate) fn block_product<R: LinalgReal>(
    mut dst: MatMut<'_, R>,
    w: MatRef<'_, R>,
    q: MatRef<'_, R>,
    top: usize,
    from: usize,
    ntop: usize,
    nbot: usize,
) {
    let (rows, k) = (dst.nrows(), q.nrows());
    let upper = k - nbot;
    if upper > 0 {
        matmul(
            dst.as_mut().subrows_mut(0, top),
            Accum::Replace,
            w.submatrix(0, 0, top, upper),
            q.subrows(0, upper),
            R::lone(),
            Par::Seq,
        );
    } else {
        dst.as_mut().subrows_mut(0, top).fill(R::rzero());
    }
    let lower = k - ntop;
    if lower > 0 {
        matmul(
            dst.as_mut().subrows_mut(from, rows - from),
            Accum::Replace,
            w.submatrix(from, ntop, rows - from, lower),
            q.subrows(ntop, lower),
            R::lone(),
            Par::Seq,
        );
    } else {
        dst.as_mut().subrows_mut(from, rows - from).fill(R::rzero());
    }
}

/// Glues the two solved halves (sizes `n1` and `n - n1`, eigenvalues in `d`, vectors in
/// the diagonal blocks of `u`) that the coupling `beta` joins.
fn merge<R: LinalgReal>(
    d: &mut [R],
    u: &mut [R],
    ld: usize,
    at: usize,
    n1: usize,
    beta: R,
    ctx: &mut Ctx<R>,
) -> Result<(), NoConvergence> {
    let n = d.len();
    let base = at + at * ld;
    let ix = |i: usize, j: usize| base + i + j * ld;
    // The coupling is |beta| w w^T with w = e_{n1-1} + sign(beta) e_{n1}; in the
    // children's eigenbases w becomes the last row of Q1 and the first row of Q2.
    let half = R::of_f64(std::f64::consts::FRAC_1_SQRT_2);
    let sgn = if beta < R::rzero() { -half } else { half };
    let mut z = vec![R::rzero(); n];
    for j in 0..n1 {
        z[j] = u[ix(n1 - 1, j)] * half;
    }
    for j in n1..n {
        z[j] = u[ix(n1, j)] * sgn;
    }
    let rho = beta.fabs() * R::of_f64(2.0);
    for j in 0..n1 {
        u[ix(n1, j)..ix(n, j)].fill(R::rzero());
    }
    for j in n1..n {
        u[ix(0, j)..ix(n1, j)].fill(R::rzero());
    }
    let mut part: Vec<Part> = (0..n)
        .map(|j| if j < n1 { Part::Top } else { Part::Bottom })
        .collect();

    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| d[a].as_f64().total_cmp(&d[b].as_f64()));
    let mut dmax = R::rzero();
    let mut zmax = R::rzero();
    for i in 0..n {
        dmax = if d[i].fabs() > dmax {
            d[i].fabs()
        } else {
            dmax
        };
        zmax = if z[i].fabs() > zmax {
            z[i].fabs()
        } else {
            zmax
        };
    }
    let tol = R::of_f64(8.0) * R::EPS * if dmax > zmax { dmax } else { zmax };

    // Deflation: tiny weights, and pairs of poles close enough that a rotation moves
    // one's weight onto the other.
    let mut poles: Vec<Pole<R>> = Vec::with_capacity(n);
    let deflated = deflate(
        &order,
        d,
        &z,
        rho,
        tol,
        &mut part,
        &mut poles,
        |p, q, c, s| rotate(u, ld, base, n, p, q, c, s),
    );
    let k = poles.len();

    // Roots of the secular equation: root j = delta[origin[j]] + tau[j].
    let delta: Vec<R> = poles.iter().map(|p| p.d).collect();
    let zz: Vec<R> = poles.iter().map(|p| p.z * p.z).collect();
    let mut origin = vec![R::rzero(); k];
    let mut tau = vec![R::rzero(); k];
    let eig_poles = EigPoles {
        delta: &delta,
        zz: &zz,
    };
    for j in 0..k {
        let (o, t) = secular_root(&eig_poles, rho, j)?;
        origin[j] = delta[o];
        tau[j] = t;
    }

    // Weights recomputed from the computed roots (Gu and Eisenstat), so the vectors
    // below are orthogonal to working precision.
    let mut zhat = vec![R::rzero(); k];
    for i in 0..k {
        let di = delta[i];
        let mut prod = (origin[i] - di) + tau[i];
        prod = prod * ratio_product(&origin[..i], &tau[..i], &delta[..i], di);
        prod = prod * ratio_product(&origin[i + 1..], &tau[i + 1..], &delta[i + 1..], di);
        let w = prod.fabs().sqrt();
        zhat[i] = if poles[i].z < R::rzero() { -w } else { w };
    }

    // Eigenvectors of the rank-one update, rows grouped Top, Dense, Bottom.
    let mut rows: Vec<usize> = Vec::with_capacity(k);
    for want in [Part::Top, Part::Dense, Part::Bottom] {
        rows.extend((0..k).filter(|&i| part[poles[i].col] == want));
    }
    let ntop = rows
        .iter()
        .filter(|&&i| part[poles[i].col] == Part::Top)
        .count();
    let nbot = rows
        .iter()
        .filter(|&&i| part[poles[i].col] == Part::Bottom)
        .count();
    let pdelta: Vec<R> = rows.iter().map(|&i| delta[i]).collect();
    let pzhat: Vec<R> = rows.iter().map(|&i| zhat[i]).collect();
    let s = &mut ctx.s;
    s.clear();
    s.resize(k * k, R::rzero());
    for j in 0..k {
        let col = &mut s[j * k..(j + 1) * k];
        let (o, t) = (origin[j], tau[j]);
        let mut ss = R::rzero();
        for ((x, &dl), &zh) in col.iter_mut().zip(&pdelta).zip(&pzhat) {
            *x = zh / ((dl - o) - t);
            ss = ss + *x * *x;
        }
        let inv = R::lone() / ss.sqrt();
        for x in col.iter_mut() {
            *x = *x * inv;
        }
    }
    // The columns of the non-deflated poles (in `rows` order), then the deflated ones.
    let w = &mut ctx.w[..n * n];
    let cols = rows.iter().map(|&i| poles[i].col);
    gather(w, u, base, ld, n, cols.chain(deflated.iter().map(|x| x.0)));
    let vals = sorted_values(&origin, &tau, &deflated);
    // The block of `u` is free now (its columns are in `w`): the products land in its
    // first k columns, in root order.
    if k > 0 {
        let wm = MatRef::from_column_major_slice(&w[..n * k], n, k);
        let sm = MatRef::from_column_major_slice(&s[..], k, k);
        let pm = MatMut::from_column_major_slice_with_stride_mut(
            &mut u[base..base + (k - 1) * ld + n],
            n,
            k,
            ld,
        );
        block_product(pm, wm, sm, n1, n1, ntop, nbot);
    }
    place_columns(u, base, ld, n, &ctx.w, &vals, k);
    for (x, &(v, _)) in d.iter_mut().zip(&vals) {
        *x = v;
    }
    Ok(())
}

pub(crate) fn hypot<R: LinalgReal>(a: R, b: R) -> R {
    let (a, b) = (a.fabs(), b.fabs());
    let (big, small) = if a > b { (a, b) } else { (b, a) };
    if big == R::rzero() {
        return big;
    }
    let r = small / big;
    big * (R::lone() + r * r).sqrt()
}

/// Columns `p` and `q` (full height `n`) become `c p + s q` and `c q - s p`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn rotate<R: LinalgReal>(
    u: &mut [R],
    ld: usize,
    base: usize,
    n: usize,
    p: usize,
    q: usize,
    c: R,
    s: R,
) {
    for i in 0..n {
        let (a, b) = (u[base + i + p * ld], u[base + i + q * ld]);
        u[base + i + p * ld] = c * a + s * b;
        u[base + i + q * ld] = c * b - s * a;
    }
}

/// The product over m of `((origin_m - di) + tau_m) / (delta_m - di)`.
fn ratio_product<R: LinalgReal>(origin: &[R], tau: &[R], delta: &[R], di: R) -> R {
    let mut acc = [R::lone(); 4];
    let chunks = origin.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            let m = c * 4 + l;
            acc[l] = acc[l] * (((origin[m] - di) + tau[m]) / (delta[m] - di));
        }
    }
    let mut p = (acc[0] * acc[1]) * (acc[2] * acc[3]);
    for m in chunks * 4..origin.len() {
        p = p * (((origin[m] - di) + tau[m]) / (delta[m] - di));
    }
    p
}

/// `sum zz_i / ((delta_i - o) - t)` and the sum of the squared terms' derivatives
/// `sum zz_i / ((delta_i - o) - t)^2`.
fn pole_sums<R: LinalgReal>(delta: &[R], zz: &[R], o: R, t: R) -> (R, R) {
    let mut f = [R::rzero(); 4];
    let mut df = [R::rzero(); 4];
    let chunks = delta.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            let i = c * 4 + l;
            let r = R::lone() / ((delta[i] - o) - t);
            let q = zz[i] * r;
            f[l] = f[l] + q;
            df[l] = df[l] + q * r;
        }
    }
    let mut fs = (f[0] + f[1]) + (f[2] + f[3]);
    let mut dfs = (df[0] + df[1]) + (df[2] + df[3]);
    for i in chunks * 4..delta.len() {
        let r = R::lone() / ((delta[i] - o) - t);
        let q = zz[i] * r;
        fs = fs + q;
        dfs = dfs + q * r;
    }
    (fs, dfs)
}

/// The root between `p1 < p2` of `c + a / (p1 - x) + aa / (p2 - x)` (`a`, `aa` > 0),
/// NaN when the quadratic gives none there.
fn two_pole_root<R: LinalgReal>(c: R, a: R, aa: R, p1: R, p2: R) -> R {
    let two = R::of_f64(2.0);
    let bq = c * (p1 + p2) + a + aa;
    let c0 = c * p1 * p2 + a * p2 + aa * p1;
    let roots = if c == R::rzero() {
        [c0 / bq, R::of_f64(f64::NAN)]
    } else {
        let disc = bq * bq - R::of_f64(4.0) * c * c0;
        let sq = if disc > R::rzero() {
            disc.sqrt()
        } else {
            R::rzero()
        };
        let q = (bq + if bq < R::rzero() { -sq } else { sq }) / two;
        let e2 = if q == R::rzero() {
            R::of_f64(f64::NAN)
        } else {
            c0 / q
        };
        [q / c, e2]
    };
    for x in roots {
        if x > p1 && x < p2 {
            return x;
        }
    }
    R::of_f64(f64::NAN)
}

/// The poles and weights of a secular equation `1/rho + sum zz_i / (p_i - x) = 0` with
/// strictly ascending poles `p_i` and positive weights, seen from one of its poles: the
/// root finder only asks for differences of poles and for the sums at a point given as a
/// pole plus an offset, which each kind of problem computes in its own accurate way.
pub(crate) trait Poles<R: LinalgReal> {
    /// The weights `zz_i`.
    fn weights(&self) -> &[R];
    /// `p_i - p_o`.
    fn gap(&self, i: usize, o: usize) -> R;
    /// `sum zz_i / (p_i - x)` and `sum zz_i / (p_i - x)^2` over the poles `lo..hi`, at
    /// `x = p_o + t`.
    fn sums(&self, lo: usize, hi: usize, o: usize, t: R) -> (R, R);
}

/// The eigenvalue problem's poles: the values themselves.
struct EigPoles<'a, R> {
    delta: &'a [R],
    zz: &'a [R],
}

impl<R: LinalgReal> Poles<R> for EigPoles<'_, R> {
    fn weights(&self) -> &[R] {
        self.zz
    }
    fn gap(&self, i: usize, o: usize) -> R {
        self.delta[i] - self.delta[o]
    }
    fn sums(&self, lo: usize, hi: usize, o: usize, t: R) -> (R, R) {
        pole_sums(&self.delta[lo..hi], &self.zz[lo..hi], self.delta[o], t)
    }
}

/// Root `j` (0-based) of `1/rho + sum zz_i / (p_i - x)`, as the index of the pole it is
/// measured from and the offset from that pole.
pub(crate) fn secular_root<R: LinalgReal, P: Poles<R>>(
    poles: &P,
    rho: R,
    j: usize,
) -> Result<(usize, R), NoConvergence> {
    let zz = poles.weights();
    let k = zz.len();
    let last = j + 1 == k;
    let rinv = R::lone() / rho;
    let two = R::of_f64(2.0);
    let mut guess = R::of_f64(f64::NAN);
    let (o, mut lo, mut hi) = if last {
        let total: R = zz.iter().fold(R::rzero(), |a, &b| a + b);
        (j, R::rzero(), rho * total)
    } else {
        let gap = poles.gap(j + 1, j);
        let mid = gap / two;
        let (f, _) = poles.sums(0, k, j, mid);
        let g = rinv + f;
        // First guess: the two nearest poles exact, the rest of the sum frozen at its
        // value at the midpoint.
        let rest = g + zz[j] / mid - zz[j + 1] / (gap - mid);
        if g >= R::rzero() {
            guess = two_pole_root(rest, zz[j], zz[j + 1], R::rzero(), gap);
            (j, R::rzero(), mid)
        } else {
            guess = two_pole_root(rest, zz[j], zz[j + 1], -gap, R::rzero());
            (j + 1, -mid, R::rzero())
        }
    };
    let pj = poles.gap(j, o);
    let pj1 = if last {
        R::rzero()
    } else {
        poles.gap(j + 1, o)
    };
    let mut t = if guess > lo && guess < hi {
        guess
    } else {
        (lo + hi) / two
    };
    for _ in 0..400 {
        let (psi, dpsi) = poles.sums(0, j + 1, o, t);
        let (phi, dphi) = poles.sums(j + 1, k, o, t);
        let g = rinv + psi + phi;
        let err = R::EPS
            * (R::of_f64(8.0) * (phi - psi)
                + two * rinv
                + R::of_f64(3.0) * t.fabs() * (dpsi + dphi));
        if g.fabs() <= err {
            return Ok((o, t));
        }
        if g < R::rzero() {
            lo = t;
        } else {
            hi = t;
        }
        // Model psi by b + a / (p1 - eta) and phi by bb + aa / (p2 - eta), matching
        // value and slope at t, and step to the model's root between the two poles.
        let p1 = pj - t;
        let a = dpsi * p1 * p1;
        let b = psi - dpsi * p1;
        let eta = if last {
            let c = rinv + b;
            if c > R::rzero() {
                p1 + a / c
            } else {
                R::of_f64(f64::NAN)
            }
        } else {
            let p2 = pj1 - t;
            let aa = dphi * p2 * p2;
            let bb = phi - dphi * p2;
            let c = rinv + b + bb;
            let bq = c * (p1 + p2) + a + aa;
            let c0 = p1 * p2 * g;
            if c == R::rzero() {
                c0 / bq
            } else {
                let disc = bq * bq - R::of_f64(4.0) * c * c0;
                let sq = if disc > R::rzero() {
                    disc.sqrt()
                } else {
                    R::rzero()
                };
                let q = (bq + if bq < R::rzero() { -sq } else { sq }) / two;
                let e1 = q / c;
                let e2 = if q == R::rzero() {
                    R::of_f64(f64::NAN)
                } else {
                    c0 / q
                };
                if e1 > p1 && e1 < p2 {
                    e1
                } else {
                    e2
                }
            }
        };
        let mut tn = t + eta;
        if !(tn > lo && tn < hi) {
            tn = (lo + hi) / two;
        }
        if (tn - t).fabs() <= two * R::EPS * tn.fabs() || tn == t {
            return Ok((o, tn));
        }
        t = tn;
    }
    Ok((o, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Residual and orthogonality of the decomposition of one tridiagonal matrix.
    fn check(d0: &[f64], e0: &[f64], leaf: usize) {
        let n = d0.len();
        let mut d = d0.to_vec();
        let mut u = vec![0.0; n * n];
        tridiag_evd(&mut d, e0, &mut u, leaf).unwrap();
        let scale = d0
            .iter()
            .chain(e0)
            .fold(0.0f64, |a, &b| a.max(b.abs()))
            .max(1e-300);
        for w in d.windows(2) {
            assert!(w[0] <= w[1], "not ascending");
        }
        let mut worst = 0.0f64;
        for j in 0..n {
            for i in 0..n {
                let mut tv = d0[i] * u[i + j * n];
                if i > 0 {
                    tv += e0[i - 1] * u[i - 1 + j * n];
                }
                if i + 1 < n {
                    tv += e0[i] * u[i + 1 + j * n];
                }
                worst = worst.max((tv - d[j] * u[i + j * n]).abs() / scale);
            }
            for q in 0..n {
                let dot: f64 = (0..n).map(|i| u[i + j * n] * u[i + q * n]).sum();
                let want = if q == j { 1.0 } else { 0.0 };
                worst = worst.max((dot - want).abs());
            }
        }
        assert!(worst < 1e-12 * n as f64, "n={n} leaf={leaf} error {worst}");
    }

    use crate::test_lcg as lcg;

    #[test]
    fn random_and_structured() {
        let mut seed = 7u64;
        for n in [1usize, 2, 3, 5, 8, 9, 17, 33, 64, 101, 150] {
            for leaf in [4usize, 7, 16] {
                let d: Vec<f64> = (0..n).map(|_| lcg(&mut seed)).collect();
                let e: Vec<f64> = (0..n.saturating_sub(1)).map(|_| lcg(&mut seed)).collect();
                check(&d, &e, leaf);
                // Toeplitz (mirror-symmetric halves: equal child eigenvalues).
                check(&vec![2.0; n], &vec![1.0; n.saturating_sub(1)], leaf);
                // Wilkinson-like and graded.
                let dw: Vec<f64> = (0..n).map(|i| (i as f64 - n as f64 / 2.0).abs()).collect();
                check(&dw, &vec![1.0; n.saturating_sub(1)], leaf);
                let dg: Vec<f64> = (0..n).map(|i| 10f64.powi(-(i as i32 % 12))).collect();
                let eg: Vec<f64> = (0..n.saturating_sub(1))
                    .map(|i| 10f64.powi(-(i as i32 % 12)) * 0.5)
                    .collect();
                check(&dg, &eg, leaf);
                // Zero couplings and repeated values.
                let e0: Vec<f64> = (0..n.saturating_sub(1))
                    .map(|i| if i % 3 == 0 { 0.0 } else { 1e-9 })
                    .collect();
                check(&vec![1.0; n], &e0, leaf);
                check(&vec![0.0; n], &vec![0.0; n.saturating_sub(1)], leaf);
            }
        }
    }
}
