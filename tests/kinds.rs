//! Key kinds: which schemes take which kinds, the scopes a kind can hold (before and after
//! the closure, aliases included), alternatives open to one kind, the defaults tests use,
//! and what validation refuses. (The differential suite in `tests/generated.rs` compares
//! the generated code with the engine on the `kinds` fixture and the real-API policies.)

mod common;

use scopec::emit::openapi::{self, Version};
use scopec::engine::{Decision, Request, Unlisted, decide};
use scopec::model::SchemeKind;

fn fixture() -> scopec::Model {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/ok/kinds.policy")).unwrap();
    scopec::compile(&text).unwrap()
}

fn codes(source: &str) -> Vec<String> {
    scopec::check(source).diagnostics.iter().map(|d| d.code.to_string()).collect()
}

fn kind_of(m: &scopec::Model, r: &Request) -> &'static str {
    decide(m, r).kind()
}

#[test]
fn a_scheme_takes_only_its_kinds_and_a_key_of_no_known_kind_is_refused() {
    let m = fixture();
    let post = |kind: Option<&str>| {
        let r = Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]);
        match kind {
            Some(k) => r.with_kind(k),
            None => r,
        }
    };
    assert_eq!(kind_of(&m, &post(Some("bot"))), "allow");
    assert_eq!(kind_of(&m, &post(Some("user"))), "allow");
    assert_eq!(kind_of(&m, &post(Some("app"))), "unauthenticated");
    assert_eq!(kind_of(&m, &post(Some("nobody"))), "unauthenticated");
    // No stated kind: the web api takes two kinds, so there is no default.
    assert_eq!(kind_of(&m, &post(None)), "unauthenticated");
    let mut r = post(None);
    r.unlisted = Unlisted::SameAsKey;
    assert_eq!(kind_of(&m, &r), "unauthenticated");
    // The socket api takes one kind: tests and explain assume it, the strict reading does not.
    let mut r = Request::new("POST", "/apps.connections.open").with_scopes(&["connections:write"]);
    assert_eq!(kind_of(&m, &r), "unauthenticated");
    r.unlisted = Unlisted::SameAsKey;
    assert_eq!(kind_of(&m, &r), "allow");
}

#[test]
fn via_a_scheme_that_takes_the_kind_and_legacy_by_the_schemes_that_take_it() {
    let m = fixture();
    let mut r = Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]).with_kind("bot");
    r.key.as_mut().unwrap().via = Some(SchemeKind::Query("token".into()));
    match decide(&m, &r) {
        Decision::Allow(a) => assert!(a.legacy),
        d => panic!("{d:?}"),
    }
    r.key.as_mut().unwrap().via = Some(SchemeKind::Header("X-Token".into()));
    assert_eq!(kind_of(&m, &r), "unauthenticated");
}

#[test]
fn scopes_outside_the_kind_grant_nothing_before_or_after_the_closure() {
    let m = fixture();
    // channels:manage implies channels:read; bots can hold channels:read only.
    let r = Request::new("GET", "/conversations.list").with_scopes(&["channels:manage"]).with_kind("bot");
    let Decision::Deny(d) = decide(&m, &r) else { panic!() };
    assert!(d.effective.is_empty(), "{:?}", d.effective);
    let r = Request::new("GET", "/conversations.list").with_scopes(&["channels:manage"]).with_kind("user");
    assert_eq!(kind_of(&m, &r), "allow");
    // An alias counts as its target: bots hold files:read, so files:get works.
    let r = Request::new("GET", "/files.info").with_scopes(&["files:get"]).with_kind("bot");
    assert_eq!(kind_of(&m, &r), "allow");
    // A pattern: app-level tokens hold connections:* only.
    let r = Request::new("POST", "/apps.connections.open")
        .with_scopes(&["connections:write", "chat:write"])
        .with_kind("app");
    let Decision::Allow(a) = decide(&m, &r) else { panic!() };
    assert_eq!(a.effective.iter().map(|s| m.scope_name(*s)).collect::<Vec<_>>(), ["connections:write"]);
}

#[test]
fn an_alternative_for_one_kind_counts_only_for_that_kind() {
    let m = fixture();
    let r = Request::new("POST", "/admin.users.invite").with_scopes(&["admin.users:write"]).with_kind("bot");
    let Decision::Deny(d) = decide(&m, &r) else { panic!() };
    assert!(d.missing.is_empty(), "nothing a bot could add would do");
    let body = scopec::engine::error_response(&m, &r, &decide(&m, &r)).unwrap();
    assert!(body.body["message"].as_str().unwrap().ends_with("kind user & admin.users:write"), "{}", body.body);
    // A `when` with kinds: the user alternative needs one more scope.
    let r = Request::new("GET", "/users.info?include_email=true").with_scopes(&["users:read.email"]).with_kind("user");
    let Decision::Deny(d) = decide(&m, &r) else { panic!() };
    assert_eq!(m.dnf_text(&d.missing), "admin.users:write");
    assert_eq!(
        m.requirement_text(&d.requirement),
        "kind bot & users:read.email | kind user & admin.users:write & users:read.email"
    );
}

#[test]
fn openapi_security_of_a_scheme_lists_the_alternatives_open_to_its_kinds() {
    let m = fixture();
    let doc = openapi::standalone(&m, Version::V3_1);
    let op = &doc["paths"]["/admin.users.invite"]["post"];
    let security = op["security"].as_array().unwrap();
    assert!(!security.is_empty());
    for s in security {
        assert_eq!(s.as_object().unwrap().values().next().unwrap(), &serde_json::json!(["admin.users:write"]));
    }
    assert_eq!(op["x-scopec-requirement"]["by_kind"]["user"], serde_json::json!([["admin.users:write"]]));
    assert_eq!(doc["x-scopec-key-kinds"]["app"]["scopes"], serde_json::json!(["connections:write"]));
    assert_eq!(doc["x-scopec-key-kinds"]["bot"]["apis"], serde_json::json!(["web"]));
}

const HEAD: &str = "policy \"K\" { version \"1\" }\nscope a read \"A\"\n";

#[test]
fn one_kinds_format_on_two_schemes_is_one_format() {
    let two_schemes = format!(
        "{HEAD}kind personal {{ format prefix \"glpat-\" }}\napi x {{\n    auth header \"PRIVATE-TOKEN\" kind personal\n    auth bearer kind personal\n    GET /a requires a \"A\"\n}}\n"
    );
    assert_eq!(codes(&two_schemes), Vec::<String>::new());
    let two_kinds = format!(
        "{HEAD}kind p {{ format prefix \"glpat-\" }}\nkind q {{ format prefix \"glpat-x\" }}\napi x {{\n    auth bearer kind p, q\n    GET /a requires a \"A\"\n}}\n"
    );
    assert_eq!(codes(&two_kinds), ["E0301"]);
    let same_scheme = format!(
        "{HEAD}kind p {{ scopes any }}\nkind q {{ scopes any }}\napi x {{\n    auth bearer kind p\n    auth bearer kind q\n    GET /a requires a \"A\"\n}}\n"
    );
    assert_eq!(codes(&same_scheme), ["E0011"]);
    let two_kinds_one_term = format!(
        "{HEAD}kind p {{ scopes any }}\nkind q {{ scopes any }}\napi x {{\n    auth bearer kind p, q\n    GET /a requires kind p & kind q & a | a \"A\"\n}}\n"
    );
    assert_eq!(codes(&two_kinds_one_term), Vec::<String>::new());
}

#[test]
fn the_formatter_keeps_kinds() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/ok/kinds.policy")).unwrap();
    let formatted = scopec::fmt::format(&text).unwrap();
    let a = scopec::compile(&text).unwrap();
    let b = scopec::compile(&formatted).unwrap();
    let facts = |m: &scopec::Model| {
        m.kinds
            .iter()
            .map(|k| (k.name.clone(), k.scopes.clone(), k.formats.clone(), k.facts.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(facts(&a), facts(&b));
    assert!(formatted.contains("auth legacy query \"token\" kind bot, user"), "{formatted}");
    assert!(formatted.contains("scopes matching \"connections:*\""));
    assert_eq!(scopec::fmt::format(&formatted).unwrap(), formatted);
}
