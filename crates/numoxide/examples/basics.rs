//! The first steps of the tour (examples/tour.py, chapter "Basics") from Rust: it prints
//! the same text as the Python tour's first lines. Run with
//! `cargo run --release --example basics -p numoxide`.

use numoxide::{arange, slice, IndexItem, Order, Result, Scalar, NEWAXIS};

/// Python's text of a tuple of integers: `(3, 4)`, `(3,)`.
fn tuple<T: ToString>(items: &[T]) -> String {
    let parts: Vec<String> = items.iter().map(ToString::to_string).collect();
    match parts.len() {
        1 => format!("({},)", parts[0]),
        _ => format!("({})", parts.join(", ")),
    }
}

fn main() -> Result<()> {
    println!("== Basics ==");
    let a = arange(12)?.reshape(&[3, 4], Order::C)?;
    println!("a = np.arange(12).reshape(3, 4)");
    println!("{a}");
    println!(
        "shape: {} ndim: {} size: {}",
        tuple(a.shape()),
        a.ndim(),
        a.size()
    );
    println!(
        "dtype: {} itemsize: {} nbytes: {}",
        a.dtype(),
        a.itemsize(),
        a.nbytes()
    );
    println!("strides: {}", tuple(a.strides()));

    println!(
        "a[1, 2] = {} a[-1, -1] = {}",
        a.get(&[1, 2])?,
        a.get(&[-1, -1])?
    );
    println!("a[1:, ::-2] =");
    println!(
        "{}",
        a.index(&[slice(Some(1), None, None), slice(None, None, Some(-2))])?
    );
    let column = a.index(&[IndexItem::Ellipsis, IndexItem::Int(1)])?;
    let lifted = a.index(&[slice(None, None, None), NEWAXIS, IndexItem::Int(0)])?;
    println!(
        "a[..., 1] = {column} a[:, np.newaxis, 0].shape = {}",
        tuple(lifted.shape())
    );
    println!(
        "repr(a[0, 0]): {}",
        numoxide::numoxide_core::print::scalar_repr(a.get(&[0, 0])?)
    );

    // A view shares memory: writing through it changes `a`.
    let b = a.index(&[slice(None, None, None), IndexItem::Int(1)])?;
    b.set(&[0], Scalar::Int64(100))?;
    println!("after b = a[:, 1]; b[0] = 100:");
    println!("{a}");
    Ok(())
}
