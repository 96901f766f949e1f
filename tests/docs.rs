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

fn check_examples(file: &str, min: usize) {
    let markdown = std::fs::read_to_string(common::root().join(file)).unwrap();
    let blocks = policy_blocks(&markdown);
    assert!(blocks.len() >= min, "{file}: expected at least {min} examples, found {}", blocks.len());
    for (line, text) in blocks {
        let parsed = scopec::syntax::parse(&text);
        assert!(parsed.diagnostics.is_empty(), "{file}:{line}: example does not parse: {:?}", parsed.diagnostics);
        if starts_with_policy(&text) {
            let checked = scopec::check(&text);
            assert!(checked.diagnostics.is_empty(), "{file}:{line}: example is not clean: {:?}", checked.diagnostics);
        }
    }
}

#[test]
fn language_reference_examples() {
    check_examples("docs/language.md", 11);
}

#[test]
fn readme_examples() {
    check_examples("README.md", 1);
}

#[test]
fn every_error_code_is_documented() {
    let doc = std::fs::read_to_string(common::root().join("docs/language.md")).unwrap();
    for info in scopec::codes::ERROR_CODES {
        let row = format!("| {} | {} |", info.code, info.name);
        assert!(doc.contains(&row), "docs/language.md lacks the row `{row}`");
    }
}
