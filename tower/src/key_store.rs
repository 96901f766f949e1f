//! Resolving a key: the [`KeyStore`] trait a service implements over its database.

use std::fmt;
use std::future::Future;

use http::HeaderMap;
use scopec_runtime::{KeyFormat, Policy, ScopeSet};

use super::BoxError;

/// What the layer asks a key store about a request's key.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    /// The key, as sent.
    pub key: &'a str,
    /// The name of the api the request routed to.
    pub api: &'static str,
    /// The declared format the key matched, when its scheme declares formats.
    pub format: Option<&'static KeyFormat>,
    /// The request's headers (a tenant header such as `X-Organization-Id` selects the
    /// installation whose grants apply).
    pub headers: &'a HeaderMap,
}

/// A key that is valid now, as the store knows it.
#[derive(Debug, Clone)]
pub struct StoredKey<P: Policy> {
    /// The key's scopes and aliases, as granted.
    pub scopes: ScopeSet<P>,
    /// The grant sets the api's `effective` line intersects with (e.g. `installation`).
    /// A grant set the store does not fill is empty, so it grants nothing.
    pub grants: P::Grants,
    /// The key's kind: the name of a `kind` the api's `auth` lines accept (or of a `kind`
    /// line of its `keys` block). A key of a kind the api does not accept is refused (401);
    /// without one, the kind its format names is used. A record and a format that name
    /// different kinds are refused.
    pub kind: Option<String>,
    /// The tenant (organization, installation) the key belongs to, for the handler.
    pub tenant: Option<String>,
}

impl<P: Policy> StoredKey<P> {
    /// A key from scope names as stored, and named grant sets. Names the policy does not
    /// declare grant nothing; they are passed to `unknown` (to log them).
    pub fn from_names<'a>(
        scopes: impl IntoIterator<Item = &'a str>,
        grants: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
        kind: Option<String>,
        mut unknown: impl FnMut(&'a str),
    ) -> StoredKey<P> {
        let scopes = ScopeSet::from_names(scopes, &mut unknown);
        let mut all = P::Grants::default();
        for (name, names) in grants {
            let set = ScopeSet::from_names(names, &mut unknown);
            if !P::set_grant(&mut all, name, set) {
                unknown(name);
            }
        }
        StoredKey { scopes, grants: all, kind, tenant: None }
    }
}

/// Why a store could not answer. The layer answers 503: a store that fails never allows.
#[derive(Debug)]
pub struct StoreError(pub BoxError);

impl StoreError {
    /// A store error from any error.
    pub fn new(error: impl Into<BoxError>) -> StoreError {
        StoreError(error.into())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// Where keys are looked up. `Ok(None)` means the key is unknown, expired or revoked
/// (401); `Err` means the store could not tell (503).
pub trait KeyStore<P: Policy>: Send + Sync + 'static {
    /// Resolves a key.
    fn lookup<'a>(
        &'a self,
        lookup: Lookup<'a>,
    ) -> impl Future<Output = Result<Option<StoredKey<P>>, StoreError>> + Send + 'a;
}

/// A shared store is a store (the service keeps one `Arc` for key administration).
impl<P: Policy, S: KeyStore<P>> KeyStore<P> for std::sync::Arc<S> {
    fn lookup<'a>(
        &'a self,
        lookup: Lookup<'a>,
    ) -> impl Future<Output = Result<Option<StoredKey<P>>, StoreError>> + Send + 'a {
        (**self).lookup(lookup)
    }
}
