//! OpenAPI security annotations: a standalone document for a policy, or the user's own
//! document annotated in place, with drift reported as diagnostics.
//!
//! Requirements map exactly: `a | b` is two Security Requirement Objects (OR), `a & b` one
//! object holding both scopes (AND), `public` is `security: []`, `authenticated` the
//! api's schemes with no scopes. An api with several schemes (a header and a legacy
//! header, say) multiplies the alternatives: any scheme, with any alternative.
//!
//! OpenAPI 3.1 puts the scope names in the requirement arrays. OpenAPI 3.0 requires those
//! arrays to be empty for `http` and `apiKey` schemes, so 3.0 output keeps them empty (the
//! operation needs a valid key) and carries the 3.1-shaped requirement, scopes included,
//! in `x-scopec-security`. Data rules, `when` conditions and aliases travel in `x-scopec-*`
//! extensions (see `docs/openapi.md`).

mod annotate;
mod document;
mod names;
mod security;
pub mod yaml;

pub use annotate::{AnnotateError, Annotated, annotate};
pub use document::standalone;
pub use security::security_requirements;

/// Which OpenAPI version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    V3_0,
    #[default]
    V3_1,
}

impl Version {
    pub fn number(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0.3",
            Version::V3_1 => "3.1.0",
        }
    }
}

/// Drift codes reported by [`annotate`].
pub mod codes {
    /// An operation of the spec matches no endpoint of the policy: nothing guards it.
    pub const UNGUARDED: &str = "D0001";
    /// An endpoint of the policy is missing from the spec.
    pub const MISSING: &str = "D0002";
    /// A path parameter is named differently in the spec and in the policy.
    pub const PARAM_NAME: &str = "D0003";
}
