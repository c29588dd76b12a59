//! Bounded integers as NumPy draws them: Lemire's multiply-shift rejection (Generator)
//! or masked rejection (legacy), with 8/16-bit draws carved out of buffered 32-bit words.

use super::RawGen;

/// The smallest all-ones mask covering `max`.
#[inline(always)]
pub fn gen_mask(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

/// The 32-bit word that 8-, 16- and 1-bit draws are carved from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Buf {
    bcnt: i32,
    buf: u32,
}

#[inline(always)]
fn buffered_u16<G: RawGen>(g: &mut G, b: &mut Buf) -> u16 {
    if b.bcnt == 0 {
        b.buf = g.next_u32();
        b.bcnt = 1;
    } else {
        b.buf >>= 16;
        b.bcnt -= 1;
    }
    b.buf as u16
}

#[inline(always)]
fn buffered_u8<G: RawGen>(g: &mut G, b: &mut Buf) -> u8 {
    if b.bcnt == 0 {
        b.buf = g.next_u32();
        b.bcnt = 3;
    } else {
        b.buf >>= 8;
        b.bcnt -= 1;
    }
    b.buf as u8
}

#[inline(always)]
fn lemire64<G: RawGen>(g: &mut G, rng: u64) -> u64 {
    let excl = rng.wrapping_add(1);
    let mut m = u128::from(g.next_u64()) * u128::from(excl);
    let mut left = m as u64;
    if left < excl {
        let threshold = (u64::MAX - rng) % excl;
        while left < threshold {
            m = u128::from(g.next_u64()) * u128::from(excl);
            left = m as u64;
        }
    }
    (m >> 64) as u64
}

#[inline(always)]
fn lemire32<G: RawGen>(g: &mut G, rng: u32) -> u32 {
    let excl = rng.wrapping_add(1);
    let mut m = u64::from(g.next_u32()) * u64::from(excl);
    let mut left = m as u32;
    if left < excl {
        let threshold = (u32::MAX - rng) % excl;
        while left < threshold {
            m = u64::from(g.next_u32()) * u64::from(excl);
            left = m as u32;
        }
    }
    (m >> 32) as u32
}

#[inline(always)]
fn lemire16<G: RawGen>(g: &mut G, rng: u16, b: &mut Buf) -> u16 {
    let excl = rng.wrapping_add(1);
    let mut m = u32::from(buffered_u16(g, b)) * u32::from(excl);
    let mut left = m as u16;
    if left < excl {
        let threshold = (u16::MAX - rng) % excl;
        while left < threshold {
            m = u32::from(buffered_u16(g, b)) * u32::from(excl);
            left = m as u16;
        }
    }
    (m >> 16) as u16
}

#[inline(always)]
fn lemire8<G: RawGen>(g: &mut G, rng: u8, b: &mut Buf) -> u8 {
    let excl = rng.wrapping_add(1);
    let mut m = u16::from(buffered_u8(g, b)) * u16::from(excl);
    let mut left = m as u8;
    if left < excl {
        let threshold = (u8::MAX - rng) % excl;
        while left < threshold {
            m = u16::from(buffered_u8(g, b)) * u16::from(excl);
            left = m as u8;
        }
    }
    (m >> 8) as u8
}

/// One draw in [off, off + rng] for an integer type `bits` wide (1 = bool, 8, 16, 32,
/// 64), returned as the low bits of a u64. `rng` must fit the type.
#[inline(always)]
pub fn bounded<G: RawGen>(
    g: &mut G,
    bits: u32,
    off: u64,
    rng: u64,
    masked: bool,
    b: &mut Buf,
) -> u64 {
    if rng == 0 {
        return off;
    }
    match bits {
        1 => {
            if b.bcnt == 0 {
                b.buf = g.next_u32();
                b.bcnt = 31;
            } else {
                b.buf >>= 1;
                b.bcnt -= 1;
            }
            u64::from(b.buf & 1)
        }
        8 => {
            let (r, o) = (rng as u8, off as u8);
            let v = if r == u8::MAX {
                buffered_u8(g, b)
            } else if masked {
                let mask = gen_mask(rng) as u8;
                loop {
                    let v = buffered_u8(g, b) & mask;
                    if v <= r {
                        break v;
                    }
                }
            } else {
                lemire8(g, r, b)
            };
            u64::from(o.wrapping_add(v))
        }
        16 => {
            let (r, o) = (rng as u16, off as u16);
            let v = if r == u16::MAX {
                buffered_u16(g, b)
            } else if masked {
                let mask = gen_mask(rng) as u16;
                loop {
                    let v = buffered_u16(g, b) & mask;
                    if v <= r {
                        break v;
                    }
                }
            } else {
                lemire16(g, r, b)
            };
            u64::from(o.wrapping_add(v))
        }
        32 => {
            let (r, o) = (rng as u32, off as u32);
            let v = if r == u32::MAX {
                g.next_u32()
            } else if masked {
                let mask = gen_mask(rng) as u32;
                loop {
                    let v = g.next_u32() & mask;
                    if v <= r {
                        break v;
                    }
                }
            } else {
                lemire32(g, r)
            };
            u64::from(o.wrapping_add(v))
        }
        _ => {
            let v = if rng <= 0xffff_ffff {
                if rng == 0xffff_ffff {
                    u64::from(g.next_u32())
                } else if masked {
                    let mask = gen_mask(rng) as u32;
                    loop {
                        let v = g.next_u32() & mask;
                        if u64::from(v) <= rng {
                            break u64::from(v);
                        }
                    }
                } else {
                    u64::from(lemire32(g, rng as u32))
                }
            } else if rng == u64::MAX {
                g.next_u64()
            } else if masked {
                let mask = gen_mask(rng);
                loop {
                    let v = g.next_u64() & mask;
                    if v <= rng {
                        break v;
                    }
                }
            } else {
                lemire64(g, rng)
            };
            off.wrapping_add(v)
        }
    }
}
