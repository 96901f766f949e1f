//! Facts of the policy language that every stage shares: the HTTP methods and the limits
//! of what a policy may hold. It sits below every stage and imports none of them.

pub use scopec_runtime::Method;

/// The most segments a path pattern may have, base included (`E0208`). It is the
/// generated runtime's bound, so every walk of the route tree uses bounded stack.
pub const MAX_PATH_SEGMENTS: usize = scopec_runtime::MAX_DEPTH;

/// The most alternatives a requirement may expand to (`E0207`).
pub const DNF_LIMIT: usize = 256;

/// How many entries the scopes' `implies` closures (what each scope grants) may hold in
/// all. They can grow with the square of the number of scopes (a chain of n scopes
/// grants n(n+1)/2), so validation stops at this bound (E0113) instead of building them.
pub const MAX_GRANTS: usize = 1_000_000;

/// The methods an endpoint may use, by name, in code order.
pub fn method_names() -> impl Iterator<Item = &'static str> {
    Method::ALL.iter().map(|m| m.as_str())
}
