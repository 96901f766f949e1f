use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds scopes declared without a description.
    ///
    /// ## Why is this bad?
    /// The description is what the portal docs, the OpenAPI document and the consent screen
    /// show; without it integrators guess what a scope grants.
    ///
    /// ## Example
    /// ```policy
    /// scope read:claims read
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope read:claims read "List claims and get a claim with insurance info"
    /// ```
}

pub(crate) const RULE: LintCode = lints::MISSING_DESCRIPTION;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for s in &ctx.model.scopes {
        if s.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            out.push(
                RULE.warning(s.name_span, format!("scope `{}` has no description", s.name))
                    .with_label("no description")
                    .with_help(format!("say what it grants: `scope {} {} \"…\"`", s.name, s.access.as_str())),
            );
        }
    }
}
