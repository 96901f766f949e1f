//! Diagnostics as JSON objects (a documented, stable shape; see `docs/cli.md`).

use serde::Serialize;

use super::{FileReport, LineIndex};
use crate::diagnostic::{Diagnostic, Span};

/// A position in a file: byte offsets and 1-based line and column (in characters).
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn of(span: Span, index: &LineIndex<'_>) -> Self {
        let (line, column) = index.line_col(span.start);
        let (end_line, end_column) = index.line_col(span.end);
        Location { start: span.start, end: span.end, line, column, end_line, end_column }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelJson {
    pub location: Location,
    pub message: String,
}

/// One diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticJson {
    pub file: String,
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub location: Location,
    pub label: String,
    pub labels: Vec<LabelJson>,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl DiagnosticJson {
    pub fn of(d: &Diagnostic, file: &str, index: &LineIndex<'_>) -> Self {
        DiagnosticJson {
            file: file.to_string(),
            code: d.code,
            severity: d.severity.as_str(),
            message: d.message.clone(),
            location: Location::of(d.span, index),
            label: d.label.clone(),
            labels: d
                .labels
                .iter()
                .map(|l| LabelJson { location: Location::of(l.span, index), message: l.message.clone() })
                .collect(),
            help: d.help.clone(),
            notes: d.notes.clone(),
        }
    }
}

/// Every diagnostic of every file, in order.
pub fn diagnostics(reports: &[FileReport<'_>]) -> Vec<DiagnosticJson> {
    reports
        .iter()
        .flat_map(|r| {
            let index = LineIndex::new(r.source);
            r.diagnostics.iter().map(move |d| DiagnosticJson::of(d, r.name, &index)).collect::<Vec<_>>()
        })
        .collect()
}
