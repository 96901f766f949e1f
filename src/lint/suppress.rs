//! Applying inline suppressions (`# scopec: allow(L0007, mixed-naming) the reason`, read
//! by `syntax` and checked by validation) to the findings of the rules.

use super::config::Config;
use super::registry::rule;
use super::rules::unused_suppression;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::position::LineIndex;
use crate::syntax::ast::File;

/// A suppression's rules (as codes), the line it applies to, and whether it was used.
struct Active<'a> {
    codes: Vec<&'static str>,
    line: usize,
    suppression: &'a crate::syntax::ast::Suppression,
    used: bool,
}

/// Drops the findings suppressed inline, and adds the `unused-suppression` findings.
pub(super) fn apply(file: &File, source: &str, found: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    let mut active: Vec<Active<'_>> = file
        .suppressions
        .iter()
        .filter(|s| s.malformed.is_none())
        .map(|s| Active {
            codes: s.rules.iter().filter_map(|n| rule(n)).map(|r| r.code).collect(),
            line: s.line,
            suppression: s,
            used: false,
        })
        .collect();
    let index = LineIndex::new(source);
    let mut kept = Vec::new();
    for d in found {
        let (line, _) = index.line_col(d.span.start);
        match active.iter_mut().find(|s| s.line == line && s.codes.contains(&d.code)) {
            Some(s) => s.used = true,
            None => kept.push(d),
        }
    }
    let unused = active.iter().filter(|s| !s.used && !s.codes.is_empty());
    unused_suppression::report(unused.map(|s| (s.suppression, s.codes.as_slice())), config, &mut kept);
    kept
}
