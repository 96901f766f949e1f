//! Requirements in disjunctive normal form: an OR of ANDs of scopes.
//!
//! A term is a sorted, duplicate-free list of scope ids; a DNF is a sorted list of terms
//! with no term a superset of another (absorption), so equal requirements have equal DNFs.
//! The empty DNF can never be satisfied; a DNF holding the empty term always is.

use super::ScopeId;

/// Scopes that must all be held.
pub type Term = Vec<ScopeId>;
/// Terms of which one must be held.
pub type Dnf = Vec<Term>;

/// Sorts terms and drops duplicates and absorbed terms (`a | a & b` is `a`).
pub fn minimize(mut dnf: Dnf) -> Dnf {
    for term in &mut dnf {
        term.sort_unstable();
        term.dedup();
    }
    dnf.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    dnf.dedup();
    let mut kept: Dnf = Vec::with_capacity(dnf.len());
    for term in dnf {
        if !kept.iter().any(|k| is_subset(k, &term)) {
            kept.push(term);
        }
    }
    kept.sort();
    kept
}

/// Both requirements: the product of the terms, minimized.
pub fn dnf_and(a: &Dnf, b: &Dnf) -> Dnf {
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut t = x.clone();
            t.extend_from_slice(y);
            out.push(t);
        }
    }
    minimize(out)
}

/// True when every scope of sorted `small` is in sorted `big`.
pub fn is_subset(small: &[ScopeId], big: &[ScopeId]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b == s))
}

/// `a & b | c`, with names from `name`.
pub fn render(dnf: &Dnf, name: impl Fn(ScopeId) -> String) -> String {
    if dnf.is_empty() {
        return "nothing (unsatisfiable)".into();
    }
    dnf.iter().map(|t| t.iter().map(|s| name(*s)).collect::<Vec<_>>().join(" & ")).collect::<Vec<_>>().join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    /// A DNF from terms of scope numbers.
    fn d(terms: &[&[usize]]) -> Dnf {
        terms.iter().map(|t| t.iter().map(|i| ScopeId::new(*i)).collect()).collect()
    }

    #[test]
    fn absorption_and_order() {
        assert_eq!(minimize(d(&[&[1, 0], &[0], &[0]])), d(&[&[0]]));
        assert_eq!(minimize(d(&[&[2], &[1, 1]])), d(&[&[1], &[2]]));
    }

    #[test]
    fn product() {
        // (a | b) & c = a&c | b&c
        assert_eq!(dnf_and(&d(&[&[0], &[1]]), &d(&[&[2]])), d(&[&[0, 2], &[1, 2]]));
        // authenticated & x = x
        assert_eq!(dnf_and(&d(&[&[]]), &d(&[&[3]])), d(&[&[3]]));
    }
}
