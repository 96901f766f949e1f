//! Independent validators on the outputs: `openapi-spec-validator` (PyPI) and a PyYAML
//! (YAML 1.1) round trip on every OpenAPI
//! document, 3.0 and 3.1, and `markdownlint` (npm, with the repository's
//! `.markdownlint.json`) on every Markdown page. They need those tools installed, so they
//! are ignored by a plain `cargo test`; `.ci/run` installs the tools and runs them with
//! `cargo test --test external -- --ignored`.

mod common;

use std::path::{Path, PathBuf};
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

/// The OpenAPI documents of the policies written from real APIs' docs
/// (`examples/policies/`), 3.0 and 3.1, built into `out/examples`.
fn example_documents(out: &std::path::Path) -> Vec<PathBuf> {
    let dir = out.join("examples");
    run(Command::new(env!("CARGO_BIN_EXE_scopec"))
        .current_dir(common::root())
        .args(["build", "examples/policies", "--out"])
        .arg(&dir));
    let mut docs: Vec<PathBuf> = std::fs::read_dir(dir.join("openapi")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    assert_eq!(docs.len(), 4, "{docs:?}");
    docs
}

/// The third-party fixture document, annotated with its policy, in `out`.
fn annotated_petstore(out: &std::path::Path) -> PathBuf {
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
    pet
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
    let pet = annotated_petstore(&out);
    docs.push(pet);
    docs.extend(example_documents(&out));
    // And the fixtures of constructs the seeds do not use (request bodies, rate tiers,
    // optional headers, key kinds).
    for fixture in ["body_params", "rates", "headers", "kinds"] {
        for version in ["3.0", "3.1"] {
            let doc = out.join(format!("{fixture}.{version}.yaml"));
            run(Command::new(env!("CARGO_BIN_EXE_scopec"))
                .current_dir(common::root())
                .args(["openapi", &format!("tests/fixtures/ok/{fixture}.policy"), "--openapi", version, "-o"])
                .arg(&doc));
            docs.push(doc);
        }
    }
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

/// A YAML 1.1 reader (PyYAML, which openapi-spec-validator uses) reads every generated
/// document as the YAML 1.2 reader does: no string comes back as a date, boolean or
/// number. The seeds' documents, the annotated third-party one, and one whose every
/// string a YAML 1.1 reader would retype if it were written plain.
#[test]
#[ignore = "needs python3 with PyYAML; run by .ci/run"]
fn yaml_documents_read_back_alike_in_pyyaml() {
    let out = outputs("yaml11");
    let mut docs: Vec<PathBuf> = std::fs::read_dir(out.join("openapi")).unwrap().map(|e| e.unwrap().path()).collect();
    docs.sort();
    assert_eq!(docs.len(), 6);
    let policy = out.join("retyped.policy");
    std::fs::write(
        &policy,
        "policy \"2022-11-28\" {\n    version \"2022-11-28\"\n    note \"yes\"\n}\nscope on read \"12:30\"\napi x \"1e3\" {\n    auth bearer\n    GET /a requires on \"off\"\n    GET /b requires on \"~\"\n    GET /c requires on \"null\"\n    GET /d requires on \"0o17\"\n    GET /e requires on \"1_000\"\n    GET /f requires on \"Y\"\n}\n",
    )
    .unwrap();
    for (i, version) in ["3.0", "3.1"].iter().enumerate() {
        let doc = out.join(format!("retyped-{i}.yaml"));
        run(Command::new(env!("CARGO_BIN_EXE_scopec"))
            .args(["openapi", "--openapi", version])
            .arg(&policy)
            .arg("-o")
            .arg(&doc));
        docs.push(doc);
    }
    let pet = annotated_petstore(&out);
    docs.push(pet);
    for doc in docs {
        let text = std::fs::read_to_string(&doc).unwrap();
        let ours: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let out = Command::new("python3")
            .args([
                "-c",
                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
            ])
            .arg(&doc)
            .output()
            .unwrap_or_else(|e| panic!("cannot run python3: {e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(theirs, ours, "{} reads differently in PyYAML", doc.display());
    }
}

/// `redocly lint` (npm `@redocly/cli`, recommended rules with the repository's
/// `redocly.yaml`) finds nothing in the seeds' documents and those of
/// `examples/policies/`, 3.0 and 3.1: no error, no
/// warning; and no error in the annotated third-party document (its own warnings, such
/// as operations without a 4XX response, are its authors').
#[test]
#[ignore = "needs redocly (npm @redocly/cli); run by .ci/run"]
fn openapi_documents_pass_redocly_lint() {
    let out = outputs("redocly");
    let mut docs: Vec<(PathBuf, bool)> =
        std::fs::read_dir(out.join("openapi")).unwrap().map(|e| (e.unwrap().path(), true)).collect();
    docs.sort();
    assert_eq!(docs.len(), 6);
    docs.extend(example_documents(&out).into_iter().map(|d| (d, true)));
    let pet = annotated_petstore(&out);
    docs.push((pet, false));
    for (doc, ours) in docs {
        let result = Command::new("redocly")
            .current_dir(common::root())
            .args(["lint", "--config", "redocly.yaml", "--format", "json", "--max-problems", "1000"])
            .arg(&doc)
            .output()
            .unwrap_or_else(|e| panic!("cannot run redocly (is it installed? .ci/run installs it): {e}"));
        let report: serde_json::Value = serde_json::from_slice(&result.stdout)
            .unwrap_or_else(|e| panic!("redocly printed no JSON report for {}: {e}", doc.display()));
        let totals = &report["totals"];
        let warnings = if ours { totals["warnings"].as_u64() } else { Some(0) };
        assert_eq!(
            (totals["errors"].as_u64(), warnings),
            (Some(0), Some(0)),
            "{}: {}",
            doc.display(),
            report["problems"]
        );
    }
}

/// Old and new versions of every diff fixture, as two directories (one report covers
/// every change code).
fn diff_dirs(name: &str) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("scopec-{name}-{}", std::process::id()));
    let (old, new) = (dir.join("old"), dir.join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    for e in std::fs::read_dir(common::root().join("tests/fixtures/diff")).unwrap() {
        let p = e.unwrap().path();
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".old.policy") {
            std::fs::copy(&p, old.join(format!("{stem}.policy"))).unwrap();
        } else if let Some(stem) = file.strip_suffix(".new.policy") {
            std::fs::copy(&p, new.join(format!("{stem}.policy"))).unwrap();
        }
    }
    (old, new)
}

fn diff_report(old: &Path, new: &Path, format: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_scopec"))
        .args(["diff", "--fail-on", "none", "--format", format])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
#[ignore = "needs python3 with jsonschema and the SARIF 2.1.0 schema in SCOPEC_SARIF_SCHEMA; run by .ci/run"]
fn diff_sarif_validates_against_the_2_1_0_schema() {
    let schema = std::env::var("SCOPEC_SARIF_SCHEMA").expect("set SCOPEC_SARIF_SCHEMA");
    let (old, new) = diff_dirs("diff-sarif");
    let log = old.parent().unwrap().join("diff.sarif");
    std::fs::write(&log, diff_report(&old, &new, "sarif")).unwrap();
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  log = json.load(open(sys.argv[2]))\n\
                  jsonschema.Draft4Validator(schema).validate(log)\n\
                  assert len(log['runs'][0]['results']) >= 30\n";
    run(Command::new("python3").args(["-c", script]).arg(&schema).arg(&log));
}

/// The pull-request comment passes markdownlint with the repository's rules, the
/// `<details>` and `<summary>` it is built from allowed.
#[test]
#[ignore = "needs markdownlint-cli; run by .ci/run"]
fn diff_markdown_passes_markdownlint() {
    let (old, new) = diff_dirs("diff-markdown");
    let dir = old.parent().unwrap().to_path_buf();
    let report = dir.join("diff.md");
    std::fs::write(&report, diff_report(&old, &new, "markdown")).unwrap();
    let config = dir.join("markdownlint.json");
    let mut base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(".markdownlint.json")).unwrap()).unwrap();
    base["MD033"] = serde_json::json!({ "allowed_elements": ["details", "summary", "b"] });
    std::fs::write(&config, serde_json::to_string(&base).unwrap()).unwrap();
    run(Command::new("markdownlint").arg("--config").arg(&config).arg(&report));
}
