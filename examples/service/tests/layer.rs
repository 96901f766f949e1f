//! The layer over real HTTP with the SQLite store: the key lifecycle end to end, tenants
//! and installation grants, key formats and malformed credentials, a failing or slow
//! store, responses that cannot be redacted, and the example service's own handlers.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::header::{CONTENT_ENCODING, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use scopec_example_service::seeds::{maxcare, plusmedical, rxscale};
use scopec_keystore::testing::TempDb;
use scopec_keystore::{ManualClock, NewKey, Options, SqliteStore};
use scopec_runtime::Policy;
use scopec_tower::{Config, KeyStore, Lookup, MemoryStore, ScopecLayer, StoreError, StoredKey};
use serde_json::{Value, json};

use common::{Answer, echo_app, raw, request, send, serve};

const HOUR: i64 = 3600;

async fn get_with(addr: std::net::SocketAddr, target: &str, headers: &[(&str, &str)]) -> Answer {
    send(addr, request("GET", target, headers).expect("request")).await
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_lifecycle_end_to_end_with_injected_time() {
    let db = TempDb::new("service");
    let clock = Arc::new(ManualClock::at(1_790_000_000));
    let store = Arc::new(SqliteStore::open(db.path(), Options::default(), Arc::clone(&clock)).expect("open"));
    let key = |scopes: &[&str]| NewKey {
        api: "public".into(),
        kind: Some("Organization API key".into()),
        prefix: "pm_live_".into(),
        length: Some(48),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
        tenant: Some("org_1".into()),
        ..NewKey::default()
    };
    let addr = serve(echo_app::<plusmedical::Policy, _>(Arc::clone(&store), Config::default())).await;
    let patients = "/api/public/v1/patients";

    // create → use: read:patients without write:patients sees contact data masked.
    let old = store.create(&key(&["read:patients"]), "admin").expect("create");
    let a = get_with(addr, patients, &[("authorization", &bearer(&old.secret))]).await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.json()["email"], json!("***"));
    assert_eq!(a.json()["phone"], json!("***"));

    // rotate with the policy's grace (24 h for PlusMedical): both keys work meanwhile.
    let grace = plusmedical::Policy::tables().apis[0].rotation_grace.expect("PlusMedical declares a grace");
    assert_eq!(grace, 24 * HOUR as u64);
    let new = store.rotate(old.id, grace, "admin").expect("rotate");
    clock.advance(23 * HOUR);
    for k in [&old.secret, &new.secret] {
        assert_eq!(get_with(addr, patients, &[("authorization", &bearer(k))]).await.status, 200);
    }
    // after the grace window the old key fails, the new one works.
    clock.advance(HOUR);
    let expired = get_with(addr, patients, &[("authorization", &bearer(&old.secret))]).await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json()["code"], json!("unauthorized"));
    assert_eq!(get_with(addr, patients, &[("authorization", &bearer(&new.secret))]).await.status, 200);
    // revoke: fails at once.
    store.revoke(new.id, "security").expect("revoke");
    assert_eq!(get_with(addr, patients, &[("authorization", &bearer(&new.secret))]).await.status, 401);
    let actions: Vec<String> = store.audit_log().expect("audit").into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["create", "rotate", "revoke"]);

    // A key with the prefix but not the declared length is refused without a lookup.
    let short = format!("pm_live_{}", "a".repeat(20));
    assert_eq!(get_with(addr, patients, &[("authorization", &bearer(&short))]).await.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maxcare_effective_scopes_are_the_key_and_the_requesting_clinics_installation() {
    let db = TempDb::new("service");
    let options = Options { tenant_header: Some("x-organization-id".parse().expect("header")), ..Options::default() };
    let store = Arc::new(SqliteStore::open(db.path(), options, ManualClock::at(1_790_000_000)).expect("open"));
    let new = NewKey {
        api: "maxcare".into(),
        kind: Some("data".into()),
        prefix: "max_prd_ak_".into(),
        scopes: vec!["read:patients".into(), "read:bills".into()],
        ..NewKey::default()
    };
    let key = store.create(&new, "dev").expect("create");
    store.grant("clinic_a", "installation", &["read:patients".into()], "clinic a").expect("grant");
    let account = store.create(&NewKey { kind: Some("account".into()), ..new.clone() }, "dev").expect("create");
    let other_kind = store.create(&NewKey { kind: Some("pharmacy".into()), ..new.clone() }, "dev").expect("create");
    let addr = serve(echo_app::<maxcare::Policy, _>(store, Config::default())).await;
    let auth = bearer(&key.secret);
    let at = |clinic: &'static str, target: &'static str| {
        let auth = auth.clone();
        async move {
            let mut h = vec![("authorization", auth.as_str())];
            if !clinic.is_empty() {
                h.push(("x-organization-id", clinic));
            }
            get_with(addr, target, &h).await.status.as_u16()
        }
    };
    assert_eq!(at("clinic_a", "/v3/patients").await, 200);
    assert_eq!(at("clinic_a", "/v3/bills").await, 403, "clinic_a did not approve read:bills");
    assert_eq!(at("clinic_b", "/v3/patients").await, 403, "clinic_b installed nothing");
    assert_eq!(at("", "/v3/patients").await, 403, "no clinic named: no installation grants");
    // The api takes data keys only: an account key ("not accepted for clinic data"), and a
    // kind the policy does not declare, are refused.
    let h = [("authorization", bearer(&account.secret)), ("x-organization-id", "clinic_a".into())];
    let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(get_with(addr, "/v3/patients", &h).await.status, 401);
    let h2 = [("authorization", bearer(&other_kind.secret)), ("x-organization-id", "clinic_a".into())];
    let h2: Vec<(&str, &str)> = h2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(get_with(addr, "/v3/patients", &h2).await.status, 401);
    // A key without a declared prefix never reaches the store.
    assert_eq!(get_with(addr, "/v3/patients", &[("authorization", "Bearer sk_live_abc")]).await.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_credentials_are_401_with_the_policys_body() {
    let mut store = MemoryStore::<maxcare::Policy>::new();
    let stored = StoredKey::from_names(
        ["read:patients"],
        [("installation", vec!["read:patients"])],
        Some("data".into()),
        |_| {},
    );
    store.insert("max_prd_ak_good", stored);
    let addr = serve(echo_app::<maxcare::Policy, _>(store, Config::default())).await;
    assert_eq!(get_with(addr, "/v3/patients", &[("authorization", "Bearer max_prd_ak_good")]).await.status, 200);
    for bad in [
        "max_prd_ak_good",
        "Basic max_prd_ak_good",
        "Bearer",
        "Bearer max_prd_ak_good extra",
        "Bearer max_prd_ak_unknown",
    ] {
        let a = get_with(addr, "/v3/patients", &[("authorization", bad), ("x-request-id", "req-7")]).await;
        assert_eq!(a.status, 401, "{bad}");
        assert_eq!(
            a.json(),
            json!({"code": "unauthorized", "message": "Invalid or missing API key", "trace_id": "req-7"})
        );
    }
    // Two Authorization headers: ambiguous.
    let (status, _) = raw(
        addr,
        b"GET /v3/patients HTTP/1.1\r\nhost: x\r\nconnection: close\r\nauthorization: Bearer max_prd_ak_good\r\nauthorization: Bearer max_prd_ak_good\r\n\r\n",
    )
    .await;
    assert_eq!(status, 401);
    // A generated trace id when the request sends none.
    let a = get_with(addr, "/v3/patients", &[]).await;
    assert_eq!(a.json()["trace_id"].as_str().map(str::len), Some(32));
    // 405 lists the route's methods; HEAD and OPTIONS are methods like any other.
    for method in ["DELETE", "HEAD", "OPTIONS"] {
        let a = send(
            addr,
            request(method, "/v3/patients/p1", &[("authorization", "Bearer max_prd_ak_good")]).expect("request"),
        )
        .await;
        assert_eq!(
            (a.status.as_u16(), a.headers.get("allow").and_then(|v| v.to_str().ok())),
            (405, Some("GET")),
            "{method}"
        );
    }
}

/// A store that fails, and one that never answers.
struct Failing;
struct Hanging;

impl<P: Policy> KeyStore<P> for Failing {
    async fn lookup<'a>(&'a self, _: Lookup<'a>) -> Result<Option<StoredKey<P>>, StoreError> {
        Err(StoreError::new("connection refused"))
    }
}

impl<P: Policy> KeyStore<P> for Hanging {
    async fn lookup<'a>(&'a self, _: Lookup<'a>) -> Result<Option<StoredKey<P>>, StoreError> {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        Ok(None)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_fails_or_hangs_gives_503_never_200() {
    let config = Config { lookup_timeout: Duration::from_millis(100), ..Config::default() };
    let failing = serve(echo_app::<rxscale::Policy, _>(Failing, config.clone())).await;
    let hanging = serve(echo_app::<rxscale::Policy, _>(Hanging, config)).await;
    for addr in [failing, hanging] {
        let a = get_with(addr, "/v1/management_api/orders/o1", &[("x-api-key", "k"), ("x-request-id", "r1")]).await;
        assert_eq!(a.status, 503, "{a:?}");
        assert_eq!(a.json()["code"], json!("key_store_unavailable"));
        assert_eq!(a.json()["trace_id"], json!("r1"));
    }
    // A public or unauthenticated outcome needs no store: still the policy's answer.
    let a = get_with(failing, "/v1/management_api/orders/o1", &[]).await;
    assert_eq!(a.status, 401);
}

/// A handler's response, made anew for each request.
type Handler = fn() -> axum::response::Response;

/// PlusMedical's patients endpoint with a handler of the given response.
async fn patients_server(response: Handler, config: Config) -> std::net::SocketAddr {
    let mut store = MemoryStore::<plusmedical::Policy>::new();
    let kind = Some("Organization API key".to_string());
    store.insert(
        format!("pm_live_{}", "r".repeat(40)),
        StoredKey::from_names(["read:patients"], [], kind.clone(), |_| {}),
    );
    store.insert(
        format!("pm_live_{}", "w".repeat(40)),
        StoredKey::from_names(["read:patients", "write:patients"], [], kind, |_| {}),
    );
    let app = Router::new()
        .route("/api/public/v1/patients", get(move || async move { response() }))
        .layer(ScopecLayer::<plusmedical::Policy, _>::new(store, config));
    serve(app).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_masked_response_that_cannot_be_redacted_is_never_sent() {
    let reader = format!("Bearer pm_live_{}", "r".repeat(40));
    let writer = format!("Bearer pm_live_{}", "w".repeat(40));
    let secret = "jonas.weber@example.org";
    let cases: [(Handler, &str); 5] = [
        (|| ([(CONTENT_TYPE, "text/plain")], "email: jonas.weber@example.org").into_response(), "not JSON"),
        (
            || ([(CONTENT_TYPE, "application/json")], "{\"email\": \"jonas.weber@example.org\"").into_response(),
            "broken JSON",
        ),
        (
            || {
                (
                    [(CONTENT_TYPE, "application/json"), (CONTENT_ENCODING, "gzip")],
                    "{\"email\":\"jonas.weber@example.org\"}",
                )
                    .into_response()
            },
            "compressed",
        ),
        (
            || {
                (
                    [(CONTENT_TYPE, "application/json")],
                    format!("{{\"email\":\"jonas.weber@example.org\",\"pad\":\"{}\"}}", "x".repeat(5000)),
                )
                    .into_response()
            },
            "over the limit",
        ),
        (|| "{\"email\":\"jonas.weber@example.org\"}".into_response(), "JSON without a JSON content type"),
    ];
    for (response, what) in cases {
        let addr = patients_server(response, Config { body_limit: 4096, ..Config::default() }).await;
        let a = get_with(addr, "/api/public/v1/patients", &[("authorization", &reader)]).await;
        assert_eq!(a.status, 500, "{what}: {a:?}");
        assert!(!String::from_utf8_lossy(&a.body).contains(secret), "{what}: the body leaked");
        assert_eq!(a.json()["code"], json!("response_not_redactable"));
        // With write:patients no rule applies, and the response passes untouched.
        let a = get_with(addr, "/api/public/v1/patients", &[("authorization", &writer)]).await;
        assert_eq!(a.status, 200, "{what}");
        assert!(String::from_utf8_lossy(&a.body).contains(secret));
    }
    // A JSON list is redacted element by element, nested contact data included.
    let list =
        || axum::Json(json!([{"email": "a@x", "phone": "1"}, {"email": "b@x", "phone": "2", "n": 1}])).into_response();
    let addr = patients_server(list, Config::default()).await;
    let a = get_with(addr, "/api/public/v1/patients", &[("authorization", &reader)]).await;
    assert_eq!(a.json(), json!([{"email": "***", "phone": "***"}, {"email": "***", "phone": "***", "n": 1}]));
    assert_eq!(
        a.headers.get("content-length").and_then(|v| v.to_str().ok()).map(str::to_string),
        Some(a.body.len().to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_service_strips_prescriptions_without_prescription_read() {
    let db = TempDb::new("service");
    let store = SqliteStore::open(db.path(), Options::default(), ManualClock::at(1_790_000_000)).expect("open");
    let request = |scopes: &[&str]| scopec_example_service::keys::Request {
        api: "management".into(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let orders = store
        .create(
            &scopec_example_service::keys::new_key::<rxscale::Policy>(&request(&["order:read"]), 0).expect("new"),
            "t",
        )
        .expect("create");
    let both = store
        .create(
            &scopec_example_service::keys::new_key::<rxscale::Policy>(
                &request(&["order:read", "prescription:read"]),
                0,
            )
            .expect("new"),
            "t",
        )
        .expect("create");
    assert!(scopec_example_service::keys::new_key::<rxscale::Policy>(&request(&["order:write"]), 0).is_err());
    let addr = serve(scopec_example_service::app::app(store, Config::default())).await;
    let order = |key: String| async move {
        get_with(addr, "/v1/management_api/orders/o1", &[("x-api-key", &key)]).await.json()
    };
    let stripped = order(orders.secret.clone()).await;
    assert!(
        stripped.get("prescription").is_none() && stripped["items"].as_array().map(Vec::len) == Some(2),
        "{stripped}"
    );
    let full: Value = order(both.secret.clone()).await;
    assert_eq!(full["prescription"]["uid"], json!("rx_7f3a91"));
    // The kind a management key has is refused on the pharmacy api (a key of one api only).
    let a = get_with(addr, "/v1/external_pharmacy_api/pharmacy_orders/", &[("x-api-key", &orders.secret)]).await;
    assert_eq!(a.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_bodies_longer_than_the_stack_buffer_are_whole() {
    let addr = serve(echo_app::<plusmedical::Policy, _>(MemoryStore::new(), Config::default())).await;
    let target = format!("/api/public/v1/{}", "x".repeat(3000));
    for (method, target) in
        [("GET", target.clone()), ("GET", format!("{target}/..")), ("DELETE", "/api/public/v1/patients".to_string())]
    {
        let a = send(addr, request(method, &target, &[]).expect("request")).await;
        let model = scopec::compile(
            &std::fs::read_to_string(format!("{}/../../policies/plusmedical.policy", env!("CARGO_MANIFEST_DIR")))
                .expect("read"),
        )
        .unwrap_or_else(|_| panic!("compiles"));
        let r = scopec::engine::Request::new(method, &target);
        let d = scopec::engine::decide(&model, &r);
        let expected = scopec::engine::error_response(&model, &r, &d).map(|e| e.body).unwrap_or(Value::Null);
        assert_eq!((a.status.as_u16(), a.json()), (d.status(), expected), "{method} {}", &target[..40]);
    }
}
