//! Errors stop every writer: for every `E…` fixture, `build`, `rust`, `openapi`, `docs`
//! and `scopec::generate::rust_module` refuse (a non-zero exit or an error) and write
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

#[test]
fn every_writer_refuses_every_error_fixture() {
    let fixtures = common::policies_in("tests/fixtures/err");
    assert!(fixtures.len() >= 30, "only {} error fixtures", fixtures.len());
    for fixture in &fixtures {
        let name = common::stem(fixture);
        let policy = fixture.as_os_str();
        let writers: [(&str, Box<dyn Fn(&Path) -> Vec<std::ffi::OsString>>); 5] = [
            ("build", Box::new(|d: &Path| vec!["build".into(), policy.into(), "--out".into(), d.into()])),
            ("rust", Box::new(|d: &Path| vec!["rust".into(), policy.into(), "-o".into(), d.join("policy.rs").into()])),
            (
                "rust-standalone",
                Box::new(|d: &Path| {
                    vec!["rust".into(), "--standalone".into(), policy.into(), "-o".into(), d.join("policy.rs").into()]
                }),
            ),
            (
                "openapi",
                Box::new(|d: &Path| vec!["openapi".into(), policy.into(), "-o".into(), d.join("openapi.yaml").into()]),
            ),
            ("docs", Box::new(|d: &Path| vec!["docs".into(), policy.into(), "-o".into(), d.into()])),
        ];
        for (writer, args) in &writers {
            let dir = empty_dir(&name, writer);
            let args = args(&dir);
            let out = scopec(&args.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());
            assert!(!out.status.success(), "{name}: `scopec {writer}` succeeded");
            let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains("error"),
                "{name}: `scopec {writer}` gave no error message"
            );
            assert!(entries(&dir).is_empty(), "{name}: `scopec {writer}` wrote {:?}", entries(&dir));
        }
        for runtime in [scopec::generate::Runtime::Crate, scopec::generate::Runtime::Embedded] {
            let dir = empty_dir(&name, "rust_module");
            let result = scopec::generate::rust_module(fixture, dir.join("policy.rs"), runtime);
            assert!(
                matches!(result, Err(scopec::generate::GenerateError::Invalid(_))),
                "{name}: rust_module gave {result:?}"
            );
            assert!(entries(&dir).is_empty(), "{name}: rust_module wrote {:?}", entries(&dir));
        }
    }
}
