use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::syntax::ast::{BodyStmt, Expr, Requirement};

rule_doc! {
    /// ## What it does
    /// Finds endpoint requirements, `when` conditions and `unless` expressions that name a
    /// deprecated scope or a deprecated alias.
    ///
    /// ## Why is this bad?
    /// New endpoints keep deprecated names alive: integrators keep requesting them, and the
    /// platform can never remove them.
    ///
    /// ## Example
    /// ```policy
    /// scope read:bills read "Bills"
    /// alias read:encounters = read:bills deprecated "legacy name"
    /// api x { auth bearer GET /bills requires read:encounters "List bills" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope read:bills read "Bills"
    /// api x { auth bearer GET /bills requires read:bills "List bills" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::DEPRECATED_USED;

fn names(e: &Expr, ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for n in e.scope_names() {
        let why = if let Some(a) = m.aliases.iter().find(|a| a.name == n.name) {
            a.deprecated.as_ref().map(|d| (format!("alias `{}` is deprecated", n.name), d.reason.clone(), d.span))
        } else {
            m.lookup(&n.name).and_then(|id| {
                let s = &m.scopes[id];
                s.deprecated.as_ref().map(|d| (format!("scope `{}` is deprecated", n.name), d.reason.clone(), d.span))
            })
        };
        if let Some((message, reason, at)) = why {
            let mut d = RULE.warning(n.span, message).with_label("deprecated").with_secondary(at, "deprecated here");
            if let Some(r) = reason {
                d = d.with_note(r);
            }
            let target = m.lookup(&n.name).map(|id| m.scope_name(id).to_string());
            d = match target.filter(|t| *t != n.name) {
                Some(t) => d.with_help(format!("require `{t}` instead")),
                None => d.with_help("require the scope that replaces it"),
            };
            out.push(d);
        }
    }
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    if m.aliases.iter().all(|a| a.deprecated.is_none()) && m.scopes.iter().all(|s| s.deprecated.is_none()) {
        return;
    }
    for e in &ctx.endpoints {
        if let Requirement::Expr(x) = &e.requirement {
            names(x, ctx, out);
        }
        for stmt in &e.body {
            match stmt {
                BodyStmt::When(w) => {
                    if let Requirement::Expr(x) = &w.requirement {
                        names(x, ctx, out);
                    }
                }
                BodyStmt::Strip(r) | BodyStmt::Mask(r) => {
                    if let Some(x) = &r.unless {
                        names(x, ctx, out);
                    }
                }
                BodyStmt::Filter(f) | BodyStmt::Oblige(f) => {
                    if let Some(x) = &f.unless {
                        names(x, ctx, out);
                    }
                }
                BodyStmt::Query(_) | BodyStmt::Body(_) | BodyStmt::Rate(..) | BodyStmt::Note(_) => {}
            }
        }
    }
}
