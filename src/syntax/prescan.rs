//! Checks made on the raw text before the parser runs: an empty file, and parentheses
//! nested so deep that a recursive-descent parser would exhaust the stack.

use crate::codes;
use crate::diagnostic::{Diagnostic, Span};

/// How deep parentheses may nest in a scope expression.
pub const MAX_DEPTH: usize = 64;

/// Returns the problems that make parsing pointless, if any.
pub fn prescan(source: &str) -> Option<Diagnostic> {
    if is_blank(source) {
        return Some(
            Diagnostic::error(codes::EMPTY_FILE, Span::new(0, 0), "policy file is empty")
                .with_help("start with `policy \"Name\" { version \"1\" }`, then declare scopes and apis"),
        );
    }
    too_deep(source)
}

/// True when the file holds only whitespace and comments.
fn is_blank(source: &str) -> bool {
    source.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    })
}

/// Finds the first `(` that opens deeper than [`MAX_DEPTH`], skipping strings and comments.
fn too_deep(source: &str) -> Option<Diagnostic> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => i = skip_to_line_end(bytes, i),
            b'"' => i = skip_string(bytes, i),
            b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(
                        Diagnostic::error(
                            codes::TOO_DEEP,
                            Span::new(i, i + 1),
                            format!("parentheses nest deeper than {MAX_DEPTH} levels"),
                        )
                        .with_label("this parenthesis is too deep")
                        .with_help(
                            "flatten the expression: `&` binds tighter than `|`, so most parentheses are not needed",
                        ),
                    );
                }
            }
            b')' => depth = depth.saturating_sub(1),
            b'\n' => {}
            _ => {}
        }
        i += 1;
    }
    None
}

fn skip_to_line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] != b'\n' {
        i += 1;
    }
    i
}

/// Returns the index of the closing quote (or of the line end for an unterminated string).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'"' | b'\n' => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_files_are_reported() {
        assert!(prescan("").is_some());
        assert!(prescan("  \n# only a comment\n").is_some());
        assert!(prescan("policy \"x\" {}").is_none());
    }

    #[test]
    fn depth_counts_only_code() {
        let ok = format!("# {}\nnote \"{}\"", "(".repeat(100), "(".repeat(100));
        assert!(too_deep(&ok).is_none());
        let deep = format!("x {}", "(".repeat(MAX_DEPTH + 1));
        let d = too_deep(&deep).map(|d| d.span);
        assert_eq!(d, Some(Span::new(2 + MAX_DEPTH, 3 + MAX_DEPTH)));
    }
}
