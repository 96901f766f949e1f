//! The 400/401/403/404/405 response a decision produces, from the policy's error bodies.

use serde::Serialize;

use super::{Decision, Request, target};
use crate::model::{ErrorBodies, Model, template};

/// An error response: status and JSON body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorResponse {
    pub status: u16,
    pub body: serde_json::Value,
}

/// The error response for a decision (`None` for allow). The trace field, when declared,
/// holds the placeholder `<trace-id>`: the real value is made per request by the server.
pub fn error_response(model: &Model, request: &Request, decision: &Decision) -> Option<ErrorResponse> {
    let status = decision.status();
    if status == 200 {
        return None;
    }
    let bodies = bodies_for(model, request, decision);
    let body = bodies.bodies.get(&status)?;
    let path = target::parse(&request.target).map(|t| t.path.to_string()).unwrap_or_else(|_| request.target.clone());
    let value = |name: &str| -> Option<String> {
        Some(match (name, decision) {
            ("method", _) => request.method.clone(),
            ("path", _) => path.clone(),
            ("reason", Decision::Rejected(r)) => r.reason().to_string(),
            ("required", Decision::Deny(d)) => model.requirement_text(&d.requirement),
            // No alternative is open to the key's kind: what is missing is the requirement.
            ("missing", Decision::Deny(d)) if d.missing.is_empty() => model.requirement_text(&d.requirement),
            ("missing", Decision::Deny(d)) => model.dnf_text(&d.missing),
            ("allowed", Decision::MethodNotAllowed { allowed, .. }) => allowed.join(", "),
            _ => return None,
        })
    };
    let mut json = serde_json::Map::new();
    json.insert("code".into(), body.code.clone().into());
    json.insert("message".into(), template::fill(&body.message, value).into());
    if let Some(trace) = &bodies.trace {
        json.insert(trace.clone(), crate::model::TRACE_PLACEHOLDER.into());
    }
    Some(ErrorResponse { status, body: json.into() })
}

/// The bodies of the api the request reached (or was restricted to), else the file's.
fn bodies_for<'m>(model: &'m Model, request: &Request, decision: &Decision) -> &'m ErrorBodies {
    let api = match decision {
        Decision::MethodNotAllowed { route, .. } => {
            model.routes.routes.get(*route).and_then(|r| r.endpoints.first()).map(|e| model.endpoints[*e].api)
        }
        d => d.endpoint().map(|e| model.endpoints[e].api),
    };
    match api.or(request.api).and_then(|a| model.apis.get(a)) {
        Some(api) => &api.errors,
        None => &model.errors,
    }
}
