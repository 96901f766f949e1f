//! Human output: rustc-style diagnostics through codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::term::{self, Config, termcolor::WriteColor};

use super::clip::Lines;
use super::{FileReport, clamp};
use crate::diagnostic::{Diagnostic, Severity};

fn convert(d: &Diagnostic, source: &str) -> CsDiagnostic<()> {
    let file = ();
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut labels = vec![CsLabel::primary(file, clamp(d.span, source)).with_message(&d.label)];
    labels.extend(d.labels.iter().map(|l| CsLabel::secondary(file, clamp(l.span, source)).with_message(&l.message)));
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    CsDiagnostic::new(severity).with_code(d.code).with_message(&d.message).with_labels(labels).with_notes(notes)
}

/// Writes every file's diagnostics, in colour when `out` supports it.
pub fn write(out: &mut dyn WriteColor, reports: &[FileReport<'_>]) -> std::io::Result<()> {
    let config = Config::default();
    for r in reports {
        let lines = Lines::new(r.name, r.source);
        for d in r.diagnostics {
            let d = convert(d, r.source);
            let files = lines.clipped(&ranges(&d));
            term::emit_to_write_style(out, &config, &files, &d).map_err(std::io::Error::other)?;
        }
    }
    Ok(())
}

fn ranges(d: &CsDiagnostic<()>) -> Vec<std::ops::Range<usize>> {
    d.labels.iter().map(|l| l.range.clone()).collect()
}

/// One file's diagnostics as plain text (no colour): what snapshots record.
pub fn render_plain(report: FileReport<'_>) -> String {
    let lines = Lines::new(report.name, report.source);
    let config = Config::default();
    let mut out = String::new();
    for d in report.diagnostics {
        let cs = convert(d, report.source);
        let files = lines.clipped(&ranges(&cs));
        match term::emit_into_string(&config, &files, &cs) {
            Ok(s) => out.push_str(&s),
            Err(e) => out.push_str(&format!("{}: {} (could not render: {e})\n", d.code, d.message)),
        }
    }
    out
}
