//! Set routines (NumPy's "Set routines" chapter): `unique` and its Array-API forms,
//! `intersect1d`, `union1d`, `setdiff1d`, `setxor1d`, `isin`.
//!
//! Everything is built on the stable sorts of [`crate::sorting`]: `unique` sorts (or
//! argsorts) once and reads off the runs of equal values, so the value kept for a run
//! is its first occurrence (as NumPy's hash-table path and its `return_index` path do).
//! Integer `isin` uses a presence bitmap when the tested values span a small range,
//! as NumPy's `kind='table'`.

use numoxide_core::cast::{promote_kinds, CastFrom};
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
    /// `sorted`: False lets integer and complex values come in NumPy's hash-set order.
    pub sorted: bool,
}

impl Default for UniqueOptions {
    fn default() -> Self {
        UniqueOptions {
            return_index: false,
            return_inverse: false,
            return_counts: false,
            axis: None,
            equal_nan: true,
            sorted: true,
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

/// Unique values of `v` in NumPy's order with first-occurrence indices and inverse
/// (filled only when `need_perm`) and counts (filled only when `need_counts`).
fn unique_runs<T: SortElem>(
    v: &[T],
    need_perm: bool,
    need_counts: bool,
    equal_nan: bool,
) -> Runs<T> {
    let n = v.len();
    // Owns the sorted copy when it lives in numoxide's allocator (`sorted_buf`).
    let mut owner: Option<NdArray> = None;
    let mut owned: Vec<T>;
    let mut perm: Vec<i64> = Vec::new();
    let aux: &[T] = if need_perm {
        perm = vec![0i64; n];
        T::argsort_stable(v, &mut perm);
        // `perm` is a permutation of 0..n.
        owned = perm.iter().map(|&i| v[i as usize]).collect();
        &owned
    } else if T::UNSTABLE_UNIQUE {
        // Equal values are identical bits except the zeros (and NaNs, which these
        // sorts keep in input order): the run of zeros gets the first zero of the
        // input, as the stable sort would put first.
        let s: &mut [T] = match sorted_buf::<T>(n, &mut owner) {
            Some(buf) => buf,
            None => {
                owned = vec![T::default(); n];
                &mut owned
            }
        };
        T::sort_unstable_into(v, s);
        let zero = T::default();
        let start = s.partition_point(|x| x.np_cmp(&zero) == std::cmp::Ordering::Less);
        if s.get(start).is_some_and(|x| !x.np_ne(&zero)) {
            if let (Some(first), Some(slot)) =
                (v.iter().find(|x| !x.np_ne(&zero)), s.get_mut(start))
            {
                *slot = *first;
            }
        }
        s
    } else {
        owned = v.to_vec();
        T::sort_stable(&mut owned);
        &owned
    };
    // NaNs sort last; with equal_nan they form one run from the first NaN on.
    let first_nan = if equal_nan && aux.last().is_some_and(|x| x.is_nan_elem()) {
        aux.partition_point(|x| !x.is_nan_elem())
    } else {
        n
    };
    let mut runs = Runs {
        values: Vec::with_capacity(n),
        index: if need_perm {
            Vec::with_capacity(n)
        } else {
            Vec::new()
        },
        inverse: if need_perm { vec![0; n] } else { Vec::new() },
        counts: if need_counts {
            Vec::with_capacity(n)
        } else {
            Vec::new()
        },
    };
    let mut group = -1i64;
    let mut last_start = 0usize;
    for j in 0..n {
        let new = j == 0 || j == first_nan || (j < first_nan && aux[j].np_ne(&aux[j - 1]));
        if new {
            group += 1;
            runs.values.push(aux[j]);
            if need_counts && j > 0 {
                runs.counts.push((j - last_start) as i64);
            }
            last_start = j;
            if need_perm {
                runs.index.push(perm[j]);
            }
        }
        if need_perm {
            // `perm[j] < n`.
            runs.inverse[perm[j] as usize] = group;
        }
    }
    if need_counts && n > 0 {
        runs.counts.push((n - last_start) as i64);
    }
    runs
}

/// The sorted unique values of `v` alone, for types whose unstable sort leaves equal
/// values as identical bits ([`SortElem::UNSTABLE_UNIQUE`]): the sorted copy is
/// compacted in place and is itself the result when every value is distinct (no
/// second buffer, no copy). None for other types or when memory cannot be had.
///
/// # Errors
/// `MemoryError`.
fn unique_values_only<T: SortElem + ScalarElement>(
    v: &[T],
    equal_nan: bool,
) -> Result<Option<NdArray>> {
    let n = v.len();
    if !T::UNSTABLE_UNIQUE || n == 0 {
        return Ok(None);
    }
    let mut owner: Option<NdArray> = None;
    let Some(s) = sorted_buf::<T>(n, &mut owner) else {
        return Ok(None);
    };
    T::sort_unstable_into(v, s);
    // The run of zeros gets the input's first zero, as in `unique_runs`.
    let zero = T::default();
    let start = s.partition_point(|x| x.np_cmp(&zero) == std::cmp::Ordering::Less);
    if s.get(start).is_some_and(|x| !x.np_ne(&zero)) {
        if let (Some(first), Some(slot)) = (v.iter().find(|x| !x.np_ne(&zero)), s.get_mut(start)) {
            *slot = *first;
        }
    }
    let first_nan = if equal_nan && s.last().is_some_and(|x| x.is_nan_elem()) {
        s.partition_point(|x| !x.is_nan_elem())
    } else {
        n
    };
    // Keep the first value of each run, moving it down to the next free slot `k <= j`
    // (each value is compared with its sorted predecessor as read, in `prev`).
    let mut k = 1usize;
    let mut prev = s[0];
    for j in 1..n {
        let x = s[j];
        let new = j == first_nan || (j < first_nan && x.np_ne(&prev));
        prev = x;
        if new {
            s[k] = x;
            k += 1;
        }
    }
    if k == n {
        return Ok(owner);
    }
    Ok(Some(NdArray::from_vec(s[..k].to_vec(), &[k])?))
}

/// `n` writable elements of `T` in memory from numoxide's allocator (a reused large
/// buffer costs no page faults), owned by the array left in `owner`; None when the
/// memory cannot be had. The contents are unspecified but initialized.
fn sorted_buf<T: SortElem>(n: usize, owner: &mut Option<NdArray>) -> Option<&mut [T]> {
    let arr = owner.insert(NdArray::unspecified(&[n], DType::new(T::KIND), Order::C).ok()?);
    if n == 0 {
        return Some(&mut []);
    }
    // SAFETY: `arr` is a fresh C-contiguous, aligned array of `n` initialized elements
    // of `T`; the slice borrows `owner`, which keeps it alive, and nothing else refers
    // to its buffer.
    Some(unsafe { std::slice::from_raw_parts_mut(arr.data_ptr() as *mut T, n) })
}

/// The elements of `a` (C order) as `T`: borrowed in place when `a` is a C-contiguous,
/// aligned, native array of `T`, else a converted copy kept in `hold`.
fn elements<'a, T: SortElem + CastFrom>(a: &'a NdArray, hold: &'a mut Vec<T>) -> &'a [T] {
    if a.kind() == T::KIND
        && a.dtype().is_native()
        && a.is_c_contiguous()
        && a.is_aligned()
        && a.size() > 0
    {
        // SAFETY: checked C-contiguous, aligned and native `T` just above; the slice
        // borrows `a`, whose memory nothing writes during the call.
        return unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, a.size()) };
    }
    *hold = a.to_vec::<T>();
    hold
}

/// `np.unique`.
///
/// # Errors
/// `AxisError` for a bad axis; `MemoryError`.
pub fn unique(a: &NdArray, opts: &UniqueOptions) -> Result<UniqueResult> {
    let flat_only = !(opts.return_index || opts.return_inverse || opts.return_counts);
    if !opts.sorted && flat_only && (opts.axis.is_none() || a.ndim() == 1) {
        if let Some(ax) = opts.axis {
            layout::normalize_axis(ax, 1)?;
        }
        if let Some(values) = unique_hash_order(a, opts.equal_nan)? {
            return Ok(UniqueResult {
                values,
                index: None,
                inverse: None,
                counts: None,
            });
        }
    }
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
        let mut hold = Vec::new();
        if !need_perm && !opts.return_counts {
            if let Some(values) = unique_values_only(elements::<T>(a, &mut hold), opts.equal_nan)? {
                let values = if a.dtype().is_native() {
                    values
                } else {
                    values.astype(a.dtype().clone(), Order::C)?
                };
                return Ok(UniqueResult { values, index: None, inverse: None, counts: None });
            }
        }
        let runs = unique_runs(elements::<T>(a, &mut hold), need_perm, opts.return_counts, opts.equal_nan);
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
    // NumPy compares the rows field by field with each type's compare function, and the
    // float16 one (unlike float32/64's) orders NaN before every number.
    let nan_first = kind == DTypeKind::Float16;
    dispatch!(kind, T => {
        let flat: Vec<T> = moved.to_vec::<T>();
        let row = |i: usize| &flat[i * m..(i + 1) * m];
        let cmp = |p: &T, q: &T| {
            use std::cmp::Ordering;
            match (nan_first, p.is_nan_elem(), q.is_nan_elem()) {
                (true, true, true) => Ordering::Equal,
                (true, true, false) => Ordering::Less,
                (true, false, true) => Ordering::Greater,
                _ => p.np_cmp(q),
            }
        };
        let mut perm: Vec<usize> = (0..rows_n).collect();
        perm.sort_by(|&x, &y| {
            row(x)
                .iter()
                .zip(row(y))
                .map(|(p, q)| cmp(p, q))
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
    let mut hold = Vec::new();
    unique_runs(elements::<T>(a, &mut hold), false, false, true).values
}

/// Sorted unique values of `a` as `T` with their first-occurrence indices.
fn unique_vec_index<T: SortElem + ScalarElement>(a: &NdArray) -> (Vec<T>, Vec<i64>) {
    let mut hold = Vec::new();
    let r = unique_runs(elements::<T>(a, &mut hold), true, false, true);
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
        vec_array(unique_runs(&v, false, false, true).values)
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
        if test.size() <= HASH_MAX {
            let mut thold = Vec::new();
            if let Some(set) = CodeSet::new(elements::<T>(test, &mut thold)) {
                let mut ehold = Vec::new();
                let ev = elements::<T>(element, &mut ehold);
                for (o, x) in out.iter_mut().zip(ev) {
                    *o = x.eq_code().is_some_and(|c| set.contains(c)) != invert;
                }
                return NdArray::from_vec(out, element.shape());
            }
        }
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

/// Test arrays at most this long are looked up in a [`CodeSet`] (its table then stays
/// in the L2 cache); longer ones are sorted and searched.
const HASH_MAX: usize = 1 << 15;

/// An open-addressing hash set of equality codes ([`SortElem::eq_code`]).
struct CodeSet {
    /// Slots holding a code, or [`CodeSet::EMPTY`].
    slots: Vec<u64>,
    /// Whether the code equal to [`CodeSet::EMPTY`] is a member.
    has_empty: bool,
    /// The bits a slot index keeps from the hash.
    shift: u32,
}

impl CodeSet {
    const EMPTY: u64 = u64::MAX;

    /// The set of the codes of `values` (values without a code are left out); None
    /// when the element type has no codes.
    fn new<T: SortElem>(values: &[T]) -> Option<CodeSet> {
        if values
            .first()
            .is_some_and(|x| !x.is_nan_elem() && x.eq_code().is_none())
        {
            return None;
        }
        let cap = (2 * values.len()).next_power_of_two().max(16);
        let mut set = CodeSet {
            slots: vec![Self::EMPTY; cap],
            has_empty: false,
            shift: 64 - cap.trailing_zeros(),
        };
        for x in values {
            if x.is_nan_elem() {
                continue;
            }
            let c = x.eq_code()?;
            set.insert(c);
        }
        Some(set)
    }

    /// The first slot to probe for `c` (Fibonacci hashing: the top bits of a product).
    #[inline(always)]
    fn home(&self, c: u64) -> usize {
        (c.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn insert(&mut self, c: u64) {
        if c == Self::EMPTY {
            self.has_empty = true;
            return;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(c);
        // The table is at most half full, so an empty slot comes.
        while let Some(s) = self.slots.get_mut(i) {
            if *s == c {
                return;
            }
            if *s == Self::EMPTY {
                *s = c;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline(always)]
    fn contains(&self, c: u64) -> bool {
        if c == Self::EMPTY {
            return self.has_empty;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(c);
        while let Some(&s) = self.slots.get(i) {
            if s == c {
                return true;
            }
            if s == Self::EMPTY {
                return false;
            }
            i = (i + 1) & mask;
        }
        false
    }
}

// ---------------------------------------------------------------------------
// `sorted=False`: NumPy 2.5 finds the unique values of integer and complex arrays with
// a C++ `std::unordered_set` (FNV-1a hashes of the element bytes) and returns them in the
// set's iteration order. That order is deterministic for a given input: it follows from
// libstdc++'s hash table (prime bucket counts, insertion at the front of a bucket, the
// rehash policy). The functions below reproduce that table's behaviour so numoxide
// returns the same order as NumPy.

/// libstdc++'s `__prime_list` (bucket counts), as shipped in libstdc++.so.
const STD_PRIMES: [u64; 305] = [
    2,
    3,
    5,
    7,
    11,
    13,
    17,
    19,
    23,
    29,
    31,
    37,
    41,
    43,
    47,
    53,
    59,
    61,
    67,
    71,
    73,
    79,
    83,
    89,
    97,
    103,
    109,
    113,
    127,
    137,
    139,
    149,
    157,
    167,
    179,
    193,
    199,
    211,
    227,
    241,
    257,
    277,
    293,
    313,
    337,
    359,
    383,
    409,
    439,
    467,
    503,
    541,
    577,
    619,
    661,
    709,
    761,
    823,
    887,
    953,
    1031,
    1109,
    1193,
    1289,
    1381,
    1493,
    1613,
    1741,
    1879,
    2029,
    2179,
    2357,
    2549,
    2753,
    2971,
    3209,
    3469,
    3739,
    4027,
    4349,
    4703,
    5087,
    5503,
    5953,
    6427,
    6949,
    7517,
    8123,
    8783,
    9497,
    10273,
    11113,
    12011,
    12983,
    14033,
    15173,
    16411,
    17749,
    19183,
    20753,
    22447,
    24281,
    26267,
    28411,
    30727,
    33223,
    35933,
    38873,
    42043,
    45481,
    49201,
    53201,
    57557,
    62233,
    67307,
    72817,
    78779,
    85229,
    92203,
    99733,
    107897,
    116731,
    126271,
    136607,
    147793,
    159871,
    172933,
    187091,
    202409,
    218971,
    236897,
    256279,
    277261,
    299951,
    324503,
    351061,
    379787,
    410857,
    444487,
    480881,
    520241,
    562841,
    608903,
    658753,
    712697,
    771049,
    834181,
    902483,
    976369,
    1056323,
    1142821,
    1236397,
    1337629,
    1447153,
    1565659,
    1693859,
    1832561,
    1982627,
    2144977,
    2320627,
    2510653,
    2716249,
    2938679,
    3179303,
    3439651,
    3721303,
    4026031,
    4355707,
    4712381,
    5098259,
    5515729,
    5967347,
    6456007,
    6984629,
    7556579,
    8175383,
    8844859,
    9569143,
    10352717,
    11200489,
    12117689,
    13109983,
    14183539,
    15345007,
    16601593,
    17961079,
    19431899,
    21023161,
    22744717,
    24607243,
    26622317,
    28802401,
    31160981,
    33712729,
    36473443,
    39460231,
    42691603,
    46187573,
    49969847,
    54061849,
    58488943,
    63278561,
    68460391,
    74066549,
    80131819,
    86693767,
    93793069,
    101473717,
    109783337,
    118773397,
    128499677,
    139022417,
    150406843,
    162723577,
    176048909,
    190465427,
    206062531,
    222936881,
    241193053,
    260944219,
    282312799,
    305431229,
    330442829,
    357502601,
    386778277,
    418451333,
    452718089,
    489790921,
    529899637,
    573292817,
    620239453,
    671030513,
    725980837,
    785430967,
    849749479,
    919334987,
    994618837,
    1076067617,
    1164186217,
    1259520799,
    1362662261,
    1474249943,
    1594975441,
    1725587117,
    1866894511,
    2019773507,
    2185171673,
    2364114217,
    2557710269,
    2767159799,
    2993761039,
    3238918481,
    3504151727,
    3791104843,
    4101556399,
    4294967291,
    6442450933,
    8589934583,
    12884901857,
    17179869143,
    25769803693,
    34359738337,
    51539607367,
    68719476731,
    103079215087,
    137438953447,
    206158430123,
    274877906899,
    412316860387,
    549755813881,
    824633720731,
    1099511627689,
    1649267441579,
    2199023255531,
    3298534883309,
    4398046511093,
    6597069766607,
    8796093022151,
    13194139533241,
    17592186044399,
    26388279066581,
    35184372088777,
    52776558133177,
    70368744177643,
    105553116266399,
    140737488355213,
    211106232532861,
    281474976710597,
    562949953421231,
    1125899906842597,
    2251799813685119,
    4503599627370449,
    9007199254740881,
    18014398509481951,
    36028797018963913,
    72057594037927931,
    144115188075855859,
    288230376151711717,
    576460752303423433,
    1152921504606846883,
    2305843009213693951,
    4611686018427387847,
    9223372036854775783,
    18446744073709551557,
    18446744073709551557,
];

/// libstdc++'s small bucket counts for hints below 14.
const STD_FAST_BUCKETS: [u8; 14] = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];

/// libstdc++'s `_Prime_rehash_policy` with the default maximum load factor 1.0.
struct StdRehashPolicy {
    next_resize: u64,
}

impl StdRehashPolicy {
    /// `_M_next_bkt`: the bucket count for at least `n` buckets.
    fn next_bkt(&mut self, n: u64) -> u64 {
        if n < STD_FAST_BUCKETS.len() as u64 {
            if n == 0 {
                return 1;
            }
            let b = u64::from(STD_FAST_BUCKETS[n as usize]);
            self.next_resize = b;
            return b;
        }
        // Search STD_PRIMES[6..last) so anything past it yields the last prime.
        let last = STD_PRIMES.len() - 2;
        let pos = 6 + STD_PRIMES[6..last].partition_point(|&p| p < n);
        self.next_resize = if pos == last {
            u64::MAX
        } else {
            STD_PRIMES[pos]
        };
        STD_PRIMES[pos]
    }

    /// `_M_need_rehash`: the new bucket count when inserting `n_ins` more elements needs one.
    fn need_rehash(&mut self, n_bkt: u64, n_elt: u64, n_ins: u64) -> Option<u64> {
        if n_elt + n_ins <= self.next_resize {
            return None;
        }
        let floor = if self.next_resize == 0 { 11 } else { 0 };
        let min_bkts = (n_elt + n_ins).max(floor);
        if min_bkts >= n_bkt {
            return Some(self.next_bkt((min_bkts + 1).max(n_bkt * 2)));
        }
        self.next_resize = n_bkt;
        None
    }
}

/// FNV-1a (64-bit) of `bytes`, as NumPy's `npy_fnv1a`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The iteration order of a libstdc++ `std::unordered_set` built (with bucket hint
/// `min(n, 1024)`, as NumPy) by inserting elements `0..n` with hashes `hash[i]`; equal
/// elements (by `eq`) after the first are skipped. Returns the kept element indices.
fn std_unordered_set_order(hash: &[u64], eq: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = hash.len();
    let head = n; // the list's before-begin node
    let mut next = vec![NONE; n + 1];
    let mut policy = StdRehashPolicy { next_resize: 0 };
    let mut nb = policy.next_bkt(n.min(1024) as u64).max(1);
    // buckets[b]: the node before bucket b's first node, or NONE.
    let mut buckets = vec![NONE; nb as usize];
    let bucket_of = |h: u64, nb: u64| (h % nb) as usize;
    let mut count = 0u64;
    for i in 0..n {
        let h = hash[i];
        let b = bucket_of(h, nb);
        let mut found = false;
        if buckets[b] != NONE {
            let mut p = next[buckets[b]];
            while p != NONE {
                if hash[p] == h && eq(p, i) {
                    found = true;
                    break;
                }
                p = next[p];
                if p != NONE && bucket_of(hash[p], nb) != b {
                    break;
                }
            }
        }
        if found {
            continue;
        }
        if let Some(new_nb) = policy.need_rehash(nb, count, 1) {
            let mut nbk = vec![NONE; new_nb as usize];
            let mut p = next[head];
            next[head] = NONE;
            let mut begin_bkt = 0usize;
            while p != NONE {
                let after = next[p];
                let bk = bucket_of(hash[p], new_nb);
                if nbk[bk] == NONE {
                    next[p] = next[head];
                    next[head] = p;
                    nbk[bk] = head;
                    if next[p] != NONE {
                        nbk[begin_bkt] = p;
                    }
                    begin_bkt = bk;
                } else {
                    next[p] = next[nbk[bk]];
                    next[nbk[bk]] = p;
                }
                p = after;
            }
            buckets = nbk;
            nb = new_nb;
        }
        let b = bucket_of(h, nb);
        if buckets[b] != NONE {
            next[i] = next[buckets[b]];
            next[buckets[b]] = i;
        } else {
            next[i] = next[head];
            next[head] = i;
            if next[i] != NONE {
                buckets[bucket_of(hash[next[i]], nb)] = i;
            }
            buckets[b] = head;
        }
        count += 1;
    }
    let mut order = Vec::with_capacity(count as usize);
    let mut p = next[head];
    while p != NONE {
        order.push(p);
        p = next[p];
    }
    order
}

/// Complex parts with -0.0 made +0.0 (NumPy hashes them so).
fn canon_zero<F: num_traits_like::Float>(x: F) -> F {
    if x == F::zero() {
        F::zero()
    } else {
        x
    }
}

/// The unique values of `a` (flattened) in NumPy 2.5's hash-set order, for the dtypes
/// NumPy hashes (integers and complex); `None` for the others (NumPy sorts those).
///
/// # Errors
/// `MemoryError`.
pub fn unique_hash_order(a: &NdArray, equal_nan: bool) -> Result<Option<NdArray>> {
    let kind = a.kind();
    let flat = a.ravel(Order::C)?;
    let n = flat.size();
    let item = flat.itemsize();
    let order = if kind.is_integer() {
        let bytes = flat.to_bytes(Order::C)?;
        let key = |i: usize| &bytes[i * item..(i + 1) * item];
        let hash: Vec<u64> = (0..n).map(|i| fnv1a(key(i))).collect();
        std_unordered_set_order(&hash, |p, q| key(p) == key(q))
    } else if kind == DTypeKind::Complex128 {
        let v = flat.to_vec::<numoxide_core::element::Complex128>();
        complex_order(
            &v,
            equal_nan,
            |z| (z.re, z.im),
            |re, im| {
                let mut b = [0u8; 16];
                b[..8].copy_from_slice(&canon_zero(re).to_ne_bytes());
                b[8..].copy_from_slice(&canon_zero(im).to_ne_bytes());
                fnv1a(&b)
            },
        )
    } else if kind == DTypeKind::Complex64 {
        let v = flat.to_vec::<numoxide_core::element::Complex64>();
        complex_order(
            &v,
            equal_nan,
            |z| (z.re, z.im),
            |re, im| {
                let mut b = [0u8; 8];
                b[..4].copy_from_slice(&canon_zero(re).to_ne_bytes());
                b[4..].copy_from_slice(&canon_zero(im).to_ne_bytes());
                fnv1a(&b)
            },
        )
    } else {
        return Ok(None);
    };
    let offsets: Vec<isize> = order.iter().map(|&i| (i * item) as isize).collect();
    Ok(Some(crate::indexing::gather_offsets(&flat, &offsets)?))
}

/// The hash-set order for complex values (NaN handling as NumPy's `hash_complex` and
/// `equal_complex`).
fn complex_order<Z: Copy, F: num_traits_like::Float>(
    v: &[Z],
    equal_nan: bool,
    parts: impl Fn(Z) -> (F, F),
    hash_parts: impl Fn(F, F) -> u64,
) -> Vec<usize> {
    let is_nan = |z: Z| {
        let (re, im) = parts(z);
        re.is_nan() || im.is_nan()
    };
    let hash: Vec<u64> = v
        .iter()
        .map(|&z| {
            if equal_nan && is_nan(z) {
                0
            } else {
                let (re, im) = parts(z);
                hash_parts(re, im)
            }
        })
        .collect();
    std_unordered_set_order(&hash, |p, q| {
        let (a, b) = (v[p], v[q]);
        match (is_nan(a), is_nan(b)) {
            (true, true) => equal_nan,
            (false, false) => {
                let ((ar, ai), (br, bi)) = (parts(a), parts(b));
                ar == br && ai == bi
            }
            _ => false,
        }
    })
}

/// The few float operations the complex hashing needs, for f32 and f64.
mod num_traits_like {
    /// A float type: zero, NaN test, native bytes.
    pub trait Float: Copy + PartialEq {
        /// 0.0
        fn zero() -> Self;
        /// Whether the value is NaN.
        fn is_nan(self) -> bool;
    }
    impl Float for f32 {
        fn zero() -> Self {
            0.0
        }
        fn is_nan(self) -> bool {
            f32::is_nan(self)
        }
    }
    impl Float for f64 {
        fn zero() -> Self {
            0.0
        }
        fn is_nan(self) -> bool {
            f64::is_nan(self)
        }
    }
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
