//! `np.einsum`: subscripts are parsed (explicit `->`, implicit mode, `...`), repeated
//! labels become diagonals, labels used once are summed, and the operands are then
//! contracted pairwise as batched matrix products.

use numoxide_core::cast::promote_kinds;
use numoxide_core::layout::Order;
use numoxide_core::{DType, Error, NdArray, Result};

use crate::products::matmul_batched;

/// One axis label; ellipsis axes get labels above the ASCII range.
type Label = u32;

const ELL_BASE: Label = 0x1_0000;

struct Parsed {
    inputs: Vec<Vec<Label>>,
    output: Vec<Label>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::value(msg)
}

fn parse_term(term: &str, ndim: Option<usize>, ell_max: &mut usize) -> Result<Vec<Label>> {
    let letters: Vec<char> = term.replace("...", "").chars().collect();
    for &c in &letters {
        if !c.is_ascii_alphabetic() {
            if c == '.' {
                return Err(bad("invalid subscript '.' in einstein sum subscripts string, subscripts must be letters"));
            }
            return Err(bad(format!(
                "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
            )));
        }
    }
    let has_ell = term.contains("...");
    if term.matches("...").count() > 1 {
        return Err(bad(
            "einstein sum subscripts string contains too many '...' ellipses",
        ));
    }
    let ell = match (ndim, has_ell) {
        (Some(nd), true) => {
            if nd < letters.len() {
                return Err(bad(
                    "einstein sum subscripts string contains too many subscripts for the operand",
                ));
            }
            nd - letters.len()
        }
        (Some(nd), false) => {
            if nd != letters.len() {
                return Err(bad(format!(
                    "einstein sum subscripts string contains too {} subscripts for operand",
                    if nd > letters.len() { "few" } else { "many" }
                )));
            }
            0
        }
        (None, _) => *ell_max,
    };
    if ndim.is_some() {
        *ell_max = (*ell_max).max(ell);
    }
    let mut out = Vec::new();
    let (before, after) = match term.find("...") {
        Some(p) => (&term[..p], &term[p + 3..]),
        None => (term, ""),
    };
    out.extend(before.chars().map(|c| c as Label));
    if has_ell {
        // Right-aligned: an operand with fewer ellipsis axes uses the last labels.
        out.extend((0..ell).map(|i| ELL_BASE + (ell_max_placeholder() + i) as Label));
    }
    out.extend(after.chars().map(|c| c as Label));
    Ok(out)
}

fn ell_max_placeholder() -> usize {
    0
}

/// The checks of NumPy's C einsum parser (`c_einsum`, used when `optimize` is off), in
/// its order and with its messages: operands split at `,`/`-`, per-operand labels and
/// ellipses, then the `->` output.
fn c_check(subscripts: &str, ndims: &[usize]) -> Result<()> {
    let b = subscripts.as_bytes();
    let nop = ndims.len();
    let invalid = |c: u8| {
        bad(format!(
            "invalid subscript '{}' in einstein sum subscripts string, subscripts must be letters",
            c as char
        ))
    };
    let mut counts = [0usize; 128];
    let mut pos = 0;
    let mut ndim_broadcast = 0;
    for (iop, &ndim) in ndims.iter().enumerate() {
        let rest = &b[pos..];
        let length = rest
            .iter()
            .position(|&c| c == b',' || c == b'-')
            .unwrap_or(rest.len());
        let stop = rest.get(length).copied();
        if iop + 1 == nop && stop == Some(b',') {
            return Err(bad("more operands provided to einstein sum function than specified in the subscripts string"));
        }
        if iop + 1 < nop && stop != Some(b',') {
            return Err(bad("fewer operands provided to einstein sum function than specified in the subscripts string"));
        }
        let term = &rest[..length];
        let mut idim = 0;
        let mut ellipsis = false;
        let mut i = 0;
        while i < term.len() {
            let c = term[i];
            if c.is_ascii_alphabetic() {
                if idim >= ndim {
                    return Err(bad(format!(
                        "einstein sum subscripts string contains too many subscripts for operand {iop}"
                    )));
                }
                idim += 1;
                counts[c as usize] += 1;
            } else if c == b'.' {
                if ellipsis || i + 2 >= term.len() || term[i + 1] != b'.' || term[i + 2] != b'.' {
                    return Err(bad(format!(
                        "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in operand {iop}"
                    )));
                }
                i += 2;
                ellipsis = true;
            } else if c != b' ' {
                return Err(invalid(c));
            }
            i += 1;
        }
        if !ellipsis && idim != ndim {
            return Err(bad("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions."));
        }
        if ellipsis {
            ndim_broadcast = ndim_broadcast.max(ndim - idim);
        }
        pos += length;
        if iop + 1 < nop {
            pos += 1;
        }
    }
    let rest = &b[pos.min(b.len())..];
    if rest.is_empty() {
        return Ok(());
    }
    if !rest.starts_with(b"->") {
        return Err(bad(
            "einstein sum subscript string does not contain proper '->' output specified",
        ));
    }
    let out = &rest[2..];
    let mut ellipsis = false;
    let mut i = 0;
    while i < out.len() {
        let c = out[i];
        if c.is_ascii_alphabetic() {
            if out[i + 1..].contains(&c) {
                return Err(bad(format!(
                    "einstein sum subscripts string includes output subscript '{}' multiple times",
                    c as char
                )));
            }
            if counts[c as usize] == 0 {
                return Err(bad(format!(
                    "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                    c as char
                )));
            }
        } else if c == b'.' {
            if ellipsis || i + 2 >= out.len() || out[i + 1] != b'.' || out[i + 2] != b'.' {
                return Err(bad("einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the output"));
            }
            i += 2;
            ellipsis = true;
        } else if c != b' ' {
            return Err(invalid(c));
        }
        i += 1;
    }
    if !ellipsis && ndim_broadcast > 0 {
        return Err(bad("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions."));
    }
    Ok(())
}

/// The checks of NumPy's Python einsum parser (`_parse_einsum_input`, behind
/// `einsum_path` and optimized `einsum`), in its order and with its messages, and the
/// per-operand index count `einsum_path` checks next.
fn py_check(subscripts: &str, ndims: &[usize]) -> Result<()> {
    const SYMBOLS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut s: String = subscripts.chars().filter(|&c| c != ' ').collect();
    for c in s.chars() {
        if !".,->".contains(c) && !SYMBOLS.contains(c) {
            return Err(bad(format!("Character {c} is not a valid symbol.")));
        }
    }
    if (s.contains('-') || s.contains('>'))
        && (s.matches('-').count() > 1
            || s.matches('>').count() > 1
            || s.matches("->").count() != 1)
    {
        return Err(bad("Subscripts can only contain one '->'."));
    }
    if s.contains('.') {
        let unused: Vec<char> = SYMBOLS.chars().filter(|&c| !s.contains(c)).collect();
        let (input, output) = match s.split_once("->") {
            Some((i, o)) => (i.to_string(), Some(o.to_string())),
            None => (s.clone(), None),
        };
        let mut terms: Vec<String> = input.split(',').map(String::from).collect();
        let mut longest = 0usize;
        for (num, sub) in terms.iter_mut().enumerate() {
            if !sub.contains('.') {
                continue;
            }
            if sub.matches('.').count() != 3 || sub.matches("...").count() != 1 {
                return Err(bad("Invalid Ellipses."));
            }
            let nd = *ndims
                .get(num)
                .ok_or_else(|| Error::index("list index out of range"))?;
            let count = if nd == 0 {
                0
            } else {
                nd.max(1) as isize - (sub.chars().count() as isize - 3)
            };
            if count < 0 {
                return Err(bad("Ellipses lengths do not match."));
            }
            longest = longest.max(count as usize);
            let rep: String = unused[unused.len().saturating_sub(count as usize)..]
                .iter()
                .collect();
            *sub = sub.replace("...", &rep);
        }
        let out_ell: String = unused[unused.len().saturating_sub(longest)..]
            .iter()
            .collect();
        let joined = terms.join(",");
        s = match output {
            Some(o) => format!("{joined}->{}", o.replace("...", &out_ell)),
            None => {
                let flat: String = joined.chars().filter(|&c| c != ',').collect();
                let mut uniq: Vec<char> = flat.chars().collect();
                uniq.sort_unstable();
                uniq.dedup();
                let once: String = uniq
                    .into_iter()
                    .filter(|&c| flat.matches(c).count() == 1 && !out_ell.contains(c))
                    .collect();
                format!("{joined}->{out_ell}{once}")
            }
        };
    }
    let (input, output) = match s.split_once("->") {
        Some((i, o)) => (i.to_string(), o.to_string()),
        None => {
            let flat: String = s.chars().filter(|&c| c != ',').collect();
            let mut uniq: Vec<char> = flat.chars().collect();
            uniq.sort_unstable();
            uniq.dedup();
            let once: String = uniq
                .into_iter()
                .filter(|&c| flat.matches(c).count() == 1)
                .collect();
            (s.clone(), once)
        }
    };
    for c in output.chars() {
        if output.matches(c).count() != 1 {
            return Err(bad(format!(
                "Output character {c} appeared more than once in the output."
            )));
        }
        if !input.contains(c) {
            return Err(bad(format!(
                "Output character {c} did not appear in the input"
            )));
        }
    }
    let terms: Vec<&str> = input.split(',').collect();
    if terms.len() != ndims.len() {
        return Err(bad(
            "Number of einsum subscripts must be equal to the number of operands.",
        ));
    }
    for (t, (term, &nd)) in terms.iter().zip(ndims).enumerate() {
        if term.chars().count() != nd {
            // NumPy names the t-th character of the whole input string.
            let c = input.chars().nth(t).unwrap_or(' ');
            return Err(bad(format!(
                "Einstein sum subscript {c} does not contain the correct number of indices for operand {t}."
            )));
        }
    }
    if output.contains(',') {
        // NumPy's size lookup of the output's labels fails on the comma.
        return Err(Error::new(numoxide_core::ErrorKind::Key, ","));
    }
    Ok(())
}

fn parse(subscripts: &str, ndims: &[usize]) -> Result<Parsed> {
    let s: String = subscripts.chars().filter(|c| !c.is_whitespace()).collect();
    let (lhs, rhs) = match s.find("->") {
        Some(p) => (&s[..p], Some(&s[p + 2..])),
        None => (&s[..], None),
    };
    if rhs.is_some_and(|r| r.contains("->")) || lhs.contains('>') {
        return Err(bad(
            "einstein sum subscript string does not contain proper '->' output specified",
        ));
    }
    let terms: Vec<&str> = lhs.split(',').collect();
    if terms.len() != ndims.len() {
        return Err(bad("more operands provided to einstein sum function than specified in the subscripts string"));
    }
    let mut ell_max = 0usize;
    let mut raw = Vec::new();
    for (t, &nd) in terms.iter().zip(ndims) {
        raw.push(parse_term(t, Some(nd), &mut ell_max)?);
    }
    // Shift each operand's ellipsis labels so they align on the right.
    let inputs: Vec<Vec<Label>> = raw
        .into_iter()
        .map(|labels| {
            let ell = labels.iter().filter(|&&l| l >= ELL_BASE).count();
            labels
                .into_iter()
                .map(|l| {
                    if l >= ELL_BASE {
                        l + (ell_max - ell) as Label
                    } else {
                        l
                    }
                })
                .collect()
        })
        .collect();
    let output: Vec<Label> = match rhs {
        Some(r) => {
            // NumPy's Python parser (einsum_path, optimized einsum) replaces every
            // output `...` by the broadcast labels; it only lets a repeated one through
            // when there are none, so one `...` means the same.
            let collapsed;
            let r = if r.matches("...").count() > 1 {
                let first = r.find("...").unwrap_or(0) + 3;
                collapsed = format!("{}{}", &r[..first], r[first..].replace("...", ""));
                collapsed.as_str()
            } else {
                r
            };
            let mut o = parse_term(r, None, &mut ell_max)?;
            let ell_out = o.iter().filter(|&&l| l >= ELL_BASE).count();
            if !r.contains("...") && ell_max > 0 {
                // Ellipsis axes not in the output are summed, as NumPy does.
            }
            for (i, l) in o.iter_mut().filter(|l| **l >= ELL_BASE).enumerate() {
                *l = ELL_BASE + (ell_max - ell_out + i) as Label;
            }
            for (i, &l) in o.iter().enumerate() {
                if l < ELL_BASE {
                    if o[..i].contains(&l) {
                        return Err(bad(format!(
                            "einstein sum subscripts string includes output subscript '{}' multiple times",
                            char::from_u32(l).unwrap_or('?')
                        )));
                    }
                    if !inputs.iter().any(|t| t.contains(&l)) {
                        return Err(bad(format!(
                            "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                            char::from_u32(l).unwrap_or('?')
                        )));
                    }
                }
            }
            o
        }
        None => {
            let mut o: Vec<Label> = (0..ell_max).map(|i| ELL_BASE + i as Label).collect();
            let mut letters: Vec<Label> = Vec::new();
            for t in &inputs {
                for &l in t {
                    if l < ELL_BASE && !letters.contains(&l) {
                        let count: usize = inputs
                            .iter()
                            .map(|t| t.iter().filter(|&&x| x == l).count())
                            .sum();
                        if count == 1 {
                            letters.push(l);
                        }
                    }
                }
            }
            letters.sort_unstable();
            o.extend(letters);
            o
        }
    };
    Ok(Parsed { inputs, output })
}

/// An operand with one label per axis.
struct Term {
    a: NdArray,
    labels: Vec<Label>,
}

/// Take diagonals for repeated labels.
fn diagonalize(mut t: Term) -> Result<Term> {
    loop {
        let mut found = None;
        'outer: for i in 0..t.labels.len() {
            for j in i + 1..t.labels.len() {
                if t.labels[i] == t.labels[j] {
                    found = Some((i, j));
                    break 'outer;
                }
            }
        }
        let Some((i, j)) = found else { return Ok(t) };
        let (ni, nj) = (t.a.shape()[i], t.a.shape()[j]);
        if ni != nj {
            return Err(bad(format!(
                "dimensions in operand for collapsing index '{}' don't match ({ni} != {nj})",
                char::from_u32(t.labels[i]).unwrap_or('?')
            )));
        }
        let l = t.labels[i];
        t.a = t.a.diagonal(0, i as isize, j as isize)?;
        t.labels.remove(j);
        t.labels.remove(i);
        t.labels.push(l);
    }
}

/// Sum the axes whose labels are in `drop`.
fn sum_labels(t: Term, drop: &[Label]) -> Result<Term> {
    let axes: Vec<usize> = (0..t.labels.len())
        .filter(|&i| drop.contains(&t.labels[i]))
        .collect();
    if axes.is_empty() {
        return Ok(t);
    }
    let keep: Vec<usize> = (0..t.labels.len()).filter(|i| !axes.contains(i)).collect();
    let perm: Vec<isize> = keep
        .iter()
        .chain(axes.iter())
        .map(|&i| i as isize)
        .collect();
    let m: usize = keep.iter().map(|&i| t.a.shape()[i]).product();
    let k: usize = axes.iter().map(|&i| t.a.shape()[i]).product();
    let a2 =
        t.a.transpose(Some(&perm))?
            .reshape(&[m as isize, k as isize], Order::C)?;
    let ones = NdArray::full(
        &[k, 1],
        t.a.dtype().clone(),
        numoxide_core::Scalar::Bool(true),
        Order::C,
    )?;
    let r = matmul_batched(&a2, &ones, &[], t.a.kind())?;
    let shape: Vec<isize> = keep.iter().map(|&i| t.a.shape()[i] as isize).collect();
    Ok(Term {
        a: r.reshape(&shape, Order::C)?,
        labels: keep.iter().map(|&i| t.labels[i]).collect(),
    })
}

fn label_size(t: &Term, l: Label) -> usize {
    t.labels
        .iter()
        .position(|&x| x == l)
        .map_or(1, |i| t.a.shape()[i])
}

/// Contract two terms, keeping the labels in `keep`.
fn contract_pair(x: Term, y: Term, keep: &[Label], kind: numoxide_core::DTypeKind) -> Result<Term> {
    let batch: Vec<Label> = x
        .labels
        .iter()
        .copied()
        .filter(|l| y.labels.contains(l) && keep.contains(l))
        .collect();
    let summed: Vec<Label> = x
        .labels
        .iter()
        .copied()
        .filter(|l| y.labels.contains(l) && !keep.contains(l))
        .collect();
    let left: Vec<Label> = x
        .labels
        .iter()
        .copied()
        .filter(|l| !y.labels.contains(l))
        .collect();
    let right: Vec<Label> = y
        .labels
        .iter()
        .copied()
        .filter(|l| !x.labels.contains(l))
        .collect();
    let size = |l: Label| -> Result<usize> {
        let (p, q) = (label_size(&x, l), label_size(&y, l));
        if p == q || q == 1 {
            Ok(p)
        } else if p == 1 {
            Ok(q)
        } else {
            Err(bad(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: label '{}' has sizes {p} and {q}",
                char::from_u32(l).unwrap_or('?')
            )))
        }
    };
    let bs: Vec<usize> = batch.iter().map(|&l| size(l)).collect::<Result<_>>()?;
    let ks: Vec<usize> = summed.iter().map(|&l| size(l)).collect::<Result<_>>()?;
    let ls: Vec<usize> = left.iter().map(|&l| label_size(&x, l)).collect();
    let rs: Vec<usize> = right.iter().map(|&l| label_size(&y, l)).collect();
    let arrange = |t: &Term, order: &[&[Label]], sizes: &[&[usize]]| -> Result<NdArray> {
        let labels: Vec<Label> = order.iter().flat_map(|o| o.iter().copied()).collect();
        let perm: Vec<isize> = labels
            .iter()
            .map(|l| {
                t.labels
                    .iter()
                    .position(|x| x == l)
                    .map_or(0, |p| p as isize)
            })
            .collect();
        let target: Vec<usize> = sizes.iter().flat_map(|s| s.iter().copied()).collect();
        t.a.transpose(Some(&perm))?.broadcast_to(&target)
    };
    let (nb, nk, nl, nr) = (
        bs.iter().product::<usize>(),
        ks.iter().product::<usize>(),
        ls.iter().product::<usize>(),
        rs.iter().product::<usize>(),
    );
    let a = arrange(&x, &[&batch, &left, &summed], &[&bs, &ls, &ks])?
        .reshape(&[nb as isize, nl as isize, nk as isize], Order::C)?;
    let b = arrange(&y, &[&batch, &summed, &right], &[&bs, &ks, &rs])?
        .reshape(&[nb as isize, nk as isize, nr as isize], Order::C)?;
    let r = matmul_batched(&a, &b, &[nb], kind)?;
    let shape: Vec<isize> = bs
        .iter()
        .chain(ls.iter())
        .chain(rs.iter())
        .map(|&d| d as isize)
        .collect();
    let labels: Vec<Label> = batch
        .iter()
        .chain(left.iter())
        .chain(right.iter())
        .copied()
        .collect();
    Ok(Term {
        a: r.reshape(&shape, Order::C)?,
        labels,
    })
}

/// Labels still needed after operand set `done`: those of the output and of the
/// operands not yet contracted.
fn needed(output: &[Label], rest: &[Term]) -> Vec<Label> {
    let mut v = output.to_vec();
    for t in rest {
        v.extend(t.labels.iter().copied());
    }
    v
}

/// `np.einsum(subscripts, *operands)`, contracting in the order `path` (steps of
/// positions in the shrinking operand list, each step's result appended at the end, as
/// [`einsum_path`] gives them; `None` means left to right).
///
/// # Errors
/// NumPy's `ValueError`s for malformed subscripts and mismatched dimensions.
pub fn einsum(
    subscripts: &str,
    operands: &[NdArray],
    path: Option<&[Vec<usize>]>,
) -> Result<NdArray> {
    if operands.is_empty() {
        return Err(bad("No input operands"));
    }
    let ndims: Vec<usize> = operands.iter().map(|a| a.ndim()).collect();
    if path.is_none() {
        c_check(subscripts, &ndims)?;
    }
    let p = parse(subscripts, &ndims)?;
    let kind = operands
        .iter()
        .skip(1)
        .fold(operands[0].kind(), |k, a| promote_kinds(k, a.kind()));
    let mut terms: Vec<Term> = Vec::new();
    for (a, labels) in operands.iter().zip(p.inputs.iter()) {
        let a = a.astype(DType::new(kind), Order::K)?;
        terms.push(diagonalize(Term {
            a,
            labels: labels.clone(),
        })?);
    }
    // Sum labels that occur in exactly one operand and not in the output.
    let all: Vec<Label> = terms
        .iter()
        .flat_map(|t| t.labels.iter().copied())
        .collect();
    let mut next = Vec::new();
    for t in terms {
        let drop: Vec<Label> = t
            .labels
            .iter()
            .copied()
            .filter(|l| !p.output.contains(l) && all.iter().filter(|&&x| x == *l).count() == 1)
            .collect();
        next.push(sum_labels(t, &drop)?);
    }
    let mut terms = next;
    let default_path: Vec<Vec<usize>> = (1..terms.len()).map(|_| vec![0, 1]).collect();
    let path = path.unwrap_or(&default_path);
    for step in path {
        if terms.len() < 2 {
            break;
        }
        let mut inds = step.clone();
        inds.sort_unstable_by(|a, b| b.cmp(a));
        inds.dedup();
        if inds.len() != step.len() || inds.first().is_some_and(|&j| j >= terms.len()) {
            return Err(bad("Invalid einsum_path is specified: the path refers to an operand that does not exist."));
        }
        if inds.len() < 2 {
            continue;
        }
        // Taken out highest position first (NumPy pops them in that order), then
        // contracted pairwise from the lowest position up.
        let mut group: Vec<Term> = inds.iter().map(|&q| terms.remove(q)).collect();
        group.reverse();
        let mut acc = group.remove(0);
        while !group.is_empty() {
            let y = group.remove(0);
            let mut keep = needed(&p.output, &terms);
            keep.extend(group.iter().flat_map(|t| t.labels.iter().copied()));
            acc = contract_pair(acc, y, &keep, kind)?;
        }
        terms.push(acc);
    }
    while terms.len() > 1 {
        let y = terms.remove(1);
        let x = terms.remove(0);
        let keep = needed(&p.output, &terms);
        terms.insert(0, contract_pair(x, y, &keep, kind)?);
    }
    let Some(t) = terms.pop() else {
        return Err(bad("No input operands"));
    };
    let drop: Vec<Label> = t
        .labels
        .iter()
        .copied()
        .filter(|l| !p.output.contains(l))
        .collect();
    let mut t = sum_labels(t, &drop)?;
    // Output labels missing from the result (size-1 broadcast axes) are added back.
    for &l in &p.output {
        if !t.labels.contains(&l) {
            t.a = t.a.expand_dims(&[t.labels.len() as isize])?;
            t.labels.push(l);
        }
    }
    let perm: Vec<isize> = p
        .output
        .iter()
        .map(|l| {
            t.labels
                .iter()
                .position(|x| x == l)
                .map_or(0, |q| q as isize)
        })
        .collect();
    t.a.transpose(Some(&perm))?.copy(Order::C)
}

/// How `einsum_path` chooses its contraction order (NumPy's `optimize=` names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// `optimize=False`: one step contracting every operand at once.
    Unoptimized,
    /// `'greedy'` (and `True`): NumPy's greedy pairwise search.
    Greedy,
    /// `'optimal'`: NumPy's exhaustive search over pairwise orders.
    Optimal,
    /// Any other name: NumPy's `KeyError` once a search is needed.
    Unknown,
}

type LabelSet = std::collections::BTreeSet<Label>;

/// The labels of an expression as sets, each label's size (NumPy's `dimension_dict`:
/// a size-1 broadcast axis takes the other operands' size) and the parse.
fn path_problem(
    subscripts: &str,
    shapes: &[Vec<usize>],
) -> Result<(Parsed, std::collections::HashMap<Label, usize>)> {
    let ndims: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    py_check(subscripts, &ndims)?;
    let p = parse(subscripts, &ndims)?;
    let mut sizes = std::collections::HashMap::new();
    for (t, (labels, shape)) in p.inputs.iter().zip(shapes).enumerate() {
        for (&l, &d) in labels.iter().zip(shape) {
            let e = sizes.entry(l).or_insert(d);
            if *e == 1 {
                *e = d;
            } else if d != 1 && d != *e {
                // NumPy's wording, sizes in its order.
                return Err(bad(format!(
                    "Size of label '{}' for operand {t} ({}) does not match previous terms ({d}).",
                    label_text(&[l]),
                    *e
                )));
            }
        }
    }
    Ok((p, sizes))
}

/// NumPy's `_compute_size_by_dict`, exact in u128 (saturating).
fn size_by<'a>(
    labels: impl IntoIterator<Item = &'a Label>,
    sizes: &std::collections::HashMap<Label, usize>,
) -> u128 {
    labels.into_iter().fold(1u128, |acc, l| {
        acc.saturating_mul(sizes.get(l).copied().unwrap_or(1) as u128)
    })
}

/// NumPy's `_flop_count`.
fn flop_count(
    contract: &LabelSet,
    inner: bool,
    terms: usize,
    sizes: &std::collections::HashMap<Label, usize>,
) -> u128 {
    let factor = terms.saturating_sub(1).max(1) + usize::from(inner);
    size_by(contract, sizes).saturating_mul(factor as u128)
}

/// NumPy's `_find_contraction`: the result's labels, the operand sets left afterwards
/// (the others in order, then the result), the labels summed away, all labels involved.
fn find_contraction(
    positions: &[usize],
    sets: &[LabelSet],
    output: &LabelSet,
) -> (LabelSet, Vec<LabelSet>, LabelSet, LabelSet) {
    let mut contract = LabelSet::new();
    let mut remain = output.clone();
    let mut rest = Vec::with_capacity(sets.len());
    for (q, set) in sets.iter().enumerate() {
        if positions.contains(&q) {
            contract.extend(set.iter().copied());
        } else {
            rest.push(set.clone());
            remain.extend(set.iter().copied());
        }
    }
    let result: LabelSet = remain.intersection(&contract).copied().collect();
    let removed: LabelSet = contract.difference(&result).copied().collect();
    rest.push(result.clone());
    (result, rest, removed, contract)
}

/// A candidate pair of the greedy search: its sort key `(-removed size, flops)`, the
/// pair, and the operand sets after contracting it.
type Candidate = ((i128, u128), (usize, usize), Vec<LabelSet>);

/// NumPy's `_greedy_path`: contract the pair removing the most elements (then the
/// cheapest), outer products only when nothing else is left, intermediates no larger
/// than `limit`; when no pair fits, one last step contracts everything left.
fn greedy_path(
    sets: Vec<LabelSet>,
    output: &LabelSet,
    sizes: &std::collections::HashMap<Label, usize>,
    limit: f64,
) -> Vec<Vec<usize>> {
    let n = sets.len();
    if n < 3 {
        return vec![(0..n).collect()];
    }
    let all: Vec<usize> = (0..n).collect();
    let (_, _, removed, contract) = find_contraction(&all, &sets, output);
    let naive = flop_count(&contract, !removed.is_empty(), n, sizes);
    let parse_pair =
        |pos: (usize, usize), sets: &[LabelSet], path_cost: u128| -> Option<Candidate> {
            let (result, rest, removed, contract) = find_contraction(&[pos.0, pos.1], sets, output);
            let new_size = size_by(&result, sizes);
            if new_size as f64 > limit {
                return None;
            }
            let old = size_by(&sets[pos.0], sizes) as i128 + size_by(&sets[pos.1], sizes) as i128;
            let removed_size = old - new_size as i128;
            let cost = flop_count(&contract, !removed.is_empty(), 2, sizes);
            if path_cost.saturating_add(cost) > naive {
                return None;
            }
            Some(((-removed_size, cost), pos, rest))
        };
    let mut sets = sets;
    let mut pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect();
    let mut known: Vec<Candidate> = Vec::new();
    let mut path: Vec<Vec<usize>> = Vec::new();
    let mut path_cost = 0u128;
    for _ in 0..n - 1 {
        for &pos in &pairs {
            if sets[pos.0].is_disjoint(&sets[pos.1]) {
                continue;
            }
            if let Some(c) = parse_pair(pos, &sets, path_cost) {
                known.push(c);
            }
        }
        if known.is_empty() {
            let live = sets.len();
            for i in 0..live {
                for j in i + 1..live {
                    if let Some(c) = parse_pair((i, j), &sets, path_cost) {
                        known.push(c);
                    }
                }
            }
            if known.is_empty() {
                path.push((0..sets.len()).collect());
                break;
            }
        }
        let mut best = 0;
        for (q, c) in known.iter().enumerate() {
            if c.0 < known[best].0 {
                best = q;
            }
        }
        let best = known.remove(best);
        let (bx, by) = best.1;
        let Some(new_set) = best.2.last().cloned() else {
            break;
        };
        // NumPy's `_update_other_results`: candidates not touching the contracted
        // pair survive with their operand lists and positions updated.
        let mut kept: Vec<Candidate> = Vec::new();
        for (cost, (x, y), mut con) in std::mem::take(&mut known) {
            if x == bx || x == by || y == bx || y == by {
                continue;
            }
            let shift = |v: usize| v - usize::from(v > x) - usize::from(v > y);
            let (dy, dx) = (shift(by), shift(bx));
            if dy < con.len() {
                con.remove(dy);
            }
            if dx < con.len() {
                con.remove(dx);
            }
            let at = con.len().saturating_sub(1);
            con.insert(at, new_set.clone());
            let mv = |v: usize| v - usize::from(v > bx) - usize::from(v > by);
            kept.push((cost, (mv(x), mv(y)), con));
        }
        known = kept;
        sets = best.2;
        let last = sets.len() - 1;
        pairs = (0..last).map(|i| (i, last)).collect();
        path.push(vec![bx, by]);
        path_cost = path_cost.saturating_add(best.0 .1);
    }
    path
}

/// NumPy's `_optimal_path`: every pairwise order whose intermediates fit in `limit`,
/// the first cheapest in NumPy's enumeration order; when no pair fits at some depth,
/// the best order so far and one step contracting everything left.
fn optimal_path(
    sets: Vec<LabelSet>,
    output: &LabelSet,
    sizes: &std::collections::HashMap<Label, usize>,
    limit: f64,
) -> Vec<Vec<usize>> {
    let n = sets.len();
    type State = (u128, Vec<Vec<usize>>, Vec<LabelSet>);
    let mut full: Vec<State> = vec![(0, Vec::new(), sets)];
    for iteration in 0..n.saturating_sub(1) {
        let live = n - iteration;
        let mut next: Vec<State> = Vec::new();
        for (cost, positions, remaining) in &full {
            for i in 0..live {
                for j in i + 1..live {
                    let (result, rest, removed, contract) =
                        find_contraction(&[i, j], remaining, output);
                    if size_by(&result, sizes) as f64 > limit {
                        continue;
                    }
                    let total =
                        cost.saturating_add(flop_count(&contract, !removed.is_empty(), 2, sizes));
                    let mut pos = positions.clone();
                    pos.push(vec![i, j]);
                    next.push((total, pos, rest));
                }
            }
        }
        if next.is_empty() {
            let mut path = first_min(&full);
            path.push((0..live).collect());
            return path;
        }
        full = next;
    }
    first_min(&full)
}

fn first_min(states: &[(u128, Vec<Vec<usize>>, Vec<LabelSet>)]) -> Vec<Vec<usize>> {
    let mut best: Option<&(u128, Vec<Vec<usize>>, Vec<LabelSet>)> = None;
    for st in states {
        if best.is_none_or(|b| st.0 < b.0) {
            best = Some(st);
        }
    }
    best.map(|b| b.1.clone()).unwrap_or_default()
}

/// `np.einsum_path`'s contraction order: steps of positions in the shrinking operand
/// list (each result appended at the end). `memory_limit` bounds the elements of any
/// intermediate (NumPy's default: the largest operand or output, counting repeated
/// labels). Two or fewer operands, `Unoptimized`, or an output keeping every label give
/// one step over all operands, as NumPy.
///
/// # Errors
/// As [`einsum`] for malformed subscripts.
pub fn einsum_path(
    subscripts: &str,
    shapes: &[Vec<usize>],
    kind: PathKind,
    memory_limit: Option<f64>,
) -> Result<Vec<Vec<usize>>> {
    let (p, sizes) = path_problem(subscripts, shapes)?;
    path_of(&p, &sizes, kind, memory_limit)
}

fn path_of(
    p: &Parsed,
    sizes: &std::collections::HashMap<Label, usize>,
    kind: PathKind,
    memory_limit: Option<f64>,
) -> Result<Vec<Vec<usize>>> {
    let n = p.inputs.len();
    let sets: Vec<LabelSet> = p
        .inputs
        .iter()
        .map(|t| t.iter().copied().collect())
        .collect();
    let output: LabelSet = p.output.iter().copied().collect();
    let indices: LabelSet = sets.iter().flatten().copied().collect();
    let max_size = p
        .inputs
        .iter()
        .chain(std::iter::once(&p.output))
        .map(|t| size_by(t, sizes))
        .max()
        .unwrap_or(1);
    let limit = memory_limit.unwrap_or(max_size as f64);
    if kind == PathKind::Unoptimized || n <= 2 || indices == output {
        return Ok(vec![(0..n).collect()]);
    }
    match kind {
        PathKind::Optimal => Ok(optimal_path(sets, &output, sizes, limit)),
        PathKind::Unknown => Err(Error::new(
            numoxide_core::ErrorKind::Key,
            "Path name not found",
        )),
        _ => Ok(greedy_path(sets, &output, sizes, limit)),
    }
}

fn label_text(ls: &[Label]) -> String {
    ls.iter()
        .map(|&l| {
            if l >= ELL_BASE {
                char::from_u32(0x3b1 + l - ELL_BASE).unwrap_or('?')
            } else {
                char::from_u32(l).unwrap_or('?')
            }
        })
        .collect()
}

/// `np.einsum_path(...)`: the contraction order (see [`einsum_path`]; `explicit` is a
/// user-given path) and its printed report in NumPy's layout.
///
/// # Errors
/// As [`einsum`] for malformed subscripts; `ValueError` for a path naming an operand
/// that does not exist; `RuntimeError` when the path leaves operands uncontracted.
pub fn einsum_path_report(
    subscripts: &str,
    shapes: &[Vec<usize>],
    kind: PathKind,
    memory_limit: Option<f64>,
    explicit: Option<&[Vec<usize>]>,
) -> Result<(Vec<Vec<usize>>, String)> {
    let (p, sizes) = path_problem(subscripts, shapes)?;
    let path = match explicit {
        Some(e) => e.to_vec(),
        None => path_of(&p, &sizes, kind, memory_limit)?,
    };
    let output: LabelSet = p.output.iter().copied().collect();
    let mut sets: Vec<LabelSet> = p
        .inputs
        .iter()
        .map(|t| t.iter().copied().collect())
        .collect();
    let mut terms = p.inputs.clone();
    let (mut cost, mut scales, mut outs) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = Vec::new();
    for (s, step) in path.iter().enumerate() {
        let mut inds = step.clone();
        inds.sort_unstable_by(|a, b| b.cmp(a));
        if inds.iter().any(|&q| q >= terms.len()) || inds.windows(2).any(|w| w[0] == w[1]) {
            return Err(bad("Invalid einsum_path is specified: the path refers to an operand that does not exist."));
        }
        let (result, rest, removed, contract) = find_contraction(&inds, &sets, &output);
        cost.push(flop_count(
            &contract,
            !removed.is_empty(),
            inds.len(),
            &sizes,
        ));
        scales.push(contract.len());
        outs.push(size_by(&result, &sizes));
        sets = rest;
        let taken: Vec<Vec<Label>> = inds.iter().map(|&q| terms.remove(q)).collect();
        let res: Vec<Label> = if s + 1 == path.len() {
            p.output.clone()
        } else {
            // NumPy orders an intermediate's indices by (dimension size, letter).
            let mut r: Vec<Label> = result.iter().copied().collect();
            r.sort_by_key(|l| (sizes.get(l).copied().unwrap_or(1), *l));
            r
        };
        let current = format!(
            "{}->{}",
            taken
                .iter()
                .map(|t| label_text(t))
                .collect::<Vec<_>>()
                .join(","),
            label_text(&res)
        );
        terms.push(res);
        let rem: Vec<String> = terms.iter().map(|t| label_text(t)).collect();
        let remaining = format!("{}->{}", rem.join(","), label_text(&p.output));
        rows.push(format!(
            "\n{:>4}    {:>24} {:>40}",
            contract.len(),
            current,
            remaining
        ));
    }
    if terms.len() != 1 {
        return Err(Error::new(
            numoxide_core::ErrorKind::Runtime,
            format!(
                "Invalid einsum_path is specified: {} more operands has to be contracted.",
                terms.len().saturating_sub(1)
            ),
        ));
    }
    let indices: LabelSet = p.inputs.iter().flatten().copied().collect();
    let distinct: usize = p
        .inputs
        .iter()
        .map(|t| t.iter().copied().collect::<LabelSet>().len())
        .sum();
    let inner = distinct > indices.len();
    let naive = flop_count(&indices, inner, p.inputs.len(), &sizes) as f64;
    let opt = cost.iter().fold(1u128, |a, &c| a.saturating_add(c)) as f64;
    let largest = outs.iter().copied().max().unwrap_or(0) as f64;
    let max_scale = scales.iter().copied().max().unwrap_or(0);
    let ins: Vec<String> = p.inputs.iter().map(|t| label_text(t)).collect();
    let mut text = format!(
        "  Complete contraction:  {}->{}\n",
        ins.join(","),
        label_text(&p.output)
    );
    text += &format!("         Naive scaling:  {}\n", indices.len());
    text += &format!("     Optimized scaling:  {max_scale}\n");
    text += &format!("      Naive FLOP count:  {}\n", sci(naive));
    text += &format!("  Optimized FLOP count:  {}\n", sci(opt));
    text += &format!("   Theoretical speedup:  {:.3}\n", naive / opt);
    text += &format!("  Largest intermediate:  {} elements\n", sci(largest));
    text += &"-".repeat(74);
    text += &format!("\n{:>6} {:>24} {:>40}\n", "scaling", "current", "remaining");
    text += &"-".repeat(74);
    for r in rows {
        text += &r;
    }
    Ok((path, text))
}

/// Python's `%.3e`.
fn sci(v: f64) -> String {
    let s = format!("{v:.3e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') {
                ('-', d)
            } else {
                ('+', e)
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}
