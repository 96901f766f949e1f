//! Path patterns: segments, `{params}`, a trailing `{rest*}`, and api base paths.

use super::ctx::Ctx;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::lang::MAX_PATH_SEGMENTS;
use crate::model::{Pattern, Segment};
use crate::syntax::ast::{Text, Word};

/// Characters a literal segment may hold: RFC 3986 `pchar` without percent-encoding and
/// without `;`, which servers that strip path parameters (Tomcat, Jetty) cut at, and which
/// requests are therefore refused for.
pub fn is_literal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,=:@".contains(c)
}

/// Validates an api's `base` and returns its segments: literals and `{param}`s
/// (`/admin/api/{version}`), no catch-all.
pub(crate) fn base(ctx: &mut Ctx, text: &Text) -> Option<Vec<Segment>> {
    let v = &text.value;
    let bad = |ctx: &mut Ctx, msg: String, help: &str| {
        ctx.report(
            Diagnostic::error(codes::INVALID_BASE, text.span, msg).with_label("this base").with_help(help.to_string()),
        );
        None
    };
    if !v.starts_with('/') {
        return bad(ctx, format!("base path `{v}` does not start with `/`"), "write it as `/v1`");
    }
    if v.len() > 1 && v.ends_with('/') {
        return bad(
            ctx,
            format!("base path `{v}` ends with `/`"),
            "drop the final slash: endpoint paths start with one",
        );
    }
    if v == "/" {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for seg in v[1..].split('/') {
        let param = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')).filter(|n| is_param_name(n));
        if let Some(name) = param {
            if out.iter().any(|s| matches!(s, Segment::Param(n) if n == name)) {
                return bad(
                    ctx,
                    format!("base path `{v}` names parameter `{name}` twice"),
                    "give each parameter its own name",
                );
            }
            out.push(Segment::Param(name.to_string()));
            continue;
        }
        if seg.is_empty() || seg == "." || seg == ".." || !seg.chars().all(is_literal_char) {
            return bad(
                ctx,
                format!("base path `{v}` has an invalid segment `{seg}`"),
                "a base is segments of letters, digits and `-._~!$&'()*+,=:@`, or whole `{param}` segments, such as `/api/public/v1` or `/ex/jira/{cloudid}`",
            );
        }
        out.push(Segment::Literal(seg.to_string()));
    }
    Some(out)
}

/// Validates an endpoint path and returns the full pattern under `base`.
pub(crate) fn pattern(ctx: &mut Ctx, path: &Word, base: &[Segment]) -> Option<Pattern> {
    let text = &path.text;
    let mut segments: Vec<Segment> = base.to_vec();
    if text == "/" {
        return Some(Pattern { segments, trailing_slash: !base.is_empty() });
    }
    let at = |start: usize, len: usize| Span::new(path.span.start + start, path.span.start + start + len);
    let mut ok = true;
    let mut trailing_slash = false;
    // The base's parameters count: a path may not reuse their names.
    let mut params: Vec<(String, Span)> = base
        .iter()
        .filter_map(|s| match s {
            Segment::Param(n) => Some((n.clone(), Span::new(path.span.start, path.span.start))),
            _ => None,
        })
        .collect();
    let pieces: Vec<(usize, &str)> = split_with_offsets(text);
    let count = pieces.len();
    for (i, (offset, seg)) in pieces.into_iter().enumerate() {
        let span = at(offset, seg.len().max(1));
        if seg.is_empty() {
            if i + 1 == count {
                trailing_slash = true;
                continue;
            }
            ctx.report(
                Diagnostic::error(codes::INVALID_PATH, at(offset.saturating_sub(1), 2), "path has an empty segment")
                    .with_label("`//` here")
                    .with_help("remove one of the slashes"),
            );
            ok = false;
            continue;
        }
        match segment(ctx, seg, span, at, offset) {
            Some(s) => {
                if let Segment::Param(n) | Segment::CatchAll(n) = &s {
                    if let Some((_, first)) = params.iter().find(|(p, _)| p == n) {
                        let d = Diagnostic::error(
                            codes::DUPLICATE_PARAM,
                            span,
                            format!("parameter `{n}` appears twice in the path"),
                        )
                        .with_label("second use");
                        // A base parameter has no span in the path (an empty one).
                        let d = if first.start == first.end {
                            d.with_help(format!("the api's base already names `{{{n}}}`: give this one another name"))
                        } else {
                            d.with_secondary(*first, "first use").with_help("give each parameter its own name")
                        };
                        ctx.report(d);
                        ok = false;
                    }
                    params.push((n.clone(), span));
                }
                segments.push(s);
            }
            None => ok = false,
        }
    }
    // A catch-all must be the last segment and cannot be followed by a slash.
    let last = segments.len().saturating_sub(1);
    for (i, s) in segments.iter().enumerate() {
        if let Segment::CatchAll(n) = s
            && (i != last || trailing_slash)
        {
            ctx.report(
                Diagnostic::error(
                    codes::MALFORMED_PARAM,
                    path.span,
                    format!("catch-all `{{{n}*}}` is not the last segment"),
                )
                .with_label("in this path")
                .with_help("a `{name*}` captures the rest of the path, so nothing may follow it"),
            );
            ok = false;
        }
    }
    if segments.len() > MAX_PATH_SEGMENTS {
        ctx.report(
            Diagnostic::error(
                codes::PATH_TOO_DEEP,
                path.span,
                format!("path has {} segments, more than {MAX_PATH_SEGMENTS}", segments.len()),
            )
            .with_label("too deep")
            .with_help(format!(
                "a path pattern may have at most {MAX_PATH_SEGMENTS} segments, the api's base included, so that routing uses bounded stack"
            )),
        );
        ok = false;
    }
    ok.then_some(Pattern { segments, trailing_slash })
}

/// The `/`-separated pieces after the leading slash, with their byte offsets in `text`.
fn split_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 1;
    for seg in text.get(1..).unwrap_or("").split('/') {
        out.push((offset, seg));
        offset += seg.len() + 1;
    }
    out
}

/// One non-empty segment.
fn segment(ctx: &mut Ctx, seg: &str, span: Span, at: impl Fn(usize, usize) -> Span, offset: usize) -> Option<Segment> {
    if let Some(inner) = seg.strip_prefix('{') {
        let Some(inner) = inner.strip_suffix('}') else {
            return malformed(ctx, span, format!("parameter `{seg}` is not closed"), "write it as `{name}`");
        };
        let (name, catch_all) = match inner.strip_suffix('*') {
            Some(n) => (n, true),
            None => (inner, false),
        };
        if !is_param_name(name) {
            return malformed(
                ctx,
                span,
                format!("parameter name `{name}` is not a valid name"),
                "parameter names are ASCII letters, digits, `_` and `-`, starting with a letter or `_` (`{item-id}`)",
            );
        }
        return Some(if catch_all { Segment::CatchAll(name.to_string()) } else { Segment::Param(name.to_string()) });
    }
    if seg.contains('{') || seg.contains('}') {
        return malformed(
            ctx,
            span,
            format!("segment `{seg}` mixes text and a parameter"),
            "a parameter must be a whole segment: `/files/{name}`, not `/files/{name}.json`",
        );
    }
    if seg == "." || seg == ".." {
        ctx.report(
            Diagnostic::error(codes::INVALID_PATH, span, format!("path has a `{seg}` segment"))
                .with_label("dot segment")
                .with_help("dot segments are never matched; write the path without them"),
        );
        return None;
    }
    if let Some((i, c)) = seg.char_indices().find(|(_, c)| !is_literal_char(*c)) {
        let help = match c {
            '?' => "query conditions go in the endpoint body: `when ?flag=true requires …` or `query name required`",
            '%' => "write the character itself; percent-encoding is not allowed in patterns",
            ';' => {
                "servers that strip `;` path parameters route such paths elsewhere, so requests with `;` are refused"
            }
            _ => "literal segments hold letters, digits and `-._~!$&'()*+,=:@`",
        };
        ctx.report(
            Diagnostic::error(
                codes::INVALID_PATH,
                at(offset + i, c.len_utf8()),
                format!("illegal character `{}` in path", c.escape_default()),
            )
            .with_label("not allowed in a path segment")
            .with_help(help),
        );
        return None;
    }
    Some(Segment::Literal(seg.to_string()))
}

/// A parameter name: ASCII letters, digits, `_` and `-` (`{item-id}`, as Microsoft Graph
/// and others write them), starting with a letter or `_`. Names reach only the docs, the
/// OpenAPI `parameters` (where any name is valid) and operation ids (where every other
/// character becomes `_`), never a Rust identifier.
fn is_param_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn malformed(ctx: &mut Ctx, span: Span, message: String, help: &str) -> Option<Segment> {
    ctx.report(
        Diagnostic::error(codes::MALFORMED_PARAM, span, message)
            .with_label("malformed parameter")
            .with_help(help.to_string()),
    );
    None
}
