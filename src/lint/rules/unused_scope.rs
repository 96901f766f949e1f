use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds scopes that no endpoint requires: in no requirement, no `when` condition and no
    /// data rule's `unless`, and implying no scope that is.
    ///
    /// ## Why is this bad?
    /// A scope nothing checks is a leftover or a forgotten requirement. Keys that carry it gain
    /// nothing, and integrators request it for nothing.
    ///
    /// ## Example
    /// ```policy
    /// scope read:reports read "Read reports"
    /// api reports { auth bearer GET /reports requires authenticated "List reports" }
    /// ```
    ///
    /// Use instead: require it where it belongs, or remove it.
    /// ```policy
    /// scope read:reports read "Read reports"
    /// api reports { auth bearer GET /reports requires read:reports "List reports" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::UNUSED_SCOPE;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let mut used = m.scopes.map(|_| false);
    for e in &m.endpoints {
        let whens = e.whens.iter().flat_map(|w| w.requirement.scopes());
        let unless = e.rules.iter().flat_map(|r| r.unless.iter().flatten().flatten().copied());
        for s in e.requirement.scopes().chain(whens).chain(unless) {
            used[s] = true;
        }
    }
    for (i, s) in m.scopes.enumerate() {
        // A scope that grants a used scope is useful through `implies`.
        if used[i] || s.grants.iter().any(|g| used[*g]) {
            continue;
        }
        out.push(
            RULE.warning(s.name_span, format!("no endpoint requires scope `{}`", s.name))
                .with_label("unused")
                .with_help("require it on the endpoints it protects, or remove it"),
        );
    }
}
