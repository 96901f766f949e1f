//! Scope expressions to requirements in disjunctive normal form.

use super::ctx::Ctx;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::lang::DNF_LIMIT;
use crate::model::{Dnf, Id, Requirement, ScopeId, dnf_and, minimize};
use crate::syntax::ast::{self, Expr};

/// Why an expression has no DNF.
enum Failure {
    /// An unknown scope, already reported.
    Unknown,
    TooComplex,
}

/// Resolves a requirement, reporting unknown scopes and kinds and oversized expressions.
pub(crate) fn requirement(ctx: &mut Ctx, req: &ast::Requirement) -> Option<Requirement> {
    match req {
        ast::Requirement::Public(_) => Some(Requirement::public()),
        ast::Requirement::Authenticated(_) => Some(Requirement::authenticated()),
        ast::Requirement::Expr(e) => {
            let dnf = resolve(ctx, e, true)?;
            // Kind atoms stand in the terms as ids past the last scope; a term naming two
            // kinds can never be met (a key has one kind) and is dropped.
            let first_kind = ctx.scope_names.len();
            let alternatives = dnf
                .into_iter()
                .filter_map(|term| {
                    let (kinds, scopes): (Vec<ScopeId>, Vec<ScopeId>) =
                        term.into_iter().partition(|s| s.index() >= first_kind);
                    match kinds.as_slice() {
                        [] => Some((None, scopes)),
                        [k] => Some((Some(k.index() - first_kind), scopes)),
                        _ => None,
                    }
                })
                .collect::<Vec<_>>();
            Some(Requirement::from_alternatives(alternatives))
        }
    }
}

/// Resolves an expression of scopes only to its minimized DNF (`kind` is `E0309` here).
pub(crate) fn expr(ctx: &mut Ctx, e: &Expr) -> Option<Dnf> {
    resolve(ctx, e, false)
}

fn resolve(ctx: &mut Ctx, e: &Expr, kinds: bool) -> Option<Dnf> {
    match dnf(ctx, e, kinds) {
        Ok(d) => Some(minimize(d)),
        Err(Failure::Unknown) => None,
        Err(Failure::TooComplex) => {
            ctx.report(
                Diagnostic::error(
                    codes::TOO_COMPLEX,
                    e.span(),
                    format!("requirement expands to more than {DNF_LIMIT} alternatives"),
                )
                .with_label("this expression")
                .with_help("split the endpoint, or declare a scope that `implies` the common parts"),
            );
            None
        }
    }
}

fn dnf(ctx: &mut Ctx, e: &Expr, kinds: bool) -> Result<Dnf, Failure> {
    match e {
        Expr::Scope(name) => ctx.scope(name).map(|id| vec![vec![id]]).ok_or(Failure::Unknown),
        Expr::Kind(name) if kinds => {
            let k = super::kinds::named(ctx, name).ok_or(Failure::Unknown)?;
            Ok(vec![vec![ScopeId::new(ctx.scope_names.len() + k)]])
        }
        Expr::Kind(name) => {
            ctx.report(
                Diagnostic::error(codes::MISPLACED_KIND, name.span, format!("`kind {}` is not allowed here", name.text))
                    .with_label("only scopes may be named here")
                    .with_help("a key's kind restricts an endpoint's or a `when`'s requirement, not a data rule or a test's `missing`"),
            );
            Err(Failure::Unknown)
        }
        Expr::Or(xs, _) => {
            let mut out = Vec::new();
            let mut failure = None;
            for x in xs {
                match dnf(ctx, x, kinds) {
                    // Once too complex, the rest is resolved only to report unknown names.
                    Ok(_) if failure.is_some() => {}
                    Ok(d) => out.extend(d),
                    Err(f) => failure = Some(worse(failure, f)),
                }
                if failure.is_none() && out.len() > DNF_LIMIT {
                    out = minimize(out);
                    if out.len() > DNF_LIMIT {
                        failure = Some(Failure::TooComplex);
                    }
                }
            }
            match failure {
                Some(f) => Err(f),
                None => Ok(out),
            }
        }
        Expr::And(xs, _) => {
            let mut acc: Dnf = vec![Vec::new()];
            let mut failure = None;
            for x in xs {
                match dnf(ctx, x, kinds) {
                    Ok(d) if failure.is_none() => {
                        if acc.len().saturating_mul(d.len()) > DNF_LIMIT * 16 {
                            failure = Some(Failure::TooComplex);
                            continue;
                        }
                        acc = match d.as_slice() {
                            // One term: added to every term in place (minimized at the end),
                            // so a long `&` chain costs its length, not its length squared.
                            [term] => {
                                for t in &mut acc {
                                    t.extend_from_slice(term);
                                }
                                acc
                            }
                            _ => dnf_and(&minimize(acc), &d),
                        };
                        if acc.len() > DNF_LIMIT {
                            failure = Some(Failure::TooComplex);
                        }
                    }
                    Ok(_) => {}
                    Err(f) => failure = Some(worse(failure, f)),
                }
            }
            match failure {
                Some(f) => Err(f),
                None => Ok(acc),
            }
        }
    }
}

/// Unknown scopes win over size: the size of a wrong expression means little.
fn worse(a: Option<Failure>, b: Failure) -> Failure {
    match (a, b) {
        (Some(Failure::Unknown), _) | (_, Failure::Unknown) => Failure::Unknown,
        _ => Failure::TooComplex,
    }
}
