//! Effective scopes (step 4): grant sets intersected on names, then closed under aliases
//! and `implies`, all within the scopes the key's kind can hold.

use std::collections::{BTreeMap, HashSet};

use super::Unlisted;
use crate::model::{Api, Model, ScopeSet};

/// The scopes a request holds at `api` with a key of `kind` (`None`: of no known kind,
/// which restricts nothing).
pub fn effective_scopes(
    model: &Model,
    api: &Api,
    key: &[String],
    kind: Option<usize>,
    grants: &BTreeMap<String, Vec<String>>,
    unlisted: Unlisted,
) -> ScopeSet {
    let kind = kind.and_then(|k| model.kinds.get(k));
    let holds = |id| kind.is_none_or(|k| k.can_hold(id));
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
        // A name whose scope the kind cannot hold grants nothing, and neither does what
        // the closure would add outside the kind's scopes.
        if let Some(id) = model.lookup(name).filter(|id| holds(*id)) {
            for g in model.scopes[id].grants.iter().filter(|g| holds(**g)) {
                out.insert(*g);
            }
        }
    }
    out
}
