//! OpenAPI output: security equals each endpoint's requirement in DNF, for 3.0 and 3.1;
//! annotating a third-party document changes nothing but its security parts; drift is
//! reported.

mod common;

use scopec::Model;
use scopec::emit::openapi::{self, Version, security_requirements};
use scopec::model::EndpointId;
use serde_yaml::Value;

const SEEDS: &[&str] = &["maxcare", "plusmedical", "rxscale"];

fn yaml(v: &serde_json::Value) -> Value {
    serde_yaml::to_value(v).unwrap()
}

fn operation<'a>(doc: &'a Value, model: &Model, id: EndpointId) -> &'a Value {
    let e = &model.endpoints[id];
    let path = e.pattern.to_string().replace('*', "");
    &doc["paths"][path.as_str()][e.method.as_str().to_ascii_lowercase().as_str()]
}

/// The requirement in DNF, as OpenAPI writes it: one object per scheme and alternative.
fn expected(model: &Model, id: EndpointId) -> Value {
    let e = &model.endpoints[id];
    let api = &model.apis[e.api];
    let mut list = Vec::new();
    if !e.requirement.anonymous {
        for scheme in &api.auth {
            let name = match &scheme.kind {
                scopec::model::SchemeKind::Bearer => format!("{}_bearer", api.name),
                scopec::model::SchemeKind::Header(h) => format!("{}_header_{h}", api.name),
                scopec::model::SchemeKind::Query(q) => format!("{}_query_{q}", api.name),
            };
            for term in &e.requirement.dnf {
                let scopes: Vec<Value> = term.iter().map(|s| Value::from(model.scope_name(*s))).collect();
                let mut m = serde_yaml::Mapping::new();
                m.insert(name.clone().into(), Value::Sequence(scopes));
                list.push(Value::Mapping(m));
            }
        }
    }
    Value::Sequence(list)
}

#[test]
fn security_is_the_requirement_in_dnf() {
    for name in SEEDS {
        let model = common::seed(name);
        let v31 = yaml(&openapi::standalone(&model, Version::V3_1));
        let v30 = yaml(&openapi::standalone(&model, Version::V3_0));
        for id in model.endpoints.ids() {
            let want = expected(&model, id);
            let op31 = operation(&v31, &model, id);
            assert_eq!(op31["security"], want, "{name} 3.1 {}", model.endpoints[id].label());
            // 3.0: arrays stay empty; the scopes travel in x-scopec-security.
            let op30 = operation(&v30, &model, id);
            let security = op30["security"].as_sequence().unwrap();
            assert!(
                security.iter().all(|o| o.as_mapping().unwrap().values().all(|v| v.as_sequence().unwrap().is_empty()))
            );
            if model.endpoints[id].requirement.anonymous {
                assert!(security.is_empty());
                assert!(op30.get("x-scopec-security").is_none());
            } else {
                assert_eq!(op30["x-scopec-security"], want, "{name} 3.0 {}", model.endpoints[id].label());
            }
        }
    }
}

#[test]
fn either_of_is_or_and_both_of_is_and() {
    let model = common::seed("rxscale");
    let stock = model.endpoints.iter().find(|e| e.label().ends_with("/pharmacy_skus/{uid}/stock")).unwrap();
    let reqs = security_requirements(&model, stock);
    assert_eq!(
        reqs,
        [
            ("pharmacy_header_X-API-Key".to_string(), vec!["stock_write".to_string()]),
            ("pharmacy_header_X-API-Key".to_string(), vec!["pharmacy_sku_write".to_string()]),
        ]
    );
    let pet = std::fs::read_to_string(common::root().join("tests/fixtures/openapi/petstore.policy")).unwrap();
    let pet = scopec::compile(&pet).unwrap();
    let create = pet.endpoints.iter().find(|e| e.method.as_str() == "POST").unwrap();
    let reqs = security_requirements(&pet, create);
    // pets:write & pets:read | pets:admin, over two schemes.
    assert_eq!(reqs.len(), 4);
    assert!(reqs.contains(&("petstore_header_X-API-Key".into(), vec!["pets:read".into(), "pets:write".into()])));
    assert!(reqs.contains(&("petstore_bearer".into(), vec!["pets:admin".into()])));
}

#[test]
fn public_and_authenticated() {
    let model = scopec::compile(
        "policy \"p\" {}\nscope a read \"A\"\napi x { auth bearer\n GET /open requires public\n GET /me requires authenticated\n GET /a requires a }",
    )
    .unwrap();
    let doc = yaml(&openapi::standalone(&model, Version::V3_1));
    assert_eq!(doc["paths"]["/open"]["get"]["security"], Value::Sequence(vec![]));
    assert_eq!(serde_yaml::to_string(&doc["paths"]["/me"]["get"]["security"]).unwrap(), "- x_bearer: []\n");
}

fn without_security(doc: &mut Value) {
    if let Some(Value::Mapping(paths)) = doc.get_mut("paths") {
        for (_, item) in paths.iter_mut() {
            let Value::Mapping(item) = item else { continue };
            for (_, op) in item.iter_mut() {
                if let Value::Mapping(op) = op {
                    op.remove("security");
                    let ext: Vec<Value> =
                        op.keys().filter(|k| k.as_str().is_some_and(|k| k.starts_with("x-scopec-"))).cloned().collect();
                    for k in ext {
                        op.remove(&k);
                    }
                }
            }
        }
    }
    if let Some(Value::Mapping(c)) = doc.get_mut("components") {
        c.remove("securitySchemes");
    }
}

#[test]
fn annotating_a_third_party_document_changes_only_security() {
    let root = common::root().join("tests/fixtures/openapi");
    let policy = scopec::compile(&std::fs::read_to_string(root.join("petstore.policy")).unwrap()).unwrap();
    let original = std::fs::read_to_string(root.join("petstore.yaml")).unwrap();
    let annotated = openapi::annotate(&policy, &original, None, None).unwrap();
    assert_eq!(annotated.version, Version::V3_0);
    assert!(annotated.diagnostics.is_empty(), "{:?}", annotated.diagnostics);
    let mut got: Value = serde_yaml::from_str(&annotated.text).unwrap();
    let want: Value = serde_yaml::from_str(&original).unwrap();
    // Security is there, on every operation.
    assert!(got["paths"]["/pets/{petId}"]["get"]["security"].is_sequence());
    assert!(got["components"]["securitySchemes"]["petstore_header_X-API-Key"].is_mapping());
    without_security(&mut got);
    assert_eq!(got, want);
    // Same keys in the same order everywhere: serializing both gives the same text.
    assert_eq!(serde_yaml::to_string(&got).unwrap(), serde_yaml::to_string(&want).unwrap());
    insta::assert_snapshot!("petstore_annotated", annotated.text);
}

#[test]
fn annotating_json_keeps_json() {
    let root = common::root().join("tests/fixtures/openapi");
    let policy = scopec::compile(&std::fs::read_to_string(root.join("petstore.policy")).unwrap()).unwrap();
    let original: Value = serde_yaml::from_str(&std::fs::read_to_string(root.join("petstore.yaml")).unwrap()).unwrap();
    let json = serde_json::to_string_pretty(&original).unwrap();
    let annotated = openapi::annotate(&policy, &json, None, None).unwrap();
    let back: serde_json::Value = serde_json::from_str(&annotated.text).unwrap();
    assert!(back["paths"]["/pets"]["get"]["security"].is_array());
}

#[test]
fn drift_is_reported() {
    let root = common::root().join("tests/fixtures/openapi");
    let original = std::fs::read_to_string(root.join("petstore.yaml")).unwrap();
    // The policy lacks GET /pets/{petId}, names its parameter differently on another
    // route, and has an endpoint the document lacks.
    let policy = scopec::compile(
        r#"policy "p" {}
scope pets:read read "Read"
api petstore {
    base "/v1"
    auth header "X-API-Key"
    GET /pets requires pets:read
    DELETE /pets/{id} requires pets:read
    GET /toys requires pets:read
}"#,
    )
    .unwrap();
    let annotated = openapi::annotate(&policy, &original, None, None).unwrap();
    let codes: Vec<(&str, String)> = annotated.diagnostics.iter().map(|d| (d.code, d.message.clone())).collect();
    assert!(codes.iter().any(|(c, m)| *c == "D0001" && m.contains("`GET /pets/{petId}`")), "{codes:?}");
    assert!(codes.iter().any(|(c, m)| *c == "D0001" && m.contains("`POST /pets`")), "{codes:?}");
    assert!(codes.iter().any(|(c, m)| *c == "D0002" && m.contains("GET /v1/toys")), "{codes:?}");
    assert!(codes.iter().any(|(c, m)| *c == "D0002" && m.contains("DELETE /v1/pets/{id}")), "{codes:?}");

    let renamed = scopec::compile(
        "policy \"p\" {}\nscope pets:read read \"Read\"\napi petstore { base \"/v1\" auth header \"X-API-Key\"\n GET /pets requires pets:read\n POST /pets requires pets:read\n GET /pets/{id} requires pets:read }",
    )
    .unwrap();
    let annotated = openapi::annotate(&renamed, &original, None, None).unwrap();
    let codes: Vec<&str> = annotated.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["D0003"]);
}

/// The seeds' documents are goldens in `generated/openapi/` (checked by
/// `tests/build.rs`); here, only that they are deterministic.
#[test]
fn standalone_outputs_are_deterministic() {
    for name in SEEDS {
        let model = common::seed(name);
        for v in [Version::V3_0, Version::V3_1] {
            let text = serde_yaml::to_string(&openapi::standalone(&model, v)).unwrap();
            assert_eq!(text, serde_yaml::to_string(&openapi::standalone(&common::seed(name), v)).unwrap());
        }
    }
}

fn operation_ids(doc: &serde_json::Value) -> Vec<String> {
    let mut ids = Vec::new();
    for item in doc["paths"].as_object().into_iter().flat_map(|p| p.values()) {
        for op in item.as_object().into_iter().flat_map(|o| o.values()) {
            if let Some(id) = op["operationId"].as_str() {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

fn assert_unique(ids: &[String]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate operationIds in {ids:?}");
}

#[test]
fn operation_ids_are_unique_where_names_collide() {
    let text = r#"policy "P" { version "1" }
scope a:read read "A"
api x {
    auth bearer
    GET /a-b      requires a:read "A"
    GET /a_b      requires a:read "B"
    GET /a_b_2    requires a:read "C"
    GET /x/{b}    requires a:read "D"
    GET /x/b      requires a:read "E"
    GET /x/       requires a:read "F"
    GET /x/list   requires a:read "G"
}"#;
    let model = scopec::compile(text).unwrap();
    for v in [Version::V3_0, Version::V3_1] {
        let ids = operation_ids(&openapi::standalone(&model, v));
        assert_eq!(ids.len(), 7);
        assert_unique(&ids);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Random endpoints over segments that collide once made identifiers: every valid
    /// policy's document has unique operationIds.
    #[test]
    fn operation_ids_are_unique_for_random_paths(
        paths in proptest::collection::vec(
            (proptest::sample::select(vec!["GET", "POST", "get_x"]),
             proptest::collection::vec(proptest::sample::select(vec!["a-b", "a_b", "a", "b", "{b}", "{id}", "list", "x", "a_b_2"]), 0..4),
             proptest::bool::ANY),
            1..12,
        )
    ) {
        let mut text = String::from("policy \"P\" { version \"1\" }\nscope a:read read \"A\"\napi x {\n    auth bearer\n");
        for (i, (method, segs, slash)) in paths.iter().enumerate() {
            let method = if *method == "get_x" { "PUT" } else { method };
            let mut path = format!("/{}", segs.join("/"));
            if *slash && !segs.is_empty() {
                path.push('/');
            }
            text.push_str(&format!("    {method} {path} requires a:read \"E{i}\"\n"));
        }
        text.push_str("}\n");
        // Duplicate or ambiguous routes are refused by validation; the rest must hold.
        if let Ok(model) = scopec::compile(&text) {
            assert_unique(&operation_ids(&openapi::standalone(&model, Version::V3_1)));
        }
    }
}

/// D0001 points at the api whose base holds the operation's path, not at the first api.
#[test]
fn an_unguarded_operation_is_reported_at_its_own_api() {
    let source = "policy \"p\" {}\nscope a:read read \"A\"\napi first { base \"/v1\" auth bearer\n GET /x requires a:read }\napi admin { base \"/admin\" auth bearer\n GET /y requires a:read }\n";
    let policy = scopec::compile(source).unwrap();
    let spec = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/admin/z": {"get": {"responses": {"200": {"description": "ok"}}}}, "/other": {"get": {"responses": {"200": {"description": "ok"}}}}}}"#;
    let annotated = openapi::annotate(&policy, spec, None, None).unwrap();
    let at = |path: &str| {
        let d = annotated.diagnostics.iter().find(|d| d.code == "D0001" && d.message.contains(path)).unwrap();
        &source[d.span.start as usize..]
    };
    assert!(at("/admin/z").starts_with("api admin"), "{}", at("/admin/z"));
    // No base holds `/other`: the first api.
    assert!(at("/other").starts_with("api first"));
}

/// `server` and `license` reach the document; without a server, OpenAPI's default `/` is
/// written out; a second `license` is an error.
#[test]
fn servers_and_license_come_from_the_policy() {
    let with = scopec::compile(
        "policy \"p\" {\n server \"https://api.example.com\" \"Production\"\n server \"https://sandbox.example.com\"\n license \"MIT\" \"https://opensource.org/license/mit\"\n}\nscope a:read read \"A\"\napi x { auth bearer\n GET /a requires a:read }\n",
    )
    .unwrap();
    let doc = openapi::standalone(&with, Version::V3_1);
    assert_eq!(
        doc["servers"],
        serde_json::json!([{ "url": "https://api.example.com", "description": "Production" }, { "url": "https://sandbox.example.com" }])
    );
    assert_eq!(
        doc["info"]["license"],
        serde_json::json!({ "name": "MIT", "url": "https://opensource.org/license/mit" })
    );
    let without =
        scopec::compile("policy \"p\" {}\nscope a:read read \"A\"\napi x { auth bearer\n GET /a requires a:read }\n")
            .unwrap();
    let doc = openapi::standalone(&without, Version::V3_0);
    assert_eq!(doc["servers"], serde_json::json!([{ "url": "/" }]));
    assert!(doc["info"].get("license").is_none());
    let twice = scopec::validate("policy \"p\" { license \"MIT\" license \"ISC\" }\n");
    assert!(twice.diagnostics.iter().any(|d| d.is_error() && d.message.contains("license")), "{:?}", twice.diagnostics);
}

/// Error examples carry the trace field their schema requires.
#[test]
fn error_examples_conform_to_their_schema() {
    let model = common::seed("maxcare");
    let doc = openapi::standalone(&model, Version::V3_1);
    let schema = doc["components"]["schemas"].as_object().unwrap().values().next().unwrap().clone();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(required.len() == 3, "{required:?}");
    let mut examples = 0;
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            for response in op["responses"].as_object().unwrap().values() {
                if let Some(example) = response.pointer("/content/application~1json/example") {
                    examples += 1;
                    for field in &required {
                        assert!(example.get(*field).is_some(), "{field} missing from {example}");
                    }
                }
            }
        }
    }
    assert!(examples > 50, "{examples}");
}

#[test]
fn a_base_parameter_is_a_path_parameter_of_every_operation() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/ok/routing.policy")).unwrap();
    let m = scopec::compile(&text).unwrap();
    let doc = scopec::emit::openapi::standalone(&m, scopec::emit::openapi::Version::V3_1);
    let op = &doc["paths"]["/ex/jira/{cloudid}/rest/api/3/issue/{issue-id}"]["get"];
    let names: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cloudid", "issue-id"]);
    assert!(doc["paths"].get("/ex/jira/{cloudid}/").is_some());
}
