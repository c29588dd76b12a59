//! calculus routines (stub; being written).

use pyo3::prelude::*;

/// Add this family's functions to the module.
pub fn register(_m: &Bound<'_, PyModule>) -> PyResult<()> {
    Ok(())
}
