//! Body parameters: documented in OpenAPI (a JSON or form request body) and the portal
//! docs, said plainly to play no part in deciding, and linted on GET.

mod common;

use scopec::emit::openapi::{self, Version};
use scopec::engine::{Request, decide};

fn model() -> scopec::Model {
    let source = std::fs::read_to_string(common::root().join("tests/fixtures/ok/body_params.policy")).unwrap();
    scopec::compile(&source).unwrap()
}

#[test]
fn openapi_has_the_request_body() {
    let m = model();
    for version in [Version::V3_0, Version::V3_1] {
        let doc = openapi::standalone(&m, version);
        let body = &doc["paths"]["/chat.postMessage"]["post"]["requestBody"];
        assert_eq!(body["required"], true);
        for media in ["application/json", "application/x-www-form-urlencoded"] {
            let schema = &body["content"][media]["schema"];
            assert_eq!(schema["type"], "object");
            assert_eq!(schema["required"], serde_json::json!(["channel"]));
            let names: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(names, ["channel", "text", "blocks[]"]);
            assert_eq!(schema["properties"]["channel"]["description"], "The channel, private group or IM to post to");
        }
        assert!(doc["paths"]["/conversations.history"]["get"].get("requestBody").is_none());
    }
}

#[test]
fn the_docs_list_them_and_say_bodies_decide_nothing() {
    let m = model();
    let md = scopec::emit::markdown::render(&m, &scopec::emit::markdown::registry(None).unwrap()).unwrap();
    assert!(md.contains("(`channel` body parameter required) (`text` body parameter optional)"), "{md}");
    assert!(md.contains("what a request may do never depends on its body"), "{md}");
    let seed =
        scopec::emit::markdown::render(&common::seed("rxscale"), &scopec::emit::markdown::registry(None).unwrap())
            .unwrap();
    assert!(!seed.contains("Body parameters"));
}

#[test]
fn a_body_never_changes_a_decision() {
    let m = model();
    // The engine's request has no body at all: the same request decides the same way
    // whatever body a client sends, and a missing required body parameter is not a 400.
    let r = Request::new("POST", "/chat.postMessage").with_scopes(&["chat:write"]);
    assert_eq!(decide(&m, &r).status(), 200);
}
