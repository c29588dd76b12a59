//! The ufunc table: every ufunc's name, arity, identity and loops, declared in one place.
//! A loop is a type signature plus a kernel built from a scalar function; the order of
//! loops is NumPy's, because type resolution picks the first loop the inputs cast to
//! safely.

use half::f16;
use num_traits::Float;
use numoxide_core::element::{Complex, Complex128, Complex64, Element};
use numoxide_core::{DTypeKind, Scalar};

use super::cmath::{self, CFloat};
use super::fpstatus::{self, FpFlags};
use super::kernels::{
    binary, binary2, binary_fold, half_fold, lane_fold, pairwise, pairwise_complex, seq_fold,
    unary, unary2, Kernel,
};
use super::math::{self, Int};
use super::vmath;
use super::{Loop, Resolver, Ufunc};

macro_rules! each {
    ([$($t:ty),*], $T:ident => $body:expr) => {{ $( { #[allow(dead_code)] type $T = $t; $body; } )* }};
}
macro_rules! ints { ($T:ident => $body:expr) => { each!([i8, u8, i16, u16, i32, u32, i64, u64], $T => $body) }; }
macro_rules! floats { ($T:ident => $body:expr) => { each!([f16, f32, f64], $T => $body) }; }
macro_rules! complexes { ($T:ident => $body:expr) => { each!([Complex64, Complex128], $T => $body) }; }

fn k<T: Element>() -> DTypeKind {
    T::KIND
}

struct Builder {
    name: &'static str,
    nin: usize,
    nout: usize,
    identity: Option<Scalar>,
    reorderable: bool,
    resolver: Resolver,
    loops: Vec<Loop>,
    doc: &'static str,
    quiet_invalid: bool,
}

impl Builder {
    fn new(name: &'static str, nin: usize, nout: usize, doc: &'static str) -> Self {
        Builder {
            name,
            nin,
            nout,
            identity: None,
            reorderable: false,
            resolver: Resolver::Default,
            loops: Vec::new(),
            doc,
            quiet_invalid: false,
        }
    }
    fn identity(mut self, s: Scalar) -> Self {
        self.identity = Some(s);
        self.reorderable = true;
        self
    }
    fn reorderable(mut self) -> Self {
        self.reorderable = true;
        self
    }
    fn resolver(mut self, r: Resolver) -> Self {
        self.resolver = r;
        self
    }
    fn add(&mut self, types: &[DTypeKind], kernel: Kernel) {
        self.loops.push(Loop {
            types: types.to_vec(),
            kernel,
        });
    }
    fn quiet(mut self) -> Self {
        self.quiet_invalid = true;
        self
    }
    fn build(self) -> Ufunc {
        Ufunc {
            quiet_invalid: self.quiet_invalid,
            name: self.name,
            nin: self.nin,
            nout: self.nout,
            identity: self.identity,
            reorderable: self.reorderable,
            resolver: self.resolver,
            loops: self.loops,
            doc: self.doc,
        }
    }
}

// ----- generic scalar functions ----------------------------------------------------------

fn iadd<T: Int>(a: T, b: T) -> T {
    a.wrapping_add(&b)
}
fn isub<T: Int>(a: T, b: T) -> T {
    a.wrapping_sub(&b)
}
fn imul<T: Int>(a: T, b: T) -> T {
    a.wrapping_mul(&b)
}
fn fadd<F: Float>(a: F, b: F) -> F {
    a + b
}
fn fsub<F: Float>(a: F, b: F) -> F {
    a - b
}
fn fmul<F: Float>(a: F, b: F) -> F {
    a * b
}
fn fdiv<F: Float>(a: F, b: F) -> F {
    a / b
}
fn cadd<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    Complex::new(a.re + b.re, a.im + b.im)
}
fn csub<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    Complex::new(a.re - b.re, a.im - b.im)
}

fn truthy_f<F: Float>(x: F) -> bool {
    x != F::zero()
}
fn truthy_c<F: Float>(x: Complex<F>) -> bool {
    x.re != F::zero() || x.im != F::zero()
}
fn truthy_i<T: Int>(x: T) -> bool {
    x != T::zero()
}

/// f64 pairwise fold for add.
fn sum_f64(acc: f64, p: *const u8, s: isize, n: usize) -> f64 {
    // SAFETY: called only from the reduction form of a kernel, which guarantees the run.
    acc + unsafe { pairwise::<f64, f64>(p, s, n, -0.0, |x| x) }
}
fn sum_f32(acc: f32, p: *const u8, s: isize, n: usize) -> f32 {
    // SAFETY: as above.
    acc + unsafe { pairwise::<f32, f32>(p, s, n, -0.0, |x| x) }
}
fn sum_f16(acc: f16, p: *const u8, s: isize, n: usize) -> f16 {
    // SAFETY: as above.
    f16::from_f32(acc.to_f32() + unsafe { pairwise::<f16, f32>(p, s, n, -0.0, |x| x.to_f32()) })
}
fn sum_c128(acc: Complex128, p: *const u8, s: isize, n: usize) -> Complex128 {
    // SAFETY: as above.
    let (r, i) = unsafe { pairwise_complex::<f64, f64>(p, s, n, -0.0, |x| x) };
    Complex::new(acc.re + r, acc.im + i)
}
fn sum_c64(acc: Complex64, p: *const u8, s: isize, n: usize) -> Complex64 {
    // SAFETY: as above.
    let (r, i) = unsafe { pairwise_complex::<f32, f32>(p, s, n, -0.0, |x| x) };
    Complex::new(acc.re + r, acc.im + i)
}

macro_rules! float_unary {
    ($b:expr, $f:ident) => {{
        fn g<F: Float>(x: F) -> F {
            x.$f()
        }
        floats!(T => $b.add(&[k::<T>(), k::<T>()], unary::<T, T>(g::<T>)));
    }};
}

/// Complex loops of a C library function (`CFloat::$f`) or a NumPy formula (`cmath::$f`).
macro_rules! complex_c {
    ($b:expr, lib $f:ident) => {{
        fn g<F: CFloat>(x: Complex<F>) -> Complex<F> {
            F::$f(x)
        }
        complexes!(T => $b.add(&[k::<T>(), k::<T>()], unary::<T, T>(g)));
    }};
    ($b:expr, $f:ident) => {{
        complexes!(T => $b.add(&[k::<T>(), k::<T>()], unary::<T, T>(cmath::$f)));
    }};
}

fn float_and_complex_unary(
    name: &'static str,
    doc: &'static str,
    real: fn(&mut Builder),
    cplx: fn(&mut Builder),
) -> Ufunc {
    let mut b = Builder::new(name, 1, 1, doc);
    real(&mut b);
    cplx(&mut b);
    b.build()
}

fn cmp_real<T: PartialOrd + Copy, const OP: u8>(a: T, b: T) -> bool {
    match OP {
        0 => a == b,
        1 => a != b,
        2 => a < b,
        3 => a <= b,
        4 => a > b,
        _ => a >= b,
    }
}

fn cmp_complex<F: Float, const OP: u8>(a: Complex<F>, b: Complex<F>) -> bool {
    match OP {
        0 => a.re == b.re && a.im == b.im,
        1 => !(a.re == b.re && a.im == b.im),
        op => {
            // NumPy orders complex numbers with C's signaling compares: a NaN real part,
            // or a NaN imaginary part when the real parts tie, raises invalid.
            if a.re.is_nan() || b.re.is_nan() || (a.re == b.re && (a.im.is_nan() || b.im.is_nan()))
            {
                fpstatus::raise(FpFlags::FORCED_INVALID);
            }
            math::ccmp(a, b, op)
        }
    }
}

/// A comparison ufunc; `OP` is a compile-time selector so each loop inlines its test.
fn comparison<const OP: u8>(name: &'static str, doc: &'static str) -> Ufunc {
    let mut b = Builder::new(name, 2, 1, doc).quiet();
    let bk = DTypeKind::Bool;
    b.add(
        &[bk, bk, bk],
        binary::<bool, bool, bool>(cmp_real::<bool, OP>),
    );
    ints!(T => b.add(&[k::<T>(), k::<T>(), bk], binary::<T, T, bool>(cmp_real::<T, OP>)));
    floats!(T => b.add(&[k::<T>(), k::<T>(), bk], binary::<T, T, bool>(cmp_real::<T, OP>)));
    each!([f32, f64], F => {
        type C = Complex<F>;
        b.add(&[k::<C>(), k::<C>(), bk], binary::<C, C, bool>(cmp_complex::<F, OP>))
    });
    b.build()
}

fn logic<const W: u8>(a: bool, b: bool) -> bool {
    match W {
        0 => a && b,
        1 => a || b,
        _ => a != b,
    }
}

/// logical_and/or/xor (`W` = 0..2) on truth values of any input type.
fn logical<const W: u8>(name: &'static str, doc: &'static str) -> Ufunc {
    let identity = Scalar::Bool(W == 0);
    let mut b = Builder::new(name, 2, 1, doc).identity(identity);
    let bk = DTypeKind::Bool;
    b.add(
        &[bk, bk, bk],
        binary_fold::<bool>(logic::<W>, seq_fold(logic::<W>)),
    );
    ints!(T => b.add(&[k::<T>(), k::<T>(), bk], binary::<T, T, bool>(|x: T, y: T| logic::<W>(truthy_i(x), truthy_i(y)))));
    floats!(T => b.add(&[k::<T>(), k::<T>(), bk], binary::<T, T, bool>(|x: T, y: T| logic::<W>(truthy_f(x), truthy_f(y)))));
    complexes!(T => b.add(&[k::<T>(), k::<T>(), bk], binary::<T, T, bool>(|x: T, y: T| logic::<W>(truthy_c(x), truthy_c(y)))));
    b.build()
}

fn bits<T: Int, const W: u8>(a: T, b: T) -> T {
    match W {
        0 => a & b,
        1 => a | b,
        _ => a ^ b,
    }
}

/// bitwise_and/or/xor (`W` = 0..2) on bools and integers.
fn bitwise<const W: u8>(name: &'static str, doc: &'static str, identity: Scalar) -> Ufunc {
    let mut b = Builder::new(name, 2, 1, doc).identity(identity);
    let bk = DTypeKind::Bool;
    b.add(
        &[bk, bk, bk],
        binary_fold::<bool>(logic::<W>, seq_fold(logic::<W>)),
    );
    ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(bits::<T, W>, seq_fold(bits::<T, W>))));
    b.build()
}

fn ext_ord<T: PartialOrd + Copy, const W: u8>(a: T, b: T) -> T {
    if W % 2 == 0 {
        if a >= b {
            a
        } else {
            b
        }
    } else if a <= b {
        a
    } else {
        b
    }
}

fn ext_float<F: Float, const W: u8>(a: F, b: F) -> F {
    match W {
        0 => math::maximum(a, b),
        1 => math::minimum(a, b),
        2 => math::fmax(a, b),
        _ => math::fmin(a, b),
    }
}

fn ext_half<const W: u8>(a: f16, b: f16) -> f16 {
    match W {
        0 => math::maximum_scalar(a, b),
        1 => math::minimum_scalar(a, b),
        2 => math::fmax(a, b),
        _ => math::fmin(a, b),
    }
}

fn ext_complex<F: Float, const W: u8>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    match W {
        0 => math::cmaximum(a, b),
        1 => math::cminimum(a, b),
        2 => math::cfmax(a, b),
        _ => math::cfmin(a, b),
    }
}

/// maximum/minimum/fmax/fmin (`W` = 0..3), each loop inlining its rule.
fn extremum<const W: u8>(name: &'static str, doc: &'static str) -> Ufunc {
    let mut b = Builder::new(name, 2, 1, doc).reorderable().quiet();
    b.add(
        &[DTypeKind::Bool; 3],
        binary_fold::<bool>(ext_ord::<bool, W>, seq_fold(ext_ord::<bool, W>)),
    );
    // Integer extrema: the compiler vectorizes a plain max/min reduction loop itself.
    // Float extrema are order-independent too (a NaN wins wherever it is) but need the
    // explicit vector lanes of `lane_fold`; complex ones keep the sequential fold (which
    // NaN wins is visible).
    ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(ext_ord::<T, W>, seq_fold(ext_ord::<T, W>))));
    b.add(
        &[DTypeKind::Float16; 3],
        binary_fold::<f16>(ext_half::<W>, lane_fold(ext_half::<W>)),
    );
    each!([f32, f64], T => b.add(&[k::<T>(); 3], binary_fold::<T>(ext_float::<T, W>, lane_fold(ext_float::<T, W>))));
    each!([f32, f64], F => {
        type C = Complex<F>;
        b.add(&[k::<C>(); 3], binary_fold::<C>(ext_complex::<F, W>, seq_fold(ext_complex::<F, W>)))
    });
    b.build()
}

fn cls_float<F: Float, const W: u8>(x: F) -> bool {
    match W {
        0 => x.is_nan(),
        1 => x.is_infinite(),
        _ => x.is_finite(),
    }
}

fn cls_complex<F: Float, const W: u8>(x: Complex<F>) -> bool {
    match W {
        0 => x.re.is_nan() || x.im.is_nan(),
        1 => x.re.is_infinite() || x.im.is_infinite(),
        _ => x.re.is_finite() && x.im.is_finite(),
    }
}

fn cls_exact<T, const W: u8>(_: T) -> bool {
    W == 2
}

/// isnan/isinf/isfinite (`W` = 0..2); integers and bools are always finite.
fn classify<const W: u8>(name: &'static str, doc: &'static str) -> Ufunc {
    let mut b = Builder::new(name, 1, 1, doc);
    let bk = DTypeKind::Bool;
    b.add(&[bk, bk], unary::<bool, bool>(cls_exact::<bool, W>));
    ints!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(cls_exact::<T, W>)));
    floats!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(cls_float::<T, W>)));
    each!([f32, f64], F => {
        type C = Complex<F>;
        b.add(&[k::<C>(), bk], unary::<C, bool>(cls_complex::<F, W>))
    });
    b.build()
}

fn round_float<F: Float, const W: u8>(x: F) -> F {
    match W {
        0 => x.floor(),
        1 => x.ceil(),
        _ => x.trunc(),
    }
}

/// floor/ceil/trunc (`W` = 0..2): identity on integers and bools.
fn rounding<const W: u8>(name: &'static str, doc: &'static str) -> Ufunc {
    let mut b = Builder::new(name, 1, 1, doc);
    b.add(&[DTypeKind::Bool; 2], unary::<bool, bool>(|x| x));
    ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
    floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(round_float::<T, W>)));
    b.build()
}

/// Build the whole table (in NumPy's `np._core.umath` order of families).
pub fn build_table() -> Vec<Ufunc> {
    let mut t = Vec::new();
    let bk = DTypeKind::Bool;

    // ----- arithmetic -----
    {
        let mut b =
            Builder::new("add", 2, 1, "Add arguments element-wise.").identity(Scalar::Int64(0));
        b.add(
            &[bk, bk, bk],
            binary_fold::<bool>(|x, y| x || y, seq_fold(|x: bool, y: bool| x || y)),
        );
        ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(iadd::<T>, seq_fold(iadd::<T>))));
        b.add(
            &[DTypeKind::Float16; 3],
            binary_fold::<f16>(fadd::<f16>, sum_f16),
        );
        b.add(
            &[DTypeKind::Float32; 3],
            binary_fold::<f32>(fadd::<f32>, sum_f32),
        );
        b.add(
            &[DTypeKind::Float64; 3],
            binary_fold::<f64>(fadd::<f64>, sum_f64),
        );
        b.add(
            &[DTypeKind::Complex64; 3],
            binary_fold::<Complex64>(cadd, sum_c64),
        );
        b.add(
            &[DTypeKind::Complex128; 3],
            binary_fold::<Complex128>(cadd, sum_c128),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new("subtract", 2, 1, "Subtract arguments, element-wise.")
            .resolver(Resolver::NoBool);
        ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(isub::<T>, seq_fold(isub::<T>))));
        // float16 reductions accumulate each call in float32 (NumPy's half loops).
        b.add(
            &[DTypeKind::Float16; 3],
            binary_fold::<f16>(fsub::<f16>, half_fold(|x: f32, y: f32| x - y)),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 3], binary_fold::<T>(fsub::<T>, seq_fold(fsub::<T>))));
        complexes!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(csub, seq_fold(csub))));
        t.push(b.build());
    }
    {
        let mut b = Builder::new("multiply", 2, 1, "Multiply arguments element-wise.")
            .identity(Scalar::Int64(1));
        b.add(
            &[bk, bk, bk],
            binary_fold::<bool>(|x, y| x && y, seq_fold(|x: bool, y: bool| x && y)),
        );
        ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(imul::<T>, seq_fold(imul::<T>))));
        // float16 reductions accumulate each call in float32 (NumPy's half loops).
        b.add(
            &[DTypeKind::Float16; 3],
            binary_fold::<f16>(fmul::<f16>, half_fold(|x: f32, y: f32| x * y)),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 3], binary_fold::<T>(fmul::<T>, seq_fold(fmul::<T>))));
        if cmath::numpy_fuses() {
            b.add(&[DTypeKind::Complex64; 3], cmath::cmul_kernel::<f32>());
            b.add(&[DTypeKind::Complex128; 3], cmath::cmul_kernel::<f64>());
        } else {
            complexes!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(math::cmul, seq_fold(math::cmul))));
        }
        t.push(b.build());
    }
    {
        let mut b = Builder::new("divide", 2, 1, "Divide arguments element-wise.")
            .resolver(Resolver::TrueDivide);
        // float16 reductions accumulate each call in float32 (NumPy's half loops).
        b.add(
            &[DTypeKind::Float16; 3],
            binary_fold::<f16>(fdiv::<f16>, half_fold(|x: f32, y: f32| x / y)),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 3], binary_fold::<T>(fdiv::<T>, seq_fold(fdiv::<T>))));
        complexes!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(cmath::cdivide, seq_fold(cmath::cdivide))));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "floor_divide",
            2,
            1,
            "Return the largest integer smaller or equal to the division of the inputs.",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.floor_div(y))));
        fn fl<F: Float>(a: F, b: F) -> F {
            // NumPy divides by zero without the remainder (no fmod invalid flag).
            if b == F::zero() {
                a / b
            } else {
                math::divmod(a, b).0
            }
        }
        // float16 in float32 (NumPy's half loops): no float16 intermediate overflows.
        b.add(
            &[DTypeKind::Float16; 3],
            binary::<f16, f16, f16>(|x, y| f16::from_f32(fl(x.to_f32(), y.to_f32()))),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 3], binary::<T, T, T>(fl::<T>)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "remainder",
            2,
            1,
            "Returns the element-wise remainder of division.",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.py_rem(y))));
        fn rm<F: Float>(a: F, b: F) -> F {
            // NumPy takes the remainder by zero from fmod alone (no divide flag).
            if b == F::zero() {
                a % b
            } else {
                math::divmod(a, b).1
            }
        }
        b.add(
            &[DTypeKind::Float16; 3],
            binary::<f16, f16, f16>(|x, y| f16::from_f32(rm(x.to_f32(), y.to_f32()))),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 3], binary::<T, T, T>(rm::<T>)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "fmod",
            2,
            1,
            "Returns the element-wise remainder of division (C's fmod).",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.c_rem(y))));
        fn fm<F: Float>(a: F, b: F) -> F {
            a % b
        }
        floats!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(fm::<T>)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "divmod",
            2,
            2,
            "Return element-wise quotient and remainder simultaneously.",
        );
        ints!(T => b.add(&[k::<T>(); 4], binary2::<T, T, T>(|x: T, y: T| (x.floor_div(y), x.py_rem(y)))));
        b.add(
            &[DTypeKind::Float16; 4],
            binary2::<f16, f16, f16>(|x, y| {
                let (q, r) = math::divmod(x.to_f32(), y.to_f32());
                (f16::from_f32(q), f16::from_f32(r))
            }),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 4], binary2::<T, T, T>(math::divmod::<T>)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "power",
            2,
            1,
            "First array elements raised to powers from second array, element-wise.",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.ipow(y))));
        fn pw<F: Float>(a: F, b: F) -> F {
            // C's pow returns these exactly; NumPy's float32/float64 loops also flag them
            // (measured): 0 ** -inf divides by zero, and |a| >= 2**64 (float32) or
            // 2**512 (float64) ** inf overflows. Its float16 loop flags neither.
            if std::mem::size_of::<F>() >= 4 && b.is_infinite() && !a.is_nan() {
                let m = a.abs();
                let big = if std::mem::size_of::<F>() == 4 {
                    64.0
                } else {
                    512.0
                };
                if m == F::zero() && b < F::zero() {
                    fpstatus::raise(FpFlags::DIVIDE);
                } else if b > F::zero() && m >= F::from(2f64.powf(big)).unwrap_or_else(F::infinity)
                {
                    fpstatus::raise(FpFlags::OVERFLOW);
                }
            }
            a.powf(b)
        }
        floats!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(pw::<T>)));
        complexes!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(cmath::cpow)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new("float_power", 2, 1, "First array elements raised to powers from second array, element-wise (in float64 or complex128).");
        b.add(
            &[DTypeKind::Float64; 3],
            binary::<f64, f64, f64>(|x, y| x.powf(y)),
        );
        b.add(
            &[DTypeKind::Complex128; 3],
            binary::<Complex128, Complex128, Complex128>(cmath::cpow),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new("negative", 1, 1, "Numerical negative, element-wise.")
            .resolver(Resolver::NoBool);
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x.wrapping_neg())));
        fn ng<F: Float>(x: F) -> F {
            -x
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(ng::<T>)));
        fn cng<F: Float>(x: Complex<F>) -> Complex<F> {
            Complex::new(-x.re, -x.im)
        }
        complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(cng)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new("positive", 1, 1, "Numerical positive, element-wise.")
            .resolver(Resolver::NoBool);
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
        complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "absolute",
            1,
            1,
            "Calculate the absolute value element-wise.",
        );
        b.add(&[bk, bk], unary::<bool, bool>(|x| x));
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x.wabs())));
        fn ab<F: Float>(x: F) -> F {
            x.abs()
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(ab::<T>)));
        if cmath::numpy_fuses() {
            b.add(
                &[DTypeKind::Complex64, DTypeKind::Float32],
                unary::<Complex64, f32>(cmath::cabs::<f32, true>),
            );
            b.add(
                &[DTypeKind::Complex128, DTypeKind::Float64],
                unary::<Complex128, f64>(cmath::cabs::<f64, true>),
            );
        } else {
            b.add(
                &[DTypeKind::Complex64, DTypeKind::Float32],
                unary::<Complex64, f32>(cmath::cabs::<f32, false>),
            );
            b.add(
                &[DTypeKind::Complex128, DTypeKind::Float64],
                unary::<Complex128, f64>(cmath::cabs::<f64, false>),
            );
        }
        t.push(b.build());
    }
    {
        let mut b = Builder::new("fabs", 1, 1, "Compute the absolute values element-wise.");
        fn ab<F: Float>(x: F) -> F {
            x.abs()
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(ab::<T>)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "sign",
            1,
            1,
            "Returns an element-wise indication of the sign of a number.",
        )
        .resolver(Resolver::NoBool);
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x.signum_())));
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(math::fsign::<T>)));
        complex_c!(b, csign);
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "conjugate",
            1,
            1,
            "Return the complex conjugate, element-wise.",
        );
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x)));
        fn cj<F: Float>(x: Complex<F>) -> Complex<F> {
            Complex::new(x.re, -x.im)
        }
        complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(cj)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "square",
            1,
            1,
            "Return the element-wise square of the input.",
        );
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| x.wrapping_mul(x))));
        fn sq<F: Float>(x: F) -> F {
            x * x
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(sq::<T>)));
        if cmath::numpy_fuses() {
            complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(cmath::csquare::<_, true>)));
        } else {
            complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(cmath::csquare::<_, false>)));
        }
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "reciprocal",
            1,
            1,
            "Return the reciprocal of the argument, element-wise.",
        );
        // NumPy computes 1.0 / x in double and casts back (so 1/0 is the cast of inf).
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| {
            let d = 1.0 / numoxide_core::cast::CastTo::cast::<f64>(x);
            <T as numoxide_core::cast::CastFrom>::from_f64(d)
        })));
        fn rc<F: Float>(x: F) -> F {
            F::one() / x
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(rc::<T>)));
        complex_c!(b, creciprocal);
        t.push(b.build());
    }

    // ----- float math: real and complex -----
    macro_rules! fc {
        ($name:literal, $doc:literal, $f:ident, lib $cf:ident) => {
            t.push(float_and_complex_unary(
                $name,
                $doc,
                |b| float_unary!(b, $f),
                |b| complex_c!(b, lib $cf),
            ));
        };
    }
    macro_rules! fo {
        ($name:literal, $doc:literal, $f:ident) => {{
            let mut b = Builder::new($name, 1, 1, $doc);
            float_unary!(b, $f);
            t.push(b.build());
        }};
    }
    {
        let mut b = Builder::new(
            "sqrt",
            1,
            1,
            "Return the non-negative square-root of an array, element-wise.",
        );
        float_unary!(b, sqrt);
        complex_c!(b, lib csqrt);
        t.push(b.build());
    }
    fo!(
        "cbrt",
        "Return the cube-root of an array, element-wise.",
        cbrt
    );
    t.push(float_and_complex_unary(
        "exp",
        "Calculate the exponential of all elements in the input array.",
        |b| {
            fn g(x: f16) -> f16 {
                x.exp()
            }
            b.add(&[DTypeKind::Float16; 2], unary::<f16, f16>(g));
            b.add(&[DTypeKind::Float32; 2], vmath::exp_kernel::<f32>());
            b.add(&[DTypeKind::Float64; 2], super::exp64::kernel());
        },
        |b| complex_c!(b, lib cexp),
    ));
    {
        let mut b = Builder::new(
            "exp2",
            1,
            1,
            "Calculate `2**p` for all `p` in the input array.",
        );
        float_unary!(b, exp2);
        complex_c!(b, cexp2);
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "expm1",
            1,
            1,
            "Calculate `exp(x) - 1` for all elements in the array.",
        );
        float_unary!(b, exp_m1);
        complex_c!(b, cexpm1);
        t.push(b.build());
    }
    t.push(float_and_complex_unary(
        "log",
        "Natural logarithm, element-wise.",
        |b| {
            fn g(x: f16) -> f16 {
                x.ln()
            }
            b.add(&[DTypeKind::Float16; 2], unary::<f16, f16>(g));
            b.add(
                &[DTypeKind::Float32; 2],
                vmath::vec_kernel::<f32, _>(vmath::Log),
            );
            b.add(
                &[DTypeKind::Float64; 2],
                vmath::vec_kernel::<f64, _>(vmath::Log),
            );
        },
        |b| complex_c!(b, lib clog),
    ));
    {
        let mut b = Builder::new("log2", 1, 1, "Base-2 logarithm of `x`.");
        float_unary!(b, log2);
        complex_c!(b, clog2);
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "log10",
            1,
            1,
            "Return the base 10 logarithm of the input array, element-wise.",
        );
        float_unary!(b, log10);
        complex_c!(b, clog10);
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "log1p",
            1,
            1,
            "Return the natural logarithm of one plus the input array, element-wise.",
        );
        float_unary!(b, ln_1p);
        complex_c!(b, clog1p);
        t.push(b.build());
    }
    t.push(float_and_complex_unary(
        "sin",
        "Trigonometric sine, element-wise.",
        |b| {
            fn g(x: f16) -> f16 {
                x.sin()
            }
            b.add(&[DTypeKind::Float16; 2], unary::<f16, f16>(g));
            b.add(
                &[DTypeKind::Float32; 2],
                vmath::vec_kernel::<f32, _>(vmath::Sin),
            );
            b.add(
                &[DTypeKind::Float64; 2],
                vmath::vec_kernel::<f64, _>(vmath::Sin),
            );
        },
        |b| complex_c!(b, lib csin),
    ));
    t.push(float_and_complex_unary(
        "cos",
        "Cosine element-wise.",
        |b| {
            fn g(x: f16) -> f16 {
                x.cos()
            }
            b.add(&[DTypeKind::Float16; 2], unary::<f16, f16>(g));
            b.add(
                &[DTypeKind::Float32; 2],
                vmath::vec_kernel::<f32, _>(vmath::Cos),
            );
            b.add(
                &[DTypeKind::Float64; 2],
                vmath::vec_kernel::<f64, _>(vmath::Cos),
            );
        },
        |b| complex_c!(b, lib ccos),
    ));
    fc!("tan", "Compute tangent element-wise.", tan, lib ctan);
    fc!("arcsin", "Inverse sine, element-wise.", asin, lib casin);
    fc!(
        "arccos",
        "Trigonometric inverse cosine, element-wise.",
        acos,
        lib cacos
    );
    fc!(
        "arctan",
        "Trigonometric inverse tangent, element-wise.",
        atan,
        lib catan
    );
    fc!("sinh", "Hyperbolic sine, element-wise.", sinh, lib csinh);
    fc!("cosh", "Hyperbolic cosine, element-wise.", cosh, lib ccosh);
    fc!("tanh", "Compute hyperbolic tangent element-wise.", tanh, lib ctanh);
    {
        let mut b = Builder::new("arcsinh", 1, 1, "Inverse hyperbolic sine element-wise.");
        fn ash<F: Float>(x: F) -> F {
            // Large arguments: asinh(x) = sign(x) (ln|x| + ln 2), avoiding x*x overflow;
            // tiny ones (zero and subnormals included) are their own asinh, as in C's
            // libm (the formula would divide by zero or overflow computing 1/|x|).
            let big = F::from(2f64.powi(28)).unwrap_or_else(F::max_value);
            let tiny = F::from(2f64.powi(-28)).unwrap_or_else(F::epsilon);
            if x.abs() < tiny {
                x
            } else if x.abs() > big {
                let ln2 = F::from(std::f64::consts::LN_2).unwrap_or_else(F::zero);
                (x.abs().ln() + ln2).copysign(x)
            } else {
                x.asinh()
            }
        }
        // float16 in float32, as NumPy's half loops compute.
        b.add(
            &[DTypeKind::Float16; 2],
            unary::<f16, f16>(|x| f16::from_f32(ash(x.to_f32()))),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 2], unary::<T, T>(ash::<T>)));
        complex_c!(b, lib casinh);
        t.push(b.build());
    }
    {
        let mut b = Builder::new("arccosh", 1, 1, "Inverse hyperbolic cosine, element-wise.");
        fn ach<F: Float>(x: F) -> F {
            // Below 1 the result is NaN with the invalid flag, as C's acosh raises it.
            if x < F::one() {
                std::hint::black_box(F::zero()) / std::hint::black_box(F::zero())
            } else if x > F::from(2f64.powi(28)).unwrap_or_else(F::max_value) {
                // acosh(x) = ln(2x) for large x, without overflowing x*x.
                x.ln() + F::from(std::f64::consts::LN_2).unwrap_or_else(F::zero)
            } else {
                x.acosh()
            }
        }
        // float16 in float32, as NumPy's half loops compute.
        b.add(
            &[DTypeKind::Float16; 2],
            unary::<f16, f16>(|x| f16::from_f32(ach(x.to_f32()))),
        );
        each!([f32, f64], T => b.add(&[k::<T>(); 2], unary::<T, T>(ach::<T>)));
        complex_c!(b, lib cacosh);
        t.push(b.build());
    }
    {
        let mut b = Builder::new("arctanh", 1, 1, "Inverse hyperbolic tangent element-wise.");
        fn ath<F: Float>(x: F) -> F {
            // Beyond ±1 the result is NaN with only the invalid flag (the formula would
            // also overflow computing 2x for huge x).
            if x.abs() > F::one() {
                std::hint::black_box(F::zero()) / std::hint::black_box(F::zero())
            } else {
                x.atanh()
            }
        }
        floats!(T => b.add(&[k::<T>(); 2], unary::<T, T>(ath::<T>)));
        complex_c!(b, lib catanh);
        t.push(b.build());
    }
    fo!(
        "degrees",
        "Convert angles from radians to degrees.",
        to_degrees
    );
    fo!(
        "radians",
        "Convert angles from degrees to radians.",
        to_radians
    );
    fo!(
        "rad2deg",
        "Convert angles from radians to degrees.",
        to_degrees
    );
    fo!(
        "deg2rad",
        "Convert angles from degrees to radians.",
        to_radians
    );
    {
        let mut b = Builder::new(
            "rint",
            1,
            1,
            "Round elements of the array to the nearest integer.",
        );
        b.add(
            &[DTypeKind::Float16; 2],
            unary::<f16, f16>(|x| f16::from_f32(x.to_f32().round_ties_even())),
        );
        b.add(
            &[DTypeKind::Float32; 2],
            unary::<f32, f32>(|x| x.round_ties_even()),
        );
        b.add(
            &[DTypeKind::Float64; 2],
            unary::<f64, f64>(|x| x.round_ties_even()),
        );
        fn cri<F: Float>(x: Complex<F>) -> Complex<F> {
            let r = |v: F| F::from(v.to_f64().unwrap_or(f64::NAN).round_ties_even()).unwrap_or(v);
            Complex::new(r(x.re), r(x.im))
        }
        complexes!(T => b.add(&[k::<T>(); 2], unary::<T, T>(cri)));
        t.push(b.build());
    }
    t.push(rounding::<0>(
        "floor",
        "Return the floor of the input, element-wise.",
    ));
    t.push(rounding::<1>(
        "ceil",
        "Return the ceiling of the input, element-wise.",
    ));
    t.push(rounding::<2>(
        "trunc",
        "Return the truncated value of the input, element-wise.",
    ));

    // ----- binary float math -----
    macro_rules! fb {
        ($name:literal, $doc:literal, $f:expr) => {{
            let mut b = Builder::new($name, 2, 1, $doc);
            floats!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>($f)));
            t.push(b.build());
        }};
        ($name:literal, $doc:literal, $f:expr, identity $id:expr) => {{
            let mut b = Builder::new($name, 2, 1, $doc).identity($id);
            floats!(T => b.add(&[k::<T>(); 3], binary_fold::<T>($f, seq_fold($f))));
            t.push(b.build());
        }};
    }
    fn atan2_<F: Float>(a: F, b: F) -> F {
        a.atan2(b)
    }
    fn hypot_<F: Float>(a: F, b: F) -> F {
        a.hypot(b)
    }
    fn copysign_<F: Float>(a: F, b: F) -> F {
        a.copysign(b)
    }
    fb!(
        "arctan2",
        "Element-wise arc tangent of ``x1/x2`` choosing the quadrant correctly.",
        atan2_::<T>
    );
    fb!("hypot", "Given the \"legs\" of a right triangle, return its hypotenuse.", hypot_::<T>, identity Scalar::Int64(0));
    macro_rules! fb_half32 {
        ($name:literal, $doc:literal, $f:path) => {{
            // float16 computed in float32 (NumPy's half loops), then rounded.
            let mut b = Builder::new($name, 2, 1, $doc).identity(Scalar::Float64(f64::NEG_INFINITY));
            fn h(a: f16, b: f16) -> f16 {
                f16::from_f32($f(a.to_f32(), b.to_f32()))
            }
            b.add(&[DTypeKind::Float16; 3], binary_fold::<f16>(h, seq_fold(h)));
            each!([f32, f64], T => b.add(&[k::<T>(); 3], binary_fold::<T>($f, seq_fold($f))));
            t.push(b.build());
        }};
    }
    fb_half32!(
        "logaddexp",
        "Logarithm of the sum of exponentiations of the inputs.",
        math::logaddexp
    );
    fb_half32!(
        "logaddexp2",
        "Logarithm of the sum of exponentiations of the inputs in base-2.",
        math::logaddexp2
    );
    fb!(
        "copysign",
        "Change the sign of x1 to that of x2, element-wise.",
        copysign_::<T>
    );
    fb!(
        "heaviside",
        "Compute the Heaviside step function.",
        math::heaviside::<T>
    );
    {
        let mut b = Builder::new(
            "nextafter",
            2,
            1,
            "Return the next floating-point value after x1 towards x2, element-wise.",
        );
        b.add(
            &[DTypeKind::Float16; 3],
            binary::<f16, f16, f16>(math::next_after_f16),
        );
        b.add(
            &[DTypeKind::Float32; 3],
            binary::<f32, f32, f32>(math::next_after_f32),
        );
        b.add(
            &[DTypeKind::Float64; 3],
            binary::<f64, f64, f64>(math::next_after_f64),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "spacing",
            1,
            1,
            "Return the distance between x and the nearest adjacent number.",
        );
        // NumPy's half spacing works on the bit pattern and is never negative.
        b.add(
            &[DTypeKind::Float16; 2],
            unary::<f16, f16>(|x| {
                let h = x.to_bits();
                let (exp, sig) = (h & 0x7c00, h & 0x03ff);
                let bits = if exp == 0x7c00 {
                    return f16::from_f32(f32::NAN)
                        + f16::from_f32(f32::INFINITY) * f16::from_f32(0.0);
                } else if h == 0x7bff {
                    fpstatus::raise(FpFlags::OVERFLOW);
                    return f16::INFINITY;
                } else if h & 0x8000 != 0 && sig == 0 {
                    if exp > 0x2c00 {
                        exp - 0x2c00
                    } else if exp > 0x0400 {
                        1 << ((exp >> 10) - 2)
                    } else {
                        1
                    }
                } else if exp > 0x2800 {
                    exp - 0x2800
                } else if exp > 0x0400 {
                    1 << ((exp >> 10) - 1)
                } else {
                    1
                };
                f16::from_bits(bits)
            }),
        );
        b.add(
            &[DTypeKind::Float32; 2],
            unary::<f32, f32>(|x| {
                if x.is_nan() || x.is_infinite() {
                    return f32::NAN;
                }
                if x.to_bits() == 0x8000_0000 {
                    return f32::from_bits(1);
                }
                let to = if x.is_sign_negative() {
                    f32::NEG_INFINITY
                } else {
                    f32::INFINITY
                };
                math::next_after_f32(x, to) - x
            }),
        );
        b.add(
            &[DTypeKind::Float64; 2],
            unary::<f64, f64>(|x| {
                if x.to_bits() == 1u64 << 63 {
                    f64::from_bits(1)
                } else {
                    math::spacing_f64(x)
                }
            }),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new("ldexp", 2, 1, "Returns x1 * 2**x2, element-wise.")
            .resolver(Resolver::Ldexp);
        fn ld<F: Float>(x: F, e: i64) -> F {
            let e = e.clamp(-10000, 10000) as i32;
            let two = F::one() + F::one();
            // Scale in steps so intermediate powers stay finite.
            let mut r = x;
            let mut left = e;
            while left > 1000 {
                r = r * two.powi(1000);
                left -= 1000;
            }
            while left < -1000 {
                r = r * two.powi(-1000);
                left += 1000;
            }
            r * two.powi(left)
        }
        b.add(
            &[DTypeKind::Float16, DTypeKind::Int32, DTypeKind::Float16],
            binary::<f16, i32, f16>(|x, e| f16::from_f64(ld(x.to_f64(), e as i64))),
        );
        b.add(
            &[DTypeKind::Float32, DTypeKind::Int32, DTypeKind::Float32],
            binary::<f32, i32, f32>(|x, e| ld(x as f64, e as i64) as f32),
        );
        b.add(
            &[DTypeKind::Float16, DTypeKind::Int64, DTypeKind::Float16],
            binary::<f16, i64, f16>(|x, e| f16::from_f64(ld(x.to_f64(), e))),
        );
        b.add(
            &[DTypeKind::Float32, DTypeKind::Int64, DTypeKind::Float32],
            binary::<f32, i64, f32>(|x, e| ld(x as f64, e) as f32),
        );
        b.add(
            &[DTypeKind::Float64, DTypeKind::Int32, DTypeKind::Float64],
            binary::<f64, i32, f64>(|x, e| ld(x, e as i64)),
        );
        b.add(
            &[DTypeKind::Float64, DTypeKind::Int64, DTypeKind::Float64],
            binary::<f64, i64, f64>(ld::<f64>),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "frexp",
            1,
            2,
            "Decompose the elements of x into mantissa and twos exponent.",
        );
        fn fx(x: f64) -> (f64, i32) {
            if x == 0.0 || x.is_nan() || x.is_infinite() {
                return (x, 0);
            }
            let (mut m, mut e) = (x, 0i32);
            if x.abs() < f64::MIN_POSITIVE {
                // black_box keeps the scaling inside its branch: done speculatively on
                // every lane of a vector it would overflow for huge values.
                m = std::hint::black_box(m) * 2f64.powi(54);
                e -= 54;
            }
            let bits = m.to_bits();
            let exp = ((bits >> 52) & 0x7ff) as i32 - 1022;
            let mant = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
            (mant, e + exp)
        }
        b.add(
            &[DTypeKind::Float16, DTypeKind::Float16, DTypeKind::Int32],
            unary2::<f16, f16, i32>(|x| {
                let (m, e) = fx(x.to_f64());
                (f16::from_f64(m), e)
            }),
        );
        b.add(
            &[DTypeKind::Float32, DTypeKind::Float32, DTypeKind::Int32],
            unary2::<f32, f32, i32>(|x| {
                let (m, e) = fx(x as f64);
                (m as f32, e)
            }),
        );
        b.add(
            &[DTypeKind::Float64, DTypeKind::Float64, DTypeKind::Int32],
            unary2::<f64, f64, i32>(fx),
        );
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "modf",
            1,
            2,
            "Return the fractional and integral parts of an array, element-wise.",
        );
        fn mf<F: Float>(x: F) -> (F, F) {
            if x.is_infinite() {
                return (F::zero().copysign(x), x);
            }
            let i = x.trunc();
            ((x - i).copysign(x), i)
        }
        floats!(T => b.add(&[k::<T>(); 3], unary2::<T, T, T>(mf::<T>)));
        t.push(b.build());
    }

    // ----- extrema -----
    t.push(extremum::<0>(
        "maximum",
        "Element-wise maximum of array elements.",
    ));
    t.push(extremum::<1>(
        "minimum",
        "Element-wise minimum of array elements.",
    ));
    t.push(extremum::<2>(
        "fmax",
        "Element-wise maximum of array elements (ignoring NaNs).",
    ));
    t.push(extremum::<3>(
        "fmin",
        "Element-wise minimum of array elements (ignoring NaNs).",
    ));

    // ----- comparisons and logic -----
    t.push(comparison::<0>("equal", "Return (x1 == x2) element-wise."));
    t.push(comparison::<1>(
        "not_equal",
        "Return (x1 != x2) element-wise.",
    ));
    t.push(comparison::<2>(
        "less",
        "Return the truth value of (x1 < x2) element-wise.",
    ));
    t.push(comparison::<3>(
        "less_equal",
        "Return the truth value of (x1 <= x2) element-wise.",
    ));
    t.push(comparison::<4>(
        "greater",
        "Return the truth value of (x1 > x2) element-wise.",
    ));
    t.push(comparison::<5>(
        "greater_equal",
        "Return the truth value of (x1 >= x2) element-wise.",
    ));
    t.push(logical::<0>(
        "logical_and",
        "Compute the truth value of x1 AND x2 element-wise.",
    ));
    t.push(logical::<1>(
        "logical_or",
        "Compute the truth value of x1 OR x2 element-wise.",
    ));
    t.push(logical::<2>(
        "logical_xor",
        "Compute the truth value of x1 XOR x2, element-wise.",
    ));
    {
        let mut b = Builder::new(
            "logical_not",
            1,
            1,
            "Compute the truth value of NOT x element-wise.",
        );
        b.add(&[bk, bk], unary::<bool, bool>(|x| !x));
        ints!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(|x: T| !truthy_i(x))));
        floats!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(|x: T| !truthy_f(x))));
        complexes!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(|x: T| !truthy_c(x))));
        t.push(b.build());
    }
    t.push(classify::<0>(
        "isnan",
        "Test element-wise for NaN and return result as a boolean array.",
    ));
    t.push(classify::<1>(
        "isinf",
        "Test element-wise for positive or negative infinity.",
    ));
    t.push(classify::<2>(
        "isfinite",
        "Test element-wise for finiteness (not infinity and not Not a Number).",
    ));
    {
        let mut b = Builder::new(
            "signbit",
            1,
            1,
            "Returns element-wise True where signbit is set (less than zero).",
        );
        fn sb<F: Float>(x: F) -> bool {
            x.is_sign_negative()
        }
        floats!(T => b.add(&[k::<T>(), bk], unary::<T, bool>(sb::<T>)));
        t.push(b.build());
    }

    // ----- bitwise -----
    t.push(bitwise::<0>(
        "bitwise_and",
        "Compute the bit-wise AND of two arrays element-wise.",
        Scalar::Int64(-1),
    ));
    t.push(bitwise::<1>(
        "bitwise_or",
        "Compute the bit-wise OR of two arrays element-wise.",
        Scalar::Int64(0),
    ));
    t.push(bitwise::<2>(
        "bitwise_xor",
        "Compute the bit-wise XOR of two arrays element-wise.",
        Scalar::Int64(0),
    ));
    {
        let mut b = Builder::new(
            "invert",
            1,
            1,
            "Compute bit-wise inversion, or bit-wise NOT, element-wise.",
        );
        b.add(&[bk, bk], unary::<bool, bool>(|x| !x));
        ints!(T => b.add(&[k::<T>(); 2], unary::<T, T>(|x: T| !x)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "left_shift",
            2,
            1,
            "Shift the bits of an integer to the left.",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.lshift(y))));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "right_shift",
            2,
            1,
            "Shift the bits of an integer to the right.",
        );
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.rshift(y))));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "bitwise_count",
            1,
            1,
            "Computes the number of 1-bits in the absolute value of ``x``.",
        );
        ints!(T => b.add(&[k::<T>(), DTypeKind::UInt8], unary::<T, u8>(|x: T| x.wabs().count_ones() as u8)));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "gcd",
            2,
            1,
            "Returns the greatest common divisor of ``|x1|`` and ``|x2|``",
        )
        .identity(Scalar::Int64(0))
        .resolver(Resolver::Strict);
        ints!(T => b.add(&[k::<T>(); 3], binary_fold::<T>(|x: T, y: T| x.gcd_(y), seq_fold(|x: T, y: T| x.gcd_(y)))));
        t.push(b.build());
    }
    {
        let mut b = Builder::new(
            "lcm",
            2,
            1,
            "Returns the lowest common multiple of ``|x1|`` and ``|x2|``",
        )
        .resolver(Resolver::Strict);
        ints!(T => b.add(&[k::<T>(); 3], binary::<T, T, T>(|x: T, y: T| x.lcm_(y))));
        t.push(b.build());
    }
    t
}
