//! The examples in the documentation are real: every `policy` code block parses, and every
//! block that starts with a `policy` block validates clean.

mod common;

/// The `policy` code blocks of a Markdown file, with their line numbers.
fn policy_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, "```policy") => current = Some((i + 1, String::new())),
            (Some(_), "```") => out.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

fn starts_with_policy(text: &str) -> bool {
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).is_some_and(|l| l.starts_with("policy "))
}

/// Every `policy` block of `file` parses; each that is a whole policy is valid (with
/// `lint`, lint-clean too) and its `test` cases pass.
fn check_examples(file: &str, min: usize, lint: bool) {
    let markdown = std::fs::read_to_string(common::root().join(file)).unwrap();
    let blocks = policy_blocks(&markdown);
    assert!(blocks.len() >= min, "{file}: expected at least {min} examples, found {}", blocks.len());
    for (line, text) in blocks {
        let parsed = scopec::syntax::parse(&text);
        assert!(parsed.diagnostics.is_empty(), "{file}:{line}: example does not parse: {:?}", parsed.diagnostics);
        if starts_with_policy(&text) {
            let checked = if lint { scopec::check(&text) } else { scopec::validate(&text) };
            assert!(checked.diagnostics.is_empty(), "{file}:{line}: example is not clean: {:?}", checked.diagnostics);
            let model = scopec::compile(&text).unwrap();
            let run = scopec::testing::run(&model);
            let failed: Vec<_> = run.cases.iter().filter(|c| !c.passed).collect();
            assert!(failed.is_empty(), "{file}:{line}: {} test case(s) of the example fail", failed.len());
        }
    }
}

#[test]
fn language_reference_examples() {
    check_examples("docs/language.md", 12, false);
}

#[test]
fn readme_examples() {
    check_examples("README.md", 1, true);
}

#[test]
fn lint_guide_examples() {
    check_examples("docs/lint.md", 1, false);
}

#[test]
fn every_error_code_is_documented() {
    let doc = std::fs::read_to_string(common::root().join("docs/language.md")).unwrap();
    for info in scopec::codes::ERROR_CODES {
        let row = format!("| {} | {} |", info.code, info.name);
        assert!(doc.contains(&row), "docs/language.md lacks the row `{row}`");
    }
}

/// The `text` blocks that show a `$ scopec explain …` session, with the command's output.
fn explain_sessions(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match (&mut block, line) {
            (None, "```text") => block = Some(Vec::new()),
            (Some(lines), "```") => {
                if let Some(cmd) = lines.first().and_then(|l| l.strip_prefix("$ scopec explain ")) {
                    out.push((cmd.to_string(), lines[1..].iter().map(|l| format!("{l}\n")).collect()));
                }
                block = None;
            }
            (Some(lines), l) => lines.push(l),
            (None, _) => {}
        }
    }
    out
}

#[test]
fn explain_sessions_in_the_docs_are_real() {
    let mut seen = 0;
    for file in ["README.md", "docs/cli.md"] {
        let markdown = std::fs::read_to_string(common::root().join(file)).unwrap();
        for (args, shown) in explain_sessions(&markdown) {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_scopec"))
                .arg("explain")
                .args(args.split_whitespace())
                .current_dir(common::root())
                .output()
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                shown,
                "{file}: `scopec explain {args}` prints something else"
            );
            seen += 1;
        }
    }
    assert!(seen >= 2);
}

/// The README's toolchain requirement is the `rust-version` of every crate of the
/// workspace.
#[test]
fn readme_names_the_rust_version_cargo_requires() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for manifest in ["Cargo.toml", "runtime/Cargo.toml", "tower/Cargo.toml", "keystore/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let version = text
            .lines()
            .find_map(|l| l.strip_prefix("rust-version = \"").and_then(|v| v.strip_suffix('"')))
            .unwrap_or_else(|| panic!("{manifest} declares no rust-version"));
        assert!(
            readme.contains(&format!("Rust toolchain ({version} or newer)")),
            "README.md does not say Rust {version}, which {manifest} requires"
        );
    }
}
