//! Elementwise helpers built from ufunc calls: `clip`, `where`, `around`, `fix`,
//! `nan_to_num`, `isclose`, `real_if_close`, and NEP 50 `result_type`.

use numoxide_core::cast::{promote_kinds, Casting};
use numoxide_core::iter::{for_each_run, Operand};
use numoxide_core::layout;
use numoxide_core::{DType, DTypeKind, Error, NdArray, Order, Result, Scalar};

use crate::ufunc::{self, CallOptions, FpFlags, Input, Weak};

/// Call the ufunc `name` and return its first output, adding its flags to `flags`.
pub fn call(
    name: &'static str,
    inputs: &[Input],
    opts: &CallOptions,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    let uf = ufunc::get(name).ok_or_else(|| Error::value(format!("no ufunc {name}")))?;
    let (r, f) = ufunc::call(uf, inputs, opts)?;
    if !f.is_empty() {
        flags.push((name, f));
    }
    r.into_iter()
        .next()
        .ok_or_else(|| Error::value("no output"))
}

fn call0(name: &'static str, inputs: &[Input]) -> Result<NdArray> {
    let mut f = Vec::new();
    call(name, inputs, &CallOptions::default(), &mut f)
}

/// The dtype a weak Python scalar takes next to the strong kind `strong` (NEP 50).
pub fn weak_kind(w: &Weak, strong: Option<DTypeKind>) -> DTypeKind {
    use DTypeKind::*;
    match (w, strong) {
        (Weak::Int(_), None) => Int64,
        (Weak::Float(_), None) => Float64,
        (Weak::Complex(..), None) => Complex128,
        (Weak::Int(_), Some(Bool)) => Int64,
        (Weak::Int(_), Some(s)) => s,
        (Weak::Float(_), Some(s)) if s.is_inexact() => s,
        (Weak::Float(_), Some(_)) => Float64,
        (Weak::Complex(..), Some(s)) if s.is_complex() => s,
        (Weak::Complex(..), Some(Float16 | Float32)) => Complex64,
        (Weak::Complex(..), Some(_)) => Complex128,
    }
}

/// NEP 50 `result_type` of operands (arrays are strong, Python scalars weak).
pub fn result_kind(inputs: &[Input]) -> Result<DTypeKind> {
    let strong = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Array(a) => Some(a.kind()),
            Input::Weak(_) => None,
        })
        .reduce(promote_kinds);
    if let [Input::Weak(Weak::Int(v))] = inputs {
        if *v > i64::MAX as i128 {
            return Ok(DTypeKind::UInt64);
        }
    }
    let mut kind = strong;
    for i in inputs {
        if let Input::Weak(w) = i {
            let k = weak_kind(w, kind);
            kind = Some(match kind {
                Some(s) => promote_kinds(s, k),
                None => k,
            });
        }
    }
    kind.ok_or_else(|| Error::value("at least one array or dtype is required"))
}

/// An operand as an array of `kind` (weak scalars checked for range as NumPy does).
pub fn input_as(i: &Input, kind: DTypeKind) -> Result<NdArray> {
    match i {
        Input::Array(a) if a.kind() == kind && a.dtype().is_native() => Ok(a.clone()),
        Input::Array(a) => a.astype(DType::new(kind), Order::K),
        Input::Weak(w) => Ok(NdArray::from_scalar(ufunc::weak_to_scalar(w, kind)?)),
    }
}

/// `where(cond, x, y)`: elements of `x` where `cond` is true, else of `y`.
pub fn where_(cond: &NdArray, x: &Input, y: &Input) -> Result<NdArray> {
    let kind = result_kind(&[x.clone(), y.clone()])?;
    let xa = input_as(x, kind)?;
    let ya = input_as(y, kind)?;
    let c = if cond.kind() == DTypeKind::Bool {
        cond.clone()
    } else {
        crate::reductions::truthy(cond)?
    };
    let shape = layout::broadcast_shapes(&[c.shape(), xa.shape(), ya.shape()])?;
    let out = NdArray::empty(&shape, DType::new(kind), Order::C)?;
    let cs = c.broadcast_operand(&shape)?;
    let xs = xa.broadcast_operand(&shape)?;
    let ys = ya.broadcast_operand(&shape)?;
    let item = out.itemsize();
    // SAFETY: `out` is a fresh C array of `shape`; the other operands are valid arrays
    // with strides broadcast to `shape`; `c` is bool (one byte per element) and `xa`,
    // `ya` have the output's itemsize.
    unsafe {
        for_each_run(
            &shape,
            [
                Operand {
                    ptr: out.data_ptr(),
                    strides: out.strides(),
                },
                Operand {
                    ptr: c.data_ptr(),
                    strides: &cs,
                },
                Operand {
                    ptr: xa.data_ptr(),
                    strides: &xs,
                },
                Operand {
                    ptr: ya.data_ptr(),
                    strides: &ys,
                },
            ],
            |p, s, n| match item {
                8 => select_run::<u64>(p, s, n),
                4 => select_run::<u32>(p, s, n),
                2 => select_run::<u16>(p, s, n),
                1 => select_run::<u8>(p, s, n),
                16 => select_run::<u128>(p, s, n),
                _ => {
                    for i in 0..n as isize {
                        let src = if *p[1].offset(i * s[1]) != 0 {
                            p[2].offset(i * s[2])
                        } else {
                            p[3].offset(i * s[3])
                        };
                        std::ptr::copy_nonoverlapping(src, p[0].offset(i * s[0]), item);
                    }
                }
            },
        );
    }
    Ok(out)
}

/// One run of `where` on `T`-sized elements: `out[i] = if cond[i] { x[i] } else { y[i] }`,
/// branch-free so that contiguous runs vectorize (a random condition defeats branch
/// prediction).
///
/// # Safety
/// `p`/`s` describe `n` elements of each operand (out, one-byte bool cond, x, y) that
/// are valid to read (and, for out, to write), possibly unaligned.
#[inline(always)]
unsafe fn select_run<T: Copy>(p: [*mut u8; 4], s: [isize; 4], n: usize) {
    let w = std::mem::size_of::<T>() as isize;
    if s == [w, 1, w, w] {
        for i in 0..n {
            // SAFETY: contiguous runs of `n` elements, as the caller guarantees.
            unsafe {
                let c = *p[1].add(i) != 0;
                let x = (p[2] as *const T).add(i).read_unaligned();
                let y = (p[3] as *const T).add(i).read_unaligned();
                (p[0] as *mut T)
                    .add(i)
                    .write_unaligned(if c { x } else { y });
            }
        }
        return;
    }
    for i in 0..n as isize {
        // SAFETY: element `i` of each operand is valid, as the caller guarantees.
        unsafe {
            let c = *p[1].offset(i * s[1]) != 0;
            let x = (p[2].offset(i * s[2]) as *const T).read_unaligned();
            let y = (p[3].offset(i * s[3]) as *const T).read_unaligned();
            (p[0].offset(i * s[0]) as *mut T).write_unaligned(if c { x } else { y });
        }
    }
}

/// `clip(a, a_min, a_max)` as `minimum(maximum(a, lo), hi)`; for integer arrays a
/// Python int bound beyond the dtype's range is dropped (NumPy's `_clip`).
pub fn clip(
    a: &NdArray,
    lo: Option<&Input>,
    hi: Option<&Input>,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    let kind = a.kind();
    let (imin, imax) = if kind.is_integer() {
        ufunc::int_range(kind)
    } else {
        (i128::MIN, i128::MAX)
    };
    let lo =
        lo.filter(|l| !matches!(l, Input::Weak(Weak::Int(v)) if kind.is_integer() && *v <= imin));
    let hi =
        hi.filter(|h| !matches!(h, Input::Weak(Weak::Int(v)) if kind.is_integer() && *v >= imax));
    let k = result_kind(
        &std::iter::once(Input::Array(a.clone()))
            .chain(lo.cloned())
            .chain(hi.cloned())
            .collect::<Vec<_>>(),
    )?;
    if lo.into_iter().chain(hi).any(|w| weak_overflows(w, k)) {
        flags.push(("cast", FpFlags(FpFlags::OVERFLOW)));
    }
    let mut mm = Vec::new();
    let r = clip_calls(a, lo, hi, k, &mut mm);
    // NumPy's clip loop propagates NaN without raising "invalid".
    flags.extend(
        mm.into_iter()
            .map(|(n, f)| (n, FpFlags(f.0 & !FpFlags::INVALID)))
            .filter(|(_, f)| !f.is_empty()),
    );
    r
}

fn clip_calls(
    a: &NdArray,
    lo: Option<&Input>,
    hi: Option<&Input>,
    k: DTypeKind,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    let kind = a.kind();
    let opts = CallOptions::default();
    match (lo, hi) {
        (None, None) => call("positive", &[Input::Array(a.clone())], &opts, flags),
        (Some(l), None) => keep_ties(
            a,
            call(
                "maximum",
                &[Input::Array(a.clone()), l.clone()],
                &opts,
                flags,
            )?,
        ),
        (None, Some(h)) => keep_ties(
            a,
            call(
                "minimum",
                &[Input::Array(a.clone()), h.clone()],
                &opts,
                flags,
            )?,
        ),
        (Some(l), Some(h)) => {
            // One resolution over all three operands, as the `clip` ufunc's.
            let a = if k == kind {
                a.clone()
            } else {
                a.astype(DType::new(k), Order::K)?
            };
            let r = call(
                "maximum",
                &[Input::Array(a.clone()), l.clone()],
                &opts,
                flags,
            )?;
            let r = call("minimum", &[Input::Array(r), h.clone()], &opts, flags)?;
            keep_ties(&a, r)
        }
    }
}

/// Where the clipped value equals the input (signed zeros), keep the input, as NumPy's
/// clip loop does.
fn keep_ties(a: &NdArray, r: NdArray) -> Result<NdArray> {
    if !r.kind().is_inexact() {
        return Ok(r);
    }
    let eq = call0("equal", &[Input::Array(r.clone()), Input::Array(a.clone())])?;
    where_(
        &eq,
        &Input::Array(a.astype(r.dtype().clone(), Order::K)?),
        &Input::Array(r),
    )
}

/// Whether a weak Python number overflows when cast to the float kind `k` (NumPy warns
/// "overflow encountered in cast").
fn weak_overflows(w: &Input, k: DTypeKind) -> bool {
    let v = match w {
        Input::Weak(Weak::Int(v)) => *v as f64,
        Input::Weak(Weak::Float(v)) => *v,
        _ => return false,
    };
    v.is_finite() && k.is_float() && v.abs() > largest(k) + largest(k) * 2f64.powi(-12)
}

fn round_real(
    a: &NdArray,
    decimals: i64,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    let kind = a.kind();
    if decimals >= 0 && kind.is_integer() {
        return a.copy(Order::K);
    }
    let (op1, op2) = if decimals >= 0 {
        ("multiply", "divide")
    } else {
        ("divide", "multiply")
    };
    let f = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
    let out_kind = if kind.is_integer() {
        DTypeKind::Float64
    } else {
        kind
    };
    let out = NdArray::empty(a.shape(), DType::new(out_kind), Order::C)?;
    let with_out = |o: &NdArray| CallOptions {
        out: vec![Some(o.clone())],
        ..Default::default()
    };
    let fw = Input::Weak(Weak::Float(f));
    // The factor is a Python float: when it overflows a float16/float32 operand's type,
    // NumPy warns "overflow encountered in cast" each time it is converted.
    let factor_overflows = f.is_finite()
        && out_kind.is_inexact()
        && !out_kind.is_complex()
        && crate::ufunc::weak_to_scalar(&Weak::Float(f), out_kind)
            .map(|s| !s.as_f64().is_finite())
            .unwrap_or(false);
    let cast_overflow = |flags: &mut Vec<(&'static str, FpFlags)>| {
        if factor_overflows {
            flags.push(("cast", FpFlags(FpFlags::OVERFLOW)));
        }
    };
    cast_overflow(flags);
    call(
        op1,
        &[Input::Array(a.clone()), fw.clone()],
        &with_out(&out),
        flags,
    )?;
    call("rint", &[Input::Array(out.clone())], &with_out(&out), flags)?;
    cast_overflow(flags);
    call(
        op2,
        &[Input::Array(out.clone()), fw],
        &with_out(&out),
        flags,
    )?;
    if kind.is_integer() {
        // Rounded values beyond the integer range convert with NumPy's "invalid value
        // encountered in cast".
        crate::ufunc::fpstatus::clear_all();
        let back = out.astype(a.dtype().clone(), Order::K)?;
        let cast = crate::ufunc::fpstatus::read_all();
        crate::ufunc::fpstatus::clear_all();
        let cast = FpFlags(cast.0 & (FpFlags::INVALID | FpFlags::OVERFLOW));
        if !cast.is_empty() {
            flags.push(("cast", cast));
        }
        return Ok(back);
    }
    Ok(out)
}

/// `around(a, decimals)`: NumPy's algorithm (scale by 10**decimals, rint, unscale);
/// complex rounds both parts; integers with decimals >= 0 are returned unchanged.
pub fn around(
    a: &NdArray,
    decimals: i64,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    let kind = a.kind();
    if kind.is_complex() {
        let out = NdArray::empty(a.shape(), a.dtype().clone(), Order::C)?;
        let re = round_real(&a.real(), decimals, flags)?;
        let im = round_real(&a.imag()?, decimals, flags)?;
        out.real().assign(&re)?;
        out.imag()?.assign(&im)?;
        return Ok(out);
    }
    if kind == DTypeKind::Bool {
        if decimals == 0 {
            return call(
                "rint",
                &[Input::Array(a.clone())],
                &CallOptions::default(),
                flags,
            );
        }
        return Err(Error::new(numoxide_core::ErrorKind::UFuncOutputCasting, format!(
            "Cannot cast ufunc '{}' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'",
            if decimals > 0 { "multiply" } else { "divide" }
        )));
    }
    round_real(a, decimals, flags)
}

/// `fix`: round toward zero, as `ceil` then `floor` where `x >= 0`.
pub fn fix(a: &NdArray, flags: &mut Vec<(&'static str, FpFlags)>) -> Result<NdArray> {
    let r = call(
        "ceil",
        &[Input::Array(a.clone())],
        &CallOptions::default(),
        flags,
    )?;
    let ge = call0(
        "greater_equal",
        &[Input::Array(a.clone()), Input::Weak(Weak::Int(0))],
    )?;
    call(
        "floor",
        &[Input::Array(a.clone())],
        &CallOptions {
            out: vec![Some(r.clone())],
            where_: Some(ge),
            ..Default::default()
        },
        flags,
    )?;
    Ok(r)
}

fn largest(kind: DTypeKind) -> f64 {
    match kind {
        DTypeKind::Float16 => 65504.0,
        DTypeKind::Float32 => f32::MAX as f64,
        _ => f64::MAX,
    }
}

fn replace_where(a: &NdArray, test: &'static str, value: f64, sign: Option<bool>) -> Result<()> {
    let mut m = call0(test, &[Input::Array(a.clone())])?;
    if let Some(pos) = sign {
        let s = call0(
            if pos { "greater" } else { "less" },
            &[Input::Array(a.clone()), Input::Weak(Weak::Int(0))],
        )?;
        m = call0("logical_and", &[Input::Array(m), Input::Array(s)])?;
    }
    let v = NdArray::from_scalar(Scalar::Float64(value)).astype(a.dtype().clone(), Order::C)?;
    let r = where_(&m, &Input::Array(v), &Input::Array(a.clone()))?;
    a.assign(&r)
}

/// `nan_to_num` in place on `a` (a writable copy for the caller): NaN → `nan`,
/// +inf → `posinf` (default largest finite), -inf → `neginf`.
pub fn nan_to_num_inplace(
    a: &NdArray,
    nan: f64,
    posinf: Option<f64>,
    neginf: Option<f64>,
) -> Result<()> {
    let kind = a.kind();
    if !kind.is_inexact() {
        return Ok(());
    }
    let parts = if kind.is_complex() {
        vec![a.real(), a.imag()?]
    } else {
        vec![a.clone()]
    };
    for p in parts {
        let big = largest(p.kind());
        replace_where(&p, "isnan", nan, None)?;
        replace_where(&p, "isinf", posinf.unwrap_or(big), Some(true))?;
        replace_where(&p, "isinf", neginf.unwrap_or(-big), Some(false))?;
    }
    Ok(())
}

/// `isclose(a, b, rtol, atol, equal_nan)`: NumPy's formula
/// `|x - y| <= atol + rtol * |y|` where `y` is finite, or `x == y`.
pub fn isclose(
    x: &Input,
    y: &Input,
    rtol: &Input,
    atol: &Input,
    equal_nan: bool,
    flags: &mut Vec<(&'static str, FpFlags)>,
) -> Result<NdArray> {
    if let (
        Input::Array(a),
        Input::Array(b),
        Input::Weak(Weak::Float(rt)),
        Input::Weak(Weak::Float(at)),
    ) = (x, y, rtol, atol)
    {
        if let Some(r) = isclose_fused(a, b, *rt, *at, equal_nan)? {
            return Ok(r);
        }
    }
    let y = match y {
        Input::Array(a) => {
            let k = result_kind(&[y.clone(), Input::Weak(Weak::Float(1.0))])?;
            Input::Array(input_as(&Input::Array(a.clone()), k)?)
        }
        Input::Weak(Weak::Int(v)) => Input::Weak(Weak::Float(*v as f64)),
        w => w.clone(),
    };
    let o = CallOptions::default();
    let d = call("subtract", &[x.clone(), y.clone()], &o, flags)?;
    let ad = call("absolute", &[Input::Array(d)], &o, flags)?;
    let ay = call("absolute", std::slice::from_ref(&y), &o, flags)?;
    let t = call("multiply", &[rtol.clone(), Input::Array(ay)], &o, flags)?;
    let tol = call("add", &[atol.clone(), Input::Array(t)], &o, flags)?;
    let le = call(
        "less_equal",
        &[Input::Array(ad), Input::Array(tol)],
        &o,
        flags,
    )?;
    let fin = call0("isfinite", std::slice::from_ref(&y))?;
    let close = call0("bitwise_and", &[Input::Array(le), Input::Array(fin)])?;
    let eq = call("equal", &[x.clone(), y.clone()], &o, flags)?;
    let mut r = call0("bitwise_or", &[Input::Array(close), Input::Array(eq)])?;
    if equal_nan {
        let nx = call0("isnan", std::slice::from_ref(x))?;
        let ny = call0("isnan", &[y])?;
        let both = call0("bitwise_and", &[Input::Array(nx), Input::Array(ny)])?;
        r = call0("bitwise_or", &[Input::Array(r), Input::Array(both)])?;
    }
    // NumPy evaluates under errstate(invalid='ignore').
    for (_, f) in flags.iter_mut() {
        *f = FpFlags(f.0 & !FpFlags::INVALID);
    }
    flags.retain(|(_, f)| !f.is_empty());
    Ok(r)
}

/// The elements of a native, aligned, C-contiguous array of `T`'s dtype, or None.
fn contiguous_elements<T: numoxide_core::element::Element>(a: &NdArray) -> Option<&[T]> {
    if a.kind() != T::KIND || !a.dtype().is_native() || !a.is_aligned() || !a.is_c_contiguous() {
        return None;
    }
    let n = a.size();
    if n == 0 {
        return Some(&[]);
    }
    // SAFETY: `a` holds `n` aligned elements of `T` contiguously from its data pointer,
    // alive (and only read here) for the borrow of `a`.
    Some(unsafe { std::slice::from_raw_parts(a.data_ptr() as *const T, n) })
}

/// [`isclose`] in one pass for two contiguous arrays of one float dtype and shape with
/// Python-float tolerances, the everyday call. Each element is computed with the same
/// operations, in the same dtype, as the ufunc sequence; None (take that sequence) when
/// the layout differs or when any intermediate leaves the normal finite range, where the
/// sequence's floating-point flags matter.
fn isclose_fused(
    a: &NdArray,
    b: &NdArray,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> Result<Option<NdArray>> {
    if a.shape() != b.shape() || a.kind() != b.kind() {
        return Ok(None);
    }
    macro_rules! fused {
        ($t:ty) => {{
            let (Some(xs), Some(ys)) = (contiguous_elements::<$t>(a), contiguous_elements::<$t>(b))
            else {
                return Ok(None);
            };
            // The tolerances as the weak Python floats they are: cast to the dtype.
            let (rt, at) = (rtol as $t, atol as $t);
            if !rt.is_finite() || !at.is_finite() {
                return Ok(None);
            }
            let mut out = vec![false; xs.len()];
            let mut unusual = false;
            for ((o, &x), &y) in out.iter_mut().zip(xs).zip(ys) {
                let d = (x - y).abs();
                let t = rt * y.abs();
                let tol = at + t;
                // inf/NaN anywhere, or a product that underflowed: the ufuncs' flags matter.
                unusual |= !(d.is_finite() && tol.is_finite())
                    || (t != 0.0 && t.abs() < <$t>::MIN_POSITIVE)
                    || (t == 0.0 && rt != 0.0 && y != 0.0);
                *o = (d <= tol) | (x == y);
            }
            if unusual {
                return Ok(None);
            }
            // Every value was finite, so `equal_nan` changes nothing.
            let _ = equal_nan;
            Ok(Some(NdArray::from_vec(out, a.shape())?))
        }};
    }
    match a.kind() {
        DTypeKind::Float64 => fused!(f64),
        DTypeKind::Float32 => fused!(f32),
        _ => Ok(None),
    }
}

/// `real_if_close(a, tol)`: the real part when every imaginary part is below `tol`
/// (in machine epsilons when `tol > 1`).
pub fn real_if_close(a: &NdArray, tol: f64) -> Result<NdArray> {
    let kind = a.kind();
    if !kind.is_complex() {
        return Ok(a.clone());
    }
    let tol = if tol > 1.0 {
        let eps = if kind == DTypeKind::Complex64 {
            f32::EPSILON as f64
        } else {
            f64::EPSILON
        };
        tol * eps
    } else {
        tol
    };
    let im = a.imag()?;
    let ab = call0("absolute", &[Input::Array(im)])?;
    let lt = call0("less", &[Input::Array(ab), Input::Weak(Weak::Float(tol))])?;
    if lt.to_vec::<bool>().into_iter().all(|b| b) {
        return Ok(a.real());
    }
    Ok(a.clone())
}

/// Casting helper used by the nan-functions: `a / b` written into a new array of `a`'s
/// dtype, ignoring divide/invalid flags (NumPy's `_divide_by_count`).
pub fn divide_by_count(a: &NdArray, b: &Input) -> Result<NdArray> {
    let out = a.copy(Order::K)?;
    call0_opts(
        "divide",
        &[Input::Array(a.clone()), b.clone()],
        &CallOptions {
            out: vec![Some(out.clone())],
            casting: Casting::Unsafe,
            ..Default::default()
        },
    )?;
    Ok(out)
}

fn call0_opts(name: &'static str, inputs: &[Input], opts: &CallOptions) -> Result<NdArray> {
    let mut f = Vec::new();
    call(name, inputs, opts, &mut f)
}
