//! Memory-mapped arrays: an array whose buffer is a map of a file (`np.memmap`).

use std::any::Any;
use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::Arc;

use memmap2::{MmapMut, MmapOptions, MmapRaw};
use numoxide_core::buffer::Buffer;
use numoxide_core::error::{Error, ErrorKind, Result};
use numoxide_core::{layout, DType, NdArray, Order};

use crate::npy::io_error;

/// How a file is mapped (NumPy's `mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapMode {
    /// `'r'`: read-only.
    ReadOnly,
    /// `'r+'`: read and write; writes reach the file.
    ReadWrite,
    /// `'w+'`: create or overwrite, then read and write.
    Write,
    /// `'c'`: copy on write; writes stay in memory.
    CopyOnWrite,
}

impl MapMode {
    /// Parse NumPy's mode strings.
    ///
    /// # Errors
    /// NumPy's `ValueError` listing the valid modes.
    pub fn parse(mode: &str) -> Result<MapMode> {
        Ok(match mode {
            "r" | "readonly" => MapMode::ReadOnly,
            "r+" | "readwrite" => MapMode::ReadWrite,
            "w+" | "write" => MapMode::Write,
            "c" | "copyonwrite" => MapMode::CopyOnWrite,
            other => {
                return Err(Error::value(format!(
                    "mode must be one of ['r', 'c', 'r+', 'w+', 'readonly', 'copyonwrite', 'readwrite', 'write'] (got {})",
                    crate::header::bytes_repr(other.as_bytes()).trim_start_matches('b')
                )))
            }
        })
    }
    /// NumPy's short name of the mode (`memmap.mode`).
    pub fn name(self) -> &'static str {
        match self {
            MapMode::ReadOnly => "r",
            MapMode::ReadWrite => "r+",
            MapMode::Write => "w+",
            MapMode::CopyOnWrite => "c",
        }
    }
}

enum Map {
    Shared(MmapRaw),
    Private(MmapMut),
    None,
}

/// A mapping of a file; arrays over it keep it alive through their buffer.
pub struct FileMap {
    map: Map,
}

// SAFETY: the mapping is plain memory; numoxide's buffer rules govern access to it
// (see `Buffer`'s own Send/Sync), and flushing only reads the mapping's address range.
unsafe impl Send for FileMap {}
// SAFETY: as above.
unsafe impl Sync for FileMap {}

impl FileMap {
    /// Write changes back to the file (`memmap.flush()`); nothing to do for read-only and
    /// copy-on-write maps.
    ///
    /// # Errors
    /// The operating system's error.
    pub fn flush(&self) -> Result<()> {
        match &self.map {
            Map::Shared(m) => m.flush().map_err(|e| io_error(&e)),
            Map::Private(_) | Map::None => Ok(()),
        }
    }
    fn ptr_len(&self) -> (*mut u8, usize) {
        match &self.map {
            Map::Shared(m) => (m.as_mut_ptr(), m.len()),
            Map::Private(m) => (m.as_ptr() as *mut u8, m.len()),
            Map::None => (std::ptr::null_mut(), 0),
        }
    }
}

/// Holds the mapping alive for a buffer.
struct Owner(#[allow(dead_code)] Arc<FileMap>);

/// An OS error, kept apart so the binding raises `OSError`/`FileNotFoundError`.
fn os_error(e: &std::io::Error, path: &Path) -> Error {
    let code = e.raw_os_error().unwrap_or(0);
    Error::new(
        ErrorKind::Runtime,
        format!(
            "[Errno {code}] {}: '{}'",
            strip_os_suffix(e),
            path.display()
        ),
    )
}

fn strip_os_suffix(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Map `path` as an array, as `np.memmap(path, dtype, mode, offset, shape, order)` does.
///
/// # Errors
/// NumPy's `ValueError`s (missing shape for `w+`, empty file, size not a multiple of the
/// item size, map past the end of a read-only file), OS errors.
pub fn map_array(
    path: &Path,
    dtype: DType,
    mode: MapMode,
    offset: usize,
    shape: Option<&[usize]>,
    order: Order,
) -> Result<(NdArray, Arc<FileMap>)> {
    if mode == MapMode::Write && shape.is_none() {
        return Err(Error::value("shape must be given if mode == 'w+'"));
    }
    let file = match mode {
        MapMode::ReadOnly | MapMode::CopyOnWrite => File::open(path),
        MapMode::ReadWrite => OpenOptions::new().read(true).write(true).open(path),
        MapMode::Write => OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path),
    }
    .map_err(|e| os_error(&e, path))?;
    let flen = file.metadata().map_err(|e| os_error(&e, path))?.len();
    let itemsize = dtype.itemsize();
    let shape: Vec<usize> = match shape {
        Some(s) => s.to_vec(),
        None => {
            let avail = flen
                .checked_sub(offset as u64)
                .ok_or_else(|| Error::value("mmap offset is greater than file size"))?;
            if avail % itemsize as u64 != 0 {
                return Err(Error::value(
                    "Size of available data is not a multiple of the data-type size.",
                ));
            }
            vec![usize::try_from(avail / itemsize as u64)
                .map_err(|_| Error::value("file too large to map"))?]
        }
    };
    let nbytes = layout::checked_nbytes(&shape, itemsize)?;
    let end = (offset as u64)
        .checked_add(nbytes as u64)
        .ok_or_else(|| Error::value("mmap length is too large"))?;
    if matches!(mode, MapMode::ReadWrite | MapMode::Write) && flen < end {
        file.set_len(end).map_err(|e| os_error(&e, path))?;
    } else if end > flen {
        return Err(Error::value("mmap length is greater than file size"));
    }
    if end == 0 {
        return Err(Error::value("cannot mmap an empty file"));
    }
    let map = if nbytes == 0 {
        Map::None
    } else {
        let mut opts = MmapOptions::new();
        opts.offset(offset as u64).len(nbytes);
        // SAFETY: mapping a file is unsafe because another process may change or shrink
        // it underneath us; that is the documented contract of np.memmap as well. The
        // file's length was checked (or extended) to cover the mapped range.
        let m = unsafe {
            match mode {
                MapMode::ReadOnly => opts.map_raw_read_only(&file).map(Map::Shared),
                MapMode::ReadWrite | MapMode::Write => opts.map_raw(&file).map(Map::Shared),
                MapMode::CopyOnWrite => opts.map_copy(&file).map(Map::Private),
            }
        };
        m.map_err(|e| os_error(&e, path))?
    };
    let fmap = Arc::new(FileMap { map });
    let (ptr, len) = fmap.ptr_len();
    let owner: Box<dyn Any + Send + Sync> = Box::new(Owner(Arc::clone(&fmap)));
    // SAFETY: `ptr` is valid for `len` bytes (reads, and writes unless read-only, which
    // the array's writeable flag enforces) for as long as the mapping lives, and the
    // buffer owns an `Arc` of the mapping.
    let buffer = unsafe { Buffer::from_foreign(ptr, len, owner) };
    let strides = match order {
        Order::F => layout::f_strides(&shape, itemsize),
        _ => layout::c_strides(&shape, itemsize),
    };
    let writeable = mode != MapMode::ReadOnly;
    let a = NdArray::from_buffer(Arc::new(buffer), 0, &shape, &strides, dtype, writeable)?;
    Ok((a, fmap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use numoxide_core::Scalar;

    #[test]
    fn write_then_read_back() {
        let dir = std::env::temp_dir().join(format!("numoxide-mmap-{}", std::process::id()));
        let (a, m) = map_array(
            &dir,
            DType::FLOAT64,
            MapMode::Write,
            0,
            Some(&[4]),
            Order::C,
        )
        .unwrap();
        a.set(&[2], Scalar::Float64(7.5)).unwrap();
        m.flush().unwrap();
        drop(a);
        let (b, _) = map_array(&dir, DType::FLOAT64, MapMode::ReadOnly, 0, None, Order::C).unwrap();
        assert_eq!(b.to_vec::<f64>(), vec![0.0, 0.0, 7.5, 0.0]);
        assert!(b.set(&[0], Scalar::Float64(1.0)).is_err());
        let _ = std::fs::remove_file(&dir);
    }
}
