//! Bindings of the polynomial family: the `_polynomial` submodule whose functions take a
//! basis name (`poly`, `cheb`, `leg`, `lag`, `herm`, `herme`) and coefficient arrays and
//! call `numoxide_ops::polynomial`. python/numoxide/polynomial arranges them into
//! NumPy's modules and classes.

use num_complex::Complex;
use numoxide_core::layout::broadcast_shapes;
use numoxide_core::{DTypeKind, NdArray};
use numoxide_ops::polynomial::{self as poly, Basis, Coef, Roots};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::array::wrap;
use crate::convert::to_array;
use crate::error::IntoPyResult;

type C64 = Complex<f64>;

/// A coefficient series or a vector of points: float64 or complex128.
enum Ser {
    Real(Vec<f64>),
    Cplx(Vec<C64>),
}

impl Ser {
    fn to_complex(&self) -> Vec<C64> {
        match self {
            Ser::Real(v) => v.iter().map(|x| C64::new(*x, 0.0)).collect(),
            Ser::Cplx(v) => v.clone(),
        }
    }
    fn is_complex(&self) -> bool {
        matches!(self, Ser::Cplx(_))
    }
}

fn is_complex_kind(k: DTypeKind) -> bool {
    matches!(k, DTypeKind::Complex64 | DTypeKind::Complex128)
}

/// The elements of `a` in C order as a series.
fn ser_of(a: &NdArray) -> Ser {
    if is_complex_kind(a.kind()) {
        Ser::Cplx(a.to_vec::<C64>())
    } else {
        Ser::Real(a.to_vec::<f64>())
    }
}

/// A 1-D coefficient series, checked as NumPy's `as_series` checks it.
fn series(obj: &Bound<'_, PyAny>) -> PyResult<Ser> {
    let a = to_array(obj, None)?;
    if a.ndim() > 1 {
        return Err(PyValueError::new_err("Coefficient array is not 1-d"));
    }
    if a.size() == 0 {
        return Err(PyValueError::new_err("Coefficient array is empty"));
    }
    Ok(ser_of(&a))
}

fn basis(name: &str) -> PyResult<Basis> {
    Basis::parse(name).py()
}

fn out_real(py: Python<'_>, v: Vec<f64>, shape: &[usize]) -> PyResult<Py<PyAny>> {
    Ok(wrap(py, NdArray::from_vec(v, shape).py()?)?.into_any())
}

fn out_cplx(py: Python<'_>, v: Vec<C64>, shape: &[usize]) -> PyResult<Py<PyAny>> {
    Ok(wrap(py, NdArray::from_vec(v, shape).py()?)?.into_any())
}

fn out1<T: Coef + numoxide_core::scalar::ScalarElement>(
    py: Python<'_>,
    v: Vec<T>,
) -> PyResult<Py<PyAny>> {
    let n = v.len();
    Ok(wrap(py, NdArray::from_vec(v, &[n]).py()?)?.into_any())
}

/// Run a two-series operation in float64 or, when either is complex, complex128.
macro_rules! binary {
    ($py:expr, $a:expr, $b:expr, |$x:ident, $y:ident| $body:expr) => {{
        match (&$a, &$b) {
            (Ser::Real($x), Ser::Real($y)) => out1($py, $body),
            _ => {
                let $x = &$a.to_complex();
                let $y = &$b.to_complex();
                out1($py, $body)
            }
        }
    }};
}

/// Both series as float32 when NumPy computes their product or quotient in float32
/// (`as_series`' common type of float32 with float32 or float16), else `None`.
fn single_pair(
    c1: &Bound<'_, PyAny>,
    c2: &Bound<'_, PyAny>,
) -> PyResult<Option<(Vec<f32>, Vec<f32>)>> {
    let (a, b) = (to_array(c1, None)?, to_array(c2, None)?);
    let single = |x: &NdArray| {
        matches!(x.kind(), DTypeKind::Float32 | DTypeKind::Float16) && x.ndim() <= 1 && x.size() > 0
    };
    let any32 = a.kind() == DTypeKind::Float32 || b.kind() == DTypeKind::Float32;
    Ok((single(&a) && single(&b) && any32).then(|| (a.to_vec::<f32>(), b.to_vec::<f32>())))
}

/// A scalar argument (float or complex).
fn scalar_arg(obj: &Bound<'_, PyAny>) -> PyResult<C64> {
    // Complex scalars first: their `__float__` would drop the imaginary part (with a
    // ComplexWarning).
    let complexish = obj.is_instance_of::<pyo3::types::PyComplex>()
        || obj.hasattr("__complex__").unwrap_or(false);
    if !complexish {
        if let Ok(v) = obj.extract::<f64>() {
            return Ok(C64::new(v, 0.0));
        }
    }
    let z = obj
        .call_method0("__complex__")
        .map_err(|_| PyTypeError::new_err("expected a number"))?
        .cast_into::<pyo3::types::PyComplex>()
        .map_err(|_| PyTypeError::new_err("expected a number"))?;
    Ok(C64::new(z.real(), z.imag()))
}

/// `c1 + c2`.
#[pyfunction]
fn add(py: Python<'_>, c1: &Bound<'_, PyAny>, c2: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (a, b) = (series(c1)?, series(c2)?);
    binary!(py, a, b, |x, y| poly::add(x, y))
}

/// `c1 - c2`.
#[pyfunction]
fn sub(py: Python<'_>, c1: &Bound<'_, PyAny>, c2: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (a, b) = (series(c1)?, series(c2)?);
    binary!(py, a, b, |x, y| poly::sub(x, y))
}

/// `c1 * c2` in the basis.
#[pyfunction]
fn mul(
    py: Python<'_>,
    kind: &str,
    c1: &Bound<'_, PyAny>,
    c2: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    if let Some((x, y)) = single_pair(c1, c2)? {
        // float32 series multiply in float32, operation for operation as NumPy.
        return out1(py, poly::mul(k, &x, &y).py()?);
    }
    let (a, b) = (series(c1)?, series(c2)?);
    binary!(py, a, b, |x, y| poly::mul(k, x, y).py()?)
}

/// `np.convolve(c1, c2)` of two series in their given order (legacy `polymul`, which
/// works on highest-power-first coefficients and does not trim).
#[pyfunction]
fn convolve(py: Python<'_>, c1: &Bound<'_, PyAny>, c2: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    if let Some((x, y)) = single_pair(c1, c2)? {
        return out1(py, poly::convolve(&x, &y));
    }
    let (a, b) = (series(c1)?, series(c2)?);
    binary!(py, a, b, |x, y| poly::convolve(x, y))
}

/// `c * x` in the basis.
#[pyfunction]
fn mulx(py: Python<'_>, kind: &str, c: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    match series(c)? {
        Ser::Real(v) => out1(py, poly::mulx(k, &v)),
        Ser::Cplx(v) => out1(py, poly::mulx(k, &v)),
    }
}

/// `(quotient, remainder)` of `c1 / c2` in the basis.
#[pyfunction]
fn div<'py>(
    py: Python<'py>,
    kind: &str,
    c1: &Bound<'py, PyAny>,
    c2: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    let k = basis(kind)?;
    if matches!(k, Basis::Power | Basis::Chebyshev) {
        if let Some((x, y)) = single_pair(c1, c2)? {
            // float32 power and Chebyshev series divide in float32 as NumPy's polydiv
            // and chebdiv do (the other bases' long division goes through float64
            // basis series in NumPy).
            let (q, r) = poly::div(k, &x, &y).py()?;
            return PyTuple::new(py, [out1(py, q)?, out1(py, r)?]);
        }
    }
    let (a, b) = (series(c1)?, series(c2)?);
    let (q, r) = match (&a, &b) {
        (Ser::Real(x), Ser::Real(y)) => {
            let (q, r) = poly::div(k, x, y).py()?;
            (out1(py, q)?, out1(py, r)?)
        }
        _ => {
            let (q, r) = poly::div(k, &a.to_complex(), &b.to_complex()).py()?;
            (out1(py, q)?, out1(py, r)?)
        }
    };
    PyTuple::new(py, [q, r])
}

/// `c ** power` in the basis.
#[pyfunction]
#[pyo3(signature = (kind, c, power, maxpower=None))]
fn pow(
    py: Python<'_>,
    kind: &str,
    c: &Bound<'_, PyAny>,
    power: usize,
    maxpower: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    match series(c)? {
        Ser::Real(v) => out1(py, poly::pow(k, &v, power, maxpower).py()?),
        Ser::Cplx(v) => out1(py, poly::pow(k, &v, power, maxpower).py()?),
    }
}

/// The series evaluated at the points `x`. `c` has shape `(n, *rest)`: with `tensor`
/// every series is evaluated at every point (shape `rest + x.shape`), otherwise `x` is
/// broadcast against `rest` and each series meets its own point (NumPy's `polyval`
/// semantics). Computes in float64 or complex128, or in `dtype` when that is float32,
/// complex64 or float16 (the result dtype NumPy computes in).
#[pyfunction]
#[pyo3(signature = (kind, x, c, tensor=true, dtype=None))]
fn val(
    py: Python<'_>,
    kind: &str,
    x: &Bound<'_, PyAny>,
    c: &Bound<'_, PyAny>,
    tensor: bool,
    dtype: Option<&str>,
) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let xa = to_array(x, None)?;
    let ca = to_array(c, None)?;
    let Some((&n, rest)) = ca.shape().split_first() else {
        return Err(PyValueError::new_err("Coefficient array is not 1-d"));
    };
    let rest = rest.to_vec();
    let m: usize = rest.iter().product();
    let (xa, ca, shape) = if tensor || rest.is_empty() {
        let mut shape = rest.clone();
        shape.extend_from_slice(xa.shape());
        (xa, ca, shape)
    } else {
        let b = broadcast_shapes(&[&rest, xa.shape()]).py()?.to_vec();
        let xb = xa.broadcast_to(&b).py()?;
        // c[-1] has shape `rest`: align it to the right of `b` below the series axis.
        let mut expanded = vec![n as isize];
        expanded.extend(std::iter::repeat_n(1, b.len() - rest.len()));
        expanded.extend(rest.iter().map(|&d| d as isize));
        let mut cshape = vec![n];
        cshape.extend_from_slice(&b);
        let cb = ca
            .reshape(&expanded, numoxide_core::Order::C)
            .py()?
            .broadcast_to(&cshape)
            .py()?;
        (xb, cb, b)
    };
    let paired = !(tensor || rest.is_empty());
    let m = if paired { shape.iter().product() } else { m };
    // float32 / complex64 / float16 results: NumPy evaluates in that dtype (the points
    // rounded to it first), one rounding per operation; do the same for bit-identical values.
    macro_rules! narrow {
        ($t:ty) => {{
            let cv = ca.to_vec::<$t>();
            if xa.ndim() == 0
                && matches!(xa.kind(), DTypeKind::Float64 | DTypeKind::Int64)
                && m == 1
            {
                // A Python float point: its arithmetic with Python ints stays double.
                let xw = xa.to_vec::<f64>();
                let v: Vec<$t> = xw.iter().map(|&xi| poly::val1_weak(k, xi, &cv)).collect();
                return Ok(wrap(py, NdArray::from_vec(v, &shape).py()?)?.into_any());
            }
            let xv = xa.to_vec::<$t>();
            let v = py.detach(|| {
                if paired {
                    poly::val_paired(k, &xv, &cv, m)
                } else {
                    poly::val_tensor(k, &xv, &cv, m)
                }
            });
            return Ok(wrap(py, NdArray::from_vec(v, &shape).py()?)?.into_any());
        }};
    }
    match dtype {
        Some("float32") => narrow!(f32),
        Some("complex64") => narrow!(Complex<f32>),
        Some("float16") => narrow!(half::f16),
        _ => {}
    }
    let real_x = !is_complex_kind(xa.kind());
    if real_x && matches!(ca.kind(), DTypeKind::Float32 | DTypeKind::Float16) {
        // float64 results from float32/float16 coefficients: NumPy's first recurrence
        // step still runs in the coefficients' dtype.
        let xv = xa.to_vec::<f64>();
        let v = if ca.kind() == DTypeKind::Float32 {
            let cv = ca.to_vec::<f32>();
            py.detach(|| poly::val_narrow_coef(k, &xv, &cv, m, paired))
        } else {
            let cv = ca.to_vec::<half::f16>();
            py.detach(|| poly::val_narrow_coef(k, &xv, &cv, m, paired))
        };
        return out_real(py, v, &shape);
    }
    let xs = ser_of(&xa);
    let cs = ser_of(&ca);
    let r = py.detach(|| match (&xs, &cs) {
        (Ser::Real(xv), Ser::Real(cv)) if paired => Ser::Real(poly::val_paired(k, xv, cv, m)),
        (Ser::Real(xv), Ser::Real(cv)) => Ser::Real(poly::val_tensor(k, xv, cv, m)),
        _ if paired => Ser::Cplx(poly::val_paired(k, &xs.to_complex(), &cs.to_complex(), m)),
        _ => Ser::Cplx(poly::val_tensor(k, &xs.to_complex(), &cs.to_complex(), m)),
    });
    match r {
        Ser::Real(v) => out_real(py, v, &shape),
        Ser::Cplx(v) => out_cplx(py, v, &shape),
    }
}

/// Apply a 1-D series map to every column of the row-major `(n, m)` block `c`: the
/// result is the row-major `(n2, m)` block of the mapped columns and `n2`.
fn map_columns<T: Coef>(
    c: &[T],
    n: usize,
    m: usize,
    f: impl Fn(&[T]) -> PyResult<Vec<T>>,
) -> PyResult<(Vec<T>, usize)> {
    if m == 1 {
        let r = f(c)?;
        let n2 = r.len();
        return Ok((r, n2));
    }
    if m == 0 {
        return Ok((Vec::new(), f(&vec![T::default(); n])?.len()));
    }
    let cols: Vec<Vec<T>> = (0..m)
        .map(|j| f(&c.iter().skip(j).step_by(m).copied().collect::<Vec<T>>()))
        .collect::<PyResult<_>>()?;
    let n2 = cols.first().map_or(0, Vec::len);
    let mut out = vec![T::default(); n2 * m];
    for (j, col) in cols.iter().enumerate() {
        for (i, v) in col.iter().enumerate() {
            if let Some(o) = out.get_mut(i * m + j) {
                *o = *v;
            }
        }
    }
    Ok((out, n2))
}

/// A coefficient array of shape `(n, *rest)` (series along the first axis).
fn block(obj: &Bound<'_, PyAny>) -> PyResult<(Ser, usize, Vec<usize>)> {
    let a = to_array(obj, None)?;
    let Some((&n, rest)) = a.shape().split_first() else {
        return Err(PyValueError::new_err("Coefficient array is not 1-d"));
    };
    if n == 0 {
        return Err(PyValueError::new_err("Coefficient array is empty"));
    }
    Ok((ser_of(&a), n, rest.to_vec()))
}

fn out_block<T: Coef + numoxide_core::scalar::ScalarElement>(
    py: Python<'_>,
    (v, n2): (Vec<T>, usize),
    rest: &[usize],
) -> PyResult<Py<PyAny>> {
    let mut shape = vec![n2];
    shape.extend_from_slice(rest);
    Ok(wrap(py, NdArray::from_vec(v, &shape).py()?)?.into_any())
}

/// The `m`-th derivative of every series (along the first axis of `c`).
#[pyfunction]
fn der(
    py: Python<'_>,
    kind: &str,
    c: &Bound<'_, PyAny>,
    m: usize,
    scl: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let scl = scalar_arg(scl)?;
    let (s, n, rest) = block(c)?;
    let cols = rest.iter().product();
    match s {
        Ser::Real(v) if scl.im == 0.0 => {
            let r = map_columns(&v, n, cols, |col| Ok(poly::der(k, col, m, scl.re)))?;
            out_block(py, r, &rest)
        }
        _ => {
            let r = map_columns(&s.to_complex(), n, cols, |col| {
                Ok(poly::der(k, col, m, scl))
            })?;
            out_block(py, r, &rest)
        }
    }
}

/// The `m`-th integral of every series (along the first axis of `c`) with constants
/// `k`, lower bound `lbnd` and scale `scl`.
#[pyfunction]
fn int(
    py: Python<'_>,
    kind: &str,
    c: &Bound<'_, PyAny>,
    m: usize,
    k: Vec<Bound<'_, PyAny>>,
    lbnd: &Bound<'_, PyAny>,
    scl: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let b = basis(kind)?;
    let ks: Vec<C64> = k.iter().map(scalar_arg).collect::<PyResult<_>>()?;
    let lbnd = scalar_arg(lbnd)?;
    let scl = scalar_arg(scl)?;
    let (s, n, rest) = block(c)?;
    let cols = rest.iter().product();
    let all_real = ks.iter().all(|z| z.im == 0.0) && lbnd.im == 0.0 && scl.im == 0.0;
    match s {
        Ser::Real(v) if all_real => {
            let kr: Vec<f64> = ks.iter().map(|z| z.re).collect();
            let r = map_columns(&v, n, cols, |col| {
                poly::int(b, col, m, &kr, lbnd.re, scl.re).py()
            })?;
            out_block(py, r, &rest)
        }
        _ => {
            let r = map_columns(&s.to_complex(), n, cols, |col| {
                poly::int(b, col, m, &ks, lbnd, scl).py()
            })?;
            out_block(py, r, &rest)
        }
    }
}

/// The pseudo-Vandermonde matrix, shape `x.shape + (deg + 1,)`.
#[pyfunction]
fn vander(py: Python<'_>, kind: &str, x: &Bound<'_, PyAny>, deg: usize) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let xa = to_array(x, None)?;
    let mut shape = xa.shape().to_vec();
    shape.push(deg + 1);
    match ser_of(&xa) {
        Ser::Real(v) => out_real(py, poly::vander(k, &v, deg), &shape),
        Ser::Cplx(v) => out_cplx(py, poly::vander(k, &v, deg), &shape),
    }
}

/// The weight function at `x`.
#[pyfunction]
fn weight(py: Python<'_>, kind: &str, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let xa = to_array(x, None)?;
    out_real(py, poly::weight(k, &xa.to_vec::<f64>()), xa.shape())
}

/// The series of the line `off + scl*x`.
#[pyfunction]
fn line(
    py: Python<'_>,
    kind: &str,
    off: &Bound<'_, PyAny>,
    scl: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let (o, s) = (scalar_arg(off)?, scalar_arg(scl)?);
    if o.im == 0.0 && s.im == 0.0 {
        out1(py, poly::line(k, o.re, s.re))
    } else {
        out1(py, poly::line(k, o, s))
    }
}

/// The series whose roots are `roots`.
#[pyfunction]
fn fromroots(py: Python<'_>, kind: &str, roots: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    let a = to_array(roots, None)?;
    match ser_of(&a) {
        Ser::Real(mut v) => {
            v.sort_by(|a, b| a.total_cmp(b));
            out1(py, poly::fromroots(k, &v).py()?)
        }
        Ser::Cplx(mut v) => {
            poly::sort_complex(&mut v);
            out1(py, poly::fromroots(k, &v).py()?)
        }
    }
}

/// The scaled companion matrix.
#[pyfunction]
fn companion(py: Python<'_>, kind: &str, c: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    match series(c)? {
        Ser::Real(v) => {
            let (m, n) = poly::companion(k, &v).py()?;
            out_real(py, m, &[n, n])
        }
        Ser::Cplx(v) => {
            let (m, n) = poly::companion(k, &v).py()?;
            out_cplx(py, m, &[n, n])
        }
    }
}

fn roots_out(py: Python<'_>, r: Roots) -> PyResult<Py<PyAny>> {
    match r {
        Roots::Real(v) => out1(py, v),
        Roots::Complex(v) => out1(py, v),
    }
}

/// The roots of the series, sorted.
#[pyfunction]
fn roots(py: Python<'_>, kind: &str, c: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let k = basis(kind)?;
    match series(c)? {
        Ser::Real(v) => {
            let r = py.detach(|| poly::roots_real(k, &v)).py()?;
            roots_out(py, r)
        }
        Ser::Cplx(v) => {
            let r = py.detach(|| poly::roots_complex(k, &v)).py()?;
            out1(py, r)
        }
    }
}

/// Eigenvalues of a square matrix (for the legacy `roots`): real when all are real.
#[pyfunction]
fn eigvals(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let m = to_array(a, None)?;
    if m.ndim() != 2 || m.shape()[0] != m.shape()[1] {
        return Err(PyValueError::new_err(
            "Last 2 dimensions of the array must be square",
        ));
    }
    let n = m.shape()[0];
    if is_complex_kind(m.kind()) {
        let v = m.to_vec::<C64>();
        let w = py.detach(|| poly::dense::eigvals_complex(v, n)).py()?;
        out1(py, w)
    } else {
        let v = m.to_vec::<f64>();
        let r = py.detach(|| poly::eigvals_general(v, n)).py()?;
        roots_out(py, r)
    }
}

/// Gauss quadrature points and weights.
#[pyfunction]
fn gauss<'py>(py: Python<'py>, kind: &str, deg: usize) -> PyResult<Bound<'py, PyTuple>> {
    let k = basis(kind)?;
    let (x, w) = poly::gauss(k, deg).py()?;
    PyTuple::new(py, [out1(py, x)?, out1(py, w)?])
}

/// Least-squares fit: `(coef, residuals, rank, singular_values)`; `y` is 1-D or 2-D,
/// `degs` the sorted degrees to fit (or None for all up to `lmax`).
#[pyfunction]
#[pyo3(signature = (kind, x, y, lmax, degs, rcond, w=None, legacy=false))]
#[allow(clippy::too_many_arguments)]
fn fit<'py>(
    py: Python<'py>,
    kind: &str,
    x: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    lmax: usize,
    degs: Option<Vec<usize>>,
    rcond: f64,
    w: Option<&Bound<'py, PyAny>>,
    legacy: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let k = basis(kind)?;
    let xa = to_array(x, None)?;
    let ya = to_array(y, None)?;
    let wa = match w {
        Some(w) => Some(to_array(w, None)?),
        None => None,
    };
    if is_complex_kind(xa.kind()) || wa.as_ref().is_some_and(|w| is_complex_kind(w.kind())) {
        return fit_cplx(py, k, &xa, &ya, lmax, degs, rcond, wa, legacy);
    }
    let xs = xa.to_vec::<f64>();
    let cols = if ya.ndim() == 2 { ya.shape()[1] } else { 1 };
    let ws = wa.map(|w| w.to_vec::<f64>());
    let fit_real = |yv: Vec<f64>| {
        py.detach(|| {
            poly::fit(
                k,
                &xs,
                &yv,
                cols,
                lmax,
                degs.as_deref(),
                rcond,
                ws.as_deref(),
            )
        })
        .py()
    };
    let coef_shape: Vec<usize> = if ya.ndim() == 2 {
        vec![lmax + 1, cols]
    } else {
        vec![lmax + 1]
    };
    let (coef, res, rank, sing) = if is_complex_kind(ya.kind()) {
        let yv = ya.to_vec::<C64>();
        let re = fit_real(yv.iter().map(|z| z.re).collect())?;
        let im = fit_real(yv.iter().map(|z| z.im).collect())?;
        let coef: Vec<C64> = re
            .coef
            .iter()
            .zip(&im.coef)
            .map(|(a, b)| {
                // NumPy solves in complex arithmetic, where a NaN in either part of the
                // data reaches both parts of the solution.
                if a.is_finite() && b.is_finite() {
                    C64::new(*a, *b)
                } else {
                    C64::new(f64::NAN, f64::NAN)
                }
            })
            .collect();
        let res: Vec<f64> = re
            .residuals
            .iter()
            .zip(&im.residuals)
            .map(|(a, b)| a + b)
            .collect();
        (out_cplx(py, coef, &coef_shape)?, res, re.rank, re.singular)
    } else {
        let r = fit_real(ya.to_vec::<f64>())?;
        (
            out_real(py, r.coef, &coef_shape)?,
            r.residuals,
            r.rank,
            r.singular,
        )
    };
    let nres = res.len();
    let res = out_real(py, res, &[nres])?;
    let nsing = sing.len();
    let sing = out_real(py, sing, &[nsing])?;
    let rank = rank.into_pyobject(py)?.into_any().unbind();
    PyTuple::new(py, [coef, res, rank, sing])
}

/// [`fit`] with a complex design matrix (complex `x` or weights): NumPy's complex
/// `lstsq` through `numoxide_linalg::lstsq_c128`.
#[allow(clippy::too_many_arguments)]
fn fit_cplx<'py>(
    py: Python<'py>,
    k: Basis,
    xa: &NdArray,
    ya: &NdArray,
    lmax: usize,
    degs: Option<Vec<usize>>,
    rcond: f64,
    wa: Option<NdArray>,
    legacy: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let xs = xa.to_vec::<C64>();
    let yv = ya.to_vec::<C64>();
    let ws = wa.map(|w| w.to_vec::<C64>());
    let cols = if ya.ndim() == 2 { ya.shape()[1] } else { 1 };
    let solve = |a: &[C64], m: usize, n: usize, b: &[C64], kk: usize, rc: f64| {
        numoxide_linalg::lstsq_c128(a, m, n, b, kk, Some(rc))
    };
    let r = py
        .detach(|| {
            poly::fit_complex(
                k,
                &xs,
                &yv,
                cols,
                lmax,
                degs.as_deref(),
                rcond,
                ws.as_deref(),
                legacy,
                &solve,
            )
        })
        .py()?;
    let coef_shape: Vec<usize> = if ya.ndim() == 2 {
        vec![lmax + 1, cols]
    } else {
        vec![lmax + 1]
    };
    let coef = out_cplx(py, r.coef, &coef_shape)?;
    let nres = r.residuals.len();
    let res = out_real(py, r.residuals, &[nres])?;
    let nsing = r.singular.len();
    let sing = out_real(py, r.singular, &[nsing])?;
    let rank = r.rank.into_pyobject(py)?.into_any().unbind();
    PyTuple::new(py, [coef, res, rank, sing])
}

/// Series `c` of basis `src` evaluated at series `x` of basis `dst` (for `convert`).
#[pyfunction]
fn val_series(
    py: Python<'_>,
    src: &str,
    c: &Bound<'_, PyAny>,
    x: &Bound<'_, PyAny>,
    dst: &str,
) -> PyResult<Py<PyAny>> {
    let (from, to) = (basis(src)?, basis(dst)?);
    let (cs, xs) = (series(c)?, series(x)?);
    if cs.is_complex() || xs.is_complex() {
        out1(
            py,
            poly::val_series(from, &cs.to_complex(), &xs.to_complex(), to).py()?,
        )
    } else {
        match (cs, xs) {
            (Ser::Real(cv), Ser::Real(xv)) => out1(py, poly::val_series(from, &cv, &xv, to).py()?),
            _ => Err(PyValueError::new_err("unreachable series kinds")),
        }
    }
}

/// A whole array (any shape) as a series of points, with its shape.
fn points(obj: &Bound<'_, PyAny>) -> PyResult<(Ser, Vec<usize>)> {
    let a = to_array(obj, None)?;
    Ok((ser_of(&a), a.shape().to_vec()))
}

/// `off + scl * x` elementwise (float64 or complex128, shape of `x`).
#[pyfunction]
fn affine(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    off: &Bound<'_, PyAny>,
    scl: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (xs, shape) = points(x)?;
    let (o, s) = (scalar_arg(off)?, scalar_arg(scl)?);
    match xs {
        Ser::Real(v) if o.im == 0.0 && s.im == 0.0 => {
            out_real(py, poly::affine(&v, o.re, s.re), &shape)
        }
        _ => out_cplx(py, poly::affine(&xs.to_complex(), o, s), &shape),
    }
}

/// `x * s` (or `x / s` when `divide`) elementwise.
#[pyfunction]
#[pyo3(signature = (x, s, divide=false))]
fn scale(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    s: &Bound<'_, PyAny>,
    divide: bool,
) -> PyResult<Py<PyAny>> {
    let (xs, shape) = points(x)?;
    let s = scalar_arg(s)?;
    match xs {
        Ser::Real(v) if s.im == 0.0 => out_real(py, poly::scale_by(&v, s.re, divide), &shape),
        _ => out_cplx(py, poly::scale_by(&xs.to_complex(), s, divide), &shape),
    }
}

/// `-x` elementwise.
#[pyfunction]
fn negate(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (xs, shape) = points(x)?;
    match xs {
        Ser::Real(v) => out_real(py, poly::negate(&v), &shape),
        Ser::Cplx(v) => out_cplx(py, poly::negate(&v), &shape),
    }
}

/// The domain `[min, max]` spanned by the points `x`.
#[pyfunction]
fn getdomain(py: Python<'_>, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (xs, _) = points(x)?;
    match xs {
        Ser::Real(v) => out1(py, poly::getdomain_real(&v).to_vec()),
        Ser::Cplx(v) => out1(py, poly::getdomain_complex(&v).to_vec()),
    }
}

/// The series without trailing coefficients of magnitude at most `tol`.
#[pyfunction]
fn trimcoef(py: Python<'_>, c: &Bound<'_, PyAny>, tol: f64) -> PyResult<Py<PyAny>> {
    if tol < 0.0 {
        return Err(PyValueError::new_err("tol must be non-negative"));
    }
    match series(c)? {
        Ser::Real(v) => out1(py, poly::trimcoef(&v, tol, f64::abs)),
        Ser::Cplx(v) => out1(py, poly::trimcoef(&v, tol, |z: C64| z.norm())),
    }
}

/// Legacy `polyadd`/`polysub` on highest-power-first coefficients (untrimmed).
#[pyfunction]
fn legacy_add(
    py: Python<'_>,
    a1: &Bound<'_, PyAny>,
    a2: &Bound<'_, PyAny>,
    subtract: bool,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (series(a1)?, series(a2)?);
    binary!(py, a, b, |x, y| poly::legacy_add(x, y, subtract))
}

/// Legacy `polydiv` on highest-power-first coefficients: `(quotient, remainder)`.
#[pyfunction]
fn legacy_div<'py>(
    py: Python<'py>,
    u: &Bound<'py, PyAny>,
    v: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    if let Some((x, y)) = single_pair(u, v)? {
        // `u + 0.0` and `v + 0.0` stay float32: NumPy divides in float32.
        let (q, r) = poly::legacy_polydiv(&x, &y, |z: f32| f64::from(z.abs())).py()?;
        return PyTuple::new(py, [out1(py, q)?, out1(py, r)?]);
    }
    let (a, b) = (series(u)?, series(v)?);
    let (q, r) = match (&a, &b) {
        (Ser::Real(x), Ser::Real(y)) => {
            let (q, r) = poly::legacy_polydiv(x, y, f64::abs).py()?;
            (out1(py, q)?, out1(py, r)?)
        }
        _ => {
            let (q, r) =
                poly::legacy_polydiv(&a.to_complex(), &b.to_complex(), |z: C64| z.norm()).py()?;
            (out1(py, q)?, out1(py, r)?)
        }
    };
    PyTuple::new(py, [q, r])
}

/// Register this family's functions (in the `_polynomial` submodule).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_polynomial")?;
    sub.add_function(wrap_pyfunction!(add, &sub)?)?;
    sub.add_function(wrap_pyfunction!(self::sub, &sub)?)?;
    sub.add_function(wrap_pyfunction!(mul, &sub)?)?;
    sub.add_function(wrap_pyfunction!(mulx, &sub)?)?;
    sub.add_function(wrap_pyfunction!(convolve, &sub)?)?;
    sub.add_function(wrap_pyfunction!(div, &sub)?)?;
    sub.add_function(wrap_pyfunction!(pow, &sub)?)?;
    sub.add_function(wrap_pyfunction!(val, &sub)?)?;
    sub.add_function(wrap_pyfunction!(der, &sub)?)?;
    sub.add_function(wrap_pyfunction!(int, &sub)?)?;
    sub.add_function(wrap_pyfunction!(vander, &sub)?)?;
    sub.add_function(wrap_pyfunction!(weight, &sub)?)?;
    sub.add_function(wrap_pyfunction!(line, &sub)?)?;
    sub.add_function(wrap_pyfunction!(fromroots, &sub)?)?;
    sub.add_function(wrap_pyfunction!(companion, &sub)?)?;
    sub.add_function(wrap_pyfunction!(roots, &sub)?)?;
    sub.add_function(wrap_pyfunction!(eigvals, &sub)?)?;
    sub.add_function(wrap_pyfunction!(gauss, &sub)?)?;
    sub.add_function(wrap_pyfunction!(fit, &sub)?)?;
    sub.add_function(wrap_pyfunction!(val_series, &sub)?)?;
    sub.add_function(wrap_pyfunction!(affine, &sub)?)?;
    sub.add_function(wrap_pyfunction!(scale, &sub)?)?;
    sub.add_function(wrap_pyfunction!(negate, &sub)?)?;
    sub.add_function(wrap_pyfunction!(getdomain, &sub)?)?;
    sub.add_function(wrap_pyfunction!(trimcoef, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy_add, &sub)?)?;
    sub.add_function(wrap_pyfunction!(legacy_div, &sub)?)?;
    m.add_submodule(&sub)?;
    Ok(())
}
