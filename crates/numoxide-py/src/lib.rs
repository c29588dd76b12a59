//! numoxide-py: the `numoxide._numoxide` extension module. Argument parsing, Python
//! exceptions, scalars and the buffer protocol live here; numerics live in the crates
//! below.

pub mod api;
pub mod array;
pub mod cell;
pub mod convert;
pub mod delegate;
pub mod dtype;
pub mod error;
pub mod fastslots;
pub mod index;
pub mod interop;
pub mod number;
pub mod overrides;
pub mod scalar;
pub mod scalar_ops;
pub mod subclass;

use pyo3::prelude::*;

#[pymodule]
fn _numoxide(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<array::PyNdArray>()?;
    fastslots::install(&m.py().get_type::<array::PyNdArray>())?;
    subclass::install(&m.py().get_type::<array::PyNdArray>())?;
    m.add_class::<array::PyFlatIter>()?;
    m.add_class::<array::PyFlags>()?;
    m.add_class::<dtype::PyDType>()?;
    m.add_class::<scalar_ops::ScalarOps>()?;
    m.add("_ScalarBox", scalar::box_type(m.py())?)?;
    m.add_function(wrap_pyfunction!(scalar::_box_value, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::_scalar_new, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::_scalar_type, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::_register_scalar_types, m)?)?;
    m.add_function(wrap_pyfunction!(scalar::_scalar_coerce, m)?)?;
    api::register_all(m)?;
    interop::register(m)?;
    fastslots::install_calls(m)?;
    delegate::install(m)?;
    delegate::install_subtyped(m)?;
    Ok(())
}
