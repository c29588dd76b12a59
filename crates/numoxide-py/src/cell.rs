//! The storage cell of a `numoxide.ndarray` object.
//!
//! The ndarray class is `frozen` for PyO3, so a method call pays for no atomic borrow
//! flag (a measurable part of a tiny call such as `a[0]`). Its array descriptor still
//! changes in three rare places (`a.shape = ...`, `a.resize(...)` and the writeable
//! flag), so it lives in an [`ArrayCell`]: readers hold a counted [`ArrayRef`], and a
//! replacement happens only while nobody reads.
//!
//! The count is kept with plain (relaxed, non-read-modify-write) atomic loads and
//! stores: every access happens while the thread holds the GIL (the module keeps PyO3's
//! default `gil_used = true`, so even a free-threaded interpreter re-enables the GIL on
//! import). An [`ArrayRef`] is neither `Send` nor `Sync`, so it cannot be moved into or
//! borrowed from a `Python::detach` closure, where the GIL is released; code inside such
//! a closure works on a `&NdArray` taken from a guard that lives outside it.

use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};

use std::cell::UnsafeCell;

use numoxide_core::NdArray;

/// An [`NdArray`] shared by readers and replaced as a whole only when none is left.
pub struct ArrayCell {
    value: UnsafeCell<NdArray>,
    readers: AtomicUsize,
}

// SAFETY: the value is only written by `replace`, which runs with the GIL held and checks
// that no reader guard exists; readers only take `&NdArray` (and `NdArray` is `Sync`).
// The reader count is only changed with the GIL held (see the module note), so its
// load-then-store updates never interleave.
unsafe impl Sync for ArrayCell {}

impl ArrayCell {
    /// A cell holding `value`.
    pub fn new(value: NdArray) -> Self {
        ArrayCell {
            value: UnsafeCell::new(value),
            readers: AtomicUsize::new(0),
        }
    }

    /// A counted shared view of the array.
    #[inline]
    pub fn get(&self) -> ArrayRef<'_> {
        let n = self.readers.load(Ordering::Relaxed);
        self.readers.store(n + 1, Ordering::Relaxed);
        ArrayRef {
            cell: self,
            _not_send: PhantomData,
        }
    }

    /// Put `value` in place of the array and hand back the old one, or hand `value`
    /// back as `Err` when a reader still looks at the array.
    ///
    /// The caller drops the old array after this returns: dropping it may release a
    /// Python object, which may run arbitrary Python code, and by then the cell is
    /// consistent again.
    pub fn replace(&self, value: NdArray) -> Result<NdArray, NdArray> {
        if self.readers.load(Ordering::Relaxed) != 0 {
            return Err(value);
        }
        // SAFETY: no `ArrayRef` exists (the count is zero and the GIL is held, so none can
        // appear meanwhile: nothing here calls back into Python), hence no reference into
        // the value is live and we have exclusive access for the swap.
        Ok(unsafe { std::mem::replace(&mut *self.value.get(), value) })
    }
}

/// A shared, counted view of an [`ArrayCell`]'s array; dereferences to [`NdArray`].
pub struct ArrayRef<'a> {
    cell: &'a ArrayCell,
    /// Guards must stay on a thread holding the GIL.
    _not_send: PhantomData<*const ()>,
}

impl Deref for ArrayRef<'_> {
    type Target = NdArray;
    #[inline]
    fn deref(&self) -> &NdArray {
        // SAFETY: while this guard lives the reader count is non-zero, so `replace` leaves
        // the value alone; nothing else writes it.
        unsafe { &*self.cell.value.get() }
    }
}

impl Drop for ArrayRef<'_> {
    #[inline]
    fn drop(&mut self) {
        let n = self.cell.readers.load(Ordering::Relaxed);
        self.cell
            .readers
            .store(n.saturating_sub(1), Ordering::Relaxed);
    }
}

impl std::fmt::Debug for ArrayCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArrayCell")
            .field("readers", &self.readers.load(Ordering::Relaxed))
            .finish()
    }
}
