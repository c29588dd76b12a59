//! Raw binary and string data: `fromstring`, `frombuffer`, `fromfile`, `tofile`.

use super::*;

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
    Py::new(py, PyNdArray::with_base(v, Some(buffer.clone().unbind())))
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
