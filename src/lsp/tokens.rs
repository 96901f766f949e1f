//! Semantic tokens: highlighting that follows the real grammar. A lexical pass finds
//! comments, strings, numbers, operators, keywords, methods and paths; the names index
//! says which words and strings are scopes, apis and bundles (and which are declared).

use lsp_types::{SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend};

use super::document::Document;
use super::index::Kind;

/// The language's keywords: every `kw_` rule of the grammar (a test keeps the two equal).
pub const KEYWORDS: &[&str] = &[
    "policy",
    "format",
    "any",
    "matching",
    "version",
    "docs",
    "server",
    "license",
    "note",
    "group",
    "scope",
    "scopes",
    "requires",
    "implies",
    "since",
    "deprecated",
    "alias",
    "api",
    "base",
    "auth",
    "header",
    "query",
    "prefix",
    "length",
    "env",
    "required",
    "optional",
    "effective",
    "keys",
    "kind",
    "stored",
    "shown",
    "once",
    "rotation",
    "grace",
    "expiry",
    "revocation",
    "immediate",
    "audit",
    "public",
    "authenticated",
    "strip",
    "mask",
    "filter",
    "oblige",
    "unless",
    "when",
    "in",
    "default",
    "bundle",
    "forbid",
    "errors",
    "trace",
    "test",
    "with",
    "via",
    "grant",
    "no",
    "allow",
    "deny",
    "missing",
    "unauthenticated",
    "not-found",
    "method-not-allowed",
    "rejected",
    "rate",
    "body",
];

/// Words with a meaning of their own that are not keywords: access levels and schemes.
const CONSTANTS: &[&str] = &["read", "write", "admin", "bearer", "legacy"];

const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::KEYWORD,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
    SemanticTokenType::NUMBER,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::ENUM_MEMBER,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
enum T {
    Keyword,
    String,
    Comment,
    Number,
    Operator,
    Method,
    Scope,
    Api,
    Bundle,
    Parameter,
    Constant,
}

/// The legend the tokens are numbered by.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend { token_types: TYPES.to_vec(), token_modifiers: vec![SemanticTokenModifier::DECLARATION] }
}

/// One token: byte range, type, declaration.
type Tok = (usize, usize, T, bool);

fn lex(doc: &Document) -> Vec<Tok> {
    let text = doc.text.as_bytes();
    // The names by where they are: one lookup per word, not a scan of every name.
    let by_span: std::collections::HashMap<(usize, usize), &super::index::Occurrence> =
        doc.analysis.index.iter().flat_map(|ix| &ix.occurrences).map(|o| ((o.span.start, o.span.end), o)).collect();
    let named = |start: usize, end: usize| by_span.get(&(start, end)).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        let start = i;
        if b == b'#' {
            while i < text.len() && text[i] != b'\n' {
                i += 1;
            }
            out.push((start, i, T::Comment, false));
        } else if b == b'"' {
            i += 1;
            while i < text.len() && text[i] != b'"' && text[i] != b'\n' {
                i += if text[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(text.len());
            let t = match named(start, i).map(|o| (o.kind, o.declaration)) {
                Some((Kind::Scope, d)) => (T::Scope, d),
                Some((Kind::Bundle, d)) => (T::Bundle, d),
                _ => (T::String, false),
            };
            out.push((start, i, t.0, t.1));
        } else if b == b'/' {
            while i < text.len() && !text[i].is_ascii_whitespace() && text[i] != b'"' {
                i += 1;
            }
            path(text, start, i, &mut out);
        } else if b.is_ascii_digit() {
            while i < text.len() && (text[i].is_ascii_alphanumeric() || text[i] == b'.') {
                i += 1;
            }
            out.push((start, i, T::Number, false));
        } else if b.is_ascii_alphabetic() || b == b'_' {
            while i < text.len() && (text[i].is_ascii_alphanumeric() || b"_-.:*".contains(&text[i])) {
                i += 1;
            }
            let word = std::str::from_utf8(&text[start..i]).unwrap_or("");
            let t = match named(start, i).map(|o| (o.kind, o.declaration)) {
                Some((Kind::Scope, d)) => Some((T::Scope, d)),
                Some((Kind::Api, d)) => Some((T::Api, d)),
                Some((Kind::Bundle, d)) => Some((T::Bundle, d)),
                _ if KEYWORDS.contains(&word) => Some((T::Keyword, false)),
                _ if CONSTANTS.contains(&word) => Some((T::Constant, false)),
                _ if word.bytes().all(|c| c.is_ascii_uppercase() || c == b'-' || c == b'_') => Some((T::Method, false)),
                _ => None,
            };
            if let Some((t, d)) = t {
                out.push((start, i, t, d));
            }
        } else if b"|&=,?()".contains(&b) {
            i += if b == b'=' && text.get(i + 1) == Some(&b'>') { 2 } else { 1 };
            out.push((start, i, T::Operator, false));
        } else {
            i += 1;
        }
    }
    out
}

/// A path: `{param}` pieces as parameters, the rest as strings.
fn path(text: &[u8], start: usize, end: usize, out: &mut Vec<Tok>) {
    let mut run = start;
    let mut i = start;
    while i < end {
        if text[i] == b'{' {
            let close = (i..end).find(|&j| text[j] == b'}').map_or(end, |j| j + 1);
            if run < i {
                out.push((run, i, T::String, false));
            }
            out.push((i, close, T::Parameter, false));
            i = close;
            run = close;
        } else {
            i += 1;
        }
    }
    if run < end {
        out.push((run, end, T::String, false));
    }
}

/// Every token of the document, encoded relative to the one before (LSP's format).
pub fn full(doc: &Document) -> SemanticTokens {
    let mut data = Vec::new();
    let (mut line, mut col) = (0u32, 0u32);
    for (start, end, t, declaration) in lex(doc) {
        let (a, b) = (doc.lines.position(&doc.text, start), doc.lines.position(&doc.text, end));
        if a.line != b.line || b.character <= a.character {
            continue;
        }
        let delta_line = a.line - line;
        let delta_start = if delta_line == 0 { a.character - col } else { a.character };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: b.character - a.character,
            token_type: t as u32,
            token_modifiers_bitset: u32::from(declaration),
        });
        (line, col) = (a.line, a.character);
    }
    SemanticTokens { result_id: None, data }
}

#[cfg(test)]
mod tests {
    use super::KEYWORDS;

    #[test]
    fn keywords_are_the_grammars() {
        let grammar = include_str!("../../grammar/policy.pest");
        let mut from_grammar: Vec<&str> =
            grammar.lines().filter(|l| l.starts_with("kw_")).filter_map(|l| l.split('"').nth(1)).collect();
        let mut ours = KEYWORDS.to_vec();
        from_grammar.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, from_grammar);
    }
}
