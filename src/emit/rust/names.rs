//! Rust identifiers for policy names.

use std::collections::HashSet;

use crate::model::{IdVec, Model, ScopeId};

/// `read:patients` → `ReadPatients`; digits first get an `S`; clashes get a number. `ALL`
/// is taken (`Scope::ALL`), so a scope of that spelling becomes `SALL`.
pub fn scope_variants(model: &Model) -> IdVec<ScopeId, String> {
    let mut seen: HashSet<String> = ["SALL".to_string()].into_iter().collect();
    model
        .scopes
        .iter()
        .map(|s| {
            let base = camel(&s.name, "S");
            unique(&mut seen, if base == "ALL" { "SALL".into() } else { base })
        })
        .collect()
}

/// The field and the variant of each grant set, in order: unique however names collide
/// (`inst-a` and `inst_a`, `Inst` and `inst`, `self` and `Self`).
pub fn grant_sets(sets: &[&str]) -> Vec<(String, String)> {
    let (mut fields, mut variants) = (HashSet::new(), HashSet::new());
    sets.iter().map(|s| (unique(&mut fields, field(s)), unique(&mut variants, variant(s)))).collect()
}

/// `installation` → `installation`, `user-grants` → `user_grants`; never `_` alone.
fn field(name: &str) -> String {
    let mut out: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    if out.chars().all(|c| c == '_') {
        out.push_str("set");
    }
    out
}

/// `installation` → `Installation`.
fn variant(name: &str) -> String {
    camel(name, "G")
}

fn camel(name: &str, lead: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) || out == "Self" {
        out.insert_str(0, lead);
    }
    out
}

fn unique(seen: &mut HashSet<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while !seen.insert(name.clone()) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "try", "type", "unsafe", "use", "where", "while", "yield",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(camel("read:patients", "S"), "ReadPatients");
        assert_eq!(camel("https://x.example/auth/drive.readonly", "S"), "HttpsXExampleAuthDriveReadonly");
        assert_eq!(camel("2fa", "S"), "S2fa");
        assert_eq!(field("type"), "type_");
        assert_eq!(field("_"), "_set");
        let g = grant_sets(&["inst-a", "inst_a", "Inst", "inst", "self", "Self"]);
        let fields: HashSet<&String> = g.iter().map(|(f, _)| f).collect();
        let variants: HashSet<&String> = g.iter().map(|(_, v)| v).collect();
        assert_eq!((fields.len(), variants.len()), (6, 6), "{g:?}");
        assert_eq!(field("user-grants"), "user_grants");
        let mut seen = HashSet::new();
        assert_eq!(unique(&mut seen, "A".into()), "A");
        assert_eq!(unique(&mut seen, "A".into()), "A2");
    }
}
