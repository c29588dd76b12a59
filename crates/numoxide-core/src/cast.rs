//! Element conversions with NumPy's value semantics, the cast kernels the iteration
//! engine runs, `can_cast` and `promote_types`.

use crate::dtype::{DType, DTypeKind};
use crate::element::{f16, Complex, Complex128, Complex64, Element};
use crate::error::{Error, Result};

/// A numeric element that can be built from any other: each source converts itself to
/// the widest value of its family and the destination narrows once, so every cast rounds
/// at most once.
pub trait CastFrom: Element {
    /// From a bool (0 or 1).
    fn from_bool(v: bool) -> Self;
    /// From a signed integer (wrapping for narrower integers).
    fn from_i64(v: i64) -> Self;
    /// From an unsigned integer.
    fn from_u64(v: u64) -> Self;
    /// From a real float (f16/f32 convert to f64 exactly first).
    fn from_f64(v: f64) -> Self;
    /// From a complex value (real destinations take the real part, as NumPy does).
    fn from_c128(v: Complex128) -> Self;
}

/// A numeric element that can be converted to any [`CastFrom`] type.
pub trait CastTo: Element {
    /// Convert `self` to `D` with NumPy's semantics.
    fn cast<D: CastFrom>(self) -> D;
}

/// Truncate a float toward zero into an i64 the way x86-64's `cvttsd2si` does: NaN and
/// out-of-range values become `i64::MIN`. NumPy's C casts compile to this instruction, so
/// its out-of-range results (which C leaves undefined) are these.
#[inline]
fn f64_to_i64_x86(v: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2**63
    if v.is_nan() || !(-LIMIT..LIMIT).contains(&v) {
        raise_invalid();
        i64::MIN
    } else {
        v as i64
    }
}

#[inline]
fn f64_to_i32_x86(v: f64) -> i32 {
    if v.is_nan() || v >= 2_147_483_648.0 || v <= -2_147_483_649.0 {
        raise_invalid();
        i32::MIN
    } else {
        v as i32
    }
}

/// Set the processor's "invalid" flag, as `cvttsd2si` does for NaN and out-of-range
/// input, so NumPy's "invalid value encountered in cast" can be reported (the binding
/// reads the flags around a cast).
#[cold]
#[inline(never)]
fn raise_invalid() {
    std::hint::black_box(std::hint::black_box(f64::INFINITY) - std::hint::black_box(f64::INFINITY));
}

/// Set the processor's "overflow" flag (a finite value rounded to infinity in software).
#[cold]
#[inline(never)]
fn raise_overflow() {
    std::hint::black_box(std::hint::black_box(f64::MAX) * 2.0);
}

/// `f16::from_f64` that raises the overflow flag when a finite value becomes infinite,
/// as NumPy's half conversion does.
#[inline]
fn f16_from_f64(v: f64) -> f16 {
    let (h, overflowed) = crate::element::f16_from_f64_rounded(v);
    if overflowed {
        raise_overflow();
    }
    h
}

#[inline]
fn f64_to_u64_x86(v: f64) -> u64 {
    if v >= 9_223_372_036_854_775_808.0 {
        if v < 18_446_744_073_709_551_616.0 {
            // `v as u64` would also try the signed conversion and raise a stale invalid
            // flag; v - 2^63 is exact here and fits the signed range.
            ((v - 9_223_372_036_854_775_808.0) as i64 as u64) ^ (1 << 63)
        } else {
            // NumPy's compiled `(npy_uint64)v`: cvttsd2si(v - 2^63) ^ 2^63, i.e. 0 for
            // v >= 2^64 and for +inf.
            raise_invalid();
            0
        }
    } else {
        f64_to_i64_x86(v) as u64
    }
}

macro_rules! impl_cast_from_int {
    ($($t:ty: $via:ident),*) => {$(
        impl CastFrom for $t {
            #[inline] fn from_bool(v: bool) -> Self { v as $t }
            #[inline] fn from_i64(v: i64) -> Self { v as $t }
            #[inline] fn from_u64(v: u64) -> Self { v as $t }
            #[inline] fn from_f64(v: f64) -> Self { $via(v) as $t }
            #[inline] fn from_c128(v: Complex128) -> Self { Self::from_f64(v.re) }
        }
    )*};
}
impl_cast_from_int!(i8: f64_to_i32_x86, u8: f64_to_i32_x86, i16: f64_to_i32_x86,
    u16: f64_to_i32_x86, i32: f64_to_i32_x86, u32: f64_to_i64_x86, i64: f64_to_i64_x86,
    u64: f64_to_u64_x86);

impl CastFrom for bool {
    #[inline]
    fn from_bool(v: bool) -> Self {
        v
    }
    #[inline]
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    #[inline]
    fn from_u64(v: u64) -> Self {
        v != 0
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    #[inline]
    fn from_c128(v: Complex128) -> Self {
        v.re != 0.0 || v.im != 0.0
    }
}

macro_rules! impl_cast_from_float {
    ($($t:ty),*) => {$(
        impl CastFrom for $t {
            #[inline] fn from_bool(v: bool) -> Self { v as u8 as $t }
            #[inline] fn from_i64(v: i64) -> Self { v as $t }
            #[inline] fn from_u64(v: u64) -> Self { v as $t }
            #[inline] fn from_f64(v: f64) -> Self { v as $t }
            #[inline] fn from_c128(v: Complex128) -> Self { v.re as $t }
        }
    )*};
}
impl_cast_from_float!(f32, f64);

impl CastFrom for f16 {
    #[inline]
    fn from_bool(v: bool) -> Self {
        f16::from_bits(if v { 0x3c00 } else { 0 })
    }
    #[inline]
    fn from_i64(v: i64) -> Self {
        f16_from_f64(v as f64)
    }
    #[inline]
    fn from_u64(v: u64) -> Self {
        f16_from_f64(v as f64)
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        f16_from_f64(v)
    }
    #[inline]
    fn from_c128(v: Complex128) -> Self {
        f16_from_f64(v.re)
    }
}

impl CastFrom for Complex64 {
    #[inline]
    fn from_bool(v: bool) -> Self {
        Complex::new(v as u8 as f32, 0.0)
    }
    #[inline]
    fn from_i64(v: i64) -> Self {
        Complex::new(v as f32, 0.0)
    }
    #[inline]
    fn from_u64(v: u64) -> Self {
        Complex::new(v as f32, 0.0)
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        Complex::new(v as f32, 0.0)
    }
    #[inline]
    fn from_c128(v: Complex128) -> Self {
        Complex::new(v.re as f32, v.im as f32)
    }
}

impl CastFrom for Complex128 {
    #[inline]
    fn from_bool(v: bool) -> Self {
        Complex::new(v as u8 as f64, 0.0)
    }
    #[inline]
    fn from_i64(v: i64) -> Self {
        Complex::new(v as f64, 0.0)
    }
    #[inline]
    fn from_u64(v: u64) -> Self {
        Complex::new(v as f64, 0.0)
    }
    #[inline]
    fn from_f64(v: f64) -> Self {
        Complex::new(v, 0.0)
    }
    #[inline]
    fn from_c128(v: Complex128) -> Self {
        v
    }
}

macro_rules! impl_cast_to {
    ($($t:ty => $method:ident($conv:expr)),* $(,)?) => {$(
        impl CastTo for $t {
            #[inline]
            fn cast<D: CastFrom>(self) -> D {
                #[allow(clippy::redundant_closure_call)]
                D::$method(($conv)(self))
            }
        }
    )*};
}
impl_cast_to!(
    bool => from_bool(|v| v),
    i8 => from_i64(|v: i8| v as i64),
    i16 => from_i64(|v: i16| v as i64),
    i32 => from_i64(|v: i32| v as i64),
    i64 => from_i64(|v| v),
    u8 => from_u64(|v: u8| v as u64),
    u16 => from_u64(|v: u16| v as u64),
    u32 => from_u64(|v: u32| v as u64),
    u64 => from_u64(|v| v),
    f16 => from_f64(|v: f16| v.to_f64()),
    f32 => from_f64(|v: f32| v as f64),
    f64 => from_f64(|v| v),
    Complex64 => from_c128(|v: Complex64| Complex::new(v.re as f64, v.im as f64)),
    Complex128 => from_c128(|v| v),
);

/// A cast kernel over one run: read `n` elements of `S` from `src` (stride `ss`),
/// write them as `D` to `dst` (stride `ds`), swapping bytes on the way in or out.
///
/// # Safety
/// `src + k*ss` and `dst + k*ds` must be valid (possibly unaligned) element addresses for
/// `k < n`, and the runs must not overlap unless identical.
pub unsafe fn cast_run<S: CastTo, D: CastFrom>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    swap_in: bool,
    swap_out: bool,
) {
    if !swap_in && !swap_out && ss == size_of::<S>() as isize && ds == size_of::<D>() as isize {
        // Both runs contiguous in native order: a loop with compile-time steps, which
        // the compiler vectorizes (int32 -> float64 went at half the speed of a copy),
        // compiled again for AVX-512, which converts 64-bit integers and floats in
        // vector registers (the baseline has no such instruction).
        let (src, dst) = (src as *const S, dst as *mut D);
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
        {
            // SAFETY: the CPU has the features the copy is compiled for; the slots are
            // the caller's (the steps equal the element sizes).
            unsafe { cast_contiguous_avx512(src, dst, n) };
            return;
        }
        // SAFETY: as above.
        unsafe { cast_contiguous(src, dst, n) };
        return;
    }
    for k in 0..n as isize {
        // SAFETY: the caller guarantees both addresses are valid element slots.
        unsafe {
            let mut v = (src.offset(k * ss) as *const S).read_unaligned();
            if swap_in {
                v = v.byte_swap();
            }
            let mut w: D = v.cast();
            if swap_out {
                w = w.byte_swap();
            }
            (dst.offset(k * ds) as *mut D).write_unaligned(w);
        }
    }
}

/// Convert `n` contiguous values from `src` into `dst`.
///
/// # Safety
/// `src..src+n` and `dst..dst+n` must be valid (possibly unaligned) element slots that
/// do not overlap unless identical.
#[inline(always)]
unsafe fn cast_contiguous<S: CastTo, D: CastFrom>(src: *const S, dst: *mut D, n: usize) {
    for k in 0..n {
        // SAFETY: `k < n`, inside both runs (the caller's contract).
        unsafe {
            dst.add(k)
                .write_unaligned(src.add(k).read_unaligned().cast())
        };
    }
}

/// [`cast_contiguous`] compiled with AVX-512.
///
/// # Safety
/// As [`cast_contiguous`], and the CPU must support AVX-512 F/DQ/VL/BW.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx512bw")]
unsafe fn cast_contiguous_avx512<S: CastTo, D: CastFrom>(src: *const S, dst: *mut D, n: usize) {
    // SAFETY: forwarded contract.
    unsafe { cast_contiguous(src, dst, n) }
}

/// The cast kernel for a (source, destination) pair of kinds.
pub type CastFn = unsafe fn(*const u8, isize, *mut u8, isize, usize, bool, bool);

/// The "cast" between two descriptors of one kind: a copy, its bytes swapped when exactly
/// one side is in the other byte order. No value conversion, so every bit pattern (the
/// payload and quiet bit of a NaN too) comes through, as NumPy's byte-order casts do.
///
/// # Safety
/// As [`cast_run`] with `S = D = T`.
unsafe fn copy_run<T: Element>(
    src: *const u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
    swap_in: bool,
    swap_out: bool,
) {
    let swap = swap_in != swap_out;
    for k in 0..n as isize {
        // SAFETY: the caller guarantees both addresses are valid element slots.
        unsafe {
            let mut v = (src.offset(k * ss) as *const T).read_unaligned();
            if swap {
                v = v.byte_swap();
            }
            (dst.offset(k * ds) as *mut T).write_unaligned(v);
        }
    }
}

/// Look up the cast kernel from `src` to `dst`.
pub fn cast_fn(src: DTypeKind, dst: DTypeKind) -> CastFn {
    if src == dst {
        return crate::dispatch!(src, T => copy_run::<T> as CastFn);
    }
    crate::dispatch!(src, S => crate::dispatch!(dst, D => cast_run::<S, D> as CastFn))
}

/// Convert one element value.
pub fn cast_value<S: CastTo, D: CastFrom>(v: S) -> D {
    v.cast()
}

/// NumPy's casting modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casting {
    /// Only identical types.
    No,
    /// Identical types up to byte order.
    Equiv,
    /// Only casts that preserve every value.
    Safe,
    /// Safe casts and casts within a kind (float64 → float32).
    SameKind,
    /// Any cast.
    Unsafe,
}

impl Casting {
    /// Parse NumPy's `casting=` names.
    ///
    /// # Errors
    /// `ValueError` for an unknown name, in NumPy's wording.
    pub fn parse(text: &str) -> Result<Casting> {
        Ok(match text {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => {
                return Err(Error::value(
                    "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
                ))
            }
        })
    }
    /// NumPy's name of the mode.
    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }
}

/// Rank of a kind for "same kind" casts: bool < int (signed or unsigned) < float < complex.
fn kind_rank(k: DTypeKind) -> u8 {
    match k.kind_char() {
        'b' => 0,
        'u' => 1,
        'i' => 2,
        'f' => 3,
        _ => 4,
    }
}

/// Whether `from` casts to `to` without losing any value (NumPy's safe casting table).
pub fn can_cast_safely(from: DTypeKind, to: DTypeKind) -> bool {
    use DTypeKind::*;
    if from == to || from == Bool {
        return true;
    }
    let (fs, ts) = (from.itemsize(), to.itemsize());
    match (from.kind_char(), to.kind_char()) {
        (_, 'b') => false,
        ('u', 'u') | ('i', 'i') => ts >= fs,
        ('u', 'i') => ts > fs,
        ('i', 'u') => false,
        ('i' | 'u', 'f') => match from {
            Int8 | UInt8 => true,
            Int16 | UInt16 => to != Float16,
            _ => to == Float64,
        },
        ('i' | 'u', 'c') => match from {
            Int8 | UInt8 | Int16 | UInt16 => true,
            _ => to == Complex128,
        },
        ('f', 'f') => ts >= fs,
        ('f', 'c') => ts >= 2 * fs,
        ('c', 'c') => ts >= fs,
        _ => false,
    }
}

/// NumPy's `can_cast(from, to, casting)` for descriptors.
pub fn can_cast(from: &DType, to: &DType, casting: Casting) -> bool {
    match casting {
        Casting::No => from == to,
        Casting::Equiv => from.kind() == to.kind(),
        Casting::Safe => can_cast_safely(from.kind(), to.kind()),
        Casting::SameKind => {
            can_cast_safely(from.kind(), to.kind())
                || kind_rank(from.kind()) <= kind_rank(to.kind()) && {
                    // A signed→unsigned cast is not same-kind in NumPy.
                    !(from.kind().is_signed_integer() && to.kind().is_unsigned_integer())
                }
        }
        Casting::Unsafe => true,
    }
}

/// The `UFuncTypeError` NumPy raises when a ufunc operand does not cast under the rule
/// ("Cannot cast ufunc 'add' input 0 from dtype('float64') to dtype('int64') with casting
/// rule 'same_kind'"). `operand` is the operand's name in that message: "input", "input 1",
/// "output", "output 2"; an output's is NumPy's `_UFuncOutputCastingError`, an input's
/// `_UFuncInputCastingError`.
pub fn ufunc_cast_error(
    ufunc: &str,
    operand: &str,
    from: &DType,
    to: &DType,
    casting: Casting,
) -> Error {
    let kind = if operand.starts_with("output") {
        crate::error::ErrorKind::UFuncOutputCasting
    } else {
        crate::error::ErrorKind::UFuncInputCasting
    };
    Error::new(
        kind,
        format!(
            "Cannot cast ufunc '{ufunc}' {operand} from dtype('{}') to dtype('{}') with casting rule '{}'",
            from.name(),
            to.name(),
            casting.name()
        ),
    )
}

/// The smallest float kind that holds every value of integer kind `k` (NumPy's rule).
fn float_for_int(k: DTypeKind) -> DTypeKind {
    use DTypeKind::*;
    match k {
        Bool | Int8 | UInt8 => Float16,
        Int16 | UInt16 => Float32,
        _ => Float64,
    }
}

fn signed_of_size(size: usize) -> Option<DTypeKind> {
    use DTypeKind::*;
    match size {
        1 => Some(Int8),
        2 => Some(Int16),
        4 => Some(Int32),
        8 => Some(Int64),
        _ => None,
    }
}

/// NumPy's `promote_types` for numeric kinds: the smallest kind both cast to safely.
pub fn promote_kinds(a: DTypeKind, b: DTypeKind) -> DTypeKind {
    use DTypeKind::*;
    if a == b {
        return a;
    }
    if a == Bool {
        return b;
    }
    if b == Bool {
        return a;
    }
    let (ra, rb) = (kind_rank(a), kind_rank(b));
    let (lo, hi) = if (ra, a.itemsize()) <= (rb, b.itemsize()) {
        (a, b)
    } else {
        (b, a)
    };
    match (lo.kind_char(), hi.kind_char()) {
        ('u', 'u') | ('i', 'i') | ('f', 'f') | ('c', 'c') => {
            if lo.itemsize() >= hi.itemsize() {
                lo
            } else {
                hi
            }
        }
        ('u', 'i') | ('i', 'u') => {
            let (s, u) = if lo.is_signed_integer() {
                (lo, hi)
            } else {
                (hi, lo)
            };
            if s.itemsize() > u.itemsize() {
                s
            } else {
                signed_of_size(u.itemsize() * 2).unwrap_or(Float64)
            }
        }
        ('i' | 'u', 'f') => promote_kinds(float_for_int(lo), hi),
        ('i' | 'u', 'c') => promote_kinds(float_for_int(lo), hi),
        ('f', 'c') => {
            if hi.itemsize() >= 2 * lo.itemsize() {
                hi
            } else {
                Complex128
            }
        }
        _ => hi,
    }
}

/// NumPy's `promote_types` for descriptors (the result is in native byte order).
pub fn promote_types(a: &DType, b: &DType) -> DType {
    DType::new(promote_kinds(a.kind(), b.kind()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DTypeKind::*;

    #[test]
    fn promotion_table_spot_checks() {
        assert_eq!(promote_kinds(Int8, UInt8), Int16);
        assert_eq!(promote_kinds(UInt64, Int8), Float64);
        assert_eq!(promote_kinds(Int16, Float16), Float32);
        assert_eq!(promote_kinds(Int64, Float32), Float64);
        assert_eq!(promote_kinds(Float64, Complex64), Complex128);
        assert_eq!(promote_kinds(Float16, Complex64), Complex64);
        assert_eq!(promote_kinds(UInt32, Int64), Int64);
        assert_eq!(promote_kinds(Bool, Int8), Int8);
        assert_eq!(promote_kinds(UInt8, Float16), Float16);
        assert_eq!(promote_kinds(Int32, Complex64), Complex128);
    }

    #[test]
    fn casting_rules() {
        assert!(can_cast_safely(Int32, Float64));
        assert!(!can_cast_safely(Int32, Float32));
        assert!(!can_cast_safely(Int8, UInt64));
        assert!(can_cast(
            &DType::new(Float64),
            &DType::new(Float32),
            Casting::SameKind
        ));
        assert!(!can_cast(
            &DType::new(Float64),
            &DType::new(Int64),
            Casting::SameKind
        ));
        assert!(!can_cast(
            &DType::new(Int64),
            &DType::new(UInt8),
            Casting::SameKind
        ));
    }

    #[test]
    fn value_semantics() {
        assert_eq!(cast_value::<f64, i8>(300.7), 44);
        assert_eq!(cast_value::<f64, u8>(-1.0), 255);
        assert_eq!(cast_value::<f64, i64>(f64::NAN), i64::MIN);
        assert_eq!(cast_value::<i64, u8>(-1), 255);
        assert!(cast_value::<f64, bool>(f64::NAN));
        assert_eq!(
            cast_value::<crate::element::Complex128, f64>(Complex::new(1.5, 2.0)),
            1.5
        );
    }

    #[test]
    fn out_of_range_float_to_uint64_as_numpy_on_x86_64() {
        assert_eq!(cast_value::<f64, u64>(f64::NAN), 1 << 63);
        assert_eq!(cast_value::<f64, u64>(f64::INFINITY), 0);
        assert_eq!(cast_value::<f64, u64>(1e20), 0);
        assert_eq!(cast_value::<f64, u64>(9_223_372_036_854_775_808.0), 1 << 63);
        assert_eq!(cast_value::<f64, u64>(-1.0), u64::MAX);
        assert_eq!(cast_value::<f64, u32>(-1e10), 2_884_901_888);
    }
}
