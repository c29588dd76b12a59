//! numoxide: NumPy in Rust.
