//! What can go wrong in the store.

use std::fmt;

/// A store error.
#[derive(Debug)]
pub enum Error {
    /// The database failed.
    Sqlite(rusqlite::Error),
    /// No key has this id.
    NoSuchKey(i64),
    /// The key is revoked or expired, so it cannot be rotated.
    NotActive(i64),
    /// The system's random source failed.
    Random,
    /// A key of this length cannot hold its prefix and enough random characters.
    Length {
        /// The declared length.
        length: usize,
        /// The prefix's length.
        prefix: usize,
    },
    /// The database was written by a newer version of this store.
    NewerSchema(i64),
    /// A lock was poisoned by a panicking thread.
    Poisoned,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "database: {e}"),
            Error::NoSuchKey(id) => write!(f, "no key has id {id}"),
            Error::NotActive(id) => write!(f, "key {id} is revoked or expired"),
            Error::Random => f.write_str("the system's random source failed"),
            Error::Length { length, prefix } => write!(
                f,
                "a key of length {length} leaves {} characters after its {prefix}-character prefix; at least 16 are needed",
                length.saturating_sub(*prefix)
            ),
            Error::NewerSchema(v) => write!(f, "the database has schema version {v}, newer than this store knows"),
            Error::Poisoned => f.write_str("a database lock was poisoned"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}
