//! Bindings of the linalg family: the products at top level (`matmul`, `dot`, `einsum`,
//! ...) and the `_linalg` submodule behind `numoxide.linalg`.

use numoxide_core::{NdArray, Order};
use numoxide_linalg as la;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};

use crate::array::{wrap, PyNdArray};
use crate::convert::{dtype_arg, to_array};
use crate::error::IntoPyResult;
use crate::scalar::scalar_to_numoxide;

/// A result as NumPy returns it: a scalar for 0-d, an array otherwise.
fn ret(py: Python<'_>, a: NdArray) -> PyResult<Py<PyAny>> {
    if a.ndim() == 0 {
        Ok(scalar_to_numoxide(py, a.item().py()?)?.unbind())
    } else {
        Ok(wrap(py, a)?.into_any())
    }
}

fn arr(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    to_array(obj, None)
}

/// Write `result` into `out` (same shape required) and return `out`.
fn into_out(
    py: Python<'_>,
    result: NdArray,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    match out {
        Some(o) if !o.is_none() => {
            let target = o
                .cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("return arrays must be of ArrayType"))?;
            let dst = target.get().inner().clone();
            if dst.shape() != result.shape() {
                return Err(PyValueError::new_err(
                    "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)",
                ));
            }
            dst.assign(&result).py()?;
            Ok(o.clone().unbind())
        }
        _ => ret(py, result),
    }
}

/// An integer keyword as NumPy reads it: the value, or the `TypeError` text of its
/// conversion.
fn int_kw(obj: &Bound<'_, PyAny>) -> la::IntArg {
    obj.extract::<isize>()
        .map_err(|e| e.value(obj.py()).to_string())
}

/// The gufunc keywords `axes=`, `axis=`, `keepdims=` from `**kwargs`; any other name is
/// Python's unexpected-keyword `TypeError`.
fn core_keywords(name: &str, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<la::CoreKeywords> {
    let mut kw = la::CoreKeywords::default();
    let Some(d) = kwargs else { return Ok(kw) };
    for (k, v) in d.iter() {
        let key: String = k.extract()?;
        match key.as_str() {
            "axes" => {
                kw.axes = Some(match v.cast::<PyList>() {
                    Ok(list) => Ok(list
                        .iter()
                        .map(|item| match item.cast::<PyTuple>() {
                            Ok(t) => la::AxesItem::Tuple(t.iter().map(|x| int_kw(&x)).collect()),
                            Err(_) => la::AxesItem::Other(int_kw(&item)),
                        })
                        .collect()),
                    Err(_) => Err(()),
                });
            }
            "axis" => kw.axis = Some(int_kw(&v)),
            "keepdims" => {
                let b = v
                    .cast::<PyBool>()
                    .map_err(|_| PyTypeError::new_err("'keepdims' must be a boolean"))?;
                kw.keepdims = Some(b.is_true());
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "{name}() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    Ok(kw)
}

/// `out=` of a ufunc call: an array or a 1-tuple holding one (`None` when absent).
fn ufunc_out<'py>(out: Option<&Bound<'py, PyAny>>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let Some(o) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let o = match o.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => t.get_item(0)?,
        Ok(_) => {
            return Err(PyValueError::new_err(
                "The 'out' tuple must have exactly one entry per ufunc output",
            ))
        }
        Err(_) => o.clone(),
    };
    if o.is_none() {
        return Ok(None);
    }
    if o.cast::<PyNdArray>().is_err() {
        return Err(PyTypeError::new_err("return arrays must be of ArrayType"));
    }
    Ok(Some(o))
}

/// One of the product gufuncs with NumPy's ufunc keywords: `dtype=` casts the inputs under
/// `casting=`, `out=`, `axes=`/`axis=`/`keepdims=`.
#[allow(clippy::too_many_arguments)]
fn product_call(
    py: Python<'_>,
    f: la::Gufunc,
    name: &str,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    use numoxide_core::cast::{can_cast, ufunc_cast_error, Casting};
    let kw = core_keywords(name, kwargs)?;
    let rule = Casting::parse(casting).py()?;
    let (a, b) = (arr(x1)?, arr(x2)?);
    let (a, b) = match dtype_arg(dtype)? {
        Some(d) => {
            // The ufunc casts its inputs to the requested loop under `casting`.
            for (i, x) in [&a, &b].into_iter().enumerate() {
                if !can_cast(x.dtype(), &d, rule) {
                    let operand = format!("input {i}");
                    return Err(ufunc_cast_error(name, &operand, x.dtype(), &d, rule)).py();
                }
            }
            (
                a.astype(d.clone(), Order::K).py()?,
                b.astype(d, Order::K).py()?,
            )
        }
        None => (a, b),
    };
    let out = ufunc_out(out)?;
    let target = out
        .as_ref()
        .and_then(|o| o.cast::<PyNdArray>().ok())
        .map(|o| o.get().inner().clone());
    let r = la::product_gufunc(f, &a, &b, target.as_ref(), &kw, rule).py()?;
    match out {
        Some(o) => Ok(o.unbind()),
        None => ret(py, r),
    }
}

/// The product gufuncs (`matmul`, `vecdot`, `matvec`, `vecmat`): one shared call with
/// NumPy's gufunc keywords (`axes=`, `axis=`, `keepdims=`, `out=`, `dtype=`, `casting=`).
macro_rules! product_fn {
    ($fname:ident, $variant:ident, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (x1, x2, /, out=None, *, dtype=None, casting="same_kind", **kwargs))]
        fn $fname(
            py: Python<'_>,
            x1: &Bound<'_, PyAny>,
            x2: &Bound<'_, PyAny>,
            out: Option<&Bound<'_, PyAny>>,
            dtype: Option<&Bound<'_, PyAny>>,
            casting: &str,
            kwargs: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<Py<PyAny>> {
            product_call(
                py,
                la::Gufunc::$variant,
                stringify!($fname),
                x1,
                x2,
                out,
                dtype,
                casting,
                kwargs,
            )
        }
    };
}
product_fn!(
    matmul,
    Matmul,
    "Matrix product of two arrays (NumPy's `matmul`)."
);
product_fn!(
    vecdot,
    Vecdot,
    "Vector dot product over an axis, conjugating the first (NumPy's `vecdot`)."
);
product_fn!(matvec, Matvec, "Matrix-vector product (NumPy's `matvec`).");
product_fn!(
    vecmat,
    Vecmat,
    "Vector-matrix product, conjugating the vector (NumPy's `vecmat`)."
);

/// Dot product of two arrays (NumPy's `dot`).
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
fn dot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let r = la::dot(&arr(a)?, &arr(b)?).py()?;
    if let Some(o) = out.and_then(|o| o.cast::<PyNdArray>().ok()) {
        // NumPy's dot writes straight into `out`: exactly the result's dtype, C order.
        let o = o.get().inner();
        if o.dtype() != r.dtype() || !o.is_c_contiguous() {
            return Err(PyValueError::new_err(
                "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)",
            ));
        }
    }
    into_out(py, r, out)
}

/// Dot product of two flattened vectors, conjugating the first (NumPy's `vdot`).
#[pyfunction]
#[pyo3(signature = (a, b, /))]
fn vdot(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::vdot(&arr(a)?, &arr(b)?).py()?)
}

/// Inner product over the last axes (NumPy's `inner`).
#[pyfunction]
#[pyo3(signature = (a, b, /))]
fn inner(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::inner(&arr(a)?, &arr(b)?).py()?)
}

/// Outer product of two flattened arrays (NumPy's `outer`).
#[pyfunction]
#[pyo3(signature = (a, b, out=None))]
fn outer(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    into_out(py, la::outer(&arr(a)?, &arr(b)?).py()?, out)
}

fn int_list(obj: &Bound<'_, PyAny>) -> PyResult<Vec<isize>> {
    if let Ok(i) = obj.extract::<isize>() {
        return Ok(vec![i]);
    }
    obj.extract::<Vec<isize>>()
}

/// Tensor dot product over the given axes (NumPy's `tensordot`).
#[pyfunction]
#[pyo3(signature = (a, b, axes=None))]
fn tensordot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (arr(a)?, arr(b)?);
    let (xa, xb): (Vec<isize>, Vec<isize>) = match axes {
        None => ((-2..0).collect(), (0..2).collect()),
        Some(ax) => {
            if let Ok(n) = ax.extract::<isize>() {
                // NumPy's range(-n, 0) and range(n): both empty for n < 0 (an outer
                // product).
                ((-n..0).collect(), (0..n).collect())
            } else {
                let pair: Vec<Bound<'_, PyAny>> = ax.try_iter()?.collect::<PyResult<_>>()?;
                if pair.len() != 2 {
                    return Err(PyValueError::new_err("axes must consist of two sequences"));
                }
                (int_list(&pair[0])?, int_list(&pair[1])?)
            }
        }
    };
    // NumPy reshapes its dot result: a full contraction is a 0-d array, not a scalar.
    Ok(wrap(py, la::tensordot(&a, &b, &xa, &xb).py()?)?.into_any())
}

/// Kronecker product (NumPy's `kron`).
#[pyfunction]
#[pyo3(signature = (a, b))]
fn kron(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::kron(&arr(a)?, &arr(b)?).py()?)
}

/// Sum along a diagonal (NumPy's `trace`).
#[pyfunction]
#[pyo3(signature = (a, offset=0, axis1=0, axis2=1, dtype=None, out=None))]
fn trace(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let d = dtype_arg(dtype)?.map(|d| d.kind());
    into_out(py, la::trace(&arr(a)?, offset, axis1, axis2, d).py()?, out)
}

/// Cross product of 3-vectors (NumPy's `cross`).
#[pyfunction]
#[pyo3(signature = (a, b, axisa=-1, axisb=-1, axisc=-1, axis=None))]
fn cross(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axisa: isize,
    axisb: isize,
    axisc: isize,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let (xa, xb, xc) = match axis {
        Some(x) => (x, x, x),
        None => (axisa, axisb, axisc),
    };
    ret(py, la::cross(&arr(a)?, &arr(b)?, xa, xb, xc).py()?)
}

/// Letters for the interleaved `einsum(op, sublist, ...)` form.
fn sublist_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut s = String::new();
    for item in obj.try_iter()? {
        let item = item?;
        if item.is(py_ellipsis(obj.py())) {
            s.push_str("...");
            continue;
        }
        let i: usize = item.extract()?;
        let c = match i {
            0..=25 => (b'A' + i as u8) as char,
            26..=51 => (b'a' + (i - 26) as u8) as char,
            _ => {
                return Err(PyValueError::new_err(
                    "subscript is not within the valid range [0, 52)",
                ))
            }
        };
        s.push(c);
    }
    Ok(s)
}

fn py_ellipsis(py: Python<'_>) -> Bound<'_, PyAny> {
    py.Ellipsis().into_bound(py)
}

/// Split einsum's arguments into subscripts and operands.
fn einsum_args(args: &Bound<'_, PyTuple>) -> PyResult<(String, Vec<NdArray>)> {
    let first = args.get_item(0).map_err(|_| {
        PyValueError::new_err(
            "must specify the einstein sum subscripts string and at least one operand",
        )
    })?;
    if let Ok(s) = first.cast::<PyString>() {
        let ops = args
            .iter()
            .skip(1)
            .map(|o| arr(&o))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok((s.to_str()?.to_owned(), ops));
    }
    let items: Vec<Bound<'_, PyAny>> = args.iter().collect();
    let mut ops = Vec::new();
    let mut terms = Vec::new();
    let mut i = 0;
    while i + 1 < items.len() {
        ops.push(arr(&items[i])?);
        terms.push(sublist_text(&items[i + 1])?);
        i += 2;
    }
    let mut text = terms.join(",");
    if i < items.len() {
        text.push_str("->");
        text.push_str(&sublist_text(&items[i])?);
    }
    Ok((text, ops))
}

/// NumPy's reading of `optimize=` (einsum_path's `path_type`).
enum Optimize {
    /// `False` (and `None`): no search, one step over all operands.
    Off,
    /// A named search with an optional memory limit.
    Search(la::PathKind, Option<f64>),
    /// `['einsum_path', (i, j), ...]`.
    Explicit(Vec<Vec<usize>>),
}

fn path_name(name: &str) -> la::PathKind {
    match name {
        "greedy" => la::PathKind::Greedy,
        "optimal" => la::PathKind::Optimal,
        _ => la::PathKind::Unknown,
    }
}

fn parse_optimize(o: Option<&Bound<'_, PyAny>>) -> PyResult<Optimize> {
    let Some(o) = o else {
        return Ok(Optimize::Off);
    };
    if o.is_none() {
        return Ok(Optimize::Off);
    }
    if let Ok(b) = o.cast::<pyo3::types::PyBool>() {
        return Ok(if b.is_true() {
            Optimize::Search(la::PathKind::Greedy, None)
        } else {
            Optimize::Off
        });
    }
    if let Ok(s) = o.cast::<PyString>() {
        return Ok(Optimize::Search(path_name(s.to_str()?), None));
    }
    let len = o.len()?;
    if len > 0 && o.get_item(0)?.eq("einsum_path")? {
        let mut path = Vec::new();
        for q in 1..len {
            path.push(o.get_item(q)?.extract::<Vec<usize>>()?);
        }
        return Ok(Optimize::Explicit(path));
    }
    if len == 2 {
        let (name, limit) = (o.get_item(0)?, o.get_item(1)?);
        let numeric = limit.is_instance_of::<pyo3::types::PyInt>()
            || limit.is_instance_of::<pyo3::types::PyFloat>();
        if let (Ok(name), true) = (name.cast::<PyString>(), numeric) {
            // NumPy keeps int(limit).
            let int = py_int(&limit)?;
            return Ok(Optimize::Search(path_name(name.to_str()?), Some(int)));
        }
    }
    Err(PyTypeError::new_err(format!(
        "Did not understand the path: {}",
        o.str()?
    )))
}

/// `int(x)` as a float (exact for every limit an array could reach).
fn py_int(x: &Bound<'_, PyAny>) -> PyResult<f64> {
    let int = x.py().get_type::<pyo3::types::PyInt>().call1((x,))?;
    int.extract::<f64>()
}

fn path_for(opt: Optimize, text: &str, ops: &[NdArray]) -> PyResult<Vec<Vec<usize>>> {
    let shapes: Vec<Vec<usize>> = ops.iter().map(|a| a.shape().to_vec()).collect();
    match opt {
        Optimize::Off => la::einsum_path(text, &shapes, la::PathKind::Unoptimized, None).py(),
        Optimize::Search(kind, limit) => la::einsum_path(text, &shapes, kind, limit).py(),
        Optimize::Explicit(p) => Ok(p),
    }
}

/// Einstein summation (NumPy's `einsum`).
#[pyfunction]
#[pyo3(signature = (*operands, out=None, optimize=None, dtype=None, order="K", casting="safe"))]
fn einsum(
    py: Python<'_>,
    operands: &Bound<'_, PyTuple>,
    out: Option<&Bound<'_, PyAny>>,
    optimize: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    casting: &str,
) -> PyResult<Py<PyAny>> {
    use numoxide_core::cast::{can_cast, promote_types, Casting};
    let rule = Casting::parse(casting).py()?;
    let order = match order {
        "K" | "k" | "A" | "a" | "C" | "c" => Order::C,
        "F" | "f" => Order::F,
        _ => {
            return Err(PyValueError::new_err(format!(
                "order must be one of 'C', 'F', 'A', or 'K' (got '{order}')"
            )))
        }
    };
    let (text, mut ops) = einsum_args(operands)?;
    let requested = dtype_arg(dtype)?;
    // NumPy's iterator casts every operand to one common dtype under `casting`.
    let common = match &requested {
        Some(d) => Some(d.clone()),
        None => ops
            .iter()
            .map(|a| a.dtype().clone())
            .reduce(|x, y| promote_types(&x, &y)),
    };
    if let Some(common) = &common {
        for (i, a) in ops.iter().enumerate() {
            if !can_cast(a.dtype(), common, rule) {
                return Err(PyTypeError::new_err(format!(
                    "Iterator operand {i} dtype could not be cast from dtype('{}') to dtype('{}') according to the rule '{casting}'",
                    a.dtype().name(),
                    common.name()
                )));
            }
        }
        if let Some(o) = out.and_then(|o| o.cast::<PyNdArray>().ok()) {
            let od = o.get().inner().dtype().clone();
            if !can_cast(common, &od, rule) {
                return Err(PyTypeError::new_err(format!(
                    "Iterator requested dtype could not be cast from dtype('{}') to dtype('{}'), the operand {} dtype, according to the rule '{casting}'",
                    common.name(),
                    od.name(),
                    ops.len()
                )));
            }
        }
    }
    if let Some(d) = requested {
        ops = ops
            .iter()
            .map(|a| a.astype(d.clone(), Order::K))
            .collect::<Result<_, _>>()
            .py()?;
    }
    // optimize=False (the default) contracts left to right; anything else asks
    // einsum_path for the order, as NumPy does.
    let path = match optimize {
        Some(o) if !o.is(pyo3::types::PyBool::new(py, false).as_any()) => {
            Some(path_for(parse_optimize(Some(o))?, &text, &ops)?)
        }
        _ => None,
    };
    let mut result = la::einsum(&text, &ops, path.as_deref()).py()?;
    if order == Order::F && result.ndim() > 1 {
        result = result.copy(Order::F).py()?;
    }
    // NumPy's optimized einsum ends a two-operand step in a matrix product, which
    // returns a 0-d array where the plain einsum returns a scalar.
    let matmul_last = path
        .as_ref()
        .and_then(|p| p.last())
        .is_some_and(|step| step.len() == 2);
    if matmul_last && result.ndim() == 0 && out.is_none_or(|o| o.is_none()) {
        return Ok(wrap(py, result)?.into_any());
    }
    into_out(py, result, out)
}

/// The report with the ellipsis axes' labels (Greek letters from the engine) renamed to
/// the letters NumPy picks: the last ones of `list(set(symbols) - set(used))`, a Python
/// set whose order we can only reproduce through Python's own set.
fn ellipsis_letters(py: Python<'_>, subscripts: &str, report: String) -> PyResult<String> {
    const ALPHA: u32 = 0x3b1;
    let Some(top) = report
        .chars()
        .filter(|&c| (ALPHA..ALPHA + 64).contains(&(c as u32)))
        .map(|c| c as u32 - ALPHA)
        .max()
    else {
        return Ok(report);
    };
    let symbols: String = ('a'..='z').chain('A'..='Z').collect();
    let used = subscripts.replace([',', '.'], "").replace("->", "");
    // Built exactly as NumPy builds them (`set(str)`, then `-`), so the table layout and
    // hence the iteration order agree.
    let set = py.get_type::<pyo3::types::PySet>();
    let all = set.call1((symbols,))?;
    let used = set.call1((used,))?;
    let unused: Vec<String> = all
        .call_method1("__sub__", (used,))?
        .try_iter()?
        .map(|x| x.and_then(|x| x.extract::<String>()))
        .collect::<PyResult<_>>()?;
    let longest = top as usize + 1;
    if unused.len() < longest {
        return Ok(report);
    }
    let first = unused.len() - longest;
    Ok(report
        .chars()
        .map(|c| {
            let k = (c as u32).wrapping_sub(ALPHA) as usize;
            if k < longest {
                unused[first + k].clone()
            } else {
                c.to_string()
            }
        })
        .collect())
}

/// The contraction order of an einsum expression and its report (NumPy's `einsum_path`).
/// Keywords: `optimize` (default `'greedy'`; an explicit `None` means no search) and
/// `einsum_call` (ignored).
#[pyfunction]
#[pyo3(signature = (*operands, **kwargs))]
fn einsum_path(
    py: Python<'_>,
    operands: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
) -> PyResult<(Py<PyAny>, String)> {
    let mut optimize = None;
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            match k.extract::<String>()?.as_str() {
                "optimize" => optimize = Some(v),
                "einsum_call" => {}
                other => {
                    return Err(PyTypeError::new_err(format!(
                        "einsum_path() got an unexpected keyword argument '{other}'"
                    )))
                }
            }
        }
    }
    let opt = match &optimize {
        None => Optimize::Search(la::PathKind::Greedy, None),
        Some(o) => parse_optimize(Some(o))?,
    };
    let (text, ops) = einsum_args(operands)?;
    let shapes: Vec<Vec<usize>> = ops.iter().map(|a| a.shape().to_vec()).collect();
    let (kind, limit, explicit) = match opt {
        Optimize::Off => (la::PathKind::Unoptimized, None, None),
        Optimize::Search(k, l) => (k, l, None),
        Optimize::Explicit(p) => (la::PathKind::Greedy, None, Some(p)),
    };
    let (steps, report) =
        la::einsum_path_report(&text, &shapes, kind, limit, explicit.as_deref()).py()?;
    let report = ellipsis_letters(py, &text, report)?;
    let list = PyList::empty(py);
    list.append("einsum_path")?;
    for step in steps {
        list.append(PyTuple::new(py, step)?)?;
    }
    Ok((list.into_any().unbind(), report))
}

// ----- numpy.linalg ------------------------------------------------------------------

/// Solve a linear system (`numpy.linalg.solve`).
#[pyfunction]
fn solve(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::solve(&arr(a)?, &arr(b)?).py()?)
}

/// Matrix inverse (`numpy.linalg.inv`).
#[pyfunction]
fn inv(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::inv(&arr(a)?).py()?)
}

/// Determinant (`numpy.linalg.det`).
#[pyfunction]
fn det(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::det(&arr(a)?).py()?)
}

/// Sign and log-determinant (`numpy.linalg.slogdet`) as a pair.
#[pyfunction]
fn slogdet(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let (s, l) = la::slogdet(&arr(a)?).py()?;
    Ok((ret(py, s)?, ret(py, l)?))
}

/// Eigenvalues and right eigenvectors (`numpy.linalg.eig`) as a pair.
#[pyfunction]
fn eig(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let r = la::eig(&arr(a)?, true).py()?;
    let v = r
        .vectors
        .ok_or_else(|| PyValueError::new_err("eig: no eigenvectors"))?;
    Ok((ret(py, r.values)?, ret(py, v)?))
}

/// Eigenvalues (`numpy.linalg.eigvals`).
#[pyfunction]
fn eigvals(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    ret(py, la::eigvals(&arr(a)?).py()?)
}

fn uplo(s: &str) -> PyResult<bool> {
    match s {
        "L" | "l" => Ok(false),
        "U" | "u" => Ok(true),
        _ => Err(PyValueError::new_err("UPLO argument must be 'L' or 'U'")),
    }
}

/// Hermitian eigendecomposition (`numpy.linalg.eigh`) as a pair.
#[pyfunction]
#[pyo3(signature = (a, UPLO="L"))]
#[allow(non_snake_case)]
fn eigh(py: Python<'_>, a: &Bound<'_, PyAny>, UPLO: &str) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let (w, v) = la::eigh(&arr(a)?, uplo(UPLO)?, true).py()?;
    let v = v.ok_or_else(|| PyValueError::new_err("eigh: no eigenvectors"))?;
    Ok((ret(py, w)?, ret(py, v)?))
}

/// Hermitian eigenvalues (`numpy.linalg.eigvalsh`).
#[pyfunction]
#[pyo3(signature = (a, UPLO="L"))]
#[allow(non_snake_case)]
fn eigvalsh(py: Python<'_>, a: &Bound<'_, PyAny>, UPLO: &str) -> PyResult<Py<PyAny>> {
    ret(py, la::eigh(&arr(a)?, uplo(UPLO)?, false).py()?.0)
}

/// Singular value decomposition (`numpy.linalg.svd`): `(U, S, Vh)` or `S`.
#[pyfunction]
#[pyo3(signature = (a, full_matrices=true, compute_uv=true, hermitian=false))]
fn svd(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> PyResult<Py<PyAny>> {
    let r = la::svd(&arr(a)?, full_matrices, compute_uv, hermitian).py()?;
    match (r.u, r.vh) {
        (Some(u), Some(vh)) => {
            let t = PyTuple::new(py, [ret(py, u)?, ret(py, r.s)?, ret(py, vh)?])?;
            Ok(t.into_any().unbind())
        }
        _ => ret(py, r.s),
    }
}

/// QR decomposition (`numpy.linalg.qr`): `(Q, R)`, `R`, or `(h, tau)`.
#[pyfunction]
#[pyo3(signature = (a, mode="reduced"))]
fn qr(py: Python<'_>, a: &Bound<'_, PyAny>, mode: &str) -> PyResult<Py<PyAny>> {
    let m = match mode {
        "reduced" => la::QrMode::Reduced,
        "complete" => la::QrMode::Complete,
        "r" => la::QrMode::R,
        "raw" => la::QrMode::Raw,
        _ => return Err(PyValueError::new_err(format!("Unrecognized mode '{mode}'"))),
    };
    let r = la::qr(&arr(a)?, m).py()?;
    match r.q {
        Some(q) => Ok(PyTuple::new(py, [ret(py, q)?, ret(py, r.r)?])?
            .into_any()
            .unbind()),
        None => ret(py, r.r),
    }
}

/// Cholesky factor (`numpy.linalg.cholesky`).
#[pyfunction]
#[pyo3(signature = (a, /, *, upper=false))]
fn cholesky(py: Python<'_>, a: &Bound<'_, PyAny>, upper: bool) -> PyResult<Py<PyAny>> {
    ret(py, la::cholesky(&arr(a)?, upper).py()?)
}

/// Least-squares solution (`numpy.linalg.lstsq`): `(x, residuals, rank, s)`.
#[pyfunction]
#[pyo3(signature = (a, b, rcond=None))]
fn lstsq(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    rcond: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let r = la::lstsq(&arr(a)?, &arr(b)?, rcond).py()?;
    let rank = scalar_to_numoxide(py, numoxide_core::Scalar::Int32(r.rank as i32))?.unbind();
    let t = PyTuple::new(
        py,
        [
            ret(py, r.x)?,
            wrap(py, r.residuals)?.into_any(),
            rank,
            wrap(py, r.s)?.into_any(),
        ],
    )?;
    Ok(t.into_any().unbind())
}

/// Pseudo-inverse (`numpy.linalg.pinv`) with a relative cutoff.
#[pyfunction]
#[pyo3(signature = (a, rcond=1e-15, hermitian=false))]
fn pinv(py: Python<'_>, a: &Bound<'_, PyAny>, rcond: f64, hermitian: bool) -> PyResult<Py<PyAny>> {
    ret(py, la::pinv(&arr(a)?, rcond, hermitian).py()?)
}

/// Matrix rank (`numpy.linalg.matrix_rank`).
#[pyfunction]
#[pyo3(signature = (a, tol=None, hermitian=false, rtol=None))]
fn matrix_rank(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    tol: Option<f64>,
    hermitian: bool,
    rtol: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let a = arr(a)?;
    let r = la::matrix_rank(&a, tol, hermitian, rtol).py()?;
    if a.ndim() < 2 {
        // NumPy returns a Python int for vectors and scalars.
        return Ok(r
            .item()
            .py()?
            .to::<i64>()
            .into_pyobject(py)?
            .into_any()
            .unbind());
    }
    ret(py, r)
}

fn norm_ord(ord: Option<&Bound<'_, PyAny>>) -> PyResult<la::NormOrd> {
    let Some(o) = ord else {
        return Ok(la::NormOrd::Default);
    };
    if o.is_none() {
        return Ok(la::NormOrd::Default);
    }
    if let Ok(s) = o.extract::<String>() {
        return Ok(match s.as_str() {
            "fro" => la::NormOrd::Fro,
            "nuc" => la::NormOrd::Nuc,
            _ => la::NormOrd::Other(s),
        });
    }
    Ok(la::NormOrd::P(o.extract::<f64>()?))
}

fn axes_opt(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match axis {
        Some(a) if !a.is_none() => {
            if let Ok(i) = a.extract::<isize>() {
                Ok(Some(vec![i]))
            } else {
                a.extract::<Vec<isize>>().map(Some).map_err(|_| {
                    PyTypeError::new_err("'axis' must be None, an integer or a tuple of integers")
                })
            }
        }
        _ => Ok(None),
    }
}

/// Matrix or vector norm (`numpy.linalg.norm`).
#[pyfunction]
#[pyo3(signature = (x, ord=None, axis=None, keepdims=false))]
fn norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    ord: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let ax = axes_opt(axis)?;
    ret(
        py,
        la::norm(&arr(x)?, &norm_ord(ord)?, ax.as_deref(), keepdims).py()?,
    )
}

/// Vector norm (`numpy.linalg.vector_norm`).
#[pyfunction]
#[pyo3(signature = (x, /, *, axis=None, keepdims=false, ord=None))]
fn vector_norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    ord: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let ord = norm_ord(ord)?;
    let x = arr(x)?;
    let tuple_axis = axis.is_some_and(|a| a.is_instance_of::<pyo3::types::PyTuple>());
    if !tuple_axis {
        // NumPy reduces over an int axis (or the flattened array) through `norm`, which
        // rejects a string order before it looks at the axis.
        ord.vector_p().py()?;
    }
    let ax = axes_opt(axis)?;
    ret(py, la::vector_norm(&x, ax.as_deref(), keepdims, &ord).py()?)
}

/// Matrix norm (`numpy.linalg.matrix_norm`).
#[pyfunction]
#[pyo3(signature = (x, /, *, keepdims=false, ord=None))]
fn matrix_norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    keepdims: bool,
    ord: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let o = match norm_ord(ord)? {
        la::NormOrd::Default => la::NormOrd::Fro,
        o => o,
    };
    ret(py, la::matrix_norm(&arr(x)?, keepdims, &o).py()?)
}

/// Condition number (`numpy.linalg.cond`).
#[pyfunction]
#[pyo3(signature = (x, p=None))]
fn cond(py: Python<'_>, x: &Bound<'_, PyAny>, p: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    ret(py, la::cond(&arr(x)?, &norm_ord(p)?).py()?)
}

/// Integer matrix power (`numpy.linalg.matrix_power`).
#[pyfunction]
fn matrix_power(py: Python<'_>, a: &Bound<'_, PyAny>, n: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let n: i64 = n
        .extract()
        .map_err(|_| PyTypeError::new_err("exponent must be an integer"))?;
    let x = arr(a)?;
    if n == 1 && a.cast::<PyNdArray>().is_ok() {
        let s = x.shape();
        if s.len() >= 2 && s[s.len() - 1] == s[s.len() - 2] {
            // NumPy returns `a` itself (no copy) for n == 1.
            return Ok(a.clone().unbind());
        }
    }
    ret(py, la::matrix_power(&x, n).py()?)
}

/// `np.matrix_transpose(x)`: a view with the last two axes swapped.
#[pyfunction]
#[pyo3(signature = (x, /))]
fn matrix_transpose(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let view = |a: &NdArray| -> PyResult<NdArray> {
        if a.ndim() < 2 {
            return Err(PyValueError::new_err(format!(
                "Input array must be at least 2-dimensional, but it is {}",
                a.ndim()
            )));
        }
        a.swapaxes(-1, -2).py()
    };
    if let Ok(parent) = x.cast::<PyNdArray>() {
        let t = view(&parent.get().inner())?;
        return Ok(crate::array::wrap_view(py, parent, t)?.into_any());
    }
    Ok(wrap(py, view(&arr(x)?)?)?.into_any())
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(matmul, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_transpose, m)?)?;
    m.add_function(wrap_pyfunction!(dot, m)?)?;
    m.add_function(wrap_pyfunction!(vdot, m)?)?;
    m.add_function(wrap_pyfunction!(inner, m)?)?;
    m.add_function(wrap_pyfunction!(outer, m)?)?;
    m.add_function(wrap_pyfunction!(tensordot, m)?)?;
    m.add_function(wrap_pyfunction!(kron, m)?)?;
    m.add_function(wrap_pyfunction!(trace, m)?)?;
    m.add_function(wrap_pyfunction!(vecdot, m)?)?;
    m.add_function(wrap_pyfunction!(matvec, m)?)?;
    m.add_function(wrap_pyfunction!(vecmat, m)?)?;
    m.add_function(wrap_pyfunction!(cross, m)?)?;
    m.add_function(wrap_pyfunction!(einsum, m)?)?;
    m.add_function(wrap_pyfunction!(einsum_path, m)?)?;
    let sub = PyModule::new(m.py(), "_linalg")?;
    sub.add_function(wrap_pyfunction!(solve, &sub)?)?;
    sub.add_function(wrap_pyfunction!(inv, &sub)?)?;
    sub.add_function(wrap_pyfunction!(det, &sub)?)?;
    sub.add_function(wrap_pyfunction!(slogdet, &sub)?)?;
    sub.add_function(wrap_pyfunction!(eig, &sub)?)?;
    sub.add_function(wrap_pyfunction!(eigvals, &sub)?)?;
    sub.add_function(wrap_pyfunction!(eigh, &sub)?)?;
    sub.add_function(wrap_pyfunction!(eigvalsh, &sub)?)?;
    sub.add_function(wrap_pyfunction!(svd, &sub)?)?;
    sub.add_function(wrap_pyfunction!(qr, &sub)?)?;
    sub.add_function(wrap_pyfunction!(cholesky, &sub)?)?;
    sub.add_function(wrap_pyfunction!(lstsq, &sub)?)?;
    sub.add_function(wrap_pyfunction!(pinv, &sub)?)?;
    sub.add_function(wrap_pyfunction!(matrix_rank, &sub)?)?;
    sub.add_function(wrap_pyfunction!(norm, &sub)?)?;
    sub.add_function(wrap_pyfunction!(vector_norm, &sub)?)?;
    sub.add_function(wrap_pyfunction!(matrix_norm, &sub)?)?;
    sub.add_function(wrap_pyfunction!(cond, &sub)?)?;
    sub.add_function(wrap_pyfunction!(matrix_power, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
