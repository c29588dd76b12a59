//! numoxide-ops: the routine families (one module each) and the ufunc table.

pub mod creation;
pub mod reductions;
pub mod ufunc;
pub mod polynomial;
pub mod random;
