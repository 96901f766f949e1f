//! [`SqliteStore`]: opening the database and every key action.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use http::HeaderName;
use rusqlite::{Connection, OptionalExtension, params};

use super::clock::Clock;
use super::error::Error;
use super::records::{AuditEntry, Issued, KeyRecord, KeyState, NewKey};
use super::{schema, secret};

/// How the store is opened.
#[derive(Debug, Clone)]
pub struct Options {
    /// Read connections beside the one writer (at least one).
    pub readers: usize,
    /// The request header naming the tenant whose installation grants apply
    /// (`X-Organization-Id` for MaxCare). Without it, a key's own tenant is used.
    pub tenant_header: Option<HeaderName>,
}

impl Default for Options {
    fn default() -> Self {
        Options { readers: 4, tenant_header: None }
    }
}

/// A key store in one SQLite file.
pub struct SqliteStore<C: Clock> {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next: AtomicUsize,
    pub(crate) clock: C,
    pub(crate) tenant_header: Option<HeaderName>,
}

fn connect(path: &Path) -> Result<Connection, Error> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// Scope names are stored space-separated (a scope name holds no space).
fn join(scopes: &[String]) -> String {
    scopes.join(" ")
}

pub(crate) fn split(scopes: &str) -> Vec<String> {
    scopes.split(' ').filter(|s| !s.is_empty()).map(str::to_string).collect()
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, Error> {
    m.lock().map_err(|_| Error::Poisoned)
}

impl<C: Clock> SqliteStore<C> {
    /// Opens (creating if needed) the store at `path` and runs its migrations.
    pub fn open(path: impl AsRef<Path>, options: Options, clock: C) -> Result<Self, Error> {
        let path = path.as_ref();
        let mut writer = connect(path)?;
        schema::migrate(&mut writer)?;
        let readers = (0..options.readers.max(1)).map(|_| connect(path).map(Mutex::new)).collect::<Result<_, _>>()?;
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            readers,
            next: AtomicUsize::new(0),
            clock,
            tenant_header: options.tenant_header,
        })
    }

    /// A read connection: the first free one, else the next in turn.
    pub(crate) fn reader(&self) -> Result<MutexGuard<'_, Connection>, Error> {
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return Ok(guard);
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }

    /// Issues a key. Its secret is in the answer and nowhere else.
    pub fn create(&self, key: &NewKey, actor: &str) -> Result<Issued, Error> {
        let mut conn = lock(&self.writer)?;
        let tx = conn.transaction()?;
        let issued = insert(&tx, key, self.clock.now())?;
        audit(
            &tx,
            self.clock.now(),
            actor,
            "create",
            Some(issued.id),
            &format!("api {} scopes {}", key.api, join(&key.scopes)),
        )?;
        tx.commit()?;
        Ok(issued)
    }

    /// Issues a replacement for key `id` with the same api, kind, format, scopes, tenant
    /// and label; the old key keeps working for `grace_seconds` (never past its own
    /// expiry), then expires.
    pub fn rotate(&self, id: i64, grace_seconds: u64, actor: &str) -> Result<Issued, Error> {
        let now = self.clock.now();
        let mut conn = lock(&self.writer)?;
        let tx = conn.transaction()?;
        let old = record(&tx, id, now)?.ok_or(Error::NoSuchKey(id))?;
        if old.state != KeyState::Active {
            return Err(Error::NotActive(id));
        }
        let format: (String, Option<i64>) =
            tx.query_row("SELECT prefix, length FROM keys WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let new = NewKey {
            api: old.api.clone(),
            kind: old.kind.clone(),
            prefix: format.0,
            length: format.1.and_then(|n| usize::try_from(n).ok()),
            scopes: old.scopes.clone(),
            tenant: old.tenant.clone(),
            expires_at: old.expires_at,
            label: old.label.clone(),
        };
        let issued = insert(&tx, &new, now)?;
        let grace_end = now.saturating_add(i64::try_from(grace_seconds).unwrap_or(i64::MAX));
        let ends = old.expires_at.map_or(grace_end, |e| e.min(grace_end));
        tx.execute("UPDATE keys SET expires_at = ?1, replaced_by = ?2 WHERE id = ?3", params![ends, issued.id, id])?;
        audit(&tx, now, actor, "rotate", Some(id), &format!("replaced by key {}; works until {ends}", issued.id))?;
        tx.commit()?;
        Ok(issued)
    }

    /// Revokes key `id`, at once. Revoking a revoked key changes nothing (and is logged).
    pub fn revoke(&self, id: i64, actor: &str) -> Result<(), Error> {
        let now = self.clock.now();
        let mut conn = lock(&self.writer)?;
        let tx = conn.transaction()?;
        let changed =
            tx.execute("UPDATE keys SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL", params![now, id])?;
        if changed == 0 && record(&tx, id, now)?.is_none() {
            return Err(Error::NoSuchKey(id));
        }
        audit(&tx, now, actor, "revoke", Some(id), if changed == 0 { "already revoked" } else { "revoked" })?;
        tx.commit()?;
        Ok(())
    }

    /// Sets what `tenant`'s installation approved for `grant_set` (`installation`).
    pub fn grant(&self, tenant: &str, grant_set: &str, scopes: &[String], actor: &str) -> Result<(), Error> {
        let now = self.clock.now();
        let mut conn = lock(&self.writer)?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO grants (tenant, grant_set, scopes) VALUES (?1, ?2, ?3)
             ON CONFLICT (tenant, grant_set) DO UPDATE SET scopes = excluded.scopes",
            params![tenant, grant_set, join(scopes)],
        )?;
        audit(&tx, now, actor, "grant", None, &format!("tenant {tenant} {grant_set} = {}", join(scopes)))?;
        tx.commit()?;
        Ok(())
    }

    /// Every key, oldest first.
    pub fn list(&self) -> Result<Vec<KeyRecord>, Error> {
        let now = self.clock.now();
        let conn = self.reader()?;
        let mut stmt = conn.prepare(&format!("{SELECT_RECORD} ORDER BY id"))?;
        let rows = stmt.query_map([], |r| from_row(r, now))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One key.
    pub fn get(&self, id: i64) -> Result<Option<KeyRecord>, Error> {
        let conn = self.reader()?;
        record(&conn, id, self.clock.now())
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, Error> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare("SELECT id, at, actor, action, key_id, detail FROM audit ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                key_id: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs `f` on the writer connection (for tests that try to tamper with the log).
    #[doc(hidden)]
    pub fn with_writer<T>(&self, f: impl FnOnce(&Connection) -> T) -> Result<T, Error> {
        Ok(f(&*lock(&self.writer)?))
    }
}

const SELECT_RECORD: &str =
    "SELECT id, display, api, kind, scopes, tenant, label, created_at, expires_at, revoked_at, replaced_by FROM keys";

fn from_row(r: &rusqlite::Row<'_>, now: i64) -> rusqlite::Result<KeyRecord> {
    let (expires_at, revoked_at, replaced_by): (Option<i64>, Option<i64>, Option<i64>) =
        (r.get(8)?, r.get(9)?, r.get(10)?);
    Ok(KeyRecord {
        id: r.get(0)?,
        display: r.get(1)?,
        api: r.get(2)?,
        kind: r.get(3)?,
        scopes: split(&r.get::<_, String>(4)?),
        tenant: r.get(5)?,
        label: r.get(6)?,
        created_at: r.get(7)?,
        expires_at,
        revoked_at,
        replaced_by,
        state: state(now, expires_at, revoked_at, replaced_by),
    })
}

/// A key's state at `now`. A key works while `now` is before its expiry: at the expiry
/// second it no longer does.
pub(crate) fn state(now: i64, expires_at: Option<i64>, revoked_at: Option<i64>, replaced_by: Option<i64>) -> KeyState {
    if revoked_at.is_some() {
        KeyState::Revoked
    } else if expires_at.is_some_and(|e| now >= e) {
        KeyState::Expired
    } else if replaced_by.is_some() {
        KeyState::Rotated
    } else {
        KeyState::Active
    }
}

fn record(conn: &Connection, id: i64, now: i64) -> Result<Option<KeyRecord>, Error> {
    Ok(conn.query_row(&format!("{SELECT_RECORD} WHERE id = ?1"), [id], |r| from_row(r, now)).optional()?)
}

fn insert(conn: &Connection, key: &NewKey, now: i64) -> Result<Issued, Error> {
    let secret = secret::generate(&key.prefix, key.length)?;
    conn.execute(
        "INSERT INTO keys (hash, display, prefix, length, api, kind, scopes, tenant, label, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            &secret::hash(&secret)[..],
            secret::display(&secret, &key.prefix),
            key.prefix,
            key.length.and_then(|n| i64::try_from(n).ok()),
            key.api,
            key.kind,
            join(&key.scopes),
            key.tenant,
            key.label,
            now,
            key.expires_at
        ],
    )?;
    Ok(Issued { id: conn.last_insert_rowid(), secret })
}

fn audit(
    conn: &Connection,
    at: i64,
    actor: &str,
    action: &str,
    key_id: Option<i64>,
    detail: &str,
) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, key_id, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, actor, action, key_id, detail],
    )?;
    Ok(())
}
