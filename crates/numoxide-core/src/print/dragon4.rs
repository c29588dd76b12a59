//! Exact float-to-decimal conversion with NumPy's digit rules (Steele & White / Burger &
//! Dybvig "Dragon4"), and the positional and scientific layouts NumPy builds on it.
//!
//! NumPy prints every float through one algorithm whose rounding and cutoff behaviour is
//! observable (`precision=` with `unique=True` cuts the shortest digits at a decimal
//! position and rounds the exact value there, ties to the even digit). Rust's `{}`/`{:e}`
//! give the same shortest digits but not the same cutoff rounding, so the digits are
//! generated here with big integers, following the same steps NumPy takes.

use crate::dtype::DTypeKind;
use crate::element::f16;

/// How trailing zeros and the decimal point are trimmed (`trim=` in NumPy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trim {
    /// `'k'`: keep trailing zeros and the decimal point.
    Keep,
    /// `'.'`: drop trailing zeros, keep the decimal point.
    Zeros,
    /// `'0'`: drop trailing zeros but keep one zero after the point.
    LeaveOneZero,
    /// `'-'`: drop trailing zeros and a trailing decimal point.
    DptZeros,
}

impl Trim {
    /// Parse NumPy's one-character trim code; anything unknown keeps all digits.
    pub(crate) fn from_char(c: char) -> Option<Trim> {
        match c {
            'k' => Some(Trim::Keep),
            '.' => Some(Trim::Zeros),
            '0' => Some(Trim::LeaveOneZero),
            '-' => Some(Trim::DptZeros),
            _ => None,
        }
    }
}

/// Everything that steers one conversion; `None` means "not given" as in NumPy's `-1`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dragon4Options {
    pub(crate) unique: bool,
    /// Positional only: `precision`/`min_digits` count digits after the point.
    pub(crate) fractional: bool,
    pub(crate) precision: Option<usize>,
    pub(crate) min_digits: Option<usize>,
    pub(crate) sign: bool,
    pub(crate) trim: Trim,
    pub(crate) pad_left: Option<usize>,
    pub(crate) pad_right: Option<usize>,
    pub(crate) exp_digits: Option<usize>,
}

impl Default for Dragon4Options {
    fn default() -> Self {
        Dragon4Options {
            unique: true,
            fractional: true,
            precision: None,
            min_digits: None,
            sign: false,
            trim: Trim::Keep,
            pad_left: None,
            pad_right: None,
            exp_digits: None,
        }
    }
}

/// NumPy's scratch buffer size: the longest text one conversion may produce.
const BUFFER_SIZE: i64 = 16384;

// ---------------------------------------------------------------------------------------
// A small unsigned big integer (little-endian 32-bit blocks), only what Dragon4 needs.

#[derive(Clone, Debug, Default)]
struct BigInt {
    blocks: Vec<u32>,
}

impl BigInt {
    fn from_u64(v: u64) -> BigInt {
        let mut b = BigInt {
            blocks: vec![v as u32, (v >> 32) as u32],
        };
        b.trim();
        b
    }
    fn trim(&mut self) {
        while self.blocks.last() == Some(&0) {
            self.blocks.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.blocks.is_empty()
    }
    fn is_even(&self) -> bool {
        self.blocks.first().is_none_or(|b| b & 1 == 0)
    }
    fn pow2(exp: u32) -> BigInt {
        let mut b = BigInt::from_u64(1);
        b.shl(exp);
        b
    }
    fn pow10(exp: u32) -> BigInt {
        let mut b = BigInt::from_u64(1);
        let mut left = exp;
        while left > 0 {
            let step = left.min(9);
            b.mul_small(10u32.pow(step));
            left -= step;
        }
        b
    }
    fn shl(&mut self, bits: u32) {
        if self.is_zero() {
            return;
        }
        let words = (bits / 32) as usize;
        let rest = bits % 32;
        if rest != 0 {
            let mut carry = 0u32;
            for b in self.blocks.iter_mut() {
                let next = *b >> (32 - rest);
                *b = (*b << rest) | carry;
                carry = next;
            }
            if carry != 0 {
                self.blocks.push(carry);
            }
        }
        if words > 0 {
            self.blocks.splice(0..0, std::iter::repeat_n(0, words));
        }
    }
    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for b in self.blocks.iter_mut() {
            let prod = u64::from(*b) * u64::from(m) + carry;
            *b = prod as u32;
            carry = prod >> 32;
        }
        if carry != 0 {
            self.blocks.push(carry as u32);
        }
        self.trim();
    }
    fn mul(&self, other: &BigInt) -> BigInt {
        let mut out = vec![0u32; self.blocks.len() + other.blocks.len()];
        for (i, &a) in self.blocks.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.blocks.iter().enumerate() {
                let cur = u64::from(out[i + j]) + u64::from(a) * u64::from(b) + carry;
                out[i + j] = cur as u32;
                carry = cur >> 32;
            }
            let mut k = i + other.blocks.len();
            while carry != 0 {
                let cur = u64::from(out[k]) + carry;
                out[k] = cur as u32;
                carry = cur >> 32;
                k += 1;
            }
        }
        let mut b = BigInt { blocks: out };
        b.trim();
        b
    }
    fn add(&self, other: &BigInt) -> BigInt {
        let n = self.blocks.len().max(other.blocks.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let a = u64::from(self.blocks.get(i).copied().unwrap_or(0));
            let b = u64::from(other.blocks.get(i).copied().unwrap_or(0));
            let s = a + b + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        BigInt { blocks: out }
    }
    /// `self -= other`; the caller guarantees `self >= other`.
    fn sub_assign(&mut self, other: &BigInt) {
        let mut borrow = 0i64;
        for i in 0..self.blocks.len() {
            let b = i64::from(other.blocks.get(i).copied().unwrap_or(0));
            let mut d = i64::from(self.blocks[i]) - b - borrow;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            } else {
                borrow = 0;
            }
            self.blocks[i] = d as u32;
        }
        self.trim();
    }
    fn cmp(&self, other: &BigInt) -> std::cmp::Ordering {
        self.blocks
            .len()
            .cmp(&other.blocks.len())
            .then_with(|| self.blocks.iter().rev().cmp(other.blocks.iter().rev()))
    }
    /// Divide in place, leaving the remainder; the quotient is known to be below 10.
    fn div_rem_digit(&mut self, divisor: &BigInt) -> u32 {
        let mut q = 0;
        while q < 9 && self.cmp(divisor) != std::cmp::Ordering::Less {
            self.sub_assign(divisor);
            q += 1;
        }
        q
    }
}

// ---------------------------------------------------------------------------------------
// The digit generator.

/// A binary float as `mantissa * 2^exponent`, with the facts Dragon4 needs about it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Decoded {
    negative: bool,
    mantissa: u64,
    exponent: i32,
    /// Index of the highest set mantissa bit.
    mantissa_bit: u32,
    /// The gap to the next float above is twice the gap below (a power of two).
    unequal_margins: bool,
    /// `Some(true)` for infinity, `Some(false)` for NaN.
    special: Option<bool>,
}

fn decode_bits(bits: u64, mant_bits: u32, exp_bits: u32) -> Decoded {
    let mant_mask = (1u64 << mant_bits) - 1;
    let exp_mask = (1u64 << exp_bits) - 1;
    let frac = bits & mant_mask;
    let biased = (bits >> mant_bits) & exp_mask;
    let negative = (bits >> (mant_bits + exp_bits)) & 1 == 1;
    let bias = (1i32 << (exp_bits - 1)) - 1;
    let mut d = Decoded {
        negative,
        mantissa: 0,
        exponent: 0,
        mantissa_bit: 0,
        unequal_margins: false,
        special: None,
    };
    if biased == exp_mask {
        d.special = Some(frac == 0);
    } else if biased != 0 {
        d.mantissa = (1u64 << mant_bits) | frac;
        d.exponent = biased as i32 - bias - mant_bits as i32;
        d.mantissa_bit = mant_bits;
        d.unequal_margins = biased != 1 && frac == 0;
    } else {
        d.mantissa = frac;
        d.exponent = 1 - bias - mant_bits as i32;
        d.mantissa_bit = if frac == 0 {
            0
        } else {
            63 - frac.leading_zeros()
        };
    }
    d
}

/// Split `x` (a value of the float kind `kind`) into its binary parts.
pub(crate) fn decode(x: f64, kind: DTypeKind) -> Decoded {
    match kind {
        DTypeKind::Float16 => decode_bits(u64::from(f16::from_f64(x).to_bits()), 10, 5),
        DTypeKind::Float32 | DTypeKind::Complex64 => {
            decode_bits(u64::from((x as f32).to_bits()), 23, 8)
        }
        _ => decode_bits(x.to_bits(), 52, 11),
    }
}

/// The digits of a value and the base-10 exponent of the first one.
struct Digits {
    digits: Vec<u8>,
    exponent: i64,
}

/// Generate decimal digits of `mantissa * 2^exponent`.
///
/// `cutoff_max`/`cutoff_min` count fraction digits (`fractional`) or all digits.
fn dragon4(
    d: &Decoded,
    unique: bool,
    fractional: bool,
    cutoff_max: Option<usize>,
    cutoff_min: Option<usize>,
    buffer_size: i64,
) -> Digits {
    if d.mantissa == 0 {
        return Digits {
            digits: vec![b'0'],
            exponent: 0,
        };
    }
    let mantissa = BigInt::from_u64(d.mantissa);
    let is_even = mantissa.is_even();
    let exponent = d.exponent;
    let mut scaled_value = mantissa;
    let mut scale;
    let mut margin_low;
    // The value, its margins and the scale are kept as integers:
    // value = scaled_value / scale, margins = margin / scale.
    let margin_factor: u32 = if d.unequal_margins { 2 } else { 1 };
    if d.unequal_margins {
        if exponent > 0 {
            scaled_value.shl(exponent as u32 + 2);
            scale = BigInt::from_u64(4);
            margin_low = BigInt::pow2(exponent as u32);
        } else {
            scaled_value.shl(2);
            scale = BigInt::pow2((-exponent) as u32 + 2);
            margin_low = BigInt::from_u64(1);
        }
    } else if exponent > 0 {
        scaled_value.shl(exponent as u32 + 1);
        scale = BigInt::from_u64(2);
        margin_low = BigInt::pow2(exponent as u32);
    } else {
        scaled_value.shl(1);
        scale = BigInt::pow2((-exponent) as u32 + 1);
        margin_low = BigInt::from_u64(1);
    }

    // An estimate of floor(log10(v)) + 1 that is exact or one too low.
    let mut digit_exponent =
        ((f64::from(d.mantissa_bit as i32 + exponent)) * std::f64::consts::LOG10_2 - 0.69).ceil()
            as i64;
    if let (Some(cmax), true) = (cutoff_max, fractional) {
        let cmax = cmax as i64;
        if digit_exponent <= -cmax {
            digit_exponent = -cmax + 1;
        }
    }
    if digit_exponent > 0 {
        scale = scale.mul(&BigInt::pow10(digit_exponent as u32));
    } else if digit_exponent < 0 {
        let p = BigInt::pow10((-digit_exponent) as u32);
        scaled_value = scaled_value.mul(&p);
        margin_low = margin_low.mul(&p);
    }
    if scaled_value.cmp(&scale) != std::cmp::Ordering::Less {
        digit_exponent += 1;
    } else {
        scaled_value.mul_small(10);
        margin_low.mul_small(10);
    }

    let mut cutoff_max_exp = digit_exponent - buffer_size;
    if let Some(cmax) = cutoff_max {
        let want = if fractional {
            -(cmax as i64)
        } else {
            digit_exponent - cmax as i64
        };
        cutoff_max_exp = cutoff_max_exp.max(want);
    }
    let mut cutoff_min_exp = digit_exponent;
    if let Some(cmin) = cutoff_min {
        let want = if fractional {
            -(cmin as i64)
        } else {
            digit_exponent - cmin as i64
        };
        cutoff_min_exp = cutoff_min_exp.min(want);
    }
    let first_exponent = digit_exponent - 1;

    let mut out: Vec<u8> = Vec::new();
    let mut low = false;
    let mut high = false;
    let mut digit;
    if unique {
        loop {
            digit_exponent -= 1;
            digit = scaled_value.div_rem_digit(&scale);
            let mut margin_high = margin_low.clone();
            if margin_factor == 2 {
                margin_high.shl(1);
            }
            let value_high = scaled_value.add(&margin_high);
            let c = scaled_value.cmp(&margin_low);
            low = if is_even { c.is_le() } else { c.is_lt() };
            let c = value_high.cmp(&scale);
            high = if is_even { c.is_ge() } else { c.is_gt() };
            if ((low || high) && digit_exponent <= cutoff_min_exp)
                || digit_exponent == cutoff_max_exp
            {
                break;
            }
            out.push(b'0' + digit as u8);
            scaled_value.mul_small(10);
            margin_low.mul_small(10);
        }
    } else {
        loop {
            digit_exponent -= 1;
            digit = scaled_value.div_rem_digit(&scale);
            if scaled_value.is_zero() || digit_exponent == cutoff_max_exp {
                break;
            }
            out.push(b'0' + digit as u8);
            scaled_value.mul_small(10);
        }
    }

    let mut round_down = low;
    if low == high {
        scaled_value.mul_small(2);
        match scaled_value.cmp(&scale) {
            std::cmp::Ordering::Less => round_down = true,
            std::cmp::Ordering::Greater => round_down = false,
            std::cmp::Ordering::Equal => round_down = digit & 1 == 0,
        }
    }
    let mut exponent_out = first_exponent;
    if round_down {
        out.push(b'0' + digit as u8);
    } else if digit == 9 {
        // Carry into the earlier digits; all nines become a single 1 one place up.
        loop {
            match out.pop() {
                None => {
                    out.push(b'1');
                    exponent_out += 1;
                    break;
                }
                Some(b'9') => continue,
                Some(c) => {
                    out.push(c + 1);
                    break;
                }
            }
        }
    } else {
        out.push(b'0' + digit as u8 + 1);
    }
    Digits {
        digits: out,
        exponent: exponent_out,
    }
}

// ---------------------------------------------------------------------------------------
// Layouts.

fn push_spaces(s: &mut String, n: usize) {
    s.extend(std::iter::repeat_n(' ', n));
}

fn inf_nan(d: &Decoded, sign_char: Option<char>) -> Option<String> {
    match d.special {
        Some(true) => {
            let mut s = String::new();
            if let Some(c) = sign_char {
                s.push(c);
            }
            s.push_str("inf");
            Some(s)
        }
        Some(false) => Some("nan".to_string()),
        None => None,
    }
}

fn sign_char(d: &Decoded, sign: bool) -> Option<char> {
    if d.negative {
        Some('-')
    } else if sign {
        Some('+')
    } else {
        None
    }
}

/// `ddd.ddd` layout of a decoded value.
pub(crate) fn positional(d: &Decoded, o: &Dragon4Options) -> String {
    let sc = sign_char(d, o.sign);
    if let Some(s) = inf_nan(d, sc) {
        return s;
    }
    let has_sign = usize::from(sc.is_some());
    let mut s = String::new();
    if let Some(c) = sc {
        s.push(c);
    }
    let precision = if o.unique {
        o.precision
    } else {
        o.precision.or(Some(0))
    };
    let digits = dragon4(
        d,
        o.unique,
        o.fractional,
        precision,
        o.min_digits,
        BUFFER_SIZE - 1 - has_sign as i64,
    );
    let ds = &digits.digits;
    let whole;
    let mut frac: usize;
    if digits.exponent >= 0 {
        whole = digits.exponent as usize + 1;
        if ds.len() <= whole {
            s.extend(ds.iter().map(|&b| b as char));
            push_zeros(&mut s, whole - ds.len());
            frac = 0;
        } else {
            s.extend(ds[..whole].iter().map(|&b| b as char));
            s.push('.');
            s.extend(ds[whole..].iter().map(|&b| b as char));
            frac = ds.len() - whole;
        }
    } else {
        let zeros = (-(digits.exponent + 1)) as usize;
        s.push_str("0.");
        push_zeros(&mut s, zeros);
        s.extend(ds.iter().map(|&b| b as char));
        frac = zeros + ds.len();
        whole = 1;
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        s.push('.');
    }
    let add_digits: i64 = if o.unique {
        opt_i64(o.min_digits)
    } else {
        opt_i64(precision)
    };
    let desired: i64 = if o.fractional {
        add_digits.max(0)
    } else {
        add_digits - whole as i64
    };
    match o.trim {
        Trim::LeaveOneZero if frac == 0 => {
            s.push('0');
            frac += 1;
        }
        Trim::Keep if desired > frac as i64 => {
            let count = (desired - frac as i64) as usize;
            push_zeros(&mut s, count);
            frac += count;
        }
        _ => {}
    }
    if o.trim != Trim::Keep && frac > 0 {
        while s.ends_with('0') {
            s.pop();
            frac -= 1;
        }
        if s.ends_with('.') {
            match o.trim {
                Trim::LeaveOneZero => {
                    s.push('0');
                    frac += 1;
                }
                Trim::DptZeros => {
                    s.pop();
                }
                _ => {}
            }
        }
    }
    if let Some(right) = o.pad_right {
        if right >= frac {
            if o.trim == Trim::DptZeros && frac == 0 {
                s.push(' ');
            }
            push_spaces(&mut s, right - frac);
        }
    }
    if let Some(left) = o.pad_left {
        if left > whole + has_sign {
            let mut padded = String::with_capacity(s.len() + left);
            push_spaces(&mut padded, left - whole - has_sign);
            padded.push_str(&s);
            s = padded;
        }
    }
    s
}

/// `d.ddde+xx` layout of a decoded value.
pub(crate) fn scientific(d: &Decoded, o: &Dragon4Options) -> String {
    let sc = sign_char(d, o.sign);
    if let Some(s) = inf_nan(d, sc) {
        return s;
    }
    let mut s = String::new();
    let left_chars = 1 + usize::from(sc.is_some());
    if let Some(left) = o.pad_left {
        if left > left_chars {
            push_spaces(&mut s, left - left_chars);
        }
    }
    if let Some(c) = sc {
        s.push(c);
    }
    let precision = if o.unique {
        o.precision
    } else {
        o.precision.or(Some(0))
    };
    let digits = dragon4(
        d,
        o.unique,
        false,
        precision.map(|p| p + 1),
        o.min_digits.map(|m| m + 1),
        BUFFER_SIZE - s.len() as i64,
    );
    let ds = &digits.digits;
    s.push(ds[0] as char);
    let mut frac = ds.len() - 1;
    if frac > 0 {
        s.push('.');
        s.extend(ds[1..].iter().map(|&b| b as char));
    }
    if o.trim != Trim::DptZeros && frac == 0 {
        s.push('.');
    }
    let add_digits = (if o.unique {
        opt_i64(o.min_digits)
    } else {
        opt_i64(precision)
    })
    .max(0) as usize;
    match o.trim {
        Trim::LeaveOneZero if frac == 0 => {
            s.push('0');
            frac += 1;
        }
        Trim::Keep if add_digits > frac => {
            push_zeros(&mut s, add_digits - frac);
            frac = add_digits;
        }
        _ => {}
    }
    if o.trim != Trim::Keep && frac > 0 {
        while s.ends_with('0') {
            s.pop();
        }
        if o.trim == Trim::LeaveOneZero && s.ends_with('.') {
            s.push('0');
        }
    }
    let exp_digits = o.exp_digits.unwrap_or(2).min(5);
    let e = digits.exponent;
    s.push('e');
    s.push(if e >= 0 { '+' } else { '-' });
    let text = if e == 0 {
        String::new()
    } else {
        e.unsigned_abs().to_string()
    };
    push_zeros(&mut s, exp_digits.saturating_sub(text.len()));
    s.push_str(&text);
    s
}

fn push_zeros(s: &mut String, n: usize) {
    s.extend(std::iter::repeat_n('0', n));
}

fn opt_i64(v: Option<usize>) -> i64 {
    v.map_or(-1, |v| v as i64)
}

/// Positional text of `x` read as a value of float kind `kind`.
pub(crate) fn positional_of(x: f64, kind: DTypeKind, o: &Dragon4Options) -> String {
    positional(&decode(x, kind), o)
}

/// Scientific text of `x` read as a value of float kind `kind`.
pub(crate) fn scientific_of(x: f64, kind: DTypeKind, o: &Dragon4Options) -> String {
    scientific(&decode(x, kind), o)
}
