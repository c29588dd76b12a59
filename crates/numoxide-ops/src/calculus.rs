//! Differences and integrals (NumPy's "sums, products, differences" and "miscellaneous"
//! chapters): `diff`, `ediff1d`, `gradient`, `trapezoid`, `interp`, `cumulative_sum` and
//! `cumulative_prod`. Each follows NumPy's sequence of ufunc calls (so result dtypes,
//! NEP 50 scalar handling and rounding are NumPy's); `interp` is a typed kernel that
//! reproduces NumPy's compiled loop operation for operation.

use numoxide_core::cast::{can_cast, promote_types, Casting};
use numoxide_core::element::{Complex128, Element};
use numoxide_core::iter::{for_each_run, Operand};
use numoxide_core::layout::{self, shape_text, Strides};
use numoxide_core::{DType, DTypeKind, Error, ErrorKind, IndexItem, NdArray, Order, Result};

use crate::elementwise;
use crate::reductions::{self, Notes, ReduceArgs};
use crate::ufunc::{fpstatus, CallOptions, FpFlags, Input, Weak};

/// Floating-point flags raised by the ufunc calls of a routine, with the ufunc's name.
pub type Flags = Vec<(&'static str, FpFlags)>;

fn call(name: &'static str, inputs: &[Input], flags: &mut Flags) -> Result<NdArray> {
    elementwise::call(name, inputs, &CallOptions::default(), flags)
}

fn arr(a: &NdArray) -> Input {
    Input::Array(a.clone())
}

/// The view `a[..., item, ...]` with `item` at position `axis`.
fn along(a: &NdArray, axis: usize, item: IndexItem) -> Result<NdArray> {
    let items: Vec<IndexItem> = (0..a.ndim())
        .map(|d| {
            if d == axis {
                item
            } else {
                IndexItem::Slice(None, None, None)
            }
        })
        .collect();
    a.index(&items)
}

fn sl(start: Option<isize>, stop: Option<isize>) -> IndexItem {
    IndexItem::Slice(start, stop, None)
}

/// Join arrays along an existing `axis` (the promoted dtype of all parts), as
/// `np.concatenate` does for the arrays these routines build.
///
/// # Errors
/// NumPy's `ValueError`s for mismatched dimensions.
pub fn concatenate_axis(parts: &[NdArray], axis: usize) -> Result<NdArray> {
    let first = parts
        .first()
        .ok_or_else(|| Error::value("need at least one array to concatenate"))?;
    let nd = first.ndim();
    let mut dtype = first.dtype().clone();
    let mut shape: Vec<usize> = first.shape().to_vec();
    if axis >= nd.max(1) {
        return Err(Error::axis(axis as isize, nd));
    }
    shape[axis] = 0;
    for (i, p) in parts.iter().enumerate() {
        if p.ndim() != nd {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                p.ndim()
            )));
        }
        for d in 0..nd {
            if d != axis && p.shape()[d] != first.shape()[d] {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, the array at index 0 has size {} and the array at index {i} has size {}",
                    first.shape()[d],
                    p.shape()[d]
                )));
            }
        }
        shape[axis] += p.shape()[axis];
        if i > 0 {
            dtype = promote_types(&dtype, p.dtype());
        }
    }
    let out = NdArray::unspecified(&shape, DType::new(dtype.kind()), Order::C)?;
    let mut at = 0isize;
    for p in parts {
        let n = p.shape()[axis] as isize;
        along(&out, axis, sl(Some(at), Some(at + n)))?.assign(p)?;
        at += n;
    }
    Ok(out)
}

// ----- fused fast paths -----------------------------------------------------------------

/// `arrs[0][i] = f(arrs[1..][i])` in one pass over `arrs[0]`'s shape (inputs broadcast),
/// for native arrays of `T`. Returns `Ok(false)`, leaving the output partly written,
/// when an operand has another dtype or a floating-point flag was raised: the caller
/// then redoes the work ufunc by ufunc to raise NumPy's exact warnings.
fn fused<T: Element, const N: usize>(
    arrs: [&NdArray; N],
    f: impl Fn(&[T; N]) -> T,
) -> Result<bool> {
    if arrs
        .iter()
        .any(|a| a.kind() != T::KIND || !a.dtype().is_native() || !a.is_aligned())
    {
        return Ok(false);
    }
    let out = arrs[0];
    out.check_writeable()?;
    let shape = out.shape();
    let strides: Vec<Strides> = arrs
        .iter()
        .map(|a| a.broadcast_operand(shape))
        .collect::<Result<_>>()?;
    let operands: [Operand<'_>; N] = std::array::from_fn(|i| Operand {
        ptr: arrs[i].data_ptr(),
        strides: &strides[i],
    });
    let size = std::mem::size_of::<T>() as isize;
    fpstatus::clear_all();
    // SAFETY: every array is a checked view of its buffer, laid over `shape` (inputs by
    // broadcasting), native and aligned for `T`; the output is a fresh, writeable array
    // that no input overlaps, and the kernel touches only the elements it is handed.
    unsafe {
        for_each_run(shape, operands, |p, st, n| {
            let mut v = [T::default(); N];
            if st.iter().all(|&x| x == size) {
                let o = std::slice::from_raw_parts_mut(p[0] as *mut T, n);
                let ins: [&[T]; N] =
                    std::array::from_fn(|i| std::slice::from_raw_parts(p[i] as *const T, n));
                for (k, slot) in o.iter_mut().enumerate() {
                    for i in 1..N {
                        // `k < n`, the length of every input slice.
                        v[i] = *ins[i].get_unchecked(k);
                    }
                    *slot = f(&v);
                }
            } else {
                for k in 0..n as isize {
                    for i in 1..N {
                        v[i] = *(p[i].offset(st[i] * k) as *const T);
                    }
                    *(p[0].offset(st[0] * k) as *mut T) = f(&v);
                }
            }
        })
    };
    let clean = fpstatus::read_all().is_empty();
    fpstatus::clear_all();
    Ok(clean)
}

// ----- diff, ediff1d -------------------------------------------------------------------

/// Prepare a `prepend=`/`append=` value: a 0-d value is broadcast to `a`'s shape with
/// length 1 along `axis`.
fn edge_part(v: &NdArray, a: &NdArray, axis: usize) -> Result<NdArray> {
    if v.ndim() == 0 {
        let mut shape = a.shape().to_vec();
        shape[axis] = 1;
        v.broadcast_to(&shape)
    } else {
        Ok(v.clone())
    }
}

/// `diff(a, n, axis, prepend, append)`: the n-th discrete difference along `axis`
/// (`not_equal` for booleans, `subtract` otherwise). `n == 0` is the caller's job (NumPy
/// returns its input object unchanged).
///
/// # Errors
/// `ValueError` for negative `n` or a 0-d `a`; `AxisError`; concatenation errors.
pub fn diff(
    a: &NdArray,
    n: i64,
    axis: isize,
    prepend: Option<&NdArray>,
    append: Option<&NdArray>,
    flags: &mut Flags,
) -> Result<NdArray> {
    if n < 0 {
        return Err(Error::value(format!(
            "order must be non-negative but got {n}"
        )));
    }
    if a.ndim() == 0 {
        return Err(Error::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let ax = layout::normalize_axis(axis, a.ndim())?;
    let mut cur = if prepend.is_some() || append.is_some() {
        let mut parts = Vec::with_capacity(3);
        if let Some(p) = prepend {
            parts.push(edge_part(p, a, ax)?);
        }
        parts.push(a.clone());
        if let Some(p) = append {
            parts.push(edge_part(p, a, ax)?);
        }
        concatenate_axis(&parts, ax)?
    } else {
        a.clone()
    };
    let op = if cur.kind() == DTypeKind::Bool {
        "not_equal"
    } else {
        "subtract"
    };
    for _ in 0..n {
        let hi = along(&cur, ax, sl(Some(1), None))?;
        let lo = along(&cur, ax, sl(None, Some(-1)))?;
        cur = match subtract_fast(&hi, &lo)? {
            Some(d) => d,
            None => call(op, &[arr(&hi), arr(&lo)], flags)?,
        };
    }
    Ok(cur)
}

/// `hi - lo` in one typed pass for the float and integer kinds (integers wrap, as
/// NumPy's); `None` when the ufunc must do it (other kinds, or a float flag to report).
fn subtract_fast(hi: &NdArray, lo: &NdArray) -> Result<Option<NdArray>> {
    let kind = hi.kind();
    if kind != lo.kind() || hi.size() == 0 {
        return Ok(None);
    }
    let order = if hi.is_f_contiguous() && !hi.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    };
    // SAFETY: the array is returned only when `fused` reports it wrote every element.
    let out = unsafe { NdArray::uninit(hi.shape(), DType::new(kind), order)? };
    let ops = [&out, hi, lo];
    macro_rules! ints {
        ($($k:ident => $t:ty),*) => {
            match kind {
                DTypeKind::Float64 => fused::<f64, 3>(ops, |v| v[1] - v[2])?,
                DTypeKind::Float32 => fused::<f32, 3>(ops, |v| v[1] - v[2])?,
                $(DTypeKind::$k => fused::<$t, 3>(ops, |v| v[1].wrapping_sub(v[2]))?,)*
                _ => false,
            }
        };
    }
    let done = ints!(Int8 => i8, UInt8 => u8, Int16 => i16, UInt16 => u16, Int32 => i32,
        UInt32 => u32, Int64 => i64, UInt64 => u64);
    Ok(done.then_some(out))
}

fn check_same_kind(v: &NdArray, to: &DType, which: &str) -> Result<()> {
    if can_cast(v.dtype(), to, Casting::SameKind) {
        Ok(())
    } else {
        Err(Error::type_error(format!(
            "dtype of `{which}` must be compatible with input `ary` under the `same_kind` rule."
        )))
    }
}

/// `ediff1d(ary, to_end, to_begin)`: differences of the flattened array, with values
/// put before and after; the result keeps `ary`'s dtype.
///
/// # Errors
/// `TypeError` when `to_begin`/`to_end` cannot be cast `same_kind` to `ary`'s dtype, or
/// the subtraction is not defined (booleans).
pub fn ediff1d(
    ary: &NdArray,
    to_end: Option<&NdArray>,
    to_begin: Option<&NdArray>,
    flags: &mut Flags,
) -> Result<NdArray> {
    let ary = ary.ravel(Order::C)?;
    let hi = ary.index(&[sl(Some(1), None)])?;
    let lo = ary.index(&[sl(None, Some(-1))])?;
    if to_end.is_none() && to_begin.is_none() {
        return call("subtract", &[arr(&hi), arr(&lo)], flags);
    }
    let req = DType::new(ary.kind());
    let begin = match to_begin {
        Some(b) => {
            check_same_kind(b, &req, "to_begin")?;
            Some(b.ravel(Order::C)?)
        }
        None => None,
    };
    let end = match to_end {
        Some(e) => {
            check_same_kind(e, &req, "to_end")?;
            Some(e.ravel(Order::C)?)
        }
        None => None,
    };
    let lb = begin.as_ref().map_or(0, |b| b.size()) as isize;
    let le = end.as_ref().map_or(0, |e| e.size()) as isize;
    let ld = (ary.size() as isize - 1).max(0);
    let result = NdArray::unspecified(&[(lb + ld + le) as usize], req, Order::C)?;
    if let Some(b) = &begin {
        result.index(&[sl(None, Some(lb))])?.assign(b)?;
    }
    if let Some(e) = &end {
        result.index(&[sl(Some(lb + ld), None)])?.assign(e)?;
    }
    let mid = result.index(&[sl(Some(lb), Some(lb + ld))])?;
    elementwise::call(
        "subtract",
        &[arr(&hi), arr(&lo)],
        &CallOptions {
            out: vec![Some(mid)],
            ..Default::default()
        },
        flags,
    )?;
    Ok(result)
}

// ----- gradient --------------------------------------------------------------------------

/// A weak Python number combined with a Python float as Python would (`2. * dx`,
/// `-1.5 / dx`): the result stays a weak Python number.
fn py_float_op(c: f64, dx: &Weak, divide: bool) -> Result<Weak> {
    match *dx {
        Weak::Int(v) => py_float_op(c, &Weak::Float(v as f64), divide),
        Weak::Float(d) => {
            if divide {
                if d == 0.0 {
                    return Err(Error::new(
                        ErrorKind::ZeroDivision,
                        "float division by zero",
                    ));
                }
                Ok(Weak::Float(c / d))
            } else {
                Ok(Weak::Float(c * d))
            }
        }
        Weak::Complex(re, im) => {
            if divide {
                if re == 0.0 && im == 0.0 {
                    return Err(Error::new(ErrorKind::ZeroDivision, "division by zero"));
                }
                let z = Complex128::new(c, 0.0) / Complex128::new(re, im);
                Ok(Weak::Complex(z.re, z.im))
            } else {
                // Python: (c + 0j) * (re + im j).
                Ok(Weak::Complex(c * re - 0.0 * im, c * im + 0.0 * re))
            }
        }
    }
}

/// `c * dx` or `c / dx` for a uniform spacing `dx` (weak Python number or strong 0-d).
fn scale(c: f64, dx: &Input, divide: bool, flags: &mut Flags) -> Result<Input> {
    match dx {
        Input::Weak(w) => Ok(Input::Weak(py_float_op(c, w, divide)?)),
        Input::Array(a) => {
            let name = if divide { "divide" } else { "multiply" };
            Ok(Input::Array(call(
                name,
                &[Input::Weak(Weak::Float(c)), arr(a)],
                flags,
            )?))
        }
    }
}

/// `a * f1 + b * f2 + c * f3`, left to right as NumPy evaluates it.
fn weighted3(w: [&Input; 3], f: [&NdArray; 3], flags: &mut Flags) -> Result<NdArray> {
    let t1 = call("multiply", &[w[0].clone(), arr(f[0])], flags)?;
    let t2 = call("multiply", &[w[1].clone(), arr(f[1])], flags)?;
    let s = call("add", &[arr(&t1), arr(&t2)], flags)?;
    let t3 = call("multiply", &[w[2].clone(), arr(f[2])], flags)?;
    call("add", &[arr(&s), arr(&t3)], flags)
}

/// The spacing along one axis after NumPy's preprocessing.
enum Spacing {
    Uniform(Input),
    Coords(NdArray),
}

fn spacing_for(d: &Input, len: usize, flags: &mut Flags) -> Result<Spacing> {
    let a = match d {
        Input::Weak(_) => return Ok(Spacing::Uniform(d.clone())),
        Input::Array(a) if a.ndim() == 0 => return Ok(Spacing::Uniform(d.clone())),
        Input::Array(a) => a,
    };
    if a.ndim() != 1 {
        return Err(Error::value("distances must be either scalars or 1d"));
    }
    if a.shape()[0] != len {
        return Err(Error::value(
            "when 1d, distances must match the length of the corresponding dimension",
        ));
    }
    let a = if a.kind().is_integer() {
        a.astype(DType::FLOAT64, Order::K)?
    } else {
        a.clone()
    };
    let dx = diff(&a, 1, -1, None, None, flags)?;
    // Constant differences reduce to the scalar case (NumPy compares with diffx[0]).
    let first = dx.index(&[IndexItem::Int(0)])?;
    let eq = call("equal", &[arr(&dx), arr(&first)], &mut Vec::new())?;
    if eq.to_vec::<bool>().into_iter().all(|b| b) {
        Ok(Spacing::Uniform(Input::Array(first)))
    } else {
        Ok(Spacing::Coords(dx))
    }
}

/// The non-uniform interior weights `a, b, c` of `gradient` in three single passes (as
/// NumPy's sequence of ufuncs computes them) for float32/float64 spacings.
fn coefficients_fast(dx1: &NdArray, dx2: &NdArray) -> Result<Option<(NdArray, NdArray, NdArray)>> {
    let kind = dx1.kind();
    if dx1.size() == 0 || !matches!(kind, DTypeKind::Float64 | DTypeKind::Float32) {
        return Ok(None);
    }
    let n = dx1.shape()[0];
    // SAFETY: the arrays are returned only when `fused` reports it wrote every element.
    let (a, b, c) = unsafe {
        (
            NdArray::uninit(&[n], DType::new(kind), Order::C)?,
            NdArray::uninit(&[n], DType::new(kind), Order::C)?,
            NdArray::uninit(&[n], DType::new(kind), Order::C)?,
        )
    };
    macro_rules! go {
        ($t:ty) => {
            fused::<$t, 3>([&a, dx1, dx2], |v| -v[2] / (v[1] * (v[1] + v[2])))?
                && fused::<$t, 3>([&b, dx1, dx2], |v| (v[2] - v[1]) / (v[1] * v[2]))?
                && fused::<$t, 3>([&c, dx1, dx2], |v| v[1] / (v[2] * (v[1] + v[2])))?
        };
    }
    let done = if kind == DTypeKind::Float64 {
        go!(f64)
    } else {
        go!(f32)
    };
    Ok(done.then_some((a, b, c)))
}

/// The interior `(f[2:] - f[:-2]) / (2. * dx)` of `gradient` in one pass, for
/// float32/float64 data and a weak (Python number) spacing.
fn uniform_interior_fast(d: &Input, out: &NdArray, hi: &NdArray, lo: &NdArray) -> Result<bool> {
    let den = match d {
        Input::Weak(Weak::Float(v)) => 2.0 * v,
        Input::Weak(Weak::Int(v)) => 2.0 * (*v as f64),
        _ => return Ok(false),
    };
    if out.size() == 0 {
        return Ok(false);
    }
    match out.kind() {
        DTypeKind::Float64 => fused::<f64, 3>([out, hi, lo], |v| (v[1] - v[2]) / den),
        DTypeKind::Float32 => {
            let den = den as f32;
            fused::<f32, 3>([out, hi, lo], |v| (v[1] - v[2]) / den)
        }
        _ => Ok(false),
    }
}

/// `gradient(f, *varargs, axis, edge_order)`: second-order central differences inside,
/// first- or second-order one-sided differences at the edges, for uniform (scalar) or
/// non-uniform (coordinate array) spacing. One array per axis.
///
/// # Errors
/// NumPy's `ValueError`s (too few points, bad spacing, `edge_order > 2`), `TypeError`
/// for a wrong number of spacings or boolean input, `AxisError`.
pub fn gradient(
    f: &NdArray,
    varargs: &[Input],
    axes: Option<&[isize]>,
    edge_order: i64,
    flags: &mut Flags,
) -> Result<Vec<NdArray>> {
    let nd = f.ndim();
    let axes: Vec<usize> = match axes {
        None => (0..nd).collect(),
        Some(ax) => layout::normalize_axes(ax, nd)
            .map_err(|e| {
                if e.message() == "repeated axis" {
                    Error::value("repeated axis")
                } else {
                    e
                }
            })?
            .to_vec(),
    };
    let n = varargs.len();
    let is_scalar = |i: &Input| match i {
        Input::Weak(_) => true,
        Input::Array(a) => a.ndim() == 0,
    };
    let dx: Vec<Input> = if n == 0 {
        vec![Input::Weak(Weak::Float(1.0)); axes.len()]
    } else if n == 1 && is_scalar(&varargs[0]) {
        vec![varargs[0].clone(); axes.len()]
    } else if n == axes.len() {
        varargs.to_vec()
    } else {
        return Err(Error::type_error("invalid number of arguments"));
    };
    let mut spacings = Vec::with_capacity(dx.len());
    for (d, &ax) in dx.iter().zip(&axes) {
        spacings.push(spacing_for(d, f.shape()[ax], flags)?);
    }
    if edge_order > 2 {
        return Err(Error::value("'edge_order' greater than 2 not supported"));
    }
    let kind = f.kind();
    let (f, otype) = if kind.is_inexact() {
        (f.clone(), kind)
    } else if kind.is_integer() {
        (f.astype(DType::FLOAT64, Order::K)?, DTypeKind::Float64)
    } else {
        (f.clone(), DTypeKind::Float64)
    };
    let mut outs = Vec::with_capacity(axes.len());
    for (&ax, sp) in axes.iter().zip(&spacings) {
        if (f.shape()[ax] as i64) < edge_order + 1 {
            return Err(Error::value(
                "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.",
            ));
        }
        let out = f.empty_like(DType::new(otype), Order::K)?;
        let fs = |item: IndexItem| along(&f, ax, item);
        let os = |item: IndexItem| along(&out, ax, item);
        let target = os(sl(Some(1), Some(-1)))?;
        let (hi, mid, lo) = (
            fs(sl(Some(2), None))?,
            fs(sl(Some(1), Some(-1)))?,
            fs(sl(None, Some(-2)))?,
        );
        match sp {
            Spacing::Uniform(d) => {
                if !uniform_interior_fast(d, &target, &hi, &lo)? {
                    let num = call("subtract", &[arr(&hi), arr(&lo)], flags)?;
                    let den = scale(2.0, d, false, flags)?;
                    target.assign(&call("divide", &[arr(&num), den], flags)?)?;
                }
            }
            Spacing::Coords(x) => {
                let dx1 = x.index(&[sl(Some(0), Some(-1))])?;
                let dx2 = x.index(&[sl(Some(1), None)])?;
                let (a, b, c) = match coefficients_fast(&dx1, &dx2)? {
                    Some(abc) => abc,
                    None => {
                        let s12 = call("add", &[arr(&dx1), arr(&dx2)], flags)?;
                        let neg = call("negative", &[arr(&dx2)], flags)?;
                        let p = call("multiply", &[arr(&dx1), arr(&s12)], flags)?;
                        let a = call("divide", &[arr(&neg), arr(&p)], flags)?;
                        let dd = call("subtract", &[arr(&dx2), arr(&dx1)], flags)?;
                        let p12 = call("multiply", &[arr(&dx1), arr(&dx2)], flags)?;
                        let b = call("divide", &[arr(&dd), arr(&p12)], flags)?;
                        let p2 = call("multiply", &[arr(&dx2), arr(&s12)], flags)?;
                        let c = call("divide", &[arr(&dx1), arr(&p2)], flags)?;
                        (a, b, c)
                    }
                };
                let mut shape = vec![1isize; nd];
                shape[ax] = -1;
                let a = a.reshape(&shape, Order::C)?;
                let b = b.reshape(&shape, Order::C)?;
                let c = c.reshape(&shape, Order::C)?;
                let ops = [&target, &a, &lo, &b, &mid, &c, &hi];
                // a*f[:-2] + b*f[1:-1] + c*f[2:], left to right.
                let done = target.size() > 0
                    && match target.kind() {
                        DTypeKind::Float64 => {
                            fused::<f64, 7>(ops, |v| v[1] * v[2] + v[3] * v[4] + v[5] * v[6])?
                        }
                        DTypeKind::Float32 => {
                            fused::<f32, 7>(ops, |v| v[1] * v[2] + v[3] * v[4] + v[5] * v[6])?
                        }
                        _ => false,
                    };
                if !done {
                    let w = [&arr(&a), &arr(&b), &arr(&c)];
                    target.assign(&weighted3(w, [&lo, &mid, &hi], flags)?)?;
                }
            }
        }
        let at = |i: isize| IndexItem::Int(i);
        if edge_order == 1 {
            let (d0, dn) = match sp {
                Spacing::Uniform(d) => (d.clone(), d.clone()),
                Spacing::Coords(x) => (
                    Input::Array(x.index(&[at(0)])?),
                    Input::Array(x.index(&[at(-1)])?),
                ),
            };
            let num = call("subtract", &[arr(&fs(at(1))?), arr(&fs(at(0))?)], flags)?;
            let v = call("divide", &[arr(&num), d0], flags)?;
            os(at(0))?.assign(&v)?;
            let num = call("subtract", &[arr(&fs(at(-1))?), arr(&fs(at(-2))?)], flags)?;
            let v = call("divide", &[arr(&num), dn], flags)?;
            os(at(-1))?.assign(&v)?;
        } else {
            let (a, b, c) = match sp {
                Spacing::Uniform(d) => (
                    scale(-1.5, d, true, flags)?,
                    scale(2.0, d, true, flags)?,
                    scale(-0.5, d, true, flags)?,
                ),
                Spacing::Coords(x) => {
                    let dx1 = arr(&x.index(&[at(0)])?);
                    let dx2 = arr(&x.index(&[at(1)])?);
                    let two = Input::Weak(Weak::Float(2.0));
                    let s12 = arr(&call("add", &[dx1.clone(), dx2.clone()], flags)?);
                    let t = call("multiply", &[two, dx1.clone()], flags)?;
                    let t = call("add", &[arr(&t), dx2.clone()], flags)?;
                    let t = call("negative", &[arr(&t)], flags)?;
                    let p = call("multiply", &[dx1.clone(), s12.clone()], flags)?;
                    let a = call("divide", &[arr(&t), arr(&p)], flags)?;
                    let p12 = call("multiply", &[dx1.clone(), dx2.clone()], flags)?;
                    let b = call("divide", &[s12.clone(), arr(&p12)], flags)?;
                    let nd1 = call("negative", &[dx1], flags)?;
                    let p2 = call("multiply", &[dx2, s12], flags)?;
                    let c = call("divide", &[arr(&nd1), arr(&p2)], flags)?;
                    (arr(&a), arr(&b), arr(&c))
                }
            };
            let v = weighted3([&a, &b, &c], [&fs(at(0))?, &fs(at(1))?, &fs(at(2))?], flags)?;
            os(at(0))?.assign(&v)?;
            let (a, b, c) = match sp {
                Spacing::Uniform(d) => (
                    scale(0.5, d, true, flags)?,
                    scale(-2.0, d, true, flags)?,
                    scale(1.5, d, true, flags)?,
                ),
                Spacing::Coords(x) => {
                    let dx1 = arr(&x.index(&[at(-2)])?);
                    let dx2 = arr(&x.index(&[at(-1)])?);
                    let two = Input::Weak(Weak::Float(2.0));
                    let s12 = arr(&call("add", &[dx1.clone(), dx2.clone()], flags)?);
                    let p = call("multiply", &[dx1.clone(), s12.clone()], flags)?;
                    let a = call("divide", &[dx2.clone(), arr(&p)], flags)?;
                    let s21 = call("add", &[dx2.clone(), dx1.clone()], flags)?;
                    let ns = call("negative", &[arr(&s21)], flags)?;
                    let p12 = call("multiply", &[dx1.clone(), dx2.clone()], flags)?;
                    let b = call("divide", &[arr(&ns), arr(&p12)], flags)?;
                    let t = call("multiply", &[two, dx2.clone()], flags)?;
                    let t = call("add", &[arr(&t), dx1], flags)?;
                    let p2 = call("multiply", &[dx2, s12], flags)?;
                    let c = call("divide", &[arr(&t), arr(&p2)], flags)?;
                    (arr(&a), arr(&b), arr(&c))
                }
            };
            let v = weighted3(
                [&a, &b, &c],
                [&fs(at(-3))?, &fs(at(-2))?, &fs(at(-1))?],
                flags,
            )?;
            os(at(-1))?.assign(&v)?;
        }
        outs.push(out);
    }
    Ok(outs)
}

// ----- trapezoid -------------------------------------------------------------------------

/// `trapezoid(y, x, dx, axis)`: the integral of `y` by the trapezoidal rule, with sample
/// points `x` (any shape broadcasting against `y`, or 1-D along `axis`) or a constant
/// spacing `dx`.
///
/// # Errors
/// `IndexError`/`AxisError` for a bad axis, broadcasting `ValueError`s.
pub fn trapezoid(
    y: &NdArray,
    x: Option<&NdArray>,
    dx: &Input,
    axis: isize,
    flags: &mut Flags,
) -> Result<NdArray> {
    let nd = y.ndim();
    let ax = layout::normalize_axis(axis, nd)
        .map_err(|_| Error::index("list assignment index out of range"))?;
    let d = match x {
        None => dx.clone(),
        Some(x) if x.ndim() == 1 => {
            let d = diff(x, 1, -1, None, None, flags)?;
            let mut shape = vec![1isize; nd];
            shape[ax] = d.shape()[0] as isize;
            Input::Array(d.reshape(&shape, Order::C)?)
        }
        Some(x) => Input::Array(diff(x, 1, axis, None, None, flags)?),
    };
    let hi = along(y, ax, sl(Some(1), None))?;
    let lo = along(y, ax, sl(None, Some(-1)))?;
    // d * (y[1:] + y[:-1]) / 2.0 in one pass when the spacing is a Python float.
    let mut q = None;
    if let (Input::Weak(Weak::Float(dv)), true) = (&d, hi.size() > 0) {
        let dv = *dv;
        let t = NdArray::unspecified(hi.shape(), DType::new(hi.kind()), Order::C)?;
        let done = match hi.kind() {
            DTypeKind::Float64 => fused::<f64, 3>([&t, &hi, &lo], |v| dv * (v[1] + v[2]) / 2.0)?,
            DTypeKind::Float32 => {
                let d32 = dv as f32;
                fused::<f32, 3>([&t, &hi, &lo], |v| d32 * (v[1] + v[2]) / 2.0)?
            }
            _ => false,
        };
        if done {
            q = Some(t);
        }
    }
    let q = match q {
        Some(t) => t,
        None => {
            let s = call("add", &[arr(&hi), arr(&lo)], flags)?;
            let m = call("multiply", &[d, arr(&s)], flags)?;
            call("divide", &[arr(&m), Input::Weak(Weak::Float(2.0))], flags)?
        }
    };
    let args = ReduceArgs {
        axes: Some(vec![axis]),
        ..Default::default()
    };
    let mut notes = Notes::default();
    let r = reductions::reduce_with("add", &q, &args, &mut notes)?;
    flags.extend(notes.flags);
    Ok(r)
}

// ----- interp ----------------------------------------------------------------------------

const LIKELY_IN_CACHE_SIZE: usize = 8;

/// NumPy's `binary_search_with_guess`: the `i` with `arr[i] <= key < arr[i + 1]`, -1 below
/// the range, `len` above it, checking the neighbourhood of `guess` first.
fn search_with_guess(key: f64, arr: &[f64], guess: isize) -> isize {
    // Every index below is in 0..len: `guess` is clamped to 1..=len-3 before
    // `guess - 1 ..= guess + 2` are read, the cache window is checked against `len`, and
    // the bisection stays within imin..imax <= len.
    let at = |i: usize| -> f64 {
        debug_assert!(i < arr.len());
        // SAFETY: see above; callers pass a non-empty `arr`.
        unsafe { *arr.get_unchecked(i) }
    };
    let len = arr.len();
    let (mut imin, mut imax) = (0usize, len);
    if key > at(len - 1) {
        return len as isize;
    } else if key < at(0) {
        return -1;
    }
    if len <= 4 {
        let mut i = 1;
        while i < len && key >= at(i) {
            i += 1;
        }
        return i as isize - 1;
    }
    let guess = guess.clamp(1, len as isize - 3) as usize;
    if key < at(guess) {
        if key < at(guess - 1) {
            imax = guess - 1;
            if guess > LIKELY_IN_CACHE_SIZE && key >= at(guess - LIKELY_IN_CACHE_SIZE) {
                imin = guess - LIKELY_IN_CACHE_SIZE;
            }
        } else {
            return guess as isize - 1;
        }
    } else if key < at(guess + 1) {
        return guess as isize;
    } else if key < at(guess + 2) {
        return guess as isize + 1;
    } else {
        imin = guess + 2;
        if guess + LIKELY_IN_CACHE_SIZE + 1 < len && key < at(guess + LIKELY_IN_CACHE_SIZE) {
            imax = guess + LIKELY_IN_CACHE_SIZE;
        }
    }
    while imin < imax {
        let imid = imin + ((imax - imin) >> 1);
        if key >= at(imid) {
            imin = imid + 1;
        } else {
            imax = imid;
        }
    }
    imin as isize - 1
}

/// One part (real, or real/imaginary of complex) of NumPy's interpolation step between
/// breakpoints `j` and `j + 1`, with its NaN fallbacks.
#[inline]
fn lerp(slope: f64, x: f64, x0: f64, x1: f64, y0: f64, y1: f64) -> f64 {
    let r = slope * (x - x0) + y0;
    if !r.is_nan() {
        return r;
    }
    let r = slope * (x - x1) + y1;
    if r.is_nan() && y0 == y1 {
        y0
    } else {
        r
    }
}

/// Values of `fp` for interpolation: real (f64) or complex (two f64 parts).
trait InterpValue: Copy {
    fn slope(y0: Self, y1: Self, x0: f64, x1: f64) -> Self;
    fn at(slope: Self, x: f64, x0: f64, x1: f64, y0: Self, y1: Self) -> Self;
    fn nan_result(x: f64) -> Self;
}

impl InterpValue for f64 {
    #[inline]
    fn slope(y0: f64, y1: f64, x0: f64, x1: f64) -> f64 {
        (y1 - y0) / (x1 - x0)
    }
    #[inline]
    fn at(slope: f64, x: f64, x0: f64, x1: f64, y0: f64, y1: f64) -> f64 {
        lerp(slope, x, x0, x1, y0, y1)
    }
    fn nan_result(x: f64) -> f64 {
        x
    }
}

impl InterpValue for Complex128 {
    #[inline]
    fn slope(y0: Self, y1: Self, x0: f64, x1: f64) -> Self {
        let inv = 1.0 / (x1 - x0);
        Complex128::new((y1.re - y0.re) * inv, (y1.im - y0.im) * inv)
    }
    #[inline]
    fn at(slope: Self, x: f64, x0: f64, x1: f64, y0: Self, y1: Self) -> Self {
        Complex128::new(
            lerp(slope.re, x, x0, x1, y0.re, y1.re),
            lerp(slope.im, x, x0, x1, y0.im, y1.im),
        )
    }
    fn nan_result(x: f64) -> Self {
        Complex128::new(x, 0.0)
    }
}

/// NumPy's interpolation loop over `x` (`xp` and `fp` have the same length >= 1).
fn interp_kernel<V: InterpValue>(x: &[f64], xp: &[f64], fp: &[V], lval: V, rval: V, out: &mut [V]) {
    let n = xp.len();
    if n == 1 {
        let (x0, f0) = (xp[0], fp[0]);
        for (o, &v) in out.iter_mut().zip(x) {
            *o = if v < x0 {
                lval
            } else if v > x0 {
                rval
            } else {
                f0
            };
        }
        return;
    }
    let slopes: Option<Vec<V>> = (n <= x.len()).then(|| {
        (0..n - 1)
            .map(|i| V::slope(fp[i], fp[i + 1], xp[i], xp[i + 1]))
            .collect()
    });
    let mut j: isize = 0;
    for (o, &v) in out.iter_mut().zip(x) {
        if v.is_nan() {
            *o = V::nan_result(v);
            continue;
        }
        j = search_with_guess(v, xp, j);
        *o = if j == -1 {
            lval
        } else if j == n as isize {
            rval
        } else {
            let k = j as usize;
            debug_assert!(k < n && fp.len() == n);
            // SAFETY: the search returned 0 <= k < n (the other cases are handled above)
            // and `fp` has `n` elements like `xp`.
            let (x0, f0) = unsafe { (*xp.get_unchecked(k), *fp.get_unchecked(k)) };
            if k == n - 1 || x0 == v {
                f0
            } else {
                // SAFETY: k < n - 1 here, so k + 1 < n; `slopes` has n - 1 elements.
                let (x1, f1) = unsafe { (*xp.get_unchecked(k + 1), *fp.get_unchecked(k + 1)) };
                let s = match &slopes {
                    // SAFETY: as above.
                    Some(s) => unsafe { *s.get_unchecked(k) },
                    None => V::slope(f0, f1, x0, x1),
                };
                V::at(s, v, x0, x1, f0, f1)
            }
        };
    }
}

/// `interp`'s sample values: real or complex.
enum Values {
    Real(Vec<f64>),
    Complex(Vec<Complex128>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Real(v) => v.len(),
            Values::Complex(v) => v.len(),
        }
    }
}

/// The elements of `a` in C order as `T`: a plain copy when `a` already is a native,
/// C-contiguous array of `T`.
fn vec_of<T: Element + numoxide_core::cast::CastFrom>(a: &NdArray) -> Vec<T> {
    if a.kind() == T::KIND
        && a.dtype().is_native()
        && a.is_c_contiguous()
        && a.is_aligned()
        && a.size() > 0
    {
        // SAFETY: a native, aligned, C-contiguous array of `size` elements of `T` starts
        // at its data pointer.
        unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, a.size()) }.to_vec()
    } else {
        a.to_vec::<T>()
    }
}

/// A 1-D sample array for `interp` (NumPy requires exactly one dimension).
fn one_d(a: &NdArray) -> Result<()> {
    match a.ndim() {
        1 => Ok(()),
        0 => Err(Error::value("object of too small depth for desired array")),
        _ => Err(Error::value("object too deep for desired array")),
    }
}

fn safe_to(a: &NdArray, kind: DTypeKind) -> Result<NdArray> {
    let to = DType::new(kind);
    if !can_cast(a.dtype(), &to, Casting::Safe) {
        return Err(Error::type_error(format!(
            "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule 'safe'",
            a.dtype().name(),
            to.name()
        )));
    }
    Ok(a.clone())
}

/// Fill value of `interp`'s `left=`/`right=`.
#[derive(Clone, Copy, Debug)]
pub enum Fill {
    /// A real value.
    Real(f64),
    /// A complex value.
    Complex(f64, f64),
}

/// `interp(x, xp, fp, left, right, period)`: one-dimensional piecewise-linear
/// interpolation, float64 (or complex128 when `fp` is complex). NaN in `x` gives NaN; an
/// `x` equal to a breakpoint gives exactly that breakpoint's value.
///
/// # Errors
/// NumPy's `ValueError`s (empty or mismatched samples, `period == 0`, not 1-D) and
/// `TypeError` for complex `x`/`xp`.
pub fn interp(
    x: &NdArray,
    xp: &NdArray,
    fp: &NdArray,
    left: Option<Fill>,
    right: Option<Fill>,
    period: Option<f64>,
    flags: &mut Flags,
) -> Result<NdArray> {
    let complex = fp.kind().is_complex();
    let vkind = if complex {
        DTypeKind::Complex128
    } else {
        DTypeKind::Float64
    };
    let (x, xs, fs, left, right) = match period {
        Some(p) => {
            if p == 0.0 {
                return Err(Error::value("period must be a non-zero value"));
            }
            let p = p.abs();
            let x = x.astype(DType::FLOAT64, Order::K)?;
            let xp = xp.astype(DType::FLOAT64, Order::K)?;
            let fp = fp.astype(DType::new(vkind), Order::K)?;
            if xp.ndim() != 1 || fp.ndim() != 1 {
                return Err(Error::value("Data points must be 1-D sequences"));
            }
            if xp.shape()[0] != fp.shape()[0] {
                return Err(Error::value("fp and xp are not of the same length"));
            }
            let w = Input::Weak(Weak::Float(p));
            let x = call("remainder", &[arr(&x), w.clone()], flags)?;
            let xm = call("remainder", &[arr(&xp), w], flags)?.to_vec::<f64>();
            let fv = fp.to_vec::<Complex128>();
            let mut order: Vec<usize> = (0..xm.len()).collect();
            order.sort_by(|&a, &b| xm[a].total_cmp(&xm[b]).then(a.cmp(&b)));
            // NaN sorts last (total_cmp puts negative NaN first; move every NaN last).
            order.sort_by_key(|&i| xm[i].is_nan());
            let mut xs: Vec<f64> = order.iter().map(|&i| xm[i]).collect();
            let mut fs: Vec<Complex128> = order.iter().map(|&i| fv[i]).collect();
            if let (Some(&xl), Some(&xf), Some(&fl), Some(&ff)) =
                (xs.last(), xs.first(), fs.last(), fs.first())
            {
                xs.insert(0, xl - p);
                xs.push(xf + p);
                fs.insert(0, fl);
                fs.push(ff);
            }
            let fs = if complex {
                Values::Complex(fs)
            } else {
                Values::Real(fs.iter().map(|c| c.re).collect())
            };
            (x, xs, fs, None, None)
        }
        None => {
            one_d(fp)?;
            one_d(xp)?;
            let xp = safe_to(xp, DTypeKind::Float64)?;
            let fp = safe_to(fp, vkind)?;
            let fs = if complex {
                Values::Complex(vec_of::<Complex128>(&fp))
            } else {
                Values::Real(vec_of::<f64>(&fp))
            };
            (x.clone(), vec_of::<f64>(&xp), fs, left, right)
        }
    };
    let x = safe_to(&x, DTypeKind::Float64)?;
    let xv: Vec<f64>;
    let xsl: &[f64] = if x.kind() == DTypeKind::Float64
        && x.dtype().is_native()
        && x.is_c_contiguous()
        && x.size() > 0
    {
        // SAFETY: a native, C-contiguous float64 array of `size` elements starts at its
        // data pointer; the slice borrows `x`, which keeps the buffer alive.
        unsafe { std::slice::from_raw_parts(x.data_ptr() as *const f64, x.size()) }
    } else {
        xv = x.to_vec::<f64>();
        &xv
    };
    if xs.is_empty() && !xsl.is_empty() {
        return Err(Error::value("array of sample points is empty"));
    }
    if fs.len() != xs.len() {
        return Err(Error::value("fp and xp are not of the same length."));
    }
    if xsl.is_empty() {
        return NdArray::zeros(x.shape(), DType::new(vkind), Order::C);
    }
    // SAFETY: the kernel below writes every element before the array is returned.
    let out = unsafe { NdArray::uninit(x.shape(), DType::new(vkind), Order::C)? };
    let fill = |f: Option<Fill>, default: Complex128| match f {
        None => default,
        Some(Fill::Real(v)) => Complex128::new(v, 0.0),
        Some(Fill::Complex(re, im)) => Complex128::new(re, im),
    };
    let n = out.size();
    match &fs {
        Values::Complex(fc) => {
            let (first, last) = (fc[0], fc[fc.len() - 1]);
            let (lval, rval) = (fill(left, first), fill(right, last));
            // SAFETY: `out` is a fresh C-contiguous complex128 array of `n` elements.
            let o = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut Complex128, n) };
            interp_kernel(xsl, &xs, fc, lval, rval, o);
        }
        Values::Real(fr) => {
            let (first, last) = (fr[0], fr[fr.len() - 1]);
            let lval = fill(left, Complex128::new(first, 0.0)).re;
            let rval = fill(right, Complex128::new(last, 0.0)).re;
            // SAFETY: `out` is a fresh C-contiguous float64 array of `n` elements.
            let o = unsafe { std::slice::from_raw_parts_mut(out.data_ptr() as *mut f64, n) };
            interp_kernel(xsl, &xs, fr, lval, rval, o);
        }
    }
    Ok(out)
}

// ----- cumulative_sum / cumulative_prod ---------------------------------------------------

/// `cumulative_sum`/`cumulative_prod` (the array-API versions): `name` is "add" or
/// "multiply". A 0-d input is treated as 1-D; `axis` is required beyond one dimension;
/// `include_initial` puts the identity first.
///
/// # Errors
/// `ValueError` when `axis` is missing for n-d input; the accumulate errors.
pub fn cumulative(
    name: &'static str,
    x: &NdArray,
    axis: Option<isize>,
    dtype: Option<DType>,
    out: Option<NdArray>,
    include_initial: bool,
    notes: &mut Notes,
) -> Result<NdArray> {
    let x = if x.ndim() == 0 {
        x.reshape(&[1], Order::C)?
    } else {
        x.clone()
    };
    let axis = match axis {
        Some(a) => a,
        None if x.ndim() >= 2 => {
            return Err(Error::value(
                "For arrays which have more than one dimension ``axis`` argument is required.",
            ))
        }
        None => 0,
    };
    let ax = layout::normalize_axis(axis, x.ndim())?;
    let identity = if name == "add" { 0.0 } else { 1.0 };
    if let (Some(o), true) = (&out, include_initial) {
        if o.ndim() != x.ndim() {
            return Err(Error::value(format!(
                "output parameter has wrong shape {}",
                shape_text(o.shape())
            )));
        }
        let tail = along(o, ax, sl(Some(1), None))?;
        reductions::cumulative(name, &x, Some(axis), dtype, Some(tail), notes)?;
        let head = along(o, ax, IndexItem::Int(0))?;
        head.fill(numoxide_core::Scalar::Float64(identity))?;
        return Ok(o.clone());
    }
    let res = reductions::cumulative(name, &x, Some(axis), dtype, out, notes)?;
    if !include_initial {
        return Ok(res);
    }
    let mut shape = x.shape().to_vec();
    shape[ax] = 1;
    let init = NdArray::full(
        &shape,
        DType::new(res.kind()),
        numoxide_core::Scalar::Float64(identity),
        Order::C,
    )?;
    concatenate_axis(&[init, res], ax)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_numpy_contract() {
        let xp: Vec<f64> = (0..20).map(|i| i as f64).collect();
        assert_eq!(search_with_guess(-1.0, &xp, 0), -1);
        assert_eq!(search_with_guess(25.0, &xp, 0), 20);
        assert_eq!(search_with_guess(19.0, &xp, 3), 19);
        for g in [0, 5, 17, 30] {
            assert_eq!(search_with_guess(7.5, &xp, g), 7);
            assert_eq!(search_with_guess(12.0, &xp, g), 12);
        }
        assert_eq!(search_with_guess(2.5, &[0.0, 1.0, 2.0, 3.0], 0), 2);
    }

    #[test]
    fn diff_and_interp_basics() {
        let a = NdArray::from_vec(vec![1.0f64, 4.0, 9.0, 16.0], &[4]).expect("array");
        let mut f = Flags::new();
        let d = diff(&a, 2, -1, None, None, &mut f).expect("diff");
        assert_eq!(d.to_vec::<f64>(), vec![2.0, 2.0]);
        let x = NdArray::from_vec(vec![0.5f64, f64::NAN, 3.0, -1.0], &[4]).expect("array");
        let xp = NdArray::from_vec(vec![0.0f64, 1.0, 2.0, 3.0], &[4]).expect("array");
        let r = interp(&x, &xp, &a, None, Some(Fill::Real(-7.0)), None, &mut f).expect("interp");
        let v = r.to_vec::<f64>();
        assert_eq!(v[0], 2.5);
        assert!(v[1].is_nan());
        assert_eq!(v[2], 16.0);
        assert_eq!(v[3], 1.0);
    }
}
