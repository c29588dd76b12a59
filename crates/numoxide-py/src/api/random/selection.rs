//! Integers, choice, shuffle, permutation, permuted and bytes.

use numoxide_core::{DType, DTypeKind, NdArray, Order};
use numoxide_ops::random::bounded::{bounded, Buf};
use numoxide_ops::random::sampling;
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::dtype_from_py;
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

use super::*;

// ----- integers ----------------------------------------------------------------------------

pub(super) fn int_info(kind: DTypeKind) -> Option<(u32, i128, i128, &'static str)> {
    use DTypeKind::*;
    Some(match kind {
        Bool => (1, 0, 1, "bool"),
        Int8 => (8, i8::MIN.into(), i8::MAX.into(), "int8"),
        UInt8 => (8, 0, u8::MAX.into(), "uint8"),
        Int16 => (16, i16::MIN.into(), i16::MAX.into(), "int16"),
        UInt16 => (16, 0, u16::MAX.into(), "uint16"),
        Int32 => (32, i32::MIN.into(), i32::MAX.into(), "int32"),
        UInt32 => (32, 0, u32::MAX.into(), "uint32"),
        Int64 => (64, i64::MIN.into(), i64::MAX.into(), "int64"),
        UInt64 => (64, 0, u64::MAX.into(), "uint64"),
        _ => return None,
    })
}

pub(super) fn int_values(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
) -> PyResult<(Vec<i128>, Vec<usize>)> {
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        let v: i128 = obj
            .extract()
            .map_err(|_| PyValueError::new_err("integer out of range"))?;
        return Ok((vec![v], vec![]));
    }
    let a = to_array(obj, None)?;
    if a.ndim() == 0 {
        let int = py.import("builtins")?.getattr("int")?;
        let v: i128 = int
            .call1((obj,))?
            .extract()
            .map_err(|_| PyValueError::new_err("integer out of range"))?;
        return Ok((vec![v], vec![]));
    }
    let vals: Vec<i128> = match a.kind() {
        DTypeKind::UInt64 => a.to_vec::<u64>().into_iter().map(i128::from).collect(),
        DTypeKind::Float16 | DTypeKind::Float32 | DTypeKind::Float64 => {
            a.to_vec::<f64>().into_iter().map(|v| v as i128).collect()
        }
        _ => a.to_vec::<i64>().into_iter().map(i128::from).collect(),
    };
    Ok((vals, a.shape().to_vec()))
}

pub(super) fn bounds_error(closed: bool, any_low_nonzero: bool) -> PyErr {
    let msg = match (any_low_nonzero, closed) {
        (false, true) => "high < 0",
        (false, false) => "high <= 0",
        (true, true) => "low > high",
        (true, false) => "low >= high",
    };
    PyValueError::new_err(msg)
}

pub(super) fn int_result(kind: DTypeKind, bits: Vec<u64>, shape: &[usize]) -> PyResult<NdArray> {
    use DTypeKind::*;
    let r = match kind {
        Bool => NdArray::from_vec(
            bits.into_iter().map(|v| v != 0).collect::<Vec<bool>>(),
            shape,
        ),
        Int8 => NdArray::from_vec(bits.into_iter().map(|v| v as i8).collect::<Vec<_>>(), shape),
        UInt8 => NdArray::from_vec(bits.into_iter().map(|v| v as u8).collect::<Vec<_>>(), shape),
        Int16 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i16).collect::<Vec<_>>(),
            shape,
        ),
        UInt16 => NdArray::from_vec(
            bits.into_iter().map(|v| v as u16).collect::<Vec<_>>(),
            shape,
        ),
        Int32 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i32).collect::<Vec<_>>(),
            shape,
        ),
        UInt32 => NdArray::from_vec(
            bits.into_iter().map(|v| v as u32).collect::<Vec<_>>(),
            shape,
        ),
        Int64 => NdArray::from_vec(
            bits.into_iter().map(|v| v as i64).collect::<Vec<_>>(),
            shape,
        ),
        _ => NdArray::from_vec(bits, shape),
    };
    r.py()
}

/// Bounded integers of any integer dtype (`Generator.integers`, legacy `randint`).
#[pyfunction]
#[pyo3(signature = (bg, low, high, size=None, dtype=None, endpoint=false, masked=false))]
#[allow(clippy::too_many_arguments)]
pub(super) fn integers(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    low: &Bound<'_, PyAny>,
    high: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    endpoint: bool,
    masked: bool,
) -> PyResult<Py<PyAny>> {
    let dt = match dtype {
        Some(o) if !o.is_none() => dtype_from_py(o)?,
        _ => DType::INT64,
    };
    let Some((bits, lb, ub, tname)) = int_info(dt.kind()) else {
        return Err(PyTypeError::new_err(format!(
            "Unsupported dtype dtype('{}') for integers",
            dt
        )));
    };
    let size = size_opt(size)?;
    if let Some(s) = &size {
        if s.iter().product::<usize>() == 0 {
            return Ok(wrap(py, NdArray::zeros(s, dt, Order::C).py()?)?.into_any());
        }
    }
    let (lows, lshape) = int_values(py, low)?;
    let (highs, hshape) = int_values(py, high)?;
    let open = i128::from(!endpoint);
    if lows.iter().any(|&l| l < lb) {
        return Err(PyValueError::new_err(format!(
            "low is out of bounds for {tname}"
        )));
    }
    if highs.iter().any(|&h| h - open > ub) {
        return Err(PyValueError::new_err(format!(
            "high is out of bounds for {tname}"
        )));
    }
    let scalar = lshape.is_empty() && hshape.is_empty();
    let shape = if scalar {
        vec![]
    } else {
        let b = numoxide_core::layout::broadcast_shapes(&[lshape.as_slice(), hshape.as_slice()])
            .py()?
            .to_vec();
        let p = Params {
            scalar: false,
            shape: b,
            arrays: vec![],
        };
        out_shape(&p, &size)?
    };
    let n: usize = shape.iter().product();
    let pick = |v: &Vec<i128>, sh: &[usize], i: usize| -> i128 {
        // Broadcast index i of `shape` into an array of shape `sh` (C order).
        if sh.is_empty() {
            return v.first().copied().unwrap_or(0);
        }
        let mut rem = i;
        let mut idx = 0usize;
        let mut stride = 1usize;
        let mut coords = vec![0usize; shape.len()];
        for (k, &dim) in shape.iter().enumerate().rev() {
            coords[k] = rem % dim.max(1);
            rem /= dim.max(1);
        }
        let off = shape.len() - sh.len();
        for (k, &dim) in sh.iter().enumerate().rev() {
            let c = if dim == 1 { 0 } else { coords[k + off] };
            idx += c * stride;
            stride *= dim;
        }
        v.get(idx).copied().unwrap_or(0)
    };
    let count = if scalar { 1 } else { n };
    let mut pairs = Vec::with_capacity(count);
    let any_low = lows.iter().any(|&l| l != 0);
    for i in 0..count {
        let l = pick(&lows, &lshape, i);
        let h = pick(&highs, &hshape, i) - open;
        if l > h {
            return Err(bounds_error(endpoint, any_low));
        }
        pairs.push((l as u64, (h - l) as u64));
    }
    let mut b = lock_bg(bg)?;
    let g = &mut *b.g;
    let mut buf = Buf::default();
    if scalar {
        if let Some(shape) = &size {
            // One bound for the whole output: fill a typed array in place.
            let (off, rng) = pairs[0];
            let a = NdArray::zeros(shape, dt.clone(), Order::C).py()?;
            macro_rules! typed_fill {
                ($t:ty, $conv:expr) => {
                    fill_slice(py, &a, |s: &mut [$t]| {
                        sampling::fill_bounded(g, bits, off, rng, masked, s, $conv)
                    })?
                };
            }
            use DTypeKind::*;
            match dt.kind() {
                Bool => typed_fill!(bool, |v| v != 0),
                Int8 => typed_fill!(i8, |v| v as i8),
                UInt8 => typed_fill!(u8, |v| v as u8),
                Int16 => typed_fill!(i16, |v| v as i16),
                UInt16 => typed_fill!(u16, |v| v as u16),
                Int32 => typed_fill!(i32, |v| v as i32),
                UInt32 => typed_fill!(u32, |v| v as u32),
                Int64 => typed_fill!(i64, |v| v as i64),
                _ => typed_fill!(u64, |v| v),
            }
            return Ok(wrap(py, a)?.into_any());
        }
    }
    let out_bits: Vec<u64> = if scalar {
        let (off, rng) = pairs[0];
        vec![bounded(g, bits, off, rng, masked, &mut buf)]
    } else {
        pairs
            .iter()
            .map(|&(off, rng)| bounded(g, bits, off, rng, masked, &mut buf))
            .collect()
    };
    if scalar && size.is_none() {
        let a = int_result(dt.kind(), out_bits, &[])?;
        return Ok(scalar_to_numoxide(py, a.item().py()?)?.unbind());
    }
    let oshape = if scalar {
        size.unwrap_or_default()
    } else {
        shape
    };
    Ok(wrap(py, int_result(dt.kind(), out_bits, &oshape)?)?.into_any())
}

// ----- choice, shuffle, permutation -------------------------------------------------------

pub(super) fn take_axis(
    a: &NdArray,
    idx: &[i64],
    idx_shape: &[usize],
    axis: usize,
) -> PyResult<NdArray> {
    let shape = a.shape();
    let n = shape[axis];
    let item = a.itemsize();
    let outer: usize = shape[..axis].iter().product();
    let inner: usize = shape[axis + 1..].iter().product::<usize>() * item;
    let bytes = a.to_bytes(Order::C).py()?;
    let mut out_shape = shape[..axis].to_vec();
    out_shape.extend_from_slice(idx_shape);
    out_shape.extend_from_slice(&shape[axis + 1..]);
    let mut data = Vec::with_capacity(outer * idx.len() * inner);
    for o in 0..outer {
        for &k in idx {
            let k = usize::try_from(k)
                .ok()
                .filter(|&k| k < n)
                .ok_or_else(|| PyIndexError::new_err("index out of bounds"))?;
            let start = (o * n + k) * inner;
            data.extend_from_slice(bytes.get(start..start + inner).unwrap_or(&[]));
        }
    }
    let r = NdArray::zeros(&out_shape, a.dtype().clone(), Order::C).py()?;
    if !data.is_empty() && data.len() == r.nbytes() {
        // SAFETY: `r` is a fresh C-contiguous array of exactly `data.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), r.data_ptr(), data.len()) };
    }
    Ok(r)
}

/// `Generator.choice`.
#[pyfunction]
#[pyo3(signature = (bg, a, size=None, replace=true, p=None, axis=0, shuffle=true))]
#[allow(clippy::too_many_arguments)]
pub(super) fn choice(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    a: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    replace: bool,
    p: Option<&Bound<'_, PyAny>>,
    axis: isize,
    shuffle: bool,
) -> PyResult<Py<PyAny>> {
    let arr = to_array(a, None)?;
    let shape_opt = size_opt(size)?;
    let prod_nonzero = shape_opt
        .as_ref()
        .is_none_or(|s| s.iter().product::<usize>() != 0);
    let (pop, ax) = if arr.ndim() == 0 {
        let kind = arr.kind();
        let is_int = matches!(int_info(kind), Some((b, ..)) if b > 1);
        if !is_int {
            let tname = a.get_type().repr()?.to_string();
            return Err(PyValueError::new_err(format!(
                "a must be a sequence or an integer, not {tname}"
            )));
        }
        let v = arr.to_vec::<i64>().first().copied().unwrap_or(0);
        if v <= 0 && prod_nonzero {
            return Err(PyValueError::new_err(
                "a must be a positive integer unless no samples are taken",
            ));
        }
        (v.max(0) as usize, 0usize)
    } else {
        let nd = arr.ndim() as isize;
        let ax = if axis < 0 { axis + nd } else { axis };
        if ax < 0 || ax >= nd {
            return Err(PyIndexError::new_err("tuple index out of range"));
        }
        let pop = arr.shape()[ax as usize];
        if pop == 0 && prod_nonzero {
            return Err(PyValueError::new_err(
                "a cannot be empty unless no samples are taken",
            ));
        }
        (pop, ax as usize)
    };
    let probs = match p {
        Some(pobj) if !pobj.is_none() => {
            let mut atol = f64::EPSILON.sqrt();
            if let Ok(pa) = pobj.cast::<PyNdArray>() {
                if pa.get().inner().kind() == DTypeKind::Float32 {
                    atol = atol.max(f64::from(f32::EPSILON).sqrt());
                } else if pa.get().inner().kind() == DTypeKind::Float16 {
                    atol = atol.max((0.000_976_562_5f64).sqrt());
                }
            }
            let pa = to_array(pobj, Some(&DType::FLOAT64))?;
            if pa.ndim() != 1 {
                return Err(PyValueError::new_err("p must be 1-dimensional"));
            }
            if pa.size() != pop {
                return Err(PyValueError::new_err("a and p must have same size"));
            }
            let pv = pa.to_vec::<f64>();
            let s = sampling::kahan_sum(&pv);
            if s.is_nan() {
                return Err(PyValueError::new_err("Probabilities contain NaN"));
            }
            if pv.iter().any(|&v| v < 0.0) {
                return Err(PyValueError::new_err("Probabilities are not non-negative"));
            }
            if (s - 1.0).abs() > atol {
                return Err(PyValueError::new_err(
                    "Probabilities do not sum to 1. See Notes section of docstring for more information.",
                ));
            }
            Some(pv)
        }
        _ => None,
    };
    let is_scalar = shape_opt.is_none();
    let shape = shape_opt.clone().unwrap_or_default();
    let size_n: usize = shape.iter().product();
    let mut guard = lock_bg(bg)?;
    let g = &mut *guard.g;
    let idx: Vec<i64> = if replace {
        match &probs {
            Some(pv) => sampling::choice_with_p(g, pv, size_n, true),
            None => {
                if pop == 0 {
                    vec![]
                } else {
                    let mut buf = Buf::default();
                    (0..size_n)
                        .map(|_| bounded(g, 64, 0, (pop - 1) as u64, false, &mut buf) as i64)
                        .collect()
                }
            }
        }
    } else {
        if size_n > pop {
            return Err(PyValueError::new_err(
                "Cannot take a larger sample than population when replace is False",
            ));
        }
        match &probs {
            Some(pv) => {
                if pv.iter().filter(|&&v| v > 0.0).count() < size_n {
                    return Err(PyValueError::new_err(
                        "Fewer non-zero entries in p than size",
                    ));
                }
                sampling::choice_with_p(g, pv, size_n, false)
            }
            None if sampling::uses_full_pool(pop, size_n, shuffle) => {
                let a = NdArray::zeros(&[pop], DType::INT64, Order::C).py()?;
                let mut tail = Vec::new();
                fill_slice(py, &a, |s: &mut [i64]| {
                    tail = sampling::choice_from_full_pool(g, s, size_n);
                })?;
                tail
            }
            None => sampling::choice_without_replacement(g, pop, size_n, shuffle),
        }
    };
    drop(guard);
    if arr.ndim() == 0 {
        if is_scalar {
            return Ok(idx
                .first()
                .copied()
                .unwrap_or(0)
                .into_pyobject(py)?
                .into_any()
                .unbind());
        }
        return Ok(wrap(py, NdArray::from_vec(idx, &shape).py()?)?.into_any());
    }
    let taken = take_axis(&arr, &idx, &shape, ax)?;
    if is_scalar && arr.ndim() == 1 {
        return Ok(scalar_to_numoxide(py, taken.item().py()?)?.unbind());
    }
    Ok(wrap(py, taken)?.into_any())
}

pub(super) fn swap_bytes(base: *mut u8, a: isize, b: isize, item: usize) {
    if a != b {
        // SAFETY: both offsets address distinct elements of `item` bytes inside the
        // same live array buffer (computed from its shape and strides by the caller).
        unsafe { std::ptr::swap_nonoverlapping(base.offset(a), base.offset(b), item) };
    }
}

/// Shuffle a numoxide array in place along `axis` (`Generator.shuffle`).
#[pyfunction]
pub(super) fn shuffle_array(
    bg: &Bound<'_, PyBitGen>,
    x: &Bound<'_, PyNdArray>,
    axis: isize,
) -> PyResult<()> {
    let a = x.get().inner().clone();
    if !a.is_writeable() {
        return Err(PyValueError::new_err("array is read-only"));
    }
    let ax = numoxide_core::layout::normalize_axis(axis, a.ndim()).py()?;
    if a.size() == 0 {
        return Ok(());
    }
    let n = a.shape()[ax];
    let stride = a.strides()[ax];
    let item = a.itemsize();
    let base = a.data_ptr();
    // Byte offsets (relative to the data pointer) of the elements of one sub-array.
    let mut rest_shape = a.shape().to_vec();
    rest_shape.remove(ax);
    let mut rest_strides = a.strides().to_vec();
    rest_strides.remove(ax);
    let sub = a
        .view_with(a.offset(), &rest_shape, &rest_strides, a.dtype().clone())
        .py()?;
    let mut offs = Vec::with_capacity(sub.size());
    let start = a.offset() as isize;
    sub.for_each_offset(|o| offs.push(o as isize - start));
    let mut b = lock_bg(bg)?;
    sampling::shuffle_steps(&mut b.g, n, 1, |i, j| {
        if i != j {
            for &o in &offs {
                swap_bytes(base, o + i as isize * stride, o + j as isize * stride, item);
            }
        }
    });
    Ok(())
}

/// `Generator.permuted` on an output array already holding a copy of x.
#[pyfunction]
#[pyo3(signature = (bg, out, axis=None))]
pub(super) fn permuted_inplace(
    bg: &Bound<'_, PyBitGen>,
    out: &Bound<'_, PyNdArray>,
    axis: Option<isize>,
) -> PyResult<()> {
    let a = out.get().inner().clone();
    a.check_writeable().py()?;
    let item = a.itemsize();
    let base = a.data_ptr();
    let start = a.offset() as isize;
    let mut b = lock_bg(bg)?;
    match axis {
        None => {
            let mut offs = Vec::with_capacity(a.size());
            a.for_each_offset(|o| offs.push(o as isize - start));
            if a.ndim() > 1 && (a.is_c_contiguous() || a.is_f_contiguous()) {
                offs.sort_unstable();
            }
            let n = offs.len();
            sampling::shuffle_steps(&mut b.g, n, 1, |i, j| {
                swap_bytes(base, offs[i], offs[j], item)
            });
        }
        Some(axis) => {
            let ax = numoxide_core::layout::normalize_axis(axis, a.ndim()).py()?;
            let n = a.shape()[ax];
            let stride = a.strides()[ax];
            let mut rest_shape = a.shape().to_vec();
            rest_shape.remove(ax);
            let mut rest_strides = a.strides().to_vec();
            rest_strides.remove(ax);
            let sub = a
                .view_with(a.offset(), &rest_shape, &rest_strides, a.dtype().clone())
                .py()?;
            let mut lanes = Vec::with_capacity(sub.size());
            sub.for_each_offset(|o| lanes.push(o as isize - start));
            if n > 0 {
                for &lane in &lanes {
                    sampling::shuffle_steps(&mut b.g, n, 0, |i, j| {
                        swap_bytes(
                            base,
                            lane + i as isize * stride,
                            lane + j as isize * stride,
                            item,
                        )
                    });
                }
            }
        }
    }
    Ok(())
}

/// `Generator.permutation` of an array along an axis (or of arange(n)).
#[pyfunction]
#[pyo3(signature = (bg, x, axis=0))]
pub(super) fn permutation(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    x: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    let is_int =
        x.extract::<i64>().is_ok() && !x.is_instance_of::<PyNdArray>() && x.hasattr("__index__")?;
    if is_int {
        let n = x.extract::<i64>()?.max(0) as usize;
        // A huge-page backed buffer: the shuffle's random swaps are TLB-bound otherwise.
        let a = NdArray::zeros(&[n], DType::INT64, Order::C).py()?;
        let mut b = lock_bg(bg)?;
        let g = &mut *b.g;
        fill_slice(py, &a, |s: &mut [i64]| {
            for (i, v) in s.iter_mut().enumerate() {
                *v = i as i64;
            }
            sampling::shuffle_steps(g, n, 1, |i, j| s.swap(i, j));
        })?;
        return Ok(wrap(py, a)?.into_any());
    }
    let arr = to_array(x, None)?;
    let ax = numoxide_core::layout::normalize_axis(axis, arr.ndim()).py()?;
    if arr.ndim() == 1 {
        let c = arr.copy(Order::C).py()?;
        let obj = wrap(py, c)?;
        shuffle_array(bg, obj.bind(py), 0)?;
        return Ok(obj.into_any());
    }
    let n = arr.shape()[ax];
    let mut v: Vec<i64> = (0..n as i64).collect();
    {
        let mut b = lock_bg(bg)?;
        sampling::shuffle_steps(&mut b.g, v.len(), 1, |i, j| v.swap(i, j));
    }
    Ok(wrap(py, take_axis(&arr, &v, &[n], ax)?)?.into_any())
}

/// `Generator.bytes`.
#[pyfunction]
pub(super) fn random_bytes<'py>(
    py: Python<'py>,
    bg: &Bound<'py, PyBitGen>,
    length: isize,
) -> PyResult<Bound<'py, PyBytes>> {
    let n_words = if length <= 0 {
        ((length - 1) / 4 + 1).max(0)
    } else {
        (length - 1) / 4 + 1
    } as usize;
    let mut b = lock_bg(bg)?;
    let mut bytes = Vec::with_capacity(n_words * 4);
    for _ in 0..n_words {
        bytes.extend_from_slice(&b.g.next_u32().to_le_bytes());
    }
    bytes.truncate(length.max(0) as usize);
    Ok(PyBytes::new(py, &bytes))
}

/// Index draws for `choice` with probabilities (already validated by the caller).
#[pyfunction]
pub(super) fn choice_p(
    py: Python<'_>,
    bg: &Bound<'_, PyBitGen>,
    p: Vec<f64>,
    size: usize,
    replace: bool,
) -> PyResult<Py<PyAny>> {
    let mut b = lock_bg(bg)?;
    let idx = sampling::choice_with_p(&mut b.g, &p, size, replace);
    Ok(wrap(py, NdArray::from_vec(idx, &[size]).py()?)?.into_any())
}

/// `a[idx]` for a 1-d `a` and an integer index array (legacy `choice`'s last step).
#[pyfunction]
pub(super) fn take0(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    idx: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let arr = to_array(a, None)?;
    let ia = to_array(idx, Some(&DType::INT64))?;
    let taken = take_axis(&arr, &ia.to_vec::<i64>(), ia.shape(), 0)?;
    Ok(wrap(py, taken)?.into_any())
}
