//! `scopec diff`: a fixture pair and a snapshot for every change code, the report formats,
//! exit codes and `--against`.

mod common;

use std::path::Path;
use std::process::Command;

use scopec::diff::{codes, diff};
use scopec::report::diff::{self as report, PairReport};

fn pair(stem: &str) -> (String, String) {
    let dir = common::root().join("tests/fixtures/diff");
    let read = |side: &str| std::fs::read_to_string(dir.join(format!("{stem}.{side}.policy"))).unwrap();
    (read("old"), read("new"))
}

fn human(stem: &str) -> (Vec<scopec::diff::Change>, String) {
    let (a, b) = pair(stem);
    let changes = diff(&scopec::compile(&a).unwrap(), &scopec::compile(&b).unwrap());
    let text = report::human(&[PairReport {
        old_name: &format!("{stem}.old.policy"),
        old_source: &a,
        new_name: &format!("{stem}.new.policy"),
        new_source: &b,
        changes: &changes,
    }]);
    (changes, text)
}

#[test]
fn every_change_code_has_a_fixture_that_reports_it() {
    for kind in codes::ALL {
        let stem = format!("{}_{}", kind.code, kind.name);
        let (changes, text) = human(&stem);
        assert!(changes.iter().any(|c| c.kind == *kind), "{stem} does not report {}:\n{text}", kind.code);
        insta::assert_snapshot!(format!("diff_{stem}"), text);
    }
}

#[test]
fn a_policy_compared_with_itself_has_no_changes() {
    for path in common::policies_in("policies") {
        let text = std::fs::read_to_string(&path).unwrap();
        let m = scopec::compile(&text).unwrap();
        assert_eq!(diff(&m, &m), Vec::new(), "{}", path.display());
    }
}

#[test]
fn the_reports_in_every_format() {
    let stems = ["D0103_access-widened", "D0302_rule-weakened", "D0102_endpoint-removed", "D0201_scope-added"];
    let texts: Vec<(String, String, String, Vec<scopec::diff::Change>)> = stems
        .iter()
        .map(|s| {
            let (a, b) = pair(s);
            let c = diff(&scopec::compile(&a).unwrap(), &scopec::compile(&b).unwrap());
            (s.to_string(), a, b, c)
        })
        .collect();
    let names: Vec<(String, String)> =
        texts.iter().map(|(s, _, _, _)| (format!("{s}.old.policy"), format!("{s}.new.policy"))).collect();
    let views: Vec<PairReport<'_>> = texts
        .iter()
        .zip(&names)
        .map(|((_, a, b, c), (on, nn))| PairReport {
            old_name: on,
            old_source: a,
            new_name: nn,
            new_source: b,
            changes: c,
        })
        .collect();
    insta::assert_snapshot!("diff_report_json", report::json(&views));
    insta::assert_snapshot!("diff_report_sarif", report::sarif(&views));
    insta::assert_snapshot!("diff_report_github", report::github(&views));
    insta::assert_snapshot!("diff_report_markdown", report::markdown(&views));
    let sarif: serde_json::Value = serde_json::from_str(&report::sarif(&views)).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 4);
}

#[test]
fn the_change_codes_are_documented() {
    let doc = std::fs::read_to_string(common::root().join("docs/diff.md")).unwrap();
    for kind in codes::ALL {
        let row = format!("| `{}` | `{}` | {} | {} |", kind.code, kind.name, kind.category.as_str(), kind.summary);
        assert!(doc.contains(&row), "docs/diff.md lacks the row:\n{row}");
    }
}

fn scopec(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn exit_codes_follow_fail_on() {
    let root = common::root();
    let (old, new) =
        ("tests/fixtures/diff/D0103_access-widened.old.policy", "tests/fixtures/diff/D0103_access-widened.new.policy");
    let code = |fail_on: &str| scopec(&root, &["diff", old, new, "--fail-on", fail_on]).status.code();
    assert_eq!(code("breaking"), Some(1), "widening is above breaking");
    assert_eq!(code("widening"), Some(1));
    assert_eq!(code("exposure"), Some(0));
    assert_eq!(code("breaking,exposure"), Some(0), "a list is exactly those");
    assert_eq!(code("none"), Some(0));
    assert_eq!(code("sideways"), Some(2));
    let same = scopec(&root, &["diff", old, old]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "0 changes: 0 breaking, 0 widening, 0 exposure, 0 compatible\n");
    assert_eq!(scopec(&root, &["diff", old]).status.code(), Some(2));
    assert_eq!(scopec(&root, &["diff", old, "tests/fixtures/err/E0101_unknown_scope.policy"]).status.code(), Some(1));
}

#[test]
fn against_a_git_revision() {
    let dir = std::env::temp_dir().join(format!("scopec-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("policies")).unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    git(&["init", "-q"]);
    git(&["config", "user.email", "ci@example.com"]);
    git(&["config", "user.name", "CI"]);
    let (a, b) = pair("D0103_access-widened");
    std::fs::write(dir.join("policies/shop.policy"), &a).unwrap();
    std::fs::write(dir.join("policies/gone.policy"), &a).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    std::fs::write(dir.join("policies/shop.policy"), &b).unwrap();
    std::fs::remove_file(dir.join("policies/gone.policy")).unwrap();
    let out = scopec(&dir, &["diff", "--against", "HEAD", "--format", "json", "--fail-on", "none"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = doc["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["code"] == "D0103" && c["old"]["file"] == "HEAD:policies/shop.policy"));
    assert!(changes.iter().any(|c| c["code"] == "D0102" && c["old"]["file"] == "HEAD:policies/gone.policy"), "{doc:#}");
    let bad = scopec(&dir, &["diff", "--against", "no-such-ref"]);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
