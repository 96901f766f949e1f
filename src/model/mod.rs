//! The validated model: resolved scope ids, requirements in disjunctive normal form, and
//! a route tree. The engine and the emitters see only this, never the syntax tree.

mod cases;
mod dnf;
mod ids;
mod pattern;
mod routes;
mod scope_set;
pub mod template;

pub use cases::{Expected, TestCase, TestSuite};
pub use dnf::{Dnf, Term, dnf_and, minimize};
pub use ids::{ApiId, EndpointId, GroupId, Id, IdVec, NodeId, RouteId, ScopeId};
pub use pattern::{Pattern, Segment};
pub use routes::{CaseVariant, Route, RouteMatch, RouteTree};
pub use scope_set::ScopeSet;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostic::Span;
pub use crate::lang::Method;
pub use crate::syntax::ast::{Access, Expiry};

/// A whole validated policy.
#[derive(Debug, Clone)]
pub struct Model {
    pub meta: Meta,
    pub groups: IdVec<GroupId, Group>,
    pub scopes: IdVec<ScopeId, Scope>,
    pub aliases: Vec<Alias>,
    pub apis: IdVec<ApiId, Api>,
    pub endpoints: IdVec<EndpointId, Endpoint>,
    pub bundles: Vec<Bundle>,
    pub forbids: Vec<Forbid>,
    /// Rate-limit tiers, in declaration order.
    pub rates: Vec<RateTier>,
    pub tests: Vec<TestSuite>,
    /// The file-level error bodies (defaults overlaid with the file's `errors` block); each
    /// api has its own in [`Api::errors`].
    pub errors: ErrorBodies,
    pub routes: RouteTree,
    /// Scope and alias names to the scope they grant.
    pub names: HashMap<String, ScopeId>,
}

impl Model {
    /// Every grant set other than the key's own scopes, in order of first use.
    pub fn grant_sets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for set in self.apis.iter().flat_map(Api::grant_sets) {
            if !out.contains(&set) {
                out.push(set);
            }
        }
        out
    }

    /// The scope a name (scope or alias) stands for.
    pub fn lookup(&self, name: &str) -> Option<ScopeId> {
        self.names.get(name).copied()
    }

    /// The rate-limit tier of an endpoint, if it has one.
    pub fn rate_of(&self, e: &Endpoint) -> Option<&RateTier> {
        e.rate.and_then(|r| self.rates.get(r))
    }

    /// The api of that name.
    pub fn api_named(&self, name: &str) -> Option<ApiId> {
        self.apis.enumerate().find(|(_, a)| a.name == name).map(|(id, _)| id)
    }

    /// The name of a scope.
    pub fn scope_name(&self, id: ScopeId) -> &str {
        self.scopes.get(id).map_or("?", |s| s.name.as_str())
    }

    /// Renders a DNF with scope names: `a & b | c`.
    pub fn dnf_text(&self, dnf: &Dnf) -> String {
        dnf::render(dnf, |id| self.scope_name(id).to_string())
    }

    /// Renders a requirement: `public`, `authenticated` or its DNF.
    pub fn requirement_text(&self, req: &Requirement) -> String {
        if req.anonymous {
            "public".into()
        } else if req.dnf.iter().any(|t| t.is_empty()) {
            "authenticated".into()
        } else {
            self.dnf_text(&req.dnf)
        }
    }
}

/// The `policy` block.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub version: Option<String>,
    pub docs: Option<String>,
    /// Where the API is served, in order.
    pub servers: Vec<Server>,
    pub license: Option<License>,
    pub notes: Vec<String>,
}

/// `server "url" "description"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub url: String,
    pub description: Option<String>,
}

/// `license "name" "url"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    pub name: String,
    pub url: Option<String>,
}

/// A docs heading.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    pub notes: Vec<String>,
    pub scopes: Vec<ScopeId>,
}

/// A declared scope.
#[derive(Debug, Clone)]
pub struct Scope {
    pub name: String,
    pub access: Access,
    pub description: Option<String>,
    pub requires: Vec<ScopeId>,
    pub implies: Vec<ScopeId>,
    pub since: Option<String>,
    pub deprecated: Option<Deprecation>,
    pub group: Option<GroupId>,
    /// What holding this scope grants: itself and everything it implies, transitively
    /// (sorted).
    pub grants: Vec<ScopeId>,
    pub span: Span,
    pub name_span: Span,
}

/// `deprecated "why"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    pub reason: Option<String>,
    pub span: Span,
}

/// `alias name = target`.
#[derive(Debug, Clone)]
pub struct Alias {
    pub name: String,
    pub target: ScopeId,
    pub deprecated: Option<Deprecation>,
    pub span: Span,
}

/// An api: base path, auth, keys, errors and its endpoints.
#[derive(Debug, Clone)]
pub struct Api {
    pub name: String,
    pub title: Option<String>,
    /// `""` when the api has no base.
    pub base: String,
    pub auth: Vec<AuthScheme>,
    pub headers: Vec<Header>,
    /// The grant sets intersected to get a request's scopes; `["key"]` when not declared.
    pub effective: Vec<String>,
    pub keys: KeyFacts,
    pub errors: ErrorBodies,
    pub notes: Vec<String>,
    pub endpoints: Vec<EndpointId>,
    /// The rate-limit tier of its endpoints that name none (index into `Model::rates`).
    pub rate: Option<usize>,
    pub span: Span,
}

/// The name of the key's own scopes in an `effective` line.
pub const KEY_SET: &str = "key";

impl Api {
    /// The grant sets other than the key's own scopes that this api intersects with them.
    pub fn grant_sets(&self) -> impl Iterator<Item = &str> {
        self.effective.iter().map(String::as_str).filter(|s| *s != KEY_SET)
    }
}

/// How a key travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    pub legacy: bool,
    pub kind: SchemeKind,
    pub formats: Vec<KeyFormat>,
}

/// Bearer token, named header or query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    Bearer,
    Header(String),
    Query(String),
}

/// What a valid key looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFormat {
    pub prefix: String,
    /// Total length bounds, prefix included.
    pub length: Option<(u32, u32)>,
    pub env: Option<String>,
}

/// A request header the api documents: one every request must carry (`required`), or one
/// a request may carry (`optional`). Documented only; deciding never reads headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub required: bool,
    pub description: Option<String>,
}

/// Lifecycle facts from `keys { … }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyFacts {
    pub kinds: Vec<(String, Option<String>)>,
    pub stored: Option<String>,
    pub shown_once: bool,
    /// Rotation grace as written (`24h`) and in seconds.
    pub rotation_grace: Option<(String, u64)>,
    pub expiry: Option<Expiry>,
    /// `Some(None)`: immediate; `Some(Some(d))`: after `d`.
    pub revocation: Option<Option<(String, u64)>>,
    pub audit: Option<String>,
    pub notes: Vec<String>,
}

/// The error bodies an api sends, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBodies {
    pub bodies: BTreeMap<u16, ErrorBody>,
    /// The field carrying a per-request id, if bodies have one.
    pub trace: Option<String>,
}

/// What stands for the per-request id in example and explained error bodies.
pub const TRACE_PLACEHOLDER: &str = "<trace-id>";

/// `403 forbidden "message"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// An endpoint.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub api: ApiId,
    pub method: Method,
    /// The full path pattern, base included.
    pub pattern: Pattern,
    pub requirement: Requirement,
    pub summary: Option<String>,
    pub rules: Vec<DataRule>,
    pub whens: Vec<When>,
    pub query: Vec<QueryParam>,
    /// Documented parameters of the request body (never read when deciding).
    pub body: Vec<QueryParam>,
    pub notes: Vec<String>,
    /// Its rate-limit tier, its own or its api's (index into `Model::rates`).
    pub rate: Option<usize>,
    pub span: Span,
    pub path_span: Span,
    pub requirement_span: Span,
}

impl Endpoint {
    /// `GET /v3/notes`
    pub fn label(&self) -> String {
        format!("{} {}", self.method, self.pattern)
    }
}

/// What a request needs: no key at all (`anonymous`), or a key holding one of the DNF's
/// terms. `authenticated` is the DNF with one empty term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub anonymous: bool,
    pub dnf: Dnf,
}

impl Requirement {
    pub fn public() -> Self {
        Requirement { anonymous: true, dnf: vec![Vec::new()] }
    }

    pub fn authenticated() -> Self {
        Requirement { anonymous: false, dnf: vec![Vec::new()] }
    }

    /// Both requirements at once.
    pub fn and(&self, other: &Requirement) -> Requirement {
        Requirement { anonymous: self.anonymous && other.anonymous, dnf: dnf_and(&self.dnf, &other.dnf) }
    }

    /// Every scope the requirement mentions.
    pub fn scopes(&self) -> impl Iterator<Item = ScopeId> + '_ {
        self.dnf.iter().flatten().copied()
    }
}

/// Strip, mask or filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Strip,
    Mask,
    Filter,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Strip => "strip",
            RuleKind::Mask => "mask",
            RuleKind::Filter => "filter",
        }
    }
}

/// A data rule: applies to an allowed request unless `unless` holds.
#[derive(Debug, Clone)]
pub struct DataRule {
    pub kind: RuleKind,
    /// Fields to strip or mask; the filter's name for a filter.
    pub fields: Vec<String>,
    pub description: Option<String>,
    /// `None`: always applies.
    pub unless: Option<Dnf>,
    pub span: Span,
}

/// `when ?key=value requires …` or `when header "Name" = "value" requires …`
#[derive(Debug, Clone)]
pub struct When {
    /// The query parameter, or (`header`) the request header's name.
    pub key: String,
    /// A condition on a request header rather than the query.
    pub header: bool,
    pub value: Option<String>,
    pub requirement: Requirement,
    pub span: Span,
}

impl When {
    /// The condition as the docs show it: `?view=full`, `?view`, `X-Admin: yes`, `X-Admin`.
    pub fn condition(&self) -> String {
        match (self.header, &self.value) {
            (false, Some(v)) => format!("?{}={v}", self.key),
            (false, None) => format!("?{}", self.key),
            (true, Some(v)) => format!("{}: {v}", self.key),
            (true, None) => self.key.clone(),
        }
    }
}

/// `query name required`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    pub name: String,
    pub required: bool,
    pub description: Option<String>,
}

/// A recommended scope set.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub name: String,
    pub scopes: Vec<ScopeId>,
    pub description: Option<String>,
    pub span: Span,
}

/// `rate tier2 "20+ per minute"`: a rate-limit tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTier {
    pub name: String,
    pub description: Option<String>,
    pub span: Span,
}

/// Resources never to be exposed.
#[derive(Debug, Clone)]
pub struct Forbid {
    pub resources: Vec<String>,
    pub reason: Option<String>,
    pub span: Span,
}
