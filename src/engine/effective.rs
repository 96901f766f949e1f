//! Effective scopes (step 4): grant sets intersected on names, then closed under aliases
//! and `implies`.

use std::collections::{BTreeMap, HashSet};

use super::Unlisted;
use crate::model::{Api, Model, ScopeSet};

/// The scopes a request holds at `api`.
pub fn effective_scopes(
    model: &Model,
    api: &Api,
    key: &[String],
    grants: &BTreeMap<String, Vec<String>>,
    unlisted: Unlisted,
) -> ScopeSet {
    let mut names: Vec<&str> = key.iter().map(String::as_str).collect();
    for set in api.grant_sets() {
        let other: HashSet<&str> = match (grants.get(set), unlisted) {
            (Some(v), _) => v.iter().map(String::as_str).collect(),
            (None, Unlisted::SameAsKey) => continue,
            (None, Unlisted::Empty) => HashSet::new(),
        };
        names.retain(|n| other.contains(n));
    }
    let mut out = ScopeSet::empty(model.scopes.len());
    for name in names {
        if let Some(id) = model.lookup(name) {
            for g in &model.scopes[id].grants {
                out.insert(*g);
            }
        }
    }
    out
}
