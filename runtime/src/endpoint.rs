//! What the tables hold about apis and endpoints.

use super::kind::KindId;
use super::method::Method;
use super::policy::Policy;
use super::query::When;
use super::scheme::Scheme;
use super::scope_set::ScopeSet;

/// A requirement: no key at all (`anonymous`), or a key holding one of `alternatives`.
/// *For generated code.*
pub struct Requirement<P: Policy> {
    /// `public`: a request without a key is served.
    pub anonymous: bool,
    /// The scope sets of which a key must hold one (an empty set: any key), for a key of
    /// any kind not in `by_kind`, or of no known kind.
    pub alternatives: &'static [ScopeSet<P>],
    /// For each kind some alternative is restricted to, the scope sets a key of that kind
    /// must hold one of (`alternatives` and that kind's own).
    pub by_kind: &'static [(KindId, &'static [ScopeSet<P>])],
    /// The requirement as the policy writes it.
    pub text: &'static str,
}

impl<P: Policy> Requirement<P> {
    /// The scope sets a key of `kind` must hold one of.
    #[inline]
    pub fn for_kind(&self, kind: Option<KindId>) -> &'static [ScopeSet<P>] {
        match (kind, self.by_kind) {
            (Some(k), by_kind) if !by_kind.is_empty() => {
                by_kind.iter().find(|(x, _)| *x == k).map_or(self.alternatives, |(_, a)| a)
            }
            _ => self.alternatives,
        }
    }
}

/// A data rule's condition: it applies unless the key holds one of `unless`.
/// *For generated code.*
pub struct Rule<P: Policy> {
    /// The scope sets that lift the rule (none: it always applies).
    pub unless: &'static [ScopeSet<P>],
}

/// What deciding needs of one endpoint. *For generated code.*
pub struct EndpointData<P: Policy> {
    /// Index into [`crate::Tables::apis`].
    pub api: usize,
    /// The endpoint's `when` conditions on the query.
    pub whens: &'static [When],
    /// Indexed by the bitmask of `when`s the query meets.
    pub requirements: &'static [Requirement<P>],
    /// The data rules, in declaration order (bit `i` of an [`crate::Allowed`]'s mask).
    pub rules: &'static [Rule<P>],
    /// Fields to strip, sorted, each with the mask of rules that strip it.
    pub strip: &'static [(&'static str, u32)],
    /// Fields to mask, sorted, each with the mask of rules that mask it.
    pub mask: &'static [(&'static str, u32)],
    /// Row filters, sorted, each with the mask of rules that name it.
    pub filters: &'static [(&'static str, u32)],
    /// Obligations (`oblige`), sorted, each with the mask of rules that name it.
    pub obligations: &'static [(&'static str, u32)],
}

/// Each api's schemes and grant sets. *For generated code.*
pub struct ApiData<P: Policy> {
    /// The api's name.
    pub name: &'static str,
    /// The schemes the api accepts keys by.
    pub schemes: &'static [Scheme],
    /// Every scheme is legacy (a key sent [`crate::Via::Accepted`] counts as legacy).
    pub all_legacy: bool,
    /// The grant sets intersected with the key's scopes.
    pub grant_sets: &'static [P::GrantSet],
    /// The kinds of key its `keys` block names (empty when it names none).
    pub kinds: &'static [&'static str],
    /// How long a rotated key keeps working (`rotation grace`), in seconds, if declared.
    pub rotation_grace: Option<u64>,
}

/// Public facts about an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointInfo {
    /// The api's name.
    pub api: &'static str,
    /// The endpoint's method.
    pub method: Method,
    /// The full path pattern, base included.
    pub path: &'static str,
    /// The one-line summary, if declared.
    pub summary: Option<&'static str>,
    /// The requirement without `when` conditions: `public`, `authenticated` or an expression.
    pub requirement: &'static str,
    /// The rate-limit tier (`rate tier2`), its own or its api's, if any.
    pub rate: Option<&'static str>,
}
