//! `api` blocks: base, auth schemes and key formats, headers, grant sets, key facts, errors.

use rustc_hash::FxHashMap as HashMap;

use super::ctx::{Ctx, Once};
use super::duplicate::declared_twice;
use super::{endpoints, errors, kinds, paths, rates};
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{
    Api, ApiId, AuthScheme, Endpoint, EndpointId, ErrorBodies, Header, IdVec, KEY_SET, KeyFacts, KeyFormat, RouteTree,
    SchemeKind,
};
use crate::syntax::ast::{self, ApiBlock, ApiStmt, File, Item, KeyFact, Scheme};

/// Resolves every api and its endpoints, building the shared route tree.
pub(crate) fn apis(
    ctx: &mut Ctx,
    file: &File,
    policy_errors: &ErrorBodies,
    routes: &mut RouteTree,
) -> (IdVec<ApiId, Api>, IdVec<EndpointId, Endpoint>) {
    let mut apis = IdVec::new();
    let mut endpoints = IdVec::new();
    let mut names: HashMap<&str, Span> = HashMap::default();
    for item in &file.items {
        let Item::Api(block) = item else { continue };
        if let Some(first) = names.get(block.name.text.as_str()) {
            ctx.report(declared_twice(
                codes::DUPLICATE_API,
                format!("api `{}`", block.name.text),
                block.name.span,
                *first,
                "give each api its own name, or merge the two blocks",
            ));
            continue;
        }
        names.insert(block.name.text.as_str(), block.name.span);
        let api = api(ctx, block, policy_errors, apis.next_id(), routes, &mut endpoints);
        apis.push(api);
    }
    (apis, endpoints)
}

fn api(
    ctx: &mut Ctx,
    block: &ApiBlock,
    policy_errors: &ErrorBodies,
    id: ApiId,
    routes: &mut RouteTree,
    endpoints: &mut IdVec<EndpointId, Endpoint>,
) -> Api {
    let mut api = Api {
        name: block.name.text.clone(),
        title: block.title.as_ref().map(|t| t.value.clone()),
        base: String::new(),
        auth: Vec::new(),
        headers: Vec::new(),
        effective: vec![KEY_SET.into()],
        keys: KeyFacts::default(),
        errors: policy_errors.clone(),
        notes: Vec::new(),
        endpoints: Vec::new(),
        rate: None,
        span: block.span,
    };
    let (mut base_once, mut effective_once, mut keys_once, mut errors_once) =
        (Once::new("base"), Once::new("effective"), Once::new("keys"), Once::new("errors"));
    let mut rate_once = Once::new("rate");
    let mut base_segments = Vec::new();
    let mut prefixes: Prefixes = Vec::new();
    let mut schemes: Vec<(SchemeKind, Span)> = Vec::new();
    // Settings first: endpoints need the base wherever it is written.
    for stmt in &block.stmts {
        match stmt {
            ApiStmt::Base(text, span) => {
                if base_once.first(ctx, *span)
                    && let Some(segs) = paths::base(ctx, text)
                {
                    api.base = if segs.is_empty() { String::new() } else { text.value.clone() };
                    base_segments = segs;
                }
            }
            ApiStmt::Auth(auth) => {
                let scheme = auth_scheme(ctx, auth, &mut prefixes);
                // One line per scheme: keys of several kinds are `kind a, b` on it.
                match schemes.iter().find(|(k, _)| k.same_place(&scheme.kind)) {
                    Some((_, first)) => ctx.report(
                        Diagnostic::error(
                            codes::DUPLICATE_SETTING,
                            auth.scheme_span,
                            format!("`auth {}` is set twice", scheme.kind.text()),
                        )
                        .with_label("set again here")
                        .with_secondary(*first, "first set here")
                        .with_help("keep one line per scheme; a scheme taking several kinds says `kind a, b`"),
                    ),
                    None => {
                        schemes.push((scheme.kind.clone(), auth.scheme_span));
                        api.auth.push(scheme);
                    }
                }
            }
            ApiStmt::Header(h) => api.headers.push(Header {
                name: h.name.value.clone(),
                required: h.required,
                description: h.description.as_ref().map(|d| d.value.clone()),
            }),
            ApiStmt::Effective(sets, span) => {
                if effective_once.first(ctx, *span) {
                    api.effective = effective(ctx, sets, *span);
                }
            }
            ApiStmt::Keys(k) => {
                if keys_once.first(ctx, k.span) {
                    api.keys = key_facts(ctx, k);
                }
            }
            ApiStmt::Errors(e) => {
                if errors_once.first(ctx, e.span) {
                    errors::overlay(&mut api.errors, errors::errors_block(ctx, e));
                }
            }
            ApiStmt::Rate(name, span) => {
                if let Some(r) = rates::assign(ctx, &mut rate_once, name, *span) {
                    api.rate = Some(r);
                }
            }
            ApiStmt::Note(n) => api.notes.push(n.value.clone()),
            ApiStmt::Endpoint(_) => {}
        }
    }
    for stmt in &block.stmts {
        if let ApiStmt::Endpoint(e) = stmt
            && let Some(mut ep) = endpoints::endpoint(ctx, e, id, &base_segments, routes, endpoints)
        {
            ep.rate = ep.rate.or(api.rate);
            api.endpoints.push(endpoints.push(ep));
        }
    }
    kinds_accepted(ctx, &api, endpoints);
    let needs_key = api.endpoints.iter().any(|e| endpoints.get(*e).is_some_and(|e| !e.requirement.anonymous));
    if api.auth.is_empty() && needs_key {
        ctx.report(
            Diagnostic::error(
                codes::NO_AUTH,
                block.name.span,
                format!("api `{}` has endpoints that need a key but no `auth`", api.name),
            )
            .with_label("no auth scheme")
            .with_help("say how the key travels: `auth bearer` or `auth header \"X-API-Key\"`"),
        );
    }
    api
}

/// `E0310`: an endpoint's requirement (or a `when`'s) names a kind that no scheme of the
/// api accepts, so its alternative can never be met.
fn kinds_accepted(ctx: &mut Ctx, api: &Api, endpoints: &IdVec<EndpointId, Endpoint>) {
    let Some(accepted) = api.accepted_kinds() else { return };
    for e in api.endpoints.iter().filter_map(|e| endpoints.get(*e)) {
        let requirements = std::iter::once((&e.requirement, e.requirement_span))
            .chain(e.whens.iter().map(|w| (&w.requirement, w.span)));
        for (req, span) in requirements {
            for (k, _) in &req.by_kind {
                if accepted.contains(k) {
                    continue;
                }
                let name = ctx.kinds.get(*k).map_or("?", |k| k.name.as_str()).to_string();
                ctx.report(
                    Diagnostic::error(
                        codes::KIND_NOT_ACCEPTED,
                        span,
                        format!("api `{}` accepts no key of kind `{name}`", api.name),
                    )
                    .with_label(format!("an alternative for `{name}` keys only"))
                    .with_help(format!("add `kind {name}` to one of the api's `auth` lines, or drop the alternative")),
                );
            }
        }
    }
}

fn auth_scheme(ctx: &mut Ctx, auth: &ast::Auth, prefixes: &mut Prefixes) -> AuthScheme {
    let kind = match &auth.scheme {
        Scheme::Bearer => SchemeKind::Bearer,
        Scheme::Header(h) => SchemeKind::Header(h.value.clone()),
        Scheme::Query(q) => SchemeKind::Query(q.value.clone()),
    };
    let mut formats: Vec<KeyFormat> = auth.formats.iter().filter_map(|f| key_format(ctx, f, prefixes, None)).collect();
    let mut kinds = Vec::new();
    for name in &auth.kinds {
        let Some(k) = kinds::named(ctx, name) else { continue };
        if kinds.contains(&k) {
            continue;
        }
        kinds.push(k);
        let declared: Vec<(KeyFormat, Span)> = ctx
            .kinds
            .get(k)
            .map(|d| d.formats.iter().cloned().zip(ctx.kind_format_spans[k].clone()).collect())
            .unwrap_or_default();
        for (f, span) in declared {
            if overlaps(ctx, &f.prefix, span, Some(k), prefixes) {
                formats.push(f);
            }
        }
    }
    AuthScheme { legacy: auth.legacy, kind, formats, kinds }
}

/// The prefixes declared so far in one api (or one kind), each with the kind it belongs to.
pub(crate) type Prefixes = Vec<(String, Span, Option<usize>)>;

/// Reports `prefix` when it overlaps a prefix of `prefixes` of another kind (a kind's own
/// format, accepted by two schemes, is one format), then remembers it. False on overlap.
pub(crate) fn overlaps(ctx: &mut Ctx, prefix: &str, span: Span, kind: Option<usize>, prefixes: &mut Prefixes) -> bool {
    let mut ok = true;
    for (other, other_span, other_kind) in prefixes.iter() {
        if kind.is_some() && *other_kind == kind {
            continue;
        }
        if other.starts_with(prefix) || prefix.starts_with(other.as_str()) {
            ctx.report(
                Diagnostic::error(codes::KEY_FORMAT, span, format!("key prefix `{prefix}` overlaps prefix `{other}`"))
                    .with_label("a key could match both")
                    .with_secondary(*other_span, "the other prefix")
                    .with_help(
                        "each environment needs a prefix that no other prefix starts with; to take the same keys by \
                         two schemes, declare a `kind` and write `auth … kind NAME` on both",
                    ),
            );
            ok = false;
        }
    }
    prefixes.push((prefix.to_string(), span, kind));
    ok
}

/// Validates `prefix "…" length N env E` (of `kind`, when a kind declares it).
pub(crate) fn key_format(
    ctx: &mut Ctx,
    f: &ast::KeyFormat,
    prefixes: &mut Prefixes,
    kind: Option<usize>,
) -> Option<KeyFormat> {
    let bad = |ctx: &mut Ctx, span: Span, msg: String, help: &str| {
        ctx.report(
            Diagnostic::error(codes::KEY_FORMAT, span, msg)
                .with_label("in this key format")
                .with_help(help.to_string()),
        );
    };
    let prefix = &f.prefix.value;
    let mut ok = true;
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_graphic()) {
        bad(
            ctx,
            f.prefix.span,
            format!("key prefix `{}` is empty or has spaces or non-ASCII characters", prefix.escape_default()),
            "a prefix is printable ASCII, such as `pm_live_`",
        );
        ok = false;
    }
    if !overlaps(ctx, prefix, f.prefix.span, kind, prefixes) {
        ok = false;
    }
    if f.lengths.len() > 1 {
        bad(ctx, f.lengths[1].span, "key format sets `length` twice".into(), "keep one `length`");
        ok = false;
    }
    if f.envs.len() > 1 {
        bad(
            ctx,
            f.envs[1].span,
            "key format sets `env` twice".into(),
            "keep one `env`; declare another `prefix` for another environment",
        );
        ok = false;
    }
    let length = f.lengths.first().map(|l| (l.min, l.max, l.span));
    if let Some((min, max, span)) = length {
        let prefix_len = u32::try_from(prefix.len()).unwrap_or(u32::MAX);
        if min > max {
            bad(ctx, span, format!("key length range `{min}..{max}` is empty"), "write the smaller bound first");
            ok = false;
        } else if max <= prefix_len {
            bad(
                ctx,
                span,
                format!("key length {max} leaves no room after the {prefix_len}-character prefix"),
                "the length counts the whole key, prefix included",
            );
            ok = false;
        }
    }
    ok.then(|| KeyFormat {
        prefix: prefix.clone(),
        length: length.map(|(min, max, _)| (min, max)),
        env: f.envs.first().map(|e| e.text.clone()),
        kind,
    })
}

/// `effective key & installation`: names must be distinct and include `key`.
fn effective(ctx: &mut Ctx, sets: &[ast::Word], span: Span) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sets {
        if out.contains(&s.text) {
            ctx.report(
                Diagnostic::error(codes::GRANT_SET, s.span, format!("grant set `{}` is named twice", s.text))
                    .with_label("repeated")
                    .with_help("intersecting a set with itself changes nothing; remove it"),
            );
        } else {
            out.push(s.text.clone());
        }
    }
    if !out.iter().any(|s| s == KEY_SET) {
        ctx.report(
            Diagnostic::error(codes::GRANT_SET, span, "`effective` does not include `key`")
                .with_label("the key's own scopes are missing")
                .with_help("write `effective key & installation`: the key's scopes are always one of the sets"),
        );
    }
    out
}

fn key_facts(ctx: &mut Ctx, block: &ast::KeysBlock) -> KeyFacts {
    facts(ctx, &block.facts)
}

/// Lifecycle facts, each once (`kind` lines only in `keys` blocks).
pub(crate) fn facts<'a>(ctx: &mut Ctx, list: impl IntoIterator<Item = &'a KeyFact>) -> KeyFacts {
    let mut k = KeyFacts::default();
    let mut once: HashMap<&'static str, Once> = HashMap::default();
    let mut first = |ctx: &mut Ctx, what: &'static str, span: Span| {
        once.entry(what).or_insert_with(|| Once::new(what)).first(ctx, span)
    };
    for fact in list {
        match fact {
            KeyFact::Kind { name, description, .. } => {
                k.kinds.push((name.value.clone(), description.as_ref().map(|d| d.value.clone())));
            }
            KeyFact::Stored(w, span) => {
                if first(ctx, "stored", *span) {
                    k.stored = Some(w.text.clone());
                }
            }
            KeyFact::ShownOnce(span) => {
                if first(ctx, "shown", *span) {
                    k.shown_once = true;
                }
            }
            KeyFact::Rotation(d, span) => {
                if first(ctx, "rotation", *span) {
                    k.rotation_grace = Some((d.text.clone(), d.seconds));
                }
            }
            KeyFact::Expiry(e, span) => {
                if first(ctx, "expiry", *span) {
                    k.expiry = Some(*e);
                }
            }
            KeyFact::Revocation(d, span) => {
                if first(ctx, "revocation", *span) {
                    k.revocation = Some(d.as_ref().map(|d| (d.text.clone(), d.seconds)));
                }
            }
            KeyFact::Audit(t, span) => {
                if first(ctx, "audit", *span) {
                    k.audit = Some(t.value.clone());
                }
            }
            KeyFact::Note(t) => k.notes.push(t.value.clone()),
        }
    }
    k
}
