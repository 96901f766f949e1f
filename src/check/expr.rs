//! Scope expressions to requirements in disjunctive normal form.

use super::ctx::Ctx;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::lang::DNF_LIMIT;
use crate::model::{Dnf, Requirement, dnf_and, minimize};
use crate::syntax::ast::{self, Expr};

/// Why an expression has no DNF.
enum Failure {
    /// An unknown scope, already reported.
    Unknown,
    TooComplex,
}

/// Resolves a requirement, reporting unknown scopes and oversized expressions.
pub(crate) fn requirement(ctx: &mut Ctx, req: &ast::Requirement) -> Option<Requirement> {
    match req {
        ast::Requirement::Public(_) => Some(Requirement::public()),
        ast::Requirement::Authenticated(_) => Some(Requirement::authenticated()),
        ast::Requirement::Expr(e) => expr(ctx, e).map(|dnf| Requirement { anonymous: false, dnf }),
    }
}

/// Resolves an expression to its minimized DNF.
pub(crate) fn expr(ctx: &mut Ctx, e: &Expr) -> Option<Dnf> {
    match dnf(ctx, e) {
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

fn dnf(ctx: &mut Ctx, e: &Expr) -> Result<Dnf, Failure> {
    match e {
        Expr::Scope(name) => ctx.scope(name).map(|id| vec![vec![id]]).ok_or(Failure::Unknown),
        Expr::Or(xs, _) => {
            let mut out = Vec::new();
            let mut failure = None;
            for x in xs {
                match dnf(ctx, x) {
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
                match dnf(ctx, x) {
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
