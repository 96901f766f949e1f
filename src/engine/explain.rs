//! `scopec explain`: a decision with its reasons, in a stable, serializable shape
//! (documented in `docs/cli.md`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Decision, ErrorResponse, Request, decide, error_response, requirement, target};
use crate::model::{Dnf, Model, SchemeKind, ScopeId};

/// Version of the JSON shape; bumped on any incompatible change.
pub const EXPLAIN_VERSION: u32 = 1;

/// Everything `scopec explain` reports about one request.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub version: u32,
    pub request: RequestView,
    /// `allow`, `deny`, `unauthenticated`, `not-found`, `method-not-allowed` or `rejected`.
    pub decision: &'static str,
    /// 200 for allow, else the error status.
    pub status: u16,
    pub endpoint: Option<EndpointView>,
    /// The requirement in force (with matching `when`s), written like a policy.
    pub requirement: Option<String>,
    /// The same as alternatives of scope names (OR of ANDs) for the key's kind; `[[]]` for
    /// authenticated.
    pub alternatives: Option<Vec<Vec<String>>>,
    /// The key's kind, once a key was accepted and its kind is known.
    pub kind: Option<String>,
    /// The endpoint needs no key.
    pub public: Option<bool>,
    /// Effective scopes, once a key was accepted.
    pub effective: Option<Vec<String>>,
    /// For a deny: per alternative, the scopes still missing.
    pub missing: Option<Vec<Vec<String>>>,
    pub strip: Vec<String>,
    pub mask: Vec<String>,
    pub filters: Vec<String>,
    /// Obligations the handler must enforce (allow only).
    pub obligations: Vec<String>,
    /// Every data rule of the endpoint and whether it applies (allow only).
    pub rules: Vec<RuleView>,
    pub legacy_auth: bool,
    pub allowed_methods: Option<Vec<String>>,
    pub rejection: Option<RejectionView>,
    /// The error response the api sends (absent for allow).
    pub response: Option<ErrorResponse>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestView {
    pub method: String,
    pub target: String,
    pub api: Option<String>,
    /// `null` when the request has no key.
    pub scopes: Option<Vec<String>>,
    pub via: Option<String>,
    /// The key's kind as stated, if stated.
    pub kind: Option<String>,
    pub grants: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointView {
    pub api: String,
    pub method: String,
    pub path: String,
    pub summary: Option<String>,
    /// Its rate-limit tier, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Where the endpoint is declared, in bytes (`report::explain` adds line and column).
    pub span: crate::diagnostic::Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleView {
    pub kind: &'static str,
    pub fields: Vec<String>,
    pub unless: Option<String>,
    pub applies: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RejectionView {
    pub reason: &'static str,
    pub message: &'static str,
}

fn names(model: &Model, dnf: &Dnf) -> Vec<Vec<String>> {
    dnf.iter().map(|t| t.iter().map(|s| model.scope_name(*s).to_string()).collect()).collect()
}

/// A scheme as written after `via`.
pub fn scheme_text(s: &SchemeKind) -> String {
    s.text()
}

/// Decides `request` and explains the decision. `source` is the policy text (for lines).
pub fn explain(model: &Model, request: &Request) -> Explanation {
    let decision = decide(model, request);
    let endpoint = decision.endpoint().map(|e| &model.endpoints[e]);
    let query = target::parse(&request.target).map(|t| t.query).unwrap_or_default();
    let req = endpoint.map(|e| requirement(e, &query, request.headers.as_deref()));
    let mut x = Explanation {
        version: EXPLAIN_VERSION,
        request: RequestView {
            method: request.method.clone(),
            target: request.target.clone(),
            api: request.api.map(|a| model.apis[a].name.clone()),
            scopes: request.key.as_ref().map(|k| k.scopes.clone()),
            via: request.key.as_ref().and_then(|k| k.via.as_ref()).map(scheme_text),
            kind: request.key.as_ref().and_then(|k| k.kind.clone()),
            grants: request.grants.clone(),
        },
        decision: decision.kind(),
        status: decision.status(),
        endpoint: endpoint.map(|e| EndpointView {
            api: model.apis[e.api].name.clone(),
            method: e.method.to_string(),
            path: e.pattern.to_string(),
            summary: e.summary.clone(),
            rate: model.rate_of(e).map(|r| r.name.clone()),
            span: e.span,
        }),
        requirement: req.as_ref().map(|r| model.requirement_text(r)),
        alternatives: None,
        kind: None,
        public: req.as_ref().map(|r| r.anonymous),
        effective: None,
        missing: None,
        strip: Vec::new(),
        mask: Vec::new(),
        filters: Vec::new(),
        obligations: Vec::new(),
        rules: Vec::new(),
        legacy_auth: false,
        allowed_methods: None,
        rejection: None,
        response: error_response(model, request, &decision),
    };
    let kind = match &decision {
        Decision::Allow(a) => a.kind,
        Decision::Deny(d) => d.kind,
        _ => None,
    };
    x.alternatives = req.as_ref().map(|r| names(model, r.for_kind(kind)));
    x.kind = kind.map(|k| model.kind_name(k).to_string());
    let scope_names = |ids: &[ScopeId]| ids.iter().map(|s| model.scope_name(*s).to_string()).collect::<Vec<_>>();
    match &decision {
        Decision::Allow(a) => {
            x.effective = Some(scope_names(&a.effective));
            x.strip = a.strip.clone();
            x.mask = a.mask.clone();
            x.filters = a.filters.clone();
            x.obligations = a.obligations.clone();
            x.legacy_auth = a.legacy;
            if let Some(e) = endpoint {
                x.rules = e
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(i, r)| RuleView {
                        kind: r.kind.as_str(),
                        fields: r.fields.clone(),
                        unless: r.unless.as_ref().map(|u| model.dnf_text(u)),
                        applies: a.rules.contains(&i),
                    })
                    .collect();
            }
        }
        Decision::Deny(d) => {
            x.effective = Some(scope_names(&d.effective));
            x.missing = Some(names(model, &d.missing));
        }
        Decision::MethodNotAllowed { allowed, .. } => x.allowed_methods = Some(allowed.clone()),
        Decision::Rejected(r) => x.rejection = Some(RejectionView { reason: r.name(), message: r.reason() }),
        Decision::Unauthenticated { .. } | Decision::NotFound => {}
    }
    x
}
