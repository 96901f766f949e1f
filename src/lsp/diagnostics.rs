//! scopec's diagnostics as LSP diagnostics: the same findings as `scopec check`, each with
//! its code, its label and help in the message, and its secondary labels as related
//! information.

use lsp_types::{
    Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use super::document::Document;
use crate::{Diagnostic, Severity};

/// The diagnostics of a document.
pub fn of(uri: &Uri, doc: &Document) -> Vec<LspDiagnostic> {
    doc.analysis.diagnostics.iter().map(|d| one(uri, doc, d)).collect()
}

fn one(uri: &Uri, doc: &Document, d: &Diagnostic) -> LspDiagnostic {
    let mut message = d.message.clone();
    if !d.label.is_empty() {
        message.push_str(&format!(" ({})", d.label));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: doc.lines.range(&doc.text, l.span) },
            message: l.message.clone(),
        })
        .collect();
    LspDiagnostic {
        range: doc.lines.range(&doc.text, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("scopec".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}
