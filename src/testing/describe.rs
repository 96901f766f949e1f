//! Requests, expectations and decisions written the way test cases write them.

use crate::engine::Decision;
use crate::model::{Expected, Model, SchemeKind, TestCase};

/// `GET /v1/orders/o1 with order:read grant installation = a`
pub fn describe_request(case: &TestCase) -> String {
    let mut s = format!("{} {}", case.method, case.target);
    if let Some(key) = &case.key {
        s.push_str(" with ");
        s.push_str(&if key.is_empty() { "no scopes".to_string() } else { key.join(", ") });
        if let Some(kind) = &case.kind {
            s.push_str(&format!(" kind {kind}"));
        }
        match &case.via {
            Some(SchemeKind::Bearer) => s.push_str(" via bearer"),
            Some(SchemeKind::Header(h)) => s.push_str(&format!(" via header {h:?}")),
            Some(SchemeKind::Query(q)) => s.push_str(&format!(" via query {q:?}")),
            None => {}
        }
    }
    for (name, set) in &case.grants {
        s.push_str(&format!(
            " grant {name} = {}",
            if set.is_empty() { "no scopes".to_string() } else { set.join(", ") }
        ));
    }
    s
}

fn allow_text(strip: &[String], mask: &[String], filters: &[String], obligations: &[String]) -> String {
    let mut s = "allow".to_string();
    for (word, list) in [("strip", strip), ("mask", mask), ("filter", filters), ("oblige", obligations)] {
        if !list.is_empty() {
            s.push_str(&format!(" {word} {}", list.join(", ")));
        }
    }
    s
}

/// `allow strip prescription`, `deny missing a | b`, …
pub fn describe_expected(model: &Model, e: &Expected) -> String {
    match e {
        Expected::Allow { strip, mask, filter, oblige } => allow_text(strip, mask, filter, oblige),
        Expected::Deny { missing: None } => "deny".into(),
        Expected::Deny { missing: Some(m) } => format!("deny missing {}", model.dnf_text(m)),
        Expected::Unauthenticated => "unauthenticated".into(),
        Expected::NotFound => "not-found".into(),
        Expected::MethodNotAllowed => "method-not-allowed".into(),
        Expected::Rejected => "rejected".into(),
    }
}

/// A decision in the words of an expectation.
pub fn describe_decision(model: &Model, d: &Decision) -> String {
    match d {
        Decision::Allow(a) => allow_text(&a.strip, &a.mask, &a.filters, &a.obligations),
        Decision::Deny(den) => format!("deny missing {}", model.dnf_text(&den.missing)),
        Decision::Unauthenticated { .. } => "unauthenticated".into(),
        Decision::NotFound => "not-found".into(),
        Decision::MethodNotAllowed { allowed, .. } => format!("method-not-allowed (allowed: {})", allowed.join(", ")),
        Decision::Rejected(r) => format!("rejected ({})", r.reason()),
    }
}
