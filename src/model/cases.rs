//! Resolved `test` blocks: requests and the decisions expected for them.

use super::{ApiId, Dnf, SchemeKind};
use crate::diagnostic::Span;

/// A `test "name" { … }` block.
#[derive(Debug, Clone)]
pub struct TestSuite {
    pub name: String,
    pub cases: Vec<TestCase>,
    pub span: Span,
}

/// One request line of a test block.
#[derive(Debug, Clone)]
pub struct TestCase {
    pub method: String,
    pub target: String,
    pub api: Option<ApiId>,
    /// The key's scopes as written; `None` when the request carries no key.
    pub key: Option<Vec<String>>,
    /// How the key is sent; `None`: any scheme the api accepts.
    pub via: Option<SchemeKind>,
    /// The key's kind (a declared kind's name); `None`: not stated.
    pub kind: Option<String>,
    /// Other grant sets (`grant installation = …`), by name.
    pub grants: Vec<(String, Vec<String>)>,
    /// The headers the request carries (and no others).
    pub headers: Vec<(String, String)>,
    pub expected: Expected,
    pub span: Span,
    pub expect_span: Span,
}

/// The decision a test case expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Allowed with exactly these fields stripped and masked, filters applied and
    /// obligations returned (each sorted).
    Allow {
        strip: Vec<String>,
        mask: Vec<String>,
        filter: Vec<String>,
        oblige: Vec<String>,
    },
    /// Denied (403); with `Some`, exactly these missing alternatives.
    Deny {
        missing: Option<Dnf>,
    },
    Unauthenticated,
    NotFound,
    MethodNotAllowed,
    Rejected,
}
