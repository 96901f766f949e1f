//! The validated model: resolved scope ids, requirements in disjunctive normal form, and
//! a route tree. The engine and the emitters see only this, never the syntax tree.

mod cases;
mod dnf;
mod ids;
mod pattern;
pub mod query;
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
    /// Key kinds, in declaration order (a kind's index is its id).
    pub kinds: Vec<Kind>,
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

    /// Renders a requirement: `public`, `authenticated` or its alternatives, those open to
    /// one kind of key only written with it (`kind bot & chat:write | admin`).
    pub fn requirement_text(&self, req: &Requirement) -> String {
        if req.anonymous {
            return "public".into();
        }
        if req.dnf.iter().any(|t| t.is_empty()) {
            return "authenticated".into();
        }
        if req.by_kind.is_empty() {
            return self.dnf_text(&req.dnf);
        }
        let mut parts: Vec<String> = req.dnf.iter().map(|t| self.term_text(None, t)).collect();
        for (kind, dnf) in &req.by_kind {
            parts.extend(dnf.iter().filter(|t| !req.dnf.contains(t)).map(|t| self.term_text(Some(*kind), t)));
        }
        parts.join(" | ")
    }

    /// One alternative: `kind bot & a & b`, `a & b`, `kind bot`.
    pub fn term_text(&self, kind: Option<usize>, term: &[ScopeId]) -> String {
        let kind = kind.map(|k| format!("kind {}", self.kind_name(k)));
        kind.into_iter().chain(term.iter().map(|s| self.scope_name(*s).to_string())).collect::<Vec<_>>().join(" & ")
    }

    /// The name of a key kind.
    pub fn kind_name(&self, kind: usize) -> &str {
        self.kinds.get(kind).map_or("?", |k| k.name.as_str())
    }

    /// The kind of that name.
    pub fn kind_named(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name == name)
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
    /// The kinds its `auth` lines accept, sorted; `None` when a line takes keys of any kind.
    pub fn accepted_kinds(&self) -> Option<Vec<usize>> {
        if self.auth.iter().any(|a| a.kinds.is_empty()) {
            return None;
        }
        let mut kinds: Vec<usize> = self.auth.iter().flat_map(|a| a.kinds.iter().copied()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        Some(kinds)
    }

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
    /// The formats of keys it takes: its own, or those of its `kinds` (each format naming
    /// its kind), in declaration order.
    pub formats: Vec<KeyFormat>,
    /// The key kinds it accepts (indices into `Model::kinds`); empty: keys of any kind.
    pub kinds: Vec<usize>,
}

impl AuthScheme {
    /// Whether a key of `kind` (`None`: of no known kind) may come by this scheme.
    pub fn accepts_kind(&self, kind: Option<usize>) -> bool {
        self.kinds.is_empty() || kind.is_some_and(|k| self.kinds.contains(&k))
    }
}

/// `kind bot "Bot token" { … }`: a kind of key or token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: String,
    pub title: Option<String>,
    /// What its keys look like (each format's `kind` is this kind).
    pub formats: Vec<KeyFormat>,
    /// The scopes its keys can hold, sorted; `None`: any.
    pub scopes: Option<Vec<ScopeId>>,
    /// The `scopes` lines as written (`any`, `matching "read:*"`, names), for the docs.
    pub scopes_text: Vec<String>,
    /// Its lifecycle facts (`kinds` is empty).
    pub facts: KeyFacts,
    pub span: Span,
}

impl Kind {
    /// Whether a key of this kind can hold `scope`.
    pub fn can_hold(&self, scope: ScopeId) -> bool {
        self.scopes.as_ref().is_none_or(|s| s.binary_search(&scope).is_ok())
    }
}

/// Bearer token, named header or query parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    Bearer,
    Header(String),
    Query(String),
}

impl SchemeKind {
    /// Whether both read the key from the same place (header names ignore case, as HTTP
    /// header names do; query parameter names compare exactly).
    pub fn same_place(&self, other: &SchemeKind) -> bool {
        match (self, other) {
            (SchemeKind::Bearer, SchemeKind::Bearer) => true,
            (SchemeKind::Header(x), SchemeKind::Header(y)) => x.eq_ignore_ascii_case(y),
            (SchemeKind::Query(x), SchemeKind::Query(y)) => x == y,
            _ => false,
        }
    }

    /// The scheme as written after `auth` or `via`: `bearer`, `header "X"`, `query "x"`.
    pub fn text(&self) -> String {
        match self {
            SchemeKind::Bearer => "bearer".into(),
            SchemeKind::Header(h) => format!("header {h:?}"),
            SchemeKind::Query(q) => format!("query {q:?}"),
        }
    }
}

/// What a valid key looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFormat {
    pub prefix: String,
    /// Total length bounds, prefix included.
    pub length: Option<(u32, u32)>,
    pub env: Option<String>,
    /// The key kind whose format this is (index into `Model::kinds`), if any.
    pub kind: Option<usize>,
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
///
/// Alternatives open only to one kind of key (`kind bot & chat:write`) are kept per kind:
/// a key of kind `k` must hold a term of `for_kind(Some(k))`, which is `dnf` and the
/// alternatives of that kind. `dnf` alone is what a key of any other kind, or of no known
/// kind, must meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub anonymous: bool,
    pub dnf: Dnf,
    /// For each kind some alternative names (sorted by kind): the whole DNF a key of that
    /// kind must meet. Never equal to `dnf`.
    pub by_kind: Vec<(usize, Dnf)>,
}

impl Requirement {
    pub fn public() -> Self {
        Requirement { anonymous: true, dnf: vec![Vec::new()], by_kind: Vec::new() }
    }

    pub fn authenticated() -> Self {
        Requirement { anonymous: false, dnf: vec![Vec::new()], by_kind: Vec::new() }
    }

    /// A requirement from its alternatives, each open to keys of any kind (`None`) or of
    /// one kind.
    pub fn from_alternatives(alternatives: Vec<(Option<usize>, Term)>) -> Requirement {
        let mut any: Dnf = Vec::new();
        let mut kinded: Vec<(usize, Term)> = Vec::new();
        for (kind, term) in alternatives {
            match kind {
                None => any.push(term),
                Some(k) => kinded.push((k, term)),
            }
        }
        let dnf = minimize(any);
        kinded.sort_by_key(|(k, _)| *k);
        let mut by_kind: Vec<(usize, Dnf)> = Vec::new();
        for (k, term) in kinded {
            match by_kind.last_mut() {
                Some((last, terms)) if *last == k => terms.push(term),
                _ => by_kind.push((k, dnf.iter().cloned().chain(std::iter::once(term)).collect())),
            }
        }
        Requirement::normalized(false, dnf, by_kind)
    }

    /// Minimizes each kind's DNF and drops those equal to `dnf`.
    fn normalized(anonymous: bool, dnf: Dnf, by_kind: Vec<(usize, Dnf)>) -> Requirement {
        let by_kind = by_kind.into_iter().map(|(k, d)| (k, minimize(d))).filter(|(_, d)| *d != dnf).collect();
        Requirement { anonymous, dnf, by_kind }
    }

    /// The DNF a key of `kind` (`None`: of no known kind) must meet.
    pub fn for_kind(&self, kind: Option<usize>) -> &Dnf {
        kind.and_then(|k| self.by_kind.iter().find(|(x, _)| *x == k)).map_or(&self.dnf, |(_, d)| d)
    }

    /// Both requirements at once.
    pub fn and(&self, other: &Requirement) -> Requirement {
        let mut kinds: Vec<usize> = self.by_kind.iter().chain(&other.by_kind).map(|(k, _)| *k).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let by_kind =
            kinds.into_iter().map(|k| (k, dnf_and(self.for_kind(Some(k)), other.for_kind(Some(k))))).collect();
        Requirement::normalized(self.anonymous && other.anonymous, dnf_and(&self.dnf, &other.dnf), by_kind)
    }

    /// Every scope the requirement mentions, for keys of any kind.
    pub fn scopes(&self) -> impl Iterator<Item = ScopeId> + '_ {
        self.dnf.iter().chain(self.by_kind.iter().flat_map(|(_, d)| d)).flatten().copied()
    }

    /// Every alternative with the kind it is open to (`None`: any): `dnf`'s terms, then
    /// each kind's own.
    pub fn alternatives(&self) -> Vec<(Option<usize>, &Term)> {
        let mut out: Vec<(Option<usize>, &Term)> = self.dnf.iter().map(|t| (None, t)).collect();
        for (k, d) in &self.by_kind {
            out.extend(d.iter().filter(|t| !self.dnf.contains(t)).map(|t| (Some(*k), t)));
        }
        out
    }
}

/// Strip, mask, filter or oblige.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    Strip,
    Mask,
    /// A row filter: the short form of an obligation about which rows are returned.
    Filter,
    /// A resource-dependent rule the handler enforces (`oblige channel_member "…"`).
    Oblige,
}

impl RuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Strip => "strip",
            RuleKind::Mask => "mask",
            RuleKind::Filter => "filter",
            RuleKind::Oblige => "oblige",
        }
    }
}

/// A data rule: applies to an allowed request unless `unless` holds.
#[derive(Debug, Clone)]
pub struct DataRule {
    pub kind: RuleKind,
    /// Fields to strip or mask; the name of a filter or obligation.
    pub fields: Vec<String>,
    pub description: Option<String>,
    /// `None`: always applies.
    pub unless: Option<Dnf>,
    pub span: Span,
}

/// `when ?key=value requires …`, `when ?key in (a, b) requires …` or
/// `when header "Name" = "value" requires …`
#[derive(Debug, Clone)]
pub struct When {
    /// The query parameter, or (`header`) the request header's name.
    pub key: String,
    /// A condition on a request header rather than the query.
    pub header: bool,
    /// The values any of which meets the condition; empty: present with any value.
    pub values: Vec<String>,
    /// The parameter is documented with a default that meets the condition, so an absent
    /// parameter (or one with only empty values) meets it too.
    pub by_default: bool,
    pub requirement: Requirement,
    pub span: Span,
}

impl When {
    /// The condition as the docs show it: `?view=full`, `?view`, `?types in (im, mpim)`,
    /// `X-Admin: yes`, `X-Admin`, `X-Mode in (a, b)`.
    pub fn condition(&self) -> String {
        let key = if self.header { self.key.clone() } else { format!("?{}", self.key) };
        match (self.header, self.values.as_slice()) {
            (_, []) => key,
            (false, [v]) => format!("{key}={v}"),
            (true, [v]) => format!("{key}: {v}"),
            (_, vs) => format!("{key} in ({})", vs.join(", ")),
        }
    }
}

/// `query name required`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    pub name: String,
    pub required: bool,
    /// `default v`: the value an absent parameter counts as.
    pub default: Option<String>,
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
