//! Reductions as functions (`np.sum(a, axis=...)`) and as ndarray methods (`a.sum()`):
//! sum, prod, min/max/amin/amax, any, all, mean, var, std, argmin, argmax, ptp, cumsum,
//! cumprod, count_nonzero. Arguments are parsed here; the work is in
//! `numoxide_ops::reductions`.

use numoxide_core::{DType, NdArray};
use numoxide_ops::reductions::{self, Notes, ReduceArgs};
use numoxide_ops::ufunc::FpFlags;
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError};
use pyo3::prelude::*;

use crate::api::ufuncs::{handle_fp_flags, AxisArg};
use crate::array::{wrap, PyNdArray};
use crate::convert::to_array;
use crate::dtype::opt_dtype;
use crate::error::IntoPyResult;
use crate::scalar::{py_value, scalar_to_numoxide};

/// Raise a reduction's warnings: NumPy checks the counts ("Mean of empty slice",
/// "Degrees of freedom <= 0 for slice") before it divides, so those come first, then the
/// floating-point conditions of the loops.
pub(crate) fn emit(py: Python<'_>, notes: &Notes) -> PyResult<()> {
    for w in &notes.warnings {
        let cat = py.get_type::<PyRuntimeWarning>();
        PyErr::warn(
            py,
            &cat,
            &::std::ffi::CString::new(*w).unwrap_or_default(),
            2,
        )?;
    }
    // A complex-to-real cast warns once however many loops ran.
    let mut discarded = false;
    for (name, flags) in &notes.flags {
        let mut f = *flags;
        if f.has(FpFlags::COMPLEX_DISCARD) {
            if discarded {
                f.0 &= !FpFlags::COMPLEX_DISCARD;
            }
            discarded = true;
        }
        handle_fp_flags(py, name, f)?;
    }
    Ok(())
}

pub(crate) struct Parsed {
    pub(crate) args: ReduceArgs,
    pub(crate) out_obj: Option<Py<PyAny>>,
    /// The axis was the int 0 or -1 (see [`AxisArg::for_ndim`]).
    pub(crate) end_axis: bool,
}

pub(crate) fn parse(
    axis: AxisArg,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    initial: Option<&Bound<'_, PyAny>>,
    r#where: Option<&Bound<'_, PyAny>>,
) -> PyResult<Parsed> {
    let out_arr = match out {
        Some(o) if !o.is_none() => Some(
            o.cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("output must be an array"))?
                .borrow()
                .inner()
                .clone(),
        ),
        _ => None,
    };
    let initial = match initial {
        Some(i) if !i.is_none() => py_value(i)?.map(|v| v.to_scalar()),
        _ => None,
    };
    let where_ = match r#where {
        Some(w) if !(w.is_exact_instance_of::<pyo3::types::PyBool>() && w.extract::<bool>()?) => {
            Some(to_array(w, Some(&DType::BOOL))?)
        }
        _ => None,
    };
    let end_axis = matches!(axis, AxisArg::Int(0 | -1));
    Ok(Parsed {
        end_axis,
        args: ReduceArgs {
            axes: axis.or_default(None),
            dtype: opt_dtype(dtype)?,
            keepdims,
            where_,
            out: out_arr,
            initial,
        },
        out_obj: out.filter(|o| !o.is_none()).map(|o| o.clone().unbind()),
    })
}

/// Wrap a reduction result: the `out` object when given, a scalar for 0-d, else an array.
pub(crate) fn result<'py>(
    py: Python<'py>,
    r: NdArray,
    out_obj: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(o) = out_obj {
        return Ok(o.into_bound(py));
    }
    if r.ndim() == 0 {
        return scalar_to_numoxide(py, r.item().py()?);
    }
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// The whole-array reduction without keywords through `ufunc::reduce_plain` (one
/// kernel call into a scalar), or `None` when the general path is needed.
fn plain_reduce<'py>(
    py: Python<'py>,
    name: &'static str,
    a: &NdArray,
    p: &Parsed,
) -> Option<PyResult<Bound<'py, PyAny>>> {
    let args = &p.args;
    if args.axes.is_some()
        || args.dtype.is_some()
        || args.keepdims
        || args.where_.is_some()
        || args.out.is_some()
        || args.initial.is_some()
    {
        return None;
    }
    let table_name = match name {
        "any" => "logical_or",
        "all" => "logical_and",
        "mean" | "ptp" => return None,
        n => n,
    };
    let uf = numoxide_ops::ufunc::get(table_name)?;
    let (s, flags) = numoxide_ops::ufunc::reduce_plain(uf, a)?;
    Some(handle_fp_flags(py, "reduce", flags).and_then(|()| scalar_to_numoxide(py, s)))
}

fn run_reduce<'py>(
    py: Python<'py>,
    name: &'static str,
    a: &NdArray,
    mut p: Parsed,
) -> PyResult<Bound<'py, PyAny>> {
    // The reductions that are ufunc reduces keep NumPy's 0-d allowance for axis 0 / -1.
    if p.end_axis && a.ndim() == 0 && name != "mean" {
        p.args.axes = Some(Vec::new());
    }
    if let Some(r) = plain_reduce(py, name, a, &p) {
        return r;
    }
    let mut notes = Notes::default();
    let r = match name {
        "any" => reductions::any_all(a, &p.args, false, &mut notes),
        "all" => reductions::any_all(a, &p.args, true, &mut notes),
        "mean" => reductions::mean(a, &p.args, &mut notes),
        "ptp" => reductions::ptp(a, &p.args, &mut notes),
        n => reductions::reduce_with(n, a, &p.args, &mut notes),
    };
    // Warnings raised before a failing step stay raised, as in NumPy.
    emit(py, &notes)?;
    let r = r.py()?;
    result(py, r, p.out_obj)
}

macro_rules! reduction_fn {
    ($fname:ident, $ufunc:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: AxisArg,
            dtype: Option<&Bound<'py, PyAny>>,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
            initial: Option<&Bound<'py, PyAny>>,
            r#where: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            run_reduce(py, $ufunc, &arr, parse(axis, dtype, out, keepdims, initial, r#where)?)
        }
    };
}
reduction_fn!(sum, "add", "Sum of array elements over a given axis.");
reduction_fn!(
    prod,
    "multiply",
    "Return the product of array elements over a given axis."
);

macro_rules! extreme_fn {
    ($fname:ident, $ufunc:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=AxisArg::Unspecified, out=None, keepdims=false, initial=None, r#where=None))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: AxisArg,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
            initial: Option<&Bound<'py, PyAny>>,
            r#where: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            run_reduce(py, $ufunc, &arr, parse(axis, None, out, keepdims, initial, r#where)?)
        }
    };
}
extreme_fn!(
    max,
    "maximum",
    "Return the maximum of an array or maximum along an axis."
);
extreme_fn!(
    min,
    "minimum",
    "Return the minimum of an array or minimum along an axis."
);
extreme_fn!(
    amax,
    "maximum",
    "Return the maximum of an array or maximum along an axis."
);
extreme_fn!(
    amin,
    "minimum",
    "Return the minimum of an array or minimum along an axis."
);

macro_rules! logic_fn {
    ($fname:ident, $which:literal, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction]
        #[pyo3(signature = (a, axis=AxisArg::Unspecified, out=None, keepdims=false, *, r#where=None))]
        pub fn $fname<'py>(
            py: Python<'py>,
            a: &Bound<'py, PyAny>,
            axis: AxisArg,
            out: Option<&Bound<'py, PyAny>>,
            keepdims: bool,
            r#where: Option<&Bound<'py, PyAny>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            let arr = to_array(a, None)?;
            run_reduce(py, $which, &arr, parse(axis, None, out, keepdims, None, r#where)?)
        }
    };
}
logic_fn!(
    any,
    "any",
    "Test whether any array element along a given axis evaluates to True."
);
logic_fn!(
    all,
    "all",
    "Test whether all array elements along a given axis evaluate to True."
);

/// Compute the arithmetic mean along the specified axis.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, *, r#where=None))]
pub fn mean<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    run_reduce(
        py,
        "mean",
        &arr,
        parse(axis, dtype, out, keepdims, None, r#where)?,
    )
}

/// A variance-like reduction of the core (`var`, `nanvar`): (array, args, ddof, sqrt, notes).
pub(crate) type VarFn =
    fn(&NdArray, &ReduceArgs, f64, bool, &mut Notes) -> numoxide_core::Result<NdArray>;

/// The shared body of var/std and nanvar/nanstd: parse, run `core`, warn, wrap.
#[allow(clippy::too_many_arguments)]
pub(crate) fn var_std_with<'py>(
    py: Python<'py>,
    core: VarFn,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    sqrt: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let p = parse(axis, dtype, out, keepdims, None, r#where)?;
    let mut notes = Notes::default();
    let r = core(&arr, &p.args, ddof, sqrt, &mut notes);
    // Warnings raised before a failing step stay raised, as in NumPy.
    emit(py, &notes)?;
    let r = r.py()?;
    result(py, r, p.out_obj)
}

#[allow(clippy::too_many_arguments)]
fn var_std<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    sqrt: bool,
) -> PyResult<Bound<'py, PyAny>> {
    var_std_with(
        py,
        reductions::var,
        a,
        axis,
        dtype,
        out,
        ddof,
        keepdims,
        r#where,
        sqrt,
    )
}

/// Compute the variance along the specified axis.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
pub fn var<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    mean: Option<&Bound<'py, PyAny>>,
    correction: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = mean;
    var_std(
        py,
        a,
        axis,
        dtype,
        out,
        correction.unwrap_or(ddof),
        keepdims,
        r#where,
        false,
    )
}

/// Compute the standard deviation along the specified axis.
#[pyfunction]
#[pyo3(name = "std", signature = (a, axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
pub fn std_<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
    ddof: f64,
    keepdims: bool,
    r#where: Option<&Bound<'py, PyAny>>,
    mean: Option<&Bound<'py, PyAny>>,
    correction: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _ = mean;
    var_std(
        py,
        a,
        axis,
        dtype,
        out,
        correction.unwrap_or(ddof),
        keepdims,
        r#where,
        true,
    )
}

/// Range of values (maximum - minimum) along an axis.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::Unspecified, out=None, keepdims=false))]
pub fn ptp<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    run_reduce(
        py,
        "ptp",
        &arr,
        parse(axis, None, out, keepdims, None, None)?,
    )
}

fn arg_impl<'py>(
    py: Python<'py>,
    a: &NdArray,
    axis: Option<isize>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
    want_max: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let r = reductions::arg_extreme(a, axis, keepdims, want_max).py()?;
    if let Some(o) = out.filter(|o| !o.is_none()) {
        let arr = o
            .cast::<PyNdArray>()
            .map_err(|_| PyTypeError::new_err("output must be an array"))?;
        arr.get().inner().assign(&r).py()?;
        return Ok(o.clone());
    }
    result(py, r, None)
}

/// Returns the indices of the maximum values along an axis.
#[pyfunction]
#[pyo3(signature = (a, axis=None, out=None, *, keepdims=false))]
pub fn argmax<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    arg_impl(py, &to_array(a, None)?, axis, out, keepdims, true)
}

/// Returns the indices of the minimum values along an axis.
#[pyfunction]
#[pyo3(signature = (a, axis=None, out=None, *, keepdims=false))]
pub fn argmin<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'py, PyAny>>,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    arg_impl(py, &to_array(a, None)?, axis, out, keepdims, false)
}

fn cumulative<'py>(
    py: Python<'py>,
    name: &'static str,
    a: &NdArray,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let out_arr = match out {
        Some(o) if !o.is_none() => Some(
            o.cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("output must be an array"))?
                .borrow()
                .inner()
                .clone(),
        ),
        _ => None,
    };
    let mut notes = Notes::default();
    let dtype = opt_dtype(dtype)?;
    let r = reductions::cumulative(name, a, axis, dtype, out_arr, &mut notes).py()?;
    emit(py, &notes)?;
    if let Some(o) = out.filter(|o| !o.is_none()) {
        return Ok(o.clone());
    }
    Ok(wrap(py, r)?.into_bound(py).into_any())
}

/// Return the cumulative sum of the elements along a given axis.
#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None))]
pub fn cumsum<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    cumulative(py, "add", &to_array(a, None)?, axis, dtype, out)
}

/// Return the cumulative product of elements along a given axis.
#[pyfunction]
#[pyo3(signature = (a, axis=None, dtype=None, out=None))]
pub fn cumprod<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: Option<isize>,
    dtype: Option<&Bound<'py, PyAny>>,
    out: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    cumulative(py, "multiply", &to_array(a, None)?, axis, dtype, out)
}

/// Counts the number of non-zero values in the array.
#[pyfunction]
#[pyo3(signature = (a, axis=AxisArg::All, *, keepdims=false))]
pub fn count_nonzero<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    axis: AxisArg,
    keepdims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let arr = to_array(a, None)?;
    let axes = axis.for_ndim(arr.ndim()).or_default(None);
    // NumPy 2.5 returns an int64 scalar for the total count too (no longer a Python int).
    let r = reductions::count_nonzero(&arr, axes, keepdims).py()?;
    result(py, r, None)
}

// ----- ndarray methods --------------------------------------------------------------------

#[pymethods]
impl PyNdArray {
    /// Sum of the elements over the given axis.
    #[pyo3(name = "sum", signature = (axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn m_sum<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "add",
            &self.inner(),
            parse(axis, dtype, out, keepdims, initial, r#where)?,
        )
    }
    /// Product of the elements over the given axis.
    #[pyo3(name = "prod", signature = (axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, initial=None, r#where=None))]
    fn m_prod<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "multiply",
            &self.inner(),
            parse(axis, dtype, out, keepdims, initial, r#where)?,
        )
    }
    /// Maximum along an axis.
    #[pyo3(name = "max", signature = (axis=AxisArg::Unspecified, out=None, keepdims=false, initial=None, r#where=None))]
    fn m_max<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "maximum",
            &self.inner(),
            parse(axis, None, out, keepdims, initial, r#where)?,
        )
    }
    /// Minimum along an axis.
    #[pyo3(name = "min", signature = (axis=AxisArg::Unspecified, out=None, keepdims=false, initial=None, r#where=None))]
    fn m_min<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        initial: Option<&Bound<'py, PyAny>>,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "minimum",
            &self.inner(),
            parse(axis, None, out, keepdims, initial, r#where)?,
        )
    }
    /// True if any element is true.
    #[pyo3(name = "any", signature = (axis=AxisArg::Unspecified, out=None, keepdims=false, *, r#where=None))]
    fn m_any<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "any",
            &self.inner(),
            parse(axis, None, out, keepdims, None, r#where)?,
        )
    }
    /// True if all elements are true.
    #[pyo3(name = "all", signature = (axis=AxisArg::Unspecified, out=None, keepdims=false, *, r#where=None))]
    fn m_all<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "all",
            &self.inner(),
            parse(axis, None, out, keepdims, None, r#where)?,
        )
    }
    /// Arithmetic mean along an axis.
    #[pyo3(name = "mean", signature = (axis=AxisArg::Unspecified, dtype=None, out=None, keepdims=false, *, r#where=None))]
    fn m_mean<'py>(
        &self,
        py: Python<'py>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
        r#where: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        run_reduce(
            py,
            "mean",
            &self.inner(),
            parse(axis, dtype, out, keepdims, None, r#where)?,
        )
    }
    /// Variance along an axis.
    #[pyo3(name = "var", signature = (axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
    fn m_var<'py>(
        slf: &Bound<'py, Self>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        ddof: f64,
        keepdims: bool,
        r#where: Option<&Bound<'py, PyAny>>,
        mean: Option<&Bound<'py, PyAny>>,
        correction: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        var(
            slf.py(),
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            r#where,
            mean,
            correction,
        )
    }
    /// Standard deviation along an axis.
    #[pyo3(name = "std", signature = (axis=AxisArg::Unspecified, dtype=None, out=None, ddof=0.0, keepdims=false, *, r#where=None, mean=None, correction=None))]
    fn m_std<'py>(
        slf: &Bound<'py, Self>,
        axis: AxisArg,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
        ddof: f64,
        keepdims: bool,
        r#where: Option<&Bound<'py, PyAny>>,
        mean: Option<&Bound<'py, PyAny>>,
        correction: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        std_(
            slf.py(),
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            r#where,
            mean,
            correction,
        )
    }
    /// Indices of the maximum values.
    #[pyo3(name = "argmax", signature = (axis=None, out=None, *, keepdims=false))]
    fn m_argmax<'py>(
        &self,
        py: Python<'py>,
        axis: Option<isize>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        arg_impl(py, &self.inner(), axis, out, keepdims, true)
    }
    /// Indices of the minimum values.
    #[pyo3(name = "argmin", signature = (axis=None, out=None, *, keepdims=false))]
    fn m_argmin<'py>(
        &self,
        py: Python<'py>,
        axis: Option<isize>,
        out: Option<&Bound<'py, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        arg_impl(py, &self.inner(), axis, out, keepdims, false)
    }
    /// Cumulative sum.
    #[pyo3(name = "cumsum", signature = (axis=None, dtype=None, out=None))]
    fn m_cumsum<'py>(
        &self,
        py: Python<'py>,
        axis: Option<isize>,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        cumulative(py, "add", &self.inner(), axis, dtype, out)
    }
    /// Cumulative product.
    #[pyo3(name = "cumprod", signature = (axis=None, dtype=None, out=None))]
    fn m_cumprod<'py>(
        &self,
        py: Python<'py>,
        axis: Option<isize>,
        dtype: Option<&Bound<'py, PyAny>>,
        out: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        cumulative(py, "multiply", &self.inner(), axis, dtype, out)
    }
}

/// Register this family's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sum, m)?)?;
    m.add_function(wrap_pyfunction!(prod, m)?)?;
    m.add_function(wrap_pyfunction!(max, m)?)?;
    m.add_function(wrap_pyfunction!(min, m)?)?;
    m.add_function(wrap_pyfunction!(amax, m)?)?;
    m.add_function(wrap_pyfunction!(amin, m)?)?;
    m.add_function(wrap_pyfunction!(any, m)?)?;
    m.add_function(wrap_pyfunction!(all, m)?)?;
    m.add_function(wrap_pyfunction!(mean, m)?)?;
    m.add_function(wrap_pyfunction!(var, m)?)?;
    m.add_function(wrap_pyfunction!(std_, m)?)?;
    m.add_function(wrap_pyfunction!(ptp, m)?)?;
    m.add_function(wrap_pyfunction!(argmax, m)?)?;
    m.add_function(wrap_pyfunction!(argmin, m)?)?;
    m.add_function(wrap_pyfunction!(cumsum, m)?)?;
    m.add_function(wrap_pyfunction!(cumprod, m)?)?;
    m.add_function(wrap_pyfunction!(count_nonzero, m)?)?;
    Ok(())
}
