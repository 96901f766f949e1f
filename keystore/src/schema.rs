//! The database schema, as numbered migrations (`PRAGMA user_version` records how many
//! have run).

use rusqlite::Connection;

use super::error::Error;

/// The migrations, in order. A migration is never edited once released: a change is a new
/// one.
pub const MIGRATIONS: &[&str] = &[
    // 1: keys, installation grants, and the append-only audit log.
    "CREATE TABLE keys (
        id          INTEGER PRIMARY KEY,
        hash        BLOB    NOT NULL UNIQUE,
        display     TEXT    NOT NULL,
        prefix      TEXT    NOT NULL,
        length      INTEGER,
        api         TEXT    NOT NULL,
        kind        TEXT,
        scopes      TEXT    NOT NULL,
        tenant      TEXT,
        label       TEXT    NOT NULL,
        created_at  INTEGER NOT NULL,
        expires_at  INTEGER,
        revoked_at  INTEGER,
        replaced_by INTEGER REFERENCES keys(id)
    );
    CREATE TABLE grants (
        tenant    TEXT NOT NULL,
        grant_set TEXT NOT NULL,
        scopes    TEXT NOT NULL,
        PRIMARY KEY (tenant, grant_set)
    );
    CREATE TABLE audit (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     INTEGER NOT NULL,
        actor  TEXT    NOT NULL,
        action TEXT    NOT NULL,
        key_id INTEGER,
        detail TEXT    NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
];

/// Brings the database up to the newest schema, one migration per transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), Error> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Err(Error::NewerSchema(version));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
