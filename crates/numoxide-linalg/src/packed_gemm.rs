//! A packed, cache-blocked AVX-512 GEMM for large real products (`C = A B`, C row-major).
//!
//! The layout follows the BLIS scheme, turned to suit a row-major `C`: the work is cut
//! into `MC x KC` blocks of `A` and `KC x NC` blocks of `B`, each copied ("packed") into
//! a contiguous buffer in the order the micro-kernel reads it. The micro-kernel keeps an
//! `MR x NR` tile of `C` in 28 vector registers (`MR` = 14 rows, `NR` = two vectors of
//! columns: 16 float64 or 32 float32), loads two vectors of a packed row of `B` per step
//! of `k` and multiplies them by `MR` broadcast entries of `A`. The micro-kernel walks a
//! packed `MR x KC` panel of `A` (56 KiB for float64, `KC` = 512; 42 KiB for float32,
//! `KC` = 768) across a `KC x NC` block of `B` (`NC` = 256 columns: 1 MiB for float64,
//! 768 KiB for float32) kept in the L2; both panels stream from the L2 into the L1 with
//! software prefetch. Each call of the micro-kernel also prefetches its share of the next
//! panel of `A` and, near its end, its own tile of `C`, one line per trip of its loop.
//! The deep blocks halve the traffic of `C` (read and written once per block of depth)
//! against blocks whose panel of `A` fits in the L1 (`KC` = 256 / 384): measured 2-3%
//! faster at 2048^3 with the prefetch of `A`, no faster without it.
//!
//! Measured on the 2-vCPU AVX-512 machine this targets (one thread, float64 peak ~94
//! GFLOP/s): the micro-kernel alone runs at ~94% of peak; whole products at 2048^3 reach
//! ~84 GFLOP/s (float64) and ~168 (float32), ahead of OpenBLAS 0.3.34. What is left goes
//! to the traffic of `C` and to packing (~5%, mostly memory traffic: a vectorised
//! transpose for `A`, interleaving the packing of `B` with the micro-kernel, or packing
//! `A` a panel at a time on first use measured no faster).
//!
//! Every entry of `C` is one chain of fused multiply-adds in the order of `k` within a
//! block, the blocks added in order. Picked at run time (AVX-512F); other CPUs use faer.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// Smallest `m * n * k` sent here: below it the operands sit in the L2 anyway and faer's
/// GEMM, which packs less, is as fast or faster (measured: faer ahead at 256^3, even at
/// 512^3, this kernel ahead from 1024^3).
const MIN_WORK: usize = 640 * 640 * 640;

/// One 64-byte line of the packing buffers (keeps packed panels vector-aligned).
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

#[cfg(target_arch = "x86_64")]
std::thread_local! {
    /// The packing buffer of this thread, reused across calls (a fresh allocation of
    /// a few MiB per product would pay its page faults every time).
    static BUFFER: std::cell::RefCell<Vec<Line>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Whether the packed kernel applies to an `m x k` by `k x n` product.
pub(crate) fn applies(m: usize, n: usize, k: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        m >= 8
            && n >= 16
            && k >= 16
            && m.saturating_mul(n).saturating_mul(k) >= MIN_WORK
            && std::arch::is_x86_feature_detected!("avx512f")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (m, n, k);
        false
    }
}

/// Lines to prefetch toward the L2 during one call of a micro-kernel.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
struct Ahead {
    /// The first line (only its address is used; it need not be valid memory).
    lines: *const i8,
    /// How many consecutive 64-byte lines.
    count: usize,
}

/// Trips of the micro-kernel's loop (four steps of `k` each) between the prefetch of the
/// last line of the tile of `C` and the end of the loop.
#[cfg(target_arch = "x86_64")]
const C_LEAD: usize = 6;

/// Runs `f` with a 64-byte aligned scratch area of at least `lines` lines.
#[cfg(target_arch = "x86_64")]
fn with_buffer<R>(lines: usize, f: impl FnOnce(*mut u8) -> R) -> R {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            if buf.len() < lines {
                buf.clear();
                buf.resize(lines, Line([0; 64]));
            }
            f(buf.as_mut_ptr() as *mut u8)
        }
        Err(_) => {
            let mut buf = vec![Line([0; 64]); lines];
            f(buf.as_mut_ptr() as *mut u8)
        }
    })
}

/// One step of `k` in the micro-kernel: two lines of B (prefetched two lines per step,
/// `PREFETCH_B` bytes ahead, since they stream from the L2), `MR` broadcasts of A (also
/// prefetched, `PREFETCH_A` bytes ahead), and `MR * NV` fused multiply-adds into the
/// accumulators. Expands inside `unsafe`.
macro_rules! kernel_step {
    ($acc:ident, $ap:ident, $bp:ident, $zero:ident, $load:ident, $set1:ident, $fmadd:ident) => {
        let ahead = ($bp as *const i8).wrapping_add(PREFETCH_B);
        _mm_prefetch::<_MM_HINT_T0>(ahead);
        _mm_prefetch::<_MM_HINT_T0>(ahead.wrapping_add(64));
        let a_ahead = ($ap as *const i8).wrapping_add(PREFETCH_A);
        _mm_prefetch::<_MM_HINT_T0>(a_ahead);
        _mm_prefetch::<_MM_HINT_T0>(a_ahead.wrapping_add(64));
        let mut bv = [$zero(); NV];
        for v in 0..NV {
            bv[v] = $load($bp.add(v * L));
        }
        for r in 0..MR {
            let av = $set1(*$ap.add(r));
            for v in 0..NV {
                $acc[r][v] = $fmadd(av, bv[v], $acc[r][v]);
            }
        }
        $ap = $ap.add(MR);
        $bp = $bp.add(NR);
    };
}

macro_rules! packed_gemm {
    ($name:ident, $t:ty, $lanes:expr, $mask:ty, $mr:expr, $nv:expr, $kc:expr, $nc:expr, $mc:expr,
     $zero:ident, $set1:ident, $fmadd:ident, $load:ident, $mload:ident, $mstore:ident,
     $add:ident) => {
        /// `C (m x n, row stride ldc, unit column stride) = A B` for `A` (m x k, element
        /// strides `ars`, `acs`) and `B` (k x n, element strides `brs`, `bcs`).
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
            brs: isize,
            bcs: isize,
            c: *mut $t,
            ldc: isize,
        ) {
            // SAFETY: forwarded from this function's contract.
            unsafe { $name::imp(m, n, k, a, ars, acs, b, brs, bcs, c, ldc) }
        }

        #[cfg(target_arch = "x86_64")]
        mod $name {
            use super::*;

            /// Lanes of one vector.
            const L: usize = $lanes;
            /// Rows of a micro-tile (broadcast entries of `A`).
            const MR: usize = $mr;
            /// Vectors of columns in a micro-tile.
            const NV: usize = $nv;
            /// Columns of a micro-tile.
            const NR: usize = NV * L;
            /// Depth of a block.
            const KC: usize = $kc;
            /// Columns of a packed block of `B`.
            const NC: usize = $nc;
            /// Rows of a packed block of `A` (a multiple of `MR`).
            const MC: usize = $mc;
            /// How far ahead in the packed panel of B to prefetch, in bytes.
            const PREFETCH_B: usize = 1024;
            /// How far ahead in the packed panel of A to prefetch, in bytes (the panel
            /// is larger than the L1's share left by the stream of B, so it too is
            /// streamed from the L2).
            const PREFETCH_A: usize = 2048;
            /// Elements of one 64-byte line.
            const LINE: usize = 64 / std::mem::size_of::<$t>();

            #[target_feature(enable = "avx512f")]
            pub(super) unsafe fn imp(
                m: usize,
                n: usize,
                k: usize,
                a: *const $t,
                ars: isize,
                acs: isize,
                b: *const $t,
                brs: isize,
                bcs: isize,
                c: *mut $t,
                ldc: isize,
            ) {
                if m == 0 || n == 0 {
                    return;
                }
                if k == 0 {
                    for i in 0..m {
                        // SAFETY: row i of C holds n elements at unit stride.
                        unsafe { std::ptr::write_bytes(c.offset(i as isize * ldc), 0, n) };
                    }
                    return;
                }
                // Even blocks of depth: KC + 88 is cut in two halves, not KC + 88.
                let kblocks = k.div_ceil(KC);
                let kc_max = k.div_ceil(kblocks);
                // Whole micro-panels per block, so that the packed panels (zero-padded
                // to MR rows and NR columns) stay inside the buffer.
                let mc_max = (MC / MR * MR).min(m.next_multiple_of(MR));
                let nc_max = (NC / NR * NR).min(n.next_multiple_of(NR));
                let a_len = mc_max * kc_max;
                let b_len = nc_max * kc_max;
                let size = std::mem::size_of::<$t>();
                // A's block, rounded up to whole lines so that B's starts on one.
                let a_pad = a_len.next_multiple_of(64 / size);
                let lines = ((a_pad + b_len) * size).div_ceil(64);
                with_buffer(lines, |buf| {
                    let pa = buf as *mut $t;
                    // SAFETY: the buffer holds `lines` lines, `a_pad + b_len` elements.
                    let pb = unsafe { pa.add(a_pad) };
                    let mut ic = 0;
                    while ic < m {
                        let mc = mc_max.min(m - ic);
                        let mut pc = 0;
                        while pc < k {
                            let kc = kc_max.min(k - pc);
                            // SAFETY: rows ic..ic+mc and columns pc..pc+kc of A are in
                            // bounds; the packed block fits in `a_len` elements.
                            unsafe {
                                pack_a(
                                    a.offset(ic as isize * ars + pc as isize * acs),
                                    ars,
                                    acs,
                                    mc,
                                    kc,
                                    pa,
                                )
                            };
                            let mut jc = 0;
                            while jc < n {
                                let nc = nc_max.min(n - jc);
                                // SAFETY: rows pc..pc+kc and columns jc..jc+nc of B are in
                                // bounds; the packed block fits in `b_len` elements.
                                unsafe {
                                    pack_b(
                                        b.offset(pc as isize * brs + jc as isize * bcs),
                                        brs,
                                        bcs,
                                        kc,
                                        nc,
                                        pb,
                                    )
                                };
                                let accumulate = pc > 0;
                                let mut ir = 0;
                                while ir < mc {
                                    let rows = MR.min(mc - ir);
                                    // The next panel of A, a share of its lines
                                    // prefetched during each call, so that it is in
                                    // the L2 when its turn comes.
                                    let next = pa.wrapping_add((ir + MR) * kc) as *const i8;
                                    let next_lines =
                                        if ir + MR < mc { MR * kc * size / 64 } else { 0 };
                                    let share = next_lines.div_ceil(nc.div_ceil(NR));
                                    let mut line = 0;
                                    let mut jr = 0;
                                    while jr < nc {
                                        let cols = NR.min(nc - jr);
                                        let ahead = Ahead {
                                            lines: next.wrapping_add(line * 64),
                                            count: share.min(next_lines - line),
                                        };
                                        line += ahead.count;
                                        // SAFETY: the packed panels hold `kc` steps of
                                        // MR (resp. NR) entries at these offsets; the
                                        // tile of C at (ic+ir, jc+jr) of `rows x cols`
                                        // is inside C; AVX-512F by the contract.
                                        unsafe {
                                            let cp =
                                                c.offset((ic + ir) as isize * ldc).add(jc + jr);
                                            kernel(
                                                kc,
                                                pa.add(ir * kc),
                                                pb.add(jr * kc),
                                                cp,
                                                ldc,
                                                rows,
                                                cols,
                                                accumulate,
                                                ahead,
                                            );
                                        }
                                        jr += NR;
                                    }
                                    ir += MR;
                                }
                                jc += nc;
                            }
                            pc += kc;
                        }
                        ic += mc;
                    }
                });
            }

            /// Copies `A`'s `mc x kc` block into panels of `MR` rows: panel `q` holds,
            /// for each step `p`, the entries `(q MR + r, p)` for `r < MR`, zero past
            /// the last row.
            ///
            /// # Safety
            /// AVX-512F; `a` addresses an `mc x kc` matrix with the given strides; `dst` has room
            /// for `mc.next_multiple_of(MR) * kc` elements.
            #[target_feature(enable = "avx512f")]
            unsafe fn pack_a(
                a: *const $t,
                ars: isize,
                acs: isize,
                mc: usize,
                kc: usize,
                dst: *mut $t,
            ) {
                let mut i0 = 0;
                while i0 < mc {
                    let rows = MR.min(mc - i0);
                    // SAFETY: the panel starting at `i0 * kc` holds MR * kc elements
                    // inside `dst`; rows i0..i0+rows of A exist.
                    unsafe {
                        let panel = dst.add(i0 * kc);
                        if acs == 1 {
                            // The panel is written in order (its lines are new to the
                            // cache); the rows are read a line at a time, with a
                            // prefetch a few lines ahead in each.
                            let mut src = [a; MR];
                            for r in 0..rows {
                                src[r] = a.offset((i0 + r) as isize * ars);
                            }
                            let next = MR as isize * ars;
                            let mut p0 = 0;
                            while p0 < kc {
                                let width = LINE.min(kc - p0);
                                for r in 0..rows {
                                    // The same line of the next panel's rows: a whole
                                    // panel of work ahead of its use.
                                    _mm_prefetch::<_MM_HINT_T0>(
                                        src[r].wrapping_offset(next).wrapping_add(p0) as *const i8,
                                    );
                                }
                                for p in p0..p0 + width {
                                    let out = panel.add(p * MR);
                                    for r in 0..rows {
                                        *out.add(r) = *src[r].add(p);
                                    }
                                }
                                p0 += width;
                            }
                        } else {
                            for r in 0..rows {
                                let src = a.offset((i0 + r) as isize * ars);
                                for p in 0..kc {
                                    *panel.add(p * MR + r) = *src.offset(p as isize * acs);
                                }
                            }
                        }
                        for r in rows..MR {
                            for p in 0..kc {
                                *panel.add(p * MR + r) = 0.0;
                            }
                        }
                    }
                    i0 += MR;
                }
            }

            /// Copies `B`'s `kc x nc` block into panels of `NR` columns: panel `q`
            /// holds, for each step `p`, the entries `(p, q NR + j)` for `j < NR`,
            /// zero past the last column.
            ///
            /// # Safety
            /// AVX-512F; `b` addresses a `kc x nc` matrix with the given strides; `dst` has room
            /// for `nc.next_multiple_of(NR) * kc` elements.
            #[target_feature(enable = "avx512f")]
            unsafe fn pack_b(
                b: *const $t,
                brs: isize,
                bcs: isize,
                kc: usize,
                nc: usize,
                dst: *mut $t,
            ) {
                let full = nc / NR * NR;
                for p in 0..kc {
                    // SAFETY: row p of B's block has `nc` columns; panel `j0 / NR`
                    // starts at `j0 * kc` and holds NR * kc elements inside `dst`.
                    unsafe {
                        let src = b.offset(p as isize * brs);
                        let mut j0 = 0;
                        if bcs == 1 {
                            while j0 < full {
                                std::ptr::copy_nonoverlapping(
                                    src.add(j0),
                                    dst.add(j0 * kc + p * NR),
                                    NR,
                                );
                                j0 += NR;
                            }
                        }
                        while j0 < nc {
                            let cols = NR.min(nc - j0);
                            let row = dst.add(j0 * kc + p * NR);
                            for j in 0..cols {
                                *row.add(j) = *src.offset((j0 + j) as isize * bcs);
                            }
                            for j in cols..NR {
                                *row.add(j) = 0.0;
                            }
                            j0 += NR;
                        }
                    }
                }
            }

            /// One `MR x NR` tile: `C = (C if accumulate) + Apanel Bpanel` over `kc`
            /// steps, storing `rows x cols` of it.
            ///
            /// The loop runs four steps a trip and spreads two kinds of software
            /// prefetch over the trips, one line a trip, so that neither arrives as a
            /// burst that stalls the stream of `B` (measured: 4-6% faster at 2048^3
            /// than prefetching the tile of C and the share of the next panel of A all
            /// at once before the loop): the `ahead` lines (of the next panel of A,
            /// toward the L2) in the first trips, and the lines of this tile of C
            /// (toward the L1) in the trips ending `C_LEAD` trips before the last one.
            ///
            /// # Safety
            /// AVX-512F; `pa` holds `kc * MR` and `pb` `kc * NR` elements (`pb`
            /// 64-byte aligned); the `rows x cols` tile at `c` with row stride `ldc` is
            /// writable (and readable when accumulating).
            #[target_feature(enable = "avx512f")]
            #[allow(clippy::too_many_arguments)]
            unsafe fn kernel(
                kc: usize,
                pa: *const $t,
                pb: *const $t,
                c: *mut $t,
                ldc: isize,
                rows: usize,
                cols: usize,
                accumulate: bool,
                ahead: Ahead,
            ) {
                let mut acc = [[$zero(); NV]; MR];
                let mut ap = pa;
                let mut bp = pb;
                let trips = kc / 4;
                let c_lines = rows * NV;
                let c_line = |i: usize| {
                    c.wrapping_offset((i / NV) as isize * ldc)
                        .wrapping_add(i % NV * L) as *const i8
                };
                // Too shallow a block to spread the tile of C: fetch it now.
                let c_first = match trips.checked_sub(c_lines + C_LEAD) {
                    Some(first) => first,
                    None => {
                        for i in 0..c_lines {
                            _mm_prefetch::<_MM_HINT_T0>(c_line(i));
                        }
                        usize::MAX
                    }
                };
                for _ in 0..kc % 4 {
                    // SAFETY: the next step of the panels: NR entries of B at `bp`
                    // (aligned) and MR entries of A at `ap`, inside the panels by the
                    // contract.
                    unsafe {
                        kernel_step!(acc, ap, bp, $zero, $load, $set1, $fmadd);
                    }
                }
                for t in 0..trips {
                    if t < ahead.count {
                        _mm_prefetch::<_MM_HINT_T1>(ahead.lines.wrapping_add(t * 64));
                    }
                    let i = t.wrapping_sub(c_first);
                    if i < c_lines {
                        _mm_prefetch::<_MM_HINT_T0>(c_line(i));
                    }
                    // SAFETY: the next four steps of the panels, inside them by the
                    // contract as above.
                    unsafe {
                        kernel_step!(acc, ap, bp, $zero, $load, $set1, $fmadd);
                        kernel_step!(acc, ap, bp, $zero, $load, $set1, $fmadd);
                        kernel_step!(acc, ap, bp, $zero, $load, $set1, $fmadd);
                        kernel_step!(acc, ap, bp, $zero, $load, $set1, $fmadd);
                    }
                }
                let mut masks: [$mask; NV] = [0; NV];
                for v in 0..NV {
                    let have = cols.saturating_sub(v * L).min(L);
                    masks[v] = if have == L {
                        !0
                    } else {
                        ((1u64 << have) - 1) as $mask
                    };
                }
                for r in 0..rows {
                    // SAFETY: row r < rows of the tile is inside C; only the `cols`
                    // existing columns are read and written (masks).
                    unsafe {
                        let cp = c.offset(r as isize * ldc);
                        for v in 0..NV {
                            let mut x = acc[r][v];
                            if accumulate {
                                x = $add(x, $mload(masks[v], cp.add(v * L)));
                            }
                            $mstore(cp.add(v * L), masks[v], x);
                        }
                    }
                }
            }
        }
    };
}

packed_gemm!(
    gemm_f64,
    f64,
    8,
    u8,
    14,
    2,
    512,
    256,
    14 * 150,
    _mm512_setzero_pd,
    _mm512_set1_pd,
    _mm512_fmadd_pd,
    _mm512_load_pd,
    _mm512_maskz_loadu_pd,
    _mm512_mask_storeu_pd,
    _mm512_add_pd
);

packed_gemm!(
    gemm_f32,
    f32,
    16,
    u16,
    14,
    2,
    768,
    256,
    14 * 150,
    _mm512_setzero_ps,
    _mm512_set1_ps,
    _mm512_fmadd_ps,
    _mm512_load_ps,
    _mm512_maskz_loadu_ps,
    _mm512_mask_storeu_ps,
    _mm512_add_ps
);

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// `C = A B` through the packed kernel for `A` and `B` given as row-major vectors,
    /// read with the strides chosen by `a_t` / `b_t` (transposed storage when true),
    /// compared entry by entry with a naive sum in f64 within the k-term bound.
    fn check(m: usize, n: usize, k: usize, a_t: bool, b_t: bool) {
        let av: Vec<f64> = (0..m * k)
            .map(|x| ((x * 7919 % 1013) as f64) / 500.0 - 1.0)
            .collect();
        let bv: Vec<f64> = (0..k * n)
            .map(|x| ((x * 104_729 % 997) as f64) / 500.0 - 1.0)
            .collect();
        // Element (i, p) of A lives at i * ars + p * acs.
        let (ars, acs) = if a_t {
            (1, m as isize)
        } else {
            (k as isize, 1)
        };
        let (brs, bcs) = if b_t {
            (1, k as isize)
        } else {
            (n as isize, 1)
        };
        let a_at = |i: usize, p: usize| av[(i as isize * ars + p as isize * acs) as usize];
        let b_at = |p: usize, j: usize| bv[(p as isize * brs + j as isize * bcs) as usize];
        let mut c = vec![f64::NAN; m * n];
        // SAFETY: the vectors hold the m x k and k x n matrices under these strides and
        // C is m x n row-major; AVX-512F was detected by the caller.
        unsafe {
            gemm_f64(
                m,
                n,
                k,
                av.as_ptr(),
                ars,
                acs,
                bv.as_ptr(),
                brs,
                bcs,
                c.as_mut_ptr(),
                n as isize,
            )
        };
        let a32: Vec<f32> = av.iter().map(|&x| x as f32).collect();
        let b32: Vec<f32> = bv.iter().map(|&x| x as f32).collect();
        let mut c32 = vec![f32::NAN; m * n];
        // SAFETY: as above.
        unsafe {
            gemm_f32(
                m,
                n,
                k,
                a32.as_ptr(),
                ars,
                acs,
                b32.as_ptr(),
                brs,
                bcs,
                c32.as_mut_ptr(),
                n as isize,
            )
        };
        for i in 0..m {
            for j in 0..n {
                let want: f64 = (0..k).map(|p| a_at(i, p) * b_at(p, j)).sum();
                let bound: f64 = (0..k).map(|p| (a_at(i, p) * b_at(p, j)).abs()).sum();
                let got = c[i * n + j];
                assert!(
                    (got - want).abs() <= 2.0 * k as f64 * f64::EPSILON * bound,
                    "f64 {m}x{n}x{k} ({i},{j}): {got} vs {want}"
                );
                let got32 = c32[i * n + j] as f64;
                assert!(
                    (got32 - want).abs() <= 4.0 * k as f64 * f32::EPSILON as f64 * bound,
                    "f32 {m}x{n}x{k} ({i},{j}): {got32} vs {want}"
                );
            }
        }
    }

    #[test]
    fn matches_naive_across_tile_and_block_edges() {
        if !std::arch::is_x86_feature_detected!("avx512f") {
            return;
        }
        for &(m, n, k) in &[
            (1, 1, 1),
            (14, 16, 16),
            (15, 17, 3),
            (13, 31, 33),
            (29, 33, 300),
            (43, 65, 770),
            (20, 40, 1600),
            (30, 1030, 20),
            (2110, 20, 9),
        ] {
            for (a_t, b_t) in [(false, false), (true, false), (false, true), (true, true)] {
                check(m, n, k, a_t, b_t);
            }
        }
    }

    #[test]
    fn k_zero_writes_zeros() {
        if !std::arch::is_x86_feature_detected!("avx512f") {
            return;
        }
        let mut c = vec![f64::NAN; 6];
        // SAFETY: k = 0 reads nothing from A or B; C is 2 x 3.
        unsafe {
            gemm_f64(
                2,
                3,
                0,
                std::ptr::NonNull::<f64>::dangling().as_ptr(),
                0,
                1,
                std::ptr::NonNull::<f64>::dangling().as_ptr(),
                3,
                1,
                c.as_mut_ptr(),
                3,
            )
        };
        assert_eq!(c, vec![0.0; 6]);
    }
}
