//! Text files: the `loadtxt` tokenizer and number parsers, and the printf-style
//! formatter `savetxt` uses for the common `%e`/`%f`/`%g`/`%d` specifiers.

use std::borrow::Cow;

use numoxide_core::element::{f16, Complex};
use numoxide_core::error::{Error, Result};
use numoxide_core::{DType, DTypeKind, NdArray, Order};

/// How `loadtxt` splits text into rows and fields.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The field separator; `None` splits on runs of whitespace.
    pub delimiter: Option<String>,
    /// Strings that start a comment running to the end of the line.
    pub comments: Vec<String>,
    /// The quote character, if quoting is on.
    pub quote: Option<char>,
    /// Lines skipped at the start (comment and empty lines included).
    pub skiprows: usize,
    /// Data rows read at most.
    pub max_rows: Option<usize>,
    /// The columns kept (negative counts from the end).
    pub usecols: Option<Vec<isize>>,
}

/// The fields of a text table, row-major, after column selection.
pub struct Table<'a> {
    /// The fields, `nrows * ncols` of them.
    pub fields: Vec<Cow<'a, str>>,
    /// The file column (0-based) each selected field came from, per row slot.
    pub columns: Vec<usize>,
    /// Number of data rows.
    pub nrows: usize,
    /// Number of columns kept.
    pub ncols: usize,
}

/// Cut the comment off a line (the earliest comment string outside quotes).
fn strip_comment<'a>(line: &'a str, opts: &ReadOptions) -> &'a str {
    if opts.comments.is_empty() {
        return line;
    }
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        if Some(c) == opts.quote {
            in_quote = !in_quote;
        }
        if !in_quote
            && opts
                .comments
                .iter()
                .any(|m| line[i..].starts_with(m.as_str()))
        {
            return &line[..i];
        }
    }
    line
}

/// Split one line into fields.
fn split_line<'a>(line: &'a str, opts: &ReadOptions, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    match (&opts.delimiter, opts.quote) {
        (None, None) => out.extend(line.split_whitespace().map(Cow::Borrowed)),
        (Some(d), None) => {
            if line.trim().is_empty() {
                return;
            }
            out.extend(line.split(d.as_str()).map(Cow::Borrowed));
        }
        (delim, Some(q)) => {
            if line.trim().is_empty() {
                return;
            }
            let is_delim = |rest: &str| match delim {
                Some(d) => rest.starts_with(d.as_str()),
                None => rest.starts_with(char::is_whitespace),
            };
            let dlen = |rest: &str| match delim {
                Some(d) => d.len(),
                None => rest.len() - rest.trim_start().len(),
            };
            let mut rest = if delim.is_none() { line.trim() } else { line };
            loop {
                let lead = rest.len() - rest.trim_start().len();
                if rest[lead..].starts_with(q) {
                    // A quoted field: up to the closing quote; a doubled quote is one quote.
                    let body = &rest[lead + q.len_utf8()..];
                    let mut field = String::new();
                    let mut it = body.char_indices().peekable();
                    let mut end = body.len();
                    while let Some((i, c)) = it.next() {
                        if c == q {
                            if it.peek().map(|&(_, n)| n) == Some(q) {
                                field.push(q);
                                it.next();
                                continue;
                            }
                            end = i + q.len_utf8();
                            break;
                        }
                        field.push(c);
                    }
                    rest = &body[end..];
                    // Text between the closing quote and the delimiter joins the field.
                    let stop = (0..=rest.len()).find(|&k| {
                        rest.is_char_boundary(k) && (k == rest.len() || is_delim(&rest[k..]))
                    });
                    let stop = stop.unwrap_or(rest.len());
                    field.push_str(&rest[..stop]);
                    out.push(Cow::Owned(field));
                    rest = &rest[stop..];
                } else {
                    let stop = (0..=rest.len()).find(|&k| {
                        rest.is_char_boundary(k) && (k == rest.len() || is_delim(&rest[k..]))
                    });
                    let stop = stop.unwrap_or(rest.len());
                    out.push(Cow::Borrowed(&rest[..stop]));
                    rest = &rest[stop..];
                }
                if rest.is_empty() {
                    break;
                }
                let n = dlen(rest);
                rest = &rest[n..];
                if delim.is_none() && rest.is_empty() {
                    break;
                }
            }
        }
    }
}

/// Split `text` into a table of fields, with NumPy's errors for ragged rows and bad
/// `usecols`.
///
/// # Errors
/// `ValueError` "the number of columns changed ..." / "invalid column index ...".
pub fn tokenize<'a>(text: &'a str, opts: &ReadOptions) -> Result<Table<'a>> {
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    let mut nrows = 0usize;
    let mut ncols_file: Option<usize> = None;
    let mut row = Vec::new();
    let mut cols_sel: Vec<usize> = Vec::new();
    for line in text.split('\n').skip(opts.skiprows) {
        if opts.max_rows.is_some_and(|m| nrows >= m) {
            break;
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = strip_comment(line, opts);
        split_line(line, opts, &mut row);
        if row.is_empty() {
            continue;
        }
        let n = row.len();
        match &opts.usecols {
            None => {
                match ncols_file {
                    None => {
                        ncols_file = Some(n);
                        cols_sel = (0..n).collect();
                    }
                    Some(c) if c != n => {
                        return Err(Error::value(format!(
                            "the number of columns changed from {c} to {n} at row {}; use `usecols` to select a subset and avoid this error",
                            nrows + 1
                        )))
                    }
                    _ => {}
                }
                fields.append(&mut row);
            }
            Some(uc) => {
                cols_sel.clear();
                for &c in uc {
                    let k = if c < 0 { c + n as isize } else { c };
                    if k < 0 || k >= n as isize {
                        return Err(Error::value(format!(
                            "invalid column index {c} at row {} with {n} columns",
                            nrows + 1
                        )));
                    }
                    cols_sel.push(k as usize);
                }
                for &k in &cols_sel {
                    fields.push(std::mem::take(&mut row[k]));
                }
            }
        }
        if nrows == 0 {
            columns = cols_sel.clone();
        }
        nrows += 1;
    }
    let ncols = match &opts.usecols {
        Some(uc) => uc.len(),
        None => ncols_file.unwrap_or(0),
    };
    if columns.len() != ncols {
        columns = (0..ncols).collect();
    }
    Ok(Table {
        fields,
        columns,
        nrows,
        ncols,
    })
}

/// A value `loadtxt` can parse a field into.
trait FromField: Sized {
    fn from_field(s: &str) -> Option<Self>;
}

fn parse_f64(s: &str) -> Option<f64> {
    let t = s.trim();
    // Rust accepts what Python's float() does, except for underscores (refused by both
    // NumPy's parser and ours) — and a few spellings Python refuses:
    if t.is_empty() || t.contains('_') {
        return None;
    }
    t.parse::<f64>().ok()
}

fn parse_int(s: &str) -> Option<i128> {
    let t = s.trim();
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i128 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

fn parse_complex(s: &str) -> Option<Complex<f64>> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        t = inner.trim();
    }
    if let Some(x) = parse_f64(t) {
        return Some(Complex::new(x, 0.0));
    }
    let body = t.strip_suffix('j')?;
    if let Some(im) = parse_f64(body) {
        return Some(Complex::new(0.0, im));
    }
    let bytes = body.as_bytes();
    let split = (1..bytes.len()).rev().find(|&k| {
        (bytes[k] == b'+' || bytes[k] == b'-') && !matches!(bytes[k - 1], b'e' | b'E')
    })?;
    let re = parse_f64(&body[..split])?;
    let im_text = &body[split..];
    let im = match im_text {
        "+" => 1.0,
        "-" => -1.0,
        _ => parse_f64(im_text)?,
    };
    Some(Complex::new(re, im))
}

macro_rules! from_field_int {
    ($($t:ty),*) => {$(
        impl FromField for $t {
            fn from_field(s: &str) -> Option<Self> {
                <$t>::try_from(parse_int(s)?).ok()
            }
        }
    )*};
}
from_field_int!(i8, u8, i16, u16, i32, u32, i64, u64);

impl FromField for bool {
    fn from_field(s: &str) -> Option<Self> {
        parse_int(s).map(|v| v != 0)
    }
}
impl FromField for f64 {
    fn from_field(s: &str) -> Option<Self> {
        parse_f64(s)
    }
}
impl FromField for f32 {
    fn from_field(s: &str) -> Option<Self> {
        parse_f64(s).map(|v| v as f32)
    }
}
impl FromField for f16 {
    fn from_field(s: &str) -> Option<Self> {
        parse_f64(s).map(f16::from_f64)
    }
}
impl FromField for Complex<f64> {
    fn from_field(s: &str) -> Option<Self> {
        parse_complex(s)
    }
}
impl FromField for Complex<f32> {
    fn from_field(s: &str) -> Option<Self> {
        parse_complex(s).map(|c| Complex::new(c.re as f32, c.im as f32))
    }
}

/// Parse one field as `kind`, for callers that mix parsing and Python converters.
///
/// # Errors
/// `ValueError` "could not convert string ..." without the position.
pub fn parse_scalar(s: &str, kind: DTypeKind) -> Option<numoxide_core::Scalar> {
    use numoxide_core::scalar::ScalarElement;
    numoxide_core::dispatch!(kind, T => <T as FromField>::from_field(s).map(ScalarElement::into_scalar))
}

fn convert_error(s: &str, dtype: &DType, row: usize, col: usize) -> Error {
    Error::value(format!(
        "could not convert string {} to {} at row {row}, column {}.",
        py_repr(s),
        dtype.name(),
        col + 1
    ))
}

fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    format!("{quote}{s}{quote}")
}

/// Parse a tokenized table into a 2-D array `(nrows, ncols)` of `dtype`.
///
/// # Errors
/// `ValueError` naming the row and column of the first bad field; `MemoryError`.
pub fn parse_table(t: &Table<'_>, dtype: &DType) -> Result<NdArray> {
    let native = dtype.to_native();
    let out = NdArray::empty(&[t.nrows, t.ncols], native.clone(), Order::C)?;
    let base = out.data_ptr();
    numoxide_core::dispatch!(native.kind(), T => {
        for (i, f) in t.fields.iter().enumerate() {
            let v = <T as FromField>::from_field(f).ok_or_else(|| {
                let (r, c) = (i / t.ncols.max(1), i % t.ncols.max(1));
                convert_error(f, &native, r, t.columns.get(c).copied().unwrap_or(c))
            })?;
            // SAFETY: `out` is a fresh C-contiguous array of `fields.len()` elements of T.
            unsafe { (base as *mut T).add(i).write(v) };
        }
    });
    if dtype.is_native() {
        Ok(out)
    } else {
        out.astype(dtype.clone(), Order::C)
    }
}

/// `np.fromstring(text, dtype, count, sep)` for a non-empty separator: numbers split by
/// `sep` (whitespace around it is ignored).
///
/// # Errors
/// `ValueError` when fewer than `count` numbers can be read.
pub fn from_string_sep(
    text: &str,
    dtype: &DType,
    count: Option<usize>,
    sep: &str,
) -> Result<NdArray> {
    let native = dtype.to_native();
    let mut pieces: Vec<&str> = if sep.trim().is_empty() {
        text.split_whitespace().collect()
    } else {
        text.split(sep.trim()).collect()
    };
    // A trailing separator or blank end does not make an element.
    while pieces.last().is_some_and(|p| p.trim().is_empty()) {
        pieces.pop();
    }
    let mut vals: Vec<numoxide_core::Scalar> = Vec::new();
    for p in &pieces {
        if count.is_some_and(|c| vals.len() >= c) {
            break;
        }
        match parse_scalar(p, native.kind()) {
            Some(v) => vals.push(v),
            None => {
                return Err(Error::value(
                    "string or file could not be read to its end due to unmatched data",
                ))
            }
        }
    }
    if let Some(c) = count {
        if vals.len() < c {
            return Err(Error::value(format!(
                "string size must be a multiple of element size or count ({c}) too large"
            )));
        }
    }
    let out = NdArray::empty(&[vals.len()], native, Order::C)?;
    for (i, v) in vals.into_iter().enumerate() {
        out.set(&[i as isize], v)?;
    }
    if dtype.is_native() {
        Ok(out)
    } else {
        out.astype(dtype.clone(), Order::C)
    }
}

// ----- printf-style formatting --------------------------------------------------------

/// One piece of a `%` format string.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text copied as is (`%%` already turned into `%`).
    Lit(String),
    /// A conversion specifier.
    Spec(Spec),
}

/// A `%[flags][width][.precision]conv` specifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    zero: bool,
    alt: bool,
    width: usize,
    prec: Option<usize>,
    conv: char,
}

impl Spec {
    /// True for the integer conversions (`d`, `i`, `u`).
    pub fn is_int(&self) -> bool {
        matches!(self.conv, 'd' | 'i' | 'u')
    }
}

/// Parse a format string into pieces; `None` when it uses something only Python's `%`
/// operator handles (`%s`, `%x`, `%(name)`, `*` widths, ...).
pub fn parse_format(fmt: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut it = fmt.chars().peekable();
    while let Some(c) = it.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if it.peek() == Some(&'%') {
            it.next();
            lit.push('%');
            continue;
        }
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(&mut lit)));
        }
        let mut s = Spec {
            left: false,
            plus: false,
            space: false,
            zero: false,
            alt: false,
            width: 0,
            prec: None,
            conv: 'd',
        };
        while let Some(&f) = it.peek() {
            match f {
                '-' => s.left = true,
                '+' => s.plus = true,
                ' ' => s.space = true,
                '0' => s.zero = true,
                '#' => s.alt = true,
                _ => break,
            }
            it.next();
        }
        let mut digits = String::new();
        while let Some(&d) = it.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(d);
            it.next();
        }
        s.width = if digits.is_empty() {
            0
        } else {
            digits.parse().ok().filter(|&w: &usize| w < 4096)?
        };
        if it.peek() == Some(&'.') {
            it.next();
            let mut p = String::new();
            while let Some(&d) = it.peek().filter(|d| d.is_ascii_digit()) {
                p.push(d);
                it.next();
            }
            s.prec = Some(if p.is_empty() {
                0
            } else {
                p.parse().ok().filter(|&w: &usize| w < 4096)?
            });
        }
        while matches!(it.peek(), Some('l' | 'h' | 'L')) {
            it.next();
        }
        let conv = it.next()?;
        if !matches!(conv, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'd' | 'i' | 'u') {
            return None;
        }
        s.conv = conv;
        out.push(Piece::Spec(s));
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Some(out)
}

/// A value handed to a specifier.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// An integer (exact).
    Int(i128),
    /// A float.
    Float(f64),
}

fn pad(spec: &Spec, sign: &str, body: &str, numeric: bool, out: &mut String) {
    let len = sign.len() + body.len();
    let fill = spec.width.saturating_sub(len);
    if spec.left {
        out.push_str(sign);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero && numeric {
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(sign);
        out.push_str(body);
    }
}

fn sign_of(spec: &Spec, negative: bool) -> &'static str {
    if negative {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    }
}

/// `%e` digits of a non-negative finite value: mantissa text and exponent.
fn exp_parts(v: f64, prec: usize) -> (String, i32) {
    let s = format!("{v:.prec$e}");
    match s.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse().unwrap_or(0)),
        None => (s, 0),
    }
}

fn exp_text(mantissa: &str, exp: i32, upper: bool) -> String {
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}{e}{sign}{:02}", exp.unsigned_abs())
}

/// Format one value by one specifier, as Python's `%` operator does; `None` when only
/// Python can (an integer conversion of NaN or infinity raises there).
pub fn format_value(spec: &Spec, v: Value, out: &mut String) -> Option<()> {
    if spec.is_int() {
        let i = match v {
            Value::Int(i) => i,
            Value::Float(f) if f.is_finite() => f.trunc() as i128,
            Value::Float(_) => return None,
        };
        let mut digits = i.unsigned_abs().to_string();
        if let Some(p) = spec.prec {
            if digits.len() < p {
                digits = "0".repeat(p - digits.len()) + &digits;
            }
        }
        pad(
            spec,
            sign_of(spec, i < 0),
            &digits,
            spec.prec.is_none(),
            out,
        );
        return Some(());
    }
    let x = match v {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
    };
    let upper = spec.conv.is_ascii_uppercase();
    let negative = x.is_sign_negative();
    if !x.is_finite() {
        let body = if x.is_nan() { "nan" } else { "inf" };
        let body = if upper {
            body.to_uppercase()
        } else {
            body.to_string()
        };
        pad(
            spec,
            sign_of(spec, negative && !x.is_nan()),
            &body,
            true,
            out,
        );
        return Some(());
    }
    let a = x.abs();
    let prec = spec.prec.unwrap_or(6);
    let body = match spec.conv.to_ascii_lowercase() {
        'e' => {
            let (mut m, e) = exp_parts(a, prec);
            if spec.alt && prec == 0 {
                m.push('.');
            }
            exp_text(&m, e, upper)
        }
        'f' => {
            let mut s = format!("{a:.prec$}");
            if spec.alt && prec == 0 {
                s.push('.');
            }
            s
        }
        _ => {
            let p = prec.max(1);
            let x_exp = if a == 0.0 { 0 } else { exp_parts(a, p - 1).1 };
            let mut s = if x_exp < p as i32 && x_exp >= -4 {
                let fp = (p as i32 - 1 - x_exp) as usize;
                format!("{a:.fp$}")
            } else {
                let (m, e) = exp_parts(a, p - 1);
                exp_text(&m, e, upper)
            };
            if !spec.alt {
                let (mant, tail) = match s.find(['e', 'E']) {
                    Some(k) => (s[..k].to_string(), s[k..].to_string()),
                    None => (s.clone(), String::new()),
                };
                let mant = if mant.contains('.') {
                    mant.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    mant
                };
                s = mant + &tail;
            }
            s
        }
    };
    pad(spec, sign_of(spec, negative), &body, true, out);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt1(f: &str, v: Value) -> String {
        let pieces = parse_format(f).unwrap();
        let mut out = String::new();
        for p in pieces {
            match p {
                Piece::Lit(s) => out.push_str(&s),
                Piece::Spec(s) => format_value(&s, v, &mut out).unwrap(),
            }
        }
        out
    }

    #[test]
    fn printf_matches_c() {
        assert_eq!(fmt1("%.18e", Value::Float(1.0)), "1.000000000000000000e+00");
        assert_eq!(fmt1("%.3f", Value::Float(-2.0005)), "-2.001");
        assert_eq!(fmt1("%g", Value::Float(1e-5)), "1e-05");
        assert_eq!(fmt1("%g", Value::Float(123456.0)), "123456");
        assert_eq!(fmt1("%g", Value::Float(1234567.0)), "1.23457e+06");
        assert_eq!(fmt1("%08.2f", Value::Float(-3.14159)), "-0003.14");
        assert_eq!(fmt1("%d", Value::Float(-2.7)), "-2");
        assert_eq!(fmt1("%5d|", Value::Int(42)), "   42|");
        assert_eq!(fmt1("%-5d|", Value::Int(42)), "42   |");
        assert_eq!(fmt1("%+.1e", Value::Float(f64::INFINITY)), "+inf");
        assert!(parse_format("%s").is_none());
    }

    #[test]
    fn tokenizes_and_parses() {
        let opts = ReadOptions {
            comments: vec!["#".into()],
            ..Default::default()
        };
        let t = tokenize("# head\n1 2 3\n\n4 5 6 # tail\n", &opts).unwrap();
        assert_eq!((t.nrows, t.ncols), (2, 3));
        let a = parse_table(&t, &DType::FLOAT64).unwrap();
        assert_eq!(a.to_vec::<f64>(), vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert!(tokenize("1 2\n3\n", &opts).is_err());
        let t = tokenize("1 x\n", &opts).unwrap();
        let e = parse_table(&t, &DType::FLOAT64).unwrap_err();
        assert_eq!(
            e.message(),
            "could not convert string 'x' to float64 at row 0, column 2."
        );
        assert_eq!(parse_complex("(1+2j)"), Some(Complex::new(1.0, 2.0)));
        assert_eq!(
            parse_complex("-1.5e3-2j"),
            Some(Complex::new(-1500.0, -2.0))
        );
    }
}
