//! Lint rules: each fires on its fixture and stays quiet on its counterpart; the seed
//! policies are clean; rule docs are current; configuration, suppressions and the CI
//! output formats work.

mod common;

use std::process::{Command, Output};

use scopec::lint::{Config, Level, RULES};

fn scopec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scopec")).args(args).current_dir(common::root()).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(rule: &str, kind: &str) -> std::path::PathBuf {
    let dir = common::root().join("tests/fixtures/lint");
    let prefix = format!("{rule}_");
    let name = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(&prefix) && n.ends_with(&format!(".{kind}.policy")))
        .unwrap_or_else(|| panic!("no {kind} fixture for {rule} in tests/fixtures/lint"));
    dir.join(name)
}

#[test]
fn every_rule_fires_on_its_fixture_and_stays_quiet_on_the_other() {
    for rule in RULES {
        let (checked, rendered) = common::render(&fixture(rule.code, "fire"));
        assert!(checked.diagnostics.iter().any(|d| d.code == rule.code), "{} does not fire:\n{rendered}", rule.code);
        insta::assert_snapshot!(format!("lint_{}", rule.code), rendered);
        let (checked, rendered) = common::render(&fixture(rule.code, "quiet"));
        assert!(checked.diagnostics.is_empty(), "{} quiet fixture is not clean:\n{rendered}", rule.code);
    }
}

#[test]
fn seed_policies_lint_clean_even_with_warnings_denied() {
    let out = scopec(&["check", "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn rule_docs_follow_the_ruff_layout_and_their_examples_parse() {
    for rule in RULES {
        let doc = scopec::lint::registry_doc(rule);
        for section in ["## What it does", "## Why is this bad?", "## Example", "Use instead"] {
            assert!(doc.contains(section), "{} lacks `{section}`", rule.code);
        }
        let mut in_block = false;
        let mut block = String::new();
        for line in doc.lines() {
            match (in_block, line) {
                (false, "```policy") => in_block = true,
                (true, "```") => {
                    let text = format!("policy \"doc\" {{}}\n{block}");
                    let parsed = scopec::syntax::parse(&text);
                    assert!(
                        parsed.diagnostics.is_empty(),
                        "{} example does not parse: {:?}",
                        rule.code,
                        parsed.diagnostics
                    );
                    in_block = false;
                    block.clear();
                }
                (true, l) => {
                    block.push_str(l);
                    block.push('\n');
                }
                _ => {}
            }
        }
    }
}

#[test]
fn generated_rule_docs_are_current() {
    let dir = std::env::temp_dir().join(format!("scopec-rule-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(scopec(&["rule", "--docs", dir.to_str().unwrap()]).status.code(), Some(0));
    let committed = common::root().join("docs/rules");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names.len(), RULES.len() + 1);
    for name in names {
        let want = std::fs::read_to_string(dir.join(&name)).unwrap();
        let got = std::fs::read_to_string(committed.join(&name)).unwrap_or_default();
        assert_eq!(
            got,
            want,
            "docs/rules/{} is stale: run `cargo run -- rule --docs docs/rules`",
            name.to_string_lossy()
        );
    }
    let committed_count = std::fs::read_dir(&committed).unwrap().count();
    assert_eq!(committed_count, RULES.len() + 1, "docs/rules has files no rule produces");
}

#[test]
fn scopec_rule_prints_a_rule() {
    let out = scopec(&["rule", "public-endpoint"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("# public-endpoint (L0007)\n"));
    assert_eq!(scopec(&["rule", "L9999"]).status.code(), Some(2));
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

const NOISY: &str = "policy \"p\" {}\nscope read:a read\nscope read:b read \"B\"\napi x {\n    auth bearer\n    GET /a requires read:a \"A\"\n    GET /open requires public \"Open\"\n}\n";

fn codes(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}", d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect()
}

#[test]
fn configuration_is_found_upward_and_overridden_by_flags() {
    let root = std::env::temp_dir().join(format!("scopec-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let policy = write(&root, "team/policies/x.policy", NOISY);
    let legacy = write(&root, "team/policies/legacy/y.policy", NOISY);
    let p = policy.to_str().unwrap();
    // Defaults: three warnings.
    let out = scopec(&["check", "--format", "json", p]);
    assert_eq!(codes(&out), ["L0013:warning", "L0001:warning", "L0007:warning"]);
    assert_eq!(out.status.code(), Some(0));
    // scopec.toml two folders up: a rule off, a rule denied, per-file ignores.
    write(
        &root,
        "team/scopec.toml",
        "[rules]\nmissing-description = \"allow\"\nL0007 = \"deny\"\n\n[per-file-ignores]\n\"policies/legacy/*.policy\" = [\"public-endpoint\", \"L0001\"]\n",
    );
    let out = scopec(&["check", "--format", "json", p]);
    assert_eq!(codes(&out), ["L0001:warning", "L0007:error"]);
    assert_eq!(out.status.code(), Some(1));
    let out = scopec(&["check", "--format", "json", legacy.to_str().unwrap()]);
    assert!(codes(&out).is_empty(), "{:?}", codes(&out));
    // Flags win over the file.
    let out = scopec(&["check", "--format", "json", "--allow", "L0007", "--deny", "unused-scope", p]);
    assert_eq!(codes(&out), ["L0001:error"]);
    let out = scopec(&["check", "--format", "json", "--allow", "public-endpoint", "--deny", "warnings", p]);
    assert_eq!(codes(&out), ["L0001:error"]);
    assert_eq!(out.status.code(), Some(1));
    // An explicit --config, and configuration errors.
    let other = write(&root, "elsewhere/scopec.toml", "[rules]\nunused-scope = \"allow\"\n");
    let out = scopec(&["check", "--format", "json", "--config", other.to_str().unwrap(), p]);
    assert_eq!(codes(&out), ["L0013:warning", "L0007:warning"]);
    let bad = write(&root, "bad/scopec.toml", "[rules]\nunused-scop = \"deny\"\n");
    let out = scopec(&["check", "--config", bad.to_str().unwrap(), p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `unused-scope`?"));
    assert_eq!(scopec(&["check", "--deny", "L9999", p]).status.code(), Some(2));
}

#[test]
fn suppressions_need_a_reason_and_apply_to_one_line() {
    let text = "policy \"p\" {}\napi x {\n    # scopec: allow(public-endpoint) liveness probe\n    GET /a requires public \"A\"\n    GET /b requires public \"B\" # scopec: allow(L0007) same, trailing\n    GET /c requires public \"C\"\n}\n";
    let checked = scopec::check(text);
    let lines: Vec<usize> =
        checked.diagnostics.iter().map(|d| scopec::report::line_col(text, d.span.start).0).collect();
    assert_eq!(lines, [6], "{:?}", checked.diagnostics);
    let mut config = Config::default();
    config.set("public-endpoint", Level::Allow).unwrap();
    assert!(scopec::check_with(text, &config).diagnostics.is_empty());
}

#[test]
fn output_formats() {
    let fixture = "tests/fixtures/lint/L0010_forbidden-exposed.fire.policy";
    let out = scopec(&["check", "--format", "json", fixture]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 2);
    assert_eq!(v["diagnostics"][0]["location"]["line"], 4);
    assert_eq!(out.status.code(), Some(1));

    let out = scopec(&["check", "--format", "github", fixture]);
    let text = stdout(&out);
    assert!(
        text.starts_with("::error file=tests/fixtures/lint/L0010_forbidden-exposed.fire.policy,line=4,col="),
        "{text}"
    );
    assert!(text.contains(",title=scopec L0010::"), "{text}");
    assert_eq!(text.lines().count(), 2);

    let out = scopec(&["check", "--format", "junit", fixture]);
    let text = stdout(&out);
    assert!(text.contains("<testsuites name=\"scopec check\" tests=\"2\" failures=\"2\">"), "{text}");

    let out = scopec(&["check", "--format", "sarif", fixture]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "L0010");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "L0010");
    assert!(rules[index]["help"]["markdown"].as_str().unwrap().contains("## Why is this bad?"));
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
}

#[test]
fn every_rule_can_be_named_in_a_suppression() {
    for rule in RULES {
        for name in [rule.code, rule.name] {
            assert!(scopec::codes::lint_code(name).is_some(), "`allow({name})` would be refused as an unknown rule");
        }
    }
    assert_eq!(scopec::codes::LINT_CODES.len(), RULES.len(), "LINT_CODES and the rule table disagree");
}
