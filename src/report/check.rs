//! `scopec check` results as JSON and JUnit XML.

use serde::Serialize;

use super::cases::xml_escape;
use super::json::DiagnosticJson;
use super::{FileReport, LineIndex, counts};
use crate::diagnostic::Severity;

/// Version of the JSON shape; bumped on any incompatible change.
pub const CHECK_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct CheckJson {
    version: u32,
    summary: Summary,
    diagnostics: Vec<DiagnosticJson>,
}

/// `{version, summary: {files, errors, warnings}, diagnostics: [...]}`.
pub fn json(reports: &[FileReport<'_>]) -> String {
    let (errors, warnings) = counts(reports);
    let doc = CheckJson {
        version: CHECK_JSON_VERSION,
        summary: Summary { files: reports.len(), errors, warnings },
        diagnostics: super::json::diagnostics(reports),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A `<testsuite>` per file, a `<testcase>` per finding (a `<failure>` for errors), and a
/// passing `check` case for a clean file.
pub fn junit(reports: &[FileReport<'_>]) -> String {
    let (errors, _) = counts(reports);
    let mut suites = String::new();
    let mut total = 0;
    for r in reports {
        let index = LineIndex::new(r.source);
        let name = xml_escape(r.name);
        let failures = r.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let cases = r.diagnostics.len().max(1);
        total += cases;
        suites.push_str(&format!("  <testsuite name=\"{name}\" tests=\"{cases}\" failures=\"{failures}\">\n"));
        if r.diagnostics.is_empty() {
            suites.push_str(&format!("    <testcase name=\"check\" classname=\"{name}\"/>\n"));
        }
        for d in r.diagnostics {
            let (line, col) = index.line_col(d.span.start);
            let case = xml_escape(&format!("{} at {line}:{col}", d.code));
            let message = xml_escape(&d.message);
            match d.severity {
                Severity::Error => suites.push_str(&format!(
                    "    <testcase name=\"{case}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\">\n      <failure message=\"{message}\"/>\n    </testcase>\n"
                )),
                Severity::Warning => suites.push_str(&format!(
                    "    <testcase name=\"{case}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\">\n      <system-out>warning: {message}</system-out>\n    </testcase>\n"
                )),
            }
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scopec check\" tests=\"{total}\" failures=\"{errors}\">\n{suites}</testsuites>\n"
    )
}
