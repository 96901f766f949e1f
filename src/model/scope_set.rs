//! A set of scope ids as a bitset.

use super::{Id, ScopeId};

/// A fixed-capacity set of scopes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ScopeSet {
    words: Vec<u64>,
}

impl ScopeSet {
    /// An empty set able to hold `n` scopes.
    pub fn empty(n: usize) -> Self {
        ScopeSet { words: vec![0; n.div_ceil(64)] }
    }

    /// The set of all `n` scopes.
    pub fn full(n: usize) -> Self {
        let mut s = ScopeSet::empty(n);
        for i in 0..n {
            s.insert(ScopeId::new(i));
        }
        s
    }

    pub fn insert(&mut self, id: ScopeId) {
        let id = id.index();
        let w = id / 64;
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1 << (id % 64);
    }

    pub fn remove(&mut self, id: ScopeId) {
        let id = id.index();
        if let Some(w) = self.words.get_mut(id / 64) {
            *w &= !(1 << (id % 64));
        }
    }

    pub fn contains(&self, id: ScopeId) -> bool {
        let id = id.index();
        self.words.get(id / 64).is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    pub fn intersect_with(&mut self, other: &ScopeSet) {
        for (i, a) in self.words.iter_mut().enumerate() {
            *a &= other.words.get(i).copied().unwrap_or(0);
        }
    }

    /// True when every scope of `term` is in the set.
    pub fn holds_all(&self, term: &[ScopeId]) -> bool {
        term.iter().all(|s| self.contains(*s))
    }

    /// The members, ascending.
    pub fn iter(&self) -> impl Iterator<Item = ScopeId> + '_ {
        self.words
            .iter()
            .enumerate()
            .flat_map(|(i, w)| (0..64).filter(move |b| w & (1u64 << b) != 0).map(move |b| ScopeId::new(i * 64 + b)))
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let id = ScopeId::new;
        let mut a = ScopeSet::empty(70);
        a.insert(id(1));
        a.insert(id(65));
        let mut b = ScopeSet::empty(70);
        b.insert(id(65));
        assert!(a.holds_all(&[id(1), id(65)]));
        a.intersect_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![id(65)]);
        assert!(ScopeSet::full(3).holds_all(&[id(0), id(1), id(2)]));
    }
}
