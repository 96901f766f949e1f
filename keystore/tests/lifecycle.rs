//! The key lifecycle, with the clock moved by hand: issue, use, rotate with a grace
//! window, expire, revoke, tenants and their grants, and the audit log.

use std::sync::Arc;

use scopec_keystore::testing::TempDb;
use scopec_keystore::{Error, KeyState, ManualClock, NewKey, Options, SqliteStore};

const HOUR: i64 = 3600;
const T0: i64 = 1_790_000_000;

fn store(db: &TempDb) -> (SqliteStore<Arc<ManualClock>>, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::at(T0));
    let store = SqliteStore::open(db.path(), Options::default(), Arc::clone(&clock)).expect("open");
    (store, clock)
}

fn plusmedical_key() -> NewKey {
    NewKey {
        api: "public".into(),
        kind: Some("Organization API key".into()),
        prefix: "pm_live_".into(),
        length: Some(48),
        scopes: vec!["read:patients".into(), "read:appointments".into()],
        tenant: Some("org_1".into()),
        expires_at: None,
        label: "practice sync".into(),
    }
}

fn works(store: &SqliteStore<Arc<ManualClock>>, secret: &str) -> bool {
    store.resolve(secret, "public", None).expect("resolve").is_some()
}

#[test]
fn a_key_is_shown_once_and_stored_as_its_hash() {
    let db = TempDb::new("keystore");
    let (store, _) = store(&db);
    let issued = store.create(&plusmedical_key(), "admin@org_1").expect("create");
    assert!(issued.secret.starts_with("pm_live_") && issued.secret.len() == 48);
    let resolved = store.resolve(&issued.secret, "public", None).expect("resolve").expect("known");
    assert_eq!(resolved.scopes, ["read:patients", "read:appointments"]);
    assert_eq!(resolved.kind.as_deref(), Some("Organization API key"));
    // The secret is nowhere in the database file: only its SHA-256 and a short display.
    drop(store);
    let bytes = std::fs::read(db.path()).expect("read db");
    let wal = std::fs::read(format!("{}-wal", db.path().display())).unwrap_or_default();
    for file in [&bytes, &wal] {
        assert!(!file.windows(issued.secret.len()).any(|w| w == issued.secret.as_bytes()));
    }
    // A key for another api, or a wrong key, resolves to nothing.
    let (store, _) = self::store(&db);
    assert!(store.resolve(&issued.secret, "management", None).expect("resolve").is_none());
    assert!(!works(&store, &format!("{}x", &issued.secret[..47])));
    assert_eq!(store.list().expect("list")[0].display.chars().count(), 13);
}

#[test]
fn rotation_keeps_the_old_key_for_the_grace_window_then_expires_it() {
    let db = TempDb::new("keystore");
    let (store, clock) = store(&db);
    let old = store.create(&plusmedical_key(), "admin").expect("create");
    clock.advance(10 * HOUR);
    let new = store.rotate(old.id, 24 * HOUR as u64, "admin").expect("rotate");
    assert_ne!(old.secret, new.secret);
    assert!(new.secret.starts_with("pm_live_") && new.secret.len() == 48);
    // Both work during the grace window, up to its last second.
    assert!(works(&store, &old.secret) && works(&store, &new.secret));
    assert_eq!(store.get(old.id).expect("get").map(|r| r.state), Some(KeyState::Rotated));
    clock.advance(24 * HOUR - 1);
    assert!(works(&store, &old.secret));
    // Then the old one expires; the replacement keeps its scopes, kind and tenant.
    clock.advance(1);
    assert!(!works(&store, &old.secret) && works(&store, &new.secret));
    assert_eq!(store.get(old.id).expect("get").map(|r| r.state), Some(KeyState::Expired));
    let replacement = store.resolve(&new.secret, "public", None).expect("resolve").expect("known");
    assert_eq!(replacement.tenant.as_deref(), Some("org_1"));
    assert_eq!(replacement.scopes, ["read:patients", "read:appointments"]);
    // A rotated key cannot be rotated again, an expired one neither.
    assert!(matches!(store.rotate(old.id, 0, "admin"), Err(Error::NotActive(_))));
    assert!(matches!(store.rotate(999, 0, "admin"), Err(Error::NoSuchKey(999))));
}

#[test]
fn expiry_dates_and_grace_never_extend_a_key() {
    let db = TempDb::new("keystore");
    let (store, clock) = store(&db);
    let key = store.create(&NewKey { expires_at: Some(T0 + 2 * HOUR), ..plusmedical_key() }, "admin").expect("create");
    assert!(works(&store, &key.secret));
    // Rotating one hour before its expiry: the 24-hour grace stops at the expiry date.
    clock.advance(HOUR);
    let new = store.rotate(key.id, 24 * HOUR as u64, "admin").expect("rotate");
    clock.advance(HOUR);
    assert!(!works(&store, &key.secret), "worked past its expiry date");
    // The replacement inherits the expiry date.
    assert!(!works(&store, &new.secret));
}

#[test]
fn revocation_is_immediate_even_in_a_grace_window() {
    let db = TempDb::new("keystore");
    let (store, _) = store(&db);
    let old = store.create(&plusmedical_key(), "admin").expect("create");
    let new = store.rotate(old.id, 24 * HOUR as u64, "admin").expect("rotate");
    store.revoke(old.id, "security").expect("revoke");
    assert!(!works(&store, &old.secret) && works(&store, &new.secret));
    store.revoke(new.id, "security").expect("revoke");
    assert!(!works(&store, &new.secret));
    store.revoke(new.id, "security").expect("revoking twice is no error");
    assert!(matches!(store.revoke(42, "x"), Err(Error::NoSuchKey(42))));
    let states: Vec<_> = store.list().expect("list").iter().map(|r| r.state).collect();
    assert_eq!(states, [KeyState::Revoked, KeyState::Revoked]);
}

#[test]
fn tenants_bind_keys_and_select_installation_grants() {
    let db = TempDb::new("keystore");
    let (store, _) = store(&db);
    // MaxCare: a data key; the clinic named by the request approved part of its scopes.
    let maxcare = NewKey {
        api: "maxcare".into(),
        kind: Some("data".into()),
        prefix: "max_prd_ak_".into(),
        length: None,
        scopes: vec!["read:patients".into(), "read:bills".into()],
        tenant: None,
        expires_at: None,
        label: "app".into(),
    };
    let key = store.create(&maxcare, "dev").expect("create");
    store.grant("clinic_a", "installation", &["read:patients".into()], "clinic_a admin").expect("grant");
    let a = store.resolve(&key.secret, "maxcare", Some("clinic_a")).expect("resolve").expect("known");
    assert_eq!(a.grants, [("installation".to_string(), vec!["read:patients".to_string()])]);
    let b = store.resolve(&key.secret, "maxcare", Some("clinic_b")).expect("resolve").expect("known");
    assert!(b.grants.is_empty(), "a clinic that installed nothing grants nothing");
    // Re-approval replaces the grant.
    store.grant("clinic_a", "installation", &[], "clinic_a admin").expect("grant");
    let a = store.resolve(&key.secret, "maxcare", Some("clinic_a")).expect("resolve").expect("known");
    assert_eq!(a.grants, [("installation".to_string(), vec![])]);
    // A key bound to org_1 does not work for a request naming org_2.
    let bound = store.create(&plusmedical_key(), "admin").expect("create");
    assert!(store.resolve(&bound.secret, "public", Some("org_2")).expect("resolve").is_none());
    assert!(store.resolve(&bound.secret, "public", Some("org_1")).expect("resolve").is_some());
}

#[test]
fn every_action_is_in_the_append_only_audit_log() {
    let db = TempDb::new("keystore");
    let (store, clock) = store(&db);
    let key = store.create(&plusmedical_key(), "alice").expect("create");
    clock.advance(60);
    let new = store.rotate(key.id, 24 * HOUR as u64, "alice").expect("rotate");
    store.revoke(new.id, "bob").expect("revoke");
    store.grant("org_1", "installation", &["read:patients".into()], "carol").expect("grant");
    let log = store.audit_log().expect("audit");
    let actions: Vec<_> = log.iter().map(|e| (e.action.as_str(), e.actor.as_str(), e.key_id, e.at)).collect();
    assert_eq!(
        actions,
        [
            ("create", "alice", Some(key.id), T0),
            ("rotate", "alice", Some(key.id), T0 + 60),
            ("revoke", "bob", Some(new.id), T0 + 60),
            ("grant", "carol", None, T0 + 60),
        ]
    );
    assert!(log[1].detail.contains(&format!("works until {}", T0 + 60 + 24 * HOUR)));
    // The database refuses to change or delete the log.
    let update = store.with_writer(|c| c.execute("UPDATE audit SET actor = 'mallory'", [])).expect("lock");
    let delete = store.with_writer(|c| c.execute("DELETE FROM audit", [])).expect("lock");
    assert!(update.is_err() && delete.is_err());
    assert_eq!(store.audit_log().expect("audit").len(), 4);
}

#[test]
fn migrations_run_once_and_a_newer_schema_is_refused() {
    let db = TempDb::new("keystore");
    let (store, _) = store(&db);
    let key = store.create(&plusmedical_key(), "admin").expect("create");
    drop(store);
    let (store, _) = self::store(&db);
    assert!(works(&store, &key.secret), "reopening keeps the keys");
    store.with_writer(|c| c.pragma_update(None, "user_version", 99)).expect("lock").expect("pragma");
    drop(store);
    let reopened = SqliteStore::open(db.path(), Options::default(), ManualClock::at(T0));
    assert!(matches!(reopened, Err(Error::NewerSchema(99))));
}

#[test]
fn lookups_run_beside_writes_from_many_threads() {
    let db = TempDb::new("keystore");
    let (store, _) = store(&db);
    let store = Arc::new(store);
    let keys: Vec<_> = (0..8).map(|_| store.create(&plusmedical_key(), "admin").expect("create")).collect();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (store, keys) = (Arc::clone(&store), keys.clone());
            std::thread::spawn(move || {
                for i in 0..200 {
                    if t == 0 && i % 20 == 0 {
                        store.create(&plusmedical_key(), "writer").expect("create");
                    }
                    assert!(works(&store, &keys[i % keys.len()].secret));
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    assert_eq!(store.list().expect("list").len(), 18);
}
