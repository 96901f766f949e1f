//! Request headers: `required` and `optional` ones, documented in OpenAPI (a header
//! parameter with its `required`) and the portal docs (two tables), kept by the formatter,
//! and compared by `diff` only where a request must send them; and `when header`
//! conditions in OpenAPI and the docs.

mod common;

use scopec::emit::openapi::{self, Version};

fn source() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/ok/headers.policy")).unwrap()
}

#[test]
fn openapi_marks_only_the_required_header_required() {
    let m = scopec::compile(&source()).unwrap();
    for version in [Version::V3_0, Version::V3_1] {
        let doc = openapi::standalone(&m, version);
        let params = doc["components"]["parameters"].as_object().unwrap();
        let by_name = |name: &str| params.values().find(|p| p["name"] == name).unwrap().clone();
        assert_eq!(by_name("X-Tenant")["required"], true);
        let optional = by_name("X-GitHub-Api-Version");
        assert_eq!(optional["required"], false);
        assert_eq!(optional["in"], "header");
        assert_eq!(optional["description"], "The REST API version; the latest when absent");
        // The header of a `when header` condition is an optional parameter of its
        // operation, and the condition is in `x-scopec-when`.
        let op = &doc["paths"]["/repos/{owner}/{repo}"]["get"];
        let audit = op["parameters"].as_array().unwrap().iter().find(|p| p["name"] == "X-Include-Audit").unwrap();
        assert_eq!((audit["in"].as_str(), audit["required"].as_bool()), (Some("header"), Some(false)));
        assert_eq!(op["x-scopec-when"][0]["header"], "X-Include-Audit");
        assert_eq!(op["x-scopec-when"][0]["requires"], "repo:audit");
    }
}

#[test]
fn the_docs_list_required_and_optional_headers_apart() {
    let m = scopec::compile(&source()).unwrap();
    let md = scopec::emit::markdown::render(&m, &scopec::emit::markdown::registry(None).unwrap()).unwrap();
    let every = md.find("Every request also carries:").unwrap();
    let may = md.find("A request may also carry:").unwrap();
    let (tenant, version) = (md.find("| `X-Tenant` |").unwrap(), md.find("| `X-GitHub-Api-Version` |").unwrap());
    assert!(every < tenant && tenant < may && may < version, "{md}");
    assert!(md.contains("With header `X-Include-Audit: true`, the request also needs `repo:audit`"), "{md}");
}

#[test]
fn the_formatter_keeps_optional() {
    let text = source();
    let formatted = scopec::fmt::format(&text).unwrap();
    assert!(formatted.contains(r#"header "X-GitHub-Api-Version" optional "The REST API version"#), "{formatted}");
}

#[test]
fn diff_reports_a_header_only_when_it_becomes_required() {
    let old = scopec::compile(&source()).unwrap();
    let diff = |new: &str| {
        let new = scopec::compile(new).unwrap();
        scopec::diff::diff(&old, &new).iter().map(|c| c.message.clone()).collect::<Vec<_>>()
    };
    let text = source();
    let dropped = text
        .replace("    header \"X-GitHub-Api-Version\" optional \"The REST API version; the latest when absent\"\n", "");
    assert!(diff(&dropped).iter().all(|m| !m.contains("header")), "{:?}", diff(&dropped));
    let required = text.replace("\"X-GitHub-Api-Version\" optional", "\"X-GitHub-Api-Version\" required");
    assert_eq!(
        diff(&required).iter().filter(|m| m.contains("header")).collect::<Vec<_>>(),
        ["api `rest` requires header `X-GitHub-Api-Version`"]
    );
}
