//! The .npy header: the magic string, the version, and the Python-literal dictionary
//! that names the dtype (`descr`), the layout (`fortran_order`) and the `shape`.
//!
//! The dictionary is parsed by a small, bounded parser of Python literals — never
//! evaluated — and written byte for byte as NumPy writes it (sorted keys, the spare
//! space for growing the first axis, padding to 64 bytes ending in a newline).

use numoxide_core::dtype::{DType, DTypeKind};
use numoxide_core::error::{Error, ErrorKind, Result};
use numoxide_core::layout;

/// The six bytes every .npy file starts with.
pub const MAGIC_PREFIX: &[u8; 6] = b"\x93NUMPY";
/// The total length of the magic string with its two version bytes.
pub const MAGIC_LEN: usize = 8;
/// Headers (and so array data) are padded to a multiple of this many bytes.
pub const ARRAY_ALIGN: usize = 64;
/// NumPy's default bound on the header text length when loading.
pub const MAX_HEADER_SIZE: usize = 10000;
/// Spare room NumPy leaves after the dict for the growing axis' digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;
/// Nesting bound of the literal parser (descrs of nested structures are shallow).
const MAX_DEPTH: usize = 32;

/// What a header says about the array's elements. Only plain type strings map to a
/// numoxide dtype today; the other shapes of `descr` (lists of fields, subarrays) are
/// recognised so that structured dtypes can slot in later.
#[derive(Clone, Debug, PartialEq)]
pub enum Descr {
    /// A numeric dtype numoxide has.
    Numeric(DType),
    /// A dtype numoxide does not have yet (`<U5`, `|S3`, `<M8[ns]`, a structured list).
    Unsupported(String),
    /// Python objects (`|O`): pickled data.
    Object,
}

/// A parsed .npy header.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Format version (major, minor).
    pub version: (u8, u8),
    /// The element descriptor.
    pub descr: Descr,
    /// True when the data is stored in Fortran order.
    pub fortran_order: bool,
    /// The array's shape.
    pub shape: Vec<usize>,
    /// Bytes from the start of the file to the first data byte.
    pub data_offset: usize,
}

impl Header {
    /// The numeric dtype, or NumPy's error for object data and numoxide's for dtypes it
    /// does not have yet.
    ///
    /// # Errors
    /// `ValueError` for object arrays, `TypeError` for unsupported dtypes.
    pub fn dtype(&self) -> Result<DType> {
        match &self.descr {
            Descr::Numeric(d) => Ok(d.clone()),
            Descr::Object => Err(Error::value(
                "Object arrays cannot be loaded when allow_pickle=False",
            )),
            Descr::Unsupported(text) => Err(Error::type_error(format!(
                "numoxide does not support dtype {text} yet"
            ))),
        }
    }
    /// The number of data bytes the header promises.
    ///
    /// # Errors
    /// `ValueError` when the element count or byte count overflows.
    pub fn nbytes(&self) -> Result<usize> {
        let dtype = self.dtype()?;
        layout::checked_nbytes(&self.shape, dtype.itemsize()).map_err(|_| {
            Error::value(format!(
                "array is too big: shape {} overflows",
                shape_repr(&self.shape)
            ))
        })
    }
}

/// A Python literal, as far as .npy headers use them.
#[derive(Clone, Debug, PartialEq)]
enum Lit {
    Str(String),
    Int(i128),
    Bool(bool),
    None,
    Tuple(Vec<Lit>),
    List(Vec<Lit>),
    Dict(Vec<(Lit, Lit)>),
}

impl Lit {
    /// Python's `repr` of the literal (for error messages).
    fn repr(&self) -> String {
        match self {
            Lit::Str(s) => py_str_repr(s),
            Lit::Int(i) => i.to_string(),
            Lit::Bool(true) => "True".into(),
            Lit::Bool(false) => "False".into(),
            Lit::None => "None".into(),
            Lit::Tuple(v) if v.len() == 1 => format!("({},)", v[0].repr()),
            Lit::Tuple(v) => format!(
                "({})",
                v.iter().map(Lit::repr).collect::<Vec<_>>().join(", ")
            ),
            Lit::List(v) => format!(
                "[{}]",
                v.iter().map(Lit::repr).collect::<Vec<_>>().join(", ")
            ),
            Lit::Dict(v) => format!(
                "{{{}}}",
                v.iter()
                    .map(|(k, x)| format!("{}: {}", k.repr(), x.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Python's repr of a str: single quotes unless the text has one and no double quote.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A recursive-descent parser of Python literals over the header text.
struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    text: &'a str,
}

impl<'a> Parser<'a> {
    fn error(&self) -> Error {
        Error::value(format!("Cannot parse header: {}", py_str_repr(self.text)))
    }
    fn skip_ws(&mut self) {
        while let Some(&c) = self.s.get(self.pos) {
            if c == b' ' || c == b'\t' || c == b'\n' || c == b'\r' || c == b'\x0c' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.s.get(self.pos).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn value(&mut self, depth: usize) -> Result<Lit> {
        if depth > MAX_DEPTH {
            return Err(self.error());
        }
        match self.peek().ok_or_else(|| self.error())? {
            b'{' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    if self.eat(b'}') {
                        return Ok(Lit::Dict(items));
                    }
                    let k = self.value(depth + 1)?;
                    if !self.eat(b':') {
                        return Err(self.error());
                    }
                    let v = self.value(depth + 1)?;
                    items.push((k, v));
                    if !self.eat(b',') {
                        return if self.eat(b'}') {
                            Ok(Lit::Dict(items))
                        } else {
                            Err(self.error())
                        };
                    }
                }
            }
            open @ (b'(' | b'[') => {
                self.pos += 1;
                let close = if open == b'(' { b')' } else { b']' };
                let mut items = Vec::new();
                let mut trailing_comma = false;
                loop {
                    if self.eat(close) {
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    trailing_comma = self.eat(b',');
                    if !trailing_comma {
                        if self.eat(close) {
                            break;
                        }
                        return Err(self.error());
                    }
                }
                if open == b'[' {
                    Ok(Lit::List(items))
                } else if items.len() == 1 && !trailing_comma {
                    // `(x)` is just x in parentheses.
                    Ok(items.into_iter().next().unwrap_or(Lit::None))
                } else {
                    Ok(Lit::Tuple(items))
                }
            }
            b'\'' | b'"' => self.string(),
            b'-' | b'+' | b'0'..=b'9' => self.int(),
            _ => {
                let rest = &self.s[self.pos..];
                for (word, lit) in [
                    ("True", Lit::Bool(true)),
                    ("False", Lit::Bool(false)),
                    ("None", Lit::None),
                ] {
                    if rest.starts_with(word.as_bytes())
                        && !rest
                            .get(word.len())
                            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                    {
                        self.pos += word.len();
                        return Ok(lit);
                    }
                }
                Err(self.error())
            }
        }
    }
    fn int(&mut self) -> Result<Lit> {
        let mut neg = false;
        while let Some(c @ (b'-' | b'+')) = self.peek() {
            neg ^= c == b'-';
            self.pos += 1;
        }
        self.skip_ws();
        let start = self.pos;
        while self
            .s
            .get(self.pos)
            .is_some_and(|c| c.is_ascii_digit() || *c == b'_')
        {
            self.pos += 1;
        }
        let digits: String = self.text[start..self.pos]
            .chars()
            .filter(|&c| c != '_')
            .collect();
        if digits.is_empty()
            || (digits.len() > 1 && digits.starts_with('0') && digits.bytes().any(|b| b != b'0'))
        {
            return Err(self.error());
        }
        // A float or another number form is not a valid header value.
        if self
            .s
            .get(self.pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        {
            // Python 2 wrote long integers with an `L` suffix (versions 1.0 and 2.0).
            if self.s.get(self.pos) == Some(&b'L') {
                self.pos += 1;
            } else {
                return Err(self.error());
            }
        }
        // Integers past i128 are absurd sizes; keep them as the largest value so the
        // shape check reports them instead of the parser.
        let v: i128 = digits.parse().unwrap_or(i128::MAX);
        Ok(Lit::Int(if neg { -v } else { v }))
    }
    fn string(&mut self) -> Result<Lit> {
        let quote = self.s[self.pos];
        self.pos += 1;
        let mut out = String::new();
        let rest = &self.text[self.pos..];
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            if c as u32 == quote as u32 {
                self.pos += i + 1;
                return Ok(Lit::Str(out));
            }
            match c {
                '\n' => return Err(self.error()),
                '\\' => {
                    let (_, e) = chars.next().ok_or_else(|| self.error())?;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        '\\' | '\'' | '"' => out.push(e),
                        'x' => {
                            let h: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
                            let v = u32::from_str_radix(&h, 16).map_err(|_| self.error())?;
                            out.push(char::from_u32(v).ok_or_else(|| self.error())?);
                        }
                        'u' => {
                            let h: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                            let v = u32::from_str_radix(&h, 16).map_err(|_| self.error())?;
                            out.push(char::from_u32(v).ok_or_else(|| self.error())?);
                        }
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
        Err(self.error())
    }
}

/// Parse the literal header text into (descr, fortran_order, shape), with NumPy's
/// messages for each way it can be wrong.
fn parse_dict(text: &str) -> Result<(Descr, bool, Vec<usize>)> {
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
        text,
    };
    let lit = p.value(0)?;
    if p.peek().is_some() {
        return Err(p.error());
    }
    let items = match lit {
        Lit::Dict(items) => items,
        other => {
            return Err(Error::value(format!(
                "Header is not a dictionary: {}",
                other.repr()
            )))
        }
    };
    let key = |name: &str| {
        items
            .iter()
            .rev()
            .find(|(k, _)| *k == Lit::Str(name.into()))
            .map(|(_, v)| v)
    };
    let mut keys: Vec<&Lit> = Vec::new();
    for (k, _) in &items {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let expected = ["descr", "fortran_order", "shape"];
    let keys_ok = keys.len() == 3
        && expected
            .iter()
            .all(|e| keys.contains(&&Lit::Str((*e).into())));
    if !keys_ok {
        let mut names: Vec<String> = keys.iter().map(|k| k.repr()).collect();
        names.sort();
        return Err(Error::value(format!(
            "Header does not contain the correct keys: [{}]",
            names.join(", ")
        )));
    }
    let (Some(descr), Some(fortran), Some(shape)) =
        (key("descr"), key("fortran_order"), key("shape"))
    else {
        return Err(p.error());
    };
    let shape = match shape {
        Lit::Tuple(dims) if dims.iter().all(|d| matches!(d, Lit::Int(_) | Lit::Bool(_))) => {
            let mut out = Vec::with_capacity(dims.len());
            for d in dims {
                let v = match d {
                    Lit::Int(v) => *v,
                    Lit::Bool(b) => i128::from(*b),
                    _ => 0,
                };
                let v = usize::try_from(v)
                    .ok()
                    .filter(|&v| v <= isize::MAX as usize)
                    .ok_or_else(|| Error::value(format!("shape is not valid: {}", shape.repr())))?;
                out.push(v);
            }
            if out.len() > layout::MAXDIMS {
                return Err(Error::value(format!(
                    "maximum supported dimension for an ndarray is currently {}, found {}",
                    layout::MAXDIMS,
                    out.len()
                )));
            }
            out
        }
        other => {
            return Err(Error::value(format!(
                "shape is not valid: {}",
                other.repr()
            )))
        }
    };
    let fortran = match fortran {
        Lit::Bool(b) => *b,
        other => {
            return Err(Error::value(format!(
                "fortran_order is not a valid bool: {}",
                other.repr()
            )))
        }
    };
    Ok((descr_from_lit(descr)?, fortran, shape))
}

/// Map a header's `descr` literal to a [`Descr`].
fn descr_from_lit(lit: &Lit) -> Result<Descr> {
    let invalid = || {
        Error::value(format!(
            "descr is not a valid dtype descriptor: {}",
            lit.repr()
        ))
    };
    match lit {
        Lit::Str(s) => descr_from_str(s).ok_or_else(invalid),
        // A list of (name, format[, shape]) fields: a structured dtype.
        Lit::List(fields) => {
            let well_formed = fields.iter().all(|f| match f {
                Lit::Tuple(parts) => {
                    (2..=3).contains(&parts.len())
                        && matches!(parts[0], Lit::Str(_) | Lit::Tuple(_))
                }
                _ => false,
            });
            if !well_formed {
                return Err(invalid());
            }
            let has_object = fields.iter().any(|f| matches!(f, Lit::Tuple(p) if p.get(1) == Some(&Lit::Str("|O".into())) || p.get(1) == Some(&Lit::Str("O".into()))));
            if has_object {
                return Ok(Descr::Object);
            }
            Ok(Descr::Unsupported(lit.repr()))
        }
        _ => Err(invalid()),
    }
}

/// Map a type string (`<f8`, `|b1`, `>i4`, `<U5`, `|O`) to a [`Descr`]; None when it is
/// not a dtype at all.
fn descr_from_str(s: &str) -> Option<Descr> {
    if let Ok(d) = DType::parse(s) {
        return Some(Descr::Numeric(d));
    }
    let body = s.trim_start_matches(['<', '>', '|', '=']);
    if body == "O" || body == "O8" || body == "object" {
        return Some(Descr::Object);
    }
    // Strings, unicode, void, datetimes and timedeltas: real dtypes numoxide lacks.
    let mut chars = body.chars();
    let first = chars.next()?;
    let rest: String = chars.collect();
    let known = match first {
        'S' | 'U' | 'V' | 'a' => rest.chars().all(|c| c.is_ascii_digit()),
        'M' | 'm' => rest.is_empty() || rest.starts_with('8'),
        _ => false,
    };
    known.then(|| Descr::Unsupported(py_str_repr(s)))
}

/// Parse a full .npy header from the first bytes of a file.
///
/// `read` supplies exactly the requested number of bytes or fails: it is called for the
/// magic string, the header length and the header text, so a hostile length is checked
/// against `max_header_size` before any large read.
///
/// # Errors
/// NumPy's `ValueError`s for a wrong magic string, an unsupported version, a truncated,
/// oversized or malformed header.
pub fn read_header(
    mut read: impl FnMut(usize, &str) -> Result<Vec<u8>>,
    max_header_size: usize,
) -> Result<Header> {
    let magic = read(MAGIC_LEN, "magic string")?;
    let version = check_magic(&magic)?;
    let (len_bytes, utf8) = match version {
        (1, 0) => (2, false),
        (2, 0) => (4, false),
        (3, 0) => (4, true),
        (major, minor) => {
            return Err(Error::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )))
        }
    };
    let raw = read(len_bytes, "array header length")?;
    let hlen = raw
        .iter()
        .rev()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    // Latin-1 text is one character per byte, so the byte length bounds the text length
    // from above for every version: refuse before reading an absurd amount.
    if hlen > max_header_size.saturating_mul(4) {
        return Err(header_too_big(hlen));
    }
    let bytes = read(hlen, "array header")?;
    let text: String = if utf8 {
        String::from_utf8(bytes).map_err(|_| Error::value("Cannot decode header: invalid utf-8"))?
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    };
    let nchars = text.chars().count();
    if nchars > max_header_size {
        return Err(header_too_big(nchars));
    }
    let (descr, fortran_order, shape) = parse_dict(&text)?;
    Ok(Header {
        version,
        descr,
        fortran_order,
        shape,
        data_offset: MAGIC_LEN + len_bytes + hlen,
    })
}

fn header_too_big(n: usize) -> Error {
    Error::value(format!(
        "Header info length ({n}) is large and may not be safe to load securely.\n\
         To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n\
         For safety against large resource use or crashes, sandboxing may be necessary."
    ))
}

/// Check the magic string and return its version bytes.
///
/// # Errors
/// NumPy's `ValueError` "the magic string is not correct; ...".
pub fn check_magic(magic: &[u8]) -> Result<(u8, u8)> {
    match magic {
        [p @ .., major, minor] if p == MAGIC_PREFIX => Ok((*major, *minor)),
        _ => {
            let got = &magic[..magic.len().saturating_sub(2)];
            Err(Error::value(format!(
                "the magic string is not correct; expected b'\\x93NUMPY', got {}",
                bytes_repr(got)
            )))
        }
    }
}

/// Python's repr of a bytes object.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(c)),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`.
pub fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The dictionary text NumPy writes for an array (before padding):
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }` plus growth room.
pub fn dict_text(descr: &str, fortran_order: bool, shape: &[usize]) -> String {
    let mut text = format!(
        "{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
        py_str_repr(descr),
        if fortran_order { "True" } else { "False" },
        shape_repr(shape)
    );
    let growing = if fortran_order {
        shape.last()
    } else {
        shape.first()
    };
    if let Some(n) = growing {
        let digits = n.to_string().len();
        text.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits)));
    }
    text
}

/// Wrap dictionary text into a complete header for `version`, padded so the data starts
/// on a 64-byte boundary.
///
/// # Errors
/// `ValueError` when the header does not fit the version's length field.
pub fn wrap_header(text: &str, version: (u8, u8)) -> Result<Vec<u8>> {
    let (len_bytes, utf8) = match version {
        (1, 0) => (2usize, false),
        (2, 0) => (4, false),
        (3, 0) => (4, true),
        v => {
            return Err(Error::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({}, {})",
                v.0, v.1
            )))
        }
    };
    let body: Vec<u8> = if utf8 {
        text.as_bytes().to_vec()
    } else {
        text.chars()
            .map(|c| {
                u8::try_from(u32::from(c))
                    .map_err(|_| Error::new(ErrorKind::Value, "header is not latin-1"))
            })
            .collect::<Result<_>>()?
    };
    let hlen = body.len() + 1;
    let padlen = ARRAY_ALIGN - ((MAGIC_LEN + len_bytes + hlen) % ARRAY_ALIGN);
    let total = hlen + padlen;
    if len_bytes == 2 && total > usize::from(u16::MAX) || total > u32::MAX as usize {
        return Err(Error::value(format!(
            "Header length {hlen} too big for version=({}, {})",
            version.0, version.1
        )));
    }
    let mut out = Vec::with_capacity(MAGIC_LEN + len_bytes + total);
    out.extend_from_slice(MAGIC_PREFIX);
    out.extend_from_slice(&[version.0, version.1]);
    out.extend_from_slice(&(total as u32).to_le_bytes()[..len_bytes]);
    out.extend_from_slice(&body);
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    Ok(out)
}

/// The header for `dtype`/`shape`/`fortran_order`, in the version asked for or the
/// oldest that can hold it. The flag tells whether a version other than 1.0 was chosen
/// automatically (NumPy warns then).
///
/// # Errors
/// `ValueError` when the asked-for version cannot hold the header.
pub fn build_header(
    dtype: &DType,
    fortran_order: bool,
    shape: &[usize],
    version: Option<(u8, u8)>,
) -> Result<(Vec<u8>, Option<(u8, u8)>)> {
    let text = dict_text(&descr_of(dtype), fortran_order, shape);
    if let Some(v) = version {
        return Ok((wrap_header(&text, v)?, None));
    }
    if let Ok(h) = wrap_header(&text, (1, 0)) {
        return Ok((h, None));
    }
    if let Ok(h) = wrap_header(&text, (2, 0)) {
        return Ok((h, Some((2, 0))));
    }
    Ok((wrap_header(&text, (3, 0))?, Some((3, 0))))
}

/// NumPy's `dtype_to_descr` for the dtypes numoxide has: the type string.
pub fn descr_of(dtype: &DType) -> String {
    dtype.str()
}

/// True when `kind`'s elements can be stored (every numoxide dtype today).
pub fn storable(kind: DTypeKind) -> bool {
    let _ = kind;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_bytes(bytes: &[u8]) -> Result<Header> {
        let mut pos = 0usize;
        read_header(
            |n, what| {
                let end = pos
                    .checked_add(n)
                    .filter(|&e| e <= bytes.len())
                    .ok_or_else(|| {
                        Error::value(format!(
                            "EOF: reading {what}, expected {n} bytes got {}",
                            bytes.len() - pos
                        ))
                    })?;
                let out = bytes[pos..end].to_vec();
                pos = end;
                Ok(out)
            },
            MAX_HEADER_SIZE,
        )
    }

    #[test]
    fn header_matches_numpy_bytes() {
        let (h, warn) = build_header(&DType::FLOAT64, false, &[3], None).unwrap();
        assert!(warn.is_none());
        assert_eq!(h.len() % 64, 0);
        let text = String::from_utf8(h[10..].to_vec()).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"));
        assert!(text.ends_with(" \n"));
        let back = parse_bytes(&h).unwrap();
        assert_eq!(back.shape, vec![3]);
        assert_eq!(back.data_offset, h.len());
    }

    #[test]
    fn parses_variants_and_rejects_garbage() {
        let t = parse_dict("{'shape': (2L, 3), \"fortran_order\": True, 'descr': '>i4'}").unwrap();
        assert!(t.1);
        assert_eq!(t.2, vec![2, 3]);
        assert!(parse_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}").is_err());
        assert!(parse_dict("__import__('os')").is_err());
        assert!(parse_dict(&"(".repeat(10000)).is_err());
        assert!(matches!(
            parse_dict("{'descr': '|O', 'fortran_order': False, 'shape': ()}")
                .unwrap()
                .0,
            Descr::Object
        ));
        assert!(matches!(
            parse_dict("{'descr': '<U5', 'fortran_order': False, 'shape': ()}")
                .unwrap()
                .0,
            Descr::Unsupported(_)
        ));
        assert!(parse_dict("{'descr': 'zz', 'fortran_order': False, 'shape': ()}").is_err());
    }
}
