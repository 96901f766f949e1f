//! `scopec diff`: what a policy change does to access, decided over the two models (never
//! over text, so a reordered `a | b` is no change and a new `implies` is a widening of
//! every endpoint it reaches).
//!
//! A chain of passes, each comparing one part of the models and each reporting
//! [`Change`]s of the kinds in [`codes`]:
//!
//! 1. [`endpoints`]: endpoints matched by method and path shape (a renamed parameter is
//!    the same endpoint); access widened or narrowed, decided exactly ([`access`]), for
//!    the request without and with each `when` condition; data rules dropped, weakened,
//!    added or strengthened;
//! 2. [`scopes`]: scopes and aliases removed, renamed, added, aliased, deprecated, their
//!    `implies` and `requires`;
//! 3. [`auth`]: schemes, key formats, required headers, `effective`, error bodies and key
//!    facts, per api;
//! 4. [`bundles`].
//!
//! Requests are compared with every grant set of an `effective` line equal to the key's
//! own scopes; a change of the `effective` line itself is reported on its own.

pub mod access;
mod auth;
mod bundles;
pub mod codes;
mod endpoints;
mod scopes;

use crate::diagnostic::Span;
use crate::model::Model;

pub use codes::{Category, Kind};

/// One change between two versions of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// What changed: `GET /v1/orders/{id}`, `scope orders:read`, `api shop`.
    pub subject: String,
    /// The change in words (lower case, names in backticks).
    pub message: String,
    /// Where it is in the old and the new version.
    pub old: Option<Span>,
    pub new: Option<Span>,
    /// For access changes: the smallest request that moved, in words.
    pub witness: Option<String>,
    /// Endpoints whose access moves because of this change.
    pub endpoints: Vec<String>,
    /// For access changes: the names the witness key holds.
    pub key: Vec<String>,
}

impl Change {
    fn new(kind: Kind, subject: impl Into<String>, message: impl Into<String>) -> Change {
        Change {
            kind,
            subject: subject.into(),
            message: message.into(),
            old: None,
            new: None,
            witness: None,
            endpoints: Vec::new(),
            key: Vec::new(),
        }
    }

    fn spans(mut self, old: Option<Span>, new: Option<Span>) -> Change {
        self.old = old;
        self.new = new;
        self
    }
}

/// Every change from `old` to `new`, pass by pass, each pass in source order.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut names = (access::Names::new(old), access::Names::new(new));
    access::link(&mut names.0, &mut names.1);
    let mut out = endpoints::compare(&names);
    out.extend(scopes::compare(&names, &out));
    out.extend(auth::compare(old, new));
    out.extend(bundles::compare(old, new));
    out
}

/// Whether any change is in one of `categories`.
pub fn fails(changes: &[Change], categories: &[Category]) -> bool {
    changes.iter().any(|c| categories.contains(&c.kind.category))
}
