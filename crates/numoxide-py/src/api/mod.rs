//! Module-level functions, one file per NumPy reference chapter. Each file has a
//! `register` that adds its functions to the extension module.

pub mod calculus;
pub mod creation;
pub mod dtypes;
pub mod elementwise;
pub mod fft;
pub mod indexing;
pub mod io;
pub mod iteration;
pub mod linalg;
pub mod logic;
pub mod manipulation;
pub mod misc;
pub mod nanfunctions;
pub mod polynomial;
pub mod printing;
pub mod random;
pub mod reductions;
pub mod sets;
pub mod sorting;
pub mod statistics;
pub mod ufuncs;

use pyo3::prelude::*;

/// Add every family's functions to the module.
pub fn register_all(m: &Bound<'_, PyModule>) -> PyResult<()> {
    calculus::register(m)?;
    creation::register(m)?;
    dtypes::register(m)?;
    elementwise::register(m)?;
    fft::register(m)?;
    indexing::register(m)?;
    io::register(m)?;
    iteration::register(m)?;
    linalg::register(m)?;
    logic::register(m)?;
    manipulation::register(m)?;
    misc::register(m)?;
    nanfunctions::register(m)?;
    polynomial::register(m)?;
    printing::register(m)?;
    random::register(m)?;
    reductions::register(m)?;
    sets::register(m)?;
    sorting::register(m)?;
    statistics::register(m)?;
    ufuncs::register(m)?;
    Ok(())
}
