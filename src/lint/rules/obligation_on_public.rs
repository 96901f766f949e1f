use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::RuleKind;

rule_doc! {
    /// ## What it does
    /// Finds `oblige` rules on endpoints that require `public`.
    ///
    /// ## Why is this bad?
    /// An obligation is a rule about the resource and who asks for it ("only the signed-in
    /// user's own record", "the app must be a member of the channel"). A public endpoint
    /// reads no key, so nothing tells the handler who is asking and the obligation cannot
    /// be enforced as written: either the endpoint should need a key, or the obligation is
    /// a row filter that does not depend on the caller (`filter`).
    ///
    /// ## Example
    /// ```policy
    /// scope users:read read "Read users"
    /// api x {
    ///     # scopec: allow(public-endpoint) the profile page is public
    ///     GET /me requires public "The caller's profile" {
    ///         oblige own_record "Only the signed-in user's own record"
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope users:read read "Read users"
    /// api x {
    ///     auth bearer
    ///     GET /me requires users:read "The caller's profile" {
    ///         oblige own_record "Only the signed-in user's own record"
    ///     }
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::OBLIGATION_ON_PUBLIC;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for e in ctx.model.endpoints.iter().filter(|e| e.requirement.anonymous) {
        for r in e.rules.iter().filter(|r| r.kind == RuleKind::Oblige) {
            let name = r.fields.first().map_or("", String::as_str);
            out.push(
                RULE.warning(r.span, format!("obligation `{name}` on public `{}`", e.label()))
                    .with_label("no key says who is asking")
                    .with_secondary(e.requirement_span, "the endpoint needs no key")
                    .with_help(
                        "require a key on the endpoint, or write a `filter` if the rule does not depend on the caller",
                    ),
            );
        }
    }
}
