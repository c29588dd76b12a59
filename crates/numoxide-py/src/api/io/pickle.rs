//! Pickling of arrays: `ndarray.__reduce__` names `_reconstruct` with the raw bytes, the
//! dtype, the shape and the memory order, so `pickle` and `copy` round-trip any array
//! (a Fortran-ordered array comes back Fortran-ordered, as in NumPy). As in NumPy, a
//! non-native byte order survives only protocol 5; older protocols give native order.

use super::*;

#[pymethods]
impl PyNdArray {
    /// `(callable, args)` for pickle: `_reconstruct(bytes, dtype, shape, fortran)`.
    fn __reduce_ex__<'py>(slf: &Bound<'py, Self>, protocol: i64) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let mut a = slf.get().inner().clone();
        if protocol < 5 && !a.dtype().is_native() {
            a = a.astype(a.dtype().to_native(), Order::K).py()?;
        }
        let fortran = a.ndim() > 1 && a.is_f_contiguous() && !a.is_c_contiguous();
        let order = if fortran { Order::F } else { Order::C };
        let data = PyBytes::new(py, &a.to_bytes(order).py()?);
        let dtype = dtype_object(py, a.dtype())?;
        let shape = PyTuple::new(py, a.shape())?;
        let rebuild = py.import("numoxide._numoxide")?.getattr("_reconstruct")?;
        let args = (data, dtype, shape, fortran).into_pyobject(py)?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }

    /// `__reduce_ex__` at protocol 2, as `copyreg` and older code call it.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        Self::__reduce_ex__(slf, 2)
    }

    /// The pickle of the array, as bytes (pickle protocol 2, as NumPy's).
    fn dumps<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("pickle")?.getattr("dumps")?.call1((slf, 2))
    }

    /// Pickle the array into `file`: a path, or an open binary file.
    fn dump(slf: &Bound<'_, Self>, file: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let dump = py.import("pickle")?.getattr("dump")?;
        if file.hasattr("write")? {
            dump.call1((slf, file, 2))?;
            return Ok(());
        }
        let path = py.import("os")?.getattr("fspath")?.call1((file,))?;
        let builtins = py.import("builtins")?;
        let f = builtins.getattr("open")?.call1((path, "wb"))?;
        let written = dump.call1((slf, &f, 2));
        f.call_method0("close")?;
        written.map(|_| ())
    }
}

/// Rebuild a pickled array from its bytes (the inverse of `ndarray.__reduce__`).
#[pyfunction]
pub fn _reconstruct(
    py: Python<'_>,
    data: &[u8],
    dtype: &Bound<'_, PyAny>,
    shape: Vec<usize>,
    fortran: bool,
) -> PyResult<Py<PyNdArray>> {
    let dtype = dtype_from_py(dtype)?;
    let n = numoxide_core::layout::checked_size(&shape).py()?;
    if n.checked_mul(dtype.itemsize()) != Some(data.len()) {
        return Err(PyValueError::new_err(
            "pickled array data does not match its shape and dtype",
        ));
    }
    let buffer = numoxide_core::buffer::Buffer::from_bytes(data)
        .ok_or_else(|| pyo3::exceptions::PyMemoryError::new_err("cannot allocate array"))?;
    let strides = if fortran {
        numoxide_core::layout::f_strides(&shape, dtype.itemsize())
    } else {
        numoxide_core::layout::c_strides(&shape, dtype.itemsize())
    };
    let a = NdArray::from_buffer(Arc::new(buffer), 0, &shape, &strides, dtype, true).py()?;
    wrap(py, a)
}
