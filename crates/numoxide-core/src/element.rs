//! The Rust types behind each numeric dtype, and the one dispatch macro that turns a
//! runtime [`DTypeKind`](crate::dtype::DTypeKind) into a generic call.

use crate::dtype::DTypeKind;
pub use half::f16;
pub use num_complex::Complex;

/// `complex64`.
pub type Complex64 = Complex<f32>;
/// `complex128`.
pub type Complex128 = Complex<f64>;

/// A Rust type that is the element of one numeric dtype.
pub trait Element: Copy + Send + Sync + PartialEq + std::fmt::Debug + Default + 'static {
    /// The dtype kind whose elements are `Self`.
    const KIND: DTypeKind;
    /// The value with its bytes reversed (for non-native byte orders).
    fn byte_swap(self) -> Self;
}

macro_rules! impl_element_int {
    ($($t:ty => $k:ident),*) => {$(
        impl Element for $t {
            const KIND: DTypeKind = DTypeKind::$k;
            #[inline]
            fn byte_swap(self) -> Self { self.swap_bytes() }
        }
    )*};
}
impl_element_int!(i8 => Int8, u8 => UInt8, i16 => Int16, u16 => UInt16, i32 => Int32,
    u32 => UInt32, i64 => Int64, u64 => UInt64);

impl Element for bool {
    const KIND: DTypeKind = DTypeKind::Bool;
    #[inline]
    fn byte_swap(self) -> Self {
        self
    }
}
impl Element for f16 {
    const KIND: DTypeKind = DTypeKind::Float16;
    #[inline]
    fn byte_swap(self) -> Self {
        f16::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for f32 {
    const KIND: DTypeKind = DTypeKind::Float32;
    #[inline]
    fn byte_swap(self) -> Self {
        f32::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for f64 {
    const KIND: DTypeKind = DTypeKind::Float64;
    #[inline]
    fn byte_swap(self) -> Self {
        f64::from_bits(self.to_bits().swap_bytes())
    }
}
impl Element for Complex64 {
    const KIND: DTypeKind = DTypeKind::Complex64;
    #[inline]
    fn byte_swap(self) -> Self {
        Complex::new(self.re.byte_swap(), self.im.byte_swap())
    }
}
impl Element for Complex128 {
    const KIND: DTypeKind = DTypeKind::Complex128;
    #[inline]
    fn byte_swap(self) -> Self {
        Complex::new(self.re.byte_swap(), self.im.byte_swap())
    }
}

/// Run `$body` with the type alias `$T` bound to the Rust element type of `$kind`.
///
/// ```ignore
/// dispatch!(dtype.kind(), T => fill_with::<T>(&mut out, value))
/// ```
/// This is the one place where the runtime dtype meets the generic kernels.
#[macro_export]
macro_rules! dispatch {
    ($kind:expr, $T:ident => $body:expr) => {{
        use $crate::dtype::DTypeKind as __K;
        match $kind {
            __K::Bool => {
                type $T = bool;
                $body
            }
            __K::Int8 => {
                type $T = i8;
                $body
            }
            __K::UInt8 => {
                type $T = u8;
                $body
            }
            __K::Int16 => {
                type $T = i16;
                $body
            }
            __K::UInt16 => {
                type $T = u16;
                $body
            }
            __K::Int32 => {
                type $T = i32;
                $body
            }
            __K::UInt32 => {
                type $T = u32;
                $body
            }
            __K::Int64 => {
                type $T = i64;
                $body
            }
            __K::UInt64 => {
                type $T = u64;
                $body
            }
            __K::Float16 => {
                type $T = $crate::element::f16;
                $body
            }
            __K::Float32 => {
                type $T = f32;
                $body
            }
            __K::Float64 => {
                type $T = f64;
                $body
            }
            __K::Complex64 => {
                type $T = $crate::element::Complex64;
                $body
            }
            __K::Complex128 => {
                type $T = $crate::element::Complex128;
                $body
            }
        }
    }};
}
