//! Array manipulation (NumPy's "Array manipulation routines" chapter): joining
//! (`concatenate`, `stack` and the `*stack` helpers), splitting (`array_split`, `split`
//! and friends, as views), tiling and repeating, flipping and rotating (views),
//! `roll`, `pad` (every mode but the callable one, which lives in the binding),
//! `insert`, `delete`, `resize`, `trim_zeros`, `atleast_nd`, `unstack` and `copyto`.
//!
//! Every bulk copy goes through [`NdArray::assign`] (the strided engine, with its
//! contiguous `memcpy` fast path): joining assigns each input into a slice of the
//! output, tiling and repeating assign a broadcast view.

use std::borrow::Borrow;

use numoxide_core::cast::{can_cast, promote_types, Casting};
use numoxide_core::layout::{self, shape_text};
use numoxide_core::{buffer, cast};
use numoxide_core::{
    DType, DTypeKind, Error, ErrorKind, IndexItem, NdArray, Order, Result, Scalar,
};

use crate::reductions::{self, Notes, ReduceArgs};
use crate::ufunc::{CallOptions, Input, Weak};

// ----- small view helpers ------------------------------------------------------------

/// A view of `a` restricted to `start..start+len` (stepping by `step`) along `axis`.
///
/// # Errors
/// `ValueError` when the range leaves the array (a bug in the caller).
pub fn slice_axis(
    a: &NdArray,
    axis: usize,
    start: usize,
    len: usize,
    step: isize,
) -> Result<NdArray> {
    let mut shape = a.shape().to_vec();
    let mut strides = a.strides().to_vec();
    let offset = if len == 0 || a.size() == 0 {
        a.offset()
    } else {
        (a.offset() as isize + start as isize * strides[axis]) as usize
    };
    shape[axis] = len;
    strides[axis] *= step;
    a.view_with(offset, &shape, &strides, a.dtype().clone())
}

/// Python's `slice(start, stop).indices(n)` followed by the length, for step 1.
fn py_range(start: isize, stop: isize, n: usize) -> (usize, usize) {
    let n = n as isize;
    let clamp = |v: isize| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let (s, e) = (clamp(start), clamp(stop));
    (s as usize, (e - s).max(0) as usize)
}

/// The C- or F-order a new array joining `arrays` takes: F when every input of two or
/// more dimensions is F-contiguous and not C-contiguous, as NumPy's stride ordering gives.
fn join_order<A: Borrow<NdArray>>(arrays: &[A]) -> Order {
    let f = arrays
        .iter()
        .map(Borrow::borrow)
        .all(|a: &NdArray| a.ndim() > 1 && a.is_f_contiguous() && !a.is_c_contiguous());
    if f && !arrays.is_empty() {
        Order::F
    } else {
        Order::C
    }
}

fn cast_error(from: &DType, to: &DType, casting: Casting) -> Error {
    Error::type_error(format!(
        "Cannot cast array data from dtype({}) to dtype({}) according to the rule '{}'",
        from.repr_inner(),
        to.repr_inner(),
        casting.name()
    ))
}

/// NumPy's result dtype of joining `arrays`: all of them promoted together.
pub fn join_dtype<A: Borrow<NdArray>>(arrays: &[A]) -> Option<DType> {
    let first = arrays.first()?.borrow().dtype().clone();
    let mut same = true;
    let mut d = first.clone();
    for a in arrays.iter().skip(1).map(Borrow::borrow) {
        if a.dtype() != &first {
            same = false;
        }
        if &d != a.dtype() {
            d = promote_types(&d, a.dtype());
        }
    }
    if same {
        d = first.to_native();
    }
    Some(d)
}

/// The elements of `a` in C order as `i64` (cast as `astype` does): one engine pass,
/// then a plain copy out.
///
/// # Errors
/// `MemoryError`.
pub fn i64_values(a: &NdArray) -> Result<Vec<i64>> {
    let c = if a.kind() == DTypeKind::Int64
        && a.dtype().is_native()
        && a.is_c_contiguous()
        && a.is_aligned()
    {
        a.clone()
    } else {
        a.astype(DType::INT64, Order::C)?
    };
    let n = c.size();
    if n == 0 {
        return Ok(Vec::new());
    }
    // SAFETY: `c` is a native, C-contiguous int64 array of `n` elements (64-byte-aligned
    // buffer, element-aligned offset), so its data is `n` valid `i64`s.
    Ok(unsafe { std::slice::from_raw_parts(c.data_ptr() as *const i64, n) }.to_vec())
}

// ----- joining -------------------------------------------------------------------------

/// The output shape of concatenating `arrays` along `axis` (None: flattened).
fn concat_shape<A: Borrow<NdArray>>(
    arrays: &[A],
    axis: Option<isize>,
) -> Result<(Vec<usize>, Option<usize>)> {
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to concatenate"))?
        .borrow();
    let Some(axis) = axis else {
        let n = arrays.iter().map(|a| a.borrow().size()).sum();
        return Ok((vec![n], None));
    };
    if first.ndim() == 0 {
        return Err(Error::value(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let nd = first.ndim();
    let ax = layout::normalize_axis(axis, nd)?;
    let mut shape = first.shape().to_vec();
    for (i, a) in arrays.iter().map(Borrow::borrow).enumerate().skip(1) {
        if a.ndim() != nd {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for d in 0..nd {
            if d != ax && a.shape()[d] != shape[d] {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    shape[d],
                    a.shape()[d]
                )));
            }
        }
        shape[ax] += a.shape()[ax];
    }
    Ok((shape, Some(ax)))
}

/// Copy `arrays` one after the other along `axis` of `out` (already of the joined shape).
/// `fresh` marks an output allocated here, which no input can overlap.
fn concat_fill<A: Borrow<NdArray>>(
    arrays: &[A],
    ax: Option<usize>,
    out: &NdArray,
    fresh: bool,
) -> Result<()> {
    // In a fresh C-ordered output whose joining axis has only length-1 axes before it
    // (always so when flattening), each input of the output's dtype that is itself
    // C-contiguous fills one contiguous byte range: copy it as one block.
    let blocks = fresh
        && out.is_c_contiguous()
        && ax.is_none_or(|ax| out.shape()[..ax].iter().all(|&d| d == 1));
    let slab = match ax {
        Some(ax) => out.shape()[ax + 1..].iter().product::<usize>() * out.itemsize(),
        None => out.itemsize(),
    };
    let total = out.nbytes();
    let mut pos = 0usize;
    for a in arrays.iter().map(Borrow::borrow) {
        let n = match ax {
            Some(ax) => a.shape()[ax],
            None => a.size(),
        };
        if n == 0 {
            continue;
        }
        let (start, bytes) = (pos * slab, n * slab);
        if blocks && a.dtype() == out.dtype() && start + bytes <= total && a.is_c_contiguous() {
            // SAFETY: `a` is C-contiguous with the output's dtype and (all but the
            // joining axis matching) `n * slab` bytes, which start at its data pointer;
            // the destination range lies inside the C-contiguous `out` (checked above),
            // a fresh allocation that cannot overlap `a`.
            unsafe {
                let (src, dst) = (a.data_ptr(), out.data_ptr().add(start));
                if total >= buffer::STREAM_MIN {
                    buffer::copy_streaming(src, dst, bytes);
                } else {
                    std::ptr::copy_nonoverlapping(src, dst, bytes);
                }
            };
        } else if blocks
            && total >= buffer::STREAM_MIN
            && start + bytes <= total
            && a.is_c_contiguous()
        {
            // A large block of another dtype: cast it in pieces that stay in L1 and
            // stream each piece out, as the same-dtype blocks above are.
            // SAFETY: as above, `a`'s `bytes / itemsize` elements are contiguous at its
            // data pointer and the destination range lies inside the fresh `out`.
            unsafe {
                cast_streaming(
                    a,
                    out.dtype(),
                    out.data_ptr().add(start),
                    bytes / out.itemsize(),
                )
            };
        } else {
            match ax {
                Some(ax) => slice_axis(out, ax, pos, n, 1)?.assign(a)?,
                None => {
                    let seg = slice_axis(out, 0, pos, n, 1)?;
                    let dst = seg.reshape_view(a.shape(), false).ok_or_else(|| {
                        Error::value("internal: a 1-D segment must reshape as a view")
                    })?;
                    dst.assign(a)?;
                }
            }
        }
        pos += n;
    }
    Ok(())
}

/// Cast the `n` contiguous elements of `a` to `to` at `dst`, one L1-sized piece at a
/// time, each streamed out with non-temporal stores.
///
/// # Safety
/// `a` must be C-contiguous with `n` elements, and `dst` valid for `n` elements of `to`,
/// not overlapping `a`.
unsafe fn cast_streaming(a: &NdArray, to: &DType, dst: *mut u8, n: usize) {
    const PIECE: usize = 1024;
    let kernel = cast::cast_fn(a.kind(), to.kind());
    let (swap_in, swap_out) = (!a.dtype().is_native(), !to.is_native());
    let (si, di) = (a.itemsize(), to.itemsize());
    // 16 bytes is the widest element (complex128); u128 keeps the piece aligned for it.
    let mut piece = [0u128; PIECE];
    let per = PIECE * 16 / di;
    let mut k = 0;
    while k < n {
        let m = per.min(n - k);
        // SAFETY: elements `k..k + m` of `a` are contiguous at its data pointer; the
        // piece holds `per >= m` destination elements; `dst` holds `n` of them (the
        // caller's contract).
        unsafe {
            let tmp = piece.as_mut_ptr() as *mut u8;
            kernel(
                a.data_ptr().add(k * si),
                si as isize,
                tmp,
                di as isize,
                m,
                swap_in,
                swap_out,
            );
            buffer::copy_streaming_unfenced(tmp, dst.add(k * di), m * di);
        }
        k += m;
    }
    buffer::streaming_fence();
}

/// Every input must cast to `dtype` under `casting` (an input of that dtype always does).
fn check_casts<A: Borrow<NdArray>>(arrays: &[A], dtype: &DType, casting: Casting) -> Result<()> {
    for a in arrays.iter().map(Borrow::borrow) {
        if a.dtype() != dtype && !can_cast(a.dtype(), dtype, casting) {
            return Err(cast_error(a.dtype(), dtype, casting));
        }
    }
    Ok(())
}

/// `np.concatenate(arrays, axis, dtype=, casting=)`: join arrays along an existing axis
/// (`axis=None` flattens them first). The result dtype is the promotion of the inputs'
/// dtypes, or `dtype`; every input must cast to it under `casting`. The inputs are
/// arrays or references to them.
///
/// # Errors
/// NumPy's `ValueError`s for no arrays, 0-d arrays and mismatched shapes; `AxisError`;
/// `TypeError` when an input cannot be cast under `casting`.
pub fn concatenate<A: Borrow<NdArray>>(
    arrays: &[A],
    axis: Option<isize>,
    dtype: Option<&DType>,
    casting: Casting,
) -> Result<NdArray> {
    let (shape, ax) = concat_shape(arrays, axis)?;
    let dtype = match dtype {
        Some(d) => d.clone(),
        None => join_dtype(arrays).unwrap_or(DType::FLOAT64),
    };
    check_casts(arrays, &dtype, casting)?;
    let order = if ax.is_some() {
        join_order(arrays)
    } else {
        Order::C
    };
    // SAFETY: `concat_fill` writes every element: the inputs' extents along the axis sum
    // to the output's.
    let out = unsafe { NdArray::uninit(&shape, dtype, order)? };
    concat_fill(arrays, ax, &out, true)?;
    Ok(out)
}

/// One level of `np.block`'s nested lists: a block (already reshaped to the result's
/// number of dimensions) or a list of levels joined along one axis.
pub enum Block {
    /// An array.
    Leaf(NdArray),
    /// Parts joined along the axis `-(depth of the list nesting below)`.
    List(Vec<Block>),
}

/// Shape of a block level, with every leaf and its offset in that level; None when the
/// parts do not line up (the concatenation path then reports NumPy's error).
fn block_layout(b: &Block, depth: usize, list_nd: usize) -> Option<BlockLayout<'_>> {
    match b {
        Block::Leaf(a) => Some((a.shape().to_vec(), vec![(vec![0; a.ndim()], a)])),
        Block::List(parts) => {
            let mut shape: Option<Vec<usize>> = None;
            let mut leaves = Vec::new();
            let mut at = 0usize;
            for p in parts {
                let (pshape, pleaves) = block_layout(p, depth + 1, list_nd)?;
                let ax = pshape.len().checked_sub(list_nd - depth)?;
                match &mut shape {
                    None => shape = Some(pshape.clone()),
                    Some(s) => {
                        if s.len() != pshape.len()
                            || s.iter()
                                .zip(&pshape)
                                .enumerate()
                                .any(|(d, (x, y))| d != ax && x != y)
                        {
                            return None;
                        }
                        s[ax] += pshape[ax];
                    }
                }
                for (mut off, a) in pleaves {
                    off[ax] += at;
                    leaves.push((off, a));
                }
                at += pshape[ax];
            }
            Some((shape?, leaves))
        }
    }
}

type BlockLayout<'a> = (Vec<usize>, Vec<(Vec<usize>, &'a NdArray)>);

fn block_concat(b: &Block, depth: usize, list_nd: usize) -> Result<NdArray> {
    match b {
        Block::Leaf(a) => Ok(a.clone()),
        Block::List(parts) => {
            let arrays = parts
                .iter()
                .map(|p| block_concat(p, depth + 1, list_nd))
                .collect::<Result<Vec<_>>>()?;
            let axis = -((list_nd - depth) as isize);
            concatenate(&arrays, Some(axis), None, Casting::SameKind)
        }
    }
}

/// `np.block`: the result allocated once and every block copied into its place (as
/// NumPy's slicing strategy does); `list_nd` is the depth of the list nesting.
///
/// # Errors
/// NumPy's concatenation errors when the blocks do not line up.
pub fn block(b: &Block, list_nd: usize) -> Result<NdArray> {
    let Some((shape, leaves)) = block_layout(b, 0, list_nd) else {
        return block_concat(b, 0, list_nd);
    };
    let arrays: Vec<&NdArray> = leaves.iter().map(|(_, a)| *a).collect();
    let dtype = join_dtype(&arrays).unwrap_or(DType::FLOAT64);
    if check_casts(&arrays, &dtype, Casting::SameKind).is_err() {
        return block_concat(b, 0, list_nd);
    }
    let order = join_order(&arrays);
    // SAFETY: the blocks tile the result exactly (their extents along each joined axis
    // sum to the result's, the other extents agree), and each is copied in below.
    let out = unsafe { NdArray::uninit(&shape, dtype, order)? };
    for (off, a) in &leaves {
        let items: Vec<IndexItem> = off
            .iter()
            .zip(a.shape())
            .map(|(&o, &n)| IndexItem::Slice(Some(o as isize), Some((o + n) as isize), None))
            .collect();
        out.index(&items)?.assign(a)?;
    }
    Ok(out)
}

/// `np.concatenate(arrays, axis, out=out, casting=)`: join into an existing array.
///
/// # Errors
/// As [`concatenate`], plus `ValueError` when `out` has the wrong shape.
pub fn concatenate_into<A: Borrow<NdArray>>(
    arrays: &[A],
    axis: Option<isize>,
    out: &NdArray,
    casting: Casting,
) -> Result<()> {
    let (shape, ax) = concat_shape(arrays, axis)?;
    if out.ndim() != shape.len() {
        return Err(Error::value("Output array has wrong dimensionality"));
    }
    if out.shape() != shape.as_slice() {
        return Err(Error::value("Output array is the wrong shape"));
    }
    check_casts(arrays, out.dtype(), casting)?;
    out.check_writeable()?;
    concat_fill(arrays, ax, out, false)
}

/// The inputs of `stack` each given a new length-1 axis at `axis`.
fn stack_inputs<A: Borrow<NdArray>>(arrays: &[A], axis: isize) -> Result<Vec<NdArray>> {
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to stack"))?
        .borrow();
    if arrays.iter().any(|a| a.borrow().shape() != first.shape()) {
        return Err(Error::value("all input arrays must have the same shape"));
    }
    let ax = layout::normalize_axis(axis, first.ndim() + 1)? as isize;
    arrays
        .iter()
        .map(|a| a.borrow().expand_dims(&[ax]))
        .collect()
}

/// `np.stack(arrays, axis, dtype=, casting=)`: join arrays of one shape along a new axis.
///
/// # Errors
/// `ValueError` for no arrays or different shapes, `AxisError`, casting `TypeError`.
pub fn stack<A: Borrow<NdArray>>(
    arrays: &[A],
    axis: isize,
    dtype: Option<&DType>,
    casting: Casting,
) -> Result<NdArray> {
    let expanded = stack_inputs(arrays, axis)?;
    let ax = layout::normalize_axis(axis, expanded[0].ndim())? as isize;
    concatenate(&expanded, Some(ax), dtype, casting)
}

/// `np.stack(arrays, axis, out=out, casting=)`.
///
/// # Errors
/// As [`stack`] and [`concatenate_into`].
pub fn stack_into<A: Borrow<NdArray>>(
    arrays: &[A],
    axis: isize,
    out: &NdArray,
    casting: Casting,
) -> Result<()> {
    let expanded = stack_inputs(arrays, axis)?;
    let ax = layout::normalize_axis(axis, expanded[0].ndim())? as isize;
    concatenate_into(&expanded, Some(ax), out, casting)
}

/// `np.atleast_1d` of one array (a view).
pub fn atleast_1d(a: &NdArray) -> NdArray {
    if a.ndim() == 0 {
        a.reshape_view(&[1], false).unwrap_or_else(|| a.clone())
    } else {
        a.clone()
    }
}

/// `np.atleast_2d` of one array (a view): `(n,)` becomes `(1, n)`.
pub fn atleast_2d(a: &NdArray) -> NdArray {
    let shape: Vec<usize> = match a.ndim() {
        0 => vec![1, 1],
        1 => vec![1, a.shape()[0]],
        _ => return a.clone(),
    };
    a.reshape_view(&shape, false).unwrap_or_else(|| a.clone())
}

/// `np.atleast_3d` of one array (a view): `(n,)` becomes `(1, n, 1)`, `(m, n)` becomes
/// `(m, n, 1)`.
pub fn atleast_3d(a: &NdArray) -> NdArray {
    let s = a.shape();
    let shape: Vec<usize> = match a.ndim() {
        0 => vec![1, 1, 1],
        1 => vec![1, s[0], 1],
        2 => vec![s[0], s[1], 1],
        _ => return a.clone(),
    };
    a.reshape_view(&shape, false).unwrap_or_else(|| a.clone())
}

/// `np.hstack`: concatenate along axis 1 (axis 0 for 1-D inputs).
///
/// # Errors
/// As [`concatenate`].
pub fn hstack(arrays: &[NdArray], dtype: Option<&DType>, casting: Casting) -> Result<NdArray> {
    let arrs: Vec<NdArray> = arrays.iter().map(atleast_1d).collect();
    let axis = if arrs.first().is_some_and(|a| a.ndim() == 1) {
        0
    } else {
        1
    };
    concatenate(&arrs, Some(axis), dtype, casting)
}

/// `np.vstack`: concatenate the inputs made at least 2-D along axis 0.
///
/// # Errors
/// As [`concatenate`].
pub fn vstack(arrays: &[NdArray], dtype: Option<&DType>, casting: Casting) -> Result<NdArray> {
    let arrs: Vec<NdArray> = arrays.iter().map(atleast_2d).collect();
    concatenate(&arrs, Some(0), dtype, casting)
}

/// `np.dstack`: concatenate the inputs made at least 3-D along axis 2.
///
/// # Errors
/// As [`concatenate`].
pub fn dstack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrs: Vec<NdArray> = arrays.iter().map(atleast_3d).collect();
    concatenate(&arrs, Some(2), None, Casting::SameKind)
}

/// `np.column_stack`: 1-D inputs become columns, then concatenate along axis 1.
///
/// # Errors
/// As [`concatenate`].
pub fn column_stack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrs: Vec<NdArray> = arrays
        .iter()
        .map(|a| {
            if a.ndim() < 2 {
                atleast_2d(a).transpose(None)
            } else {
                Ok(a.clone())
            }
        })
        .collect::<Result<_>>()?;
    concatenate(&arrs, Some(1), None, Casting::SameKind)
}

// ----- splitting -----------------------------------------------------------------------

/// How `array_split`/`split` divide an axis.
#[derive(Clone, Debug)]
pub enum Sections {
    /// This many (nearly) equal parts.
    Count(i64),
    /// Split before each of these indices (Python slice semantics).
    Indices(Vec<isize>),
}

/// `np.array_split(a, sections, axis)`: views of `a`, the first `n % count` parts one
/// element longer when the count does not divide the axis.
///
/// # Errors
/// `ValueError` "number sections must be larger than 0.", `IndexError` for an axis out
/// of range (NumPy reads `a.shape[axis]`).
pub fn array_split(a: &NdArray, sections: &Sections, axis: isize) -> Result<Vec<NdArray>> {
    let nd = a.ndim() as isize;
    if axis < -nd || axis >= nd {
        return Err(Error::index("tuple index out of range"));
    }
    let ax = if axis < 0 { axis + nd } else { axis } as usize;
    let n = a.shape()[ax];
    let points: Vec<isize> = match sections {
        Sections::Count(k) => {
            if *k <= 0 {
                return Err(Error::value("number sections must be larger than 0."));
            }
            let k = *k as usize;
            let (each, extra) = (n / k, n % k);
            let mut pts = vec![0isize];
            let mut at = 0usize;
            for i in 0..k {
                at += each + usize::from(i < extra);
                pts.push(at as isize);
            }
            pts
        }
        Sections::Indices(idx) => {
            let mut pts = vec![0isize];
            pts.extend_from_slice(idx);
            pts.push(n as isize);
            pts
        }
    };
    points
        .windows(2)
        .map(|w| {
            let (start, len) = py_range(w[0], w[1], n);
            slice_axis(a, ax, start, len, 1)
        })
        .collect()
}

/// `np.split(a, sections, axis)`: as [`array_split`] but a count must divide the axis.
///
/// # Errors
/// `ValueError` "array split does not result in an equal division", `ZeroDivisionError`
/// for a count of 0 (as NumPy's `N % 0`), and the errors of [`array_split`].
pub fn split(a: &NdArray, sections: &Sections, axis: isize) -> Result<Vec<NdArray>> {
    if let Sections::Count(k) = sections {
        let nd = a.ndim() as isize;
        if axis < -nd || axis >= nd {
            return Err(Error::index("tuple index out of range"));
        }
        let ax = if axis < 0 { axis + nd } else { axis } as usize;
        let n = a.shape()[ax] as i64;
        if *k == 0 {
            return Err(Error::new(
                ErrorKind::ZeroDivision,
                "integer modulo by zero",
            ));
        }
        if n.rem_euclid(*k) != 0 {
            return Err(Error::value(
                "array split does not result in an equal division",
            ));
        }
    }
    array_split(a, sections, axis)
}

/// `np.unstack(a, axis)`: the views `a[..., i, ...]` along `axis`.
///
/// # Errors
/// `ValueError` for a 0-d input, `AxisError`.
pub fn unstack(a: &NdArray, axis: isize) -> Result<Vec<NdArray>> {
    if a.ndim() == 0 {
        return Err(Error::value("Input array must be at least 1-d."));
    }
    let ax = layout::normalize_axis(axis, a.ndim())?;
    let moved = a.moveaxis(&[ax as isize], &[0])?;
    (0..a.shape()[ax])
        .map(|i| {
            let s = slice_axis(&moved, 0, i, 1, 1)?;
            s.squeeze(Some(&[0]))
        })
        .collect()
}

// ----- flipping and rotating ---------------------------------------------------------------

/// `np.flip(a, axis)`: a view with the given axes (all when `None`) reversed.
///
/// # Errors
/// `AxisError`, `ValueError` "repeated axis".
pub fn flip(a: &NdArray, axes: Option<&[isize]>) -> Result<NdArray> {
    let axes: Vec<usize> = match axes {
        None => (0..a.ndim()).collect(),
        Some(ax) => layout::normalize_axes(ax, a.ndim())?.to_vec(),
    };
    let mut offset = a.offset() as isize;
    let mut strides = a.strides().to_vec();
    if a.size() > 0 {
        for &ax in &axes {
            offset += (a.shape()[ax] as isize - 1) * strides[ax];
        }
    }
    for &ax in &axes {
        strides[ax] = -strides[ax];
    }
    a.view_with(offset as usize, a.shape(), &strides, a.dtype().clone())
}

/// `np.rot90(a, k, axes)`: rotate by 90 degrees `k` times in the plane of `axes` (a view).
///
/// # Errors
/// NumPy's `ValueError`s for bad axes.
pub fn rot90(a: &NdArray, k: i64, axes: &[isize]) -> Result<NdArray> {
    if axes.len() != 2 {
        return Err(Error::value("len(axes) must be 2."));
    }
    let nd = a.ndim() as isize;
    let (a0, a1) = (axes[0], axes[1]);
    if a0 == a1 || (a0 - a1).abs() == nd {
        return Err(Error::value("Axes must be different."));
    }
    if a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd {
        return Err(Error::value(format!(
            "Axes=({a0}, {a1}) out of range for array of ndim={nd}."
        )));
    }
    let k = k.rem_euclid(4);
    if k == 0 {
        return a.view_with(a.offset(), a.shape(), a.strides(), a.dtype().clone());
    }
    if k == 2 {
        return flip(&flip(a, Some(&[a0]))?, Some(&[a1]));
    }
    let n0 = layout::normalize_axis(a0, a.ndim())?;
    let n1 = layout::normalize_axis(a1, a.ndim())?;
    let mut perm: Vec<isize> = (0..nd).collect();
    perm.swap(n0, n1);
    if k == 1 {
        flip(a, Some(&[a1]))?.transpose(Some(&perm))
    } else {
        flip(&a.transpose(Some(&perm))?, Some(&[a1]))
    }
}

// ----- roll, tile, repeat ----------------------------------------------------------------

/// `np.roll(a, shift, axis)`: elements shifted cyclically along the axes (shifts on the
/// same axis add up); `axes=None` rolls the flattened array. Always a new array.
///
/// # Errors
/// `AxisError`; `ValueError` when `shifts` and `axes` do not broadcast.
pub fn roll(a: &NdArray, shifts: &[i64], axes: Option<&[isize]>) -> Result<NdArray> {
    let Some(axes) = axes else {
        let flat = a.ravel(Order::C)?;
        let r = roll(&flat, shifts, Some(&[0]))?;
        return r.reshape(
            &a.shape().iter().map(|&d| d as isize).collect::<Vec<_>>(),
            Order::C,
        );
    };
    let (ns, na) = (shifts.len(), axes.len());
    if ns != na && ns != 1 && na != 1 {
        return Err(Error::value(format!(
            "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ({ns},) and arg 1 with shape ({na},)."
        )));
    }
    // Broadcast the two lists: a length-1 side repeats (an empty list broadcasts to none).
    let count = if ns == 1 { na } else { ns };
    let mut total = vec![0i64; a.ndim()];
    for i in 0..count {
        let ax = layout::normalize_axis(axes[if na == 1 { 0 } else { i }], a.ndim())?;
        total[ax] = total[ax].wrapping_add(shifts[if ns == 1 { 0 } else { i }]);
    }
    let out = if a.is_c_contiguous() {
        // SAFETY: the pieces assigned below cover every element.
        unsafe { NdArray::uninit(a.shape(), a.dtype().clone(), Order::C)? }
    } else {
        a.empty_like(a.dtype().clone(), Order::K)?
    };
    // Per axis, the (source start, destination start, length) pieces.
    let mut pieces: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(a.ndim());
    for (ax, &sh) in total.iter().enumerate() {
        let n = a.shape()[ax];
        let off = if n == 0 {
            0
        } else {
            sh.rem_euclid(n as i64) as usize
        };
        if off == 0 {
            pieces.push(vec![(0, 0, n)]);
        } else {
            pieces.push(vec![(0, off, n - off), (n - off, 0, off)]);
        }
    }
    let mut combo = vec![0usize; a.ndim()];
    loop {
        let mut src = a.clone();
        let mut dst = out.clone();
        for (ax, &c) in combo.iter().enumerate() {
            let (s0, d0, len) = pieces[ax][c];
            src = slice_axis(&src, ax, s0, len, 1)?;
            dst = slice_axis(&dst, ax, d0, len, 1)?;
        }
        dst.assign(&src)?;
        // Next combination.
        let mut d = a.ndim();
        loop {
            if d == 0 {
                return Ok(out);
            }
            d -= 1;
            combo[d] += 1;
            if combo[d] < pieces[d].len() {
                break;
            }
            combo[d] = 0;
        }
    }
}

/// `np.tile(a, reps)`: `a` repeated `reps[i]` times along each axis (the shorter of the
/// two padded with leading ones). One broadcast copy through the strided engine.
///
/// # Errors
/// `ValueError` for negative repetitions.
pub fn tile(a: &NdArray, reps: &[i64]) -> Result<NdArray> {
    if reps.iter().any(|&r| r < 0) {
        return Err(Error::value("negative dimensions are not allowed"));
    }
    let d = reps.len().max(a.ndim());
    let mut shape = vec![1usize; d - a.ndim()];
    shape.extend_from_slice(a.shape());
    let c = a.reshape_view(&shape, false).map_or_else(
        || a.copy(Order::C)?.reshape(&to_isize(&shape), Order::C),
        Ok,
    )?;
    let mut r = vec![1usize; d - reps.len()];
    r.extend(reps.iter().map(|&x| x as usize));
    let mut inter = Vec::with_capacity(2 * d);
    let mut src_shape = Vec::with_capacity(2 * d);
    let mut src_strides = Vec::with_capacity(2 * d);
    for i in 0..d {
        inter.push(r[i]);
        inter.push(shape[i]);
        src_shape.push(1);
        src_shape.push(shape[i]);
        src_strides.push(0);
        src_strides.push(c.strides()[i]);
    }
    let final_shape: Vec<usize> = (0..d).map(|i| r[i] * shape[i]).collect();
    // SAFETY: the broadcast assignment below writes every element of `out`.
    let out = unsafe { NdArray::uninit(&inter, a.dtype().clone(), Order::C)? };
    if out.size() > 0 {
        let src = c.view_with(c.offset(), &src_shape, &src_strides, c.dtype().clone())?;
        out.assign(&src)?;
    }
    out.reshape(&to_isize(&final_shape), Order::C)
}

fn to_isize(s: &[usize]) -> Vec<isize> {
    s.iter().map(|&d| d as isize).collect()
}

/// [`repeat`] with the counts given as an integer array (read in place when it is native
/// contiguous int64, else cast as `astype` does).
///
/// # Errors
/// As [`repeat`].
pub fn repeat_array(a: &NdArray, repeats: &NdArray, axis: Option<isize>) -> Result<NdArray> {
    let c = if repeats.kind() == DTypeKind::Int64
        && repeats.dtype().is_native()
        && repeats.is_c_contiguous()
        && repeats.is_aligned()
    {
        repeats.clone()
    } else {
        repeats.astype(DType::INT64, Order::C)?
    };
    let n = c.size();
    if n == 0 {
        return repeat(a, &[], axis);
    }
    // SAFETY: `c` is a native, C-contiguous, aligned int64 array of `n` elements, kept
    // alive (and unwritten: it is ours or a fresh copy) for the whole call.
    let counts = unsafe { std::slice::from_raw_parts(c.data_ptr() as *const i64, n) };
    repeat(a, counts, axis)
}

/// `np.repeat(a, repeats, axis)`: each element (each slice along `axis`; of the flattened
/// array when `None`) repeated `repeats` times — one count for all, or one per element.
///
/// # Errors
/// `ValueError` for negative counts or a count list that does not broadcast, `AxisError`.
pub fn repeat(a: &NdArray, repeats: &[i64], axis: Option<isize>) -> Result<NdArray> {
    let (src, ax) = match axis {
        None => (a.ravel(Order::C)?, 0usize),
        Some(ax) => {
            let nd = a.ndim().max(1);
            let ax = layout::normalize_axis(ax, nd)?;
            (
                if a.ndim() == 0 {
                    atleast_1d(a)
                } else {
                    a.clone()
                },
                ax,
            )
        }
    };
    // Any negative count sets the sign bit of the OR of all (a vectorized pass).
    let or = repeats.iter().fold(0i64, |acc, &r| acc | r);
    if or < 0 {
        return Err(Error::value("repeats may not contain negative values."));
    }
    let n = src.shape()[ax];
    let given = repeats.len();
    let first = repeats.first().copied().unwrap_or(0);
    let inner: usize = src.shape()[ax + 1..].iter().product();
    if given == 1 && inner * src.itemsize() < 64 {
        return repeat_uniform(&src, ax, first as usize);
    }
    if given != 1 && given != n {
        return Err(Error::value(format!(
            "operands could not be broadcast together with shape ({n},) ({given},)"
        )));
    }
    if given != 1 && inner * src.itemsize() < 64 {
        // Counts below 2^32 over fewer than 2^31 slices cannot overflow the sum.
        let total = if or < 1 << 32 && n < 1 << 31 {
            repeats.iter().sum::<i64>() as usize
        } else {
            repeats
                .iter()
                .try_fold(0usize, |t, &r| t.checked_add(r as usize))
                .ok_or_else(|| Error::value("array is too big"))?
        };
        return repeat_each(&src, ax, repeats, total);
    }
    let mut out_shape = src.shape().to_vec();
    if given == 1 && inner * src.itemsize() >= 64 {
        let r = first as usize;
        out_shape[ax] = n * r;
        // SAFETY: the broadcast assignment writes every element.
        let out = unsafe { NdArray::uninit(&out_shape, a.dtype().clone(), Order::C)? };
        if out.size() == 0 {
            return Ok(out);
        }
        // View the output as (..., n, r, ...) and broadcast the input over the r axis.
        let mut split = src.shape().to_vec();
        split.insert(ax + 1, r);
        let dst = out
            .reshape_view(&split, false)
            .ok_or_else(|| Error::value("internal: contiguous output must reshape"))?;
        let from = src.expand_dims(&[(ax + 1) as isize])?;
        dst.assign(&from)?;
        return Ok(out);
    }
    let picks: Vec<(usize, usize, usize)> = if given == 1 {
        (0..n).map(|i| (i, 1, first as usize)).collect()
    } else {
        repeats
            .iter()
            .enumerate()
            .filter(|&(_, &r)| r > 0)
            .map(|(i, &r)| (i, 1, r as usize))
            .collect()
    };
    gather_blocks(&src, ax, &picks, Order::C)
}

/// `repeat` with one count for all, for slices of fewer than 64 bytes: each slice of the
/// (C-contiguous) source written `r` times in a typed loop.
fn repeat_uniform(src: &NdArray, ax: usize, r: usize) -> Result<NdArray> {
    let src = if src.is_c_contiguous() {
        src.clone()
    } else {
        src.copy(Order::C)?
    };
    let mut shape = src.shape().to_vec();
    shape[ax] *= r;
    // SAFETY: every slice of the output is written below.
    let out = unsafe { NdArray::uninit(&shape, src.dtype().clone(), Order::C)? };
    let chunk = src.shape()[ax + 1..].iter().product::<usize>() * src.itemsize();
    let count = src.nbytes() / chunk.max(1);
    if out.size() == 0 || chunk == 0 {
        return Ok(out);
    }
    macro_rules! typed {
        ($t:ty) => {{
            // SAFETY: `src` is C-contiguous with `count` elements of `$t` (one per slice,
            // as the chunk is exactly one `$t`), `out` is a distinct fresh C-contiguous
            // array of `count * r` of them, and 64-byte-aligned buffers with element-sized
            // strides keep both aligned for `$t`.
            let (from, to) = unsafe {
                (
                    std::slice::from_raw_parts(src.data_ptr() as *const $t, count),
                    std::slice::from_raw_parts_mut(out.data_ptr() as *mut $t, count * r),
                )
            };
            for (dst, &v) in to.chunks_exact_mut(r).zip(from) {
                dst.fill(v);
            }
        }};
    }
    let aligned = (src.data_ptr() as usize) % chunk.min(16) == 0;
    match chunk {
        1 => typed!(u8),
        2 if aligned => typed!(u16),
        4 if aligned => typed!(u32),
        8 if aligned => typed!(u64),
        16 if aligned => typed!(u128),
        _ => {
            let (sp, dp) = (src.data_ptr() as *const u8, out.data_ptr());
            // SAFETY: as above, with `count` slices of `chunk` bytes in the source and
            // `count * r` in the output.
            unsafe {
                for i in 0..count {
                    let from = sp.add(i * chunk);
                    for k in 0..r {
                        std::ptr::copy_nonoverlapping(from, dp.add((i * r + k) * chunk), chunk);
                    }
                }
            }
        }
    }
    Ok(out)
}

/// `repeat` with one count per slice along `ax`, for slices of fewer than 64 bytes: a
/// typed loop over the (C-contiguous) source writing each slice `counts[i]` times.
fn repeat_each(src: &NdArray, ax: usize, counts: &[i64], total: usize) -> Result<NdArray> {
    let src = if src.is_c_contiguous() {
        src.clone()
    } else {
        src.copy(Order::C)?
    };
    let n = src.shape()[ax];
    if counts.len() != n {
        return Err(Error::value("internal: one count per slice"));
    }
    let mut shape = src.shape().to_vec();
    shape[ax] = total;
    layout::checked_size(&shape)?;
    // SAFETY: every slice of the output is written below (the counts sum to its length).
    let out = unsafe { NdArray::uninit(&shape, src.dtype().clone(), Order::C)? };
    let chunk = src.shape()[ax + 1..].iter().product::<usize>() * src.itemsize();
    if out.size() == 0 || chunk == 0 {
        return Ok(out);
    }
    let outer: usize = src.shape()[..ax].iter().product();
    macro_rules! typed {
        ($t:ty) => {{
            // SAFETY: `src` holds `outer * n` elements of `$t` (the chunk is one `$t`) and
            // `out` — distinct and fresh — `outer * total`; both are aligned for `$t`.
            let (from, to) = unsafe {
                (
                    std::slice::from_raw_parts(src.data_ptr() as *const $t, outer * n),
                    std::slice::from_raw_parts_mut(out.data_ptr() as *mut $t, outer * total),
                )
            };
            let len = to.len();
            let base = to.as_mut_ptr();
            let mut pos = 0usize;
            for block in from.chunks_exact(n) {
                let mut k = 0usize;
                // Small counts: four unconditional writes (the ones past `pos + c` are
                // overwritten by the following elements, whose copies fill every slot up
                // to `len`), while four slots remain.
                while k < n && pos + 4 <= len {
                    let (v, c) = (block[k], counts[k] as usize);
                    if c <= 4 {
                        // SAFETY: `pos + 4 <= len == to.len()`.
                        unsafe {
                            let p = base.add(pos);
                            p.write(v);
                            p.add(1).write(v);
                            p.add(2).write(v);
                            p.add(3).write(v);
                        }
                    } else {
                        to[pos..pos + c].fill(v);
                    }
                    pos += c;
                    k += 1;
                }
                for (&v, &c) in block[k..].iter().zip(&counts[k..]) {
                    let c = c as usize;
                    to[pos..pos + c].fill(v);
                    pos += c;
                }
            }
        }};
    }
    let aligned = (src.data_ptr() as usize) % chunk.min(16) == 0;
    match chunk {
        1 => typed!(u8),
        2 if aligned => typed!(u16),
        4 if aligned => typed!(u32),
        8 if aligned => typed!(u64),
        16 if aligned => typed!(u128),
        _ => {
            let picks: Vec<(usize, usize, usize)> = counts
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c > 0)
                .map(|(i, &c)| (i, 1, c as usize))
                .collect();
            return gather_blocks(&src, ax, &picks, Order::C);
        }
    }
    Ok(out)
}

/// Build a new array from blocks of `src` along `ax`: each pick `(start, len, times)`
/// copies the slices `start..start + len` of the axis `times` times, one pick after the
/// other. The typed-copy kernel behind `repeat` and `delete`: the source is made
/// C-contiguous once, so every slice of one index is a run of `chunk` bytes.
///
/// # Errors
/// `MemoryError`.
pub fn gather_blocks(
    src: &NdArray,
    ax: usize,
    picks: &[(usize, usize, usize)],
    order: Order,
) -> Result<NdArray> {
    let src = if src.is_c_contiguous() {
        src.clone()
    } else {
        src.copy(Order::C)?
    };
    let mut shape = src.shape().to_vec();
    let n = shape[ax];
    shape[ax] = picks.iter().map(|&(_, len, times)| len * times).sum();
    if picks.iter().any(|&(start, len, _)| start + len > n) {
        return Err(Error::value("internal: gather pick outside the axis"));
    }
    // SAFETY: the picks fill every slice of each output block below.
    let out = unsafe { NdArray::uninit(&shape, src.dtype().clone(), Order::C)? };
    let chunk: usize = src.shape()[ax + 1..].iter().product::<usize>() * src.itemsize();
    let outer: usize = src.shape()[..ax].iter().product();
    if out.size() > 0 {
        let total = shape[ax];
        let (sp, dp) = (src.data_ptr() as *const u8, out.data_ptr());
        // SAFETY: `src` and `out` are distinct, C-contiguous arrays: block `o` of `src` spans
        // `n * chunk` bytes from `sp + o * n * chunk`, block `o` of `out` spans `total * chunk`
        // bytes, every pick lies inside `0..n` (checked above) and the picks' copies fill
        // exactly `total` slices of the output block.
        unsafe {
            for o in 0..outer {
                let sblock = sp.add(o * n * chunk);
                let mut d = dp.add(o * total * chunk);
                for &(start, len, times) in picks {
                    let bytes = len * chunk;
                    let from = sblock.add(start * chunk);
                    if bytes == 8 {
                        let v = (from as *const u64).read_unaligned();
                        for _ in 0..times {
                            (d as *mut u64).write_unaligned(v);
                            d = d.add(8);
                        }
                    } else if bytes == 4 {
                        let v = (from as *const u32).read_unaligned();
                        for _ in 0..times {
                            (d as *mut u32).write_unaligned(v);
                            d = d.add(4);
                        }
                    } else {
                        for _ in 0..times {
                            std::ptr::copy_nonoverlapping(from, d, bytes);
                            d = d.add(bytes);
                        }
                    }
                }
            }
        }
    }
    if order == Order::F && out.ndim() > 1 {
        return out.copy(Order::F);
    }
    Ok(out)
}

// ----- insert, delete, resize, trim ------------------------------------------------------

/// What `np.delete` removes.
#[derive(Clone, Debug)]
pub enum DeleteObj {
    /// One index (negative counts from the end).
    Index(i64),
    /// A slice `(start, stop, step)` as Python's `slice.indices` would resolve it.
    Slice(Option<isize>, Option<isize>, Option<isize>),
    /// A list of indices.
    Indices(Vec<i64>),
    /// A boolean mask over the axis.
    Mask(Vec<bool>),
}

/// The array and axis `insert`/`delete` work on: the flattened array for `axis=None`.
fn flat_or_axis(a: &NdArray, axis: Option<isize>) -> Result<(NdArray, usize)> {
    match axis {
        None => {
            let flat = if a.ndim() == 1 {
                a.clone()
            } else {
                a.ravel(Order::C)?
            };
            Ok((flat, 0))
        }
        Some(ax) => Ok((a.clone(), layout::normalize_axis(ax, a.ndim())?)),
    }
}

/// The order NumPy gives the results of `insert`/`delete`: F for an F-only input.
fn fnc_order(a: &NdArray) -> Order {
    if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    }
}

/// Python's `slice(start, stop, step).indices(n)` as the list of indices it selects.
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    n: usize,
) -> Result<Vec<usize>> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let n = n as isize;
    let fix = |v: Option<isize>, dflt: isize| -> isize {
        match v {
            None => dflt,
            Some(v) if v < 0 => {
                let v = v + n;
                if v < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    v
                }
            }
            Some(v) => {
                if v >= n {
                    if step < 0 {
                        n - 1
                    } else {
                        n
                    }
                } else {
                    v
                }
            }
        }
    };
    let (s, e) = if step > 0 {
        (fix(start, 0), fix(stop, n))
    } else {
        (fix(start, n - 1), fix(stop, -1))
    };
    let mut out = Vec::new();
    let mut i = s;
    while (step > 0 && i < e) || (step < 0 && i > e) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `np.delete(a, obj, axis)`: a new array without the selected slices along `axis`
/// (of the flattened array when `None`).
///
/// # Errors
/// NumPy's `IndexError` for an index out of bounds, `ValueError` for a mask of the wrong
/// length, `AxisError`.
pub fn delete(a: &NdArray, obj: &DeleteObj, axis: Option<isize>) -> Result<NdArray> {
    let order = fnc_order(a);
    let (src, ax) = flat_or_axis(a, axis)?;
    let n = src.shape()[ax];
    let mut keep = vec![true; n];
    let oob = |i: i64| {
        Error::index(format!(
            "index {i} is out of bounds for axis {ax} with size {n}"
        ))
    };
    match obj {
        DeleteObj::Index(i) => {
            let j = if *i < 0 { *i + n as i64 } else { *i };
            if j < 0 || j >= n as i64 {
                return Err(oob(*i));
            }
            keep[j as usize] = false;
        }
        DeleteObj::Slice(s, e, st) => {
            for j in slice_indices(*s, *e, *st, n)? {
                keep[j] = false;
            }
        }
        DeleteObj::Indices(idx) => {
            for &i in idx {
                let j = if i < 0 { i + n as i64 } else { i };
                if j < 0 || j >= n as i64 {
                    return Err(oob(i));
                }
                keep[j as usize] = false;
            }
        }
        DeleteObj::Mask(m) => {
            if m.len() != n {
                return Err(Error::value(format!(
                    "boolean array argument obj to delete must be one dimensional and match the axis length of {n}"
                )));
            }
            for (k, &d) in keep.iter_mut().zip(m) {
                *k = !d;
            }
        }
    }
    let mut picks = Vec::new();
    let mut i = 0usize;
    while i < n {
        if !keep[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && keep[i] {
            i += 1;
        }
        picks.push((start, i - start, 1));
    }
    gather_blocks(&src, ax, &picks, order)
}

/// Where `np.insert` puts the values.
#[derive(Clone, Debug)]
pub enum InsertObj {
    /// One scalar index: the values' first axis becomes the inserted slices.
    Scalar(i64),
    /// A sequence of indices (a one-element sequence inserts the values as a block).
    Indices(Vec<i64>),
}

/// `np.insert(a, obj, values, axis)`: a new array with `values` (cast to `a`'s dtype)
/// inserted before the given indices along `axis` (of the flattened array when `None`).
///
/// # Errors
/// NumPy's `IndexError` for indices out of bounds, broadcasting `ValueError`s, `AxisError`.
pub fn insert(
    a: &NdArray,
    obj: &InsertObj,
    values: &NdArray,
    axis: Option<isize>,
) -> Result<NdArray> {
    let order = fnc_order(a);
    let (src, ax) = flat_or_axis(a, axis)?;
    let nd = src.ndim();
    let n = src.shape()[ax];
    let oob = |text: String| {
        Error::index(format!(
            "index {text} is out of bounds for axis {ax} with size {n}"
        ))
    };
    let single = match obj {
        InsertObj::Scalar(i) => Some((*i, true, i.to_string())),
        InsertObj::Indices(v) if v.len() == 1 => Some((v[0], false, format!("[{}]", v[0]))),
        InsertObj::Indices(_) => None,
    };
    if let Some((i, scalar, text)) = single {
        if i < -(n as i64) || i > n as i64 {
            return Err(oob(text));
        }
        let index = if i < 0 { i + n as i64 } else { i } as usize;
        // values = array(values, ndmin=a.ndim, dtype=a.dtype), its first axis moved to
        // `axis` for a scalar index.
        let mut vshape = vec![1usize; nd.saturating_sub(values.ndim())];
        vshape.extend_from_slice(values.shape());
        let mut v = values
            .reshape_view(&vshape, false)
            .map_or_else(|| values.reshape(&to_isize(&vshape), Order::C), Ok)?;
        if scalar && v.ndim() > 0 {
            v = v.moveaxis(&[0], &[ax as isize])?;
        }
        let numnew = if v.ndim() > ax { v.shape()[ax] } else { 1 };
        let mut shape = src.shape().to_vec();
        shape[ax] += numnew;
        // SAFETY: the three assignments below cover the axis.
        let out = unsafe { NdArray::uninit(&shape, a.dtype().clone(), order)? };
        slice_axis(&out, ax, 0, index, 1)?.assign(&slice_axis(&src, ax, 0, index, 1)?)?;
        let mid = slice_axis(&out, ax, index, numnew, 1)?;
        assign_broadcast(&mid, &v)?;
        slice_axis(&out, ax, index + numnew, n - index, 1)?.assign(&slice_axis(
            &src,
            ax,
            index,
            n - index,
            1,
        )?)?;
        return Ok(out);
    }
    let InsertObj::Indices(idx) = obj else {
        return Err(Error::value("internal: insert index kind"));
    };
    let numnew = idx.len();
    let mut ind: Vec<i64> = Vec::with_capacity(numnew);
    for &i in idx {
        if i < -(n as i64) || i > n as i64 {
            return Err(oob(i.to_string()));
        }
        ind.push(if i < 0 { i + n as i64 } else { i });
    }
    // Stable order of the indices; the k-th smallest moves right by k.
    let mut order_idx: Vec<usize> = (0..numnew).collect();
    order_idx.sort_by_key(|&k| ind[k]);
    let mut pos = vec![0usize; numnew];
    for (rank, &k) in order_idx.iter().enumerate() {
        pos[k] = ind[k] as usize + rank;
    }
    let total = n + numnew;
    let mut shape = src.shape().to_vec();
    shape[ax] = total;
    // SAFETY: the inserted slices and the runs of the original between them cover the axis.
    let out = unsafe { NdArray::uninit(&shape, a.dtype().clone(), order)? };
    // The values broadcast to (..., numnew, ...) and are written slice by slice.
    let mut vshape = shape.clone();
    vshape[ax] = numnew;
    let vb = broadcast_values(values, &vshape)?;
    let mut taken = vec![false; total];
    for (k, &p) in pos.iter().enumerate() {
        taken[p] = true;
        slice_axis(&out, ax, p, 1, 1)?.assign(&slice_axis(&vb, ax, k, 1, 1)?)?;
    }
    let mut j = 0usize;
    let mut p = 0usize;
    while p < total {
        if taken[p] {
            p += 1;
            continue;
        }
        let start = p;
        while p < total && !taken[p] {
            p += 1;
        }
        let len = p - start;
        slice_axis(&out, ax, start, len, 1)?.assign(&slice_axis(&src, ax, j, len, 1)?)?;
        j += len;
    }
    Ok(out)
}

/// `values` broadcast to `shape` with NumPy's assignment error text.
fn broadcast_values(values: &NdArray, shape: &[usize]) -> Result<NdArray> {
    values.broadcast_to(shape).map_err(|_| {
        Error::value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            shape_text(values.shape()),
            shape_text(shape)
        ))
    })
}

/// `dst[...] = v` where NumPy's setitem drops leading length-1 axes of `v` first.
fn assign_broadcast(dst: &NdArray, v: &NdArray) -> Result<()> {
    let mut v = v.clone();
    while v.ndim() > dst.ndim() && v.shape()[0] == 1 {
        v = v.squeeze(Some(&[0]))?;
    }
    dst.assign(&v)
}

/// `np.resize(a, shape)`: a new array of `shape` filled with `a`'s elements (C order),
/// repeated cyclically; zeros when `a` is empty.
///
/// # Errors
/// `ValueError` "all elements of `new_shape` must be non-negative".
pub fn resize(a: &NdArray, shape: &[i64]) -> Result<NdArray> {
    if shape.iter().any(|&d| d < 0) {
        return Err(Error::value(
            "all elements of `new_shape` must be non-negative",
        ));
    }
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    let flat = a.ravel(Order::C)?;
    let total = layout::checked_size(&shape)?;
    if flat.size() == 0 || total == 0 {
        return NdArray::zeros(&shape, a.dtype().clone(), Order::C);
    }
    // SAFETY: the loop below writes all `total` elements.
    let out = unsafe { NdArray::uninit(&[total], a.dtype().clone(), Order::C)? };
    let m = flat.size();
    let mut pos = 0;
    while pos < total {
        let len = m.min(total - pos);
        slice_axis(&out, 0, pos, len, 1)?.assign(&slice_axis(&flat, 0, 0, len, 1)?)?;
        pos += len;
    }
    out.reshape(&to_isize(&shape), Order::C)
}

/// `ndarray.resize(shape)` on the data of `a`: a new contiguous array of `shape` whose
/// first elements (in memory order) are `a`'s and the rest zeros; C order unless `a` is
/// only F-contiguous, as NumPy keeps the memory and its order.
///
/// # Errors
/// `ValueError` "resize only works on single-segment arrays" for a non-contiguous `a`.
pub fn resize_data(a: &NdArray, shape: &[usize]) -> Result<NdArray> {
    if !a.is_c_contiguous() && !a.is_f_contiguous() {
        return Err(Error::value("resize only works on single-segment arrays"));
    }
    let total = layout::checked_size(shape)?;
    let out = NdArray::zeros(&[total], a.dtype().clone(), Order::C)?;
    let flat = a.ravel(Order::K)?;
    let keep = flat.size().min(total);
    if keep > 0 {
        slice_axis(&out, 0, 0, keep, 1)?.assign(&slice_axis(&flat, 0, 0, keep, 1)?)?;
    }
    // The data stays in memory order, seen in the array's own order (F for F-only).
    let fortran = a.is_f_contiguous() && !a.is_c_contiguous();
    out.reshape(&to_isize(shape), if fortran { Order::F } else { Order::C })
}

/// The bounding box `(start, stop)` per axis of the nonzero elements of `a`, or `None`
/// when every element is zero (the core of `np.trim_zeros`).
pub fn nonzero_bounds(a: &NdArray) -> Result<Option<Vec<(usize, usize)>>> {
    if a.ndim() == 1 {
        return nonzero_bounds_1d(a);
    }
    let truth = reductions::truthy(a)?;
    let vals = truth.to_vec::<bool>();
    let nd = a.ndim();
    let shape = a.shape();
    let mut lo = vec![usize::MAX; nd];
    let mut hi = vec![0usize; nd];
    let mut any = false;
    let mut idx = vec![0usize; nd];
    for &v in &vals {
        if v {
            any = true;
            for d in 0..nd {
                lo[d] = lo[d].min(idx[d]);
                hi[d] = hi[d].max(idx[d] + 1);
            }
        }
        for d in (0..nd).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(any.then(|| lo.into_iter().zip(hi).collect()))
}

/// [`nonzero_bounds`] of a 1-D array: chunks from the front until the first nonzero and
/// from the back until the last, so `trim_zeros` reads only the zeros it trims (and the
/// whole array once at most when everything is zero).
fn nonzero_bounds_1d(a: &NdArray) -> Result<Option<Vec<(usize, usize)>>> {
    const CHUNK: usize = 4096;
    let n = a.shape()[0];
    let truth = |start: usize, len: usize| -> Result<Vec<bool>> {
        Ok(reductions::truthy(&slice_axis(a, 0, start, len, 1)?)?.to_vec::<bool>())
    };
    let mut first = None;
    let mut start = 0;
    while start < n {
        let len = CHUNK.min(n - start);
        if let Some(p) = truth(start, len)?.iter().position(|&t| t) {
            first = Some(start + p);
            break;
        }
        start += len;
    }
    let Some(first) = first else {
        return Ok(None);
    };
    // A nonzero exists at `first`, so the backward scan stops at or before it.
    let mut end = n;
    while end > first {
        let begin = end.saturating_sub(CHUNK).max(first);
        if let Some(p) = truth(begin, end - begin)?.iter().rposition(|&t| t) {
            return Ok(Some(vec![(first, begin + p + 1)]));
        }
        end = begin;
    }
    Ok(Some(vec![(first, first + 1)]))
}

// ----- copyto ---------------------------------------------------------------------------------

/// `np.copyto(dst, src, casting, where)`: copy `src` (broadcast) into `dst` where the mask
/// is true.
///
/// # Errors
/// `TypeError` when the cast is not allowed, broadcasting `ValueError`, read-only `dst`.
pub fn copyto(
    dst: &NdArray,
    src: &NdArray,
    casting: Casting,
    mask: Option<&NdArray>,
) -> Result<()> {
    if !can_cast(src.dtype(), dst.dtype(), casting) {
        return Err(cast_error(src.dtype(), dst.dtype(), casting));
    }
    dst.check_writeable()?;
    let shapes = [dst.shape(), src.shape()];
    layout::broadcast_shapes(&shapes)
        .and_then(|s| {
            if s.as_slice() == dst.shape() {
                Ok(())
            } else {
                Err(Error::value(""))
            }
        })
        .map_err(|_| {
            Error::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_text(src.shape()),
                shape_text(dst.shape())
            ))
        })?;
    match mask {
        None => dst.assign(src),
        Some(m) => {
            layout::broadcast_strides(m.shape(), m.strides(), dst.shape()).map_err(|_| {
                Error::value(format!(
                    "could not broadcast where mask from shape {} into shape {}",
                    shape_text(m.shape()),
                    shape_text(dst.shape())
                ))
            })?;
            dst.assign_where(src, m)
        }
    }
}

// ----- pad ---------------------------------------------------------------------------------------

/// The statistic a `pad` mode fills with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PadStat {
    /// `maximum`.
    Maximum,
    /// `minimum`.
    Minimum,
    /// `mean` (rounded for integer arrays).
    Mean,
    /// `median` (rounded for integer arrays).
    Median,
}

/// A `np.pad` mode with its per-axis parameters.
#[derive(Clone, Debug)]
pub enum PadMode {
    /// `constant` with `(before, after)` values per axis.
    Constant(Vec<(Scalar, Scalar)>),
    /// `edge`.
    Edge,
    /// `linear_ramp` with `(before, after)` end values per axis (0-d arrays) and the
    /// dtype NumPy's `linspace` computes in.
    LinearRamp(Vec<(NdArray, NdArray)>, DType),
    /// `maximum`/`minimum`/`mean`/`median` with `(before, after)` stat lengths per axis.
    Stat(PadStat, Vec<(Option<usize>, Option<usize>)>),
    /// `reflect` (`symmetric = false`) or `symmetric`, with `reflect_type='odd'`.
    Reflect {
        /// Whether the edge is repeated (`symmetric`).
        symmetric: bool,
        /// `reflect_type='odd'`.
        odd: bool,
    },
    /// `wrap`.
    Wrap,
    /// `empty` (numoxide zero-fills).
    Empty,
}

/// The padded array of `a` with the original in the middle and the rest unset (zeros):
/// NumPy's `_pad_simple`.
///
/// # Errors
/// `MemoryError`.
pub fn pad_simple(a: &NdArray, widths: &[(usize, usize)]) -> Result<NdArray> {
    pad_alloc(a, widths, true)
}

/// The padded array with the original in the middle; the pad areas zeroed when `zero`,
/// otherwise left for the caller to write completely.
fn pad_alloc(a: &NdArray, widths: &[(usize, usize)], zero: bool) -> Result<NdArray> {
    let shape: Vec<usize> = a
        .shape()
        .iter()
        .zip(widths)
        .map(|(&n, &(l, r))| l + n + r)
        .collect();
    let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    let out = if zero {
        NdArray::zeros(&shape, a.dtype().clone(), order)?
    } else {
        // SAFETY: `pad` writes every pad area of every axis for the modes that ask for
        // this (all but `empty`), and the center is assigned here.
        unsafe { NdArray::uninit(&shape, a.dtype().clone(), order)? }
    };
    center(&out, a, widths)?.assign(a)?;
    Ok(out)
}

/// The view of `padded` where the original array sits.
fn center(padded: &NdArray, a: &NdArray, widths: &[(usize, usize)]) -> Result<NdArray> {
    let mut v = padded.clone();
    for (ax, (&n, &(l, _))) in a.shape().iter().zip(widths).enumerate() {
        v = slice_axis(&v, ax, l, n, 1)?;
    }
    Ok(v)
}

/// NumPy's `_view_roi`: the padded array restricted to the original extent on the axes
/// after `axis` (those not padded yet).
fn roi(padded: &NdArray, a: &NdArray, widths: &[(usize, usize)], axis: usize) -> Result<NdArray> {
    let mut v = padded.clone();
    for ax in axis + 1..a.ndim() {
        v = slice_axis(&v, ax, widths[ax].0, a.shape()[ax], 1)?;
    }
    Ok(v)
}

fn ufunc2(name: &'static str, x: Input, y: Input) -> Result<NdArray> {
    let mut f = Vec::new();
    crate::elementwise::call(name, &[x, y], &CallOptions::default(), &mut f)
}

/// `np.pad(a, pad_width, mode)` for the built-in modes.
///
/// # Errors
/// NumPy's `ValueError`s (extending an empty axis, a zero `stat_length` for
/// maximum/minimum).
pub fn pad(a: &NdArray, widths: &[(usize, usize)], mode: &PadMode) -> Result<NdArray> {
    if widths.len() != a.ndim() {
        return Err(Error::value("internal: one pad width pair per axis"));
    }
    let padded = pad_alloc(a, widths, matches!(mode, PadMode::Empty))?;
    let nd = a.ndim();
    match mode {
        PadMode::Empty => return Ok(padded),
        PadMode::Constant(values) => {
            for ax in 0..nd {
                let r = roi(&padded, a, widths, ax)?;
                let (l, rt) = widths[ax];
                let n = r.shape()[ax];
                slice_axis(&r, ax, 0, l, 1)?.fill(values[ax].0)?;
                slice_axis(&r, ax, n - rt, rt, 1)?.fill(values[ax].1)?;
            }
            return Ok(padded);
        }
        _ => {}
    }
    if a.size() == 0 {
        for (ax, &(l, r)) in widths.iter().enumerate() {
            if a.shape()[ax] == 0 && (l > 0 || r > 0) {
                return Err(Error::value(format!(
                    "can't extend empty axis {ax} using modes other than 'constant' or 'empty'"
                )));
            }
        }
        return Ok(padded);
    }
    for ax in 0..nd {
        let (l, rt) = widths[ax];
        match mode {
            PadMode::Edge => {
                let r = roi(&padded, a, widths, ax)?;
                set_edges(&r, ax, l, rt)?;
            }
            PadMode::LinearRamp(ends, calc) => {
                let r = roi(&padded, a, widths, ax)?;
                let n = r.shape()[ax];
                let edges = [
                    slice_axis(&r, ax, l, 1, 1)?,
                    slice_axis(&r, ax, n - rt - 1, 1, 1)?,
                ];
                for (side, (end, edge)) in [&ends[ax].0, &ends[ax].1]
                    .into_iter()
                    .zip(edges)
                    .enumerate()
                {
                    let width = if side == 0 { l } else { rt };
                    if width == 0 {
                        continue;
                    }
                    let stop = edge.squeeze(Some(&[ax as isize]))?;
                    let ramp = crate::creation::linspace(
                        end,
                        &stop,
                        width,
                        false,
                        calc,
                        a.dtype(),
                        ax as isize,
                    )?
                    .samples;
                    if side == 0 {
                        slice_axis(&r, ax, 0, l, 1)?.assign(&ramp)?;
                    } else {
                        slice_axis(&r, ax, n - rt, rt, 1)?
                            .assign(&flip(&ramp, Some(&[ax as isize]))?)?;
                    }
                }
            }
            PadMode::Stat(stat, lengths) => {
                let r = roi(&padded, a, widths, ax)?;
                let n = r.shape()[ax];
                let (left_index, right_index) = (l, n - rt);
                let max_len = right_index - left_index;
                let pick = |x: Option<usize>| match x {
                    Some(v) if v <= max_len => v,
                    _ => max_len,
                };
                let (ll, rl) = (pick(lengths[ax].0), pick(lengths[ax].1));
                if (ll == 0 || rl == 0) && matches!(stat, PadStat::Maximum | PadStat::Minimum) {
                    return Err(Error::value("stat_length of 0 yields no value for padding"));
                }
                let left = pad_stat(
                    &slice_axis(&r, ax, left_index, ll, 1)?,
                    ax,
                    *stat,
                    a.dtype(),
                )?;
                let right = if ll == max_len && rl == max_len {
                    left.clone()
                } else {
                    pad_stat(
                        &slice_axis(&r, ax, right_index - rl, rl, 1)?,
                        ax,
                        *stat,
                        a.dtype(),
                    )?
                };
                slice_axis(&r, ax, 0, l, 1)?.assign(&left)?;
                slice_axis(&r, ax, n - rt, rt, 1)?.assign(&right)?;
            }
            PadMode::Reflect { symmetric, odd } => {
                if a.shape()[ax] == 1 && (l > 0 || rt > 0) {
                    set_edges(&padded, ax, l, rt)?;
                    continue;
                }
                let r = roi(&padded, a, widths, ax)?;
                let (mut li, mut ri) = (l, rt);
                while li > 0 || ri > 0 {
                    (li, ri) = reflect_both(&r, ax, li, ri, *odd, a.shape()[ax], *symmetric)?;
                }
            }
            PadMode::Wrap => {
                let r = roi(&padded, a, widths, ax)?;
                let period = r.shape()[ax] - l - rt;
                let (mut li, mut ri) = (l, rt);
                while li > 0 || ri > 0 {
                    (li, ri) = wrap_both(&r, ax, li, ri, period)?;
                }
            }
            PadMode::Constant(_) | PadMode::Empty => {}
        }
    }
    Ok(padded)
}

/// Fill the pad areas of `axis` with the edge slices (NumPy's `_get_edges` + `_set_pad_area`).
fn set_edges(r: &NdArray, ax: usize, l: usize, rt: usize) -> Result<()> {
    let n = r.shape()[ax];
    let left = slice_axis(r, ax, l, 1, 1)?;
    let right = slice_axis(r, ax, n - rt - 1, 1, 1)?;
    slice_axis(r, ax, 0, l, 1)?.assign(&left)?;
    slice_axis(r, ax, n - rt, rt, 1)?.assign(&right)
}

/// The statistic of `chunk` along `ax` (kept as a length-1 axis), rounded for integer
/// `dtype` as NumPy's `_round_if_needed`.
fn pad_stat(chunk: &NdArray, ax: usize, stat: PadStat, dtype: &DType) -> Result<NdArray> {
    let args = ReduceArgs {
        axes: Some(vec![ax as isize]),
        keepdims: true,
        ..ReduceArgs::default()
    };
    let mut notes = Notes::default();
    let s = match stat {
        PadStat::Maximum => reductions::reduce_with("maximum", chunk, &args, &mut notes)?,
        PadStat::Minimum => reductions::reduce_with("minimum", chunk, &args, &mut notes)?,
        PadStat::Mean => reductions::mean(chunk, &args, &mut notes)?,
        // The median of an empty lane is NumPy's mean of nothing: NaN.
        PadStat::Median if chunk.shape()[ax] == 0 => reductions::mean(chunk, &args, &mut notes)?,
        PadStat::Median => median_keepdims(chunk, ax)?,
    };
    if dtype.kind().is_integer() && s.kind().is_inexact() {
        let mut f = Vec::new();
        return crate::elementwise::around(&s, 0, &mut f);
    }
    Ok(s)
}

/// `np.median(x, axis=ax, keepdims=True)` for real `x`: the mean of the middle one or two
/// sorted values of each lane, NaN when the lane holds a NaN.
fn median_keepdims(x: &NdArray, ax: usize) -> Result<NdArray> {
    let n = x.shape()[ax];
    let moved = x.moveaxis(&[ax as isize], &[-1])?.copy(Order::C)?;
    let lanes = moved.size() / n.max(1);
    let keep = if n % 2 == 1 { 1 } else { 2 };
    let mut mid_shape = moved.shape().to_vec();
    let last = mid_shape.len() - 1;
    mid_shape[last] = keep;
    let mid = NdArray::zeros(&mid_shape, x.dtype().clone(), Order::C)?;
    let mut has_nan = vec![false; lanes];
    if n > 0 {
        macro_rules! lanes_of {
            ($t:ty, $nan:expr) => {
                lanes_of!($t, $nan, |a: &$t, b: &$t| a
                    .partial_cmp(b)
                    .unwrap_or(std::cmp::Ordering::Equal))
            };
            ($t:ty, $nan:expr, $cmp:expr) => {{
                let cmp = $cmp;
                let vals = moved.to_vec::<$t>();
                let mut outv: Vec<$t> = Vec::with_capacity(lanes * keep);
                for (li, lane) in vals.chunks(n).enumerate() {
                    let mut v = lane.to_vec();
                    let isnan = $nan;
                    has_nan[li] = v.iter().any(|x| isnan(*x));
                    v.sort_by(|a, b| match (isnan(*a), isnan(*b)) {
                        (true, true) => std::cmp::Ordering::Equal,
                        (true, false) => std::cmp::Ordering::Greater,
                        (false, true) => std::cmp::Ordering::Less,
                        _ => cmp(a, b),
                    });
                    if keep == 1 {
                        outv.push(v[n / 2]);
                    } else {
                        outv.push(v[n / 2 - 1]);
                        outv.push(v[n / 2]);
                    }
                }
                let m = NdArray::from_vec(outv, &mid_shape)?;
                mid.assign(&m)?;
            }};
        }
        use numoxide_core::element::f16;
        match x.kind() {
            DTypeKind::Bool => lanes_of!(bool, |_x: bool| false),
            DTypeKind::Int8 => lanes_of!(i8, |_x: i8| false),
            DTypeKind::UInt8 => lanes_of!(u8, |_x: u8| false),
            DTypeKind::Int16 => lanes_of!(i16, |_x: i16| false),
            DTypeKind::UInt16 => lanes_of!(u16, |_x: u16| false),
            DTypeKind::Int32 => lanes_of!(i32, |_x: i32| false),
            DTypeKind::UInt32 => lanes_of!(u32, |_x: u32| false),
            DTypeKind::Int64 => lanes_of!(i64, |_x: i64| false),
            DTypeKind::UInt64 => lanes_of!(u64, |_x: u64| false),
            DTypeKind::Float16 => lanes_of!(f16, |x: f16| x.is_nan()),
            DTypeKind::Float32 => lanes_of!(f32, |x: f32| x.is_nan()),
            DTypeKind::Complex64 => {
                use numoxide_core::element::Complex64;
                lanes_of!(
                    Complex64,
                    |x: Complex64| x.re.is_nan() || x.im.is_nan(),
                    |a: &Complex64, b: &Complex64| (a.re, a.im)
                        .partial_cmp(&(b.re, b.im))
                        .unwrap_or(std::cmp::Ordering::Equal)
                )
            }
            DTypeKind::Complex128 => {
                use numoxide_core::element::Complex128;
                lanes_of!(
                    Complex128,
                    |x: Complex128| x.re.is_nan() || x.im.is_nan(),
                    |a: &Complex128, b: &Complex128| (a.re, a.im)
                        .partial_cmp(&(b.re, b.im))
                        .unwrap_or(std::cmp::Ordering::Equal)
                )
            }
            _ => lanes_of!(f64, |x: f64| x.is_nan()),
        }
    }
    let args = ReduceArgs {
        axes: Some(vec![-1]),
        keepdims: true,
        ..ReduceArgs::default()
    };
    let mut notes = Notes::default();
    let m = reductions::mean(&mid, &args, &mut notes)?;
    if has_nan.iter().any(|&h| h) {
        let nan_mask = NdArray::from_vec(has_nan, m.shape())?;
        let nan = NdArray::from_scalar(Scalar::Float64(f64::NAN));
        m.assign_where(&nan, &nan_mask)?;
    }
    m.moveaxis(&[-1], &[ax as isize])
}

/// One round of NumPy's `_set_reflect_both`: fill as much of each pad area as one
/// reflection of the filled part allows; returns the widths still to fill.
fn reflect_both(
    p: &NdArray,
    ax: usize,
    left_pad: usize,
    right_pad: usize,
    odd: bool,
    period: usize,
    include_edge: bool,
) -> Result<(usize, usize)> {
    let n = p.shape()[ax];
    let mut old_len = n - right_pad - left_pad;
    let edge_offset;
    if include_edge {
        old_len = old_len / period * period;
        edge_offset = 1usize;
    } else {
        old_len = (old_len - 1) / (period - 1) * (period - 1) + 1;
        edge_offset = 0;
        old_len -= 1;
    }
    let (mut lp, mut rp) = (left_pad, right_pad);
    if lp > 0 {
        let chunk = old_len.min(lp);
        // slice(start, stop, -1) with stop = lp - edge_offset, start = stop + chunk.
        let stop = lp - edge_offset;
        let src = slice_axis(p, ax, stop + chunk, chunk, -1)?;
        let src = if odd {
            let edge = slice_axis(p, ax, lp, 1, 1)?;
            odd_reflect(&edge, &src)?
        } else {
            src
        };
        slice_axis(p, ax, lp - chunk, chunk, 1)?.assign(&src)?;
        lp -= chunk;
    }
    if rp > 0 {
        let chunk = old_len.min(rp);
        // start = -rp + edge_offset - 2 (from the end), going backwards `chunk` steps.
        let start = n + edge_offset - rp - 2;
        let src = slice_axis(p, ax, start, chunk, -1)?;
        let src = if odd {
            let edge = slice_axis(p, ax, n - rp - 1, 1, 1)?;
            odd_reflect(&edge, &src)?
        } else {
            src
        };
        slice_axis(p, ax, n - rp, chunk, 1)?.assign(&src)?;
        rp -= chunk;
    }
    Ok((lp, rp))
}

/// `2 * edge - chunk` with NumPy's ufunc dtype rules.
fn odd_reflect(edge: &NdArray, chunk: &NdArray) -> Result<NdArray> {
    let twice = ufunc2(
        "multiply",
        Input::Weak(Weak::Int(2)),
        Input::Array(edge.clone()),
    )?;
    ufunc2("subtract", Input::Array(twice), Input::Array(chunk.clone()))
}

/// One round of NumPy's `_set_wrap_both`.
fn wrap_both(
    p: &NdArray,
    ax: usize,
    left_pad: usize,
    right_pad: usize,
    original: usize,
) -> Result<(usize, usize)> {
    let n = p.shape()[ax];
    let period = (n - right_pad - left_pad) / original * original;
    let (mut nl, mut nr) = (0, 0);
    if left_pad > 0 {
        let end = left_pad + period;
        let take = period.min(left_pad);
        let src = slice_axis(p, ax, end - take, take, 1)?;
        if left_pad > period {
            slice_axis(p, ax, left_pad - period, period, 1)?.assign(&src)?;
            nl = left_pad - period;
        } else {
            slice_axis(p, ax, 0, left_pad, 1)?.assign(&src)?;
        }
    }
    if right_pad > 0 {
        let start = n - right_pad - period;
        let take = period.min(right_pad);
        let src = slice_axis(p, ax, start, take, 1)?;
        if right_pad > period {
            slice_axis(p, ax, n - right_pad, period, 1)?.assign(&src)?;
            nr = right_pad - period;
        } else {
            slice_axis(p, ax, n - right_pad, right_pad, 1)?.assign(&src)?;
        }
    }
    Ok((nl, nr))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(n: i64, shape: &[usize]) -> NdArray {
        NdArray::from_vec((0..n).collect::<Vec<i64>>(), shape).expect("shape")
    }

    #[test]
    fn concatenate_joins_and_checks_shapes() {
        let a = arange(6, &[2, 3]);
        let b = arange(3, &[1, 3]);
        let c = concatenate(&[a.clone(), b], Some(0), None, Casting::SameKind).expect("join");
        assert_eq!(c.shape(), &[3, 3]);
        assert_eq!(c.to_vec::<i64>(), vec![0, 1, 2, 3, 4, 5, 0, 1, 2]);
        let e = concatenate(
            &[a.clone(), arange(4, &[2, 2])],
            Some(0),
            None,
            Casting::SameKind,
        )
        .expect_err("mismatch");
        assert!(e.message().contains("along dimension 1"));
        let f = concatenate(&[a.clone(), a], None, None, Casting::SameKind).expect("flat");
        assert_eq!(f.shape(), &[12]);
    }

    #[test]
    fn split_tile_repeat_roll() {
        let a = arange(7, &[7]);
        let parts = array_split(&a, &Sections::Count(3), 0).expect("split");
        let lens: Vec<usize> = parts.iter().map(|p| p.size()).collect();
        assert_eq!(lens, vec![3, 2, 2]);
        assert!(split(&a, &Sections::Count(3), 0).is_err());
        let t = tile(&arange(2, &[2]), &[2, 2]).expect("tile");
        assert_eq!(t.to_vec::<i64>(), vec![0, 1, 0, 1, 0, 1, 0, 1]);
        let r = repeat(&arange(3, &[3]), &[1, 0, 2], None).expect("repeat");
        assert_eq!(r.to_vec::<i64>(), vec![0, 2, 2]);
        let r = roll(&arange(5, &[5]), &[2], None).expect("roll");
        assert_eq!(r.to_vec::<i64>(), vec![3, 4, 0, 1, 2]);
    }

    #[test]
    fn insert_delete_resize() {
        let a = arange(4, &[4]);
        let i = insert(
            &a,
            &InsertObj::Indices(vec![0, 4, 2]),
            &arange(3, &[3]),
            None,
        )
        .expect("insert");
        assert_eq!(i.to_vec::<i64>(), vec![0, 0, 1, 2, 2, 3, 1]);
        let d = delete(&a, &DeleteObj::Slice(None, None, Some(2)), None).expect("delete");
        assert_eq!(d.to_vec::<i64>(), vec![1, 3]);
        assert!(delete(&a, &DeleteObj::Index(4), None).is_err());
        let r = resize(&a, &[2, 3]).expect("resize");
        assert_eq!(r.to_vec::<i64>(), vec![0, 1, 2, 3, 0, 1]);
        let grown = resize_data(&a, &[6]).expect("resize in place");
        assert_eq!(grown.to_vec::<i64>(), vec![0, 1, 2, 3, 0, 0]);
    }

    #[test]
    fn pad_reflect_and_wrap() {
        let a = arange(3, &[3]);
        let r = pad(
            &a,
            &[(4, 4)],
            &PadMode::Reflect {
                symmetric: false,
                odd: false,
            },
        )
        .expect("pad");
        assert_eq!(r.to_vec::<i64>(), vec![0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]);
        let w = pad(&a, &[(4, 1)], &PadMode::Wrap).expect("pad");
        assert_eq!(w.to_vec::<i64>(), vec![2, 0, 1, 2, 0, 1, 2, 0]);
    }
}
