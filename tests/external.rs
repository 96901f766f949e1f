//! Independent validators on the outputs: `openapi-spec-validator` (PyPI) on every OpenAPI
//! document, 3.0 and 3.1, and `markdownlint` (npm, with the repository's
//! `.markdownlint.json`) on every Markdown page. They need those tools installed, so they
//! are ignored by a plain `cargo test`; `.ci/run` installs the tools and runs them with
//! `cargo test --test external -- --ignored`.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn outputs(dir: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("scopec-external-{}-{dir}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_scopec"))
        .args(["build", "--out", out.to_str().unwrap()])
        .current_dir(common::root())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?} (is it installed? .ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs openapi-spec-validator (pip); run by .ci/run"]
fn openapi_documents_validate() {
    let out = outputs("openapi");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(out.join("openapi")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    assert_eq!(docs.len(), 6);
    // The annotated third-party document too.
    let pet = out.join("petstore.annotated.yaml");
    run(Command::new(env!("CARGO_BIN_EXE_scopec"))
        .current_dir(common::root())
        .args([
            "openapi",
            "tests/fixtures/openapi/petstore.policy",
            "--spec",
            "tests/fixtures/openapi/petstore.yaml",
            "-o",
        ])
        .arg(&pet));
    docs.push(pet);
    for doc in docs {
        run(Command::new("openapi-spec-validator").arg(&doc));
    }
}

#[test]
#[ignore = "needs markdownlint-cli (npm); run by .ci/run"]
fn markdown_pages_lint_clean() {
    let out = outputs("markdown");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(out.join("docs")).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert_eq!(pages.len(), 3);
    run(Command::new("markdownlint").arg("--config").arg(common::root().join(".markdownlint.json")).args(&pages));
}

#[test]
#[ignore = "needs python3 with jsonschema and the SARIF 2.1.0 schema in SCOPEC_SARIF_SCHEMA; run by .ci/run"]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema = std::env::var("SCOPEC_SARIF_SCHEMA")
        .expect("set SCOPEC_SARIF_SCHEMA to the SARIF 2.1.0 JSON schema (.ci/run fetches it from npm)");
    let dir = std::env::temp_dir().join(format!("scopec-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Clean files, lint findings of every rule, validation errors.
    let inputs = ["policies", "tests/fixtures/lint", "tests/fixtures/err"];
    for (i, input) in inputs.iter().enumerate() {
        let out = Command::new(env!("CARGO_BIN_EXE_scopec"))
            .args(["check", "--format", "sarif", input])
            .current_dir(common::root())
            .output()
            .unwrap();
        let log = dir.join(format!("{i}.sarif"));
        std::fs::write(&log, &out.stdout).unwrap();
        let script = "import json, sys, jsonschema\n\
                      schema = json.load(open(sys.argv[1]))\n\
                      log = json.load(open(sys.argv[2]))\n\
                      jsonschema.Draft4Validator(schema).validate(log)\n\
                      assert log['runs'][0]['tool']['driver']['rules']\n";
        run(Command::new("python3").args(["-c", script]).arg(&schema).arg(&log));
    }
}
