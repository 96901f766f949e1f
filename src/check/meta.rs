//! The `policy` block: exactly one per file.

use super::ctx::{Ctx, Once};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{License, Meta, Server};
use crate::syntax::ast::{File, Item, PolicyStmt};

/// Reads the file's metadata, reporting a missing or repeated `policy` block.
pub(crate) fn meta(ctx: &mut Ctx, file: &File) -> Meta {
    let blocks: Vec<_> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Policy(p) => Some(p),
            _ => None,
        })
        .collect();
    let Some(first) = blocks.first() else {
        ctx.report(
            Diagnostic::error(codes::MISSING_POLICY, Span::new(0, 0), "file has no `policy` block")
                .with_help("start the file with `policy \"Name\" { version \"1\" }`"),
        );
        return Meta::default();
    };
    for again in &blocks[1..] {
        ctx.report(
            Diagnostic::error(codes::MISSING_POLICY, again.title.span, "file has more than one `policy` block")
                .with_label("second `policy` block")
                .with_secondary(first.title.span, "first one here")
                .with_help("a file describes one policy; split it or merge the blocks"),
        );
    }
    let mut meta = Meta { title: first.title.value.clone(), ..Meta::default() };
    let mut version = Once::new("version");
    let mut docs = Once::new("docs");
    let mut license = Once::new("license");
    for stmt in &first.stmts {
        match stmt {
            PolicyStmt::Version(t) => {
                if version.first(ctx, t.span) {
                    meta.version = Some(t.value.clone());
                }
            }
            PolicyStmt::Docs(t) => {
                if docs.first(ctx, t.span) {
                    meta.docs = Some(t.value.clone());
                }
            }
            PolicyStmt::Server(url, description) => meta
                .servers
                .push(Server { url: url.value.clone(), description: description.as_ref().map(|d| d.value.clone()) }),
            PolicyStmt::License(name, url, span) => {
                if license.first(ctx, *span) {
                    meta.license =
                        Some(License { name: name.value.clone(), url: url.as_ref().map(|u| u.value.clone()) });
                }
            }
            PolicyStmt::Note(t) => meta.notes.push(t.value.clone()),
        }
    }
    meta
}
