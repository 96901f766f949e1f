//! `scopec explain` for people.

use std::fmt::Write;

use crate::diagnostic::position::line_col;
use crate::engine::explain::Explanation;

fn list(items: &[String]) -> String {
    if items.is_empty() { "none".into() } else { items.join(", ") }
}

fn alternatives(alts: &[Vec<String>]) -> String {
    alts.iter().map(|t| t.join(" & ")).collect::<Vec<_>>().join(" | ")
}

/// The explanation as JSON: the explanation's fields, and the endpoint's declaration as
/// 1-based `line` and `column` beside its byte `span`.
pub fn json(x: &Explanation, source: &str) -> serde_json::Value {
    let mut value = serde_json::to_value(x).unwrap_or_default();
    if let (Some(e), Some(view)) = (value.get_mut("endpoint").and_then(|e| e.as_object_mut()), &x.endpoint) {
        let (line, column) = line_col(source, view.span.start);
        e.insert("line".into(), line.into());
        e.insert("column".into(), column.into());
    }
    value
}

/// The explanation as aligned `field  value` lines.
pub fn render(x: &Explanation, file: &str, source: &str) -> String {
    let mut o = String::new();
    let mut line = |k: &str, v: String| {
        let _ = writeln!(o, "{k:<12}{v}");
    };
    line("request", format!("{} {}", x.request.method, x.request.target));
    let key = match &x.request.scopes {
        None => "none (no key sent)".to_string(),
        Some(s) => {
            let via = x.request.via.as_ref().map(|v| format!(" (via {v})")).unwrap_or_default();
            format!("{}{via}", if s.is_empty() { "no scopes".to_string() } else { s.join(", ") })
        }
    };
    line("key", key);
    if let Some(kind) = x.kind.as_ref().or(x.request.kind.as_ref()) {
        line("kind", kind.clone());
    }
    for (name, set) in &x.request.grants {
        line(&format!("grant {name}"), list(set));
    }
    line("decision", format!("{} ({})", x.decision, x.status));
    if let Some(e) = &x.endpoint {
        let summary = e.summary.as_ref().map(|s| format!("  \"{s}\"")).unwrap_or_default();
        line("endpoint", format!("{} {}{summary}", e.method, e.path));
        let (l, c) = line_col(source, e.span.start);
        line("", format!("api {}, {file}:{l}:{c}", e.api));
        if let Some(r) = &e.rate {
            line("rate tier", r.clone());
        }
    }
    if let Some(r) = &x.requirement {
        line("requirement", r.clone());
    }
    if let Some(eff) = &x.effective {
        line("effective", list(eff));
    }
    match &x.missing {
        Some(m) if m.is_empty() => line("missing", "no alternative is open to a key of this kind".into()),
        Some(m) => line("missing", alternatives(m)),
        None => {}
    }
    for r in &x.rules {
        let unless = r.unless.as_ref().map(|u| format!(" unless {u}")).unwrap_or_default();
        let state = if r.applies { "applies" } else { "lifted" };
        line(r.kind, format!("{}{unless}: {state}", r.fields.join(", ")));
    }
    if x.legacy_auth {
        line("auth", "the key came by a legacy scheme".into());
    }
    if let Some(m) = &x.allowed_methods {
        line("allowed", list(m));
    }
    if let Some(r) = &x.rejection {
        line("rejected", format!("{} ({})", r.message, r.reason));
    }
    if let Some(resp) = &x.response {
        line("response", format!("{} {}", resp.status, resp.body));
    }
    o
}
