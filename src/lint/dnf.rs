//! Requirement logic for rules: expressions as written, closure, implication.

use crate::lang::DNF_LIMIT;
use crate::model::{Dnf, Model, Requirement, ScopeId};
use crate::syntax::ast::{self, Expr};

/// The DNF of an expression as written: terms not deduplicated, nothing absorbed. `None`
/// when it would exceed the limit (validation has reported that already).
pub fn raw(model: &Model, e: &Expr) -> Option<Dnf> {
    match e {
        Expr::Scope(n) => Some(vec![vec![model.lookup(&n.name)?]]),
        // Alternatives open to one kind of key are not analyzed as written.
        Expr::Kind(_) => None,
        Expr::Or(xs, _) => {
            let mut out = Vec::new();
            for x in xs {
                out.extend(raw(model, x)?);
                if out.len() > DNF_LIMIT * 16 {
                    return None;
                }
            }
            Some(out)
        }
        Expr::And(xs, _) => {
            let mut acc: Dnf = vec![Vec::new()];
            for x in xs {
                let d = raw(model, x)?;
                if acc.len() * d.len() > DNF_LIMIT * 16 {
                    return None;
                }
                if let [term] = d.as_slice() {
                    for t in &mut acc {
                        t.extend_from_slice(term);
                    }
                    continue;
                }
                let mut next = Vec::with_capacity(acc.len() * d.len());
                for a in &acc {
                    for b in &d {
                        let mut t = a.clone();
                        t.extend_from_slice(b);
                        next.push(t);
                    }
                }
                acc = next;
            }
            Some(acc)
        }
    }
}

/// The expression of a requirement, if it is one.
pub fn expr(req: &ast::Requirement) -> Option<&Expr> {
    match req {
        ast::Requirement::Expr(e) => Some(e),
        _ => None,
    }
}

/// Everything a term of scopes grants, through `implies`.
pub fn closure(model: &Model, term: &[ScopeId]) -> Vec<ScopeId> {
    let mut out: Vec<ScopeId> = term.iter().flat_map(|s| model.scopes[*s].grants.iter().copied()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when every key that satisfies `a` satisfies `b`.
pub fn implies(model: &Model, a: &Requirement, b: &Requirement) -> bool {
    if b.anonymous {
        return true;
    }
    if a.anonymous {
        return false;
    }
    // For a key of no named kind, and for each kind either names.
    let kinds = std::iter::once(None).chain(a.by_kind.iter().chain(&b.by_kind).map(|(k, _)| Some(*k)));
    kinds.into_iter().all(|k| {
        a.for_kind(k).iter().all(|ta| {
            let held = closure(model, ta);
            b.for_kind(k).iter().any(|tb| tb.iter().all(|s| held.binary_search(s).is_ok()))
        })
    })
}

/// True when `a` asks strictly less than `b`: whatever satisfies `b` satisfies `a`, not
/// the other way round.
pub fn weaker(model: &Model, a: &Requirement, b: &Requirement) -> bool {
    implies(model, b, a) && !implies(model, a, b)
}
