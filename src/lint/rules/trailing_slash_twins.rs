use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds path patterns declared both with and without a trailing slash (`/orders` and
    /// `/orders/`).
    ///
    /// ## Why is this bad?
    /// A trailing slash is significant in scopec, so these are two routes; when they carry
    /// different requirements, a client that adds or drops the slash gets different access.
    /// Usually one spelling was meant.
    ///
    /// ## Example
    /// ```policy
    /// scope orders_read read "Orders"
    /// api x { auth bearer GET /orders requires orders_read "List" GET /orders/ requires public "List" }
    /// ```
    ///
    /// Use instead: declare one spelling.
    /// ```policy
    /// scope orders_read read "Orders"
    /// api x { auth bearer GET /orders/ requires orders_read "List" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::TRAILING_SLASH_TWINS;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let routes = &m.routes.routes;
    // Two patterns that differ only by a trailing slash end at the same node of the tree.
    for node in &m.routes.nodes {
        let (Some(bare), Some(slash)) = (node.end, node.end_slash) else { continue };
        let (Some(a), Some(b)) = (routes[slash].endpoints.first(), routes[bare].endpoints.first()) else {
            continue;
        };
        let (later, earlier) = if a > b { (*a, *b) } else { (*b, *a) };
        out.push(
            RULE.warning(
                m.endpoints[later].path_span,
                format!("`{}` and `{}` differ only by a trailing slash", routes[bare].pattern, routes[slash].pattern),
            )
            .with_label("trailing-slash twin")
            .with_secondary(m.endpoints[earlier].path_span, "the other spelling")
            .with_help("declare one spelling; a trailing slash is significant"),
        );
    }
}
