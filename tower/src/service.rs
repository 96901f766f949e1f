//! [`Scopec`]: the service that decides each request before the inner service sees it.
//!
//! A request goes through these steps, each of which can end it:
//! 1. route it against the policy ([`scopec_runtime::locate`]): 400, 404 or 405;
//! 2. read the key from the places the matched api's schemes name: a malformed credential
//!    is 401;
//! 3. check the key against its scheme's declared formats (prefix, length): 401;
//! 4. resolve it in the key store, with a timeout: unknown is 401, a failure or timeout 503;
//!    a kind the api's `keys` block does not name is 401;
//! 5. decide ([`scopec_runtime::authorize_with_headers`], with the request's headers for
//!    `when header` conditions): 401 or 403 with the policy's body;
//! 6. on allow, call the inner service with an [`Authorized`] extension, and apply the data
//!    rules to its response ([`rewrite`]).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body::Body;
use scopec_runtime::{Decision, Key, KindId, Policy, authorize_with_headers, locate};
use tower_service::Service;

use super::BoxError;
use super::authorized::Authorized;
use super::body::ScopecBody;
use super::config::Config;
use super::credentials::{self, Credential};
use super::headers::HeaderMapRef;
use super::key_store::{KeyStore, Lookup};
use super::responses::{self, Failure};
use super::rewrite::rewrite;
use super::trace::TraceId;

/// What every clone of the service shares.
pub struct Shared<K> {
    pub(crate) store: K,
    pub(crate) config: Config,
}

/// The service [`crate::ScopecLayer`] builds.
pub struct Scopec<S, P: Policy, K> {
    inner: S,
    shared: Arc<Shared<K>>,
    policy: PhantomData<fn() -> P>,
}

impl<S, P: Policy, K> Scopec<S, P, K> {
    pub(crate) fn new(inner: S, shared: Arc<Shared<K>>) -> Self {
        Scopec { inner, shared, policy: PhantomData }
    }
}

impl<S: Clone, P: Policy, K> Clone for Scopec<S, P, K> {
    fn clone(&self) -> Self {
        Scopec { inner: self.inner.clone(), shared: Arc::clone(&self.shared), policy: PhantomData }
    }
}

/// How step 1 to 5 end.
enum Verdict<P: Policy> {
    /// Answer with this.
    Respond(Response<Bytes>),
    /// Call the inner service.
    Allow(Authorized<P>),
}

impl<S, P, K, ReqBody, ResBody> Service<Request<ReqBody>> for Scopec<S, P, K>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    ReqBody: Send + 'static,
    ResBody: Body<Data = Bytes> + Unpin + Send + 'static,
    ResBody::Error: Into<BoxError>,
    P: Policy,
    K: KeyStore<P>,
{
    type Response = Response<ScopecBody<ResBody>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        // The clone that was polled ready serves this request (tower's usual pattern).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let shared = Arc::clone(&self.shared);
        Box::pin(async move {
            match decide::<P, K>(&shared, request.method(), request.uri(), request.headers()).await {
                Verdict::Respond(response) => Ok(response.map(ScopecBody::full)),
                Verdict::Allow(authorized) => {
                    let allowed = authorized.allowed;
                    let trace = authorized.trace_id;
                    request.extensions_mut().insert(authorized);
                    let response = inner.call(request).await?;
                    Ok(rewrite(response, &allowed, &shared.config, &trace).await)
                }
            }
        })
    }
}

/// Steps 1 to 5.
async fn decide<P: Policy, K: KeyStore<P>>(
    shared: &Shared<K>,
    method: &http::Method,
    uri: &http::Uri,
    headers: &http::HeaderMap,
) -> Verdict<P> {
    let config = &shared.config;
    let trace = TraceId::from_request(headers, config.trace_header.as_ref());
    let method = method.as_str();
    // The target as received: origin-form as sent, absolute-form without its authority.
    // An authority-form or `*` target has no path and is rejected (400) by routing.
    let target = uri.path_and_query().map_or("", |p| p.as_str());
    let respond = |d: &Decision<P>| Verdict::Respond(responses::decision(d, method, target, &trace));
    let endpoint = match locate::<P>(method, target) {
        Ok(e) => e,
        Err(decision) => return respond(&decision),
    };
    let unauthenticated = Decision::<P>::Unauthenticated { endpoint };
    let tables = P::tables();
    let Some(api) = tables.endpoint_data.get(endpoint).and_then(|d| tables.apis.get(d.api)) else {
        return respond(&unauthenticated);
    };
    let query = target.split_once('?').map(|(_, q)| q);
    let stored = match credentials::read(api.schemes, headers, query) {
        Credential::Malformed => return respond(&unauthenticated),
        Credential::Absent => None,
        Credential::Key { key, scheme } => {
            let formats = scheme.key_formats::<P>();
            let format = if formats.is_empty() {
                None
            } else {
                match scopec_runtime::check_key_format(formats, key) {
                    Ok(f) => Some(f),
                    Err(_) => return respond(&unauthenticated),
                }
            };
            let lookup = Lookup { key, api: api.name, format, headers };
            let stored = match tokio::time::timeout(config.lookup_timeout, shared.store.lookup(lookup)).await {
                Err(_) => return Verdict::Respond(responses::failure(Failure::StoreTimeout, &trace)),
                Ok(Err(_)) => return Verdict::Respond(responses::failure(Failure::StoreError, &trace)),
                Ok(Ok(None)) => return respond(&unauthenticated),
                Ok(Ok(Some(stored))) => stored,
            };
            let kind_ok = api.kinds.is_empty() || stored.kind.as_deref().is_some_and(|k| api.kinds.contains(&k));
            if !kind_ok {
                return respond(&unauthenticated);
            }
            // The key's kind: its record's, else its format's. A record and a format that
            // disagree are refused (fail closed); a record naming no declared kind is a key
            // of no known kind, which a scheme restricted to kinds refuses.
            let kind = match (stored.kind.as_deref().map(KindId::named::<P>), format.and_then(|f| f.kind)) {
                (Some(Some(k)), Some(f)) if k != f => return respond(&unauthenticated),
                (Some(k), _) => k,
                (None, f) => f,
            };
            Some((stored, credentials::Credential::via(scheme), kind))
        }
    };
    let (key, grants, kind, tenant) = match stored {
        Some((s, via, kind_id)) => (Some(Key { scopes: s.scopes, via, kind: kind_id }), s.grants, s.kind, s.tenant),
        None => (None, P::Grants::default(), None, None),
    };
    match authorize_with_headers::<P, _>(method, target, &HeaderMapRef(headers), key.as_ref(), &grants) {
        Decision::Allow(allowed) => match tables.endpoints.get(allowed.endpoint) {
            Some(endpoint) => Verdict::Allow(Authorized { allowed, endpoint, key_kind: kind, tenant, trace_id: trace }),
            None => respond(&unauthenticated),
        },
        other => respond(&other),
    }
}
