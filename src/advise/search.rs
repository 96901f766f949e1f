//! The smallest scope sets that meet every requirement: an exact search.
//!
//! A requirement is met when the scopes held, closed under `implies`, include one of its
//! terms. First, requirements with one term force every scope of it that only one scope
//! grants. The requirements still unmet then split into independent parts (no scope that
//! could help one helps another), and each part is searched on its own: depth first under
//! a growing size bound, branching on the unmet requirement with the fewest ways to meet
//! it. Any answer meets one of its terms, so it holds a grantor of that term's first
//! missing scope; each grantor is tried in turn and then excluded from the later branches,
//! so every set is visited once. The first bound at which a part has answers is its
//! minimum; the smallest sets overall are the products of the parts' answers. The search
//! counts the sets it visits and gives up past a budget, keeping one set that works (found
//! greedily).

use std::collections::BTreeSet;

use crate::model::{Dnf, Id, Model, ScopeId, ScopeSet};

/// How many sets the search visits before it gives up.
pub const BUDGET: usize = 200_000;

/// A part with more requirements than this is split on its most shared scope.
const SPLIT_AT: usize = 16;

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
    /// For each scope, the scopes that grant it.
    grantors: Vec<Vec<ScopeId>>,
    visited: usize,
    split_at: usize,
}

/// The smallest sets of scopes meeting every requirement, starting from `start`
/// (the answers include it).
pub fn minimum(model: &Model, reqs: &[&Dnf], start: &[ScopeId]) -> Found {
    minimum_splitting(model, reqs, start, SPLIT_AT)
}

/// [`minimum`], splitting parts of more than `split_at` requirements (tests split
/// everything, to check the split against brute force).
pub fn minimum_splitting(model: &Model, reqs: &[&Dnf], start: &[ScopeId], split_at: usize) -> Found {
    let mut grantors: Vec<Vec<ScopeId>> = vec![Vec::new(); model.scopes.len()];
    for (id, s) in model.scopes.enumerate() {
        for g in &s.grants {
            if let Some(v) = grantors.get_mut(g.index()) {
                v.push(id);
            }
        }
    }
    let mut search = Search { model, grantors, visited: 0, split_at };
    let mut held: Vec<ScopeId> = start.to_vec();
    search.force(reqs, &mut held);
    held.sort();
    held.dedup();
    let granted = search.granted(&held);
    let unmet: Vec<&Dnf> = reqs.iter().copied().filter(|r| !meets(r, &granted)).collect();
    let banned = ScopeSet::empty(model.scopes.len());
    let Some(additions) = search.solve(&unmet, &held, &banned) else {
        let greedy = search.greedy(reqs, held);
        return Found { sets: vec![by_name(model, greedy)], more: false, gave_up: true };
    };
    let mut more = additions.len() > MAX_ANSWERS;
    let sets: Vec<Vec<ScopeId>> = additions
        .into_iter()
        .map(|a| {
            let mut t = held.clone();
            t.extend(a);
            t
        })
        .collect();
    let mut sets: Vec<Vec<ScopeId>> = sets.into_iter().map(|s| by_name(model, s)).collect();
    sets.sort_by_key(|a| names(model, a));
    sets.dedup();
    more |= sets.len() > MAX_ANSWERS;
    sets.truncate(MAX_ANSWERS);
    Found { sets, more, gave_up: false }
}

/// What holding `held` grants (each scope and what it implies).
pub(super) fn granted(model: &Model, held: &[ScopeId]) -> ScopeSet {
    let mut out = ScopeSet::empty(model.scopes.len());
    for h in held {
        for g in &model.scopes[*h].grants {
            out.insert(*g);
        }
    }
    out
}

/// Whether one of the requirement's terms is granted.
pub(super) fn meets(req: &Dnf, granted: &ScopeSet) -> bool {
    req.iter().any(|t| granted.holds_all(t))
}

fn names(model: &Model, set: &[ScopeId]) -> Vec<String> {
    set.iter().map(|id| model.scope_name(*id).to_string()).collect()
}

fn by_name(model: &Model, mut set: Vec<ScopeId>) -> Vec<ScopeId> {
    set.sort_by(|a, b| model.scope_name(*a).cmp(model.scope_name(*b)));
    set.dedup();
    set
}

impl Search<'_> {
    fn granted(&self, held: &[ScopeId]) -> ScopeSet {
        granted(self.model, held)
    }

    /// Adds the scopes a one-term requirement leaves no choice about.
    fn force(&self, reqs: &[&Dnf], held: &mut Vec<ScopeId>) {
        for req in reqs {
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

    /// The scopes that could help meet a requirement.
    fn helpers(&self, req: &Dnf, granted: &ScopeSet, banned: &ScopeSet) -> Vec<ScopeId> {
        let mut out: Vec<ScopeId> = Vec::new();
        for term in req {
            for s in term.iter().filter(|s| !granted.contains(**s)) {
                out.extend(self.grantors[s.index()].iter().copied().filter(|g| !banned.contains(*g)));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The unmet requirements in independent parts (union-find over their helpers).
    fn parts<'r>(&self, unmet: &[&'r Dnf], granted: &ScopeSet, banned: &ScopeSet) -> Vec<Vec<&'r Dnf>> {
        let n = self.model.scopes.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        let helpers: Vec<Vec<ScopeId>> = unmet.iter().map(|r| self.helpers(r, granted, banned)).collect();
        for h in &helpers {
            for w in h.windows(2) {
                let (a, b) = (find(&mut parent, w[0].index()), find(&mut parent, w[1].index()));
                parent[a] = b;
            }
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<&Dnf>> = Default::default();
        for (r, h) in unmet.iter().zip(&helpers) {
            // A requirement nothing can meet goes alone (its search finds no answer).
            let key = h.first().map_or(n + groups.len(), |s| find(&mut parent, s.index()));
            groups.entry(key).or_default().push(r);
        }
        groups.into_values().collect()
    }

    /// Every smallest addition to `held` that meets `reqs` without a `banned` scope (empty
    /// when none does), or `None` past the budget. Independent parts are solved apart and
    /// multiplied; a large part is split on the scope that helps the most requirements
    /// (answers with it, and answers without it), so that a scope implying everything
    /// does not tie all requirements into one search.
    fn solve(&mut self, reqs: &[&Dnf], held: &[ScopeId], banned: &ScopeSet) -> Option<Vec<Vec<ScopeId>>> {
        self.visited += 1;
        if self.visited > BUDGET {
            return None;
        }
        let granted = self.granted(held);
        let unmet: Vec<&Dnf> = reqs.iter().copied().filter(|r| !meets(r, &granted)).collect();
        if unmet.is_empty() {
            return Some(vec![Vec::new()]);
        }
        let parts = self.parts(&unmet, &granted, banned);
        if parts.len() > 1 {
            let mut product: Vec<Vec<ScopeId>> = vec![Vec::new()];
            for part in parts {
                let answers = self.solve(&part, held, banned)?;
                let mut next = Vec::new();
                'all: for p in &product {
                    for a in &answers {
                        if next.len() > MAX_ANSWERS {
                            break 'all;
                        }
                        let mut t = p.clone();
                        t.extend(a.iter().copied());
                        next.push(t);
                    }
                }
                product = next;
                if product.is_empty() {
                    break;
                }
            }
            return Some(product);
        }
        let part = &unmet;
        if part.len() <= self.split_at {
            return self.part(part, held, banned);
        }
        // The helper of the most requirements.
        let mut count: rustc_hash::FxHashMap<ScopeId, usize> = Default::default();
        for r in part {
            for h in self.helpers(r, &granted, banned) {
                *count.entry(h).or_default() += 1;
            }
        }
        let Some((&hub, _)) = count.iter().max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id))) else {
            return Some(Vec::new());
        };
        let mut with_held = held.to_vec();
        with_held.push(hub);
        let with: Vec<Vec<ScopeId>> = self
            .solve(part, &with_held, banned)?
            .into_iter()
            .map(|mut a| {
                a.push(hub);
                a
            })
            .collect();
        let mut banned_hub = banned.clone();
        banned_hub.insert(hub);
        let without = self.solve(part, held, &banned_hub)?;
        let size = |v: &Vec<Vec<ScopeId>>| v.first().map_or(usize::MAX, Vec::len);
        Some(match size(&with).cmp(&size(&without)) {
            std::cmp::Ordering::Less => with,
            std::cmp::Ordering::Greater => without,
            std::cmp::Ordering::Equal => {
                let mut all = with;
                all.extend(without);
                all
            }
        })
    }

    /// Every smallest addition to `held` that meets the part, or `None` past the budget.
    fn part(&mut self, part: &[&Dnf], held: &[ScopeId], banned: &ScopeSet) -> Option<Vec<Vec<ScopeId>>> {
        for bound in 1..=self.model.scopes.len() {
            let mut answers = BTreeSet::new();
            let mut current = held.to_vec();
            let mut excluded = banned.clone();
            self.dfs(part, &mut current, held.len() + bound, &mut excluded, &mut answers);
            if self.visited > BUDGET {
                return None;
            }
            if !answers.is_empty() {
                return Some(
                    answers
                        .into_iter()
                        .map(|a: Vec<ScopeId>| a.into_iter().filter(|s| !held.contains(s)).collect())
                        .collect(),
                );
            }
        }
        // Nothing meets it (a requirement no scope grants): no answers.
        Some(Vec::new())
    }

    fn dfs(
        &mut self,
        part: &[&Dnf],
        held: &mut Vec<ScopeId>,
        bound: usize,
        excluded: &mut ScopeSet,
        answers: &mut BTreeSet<Vec<ScopeId>>,
    ) {
        self.visited += 1;
        if self.visited > BUDGET || answers.len() > MAX_ANSWERS {
            return;
        }
        let granted = self.granted(held);
        let mut best: Option<Vec<ScopeId>> = None;
        for req in part.iter().filter(|r| !meets(r, &granted)) {
            let mut options: Vec<ScopeId> = Vec::new();
            for term in req.iter() {
                if let Some(missing) = term.iter().find(|s| !granted.contains(**s)) {
                    for g in &self.grantors[missing.index()] {
                        if !excluded.contains(*g) && !options.contains(g) {
                            options.push(*g);
                        }
                    }
                }
            }
            if best.as_ref().is_none_or(|b| options.len() < b.len()) {
                best = Some(options);
            }
        }
        let Some(options) = best else {
            let mut set = held.clone();
            set.sort();
            answers.insert(set);
            return;
        };
        if held.len() >= bound {
            return;
        }
        let mut tried = Vec::new();
        for g in options {
            held.push(g);
            self.dfs(part, held, bound, excluded, answers);
            held.pop();
            excluded.insert(g);
            tried.push(g);
            if self.visited > BUDGET {
                break;
            }
        }
        for g in tried {
            excluded.remove(g);
        }
    }

    /// One set that works: repeatedly add the helper that meets the most unmet requirements.
    fn greedy(&self, reqs: &[&Dnf], mut held: Vec<ScopeId>) -> Vec<ScopeId> {
        loop {
            let granted = self.granted(&held);
            let unmet: Vec<&Dnf> = reqs.iter().copied().filter(|r| !meets(r, &granted)).collect();
            let Some(first) = unmet.first() else { break };
            let options = self.helpers(first, &granted, &ScopeSet::empty(self.model.scopes.len()));
            let Some(best) = options.iter().max_by_key(|g| {
                let mut with = held.clone();
                with.push(**g);
                let granted = self.granted(&with);
                unmet.iter().filter(|r| meets(r, &granted)).count()
            }) else {
                break;
            };
            held.push(*best);
        }
        held.sort();
        held
    }
}
