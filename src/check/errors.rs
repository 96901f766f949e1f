//! `errors { … }` blocks: statuses, codes and message placeholders.

use super::ctx::{Ctx, Once};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::model::template::{Piece, pieces};
use crate::model::{ErrorBodies, ErrorBody};
use crate::syntax::ast::{ErrorsBlock, File, Item};

/// The statuses scopec decides, and the placeholders each may use.
const STATUSES: &[(u16, &[&str])] = &[
    (400, &["method", "path", "reason"]),
    (401, &["method", "path"]),
    (403, &["method", "path", "required", "missing"]),
    (404, &["method", "path"]),
    (405, &["method", "path", "allowed"]),
];

/// The bodies used when a policy declares none for a status.
pub fn defaults() -> ErrorBodies {
    let body = |code: &str, message: &str| ErrorBody { code: code.into(), message: message.into() };
    let mut e = ErrorBodies::default();
    e.bodies.insert(400, body("bad_request", "Malformed request target: {reason}"));
    e.bodies.insert(401, body("unauthorized", "Missing or invalid API key"));
    e.bodies.insert(403, body("forbidden", "Insufficient scope. Required: {required}"));
    e.bodies.insert(404, body("not_found", "No such endpoint"));
    e.bodies.insert(405, body("method_not_allowed", "Method not allowed. Allowed: {allowed}"));
    e
}

/// The file-level `errors` block, if any, over the defaults.
pub(crate) fn policy_errors(ctx: &mut Ctx, file: &File) -> ErrorBodies {
    let mut once = Once::new("errors");
    let mut out = defaults();
    for item in &file.items {
        if let Item::Errors(block) = item
            && once.first(ctx, block.span)
        {
            overlay(&mut out, errors_block(ctx, block));
        }
    }
    out
}

/// Lays `top` over `base`: statuses `top` declares replace those of `base`.
pub(crate) fn overlay(base: &mut ErrorBodies, top: ErrorBodies) {
    base.bodies.extend(top.bodies);
    if top.trace.is_some() {
        base.trace = top.trace;
    }
}

/// Validates one `errors` block.
pub(crate) fn errors_block(ctx: &mut Ctx, block: &ErrorsBlock) -> ErrorBodies {
    let mut out = ErrorBodies::default();
    let mut seen: Vec<(u16, crate::diagnostic::Span)> = Vec::new();
    for body in &block.bodies {
        let Some((_, allowed)) = STATUSES.iter().find(|(s, _)| *s == body.status) else {
            ctx.report(
                Diagnostic::error(
                    codes::ERROR_STATUS,
                    body.status_span,
                    format!("scopec never sends status `{}`", body.status),
                )
                .with_label("not a status scopec decides")
                .with_help("declare bodies for 400, 401, 403, 404 or 405"),
            );
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == body.status) {
            ctx.duplicate_setting(&format!("{} body", body.status), *first, body.status_span);
            continue;
        }
        seen.push((body.status, body.status_span));
        check_placeholders(ctx, body, allowed);
        out.bodies.insert(body.status, ErrorBody { code: body.code.text.clone(), message: body.message.value.clone() });
    }
    let mut trace = Once::new("trace");
    for t in &block.traces {
        if trace.first(ctx, t.span) {
            out.trace = Some(t.value.clone());
        }
    }
    out
}

fn check_placeholders(ctx: &mut Ctx, body: &crate::syntax::ast::ErrorBody, allowed: &[&str]) {
    let msg = &body.message;
    match pieces(&msg.value) {
        Err((start, end)) => ctx.report(
            Diagnostic::error(
                codes::UNKNOWN_PLACEHOLDER,
                msg.sub_span(start, end),
                "unbalanced brace in error message",
            )
            .with_label("no matching brace")
            .with_help("write `{{` or `}}` for a literal brace"),
        ),
        Ok(ps) => {
            for p in ps {
                let Piece::Var(name, start, end) = p else { continue };
                if allowed.contains(&name) {
                    continue;
                }
                let list = allowed.iter().map(|a| format!("`{{{a}}}`")).collect::<Vec<_>>().join(", ");
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_PLACEHOLDER,
                    msg.sub_span(start, end),
                    format!("unknown placeholder `{{{name}}}` in a {} body", body.status),
                )
                .with_label("not filled in for this status")
                .with_note(format!("{} bodies may use {list}", body.status));
                if let Some(best) = crate::diagnostic::suggest::closest(name, allowed.iter().copied()) {
                    d = d.with_help(format!("did you mean `{{{best}}}`?"));
                }
                ctx.report(d);
            }
        }
    }
}
