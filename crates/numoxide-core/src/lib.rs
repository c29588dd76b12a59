//! numoxide-core: the array, its dtypes and layouts, the iteration engine, casting and
//! promotion, errors and printing. No Python here.

#![warn(missing_docs)]

pub mod array;
pub mod assign;
pub mod buffer;
pub mod cast;
pub mod dtype;
pub mod element;
pub mod error;
pub mod index;
pub mod iter;
pub mod layout;
pub mod print;
pub mod scalar;

pub use array::NdArray;
pub use dtype::{DType, DTypeKind};
pub use error::{Error, ErrorKind, Result};
pub use index::IndexItem;
pub use layout::Order;
pub use scalar::Scalar;
