//! Stage 4: diagnostics to text. Only this module knows codespan-reporting, JSON or SARIF.

pub mod check;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod tests;

use crate::diagnostic::{Diagnostic, Severity, Span};

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

/// A span clamped into `source` on character boundaries, so a renderer never fails on it.
pub fn clamp(span: Span, source: &str) -> std::ops::Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(source.len());
        while i > 0 && !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    let end = fix(span.end).max(start);
    start..end
}

/// 1-based line and column (in characters) of a byte offset. For many lookups in one
/// source, build a [`LineIndex`] once.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(offset)
}

/// The line starts of a source, for line and column lookups in logarithmic time.
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { source, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = clamp(Span::new(offset, offset), self.source).start;
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        (line.max(1), self.source[start..offset].chars().count() + 1)
    }
}

/// "2 errors, 1 warning"
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}
