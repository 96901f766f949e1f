//! `scopec advise`: least privilege for integrators. Given the calls an integration makes,
//! every smallest scope set that allows all of them, what the data rules still strip or
//! mask with it (and what to add to get the data), the bundle that comes closest, and
//! which of a key's scopes the calls never needed.
//!
//! Each call is routed by the reference engine (with a key holding every scope, so the
//! requirement it reports is the endpoint's together with the `when` conditions the call
//! matches); the requirements then go to an exact search ([`search`]).

pub mod calls;
pub mod search;

use crate::engine::{Decision, Request, Unlisted, decide};
use crate::model::{Dnf, EndpointId, Model, Requirement, RuleKind, ScopeId};
use search::{granted, meets as holds};

pub use calls::{Call, Unreadable};

/// What one call needs.
#[derive(Debug, Clone)]
pub struct Routed {
    pub call: Call,
    /// `None`: the call matches no endpoint (the reason in words).
    pub endpoint: Option<EndpointId>,
    pub requirement: Option<Requirement>,
    pub problem: Option<String>,
}

/// A data rule that still applies with a scope set, and what lifts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataNote {
    pub endpoint: String,
    pub kind: RuleKind,
    pub fields: Vec<String>,
    /// The fewest scopes to add so that the rule no longer applies (empty: nothing does).
    pub add: Vec<String>,
}

/// One smallest set, with the data rules that still apply under it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub scopes: Vec<String>,
    pub data: Vec<DataNote>,
}

/// How a bundle fits the calls.
#[derive(Debug, Clone)]
pub struct BundleFit {
    pub name: String,
    /// Scopes to add for the bundle to allow every call.
    pub missing: Vec<String>,
    /// Scopes of the bundle the smallest set does not have.
    pub extra: Vec<String>,
}

/// What a key holds beyond the calls' needs.
#[derive(Debug, Clone)]
pub struct KeyFit {
    /// Calls the key does not allow.
    pub denied: Vec<Call>,
    /// The key's scopes that no smallest subset of the key that allows every call needs.
    pub unneeded: Vec<String>,
    /// A smallest subset of the key that allows every call (exact for keys of up to 16
    /// scopes; for larger keys, one found by dropping scopes one at a time).
    pub enough: Option<Vec<String>>,
}

/// The whole answer.
#[derive(Debug, Clone)]
pub struct Advice {
    pub routed: Vec<Routed>,
    pub answers: Vec<Answer>,
    pub more: bool,
    pub gave_up: bool,
    pub closest: Option<BundleFit>,
    pub key: Option<KeyFit>,
}

fn route(model: &Model, call: &Call, all: &[String]) -> Routed {
    let mut request = Request::new(&call.method, &call.target).with_scopes(all);
    request.unlisted = Unlisted::SameAsKey;
    let (endpoint, requirement, problem) = match decide(model, &request) {
        Decision::Allow(a) => (Some(a.endpoint), Some(a.requirement), None),
        Decision::Deny(d) => (Some(d.endpoint), Some(d.requirement), None),
        Decision::Unauthenticated { endpoint, requirement } => (Some(endpoint), Some(requirement), None),
        Decision::NotFound => (None, None, Some("no endpoint has this path".to_string())),
        Decision::MethodNotAllowed { allowed, .. } => {
            (None, None, Some(format!("the path allows only {}", allowed.join(", "))))
        }
        other => (None, None, Some(format!("refused before routing ({})", other.status()))),
    };
    Routed { call: call.clone(), endpoint, requirement, problem }
}

fn names(model: &Model, ids: &[ScopeId]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|id| model.scope_name(*id).to_string()).collect();
    v.sort();
    v
}

/// The data rules of the called endpoints that still apply with `held`.
fn data(model: &Model, routed: &[Routed], held: &[ScopeId]) -> Vec<DataNote> {
    let g = granted(model, held);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for r in routed {
        let Some(id) = r.endpoint else { continue };
        if !seen.insert(id) {
            continue;
        }
        let e = &model.endpoints[id];
        for rule in &e.rules {
            let applies = rule.unless.as_ref().is_none_or(|u| !holds(u, &g));
            if !applies {
                continue;
            }
            // The cheapest term of `unless` to complete.
            let add = rule
                .unless
                .as_ref()
                .map(|u| {
                    let found = search::minimum(model, &[u], held);
                    found
                        .sets
                        .first()
                        .map(|s| names(model, &s.iter().filter(|x| !held.contains(x)).copied().collect::<Vec<_>>()))
                })
                .unwrap_or_default()
                .unwrap_or_default();
            out.push(DataNote { endpoint: e.label(), kind: rule.kind, fields: rule.fields.clone(), add });
        }
    }
    out
}

/// Advice for the calls, optionally measured against a key.
pub fn advise(model: &Model, calls: &[Call], key: Option<&[String]>) -> Advice {
    let all: Vec<String> = model.scopes.iter().map(|s| s.name.clone()).collect();
    let routed: Vec<Routed> = calls.iter().map(|c| route(model, c, &all)).collect();
    let needs: Vec<&Dnf> =
        routed.iter().filter_map(|r| r.requirement.as_ref()).filter(|r| !r.anonymous).map(|r| &r.dnf).collect();
    let found = search::minimum(model, &needs, &[]);
    let answers =
        found.sets.iter().map(|s| Answer { scopes: names(model, s), data: data(model, &routed, s) }).collect();
    let smallest = found.sets.first().cloned().unwrap_or_default();
    let closest = model
        .bundles
        .iter()
        .map(|b| {
            let fill = search::minimum(model, &needs, &b.scopes);
            let with = fill.sets.first().cloned().unwrap_or_default();
            let missing: Vec<ScopeId> = with.iter().filter(|s| !b.scopes.contains(s)).copied().collect();
            let extra: Vec<ScopeId> = b.scopes.iter().filter(|s| !smallest.contains(s)).copied().collect();
            BundleFit { name: b.name.clone(), missing: names(model, &missing), extra: names(model, &extra) }
        })
        .min_by_key(|f| (f.missing.len(), f.extra.len()));
    let key = key.map(|k| key_fit(model, &routed, &needs, k));
    Advice { routed, answers, more: found.more, gave_up: found.gave_up, closest, key }
}

fn key_fit(model: &Model, routed: &[Routed], needs: &[&Dnf], key: &[String]) -> KeyFit {
    let ids: Vec<ScopeId> = key.iter().filter_map(|n| model.lookup(n)).collect();
    let g = granted(model, &ids);
    let denied = routed
        .iter()
        .filter(|r| r.requirement.as_ref().is_some_and(|q| !q.anonymous && !holds(&q.dnf, &g)))
        .map(|r| r.call.clone())
        .collect::<Vec<_>>();
    if !denied.is_empty() {
        return KeyFit { denied, unneeded: Vec::new(), enough: None };
    }
    // The smallest subsets of the key: the search over a model view restricted to the key.
    let best: Option<Vec<ScopeId>>;
    let mut needed = std::collections::BTreeSet::new();
    let n = ids.len();
    if n <= 16 {
        let mut minimal: Vec<Vec<ScopeId>> = Vec::new();
        for size in 0..=n {
            for mask in 0u32..1 << n {
                if mask.count_ones() as usize != size {
                    continue;
                }
                let subset: Vec<ScopeId> = (0..n).filter(|i| mask & (1 << i) != 0).map(|i| ids[i]).collect();
                let gs = granted(model, &subset);
                if needs.iter().all(|d| holds(d, &gs)) {
                    minimal.push(subset);
                }
            }
            if !minimal.is_empty() {
                break;
            }
        }
        for m in &minimal {
            needed.extend(m.iter().copied());
        }
        best = minimal.into_iter().next();
    } else {
        // Drop scopes one at a time while the rest still allows every call.
        let mut kept = ids.clone();
        for id in &ids {
            let without: Vec<ScopeId> = kept.iter().filter(|k| *k != id).copied().collect();
            let gs = granted(model, &without);
            if needs.iter().all(|d| holds(d, &gs)) {
                kept = without;
            }
        }
        needed.extend(kept.iter().copied());
        best = Some(kept);
    }
    let unneeded: Vec<ScopeId> = ids.iter().filter(|i| !needed.contains(i)).copied().collect();
    KeyFit { denied, unneeded: names(model, &unneeded), enough: best.map(|b| names(model, &b)) }
}
