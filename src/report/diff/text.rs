//! Human text and GitHub annotations.

use super::{ChangeJson, PairReport, resolved, summary};
use crate::report::github::{data, property};

fn place(c: &ChangeJson) -> String {
    let one = |p: &super::Place| format!("{}:{}:{}", p.file, p.location.line, p.location.column);
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => format!("{} (was {})", one(n), one(o)),
        (None, Some(n)) => one(n),
        (Some(o), None) => format!("{} (removed)", one(o)),
        (None, None) => String::new(),
    }
}

/// One block per change, then the counts.
pub fn human(reports: &[PairReport<'_>]) -> String {
    let changes = resolved(reports);
    let mut out = String::new();
    for c in &changes {
        out.push_str(&format!("{}[{}] {}: {}\n", c.category.as_str(), c.code, c.name, c.message));
        let at = place(c);
        if !at.is_empty() {
            out.push_str(&format!("  --> {at}\n"));
        }
        if let Some(w) = &c.witness {
            out.push_str(&format!("  = witness: {w}\n"));
        }
        if !c.endpoints.is_empty() {
            out.push_str(&format!("  = endpoints: {}\n", c.endpoints.join(", ")));
        }
        out.push('\n');
    }
    out.push_str(&format!("{} changes: {}\n", changes.len(), summary(&changes)));
    out
}

/// One workflow command per change, on the new version's line (the old one's for a
/// removal): `::error` for widening and exposure, `::warning` for breaking changes,
/// `::notice` for compatible ones.
pub fn github(reports: &[PairReport<'_>]) -> String {
    let mut out = String::new();
    for c in resolved(reports) {
        let kind = match c.level {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut message = c.message.clone();
        if let Some(w) = &c.witness {
            message.push_str(&format!("\nwitness: {w}"));
        }
        let title = property(&format!("scopec diff {} {} ({})", c.code, c.name, c.category.as_str()));
        match c.new.as_ref().or(c.old.as_ref()) {
            Some(p) => out.push_str(&format!(
                "::{kind} file={},line={},col={},endLine={},endColumn={},title={title}::{}\n",
                property(&p.file),
                p.location.line,
                p.location.column,
                p.location.end_line,
                p.location.end_column,
                data(&message)
            )),
            None => out.push_str(&format!("::{kind} title={title}::{}\n", data(&message))),
        }
    }
    out
}
