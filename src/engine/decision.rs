//! Requests and decisions.

use std::collections::BTreeMap;

use super::target::Rejection;
use crate::model::{ApiId, Dnf, EndpointId, Requirement, RouteId, SchemeKind, ScopeId};

/// What a grant set that a request does not give stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unlisted {
    /// An absent grant set is empty: nothing is granted (fail closed).
    #[default]
    Empty,
    /// An absent grant set equals the key's scopes (does not narrow them). Used by
    /// `scopec test` and `scopec explain` for brevity.
    SameAsKey,
}

/// A key: the scope names it holds, its kind and how it was sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Key {
    pub scopes: Vec<String>,
    /// `None`: sent in a way the api accepts.
    pub via: Option<SchemeKind>,
    /// The key's kind by name (from its format, or stated). `None`, or a name no `kind`
    /// declares: a key of no known kind, which a scheme restricted to kinds refuses. Under
    /// [`Unlisted::SameAsKey`], `None` is the api's kind when it accepts exactly one.
    pub kind: Option<String>,
}

/// One request to decide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub method: String,
    /// Path and optional query.
    pub target: String,
    /// Route only within this api.
    pub api: Option<ApiId>,
    /// `None`: no key.
    pub key: Option<Key>,
    /// Other grant sets of the api's `effective` line, by name.
    pub grants: BTreeMap<String, Vec<String>>,
    pub unlisted: Unlisted,
    /// The request's headers (name and value; a name may come more than once), or `None`
    /// when not known: then every `when header` condition counts as met.
    pub headers: Option<Vec<(String, String)>>,
}

impl Request {
    pub fn new(method: &str, target: &str) -> Self {
        Request { method: method.to_string(), target: target.to_string(), ..Request::default() }
    }

    /// The same request with a key holding `scopes`.
    pub fn with_scopes<S: AsRef<str>>(mut self, scopes: &[S]) -> Self {
        self.key = Some(Key { scopes: scopes.iter().map(|s| s.as_ref().to_string()).collect(), via: None, kind: None });
        self
    }

    /// The same request with its key of kind `kind` (a key holding no scopes if it had none).
    pub fn with_kind(mut self, kind: &str) -> Self {
        self.key.get_or_insert_with(Key::default).kind = Some(kind.to_string());
        self
    }

    /// The same request carrying these headers (and no others).
    pub fn with_headers<S: AsRef<str>>(mut self, headers: &[(S, S)]) -> Self {
        self.headers = Some(headers.iter().map(|(n, v)| (n.as_ref().to_string(), v.as_ref().to_string())).collect());
        self
    }

    /// The same request with the grant set `name` holding `scopes`.
    pub fn with_grant<S: AsRef<str>>(mut self, name: &str, scopes: &[S]) -> Self {
        self.grants.insert(name.to_string(), scopes.iter().map(|s| s.as_ref().to_string()).collect());
        self
    }
}

/// The decision for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Allow(Allowed),
    /// A key is needed and none (or none the api accepts) was sent.
    Unauthenticated {
        endpoint: EndpointId,
        requirement: Requirement,
    },
    Deny(Denied),
    NotFound,
    MethodNotAllowed {
        route: RouteId,
        allowed: Vec<String>,
    },
    Rejected(Rejection),
}

/// An allowed request and what the handler must do to the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    pub endpoint: EndpointId,
    /// The requirement that was met (the endpoint's, with matching `when`s).
    pub requirement: Requirement,
    pub effective: Vec<ScopeId>,
    pub strip: Vec<String>,
    pub mask: Vec<String>,
    pub filters: Vec<String>,
    /// Obligations the handler must enforce (`oblige`), sorted by name.
    pub obligations: Vec<String>,
    /// Indices (in [`crate::model::Endpoint::rules`]) of the data rules that apply.
    pub rules: Vec<usize>,
    /// The key came by a `legacy` scheme.
    pub legacy: bool,
    /// The key's kind, if known.
    pub kind: Option<usize>,
}

/// A forbidden request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied {
    pub endpoint: EndpointId,
    pub requirement: Requirement,
    pub effective: Vec<ScopeId>,
    /// For each alternative of the requirement open to the key's kind, the scopes still
    /// missing (empty when no alternative is open to it).
    pub missing: Dnf,
    /// The key's kind, if known.
    pub kind: Option<usize>,
}

impl Decision {
    /// The HTTP status the decision maps to (200 for allow).
    pub fn status(&self) -> u16 {
        match self {
            Decision::Allow(_) => 200,
            Decision::Rejected(_) => 400,
            Decision::Unauthenticated { .. } => 401,
            Decision::Deny(_) => 403,
            Decision::NotFound => 404,
            Decision::MethodNotAllowed { .. } => 405,
        }
    }

    /// `allow`, `deny`, … as in test expectations.
    pub fn kind(&self) -> &'static str {
        match self {
            Decision::Allow(_) => "allow",
            Decision::Unauthenticated { .. } => "unauthenticated",
            Decision::Deny(_) => "deny",
            Decision::NotFound => "not-found",
            Decision::MethodNotAllowed { .. } => "method-not-allowed",
            Decision::Rejected(_) => "rejected",
        }
    }

    /// The endpoint the request was routed to, if any.
    pub fn endpoint(&self) -> Option<EndpointId> {
        match self {
            Decision::Allow(a) => Some(a.endpoint),
            Decision::Unauthenticated { endpoint, .. } => Some(*endpoint),
            Decision::Deny(d) => Some(d.endpoint),
            _ => None,
        }
    }
}
