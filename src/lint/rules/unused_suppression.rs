use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{Config, Level, LintContext, rule, rule_doc};
use crate::syntax::ast::Suppression;

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

pub(crate) const RULE: LintCode = lints::UNUSED_SUPPRESSION;

/// Reported while applying suppressions (`lint::suppress`), which knows which were used:
/// nothing to find here.
pub(crate) fn check(_ctx: &LintContext<'_>, _out: &mut Vec<Diagnostic>) {}

/// Reports the suppressions that suppressed nothing, each with the rule codes it names.
/// A suppression of a rule that is off anyway is not reported.
pub(crate) fn report<'a>(
    unused: impl Iterator<Item = (&'a Suppression, &'a [&'static str])>,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let on = |code: &str| rule(code).is_some_and(|r| config.level(r) != Level::Allow);
    if !on(RULE.code) {
        return;
    }
    for (s, codes) in unused {
        if codes.iter().all(|c| on(c)) {
            out.push(
                RULE.warning(s.span, "this suppression suppresses nothing")
                    .with_label("no finding on the line it applies to")
                    .with_help("remove it, or move it onto the line of the finding"),
            );
        }
    }
}
