//! The policies written from real APIs' public permission docs (`examples/policies/`)
//! pass `check --deny warnings`, `test --min-coverage 100` and `build`. (Their OpenAPI
//! documents go through the independent validators in `tests/external.rs`; their generated
//! modules through the differential suite in `tests/generated.rs`.)

mod common;

use std::process::Command;

const POLICIES: &[&str] = &["examples/policies/slack.policy", "examples/policies/msgraph.policy"];

fn scopec(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

#[test]
fn each_names_its_source() {
    for p in POLICIES {
        let text = std::fs::read_to_string(common::root().join(p)).unwrap();
        let header: String = text.lines().take_while(|l| l.starts_with('#')).collect::<Vec<_>>().join("\n");
        assert!(header.contains("Source:") && header.contains("https://"), "{p}: no source in its header");
    }
}

#[test]
fn they_check_clean_and_pass_their_tests_with_full_coverage() {
    for p in POLICIES {
        let out = scopec(&["check", "--deny", "warnings", p]);
        assert!(out.status.success(), "{p}: {}", String::from_utf8_lossy(&out.stderr));
        let out = scopec(&["test", "--min-coverage", "100", p]);
        assert!(
            out.status.success(),
            "{p}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn they_build() {
    let dir = std::env::temp_dir().join(format!("scopec-real-apis-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = scopec(&["build", "examples/policies", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["slack", "msgraph"] {
        assert!(dir.join(format!("rust/{name}.rs")).is_file(), "{name}: no Rust module");
        assert!(dir.join(format!("openapi/{name}.openapi-3.1.yaml")).is_file(), "{name}: no OpenAPI document");
    }
}
