//! numoxide-ops: the routine families (one module each) and the ufunc table.

pub mod calculus;
pub mod creation;
pub mod elementwise;
pub mod indexing;
pub mod logic;
pub mod manipulation;
pub mod misc;
pub mod nanfunctions;
pub mod polynomial;
pub mod random;
pub mod reductions;
pub mod sets;
pub mod sorting;
pub mod statistics;
pub mod ufunc;
