//! Inline suppressions: `# scopec: allow(L0007, mixed-naming) the reason`. A comment on
//! its own line applies to the next line of code; a comment after code applies to its own
//! line. The reason is required.

use super::config::Config;
use super::registry::rule;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::report::LineIndex;
use crate::syntax::ast::File;

const MARKER: &str = "scopec:";

struct Suppression {
    codes: Vec<&'static str>,
    /// The line (1-based) whose findings it suppresses.
    line: usize,
    span: Span,
    used: bool,
}

/// Drops the findings suppressed inline. Returns the findings kept, and the problems with
/// the suppressions themselves (no reason, unknown rule, suppressing nothing).
pub(super) fn apply(
    file: &File,
    source: &str,
    found: Vec<Diagnostic>,
    config: &Config,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut sups: Vec<Suppression> = Vec::new();
    let index = LineIndex::new(source);
    for c in &file.comments {
        let body = c.text.trim_start_matches('#').trim_start();
        let Some(rest) = body.strip_prefix(MARKER) else { continue };
        let rest = rest.trim_start();
        let Some(args) = rest.strip_prefix("allow(") else {
            problems.push(
                Diagnostic::error(codes::BAD_SUPPRESSION, c.span, "malformed suppression comment")
                    .with_label("expected `scopec: allow(CODE, …) reason`")
                    .with_help("write `# scopec: allow(L0007) why this is fine`"),
            );
            continue;
        };
        let Some(close) = args.find(')') else {
            problems.push(
                Diagnostic::error(codes::BAD_SUPPRESSION, c.span, "suppression comment has no closing `)`")
                    .with_label("unclosed")
                    .with_help("write `# scopec: allow(L0007) why this is fine`"),
            );
            continue;
        };
        let reason = args[close + 1..].trim();
        let mut rules = Vec::new();
        for name in args[..close].split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match rule(name) {
                Some(r) => rules.push(r.code),
                None => problems.push(
                    Diagnostic::error(
                        codes::BAD_SUPPRESSION,
                        c.span,
                        format!("suppression names unknown rule `{name}`"),
                    )
                    .with_label("no such rule")
                    .with_help("`scopec rule` lists the rules"),
                ),
            }
        }
        if reason.is_empty() {
            problems.push(
                Diagnostic::error(codes::BAD_SUPPRESSION, c.span, "suppression has no reason")
                    .with_label("say why the finding is acceptable")
                    .with_help("write the reason after the parenthesis: `# scopec: allow(L0007) health check for load balancers`"),
            );
            continue;
        }
        let (line, _) = index.line_col(c.span.start);
        let line_start = source[..c.span.start].rfind('\n').map_or(0, |i| i + 1);
        let own_line = source[line_start..c.span.start].trim().is_empty();
        let target = if own_line { next_code_line(source, line) } else { line };
        sups.push(Suppression { codes: rules, line: target, span: c.span, used: false });
    }
    let mut kept = Vec::new();
    for d in found {
        let (line, _) = index.line_col(d.span.start);
        match sups.iter_mut().find(|s| s.line == line && s.codes.contains(&d.code)) {
            Some(s) => s.used = true,
            None => kept.push(d),
        }
    }
    let unused_rule = rule("unused-suppression");
    let unused_on = unused_rule.is_some_and(|r| config.level(r) != super::Level::Allow);
    for s in sups.iter().filter(|s| !s.used && !s.codes.is_empty()) {
        // A suppression of a rule that is off anyway is not reported as unused.
        let all_on = s.codes.iter().filter_map(|c| rule(c)).all(|r| config.level(r) != super::Level::Allow);
        if unused_on && all_on {
            kept.push(
                Diagnostic::warning("L0017", s.span, "this suppression suppresses nothing")
                    .with_label("no finding on the line it applies to")
                    .with_help("remove it, or move it onto the line of the finding"),
            );
        }
    }
    (kept, problems)
}

/// The first line after `line` that holds something other than a comment.
fn next_code_line(source: &str, line: usize) -> usize {
    for (i, text) in source.lines().enumerate().skip(line) {
        let t = text.trim();
        if !t.is_empty() && !t.starts_with('#') {
            return i + 1;
        }
    }
    line + 1
}
