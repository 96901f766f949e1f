//! JSON and SARIF.

use serde_json::{Value, json};

use super::{PairReport, counts, resolved};
use crate::diff::{Category, codes};

/// `{ "changes": [...], "counts": { "breaking": n, ... } }`
pub fn json(reports: &[PairReport<'_>]) -> String {
    let changes = resolved(reports);
    let n = counts(&changes);
    let counts: serde_json::Map<String, Value> =
        Category::ALL.iter().map(|c| (c.as_str().to_string(), json!(n[*c as usize]))).collect();
    let doc = json!({ "changes": changes, "counts": counts });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// SARIF 2.1.0: one result per change, located in the new version (the old one for a
/// removal), the other version as a related location; every change kind is a rule.
pub fn sarif(reports: &[PairReport<'_>]) -> String {
    let rules: Vec<Value> = codes::ALL
        .iter()
        .map(|k| {
            json!({
                "id": k.code,
                "name": k.name,
                "shortDescription": { "text": k.summary },
                "fullDescription": { "text": k.summary },
                "help": { "text": format!("{}. See docs/diff.md.", k.summary) },
                "defaultConfiguration": { "level": k.category.level() },
                "properties": { "tags": ["scopec", "diff", k.category.as_str()] },
            })
        })
        .collect();
    let region = |l: &crate::report::json::Location| {
        json!({
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": l.end_line,
            "endColumn": l.end_column.max(if l.end_line == l.line { l.column + 1 } else { 1 }),
        })
    };
    let physical = |p: &super::Place| json!({ "artifactLocation": { "uri": p.file.replace('\\', "/") }, "region": region(&p.location) });
    let results: Vec<Value> = resolved(reports)
        .iter()
        .map(|c| {
            let mut message = c.message.clone();
            if let Some(w) = &c.witness {
                message.push_str(&format!(". Witness: {w}"));
            }
            let mut r = json!({
                "ruleId": c.code,
                "ruleIndex": codes::ALL.iter().position(|k| k.code == c.code),
                "level": c.level,
                "message": { "text": message },
                "properties": { "category": c.category.as_str(), "subject": c.subject },
            });
            let (main, other) = match (&c.new, &c.old) {
                (Some(n), o) => (Some(n), o.as_ref()),
                (None, o) => (o.as_ref(), None),
            };
            if let Some(m) = main {
                r["locations"] = json!([{ "physicalLocation": physical(m) }]);
            }
            if let Some(o) = other {
                r["relatedLocations"] =
                    json!([{ "id": 0, "message": { "text": "the old version" }, "physicalLocation": physical(o) }]);
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "scopec", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}
