//! Key kinds: what the tables say of each `kind` of a policy.

use super::policy::Policy;
use super::scope_set::ScopeSet;

/// A key kind, by its index in [`crate::Tables::kinds`] (the order of the policy's `kind`
/// declarations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KindId(pub u16);

impl KindId {
    /// The kind of that name, if the policy declares it.
    pub fn named<P: Policy>(name: &str) -> Option<KindId> {
        let i = P::tables().kinds.iter().position(|k| k.name == name)?;
        u16::try_from(i).ok().map(KindId)
    }

    /// The kind's name in the policy.
    pub fn name<P: Policy>(self) -> &'static str {
        P::tables().kinds.get(usize::from(self.0)).map_or("", |k| k.name)
    }
}

/// One key kind. *For generated code.*
pub struct KindData<P: Policy> {
    /// The kind's name in the policy.
    pub name: &'static str,
    /// The names (scopes, and aliases of them) a key of the kind can hold; `None`: any.
    /// A key's other names grant nothing, and its effective scopes stay within these.
    pub holds: Option<ScopeSet<P>>,
}

impl<P: Policy> KindData<P> {
    /// `names` within what the kind can hold.
    #[inline]
    pub fn restrict(&self, names: ScopeSet<P>) -> ScopeSet<P> {
        match &self.holds {
            Some(holds) => names.intersection(holds),
            None => names,
        }
    }
}
