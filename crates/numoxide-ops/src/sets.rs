//! Set routines (NumPy's "Set routines" chapter): `unique` and its Array-API forms,
//! `intersect1d`, `union1d`, `setdiff1d`, `setxor1d`, `isin`.
//!
//! Everything is built on the stable sorts of [`crate::sorting`]: `unique` sorts (or
//! argsorts) once and reads off the runs of equal values, so the value kept for a run
//! is its first occurrence (as NumPy's hash-table path and its `return_index` path do).
//! Integer `isin` uses a presence bitmap when the tested values span a small range,
//! as NumPy's `kind='table'`.

use numoxide_core::cast::promote_kinds;
use numoxide_core::layout;
use numoxide_core::scalar::ScalarElement;
use numoxide_core::{dispatch, DType, DTypeKind, Error, ErrorKind, NdArray, Order, Result};

use crate::sorting::SortElem;

/// What `unique` should return besides the values.
#[derive(Clone, Debug)]
pub struct UniqueOptions {
    /// `return_index`: the index of each value's first occurrence.
    pub return_index: bool,
    /// `return_inverse`: for each input element, the index of its unique value.
    pub return_inverse: bool,
    /// `return_counts`: how often each value occurs.
    pub return_counts: bool,
    /// `axis`: unique subarrays along this axis (None flattens).
    pub axis: Option<isize>,
    /// `equal_nan`: collapse all NaNs into one value.
    pub equal_nan: bool,
}

impl Default for UniqueOptions {
    fn default() -> Self {
        UniqueOptions {
            return_index: false,
            return_inverse: false,
            return_counts: false,
            axis: None,
            equal_nan: true,
        }
    }
}

/// The arrays `unique` returns; the optional ones are present when asked for.
#[derive(Clone, Debug)]
pub struct UniqueResult {
    /// The sorted unique values (or subarrays).
    pub values: NdArray,
    /// First-occurrence indices.
    pub index: Option<NdArray>,
    /// Inverse indices: the input's shape for `axis=None`, 1-D otherwise.
    pub inverse: Option<NdArray>,
    /// Counts.
    pub counts: Option<NdArray>,
}

/// Sorted-run bookkeeping of one flat unique pass.
struct Runs<T> {
    values: Vec<T>,
    index: Vec<i64>,
    inverse: Vec<i64>,
    counts: Vec<i64>,
}

/// Unique values of `v` in NumPy's order with first-occurrence indices, inverse and
/// counts (the index vectors are filled only when `need_perm`).
fn unique_runs<T: SortElem>(v: &[T], need_perm: bool, equal_nan: bool) -> Runs<T> {
    let n = v.len();
    let (aux, perm): (Vec<T>, Vec<i64>) = if need_perm {
        let mut perm = vec![0i64; n];
        T::argsort_stable(v, &mut perm);
        // `perm` is a permutation of 0..n.
        (perm.iter().map(|&i| v[i as usize]).collect(), perm)
    } else {
        let mut s = v.to_vec();
        T::sort_stable(&mut s);
        (s, Vec::new())
    };
    // NaNs sort last; with equal_nan they form one run from the first NaN on.
    let first_nan = if equal_nan && aux.last().is_some_and(|x| x.is_nan_elem()) {
        aux.partition_point(|x| !x.is_nan_elem())
    } else {
        n
    };
    let mut runs = Runs {
        values: Vec::new(),
        index: Vec::new(),
        inverse: if need_perm { vec![0; n] } else { Vec::new() },
        counts: Vec::new(),
    };
    let mut group = -1i64;
    for j in 0..n {
        let new = j == 0 || j == first_nan || (j < first_nan && aux[j].np_ne(&aux[j - 1]));
        if new {
            group += 1;
            runs.values.push(aux[j]);
            runs.counts.push(0);
            if need_perm {
                runs.index.push(perm[j]);
            }
        }
        if let Some(c) = runs.counts.last_mut() {
            *c += 1;
        }
        if need_perm {
            // `perm[j] < n`.
            runs.inverse[perm[j] as usize] = group;
        }
    }
    runs
}

/// `np.unique`.
///
/// # Errors
/// `AxisError` for a bad axis; `MemoryError`.
pub fn unique(a: &NdArray, opts: &UniqueOptions) -> Result<UniqueResult> {
    match opts.axis {
        Some(ax) if a.ndim() != 1 => {
            let ax = layout::normalize_axis(ax, a.ndim())?;
            unique_axis(a, ax, opts)
        }
        Some(ax) => {
            layout::normalize_axis(ax, 1)?;
            unique_flat(a, opts, true)
        }
        None => unique_flat(a, opts, true),
    }
}

fn i64_array(v: Vec<i64>) -> Result<NdArray> {
    let n = v.len();
    NdArray::from_vec(v, &[n])
}

/// `unique` of the flattened array; `shape_inverse` reshapes the inverse like the input.
fn unique_flat(a: &NdArray, opts: &UniqueOptions, shape_inverse: bool) -> Result<UniqueResult> {
    let need_perm = opts.return_index || opts.return_inverse;
    let kind = a.kind();
    dispatch!(kind, T => {
        let v: Vec<T> = a.to_vec::<T>();
        let runs = unique_runs(&v, need_perm, opts.equal_nan);
        let k = runs.values.len();
        let values = NdArray::from_vec(runs.values, &[k])?;
        let values = if a.dtype().is_native() {
            values
        } else {
            values.astype(a.dtype().clone(), Order::C)?
        };
        let inverse = if opts.return_inverse {
            let inv = i64_array(runs.inverse)?;
            Some(if shape_inverse {
                let shape: Vec<isize> = a.shape().iter().map(|&d| d as isize).collect();
                inv.reshape(&shape, Order::C)?
            } else {
                inv
            })
        } else {
            None
        };
        Ok(UniqueResult {
            values,
            index: if opts.return_index { Some(i64_array(runs.index)?) } else { None },
            inverse,
            counts: if opts.return_counts { Some(i64_array(runs.counts)?) } else { None },
        })
    })
}

/// `unique` of the subarrays along `axis` (compared element by element, NaN never
/// equal, as NumPy's structured-row comparison).
fn unique_axis(a: &NdArray, axis: usize, opts: &UniqueOptions) -> Result<UniqueResult> {
    let moved = a.moveaxis(&[axis as isize], &[0])?;
    let rows_n = moved.shape()[0];
    let rest: Vec<usize> = moved.shape()[1..].to_vec();
    let m: usize = rest.iter().product();
    let kind = a.kind();
    dispatch!(kind, T => {
        let flat: Vec<T> = moved.to_vec::<T>();
        let row = |i: usize| &flat[i * m..(i + 1) * m];
        let mut perm: Vec<usize> = (0..rows_n).collect();
        perm.sort_by(|&x, &y| {
            row(x)
                .iter()
                .zip(row(y))
                .map(|(p, q)| p.np_cmp(q))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut values: Vec<T> = Vec::new();
        let mut index = Vec::new();
        let mut inverse = vec![0i64; rows_n];
        let mut counts: Vec<i64> = Vec::new();
        for (j, &p) in perm.iter().enumerate() {
            let new = j == 0
                || row(p).iter().zip(row(perm[j - 1])).any(|(x, y)| x.np_ne(y));
            if new {
                values.extend_from_slice(row(p));
                index.push(p as i64);
                counts.push(0);
            }
            if let Some(c) = counts.last_mut() {
                *c += 1;
            }
            inverse[p] = counts.len() as i64 - 1;
        }
        let k = counts.len();
        let mut shape = vec![k];
        shape.extend_from_slice(&rest);
        let vals = NdArray::from_vec(values, &shape)?
            .moveaxis(&[0], &[axis as isize])?
            .astype(a.dtype().clone(), Order::C)?;
        Ok(UniqueResult {
            values: vals,
            index: if opts.return_index { Some(i64_array(index)?) } else { None },
            inverse: if opts.return_inverse { Some(i64_array(inverse)?) } else { None },
            counts: if opts.return_counts { Some(i64_array(counts)?) } else { None },
        })
    })
}

/// The dtype NumPy's `concatenate` gives two arrays.
fn common_dtype(a: &NdArray, b: &NdArray) -> DType {
    DType::new(promote_kinds(a.kind(), b.kind()))
}

/// Sorted unique values of `a` as `T`.
fn unique_vec<T: SortElem + ScalarElement>(a: &NdArray) -> Vec<T> {
    unique_runs(&a.to_vec::<T>(), false, true).values
}

/// Sorted unique values of `a` as `T` with their first-occurrence indices.
fn unique_vec_index<T: SortElem + ScalarElement>(a: &NdArray) -> (Vec<T>, Vec<i64>) {
    let r = unique_runs(&a.to_vec::<T>(), true, true);
    (r.values, r.index)
}

fn vec_array<T: ScalarElement>(v: Vec<T>) -> Result<NdArray> {
    let n = v.len();
    NdArray::from_vec(v, &[n])
}

/// `np.intersect1d`: sorted values present in both; with `return_indices`, also the
/// indices of their first occurrences in each (flattened) input.
///
/// # Errors
/// `MemoryError`.
pub fn intersect1d(
    a: &NdArray,
    b: &NdArray,
    assume_unique: bool,
    return_indices: bool,
) -> Result<(NdArray, Option<(NdArray, NdArray)>)> {
    let common = common_dtype(a, b);
    dispatch!(common.kind(), T => {
        let (u1, i1, u2, i2): (Vec<T>, Vec<i64>, Vec<T>, Vec<i64>) = if assume_unique {
            (a.to_vec::<T>(), Vec::new(), b.to_vec::<T>(), Vec::new())
        } else if return_indices {
            let (u1, i1) = unique_vec_index::<T>(a);
            let (u2, i2) = unique_vec_index::<T>(b);
            (u1, i1, u2, i2)
        } else {
            (unique_vec::<T>(a), Vec::new(), unique_vec::<T>(b), Vec::new())
        };
        let n1 = u1.len();
        let mut aux = u1;
        aux.extend_from_slice(&u2);
        let mut perm = vec![0i64; aux.len()];
        T::argsort_stable(&aux, &mut perm);
        // `perm` is a permutation of 0..aux.len().
        let sorted: Vec<T> = perm.iter().map(|&i| aux[i as usize]).collect();
        let mut vals = Vec::new();
        let mut idx1 = Vec::new();
        let mut idx2 = Vec::new();
        for j in 1..sorted.len() {
            if !sorted[j].np_ne(&sorted[j - 1]) {
                vals.push(sorted[j - 1]);
                if return_indices {
                    let p1 = perm[j - 1];
                    let p2 = perm[j] - n1 as i64;
                    // Indices into the unique arrays, whose index maps have their length.
                    idx1.push(if assume_unique { p1 } else { i1.get(p1 as usize).copied().unwrap_or(p1) });
                    idx2.push(if assume_unique { p2 } else { i2.get(p2 as usize).copied().unwrap_or(p2) });
                }
            }
        }
        let values = vec_array(vals)?;
        let indices = if return_indices {
            Some((i64_array(idx1)?, i64_array(idx2)?))
        } else {
            None
        };
        Ok((values, indices))
    })
}

/// `np.union1d`: the sorted unique values of both inputs.
///
/// # Errors
/// `MemoryError`.
pub fn union1d(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let common = common_dtype(a, b);
    dispatch!(common.kind(), T => {
        let mut v: Vec<T> = a.to_vec::<T>();
        v.extend(b.to_vec::<T>());
        vec_array(unique_runs(&v, false, true).values)
    })
}

/// `np.setxor1d`: sorted values in exactly one of the inputs.
///
/// # Errors
/// `MemoryError`.
pub fn setxor1d(a: &NdArray, b: &NdArray, assume_unique: bool) -> Result<NdArray> {
    let common = common_dtype(a, b);
    dispatch!(common.kind(), T => {
        let mut aux: Vec<T> = if assume_unique { a.to_vec::<T>() } else { unique_vec::<T>(a) };
        aux.extend(if assume_unique { b.to_vec::<T>() } else { unique_vec::<T>(b) });
        T::sort_stable(&mut aux);
        let n = aux.len();
        // flag[j] for j in 0..=n: a boundary between aux[j-1] and aux[j].
        let flag = |j: usize| j == 0 || j == n || aux[j].np_ne(&aux[j - 1]);
        let keep: Vec<T> = (0..n).filter(|&j| flag(j) && flag(j + 1)).map(|j| aux[j]).collect();
        vec_array(keep)
    })
}

/// `np.setdiff1d`: the unique values of `a` not in `b` (with `assume_unique`, the
/// elements of `a` in order, duplicates kept).
///
/// # Errors
/// `MemoryError`.
pub fn setdiff1d(a: &NdArray, b: &NdArray, assume_unique: bool) -> Result<NdArray> {
    let (a1, b1) = if assume_unique {
        (a.reshape(&[-1], Order::C)?, b.clone())
    } else {
        let o = UniqueOptions::default();
        (
            unique_flat(a, &o, false)?.values,
            unique_flat(b, &o, false)?.values,
        )
    };
    let mask = isin(&a1, &b1, true, IsinKind::Auto)?.to_vec::<bool>();
    dispatch!(a1.kind(), T => {
        let v: Vec<T> = a1.to_vec::<T>();
        let keep: Vec<T> = v.into_iter().zip(mask).filter(|(_, m)| *m).map(|(x, _)| x).collect();
        vec_array(keep)?.astype(a.dtype().clone(), Order::C)
    })
}

/// NumPy's `isin(kind=...)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IsinKind {
    /// `None`: the table for integers with a small range, sorting otherwise.
    Auto,
    /// `'sort'`.
    Sort,
    /// `'table'`: integers and bools only.
    Table,
}

/// The largest presence table `isin` builds (bits) before it sorts instead.
const TABLE_MAX_BITS: i128 = 1 << 34;

/// `np.isin(element, test_elements, invert=..., kind=...)`: a bool array of
/// `element`'s shape telling which elements occur in `test_elements` (NaN matches
/// nothing; `-0.0` matches `0.0`).
///
/// # Errors
/// `ValueError` for `kind='table'` on non-integer data, `RuntimeError` when the tested
/// range overflows the test dtype with `kind='table'`.
pub fn isin(element: &NdArray, test: &NdArray, invert: bool, kind: IsinKind) -> Result<NdArray> {
    let ints = |k: DTypeKind| k.is_integer() || k == DTypeKind::Bool;
    let int_arrays = ints(element.kind()) && ints(test.kind());
    if kind == IsinKind::Table && !int_arrays {
        return Err(Error::value(
            "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
        ));
    }
    let n = element.size();
    let mut out = vec![invert; n];
    if test.size() == 0 || n == 0 {
        return NdArray::from_vec(out, element.shape());
    }
    let common = DType::new(promote_kinds(element.kind(), test.kind()));
    if int_arrays && kind != IsinKind::Sort && common.kind() != DTypeKind::UInt64 {
        let tv: Vec<i64> = test.to_vec::<i64>();
        let (lo, hi) = tv
            .iter()
            .fold((i64::MAX, i64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        let range = hi as i128 - lo as i128;
        let dtype_max = match test.kind() {
            DTypeKind::Bool => 255,
            k => k.int_bounds().1,
        };
        let small = range <= 6 * (n as i128 + tv.len() as i128);
        if range > dtype_max && kind == IsinKind::Table {
            return Err(Error::new(
                ErrorKind::Runtime,
                "You have specified kind='table', but the range of values in `ar2` or `ar1` exceed the maximum integer of the datatype. Please set `kind` to None or 'sort'.",
            ));
        }
        if range <= dtype_max && (small || kind == IsinKind::Table) && range < TABLE_MAX_BITS {
            let bits = (range + 1) as usize;
            let mut table = vec![0u64; bits.div_ceil(64)];
            for &x in &tv {
                let o = (x as i128 - lo as i128) as usize;
                if let Some(w) = table.get_mut(o / 64) {
                    *w |= 1 << (o % 64);
                }
            }
            let ev: Vec<i64> = element.to_vec::<i64>();
            for (o, &x) in out.iter_mut().zip(&ev) {
                let off = x as i128 - lo as i128;
                let hit = off >= 0
                    && off <= range
                    && table
                        .get(off as usize / 64)
                        .is_some_and(|w| w >> (off as usize % 64) & 1 == 1);
                *o = hit != invert;
            }
            return NdArray::from_vec(out, element.shape());
        }
    }
    dispatch!(common.kind(), T => {
        let keys = unique_vec::<T>(test);
        let ev: Vec<T> = element.to_vec::<T>();
        for (o, x) in out.iter_mut().zip(&ev) {
            let hit = !x.is_nan_elem() && {
                let i = crate::sorting::kernels::search(&keys, x, false);
                keys.get(i).is_some_and(|k| !k.np_ne(x))
            };
            *o = hit != invert;
        }
    });
    NdArray::from_vec(out, element.shape())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_with_everything() {
        let a = NdArray::from_vec(vec![3i64, 1, 3, 2, 1], &[5]).expect("array");
        let o = UniqueOptions {
            return_index: true,
            return_inverse: true,
            return_counts: true,
            ..UniqueOptions::default()
        };
        let r = unique(&a, &o).expect("unique");
        assert_eq!(r.values.to_vec::<i64>(), [1, 2, 3]);
        assert_eq!(r.index.expect("index").to_vec::<i64>(), [1, 3, 0]);
        assert_eq!(r.inverse.expect("inverse").to_vec::<i64>(), [2, 0, 2, 1, 0]);
        assert_eq!(r.counts.expect("counts").to_vec::<i64>(), [2, 1, 2]);
    }

    #[test]
    fn nan_handling() {
        let a = NdArray::from_vec(vec![f64::NAN, 1.0, f64::NAN], &[3]).expect("array");
        let r = unique(&a, &UniqueOptions::default()).expect("unique");
        assert_eq!(r.values.size(), 2);
        let o = UniqueOptions {
            equal_nan: false,
            ..UniqueOptions::default()
        };
        assert_eq!(unique(&a, &o).expect("unique").values.size(), 3);
        let t = NdArray::from_vec(vec![f64::NAN], &[1]).expect("array");
        let m = isin(&a, &t, false, IsinKind::Auto).expect("isin");
        assert_eq!(m.to_vec::<bool>(), [false, false, false]);
    }

    #[test]
    fn set_operations() {
        let a = NdArray::from_vec(vec![1i64, 3, 3, 2], &[4]).expect("array");
        let b = NdArray::from_vec(vec![3i64, 2, 5], &[3]).expect("array");
        let (v, idx) = intersect1d(&a, &b, false, true).expect("intersect");
        assert_eq!(v.to_vec::<i64>(), [2, 3]);
        let (i1, i2) = idx.expect("indices");
        assert_eq!(
            (i1.to_vec::<i64>(), i2.to_vec::<i64>()),
            (vec![3, 1], vec![1, 0])
        );
        assert_eq!(
            union1d(&a, &b).expect("union").to_vec::<i64>(),
            [1, 2, 3, 5]
        );
        assert_eq!(
            setxor1d(&a, &b, false).expect("xor").to_vec::<i64>(),
            [1, 5]
        );
        assert_eq!(setdiff1d(&a, &b, false).expect("diff").to_vec::<i64>(), [1]);
        let m = isin(&a, &b, false, IsinKind::Table).expect("isin");
        assert_eq!(m.to_vec::<bool>(), [false, true, true, true]);
    }
}
