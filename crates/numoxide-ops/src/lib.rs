//! numoxide-ops: the routine families (one module each) and the ufunc table.

pub mod creation;
pub mod elementwise;
pub mod nanfunctions;
pub mod polynomial;
pub mod random;
pub mod reductions;
pub mod ufunc;
