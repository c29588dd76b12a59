//! Raw memory: the one module where numoxide allocates and frees array storage.
//!
//! A [`Buffer`] is a run of bytes that arrays view. It is shared through an `Arc`, so a
//! view keeps its storage alive. Writes go through raw pointers handed out by
//! [`Buffer::as_ptr`]; the array layer guarantees every element it touches lies inside
//! the buffer (see `layout::check_within`).

use std::alloc::{self, Layout};
use std::any::Any;
use std::ptr::NonNull;
use std::sync::Mutex;

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
/// Freed buffers at least this large are kept for reuse: memory that is already faulted
/// in, where a fresh mapping would come back as pages the kernel zeroes one by one on
/// first touch (which costs about three times a `memset` of warm memory).
const CACHE_MIN: usize = HUGE_THRESHOLD;
/// Zeroed requests up to this size reuse a cached buffer and clear it, as glibc's
/// `calloc` (NumPy's `zeros`) reuses its heap below its 32 MiB mmap ceiling; larger ones
/// get fresh, lazily zeroed pages, as NumPy's do.
const ZEROED_REUSE_MAX: usize = 32 << 20;
/// The cache keeps at most this many bytes ...
const CACHE_MAX_BYTES: usize = 512 << 20;
/// ... in at most this many buffers (the oldest go first).
const CACHE_MAX_ENTRIES: usize = 8;
/// A cached buffer serves requests down to this fraction (in 1/8ths) of its size.
const CACHE_FIT_EIGHTHS: usize = 6;

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
            if len <= ZEROED_REUSE_MAX {
                if let Some(b) = cache_take(len) {
                    // SAFETY: the buffer owns `len` writable bytes.
                    unsafe { std::ptr::write_bytes(b.ptr.as_ptr(), 0, len) };
                    return Some(b);
                }
            }
            return Self::allocate_mapped(len);
        }
        if len >= CACHE_MIN {
            if let Some(b) = cache_take(len) {
                return Some(b);
            }
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

    /// A new buffer of `len` bytes whose contents are unspecified but initialized (what
    /// `np.empty` hands out): a reused one when the cache has one, else zeroed memory.
    ///
    /// Returns `None` when the memory cannot be had.
    pub fn allocate_initialized(len: usize) -> Option<Buffer> {
        if len >= CACHE_MIN {
            // Cached buffers were initialized by their previous owner (every buffer
            // starts zeroed or fully written), so reading them is sound.
            if let Some(b) = cache_take(len) {
                return Some(b);
            }
        }
        Self::allocate(len, true)
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
        let capacity = match self.storage {
            Storage::Heap(layout) => layout.size(),
            Storage::Mapped { base, len } => len - (self.ptr.as_ptr() as usize - base as usize),
            _ => 0,
        };
        if capacity >= CACHE_MIN {
            let storage = std::mem::replace(&mut self.storage, Storage::Empty);
            let entry = Cached {
                ptr: self.ptr,
                capacity,
                storage,
            };
            for old in cache_put(entry) {
                release(old);
            }
            return;
        }
        release_storage(self.ptr, &self.storage);
    }
}

/// Give memory back to the system (the allocator or the kernel).
fn release_storage(ptr: NonNull<u8>, storage: &Storage) {
    match *storage {
        // SAFETY: allocated by `alloc`/`alloc_zeroed` with exactly this layout, and
        // released once (the owner gives it up here).
        Storage::Heap(layout) => unsafe { alloc::dealloc(ptr.as_ptr(), layout) },
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

/// A freed large buffer kept for reuse: `capacity` usable bytes from `ptr`.
struct Cached {
    ptr: NonNull<u8>,
    capacity: usize,
    storage: Storage,
}

// SAFETY: a cached entry is plain memory that nothing references any more.
unsafe impl Send for Cached {}

/// Recently freed large buffers, newest last.
static CACHE: Mutex<Vec<Cached>> = Mutex::new(Vec::new());

/// Free a cached entry's memory.
fn release(c: Cached) {
    release_storage(c.ptr, &c.storage);
}

/// Keep `entry` for reuse; returns the entries evicted to stay within the bounds (to be
/// freed by the caller, outside the lock).
fn cache_put(entry: Cached) -> Vec<Cached> {
    let Ok(mut cache) = CACHE.lock() else {
        return vec![entry];
    };
    if entry.capacity > CACHE_MAX_BYTES {
        return vec![entry];
    }
    cache.push(entry);
    let mut evicted = Vec::new();
    let mut total: usize = cache.iter().map(|c| c.capacity).sum();
    while cache.len() > CACHE_MAX_ENTRIES || total > CACHE_MAX_BYTES {
        let old = cache.remove(0);
        total -= old.capacity;
        evicted.push(old);
    }
    evicted
}

/// A cached buffer for an uninitialized request of `len` bytes: the smallest one that
/// holds `len` without wasting more than a quarter of itself.
fn cache_take(len: usize) -> Option<Buffer> {
    let entry = {
        let mut cache = CACHE.lock().ok()?;
        let best = cache
            .iter()
            .enumerate()
            .filter(|(_, c)| c.capacity >= len && len >= c.capacity / 8 * CACHE_FIT_EIGHTHS)
            .min_by_key(|(_, c)| c.capacity)
            .map(|(i, _)| i)?;
        cache.swap_remove(best)
    };
    Some(Buffer {
        ptr: entry.ptr,
        len,
        storage: entry.storage,
    })
}

/// Free every cached buffer (memory held for reuse goes back to the system).
pub fn release_cached() {
    let drained: Vec<Cached> = match CACHE.lock() {
        Ok(mut cache) => cache.drain(..).collect(),
        Err(_) => Vec::new(),
    };
    for c in drained {
        release(c);
    }
}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Buffer({:p}, {} bytes)", self.ptr, self.len)
    }
}

/// Copies at least this large use non-temporal stores ([`copy_streaming`]).
pub const STREAM_MIN: usize = 1 << 20;

/// Copy `bytes` bytes from `src` to `dst` with non-temporal stores, which write whole
/// cache lines to memory without first reading them (a plain copy reads every
/// destination line it writes). For large outputs that are not read back at once.
///
/// # Safety
/// `src..src+bytes` must be readable and `dst..dst+bytes` writable, and the two ranges
/// must not overlap.
pub unsafe fn copy_streaming(src: *const u8, dst: *mut u8, bytes: usize) {
    // SAFETY: the caller's contract.
    unsafe { copy_streaming_unfenced(src, dst, bytes) };
    streaming_fence();
}

/// Order every streaming store made so far by this thread before its later stores (and
/// so before other threads see the array).
pub fn streaming_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE is in the x86-64 baseline.
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}

/// [`copy_streaming`] without the closing fence: for a run of copies that ends with one
/// [`streaming_fence`] (a fence waits for the streamed lines to drain to memory).
///
/// # Safety
/// As [`copy_streaming`]; the caller must call [`streaming_fence`] before the copied
/// bytes are read by anyone.
pub unsafe fn copy_streaming_unfenced(src: *const u8, dst: *mut u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
        let head = dst.align_offset(64).min(bytes);
        // SAFETY: the first `head` bytes are inside both ranges.
        unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
        let body = (bytes - head) / 64 * 64;
        let mut k = head;
        while k < head + body {
            // SAFETY: `k + 64 <= bytes`; `dst + k` is 64-byte aligned, so each 16-byte
            // store is aligned as `_mm_stream_si128` requires; SSE2 is in the x86-64
            // baseline.
            unsafe {
                let (s, d) = (src.add(k) as *const __m128i, dst.add(k) as *mut __m128i);
                let (a, b) = (_mm_loadu_si128(s), _mm_loadu_si128(s.add(1)));
                let (c, e) = (_mm_loadu_si128(s.add(2)), _mm_loadu_si128(s.add(3)));
                _mm_stream_si128(d, a);
                _mm_stream_si128(d.add(1), b);
                _mm_stream_si128(d.add(2), c);
                _mm_stream_si128(d.add(3), e);
            }
            k += 64;
        }
        // SAFETY: the tail `k..bytes` is inside both ranges.
        unsafe { std::ptr::copy_nonoverlapping(src.add(k), dst.add(k), bytes - k) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: the caller's contract.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, bytes)
    };
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

    #[test]
    fn large_buffers_are_reused_and_zeroed_requests_stay_zero() {
        let len = CACHE_MIN + 4096;
        let a = Buffer::allocate(len, false).unwrap();
        // SAFETY: `len` bytes were allocated.
        unsafe { std::ptr::write_bytes(a.as_ptr(), 7, len) };
        drop(a);
        let z = Buffer::allocate(len, true).unwrap();
        // SAFETY: `len` bytes were allocated.
        let bytes = unsafe { std::slice::from_raw_parts(z.as_ptr(), len) };
        assert!(bytes.iter().all(|&b| b == 0));
        let b = Buffer::allocate(len - 100, false).unwrap();
        assert_eq!(b.len(), len - 100);
        assert_eq!(b.as_ptr() as usize % ALIGN, 0);
        drop(b);
        drop(z);
        release_cached();
    }
}
