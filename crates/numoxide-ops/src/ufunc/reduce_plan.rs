//! How NumPy's buffered iterator drives a reduction, kept to what decides the result's
//! bits: the order the elements are visited in, and how the visits are grouped into calls
//! of the inner loop. NumPy's float `add` loop sums each call pairwise, so the grouping
//! shows in the last bits of a sum; the other loops fold one element at a time, so for
//! them only the order matters.
//!
//! NumPy's rules (its `nditer` with `order='K'`, buffering, growing inner loops and no
//! stride negation, as its reductions build it):
//! 1. Axes are sorted by memory order ([`layout::k_order`]); an output the iterator
//!    allocates has no strides yet and takes no part. Negative strides stay negative.
//! 2. Neighbouring axes every operand steps through as one are merged.
//! 3. Walking outward, the iterator picks the "core" (the axes below some `best_dim`) that
//!    minimises `(1 + buffered operands) / transfer size`, where an operand needs a buffer
//!    when it is cast or when its strides stop merging below `best_dim`, and transfers are
//!    capped at the buffer size (8192 elements) once anything is buffered. Nothing grows
//!    past the first axis where the output's stride switches between zero and non-zero.
//! 4. Each transfer covers whole cores up to the end of the `best_dim` axis; with the
//!    output's stride switching at `best_dim` ("reduce mode") every core is its own call,
//!    otherwise the whole transfer is one call.

use numoxide_core::assign::copy_strided;
use numoxide_core::iter::{coalesce, for_each_run_range_ordered};
use numoxide_core::layout;
use smallvec::SmallVec;

/// NumPy's default buffer size, in elements.
const BUFSIZE: usize = 8192;

/// One operand of a reduction as NumPy's iterator sees it.
#[derive(Clone, Copy)]
pub(crate) struct PlanOperand<'a> {
    /// Byte strides over the reduction's shape (0 along broadcast and reduced axes);
    /// ignored for an operand the iterator allocates.
    pub strides: &'a [isize],
    /// The iterator allocates it (the result without `out=`): it abstains from the axis
    /// order and is laid out contiguously over the kept axes in visiting order.
    pub allocated: bool,
    /// Converted through the buffers (a cast or a byte swap).
    pub cast: bool,
    /// Written with stride 0 along reduced axes (the result).
    pub reduce: bool,
}

/// The calls NumPy's iterator makes for a reduction over a shape.
pub(crate) struct Plan {
    /// Every array axis in visiting order, innermost first.
    pub full_order: SmallVec<[usize; 8]>,
    /// Array axes in visiting order, innermost first, length-1 axes left out.
    pub order: SmallVec<[usize; 8]>,
    /// Elements visited.
    size: usize,
    /// Elements per core.
    coresize: usize,
    /// Length of the axis the cores repeat along.
    outer_len: usize,
    /// Elements per transfer at most.
    buffersize: usize,
    /// Every core is its own call.
    reduce_mode: bool,
    /// No operand is buffered and every call is one run of the innermost merged axis.
    pub simple: bool,
}

impl Plan {
    /// NumPy's plan for reducing over `shape` (`reduced[d]` for reduced axes) with
    /// `ops`: the result first, then the input, then a `where=` mask if any.
    pub(crate) fn new<const N: usize>(
        shape: &[usize],
        reduced: &[bool],
        ops: [PlanOperand<'_>; N],
    ) -> Plan {
        // Length-1 axes have no strides for the iterator (it zeroes them).
        let stride = |k: usize, d: usize| {
            if ops[k].allocated || shape[d] == 1 {
                0
            } else {
                ops[k].strides[d]
            }
        };
        let nd = shape.len();
        let perm = layout::k_order(nd, N, |i, k| stride(k, nd - 1 - i));
        let full_order: SmallVec<[usize; 8]> = perm.iter().map(|&i| nd - 1 - i).collect();
        let order: SmallVec<[usize; 8]> = full_order
            .iter()
            .copied()
            .filter(|&d| shape[d] != 1)
            .collect();
        let size: usize = order.iter().map(|&d| shape[d]).product();
        // Strides in visiting order; an allocated result is contiguous over kept axes.
        let mut next = [1isize; N];
        let visited: SmallVec<[(usize, [isize; N]); 8]> = order
            .iter()
            .map(|&d| {
                let mut st = [0isize; N];
                for k in 0..N {
                    st[k] = if !ops[k].allocated {
                        ops[k].strides[d]
                    } else if reduced[d] {
                        0
                    } else {
                        let s = next[k];
                        next[k] *= shape[d] as isize;
                        s
                    };
                }
                (shape[d], st)
            })
            .collect();
        let mut merged = coalesce(&visited);
        if merged.is_empty() {
            merged.push((1, [0; N]));
        }
        let m = merged.len();
        // Step 3: the best core.
        let mut single = [1usize; N];
        let mut reduce_outer = [0usize; N];
        let mut cost = 1 + ops.iter().filter(|o| o.cast).count();
        let mut outer_reduce_dim = 0;
        let mut size_so_far = merged[0].0;
        let (mut best_dim, mut best_cost, mut best_size, mut best_coresize) =
            (0, cost, size_so_far, 1);
        for idim in 1..m {
            if outer_reduce_dim != 0 || (size_so_far >= BUFSIZE && cost > 1) {
                break;
            }
            let (plen, pst) = merged[idim - 1];
            let (len, st) = merged[idim];
            for k in 0..N {
                if single[k] == idim {
                    if pst[k].wrapping_mul(plen as isize) == st[k] {
                        single[k] += 1;
                        continue;
                    }
                    if !ops[k].cast {
                        cost += 1;
                    }
                }
                if ops[k].reduce && (st[k] == 0 || pst[k] == 0) {
                    reduce_outer[k] = idim;
                    outer_reduce_dim = idim;
                }
            }
            let coresize = size_so_far;
            size_so_far = size_so_far.saturating_mul(len);
            let bufsize = if size_so_far > BUFSIZE && cost > 1 {
                BUFSIZE
            } else {
                size_so_far
            };
            if cost as f64 * best_size as f64 <= best_cost as f64 * bufsize as f64 {
                (best_dim, best_cost, best_size, best_coresize) =
                    (idim, cost, size_so_far, coresize);
            }
        }
        let reduce_mode = outer_reduce_dim != 0 && best_dim == outer_reduce_dim;
        let mut buffered_any = false;
        for k in 0..N {
            let is_reduce_op = reduce_mode
                && (reduce_outer[k] == best_dim
                    || (single[k] == best_dim && !ops[k].cast)
                    || (merged[outer_reduce_dim].1[k] == 0 && single[k] <= best_dim));
            let single_stride = single[k] + usize::from(is_reduce_op) > best_dim;
            buffered_any |= ops[k].cast || !single_stride;
        }
        let mut buffersize = best_size;
        if buffered_any && BUFSIZE < best_size {
            buffersize = (best_coresize * (BUFSIZE / best_coresize)).max(best_coresize);
        }
        let simple = !buffered_any && best_dim == usize::from(reduce_mode);
        Plan {
            full_order,
            order,
            size,
            coresize: best_coresize,
            outer_len: merged[best_dim].0,
            buffersize,
            reduce_mode,
            simple,
        }
    }

    /// The calls, as ranges of visiting positions, in order.
    pub(crate) fn for_each_call(&self, mut f: impl FnMut(std::ops::Range<usize>)) {
        let mut at = 0;
        while at < self.size {
            let outer_index = (at / self.coresize) % self.outer_len;
            let t = self
                .buffersize
                .min(self.coresize * (self.outer_len - outer_index))
                .min(self.size - at);
            if self.reduce_mode && t / self.coresize > 1 {
                for k in 0..t / self.coresize {
                    let lo = at + k * self.coresize;
                    f(lo..lo + self.coresize);
                }
            } else {
                f(at..at + t);
            }
            at += t;
        }
    }

    /// The axes of `shape` in visiting order with each operand's byte strides, merged.
    pub(crate) fn axes<const N: usize>(
        &self,
        shape: &[usize],
        strides: [&[isize]; N],
    ) -> SmallVec<[(usize, [isize; N]); 8]> {
        let visited: SmallVec<[(usize, [isize; N]); 8]> = self
            .order
            .iter()
            .map(|&d| (shape[d], std::array::from_fn(|k| strides[k][d])))
            .collect();
        coalesce(&visited)
    }

    /// Hand `call` NumPy's calls over operands `[result, input, (mask)]` laid out by
    /// `axes` from `base`. A call that spans several runs of one result element gets its
    /// input elements (and mask bytes) gathered into a contiguous buffer — operand `k`'s
    /// elements are `items[k]` bytes — and a zero result stride; a call over several
    /// result elements is handed run by run (each element is then updated once, so the
    /// grouping cannot show).
    ///
    /// # Safety
    /// As [`for_each_run_range_ordered`] for `axes` and `base`; `items[k]` is operand
    /// `k`'s element size for `k >= 1`.
    pub(crate) unsafe fn run<const N: usize>(
        &self,
        axes: &[(usize, [isize; N])],
        base: [*mut u8; N],
        items: [usize; N],
        mut call: impl FnMut([*mut u8; N], [isize; N], usize),
    ) {
        let words = |k: usize| (self.buffersize.min(self.size) * items[k]).div_ceil(8);
        let mut bufs: [Vec<u64>; N] = std::array::from_fn(|k| {
            if k == 0 {
                Vec::new()
            } else {
                vec![0; words(k)]
            }
        });
        self.for_each_call(|range| {
            let len = range.len();
            let mut runs = 0usize;
            let mut first = ([std::ptr::null_mut::<u8>(); N], [0isize; N], 0usize);
            let mut one_result = true;
            let mut filled = 0usize;
            let mut gather =
                |bufs: &mut [Vec<u64>; N], p: [*mut u8; N], s: [isize; N], n: usize| {
                    for k in 1..N {
                        if bufs[k].len() * 8 < (filled + n) * items[k] {
                            bufs[k].resize((filled + n) * items[k] / 8 + 1, 0);
                        }
                        // SAFETY: elements 0..n of the run are valid (the caller's
                        // contract); the buffer holds `filled + n` elements of items[k].
                        unsafe {
                            let dst = (bufs[k].as_mut_ptr() as *mut u8).add(filled * items[k]);
                            copy_strided(p[k], s[k], dst, items[k] as isize, n, items[k]);
                        }
                    }
                    filled += n;
                };
            // SAFETY: forwarded from the caller; the range lies inside the shape.
            unsafe {
                for_each_run_range_ordered(axes, base, range.clone(), |p, s, n| {
                    runs += 1;
                    if runs == 1 {
                        first = (p, s, n);
                        one_result = s[0] == 0;
                        return;
                    }
                    one_result &= s[0] == 0 && p[0] == first.0[0];
                    if one_result {
                        if runs == 2 {
                            gather(&mut bufs, first.0, first.1, first.2);
                        }
                        gather(&mut bufs, p, s, n);
                    }
                });
            }
            if runs == 1 {
                call(first.0, first.1, first.2);
            } else if one_result {
                let mut p = [first.0[0]; N];
                let mut s = [0isize; N];
                for k in 1..N {
                    p[k] = bufs[k].as_mut_ptr() as *mut u8;
                    s[k] = items[k] as isize;
                }
                call(p, s, len);
            } else {
                // SAFETY: as above.
                unsafe { for_each_run_range_ordered(axes, base, range, &mut call) };
            }
        });
    }
}
