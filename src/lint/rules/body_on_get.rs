use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lang::Method;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds `body` parameters declared on `GET` and `HEAD` endpoints.
    ///
    /// ## Why is this bad?
    /// Clients, proxies and caches drop or refuse a body on `GET` and `HEAD`: a parameter
    /// documented there is usually a query parameter written as `body`, and integrators who
    /// follow the docs send requests that lose it.
    ///
    /// ## Example
    /// ```policy
    /// scope channels:read read "List channels"
    /// api web {
    ///     auth bearer
    ///     GET /conversations.list requires channels:read "List channels" {
    ///         body types optional "Channel types"
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope channels:read read "List channels"
    /// api web {
    ///     auth bearer
    ///     GET /conversations.list requires channels:read "List channels" {
    ///         query types optional "Channel types"
    ///     }
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::BODY_ON_GET;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in ctx.model.endpoints.iter().filter(|e| matches!(e.method, Method::Get | Method::Head)) {
        for b in &e.body {
            out.push(
                RULE.warning(e.path_span, format!("`{}` declares body parameter `{}`", e.label(), b.name))
                    .with_label(format!("a {} request has no body", e.method))
                    .with_help(format!("if it travels in the query, write `query {} …`", b.name)),
            );
        }
    }
}
