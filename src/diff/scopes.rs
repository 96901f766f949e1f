//! Scopes and aliases: removed, renamed, aliased, added, deprecated; `implies` and
//! `requires`.

use std::collections::BTreeSet;

use super::access::Names;
use super::{Change, codes};
use crate::model::{Model, Scope};

pub(super) fn compare(names: &(Names<'_>, Names<'_>), endpoint_changes: &[Change]) -> Vec<Change> {
    let (old, new) = (names.0.model, names.1.model);
    let mut out = Vec::new();
    let new_aliases = alias_table(new);
    let added: Vec<&Scope> = new.scopes.iter().filter(|s| scope(old, &s.name).is_none()).collect();
    // Added scopes by access and description, the first not yet taken by a rename first.
    let mut twins: rustc_hash::FxHashMap<(crate::model::Access, Option<&str>), Vec<&Scope>> = Default::default();
    for t in added.iter().rev() {
        twins.entry((t.access, t.description.as_deref())).or_default().push(t);
    }
    let mut renamed_to: BTreeSet<&str> = BTreeSet::new();
    for s in old.scopes.iter() {
        if scope(new, &s.name).is_some() {
            continue;
        }
        if let Some(a) = new_aliases.get(s.name.as_str()) {
            out.push(
                Change::new(
                    codes::SCOPE_ALIASED,
                    format!("scope {}", s.name),
                    format!("scope `{}` is now an alias of `{}`", s.name, new.scope_name(a.target)),
                )
                .spans(Some(s.span), Some(a.span)),
            );
            continue;
        }
        let twin = twins.get_mut(&(s.access, s.description.as_deref())).and_then(Vec::pop);
        match twin {
            Some(t) => {
                renamed_to.insert(&t.name);
                out.push(
                    Change::new(
                        codes::SCOPE_RENAMED,
                        format!("scope {}", s.name),
                        format!("scope `{}` was renamed to `{}`: keys holding `{}` lose it", s.name, t.name, s.name),
                    )
                    .spans(Some(s.span), Some(t.span)),
                );
            }
            None => out.push(
                Change::new(
                    codes::SCOPE_REMOVED,
                    format!("scope {}", s.name),
                    format!("scope `{}` was removed: keys holding it lose what it granted", s.name),
                )
                .spans(Some(s.span), None),
            ),
        }
    }
    for s in added.iter().filter(|s| !renamed_to.contains(s.name.as_str())) {
        out.push(
            Change::new(codes::SCOPE_ADDED, format!("scope {}", s.name), format!("scope `{}` was added", s.name))
                .spans(None, Some(s.span)),
        );
    }
    let moved = (moved_by(endpoint_changes, codes::ACCESS_WIDENED), moved_by(endpoint_changes, codes::ACCESS_NARROWED));
    for s in new.scopes.iter() {
        let Some(o) = scope(old, &s.name) else { continue };
        relations(old, new, o, s, &moved, &mut out);
        if o.deprecated.is_none() && s.deprecated.is_some() {
            out.push(
                Change::new(
                    codes::SCOPE_DEPRECATED,
                    format!("scope {}", s.name),
                    format!("scope `{}` is now deprecated", s.name),
                )
                .spans(Some(o.span), Some(s.span)),
            );
        }
    }
    aliases(old, new, &new_aliases, &mut out);
    out
}

fn scope<'m>(model: &'m Model, name: &str) -> Option<&'m Scope> {
    model.lookup(name).and_then(|id| model.scopes.get(id)).filter(|s| s.name == name)
}

type Aliases<'m> = rustc_hash::FxHashMap<&'m str, &'m crate::model::Alias>;

fn alias_table(model: &Model) -> Aliases<'_> {
    model.aliases.iter().map(|a| (a.name.as_str(), a)).collect()
}

fn names_of(model: &Model, ids: &[crate::model::ScopeId]) -> BTreeSet<String> {
    ids.iter().map(|id| model.scope_name(*id).to_string()).collect()
}

/// For each scope name, the endpoints whose reported access change (of one kind) has a
/// witness key holding it: built once, read per `implies` change.
type MovedBy<'c> = rustc_hash::FxHashMap<&'c str, Vec<String>>;

fn moved_by(changes: &[Change], kind: codes::Kind) -> MovedBy<'_> {
    let mut out: MovedBy<'_> = Default::default();
    for c in changes.iter().filter(|c| c.kind == kind) {
        for name in &c.key {
            out.entry(name.as_str()).or_default().push(c.subject.clone());
        }
    }
    out
}

fn relations(
    old: &Model,
    new: &Model,
    o: &Scope,
    s: &Scope,
    moved: &(MovedBy<'_>, MovedBy<'_>),
    out: &mut Vec<Change>,
) {
    let (oi, ni) = (names_of(old, &o.implies), names_of(new, &s.implies));
    let subject = format!("scope {}", s.name);
    let list = |v: Vec<&String>| v.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let gained: Vec<&String> = ni.difference(&oi).collect();
    if !gained.is_empty() {
        let mut c = Change::new(
            codes::IMPLIES_ADDED,
            &subject,
            format!("scope `{}` now implies {}: keys holding it gain access", s.name, list(gained)),
        )
        .spans(Some(o.span), Some(s.span));
        c.endpoints = moved.0.get(s.name.as_str()).cloned().unwrap_or_default();
        out.push(c);
    }
    let lost: Vec<&String> = oi.difference(&ni).collect();
    if !lost.is_empty() {
        let mut c = Change::new(
            codes::IMPLIES_REMOVED,
            &subject,
            format!("scope `{}` no longer implies {}: keys holding it lose access", s.name, list(lost)),
        )
        .spans(Some(o.span), Some(s.span));
        c.endpoints = moved.1.get(s.name.as_str()).cloned().unwrap_or_default();
        out.push(c);
    }
    let (or, nr) = (names_of(old, &o.requires), names_of(new, &s.requires));
    if or != nr {
        let show = |set: &BTreeSet<String>| {
            if set.is_empty() { "nothing".to_string() } else { list(set.iter().collect()) }
        };
        out.push(
            Change::new(
                codes::REQUIRES_CHANGED,
                &subject,
                format!("scope `{}` requires {} (was {})", s.name, show(&nr), show(&or)),
            )
            .spans(Some(o.span), Some(s.span)),
        );
    }
}

fn aliases(old: &Model, new: &Model, new_aliases: &Aliases<'_>, out: &mut Vec<Change>) {
    for a in &old.aliases {
        match new_aliases.get(a.name.as_str()).copied() {
            None if scope(new, &a.name).is_some() => {}
            None => out.push(
                Change::new(
                    codes::ALIAS_REMOVED,
                    format!("alias {}", a.name),
                    format!("alias `{}` was removed: keys holding it lose `{}`", a.name, old.scope_name(a.target)),
                )
                .spans(Some(a.span), None),
            ),
            Some(b) if old.scope_name(a.target) != new.scope_name(b.target) => out.push(
                Change::new(
                    codes::ALIAS_RETARGETED,
                    format!("alias {}", a.name),
                    format!(
                        "alias `{}` stands for `{}` (was `{}`)",
                        a.name,
                        new.scope_name(b.target),
                        old.scope_name(a.target)
                    ),
                )
                .spans(Some(a.span), Some(b.span)),
            ),
            Some(b) if a.deprecated.is_none() && b.deprecated.is_some() => out.push(
                Change::new(
                    codes::SCOPE_DEPRECATED,
                    format!("alias {}", a.name),
                    format!("alias `{}` is now deprecated", a.name),
                )
                .spans(Some(a.span), Some(b.span)),
            ),
            Some(_) => {}
        }
    }
    for b in &new.aliases {
        if old.lookup(&b.name).is_none() {
            out.push(
                Change::new(
                    codes::ALIAS_ADDED,
                    format!("alias {}", b.name),
                    format!("alias `{}` of `{}` was added", b.name, new.scope_name(b.target)),
                )
                .spans(None, Some(b.span)),
            );
        }
    }
}
