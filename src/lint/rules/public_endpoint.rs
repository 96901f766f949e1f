use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Reports every endpoint that requires `public`: no key at all.
    ///
    /// ## Why is this bad?
    /// It may not be: health checks and sign-up pages are public. But a `public` typed by
    /// mistake opens an endpoint to the world, so each one must be acknowledged with a reason a
    /// reviewer can judge: `# scopec: allow(public-endpoint) the reason`.
    ///
    /// ## Example
    /// ```policy
    /// api x { GET /export requires public "Export all orders" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// api x {
    ///     # scopec: allow(public-endpoint) liveness probe for the load balancer; returns no data
    ///     GET /health requires public "Liveness probe"
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::PUBLIC_ENDPOINT;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.model.endpoints {
        if e.requirement.anonymous {
            out.push(
                RULE.warning(e.requirement_span, format!("`{}` is public: no key is needed", e.label()))
                    .with_label("public")
                    .with_help("if that is intended, acknowledge it: `# scopec: allow(public-endpoint) <why>`"),
            );
        }
    }
}
