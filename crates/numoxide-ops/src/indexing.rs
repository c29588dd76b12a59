//! Advanced indexing (integer arrays, boolean masks, and their mixtures with basic
//! items) and NumPy's index routines (`take`, `put`, `nonzero`, `choose`, `compress`,
//! `select`, `unravel_index`, ...).
//!
//! An index key is a list of [`Index`] items. A key without arrays is basic indexing
//! and gives a view (core's `NdArray::index`). A key with arrays is planned once: the
//! basic items make a view in which every array-indexed axis is kept whole; the index
//! arrays are broadcast together and turned into byte offsets along those axes; the
//! result is gathered (or scattered, for assignment) in C order with typed copy loops
//! chosen once per element size.

use numoxide_core::layout::{self, shape_text, Shape};
use numoxide_core::{DType, DTypeKind, Error, IndexItem, NdArray, Order, Result, Scalar};

/// One item of an index key: a basic item, or an integer/boolean index array.
#[derive(Clone, Debug)]
pub enum Index {
    /// An integer, slice, `newaxis` or `...`.
    Basic(IndexItem),
    /// An integer or boolean array of any dimension (0-d booleans included).
    Array(NdArray),
}

/// How out-of-range indices are treated by `take`, `put`, `choose` and
/// `ravel_multi_index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Out-of-range indices are an error.
    Raise,
    /// Indices wrap around (modulo the length).
    Wrap,
    /// Indices are clipped to the valid range.
    Clip,
}

impl Mode {
    /// Parse NumPy's spellings (`'raise'`, `'wrap'`, `'clip'`; NumPy reads only the
    /// first letter).
    ///
    /// # Errors
    /// `ValueError` for anything else.
    pub fn parse(text: &str) -> Result<Mode> {
        match text.chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('r') => Ok(Mode::Raise),
            Some('w') => Ok(Mode::Wrap),
            Some('c') => Ok(Mode::Clip),
            _ => Err(Error::value(format!(
                "clipmode must be one of 'clip', 'raise', or 'wrap' (got '{text}')"
            ))),
        }
    }
}

const NOT_INTEGER: &str = "arrays used as indices must be of integer (or boolean) type";

// ----- element moves by size -----------------------------------------------------------

/// Run `$body` with `$T` an unsigned integer type of the element size `$item`.
macro_rules! by_size {
    ($item:expr, $T:ident => $body:expr) => {{
        match $item {
            1 => {
                type $T = u8;
                $body
            }
            2 => {
                type $T = u16;
                $body
            }
            4 => {
                type $T = u32;
                $body
            }
            8 => {
                type $T = u64;
                $body
            }
            _ => {
                type $T = u128;
                $body
            }
        }
    }};
}

/// Copy one element of type `T` from `src` to `dst`.
///
/// # Safety
/// Both addresses must be valid for `size_of::<T>()` bytes.
#[inline(always)]
unsafe fn move_elem<T: Copy>(src: *const u8, dst: *mut u8) {
    // SAFETY: forwarded from the caller.
    unsafe { (dst as *mut T).write_unaligned((src as *const T).read_unaligned()) }
}

// ----- index values --------------------------------------------------------------------

/// The values of an integer index array in C order, as `i64` (unsigned values wrap as
/// NumPy's cast to intp does).
fn index_values(x: &NdArray) -> Vec<i64> {
    if x.kind() == DTypeKind::Int64 && x.dtype().is_native() && x.is_c_contiguous() {
        let n = x.size();
        if n == 0 {
            return Vec::new();
        }
        // SAFETY: a C-contiguous native int64 array holds `n` aligned i64 values from its
        // data pointer.
        return unsafe { std::slice::from_raw_parts(x.data_ptr() as *const i64, n) }.to_vec();
    }
    x.to_vec::<i64>()
}

/// A contiguous native int64 copy of an index array (or the array itself).
fn as_intp(x: &NdArray) -> Result<NdArray> {
    if x.kind() == DTypeKind::Int64 && x.dtype().is_native() && x.is_c_contiguous() {
        Ok(x.clone())
    } else {
        x.astype(DType::new(DTypeKind::Int64), Order::C)
    }
}

/// The i64 values of a contiguous native int64 array.
fn intp_slice(x: &NdArray) -> &[i64] {
    let n = x.size();
    if n == 0 {
        return &[];
    }
    // SAFETY: callers pass arrays made by `as_intp`: C-contiguous native int64 with `n`
    // elements; the slice borrows `x`, which keeps the buffer alive.
    unsafe { std::slice::from_raw_parts(x.data_ptr() as *const i64, n) }
}

fn out_of_bounds(i: i64, axis: usize, n: usize) -> Error {
    Error::index(format!(
        "index {i} is out of bounds for axis {axis} with size {n}"
    ))
}

/// Normalize a possibly negative index against a length-`n` axis.
#[inline(always)]
fn norm_index(i: i64, n: i64) -> Option<i64> {
    let j = if i < 0 { i.wrapping_add(n) } else { i };
    if j >= 0 && j < n {
        Some(j)
    } else {
        None
    }
}

/// Check that an array may be used as an index array.
fn check_index_dtype(x: &NdArray) -> Result<()> {
    if x.kind() == DTypeKind::Bool || x.kind().is_integer() {
        Ok(())
    } else {
        Err(Error::index(NOT_INTEGER))
    }
}

// ----- planning ------------------------------------------------------------------------

/// One array-indexed axis of the planned view.
struct FancyAxis {
    /// The axis of the view it indexes.
    view_axis: usize,
    /// The axis of the original array (for error messages).
    orig_axis: usize,
    /// The integer index array.
    index: NdArray,
}

/// A planned advanced index.
struct Fancy {
    /// The basic part applied, with every array-indexed axis kept whole.
    view: NdArray,
    axes: Vec<FancyAxis>,
    /// Where the broadcast index dimensions go among the remaining view axes.
    consec: usize,
}

enum Plan {
    Basic(Vec<IndexItem>),
    Fancy(Fancy),
}

/// NumPy's index preparation checks, made before an assignment converts its value:
/// index dtypes, a single ellipsis, the number of indexed axes, the bounds of integer
/// scalars and the shapes of boolean masks. Bounds of integer index arrays are left to
/// the assignment (NumPy checks them after converting the value).
///
/// # Errors
/// `IndexError` with NumPy's text for the first failed check.
pub fn check_key(a: &NdArray, items: &[Index]) -> Result<()> {
    let nd = a.ndim();
    let (mut ellipses, mut consumed) = (0usize, 0usize);
    for it in items {
        match it {
            Index::Basic(IndexItem::Int(_)) | Index::Basic(IndexItem::Slice(..)) => consumed += 1,
            Index::Basic(IndexItem::Ellipsis) => ellipses += 1,
            Index::Basic(IndexItem::NewAxis) => {}
            Index::Array(x) => {
                check_index_dtype(x)?;
                consumed += if x.kind() == DTypeKind::Bool {
                    x.ndim()
                } else {
                    1
                };
            }
        }
    }
    if ellipses > 1 {
        return Err(Error::index(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > nd {
        return Err(Error::index(format!(
            "too many indices for array: array is {nd}-dimensional, but {consumed} were indexed"
        )));
    }
    let mut orig = 0usize;
    for it in items {
        match it {
            Index::Basic(IndexItem::Int(i)) => {
                let n = a.shape()[orig];
                if norm_index(*i as i64, n as i64).is_none() {
                    return Err(out_of_bounds(*i as i64, orig, n));
                }
                orig += 1;
            }
            Index::Basic(IndexItem::Slice(..)) => orig += 1,
            Index::Basic(IndexItem::Ellipsis) => orig += nd - consumed,
            Index::Basic(IndexItem::NewAxis) => {}
            Index::Array(x) if x.kind() == DTypeKind::Bool => {
                for (k, &len) in x.shape().iter().enumerate() {
                    let n = a.shape()[orig + k];
                    // NumPy lets a mask axis of length 0 stand against any axis length.
                    if len != n && len != 0 {
                        return Err(Error::index(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {n} but size of corresponding boolean axis is {len}",
                            orig + k
                        )));
                    }
                }
                orig += x.ndim();
            }
            Index::Array(x) => {
                if x.ndim() == 0 {
                    let n = a.shape()[orig];
                    let i = x.item()?.to::<i64>();
                    if norm_index(i, n as i64).is_none() {
                        return Err(out_of_bounds(i, orig, n));
                    }
                }
                orig += 1;
            }
        }
    }
    Ok(())
}

/// The value of a 0-d integer array as an index.
fn scalar_index(x: &NdArray) -> Result<isize> {
    let v = x.item()?.to::<i64>();
    Ok(v as isize)
}

fn plan(a: &NdArray, items: &[Index]) -> Result<Plan> {
    let mut has_fancy = false;
    for it in items {
        if let Index::Array(x) = it {
            check_index_dtype(x)?;
            if !(x.ndim() == 0 && x.kind() != DTypeKind::Bool) {
                has_fancy = true;
            }
        }
    }
    if !has_fancy {
        let basic = items
            .iter()
            .map(|it| match it {
                Index::Basic(b) => Ok(*b),
                Index::Array(x) => Ok(IndexItem::Int(scalar_index(x)?)),
            })
            .collect::<Result<Vec<_>>>()?;
        return Ok(Plan::Basic(basic));
    }
    let nd = a.ndim();
    let mut ellipses = 0;
    let mut consumed = 0usize;
    for it in items {
        match it {
            Index::Basic(IndexItem::Int(_)) | Index::Basic(IndexItem::Slice(..)) => consumed += 1,
            Index::Basic(IndexItem::Ellipsis) => ellipses += 1,
            Index::Basic(IndexItem::NewAxis) => {}
            Index::Array(x) if x.kind() == DTypeKind::Bool => consumed += x.ndim(),
            Index::Array(_) => consumed += 1,
        }
    }
    if ellipses > 1 {
        return Err(Error::index(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > nd {
        return Err(Error::index(format!(
            "too many indices for array: array is {nd}-dimensional, but {consumed} were indexed"
        )));
    }
    let full = IndexItem::Slice(None, None, None);
    let mut view_items = Vec::with_capacity(items.len());
    let mut axes = Vec::new();
    let (mut vdim, mut orig) = (0usize, 0usize);
    // NumPy's rule: the index dimensions replace the indexed axes in place when all
    // array (and integer) items are adjacent in the key; otherwise they go first.
    let mut status = -1i32;
    let mut consec = 0usize;
    for it in items {
        let fancy_item = !matches!(
            it,
            Index::Basic(IndexItem::Slice(..))
                | Index::Basic(IndexItem::NewAxis)
                | Index::Basic(IndexItem::Ellipsis)
        );
        if fancy_item {
            if status == -1 {
                consec = vdim;
                status = 0;
            } else if status == 1 {
                status = 2;
            }
        } else if status == 0 {
            status = 1;
        }
        match it {
            Index::Basic(IndexItem::Int(i)) => {
                // Integers are checked even when the broadcast result is empty.
                let n = a.shape()[orig];
                if norm_index(*i as i64, n as i64).is_none() {
                    return Err(out_of_bounds(*i as i64, orig, n));
                }
                view_items.push(full);
                axes.push(FancyAxis {
                    view_axis: vdim,
                    orig_axis: orig,
                    index: NdArray::from_scalar(Scalar::Int64(*i as i64)),
                });
                vdim += 1;
                orig += 1;
            }
            Index::Basic(b @ IndexItem::Slice(..)) => {
                view_items.push(*b);
                vdim += 1;
                orig += 1;
            }
            Index::Basic(IndexItem::NewAxis) => {
                view_items.push(IndexItem::NewAxis);
                vdim += 1;
            }
            Index::Basic(IndexItem::Ellipsis) => {
                view_items.push(IndexItem::Ellipsis);
                vdim += nd - consumed;
                orig += nd - consumed;
            }
            Index::Array(x) if x.kind() == DTypeKind::Bool && x.ndim() == 0 => {
                // `a[True]` adds a length-1 axis indexed by [0]; `a[False]` by [].
                view_items.push(IndexItem::NewAxis);
                let index = if x.item()?.to::<bool>() {
                    NdArray::from_vec(vec![0i64], &[1])?
                } else {
                    NdArray::from_vec(Vec::<i64>::new(), &[0])?
                };
                axes.push(FancyAxis {
                    view_axis: vdim,
                    orig_axis: orig,
                    index,
                });
                vdim += 1;
            }
            Index::Array(x) if x.kind() == DTypeKind::Bool => {
                for (k, &len) in x.shape().iter().enumerate() {
                    let n = a.shape()[orig + k];
                    // NumPy lets a mask axis of length 0 stand against any axis length.
                    if len != n && len != 0 {
                        return Err(Error::index(format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {n} but size of corresponding boolean axis is {len}",
                            orig + k
                        )));
                    }
                }
                for index in nonzero(x)? {
                    view_items.push(full);
                    axes.push(FancyAxis {
                        view_axis: vdim,
                        orig_axis: orig,
                        index,
                    });
                    vdim += 1;
                    orig += 1;
                }
            }
            Index::Array(x) => {
                view_items.push(full);
                axes.push(FancyAxis {
                    view_axis: vdim,
                    orig_axis: orig,
                    index: x.clone(),
                });
                vdim += 1;
                orig += 1;
            }
        }
    }
    if status == 2 {
        consec = 0;
    }
    let view = a.index(&view_items)?;
    Ok(Plan::Fancy(Fancy { view, axes, consec }))
}

/// The layout of a gather/scatter: byte offsets (from the view's data pointer) of the
/// index part, and the dimensions before and after it.
struct Layout {
    shape: Shape,
    pre: Vec<isize>,
    mid: Vec<isize>,
    post: Vec<isize>,
    /// `post` is one contiguous run of `post.len()` elements.
    post_contiguous: bool,
    /// Number of leading dimensions of `shape` from basic indices before the
    /// advanced ones, and number of advanced (broadcast index) dimensions.
    npre: usize,
    nb: usize,
}

/// Byte offsets of every element of a (shape, strides) layout in C order.
fn layout_offsets(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    let n: usize = shape.iter().product();
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let nd = shape.len();
    let mut idx = vec![0usize; nd];
    let mut off = 0isize;
    for _ in 0..n {
        out.push(off);
        let mut d = nd;
        while d > 0 {
            d -= 1;
            idx[d] += 1;
            off += strides[d];
            if idx[d] < shape[d] {
                break;
            }
            off -= strides[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
    out
}

/// `mid[k] += norm(index[k]) * st` for every element `k` (C order) of `index`
/// broadcast to `bshape`, read in place with broadcast strides (no broadcast copy).
///
/// # Errors
/// `IndexError` for an index outside `-n..n`.
fn add_index_offsets(
    mid: &mut [isize],
    index: &NdArray,
    bshape: &[usize],
    n: usize,
    st: isize,
    orig_axis: usize,
) -> Result<()> {
    if mid.is_empty() {
        return Ok(());
    }
    let x = as_intp(index)?;
    let vals = intp_slice(&x);
    // Element strides of the contiguous index broadcast over `bshape`.
    let bst = x.broadcast_operand(bshape)?;
    let est: Vec<isize> = bst.iter().map(|&b| b / 8).collect();
    let nd = bshape.len();
    let (inner, ist) = match nd {
        0 => (1usize, 0isize),
        _ => (bshape[nd - 1], est[nd - 1]),
    };
    let mut pos = vec![0usize; nd.saturating_sub(1)];
    let mut base = 0isize;
    let n64 = n as i64;
    let walk_error = || Error::value("internal: index walk left the index array");
    for row in mid.chunks_mut(inner.max(1)) {
        let start = usize::try_from(base).map_err(|_| walk_error())?;
        match ist {
            // The index is broadcast along the row: one value for all of it.
            0 => {
                let i = *vals.get(start).ok_or_else(walk_error)?;
                let j = norm_index(i, n64).ok_or_else(|| out_of_bounds(i, orig_axis, n))?;
                let add = j as isize * st;
                row.iter_mut().for_each(|m| *m += add);
            }
            // A contiguous run of index values: normalise without branches, check once.
            1 => {
                let run = vals.get(start..start + row.len()).ok_or_else(walk_error)?;
                let bad = row.iter_mut().zip(run).fold(false, |bad, (m, &i)| {
                    let j = i + ((i >> 63) & n64);
                    *m += j as isize * st;
                    bad | ((j as u64) >= n as u64)
                });
                if bad {
                    if let Some(&i) = run.iter().find(|&&i| norm_index(i, n64).is_none()) {
                        return Err(out_of_bounds(i, orig_axis, n));
                    }
                }
            }
            _ => {
                for (k, m) in row.iter_mut().enumerate() {
                    let at = base + k as isize * ist;
                    let i = usize::try_from(at)
                        .ok()
                        .and_then(|a| vals.get(a))
                        .copied()
                        .ok_or_else(walk_error)?;
                    match norm_index(i, n64) {
                        Some(j) => *m += j as isize * st,
                        None => return Err(out_of_bounds(i, orig_axis, n)),
                    }
                }
            }
        }
        // Odometer over the outer dimensions.
        let mut d = pos.len();
        while d > 0 {
            d -= 1;
            pos[d] += 1;
            base += est[d];
            if pos[d] < bshape[d] {
                break;
            }
            base -= est[d] * bshape[d] as isize;
            pos[d] = 0;
        }
    }
    Ok(())
}

impl Fancy {
    /// The broadcast shape of the index arrays.
    fn index_shape(&self) -> Result<Shape> {
        let shapes: Vec<&[usize]> = self.axes.iter().map(|f| f.index.shape()).collect();
        layout::broadcast_shapes(&shapes).map_err(|_| {
            let texts: Vec<String> = shapes.iter().map(|s| shape_text(s)).collect();
            Error::index(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
                texts.join(" ")
            ))
        })
    }

    /// The shape of the result (index dimensions placed as [`Fancy::layout`] places
    /// them), without reading the index values.
    fn result_shape(&self) -> Result<Shape> {
        let bshape = self.index_shape()?;
        let v = &self.view;
        let rest: Vec<usize> = (0..v.ndim())
            .filter(|d| !self.axes.iter().any(|f| f.view_axis == *d))
            .collect();
        let (pre_axes, post_axes) = rest.split_at(self.consec.min(rest.len()));
        let mut shape = Shape::new();
        shape.extend(pre_axes.iter().map(|&d| v.shape()[d]));
        shape.extend_from_slice(&bshape);
        shape.extend(post_axes.iter().map(|&d| v.shape()[d]));
        Ok(shape)
    }

    fn layout(&self) -> Result<Layout> {
        let bshape = self.index_shape()?;
        let nb: usize = bshape.iter().product();
        let v = &self.view;
        let mut mid = vec![0isize; nb];
        for f in &self.axes {
            let n = v.shape()[f.view_axis];
            let st = v.strides()[f.view_axis];
            add_index_offsets(&mut mid, &f.index, &bshape, n, st, f.orig_axis)?;
        }
        let rest: Vec<usize> = (0..v.ndim())
            .filter(|d| !self.axes.iter().any(|f| f.view_axis == *d))
            .collect();
        let (pre_axes, post_axes) = rest.split_at(self.consec.min(rest.len()));
        let dims = |ax: &[usize]| -> (Vec<usize>, Vec<isize>) {
            (
                ax.iter().map(|&d| v.shape()[d]).collect(),
                ax.iter().map(|&d| v.strides()[d]).collect(),
            )
        };
        let (pre_shape, pre_strides) = dims(pre_axes);
        let (post_shape, post_strides) = dims(post_axes);
        let mut shape = Shape::new();
        shape.extend_from_slice(&pre_shape);
        shape.extend_from_slice(&bshape);
        shape.extend_from_slice(&post_shape);
        layout::checked_size(&shape)?;
        let post_contiguous = layout::is_c_contiguous(&post_shape, &post_strides, v.itemsize());
        Ok(Layout {
            shape,
            pre: layout_offsets(&pre_shape, &pre_strides),
            mid,
            post: layout_offsets(&post_shape, &post_strides),
            post_contiguous,
            npre: pre_shape.len(),
            nb: bshape.len(),
        })
    }
}

// ----- gather ----------------------------------------------------------------------------

/// `a[index]`: a view for basic keys, a new C-ordered array for advanced ones.
///
/// # Errors
/// NumPy's `IndexError`s (out of bounds, too many indices, shape mismatch, boolean
/// mismatch, non-integer index arrays).
pub fn getitem(a: &NdArray, items: &[Index]) -> Result<NdArray> {
    getitem_parts(a, items).map(|(r, _)| r)
}

/// `a[index]` and, when NumPy returns the result as a view of another array, that array
/// (the result's `.base`).
///
/// NumPy gathers advanced indexing into a C-ordered buffer with the index dimensions
/// first and, when they belong elsewhere (`a[:, [0, 2]]`), returns a transposed view of
/// that buffer. A 0-d integer array in an otherwise basic key (`a[np.array(1), 1:]`)
/// gives a copy (order kept) instead of a view.
///
/// # Errors
/// As [`getitem`].
pub fn getitem_parts(a: &NdArray, items: &[Index]) -> Result<(NdArray, Option<NdArray>)> {
    if let [Index::Array(x)] = items {
        if let Some(r) = fast_get(a, x)? {
            return Ok((r, None));
        }
    }
    match plan(a, items)? {
        Plan::Basic(b) => {
            let v = a.index(&b)?;
            let scalar_array = items
                .iter()
                .any(|it| matches!(it, Index::Array(x) if x.ndim() == 0));
            if scalar_array && v.ndim() > 0 {
                Ok((v.copy(Order::K)?, None))
            } else {
                Ok((v, None))
            }
        }
        Plan::Fancy(f) => gather(&f),
    }
}

/// Whether `a[items]` is basic indexing (a view) rather than advanced (a copy).
pub fn is_basic(items: &[Index]) -> bool {
    items.iter().all(|it| match it {
        Index::Basic(_) => true,
        Index::Array(x) => x.ndim() == 0 && x.kind().is_integer(),
    })
}

/// The single-array fast paths: a 1-D gather by an integer array, and a full-shape
/// boolean mask.
fn fast_get(a: &NdArray, x: &NdArray) -> Result<Option<NdArray>> {
    if x.kind() == DTypeKind::Bool {
        if x.ndim() > 0 && x.shape() == a.shape() {
            return mask_select(a, x).map(Some);
        }
        return Ok(None);
    }
    if !x.kind().is_integer() || x.ndim() == 0 || a.ndim() != 1 {
        return Ok(None);
    }
    let idx = as_intp(x)?;
    let vals = intp_slice(&idx);
    let n = a.shape()[0];
    let st = a.strides()[0];
    // SAFETY: every element of `out` is written by `gather_1d` before it is read.
    let out = unsafe { NdArray::uninit(x.shape(), a.dtype().clone(), Order::C)? };
    let base = a.data_ptr();
    let dst = out.data_ptr();
    by_size!(a.itemsize(), T => gather_1d::<T>(vals, base, st, n, dst))?;
    Ok(Some(out))
}

/// `dst[k] = base[vals[k] * stride]` with NumPy's bounds checks (done up front, so
/// the gather loop itself has no branches).
fn gather_1d<T: Copy>(
    vals: &[i64],
    base: *const u8,
    stride: isize,
    n: usize,
    dst: *mut u8,
) -> Result<()> {
    let n64 = n as i64;
    let d = dst as *mut T;
    if stride == std::mem::size_of::<T>() as isize {
        let s = base as *const T;
        for (k, &i) in vals.iter().enumerate() {
            // One unsigned compare catches negatives and too-large values alike; the
            // rare branch handles negatives (and errors).
            let j = if (i as u64) < n as u64 {
                i
            } else {
                norm_index(i, n64).ok_or_else(|| out_of_bounds(i, 0, n))?
            };
            // SAFETY: `0 <= j < n` indexes the contiguous source; `d` holds
            // `vals.len()` elements.
            unsafe { d.add(k).write_unaligned(s.add(j as usize).read_unaligned()) };
        }
        return Ok(());
    }
    for (k, &i) in vals.iter().enumerate() {
        let j = norm_index(i, n64).ok_or_else(|| out_of_bounds(i, 0, n))?;
        // SAFETY: `j` is in `0..n`, an element of the source; `d` holds `vals.len()`
        // elements.
        unsafe {
            d.add(k)
                .write_unaligned((base.offset(j as isize * stride) as *const T).read_unaligned())
        };
    }
    Ok(())
}

/// `a[x] = value` for a 1-D `a` and an integer index array: checks up front, then
/// writes in order (repeated indices: the last wins).
fn scatter_1d(a: &NdArray, x: &NdArray, value: Value<'_>) -> Result<()> {
    let idx = as_intp(x)?;
    let vals = intp_slice(&idx);
    let n = a.shape()[0];
    // NumPy checks that the value broadcasts before it checks the indices.
    let (src, step) = match value {
        Value::Scalar(s) => (pattern_of(a, s)?, 0usize),
        Value::Array(v) => (value_for(a, v, x.shape())?, a.itemsize()),
    };
    // Check every index before writing any (NumPy leaves the array untouched on error).
    let n64 = n as i64;
    if vals.iter().any(|&i| (i as u64) >= n as u64) {
        if let Some(&i) = vals.iter().find(|&&i| norm_index(i, n64).is_none()) {
            return Err(out_of_bounds(i, 0, n));
        }
    }
    if vals.is_empty() {
        return Ok(());
    }
    let st = a.strides()[0];
    let base = a.data_ptr();
    let sp = src.data_ptr() as *const u8;
    by_size!(a.itemsize(), T => {
        if step == 0 {
            // SAFETY: the pattern holds one element.
            let v = unsafe { (sp as *const T).read_unaligned() };
            for &i in vals {
                let j = i + ((i >> 63) & n64);
                // SAFETY: every index was checked to lie in `-n..n`, so `j` is in `0..n`.
                unsafe { (base.offset(j as isize * st) as *mut T).write_unaligned(v) };
            }
        } else {
            for (k, &i) in vals.iter().enumerate() {
                let j = i + ((i >> 63) & n64);
                // SAFETY: as above; the source has `vals.len()` elements.
                unsafe { move_elem::<T>(sp.add(k * step), base.offset(j as isize * st)) };
            }
        }
    });
    Ok(())
}

/// `a[mask]` for a mask of `a`'s shape: count, then fill in C order.
fn mask_select(a: &NdArray, mask: &NdArray) -> Result<NdArray> {
    let mask = contiguous_bool(mask)?;
    let a = if a.is_c_contiguous() {
        a.clone()
    } else {
        a.copy(Order::C)?
    };
    let m = bool_bytes(&mask);
    let count = count_true(m);
    // SAFETY: exactly `count` elements are written below, one per true mask byte.
    let out = unsafe { NdArray::uninit(&[count], a.dtype().clone(), Order::C)? };
    if count == 0 {
        return Ok(out);
    }
    let src = a.data_ptr();
    let dst = out.data_ptr();
    by_size!(a.itemsize(), T => {
        // SAFETY: `a` is C-contiguous with `m.len()` elements, `out` has `count`
        // elements and `count` equals the number of true bytes.
        unsafe { compress_run::<T>(m, src, dst, count) }
    });
    Ok(out)
}

/// Copy `src[i]` for every true `m[i]` to consecutive slots of `dst`, branch-free up
/// to the last true byte.
///
/// # Safety
/// `src` holds `m.len()` elements of `T`, `dst` holds `count` elements, and `count`
/// is the number of nonzero bytes of `m`.
unsafe fn compress_run<T: Copy>(m: &[u8], src: *const u8, dst: *mut u8, count: usize) {
    let last = match m.iter().rposition(|&b| b != 0) {
        Some(l) => l,
        None => return,
    };
    let s = src as *const T;
    let d = dst as *mut T;
    let mut k = 0usize;
    for (i, &b) in m[..=last].iter().enumerate() {
        // SAFETY: before the last true byte, fewer than `count` true bytes have been
        // seen, so `k < count`; `i < m.len()`.
        unsafe { d.add(k).write_unaligned(s.add(i).read_unaligned()) };
        k += (b != 0) as usize;
    }
    debug_assert_eq!(k, count);
}

/// The number of nonzero bytes.
fn count_true(m: &[u8]) -> usize {
    // Chunked so the compiler vectorizes the byte sums.
    let mut total = 0usize;
    for chunk in m.chunks(255) {
        let s: u8 = chunk.iter().fold(0u8, |acc, &b| acc + (b != 0) as u8);
        total += s as usize;
    }
    total
}

/// A C-contiguous bool version of a mask (the mask itself when it is one).
fn contiguous_bool(mask: &NdArray) -> Result<NdArray> {
    if mask.kind() == DTypeKind::Bool && mask.is_c_contiguous() {
        Ok(mask.clone())
    } else {
        mask.astype(DType::BOOL, Order::C)
    }
}

/// The bytes of a C-contiguous bool array.
fn bool_bytes(mask: &NdArray) -> &[u8] {
    let n = mask.size();
    if n == 0 {
        return &[];
    }
    // SAFETY: callers pass C-contiguous bool arrays of `n` one-byte elements; the slice
    // borrows the array, which keeps the buffer alive.
    unsafe { std::slice::from_raw_parts(mask.data_ptr(), n) }
}

fn gather(f: &Fancy) -> Result<(NdArray, Option<NdArray>)> {
    let lay = f.layout()?;
    let v = &f.view;
    // NumPy lays the result out with the advanced dimensions first, then moves them
    // to their place (a view): `a[:, [0, 1]]` has F-like strides. So do we.
    let (npre, nb) = (lay.npre, lay.nb);
    let mut alloc_shape = Shape::new();
    alloc_shape.extend_from_slice(&lay.shape[npre..npre + nb]);
    alloc_shape.extend_from_slice(&lay.shape[..npre]);
    alloc_shape.extend_from_slice(&lay.shape[npre + nb..]);
    // SAFETY: the loops below write every element of `out` exactly once.
    let out = unsafe { NdArray::uninit(&alloc_shape, v.dtype().clone(), Order::C)? };
    let result = |out: NdArray| -> Result<(NdArray, Option<NdArray>)> {
        if npre == 0 {
            return Ok((out, None));
        }
        let nd = lay.shape.len();
        let axes: Vec<isize> = (nb..nb + npre)
            .chain(0..nb)
            .chain(nb + npre..nd)
            .map(|d| d as isize)
            .collect();
        let view = out.transpose(Some(&axes))?;
        Ok((view, Some(out)))
    };
    if out.size() == 0 {
        return result(out);
    }
    let item = v.itemsize();
    let base = v.data_ptr();
    let mut dst = out.data_ptr();
    let post_bytes = lay.post.len() * item;
    if lay.post.len() == 1 && npre == 1 && lay.pre.len() > 1 && lay.mid.len() <= 64 {
        // `a[:, [i, j]]`: one pass over the rows, each row giving one element to each of
        // the few index columns of the (index-major) output.
        let (rows, pst) = (lay.pre.len(), lay.pre[1] - lay.pre[0]);
        let q = lay.post[0];
        by_size!(item, T => {
            let o = dst as *mut T;
            for i in 0..rows {
                // SAFETY: `i * pst` is `lay.pre[i]` (a regular 1-D layout), so every source
                // is an element of the view as in the general loop below; output element
                // `j * rows + i` is inside `out`, which holds `mid.len() * rows` elements.
                unsafe {
                    let row = base.offset(i as isize * pst + q);
                    for (j, &m) in lay.mid.iter().enumerate() {
                        o.add(j * rows + i)
                            .write_unaligned((row.offset(m) as *const T).read_unaligned());
                    }
                }
            }
        });
        return result(out);
    }
    if lay.pre.len() == 1 && lay.post.len() == 1 {
        // Only index dimensions: one element per offset.
        let src = base.wrapping_offset(lay.pre[0] + lay.post[0]);
        by_size!(item, T => {
            let o = dst as *mut T;
            for (k, &m) in lay.mid.iter().enumerate() {
                // SAFETY: `pre[0] + m + post[0]` is an element of the view, as in the
                // general loop below; `out` holds `mid.len()` elements.
                unsafe { o.add(k).write_unaligned((src.offset(m) as *const T).read_unaligned()) };
            }
        });
        return result(out);
    }
    by_size!(item, T => {
        for &m in &lay.mid {
            for &p in &lay.pre {
                // SAFETY: `p + m + q` is an element of the view (offsets were built from
                // its shape and strides, index values bounds-checked); `dst` walks the
                // `out.size()` elements of `out` once.
                unsafe {
                    let src = base.offset(p + m);
                    if lay.post.len() == 1 {
                        move_elem::<T>(src, dst);
                        dst = dst.add(item);
                    } else if lay.post_contiguous {
                        std::ptr::copy_nonoverlapping(src, dst, post_bytes);
                        dst = dst.add(post_bytes);
                    } else {
                        for &q in &lay.post {
                            move_elem::<T>(src.offset(q), dst);
                            dst = dst.add(item);
                        }
                    }
                }
            }
        }
    });
    result(out)
}

// ----- scatter ---------------------------------------------------------------------------

/// `a[index] = value`: `value` is cast to `a`'s dtype and broadcast to the indexed
/// shape; with repeated indices the last assignment wins.
///
/// # Errors
/// As [`getitem`]; `ValueError` when `a` is read-only or `value` does not broadcast.
pub fn setitem(a: &NdArray, items: &[Index], value: &NdArray) -> Result<()> {
    a.check_writeable()?;
    if let [Index::Array(x)] = items {
        if x.kind() == DTypeKind::Bool && x.ndim() > 0 && x.shape() == a.shape() {
            return mask_assign(a, x, Value::Array(value));
        }
        if x.kind().is_integer() && x.ndim() > 0 && a.ndim() == 1 {
            return scatter_1d(a, x, Value::Array(value));
        }
    }
    match plan(a, items)? {
        Plan::Basic(b) => {
            let target = a.index(&b)?;
            target.assign(value)
        }
        Plan::Fancy(f) => {
            // The value must broadcast to the result shape; NumPy checks this before
            // it checks the indices' bounds.
            let src = value_for(a, value, &f.result_shape()?)?;
            let lay = f.layout()?;
            scatter(&f.view, &lay, Value::Array(&src))
        }
    }
}

/// `a[index] = scalar`.
///
/// # Errors
/// As [`setitem`].
pub fn setitem_scalar(a: &NdArray, items: &[Index], value: Scalar) -> Result<()> {
    a.check_writeable()?;
    if let [Index::Array(x)] = items {
        if x.kind() == DTypeKind::Bool && x.ndim() > 0 && x.shape() == a.shape() {
            return mask_assign(a, x, Value::Scalar(value));
        }
        if x.kind().is_integer() && x.ndim() > 0 && a.ndim() == 1 {
            return scatter_1d(a, x, Value::Scalar(value));
        }
    }
    match plan(a, items)? {
        Plan::Basic(b) => a.index(&b)?.fill(value),
        Plan::Fancy(f) => {
            let lay = f.layout()?;
            scatter(&f.view, &lay, Value::Scalar(value))
        }
    }
}

/// What an assignment writes.
enum Value<'a> {
    Scalar(Scalar),
    /// A C-contiguous array of the target's dtype and the indexed shape (for scatter);
    /// any array for mask assignment.
    Array(&'a NdArray),
}

/// `value` cast to `a`'s dtype, broadcast to `shape` and laid out C-contiguously.
fn value_for(a: &NdArray, value: &NdArray, shape: &[usize]) -> Result<NdArray> {
    // NumPy drops leading length-1 axes of a value with more dimensions.
    let mut v = value.clone();
    while v.ndim() > shape.len() && v.shape()[0] == 1 {
        v = v.index(&[IndexItem::Int(0)])?;
    }
    let b = v.broadcast_to(shape).map_err(|_| {
        Error::value(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            shape_text(value.shape()),
            shape_text(shape)
        ))
    })?;
    let same = b.dtype() == a.dtype() && b.is_c_contiguous() && !b.may_share_memory(a);
    if same && b.strides().iter().all(|&s| s != 0) {
        return Ok(b);
    }
    let out = NdArray::unspecified(shape, a.dtype().clone(), Order::C)?;
    out.assign(&b)?;
    Ok(out)
}

/// The bytes of one element of `a`'s dtype holding `value`.
fn pattern_of(a: &NdArray, value: Scalar) -> Result<NdArray> {
    let p = NdArray::from_scalar(value.cast(a.kind()));
    if a.dtype().is_native() {
        Ok(p)
    } else {
        p.astype(a.dtype().clone(), Order::C)
    }
}

fn scatter(view: &NdArray, lay: &Layout, value: Value<'_>) -> Result<()> {
    let n: usize = lay.shape.iter().product();
    if n == 0 {
        return Ok(());
    }
    let item = view.itemsize();
    let base = view.data_ptr();
    let (src, step) = match &value {
        Value::Scalar(s) => (pattern_of(view, *s)?, 0usize),
        Value::Array(v) => ((*v).clone(), item),
    };
    let mut sp = src.data_ptr() as *const u8;
    by_size!(item, T => {
        for &p in &lay.pre {
            for &m in &lay.mid {
                for &q in &lay.post {
                    // SAFETY: `p + m + q` is an element of the view (as in `gather`);
                    // `sp` walks the `n` elements of the C-contiguous source (or stays on
                    // the one-element pattern when `step` is 0).
                    unsafe {
                        move_elem::<T>(sp, base.offset(p + m + q));
                        sp = sp.add(step);
                    }
                }
            }
        }
    });
    Ok(())
}

/// `a[mask] = value` for a mask of `a`'s shape.
fn mask_assign(a: &NdArray, mask: &NdArray, value: Value<'_>) -> Result<()> {
    let maskc = contiguous_bool(mask)?;
    let m = bool_bytes(&maskc);
    let count = count_true(m);
    let (src, step) = match value {
        Value::Scalar(s) => (pattern_of(a, s)?, 0usize),
        Value::Array(v) => {
            if v.ndim() > 1 {
                return Err(Error::type_error(format!(
                    "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
                    v.ndim()
                )));
            }
            if v.size() == 1 {
                let one = v.reshape(&[1], Order::C)?;
                (value_for(a, &one, &[1])?, 0usize)
            } else {
                if v.size() != count {
                    return Err(Error::value(format!(
                        "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
                        v.size()
                    )));
                }
                (value_for(a, v, &[count])?, a.itemsize())
            }
        }
    };
    if count == 0 {
        return Ok(());
    }
    let target = if a.is_c_contiguous() {
        a.clone()
    } else {
        a.copy(Order::C)?
    };
    let item = a.itemsize();
    let dst = target.data_ptr();
    let sp = src.data_ptr() as *const u8;
    by_size!(item, T => {
        // SAFETY: the target is C-contiguous with `m.len()` elements of `T`, not aliased
        // while this slice lives.
        let d = unsafe { std::slice::from_raw_parts_mut(dst as *mut T, m.len()) };
        if step == 0 {
            // SAFETY: the pattern holds one element.
            let v = unsafe { (sp as *const T).read_unaligned() };
            // A select, not a branch: the compiler turns this into blends.
            for (x, &b) in d.iter_mut().zip(m) {
                *x = if b != 0 { v } else { *x };
            }
        } else {
            // SAFETY: the source holds `count` elements of `T` (C-contiguous).
            let s = unsafe { std::slice::from_raw_parts(sp as *const T, count) };
            let last = count - 1;
            let mut k = 0usize;
            for (x, &b) in d.iter_mut().zip(m) {
                let v = s[k.min(last)];
                *x = if b != 0 { v } else { *x };
                k += (b != 0) as usize;
            }
        }
    });
    if !a.is_c_contiguous() {
        a.assign(&target)?;
    }
    Ok(())
}

// ----- element offsets (for ufunc.at, put and flat assignment) ------------------------

/// The byte offsets (from `a.data_ptr()`) of the elements `a[index]` selects, in C
/// order, and the indexed shape. Basic keys are included (a view's elements).
///
/// # Errors
/// As [`getitem`].
pub fn element_offsets(a: &NdArray, items: &[Index]) -> Result<(Shape, Vec<isize>)> {
    match plan(a, items)? {
        Plan::Basic(b) => {
            let v = a.index(&b)?;
            let start = v.offset() as isize - a.offset() as isize;
            let offs = layout_offsets(v.shape(), v.strides())
                .into_iter()
                .map(|o| o + start)
                .collect();
            Ok((v.shape().into(), offs))
        }
        Plan::Fancy(f) => {
            let lay = f.layout()?;
            let start = f.view.offset() as isize - a.offset() as isize;
            let mut offs = Vec::with_capacity(lay.shape.iter().product());
            for &p in &lay.pre {
                for &m in &lay.mid {
                    for &q in &lay.post {
                        offs.push(start + p + m + q);
                    }
                }
            }
            Ok((lay.shape, offs))
        }
    }
}

/// Copy the elements at `offsets` of `a` into a new 1-D array.
///
/// # Errors
/// `MemoryError`.
pub fn gather_offsets(a: &NdArray, offsets: &[isize]) -> Result<NdArray> {
    // SAFETY: every element is written below.
    let out = unsafe { NdArray::uninit(&[offsets.len()], a.dtype().clone(), Order::C)? };
    let item = a.itemsize();
    let base = a.data_ptr();
    let dst = out.data_ptr();
    by_size!(item, T => {
        for (k, &o) in offsets.iter().enumerate() {
            // SAFETY: callers pass offsets from `element_offsets(a, ..)`, which are
            // elements of `a`; `out` holds `offsets.len()` elements.
            unsafe { move_elem::<T>(base.offset(o), dst.add(k * item)) };
        }
    });
    Ok(out)
}

/// Write `values` (cast to `a`'s dtype, read flat in C order and repeated cyclically)
/// to the elements at `offsets` of `a`, in order.
///
/// # Errors
/// `ValueError` when `a` is read-only.
pub fn scatter_offsets_cycled(a: &NdArray, offsets: &[isize], values: &NdArray) -> Result<()> {
    a.check_writeable()?;
    let m = values.size();
    if m == 0 || offsets.is_empty() {
        return Ok(());
    }
    let v = NdArray::unspecified(&[m], a.dtype().clone(), Order::C)?;
    v.assign(&values.reshape(&[m as isize], Order::C)?)?;
    let item = a.itemsize();
    let base = a.data_ptr();
    let sp = v.data_ptr() as *const u8;
    by_size!(item, T => {
        for (k, &o) in offsets.iter().enumerate() {
            // SAFETY: offsets are elements of `a` (from `element_offsets`); `k % m`
            // indexes the `m` elements of `v`.
            unsafe { move_elem::<T>(sp.add((k % m) * item), base.offset(o)) };
        }
    });
    Ok(())
}

/// `ufunc.at(a, index, b)`: apply `uf` in place at `a[index]`, unbuffered, so that
/// repeated positions accumulate. The positions run in C order in batches without
/// repeats, each batch one vectorized ufunc call.
///
/// # Errors
/// As [`getitem`]; `ValueError` when `b` does not broadcast; the ufunc's errors.
pub fn ufunc_at(
    uf: &crate::ufunc::Ufunc,
    a: &NdArray,
    items: &[Index],
    b: Option<&crate::ufunc::Input>,
) -> Result<crate::ufunc::FpFlags> {
    use crate::ufunc::{call, CallOptions, FpFlags, Input};
    a.check_writeable()?;
    let (shape, offs) = element_offsets(a, items)?;
    if uf.nin == 2 && b.is_none() {
        return Err(Error::value("second operand needed for ufunc"));
    }
    let b_flat = match b {
        Some(Input::Array(x)) if uf.nin == 2 => {
            let bx = x
                .broadcast_to(&shape)
                .map_err(|_| Error::value("array is not broadcastable to correct shape"))?;
            let n = offs.len();
            Some(bx.copy(Order::C)?.reshape(&[n as isize], Order::C)?)
        }
        _ => None,
    };
    if let Some(flags) = at_in_place(uf, a, &offs, b_flat.as_ref(), b)? {
        return Ok(flags);
    }
    // Round r applies the r-th occurrence of every position: positions are
    // independent, and each one still sees its updates in order, so this equals the
    // unbuffered sequential loop while each round is one vectorized call.
    let mut seen: std::collections::HashMap<isize, u32> = std::collections::HashMap::new();
    let ranks: Vec<u32> = offs
        .iter()
        .map(|o| {
            let r = seen.entry(*o).or_insert(0);
            *r += 1;
            *r - 1
        })
        .collect();
    let rounds = seen.values().copied().max().unwrap_or(0);
    let mut flags = FpFlags::default();
    let b_item = b_flat.as_ref().map_or(0, |x| x.itemsize() as isize);
    for r in 0..rounds {
        let (batch, b_offs): (Vec<isize>, Vec<isize>) = offs
            .iter()
            .zip(&ranks)
            .enumerate()
            .filter(|(_, (_, &rk))| rk == r)
            .map(|(k, (&o, _))| (o, k as isize * b_item))
            .unzip();
        let ta = gather_offsets(a, &batch)?;
        let mut ins = vec![Input::Array(ta.clone())];
        if uf.nin == 2 {
            ins.push(match (&b_flat, b) {
                (Some(bf), _) => Input::Array(gather_offsets(bf, &b_offs)?),
                (None, Some(w)) => w.clone(),
                (None, None) => return Err(Error::value("second operand needed for ufunc")),
            });
        }
        let opts = CallOptions {
            out: vec![Some(ta.clone())],
            casting: numoxide_core::cast::Casting::Unsafe,
            ..Default::default()
        };
        let (_, f) = call(uf, &ins, &opts)?;
        flags = flags.union(f);
        scatter_offsets_cycled(a, &batch, &ta)?;
    }
    Ok(flags)
}

/// The sequential fast path of `ufunc.at`: when the ufunc has a loop computing in
/// `a`'s own (native) dtype, run its kernel on one element at a time, in place.
/// `None` when the path does not apply.
fn at_in_place(
    uf: &crate::ufunc::Ufunc,
    a: &NdArray,
    offs: &[isize],
    b_flat: Option<&NdArray>,
    b: Option<&crate::ufunc::Input>,
) -> Result<Option<crate::ufunc::FpFlags>> {
    use crate::ufunc::{fpstatus, Input};
    if !a.dtype().is_native() || uf.nout != 1 || uf.nin > 2 {
        return Ok(None);
    }
    let kind = a.kind();
    let probe = NdArray::zeros(&[1], a.dtype().clone(), Order::C)?;
    let mut ins = vec![Input::Array(probe.clone())];
    if uf.nin == 2 {
        match (b_flat, b) {
            (Some(x), _) => ins.push(Input::Array(NdArray::zeros(
                &[1],
                x.dtype().clone(),
                Order::C,
            )?)),
            (None, Some(w)) => ins.push(w.clone()),
            (None, None) => return Ok(None),
        }
    }
    let li = match uf.resolve(&ins, None, numoxide_core::cast::Casting::Unsafe) {
        Ok(li) => li,
        Err(_) => return Ok(None),
    };
    let lp = match uf.loops.get(li) {
        Some(lp) if lp.types.iter().all(|&t| t == kind) => lp,
        _ => return Ok(None),
    };
    // The second operand in `a`'s dtype, one element per position (or one for all).
    let (bv, bstep) = match (uf.nin, b_flat, b) {
        (1, _, _) => (None, 0isize),
        (_, Some(x), _) => (
            Some(x.astype(a.dtype().clone(), Order::C)?),
            a.itemsize() as isize,
        ),
        (_, None, Some(Input::Weak(w))) => {
            let s = match *w {
                crate::ufunc::Weak::Int(i) => match i64::try_from(i) {
                    Ok(v) => Scalar::Int64(v),
                    Err(_) => Scalar::UInt64(i as u64),
                },
                crate::ufunc::Weak::Float(f) => Scalar::Float64(f),
                crate::ufunc::Weak::Complex(re, im) => {
                    Scalar::Complex128(numoxide_core::element::Complex::new(re, im))
                }
            };
            (Some(NdArray::from_scalar(s.cast(kind))), 0)
        }
        (_, None, Some(Input::Array(x))) => {
            let one = x.astype(a.dtype().clone(), Order::C)?;
            if one.size() != 1 {
                return Ok(None);
            }
            (Some(one), 0)
        }
        _ => return Ok(None),
    };
    let base = a.data_ptr();
    fpstatus::clear();
    if let (true, Some(v)) = (uf.name == "add", &bv) {
        // The commonest case (histogram-style accumulation) as a typed loop.
        macro_rules! add_loop {
            ($t:ty, $op:expr) => {{
                let vp = v.data_ptr() as *const u8;
                for (k, &o) in offs.iter().enumerate() {
                    // SAFETY: as in the kernel loop below.
                    unsafe {
                        let p = base.offset(o) as *mut $t;
                        let x = (vp.offset(k as isize * bstep) as *const $t).read_unaligned();
                        p.write_unaligned($op(p.read_unaligned(), x));
                    }
                }
                return Ok(Some(fpstatus::read()));
            }};
        }
        match kind {
            DTypeKind::Float64 => add_loop!(f64, |p: f64, x: f64| p + x),
            DTypeKind::Float32 => add_loop!(f32, |p: f32, x: f32| p + x),
            DTypeKind::Int64 => add_loop!(i64, |p: i64, x: i64| p.wrapping_add(x)),
            DTypeKind::Int32 => add_loop!(i32, |p: i32, x: i32| p.wrapping_add(x)),
            _ => {}
        }
    }
    match bv {
        None => {
            for &o in offs {
                // SAFETY: `o` is an element of `a` (from `element_offsets`); the kernel
                // reads and writes that one element in place (identical in/out run).
                unsafe {
                    let p = base.offset(o);
                    lp.kernel.call(&[p, p], &[0, 0], 1);
                }
            }
        }
        Some(v) => {
            let vp = v.data_ptr();
            for (k, &o) in offs.iter().enumerate() {
                // SAFETY: as above; `vp + k*bstep` is element `k` of the C-contiguous
                // operand (or its only element when `bstep` is 0).
                unsafe {
                    let p = base.offset(o);
                    lp.kernel
                        .call(&[p, vp.offset(k as isize * bstep), p], &[0, 0, 0], 1);
                }
            }
        }
    }
    Ok(Some(fpstatus::read()))
}

// ----- nonzero and friends ---------------------------------------------------------------

/// `np.nonzero(a)`: for each axis, the int64 indices of the nonzero elements in C order.
///
/// # Errors
/// `ValueError` for 0-d input (as NumPy 2).
pub fn nonzero(a: &NdArray) -> Result<Vec<NdArray>> {
    if a.ndim() == 0 {
        // NumPy adds a hint for boolean input (the `arr[nonzero(cond)]` idiom).
        let hint = if a.kind() == DTypeKind::Bool {
            " If the context of this error is of the form `arr[nonzero(cond)]`, just use `arr[cond]`."
        } else {
            ""
        };
        return Err(Error::value(format!(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.{hint}"
        )));
    }
    let mask = truth(a)?;
    let m = bool_bytes(&mask);
    let count = count_true(m);
    let nd = a.ndim();
    let outs: Vec<NdArray> = (0..nd)
        // SAFETY: each output gets exactly `count` values written below.
        .map(|_| unsafe { NdArray::uninit(&[count], DType::new(DTypeKind::Int64), Order::C) })
        .collect::<Result<_>>()?;
    if count == 0 {
        return Ok(outs);
    }
    let ptrs: Vec<*mut i64> = outs.iter().map(|o| o.data_ptr() as *mut i64).collect();
    if let ([p], Some(last)) = (ptrs.as_slice(), m.iter().rposition(|&b| b != 0)) {
        // Branch-free: write every position, advance only past true ones.
        let mut k = 0usize;
        for (i, &b) in m[..=last].iter().enumerate() {
            // SAFETY: before the last true byte fewer than `count` trues were seen, so
            // `k < count`, within the output.
            unsafe { p.add(k).write(i as i64) };
            k += (b != 0) as usize;
        }
        return Ok(outs);
    }
    let shape = a.shape();
    let mut idx = vec![0usize; nd];
    let mut k = 0usize;
    for &b in m {
        if b != 0 {
            for (p, &i) in ptrs.iter().zip(&idx) {
                // SAFETY: `k < count` (one write per true byte), within each output.
                unsafe { p.add(k).write(i as i64) };
            }
            k += 1;
        }
        let mut d = nd;
        while d > 0 {
            d -= 1;
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(outs)
}

/// A C-contiguous bool array: `a != 0` (the array itself for contiguous bools).
fn truth(a: &NdArray) -> Result<NdArray> {
    if a.kind() == DTypeKind::Bool {
        return contiguous_bool(a);
    }
    let t = crate::reductions::truthy(a)?;
    contiguous_bool(&t)
}

/// `np.count_nonzero`-style count of true elements (C order irrelevant).
///
/// # Errors
/// As the truth conversion.
pub fn count_nonzero(a: &NdArray) -> Result<usize> {
    let t = truth(a)?;
    Ok(count_true(bool_bytes(&t)))
}

/// `np.argwhere(a)`: an (N, ndim) int64 array of the indices of nonzero elements.
///
/// # Errors
/// As the truth conversion.
pub fn argwhere(a: &NdArray) -> Result<NdArray> {
    if a.ndim() == 0 {
        let n = usize::from(truth(a)?.item()?.to::<bool>());
        return NdArray::from_vec(Vec::<i64>::new(), &[n, 0]);
    }
    let cols = nonzero(a)?;
    let nd = a.ndim();
    let count = cols.first().map_or(0, |c| c.size());
    if nd == 1 {
        if let Some(c) = cols.first() {
            return c.reshape(&[count as isize, 1], Order::C);
        }
    }
    let held: Vec<NdArray> = cols.iter().map(as_intp).collect::<Result<_>>()?;
    let vecs: Vec<&[i64]> = held.iter().map(intp_slice).collect();
    let mut data = vec![0i64; count * nd];
    for (d, v) in vecs.iter().enumerate() {
        for (slot, &x) in data.iter_mut().skip(d).step_by(nd).zip(v.iter()) {
            *slot = x;
        }
    }
    NdArray::from_vec(data, &[count, nd])
}

/// `np.flatnonzero(a)`: indices of the nonzero elements of `a.ravel()`.
///
/// # Errors
/// As the truth conversion.
pub fn flatnonzero(a: &NdArray) -> Result<NdArray> {
    let flat = a.ravel(Order::C)?;
    let mut v = nonzero(&flat)?;
    v.pop().ok_or_else(|| Error::value("nonzero"))
}

mod routines;
pub use routines::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(n: i64, shape: &[usize]) -> NdArray {
        NdArray::from_vec((0..n).collect::<Vec<i64>>(), shape).expect("shape")
    }

    fn ints(v: &[i64]) -> NdArray {
        NdArray::from_vec(v.to_vec(), &[v.len()]).expect("shape")
    }

    #[test]
    fn fancy_dimensions_land_as_numpy_places_them() {
        let a = arange(24, &[2, 3, 4]);
        let full = Index::Basic(IndexItem::Slice(None, None, None));
        // Adjacent: replaced in place.
        let r = getitem(&a, &[full.clone(), Index::Array(ints(&[0, 2]))]).expect("index");
        assert_eq!(r.shape(), &[2, 2, 4]);
        // Separated by a slice: the index dimensions go first.
        let r = getitem(
            &a,
            &[
                Index::Basic(IndexItem::Int(0)),
                full,
                Index::Array(ints(&[0, 1])),
            ],
        )
        .expect("index");
        assert_eq!(r.shape(), &[2, 3]);
        assert_eq!(r.to_vec::<i64>(), vec![0, 4, 8, 1, 5, 9]);
    }

    #[test]
    fn masks_and_errors() {
        let a = arange(6, &[6]);
        let m = NdArray::from_vec(vec![true, false, true, true, false, true], &[6]).expect("m");
        let r = getitem(&a, &[Index::Array(m.clone())]).expect("mask");
        assert_eq!(r.to_vec::<i64>(), vec![0, 2, 3, 5]);
        setitem_scalar(&a, &[Index::Array(m)], Scalar::Int64(-1)).expect("set");
        assert_eq!(a.to_vec::<i64>(), vec![-1, 1, -1, -1, 4, -1]);
        let e = getitem(&a, &[Index::Array(ints(&[6]))]).expect_err("oob");
        assert_eq!(
            e.message(),
            "index 6 is out of bounds for axis 0 with size 6"
        );
        let f = NdArray::from_vec(vec![1.0f64], &[1]).expect("f");
        assert!(getitem(&a, &[Index::Array(f)]).is_err());
    }

    #[test]
    fn repeated_assignment_last_wins() {
        let a = arange(3, &[3]);
        setitem(&a, &[Index::Array(ints(&[0, 0]))], &ints(&[7, 8])).expect("set");
        assert_eq!(a.to_vec::<i64>(), vec![8, 1, 2]);
    }

    #[test]
    fn routines() {
        let a = arange(6, &[2, 3]);
        let t = take(&a, &ints(&[-1, 7]), None, Mode::Wrap).expect("take");
        assert_eq!(t.to_vec::<i64>(), vec![5, 1]);
        let nz = nonzero(&a).expect("nonzero");
        assert_eq!(nz[1].to_vec::<i64>(), vec![1, 2, 0, 1, 2]);
        let u = unravel_index(&ints(&[5]), &[2, 3], false).expect("unravel");
        assert_eq!(
            (u[0].to_vec::<i64>(), u[1].to_vec::<i64>()),
            (vec![1], vec![2])
        );
        let r = ravel_multi_index(&[ints(&[1]), ints(&[2])], &[2, 3], &[Mode::Raise], false)
            .expect("ravel");
        assert_eq!(r.to_vec::<i64>(), vec![5]);
        let tri = tri_indices(3, 0, 3, false).expect("tril");
        assert_eq!(tri[1].to_vec::<i64>(), vec![0, 0, 1, 0, 1, 2]);
    }
}
