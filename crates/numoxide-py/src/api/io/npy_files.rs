//! `.npy` and `.npz` files (`save`, `load`, `savez`, ...) and the `np.lib.format` helpers.

use super::*;

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
