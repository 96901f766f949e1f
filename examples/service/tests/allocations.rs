//! What the layer allocates per request, counted by a global allocator: the boxed response
//! future and the request extension that carries the decision on allow, the error body on
//! a refusal; the store's answer and the rewritten body where rules apply. The counts are
//! upper bounds: a change that allocates more per request fails here.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response};
use scopec_example_service::seeds::{plusmedical, rxscale};
use scopec_runtime::Policy;
use scopec_tower::{Config, MemoryStore, ScopecLayer, StoredKey};
use tower::{Layer, ServiceExt, service_fn};

struct Counting;

thread_local! {
    static COUNT: Cell<Option<usize>> = const { Cell::new(None) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = COUNT.try_with(|c| c.set(c.get().map(|n| n + 1)));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations on this thread while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    COUNT.with(|c| c.set(Some(0)));
    let out = f();
    let n = COUNT.with(|c| c.replace(None)).unwrap_or(0);
    (n, out)
}

fn request(target: &str, key: Option<&str>, header: &str) -> Request<Full<Bytes>> {
    let mut b = Request::builder().method("GET").uri(target).header("x-request-id", "r1");
    if let Some(k) = key {
        b = b.header(header, k);
    }
    b.body(Full::new(Bytes::new())).expect("request")
}

/// Allocations of one request through the layer, on a current-thread runtime, with an
/// inner service that allocates nothing.
fn per_request<P: Policy>(
    store: MemoryStore<P>,
    body: &'static str,
    req: impl Fn() -> Request<Full<Bytes>>,
) -> (usize, u16) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    let inner = service_fn(move |_req: Request<Full<Bytes>>| async move {
        let mut r = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
        r.headers_mut().insert("content-type", hyper::header::HeaderValue::from_static("application/json"));
        Ok::<_, Infallible>(r)
    });
    let service = ScopecLayer::<P, _>::new(store, Config::default()).layer(inner);
    // Warm up (lazy statics, the runtime's timer, the trace-id seed), then count.
    for _ in 0..3 {
        let _ = rt.block_on(service.clone().oneshot(req()));
    }
    let r = req();
    let s = service.clone();
    let (n, response) = count(|| rt.block_on(s.oneshot(r)));
    (n, response.map(|r| r.status().as_u16()).unwrap_or(0))
}

#[test]
fn allocations_per_request() {
    let mut rx = MemoryStore::<rxscale::Policy>::new();
    rx.insert("k-orders", StoredKey::from_names(["order:read"], [], Some("organisation".into()), |_| {}));
    rx.insert("k-skus", StoredKey::from_names(["stock_read"], [], Some("pharmacy".into()), |_| {}));
    let order = "/v1/management_api/orders/o1";
    let skus = "/v1/external_pharmacy_api/pharmacy_skus/";

    // Refused before a key matters (404) and without a key (401): the future and the body.
    // The response's header map holds two of them (http allocates it on the first insert).
    let (not_found, s) = per_request(rx.clone(), "{}", || request("/nowhere", None, "x-api-key"));
    assert_eq!(s, 404);
    assert!(not_found <= 4, "404: {not_found} allocations");
    let (unauthenticated, s) = per_request(rx.clone(), "{}", || request(skus, None, "x-api-key"));
    assert_eq!(s, 401);
    assert!(unauthenticated <= 4, "401: {unauthenticated} allocations");
    // Allowed, no data rule applies: the future and the extension (http's map box, the map,
    // the value's box): 4; the key the store returns (MemoryStore clones its kind): 1; and
    // the inner service's response header map: 2.
    let (allowed, s) = per_request(rx.clone(), "{}", || request(skus, Some("k-skus"), "x-api-key"));
    assert_eq!(s, 200);
    assert!(allowed <= 7, "allowed: {allowed} allocations");
    // Allowed with a strip rule: and the body read, parsed, edited and written.
    let (stripped, s) =
        per_request(rx, r#"{"id":"o1","prescription":{"uid":"rx"}}"#, || request(order, Some("k-orders"), "x-api-key"));
    assert_eq!(s, 200);
    assert!(stripped <= 22, "stripped: {stripped} allocations");

    let mut pm = MemoryStore::<plusmedical::Policy>::new();
    let key = format!("pm_live_{}", "a".repeat(40));
    pm.insert(key.clone(), StoredKey::from_names(["read:invoices"], [], Some("Organization API key".into()), |_| {}));
    let (bearer, s) =
        per_request(pm, "{}", || request("/api/public/v1/invoices", Some(&format!("Bearer {key}")), "authorization"));
    assert_eq!(s, 200);
    assert!(bearer <= 7, "bearer allow: {bearer} allocations");
    eprintln!(
        "allocations per request: 404 {not_found}, 401 {unauthenticated}, allow {allowed}, allow with strip {stripped}, bearer allow {bearer}"
    );
}
