use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::query::key_matches;

rule_doc! {
    /// ## What it does
    /// Finds `when ?key …` conditions on a query parameter the endpoint does not document
    /// with a `query` line.
    ///
    /// ## Why is this bad?
    /// The parameter changes what the request needs, yet the docs and the OpenAPI
    /// document do not list it. And only a documented parameter can declare its default:
    /// if the server treats an absent `types` as `public_channel`, a condition on
    /// `?types=public_channel` must hold for a request without `types` too, which
    /// `query types optional default public_channel` says and nothing else can.
    ///
    /// ## Example
    /// ```policy
    /// scope notes:read read "Read notes"
    /// scope soap:read read "Read SOAP notes"
    /// api x { auth bearer GET /notes requires notes:read "List notes" { when ?includeSoap=true requires soap:read } }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope notes:read read "Read notes"
    /// scope soap:read read "Read SOAP notes"
    /// api x {
    ///     auth bearer
    ///     GET /notes requires notes:read "List notes" {
    ///         query includeSoap optional default false "Include SOAP note content"
    ///         when ?includeSoap=true requires soap:read
    ///     }
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::UNDOCUMENTED_CONDITION;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in &ctx.model.endpoints {
        for w in e.whens.iter().filter(|w| !w.header) {
            if e.query.iter().any(|q| key_matches(&q.name, &w.key)) {
                continue;
            }
            out.push(
                RULE.warning(w.span, format!("`{}` has a condition on undocumented query parameter `{}`", e.label(), w.key))
                    .with_label("no `query` line documents this parameter")
                    .with_help(format!(
                        "document it: `query {} optional \"…\"`, with `default …` if the server assumes a value when it is absent",
                        w.key
                    )),
            );
        }
    }
}
