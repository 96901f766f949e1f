//! Code actions (apply a "did you mean" suggestion, suppress a lint finding with a reason
//! to fill in, remove an unused scope) and whole-document formatting.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::document::Document;
use crate::Diagnostic;
use crate::codes::lints;
use crate::diagnostic::Span;

/// An edit of one document. (`WorkspaceEdit` keys its map by `Uri`, which clippy flags as
/// a mutable key type: lsp-types' `Uri` caches its parse, its hash never changes.)
#[allow(clippy::mutable_key_type)]
pub fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }
}

fn action(title: String, uri: &Uri, edits: Vec<TextEdit>, preferred: bool) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit(uri, edits)),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The start of the line holding `offset`, and its indentation.
fn line_of(text: &str, offset: usize) -> (usize, &str) {
    let start = text.get(..offset).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let rest = text.get(start..).unwrap_or("");
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    (start, indent)
}

/// The whole lines `span` touches, with their line break.
fn lines_of(text: &str, span: Span) -> Span {
    let (start, _) = line_of(text, span.start);
    let end = text.get(span.end..).and_then(|t| t.find('\n')).map_or(text.len(), |i| span.end + i + 1);
    Span::new(start, end)
}

/// The fixes for the diagnostics that touch `params.range`.
pub fn actions(doc: &Document, uri: &Uri, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let wanted = doc.lines.span(&doc.text, params.range);
    let touches = |d: &&Diagnostic| d.span.start <= wanted.end && wanted.start <= d.span.end;
    let mut out = Vec::new();
    for d in doc.analysis.diagnostics.iter().filter(touches) {
        let range = doc.lines.range(&doc.text, d.span);
        if let Some(best) =
            d.help.as_deref().and_then(|h| h.strip_prefix("did you mean `")).and_then(|h| h.split('`').next())
        {
            out.push(action(
                format!("Replace with `{best}`"),
                uri,
                vec![TextEdit { range, new_text: best.to_string() }],
                true,
            ));
        }
        if let Some(rule) = crate::lint::rule(d.code) {
            let (start, indent) = line_of(&doc.text, d.span.start);
            let at = doc.lines.position(&doc.text, start);
            let line = format!("{indent}# scopec: allow({}) REASON\n", rule.name);
            let insert = TextEdit { range: Range { start: at, end: at }, new_text: line };
            out.push(action(format!("Allow `{}` here, with a reason", rule.name), uri, vec![insert], false));
            if d.code == lints::UNUSED_SCOPE.code
                && let Some(decl) = unused_declaration(doc, d.span)
            {
                let range = doc.lines.range(&doc.text, lines_of(&doc.text, decl));
                let remove = vec![TextEdit { range, new_text: String::new() }];
                out.push(action("Remove the unused scope".to_string(), uri, remove, false));
            }
        }
    }
    out
}

/// The declaration (its whole statement) of the scope a finding points at.
fn unused_declaration(doc: &Document, at: Span) -> Option<Span> {
    let model = doc.analysis.model.as_ref()?;
    model
        .scopes
        .iter()
        .find(|s| {
            s.name_span.start <= at.start && at.start <= s.name_span.end.max(s.span.end) && s.span.start <= at.start
        })
        .map(|s| s.span)
}

/// The whole document, formatted by `scopec fmt`; no edit when it is already formatted,
/// an error when it does not parse.
pub fn format(doc: &Document) -> Result<Option<Vec<TextEdit>>, String> {
    let formatted = crate::fmt::format(&doc.text).map_err(|ds| {
        ds.first()
            .map_or_else(|| "the policy cannot be formatted".to_string(), |d| format!("cannot format: {}", d.message))
    })?;
    if formatted == doc.text {
        return Ok(Some(Vec::new()));
    }
    let end = doc.lines.position(&doc.text, doc.text.len());
    Ok(Some(vec![TextEdit { range: Range { start: Position { line: 0, character: 0 }, end }, new_text: formatted }]))
}
