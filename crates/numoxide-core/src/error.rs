//! The one error type of numoxide. Each variant maps to the Python exception class NumPy
//! raises for the same mistake; the binding crate converts it in exactly one place.

use std::fmt;

/// Which NumPy exception class an [`Error`] becomes in Python.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError`.
    Value,
    /// `TypeError`.
    Type,
    /// `IndexError`.
    Index,
    /// `numpy.exceptions.AxisError` (both a `ValueError` and an `IndexError`).
    Axis,
    /// `OverflowError`.
    Overflow,
    /// `MemoryError` (NumPy's `_ArrayMemoryError`).
    Memory,
    /// `numpy.linalg.LinAlgError`.
    LinAlg,
    /// `FloatingPointError`, raised under `errstate(...="raise")`.
    FloatingPoint,
    /// `ZeroDivisionError`.
    ZeroDivision,
    /// `RuntimeError`.
    Runtime,
    /// `NotImplementedError`.
    NotImplemented,
    /// `KeyError`.
    Key,
    /// NumPy's `_UFuncOutputCastingError` (a `UFuncTypeError`, a `TypeError`).
    UFuncOutputCasting,
    /// NumPy's `_UFuncInputCastingError` (a `UFuncTypeError`, a `TypeError`).
    UFuncInputCasting,
    /// NumPy's `_UFuncNoLoopError` (a `UFuncTypeError`, a `TypeError`).
    UFuncNoLoop,
}

/// An error raised by a numoxide routine: the exception class and NumPy's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` whose message is `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }
    /// A `ValueError`.
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Value, message)
    }
    /// A `TypeError`.
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Type, message)
    }
    /// An `IndexError`.
    pub fn index(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Index, message)
    }
    /// An `OverflowError`.
    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Overflow, message)
    }
    /// A `MemoryError` for an allocation of `nbytes` bytes of shape `shape`.
    pub fn memory(nbytes: usize, shape: &[usize], dtype_name: &str) -> Self {
        let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        let shape_text = if dims.len() == 1 {
            format!("({},)", dims[0])
        } else {
            format!("({})", dims.join(", "))
        };
        let amount = human_bytes(nbytes);
        Self::new(
            ErrorKind::Memory,
            format!(
                "Unable to allocate {amount} for an array with shape {shape_text} and data type {dtype_name}"
            ),
        )
    }
    /// NumPy's `AxisError` for `axis` out of range for an array of `ndim` dimensions.
    pub fn axis(axis: isize, ndim: usize) -> Self {
        Self::new(
            ErrorKind::Axis,
            format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        )
    }
    /// The exception class.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// The message (its first line is NumPy's wording).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// NumPy's way of naming an allocation size in its MemoryError ("7.45 GiB", "800. MiB").
fn human_bytes(nbytes: usize) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if nbytes < 1024 {
        return format!("{nbytes} bytes");
    }
    let mut exp = 0usize;
    let mut n = nbytes as f64;
    while n >= 1024.0 && exp + 1 < UNITS.len() {
        n /= 1024.0;
        exp += 1;
    }
    // NumPy prints three significant digits, dropping trailing zeros but keeping the dot.
    let digits = if n >= 100.0 {
        0
    } else if n >= 10.0 {
        1
    } else {
        2
    };
    let mut s = format!("{n:.digits$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
    } else {
        s.push('.');
    }
    format!("{s} {}", UNITS[exp])
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of every fallible numoxide routine.
pub type Result<T> = std::result::Result<T, Error>;

/// Return early with an error: `bail!(Value, "negative dimensions are not allowed")`.
#[macro_export]
macro_rules! bail {
    ($kind:ident, $($fmt:tt)+) => {
        return Err($crate::error::Error::new($crate::error::ErrorKind::$kind, format!($($fmt)+)))
    };
}

/// Return early with an error unless a condition holds.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $kind:ident, $($fmt:tt)+) => {
        if !$cond {
            $crate::bail!($kind, $($fmt)+);
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_error_text_matches_numpy() {
        let e = Error::memory(8 * 1_000_000_000_000, &[1_000_000_000_000], "float64");
        assert_eq!(
            e.message(),
            "Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64"
        );
        assert_eq!(human_bytes(800 * 1024 * 1024), "800. MiB");
    }
}
