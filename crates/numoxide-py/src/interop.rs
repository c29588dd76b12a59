//! Interchange with other array libraries: the Array API entry point
//! (`ndarray.__array_namespace__`) and the DLPack protocol.
//!
//! DLPack: `ndarray.__dlpack__` / `__dlpack_device__` export an array's
//! memory to another library without a copy, and `from_dlpack` views memory another
//! library exports (NumPy, PyTorch, JAX, CuPy's host arrays, ...).
//!
//! Both the original (`"dltensor"`, `DLManagedTensor`) and the versioned 1.x form
//! (`"dltensor_versioned"`, `DLManagedTensorVersioned`, which can say "read-only") are
//! spoken, chosen by the consumer's `max_version` as the DLPack spec says. The C structs
//! are the spec's, laid out with `#[repr(C)]`.

use std::ffi::{c_void, CStr};

use numoxide_core::{DType, DTypeKind, NdArray, Order};
use pyo3::exceptions::{PyBufferError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;

use crate::array::PyNdArray;
use crate::error::IntoPyResult;

/// `kDLCPU`, and the host-memory device types NumPy also accepts.
const DEVICE_CPU: i32 = 1;
const DEVICE_CUDA_HOST: i32 = 3;
const DEVICE_ROCM_HOST: i32 = 11;
const DEVICE_CUDA_MANAGED: i32 = 13;

/// DLPack type codes.
const CODE_INT: u8 = 0;
const CODE_UINT: u8 = 1;
const CODE_FLOAT: u8 = 2;
const CODE_COMPLEX: u8 = 5;
const CODE_BOOL: u8 = 6;

/// Flags of the versioned tensor.
const FLAG_READ_ONLY: u64 = 1;
const FLAG_IS_COPIED: u64 = 1 << 1;

const NAME_LEGACY: &CStr = c"dltensor";
const NAME_VERSIONED: &CStr = c"dltensor_versioned";
const NAME_LEGACY_USED: &CStr = c"used_dltensor";
const NAME_VERSIONED_USED: &CStr = c"used_dltensor_versioned";

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDevice {
    device_type: i32,
    device_id: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct DLDataType {
    code: u8,
    bits: u8,
    lanes: u16,
}

#[repr(C)]
struct DLTensor {
    data: *mut c_void,
    device: DLDevice,
    ndim: i32,
    dtype: DLDataType,
    shape: *mut i64,
    strides: *mut i64,
    byte_offset: u64,
}

#[repr(C)]
struct DLManagedTensor {
    dl_tensor: DLTensor,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensor)>,
}

#[repr(C)]
struct DLPackVersion {
    major: u32,
    minor: u32,
}

#[repr(C)]
struct DLManagedTensorVersioned {
    version: DLPackVersion,
    manager_ctx: *mut c_void,
    deleter: Option<unsafe extern "C" fn(*mut DLManagedTensorVersioned)>,
    flags: u64,
    dl_tensor: DLTensor,
}

/// What an exported capsule owns: the managed tensor (first, so a pointer to it is a
/// pointer to the whole export), its shape and strides, and the array whose buffer it
/// points into (kept alive until the consumer calls the deleter).
#[repr(C)]
struct Export<M> {
    managed: M,
    shape: Vec<i64>,
    strides: Vec<i64>,
    _array: NdArray,
}

/// The legacy export's deleter.
///
/// # Safety
/// `p` is null or an export made by `leak_export`, not yet deleted.
unsafe extern "C" fn delete_legacy(p: *mut DLManagedTensor) {
    if !p.is_null() {
        // SAFETY: `p` came from `Box::into_raw` of an `Export<DLManagedTensor>` whose
        // first field it is (repr(C)); DLPack calls the deleter once.
        drop(unsafe { Box::from_raw(p.cast::<Export<DLManagedTensor>>()) });
    }
}

/// The versioned export's deleter.
///
/// # Safety
/// As for [`delete_legacy`].
unsafe extern "C" fn delete_versioned(p: *mut DLManagedTensorVersioned) {
    if !p.is_null() {
        // SAFETY: as in `delete_legacy`, for the versioned export.
        drop(unsafe { Box::from_raw(p.cast::<Export<DLManagedTensorVersioned>>()) });
    }
}

/// Frees a capsule's tensor when no consumer took it (a consumer renames the capsule).
///
/// # Safety
/// Called by CPython, with the GIL, on a capsule made by `__dlpack__`.
unsafe extern "C" fn capsule_destructor(capsule: *mut ffi::PyObject) {
    // SAFETY: called by CPython with the GIL for a capsule we made; PyCapsule_IsValid and
    // PyCapsule_GetPointer on a valid name do not fail, and the pointer is the managed
    // tensor of that name, deleted once here because the capsule still has its name.
    unsafe {
        if ffi::PyCapsule_IsValid(capsule, NAME_LEGACY.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(capsule, NAME_LEGACY.as_ptr());
            delete_legacy(p.cast());
        } else if ffi::PyCapsule_IsValid(capsule, NAME_VERSIONED.as_ptr()) == 1 {
            let p = ffi::PyCapsule_GetPointer(capsule, NAME_VERSIONED.as_ptr());
            delete_versioned(p.cast());
        }
    }
}

/// The DLPack type of a dtype, or NumPy's BufferError.
fn dl_dtype(dtype: &DType) -> PyResult<DLDataType> {
    let code = match dtype.kind() {
        DTypeKind::Bool => CODE_BOOL,
        k if k.is_complex() => CODE_COMPLEX,
        k if k.is_float() => CODE_FLOAT,
        k if k.is_signed_integer() => CODE_INT,
        k if k.is_integer() => CODE_UINT,
        _ => {
            return Err(PyBufferError::new_err(
                "DLPack only supports signed/unsigned integers, float and complex dtypes (or dtypes registered by third-party packages).",
            ))
        }
    };
    Ok(DLDataType {
        code,
        bits: (dtype.itemsize() * 8) as u8,
        lanes: 1,
    })
}

/// The dtype of a DLPack type, or NumPy's BufferError.
fn from_dl_dtype(t: DLDataType) -> PyResult<DType> {
    let unsupported = || PyBufferError::new_err("Unsupported dtype in DLTensor.");
    if t.lanes != 1 {
        return Err(unsupported());
    }
    let kind = match (t.code, t.bits) {
        (CODE_BOOL, 8) => DTypeKind::Bool,
        (CODE_INT, 8) => DTypeKind::Int8,
        (CODE_INT, 16) => DTypeKind::Int16,
        (CODE_INT, 32) => DTypeKind::Int32,
        (CODE_INT, 64) => DTypeKind::Int64,
        (CODE_UINT, 8) => DTypeKind::UInt8,
        (CODE_UINT, 16) => DTypeKind::UInt16,
        (CODE_UINT, 32) => DTypeKind::UInt32,
        (CODE_UINT, 64) => DTypeKind::UInt64,
        (CODE_FLOAT, 16) => DTypeKind::Float16,
        (CODE_FLOAT, 32) => DTypeKind::Float32,
        (CODE_FLOAT, 64) => DTypeKind::Float64,
        (CODE_COMPLEX, 64) => DTypeKind::Complex64,
        (CODE_COMPLEX, 128) => DTypeKind::Complex128,
        _ => return Err(unsupported()),
    };
    Ok(DType::new(kind))
}

/// A `DLTensor` over `a` whose shape and strides point into `shape`/`strides`.
fn tensor_of(a: &NdArray, dtype: DLDataType, shape: &mut [i64], strides: &mut [i64]) -> DLTensor {
    DLTensor {
        data: a.data_ptr().cast(),
        device: DLDevice {
            device_type: DEVICE_CPU,
            device_id: 0,
        },
        ndim: a.ndim() as i32,
        dtype,
        shape: shape.as_mut_ptr(),
        strides: strides.as_mut_ptr(),
        byte_offset: 0,
    }
}

/// The two managed-tensor structs, as [`leak_export`] fills them.
trait Managed {
    fn parts(&mut self) -> (&mut DLTensor, &mut *mut c_void);
}

impl Managed for DLManagedTensor {
    fn parts(&mut self) -> (&mut DLTensor, &mut *mut c_void) {
        (&mut self.dl_tensor, &mut self.manager_ctx)
    }
}

impl Managed for DLManagedTensorVersioned {
    fn parts(&mut self) -> (&mut DLTensor, &mut *mut c_void) {
        (&mut self.dl_tensor, &mut self.manager_ctx)
    }
}

/// Box an export of `array`, point its tensor at the boxed shape and strides, and leak
/// it: the result is the managed tensor, freed by its deleter.
fn leak_export<M: Managed>(
    managed: M,
    shape: Vec<i64>,
    strides: Vec<i64>,
    array: NdArray,
) -> *mut c_void {
    let mut export = Box::new(Export {
        managed,
        shape,
        strides,
        _array: array,
    });
    let e = &mut *export;
    let dtype = e.managed.parts().0.dtype;
    let tensor = tensor_of(&e._array, dtype, &mut e.shape, &mut e.strides);
    *e.managed.parts().0 = tensor;
    let raw = Box::into_raw(export);
    // SAFETY: `raw` is the export just leaked; its address is stable until the deleter.
    unsafe { *(*raw).managed.parts().1 = raw.cast() };
    raw.cast()
}

/// A tensor to be filled in once its export has a stable address.
fn unfilled(dtype: DLDataType) -> DLTensor {
    DLTensor {
        data: std::ptr::null_mut(),
        device: DLDevice {
            device_type: DEVICE_CPU,
            device_id: 0,
        },
        ndim: 0,
        dtype,
        shape: std::ptr::null_mut(),
        strides: std::ptr::null_mut(),
        byte_offset: 0,
    }
}

/// Whether a `max_version` asks for the versioned form (major version 1 or more).
fn wants_versioned(max_version: Option<&Bound<'_, PyAny>>) -> PyResult<bool> {
    match max_version {
        None => Ok(false),
        Some(v) if v.is_none() => Ok(false),
        Some(v) => {
            let (major, _minor): (i64, i64) = v.extract()?;
            Ok(major >= 1)
        }
    }
}

#[pymethods]
impl PyNdArray {
    /// The array's memory as a DLPack capsule (no copy unless `copy=True`).
    #[pyo3(signature = (*, stream=None, max_version=None, dl_device=None, copy=None))]
    fn __dlpack__<'py>(
        slf: &Bound<'py, Self>,
        stream: Option<&Bound<'py, PyAny>>,
        max_version: Option<&Bound<'py, PyAny>>,
        dl_device: Option<&Bound<'py, PyAny>>,
        copy: Option<bool>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        if stream.is_some_and(|s| !s.is_none()) {
            return Err(PyValueError::new_err("NumPy only supports stream=None."));
        }
        if let Some(d) = dl_device.filter(|d| !d.is_none()) {
            let (kind, id): (i64, i64) = d.extract()?;
            if kind != i64::from(DEVICE_CPU) || id != 0 {
                return Err(PyBufferError::new_err("unsupported device requested"));
            }
        }
        let versioned = wants_versioned(max_version)?;
        let mut a = slf.get().inner().clone();
        if !a.dtype().is_native() {
            return Err(PyBufferError::new_err(
                "DLPack only supports native byte order.",
            ));
        }
        let dtype = dl_dtype(a.dtype())?;
        let copied = copy == Some(true);
        if copied {
            a = a.copy(Order::C).py()?;
        }
        if !a.is_writeable() && !versioned && !copied {
            return Err(PyBufferError::new_err(
                "Cannot export readonly array since signalling readonly is unsupported by DLPack (supported by newer DLPack version).",
            ));
        }
        let itemsize = a.dtype().itemsize() as isize;
        let mut strides = Vec::with_capacity(a.ndim().max(1));
        for &s in a.strides() {
            if itemsize == 0 || s % itemsize != 0 {
                return Err(PyBufferError::new_err(
                    "DLPack only supports strides which are a multiple of itemsize.",
                ));
            }
            strides.push((s / itemsize) as i64);
        }
        let mut shape = Vec::with_capacity(a.ndim().max(1));
        shape.extend(a.shape().iter().map(|&d| d as i64));
        let readonly = !a.is_writeable();
        let (ptr, name): (*mut c_void, &CStr) = if versioned {
            let flags =
                if readonly { FLAG_READ_ONLY } else { 0 } | if copied { FLAG_IS_COPIED } else { 0 };
            let managed = DLManagedTensorVersioned {
                version: DLPackVersion { major: 1, minor: 0 },
                manager_ctx: std::ptr::null_mut(),
                deleter: Some(delete_versioned),
                flags,
                dl_tensor: unfilled(dtype),
            };
            (leak_export(managed, shape, strides, a), NAME_VERSIONED)
        } else {
            let managed = DLManagedTensor {
                dl_tensor: unfilled(dtype),
                manager_ctx: std::ptr::null_mut(),
                deleter: Some(delete_legacy),
            };
            (leak_export(managed, shape, strides, a), NAME_LEGACY)
        };
        // SAFETY: `ptr` is the managed tensor (the export's first field), `name` a static
        // C string; on failure we still own the export and free it with its deleter.
        let capsule = unsafe { ffi::PyCapsule_New(ptr, name.as_ptr(), Some(capsule_destructor)) };
        if capsule.is_null() {
            // SAFETY: the capsule was not made, so the export is still ours to free.
            unsafe {
                if versioned {
                    delete_versioned(ptr.cast());
                } else {
                    delete_legacy(ptr.cast());
                }
            }
            return Err(PyErr::fetch(py));
        }
        // SAFETY: a new reference just created.
        Ok(unsafe { Bound::from_owned_ptr(py, capsule) })
    }

    /// The device the array lives on, as DLPack names it: `(kDLCPU, 0)`.
    fn __dlpack_device__(&self) -> (i32, i32) {
        (DEVICE_CPU, 0)
    }

    /// The Array API namespace of this array: the `numoxide` module.
    #[pyo3(signature = (*, api_version=None))]
    fn __array_namespace__<'py>(
        &self,
        py: Python<'py>,
        api_version: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyModule>> {
        if let Some(v) = api_version.filter(|v| !v.is_none()) {
            let Ok(v) = v.extract::<String>() else {
                return Err(PyValueError::new_err(format!(
                    "Only None and strings are allowed as the Array API version, but received: {}.",
                    v.str()?
                )));
            };
            if !SUPPORTED_API_VERSIONS.contains(&v.as_str()) {
                return Err(PyValueError::new_err(format!(
                    "Version \"{v}\" of the Array API Standard is not supported."
                )));
            }
        }
        py.import("numoxide")
    }
}

/// The Array API versions `__array_namespace__` accepts (NumPy's list).
const SUPPORTED_API_VERSIONS: [&str; 4] = ["2021.12", "2022.12", "2023.12", "2024.12"];

/// Keeps an imported tensor alive; calls its producer's deleter (with the GIL, as
/// producers such as PyTorch expect) when the last array over it goes.
struct Imported {
    managed: *mut c_void,
    versioned: bool,
}

// SAFETY: the pointer is only used once, in `drop`, under the GIL; DLPack producers
// allow the deleter to be called from the consumer's thread.
unsafe impl Send for Imported {}
// SAFETY: shared references never touch the pointer.
unsafe impl Sync for Imported {}

impl Drop for Imported {
    fn drop(&mut self) {
        Python::attach(|_| {
            // SAFETY: `managed` is the tensor taken from a capsule we renamed to "used_",
            // so nobody else deletes it; its deleter (if any) is called exactly once.
            unsafe {
                if self.versioned {
                    let m = self.managed.cast::<DLManagedTensorVersioned>();
                    if let Some(d) = (*m).deleter {
                        d(m);
                    }
                } else {
                    let m = self.managed.cast::<DLManagedTensor>();
                    if let Some(d) = (*m).deleter {
                        d(m);
                    }
                }
            }
        });
    }
}

/// An array over the memory of `x`, an object with `__dlpack__` (usually no copy).
#[pyfunction]
#[pyo3(signature = (x, /, *, device=None, copy=None))]
pub fn from_dlpack<'py>(
    x: &Bound<'py, PyAny>,
    device: Option<&Bound<'py, PyAny>>,
    copy: Option<bool>,
) -> PyResult<Bound<'py, PyNdArray>> {
    let py = x.py();
    if let Some(d) = device.filter(|d| !d.is_none()) {
        let is_cpu = d.extract::<String>().is_ok_and(|s| s == "cpu");
        if !is_cpu {
            return Err(PyValueError::new_err(format!(
                "Device not understood. Only \"cpu\" is allowed, but received: {}",
                d.str()?
            )));
        }
    }
    let method = x.getattr("__dlpack__")?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("max_version", (1, 0))?;
    if let Some(c) = copy {
        kwargs.set_item("copy", c)?;
    }
    if device.is_some_and(|d| !d.is_none()) {
        kwargs.set_item("dl_device", (DEVICE_CPU, 0))?;
    }
    let capsule = match method.call((), Some(&kwargs)) {
        Ok(c) => c,
        Err(e) if e.is_instance_of::<PyTypeError>(py) => method.call0()?,
        Err(e) => return Err(e),
    };
    let a = import_capsule(&capsule)?;
    let copied_by_producer = a.1;
    let mut arr = a.0;
    if copy == Some(true) && !copied_by_producer {
        arr = arr.copy(Order::K).py()?;
        return Bound::new(py, PyNdArray::owned(arr));
    }
    Bound::new(py, PyNdArray::with_base(arr, Some(capsule.unbind())))
}

/// The array over a DLPack capsule's tensor (and whether the producer copied), taking
/// ownership of the tensor by renaming the capsule as the protocol says.
fn import_capsule(capsule: &Bound<'_, PyAny>) -> PyResult<(NdArray, bool)> {
    let cap = capsule.as_ptr();
    // SAFETY: PyCapsule_IsValid accepts any object and sets no error.
    let versioned = unsafe { ffi::PyCapsule_IsValid(cap, NAME_VERSIONED.as_ptr()) } == 1;
    // SAFETY: as above.
    let legacy = unsafe { ffi::PyCapsule_IsValid(cap, NAME_LEGACY.as_ptr()) } == 1;
    if !versioned && !legacy {
        return Err(PyValueError::new_err(
            "from_dlpack: the __dlpack__ result is not an unused DLPack capsule",
        ));
    }
    let name = if versioned {
        NAME_VERSIONED
    } else {
        NAME_LEGACY
    };
    // SAFETY: the capsule is valid under `name` (checked), so this returns its pointer.
    let managed = unsafe { ffi::PyCapsule_GetPointer(cap, name.as_ptr()) };
    if managed.is_null() {
        return Err(PyErr::fetch(capsule.py()));
    }
    // SAFETY: a valid capsule of that name points at the spec's struct of that name,
    // alive until its deleter runs (which only we may now trigger, after the rename).
    let (tensor, flags) = unsafe {
        if versioned {
            let m = &*managed.cast::<DLManagedTensorVersioned>();
            if m.version.major > 1 {
                return Err(PyBufferError::new_err(format!(
                    "from_dlpack(): the exported DLPack major version ({}) is too high.",
                    m.version.major
                )));
            }
            (&m.dl_tensor, m.flags)
        } else {
            (&(*managed.cast::<DLManagedTensor>()).dl_tensor, 0)
        }
    };
    let host = matches!(
        tensor.device.device_type,
        DEVICE_CPU | DEVICE_CUDA_HOST | DEVICE_ROCM_HOST | DEVICE_CUDA_MANAGED
    );
    if !host {
        return Err(PyBufferError::new_err("DLPack only supports CPU device."));
    }
    let dtype = from_dl_dtype(tensor.dtype)?;
    let ndim = usize::try_from(tensor.ndim)
        .map_err(|_| PyBufferError::new_err("DLPack tensor has a negative ndim."))?;
    let itemsize = dtype.itemsize();
    // SAFETY: the producer gives `ndim` shape entries (and strides, when not null).
    let (shape, strides): (Vec<usize>, Vec<isize>) = unsafe {
        let shape: Vec<i64> = if ndim == 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(tensor.shape, ndim).to_vec()
        };
        if shape.iter().any(|&d| d < 0) {
            return Err(PyBufferError::new_err(
                "DLPack tensor has a negative dimension.",
            ));
        }
        let shape: Vec<usize> = shape.into_iter().map(|d| d as usize).collect();
        let strides = if tensor.strides.is_null() || ndim == 0 {
            numoxide_core::layout::c_strides(&shape, itemsize).to_vec()
        } else {
            std::slice::from_raw_parts(tensor.strides, ndim)
                .iter()
                .map(|&s| (s as isize).checked_mul(itemsize as isize))
                .collect::<Option<Vec<isize>>>()
                .ok_or_else(|| PyBufferError::new_err("DLPack strides overflow."))?
        };
        (shape, strides)
    };
    let data = (tensor.data as *mut u8).wrapping_add(tensor.byte_offset as usize);
    // Rename first: from here on the tensor is ours, freed by `Imported`'s drop.
    let used = if versioned {
        NAME_VERSIONED_USED
    } else {
        NAME_LEGACY_USED
    };
    // SAFETY: `cap` is a valid capsule; the new name is a static C string.
    if unsafe { ffi::PyCapsule_SetName(cap, used.as_ptr()) } != 0 {
        return Err(PyErr::fetch(capsule.py()));
    }
    let owner = Imported { managed, versioned };
    let writeable = flags & FLAG_READ_ONLY == 0;
    // SAFETY: the producer guarantees the tensor's elements are valid memory until its
    // deleter runs, which `owner` does only when the buffer (and every array over it)
    // is gone.
    let arr = unsafe {
        crate::convert::foreign_ndarray(data, &shape, &strides, dtype, writeable, Box::new(owner))
    }?;
    Ok((arr, flags & FLAG_IS_COPIED != 0))
}

/// Register `from_dlpack`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(pyo3::wrap_pyfunction!(from_dlpack, m)?)?;
    Ok(())
}
