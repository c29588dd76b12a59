//! Text files: `loadtxt`, `savetxt`, `genfromtxt`'s field parser.

use super::*;

// ----- text -------------------------------------------------------------------------------

/// The whole text of a loadtxt/genfromtxt input: a path (gzip/bz2/xz by extension), a
/// file object, or an iterable of lines.
fn read_text(py: Python<'_>, fname: &Bound<'_, PyAny>, encoding: Option<&str>) -> PyResult<String> {
    let decode = |b: &[u8]| -> String {
        match encoding {
            Some(e) if e.eq_ignore_ascii_case("latin1") || e.eq_ignore_ascii_case("latin-1") => {
                b.iter().map(|&c| char::from(c)).collect()
            }
            _ => match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => b.iter().map(|&c| char::from(c)).collect(),
            },
        }
    };
    if let Some(p) = path_of(fname)? {
        let s = p.to_string_lossy().to_string();
        for (ext, module) in [(".gz", "gzip"), (".bz2", "bz2"), (".xz", "lzma")] {
            if s.ends_with(ext) {
                let f = py
                    .import(module)?
                    .call_method1("open", (s.as_str(), "rb"))?;
                let data: Vec<u8> = f.call_method0("read")?.extract()?;
                f.call_method0("close")?;
                return Ok(decode(&data));
            }
        }
        let data = std::fs::read(&p)?;
        return Ok(decode(&data));
    }
    if fname.hasattr("read")? {
        let data = fname.call_method0("read")?;
        if let Ok(b) = data.cast::<PyBytes>() {
            return Ok(decode(b.as_bytes()));
        }
        return data.extract();
    }
    let it =
        fname.try_iter().map_err(|_| {
            PyValueError::new_err(format!(
            "fname must be a string, filehandle, list of strings,\nor generator. Got {} instead.",
            fname.get_type().str().map(|s| s.to_string()).unwrap_or_default()
        ))
        })?;
    let mut out = String::new();
    for line in it {
        let line = line?;
        let s: String = match line.cast::<PyBytes>() {
            Ok(b) => decode(b.as_bytes()),
            Err(_) => line.extract()?,
        };
        out.push_str(s.strip_suffix('\n').unwrap_or(&s));
        out.push('\n');
    }
    Ok(out)
}

pub(super) fn str_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    match obj.cast::<PyBytes>() {
        Ok(b) => Ok(b.as_bytes().iter().map(|&c| char::from(c)).collect()),
        Err(_) => obj.extract(),
    }
}

/// NumPy's `_ensure_ndmin_ndarray`, then unpack.
fn finish_loadtxt(py: Python<'_>, a: NdArray, ndmin: usize, unpack: bool) -> PyResult<NdArray> {
    let _ = py;
    let mut a = a;
    if a.ndim() > ndmin {
        a = a.squeeze(None).py()?;
    }
    if a.ndim() < ndmin {
        if ndmin == 1 {
            a = a.reshape(&[-1], Order::C).py()?;
        } else if ndmin == 2 {
            let n = a.size() as isize;
            a = a.reshape(&[1, n], Order::C).py()?.transpose(None).py()?;
        }
    }
    if unpack {
        a = a.transpose(None).py()?;
    }
    Ok(a)
}

/// Load data from a text file.
#[pyfunction]
#[pyo3(signature = (fname, dtype=None, comments=None, delimiter=None, converters=None, skiprows=0, usecols=None, unpack=false, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None))]
pub fn loadtxt<'py>(
    py: Python<'py>,
    fname: &Bound<'py, PyAny>,
    dtype: Option<&Bound<'py, PyAny>>,
    comments: Option<&Bound<'py, PyAny>>,
    delimiter: Option<&Bound<'py, PyAny>>,
    converters: Option<&Bound<'py, PyAny>>,
    skiprows: i64,
    usecols: Option<&Bound<'py, PyAny>>,
    unpack: bool,
    ndmin: i64,
    encoding: Option<&str>,
    max_rows: Option<i64>,
    quotechar: Option<&Bound<'py, PyAny>>,
    like: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = like;
    let dtype = match dtype {
        Some(d) if !d.is_none() => dtype_from_py(d)?,
        _ => DType::FLOAT64,
    };
    // `comments` defaults to '#'; None given explicitly turns comments off. PyO3 cannot
    // tell the two apart, so the Python default arrives as a missing argument.
    let comments: Vec<String> = match comments {
        None => vec!["#".to_string()],
        Some(c) if c.is_none() => vec![],
        Some(c) if c.is_instance_of::<PyString>() || c.is_instance_of::<PyBytes>() => {
            vec![str_or_bytes(c)?]
        }
        Some(c) => c
            .try_iter()?
            .map(|x| str_or_bytes(&x?))
            .collect::<PyResult<_>>()?,
    };
    if comments.iter().any(|c| c.is_empty()) {
        return Err(PyValueError::new_err(
            "comments cannot be an empty string. Use comments=None to disable comments.",
        ));
    }
    let delimiter = match delimiter {
        Some(d) if !d.is_none() => Some(str_or_bytes(d)?),
        _ => None,
    };
    let quote =
        match quotechar {
            Some(q) if !q.is_none() => {
                let s: String = q.extract()?;
                let mut ch = s.chars();
                match (ch.next(), ch.next()) {
                    (Some(c), None) => Some(c),
                    _ => return Err(PyTypeError::new_err(
                        "Text reading control character must be a single unicode character or None",
                    )),
                }
            }
            _ => None,
        };
    if quote.is_some() && (comments.len() > 1 || comments.iter().any(|c| c.chars().count() > 1)) {
        return Err(PyValueError::new_err(
            "when multiple comments or a multi-character comment is given, quotes are not supported.  In this case quotechar must be set to None.",
        ));
    }
    if !(0..=2).contains(&ndmin) {
        return Err(PyValueError::new_err(format!(
            "Illegal value of ndmin keyword: {ndmin}"
        )));
    }
    if skiprows < 0 {
        return Err(PyValueError::new_err(
            "argument must be a nonnegative integer",
        ));
    }
    let max_rows = match max_rows {
        Some(m) if m < 0 => {
            return Err(PyValueError::new_err(
                "argument must be a nonnegative integer",
            ))
        }
        Some(m) => Some(m as usize),
        None => None,
    };
    let usecols: Option<Vec<isize>> = match usecols {
        Some(u) if !u.is_none() => Some(match u.extract::<isize>() {
            Ok(i) => vec![i],
            Err(_) => u.extract()?,
        }),
        _ => None,
    };
    let opts = text::ReadOptions {
        delimiter,
        comments,
        quote,
        skiprows: skiprows as usize,
        max_rows,
        usecols,
    };
    let content = read_text(py, fname, encoding)?;
    let a = match converters {
        Some(c) if !c.is_none() => loadtxt_converters(py, &content, &opts, &dtype, c)?,
        _ => py
            .detach(|| {
                let t = text::tokenize(&content, &opts)?;
                let ncols = if t.nrows == 0 && opts.usecols.is_none() {
                    1
                } else {
                    t.ncols
                };
                if t.nrows == 0 {
                    return NdArray::zeros(&[0, ncols], dtype.clone(), Order::C);
                }
                text::parse_table(&t, &dtype)
            })
            .py()?,
    };
    let a = finish_loadtxt(py, a, ndmin as usize, unpack)?;
    if a.ndim() > 0 && a.shape()[0] == 0 {
        let name = fname.str()?.to_string();
        let msg = std::ffi::CString::new(format!("loadtxt: input contained no data: \"{name}\""))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &msg, 1)?;
    }
    Ok(wrap(py, a)?.into_bound(py).into_any())
}

/// loadtxt with Python converters: fields go through the converter of their column (or
/// the one for all columns), the rest are parsed as usual.
fn loadtxt_converters(
    py: Python<'_>,
    content: &str,
    opts: &text::ReadOptions,
    dtype: &DType,
    conv: &Bound<'_, PyAny>,
) -> PyResult<NdArray> {
    let t = text::tokenize(content, opts).py()?;
    let all = conv.is_callable();
    let dict = conv.cast::<PyDict>().ok();
    if !all && dict.is_none() {
        return Err(PyTypeError::new_err("converters must be a dictionary mapping columns to converter functions or a single callable."));
    }
    let ncols = t.ncols.max(1);
    let mut col_conv: Vec<Option<Bound<'_, PyAny>>> = vec![None; t.ncols];
    for (slot, conv_slot) in col_conv.iter_mut().enumerate() {
        let file_col = t.columns.get(slot).copied().unwrap_or(slot);
        if all {
            *conv_slot = Some(conv.clone());
        } else if let Some(d) = &dict {
            for (k, v) in d.iter() {
                let k: isize = k.extract()?;
                let matches = k == file_col as isize
                    || (opts
                        .usecols
                        .as_ref()
                        .is_some_and(|u| u.get(slot) == Some(&k)));
                if matches {
                    *conv_slot = Some(v);
                }
            }
        }
    }
    let rows = PyList::empty(py);
    for r in 0..t.nrows {
        let row = PyList::empty(py);
        for (c, cv) in col_conv.iter().enumerate() {
            let Some(field) = t.fields.get(r * ncols + c) else {
                continue;
            };
            match cv {
                Some(f) => row.append(f.call1((field.as_ref(),))?)?,
                None => {
                    let v = text::parse_scalar(field, dtype.kind()).ok_or_else(|| {
                        PyValueError::new_err(format!(
                            "could not convert string '{field}' to {} at row {r}, column {}.",
                            dtype.name(),
                            t.columns.get(c).copied().unwrap_or(c) + 1
                        ))
                    })?;
                    row.append(crate::scalar::scalar_to_python(py, v)?)?;
                }
            }
        }
        rows.append(row)?;
    }
    if t.nrows == 0 {
        return NdArray::zeros(
            &[0, if opts.usecols.is_none() { 1 } else { t.ncols }],
            dtype.clone(),
            Order::C,
        )
        .py();
    }
    to_array(rows.as_any(), Some(dtype))
}

/// Save an array to a text file.
#[pyfunction]
#[allow(non_snake_case)] // NumPy's parameter is `X` (callers may pass it by name)
#[pyo3(signature = (fname, X, fmt=None, delimiter=" ", newline="\n", header="", footer="", comments="# ", encoding=None))]
pub fn savetxt(
    py: Python<'_>,
    fname: &Bound<'_, PyAny>,
    X: &Bound<'_, PyAny>,
    fmt: Option<&Bound<'_, PyAny>>,
    delimiter: &str,
    newline: &str,
    header: &str,
    footer: &str,
    comments: &str,
    encoding: Option<&str>,
) -> PyResult<()> {
    let a = to_array(X, None)?;
    if a.ndim() == 0 || a.ndim() > 2 {
        return Err(PyValueError::new_err(format!(
            "Expected 1D or 2D array, got {}D array instead",
            a.ndim()
        )));
    }
    let a = if a.ndim() == 1 {
        a.reshape(&[-1, 1], Order::C).py()?
    } else {
        a
    };
    let ncol = a.shape()[1];
    let complex = a.kind().is_complex();
    let format: String = match fmt {
        None => fmt_for(complex, ncol, delimiter, "%.18e"),
        Some(f) if f.is_instance_of::<PyList>() || f.is_instance_of::<PyTuple>() => {
            let parts: Vec<String> = f.extract()?;
            if parts.len() != ncol {
                return Err(pyo3::exceptions::PyAttributeError::new_err(format!(
                    "fmt has wrong shape.  {}",
                    f.str()?
                )));
            }
            parts.join(delimiter)
        }
        Some(f) if f.is_instance_of::<PyString>() => {
            let s: String = f.extract()?;
            let n = s.matches('%').count();
            if n == 1 {
                fmt_for(complex, ncol, delimiter, &s)
            } else if (complex && n != 2 * ncol) || (!complex && n != ncol) {
                return Err(PyValueError::new_err(format!(
                    "fmt has wrong number of % formats:  {s}"
                )));
            } else {
                s
            }
        }
        Some(f) => return Err(PyValueError::new_err(format!("invalid fmt: {}", f.repr()?))),
    };
    let mut outtext = String::new();
    if !header.is_empty() {
        outtext.push_str(comments);
        outtext.push_str(&header.replace('\n', &format!("\n{comments}")));
        outtext.push_str(newline);
    }
    let body = match text::parse_format(&format) {
        Some(pieces) => py.detach(|| format_rows(&a, &pieces, newline, complex)),
        None => None,
    };
    match body {
        Some(b) => outtext.push_str(&b),
        None => outtext.push_str(&format_rows_python(py, &a, &format, newline, complex)?),
    }
    if !footer.is_empty() {
        outtext.push_str(comments);
        outtext.push_str(&footer.replace('\n', &format!("\n{comments}")));
        outtext.push_str(newline);
    }
    let encode = |s: &str| -> PyResult<Vec<u8>> {
        match encoding {
            None => s
                .chars()
                .map(|c| {
                    u8::try_from(u32::from(c)).map_err(|_| {
                        PyValueError::new_err("'latin-1' codec can't encode character")
                    })
                })
                .collect(),
            Some(e)
                if e.eq_ignore_ascii_case("latin1")
                    || e.eq_ignore_ascii_case("latin-1")
                    || e == "bytes" =>
            {
                s.chars()
                    .map(|c| {
                        u8::try_from(u32::from(c)).map_err(|_| {
                            PyValueError::new_err("'latin-1' codec can't encode character")
                        })
                    })
                    .collect()
            }
            Some(_) => Ok(s.as_bytes().to_vec()),
        }
    };
    if let Some(p) = path_of(fname)? {
        let s = p.to_string_lossy().to_string();
        if s.ends_with(".gz") {
            let f = py
                .import("gzip")?
                .call_method1("open", (s.as_str(), "wb"))?;
            f.call_method1("write", (PyBytes::new(py, outtext.as_bytes()),))?;
            f.call_method0("close")?;
            return Ok(());
        }
        // NumPy opens paths in text mode with the locale's (UTF-8) encoding.
        let bytes = match encoding {
            None => outtext.into_bytes(),
            Some(_) => encode(&outtext)?,
        };
        std::fs::write(&p, bytes)?;
        return Ok(());
    }
    if !fname.hasattr("write")? {
        return Err(PyValueError::new_err(
            "fname must be a string or file handle",
        ));
    }
    // Text streams take str; binary streams take bytes.
    match fname.call_method1("write", (outtext.as_str(),)) {
        Ok(_) => Ok(()),
        Err(e) if e.is_instance_of::<PyTypeError>(py) => {
            fname.call_method1("write", (PyBytes::new(py, &encode(&outtext)?),))?;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn fmt_for(complex: bool, ncol: usize, delimiter: &str, one: &str) -> String {
    let f = if complex {
        format!(" ({one}+{one}j)")
    } else {
        one.to_string()
    };
    vec![f; ncol].join(delimiter)
}

/// Format the rows in Rust; `None` when some value needs Python's `%` (to raise its
/// error, e.g. `%d` of NaN) or the specifier count does not match.
fn format_rows(
    a: &NdArray,
    pieces: &[text::Piece],
    newline: &str,
    complex: bool,
) -> Option<String> {
    let nspec = pieces
        .iter()
        .filter(|p| matches!(p, text::Piece::Spec(_)))
        .count();
    let (rows, cols) = (a.shape()[0], a.shape()[1]);
    let per_row = if complex { 2 * cols } else { cols };
    if nspec != per_row {
        return None;
    }
    let kind = a.kind();
    let values: Vec<text::Value> = if complex {
        a.to_vec::<numoxide_core::element::Complex128>()
            .into_iter()
            .flat_map(|c| [text::Value::Float(c.re), text::Value::Float(c.im)])
            .collect()
    } else if kind.is_integer() || kind == DTypeKind::Bool {
        if kind == DTypeKind::UInt64 {
            a.to_vec::<u64>()
                .into_iter()
                .map(|v| text::Value::Int(i128::from(v)))
                .collect()
        } else {
            a.to_vec::<i64>()
                .into_iter()
                .map(|v| text::Value::Int(i128::from(v)))
                .collect()
        }
    } else {
        a.to_vec::<f64>()
            .into_iter()
            .map(text::Value::Float)
            .collect()
    };
    let mut out = String::with_capacity(rows * per_row * 26);
    let mut line = String::new();
    for r in 0..rows {
        line.clear();
        let mut k = r * per_row;
        for p in pieces {
            match p {
                text::Piece::Lit(s) => line.push_str(s),
                text::Piece::Spec(s) => {
                    text::format_value(s, *values.get(k)?, &mut line)?;
                    k += 1;
                }
            }
        }
        if complex {
            out.push_str(&line.replace("+-", "-"));
        } else {
            out.push_str(&line);
        }
        out.push_str(newline);
    }
    Some(out)
}

/// Format the rows with Python's `%` operator on numoxide scalars, as NumPy does.
fn format_rows_python(
    py: Python<'_>,
    a: &NdArray,
    format: &str,
    newline: &str,
    complex: bool,
) -> PyResult<String> {
    let fmt = PyString::new(py, format);
    let mut out = String::new();
    for r in 0..a.shape()[0] {
        let mut items = Vec::new();
        for c in 0..a.shape()[1] {
            let s = a.get(&[r as isize, c as isize]).py()?;
            if complex {
                let z: numoxide_core::element::Complex128 =
                    s.to::<numoxide_core::element::Complex128>();
                let part = if a.kind() == DTypeKind::Complex64 {
                    DTypeKind::Float32
                } else {
                    DTypeKind::Float64
                };
                items.push(crate::scalar::scalar_to_python(
                    py,
                    Scalar::Float64(z.re).cast(part),
                )?);
                items.push(crate::scalar::scalar_to_python(
                    py,
                    Scalar::Float64(z.im).cast(part),
                )?);
            } else {
                items.push(crate::scalar::scalar_to_python(py, s)?);
            }
        }
        let t = PyTuple::new(py, items)?;
        let line = fmt.as_any().rem(t).map_err(|e| {
            if e.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(format!(
                    "Mismatch between array dtype ('{}') and format specifier ('{format}')",
                    a.dtype()
                ))
            } else {
                e
            }
        })?;
        let line: String = line.extract()?;
        if complex {
            out.push_str(&line.replace("+-", "-"));
        } else {
            out.push_str(&line);
        }
        out.push_str(newline);
    }
    Ok(out)
}

/// Load data from a text file, with missing values handled as specified.
#[pyfunction]
#[pyo3(signature = (fname, *args, **kwargs))]
pub fn genfromtxt<'py>(
    py: Python<'py>,
    fname: &Bound<'py, PyAny>,
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let f = py.import("numoxide.lib.npyio")?.getattr("genfromtxt")?;
    let mut all = vec![fname.clone()];
    all.extend(args.iter());
    f.call(PyTuple::new(py, all)?, kwargs)
}

/// Tokenize and parse one field (used by genfromtxt's Python glue).
#[pyfunction]
pub fn _parse_field<'py>(
    py: Python<'py>,
    field: &str,
    dtype: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let d = dtype_from_py(dtype)?;
    match text::parse_scalar(field, d.kind()) {
        Some(s) => Ok(Some(crate::scalar::scalar_to_python(py, s)?)),
        None => Ok(None),
    }
}
