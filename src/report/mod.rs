//! Stage 4: diagnostics to text. Only this module knows codespan-reporting, JSON or SARIF.

pub mod advise;
pub mod cases;
pub mod check;
mod clip;
pub mod diff;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};

/// The diagnostics of one policy file, with its name and text.
#[derive(Debug, Clone, Copy)]
pub struct FileReport<'a> {
    pub name: &'a str,
    pub source: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

/// Error and warning counts over several files.
pub fn counts(reports: &[FileReport<'_>]) -> (usize, usize) {
    let all = reports.iter().flat_map(|r| r.diagnostics.iter());
    all.fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    })
}

pub use crate::diagnostic::position::{LineIndex, clamp, line_col};

/// "2 errors, 1 warning"
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}
