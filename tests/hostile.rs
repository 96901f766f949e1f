//! Fail closed: no hostile or malformed request is ever allowed, and each gets exactly the
//! decision the semantics document.

mod common;

use common::hostile;
use scopec::engine::{Request, decide};

fn all_scopes(model: &scopec::Model) -> Vec<String> {
    model.scopes.iter().map(|s| s.name.clone()).chain(model.aliases.iter().map(|a| a.name.clone())).collect()
}

#[test]
fn hostile_requests_are_never_allowed() {
    assert!(hostile::HOSTILE.len() >= 50);
    for (policy, method, target, expected) in hostile::HOSTILE {
        let model = common::seed(policy);
        let everything = all_scopes(&model);
        let mut request = Request::new(method, target).with_scopes(&everything);
        for api in &model.apis {
            for set in api.grant_sets() {
                request = request.with_grant(set, &everything);
            }
        }
        let decision = decide(&model, &request);
        assert_ne!(decision.kind(), "allow", "{policy}: {method} {target:?} was allowed");
        assert_eq!(decision.kind(), *expected, "{policy}: {method} {target:?}: {decision:?}");
    }
}

#[test]
fn the_same_requests_in_normal_form_are_allowed() {
    // The control group: with the tricks removed, the key does get in.
    for (policy, target) in [
        ("maxcare", "/v3/patients/p1"),
        ("maxcare", "/v3/bills"),
        ("rxscale", "/v1/external_pharmacy_api/pharmacy_orders/"),
        ("plusmedical", "/api/public/v1/patients"),
    ] {
        let model = common::seed(policy);
        let everything = all_scopes(&model);
        let mut request = Request::new("GET", target).with_scopes(&everything).with_grant("installation", &everything);
        // A key of the api's one kind (tests assume it too).
        request.unlisted = scopec::engine::Unlisted::SameAsKey;
        assert_eq!(decide(&model, &request).kind(), "allow", "{policy} {target}");
    }
}

/// Every spelling of a query condition a common server reads as meeting it meets it here:
/// none lets a key without the condition's scopes in, on any policy with query conditions.
#[test]
fn no_spelling_of_a_query_condition_walks_past_it() {
    let mut checked = 0;
    for (name, model) in common::policies_with_query_conditions() {
        for family in hostile::query_spellings(&model) {
            let decide_one = |(method, target, scopes, kind): &hostile::Spelled| {
                let mut r = Request::new(method, target).with_scopes(scopes);
                if let Some(k) = kind {
                    r = r.with_kind(k);
                }
                for api in &model.apis {
                    for set in api.grant_sets() {
                        r = r.with_grant(set, scopes);
                    }
                }
                decide(&model, &r)
            };
            let Some(canonical) = family.first() else { continue };
            if decide_one(canonical).kind() == "allow" {
                // The key meets the condition's requirement some other way.
                continue;
            }
            for request in &family {
                let d = decide_one(request);
                assert_ne!(d.kind(), "allow", "{name}: {} {:?} walked past its condition", request.0, request.1);
                checked += 1;
            }
        }
    }
    assert!(checked > 1_000, "only {checked} spellings were checked");
}
