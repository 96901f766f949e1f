//! The request sets and the alternatives that scopec's generated tables are measured
//! against, all built from the same policy: the reference engine, matchit routing plus a
//! bitset check (what a hand-written axum middleware does), Cedar, and a naive
//! regex-per-route plus `HashSet<String>` check.
//!
//! Everything here runs outside the timed loops: the loops only decide.

pub mod service;

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;

use scopec::Model;
use scopec::engine::{Decision, Request, Unlisted, decide};
use scopec::model::{Id, Segment};

/// A policy and the requests it is measured on: its own test cases.
pub struct Bench {
    pub model: Model,
    pub requests: Vec<Request>,
}

impl Bench {
    /// A seed policy by name, or `synthetic` for the 1,000-endpoint synthetic policy.
    pub fn load(name: &str) -> Bench {
        let text = match name {
            "synthetic" => scopec::synth::policy(&scopec::synth::SynthConfig::default()),
            seed => std::fs::read_to_string(format!("{}/../policies/{seed}.policy", env!("CARGO_MANIFEST_DIR")))
                .expect("seed policy is readable"),
        };
        let model = scopec::compile(&text).expect("policy is valid");
        let requests: Vec<Request> =
            model.tests.iter().flat_map(|s| s.cases.iter()).map(scopec::testing::request).collect();
        Bench { model, requests }
    }

    /// The grant sets of a request with the ones it does not give filled in as the engine
    /// reads them (the key's scopes, for test cases).
    pub fn grants(&self, r: &Request) -> BTreeMap<String, Vec<String>> {
        let mut out = r.grants.clone();
        for api in &self.model.apis {
            for set in api.grant_sets() {
                if !out.contains_key(set) && r.unlisted == Unlisted::SameAsKey {
                    out.insert(set.to_string(), r.key.as_ref().map(|k| k.scopes.clone()).unwrap_or_default());
                }
            }
        }
        out
    }

    /// The effective scope names of a request (computed once, outside the loops, for the
    /// alternatives that have no notion of grant sets or aliases).
    pub fn effective_names(&self, r: &Request) -> Vec<String> {
        match decide(&self.model, r) {
            Decision::Allow(a) => a.effective.iter().map(|s| self.model.scope_name(*s).to_string()).collect(),
            Decision::Deny(d) => d.effective.iter().map(|s| self.model.scope_name(*s).to_string()).collect(),
            _ => Vec::new(),
        }
    }
}

/// A route pattern in matchit's syntax (`/orders/{id}`, `/files/{*rest}`).
pub fn matchit_path(pattern: &scopec::model::Pattern) -> String {
    let mut path = String::new();
    for s in &pattern.segments {
        path.push('/');
        match s {
            Segment::Literal(l) => path.push_str(l),
            Segment::Param(n) => path.push_str(&format!("{{{n}}}")),
            Segment::CatchAll(n) => path.push_str(&format!("{{*{n}}}")),
        }
    }
    if pattern.trailing_slash || path.is_empty() {
        path.push('/');
    }
    path
}

/// The path of a target (without the query).
pub fn path_of(target: &str) -> &str {
    target.split('?').next().unwrap_or(target)
}

/// One endpoint of a route: method, whether it is public, alternatives as bitsets.
type BitsetEndpoint = (String, bool, Vec<Vec<u64>>);

/// A hand-written middleware: matchit finds the route, a bitset check decides.
pub struct MatchitBitset {
    router: matchit::Router<usize>,
    routes: Vec<Vec<BitsetEndpoint>>,
    pub words: usize,
}

impl MatchitBitset {
    pub fn new(model: &Model) -> Self {
        let words = model.scopes.len().div_ceil(64).max(1);
        let mut router = matchit::Router::new();
        let mut routes = Vec::new();
        for (i, route) in model.routes.routes.iter().enumerate() {
            router.insert(matchit_path(&route.pattern), i).expect("matchit accepts the policy's routes");
            let methods = route
                .endpoints
                .iter()
                .map(|e| {
                    let ep = &model.endpoints[*e];
                    let alts = ep.requirement.dnf.iter().map(|t| bits(words, t.iter().copied())).collect();
                    (ep.method.to_string(), ep.requirement.anonymous, alts)
                })
                .collect();
            routes.push(methods);
        }
        MatchitBitset { router, routes, words }
    }

    /// 0 allow, 1 forbidden, 2 not found, 3 method not allowed, 4 unauthenticated.
    #[inline]
    pub fn decide(&self, method: &str, path: &str, key: Option<&[u64]>) -> u8 {
        let Ok(m) = self.router.at(path) else { return 2 };
        let Some((_, anonymous, alts)) = self.routes[*m.value].iter().find(|(x, _, _)| x == method) else {
            return 3;
        };
        if *anonymous {
            return 0;
        }
        let Some(key) = key else { return 4 };
        let ok = alts.iter().any(|a| a.iter().zip(key).all(|(need, have)| need & !have == 0));
        if ok { 0 } else { 1 }
    }
}

/// A bitset of scope ids.
pub fn bits<I: Id>(words: usize, ids: impl IntoIterator<Item = I>) -> Vec<u64> {
    let mut w = vec![0u64; words];
    for i in ids.into_iter().map(Id::index) {
        w[i / 64] |= 1 << (i % 64);
    }
    w
}

/// The naive baseline: a regex per endpoint tried in order, scopes in a `HashSet<String>`.
pub struct RegexHashSet {
    endpoints: Vec<(regex::Regex, String, bool, Vec<Vec<String>>)>,
}

impl RegexHashSet {
    pub fn new(model: &Model) -> Self {
        let endpoints = model
            .endpoints
            .iter()
            .map(|e| {
                let mut re = String::from("^");
                for s in &e.pattern.segments {
                    re.push('/');
                    match s {
                        Segment::Literal(l) => re.push_str(&regex::escape(l)),
                        Segment::Param(_) => re.push_str("[^/]+"),
                        Segment::CatchAll(_) => re.push_str(".+"),
                    }
                }
                if e.pattern.trailing_slash || e.pattern.segments.is_empty() {
                    re.push('/');
                }
                re.push('$');
                let alts = e
                    .requirement
                    .dnf
                    .iter()
                    .map(|t| t.iter().map(|s| model.scope_name(*s).to_string()).collect())
                    .collect();
                (regex::Regex::new(&re).expect("valid regex"), e.method.to_string(), e.requirement.anonymous, alts)
            })
            .collect();
        RegexHashSet { endpoints }
    }

    /// 0 allow, 1 forbidden, 2 not found, 4 unauthenticated.
    #[inline]
    pub fn decide(&self, method: &str, path: &str, key: Option<&HashSet<String>>) -> u8 {
        for (re, m, anonymous, alts) in &self.endpoints {
            if m != method || !re.is_match(path) {
                continue;
            }
            if *anonymous {
                return 0;
            }
            let Some(key) = key else { return 4 };
            return if alts.iter().any(|t| t.iter().all(|s| key.contains(s))) { 0 } else { 1 };
        }
        2
    }
}

/// Cedar: a policy set with one `permit` per endpoint and combination of `when`s, and a
/// request per case (action = the endpoint the engine routed to, principal = a key entity
/// holding the effective scopes). Cedar does not route, so routing is not in its loop.
pub struct Cedar {
    pub authorizer: cedar_policy::Authorizer,
    pub policies: cedar_policy::PolicySet,
    pub entities: cedar_policy::Entities,
    pub requests: Vec<cedar_policy::Request>,
}

impl Cedar {
    pub fn new(bench: &Bench) -> Self {
        let model = &bench.model;
        let mut text = String::new();
        for (i, e) in model.endpoints.iter().enumerate() {
            for mask in 0..1usize << e.whens.len() {
                let mut req = e.requirement.clone();
                for (w, when) in e.whens.iter().enumerate() {
                    if mask & (1 << w) != 0 {
                        req = req.and(&when.requirement);
                    }
                }
                let cond = if req.anonymous || req.dnf.iter().any(|t| t.is_empty()) {
                    "true".to_string()
                } else {
                    req.dnf
                        .iter()
                        .map(|t| {
                            let all: Vec<String> = t
                                .iter()
                                .map(|s| format!("principal.scopes.contains({:?})", model.scope_name(*s)))
                                .collect();
                            format!("({})", all.join(" && "))
                        })
                        .collect::<Vec<_>>()
                        .join(" || ")
                };
                text.push_str(&format!(
                    "permit(principal, action == Action::\"e{i}m{mask}\", resource) when {{ {cond} }};\n"
                ));
            }
        }
        let policies = cedar_policy::PolicySet::from_str(&text).expect("generated Cedar parses");
        let mut entities = Vec::new();
        let mut requests = Vec::new();
        for (n, r) in bench.requests.iter().enumerate() {
            let principal = cedar_policy::EntityUid::from_str(&format!("Key::\"k{n}\"")).expect("uid");
            let scopes = bench.effective_names(r).into_iter().map(cedar_policy::RestrictedExpression::new_string);
            let attrs = [("scopes".to_string(), cedar_policy::RestrictedExpression::new_set(scopes))].into();
            entities.push(cedar_policy::Entity::new(principal.clone(), attrs, HashSet::new()).expect("entity"));
            let action = match decide(model, r).endpoint() {
                Some(e) => {
                    let query = scopec::engine::target::parse(&r.target).map(|t| t.query).unwrap_or_default();
                    let ep = &model.endpoints[e];
                    let mask: usize = ep
                        .whens
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| {
                            query.iter().any(|(k, v)| {
                                *k == w.key
                                    && (w.values.is_empty() || w.values.iter().any(|want| want.eq_ignore_ascii_case(v)))
                            })
                        })
                        .map(|(i, _)| 1 << i)
                        .sum();
                    format!("Action::\"e{e}m{mask}\"")
                }
                None => "Action::\"none\"".to_string(),
            };
            let action = cedar_policy::EntityUid::from_str(&action).expect("uid");
            let resource = cedar_policy::EntityUid::from_str("Resource::\"r\"").expect("uid");
            requests.push(
                cedar_policy::Request::new(principal, action, resource, cedar_policy::Context::empty(), None)
                    .expect("request"),
            );
        }
        let entities = cedar_policy::Entities::from_entities(entities, None).expect("entities");
        Cedar { authorizer: cedar_policy::Authorizer::new(), policies, entities, requests }
    }
}

/// A module of generated tables, with the policy's test requests turned into its own
/// types once (`cases`) and a loop that decides them all (`decide_all`). Expanded in the
/// benchmarks for the module this scopec generates and, with `SCOPEC_BASELINE_DIR`, for
/// one another scopec generated (both have the same interface).
#[macro_export]
macro_rules! generated_module {
    ($module:ident, $file:expr) => {
        pub mod $module {
            #[allow(dead_code)]
            pub mod tables {
                include!($file);
            }

            pub struct Case {
                method: String,
                target: String,
                key: Option<tables::Key<'static>>,
                grants: tables::Grants,
            }

            pub fn cases(bench: &$crate::Bench) -> Vec<Case> {
                let set = |names: &[String]| tables::ScopeSet::from_names(names.iter().map(String::as_str), |_| {});
                let leak = |s: &String| -> &'static str { Box::leak(s.clone().into_boxed_str()) };
                bench
                    .requests
                    .iter()
                    .map(|r| {
                        let mut grants = tables::Grants::default();
                        for (name, scopes) in bench.grants(r) {
                            grants.set(&name, set(&scopes));
                        }
                        let key = r.key.as_ref().map(|k| tables::Key {
                            scopes: set(&k.scopes),
                            via: match &k.via {
                                None => tables::Via::Accepted,
                                Some(scopec::model::SchemeKind::Bearer) => tables::Via::Bearer,
                                Some(scopec::model::SchemeKind::Header(h)) => tables::Via::Header(leak(h)),
                                Some(scopec::model::SchemeKind::Query(q)) => tables::Via::Query(leak(q)),
                            },
                            kind: k.kind.as_deref().and_then(tables::KindId::named::<tables::Policy>),
                        });
                        Case { method: r.method.clone(), target: r.target.clone(), key, grants }
                    })
                    .collect()
            }

            /// Decides every case once (never inlined, so that profiles of the two modules
            /// compare like with like).
            #[inline(never)]
            pub fn decide_all(cases: &[Case]) {
                for c in cases {
                    std::hint::black_box(tables::authorize(
                        std::hint::black_box(&c.method),
                        std::hint::black_box(&c.target),
                        c.key.as_ref(),
                        &c.grants,
                    ));
                }
            }
        }
    };
}
