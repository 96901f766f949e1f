//! The VS Code extension's TextMate grammar highlights every keyword of the language, and
//! its package names the language server command the CLI has.

mod common;

use scopec::lsp::tokens::KEYWORDS;

#[test]
fn the_textmate_grammar_knows_every_keyword() {
    let path = common::root().join("editors/vscode/syntaxes/scopec.tmLanguage.json");
    let grammar: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let keyword_patterns: Vec<String> = ["keyword"]
        .iter()
        .flat_map(|k| grammar["repository"][k]["patterns"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p["match"].as_str().map(str::to_string))
        .collect();
    // Declarations (`scope`, `alias`, `api`, `bundle`, `effective`) have their own rules
    // too; the keyword rules still list every keyword.
    for kw in KEYWORDS {
        let listed = keyword_patterns.iter().any(|p| p.split(['(', ')', '|']).any(|w| w == *kw));
        assert!(listed, "the TextMate grammar does not highlight the keyword `{kw}`");
    }
}

#[test]
fn the_extension_starts_scopec_lsp() {
    let root = common::root().join("editors/vscode");
    let js = std::fs::read_to_string(root.join("extension.js")).unwrap();
    assert!(js.contains("args: [\"lsp\"]"));
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("package.json")).unwrap()).unwrap();
    assert_eq!(package["contributes"]["languages"][0]["extensions"][0], ".policy");
    assert_eq!(package["contributes"]["configuration"]["properties"]["scopec.path"]["default"], "scopec");
}
