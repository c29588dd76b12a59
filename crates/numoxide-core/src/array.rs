//! The array: a shared buffer seen through a layout (offset, shape, byte strides) and a
//! dtype. Views share the buffer; every view is checked to stay inside it.

use std::sync::Arc;

use crate::buffer::Buffer;
use crate::dtype::{DType, DTypeKind};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{self, Order, Shape, Strides};
use crate::scalar::{Scalar, ScalarElement};
use smallvec::SmallVec;

/// An n-dimensional array (or a view of one).
#[derive(Clone, Debug)]
pub struct NdArray {
    buffer: Arc<Buffer>,
    offset: usize,
    shape: Shape,
    strides: Strides,
    dtype: DType,
    writeable: bool,
}

impl NdArray {
    // ----- construction -----------------------------------------------------------

    /// A new array of `shape` and `dtype` laid out in `order` (C or F; A and K mean C),
    /// filled with zeros.
    ///
    /// # Errors
    /// `ValueError` for a shape too big to address, `MemoryError` when allocation fails.
    #[inline]
    pub fn zeros(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        Self::fresh(shape, dtype, order, |n| Buffer::allocate(n, true))
    }

    /// A new array over a buffer from `allocate` (given the byte count), with NumPy's
    /// strides for a fresh array.
    #[inline]
    fn fresh(
        shape: &[usize],
        dtype: DType,
        order: Order,
        allocate: impl FnOnce(usize) -> Option<Buffer>,
    ) -> Result<NdArray> {
        if shape.len() > layout::MAXDIMS {
            return Err(Error::value(format!(
                "maximum supported dimension for an ndarray is currently {}, found {}",
                layout::MAXDIMS,
                shape.len()
            )));
        }
        let itemsize = dtype.itemsize();
        let nbytes = layout::checked_nbytes(shape, itemsize)?;
        let buffer = allocate(nbytes).ok_or_else(|| Error::memory(nbytes, shape, dtype.name()))?;
        let strides = match order {
            // NumPy 2 gives a fresh empty array all-zero strides.
            _ if shape.contains(&0) => Strides::from_elem(0, shape.len()),
            Order::F => layout::f_strides(shape, itemsize),
            _ => layout::c_strides(shape, itemsize),
        };
        Ok(NdArray {
            buffer: Arc::new(buffer),
            offset: 0,
            shape: shape.into(),
            strides,
            dtype,
            writeable: true,
        })
    }

    /// A new array whose memory is not initialized: the fast path for outputs that a
    /// kernel overwrites completely.
    ///
    /// # Safety
    /// Every element must be written before any element is read (reading uninitialized
    /// memory is undefined behaviour).
    ///
    /// # Errors
    /// As [`NdArray::zeros`].
    pub unsafe fn uninit(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        let itemsize = dtype.itemsize();
        let nbytes = layout::checked_nbytes(shape, itemsize)?;
        let buffer = Buffer::allocate(nbytes, false)
            .ok_or_else(|| Error::memory(nbytes, shape, dtype.name()))?;
        let strides = match order {
            Order::F => layout::f_strides(shape, itemsize),
            _ => layout::c_strides(shape, itemsize),
        };
        Ok(NdArray {
            buffer: Arc::new(buffer),
            offset: 0,
            shape: shape.into(),
            strides,
            dtype,
            writeable: true,
        })
    }

    /// A new array for callers that rely on zeros (numoxide's long-standing meaning of
    /// `empty` inside the engine); equals [`NdArray::zeros`].
    ///
    /// # Errors
    /// As [`NdArray::zeros`].
    pub fn empty(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        Self::zeros(shape, dtype, order)
    }

    /// A new array whose contents are unspecified (what `np.empty` gives): memory that is
    /// either fresh and zeroed or reused from a freed array, never uninitialized bytes.
    ///
    /// # Errors
    /// As [`NdArray::zeros`].
    #[inline]
    pub fn unspecified(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        Self::fresh(shape, dtype, order, Buffer::allocate_initialized)
    }

    /// A new array filled with `value` cast to `dtype`.
    ///
    /// # Errors
    /// As [`NdArray::zeros`].
    pub fn full(shape: &[usize], dtype: DType, value: Scalar, order: Order) -> Result<NdArray> {
        let a = Self::unspecified(shape, dtype, order)?;
        a.fill(value)?;
        Ok(a)
    }

    /// A C-contiguous array that takes ownership of `data` laid out as `shape`.
    ///
    /// # Errors
    /// `ValueError` when `data.len()` is not the product of `shape`.
    pub fn from_vec<T: ScalarElement>(data: Vec<T>, shape: &[usize]) -> Result<NdArray> {
        let n = layout::checked_size(shape)?;
        if n != data.len() {
            return Err(Error::value(format!(
                "cannot reshape array of size {} into shape {:?}",
                data.len(),
                shape
            )));
        }
        if n == 0 {
            return Self::zeros(shape, DType::new(T::KIND), Order::C);
        }
        // SAFETY: the copy below writes all `n` elements before anyone reads them.
        let a = unsafe { Self::uninit(shape, DType::new(T::KIND), Order::C)? };
        {
            // SAFETY: `a` was just allocated with room for exactly `n` elements of `T`,
            // contiguous from its data pointer, and `data` cannot overlap it.
            unsafe {
                std::ptr::copy_nonoverlapping(
                    data.as_ptr() as *const u8,
                    a.data_ptr(),
                    n * std::mem::size_of::<T>(),
                )
            };
        }
        Ok(a)
    }

    /// A 0-d array holding `value`.
    pub fn from_scalar(value: Scalar) -> NdArray {
        let dtype = value.dtype();
        let buffer = Buffer::allocate(dtype.itemsize(), true).unwrap_or_else(|| {
            // Allocating at most 16 bytes can only fail when the process is out of memory.
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 16]>())
        });
        // SAFETY: the buffer holds one element of the scalar's kind.
        unsafe { value.write_to(buffer.as_ptr()) };
        NdArray {
            buffer: Arc::new(buffer),
            offset: 0,
            shape: Shape::new(),
            strides: Strides::new(),
            dtype,
            writeable: true,
        }
    }

    /// An array over an existing buffer.
    ///
    /// # Errors
    /// `ValueError` when the layout reaches outside the buffer or is misaligned for
    /// the dtype's element size.
    pub fn from_buffer(
        buffer: Arc<Buffer>,
        offset: usize,
        shape: &[usize],
        strides: &[isize],
        dtype: DType,
        writeable: bool,
    ) -> Result<NdArray> {
        if shape.len() != strides.len() {
            return Err(Error::value("shape and strides must have the same length"));
        }
        layout::checked_size(shape)?;
        layout::check_within(offset, shape, strides, dtype.itemsize(), buffer.len())?;
        Ok(NdArray {
            buffer,
            offset,
            shape: shape.into(),
            strides: strides.into(),
            dtype,
            writeable,
        })
    }

    // ----- attributes ---------------------------------------------------------------

    /// The length of each axis.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    /// The byte step of each axis.
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    /// The number of axes.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    /// The number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }
    /// The element descriptor.
    pub fn dtype(&self) -> &DType {
        &self.dtype
    }
    /// The element kind.
    pub fn kind(&self) -> DTypeKind {
        self.dtype.kind()
    }
    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }
    /// `size * itemsize`.
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    /// NumPy's `flags.c_contiguous`.
    pub fn is_c_contiguous(&self) -> bool {
        layout::is_c_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    /// NumPy's `flags.f_contiguous`.
    pub fn is_f_contiguous(&self) -> bool {
        layout::is_f_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    /// NumPy's `flags.aligned`.
    pub fn is_aligned(&self) -> bool {
        let align = match self.kind() {
            DTypeKind::Complex64 => 4,
            DTypeKind::Complex128 => 8,
            k => k.itemsize(),
        } as isize;
        (self.data_ptr() as isize) % align == 0 && self.strides.iter().all(|s| s % align == 0)
    }
    /// NumPy's `flags.writeable`.
    pub fn is_writeable(&self) -> bool {
        self.writeable
    }
    /// Set or clear the writeable flag.
    pub fn set_writeable(&mut self, writeable: bool) {
        self.writeable = writeable;
    }
    /// The address of the element at index (0, ..., 0).
    pub fn data_ptr(&self) -> *mut u8 {
        // `offset` lies within the buffer (or equals its length for empty arrays).
        self.buffer.as_ptr().wrapping_add(self.offset)
    }
    /// The byte offset of element (0, ..., 0) within the buffer.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// The shared buffer.
    pub fn buffer(&self) -> &Arc<Buffer> {
        &self.buffer
    }
    /// The byte range of the buffer this array can touch, or `None` when empty.
    pub fn byte_range(&self) -> Option<(usize, usize)> {
        layout::byte_extent(&self.shape, &self.strides, self.itemsize()).map(|(lo, hi)| {
            (
                (self.offset as isize + lo) as usize,
                (self.offset as isize + hi) as usize,
            )
        })
    }
    /// NumPy's `may_share_memory`: the two arrays' byte ranges overlap.
    pub fn may_share_memory(&self, other: &NdArray) -> bool {
        let (a, b) = (
            self.buffer.as_ptr() as usize,
            other.buffer.as_ptr() as usize,
        );
        match (self.byte_range(), other.byte_range()) {
            (Some((s0, s1)), Some((o0, o1))) => a + s0 < b + o1 && b + o0 < a + s1,
            _ => false,
        }
    }
    /// NumPy's `shares_memory`: some element of one is an element of the other. Exact
    /// for the common cases (disjoint ranges, identical layouts, one contiguous);
    /// otherwise it compares element addresses.
    pub fn shares_memory(&self, other: &NdArray) -> bool {
        if !self.may_share_memory(other) {
            return false;
        }
        if self.is_c_contiguous() || other.is_c_contiguous() {
            // A contiguous array covers its whole byte range; any overlap of element
            // bytes counts only if an element of the other array starts or spans there.
            let (c, o) = if self.is_c_contiguous() {
                (self, other)
            } else {
                (other, self)
            };
            let (c0, c1) = match c.byte_range() {
                Some(r) => r,
                None => return false,
            };
            let cb = c.buffer.as_ptr() as usize;
            let ob = o.buffer.as_ptr() as usize;
            let item = o.itemsize();
            let mut hit = false;
            o.for_each_offset(|off| {
                let start = ob + off;
                if start < cb + c1 && cb + c0 < start + item {
                    hit = true;
                }
            });
            return hit;
        }
        let mut mine = Vec::with_capacity(self.size());
        let sb = self.buffer.as_ptr() as usize;
        self.for_each_offset(|off| mine.push((sb + off, sb + off + self.itemsize())));
        mine.sort_unstable();
        let ob = other.buffer.as_ptr() as usize;
        let item = other.itemsize();
        let mut hit = false;
        other.for_each_offset(|off| {
            let (s, e) = (ob + off, ob + off + item);
            let i = mine.partition_point(|r| r.1 <= s);
            if i < mine.len() && mine[i].0 < e {
                hit = true;
            }
        });
        hit
    }

    /// Call `f` with the byte offset (within the buffer) of every element, in C order.
    pub fn for_each_offset(&self, mut f: impl FnMut(usize)) {
        let n = self.size();
        if n == 0 {
            return;
        }
        let nd = self.ndim();
        let mut index = vec![0usize; nd];
        let mut off = self.offset as isize;
        for _ in 0..n {
            f(off as usize);
            let mut d = nd;
            while d > 0 {
                d -= 1;
                index[d] += 1;
                off += self.strides[d];
                if index[d] < self.shape[d] {
                    break;
                }
                off -= self.strides[d] * self.shape[d] as isize;
                index[d] = 0;
            }
        }
    }

    // ----- views ----------------------------------------------------------------------

    /// A view of the same buffer with another layout.
    ///
    /// # Errors
    /// `ValueError` when the layout reaches outside the buffer.
    pub fn view_with(
        &self,
        offset: usize,
        shape: &[usize],
        strides: &[isize],
        dtype: DType,
    ) -> Result<NdArray> {
        layout::check_within(offset, shape, strides, dtype.itemsize(), self.buffer.len())?;
        Ok(NdArray {
            buffer: Arc::clone(&self.buffer),
            offset,
            shape: shape.into(),
            strides: strides.into(),
            dtype,
            writeable: self.writeable,
        })
    }

    /// `as_strided`: a view of the same buffer with any shape and byte strides (zero,
    /// overlapping and negative strides allowed) starting at this array's first element,
    /// keeping the writeable flag. Layouts that would reach bytes outside the buffer are
    /// refused, so the view can never read or write foreign memory.
    ///
    /// # Errors
    /// `ValueError` naming the reachable byte range when it leaves the buffer, or when
    /// shape and strides differ in length.
    pub fn as_strided(&self, shape: &[usize], strides: &[isize]) -> Result<NdArray> {
        if shape.len() != strides.len() {
            return Err(Error::value(format!(
                "as_strided: shape has {} dimensions but strides has {}",
                shape.len(),
                strides.len()
            )));
        }
        if shape.len() > layout::MAXDIMS {
            return Err(Error::value(format!(
                "maximum supported dimension for an ndarray is currently {}, found {}",
                layout::MAXDIMS,
                shape.len()
            )));
        }
        layout::checked_size(shape)?;
        let offset = if shape.contains(&0) {
            self.offset.min(self.buffer.len())
        } else {
            self.offset
        };
        layout::check_within(offset, shape, strides, self.itemsize(), self.buffer.len())
            .map_err(|_| {
                let (lo, hi) = layout::byte_extent(shape, strides, self.itemsize())
                    .unwrap_or((0, 0));
                Error::value(format!(
                    "as_strided: shape {} with strides {} reaches bytes {} to {} relative to the first element, outside the {}-byte buffer (the first element is at byte {})",
                    layout::shape_text(shape),
                    strides_text(strides),
                    lo,
                    hi,
                    self.buffer.len(),
                    self.offset
                ))
            })?;
        Ok(NdArray {
            buffer: Arc::clone(&self.buffer),
            offset,
            shape: shape.into(),
            strides: strides.into(),
            dtype: self.dtype.clone(),
            writeable: self.writeable,
        })
    }

    /// A view with the layout replaced, unchecked against the buffer; only for layouts
    /// derived from this one by permuting, dropping or adding length-1 axes, or
    /// shrinking, all of which stay inside the original extent.
    #[inline]
    fn derived(&self, offset: usize, shape: Shape, strides: Strides) -> NdArray {
        debug_assert!(layout::check_within(
            offset,
            &shape,
            &strides,
            self.itemsize(),
            self.buffer.len()
        )
        .is_ok());
        NdArray {
            buffer: Arc::clone(&self.buffer),
            offset,
            shape,
            strides,
            dtype: self.dtype.clone(),
            writeable: self.writeable,
        }
    }

    /// `transpose(axes)`: reverse the axes, or permute them as given.
    ///
    /// # Errors
    /// `ValueError` "axes don't match array" for a wrong count, `AxisError`, or
    /// "repeated axis in transpose".
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        let nd = self.ndim();
        let perm: SmallVec<[usize; 4]> = match axes {
            None => (0..nd).rev().collect(),
            Some(axes) => {
                if axes.len() != nd {
                    return Err(Error::value("axes don't match array"));
                }
                let mut seen = vec![false; nd];
                let mut perm = SmallVec::with_capacity(nd);
                for &a in axes {
                    let a = layout::normalize_axis(a, nd)?;
                    if seen[a] {
                        return Err(Error::value("repeated axis in transpose"));
                    }
                    seen[a] = true;
                    perm.push(a);
                }
                perm
            }
        };
        let shape = perm.iter().map(|&p| self.shape[p]).collect();
        let strides = perm.iter().map(|&p| self.strides[p]).collect();
        Ok(self.derived(self.offset, shape, strides))
    }

    /// `swapaxes(a, b)`.
    ///
    /// # Errors
    /// `AxisError`.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<NdArray> {
        let nd = self.ndim();
        let (a, b) = (
            layout::normalize_axis(a, nd)?,
            layout::normalize_axis(b, nd)?,
        );
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        shape.swap(a, b);
        strides.swap(a, b);
        Ok(self.derived(self.offset, shape, strides))
    }

    /// `moveaxis(source, destination)`.
    ///
    /// # Errors
    /// `AxisError`, or `ValueError` when the lists differ in length or repeat an axis.
    pub fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<NdArray> {
        let nd = self.ndim();
        let src = layout::normalize_axes(source, nd).map_err(|e| rename_repeat(e, "source"))?;
        let dst =
            layout::normalize_axes(destination, nd).map_err(|e| rename_repeat(e, "destination"))?;
        if src.len() != dst.len() {
            return Err(Error::value(
                "`source` and `destination` arguments must have the same number of elements",
            ));
        }
        let mut order: Vec<usize> = (0..nd).filter(|a| !src.contains(a)).collect();
        let mut pairs: Vec<(usize, usize)> = dst.iter().copied().zip(src.iter().copied()).collect();
        pairs.sort_unstable();
        for (d, s) in pairs {
            order.insert(d, s);
        }
        let perm: Vec<isize> = order.iter().map(|&a| a as isize).collect();
        self.transpose(Some(&perm))
    }

    /// A view of `new_shape` when the layout allows one (NumPy's reshape-as-view rule).
    #[inline]
    pub fn reshape_view(&self, new_shape: &[usize], fortran: bool) -> Option<NdArray> {
        let itemsize = self.itemsize();
        // A contiguous array in the requested order is read afresh with that order's
        // strides, as NumPy does (no stride search needed).
        let strides = if !fortran && self.is_c_contiguous() {
            layout::c_strides(new_shape, itemsize)
        } else if fortran && self.is_f_contiguous() {
            layout::f_strides(new_shape, itemsize)
        } else {
            layout::reshape_strides(&self.shape, &self.strides, new_shape, itemsize, fortran)?
        };
        Some(self.derived(self.offset, new_shape.into(), strides))
    }

    /// `reshape(shape, order)`: a view when possible, otherwise a copy.
    ///
    /// # Errors
    /// NumPy's `ValueError`s for incompatible shapes.
    pub fn reshape(&self, shape: &[isize], order: Order) -> Result<NdArray> {
        let new_shape = layout::resolve_reshape(self.size(), shape, &self.shape)?;
        let fortran = match order {
            Order::F => true,
            Order::A => self.is_f_contiguous() && !self.is_c_contiguous(),
            Order::C => false,
            Order::K => return Err(Error::value("order 'K' is not permitted for reshaping")),
        };
        if let Some(v) = self.reshape_view(&new_shape, fortran) {
            return Ok(v);
        }
        let copy = self.copy(if fortran { Order::F } else { Order::C })?;
        Ok(copy.reshape_view(&new_shape, fortran).unwrap_or(copy))
    }

    /// Set the shape in place, as assigning `a.shape = ...` does: only without copying.
    ///
    /// # Errors
    /// NumPy's messages for size mismatches and for layouts that need a copy.
    pub fn set_shape(&mut self, shape: &[isize]) -> Result<()> {
        let new_shape = layout::resolve_reshape(self.size(), shape, &self.shape)?;
        match self.reshape_view(&new_shape, false) {
            Some(v) => {
                *self = v;
                Ok(())
            }
            None => Err(Error::new(
                crate::error::ErrorKind::Runtime,
                "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
            )),
        }
    }

    /// `squeeze(axis)`: drop all length-1 axes, or the given ones.
    ///
    /// # Errors
    /// `AxisError`, or `ValueError` when a named axis is not of length 1.
    pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        let drop: Vec<usize> = match axes {
            None => (0..self.ndim()).filter(|&a| self.shape[a] == 1).collect(),
            Some(axes) => {
                let axes = layout::normalize_axes(axes, self.ndim())?;
                for &a in &axes {
                    if self.shape[a] != 1 {
                        return Err(Error::value(
                            "cannot select an axis to squeeze out which has size not equal to one",
                        ));
                    }
                }
                axes.to_vec()
            }
        };
        let keep: Vec<usize> = (0..self.ndim()).filter(|a| !drop.contains(a)).collect();
        let shape = keep.iter().map(|&a| self.shape[a]).collect();
        let strides = keep.iter().map(|&a| self.strides[a]).collect();
        Ok(self.derived(self.offset, shape, strides))
    }

    /// `expand_dims(axis)`: insert length-1 axes at the given positions of the result.
    ///
    /// # Errors
    /// `AxisError` or "repeated axis".
    pub fn expand_dims(&self, axes: &[isize]) -> Result<NdArray> {
        let out_nd = self.ndim() + axes.len();
        let axes = layout::normalize_axes(axes, out_nd)?;
        let mut shape = Shape::new();
        let mut strides = Strides::new();
        let mut src = 0;
        for i in 0..out_nd {
            if axes.contains(&i) {
                shape.push(1);
                strides.push(0);
            } else {
                shape.push(self.shape[src]);
                strides.push(self.strides[src]);
                src += 1;
            }
        }
        Ok(self.derived(self.offset, shape, strides))
    }

    /// A read-only view broadcast to `shape` (`np.broadcast_to`).
    ///
    /// # Errors
    /// `ValueError` when the shapes are incompatible.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<NdArray> {
        let mut strides = layout::broadcast_strides(&self.shape, &self.strides, shape)?;
        // NumPy gives every dimension the input has as 1 a zero stride, even where the
        // result's length is 1 too.
        let lead = shape.len().saturating_sub(self.shape.len());
        for (st, &n) in strides[lead..].iter_mut().zip(self.shape.iter()) {
            if n == 1 {
                *st = 0;
            }
        }
        let mut v = NdArray {
            buffer: Arc::clone(&self.buffer),
            offset: self.offset,
            shape: shape.into(),
            strides,
            dtype: self.dtype.clone(),
            writeable: false,
        };
        if shape.contains(&0) {
            v.offset = self.offset.min(self.buffer.len());
        }
        Ok(v)
    }

    /// A view with strides stretched to `shape`, keeping the writeable flag (used by
    /// the engine for operands; not for users).
    pub fn broadcast_operand(&self, shape: &[usize]) -> Result<Strides> {
        layout::broadcast_strides(&self.shape, &self.strides, shape)
    }

    /// `real`: a view of the real parts of a complex array, the array itself otherwise.
    pub fn real(&self) -> NdArray {
        let kind = self.kind();
        if kind.is_complex() {
            let mut v = self.clone();
            v.dtype = DType::with_order(kind.real_kind(), self.dtype.byte_order());
            v
        } else {
            self.clone()
        }
    }

    /// `imag`: a view of the imaginary parts of a complex array; for a real array a new
    /// read-only array of zeros.
    ///
    /// # Errors
    /// `MemoryError` when the zeros cannot be allocated.
    pub fn imag(&self) -> Result<NdArray> {
        let kind = self.kind();
        if kind.is_complex() {
            let part = DType::with_order(kind.real_kind(), self.dtype.byte_order());
            let offset = self.offset + part.itemsize();
            let mut v = self.view_with(offset, &self.shape, &self.strides, part)?;
            v.writeable = self.writeable;
            Ok(v)
        } else {
            let mut z = NdArray::zeros(&self.shape, self.dtype.clone(), Order::C)?;
            z.writeable = false;
            Ok(z)
        }
    }

    /// `view(dtype)`: reinterpret the bytes as another dtype. The last axis must be
    /// contiguous when the item sizes differ, as in NumPy.
    ///
    /// # Errors
    /// NumPy's `ValueError`s when the sizes do not divide or the last axis is strided.
    pub fn view_dtype(&self, dtype: DType) -> Result<NdArray> {
        let (old, new) = (self.itemsize(), dtype.itemsize());
        if old == new {
            return self.view_with(
                self.offset,
                &self.shape.clone(),
                &self.strides.clone(),
                dtype,
            );
        }
        if self.ndim() == 0 {
            return Err(Error::value(
                "Changing the dtype of a 0d array is only supported if the itemsize is unchanged",
            ));
        }
        let last = self.ndim() - 1;
        if self.shape[last] != 1 && self.strides[last] != old as isize && self.size() != 0 {
            return Err(Error::value(
                "To change to a dtype of a different size, the last axis must be contiguous",
            ));
        }
        let bytes = self.shape[last] * old;
        if !bytes.is_multiple_of(new) {
            return Err(Error::value(
                "When changing to a smaller dtype, its size must be a divisor of the size of original dtype",
            ));
        }
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        shape[last] = bytes / new;
        strides[last] = new as isize;
        self.view_with(self.offset, &shape, &strides, dtype)
    }

    /// `diagonal(offset, axis1, axis2)` as a read-only view (as NumPy returns).
    ///
    /// # Errors
    /// `ValueError` for fewer than 2 dimensions or equal axes; `AxisError`.
    pub fn diagonal(&self, k: isize, axis1: isize, axis2: isize) -> Result<NdArray> {
        let nd = self.ndim();
        if nd < 2 {
            return Err(Error::value(
                "diag requires an array of at least two dimensions",
            ));
        }
        let (a1, a2) = (
            layout::normalize_axis(axis1, nd)?,
            layout::normalize_axis(axis2, nd)?,
        );
        if a1 == a2 {
            return Err(Error::value("axis1 and axis2 cannot be the same"));
        }
        let (n1, n2) = (self.shape[a1] as isize, self.shape[a2] as isize);
        let (s1, s2) = (self.strides[a1], self.strides[a2]);
        let mut offset = self.offset as isize;
        let len = if k >= 0 {
            offset += if k < n2 { k * s2 } else { 0 };
            (n1.min(n2 - k)).max(0)
        } else {
            offset += if -k < n1 { -k * s1 } else { 0 };
            (n1 + k).min(n2).max(0)
        };
        let mut shape = Shape::new();
        let mut strides = Strides::new();
        for a in 0..nd {
            if a != a1 && a != a2 {
                shape.push(self.shape[a]);
                strides.push(self.strides[a]);
            }
        }
        shape.push(len as usize);
        strides.push(s1 + s2);
        let offset = if len == 0 {
            self.offset
        } else {
            offset as usize
        };
        let mut v = self.view_with(offset, &shape, &strides, self.dtype.clone())?;
        v.writeable = false;
        Ok(v)
    }

    // ----- elements --------------------------------------------------------------------

    /// The byte offset of the element at a (possibly negative) index.
    ///
    /// # Errors
    /// NumPy's `IndexError`s.
    pub fn offset_of(&self, index: &[isize]) -> Result<usize> {
        if index.len() != self.ndim() {
            return Err(Error::index(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                self.ndim(),
                index.len()
            )));
        }
        let mut off = self.offset as isize;
        for (axis, (&i, (&n, &s))) in index
            .iter()
            .zip(self.shape.iter().zip(&self.strides))
            .enumerate()
        {
            let n = n as isize;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(Error::index(format!(
                    "index {i} is out of bounds for axis {axis} with size {n}"
                )));
            }
            off += j * s;
        }
        Ok(off as usize)
    }

    /// The element at `index` as a scalar.
    ///
    /// # Errors
    /// NumPy's `IndexError`s.
    pub fn get(&self, index: &[isize]) -> Result<Scalar> {
        let off = self.offset_of(index)?;
        // SAFETY: `offset_of` checked the index against the shape, and the layout lies
        // inside the buffer, so the element's bytes are in bounds.
        Ok(unsafe {
            Scalar::read_from(
                self.kind(),
                self.buffer.as_ptr().add(off),
                !self.dtype.is_native(),
            )
        })
    }

    /// The only element of a size-1 array (`a.item()`).
    ///
    /// # Errors
    /// `ValueError` "can only convert an array of size 1 to a Python scalar".
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(Error::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        let zeros = vec![0isize; self.ndim()];
        self.get(&zeros)
    }

    /// Write one element.
    ///
    /// # Errors
    /// `IndexError`, or `ValueError` when the array is read-only.
    pub fn set(&self, index: &[isize], value: Scalar) -> Result<()> {
        self.check_writeable()?;
        let off = self.offset_of(index)?;
        let mut v = value.cast(self.kind());
        if !self.dtype.is_native() {
            v = crate::dispatch!(self.kind(), T => ScalarElement::into_scalar(v.to::<T>().byte_swap()));
        }
        // SAFETY: as in `get`; the array is writeable.
        unsafe { v.write_to(self.buffer.as_ptr().add(off)) };
        Ok(())
    }

    /// `ValueError` unless the array may be written.
    ///
    /// # Errors
    /// "assignment destination is read-only".
    pub fn check_writeable(&self) -> Result<()> {
        if self.writeable {
            Ok(())
        } else {
            Err(Error::value("assignment destination is read-only"))
        }
    }

    /// The elements in C order converted to `T`.
    pub fn to_vec<T: crate::cast::CastFrom>(&self) -> Vec<T> {
        let n = self.size();
        let mut out: Vec<T> = Vec::with_capacity(n);
        let swapped = !self.dtype.is_native();
        let kind = self.kind();
        let base = self.buffer.as_ptr();
        if self.is_c_contiguous() {
            crate::dispatch!(kind, S => {
                // SAFETY: a C-contiguous array's `n` elements lie in one run from its
                // data pointer; `out` has room for `n` values of `T`, all written by the
                // cast before the length is set.
                unsafe {
                    crate::cast::cast_run::<S, T>(
                        self.data_ptr(),
                        size_of::<S>() as isize,
                        out.as_mut_ptr() as *mut u8,
                        size_of::<T>() as isize,
                        n,
                        swapped,
                        false,
                    );
                    out.set_len(n);
                }
            });
            return out;
        }
        crate::dispatch!(kind, S => {
            self.for_each_offset(|off| {
                // SAFETY: `for_each_offset` yields offsets of elements inside the buffer.
                let mut v = unsafe { (base.add(off) as *const S).read_unaligned() };
                if swapped {
                    v = v.byte_swap();
                }
                out.push(crate::cast::CastTo::cast(v));
            })
        });
        out
    }
}

/// NumPy's tuple text for strides in messages: `(8,)`, `(-8,0)`.
fn strides_text(strides: &[isize]) -> String {
    let parts: Vec<String> = strides.iter().map(|s| s.to_string()).collect();
    match parts.len() {
        1 => format!("({},)", parts[0]),
        _ => format!("({})", parts.join(",")),
    }
}

fn rename_repeat(e: Error, which: &str) -> Error {
    if e.message() == "repeated axis" {
        Error::value(format!("repeated axis in `{which}` argument"))
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexItem;

    fn arange(n: i64, shape: &[usize]) -> NdArray {
        NdArray::from_vec((0..n).collect::<Vec<i64>>(), shape).expect("valid shape")
    }

    #[test]
    fn fresh_arrays_have_numpy_strides() {
        let a = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::C).expect("alloc");
        assert_eq!(a.strides(), &[32, 8]);
        let f = NdArray::zeros(&[3, 4], DType::FLOAT64, Order::F).expect("alloc");
        assert_eq!(f.strides(), &[8, 24]);
        assert!(f.is_f_contiguous() && !f.is_c_contiguous());
        // NumPy 2: a fresh empty array has all-zero strides and is both contiguities.
        let e = NdArray::zeros(&[0, 3], DType::FLOAT64, Order::C).expect("alloc");
        assert_eq!(e.strides(), &[0, 0]);
        assert!(e.is_c_contiguous() && e.is_f_contiguous());
        assert_eq!(NdArray::from_scalar(Scalar::Int8(3)).ndim(), 0);
    }

    #[test]
    fn views_share_the_buffer_and_write_through() {
        let a = arange(12, &[3, 4]);
        let t = a.transpose(None).expect("transpose");
        assert_eq!(t.shape(), &[4, 3]);
        assert_eq!(t.strides(), &[8, 32]);
        assert!(Arc::ptr_eq(a.buffer(), t.buffer()));
        t.set(&[1, 2], Scalar::Int64(-5)).expect("set");
        assert_eq!(a.get(&[2, 1]).expect("get"), Scalar::Int64(-5));
        assert!(a.shares_memory(&t) && a.may_share_memory(&t));
    }

    #[test]
    fn reshape_is_a_view_when_possible() {
        let a = arange(12, &[3, 4]);
        let r = a.reshape(&[2, -1], Order::C).expect("reshape");
        assert_eq!(r.shape(), &[2, 6]);
        assert!(Arc::ptr_eq(a.buffer(), r.buffer()));
        // The transpose cannot be viewed as C-order 12 elements: a copy.
        let c = a
            .transpose(None)
            .and_then(|t| t.reshape(&[12], Order::C))
            .expect("reshape");
        assert!(!Arc::ptr_eq(a.buffer(), c.buffer()));
        assert_eq!(c.to_vec::<i64>()[..4], [0, 4, 8, 1]);
        assert!(a.reshape(&[5, -1], Order::C).is_err());
        assert!(a.reshape(&[-1, -1], Order::C).is_err());
    }

    #[test]
    fn view_dtype_rules() {
        let a = arange(4, &[2, 2]);
        let b = a.view_dtype(DType::new(DTypeKind::Int32)).expect("view");
        assert_eq!(b.shape(), &[2, 4]);
        assert_eq!(b.strides(), &[16, 4]);
        let t = a.transpose(None).expect("transpose");
        assert!(t.view_dtype(DType::new(DTypeKind::Int32)).is_err());
        let z = NdArray::from_scalar(Scalar::Int64(1));
        assert!(z.view_dtype(DType::new(DTypeKind::Int32)).is_err());
        assert!(z.view_dtype(DType::FLOAT64).is_ok());
    }

    #[test]
    fn disjoint_interleaved_views_do_not_share() {
        let a = arange(10, &[10]);
        let even = a
            .index(&[IndexItem::Slice(None, None, Some(2))])
            .expect("index");
        let odd = a
            .index(&[IndexItem::Slice(Some(1), None, Some(2))])
            .expect("index");
        assert!(even.may_share_memory(&odd));
        assert!(!even.shares_memory(&odd));
        let tail = a
            .index(&[IndexItem::Slice(Some(4), None, Some(2))])
            .expect("index");
        assert!(even.shares_memory(&tail));
    }

    #[test]
    fn element_access_errors_are_numpy_index_errors() {
        let a = arange(6, &[2, 3]);
        assert_eq!(a.get(&[-1, -1]).expect("get"), Scalar::Int64(5));
        let e = a.get(&[0, 3]).expect_err("out of bounds");
        assert_eq!(e.kind(), crate::error::ErrorKind::Index);
        assert_eq!(
            e.message(),
            "index 3 is out of bounds for axis 1 with size 3"
        );
        assert!(a.get(&[0]).is_err());
        assert!(a.item().is_err());
        let mut r = a.clone();
        r.set_writeable(false);
        assert_eq!(
            r.set(&[0, 0], Scalar::Int64(1)).map_err(|e| e.kind()),
            Err(crate::error::ErrorKind::Value)
        );
    }

    #[test]
    fn as_strided_allows_any_layout_inside_the_buffer_only() {
        let a = arange(10, &[10]);
        let w = a.as_strided(&[8, 3], &[8, 8]).expect("windows");
        assert_eq!(w.to_vec::<i64>()[..6], [0, 1, 2, 1, 2, 3]);
        assert!(Arc::ptr_eq(a.buffer(), w.buffer()));
        let z = a.as_strided(&[3, 4], &[8, 0]).expect("zero stride");
        assert_eq!(z.to_vec::<i64>()[4..8], [1, 1, 1, 1]);
        let tail = a.index(&[IndexItem::Int(9)]).expect("index");
        let rev = tail.as_strided(&[10], &[-8]).expect("negative stride");
        assert_eq!(rev.to_vec::<i64>(), (0..10).rev().collect::<Vec<i64>>());
        assert!(a.as_strided(&[11], &[8]).is_err());
        assert!(a.as_strided(&[2], &[-8]).is_err());
        assert!(a.as_strided(&[3], &[isize::MAX / 2]).is_err());
        assert!(a.as_strided(&[2], &[8, 8]).is_err());
        assert_eq!(a.as_strided(&[0, 5], &[80, 8]).expect("empty").size(), 0);
    }

    #[test]
    fn squeeze_expand_diagonal_and_broadcast() {
        let a = arange(6, &[1, 2, 3]);
        assert_eq!(a.squeeze(None).expect("squeeze").shape(), &[2, 3]);
        assert!(a.squeeze(Some(&[1])).is_err());
        assert_eq!(a.expand_dims(&[-1]).expect("expand").shape(), &[1, 2, 3, 1]);
        let m = arange(9, &[3, 3]);
        let d = m.diagonal(1, 0, 1).expect("diagonal");
        assert_eq!(d.to_vec::<i64>(), vec![1, 5]);
        assert!(!d.is_writeable());
        let b = arange(3, &[3]).broadcast_to(&[2, 3]).expect("broadcast");
        assert_eq!(b.strides(), &[0, 8]);
        assert!(!b.is_writeable());
        assert!(arange(3, &[3]).broadcast_to(&[4]).is_err());
    }
}
