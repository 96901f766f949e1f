//! What the handler of an allowed request learns: the [`Authorized`] request extension.

use scopec_runtime::{Allowed, EndpointInfo, Policy};

use super::trace::TraceId;

/// An allowed request, as a request extension (`Extension<Authorized<P>>` in axum).
///
/// The layer has already applied the data rules to the response; the handler applies the
/// row filters ([`Allowed::filters`]) to what it reads and enforces the obligations
/// ([`Allowed::obligations`]) against the resource.
#[derive(Debug, Clone)]
pub struct Authorized<P: Policy> {
    /// The decision: endpoint, data rules, filters, whether the key came by a legacy scheme.
    pub allowed: Allowed<P>,
    /// The endpoint the policy matched.
    pub endpoint: &'static EndpointInfo,
    /// The kind of key the store reported, if any (`None` also for anonymous requests).
    pub key_kind: Option<String>,
    /// The tenant the store reported for the key, if any.
    pub tenant: Option<String>,
    /// The request's trace id (from the configured request header, or generated).
    pub trace_id: TraceId,
}

impl<P: Policy> Authorized<P> {
    /// Row filters the handler must apply, sorted.
    pub fn filters(&self) -> impl Iterator<Item = &'static str> {
        self.allowed.filters()
    }

    /// Obligations the handler must enforce against the resource (`oblige`), sorted.
    pub fn obligations(&self) -> impl Iterator<Item = &'static str> {
        self.allowed.obligations()
    }
}
