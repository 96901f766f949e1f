//! Document symbols (groups and their scopes, scopes, aliases, apis and their endpoints,
//! bundles, tests) and workspace symbols across the folder's policies.

use lsp_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri, WorkspaceSymbolResponse,
};

use super::document::Document;
use super::index::{Index, Kind};
use super::position::LineIndex;
use super::workspace::Workspace;
use crate::diagnostic::Span;

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    text: &str,
    lines: &LineIndex,
    span: Span,
    name_span: Span,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(text, span),
        selection_range: lines.range(text, name_span),
        children: None,
    }
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The outline of a document.
pub fn document(doc: &Document) -> DocumentSymbolResponse {
    let Some(ix) = &doc.analysis.index else {
        return DocumentSymbolResponse::Nested(Vec::new());
    };
    let (t, l) = (doc.text.as_str(), &doc.lines);
    let mut out = Vec::new();
    let decls: Vec<_> = ix.occurrences.iter().filter(|o| o.declaration).collect();
    let scope_sym = |name: &str, span: Span| {
        let alias = doc.analysis.model.as_ref().and_then(|m| m.aliases.iter().find(|a| a.name == name));
        let detail =
            alias.and_then(|a| doc.analysis.model.as_ref().map(|m| format!("alias of {}", m.scope_name(a.target))));
        symbol(name.to_string(), detail, SymbolKind::CONSTANT, t, l, span, span)
    };
    for (name, span) in &ix.groups {
        let name_span = decls.iter().find(|o| o.kind == Kind::Group && inside(o.span, *span)).map_or(*span, |o| o.span);
        let mut g = symbol(name.clone(), Some("group".into()), SymbolKind::NAMESPACE, t, l, *span, name_span);
        let children: Vec<DocumentSymbol> = decls
            .iter()
            .filter(|o| o.kind == Kind::Scope && inside(o.span, *span))
            .map(|o| scope_sym(&o.name, o.span))
            .collect();
        g.children = Some(children);
        out.push((span.start, g));
    }
    for o in decls.iter().filter(|o| o.kind == Kind::Scope && !ix.groups.iter().any(|(_, s)| inside(o.span, *s))) {
        out.push((o.span.start, scope_sym(&o.name, o.span)));
    }
    for o in decls.iter().filter(|o| o.kind == Kind::Bundle) {
        out.push((
            o.span.start,
            symbol(o.name.clone(), Some("bundle".into()), SymbolKind::ARRAY, t, l, o.span, o.span),
        ));
    }
    for (name, span) in &ix.apis {
        let name_span = decls.iter().find(|o| o.kind == Kind::Api && inside(o.span, *span)).map_or(*span, |o| o.span);
        let mut a = symbol(name.clone(), Some("api".into()), SymbolKind::MODULE, t, l, *span, name_span);
        let children = ix
            .endpoints
            .iter()
            .filter(|e| e.api == *name && inside(e.span, *span))
            .map(|e| symbol(e.label.clone(), None, SymbolKind::METHOD, t, l, e.span, e.path_span))
            .collect();
        a.children = Some(children);
        out.push((span.start, a));
    }
    for (name, span) in &ix.tests {
        out.push((span.start, symbol(name.clone(), Some("test".into()), SymbolKind::EVENT, t, l, *span, *span)));
    }
    out.sort_by_key(|(start, _)| *start);
    DocumentSymbolResponse::Nested(out.into_iter().map(|(_, s)| s).collect())
}

/// The scopes, aliases, bundles, apis and endpoints of every policy of the workspace whose
/// name holds `query` (ignoring case).
#[allow(deprecated)]
pub fn workspace(ws: &Workspace, query: &str) -> WorkspaceSymbolResponse {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for (uri, text) in ws.policies() {
        let Ok(u) = uri.parse::<Uri>() else { continue };
        let Some(file) = crate::syntax::parse(&text).file else { continue };
        let ix = Index::build(&file);
        let lines = LineIndex::new(&text);
        let mut add = |name: &str, kind: SymbolKind, span: Span, container: Option<String>| {
            if name.to_lowercase().contains(&query) {
                out.push(SymbolInformation {
                    name: name.to_string(),
                    kind,
                    tags: None,
                    deprecated: None,
                    location: Location { uri: u.clone(), range: lines.range(&text, span) },
                    container_name: container,
                });
            }
        };
        for o in ix.occurrences.iter().filter(|o| o.declaration) {
            let kind = match o.kind {
                Kind::Scope => SymbolKind::CONSTANT,
                Kind::Bundle => SymbolKind::ARRAY,
                Kind::Api => SymbolKind::MODULE,
                Kind::Group => SymbolKind::NAMESPACE,
                Kind::KeyKind => SymbolKind::STRUCT,
                Kind::RateTier => SymbolKind::ENUM_MEMBER,
            };
            add(&o.name, kind, o.span, None);
        }
        for e in &ix.endpoints {
            add(&e.label, SymbolKind::METHOD, e.path_span, Some(e.api.clone()));
        }
    }
    WorkspaceSymbolResponse::Flat(out)
}
