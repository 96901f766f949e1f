//! YAML text that YAML 1.1 and YAML 1.2 readers read back alike.
//!
//! `serde_yaml` writes strings such as `2022-11-28`, `yes`, `on` or `12:30` unquoted: a
//! YAML 1.2 reader reads them back as strings, but a YAML 1.1 reader (PyYAML, and
//! through it openapi-spec-validator) reads a date, a boolean and a sexagesimal number.
//! This writer leaves a string plain only when it is made of characters that cannot
//! start or form any other scalar in either version, and double-quotes every other one
//! (escaped as in JSON, plus the characters YAML 1.1 treats as line breaks). The layout
//! is `serde_yaml`'s: two-space indentation, sequences at their key's indentation.

use std::fmt::Write as _;

use serde_yaml::Value as Yaml;

/// The document as YAML text, ending in a newline.
pub fn to_string(doc: &Yaml) -> String {
    write(Node::Yaml(doc))
}

/// A JSON document as YAML text, written from the JSON tree itself (no YAML copy of it:
/// the document is the size of the policy).
pub fn from_json(doc: &serde_json::Value) -> String {
    write(Node::Json(doc))
}

/// A node of either tree, read through one view so that both are written alike.
#[derive(Clone, Copy)]
enum Node<'a> {
    Yaml(&'a Yaml),
    Json(&'a serde_json::Value),
    /// A JSON object's key.
    Key(&'a str),
}

/// What a node holds, its tag (YAML only) set apart.
enum View<'a> {
    Mapping(Vec<(Node<'a>, Node<'a>)>),
    Sequence(Vec<Node<'a>>),
    String(&'a str),
    /// A null, boolean or number, as written.
    Scalar(String),
    Tagged(String, Node<'a>),
}

impl<'a> Node<'a> {
    fn view(self) -> View<'a> {
        match self {
            Node::Key(k) => View::String(k),
            Node::Yaml(v) => match v {
                Yaml::Null => View::Scalar("null".into()),
                Yaml::Bool(b) => View::Scalar(b.to_string()),
                Yaml::Number(n) => View::Scalar(n.to_string()),
                Yaml::String(s) => View::String(s),
                Yaml::Sequence(s) => View::Sequence(s.iter().map(Node::Yaml).collect()),
                Yaml::Mapping(m) => View::Mapping(m.iter().map(|(k, v)| (Node::Yaml(k), Node::Yaml(v))).collect()),
                Yaml::Tagged(t) => View::Tagged(t.tag.to_string(), Node::Yaml(&t.value)),
            },
            Node::Json(v) => match v {
                serde_json::Value::Null => View::Scalar("null".into()),
                serde_json::Value::Bool(b) => View::Scalar(b.to_string()),
                serde_json::Value::Number(n) => View::Scalar(n.to_string()),
                serde_json::Value::String(s) => View::String(s),
                serde_json::Value::Array(s) => View::Sequence(s.iter().map(Node::Json).collect()),
                serde_json::Value::Object(m) => {
                    View::Mapping(m.iter().map(|(k, v)| (Node::Key(k), Node::Json(v))).collect())
                }
            },
        }
    }
}

fn write(doc: Node<'_>) -> String {
    let mut out = String::new();
    match doc.view() {
        View::Mapping(m) if !m.is_empty() => mapping(&mut out, &m, 0),
        View::Sequence(s) if !s.is_empty() => sequence(&mut out, &s, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn mapping(out: &mut String, m: &[(Node<'_>, Node<'_>)], at: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            indent(out, at);
        }
        out.push_str(&key(*k));
        out.push(':');
        value_after(out, *v, at, false);
    }
}

fn sequence(out: &mut String, s: &[Node<'_>], at: usize) {
    for (i, v) in s.iter().enumerate() {
        if i > 0 {
            indent(out, at);
        }
        out.push('-');
        value_after(out, *v, at, true);
    }
}

/// Writes `v` after a `key:` or `-` at indentation `at`.
fn value_after(out: &mut String, v: Node<'_>, at: usize, in_sequence: bool) {
    let (tag, v) = match v.view() {
        View::Tagged(tag, v) => (Some(tag), v.view()),
        v => (None, v),
    };
    if let Some(tag) = &tag {
        out.push(' ');
        out.push_str(tag);
    }
    match v {
        View::Mapping(m) if !m.is_empty() => {
            if in_sequence && tag.is_none() {
                // `- key: value`, the rest of the mapping aligned with the first key.
                out.push(' ');
                mapping(out, &m, at + 2);
            } else {
                out.push('\n');
                indent(out, at + 2);
                mapping(out, &m, at + 2);
            }
        }
        View::Sequence(s) if !s.is_empty() => {
            if in_sequence && tag.is_none() {
                // `- - item`, the rest of the inner sequence aligned with its first item.
                out.push(' ');
                sequence(out, &s, at + 2);
            } else {
                // A sequence sits at its key's indentation.
                out.push('\n');
                indent(out, at);
                sequence(out, &s, at);
            }
        }
        View::String(text) if tag.is_none() && text.contains('\n') => {
            out.push(' ');
            match literal_block(text, at + 2) {
                Some(block) => out.push_str(&block),
                None => {
                    out.push_str(&string(text));
                    out.push('\n');
                }
            }
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn key(k: Node<'_>) -> String {
    inline(k.view())
}

/// A scalar, or an empty collection, on one line.
fn inline(v: View<'_>) -> String {
    match v {
        View::Scalar(s) => s,
        View::String(s) => string(s),
        View::Sequence(_) => "[]".into(),
        View::Mapping(_) => "{}".into(),
        View::Tagged(tag, v) => format!("{tag} {}", inline(v.view())),
    }
}

/// Words that YAML 1.1 or 1.2 read as a boolean or null, in any case.
const RESERVED: [&str; 11] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<"];

/// True when `s` may be written plain: it starts with a letter, `/`, `_` or `$` (never a
/// digit, sign, dot or indicator, so it cannot be a number, date, time or special float
/// in either version), holds printable characters only, none of the sequences that end
/// or interrupt a plain scalar (`: `, ` #`, a final `:`), no doubled or outer spaces,
/// and is not a reserved word.
fn plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    (first.is_ascii_alphabetic() || matches!(first, '/' | '_' | '$'))
        && s.chars().all(|c| c == ' ' || (!c.is_control() && !c.is_whitespace() && !breaks(c)))
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains("  ")
        && !RESERVED.iter().any(|r| s.eq_ignore_ascii_case(r))
}

/// The characters YAML 1.1 reads as line breaks besides `\n` and `\r`, and the
/// byte-order mark.
fn breaks(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A string of several lines as a literal block (`|-`), when every line can be written
/// as it is: printable, no line starting or ending with a space or tab, at most one
/// final newline.
fn literal_block(s: &str, at: usize) -> Option<String> {
    let (body, chomp) = match s.strip_suffix('\n') {
        Some(b) => (b, "|"),
        None => (s, "|-"),
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let ok = lines.len() > 1
        && !body.ends_with('\n')
        && lines.iter().all(|l| {
            !l.starts_with([' ', '\t']) && !l.ends_with([' ', '\t']) && l.chars().all(|c| !c.is_control() && !breaks(c))
        })
        && !lines[0].is_empty();
    if !ok {
        return None;
    }
    let mut out = String::from(chomp);
    out.push('\n');
    for l in lines {
        if !l.is_empty() {
            out.extend(std::iter::repeat_n(' ', at));
            out.push_str(l);
        }
        out.push('\n');
    }
    Some(out)
}

/// `s` plain when it is safe, else double-quoted.
fn string(s: &str) -> String {
    if plain(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Controls, DEL, the C1 range (NEL among them), the Unicode line and
            // paragraph separators, and the byte-order mark.
            c if c.is_control() || breaks(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_a_yaml_1_1_reader_would_retype_are_quoted() {
        for s in [
            "2022-11-28",
            "yes",
            "No",
            "ON",
            "y",
            "12:30",
            "1_000",
            "1e3",
            ".5",
            "~",
            "null",
            "-",
            "<<",
            "",
            " x",
            "a: b",
            "a #b",
            "a:",
            "#/components",
            "'q'",
            "\"q\"",
            "*x",
            "&x",
            "!x",
            "%x",
            "@x",
            "`x",
            "|x",
            ">x",
            "?x",
            "[x",
            "{x",
        ] {
            assert!(string(s).starts_with('"'), "{s}");
        }
        for s in ["application/json", "/pets/{petId}", "Read orders", "read:orders", "$ref", "https://x.io/a#b", "it's"]
        {
            assert_eq!(string(s), s);
        }
        assert_eq!(string("a\nb\u{2028}\"\\"), "\"a\\nb\\u2028\\\"\\\\\"");
    }

    #[test]
    fn lines_become_a_literal_block_when_they_can() {
        let mut m = serde_yaml::Mapping::new();
        m.insert("d".into(), "one\n\ntwo".into());
        // A line starting with a space cannot be a literal block's first line.
        m.insert("e".into(), "x\n y".into());
        let doc = Yaml::Mapping(m);
        let text = to_string(&doc);
        assert_eq!(text, "d: |-\n  one\n\n  two\ne: \"x\\n y\"\n");
        assert_eq!(serde_yaml::from_str::<Yaml>(&text).ok(), Some(doc));
    }

    #[test]
    fn layout_is_serde_yaml_s() {
        let doc: Yaml =
            serde_yaml::from_str("a:\n  b: 1\n  c:\n  - x\n  - d: 2\n    e: []\nf: {}\n").unwrap_or(Yaml::Null);
        assert_eq!(to_string(&doc), "a:\n  b: 1\n  c:\n  - x\n  - d: 2\n    e: []\nf: {}\n");
        let back: Yaml = serde_yaml::from_str(&to_string(&doc)).unwrap_or(Yaml::Null);
        assert_eq!(back, doc);
    }
}
