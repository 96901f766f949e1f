//! A middleware-shaped use of the generated tables: decide, then apply the data rules or
//! answer with the policy's error body.

#[allow(dead_code)]
mod policy {
    include!(concat!(env!("OUT_DIR"), "/policy.rs"));
}

use policy::{Decision, Key, ScopeSet, Via, authorize};

/// What the middleware does with one request.
fn handle(method: &str, target: &str, key_scopes: Option<&[&str]>) -> String {
    let key = key_scopes.map(|names| Key {
        scopes: ScopeSet::from_names(names.iter().copied(), |unknown| eprintln!("ignoring unknown scope {unknown}")),
        via: Via::Header("X-API-Key"),
    });
    let decision = authorize(method, target, key.as_ref(), &policy::Grants::default());
    match decision {
        Decision::Allow(allow) => {
            let strip: Vec<&str> = allow.strip().collect();
            let endpoint = &policy::ENDPOINTS[allow.endpoint];
            format!("200 {} {} (strip: {strip:?})", endpoint.method, endpoint.path)
        }
        other => {
            let mut body = String::new();
            // Writing into a `String` cannot fail.
            let _ = other.write_error_body(method, target, "trace-123", &mut body);
            format!("{} {body}", other.status())
        }
    }
}

fn main() {
    let requests: [(&str, &str, Option<&[&str]>); 5] = [
        ("GET", "/v1/management_api/orders/o1", Some(&["order:read"])),
        ("GET", "/v1/management_api/orders/o1", Some(&["order:read", "prescription:read"])),
        ("PATCH", "/v1/external_pharmacy_api/pharmacy_skus/s1/stock", Some(&["stock_read"])),
        ("GET", "/v1/management_api/orders/o1", None),
        ("GET", "/v1/management_api/orders/../prescriptions/p1", Some(&["order:read"])),
    ];
    for (method, target, key) in requests {
        println!("{method} {target} -> {}", handle(method, target, key));
    }
    match policy::check_key_format("pm_live_abc") {
        Ok(f) => println!("key format: {f:?}"),
        Err(e) => println!("key format: {e:?} (the MaxCare policy documents no key format)"),
    }
}
