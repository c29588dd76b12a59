//! Copy, cast, fill and assignment: the first users of the iteration engine.

use crate::array::NdArray;
use crate::cast::{can_cast, cast_fn, Casting};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::iter::{for_each_run, Operand};
use crate::layout::{self, shape_text, Order, Shape};
use crate::scalar::Scalar;

impl NdArray {
    /// Copy `src` into this array, broadcasting and casting it (`dst[...] = src`). The
    /// copy is correct even when `src` overlaps this array.
    ///
    /// # Errors
    /// `ValueError` when read-only or the shapes do not broadcast.
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        self.check_writeable()?;
        let src_strides = layout::broadcast_strides(src.shape(), src.strides(), self.shape())
            .map_err(|_| {
                Error::value(format!(
                    "could not broadcast input array from shape {} into shape {}",
                    shape_text(src.shape()),
                    shape_text(self.shape())
                ))
            })?;
        if self.size() == 0 {
            return Ok(());
        }
        let same_layout = src.buffer().as_ptr() == self.buffer().as_ptr()
            && src.offset() == self.offset()
            && src_strides.as_slice() == self.strides()
            && src.dtype() == self.dtype();
        if same_layout {
            return Ok(());
        }
        if self.may_share_memory(src) {
            let tmp = src.copy(Order::K)?;
            return self.assign(&tmp);
        }
        let kernel = cast_fn(src.kind(), self.kind());
        let swap_in = !src.dtype().is_native();
        let swap_out = !self.dtype().is_native();
        let plain_copy = src.dtype() == self.dtype();
        let item = self.itemsize();
        // SAFETY: both layouts were checked to lie inside their buffers when the views
        // were made, `src_strides` only repeats elements of `src`, and the arrays do not
        // overlap (checked above), so every address the runs touch is a valid element.
        unsafe {
            for_each_run(
                self.shape(),
                [
                    Operand {
                        ptr: self.data_ptr(),
                        strides: self.strides(),
                    },
                    Operand {
                        ptr: src.data_ptr(),
                        strides: &src_strides,
                    },
                ],
                |p, s, n| {
                    if plain_copy && s[0] == item as isize && s[1] == item as isize {
                        std::ptr::copy_nonoverlapping(p[1], p[0], n * item);
                    } else if plain_copy {
                        copy_strided(p[1], s[1], p[0], s[0], n, item);
                    } else {
                        kernel(p[1], s[1], p[0], s[0], n, swap_in, swap_out);
                    }
                },
            );
        }
        Ok(())
    }

    /// Copy `src` into this array where `mask` is true (`np.copyto(dst, src, where=mask)`):
    /// `src` and `mask` broadcast to this array's shape, `src` is cast to its dtype and
    /// the mask read as truth values.
    ///
    /// # Errors
    /// `ValueError` when read-only or the shapes do not broadcast.
    pub fn assign_where(&self, src: &NdArray, mask: &NdArray) -> Result<()> {
        self.check_writeable()?;
        // A private, native copy of the source (also settles any overlap with `self`).
        let src = src.astype(self.dtype().to_native(), Order::K)?;
        let mask = if mask.kind() == crate::dtype::DTypeKind::Bool {
            mask.clone()
        } else {
            mask.astype(DType::BOOL, Order::K)?
        };
        let ss = layout::broadcast_strides(src.shape(), src.strides(), self.shape())?;
        let ms = layout::broadcast_strides(mask.shape(), mask.strides(), self.shape())?;
        let target = if self.dtype().is_native() {
            self.clone()
        } else {
            self.astype(self.dtype().to_native(), Order::K)?
        };
        let item = target.itemsize();
        // SAFETY: every layout lies inside its buffer and is broadcast to the target's
        // shape; `src` is a fresh copy and `target` is `self` or a fresh copy, so the
        // written elements never overlap the read ones.
        unsafe {
            for_each_run(
                target.shape(),
                [
                    Operand {
                        ptr: target.data_ptr(),
                        strides: target.strides(),
                    },
                    Operand {
                        ptr: src.data_ptr(),
                        strides: &ss,
                    },
                    Operand {
                        ptr: mask.data_ptr(),
                        strides: &ms,
                    },
                ],
                |p, s, n| {
                    for i in 0..n as isize {
                        if *p[2].offset(i * s[2]) != 0 {
                            std::ptr::copy_nonoverlapping(
                                p[1].offset(i * s[1]),
                                p[0].offset(i * s[0]),
                                item,
                            );
                        }
                    }
                },
            );
        }
        if !self.dtype().is_native() {
            self.assign(&target)?;
        }
        Ok(())
    }

    /// Set every element to `value` (cast to this array's dtype).
    ///
    /// # Errors
    /// `ValueError` when read-only.
    pub fn fill(&self, value: Scalar) -> Result<()> {
        self.check_writeable()?;
        let v = value.cast(self.kind());
        let item = self.itemsize();
        let mut pattern = [0u8; 16];
        // SAFETY: 16 bytes hold any numeric element.
        unsafe { v.write_to(pattern.as_mut_ptr()) };
        if !self.dtype().is_native() {
            swap_element_bytes(&mut pattern[..item], v.kind().is_complex());
        }
        let pattern = &pattern[..item];
        let all_zero = pattern.iter().all(|&b| b == 0);
        // SAFETY: the layout lies inside the buffer; each run writes `n` elements at its
        // stride.
        unsafe {
            for_each_run(
                self.shape(),
                [Operand {
                    ptr: self.data_ptr(),
                    strides: self.strides(),
                }],
                |p, s, n| {
                    if all_zero && s[0] == item as isize {
                        std::ptr::write_bytes(p[0], 0, n * item);
                    } else {
                        fill_run(p[0], s[0], n, pattern);
                    }
                },
            );
        }
        Ok(())
    }

    /// A new array with the same elements, laid out in `order` (K keeps this array's
    /// axis order).
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn copy(&self, order: Order) -> Result<NdArray> {
        self.astype(self.dtype().clone(), order)
    }

    /// A new array with the elements cast to `dtype` (NumPy's `astype`, unsafe casting).
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn astype(&self, dtype: DType, order: Order) -> Result<NdArray> {
        // SAFETY: `assign` writes every element of the new array (its source has the
        // same shape) before anything can read it.
        let out = unsafe { self.like(dtype, order, false)? };
        out.assign(self)?;
        Ok(out)
    }

    /// `astype` honouring a casting rule.
    ///
    /// # Errors
    /// `TypeError` "Cannot cast array data from dtype(...) to dtype(...) according to the rule ..." .
    pub fn astype_checked(&self, dtype: DType, order: Order, casting: Casting) -> Result<NdArray> {
        if !can_cast(self.dtype(), &dtype, casting) {
            return Err(Error::type_error(format!(
                "Cannot cast array data from dtype({}) to dtype({}) according to the rule '{}'",
                self.dtype().repr_inner(),
                dtype.repr_inner(),
                casting.name()
            )));
        }
        self.astype(dtype, order)
    }

    /// A new, writeable array of this shape and `dtype` laid out as `order` asks
    /// (K: following this array's strides).
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn empty_like(&self, dtype: DType, order: Order) -> Result<NdArray> {
        // SAFETY: the memory is zeroed.
        unsafe { self.like(dtype, order, true) }
    }

    /// `empty_like`, with the memory zeroed only when `zeroed`.
    ///
    /// # Safety
    /// Without `zeroed`, every element must be written before any is read.
    unsafe fn like(&self, dtype: DType, order: Order, zeroed: bool) -> Result<NdArray> {
        let alloc = |shape: &[usize], dtype: DType, order: Order| {
            if zeroed || shape.contains(&0) {
                NdArray::empty(shape, dtype, order)
            } else {
                // SAFETY: forwarded to the caller.
                unsafe { NdArray::uninit(shape, dtype, order) }
            }
        };
        let order = match order {
            Order::A if self.is_f_contiguous() && !self.is_c_contiguous() => Order::F,
            Order::A => Order::C,
            Order::K if self.is_c_contiguous() => Order::C,
            Order::K if self.is_f_contiguous() => Order::F,
            o => o,
        };
        if order != Order::K {
            return alloc(self.shape(), dtype, order);
        }
        // Order K: allocate C-contiguous in the order of decreasing |stride|, then
        // permute back, so the new array's strides rank like this one's.
        let nd = self.ndim();
        let mut perm: Vec<usize> = (0..nd).collect();
        perm.sort_by(|&a, &b| {
            self.strides()[b]
                .unsigned_abs()
                .cmp(&self.strides()[a].unsigned_abs())
        });
        let permuted: Shape = perm.iter().map(|&p| self.shape()[p]).collect();
        let base = alloc(&permuted, dtype, Order::C)?;
        let mut inverse = vec![0isize; nd];
        for (i, &p) in perm.iter().enumerate() {
            inverse[p] = i as isize;
        }
        base.transpose(Some(&inverse))
    }

    /// The elements as a 1-D array in `order` (a view when possible, as `ravel`).
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn ravel(&self, order: Order) -> Result<NdArray> {
        let n = self.size() as isize;
        match order {
            Order::K => {
                let n = n as usize;
                if self.is_c_contiguous() {
                    if let Some(v) = self.reshape_view(&[n], false) {
                        return Ok(v);
                    }
                }
                if self.is_f_contiguous() {
                    if let Some(v) = self.reshape_view(&[n], true) {
                        return Ok(v);
                    }
                }
                // A K-order copy is one contiguous block in memory order: view it flat.
                let c = self.copy(Order::K)?;
                let item = c.itemsize() as isize;
                let start = match c.byte_range() {
                    Some((lo, _)) => lo,
                    None => c.offset(),
                };
                c.view_with(start, &[n], &[item], c.dtype().clone())
            }
            o => self.reshape(&[n], o),
        }
    }

    /// The raw bytes of the elements in `order` (`tobytes`).
    ///
    /// # Errors
    /// `MemoryError`.
    pub fn to_bytes(&self, order: Order) -> Result<Vec<u8>> {
        // 'A' means F for an F-contiguous (and not C-contiguous) array; 'K' means C.
        let fortran = order == Order::F
            || (order == Order::A && self.is_f_contiguous() && !self.is_c_contiguous());
        let c = if (fortran && self.is_f_contiguous()) || (!fortran && self.is_c_contiguous()) {
            self.clone()
        } else {
            self.copy(if fortran { Order::F } else { Order::C })?
        };
        let n = c.nbytes();
        let mut out = vec![0u8; n];
        if n > 0 {
            // SAFETY: `c` is contiguous, so its `n` bytes start at its data pointer.
            unsafe { std::ptr::copy_nonoverlapping(c.data_ptr(), out.as_mut_ptr(), n) };
        }
        Ok(out)
    }
}

/// Reverse the bytes of one element in place (each half separately for a complex).
fn swap_element_bytes(bytes: &mut [u8], complex: bool) {
    if complex {
        let half = bytes.len() / 2;
        bytes[..half].reverse();
        bytes[half..].reverse();
    } else {
        bytes.reverse();
    }
}

/// Copy `n` elements of `item` bytes between strided runs.
///
/// # Safety
/// Every address `src + k*ss`, `dst + k*ds` (k < n) must be a valid `item`-byte slot,
/// and the runs must not overlap.
pub unsafe fn copy_strided(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    item: usize,
) {
    if ss == item as isize && ds == item as isize {
        // SAFETY: both runs are n contiguous, non-overlapping elements.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, n * item) };
        return;
    }
    macro_rules! typed {
        ($t:ty) => {
            for k in 0..n as isize {
                // SAFETY: forwarded from the caller.
                unsafe {
                    let v = (src.offset(k * ss) as *const $t).read_unaligned();
                    (dst.offset(k * ds) as *mut $t).write_unaligned(v);
                }
            }
        };
    }
    match item {
        1 => typed!(u8),
        2 => typed!(u16),
        4 => typed!(u32),
        8 => typed!(u64),
        16 => typed!(u128),
        _ => {
            for k in 0..n as isize {
                // SAFETY: forwarded from the caller.
                unsafe {
                    std::ptr::copy_nonoverlapping(src.offset(k * ss), dst.offset(k * ds), item)
                };
            }
        }
    }
}

/// Write the bytes of `pattern` to `n` strided slots.
///
/// # Safety
/// Every `dst + k*ds` (k < n) must be a valid slot of `pattern.len()` bytes.
unsafe fn fill_run(dst: *mut u8, ds: isize, n: usize, pattern: &[u8]) {
    macro_rules! typed {
        ($t:ty) => {{
            let v = (pattern.as_ptr() as *const $t).read_unaligned();
            for k in 0..n as isize {
                (dst.offset(k * ds) as *mut $t).write_unaligned(v);
            }
        }};
    }
    // SAFETY: `pattern` holds exactly one element of the width read.
    unsafe {
        match pattern.len() {
            1 => typed!(u8),
            2 => typed!(u16),
            4 => typed!(u32),
            8 => typed!(u64),
            16 => typed!(u128),
            _ => {
                for k in 0..n as isize {
                    std::ptr::copy_nonoverlapping(
                        pattern.as_ptr(),
                        dst.offset(k * ds),
                        pattern.len(),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtype::DTypeKind;

    #[test]
    fn assign_broadcasts_and_casts() {
        let dst = NdArray::zeros(&[2, 3], DType::new(DTypeKind::Int32), Order::C).unwrap();
        let src = NdArray::from_vec(vec![1.9f64, -2.5, 3.0], &[3]).unwrap();
        dst.assign(&src).unwrap();
        assert_eq!(dst.to_vec::<i32>(), vec![1, -2, 3, 1, -2, 3]);
    }

    #[test]
    fn overlapping_assignment_buffers() {
        let a = NdArray::from_vec((0..6i64).collect(), &[6]).unwrap();
        let n = a.shape()[0];
        let head = a
            .view_with(a.offset(), &[n - 1], &[8], a.dtype().clone())
            .unwrap();
        let tail = a
            .view_with(a.offset() + 8, &[n - 1], &[8], a.dtype().clone())
            .unwrap();
        tail.assign(&head).unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![0, 0, 1, 2, 3, 4]);
    }

    #[test]
    fn fill_swapped_and_copy_orders() {
        let a = NdArray::zeros(&[3], DType::new(DTypeKind::Float64).swapped(), Order::C).unwrap();
        a.fill(Scalar::Float64(1.5)).unwrap();
        assert_eq!(a.to_vec::<f64>(), vec![1.5; 3]);
        let c =
            NdArray::zeros(&[2], DType::new(DTypeKind::Complex128).swapped(), Order::C).unwrap();
        c.fill(Scalar::Complex128(num_complex::Complex::new(1.0, 2.0)))
            .unwrap();
        assert_eq!(
            c.to_vec::<crate::element::Complex128>()[1],
            num_complex::Complex::new(1.0, 2.0)
        );
        let m = NdArray::from_vec((0..6i64).collect(), &[2, 3]).unwrap();
        let t = m.transpose(None).unwrap();
        let k = t.copy(Order::K).unwrap();
        assert_eq!(k.strides(), &[8, 24]);
        assert_eq!(k.to_vec::<i64>(), vec![0, 3, 1, 4, 2, 5]);
        assert_eq!(
            t.ravel(Order::C).unwrap().to_vec::<i64>(),
            vec![0, 3, 1, 4, 2, 5]
        );
    }
}
