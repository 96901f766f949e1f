//! Obligations (`oblige`): returned on Allow unless lifted, stated in tests, listed in
//! OpenAPI and the Markdown docs, explained, formatted, validated and linted. (The
//! differential suite in `tests/generated.rs` compares the generated `Allowed::obligations`
//! with the engine on the real-API policies that declare them.)

mod common;

use scopec::emit::openapi::{self, Version};
use scopec::engine::{Decision, Request, decide};

const POLICY: &str = r#"policy "O" { version "1" }
scope chat:write write "Send messages"
scope chat:write.public admin "Send to channels the app is not in"
scope users:read read "Read users"
scope invoices:read read "Read invoices"

api web {
    auth bearer
    POST /chat.postMessage requires chat:write "Send a message" {
        oblige channel_member "The app must be a member of the channel" unless chat:write.public
        oblige not_archived "The channel must not be archived"
    }
    GET /invoices requires invoices:read "List invoices" {
        filter issued_only "Only issued invoices"
        oblige own_org "Only the key's organisation's invoices"
    }
}

test "obligations" {
    POST /chat.postMessage with chat:write                    => allow oblige channel_member, not_archived
    POST /chat.postMessage with chat:write, chat:write.public => allow oblige not_archived
    GET /invoices with invoices:read                          => allow filter issued_only oblige own_org
}
"#;

fn model() -> scopec::Model {
    scopec::compile(POLICY).unwrap()
}

fn allowed(m: &scopec::Model, r: &Request) -> scopec::engine::Allowed {
    match decide(m, r) {
        Decision::Allow(a) => a,
        d => panic!("{d:?}"),
    }
}

#[test]
fn allow_lists_the_obligations_not_lifted_sorted_and_apart_from_filters() {
    let m = model();
    let post = Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]);
    assert_eq!(allowed(&m, &post).obligations, ["channel_member", "not_archived"]);
    let lifted = Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write", "chat:write.public"]);
    assert_eq!(allowed(&m, &lifted).obligations, ["not_archived"]);
    let invoices = allowed(&m, &Request::new("GET", "/invoices").with_scopes(&["invoices:read"]));
    assert_eq!(
        (invoices.filters, invoices.obligations),
        (vec!["issued_only".to_string()], vec!["own_org".to_string()])
    );
    // An obligation never changes whether the request is allowed.
    assert_eq!(decide(&m, &Request::new("POST", "/chat.postMessage").with_scopes(&["users:read"])).kind(), "deny");
}

#[test]
fn tests_state_obligations_exactly() {
    let run = scopec::testing::run(&model());
    assert!(run.cases.iter().all(|c| c.passed));
    let wrong = POLICY.replace("allow oblige not_archived\n", "allow\n");
    let run = scopec::testing::run(&scopec::compile(&wrong).unwrap());
    assert_eq!(run.cases.iter().filter(|c| !c.passed).count(), 1);
}

#[test]
fn openapi_lists_obligations_in_their_own_extension() {
    let doc = openapi::standalone(&model(), Version::V3_1);
    let op = &doc["paths"]["/chat.postMessage"]["post"];
    assert_eq!(
        op["x-scopec-obligations"],
        serde_json::json!([
            {"name": "channel_member", "description": "The app must be a member of the channel", "unless": "chat:write.public"},
            {"name": "not_archived", "description": "The channel must not be archived", "unless": null},
        ])
    );
    assert!(op.get("x-scopec-data-rules").is_none());
    let inv = &doc["paths"]["/invoices"]["get"];
    assert_eq!(inv["x-scopec-data-rules"].as_array().unwrap().len(), 1);
    assert_eq!(inv["x-scopec-obligations"][0]["name"], "own_org");
}

#[test]
fn the_docs_list_obligations_under_their_own_heading() {
    let hb = scopec::emit::markdown::registry(None).unwrap();
    let md = scopec::emit::markdown::render(&model(), &hb).unwrap();
    let section = md.split("## Obligations").nth(1).expect("an Obligations section");
    assert!(
        section.contains(
            "unless the key holds `chat:write.public`: The app must be a member of the channel (`channel_member`)"
        ),
        "{section}"
    );
    assert!(section.contains("Only the key's organisation's invoices (`own_org`)"), "{section}");
}

#[test]
fn explain_reports_obligations() {
    let m = model();
    let x =
        scopec::engine::explain::explain(&m, &Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]));
    assert_eq!(x.obligations, ["channel_member", "not_archived"]);
    let json = serde_json::to_value(&x).unwrap();
    assert_eq!(json["obligations"], serde_json::json!(["channel_member", "not_archived"]));
}

#[test]
fn the_formatter_keeps_obligations() {
    let formatted = scopec::fmt::format(POLICY).unwrap();
    assert!(
        formatted
            .contains("oblige channel_member \"The app must be a member of the channel\" unless chat:write.public")
    );
    assert!(formatted.contains("=> allow filter issued_only oblige own_org"), "{formatted}");
    assert_eq!(scopec::fmt::format(&formatted).unwrap(), formatted);
}

#[test]
fn validation_refuses_a_name_twice_and_an_obligation_without_its_text() {
    let codes = |s: &str| scopec::check(s).diagnostics.iter().map(|d| d.code.to_string()).collect::<Vec<_>>();
    let twice = POLICY.replace("oblige not_archived", "oblige channel_member");
    assert_eq!(codes(&twice), ["E0116"]);
    let no_text = POLICY.replace(" \"The channel must not be archived\"", "");
    assert_eq!(codes(&no_text), ["E0001"]);
}
