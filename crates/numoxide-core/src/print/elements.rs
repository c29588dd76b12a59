//! Element formatters: given every value an array will show, decide one common width and
//! notation, then render each value (NumPy's `FloatingFormat`, `ComplexFloatingFormat`,
//! `IntegerFormat` and `BoolFormat`).

use super::dragon4::{self, Dragon4Options, Trim};
use super::{FloatMode, PrintOptions, Sign};
use crate::dtype::DTypeKind;
use crate::element::f16;

/// The values an array shows, widened to one Rust type per dtype family.
#[derive(Clone, Debug)]
pub(crate) enum Values {
    /// `bool`.
    Bool(Vec<bool>),
    /// Every integer kind (`i128` holds both `int64` and `uint64`).
    Int(Vec<i128>),
    /// float16/32/64 values (exactly widened), tagged with their kind.
    Float(Vec<f64>, DTypeKind),
    /// complex64/128 values as (real, imag), tagged with the kind of the parts.
    Complex(Vec<(f64, f64)>, DTypeKind),
}

impl Values {
    /// An empty list of the family of `kind`.
    pub(crate) fn empty(kind: DTypeKind) -> Values {
        if kind == DTypeKind::Bool {
            Values::Bool(Vec::new())
        } else if kind.is_integer() {
            Values::Int(Vec::new())
        } else if kind.is_complex() {
            Values::Complex(Vec::new(), kind.real_kind())
        } else {
            Values::Float(Vec::new(), kind)
        }
    }

    /// Element `i` as a scalar of `kind` (the kind the values were read from).
    pub(crate) fn scalar_at(&self, i: usize, kind: DTypeKind) -> crate::Scalar {
        use crate::Scalar as S;
        let s = match self {
            Values::Bool(v) => S::Bool(v.get(i).copied().unwrap_or(false)),
            Values::Int(v) => {
                let x = v.get(i).copied().unwrap_or(0);
                match i64::try_from(x) {
                    Ok(x) => S::Int64(x),
                    Err(_) => S::UInt64(u64::try_from(x).unwrap_or(u64::MAX)),
                }
            }
            Values::Float(v, _) => S::Float64(v.get(i).copied().unwrap_or(0.0)),
            Values::Complex(v, _) => {
                let (re, im) = v.get(i).copied().unwrap_or((0.0, 0.0));
                S::Complex128(crate::element::Complex::new(re, im))
            }
        };
        s.cast(kind)
    }

    /// Append one scalar (already of this family).
    pub(crate) fn push(&mut self, s: crate::Scalar) {
        match self {
            Values::Bool(v) => v.push(s.to::<bool>()),
            Values::Int(v) => v.push(scalar_to_i128(s)),
            Values::Float(v, _) => v.push(s.as_f64()),
            Values::Complex(v, _) => {
                let c = s.as_complex();
                v.push((c.re, c.im));
            }
        }
    }
}

/// The integer value of an integer scalar, lossless for every kind.
pub(crate) fn scalar_to_i128(s: crate::Scalar) -> i128 {
    if s.kind().is_unsigned_integer() {
        i128::from(s.to::<u64>())
    } else {
        i128::from(s.to::<i64>())
    }
}

/// Characters in `s` (Python's `len` of a str).
pub(crate) fn width(s: &str) -> usize {
    s.chars().count()
}

/// Round `x` to the float kind `kind` (how NumPy compares a Python float to an element).
fn round_to_kind(x: f64, kind: DTypeKind) -> f64 {
    match kind {
        DTypeKind::Float16 => f16::from_f64(x).to_f64(),
        DTypeKind::Float32 => f64::from(x as f32),
        _ => x,
    }
}

/// `np.finfo(kind).precision`.
fn finfo_precision(kind: DTypeKind) -> i32 {
    match kind {
        DTypeKind::Float16 => 3,
        DTypeKind::Float32 => 6,
        _ => 15,
    }
}

/// The common layout of a column of floats.
#[derive(Clone, Debug)]
pub(crate) struct FloatFormat {
    kind: DTypeKind,
    exp_format: bool,
    pad_left: usize,
    pad_right: usize,
    precision: Option<usize>,
    min_digits: Option<usize>,
    unique: bool,
    trim: Trim,
    exp_size: Option<usize>,
    sign: Sign,
    nanstr: String,
    infstr: String,
}

impl FloatFormat {
    /// Measure `data` (values of float kind `kind`) under the options.
    pub(crate) fn new(data: &[f64], kind: DTypeKind, o: &PrintOptions, sign: Sign) -> Self {
        let mut f = FloatFormat {
            kind,
            exp_format: false,
            pad_left: 0,
            pad_right: 0,
            precision: if o.floatmode == FloatMode::Unique {
                None
            } else {
                Some(o.precision)
            },
            min_digits: None,
            unique: true,
            trim: Trim::Zeros,
            exp_size: None,
            sign,
            nanstr: o.nanstr.clone(),
            infstr: o.infstr.clone(),
        };
        f.fill(data, o);
        f
    }

    fn fill(&mut self, data: &[f64], o: &PrintOptions) {
        let kind = self.kind;
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let mut max_val = f64::NEG_INFINITY;
        let mut min_val = f64::INFINITY;
        for x in finite.iter().filter(|x| **x != 0.0) {
            max_val = max_val.max(x.abs());
            min_val = min_val.min(x.abs());
        }
        if max_val.is_finite() {
            let cutoff = 10f64.powi(finfo_precision(kind).min(8));
            let ratio = round_to_kind(max_val / min_val, kind);
            if max_val >= cutoff
                || (!o.suppress && (min_val < round_to_kind(1e-4, kind) || ratio > 1000.0))
            {
                self.exp_format = true;
            }
        }
        let plus = self.sign == Sign::Plus;
        let (trim, unique) = if o.floatmode == FloatMode::Fixed {
            (Trim::Keep, false)
        } else {
            (Trim::Zeros, true)
        };
        if finite.is_empty() {
            self.pad_left = 0;
            self.pad_right = 0;
            self.trim = Trim::Zeros;
            self.exp_size = None;
            self.unique = true;
            self.min_digits = None;
        } else if self.exp_format {
            let opts = Dragon4Options {
                unique,
                precision: self.precision,
                trim,
                sign: plus,
                ..Default::default()
            };
            let (mut int_len, mut frac_len, mut exp_len) = (0, 0, 0);
            for &x in &finite {
                let s = dragon4::scientific_of(x, kind, &opts);
                let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), ""));
                let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
                int_len = int_len.max(width(int));
                frac_len = frac_len.max(width(frac));
                exp_len = exp_len.max(width(exp));
            }
            let exp_size = exp_len.saturating_sub(1);
            self.exp_size = Some(exp_size);
            self.trim = Trim::Keep;
            self.precision = Some(frac_len);
            self.min_digits = Some(frac_len);
            self.unique = unique;
            self.pad_left = int_len;
            self.pad_right = exp_size + 2 + frac_len;
        } else {
            let opts = Dragon4Options {
                unique,
                fractional: true,
                precision: self.precision,
                trim,
                sign: plus,
                ..Default::default()
            };
            let (mut int_len, mut frac_len) = (0, 0);
            for &x in &finite {
                let s = dragon4::positional_of(x, kind, &opts);
                let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
                int_len = int_len.max(width(int));
                frac_len = frac_len.max(width(frac));
            }
            self.pad_left = int_len;
            self.pad_right = frac_len;
            self.exp_size = None;
            self.unique = unique;
            if matches!(o.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                self.precision = Some(frac_len);
                self.min_digits = Some(frac_len);
                self.trim = Trim::Keep;
            } else {
                self.trim = Trim::Zeros;
                self.min_digits = Some(0);
            }
        }
        if self.sign == Sign::Space && !finite.iter().any(|x| x.is_sign_negative()) {
            self.pad_left += 1;
        }
        if data.len() != finite.len() {
            let neginf =
                self.sign != Sign::Minus || data.iter().any(|x| x.is_infinite() && *x < 0.0);
            let offset = self.pad_right as i64 + 1;
            let nan_need = width(&self.nanstr) as i64 - offset;
            let inf_need = width(&self.infstr) as i64 + i64::from(neginf) - offset;
            let need = nan_need.max(inf_need).max(self.pad_left as i64);
            self.pad_left = need as usize;
        }
    }

    /// Render one value.
    pub(crate) fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let mut ret = String::new();
            if x.is_nan() {
                if self.sign == Sign::Plus {
                    ret.push('+');
                }
                ret.push_str(&self.nanstr);
            } else {
                if x < 0.0 {
                    ret.push('-');
                } else if self.sign == Sign::Plus {
                    ret.push('+');
                }
                ret.push_str(&self.infstr);
            }
            let total = self.pad_left + self.pad_right + 1;
            let pad = total.saturating_sub(width(&ret));
            return " ".repeat(pad) + &ret;
        }
        let opts = Dragon4Options {
            unique: self.unique,
            fractional: true,
            precision: self.precision,
            min_digits: self.min_digits,
            sign: self.sign == Sign::Plus,
            trim: self.trim,
            pad_left: Some(self.pad_left),
            pad_right: if self.exp_format {
                None
            } else {
                Some(self.pad_right)
            },
            exp_digits: self.exp_size,
        };
        if self.exp_format {
            dragon4::scientific_of(x, self.kind, &opts)
        } else {
            dragon4::positional_of(x, self.kind, &opts)
        }
    }
}

/// How every element of one array is rendered.
#[derive(Clone, Debug)]
pub(crate) enum ElementFormat {
    /// `True`/`False`, the former padded to five characters except in 0-d arrays.
    Bool { true_str: &'static str },
    /// Right-aligned integers in a common width, with the sign rule.
    Int { sign: Sign, width: usize },
    /// Floats.
    Float(Box<FloatFormat>),
    /// Real and imaginary parts, each with its own layout.
    Complex(Box<FloatFormat>, Box<FloatFormat>),
}

impl ElementFormat {
    /// Measure `values`; `zero_d` is true for 0-d arrays.
    pub(crate) fn new(values: &Values, zero_d: bool, o: &PrintOptions) -> Self {
        match values {
            Values::Bool(_) => ElementFormat::Bool {
                true_str: if zero_d { "True" } else { " True" },
            },
            Values::Int(v) => {
                let (Some(&max), Some(&min)) = (v.iter().max(), v.iter().min()) else {
                    return ElementFormat::Int {
                        sign: o.sign,
                        width: 0,
                    };
                };
                let mut sign = o.sign;
                let mut max_len = max.to_string().len();
                if sign == Sign::Space && min < 0 {
                    sign = Sign::Minus;
                }
                if max >= 0 && sign != Sign::Minus {
                    max_len += 1;
                }
                ElementFormat::Int {
                    sign,
                    width: max_len.max(min.to_string().len()),
                }
            }
            Values::Float(v, kind) => {
                ElementFormat::Float(Box::new(FloatFormat::new(v, *kind, o, o.sign)))
            }
            Values::Complex(v, kind) => {
                let re: Vec<f64> = v.iter().map(|c| c.0).collect();
                let im: Vec<f64> = v.iter().map(|c| c.1).collect();
                ElementFormat::Complex(
                    Box::new(FloatFormat::new(&re, *kind, o, o.sign)),
                    Box::new(FloatFormat::new(&im, *kind, o, Sign::Plus)),
                )
            }
        }
    }

    /// Render element `i` of `values` (which this format was measured on).
    pub(crate) fn format(&self, values: &Values, i: usize) -> String {
        match (self, values) {
            (ElementFormat::Bool { true_str }, Values::Bool(v)) => {
                if v.get(i).copied().unwrap_or(false) {
                    (*true_str).to_string()
                } else {
                    "False".to_string()
                }
            }
            (ElementFormat::Int { sign, width }, Values::Int(v)) => {
                let x = v.get(i).copied().unwrap_or(0);
                let text = match sign {
                    Sign::Plus if x >= 0 => format!("+{x}"),
                    Sign::Space if x >= 0 => format!(" {x}"),
                    _ => x.to_string(),
                };
                format!("{text:>width$}")
            }
            (ElementFormat::Float(f), Values::Float(v, _)) => {
                f.format(v.get(i).copied().unwrap_or(0.0))
            }
            (ElementFormat::Complex(r, im), Values::Complex(v, _)) => {
                let (re, imag) = v.get(i).copied().unwrap_or((0.0, 0.0));
                let rs = r.format(re);
                let is = im.format(imag);
                let cut = is.trim_end().len();
                format!("{rs}{}j{}", &is[..cut], &is[cut..])
            }
            _ => String::new(),
        }
    }
}
