//! Reading and writing whole .npy arrays through byte sources and sinks.

use std::io::{Read, Write};

use numoxide_core::error::{Error, Result};
use numoxide_core::{DType, NdArray, Order};

use crate::header::{self, shape_repr, Header};

/// Bytes read at most per step from a source of unknown length, so a lying header
/// cannot make us allocate more than the data that really arrives.
const CHUNK: usize = 16 << 20;

/// Somewhere .npy bytes come from: a file, a zip member, a Python file object.
pub trait Source {
    /// Read up to `buf.len()` bytes; 0 means the end of the data.
    ///
    /// # Errors
    /// Whatever the underlying reader reports.
    fn read_some(&mut self, buf: &mut [u8]) -> Result<usize>;
    /// The number of bytes left, when known (files, zip members).
    fn remaining(&self) -> Option<u64>;
    /// True when the remaining length is known to be exact, as for a regular file
    /// (NumPy reports a short read there as missing elements, not as an EOF).
    fn is_file(&self) -> bool {
        false
    }
}

/// A [`Source`] over any `Read` with an optional known length.
pub struct ReadSource<R> {
    inner: R,
    left: Option<u64>,
    file: bool,
}

impl<R: Read> ReadSource<R> {
    /// A source of `inner`; `left` is the number of bytes it holds when known, and
    /// `file` tells whether it is a regular file.
    pub fn new(inner: R, left: Option<u64>, file: bool) -> Self {
        ReadSource { inner, left, file }
    }
}

impl<R: Read> Source for ReadSource<R> {
    fn read_some(&mut self, buf: &mut [u8]) -> Result<usize> {
        loop {
            match self.inner.read(buf) {
                Ok(n) => {
                    if let Some(l) = self.left.as_mut() {
                        *l = l.saturating_sub(n as u64);
                    }
                    return Ok(n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_error(&e)),
            }
        }
    }
    fn remaining(&self) -> Option<u64> {
        self.left
    }
    fn is_file(&self) -> bool {
        self.file
    }
}

/// Map an I/O error to a numoxide error (the binding turns these into `OSError`).
pub fn io_error(e: &std::io::Error) -> Error {
    Error::new(numoxide_core::ErrorKind::Runtime, format!("I/O error: {e}"))
}

/// Fill `buf` as far as the source allows; returns the number of bytes read.
fn read_full(src: &mut dyn Source, buf: &mut [u8]) -> Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        let n = src.read_some(&mut buf[got..])?;
        if n == 0 {
            break;
        }
        got += n;
    }
    Ok(got)
}

/// Read exactly `n` header bytes, with NumPy's EOF message when the source runs out.
fn read_exact_vec(src: &mut dyn Source, n: usize, what: &str) -> Result<Vec<u8>> {
    if let Some(left) = src.remaining() {
        if (left as u128) < n as u128 {
            let mut rest = vec![0u8; left as usize];
            let got = read_full(src, &mut rest)?;
            return Err(eof(what, n, got));
        }
    }
    let mut out = Vec::new();
    while out.len() < n {
        let step = (n - out.len()).min(CHUNK);
        let start = out.len();
        out.resize(start + step, 0);
        let got = read_full(src, &mut out[start..])?;
        if got < step {
            return Err(eof(what, n, start + got));
        }
    }
    Ok(out)
}

fn eof(what: &str, want: usize, got: usize) -> Error {
    Error::value(format!(
        "EOF: reading {what}, expected {want} bytes got {got}"
    ))
}

/// Read a header from `src`.
///
/// # Errors
/// As [`header::read_header`].
pub fn read_header(src: &mut dyn Source, max_header_size: usize) -> Result<Header> {
    header::read_header(|n, what| read_exact_vec(src, n, what), max_header_size)
}

/// Read a whole array (header and data) from `src`, leaving the source just past it.
///
/// # Errors
/// NumPy's `ValueError`s for bad headers and truncated data; `TypeError` for dtypes
/// numoxide lacks; `MemoryError`.
pub fn read_array(src: &mut dyn Source, max_header_size: usize) -> Result<NdArray> {
    let h = read_header(src, max_header_size)?;
    read_data(src, &h)
}

/// Read the data an already-read header describes.
///
/// # Errors
/// As [`read_array`].
pub fn read_data(src: &mut dyn Source, h: &Header) -> Result<NdArray> {
    let dtype = h.dtype()?;
    let nbytes = h.nbytes()?;
    let order = if h.fortran_order { Order::F } else { Order::C };
    let itemsize = dtype.itemsize();
    let known = src.remaining();
    let file = src.is_file();
    let short = |got: usize| {
        if file {
            Error::value(format!(
                "Failed to read all data for array. Expected {} = {} elements, could only read {} elements. (file seems not fully written?)",
                shape_repr(&h.shape),
                h.shape.iter().product::<usize>(),
                got / itemsize.max(1)
            ))
        } else {
            eof("array data", nbytes, got)
        }
    };
    if let Some(left) = known {
        if (left as u128) < nbytes as u128 {
            return Err(short(left as usize));
        }
    }
    if known.is_some() || nbytes <= CHUNK {
        let a = NdArray::empty(&h.shape, dtype, order)?;
        if nbytes > 0 {
            // SAFETY: a fresh contiguous array of exactly `nbytes` bytes, not shared.
            let buf = unsafe { std::slice::from_raw_parts_mut(a.data_ptr(), nbytes) };
            let got = read_full(src, buf)?;
            if got < nbytes {
                return Err(short(got));
            }
        }
        return Ok(a);
    }
    // Unknown length and a big claim: collect what really arrives before allocating.
    let data = read_exact_vec(src, nbytes, "array data")?;
    from_bytes(&data, &h.shape, dtype, order)
}

/// An array of `shape` and `dtype` holding a copy of `data` laid out in `order`.
///
/// # Errors
/// `ValueError` when the byte count is wrong; `MemoryError`.
pub fn from_bytes(data: &[u8], shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
    let a = NdArray::empty(shape, dtype, order)?;
    if data.len() != a.nbytes() {
        return Err(Error::value("data length does not match the array size"));
    }
    if !data.is_empty() {
        // SAFETY: the fresh array is contiguous with exactly `data.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), a.data_ptr(), data.len()) };
    }
    Ok(a)
}

/// Whether NumPy stores `a` in Fortran order (F-contiguous and not C-contiguous).
pub fn fortran_order(a: &NdArray) -> bool {
    !a.is_c_contiguous() && a.is_f_contiguous()
}

/// The header bytes NumPy writes for `a`, and the version when one other than 1.0
/// had to be chosen automatically (NumPy warns then).
///
/// # Errors
/// `ValueError` when `version` cannot hold the header.
pub fn header_for(a: &NdArray, version: Option<(u8, u8)>) -> Result<(Vec<u8>, Option<(u8, u8)>)> {
    header::build_header(a.dtype(), fortran_order(a), a.shape(), version)
}

/// Write the elements of `a` in the order its header declares (C, or F when
/// [`fortran_order`]), without the header.
///
/// # Errors
/// I/O errors of `w`; `MemoryError` for the copy of a non-contiguous array.
pub fn write_data(w: &mut dyn Write, a: &NdArray) -> Result<()> {
    let contiguous = a.is_c_contiguous() || a.is_f_contiguous();
    if contiguous {
        let n = a.nbytes();
        if n == 0 {
            return Ok(());
        }
        // SAFETY: a contiguous array's `nbytes` bytes start at its data pointer and lie
        // inside its buffer; we only read them.
        let bytes = unsafe { std::slice::from_raw_parts(a.data_ptr() as *const u8, n) };
        return w.write_all(bytes).map_err(|e| io_error(&e));
    }
    // Copy a block of rows at a time to keep the extra memory small.
    let c = a.copy(Order::C)?;
    write_data(w, &c)
}

/// Write `a` as a complete .npy file (header and data).
///
/// # Errors
/// As [`header_for`] and [`write_data`].
pub fn write_array(
    w: &mut dyn Write,
    a: &NdArray,
    version: Option<(u8, u8)>,
) -> Result<Option<(u8, u8)>> {
    let (h, warn) = header_for(a, version)?;
    w.write_all(&h).map_err(|e| io_error(&e))?;
    write_data(w, a)?;
    Ok(warn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use numoxide_core::DTypeKind;

    #[test]
    fn round_trip_c_and_f() {
        let a = NdArray::from_vec((0..6i32).collect(), &[2, 3]).unwrap();
        for arr in [a.clone(), a.transpose(None).unwrap()] {
            let mut out = Vec::new();
            write_array(&mut out, &arr, None).unwrap();
            let len = out.len() as u64;
            let mut src = ReadSource::new(&out[..], Some(len), true);
            let b = read_array(&mut src, 10000).unwrap();
            assert_eq!(b.shape(), arr.shape());
            assert_eq!(b.to_vec::<i32>(), arr.to_vec::<i32>());
            assert_eq!(b.kind(), DTypeKind::Int32);
        }
    }

    #[test]
    fn truncated_and_lying_sources_fail_cleanly() {
        let a = NdArray::from_vec(vec![1.0f64; 4], &[4]).unwrap();
        let mut out = Vec::new();
        write_array(&mut out, &a, None).unwrap();
        out.truncate(out.len() - 3);
        let mut src = ReadSource::new(&out[..], None, false);
        assert!(read_array(&mut src, 10000).is_err());
        let (mut h, _) = header::build_header(&DType::FLOAT64, false, &[1 << 40], None).unwrap();
        h.extend_from_slice(&[0u8; 16]);
        let mut src = ReadSource::new(&h[..], None, false);
        assert!(read_array(&mut src, 10000).is_err());
    }
}
