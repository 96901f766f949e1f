//! The layer's settings.

use std::time::Duration;

use http::HeaderName;
use serde_json::Value;

/// How the layer behaves where the policy says nothing.
#[derive(Debug, Clone)]
pub struct Config {
    /// The request header carrying a trace id to echo in error bodies; a request without
    /// it (or with a value that is not 1 to 64 visible ASCII characters) gets a generated one.
    pub trace_header: Option<HeaderName>,
    /// The most bytes of a response body the layer reads to apply `strip` and `mask`; a
    /// larger body is refused (500), never sent unredacted.
    pub body_limit: usize,
    /// How long a key store lookup may take before the request is answered 503.
    pub lookup_timeout: Duration,
    /// The value a masked field is replaced with.
    pub mask_value: Value,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            trace_header: Some(HeaderName::from_static("x-request-id")),
            body_limit: 4 * 1024 * 1024,
            lookup_timeout: Duration::from_secs(2),
            mask_value: Value::String("***".to_string()),
        }
    }
}
