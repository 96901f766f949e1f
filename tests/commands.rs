//! `scopec test` and `scopec explain` from the command line.

mod common;

use std::process::{Command, Output};

fn scopec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const BROKEN: &str = "tests/fixtures/failing/broken_expectations.policy";

#[test]
fn seed_tests_pass_with_full_coverage() {
    let out = scopec(&["test", "--min-coverage", "100"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("coverage: endpoints 36/36 (100.0%)"), "{text}");
    assert!(text.contains("coverage: endpoints 12/12 (100.0%)"), "{text}");
    assert!(text.ends_with("passed; 0 failed\n"));
}

#[test]
fn a_broken_expectation_fails_with_a_pointed_diagnostic() {
    let out = scopec(&["test", BROKEN]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("test_broken_human", stdout(&out));
}

#[test]
fn minimum_coverage_is_enforced() {
    let out = scopec(&["test", "--min-coverage", "50", BROKEN]);
    let text = stdout(&out);
    assert!(text.contains("coverage of data rules (0.0% < 50%) is below the minimum"), "{text}");
    assert!(!text.contains("coverage of endpoints"), "{text}");
    assert_eq!(scopec(&["test", "--min-coverage", "101"]).status.code(), Some(2));
}

#[test]
fn json_results_have_the_documented_shape() {
    let out = scopec(&["test", "--format", "json", BROKEN]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["passed"], false);
    let file = &v["files"][0];
    assert_eq!(file["failed"], 2);
    assert_eq!(file["cases"][0]["expected"], "allow");
    assert_eq!(file["cases"][0]["actual"], "allow strip prescription");
    assert_eq!(file["cases"][0]["location"]["line"], 13);
    assert_eq!(file["coverage"]["endpoints"]["uncovered"][0], "GET /other");
    assert_eq!(file["diagnostics"][0]["code"], "T0001");
}

#[test]
fn junit_reports_each_case() {
    let out = scopec(&["test", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<testcase ").count(), 168);
    assert!(xml.contains("failures=\"0\""));
    let out = scopec(&["test", "--format", "junit", BROKEN]);
    assert_eq!(stdout(&out).matches("<failure ").count(), 2);
}

#[test]
fn invalid_policies_fail_the_test_run() {
    let out = scopec(&["test", "tests/fixtures/err/E0101_unknown_scope.policy"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not run (the policy has errors)"));
}

#[test]
fn explain_shows_the_reasons() {
    let out = scopec(&[
        "explain",
        "policies/rxscale.policy",
        "GET",
        "/v1/management_api/orders/o1",
        "--scopes",
        "order:read",
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("explain_strip_human", stdout(&out));
    let out = scopec(&[
        "explain",
        "policies/maxcare.policy",
        "GET",
        "/v3/notes?includeSoapNote=true",
        "--scopes",
        "read:notes",
        "--grant",
        "installation=read:notes,read:soap_notes",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("explain_soap_json", stdout(&out));
}

#[test]
fn explain_usage_errors() {
    let base = ["explain", "policies/rxscale.policy", "GET", "/x"];
    let with = |extra: &[&str]| scopec(&[&base[..], extra].concat()).status.code();
    assert_eq!(with(&["--api", "nope"]), Some(2));
    assert_eq!(with(&["--via", "carrier-pigeon"]), Some(2));
    assert_eq!(with(&["--grant", "no-equals-sign"]), Some(2));
    assert_eq!(with(&[]), Some(0));
}

/// Scope names are exact in `explain` as in the engine and generated code: a name with
/// spaces around it is not the scope, and the warning says so.
#[test]
fn explain_does_not_trim_scope_names() {
    let out = scopec(&[
        "explain",
        "policies/rxscale.policy",
        "GET",
        "/v1/management_api/orders/o1",
        "--scopes",
        " order:read",
    ]);
    let text = stdout(&out);
    assert!(text.contains("decision    deny (403)"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("scope names are exact"), "{:?}", out.stderr);
}
