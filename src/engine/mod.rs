//! The reference decision engine: the executable meaning of a policy. `scopec explain`,
//! `scopec test` and the tests of every generator are built on [`decide`].
//!
//! The steps follow "Decision semantics" in `docs/language.md`, in order.

mod body;
mod decision;
mod effective;
pub mod explain;
pub mod query;
pub mod target;

pub use body::{ErrorResponse, error_response};
pub use decision::{Allowed, Decision, Denied, Key, Request, Unlisted};
pub use effective::effective_scopes;
pub use target::Rejection;

use crate::model::{
    Api, CaseVariant, Dnf, Endpoint, Method, Model, Requirement, RouteId, RuleKind, ScopeId, ScopeSet, minimize,
};

/// Decides one request.
pub fn decide(model: &Model, request: &Request) -> Decision {
    // 1. The target is checked, never normalized.
    let target = match target::parse(&request.target) {
        Ok(t) => t,
        Err(r) => return Decision::Rejected(r),
    };
    // 2. Routing: path first, then method.
    let in_api = |route: RouteId| match request.api {
        None => true,
        Some(api) => model.routes.routes[route].endpoints.iter().any(|e| model.endpoints[*e].api == api),
    };
    let found = match model.routes.lookup(&target.segments, target.trailing_slash, in_api) {
        Ok(Some(found)) => found,
        Ok(None) => return Decision::NotFound,
        Err(CaseVariant) => return Decision::Rejected(Rejection::CaseVariant),
    };
    let route = &model.routes.routes[found.route];
    let candidates = route.endpoints.iter().filter(|e| request.api.is_none_or(|a| model.endpoints[**e].api == a));
    let Some(&id) = candidates.clone().find(|e| model.endpoints[**e].method.as_str() == request.method) else {
        let mut methods: Vec<Method> = candidates.map(|e| model.endpoints[*e].method).collect();
        methods.sort();
        let allowed: Vec<String> = methods.iter().map(|m| m.as_str().to_string()).collect();
        return Decision::MethodNotAllowed { route: found.route, allowed };
    };
    let endpoint = &model.endpoints[id];
    let api = &model.apis[endpoint.api];
    // 3. The key, and the requirement with its `when`s.
    let requirement = requirement(endpoint, &target.query, request.headers.as_deref());
    let key = request.key.as_ref().and_then(|k| accepted(model, api, k, request.unlisted));
    let (scopes, legacy, kind) = match key {
        Some((scopes, legacy, kind)) => {
            (effective_scopes(model, api, scopes, kind, &request.grants, request.unlisted), legacy, kind)
        }
        None if requirement.anonymous => (ScopeSet::empty(model.scopes.len()), false, None),
        None => return Decision::Unauthenticated { endpoint: id, requirement },
    };
    let effective: Vec<ScopeId> = scopes.iter().collect();
    // 5. The requirement, as it stands for the key's kind.
    let terms = requirement.for_kind(kind);
    if !requirement.anonymous && !terms.iter().any(|t| scopes.holds_all(t)) {
        let missing: Dnf =
            minimize(terms.iter().map(|t| t.iter().copied().filter(|s| !scopes.contains(*s)).collect()).collect());
        return Decision::Deny(Denied { endpoint: id, requirement, effective, missing, kind });
    }
    // 6. Data rules.
    let (mut strip, mut mask, mut filters, mut obligations) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut rules = Vec::new();
    for (i, rule) in endpoint.rules.iter().enumerate() {
        let lifted = rule.unless.as_ref().is_some_and(|u| u.iter().any(|t| scopes.holds_all(t)));
        if lifted {
            continue;
        }
        rules.push(i);
        let into = match rule.kind {
            RuleKind::Strip => &mut strip,
            RuleKind::Mask => &mut mask,
            RuleKind::Filter => &mut filters,
            RuleKind::Oblige => &mut obligations,
        };
        into.extend(rule.fields.iter().cloned());
    }
    for v in [&mut strip, &mut mask, &mut filters, &mut obligations] {
        v.sort();
        v.dedup();
    }
    Decision::Allow(Allowed {
        endpoint: id,
        requirement,
        effective,
        strip,
        mask,
        filters,
        obligations,
        rules,
        legacy,
        kind,
    })
}

/// The endpoint's requirement and-ed with every `when` the query or the headers meet
/// (step 7). `headers` is `None` when the caller does not say what headers the request
/// carries: then every header condition counts as met (the stricter reading).
pub fn requirement(
    endpoint: &Endpoint,
    query: &[(String, String)],
    headers: Option<&[(String, String)]>,
) -> Requirement {
    let mut req = endpoint.requirement.clone();
    for w in &endpoint.whens {
        let met = match (w.header, headers) {
            (true, None) => true,
            (true, Some(headers)) => headers.iter().any(|(name, value)| {
                name.eq_ignore_ascii_case(&w.key)
                    && (w.values.is_empty() || w.values.iter().any(|want| query::value_matches(value, want)))
            }),
            (false, _) => {
                let mut given = query.iter().filter(|(k, _)| query::key_matches(k, &w.key));
                let met = given
                    .clone()
                    .any(|(_, v)| w.values.is_empty() || w.values.iter().any(|want| query::value_matches(v, want)));
                // Absent, or given only empty values: the parameter counts as its default.
                met || (w.by_default && given.all(|(_, v)| v.is_empty()))
            }
        };
        if met {
            req = req.and(&w.requirement);
        }
    }
    req
}

/// The key's scopes, whether its scheme is legacy and its kind, if the api accepts the
/// key: sent by one of its schemes (any, without `via`) that takes keys of its kind.
fn accepted<'k>(
    model: &Model,
    api: &Api,
    key: &'k Key,
    unlisted: Unlisted,
) -> Option<(&'k [String], bool, Option<usize>)> {
    let kind = match &key.kind {
        Some(name) => model.kind_named(name),
        None if unlisted == Unlisted::SameAsKey => sole_kind(api),
        None => None,
    };
    let mut schemes = api.auth.iter().filter(|a| a.accepts_kind(kind)).peekable();
    schemes.peek()?;
    let Some(via) = &key.via else {
        // Sent in an accepted way: legacy only if every scheme that takes it is legacy.
        return Some((&key.scopes, schemes.all(|a| a.legacy), kind));
    };
    let scheme = schemes.find(|a| a.kind.same_place(via))?;
    Some((&key.scopes, scheme.legacy, kind))
}

/// The one kind an api's schemes accept, if they accept exactly one (and none takes keys
/// of any kind).
pub fn sole_kind(api: &Api) -> Option<usize> {
    match api.accepted_kinds()?.as_slice() {
        [k] => Some(*k),
        _ => None,
    }
}
