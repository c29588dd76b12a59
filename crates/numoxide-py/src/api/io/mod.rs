//! Bindings of the io family: .npy/.npz (`save`, `load`, `savez`, ...), memory maps
//! (`memmap`), text (`loadtxt`, `savetxt`, `fromstring`) and raw files (`fromfile`,
//! `tofile`). File objects are read and written through their `.read`/`.write`.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use numoxide_core::{DType, DTypeKind, ErrorKind, NdArray, Order, Scalar};
use numoxide_io::header::{self, Header, MAGIC_PREFIX, MAX_HEADER_SIZE};
use numoxide_io::mmap::{map_array, FileMap, MapMode};
use numoxide_io::npy::{self, ReadSource, Source};
use numoxide_io::npz::{self, Member, NpzReader};
use numoxide_io::text;
use pyo3::exceptions::{PyEOFError, PyOSError, PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::{dtype_from_py, dtype_object};
use crate::error::{to_pyerr, IntoPyResult};

mod memmaps;
mod npy_files;
mod pickle;
mod raw_data;
mod text_files;

use memmaps::*;
use npy_files::*;
use pickle::*;
pub use raw_data::*;
use text_files::*;

const ZIP_PREFIX: &[u8] = b"PK\x03\x04";
const ZIP_SUFFIX: &[u8] = b"PK\x05\x06";

// ----- errors and file plumbing ---------------------------------------------------------

/// Convert a core error, turning the I/O errors of numoxide-io into `OSError`s.
fn io_pyerr(e: numoxide_core::Error) -> PyErr {
    if e.kind() == ErrorKind::Runtime {
        let msg = e.message();
        if let Some(rest) = msg.strip_prefix("[Errno ") {
            if let Some((code, tail)) = rest.split_once("] ") {
                if let (Ok(code), Some((text, path))) =
                    (code.parse::<i32>(), tail.rsplit_once(": '"))
                {
                    return PyOSError::new_err((
                        code,
                        text.to_string(),
                        path.trim_end_matches('\'').to_string(),
                    ));
                }
            }
        }
        if msg.starts_with("I/O error") {
            return PyOSError::new_err(msg.to_string());
        }
    }
    to_pyerr(e)
}

trait IoResult<T> {
    fn pyio(self) -> PyResult<T>;
}
impl<T> IoResult<T> for numoxide_core::Result<T> {
    fn pyio(self) -> PyResult<T> {
        self.map_err(io_pyerr)
    }
}

/// A path argument (str or os.PathLike), or None for file objects.
fn path_of(obj: &Bound<'_, PyAny>) -> PyResult<Option<PathBuf>> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        return Ok(Some(obj.extract::<PathBuf>()?));
    }
    Ok(None)
}

/// Append `ext` unless the path already ends with it (np.save / np.savez do this).
fn with_suffix(path: PathBuf, ext: &str) -> PathBuf {
    let s = path.to_string_lossy();
    if s.ends_with(ext) {
        path
    } else {
        PathBuf::from(format!("{s}{ext}"))
    }
}

/// Bytes read from a Python file object by its `.read(n)`.
struct PyFileSource<'py> {
    f: Bound<'py, PyAny>,
    left: Option<u64>,
    file: bool,
    err: Option<PyErr>,
}

impl<'py> PyFileSource<'py> {
    fn new(f: &Bound<'py, PyAny>) -> Self {
        // A real file tells how much is left (seek to the end and back); NumPy reads such
        // files with `fromfile`, and a short read reports missing elements.
        let file = f.call_method0("fileno").is_ok();
        let left = (|| -> PyResult<u64> {
            let pos: u64 = f.call_method0("tell")?.extract()?;
            let end: u64 = f.call_method1("seek", (0, 2))?.extract()?;
            f.call_method1("seek", (pos, 0))?;
            Ok(end.saturating_sub(pos))
        })()
        .ok();
        if left.is_none() {
            let _ = PyErr::take(f.py());
        }
        PyFileSource {
            f: f.clone(),
            left,
            file,
            err: None,
        }
    }
    fn check(&mut self, r: numoxide_core::Result<NdArray>) -> PyResult<NdArray> {
        match (self.err.take(), r) {
            (Some(e), _) => Err(e),
            (None, r) => r.pyio(),
        }
    }
}

impl Source for PyFileSource<'_> {
    fn read_some(&mut self, buf: &mut [u8]) -> numoxide_core::Result<usize> {
        let data = match self.f.call_method1("read", (buf.len(),)) {
            Ok(d) => d,
            Err(e) => {
                self.err = Some(e);
                return Err(numoxide_core::Error::value("read failed"));
            }
        };
        let bytes: &[u8] = match data.cast::<PyBytes>() {
            Ok(b) => b.as_bytes(),
            Err(_) => {
                self.err = Some(PyTypeError::new_err(
                    "file object returned non-bytes; open the file in binary mode",
                ));
                return Err(numoxide_core::Error::value("read failed"));
            }
        };
        let n = bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&bytes[..n]);
        if let Some(l) = self.left.as_mut() {
            *l = l.saturating_sub(n as u64);
        }
        Ok(n)
    }
    fn remaining(&self) -> Option<u64> {
        self.left
    }
    fn is_file(&self) -> bool {
        self.file
    }
}

/// Writes to a Python file object through its `.write`.
struct PyWriter<'py> {
    f: Bound<'py, PyAny>,
    err: Option<PyErr>,
}

impl Write for PyWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let py = self.f.py();
        match self.f.call_method1("write", (PyBytes::new(py, buf),)) {
            Ok(_) => Ok(buf.len()),
            Err(e) => {
                self.err = Some(e);
                Err(std::io::Error::other("write failed"))
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl PyWriter<'_> {
    fn check<T>(&mut self, r: numoxide_core::Result<T>) -> PyResult<T> {
        match (self.err.take(), r) {
            (Some(e), _) => Err(e),
            (None, r) => r.pyio(),
        }
    }
}

fn warn_version(py: Python<'_>, v: Option<(u8, u8)>) -> PyResult<()> {
    if let Some((major, _)) = v {
        let need = if major == 2 { "1.9" } else { "1.17" };
        let msg = std::ffi::CString::new(format!(
            "Stored array in format {major}.0. It can only be read by NumPy >= {need}"
        ))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &msg, 1)?;
    }
    Ok(())
}

fn parse_version(v: Option<&Bound<'_, PyAny>>) -> PyResult<Option<(u8, u8)>> {
    match v {
        Some(v) if !v.is_none() => {
            let t: (i64, i64) = v.extract()?;
            match t {
                (1, 0) | (2, 0) | (3, 0) => Ok(Some((t.0 as u8, t.1 as u8))),
                _ => Err(PyValueError::new_err(format!(
                    "we only support format version (1,0), (2,0), and (3,0), not ({}, {})",
                    t.0, t.1
                ))),
            }
        }
        _ => Ok(None),
    }
}

/// Write `a` as .npy to a path or file object.
fn write_npy_to(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    a: &NdArray,
    version: Option<(u8, u8)>,
    add_suffix: bool,
) -> PyResult<()> {
    let warn = match path_of(file)? {
        Some(p) => {
            let p = if add_suffix {
                with_suffix(p, ".npy")
            } else {
                p
            };
            let mut f = File::create(&p)?;
            npy::write_array(&mut f, a, version).pyio()?
        }
        None => {
            let mut w = PyWriter {
                f: file.clone(),
                err: None,
            };
            let r = npy::write_array(&mut w, a, version);
            w.check(r)?
        }
    };
    warn_version(py, warn)
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(save, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(savez, m)?)?;
    m.add_function(wrap_pyfunction!(savez_compressed, m)?)?;
    m.add_function(wrap_pyfunction!(loadtxt, m)?)?;
    m.add_function(wrap_pyfunction!(savetxt, m)?)?;
    m.add_function(wrap_pyfunction!(genfromtxt, m)?)?;
    m.add_function(wrap_pyfunction!(fromstring, m)?)?;
    m.add_function(wrap_pyfunction!(frombuffer, m)?)?;
    m.add_function(wrap_pyfunction!(fromfile, m)?)?;
    m.add_class::<PyMemmap>()?;
    let sub = PyModule::new(m.py(), "_io")?;
    sub.add_class::<PyNpzReader>()?;
    sub.add_function(wrap_pyfunction!(_open_memmap, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_read_array_header, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_header_bytes, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_write_array, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_read_array, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_parse_field, &sub)?)?;
    sub.add_function(wrap_pyfunction!(_ndarray_tofile, &sub)?)?;
    m.add_function(wrap_pyfunction!(_reconstruct, m)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
