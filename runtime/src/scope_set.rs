//! Sets of scope and alias names: fixed-size bitsets.

use super::policy::{Policy, Words};

/// A set of scope and alias names, as granted: a fixed-size bitset.
///
/// Sets record names as granted (an alias stays the alias), because grant sets are
/// intersected on names before aliases and `implies` are resolved; [`ScopeSet::effective`]
/// resolves them. Bit `i` of word `i / 64` is name `i`: the scopes in declaration order,
/// then the aliases.
pub struct ScopeSet<P: Policy>(P::Words);

impl<P: Policy> Clone for ScopeSet<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Policy> Copy for ScopeSet<P> {}

impl<P: Policy> PartialEq for ScopeSet<P> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<P: Policy> Eq for ScopeSet<P> {}

impl<P: Policy> core::hash::Hash for ScopeSet<P> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<P: Policy> core::fmt::Debug for ScopeSet<P> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut set = f.debug_set();
        for i in 0..P::SCOPE_NAMES.len() {
            if self.has(i) {
                set.entry(&P::SCOPE_NAMES[i]);
            }
        }
        set.finish()
    }
}

impl<P: Policy> Default for ScopeSet<P> {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl<P: Policy> ScopeSet<P> {
    /// The empty set.
    pub const EMPTY: ScopeSet<P> = ScopeSet(P::Words::ZERO);

    /// A set from its words (bit `i` of word `i / 64` is name `i`). *For generated code.*
    pub const fn from_words(words: P::Words) -> ScopeSet<P> {
        ScopeSet(words)
    }

    #[inline(always)]
    fn words(&self) -> &[u64] {
        self.0.as_ref()
    }

    /// Adds the name with bit `bit`.
    #[inline]
    pub fn set(&mut self, bit: usize) {
        self.0.as_mut()[bit / 64] |= 1 << (bit % 64);
    }

    /// True when the set holds the name with bit `bit`.
    #[inline]
    pub fn has(&self, bit: usize) -> bool {
        self.words().get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    /// Adds a scope.
    pub fn insert(&mut self, scope: P::Scope) {
        self.set(P::scope_index(scope));
    }

    /// True when the set holds the scope itself (not through an alias or `implies`; see
    /// [`ScopeSet::effective`]).
    pub fn contains(&self, scope: P::Scope) -> bool {
        self.has(P::scope_index(scope))
    }

    /// Adds a scope or alias by its exact name (no trimming, no case folding); false
    /// (and no change) for an unknown name.
    pub fn insert_name(&mut self, name: &str) -> bool {
        match P::name_index(name) {
            Some(i) => {
                self.set(i);
                true
            }
            None => false,
        }
    }

    /// A set from names; each unknown name is passed to `unknown` and otherwise ignored.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>, mut unknown: impl FnMut(&'a str)) -> ScopeSet<P> {
        let mut set = ScopeSet::EMPTY;
        for name in names {
            if !set.insert_name(name) {
                unknown(name);
            }
        }
        set
    }

    /// The names in both sets.
    #[inline]
    pub fn intersection(&self, other: &ScopeSet<P>) -> ScopeSet<P> {
        let mut out = *self;
        for (a, b) in out.0.as_mut().iter_mut().zip(other.words()) {
            *a &= *b;
        }
        out
    }

    /// The names of `self` that are not in `other`.
    #[inline]
    pub fn difference(&self, other: &ScopeSet<P>) -> ScopeSet<P> {
        let mut out = *self;
        for (a, b) in out.0.as_mut().iter_mut().zip(other.words()) {
            *a &= !*b;
        }
        out
    }

    /// True when every name of `self` is in `other`.
    #[inline]
    pub fn is_subset(&self, other: &ScopeSet<P>) -> bool {
        self.words().iter().zip(other.words()).all(|(a, b)| a & !b == 0)
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words().iter().all(|w| *w == 0)
    }

    /// The scopes held once aliases grant their targets and scopes what they imply.
    #[inline]
    pub fn effective(&self) -> ScopeSet<P> {
        let tables = P::tables();
        if !tables.closes || self.is_subset(&tables.self_contained) {
            return *self;
        }
        let mut out = ScopeSet::<P>::EMPTY;
        for (w, word) in self.words().iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                if let Some(closure) = tables.closure.get(w * 64 + bits.trailing_zeros() as usize) {
                    for (o, c) in out.0.as_mut().iter_mut().zip(closure.words()) {
                        *o |= *c;
                    }
                }
                bits &= bits - 1;
            }
        }
        out
    }

    /// The declared scopes in the set, in declaration order.
    pub fn scopes(&self) -> impl Iterator<Item = P::Scope> + '_ {
        P::SCOPES.iter().copied().filter(move |s| self.contains(*s))
    }

    /// The indices of the declared scopes in the set, in declaration order.
    pub fn ids(&self) -> impl Iterator<Item = usize> + '_ {
        (0..P::SCOPES.len()).filter(move |i| self.has(*i))
    }
}
