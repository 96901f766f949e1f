//! Requirements to Security Requirement Objects, and the `x-scopec-*` extensions.

use serde_json::{Value, json};

use super::{Version, names};
use crate::model::{Dnf, Endpoint, Model, RuleKind};

/// The Security Requirement Objects of an endpoint in the 3.1 shape: for every scheme of
/// its api and every alternative of its requirement, `{scheme: [scopes…]}`. `public` is
/// the empty list.
pub fn security_requirements(model: &Model, e: &Endpoint) -> Vec<(String, Vec<String>)> {
    if e.requirement.anonymous {
        return Vec::new();
    }
    let api = &model.apis[e.api];
    let mut out = Vec::new();
    for scheme in &api.auth {
        let name = names::scheme(api, &scheme.kind);
        let mut terms: Vec<Vec<String>> = Vec::new();
        // The alternatives open to a key this scheme takes.
        for (kind, term) in e.requirement.alternatives() {
            let scopes: Vec<String> = term.iter().map(|s| model.scope_name(*s).to_string()).collect();
            if (kind.is_none() || scheme.accepts_kind(kind)) && !terms.contains(&scopes) {
                terms.push(scopes);
            }
        }
        out.extend(terms.into_iter().map(|t| (name.clone(), t)));
    }
    out
}

/// The `security` value of an operation for `version`.
pub fn security(model: &Model, e: &Endpoint, version: Version) -> Value {
    let reqs = security_requirements(model, e);
    match version {
        Version::V3_1 => Value::Array(reqs.iter().map(|(s, scopes)| json!({ s: scopes })).collect()),
        Version::V3_0 => {
            // One object per scheme, scopes left out (they must be empty in 3.0).
            let mut schemes: Vec<&String> = reqs.iter().map(|(s, _)| s).collect();
            schemes.dedup();
            Value::Array(schemes.into_iter().map(|s| json!({ s: [] })).collect())
        }
    }
}

/// `{"text", "public", "alternatives"}` and, when some alternative is open to one kind of
/// key only, `"by_kind"`: each such kind's alternatives.
fn requirement(
    model: &Model,
    req: &crate::model::Requirement,
    head: Vec<(&str, Value)>,
    text_key: &str,
    public: Option<bool>,
) -> serde_json::Map<String, Value> {
    let mut o: serde_json::Map<String, Value> = head.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    o.insert(text_key.into(), model.requirement_text(req).into());
    if let Some(public) = public {
        o.insert("public".into(), public.into());
    }
    o.insert("alternatives".into(), alternatives(model, &req.dnf));
    if !req.by_kind.is_empty() {
        let by_kind = req.by_kind.iter().map(|(k, d)| (model.kind_name(*k).to_string(), alternatives(model, d)));
        o.insert("by_kind".into(), Value::Object(by_kind.collect()));
    }
    o
}

fn alternatives(model: &Model, dnf: &Dnf) -> Value {
    Value::Array(
        dnf.iter()
            .map(|t| Value::Array(t.iter().map(|s| Value::String(model.scope_name(*s).to_string())).collect()))
            .collect(),
    )
}

/// The `x-scopec-*` extensions of an operation.
pub fn extensions(model: &Model, e: &Endpoint, version: Version) -> Vec<(String, Value)> {
    let main = requirement(model, &e.requirement, Vec::new(), "text", Some(e.requirement.anonymous));
    let mut out = vec![("x-scopec-requirement".to_string(), Value::Object(main))];
    if version == Version::V3_0 && !e.requirement.anonymous {
        let reqs = security_requirements(model, e);
        out.push((
            "x-scopec-security".to_string(),
            Value::Array(reqs.iter().map(|(s, scopes)| json!({ s: scopes })).collect()),
        ));
    }
    if !e.whens.is_empty() {
        let whens = e
            .whens
            .iter()
            .map(|w| {
                let single = match w.values.as_slice() {
                    [v] => json!(v),
                    _ => Value::Null,
                };
                let mut head =
                    vec![(if w.header { "header" } else { "query" }, w.key.clone().into()), ("value", single)];
                if w.values.len() > 1 {
                    head.push(("values", json!(w.values)));
                }
                if w.by_default {
                    head.push(("by_default", Value::Bool(true)));
                }
                Value::Object(requirement(model, &w.requirement, head, "requires", None))
            })
            .collect();
        out.push(("x-scopec-when".to_string(), Value::Array(whens)));
    }
    let (obligations, rules): (Vec<_>, Vec<_>) = e.rules.iter().partition(|r| r.kind == RuleKind::Oblige);
    let unless = |r: &crate::model::DataRule| r.unless.as_ref().map_or(Value::Null, |u| json!(model.dnf_text(u)));
    if !rules.is_empty() {
        let rules = rules
            .iter()
            .map(|r| {
                let mut o = serde_json::Map::new();
                o.insert("kind".into(), r.kind.as_str().into());
                let key = if r.kind == RuleKind::Filter { "filter" } else { "fields" };
                if r.kind == RuleKind::Filter {
                    o.insert(key.into(), r.fields.first().cloned().unwrap_or_default().into());
                } else {
                    o.insert(key.into(), r.fields.clone().into());
                }
                if let Some(d) = &r.description {
                    o.insert("description".into(), d.clone().into());
                }
                o.insert("unless".into(), unless(r));
                Value::Object(o)
            })
            .collect();
        out.push(("x-scopec-data-rules".to_string(), Value::Array(rules)));
    }
    if !obligations.is_empty() {
        let list = obligations
            .iter()
            .map(|r| {
                json!({
                    "name": r.fields.first().cloned().unwrap_or_default(),
                    "description": r.description.clone().unwrap_or_default(),
                    "unless": unless(r),
                })
            })
            .collect();
        out.push(("x-scopec-obligations".to_string(), Value::Array(list)));
    }
    if let Some(r) = model.rate_of(e) {
        out.push(("x-scopec-rate-tier".to_string(), Value::String(r.name.clone())));
    }
    out
}
