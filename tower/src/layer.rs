//! [`ScopecLayer`]: wraps a service in [`Scopec`].

use std::marker::PhantomData;
use std::sync::Arc;

use scopec_runtime::Policy;
use tower_layer::Layer;

use super::config::Config;
use super::key_store::KeyStore;
use super::service::{Scopec, Shared};

/// Enforces policy `P` (the `Policy` unit struct of a generated module) with key store `K`.
pub struct ScopecLayer<P: Policy, K> {
    shared: Arc<Shared<K>>,
    policy: PhantomData<fn() -> P>,
}

impl<P: Policy, K: KeyStore<P>> ScopecLayer<P, K> {
    /// A layer resolving keys through `store`.
    pub fn new(store: K, config: Config) -> Self {
        ScopecLayer { shared: Arc::new(Shared { store, config }), policy: PhantomData }
    }
}

impl<P: Policy, K> Clone for ScopecLayer<P, K> {
    fn clone(&self) -> Self {
        ScopecLayer { shared: Arc::clone(&self.shared), policy: PhantomData }
    }
}

impl<P: Policy, K, S> Layer<S> for ScopecLayer<P, K> {
    type Service = Scopec<S, P, K>;

    fn layer(&self, inner: S) -> Self::Service {
        Scopec::new(inner, Arc::clone(&self.shared))
    }
}
