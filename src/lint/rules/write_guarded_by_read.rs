use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::Access;

rule_doc! {
    /// ## What it does
    /// Finds `POST`, `PUT`, `PATCH` and `DELETE` endpoints whose every way in needs only read
    /// scopes.
    ///
    /// ## Why is this bad?
    /// Integrators grant read scopes freely ("separate read and write"); a change guarded by one
    /// is a change any reader can make.
    ///
    /// ## Example
    /// ```policy
    /// scope orders_read read "Read orders"
    /// api shop { auth bearer PATCH /orders/{id} requires orders_read "Update an order" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope orders_write write "Update orders"
    /// api shop { auth bearer PATCH /orders/{id} requires orders_write "Update an order" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::WRITE_GUARDED_BY_READ;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in super::guarded_only_by(ctx.model, &["POST", "PUT", "PATCH", "DELETE"], Access::Read) {
        out.push(
            RULE.warning(e.requirement_span, format!("`{}` changes data but requires only read scopes", e.label()))
                .with_label("read scopes only")
                .with_help("require a write scope, or suppress this with the reason the change is read-only"),
        );
    }
}
