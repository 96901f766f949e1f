use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::Access;

rule_doc! {
    /// ## What it does
    /// Finds `GET` and `HEAD` endpoints whose every way in needs write scopes.
    ///
    /// ## Why is this bad?
    /// Read-only integrations (dashboards, reporting) would have to hold write scopes to read,
    /// which defeats least privilege. Usually a read scope was meant.
    ///
    /// ## Example
    /// ```policy
    /// scope orders_write write "Update orders"
    /// api shop { auth bearer GET /orders requires orders_write "List orders" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope orders_read read "Read orders"
    /// scope orders_write write "Update orders" implies orders_read
    /// api shop { auth bearer GET /orders requires orders_read "List orders" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::READ_GUARDED_BY_WRITE;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in super::guarded_only_by(ctx.model, &["GET", "HEAD"], Access::Write) {
        out.push(
            RULE.warning(e.requirement_span, format!("`{}` reads data but requires write scopes", e.label()))
                .with_label("write scopes only")
                .with_help("require a read scope (and let the write scope `implies` it)"),
        );
    }
}
