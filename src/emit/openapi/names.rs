//! Component names and operation ids.

use crate::model::{Api, Endpoint, SchemeKind, Segment};

/// A component name: letters, digits, `.`, `-` and `_` only.
pub fn component(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect()
}

/// The security scheme name of an api's auth scheme.
pub fn scheme(api: &Api, kind: &SchemeKind) -> String {
    component(&match kind {
        SchemeKind::Bearer => format!("{}_bearer", api.name),
        SchemeKind::Header(h) => format!("{}_header_{h}", api.name),
        SchemeKind::Query(q) => format!("{}_query_{q}", api.name),
    })
}

/// The parameter component of an api's required header.
pub fn header_param(api: &Api, header: &str) -> String {
    component(&format!("{}_header_{header}", api.name))
}

/// The error schema of an api.
pub fn error_schema(api: &Api) -> String {
    component(&format!("{}_error", api.name))
}

/// The OpenAPI path of an endpoint: `{name*}` becomes `{name}` (OpenAPI has no catch-all).
pub fn path(e: &Endpoint) -> String {
    let mut out = String::new();
    for s in &e.pattern.segments {
        out.push('/');
        match s {
            Segment::Literal(l) => out.push_str(l),
            Segment::Param(n) | Segment::CatchAll(n) => {
                out.push('{');
                out.push_str(n);
                out.push('}');
            }
        }
    }
    if e.pattern.trailing_slash || out.is_empty() {
        out.push('/');
    }
    out
}

/// The operation id of every endpoint, in endpoint order, unique by construction: the
/// name made from method and path ([`base_operation_id`]) and, where two endpoints make
/// the same name (`/a-b` and `/a_b`, `/x/{b}` and `/x/b`, `/x/` and `/x/list`), `_2`, `_3`,
/// … on the later ones, skipping any name another endpoint makes.
pub fn operation_ids(endpoints: &[Endpoint]) -> Vec<String> {
    let bases: Vec<String> = endpoints.iter().map(base_operation_id).collect();
    let mut taken: std::collections::HashSet<String> = bases.iter().cloned().collect();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(bases.len());
    for base in &bases {
        if seen.insert(base) {
            out.push(base.clone());
            continue;
        }
        let mut n = 2;
        let id = loop {
            let candidate = format!("{base}_{n}");
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(id.clone());
        out.push(id);
    }
    out
}

/// `get_v3_patients_id`: the name of an operation made from its method and path.
pub fn base_operation_id(e: &Endpoint) -> String {
    let mut id = e.method.as_str().to_ascii_lowercase();
    for s in &e.pattern.segments {
        id.push('_');
        let word = match s {
            Segment::Literal(l) => l.as_str(),
            Segment::Param(n) | Segment::CatchAll(n) => n.as_str(),
        };
        id.extend(word.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }));
    }
    if e.pattern.trailing_slash {
        id.push_str("_list");
    }
    id
}
