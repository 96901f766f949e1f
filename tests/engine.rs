//! The decision semantics, one rule at a time, on small policies written for the purpose.

mod common;

use scopec::engine::{Decision, Key, Request, Unlisted, decide, error_response};
use scopec::model::SchemeKind;

fn model(body: &str) -> scopec::Model {
    let text = format!("policy \"t\" {{ version \"1\" }}\n{body}");
    scopec::compile(&text).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn kind(m: &scopec::Model, method: &str, target: &str, scopes: Option<&[&str]>) -> String {
    let mut r = Request::new(method, target);
    if let Some(s) = scopes {
        r = r.with_scopes(s);
    }
    match decide(m, &r) {
        Decision::Allow(a) => {
            let e = &m.endpoints[a.endpoint];
            format!("allow {} {}", e.method, e.pattern)
        }
        Decision::Deny(d) => format!("deny missing {}", m.dnf_text(&d.missing)),
        d => d.kind().to_string(),
    }
}

const ROUTES: &str = r#"
scope s read "S"
api x {
    auth bearer
    GET /a/b          requires s
    GET /a/{x}        requires s
    GET /a/{x}/c      requires s
    GET /a/{rest*}    requires s
    GET /{y}/b/d      requires s
    POST /w/register  requires s
    DELETE /w/{uid}   requires s
    GET /col/         requires s
    GET /             requires public
}
"#;

#[test]
fn literal_beats_param_beats_catch_all_with_backtracking() {
    let m = model(ROUTES);
    let s = Some(&["s"][..]);
    assert_eq!(kind(&m, "GET", "/a/b", s), "allow GET /a/b");
    assert_eq!(kind(&m, "GET", "/a/z", s), "allow GET /a/{x}");
    assert_eq!(kind(&m, "GET", "/a/b/c", s), "allow GET /a/{x}/c");
    assert_eq!(kind(&m, "GET", "/a/b/d", s), "allow GET /a/{rest*}");
    assert_eq!(kind(&m, "GET", "/z/b/d", s), "allow GET /{y}/b/d");
    assert_eq!(kind(&m, "GET", "/a/1/2/3/", s), "allow GET /a/{rest*}");
    assert_eq!(kind(&m, "GET", "/", None), "allow GET /");
}

#[test]
fn path_first_then_method() {
    let m = model(ROUTES);
    let s = Some(&["s"][..]);
    assert_eq!(kind(&m, "DELETE", "/w/register", s), "method-not-allowed");
    assert_eq!(kind(&m, "DELETE", "/w/u1", s), "allow DELETE /w/{uid}");
    assert_eq!(kind(&m, "GET", "/nowhere/x/y/z", s), "not-found");
    match decide(&m, &Request::new("PUT", "/w/register").with_scopes(&["s"])) {
        Decision::MethodNotAllowed { allowed, .. } => assert_eq!(allowed, ["POST"]),
        d => panic!("{d:?}"),
    }
}

#[test]
fn trailing_slash_matches_exactly() {
    let m = model(ROUTES);
    let s = Some(&["s"][..]);
    assert_eq!(kind(&m, "GET", "/col/", s), "allow GET /col/");
    assert_eq!(kind(&m, "GET", "/col", s), "not-found");
    assert_eq!(kind(&m, "GET", "/a/b/", s), "allow GET /a/{rest*}");
}

const SCOPES: &str = r#"
scope read:bills read "Bills"
scope write:bills write "Write bills" implies read:bills
scope admin admin "Admin" implies write:bills
scope read:notes read "Notes"
scope read:soap read "SOAP" requires read:notes
alias read:encounters = read:bills
alias read:visits = read:encounters
api x {
    auth bearer
    auth legacy header "X-Old-Key"
    effective key & installation
    GET /bills requires read:bills
    GET /notes requires read:notes {
        when ?soap=true requires read:soap
        when ?raw requires admin
    }
    GET /me requires authenticated
    GET /health requires public {
        strip details unless admin
    }
}
"#;

fn decide_with(m: &scopec::Model, target: &str, key: &[&str], installation: Option<&[&str]>) -> Decision {
    let mut r = Request::new("GET", target).with_scopes(key);
    if let Some(i) = installation {
        r = r.with_grant("installation", i);
    } else {
        r.unlisted = Unlisted::SameAsKey;
    }
    decide(m, &r)
}

#[test]
fn aliases_and_implies_close_the_effective_set() {
    let m = model(SCOPES);
    for key in [&["read:bills"][..], &["read:encounters"], &["read:visits"], &["write:bills"], &["admin"]] {
        assert_eq!(decide_with(&m, "/bills", key, None).kind(), "allow", "{key:?}");
    }
    assert_eq!(decide_with(&m, "/bills", &["read:notes"], None).kind(), "deny");
}

#[test]
fn grant_sets_intersect_before_closure() {
    let m = model(SCOPES);
    assert_eq!(decide_with(&m, "/bills", &["read:bills"], Some(&["read:bills"])).kind(), "allow");
    assert_eq!(decide_with(&m, "/bills", &["read:bills"], Some(&[])).kind(), "deny");
    // The installation granted write:bills, the key holds it: read:bills follows.
    assert_eq!(decide_with(&m, "/bills", &["write:bills"], Some(&["write:bills"])).kind(), "allow");
    // The key's alias name is not what the installation granted.
    assert_eq!(decide_with(&m, "/bills", &["read:encounters"], Some(&["read:bills"])).kind(), "deny");
    // An absent grant set is empty unless the request says otherwise.
    let r = Request::new("GET", "/bills").with_scopes(&["read:bills"]);
    assert_eq!(decide(&m, &r).kind(), "deny");
}

#[test]
fn unknown_scopes_in_a_key_are_ignored() {
    let m = model(SCOPES);
    assert_eq!(decide_with(&m, "/bills", &["READ:BILLS", "read:bill", "*", ""], None).kind(), "deny");
    assert_eq!(decide_with(&m, "/bills", &["nonsense", "read:bills"], None).kind(), "allow");
}

#[test]
fn when_conditions_are_conjoined() {
    let m = model(SCOPES);
    let missing = |target: &str, key: &[&str]| match decide_with(&m, target, key, None) {
        Decision::Deny(d) => m.dnf_text(&d.missing),
        d => d.kind().to_string(),
    };
    assert_eq!(missing("/notes", &["read:notes"]), "allow");
    assert_eq!(missing("/notes?soap=true", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?soap=True", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?soap=false&soap=true", &["read:notes"]), "read:soap");
    // Every spelling a lenient server reads as `soap=true` meets the condition.
    assert_eq!(missing("/notes?soap=1", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?Soap=true", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?x=1;soap=yes", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?soap=%20on+", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?soap=2", &["read:notes"]), "allow");
    assert_eq!(missing("/notes?so%61p=true", &["read:notes"]), "read:soap");
    assert_eq!(missing("/notes?raw", &["read:notes"]), "admin");
    assert_eq!(missing("/notes?raw=&soap=true", &[]), "admin & read:notes & read:soap");
}

#[test]
fn public_and_authenticated() {
    let m = model(SCOPES);
    assert_eq!(decide(&m, &Request::new("GET", "/me")).kind(), "unauthenticated");
    assert_eq!(decide_with(&m, "/me", &[], None).kind(), "allow");
    match decide(&m, &Request::new("GET", "/health")) {
        Decision::Allow(a) => assert_eq!(a.strip, ["details"]),
        d => panic!("{d:?}"),
    }
    match decide_with(&m, "/health", &["admin"], None) {
        Decision::Allow(a) => assert!(a.strip.is_empty()),
        d => panic!("{d:?}"),
    }
}

#[test]
fn keys_sent_a_way_the_api_does_not_accept_are_not_keys() {
    let m = model(SCOPES);
    let via = |scheme: SchemeKind, target: &str| {
        let mut r = Request::new("GET", target);
        r.key = Some(Key { scopes: vec!["read:bills".into()], via: Some(scheme), kind: None });
        r.unlisted = Unlisted::SameAsKey;
        decide(&m, &r)
    };
    match via(SchemeKind::Header("x-old-key".into()), "/bills") {
        Decision::Allow(a) => assert!(a.legacy),
        d => panic!("{d:?}"),
    }
    match via(SchemeKind::Bearer, "/bills") {
        Decision::Allow(a) => assert!(!a.legacy),
        d => panic!("{d:?}"),
    }
    assert_eq!(via(SchemeKind::Header("X-API-Key".into()), "/bills").kind(), "unauthenticated");
    assert_eq!(via(SchemeKind::Query("key".into()), "/health").kind(), "allow");
}

#[test]
fn either_of_denial_names_both_alternatives() {
    let m = common::seed("rxscale");
    let r = Request::new("PATCH", "/v1/external_pharmacy_api/pharmacy_skus/s1/stock")
        .with_scopes(&["stock_read"])
        .with_kind("pharmacy");
    let d = decide(&m, &r);
    let Decision::Deny(den) = &d else { panic!("{d:?}") };
    assert_eq!(m.dnf_text(&den.missing), "stock_write | pharmacy_sku_write");
    let body = error_response(&m, &r, &d).unwrap();
    assert_eq!(body.status, 403);
    assert_eq!(body.body.to_string(), r#"{"code":"permission_denied","message":"Permission denied"}"#);
}

#[test]
fn error_bodies_fill_placeholders() {
    let m = common::seed("maxcare");
    let r = Request::new("GET", "/v3/patients")
        .with_scopes(&["read:bills"])
        .with_kind("data")
        .with_grant("installation", &["read:bills"]);
    let body = error_response(&m, &r, &decide(&m, &r)).unwrap();
    assert_eq!(
        body.body.to_string(),
        r#"{"code":"forbidden","message":"Insufficient scope. Required: read:patients","trace_id":"<trace-id>"}"#
    );
    let r = Request::new("GET", "/v3/patients");
    assert_eq!(error_response(&m, &r, &decide(&m, &r)).unwrap().status, 401);
    let r = Request::new("GET", "/v3/../x");
    let body = error_response(&m, &r, &decide(&m, &r)).unwrap();
    assert_eq!(body.status, 400);
    assert!(body.body["message"].as_str().unwrap().contains("`.` or `..` segment"));
}

#[test]
fn header_conditions_read_leniently_and_count_as_met_when_headers_are_unknown() {
    let m = model(
        r#"scope r read "R"
scope notes read "Notes"
api x { auth bearer
    GET /reports/{id} requires r "A report" {
        when header "X-Include-Notes" = "true" requires notes
    }
}"#,
    );
    let status = |headers: Option<&[(&str, &str)]>| {
        let mut req = Request::new("GET", "/reports/1").with_scopes(&["r"]);
        if let Some(h) = headers {
            req = req.with_headers(h);
        }
        decide(&m, &req).status()
    };
    // Unknown headers: the condition counts as met (the stricter reading).
    assert_eq!(status(None), 403);
    assert_eq!(status(Some(&[])), 200);
    for value in ["true", " TRUE ", "yes", "1", "on", "no, on", "false,true"] {
        assert_eq!(status(Some(&[("x-include-notes", value)])), 403, "{value:?}");
    }
    for value in ["false", "no", "truth", "", "%74rue"] {
        assert_eq!(status(Some(&[("X-Include-Notes", value)])), 200, "{value:?}");
    }
    // A header sent twice counts with each value.
    assert_eq!(status(Some(&[("X-Include-Notes", "no"), ("X-Include-Notes", "y")])), 403);
    assert_eq!(status(Some(&[("X-Include-Note", "true")])), 200);
}
