//! numpy.random: bit generators, SeedSequence and the distributions, stream-compatible
//! with NumPy (same seed, same numbers, bit for bit).

pub mod bounded;
pub mod distributions;
pub mod legacy;
pub mod mt19937;
pub mod pcg64;
pub mod philox;
pub mod sampling;
pub mod seed_sequence;
pub mod sfc64;
pub mod ziggurat;

use mt19937::Mt19937;
use pcg64::Pcg64;
use philox::Philox;
use sfc64::Sfc64;

/// One of NumPy's bit generators.
#[derive(Clone, Debug)]
pub enum BitGen {
    /// PCG64 or PCG64DXSM.
    Pcg64(Pcg64),
    /// MT19937.
    Mt19937(Box<Mt19937>),
    /// Philox 4x64-10.
    Philox(Philox),
    /// SFC64.
    Sfc64(Sfc64),
}

/// A concrete bit generator's raw draws, so hot loops can run on one generator type
/// after a single dispatch (see [`with_raw_gen!`]); [`BitGen`] implements it too.
pub trait RawGen {
    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64;
    /// The next 32 random bits (NumPy's buffering of 64-bit halves included).
    fn next_u32(&mut self) -> u32;
    /// A double in [0, 1) with 53 random bits.
    #[inline(always)]
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

macro_rules! buffered_raw_gen {
    ($t:ty) => {
        impl RawGen for $t {
            #[inline(always)]
            fn next_u64(&mut self) -> u64 {
                <$t>::next_u64(self)
            }
            #[inline(always)]
            fn next_u32(&mut self) -> u32 {
                if self.has_uint32 {
                    self.has_uint32 = false;
                    return self.uinteger;
                }
                let n = <$t>::next_u64(self);
                split32(n, &mut self.has_uint32, &mut self.uinteger)
            }
        }
    };
}
buffered_raw_gen!(Pcg64);
buffered_raw_gen!(Philox);
buffered_raw_gen!(Sfc64);

impl RawGen for Mt19937 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        Mt19937::next_u64(self)
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        Mt19937::next_u32(self)
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        Mt19937::next_double(self)
    }
}

impl RawGen for BitGen {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        BitGen::next_u64(self)
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        BitGen::next_u32(self)
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        BitGen::next_double(self)
    }
}

/// Run `$body` with `$r` bound to the concrete generator inside the [`BitGen`] `$g`
/// (the body is instantiated once per generator type).
#[macro_export]
macro_rules! with_raw_gen {
    ($g:expr, $r:ident => $body:expr) => {
        match $g {
            $crate::random::BitGen::Pcg64($r) => $body,
            $crate::random::BitGen::Mt19937($r) => {
                let $r = &mut **$r;
                $body
            }
            $crate::random::BitGen::Philox($r) => $body,
            $crate::random::BitGen::Sfc64($r) => $body,
        }
    };
}

#[inline]
fn split32(next: u64, has: &mut bool, buf: &mut u32) -> u32 {
    *has = true;
    *buf = (next >> 32) as u32;
    next as u32
}

impl BitGen {
    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        match self {
            BitGen::Pcg64(g) => g.next_u64(),
            BitGen::Mt19937(g) => g.next_u64(),
            BitGen::Philox(g) => g.next_u64(),
            BitGen::Sfc64(g) => g.next_u64(),
        }
    }

    /// The next 32 random bits (64-bit generators hand out halves, low half first).
    #[inline]
    pub fn next_u32(&mut self) -> u32 {
        match self {
            BitGen::Pcg64(g) => {
                if g.has_uint32 {
                    g.has_uint32 = false;
                    return g.uinteger;
                }
                let n = g.next_u64();
                split32(n, &mut g.has_uint32, &mut g.uinteger)
            }
            BitGen::Mt19937(g) => g.next_u32(),
            BitGen::Philox(g) => {
                if g.has_uint32 {
                    g.has_uint32 = false;
                    return g.uinteger;
                }
                let n = g.next_u64();
                split32(n, &mut g.has_uint32, &mut g.uinteger)
            }
            BitGen::Sfc64(g) => {
                if g.has_uint32 {
                    g.has_uint32 = false;
                    return g.uinteger;
                }
                let n = g.next_u64();
                split32(n, &mut g.has_uint32, &mut g.uinteger)
            }
        }
    }

    /// A double in [0, 1) with 53 random bits.
    #[inline]
    pub fn next_double(&mut self) -> f64 {
        match self {
            BitGen::Mt19937(g) => g.next_double(),
            _ => (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0),
        }
    }

    /// A float in [0, 1) with 24 random bits.
    #[inline]
    pub fn next_float(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }

    /// Fill `out` with doubles in [0, 1), the generator chosen once for the whole run.
    pub fn fill_doubles(&mut self, out: &mut [f64]) {
        const SCALE: f64 = 1.0 / 9_007_199_254_740_992.0;
        match self {
            BitGen::Pcg64(g) => out
                .iter_mut()
                .for_each(|v| *v = (g.next_u64() >> 11) as f64 * SCALE),
            BitGen::Mt19937(g) => out.iter_mut().for_each(|v| *v = g.next_double()),
            BitGen::Philox(g) => out
                .iter_mut()
                .for_each(|v| *v = (g.next_u64() >> 11) as f64 * SCALE),
            BitGen::Sfc64(g) => out
                .iter_mut()
                .for_each(|v| *v = (g.next_u64() >> 11) as f64 * SCALE),
        }
    }

    /// The generator's raw output (`random_raw`): 32-bit words for MT19937.
    #[inline]
    pub fn next_raw(&mut self) -> u64 {
        match self {
            BitGen::Mt19937(g) => u64::from(g.next_u32()),
            _ => self.next_u64(),
        }
    }
}
