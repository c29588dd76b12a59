//! Iteration and stride tricks: `numoxide.nditer` (NumPy's multi-operand iterator for
//! its common uses) and the checked `as_strided` view behind
//! `numoxide.lib.stride_tricks`.
//!
//! The iterator follows NumPy's rules: operands broadcast together; with `order='K'` the
//! axes are sorted by the operands' strides (an axis moves inward only when every
//! operand with strides on both axes agrees) and axes that every operand walks backwards
//! are flipped; without `multi_index` adjacent axes that are contiguous together are
//! coalesced (which decides `external_loop` chunks and `.shape`). Elements are handed
//! out as 0-d views (1-D views for `external_loop`) so `x[...] = v` writes the operand.

use numoxide_core::cast::{can_cast, promote_types, Casting};
use numoxide_core::layout;
use numoxide_core::{DType, NdArray, Order};
use pyo3::exceptions::{PyIndexError, PyStopIteration, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySlice, PyTuple};
use smallvec::SmallVec;

/// A short list kept inline (one entry per operand or axis, rarely more than four).
type Sv<T> = SmallVec<[T; 4]>;

use crate::array::{assign_into, wrap, wrap_view, PyNdArray};
use crate::convert::to_array;
use crate::dtype::{dtype_from_py, dtype_object};
use crate::error::IntoPyResult;

// ----- as_strided -------------------------------------------------------------------------

/// `as_strided(x, shape, strides, writeable)`: a view of `x`'s memory with any layout
/// that stays inside it (used by `numoxide.lib.stride_tricks`).
#[pyfunction]
#[pyo3(signature = (x, shape=None, strides=None, writeable=true))]
pub fn _as_strided<'py>(
    py: Python<'py>,
    x: &Bound<'py, PyAny>,
    shape: Option<Vec<usize>>,
    strides: Option<Vec<isize>>,
    writeable: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let parent: Bound<'py, PyNdArray> = match x.cast::<PyNdArray>() {
        Ok(p) => p.clone(),
        Err(_) => wrap(py, to_array(x, None)?)?.into_bound(py),
    };
    let inner = parent.get().inner().clone();
    let shape = shape.unwrap_or_else(|| inner.shape().to_vec());
    let strides = match strides {
        Some(s) => s,
        None if inner.is_c_contiguous() => layout::c_strides(&shape, inner.itemsize()).to_vec(),
        None => inner.strides().to_vec(),
    };
    if shape.len() != strides.len() {
        return Err(PyValueError::new_err(
            "mismatch in length of strides and shape",
        ));
    }
    let mut v = inner.as_strided(&shape, &strides).py()?;
    if !writeable {
        v.set_writeable(false);
    }
    Ok(wrap_view(py, &parent, v)?.into_bound(py).into_any())
}

// ----- nditer -----------------------------------------------------------------------------

/// One axis of the iteration, innermost first after ordering: its length, each operand's
/// byte stride (index strides last), the original axis and whether it runs backwards.
#[derive(Clone, Debug)]
struct Axis {
    len: usize,
    /// Inline for up to four operands (and the index): building and sorting the axes
    /// then allocates nothing.
    strides: SmallVec<[isize; 4]>,
    orig: usize,
    flipped: bool,
}

/// A copied (buffered) chunk to write back into operand `op` when the iterator moves on.
struct Pending {
    op: usize,
    copy: NdArray,
    segments: Vec<(NdArray, usize)>,
}

/// Efficient multi-dimensional iterator object to iterate over arrays.
#[pyclass(name = "nditer", module = "numoxide")]
pub struct PyNditer {
    /// The arrays iterated (a cast copy for operands whose dtype was changed).
    arrays: Sv<NdArray>,
    /// Python objects viewed by the yielded elements (parents of the views).
    parents: Sv<Py<PyNdArray>>,
    /// `.operands`.
    operands: Sv<Py<PyAny>>,
    /// For cast copies of writable operands: the operand to write back into.
    writeback: Sv<Option<NdArray>>,
    writable: Sv<bool>,
    shape: Sv<usize>,
    axes: Sv<Axis>,
    /// Byte offset of each operand's element at the iteration start (then the index).
    start: Sv<isize>,
    nop: usize,
    has_multi_index: bool,
    index_kind: Option<char>,
    external_loop: bool,
    buffered: bool,
    buffersize: usize,
    pos: Sv<usize>,
    offsets: Sv<isize>,
    iterindex: usize,
    itersize: usize,
    /// `iterrange`: the part of `0..itersize` iterated (all of it unless `ranged`).
    range: (usize, usize),
    ranged: bool,
    chunk: usize,
    started: bool,
    finished: bool,
    closed: bool,
    pending: Vec<Pending>,
}

/// Flag names, as the table's own strings (no allocation for the usual few flags).
type Flags = SmallVec<[&'static str; 4]>;

/// Read a flag or a sequence of flags, each one of `table` (else `unknown(name)`).
fn flag_strings(
    obj: Option<&Bound<'_, PyAny>>,
    table: &'static [&'static str],
    unknown: fn(&str) -> PyErr,
) -> PyResult<Flags> {
    let mut out = Flags::new();
    let mut add = |x: &Bound<'_, PyAny>| -> PyResult<()> {
        let s = x.cast::<pyo3::types::PyString>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "'{}' object cannot be converted to 'PyString'",
                x.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        let name = s.to_str()?;
        match table.iter().find(|t| **t == name) {
            Some(t) => out.push(t),
            None => return Err(unknown(name)),
        }
        Ok(())
    };
    match obj {
        None => {}
        Some(o) if o.is_none() => {}
        // A type test, not a failed extraction: building the refused conversion's
        // exception costs more than the rest of a small iterator's setup.
        Some(o) if o.is_instance_of::<pyo3::types::PyString>() => add(o)?,
        Some(o) => {
            for x in o.try_iter()? {
                add(&x?)?;
            }
        }
    }
    Ok(out)
}

fn unknown_global(f: &str) -> PyErr {
    PyValueError::new_err(format!("Unexpected iterator global flag \"{f}\""))
}

fn unknown_op(f: &str) -> PyErr {
    PyValueError::new_err(format!("Unexpected per-op iterator flag \"{f}\""))
}

const GLOBAL_FLAGS: &[&str] = &[
    "buffered",
    "c_index",
    "f_index",
    "multi_index",
    "external_loop",
    "refs_ok",
    "zerosize_ok",
    "reduce_ok",
    "ranged",
    "grow_inner",
    "delay_bufalloc",
    "ranged",
    "common_dtype",
    "copy_if_overlap",
];

const OP_FLAGS: &[&str] = &[
    "readonly",
    "readwrite",
    "writeonly",
    "copy",
    "updateifcopy",
    "allocate",
    "no_subtype",
    "no_broadcast",
    "contig",
    "aligned",
    "nbo",
    "arraymask",
    "writemasked",
    "overlap_assume_elementwise",
    "virtual",
];

/// Parse `op_flags`: one list for every operand, or one list per operand.
fn parse_op_flags(
    obj: Option<&Bound<'_, PyAny>>,
    nop: usize,
    none_ops: &[bool],
) -> PyResult<Vec<Flags>> {
    let default = |i: usize| -> Flags {
        if none_ops[i] {
            smallvec::smallvec!["allocate", "writeonly"]
        } else {
            smallvec::smallvec!["readonly"]
        }
    };
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok((0..nop).map(default).collect());
    };
    let items: Vec<Bound<'_, PyAny>> = o.try_iter()?.collect::<PyResult<_>>()?;
    let per_op = items
        .first()
        .is_some_and(|f| !f.is_instance_of::<pyo3::types::PyString>());
    let lists: Vec<Flags> = if per_op {
        if items.len() != nop {
            return Err(PyValueError::new_err(
                "op_flags must be a tuple/list matching the number of ops",
            ));
        }
        items
            .iter()
            .map(|i| flag_strings(Some(i), OP_FLAGS, unknown_op))
            .collect::<PyResult<_>>()?
    } else {
        let one = flag_strings(Some(o), OP_FLAGS, unknown_op)?;
        vec![one; nop]
    };
    for l in &lists {
        if !l
            .iter()
            .any(|f| matches!(*f, "readonly" | "readwrite" | "writeonly"))
        {
            return Err(PyValueError::new_err(
                "None of the iterator flags READWRITE, READONLY, or WRITEONLY were specified for an operand",
            ));
        }
    }
    Ok(lists)
}

/// Parse `op_axes`: per operand None or a list of operand axes (-1/None: broadcast).
fn parse_op_axes(
    obj: Option<&Bound<'_, PyAny>>,
    nop: usize,
) -> PyResult<Vec<Option<Vec<Option<usize>>>>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(vec![None; nop]);
    };
    let items: Vec<Bound<'_, PyAny>> = o.try_iter()?.collect::<PyResult<_>>()?;
    let bad_len =
        || PyValueError::new_err("op_axes must be a tuple/list matching the number of ops");
    if items.len() != nop {
        return Err(bad_len());
    }
    let mut out = Vec::with_capacity(nop);
    let mut ndim: Option<usize> = None;
    for it in &items {
        if it.is_none() {
            out.push(None);
            continue;
        }
        if !(it.is_instance_of::<PyTuple>() || it.is_instance_of::<PyList>()) {
            return Err(bad_len());
        }
        let mut axes = Vec::new();
        for x in it.try_iter()? {
            let x = x?;
            if x.is_none() {
                axes.push(None);
                continue;
            }
            let v: isize = x.extract()?;
            axes.push(match v {
                -1 => None,
                v if v < 0 => {
                    return Err(PyValueError::new_err(format!(
                        "The 'op_axes' provided to the iterator constructor contained invalid value {v}"
                    )))
                }
                v => Some(v as usize),
            });
        }
        if ndim.is_some_and(|n| n != axes.len()) {
            return Err(PyValueError::new_err(
                "Each entry of op_axes must have the same size",
            ));
        }
        ndim = Some(axes.len());
        out.push(Some(axes));
    }
    Ok(out)
}

/// Parse `itershape` (-1: take the length from the operands).
fn parse_itershape(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<Option<usize>>>> {
    let Some(o) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let vals: Vec<isize> = o.extract()?;
    Ok(Some(
        vals.into_iter().map(|v| usize::try_from(v).ok()).collect(),
    ))
}

/// NumPy's error for operands that do not broadcast to the (re)mapped shape.
fn broadcast_error(arrays: &[Option<NdArray>], itershape: &Option<Vec<Option<usize>>>) -> PyErr {
    let shapes: Vec<String> = arrays
        .iter()
        .flatten()
        .map(|a| layout::shape_text(a.shape()).replace(' ', ""))
        .collect();
    let mut msg = format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {} ",
        shapes.join(" ")
    );
    if let Some(s) = itershape {
        let t: Vec<String> = s
            .iter()
            .map(|x| x.map_or_else(|| "newaxis".to_string(), |v| v.to_string()))
            .collect();
        msg.push_str(&format!(" and requested shape ({})", t.join(",")));
    }
    PyValueError::new_err(msg)
}

/// NumPy's axis ordering for `order='K'`: an insertion sort (innermost first) in which
/// an axis moves inward past another only when every operand with non-zero strides on
/// both says its stride is larger.
fn sort_axes(axes: &mut [Axis], nop: usize) {
    let perm = layout::k_order(axes.len(), nop, |i, k| axes[i].strides[k]);
    let sorted: Vec<Axis> = perm.iter().map(|&i| axes[i].clone()).collect();
    axes.clone_from_slice(&sorted);
}

/// Merge adjacent axes (innermost first) that every operand (and the index) walks with
/// one uniform stride; length-1 axes merge into their neighbours (one axis remains).
fn coalesce(axes: Sv<Axis>) -> Sv<Axis> {
    let keep = axes.first().cloned();
    let mut out: Sv<Axis> = Sv::with_capacity(axes.len());
    for ax in axes.into_iter().filter(|a| a.len != 1) {
        if let Some(last) = out.last_mut() {
            let fits = last
                .strides
                .iter()
                .zip(&ax.strides)
                .all(|(&si, &so)| so == si * last.len as isize);
            if fits {
                last.len *= ax.len;
                continue;
            }
        }
        out.push(ax);
    }
    if out.is_empty() {
        out.extend(keep);
    }
    out
}

/// `a` cast to `dtype` in a copy laid out as `a` is, down to the axes it walks
/// backwards (so that `order='K'` flips the same axes for the copy as for `a`).
fn cast_keeping_layout(a: &NdArray, dtype: &DType) -> PyResult<NdArray> {
    let flip: Vec<numoxide_core::IndexItem> = a
        .strides()
        .iter()
        .map(|&s| {
            let step = if s < 0 { Some(-1) } else { None };
            numoxide_core::IndexItem::Slice(None, None, step)
        })
        .collect();
    if !a.strides().iter().any(|&s| s < 0) {
        return a.astype(dtype.clone(), Order::K).py();
    }
    let forward = a.index(&flip).py()?;
    let c = forward.astype(dtype.clone(), Order::K).py()?;
    c.index(&flip).py()
}

/// Whether a yielded view can never be part of a reference cycle: a plain ndarray (no
/// `__dict__`) whose base is a plain ndarray owning its data (which refers to no other
/// object). Such views need not be tracked by the cycle collector; NumPy's arrays are
/// never tracked, and tracking thousands of element views made every young collection
/// walk them all.
fn acyclic_view(obj: &Bound<'_, PyNdArray>) -> bool {
    if !obj.is_exact_instance_of::<PyNdArray>() {
        return false;
    }
    let Some(base) = &obj.get().base else {
        return false;
    };
    let base = base.bind(obj.py());
    base.is_exact_instance_of::<PyNdArray>()
        && base
            .cast::<PyNdArray>()
            .is_ok_and(|b| b.get().base.is_none())
}

impl PyNditer {
    fn check_open(&self) -> PyResult<()> {
        if self.closed {
            Err(PyValueError::new_err("Iterator is invalid"))
        } else {
            Ok(())
        }
    }

    fn check_valid(&self) -> PyResult<()> {
        self.check_open()?;
        if self.finished {
            Err(PyValueError::new_err("Iterator is past the end"))
        } else {
            Ok(())
        }
    }

    /// Length of the chunk handed out at the current position.
    fn chunk_len(&self) -> usize {
        if !self.external_loop {
            return 1;
        }
        let inner = self.axes.first().map_or(1, |a| a.len);
        let at_inner = self.pos.first().copied().unwrap_or(0);
        if !self.buffered {
            return inner;
        }
        let remaining = self.range.1.saturating_sub(self.iterindex);
        let buf = self.buffersize.max(1);
        if at_inner == 0 && inner <= buf {
            // Whole rows that fit in the buffer.
            let rows = (buf / inner).max(1);
            (inner * rows).min(remaining)
        } else {
            (inner - at_inner).min(buf).min(remaining)
        }
    }

    fn recompute_offsets(&mut self) {
        for k in 0..self.offsets.len() {
            let mut off = self.start[k];
            for (ax, &p) in self.axes.iter().zip(&self.pos) {
                off += ax.strides[k] * p as isize;
            }
            self.offsets[k] = off;
        }
    }

    /// Move to flat position `target` (in iteration order).
    fn seek(&mut self, target: usize) {
        self.iterindex = target;
        if target >= self.range.1 {
            self.finished = true;
            return;
        }
        self.finished = false;
        let mut rest = target;
        for (p, ax) in self.pos.iter_mut().zip(&self.axes) {
            *p = rest % ax.len;
            rest /= ax.len;
        }
        self.recompute_offsets();
        self.chunk = self.chunk_len();
    }

    fn flush(&mut self) -> PyResult<()> {
        for p in std::mem::take(&mut self.pending) {
            if !self.writable[p.op] {
                continue;
            }
            let mut at = 0isize;
            for (seg, len) in &p.segments {
                let part = p
                    .copy
                    .index(&[numoxide_core::IndexItem::Slice(
                        Some(at),
                        Some(at + *len as isize),
                        None,
                    )])
                    .py()?;
                seg.assign(&part).py()?;
                at += *len as isize;
            }
        }
        Ok(())
    }

    fn write_back(&mut self) -> PyResult<()> {
        self.flush()?;
        for (k, wb) in self.writeback.iter().enumerate() {
            if let Some(dst) = wb {
                dst.assign(&self.arrays[k]).py()?;
            }
        }
        Ok(())
    }

    fn advance(&mut self) -> PyResult<bool> {
        self.flush()?;
        if self.finished {
            return Ok(false);
        }
        let next = self.iterindex + self.chunk;
        if self.chunk == 1 && next < self.range.1 {
            // One element on: an odometer step over the axes (innermost first).
            self.iterindex = next;
            for (d, ax) in self.axes.iter().enumerate() {
                self.pos[d] += 1;
                if self.pos[d] < ax.len {
                    for (o, &st) in self.offsets.iter_mut().zip(&ax.strides) {
                        *o += st;
                    }
                    break;
                }
                self.pos[d] = 0;
                let back = ax.len as isize - 1;
                for (o, &st) in self.offsets.iter_mut().zip(&ax.strides) {
                    *o -= st * back;
                }
            }
            self.chunk = self.chunk_len();
            return Ok(true);
        }
        self.seek(next);
        if self.finished {
            self.write_back()?;
        }
        Ok(!self.finished)
    }

    /// The element (or chunk) of operand `k` at the current position.
    fn operand_value<'py>(&mut self, py: Python<'py>, k: usize) -> PyResult<Bound<'py, PyAny>> {
        let arr = &self.arrays[k];
        let dtype = arr.dtype().clone();
        let mut view = if !self.external_loop {
            arr.view_with(self.offsets[k] as usize, &[], &[], dtype)
                .py()?
        } else {
            let inner_st = self.axes.first().map_or(0, |a| a.strides[k]);
            let inner = self.axes.first().map_or(1, |a| a.len);
            let at_inner = self.pos.first().copied().unwrap_or(0);
            if at_inner + self.chunk <= inner {
                arr.view_with(self.offsets[k] as usize, &[self.chunk], &[inner_st], dtype)
                    .py()?
            } else {
                // A buffered chunk across rows: gather a copy, written back on advance.
                let copy = NdArray::empty(&[self.chunk], dtype.clone(), Order::C).py()?;
                let mut segments = Vec::new();
                let mut done = 0usize;
                let saved = (self.pos.clone(), self.offsets.clone(), self.iterindex);
                while done < self.chunk {
                    let at = self.pos.first().copied().unwrap_or(0);
                    let len = (inner - at).min(self.chunk - done);
                    let seg = self.arrays[k]
                        .view_with(self.offsets[k] as usize, &[len], &[inner_st], dtype.clone())
                        .py()?;
                    copy.index(&[numoxide_core::IndexItem::Slice(
                        Some(done as isize),
                        Some((done + len) as isize),
                        None,
                    )])
                    .py()?
                    .assign(&seg)
                    .py()?;
                    segments.push((seg, len));
                    done += len;
                    let next = self.iterindex + len;
                    if next < self.itersize {
                        let mut rest = next;
                        for (p, ax) in self.pos.iter_mut().zip(&self.axes) {
                            *p = rest % ax.len;
                            rest /= ax.len;
                        }
                        self.iterindex = next;
                        self.recompute_offsets();
                    }
                }
                (self.pos, self.offsets, self.iterindex) = saved;
                self.pending.push(Pending {
                    op: k,
                    copy: copy.clone(),
                    segments,
                });
                copy
            }
        };
        if !self.writable[k] {
            view.set_writeable(false);
        }
        let parent = self.parents[k].bind(py);
        let obj = wrap_view(py, parent, view)?.into_bound(py);
        if acyclic_view(&obj) {
            // SAFETY: `obj` is a live object of a GC type (pyo3 allocated it with the
            // type's `tp_alloc`); untracking only takes it off the collector's lists,
            // and its deallocation untracks again harmlessly.
            unsafe { pyo3::ffi::PyObject_GC_UnTrack(obj.as_ptr().cast()) };
        }
        Ok(obj.into_any())
    }

    fn current_value<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.check_valid()?;
        self.pending.clear();
        if self.nop == 1 {
            return self.operand_value(py, 0);
        }
        let vals: Vec<Bound<'py, PyAny>> = (0..self.nop)
            .map(|k| self.operand_value(py, k))
            .collect::<PyResult<_>>()?;
        Ok(PyTuple::new(py, vals)?.into_any())
    }
}

#[pymethods]
impl PyNditer {
    #[new]
    #[pyo3(signature = (op, flags=None, op_flags=None, op_dtypes=None, order="K", casting="safe", op_axes=None, itershape=None, buffersize=0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        op: &Bound<'_, PyAny>,
        flags: Option<&Bound<'_, PyAny>>,
        op_flags: Option<&Bound<'_, PyAny>>,
        op_dtypes: Option<&Bound<'_, PyAny>>,
        order: &str,
        casting: &str,
        op_axes: Option<&Bound<'_, PyAny>>,
        itershape: Option<&Bound<'_, PyAny>>,
        buffersize: isize,
    ) -> PyResult<Self> {
        // Operands: one array-like, or a tuple/list of them (None = allocate).
        let items: Sv<Bound<'_, PyAny>> =
            if op.is_instance_of::<PyTuple>() || op.is_instance_of::<PyList>() {
                op.try_iter()?.collect::<PyResult<_>>()?
            } else {
                smallvec::smallvec![op.clone()]
            };
        let nop = items.len();
        if nop == 0 {
            return Err(PyValueError::new_err("Must provide at least one operand"));
        }
        let none_ops: Sv<bool> = items.iter().map(|i| i.is_none()).collect();
        let gflags = flag_strings(flags, GLOBAL_FLAGS, unknown_global)?;
        let has = |name: &str| gflags.contains(&name);
        let opf = parse_op_flags(op_flags, nop, &none_ops)?;
        let casting = Casting::parse(casting).py()?;
        let order = Order::parse(Some(order)).py()?;
        // Requested dtypes.
        let mut want: Sv<Option<DType>> = smallvec::smallvec![None; nop];
        if let Some(d) = op_dtypes.filter(|d| !d.is_none()) {
            let listed = d.is_instance_of::<PyTuple>() || d.is_instance_of::<PyList>();
            if listed {
                let ds: Vec<Bound<'_, PyAny>> = d.try_iter()?.collect::<PyResult<_>>()?;
                if ds.len() != nop {
                    return Err(PyValueError::new_err(
                        "op_dtypes must be a tuple/list matching the number of ops",
                    ));
                }
                for (w, x) in want.iter_mut().zip(&ds) {
                    if !x.is_none() {
                        *w = Some(dtype_from_py(x)?);
                    }
                }
            } else {
                want = smallvec::smallvec![Some(dtype_from_py(d)?); nop];
            }
        }
        // Arrays and their Python objects.
        let mut arrays: Sv<Option<NdArray>> = Sv::with_capacity(nop);
        let mut objs: Sv<Option<Py<PyNdArray>>> = Sv::with_capacity(nop);
        for it in &items {
            if it.is_none() {
                arrays.push(None);
                objs.push(None);
            } else if let Ok(p) = it.cast::<PyNdArray>() {
                arrays.push(Some(p.get().inner().clone()));
                objs.push(Some(p.clone().unbind()));
            } else {
                let a = to_array(it, None)?;
                objs.push(Some(wrap(py, a.clone())?));
                arrays.push(Some(a));
            }
        }
        let present: Sv<NdArray> = arrays.iter().flatten().cloned().collect();
        if present.is_empty() {
            return Err(PyTypeError::new_err(
                "no arrays or types available to calculate result type",
            ));
        }
        if has("common_dtype") {
            let common = present
                .iter()
                .map(|a| a.dtype().clone())
                .reduce(|x, y| promote_types(&x, &y));
            for w in want.iter_mut() {
                if w.is_none() {
                    *w = common.clone();
                }
            }
        }
        // Iteration axes: `op_axes` maps each to an operand axis (or none: broadcast);
        // without it operands are right-aligned. `itershape` fixes lengths (-1: free).
        let op_axes = parse_op_axes(op_axes, nop)?;
        let itershape = parse_itershape(itershape)?;
        let remapped = op_axes.iter().any(Option::is_some) || itershape.is_some();
        let oa_ndim = op_axes.iter().flatten().map(Vec::len).next();
        let nd = match (oa_ndim, &itershape) {
            (Some(n), Some(s)) if s.len() != n => {
                return Err(PyValueError::new_err(
                    "'op_axes' and 'itershape' must have the same number of entries equal to the iterator ndim",
                ))
            }
            (Some(n), _) => n,
            (None, Some(s)) => s.len(),
            (None, None) => present.iter().map(|a| a.ndim()).max().unwrap_or(0),
        };
        let mut maps: Sv<Sv<Option<usize>>> = Sv::with_capacity(nop);
        for k in 0..nop {
            let ndim_k = arrays[k].as_ref().map(|a| a.ndim());
            let m = match (&op_axes[k], ndim_k) {
                (Some(v), Some(ndk)) => {
                    let mut seen = vec![false; ndk];
                    for (d, ax) in v.iter().enumerate() {
                        if let Some(ax) = *ax {
                            if ax >= ndk {
                                return Err(PyValueError::new_err(format!(
                                    "Iterator input op_axes[{k}][{d}] (=={ax}) is not a valid axis of op[{k}], which has {ndk} dimensions "
                                )));
                            }
                            if seen[ax] {
                                return Err(PyValueError::new_err(format!(
                                    "The 'op_axes' provided to the iterator constructor for operand {k} contained duplicate value {ax}"
                                )));
                            }
                            seen[ax] = true;
                        }
                    }
                    v.iter().copied().collect()
                }
                (Some(v), None) => v.iter().copied().collect(),
                (None, Some(ndk)) if ndk > nd => {
                    return Err(broadcast_error(&arrays, &itershape));
                }
                (None, Some(ndk)) => (0..nd).map(|d| (d + ndk).checked_sub(nd)).collect(),
                (None, None) => (0..nd).map(Some).collect(),
            };
            maps.push(m);
        }
        let mut shape: Sv<usize> = smallvec::smallvec![1usize; nd];
        let mut fixed: Sv<bool> = smallvec::smallvec![false; nd];
        if let Some(s) = &itershape {
            for (d, len) in s.iter().enumerate() {
                if let Some(len) = *len {
                    shape[d] = len;
                    fixed[d] = true;
                }
            }
        }
        for k in 0..nop {
            let Some(a) = &arrays[k] else { continue };
            for d in 0..nd {
                let Some(ax) = maps[k][d] else { continue };
                let len = a.shape()[ax];
                if len == 1 {
                    continue;
                }
                if shape[d] == 1 && !fixed[d] {
                    shape[d] = len;
                    fixed[d] = true;
                } else if shape[d] != len {
                    return Err(if remapped {
                        broadcast_error(&arrays, &itershape)
                    } else {
                        let shapes: Vec<String> = present
                            .iter()
                            .map(|a| layout::shape_text(a.shape()))
                            .collect();
                        PyValueError::new_err(format!(
                            "operands could not be broadcast together with shapes {} ",
                            shapes.join(" ")
                        ))
                    });
                }
            }
        }
        let writable: Sv<bool> = opf
            .iter()
            .map(|l| l.iter().any(|f| matches!(*f, "readwrite" | "writeonly")))
            .collect();
        let reduce_ok = has("reduce_ok");
        // Writable operands may not be broadcast (unless reducing); read-only arrays may
        // not be written.
        for k in 0..nop {
            let alloc = opf[k].contains(&"allocate");
            if arrays[k].is_none() && !alloc {
                return Err(PyValueError::new_err(
                    "Iterator operand was NULL, but automatic allocation as an output wasn't requested",
                ));
            }
            if !writable[k] {
                continue;
            }
            if let Some(a) = &arrays[k] {
                if !a.is_writeable() {
                    return Err(PyValueError::new_err(
                        "operand array with iterator write flag set is read-only",
                    ));
                }
            }
            for d in 0..nd {
                let len = match (maps[k][d], &arrays[k]) {
                    (Some(ax), Some(a)) => a.shape()[ax],
                    (Some(_), None) => shape[d],
                    (None, _) => 1,
                };
                if len == shape[d] {
                    continue;
                }
                if !reduce_ok {
                    let dim = if maps[k][d].is_none() && op_axes[k].is_some() {
                        -1
                    } else {
                        d as isize
                    };
                    return Err(PyValueError::new_err(format!(
                        "output operand requires a reduction along dimension {dim}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
                    )));
                }
                if opf[k].contains(&"writeonly") {
                    return Err(PyValueError::new_err(
                        "output operand requires a reduction, but is flagged as write-only, not read-write",
                    ));
                }
            }
        }
        if shape.contains(&0) && !has("zerosize_ok") {
            return Err(PyValueError::new_err(
                "Iteration of zero-sized operands is not enabled",
            ));
        }
        // Casts: copies (written back for writable operands).
        let buffered = has("buffered");
        let mut writeback: Sv<Option<NdArray>> = smallvec::smallvec![None; nop];
        for k in 0..nop {
            let (Some(a), Some(w)) = (&arrays[k], &want[k]) else {
                continue;
            };
            if a.dtype() == w {
                continue;
            }
            let copy_ok = buffered || opf[k].iter().any(|f| matches!(*f, "copy" | "updateifcopy"));
            if !copy_ok {
                return Err(PyTypeError::new_err(
                    "Iterator operand required copying or buffering, but neither copying nor buffering was enabled",
                ));
            }
            let reads = !opf[k].contains(&"writeonly");
            if reads && !can_cast(a.dtype(), w, casting) {
                return Err(PyTypeError::new_err(format!(
                    "Iterator operand {k} dtype could not be cast from dtype('{}') to dtype('{}') according to the rule '{}'",
                    a.dtype().name(),
                    w.name(),
                    casting.name()
                )));
            }
            if writable[k] && !can_cast(w, a.dtype(), casting) {
                return Err(PyTypeError::new_err(format!(
                    "Iterator requested dtype could not be cast from dtype('{}') to dtype('{}'), the operand {k} dtype, according to the rule '{}'",
                    w.name(),
                    a.dtype().name(),
                    casting.name()
                )));
            }
            let c = cast_keeping_layout(a, w)?;
            if writable[k] {
                writeback[k] = Some(a.clone());
            }
            arrays[k] = Some(c);
        }
        // Strides over the broadcast shape (0 on length-1 iteration axes).
        let op_strides: Sv<Option<Sv<isize>>> = arrays
            .iter()
            .zip(&maps)
            .map(|(a, m)| {
                a.as_ref().map(|a| {
                    m.iter()
                        .map(|ax| match ax {
                            Some(ax) if a.shape()[*ax] != 1 => a.strides()[*ax],
                            _ => 0,
                        })
                        .collect()
                })
            })
            .collect();
        let mut axes: Sv<Axis> = (0..nd)
            .rev()
            .map(|d| Axis {
                len: shape[d],
                strides: op_strides
                    .iter()
                    .map(|s| match s {
                        Some(s) if shape[d] != 1 => s[d],
                        _ => 0,
                    })
                    .collect(),
                orig: d,
                flipped: false,
            })
            .collect();
        let order = match order {
            Order::A => {
                if present.iter().all(|a| a.is_f_contiguous()) {
                    Order::F
                } else {
                    Order::C
                }
            }
            o => o,
        };
        match order {
            Order::F => axes.reverse(),
            Order::K => {
                sort_axes(&mut axes, nop);
                for ax in axes.iter_mut() {
                    let any_neg = ax.strides.iter().any(|&s| s < 0);
                    let any_pos = ax.strides.iter().any(|&s| s > 0);
                    if any_neg && !any_pos {
                        ax.flipped = true;
                    }
                }
            }
            _ => {}
        }
        // Allocate outputs following the iteration order.
        let alloc_dtype = present
            .iter()
            .map(|a| a.dtype().clone())
            .reduce(|x, y| promote_types(&x, &y))
            .unwrap_or(DType::FLOAT64);
        let mut operands: Sv<Py<PyAny>> = Sv::with_capacity(nop);
        let mut parents: Sv<Py<PyNdArray>> = Sv::with_capacity(nop);
        let mut final_arrays: Sv<NdArray> = Sv::with_capacity(nop);
        for k in 0..nop {
            match (&arrays[k], &objs[k]) {
                (Some(a), Some(obj)) => {
                    operands.push(obj.clone_ref(py).into_any());
                    if writeback[k].is_some() || want[k].as_ref().is_some_and(|w| w != a.dtype()) {
                        parents.push(wrap(py, a.clone())?);
                    } else {
                        parents.push(obj.clone_ref(py));
                    }
                    final_arrays.push(a.clone());
                }
                _ if op_axes[k].is_some() => {
                    // An allocated operand with its own axes: the iteration lengths of
                    // the axes it maps, C-ordered; broadcast (reduced) elsewhere.
                    let dt = want[k].clone().unwrap_or_else(|| alloc_dtype.clone());
                    let m = &maps[k];
                    let op_nd = m.iter().flatten().count();
                    let mut oshape = vec![1usize; op_nd];
                    for (d, ax) in m.iter().enumerate() {
                        if let Some(ax) = *ax {
                            if ax >= op_nd {
                                return Err(PyValueError::new_err(format!(
                                    "Iterator input op_axes[{k}][{d}] (=={ax}) is not a valid axis of op[{k}], which has {op_nd} dimensions "
                                )));
                            }
                            oshape[ax] = shape[d];
                        }
                    }
                    let a = NdArray::zeros(&oshape, dt, Order::C).py()?;
                    for ax in axes.iter_mut() {
                        ax.strides[k] = match m[ax.orig] {
                            Some(oa) if ax.len != 1 => a.strides()[oa],
                            _ => 0,
                        };
                    }
                    let obj = wrap(py, a.clone())?;
                    operands.push(obj.clone_ref(py).into_any());
                    parents.push(obj);
                    final_arrays.push(a);
                }
                _ => {
                    let dt = want[k].clone().unwrap_or_else(|| alloc_dtype.clone());
                    // Outermost-first shape in iteration order, then permuted back.
                    let perm: Vec<usize> = axes.iter().rev().map(|a| a.orig).collect();
                    let pshape: Vec<usize> = perm.iter().map(|&d| shape[d]).collect();
                    let base = NdArray::zeros(&pshape, dt, Order::C).py()?;
                    let mut inv = vec![0isize; nd];
                    for (i, &d) in perm.iter().enumerate() {
                        inv[d] = i as isize;
                    }
                    let a = base.transpose(Some(&inv)).py()?;
                    let strides = a.strides().to_vec();
                    for ax in axes.iter_mut() {
                        ax.strides[k] = if ax.len == 1 { 0 } else { strides[ax.orig] };
                    }
                    let obj = wrap(py, a.clone())?;
                    operands.push(obj.clone_ref(py).into_any());
                    parents.push(obj);
                    final_arrays.push(a);
                }
            }
        }
        // Index pseudo-operand: element strides of the C or F order of the shape.
        let index_kind = if has("c_index") {
            Some('C')
        } else if has("f_index") {
            Some('F')
        } else {
            None
        };
        if let Some(kind) = index_kind {
            let st = if kind == 'C' {
                layout::c_strides(&shape, 1)
            } else {
                layout::f_strides(&shape, 1)
            };
            for ax in axes.iter_mut() {
                ax.strides.push(if ax.len == 1 { 0 } else { st[ax.orig] });
            }
        }
        // Start offsets, flipping backward axes.
        let nslots = nop + usize::from(index_kind.is_some());
        let mut start: Sv<isize> = final_arrays.iter().map(|a| a.offset() as isize).collect();
        if index_kind.is_some() {
            start.push(0);
        }
        for ax in axes.iter_mut() {
            if ax.flipped {
                for k in 0..nslots {
                    start[k] += ax.strides[k] * (ax.len as isize - 1);
                    ax.strides[k] = -ax.strides[k];
                }
            }
        }
        let has_multi_index = has("multi_index");
        if has("external_loop") && (has_multi_index || index_kind.is_some()) {
            return Err(PyValueError::new_err(
                "Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked",
            ));
        }
        if !has_multi_index {
            axes = coalesce(axes);
        }
        let itersize = shape.iter().product::<usize>();
        let mut it = PyNditer {
            arrays: final_arrays,
            parents,
            operands,
            writeback,
            writable,
            shape,
            pos: smallvec::smallvec![0; axes.len()],
            axes,
            offsets: start.clone(),
            start,
            nop,
            has_multi_index,
            index_kind,
            external_loop: has("external_loop"),
            buffered,
            buffersize: if buffersize <= 0 {
                8192
            } else {
                buffersize as usize
            },
            iterindex: 0,
            itersize,
            range: (0, itersize),
            ranged: has("ranged"),
            chunk: 1,
            started: false,
            finished: false,
            closed: false,
            pending: Vec::new(),
        };
        it.seek(0);
        Ok(it)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.check_open()?;
        if self.finished {
            return Err(PyStopIteration::new_err(()));
        }
        if self.started && !self.advance()? {
            return Err(PyStopIteration::new_err(()));
        }
        self.started = true;
        self.current_value(py)
    }

    /// Advance to the next element; False when the iteration is over.
    fn iternext(&mut self) -> PyResult<bool> {
        self.check_open()?;
        self.started = true;
        self.advance()
    }

    /// Go back to the first element.
    fn reset(&mut self) -> PyResult<()> {
        self.check_open()?;
        self.flush()?;
        self.finished = false;
        self.started = false;
        self.seek(self.range.0);
        Ok(())
    }

    /// Write back buffered/copied operands and invalidate the iterator.
    fn close(&mut self) -> PyResult<()> {
        if self.closed {
            return Ok(());
        }
        if !self.finished {
            self.write_back()?;
        } else {
            self.flush()?;
        }
        self.closed = true;
        Ok(())
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyResult<PyRef<'_, Self>> {
        slf.check_open()?;
        Ok(slf)
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&mut self, _args: &Bound<'_, PyTuple>) -> PyResult<bool> {
        self.close()?;
        Ok(false)
    }

    fn __len__(&self) -> usize {
        self.nop
    }

    fn __getitem__<'py>(
        &mut self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.check_valid()?;
        if let Ok(s) = key.cast::<PySlice>() {
            let ind = s.indices(self.nop as isize)?;
            let mut vals = Vec::new();
            let mut i = ind.start;
            while (ind.step > 0 && i < ind.stop) || (ind.step < 0 && i > ind.stop) {
                vals.push(self.operand_value(py, i as usize)?);
                i += ind.step;
            }
            return Ok(PyTuple::new(py, vals)?.into_any());
        }
        let i: isize = key.extract()?;
        let k = if i < 0 { i + self.nop as isize } else { i };
        if k < 0 || k >= self.nop as isize {
            return Err(PyIndexError::new_err(format!(
                "Iterator operand index {i} is out of bounds"
            )));
        }
        self.operand_value(py, k as usize)
    }

    fn __setitem__(&mut self, key: isize, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.check_valid()?;
        let k = if key < 0 {
            key + self.nop as isize
        } else {
            key
        };
        if k < 0 || k >= self.nop as isize {
            return Err(PyIndexError::new_err(format!(
                "Iterator operand index {key} is out of bounds"
            )));
        }
        let k = k as usize;
        if !self.writable[k] {
            return Err(PyValueError::new_err(format!(
                "Iterator operand {k} is not writeable"
            )));
        }
        let py = value.py();
        let v = self.operand_value(py, k)?;
        let arr = v.cast::<PyNdArray>()?.get().inner().clone();
        assign_into(&arr, value)
    }

    /// The current element(s): a 0-d view, or a tuple of them for several operands.
    #[getter]
    fn value<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.current_value(py)
    }

    /// The arrays being iterated (allocated outputs included).
    #[getter]
    fn operands<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.check_open()?;
        PyTuple::new(py, self.operands.iter().map(|o| o.clone_ref(py)))
    }

    /// The dtypes of the iterated operands.
    #[getter]
    fn dtypes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let ds = self
            .arrays
            .iter()
            .map(|a| dtype_object(py, a.dtype()))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, ds)
    }

    /// The iteration shape (NumPy's internal order without multi_index).
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.check_valid()?;
        if self.has_multi_index {
            PyTuple::new(py, &self.shape)
        } else {
            PyTuple::new(py, self.axes.iter().map(|a| a.len))
        }
    }

    /// Number of iteration dimensions.
    #[getter]
    fn ndim(&self) -> usize {
        if self.has_multi_index {
            self.shape.len()
        } else {
            self.axes.len()
        }
    }

    /// Number of operands.
    #[getter]
    fn nop(&self) -> usize {
        self.nop
    }

    /// Total number of elements iterated.
    #[getter]
    fn itersize(&self) -> usize {
        self.itersize
    }

    /// The current position in iteration order.
    #[getter]
    fn iterindex(&self) -> PyResult<usize> {
        self.check_valid()?;
        Ok(self.iterindex)
    }

    /// Whether the iteration is over.
    #[getter]
    fn finished(&self) -> bool {
        self.finished
    }

    /// Whether a multi-index is tracked.
    #[getter]
    fn has_multi_index(&self) -> bool {
        self.has_multi_index
    }

    /// Whether a C or F index is tracked.
    #[getter]
    fn has_index(&self) -> bool {
        self.index_kind.is_some()
    }

    /// The index of the current element in the original array's axes.
    #[getter]
    fn multi_index<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        if !self.has_multi_index {
            return Err(PyValueError::new_err(
                "Iterator is not tracking a multi-index",
            ));
        }
        self.check_valid()?;
        let mut idx = vec![0usize; self.shape.len()];
        for (ax, &p) in self.axes.iter().zip(&self.pos) {
            idx[ax.orig] = if ax.flipped { ax.len - 1 - p } else { p };
        }
        PyTuple::new(py, idx)
    }

    /// The flat C- or F-order index of the current element.
    #[getter]
    fn index(&self) -> PyResult<isize> {
        if self.index_kind.is_none() {
            return Err(PyValueError::new_err("Iterator does not have an index"));
        }
        self.check_valid()?;
        Ok(self.offsets[self.nop])
    }

    /// Move to iteration position `i` (the next element handed out is that one).
    #[setter]
    fn set_iterindex(&mut self, i: usize) -> PyResult<()> {
        self.check_open()?;
        if i < self.range.0 || i >= self.range.1 {
            return Err(PyValueError::new_err("Iterator iterindex out of bounds"));
        }
        self.flush()?;
        self.seek(i);
        self.started = false;
        Ok(())
    }

    /// The (start, end) of the iteration positions covered.
    #[getter]
    fn iterrange(&self) -> (usize, usize) {
        self.range
    }

    /// Restrict the iteration to positions `start..end` (needs the `ranged` flag).
    #[setter]
    fn set_iterrange(&mut self, range: (usize, usize)) -> PyResult<()> {
        self.check_open()?;
        if !self.ranged {
            return Err(PyValueError::new_err(
                "Cannot call ResetToIterIndexRange on an iterator without requesting ranged iteration support in the constructor",
            ));
        }
        let (start, end) = range;
        if start > end || end > self.itersize {
            return Err(PyValueError::new_err(format!(
                "Out-of-bounds range [{start}, {end}) passed to ResetToIterIndexRange"
            )));
        }
        self.flush()?;
        self.range = range;
        self.started = false;
        self.seek(start);
        Ok(())
    }

    /// Move to the element at this multi-index.
    #[setter]
    fn set_multi_index(&mut self, idx: Vec<isize>) -> PyResult<()> {
        self.check_open()?;
        if !self.has_multi_index {
            return Err(PyValueError::new_err(
                "Iterator is not tracking a multi-index",
            ));
        }
        if idx.len() != self.shape.len() {
            return Err(PyValueError::new_err(
                "multi-index must have the same length as the number of dimensions",
            ));
        }
        let mut target = 0usize;
        let mut scale = 1usize;
        for ax in &self.axes {
            let i = idx[ax.orig];
            if i < 0 || i as usize >= ax.len {
                return Err(PyIndexError::new_err("Iterator multi-index out of bounds"));
            }
            let p = if ax.flipped {
                ax.len - 1 - i as usize
            } else {
                i as usize
            };
            target += p * scale;
            scale *= ax.len;
        }
        self.flush()?;
        self.seek(target);
        self.started = false;
        Ok(())
    }

    /// Move to the element with this flat C- or F-order index.
    #[setter]
    fn set_index(&mut self, index: isize) -> PyResult<()> {
        self.check_open()?;
        let Some(kind) = self.index_kind else {
            return Err(PyValueError::new_err("Iterator does not have an index"));
        };
        if index < 0 || index as usize >= self.itersize {
            return Err(PyIndexError::new_err("Iterator index out of bounds"));
        }
        // The index slot walks each axis with a fixed stride (negated on flipped
        // axes): peel `index` apart from the largest stride down.
        let _ = kind;
        let slot = self.nop;
        let mut order: Vec<usize> = (0..self.axes.len()).collect();
        order.sort_by_key(|&d| std::cmp::Reverse(self.axes[d].strides[slot].unsigned_abs()));
        let mut rest = index as usize;
        let mut pos = vec![0usize; self.axes.len()];
        for d in order {
            let ax = &self.axes[d];
            let st = ax.strides[slot].unsigned_abs();
            if st == 0 {
                continue;
            }
            let i = (rest / st).min(ax.len - 1);
            rest -= i * st;
            pos[d] = if ax.strides[slot] < 0 {
                ax.len - 1 - i
            } else {
                i
            };
        }
        let mut target = 0usize;
        let mut scale = 1usize;
        for (ax, p) in self.axes.iter().zip(&pos) {
            target += p * scale;
            scale *= ax.len;
        }
        self.flush()?;
        self.seek(target);
        self.started = false;
        Ok(())
    }

    /// Stop tracking the multi-index (allows coalescing; restarts the iteration).
    fn remove_multi_index(&mut self) -> PyResult<()> {
        self.has_multi_index = false;
        let axes = std::mem::take(&mut self.axes);
        self.axes = coalesce(axes);
        self.pos = smallvec::smallvec![0; self.axes.len()];
        self.finished = false;
        self.started = false;
        self.seek(0);
        Ok(())
    }

    /// Hand out 1-D chunks from now on (restarts the iteration).
    fn enable_external_loop(&mut self) -> PyResult<()> {
        if self.has_multi_index {
            return Err(PyValueError::new_err(
                "Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked",
            ));
        }
        self.external_loop = true;
        self.finished = false;
        self.started = false;
        self.seek(0);
        Ok(())
    }
}

/// Add this family's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyNditer>()?;
    m.add_function(wrap_pyfunction!(_as_strided, m)?)?;
    Ok(())
}
