//! Endpoints: added, removed, access widened or narrowed, and their data rules.

use std::collections::BTreeSet;

use super::access::{Moved, Names, Witness, unless_widened, widened};
use super::{Change, codes};
use crate::model::{DataRule, Endpoint, Requirement};

/// A `when` condition, as matched: the query key and value.
/// A `when` condition as the docs show it (`?view=full`, `X-Admin: yes`).
type Condition = String;

/// Past this many distinct conditions on one endpoint, only each alone and all together
/// are compared (not every combination).
const ALL_COMBINATIONS: usize = 4;

pub(super) fn compare(names: &(Names<'_>, Names<'_>)) -> Vec<Change> {
    let (old, new) = (names.0.model, names.1.model);
    let key = |e: &Endpoint| (e.method.to_string(), e.pattern.shape());
    let old_by: rustc_hash::FxHashMap<(String, String), &Endpoint> =
        old.endpoints.iter().map(|e| (key(e), e)).collect();
    let new_keys: rustc_hash::FxHashSet<(String, String)> = new.endpoints.iter().map(key).collect();
    let mut out = Vec::new();
    for e in old.endpoints.iter().filter(|e| !new_keys.contains(&key(e))) {
        out.push(
            Change::new(codes::ENDPOINT_REMOVED, e.label(), format!("`{}` was removed", e.label()))
                .spans(Some(e.span), None),
        );
    }
    for e in new.endpoints.iter() {
        match old_by.get(&key(e)) {
            None => out.push(
                Change::new(
                    codes::ENDPOINT_ADDED,
                    e.label(),
                    format!("`{}` was added, requiring {}", e.label(), new.requirement_text(&e.requirement)),
                )
                .spans(None, Some(e.span)),
            ),
            Some(o) => {
                access(names, o, e, &mut out);
                rules(names, o, e, &mut out);
            }
        }
    }
    out
}

/// The conditions of both versions and the requirement of a request carrying a set of them.
fn variants(o: &Endpoint, n: &Endpoint) -> Vec<(Vec<Condition>, Requirement, Requirement)> {
    let mut conditions: Vec<Condition> = Vec::new();
    for w in o.whens.iter().chain(&n.whens) {
        let c = w.condition();
        if !conditions.contains(&c) {
            conditions.push(c);
        }
    }
    let sets: Vec<Vec<Condition>> = if conditions.len() <= ALL_COMBINATIONS {
        (0..1usize << conditions.len())
            .map(|mask| {
                conditions.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c.clone()).collect()
            })
            .collect()
    } else {
        let mut v = vec![Vec::new()];
        v.extend(conditions.iter().map(|c| vec![c.clone()]));
        v.push(conditions.clone());
        v
    };
    let under = |e: &Endpoint, set: &[Condition]| {
        let mut req = e.requirement.clone();
        for w in &e.whens {
            if set.contains(&w.condition()) {
                req = req.and(&w.requirement);
            }
        }
        req
    };
    sets.into_iter().map(|set| (under(o, &set), under(n, &set), set)).map(|(a, b, s)| (s, a, b)).collect()
}

fn describe(set: &[Condition]) -> String {
    if set.is_empty() {
        return String::new();
    }
    let parts: Vec<&str> = set.iter().map(String::as_str).collect();
    format!(" (with `{}`)", parts.join("&"))
}

fn access(names: &(Names<'_>, Names<'_>), o: &Endpoint, n: &Endpoint, out: &mut Vec<Change>) {
    let (old, new) = (names.0.model, names.1.model);
    let label = n.label();
    let mut wider = None;
    let mut narrower = None;
    let mut undecided = false;
    for (set, a, b) in variants(o, n) {
        match widened((&names.1, &b), (&names.0, &a)) {
            Moved::Yes(w) if wider.is_none() => wider = Some((w, set.clone())),
            Moved::Unknown => undecided = true,
            _ => {}
        }
        match widened((&names.0, &a), (&names.1, &b)) {
            Moved::Yes(w) if narrower.is_none() => narrower = Some((w, set.clone())),
            Moved::Unknown => undecided = true,
            _ => {}
        }
    }
    if wider.is_none() && narrower.is_none() && !undecided {
        return;
    }
    let from_to = format!("{} → {}", old.requirement_text(&o.requirement), new.requirement_text(&n.requirement));
    for (moved, kind, verb) in [
        (wider, codes::ACCESS_WIDENED, "more: {} is now allowed"),
        (narrower, codes::ACCESS_NARROWED, "less: {} is now denied"),
    ] {
        let Some((w, set)) = moved else { continue };
        let mut c = Change::new(
            kind,
            &label,
            format!("`{label}` allows {}{}", verb.replace("{}", &w.describe()), describe(&set)),
        )
        .spans(Some(o.span), Some(n.span));
        c.witness = Some(format!("{}; requirement {from_to}", w.describe()));
        if let Witness::Key(names) = w {
            c.key = names.into_iter().collect();
        }
        out.push(c);
    }
    if undecided {
        out.push(
            Change::new(
                codes::ACCESS_UNDECIDED,
                &label,
                format!("`{label}`: {from_to} is too large to compare exactly"),
            )
            .spans(Some(o.span), Some(n.span)),
        );
    }
}

/// One data rule on one field (a filter is its own field).
fn facets(rules: &[DataRule]) -> Vec<(&'static str, &str, &DataRule)> {
    let mut out = Vec::new();
    for r in rules {
        for f in &r.fields {
            out.push((r.kind.as_str(), f.as_str(), r));
        }
    }
    out
}

fn rules(names: &(Names<'_>, Names<'_>), o: &Endpoint, n: &Endpoint, out: &mut Vec<Change>) {
    let label = n.label();
    let olds = facets(&o.rules);
    let news = facets(&n.rules);
    let seen: BTreeSet<(&str, &str)> = news.iter().map(|(k, f, _)| (*k, *f)).collect();
    for (kind, field, r) in &olds {
        if !seen.contains(&(*kind, *field)) {
            out.push(
                Change::new(
                    codes::RULE_DROPPED,
                    &label,
                    format!("`{label}`: `{kind} {field}` was dropped: the data is returned to every key"),
                )
                .spans(Some(r.span), Some(n.span)),
            );
        }
    }
    for (kind, field, r) in &news {
        let Some((_, _, before)) = olds.iter().find(|(k, f, _)| k == kind && f == field) else {
            out.push(
                Change::new(codes::RULE_ADDED, &label, format!("`{label}`: `{kind} {field}` was added"))
                    .spans(Some(o.span), Some(r.span)),
            );
            continue;
        };
        // A rule is lifted for a key when its `unless` holds.
        let lifted_more = unless_widened((&names.1, r.unless.as_ref()), (&names.0, before.unless.as_ref()));
        let lifted_less = unless_widened((&names.0, before.unless.as_ref()), (&names.1, r.unless.as_ref()));
        if let Moved::Yes(w) = &lifted_more {
            let mut c = Change::new(
                codes::RULE_WEAKENED,
                &label,
                format!("`{label}`: `{kind} {field}` no longer applies to {}", w.describe()),
            )
            .spans(Some(before.span), Some(r.span));
            c.witness = Some(w.describe());
            out.push(c);
        }
        if let Moved::Yes(w) = &lifted_less {
            let mut c = Change::new(
                codes::RULE_STRENGTHENED,
                &label,
                format!("`{label}`: `{kind} {field}` now applies to {}", w.describe()),
            )
            .spans(Some(before.span), Some(r.span));
            c.witness = Some(w.describe());
            out.push(c);
        }
        if lifted_more == Moved::Unknown || lifted_less == Moved::Unknown {
            out.push(
                Change::new(
                    codes::RULE_UNDECIDED,
                    &label,
                    format!("`{label}`: the `unless` of `{kind} {field}` is too large to compare exactly"),
                )
                .spans(Some(before.span), Some(r.span)),
            );
        }
    }
}
