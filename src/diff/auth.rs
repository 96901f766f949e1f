//! Per api: how keys travel and look, required headers, `effective`, error bodies and key
//! facts. Apis are matched by name.

use super::{Change, codes};
use crate::model::{Api, AuthScheme, ErrorBodies, Model, SchemeKind};

pub(super) fn compare(old: &Model, new: &Model) -> Vec<Change> {
    let mut out = Vec::new();
    // Each api's error bodies include the file's `errors` block, so they are compared per api.
    for n in new.apis.iter() {
        let Some(o) = old.apis.iter().find(|a| a.name == n.name) else { continue };
        api(old, new, o, n, &mut out);
    }
    kinds(old, new, &mut out);
    out
}

/// Kinds matched by name: the scopes their keys can hold (`None`: any), by name.
fn kinds(old: &Model, new: &Model, out: &mut Vec<Change>) {
    let held = |m: &Model, k: &crate::model::Kind| -> Option<Vec<String>> {
        k.scopes.as_ref().map(|ids| ids.iter().map(|s| m.scope_name(*s).to_string()).collect())
    };
    for n in &new.kinds {
        let Some(o) = old.kinds.iter().find(|k| k.name == n.name) else { continue };
        let (before, after) = (held(old, o), held(new, n));
        let subject = format!("kind {}", n.name);
        let spans = (Some(o.span), Some(n.span));
        let (gained, lost): (Vec<String>, Vec<String>) = match (&before, &after) {
            (None, None) => continue,
            (Some(b), None) => (vec![format!("any scope (was only {})", b.join(", "))], Vec::new()),
            (None, Some(a)) => (Vec::new(), vec![format!("any scope but {}", a.join(", "))]),
            (Some(b), Some(a)) => (
                a.iter().filter(|s| !b.contains(s)).cloned().collect(),
                b.iter().filter(|s| !a.contains(s)).cloned().collect(),
            ),
        };
        if !gained.is_empty() {
            let what = format!("`{}` keys can now hold {}", n.name, gained.join(", "));
            out.push(Change::new(codes::KIND_WIDENED, &subject, what).spans(spans.0, spans.1));
        }
        if !lost.is_empty() {
            let what = format!("`{}` keys can no longer hold {}", n.name, lost.join(", "));
            out.push(Change::new(codes::KIND_NARROWED, &subject, what).spans(spans.0, spans.1));
        }
    }
}

fn scheme_text(s: &SchemeKind) -> String {
    match s {
        SchemeKind::Bearer => "bearer".into(),
        SchemeKind::Header(h) => format!("header \"{h}\""),
        SchemeKind::Query(q) => format!("query \"{q}\""),
    }
}

/// What keys a scheme takes: its formats (each with its kind) and the kinds it accepts,
/// by name (kinds are compared by name, not by their place in the file).
fn formats_text(m: &Model, s: &AuthScheme) -> String {
    let mut v: Vec<String> = s
        .formats
        .iter()
        .map(|f| {
            let mut t = format!("prefix \"{}\"", f.prefix);
            if let Some((a, b)) = f.length {
                t.push_str(&if a == b { format!(" length {a}") } else { format!(" length {a}..{b}") });
            }
            if let Some(e) = &f.env {
                t.push_str(&format!(" env {e}"));
            }
            if let Some(k) = f.kind {
                t.push_str(&format!(" (kind {})", m.kind_name(k)));
            }
            t
        })
        .collect();
    if !s.kinds.is_empty() {
        let kinds: Vec<&str> = s.kinds.iter().map(|k| m.kind_name(*k)).collect();
        v.push(format!("of kind {}", kinds.join(", ")));
    }
    if v.is_empty() { "any key".into() } else { v.join(", ") }
}

fn api(om: &Model, nm: &Model, o: &Api, n: &Api, out: &mut Vec<Change>) {
    let subject = format!("api {}", n.name);
    let spans = (Some(o.span), Some(n.span));
    for s in &o.auth {
        match n.auth.iter().find(|t| t.kind == s.kind) {
            None => out.push(
                Change::new(
                    codes::SCHEME_REMOVED,
                    &subject,
                    format!("api `{}` no longer accepts keys by {}", n.name, scheme_text(&s.kind)),
                )
                .spans(spans.0, spans.1),
            ),
            Some(t) if formats_text(nm, t) != formats_text(om, s) => out.push(
                Change::new(
                    codes::KEY_FORMAT_CHANGED,
                    &subject,
                    format!(
                        "api `{}`, {}: keys must match {} (was {})",
                        n.name,
                        scheme_text(&s.kind),
                        formats_text(nm, t),
                        formats_text(om, s)
                    ),
                )
                .spans(spans.0, spans.1),
            ),
            Some(_) => {}
        }
    }
    for t in &n.auth {
        if !o.auth.iter().any(|s| s.kind == t.kind) {
            out.push(
                Change::new(
                    codes::SCHEME_ADDED,
                    &subject,
                    format!("api `{}` accepts keys by {}", n.name, scheme_text(&t.kind)),
                )
                .spans(spans.0, spans.1),
            );
        }
    }
    // Only required headers change what a request must send.
    let required = |a: &Api, name: &str| a.headers.iter().any(|h| h.required && h.name.eq_ignore_ascii_case(name));
    for h in n.headers.iter().filter(|h| h.required) {
        if !required(o, &h.name) {
            out.push(
                Change::new(codes::HEADER_ADDED, &subject, format!("api `{}` requires header `{}`", n.name, h.name))
                    .spans(spans.0, spans.1),
            );
        }
    }
    for g in o.headers.iter().filter(|h| h.required) {
        if !required(n, &g.name) {
            out.push(
                Change::new(
                    codes::HEADER_REMOVED,
                    &subject,
                    format!("api `{}` no longer requires header `{}`", n.name, g.name),
                )
                .spans(spans.0, spans.1),
            );
        }
    }
    if o.effective != n.effective {
        out.push(
            Change::new(
                codes::EFFECTIVE_CHANGED,
                &subject,
                format!("api `{}`: effective {} (was {})", n.name, n.effective.join(" & "), o.effective.join(" & ")),
            )
            .spans(spans.0, spans.1),
        );
    }
    errors(&o.errors, &n.errors, &subject, spans, out);
    if o.keys != n.keys {
        out.push(
            Change::new(
                codes::KEY_FACTS_CHANGED,
                &subject,
                format!("api `{}`: what the docs say about keys changed", n.name),
            )
            .spans(spans.0, spans.1),
        );
    }
}

type Spans = (Option<crate::diagnostic::Span>, Option<crate::diagnostic::Span>);

fn errors(o: &ErrorBodies, n: &ErrorBodies, subject: &str, (a, b): Spans, out: &mut Vec<Change>) {
    let statuses: std::collections::BTreeSet<u16> = o.bodies.keys().chain(n.bodies.keys()).copied().collect();
    for status in statuses {
        let message = match (o.bodies.get(&status), n.bodies.get(&status)) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => format!(
                "{subject}: the {status} body is `{}` \"{}\" (was `{}` \"{}\")",
                y.code, y.message, x.code, x.message
            ),
            (Some(_), None) => format!("{subject}: no {status} body any more"),
            (None, Some(y)) => format!("{subject}: a new {status} body `{}` \"{}\"", y.code, y.message),
            (None, None) => continue,
        };
        out.push(Change::new(codes::ERROR_CHANGED, subject, message).spans(a, b));
    }
    if o.trace != n.trace {
        let show = |t: &Option<String>| t.as_ref().map_or("none".to_string(), |t| format!("`{t}`"));
        out.push(
            Change::new(
                codes::ERROR_CHANGED,
                subject,
                format!("{subject}: error bodies carry the trace field {} (was {})", show(&n.trace), show(&o.trace)),
            )
            .spans(a, b),
        );
    }
}
