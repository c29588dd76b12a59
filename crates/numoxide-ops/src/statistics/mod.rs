//! Statistics (NumPy's "Statistics" chapter): order statistics (`median`, `percentile`,
//! `quantile` and their nan-variants), averages and correlations (`average`, `cov`,
//! `corrcoef`, `correlate`, `convolve`) and histograms (`bincount`, `digitize`,
//! `histogram`, `histogram2d`, `histogramdd`, `histogram_bin_edges`).

pub mod average;
pub mod histogram;
pub mod quantile;

use numoxide_core::cast::CastFrom;
use numoxide_core::element::Element;
use numoxide_core::layout;
use numoxide_core::{Error, NdArray, Result};

/// Run `$body` with `$T` bound to the Rust type of a real (non-complex) kind; complex
/// kinds evaluate `$other`.
macro_rules! real_dispatch {
    ($kind:expr, $T:ident => $body:expr, _ => $other:expr) => {{
        use numoxide_core::DTypeKind as K;
        match $kind {
            K::Bool => {
                type $T = bool;
                $body
            }
            K::Int8 => {
                type $T = i8;
                $body
            }
            K::UInt8 => {
                type $T = u8;
                $body
            }
            K::Int16 => {
                type $T = i16;
                $body
            }
            K::UInt16 => {
                type $T = u16;
                $body
            }
            K::Int32 => {
                type $T = i32;
                $body
            }
            K::UInt32 => {
                type $T = u32;
                $body
            }
            K::Int64 => {
                type $T = i64;
                $body
            }
            K::UInt64 => {
                type $T = u64;
                $body
            }
            K::Float16 => {
                type $T = numoxide_core::element::f16;
                $body
            }
            K::Float32 => {
                type $T = f32;
                $body
            }
            K::Float64 => {
                type $T = f64;
                $body
            }
            _ => $other,
        }
    }};
}
pub(crate) use real_dispatch;

/// A scratch copy of an array's elements in C order, to reorder in place (selection).
/// It lives in an array buffer, which for big arrays comes from the buffer cache (memory
/// already faulted in); a fresh `Vec` of tens of megabytes would come back as pages the
/// kernel zeroes one by one on first touch.
pub(crate) struct Work<T> {
    arr: NdArray,
    len: usize,
    _elem: std::marker::PhantomData<T>,
}

impl<T: Element> Work<T> {
    /// A copy of `a`, which must be of `T`'s kind (any byte order and layout).
    pub(crate) fn of(a: &NdArray) -> Result<Self> {
        if a.kind() != T::KIND {
            return Err(Error::value("internal: work copy of the wrong kind"));
        }
        // SAFETY: `assign` writes every element of the fresh array before it is read.
        let arr = unsafe {
            NdArray::uninit(
                a.shape(),
                numoxide_core::DType::new(T::KIND),
                numoxide_core::Order::C,
            )?
        };
        arr.assign(a)?;
        Ok(Work {
            len: arr.size(),
            arr,
            _elem: std::marker::PhantomData,
        })
    }

    /// The elements, to read and reorder.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: `arr` is a native, C-contiguous array of `len` elements of `T`, in a
        // buffer aligned for `T` that this struct alone refers to (it was allocated in
        // `of` and never shared), and the `&mut self` borrow keeps it alive and unaliased.
        unsafe { std::slice::from_raw_parts_mut(self.arr.data_ptr() as *mut T, self.len) }
    }
}

/// The elements of `a` in C order as `T`; a straight copy when `a` is C-contiguous,
/// native and already of `T`'s kind.
pub(crate) fn c_vec<T: Element + CastFrom>(a: &NdArray) -> Vec<T> {
    let n = a.size();
    if n > 0
        && a.kind() == T::KIND
        && a.dtype().is_native()
        && a.is_c_contiguous()
        && a.is_aligned()
    {
        // SAFETY: `a` is C-contiguous, aligned and native with `n` elements of `T`
        // starting at `data_ptr()`; we only read, and copy out before returning.
        let s = unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, n) };
        return s.to_vec();
    }
    a.to_vec::<T>()
}

/// Call `f` with the elements of `a` in C order as `T`: borrowed in place when `a` is
/// C-contiguous, native and of `T`'s kind (no copy), else converted.
pub(crate) fn with_slice<T: Element + CastFrom, R>(a: &NdArray, f: impl FnOnce(&[T]) -> R) -> R {
    let n = a.size();
    if n > 0
        && a.kind() == T::KIND
        && a.dtype().is_native()
        && a.is_c_contiguous()
        && a.is_aligned()
    {
        // SAFETY: `a` is C-contiguous, aligned and native with `n` elements of `T` from
        // `data_ptr()`, and `a` (holding the buffer's Arc) outlives the borrow in `f`.
        // Other views may write concurrently only from Python threads holding the GIL,
        // which our callers release only around reads of arrays they own or were given.
        let s = unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, n) };
        return f(s);
    }
    let v = a.to_vec::<T>();
    f(&v)
}

/// `a` viewed with the reduced axes moved last: (view, kept shape, lane length, the
/// reduced axes sorted). `axes = None` reduces over everything.
pub(crate) fn lane_view(
    a: &NdArray,
    axes: Option<&[isize]>,
) -> Result<(NdArray, Vec<usize>, usize, Vec<usize>)> {
    match axes {
        None => {
            let n = a.size();
            let flat = a.reshape(&[n as isize], numoxide_core::Order::C)?;
            Ok((flat, vec![], n, (0..a.ndim()).collect()))
        }
        Some(ax) => {
            let red = layout::normalize_axes(ax, a.ndim())?;
            let mut red: Vec<usize> = red.into_iter().collect();
            red.sort_unstable();
            let kept: Vec<usize> = (0..a.ndim()).filter(|d| !red.contains(d)).collect();
            let perm: Vec<isize> = kept.iter().chain(red.iter()).map(|&d| d as isize).collect();
            let view = a.transpose(Some(&perm))?;
            let kept_shape: Vec<usize> = kept.iter().map(|&d| a.shape()[d]).collect();
            let n: usize = red.iter().map(|&d| a.shape()[d]).product();
            Ok((view, kept_shape, n, red))
        }
    }
}

/// The shape of a reduction result with `keepdims`: reduced axes become 1.
pub(crate) fn keep_shape(shape: &[usize], reduced: &[usize]) -> Vec<usize> {
    shape
        .iter()
        .enumerate()
        .map(|(d, &s)| if reduced.contains(&d) { 1 } else { s })
        .collect()
}

/// Reshape `r` to `shape`, then write it into `out` (same shape required) when given.
pub(crate) fn finish(r: NdArray, shape: &[usize], out: Option<&NdArray>) -> Result<NdArray> {
    let ishape: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
    let r = if r.shape() != shape {
        r.reshape(&ishape, numoxide_core::Order::C)?
    } else {
        r
    };
    match out {
        None => Ok(r),
        Some(o) => {
            if o.shape() != shape {
                return Err(Error::value(format!(
                    "output parameter has the wrong shape: expected {}, got {}",
                    layout::shape_text(shape),
                    layout::shape_text(o.shape())
                )));
            }
            o.assign(&r)?;
            Ok(o.clone())
        }
    }
}

/// NumPy's `_weights_are_valid`: weights shaped like `a`, or shaped like `a` along the
/// (normalized) `axes`, returned reshaped to broadcast against `a`.
///
/// # Errors
/// TypeError without axes when shapes differ; ValueError on a shape mismatch.
pub(crate) fn weights_valid(w: &NdArray, a: &NdArray, axes: Option<&[usize]>) -> Result<NdArray> {
    if a.shape() == w.shape() {
        return Ok(w.clone());
    }
    let Some(ax) = axes else {
        return Err(Error::type_error(
            "Axis must be specified when shapes of a and weights differ.",
        ));
    };
    let want: Vec<usize> = ax.iter().map(|&d| a.shape()[d]).collect();
    if w.shape() != want.as_slice() {
        return Err(Error::value(
            "Shape of weights must be consistent with shape of a along specified axis.",
        ));
    }
    let mut perm: Vec<usize> = (0..ax.len()).collect();
    perm.sort_by_key(|&i| ax[i]);
    let permi: Vec<isize> = perm.iter().map(|&p| p as isize).collect();
    let wt = w.transpose(Some(&permi))?;
    let shape: Vec<isize> = a
        .shape()
        .iter()
        .enumerate()
        .map(|(d, &s)| if ax.contains(&d) { s as isize } else { 1 })
        .collect();
    wt.reshape(&shape, numoxide_core::Order::C)
}
