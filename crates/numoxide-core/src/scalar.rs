//! A single element value tagged with its kind: what indexing one element returns and
//! what `full`/`fill`/assignment take.

use crate::cast::{CastFrom, CastTo};
use crate::dtype::{DType, DTypeKind};
use crate::element::{f16, Complex128, Complex64, Element};

/// One numeric value of a known kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// `bool`.
    Bool(bool),
    /// `int8`.
    Int8(i8),
    /// `uint8`.
    UInt8(u8),
    /// `int16`.
    Int16(i16),
    /// `uint16`.
    UInt16(u16),
    /// `int32`.
    Int32(i32),
    /// `uint32`.
    UInt32(u32),
    /// `int64`.
    Int64(i64),
    /// `uint64`.
    UInt64(u64),
    /// `float16`.
    Float16(f16),
    /// `float32`.
    Float32(f32),
    /// `float64`.
    Float64(f64),
    /// `complex64`.
    Complex64(Complex64),
    /// `complex128`.
    Complex128(Complex128),
}

/// Conversion between an element type and the matching [`Scalar`] variant.
pub trait ScalarElement: Element + CastFrom + CastTo {
    /// Wrap a value.
    fn into_scalar(self) -> Scalar;
}

macro_rules! scalar_element {
    ($($t:ty => $v:ident),*) => {$(
        impl ScalarElement for $t {
            #[inline]
            fn into_scalar(self) -> Scalar { Scalar::$v(self) }
        }
    )*};
}
scalar_element!(bool => Bool, i8 => Int8, u8 => UInt8, i16 => Int16, u16 => UInt16,
    i32 => Int32, u32 => UInt32, i64 => Int64, u64 => UInt64, f16 => Float16,
    f32 => Float32, f64 => Float64, Complex64 => Complex64, Complex128 => Complex128);

/// Apply `$body` to the value inside a scalar, bound as `$v`.
macro_rules! with_value {
    ($s:expr, $v:ident => $body:expr) => {
        match $s {
            Scalar::Bool($v) => $body,
            Scalar::Int8($v) => $body,
            Scalar::UInt8($v) => $body,
            Scalar::Int16($v) => $body,
            Scalar::UInt16($v) => $body,
            Scalar::Int32($v) => $body,
            Scalar::UInt32($v) => $body,
            Scalar::Int64($v) => $body,
            Scalar::UInt64($v) => $body,
            Scalar::Float16($v) => $body,
            Scalar::Float32($v) => $body,
            Scalar::Float64($v) => $body,
            Scalar::Complex64($v) => $body,
            Scalar::Complex128($v) => $body,
        }
    };
}

impl Scalar {
    /// The kind of the value.
    pub fn kind(&self) -> DTypeKind {
        with_value!(*self, v => element_kind(&v))
    }
    /// The native-order descriptor of the value.
    pub fn dtype(&self) -> DType {
        DType::new(self.kind())
    }
    /// The value converted to element type `T` (NumPy's unsafe-cast semantics).
    pub fn to<T: CastFrom>(&self) -> T {
        with_value!(*self, v => v.cast::<T>())
    }
    /// The value cast to `kind`.
    pub fn cast(&self, kind: DTypeKind) -> Scalar {
        crate::dispatch!(kind, T => self.to::<T>().into_scalar())
    }
    /// The zero of `kind`.
    pub fn zero(kind: DTypeKind) -> Scalar {
        Scalar::Bool(false).cast(kind)
    }
    /// The one of `kind`.
    pub fn one(kind: DTypeKind) -> Scalar {
        Scalar::Bool(true).cast(kind)
    }
    /// Write the value as one native-order element into `dst`.
    ///
    /// # Safety
    /// `dst` must be valid for writing one element of the scalar's kind.
    pub unsafe fn write_to(&self, dst: *mut u8) {
        // SAFETY: forwarded from the caller.
        with_value!(*self, v => unsafe { write_value(dst, v) })
    }
    /// Read one native-order element of `kind` from `src`.
    ///
    /// # Safety
    /// `src` must be valid for reading one element of `kind`.
    pub unsafe fn read_from(kind: DTypeKind, src: *const u8, swapped: bool) -> Scalar {
        crate::dispatch!(kind, T => {
            // SAFETY: forwarded from the caller.
            let mut v = unsafe { (src as *const T).read_unaligned() };
            if swapped {
                v = v.byte_swap();
            }
            v.into_scalar()
        })
    }
    /// The value as f64 (the real part of a complex).
    pub fn as_f64(&self) -> f64 {
        self.to::<f64>()
    }
    /// The value as complex128.
    pub fn as_complex(&self) -> Complex128 {
        self.to::<Complex128>()
    }
}

/// # Safety
/// `dst` must be valid for writing one `T`.
unsafe fn write_value<T: Element>(dst: *mut u8, v: T) {
    // SAFETY: forwarded from the caller.
    unsafe { (dst as *mut T).write_unaligned(v) }
}

fn element_kind<T: Element>(_: &T) -> DTypeKind {
    T::KIND
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_between_kinds() {
        assert_eq!(
            Scalar::Float64(2.9).cast(DTypeKind::Int32),
            Scalar::Int32(2)
        );
        assert_eq!(
            Scalar::Int64(-1).cast(DTypeKind::UInt16),
            Scalar::UInt16(65535)
        );
        assert_eq!(
            Scalar::zero(DTypeKind::Complex64).kind(),
            DTypeKind::Complex64
        );
        let mut buf = [0u8; 8];
        // SAFETY: buf holds 8 bytes, enough for one f64.
        unsafe {
            Scalar::Float64(1.5).write_to(buf.as_mut_ptr());
            assert_eq!(
                Scalar::read_from(DTypeKind::Float64, buf.as_ptr(), false),
                Scalar::Float64(1.5)
            );
        }
    }
}
