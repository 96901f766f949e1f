//! Who is allowed, compared exactly: requirements are read over the scope *names* a key can
//! hold (scopes and aliases), through each version's aliases and `implies`, so that two
//! versions with different scope tables compare on what keys actually carry.
//!
//! Requirements are monotone (holding more never denies more), so some key is allowed by
//! NEW and denied by OLD exactly when one of NEW's minimal name sets is denied by OLD; the
//! minimal name sets are the terms of NEW's requirement rewritten over names (each scope
//! replaced by any name that grants it). That rewrite is a product and is capped at
//! [`NAME_TERMS`]; past the cap the comparison says it could not decide.

use std::collections::BTreeSet;

use crate::model::{Dnf, Id, Model, Requirement, ScopeId};

/// The most name sets one requirement is rewritten into.
pub const NAME_TERMS: usize = 4096;

/// A key, by the names it holds, or no key at all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Witness {
    NoKey,
    Key(BTreeSet<String>),
}

impl Witness {
    /// `without a key`, `a key with no scopes`, ``a key holding only `a`, `b` ``.
    pub fn describe(&self) -> String {
        match self {
            Witness::NoKey => "a request without a key".into(),
            Witness::Key(names) if names.is_empty() => "a key with no scopes".into(),
            Witness::Key(names) => {
                let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("a key holding only {}", list.join(", "))
            }
        }
    }
}

/// The outcome of comparing two requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moved {
    /// The smallest key the first allows and the second denies.
    Yes(Witness),
    No,
    /// Too many name sets to compare exactly.
    Unknown,
}

/// One version's view of names: which names grant each scope, with every name numbered
/// in name order (so sorted numbers compare as the sorted names do) and mapped to the
/// scope it stands for in the other version ([`link`]): comparisons then cost integer
/// operations, not string hashing.
pub struct Names<'m> {
    pub model: &'m Model,
    /// Every scope and alias name, sorted.
    names: Vec<&'m str>,
    /// Whether each name is an alias.
    alias: Vec<bool>,
    /// For each scope (by index), the numbers of the names that grant it.
    grantors: Vec<Vec<u32>>,
    /// What each name grants in the other version (empty when it does not exist there).
    there: Vec<Vec<ScopeId>>,
}

/// A set of names, as sorted numbers.
type NameSet = Vec<u32>;

impl<'m> Names<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut pairs: Vec<(&'m str, ScopeId)> = model.names.iter().map(|(n, id)| (n.as_str(), *id)).collect();
        pairs.sort();
        let mut grantors: Vec<Vec<u32>> = vec![Vec::new(); model.scopes.len()];
        for (i, (_, id)) in pairs.iter().enumerate() {
            for s in &model.scopes[*id].grants {
                if let Some(v) = grantors.get_mut(s.index()) {
                    v.push(u32::try_from(i).unwrap_or(u32::MAX));
                }
            }
        }
        let alias = pairs.iter().map(|(n, id)| model.scope_name(*id) != *n).collect();
        let names = pairs.into_iter().map(|(n, _)| n).collect();
        Names { model, names, alias, grantors, there: Vec::new() }
    }

    fn witness(&self, set: &[u32]) -> Witness {
        Witness::Key(set.iter().filter_map(|i| self.names.get(*i as usize)).map(|n| (*n).to_string()).collect())
    }

    /// What a key holding these names (numbered here) is granted in the other version.
    fn granted_there(&self, set: &[u32]) -> Vec<ScopeId> {
        let mut out: Vec<ScopeId> = set.iter().filter_map(|i| self.there.get(*i as usize)).flatten().copied().collect();
        out.sort();
        out.dedup();
        out
    }

    /// The requirement's terms over names: every minimal set of names that satisfies it,
    /// or `None` past [`NAME_TERMS`].
    fn name_terms(&self, dnf: &Dnf) -> Option<Vec<NameSet>> {
        let mut out: Vec<NameSet> = Vec::new();
        for term in dnf {
            let mut partial: Vec<NameSet> = vec![Vec::new()];
            for s in term {
                let names = self.grantors.get(s.index()).map_or(&[][..], Vec::as_slice);
                let mut next = Vec::with_capacity(partial.len() * names.len());
                for p in &partial {
                    for n in names {
                        let mut q = p.clone();
                        if let Err(at) = q.binary_search(n) {
                            q.insert(at, *n);
                        }
                        next.push(q);
                    }
                }
                if next.len() > NAME_TERMS {
                    return None;
                }
                partial = next;
            }
            out.extend(partial);
            if out.len() > NAME_TERMS {
                return None;
            }
        }
        Some(out)
    }

    /// How a witness ranks: fewest names, then fewest aliases (a scope's own name reads
    /// better), then by name.
    fn rank<'t>(&self, t: &'t NameSet) -> (usize, usize, &'t NameSet) {
        let aliases = t.iter().filter(|i| self.alias.get(**i as usize).copied().unwrap_or(false)).count();
        (t.len(), aliases, t)
    }
}

/// Maps each version's names to what they grant in the other (call once, before comparing).
pub fn link(a: &mut Names<'_>, b: &mut Names<'_>) {
    let across = |from: &Names<'_>, to: &Names<'_>| -> Vec<Vec<ScopeId>> {
        from.names
            .iter()
            .map(|n| to.model.lookup(n).map(|id| to.model.scopes[id].grants.clone()).unwrap_or_default())
            .collect()
    };
    a.there = across(a, b);
    b.there = across(b, a);
}

fn holds(dnf: &Dnf, granted: &[ScopeId]) -> bool {
    dnf.iter().any(|t| t.iter().all(|s| granted.binary_search(s).is_ok()))
}

/// Whether some request `a` allows is denied by `b`, and the smallest one. `a` and `b`
/// are the two versions, linked.
pub fn widened(a: (&Names<'_>, &Requirement), b: (&Names<'_>, &Requirement)) -> Moved {
    let (an, ar) = a;
    let (_, br) = b;
    if ar.anonymous && !br.anonymous {
        return Moved::Yes(Witness::NoKey);
    }
    if br.anonymous {
        return Moved::No;
    }
    let Some(terms) = an.name_terms(&ar.dnf) else { return Moved::Unknown };
    let mut best: Option<NameSet> = None;
    for t in terms {
        if !holds(&br.dnf, &an.granted_there(&t)) && best.as_ref().is_none_or(|b| an.rank(&t) < an.rank(b)) {
            best = Some(t);
        }
    }
    best.map_or(Moved::No, |b| Moved::Yes(an.witness(&b)))
}

/// Whether some key for which `a`'s `unless` holds is one for which `b`'s does not (`None`:
/// never holds).
pub fn unless_widened(a: (&Names<'_>, Option<&Dnf>), b: (&Names<'_>, Option<&Dnf>)) -> Moved {
    let Some(adnf) = a.1 else { return Moved::No };
    let Some(terms) = a.0.name_terms(adnf) else { return Moved::Unknown };
    let mut best: Option<NameSet> = None;
    for t in terms {
        let held_b = b.1.is_some_and(|d| holds(d, &a.0.granted_there(&t)));
        if !held_b && best.as_ref().is_none_or(|x| a.0.rank(&t) < a.0.rank(x)) {
            best = Some(t);
        }
    }
    best.map_or(Moved::No, |b| Moved::Yes(a.0.witness(&b)))
}
