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

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Dnf, Model, Requirement, ScopeId};

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

/// One version's view of names: which names grant each scope.
pub struct Names<'m> {
    pub model: &'m Model,
    grantors: HashMap<ScopeId, Vec<&'m str>>,
}

impl<'m> Names<'m> {
    pub fn new(model: &'m Model) -> Self {
        let mut grantors: HashMap<ScopeId, Vec<&'m str>> = HashMap::default();
        let mut names: Vec<(&'m str, ScopeId)> = model.names.iter().map(|(n, id)| (n.as_str(), *id)).collect();
        names.sort();
        for (name, id) in names {
            for g in &model.scopes[id].grants {
                grantors.entry(*g).or_default().push(name);
            }
        }
        Names { model, grantors }
    }

    /// What a key holding `names` is granted (unknown names grant nothing), sorted: keys
    /// are small, so a sorted list costs what the key holds, where a set of every scope
    /// would cost what the policy declares, for every comparison.
    pub fn granted<S: AsRef<str>>(&self, names: &BTreeSet<S>) -> Vec<ScopeId> {
        let mut out = Vec::new();
        for n in names {
            if let Some(id) = self.model.lookup(n.as_ref()) {
                out.extend(self.model.scopes[id].grants.iter().copied());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Whether the requirement allows the witness.
    pub fn allows(&self, req: &Requirement, who: &Witness) -> bool {
        match who {
            Witness::NoKey => req.anonymous,
            Witness::Key(names) => req.anonymous || holds(&req.dnf, &self.granted(names)),
        }
    }

    /// Whether the requirement allows a key holding `names`.
    fn allows_key(&self, req: &Requirement, names: &BTreeSet<&str>) -> bool {
        req.anonymous || holds(&req.dnf, &self.granted(names))
    }

    /// Whether a DNF (`unless`) holds for the key.
    pub fn dnf_holds<S: AsRef<str>>(&self, dnf: &Dnf, names: &BTreeSet<S>) -> bool {
        holds(dnf, &self.granted(names))
    }

    /// The requirement's terms over names: every minimal set of names that satisfies it,
    /// or `None` past [`NAME_TERMS`].
    pub fn name_terms(&self, dnf: &Dnf) -> Option<Vec<BTreeSet<&'m str>>> {
        let mut out: Vec<BTreeSet<&'m str>> = Vec::new();
        for term in dnf {
            let mut partial: Vec<BTreeSet<&'m str>> = vec![BTreeSet::new()];
            for s in term {
                let names = self.grantors.get(s).map_or(&[][..], Vec::as_slice);
                let mut next = Vec::with_capacity(partial.len() * names.len());
                for p in &partial {
                    for n in names {
                        let mut q = p.clone();
                        q.insert(*n);
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
}

/// How a witness ranks: fewest names, then fewest aliases (a scope's own name reads
/// better), then by name.
fn rank<'t, 's>(names: &Names<'_>, t: &'t BTreeSet<&'s str>) -> (usize, usize, &'t BTreeSet<&'s str>) {
    let aliases = t.iter().filter(|n| names.model.lookup(n).is_none_or(|id| names.model.scope_name(id) != **n)).count();
    (t.len(), aliases, t)
}

fn holds(dnf: &Dnf, granted: &[ScopeId]) -> bool {
    dnf.iter().any(|t| t.iter().all(|s| granted.binary_search(s).is_ok()))
}

/// Whether some request `a` allows is denied by `b`, and the smallest one.
pub fn widened(a: (&Names<'_>, &Requirement), b: (&Names<'_>, &Requirement)) -> Moved {
    let (an, ar) = a;
    let (bn, br) = b;
    if ar.anonymous && !br.anonymous {
        return Moved::Yes(Witness::NoKey);
    }
    let Some(terms) = an.name_terms(&ar.dnf) else { return Moved::Unknown };
    let mut best: Option<BTreeSet<&str>> = None;
    for t in terms {
        if !bn.allows_key(br, &t) && best.as_ref().is_none_or(|b| rank(an, &t) < rank(an, b)) {
            best = Some(t);
        }
    }
    best.map_or(Moved::No, |b| Moved::Yes(key(&b)))
}

fn key(names: &BTreeSet<&str>) -> Witness {
    Witness::Key(names.iter().map(|n| (*n).to_string()).collect())
}

/// Whether some key for which `a`'s `unless` holds is one for which `b`'s does not (`None`:
/// never holds).
pub fn unless_widened(a: (&Names<'_>, Option<&Dnf>), b: (&Names<'_>, Option<&Dnf>)) -> Moved {
    let Some(adnf) = a.1 else { return Moved::No };
    let Some(terms) = a.0.name_terms(adnf) else { return Moved::Unknown };
    let mut best: Option<BTreeSet<&str>> = None;
    for t in terms {
        let held_b = b.1.is_some_and(|d| b.0.dnf_holds(d, &t));
        if !held_b && best.as_ref().is_none_or(|x| rank(a.0, &t) < rank(a.0, x)) {
            best = Some(t);
        }
    }
    best.map_or(Moved::No, |b| Moved::Yes(key(&b)))
}
