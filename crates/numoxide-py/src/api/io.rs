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

// ----- .npy -----------------------------------------------------------------------------

/// Save an array to a binary file in NumPy ``.npy`` format.
#[pyfunction]
#[pyo3(signature = (file, arr, allow_pickle=true))]
pub fn save(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    arr: &Bound<'_, PyAny>,
    allow_pickle: bool,
) -> PyResult<()> {
    let _ = allow_pickle;
    let a = to_array(arr, None)?;
    write_npy_to(py, file, &a, None, true)
}

fn pickle_error() -> PyErr {
    PyValueError::new_err(
        "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
    )
}

/// Load arrays from ``.npy`` or ``.npz`` files (an ``.npz`` gives a lazy NpzFile).
#[pyfunction]
#[pyo3(signature = (file, mmap_mode=None, allow_pickle=false, fix_imports=true, encoding="ASCII", *, max_header_size=MAX_HEADER_SIZE))]
pub fn load<'py>(
    py: Python<'py>,
    file: &Bound<'py, PyAny>,
    mmap_mode: Option<&Bound<'py, PyAny>>,
    allow_pickle: bool,
    fix_imports: bool,
    encoding: &str,
    max_header_size: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = fix_imports;
    if !matches!(encoding, "ASCII" | "latin1" | "bytes") {
        return Err(PyValueError::new_err(
            "encoding must be 'ASCII', 'latin1', or 'bytes'",
        ));
    }
    let max_header = if allow_pickle {
        usize::MAX
    } else {
        max_header_size
    };
    let mmap_mode: Option<String> = match mmap_mode {
        Some(m) if !m.is_none() => Some(m.extract()?),
        _ => None,
    };
    let npyio = py.import("numoxide.lib.npyio")?;
    if file.hasattr("read")? {
        let magic: Vec<u8> = file
            .call_method1("read", (MAGIC_PREFIX.len(),))?
            .extract()?;
        if magic.is_empty() {
            return Err(PyEOFError::new_err("No data left in file"));
        }
        file.call_method1("seek", (-(magic.len() as i64), 1))?;
        if magic.starts_with(ZIP_PREFIX) || magic.starts_with(ZIP_SUFFIX) {
            let data: Vec<u8> = file.call_method0("read")?.extract()?;
            let reader = NpzReader::new(Box::new(std::io::Cursor::new(data))).pyio()?;
            let name = match file.getattr("name") {
                Ok(n) => n,
                Err(_) => PyString::new(py, "object").into_any(),
            };
            return open_npz(py, &npyio, reader, name, max_header, allow_pickle);
        }
        if magic.as_slice() == MAGIC_PREFIX {
            if mmap_mode.is_some() {
                return Err(PyValueError::new_err(
                    "Filename must be a string or a path-like object.  Memmap cannot use existing file handles.",
                ));
            }
            let mut src = PyFileSource::new(file);
            let r = npy::read_array(&mut src, max_header);
            let a = src.check(r)?;
            return Ok(wrap(py, a)?.into_bound(py).into_any());
        }
        if !allow_pickle {
            return Err(pickle_error());
        }
        return py.import("pickle")?.call_method1("load", (file,));
    }
    let path = file.extract::<PathBuf>()?;
    let mut f = File::open(&path)?;
    let mut magic = [0u8; 6];
    let mut got = 0;
    while got < magic.len() {
        let n = f.read(&mut magic[got..])?;
        if n == 0 {
            break;
        }
        got += n;
    }
    let magic = &magic[..got];
    if magic.is_empty() {
        return Err(PyEOFError::new_err("No data left in file"));
    }
    f.seek(SeekFrom::Start(0))?;
    if magic.starts_with(ZIP_PREFIX) || magic.starts_with(ZIP_SUFFIX) {
        let reader = NpzReader::new(Box::new(std::io::BufReader::new(f))).pyio()?;
        let name = PyString::new(py, &path.to_string_lossy()).into_any();
        return open_npz(py, &npyio, reader, name, max_header, allow_pickle);
    }
    if magic == MAGIC_PREFIX {
        if let Some(mode) = mmap_mode {
            drop(f);
            return open_memmap_impl(py, &path, &mode, None, None, false, None, max_header);
        }
        let len = f.metadata()?.len();
        let mut src = ReadSource::new(f, Some(len), true);
        let a = npy::read_array(&mut src, max_header).pyio()?;
        return Ok(wrap(py, a)?.into_bound(py).into_any());
    }
    if !allow_pickle {
        return Err(pickle_error());
    }
    let fobj = py.import("builtins")?.call_method1("open", (file, "rb"))?;
    let r = py.import("pickle")?.call_method1("load", (&fobj,));
    fobj.call_method0("close")?;
    r
}

// ----- .npz -----------------------------------------------------------------------------

/// An open .npz archive, read member by member (the engine of `NpzFile`).
#[pyclass(name = "_NpzReader", module = "numoxide")]
pub struct PyNpzReader {
    reader: Mutex<Option<NpzReader>>,
    names: Vec<String>,
}

#[pymethods]
impl PyNpzReader {
    /// The member names, in archive order.
    fn namelist(&self) -> Vec<String> {
        self.names.clone()
    }
    /// Read one member: an array for .npy members, bytes otherwise.
    fn read<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        max_header_size: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut guard = self
            .reader
            .lock()
            .map_err(|_| PyValueError::new_err("archive lock poisoned"))?;
        let reader = guard
            .as_mut()
            .ok_or_else(|| PyValueError::new_err("I/O operation on closed file."))?;
        match reader.read(name, max_header_size).pyio()? {
            Member::Array(a) => Ok(wrap(py, a)?.into_bound(py).into_any()),
            Member::Raw(b) => Ok(PyBytes::new(py, &b).into_any()),
        }
    }
    /// Release the archive.
    fn close(&self) -> PyResult<()> {
        if let Ok(mut g) = self.reader.lock() {
            *g = None;
        }
        Ok(())
    }
}

fn open_npz<'py>(
    py: Python<'py>,
    npyio: &Bound<'py, PyModule>,
    reader: NpzReader,
    name: Bound<'py, PyAny>,
    max_header: usize,
    allow_pickle: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let names = reader.names();
    let r = Py::new(
        py,
        PyNpzReader {
            reader: Mutex::new(Some(reader)),
            names,
        },
    )?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_pickle", allow_pickle)?;
    kwargs.set_item("max_header_size", max_header)?;
    npyio.getattr("NpzFile")?.call((r, name), Some(&kwargs))
}

fn savez_impl(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
    kwds: Option<&Bound<'_, PyDict>>,
    compress: bool,
) -> PyResult<()> {
    let mut members: Vec<(String, NdArray)> = Vec::new();
    if let Some(k) = kwds {
        for (key, val) in k.iter() {
            members.push((key.extract()?, to_array(&val, None)?));
        }
    }
    for (i, val) in args.iter().enumerate() {
        let key = format!("arr_{i}");
        if members.iter().any(|(k, _)| *k == key) {
            return Err(PyValueError::new_err(format!(
                "Cannot use un-named variables and keyword {key}"
            )));
        }
        members.push((key, to_array(&val, None)?));
    }
    match path_of(file)? {
        Some(p) => {
            let f = BufWriter::with_capacity(1 << 20, File::create(with_suffix(p, ".npz"))?);
            let mut w = py.detach(|| npz::write_npz(f, &members, compress)).pyio()?;
            w.flush()?;
        }
        None => {
            let cur = py
                .detach(|| npz::write_npz(std::io::Cursor::new(Vec::new()), &members, compress))
                .pyio()?;
            file.call_method1("write", (PyBytes::new(py, cur.get_ref()),))?;
        }
    }
    Ok(())
}

/// Save several arrays into a single file in uncompressed ``.npz`` format.
#[pyfunction]
#[pyo3(signature = (file, *args, allow_pickle=true, **kwds))]
pub fn savez(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
    allow_pickle: bool,
    kwds: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    let _ = allow_pickle;
    savez_impl(py, file, args, kwds, false)
}

/// Save several arrays into a single file in compressed ``.npz`` format.
#[pyfunction]
#[pyo3(signature = (file, *args, allow_pickle=true, **kwds))]
pub fn savez_compressed(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
    allow_pickle: bool,
    kwds: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    let _ = allow_pickle;
    savez_impl(py, file, args, kwds, true)
}

// ----- memory maps ------------------------------------------------------------------------

/// An array whose data is a memory map of a file (NumPy's ``memmap``).
#[pyclass(extends = PyNdArray, name = "memmap", module = "numoxide", subclass)]
pub struct PyMemmap {
    map: Option<Arc<FileMap>>,
    /// The absolute path of the mapped file.
    #[pyo3(get)]
    filename: Option<String>,
    /// Where the array starts in the file.
    #[pyo3(get)]
    offset: usize,
    /// The mode the file was mapped with.
    #[pyo3(get)]
    mode: Option<String>,
}

fn shape_opt(shape: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    match shape {
        Some(s) if !s.is_none() => crate::convert::shape_arg(s).map(Some),
        _ => Ok(None),
    }
}

fn new_memmap(
    path: &std::path::Path,
    dtype: DType,
    mode: MapMode,
    offset: usize,
    shape: Option<&[usize]>,
    order: Order,
) -> PyResult<(PyMemmap, PyNdArray)> {
    let (a, map) = map_array(path, dtype, mode, offset, shape, order).pyio()?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Ok((
        PyMemmap {
            map: Some(map),
            filename: Some(abs.to_string_lossy().into_owned()),
            offset,
            mode: Some(mode.name().to_string()),
        },
        PyNdArray::owned(a),
    ))
}

#[pymethods]
impl PyMemmap {
    #[new]
    #[pyo3(signature = (filename, dtype=None, mode="r+", offset=0, shape=None, order="C"))]
    fn py_new(
        filename: &Bound<'_, PyAny>,
        dtype: Option<&Bound<'_, PyAny>>,
        mode: &str,
        offset: i64,
        shape: Option<&Bound<'_, PyAny>>,
        order: &str,
    ) -> PyResult<PyClassInitializer<Self>> {
        let mode = MapMode::parse(mode).py()?;
        let dtype = match dtype {
            Some(d) if !d.is_none() => dtype_from_py(d)?,
            _ => DType::new(DTypeKind::UInt8),
        };
        if offset < 0 {
            return Err(PyValueError::new_err("offset must be non-negative"));
        }
        let path = match path_of(filename)? {
            Some(p) => p,
            None => filename
                .getattr("name")
                .and_then(|n| n.extract::<PathBuf>())
                .map_err(|_| {
                    PyTypeError::new_err("memmap needs a file name or a file object with a name")
                })?,
        };
        let order = Order::parse(Some(order)).py()?;
        let shape = shape_opt(shape)?;
        let (me, base) = new_memmap(&path, dtype, mode, offset as usize, shape.as_deref(), order)?;
        Ok(PyClassInitializer::from(base).add_subclass(me))
    }
    /// Write any changes in the array to the file on disk.
    fn flush(&self) -> PyResult<()> {
        match &self.map {
            Some(m) => m.flush().pyio(),
            None => Ok(()),
        }
    }
    fn __repr__(slf: PyRef<'_, Self>) -> PyResult<String> {
        let parent = slf.as_super();
        let text = numoxide_core::print::array_repr(
            &parent.inner,
            &numoxide_core::print::get_printoptions(),
        );
        Ok(relabel_repr(&text, "memmap"))
    }
}

/// `array(...)` → `memmap(...)`, moving continuation lines right by the extra width.
fn relabel_repr(text: &str, name: &str) -> String {
    let Some(rest) = text.strip_prefix("array(") else {
        return text.to_string();
    };
    let extra = " ".repeat(name.len() + 1 - "array(".len());
    let body = rest.replace('\n', &format!("\n{extra}"));
    format!("{name}({body}")
}

#[allow(clippy::too_many_arguments)]
fn open_memmap_impl<'py>(
    py: Python<'py>,
    path: &std::path::Path,
    mode: &str,
    dtype: Option<DType>,
    shape: Option<Vec<usize>>,
    fortran_order: bool,
    version: Option<(u8, u8)>,
    max_header: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (dtype, shape, order, offset) = if mode.contains('w') {
        let dtype = dtype.unwrap_or(DType::FLOAT64);
        let shape =
            shape.ok_or_else(|| PyTypeError::new_err("shape must be given to create a file"))?;
        let (h, warn) = header::build_header(&dtype, fortran_order, &shape, version).py()?;
        let mut f = File::create(path)?;
        f.write_all(&h)?;
        warn_version(py, warn)?;
        (dtype, shape, fortran_order, h.len())
    } else {
        let f = File::open(path)?;
        let len = f.metadata()?.len();
        let mut src = ReadSource::new(f, Some(len), true);
        let h: Header = npy::read_header(&mut src, max_header).pyio()?;
        let dtype = match h.dtype() {
            Err(e) if e.kind() == ErrorKind::Value => {
                return Err(PyValueError::new_err(
                    "Array can't be memory-mapped: Python objects in dtype.",
                ))
            }
            r => r.py()?,
        };
        (dtype, h.shape, h.fortran_order, h.data_offset)
    };
    let mode = if mode == "w+" { "r+" } else { mode };
    let mode = MapMode::parse(mode).py()?;
    let order = if order { Order::F } else { Order::C };
    let init = new_memmap(path, dtype, mode, offset, Some(&shape), order)?;
    let obj = Bound::new(py, PyClassInitializer::from(init.1).add_subclass(init.0))?;
    Ok(obj.into_any())
}

/// Open a .npy file as a memory-mapped array (``numpy.lib.format.open_memmap``).
#[pyfunction]
#[pyo3(signature = (filename, mode="r+", dtype=None, shape=None, fortran_order=false, version=None, *, max_header_size=MAX_HEADER_SIZE))]
pub fn _open_memmap<'py>(
    py: Python<'py>,
    filename: &Bound<'py, PyAny>,
    mode: &str,
    dtype: Option<&Bound<'py, PyAny>>,
    shape: Option<&Bound<'py, PyAny>>,
    fortran_order: bool,
    version: Option<&Bound<'py, PyAny>>,
    max_header_size: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let path = path_of(filename)?.ok_or_else(|| {
        PyValueError::new_err("Filename must be a string or a path-like object.  Memmap cannot use existing file handles.")
    })?;
    let dtype = match dtype {
        Some(d) if !d.is_none() => Some(dtype_from_py(d)?),
        _ => None,
    };
    let version = parse_version(version)?;
    open_memmap_impl(
        py,
        &path,
        mode,
        dtype,
        shape_opt(shape)?,
        fortran_order,
        version,
        max_header_size,
    )
}

// ----- np.lib.format helpers --------------------------------------------------------------

/// Read a header from a file object: `(shape, fortran_order, dtype)`. With a version
/// the magic string has been read already (read_array_header_1_0/2_0).
#[pyfunction]
#[pyo3(signature = (fp, version=None, max_header_size=MAX_HEADER_SIZE))]
pub fn _read_array_header<'py>(
    py: Python<'py>,
    fp: &Bound<'py, PyAny>,
    version: Option<(u8, u8)>,
    max_header_size: usize,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut src = PyFileSource::new(fp);
    let mut prefix: Option<Vec<u8>> = version.map(|(a, b)| {
        let mut m = MAGIC_PREFIX.to_vec();
        m.extend_from_slice(&[a, b]);
        m
    });
    let r = header::read_header(
        |n, what| {
            if let Some(p) = prefix.take() {
                return Ok(p);
            }
            let mut buf = vec![0u8; n.min(1 << 26)];
            let mut got = 0;
            while got < buf.len() {
                let k = src.read_some(&mut buf[got..])?;
                if k == 0 {
                    break;
                }
                got += k;
            }
            if got < n {
                return Err(numoxide_core::Error::value(format!(
                    "EOF: reading {what}, expected {n} bytes got {got}"
                )));
            }
            Ok(buf)
        },
        max_header_size,
    );
    if let Some(e) = src.err.take() {
        return Err(e);
    }
    let h = r.py()?;
    let dtype = h.dtype().py()?;
    PyTuple::new(
        py,
        [
            PyTuple::new(py, &h.shape)?.into_any(),
            h.fortran_order.into_pyobject(py)?.to_owned().into_any(),
            dtype_object(py, &dtype)?.into_bound(py).into_any(),
        ],
    )
}

/// The complete header bytes for a dtype, order and shape (write_array_header_*).
#[pyfunction]
#[pyo3(signature = (dtype, fortran_order, shape, version=None))]
pub fn _header_bytes<'py>(
    py: Python<'py>,
    dtype: &Bound<'py, PyAny>,
    fortran_order: bool,
    shape: Vec<usize>,
    version: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let dtype = dtype_from_py(dtype)?;
    let (h, warn) =
        header::build_header(&dtype, fortran_order, &shape, parse_version(version)?).py()?;
    warn_version(py, warn)?;
    Ok(PyBytes::new(py, &h))
}

/// Write an array as .npy to a file object (format.write_array).
#[pyfunction]
#[pyo3(signature = (fp, array, version=None))]
pub fn _write_array(
    py: Python<'_>,
    fp: &Bound<'_, PyAny>,
    array: &Bound<'_, PyAny>,
    version: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let a = to_array(array, None)?;
    write_npy_to(py, fp, &a, parse_version(version)?, false)
}

/// Read an array from a file object (format.read_array).
#[pyfunction]
#[pyo3(signature = (fp, max_header_size=MAX_HEADER_SIZE))]
pub fn _read_array(
    py: Python<'_>,
    fp: &Bound<'_, PyAny>,
    max_header_size: usize,
) -> PyResult<Py<PyNdArray>> {
    let mut src = PyFileSource::new(fp);
    let r = npy::read_array(&mut src, max_header_size);
    let a = src.check(r)?;
    wrap(py, a)
}

// ----- text -------------------------------------------------------------------------------

/// The whole text of a loadtxt/genfromtxt input: a path (gzip/bz2/xz by extension), a
/// file object, or an iterable of lines.
fn read_text(py: Python<'_>, fname: &Bound<'_, PyAny>, encoding: Option<&str>) -> PyResult<String> {
    let decode = |b: &[u8]| -> String {
        match encoding {
            Some(e) if e.eq_ignore_ascii_case("latin1") || e.eq_ignore_ascii_case("latin-1") => {
                b.iter().map(|&c| char::from(c)).collect()
            }
            _ => match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => b.iter().map(|&c| char::from(c)).collect(),
            },
        }
    };
    if let Some(p) = path_of(fname)? {
        let s = p.to_string_lossy().to_string();
        for (ext, module) in [(".gz", "gzip"), (".bz2", "bz2"), (".xz", "lzma")] {
            if s.ends_with(ext) {
                let f = py
                    .import(module)?
                    .call_method1("open", (s.as_str(), "rb"))?;
                let data: Vec<u8> = f.call_method0("read")?.extract()?;
                f.call_method0("close")?;
                return Ok(decode(&data));
            }
        }
        let data = std::fs::read(&p)?;
        return Ok(decode(&data));
    }
    if fname.hasattr("read")? {
        let data = fname.call_method0("read")?;
        if let Ok(b) = data.cast::<PyBytes>() {
            return Ok(decode(b.as_bytes()));
        }
        return data.extract();
    }
    let it =
        fname.try_iter().map_err(|_| {
            PyValueError::new_err(format!(
            "fname must be a string, filehandle, list of strings,\nor generator. Got {} instead.",
            fname.get_type().str().map(|s| s.to_string()).unwrap_or_default()
        ))
        })?;
    let mut out = String::new();
    for line in it {
        let line = line?;
        let s: String = match line.cast::<PyBytes>() {
            Ok(b) => decode(b.as_bytes()),
            Err(_) => line.extract()?,
        };
        out.push_str(s.strip_suffix('\n').unwrap_or(&s));
        out.push('\n');
    }
    Ok(out)
}

fn str_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    match obj.cast::<PyBytes>() {
        Ok(b) => Ok(b.as_bytes().iter().map(|&c| char::from(c)).collect()),
        Err(_) => obj.extract(),
    }
}

/// NumPy's `_ensure_ndmin_ndarray`, then unpack.
fn finish_loadtxt(py: Python<'_>, a: NdArray, ndmin: usize, unpack: bool) -> PyResult<NdArray> {
    let _ = py;
    let mut a = a;
    if a.ndim() > ndmin {
        a = a.squeeze(None).py()?;
    }
    if a.ndim() < ndmin {
        if ndmin == 1 {
            a = a.reshape(&[-1], Order::C).py()?;
        } else if ndmin == 2 {
            let n = a.size() as isize;
            a = a.reshape(&[1, n], Order::C).py()?.transpose(None).py()?;
        }
    }
    if unpack {
        a = a.transpose(None).py()?;
    }
    Ok(a)
}

/// Load data from a text file.
#[pyfunction]
#[pyo3(signature = (fname, dtype=None, comments=None, delimiter=None, converters=None, skiprows=0, usecols=None, unpack=false, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None))]
pub fn loadtxt<'py>(
    py: Python<'py>,
    fname: &Bound<'py, PyAny>,
    dtype: Option<&Bound<'py, PyAny>>,
    comments: Option<&Bound<'py, PyAny>>,
    delimiter: Option<&Bound<'py, PyAny>>,
    converters: Option<&Bound<'py, PyAny>>,
    skiprows: i64,
    usecols: Option<&Bound<'py, PyAny>>,
    unpack: bool,
    ndmin: i64,
    encoding: Option<&str>,
    max_rows: Option<i64>,
    quotechar: Option<&Bound<'py, PyAny>>,
    like: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = like;
    let dtype = match dtype {
        Some(d) if !d.is_none() => dtype_from_py(d)?,
        _ => DType::FLOAT64,
    };
    // `comments` defaults to '#'; None given explicitly turns comments off. PyO3 cannot
    // tell the two apart, so the Python default arrives as a missing argument.
    let comments: Vec<String> = match comments {
        None => vec!["#".to_string()],
        Some(c) if c.is_none() => vec![],
        Some(c) if c.is_instance_of::<PyString>() || c.is_instance_of::<PyBytes>() => {
            vec![str_or_bytes(c)?]
        }
        Some(c) => c
            .try_iter()?
            .map(|x| str_or_bytes(&x?))
            .collect::<PyResult<_>>()?,
    };
    if comments.iter().any(|c| c.is_empty()) {
        return Err(PyValueError::new_err(
            "comments cannot be an empty string. Use comments=None to disable comments.",
        ));
    }
    let delimiter = match delimiter {
        Some(d) if !d.is_none() => Some(str_or_bytes(d)?),
        _ => None,
    };
    let quote =
        match quotechar {
            Some(q) if !q.is_none() => {
                let s: String = q.extract()?;
                let mut ch = s.chars();
                match (ch.next(), ch.next()) {
                    (Some(c), None) => Some(c),
                    _ => return Err(PyTypeError::new_err(
                        "Text reading control character must be a single unicode character or None",
                    )),
                }
            }
            _ => None,
        };
    if quote.is_some() && (comments.len() > 1 || comments.iter().any(|c| c.chars().count() > 1)) {
        return Err(PyValueError::new_err(
            "when multiple comments or a multi-character comment is given, quotes are not supported.  In this case quotechar must be set to None.",
        ));
    }
    if !(0..=2).contains(&ndmin) {
        return Err(PyValueError::new_err(format!(
            "Illegal value of ndmin keyword: {ndmin}"
        )));
    }
    if skiprows < 0 {
        return Err(PyValueError::new_err(
            "argument must be a nonnegative integer",
        ));
    }
    let max_rows = match max_rows {
        Some(m) if m < 0 => {
            return Err(PyValueError::new_err(
                "argument must be a nonnegative integer",
            ))
        }
        Some(m) => Some(m as usize),
        None => None,
    };
    let usecols: Option<Vec<isize>> = match usecols {
        Some(u) if !u.is_none() => Some(match u.extract::<isize>() {
            Ok(i) => vec![i],
            Err(_) => u.extract()?,
        }),
        _ => None,
    };
    let opts = text::ReadOptions {
        delimiter,
        comments,
        quote,
        skiprows: skiprows as usize,
        max_rows,
        usecols,
    };
    let content = read_text(py, fname, encoding)?;
    let a = match converters {
        Some(c) if !c.is_none() => loadtxt_converters(py, &content, &opts, &dtype, c)?,
        _ => py
            .detach(|| {
                let t = text::tokenize(&content, &opts)?;
                let ncols = if t.nrows == 0 && opts.usecols.is_none() {
                    1
                } else {
                    t.ncols
                };
                if t.nrows == 0 {
                    return NdArray::zeros(&[0, ncols], dtype.clone(), Order::C);
                }
                text::parse_table(&t, &dtype)
            })
            .py()?,
    };
    let a = finish_loadtxt(py, a, ndmin as usize, unpack)?;
    if a.ndim() > 0 && a.shape()[0] == 0 {
        let name = fname.str()?.to_string();
        let msg = std::ffi::CString::new(format!("loadtxt: input contained no data: \"{name}\""))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &msg, 1)?;
    }
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

/// loadtxt with Python converters: fields go through the converter of their column (or
/// the one for all columns), the rest are parsed as usual.
fn loadtxt_converters(
    py: Python<'_>,
    content: &str,
    opts: &text::ReadOptions,
    dtype: &DType,
    conv: &Bound<'_, PyAny>,
) -> PyResult<NdArray> {
    let t = text::tokenize(content, opts).py()?;
    let all = conv.is_callable();
    let dict = conv.cast::<PyDict>().ok();
    if !all && dict.is_none() {
        return Err(PyTypeError::new_err("converters must be a dictionary mapping columns to converter functions or a single callable."));
    }
    let ncols = t.ncols.max(1);
    let mut col_conv: Vec<Option<Bound<'_, PyAny>>> = vec![None; t.ncols];
    for (slot, conv_slot) in col_conv.iter_mut().enumerate() {
        let file_col = t.columns.get(slot).copied().unwrap_or(slot);
        if all {
            *conv_slot = Some(conv.clone());
        } else if let Some(d) = &dict {
            for (k, v) in d.iter() {
                let k: isize = k.extract()?;
                let matches = k == file_col as isize
                    || (opts
                        .usecols
                        .as_ref()
                        .is_some_and(|u| u.get(slot) == Some(&k)));
                if matches {
                    *conv_slot = Some(v);
                }
            }
        }
    }
    let rows = PyList::empty(py);
    for r in 0..t.nrows {
        let row = PyList::empty(py);
        for (c, cv) in col_conv.iter().enumerate() {
            let Some(field) = t.fields.get(r * ncols + c) else {
                continue;
            };
            match cv {
                Some(f) => row.append(f.call1((field.as_ref(),))?)?,
                None => {
                    let v = text::parse_scalar(field, dtype.kind()).ok_or_else(|| {
                        PyValueError::new_err(format!(
                            "could not convert string '{field}' to {} at row {r}, column {}.",
                            dtype.name(),
                            t.columns.get(c).copied().unwrap_or(c) + 1
                        ))
                    })?;
                    row.append(crate::scalar::scalar_to_python(py, v)?)?;
                }
            }
        }
        rows.append(row)?;
    }
    if t.nrows == 0 {
        return NdArray::zeros(
            &[0, if opts.usecols.is_none() { 1 } else { t.ncols }],
            dtype.clone(),
            Order::C,
        )
        .py();
    }
    to_array(rows.as_any(), Some(dtype))
}

/// Save an array to a text file.
#[pyfunction]
#[pyo3(signature = (fname, x, fmt=None, delimiter=" ", newline="\n", header="", footer="", comments="# ", encoding=None))]
pub fn savetxt(
    py: Python<'_>,
    fname: &Bound<'_, PyAny>,
    x: &Bound<'_, PyAny>,
    fmt: Option<&Bound<'_, PyAny>>,
    delimiter: &str,
    newline: &str,
    header: &str,
    footer: &str,
    comments: &str,
    encoding: Option<&str>,
) -> PyResult<()> {
    let a = to_array(x, None)?;
    if a.ndim() == 0 || a.ndim() > 2 {
        return Err(PyValueError::new_err(format!(
            "Expected 1D or 2D array, got {}D array instead",
            a.ndim()
        )));
    }
    let a = if a.ndim() == 1 {
        a.reshape(&[-1, 1], Order::C).py()?
    } else {
        a
    };
    let ncol = a.shape()[1];
    let complex = a.kind().is_complex();
    let format: String = match fmt {
        None => fmt_for(complex, ncol, delimiter, "%.18e"),
        Some(f) if f.is_instance_of::<PyList>() || f.is_instance_of::<PyTuple>() => {
            let parts: Vec<String> = f.extract()?;
            if parts.len() != ncol {
                return Err(pyo3::exceptions::PyAttributeError::new_err(format!(
                    "fmt has wrong shape.  {}",
                    f.str()?
                )));
            }
            parts.join(delimiter)
        }
        Some(f) if f.is_instance_of::<PyString>() => {
            let s: String = f.extract()?;
            let n = s.matches('%').count();
            if n == 1 {
                fmt_for(complex, ncol, delimiter, &s)
            } else if (complex && n != 2 * ncol) || (!complex && n != ncol) {
                return Err(PyValueError::new_err(format!(
                    "fmt has wrong number of % formats:  {s}"
                )));
            } else {
                s
            }
        }
        Some(f) => return Err(PyValueError::new_err(format!("invalid fmt: {}", f.repr()?))),
    };
    let mut outtext = String::new();
    if !header.is_empty() {
        outtext.push_str(comments);
        outtext.push_str(&header.replace('\n', &format!("\n{comments}")));
        outtext.push_str(newline);
    }
    let body = match text::parse_format(&format) {
        Some(pieces) => py.detach(|| format_rows(&a, &pieces, newline, complex)),
        None => None,
    };
    match body {
        Some(b) => outtext.push_str(&b),
        None => outtext.push_str(&format_rows_python(py, &a, &format, newline, complex)?),
    }
    if !footer.is_empty() {
        outtext.push_str(comments);
        outtext.push_str(&footer.replace('\n', &format!("\n{comments}")));
        outtext.push_str(newline);
    }
    let encode = |s: &str| -> PyResult<Vec<u8>> {
        match encoding {
            None => s
                .chars()
                .map(|c| {
                    u8::try_from(u32::from(c)).map_err(|_| {
                        PyValueError::new_err("'latin-1' codec can't encode character")
                    })
                })
                .collect(),
            Some(e)
                if e.eq_ignore_ascii_case("latin1")
                    || e.eq_ignore_ascii_case("latin-1")
                    || e == "bytes" =>
            {
                s.chars()
                    .map(|c| {
                        u8::try_from(u32::from(c)).map_err(|_| {
                            PyValueError::new_err("'latin-1' codec can't encode character")
                        })
                    })
                    .collect()
            }
            Some(_) => Ok(s.as_bytes().to_vec()),
        }
    };
    if let Some(p) = path_of(fname)? {
        let s = p.to_string_lossy().to_string();
        if s.ends_with(".gz") {
            let f = py
                .import("gzip")?
                .call_method1("open", (s.as_str(), "wb"))?;
            f.call_method1("write", (PyBytes::new(py, outtext.as_bytes()),))?;
            f.call_method0("close")?;
            return Ok(());
        }
        // NumPy opens paths in text mode with the locale's (UTF-8) encoding.
        let bytes = match encoding {
            None => outtext.into_bytes(),
            Some(_) => encode(&outtext)?,
        };
        std::fs::write(&p, bytes)?;
        return Ok(());
    }
    if !fname.hasattr("write")? {
        return Err(PyValueError::new_err(
            "fname must be a string or file handle",
        ));
    }
    // Text streams take str; binary streams take bytes.
    match fname.call_method1("write", (outtext.as_str(),)) {
        Ok(_) => Ok(()),
        Err(e) if e.is_instance_of::<PyTypeError>(py) => {
            fname.call_method1("write", (PyBytes::new(py, &encode(&outtext)?),))?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn fmt_for(complex: bool, ncol: usize, delimiter: &str, one: &str) -> String {
    let f = if complex {
        format!(" ({one}+{one}j)")
    } else {
        one.to_string()
    };
    vec![f; ncol].join(delimiter)
}

/// Format the rows in Rust; `None` when some value needs Python's `%` (to raise its
/// error, e.g. `%d` of NaN) or the specifier count does not match.
fn format_rows(
    a: &NdArray,
    pieces: &[text::Piece],
    newline: &str,
    complex: bool,
) -> Option<String> {
    let nspec = pieces
        .iter()
        .filter(|p| matches!(p, text::Piece::Spec(_)))
        .count();
    let (rows, cols) = (a.shape()[0], a.shape()[1]);
    let per_row = if complex { 2 * cols } else { cols };
    if nspec != per_row {
        return None;
    }
    let kind = a.kind();
    let values: Vec<text::Value> = if complex {
        a.to_vec::<numoxide_core::element::Complex128>()
            .into_iter()
            .flat_map(|c| [text::Value::Float(c.re), text::Value::Float(c.im)])
            .collect()
    } else if kind.is_integer() || kind == DTypeKind::Bool {
        if kind == DTypeKind::UInt64 {
            a.to_vec::<u64>()
                .into_iter()
                .map(|v| text::Value::Int(i128::from(v)))
                .collect()
        } else {
            a.to_vec::<i64>()
                .into_iter()
                .map(|v| text::Value::Int(i128::from(v)))
                .collect()
        }
    } else {
        a.to_vec::<f64>()
            .into_iter()
            .map(text::Value::Float)
            .collect()
    };
    let mut out = String::with_capacity(rows * per_row * 26);
    let mut line = String::new();
    for r in 0..rows {
        line.clear();
        let mut k = r * per_row;
        for p in pieces {
            match p {
                text::Piece::Lit(s) => line.push_str(s),
                text::Piece::Spec(s) => {
                    text::format_value(s, *values.get(k)?, &mut line)?;
                    k += 1;
                }
            }
        }
        if complex {
            out.push_str(&line.replace("+-", "-"));
        } else {
            out.push_str(&line);
        }
        out.push_str(newline);
    }
    Some(out)
}

/// Format the rows with Python's `%` operator on numoxide scalars, as NumPy does.
fn format_rows_python(
    py: Python<'_>,
    a: &NdArray,
    format: &str,
    newline: &str,
    complex: bool,
) -> PyResult<String> {
    let fmt = PyString::new(py, format);
    let mut out = String::new();
    for r in 0..a.shape()[0] {
        let mut items = Vec::new();
        for c in 0..a.shape()[1] {
            let s = a.get(&[r as isize, c as isize]).py()?;
            if complex {
                let z: numoxide_core::element::Complex128 =
                    s.to::<numoxide_core::element::Complex128>();
                let part = if a.kind() == DTypeKind::Complex64 {
                    DTypeKind::Float32
                } else {
                    DTypeKind::Float64
                };
                items.push(crate::scalar::scalar_to_python(
                    py,
                    Scalar::Float64(z.re).cast(part),
                )?);
                items.push(crate::scalar::scalar_to_python(
                    py,
                    Scalar::Float64(z.im).cast(part),
                )?);
            } else {
                items.push(crate::scalar::scalar_to_python(py, s)?);
            }
        }
        let t = PyTuple::new(py, items)?;
        let line = fmt.as_any().rem(t).map_err(|e| {
            if e.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(format!(
                    "Mismatch between array dtype ('{}') and format specifier ('{format}')",
                    a.dtype()
                ))
            } else {
                e
            }
        })?;
        let line: String = line.extract()?;
        if complex {
            out.push_str(&line.replace("+-", "-"));
        } else {
            out.push_str(&line);
        }
        out.push_str(newline);
    }
    Ok(out)
}

/// Load data from a text file, with missing values handled as specified.
#[pyfunction]
#[pyo3(signature = (fname, *args, **kwargs))]
pub fn genfromtxt<'py>(
    py: Python<'py>,
    fname: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let f = py.import("numoxide.lib.npyio")?.getattr("genfromtxt")?;
    let mut all = vec![fname.clone()];
    all.extend(args.iter());
    f.call(PyTuple::new(py, all)?, kwargs)
}

/// Tokenize and parse one field (used by genfromtxt's Python glue).
#[pyfunction]
pub fn _parse_field<'py>(
    py: Python<'py>,
    field: &str,
    dtype: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let d = dtype_from_py(dtype)?;
    match text::parse_scalar(field, d.kind()) {
        Some(s) => Ok(Some(crate::scalar::scalar_to_python(py, s)?)),
        None => Ok(None),
    }
}

// ----- raw binary and string data --------------------------------------------------------

/// A new 1-D array initialized from text data in a string.
#[pyfunction]
#[pyo3(signature = (string, dtype=None, count=-1, *, sep="", like=None))]
pub fn fromstring(
    py: Python<'_>,
    string: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: i64,
    sep: &str,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    let dtype = match dtype {
        Some(d) if !d.is_none() => dtype_from_py(d)?,
        _ => DType::FLOAT64,
    };
    let count = if count < 0 {
        None
    } else {
        Some(count as usize)
    };
    if sep.is_empty() {
        return Err(PyValueError::new_err(
            "The binary mode of fromstring is removed, use frombuffer instead",
        ));
    }
    let text = str_or_bytes(string)?;
    wrap(py, text::from_string_sep(&text, &dtype, count, sep).py()?)
}

/// Interpret a buffer as a 1-dimensional array (zero copy).
#[pyfunction]
#[pyo3(signature = (buffer, dtype=None, count=-1, offset=0, *, like=None))]
pub fn frombuffer(
    py: Python<'_>,
    buffer: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: i64,
    offset: i64,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    let dtype = match dtype {
        Some(d) if !d.is_none() => dtype_from_py(d)?,
        _ => DType::FLOAT64,
    };
    let src = crate::convert::foreign_array(buffer)?
        .ok_or_else(|| PyTypeError::new_err("a bytes-like object is required"))?;
    if !src.is_c_contiguous() {
        return Err(PyValueError::new_err("ndarray is not C-contiguous"));
    }
    let len = src.nbytes() as i64;
    if offset < 0 || offset > len {
        return Err(PyValueError::new_err(format!(
            "offset must be non-negative and no greater than buffer length ({len})"
        )));
    }
    let item = dtype.itemsize() as i64;
    let avail = len - offset;
    let n = if count < 0 {
        if avail % item != 0 {
            return Err(PyValueError::new_err(
                "buffer size must be a multiple of element size",
            ));
        }
        avail / item
    } else {
        if count.checked_mul(item).is_none_or(|b| b > avail) {
            return Err(PyValueError::new_err(
                "buffer is smaller than requested size",
            ));
        }
        count
    };
    let v = src
        .view_with(
            src.offset() + offset as usize,
            &[n as usize],
            &[item as isize],
            dtype,
        )
        .py()?;
    Py::new(
        py,
        PyNdArray {
            inner: v,
            base: Some(buffer.clone().unbind()),
        },
    )
}

/// Construct an array from data in a text or binary file.
#[pyfunction]
#[pyo3(signature = (file, dtype=None, count=-1, sep="", offset=0, *, like=None))]
pub fn fromfile(
    py: Python<'_>,
    file: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    count: i64,
    sep: &str,
    offset: i64,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyNdArray>> {
    let _ = like;
    let dtype = match dtype {
        Some(d) if !d.is_none() => dtype_from_py(d)?,
        _ => DType::FLOAT64,
    };
    if offset < 0 {
        return Err(PyValueError::new_err("offset must be non-negative"));
    }
    let data: Vec<u8> = match path_of(file)? {
        Some(p) => {
            let mut f = File::open(&p)?;
            f.seek(SeekFrom::Start(offset as u64))?;
            let mut v = Vec::new();
            f.read_to_end(&mut v)?;
            v
        }
        None => {
            if offset > 0 {
                file.call_method1("seek", (offset, 1))?;
            }
            file.call_method0("read")?.extract()?
        }
    };
    let count = if count < 0 {
        None
    } else {
        Some(count as usize)
    };
    if !sep.is_empty() {
        let text: String = data.iter().map(|&c| char::from(c)).collect();
        return wrap(py, text::from_string_sep(&text, &dtype, count, sep).py()?);
    }
    let item = dtype.itemsize();
    let avail = data.len() / item;
    let n = match count {
        Some(c) if c > avail => {
            let msg = std::ffi::CString::new(format!("{c} items requested but only {avail} read"))
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let _ = msg;
            avail
        }
        Some(c) => c,
        None => avail,
    };
    wrap(
        py,
        npy::from_bytes(&data[..n * item], &[n], dtype, Order::C).py()?,
    )
}

/// Write an array to a file as text or binary (``ndarray.tofile``); the ndarray method
/// calls this.
#[pyfunction]
#[pyo3(signature = (a, fid, sep="", format="%s"))]
pub fn _ndarray_tofile(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    fid: &Bound<'_, PyAny>,
    sep: &str,
    format: &str,
) -> PyResult<()> {
    let arr = to_array(a, None)?;
    let bytes: Vec<u8> = if sep.is_empty() {
        arr.to_bytes(Order::C).py()?
    } else {
        let fmt = PyString::new(py, format);
        let flat = arr.ravel(Order::C).py()?;
        let mut parts = Vec::with_capacity(flat.size());
        for i in 0..flat.size() {
            let s = crate::scalar::scalar_to_python(py, flat.get(&[i as isize]).py()?)?;
            let t: String = fmt.as_any().rem(s)?.extract()?;
            parts.push(t);
        }
        parts.join(sep).into_bytes()
    };
    match path_of(fid)? {
        Some(p) => std::fs::write(p, bytes)?,
        None => {
            fid.call_method1("write", (PyBytes::new(py, &bytes),))?;
        }
    }
    Ok(())
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
    m.add_submodule(&sub)?;
    Ok(())
}
