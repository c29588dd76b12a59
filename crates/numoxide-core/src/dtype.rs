//! Data-type descriptors: what one element of an array is and how its bytes are laid out.
//!
//! A [`DType`] is a runtime value, as in NumPy. The numeric kinds are here now; the enum
//! is where datetime64/timedelta64 (a unit), `S<n>`/`U<n>` (a width), structured records
//! (an `Arc` of fields) and StringDType will be added, each a new [`DTypeKind`] variant.

use crate::error::{Error, Result};

/// The kinds of element numoxide knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DTypeKind {
    /// `bool`: one byte, 0 or 1.
    Bool,
    /// `int8`.
    Int8,
    /// `uint8`.
    UInt8,
    /// `int16`.
    Int16,
    /// `uint16`.
    UInt16,
    /// `int32`.
    Int32,
    /// `uint32`.
    UInt32,
    /// `int64`.
    Int64,
    /// `uint64`.
    UInt64,
    /// `float16` (IEEE half).
    Float16,
    /// `float32`.
    Float32,
    /// `float64`.
    Float64,
    /// `complex64`: two float32.
    Complex64,
    /// `complex128`: two float64.
    Complex128,
}

/// Every numeric kind, in NumPy's type-number order of "smallest first".
pub const ALL_KINDS: [DTypeKind; 14] = [
    DTypeKind::Bool,
    DTypeKind::Int8,
    DTypeKind::UInt8,
    DTypeKind::Int16,
    DTypeKind::UInt16,
    DTypeKind::Int32,
    DTypeKind::UInt32,
    DTypeKind::Int64,
    DTypeKind::UInt64,
    DTypeKind::Float16,
    DTypeKind::Float32,
    DTypeKind::Float64,
    DTypeKind::Complex64,
    DTypeKind::Complex128,
];

/// The byte order of a descriptor's elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    /// The machine's own order (little-endian on every platform we build for).
    Native,
    /// The other order: elements must be swapped before a kernel reads them.
    Swapped,
}

/// A data-type descriptor: the element kind and its byte order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DType {
    kind: DTypeKind,
    order: ByteOrder,
}

/// Whether this machine stores numbers little-endian.
pub const NATIVE_IS_LITTLE: bool = cfg!(target_endian = "little");

impl DTypeKind {
    /// Bytes per element.
    pub const fn itemsize(self) -> usize {
        use DTypeKind::*;
        match self {
            Bool | Int8 | UInt8 => 1,
            Int16 | UInt16 | Float16 => 2,
            Int32 | UInt32 | Float32 => 4,
            Int64 | UInt64 | Float64 | Complex64 => 8,
            Complex128 => 16,
        }
    }
    /// NumPy's name (`"float64"`, `"bool"`).
    pub const fn name(self) -> &'static str {
        use DTypeKind::*;
        match self {
            Bool => "bool",
            Int8 => "int8",
            UInt8 => "uint8",
            Int16 => "int16",
            UInt16 => "uint16",
            Int32 => "int32",
            UInt32 => "uint32",
            Int64 => "int64",
            UInt64 => "uint64",
            Float16 => "float16",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
        }
    }
    /// NumPy's one-letter kind: `b`, `i`, `u`, `f` or `c`.
    pub const fn kind_char(self) -> char {
        use DTypeKind::*;
        match self {
            Bool => 'b',
            Int8 | Int16 | Int32 | Int64 => 'i',
            UInt8 | UInt16 | UInt32 | UInt64 => 'u',
            Float16 | Float32 | Float64 => 'f',
            Complex64 | Complex128 => 'c',
        }
    }
    /// NumPy's type character (`d` for float64, `l` for int64 on LP64 platforms).
    pub const fn char(self) -> char {
        use DTypeKind::*;
        match self {
            Bool => '?',
            Int8 => 'b',
            UInt8 => 'B',
            Int16 => 'h',
            UInt16 => 'H',
            Int32 => 'i',
            UInt32 => 'I',
            Int64 => 'l',
            UInt64 => 'L',
            Float16 => 'e',
            Float32 => 'f',
            Float64 => 'd',
            Complex64 => 'F',
            Complex128 => 'D',
        }
    }
    /// NumPy's type number (`dtype.num`).
    pub const fn num(self) -> u32 {
        use DTypeKind::*;
        match self {
            Bool => 0,
            Int8 => 1,
            UInt8 => 2,
            Int16 => 3,
            UInt16 => 4,
            Int32 => 5,
            UInt32 => 6,
            Int64 => 7,
            UInt64 => 8,
            Float32 => 11,
            Float64 => 12,
            Complex64 => 14,
            Complex128 => 15,
            Float16 => 23,
        }
    }
    /// True for the signed and unsigned integer kinds.
    pub const fn is_integer(self) -> bool {
        matches!(self.kind_char(), 'i' | 'u')
    }
    /// True for the signed integer kinds.
    pub const fn is_signed_integer(self) -> bool {
        self.kind_char() == 'i'
    }
    /// True for the unsigned integer kinds.
    pub const fn is_unsigned_integer(self) -> bool {
        self.kind_char() == 'u'
    }
    /// True for float16/32/64.
    pub const fn is_float(self) -> bool {
        self.kind_char() == 'f'
    }
    /// True for complex64/128.
    pub const fn is_complex(self) -> bool {
        self.kind_char() == 'c'
    }
    /// True for floats and complexes (the inexact kinds).
    pub const fn is_inexact(self) -> bool {
        self.is_float() || self.is_complex()
    }
    /// The inclusive value range of an integer kind (the full i128 range otherwise).
    pub const fn int_bounds(self) -> (i128, i128) {
        use DTypeKind::*;
        match self {
            Int8 => (i8::MIN as i128, i8::MAX as i128),
            UInt8 => (0, u8::MAX as i128),
            Int16 => (i16::MIN as i128, i16::MAX as i128),
            UInt16 => (0, u16::MAX as i128),
            Int32 => (i32::MIN as i128, i32::MAX as i128),
            UInt32 => (0, u32::MAX as i128),
            Int64 => (i64::MIN as i128, i64::MAX as i128),
            UInt64 => (0, u64::MAX as i128),
            _ => (i128::MIN, i128::MAX),
        }
    }
    /// The float kind of a complex kind's parts (itself for other kinds).
    pub const fn real_kind(self) -> DTypeKind {
        match self {
            DTypeKind::Complex64 => DTypeKind::Float32,
            DTypeKind::Complex128 => DTypeKind::Float64,
            other => other,
        }
    }
}

impl DType {
    /// The native-order descriptor of `kind`.
    pub const fn new(kind: DTypeKind) -> Self {
        DType {
            kind,
            order: ByteOrder::Native,
        }
    }
    /// A descriptor of `kind` in byte order `order` (one-byte kinds are always native).
    pub const fn with_order(kind: DTypeKind, order: ByteOrder) -> Self {
        let order = if kind.itemsize() == 1 {
            ByteOrder::Native
        } else {
            order
        };
        DType { kind, order }
    }
    /// `bool`.
    pub const BOOL: DType = DType::new(DTypeKind::Bool);
    /// `int64`, NumPy's default integer.
    pub const INT64: DType = DType::new(DTypeKind::Int64);
    /// `intp`, the index type.
    pub const INTP: DType = DType::new(DTypeKind::Int64);
    /// `float64`, NumPy's default float.
    pub const FLOAT64: DType = DType::new(DTypeKind::Float64);
    /// `complex128`.
    pub const COMPLEX128: DType = DType::new(DTypeKind::Complex128);

    /// The element kind.
    pub fn kind(&self) -> DTypeKind {
        self.kind
    }
    /// The byte order.
    pub fn byte_order(&self) -> ByteOrder {
        self.order
    }
    /// True when elements are stored in the machine's order.
    pub fn is_native(&self) -> bool {
        self.order == ByteOrder::Native
    }
    /// The same kind in native order.
    pub fn to_native(&self) -> DType {
        DType::new(self.kind)
    }
    /// The same kind in the other byte order (`dtype.newbyteorder()`).
    pub fn swapped(&self) -> DType {
        let order = match self.order {
            ByteOrder::Native => ByteOrder::Swapped,
            ByteOrder::Swapped => ByteOrder::Native,
        };
        DType::with_order(self.kind, order)
    }
    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        self.kind.itemsize()
    }
    /// NumPy's `dtype.name`.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }
    /// NumPy's `dtype.byteorder`: `=` native, `|` not applicable, `<` or `>` otherwise.
    pub fn byteorder_char(&self) -> char {
        if self.itemsize() == 1 {
            '|'
        } else if self.is_native() {
            '='
        } else if NATIVE_IS_LITTLE {
            '>'
        } else {
            '<'
        }
    }
    /// NumPy's `dtype.str` (`<f8`, `|b1`, `>i4`).
    pub fn str(&self) -> String {
        let order = if self.itemsize() == 1 {
            '|'
        } else if self.is_native() == NATIVE_IS_LITTLE {
            '<'
        } else {
            '>'
        };
        format!("{order}{}{}", self.kind.kind_char(), self.itemsize())
    }
    /// The text NumPy's `repr(dtype)` puts inside `dtype(...)`: `'float64'` or `'>i4'`.
    pub fn repr_inner(&self) -> String {
        if self.is_native() || self.itemsize() == 1 {
            format!("'{}'", self.name())
        } else {
            format!("'{}'", self.str())
        }
    }

    /// Parse NumPy's string spellings of a numeric dtype: `'f8'`, `'<i4'`, `'float64'`,
    /// `'d'`, `'complex'`, `'uint'`, ...
    ///
    /// # Errors
    /// `TypeError` "data type 'x' not understood", as NumPy.
    pub fn parse(text: &str) -> Result<DType> {
        let not_understood = || Error::type_error(format!("data type '{text}' not understood"));
        let (order, body) = match text.as_bytes().first() {
            Some(b'<') => (Some(true), &text[1..]),
            Some(b'>') => (Some(false), &text[1..]),
            Some(b'=') | Some(b'|') => (None, &text[1..]),
            _ => (None, text),
        };
        let kind = parse_body(body).ok_or_else(not_understood)?;
        let order = match order {
            Some(little) if little != NATIVE_IS_LITTLE => ByteOrder::Swapped,
            _ => ByteOrder::Native,
        };
        Ok(DType::with_order(kind, order))
    }
}

fn parse_body(body: &str) -> Option<DTypeKind> {
    use DTypeKind::*;
    match body {
        "?" | "bool" | "bool_" | "b1" => Some(Bool),
        "b" | "int8" | "i1" | "byte" => Some(Int8),
        "B" | "uint8" | "u1" | "ubyte" => Some(UInt8),
        "h" | "int16" | "i2" | "short" => Some(Int16),
        "H" | "uint16" | "u2" | "ushort" => Some(UInt16),
        "i" | "int32" | "i4" | "intc" => Some(Int32),
        "I" | "uint32" | "u4" | "uintc" => Some(UInt32),
        "l" | "q" | "p" | "n" | "int64" | "i8" | "int" | "int_" | "intp" | "long" | "longlong" => {
            Some(Int64)
        }
        "L" | "Q" | "P" | "N" | "uint64" | "u8" | "uint" | "uintp" | "ulong" | "ulonglong" => {
            Some(UInt64)
        }
        "e" | "float16" | "f2" | "half" => Some(Float16),
        "f" | "float32" | "f4" | "single" => Some(Float32),
        "d" | "float64" | "f8" | "float" | "double" => Some(Float64),
        "F" | "complex64" | "c8" | "csingle" => Some(Complex64),
        "D" | "complex128" | "c16" | "complex" | "cdouble" => Some(Complex128),
        _ => None,
    }
}

impl std::fmt::Display for DType {
    /// The dtype's `str()`: its name for native order, its `.str` otherwise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_native() || self.itemsize() == 1 {
            f.write_str(self.name())
        } else {
            f.write_str(&self.str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numpy_spellings() {
        assert_eq!(DType::parse("f8").unwrap(), DType::FLOAT64);
        assert_eq!(DType::parse("<f8").unwrap(), DType::FLOAT64);
        assert_eq!(DType::parse("float").unwrap(), DType::FLOAT64);
        assert_eq!(DType::parse("?").unwrap(), DType::BOOL);
        assert_eq!(DType::parse("c16").unwrap().kind(), DTypeKind::Complex128);
        let be = DType::parse(">i4").unwrap();
        assert!(!be.is_native());
        assert_eq!(be.str(), ">i4");
        assert_eq!(be.byteorder_char(), '>');
        assert_eq!(DType::parse("|u1").unwrap().str(), "|u1");
        assert_eq!(DType::parse(">u1").unwrap().byteorder_char(), '|');
        assert!(DType::parse("f3").is_err());
        assert!(DType::parse("").is_err());
    }

    #[test]
    fn attributes_match_numpy() {
        let d = DType::new(DTypeKind::Complex64);
        assert_eq!(
            (d.name(), d.itemsize(), d.kind.char(), d.kind.num()),
            ("complex64", 8, 'F', 14)
        );
        assert_eq!(DType::BOOL.str(), "|b1");
        assert_eq!(DType::new(DTypeKind::Float16).str(), "<f2");
    }
}
