//! Register-blocked AVX-512 kernels for small real products (`C = A B`, C row-major).
//!
//! For matrices of a few dozen rows the general-purpose GEMM in faer spends a
//! noticeable share of the call deciding how to pack and block; OpenBLAS's small-matrix
//! path does not. These kernels read `B` in place (unit column stride), broadcast `A`'s
//! entries from any strides, and keep a tile of `R` rows by `V` vectors of `C` in
//! registers across the whole `k` loop: every entry of `C` is one chain of fused
//! multiply-adds in the order of `k`. Chosen at run time; other CPUs use faer.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// Largest `m * n * k` handled here; larger products are faster through faer's packed
/// GEMM (measured: equal near 96^3, faer 1.3x faster at 128^3).
const MAX_WORK: usize = 80 * 80 * 80;

/// Whether the small kernel applies to an `m x k` by `k x n` product whose `B` has
/// element column stride `bcs`.
pub(crate) fn applies(m: usize, n: usize, k: usize, bcs: isize) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        bcs == 1
            && m > 0
            && n > 0
            && k > 0
            && m.saturating_mul(n).saturating_mul(k) <= MAX_WORK
            && std::arch::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (m, n, k, bcs);
        false
    }
}

macro_rules! small_kernel {
    ($name:ident, $tile:ident, $t:ty, $vec:ty, $lanes:expr, $mask:ty,
     $zero:ident, $set1:ident, $fmadd:ident, $load:ident, $store:ident) => {
        /// `C (m x n, row stride ldc, unit column stride) = A B` for `A` (m x k, element
        /// strides `ars`, `acs`) and `B` (k x n, row stride `ldb`, unit column stride).
        ///
        /// # Safety
        /// The CPU supports AVX-512F ([`applies`] returned true); the pointers address
        /// matrices of the stated shapes and strides; `C` does not overlap `A` or `B`.
        #[cfg(target_arch = "x86_64")]
        pub(crate) unsafe fn $name(
            m: usize,
            n: usize,
            k: usize,
            a: *const $t,
            ars: isize,
            acs: isize,
            b: *const $t,
            ldb: isize,
            c: *mut $t,
            ldc: isize,
        ) {
            // SAFETY: forwarded from this function's contract.
            unsafe { $name::imp(m, n, k, a, ars, acs, b, ldb, c, ldc) }
        }

        #[cfg(target_arch = "x86_64")]
        mod $name {
            use super::*;

            #[target_feature(enable = "avx512f")]
            pub(super) unsafe fn imp(
                m: usize,
                n: usize,
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                ldb: isize,
                c: *mut $t,
                ldc: isize,
            ) {
                const L: usize = $lanes;
                let mut j = 0usize;
                while j < n {
                    let width = (n - j).min(4 * L);
                    let nv = width.div_ceil(L);
                    let tail = width - (nv - 1) * L;
                    let mask: $mask = if tail == L {
                        !0
                    } else {
                        ((1u64 << tail) - 1) as $mask
                    };
                    let mut i = 0usize;
                    while i < m {
                        let rows = (m - i).min(4);
                        // SAFETY: rows i..i+rows and columns j..j+width are inside A, B
                        // and C by the loop bounds; the caller vouches for the rest.
                        unsafe {
                            let ap = a.offset(i as isize * ars);
                            let bp = b.add(j);
                            let cp = c.offset(i as isize * ldc).add(j);
                            macro_rules! go {
                                ($r:literal) => {
                                    match nv {
                                        1 => {
                                            $tile::<$r, 1>(k, ap, ars, acs, bp, ldb, cp, ldc, mask)
                                        }
                                        2 => {
                                            $tile::<$r, 2>(k, ap, ars, acs, bp, ldb, cp, ldc, mask)
                                        }
                                        3 => {
                                            $tile::<$r, 3>(k, ap, ars, acs, bp, ldb, cp, ldc, mask)
                                        }
                                        _ => {
                                            $tile::<$r, 4>(k, ap, ars, acs, bp, ldb, cp, ldc, mask)
                                        }
                                    }
                                };
                            }
                            match rows {
                                1 => go!(1),
                                2 => go!(2),
                                3 => go!(3),
                                _ => go!(4),
                            }
                        }
                        i += rows;
                    }
                    j += width;
                }
            }

            /// One `R x (V vectors)` tile of C over the whole k loop; the last vector
            /// of each row is loaded and stored under `mask`.
            #[target_feature(enable = "avx512f")]
            unsafe fn $tile<const R: usize, const V: usize>(
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                ldb: isize,
                c: *mut $t,
                ldc: isize,
                mask: $mask,
            ) {
                const L: usize = $lanes;
                let mut acc = [[$zero(); V]; R];
                for p in 0..k {
                    // SAFETY: row p of B holds V * L columns from `b` (the last vector
                    // masked to the columns that exist); A's entries (r, p) for r < R
                    // are in bounds by the caller's tiling.
                    unsafe {
                        let bp = b.offset(p as isize * ldb);
                        let mut bv = [$zero(); V];
                        for v in 0..V {
                            bv[v] = if v + 1 == V {
                                $load(mask, bp.add(v * L))
                            } else {
                                $load(!0, bp.add(v * L))
                            };
                        }
                        let ap = a.offset(p as isize * acs);
                        for r in 0..R {
                            let av = $set1(*ap.offset(r as isize * ars));
                            for v in 0..V {
                                acc[r][v] = $fmadd(av, bv[v], acc[r][v]);
                            }
                        }
                    }
                }
                for r in 0..R {
                    // SAFETY: row r of the tile of C is in bounds; the last vector is
                    // stored under the mask of the columns that exist.
                    unsafe {
                        let cp = c.offset(r as isize * ldc);
                        for v in 0..V {
                            let m = if v + 1 == V { mask } else { !0 };
                            $store(cp.add(v * L), m, acc[r][v]);
                        }
                    }
                }
            }
        }
    };
}

small_kernel!(
    matmul_f64,
    tile_f64,
    f64,
    __m512d,
    8,
    u8,
    _mm512_setzero_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_maskz_loadu_pd,
    _mm512_mask_storeu_pd
);

small_kernel!(
    matmul_f32,
    tile_f32,
    f32,
    __m512,
    16,
    u16,
    _mm512_setzero_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_maskz_loadu_ps,
    _mm512_mask_storeu_ps
);

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    fn naive(m: usize, n: usize, k: usize, a: &[f64], b: &[f64]) -> Vec<f64> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * k + p] * b[p * n + j]).sum();
            }
        }
        c
    }

    #[test]
    fn matches_naive_over_edge_sizes() {
        if !applies(1, 1, 1, 1) {
            return;
        }
        for &(m, n, k) in &[
            (1, 1, 1),
            (5, 7, 3),
            (4, 33, 9),
            (13, 64, 17),
            (64, 64, 64),
            (3, 70, 2),
        ] {
            let a: Vec<f64> = (0..m * k).map(|x| ((x * 7 % 13) as f64) - 6.0).collect();
            let b: Vec<f64> = (0..k * n).map(|x| ((x * 5 % 11) as f64) - 5.0).collect();
            let want = naive(m, n, k, &a, &b);
            let mut c = vec![f64::NAN; m * n];
            // SAFETY: the buffers have the shapes passed; AVX-512F was detected.
            unsafe {
                matmul_f64(
                    m,
                    n,
                    k,
                    a.as_ptr(),
                    k as isize,
                    1,
                    b.as_ptr(),
                    n as isize,
                    c.as_mut_ptr(),
                    n as isize,
                )
            };
            assert_eq!(c, want, "{m}x{n}x{k}");
            let a32: Vec<f32> = a.iter().map(|&x| x as f32).collect();
            let b32: Vec<f32> = b.iter().map(|&x| x as f32).collect();
            let mut c32 = vec![f32::NAN; m * n];
            // SAFETY: as above, transposed strides for A.
            unsafe {
                matmul_f32(
                    m,
                    n,
                    k,
                    a32.as_ptr(),
                    k as isize,
                    1,
                    b32.as_ptr(),
                    n as isize,
                    c32.as_mut_ptr(),
                    n as isize,
                )
            };
            let want32: Vec<f32> = want.iter().map(|&x| x as f32).collect();
            assert_eq!(c32, want32, "f32 {m}x{n}x{k}");
        }
    }
}
