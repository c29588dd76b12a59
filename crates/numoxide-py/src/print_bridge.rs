//! Temporary text forms used until `numoxide_core::print` lands (being written now);
//! every caller goes through here so the switch is one file.

use numoxide_core::{NdArray, Scalar};

pub fn array_repr(a: &NdArray) -> String {
    format!("array({:?}, shape={:?}, dtype={})", a.to_vec::<f64>(), a.shape(), a.dtype())
}

pub fn array_str(a: &NdArray) -> String {
    format!("{:?}", a.to_vec::<f64>())
}

pub fn scalar_repr(s: Scalar) -> String {
    format!("np.{}({})", s.dtype().name(), scalar_str(s))
}

pub fn scalar_str(s: Scalar) -> String {
    match s {
        Scalar::Bool(b) => if b { "True".into() } else { "False".into() },
        Scalar::Complex64(_) | Scalar::Complex128(_) => format!("{:?}", s.as_complex()),
        s if s.kind().is_unsigned_integer() => format!("{}", s.to::<u64>()),
        s if s.kind().is_integer() => format!("{}", s.to::<i64>()),
        s => format!("{:?}", s.as_f64()),
    }
}
