//! Hover: what a scope, alias or bundle is and opens; what an endpoint needs, spelled out.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::document::Document;
use super::index::Kind;
use crate::model::{Dnf, Endpoint, Model, RuleKind, ScopeId};

/// The most endpoints a scope's hover lists.
const MAX_ENDPOINTS: usize = 20;

/// The hover at `position`, if there is something to say.
pub fn hover(doc: &Document, position: Position) -> Option<Hover> {
    let offset = doc.lines.offset(&doc.text, position);
    let model = doc.analysis.model.as_ref()?;
    let index = doc.analysis.index.as_ref()?;
    let (text, span) = match index.at(offset) {
        Some(o) => {
            let text = match o.kind {
                Kind::Scope => scope(model, &o.name)?,
                Kind::Bundle => bundle(model, &o.name)?,
                Kind::Api => api(model, &o.name)?,
                Kind::RateTier => rate(model, &o.name)?,
                Kind::KeyKind | Kind::Group => return None,
            };
            (text, o.span)
        }
        None => {
            let e = index.endpoints.iter().find(|e| e.span.start <= offset && offset <= e.span.end)?;
            let endpoint = model.endpoints.iter().find(|m| m.span == e.span)?;
            (endpoint_text(model, endpoint), e.path_span)
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(doc.lines.range(&doc.text, span)),
    })
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'"))
}

fn names(model: &Model, ids: &[ScopeId]) -> String {
    ids.iter().map(|s| code(model.scope_name(*s))).collect::<Vec<_>>().join(", ")
}

/// "any one of: all of `a`, `b`; `c`".
pub fn dnf_words(model: &Model, dnf: &Dnf) -> String {
    let term = |t: &Vec<ScopeId>| match t.len() {
        0 => "any valid key".to_string(),
        1 => code(model.scope_name(t[0])),
        _ => format!("all of {}", names(model, t)),
    };
    match dnf.len() {
        0 => "nothing can satisfy it".to_string(),
        1 => term(&dnf[0]),
        _ => format!("any one of: {}", dnf.iter().map(term).collect::<Vec<_>>().join("; ")),
    }
}

fn requirement_words(model: &Model, e: &Endpoint) -> String {
    if e.requirement.anonymous { "public: no key needed".to_string() } else { req_words(model, &e.requirement) }
}

fn scope(model: &Model, name: &str) -> Option<String> {
    let id = model.lookup(name)?;
    let s = &model.scopes[id];
    let mut out = String::new();
    if let Some(alias) = model.aliases.iter().find(|a| a.name == name) {
        out.push_str(&format!("**alias** {} of {}", code(name), code(&s.name)));
        if let Some(d) = &alias.deprecated {
            out.push_str(&format!(" (deprecated{})", d.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default()));
        }
        out.push_str("\n\n");
    }
    out.push_str(&format!("**scope** {} — {} access", code(&s.name), s.access.as_str()));
    if let Some(d) = &s.description {
        out.push_str(&format!("\n\n{d}"));
    }
    if !s.implies.is_empty() {
        out.push_str(&format!("\n\nimplies {}", names(model, &s.implies)));
    }
    if !s.requires.is_empty() {
        out.push_str(&format!("\n\nrequires {}", names(model, &s.requires)));
    }
    if let Some(d) = &s.deprecated {
        out.push_str(&format!("\n\ndeprecated{}", d.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default()));
    }
    let opens: Vec<&Endpoint> = model
        .endpoints
        .iter()
        .filter(|e| e.requirement.dnf.iter().any(|t| t.iter().any(|x| s.grants.contains(x))))
        .collect();
    if opens.is_empty() {
        out.push_str("\n\nNo endpoint requires it.");
    } else {
        out.push_str(&format!("\n\nEndpoints that need it ({}):\n", opens.len()));
        for e in opens.iter().take(MAX_ENDPOINTS) {
            let alone = e.requirement.dnf.iter().any(|t| t.iter().all(|x| s.grants.contains(x)));
            let note = if alone { "" } else { " (with other scopes)" };
            out.push_str(&format!("\n- {} — {}{note}", code(&e.label()), requirement_words(model, e)));
        }
        if opens.len() > MAX_ENDPOINTS {
            out.push_str(&format!("\n- … and {} more", opens.len() - MAX_ENDPOINTS));
        }
    }
    Some(out)
}

fn bundle(model: &Model, name: &str) -> Option<String> {
    let b = model.bundles.iter().find(|b| b.name == name)?;
    let mut out = format!("**bundle** \"{}\": {}", b.name, names(model, &b.scopes));
    if let Some(d) = &b.description {
        out.push_str(&format!("\n\n{d}"));
    }
    Some(out)
}

fn rate(model: &Model, name: &str) -> Option<String> {
    let (i, r) = model.rates.iter().enumerate().find(|(_, r)| r.name == name)?;
    let n = model.endpoints.iter().filter(|e| e.rate == Some(i)).count();
    let what = r.description.as_ref().map(|d| format!(": {d}")).unwrap_or_default();
    Some(format!(
        "**rate-limit tier** {}{what}

{n} endpoints",
        code(&r.name)
    ))
}

fn api(model: &Model, name: &str) -> Option<String> {
    let a = model.apis.iter().find(|a| a.name == name)?;
    let mut out = format!("**api** {}", code(&a.name));
    if let Some(t) = &a.title {
        out.push_str(&format!(" — {t}"));
    }
    if !a.base.is_empty() {
        out.push_str(&format!("\n\nbase {}", code(&a.base)));
    }
    out.push_str(&format!("\n\n{} endpoints", a.endpoints.len()));
    Some(out)
}

fn endpoint_text(model: &Model, e: &Endpoint) -> String {
    let mut out = format!("**{}**", code(&e.label()));
    if let Some(s) = &e.summary {
        out.push_str(&format!(" — {s}"));
    }
    out.push_str(&format!("\n\nRequires {}.", requirement_words(model, e)));
    for w in &e.whens {
        let m = if w.header { format!("header `{}`", w.condition()) } else { format!("`{}`", w.condition()) };
        out.push_str(&format!("\n\nWith {m}, also {}.", req_words(model, &w.requirement)));
    }
    if let Some(r) = model.rate_of(e) {
        out.push_str(&format!("\n\nRate-limit tier {}.", code(&r.name)));
    }
    for r in &e.rules {
        let what = match r.kind {
            RuleKind::Strip => "strips",
            RuleKind::Mask => "masks",
            RuleKind::Filter => "filters with",
            RuleKind::Oblige => "obliges the handler to enforce",
        };
        let unless =
            r.unless.as_ref().map(|u| format!(" unless the key holds {}", dnf_words(model, u))).unwrap_or_default();
        let fields = r.fields.iter().map(|f| code(f)).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("\n\n{} {fields}{unless}.", capitalized(what)));
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A requirement in words; with alternatives for one kind of key, as the policy writes it.
fn req_words(model: &Model, req: &crate::model::Requirement) -> String {
    if req.by_kind.is_empty() { dnf_words(model, &req.dnf) } else { model.requirement_text(req) }
}
