use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::{Dnf, Model, minimize};
use crate::syntax::ast::{BodyStmt, Expr};

rule_doc! {
    /// ## What it does
    /// Finds requirements (and `when` and `unless` expressions) that say more than they mean:
    /// a scope twice in one alternative (`a & a`), an alternative twice (`a | a`), or an
    /// alternative that another makes redundant (`a | a & b` is `a`). The check is made on the
    /// expression's disjunctive normal form, so `(a | b) & a` is found too.
    ///
    /// ## Why is this bad?
    /// A redundant alternative suggests the author meant something else (`a & b`, say), and
    /// readers must work out that it changes nothing.
    ///
    /// ## Example
    /// ```policy
    /// scope a read "A"
    /// scope b read "B"
    /// api x { auth bearer GET /x requires a | a & b "X" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope a read "A"
    /// api x { auth bearer GET /x requires a "X" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::NON_MINIMAL_REQUIREMENT;

fn redundant(raw: &Dnf) -> bool {
    let mut terms = raw.clone();
    for t in &mut terms {
        let n = t.len();
        t.sort_unstable();
        t.dedup();
        if t.len() != n {
            return true;
        }
    }
    minimize(terms).len() != raw.len()
}

/// True for the common shapes that cannot be redundant: one scope, or distinct scopes
/// joined by one operator.
fn plainly_minimal(e: &Expr) -> bool {
    match e {
        Expr::Scope(_) | Expr::Kind(_) => true,
        Expr::Or(xs, _) | Expr::And(xs, _) => {
            let mut seen = std::collections::HashSet::with_capacity(xs.len());
            xs.iter().all(|x| matches!(x, Expr::Scope(n) if seen.insert(n.name.as_str())))
        }
    }
}

fn report(m: &Model, e: &Expr, out: &mut Vec<Diagnostic>) {
    if plainly_minimal(e) {
        return;
    }
    let Some(raw) = dnf::raw(m, e) else { return };
    if redundant(&raw) {
        let minimal = m.dnf_text(&minimize(raw));
        out.push(
            RULE.warning(e.span(), format!("requirement is the same as `{minimal}`"))
                .with_label("redundant alternative or scope")
                .with_help(format!("write `{minimal}`, or check whether `&` was meant where `|` is written")),
        );
    }
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.endpoints {
        if let Some(x) = dnf::expr(&e.requirement) {
            report(ctx.model, x, out);
        }
        for stmt in &e.body {
            match stmt {
                BodyStmt::When(w) => {
                    if let Some(x) = dnf::expr(&w.requirement) {
                        report(ctx.model, x, out);
                    }
                }
                BodyStmt::Strip(r) | BodyStmt::Mask(r) => {
                    if let Some(x) = &r.unless {
                        report(ctx.model, x, out);
                    }
                }
                BodyStmt::Filter(f) | BodyStmt::Oblige(f) => {
                    if let Some(x) = &f.unless {
                        report(ctx.model, x, out);
                    }
                }
                BodyStmt::Query(_) | BodyStmt::Body(_) | BodyStmt::Rate(..) | BodyStmt::Note(_) => {}
            }
        }
    }
}
