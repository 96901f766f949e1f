//! SARIF 2.1.0, with rule metadata so code scanning shows each rule's help.

use serde_json::{Value, json};

use super::{FileReport, json::Location};
use crate::codes::ERROR_CODES;
use crate::diagnostic::Severity;
use crate::lint::RULES;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn rules() -> Vec<Value> {
    let lints = RULES.iter().map(|r| {
        let help = crate::lint::registry_doc(r);
        json!({
            "id": r.code,
            "name": r.name,
            "shortDescription": { "text": r.summary },
            "fullDescription": { "text": r.summary },
            "help": { "text": help, "markdown": help },
            "defaultConfiguration": { "level": match r.default {
                crate::lint::Level::Deny => "error",
                crate::lint::Level::Warn => "warning",
                crate::lint::Level::Allow => "none",
            } },
            "properties": { "tags": ["scopec", "lint"] },
        })
    });
    let errors = ERROR_CODES.iter().map(|c| {
        json!({
            "id": c.code,
            "name": c.name,
            "shortDescription": { "text": c.summary },
            "fullDescription": { "text": c.summary },
            "help": { "text": format!("{}. See docs/language.md, \"Validation errors\".", c.summary) },
            "defaultConfiguration": { "level": "error" },
            "properties": { "tags": ["scopec", "validation"] },
        })
    });
    lints.chain(errors).collect()
}

fn region(l: &Location) -> Value {
    json!({
        "startLine": l.line,
        "startColumn": l.column,
        "endLine": l.end_line,
        "endColumn": l.end_column.max(if l.end_line == l.line { l.column + 1 } else { 1 }),
        "charOffset": l.start,
        "charLength": l.end - l.start,
    })
}

/// The SARIF log of a `scopec check` run.
pub fn render(reports: &[FileReport<'_>]) -> String {
    let rules = rules();
    let rule_index = |code: &str| rules.iter().position(|r| r["id"] == code);
    let mut results = Vec::new();
    for r in reports {
        let index = super::LineIndex::new(r.source);
        let uri = r.name.replace('\\', "/");
        for d in r.diagnostics {
            let loc = Location::of(d.span, &index);
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!(". Help: {h}"));
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": { "text": message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(&loc),
                } }],
            });
            if let Some(i) = rule_index(d.code) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        json!({
                            "id": i,
                            "message": { "text": l.message },
                            "physicalLocation": {
                                "artifactLocation": { "uri": uri },
                                "region": region(&Location::of(l.span, &index)),
                            },
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "scopec",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
