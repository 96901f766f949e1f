//! `--standalone`: the runtime crate's own source, embedded as `mod scopec_runtime` so the
//! module needs no dependency. The runtime's modules name their siblings with `super::`,
//! so the same text compiles at a crate root and inside this module.

use scopec_runtime::source::{EXPORTS, MODULES};

/// Indents every line by `levels` of four spaces (the runtime holds no multi-line string
/// literal, whose content indenting would change).
fn indent(text: &str, levels: usize) -> String {
    let pad = "    ".repeat(levels);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A runtime module's text as embedded: without its unit tests (by convention the
/// `#[cfg(test)]` module ends each file), and with its doc examples marked as text, since
/// they name the crate, which the embedding crate does not depend on.
fn embeddable(text: &str) -> String {
    let body = text.split("\n#[cfg(test)]\n").next().unwrap_or(text);
    let mut out = String::with_capacity(body.len());
    let mut in_example = false;
    for line in body.lines() {
        let trimmed = line.trim_start();
        let fence = ["/// ```", "//! ```"].iter().find_map(|p| trimmed.strip_prefix(p));
        match fence {
            Some(rest) if !in_example && (rest.is_empty() || rest == "rust") => {
                in_example = true;
                out.push_str(&line.replacen("```", "```text", 1).replace("```textrust", "```text"));
            }
            Some("") => {
                in_example = false;
                out.push_str(line);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The embedded runtime, ready to append to a module.
pub fn runtime_module() -> String {
    let mut out = String::from(
        "\n/// The scopec runtime, embedded (`scopec rust --standalone`): the source of the\n\
         /// `scopec-runtime` crate of the same version.\n\
         #[allow(dead_code, unused_imports)]\n\
         pub mod scopec_runtime {\n",
    );
    for (name, text) in MODULES {
        out.push_str(&format!("    pub mod {name} {{\n"));
        out.push_str(&indent(&embeddable(text), 2));
        out.push_str("    }\n");
    }
    out.push_str(&indent(EXPORTS, 1));
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_runtime_has_no_tests_and_no_runnable_examples() {
        let text = runtime_module();
        assert!(!text.contains("#[cfg(test)]"));
        for line in text.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("/// ```") {
                assert!(rest.is_empty() || rest == "text", "{line}");
            }
        }
        assert_eq!(embeddable("/// ```\n/// x\n/// ```\nfn a() {}\n"), "/// ```text\n/// x\n/// ```\nfn a() {}\n");
    }
}
