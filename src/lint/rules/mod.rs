//! One module per lint rule; the registry lists them in order.

pub(crate) mod catch_all_swallows;
pub(crate) mod deprecated_used;
pub(crate) mod forbidden_exposed;
pub(crate) mod literal_weaker_than_param;
pub(crate) mod missing_description;
pub(crate) mod mixed_naming;
pub(crate) mod non_minimal_requirement;
pub(crate) mod public_endpoint;
pub(crate) mod read_guarded_by_write;
pub(crate) mod redundant_bundle_scope;
pub(crate) mod requires_violated;
pub(crate) mod rule_never_applies;
pub(crate) mod trailing_slash_twins;
pub(crate) mod unused_scope;
pub(crate) mod unused_suppression;
pub(crate) mod write_guarded_by_read;
pub(crate) mod write_without_read;
