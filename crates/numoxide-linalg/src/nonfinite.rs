//! NumPy's answers for input holding NaN or infinity (and for subnormal LU pivots) in the
//! LU- and QR-based routines, reproduced step by step.
//!
//! faer's factorizations are kept for finite input; when a result turns out non-finite we
//! redo that one matrix here, following what NumPy's LAPACK (OpenBLAS 0.3.34, as NumPy's
//! wheels ship it, with its x86-64 SkylakeX kernels) executes, because which entries come
//! out NaN or infinite, and the signs of zeros, depend on those details. NumPy computes
//! float32 and complex64 input in double precision, so these paths run on a float64 /
//! complex128 copy ([`to_double`]) and cast the results back.
//!
//! - LU (`getrf`): OpenBLAS's recursive blocking (panels factored by its left-looking
//!   `getf2`), its pivot search (`idamax`, whose SSE2 kernel treats NaN in a way that
//!   depends on the position and the 16-byte alignment of the column; `izamax` for
//!   complex, on `|re| + |im|`), a pivot that is NaN or subnormal neither swapping rows
//!   nor scaling the column below it, and an infinite pivot setting the column below it
//!   to zero (the scaling kernel fills zeros for a zero factor instead of multiplying).
//!   The complex gemv/gemm/trsm kernels multiply their `alpha = -1 + 0i` (and a unit
//!   pivot `1 + 0i`) out in full, so an infinite part spills NaN into the other part.
//! - Solves (`getrs`): the pivots, then the unit-lower and upper triangular solves in the
//!   row blocks of OpenBLAS's trsm kernels, multiplying by the reciprocal of each pivot.
//! - QR (`geqrf` + `orgqr`, unblocked below order 129): Householder reflectors from
//!   `larfg`, applied by LAPACK 3.12.1's `larf1f` (the reflector's leading 1 is never
//!   multiplied), which skips trailing zero rows of the reflector and trailing zero
//!   columns of the matrix it updates (so those stay finite).
//! - The complex scaling kernel ([`scal_kernel`]): whole groups of eight as full complex
//!   products, the rest by the factor's kind (see there).

use crate::scalar::{LinalgReal, LinalgScalar};
use numoxide_core::element::Complex;

/// The smallest positive normal number of the real type `R`.
fn tiny<R: LinalgReal>() -> R {
    if std::mem::size_of::<R>() == 4 {
        R::of_f64(f64::from(f32::MIN_POSITIVE))
    } else {
        R::of_f64(f64::MIN_POSITIVE)
    }
}

/// GEMM_UNROLL_N of OpenBLAS's SkylakeX kernels for `T` (it sets the LU panel width).
fn unroll_n<T: LinalgScalar>() -> usize {
    if !T::IS_COMPLEX && std::mem::size_of::<T>() == 4 {
        4
    } else {
        2
    }
}

/// GEMM_UNROLL_M of OpenBLAS's SkylakeX kernels for `T` (the trsm row blocks).
fn unroll_m<T: LinalgScalar>() -> usize {
    match (T::IS_COMPLEX, std::mem::size_of::<T>()) {
        (false, _) => 16,
        (true, 8) => 8,
        _ => 4,
    }
}

/// The largest block OpenBLAS's getrf recursion uses (GEMM_Q).
const GEMM_Q: usize = 256;

/// `MAXPD dest, src` on one lane: `dest` when it is greater, otherwise `src` (so a NaN
/// on either side gives `src`).
fn maxpd(dest: f64, src: f64) -> f64 {
    if dest > src {
        dest
    } else {
        src
    }
}

/// OpenBLAS's `idamax` SSE2 kernel on the absolute values `a` (non-empty) of a column
/// starting `aligned16` on a 16-byte boundary: the 0-based index it returns, clamped to
/// the column as getf2 clamps it.
///
/// The kernel first takes the maximum with `maxpd` in four two-lane accumulators seeded
/// with `a[0]` (a NaN element is passed over unless it is `a[0]`, when the maximum is
/// NaN), then searches for it: eight elements at a time with an ordered compare (NaN never
/// matches), element by element inside a matching group of eight and in the tail with
/// `comisd`, for which NaN counts as equal. The alignment decides where the groups start.
pub(crate) fn idamax_sse2(a: &[f64], aligned16: bool) -> usize {
    let n = a.len();
    let mut acc = [[a[0]; 2]; 4];
    let mut pair = |k: usize, p: f64, q: f64| {
        acc[k][0] = maxpd(acc[k][0], p);
        acc[k][1] = maxpd(acc[k][1], q);
    };
    let mut i = 1;
    let mut m = n - 1;
    // Seven or fewer remaining elements run the unaligned loops, which peel nothing.
    let aligned_mode = m > 7;
    if aligned_mode && aligned16 {
        // &a[1] is then misaligned: one element goes to the last accumulator first.
        pair(3, a[i], a[i]);
        i += 1;
        m -= 1;
    }
    for _ in 0..(m >> 4) {
        for k in 0..8 {
            pair(k % 4, a[i], a[i + 1]);
            i += 2;
        }
    }
    let r = m & 15;
    if r & 8 != 0 {
        for k in 0..4 {
            pair(k, a[i], a[i + 1]);
            i += 2;
        }
    }
    if r & 4 != 0 {
        pair(0, a[i], a[i + 1]);
        pair(1, a[i + 2], a[i + 3]);
        i += 4;
    }
    if r & 2 != 0 {
        pair(2, a[i], a[i + 1]);
        i += 2;
    }
    if r & 1 != 0 {
        pair(3, a[i], a[i]);
    }
    let lane = |x: [f64; 2], y: [f64; 2]| [maxpd(x[0], y[0]), maxpd(x[1], y[1])];
    let a01 = lane(acc[0], acc[1]);
    let a23 = lane(acc[2], acc[3]);
    let all = lane(a01, a23);
    let top = maxpd(all[1], all[0]);
    // The search. `hit` is comisd's "equal" (NaN on either side counts).
    let hit = |v: f64| v == top || v.is_nan() || top.is_nan();
    let mut ret = 0usize; // the 1-based index the kernel counts up
    let mut j = 0usize;
    let mut m = n;
    if aligned_mode && !aligned16 {
        ret += 1;
        if hit(a[0]) {
            return ret - 1;
        }
        j += 1;
        m -= 1;
    }
    for _ in 0..(m >> 3) {
        let group = &a[j..j + 8];
        if group.contains(&top) {
            for &v in &group[..7] {
                ret += 1;
                if hit(v) {
                    return ret - 1;
                }
            }
            return ret.min(n - 1);
        }
        j += 8;
        ret += 8;
    }
    for width in [4, 2] {
        if m & width != 0 {
            for _ in 0..width {
                ret += 1;
                if hit(a[j]) {
                    return ret - 1;
                }
                j += 1;
            }
        }
    }
    ret.min(n - 1)
}

/// OpenBLAS's `izamax` SSE2 kernel on the keys `k` (`|re| + |im|` of each element,
/// non-empty): the 0-based index it returns, clamped to the column as getf2 clamps it.
///
/// The maximum is taken with `maxpd` in four two-lane accumulators seeded with `k[0]`
/// (the rest in groups of eight, then four and two into the first two accumulators, a
/// last odd element into lane 0 of the third), so a NaN key only survives where no later
/// key meets its lane; the search then goes four at a time with an ordered compare (a NaN
/// maximum never matches) and element by element, NaN counting as equal, inside a
/// matching group and in a pair left over; an odd last element is never examined.
pub(crate) fn izamax_sse2(k: &[f64]) -> usize {
    let n = k.len();
    let mut acc = [[k[0]; 2]; 4];
    let mut put = |a: usize, p: f64, q: f64| {
        acc[a][0] = maxpd(acc[a][0], p);
        acc[a][1] = maxpd(acc[a][1], q);
    };
    let mut i = 1;
    let m = n - 1;
    for _ in 0..(m >> 3) {
        for a in 0..4 {
            put(a, k[i + 2 * a], k[i + 2 * a + 1]);
        }
        i += 8;
    }
    if m & 4 != 0 {
        put(0, k[i], k[i + 1]);
        put(1, k[i + 2], k[i + 3]);
        i += 4;
    }
    if m & 2 != 0 {
        put(0, k[i], k[i + 1]);
        i += 2;
    }
    if m & 1 != 0 {
        acc[2][0] = maxpd(acc[2][0], k[i]);
    }
    let lane = |x: [f64; 2], y: [f64; 2]| [maxpd(x[0], y[0]), maxpd(x[1], y[1])];
    let all = lane(lane(acc[0], acc[1]), lane(acc[2], acc[3]));
    let top = maxpd(all[1], all[0]);
    let hit = |v: f64| v == top || v.is_nan() || top.is_nan();
    let mut ret = 0usize;
    let mut j = 0usize;
    for _ in 0..(n >> 2) {
        if k[j..j + 4].contains(&top) {
            for &v in &k[j..j + 4] {
                ret += 1;
                if hit(v) {
                    return ret - 1;
                }
            }
        } else {
            ret += 4;
        }
        j += 4;
    }
    if n & 2 != 0 {
        for &v in &k[j..j + 2] {
            ret += 1;
            if hit(v) {
                return ret - 1;
            }
        }
    }
    ret.min(n - 1)
}

/// The pivot search of getf2 on `col` (non-empty), which starts `aligned16` on a 16-byte
/// boundary (NumPy's buffer is; the column's offset decides). Only the double types
/// reach it (NumPy factors float32 and complex64 input in double precision).
fn iamax<T: LinalgScalar>(col: &[T], aligned16: bool) -> usize {
    debug_assert_eq!(std::mem::size_of::<T::R>(), 8);
    if T::IS_COMPLEX {
        let k: Vec<f64> = col
            .iter()
            .map(|z| z.re().as_f64().abs() + z.im().as_f64().abs())
            .collect();
        izamax_sse2(&k)
    } else {
        let a: Vec<f64> = col.iter().map(|z| z.re().as_f64().abs()).collect();
        idamax_sse2(&a, aligned16)
    }
}

/// A column-major matrix copied into the precision NumPy's linalg computes in (double:
/// `_commonType` turns float32 into float64 and complex64 into complex128).
pub(crate) enum Double {
    /// Real input.
    Real(Vec<f64>),
    /// Complex input.
    Complex(Vec<Complex<f64>>),
}

/// `a` in double precision (see [`Double`]).
pub(crate) fn to_double<T: LinalgScalar>(a: &[T]) -> Double {
    if T::IS_COMPLEX {
        Double::Complex(
            a.iter()
                .map(|z| Complex::new(z.re().as_f64(), z.im().as_f64()))
                .collect(),
        )
    } else {
        Double::Real(a.iter().map(|z| z.re().as_f64()).collect())
    }
}

/// A double-precision result `w` cast back to `T` (as NumPy's `astype(result_t)`).
pub(crate) fn from_double<T: LinalgScalar, W: LinalgScalar>(w: W) -> T {
    T::from_parts(T::R::of_f64(w.re().as_f64()), T::R::of_f64(w.im().as_f64()))
}

/// The reciprocal of a pivot as getf2 and the trsm packing form it (for complex, the
/// ratio formula of OpenBLAS's zgetf2).
fn recip<T: LinalgScalar>(t: T) -> T {
    if !T::IS_COMPLEX {
        return T::lone() / t;
    }
    let one = T::R::of_f64(1.0);
    let (a, b) = (t.re(), t.im());
    if a.fabs() >= b.fabs() {
        let ratio = b / a;
        let den = one / (a * (one + ratio * ratio));
        T::from_parts(den, -(ratio * den))
    } else {
        let ratio = a / b;
        let den = one / (b * (one + ratio * ratio));
        T::from_parts(ratio * den, -den)
    }
}

/// The scaling kernel's scalar tail for a real factor `r`: each part multiplied by `r`,
/// except that a NaN real part makes the imaginary part NaN too (not the other way).
pub(crate) fn scale_parts<T: LinalgScalar>(z: T, r: T::R) -> T {
    let re = z.re() * r;
    let im = if z.re().is_nan() { z.re() } else { z.im() * r };
    T::from_parts(re, im)
}

/// OpenBLAS's complex scaling kernel on a contiguous `x` (for reals, a plain product;
/// `from_blas` when LAPACK calls it through the BLAS interface). The whole groups of
/// eight at the start go through its vector loop: full complex products, except that a
/// zero factor fills zeros on an internal call. The rest: a zero factor fills zeros
/// (NaN and infinities included), a real factor scales the parts separately (see
/// [`scale_parts`]), a purely imaginary one follows LAPACK's NaN rules, anything else is a
/// full complex product.
pub(crate) fn scal_kernel<T: LinalgScalar>(x: &mut [T], f: T, from_blas: bool) {
    let zero = T::R::rzero();
    if !T::IS_COMPLEX {
        let zero_factor = f.re() == zero;
        for z in x {
            *z = if zero_factor && !from_blas {
                T::lzero()
            } else {
                *z * f
            };
        }
        return;
    }
    let head = x.len() & !7;
    let (front, x) = x.split_at_mut(head);
    let zero_factor = f.re() == zero && f.im() == zero;
    for z in front {
        *z = if zero_factor && !from_blas {
            T::lzero()
        } else {
            *z * f
        };
    }
    if f.re() == zero && f.im() == zero {
        for z in x {
            *z = T::lzero();
        }
    } else if !T::IS_COMPLEX || f.im() == zero {
        let r = f.re();
        for z in x {
            *z = scale_parts(*z, r);
        }
    } else if f.re() == zero {
        // Only the imaginary part: (a + bi) * (i c) = -b c + a c i, with LAPACK's NaN
        // rules for infinite parts.
        let c = f.im();
        let nan = T::R::of_f64(f64::NAN);
        for z in x {
            let (a, b) = (z.re(), z.im());
            let re = if nonfinite_real(a) { nan } else { -(c * b) };
            let im = if b.as_f64().is_infinite() { nan } else { c * a };
            *z = T::from_parts(re, im);
        }
    } else {
        for z in x {
            *z = *z * f;
        }
    }
}

fn nonfinite_real<R: LinalgReal>(a: R) -> bool {
    !a.as_f64().is_finite()
}

/// A pivot getf2 uses (swaps and scales by): non-zero and not subnormal (NaN fails).
fn usable_pivot<T: LinalgScalar>(t: T) -> bool {
    let min = tiny::<T::R>();
    (t.re().fabs() >= min) || (T::IS_COMPLEX && t.im().fabs() >= min)
}

fn is_zero<T: LinalgScalar>(t: T) -> bool {
    t.re() == T::R::rzero() && t.im() == T::R::rzero()
}

/// `y - t` as OpenBLAS's gemv and gemm kernels form it: `y + alpha t` with the complex
/// `alpha = -1 + 0i` multiplied out in full, so a non-finite part of `t` turns the other
/// part of the result into NaN (`0 * inf`). For reals, plain `y - t`.
pub(crate) fn minus_kernel<T: LinalgScalar>(y: T, t: T) -> T {
    if !T::IS_COMPLEX {
        return y - t;
    }
    let zero = T::R::rzero();
    let (tr, ti) = (t.re(), t.im());
    T::from_parts(y.re() + (-tr - zero * ti), y.im() + (-ti + zero * tr))
}

/// `x` multiplied by the `1 + 0i` a unit-diagonal trsm kernel keeps for its pivots, in
/// full (a non-finite part of a complex `x` spills NaN into the other part).
fn times_unit<T: LinalgScalar>(x: T) -> T {
    let zero = T::R::rzero();
    T::from_parts(x.re() - zero * x.im(), x.im() + zero * x.re())
}

/// The unit-lower solve of OpenBLAS's complex trsm kernel (`trsm_kernel_LT`) for rows
/// `p0..p1` of column `c` of the column-major `n x n` `a`, the factor being the block of
/// `a` on those rows and columns: row blocks of GEMM_UNROLL_M (see [`forward_blocks`]),
/// each updated by a gemm kernel call from the rows solved above it, then solved in
/// place, every solved value passing through [`times_unit`].
fn trsm_unit_lower_complex<T: LinalgScalar>(a: &mut [T], n: usize, p0: usize, p1: usize, c: usize) {
    for (b0, b1) in forward_blocks(p1 - p0, unroll_m::<T>()) {
        let (r0, r1) = (p0 + b0, p0 + b1);
        if r0 > p0 {
            for r in r0..r1 {
                let mut s = T::lzero();
                for k in p0..r0 {
                    s = s + a[k * n + r] * a[c * n + k];
                }
                a[c * n + r] = minus_kernel(a[c * n + r], s);
            }
        }
        for i in r0..r1 {
            let x = times_unit(a[c * n + i]);
            a[c * n + i] = x;
            for r in i + 1..r1 {
                a[c * n + r] = a[c * n + r] - x * a[i * n + r];
            }
        }
    }
}

/// OpenBLAS's getf2 on columns `c0..c1` of the column-major `n x n` matrix `a`, rows
/// `c0..n` (`ipiv` holds global 0-based pivot rows). Returns the first zero pivot
/// (1-based, global) or 0.
fn getf2<T: LinalgScalar>(
    a: &mut [T],
    n: usize,
    c0: usize,
    c1: usize,
    ipiv: &mut [usize],
) -> usize {
    let mut info = 0;
    for j in c0..c1 {
        let col = j * n;
        for i in c0..j {
            if ipiv[i] != i {
                a.swap(col + i, col + ipiv[i]);
            }
        }
        // The unit-lower solve for the rows above the diagonal (dot products) ...
        for i in c0 + 1..j {
            let mut s = T::lzero();
            for k in c0..i {
                s = s + a[k * n + i] * a[col + k];
            }
            a[col + i] = a[col + i] - s;
        }
        // ... and the update of the rest of the column (gemv).
        if j > c0 {
            for r in j..n {
                let mut s = T::lzero();
                for k in c0..j {
                    s = s + a[k * n + r] * a[col + k];
                }
                a[col + r] = minus_kernel(a[col + r], s);
            }
        }
        let jp = j + iamax(&a[col + j..col + n], (j * (n + 1)) % 2 == 0);
        ipiv[j] = jp;
        let t = a[col + jp];
        if is_zero(t) {
            if info == 0 {
                info = j + 1;
            }
            continue;
        }
        if !usable_pivot(t) {
            continue;
        }
        let r = recip(t);
        if jp != j {
            for c in c0..=j {
                a.swap(c * n + j, c * n + jp);
            }
        }
        scal_kernel(&mut a[col + j + 1..col + n], r, false);
    }
    info
}

/// OpenBLAS's getrf (getrf_single) on columns `c0..c1` of the column-major `n x n` `a`.
fn getrf_range<T: LinalgScalar>(
    a: &mut [T],
    n: usize,
    c0: usize,
    c1: usize,
    ipiv: &mut [usize],
) -> usize {
    let un = unroll_n::<T>();
    let mn = (n - c0).min(c1 - c0);
    let blocking = (mn / 2).div_ceil(un) * un;
    let blocking = blocking.min(GEMM_Q);
    if blocking <= 2 * un {
        return getf2(a, n, c0, c1, ipiv);
    }
    let mut info = 0;
    let mut j = 0;
    while j < mn {
        let jb = (mn - j).min(blocking);
        let (p0, p1) = (c0 + j, c0 + j + jb);
        let iinfo = getrf_range(a, n, p0, p1, ipiv);
        if iinfo != 0 && info == 0 {
            info = iinfo;
        }
        if p1 < c1 {
            for i in p0..p1 {
                if ipiv[i] != i {
                    for c in p1..c1 {
                        a.swap(c * n + i, c * n + ipiv[i]);
                    }
                }
            }
            for c in p1..c1 {
                // trsm with the panel's unit-lower block, then the gemm update below it.
                if T::IS_COMPLEX {
                    trsm_unit_lower_complex(a, n, p0, p1, c);
                    for r in p1..n {
                        let mut s = T::lzero();
                        for k in p0..p1 {
                            s = s + a[k * n + r] * a[c * n + k];
                        }
                        a[c * n + r] = minus_kernel(a[c * n + r], s);
                    }
                    continue;
                }
                for i in p0 + 1..p1 {
                    let mut s = T::lzero();
                    for k in p0..i {
                        s = s + a[k * n + i] * a[c * n + k];
                    }
                    a[c * n + i] = a[c * n + i] - s;
                }
                for r in p1..n {
                    let mut s = T::lzero();
                    for k in p0..p1 {
                        s = s + a[k * n + r] * a[c * n + k];
                    }
                    a[c * n + r] = a[c * n + r] - s;
                }
            }
        }
        j += jb;
    }
    // The later panels' row swaps, applied to the earlier panels' columns.
    let mut j = 0;
    while j < mn {
        let jb = (mn - j).min(blocking);
        for i in c0 + j + jb..c0 + mn {
            if ipiv[i] != i {
                for c in c0 + j..c0 + j + jb {
                    a.swap(c * n + i, c * n + ipiv[i]);
                }
            }
        }
        j += jb;
    }
    info
}

/// LU factorization of the column-major `n x n` matrix `a` in place as NumPy's getrf
/// computes it: the 0-based pivot rows and the first zero pivot (1-based, 0 if none).
pub(crate) fn getrf<T: LinalgScalar>(a: &mut [T], n: usize) -> (Vec<usize>, usize) {
    let mut ipiv: Vec<usize> = (0..n).collect();
    let info = if n == 0 {
        0
    } else {
        getrf_range(a, n, 0, n, &mut ipiv)
    };
    (ipiv, info)
}

/// The row blocks of OpenBLAS's trsm kernels for `m` rows and unroll `um`: full blocks
/// from the top, then the remainder split by its bits from the largest.
fn forward_blocks(m: usize, um: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut r = 0;
    while r + um <= m {
        out.push((r, r + um));
        r += um;
    }
    let mut w = um / 2;
    while w > 0 {
        if m & w != 0 {
            out.push((r, r + w));
            r += w;
        }
        w /= 2;
    }
    out
}

/// The row blocks of the backward (upper) trsm kernel, in the order it solves them: the
/// remainder rows at the bottom split by their bits from the smallest, then the full
/// blocks from the bottom up.
fn backward_blocks(m: usize, um: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut w = 1;
    while w < um {
        if m & w != 0 {
            let end = m & !(w - 1);
            out.push((end - w, end));
        }
        w *= 2;
    }
    let full = m / um;
    for b in (0..full).rev() {
        out.push((b * um, (b + 1) * um));
    }
    out
}

/// getrs: solve `A X = B` in place for the column-major `n x k` right-hand side `b`,
/// given [`getrf`]'s factors `lu` (column-major) and pivots.
pub(crate) fn getrs<T: LinalgScalar>(lu: &[T], ipiv: &[usize], n: usize, b: &mut [T], k: usize) {
    let um = unroll_m::<T>();
    let fwd = forward_blocks(n, um);
    let bwd = backward_blocks(n, um);
    let inv: Vec<T> = (0..n).map(|i| recip(lu[i * n + i])).collect();
    for c in 0..k {
        let x = &mut b[c * n..(c + 1) * n];
        for (i, &p) in ipiv.iter().enumerate() {
            if p != i {
                x.swap(i, p);
            }
        }
        // Unit lower: each block takes the solved rows above it in one gemm update, then
        // solves inside itself row by row.
        for &(r0, r1) in &fwd {
            for r in r0..r1 {
                let mut s = T::lzero();
                for q in 0..r0 {
                    s = s + lu[q * n + r] * x[q];
                }
                x[r] = minus_kernel(x[r], s);
            }
            for i in r0..r1 {
                let bb = times_unit(x[i]);
                x[i] = bb;
                for r in i + 1..r1 {
                    x[r] = x[r] - bb * lu[i * n + r];
                }
            }
        }
        // Upper, from the bottom: multiply by the reciprocal pivot.
        for &(r0, r1) in &bwd {
            for r in r0..r1 {
                let mut s = T::lzero();
                for q in r1..n {
                    s = s + lu[q * n + r] * x[q];
                }
                x[r] = minus_kernel(x[r], s);
            }
            for i in (r0..r1).rev() {
                let bb = x[i] * inv[i];
                x[i] = bb;
                for r in r0..i {
                    x[r] = x[r] - bb * lu[i * n + r];
                }
            }
        }
    }
}

/// Whether `z` is NaN or infinite.
pub(crate) fn nonfinite<T: LinalgScalar>(z: T) -> bool {
    let (re, im) = (z.re().as_f64(), z.im().as_f64());
    !(re.is_finite() && im.is_finite())
}

/// Whether an LU diagonal element sends NumPy's getrf down a path faer does not take: not
/// finite, or a non-zero subnormal (which getf2 neither swaps to nor divides by).
pub(crate) fn special_pivot<T: LinalgScalar>(d: T) -> bool {
    nonfinite(d) || (!is_zero(d) && !usable_pivot(d))
}

/// The 2-norm of `x` as `nrm2` gives it for non-finite data: NaN if any part is NaN,
/// otherwise infinite if any is infinite, otherwise the plain root of the sum of squares.
fn nrm2<T: LinalgScalar>(x: &[T]) -> T::R {
    let mut nan = false;
    let mut inf = false;
    let mut s = T::R::rzero();
    for z in x {
        for p in [z.re(), z.im()] {
            let v = p.as_f64();
            nan |= v.is_nan();
            inf |= v.is_infinite();
            s = s + p * p;
        }
    }
    if nan {
        T::R::of_f64(f64::NAN)
    } else if inf {
        T::R::of_f64(f64::INFINITY)
    } else {
        s.sqrt()
    }
}

/// `sqrt(a^2 + b^2 + c^2)` with NaN winning (lapy2/lapy3).
fn lapy<R: LinalgReal>(parts: &[R]) -> R {
    if let Some(&p) = parts.iter().find(|p| p.is_nan()) {
        return p;
    }
    if parts.iter().any(|p| p.as_f64().is_infinite()) {
        return R::of_f64(f64::INFINITY);
    }
    parts.iter().fold(R::rzero(), |acc, &p| acc + p * p).sqrt()
}

/// larf1f from the left (LAPACK 3.12.1's larf, which NumPy's OpenBLAS runs): `C <- (I -
/// tau v v^H) C` on the column-major `rows x cols` block of `a` at `(r0, c0)` (leading
/// dimension `lda`), `v` of length `rows` with `v[0] = 1` taken as exact (never
/// multiplied). Trailing zero entries of `v` and trailing all-zero columns of `C` are
/// left out; a reflector of length one scales the row by `1 - tau`. For each column,
/// `w = conj(c_0) + (the gemv of the rest, its alpha = 1 multiplied out)`, then
/// `c_0 -= tau conj(w)` and the ger update `c_r += (-tau conj(w)) v_r` below it.
#[allow(clippy::too_many_arguments)]
fn larf_left<T: LinalgScalar>(
    v: &[T],
    tau: T,
    a: &mut [T],
    lda: usize,
    r0: usize,
    c0: usize,
    rows: usize,
    cols: usize,
) {
    if is_zero(tau) {
        return;
    }
    let mut lastv = rows;
    while lastv > 1 && is_zero(v[lastv - 1]) {
        lastv -= 1;
    }
    let at = |c: usize, r: usize| (c0 + c) * lda + r0 + r;
    let lastc = (0..cols)
        .rev()
        .find(|&c| (0..lastv).any(|r| !is_zero(a[at(c, r)])))
        .map_or(0, |c| c + 1);
    if lastv == 1 {
        // scal through the BLAS interface on a strided row: a full product (zeros
        // filled for a zero factor).
        let f = T::lone() - tau;
        for c in 0..lastc {
            let i = at(c, 0);
            a[i] = if is_zero(f) { T::lzero() } else { a[i] * f };
        }
        return;
    }
    for c in 0..lastc {
        let mut t = T::lzero();
        for r in 1..lastv {
            t = t + a[at(c, r)].conj() * v[r];
        }
        let w = times_unit(t) + a[at(c, 0)].conj();
        let top = at(c, 0);
        a[top] = a[top] - tau * w.conj();
        let f = -(tau * w.conj());
        for r in 1..lastv {
            let i = at(c, r);
            a[i] = a[i] + f * v[r];
        }
    }
}

/// geqr2 on the column-major `m x n` matrix `a` (in place: R on and above the diagonal,
/// the reflectors below it), returning the `tau`s.
pub(crate) fn geqr2<T: LinalgScalar>(a: &mut [T], m: usize, n: usize) -> Vec<T> {
    let k = m.min(n);
    let mut taus = Vec::with_capacity(k);
    let mut v = vec![T::lzero(); m];
    for i in 0..k {
        let col = i * m;
        let alpha = a[col + i];
        let xnorm = nrm2(&a[col + i + 1..col + m]);
        let tau;
        if xnorm == T::R::rzero() && alpha.im() == T::R::rzero() {
            tau = T::lzero();
        } else {
            let norm = if T::IS_COMPLEX {
                lapy(&[alpha.re(), alpha.im(), xnorm])
            } else {
                lapy(&[alpha.re(), xnorm])
            };
            // beta = -sign(norm, Re(alpha)), the sign taken from the sign bit.
            let beta = if alpha.re().as_f64().is_sign_negative() {
                norm
            } else {
                -norm
            };
            tau = T::from_parts((beta - alpha.re()) / beta, -alpha.im() / beta);
            // dscal (through the BLAS interface, so a zero factor still multiplies) /
            // zscal by ladiv(1, alpha - beta).
            let s = recip(alpha - T::from_real(beta));
            if T::IS_COMPLEX {
                scal_kernel(&mut a[col + i + 1..col + m], s, true);
            } else {
                for x in &mut a[col + i + 1..col + m] {
                    *x = *x * s;
                }
            }
            a[col + i] = T::from_real(beta);
        }
        taus.push(tau);
        if i + 1 < n {
            v[0] = T::lone();
            v[1..m - i].copy_from_slice(&a[col + i + 1..col + m]);
            larf_left(&v, tau.conj(), a, m, i, i + 1, m - i, n - i - 1);
        }
    }
    taus
}

/// org2r/ung2r: overwrite the column-major `m x qc` matrix `q`, whose first `k` columns
/// hold [`geqr2`]'s reflectors, with the first `qc` columns of `Q`.
pub(crate) fn org2r<T: LinalgScalar>(q: &mut [T], m: usize, qc: usize, taus: &[T]) {
    let k = taus.len();
    for j in k..qc {
        for r in 0..m {
            q[j * m + r] = if r == j { T::lone() } else { T::lzero() };
        }
    }
    let mut v = vec![T::lzero(); m];
    for i in (0..k).rev() {
        let col = i * m;
        if i + 1 < qc {
            v[0] = T::lone();
            v[1..m - i].copy_from_slice(&q[col + i + 1..col + m]);
            larf_left(&v, taus[i], q, m, i, i + 1, m - i, qc - i - 1);
        }
        let f = -taus[i];
        if T::IS_COMPLEX {
            scal_kernel(&mut q[col + i + 1..col + m], f, true);
        } else {
            for x in &mut q[col + i + 1..col + m] {
                *x = *x * f;
            }
        }
        q[col + i] = T::lone() - taus[i];
        for x in &mut q[col..col + i] {
            *x = T::lzero();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idamax_nan_rules() {
        let nan = f64::NAN;
        // A leading NaN wins; a later one only where the search meets it before the max.
        assert_eq!(idamax_sse2(&[nan, 0.0], true), 0);
        assert_eq!(idamax_sse2(&[3.0, nan, 4.0], true), 1);
        assert_eq!(idamax_sse2(&[2.0, nan, 1.0], true), 0);
        assert_eq!(idamax_sse2(&[1.0, 2.0, nan], true), 1);
        let mut v = vec![1.0; 26];
        v[15] = nan;
        for x in &mut v[16..] {
            *x = 3.0;
        }
        assert_eq!(idamax_sse2(&v, true), 16);
    }

    #[test]
    fn izamax_nan_rules() {
        // Answers of OpenBLAS 0.3.34's izamax (SkylakeX) on these keys.
        let nan = f64::NAN;
        assert_eq!(izamax_sse2(&[1.0, nan, 2.0]), 1);
        assert_eq!(izamax_sse2(&[nan, 1.0, 2.0]), 0);
        assert_eq!(izamax_sse2(&[1.0, 2.0, nan]), 1);
        assert_eq!(izamax_sse2(&[3.0, 1.0, 1.0, nan, 5.0]), 4);
        let mut v = vec![1.0; 11];
        v[8] = nan;
        v[10] = 4.0;
        assert_eq!(izamax_sse2(&v), 0);
        assert_eq!(izamax_sse2(&[nan; 5]), 4);
        let mut w = vec![1.0; 16];
        w[0] = 2.0;
        w[15] = nan;
        assert_eq!(izamax_sse2(&w), 0);
    }

    #[test]
    fn lu_solves_finite() {
        // [[4, 3], [6, 3]] x = [10, 12] -> x = [1, 2].
        let mut a = vec![4.0f64, 6.0, 3.0, 3.0];
        let (p, info) = getrf(&mut a, 2);
        assert_eq!(info, 0);
        let mut b = vec![10.0, 12.0];
        getrs(&a, &p, 2, &mut b, 1);
        assert!((b[0] - 1.0).abs() < 1e-12 && (b[1] - 2.0).abs() < 1e-12);
    }
}
