//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod hostile;
pub mod policies;
pub mod requests;
pub mod rustc;

use std::path::{Path, PathBuf};

use scopec::report::{FileReport, human};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.policy` file directly in `dir` (relative to the root), sorted.
pub fn policies_in(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "policy"))
        .collect();
    v.sort();
    v
}

/// The file stem, e.g. `E0101_unknown_scope`.
pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A path relative to the root, with forward slashes (stable in snapshots).
pub fn display(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Checks a file and renders its diagnostics without colour.
pub fn render(path: &Path) -> (scopec::Checked, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = scopec::check(&text);
    let name = display(path);
    let rendered = human::render_plain(FileReport { name: &name, source: &text, diagnostics: &checked.diagnostics });
    (checked, rendered)
}

/// A seed policy's model.
pub fn seed(name: &str) -> scopec::Model {
    let text = std::fs::read_to_string(root().join("policies").join(format!("{name}.policy"))).unwrap();
    scopec::compile(&text).unwrap_or_else(|d| panic!("{name} does not compile: {d:?}"))
}

/// The seeds, the `queries` fixture and the real-API examples that hold a query `when`,
/// by name.
#[allow(dead_code)]
pub fn policies_with_query_conditions() -> Vec<(String, scopec::Model)> {
    let mut out: Vec<(String, scopec::Model)> =
        ["maxcare", "plusmedical", "rxscale"].iter().map(|n| (n.to_string(), seed(n))).collect();
    for path in
        ["tests/fixtures/ok/queries.policy", "examples/policies/slack.policy", "examples/policies/msgraph.policy"]
    {
        let text = std::fs::read_to_string(root().join(path)).unwrap();
        out.push((path.to_string(), scopec::compile(&text).unwrap()));
    }
    out.retain(|(_, m)| m.endpoints.iter().any(|e| e.whens.iter().any(|w| !w.header)));
    out
}
