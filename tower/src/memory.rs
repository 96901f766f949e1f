//! An in-memory key store: for tests, examples and services whose keys are configuration.

use std::collections::HashMap;

use scopec_runtime::Policy;

use super::key_store::{KeyStore, Lookup, StoreError, StoredKey};

/// Keys held in a map, by the key itself. Tenants are not consulted: each key carries its
/// grant sets.
#[derive(Debug, Clone)]
pub struct MemoryStore<P: Policy> {
    keys: HashMap<String, StoredKey<P>>,
}

impl<P: Policy> Default for MemoryStore<P> {
    fn default() -> Self {
        MemoryStore { keys: HashMap::new() }
    }
}

impl<P: Policy> MemoryStore<P> {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a key.
    pub fn insert(&mut self, key: impl Into<String>, stored: StoredKey<P>) {
        self.keys.insert(key.into(), stored);
    }
}

impl<P: Policy> KeyStore<P> for MemoryStore<P> {
    async fn lookup<'a>(&'a self, lookup: Lookup<'a>) -> Result<Option<StoredKey<P>>, StoreError> {
        Ok(self.keys.get(lookup.key).cloned())
    }
}
