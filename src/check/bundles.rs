//! Bundles (recommended scope sets) and forbidden resources.

use rustc_hash::FxHashMap as HashMap;

use super::ctx::Ctx;
use super::duplicate::declared_twice;
use crate::codes;
use crate::diagnostic::Span;
use crate::model::{Bundle, Forbid};
use crate::syntax::ast::{File, Item};

/// Resolves `bundle` declarations.
pub(crate) fn bundles(ctx: &mut Ctx, file: &File) -> Vec<Bundle> {
    let mut out = Vec::new();
    let mut names: HashMap<&str, Span> = HashMap::default();
    for item in &file.items {
        let Item::Bundle(b) = item else { continue };
        let scopes = ctx.scopes(&b.scopes);
        if let Some(first) = names.get(b.name.value.as_str()) {
            ctx.report(declared_twice(
                codes::DUPLICATE_BUNDLE,
                format!("bundle `{}`", b.name.value),
                b.name.span,
                *first,
                "give each bundle its own name",
            ));
            continue;
        }
        names.insert(b.name.value.as_str(), b.name.span);
        if let Some(scopes) = scopes {
            out.push(Bundle {
                name: b.name.value.clone(),
                scopes,
                description: b.description.as_ref().map(|d| d.value.clone()),
                span: b.span,
            });
        }
    }
    out
}

/// Collects `forbid` declarations (resource names are free text; lints check them).
pub(crate) fn forbids(file: &File) -> Vec<Forbid> {
    file.items
        .iter()
        .filter_map(|i| match i {
            Item::Forbid(f) => Some(Forbid {
                resources: f.resources.iter().map(|r| r.text.clone()).collect(),
                reason: f.reason.as_ref().map(|r| r.value.clone()),
                span: f.span,
            }),
            _ => None,
        })
        .collect()
}
