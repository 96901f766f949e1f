//! The policy-specific tables of a generated module.

use std::collections::BTreeMap;

use super::layout::{Code, Value, byte_char, slice, string};
use super::{byte_str, names, opt_str, rec, scope_sets};
use crate::model::template::{Piece, pieces};
use crate::model::{ErrorBodies, Model, RuleKind, SchemeKind};

pub fn grants(code: &mut Code, model: &Model) {
    let sets = model.grant_sets();
    code.doc(0, "The grant sets that apis intersect with the key's scopes (their `effective` lines).");
    code.line(0, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]");
    if sets.is_empty() {
        code.line(0, "pub struct Grants {}");
    } else {
        code.line(0, "pub struct Grants {");
        for s in &sets {
            code.doc(1, &format!("The `{s}` grant set."));
            code.line(1, &format!("pub {}: ScopeSet,", names::field(s)));
        }
        code.line(0, "}");
    }
    code.line(0, "");
    code.line(0, "#[derive(Debug, Clone, Copy)]");
    if sets.is_empty() {
        code.line(0, "enum GrantSet {}");
    } else {
        code.line(0, "enum GrantSet {");
        for s in &sets {
            code.line(1, &format!("{},", names::variant(s)));
        }
        code.line(0, "}");
    }
    code.line(0, "");
    code.line(0, "impl Grants {");
    code.doc(1, "Sets a grant set by its name in the policy; false for an unknown name.");
    code.line(1, "pub fn set(&mut self, name: &str, scopes: ScopeSet) -> bool {");
    if sets.is_empty() {
        code.line(2, "let _ = (name, scopes);");
        code.line(2, "false");
    } else {
        code.line(2, "match name {");
        for s in &sets {
            code.line(3, &format!("{s:?} => self.{} = scopes,", names::field(s)));
        }
        code.line(3, "_ => return false,");
        code.line(2, "}");
        code.line(2, "true");
    }
    code.line(1, "}");
    code.line(0, "");
    code.line(1, "fn get(&self, set: GrantSet) -> &ScopeSet {");
    if sets.is_empty() {
        code.line(2, "match set {}");
    } else {
        code.line(2, "match set {");
        for s in &sets {
            code.line(3, &format!("GrantSet::{} => &self.{},", names::variant(s), names::field(s)));
        }
        code.line(2, "}");
    }
    code.line(1, "}");
    code.line(0, "}");
    code.line(0, "");
    let apis = model
        .apis
        .iter()
        .map(|api| {
            let schemes = api
                .auth
                .iter()
                .map(|a| {
                    let (kind, name) = match &a.kind {
                        SchemeKind::Bearer => (0, ""),
                        SchemeKind::Header(h) => (1, h.as_str()),
                        SchemeKind::Query(q) => (2, q.as_str()),
                    };
                    rec(
                        "Scheme",
                        vec![
                            ("kind", Value::atom(kind.to_string())),
                            ("name", string(name)),
                            ("legacy", Value::atom(a.legacy.to_string())),
                        ],
                    )
                })
                .collect();
            let all_legacy = !api.auth.is_empty() && api.auth.iter().all(|a| a.legacy);
            let sets = api.grant_sets().map(|s| Value::atom(format!("GrantSet::{}", names::variant(s)))).collect();
            rec(
                "ApiData",
                vec![
                    ("schemes", slice(schemes)),
                    ("all_legacy", Value::atom(all_legacy.to_string())),
                    ("grant_sets", slice(sets)),
                ],
            )
        })
        .collect();
    Value::Array { amp: false, items: apis }.write(
        code,
        0,
        &format!("static APIS: [ApiData; {}] = ", model.apis.len()),
        ";",
    );
    code.line(0, "");
}

/// The depth of the deepest node of the route tree.
pub fn max_depth(model: &Model) -> usize {
    let nodes = &model.routes.nodes;
    let mut depth = vec![0usize; nodes.len()];
    let mut max = 0;
    for (i, n) in nodes.iter().enumerate() {
        // Children always have higher indices than their parent (they are created later).
        for child in n.literals.values().copied().chain(n.param) {
            depth[child] = depth[i] + 1;
            max = max.max(depth[child]);
        }
    }
    max
}

fn node_ref(n: Option<usize>) -> Value {
    Value::atom(n.map_or("NONE".to_string(), |x| x.to_string()))
}

pub fn routes(code: &mut Code, model: &Model) {
    let nodes = model
        .routes
        .nodes
        .iter()
        .map(|n| {
            rec(
                "Node",
                vec![
                    ("param", node_ref(n.param)),
                    ("catch_all", node_ref(n.catch_all)),
                    ("end", node_ref(n.end)),
                    ("end_slash", node_ref(n.end_slash)),
                ],
            )
        })
        .collect();
    let count = model.routes.nodes.len();
    Value::Array { amp: false, items: nodes }.write(code, 0, &format!("static NODES: [Node; {count}] = "), ";");
    code.line(0, "");
    super::walk::node_functions(code, model);
    code.doc(0, "The child of `node` for the literal segment `seg` (never empty), or `NONE`.");
    code.line(0, "fn literal_child(node: u16, seg: &[u8]) -> u16 {");
    let mut arms: Vec<(usize, usize, u8, &str, usize)> = Vec::new();
    for (i, n) in model.routes.nodes.iter().enumerate() {
        for (l, c) in &n.literals {
            arms.push((i, l.len(), l.as_bytes().first().copied().unwrap_or(0), l.as_str(), *c));
        }
    }
    arms.sort();
    if arms.is_empty() {
        code.line(1, "let _ = (node, seg);");
        code.line(1, "NONE");
    } else {
        // A switch on (node, length, first byte), then one comparison of known length.
        code.line(1, "match (node, seg.len(), seg[0]) {");
        for (node, len, first, lit, child) in arms {
            let first = byte_char(first);
            code.line(2, &format!("({node}, {len}, {first}) if seg == {} => {child},", byte_str(lit).flat()));
        }
        code.line(2, "_ => NONE,");
        code.line(1, "}");
    }
    code.line(0, "}");
    code.line(0, "");
    let routes = model
        .routes
        .routes
        .iter()
        .map(|r| {
            let methods = r
                .endpoints
                .iter()
                .map(|e| {
                    let m = &model.endpoints[*e].method;
                    let code = crate::check::METHODS.iter().position(|x| x == m).unwrap_or(usize::from(u8::MAX));
                    Value::atom(format!("({code}, {e})"))
                })
                .collect();
            let mut allowed: Vec<&str> = r.endpoints.iter().map(|e| model.endpoints[*e].method.as_str()).collect();
            allowed.sort_by_key(|m| crate::check::METHODS.iter().position(|x| x == m));
            rec("Route", vec![("methods", slice(methods)), ("allowed", string(&allowed.join(", ")))])
        })
        .collect();
    let count = model.routes.routes.len();
    Value::Array { amp: false, items: routes }.write(code, 0, &format!("static ROUTES: [Route; {count}] = "), ";");
    code.line(0, "");
    // The endpoint of each route and method code, flat, for one load per request.
    let methods = crate::check::METHODS.len();
    let table = model
        .routes
        .routes
        .iter()
        .map(|r| {
            let mut row = vec!["NONE".to_string(); methods];
            for e in &r.endpoints {
                if let Some(m) = crate::check::METHODS.iter().position(|x| *x == model.endpoints[*e].method) {
                    row[m] = e.to_string();
                }
            }
            Value::Array { amp: false, items: row.into_iter().map(Value::atom).collect() }
        })
        .collect();
    code.doc(0, "The endpoint of each route for each method code, or `NONE`.");
    Value::Array { amp: false, items: table }.write(
        code,
        0,
        &format!("static ENDPOINT_OF: [[u16; {methods}]; {count}] = "),
        ";",
    );
    code.line(0, "");
}

pub fn endpoints(code: &mut Code, model: &Model) {
    let data = model
        .endpoints
        .iter()
        .map(|e| {
            let whens = e
                .whens
                .iter()
                .map(|w| {
                    rec(
                        "When",
                        vec![
                            ("key", byte_str(&w.key)),
                            ("value", super::layout::option(w.value.as_deref().map(byte_str))),
                        ],
                    )
                })
                .collect();
            let requirements = (0..1usize << e.whens.len())
                .map(|mask| {
                    let mut req = e.requirement.clone();
                    for (i, w) in e.whens.iter().enumerate() {
                        if mask & (1 << i) != 0 {
                            req = req.and(&w.requirement);
                        }
                    }
                    rec(
                        "Requirement",
                        vec![
                            ("anonymous", Value::atom(req.anonymous.to_string())),
                            ("alternatives", scope_sets(model, &req.dnf)),
                            ("text", string(&model.requirement_text(&req))),
                        ],
                    )
                })
                .collect();
            let rules = e
                .rules
                .iter()
                .map(|r| rec("Rule", vec![("unless", scope_sets(model, r.unless.as_deref().unwrap_or(&[])))]))
                .collect();
            let fields = |kind: RuleKind| {
                let mut by_field: BTreeMap<&str, u32> = BTreeMap::new();
                for (i, r) in e.rules.iter().enumerate().filter(|(_, r)| r.kind == kind) {
                    for f in &r.fields {
                        *by_field.entry(f.as_str()).or_default() |= 1 << i;
                    }
                }
                slice(by_field.into_iter().map(|(f, m)| Value::atom(format!("({f:?}, {m:#x})"))).collect())
            };
            rec(
                "EndpointData",
                vec![
                    ("api", Value::atom(e.api.to_string())),
                    ("whens", slice(whens)),
                    ("requirements", slice(requirements)),
                    ("rules", slice(rules)),
                    ("strip", fields(RuleKind::Strip)),
                    ("mask", fields(RuleKind::Mask)),
                    ("filters", fields(RuleKind::Filter)),
                ],
            )
        })
        .collect();
    let n = model.endpoints.len();
    Value::Array { amp: false, items: data }.write(
        code,
        0,
        &format!("static ENDPOINT_DATA: [EndpointData; {n}] = "),
        ";",
    );
    code.line(0, "");
    let info = model
        .endpoints
        .iter()
        .map(|e| {
            rec(
                "EndpointInfo",
                vec![
                    ("api", string(&model.apis[e.api].name)),
                    ("method", string(&e.method)),
                    ("path", string(&e.pattern.to_string())),
                    ("summary", opt_str(e.summary.as_deref())),
                    ("requirement", string(&model.requirement_text(&e.requirement))),
                ],
            )
        })
        .collect();
    code.doc(0, "Every endpoint, in declaration order ([`Allow::endpoint`] indexes it).");
    Value::Array { amp: false, items: info }.write(
        code,
        0,
        &format!("pub static ENDPOINTS: [EndpointInfo; {n}] = "),
        ";",
    );
    code.line(0, "");
}

fn error_set(bodies: &ErrorBodies) -> Value {
    let items = bodies
        .bodies
        .iter()
        .map(|(status, b)| {
            let message = match pieces(&b.message) {
                Ok(ps) => ps
                    .into_iter()
                    .map(|p| match p {
                        Piece::Text(t) => Value::atom(format!("Piece::Text({t:?})")),
                        Piece::Var(name, ..) => Value::atom(match name {
                            "method" => "Piece::Method",
                            "path" => "Piece::Path",
                            "reason" => "Piece::Reason",
                            "required" => "Piece::Required",
                            "missing" => "Piece::Missing",
                            _ => "Piece::Allowed",
                        }),
                    })
                    .collect(),
                Err(_) => vec![Value::atom(format!("Piece::Text({:?})", b.message))],
            };
            rec(
                "Body",
                vec![
                    ("status", Value::atom(status.to_string())),
                    ("code", string(&b.code)),
                    ("message", slice(message)),
                ],
            )
        })
        .collect();
    rec("Errors", vec![("bodies", slice(items)), ("trace", opt_str(bodies.trace.as_deref()))])
}

pub fn errors(code: &mut Code, model: &Model) {
    let sets: Vec<Value> = model.apis.iter().map(|a| error_set(&a.errors)).chain([error_set(&model.errors)]).collect();
    code.doc(0, "Error bodies per api; the last entry is the file's (for 400 and 404).");
    let n = sets.len();
    Value::Array { amp: false, items: sets }.write(code, 0, &format!("static ERRORS: [Errors; {n}] = "), ";");
    code.line(0, "");
}

pub fn key_formats(code: &mut Code, model: &Model) {
    let mut items = Vec::new();
    for api in &model.apis {
        for a in &api.auth {
            let scheme = match &a.kind {
                SchemeKind::Bearer => "bearer".to_string(),
                SchemeKind::Header(h) => format!("header {h:?}"),
                SchemeKind::Query(q) => format!("query {q:?}"),
            };
            for f in &a.formats {
                let length = f.length.map(|(min, max)| Value::atom(format!("({min}, {max})")));
                items.push(rec(
                    "KeyFormat",
                    vec![
                        ("api", string(&api.name)),
                        ("scheme", string(&scheme)),
                        ("legacy", Value::atom(a.legacy.to_string())),
                        ("prefix", string(&f.prefix)),
                        ("length", super::layout::option(length)),
                        ("env", opt_str(f.env.as_deref())),
                    ],
                ));
            }
        }
    }
    code.doc(0, "Every declared key format.");
    let n = items.len();
    Value::Array { amp: false, items }.write(code, 0, &format!("pub static KEY_FORMATS: [KeyFormat; {n}] = "), ";");
    code.line(0, "");
}
