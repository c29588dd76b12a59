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

/// `np.einsum(subscripts, *operands)`, contracting in the order `path` (pairs of
/// positions in the shrinking operand list; `None` means left to right).
///
/// # Errors
/// NumPy's `ValueError`s for malformed subscripts and mismatched dimensions.
pub fn einsum(
    subscripts: &str,
    operands: &[NdArray],
    path: Option<&[(usize, usize)]>,
) -> Result<NdArray> {
    if operands.is_empty() {
        return Err(bad("No input operands"));
    }
    let ndims: Vec<usize> = operands.iter().map(|a| a.ndim()).collect();
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
    let default_path: Vec<(usize, usize)> = (1..terms.len()).map(|_| (0, 1)).collect();
    let path = path.unwrap_or(&default_path);
    for &(i, j) in path {
        if terms.len() < 2 {
            break;
        }
        let (i, j) = (i.min(j), i.max(j));
        if j >= terms.len() || i == j {
            return Err(bad("Invalid einsum_path is specified: the path refers to an operand that does not exist."));
        }
        let y = terms.remove(j);
        let x = terms.remove(i);
        let keep = needed(&p.output, &terms);
        let r = contract_pair(x, y, &keep, kind)?;
        terms.push(r);
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

/// A contraction order chosen greedily (NumPy's `optimize='greedy'` idea): repeatedly
/// contract the pair whose result is smallest relative to its inputs.
///
/// # Errors
/// As [`einsum`] for malformed subscripts.
pub fn einsum_path_greedy(subscripts: &str, shapes: &[Vec<usize>]) -> Result<Vec<(usize, usize)>> {
    let ndims: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    let p = parse(subscripts, &ndims)?;
    let mut sizes = std::collections::HashMap::new();
    for (labels, shape) in p.inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape) {
            let e = sizes.entry(l).or_insert(d);
            if *e == 1 {
                *e = d;
            }
        }
    }
    let vol = |ls: &[Label]| -> usize {
        let mut u: Vec<Label> = ls.to_vec();
        u.sort_unstable();
        u.dedup();
        u.iter()
            .map(|l| sizes.get(l).copied().unwrap_or(1))
            .product()
    };
    let mut terms: Vec<Vec<Label>> = p.inputs.clone();
    let mut path = Vec::new();
    while terms.len() > 1 {
        let mut best: Option<(isize, usize, usize, Vec<Label>)> = None;
        for i in 0..terms.len() {
            for j in i + 1..terms.len() {
                let mut keep: Vec<Label> = p.output.clone();
                for (q, t) in terms.iter().enumerate() {
                    if q != i && q != j {
                        keep.extend(t.iter().copied());
                    }
                }
                let mut res: Vec<Label> = Vec::new();
                for &l in terms[i].iter().chain(terms[j].iter()) {
                    if keep.contains(&l) && !res.contains(&l) {
                        res.push(l);
                    }
                }
                let cost = vol(&res) as isize - vol(&terms[i]) as isize - vol(&terms[j]) as isize;
                if best.as_ref().is_none_or(|b| cost < b.0) {
                    best = Some((cost, i, j, res));
                }
            }
        }
        let Some((_, i, j, res)) = best else { break };
        terms.remove(j);
        terms.remove(i);
        terms.push(res);
        path.push((i, j));
    }
    Ok(path)
}

/// `np.einsum_path(..., optimize='optimal')`: NumPy's exhaustive search over pairwise
/// contraction orders (`_optimal_path`), minimizing NumPy's flop count, skipping
/// intermediates larger than the largest operand or output (NumPy's default memory
/// limit) and keeping the first cheapest order in NumPy's enumeration order. Falls back
/// to the greedy order when no pairwise order fits the memory limit.
///
/// # Errors
/// As [`einsum`] for malformed subscripts.
pub fn einsum_path_optimal(subscripts: &str, shapes: &[Vec<usize>]) -> Result<Vec<(usize, usize)>> {
    use std::collections::BTreeSet;
    let ndims: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    let p = parse(subscripts, &ndims)?;
    let mut sizes = std::collections::HashMap::new();
    for (labels, shape) in p.inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape) {
            let e = sizes.entry(l).or_insert(d);
            if *e == 1 {
                *e = d;
            }
        }
    }
    let size_of = |set: &BTreeSet<Label>| -> usize {
        set.iter()
            .map(|l| sizes.get(l).copied().unwrap_or(1))
            .product()
    };
    let sets: Vec<BTreeSet<Label>> = p
        .inputs
        .iter()
        .map(|t| t.iter().copied().collect())
        .collect();
    let out: BTreeSet<Label> = p.output.iter().copied().collect();
    let limit = sets
        .iter()
        .chain(std::iter::once(&out))
        .map(&size_of)
        .max()
        .unwrap_or(1);
    let n = sets.len();
    if n < 3 {
        return einsum_path_greedy(subscripts, shapes);
    }
    type State = (usize, Vec<(usize, usize)>, Vec<BTreeSet<Label>>);
    let mut full: Vec<State> = vec![(0, Vec::new(), sets)];
    for iteration in 0..n - 1 {
        let mut next: Vec<State> = Vec::new();
        let live = n - iteration;
        for (cost, positions, remaining) in &full {
            for i in 0..live {
                for j in i + 1..live {
                    let mut contract: BTreeSet<Label> = BTreeSet::new();
                    let mut keep = out.clone();
                    let mut rest = Vec::with_capacity(live - 1);
                    for (q, set) in remaining.iter().enumerate() {
                        if q == i || q == j {
                            contract.extend(set.iter().copied());
                        } else {
                            keep.extend(set.iter().copied());
                            rest.push(set.clone());
                        }
                    }
                    let result: BTreeSet<Label> = contract.intersection(&keep).copied().collect();
                    if size_of(&result) > limit {
                        continue;
                    }
                    let inner = contract.len() > result.len();
                    let flops = size_of(&contract) * (1 + usize::from(inner));
                    rest.push(result);
                    let mut pos = positions.clone();
                    pos.push((i, j));
                    next.push((cost + flops, pos, rest));
                }
            }
        }
        if next.is_empty() {
            return einsum_path_greedy(subscripts, shapes);
        }
        full = next;
    }
    let mut best: Option<&State> = None;
    for st in &full {
        if best.is_none_or(|b| st.0 < b.0) {
            best = Some(st);
        }
    }
    Ok(best.map(|b| b.1.clone()).unwrap_or_default())
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

/// `np.einsum_path`'s order (greedy, or NumPy's exhaustive search when `optimal`) and
/// its printed report (NumPy's layout).
///
/// # Errors
/// As [`einsum`] for malformed subscripts.
pub fn einsum_path_report(
    subscripts: &str,
    shapes: &[Vec<usize>],
    optimal: bool,
) -> Result<(Vec<(usize, usize)>, String)> {
    let ndims: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    let p = parse(subscripts, &ndims)?;
    let path = if optimal {
        einsum_path_optimal(subscripts, shapes)?
    } else {
        einsum_path_greedy(subscripts, shapes)?
    };
    let mut sizes = std::collections::HashMap::new();
    for (labels, shape) in p.inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape) {
            let e = sizes.entry(l).or_insert(d);
            if *e == 1 {
                *e = d;
            }
        }
    }
    let uniq = |ls: &[Label]| -> Vec<Label> {
        let mut u = ls.to_vec();
        u.sort_unstable();
        u.dedup();
        u
    };
    let vol = |ls: &[Label]| -> f64 {
        uniq(ls)
            .iter()
            .map(|l| sizes.get(l).copied().unwrap_or(1) as f64)
            .product()
    };
    let flops = |idx: &[Label], inner: bool, terms: usize| -> f64 {
        let mut f = (terms.saturating_sub(1)).max(1) as f64;
        if inner {
            f += 1.0;
        }
        vol(idx) * f
    };
    let all: Vec<Label> = p.inputs.iter().flatten().copied().collect();
    let naive_inner = uniq(&all).len() > uniq(&p.output).len();
    let naive = flops(&all, naive_inner, p.inputs.len());
    let mut terms = p.inputs.clone();
    let mut opt = 1.0f64;
    let mut largest = 0.0f64;
    let mut max_scale = 0usize;
    let mut rows = Vec::new();
    let steps = path.len();
    for (s, &(i, j)) in path.iter().enumerate() {
        let y = terms.remove(j);
        let x = terms.remove(i);
        let mut keep: Vec<Label> = p.output.clone();
        for t in &terms {
            keep.extend(t.iter().copied());
        }
        let both: Vec<Label> = x.iter().chain(y.iter()).copied().collect();
        let idx = uniq(&both);
        let removed = idx.iter().any(|l| !keep.contains(l));
        let res: Vec<Label> = if s + 1 == steps {
            p.output.clone()
        } else {
            // NumPy orders an intermediate's indices by (dimension size, letter).
            let mut r: Vec<Label> = idx.iter().copied().filter(|l| keep.contains(l)).collect();
            r.sort_by_key(|l| (sizes.get(l).copied().unwrap_or(1), *l));
            r
        };
        opt += flops(&idx, removed, 2);
        largest = largest.max(vol(&res));
        max_scale = max_scale.max(idx.len());
        let current = format!(
            "{},{}->{}",
            label_text(&y),
            label_text(&x),
            label_text(&res)
        );
        terms.push(res);
        let rem: Vec<String> = terms.iter().map(|t| label_text(t)).collect();
        let remaining = format!("{}->{}", rem.join(","), label_text(&p.output));
        rows.push(format!(
            "\n{:>4}    {:>24} {:>40}",
            idx.len(),
            current,
            remaining
        ));
    }
    if steps == 0 {
        largest = vol(&p.output);
        max_scale = uniq(&all).len();
        opt = naive;
    }
    let ins: Vec<String> = p.inputs.iter().map(|t| label_text(t)).collect();
    let mut text = format!(
        "  Complete contraction:  {}->{}\n",
        ins.join(","),
        label_text(&p.output)
    );
    text += &format!("         Naive scaling:  {}\n", uniq(&all).len());
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
