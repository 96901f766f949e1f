use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds `# scopec: allow(…)` comments that suppress nothing: no finding of the rules they
    /// name is on the line they apply to (the next line of code, or their own line when they
    /// follow code).
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real finding on that line, and its reason no longer
    /// describes the policy.
    ///
    /// ## Example
    /// ```policy
    /// scope read:a read "A"
    /// api x {
    ///     auth bearer
    ///     # scopec: allow(public-endpoint) health check
    ///     GET /a requires read:a "A"
    /// }
    /// ```
    ///
    /// Use instead: remove the comment.
}

/// Found while applying suppressions (see `lint::suppress`); nothing to do here.
pub(crate) fn check(_ctx: &LintContext<'_>, _out: &mut Vec<Diagnostic>) {}
