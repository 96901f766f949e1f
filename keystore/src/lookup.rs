//! Resolving a presented key: the store as a [`scopec_tower::KeyStore`].

use rusqlite::{OptionalExtension, params};
use scopec_runtime::Policy;
use scopec_tower::{KeyStore, Lookup, StoreError, StoredKey};

use super::clock::Clock;
use super::error::Error;
use super::records::KeyState;
use super::secret;
use super::store::{SqliteStore, split, state};

/// A key that works now, with the grant sets of its tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Its id.
    pub id: i64,
    /// Its kind.
    pub kind: Option<String>,
    /// Its scopes, as granted.
    pub scopes: Vec<String>,
    /// Its tenant.
    pub tenant: Option<String>,
    /// The tenant's grant sets, by name.
    pub grants: Vec<(String, Vec<String>)>,
}

impl<C: Clock> SqliteStore<C> {
    /// The key `key` for `api`, if it exists, belongs to `api` and works now. `tenant` is
    /// the tenant the request names (the tenant header); a key bound to a tenant works only
    /// for that tenant, and the grants are those of the request's tenant (or else the key's).
    pub fn resolve(&self, key: &str, api: &str, tenant: Option<&str>) -> Result<Option<Resolved>, Error> {
        let now = self.clock.now();
        let conn = self.reader()?;
        let hash = secret::hash(key);
        type Row = (i64, Option<String>, String, Option<String>, Option<i64>, Option<i64>, Option<i64>);
        let row: Option<Row> = conn
            .prepare_cached(
                "SELECT id, kind, scopes, tenant, expires_at, revoked_at, replaced_by FROM keys WHERE hash = ?1 AND api = ?2",
            )?
            .query_row(params![&hash[..], api], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .optional()?;
        let Some((id, kind, scopes, key_tenant, expires_at, revoked_at, replaced_by)) = row else {
            return Ok(None);
        };
        if !matches!(state(now, expires_at, revoked_at, replaced_by), KeyState::Active | KeyState::Rotated) {
            return Ok(None);
        }
        if let (Some(bound), Some(asked)) = (key_tenant.as_deref(), tenant)
            && bound != asked
        {
            return Ok(None);
        }
        let grants_of = tenant.or(key_tenant.as_deref());
        let mut grants = Vec::new();
        if let Some(t) = grants_of {
            let mut stmt =
                conn.prepare_cached("SELECT grant_set, scopes FROM grants WHERE tenant = ?1 ORDER BY grant_set")?;
            let rows = stmt.query_map([t], |r| Ok((r.get::<_, String>(0)?, split(&r.get::<_, String>(1)?))))?;
            for row in rows {
                grants.push(row?);
            }
        }
        Ok(Some(Resolved { id, kind, scopes: split(&scopes), tenant: key_tenant, grants }))
    }
}

impl<P: Policy, C: Clock> KeyStore<P> for SqliteStore<C> {
    /// Looks the key up by its hash. SQLite answers a point query on its primary index in
    /// microseconds, so the query runs on the calling task rather than a blocking pool.
    async fn lookup<'a>(&'a self, lookup: Lookup<'a>) -> Result<Option<StoredKey<P>>, StoreError> {
        let tenant = match &self.tenant_header {
            None => None,
            Some(h) => {
                let mut values = lookup.headers.get_all(h).iter();
                match (values.next(), values.next()) {
                    (None, _) => None,
                    (Some(v), None) => match v.to_str() {
                        Ok(t) => Some(t),
                        Err(_) => return Ok(None),
                    },
                    // Two tenants named: neither is chosen.
                    (Some(_), Some(_)) => return Ok(None),
                }
            }
        };
        let Some(resolved) = self.resolve(lookup.key, lookup.api, tenant).map_err(StoreError::new)? else {
            return Ok(None);
        };
        let grants =
            resolved.grants.iter().map(|(name, scopes)| (name.as_str(), scopes.iter().map(String::as_str).collect()));
        let mut stored = StoredKey::<P>::from_names(
            resolved.scopes.iter().map(String::as_str),
            grants,
            resolved.kind.clone(),
            |_| {},
        );
        stored.tenant = resolved.tenant;
        Ok(Some(stored))
    }
}
