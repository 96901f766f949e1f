//! Errors stop every writer: for every `E…` fixture, `build`, `rust`, `openapi`, `docs`
//! and `scopec::build_script::rust_module` refuse (a non-zero exit or an error) and write
//! nothing, not even an empty or partial file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scopec(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

/// A fresh, empty directory for one fixture and writer.
fn empty_dir(fixture: &str, writer: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("writers").join(fixture).join(writer);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

const WRITERS: [&str; 5] = ["build", "rust", "rust-standalone", "openapi", "docs"];

/// The command line of a writer, writing into `dir`.
fn args(writer: &str, policy: &std::ffi::OsStr, dir: &Path) -> Vec<std::ffi::OsString> {
    let words = |w: &[&str]| w.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    let mut v = match writer {
        "build" => words(&["build", "--out"]),
        "rust" => words(&["rust", "-o"]),
        "rust-standalone" => words(&["rust", "--standalone", "-o"]),
        "openapi" => words(&["openapi", "-o"]),
        _ => words(&["docs", "-o"]),
    };
    v.push(match writer {
        "build" | "docs" => dir.as_os_str().to_owned(),
        "openapi" => dir.join("openapi.yaml").into_os_string(),
        _ => dir.join("policy.rs").into_os_string(),
    });
    v.push(policy.to_owned());
    v
}

#[test]
fn every_writer_refuses_every_error_fixture() {
    let fixtures = common::policies_in("tests/fixtures/err");
    assert!(fixtures.len() >= 30, "only {} error fixtures", fixtures.len());
    for fixture in &fixtures {
        let name = common::stem(fixture);
        let policy = fixture.as_os_str();
        for writer in WRITERS {
            let dir = empty_dir(&name, writer);
            let args = args(writer, policy, &dir);
            let out = scopec(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
            assert!(!out.status.success(), "{name}: `scopec {writer}` succeeded");
            let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            assert!(said.contains("error"), "{name}: `scopec {writer}` gave no error message");
            assert!(entries(&dir).is_empty(), "{name}: `scopec {writer}` wrote {:?}", entries(&dir));
        }
        for runtime in [scopec::build_script::Runtime::Crate, scopec::build_script::Runtime::Embedded] {
            let dir = empty_dir(&name, "rust_module");
            let result = scopec::build_script::rust_module(fixture, dir.join("policy.rs"), runtime);
            assert!(
                matches!(result, Err(scopec::build_script::GenerateError::Invalid(_))),
                "{name}: rust_module gave {result:?}"
            );
            assert!(entries(&dir).is_empty(), "{name}: rust_module wrote {:?}", entries(&dir));
        }
    }
}
