//! Module-level functions, one file per NumPy reference chapter.

pub mod creation;
pub mod dtypes;
