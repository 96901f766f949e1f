//! Endpoints: method, path pattern and route, requirement, data rules, query conditions.

use super::ctx::{Ctx, Once};
use super::duplicate::declared_twice;
use super::{expr, paths, rates};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::lang::{Method, method_names};
use crate::model::{ApiId, DataRule, Endpoint, EndpointId, IdVec, QueryParam, Requirement, RouteTree, RuleKind, When};
use crate::syntax::ast::{self, BodyStmt};

/// Resolves one endpoint and enters it into the route tree. `None` when it has errors.
pub(crate) fn endpoint(
    ctx: &mut Ctx,
    e: &ast::Endpoint,
    api: ApiId,
    base: &[crate::model::Segment],
    routes: &mut RouteTree,
    endpoints: &IdVec<EndpointId, Endpoint>,
) -> Option<Endpoint> {
    let method = method(ctx, &e.method);
    let pattern = paths::pattern(ctx, &e.path, base);
    let requirement = expr::requirement(ctx, &e.requirement);
    let body = body(ctx, &e.body);
    // The route is entered even when the requirement or body has errors, so that route
    // conflicts are reported in the same run; such a model is never returned.
    let (pattern, method) = (pattern?, method?);
    let requirement = requirement.unwrap_or_else(Requirement::public);
    let (rules, whens, query, notes, rate, body_params) = body.unwrap_or_default();
    let id = endpoints.next_id();
    match routes.insert(&pattern) {
        Err(other) => {
            let first = routes.routes[other].endpoints.first().and_then(|i| endpoints.get(*i));
            let mut d = Diagnostic::error(
                codes::AMBIGUOUS_ROUTE,
                e.path.span,
                format!("path `{pattern}` matches the same paths as `{}`", routes.routes[other].pattern),
            )
            .with_label("ambiguous with another route")
            .with_help("routes that differ only in parameter names are the same route: use the same names");
            if let Some(f) = first {
                d = d.with_secondary(f.path_span, "the other route");
            }
            ctx.report(d);
            return None;
        }
        Ok(route) => {
            let same =
                routes.routes[route].endpoints.iter().filter_map(|i| endpoints.get(*i)).find(|o| o.method == method);
            if let Some(other) = same {
                ctx.report(declared_twice(
                    codes::DUPLICATE_ENDPOINT,
                    format!("endpoint `{} {pattern}`", e.method.text),
                    e.method.span.to(e.path.span),
                    other.span,
                    "merge the two declarations",
                ));
                return None;
            }
            routes.routes[route].endpoints.push(id);
        }
    }
    Some(Endpoint {
        api,
        method,
        pattern,
        requirement,
        summary: e.summary.as_ref().map(|s| s.value.clone()),
        rules,
        whens,
        query,
        body: body_params,
        notes,
        rate,
        span: e.span,
        path_span: e.path.span,
        requirement_span: e.requirement.span(),
    })
}

fn method(ctx: &mut Ctx, m: &ast::Word) -> Option<Method> {
    if let Some(method) = Method::parse(&m.text) {
        return Some(method);
    }
    let mut d = Diagnostic::error(codes::UNKNOWN_METHOD, m.span, format!("unknown HTTP method `{}`", m.text))
        .with_label("not an HTTP method");
    d = match crate::diagnostic::suggest::closest(&m.text, method_names()) {
        Some(best) => d.with_help(format!("did you mean `{best}`?")),
        None => d.with_help(format!("use one of {}", method_names().collect::<Vec<_>>().join(", "))),
    };
    ctx.report(d);
    None
}

type Body = (Vec<DataRule>, Vec<When>, Vec<QueryParam>, Vec<String>, Option<usize>, Vec<QueryParam>);

/// The endpoint body. Every statement is checked before giving up on the body.
fn body(ctx: &mut Ctx, stmts: &[BodyStmt]) -> Option<Body> {
    let (mut rules, mut whens, mut query, mut notes) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut rate, mut rate_once) = (None, Once::new("rate"));
    let (mut body_params, mut body_names): (Vec<QueryParam>, Vec<(String, Once)>) = (Vec::new(), Vec::new());
    let mut ok = true;
    let mut params: Vec<(String, Once)> = Vec::new();
    let mut obligation_names: rustc_hash::FxHashMap<&str, crate::diagnostic::Span> = Default::default();
    for stmt in stmts {
        match stmt {
            BodyStmt::Strip(r) | BodyStmt::Mask(r) => {
                let kind = if matches!(stmt, BodyStmt::Strip(_)) { RuleKind::Strip } else { RuleKind::Mask };
                let unless = r.unless.as_ref().map(|u| expr::expr(ctx, u));
                for field in &r.fields {
                    ok &= field_path(ctx, field);
                }
                match unless {
                    Some(None) => ok = false,
                    unless => rules.push(DataRule {
                        kind,
                        fields: r.fields.iter().map(|f| f.text.clone()).collect(),
                        description: None,
                        unless: unless.flatten(),
                        span: r.span,
                    }),
                }
            }
            BodyStmt::Filter(f) | BodyStmt::Oblige(f) => {
                if let Some(first) = obligation_names.get(f.name.text.as_str()) {
                    let what = format!("filter or obligation `{}`", f.name.text);
                    let help = "give each filter and obligation of an endpoint its own name";
                    ctx.report(declared_twice(codes::DUPLICATE_OBLIGATION, what, f.name.span, *first, help));
                    ok = false;
                    continue;
                }
                obligation_names.insert(&f.name.text, f.name.span);
                let unless = f.unless.as_ref().map(|u| expr::expr(ctx, u));
                let kind = if matches!(stmt, BodyStmt::Filter(_)) { RuleKind::Filter } else { RuleKind::Oblige };
                match unless {
                    Some(None) => ok = false,
                    unless => rules.push(DataRule {
                        kind,
                        fields: vec![f.name.text.clone()],
                        description: f.description.as_ref().map(|d| d.value.clone()),
                        unless: unless.flatten(),
                        span: f.span,
                    }),
                }
            }
            BodyStmt::When(w) => match (expr::requirement(ctx, &w.requirement), condition_values(ctx, w)) {
                (Some(_), _) if w.header && !header_name(ctx, &w.key) => ok = false,
                (Some(requirement), Some(values)) => whens.push(When {
                    key: w.key.text.clone(),
                    header: w.header,
                    values,
                    by_default: false,
                    requirement,
                    span: w.span,
                }),
                _ => ok = false,
            },
            BodyStmt::Query(q) => documented(ctx, &mut params, "query parameter", q, &mut query),
            BodyStmt::Body(q) => documented(ctx, &mut body_names, "body parameter", q, &mut body_params),
            BodyStmt::Rate(name, span) => {
                rate = rates::assign(ctx, &mut rate_once, name, *span).or(rate);
            }
            BodyStmt::Note(n) => notes.push(n.value.clone()),
        }
    }
    for w in whens.iter_mut().filter(|w| !w.header) {
        let default = query.iter().find(|q| crate::model::query::key_matches(&q.name, &w.key));
        w.by_default = default
            .and_then(|q| q.default.as_deref())
            .is_some_and(|d| w.values.is_empty() || w.values.iter().any(|v| crate::model::query::value_matches(d, v)));
    }
    ok.then_some((rules, whens, query, notes, rate, body_params))
}

/// The values a condition accepts: its `=value`, or its `in (…)` set (`E0211` for both).
fn condition_values(ctx: &mut Ctx, w: &ast::When) -> Option<Vec<String>> {
    match (&w.value, &w.set) {
        (Some(_), Some((_, set_span))) => {
            ctx.report(
                Diagnostic::error(codes::CONDITION_VALUES, *set_span, "a condition names a value and a set of values")
                    .with_label("a second list of values")
                    .with_secondary(w.match_span, "the condition already names its value")
                    .with_help("write `?key in (a, b)` alone, or `?key=a` alone"),
            );
            None
        }
        (Some(v), None) => Some(vec![v.clone()]),
        (None, Some((set, _))) => Some(set.iter().map(|v| v.text.clone()).collect()),
        (None, None) => Some(Vec::new()),
    }
}

/// A `strip` or `mask` field: names (letters, digits, `_`, `-`) joined by `.`, each name
/// optionally followed by `[]` (its value is an array whose elements the rest applies to).
/// A server applying the rule to a JSON body must be able to read it one way only.
fn field_path(ctx: &mut Ctx, field: &ast::Word) -> bool {
    let well_formed = field.text.split('.').all(|segment| {
        let name = segment.trim_end_matches("[]");
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if !well_formed {
        ctx.report(
            Diagnostic::error(codes::FIELD_PATH, field.span, format!("`{}` is not a field path", field.text))
                .with_label("not a dotted path of names")
                .with_help("write names joined by `.`, a `[]` after a name whose value is an array: `contact.email`, `items[].price`"),
        );
    }
    well_formed
}

/// A documented query or body parameter, once per name (`E0011` for a second one).
fn documented(
    ctx: &mut Ctx,
    seen: &mut Vec<(String, Once)>,
    what: &'static str,
    q: &ast::QueryParam,
    out: &mut Vec<QueryParam>,
) {
    let idx = match seen.iter().position(|(n, _)| *n == q.name.text) {
        Some(i) => i,
        None => {
            seen.push((q.name.text.clone(), Once::new(what)));
            seen.len() - 1
        }
    };
    if let (true, Some(d)) = (q.required, &q.default) {
        ctx.report(
            Diagnostic::error(
                codes::DEFAULT_REQUIRED,
                d.span,
                format!("required parameter `{}` has a default", q.name.text),
            )
            .with_label("a required parameter is never absent")
            .with_help("make the parameter `optional`, or drop the default"),
        );
        return;
    }
    if seen[idx].1.first(ctx, q.name.span) {
        out.push(QueryParam {
            name: q.name.text.clone(),
            required: q.required,
            default: q.default.as_ref().map(|d| d.text.clone()),
            description: q.description.as_ref().map(|d| d.value.clone()),
        });
    }
}

/// Whether a `when header` names a header: an HTTP field name (RFC 9110 `token`), which
/// excludes spaces, `:` and the other separators. Reported as `E0210` when not.
fn header_name(ctx: &mut Ctx, name: &ast::Word) -> bool {
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if !name.text.is_empty() && name.text.chars().all(tchar) {
        return true;
    }
    ctx.report(
        Diagnostic::error(codes::HEADER_NAME, name.span, format!("`{}` is not a header name", name.text.escape_default()))
            .with_label("not an HTTP header name")
            .with_help("a header name is letters, digits and the symbols !#$%&'*+-.^_|~ and backtick, with no space or `:` (`X-Include-Notes`)"),
    );
    false
}
