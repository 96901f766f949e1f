//! Key kinds: `kind NAME "Title" { format … scopes … facts }` declarations, and the names
//! that refer to them (auth lines, requirements, tests).

use super::apis::{Prefixes, facts, key_format};
use super::ctx::Ctx;
use super::duplicate::declared_twice;
use crate::codes;
use crate::diagnostic::suggest::closest;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Kind, ScopeId};
use crate::syntax::ast::{File, Item, KindDecl, KindScopes, KindStmt, Word};

/// Every kind the file declares, into `ctx.kinds`; a name declared twice is `E0115`.
pub(crate) fn declare(ctx: &mut Ctx, file: &File) {
    for item in &file.items {
        let Item::Kind(decl) = item else { continue };
        if let Some(first) = ctx.kinds.iter().find(|k| k.name == decl.name.text) {
            let what = format!("key kind `{}`", decl.name.text);
            let d = declared_twice(
                codes::DUPLICATE_KIND,
                what,
                decl.name.span,
                first.span,
                "give each kind one declaration",
            );
            ctx.report(d);
            continue;
        }
        let id = ctx.kinds.len();
        let (kind, spans) = kind(ctx, decl, id);
        ctx.kinds.push(kind);
        ctx.kind_format_spans.push(spans);
    }
}

fn kind(ctx: &mut Ctx, decl: &KindDecl, id: usize) -> (Kind, Vec<Span>) {
    let mut prefixes: Prefixes = Vec::new();
    let mut formats = Vec::new();
    let mut spans = Vec::new();
    let mut any: Option<Span> = None;
    let mut listed: Option<Span> = None;
    let mut scopes: Vec<ScopeId> = Vec::new();
    let mut scopes_text = Vec::new();
    for stmt in &decl.stmts {
        match stmt {
            KindStmt::Format(list, _) => {
                for f in list {
                    if let Some(format) = key_format(ctx, f, &mut prefixes, Some(id)) {
                        formats.push(format);
                        spans.push(f.prefix.span);
                    }
                }
            }
            KindStmt::Scopes(KindScopes::Any, span) => {
                any = Some(*span);
                scopes_text.push("any".to_string());
            }
            KindStmt::Scopes(KindScopes::List(names), span) => {
                listed.get_or_insert(*span);
                scopes.extend(ctx.scopes(names).unwrap_or_default());
                scopes_text.extend(names.iter().map(|n| n.name.clone()));
            }
            KindStmt::Scopes(KindScopes::Matching(pattern), span) => {
                listed.get_or_insert(*span);
                let matched: Vec<ScopeId> =
                    ctx.scope_names.enumerate().filter(|(_, n)| glob(&pattern.value, n)).map(|(id, _)| id).collect();
                if matched.is_empty() {
                    ctx.report(
                        Diagnostic::error(
                            codes::KIND_SCOPES,
                            pattern.span,
                            format!("the pattern `{}` matches no declared scope", pattern.value),
                        )
                        .with_label("matches nothing")
                        .with_help("`*` stands for any text: `read:*` matches `read:patients`"),
                    );
                }
                scopes.extend(matched);
                scopes_text.push(format!("matching \"{}\"", pattern.value));
            }
            KindStmt::Fact(_) => {}
        }
    }
    if let (Some(any), Some(listed)) = (any, listed) {
        ctx.report(
            Diagnostic::error(
                codes::KIND_SCOPES,
                any,
                format!("kind `{}` says `scopes any` and lists scopes", decl.name.text),
            )
            .with_label("any scope")
            .with_secondary(listed, "but only these")
            .with_help("keep `scopes any`, or only the list"),
        );
    }
    scopes.sort_unstable();
    scopes.dedup();
    let facts = facts(
        ctx,
        decl.stmts.iter().filter_map(|s| match s {
            KindStmt::Fact(f) => Some(f),
            _ => None,
        }),
    );
    let kind = Kind {
        name: decl.name.text.clone(),
        title: decl.title.as_ref().map(|t| t.value.clone()),
        formats,
        scopes: listed.is_some().then_some(scopes),
        scopes_text,
        facts,
        span: decl.name.span,
    };
    (kind, spans)
}

/// Whether `name` matches `pattern`, where `*` stands for any text (none included).
pub(crate) fn glob(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else { return pattern == name };
    let Some(mut rest) = name.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The kind a name refers to; `E0307` when none is declared.
pub(crate) fn named(ctx: &mut Ctx, name: &Word) -> Option<usize> {
    if let Some(i) = ctx.kinds.iter().position(|k| k.name == name.text) {
        return Some(i);
    }
    let mut d = Diagnostic::error(codes::UNKNOWN_KIND, name.span, format!("no key kind `{}` is declared", name.text))
        .with_label("unknown kind");
    d = match closest(&name.text, ctx.kinds.iter().map(|k| k.name.as_str())) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!("declare it at the top level: `kind {} \"Title\" {{ scopes any }}`", name.text)),
    };
    ctx.report(d);
    None
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn glob_matches_any_text_for_a_star() {
        assert!(glob("read:*", "read:patients"));
        assert!(glob("read:*", "read:"));
        assert!(!glob("read:*", "write:patients"));
        assert!(glob("*:read", "orders:read"));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(!glob("a*b*c", "aXcYb"));
        assert!(glob("exact", "exact"));
        assert!(!glob("exact", "exact2"));
        assert!(!glob("ab*ba", "aba"));
    }
}
