//! The smallest scope sets that meet every requirement: an exact search.
//!
//! A requirement is met when the scopes held, closed under `implies`, include one of its
//! terms. Requirements with one term force, for every scope of it that only one scope
//! grants, that scope. The rest is a depth-first search under a growing size bound: take
//! the unmet requirement with the fewest ways to meet it; any answer meets one of its
//! terms, so it holds a grantor of that term's first missing scope; try each. The first
//! bound at which answers exist is the minimum, and every answer of that size is found.
//! The search counts the sets it visits and gives up past a budget, keeping the best set
//! found by a greedy pass.

use std::collections::BTreeSet;

use crate::model::{Dnf, Id, Model, ScopeId, ScopeSet};

/// How many sets the search visits before it gives up.
pub const BUDGET: usize = 200_000;

/// At most this many answers are listed.
pub const MAX_ANSWERS: usize = 50;

/// The outcome of the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Every smallest set (at most [`MAX_ANSWERS`]), each sorted by name, in order.
    pub sets: Vec<Vec<ScopeId>>,
    /// More smallest sets exist than are listed.
    pub more: bool,
    /// The budget ran out: `sets` holds one set that works, not necessarily the smallest.
    pub gave_up: bool,
}

struct Search<'a> {
    model: &'a Model,
    reqs: &'a [&'a Dnf],
    /// For each scope, the scopes that grant it.
    grantors: Vec<Vec<ScopeId>>,
    visited: usize,
    answers: BTreeSet<Vec<ScopeId>>,
}

/// The smallest sets of scopes meeting every requirement, starting from `start`
/// (the answers include it).
pub fn minimum(model: &Model, reqs: &[&Dnf], start: &[ScopeId]) -> Found {
    let mut grantors: Vec<Vec<ScopeId>> = vec![Vec::new(); model.scopes.len()];
    for (id, s) in model.scopes.enumerate() {
        for g in &s.grants {
            if let Some(v) = grantors.get_mut(g.index()) {
                v.push(id);
            }
        }
    }
    let mut search = Search { model, reqs, grantors, visited: 0, answers: BTreeSet::new() };
    let mut held: Vec<ScopeId> = start.to_vec();
    search.force(&mut held);
    held.sort();
    held.dedup();
    let base = held.len();
    for bound in base..=model.scopes.len() {
        search.dfs(&mut held.clone(), bound);
        if !search.answers.is_empty() {
            break;
        }
        if search.visited > BUDGET {
            let greedy = search.greedy(held);
            return Found { sets: vec![by_name(model, greedy)], more: false, gave_up: true };
        }
    }
    let more = search.answers.len() > MAX_ANSWERS;
    let mut sets: Vec<Vec<ScopeId>> = search.answers.into_iter().map(|s| by_name(model, s)).collect();
    sets.sort_by_key(|a| names(model, a));
    sets.truncate(MAX_ANSWERS);
    Found { sets, more, gave_up: search.visited > BUDGET }
}

fn names(model: &Model, set: &[ScopeId]) -> Vec<String> {
    set.iter().map(|id| model.scope_name(*id).to_string()).collect()
}

fn by_name(model: &Model, mut set: Vec<ScopeId>) -> Vec<ScopeId> {
    set.sort_by(|a, b| model.scope_name(*a).cmp(model.scope_name(*b)));
    set
}

impl Search<'_> {
    fn granted(&self, held: &[ScopeId]) -> ScopeSet {
        let mut out = ScopeSet::empty(self.model.scopes.len());
        for h in held {
            for g in &self.model.scopes[*h].grants {
                out.insert(*g);
            }
        }
        out
    }

    /// Adds the scopes a one-term requirement leaves no choice about.
    fn force(&self, held: &mut Vec<ScopeId>) {
        for req in self.reqs {
            if let [term] = req.as_slice() {
                for s in term {
                    if let [only] = self.grantors[s.index()].as_slice()
                        && !held.contains(only)
                    {
                        held.push(*only);
                    }
                }
            }
        }
    }

    /// The unmet requirement with the fewest ways to be met, as the grantors to branch on.
    fn branches(&self, held: &[ScopeId]) -> Option<Vec<ScopeId>> {
        let granted = self.granted(held);
        let mut best: Option<Vec<ScopeId>> = None;
        for req in self.reqs {
            if req.iter().any(|t| granted.holds_all(t)) {
                continue;
            }
            let mut options: Vec<ScopeId> = Vec::new();
            for term in req.iter() {
                if let Some(missing) = term.iter().find(|s| !granted.contains(**s)) {
                    for g in &self.grantors[missing.index()] {
                        if !options.contains(g) {
                            options.push(*g);
                        }
                    }
                }
            }
            if best.as_ref().is_none_or(|b| options.len() < b.len()) {
                best = Some(options);
            }
        }
        best
    }

    fn dfs(&mut self, held: &mut Vec<ScopeId>, bound: usize) {
        self.visited += 1;
        if self.visited > BUDGET {
            return;
        }
        let Some(options) = self.branches(held) else {
            let mut set = held.clone();
            set.sort();
            self.answers.insert(set);
            return;
        };
        if held.len() >= bound {
            return;
        }
        for g in options {
            held.push(g);
            self.dfs(held, bound);
            held.pop();
            if self.visited > BUDGET {
                return;
            }
        }
    }

    /// One set that works: repeatedly add the grantor that meets the most unmet requirements.
    fn greedy(&self, mut held: Vec<ScopeId>) -> Vec<ScopeId> {
        while let Some(options) = self.branches(&held) {
            let Some(best) = options.iter().max_by_key(|g| {
                let mut with = held.clone();
                with.push(**g);
                let granted = self.granted(&with);
                self.reqs.iter().filter(|r| r.iter().any(|t| granted.holds_all(t))).count()
            }) else {
                break;
            };
            held.push(*best);
        }
        held.sort();
        held
    }
}
