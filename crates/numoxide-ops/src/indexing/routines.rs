//! The index routines built on advanced indexing: `take`, `put`, the along-axis pair,
//! `choose`, `compress`, `extract`, `place`, `putmask`, `select`, and index construction
//! (`diag_indices`, `tril/triu_indices`, `unravel_index`, `ravel_multi_index`, `ix_`).

use numoxide_core::layout::{self, Shape};
use numoxide_core::{DType, DTypeKind, Error, IndexItem, NdArray, Order, Result};

use super::{
    as_intp, bool_bytes, flatnonzero, getitem, index_values, intp_slice, move_elem, nonzero,
    norm_index, out_of_bounds, scalar_index, scatter_offsets_cycled, setitem, truth, Index, Mode,
};

// ----- take / put / along-axis / choose / compress ------------------------------------------

/// Index values normalized for `mode` against a length-`n` axis (raise mode leaves them
/// for the bounds check of the gather).
fn moded_indices(indices: &NdArray, n: usize, mode: Mode) -> Result<NdArray> {
    let idx = as_intp(indices)?;
    if mode == Mode::Raise {
        return Ok(idx);
    }
    if n == 0 {
        if idx.size() == 0 {
            return Ok(idx);
        }
        return Err(Error::index(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    let n = n as i64;
    let vals: Vec<i64> = intp_slice(&idx)
        .iter()
        .map(|&i| match mode {
            Mode::Wrap => i.rem_euclid(n),
            _ => i.clamp(0, n - 1),
        })
        .collect();
    NdArray::from_vec(vals, idx.shape())
}

/// `np.take(a, indices, axis, mode=mode)`: elements of `a` along `axis` (of the
/// flattened array when `axis` is `None`).
///
/// # Errors
/// `AxisError`; `IndexError` for out-of-range indices in raise mode.
pub fn take(a: &NdArray, indices: &NdArray, axis: Option<isize>, mode: Mode) -> Result<NdArray> {
    let (src, ax) = match axis {
        None => (a.ravel(Order::C)?, 0usize),
        // NumPy takes along a 0-d array as along a length-1 vector.
        Some(ax) if a.ndim() == 0 => (a.reshape(&[1], Order::C)?, layout::normalize_axis(ax, 1)?),
        Some(ax) => (a.clone(), layout::normalize_axis(ax, a.ndim())?),
    };
    let n = src.shape()[ax];
    let mut shape: Shape = src.shape()[..ax].into();
    shape.extend_from_slice(indices.shape());
    shape.extend_from_slice(&src.shape()[ax + 1..]);
    let result_size: usize = shape.iter().product();
    if n == 0 && result_size > 0 {
        return Err(Error::index(
            "cannot do a non-empty take from an empty axes.",
        ));
    }
    // NumPy checks indices once per outer position: none when the outer axes are empty.
    let outer: usize = src.shape()[..ax].iter().product();
    if (n == 0 && mode != Mode::Raise) || outer == 0 {
        return NdArray::zeros(&shape, src.dtype().clone(), Order::C);
    }
    let idx = moded_indices(indices, n, mode)?;
    let mut items: Vec<Index> = (0..ax)
        .map(|_| Index::Basic(IndexItem::Slice(None, None, None)))
        .collect();
    if idx.ndim() == 0 {
        let i = scalar_index(&idx)?;
        if norm_index(i as i64, n as i64).is_none() {
            return Err(out_of_bounds(i as i64, ax, n));
        }
        items.push(Index::Basic(IndexItem::Int(i)));
        let v = src.index(&basic_items(&items))?;
        return v.copy(Order::C);
    }
    items.push(Index::Array(idx));
    getitem(&src, &items)
}

fn basic_items(items: &[Index]) -> Vec<IndexItem> {
    items
        .iter()
        .filter_map(|i| match i {
            Index::Basic(b) => Some(*b),
            Index::Array(_) => None,
        })
        .collect()
}

/// A C-order 1-D view of `a` for writing, or `None` when `a` is not C-contiguous.
fn flat_target(a: &NdArray) -> Option<NdArray> {
    a.reshape_view(&[a.size()], false)
}

/// `np.put(a, indices, values, mode)`: `a.flat[indices] = values` with `values`
/// repeated cyclically.
///
/// # Errors
/// `IndexError` for out-of-range indices in raise mode or an empty `a`; `ValueError`
/// when read-only.
pub fn put(a: &NdArray, indices: &NdArray, values: &NdArray, mode: Mode) -> Result<()> {
    a.check_writeable()?;
    let n = a.size();
    if n == 0 {
        if indices.size() == 0 {
            return Ok(());
        }
        return Err(Error::index("cannot replace elements of an empty array"));
    }
    if values.size() == 0 {
        return Ok(());
    }
    let idx = moded_indices(indices, n, mode)?;
    let (flat, copied) = match flat_target(a) {
        Some(f) => (f, false),
        None => {
            let c = a.copy(Order::C)?;
            (c.reshape(&[n as isize], Order::C)?, true)
        }
    };
    let st = flat.strides().first().copied().unwrap_or(0);
    let ix = intp_slice(&idx);
    // Check every index first (a branch-free scan), then write without checks.
    let n64 = n as i64;
    if ix
        .iter()
        .fold(false, |bad, &i| bad | ((i as u64) >= n as u64))
    {
        if let Some(&i) = ix.iter().find(|&&i| norm_index(i, n64).is_none()) {
            return Err(out_of_bounds(i, 0, n));
        }
    }
    // The values in `a`'s dtype, contiguous (used in place when they already are).
    let m = values.size();
    let vals = if values.dtype() == flat.dtype()
        && values.is_c_contiguous()
        && !values.may_share_memory(&flat)
    {
        values.clone()
    } else {
        let v = NdArray::unspecified(&[m], flat.dtype().clone(), Order::C)?;
        v.assign(&values.reshape(&[m as isize], Order::C)?)?;
        v
    };
    let base = flat.data_ptr();
    let sp = vals.data_ptr() as *const u8;
    let item = flat.itemsize();
    by_size!(item, T => {
        let mut k = 0usize;
        for &i in ix {
            let j = i + ((i >> 63) & n64);
            // SAFETY: every index was checked to lie in `-n..n`, so `j` is an element
            // of the flat target; `k < m` indexes the contiguous values.
            unsafe { move_elem::<T>(sp.add(k * item), base.offset(j as isize * st)) };
            k += 1;
            if k == m {
                k = 0;
            }
        }
    });
    if copied {
        a.assign(&flat.reshape(&shape_isize(a.shape()), Order::C)?)?;
    }
    Ok(())
}

fn shape_isize(shape: &[usize]) -> Vec<isize> {
    shape.iter().map(|&d| d as isize).collect()
}

/// The fancy index of `np.take_along_axis`/`put_along_axis`: `indices` on `axis`,
/// broadcast ranges on the other axes.
fn along_axis_index(arr: &NdArray, indices: &NdArray, axis: usize) -> Result<Vec<Index>> {
    if !indices.kind().is_integer() {
        return Err(Error::index("`indices` must be an integer array"));
    }
    let nd = arr.ndim();
    (0..nd)
        .map(|d| {
            if d == axis {
                return Ok(Index::Array(indices.clone()));
            }
            let n = arr.shape()[d];
            let mut shape = vec![1usize; nd];
            shape[d] = n;
            Ok(Index::Array(NdArray::from_vec(
                (0..n as i64).collect::<Vec<i64>>(),
                &shape,
            )?))
        })
        .collect()
}

fn along_axis_args(
    arr: &NdArray,
    indices: &NdArray,
    axis: Option<isize>,
) -> Result<(NdArray, usize)> {
    match axis {
        None => {
            if indices.ndim() != 1 {
                return Err(Error::value(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            Ok((arr.ravel(Order::C)?, 0))
        }
        Some(ax) => {
            let ax = layout::normalize_axis(ax, arr.ndim())?;
            if arr.ndim() != indices.ndim() {
                return Err(Error::value(
                    "`indices` and `arr` must have the same number of dimensions",
                ));
            }
            Ok((arr.clone(), ax))
        }
    }
}

/// `np.take_along_axis(arr, indices, axis)`.
///
/// # Errors
/// NumPy's `ValueError`/`IndexError`s for mismatched dimensions and bad indices.
pub fn take_along_axis(arr: &NdArray, indices: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    let (src, ax) = along_axis_args(arr, indices, axis)?;
    let items = along_axis_index(&src, indices, ax)?;
    getitem(&src, &items)
}

/// `np.put_along_axis(arr, indices, values, axis)`.
///
/// # Errors
/// As [`take_along_axis`]; `ValueError` when read-only or `values` does not broadcast.
pub fn put_along_axis(
    arr: &NdArray,
    indices: &NdArray,
    values: &NdArray,
    axis: Option<isize>,
) -> Result<()> {
    arr.check_writeable()?;
    let (target, ax) = match axis {
        None => {
            if indices.ndim() != 1 {
                return Err(Error::value(
                    "when axis=None, `indices` must have a single dimension.",
                ));
            }
            // NumPy writes through `arr.flat`, which it cannot do for a
            // non-contiguous array.
            if !arr.is_c_contiguous() {
                return Err(Error::value("assignment destination is read-only"));
            }
            match flat_target(arr) {
                Some(f) => (f, 0),
                None => {
                    let c = arr.copy(Order::C)?.ravel(Order::C)?;
                    let items = along_axis_index(&c, indices, 0)?;
                    setitem(&c, &items, values)?;
                    return arr.assign(&c.reshape(&shape_isize(arr.shape()), Order::C)?);
                }
            }
        }
        Some(_) => along_axis_args(arr, indices, axis)?,
    };
    let items = along_axis_index(&target, indices, ax)?;
    setitem(&target, &items, values)
}

/// `np.choose(a, choices, mode)`: `out[i] = choices[a[i]][i]` over the broadcast shape;
/// the result has `dtype` (the promoted dtype of the choices).
///
/// # Errors
/// `TypeError` for a non-integer `a`; `ValueError` "invalid entry in choice array" in
/// raise mode, "0-length sequence." for no choices, or shapes that do not broadcast.
pub fn choose(a: &NdArray, choices: &[NdArray], dtype: &DType, mode: Mode) -> Result<NdArray> {
    if !(a.kind().is_integer() || a.kind() == DTypeKind::Bool) {
        return Err(Error::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            a.dtype().name()
        )));
    }
    if a.kind() == DTypeKind::UInt64 {
        return Err(Error::type_error(
            "Cannot cast array data from dtype('uint64') to dtype('int64') according to the rule 'safe'",
        ));
    }
    if choices.is_empty() {
        return Err(Error::value("0-length sequence."));
    }
    let mut shapes: Vec<&[usize]> = vec![a.shape()];
    shapes.extend(choices.iter().map(|c| c.shape()));
    let shape = layout::broadcast_shapes(&shapes)?;
    let nc = choices.len() as i64;
    let sel = index_values(&a.broadcast_to(&shape)?);
    let sel: Vec<usize> = sel
        .into_iter()
        .map(|i| match mode {
            Mode::Raise if i < 0 || i >= nc => Err(Error::value("invalid entry in choice array")),
            Mode::Raise => Ok(i as usize),
            Mode::Wrap => Ok(i.rem_euclid(nc) as usize),
            Mode::Clip => Ok(i.clamp(0, nc - 1) as usize),
        })
        .collect::<Result<_>>()?;
    let srcs: Vec<NdArray> = choices
        .iter()
        .map(|c| {
            let b = c.broadcast_to(&shape)?;
            let o = NdArray::unspecified(&shape, dtype.clone(), Order::C)?;
            o.assign(&b)?;
            Ok(o)
        })
        .collect::<Result<_>>()?;
    let out = NdArray::unspecified(&shape, dtype.clone(), Order::C)?;
    let item = out.itemsize();
    let dst = out.data_ptr();
    let ptrs: Vec<*const u8> = srcs.iter().map(|s| s.data_ptr() as *const u8).collect();
    by_size!(item, T => {
        for (k, &c) in sel.iter().enumerate() {
            if let Some(&p) = ptrs.get(c) {
                // SAFETY: every source is C-contiguous of `shape`, like `out`, and `k`
                // runs over its `sel.len()` elements.
                unsafe { move_elem::<T>(p.add(k * item), dst.add(k * item)) };
            }
        }
    });
    Ok(out)
}

/// `np.compress(condition, a, axis)`: the slices of `a` along `axis` (of the flattened
/// array when `None`) where `condition` is true.
///
/// # Errors
/// `ValueError` for a condition that is not 1-D; `IndexError` when a true entry lies
/// beyond the axis.
pub fn compress(condition: &NdArray, a: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    if condition.ndim() != 1 {
        return Err(Error::value("condition must be a 1-d array"));
    }
    let idx = nonzero(condition)?
        .pop()
        .ok_or_else(|| Error::value("condition must be a 1-d array"))?;
    take(a, &idx, axis, Mode::Raise)
}

/// `np.extract(condition, arr)`: the elements of `arr.ravel()` where
/// `condition.ravel()` is true.
///
/// # Errors
/// `IndexError` when a true entry lies beyond `arr`.
pub fn extract(condition: &NdArray, arr: &NdArray) -> Result<NdArray> {
    let idx = flatnonzero(condition)?;
    take(&arr.ravel(Order::C)?, &idx, Some(0), Mode::Raise)
}

/// Flat offsets of the elements of `a` where `mask` (same size) is true, for writing.
fn masked_flat_write(
    a: &NdArray,
    mask: &NdArray,
    what: &str,
    write: impl FnOnce(&NdArray, &[isize], &[u8]) -> Result<()>,
) -> Result<()> {
    a.check_writeable()?;
    if mask.size() != a.size() {
        return Err(Error::value(format!(
            "{what}: mask and data must be the same size"
        )));
    }
    let m = truth(&mask.ravel(Order::C)?)?;
    let bytes = bool_bytes(&m);
    let n = a.size();
    let (flat, copied) = match flat_target(a) {
        Some(f) => (f, false),
        None => (a.copy(Order::C)?.ravel(Order::C)?, true),
    };
    let st = flat.strides().first().copied().unwrap_or(0);
    let offs: Vec<isize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b != 0)
        .map(|(i, _)| i as isize * st)
        .collect();
    write(&flat, &offs, bytes)?;
    if copied && n > 0 {
        a.assign(&flat.reshape(&shape_isize(a.shape()), Order::C)?)?;
    }
    Ok(())
}

/// `np.place(arr, mask, vals)`: the masked elements take the values of `vals` in
/// order, repeated cyclically.
///
/// # Errors
/// `ValueError` for a mask of another size, or empty `vals` with a true mask entry.
pub fn place(arr: &NdArray, mask: &NdArray, vals: &NdArray) -> Result<()> {
    masked_flat_write(arr, mask, "place", |flat, offs, _| {
        if !offs.is_empty() && vals.size() == 0 {
            return Err(Error::value("Cannot insert from an empty array!"));
        }
        scatter_offsets_cycled(flat, offs, vals)
    })
}

/// `np.putmask(a, mask, values)`: `a.flat[n] = values[n % len(values)]` where
/// `mask.flat[n]` is true.
///
/// # Errors
/// `ValueError` for a mask of another size or a read-only `a`.
pub fn putmask(a: &NdArray, mask: &NdArray, values: &NdArray) -> Result<()> {
    masked_flat_write(a, mask, "putmask", |flat, offs, bytes| {
        let m = values.size();
        if m == 0 || offs.is_empty() {
            return Ok(());
        }
        let v = NdArray::unspecified(&[m], flat.dtype().clone(), Order::C)?;
        v.assign(&values.reshape(&[m as isize], Order::C)?)?;
        let st = flat.strides().first().copied().unwrap_or(1).max(1);
        let item = flat.itemsize();
        let base = flat.data_ptr();
        let sp = v.data_ptr() as *const u8;
        let _ = bytes;
        by_size!(item, T => {
            for &o in offs {
                let pos = (o / st) as usize;
                // SAFETY: `o` is the offset of element `pos` of `flat`; `pos % m`
                // indexes the `m` elements of `v`.
                unsafe { move_elem::<T>(sp.add((pos % m) * item), base.offset(o)) };
            }
        });
        Ok(())
    })
}

/// `np.select(condlist, choicelist, default)` with the result in `dtype`.
///
/// # Errors
/// NumPy's `ValueError`s (empty or mismatched lists, shapes) and `TypeError` for a
/// non-boolean condition.
pub fn select(
    conds: &[NdArray],
    choices: &[NdArray],
    default: &NdArray,
    dtype: &DType,
) -> Result<NdArray> {
    if conds.len() != choices.len() {
        return Err(Error::value(
            "list of cases must be same length as list of conditions",
        ));
    }
    if conds.is_empty() {
        return Err(Error::value(
            "select with an empty condition list is not possible",
        ));
    }
    for (i, c) in conds.iter().enumerate() {
        if c.kind() != DTypeKind::Bool {
            return Err(Error::type_error(format!(
                "invalid entry {i} in condlist: should be boolean ndarray"
            )));
        }
    }
    let mut shapes: Vec<&[usize]> = conds.iter().map(|c| c.shape()).collect();
    shapes.extend(choices.iter().map(|c| c.shape()));
    shapes.push(default.shape());
    let shape = layout::broadcast_shapes(&shapes)?;
    let out = NdArray::unspecified(&shape, dtype.clone(), Order::C)?;
    out.assign(default)?;
    for (c, v) in conds.iter().zip(choices).rev() {
        out.assign_where(v, c)?;
    }
    Ok(out)
}

// ----- index construction -----------------------------------------------------------------

fn arange_i64(n: usize) -> Result<NdArray> {
    NdArray::from_vec((0..n as i64).collect::<Vec<i64>>(), &[n])
}

/// `np.diag_indices(n, ndim)`: `ndim` copies of `arange(n)`.
///
/// # Errors
/// `MemoryError`.
pub fn diag_indices(n: usize, ndim: usize) -> Result<Vec<NdArray>> {
    (0..ndim).map(|_| arange_i64(n)).collect()
}

/// `np.diag_indices_from(arr)`.
///
/// # Errors
/// `ValueError` for fewer than 2 dimensions or unequal lengths.
pub fn diag_indices_from(arr: &NdArray) -> Result<Vec<NdArray>> {
    if arr.ndim() < 2 {
        return Err(Error::value("input array must be at least 2-d"));
    }
    let n = arr.shape()[0];
    if arr.shape().iter().any(|&d| d != n) {
        return Err(Error::value(
            "All dimensions of input must be of equal length",
        ));
    }
    diag_indices(n, arr.ndim())
}

/// `np.tril_indices(n, k, m)` (`upper = false`) or `np.triu_indices(n, k, m)`.
///
/// # Errors
/// `MemoryError`.
pub fn tri_indices(n: usize, k: i64, m: usize, upper: bool) -> Result<Vec<NdArray>> {
    let (mut rows, mut cols) = (Vec::new(), Vec::new());
    for i in 0..n as i64 {
        for j in 0..m as i64 {
            let keep = if upper { j - i >= k } else { j - i <= k };
            if keep {
                rows.push(i);
                cols.push(j);
            }
        }
    }
    let len = rows.len();
    Ok(vec![
        NdArray::from_vec(rows, &[len])?,
        NdArray::from_vec(cols, &[len])?,
    ])
}

/// `np.unravel_index(indices, shape, order)`: one int64 array per dimension, of the
/// shape of `indices`.
///
/// # Errors
/// `TypeError` for non-integer indices; `ValueError` for an index outside the size.
pub fn unravel_index(indices: &NdArray, shape: &[i64], fortran: bool) -> Result<Vec<NdArray>> {
    if !(indices.kind().is_integer() || indices.kind() == DTypeKind::Bool) {
        return Err(Error::type_error("only int indices permitted"));
    }
    let size = shape
        .iter()
        .try_fold(1i64, |acc, &d| acc.checked_mul(d))
        .ok_or_else(|| {
            Error::value(
                "dimensions are too large; arrays and shapes with a total size greater than 'intp' are not supported.",
            )
        })?;
    let held = as_intp(indices)?;
    let vals = intp_slice(&held);
    let bad = vals
        .iter()
        .fold(false, |bad, &v| bad | (v < 0) | (v >= size));
    if let Some(&v) = vals.iter().find(|&&v| bad && (v < 0 || v >= size)) {
        return Err(Error::value(format!(
            "index {v} is out of bounds for array with size {size}"
        )));
    }
    let nd = shape.len();
    let arrays = (0..nd)
        .map(|_| int64_to_fill(indices.shape()))
        .collect::<Result<Vec<_>>>()?;
    // SAFETY: the arrays were just allocated and nothing else refers to them.
    let mut outs: Vec<&mut [i64]> = arrays
        .iter()
        .map(|a| unsafe { fresh_i64(a.data_ptr(), a.size()) })
        .collect();
    // Innermost axis first: each pass leaves the quotient for the next axis in `rem`.
    let order: Vec<usize> = if fortran {
        (0..nd).collect()
    } else {
        (0..nd).rev().collect()
    };
    // Values are in [0, size) here, so `size` bounds every quotient as well.
    let exact_in_f64 = size <= 1 << 52;
    const CHUNK: usize = 2048;
    let mut rem = [0i64; CHUNK];
    for (c, src) in vals.chunks(CHUNK).enumerate() {
        let rem = &mut rem[..src.len()];
        rem.copy_from_slice(src);
        for &d in &order {
            let dst = &mut outs[d][c * CHUNK..c * CHUNK + src.len()];
            divmod_pass(rem, dst, shape[d].max(1), exact_in_f64);
        }
    }
    Ok(arrays)
}

/// A new C-ordered int64 array of `shape` whose elements the caller writes through
/// [`fresh_i64`] (an empty one is made as `zeros` makes it, with NumPy's zero strides).
fn int64_to_fill(shape: &[usize]) -> Result<NdArray> {
    let int64 = DType::new(DTypeKind::Int64);
    if layout::checked_size(shape)? == 0 {
        return NdArray::zeros(shape, int64, Order::C);
    }
    // SAFETY: callers write every element through `fresh_i64` before the array is read
    // (or drop it unread on error).
    unsafe { NdArray::uninit(shape, int64, Order::C) }
}

/// The `n` elements at `ptr` (the data of an array from [`int64_to_fill`]), to be filled.
///
/// # Safety
/// `ptr` must be the data pointer of an array from [`int64_to_fill`] holding `n`
/// elements, and nothing else may read or write them while the slice lives.
unsafe fn fresh_i64<'a>(ptr: *mut u8, n: usize) -> &'a mut [i64] {
    // SAFETY: the array is C-contiguous native int64 with `n` aligned elements from `ptr`
    // (a dangling aligned pointer when empty), and the caller guarantees this is the only
    // access to them.
    unsafe { std::slice::from_raw_parts_mut(ptr as *mut i64, n) }
}

/// `rem[i], out[i] = rem[i] / len, rem[i] % len` for non-negative `rem` and `len >= 1`.
/// With `exact_in_f64` (every value below 2^52) the quotient comes from a float multiply
/// by `1 / len`, off by at most one and then corrected, which vectorizes where an integer
/// division does not.
fn divmod_pass(rem: &mut [i64], out: &mut [i64], len: i64, exact_in_f64: bool) {
    #[cfg(target_arch = "x86_64")]
    if exact_in_f64
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
    {
        // SAFETY: AVX-512F and AVX-512DQ support were just checked.
        return unsafe { divmod_pass_avx512(rem, out, len) };
    }
    if exact_in_f64 {
        divmod_by_float(rem, out, len);
    } else {
        for (o, r) in out.iter_mut().zip(rem.iter_mut()) {
            *o = *r % len;
            *r /= len;
        }
    }
}

/// [`divmod_by_float`] with AVX-512's conversions between int64 and float64 vectors.
///
/// # Safety
/// The CPU must support AVX-512F and AVX-512DQ.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
unsafe fn divmod_pass_avx512(rem: &mut [i64], out: &mut [i64], len: i64) {
    divmod_by_float(rem, out, len)
}

/// The float-reciprocal quotient of [`divmod_pass`]: every `rem` value and `len` are below
/// 2^52, so both convert exactly and the rounded product is within one of the quotient.
#[inline(always)]
fn divmod_by_float(rem: &mut [i64], out: &mut [i64], len: i64) {
    let inv = 1.0 / len as f64;
    for (o, r) in out.iter_mut().zip(rem.iter_mut()) {
        let mut q = (*r as f64 * inv) as i64;
        let mut m = *r - q * len;
        if m < 0 {
            q -= 1;
            m += len;
        }
        if m >= len {
            q += 1;
            m -= len;
        }
        *o = m;
        *r = q;
    }
}

/// `np.ravel_multi_index(coords, dims, mode, order)`: flat indices (int64) of the
/// broadcast coordinate arrays; `modes` holds one mode per dimension.
///
/// # Errors
/// `ValueError` for a wrong number of coordinate arrays or an invalid coordinate in
/// raise mode; `TypeError` for non-integer coordinates.
pub fn ravel_multi_index(
    coords: &[NdArray],
    dims: &[usize],
    modes: &[Mode],
    fortran: bool,
) -> Result<NdArray> {
    if coords.len() != dims.len() {
        return Err(Error::value(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    for c in coords {
        if !(c.kind().is_integer() || c.kind() == DTypeKind::Bool) {
            return Err(Error::type_error("only int indices permitted"));
        }
    }
    let fits = dims.iter().try_fold(1i64, |acc, &d| {
        i64::try_from(d).ok().and_then(|d| acc.checked_mul(d))
    });
    if fits.is_none() {
        return Err(Error::value(
            "invalid dims: array size defined by dims is larger than the maximum possible size.",
        ));
    }
    let shapes: Vec<&[usize]> = coords.iter().map(|c| c.shape()).collect();
    let shape = layout::broadcast_shapes(&shapes)?;
    let nd = dims.len();
    let mut mult = vec![1i64; nd];
    let order: Vec<usize> = if fortran {
        (0..nd).collect()
    } else {
        (0..nd).rev().collect()
    };
    let mut acc = 1i64;
    for &d in &order {
        mult[d] = acc;
        acc = acc.saturating_mul(dims[d] as i64);
    }
    let result = int64_to_fill(&shape)?;
    // SAFETY: `result` was just allocated and nothing else refers to it; the first
    // coordinate's pass below writes every element.
    let out = unsafe { fresh_i64(result.data_ptr(), result.size()) };
    if coords.is_empty() {
        out.fill(0);
    }
    for (d, c) in coords.iter().enumerate() {
        // Read an int64 coordinate array of the result's shape in place; anything else as
        // one broadcast copy.
        let (held, copied);
        let vals: &[i64] = if c.shape() == shape.as_slice() {
            held = as_intp(c)?;
            intp_slice(&held)
        } else {
            copied = index_values(&c.broadcast_to(&shape)?);
            &copied
        };
        let len = dims[d] as i64;
        let step = mult[d];
        match modes.get(d).copied().unwrap_or(Mode::Raise) {
            Mode::Raise => {
                // Branch-free: accumulate, and note any coordinate outside [0, len).
                let first = d == 0;
                let bad = out.iter_mut().zip(vals).fold(false, |bad, (o, &v)| {
                    let prev = if first { 0 } else { *o };
                    *o = prev.wrapping_add(v.wrapping_mul(step));
                    bad | ((v as u64) >= len as u64)
                });
                if bad {
                    return Err(Error::value("invalid entry in coordinates array"));
                }
            }
            Mode::Wrap if len > 0 => {
                for (o, &v) in out.iter_mut().zip(vals) {
                    let prev = if d == 0 { 0 } else { *o };
                    *o = prev + v.rem_euclid(len) * step;
                }
            }
            Mode::Clip if len > 0 => {
                for (o, &v) in out.iter_mut().zip(vals) {
                    let prev = if d == 0 { 0 } else { *o };
                    *o = prev + v.clamp(0, len - 1) * step;
                }
            }
            // A zero-length dimension: wrap and clip map every coordinate to 0.
            _ if d == 0 => out.fill(0),
            _ => {}
        }
    }
    Ok(result)
}

/// `np.ix_(*args)`: each 1-D sequence reshaped to broadcast against the others
/// (boolean sequences become their nonzero indices).
///
/// # Errors
/// `ValueError` "Cross index must be 1 dimensional".
pub fn ix_(args: &[NdArray]) -> Result<Vec<NdArray>> {
    let nd = args.len();
    args.iter()
        .enumerate()
        .map(|(k, a)| {
            if a.ndim() != 1 {
                return Err(Error::value("Cross index must be 1 dimensional"));
            }
            let a = if a.kind() == DTypeKind::Bool {
                nonzero(a)?
                    .pop()
                    .ok_or_else(|| Error::value("Cross index must be 1 dimensional"))?
            } else {
                a.clone()
            };
            let mut shape = vec![1isize; nd];
            shape[k] = a.size() as isize;
            a.reshape(&shape, Order::C)
        })
        .collect()
}
