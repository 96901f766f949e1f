//! The contract between a generated module and this crate: the [`Policy`] trait the
//! module implements, and the [`Tables`] it hands over.

use super::body::Errors;
use super::endpoint::{ApiData, EndpointData, EndpointInfo};
use super::key_format::KeyFormat;
use super::kind::KindData;
use super::method::Method;
use super::route::{Node, Route, Walk};
use super::scope_set::ScopeSet;

/// The words of a scope set: `[u64; N]` for a policy of up to `64 * N` names.
pub trait Words:
    Copy + Eq + core::hash::Hash + core::fmt::Debug + AsRef<[u64]> + AsMut<[u64]> + Send + Sync + 'static
{
    /// Every bit clear.
    const ZERO: Self;
}

impl<const N: usize> Words for [u64; N] {
    const ZERO: Self = [0; N];
}

/// A compiled policy, implemented by the unit struct `Policy` of a generated module.
///
/// Everything that varies from policy to policy is here: the scope enum, the width of
/// scope sets, the grant sets apis intersect, the static tables and the route tree walk
/// (generated as code, one function per node). The rest of this crate is generic over it
/// and is monomorphized into the caller, so no call goes through a pointer.
pub trait Policy: Copy + Eq + Default + core::fmt::Debug + Send + Sync + 'static {
    /// The policy's scopes.
    type Scope: Copy + Send + Sync + 'static;
    /// The storage of a scope set.
    type Words: Words;
    /// The named grant sets that apis intersect with a key's scopes (`effective` lines).
    type Grants: Copy + Default + core::fmt::Debug + Send + Sync + 'static;
    /// One of the grant sets of [`Policy::Grants`].
    type GrantSet: Copy + Send + Sync + 'static;

    /// Every scope, in declaration order.
    const SCOPES: &'static [Self::Scope];
    /// Each scope's name, in declaration order.
    const SCOPE_NAMES: &'static [&'static str];

    /// The policy's tables.
    fn tables() -> &'static Tables<Self>;
    /// The index of a scope in [`Policy::SCOPES`].
    fn scope_index(scope: Self::Scope) -> usize;
    /// The name bit of a scope or alias name (scopes first, then aliases), if declared.
    fn name_index(name: &str) -> Option<usize>;
    /// A grant set of a request.
    fn grant(grants: &Self::Grants, set: Self::GrantSet) -> &ScopeSet<Self>;
    /// Sets a grant set by its name in the policy (`installation`); false for a name the
    /// policy's `effective` lines do not use.
    fn set_grant(grants: &mut Self::Grants, name: &str, set: ScopeSet<Self>) -> bool;
    /// The fast walk of the route tree from its root, at the byte after the target's
    /// leading `/` (see [`crate::route`]).
    fn route(t: &[u8]) -> Walk;
}

/// The static tables of a policy.
pub struct Tables<P: Policy> {
    /// For each name bit (scopes, then aliases), the scopes it grants.
    pub closure: &'static [ScopeSet<P>],
    /// The scopes that grant only themselves: a set of them needs no closing.
    pub self_contained: ScopeSet<P>,
    /// False when no name grants more than itself (no alias, no `implies`).
    pub closes: bool,
    /// The route tree's nodes; node 0 is the root.
    pub nodes: &'static [Node],
    /// Each node's literal children and the nodes they lead to, in ascending byte order
    /// (the general path's lookup).
    pub literals: &'static [&'static [(&'static [u8], u16)]],
    /// Each node's literal children in ASCII lower case, by length and then bytes, without
    /// twins (the case-variant check).
    pub folded: &'static [&'static [&'static [u8]]],
    /// The routes (distinct path patterns).
    pub routes: &'static [Route],
    /// The endpoint of each route for each [`Method::code`], or [`crate::NONE`].
    pub endpoint_of: &'static [[u16; Method::COUNT]],
    /// What deciding needs of each endpoint.
    pub endpoint_data: &'static [EndpointData<P>],
    /// Public facts about each endpoint.
    pub endpoints: &'static [EndpointInfo],
    /// Each api's schemes and grant sets.
    pub apis: &'static [ApiData<P>],
    /// Each api's error bodies, then the file's (for 400 and 404).
    pub errors: &'static [Errors],
    /// Every declared key format.
    pub key_formats: &'static [KeyFormat],
    /// The policy's key kinds.
    pub kinds: &'static [KindData<P>],
}
