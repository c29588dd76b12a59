//! The product gufuncs (`matmul`, `vecdot`, `matvec`, `vecmat`) as NumPy's generalized
//! ufunc machinery runs them: the `axes=`, `axis=` and `keepdims=` keywords, `out=`, and
//! NumPy's validation order and messages (core dimensions, flexible `?` dimensions, the
//! iterator's "remapped shapes" broadcast errors and its output checks).

use numoxide_core::cast::{can_cast, promote_kinds, Casting};
use numoxide_core::{DType, Error, ErrorKind, NdArray, Result};

use crate::products::{matmul_named, matvec, vecdot, vecmat};

/// One of the product gufuncs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gufunc {
    /// `matmul`, signature `(n?,k),(k,m?)->(n?,m?)`.
    Matmul,
    /// `vecdot`, signature `(n),(n)->()`.
    Vecdot,
    /// `matvec`, signature `(m,n),(n)->(m)`.
    Matvec,
    /// `vecmat`, signature `(n),(n,m)->(m)`.
    Vecmat,
}

/// A core dimension of an operand: its label and whether it may be missing (`?`).
type Core = (usize, bool);

struct Sig {
    name: &'static str,
    text: &'static str,
    ops: [&'static [Core]; 3],
    labels: usize,
}

impl Gufunc {
    fn sig(self) -> Sig {
        match self {
            Gufunc::Matmul => Sig {
                name: "matmul",
                text: "(n?,k),(k,m?)->(n?,m?)",
                ops: [
                    &[(0, true), (1, false)],
                    &[(1, false), (2, true)],
                    &[(0, true), (2, true)],
                ],
                labels: 3,
            },
            Gufunc::Vecdot => Sig {
                name: "vecdot",
                text: "(n),(n)->()",
                ops: [&[(0, false)], &[(0, false)], &[]],
                labels: 1,
            },
            Gufunc::Matvec => Sig {
                name: "matvec",
                text: "(m,n),(n)->(m)",
                ops: [&[(0, false), (1, false)], &[(1, false)], &[(0, false)]],
                labels: 2,
            },
            Gufunc::Vecmat => Sig {
                name: "vecmat",
                text: "(n),(n,m)->(m)",
                ops: [&[(0, false)], &[(0, false), (1, false)], &[(1, false)]],
                labels: 2,
            },
        }
    }
}

/// An integer keyword value as Python gave it: the integer, or the `TypeError` text its
/// conversion to an integer raised.
pub type IntArg = std::result::Result<isize, String>;

/// One entry of the `axes=` list.
#[derive(Clone, Debug)]
pub enum AxesItem {
    /// A tuple of axes.
    Tuple(Vec<IntArg>),
    /// Anything else (NumPy reads it as one axis when the operand has one core dimension).
    Other(IntArg),
}

/// The gufunc keywords `axes=`, `axis=` and `keepdims=` (each `None` when not passed).
#[derive(Clone, Debug, Default)]
pub struct CoreKeywords {
    /// `axes=`: the list's items, or `Err(())` when the value is not a list.
    pub axes: Option<std::result::Result<Vec<AxesItem>, ()>>,
    /// `axis=`.
    pub axis: Option<IntArg>,
    /// `keepdims=`.
    pub keepdims: Option<bool>,
}

/// NumPy's `convert_shape_to_string`: leading negative entries are dropped, later ones
/// print as `newaxis`, and only a single entry gets a trailing comma.
fn shape_string(vals: &[isize], ending: &str) -> String {
    let first = vals.iter().position(|&v| v >= 0);
    let Some(first) = first else {
        return format!("(){ending}");
    };
    let parts: Vec<String> = vals[first..]
        .iter()
        .map(|&v| {
            if v < 0 {
                "newaxis".to_string()
            } else {
                v.to_string()
            }
        })
        .collect();
    if vals.len() == 1 {
        format!("({},){ending}", parts.join(","))
    } else {
        format!("({}){ending}", parts.join(","))
    }
}

fn dims(shape: &[usize]) -> Vec<isize> {
    shape.iter().map(|&d| d as isize).collect()
}

fn int_arg(v: &IntArg) -> Result<isize> {
    v.clone().map_err(Error::type_error)
}

/// NumPy's iterator checks of a gufunc call's loop. The operands (their shapes, `None`
/// for an output not given; the output is the last one) are seen through `op_axes` (for
/// each iterator dimension the operand's axis, or -1 when it has none there): they must
/// broadcast together and with the requested `itershape` (-1 where free, and a requested
/// length 1 is not broadcast up), and the output may not be broadcast up to the result.
///
/// # Errors
/// NumPy's `ValueError`s: "operands could not be broadcast together with remapped
/// shapes", "output operand requires a reduction", "non-broadcastable output operand".
pub fn check_loop_broadcast(
    shapes: &[Option<&[usize]>],
    op_axes: &[Vec<isize>],
    itershape: &[isize],
) -> Result<()> {
    let iter_ndim = itershape.len();
    let mut bshape: Vec<usize> = itershape.iter().map(|&s| s.max(1) as usize).collect();
    let mut clash = false;
    'ops: for (shape, axes) in shapes.iter().zip(op_axes) {
        let Some(shape) = shape else { continue };
        for idim in 0..iter_ndim {
            let ax = axes[idim];
            if ax < 0 {
                continue;
            }
            let s = shape[ax as usize];
            if bshape[idim] == 1 {
                bshape[idim] = s;
            } else if bshape[idim] != s && s != 1 {
                clash = true;
                break 'ops;
            }
        }
    }
    // A requested length of 1 may not be broadcast up either.
    clash = clash || (0..iter_ndim).any(|d| itershape[d] == 1 && bshape[d] != 1);
    if clash {
        let mut text = String::new();
        for (shape, axes) in shapes.iter().zip(op_axes) {
            let Some(shape) = shape else { continue };
            text.push_str(&shape_string(&dims(shape), "->"));
            let rem: Vec<isize> = axes
                .iter()
                .map(|&x| {
                    if x >= 0 {
                        shape[x as usize] as isize
                    } else {
                        -1
                    }
                })
                .collect();
            text.push_str(&shape_string(&rem, " "));
        }
        return Err(Error::value(format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {text} and requested shape {}",
            shape_string(itershape, "")
        )));
    }
    let (Some(Some(o)), Some(axes)) = (shapes.last(), op_axes.last()) else {
        return Ok(());
    };
    for j in (0..iter_ndim).rev() {
        if bshape[j] == 1 {
            continue;
        }
        let ax = axes[j];
        if ax < 0 {
            return Err(Error::value(format!(
                "output operand requires a reduction along dimension {ax}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
            )));
        }
        if o[ax as usize] == 1 {
            let rem: Vec<isize> = axes
                .iter()
                .rev()
                .map(|&x| if x >= 0 { o[x as usize] as isize } else { -1 })
                .collect();
            return Err(Error::value(format!(
                "non-broadcastable output operand with shape {} [remapped to {}] doesn't match the broadcast shape {}",
                shape_string(&dims(o), ""),
                shape_string(&rem, ""),
                shape_string(&dims(&bshape), "")
            )));
        }
    }
    Ok(())
}

/// Run product gufunc `f` on `a` and `b` with NumPy's gufunc keywords, writing into `out`
/// when given (under `casting`).
///
/// # Errors
/// NumPy's errors, in NumPy's order: output casting, keepdims/axis support, too few
/// dimensions, malformed `axes`/`axis`, core-dimension mismatches, broadcasting.
pub fn product_gufunc(
    f: Gufunc,
    a: &NdArray,
    b: &NdArray,
    out: Option<&NdArray>,
    kw: &CoreKeywords,
    casting: Casting,
) -> Result<NdArray> {
    if kw.axis.is_some() && kw.axes.is_some() {
        return Err(Error::type_error("cannot specify both 'axis' and 'axes'"));
    }
    if f == Gufunc::Matmul
        && out.is_none()
        && kw.axes.is_none()
        && kw.axis.is_none()
        && kw.keepdims.is_none()
    {
        if let Some(r) = crate::products::matmul_small_2d(a, b) {
            return r;
        }
    }
    let sig = f.sig();
    let name = sig.name;
    let kind = promote_kinds(a.kind(), b.kind());
    if let Some(o) = out {
        let from = DType::new(kind);
        if !can_cast(&from, o.dtype(), casting) {
            return Err(numoxide_core::cast::ufunc_cast_error(
                name,
                "output",
                &from,
                o.dtype(),
                casting,
            ));
        }
    }
    let ops: [Option<&NdArray>; 3] = [Some(a), Some(b), out];
    let nin = 2;
    let nop = 3;
    if kw.keepdims.is_some() {
        let c0 = sig.ops[0].len();
        for (i, op) in sig.ops.iter().enumerate().skip(1) {
            let want = if i < nin { c0 } else { 0 };
            if op.len() != want {
                return Err(Error::type_error(format!(
                    "{name} does not support keepdims: its signature {} requires {} {} to have {} core dimensions, but keepdims can only be used when all inputs have the same number of core dimensions and all outputs have no core dimensions.",
                    sig.text,
                    if i < nin { "input" } else { "output" },
                    if i < nin { i } else { i - nin },
                    op.len()
                )));
            }
        }
    }
    if kw.axis.is_some() && sig.labels != 1 {
        return Err(Error::type_error(format!(
            "{name}: axis can only be used with a single shared core dimension, not with the {} distinct ones implied by signature {}.",
            sig.labels, sig.text
        )));
    }
    let keepdims = kw.keepdims == Some(true);
    let mut ncore: Vec<usize> = sig.ops.iter().map(|o| o.len()).collect();
    if keepdims {
        ncore[2] = ncore[0];
    }
    // Operands with too few dimensions drop their flexible core dimensions.
    let mut missing = vec![false; sig.labels];
    for i in 0..nop {
        let Some(op) = ops[i] else { continue };
        let nd = op.ndim();
        if nd >= ncore[i] {
            continue;
        }
        for &(label, flexible) in sig.ops[i] {
            if !flexible || missing[label] {
                continue;
            }
            missing[label] = true;
            for (k, o) in sig.ops.iter().enumerate() {
                ncore[k] -= o.iter().filter(|c| c.0 == label).count();
            }
            if nd == ncore[i] {
                break;
            }
        }
        if nd < ncore[i] {
            return Err(Error::value(format!(
                "{name}: {} operand {} does not have enough dimensions (has {nd}, gufunc core with signature {} requires {})",
                if i < nin { "Input" } else { "Output" },
                if i < nin { i } else { i - nin },
                sig.text,
                ncore[i]
            )));
        }
    }
    let bnd = (0..nop)
        .filter_map(|i| ops[i].map(|o| o.ndim() - ncore[i]))
        .max()
        .unwrap_or(0);
    let op_ndim: Vec<usize> = (0..nop)
        .map(|i| ops[i].map_or(bnd + ncore[i], |o| o.ndim()))
        .collect();
    let mut remap: Vec<Vec<usize>> = op_ndim.iter().map(|&n| (0..n).collect()).collect();
    if let Some(axis) = &kw.axis {
        let axis = int_arg(axis)?;
        for i in 0..nop {
            if ncore[i] == 0 {
                continue;
            }
            let nd = op_ndim[i];
            let ax = numoxide_core::layout::normalize_axis(axis, nd)?;
            let r = &mut remap[i];
            r.clear();
            r.extend((0..nd).filter(|&x| x != ax));
            r.push(ax);
        }
    } else if let Some(axes) = &kw.axes {
        let items = axes
            .as_ref()
            .map_err(|_| Error::type_error("axes should be a list."))?;
        if items.len() != nop && (items.len() != nin || !sig.ops[2].is_empty()) {
            return Err(Error::value(format!(
                "axes should be a list with an entry for all {nop} inputs and outputs; entries for outputs can only be omitted if none of them has core axes."
            )));
        }
        for (iop, item) in items.iter().enumerate() {
            let nc = ncore[iop];
            let nd = op_ndim[iop];
            let nb = nd - nc;
            let tuple: Vec<IntArg> = match item {
                AxesItem::Tuple(v) => {
                    if v.len() != nc {
                        return Err(Error::new(
                            ErrorKind::Axis,
                            format!(
                                "{name}: operand {iop} has {nc} core dimensions, but {} dimensions are specified by axes tuple.",
                                v.len()
                            ),
                        ));
                    }
                    v.clone()
                }
                AxesItem::Other(x) if nc == 1 => vec![x.clone()],
                AxesItem::Other(Err(_)) => {
                    return Err(Error::type_error(format!(
                        "{name}: axes item {iop} should be a tuple."
                    )))
                }
                AxesItem::Other(Ok(_)) => {
                    return Err(Error::new(
                        ErrorKind::Axis,
                        format!(
                            "{name}: operand {iop} has {nc} core dimensions, but the axes item is a single integer."
                        ),
                    ))
                }
            };
            let mut seen = vec![false; nd];
            let r = &mut remap[iop];
            for (j, v) in tuple.iter().enumerate() {
                let ax = numoxide_core::layout::normalize_axis(int_arg(v)?, nd)?;
                if seen[ax] {
                    return Err(Error::value(format!(
                        "axes item {iop} has value {ax} repeated"
                    )));
                }
                seen[ax] = true;
                r[nb + j] = ax;
            }
            let mut next = 0;
            for slot in r.iter_mut().take(nb) {
                while seen[next] {
                    next += 1;
                }
                *slot = next;
                next += 1;
            }
        }
    }
    // Core dimension sizes, read through the remapping.
    let mut sizes: Vec<Option<usize>> = vec![None; sig.labels];
    for i in 0..nop {
        let Some(op) = ops[i] else { continue };
        let start = op.ndim() - ncore[i];
        let mut delta = 0;
        for (idim, &(label, _)) in sig.ops[i].iter().enumerate() {
            let size = if missing[label] {
                delta += 1;
                1
            } else {
                op.shape()[remap[i][start + idim - delta]]
            };
            match sizes[label] {
                None => sizes[label] = Some(size),
                Some(s) if s != size => {
                    return Err(Error::value(format!(
                        "{name}: {} operand {} has a mismatch in its core dimension {}, with gufunc signature {} (size {size} is different from {s})",
                        if i < nin { "Input" } else { "Output" },
                        if i < nin { i } else { i - nin },
                        idim - delta,
                        sig.text
                    )));
                }
                _ => {}
            }
        }
    }
    // The iterator: broadcast dimensions, then the output's core dimensions.
    let mut itershape: Vec<isize> = vec![-1; bnd];
    let mut op_axes: Vec<Vec<isize>> = Vec::with_capacity(nop);
    for i in 0..nop {
        let n = op_ndim[i] - ncore[i];
        let mut axes: Vec<isize> = (0..bnd)
            .map(|idim| {
                if idim + n >= bnd {
                    remap[i][idim + n - bnd] as isize
                } else {
                    -1
                }
            })
            .collect();
        if i >= nin {
            if keepdims {
                for j in 0..ncore[i] {
                    itershape.push(1);
                    axes.push(remap[i][n + j] as isize);
                }
            } else {
                let mut removed = 0;
                for (j, &(label, _)) in sig.ops[i].iter().enumerate() {
                    if missing[label] {
                        removed += 1;
                        continue;
                    }
                    itershape.push(sizes[label].unwrap_or(1) as isize);
                    axes.push(remap[i][n + j - removed] as isize);
                }
            }
        } else {
            let core_out = if keepdims {
                ncore[0]
            } else {
                sig.ops[2].iter().filter(|c| !missing[c.0]).count()
            };
            axes.extend(std::iter::repeat_n(-1, core_out));
        }
        op_axes.push(axes);
    }
    let shapes: Vec<Option<&[usize]>> = ops.iter().map(|o| o.map(|o| o.shape())).collect();
    check_loop_broadcast(&shapes, &op_axes, &itershape)?;
    // Compute with the core dimensions moved last and missing ones restored as length 1.
    let perm = |i: usize| -> Vec<isize> { remap[i].iter().map(|&x| x as isize).collect() };
    let a2 = a.transpose(Some(&perm(0)))?;
    let b2 = b.transpose(Some(&perm(1)))?;
    let mut r = match f {
        Gufunc::Matmul => {
            let a3 = if missing[0] {
                a2.expand_dims(&[-2])?
            } else {
                a2
            };
            let b3 = if missing[2] {
                b2.expand_dims(&[-1])?
            } else {
                b2
            };
            let full = matmul_named(&a3, &b3, name)?;
            let mut shape: Vec<isize> = dims(full.shape());
            let nd = shape.len();
            if missing[2] {
                shape.remove(nd - 1);
            }
            if missing[0] {
                shape.remove(nd - 2);
            }
            if shape.len() == nd {
                full
            } else {
                full.reshape(&shape, numoxide_core::Order::C)?
            }
        }
        Gufunc::Vecdot => vecdot(&a2, &b2, -1)?,
        Gufunc::Matvec => matvec(&a2, &b2)?,
        Gufunc::Vecmat => vecmat(&a2, &b2)?,
    };
    if keepdims {
        // A reshape (not a stride-0 new axis) keeps the strides NumPy allocates.
        let mut shape = dims(r.shape());
        shape.push(1);
        r = r.reshape(&shape, numoxide_core::Order::C)?;
    }
    match out {
        Some(o) => {
            o.transpose(Some(&perm(2)))?.assign(&r)?;
            Ok(o.clone())
        }
        None => {
            let mut inv = vec![0isize; remap[2].len()];
            for (p, &ax) in remap[2].iter().enumerate() {
                inv[ax] = p as isize;
            }
            if inv.iter().enumerate().all(|(p, &x)| x == p as isize) {
                Ok(r)
            } else {
                r.transpose(Some(&inv))
            }
        }
    }
}
