//! Logic functions (NumPy's "logic functions" chapter) beyond the comparison ufuncs:
//! `array_equal`, `array_equiv`, `iscomplex`, `isreal`, `isposinf`, `isneginf`.
//! (`isclose`/`allclose` live in `elementwise`.)

use numoxide_core::element::Element;
use numoxide_core::layout;
use numoxide_core::{dispatch, DType, DTypeKind, Error, NdArray, Order, Result};

use crate::elementwise;
use crate::ufunc::{CallOptions, Input, Weak};

fn call(name: &'static str, inputs: &[Input]) -> Result<NdArray> {
    let mut flags = Vec::new();
    elementwise::call(name, inputs, &CallOptions::default(), &mut flags)
}

fn all_true(a: &NdArray) -> bool {
    a.to_vec::<bool>().into_iter().all(|b| b)
}

/// `array_equal(a1, a2, equal_nan)`: same shape and equal elements (NaNs equal to NaNs
/// when `equal_nan`).
///
/// # Errors
/// Only when the comparison itself fails (it does not for numeric dtypes).
pub fn array_equal(a: &NdArray, b: &NdArray, equal_nan: bool) -> Result<bool> {
    if a.shape() != b.shape() {
        return Ok(false);
    }
    if let Some(same) = equal_same_dtype(a, b, equal_nan) {
        return Ok(same);
    }
    let (x, y) = (Input::Array(a.clone()), Input::Array(b.clone()));
    let eq = call("equal", &[x.clone(), y.clone()])?;
    if !equal_nan || !(a.kind().is_inexact() || b.kind().is_inexact()) {
        return Ok(all_true(&eq));
    }
    let na = call("isnan", &[x])?;
    let nb = call("isnan", &[y])?;
    let both = call("logical_and", &[Input::Array(na), Input::Array(nb)])?;
    let ok = call("logical_or", &[Input::Array(eq), Input::Array(both)])?;
    Ok(all_true(&ok))
}

/// Elements compared in blocks: a block is compared without branches (so the loop
/// vectorizes), and the first unequal block ends the comparison.
fn slices_equal<T: Element>(x: &[T], y: &[T], equal_nan: bool) -> bool {
    const BLOCK: usize = 2048;
    #[allow(clippy::eq_op)] // `v != v` is the NaN test of every element type.
    let nan = |v: T| v != v;
    x.chunks(BLOCK).zip(y.chunks(BLOCK)).all(|(bx, by)| {
        let differ = if equal_nan {
            bx.iter()
                .zip(by)
                .map(|(&p, &q)| usize::from(!((p == q) | (nan(p) & nan(q)))))
                .sum::<usize>()
        } else {
            bx.iter()
                .zip(by)
                .map(|(&p, &q)| usize::from(p != q))
                .sum::<usize>()
        };
        differ == 0
    })
}

/// `array_equal` of two arrays of one native dtype laid out alike (C- or F-contiguous
/// both): a typed comparison of the buffers, stopping at the first difference. None
/// when the layouts differ (the ufunc path handles those).
fn equal_same_dtype(a: &NdArray, b: &NdArray, equal_nan: bool) -> Option<bool> {
    if a.dtype() != b.dtype() || !a.dtype().is_native() {
        return None;
    }
    let alike = (a.is_c_contiguous() && b.is_c_contiguous())
        || (a.is_f_contiguous() && b.is_f_contiguous());
    if !alike {
        return None;
    }
    let n = a.size();
    if n == 0 {
        return Some(true);
    }
    if a.kind() == DTypeKind::Bool {
        // SAFETY: as below, read as bytes (any nonzero byte is True).
        let (x, y) = unsafe {
            (
                std::slice::from_raw_parts(a.data_ptr() as *const u8, n),
                std::slice::from_raw_parts(b.data_ptr() as *const u8, n),
            )
        };
        return Some(x.chunks(2048).zip(y.chunks(2048)).all(|(bx, by)| {
            bx.iter()
                .zip(by)
                .fold(true, |ok, (&p, &q)| ok & ((p != 0) == (q != 0)))
        }));
    }
    Some(dispatch!(a.kind(), T => {
        // SAFETY: both arrays are contiguous (in the same order) with `n` elements of
        // `T` (their native dtype) from their data pointers; they are only read.
        let (x, y) = unsafe {
            (
                std::slice::from_raw_parts(a.data_ptr() as *const T, n),
                std::slice::from_raw_parts(b.data_ptr() as *const T, n),
            )
        };
        slices_equal(x, y, equal_nan)
    }))
}

/// `array_equiv(a1, a2)`: the arrays broadcast together and are equal elementwise.
///
/// # Errors
/// Only when the comparison itself fails.
pub fn array_equiv(a: &NdArray, b: &NdArray) -> Result<bool> {
    if layout::broadcast_shapes(&[a.shape(), b.shape()]).is_err() {
        return Ok(false);
    }
    let eq = call("equal", &[Input::Array(a.clone()), Input::Array(b.clone())])?;
    Ok(all_true(&eq))
}

/// `iscomplex(x)`: elementwise "has a non-zero imaginary part" (all false for real
/// dtypes).
///
/// # Errors
/// `MemoryError`.
pub fn iscomplex(a: &NdArray) -> Result<NdArray> {
    if a.kind().is_complex() {
        call(
            "not_equal",
            &[Input::Array(a.imag()?), Input::Weak(Weak::Int(0))],
        )
    } else {
        NdArray::zeros(a.shape(), DType::BOOL, Order::C)
    }
}

/// `isreal(x)`: elementwise "imaginary part is zero" (all true for real dtypes).
///
/// # Errors
/// `MemoryError`.
pub fn isreal(a: &NdArray) -> Result<NdArray> {
    call(
        "equal",
        &[Input::Array(a.imag()?), Input::Weak(Weak::Int(0))],
    )
}

/// `isposinf(x, out)` / `isneginf(x, out)`: `isinf(x) & (signbit(x) == neg)`.
///
/// # Errors
/// `TypeError` for complex input ("would be ambiguous"), output casting errors.
pub fn isposneginf(a: &NdArray, out: Option<NdArray>, neg: bool) -> Result<NdArray> {
    let x = Input::Array(a.clone());
    let inf = call("isinf", std::slice::from_ref(&x))?;
    if a.kind().is_complex() {
        return Err(Error::type_error(format!(
            "This operation is not supported for {} values because it would be ambiguous.",
            a.dtype().name()
        )));
    }
    let mut sign = call("signbit", &[x])?;
    if !neg {
        sign = call("logical_not", &[Input::Array(sign)])?;
    }
    let mut flags = Vec::new();
    elementwise::call(
        "logical_and",
        &[Input::Array(inf), Input::Array(sign)],
        &CallOptions {
            out: vec![out],
            ..Default::default()
        },
        &mut flags,
    )
}

/// Whether a dtype kind is complex (`iscomplexobj` on an array or dtype).
pub fn is_complex_kind(kind: DTypeKind) -> bool {
    kind.is_complex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_and_equiv() {
        let a = NdArray::from_vec(vec![1.0f64, f64::NAN], &[2]).expect("array");
        assert!(!array_equal(&a, &a, false).expect("cmp"));
        assert!(array_equal(&a, &a, true).expect("cmp"));
        let b = NdArray::from_vec(vec![1i64, 2, 1, 2], &[2, 2]).expect("array");
        let c = NdArray::from_vec(vec![1i64, 2], &[2]).expect("array");
        assert!(array_equiv(&b, &c).expect("cmp"));
        assert!(!array_equal(&b, &c, false).expect("cmp"));
    }
}
