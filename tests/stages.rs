//! The compiler is one-way: no module imports from a stage after its own (ARCHITECTURE.md).
//! Every `crate::…` path in library code (comments and `#[cfg(test)]` modules aside) is
//! checked against the stage table below.

use std::path::Path;

/// Each top-level module of `src/` and its rank: a module may use only modules of a lower
/// rank (and itself).
const STAGES: &[(&str, usize)] = &[
    ("lang", 0),
    ("codes", 0),
    ("diagnostic", 1),
    ("source", 2),
    ("atomic", 2),
    ("syntax", 3),
    ("model", 4),
    ("fmt", 4),
    ("check", 5),
    ("lint", 6),
    ("engine", 7),
    ("testing", 8),
    ("emit", 9),
    ("diff", 9),
    ("advise", 9),
    ("report", 10),
    // The library root's functions (`crate::validate`, `crate::compile`) chain the stages.
    ("lib", 11),
    ("pipeline", 12),
    ("build_script", 12),
    ("synth", 12),
    ("lsp", 12),
];

fn rank(module: &str) -> Option<usize> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// The module a `crate::` path names (`crate::check::x` → `check`; `crate::compile` → `lib`).
fn target(path: &str) -> String {
    let name: String = path.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if rank(&name).is_some() { name } else { "lib".to_string() }
}

/// The code of a file without comments and without its `#[cfg(test)]` module (by this
/// crate's convention the last item of a file).
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_from_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut back_edges = Vec::new();
    let mut checked = 0;
    for path in &all {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        // The command-line shell (`main.rs`, `cli/`) is outside the library: it may use it all.
        if first == "main" || first == "cli" {
            continue;
        }
        let from = if first == "lib" { "lib".to_string() } else { first };
        let from_rank = rank(&from).unwrap_or_else(|| panic!("{}: add module `{from}` to STAGES", rel.display()));
        let text = code(&std::fs::read_to_string(path).unwrap());
        for (i, _) in text.match_indices("crate::") {
            let to = target(&text[i + "crate::".len()..]);
            checked += 1;
            let to_rank = rank(&to).unwrap();
            if to != from && to_rank >= from_rank {
                back_edges.push(format!("{}: {from} (stage {from_rank}) uses {to} (stage {to_rank})", rel.display()));
            }
        }
    }
    assert!(checked > 100, "the scan found only {checked} paths");
    assert!(back_edges.is_empty(), "imports against the stage order:\n{}", back_edges.join("\n"));
}

#[test]
fn the_scan_sees_a_back_edge() {
    // A file of the check stage that names the lint stage is reported.
    let text = code("use crate::lint::rule;\n// crate::report in a comment is fine\n");
    assert_eq!(text.matches("crate::").count(), 1);
    assert_eq!(target("lint::rule;"), "lint");
    assert_eq!(target("compile(&x)"), "lib");
    assert!(rank("lint").unwrap() > rank("check").unwrap());
}

#[test]
fn the_architecture_layout_lists_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut all = Vec::new();
    files(&root.join("src"), &mut all);
    files(&root.join("runtime/src"), &mut all);
    let mut missing = Vec::new();
    for path in &all {
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Directories stand for their `mod.rs`; rules and commands are listed as "one file
        // per rule" and "one file per command"; `exports.rs` is the runtime's root.
        let covered = name == "mod.rs"
            || rel.starts_with("src/lint/rules/")
            || rel.starts_with("src/cli/") && name != "load.rs" && name != "deliver.rs"
            || rel == "runtime/src/lib.rs"
            || rel == "runtime/src/exports.rs";
        if !covered && !doc.contains(&format!("`{rel}`")) && !doc.contains(&format!("`{name}`")) {
            missing.push(rel);
        }
    }
    assert!(missing.is_empty(), "ARCHITECTURE.md's layout does not list: {missing:?}");
}
