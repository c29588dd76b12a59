//! Raw memory: the one module where numoxide allocates and frees array storage.
//!
//! A [`Buffer`] is a run of bytes that arrays view. It is shared through an `Arc`, so a
//! view keeps its storage alive. Writes go through raw pointers handed out by
//! [`Buffer::as_ptr`]; the array layer guarantees every element it touches lies inside
//! the buffer (see `layout::check_within`).

use std::alloc::{self, Layout};
use std::any::Any;
use std::ptr::NonNull;

/// Alignment of every buffer numoxide allocates of at least [`SMALL`] bytes (a cache
/// line; SIMD friendly).
pub const ALIGN: usize = 64;
/// Buffers shorter than this are aligned to 16 bytes (as NumPy's are): the allocator's
/// plain, fast path instead of an aligned allocation, which costs more than the work on a
/// tiny array.
pub const SMALL: usize = 1024;
/// Allocations at least this large are made with `mmap` and marked for huge pages, as
/// NumPy does: it saves most of the page-fault cost of touching fresh memory.
const HUGE_THRESHOLD: usize = 4 << 20;
const HUGE_PAGE: usize = 2 << 20;

enum Storage {
    /// From the global allocator with this layout.
    Heap(Layout),
    /// From `mmap`: the mapping's start and length.
    Mapped { base: *mut u8, len: usize },
    /// Memory owned by someone else (a Python buffer, a memory-mapped file, ...), kept
    /// alive by `_owner` for as long as the buffer lives.
    Foreign { _owner: Box<dyn Any + Send + Sync> },
    /// A zero-length buffer: a dangling, aligned pointer.
    Empty,
}

/// A block of bytes that arrays view.
pub struct Buffer {
    ptr: NonNull<u8>,
    len: usize,
    storage: Storage,
}

// SAFETY: the buffer owns (or holds alive) plain bytes; no thread-bound state lives in it.
// Data races through the raw pointers are excluded by the callers: numoxide only writes
// array memory while holding the Python GIL or from within one engine call that owns the
// destination.
unsafe impl Send for Buffer {}
// SAFETY: as above; shared references to `Buffer` only hand out raw pointers.
unsafe impl Sync for Buffer {}

/// A non-null, `ALIGN`-aligned address that is never dereferenced (for empty buffers).
fn dangling() -> NonNull<u8> {
    NonNull::new(std::ptr::without_provenance_mut(ALIGN)).unwrap_or(NonNull::dangling())
}

/// The alignment requested for `len` bytes: [`ALIGN`] from [`SMALL`] up; below that 16,
/// or the largest power of two not above `len` when that is less (the allocator still
/// returns 16-byte-aligned memory, and the request stays on its plain path).
fn align_for(len: usize) -> usize {
    if len >= SMALL {
        ALIGN
    } else {
        let floor_pow2 = 1usize << (usize::BITS - 1 - len.max(1).leading_zeros());
        floor_pow2.min(16)
    }
}

impl Buffer {
    /// A new buffer of `len` bytes; its contents are zero when `zeroed` is true and
    /// unspecified (but initialized) otherwise.
    ///
    /// Returns `None` when the memory cannot be had.
    pub fn allocate(len: usize, zeroed: bool) -> Option<Buffer> {
        if len == 0 {
            return Some(Buffer {
                ptr: dangling(),
                len: 0,
                storage: Storage::Empty,
            });
        }
        if len >= HUGE_THRESHOLD && zeroed {
            return Self::allocate_mapped(len);
        }
        let layout = Layout::from_size_align(len, align_for(len)).ok()?;
        // SAFETY: `layout` has a non-zero size. Unzeroed memory is only requested through
        // `NdArray::uninit`, whose callers write every element before anything reads it.
        let raw = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let ptr = NonNull::new(raw)?;
        if len >= HUGE_THRESHOLD {
            // Large uninitialized buffers come from the allocator, as NumPy's do: after the
            // first free, glibc serves same-sized requests from memory that is already
            // faulted in, instead of a fresh mapping the kernel must zero page by page.
            // Ask for huge pages on the page-aligned interior, as NumPy does.
            #[cfg(unix)]
            {
                let start = (raw as usize).next_multiple_of(4096);
                let end = (raw as usize + len) & !4095;
                if end > start {
                    // SAFETY: advice on whole pages inside our own allocation; failure is
                    // harmless.
                    unsafe {
                        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
                    }
                }
            }
        }
        Some(Buffer {
            ptr,
            len,
            storage: Storage::Heap(layout),
        })
    }

    #[cfg(unix)]
    fn allocate_mapped(len: usize) -> Option<Buffer> {
        let map_len = len.checked_add(HUGE_PAGE)?;
        // SAFETY: an anonymous private mapping with no address hint; the result is checked.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                map_len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return None;
        }
        let base = base as *mut u8;
        let misalign = (base as usize) % HUGE_PAGE;
        let skip = if misalign == 0 {
            0
        } else {
            HUGE_PAGE - misalign
        };
        // SAFETY: `skip < HUGE_PAGE` and the mapping is `len + HUGE_PAGE` long.
        let start = unsafe { base.add(skip) };
        // SAFETY: advice on a range inside our own mapping; failure is harmless.
        unsafe {
            libc::madvise(start as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
        }
        Some(Buffer {
            ptr: NonNull::new(start)?,
            len,
            storage: Storage::Mapped { base, len: map_len },
        })
    }

    #[cfg(not(unix))]
    fn allocate_mapped(len: usize) -> Option<Buffer> {
        let layout = Layout::from_size_align(len, align_for(len)).ok()?;
        // SAFETY: `layout` has a non-zero size.
        let raw = unsafe { alloc::alloc_zeroed(layout) };
        Some(Buffer {
            ptr: NonNull::new(raw)?,
            len,
            storage: Storage::Heap(layout),
        })
    }

    /// Wrap memory owned elsewhere.
    ///
    /// # Safety
    /// `ptr` must be valid for reads (and for writes, if any array over it is writeable)
    /// of `len` bytes for as long as `owner` lives, and nothing else may free it.
    pub unsafe fn from_foreign(
        ptr: *mut u8,
        len: usize,
        owner: Box<dyn Any + Send + Sync>,
    ) -> Buffer {
        let ptr = NonNull::new(ptr).unwrap_or(dangling());
        Buffer {
            ptr,
            len,
            storage: Storage::Foreign { _owner: owner },
        }
    }

    /// A buffer holding a copy of `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Option<Buffer> {
        let buf = Buffer::allocate(bytes.len(), false)?;
        // SAFETY: the new buffer is `bytes.len()` long and cannot overlap `bytes`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buf.ptr.as_ptr(), bytes.len()) };
        Some(buf)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }
    /// True for a zero-length buffer.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// True when the memory belongs to another owner (a Python buffer, a file map).
    pub fn is_foreign(&self) -> bool {
        matches!(self.storage, Storage::Foreign { .. })
    }
    /// The first byte. Valid for `len()` bytes of reads and writes.
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        match self.storage {
            // SAFETY: allocated by `alloc_zeroed` with exactly this layout.
            Storage::Heap(layout) => unsafe { alloc::dealloc(self.ptr.as_ptr(), layout) },
            #[cfg(unix)]
            // SAFETY: `base`/`len` describe the mapping made in `allocate_mapped`.
            Storage::Mapped { base, len } => unsafe {
                libc::munmap(base as *mut libc::c_void, len);
            },
            #[cfg(not(unix))]
            Storage::Mapped { .. } => {}
            Storage::Foreign { .. } | Storage::Empty => {}
        }
    }
}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Buffer({:p}, {} bytes)", self.ptr, self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_are_aligned_and_zeroed() {
        for len in [0usize, 1, 8, 12, 100, 2000, 5 << 20] {
            let b = Buffer::allocate(len, true).unwrap();
            assert_eq!(b.as_ptr() as usize % align_for(len), 0);
            if len >= SMALL {
                assert_eq!(b.as_ptr() as usize % ALIGN, 0);
            }
            assert_eq!(b.len(), len);
            if len > 0 {
                // SAFETY: `len > 0` bytes were allocated.
                let last = unsafe { *b.as_ptr().add(len - 1) };
                assert_eq!(last, 0);
            }
        }
    }
}
