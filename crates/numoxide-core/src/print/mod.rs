//! NumPy 2's text forms of arrays and scalars: `repr`, `str`, `array2string`,
//! `format_float_positional`/`format_float_scientific` and the print options.
//!
//! The output is byte-identical to NumPy's: floats go through the same Dragon4 digit
//! rules ([`dragon4`]), a column of values shares one width and notation
//! ([`elements`]), and n-d arrays nest, wrap and summarize as NumPy's `_formatArray`
//! does ([`layout`]).

mod dragon4;
mod elements;
mod layout;
#[cfg(test)]
mod tests;

use std::sync::RwLock;

use crate::array::NdArray;
use crate::dtype::{DType, DTypeKind};
use crate::scalar::Scalar;
use dragon4::{Dragon4Options, Trim};
use elements::{ElementFormat, Values};
use layout::{Grid, Layout};

/// How many digits floats get (`floatmode=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatMode {
    /// Always exactly `precision` fractional digits.
    Fixed,
    /// The shortest digits that round-trip, ignoring `precision`.
    Unique,
    /// At most `precision` digits, fewer when fewer round-trip (the default).
    MaxPrec,
    /// At most `precision` digits, the same count for every element.
    MaxPrecEqual,
}

impl FloatMode {
    /// NumPy's name: `'fixed'`, `'unique'`, `'maxprec'`, `'maxprec_equal'`.
    pub fn name(self) -> &'static str {
        match self {
            FloatMode::Fixed => "fixed",
            FloatMode::Unique => "unique",
            FloatMode::MaxPrec => "maxprec",
            FloatMode::MaxPrecEqual => "maxprec_equal",
        }
    }
    /// Parse NumPy's name.
    pub fn parse(name: &str) -> Option<FloatMode> {
        match name {
            "fixed" => Some(FloatMode::Fixed),
            "unique" => Some(FloatMode::Unique),
            "maxprec" => Some(FloatMode::MaxPrec),
            "maxprec_equal" => Some(FloatMode::MaxPrecEqual),
            _ => None,
        }
    }
}

/// What positive numbers get in the sign position (`sign=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `'-'`: nothing.
    Minus,
    /// `'+'`: a plus sign.
    Plus,
    /// `' '`: a space.
    Space,
}

impl Sign {
    /// NumPy's character for the mode.
    pub fn as_char(self) -> char {
        match self {
            Sign::Minus => '-',
            Sign::Plus => '+',
            Sign::Space => ' ',
        }
    }
    /// Parse NumPy's character.
    pub fn parse(c: &str) -> Option<Sign> {
        match c {
            "-" => Some(Sign::Minus),
            "+" => Some(Sign::Plus),
            " " => Some(Sign::Space),
            _ => None,
        }
    }
}

/// NumPy's print options (`np.set_printoptions`).
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    /// Digits after the point for floats (8).
    pub precision: usize,
    /// Arrays with more elements than this are summarized (1000).
    pub threshold: usize,
    /// Items shown at each edge of a summarized axis (3).
    pub edgeitems: usize,
    /// Characters per line (75).
    pub linewidth: usize,
    /// Never switch to scientific notation for small values (false).
    pub suppress: bool,
    /// Text of NaN (`"nan"`).
    pub nanstr: String,
    /// Text of infinity (`"inf"`).
    pub infstr: String,
    /// Sign of positive values.
    pub sign: Sign,
    /// Digit count rule for floats.
    pub floatmode: FloatMode,
    /// The `legacy=` value as given; printing always follows current NumPy.
    pub legacy: Option<String>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: "nan".to_string(),
            infstr: "inf".to_string(),
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
            legacy: None,
        }
    }
}

static OPTIONS: RwLock<Option<PrintOptions>> = RwLock::new(None);

/// The process-wide print options.
pub fn get_printoptions() -> PrintOptions {
    let guard = OPTIONS.read().unwrap_or_else(|e| e.into_inner());
    guard.clone().unwrap_or_default()
}

/// Replace the process-wide print options.
pub fn set_printoptions(o: PrintOptions) {
    let mut guard = OPTIONS.write().unwrap_or_else(|e| e.into_inner());
    *guard = Some(o);
}

// ---------------------------------------------------------------------------------------
// Reading the elements.

/// The values of every element of `a`, in C order.
fn all_values(a: &NdArray) -> Values {
    let kind = a.kind();
    if kind == DTypeKind::Bool {
        Values::Bool(a.to_vec::<bool>())
    } else if kind.is_unsigned_integer() {
        Values::Int(a.to_vec::<u64>().into_iter().map(i128::from).collect())
    } else if kind.is_integer() {
        Values::Int(a.to_vec::<i64>().into_iter().map(i128::from).collect())
    } else if kind.is_complex() {
        let v = a.to_vec::<crate::element::Complex128>();
        Values::Complex(
            v.into_iter().map(|c| (c.re, c.im)).collect(),
            kind.real_kind(),
        )
    } else {
        Values::Float(a.to_vec::<f64>(), kind)
    }
}

/// Read the elements `a` shows: all of them, or with `summarize` only the `edge`
/// leading and trailing indices of each long axis (NumPy's `_leading_trailing`).
fn read_grid(a: &NdArray, summarize: bool, edge: usize) -> Grid {
    let shape = a.shape().to_vec();
    if !summarize {
        return Grid {
            kept: shape.clone(),
            shape,
            values: all_values(a),
        };
    }
    let picks: Vec<Vec<usize>> = shape
        .iter()
        .map(|&n| {
            if n > 2 * edge {
                // `a[:edge]` then `a[-edge:]`; with edge 0 the latter is the whole axis.
                let tail_start = if edge == 0 { 0 } else { n - edge };
                (0..edge).chain(tail_start..n).collect()
            } else {
                (0..n).collect()
            }
        })
        .collect();
    let kept: Vec<usize> = picks.iter().map(Vec::len).collect();
    let mut values = Values::empty(a.kind());
    let total: usize = kept.iter().product();
    let mut counter = vec![0usize; shape.len()];
    let mut index = vec![0isize; shape.len()];
    for _ in 0..total {
        for (ax, &c) in counter.iter().enumerate() {
            index[ax] = picks[ax][c] as isize;
        }
        if let Ok(s) = a.get(&index) {
            values.push(s);
        }
        for ax in (0..shape.len()).rev() {
            counter[ax] += 1;
            if counter[ax] < kept[ax] {
                break;
            }
            counter[ax] = 0;
        }
    }
    Grid {
        shape,
        kept,
        values,
    }
}

// ---------------------------------------------------------------------------------------
// Arrays.

/// A user element formatter (NumPy's `formatter=` entry chosen for the array's dtype):
/// it replaces the built-in rendering of every element, padding included.
pub type Formatter<'a> = &'a dyn Fn(Scalar) -> String;

/// `np.array2string(a, separator=..., prefix=..., suffix=...)` under options `o`.
///
/// `prefix` only sets the indent of continuation lines and `suffix` only shortens the
/// line width; neither is part of the result, as in NumPy.
pub fn array2string(
    a: &NdArray,
    o: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    array2string_with(a, o, separator, prefix, suffix, None)
}

/// [`array2string`] with an optional user element formatter.
pub fn array2string_with(
    a: &NdArray,
    o: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
    formatter: Option<Formatter<'_>>,
) -> String {
    let line_width = o.linewidth as i64 - elements::width(suffix) as i64;
    if a.size() == 0 {
        return "[]".to_string();
    }
    let summarize = a.size() > o.threshold;
    let grid = read_grid(a, summarize, o.edgeitems);
    let kind = a.kind();
    let builtin;
    let render: Box<dyn Fn(usize) -> String + '_> = match formatter {
        Some(f) => {
            let values = &grid.values;
            Box::new(move |i| f(values.scalar_at(i, kind)))
        }
        None => {
            builtin = ElementFormat::new(&grid.values, a.ndim() == 0, o);
            let (fmt, values) = (&builtin, &grid.values);
            Box::new(move |i| fmt.format(values, i))
        }
    };
    let layout = Layout {
        grid: &grid,
        format: &*render,
        separator,
        edge_items: o.edgeitems,
        summarize,
    };
    let next_line_prefix = " ".repeat(1 + elements::width(prefix));
    layout.render(line_width, &next_line_prefix)
}

/// `str(a)`: `[1. 2.]`; a 0-d array prints as its scalar.
pub fn array_str(a: &NdArray, o: &PrintOptions) -> String {
    array_str_with(a, o, None)
}

/// [`array_str`] with an optional user element formatter.
pub fn array_str_with(a: &NdArray, o: &PrintOptions, formatter: Option<Formatter<'_>>) -> String {
    if a.ndim() == 0 {
        if let Ok(s) = a.item() {
            return scalar_str(s);
        }
    }
    array2string_with(a, o, " ", "", "", formatter)
}

/// Whether `repr` can leave out `dtype=` (NumPy's `dtype_is_implied`).
fn dtype_is_implied(d: &DType) -> bool {
    d.is_native()
        && matches!(
            d.kind(),
            DTypeKind::Int64 | DTypeKind::Float64 | DTypeKind::Complex128 | DTypeKind::Bool
        )
}

/// The `dtype=` text of `repr`: `int8`, or `'>i4'` for a non-native byte order.
fn dtype_short_repr(d: &DType) -> String {
    if d.is_native() || d.itemsize() == 1 {
        d.name().to_string()
    } else {
        format!("'{}'", d.str())
    }
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 0)`.
fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".to_string(),
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// `repr(a)`: `array([1., 2.])`, `array([1, 2], dtype=int8)`,
/// `array([], shape=(0, 3), dtype=float64)`.
pub fn array_repr(a: &NdArray, o: &PrintOptions) -> String {
    array_repr_with(a, o, None)
}

/// [`array_repr`] with an optional user element formatter.
pub fn array_repr_with(a: &NdArray, o: &PrintOptions, formatter: Option<Formatter<'_>>) -> String {
    array_repr_named(a, o, formatter, "array")
}

/// [`array_repr_with`] under another class name (`name(...)`), as NumPy prints an
/// instance of an ndarray subclass.
pub fn array_repr_named(
    a: &NdArray,
    o: &PrintOptions,
    formatter: Option<Formatter<'_>>,
    name: &str,
) -> String {
    let prefix = format!("{name}(");
    let prefix = prefix.as_str();
    let body = array2string_with(a, o, ", ", prefix, ")", formatter);
    let mut extras = Vec::new();
    if (a.size() == 0 && a.shape() != [0]) || a.size() > o.threshold {
        extras.push(format!("shape={}", shape_repr(a.shape())));
    }
    if !dtype_is_implied(a.dtype()) || a.size() == 0 {
        extras.push(format!("dtype={}", dtype_short_repr(a.dtype())));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let arr_str = format!("{prefix}{body},");
    let extra_str = format!("{})", extras.join(", "));
    let last_line = arr_str.rsplit('\n').next().unwrap_or("");
    let last_len = elements::width(last_line);
    let spacer = if last_len + elements::width(&extra_str) + 1 > o.linewidth {
        format!("\n{}", " ".repeat(prefix.len()))
    } else {
        " ".to_string()
    };
    format!("{arr_str}{spacer}{extra_str}")
}

// ---------------------------------------------------------------------------------------
// Scalars.

/// The text of a float scalar: positional inside `[1e-4, max_positional)`, else
/// scientific, with the shortest round-trip digits of its own precision.
fn float_scalar_text(x: f64, kind: DTypeKind, sign: bool) -> String {
    let max_positional = match kind {
        DTypeKind::Float16 => 1e3,
        DTypeKind::Float32 => 1e6,
        _ => 1e16,
    };
    let a = x.abs();
    let positional = x.is_nan() || x == 0.0 || (a < max_positional && a >= 1e-4);
    if positional {
        let o = Dragon4Options {
            trim: Trim::LeaveOneZero,
            sign,
            ..Default::default()
        };
        dragon4::positional_of(x, kind, &o)
    } else {
        let o = Dragon4Options {
            trim: Trim::DptZeros,
            sign,
            ..Default::default()
        };
        dragon4::scientific_of(x, kind, &o)
    }
}

/// The same for one part of a complex scalar (trailing `.0` dropped).
fn complex_part_text(x: f64, kind: DTypeKind, sign: bool) -> String {
    let max_positional = if kind == DTypeKind::Float32 {
        1e6
    } else {
        1e16
    };
    let a = x.abs();
    let positional = x.is_nan() || x == 0.0 || (a < max_positional && a >= 1e-4);
    let o = Dragon4Options {
        trim: Trim::DptZeros,
        sign,
        ..Default::default()
    };
    if positional {
        dragon4::positional_of(x, kind, &o)
    } else {
        dragon4::scientific_of(x, kind, &o)
    }
}

/// `str` of a complex scalar, without the `np.complex128(...)` wrapper.
fn complex_scalar_text(re: f64, im: f64, kind: DTypeKind) -> (String, bool) {
    if re == 0.0 && !re.is_sign_negative() {
        return (format!("{}j", complex_part_text(im, kind, false)), false);
    }
    let rs = if re.is_finite() {
        complex_part_text(re, kind, false)
    } else if re.is_nan() {
        "nan".to_string()
    } else if re > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    };
    let is = if im.is_finite() {
        complex_part_text(im, kind, true)
    } else if im.is_nan() {
        "+nan".to_string()
    } else if im > 0.0 {
        "+inf".to_string()
    } else {
        "-inf".to_string()
    };
    (format!("{rs}{is}j"), true)
}

/// `str(scalar)`: `1.5`, `3`, `True`, `(1+2j)`.
pub fn scalar_str(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => if b { "True" } else { "False" }.to_string(),
        Scalar::Float16(_) | Scalar::Float32(_) | Scalar::Float64(_) => {
            float_scalar_text(s.as_f64(), s.kind(), false)
        }
        Scalar::Complex64(_) | Scalar::Complex128(_) => {
            let c = s.as_complex();
            let (text, paren) = complex_scalar_text(c.re, c.im, s.kind().real_kind());
            if paren {
                format!("({text})")
            } else {
                text
            }
        }
        _ => elements::scalar_to_i128(s).to_string(),
    }
}

/// `repr(scalar)`: `np.float64(1.5)`, `np.int64(3)`, `np.True_`, `np.complex128(1+2j)`.
pub fn scalar_repr(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => if b { "np.True_" } else { "np.False_" }.to_string(),
        Scalar::Complex64(_) | Scalar::Complex128(_) => {
            let c = s.as_complex();
            let (text, _) = complex_scalar_text(c.re, c.im, s.kind().real_kind());
            format!("np.{}({text})", s.kind().name())
        }
        _ => format!("np.{}({})", s.kind().name(), scalar_str(s)),
    }
}

// ---------------------------------------------------------------------------------------
// format_float_positional / format_float_scientific.

/// `np.format_float_positional` for `x`, a value of float kind `kind` (float16/32/64; a
/// complex kind means its parts' kind). `trim` is one of `'k'`, `'.'`, `'0'`, `'-'`
/// (anything else keeps everything). Without `precision`, `unique=false` prints the
/// shortest digits as `unique=true` does; [`check_format_float_args`] reports the
/// argument errors NumPy raises.
pub fn format_float_positional(
    x: f64,
    kind: DTypeKind,
    precision: Option<usize>,
    unique: bool,
    fractional: bool,
    trim: char,
    sign: bool,
    pad_left: Option<usize>,
    pad_right: Option<usize>,
    min_digits: Option<usize>,
) -> String {
    let o = Dragon4Options {
        unique: unique || precision.is_none(),
        fractional,
        precision: if !fractional && precision == Some(0) {
            None
        } else {
            precision
        },
        min_digits,
        sign,
        trim: Trim::from_char(trim).unwrap_or(Trim::Keep),
        pad_left,
        pad_right,
        exp_digits: None,
    };
    dragon4::positional_of(x, float_kind(kind), &o)
}

/// `np.format_float_scientific`; arguments as in [`format_float_positional`].
pub fn format_float_scientific(
    x: f64,
    kind: DTypeKind,
    precision: Option<usize>,
    unique: bool,
    trim: char,
    sign: bool,
    pad_left: Option<usize>,
    exp_digits: Option<usize>,
    min_digits: Option<usize>,
) -> String {
    let o = Dragon4Options {
        unique: unique || precision.is_none(),
        fractional: false,
        precision,
        min_digits,
        sign,
        trim: Trim::from_char(trim).unwrap_or(Trim::Keep),
        pad_left,
        pad_right: None,
        exp_digits,
    };
    dragon4::scientific_of(x, float_kind(kind), &o)
}

/// The argument checks of `np.format_float_positional`/`format_float_scientific`.
///
/// # Errors
/// `ValueError` for `min_digits > precision` and for `precision=0` with
/// `fractional=False`; `TypeError` for `unique=False` without `precision` and for an
/// unknown `trim`.
pub fn check_format_float_args(
    precision: Option<usize>,
    unique: bool,
    fractional: bool,
    trim: char,
    min_digits: Option<usize>,
) -> crate::Result<()> {
    if !fractional && precision == Some(0) {
        return Err(crate::Error::value(
            "precision must be greater than 0 if fractional=False",
        ));
    }
    if let (Some(m), Some(p)) = (min_digits, precision) {
        if m > 0 && p > 0 && m > p {
            return Err(crate::Error::value(
                "min_digits must be less than or equal to precision",
            ));
        }
    }
    if Trim::from_char(trim).is_none() {
        return Err(crate::Error::type_error(format!(
            "if supplied, trim must be 'k', '.', '0' or '-' found `{trim}`"
        )));
    }
    if !unique && precision.is_none() {
        return Err(crate::Error::type_error(
            "in non-unique mode `precision` must be supplied",
        ));
    }
    Ok(())
}

/// The float kind whose precision `kind` implies (float64 for non-float kinds).
fn float_kind(kind: DTypeKind) -> DTypeKind {
    match kind.real_kind() {
        k @ (DTypeKind::Float16 | DTypeKind::Float32) => k,
        _ => DTypeKind::Float64,
    }
}

// ---------------------------------------------------------------------------------------
// Display: what Rust's `{}` prints is NumPy's `str`.

/// `format!("{a}")` is NumPy's `str(a)` under the current print options.
impl std::fmt::Display for NdArray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&array_str(self, &get_printoptions()))
    }
}

/// `format!("{s}")` is NumPy's `str(scalar)`.
impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&scalar_str(*self))
    }
}
