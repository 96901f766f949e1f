//! Every validation code has a fixture that triggers it, and the rendered diagnostics of
//! each fixture are snapshotted.

mod common;

use common::{policies_in, render, stem};

#[test]
fn every_error_fixture_reports_its_code() {
    let fixtures = policies_in("tests/fixtures/err");
    assert!(!fixtures.is_empty());
    for path in fixtures {
        let name = stem(&path);
        let code = &name[..5];
        let (checked, rendered) = render(&path);
        assert!(checked.diagnostics.iter().any(|d| d.code == code), "{name} does not report {code}:\n{rendered}");
        assert!(checked.has_errors(), "{name} has no error");
        insta::assert_snapshot!(format!("err_{name}"), rendered);
    }
}

#[test]
fn every_error_code_has_a_fixture() {
    let fixtures: Vec<String> = policies_in("tests/fixtures/err").iter().map(|p| stem(p)).collect();
    for info in scopec::codes::ERROR_CODES {
        assert!(
            fixtures.iter().any(|f| f.starts_with(info.code)),
            "no fixture in tests/fixtures/err for {} ({})",
            info.code,
            info.name
        );
    }
}

#[test]
fn ok_fixtures_are_clean() {
    for path in policies_in("tests/fixtures/ok") {
        let (checked, rendered) = render(&path);
        assert!(!checked.has_errors(), "{}:\n{rendered}", stem(&path));
        let model = checked.model.as_ref().unwrap();
        // Their `test` blocks hold too: a fixture's stated decisions follow the semantics.
        let run = scopec::testing::run(model);
        assert_eq!(run.failed(), 0, "{}: a test case fails", stem(&path));
    }
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let source = r#"
policy "x" { version "1" version "2" }
scope a read "A"
scope a read "A again"
api x {
    auth bearer
    GET /a requires b
    FETCH /c requires a
    GET /d//e requires a
}
bundle "B" = c
"#;
    let checked = scopec::check(source);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0011", "E0102", "E0101", "E0205", "E0202", "E0101"]);
}

#[test]
fn diagnostics_carry_help_for_near_misses() {
    let source = "policy \"x\" {}\nscope read:patients read \"p\"\napi x { auth bearer GET /p requires read:patient }";
    let checked = scopec::check(source);
    let d = &checked.diagnostics[0];
    assert_eq!(d.code, "E0101");
    assert_eq!(d.help.as_deref(), Some("did you mean `read:patients`?"));
    assert_eq!(&source[d.span.start..d.span.end], "read:patient");
}
