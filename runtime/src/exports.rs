// The items a generated module and its users name most, at the crate root.
pub use body::{Body, Errors, Piece};
pub use decision::{authorize, authorize_with_headers, locate, Allowed, Decision, Denied};
pub use endpoint::{ApiData, EndpointData, EndpointInfo, Requirement, Rule};
pub use headers::Headers;
pub use key_format::{check_key_format, KeyFormat, KeyFormatError};
pub use kind::{KindData, KindId};
pub use method::Method;
pub use policy::{Policy, Tables, Words};
pub use query::When;
pub use rejection::Rejection;
pub use route::{Miss, Node, Route, Walk, MAX_DEPTH, NONE};
pub use scheme::{Key, Scheme, SchemeKind, Via};
pub use scope_set::ScopeSet;
