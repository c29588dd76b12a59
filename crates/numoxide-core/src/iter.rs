//! The strided iteration engine (NumPy's nditer idea, DESIGN.md §3).
//!
//! Every elementwise pass — copy, cast, fill, assignment, and later every ufunc and
//! reduction — goes through [`for_each_run`]: it takes N operands laid over one common
//! shape, drops length-1 axes, orders axes for memory locality, coalesces axes that are
//! contiguous together, and calls a kernel on 1-D runs `(pointers, strides, length)`.
//! Kernels therefore see the longest runs the layouts allow, and one contiguous run for
//! contiguous operands.

use smallvec::SmallVec;

/// An operand of an iteration: the address of its element at index (0, ..., 0) and its
/// byte strides over the iteration shape (0 along broadcast axes).
#[derive(Clone, Copy)]
pub struct Operand<'a> {
    /// Address of the first element.
    pub ptr: *mut u8,
    /// Byte strides, one per axis of the iteration shape.
    pub strides: &'a [isize],
}

/// The axes [`for_each_run`] iterates, innermost first, as (length, byte strides per
/// operand): axes of length 1 dropped, the rest ordered for memory locality and
/// coalesced where contiguous together.
fn coalesced_axes<const N: usize>(
    shape: &[usize],
    operands: &[Operand<'_>; N],
) -> SmallVec<[(usize, [isize; N]); 8]> {
    // Collect axes of length > 1.
    let mut axes: SmallVec<[(usize, [isize; N]); 8]> = SmallVec::new();
    for (k, &len) in shape.iter().enumerate() {
        if len != 1 {
            let mut st = [0isize; N];
            for (i, op) in operands.iter().enumerate() {
                st[i] = op.strides[k];
            }
            axes.push((len, st));
        }
    }
    // Order axes so the innermost (last) has the smallest strides: a stable insertion
    // sort keyed on the absolute strides of the operands in order.
    let key = |st: &[isize; N]| -> [usize; N] {
        let mut k = [0usize; N];
        for i in 0..N {
            k[i] = st[i].unsigned_abs();
        }
        k
    };
    for i in 1..axes.len() {
        let mut j = i;
        while j > 0 {
            let (outer, inner) = (key(&axes[j - 1].1), key(&axes[j].1));
            // The first operand that has a stride on both axes decides: the axis with
            // the larger stride goes outward. Broadcast (stride 0) operands abstain.
            let decided = (0..N)
                .find(|&t| outer[t] != 0 && inner[t] != 0 && outer[t] != inner[t])
                .map(|t| inner[t] > outer[t]);
            if decided == Some(true) {
                axes.swap(j - 1, j);
                j -= 1;
            } else {
                break;
            }
        }
    }
    // `axes` runs outermost first; coalesce innermost first.
    axes.reverse();
    coalesce(&axes)
}

/// Merge neighbouring axes (given innermost first) that every operand steps through as
/// one: an outer axis joins the inner one when its stride is the inner stride times the
/// inner length, for every operand. The visiting order does not change.
pub fn coalesce<const N: usize>(
    axes: &[(usize, [isize; N])],
) -> SmallVec<[(usize, [isize; N]); 8]> {
    let mut merged: SmallVec<[(usize, [isize; N]); 8]> = SmallVec::new();
    for &(len, st) in axes {
        if let Some(last) = merged.last_mut() {
            let fits = (0..N).all(|t| st[t] == last.1[t].wrapping_mul(last.0 as isize));
            if fits {
                last.0 *= len;
                continue;
            }
        }
        merged.push((len, st));
    }
    merged
}

/// [`for_each_run_range`] over axes the caller has already put in visiting order
/// (innermost first, as `(length, byte strides per operand)`, every length > 1, for
/// instance from [`coalesce`]): they are walked as given, never reordered or merged.
/// `base` holds each operand's first element.
///
/// # Safety
/// As [`for_each_run`], for the layout the axes describe.
pub unsafe fn for_each_run_range_ordered<const N: usize>(
    axes: &[(usize, [isize; N])],
    base: [*mut u8; N],
    range: std::ops::Range<usize>,
    kernel: impl FnMut([*mut u8; N], [isize; N], usize),
) {
    if axes.iter().any(|&(len, _)| len == 0) || range.is_empty() {
        return;
    }
    // SAFETY: forwarded from the caller.
    unsafe { walk_range(axes, base, range, kernel) }
}

/// [`for_each_run`] restricted to the positions `range` of its visiting order (position
/// `k` is the `k`-th element it hands the kernel): the same runs, cut at the range's
/// ends. Disjoint ranges visit disjoint elements, and together the ranges `0..size`
/// visit exactly what [`for_each_run`] visits, so a pass may be split across threads.
///
/// # Safety
/// As [`for_each_run`].
pub unsafe fn for_each_run_range<const N: usize>(
    shape: &[usize],
    operands: [Operand<'_>; N],
    range: std::ops::Range<usize>,
    kernel: impl FnMut([*mut u8; N], [isize; N], usize),
) {
    if shape.contains(&0) || range.is_empty() {
        return;
    }
    let merged = coalesced_axes(shape, &operands);
    let mut base = [std::ptr::null_mut::<u8>(); N];
    for (i, op) in operands.iter().enumerate() {
        base[i] = op.ptr;
    }
    // SAFETY: forwarded from the caller.
    unsafe { walk_range(&merged, base, range, kernel) }
}

/// Visit positions `range` of the order coalesced axes `merged` (innermost first) give,
/// as runs cut at the range's ends.
///
/// # Safety
/// As [`for_each_run`], for the layout `merged` describes from `base`.
unsafe fn walk_range<const N: usize>(
    merged: &[(usize, [isize; N])],
    base: [*mut u8; N],
    range: std::ops::Range<usize>,
    mut kernel: impl FnMut([*mut u8; N], [isize; N], usize),
) {
    let mut ptrs = base;
    let Some(&(inner_len, inner_st)) = merged.first() else {
        if range.start == 0 {
            kernel(ptrs, [0; N], 1);
        }
        return;
    };
    let outer = &merged[1..];
    let size = merged
        .iter()
        .try_fold(1usize, |acc, &(len, _)| acc.checked_mul(len))
        .unwrap_or(usize::MAX);
    let end = range.end.min(size);
    let mut pos = range.start;
    if pos >= end {
        return;
    }
    // Locate `pos`: its index along the inner axis and the outer odometer.
    let mut j = pos % inner_len;
    let mut rest = pos / inner_len;
    let mut index: SmallVec<[usize; 8]> = SmallVec::from_elem(0, outer.len());
    for (d, &(len, st)) in outer.iter().enumerate() {
        index[d] = rest % len;
        rest /= len;
        for (p, &s) in ptrs.iter_mut().zip(&st) {
            *p = p.wrapping_offset(s.wrapping_mul(index[d] as isize));
        }
    }
    for (p, &s) in ptrs.iter_mut().zip(&inner_st) {
        *p = p.wrapping_offset(s.wrapping_mul(j as isize));
    }
    loop {
        let len = (inner_len - j).min(end - pos);
        kernel(ptrs, inner_st, len);
        pos += len;
        if pos >= end {
            return;
        }
        // Back to the start of this run, then one odometer step over the outer axes.
        for (p, &s) in ptrs.iter_mut().zip(&inner_st) {
            *p = p.wrapping_offset(-s.wrapping_mul(j as isize));
        }
        j = 0;
        let mut d = 0;
        loop {
            let Some(&(len, st)) = outer.get(d) else {
                return;
            };
            index[d] += 1;
            if index[d] < len {
                for (p, &s) in ptrs.iter_mut().zip(&st) {
                    *p = p.wrapping_offset(s);
                }
                break;
            }
            let back = (len - 1) as isize;
            for (p, &s) in ptrs.iter_mut().zip(&st) {
                *p = p.wrapping_offset(-s * back);
            }
            index[d] = 0;
            d += 1;
        }
    }
}

/// Visit the iteration space `shape` as 1-D runs.
///
/// `kernel(ptrs, strides, len)` receives, for each operand, the address of the run's
/// first element and its byte stride along the run. Runs are visited in an order that
/// follows operand 0's memory order (the output, by convention), with ties broken by the
/// other operands.
///
/// # Safety
/// For every index in `shape`, `op.ptr + sum(index[k] * op.strides[k])` must be a valid,
/// aligned element address for each operand, and the kernel must only touch the
/// elements it is handed.
pub unsafe fn for_each_run<const N: usize>(
    shape: &[usize],
    operands: [Operand<'_>; N],
    mut kernel: impl FnMut([*mut u8; N], [isize; N], usize),
) {
    if shape.contains(&0) {
        return;
    }
    let merged = coalesced_axes(shape, &operands);
    // `merged` is innermost-first now.
    let mut base = [std::ptr::null_mut::<u8>(); N];
    for (i, op) in operands.iter().enumerate() {
        base[i] = op.ptr;
    }
    if merged.is_empty() {
        kernel(base, [0; N], 1);
        return;
    }
    let (inner_len, inner_st) = merged[0];
    let outer = &merged[1..];
    if outer.is_empty() {
        kernel(base, inner_st, inner_len);
        return;
    }
    let mut index: SmallVec<[usize; 8]> = SmallVec::from_elem(0, outer.len());
    let mut ptrs = base;
    loop {
        kernel(ptrs, inner_st, inner_len);
        // Odometer step over the outer axes, innermost outer axis first.
        let mut d = 0;
        loop {
            if d == outer.len() {
                return;
            }
            index[d] += 1;
            if index[d] < outer[d].0 {
                for (p, &st) in ptrs.iter_mut().zip(&outer[d].1) {
                    *p = p.wrapping_offset(st);
                }
                break;
            }
            // Rewind this axis and carry.
            let back = (outer[d].0 - 1) as isize;
            for (p, &st) in ptrs.iter_mut().zip(&outer[d].1) {
                *p = p.wrapping_offset(-st * back);
            }
            index[d] = 0;
            d += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coalesces_contiguous_operands_to_one_run() {
        let mut buf = [0u8; 24];
        let strides = [12isize, 4, 1];
        let mut runs = Vec::new();
        // SAFETY: shape (2, 3, 4) with strides (12, 4, 1) spans exactly 24 bytes.
        unsafe {
            for_each_run(
                &[2, 3, 4],
                [Operand {
                    ptr: buf.as_mut_ptr(),
                    strides: &strides,
                }],
                |p, s, n| runs.push((p[0] as usize - buf.as_ptr() as usize, s[0], n)),
            );
        }
        assert_eq!(runs, vec![(0, 1, 24)]);
    }

    #[test]
    fn visits_every_element_once_for_transposed_and_reversed_layouts() {
        let mut buf = [0u8; 12];
        let base = buf.as_mut_ptr();
        // A (4, 3) transpose of a C-contiguous (3, 4), read with a reversed first axis.
        let strides = [-1isize, 4];
        // SAFETY: starting at byte 3, index (i, j) reaches 3 - i + 4j, within 0..12.
        let start = unsafe { base.add(3) };
        let mut seen = [0u8; 12];
        // SAFETY: as above.
        unsafe {
            for_each_run(
                &[4, 3],
                [Operand {
                    ptr: start,
                    strides: &strides,
                }],
                |p, s, n| {
                    for k in 0..n {
                        let at = p[0].wrapping_offset(s[0] * k as isize) as usize - base as usize;
                        seen[at] += 1;
                    }
                },
            );
        }
        assert!(seen.iter().all(|&c| c == 1));
    }

    #[test]
    fn broadcast_operand_keeps_zero_stride() {
        let mut out = [0i64; 6];
        let src = [10i64, 20, 30];
        let out_strides = [24isize, 8];
        let src_strides = [0isize, 8];
        // SAFETY: out is 2x3 C-contiguous; src is a length-3 row repeated (stride 0).
        unsafe {
            for_each_run(
                &[2, 3],
                [
                    Operand {
                        ptr: out.as_mut_ptr() as *mut u8,
                        strides: &out_strides,
                    },
                    Operand {
                        ptr: src.as_ptr() as *mut u8,
                        strides: &src_strides,
                    },
                ],
                |p, s, n| {
                    for k in 0..n as isize {
                        *(p[0].offset(s[0] * k) as *mut i64) =
                            *(p[1].offset(s[1] * k) as *const i64);
                    }
                },
            );
        }
        assert_eq!(out, [10, 20, 30, 10, 20, 30]);
    }

    #[test]
    fn ranges_split_the_visit_exactly() {
        // A (3, 4, 5) int32 view with a reversed middle axis and a broadcast operand.
        let buf = [0u8; 240];
        let base = buf.as_ptr() as *mut u8;
        let strides = [80isize, -20, 4];
        let bcast = [0isize, 0, 4];
        let src = [0u8; 20];
        let whole = |range: Option<std::ops::Range<usize>>| {
            let mut seen = Vec::new();
            let ops = [
                Operand {
                    // SAFETY: index (i, j, k) reaches 60 + 80i - 20j + 4k, within 0..240.
                    ptr: unsafe { base.add(60) },
                    strides: &strides,
                },
                Operand {
                    ptr: src.as_ptr() as *mut u8,
                    strides: &bcast,
                },
            ];
            let mut visit = |p: [*mut u8; 2], s: [isize; 2], n: usize| {
                for k in 0..n as isize {
                    seen.push((
                        p[0].wrapping_offset(s[0] * k) as usize - base as usize,
                        p[1].wrapping_offset(s[1] * k) as usize - src.as_ptr() as usize,
                    ));
                }
            };
            // SAFETY: as above; the broadcast operand reads 0..20 of `src`.
            unsafe {
                match range {
                    None => for_each_run(&[3, 4, 5], ops, &mut visit),
                    Some(r) => for_each_run_range(&[3, 4, 5], ops, r, &mut visit),
                }
            }
            seen
        };
        let all = whole(None);
        assert_eq!(all.len(), 60);
        for cuts in [
            vec![0, 60],
            vec![0, 7, 60],
            vec![0, 5, 13, 40, 59, 60],
            vec![0, 1, 2, 60],
        ] {
            let mut joined = Vec::new();
            for w in cuts.windows(2) {
                joined.extend(whole(Some(w[0]..w[1])));
            }
            assert_eq!(joined, all);
        }
        assert!(whole(Some(60..70)).is_empty());
    }
}
