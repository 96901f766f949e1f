//! A reference key store for `scopec-tower` on SQLite: the key lifecycle scopec's seed
//! policies describe.
//!
//! - A key is shown once, when it is issued ([`Issued::secret`]); the store keeps only its
//!   SHA-256 hash and a short display prefix.
//! - Each key belongs to one api and kind, has the prefix and length of a declared key
//!   format, its scopes, and optionally a tenant and an expiry date.
//! - Rotation issues a replacement; the old key keeps working for a grace window (the
//!   policy's `rotation grace`, 24 h for PlusMedical), then expires.
//! - Revocation takes effect at once.
//! - Every action is appended to an audit log that the database itself refuses to change.
//! - Installation grants per tenant fill the grant sets of the api's `effective` line
//!   (MaxCare: the key's scopes ∩ what the clinic approved).
//!
//! Writes go through one connection, reads through a small pool, on a WAL database, so
//! lookups run beside a write. Time comes from a [`Clock`], so tests move it by hand.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod clock;
pub mod error;
pub mod lookup;
pub mod records;
pub mod schema;
pub mod secret;
pub mod store;
#[doc(hidden)]
pub mod testing;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::Error;
pub use lookup::Resolved;
pub use records::{AuditEntry, Issued, KeyRecord, KeyState, NewKey};
pub use store::{Options, SqliteStore};
