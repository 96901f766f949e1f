//! Rate-limit tiers end to end: the endpoint's own tier or its api's, in the generated
//! module's `ENDPOINTS`, the OpenAPI document, the portal docs and `scopec explain`.

mod common;

use scopec::build_script::Runtime;
use scopec::emit::openapi::{self, Version};
use scopec::engine::{Request, explain};

fn model() -> (scopec::Model, String) {
    let source = std::fs::read_to_string(common::root().join("tests/fixtures/ok/rates.policy")).unwrap();
    (scopec::compile(&source).unwrap(), source)
}

#[test]
fn an_endpoint_has_its_own_tier_or_its_apis() {
    let (m, _) = model();
    let tiers: Vec<(String, Option<&str>)> =
        m.endpoints.iter().map(|e| (e.label(), m.rate_of(e).map(|r| r.name.as_str()))).collect();
    assert_eq!(
        tiers,
        [
            ("POST /chat.postMessage".to_string(), Some("tier2")),
            ("GET /conversations.list".to_string(), Some("tier3")),
            ("GET /conversations.history".to_string(), Some("tier3")),
        ]
    );
}

#[test]
fn tiers_reach_every_output() {
    let (m, source) = model();
    let rust = scopec::emit::rust::generate(&m, Runtime::Crate).unwrap();
    assert_eq!(rust.matches("rate: Some(\"tier2\")").count(), 1);
    assert_eq!(rust.matches("rate: Some(\"tier3\")").count(), 2);

    for version in [Version::V3_0, Version::V3_1] {
        let doc = openapi::standalone(&m, version);
        assert_eq!(doc["paths"]["/chat.postMessage"]["post"]["x-scopec-rate-tier"], "tier2");
        assert_eq!(doc["paths"]["/conversations.list"]["get"]["x-scopec-rate-tier"], "tier3");
        assert_eq!(doc["x-scopec-rate-tiers"]["tier3"], "50+ per minute");
    }

    let md = scopec::emit::markdown::render(&m, &scopec::emit::markdown::registry(None).unwrap()).unwrap();
    assert!(md.contains("## Rate limits"), "{md}");
    assert!(md.contains("| `tier2` | 20+ per minute | 1 |") && md.contains("| `tier3` | 50+ per minute | 2 |"), "{md}");
    assert!(md.contains("(rate limit `tier2` (20+ per minute))"), "{md}");

    let x = explain::explain(&m, &Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]));
    assert!(scopec::report::explain::render(&x, "rates.policy", &source).contains("rate tier   tier2"));
    assert_eq!(scopec::report::explain::json(&x, &source)["endpoint"]["rate"], "tier2");
}

#[test]
fn a_policy_without_tiers_says_nothing_of_them() {
    let m = common::seed("maxcare");
    let doc = openapi::standalone(&m, Version::V3_1);
    assert!(doc.get("x-scopec-rate-tiers").is_none());
    let md = scopec::emit::markdown::render(&m, &scopec::emit::markdown::registry(None).unwrap()).unwrap();
    assert!(!md.contains("Rate limits"));
}
