//! The `scopec` binary: exit codes, messages for every way reading a file can fail, and
//! plain output when not on a terminal.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn scopec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scopec-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_defaults_to_policies_and_passes() {
    let out = scopec(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "checked 3 files: 0 errors, 0 warnings\n");
}

#[test]
fn errors_exit_1_with_plain_diagnostics() {
    let out = scopec(&["check", "tests/fixtures/err/E0101_unknown_scope.policy"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "colour escapes when not on a terminal");
    insta::assert_snapshot!("cli_check_error", stdout);
}

#[test]
fn missing_file_exits_2() {
    let out = scopec(&["check", "no/such.policy"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "error: no/such.policy: no such file or directory\n");
}

#[test]
fn non_utf8_exits_2_with_position() {
    let dir = tmp("utf8");
    let file = dir.join("bad.policy");
    std::fs::write(&file, b"policy \"x\" {}\n# caf\xe9\n").unwrap();
    let out = scopec(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not valid UTF-8 (first invalid byte at line 2, column 6)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn directory_without_policies_exits_2() {
    let dir = tmp("empty-dir");
    let out = scopec(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("directory holds no `.policy` files"));
}

#[test]
fn empty_file_is_reported() {
    let dir = tmp("empty-file");
    let file = dir.join("empty.policy");
    std::fs::write(&file, "").unwrap();
    let out = scopec(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("error[E0003]: policy file is empty"));
}

/// A file with CR-only line endings reads as lines: it is not empty because it starts
/// with a comment, and diagnostics name the right line.
#[test]
fn cr_only_line_endings_are_line_breaks() {
    let dir = tmp("cr");
    let file = dir.join("mac.policy");
    std::fs::write(&file, "# classic line endings\rpolicy \"x\" {}\rscope a:read read \"A\"\rapi x { auth bearer\r GET /a requires b:read }\r").unwrap();
    let out = scopec(&["check", file.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("E0003"), "{stdout}");
    assert!(stdout.contains("E0101") && stdout.contains("mac.policy:5:"), "{stdout}");
}

#[test]
fn oversized_file_is_refused_without_reading_it() {
    let dir = tmp("large");
    let file = dir.join("large.policy");
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = scopec(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("file is too large (52428800 bytes; the limit is 32 MiB)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn unreadable_path_exits_2() {
    // A path through a regular file cannot be opened (ENOTDIR), whoever runs the test.
    let file = Path::new("policies/maxcare.policy/inner.policy");
    let out = scopec(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: policies/maxcare.policy/inner.policy:"), "{}", text(&out.stderr));
}

#[test]
fn one_bad_path_does_not_hide_the_others() {
    let out = scopec(&["check", "no/such.policy", "tests/fixtures/err/E0105_duplicate_endpoint.policy"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("E0105"));
}

#[test]
fn usage_errors_exit_2() {
    let out = scopec(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A reader that stops early (`scopec rust P | head`) ends the command quietly, as it
/// does other Unix tools: exit 0, nothing on standard error.
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scopec"))
        .args(["rust", "--standalone", "policies/maxcare.policy"])
        .current_dir(common::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `openapi --spec` writes no document when an operation of it is unguarded (D0001).
#[test]
fn openapi_spec_writes_nothing_when_an_operation_is_unguarded() {
    let dir = tmp("unguarded");
    let policy = dir.join("p.policy");
    std::fs::write(&policy, "policy \"p\" {}\nscope pets:read read \"Read\"\napi petstore { base \"/v1\" auth header \"X-API-Key\"\n GET /pets requires pets:read }\n").unwrap();
    let out_file = dir.join("out.yaml");
    let spec = "tests/fixtures/openapi/petstore.yaml";
    let out = scopec(&["openapi", policy.to_str().unwrap(), "--spec", spec, "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("D0001"), "{}", text(&out.stdout));
    assert!(!out_file.exists());
    let out = scopec(&["openapi", policy.to_str().unwrap(), "--spec", spec]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("D0001"));
}

/// A long line with an error at each of its many operands is clipped around each label:
/// the report grows with the number of errors, not with errors × line length, and keeps
/// the whole line's column numbers.
#[test]
fn long_lines_are_clipped_around_the_labels() {
    let dir = tmp("long-line");
    let report_size = |n: usize| {
        let file = dir.join(format!("long{n}.policy"));
        let names: Vec<String> = (0..n).map(|i| format!("u{i}")).collect();
        std::fs::write(
            &file,
            format!(
                "policy \"p\" {{}}\nscope s read \"S\"\napi x {{ auth bearer\n GET /a requires {} }}\n",
                names.join(" & ")
            ),
        )
        .unwrap();
        let out = scopec(&["check", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = text(&out.stdout);
        // The last operand, `u{n-1}`, at its column of the whole line.
        let last = format!("u{}", n - 1);
        let line = format!(" GET /a requires {} }}", names.join(" & "));
        let column = line.find(&last).unwrap() + 1;
        assert!(stdout.contains(&format!(":4:{column}")), "{}", &stdout[stdout.len().saturating_sub(2000)..]);
        stdout.len()
    };
    let (small, large) = (report_size(200), report_size(2000));
    // Linear: ten times the errors, about ten times the report (quadratic would be ~100×).
    assert!(large < small * 14, "{small} → {large}");
}

#[test]
fn fmt_check_passes_on_policies() {
    let out = scopec(&["fmt", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn fmt_check_prints_a_diff_and_writes_nothing() {
    let dir = tmp("fmt-check");
    let file = dir.join("a.policy");
    let messy = "policy \"P\" {  version \"1\" }\nscope a read\nscope  long:name read \"x\"\n";
    std::fs::write(&file, messy).unwrap();
    let out = scopec(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("+++ ") && stdout.contains("-scope  long:name read \"x\"\n"), "{stdout}");
    assert!(stdout.contains("+scope long:name read \"x\"\n") && stdout.contains("+    version \"1\"\n"), "{stdout}");
    assert!(text(&out.stderr).contains("1 of 1 files are not formatted"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), messy);
}

#[test]
fn fmt_rewrites_in_place_once() {
    let dir = tmp("fmt-write");
    let file = dir.join("a.policy");
    std::fs::write(&file, "policy \"P\" {  version \"1\" }\n").unwrap();
    let out = scopec(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("formatted "));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "policy \"P\" {\n    version \"1\"\n}\n");
    let again = scopec(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(text(&again.stderr), "", "a formatted file is not rewritten");
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "temporary files left behind: {names:?}");
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors() {
    let dir = tmp("fmt-bad");
    let file = dir.join("a.policy");
    std::fs::write(&file, "policy \"P\" {  version }\n").unwrap();
    let out = scopec(&["fmt", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[E0001]"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "policy \"P\" {  version }\n");
}

#[test]
fn fmt_reads_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scopec"))
        .args(["fmt", "-", "--stdin-filename", "editor.policy"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"scope a   read # why\npolicy \"P\" { }").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "scope a read # why\n\npolicy \"P\" {\n}\n");
    let bad = Command::new(env!("CARGO_BIN_EXE_scopec"))
        .args(["fmt", "-", "--stdin-filename", "editor.policy"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("editor.policy"), "{}", text(&bad.stderr));
}

#[test]
fn explain_states_request_headers() {
    let base = ["explain", "tests/fixtures/ok/routing.policy", "--scopes", "reports:read"];
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.extend_from_slice(&["GET", "/reports/r1"]);
        scopec(&args)
    };
    let stated = with(&["--header", "x-admin: 1"]);
    assert!(String::from_utf8_lossy(&stated.stdout).contains("deny (403)"));
    let none = with(&[]);
    assert!(String::from_utf8_lossy(&none.stdout).contains("allow (200)"));
    let bad = with(&["--header", "no-colon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected NAME: VALUE"));
}
