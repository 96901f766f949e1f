//! `scopec build`: every output for every policy, byte-identical run to run, written
//! atomically; `--check` finds missing, stale and orphaned files; the committed outputs
//! in `generated/` are current.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scopec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scopec-build-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["docs", "openapi", "rust"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for e in entries.flatten() {
            out.push((format!("{sub}/{}", e.file_name().to_string_lossy()), std::fs::read(e.path()).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn committed_outputs_are_current() {
    let out = scopec(&["build", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn build_is_deterministic_and_complete() {
    let (a, b) = (tmp("a"), tmp("b"));
    for dir in [&a, &b] {
        let out = scopec(&["build", "--out", dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), 12);
    assert_eq!(fa, fb);
    // A second build into the same folder changes nothing.
    let out = scopec(&["build", "--out", a.to_str().unwrap()]);
    assert!(text(&out).contains("12 files, 0 changed"), "{}", text(&out));
    // No temporary files are left behind.
    for (name, _) in &fa {
        assert!(!name.contains(".tmp"), "{name}");
    }
}

#[test]
fn check_reports_missing_stale_and_orphaned_files() {
    let dir = tmp("check");
    scopec(&["build", "--out", dir.to_str().unwrap()]);
    std::fs::remove_file(dir.join("docs/maxcare.md")).unwrap();
    std::fs::write(dir.join("rust/rxscale.rs"), "// edited by hand\n").unwrap();
    std::fs::write(dir.join("openapi/old.yaml"), "openapi: 3.1.0\n").unwrap();
    let out = scopec(&["build", "--check", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let t = text(&out);
    assert!(t.contains("missing: ") && t.contains("docs/maxcare.md"), "{t}");
    assert!(t.contains("stale: ") && t.contains("rust/rxscale.rs"), "{t}");
    assert!(t.contains("orphaned") && t.contains("openapi/old.yaml"), "{t}");
}

#[test]
fn an_invalid_policy_writes_nothing() {
    let dir = tmp("invalid");
    let out = scopec(&[
        "build",
        "--out",
        dir.to_str().unwrap(),
        "policies/maxcare.policy",
        "tests/fixtures/err/E0101_unknown_scope.policy",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("nothing written"));
    assert!(!dir.exists(), "outputs were written despite an invalid policy");
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    // A regular file where the output folder should be.
    let file = tmp("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = scopec(&["build", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("cannot write into"), "{}", text(&out));
}

/// A killed build leaves `.NAME.PID.tmp` files: `--check` does not count them as
/// orphans, and the next build removes them.
#[test]
fn temporaries_of_a_killed_build_are_ignored_and_removed() {
    let dir = tmp("killed");
    let out = scopec(&["build", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    // A process id that is not running (the maximum pid on Linux is far below this).
    let stale = dir.join("rust/.maxcare.rs.4000000000.tmp");
    std::fs::write(&stale, "partial").unwrap();
    let check = scopec(&["build", "--check", "--out", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let out = scopec(&["build", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!stale.exists(), "the stale temporary is still there");
}
