//! The responses the layer sends itself: the policy's error bodies, and its own 500/503.

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_TYPE};
use http::{HeaderValue, Response, StatusCode};
use scopec_runtime::{Decision, Policy};

use super::trace::TraceId;

/// The response for a decision other than allow: the policy's status and body (its
/// placeholders filled), `Allow` on a 405. The body is the one allocation.
pub fn decision<P: Policy>(decision: &Decision<P>, method: &str, target: &str, trace: &TraceId) -> Response<Bytes> {
    let mut stack = Stack { buf: [0; STACK], len: 0 };
    let body = match decision.write_error_body(method, target, trace.as_str(), &mut stack) {
        Ok(()) => Bytes::copy_from_slice(stack.as_bytes()),
        // Longer than the stack buffer (a long path in the message): write it again, to the heap.
        Err(_) => {
            let mut heap = String::new();
            let _ = decision.write_error_body(method, target, trace.as_str(), &mut heap);
            Bytes::from(heap)
        }
    };
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
    let mut body = String::with_capacity(160);
    for (i, (k, v)) in [("code", code), ("message", message), ("trace_id", trace.as_str())].into_iter().enumerate() {
        body.push(if i == 0 { '{' } else { ',' });
        let _ = scopec_runtime::body::write_json_string(k, &mut body);
        body.push(':');
        let _ = scopec_runtime::body::write_json_string(v, &mut body);
    }
    body.push('}');
    json(status, Bytes::from(body))
}

/// The size of the stack buffer error bodies are written to first.
const STACK: usize = 1024;

/// A fixed buffer error bodies are written to, so that the body is allocated once, at its
/// size.
struct Stack {
    buf: [u8; STACK],
    len: usize,
}

impl Stack {
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for Stack {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let Some(dst) = self.buf.get_mut(self.len..end) else {
            return Err(std::fmt::Error);
        };
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn json(status: StatusCode, body: Bytes) -> Response<Bytes> {
    let empty = body.is_empty();
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if !empty {
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    #[test]
    fn the_stack_buffer_refuses_what_does_not_fit_so_the_heap_takes_it() {
        let mut stack = Stack { buf: [0; STACK], len: 0 };
        assert!(stack.write_str(&"a".repeat(STACK - 1)).is_ok());
        assert!(stack.write_str("bc").is_err(), "a write that does not fit fails whole");
        assert!(stack.write_str("b").is_ok());
        assert_eq!(stack.as_bytes().len(), STACK);
        assert!(stack.write_str("c").is_err());
    }
}
