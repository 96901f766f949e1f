//! Statements to rows: one function per construct, each giving the cells a reader sees.

use super::layout::{Block, Kind, Node, Piece, Row};
use super::text::Src;
use crate::diagnostic::Span;
use crate::syntax::ast::{
    AliasDecl, ApiBlock, ApiStmt, Auth, BodyStmt, BundleDecl, Endpoint, ErrorsBlock, Expectation, Expiry, File,
    ForbidDecl, GroupBlock, Item, KeyFact, KeyFormat, KeysBlock, KindDecl, KindScopes, KindStmt, PolicyBlock,
    PolicyStmt, RateDecl, ScopeDecl, ScopeOption, ScopeSet, TestBlock, TestCase,
};

/// The top-level nodes of a file, in source order.
pub(super) fn file(src: &Src<'_>, file: &File) -> Vec<Node> {
    file.items.iter().map(|item| self::item(src, item)).collect()
}

fn item(src: &Src<'_>, item: &Item) -> Node {
    match item {
        Item::Policy(p) => Node::Block(policy(src, p)),
        Item::Group(g) => Node::Block(group(src, g)),
        Item::Scope(s) => Node::Row(scope(src, s)),
        Item::Alias(a) => Node::Row(alias(src, a)),
        Item::Api(a) => Node::Block(api(src, a)),
        Item::Bundle(b) => Node::Row(bundle(src, b)),
        Item::Forbid(f) => Node::Row(forbid(src, f)),
        Item::Rate(r) => Node::Row(rate(src, r)),
        Item::Kind(k) => Node::Block(kind(src, k)),
        Item::Errors(e) => Node::Block(errors(src, e)),
        Item::Test(t) => Node::Block(test(src, t)),
    }
}

/// A block whose header is `cells` (ending at `head_end`) and whose span is `span`.
fn block(src: &Src<'_>, cells: Vec<String>, span: Span, head_end: usize, body: Vec<Node>) -> Block {
    let open = src.open_brace(head_end);
    Block { head: Row::new(Kind::Alone, cells, Span::new(span.start, open)), body, close: span.end.saturating_sub(1) }
}

/// Nodes ordered by where they start (for blocks whose tree keeps kinds apart).
fn in_order(mut nodes: Vec<Node>) -> Vec<Node> {
    nodes.sort_by_key(Node::start);
    nodes
}

fn note(src: &Src<'_>, t: &crate::syntax::ast::Text) -> Node {
    Node::Row(Row::new(Kind::Alone, vec![format!("note {}", src.text(t))], span_from_keyword(src, t.span, "note")))
}

/// A statement's span from its keyword to the end of `value`, for statements whose tree
/// keeps only the value's span.
fn span_from_keyword(src: &Src<'_>, value: Span, keyword: &str) -> Span {
    Span::new(src.keyword_start(value.start, keyword), value.end)
}

fn policy(src: &Src<'_>, p: &PolicyBlock) -> Block {
    let body = p
        .stmts
        .iter()
        .map(|s| {
            let (kw, rest, span) = match s {
                PolicyStmt::Version(t) => ("version", src.text(t).to_string(), t.span),
                PolicyStmt::Docs(t) => ("docs", src.text(t).to_string(), t.span),
                PolicyStmt::Server(url, desc) => (
                    "server",
                    Src::spaced(&[src.text(url), desc.as_ref().map_or("", |d| src.text(d))]),
                    desc.as_ref().map_or(url.span, |d| url.span.to(d.span)),
                ),
                PolicyStmt::License(name, url, span) => {
                    ("license", Src::spaced(&[src.text(name), url.as_ref().map_or("", |u| src.text(u))]), *span)
                }
                PolicyStmt::Note(t) => ("note", src.text(t).to_string(), t.span),
            };
            Node::Row(Row::new(Kind::Meta, vec![kw.to_string(), rest], span_from_keyword(src, span, kw)))
        })
        .collect();
    block(src, vec![format!("policy {} {{", src.text(&p.title))], p.span, p.title.span.end, body)
}

fn group(src: &Src<'_>, g: &GroupBlock) -> Block {
    let mut body: Vec<Node> = g.scopes.iter().map(|s| Node::Row(scope(src, s))).collect();
    body.extend(g.notes.iter().map(|n| note(src, n)));
    block(src, vec![format!("group {} {{", src.text(&g.name))], g.span, g.name.span.end, in_order(body))
}

fn scope(src: &Src<'_>, s: &ScopeDecl) -> Row {
    let description = s.description.as_ref().map_or("", |d| src.text(d));
    let head_end = s.description.as_ref().map_or(s.access_span.end, |d| d.span.end);
    let mut row = Row::new(
        Kind::Scope,
        vec!["scope".into(), src.scope(&s.name).into(), s.access.as_str().into(), description.into()],
        Span::new(s.span.start, head_end),
    );
    row.tail = s
        .options
        .iter()
        .map(|o| match o {
            ScopeOption::Requires(names, span) => {
                Piece { text: format!("requires {}", src.scopes(names)), span: *span }
            }
            ScopeOption::Implies(names, span) => Piece { text: format!("implies {}", src.scopes(names)), span: *span },
            ScopeOption::Since(t, span) => Piece { text: format!("since {}", src.text(t)), span: *span },
            ScopeOption::Deprecated(d) => Piece {
                text: Src::spaced(&["deprecated", d.reason.as_ref().map_or("", |r| src.text(r))]),
                span: d.span,
            },
        })
        .collect();
    row
}

fn alias(src: &Src<'_>, a: &AliasDecl) -> Row {
    let deprecated = a
        .deprecated
        .as_ref()
        .map_or(String::new(), |d| Src::spaced(&["deprecated", d.reason.as_ref().map_or("", |r| src.text(r))]));
    Row::new(
        Kind::Alias,
        vec!["alias".into(), src.scope(&a.name).into(), format!("= {}", src.scope(&a.target)), deprecated],
        a.span,
    )
}

fn bundle(src: &Src<'_>, b: &BundleDecl) -> Row {
    let description = b.description.as_ref().map_or("", |d| src.text(d));
    Row::new(
        Kind::Bundle,
        vec!["bundle".into(), src.text(&b.name).into(), format!("= {}", src.scopes(&b.scopes)), description.into()],
        b.span,
    )
}

fn forbid(src: &Src<'_>, f: &ForbidDecl) -> Row {
    let head_end = f.resources.last().map_or(f.span.start + "forbid".len(), |w| w.span.end);
    let mut row =
        Row::new(Kind::Alone, vec![format!("forbid {}", src.words(&f.resources))], Span::new(f.span.start, head_end));
    row.tail = f.reason.iter().map(|r| Piece { text: src.text(r).to_string(), span: r.span }).collect();
    row
}

fn rate(src: &Src<'_>, r: &RateDecl) -> Row {
    let mut row =
        Row::new(Kind::Alone, vec![format!("rate {}", src.word(&r.name))], Span::new(r.span.start, r.name.span.end));
    row.tail = r.description.iter().map(|d| Piece { text: src.text(d).to_string(), span: d.span }).collect();
    row
}

fn errors(src: &Src<'_>, e: &ErrorsBlock) -> Block {
    let mut body: Vec<Node> = e
        .bodies
        .iter()
        .map(|b| {
            Node::Row(Row::new(
                Kind::ErrorBody,
                vec![src.of(b.status_span).into(), src.word(&b.code).into(), src.text(&b.message).into()],
                b.span,
            ))
        })
        .collect();
    body.extend(e.traces.iter().map(|t| {
        Node::Row(Row::new(
            Kind::Alone,
            vec![format!("trace {}", src.text(t))],
            span_from_keyword(src, t.span, "trace"),
        ))
    }));
    block(src, vec!["errors {".into()], e.span, e.span.start + "errors".len(), in_order(body))
}

fn api(src: &Src<'_>, a: &ApiBlock) -> Block {
    let body = a.stmts.iter().map(|s| api_stmt(src, s)).collect();
    let title = a.title.as_ref().map_or("", |t| src.text(t));
    let head_end = a.title.as_ref().map_or(a.name.span.end, |t| t.span.end);
    block(src, vec![format!("{} {{", Src::spaced(&["api", src.word(&a.name), title]))], a.span, head_end, body)
}

fn api_stmt(src: &Src<'_>, s: &ApiStmt) -> Node {
    match s {
        ApiStmt::Base(t, span) => Node::Row(Row::new(Kind::Alone, vec![format!("base {}", src.text(t))], *span)),
        ApiStmt::Auth(a) => Node::Row(auth(src, a)),
        ApiStmt::Header(h) => {
            let description = h.description.as_ref().map_or("", |d| src.text(d));
            Node::Row(Row::new(
                Kind::Alone,
                vec![Src::spaced(&[
                    "header",
                    src.text(&h.name),
                    if h.required { "required" } else { "optional" },
                    description,
                ])],
                h.span,
            ))
        }
        ApiStmt::Effective(sets, span) => Node::Row(Row::new(
            Kind::Alone,
            vec![format!("effective {}", sets.iter().map(|w| src.word(w)).collect::<Vec<_>>().join(" & "))],
            *span,
        )),
        ApiStmt::Keys(k) => Node::Block(keys(src, k)),
        ApiStmt::Errors(e) => Node::Block(errors(src, e)),
        ApiStmt::Rate(name, span) => Node::Row(Row::new(Kind::Alone, vec![format!("rate {}", src.word(name))], *span)),
        ApiStmt::Note(t) => note(src, t),
        ApiStmt::Endpoint(e) => endpoint(src, e),
    }
}

fn auth(src: &Src<'_>, a: &Auth) -> Row {
    let legacy = if a.legacy { "legacy" } else { "" };
    let mut row = Row::new(
        Kind::Alone,
        vec![Src::spaced(&["auth", legacy, &src.scheme(&a.scheme)])],
        Span::new(a.span.start, a.scheme_span.end),
    );
    row.tail = a.formats.iter().map(|f| Piece { text: key_format(src, f), span: f.span }).collect();
    if let (Some(first), Some(last)) = (a.kinds.first(), a.kinds.last()) {
        let span = Span::new(src.keyword_start(first.span.start, "kind"), last.span.end);
        row.tail = vec![Piece { text: format!("kind {}", src.words(&a.kinds)), span }];
    }
    row.tail_sep = ",";
    row
}

fn kind(src: &Src<'_>, k: &KindDecl) -> Block {
    let body = k
        .stmts
        .iter()
        .map(|s| match s {
            KindStmt::Format(formats, span) => {
                let text = formats.iter().map(|f| key_format(src, f)).collect::<Vec<_>>().join(", ");
                Node::Row(Row::new(Kind::Alone, vec![format!("format {text}")], *span))
            }
            KindStmt::Scopes(scopes, span) => {
                let text = match scopes {
                    KindScopes::Any => "any".to_string(),
                    KindScopes::Matching(t) => format!("matching {}", src.text(t)),
                    KindScopes::List(names) => src.scopes(names),
                };
                Node::Row(Row::new(Kind::Alone, vec![format!("scopes {text}")], *span))
            }
            KindStmt::Fact(f) => key_fact(src, f),
        })
        .collect();
    let title = k.title.as_ref().map_or("", |t| src.text(t));
    let head_end = k.title.as_ref().map_or(k.name.span.end, |t| t.span.end);
    block(src, vec![format!("{} {{", Src::spaced(&["kind", src.word(&k.name), title]))], k.span, head_end, body)
}

fn key_format(src: &Src<'_>, f: &KeyFormat) -> String {
    let mut parts = vec![format!("prefix {}", src.text(&f.prefix))];
    for l in &f.lengths {
        parts.push(if l.min == l.max { format!("length {}", l.min) } else { format!("length {}..{}", l.min, l.max) });
    }
    for e in &f.envs {
        parts.push(format!("env {}", src.word(e)));
    }
    parts.join(" ")
}

fn keys(src: &Src<'_>, k: &KeysBlock) -> Block {
    let body = k.facts.iter().map(|f| key_fact(src, f)).collect();
    block(src, vec!["keys {".into()], k.span, k.span.start + "keys".len(), body)
}

fn key_fact(src: &Src<'_>, f: &KeyFact) -> Node {
    let (text, span) = match f {
        KeyFact::Kind { name, description, span } => {
            (Src::spaced(&["kind", src.text(name), description.as_ref().map_or("", |d| src.text(d))]), *span)
        }
        KeyFact::Stored(w, span) => (format!("stored {}", src.word(w)), *span),
        KeyFact::ShownOnce(span) => ("shown once".to_string(), *span),
        KeyFact::Rotation(d, span) => (format!("rotation grace {}", src.of(d.span)), *span),
        KeyFact::Expiry(e, span) => {
            let mode = match e {
                Expiry::Optional => "optional",
                Expiry::Required => "required",
                Expiry::None => "none",
            };
            (format!("expiry {mode}"), *span)
        }
        KeyFact::Revocation(d, span) => {
            (format!("revocation {}", d.as_ref().map_or("immediate", |d| src.of(d.span))), *span)
        }
        KeyFact::Audit(t, span) => (format!("audit {}", src.text(t)), *span),
        KeyFact::Note(t) => return note(src, t),
    };
    Node::Row(Row::new(Kind::Alone, vec![text], span))
}

fn endpoint(src: &Src<'_>, e: &Endpoint) -> Node {
    let summary = e.summary.as_ref().map_or("", |s| src.text(s));
    let head_end = e.summary.as_ref().map_or(e.requirement.span().end, |s| s.span.end);
    let mut cells = vec![
        src.word(&e.method).to_string(),
        src.word(&e.path).to_string(),
        format!("requires {}", src.requirement(&e.requirement)),
        summary.to_string(),
    ];
    if e.body.is_empty() {
        // An empty `{}` is dropped; the row's range still covers it.
        return Node::Row(Row::new(Kind::Endpoint, cells, e.span));
    }
    let body = e.body.iter().map(|s| body_stmt(src, s)).collect();
    cells.retain(|c| !c.is_empty());
    let head = format!("{} {{", cells.join(" "));
    Node::Block(block(src, vec![head], e.span, head_end, body))
}

fn body_stmt(src: &Src<'_>, s: &BodyStmt) -> Node {
    let unless =
        |u: &Option<crate::syntax::ast::Expr>| u.as_ref().map_or(String::new(), |e| format!("unless {}", src.expr(e)));
    let (text, span) = match s {
        BodyStmt::Strip(r) => (Src::spaced(&["strip", &src.words(&r.fields), &unless(&r.unless)]), r.span),
        BodyStmt::Mask(r) => (Src::spaced(&["mask", &src.words(&r.fields), &unless(&r.unless)]), r.span),
        BodyStmt::Filter(f) | BodyStmt::Oblige(f) => (
            Src::spaced(&[
                if matches!(s, BodyStmt::Filter(_)) { "filter" } else { "oblige" },
                src.word(&f.name),
                f.description.as_ref().map_or("", |d| src.text(d)),
                &unless(&f.unless),
            ]),
            f.span,
        ),
        BodyStmt::When(w) => {
            let set = w.set.as_ref().map_or(String::new(), |(values, _)| {
                format!(" in ({})", values.iter().map(|v| src.word(v)).collect::<Vec<_>>().join(", "))
            });
            (format!("when {}{set} requires {}", src.of(w.match_span), src.requirement(&w.requirement)), w.span)
        }
        BodyStmt::Query(q) => (
            Src::spaced(&[
                "query",
                src.word(&q.name),
                if q.required { "required" } else { "optional" },
                &q.default.as_ref().map_or(String::new(), |d| format!("default {}", src.word(d))),
                q.description.as_ref().map_or("", |d| src.text(d)),
            ]),
            q.span,
        ),
        BodyStmt::Body(q) => (
            Src::spaced(&[
                "body",
                src.word(&q.name),
                if q.required { "required" } else { "optional" },
                q.description.as_ref().map_or("", |d| src.text(d)),
            ]),
            q.span,
        ),
        BodyStmt::Rate(name, span) => (format!("rate {}", src.word(name)), *span),
        BodyStmt::Note(t) => return note(src, t),
    };
    Node::Row(Row::new(Kind::Alone, vec![text], span))
}

fn test(src: &Src<'_>, t: &TestBlock) -> Block {
    let body = t.cases.iter().map(|c| Node::Row(case(src, c))).collect();
    block(src, vec![format!("test {} {{", src.text(&t.name))], t.span, t.name.span.end, body)
}

fn case(src: &Src<'_>, c: &TestCase) -> Row {
    let mut middle: Vec<String> = Vec::new();
    if let Some(api) = &c.api {
        middle.push(format!("api {}", src.word(api)));
    }
    if let Some(key) = &c.key {
        middle.push(format!("with {}", scope_set(src, key)));
        if let Some(kind) = &c.kind {
            middle.push(format!("kind {}", src.word(kind)));
        }
        if let Some(via) = &c.via {
            middle.push(format!("via {}", src.scheme(via)));
        }
    }
    for (name, set) in &c.grants {
        middle.push(format!("grant {} = {}", src.word(name), scope_set(src, set)));
    }
    for (name, value) in &c.headers {
        middle.push(match value {
            Some(v) => format!("header {} = {}", src.text(name), src.text(v)),
            None => format!("header {}", src.text(name)),
        });
    }
    Row::new(
        Kind::Case,
        vec![
            src.word(&c.method).into(),
            src.text(&c.target).into(),
            middle.join(" "),
            format!("=> {}", expectation(src, &c.expect)),
        ],
        c.span,
    )
}

fn scope_set(src: &Src<'_>, set: &ScopeSet) -> String {
    if set.scopes.is_empty() { "no scopes".to_string() } else { src.scopes(&set.scopes) }
}

fn expectation(src: &Src<'_>, e: &Expectation) -> String {
    match e {
        Expectation::Allow { strip, mask, filter, oblige, .. } => {
            let mut out = "allow".to_string();
            for (kw, list) in [("strip", strip), ("mask", mask), ("filter", filter), ("oblige", oblige)] {
                if !list.is_empty() {
                    out.push_str(&format!(" {kw} {}", src.words(list)));
                }
            }
            out
        }
        Expectation::Deny { missing: None, .. } => "deny".to_string(),
        Expectation::Deny { missing: Some(m), .. } => format!("deny missing {}", src.expr(m)),
        Expectation::Unauthenticated(_) => "unauthenticated".to_string(),
        Expectation::NotFound(_) => "not-found".to_string(),
        Expectation::MethodNotAllowed(_) => "method-not-allowed".to_string(),
        Expectation::Rejected(_) => "rejected".to_string(),
    }
}
