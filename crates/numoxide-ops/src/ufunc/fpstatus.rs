//! The processor's floating-point exception flags, read and cleared around each ufunc
//! loop, exactly as NumPy does with `fetestexcept`: the flags say whether a loop divided
//! by zero, overflowed, underflowed or produced an invalid result.

/// Bit set of floating-point conditions raised by a computation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FpFlags(pub u8);

impl FpFlags {
    /// Division by zero.
    pub const DIVIDE: u8 = 1;
    /// Overflow.
    pub const OVERFLOW: u8 = 2;
    /// Underflow.
    pub const UNDERFLOW: u8 = 4;
    /// Invalid operation (a NaN from non-NaN inputs).
    pub const INVALID: u8 = 8;
    /// Complex values were cast to a real type (NumPy's ComplexWarning "Casting complex
    /// values to real discards the imaginary part", reported before the loop's flags).
    pub const COMPLEX_DISCARD: u8 = 16;
    /// A weak Python scalar overflowed when cast to the loop's dtype ("overflow
    /// encountered in cast", reported before the loop's own flags).
    pub const CAST_OVERFLOW: u8 = 32;
    /// Invalid raised in software by a loop whose hardware invalid flag is otherwise
    /// ignored (complex ordering compares, which NumPy evaluates with signaling compares).
    pub const FORCED_INVALID: u8 = 64;
    /// An input cast made before the loop produced an invalid value (NumPy's "invalid
    /// value encountered in cast", reported before the loop's own flags).
    pub const CAST_INVALID: u8 = 128;

    /// True when no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// True when `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
    /// Both sets.
    pub fn union(self, other: FpFlags) -> FpFlags {
        FpFlags(self.0 | other.0)
    }
}

/// Clear the hardware flags.
#[inline]
pub fn clear() {
    imp::clear()
}

/// Read (without clearing) the hardware flags.
#[inline]
pub fn read() -> FpFlags {
    imp::read()
}

/// Set the hardware flags in `f` (its divide, overflow, underflow and invalid bits) as
/// if this thread's own arithmetic had raised them; the others stay as they are.
#[inline]
pub fn raise_hw(f: FpFlags) {
    if f.0 & 0x0f != 0 {
        imp::raise(f);
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::FpFlags;
    use std::arch::asm;

    const IE: u32 = 1;
    const ZE: u32 = 4;
    const OE: u32 = 8;
    const UE: u32 = 16;
    const ALL: u32 = 0x3f;

    fn get_csr() -> u32 {
        let mut csr: u32 = 0;
        // SAFETY: stmxcsr stores the 32-bit MXCSR register into the given local.
        unsafe { asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack)) };
        csr
    }

    pub fn clear() {
        let csr = get_csr() & !ALL;
        // SAFETY: ldmxcsr loads MXCSR from the local; only the sticky status bits change.
        unsafe { asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack)) };
    }

    pub fn raise(f: FpFlags) {
        let mut bits = 0;
        if f.has(FpFlags::DIVIDE) {
            bits |= ZE;
        }
        if f.has(FpFlags::OVERFLOW) {
            bits |= OE;
        }
        if f.has(FpFlags::UNDERFLOW) {
            bits |= UE;
        }
        if f.has(FpFlags::INVALID) {
            bits |= IE;
        }
        let csr = get_csr() | bits;
        // SAFETY: ldmxcsr loads MXCSR from the local, which differs from the current value
        // only in sticky status bits (0..5). Setting a status bit records an exception as
        // raised; it never traps (SSE checks the masks only when an instruction detects a
        // condition), and the control bits (masks, rounding, FTZ/DAZ) are unchanged.
        unsafe { asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack)) };
    }

    pub fn read() -> FpFlags {
        let csr = get_csr();
        let mut f = 0u8;
        if csr & ZE != 0 {
            f |= FpFlags::DIVIDE;
        }
        if csr & OE != 0 {
            f |= FpFlags::OVERFLOW;
        }
        if csr & UE != 0 {
            f |= FpFlags::UNDERFLOW;
        }
        if csr & IE != 0 {
            f |= FpFlags::INVALID;
        }
        FpFlags(f)
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use super::FpFlags;
    use std::arch::asm;

    pub fn clear() {
        // SAFETY: writing FPSR only changes the cumulative exception bits.
        unsafe { asm!("msr fpsr, {}", in(reg) 0u64, options(nostack)) };
    }

    pub fn raise(f: FpFlags) {
        let mut bits = 0u64;
        if f.has(FpFlags::DIVIDE) {
            bits |= 2;
        }
        if f.has(FpFlags::OVERFLOW) {
            bits |= 4;
        }
        if f.has(FpFlags::UNDERFLOW) {
            bits |= 8;
        }
        if f.has(FpFlags::INVALID) {
            bits |= 1;
        }
        let fpsr: u64;
        // SAFETY: reading FPSR has no side effects.
        unsafe { asm!("mrs {}, fpsr", out(reg) fpsr, options(nostack)) };
        // SAFETY: writing FPSR with extra cumulative exception bits only records them as
        // raised; it never traps.
        unsafe { asm!("msr fpsr, {}", in(reg) fpsr | bits, options(nostack)) };
    }

    pub fn read() -> FpFlags {
        let fpsr: u64;
        // SAFETY: reading FPSR has no side effects.
        unsafe { asm!("mrs {}, fpsr", out(reg) fpsr, options(nostack)) };
        let mut f = 0u8;
        if fpsr & 2 != 0 {
            f |= FpFlags::DIVIDE;
        }
        if fpsr & 4 != 0 {
            f |= FpFlags::OVERFLOW;
        }
        if fpsr & 8 != 0 {
            f |= FpFlags::UNDERFLOW;
        }
        if fpsr & 1 != 0 {
            f |= FpFlags::INVALID;
        }
        FpFlags(f)
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
mod imp {
    use super::FpFlags;
    pub fn clear() {}
    pub fn raise(_: FpFlags) {}
    pub fn read() -> FpFlags {
        FpFlags(0)
    }
}

thread_local! {
    /// Flags raised in software by integer loops (division by zero, overflow).
    static SOFT: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// Raise a flag from software (integer division by zero, as NumPy's npy_set_floatstatus).
#[inline]
pub fn raise(flag: u8) {
    SOFT.with(|s| s.set(s.get() | flag));
}

/// The invalid and overflow flags raised since the last clear (the ones a cast can
/// raise), then cleared.
pub fn take_cast() -> FpFlags {
    let f = read_all();
    clear_all();
    FpFlags(f.0 & (FpFlags::INVALID | FpFlags::OVERFLOW))
}

/// Cast flags as the separate warnings NumPy gives for a cast done before the loop.
pub fn as_cast_warning(f: FpFlags) -> FpFlags {
    let mut v = 0;
    if f.has(FpFlags::OVERFLOW) {
        v |= FpFlags::CAST_OVERFLOW;
    }
    if f.has(FpFlags::INVALID) {
        v |= FpFlags::CAST_INVALID;
    }
    FpFlags(v)
}

/// Clear hardware and software flags.
pub fn clear_all() {
    clear();
    SOFT.with(|s| s.set(0));
}

/// Read hardware and software flags.
pub fn read_all() -> FpFlags {
    read().union(FpFlags(SOFT.with(|s| s.get())))
}

/// A thread's raised conditions, hardware and software apart: what a worker thread hands
/// back to the thread that waits for it (the flags live in per-thread registers).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The hardware flags.
    pub hw: FpFlags,
    /// The software flags.
    pub soft: FpFlags,
}

impl Status {
    /// Both sets.
    pub fn union(self, other: Status) -> Status {
        Status {
            hw: self.hw.union(other.hw),
            soft: self.soft.union(other.soft),
        }
    }
}

/// Read and clear this thread's hardware and software flags.
pub fn take() -> Status {
    let s = Status {
        hw: read(),
        soft: FpFlags(SOFT.with(|s| s.get())),
    };
    clear_all();
    s
}

/// Raise `s` in this thread, on top of what it has raised itself: the sticky hardware
/// bits and the software flags, so [`read`] and [`read_all`] see them as if this thread
/// had run the work.
pub fn merge(s: Status) {
    raise_hw(s.hw);
    if !s.soft.is_empty() {
        raise(s.soft.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_division_by_zero_and_invalid() {
        clear_all();
        let z = std::hint::black_box(0.0f64);
        let _ = std::hint::black_box(1.0 / z);
        assert!(read_all().has(FpFlags::DIVIDE));
        clear_all();
        let _ = std::hint::black_box(z / z);
        let f = read_all();
        assert!(f.has(FpFlags::INVALID) && !f.has(FpFlags::DIVIDE));
        clear_all();
        assert!(read_all().is_empty());
    }

    #[test]
    fn merge_sets_the_sticky_bits_and_take_clears_them() {
        clear_all();
        merge(Status {
            hw: FpFlags(FpFlags::OVERFLOW | FpFlags::INVALID),
            soft: FpFlags(FpFlags::DIVIDE),
        });
        assert_eq!(read(), FpFlags(FpFlags::OVERFLOW | FpFlags::INVALID));
        let s = take();
        assert_eq!(s.hw, FpFlags(FpFlags::OVERFLOW | FpFlags::INVALID));
        assert_eq!(s.soft, FpFlags(FpFlags::DIVIDE));
        assert!(read_all().is_empty());
        // Arithmetic after a merge still works and adds its own flags.
        merge(Status {
            hw: FpFlags(FpFlags::UNDERFLOW),
            soft: FpFlags::default(),
        });
        let z = std::hint::black_box(0.0f64);
        let _ = std::hint::black_box(1.0 / z);
        assert_eq!(read(), FpFlags(FpFlags::UNDERFLOW | FpFlags::DIVIDE));
        clear_all();
    }
}
