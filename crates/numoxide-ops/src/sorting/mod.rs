//! Sorting and searching (NumPy's "Sorting, searching, and counting" chapter): `sort`,
//! `argsort`, `lexsort`, `partition`, `argpartition`, `searchsorted`, `sort_complex`.
//!
//! Every sort here is stable and follows NumPy's element order (NaN last, complex
//! lexicographic with NumPy's NaN classes; see [`kernels`]). NumPy's `kind='stable'`
//! results are therefore reproduced index for index, and the unstable kinds
//! (`quicksort`, `heapsort`), whose tie order NumPy leaves unspecified, get the stable
//! answer too. 32- and 64-bit numbers are sorted with a stable MSD radix sort
//! ([`msd`]), narrower ones with counting or LSD radix sorts.

pub mod avx2;
pub mod counting;
pub mod kernels;
pub mod msd;
pub mod select16;
pub mod simd;

use numoxide_core::layout;
use numoxide_core::{dispatch, DType, DTypeKind, Error, NdArray, Order, Result};

pub use kernels::SortElem;

/// The sort algorithm a caller asked for (`kind=`). All kinds give the stable order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKind {
    /// `'quicksort'` (the default).
    Quick,
    /// `'heapsort'`.
    Heap,
    /// `'stable'` / `'mergesort'`.
    Stable,
}

/// Parse NumPy's `kind=` and `stable=` pair.
///
/// # Errors
/// `ValueError` for an unknown kind or when both are given.
pub fn sort_kind(kind: Option<&str>, stable: Option<bool>) -> Result<SortKind> {
    match (kind, stable) {
        (Some(_), Some(_)) => Err(Error::value(
            "`kind` and keyword parameters can't be provided at the same time. Use only one of them.",
        )),
        (None, Some(true)) => Ok(SortKind::Stable),
        (None, _) => Ok(SortKind::Quick),
        (Some(k), None) => match k.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('q') => Ok(SortKind::Quick),
            Some('h') => Ok(SortKind::Heap),
            Some('m') | Some('s') => Ok(SortKind::Stable),
            _ => Err(Error::value(format!(
                "sort kind must be one of 'quick', 'heap', or 'stable' (got '{k}')"
            ))),
        },
    }
}

/// Check NumPy's partition `kind=` (only `'introselect'` exists).
///
/// # Errors
/// `ValueError` for anything else.
pub fn select_kind(kind: &str) -> Result<()> {
    if kind == "introselect" {
        Ok(())
    } else {
        Err(Error::value(format!(
            "select kind must be 'introselect' (got '{kind}')"
        )))
    }
}

/// The elements of a C-contiguous, aligned, native-order array as a mutable slice.
///
/// # Safety
/// `a` must be C-contiguous, aligned and of element type `T`, and nothing else may
/// access its memory while the slice lives.
#[allow(clippy::mut_from_ref)]
unsafe fn slice_mut<T>(a: &NdArray) -> &mut [T] {
    let n = a.size();
    if n == 0 {
        return &mut [];
    }
    // SAFETY: per the contract, `n` elements of `T` lie contiguously from the data
    // pointer, aligned, with exclusive access.
    unsafe { std::slice::from_raw_parts_mut(a.data_ptr() as *mut T, n) }
}

/// The elements of a C-contiguous, aligned, native-order array as a slice.
///
/// # Safety
/// `a` must be C-contiguous, aligned and of element type `T`, and nothing may write
/// its memory while the slice lives.
unsafe fn slice_ref<T>(a: &NdArray) -> &[T] {
    let n = a.size();
    if n == 0 {
        return &[];
    }
    // SAFETY: per the contract, `n` elements of `T` lie contiguously from the data
    // pointer, aligned, and are not written meanwhile.
    unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, n) }
}

/// `a` itself when it is already C-contiguous, aligned, native and of `dtype`,
/// otherwise a converted copy.
fn contiguous_as(a: &NdArray, dtype: &DType) -> Result<NdArray> {
    if a.dtype() == dtype && a.dtype().is_native() && a.is_c_contiguous() && a.is_aligned() {
        Ok(a.clone())
    } else {
        a.astype(dtype.clone(), Order::C)
    }
}

/// Work on the rows of a new C-contiguous array holding `a` with `axis` moved last.
/// Returns the array (axis still last) and the row length.
fn rows_copy(a: &NdArray, axis: usize, dtype: DType) -> Result<(NdArray, usize)> {
    let last = a.ndim() - 1;
    let moved = if axis == last {
        a.clone()
    } else {
        a.moveaxis(&[axis as isize], &[-1])?
    };
    let c = moved.astype(dtype, Order::C)?;
    let n = c.shape()[last];
    Ok((c, n))
}

/// As [`rows_copy`] for reading only: `a` itself (no copy) when `axis` is last and
/// `a` is already C-contiguous, aligned, native and of `dtype`.
fn rows_view(a: &NdArray, axis: usize, dtype: DType) -> Result<(NdArray, usize)> {
    if axis == a.ndim() - 1 {
        let c = contiguous_as(a, &dtype)?;
        let n = c.shape()[axis];
        return Ok((c, n));
    }
    rows_copy(a, axis, dtype)
}

/// Undo [`rows_copy`]'s axis move, as a new C-contiguous array.
fn rows_back(c: NdArray, axis: usize) -> Result<NdArray> {
    let last = c.ndim() - 1;
    if axis == last {
        Ok(c)
    } else {
        c.moveaxis(&[-1], &[axis as isize])?.copy(Order::C)
    }
}

/// Resolve an `axis` argument: `None` flattens (C order).
fn axis_or_flat(a: &NdArray, axis: Option<isize>) -> Result<(NdArray, usize)> {
    match axis {
        None => Ok((a.reshape(&[-1], Order::C)?, 0)),
        Some(ax) => Ok((a.clone(), layout::normalize_axis(ax, a.ndim())?)),
    }
}

/// `np.sort(a, axis)`: a sorted copy (`axis=None` sorts the flattened array).
///
/// # Errors
/// `AxisError` (a 0-d array needs `axis=None`); `MemoryError`.
pub fn sort(a: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    sort_with(a, axis, SortKind::Stable)
}

/// Sort one lane with `kind`.
fn sort_one<T: SortElem>(row: &mut [T], kind: SortKind) {
    if kind == SortKind::Stable {
        T::sort_stable(row);
    } else {
        T::sort_unstable_np(row);
    }
}

/// Sort the rows of `data` (each of length `n`) with `kind`.
fn sort_rows<T: SortElem>(data: &mut [T], n: usize, kind: SortKind) {
    for row in data.chunks_exact_mut(n) {
        sort_one(row, kind);
    }
}

/// Sort the lanes of the C-contiguous `data` (of `shape`) along axis `ax` in place:
/// each lane is gathered into a buffer, sorted and written back (lanes next to each
/// other share cache lines, so the strided reads stay cheap).
fn sort_lanes<T: SortElem>(data: &mut [T], shape: &[usize], ax: usize, kind: SortKind) {
    let n = shape.get(ax).copied().unwrap_or(1);
    let inner: usize = shape.get(ax + 1..).map_or(1, |s| s.iter().product());
    if n < 2 || inner == 0 {
        return;
    }
    let mut buf: Vec<T> = vec![T::default(); n * LANE_BLOCK];
    for block in data.chunks_exact_mut(n * inner) {
        let mut i = 0;
        while i < inner {
            let w = LANE_BLOCK.min(inner - i);
            // Row by row, `w` neighbouring lanes at once (one cache line of each row).
            for (r, row) in block.chunks_exact(inner).enumerate() {
                for (j, &x) in row[i..i + w].iter().enumerate() {
                    buf[j * n + r] = x;
                }
            }
            for lane in buf.chunks_exact_mut(n).take(w) {
                sort_one(lane, kind);
            }
            for (r, row) in block.chunks_exact_mut(inner).enumerate() {
                for (j, d) in row[i..i + w].iter_mut().enumerate() {
                    *d = buf[j * n + r];
                }
            }
            i += w;
        }
    }
}

/// Lanes gathered, sorted and written back together by [`sort_lanes`] and
/// [`argsort_lanes`].
const LANE_BLOCK: usize = 16;

/// Fill `out` (C-contiguous, the shape of `data`) with the stable argsort of each lane
/// of the C-contiguous `data` along axis `ax`, [`LANE_BLOCK`] lanes at a time.
fn argsort_lanes<T: SortElem>(data: &[T], out: &mut [i64], shape: &[usize], ax: usize) {
    let n = shape.get(ax).copied().unwrap_or(1);
    let inner: usize = shape.get(ax + 1..).map_or(1, |s| s.iter().product());
    if n == 0 || inner == 0 {
        return;
    }
    let mut buf: Vec<T> = vec![T::default(); n * LANE_BLOCK];
    let mut ibuf: Vec<i64> = vec![0; n * LANE_BLOCK];
    for (block, oblock) in data
        .chunks_exact(n * inner)
        .zip(out.chunks_exact_mut(n * inner))
    {
        let mut i = 0;
        while i < inner {
            let w = LANE_BLOCK.min(inner - i);
            for (r, row) in block.chunks_exact(inner).enumerate() {
                for (j, &x) in row[i..i + w].iter().enumerate() {
                    buf[j * n + r] = x;
                }
            }
            for (lane, idx) in buf.chunks_exact(n).zip(ibuf.chunks_exact_mut(n)).take(w) {
                T::argsort_stable(lane, idx);
            }
            for (r, row) in oblock.chunks_exact_mut(inner).enumerate() {
                for (j, d) in row[i..i + w].iter_mut().enumerate() {
                    *d = ibuf[j * n + r];
                }
            }
            i += w;
        }
    }
}

/// `np.sort(a, axis, kind)`: a sorted copy. The unstable kinds may order equal values
/// (`-0.0` and `0.0`, NaNs with different payloads) differently from the stable sort,
/// as NumPy's do.
///
/// # Errors
/// `AxisError` (a 0-d array needs `axis=None`); `MemoryError`.
pub fn sort_with(a: &NdArray, axis: Option<isize>, kind: SortKind) -> Result<NdArray> {
    let (work, ax) = axis_or_flat(a, axis)?;
    let dtype = a.dtype().clone();
    if ax + 1 < work.ndim() {
        // Not the last axis: sort the lanes of a plain C-order copy in place (two
        // transposing copies would cost more than the sort).
        let c = work.astype(dtype.to_native(), Order::C)?;
        if c.size() > 0 {
            dispatch!(c.kind(), T => {
                // SAFETY: `c` is a fresh C-contiguous native array owned here.
                let data = unsafe { slice_mut::<T>(&c) };
                sort_lanes(data, c.shape(), ax, kind);
            });
        }
        return if dtype.is_native() {
            Ok(c)
        } else {
            c.astype(dtype, Order::C)
        };
    }
    if kind != SortKind::Stable
        && work.dtype().is_native()
        && work.is_c_contiguous()
        && work.is_aligned()
        && work.size() > 0
    {
        // Sort each row straight from `a` into the result: the copy rides on the
        // sort's first pass.
        let n = work.shape()[ax];
        // SAFETY: every row of `out` is written by `sort_unstable_into` below.
        let out = unsafe { NdArray::uninit(work.shape(), dtype.clone(), Order::C)? };
        dispatch!(work.kind(), T => {
            // SAFETY: `work` is C-contiguous, aligned, native `T` (checked above), only
            // read here.
            let src = unsafe { slice_ref::<T>(&work) };
            // SAFETY: `out` is a fresh C-contiguous array of `T` of the same size.
            let dst = unsafe { slice_mut::<T>(&out) };
            for (s, d) in src.chunks_exact(n).zip(dst.chunks_exact_mut(n)) {
                T::sort_unstable_into(s, d);
            }
        });
        return Ok(out);
    }
    let (c, n) = rows_copy(&work, ax, dtype.to_native())?;
    if n > 1 {
        dispatch!(c.kind(), T => {
            // SAFETY: `c` is a fresh C-contiguous native array owned here.
            let data = unsafe { slice_mut::<T>(&c) };
            sort_rows(data, n, kind);
        });
    }
    let r = rows_back(c, ax)?;
    if dtype.is_native() {
        Ok(r)
    } else {
        r.astype(dtype, Order::C)
    }
}

/// `ndarray.sort(axis)`: sort `a` in place along `axis`.
///
/// # Errors
/// `AxisError`; `ValueError` when `a` is read-only.
pub fn sort_inplace(a: &NdArray, axis: isize) -> Result<()> {
    sort_inplace_with(a, axis, SortKind::Stable)
}

/// `ndarray.sort(axis, kind)`: sort `a` in place along `axis` with `kind`.
///
/// # Errors
/// `AxisError`; `ValueError` when `a` is read-only.
pub fn sort_inplace_with(a: &NdArray, axis: isize, kind: SortKind) -> Result<()> {
    let ax = layout::normalize_axis(axis, a.ndim())?;
    a.check_writeable()?;
    let n = a.shape()[ax];
    if n < 2 || a.size() == 0 {
        return Ok(());
    }
    if ax == a.ndim() - 1 && a.is_c_contiguous() && a.is_aligned() && a.dtype().is_native() {
        dispatch!(a.kind(), T => {
            // SAFETY: checked C-contiguous, aligned and native just above; the caller
            // hands us the array for the duration of the call.
            let data = unsafe { slice_mut::<T>(a) };
            sort_rows(data, n, kind);
        });
        return Ok(());
    }
    let sorted = sort_with(a, Some(ax as isize), kind)?;
    a.assign(&sorted)
}

/// Fill `out` (C-contiguous int64 rows of length `n`) with the stable argsort of each
/// row of `c` (C-contiguous native rows of length `n`).
fn argsort_rows(c: &NdArray, out: &NdArray, n: usize) {
    if n == 0 {
        return;
    }
    dispatch!(c.kind(), T => {
        // SAFETY: `c` is a C-contiguous, aligned, native array of `T`, only read here.
        let data = unsafe { slice_ref::<T>(c) };
        // SAFETY: `out` is a fresh C-contiguous int64 array of the same size.
        let idx = unsafe { slice_mut::<i64>(out) };
        for (row, o) in data.chunks_exact(n).zip(idx.chunks_exact_mut(n)) {
            T::argsort_stable(row, o);
        }
    });
}

/// `np.argsort(a, axis)`: the int64 indices that sort `a` stably along `axis`.
///
/// # Errors
/// `AxisError`; `MemoryError`.
pub fn argsort(a: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    let axis = if a.ndim() == 0 { None } else { axis };
    let (work, ax) = axis_or_flat(a, axis)?;
    if ax + 1 < work.ndim() {
        // Not the last axis: argsort the lanes of a C-order copy in blocks, writing the
        // indices straight into place (no transposing copies).
        let c = contiguous_as(&work, &a.dtype().to_native())?;
        let out = NdArray::zeros(c.shape(), DType::INT64, Order::C)?;
        if c.size() > 0 {
            dispatch!(c.kind(), T => {
                // SAFETY: `c` is C-contiguous, aligned, native `T`, only read here.
                let data = unsafe { slice_ref::<T>(&c) };
                // SAFETY: `out` is a fresh C-contiguous int64 array of the same size.
                let idx = unsafe { slice_mut::<i64>(&out) };
                argsort_lanes(data, idx, c.shape(), ax);
            });
        }
        return Ok(out);
    }
    let (c, n) = rows_view(&work, ax, a.dtype().to_native())?;
    // SAFETY: `argsort_rows` writes every element (each row gets a full permutation).
    let out = unsafe { NdArray::uninit(c.shape(), DType::INT64, Order::C)? };
    argsort_rows(&c, &out, n);
    rows_back(out, ax)
}

/// The class of each value of C-contiguous `c` in NumPy's NaN-last order, or `None` for a
/// kind without NaNs: 0 for an ordinary value; for floats 1 for NaN; for complex values
/// 1 for `x + nanj`, 2 for `nan + yj`, 3 for `nan + nanj` (the order of the classes in
/// NumPy's ascending sort).
fn nan_classes(c: &NdArray) -> Option<Vec<u8>> {
    let k = c.kind();
    if k.is_float() {
        Some(
            c.to_vec::<f64>()
                .iter()
                .map(|x| u8::from(x.is_nan()))
                .collect(),
        )
    } else if k.is_complex() {
        let v = c.to_vec::<numoxide_core::element::Complex<f64>>();
        Some(
            v.iter()
                .map(|z| 2 * u8::from(z.re.is_nan()) + u8::from(z.im.is_nan()))
                .collect(),
        )
    } else {
        None
    }
}

/// `np.argsort(a, axis, descending=True)`: int64 indices that order each lane from the
/// largest value down, equal values in their original order, and NaNs last (complex
/// NaN classes in their ascending order, each class largest first), as NumPy 2.5's
/// descending comparator sorts.
///
/// The stable ascending argsort of the lane read backwards, read backwards again, puts
/// the ordinary values largest first with ties in their original order, and the NaN
/// classes before them, reversed; a stable pass by class then moves each class, order
/// kept, behind the ordinary values.
///
/// # Errors
/// `AxisError`; `MemoryError`.
pub fn argsort_descending(a: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    let axis = if a.ndim() == 0 { None } else { axis };
    let (work, ax) = axis_or_flat(a, axis)?;
    let (c, n) = rows_view(&work, ax, a.dtype().to_native())?;
    let last = c.ndim() as isize - 1;
    let backwards = crate::manipulation::flip(&c, Some(&[last]))?;
    let mut idx = argsort(&backwards, Some(last))?.to_vec::<i64>();
    let classes = nan_classes(&c);
    let mut lane = vec![0i64; n];
    for (r, row) in idx.chunks_exact_mut(n.max(1)).enumerate() {
        if n == 0 {
            break;
        }
        for (d, &j) in lane.iter_mut().zip(row.iter().rev()) {
            *d = n as i64 - 1 - j;
        }
        match &classes {
            Some(cls) => {
                let cls = &cls[r * n..(r + 1) * n];
                let mut at = 0;
                for want in 0..4u8 {
                    for &j in lane.iter().filter(|&&j| cls[j as usize] == want) {
                        row[at] = j;
                        at += 1;
                    }
                }
            }
            None => row.copy_from_slice(&lane),
        }
    }
    rows_back(NdArray::from_vec(idx, c.shape())?, ax)
}

/// `np.sort(a, axis, descending=True)`: the values in the order of
/// [`argsort_descending`].
///
/// # Errors
/// `AxisError`; `MemoryError`.
pub fn sort_descending(a: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    let (work, ax) = axis_or_flat(a, axis)?;
    let order = argsort_descending(&work, Some(ax as isize))?;
    crate::indexing::take_along_axis(&work, &order, Some(ax as isize))?.copy(Order::C)
}

/// Normalize partition indices for rows of length `n`: sorted, deduplicated, in bounds.
///
/// # Errors
/// `ValueError` "kth(=k) out of bounds (n)".
fn kth_positions(kth: &[isize], n: usize) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(kth.len());
    for &k in kth {
        let k2 = if k < 0 { k + n as isize } else { k };
        if k2 < 0 || k2 >= n as isize {
            return Err(Error::value(format!("kth(={k2}) out of bounds ({n})")));
        }
        out.push(k2 as usize);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// `np.partition(a, kth, axis)`: a copy in which each `kth` position holds the value a
/// full sort would put there, with no larger value before it and no smaller after.
///
/// # Errors
/// `AxisError`; `ValueError` for `kth` out of bounds.
pub fn partition(a: &NdArray, kth: &[isize], axis: Option<isize>) -> Result<NdArray> {
    let (work, ax) = axis_or_flat(a, axis)?;
    let dtype = a.dtype().clone();
    let (c, n) = rows_copy(&work, ax, dtype.to_native())?;
    if c.size() > 0 {
        let ks = kth_positions(kth, n)?;
        dispatch!(c.kind(), T => {
            // SAFETY: `c` is a fresh C-contiguous native array owned here.
            let data = unsafe { slice_mut::<T>(&c) };
            for row in data.chunks_exact_mut(n) {
                kernels::select_kth(row, &ks);
            }
        });
    }
    let r = rows_back(c, ax)?;
    if dtype.is_native() {
        Ok(r)
    } else {
        r.astype(dtype, Order::C)
    }
}

/// `ndarray.partition(kth, axis)`: partition `a` in place.
///
/// # Errors
/// As [`partition`]; `ValueError` when `a` is read-only.
pub fn partition_inplace(a: &NdArray, kth: &[isize], axis: isize) -> Result<()> {
    layout::normalize_axis(axis, a.ndim())?;
    a.check_writeable()?;
    let r = partition(a, kth, Some(axis))?;
    a.assign(&r)
}

/// `np.argpartition(a, kth, axis)`: int64 indices that partition `a` along `axis`.
///
/// # Errors
/// As [`partition`].
pub fn argpartition(a: &NdArray, kth: &[isize], axis: Option<isize>) -> Result<NdArray> {
    let axis = if a.ndim() == 0 { None } else { axis };
    let (work, ax) = axis_or_flat(a, axis)?;
    let (c, n) = rows_view(&work, ax, a.dtype().to_native())?;
    if c.size() == 0 {
        return rows_back(NdArray::zeros(c.shape(), DType::INT64, Order::C)?, ax);
    }
    let ks = kth_positions(kth, n)?;
    // SAFETY: `arg_select_kth` fills every row of `out` with a permutation.
    let out = unsafe { NdArray::uninit(c.shape(), DType::INT64, Order::C)? };
    dispatch!(c.kind(), T => {
        // SAFETY: `c` is a C-contiguous, aligned, native array of `T`, only read here.
        let data = unsafe { slice_ref::<T>(&c) };
        // SAFETY: `out` is a fresh C-contiguous int64 array of the same size.
        let idx = unsafe { slice_mut::<i64>(&out) };
        for (row, o) in data.chunks_exact(n).zip(idx.chunks_exact_mut(n)) {
            kernels::arg_select_kth(row, o, &ks);
        }
    });
    rows_back(out, ax)
}

/// `np.lexsort(keys, axis)`: indices that sort by the last key, then the one before,
/// and so on (a stable sort per key, least significant first).
///
/// # Errors
/// `TypeError` for no keys, `ValueError` "all keys need to be the same shape",
/// `AxisError`.
pub fn lexsort(keys: &[NdArray], axis: isize) -> Result<NdArray> {
    let Some(first) = keys.first() else {
        return Err(Error::type_error(
            "need sequence of keys with len > 0 in lexsort",
        ));
    };
    let shape = first.shape().to_vec();
    if keys.iter().any(|k| k.shape() != shape.as_slice()) {
        return Err(Error::value("all keys need to be the same shape"));
    }
    if shape.is_empty() {
        return NdArray::zeros(&[], DType::INT64, Order::C);
    }
    let ax = layout::normalize_axis(axis, shape.len())?;
    let (idx_arr, n) = rows_copy(first, ax, DType::INT64)?;
    // SAFETY: `idx_arr` is a fresh C-contiguous int64 array owned here.
    let idx = unsafe { slice_mut::<i64>(&idx_arr) };
    if n > 0 {
        for row in idx.chunks_exact_mut(n) {
            for (i, x) in row.iter_mut().enumerate() {
                *x = i as i64;
            }
        }
        let mut order = vec![0i64; n];
        for key in keys {
            let (c, _) = rows_copy(key, ax, key.dtype().to_native())?;
            dispatch!(c.kind(), T => {
                // SAFETY: `c` is a fresh C-contiguous native array owned here.
                let data = unsafe { slice_mut::<T>(&c) };
                let mut gathered: Vec<T> = Vec::with_capacity(n);
                for (row, perm) in data.chunks_exact(n).zip(idx.chunks_exact_mut(n)) {
                    gathered.clear();
                    // `perm` holds a permutation of 0..n.
                    gathered.extend(perm.iter().map(|&i| row[i as usize]));
                    T::argsort_stable(&gathered, &mut order);
                    let prev = perm.to_vec();
                    for (p, &o) in perm.iter_mut().zip(&order) {
                        *p = prev[o as usize];
                    }
                }
            });
        }
    }
    rows_back(idx_arr, ax)
}

/// `np.searchsorted(a, v, side, sorter)`: for each value of `v`, the index in the 1-D
/// sorted `a` where it would be inserted (before equal values, or after them when
/// `right`). `a` and `v` are compared in their promoted dtype.
///
/// # Errors
/// `ValueError` when `a` is not 1-D, or the sorter has the wrong size or an index out
/// of range.
pub fn searchsorted(
    a: &NdArray,
    v: &NdArray,
    right: bool,
    sorter: Option<&NdArray>,
) -> Result<NdArray> {
    match a.ndim() {
        0 => return Err(Error::value("object of too small depth for desired array")),
        1 => {}
        _ => return Err(Error::value("object too deep for desired array")),
    }
    let common = DType::new(numoxide_core::cast::promote_kinds(a.kind(), v.kind()));
    let ac = contiguous_as(a, &common)?;
    let ac = match sorter {
        None => ac,
        Some(s) => {
            if s.ndim() != 1 {
                return Err(Error::type_error("could not parse sorter argument"));
            }
            if s.size() != a.size() {
                return Err(Error::value("sorter.size must equal a.size"));
            }
            let perm: Vec<i64> = s.to_vec::<i64>();
            let n = a.size();
            if perm.iter().any(|&i| i < 0 || i as usize >= n) {
                return Err(Error::value("Sorter index out of range."));
            }
            let out = NdArray::zeros(&[n], common.clone(), Order::C)?;
            dispatch!(common.kind(), T => {
                // SAFETY: `ac` is C-contiguous, aligned, native `T` (contiguous_as) and
                // only read here.
                let src = unsafe { slice_ref::<T>(&ac) };
                // SAFETY: as above.
                let dst = unsafe { slice_mut::<T>(&out) };
                for (d, &i) in dst.iter_mut().zip(&perm) {
                    // Checked in range above.
                    *d = src[i as usize];
                }
            });
            out
        }
    };
    let vc = contiguous_as(v, &common)?;
    let out = NdArray::zeros(v.shape(), DType::INT64, Order::C)?;
    dispatch!(common.kind(), T => {
        // SAFETY: C-contiguous, aligned, native `T` (contiguous_as), only read here.
        let hay = unsafe { slice_ref::<T>(&ac) };
        // SAFETY: as above.
        let needles = unsafe { slice_ref::<T>(&vc) };
        // SAFETY: as above.
        let res = unsafe { slice_mut::<i64>(&out) };
        T::search_many(hay, needles, res, right);
    });
    Ok(out)
}

/// `np.sort_complex(a)`: sort along the last axis and return complex values (complex64
/// for int8/uint8/int16/uint16, complex input keeps its dtype, complex128 otherwise).
///
/// # Errors
/// `AxisError` for a 0-d array.
pub fn sort_complex(a: &NdArray) -> Result<NdArray> {
    // NumPy sorts a copy with the default (unstable) kind.
    let s = sort_with(a, Some(-1), SortKind::Quick)?;
    let kind = match a.kind() {
        DTypeKind::Int8 | DTypeKind::UInt8 | DTypeKind::Int16 | DTypeKind::UInt16 => {
            DTypeKind::Complex64
        }
        k if k.is_complex() => return Ok(s),
        _ => DTypeKind::Complex128,
    };
    s.astype(DType::new(kind), Order::C)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_along_axes_and_flat() {
        let a = NdArray::from_vec(vec![3i64, 1, 2, 9, 8, 7], &[2, 3]).expect("array");
        assert_eq!(
            sort(&a, Some(-1)).expect("sort").to_vec::<i64>(),
            [1, 2, 3, 7, 8, 9]
        );
        assert_eq!(
            sort(&a, Some(0)).expect("sort").to_vec::<i64>(),
            [3, 1, 2, 9, 8, 7]
        );
        assert_eq!(
            sort(&a, None).expect("sort").to_vec::<i64>(),
            [1, 2, 3, 7, 8, 9]
        );
        assert_eq!(
            argsort(&a, Some(1)).expect("argsort").to_vec::<i64>(),
            [1, 2, 0, 2, 1, 0]
        );
        let z = NdArray::from_vec(vec![5i64], &[]).expect("array");
        assert!(sort(&z, Some(-1)).is_err());
        assert_eq!(argsort(&z, Some(-1)).expect("argsort").shape(), &[1]);
    }

    #[test]
    fn lexsort_and_searchsorted() {
        let k0 = NdArray::from_vec(vec![1i64, 2, 3, 4], &[4]).expect("array");
        let k1 = NdArray::from_vec(vec![1.0f64, 0.0, 1.0, 0.0], &[4]).expect("array");
        let r = lexsort(&[k0, k1], -1).expect("lexsort");
        assert_eq!(r.to_vec::<i64>(), [1, 3, 0, 2]);
        let a = NdArray::from_vec(vec![1i64, 2, 2, 3], &[4]).expect("array");
        let v = NdArray::from_vec(vec![2.0f64, 0.5, 9.0], &[3]).expect("array");
        assert_eq!(
            searchsorted(&a, &v, false, None)
                .expect("ss")
                .to_vec::<i64>(),
            [1, 0, 4]
        );
        assert_eq!(
            searchsorted(&a, &v, true, None)
                .expect("ss")
                .to_vec::<i64>(),
            [3, 0, 4]
        );
    }

    #[test]
    fn partition_places_kth() {
        let a = NdArray::from_vec(vec![9i32, 1, 8, 2, 7, 3], &[6]).expect("array");
        let p = partition(&a, &[-2], None)
            .expect("partition")
            .to_vec::<i32>();
        assert_eq!(p[4], 8);
        assert!(p[..4].iter().all(|&x| x <= 8) && p[5] >= 8);
        assert!(partition(&a, &[6], None).is_err());
    }
}
