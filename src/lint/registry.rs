//! Every lint rule, in one ordered table: code, name, default level, summary, text.

use super::config::Level;
use super::{LintContext, rules};
use crate::diagnostic::Diagnostic;

/// A lint rule.
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub default: Level,
    pub summary: &'static str,
    /// The rule's documentation: what it does, why it is bad, an example, what to write instead.
    pub doc: &'static str,
    pub(crate) check: fn(&LintContext<'_>, &mut Vec<Diagnostic>),
}

macro_rules! rules {
    ($($level:ident $module:ident $summary:literal;)*) => {
        /// Every rule, by code.
        pub const RULES: &[RuleInfo] = &[$(RuleInfo {
            code: rules::$module::RULE.code,
            name: rules::$module::RULE.name,
            default: Level::$level,
            summary: $summary,
            doc: rules::$module::DOC,
            check: rules::$module::check,
        }),*];
    };
}

rules! {
    Warn unused_scope "a scope no endpoint requires";
    Warn write_guarded_by_read "a write method guarded only by read scopes";
    Warn read_guarded_by_write "a read method guarded only by write scopes";
    Warn non_minimal_requirement "a requirement with a redundant alternative or scope";
    Warn requires_violated "a requirement that holds a scope without the scope it requires";
    Warn rule_never_applies "a data rule whose `unless` every allowed request satisfies";
    Warn public_endpoint "a public endpoint (acknowledge it with a suppression)";
    Warn deprecated_used "an endpoint requires a deprecated scope or alias";
    Warn mixed_naming "one api mixes scope naming conventions";
    Deny forbidden_exposed "an endpoint path names a forbidden resource";
    Warn redundant_bundle_scope "a bundle names a scope twice, or one another of its scopes implies";
    Warn write_without_read "a write scope with no read counterpart";
    Warn missing_description "a scope without a description";
    Warn trailing_slash_twins "two endpoints that differ only by a trailing slash";
    Warn literal_weaker_than_param "a literal route that requires less than the parameter route beside it";
    Warn catch_all_swallows "a catch-all that accepts keys a route beneath it refuses";
    Warn unused_suppression "a suppression comment that suppresses nothing";
    Warn case_twins "two literal path segments at one position that differ only in letter case";
    Warn unused_rate_tier "a rate-limit tier no api or endpoint is assigned";
    Warn body_on_get "a body parameter on a GET or HEAD endpoint";
    Warn unholdable_alternative "a requirement's alternative no kind of key the api accepts can hold";
    Warn unliftable_rule "a data rule or obligation whose `unless` no key the api accepts can hold";
    Warn obligation_on_public "an obligation on a public endpoint, where no key says who is asking";
    Warn undocumented_condition "a query condition on a parameter the endpoint does not document";
}

/// A rule by code (`L0007`) or name (`public-endpoint`).
pub fn rule(name: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == name || r.name == name)
}

/// The documentation of a rule as Markdown: the doc comment without its leading space.
pub fn doc_markdown(rule: &RuleInfo) -> String {
    let body: Vec<&str> = rule.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    let mut summary = rule.summary.to_string();
    if let Some(first) = summary.get(..1) {
        summary = first.to_uppercase() + &summary[1..];
    }
    format!(
        "# {} ({})

{summary}.

Default level: `{}`.

{}
",
        rule.name,
        rule.code,
        rule.default.as_str(),
        body.join("\n").trim()
    )
}
