//! .npy/.npz files, text files and memory maps.
//!
//! - [`header`]: the .npy header (parse without evaluating, write byte-identical to NumPy)
//! - [`npy`]: whole arrays to and from byte sources and sinks
//! - [`npz`]: zip archives of .npy members, read lazily and bounded
//! - [`mmap`]: arrays whose buffer is a memory map of a file
//! - [`text`]: the `loadtxt` tokenizer and parsers and `savetxt`'s formatter

#![warn(missing_docs)]

pub mod header;
pub mod mmap;
pub mod npy;
pub mod npz;
pub mod text;
