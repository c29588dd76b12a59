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

fn opt_usize(s: &str) -> Option<usize> {
    s.parse().ok()
}

/// A scalar (`S`), `format_float_positional` (`P`) or `format_float_scientific` (`E`) case.
fn run_scalar_case(line: &str) -> Option<String> {
    let f: Vec<&str> = line.split('\t').collect();
    let kind = crate::dtype::ALL_KINDS
        .iter()
        .copied()
        .find(|k| k.name() == f[1])?;
    let a = from_bytes(kind, false, &[], hex_bytes(f[2]));
    let s = a.item().ok()?;
    let got = match f[0] {
        "S" => format!("{}\t{}", scalar_repr(s), scalar_str(s)),
        "P" => format_float_positional(
            s.as_f64(),
            kind,
            opt_usize(f[3]),
            f[4] == "1",
            f[5] == "1",
            f[6].chars().next()?,
            f[7] == "1",
            opt_usize(f[8]),
            opt_usize(f[9]),
            opt_usize(f[10]),
        ),
        _ => format_float_scientific(
            s.as_f64(),
            kind,
            opt_usize(f[3]),
            f[4] == "1",
            f[6].chars().next()?,
            f[7] == "1",
            opt_usize(f[8]),
            opt_usize(f[9]),
            opt_usize(f[10]),
        ),
    };
    let want = if f[0] == "S" {
        format!("{}\t{}", unescape(f[3]), unescape(f[4]))
    } else {
        unescape(f[11])
    };
    (got != want).then(|| format!("case {line}\n got: {got}\nwant: {want}"))
}

/// One case of the NumPy-generated table: see `check_case_file`.
fn run_case(line: &str) -> Option<String> {
    if matches!(line.as_bytes().first(), Some(b'S' | b'P' | b'E'))
        && line.as_bytes().get(1) == Some(&b'\t')
    {
        return run_scalar_case(line);
    }
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
        nanstr: unescape(f[12]),
        infstr: unescape(f[13]),
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

// ---------------------------------------------------------------------------------------
// Tables generated from NumPy: each `check` holds NumPy's repr and str of the array.

use crate::dtype::DTypeKind as K;
use crate::scalar::ScalarElement;

fn d() -> PrintOptions {
    PrintOptions::default()
}

fn build<T: ScalarElement>(v: Vec<T>, shape: &[usize]) -> NdArray {
    NdArray::from_vec(v, shape).expect("array")
}

fn ab(v: &[bool], shape: &[usize]) -> NdArray {
    build(v.to_vec(), shape)
}

fn ai(kind: K, v: &[i128], shape: &[usize]) -> NdArray {
    let a = NdArray::zeros(shape, DType::new(kind), Order::C).expect("zeros");
    let flat = a.reshape(&[-1], Order::C).expect("flat");
    for (i, &x) in v.iter().enumerate() {
        let s = if x < 0 {
            Scalar::Int64(x as i64)
        } else {
            Scalar::UInt64(x as u64)
        };
        flat.set(&[i as isize], s).expect("set");
    }
    a
}

fn af(kind: K, v: &[f64], shape: &[usize]) -> NdArray {
    build(v.to_vec(), shape)
        .astype(DType::new(kind), Order::C)
        .expect("cast")
}

fn ac(kind: K, v: &[(f64, f64)], shape: &[usize]) -> NdArray {
    let c: Vec<Complex<f64>> = v.iter().map(|&(re, im)| Complex::new(re, im)).collect();
    build(c, shape)
        .astype(DType::new(kind), Order::C)
        .expect("cast")
}

fn arange(kind: K, n: usize, shape: &[usize]) -> NdArray {
    let v: Vec<i128> = (0..n as i128).collect();
    if kind.is_integer() {
        return ai(kind, &v, shape);
    }
    af(
        kind,
        &v.iter().map(|&x| x as f64).collect::<Vec<_>>(),
        shape,
    )
}

fn f32v(x: f64) -> f32 {
    x as f32
}

fn check(a: &NdArray, o: &PrintOptions, repr: &str, str_: &str) {
    assert_eq!(array_repr(a, o), repr);
    assert_eq!(array_str(a, o), str_);
}

#[test]
fn float_basics() {
    check(
        &af(K::Float64, &[1.0, 2.0], &[2]),
        &d(),
        "array([1., 2.])",
        "[1. 2.]",
    );
    check(
        &af(K::Float64, &[0.1, 0.25, -3.5], &[3]),
        &d(),
        "array([ 0.1 ,  0.25, -3.5 ])",
        "[ 0.1   0.25 -3.5 ]",
    );
    check(
        &af(
            K::Float64,
            &[0.3333333333333333, 0.6666666666666666, 1.0],
            &[3],
        ),
        &d(),
        "array([0.33333333, 0.66666667, 1.        ])",
        "[0.33333333 0.66666667 1.        ]",
    );
    check(
        &af(K::Float64, &[-0.0, 0.0], &[2]),
        &d(),
        "array([-0.,  0.])",
        "[-0.  0.]",
    );
    check(
        &af(K::Float64, &[1e-05, 1.0], &[2]),
        &d(),
        "array([1.e-05, 1.e+00])",
        "[1.e-05 1.e+00]",
    );
    check(
        &af(K::Float64, &[100000000.0, 1.0], &[2]),
        &d(),
        "array([1.e+08, 1.e+00])",
        "[1.e+08 1.e+00]",
    );
    check(
        &af(K::Float64, &[99999999.0, 1.0], &[2]),
        &d(),
        "array([9.9999999e+07, 1.0000000e+00])",
        "[9.9999999e+07 1.0000000e+00]",
    );
    check(
        &af(K::Float64, &[1000.0, 1.0], &[2]),
        &d(),
        "array([1000.,    1.])",
        "[1000.    1.]",
    );
    check(
        &af(K::Float64, &[1001.0, 1.0], &[2]),
        &d(),
        "array([1.001e+03, 1.000e+00])",
        "[1.001e+03 1.000e+00]",
    );
    check(
        &af(K::Float64, &[1e-300, 5e-324, 1e+300], &[3]),
        &d(),
        "array([1.e-300, 5.e-324, 1.e+300])",
        "[1.e-300 5.e-324 1.e+300]",
    );
    check(
        &af(K::Float64, &[123456789.123, 0.5], &[2]),
        &d(),
        "array([1.23456789e+08, 5.00000000e-01])",
        "[1.23456789e+08 5.00000000e-01]",
    );
    check(&af(K::Float64, &[1.5], &[]), &d(), "array(1.5)", "1.5");
    check(
        &af(K::Float64, &[0.1234567891], &[]),
        &d(),
        "array(0.12345679)",
        "0.1234567891",
    );
    check(
        &af(K::Float64, &[1e+20], &[]),
        &d(),
        "array(1.e+20)",
        "1e+20",
    );
}

#[test]
fn float_nonfinite() {
    check(
        &af(
            K::Float64,
            &[f64::NAN, 1.0, f64::NEG_INFINITY, f64::INFINITY],
            &[4],
        ),
        &d(),
        "array([ nan,   1., -inf,  inf])",
        "[ nan   1. -inf  inf]",
    );
    check(
        &af(K::Float64, &[f64::NAN, f64::NAN], &[2]),
        &d(),
        "array([nan, nan])",
        "[nan nan]",
    );
    check(
        &af(K::Float64, &[f64::INFINITY, 10000000000.0], &[2]),
        &d(),
        "array([   inf, 1.e+10])",
        "[   inf 1.e+10]",
    );
    check(
        &af(K::Float64, &[f64::NAN, 1.5], &[2]),
        &PrintOptions {
            nanstr: "NaN".into(),
            infstr: "Infinity".into(),
            ..d()
        },
        "array([     NaN,      1.5])",
        "[     NaN      1.5]",
    );
    check(
        &af(K::Float64, &[f64::NAN, f64::NEG_INFINITY, 2.0], &[3]),
        &PrintOptions {
            sign: Sign::Plus,
            ..d()
        },
        "array([+nan, -inf,  +2.])",
        "[+nan -inf  +2.]",
    );
    check(
        &af(K::Float64, &[f64::NAN, f64::INFINITY, 2.0], &[3]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([ nan,  inf,   2.])",
        "[ nan  inf   2.]",
    );
}

#[test]
fn float_small_types() {
    check(
        &af(
            K::Float16,
            &[0.0999755859375, 0.199951171875, 65504.0],
            &[3],
        ),
        &d(),
        "array([1.00e-01, 2.00e-01, 6.55e+04], dtype=float16)",
        "[1.00e-01 2.00e-01 6.55e+04]",
    );
    check(
        &af(K::Float16, &[0.0999755859375, 0.199951171875, 100.0], &[3]),
        &d(),
        "array([  0.1,   0.2, 100. ], dtype=float16)",
        "[  0.1   0.2 100. ]",
    );
    check(
        &af(K::Float16, &[1000.0, 1.0], &[2]),
        &d(),
        "array([1.e+03, 1.e+00], dtype=float16)",
        "[1.e+03 1.e+00]",
    );
    check(
        &af(
            K::Float32,
            &[9.999999747378752e-05, 0.0010000000474974513],
            &[2],
        ),
        &d(),
        "array([0.0001, 0.001 ], dtype=float32)",
        "[0.0001 0.001 ]",
    );
    check(
        &af(K::Float32, &[0.10000000149011612, 1000000.0], &[2]),
        &d(),
        "array([1.e-01, 1.e+06], dtype=float32)",
        "[1.e-01 1.e+06]",
    );
    check(
        &af(K::Float32, &[0.10000000149011612, 999999.0], &[2]),
        &d(),
        "array([1.00000e-01, 9.99999e+05], dtype=float32)",
        "[1.00000e-01 9.99999e+05]",
    );
    check(
        &af(K::Float32, &[3.1415927410125732, -2.7182817459106445], &[2]),
        &d(),
        "array([ 3.1415927, -2.7182817], dtype=float32)",
        "[ 3.1415927 -2.7182817]",
    );
    check(
        &af(K::Float32, &[1.0, 1000.0001220703125], &[2]),
        &d(),
        "array([1.0000000e+00, 1.0000001e+03], dtype=float32)",
        "[1.0000000e+00 1.0000001e+03]",
    );
    check(
        &af(K::Float32, &[0.10000000149011612], &[]),
        &d(),
        "array(0.1, dtype=float32)",
        "0.1",
    );
    check(
        &af(
            K::Float16,
            &[0.5, f64::NAN, f64::NEG_INFINITY, 3.0],
            &[2, 2],
        ),
        &d(),
        "array([[ 0.5,  nan],\n       [-inf,  3. ]], dtype=float16)",
        "[[ 0.5  nan]\n [-inf  3. ]]",
    );
}

#[test]
fn float_options() {
    check(
        &af(K::Float64, &[0.3333333333333333, 2.0, 10.5], &[3]),
        &PrintOptions {
            precision: 3,
            ..d()
        },
        "array([ 0.333,  2.   , 10.5  ])",
        "[ 0.333  2.    10.5  ]",
    );
    check(
        &af(K::Float64, &[0.3333333333333333, 2.0, 10.5], &[3]),
        &PrintOptions {
            precision: 0,
            ..d()
        },
        "array([ 0.,  2., 10.])",
        "[ 0.  2. 10.]",
    );
    check(
        &af(K::Float64, &[0.3333333333333333, 2.0, 10.5], &[3]),
        &PrintOptions {
            floatmode: FloatMode::Fixed,
            ..d()
        },
        "array([ 0.33333333,  2.00000000, 10.50000000])",
        "[ 0.33333333  2.00000000 10.50000000]",
    );
    check(
        &af(K::Float64, &[0.3333333333333333, 2.0, 10.5], &[3]),
        &PrintOptions {
            floatmode: FloatMode::Unique,
            ..d()
        },
        "array([ 0.3333333333333333,  2.                , 10.5               ])",
        "[ 0.3333333333333333  2.                 10.5               ]",
    );
    check(
        &af(K::Float64, &[0.5, 2.0, 10.25], &[3]),
        &PrintOptions {
            floatmode: FloatMode::MaxPrecEqual,
            ..d()
        },
        "array([ 0.50,  2.00, 10.25])",
        "[ 0.50  2.00 10.25]",
    );
    check(
        &af(K::Float64, &[0.5, 2.0, 10.25], &[3]),
        &PrintOptions {
            floatmode: FloatMode::Fixed,
            precision: 2,
            ..d()
        },
        "array([ 0.50,  2.00, 10.25])",
        "[ 0.50  2.00 10.25]",
    );
    check(
        &af(K::Float64, &[1e-10, 1.0, 12.5], &[3]),
        &PrintOptions {
            suppress: true,
            ..d()
        },
        "array([ 0. ,  1. , 12.5])",
        "[ 0.   1.  12.5]",
    );
    check(
        &af(K::Float64, &[1e-10, 1.0, 1000000000.0], &[3]),
        &PrintOptions {
            suppress: true,
            ..d()
        },
        "array([1.e-10, 1.e+00, 1.e+09])",
        "[1.e-10 1.e+00 1.e+09]",
    );
    check(
        &af(K::Float64, &[1e-06, 4e-07, 2.0, 3.0], &[4]),
        &PrintOptions {
            precision: 6,
            suppress: true,
            ..d()
        },
        "array([0.000001, 0.      , 2.      , 3.      ])",
        "[0.000001 0.       2.       3.      ]",
    );
    check(
        &af(K::Float64, &[1.5, -2.25, 0.0], &[3]),
        &PrintOptions {
            sign: Sign::Plus,
            ..d()
        },
        "array([+1.5 , -2.25, +0.  ])",
        "[+1.5  -2.25 +0.  ]",
    );
    check(
        &af(K::Float64, &[1.5, 2.25, 0.0], &[3]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([ 1.5 ,  2.25,  0.  ])",
        "[ 1.5   2.25  0.  ]",
    );
    check(
        &af(K::Float64, &[1.5, -2.25], &[2]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([ 1.5 , -2.25])",
        "[ 1.5  -2.25]",
    );
    check(
        &af(K::Float64, &[1e-20, 1.5, -30000000000.0], &[3]),
        &PrintOptions {
            floatmode: FloatMode::Fixed,
            precision: 3,
            ..d()
        },
        "array([ 1.000e-20,  1.500e+00, -3.000e+10])",
        "[ 1.000e-20  1.500e+00 -3.000e+10]",
    );
    check(
        &af(K::Float64, &[1e-20, 1.5, -30000000000.0], &[3]),
        &PrintOptions {
            floatmode: FloatMode::MaxPrecEqual,
            ..d()
        },
        "array([ 1.0e-20,  1.5e+00, -3.0e+10])",
        "[ 1.0e-20  1.5e+00 -3.0e+10]",
    );
    check(
        &af(K::Float64, &[1e-20, 1.5, -30000000000.0], &[3]),
        &PrintOptions {
            sign: Sign::Plus,
            ..d()
        },
        "array([+1.0e-20, +1.5e+00, -3.0e+10])",
        "[+1.0e-20 +1.5e+00 -3.0e+10]",
    );
    check(
        &af(K::Float64, &[0.999999999, 1.5], &[2]),
        &PrintOptions {
            precision: 3,
            floatmode: FloatMode::Fixed,
            ..d()
        },
        "array([1.000, 1.500])",
        "[1.000 1.500]",
    );
    check(
        &af(K::Float64, &[9.9996, 1.0], &[2]),
        &PrintOptions {
            precision: 3,
            ..d()
        },
        "array([10.,  1.])",
        "[10.  1.]",
    );
}

#[test]
fn complex() {
    check(
        &ac(K::Complex128, &[(1.0, 2.0), (-3.5, -0.25)], &[2]),
        &d(),
        "array([ 1. +2.j  , -3.5-0.25j])",
        "[ 1. +2.j   -3.5-0.25j]",
    );
    check(
        &ac(K::Complex128, &[(0.0, 1.0), (0.0, 0.0), (-0.0, -1.0)], &[3]),
        &d(),
        "array([ 0.+1.j,  0.+0.j, -0.-1.j])",
        "[ 0.+1.j  0.+0.j -0.-1.j]",
    );
    check(
        &ac(
            K::Complex128,
            &[
                (f64::NAN, 1.0),
                (1.0, f64::INFINITY),
                (f64::NEG_INFINITY, f64::NAN),
            ],
            &[3],
        ),
        &d(),
        "array([ nan +1.j,   1.+infj, -inf+nanj])",
        "[ nan +1.j   1.+infj -inf+nanj]",
    );
    check(
        &ac(K::Complex128, &[(10000000000.0, 1.0), (0.0, 1e-10)], &[2]),
        &d(),
        "array([1.e+10+1.e+00j, 0.e+00+1.e-10j])",
        "[1.e+10+1.e+00j 0.e+00+1.e-10j]",
    );
    check(
        &ac(
            K::Complex64,
            &[(0.10000000149011612, 0.20000000298023224), (3.0, -4.0)],
            &[2],
        ),
        &d(),
        "array([0.1+0.2j, 3. -4.j ], dtype=complex64)",
        "[0.1+0.2j 3. -4.j ]",
    );
    check(
        &ac(K::Complex128, &[(1.0, 2.0), (3.0, -4.0)], &[2]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([ 1.+2.j,  3.-4.j])",
        "[ 1.+2.j  3.-4.j]",
    );
    check(
        &ac(K::Complex128, &[(1.0, 2.0), (3.0, -4.0)], &[2]),
        &PrintOptions {
            floatmode: FloatMode::Fixed,
            precision: 2,
            ..d()
        },
        "array([1.00+2.00j, 3.00-4.00j])",
        "[1.00+2.00j 3.00-4.00j]",
    );
    check(
        &ac(K::Complex128, &[(1.5, -2.0)], &[]),
        &d(),
        "array(1.5-2.j)",
        "(1.5-2j)",
    );
    check(
        &ac(K::Complex64, &[(0.0, 3.0)], &[]),
        &d(),
        "array(0.+3.j, dtype=complex64)",
        "3j",
    );
    check(&ac(K::Complex64, &[(0.0, 11.0), (1.0, 10.0), (2.0, 9.0), (3.0, 8.0), (4.0, 7.0), (5.0, 6.0), (6.0, 5.0), (7.0, 4.0), (8.0, 3.0), (9.0, 2.0), (10.0, 1.0), (11.0, 0.0)], &[3, 4]), &d(), "array([[ 0.+11.j,  1.+10.j,  2. +9.j,  3. +8.j],\n       [ 4. +7.j,  5. +6.j,  6. +5.j,  7. +4.j],\n       [ 8. +3.j,  9. +2.j, 10. +1.j, 11. +0.j]], dtype=complex64)", "[[ 0.+11.j  1.+10.j  2. +9.j  3. +8.j]\n [ 4. +7.j  5. +6.j  6. +5.j  7. +4.j]\n [ 8. +3.j  9. +2.j 10. +1.j 11. +0.j]]");
}

#[test]
fn ints_and_bools() {
    check(
        &ai(K::Int64, &[1, 2, 3], &[3]),
        &d(),
        "array([1, 2, 3])",
        "[1 2 3]",
    );
    check(
        &ai(K::Int8, &[-100, 5, 20], &[3]),
        &d(),
        "array([-100,    5,   20], dtype=int8)",
        "[-100    5   20]",
    );
    check(
        &ai(K::UInt8, &[0, 255], &[2]),
        &d(),
        "array([  0, 255], dtype=uint8)",
        "[  0 255]",
    );
    check(
        &ai(K::Int64, &[-9223372036854775808, 9223372036854775807], &[2]),
        &d(),
        "array([-9223372036854775808,  9223372036854775807])",
        "[-9223372036854775808  9223372036854775807]",
    );
    check(
        &ai(K::UInt64, &[0, 18446744073709551615], &[2]),
        &d(),
        "array([                   0, 18446744073709551615], dtype=uint64)",
        "[                   0 18446744073709551615]",
    );
    check(
        &ai(K::Int64, &[5, 3, 100], &[3]),
        &PrintOptions {
            sign: Sign::Plus,
            ..d()
        },
        "array([  +5,   +3, +100])",
        "[  +5   +3 +100]",
    );
    check(
        &ai(K::Int16, &[5, 3, 100], &[3]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([   5,    3,  100], dtype=int16)",
        "[   5    3  100]",
    );
    check(
        &ai(K::Int32, &[-5, 3, 100], &[3]),
        &PrintOptions {
            sign: Sign::Space,
            ..d()
        },
        "array([ -5,   3, 100], dtype=int32)",
        "[ -5   3 100]",
    );
    check(
        &ai(K::UInt32, &[1, 2], &[2]),
        &d(),
        "array([1, 2], dtype=uint32)",
        "[1 2]",
    );
    check(
        &ai(K::UInt16, &[7, 8], &[2]),
        &d(),
        "array([7, 8], dtype=uint16)",
        "[7 8]",
    );
    check(&ai(K::Int8, &[3], &[]), &d(), "array(3, dtype=int8)", "3");
    check(&ai(K::Int64, &[-42], &[]), &d(), "array(-42)", "-42");
    check(
        &ab(&[true, false, true], &[3]),
        &d(),
        "array([ True, False,  True])",
        "[ True False  True]",
    );
    check(&ab(&[true], &[]), &d(), "array(True)", "True");
    check(
        &ab(&[false, true], &[2, 1]),
        &d(),
        "array([[False],\n       [ True]])",
        "[[False]\n [ True]]",
    );
}

#[test]
fn ndim_and_empty() {
    check(
        &af(K::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], &[2, 3]),
        &d(),
        "array([[0., 1., 2.],\n       [3., 4., 5.]])",
        "[[0. 1. 2.]\n [3. 4. 5.]]",
    );
    check(&ai(K::Int64, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], &[2, 3, 4]), &d(), "array([[[ 0,  1,  2,  3],\n        [ 4,  5,  6,  7],\n        [ 8,  9, 10, 11]],\n\n       [[12, 13, 14, 15],\n        [16, 17, 18, 19],\n        [20, 21, 22, 23]]])", "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]");
    check(&ai(K::Int16, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], &[2, 2, 2, 2]), &d(), "array([[[[ 0,  1],\n         [ 2,  3]],\n\n        [[ 4,  5],\n         [ 6,  7]]],\n\n\n       [[[ 8,  9],\n         [10, 11]],\n\n        [[12, 13],\n         [14, 15]]]], dtype=int16)", "[[[[ 0  1]\n   [ 2  3]]\n\n  [[ 4  5]\n   [ 6  7]]]\n\n\n [[[ 8  9]\n   [10 11]]\n\n  [[12 13]\n   [14 15]]]]");
    check(
        &af(K::Float64, &[0.0], &[1, 1, 1]),
        &d(),
        "array([[[0.]]])",
        "[[[0.]]]",
    );
    check(
        &af(K::Float64, &[], &[0]),
        &d(),
        "array([], dtype=float64)",
        "[]",
    );
    check(&ai(K::Int8, &[], &[0]), &d(), "array([], dtype=int8)", "[]");
    check(
        &af(K::Float64, &[], &[2, 0]),
        &d(),
        "array([], shape=(2, 0), dtype=float64)",
        "[]",
    );
    check(
        &ac(K::Complex64, &[], &[0, 3]),
        &d(),
        "array([], shape=(0, 3), dtype=complex64)",
        "[]",
    );
    check(
        &ab(&[], &[2, 0, 3]),
        &d(),
        "array([], shape=(2, 0, 3), dtype=bool)",
        "[]",
    );
    check(
        &ai(K::Int64, &[], &[0]),
        &d(),
        "array([], dtype=int64)",
        "[]",
    );
}

#[test]
fn summarize() {
    check(
        &arange(K::Int64, 2000, &[2000]),
        &d(),
        "array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))",
        "[   0    1    2 ... 1997 1998 1999]",
    );
    check(
        &arange(K::Float64, 1001, &[1001]),
        &d(),
        "array([   0.,    1.,    2., ...,  998.,  999., 1000.], shape=(1001,))",
        "[   0.    1.    2. ...  998.  999. 1000.]",
    );
    check(
        &af(
            K::Float64,
            &[
                0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0,
                15.0, 16.0, 17.0, 18.0, 19.0,
            ],
            &[20],
        ),
        &PrintOptions {
            threshold: 5,
            ..d()
        },
        "array([ 0.,  1.,  2., ..., 17., 18., 19.], shape=(20,))",
        "[ 0.  1.  2. ... 17. 18. 19.]",
    );
    check(
        &af(
            K::Float64,
            &[
                0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0,
                15.0, 16.0, 17.0, 18.0, 19.0,
            ],
            &[20],
        ),
        &PrintOptions {
            threshold: 5,
            edgeitems: 1,
            ..d()
        },
        "array([ 0., ..., 19.], shape=(20,))",
        "[ 0. ... 19.]",
    );
    check(
        &ai(
            K::Int64,
            &[
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
            ],
            &[20],
        ),
        &PrintOptions {
            threshold: 5,
            edgeitems: 0,
            ..d()
        },
        "array([..., 19], shape=(20,))",
        "[... 19]",
    );
    check(&arange(K::Int64, 60, &[3, 4, 5]), &PrintOptions { threshold: 10, edgeitems: 1, ..d() }, "array([[[ 0, ...,  4],\n        ...,\n        [15, ..., 19]],\n\n       ...,\n\n       [[40, ..., 44],\n        ...,\n        [55, ..., 59]]], shape=(3, 4, 5))", "[[[ 0 ...  4]\n  ...\n  [15 ... 19]]\n\n ...\n\n [[40 ... 44]\n  ...\n  [55 ... 59]]]");
    check(&arange(K::Float64, 3000, &[30, 100]), &d(), "array([[0.000e+00, 1.000e+00, 2.000e+00, ..., 9.700e+01, 9.800e+01,\n        9.900e+01],\n       [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.970e+02, 1.980e+02,\n        1.990e+02],\n       [2.000e+02, 2.010e+02, 2.020e+02, ..., 2.970e+02, 2.980e+02,\n        2.990e+02],\n       ...,\n       [2.700e+03, 2.701e+03, 2.702e+03, ..., 2.797e+03, 2.798e+03,\n        2.799e+03],\n       [2.800e+03, 2.801e+03, 2.802e+03, ..., 2.897e+03, 2.898e+03,\n        2.899e+03],\n       [2.900e+03, 2.901e+03, 2.902e+03, ..., 2.997e+03, 2.998e+03,\n        2.999e+03]], shape=(30, 100))", "[[0.000e+00 1.000e+00 2.000e+00 ... 9.700e+01 9.800e+01 9.900e+01]\n [1.000e+02 1.010e+02 1.020e+02 ... 1.970e+02 1.980e+02 1.990e+02]\n [2.000e+02 2.010e+02 2.020e+02 ... 2.970e+02 2.980e+02 2.990e+02]\n ...\n [2.700e+03 2.701e+03 2.702e+03 ... 2.797e+03 2.798e+03 2.799e+03]\n [2.800e+03 2.801e+03 2.802e+03 ... 2.897e+03 2.898e+03 2.899e+03]\n [2.900e+03 2.901e+03 2.902e+03 ... 2.997e+03 2.998e+03 2.999e+03]]");
    check(&arange(K::Int8, 1200, &[2, 600]), &PrintOptions { edgeitems: 2, ..d() }, "array([[  0,   1, ...,  86,  87],\n       [ 88,  89, ..., -82, -81]], shape=(2, 600), dtype=int8)", "[[  0   1 ...  86  87]\n [ 88  89 ... -82 -81]]");
    check(
        &af(K::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0], &[5]),
        &PrintOptions {
            threshold: 0,
            ..d()
        },
        "array([0., 1., 2., 3., 4.], shape=(5,))",
        "[0. 1. 2. 3. 4.]",
    );
    check(
        &af(K::Float64, &[2.5], &[]),
        &PrintOptions {
            threshold: 0,
            ..d()
        },
        "array(2.5, shape=())",
        "2.5",
    );
}

#[test]
fn wrapping() {
    check(&ai(K::Int64, &[0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000, 18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000, 27000, 28000, 29000], &[30]), &d(), "array([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,\n        9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000,\n       18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000,\n       27000, 28000, 29000])", "[    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000 11000\n 12000 13000 14000 15000 16000 17000 18000 19000 20000 21000 22000 23000\n 24000 25000 26000 27000 28000 29000]");
    check(&ai(K::Int8, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], &[30]), &d(), "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int8)", "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]");
    check(&af(K::Float64, &[0.0, 0.09090909090909091, 0.18181818181818182, 0.2727272727272727, 0.36363636363636365, 0.4545454545454546, 0.5454545454545454, 0.6363636363636364, 0.7272727272727273, 0.8181818181818182, 0.9090909090909092, 1.0], &[12]), &d(), "array([0.        , 0.09090909, 0.18181818, 0.27272727, 0.36363636,\n       0.45454545, 0.54545455, 0.63636364, 0.72727273, 0.81818182,\n       0.90909091, 1.        ])", "[0.         0.09090909 0.18181818 0.27272727 0.36363636 0.45454545\n 0.54545455 0.63636364 0.72727273 0.81818182 0.90909091 1.        ]");
    check(&af(K::Float32, &[0.0, 0.09090909361839294, 0.1818181872367859, 0.27272728085517883, 0.3636363744735718, 0.4545454680919647, 0.5454545617103577, 0.6363636255264282, 0.7272727489471436, 0.8181818127632141, 0.9090909361839294, 1.0], &[12]), &d(), "array([0.        , 0.09090909, 0.18181819, 0.27272728, 0.36363637,\n       0.45454547, 0.54545456, 0.6363636 , 0.72727275, 0.8181818 ,\n       0.90909094, 1.        ], dtype=float32)", "[0.         0.09090909 0.18181819 0.27272728 0.36363637 0.45454547\n 0.54545456 0.6363636  0.72727275 0.8181818  0.90909094 1.        ]");
    check(&af(K::Float64, &[0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333, 1.6666666666666667, 2.0, 2.3333333333333335, 2.6666666666666665, 3.0, 3.3333333333333335, 3.6666666666666665, 4.0, 4.333333333333333, 4.666666666666667, 5.0, 5.333333333333333, 5.666666666666667, 6.0, 6.333333333333333, 6.666666666666667, 7.0, 7.333333333333333, 7.666666666666667, 8.0, 8.333333333333334, 8.666666666666666, 9.0, 9.333333333333334, 9.666666666666666, 10.0, 10.333333333333334, 10.666666666666666, 11.0, 11.333333333333334, 11.666666666666666, 12.0, 12.333333333333334, 12.666666666666666, 13.0], &[2, 20]), &d(), "array([[ 0.        ,  0.33333333,  0.66666667,  1.        ,  1.33333333,\n         1.66666667,  2.        ,  2.33333333,  2.66666667,  3.        ,\n         3.33333333,  3.66666667,  4.        ,  4.33333333,  4.66666667,\n         5.        ,  5.33333333,  5.66666667,  6.        ,  6.33333333],\n       [ 6.66666667,  7.        ,  7.33333333,  7.66666667,  8.        ,\n         8.33333333,  8.66666667,  9.        ,  9.33333333,  9.66666667,\n        10.        , 10.33333333, 10.66666667, 11.        , 11.33333333,\n        11.66666667, 12.        , 12.33333333, 12.66666667, 13.        ]])", "[[ 0.          0.33333333  0.66666667  1.          1.33333333  1.66666667\n   2.          2.33333333  2.66666667  3.          3.33333333  3.66666667\n   4.          4.33333333  4.66666667  5.          5.33333333  5.66666667\n   6.          6.33333333]\n [ 6.66666667  7.          7.33333333  7.66666667  8.          8.33333333\n   8.66666667  9.          9.33333333  9.66666667 10.         10.33333333\n  10.66666667 11.         11.33333333 11.66666667 12.         12.33333333\n  12.66666667 13.        ]]");
    check(&af(K::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0], &[12]), &PrintOptions { linewidth: 20, ..d() }, "array([ 0.,  1.,\n        2.,  3.,\n        4.,  5.,\n        6.,  7.,\n        8.,  9.,\n       10., 11.])", "[ 0.  1.  2.  3.\n  4.  5.  6.  7.\n  8.  9. 10. 11.]");
    check(&ai(K::Int64, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], &[12]), &PrintOptions { linewidth: 1, ..d() }, "array([ 0,\n        1,\n        2,\n        3,\n        4,\n        5,\n        6,\n        7,\n        8,\n        9,\n       10,\n       11])", "[ 0\n  1\n  2\n  3\n  4\n  5\n  6\n  7\n  8\n  9\n 10\n 11]");
    check(&af(K::Float64, &[0.0, 0.14285714285714285, 0.2857142857142857, 0.42857142857142855, 0.5714285714285714, 0.7142857142857143, 0.8571428571428571, 1.0, 1.1428571428571428, 1.2857142857142858, 1.4285714285714286, 1.5714285714285714, 1.7142857142857142, 1.8571428571428572, 2.0, 2.142857142857143, 2.2857142857142856, 2.4285714285714284, 2.5714285714285716, 2.7142857142857144, 2.857142857142857, 3.0, 3.142857142857143, 3.2857142857142856], &[2, 3, 4]), &PrintOptions { linewidth: 30, ..d() }, "array([[[0.        ,\n         0.14285714,\n         0.28571429,\n         0.42857143],\n        [0.57142857,\n         0.71428571,\n         0.85714286,\n         1.        ],\n        [1.14285714,\n         1.28571429,\n         1.42857143,\n         1.57142857]],\n\n       [[1.71428571,\n         1.85714286,\n         2.        ,\n         2.14285714],\n        [2.28571429,\n         2.42857143,\n         2.57142857,\n         2.71428571],\n        [2.85714286,\n         3.        ,\n         3.14285714,\n         3.28571429]]])", "[[[0.         0.14285714\n   0.28571429 0.42857143]\n  [0.57142857 0.71428571\n   0.85714286 1.        ]\n  [1.14285714 1.28571429\n   1.42857143 1.57142857]]\n\n [[1.71428571 1.85714286\n   2.         2.14285714]\n  [2.28571429 2.42857143\n   2.57142857 2.71428571]\n  [2.85714286 3.\n   3.14285714 3.28571429]]]");
    check(
        &ai(K::UInt8, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], &[10]),
        &PrintOptions {
            linewidth: 20,
            ..d()
        },
        "array([0, 1, 2, 3,\n       4, 5, 6, 7,\n       8, 9],\n      dtype=uint8)",
        "[0 1 2 3 4 5 6 7 8\n 9]",
    );
    check(&ai(K::Int16, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], &[17]), &PrintOptions { linewidth: 70, ..d() }, "array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,\n       15, 16], dtype=int16)", "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16]");
    check(
        &af(
            K::Float32,
            &[10000000000.0, f64::NAN, f64::NEG_INFINITY],
            &[3],
        ),
        &PrintOptions {
            linewidth: 10,
            ..d()
        },
        "array([1.e+10,\n          nan,\n         -inf],\n      dtype=float32)",
        "[1.e+10\n    nan\n   -inf]",
    );
    check(&ac(K::Complex128, &[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 3.0), (4.0, 4.0), (5.0, 5.0), (6.0, 6.0), (7.0, 7.0), (8.0, 8.0), (9.0, 9.0), (10.0, 10.0), (11.0, 11.0)], &[12]), &PrintOptions { linewidth: 40, ..d() }, "array([ 0. +0.j,  1. +1.j,  2. +2.j,\n        3. +3.j,  4. +4.j,  5. +5.j,\n        6. +6.j,  7. +7.j,  8. +8.j,\n        9. +9.j, 10.+10.j, 11.+11.j])", "[ 0. +0.j  1. +1.j  2. +2.j  3. +3.j\n  4. +4.j  5. +5.j  6. +6.j  7. +7.j\n  8. +8.j  9. +9.j 10.+10.j 11.+11.j]");
    check(&ab(&[true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false, true, false], &[20]), &PrintOptions { linewidth: 30, ..d() }, "array([ True, False,  True,\n       False,  True, False,\n        True, False,  True,\n       False,  True, False,\n        True, False,  True,\n       False,  True, False,\n        True, False])", "[ True False  True False\n  True False  True False\n  True False  True False\n  True False  True False\n  True False  True False]");
    check(&ai(K::Int8, &[0, 1, 2, 3, 4, 5], &[2, 3]), &PrintOptions { linewidth: 8, ..d() }, "array([[0,\n        1,\n        2],\n       [3,\n        4,\n        5]],\n      dtype=int8)", "[[0 1\n  2]\n [3 4\n  5]]");
}

#[test]
fn scalar_repr_and_str() {
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(1.5)),
            scalar_str(Scalar::Float64(1.5))
        ),
        ("np.float64(1.5)".to_string(), "1.5".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(0.1)),
            scalar_str(Scalar::Float64(0.1))
        ),
        ("np.float64(0.1)".to_string(), "0.1".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(-0.0)),
            scalar_str(Scalar::Float64(-0.0))
        ),
        ("np.float64(-0.0)".to_string(), "-0.0".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(0.0)),
            scalar_str(Scalar::Float64(0.0))
        ),
        ("np.float64(0.0)".to_string(), "0.0".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(f64::NAN)),
            scalar_str(Scalar::Float64(f64::NAN))
        ),
        ("np.float64(nan)".to_string(), "nan".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(f64::INFINITY)),
            scalar_str(Scalar::Float64(f64::INFINITY))
        ),
        ("np.float64(inf)".to_string(), "inf".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(f64::NEG_INFINITY)),
            scalar_str(Scalar::Float64(f64::NEG_INFINITY))
        ),
        ("np.float64(-inf)".to_string(), "-inf".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(1e+16)),
            scalar_str(Scalar::Float64(1e+16))
        ),
        ("np.float64(1e+16)".to_string(), "1e+16".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(9999999999999998.0)),
            scalar_str(Scalar::Float64(9999999999999998.0))
        ),
        (
            "np.float64(9999999999999998.0)".to_string(),
            "9999999999999998.0".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(0.0001)),
            scalar_str(Scalar::Float64(0.0001))
        ),
        ("np.float64(0.0001)".to_string(), "0.0001".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(9.9e-05)),
            scalar_str(Scalar::Float64(9.9e-05))
        ),
        ("np.float64(9.9e-05)".to_string(), "9.9e-05".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(1e-05)),
            scalar_str(Scalar::Float64(1e-05))
        ),
        ("np.float64(1e-05)".to_string(), "1e-05".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(123456789.0)),
            scalar_str(Scalar::Float64(123456789.0))
        ),
        (
            "np.float64(123456789.0)".to_string(),
            "123456789.0".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(0.3333333333333333)),
            scalar_str(Scalar::Float64(0.3333333333333333))
        ),
        (
            "np.float64(0.3333333333333333)".to_string(),
            "0.3333333333333333".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(5e-324)),
            scalar_str(Scalar::Float64(5e-324))
        ),
        ("np.float64(5e-324)".to_string(), "5e-324".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(1.7976931348623157e+308)),
            scalar_str(Scalar::Float64(1.7976931348623157e+308))
        ),
        (
            "np.float64(1.7976931348623157e+308)".to_string(),
            "1.7976931348623157e+308".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float64(100.0)),
            scalar_str(Scalar::Float64(100.0))
        ),
        ("np.float64(100.0)".to_string(), "100.0".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(0.10000000149011612))),
            scalar_str(Scalar::Float32(f32v(0.10000000149011612)))
        ),
        ("np.float32(0.1)".to_string(), "0.1".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(1000000.0))),
            scalar_str(Scalar::Float32(f32v(1000000.0)))
        ),
        ("np.float32(1e+06)".to_string(), "1e+06".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(999999.0))),
            scalar_str(Scalar::Float32(f32v(999999.0)))
        ),
        ("np.float32(999999.0)".to_string(), "999999.0".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(123456.703125))),
            scalar_str(Scalar::Float32(f32v(123456.703125)))
        ),
        ("np.float32(123456.7)".to_string(), "123456.7".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(9.999999747378752e-05))),
            scalar_str(Scalar::Float32(f32v(9.999999747378752e-05)))
        ),
        ("np.float32(1e-04)".to_string(), "1e-04".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(16777216.0))),
            scalar_str(Scalar::Float32(f32v(16777216.0)))
        ),
        (
            "np.float32(1.6777216e+07)".to_string(),
            "1.6777216e+07".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(3.1415927410125732))),
            scalar_str(Scalar::Float32(f32v(3.1415927410125732)))
        ),
        ("np.float32(3.1415927)".to_string(), "3.1415927".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(f64::NAN))),
            scalar_str(Scalar::Float32(f32v(f64::NAN)))
        ),
        ("np.float32(nan)".to_string(), "nan".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float32(f32v(3.4028234663852886e+38))),
            scalar_str(Scalar::Float32(f32v(3.4028234663852886e+38)))
        ),
        (
            "np.float32(3.4028235e+38)".to_string(),
            "3.4028235e+38".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(65504.0))),
            scalar_str(Scalar::Float16(f16::from_f64(65504.0)))
        ),
        ("np.float16(6.55e+04)".to_string(), "6.55e+04".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(1000.0))),
            scalar_str(Scalar::Float16(f16::from_f64(1000.0)))
        ),
        ("np.float16(1e+03)".to_string(), "1e+03".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(999.0))),
            scalar_str(Scalar::Float16(f16::from_f64(999.0)))
        ),
        ("np.float16(999.0)".to_string(), "999.0".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(0.0999755859375))),
            scalar_str(Scalar::Float16(f16::from_f64(0.0999755859375)))
        ),
        ("np.float16(0.1)".to_string(), "0.1".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(0.00010001659393310547))),
            scalar_str(Scalar::Float16(f16::from_f64(0.00010001659393310547)))
        ),
        ("np.float16(0.0001)".to_string(), "0.0001".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(5.960464477539063e-08))),
            scalar_str(Scalar::Float16(f16::from_f64(5.960464477539063e-08)))
        ),
        ("np.float16(6e-08)".to_string(), "6e-08".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(-2.5))),
            scalar_str(Scalar::Float16(f16::from_f64(-2.5)))
        ),
        ("np.float16(-2.5)".to_string(), "-2.5".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Float16(f16::from_f64(f64::INFINITY))),
            scalar_str(Scalar::Float16(f16::from_f64(f64::INFINITY)))
        ),
        ("np.float16(inf)".to_string(), "inf".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(1.0, 2.0))),
            scalar_str(Scalar::Complex128(Complex::new(1.0, 2.0)))
        ),
        ("np.complex128(1+2j)".to_string(), "(1+2j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(1.0), f32v(2.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(1.0), f32v(2.0))))
        ),
        ("np.complex64(1+2j)".to_string(), "(1+2j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(0.0, 1.0))),
            scalar_str(Scalar::Complex128(Complex::new(0.0, 1.0)))
        ),
        ("np.complex128(1j)".to_string(), "1j".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(0.0), f32v(1.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(0.0), f32v(1.0))))
        ),
        ("np.complex64(1j)".to_string(), "1j".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(-0.0, 1.0))),
            scalar_str(Scalar::Complex128(Complex::new(-0.0, 1.0)))
        ),
        ("np.complex128(-0+1j)".to_string(), "(-0+1j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(-0.0), f32v(1.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(-0.0), f32v(1.0))))
        ),
        ("np.complex64(-0+1j)".to_string(), "(-0+1j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(0.0, -1.0))),
            scalar_str(Scalar::Complex128(Complex::new(0.0, -1.0)))
        ),
        ("np.complex128(-1j)".to_string(), "-1j".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(0.0), f32v(-1.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(0.0), f32v(-1.0))))
        ),
        ("np.complex64(-1j)".to_string(), "-1j".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(1.5, -0.0))),
            scalar_str(Scalar::Complex128(Complex::new(1.5, -0.0)))
        ),
        ("np.complex128(1.5-0j)".to_string(), "(1.5-0j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(1.5), f32v(-0.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(1.5), f32v(-0.0))))
        ),
        ("np.complex64(1.5-0j)".to_string(), "(1.5-0j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(f64::NAN, 1.0))),
            scalar_str(Scalar::Complex128(Complex::new(f64::NAN, 1.0)))
        ),
        ("np.complex128(nan+1j)".to_string(), "(nan+1j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(f64::NAN), f32v(1.0)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(f64::NAN), f32v(1.0))))
        ),
        ("np.complex64(nan+1j)".to_string(), "(nan+1j)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(1.0, f64::NAN))),
            scalar_str(Scalar::Complex128(Complex::new(1.0, f64::NAN)))
        ),
        ("np.complex128(1+nanj)".to_string(), "(1+nanj)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(1.0), f32v(f64::NAN)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(1.0), f32v(f64::NAN))))
        ),
        ("np.complex64(1+nanj)".to_string(), "(1+nanj)".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(
                f64::INFINITY,
                f64::NEG_INFINITY
            ))),
            scalar_str(Scalar::Complex128(Complex::new(
                f64::INFINITY,
                f64::NEG_INFINITY
            )))
        ),
        (
            "np.complex128(inf-infj)".to_string(),
            "(inf-infj)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(
                f32v(f64::INFINITY),
                f32v(f64::NEG_INFINITY)
            ))),
            scalar_str(Scalar::Complex64(Complex::new(
                f32v(f64::INFINITY),
                f32v(f64::NEG_INFINITY)
            )))
        ),
        (
            "np.complex64(inf-infj)".to_string(),
            "(inf-infj)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(1e+20, -1e-20))),
            scalar_str(Scalar::Complex128(Complex::new(1e+20, -1e-20)))
        ),
        (
            "np.complex128(1e+20-1e-20j)".to_string(),
            "(1e+20-1e-20j)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(
                f32v(1.0000000200408773e+20),
                f32v(-9.999999682655225e-21)
            ))),
            scalar_str(Scalar::Complex64(Complex::new(
                f32v(1.0000000200408773e+20),
                f32v(-9.999999682655225e-21)
            )))
        ),
        (
            "np.complex64(1e+20-1e-20j)".to_string(),
            "(1e+20-1e-20j)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(0.0, f64::NAN))),
            scalar_str(Scalar::Complex128(Complex::new(0.0, f64::NAN)))
        ),
        ("np.complex128(nanj)".to_string(), "nanj".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(f32v(0.0), f32v(f64::NAN)))),
            scalar_str(Scalar::Complex64(Complex::new(f32v(0.0), f32v(f64::NAN))))
        ),
        ("np.complex64(nanj)".to_string(), "nanj".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex128(Complex::new(0.1, 0.2))),
            scalar_str(Scalar::Complex128(Complex::new(0.1, 0.2)))
        ),
        (
            "np.complex128(0.1+0.2j)".to_string(),
            "(0.1+0.2j)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Complex64(Complex::new(
                f32v(0.10000000149011612),
                f32v(0.20000000298023224)
            ))),
            scalar_str(Scalar::Complex64(Complex::new(
                f32v(0.10000000149011612),
                f32v(0.20000000298023224)
            )))
        ),
        (
            "np.complex64(0.1+0.2j)".to_string(),
            "(0.1+0.2j)".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Bool(true)),
            scalar_str(Scalar::Bool(true))
        ),
        ("np.True_".to_string(), "True".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Bool(false)),
            scalar_str(Scalar::Bool(false))
        ),
        ("np.False_".to_string(), "False".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Int8(-128)),
            scalar_str(Scalar::Int8(-128))
        ),
        ("np.int8(-128)".to_string(), "-128".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::UInt8(255)),
            scalar_str(Scalar::UInt8(255))
        ),
        ("np.uint8(255)".to_string(), "255".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Int16(-3)),
            scalar_str(Scalar::Int16(-3))
        ),
        ("np.int16(-3)".to_string(), "-3".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::UInt16(65535)),
            scalar_str(Scalar::UInt16(65535))
        ),
        ("np.uint16(65535)".to_string(), "65535".to_string())
    );
    assert_eq!(
        (scalar_repr(Scalar::Int32(7)), scalar_str(Scalar::Int32(7))),
        ("np.int32(7)".to_string(), "7".to_string())
    );
    assert_eq!(
        (
            scalar_repr(Scalar::UInt32(4294967295)),
            scalar_str(Scalar::UInt32(4294967295))
        ),
        (
            "np.uint32(4294967295)".to_string(),
            "4294967295".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::Int64(-9223372036854775808)),
            scalar_str(Scalar::Int64(-9223372036854775808))
        ),
        (
            "np.int64(-9223372036854775808)".to_string(),
            "-9223372036854775808".to_string()
        )
    );
    assert_eq!(
        (
            scalar_repr(Scalar::UInt64(18446744073709551615)),
            scalar_str(Scalar::UInt64(18446744073709551615))
        ),
        (
            "np.uint64(18446744073709551615)".to_string(),
            "18446744073709551615".to_string()
        )
    );
}

#[test]
fn format_float_functions() {
    assert_eq!(
        format_float_positional(
            std::f64::consts::PI,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "3.141592653589793"
    );
    assert_eq!(
        format_float_positional(
            3.1415927410125732,
            K::Float32,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "3.1415927"
    );
    assert_eq!(
        format_float_positional(
            3.140625,
            K::Float16,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "3.14"
    );
    assert_eq!(
        format_float_positional(
            0.300048828125,
            K::Float16,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.3"
    );
    assert_eq!(
        format_float_positional(
            0.300048828125,
            K::Float16,
            Some(10),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.3000488281"
    );
    assert_eq!(
        format_float_positional(
            1.0,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "1."
    );
    assert_eq!(
        format_float_positional(
            1.0,
            K::Float64,
            None,
            true,
            true,
            '.',
            false,
            None,
            None,
            None
        ),
        "1."
    );
    assert_eq!(
        format_float_positional(
            1.0,
            K::Float64,
            None,
            true,
            true,
            '0',
            false,
            None,
            None,
            None
        ),
        "1.0"
    );
    assert_eq!(
        format_float_positional(
            1.0,
            K::Float64,
            None,
            true,
            true,
            '-',
            false,
            None,
            None,
            None
        ),
        "1"
    );
    assert_eq!(
        format_float_positional(
            -0.0,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "-0."
    );
    assert_eq!(
        format_float_positional(
            f64::NAN,
            K::Float64,
            None,
            true,
            true,
            'k',
            true,
            None,
            None,
            None
        ),
        "nan"
    );
    assert_eq!(
        format_float_positional(
            f64::NEG_INFINITY,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            Some(6),
            None,
            None
        ),
        "-inf"
    );
    assert_eq!(
        format_float_positional(
            f64::INFINITY,
            K::Float64,
            None,
            true,
            true,
            'k',
            true,
            None,
            None,
            None
        ),
        "+inf"
    );
    assert_eq!(
        format_float_positional(
            0.125,
            K::Float64,
            Some(2),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.12"
    );
    assert_eq!(
        format_float_positional(
            0.375,
            K::Float64,
            Some(2),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.38"
    );
    assert_eq!(
        format_float_positional(
            2.5,
            K::Float64,
            Some(0),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "2."
    );
    assert_eq!(
        format_float_positional(
            3.5,
            K::Float64,
            Some(0),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "4."
    );
    assert_eq!(
        format_float_positional(
            1234.5678,
            K::Float64,
            Some(2),
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "1234.57"
    );
    assert_eq!(
        format_float_positional(
            1234.5678,
            K::Float64,
            Some(2),
            true,
            false,
            'k',
            false,
            None,
            None,
            None
        ),
        "1200."
    );
    assert_eq!(
        format_float_positional(
            0.00012345,
            K::Float64,
            Some(2),
            true,
            false,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.00012"
    );
    assert_eq!(
        format_float_positional(
            1e-10,
            K::Float64,
            Some(3),
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.000"
    );
    assert_eq!(
        format_float_positional(
            0.5,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            Some(5)
        ),
        "0.50000"
    );
    assert_eq!(
        format_float_positional(
            0.1,
            K::Float64,
            Some(25),
            true,
            true,
            'k',
            false,
            None,
            None,
            Some(20)
        ),
        "0.10000000000000000555"
    );
    assert_eq!(
        format_float_positional(
            1.5,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            Some(5),
            Some(5),
            None
        ),
        "    1.5    "
    );
    assert_eq!(
        format_float_positional(
            100.0,
            K::Float64,
            None,
            true,
            true,
            '-',
            false,
            None,
            Some(3),
            None
        ),
        "100    "
    );
    assert_eq!(
        format_float_positional(
            1e+22,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "10000000000000000000000."
    );
    assert_eq!(
        format_float_positional(
            1e+23,
            K::Float64,
            None,
            true,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "100000000000000000000000."
    );
    assert_eq!(format_float_positional(5e-324, K::Float64, None, true, true, 'k', false, None, None, None), "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000005");
    assert_eq!(
        format_float_positional(
            0.1,
            K::Float64,
            Some(30),
            false,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "0.100000000000000005551115123126"
    );
    assert_eq!(
        format_float_positional(
            -1.5,
            K::Float64,
            None,
            true,
            true,
            'k',
            true,
            Some(4),
            None,
            None
        ),
        "  -1.5"
    );
    assert_eq!(
        format_float_scientific(
            std::f64::consts::PI,
            K::Float64,
            None,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "3.141592653589793e+00"
    );
    assert_eq!(
        format_float_scientific(
            3.1415927410125732,
            K::Float32,
            None,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "3.1415927e+00"
    );
    assert_eq!(
        format_float_scientific(
            1.2300000717973377e+24,
            K::Float32,
            Some(15),
            false,
            'k',
            false,
            None,
            None,
            None
        ),
        "1.230000071797338e+24"
    );
    assert_eq!(
        format_float_scientific(
            1.2300000717973377e+24,
            K::Float32,
            None,
            true,
            'k',
            false,
            None,
            Some(4),
            None
        ),
        "1.23e+0024"
    );
    assert_eq!(
        format_float_scientific(1.0, K::Float64, None, true, 'k', false, None, None, None),
        "1.e+00"
    );
    assert_eq!(
        format_float_scientific(1.0, K::Float64, None, true, '.', false, None, None, None),
        "1.e+00"
    );
    assert_eq!(
        format_float_scientific(1.0, K::Float64, None, true, '0', false, None, None, None),
        "1.0e+00"
    );
    assert_eq!(
        format_float_scientific(1.0, K::Float64, None, true, '-', false, None, None, None),
        "1e+00"
    );
    assert_eq!(
        format_float_scientific(
            1.0001,
            K::Float64,
            Some(2),
            false,
            '-',
            false,
            None,
            None,
            None
        ),
        "1.e+00"
    );
    assert_eq!(
        format_float_scientific(0.0, K::Float64, None, true, 'k', false, None, None, None),
        "0.e+00"
    );
    assert_eq!(
        format_float_scientific(-0.0, K::Float64, None, true, 'k', true, None, None, None),
        "-0.e+00"
    );
    assert_eq!(
        format_float_scientific(
            1e-300,
            K::Float64,
            None,
            true,
            'k',
            false,
            None,
            Some(1),
            None
        ),
        "1.e-300"
    );
    assert_eq!(
        format_float_scientific(
            1e+300,
            K::Float64,
            None,
            true,
            'k',
            false,
            None,
            Some(5),
            None
        ),
        "1.e+00300"
    );
    assert_eq!(
        format_float_scientific(
            123456.0,
            K::Float64,
            Some(2),
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "1.23e+05"
    );
    assert_eq!(
        format_float_scientific(
            123456.0,
            K::Float64,
            Some(2),
            false,
            'k',
            false,
            None,
            None,
            None
        ),
        "1.23e+05"
    );
    assert_eq!(
        format_float_scientific(
            9.99999,
            K::Float64,
            Some(2),
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "1.e+01"
    );
    assert_eq!(
        format_float_scientific(
            2.5,
            K::Float64,
            Some(0),
            false,
            'k',
            false,
            None,
            None,
            None
        ),
        "2.e+00"
    );
    assert_eq!(
        format_float_scientific(1.5, K::Float64, None, true, 'k', false, None, None, Some(4)),
        "1.5000e+00"
    );
    assert_eq!(
        format_float_scientific(1.5, K::Float64, None, true, 'k', true, Some(4), None, None),
        "  +1.5e+00"
    );
    assert_eq!(
        format_float_scientific(
            f64::NAN,
            K::Float64,
            None,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "nan"
    );
    assert_eq!(
        format_float_scientific(
            f64::NEG_INFINITY,
            K::Float64,
            None,
            true,
            'k',
            false,
            None,
            None,
            None
        ),
        "-inf"
    );
    assert_eq!(
        format_float_scientific(1.0, K::Float64, None, true, 'k', false, None, Some(0), None),
        "1.e+"
    );
}

#[test]
fn byte_swapped_and_strided_layouts() {
    let o = d();
    let be = from_bytes(K::Int32, true, &[3], hex_bytes("000000010000000200000003"));
    assert_eq!(array_repr(&be, &o), "array([1, 2, 3], dtype='>i4')");
    let be = from_bytes(
        K::Float64,
        true,
        &[2],
        hex_bytes("3ff8000000000000c000000000000000"),
    );
    assert_eq!(array_repr(&be, &o), "array([ 1.5, -2. ], dtype='>f8')");
    let empty = from_bytes(K::Int32, true, &[0, 3], Vec::new());
    assert_eq!(
        array_repr(&empty, &o),
        "array([], shape=(0, 3), dtype='>i4')"
    );
    let c = af(K::Float64, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], &[2, 3]);
    let t = c.transpose(None).expect("transpose");
    assert_eq!(
        array_repr(&t, &o),
        "array([[0., 3.],\n       [1., 4.],\n       [2., 5.]])"
    );
    let rev = c
        .index(&[
            crate::IndexItem::Slice(None, None, None),
            crate::IndexItem::Slice(None, None, Some(-1)),
        ])
        .expect("slice");
    assert_eq!(
        array_repr(&rev, &o),
        "array([[2., 1., 0.],\n       [5., 4., 3.]])"
    );
}

#[test]
fn options_are_process_wide() {
    let saved = get_printoptions();
    let custom = PrintOptions {
        precision: 3,
        sign: Sign::Plus,
        ..d()
    };
    set_printoptions(custom.clone());
    assert_eq!(get_printoptions(), custom);
    set_printoptions(saved.clone());
    assert_eq!(get_printoptions(), saved);
    assert_eq!(
        FloatMode::parse("maxprec_equal"),
        Some(FloatMode::MaxPrecEqual)
    );
    assert_eq!(
        FloatMode::parse("fixed").map(FloatMode::name),
        Some("fixed")
    );
    assert_eq!(Sign::parse(" ").map(Sign::as_char), Some(' '));
    assert!(Sign::parse("x").is_none());
}

#[test]
fn format_float_argument_checks() {
    assert!(check_format_float_args(Some(3), true, true, 'k', Some(2)).is_ok());
    assert!(check_format_float_args(Some(2), true, true, 'k', Some(3)).is_err());
    assert!(check_format_float_args(Some(0), true, false, 'k', None).is_err());
    assert!(check_format_float_args(None, false, true, 'k', None).is_err());
    assert!(check_format_float_args(None, true, true, 'x', None).is_err());
}

#[test]
fn user_formatter_replaces_element_text() {
    let a = ai(K::Int64, &[0, 1, 2], &[3]);
    let hex = |s: Scalar| format!("{:#x}", elements::scalar_to_i128(s));
    assert_eq!(
        array2string_with(&a, &d(), " ", "", "", Some(&hex)),
        "[0x0 0x1 0x2]"
    );
    let f = af(K::Float64, &[0.0, 1.5, 3.0], &[3]);
    let two = |s: Scalar| format!("{:.2}", s.as_f64());
    assert_eq!(
        array_repr_with(&f, &d(), Some(&two)),
        "array([0.00, 1.50, 3.00])"
    );
    let f = af(K::Float64, &[0.0, 1.5, 3.0], &[1, 3, 1]);
    assert_eq!(
        array_repr_with(&f, &d(), Some(&two)),
        "array([[[0.00],\n        [1.50],\n        [3.00]]])"
    );
}
