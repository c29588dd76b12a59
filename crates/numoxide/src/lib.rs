//! numoxide: NumPy's arrays and routines in Rust, under NumPy's names.
//!
//! This crate is the Rust face of numoxide. It re-exports the engine crates
//! (`numoxide-core`, `numoxide-ops`, and the domain crates) and adds thin creation
//! functions with NumPy's names, so a NumPy user finds `zeros`, `arange`, `linspace`,
//! `eye`, views, `astype` and printing where they expect them:
//!
//! ```
//! use numoxide::{arange, IndexItem, Order};
//!
//! # fn main() -> numoxide::Result<()> {
//! let a = arange(12)?.reshape(&[3, 4], Order::C)?;
//! // a[1:, ::-2]: a view, printed as NumPy's str()
//! let b = a.index(&[IndexItem::Slice(Some(1), None, None), IndexItem::Slice(None, None, Some(-2))])?;
//! assert_eq!(b.to_string(), "[[ 7  5]\n [11  9]]");
//! # Ok(())
//! # }
//! ```
//!
//! Shapes are `&[usize]`, axes and indices `isize` (negative counts from the end), and
//! every fallible call returns [`Result`] whose [`Error`] carries NumPy's exception kind
//! ([`ErrorKind`]) and message.

pub use numoxide_core::cast::{can_cast, promote_types, Casting};
pub use numoxide_core::dtype::ALL_KINDS;
pub use numoxide_core::element::{f16, Complex128, Complex64};
pub use numoxide_core::print::{
    array2string, array_repr, array_str, format_float_positional, format_float_scientific,
    get_printoptions, set_printoptions, FloatMode, PrintOptions, Sign,
};
pub use numoxide_core::scalar::ScalarElement;
pub use numoxide_core::{
    DType, DTypeKind, Error, ErrorKind, IndexItem, NdArray, Order, Result, Scalar,
};

/// The engine crates, for everything the top level does not name.
pub use numoxide_core;
pub use numoxide_ops;

/// `numpy.fft`.
pub use numoxide_fft as fft;
/// `numpy.lib.format` and the text/binary readers and writers (`np.load`, `np.save`, ...).
pub use numoxide_io as io;
/// `numpy.linalg`.
pub use numoxide_linalg as linalg;
/// `numpy.random`.
pub use numoxide_ops::random;

use numoxide_ops::creation::{self, Num};

/// The README's Rust example, compiled and run as a doctest so the README stays true.
#[doc = include_str!("../../../README.md")]
mod readme {}

/// The numeric dtypes under NumPy's names (`dtypes::FLOAT64` is `np.float64`'s dtype).
pub mod dtypes {
    use super::{DType, DTypeKind};

    /// `np.bool`.
    pub const BOOL: DType = DType::new(DTypeKind::Bool);
    /// `np.int8`.
    pub const INT8: DType = DType::new(DTypeKind::Int8);
    /// `np.uint8`.
    pub const UINT8: DType = DType::new(DTypeKind::UInt8);
    /// `np.int16`.
    pub const INT16: DType = DType::new(DTypeKind::Int16);
    /// `np.uint16`.
    pub const UINT16: DType = DType::new(DTypeKind::UInt16);
    /// `np.int32`.
    pub const INT32: DType = DType::new(DTypeKind::Int32);
    /// `np.uint32`.
    pub const UINT32: DType = DType::new(DTypeKind::UInt32);
    /// `np.int64`, the default integer.
    pub const INT64: DType = DType::new(DTypeKind::Int64);
    /// `np.uint64`.
    pub const UINT64: DType = DType::new(DTypeKind::UInt64);
    /// `np.float16`.
    pub const FLOAT16: DType = DType::new(DTypeKind::Float16);
    /// `np.float32`.
    pub const FLOAT32: DType = DType::new(DTypeKind::Float32);
    /// `np.float64`, the default float.
    pub const FLOAT64: DType = DType::new(DTypeKind::Float64);
    /// `np.complex64`.
    pub const COMPLEX64: DType = DType::new(DTypeKind::Complex64);
    /// `np.complex128`.
    pub const COMPLEX128: DType = DType::new(DTypeKind::Complex128);
}

/// `np.newaxis`: an index item that inserts a length-1 axis.
pub const NEWAXIS: IndexItem = IndexItem::NewAxis;
/// `...`: as many full slices as the remaining axes need.
pub const ELLIPSIS: IndexItem = IndexItem::Ellipsis;

/// `start:stop:step` as an index item (`None` is Python's omitted part).
pub fn slice(start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> IndexItem {
    IndexItem::Slice(start, stop, step)
}

/// `np.dtype(text)`: parse any numeric NumPy spelling (`"f8"`, `"<i4"`, `"float32"`, ...).
///
/// # Errors
/// `TypeError` for a spelling NumPy does not understand.
pub fn dtype(text: &str) -> Result<DType> {
    DType::parse(text)
}

/// A Rust number used where NumPy takes a Python number (`arange`, `linspace`, `full`).
/// Integers behave as Python ints, floats as Python floats, complex as Python complex.
pub trait Number: Copy {
    /// The value as NumPy's Python-number arithmetic sees it.
    fn num(self) -> Num;
    /// The dtype NumPy gives this Python number on its own (int64, float64, complex128).
    fn default_dtype(self) -> DType;
    /// The value as a typed scalar of its default dtype.
    fn scalar(self) -> Scalar;
}

macro_rules! int_number {
    ($($t:ty),*) => {$(
        impl Number for $t {
            fn num(self) -> Num {
                Num::Int(self as i128)
            }
            fn default_dtype(self) -> DType {
                dtypes::INT64
            }
            fn scalar(self) -> Scalar {
                Scalar::Int64(self as i64)
            }
        }
    )*};
}
int_number!(i8, i16, i32, i64, u8, u16, u32);

impl Number for isize {
    fn num(self) -> Num {
        Num::Int(self as i128)
    }
    fn default_dtype(self) -> DType {
        dtypes::INT64
    }
    fn scalar(self) -> Scalar {
        Scalar::Int64(self as i64)
    }
}

impl Number for f64 {
    fn num(self) -> Num {
        Num::Float(self)
    }
    fn default_dtype(self) -> DType {
        dtypes::FLOAT64
    }
    fn scalar(self) -> Scalar {
        Scalar::Float64(self)
    }
}

impl Number for f32 {
    fn num(self) -> Num {
        Num::Float(f64::from(self))
    }
    fn default_dtype(self) -> DType {
        dtypes::FLOAT64
    }
    fn scalar(self) -> Scalar {
        Scalar::Float64(f64::from(self))
    }
}

impl Number for Complex128 {
    fn num(self) -> Num {
        Num::Complex(self)
    }
    fn default_dtype(self) -> DType {
        dtypes::COMPLEX128
    }
    fn scalar(self) -> Scalar {
        Scalar::Complex128(self)
    }
}

impl Number for bool {
    fn num(self) -> Num {
        Num::Int(i128::from(self))
    }
    fn default_dtype(self) -> DType {
        dtypes::BOOL
    }
    fn scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
}

// ----- creation ---------------------------------------------------------------------

/// `np.array(data).reshape(shape)`: a C-contiguous array owning `data`.
///
/// # Errors
/// `ValueError` when `data.len()` is not the product of `shape`.
pub fn array<T: ScalarElement>(data: Vec<T>, shape: &[usize]) -> Result<NdArray> {
    NdArray::from_vec(data, shape)
}

/// `np.zeros(shape, dtype)` (C order).
///
/// # Errors
/// `ValueError` for a shape too large to address, `MemoryError`.
pub fn zeros(shape: &[usize], dtype: DType) -> Result<NdArray> {
    NdArray::zeros(shape, dtype, Order::C)
}

/// `np.ones(shape, dtype)` (C order).
///
/// # Errors
/// As [`zeros`].
pub fn ones(shape: &[usize], dtype: DType) -> Result<NdArray> {
    let kind = dtype.kind();
    NdArray::full(shape, dtype, Scalar::one(kind), Order::C)
}

/// `np.empty(shape, dtype)` (C order; numoxide's fresh memory is zeroed).
///
/// # Errors
/// As [`zeros`].
pub fn empty(shape: &[usize], dtype: DType) -> Result<NdArray> {
    NdArray::empty(shape, dtype, Order::C)
}

/// `np.full(shape, value, dtype)`: `value` cast to `dtype` (`None`: the value's own
/// default dtype, as NumPy picks for a Python number).
///
/// # Errors
/// As [`zeros`].
pub fn full(shape: &[usize], value: impl Number, dtype: Option<DType>) -> Result<NdArray> {
    let dtype = dtype.unwrap_or_else(|| value.default_dtype());
    NdArray::full(shape, dtype, value.scalar(), Order::C)
}

/// `np.zeros_like(a)`: zeros of `a`'s shape and dtype, in `a`'s memory order.
///
/// # Errors
/// `MemoryError`.
pub fn zeros_like(a: &NdArray) -> Result<NdArray> {
    let out = a.empty_like(a.dtype().clone(), Order::K)?;
    out.fill(Scalar::zero(a.kind()))?;
    Ok(out)
}

/// `np.ones_like(a)`.
///
/// # Errors
/// `MemoryError`.
pub fn ones_like(a: &NdArray) -> Result<NdArray> {
    let out = a.empty_like(a.dtype().clone(), Order::K)?;
    out.fill(Scalar::one(a.kind()))?;
    Ok(out)
}

/// `np.arange(stop)`: `0, 1, ..., stop - 1` (int64 for an integer `stop`, float64 for a
/// float one).
///
/// # Errors
/// `ValueError` for NaN or unbounded lengths.
pub fn arange(stop: impl Number) -> Result<NdArray> {
    arange_with(0, stop, 1, None)
}

/// `np.arange(start, stop, step, dtype)` with NumPy's length and value rules.
///
/// # Errors
/// `ZeroDivisionError` for a zero step, `ValueError` for NaN or unbounded lengths,
/// `TypeError` for booleans of length above 2.
pub fn arange_with(
    start: impl Number,
    stop: impl Number,
    step: impl Number,
    dtype: Option<DType>,
) -> Result<NdArray> {
    let dtype = dtype.unwrap_or_else(|| {
        creation::arange_dtype(&[
            start.default_dtype(),
            stop.default_dtype(),
            step.default_dtype(),
        ])
    });
    creation::arange(start.num(), stop.num(), step.num(), &dtype)
}

/// `np.linspace(start, stop, num, endpoint)`: `num` evenly spaced samples in float64
/// (complex128 for complex endpoints), bit-identical to NumPy.
///
/// # Errors
/// `MemoryError`.
pub fn linspace(
    start: impl Number,
    stop: impl Number,
    num: usize,
    endpoint: bool,
) -> Result<NdArray> {
    let weak = [start.default_dtype().kind(), stop.default_dtype().kind()];
    let calc = creation::inexact_result_type(&[], &weak);
    let (a, b) = (
        NdArray::from_scalar(start.scalar()),
        NdArray::from_scalar(stop.scalar()),
    );
    Ok(creation::linspace(&a, &b, num, endpoint, &calc, &calc, 0)?.samples)
}

/// `np.eye(n, m, k, dtype)`: ones on diagonal `k` of an `n x m` (default `n x n`) array.
///
/// # Errors
/// `MemoryError`.
pub fn eye(n: usize, m: Option<usize>, k: isize, dtype: DType) -> Result<NdArray> {
    creation::eye(n, m, k, &dtype, Order::C)
}

/// `np.identity(n, dtype)`.
///
/// # Errors
/// `MemoryError`.
pub fn identity(n: usize, dtype: DType) -> Result<NdArray> {
    eye(n, None, 0, dtype)
}

/// `repr(a)` under the current print options: `array([1., 2.])`.
pub fn repr(a: &NdArray) -> String {
    array_repr(a, &get_printoptions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arange_reshape_index_prints_like_numpy() -> Result<()> {
        let a = arange(12)?.reshape(&[3, 4], Order::C)?;
        assert_eq!(a.dtype(), &dtypes::INT64);
        let b = a.index(&[slice(Some(1), None, None), slice(None, None, Some(-2))])?;
        assert_eq!(format!("{b}"), "[[ 7  5]\n [11  9]]");
        assert_eq!(repr(&a.index(&[IndexItem::Int(0)])?), "array([0, 1, 2, 3])");
        Ok(())
    }

    #[test]
    fn views_share_memory() -> Result<()> {
        let a = arange(12)?.reshape(&[3, 4], Order::C)?;
        let col = a.index(&[slice(None, None, None), IndexItem::Int(1)])?;
        col.set(&[0], Scalar::Int64(100))?;
        assert_eq!(a.get(&[0, 1])?, Scalar::Int64(100));
        assert!(a.shares_memory(&col));
        assert_eq!(a.strides(), &[32, 8]);
        Ok(())
    }

    #[test]
    fn creation_dtypes_and_values() -> Result<()> {
        assert_eq!(arange(3.0)?.dtype(), &dtypes::FLOAT64);
        assert_eq!(
            format!("{}", linspace(0, 1, 5, true)?),
            "[0.   0.25 0.5  0.75 1.  ]"
        );
        assert_eq!(
            format!("{}", eye(2, None, 0, dtypes::INT32)?),
            "[[1 0]\n [0 1]]"
        );
        assert_eq!(format!("{}", full(&[2], 7, Some(dtypes::UINT8))?), "[7 7]");
        assert_eq!(format!("{}", ones(&[2], dtypes::BOOL)?), "[ True  True]");
        assert_eq!(
            format!("{}", zeros_like(&ones(&[2], dtypes::FLOAT32)?)?),
            "[0. 0.]"
        );
        assert_eq!(
            format!("{}", arange(5)?.astype(dtypes::FLOAT16, Order::K)?),
            "[0. 1. 2. 3. 4.]"
        );
        assert_eq!(dtype("<f4")?, dtypes::FLOAT32);
        assert_eq!(format!("{}", Scalar::Float64(0.1)), "0.1");
        assert_eq!(
            format!("{}", NdArray::from_scalar(Scalar::Float32(1.5))),
            "1.5"
        );
        Ok(())
    }

    #[test]
    fn errors_carry_numpy_kinds() {
        let a = arange(4).and_then(|a| a.index(&[IndexItem::Int(9)]));
        assert_eq!(a.map_err(|e| e.kind()).err(), Some(ErrorKind::Index));
        assert!(dtype("nonsense").is_err());
    }
}
