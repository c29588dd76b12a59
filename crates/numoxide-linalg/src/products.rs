//! The matrix and tensor products: matmul (`@`), dot, vdot, inner, outer, tensordot,
//! kron, trace, vecdot, matvec, vecmat, cross, matrix_power.

use faer::{Accum, MatMut, MatRef, Par};
use numoxide_core::cast::promote_kinds;
use numoxide_core::element::{Complex128, Complex64};
use numoxide_core::layout::{self, Order};
use numoxide_core::{DType, DTypeKind, Error, NdArray, Result};

use crate::scalar::LinalgScalar;
use crate::stack::{check_square, fmt_shape};

const MATMUL_SIG: &str = "(n?,k),(k,m?)->(n?,m?)";

/// Whether faer may use its rayon pool for a product of this many multiply-adds: only
/// when `NUMOXIDE_NUM_THREADS` asks for two or more threads (faer's parallel product
/// splits the output, so the bits do not change). By default products run on one
/// thread: on the 2-vCPU machines this targets, a second thread is usually time-sliced
/// on the same core and made 1024^2..2048^2 products 1.3-1.5x slower.
fn parallelism(work: usize) -> Par {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads = *THREADS.get_or_init(|| {
        std::env::var("NUMOXIDE_NUM_THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    });
    if threads <= 1 || work < (1 << 22) {
        Par::Seq
    } else {
        Par::rayon(threads)
    }
}

/// `np.matmul(a, b)` (and `a @ b`): NumPy's 1-D promotion rules, broadcast batch
/// dimensions, the promoted dtype; integers wrap, booleans are logical.
///
/// # Errors
/// NumPy's `ValueError`s for 0-d operands, mismatched core dimensions or batch shapes
/// that do not broadcast.
pub fn matmul_arrays(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    crate::gufunc::product_gufunc(
        crate::gufunc::Gufunc::Matmul,
        a,
        b,
        None,
        &crate::gufunc::CoreKeywords::default(),
        numoxide_core::cast::Casting::SameKind,
    )
}

fn gufunc_mismatch(
    name: &str,
    operand: usize,
    dim: usize,
    sig: &str,
    got: usize,
    want: usize,
) -> Error {
    Error::value(format!(
        "{name}: Input operand {operand} has a mismatch in its core dimension {dim}, with gufunc signature {sig} (size {got} is different from {want})"
    ))
}

fn gufunc_few_dims(name: &str, operand: usize, has: usize, sig: &str, needs: usize) -> Error {
    Error::value(format!(
        "{name}: Input operand {operand} does not have enough dimensions (has {has}, gufunc core with signature {sig} requires {needs})"
    ))
}

pub(crate) fn matmul_named(a: &NdArray, b: &NdArray, name: &str) -> Result<NdArray> {
    if a.ndim() == 0 {
        return Err(gufunc_few_dims(name, 0, 0, MATMUL_SIG, 1));
    }
    if b.ndim() == 0 {
        return Err(gufunc_few_dims(name, 1, 0, MATMUL_SIG, 1));
    }
    let a2 = if a.ndim() == 1 {
        a.expand_dims(&[0])?
    } else {
        a.clone()
    };
    let b2 = if b.ndim() == 1 {
        b.expand_dims(&[-1])?
    } else {
        b.clone()
    };
    let (an, bn) = (a2.ndim(), b2.ndim());
    let k = a2.shape()[an - 1];
    if b2.shape()[bn - 2] != k {
        return Err(gufunc_mismatch(
            name,
            1,
            0,
            MATMUL_SIG,
            b2.shape()[bn - 2],
            k,
        ));
    }
    let batch = layout::broadcast_shapes(&[&a2.shape()[..an - 2], &b2.shape()[..bn - 2]]).map_err(
        |_| {
            Error::value(format!(
                "{name}: operands could not be broadcast together with shapes {} {}",
                fmt_shape(a.shape()),
                fmt_shape(b.shape())
            ))
        },
    )?;
    let kind = promote_kinds(a.kind(), b.kind());
    let out = matmul_batched(&a2, &b2, &batch, kind)?;
    let mut shape: Vec<usize> = out.shape().to_vec();
    let nd = shape.len();
    if b.ndim() == 1 {
        shape.remove(nd - 1);
    }
    if a.ndim() == 1 {
        shape.remove(nd - 2);
    }
    if shape.len() == nd {
        return Ok(out);
    }
    let shape: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
    out.reshape(&shape, Order::C)
}

/// Batched product of stacks `a` (..., m, k) and `b` (..., k, n) broadcast to `batch`,
/// computed in dtype `kind`.
pub(crate) fn matmul_batched(
    a: &NdArray,
    b: &NdArray,
    batch: &[usize],
    kind: DTypeKind,
) -> Result<NdArray> {
    let (an, bn) = (a.ndim(), b.ndim());
    let (m, k, n) = (a.shape()[an - 2], a.shape()[an - 1], b.shape()[bn - 1]);
    let mut ashape = batch.to_vec();
    ashape.extend([m, k]);
    let mut bshape = batch.to_vec();
    bshape.extend([k, n]);
    let a = a.broadcast_to(&ashape)?;
    let b = b.broadcast_to(&bshape)?;
    let mut oshape = batch.to_vec();
    oshape.extend([m, n]);
    match kind {
        DTypeKind::Float32 => matmul_faer::<f32>(&a, &b, &oshape),
        DTypeKind::Float64 => matmul_faer::<f64>(&a, &b, &oshape),
        DTypeKind::Complex64 => matmul_faer::<Complex64>(&a, &b, &oshape),
        DTypeKind::Complex128 => matmul_faer::<Complex128>(&a, &b, &oshape),
        DTypeKind::Float16 => {
            let r = matmul_faer::<f32>(&a, &b, &oshape)?;
            r.astype(DType::new(DTypeKind::Float16), Order::C)
        }
        _ => matmul_int(&a, &b, &oshape, kind),
    }
}

/// An operand faer can read in place: native byte order, aligned, of kind `T`, with
/// strides that are whole elements; otherwise a C-order copy.
pub(crate) fn faer_operand<T: LinalgScalar>(a: &NdArray) -> Result<NdArray> {
    let size = std::mem::size_of::<T>() as isize;
    let usable = a.kind() == T::KIND
        && a.dtype().is_native()
        && a.is_aligned()
        && a.strides().iter().all(|s| s % size == 0);
    if usable {
        Ok(a.clone())
    } else {
        a.astype(DType::new(T::KIND), Order::C)
    }
}

/// Byte offsets of each matrix of a stack, over the leading `batch` dimensions.
pub(crate) fn batch_offsets(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    let count: usize = shape.iter().product();
    let mut out = Vec::with_capacity(count);
    let mut index = vec![0usize; shape.len()];
    let mut off = 0isize;
    for _ in 0..count {
        out.push(off);
        let mut d = shape.len();
        while d > 0 {
            d -= 1;
            index[d] += 1;
            off += strides[d];
            if index[d] < shape[d] {
                break;
            }
            off -= strides[d] * shape[d] as isize;
            index[d] = 0;
        }
    }
    out
}

/// `a @ b` for two 2-D float64 (or two float32) arrays small enough for the register
/// kernels, without the gufunc machinery's shape bookkeeping (the per-call cost of a
/// tiny product is otherwise mostly allocations). `None` when the case does not apply:
/// the caller then takes the general path, which computes the same bits with the same
/// kernel.
pub(crate) fn matmul_small_2d(a: &NdArray, b: &NdArray) -> Option<Result<NdArray>> {
    #[cfg(target_arch = "x86_64")]
    {
        let kind = a.kind();
        if a.ndim() != 2
            || b.ndim() != 2
            || b.kind() != kind
            || !matches!(kind, DTypeKind::Float64 | DTypeKind::Float32)
            || !a.dtype().is_native()
            || !b.dtype().is_native()
            || !a.is_aligned()
            || !b.is_aligned()
        {
            return None;
        }
        let size = kind.itemsize() as isize;
        let (ast, bst) = (a.strides(), b.strides());
        if ast.iter().chain(bst).any(|s| s % size != 0) {
            return None;
        }
        let (m, k, n) = (a.shape()[0], a.shape()[1], b.shape()[1]);
        let (ars, acs) = (ast[0] / size, ast[1] / size);
        let (brs, bcs) = (bst[0] / size, bst[1] / size);
        if b.shape()[0] != k || !crate::small_gemm::applies(m, n, k, bcs) {
            return None;
        }
        // SAFETY: the kernel below writes every element of the m x n output (all
        // dimensions are nonzero: `applies` checked) before it is returned.
        let out = match unsafe { NdArray::uninit(&[m, n], DType::new(kind), Order::C) } {
            Ok(o) => o,
            Err(e) => return Some(Err(e)),
        };
        // SAFETY: `a` and `b` are native, aligned 2-D arrays of the kernel's element type
        // (checked above) whose element strides describe them inside their buffers; `out`
        // is a fresh C-order m x n array of that type that cannot overlap them; `applies`
        // checked AVX-512F and B's unit column stride.
        unsafe {
            if kind == DTypeKind::Float64 {
                crate::small_gemm::matmul_f64(
                    m,
                    n,
                    k,
                    a.data_ptr() as *const f64,
                    ars,
                    acs,
                    b.data_ptr() as *const f64,
                    brs,
                    out.data_ptr() as *mut f64,
                    n as isize,
                );
            } else {
                crate::small_gemm::matmul_f32(
                    m,
                    n,
                    k,
                    a.data_ptr() as *const f32,
                    ars,
                    acs,
                    b.data_ptr() as *const f32,
                    brs,
                    out.data_ptr() as *mut f32,
                    n as isize,
                );
            }
        }
        Some(Ok(out))
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = (a, b);
        None
    }
}

fn matmul_faer<T: LinalgScalar>(a: &NdArray, b: &NdArray, oshape: &[usize]) -> Result<NdArray> {
    let nd = oshape.len();
    let (m, n) = (oshape[nd - 2], oshape[nd - 1]);
    let k = a.shape()[nd - 1];
    if m == 0 || n == 0 || k == 0 || oshape.contains(&0) {
        return NdArray::zeros(oshape, DType::new(T::KIND), Order::C);
    }
    // SAFETY: every matrix of the output is written whole by faer's product below
    // (`Accum::Replace`, all dimensions nonzero) before the array is returned. An
    // uninitialized buffer comes from the allocator, so repeated large products reuse
    // memory already faulted in instead of a fresh zeroed mapping each call.
    let out = unsafe { NdArray::uninit(oshape, DType::new(T::KIND), Order::C)? };
    let a = faer_operand::<T>(a)?;
    let b = faer_operand::<T>(b)?;
    let size = std::mem::size_of::<T>() as isize;
    let (ast, bst) = (a.strides(), b.strides());
    let (ars, acs) = (ast[nd - 2] / size, ast[nd - 1] / size);
    let (brs, bcs) = (bst[nd - 2] / size, bst[nd - 1] / size);
    let aoff = batch_offsets(&oshape[..nd - 2], &ast[..nd - 2]);
    let boff = batch_offsets(&oshape[..nd - 2], &bst[..nd - 2]);
    let par = parallelism(m * n * k);
    let ob = out.data_ptr() as *mut T;
    #[cfg(target_arch = "x86_64")]
    if matches!(T::KIND, DTypeKind::Float64 | DTypeKind::Float32)
        && crate::small_gemm::applies(m, n, k, bcs)
    {
        for (i, (&ao, &bo)) in aoff.iter().zip(&boff).enumerate() {
            // SAFETY: as for the faer call below (same operands, offsets and output);
            // `applies` checked AVX-512F and B's unit column stride, and `T` is f64 or
            // f32 by the kind test, so the pointer casts keep the element type.
            unsafe {
                let ap = a.data_ptr().offset(ao);
                let bp = b.data_ptr().offset(bo);
                let op = ob.add(i * m * n);
                if T::KIND == DTypeKind::Float64 {
                    crate::small_gemm::matmul_f64(
                        m,
                        n,
                        k,
                        ap as *const f64,
                        ars,
                        acs,
                        bp as *const f64,
                        brs,
                        op as *mut f64,
                        n as isize,
                    );
                } else {
                    crate::small_gemm::matmul_f32(
                        m,
                        n,
                        k,
                        ap as *const f32,
                        ars,
                        acs,
                        bp as *const f32,
                        brs,
                        op as *mut f32,
                        n as isize,
                    );
                }
            }
        }
        return Ok(out);
    }
    #[cfg(target_arch = "x86_64")]
    if matches!(T::KIND, DTypeKind::Float64 | DTypeKind::Float32)
        && matches!(par, Par::Seq)
        && crate::packed_gemm::applies(m, n, k)
    {
        for (i, (&ao, &bo)) in aoff.iter().zip(&boff).enumerate() {
            // SAFETY: as for the faer call below (same operands, offsets and output);
            // `applies` checked AVX-512F, and `T` is f64 or f32 by the kind test, so
            // the pointer casts keep the element type.
            unsafe {
                let ap = a.data_ptr().offset(ao);
                let bp = b.data_ptr().offset(bo);
                let op = ob.add(i * m * n);
                macro_rules! packed {
                    ($gemm:path, $t:ty) => {
                        $gemm(
                            m,
                            n,
                            k,
                            ap as *const $t,
                            ars,
                            acs,
                            bp as *const $t,
                            brs,
                            bcs,
                            op as *mut $t,
                            n as isize,
                        )
                    };
                }
                if T::KIND == DTypeKind::Float64 {
                    packed!(crate::packed_gemm::gemm_f64, f64);
                } else {
                    packed!(crate::packed_gemm::gemm_f32, f32);
                }
            }
        }
        return Ok(out);
    }
    for (i, (&ao, &bo)) in aoff.iter().zip(&boff).enumerate() {
        // SAFETY: `a` and `b` are native, aligned arrays of `T` whose layouts were
        // checked against their buffers; `ao`/`bo` are offsets of matrices inside them
        // and the element strides describe the last two axes. The output is a fresh,
        // exclusively owned C-order array of `T` with `i * m * n` in bounds, and it
        // cannot overlap the inputs. All dimensions are nonzero so pointers are valid.
        unsafe {
            let ap = a.data_ptr().offset(ao) as *const T;
            let bp = b.data_ptr().offset(bo) as *const T;
            let lhs = MatRef::from_raw_parts(ap, m, k, ars, acs);
            let rhs = MatRef::from_raw_parts(bp, k, n, brs, bcs);
            let dst = MatMut::from_raw_parts_mut(ob.add(i * m * n), m, n, n as isize, 1);
            faer::linalg::matmul::matmul(dst, Accum::Replace, lhs, rhs, T::lone(), par);
        }
    }
    Ok(out)
}

/// Integer (and boolean) products, exact with wraparound: computed on i64 and
/// truncated to the result type, which gives the same bits as NumPy's loop.
fn matmul_int(a: &NdArray, b: &NdArray, oshape: &[usize], kind: DTypeKind) -> Result<NdArray> {
    let nd = oshape.len();
    let (m, n) = (oshape[nd - 2], oshape[nd - 1]);
    let k = a.shape()[nd - 1];
    let av = a.to_vec::<i64>();
    let bv = b.to_vec::<i64>();
    let count: usize = oshape[..nd - 2].iter().product();
    let mut out = vec![0i64; count * m * n];
    let boolean = kind == DTypeKind::Bool;
    for t in 0..count {
        let ab = &av[t * m * k..(t + 1) * m * k];
        let bb = &bv[t * k * n..(t + 1) * k * n];
        let ob = &mut out[t * m * n..(t + 1) * m * n];
        for (arow, orow) in ab.chunks_exact(k.max(1)).zip(ob.chunks_exact_mut(n.max(1))) {
            for (p, &x) in arow.iter().enumerate() {
                if x == 0 {
                    continue;
                }
                let brow = &bb[p * n..(p + 1) * n];
                if boolean {
                    for (o, &y) in orow.iter_mut().zip(brow) {
                        *o |= (y != 0) as i64;
                    }
                } else {
                    for (o, &y) in orow.iter_mut().zip(brow) {
                        *o = o.wrapping_add(x.wrapping_mul(y));
                    }
                }
            }
        }
    }
    NdArray::from_vec(out, oshape)?.astype(DType::new(kind), Order::C)
}

/// The complex conjugate of an array (a copy; real arrays are returned as they are).
pub(crate) fn conj_array(a: &NdArray) -> Result<NdArray> {
    match a.kind() {
        DTypeKind::Complex64 => {
            let v: Vec<Complex64> = a
                .to_vec::<Complex64>()
                .into_iter()
                .map(|z| z.conj())
                .collect();
            NdArray::from_vec(v, a.shape())
        }
        DTypeKind::Complex128 => {
            let v: Vec<Complex128> = a
                .to_vec::<Complex128>()
                .into_iter()
                .map(|z| z.conj())
                .collect();
            NdArray::from_vec(v, a.shape())
        }
        _ => Ok(a.clone()),
    }
}

fn isize_shape(s: &[usize]) -> Vec<isize> {
    s.iter().map(|&d| d as isize).collect()
}

/// `np.tensordot(a, b, (axes_a, axes_b))`: sum products over the paired axes.
///
/// # Errors
/// `ValueError` "shape-mismatch for sum", `AxisError`.
pub fn tensordot(a: &NdArray, b: &NdArray, axes_a: &[isize], axes_b: &[isize]) -> Result<NdArray> {
    // NumPy's order: repeated axes as given, the counts, then each pair's lengths (a
    // Python index into the shapes: IndexError when out of range).
    let repeated = |v: &[isize]| (1..v.len()).any(|i| v[..i].contains(&v[i]));
    if repeated(axes_a) || repeated(axes_b) {
        return Err(Error::value("duplicate axes are not allowed in tensordot"));
    }
    if axes_a.len() != axes_b.len() {
        return Err(Error::value("shape-mismatch for sum"));
    }
    let index = |ax: isize, nd: usize| -> Result<usize> {
        let n = nd as isize;
        if ax < -n || ax >= n {
            return Err(Error::index("tuple index out of range"));
        }
        Ok(if ax < 0 {
            (ax + n) as usize
        } else {
            ax as usize
        })
    };
    for (&i, &j) in axes_a.iter().zip(axes_b) {
        if a.shape()[index(i, a.ndim())?] != b.shape()[index(j, b.ndim())?] {
            return Err(Error::value("shape-mismatch for sum"));
        }
    }
    let xa = layout::normalize_axes(axes_a, a.ndim())?;
    let xb = layout::normalize_axes(axes_b, b.ndim())?;
    contract(a, &xa, b, &xb)
}

/// Contract `a` over axes `xa` with `b` over axes `xb` (already checked).
fn contract(a: &NdArray, xa: &[usize], b: &NdArray, xb: &[usize]) -> Result<NdArray> {
    let free_a: Vec<usize> = (0..a.ndim()).filter(|i| !xa.contains(i)).collect();
    let free_b: Vec<usize> = (0..b.ndim()).filter(|i| !xb.contains(i)).collect();
    let ksize: usize = xa.iter().map(|&i| a.shape()[i]).product();
    let msize: usize = free_a.iter().map(|&i| a.shape()[i]).product();
    let nsize: usize = free_b.iter().map(|&i| b.shape()[i]).product();
    let perm_a: Vec<isize> = free_a
        .iter()
        .chain(xa.iter())
        .map(|&i| i as isize)
        .collect();
    let perm_b: Vec<isize> = xb
        .iter()
        .chain(free_b.iter())
        .map(|&i| i as isize)
        .collect();
    let a2 = a
        .transpose(Some(&perm_a))?
        .reshape(&[msize as isize, ksize as isize], Order::C)?;
    let b2 = b
        .transpose(Some(&perm_b))?
        .reshape(&[ksize as isize, nsize as isize], Order::C)?;
    let kind = promote_kinds(a.kind(), b.kind());
    let r = matmul_batched(&a2, &b2, &[], kind)?;
    let mut shape: Vec<usize> = free_a.iter().map(|&i| a.shape()[i]).collect();
    shape.extend(free_b.iter().map(|&i| b.shape()[i]));
    r.reshape(&isize_shape(&shape), Order::C)
}

/// Elementwise product of two arrays that broadcast (the 0-d cases of dot and inner).
fn multiply(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let shape = layout::broadcast_shapes(&[a.shape(), b.shape()])?;
    let n: usize = shape.iter().product();
    let a1 = a
        .broadcast_to(&shape)?
        .reshape(&[n as isize, 1], Order::C)?;
    let b1 = b
        .broadcast_to(&shape)?
        .reshape(&[n as isize, 1, 1], Order::C)?;
    let a1 = a1.reshape(&[n as isize, 1, 1], Order::C)?;
    let kind = promote_kinds(a.kind(), b.kind());
    matmul_batched(&a1, &b1, &[n], kind)?.reshape(&isize_shape(&shape), Order::C)
}

fn not_aligned(a: &NdArray, b: &NdArray, ia: usize, ib: usize) -> Error {
    Error::value(format!(
        "shapes {} and {} not aligned: {} (dim {ia}) != {} (dim {ib})",
        fmt_shape(a.shape()),
        fmt_shape(b.shape()),
        a.shape()[ia],
        b.shape()[ib]
    ))
}

/// `np.dot(a, b)`.
///
/// # Errors
/// `ValueError` "shapes ... not aligned".
pub fn dot(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let ia = a.ndim() - 1;
    let ib = if b.ndim() == 1 { 0 } else { b.ndim() - 2 };
    if a.shape()[ia] != b.shape()[ib] {
        return Err(not_aligned(a, b, ia, ib));
    }
    contract(a, &[ia], b, &[ib])
}

/// `np.inner(a, b)`: sum over the last axes.
///
/// # Errors
/// `ValueError` when the last axes differ.
pub fn inner(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let (ia, ib) = (a.ndim() - 1, b.ndim() - 1);
    if a.shape()[ia] != b.shape()[ib] {
        // NumPy reports the dot of `a` with `b`'s last two axes swapped.
        if ib == 0 {
            return Err(not_aligned(a, b, ia, 0));
        }
        let mut perm: Vec<isize> = (0..b.ndim() as isize).collect();
        perm.swap(ib - 1, ib);
        return Err(not_aligned(a, &b.transpose(Some(&perm))?, ia, ib - 1));
    }
    contract(a, &[ia], b, &[ib])
}

/// `np.vdot(a, b)`: the flattened dot product, conjugating `a`.
///
/// # Errors
/// `ValueError` when the sizes differ.
pub fn vdot(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.size() != b.size() {
        return Err(Error::value(format!(
            "cannot reshape array of size {} into shape ({},)",
            b.size(),
            a.size()
        )));
    }
    let n = a.size() as isize;
    let a1 = conj_array(a)?.reshape(&[1, n], Order::C)?;
    let b1 = b.reshape(&[n, 1], Order::C)?;
    let kind = promote_kinds(a.kind(), b.kind());
    matmul_batched(&a1, &b1, &[], kind)?.reshape(&[], Order::C)
}

/// `np.outer(a, b)`: `a.ravel()[:, None] * b.ravel()[None, :]`.
///
/// # Errors
/// Allocation failures only.
pub fn outer(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let a1 = a.reshape(&[a.size() as isize, 1], Order::C)?;
    let b1 = b.reshape(&[1, b.size() as isize], Order::C)?;
    matmul_batched(&a1, &b1, &[], promote_kinds(a.kind(), b.kind()))
}

/// `np.kron(a, b)`: the Kronecker product.
///
/// # Errors
/// Allocation failures only.
pub fn kron(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let nd = a.ndim().max(b.ndim());
    let pad = |x: &NdArray| -> Result<NdArray> {
        let mut s = vec![1isize; nd - x.ndim()];
        s.extend(x.shape().iter().map(|&d| d as isize));
        x.reshape(&s, Order::C)
    };
    let (a, b) = (pad(a)?, pad(b)?);
    let o = outer(&a, &b)?;
    let mut full = isize_shape(a.shape());
    full.extend(isize_shape(b.shape()));
    let o = o.reshape(&full, Order::C)?;
    let perm: Vec<isize> = (0..nd)
        .flat_map(|i| [i as isize, (i + nd) as isize])
        .collect();
    let shape: Vec<isize> = (0..nd)
        .map(|i| (a.shape()[i] * b.shape()[i]) as isize)
        .collect();
    o.transpose(Some(&perm))?.reshape(&shape, Order::C)
}

/// Move axis `axis` of `x` to the end.
fn axis_to_end(x: &NdArray, axis: isize) -> Result<NdArray> {
    x.moveaxis(&[axis], &[-1])
}

/// `np.vecdot(a, b, axis)`: `sum(conj(a) * b, axis)` with broadcasting.
///
/// # Errors
/// NumPy's gufunc `ValueError`s, `AxisError`.
pub fn vecdot(a: &NdArray, b: &NdArray, axis: isize) -> Result<NdArray> {
    const SIG: &str = "(n),(n)->()";
    if a.ndim() == 0 {
        return Err(gufunc_few_dims("vecdot", 0, 0, SIG, 1));
    }
    if b.ndim() == 0 {
        return Err(gufunc_few_dims("vecdot", 1, 0, SIG, 1));
    }
    let a = axis_to_end(a, axis)?;
    let b = axis_to_end(b, axis)?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if na != nb {
        return Err(gufunc_mismatch("vecdot", 1, 0, SIG, nb, na));
    }
    let a = conj_array(&a)?.expand_dims(&[-2])?;
    let b = b.expand_dims(&[-1])?;
    let r = matmul_named(&a, &b, "vecdot")?;
    let nd = r.ndim();
    r.squeeze(Some(&[nd as isize - 2, nd as isize - 1]))
}

/// `np.matvec(A, v)`: matrix-vector products over the stacked dimensions.
///
/// # Errors
/// NumPy's gufunc `ValueError`s.
pub fn matvec(a: &NdArray, v: &NdArray) -> Result<NdArray> {
    const SIG: &str = "(m,n),(n)->(m)";
    if a.ndim() < 2 {
        return Err(gufunc_few_dims("matvec", 0, a.ndim(), SIG, 2));
    }
    if v.ndim() == 0 {
        return Err(gufunc_few_dims("matvec", 1, 0, SIG, 1));
    }
    let (n, nv) = (a.shape()[a.ndim() - 1], v.shape()[v.ndim() - 1]);
    if n != nv {
        return Err(gufunc_mismatch("matvec", 1, 0, SIG, nv, n));
    }
    let r = matmul_named(a, &v.expand_dims(&[-1])?, "matvec")?;
    let nd = r.ndim();
    r.squeeze(Some(&[nd as isize - 1]))
}

/// `np.vecmat(v, A)`: `conj(v) @ A` over the stacked dimensions.
///
/// # Errors
/// NumPy's gufunc `ValueError`s.
pub fn vecmat(v: &NdArray, a: &NdArray) -> Result<NdArray> {
    const SIG: &str = "(n),(n,m)->(m)";
    if v.ndim() == 0 {
        return Err(gufunc_few_dims("vecmat", 0, 0, SIG, 1));
    }
    if a.ndim() < 2 {
        return Err(gufunc_few_dims("vecmat", 1, a.ndim(), SIG, 2));
    }
    let (nv, n) = (v.shape()[v.ndim() - 1], a.shape()[a.ndim() - 2]);
    if n != nv {
        return Err(gufunc_mismatch("vecmat", 1, 0, SIG, n, nv));
    }
    let r = matmul_named(&conj_array(v)?.expand_dims(&[-2])?, a, "vecmat")?;
    let nd = r.ndim();
    r.squeeze(Some(&[nd as isize - 2]))
}

/// NumPy's pairwise summation of `x`.
fn pairwise<T: LinalgScalar>(x: &[T]) -> T {
    if x.len() < 8 {
        let mut s = T::from_real(crate::scalar::LinalgReal::of_f64(-0.0));
        for &v in x {
            s = s + v;
        }
        s
    } else if x.len() <= 128 {
        let mut r = [x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]];
        let mut i = 8;
        while i + 8 <= x.len() {
            for (j, rj) in r.iter_mut().enumerate() {
                *rj = *rj + x[i + j];
            }
            i += 8;
        }
        let mut s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in &x[i..] {
            s = s + v;
        }
        s
    } else {
        let mut half = x.len() / 2;
        half -= half % 8;
        pairwise(&x[..half]) + pairwise(&x[half..])
    }
}

/// Sum the last axis of `x` in dtype `kind`.
pub(crate) fn sum_last(x: &NdArray, kind: DTypeKind) -> Result<NdArray> {
    let nd = x.ndim();
    let n = x.shape().get(nd.wrapping_sub(1)).copied().unwrap_or(1);
    let shape = &x.shape()[..nd.saturating_sub(1)];
    fn go<T: LinalgScalar>(x: &NdArray, n: usize, shape: &[usize]) -> Result<NdArray> {
        let v = x.to_vec::<T>();
        let out: Vec<T> = if n == 0 {
            vec![T::lzero(); shape.iter().product()]
        } else {
            v.chunks_exact(n)
                .map(|c| c[0] + pairwise(&c[1..]))
                .collect()
        };
        NdArray::from_vec(out, shape)
    }
    match kind {
        DTypeKind::Float64 => go::<f64>(x, n, shape),
        DTypeKind::Float32 => go::<f32>(x, n, shape),
        DTypeKind::Complex64 => go::<Complex64>(x, n, shape),
        DTypeKind::Complex128 => go::<Complex128>(x, n, shape),
        DTypeKind::Float16 => go::<f32>(x, n, shape)?.astype(DType::new(kind), Order::C),
        _ => {
            let v = x.to_vec::<i64>();
            let out: Vec<i64> = if n == 0 {
                vec![0; shape.iter().product()]
            } else {
                v.chunks_exact(n)
                    .map(|c| c.iter().fold(0i64, |s, &t| s.wrapping_add(t)))
                    .collect()
            };
            NdArray::from_vec(out, shape)?.astype(DType::new(kind), Order::C)
        }
    }
}

/// The dtype NumPy's `sum` uses by default for `kind` (small integers widen).
pub(crate) fn sum_kind(kind: DTypeKind) -> DTypeKind {
    match kind {
        DTypeKind::Bool | DTypeKind::Int8 | DTypeKind::Int16 | DTypeKind::Int32 => DTypeKind::Int64,
        DTypeKind::UInt8 | DTypeKind::UInt16 | DTypeKind::UInt32 => DTypeKind::UInt64,
        k => k,
    }
}

/// `np.trace(a, offset, axis1, axis2, dtype)`.
///
/// # Errors
/// `ValueError` for arrays of fewer than two dimensions, `AxisError`.
pub fn trace(
    a: &NdArray,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<DTypeKind>,
) -> Result<NdArray> {
    if a.ndim() < 2 {
        return Err(Error::value(
            "diag requires an array of at least two dimensions",
        ));
    }
    let d = a.diagonal(offset, axis1, axis2)?;
    sum_last(&d, dtype.unwrap_or_else(|| sum_kind(a.kind())))
}

/// `np.cross(a, b, axisa, axisb, axisc)` for vectors of 2 or 3 components.
///
/// # Errors
/// `ValueError` "incompatible dimensions for cross product" and broadcasting errors.
pub fn cross(
    a: &NdArray,
    b: &NdArray,
    axisa: isize,
    axisb: isize,
    axisc: isize,
) -> Result<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(Error::value("At least one array has zero dimension"));
    }
    let a = axis_to_end(a, axisa)?;
    let b = axis_to_end(b, axisb)?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if na != 3 || nb != 3 {
        return Err(Error::value(format!(
            "Both input arrays must be (arrays of) 3-dimensional vectors, but they are {na} and {nb} dimensional instead."
        )));
    }
    let bshape =
        layout::broadcast_shapes(&[&a.shape()[..a.ndim() - 1], &b.shape()[..b.ndim() - 1]])?;
    let kind = promote_kinds(a.kind(), b.kind());
    if kind == DTypeKind::Bool {
        return Err(Error::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    let mut sa = bshape.to_vec();
    sa.push(na);
    let mut sb = bshape.to_vec();
    sb.push(nb);
    let a = a.broadcast_to(&sa)?;
    let b = b.broadcast_to(&sb)?;
    let count: usize = bshape.iter().product();
    let direct = a.kind() == kind
        && b.kind() == kind
        && a.dtype().is_native()
        && b.dtype().is_native()
        && a.is_aligned()
        && b.is_aligned();
    let fast = match kind {
        DTypeKind::Float64 if direct => Some(cross3_direct::<f64>(&a, &b, &bshape)?),
        DTypeKind::Float32 if direct => Some(cross3_direct::<f32>(&a, &b, &bshape)?),
        _ => None,
    };
    if let Some(out) = fast {
        return if out.ndim() > 1 {
            out.moveaxis(&[-1], &[axisc])
        } else {
            Ok(out)
        };
    }
    let three = na == 3 || nb == 3;
    fn go<T: LinalgScalar>(
        a: &NdArray,
        b: &NdArray,
        count: usize,
        na: usize,
        nb: usize,
        three: bool,
    ) -> Vec<T> {
        let av = a.to_vec::<T>();
        let bv = b.to_vec::<T>();
        let mut out = Vec::with_capacity(count * if three { 3 } else { 1 });
        let z = T::lzero();
        for t in 0..count {
            let x = &av[t * na..(t + 1) * na];
            let y = &bv[t * nb..(t + 1) * nb];
            let (a0, a1, a2) = (x[0], x[1], if na == 3 { x[2] } else { z });
            let (b0, b1, b2) = (y[0], y[1], if nb == 3 { y[2] } else { z });
            if three {
                out.push(if nb == 2 {
                    -(a2 * b1)
                } else if na == 2 {
                    a1 * b2
                } else {
                    a1 * b2 - a2 * b1
                });
                out.push(if na == 2 {
                    -(a0 * b2)
                } else if nb == 2 {
                    a2 * b0
                } else {
                    a2 * b0 - a0 * b2
                });
                out.push(a0 * b1 - a1 * b0);
            } else {
                out.push(a0 * b1 - a1 * b0);
            }
        }
        out
    }
    let mut oshape = bshape.to_vec();
    if three {
        oshape.push(3);
    }
    let out = match kind {
        DTypeKind::Float32 => NdArray::from_vec(go::<f32>(&a, &b, count, na, nb, three), &oshape)?,
        DTypeKind::Complex64 => {
            NdArray::from_vec(go::<Complex64>(&a, &b, count, na, nb, three), &oshape)?
        }
        DTypeKind::Complex128 => {
            NdArray::from_vec(go::<Complex128>(&a, &b, count, na, nb, three), &oshape)?
        }
        DTypeKind::Float64 | DTypeKind::Float16 => {
            NdArray::from_vec(go::<f64>(&a, &b, count, na, nb, three), &oshape)?
                .astype(DType::new(kind), Order::C)?
        }
        _ => {
            let av = a.to_vec::<i64>();
            let bv = b.to_vec::<i64>();
            let mut out = Vec::new();
            for t in 0..count {
                let x = &av[t * na..(t + 1) * na];
                let y = &bv[t * nb..(t + 1) * nb];
                let (a0, a1, a2) = (x[0], x[1], if na == 3 { x[2] } else { 0 });
                let (b0, b1, b2) = (y[0], y[1], if nb == 3 { y[2] } else { 0 });
                let m = |p: i64, q: i64| p.wrapping_mul(q);
                if three {
                    out.push(m(a1, b2).wrapping_sub(m(a2, b1)));
                    out.push(m(a2, b0).wrapping_sub(m(a0, b2)));
                }
                out.push(m(a0, b1).wrapping_sub(m(a1, b0)));
            }
            NdArray::from_vec(out, &oshape)?.astype(DType::new(kind), Order::C)?
        }
    };
    if three && out.ndim() > 1 {
        out.moveaxis(&[-1], &[axisc])
    } else {
        Ok(out)
    }
}

/// The cross products of 3-vectors read straight from `a` and `b` (both of `T`,
/// native and aligned, shaped `outer + [3]` after broadcasting) into a fresh C-order
/// `outer + [3]` array, each component as NumPy computes it (`a1*b2 - a2*b1`, ...).
fn cross3_direct<T>(a: &NdArray, b: &NdArray, outer: &[usize]) -> Result<NdArray>
where
    T: Copy + std::ops::Mul<Output = T> + std::ops::Sub<Output = T>,
{
    let mut oshape = outer.to_vec();
    oshape.push(3);
    let count: usize = outer.iter().product();
    // SAFETY: every element of the output is written below (three per outer index,
    // `count` outer indices in C order) before the array is returned.
    let out = unsafe { NdArray::uninit(&oshape, a.dtype().clone(), Order::C)? };
    if count == 0 {
        return Ok(out);
    }
    let nd = outer.len();
    let (ast, bst) = (a.strides(), b.strides());
    let (ac, bc) = (ast[nd], bst[nd]);
    let (inner, ai, bi) = match nd {
        0 => (1, 0, 0),
        _ => (outer[nd - 1], ast[nd - 1], bst[nd - 1]),
    };
    let rows = count / inner;
    let (ap, bp) = (a.data_ptr(), b.data_ptr());
    let op = out.data_ptr() as *mut T;
    let mut idx = vec![0usize; nd.saturating_sub(1)];
    let (mut ao, mut bo) = (0isize, 0isize);
    let mut t = 0usize;
    for _ in 0..rows {
        let (mut x, mut y) = (ao, bo);
        for _ in 0..inner {
            // SAFETY: `x` and `y` are byte offsets (from the first element) of vectors
            // inside `a` and `b`, whose components lie `ac` / `bc` bytes apart; both
            // arrays are aligned arrays of native `T`. `t < count`, so the three
            // writes stay inside the fresh output of `3 * count` elements.
            unsafe {
                let ld = |p: *mut u8, off: isize| (p.offset(off) as *const T).read();
                let (a0, a1, a2) = (ld(ap, x), ld(ap, x + ac), ld(ap, x + 2 * ac));
                let (b0, b1, b2) = (ld(bp, y), ld(bp, y + bc), ld(bp, y + 2 * bc));
                let o = op.add(3 * t);
                o.write(a1 * b2 - a2 * b1);
                o.add(1).write(a2 * b0 - a0 * b2);
                o.add(2).write(a0 * b1 - a1 * b0);
            }
            x += ai;
            y += bi;
            t += 1;
        }
        // Next row: an odometer over the outer axes but the last.
        let mut d = idx.len();
        while d > 0 {
            d -= 1;
            idx[d] += 1;
            ao += ast[d];
            bo += bst[d];
            if idx[d] < outer[d] {
                break;
            }
            ao -= ast[d] * outer[d] as isize;
            bo -= bst[d] * outer[d] as isize;
            idx[d] = 0;
        }
    }
    Ok(out)
}

/// `np.linalg.matrix_power(a, n)`.
///
/// # Errors
/// `LinAlgError` for non-square input, or a singular matrix with negative `n`.
pub fn matrix_power(a: &NdArray, n: i64) -> Result<NdArray> {
    check_square(a)?;
    let mut base = if n < 0 {
        crate::decomp::inv(a)?
    } else {
        a.clone()
    };
    if n == 0 {
        let out = NdArray::zeros(a.shape(), a.dtype().clone(), Order::C)?;
        let one = numoxide_core::Scalar::Bool(true);
        let nd = a.ndim();
        let m = a.shape()[nd - 1];
        let count = out.size() / (m * m).max(1);
        let mut index = vec![0isize; nd];
        for t in 0..count {
            let mut rem = t;
            for d in (0..nd - 2).rev() {
                index[d] = (rem % a.shape()[d]) as isize;
                rem /= a.shape()[d];
            }
            for i in 0..m {
                index[nd - 2] = i as isize;
                index[nd - 1] = i as isize;
                out.set(&index, one)?;
            }
        }
        return Ok(out);
    }
    let mut e = n.unsigned_abs();
    if e == 1 {
        return base.copy(Order::C);
    }
    if e == 3 {
        // NumPy's shortcut multiplies (a @ a) @ a (the order shows with inf/NaN).
        let sq = matmul_arrays(&base, &base)?;
        return matmul_arrays(&sq, &base);
    }
    let mut result: Option<NdArray> = None;
    while e > 0 {
        if e & 1 == 1 {
            result = Some(match result {
                None => base.clone(),
                Some(r) => matmul_arrays(&r, &base)?,
            });
        }
        e >>= 1;
        if e > 0 {
            base = matmul_arrays(&base, &base)?;
        }
    }
    result.map_or_else(|| a.copy(Order::C), Ok)
}
