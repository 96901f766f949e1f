//! Annotating the user's OpenAPI document in place: operations are matched to policy
//! endpoints through the api base paths and the document's `servers`; only security
//! schemes, required-header parameters, operation `security` and `x-scopec-*` extensions
//! are written, everything else (order of keys included) is kept.

use std::collections::HashMap;

use serde_yaml::{Mapping, Value as Yaml};

use super::document::{components, parameters};
use super::security::{extensions, security};
use super::{Version, codes};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Api, ApiId, EndpointId, Model, Segment};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Why a document could not be annotated.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    #[error("the document is not valid {format}: {message}")]
    Parse { format: &'static str, message: String },
    #[error("the document has no `openapi` version 3.0.x or 3.1.x (found {0})")]
    Version(String),
    #[error("the document is OpenAPI {found}, but {wanted} was asked for")]
    VersionMismatch { found: String, wanted: &'static str },
    #[error("cannot write the document: {0}")]
    Write(String),
}

/// The annotated document and the drift found.
#[derive(Debug)]
pub struct Annotated {
    pub text: String,
    pub version: Version,
    pub diagnostics: Vec<Diagnostic>,
}

/// Annotates `spec` (YAML or JSON text) with the policy's security. `apis` restricts the
/// apis the document is compared with; by default, those with at least one operation in it.
pub fn annotate(
    model: &Model,
    spec: &str,
    apis: Option<&[ApiId]>,
    wanted: Option<Version>,
) -> Result<Annotated, AnnotateError> {
    let json = spec.trim_start().starts_with('{');
    let mut doc: Yaml = if json {
        let v: serde_json::Value =
            serde_json::from_str(spec).map_err(|e| AnnotateError::Parse { format: "JSON", message: e.to_string() })?;
        serde_yaml::to_value(v).map_err(|e| AnnotateError::Parse { format: "JSON", message: e.to_string() })?
    } else {
        serde_yaml::from_str(spec).map_err(|e| AnnotateError::Parse { format: "YAML", message: e.to_string() })?
    };
    let found = doc.get("openapi").and_then(Yaml::as_str).unwrap_or("none").to_string();
    let version = if found.starts_with("3.0.") {
        Version::V3_0
    } else if found.starts_with("3.1.") {
        Version::V3_1
    } else {
        return Err(AnnotateError::Version(found));
    };
    if let Some(w) = wanted.filter(|w| *w != version) {
        return Err(AnnotateError::VersionMismatch { found, wanted: w.number() });
    }
    let bases = server_bases(&doc);
    let index = shape_index(model, apis);
    let mut diagnostics = Vec::new();
    let mut matched: Vec<EndpointId> = Vec::new();
    if let Some(Yaml::Mapping(paths)) = doc.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let (Some(path), Yaml::Mapping(item)) = (path.as_str(), item) else { continue };
            for method in METHODS {
                let Some(Yaml::Mapping(op)) = item.get_mut(*method) else { continue };
                match find(&index, &bases, path, method) {
                    Some((id, spec_params)) => {
                        matched.push(id);
                        check_params(model, id, path, &spec_params, &mut diagnostics);
                        annotate_operation(model, id, op, version);
                    }
                    None => diagnostics.push(unguarded(model, apis, &bases, path, method)),
                }
            }
        }
    }
    let considered: Vec<ApiId> = match apis {
        Some(a) => a.to_vec(),
        None => {
            let mut a: Vec<ApiId> = matched.iter().map(|e| model.endpoints[*e].api).collect();
            a.sort_unstable();
            a.dedup();
            a
        }
    };
    for (id, e) in model.endpoints.enumerate() {
        if considered.contains(&e.api) && !matched.contains(&id) {
            diagnostics.push(
                Diagnostic::warning(
                    codes::MISSING,
                    e.path_span,
                    format!("endpoint `{}` is missing from the OpenAPI document", e.label()),
                )
                .with_label("not in the document")
                .with_help("add the operation to the document, or remove the endpoint from the policy"),
            );
        }
    }
    add_components(model, &considered, &mut doc);
    let text = if json {
        let v: serde_json::Value = serde_json::to_value(&doc).map_err(|e| AnnotateError::Write(e.to_string()))?;
        serde_json::to_string_pretty(&v).map_err(|e| AnnotateError::Write(e.to_string()))? + "\n"
    } else {
        super::yaml::to_string(&doc)
    };
    crate::diagnostic::sort(&mut diagnostics);
    Ok(Annotated { text, version, diagnostics })
}

/// The path parts of the document's server URLs (`https://h/v1` → `/v1`), variables
/// replaced by their defaults; `""` when there are none.
fn server_bases(doc: &Yaml) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Yaml::Sequence(servers)) = doc.get("servers") {
        for s in servers {
            let Some(mut url) = s.get("url").and_then(Yaml::as_str).map(str::to_string) else { continue };
            if let Some(Yaml::Mapping(vars)) = s.get("variables") {
                for (k, v) in vars {
                    if let (Some(k), Some(d)) = (k.as_str(), v.get("default").and_then(Yaml::as_str)) {
                        url = url.replace(&format!("{{{k}}}"), d);
                    }
                }
            }
            let path = match url.find("://") {
                Some(i) => url[i + 3..].find('/').map_or(String::new(), |j| url[i + 3 + j..].to_string()),
                None if url.starts_with('/') => url.clone(),
                None => String::new(),
            };
            let path = path.trim_end_matches('/').to_string();
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    if !out.contains(&String::new()) {
        out.push(String::new());
    }
    out
}

/// `/v1/pets/{}/` keyed with the method: the shape of a path, parameter names erased
/// (a catch-all counts as a parameter, as OpenAPI has none).
fn shape_of(segments: &[String], trailing: bool) -> String {
    let mut s = String::new();
    for seg in segments {
        s.push('/');
        if seg.starts_with('{') && seg.ends_with('}') {
            s.push_str("{}");
        } else {
            s.push_str(seg);
        }
    }
    if trailing || s.is_empty() {
        s.push('/');
    }
    s
}

fn shape_index(model: &Model, apis: Option<&[ApiId]>) -> HashMap<(String, String), EndpointId> {
    let mut index = HashMap::new();
    for (id, e) in model.endpoints.enumerate() {
        if apis.is_some_and(|a| !a.contains(&e.api)) {
            continue;
        }
        let segs: Vec<String> = e
            .pattern
            .segments
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => l.clone(),
                Segment::Param(_) | Segment::CatchAll(_) => "{}".to_string(),
            })
            .collect();
        index.insert((e.method.as_str().to_ascii_lowercase(), shape_of(&segs, e.pattern.trailing_slash)), id);
    }
    index
}

/// The endpoint an operation stands for, with the spec's parameter names in order.
fn find(
    index: &HashMap<(String, String), EndpointId>,
    bases: &[String],
    path: &str,
    method: &str,
) -> Option<(EndpointId, Vec<String>)> {
    for base in bases {
        let full = format!("{base}{path}");
        let trailing = full.len() > 1 && full.ends_with('/');
        let segs: Vec<String> = full.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect();
        if let Some(id) = index.get(&(method.to_string(), shape_of(&segs, trailing))) {
            let params = segs.iter().filter(|s| s.starts_with('{')).map(|s| s.trim_matches(['{', '}']).to_string());
            return Some((*id, params.collect()));
        }
    }
    None
}

fn check_params(model: &Model, id: EndpointId, path: &str, spec: &[String], out: &mut Vec<Diagnostic>) {
    let e = &model.endpoints[id];
    let ours: Vec<&str> = e.pattern.params().collect();
    if ours.iter().zip(spec).any(|(a, b)| *a != b) {
        out.push(
            Diagnostic::warning(
                codes::PARAM_NAME,
                e.path_span,
                format!("path parameters of `{}` are named differently in the OpenAPI document (`{path}`)", e.label()),
            )
            .with_label(format!("here: {}", ours.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")))
            .with_help("use the same names in both, so generated docs and clients agree"),
        );
    }
}

fn unguarded(model: &Model, apis: Option<&[ApiId]>, bases: &[String], path: &str, method: &str) -> Diagnostic {
    let at = owner(model, apis, bases, path).map_or(Span::new(0, 0), |a| Span::new(a.span.start, a.span.start));
    Diagnostic::error(
        codes::UNGUARDED,
        at,
        format!(
            "operation `{} {path}` of the OpenAPI document has no endpoint in the policy",
            method.to_ascii_uppercase()
        ),
    )
    .with_label("no endpoint of this policy guards it")
    .with_help("declare the endpoint with its requirement, or remove the operation from the document")
}

/// The api an operation of the document belongs to: among the apis compared, the one
/// whose base is the longest segment prefix of the operation's path (after a server's
/// base); the first of them when no base is.
fn owner<'m>(model: &'m Model, apis: Option<&[ApiId]>, bases: &[String], path: &str) -> Option<&'m Api> {
    let candidates: Vec<&Api> = match apis {
        Some(ids) => ids.iter().filter_map(|a| model.apis.get(*a)).collect(),
        None => model.apis.iter().collect(),
    };
    let under = |full: &str, base: &str| {
        let base = base.trim_end_matches('/');
        full.strip_prefix(base).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    let best = bases
        .iter()
        .flat_map(|b| {
            let full = format!("{b}{path}");
            candidates.iter().filter(move |a| under(&full, &a.base)).map(|a| (a.base.trim_end_matches('/').len(), *a))
        })
        .fold(None::<(usize, &Api)>, |best, (len, a)| match best {
            Some((l, _)) if l >= len => best,
            _ => Some((len, a)),
        });
    best.map(|(_, a)| a).or(candidates.first().copied())
}

fn to_yaml(v: serde_json::Value) -> Yaml {
    serde_yaml::to_value(v).unwrap_or(Yaml::Null)
}

fn annotate_operation(model: &Model, id: EndpointId, op: &mut Mapping, version: Version) {
    let e = &model.endpoints[id];
    op.insert("security".into(), to_yaml(security(model, e, version)));
    let stale: Vec<Yaml> =
        op.keys().filter(|k| k.as_str().is_some_and(|k| k.starts_with("x-scopec-"))).cloned().collect();
    for k in stale {
        op.remove(&k);
    }
    for (k, v) in extensions(model, e, version) {
        op.insert(k.into(), to_yaml(v));
    }
    // Required headers, as references to the parameters added to `components`.
    let api = &model.apis[e.api];
    let refs: Vec<Yaml> = parameters(api, e).into_iter().filter(|p| p.get("$ref").is_some()).map(to_yaml).collect();
    if refs.is_empty() {
        return;
    }
    let params = op.entry("parameters".into()).or_insert_with(|| Yaml::Sequence(Vec::new()));
    if let Yaml::Sequence(list) = params {
        for r in refs {
            if !list.contains(&r) {
                list.push(r);
            }
        }
    }
}

fn add_components(model: &Model, apis: &[ApiId], doc: &mut Yaml) {
    let ours = components(model, apis);
    let Yaml::Mapping(root) = doc else { return };
    let comps = root.entry("components".into()).or_insert_with(|| Yaml::Mapping(Mapping::new()));
    let Yaml::Mapping(comps) = comps else { return };
    for section in ["securitySchemes", "parameters"] {
        let Some(serde_json::Value::Object(items)) = ours.get(section) else { continue };
        let target = comps.entry(section.into()).or_insert_with(|| Yaml::Mapping(Mapping::new()));
        if let Yaml::Mapping(target) = target {
            for (k, v) in items {
                target.insert(Yaml::String(k.clone()), to_yaml(v.clone()));
            }
        }
    }
}
