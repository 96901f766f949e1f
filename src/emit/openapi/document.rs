//! A standalone OpenAPI document for a policy: every endpoint with its summary, path and
//! query parameters, required headers, security and error responses.

use serde_json::{Map, Value, json};

use super::security::{extensions, security};
use super::{Version, names};
use crate::model::{Api, ApiId, Endpoint, Model, SchemeKind, Segment, TRACE_PLACEHOLDER};

/// The document as a JSON value (serialize it as YAML or JSON).
pub fn standalone(model: &Model, version: Version) -> Value {
    let mut doc = Map::new();
    doc.insert("openapi".into(), version.number().into());
    let mut info = Map::new();
    info.insert("title".into(), model.meta.title.clone().into());
    info.insert("version".into(), model.meta.version.clone().unwrap_or_else(|| "unversioned".into()).into());
    if !model.meta.notes.is_empty() {
        info.insert("description".into(), model.meta.notes.join("\n\n").into());
    }
    if let Some(license) = &model.meta.license {
        let mut l = Map::new();
        l.insert("name".into(), license.name.clone().into());
        if let Some(url) = &license.url {
            l.insert("url".into(), url.clone().into());
        }
        info.insert("license".into(), l.into());
    }
    doc.insert("info".into(), info.into());
    doc.insert("servers".into(), servers(model));
    if let Some(url) = &model.meta.docs {
        doc.insert("externalDocs".into(), json!({ "url": url }));
    }
    let tags: Vec<Value> = model
        .apis
        .iter()
        .map(|a| {
            let mut t = Map::new();
            t.insert("name".into(), a.name.clone().into());
            if let Some(title) = &a.title {
                t.insert("description".into(), title.clone().into());
            }
            Value::Object(t)
        })
        .collect();
    doc.insert("tags".into(), tags.into());
    let mut paths = Map::new();
    let ids = names::operation_ids(model.endpoints.as_slice());
    for (e, id) in model.endpoints.iter().zip(ids) {
        let path = names::path(e);
        let item = paths.entry(path).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(e.method.as_str().to_ascii_lowercase(), operation(model, e, id, version));
        }
    }
    doc.insert("paths".into(), paths.into());
    doc.insert("components".into(), components(model, &model.apis.ids().collect::<Vec<_>>()));
    doc.insert("x-scopec-scopes".into(), scopes(model));
    if !model.aliases.is_empty() {
        let aliases: Map<String, Value> =
            model.aliases.iter().map(|a| (a.name.clone(), model.scope_name(a.target).into())).collect();
        doc.insert("x-scopec-aliases".into(), aliases.into());
    }
    if !model.bundles.is_empty() {
        let bundles = model
            .bundles
            .iter()
            .map(|b| {
                json!({
                    "name": b.name,
                    "scopes": b.scopes.iter().map(|s| model.scope_name(*s)).collect::<Vec<_>>(),
                    "description": b.description,
                })
            })
            .collect::<Vec<_>>();
        doc.insert("x-scopec-bundles".into(), bundles.into());
    }
    if !model.kinds.is_empty() {
        let kinds: Map<String, Value> = model
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let accepted: Vec<&str> = model
                    .apis
                    .iter()
                    .filter(|a| a.auth.iter().any(|s| s.kinds.contains(&i)))
                    .map(|a| a.name.as_str())
                    .collect();
                let scopes = match &k.scopes {
                    None => Value::String("any".into()),
                    Some(ids) => ids.iter().map(|s| Value::String(model.scope_name(*s).to_string())).collect(),
                };
                let prefixes: Vec<&str> = k.formats.iter().map(|f| f.prefix.as_str()).collect();
                (k.name.clone(), json!({ "title": k.title, "prefixes": prefixes, "scopes": scopes, "apis": accepted }))
            })
            .collect();
        doc.insert("x-scopec-key-kinds".into(), kinds.into());
    }
    if !model.rates.is_empty() {
        let rates: Map<String, Value> = model
            .rates
            .iter()
            .map(|r| (r.name.clone(), r.description.clone().map_or(Value::Null, Value::String)))
            .collect();
        doc.insert("x-scopec-rate-tiers".into(), rates.into());
    }
    Value::Object(doc)
}

/// An operation object.
fn operation(model: &Model, e: &Endpoint, id: String, version: Version) -> Value {
    let api = &model.apis[e.api];
    let mut op = Map::new();
    op.insert("operationId".into(), id.into());
    op.insert("tags".into(), json!([api.name]));
    if let Some(s) = &e.summary {
        op.insert("summary".into(), s.clone().into());
    }
    if !e.notes.is_empty() {
        op.insert("description".into(), e.notes.join("\n\n").into());
    }
    let params = parameters(api, e);
    if !params.is_empty() {
        op.insert("parameters".into(), params.into());
    }
    if !e.body.is_empty() {
        op.insert("requestBody".into(), request_body(e));
    }
    op.insert("security".into(), security(model, e, version));
    op.insert("responses".into(), responses(api, e));
    for (k, v) in extensions(model, e, version) {
        op.insert(k, v);
    }
    Value::Object(op)
}

/// The documented body parameters, as a JSON or form body of an object with those
/// properties (the policy says which fields exist, not their types).
fn request_body(e: &Endpoint) -> Value {
    let properties: Map<String, Value> = e
        .body
        .iter()
        .map(|p| {
            let mut schema = Map::new();
            if let Some(d) = &p.description {
                schema.insert("description".into(), d.clone().into());
            }
            (p.name.clone(), Value::Object(schema))
        })
        .collect();
    let required: Vec<&str> = e.body.iter().filter(|p| p.required).map(|p| p.name.as_str()).collect();
    let mut schema = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    json!({
        "required": !required.is_empty(),
        "content": {
            "application/json": {"schema": schema},
            "application/x-www-form-urlencoded": {"schema": schema},
        },
    })
}

/// Path parameters from the pattern, documented query parameters, required headers.
pub(super) fn parameters(api: &Api, e: &Endpoint) -> Vec<Value> {
    let mut out = Vec::new();
    for s in &e.pattern.segments {
        match s {
            Segment::Param(n) => {
                out.push(json!({ "name": n, "in": "path", "required": true, "schema": { "type": "string" } }))
            }
            Segment::CatchAll(n) => out.push(json!({
                "name": n,
                "in": "path",
                "required": true,
                "description": "The rest of the path, slashes included.",
                "schema": { "type": "string" },
                "x-scopec-catch-all": true,
            })),
            Segment::Literal(_) => {}
        }
    }
    for q in &e.query {
        let mut p = Map::new();
        p.insert("name".into(), q.name.clone().into());
        p.insert("in".into(), "query".into());
        p.insert("required".into(), q.required.into());
        if let Some(d) = &q.description {
            p.insert("description".into(), d.clone().into());
        }
        let schema = match &q.default {
            Some(d) => json!({ "type": "string", "default": d }),
            None => json!({ "type": "string" }),
        };
        p.insert("schema".into(), schema);
        out.push(Value::Object(p));
    }
    for h in &api.headers {
        out.push(json!({ "$ref": format!("#/components/parameters/{}", names::header_param(api, &h.name)) }));
    }
    // The headers of `when header` conditions the api does not declare: optional, and
    // said to change what the request needs.
    let mut conditioned: Vec<&str> = Vec::new();
    for w in e.whens.iter().filter(|w| w.header) {
        let declared = api.headers.iter().any(|h| h.name.eq_ignore_ascii_case(&w.key));
        if declared || conditioned.iter().any(|c| c.eq_ignore_ascii_case(&w.key)) {
            continue;
        }
        conditioned.push(&w.key);
        out.push(json!({
            "name": w.key,
            "in": "header",
            "required": false,
            "description": "Changes what the request needs (see `x-scopec-when`).",
            "schema": { "type": "string" },
        }));
    }
    out
}

/// The policy's `server`s; without one, OpenAPI's default (`/`), written out so that
/// linters that require servers pass.
fn servers(model: &Model) -> Value {
    if model.meta.servers.is_empty() {
        return json!([{ "url": "/" }]);
    }
    let servers = model.meta.servers.iter().map(|s| {
        let mut o = Map::new();
        o.insert("url".into(), s.url.clone().into());
        if let Some(d) = &s.description {
            o.insert("description".into(), d.clone().into());
        }
        Value::Object(o)
    });
    Value::Array(servers.collect())
}

fn responses(api: &Api, e: &Endpoint) -> Value {
    let mut r = Map::new();
    r.insert("200".into(), json!({ "description": "Allowed: the endpoint's response." }));
    let statuses: &[u16] = if e.requirement.anonymous { &[400] } else { &[400, 401, 403] };
    for status in statuses {
        let Some(body) = api.errors.bodies.get(status) else { continue };
        let description = match status {
            400 => "The request target is malformed or not in normal form.",
            401 => "No API key, or one sent in a way this API does not accept.",
            _ => "The API key lacks a required scope.",
        };
        let mut example = Map::new();
        example.insert("code".into(), body.code.clone().into());
        example.insert("message".into(), body.message.clone().into());
        if let Some(trace) = &api.errors.trace {
            example.insert(trace.clone(), TRACE_PLACEHOLDER.into());
        }
        r.insert(
            status.to_string(),
            json!({
                "description": description,
                "content": { "application/json": {
                    "schema": { "$ref": format!("#/components/schemas/{}", names::error_schema(api)) },
                    "example": example,
                } },
            }),
        );
    }
    Value::Object(r)
}

/// `components`: security schemes, header parameters and error schemas of `apis`.
pub(super) fn components(model: &Model, apis: &[ApiId]) -> Value {
    let mut schemes = Map::new();
    let mut params = Map::new();
    let mut schemas = Map::new();
    for api in apis.iter().filter_map(|a| model.apis.get(*a)) {
        for a in &api.auth {
            schemes.insert(names::scheme(api, &a.kind), scheme(model, api, a));
        }
        for h in &api.headers {
            let mut p = Map::new();
            p.insert("name".into(), h.name.clone().into());
            p.insert("in".into(), "header".into());
            p.insert("required".into(), h.required.into());
            if let Some(d) = &h.description {
                p.insert("description".into(), d.clone().into());
            }
            p.insert("schema".into(), json!({ "type": "string" }));
            params.insert(names::header_param(api, &h.name), p.into());
        }
        let mut props = Map::new();
        props.insert("code".into(), json!({ "type": "string" }));
        props.insert("message".into(), json!({ "type": "string" }));
        let mut required = vec![Value::from("code"), Value::from("message")];
        if let Some(t) = &api.errors.trace {
            props.insert(t.clone(), json!({ "type": "string", "description": "A per-request id for support." }));
            required.push(t.clone().into());
        }
        schemas
            .insert(names::error_schema(api), json!({ "type": "object", "required": required, "properties": props }));
    }
    let mut c = Map::new();
    if !schemes.is_empty() {
        c.insert("securitySchemes".into(), schemes.into());
    }
    if !params.is_empty() {
        c.insert("parameters".into(), params.into());
    }
    c.insert("schemas".into(), schemas.into());
    Value::Object(c)
}

/// A Security Scheme Object, with the key formats in its description.
pub(super) fn scheme(model: &Model, api: &Api, a: &crate::model::AuthScheme) -> Value {
    let mut s = Map::new();
    match &a.kind {
        SchemeKind::Bearer => {
            s.insert("type".into(), "http".into());
            s.insert("scheme".into(), "bearer".into());
        }
        SchemeKind::Header(h) => {
            s.insert("type".into(), "apiKey".into());
            s.insert("in".into(), "header".into());
            s.insert("name".into(), h.clone().into());
        }
        SchemeKind::Query(q) => {
            s.insert("type".into(), "apiKey".into());
            s.insert("in".into(), "query".into());
            s.insert("name".into(), q.clone().into());
        }
    }
    // "the Management API", or "the `management` api" when the api has no title.
    let mut description = match &api.title {
        Some(title) => format!("API key of the {title}"),
        None => format!("API key of the `{}` api", api.name),
    };
    if a.legacy {
        description.push_str(" (legacy: still accepted, not recommended)");
    }
    description.push('.');
    let formats: Vec<String> = a
        .formats
        .iter()
        .map(|f| {
            let mut t = format!("`{}…`", f.prefix);
            if let Some((min, max)) = f.length {
                t.push_str(&if min == max {
                    format!(", {min} characters")
                } else {
                    format!(", {min}–{max} characters")
                });
            }
            if let Some(env) = &f.env {
                t.push_str(&format!(" ({env})"));
            }
            t
        })
        .collect();
    let kinds: Vec<&str> = a.kinds.iter().map(|k| model.kind_name(*k)).collect();
    if !kinds.is_empty() {
        description.push_str(&format!(" Takes keys of kind {}.", kinds.join(", ")));
    }
    if !formats.is_empty() {
        description.push_str(&format!(" Keys look like {}.", formats.join("; ")));
    }
    s.insert("description".into(), description.into());
    if a.legacy {
        s.insert("x-scopec-legacy".into(), true.into());
    }
    if !a.formats.is_empty() {
        let f: Vec<Value> = a
            .formats
            .iter()
            .map(|f| {
                let mut o = json!({ "prefix": f.prefix, "length": f.length.map(|(a, b)| json!([a, b])), "env": f.env });
                if let (Some(k), Some(o)) = (f.kind, o.as_object_mut()) {
                    o.insert("kind".into(), model.kind_name(k).into());
                }
                o
            })
            .collect();
        s.insert("x-scopec-key-formats".into(), f.into());
    }
    if !kinds.is_empty() {
        s.insert("x-scopec-key-kinds".into(), kinds.into());
    }
    Value::Object(s)
}

fn scopes(model: &Model) -> Value {
    let list: Vec<Value> = model
        .scopes
        .iter()
        .map(|s| {
            let mut o = Map::new();
            o.insert("name".into(), s.name.clone().into());
            o.insert("access".into(), s.access.as_str().into());
            if let Some(d) = &s.description {
                o.insert("description".into(), d.clone().into());
            }
            if !s.requires.is_empty() {
                o.insert("requires".into(), s.requires.iter().map(|r| model.scope_name(*r)).collect::<Vec<_>>().into());
            }
            if !s.implies.is_empty() {
                o.insert("implies".into(), s.implies.iter().map(|r| model.scope_name(*r)).collect::<Vec<_>>().into());
            }
            if let Some(since) = &s.since {
                o.insert("since".into(), since.clone().into());
            }
            if let Some(d) = &s.deprecated {
                o.insert("deprecated".into(), d.reason.clone().map_or(Value::Bool(true), Value::String));
            }
            Value::Object(o)
        })
        .collect();
    Value::Array(list)
}
