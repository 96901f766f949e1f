//! Bundles: recommended scope sets, docs only.

use super::{Change, codes};
use crate::model::{Bundle, Model};

pub(super) fn compare(old: &Model, new: &Model) -> Vec<Change> {
    let scopes = |m: &Model, b: &Bundle| {
        let mut v: Vec<String> = b.scopes.iter().map(|id| m.scope_name(*id).to_string()).collect();
        v.sort();
        v
    };
    let olds: rustc_hash::FxHashMap<&str, &Bundle> = old.bundles.iter().map(|b| (b.name.as_str(), b)).collect();
    let news: rustc_hash::FxHashMap<&str, &Bundle> = new.bundles.iter().map(|b| (b.name.as_str(), b)).collect();
    let mut out = Vec::new();
    for b in &old.bundles {
        if !news.contains_key(b.name.as_str()) {
            out.push(
                Change::new(
                    codes::BUNDLE_CHANGED,
                    format!("bundle {}", b.name),
                    format!("bundle \"{}\" was removed", b.name),
                )
                .spans(Some(b.span), None),
            );
        }
    }
    for b in &new.bundles {
        match olds.get(b.name.as_str()) {
            None => out.push(
                Change::new(
                    codes::BUNDLE_CHANGED,
                    format!("bundle {}", b.name),
                    format!("bundle \"{}\" was added", b.name),
                )
                .spans(None, Some(b.span)),
            ),
            Some(o) if scopes(old, o) != scopes(new, b) => out.push(
                Change::new(
                    codes::BUNDLE_CHANGED,
                    format!("bundle {}", b.name),
                    format!(
                        "bundle \"{}\" is now {} (was {})",
                        b.name,
                        scopes(new, b).join(", "),
                        scopes(old, o).join(", ")
                    ),
                )
                .spans(Some(o.span), Some(b.span)),
            ),
            Some(_) => {}
        }
    }
    out
}
