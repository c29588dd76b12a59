//! Universal functions: the table of ufuncs (table.rs), their kernels (kernels.rs,
//! math.rs), NumPy 2's type resolution with NEP 50 weak scalars, and the methods
//! `__call__`, `reduce`, `accumulate`, `reduceat`, `outer` and `at`, all driven by the
//! core iteration engine.

pub mod cmath;
pub mod exp64;
pub mod fpstatus;
pub mod kernels;
pub mod math;
pub mod parallel;
mod reduce_plan;
pub mod simd;
use reduce_plan::{Plan, PlanOperand};
mod table;
pub mod vmath;

use std::sync::LazyLock;

use numoxide_core::cast::{can_cast, can_cast_safely, promote_kinds, ufunc_cast_error, Casting};
use numoxide_core::iter::{for_each_run, for_each_run_range, for_each_run_range_ordered, Operand};
use numoxide_core::layout::{self, shape_text, Shape};
use numoxide_core::{
    DType, DTypeKind, Error, ErrorKind, IndexItem, NdArray, Order, Result, Scalar,
};

pub use fpstatus::FpFlags;
use kernels::Kernel;

/// One inner loop of a ufunc: the dtypes of its inputs then outputs, and the kernel.
pub struct Loop {
    /// `nin + nout` kinds.
    pub types: Vec<DTypeKind>,
    /// The inner loop.
    pub kernel: Kernel,
}

/// How a ufunc picks its loop beyond the default "first loop the inputs cast to safely".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolver {
    /// NumPy's linear search.
    Default,
    /// True division: integer and bool inputs use the float64 loop.
    TrueDivide,
    /// ldexp: the exponent is any integer.
    Ldexp,
    /// negative/subtract: refuse booleans with NumPy's hint.
    NoBool,
    /// New-style dispatch (gcd, lcm): the promoted type must have a loop of its own.
    Strict,
}

/// A universal function.
pub struct Ufunc {
    /// NumPy's name.
    pub name: &'static str,
    /// Number of inputs.
    pub nin: usize,
    /// Number of outputs.
    pub nout: usize,
    /// The identity (for empty reductions and initialization), if any.
    pub identity: Option<Scalar>,
    /// Whether reductions over several axes at once are allowed.
    pub reorderable: bool,
    /// Loop selection rule.
    pub resolver: Resolver,
    /// Loops in NumPy's order.
    pub loops: Vec<Loop>,
    /// First line of the docstring.
    pub doc: &'static str,
    /// Whether the loops compare floats: x86's vector compares raise the invalid flag on
    /// NaN operands, while NumPy's (quiet) comparisons never warn, so that flag is dropped.
    pub quiet_invalid: bool,
}

impl Ufunc {
    /// Whether `f(x, x) == x`, so a reduction may start from its first element twice.
    fn is_idempotent(&self) -> bool {
        matches!(
            self.name,
            "maximum"
                | "minimum"
                | "fmax"
                | "fmin"
                | "logical_and"
                | "logical_or"
                | "bitwise_and"
                | "bitwise_or"
                | "gcd"
        )
    }
    /// The flags a caller should act on, after dropping the comparisons' spurious invalid.
    /// The flags a loop raised that NumPy reports for this ufunc: comparisons drop the
    /// hardware invalid flag (see `quiet_invalid`) but keep the software one, and a weak
    /// scalar's cast overflow is passed on.
    pub fn visible(&self, f: FpFlags) -> FpFlags {
        let mask = if self.quiet_invalid {
            0x0f & !FpFlags::INVALID
        } else {
            0x0f
        };
        let mut v = f.0
            & (mask | FpFlags::CAST_OVERFLOW | FpFlags::CAST_INVALID | FpFlags::COMPLEX_DISCARD);
        if f.has(FpFlags::FORCED_INVALID) {
            v |= FpFlags::INVALID;
        }
        FpFlags(v)
    }

    /// [`Ufunc::visible`] for NumPy's scalar math (`np.complex64(a) < b`), whose
    /// comparisons never warn, not even complex ones.
    pub fn visible_scalar(&self, f: FpFlags) -> FpFlags {
        if self.quiet_invalid {
            FpFlags(f.0 & 0x0f & !FpFlags::INVALID)
        } else {
            self.visible(f)
        }
    }
}

static TABLE: LazyLock<Vec<Ufunc>> = LazyLock::new(table::build_table);

/// Every ufunc.
pub fn all() -> &'static [Ufunc] {
    &TABLE
}

/// FNV-1a: the names are short and trusted, and every operator call looks one up, so a
/// cheap hash beats the default SipHash.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type NameMap = std::collections::HashMap<&'static str, usize, std::hash::BuildHasherDefault<Fnv>>;

static BY_NAME: LazyLock<NameMap> =
    LazyLock::new(|| TABLE.iter().enumerate().map(|(i, u)| (u.name, i)).collect());

/// The ufunc called `name`.
pub fn get(name: &str) -> Option<&'static Ufunc> {
    BY_NAME.get(name).map(|&i| &TABLE[i])
}

/// A Python scalar operand: its value decides nothing about the result dtype (NEP 50).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weak {
    /// A Python int (held as i128 to cover int64 and uint64).
    Int(i128),
    /// A Python float.
    Float(f64),
    /// A Python complex.
    Complex(f64, f64),
}

/// An operand of a ufunc call.
#[derive(Clone, Debug)]
pub enum Input {
    /// An array (or a typed scalar as a 0-d array).
    Array(NdArray),
    /// A Python scalar.
    Weak(Weak),
}

impl Input {
    fn shape(&self) -> &[usize] {
        match self {
            Input::Array(a) => a.shape(),
            Input::Weak(_) => &[],
        }
    }
}

/// Keyword options of a ufunc call.
#[derive(Clone, Debug)]
pub struct CallOptions {
    /// `out=`: one slot per output.
    pub out: Vec<Option<NdArray>>,
    /// `where=`: a boolean mask broadcast against the operands.
    pub where_: Option<NdArray>,
    /// `casting=` (default same_kind).
    pub casting: Casting,
    /// `dtype=`: the output (and loop) dtype.
    pub dtype: Option<DType>,
    /// `order=` for new outputs.
    pub order: Order,
    /// `signature=`: a fixed type per operand (`None` = free); empty when not given.
    pub signature: Vec<Option<DTypeKind>>,
}

impl Default for CallOptions {
    fn default() -> Self {
        CallOptions {
            out: Vec::new(),
            where_: None,
            casting: Casting::SameKind,
            dtype: None,
            order: Order::K,
            signature: Vec::new(),
        }
    }
}

fn ufunc_type_error(name: &str) -> Error {
    Error::type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// The dtype a weak scalar takes next to the strong dtype `strong` (NEP 50).
fn weak_kind(w: &Weak, strong: Option<DTypeKind>) -> DTypeKind {
    use DTypeKind::*;
    match (w, strong) {
        (Weak::Int(v), None) => {
            if *v > i64::MAX as i128 {
                UInt64
            } else {
                Int64
            }
        }
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

impl Ufunc {
    /// NumPy's `types` strings ("dd->d").
    pub fn type_strings(&self) -> Vec<String> {
        self.loops
            .iter()
            .map(|l| {
                let ins: String = l.types[..self.nin].iter().map(|k| k.char()).collect();
                let outs: String = l.types[self.nin..].iter().map(|k| k.char()).collect();
                format!("{ins}->{outs}")
            })
            .collect()
    }

    /// Pick the loop for these input kinds (after weak-scalar resolution).
    fn find_loop(
        &self,
        kinds: &[DTypeKind],
        dtype: Option<&DType>,
        _casting: Casting,
    ) -> Result<usize> {
        if self.resolver == Resolver::NoBool
            && dtype.is_none()
            && kinds.iter().all(|&k| k == DTypeKind::Bool)
        {
            return Err(match self.name {
                "negative" => Error::type_error("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead."),
                "subtract" => Error::type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead."),
                name => Error::new(
                    ErrorKind::UFuncNoLoop,
                    format!("ufunc '{name}' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None"),
                ),
            });
        }
        let kinds: Vec<DTypeKind> = match self.resolver {
            Resolver::TrueDivide if dtype.is_none() && kinds.iter().all(|k| !k.is_inexact()) => {
                vec![DTypeKind::Float64; kinds.len()]
            }
            _ => kinds.to_vec(),
        };
        if let Some(d) = dtype {
            // dtype= fixes the outputs of the signature (NumPy's `_get_fixed_signature`).
            let mut sig = vec![None; self.nin + self.nout];
            for s in &mut sig[self.nin..] {
                *s = Some(d.kind());
            }
            return self.find_loop_sig(&kinds, &[], &sig);
        }
        if self.resolver == Resolver::Strict {
            let common = kinds.iter().copied().reduce(promote_kinds);
            if let Some(c) = common {
                if let Some(i) = self
                    .loops
                    .iter()
                    .position(|l| l.types[..self.nin].iter().all(|&t| t == c))
                {
                    return Ok(i);
                }
            }
            let names: Vec<String> = kinds
                .iter()
                .map(|k| format!("<class 'numpy.dtypes.{}'>", dtype_class_name(*k)))
                .collect();
            let sig = if names.len() == 1 {
                names[0].clone()
            } else {
                format!("({})", names.join(", "))
            };
            return Err(Error::new(
                ErrorKind::UFuncNoLoop,
                format!(
                    "ufunc '{}' did not contain a loop with signature matching types {sig} -> None",
                    self.name
                ),
            ));
        }
        if self.resolver == Resolver::Ldexp {
            let target = kinds[0];
            for (i, l) in self.loops.iter().enumerate() {
                if can_cast_safely(target, l.types[0]) && can_cast_safely(kinds[1], l.types[1]) {
                    return Ok(i);
                }
            }
            // No other exponent kind (uint64 included) has a loop, as in NumPy.
            return Err(ufunc_type_error(self.name));
        }
        // Promote first (NumPy 2's promoters), then search the common kind, then fall
        // back to the legacy linear search over the original kinds.
        let common = kinds.iter().copied().reduce(promote_kinds);
        if let Some(c) = common {
            for (i, l) in self.loops.iter().enumerate() {
                if l.types[..self.nin].iter().all(|&t| t == c) {
                    return Ok(i);
                }
            }
        }
        for (i, l) in self.loops.iter().enumerate() {
            if kinds
                .iter()
                .zip(&l.types)
                .all(|(&k, &t)| can_cast_safely(k, t))
            {
                return Ok(i);
            }
        }
        Err(ufunc_type_error(self.name))
    }

    /// Whether NumPy resolves this ufunc with its "simple uniform" legacy resolver (all
    /// operands of one type), whose fast path lets a fixed output type fix every input.
    fn uniform_resolver(&self, kinds: &[DTypeKind]) -> bool {
        match self.name {
            "add" | "subtract" | "multiply" | "maximum" | "minimum" | "fmax" | "fmin"
            | "positive" | "negative" | "sign" | "clip" => true,
            "absolute" => kinds.first().is_some_and(|k| !k.is_complex()),
            _ => false,
        }
    }

    /// Pick the loop for input kinds `kinds` under a fixed signature `sig` (one entry per
    /// operand, `None` = free), as NumPy's dispatcher does: a loop matching the inputs
    /// (or their fixed types) and the fixed outputs exactly; else the legacy resolver
    /// with the type tuple: the uniform fast path (fixed outputs all `X` make every input
    /// `X`), else the first loop whose fixed types match and whose free inputs cast
    /// safely, retried with the free inputs set to a homogeneous fixed output type.
    /// `weak` flags inputs that are Python scalars (any value-preserving loop will do).
    ///
    /// # Errors
    /// NumPy's `TypeError`s: "No loop matching the specified signature and casting was
    /// found", the boolean subtract/negative hints, `_UFuncNoLoopError` for gcd/lcm.
    pub fn find_loop_sig(
        &self,
        kinds: &[DTypeKind],
        weak: &[bool],
        sig: &[Option<DTypeKind>],
    ) -> Result<usize> {
        let nin = self.nin;
        let nop = nin + self.nout;
        let fixed_in = |j: usize| sig.get(j).copied().flatten();
        let is_weak = |j: usize| weak.get(j).copied().unwrap_or(false);
        let weak_fits = |j: usize, t: DTypeKind| match kinds.get(j) {
            Some(k) if k.is_complex() => t.is_complex(),
            Some(k) if k.is_inexact() => t.is_inexact(),
            _ => t != DTypeKind::Bool,
        };
        let exact = self.loops.iter().position(|l| {
            (0..nin).all(|j| match fixed_in(j) {
                Some(f) => l.types[j] == f,
                None if is_weak(j) => weak_fits(j, l.types[j]),
                None => kinds.get(j) == Some(&l.types[j]),
            }) && (nin..nop).all(|j| fixed_in(j).is_none_or(|t| t == l.types[j]))
        });
        if let Some(i) = exact {
            return Ok(i);
        }
        let homogeneous = sig[nin..]
            .first()
            .copied()
            .flatten()
            .filter(|&x| sig[nin..].iter().all(|&o| o == Some(x)));
        if self.uniform_resolver(kinds) || self.resolver == Resolver::Strict {
            if let Some(x) =
                homogeneous.filter(|&x| (0..nin).all(|j| fixed_in(j).is_none_or(|t| t == x)))
            {
                if x == DTypeKind::Bool {
                    match self.name {
                        "negative" => return Err(Error::type_error("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")),
                        "subtract" => return Err(Error::type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")),
                        _ => {}
                    }
                }
                if let Some(i) = self
                    .loops
                    .iter()
                    .position(|l| l.types.iter().all(|&t| t == x))
                {
                    return Ok(i);
                }
            }
        }
        if self.resolver == Resolver::Strict {
            let name = |k: Option<DTypeKind>| match k {
                Some(k) => format!("<class 'numpy.dtypes.{}'>", dtype_class_name(k)),
                None => "None".to_string(),
            };
            let ins: Vec<String> = (0..nin)
                .map(|j| name(fixed_in(j).or(kinds.get(j).copied())))
                .collect();
            let outs: Vec<String> = (nin..nop).map(|j| name(fixed_in(j))).collect();
            return Err(Error::new(
                ErrorKind::UFuncNoLoop,
                format!(
                    "ufunc '{}' did not contain a loop with signature matching types ({}) -> {}",
                    self.name,
                    ins.join(", "),
                    outs.join(", ")
                ),
            ));
        }
        let castable = |j: usize, t: DTypeKind| -> bool {
            let Some(&k) = kinds.get(j) else { return false };
            if is_weak(j) {
                weak_fits(j, t)
            } else {
                can_cast_safely(k, t)
            }
        };
        let search = |spec: &[Option<DTypeKind>]| {
            self.loops.iter().position(|l| {
                (0..nop).all(|j| match spec.get(j).copied().flatten() {
                    Some(s) => l.types[j] == s,
                    None => j >= nin || castable(j, l.types[j]),
                })
            })
        };
        if let Some(i) = search(sig) {
            return Ok(i);
        }
        if let Some(x) = homogeneous {
            let spec: Vec<Option<DTypeKind>> = (0..nop).map(|j| fixed_in(j).or(Some(x))).collect();
            if let Some(i) = search(&spec) {
                return Ok(i);
            }
        }
        Err(Error::type_error(format!(
            "No loop matching the specified signature and casting was found for ufunc {}",
            self.name
        )))
    }

    /// Resolve the loop for a call: returns the loop index.
    ///
    /// # Errors
    /// `TypeError` when no loop fits.
    pub fn resolve(
        &self,
        inputs: &[Input],
        dtype: Option<&DType>,
        casting: Casting,
    ) -> Result<usize> {
        self.resolve_sig(inputs, dtype, &[], casting)
    }

    /// [`Ufunc::resolve`] with a fixed signature (`signature=`; empty = none), which
    /// `dtype=` fills at the outputs.
    ///
    /// # Errors
    /// `TypeError` when no loop fits.
    pub fn resolve_sig(
        &self,
        inputs: &[Input],
        dtype: Option<&DType>,
        sig: &[Option<DTypeKind>],
        casting: Casting,
    ) -> Result<usize> {
        let strong: Option<DTypeKind> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::Array(a) => Some(a.kind()),
                Input::Weak(_) => None,
            })
            .reduce(promote_kinds);
        let comparison = matches!(
            self.name,
            "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal"
        );
        if comparison && strong == Some(DTypeKind::Bool) {
            // NumPy converts the Python int through a C long here.
            for i in inputs {
                if let Input::Weak(Weak::Int(v)) = i {
                    if *v > i64::MAX as i128 || *v < i64::MIN as i128 {
                        return Err(Error::overflow("Python int too large to convert to C long"));
                    }
                }
            }
        }
        let kinds: Vec<DTypeKind> = inputs
            .iter()
            .map(|i| match i {
                Input::Array(a) => a.kind(),
                Input::Weak(w) => {
                    let k = weak_kind(w, strong);
                    // NumPy 2 compares out-of-range Python ints exactly instead of raising:
                    // widen to the default integer of the value's sign.
                    match w {
                        Weak::Int(v)
                            if comparison && k.is_integer() && {
                                let (lo, hi) = int_range(k);
                                *v < lo || *v > hi
                            } =>
                        {
                            if *v > u64::MAX as i128 || *v < i64::MIN as i128 {
                                // Beyond every integer kind: compare as a float64, which
                                // stays beyond every int64 (and uint64 but its top 2**10).
                                DTypeKind::Float64
                            } else if *v > i64::MAX as i128 {
                                DTypeKind::UInt64
                            } else {
                                DTypeKind::Int64
                            }
                        }
                        _ => k,
                    }
                }
            })
            .collect();
        // An all-None signature fixes nothing (NumPy's `_get_fixed_signature`).
        if sig.iter().any(|s| s.is_some()) || dtype.is_some() {
            let nop = self.nin + self.nout;
            let mut full: Vec<Option<DTypeKind>> = if sig.len() == nop {
                sig.to_vec()
            } else {
                vec![None; nop]
            };
            if let Some(d) = dtype {
                for o in &mut full[self.nin..] {
                    *o = Some(d.kind());
                }
            }
            // A Python scalar enters by its own kind (int64, float64, complex128), which
            // only says what it may become.
            let weak: Vec<bool> = inputs.iter().map(|i| matches!(i, Input::Weak(_))).collect();
            let kinds: Vec<DTypeKind> = inputs
                .iter()
                .zip(&kinds)
                .map(|(i, &k)| match i {
                    Input::Weak(w) => weak_kind(w, None),
                    Input::Array(_) => k,
                })
                .collect();
            return self.find_loop_sig(&kinds, &weak, &full);
        }
        self.find_loop(&kinds, dtype, casting)
    }
}

/// What a fast path's loop reported, as the caller sees it: the integer negative-power
/// error, else the flags NumPy would show, plus a weak scalar's cast overflow.
fn loop_flags(uf: &Ufunc, flags: FpFlags, cast_overflow: bool) -> Result<FpFlags> {
    if flags.has(math::NEGATIVE_POWER) {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let mut flags = uf.visible(flags);
    if cast_overflow {
        flags.0 |= FpFlags::CAST_OVERFLOW;
    }
    Ok(flags)
}

/// NumPy 2's DType class name of a kind (`Float64DType`).
fn dtype_class_name(k: DTypeKind) -> String {
    let n = k.name();
    let mut c = n.chars();
    let cap = match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    };
    let cap = cap.replace("Uint", "UInt");
    format!("{cap}DType")
}

/// Convert a weak scalar to an element of `kind`.
///
/// # Errors
/// `OverflowError` "Python integer N out of bounds for uint8" when an int does not fit.
pub fn weak_to_scalar(w: &Weak, kind: DTypeKind) -> Result<Scalar> {
    match *w {
        Weak::Int(v) => {
            if kind.is_integer() {
                let (lo, hi) = int_range(kind);
                if v < lo || v > hi {
                    return Err(Error::overflow(format!(
                        "Python integer {v} out of bounds for {}",
                        kind.name()
                    )));
                }
            }
            let s = if v > u64::MAX as i128 || v < i64::MIN as i128 {
                // Only inexact kinds get here (the range check above): the int's nearest
                // float64, as Python's float(int) gives it.
                Scalar::Float64(v as f64)
            } else if v < 0 {
                Scalar::Int64(v as i64)
            } else if v > i64::MAX as i128 {
                Scalar::UInt64(v as u64)
            } else {
                Scalar::Int64(v as i64)
            };
            Ok(s.cast(kind))
        }
        Weak::Float(f) => Ok(Scalar::Float64(f).cast(kind)),
        Weak::Complex(re, im) => {
            Ok(Scalar::Complex128(num_complex::Complex::new(re, im)).cast(kind))
        }
    }
}

/// Whether converting the weak scalar to `kind` overflows: a finite Python number that
/// becomes infinite in float16, float32 or complex64, which NumPy reports as "overflow
/// encountered in cast".
pub fn weak_cast_overflows(w: &Weak, kind: DTypeKind) -> bool {
    let over = |v: f64| -> bool {
        v.is_finite()
            && match kind {
                DTypeKind::Float16 => half::f16::from_f64(v).is_infinite(),
                DTypeKind::Float32 | DTypeKind::Complex64 => (v as f32).is_infinite(),
                _ => false,
            }
    };
    match *w {
        Weak::Int(v) => over(v as f64),
        Weak::Float(f) => over(f),
        Weak::Complex(re, im) => over(re) || over(im),
    }
}

/// The inclusive range of an integer kind.
pub fn int_range(kind: DTypeKind) -> (i128, i128) {
    kind.int_bounds()
}

/// An array of `kind` holding the input (weak scalars converted, arrays cast to the
/// loop's kind and to native byte order when needed).
fn prepare_input(input: &Input, kind: DTypeKind) -> Result<NdArray> {
    match input {
        Input::Weak(w) => Ok(NdArray::from_scalar(weak_to_scalar(w, kind)?)),
        Input::Array(a) => {
            if a.kind() == kind && a.dtype().is_native() {
                Ok(a.clone())
            } else {
                a.astype(DType::new(kind), Order::K)
            }
        }
    }
}

/// Run a kernel over `shape` with operands (inputs then outputs) via the engine.
///
/// # Safety
/// Every operand's strides must address valid elements of the loop's kinds over `shape`,
/// and outputs must not partially overlap inputs.
unsafe fn run_kernel(kernel: &Kernel, shape: &[usize], ops: &[(*mut u8, &[isize])]) {
    if shape == [1] && ops.iter().all(|(_, s)| s.len() == 1) {
        // One element of 1-D operands: NumPy's trivial loop hands the kernel the
        // operands' own strides (loops that choose a path by stride sign see them too).
        let mut ptrs = [std::ptr::null_mut::<u8>(); 5];
        let mut strides = [0isize; 5];
        let n = ops.len().min(5);
        for ((p, st), (op, s)) in ptrs.iter_mut().zip(strides.iter_mut()).zip(ops) {
            *p = *op;
            *st = s.first().copied().unwrap_or(0);
        }
        // SAFETY: forwarded from the caller; each operand has its one element at `p`.
        unsafe { kernel.call(&ptrs[..n], &strides[..n], 1) };
        return;
    }
    // SAFETY: forwarded from the caller; the whole visiting order.
    unsafe { run_kernel_range(kernel, shape, ops, 0..usize::MAX) }
}

/// The engine's operand array for `ops` (slots past `ops.len()` stay null, unused).
fn operand_array<'a, const N: usize>(ops: &[(*mut u8, &'a [isize])]) -> [Operand<'a>; N] {
    let mut arr: [Operand<'a>; N] = [Operand {
        ptr: std::ptr::null_mut(),
        strides: &[],
    }; N];
    for (slot, (p, s)) in arr.iter_mut().zip(ops) {
        *slot = Operand {
            ptr: *p,
            strides: s,
        };
    }
    arr
}

/// [`run_kernel`] over the positions `range` of the engine's visiting order.
///
/// # Safety
/// As [`run_kernel`].
unsafe fn run_kernel_range(
    kernel: &Kernel,
    shape: &[usize],
    ops: &[(*mut u8, &[isize])],
    range: std::ops::Range<usize>,
) {
    macro_rules! go {
        ($n:literal) => {{
            // SAFETY: forwarded from the caller.
            unsafe {
                for_each_run_range(shape, operand_array::<$n>(ops), range, |p, s, n| {
                    kernel.call(&p, &s, n)
                })
            }
        }};
    }
    match ops.len() {
        2 => go!(2),
        3 => go!(3),
        4 => go!(4),
        _ => go!(5),
    }
}

/// Chunk starts of threaded elementwise loops are multiples of this many elements, so
/// every chunk but the last is a whole number of cache lines and vector blocks.
const PAR_GRANULE: usize = 1024;

/// The fewest elements per thread worth a thread for this loop: memory-bound loops
/// (arithmetic, comparisons, logic) need long runs to repay waking a thread; loops that
/// compute (transcendentals, roots, powers, integer division, complex and float16
/// arithmetic) repay it much earlier.
fn par_min(uf: &Ufunc, lp: &Loop) -> usize {
    let cheap = matches!(
        uf.name,
        "add"
            | "subtract"
            | "multiply"
            | "negative"
            | "positive"
            | "absolute"
            | "fabs"
            | "square"
            | "conjugate"
            | "equal"
            | "not_equal"
            | "less"
            | "less_equal"
            | "greater"
            | "greater_equal"
            | "logical_and"
            | "logical_or"
            | "logical_xor"
            | "logical_not"
            | "bitwise_and"
            | "bitwise_or"
            | "bitwise_xor"
            | "invert"
            | "left_shift"
            | "right_shift"
            | "maximum"
            | "minimum"
            | "fmax"
            | "fmin"
            | "isnan"
            | "isinf"
            | "isfinite"
            | "signbit"
            | "copysign"
            | "sign"
            | "floor"
            | "ceil"
            | "trunc"
            | "rint"
            | "deg2rad"
            | "rad2deg"
            | "radians"
            | "degrees"
            | "heaviside"
    );
    let computes = lp
        .types
        .iter()
        .any(|k| k.is_complex() || *k == DTypeKind::Float16)
        || (matches!(uf.name, "divide" | "reciprocal") && lp.types[0].is_inexact());
    if cheap && !computes {
        PAR_MIN_CHEAP
    } else if matches!(uf.name, "divide" | "reciprocal") && !lp.types[0].is_complex() {
        PAR_MIN_CHEAP / 4
    } else {
        PAR_MIN_HEAVY
    }
}

/// See [`par_min`]: memory-bound loops.
const PAR_MIN_CHEAP: usize = 1 << 19;
/// See [`par_min`]: loops that compute.
const PAR_MIN_HEAVY: usize = 1 << 14;

/// Whether writes through an output of `shape` and `strides` reach distinct elements
/// (no zero stride along a long axis, no axes that interleave), so threads writing
/// disjoint positions write disjoint memory.
fn writes_distinct(shape: &[usize], strides: &[isize], itemsize: usize) -> bool {
    let mut axes: Vec<(usize, usize)> = shape
        .iter()
        .zip(strides)
        .filter(|(&n, _)| n > 1)
        .map(|(&n, &s)| (s.unsigned_abs(), n))
        .collect();
    axes.sort_unstable();
    let mut span = itemsize;
    for (s, n) in axes {
        if s < span {
            return false;
        }
        span = match s.checked_mul(n - 1).and_then(|x| x.checked_add(span)) {
            Some(x) => x,
            None => return false,
        };
    }
    true
}

/// [`run_kernel`], on several threads when the loop is long enough: the positions of the
/// engine's visiting order cut into chunks. Elementwise kernels compute each element the
/// same way in any chunk, so the results do not depend on the thread count.
///
/// # Safety
/// As [`run_kernel`], and the operands from `nin` on (the outputs) must satisfy
/// [`writes_distinct`] and overlap no input except identically.
unsafe fn run_kernel_threads(
    kernel: &Kernel,
    shape: &[usize],
    ops: &[(*mut u8, &[isize])],
    threads: usize,
) {
    if threads <= 1 {
        // SAFETY: forwarded from the caller.
        return unsafe { run_kernel(kernel, shape, ops) };
    }
    let total: usize = shape.iter().product();
    // SAFETY: the operands stay valid until for_chunks returns; chunks visit disjoint
    // positions, whose output elements are distinct (the caller's contract), and inputs
    // are only read (or read then written at the same position, in place).
    let shared = unsafe { parallel::SyncPtr::new(ops) };
    parallel::for_chunks(total, PAR_GRANULE, threads, |lo, len| {
        // SAFETY: as above, positions lo..lo + len of the iteration.
        unsafe { run_kernel_range(kernel, shape, shared.get(), lo..lo + len) }
    });
}

/// Whether casting `from` to `to` drops imaginary parts with NumPy's ComplexWarning
/// (complex to a real type; a cast to bool tests the whole number and does not warn).
pub fn discards_imag(from: DTypeKind, to: DTypeKind) -> bool {
    from.is_complex() && !to.is_complex() && to != DTypeKind::Bool
}

/// How a ufunc lays out a new output.
enum Layout {
    /// C or F order.
    Fixed(Order),
    /// The axes from outermost to innermost (NumPy's `order='K'`).
    Perm(Vec<usize>),
}

impl Layout {
    /// NumPy's iterator axis order for `order='K'`: a stable insertion sort of the axes,
    /// innermost first, by the operands' absolute strides (zero strides say nothing; on a
    /// conflict between operands, C order wins). Length-1 axes have no strides for the
    /// iterator.
    fn from_strides(shape: &[usize], ops: &[&[isize]]) -> Layout {
        let nd = shape.len();
        // Positions innermost first: position i is axis nd - 1 - i.
        let inner_first = numoxide_core::layout::k_order(nd, ops.len(), |i, k| {
            if shape[nd - 1 - i] == 1 {
                0
            } else {
                ops[k].get(nd - 1 - i).copied().unwrap_or(0)
            }
        });
        let mut perm: Vec<usize> = inner_first.into_iter().map(|i| nd - 1 - i).collect();
        perm.reverse();
        if perm.iter().enumerate().all(|(i, &p)| i == p) {
            Layout::Fixed(Order::C)
        } else {
            Layout::Perm(perm)
        }
    }

    /// A new array of `shape` in this layout (zeroed when `zeroed`).
    ///
    /// # Safety
    /// Without `zeroed`, every element must be written before any is read.
    unsafe fn alloc(&self, shape: &[usize], dtype: DType, zeroed: bool) -> Result<NdArray> {
        let make = |sh: &[usize], order: Order| {
            if zeroed || sh.contains(&0) {
                NdArray::zeros(sh, dtype.clone(), order)
            } else {
                // SAFETY: forwarded to the caller.
                unsafe { NdArray::uninit(sh, dtype.clone(), order) }
            }
        };
        match self {
            Layout::Fixed(o) => make(shape, *o),
            Layout::Perm(perm) => {
                let permuted: Vec<usize> = perm.iter().map(|&p| shape[p]).collect();
                let base = make(&permuted, Order::C)?;
                let mut inverse = vec![0isize; perm.len()];
                for (i, &p) in perm.iter().enumerate() {
                    inverse[p] = i as isize;
                }
                base.transpose(Some(&inverse))
            }
        }
    }
}

/// Call a ufunc: returns the outputs and the floating-point flags the loops raised.
///
/// # Errors
/// `TypeError` (no loop; output cast not allowed), `ValueError` (shapes, read-only
/// output), `OverflowError` (weak int out of range).
pub fn call(uf: &Ufunc, inputs: &[Input], opts: &CallOptions) -> Result<(Vec<NdArray>, FpFlags)> {
    if inputs.len() != uf.nin {
        return Err(Error::type_error(format!(
            "{}() takes from {} to {} positional arguments but {} were given",
            uf.name,
            uf.nin,
            uf.nin + uf.nout,
            inputs.len()
        )));
    }
    let li = uf.resolve_sig(inputs, opts.dtype.as_ref(), &opts.signature, opts.casting)?;
    let lp = &uf.loops[li];
    let cast_overflow = inputs.iter().zip(&lp.types).any(|(i, &k)| match i {
        Input::Weak(w) => weak_cast_overflows(w, k),
        Input::Array(_) => false,
    });
    // The invalid/overflow flags of casting array inputs to the loop's types.
    let mut in_cast = FpFlags::default();
    let mut in_cast_small = true;
    let mut ins: Vec<NdArray> = Vec::with_capacity(inputs.len());
    for (i, &k) in inputs.iter().zip(&lp.types) {
        match i {
            Input::Array(a) if a.kind() != k || !a.dtype().is_native() => {
                fpstatus::clear_all();
                ins.push(prepare_input(i, k)?);
                in_cast = in_cast.union(fpstatus::take_cast());
                in_cast_small &= a.size() <= NPY_BUFSIZE;
            }
            _ => ins.push(prepare_input(i, k)?),
        }
    }
    let in_shapes: Vec<&[usize]> = inputs.iter().map(|i| i.shape()).collect();
    let mut shape: Shape = layout::broadcast_shapes(&in_shapes)?;
    let outs_given: Vec<Option<NdArray>> = (0..uf.nout)
        .map(|k| opts.out.get(k).cloned().flatten())
        .collect();
    // The outputs broadcast with the inputs (an output may be larger than the inputs'
    // broadcast: np.add(1, 2, out=arr)), and must have the full shape.
    if outs_given.iter().any(|o| o.is_some()) || opts.where_.is_some() {
        let mut all: Vec<&[usize]> = in_shapes.clone();
        all.extend(outs_given.iter().flatten().map(|o| o.shape()));
        if let Some(w) = &opts.where_ {
            all.push(w.shape());
        }
        shape = layout::broadcast_shapes(&all).map_err(|_| {
            let listed: String = all.iter().map(|s| format!("{} ", shape_text(s))).collect();
            Error::value(format!(
                "operands could not be broadcast together with shapes {listed}"
            ))
        })?;
    }
    for o in outs_given.iter().flatten() {
        if o.shape() != shape.as_slice() {
            return Err(Error::value(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_text(o.shape()),
                shape_text(&shape)
            )));
        }
        if !o.is_writeable() {
            return Err(Error::value("output array is read-only"));
        }
    }
    // Casting: the inputs to the loop's types, then the loop's outputs to `out=`
    // (NumPy's order of checks). NumPy compares mixed signed/unsigned integers in its
    // int64/uint64 loops, which the float64 loop here stands for.
    let mixed_ints = uf.name.starts_with("less")
        || uf.name.starts_with("greater")
        || uf.name == "equal"
        || uf.name == "not_equal";
    let mixed_ints = mixed_ints
        && inputs
            .iter()
            .all(|i| matches!(i, Input::Array(a) if a.kind().is_integer()))
        && lp.types[0] == DTypeKind::Float64;
    for (idx, (inp, &k)) in inputs.iter().zip(&lp.types).enumerate() {
        let Input::Array(i) = inp else { continue };
        let k = if mixed_ints {
            if i.kind().is_unsigned_integer() {
                DTypeKind::UInt64
            } else {
                DTypeKind::Int64
            }
        } else {
            k
        };
        let to = DType::new(k);
        if !can_cast(i.dtype(), &to, opts.casting) {
            let which = if uf.nin == 1 {
                "input".to_string()
            } else {
                format!("input {idx}")
            };
            return Err(ufunc_cast_error(
                uf.name,
                &which,
                i.dtype(),
                &to,
                opts.casting,
            ));
        }
    }
    let out_kinds = &lp.types[uf.nin..];
    for (idx, (o, &k)) in outs_given.iter().zip(out_kinds).enumerate() {
        if let Some(o) = o {
            let from = DType::new(k);
            if !can_cast(&from, o.dtype(), opts.casting) {
                let which = if uf.nout == 1 {
                    "output".to_string()
                } else {
                    format!("output {}", uf.nin + idx)
                };
                return Err(ufunc_cast_error(
                    uf.name,
                    &which,
                    &from,
                    o.dtype(),
                    opts.casting,
                ));
            }
        }
    }
    // Complex values cast to a real loop or a real `out=` lose their imaginary parts
    // (NumPy's ComplexWarning).
    let complex_discard = inputs
        .iter()
        .zip(&lp.types)
        .any(|(i, &k)| matches!(i, Input::Array(a) if discards_imag(a.kind(), k)))
        || outs_given
            .iter()
            .zip(out_kinds)
            .any(|(o, &k)| o.as_ref().is_some_and(|o| discards_imag(k, o.kind())));
    // Layout of new outputs (NumPy's iterator): C, F, A (F when every input is
    // F-contiguous), or K: the axes ranked by the operands' strides.
    let in_strides: Vec<_> = ins
        .iter()
        .map(|a| a.broadcast_operand(&shape))
        .collect::<Result<_>>()?;
    let layout = match opts.order {
        Order::F => Layout::Fixed(Order::F),
        Order::C => Layout::Fixed(Order::C),
        Order::A => {
            let all_f = !ins.is_empty()
                && ins
                    .iter()
                    .all(|a| a.is_f_contiguous() && !(a.is_c_contiguous() && a.ndim() > 1));
            Layout::Fixed(if all_f && shape.len() > 1 {
                Order::F
            } else {
                Order::C
            })
        }
        Order::K => {
            let mut ops: Vec<&[isize]> = in_strides.iter().map(|s| s.as_slice()).collect();
            for o in outs_given.iter().flatten() {
                ops.push(o.strides());
            }
            Layout::from_strides(&shape, &ops)
        }
    };
    // Decide, per output, whether the loop writes it directly or into a temporary.
    let mut targets: Vec<NdArray> = Vec::with_capacity(uf.nout);
    let mut direct: Vec<bool> = Vec::with_capacity(uf.nout);
    for (o, &k) in outs_given.iter().zip(out_kinds) {
        match o {
            Some(o)
                if opts.where_.is_none()
                    && o.kind() == k
                    && o.dtype().is_native()
                    && !ins.iter().any(|i| overlaps_badly(i, o, &shape)) =>
            {
                targets.push(o.clone());
                direct.push(true);
            }
            _ => {
                // SAFETY: the kernel below writes every element of a target before the
                // target is read (targets are fresh and cover the whole shape).
                targets.push(unsafe { layout.alloc(&shape, DType::new(k), false)? });
                direct.push(o.is_none() && opts.where_.is_none());
            }
        }
    }
    let mut ops: Vec<(*mut u8, &[isize])> = Vec::with_capacity(uf.nin + uf.nout);
    for (a, s) in ins.iter().zip(&in_strides) {
        ops.push((a.data_ptr(), s.as_slice()));
    }
    for t in &targets {
        ops.push((t.data_ptr(), t.strides()));
    }
    let size = shape.iter().product::<usize>();
    let mut threads = parallel::plan(size, par_min(uf, lp));
    if threads > 1
        && !targets
            .iter()
            .all(|t| writes_distinct(t.shape(), t.strides(), t.itemsize()))
    {
        threads = 1;
    }
    fpstatus::clear_all();
    // SAFETY: inputs are broadcast views inside their buffers, outputs are either fresh
    // arrays of the loop kinds and the full shape, or user arrays checked for shape, kind,
    // byte order and harmful overlap; threads only when every output writes distinct
    // elements.
    unsafe { run_kernel_threads(&lp.kernel, &shape, &ops, threads) };
    let flags = fpstatus::read_all();
    fpstatus::clear_all();
    if flags.has(math::NEGATIVE_POWER) {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    // NumPy's "trivial" loop (no where=, a 0-d or 1-d operation whose inputs all
    // have its shape or are 0-d) casts small inputs up front and reports that as "cast"; elsewhere the cast happens in the
    // ufunc's buffers and is reported under the ufunc's name.
    let trivial = opts.where_.is_none()
        && shape.len() <= 1
        && in_cast_small
        && inputs
            .iter()
            .all(|i| i.shape().is_empty() || i.shape() == shape.as_slice());
    let mut results = Vec::with_capacity(uf.nout);
    for ((t, d), o) in targets.into_iter().zip(direct).zip(outs_given) {
        if d {
            results.push(t);
            continue;
        }
        match (o, &opts.where_) {
            (Some(o), Some(w)) => {
                o.assign_where(&t, w)?;
                results.push(o);
            }
            (Some(o), None) => {
                o.assign(&t)?;
                results.push(o);
            }
            (None, Some(w)) => {
                // SAFETY: zeroed memory.
                let fresh = unsafe { layout.alloc(&shape, t.dtype().clone(), true)? };
                fresh.assign_where(&t, w)?;
                results.push(fresh);
            }
            (None, None) => results.push(t),
        }
    }
    // Writing a temporary into `out=` of another dtype is the ufunc's own cast.
    let mut flags = uf.visible(flags).union(fpstatus::take_cast());
    flags = if trivial {
        flags.union(fpstatus::as_cast_warning(in_cast))
    } else if clears_status(uf, lp.types[0]) {
        flags
    } else {
        flags.union(in_cast)
    };
    if cast_overflow {
        flags.0 |= FpFlags::CAST_OVERFLOW;
    }
    if complex_discard {
        flags.0 |= FpFlags::COMPLEX_DISCARD;
    }
    Ok((results, flags))
}

/// NumPy's float32 loops that clear the floating-point status when they finish (its
/// SIMD absolute/negative/sign/tanh and min/max loops), so the flags of an input cast
/// made in the ufunc's buffers just before are lost.
fn clears_status(uf: &Ufunc, loop_kind: DTypeKind) -> bool {
    loop_kind == DTypeKind::Float32
        && matches!(
            uf.name,
            "absolute" | "negative" | "sign" | "tanh" | "maximum" | "minimum" | "fmax" | "fmin"
        )
}

/// NumPy's buffer size: the largest input its trivial loops cast up front.
const NPY_BUFSIZE: usize = 8192;

/// Reductions with at least this many elements per thread use several threads.
const PAR_MIN_REDUCE: usize = 1 << 17;

/// How a threaded reduction over `shape` (reducing `axes`) splits: the kept axis with
/// the most elements and its blocks (each at least 2 long, so no block drops the axis),
/// or `None` for one thread.
fn reduce_split(axes: &[usize], shape: &[usize]) -> Option<(usize, Vec<(usize, usize)>)> {
    let threads = parallel::plan(shape.iter().product(), PAR_MIN_REDUCE);
    if threads <= 1 {
        return None;
    }
    let (d, len) = shape
        .iter()
        .enumerate()
        .filter(|(d, _)| !axes.contains(d))
        .map(|(d, &n)| (d, n))
        .max_by_key(|&(d, n)| (n, std::cmp::Reverse(d)))?;
    let pieces = (threads * 4).min(len / 2);
    (pieces >= 2).then(|| (d, parallel::even_parts(len, pieces)))
}

/// Whether reducing kind `kind` with `uf` gives the same bits in any grouping: integer
/// and boolean sums, products, extrema and bitwise/logical folds (wrapping arithmetic is
/// exactly associative and commutative).
fn exact_associative(uf: &Ufunc, kind: DTypeKind) -> bool {
    (kind.is_integer() || kind == DTypeKind::Bool)
        && matches!(
            uf.name,
            "add"
                | "multiply"
                | "maximum"
                | "minimum"
                | "fmax"
                | "fmin"
                | "bitwise_and"
                | "bitwise_or"
                | "bitwise_xor"
                | "logical_and"
                | "logical_or"
                | "logical_xor"
        )
}

/// Whether writing `out` while reading `input` (broadcast to `shape`) could read
/// already-written elements: any overlap except the identical layout.
fn overlaps_badly(input: &NdArray, out: &NdArray, shape: &[usize]) -> bool {
    if !input.may_share_memory(out) {
        return false;
    }
    let identical = input.data_ptr() == out.data_ptr()
        && input
            .broadcast_operand(shape)
            .map(|s| s.as_slice() == out.strides())
            .unwrap_or(false)
        && input.itemsize() == out.itemsize();
    !identical
}

/// Options of `reduce`.
#[derive(Clone, Debug, Default)]
pub struct ReduceOptions {
    /// Axes to reduce (None = all).
    pub axes: Option<Vec<isize>>,
    /// Accumulator / result dtype.
    pub dtype: Option<DType>,
    /// Output array.
    pub out: Option<NdArray>,
    /// Keep reduced axes as length 1.
    pub keepdims: bool,
    /// Starting value.
    pub initial: Option<Scalar>,
    /// Which elements take part.
    pub where_: Option<NdArray>,
    /// Start from the first element even when the ufunc has an identity (`reduceat`).
    pub from_first: bool,
}

/// The dtype `add`/`multiply` reductions use for small integers and bools (NumPy's rule:
/// upcast to the default integer of the same signedness).
pub fn reduce_default_kind(uf: &Ufunc, kind: DTypeKind) -> DTypeKind {
    if (uf.name == "add" || uf.name == "multiply")
        && (kind == DTypeKind::Bool || kind.is_integer() && kind.itemsize() < 8)
    {
        if kind.is_unsigned_integer() {
            DTypeKind::UInt64
        } else {
            DTypeKind::Int64
        }
    } else {
        kind
    }
}

/// The loop of a reduce-like method (`method` = "reduce", "accumulate", "reduceat") over
/// an array of `arr` kind, with `out=`'s kind and `dtype=`, as NumPy resolves it: the
/// signature `(dtype, None, dtype)` (add/multiply of small integers without `out=` fix
/// the default integer), operands `(out or arr, arr)`; a loop whose first input and output
/// differ is retried with its output type fixed for the first operand. The loop must take `(T, _) -> T`, and for
/// accumulate/reduceat `(T, T) -> T`.
///
/// # Errors
/// NumPy's `TypeError`s (no loop, incompatible resolved dtypes).
pub fn reduce_loop(
    uf: &Ufunc,
    method: &str,
    arr: DTypeKind,
    out: Option<DTypeKind>,
    dtype: Option<DTypeKind>,
) -> Result<usize> {
    let fixed = dtype.or_else(|| {
        let up = reduce_default_kind(uf, arr);
        (out.is_none() && up != arr).then_some(up)
    });
    let k0 = out.unwrap_or(arr);
    let li = if uf.resolver == Resolver::Strict {
        let first = fixed.or(out);
        uf.loops
            .iter()
            .position(|l| match fixed {
                Some(f) => l.types.iter().all(|&t| t == f),
                None => l.types[1] == arr && first.is_none_or(|f| l.types[0] == f),
            })
            .ok_or_else(|| {
                let name = |k: Option<DTypeKind>| match k {
                    Some(k) => format!("<class 'numpy.dtypes.{}'>", dtype_class_name(k)),
                    None => "None".to_string(),
                };
                Error::new(
                    ErrorKind::UFuncNoLoop,
                    format!(
                        "ufunc '{}' did not contain a loop with signature matching types ({}, {}) -> {}",
                        uf.name,
                        name(first),
                        name(Some(arr)),
                        name(fixed)
                    ),
                )
            })?
    } else {
        match fixed {
            Some(d) => uf.find_loop_sig(&[k0, arr], &[], &[Some(d), None, Some(d)])?,
            None => {
                let li = uf.find_loop(&[k0, arr], None, Casting::Unsafe)?;
                let t = &uf.loops[li].types;
                if t[0] != t[2] {
                    // NumPy fixes only the first operand to the loop's output type.
                    let o = t[2];
                    uf.find_loop_sig(&[k0, arr], &[], &[Some(o), None, None])?
                } else {
                    li
                }
            }
        }
    };
    let t = &uf.loops[li].types;
    if t[0] != t[2] || (method != "reduce" && t[1] != t[0]) {
        return Err(Error::type_error(format!(
            "the resolved dtypes are not compatible with {}.{method}. Resolved (dtype('{}'), dtype('{}'), dtype('{}'))",
            uf.name,
            t[0].name(),
            t[1].name(),
            t[2].name()
        )));
    }
    Ok(li)
}

/// `ufunc.reduce`.
///
/// # Errors
/// NumPy's errors for non-binary ufuncs, bad axes, empty reductions without identity.
pub fn reduce(uf: &Ufunc, a: &NdArray, opts: &ReduceOptions) -> Result<(NdArray, FpFlags)> {
    if uf.nin != 2 || uf.nout != 1 {
        return Err(Error::value("reduce only supported for binary functions"));
    }
    let nd = a.ndim();
    let axes: Vec<usize> = match &opts.axes {
        None => (0..nd).collect(),
        Some(v) => layout::normalize_axes(v, nd.max(if nd == 0 { 0 } else { 1 }))?.to_vec(),
    };
    // Logical reductions work on truth values.
    if uf.name.starts_with("logical_") && a.kind() != DTypeKind::Bool && opts.dtype.is_none() {
        let b = a.astype(DType::BOOL, Order::K)?;
        return reduce(uf, &b, opts);
    }
    let li = reduce_loop(
        uf,
        "reduce",
        a.kind(),
        opts.out.as_ref().map(|o| o.kind()),
        opts.dtype.as_ref().map(|d| d.kind()),
    )?;
    if axes.len() > 1 && !uf.reorderable {
        return Err(Error::value(format!(
            "reduction operation '{}' is not reorderable, so at most one axis may be specified",
            uf.name
        )));
    }
    let lp = &uf.loops[li];
    let kind = lp.types[2];
    let body_kind = lp.types[1];
    fpstatus::clear_all();
    let src = if a.kind() == body_kind && a.dtype().is_native() {
        a.clone()
    } else {
        a.astype(DType::new(body_kind), Order::K)?
    };
    // NumPy casts in the reduction's buffers and reports it as the reduction's own
    // (unless its loop clears the status after the cast).
    let in_cast = fpstatus::take_cast();
    let in_cast = if clears_status(uf, body_kind) {
        FpFlags::default()
    } else {
        in_cast
    };
    let cast_chunks = a.kind() != body_kind;
    // Result shapes.
    let kept: Shape = (0..nd)
        .map(|d| if axes.contains(&d) { 1 } else { a.shape()[d] })
        .collect();
    let final_shape: Shape = if opts.keepdims {
        kept.clone()
    } else {
        (0..nd)
            .filter(|d| !axes.contains(d))
            .map(|d| a.shape()[d])
            .collect()
    };
    let count: usize = axes.iter().map(|&d| a.shape()[d]).product();
    let init = if opts.from_first {
        None
    } else {
        opts.initial
            .or(if uf.reorderable { uf.identity } else { None })
    };
    if count == 0 && init.is_none() {
        return Err(Error::value(format!(
            "zero-size array to reduction operation {} which has no identity",
            uf.name
        )));
    }
    if opts.where_.is_some() && init.is_none() {
        return Err(Error::value(format!(
            "reduction operation '{}' does not have an identity, so to use a where mask one has to specify 'initial'",
            uf.name
        )));
    }
    // Elements excluded by where= take no part: the loop runs on the runs of included
    // elements (NumPy's masked loop), so the rest start from the initial value.
    let mask = match &opts.where_ {
        Some(w) => {
            let m = w.broadcast_to(src.shape()).map_err(|_| Error::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {} and requested shape {}",
                shape_text(w.shape()),
                shape_text(src.shape())
            )))?;
            Some(if m.kind() == DTypeKind::Bool {
                m
            } else {
                m.astype(DType::BOOL, Order::K)?
            })
        }
        None => None,
    };
    // The result is laid out in the input's memory order, as NumPy allocates it.
    let reduced: Vec<bool> = (0..nd).map(|d| axes.contains(&d)).collect();
    let acc = if kept.iter().filter(|&&n| n > 1).count() <= 1 && !opts.keepdims {
        // One kept axis at most: every memory order is the same.
        NdArray::zeros(&kept, DType::new(kind), Order::C)?
    } else {
        let ordering = PlanOperand {
            strides: src.strides(),
            allocated: false,
            cast: false,
            reduce: false,
        };
        let dt = DType::new(kind);
        let plan = match &mask {
            Some(m) => {
                let by_mask = PlanOperand {
                    strides: m.strides(),
                    ..ordering
                };
                Plan::new(src.shape(), &reduced, [ordering, by_mask])
            }
            None => Plan::new(src.shape(), &reduced, [ordering]),
        };
        // NumPy's allocation: contiguous in visiting order (outermost axis first here).
        let perm: Vec<usize> = plan.full_order.iter().rev().copied().collect();
        let layout = if perm.iter().enumerate().all(|(i, &p)| i == p) {
            Layout::Fixed(Order::C)
        } else {
            Layout::Perm(perm)
        };
        // SAFETY: a zeroed allocation, so nothing is read before it is written.
        unsafe { layout.alloc(&kept, dt, true)? }
    };
    let mut body = src.clone();
    let mut first_cast = FpFlags::default();
    match init {
        Some(iv) => acc.fill(iv)?,
        None => {
            // Start from the first element along the reduced axes, and (for
            // non-idempotent ufuncs on one axis) reduce only the rest.
            let first: Vec<IndexItem> = (0..nd)
                .map(|d| {
                    if axes.contains(&d) {
                        IndexItem::Slice(Some(0), Some(1), None)
                    } else {
                        IndexItem::Slice(None, None, None)
                    }
                })
                .collect();
            acc.assign(&src.index(&first)?)?;
            // NumPy copies the first elements into `out=` itself: a cast, warned as one,
            // and the reduction goes on from the values that cast left.
            if let Some(o) = opts.out.as_ref().filter(|o| o.dtype() != acc.dtype()) {
                fpstatus::clear_all();
                let through = acc.astype(o.dtype().clone(), Order::K)?;
                first_cast = fpstatus::as_cast_warning(fpstatus::take_cast());
                acc.assign(&through)?;
                fpstatus::clear_all();
            }
            let idempotent = uf.is_idempotent();
            if !idempotent {
                if let Some(&ax) = axes.first() {
                    let rest: Vec<IndexItem> = (0..nd)
                        .map(|d| {
                            if d == ax {
                                IndexItem::Slice(Some(1), None, None)
                            } else {
                                IndexItem::Slice(None, None, None)
                            }
                        })
                        .collect();
                    body = src.index(&rest)?;
                }
            }
        }
    }
    // Reduce: operands (acc broadcast with stride 0 on reduced axes, body, acc).
    let acc_strides: Vec<isize> = (0..nd)
        .map(|d| {
            if axes.contains(&d) {
                0
            } else {
                acc.strides()[d]
            }
        })
        .collect();
    // NumPy's iteration: its axis order always, and its grouping of the calls where the
    // loop sums pairwise (float and complex add) and the grouping differs from ours.
    let out_strides: Vec<isize> = match &opts.out {
        Some(o) if o.shape() == final_shape.as_slice() => {
            let mut dims = o.strides().iter();
            (0..nd)
                .map(|d| match (reduced[d], opts.keepdims) {
                    (true, true) => {
                        dims.next();
                        0
                    }
                    (true, false) => 0,
                    (false, _) => dims.next().copied().unwrap_or(0),
                })
                .collect()
        }
        _ => vec![0; nd],
    };
    let out_op = PlanOperand {
        strides: &out_strides,
        allocated: opts.out.is_none(),
        cast: opts
            .out
            .as_ref()
            .is_some_and(|o| o.kind() != kind || !o.dtype().is_native()),
        reduce: axes.iter().any(|&d| body.shape()[d] > 1),
    };
    let converted = a.kind() != body_kind || !a.dtype().is_native();
    let in_op = PlanOperand {
        strides: if converted && body.shape() == a.shape() {
            a.strides()
        } else {
            body.strides()
        },
        allocated: false,
        cast: converted,
        reduce: false,
    };
    // Loops whose result depends on how the elements are grouped into calls: float and
    // complex add sum each call pairwise, and float16 loops accumulate a call in float32.
    let pairwise = body_kind == DTypeKind::Float16
        || uf.name == "add"
            && matches!(
                body_kind,
                DTypeKind::Float32
                    | DTypeKind::Float64
                    | DTypeKind::Complex64
                    | DTypeKind::Complex128
            );
    let item = body_kind.itemsize();
    fpstatus::clear_all();
    if let (Some(m), true) = (&mask, body.size() > 0) {
        // Elements excluded by where= take no part: each call runs the loop on its runs
        // of included elements (NumPy's masked loop).
        let masked = |p: [*mut u8; 3], s: [isize; 3], n: usize| {
            // SAFETY: the pointers and strides describe n valid elements of the
            // accumulator, the body and the bool mask (from `Plan::run` or the walk).
            unsafe {
                let on = |i: usize| *p[2].offset(s[2] * i as isize) != 0;
                let mut i = 0;
                while i < n {
                    while i < n && !on(i) {
                        i += 1;
                    }
                    let start = i;
                    while i < n && on(i) {
                        i += 1;
                    }
                    if i > start {
                        let at = start as isize;
                        let q = [
                            p[0].offset(s[0] * at),
                            p[1].offset(s[1] * at),
                            p[0].offset(s[0] * at),
                        ];
                        lp.kernel.call(&q, &[s[0], s[1], s[0]], i - start);
                    }
                }
            }
        };
        let mask_op = PlanOperand {
            strides: m.strides(),
            allocated: false,
            cast: false,
            reduce: false,
        };
        let plan = Plan::new(body.shape(), &reduced, [out_op, in_op, mask_op]);
        let walk = plan.axes(body.shape(), [&acc_strides, body.strides(), m.strides()]);
        let base = [acc.data_ptr(), body.data_ptr(), m.data_ptr()];
        // SAFETY: acc is a fresh array whose reduced axes are stepped with stride 0; the
        // body and the mask (a bool view over the body's shape; with where= an initial
        // value exists, so the body is the whole source) are only read.
        unsafe {
            if pairwise && !plan.simple {
                plan.run(&walk, base, [0, item, 1], masked);
            } else {
                for_each_run_range_ordered(&walk, base, 0..usize::MAX, masked);
            }
        }
    } else if body.size() > 0 {
        let plan = Plan::new(body.shape(), &reduced, [out_op, in_op]);
        let body_strides = body.strides();
        let call = |p: [*mut u8; 2], s: [isize; 2], n: usize| {
            // SAFETY: p/s describe n valid elements of the accumulator and the body.
            unsafe { lp.kernel.call(&[p[0], p[1], p[0]], &[s[0], s[1], s[0]], n) };
        };
        if pairwise && !plan.simple {
            let walk = plan.axes(body.shape(), [&acc_strides, body_strides]);
            // SAFETY: as below, on one thread.
            unsafe { plan.run(&walk, [acc.data_ptr(), body.data_ptr()], [0, item], call) };
        } else {
            let chunk = if cast_chunks { NPY_BUFSIZE } else { usize::MAX };
            let run = |shape: &[usize], acc_ptr: *mut u8, body_ptr: *mut u8| {
                let walk = plan.axes(shape, [&acc_strides, body_strides]);
                // SAFETY: acc is a fresh array whose reduced axes are stepped with stride
                // 0, body is a view inside its buffer; they do not overlap. The pointers
                // are those of `acc` and `body`, or of a block of them along a kept axis.
                unsafe {
                    for_each_run_range_ordered(
                        &walk,
                        [acc_ptr, body_ptr],
                        0..usize::MAX,
                        |p, s, n| {
                            let mut done = 0;
                            while done < n {
                                let m = (n - done).min(chunk);
                                let at = done as isize;
                                call([p[0].offset(s[0] * at), p[1].offset(s[1] * at)], s, m);
                                done += m;
                            }
                        },
                    );
                }
            };
            match reduce_split(&axes, body.shape()) {
                Some((d, parts)) => {
                    // Blocks along a kept axis: each output element is reduced by one
                    // thread, through the same runs as on one thread (kept and reduced
                    // axes never merge, and every block keeps axis `d`), so the same bits.
                    let shape: Shape = body.shape().into();
                    // SAFETY: `acc` and `body` outlive map_parts; the blocks write
                    // disjoint output elements and only read the body.
                    let at = unsafe { parallel::SyncPtr::new((acc.data_ptr(), body.data_ptr())) };
                    parallel::map_parts(&parts, |lo, len| {
                        let mut sh = shape.clone();
                        sh[d] = len;
                        let (a0, b0) = *at.get();
                        run(
                            &sh,
                            a0.wrapping_offset(lo as isize * acc_strides[d]),
                            b0.wrapping_offset(lo as isize * body_strides[d]),
                        );
                    });
                }
                None => run(body.shape(), acc.data_ptr(), body.data_ptr()),
            }
        }
    }
    let flags = fpstatus::read_all();
    fpstatus::clear_all();
    if flags.has(math::NEGATIVE_POWER) {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let result = if final_shape == kept {
        acc
    } else {
        acc.reshape_view(&final_shape, false)
            .ok_or_else(|| Error::value("reduce: internal reshape failed"))?
    };
    match &opts.out {
        Some(o) => {
            if o.shape() != final_shape.as_slice() {
                return Err(Error::value(format!(
                    "output parameter for reduction operation {} has the wrong number of dimensions: Found {} but expected {}",
                    uf.name,
                    o.ndim(),
                    final_shape.len()
                )));
            }
            o.assign(&result)?;
            let mut flags = uf
                .visible(flags.union(in_cast))
                .union(fpstatus::take_cast())
                .union(first_cast);
            if discards_imag(a.kind(), body_kind) || discards_imag(kind, o.kind()) {
                flags.0 |= FpFlags::COMPLEX_DISCARD;
            }
            Ok((o.clone(), flags))
        }
        None => {
            let r = match &opts.dtype {
                Some(d) if d.kind() != result.kind() => result.astype(d.clone(), Order::K)?,
                _ => result,
            };
            let mut flags = uf
                .visible(flags.union(in_cast))
                .union(fpstatus::take_cast());
            if discards_imag(a.kind(), body_kind) {
                flags.0 |= FpFlags::COMPLEX_DISCARD;
            }
            Ok((r, flags))
        }
    }
}

/// `ufunc.accumulate` along `axis`.
///
/// # Errors
/// As NumPy.
pub fn accumulate(
    uf: &Ufunc,
    a: &NdArray,
    axis: isize,
    dtype: Option<DType>,
    out: Option<NdArray>,
) -> Result<(NdArray, FpFlags)> {
    if uf.nin != 2 || uf.nout != 1 {
        return Err(Error::value(
            "accumulate only supported for binary functions",
        ));
    }
    let a = if a.ndim() == 0 {
        return Err(Error::type_error("cannot accumulate on a scalar"));
    } else if uf.name.starts_with("logical_") && a.kind() != DTypeKind::Bool && dtype.is_none() {
        // Logical accumulations work on truth values, as the reductions do.
        a.astype(DType::BOOL, Order::K)?
    } else {
        a.clone()
    };
    let ax = layout::normalize_axis(axis, a.ndim())?;
    let li = reduce_loop(
        uf,
        "accumulate",
        a.kind(),
        out.as_ref().map(|o| o.kind()),
        dtype.as_ref().map(|d| d.kind()),
    )?;
    let lp = &uf.loops[li];
    let k = lp.types[2];
    fpstatus::clear_all();
    let src = if a.kind() == k && a.dtype().is_native() {
        a.clone()
    } else {
        a.astype(DType::new(k), Order::K)?
    };
    // NumPy's accumulate casts its input up front: reported as "cast".
    let in_cast = fpstatus::as_cast_warning(fpstatus::take_cast());
    let res = NdArray::zeros(a.shape(), DType::new(k), Order::C)?;
    let n = a.shape()[ax];
    fpstatus::clear_all();
    if n > 0 && res.size() > 0 {
        let sl = |start: Option<isize>, stop: Option<isize>| -> Vec<IndexItem> {
            (0..a.ndim())
                .map(|d| {
                    if d == ax {
                        IndexItem::Slice(start, stop, None)
                    } else {
                        IndexItem::Slice(None, None, None)
                    }
                })
                .collect()
        };
        res.index(&sl(Some(0), Some(1)))?
            .assign(&src.index(&sl(Some(0), Some(1)))?)?;
        if n > 1 {
            let prev = res.index(&sl(Some(0), Some(n as isize - 1)))?;
            let cur = src.index(&sl(Some(1), None))?;
            let next = res.index(&sl(Some(1), None))?;
            // NumPy runs its loop along the accumulation axis, one call per lane, where the
            // output overlaps the input: complex multiply takes its unfused scalar loop
            // there (3 or more elements), and its fused one for a single step. Do the same,
            // one lane at a time, for arrays of two or more axes (a 1-D run is that lane).
            let lanes = n >= 2 && a.ndim() > 1 && k.is_complex() && uf.name == "multiply";
            if lanes {
                let drop_ax = |v: &[isize]| -> Vec<isize> {
                    v.iter()
                        .enumerate()
                        .filter(|&(d, _)| d != ax)
                        .map(|(_, &x)| x)
                        .collect()
                };
                let (sp, sc, sn) = (
                    drop_ax(prev.strides()),
                    drop_ax(cur.strides()),
                    drop_ax(next.strides()),
                );
                let outer: Vec<usize> = next
                    .shape()
                    .iter()
                    .enumerate()
                    .filter(|&(d, _)| d != ax)
                    .map(|(_, &x)| x)
                    .collect();
                let st = [prev.strides()[ax], cur.strides()[ax], next.strides()[ax]];
                let ops = [
                    Operand {
                        ptr: prev.data_ptr(),
                        strides: &sp,
                    },
                    Operand {
                        ptr: cur.data_ptr(),
                        strides: &sc,
                    },
                    Operand {
                        ptr: next.data_ptr(),
                        strides: &sn,
                    },
                ];
                // SAFETY: each lane starts at a valid element of prev/cur/next and runs
                // n - 1 elements along `ax` with the views' own strides; lanes are disjoint
                // and each is read and written in order.
                unsafe {
                    for_each_run(&outer, ops, |p, s, len| {
                        for j in 0..len as isize {
                            let q = [
                                p[0].wrapping_offset(j * s[0]),
                                p[1].wrapping_offset(j * s[1]),
                                p[2].wrapping_offset(j * s[2]),
                            ];
                            lp.kernel.call(&q, &st, n - 1);
                        }
                    })
                };
            } else {
                // One engine pass: the engine visits positions in lexicographic order of its
                // (ascending) axes, so each element's predecessor along `ax` is finished
                // first, and kernels process runs in order (no reordering across elements).
                // SAFETY: prev/next are overlapping views of the fresh result, read and written
                // strictly in order; cur is the source.
                unsafe {
                    run_kernel(
                        &lp.kernel,
                        next.shape(),
                        &[
                            (prev.data_ptr(), prev.strides()),
                            (cur.data_ptr(), cur.strides()),
                            (next.data_ptr(), next.strides()),
                        ],
                    )
                };
            }
        }
    }
    let flags = fpstatus::read_all();
    fpstatus::clear_all();
    if flags.has(math::NEGATIVE_POWER) {
        return Err(Error::value(
            "Integers to negative integer powers are not allowed.",
        ));
    }
    let mut flags = uf.visible(flags).union(in_cast);
    if discards_imag(a.kind(), k) || out.as_ref().is_some_and(|o| discards_imag(k, o.kind())) {
        flags.0 |= FpFlags::COMPLEX_DISCARD;
    }
    match out {
        Some(o) => {
            // NumPy copies the first elements into `out=` (a cast, warned as one) and
            // writes the others from the loop's buffers (warned as the accumulation).
            let first_cast = if o.shape() == res.shape() && n > 0 && o.dtype() != res.dtype() {
                let head: Vec<IndexItem> = (0..res.ndim())
                    .map(|d| IndexItem::Slice(None, if d == ax { Some(1) } else { None }, None))
                    .collect();
                fpstatus::clear_all();
                o.index(&head)?.assign(&res.index(&head)?)?;
                let f = fpstatus::as_cast_warning(fpstatus::take_cast());
                let tail: Vec<IndexItem> = (0..res.ndim())
                    .map(|d| IndexItem::Slice(if d == ax { Some(1) } else { None }, None, None))
                    .collect();
                o.index(&tail)?.assign(&res.index(&tail)?)?;
                f
            } else {
                o.assign(&res)?;
                FpFlags::default()
            };
            let flags = flags
                .union(uf.visible(fpstatus::take_cast()))
                .union(first_cast);
            Ok((o, flags))
        }
        None => Ok((res, flags)),
    }
}

/// `ufunc.outer(a, b)`: every pair, shape a.shape + b.shape.
///
/// # Errors
/// As [`call`].
pub fn outer(
    uf: &Ufunc,
    a: &Input,
    b: &Input,
    opts: &CallOptions,
) -> Result<(Vec<NdArray>, FpFlags)> {
    if uf.nin != 2 {
        return Err(Error::value(
            "outer product only supported for binary functions",
        ));
    }
    let a2 = match a {
        Input::Array(x) => {
            let extra: Vec<isize> =
                (x.ndim() as isize..(x.ndim() + b.shape().len()) as isize).collect();
            Input::Array(x.expand_dims(&extra)?)
        }
        w => w.clone(),
    };
    call(uf, &[a2, b.clone()], opts)
}

/// `ufunc.reduceat(a, indices, axis)`.
///
/// # Errors
/// `IndexError` for out-of-range indices.
pub fn reduceat(
    uf: &Ufunc,
    a: &NdArray,
    indices: &[i64],
    axis: isize,
    dtype: Option<DType>,
    out_kind: Option<DTypeKind>,
) -> Result<(NdArray, FpFlags)> {
    let ax = layout::normalize_axis(axis, a.ndim())?;
    let n = a.shape()[ax] as i64;
    let mut pieces: Vec<NdArray> = Vec::with_capacity(indices.len());
    let mut flags = FpFlags::default();
    let sl = |start: i64, stop: i64| -> Vec<IndexItem> {
        (0..a.ndim())
            .map(|d| {
                if d == ax {
                    IndexItem::Slice(Some(start as isize), Some(stop as isize), None)
                } else {
                    IndexItem::Slice(None, None, None)
                }
            })
            .collect()
    };
    if let Some(&i) = indices.iter().find(|&&i| i < 0 || i >= n) {
        return Err(Error::index(format!(
            "index {i} out-of-bounds in {}.reduceat [0, {n})",
            uf.name
        )));
    }
    // The loop's type, resolved once (with `out=`'s type) and used for every piece.
    let dtype = if uf.nin == 2 && uf.nout == 1 {
        let k = if uf.name.starts_with("logical_") && dtype.is_none() {
            DTypeKind::Bool
        } else {
            a.kind()
        };
        let li = reduce_loop(
            uf,
            "reduceat",
            k,
            out_kind,
            dtype.as_ref().map(|d| d.kind()),
        )?;
        Some(DType::new(uf.loops[li].types[0]))
    } else {
        dtype
    };
    // NumPy casts the whole input to the loop's type up front ("... in cast").
    let a = match &dtype {
        Some(d) if d.kind() != a.kind() || !a.dtype().is_native() => {
            fpstatus::clear_all();
            let c = a.astype(d.clone(), Order::K)?;
            flags = fpstatus::as_cast_warning(fpstatus::take_cast());
            if discards_imag(a.kind(), d.kind()) {
                flags.0 |= FpFlags::COMPLEX_DISCARD;
            }
            c
        }
        _ => a.clone(),
    };
    for (j, &i) in indices.iter().enumerate() {
        let end = indices.get(j + 1).copied().unwrap_or(n);
        let part = if end > i {
            a.index(&sl(i, end))?
        } else {
            a.index(&sl(i, i + 1))?
        };
        // NumPy's reduceat starts each piece from its first element (a piece whose end
        // is not past its start is that element, uncombined).
        let opts = ReduceOptions {
            axes: Some(vec![ax as isize]),
            dtype: dtype.clone(),
            keepdims: true,
            from_first: true,
            ..Default::default()
        };
        let (r, f) = reduce(uf, &part, &opts)?;
        flags = flags.union(f);
        pieces.push(r);
    }
    let kind = pieces.first().map(|p| p.kind()).unwrap_or(a.kind());
    let mut shape: Shape = a.shape().into();
    shape[ax] = indices.len();
    let out = NdArray::zeros(&shape, DType::new(kind), Order::C)?;
    for (j, p) in pieces.iter().enumerate() {
        let dst: Vec<IndexItem> = (0..a.ndim())
            .map(|d| {
                if d == ax {
                    IndexItem::Slice(Some(j as isize), Some(j as isize + 1), None)
                } else {
                    IndexItem::Slice(None, None, None)
                }
            })
            .collect();
        out.index(&dst)?.assign(p)?;
    }
    Ok((out, flags))
}

/// `uf.at(a, indices, b)` for a 1-D array `a` and a 1-D integer index array: all indices
/// are checked first (IndexError as NumPy), then the updates run in order in one typed
/// loop, so repeated indices accumulate. `b` is a weak scalar, a 0-d array or a 1-D array
/// with one value per index, of `a`'s dtype. Returns `None` when the general path must
/// take the call (other layouts, operands that need casting, a loop not in `a`'s dtype).
pub fn at_indexed(
    uf: &Ufunc,
    a: &NdArray,
    indices: &NdArray,
    b: Option<&Input>,
) -> Option<Result<FpFlags>> {
    if uf.nout != 1
        || uf.nin > 2
        || a.ndim() != 1
        || !a.dtype().is_native()
        || a.check_writeable().is_err()
        || indices.ndim() != 1
        || !indices.kind().is_integer()
    {
        return None;
    }
    let kind = a.kind();
    let mut ins = vec![Input::Array(a.clone())];
    if uf.nin == 2 {
        ins.push(b?.clone());
    }
    let li = uf.resolve(&ins, None, Casting::Unsafe).ok()?;
    let lp = &uf.loops[li];
    if lp.types.iter().any(|&t| t != kind) {
        return None;
    }
    let count = indices.shape()[0];
    // The second operand: a pointer and a byte step per index.
    let mut cast_overflow = false;
    let holder: Option<NdArray> = match ins.get(1) {
        None => None,
        Some(Input::Weak(w)) => {
            cast_overflow = weak_cast_overflows(w, kind);
            match weak_to_scalar(w, kind) {
                Ok(s) => Some(NdArray::from_scalar(s)),
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Input::Array(x)) => {
            let fits = x.ndim() == 0 || (x.ndim() == 1 && x.shape()[0] == count);
            if x.kind() != kind || !x.dtype().is_native() || !fits || x.may_share_memory(a) {
                return None;
            }
            Some(x.clone())
        }
    };
    let (bptr, bstep) = match &holder {
        Some(x) if x.ndim() == 1 => (x.data_ptr() as *const u8, x.strides()[0]),
        Some(x) => (x.data_ptr() as *const u8, 0),
        None => (std::ptr::null(), 0),
    };
    // The indices as an aligned, contiguous int64 buffer (a copy only when needed).
    let idx_arr = match indices.kind() {
        DTypeKind::Int64
            if indices.dtype().is_native()
                && indices.is_c_contiguous()
                && (indices.data_ptr() as usize) % std::mem::align_of::<i64>() == 0 =>
        {
            indices.clone()
        }
        DTypeKind::Int8
        | DTypeKind::Int16
        | DTypeKind::Int32
        | DTypeKind::Int64
        | DTypeKind::UInt8
        | DTypeKind::UInt16
        | DTypeKind::UInt32 => match indices.astype(DType::new(DTypeKind::Int64), Order::C) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        },
        _ => return None,
    };
    // SAFETY: `idx_arr` is a C-contiguous, aligned, native int64 array of `count`
    // elements that stays alive (and is not written) while `idx` is used.
    let idx: &[i64] =
        unsafe { std::slice::from_raw_parts(idx_arr.data_ptr() as *const i64, count) };
    let n = a.shape()[0] as i64;
    // Bounds: one min/max pass (vectorized); the first offender names the error.
    let (lo, hi) = simd::vectorize(|| {
        idx.iter()
            .fold((i64::MAX, i64::MIN), |(lo, hi), &i| (lo.min(i), hi.max(i)))
    });
    if count > 0 && (lo < -n || hi >= n) {
        let bad = idx
            .iter()
            .find(|&&i| i < -n || i >= n)
            .copied()
            .unwrap_or(lo);
        return Some(Err(Error::index(format!(
            "index {bad} is out of bounds for axis 0 with size {n}"
        ))));
    }
    let (base, stride) = (a.data_ptr(), a.strides()[0]);
    // Branch-free wrap of negative indices (all are in -n..n here).
    let at_of =
        |i: i64| -> *mut u8 { base.wrapping_offset((i + ((i >> 63) & n)) as isize * stride) };
    fpstatus::clear_all();
    macro_rules! typed {
        ($t:ty, $op:expr) => {{
            for (k, &i) in idx.iter().enumerate() {
                // SAFETY: every index was checked to address an element of `a` (the
                // pointer is `a`'s data plus a checked multiple of its stride); `b`'s
                // element `k` lies inside `holder` (one per index, or step 0); `b` does not
                // share memory with `a`.
                unsafe {
                    let p = at_of(i) as *mut $t;
                    let v = (bptr.offset(k as isize * bstep) as *const $t).read_unaligned();
                    p.write_unaligned($op(p.read_unaligned(), v));
                }
            }
        }};
    }
    match (uf.nin, uf.name, kind) {
        (2, "add", DTypeKind::Float64) => typed!(f64, |x: f64, y: f64| x + y),
        (2, "add", DTypeKind::Float32) => typed!(f32, |x: f32, y: f32| x + y),
        (2, "add", DTypeKind::Int64) => typed!(i64, |x: i64, y: i64| x.wrapping_add(y)),
        (2, "add", DTypeKind::Int32) => typed!(i32, |x: i32, y: i32| x.wrapping_add(y)),
        (2, "add", DTypeKind::UInt64) => typed!(u64, |x: u64, y: u64| x.wrapping_add(y)),
        (2, "subtract", DTypeKind::Float64) => typed!(f64, |x: f64, y: f64| x - y),
        (2, "subtract", DTypeKind::Int64) => typed!(i64, |x: i64, y: i64| x.wrapping_sub(y)),
        (2, "multiply", DTypeKind::Float64) => typed!(f64, |x: f64, y: f64| x * y),
        (2, "multiply", DTypeKind::Int64) => typed!(i64, |x: i64, y: i64| x.wrapping_mul(y)),
        _ => return at_kernel(uf, lp, idx, at_of, bptr, bstep, cast_overflow),
    }
    let mut flags = uf.visible(fpstatus::read_all());
    fpstatus::clear_all();
    if cast_overflow {
        flags.0 |= FpFlags::CAST_OVERFLOW;
    }
    Some(Ok(flags))
}

/// [`at_indexed`] for the other ufuncs and dtypes: the loop's kernel on one element at a
/// time, in place.
fn at_kernel(
    uf: &Ufunc,
    lp: &Loop,
    idx: &[i64],
    at_of: impl Fn(i64) -> *mut u8,
    bptr: *const u8,
    bstep: isize,
    cast_overflow: bool,
) -> Option<Result<FpFlags>> {
    fpstatus::clear_all();
    // Integer loops get a plain in-place step (a zero stride on the aliased operands
    // would read as a reduction, whose fold raises no division-by-zero flag); the others
    // keep the reduction form, whose complex multiply is NumPy's plain indexed loop.
    let isz = if lp.types[0].is_integer() {
        lp.types[0].itemsize() as isize
    } else {
        0
    };
    for (k, &i) in idx.iter().enumerate() {
        let p = at_of(i);
        // SAFETY: `p` is a checked element of `a`, read and written in place (identical
        // input and output run of length 1); `b`'s element `k` lies inside its holder.
        unsafe {
            if uf.nin == 1 {
                lp.kernel.call(&[p, p], &[isz, isz], 1);
            } else {
                let q = bptr.offset(k as isize * bstep) as *mut u8;
                lp.kernel.call(&[p, q, p], &[isz, isz, isz], 1);
            }
        }
    }
    let flags = fpstatus::read_all();
    fpstatus::clear_all();
    Some(loop_flags(uf, flags, cast_overflow))
}

/// The error kind check used by callers converting flags.
pub fn is_type_error(e: &Error) -> bool {
    e.kind() == ErrorKind::Type
}

// ----- fast paths for plain calls on contiguous arrays ------------------------------------

/// An operand of [`call_plain`]: a borrowed array or a weak Python scalar.
#[derive(Clone, Copy, Debug)]
pub enum PlainIn<'a> {
    /// An array (not cloned).
    Array(&'a NdArray),
    /// A Python int/float/complex.
    Weak(Weak),
}

/// One entry of the per-thread loop cache: (ufunc address, input signature code, loop).
type LoopCacheEntry = (usize, u32, u32);

const LOOP_CACHE_SIZE: usize = 64;

thread_local! {
    /// Direct-mapped cache of resolved loops keyed by (ufunc, input kinds / weak classes).
    static LOOP_CACHE: std::cell::RefCell<[LoopCacheEntry; LOOP_CACHE_SIZE]> =
        const { std::cell::RefCell::new([(0, 0, 0); LOOP_CACHE_SIZE]) };
}

/// The loop for a plain call (no `dtype=`, same_kind casting), from the per-thread cache
/// when the resolution cannot depend on the weak scalars' values.
fn resolve_plain(uf: &Ufunc, ins: &[PlainIn<'_>]) -> Result<usize> {
    let comparison = matches!(
        uf.name,
        "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal"
    );
    let mut code: u32 = 1;
    let mut cacheable = ins.len() <= 3;
    for i in ins {
        let c = match i {
            PlainIn::Array(a) => a.kind() as u32,
            PlainIn::Weak(Weak::Int(_)) => {
                // Comparisons with a Python int depend on its value (out-of-range ints
                // compare exactly), so they are not cached.
                cacheable &= !comparison;
                0x40
            }
            PlainIn::Weak(Weak::Float(_)) => 0x41,
            PlainIn::Weak(Weak::Complex(..)) => 0x42,
        };
        code = (code << 8) | c;
    }
    let key = uf as *const Ufunc as usize;
    let slot = ((key >> 4) ^ (code as usize).wrapping_mul(0x9E37_79B9)) % LOOP_CACHE_SIZE;
    if cacheable {
        let hit = LOOP_CACHE.with(|c| {
            let c = c.borrow();
            let e = c[slot];
            (e.0 == key && e.1 == code).then_some(e.2 as usize)
        });
        if let Some(li) = hit {
            return Ok(li);
        }
    }
    let owned: Vec<Input> = ins
        .iter()
        .map(|i| match i {
            PlainIn::Array(a) => Input::Array((*a).clone()),
            PlainIn::Weak(w) => Input::Weak(*w),
        })
        .collect();
    let li = uf.resolve(&owned, None, Casting::SameKind)?;
    if cacheable {
        LOOP_CACHE.with(|c| c.borrow_mut()[slot] = (key, code, li as u32));
    }
    Ok(li)
}

/// `uf(*inputs)` without keywords, when every array operand is a native-order,
/// C-contiguous array of exactly the loop's input kind and all array operands have the
/// same shape (weak scalars broadcast with stride 0): one kernel call over the whole
/// buffer, no iteration engine. Returns `None` when the call needs the general path
/// ([`call`]), which gives the same results.
///
/// # Errors
/// As [`call`] (type resolution, weak ints out of range, negative integer powers).
pub fn call_plain(uf: &Ufunc, ins: &[PlainIn<'_>]) -> Option<Result<(NdArray, FpFlags)>> {
    if uf.nout != 1 || ins.len() != uf.nin || ins.len() > 3 {
        return None;
    }
    let shape: &[usize] = ins.iter().find_map(|i| match i {
        PlainIn::Array(a) => Some(a.shape()),
        PlainIn::Weak(_) => None,
    })?;
    for i in ins {
        if let PlainIn::Array(a) = i {
            if a.shape() != shape || !a.dtype().is_native() || !a.is_c_contiguous() {
                return None;
            }
        }
    }
    let li = match resolve_plain(uf, ins) {
        Ok(li) => li,
        Err(e) => return Some(Err(e)),
    };
    let lp = &uf.loops[li];
    // Weak scalars converted to the loop's kinds, one 16-byte slot each.
    let mut scalars = [[0u64; 2]; 3];
    let mut cast_overflow = false;
    let mut ptrs = [std::ptr::null_mut::<u8>(); 4];
    let mut steps = [0isize; 4];
    for (k, i) in ins.iter().enumerate() {
        match i {
            PlainIn::Array(a) => {
                if a.kind() != lp.types[k] {
                    return None;
                }
                ptrs[k] = a.data_ptr();
                // NumPy's trivial loop passes a 1-D operand's own stride (it differs from
                // the itemsize only for one element, e.g. a view with a negative step).
                steps[k] = match a.strides() {
                    [s] => *s,
                    _ => a.itemsize() as isize,
                };
            }
            PlainIn::Weak(w) => {
                cast_overflow |= weak_cast_overflows(w, lp.types[k]);
                let s = match weak_to_scalar(w, lp.types[k]) {
                    Ok(s) => s,
                    Err(e) => return Some(Err(e)),
                };
                let p = scalars[k].as_mut_ptr() as *mut u8;
                // SAFETY: the slot holds 16 bytes, the size of the widest element.
                unsafe { s.write_to(p) };
                ptrs[k] = p;
                steps[k] = 0;
            }
        }
    }
    let out_kind = lp.types[uf.nin];
    // SAFETY: the kernel below writes every element of the fresh output.
    let out = match unsafe { NdArray::uninit(shape, DType::new(out_kind), Order::C) } {
        Ok(o) => o,
        Err(e) => return Some(Err(e)),
    };
    let n = out.size();
    let nin = uf.nin;
    ptrs[nin] = out.data_ptr();
    steps[nin] = out_kind.itemsize() as isize;
    fpstatus::clear_all();
    let threads = parallel::plan(n, par_min(uf, lp));
    if threads > 1 {
        // SAFETY: the operands (arrays and the scalar slots on this stack) stay valid until
        // for_chunks returns; chunks write disjoint parts of the fresh output.
        let shared = unsafe { parallel::SyncPtr::new((ptrs, steps)) };
        parallel::for_chunks(n, PAR_GRANULE, threads, |lo, len| {
            let (mut q, st) = *shared.get();
            for (p, &s) in q.iter_mut().zip(&st).take(nin + 1) {
                *p = p.wrapping_offset(lo as isize * s);
            }
            // SAFETY: as below, for elements lo..lo + len of every operand.
            unsafe { lp.kernel.call(&q[..=nin], &st[..=nin], len) };
        });
    } else if n > 0 {
        // SAFETY: every array operand is C-contiguous with `n` elements of the loop's
        // kind, weak scalars are read with stride 0 from their slots, and the output is
        // fresh, so nothing overlaps it.
        unsafe { lp.kernel.call(&ptrs[..=nin], &steps[..=nin], n) };
    }
    let flags = fpstatus::read_all();
    if !flags.is_empty() {
        fpstatus::clear_all();
    }
    Some(loop_flags(uf, flags, cast_overflow).map(|f| (out, f)))
}

/// `uf.reduce(a, axis=None)` without other keywords, for a native-order C-contiguous
/// array whose kind is the reduction's own loop kind: one kernel call into a scalar
/// accumulator, the same calls [`reduce`] makes. Returns `None` when the general path is
/// needed (empty arrays without identity, casts, logical reductions of non-bools).
pub fn reduce_plain(uf: &Ufunc, a: &NdArray) -> Option<(Scalar, FpFlags)> {
    if uf.nin != 2 || uf.nout != 1 || !a.dtype().is_native() || !a.is_c_contiguous() {
        return None;
    }
    let nd = a.ndim();
    if nd == 0 || nd > 1 && !uf.reorderable {
        return None;
    }
    let kind = a.kind();
    if uf.name.starts_with("logical_") && kind != DTypeKind::Bool {
        return None;
    }
    if reduce_default_kind(uf, kind) != kind {
        return None;
    }
    let lp = uf
        .loops
        .iter()
        .find(|l| l.types.iter().all(|&t| t == kind))?;
    let init = if uf.reorderable { uf.identity } else { None };
    let n = a.size();
    let idempotent = uf.is_idempotent();
    if n == 0 && init.is_none() {
        return None;
    }
    if init.is_none() && !idempotent && nd > 1 {
        return None;
    }
    let item = kind.itemsize();
    let mut acc = [0u64; 2];
    let accp = acc.as_mut_ptr() as *mut u8;
    let mut body = a.data_ptr();
    let mut count = n;
    match init {
        // SAFETY: the slot holds 16 bytes, the widest element.
        Some(iv) => unsafe { iv.cast(kind).write_to(accp) },
        None => {
            // SAFETY: n > 0 here, so the first element exists; the slot is large enough.
            unsafe { std::ptr::copy_nonoverlapping(body, accp, item) };
            if !idempotent {
                // SAFETY: one element past the start stays inside (or one past) the buffer.
                body = unsafe { body.add(item) };
                count = n - 1;
            }
        }
    }
    fpstatus::clear_all();
    let threads = if exact_associative(uf, kind) {
        parallel::plan(count, PAR_MIN_REDUCE)
    } else {
        1
    };
    if threads > 1 {
        // Each chunk folded from its first element, then the partial results folded into
        // the accumulator in chunk order: the same value in any grouping (see
        // `exact_associative`).
        // SAFETY: the body outlives map_chunks and is only read.
        let at = unsafe { parallel::SyncPtr::new(body) };
        let parts = parallel::map_chunks(count, PAR_GRANULE, threads, |lo, len| {
            let mut part = [0u64; 2];
            let pp = part.as_mut_ptr() as *mut u8;
            let start = at.get().wrapping_add(lo * item);
            // SAFETY: elements lo..lo + len (len >= 1) of the body; the slot holds 16
            // bytes; the fold reads the rest of the chunk into the slot (reduction form).
            unsafe {
                std::ptr::copy_nonoverlapping(start, pp, item);
                if len > 1 {
                    lp.kernel
                        .call(&[pp, start.add(item), pp], &[0, item as isize, 0], len - 1);
                }
            }
            part
        });
        for mut part in parts {
            let pp = part.as_mut_ptr() as *mut u8;
            // SAFETY: both slots hold one element of `kind`; a run of one element in the
            // reduction form folds the partial result into the accumulator.
            unsafe { lp.kernel.call(&[accp, pp, accp], &[0, 0, 0], 1) };
        }
    } else if count > 0 {
        let ptrs = [accp, body, accp];
        let steps = [0, item as isize, 0];
        // SAFETY: the accumulator slot is read and written with stride 0 (the kernel's
        // reduction form); the body is `count` contiguous elements of the loop's kind.
        unsafe { lp.kernel.call(&ptrs, &steps, count) };
    }
    let flags = fpstatus::read_all();
    if !flags.is_empty() {
        fpstatus::clear_all();
    }
    // SAFETY: the slot holds one element of `kind`, written above.
    let s = unsafe { Scalar::read_from(kind, accp, false) };
    Some((s, uf.visible(flags)))
}
