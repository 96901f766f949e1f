//! Go to definition, find references and rename, for scopes, aliases, bundles, apis and
//! key kinds.

use lsp_types::{GotoDefinitionResponse, Location, Position, TextEdit, Uri, WorkspaceEdit};

use super::document::Document;
use super::index::{Index, Kind, Occurrence};
use super::position::LineIndex;
use super::tokens::KEYWORDS;
use super::workspace::Workspace;

/// The occurrence under the cursor.
fn under(doc: &Document, position: Position) -> Option<&Occurrence> {
    let offset = doc.lines.offset(&doc.text, position);
    doc.analysis.index.as_ref()?.at(offset)
}

fn location(uri: &Uri, text: &str, lines: &LineIndex, o: &Occurrence) -> Location {
    Location { uri: uri.clone(), range: lines.range(text, o.span) }
}

/// Where the name under the cursor is declared: in its file, or else in another policy of
/// the workspace.
pub fn definition(ws: &Workspace, uri: &Uri, position: Position) -> Option<GotoDefinitionResponse> {
    let doc = ws.documents.get(uri.as_str())?;
    let o = under(doc, position)?;
    if let Some(d) = doc.analysis.index.as_ref()?.declaration(o.kind, &o.name) {
        return Some(GotoDefinitionResponse::Scalar(location(uri, &doc.text, &doc.lines, d)));
    }
    for (other, text) in ws.policies() {
        if other == uri.as_str() {
            continue;
        }
        let Some(file) = crate::syntax::parse(&text).file else { continue };
        let ix = Index::build(&file);
        if let (Some(d), Ok(u)) = (ix.declaration(o.kind, &o.name), other.parse::<Uri>()) {
            return Some(GotoDefinitionResponse::Scalar(location(&u, &text, &LineIndex::new(&text), d)));
        }
    }
    None
}

/// Every occurrence of the name under the cursor in its file.
pub fn references(ws: &Workspace, uri: &Uri, position: Position, include_declaration: bool) -> Option<Vec<Location>> {
    let doc = ws.documents.get(uri.as_str())?;
    let o = under(doc, position)?;
    let ix = doc.analysis.index.as_ref()?;
    Some(
        ix.of(o.kind, &o.name)
            .filter(|r| include_declaration || !r.declaration)
            .map(|r| location(uri, &doc.text, &doc.lines, r))
            .collect(),
    )
}

/// Whether `name` can be written bare (the grammar's `bare_scope`, and not a keyword).
fn bare(name: &str) -> bool {
    let mut words = name.split(':');
    let first = words.next().unwrap_or("");
    let word_ok = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
    first.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && word_ok(first)
        && words.all(word_ok)
        && !KEYWORDS.contains(&name)
}

/// `name` as a quoted string literal.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Renames the scope, alias or bundle under the cursor everywhere in its file (its test
/// blocks included). Refuses a name that is empty, holds a control character, or is
/// already declared.
pub fn rename(ws: &Workspace, uri: &Uri, position: Position, new_name: &str) -> Result<Option<WorkspaceEdit>, String> {
    let Some(doc) = ws.documents.get(uri.as_str()) else { return Ok(None) };
    let Some(o) = under(doc, position) else { return Ok(None) };
    let Some(ix) = doc.analysis.index.as_ref() else { return Ok(None) };
    if !matches!(o.kind, Kind::Scope | Kind::Bundle) {
        return Err("only scopes, aliases and bundles can be renamed".into());
    }
    if new_name.is_empty()
        || new_name.chars().any(char::is_control)
        || (o.kind == Kind::Scope && new_name.contains(char::is_whitespace))
    {
        return Err(format!("`{new_name}` is not a valid name"));
    }
    if new_name != o.name && ix.declaration(o.kind, new_name).is_some() {
        return Err(format!("`{new_name}` is already declared"));
    }
    let edits: Vec<TextEdit> = ix
        .of(o.kind, &o.name)
        .map(|r| {
            let written = doc.text.get(r.span.start..r.span.end).unwrap_or("");
            let text = if o.kind == Kind::Bundle || written.starts_with('"') || !bare(new_name) {
                quoted(new_name)
            } else {
                new_name.to_string()
            };
            TextEdit { range: doc.lines.range(&doc.text, r.span), new_text: text }
        })
        .collect();
    Ok(Some(super::actions::edit(uri, edits)))
}
