//! The machine-readable outputs CI users parse are snapshotted, so a change to their shape
//! shows in review: `check --format json|sarif|github|junit` (an error and a lint finding),
//! `test --format json|junit` (failing expectations). `explain --format json` is in
//! `tests/commands.rs`.

mod common;

use std::process::Command;

fn scopec(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const LINT: &str = "tests/fixtures/lint/L0007_public-endpoint.fire.policy";
const ERROR: &str = "tests/fixtures/err/E0101_unknown_scope.policy";
const FAILING: &str = "tests/fixtures/failing/broken_expectations.policy";

#[test]
fn check_formats() {
    for format in ["json", "sarif", "github", "junit"] {
        let out = scopec(&["check", "--format", format, LINT, ERROR]);
        assert_eq!(out, scopec(&["check", "--format", format, LINT, ERROR]), "{format} is not deterministic");
        insta::assert_snapshot!(format!("check_{format}"), out);
    }
}

#[test]
fn test_formats() {
    for format in ["json", "junit"] {
        let out = scopec(&["test", "--format", format, FAILING]);
        insta::assert_snapshot!(format!("test_{format}"), out);
    }
}
