//! One module per lint rule; the registry lists them in order.

pub(crate) mod body_on_get;
pub(crate) mod case_twins;
pub(crate) mod catch_all_swallows;
pub(crate) mod deprecated_used;
pub(crate) mod forbidden_exposed;
pub(crate) mod literal_weaker_than_param;
pub(crate) mod missing_description;
pub(crate) mod mixed_naming;
pub(crate) mod non_minimal_requirement;
pub(crate) mod obligation_on_public;
pub(crate) mod public_endpoint;
pub(crate) mod read_guarded_by_write;
pub(crate) mod redundant_bundle_scope;
pub(crate) mod requires_violated;
pub(crate) mod rule_never_applies;
pub(crate) mod trailing_slash_twins;
pub(crate) mod undocumented_condition;
pub(crate) mod unholdable_alternative;
pub(crate) mod unliftable_rule;
pub(crate) mod unused_rate_tier;
pub(crate) mod unused_scope;
pub(crate) mod unused_suppression;
pub(crate) mod write_guarded_by_read;
pub(crate) mod write_without_read;

use crate::model::{Access, Endpoint, Model};

/// The endpoints with one of `methods` whose every way in needs only scopes of `access`
/// (public endpoints and requirements with a scope-free alternative excluded): shared by
/// the read-guarded-by-write and write-guarded-by-read rules.
pub(crate) fn guarded_only_by<'m>(
    m: &'m Model,
    methods: &'static [&'static str],
    access: Access,
) -> impl Iterator<Item = &'m Endpoint> {
    m.endpoints.iter().filter(move |e| {
        let terms = e.requirement.alternatives();
        methods.contains(&e.method.as_str())
            && !e.requirement.anonymous
            && !terms.iter().any(|(_, t)| t.is_empty())
            && terms.iter().flat_map(|(_, t)| t.iter()).all(|s| m.scopes[*s].access == access)
    })
}
