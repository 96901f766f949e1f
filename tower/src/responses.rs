//! The responses the layer sends itself: the policy's error bodies, and its own 500/503.

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_TYPE};
use http::{HeaderValue, Response, StatusCode};
use scopec_runtime::{Decision, Policy};

use super::trace::TraceId;

/// The response for a decision other than allow: the policy's status and body (its
/// placeholders filled), `Allow` on a 405. The body is the one allocation.
pub fn decision<P: Policy>(decision: &Decision<P>, method: &str, target: &str, trace: &TraceId) -> Response<Bytes> {
    let mut body = String::with_capacity(256);
    // Writing into a `String` cannot fail.
    let _ = decision.write_error_body(method, target, trace.as_str(), &mut body);
    let status = StatusCode::from_u16(decision.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = json(status, body);
    if let Decision::MethodNotAllowed { route } = decision {
        let allowed = P::tables().routes.get(*route).map_or("", |r| r.allowed);
        // Method names and ", " only, so the static value is valid.
        if allowed.bytes().all(|b| b.is_ascii_uppercase() || b == b',' || b == b' ') {
            response.headers_mut().insert(ALLOW, HeaderValue::from_static(allowed));
        }
    }
    response
}

/// What went wrong on the layer's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The key store failed (503).
    StoreError,
    /// The key store did not answer in time (503).
    StoreTimeout,
    /// A response the policy's data rules apply to could not be rewritten (500): not
    /// JSON, compressed, larger than the limit, or its body failed.
    Unredactable,
}

impl Failure {
    /// The status and the `code` of the body.
    pub const fn parts(self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Failure::StoreError => (StatusCode::SERVICE_UNAVAILABLE, "key_store_unavailable", "the key store failed"),
            Failure::StoreTimeout => {
                (StatusCode::SERVICE_UNAVAILABLE, "key_store_unavailable", "the key store did not answer in time")
            }
            Failure::Unredactable => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "response_not_redactable",
                "the response could not be checked against the policy's data rules",
            ),
        }
    }
}

/// The layer's own error response: `{"code":…,"message":…,"trace_id":…}`.
pub fn failure(failure: Failure, trace: &TraceId) -> Response<Bytes> {
    let (status, code, message) = failure.parts();
    let mut body = String::with_capacity(128);
    for (i, (k, v)) in [("code", code), ("message", message), ("trace_id", trace.as_str())].into_iter().enumerate() {
        body.push(if i == 0 { '{' } else { ',' });
        let _ = scopec_runtime::body::write_json_string(k, &mut body);
        body.push(':');
        let _ = scopec_runtime::body::write_json_string(v, &mut body);
    }
    body.push('}');
    json(status, body)
}

fn json(status: StatusCode, body: String) -> Response<Bytes> {
    let empty = body.is_empty();
    let mut response = Response::new(Bytes::from(body));
    *response.status_mut() = status;
    if !empty {
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}
