//! GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.

use super::{FileReport, json::Location};
use crate::diagnostic::Severity;

/// Escapes a message (`%`, CR, LF).
pub(crate) fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
pub(crate) fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotations of a `scopec check` run.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        let index = super::LineIndex::new(r.source);
        for d in r.diagnostics {
            let l = Location::of(d.span, &index);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            out.push_str(&format!(
                "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                property(r.name),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                property(&format!("scopec {}", d.code)),
                data(&message)
            ));
        }
    }
    out
}
