//! Basic indexing: integers, slices, Ellipsis and newaxis. The result is always a view.

use crate::array::NdArray;
use crate::error::{Error, Result};
use crate::layout::{Shape, Strides};

/// One item of a basic index tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexItem {
    /// An integer: selects one position and removes the axis.
    Int(isize),
    /// A slice `start:stop:step` with Python's defaults for the missing parts.
    Slice(Option<isize>, Option<isize>, Option<isize>),
    /// `np.newaxis` / `None`: inserts a length-1 axis.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
}

/// Python's `slice.indices`: the start, step and number of selected positions of a slice
/// over a length-`len` axis.
///
/// # Errors
/// `ValueError` "slice step cannot be zero".
pub fn slice_indices(
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
    len: usize,
) -> Result<(isize, isize, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(Error::value("slice step cannot be zero"));
    }
    let n = len as isize;
    let clamp = |v: isize, lo: isize, hi: isize| v.max(lo).min(hi);
    let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let norm = |v: Option<isize>, default: isize| match v {
        None => default,
        Some(v) if v < 0 => clamp(v.saturating_add(n), lo, hi),
        Some(v) => clamp(v, lo, hi),
    };
    let (start, stop) = if step > 0 {
        (norm(start, 0), norm(stop, n))
    } else {
        (norm(start, n - 1), norm(stop, -1))
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, step, count))
}

impl NdArray {
    /// Apply a basic index; every item but `Int` keeps or adds an axis.
    ///
    /// # Errors
    /// NumPy's `IndexError`s ("too many indices", "index i is out of bounds for axis a
    /// with size n", "an index can only have a single ellipsis ('...')").
    pub fn index(&self, items: &[IndexItem]) -> Result<NdArray> {
        let ellipses = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Ellipsis))
            .count();
        if ellipses > 1 {
            return Err(Error::index(
                "an index can only have a single ellipsis ('...')",
            ));
        }
        let consumed = items
            .iter()
            .filter(|i| matches!(i, IndexItem::Int(_) | IndexItem::Slice(..)))
            .count();
        let nd = self.ndim();
        if consumed > nd {
            return Err(Error::index(format!(
                "too many indices for array: array is {nd}-dimensional, but {consumed} were indexed"
            )));
        }
        let mut shape = Shape::new();
        let mut strides = Strides::new();
        let mut offset = self.offset() as isize;
        let mut axis = 0usize;
        let mut empty = false;
        for item in items {
            match *item {
                IndexItem::Int(i) => {
                    let n = self.shape()[axis] as isize;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(Error::index(format!(
                            "index {i} is out of bounds for axis {axis} with size {n}"
                        )));
                    }
                    offset += j * self.strides()[axis];
                    axis += 1;
                }
                IndexItem::Slice(start, stop, step) => {
                    let (s, st, count) = slice_indices(start, stop, step, self.shape()[axis])?;
                    if count > 0 {
                        offset += s * self.strides()[axis];
                    } else {
                        empty = true;
                    }
                    shape.push(count);
                    // NumPy gives an empty slice step 1 (and start 0).
                    let st = if count == 0 { 1 } else { st };
                    strides.push(st * self.strides()[axis]);
                    axis += 1;
                }
                IndexItem::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                IndexItem::Ellipsis => {
                    let fill = nd - consumed;
                    for _ in 0..fill {
                        shape.push(self.shape()[axis]);
                        strides.push(self.strides()[axis]);
                        axis += 1;
                    }
                }
            }
        }
        while axis < nd {
            shape.push(self.shape()[axis]);
            strides.push(self.strides()[axis]);
            axis += 1;
        }
        let offset = if empty || self.size() == 0 {
            self.offset()
        } else {
            offset as usize
        };
        self.view_with(offset, &shape, &strides, self.dtype().clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_indices_match_python() {
        assert_eq!(slice_indices(None, None, Some(-1), 5).unwrap(), (4, -1, 5));
        assert_eq!(slice_indices(Some(1), None, Some(2), 5).unwrap(), (1, 2, 2));
        assert_eq!(
            slice_indices(Some(-100), Some(100), None, 5).unwrap(),
            (0, 1, 5)
        );
        assert_eq!(slice_indices(Some(3), Some(1), None, 5).unwrap().2, 0);
        assert_eq!(slice_indices(None, None, Some(-2), 0).unwrap().2, 0);
        assert!(slice_indices(None, None, Some(0), 5).is_err());
    }

    #[test]
    fn views_share_the_buffer() {
        let a = NdArray::from_vec((0..12i64).collect(), &[3, 4]).unwrap();
        let v = a
            .index(&[
                IndexItem::Slice(Some(1), None, None),
                IndexItem::Slice(None, None, Some(-2)),
            ])
            .unwrap();
        assert_eq!(v.shape(), &[2, 2]);
        assert_eq!(v.to_vec::<i64>(), vec![7, 5, 11, 9]);
        let col = a.index(&[IndexItem::Ellipsis, IndexItem::Int(1)]).unwrap();
        col.set(&[0], crate::scalar::Scalar::Int64(100)).unwrap();
        assert_eq!(a.get(&[0, 1]).unwrap(), crate::scalar::Scalar::Int64(100));
        assert!(a.index(&[IndexItem::Int(3)]).is_err());
        assert!(a
            .index(&[IndexItem::Int(0), IndexItem::Int(0), IndexItem::Int(0)])
            .is_err());
    }
}
