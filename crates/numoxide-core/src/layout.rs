//! Shape and stride arithmetic, all of it checked: sizes, contiguity, axis
//! normalization, broadcasting, and the "can this reshape be a view" rule.

use crate::error::{Error, Result};
use smallvec::SmallVec;

/// A shape: one length per axis.
pub type Shape = SmallVec<[usize; 4]>;
/// Byte strides: one signed step per axis.
pub type Strides = SmallVec<[isize; 4]>;

/// The most dimensions an array may have (NumPy 2's limit).
pub const MAXDIMS: usize = 64;

/// Memory order for new arrays and for reading elements out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Row-major, last index fastest.
    C,
    /// Column-major, first index fastest.
    F,
    /// F if the input is F-contiguous and not C-contiguous, else C.
    A,
    /// As close to the input's memory order as possible.
    K,
}

impl Order {
    /// Parse NumPy's `order=` letters.
    ///
    /// # Errors
    /// `ValueError` for anything but C, F, A, K (case-insensitive) or None.
    pub fn parse(text: Option<&str>) -> Result<Order> {
        // One letter, either case (compared in place: this runs on every tiny call).
        match text.map(str::as_bytes) {
            None => Ok(Order::K),
            Some([b'C' | b'c']) => Ok(Order::C),
            Some([b'F' | b'f']) => Ok(Order::F),
            Some([b'A' | b'a']) => Ok(Order::A),
            Some([b'K' | b'k']) => Ok(Order::K),
            Some(_) => Err(Error::value("order must be one of 'C', 'F', 'A', or 'K'")),
        }
    }
}

/// The number of elements of `shape`, or an error when it overflows `isize`.
///
/// # Errors
/// `ValueError` "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
pub fn checked_size(shape: &[usize]) -> Result<usize> {
    let mut n: usize = 1;
    let mut any_zero = false;
    let mut overflow = false;
    for &d in shape {
        if d == 0 {
            any_zero = true;
        }
        match n.checked_mul(d) {
            Some(v) if v <= isize::MAX as usize => n = v,
            _ => overflow = true,
        }
    }
    if any_zero {
        return Ok(0);
    }
    if overflow {
        return Err(too_big());
    }
    Ok(n)
}

fn too_big() -> Error {
    Error::value(
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
    )
}

/// The number of bytes `shape` of `itemsize`-byte elements occupies.
///
/// # Errors
/// `ValueError` when it does not fit in `isize`.
#[inline]
pub fn checked_nbytes(shape: &[usize], itemsize: usize) -> Result<usize> {
    let n = checked_size(shape)?;
    match n.checked_mul(itemsize.max(1)) {
        Some(v) if v <= isize::MAX as usize => Ok(n * itemsize),
        _ => Err(too_big()),
    }
}

/// C-order (row-major) byte strides for `shape`.
#[inline]
pub fn c_strides(shape: &[usize], itemsize: usize) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut step = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = step;
        step = step.wrapping_mul(shape[i].max(1) as isize);
    }
    strides
}

/// F-order (column-major) byte strides for `shape`.
#[inline]
pub fn f_strides(shape: &[usize], itemsize: usize) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut step = itemsize as isize;
    for i in 0..shape.len() {
        strides[i] = step;
        step = step.wrapping_mul(shape[i].max(1) as isize);
    }
    strides
}

/// NumPy's C-contiguity test: axes of length 1 may have any stride; empty arrays are
/// contiguous.
#[inline]
pub fn is_c_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expect = itemsize as isize;
    for i in (0..shape.len()).rev() {
        if shape[i] != 1 {
            if strides[i] != expect {
                return false;
            }
            expect *= shape[i] as isize;
        }
    }
    true
}

/// NumPy's F-contiguity test.
pub fn is_f_contiguous(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    if shape.contains(&0) {
        return true;
    }
    let mut expect = itemsize as isize;
    for i in 0..shape.len() {
        if shape[i] != 1 {
            if strides[i] != expect {
                return false;
            }
            expect *= shape[i] as isize;
        }
    }
    true
}

/// The lowest and one-past-highest byte offsets (relative to the first element) that a
/// layout touches, or `None` for an empty array.
pub fn byte_extent(shape: &[usize], strides: &[isize], itemsize: usize) -> Option<(isize, isize)> {
    if shape.contains(&0) {
        return None;
    }
    let mut lo: isize = 0;
    let mut hi: isize = 0;
    for (&d, &s) in shape.iter().zip(strides) {
        let span = (d as isize - 1).saturating_mul(s);
        if span < 0 {
            lo = lo.saturating_add(span);
        } else {
            hi = hi.saturating_add(span);
        }
    }
    Some((lo, hi.saturating_add(itemsize as isize)))
}

/// Check that a layout starting at byte `offset` stays within a buffer of `buffer_len`
/// bytes. This is the memory-safety gate every view passes.
///
/// # Errors
/// `ValueError` when some element would lie outside the buffer.
pub fn check_within(
    offset: usize,
    shape: &[usize],
    strides: &[isize],
    itemsize: usize,
    buffer_len: usize,
) -> Result<()> {
    if let Some((lo, hi)) = byte_extent(shape, strides, itemsize) {
        let start = offset as isize + lo;
        let end = (offset as isize).saturating_add(hi);
        if start < 0 || end as usize > buffer_len || hi == isize::MAX || lo == isize::MIN {
            return Err(Error::value(
                "the requested layout reaches outside the array's memory",
            ));
        }
    }
    Ok(())
}

/// Normalize a possibly negative `axis` for an array of `ndim` dimensions.
///
/// # Errors
/// NumPy's `AxisError`.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::axis(axis, ndim));
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}

/// Normalize a tuple of axes, rejecting repeats as NumPy does.
///
/// # Errors
/// `AxisError` for an axis out of range, `ValueError` "repeated axis" for a repeat.
pub fn normalize_axes(axes: &[isize], ndim: usize) -> Result<SmallVec<[usize; 4]>> {
    let mut out: SmallVec<[usize; 4]> = SmallVec::new();
    for &a in axes {
        let a = normalize_axis(a, ndim)?;
        if out.contains(&a) {
            return Err(Error::value("repeated axis"));
        }
        out.push(a);
    }
    Ok(out)
}

/// NumPy's text for a shape in messages: `(3,)`, `(2,3)`.
pub fn shape_text(shape: &[usize]) -> String {
    match shape.len() {
        1 => format!("({},)", shape[0]),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// The broadcast shape of several shapes (NumPy's rules: align from the right; a length
/// of 1 stretches).
///
/// # Errors
/// `ValueError` in NumPy's wording, followed by the shapes aligned from the right.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Shape> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out: Shape = SmallVec::from_elem(1, ndim);
    for shape in shapes {
        let pad = ndim - shape.len();
        for (i, &d) in shape.iter().enumerate() {
            let o = &mut out[pad + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(broadcast_error(shapes));
            }
        }
    }
    Ok(out)
}

fn broadcast_error(shapes: &[&[usize]]) -> Error {
    let texts: Vec<String> = shapes.iter().map(|s| shape_text(s)).collect();
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut msg = format!(
        "operands could not be broadcast together with shapes {} ",
        texts.join(" ")
    );
    msg.push_str("\nshapes aligned from the right:");
    let width = shapes
        .iter()
        .flat_map(|s| s.iter().map(|d| d.to_string().len()))
        .max()
        .unwrap_or(1);
    for s in shapes {
        let mut line = String::from("\n    ");
        for _ in 0..(ndim - s.len()) {
            line.push_str(&format!("{:>width$} ", ""));
        }
        for d in s.iter() {
            line.push_str(&format!("{d:>width$} "));
        }
        msg.push_str(line.trim_end());
    }
    Error::value(msg)
}

/// Strides that view an array of `shape`/`strides` as the larger `target` shape
/// (stride 0 along stretched axes).
///
/// # Errors
/// `ValueError` as NumPy's `broadcast_to` when the shapes are incompatible.
pub fn broadcast_strides(shape: &[usize], strides: &[isize], target: &[usize]) -> Result<Strides> {
    if shape.len() > target.len() {
        return Err(Error::value(
            "input operand has more dimensions than allowed by the axis remapping",
        ));
    }
    let pad = target.len() - shape.len();
    let mut out: Strides = SmallVec::from_elem(0, target.len());
    for i in 0..shape.len() {
        if shape[i] == target[pad + i] {
            out[pad + i] = strides[i];
        } else if shape[i] == 1 {
            out[pad + i] = 0;
        } else {
            return Err(Error::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_text(shape),
                shape_text(target)
            )));
        }
    }
    Ok(out)
}

/// Strides that let `new_shape` view the same elements as `shape`/`strides` in `order`
/// without copying, or `None` when a copy is needed (NumPy's rule).
pub fn reshape_strides(
    shape: &[usize],
    strides: &[isize],
    new_shape: &[usize],
    itemsize: usize,
    fortran: bool,
) -> Option<Strides> {
    let size: usize = shape.iter().product();
    if size == 0 {
        return Some(if fortran {
            f_strides(new_shape, itemsize)
        } else {
            c_strides(new_shape, itemsize)
        });
    }
    // Drop length-1 axes from the old layout.
    // Inline vectors: reshaping small arrays is a hot, tiny call.
    let (mut os, mut ost): (Shape, Strides) = shape
        .iter()
        .zip(strides)
        .filter(|(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .unzip();
    let mut ns: Shape = new_shape.into();
    if fortran {
        os.reverse();
        ost.reverse();
        ns.reverse();
    }
    let mut nst: Strides = smallvec::smallvec![0; ns.len()];
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    let (olen, nlen) = (os.len(), ns.len());
    while ni < nlen && oi < olen {
        let mut np = ns[ni];
        let mut op = os[oi];
        while np != op {
            if np < op {
                np *= ns[nj];
                nj += 1;
            } else {
                op *= os[oj];
                oj += 1;
            }
        }
        for ok in oi..oj.saturating_sub(1) {
            if ost[ok] != ost[ok + 1] * os[ok + 1] as isize {
                return None;
            }
        }
        nst[nj - 1] = ost[oj - 1];
        for nk in (ni + 1..nj).rev() {
            nst[nk - 1] = nst[nk] * ns[nk] as isize;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing length-1 axes of the new shape take a harmless stride.
    let last = if ni >= 1 {
        nst[ni - 1]
    } else {
        itemsize as isize
    };
    for s in nst.iter_mut().skip(ni) {
        *s = last;
    }
    if fortran {
        nst.reverse();
    }
    Some(nst)
}

/// Resolve a requested shape that may hold one `-1` against `size` elements.
///
/// # Errors
/// NumPy's `ValueError`s for a second -1, a negative length, or a size mismatch.
pub fn resolve_reshape(size: usize, requested: &[isize], old_shape: &[usize]) -> Result<Shape> {
    let mut unknown = None;
    let mut known: usize = 1;
    for (i, &d) in requested.iter().enumerate() {
        if d == -1 {
            if unknown.is_some() {
                return Err(Error::value("can only specify one unknown dimension"));
            }
            unknown = Some(i);
        } else if d < 0 {
            return Err(Error::value("negative dimensions not allowed"));
        } else {
            known = known.checked_mul(d as usize).ok_or_else(too_big)?;
        }
    }
    let mismatch = || {
        let req: Vec<String> = requested.iter().map(|d| d.to_string()).collect();
        let req = if req.len() == 1 {
            format!("({},)", req[0])
        } else {
            format!("({})", req.join(", "))
        };
        let _ = old_shape;
        Error::value(format!(
            "cannot reshape array of size {size} into shape {req}"
        ))
    };
    let mut out: Shape = requested.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(mismatch());
            }
            out[i] = size / known;
        }
        None => {
            if known != size {
                return Err(mismatch());
            }
        }
    }
    Ok(out)
}

/// NumPy's iterator axis order for `order='K'`: a stable insertion sort of `n` axes,
/// given innermost first, in which an axis moves inward past another only when every
/// operand with non-zero strides on both says it has the smaller stride (zero strides
/// say nothing; on a conflict between operands the given order wins). `stride(axis, op)`
/// reads operand `op`'s stride on the axis at position `axis` of the given order.
/// Returns the positions, innermost first.
pub fn k_order(n: usize, nop: usize, stride: impl Fn(usize, usize) -> isize) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    for i0 in 1..n {
        let j0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            let mut ambig = true;
            let mut swap = false;
            for k in 0..nop {
                let (s0, s1) = (stride(j0, k), stride(j1, k));
                if s0 != 0 && s1 != 0 {
                    if s1.unsigned_abs() <= s0.unsigned_abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm[ipos..=i0].rotate_right(1);
        }
    }
    perm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strides_and_contiguity() {
        assert_eq!(c_strides(&[2, 3, 4], 8).as_slice(), &[96, 32, 8]);
        assert_eq!(f_strides(&[2, 3, 4], 8).as_slice(), &[8, 16, 48]);
        assert!(is_c_contiguous(&[2, 1, 4], &[32, 0, 8], 8));
        assert!(!is_c_contiguous(&[2, 4], &[8, 16], 8));
        assert!(is_f_contiguous(&[2, 4], &[8, 16], 8));
        assert!(is_c_contiguous(&[0, 4], &[1, 1], 8));
    }

    #[test]
    fn broadcasting() {
        assert_eq!(
            broadcast_shapes(&[&[3, 1], &[4]]).unwrap().as_slice(),
            &[3, 4]
        );
        let e = broadcast_shapes(&[&[3, 4], &[3]]).unwrap_err();
        assert!(e
            .message()
            .starts_with("operands could not be broadcast together with shapes (3,4) (3,) "));
        assert_eq!(
            broadcast_strides(&[1, 4], &[32, 8], &[5, 3, 4])
                .unwrap()
                .as_slice(),
            &[0, 0, 8]
        );
    }

    #[test]
    fn reshape_views() {
        // A transposed 3x4 cannot be flattened in C order without a copy...
        assert!(reshape_strides(&[4, 3], &[8, 32], &[12], 8, false).is_none());
        // ...but can in F order.
        assert_eq!(
            reshape_strides(&[4, 3], &[8, 32], &[12], 8, true)
                .unwrap()
                .as_slice(),
            &[8]
        );
        assert_eq!(
            reshape_strides(&[12], &[8], &[3, 4], 8, false)
                .unwrap()
                .as_slice(),
            &[32, 8]
        );
        assert_eq!(
            reshape_strides(&[6], &[-8], &[2, 3], 8, false)
                .unwrap()
                .as_slice(),
            &[-24, -8]
        );
        assert_eq!(
            resolve_reshape(12, &[-1, 4], &[12]).unwrap().as_slice(),
            &[3, 4]
        );
        assert!(resolve_reshape(12, &[-1, 5], &[12]).is_err());
    }

    #[test]
    fn extent_checks() {
        assert!(check_within(0, &[3], &[8], 8, 24).is_ok());
        assert!(check_within(8, &[3], &[8], 8, 24).is_err());
        assert!(check_within(16, &[3], &[-8], 8, 24).is_ok());
        assert!(check_within(0, &[3], &[-8], 8, 24).is_err());
    }
}
