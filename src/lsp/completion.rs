//! Completion from the text before the cursor and the block it is in: scope and alias
//! names where an expression or scope list goes, bundle and api names, keywords and
//! methods at the start of a statement, endpoint paths in test lines, expectations after
//! `=>`. Names come from the last text that parsed, so a half-typed line keeps them.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionResponse, Position};

use super::document::Document;
use crate::lang::Method;

/// The block the cursor is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Top,
    Policy,
    Group,
    Api,
    Keys,
    Errors,
    /// An endpoint's `{ … }`.
    Endpoint,
    Test,
}

const TOP: &[&str] = &["policy", "group", "scope", "alias", "api", "bundle", "forbid", "errors", "rate", "test"];
const POLICY: &[&str] = &["version", "docs", "server", "license", "note"];
const GROUP: &[&str] = &["scope", "note"];
const API: &[&str] = &["base", "auth", "header", "effective", "keys", "errors", "rate", "note"];
const KEYS: &[&str] = &["kind", "stored", "shown once", "rotation grace", "expiry", "revocation", "audit", "note"];
const ERRORS: &[&str] = &["trace"];
const ENDPOINT: &[&str] = &["strip", "mask", "filter", "oblige", "when", "query", "body", "rate", "note"];
const EXPECTATIONS: &[&str] = &["allow", "deny", "unauthenticated", "not-found", "method-not-allowed", "rejected"];
const SCOPE_OPTIONS: &[&str] = &["requires", "implies", "since", "deprecated"];

/// The innermost open block at the end of `before`, read from the first word of the line
/// that opened it (strings and comments skipped).
fn block(before: &str) -> Block {
    let mut stack: Vec<Block> = Vec::new();
    let mut line_start = 0;
    let mut in_string = false;
    let bytes = before.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if b == b'\\' {
                i += 1;
            } else if b == b'"' || b == b'\n' {
                in_string = false;
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'{' => {
                    let first = before[line_start..i].split_whitespace().next().unwrap_or("");
                    stack.push(match first {
                        "policy" => Block::Policy,
                        "group" => Block::Group,
                        "api" => Block::Api,
                        "keys" => Block::Keys,
                        "errors" => Block::Errors,
                        "test" => Block::Test,
                        m if Method::parse(m).is_some() => Block::Endpoint,
                        _ => Block::Top,
                    });
                }
                b'}' => {
                    stack.pop();
                }
                _ => {}
            }
        }
        if bytes.get(i) == Some(&b'\n') {
            line_start = i + 1;
        }
        i += 1;
    }
    stack.last().copied().unwrap_or(Block::Top)
}

fn items(words: impl IntoIterator<Item = String>, kind: CompletionItemKind) -> Vec<CompletionItem> {
    words.into_iter().map(|w| CompletionItem { label: w, kind: Some(kind), ..CompletionItem::default() }).collect()
}

fn keywords(words: &[&str]) -> Vec<CompletionItem> {
    items(words.iter().map(|w| w.to_string()), CompletionItemKind::KEYWORD)
}

fn methods() -> Vec<CompletionItem> {
    items(Method::ALL.iter().map(|m| m.as_str().to_string()), CompletionItemKind::FUNCTION)
}

/// The completions at `position`.
pub fn complete(doc: &Document, position: Position) -> CompletionResponse {
    let offset = doc.lines.offset(&doc.text, position);
    let before = doc.text.get(..offset).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    let words: Vec<&str> = line.split_whitespace().collect();
    // The word being typed (empty after a space) and the words before it.
    let typing = if line.ends_with(char::is_whitespace) { "" } else { words.last().copied().unwrap_or("") };
    let done: &[&str] = if typing.is_empty() { &words } else { &words[..words.len() - 1] };
    let names = &doc.names;
    let scopes = || items(names.scopes.iter().cloned(), CompletionItemKind::CONSTANT);
    let last = done.last().copied().unwrap_or("");
    let in_expression =
        done.iter().any(|w| matches!(*w, "requires" | "unless" | "implies" | "with" | "missing" | "=" | "alias"))
            && !matches!(last, "=>" | "via" | "api" | "grant");
    let block = block(before);
    let list = if last == "=>" {
        keywords(EXPECTATIONS)
    } else if matches!(last, "api") && block == Block::Test {
        items(names.apis.iter().cloned(), CompletionItemKind::MODULE)
    } else if last == "via" {
        keywords(&["bearer", "header", "query"])
    } else if in_expression || matches!(last, "|" | "&" | "(" | ",") || last.ends_with(',') {
        scopes()
    } else if block == Block::Test && done.len() == 1 && Method::parse(done[0]).is_some() {
        let method = done[0];
        let mut paths: Vec<String> =
            names.endpoints.iter().filter(|(m, _)| m == method).map(|(_, p)| p.clone()).collect();
        paths.dedup();
        items(paths, CompletionItemKind::VALUE)
    } else if done.is_empty() {
        match block {
            Block::Top => keywords(TOP),
            Block::Policy => keywords(POLICY),
            Block::Group => keywords(GROUP),
            Block::Api => [methods(), keywords(API)].concat(),
            Block::Keys => keywords(KEYS),
            Block::Errors => keywords(ERRORS),
            Block::Endpoint => keywords(ENDPOINT),
            Block::Test => methods(),
        }
    } else if matches!(done.first(), Some(&"scope")) && done.len() >= 3 {
        keywords(SCOPE_OPTIONS)
    } else if block == Block::Test && done.len() >= 2 {
        keywords(&["with", "api", "via", "grant", "=>"])
    } else if block == Block::Api && done.len() >= 2 && Method::parse(done[0]).is_some() {
        keywords(&["requires", "public", "authenticated"])
    } else {
        Vec::new()
    };
    let bundles_too = block == Block::Top && done.first() == Some(&"bundle");
    let mut list = list;
    if bundles_too && done.contains(&"=") {
        list = scopes();
    }
    CompletionResponse::Array(list)
}

#[cfg(test)]
mod tests {
    use super::{Block, block};

    #[test]
    fn blocks_survive_strings_comments_and_a_trailing_backslash() {
        assert_eq!(block("api a {\n    GET /x requires b {\n"), Block::Endpoint);
        assert_eq!(block("api a {\n    note \"{ not a block\"\n"), Block::Api);
        assert_eq!(block("test \"t\" {\n# {\n"), Block::Test);
        assert_eq!(block("api a { }\n"), Block::Top);
        // A string that ends in a backslash at the end of the text.
        assert_eq!(block("api a {\n    note \"x\\"), Block::Api);
    }
}
