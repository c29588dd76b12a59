//! Memory-mapped arrays (`memmap`, `open_memmap`).

use super::*;

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
            &parent.inner(),
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
pub(super) fn open_memmap_impl<'py>(
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
