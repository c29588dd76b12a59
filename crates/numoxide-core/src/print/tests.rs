//! Printing tests. Every expected string here was produced by NumPy 2 itself.

use super::*;
use crate::element::{f16, Complex};
use crate::layout::Order;

/// Build an array of `kind` and `shape` from raw native-order element bytes in C order,
/// optionally reinterpreted with the byte order swapped.
fn from_bytes(kind: DTypeKind, swapped: bool, shape: &[usize], bytes: Vec<u8>) -> NdArray {
    let n = bytes.len();
    let raw = NdArray::from_vec(bytes, &[n]).expect("byte array");
    let dtype = if swapped {
        DType::new(kind).swapped()
    } else {
        DType::new(kind)
    };
    let flat = raw.view_dtype(dtype).expect("dtype view");
    let shape: Vec<isize> = shape.iter().map(|&s| s as isize).collect();
    flat.reshape(&shape, Order::C).expect("reshape")
}

fn hex_bytes(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\\\", "\\")
}

/// One case of the NumPy-generated table: see `check_case_file`.
fn run_case(line: &str) -> Option<String> {
    let f: Vec<&str> = line.split('\t').collect();
    let kind = crate::dtype::ALL_KINDS
        .iter()
        .copied()
        .find(|k| k.name() == f[0])?;
    let swapped = f[1] == "1";
    let shape: Vec<usize> = if f[2].is_empty() {
        vec![]
    } else {
        f[2].split(',').map(|x| x.parse().unwrap_or(0)).collect()
    };
    let transpose = f[3] == "1";
    let mut a = from_bytes(kind, swapped, &shape, hex_bytes(f[4]));
    if transpose {
        a = a.transpose(None).expect("transpose");
    }
    let o = PrintOptions {
        precision: f[5].parse().ok()?,
        threshold: f[6].parse().ok()?,
        edgeitems: f[7].parse().ok()?,
        linewidth: f[8].parse().ok()?,
        suppress: f[9] == "1",
        sign: Sign::parse(f[10])?,
        floatmode: FloatMode::parse(f[11])?,
        nanstr: f[12].to_string(),
        infstr: f[13].to_string(),
        legacy: None,
    };
    let want_repr = unescape(f[14]);
    let want_str = unescape(f[15]);
    let got_repr = array_repr(&a, &o);
    let got_str = array_str(&a, &o);
    let mut out = String::new();
    if got_repr != want_repr {
        out += &format!("repr mismatch:\n got: {got_repr}\nwant: {want_repr}\n");
    }
    if got_str != want_str {
        out += &format!("str mismatch:\n got: {got_str}\nwant: {want_str}\n");
    }
    if f.len() > 17 && a.ndim() == 0 {
        if let Ok(s) = a.item() {
            let (wr, ws) = (unescape(f[16]), unescape(f[17]));
            if scalar_repr(s) != wr || scalar_str(s) != ws {
                out += &format!(
                    "scalar mismatch: got {} / {}, want {wr} / {ws}\n",
                    scalar_repr(s),
                    scalar_str(s)
                );
            }
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(format!("case {line}\n{out}"))
    }
}

#[test]
#[ignore = "needs a NumPy-generated case table in NUMOXIDE_PRINT_CASES"]
fn check_case_file() {
    let Ok(path) = std::env::var("NUMOXIDE_PRINT_CASES") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("case file");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in text.lines().filter(|l| !l.is_empty()) {
        total += 1;
        if let Some(msg) = run_case(line) {
            failures.push(msg);
        }
    }
    for f in failures.iter().take(15) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ",
        failures.len()
    );
}

fn arr_f64(v: &[f64], shape: &[usize]) -> NdArray {
    NdArray::from_vec(v.to_vec(), shape).expect("array")
}

#[test]
fn float64_defaults() {
    let o = PrintOptions::default();
    assert_eq!(
        array_repr(&arr_f64(&[1.0, 2.0], &[2]), &o),
        "array([1., 2.])"
    );
    assert_eq!(array_str(&arr_f64(&[1.0, 2.0], &[2]), &o), "[1. 2.]");
}

#[test]
fn scalars() {
    assert_eq!(scalar_repr(Scalar::Float64(1.5)), "np.float64(1.5)");
    assert_eq!(scalar_str(Scalar::Float32(0.1)), "0.1");
    assert_eq!(
        scalar_str(Scalar::Float16(f16::from_f64(65504.0))),
        "6.55e+04"
    );
    assert_eq!(
        scalar_repr(Scalar::Complex128(Complex::new(1.0, 2.0))),
        "np.complex128(1+2j)"
    );
}
