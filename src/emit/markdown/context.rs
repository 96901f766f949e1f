//! The data the Markdown templates see: the model, flattened into facts ready to print.
//! Every field is documented in `docs/markdown.md` for template authors.

use serde_json::{Map, Value};

use crate::model::{Api, Dnf, Endpoint, Expiry, IdVec, Model, RuleKind, SchemeKind, ScopeId, When};

/// The page's data as JSON, the form handlebars reads: every string is moved into the
/// tree, not copied (the data is the size of the policy).
pub trait IntoJson {
    fn into_json(self) -> Value;
}

impl IntoJson for String {
    fn into_json(self) -> Value {
        Value::String(self)
    }
}

impl IntoJson for bool {
    fn into_json(self) -> Value {
        Value::Bool(self)
    }
}

impl IntoJson for usize {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

impl IntoJson for u16 {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

impl<T: IntoJson> IntoJson for Option<T> {
    fn into_json(self) -> Value {
        self.map_or(Value::Null, IntoJson::into_json)
    }
}

impl<T: IntoJson> IntoJson for Vec<T> {
    fn into_json(self) -> Value {
        Value::Array(self.into_iter().map(IntoJson::into_json).collect())
    }
}

/// Declares the data's structs and their JSON form: an object with one key per field, in
/// declaration order, named as the field.
macro_rules! json_structs {
    ($($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* })*) => {
        $(
            $(#[$meta])*
            pub struct $name { $($(#[$fmeta])* pub $field: $ty,)* }

            impl IntoJson for $name {
                fn into_json(self) -> Value {
                    let mut object = Map::new();
                    $(object.insert(stringify!($field).to_string(), self.$field.into_json());)*
                    Value::Object(object)
                }
            }
        )*
    };
}

json_structs! {
    pub struct PolicyDoc {
        pub title: String,
        pub version: Option<String>,
        pub docs: Option<String>,
        pub notes: Vec<String>,
        pub scope_count: usize,
        pub endpoint_count: usize,
        /// Sentences on how scopes, aliases, `implies` and grant intersection work here.
        pub how_it_works: Vec<String>,
        pub apis: Vec<ApiDoc>,
        pub groups: Vec<GroupDoc>,
        pub data_rules: Vec<RuleDoc>,
        /// Obligations (`oblige`): what the handler checks against the resource.
        pub obligations: Vec<RuleDoc>,
        pub conditions: Vec<ConditionDoc>,
        /// Apis sharing the same error bodies are listed together.
        pub error_sets: Vec<ErrorSetDoc>,
        pub bundles: Vec<BundleDoc>,
        pub forbidden: Vec<ForbidDoc>,
        /// Rate-limit tiers, with how many endpoints have each.
        pub rate_tiers: Vec<RateDoc>,
    }

    pub struct RateDoc {
        pub name: String,
        pub description: String,
        pub endpoints: usize,
    }

    pub struct ApiDoc {
        pub name: String,
        pub title: String,
        pub base: String,
        pub notes: Vec<String>,
        pub schemes: Vec<SchemeDoc>,
        pub formats: Vec<FormatDoc>,
        pub headers: Vec<HeaderDoc>,
        pub optional_headers: Vec<HeaderDoc>,
        /// `key ∩ installation`, when the api intersects grant sets.
        pub effective: Option<String>,
        pub key_facts: Vec<String>,
        pub key_kinds: Vec<KindDoc>,
        pub endpoints: Vec<EndpointDoc>,
    }

    pub struct SchemeDoc {
        /// `Authorization: Bearer <key>` or `X-API-Key: <key>` or `?api_key=<key>`.
        pub how: String,
        pub legacy: bool,
    }

    pub struct FormatDoc {
        pub env: String,
        pub prefix: String,
        pub length: String,
        pub example: String,
    }

    pub struct HeaderDoc {
        pub name: String,
        pub description: String,
    }

    pub struct KindDoc {
        pub name: String,
        pub description: String,
    }

    pub struct EndpointDoc {
        pub method: String,
        pub path: String,
        pub requires: String,
        pub summary: String,
        /// Conditions, data rules and query parameters, as sentences.
        pub details: Vec<String>,
    }

    pub struct GroupDoc {
        pub name: String,
        pub notes: Vec<String>,
        pub scopes: Vec<ScopeDoc>,
    }

    pub struct ScopeDoc {
        pub name: String,
        pub access: String,
        pub description: String,
        pub endpoints: Vec<String>,
        /// Legacy names, dependencies, implications, introduction, deprecation: sentences.
        pub remarks: Vec<String>,
    }

    pub struct RuleDoc {
        pub endpoint: String,
        pub kind: String,
        pub sentence: String,
    }

    pub struct ConditionDoc {
        pub endpoint: String,
        pub sentence: String,
    }

    pub struct ErrorSetDoc {
        pub apis: String,
        pub errors: Vec<ErrorDoc>,
    }

    pub struct ErrorDoc {
        pub status: u16,
        pub meaning: String,
        pub code: String,
        pub message: String,
        /// A JSON body as the api sends it, placeholders filled with an example.
        pub example: String,
    }

    pub struct BundleDoc {
        pub name: String,
        pub scopes: Vec<String>,
        pub description: String,
    }

    pub struct ForbidDoc {
        pub resources: Vec<String>,
        pub reason: String,
    }
}

fn code(s: &str) -> String {
    format!("`{s}`")
}

fn names(model: &Model, ids: &[ScopeId]) -> Vec<String> {
    ids.iter().map(|s| code(model.scope_name(*s))).collect()
}

/// "`a` and `b`", "`a`, `b` or `c`".
fn join(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

/// A DNF in words: "`a` and `b`, or `c`".
fn dnf_words(model: &Model, dnf: &Dnf) -> String {
    let alts: Vec<String> = dnf.iter().map(|t| join(&names(model, t), "and")).collect();
    if alts.len() > 1 && dnf.iter().any(|t| t.len() > 1) { alts.join("; or ") } else { join(&alts, "or") }
}

/// A requirement's alternatives in words; one open to a single kind of key says so
/// (`` `chat:write` with a Bot token ``).
fn req_words(model: &Model, req: &crate::model::Requirement) -> String {
    if req.by_kind.is_empty() {
        return dnf_words(model, &req.dnf);
    }
    let alts: Vec<String> = req
        .alternatives()
        .into_iter()
        .map(|(kind, t)| {
            let scopes = join(&names(model, t), "and");
            match kind.and_then(|k| model.kinds.get(k)) {
                None => scopes,
                Some(k) => {
                    let what = k.title.clone().unwrap_or_else(|| format!("`{}` key", k.name));
                    if t.is_empty() { format!("any {what}") } else { format!("{scopes} with a {what}") }
                }
            }
        })
        .collect();
    if alts.len() > 1 { alts.join("; or ") } else { join(&alts, "or") }
}

fn requirement_words(model: &Model, e: &Endpoint) -> String {
    if e.requirement.anonymous {
        "public (no key)".into()
    } else if e.requirement.dnf.iter().any(|t| t.is_empty()) {
        "any valid key".into()
    } else {
        req_words(model, &e.requirement)
    }
}

fn endpoint_label(e: &Endpoint) -> String {
    code(&format!("{} {}", e.method, e.pattern))
}

/// Builds the template data.
pub fn build(model: &Model) -> PolicyDoc {
    PolicyDoc {
        title: model.meta.title.clone(),
        version: model.meta.version.clone(),
        docs: model.meta.docs.clone(),
        notes: model.meta.notes.clone(),
        scope_count: model.scopes.len(),
        endpoint_count: model.endpoints.len(),
        how_it_works: how_it_works(model),
        apis: model.apis.iter().map(|a| api(model, a)).collect(),
        groups: groups(model),
        data_rules: data_rules(model, false),
        obligations: data_rules(model, true),
        conditions: conditions(model),
        error_sets: error_sets(model),
        bundles: model
            .bundles
            .iter()
            .map(|b| BundleDoc {
                name: b.name.clone(),
                scopes: names(model, &b.scopes),
                description: b.description.clone().unwrap_or_default(),
            })
            .collect(),
        forbidden: model
            .forbids
            .iter()
            .map(|f| ForbidDoc {
                resources: f.resources.iter().map(|r| r.replace('_', " ")).collect(),
                reason: f.reason.clone().unwrap_or_default(),
            })
            .collect(),
        rate_tiers: rate_tiers(model),
    }
}

/// Each tier and its number of endpoints (one pass over the endpoints).
fn rate_tiers(model: &Model) -> Vec<RateDoc> {
    let mut counts = vec![0; model.rates.len()];
    for r in model.endpoints.iter().filter_map(|e| e.rate) {
        if let Some(c) = counts.get_mut(r) {
            *c += 1;
        }
    }
    model
        .rates
        .iter()
        .zip(counts)
        .map(|(r, endpoints)| RateDoc {
            name: r.name.clone(),
            description: r.description.clone().unwrap_or_default(),
            endpoints,
        })
        .collect()
}

fn how_it_works(model: &Model) -> Vec<String> {
    let mut out = vec![
        "Every API key carries a set of scopes. Each endpoint requires a scope (or one of several); \
         a request whose key lacks it is refused with `403`, and a request without a valid key with `401`."
            .to_string(),
    ];
    for api in model.apis.iter().filter(|a| a.effective.len() > 1) {
        let others: Vec<String> = api.grant_sets().map(code).collect();
        let which = api.title.clone().unwrap_or_else(|| format!("`{}` api", api.name));
        out.push(format!(
            "On the {which}, a request's effective scopes are the intersection of the key's scopes and the {} grants: \
             a scope counts only when both grant it, under the same name.",
            join(&others, "and")
        ));
    }
    if !model.aliases.is_empty() {
        out.push("Some scopes have legacy names (aliases): a key holding the legacy name holds the scope.".into());
    }
    if model.scopes.iter().any(|s| !s.implies.is_empty()) {
        out.push("Some scopes include others: holding one grants what it implies.".into());
    }
    if model.scopes.iter().any(|s| !s.requires.is_empty()) {
        out.push("Some scopes are useful only together with another: request both.".into());
    }
    if model.endpoints.iter().any(|e| !e.rules.is_empty()) {
        out.push(
            "Some endpoints return less data without a second scope: fields are stripped or masked, \
             or rows filtered (see \"Data masking and stripping\")."
                .into(),
        );
    }
    if model.endpoints.iter().any(|e| !e.body.is_empty()) {
        out.push(
            "Body parameters are listed for reference: what a request may do never depends on its body, \
             only on its method, path, query, headers and key."
                .into(),
        );
    }
    out
}

fn api(model: &Model, a: &Api) -> ApiDoc {
    let schemes = a
        .auth
        .iter()
        .map(|s| SchemeDoc {
            how: match &s.kind {
                SchemeKind::Bearer => "`Authorization: Bearer <key>`".into(),
                SchemeKind::Header(h) => format!("`{h}: <key>`"),
                SchemeKind::Query(q) => format!("`?{q}=<key>` (query parameter)"),
            },
            legacy: s.legacy,
        })
        .collect();
    let formats = a
        .auth
        .iter()
        .flat_map(|s| s.formats.iter())
        .map(|f| FormatDoc {
            env: f.env.clone().unwrap_or_else(|| "any".into()),
            prefix: code(&f.prefix),
            length: match f.length {
                Some((min, max)) if min == max => format!("{min} characters"),
                Some((min, max)) => format!("{min}–{max} characters"),
                None => "not fixed".into(),
            },
            example: code(&format!("{}…", f.prefix)),
        })
        .collect();
    let facts = fact_lines(&a.keys);
    let k = &a.keys;
    let effective = (a.effective.len() > 1).then(|| a.effective.join(" ∩ "));
    ApiDoc {
        name: a.name.clone(),
        title: a.title.clone().unwrap_or_else(|| a.name.clone()),
        base: if a.base.is_empty() { "/".into() } else { a.base.clone() },
        notes: a.notes.clone(),
        schemes,
        formats,
        headers: header_docs(a, true),
        optional_headers: header_docs(a, false),
        effective,
        key_facts: facts,
        key_kinds: a
            .accepted_kinds()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|kind| kind_doc(model, a, kind))
            .chain(unaccepted_kinds(model).filter_map(|(i, k)| {
                let mut doc = kind_doc(model, a, i)?;
                doc.description = format!("`{}` keys are not accepted by this API.", k.name);
                for fact in fact_lines(&k.facts) {
                    doc.description.push(' ');
                    doc.description.push_str(&fact);
                }
                Some(doc)
            }))
            .chain(k.kinds.iter().map(|(n, d)| KindDoc { name: n.clone(), description: d.clone().unwrap_or_default() }))
            .collect(),
        endpoints: a.endpoints.iter().map(|e| endpoint(model, &model.endpoints[*e])).collect(),
    }
}

/// The kinds no api accepts (documented for what they are not).
fn unaccepted_kinds(model: &Model) -> impl Iterator<Item = (usize, &crate::model::Kind)> {
    model
        .kinds
        .iter()
        .enumerate()
        .filter(|(i, _)| !model.apis.iter().any(|a| a.auth.iter().any(|s| s.kinds.contains(i))))
}

/// The lifecycle facts of a `keys` block or a `kind`, as sentences.
fn fact_lines(k: &crate::model::KeyFacts) -> Vec<String> {
    let mut facts = Vec::new();
    if k.shown_once {
        facts.push("The full key is shown only once, when it is created: store it right away.".to_string());
    }
    if let Some(s) = &k.stored {
        let how = if s.eq_ignore_ascii_case("sha256") { "a SHA-256 hash" } else { s.as_str() };
        facts.push(format!("The platform stores only {how} of the key (`{s}`), never the key itself."));
    }
    if let Some((text, secs)) = &k.rotation_grace {
        let hours = if secs % 3600 == 0 { format!(" ({} hours)", secs / 3600) } else { String::new() };
        facts.push(format!(
            "Rotating a key issues a replacement; the old key keeps working for a grace window of {text}{hours}, then expires."
        ));
    }
    match k.expiry {
        Some(Expiry::Optional) => facts.push("Keys can carry an optional expiry date.".into()),
        Some(Expiry::Required) => facts.push("Every key has an expiry date.".into()),
        Some(Expiry::None) => facts.push("Keys do not expire.".into()),
        None => {}
    }
    match &k.revocation {
        Some(None) => facts.push("Revocation is immediate and permanent.".into()),
        Some(Some((text, _))) => facts.push(format!("A revoked key stops working within {text}.")),
        None => {}
    }
    if let Some(audit) = &k.audit {
        facts.push(format!("{audit}."));
    }
    facts.extend(k.notes.iter().cloned());
    facts
}

/// A kind an api accepts, for its authentication section: title, formats, the scopes its
/// keys can hold, the schemes that take it and its lifecycle facts.
fn kind_doc(model: &Model, a: &Api, kind: usize) -> Option<KindDoc> {
    let k = model.kinds.get(kind)?;
    let mut parts = vec![format!("`{}` keys", k.name)];
    if !k.formats.is_empty() {
        let prefixes: Vec<String> = k.formats.iter().map(|f| code(&f.prefix)).collect();
        parts.push(format!("start with {}", join(&prefixes, "or")));
    }
    parts.push(match &k.scopes {
        None => "can hold any scope".to_string(),
        Some(ids) if ids.is_empty() => "can hold no scope".to_string(),
        Some(ids) => format!("can hold only {}", join(&names(model, ids), "and")),
    });
    let by: Vec<String> = a
        .auth
        .iter()
        .filter(|s| s.kinds.contains(&kind))
        .map(|s| match &s.kind {
            SchemeKind::Bearer => "a bearer token".to_string(),
            SchemeKind::Header(h) => format!("the `{h}` header"),
            SchemeKind::Query(q) => format!("the `{q}` query parameter"),
        })
        .collect();
    parts.push(format!("are sent as {}", join(&by, "or")));
    let mut description = format!("{}.", parts.join(", "));
    for fact in fact_lines(&k.facts) {
        description.push(' ');
        description.push_str(&fact);
    }
    Some(KindDoc { name: k.title.clone().unwrap_or_else(|| k.name.clone()), description })
}

fn endpoint(model: &Model, e: &Endpoint) -> EndpointDoc {
    let mut details = Vec::new();
    for w in &e.whens {
        let cond = condition_words(w);
        details.push(format!("with {cond} also requires {}", req_words(model, &w.requirement)));
    }
    for q in &e.query {
        let default = q.default.as_ref().map(|d| format!(", default `{d}`")).unwrap_or_default();
        details.push(format!(
            "`{}` query parameter {}{default}",
            q.name,
            if q.required { "required" } else { "optional" }
        ));
    }
    for b in &e.body {
        details.push(format!("`{}` body parameter {}", b.name, if b.required { "required" } else { "optional" }));
    }
    for r in &e.rules {
        details.push(rule_sentence(model, r));
    }
    if let Some(r) = model.rate_of(e) {
        let limit = r.description.as_ref().map(|d| format!(" ({d})")).unwrap_or_default();
        details.push(format!("rate limit {}{limit}", code(&r.name)));
    }
    EndpointDoc {
        method: e.method.to_string(),
        path: code(&e.pattern.to_string()),
        requires: requirement_words(model, e),
        summary: e.summary.clone().unwrap_or_default(),
        details,
    }
}

fn rule_sentence(model: &Model, r: &crate::model::DataRule) -> String {
    let fields = join(&r.fields.iter().map(|f| code(f)).collect::<Vec<_>>(), "and");
    let unless = r.unless.as_ref().map(|u| dnf_words(model, u));
    let is = if r.fields.len() > 1 { "are" } else { "is" };
    match (r.kind, unless) {
        // "unless the key holds `a` and `b`": the rule applies when either is missing.
        (RuleKind::Strip, Some(u)) => format!("unless the key holds {u}, {fields} {is} removed from the response"),
        (RuleKind::Strip, None) => format!("{fields} {is} always removed from the response"),
        (RuleKind::Mask, Some(u)) => format!("unless the key holds {u}, {fields} {is} masked"),
        (RuleKind::Mask, None) => format!("{fields} {is} always masked"),
        (RuleKind::Filter | RuleKind::Oblige, u) => {
            let what = match (&r.description, r.kind) {
                (Some(d), RuleKind::Oblige) => format!("{} ({fields})", d.trim_end_matches('.')),
                (Some(d), _) => d.clone(),
                (None, _) => format!("rows are filtered ({fields})"),
            };
            match u {
                Some(u) => format!("unless the key holds {u}: {}", what.trim_end_matches('.')),
                None => what.trim_end_matches('.').to_string(),
            }
        }
    }
}

/// The data rules (`obligations` false) or the obligations, each as a sentence.
fn data_rules(model: &Model, obligations: bool) -> Vec<RuleDoc> {
    let mut out = Vec::new();
    for e in &model.endpoints {
        for r in e.rules.iter().filter(|r| (r.kind == RuleKind::Oblige) == obligations) {
            let mut sentence = rule_sentence(model, r);
            if let Some(first) = sentence.get(..1) {
                sentence = first.to_uppercase() + &sentence[1..];
            }
            out.push(RuleDoc { endpoint: endpoint_label(e), kind: r.kind.as_str().into(), sentence: sentence + "." });
        }
    }
    out
}

fn conditions(model: &Model) -> Vec<ConditionDoc> {
    let mut out = Vec::new();
    for e in &model.endpoints {
        for w in &e.whens {
            let cond = condition_words(w);
            let absent = if w.by_default { " (or without the parameter: its default meets it)" } else { "" };
            out.push(ConditionDoc {
                endpoint: endpoint_label(e),
                sentence: format!(
                    "With {cond}{absent}, the request also needs {} (besides {}).",
                    req_words(model, &w.requirement),
                    requirement_words(model, e)
                ),
            });
        }
    }
    out
}

/// What each scope opens, by scope id: the endpoints whose requirement names it (with the
/// scopes it needs beside it and the other ways in), the `when` conditions it satisfies
/// and the data rules it lifts, in endpoint order. One pass over the endpoints, so the
/// scope table costs the size of the policy, not scopes × endpoints.
struct ScopeIndex {
    mentions: IdVec<ScopeId, Vec<String>>,
    aliases: IdVec<ScopeId, Vec<String>>,
}

impl ScopeIndex {
    fn build(model: &Model) -> ScopeIndex {
        let mut mentions: IdVec<ScopeId, Vec<String>> = model.scopes.map(|_| Vec::new());
        let mut seen: IdVec<ScopeId, usize> = model.scopes.map(|_| usize::MAX);
        // `seen[s] == mark` when scope `s` was already handled for the current item.
        let mut mark = 0usize;
        for e in &model.endpoints {
            let label = endpoint_label(e);
            mark += 1;
            for (_, term) in e.requirement.alternatives() {
                for &id in term {
                    if seen.get(id) == Some(&mark) {
                        continue;
                    }
                    seen[id] = mark;
                    mentions[id].push(requirement_mention(model, e, &label, term, id));
                }
            }
            for w in &e.whens {
                mark += 1;
                for id in w.requirement.scopes() {
                    if seen.get(id) == Some(&mark) {
                        continue;
                    }
                    seen[id] = mark;
                    let q = if w.header { format!(" with {}", w.condition()) } else { w.condition() };
                    mentions[id].push(code(&format!("{} {}{q}", e.method, e.pattern)));
                }
            }
            for r in &e.rules {
                mark += 1;
                let mut fields = None;
                for &id in r.unless.iter().flatten().flatten() {
                    if seen.get(id) == Some(&mark) {
                        continue;
                    }
                    seen[id] = mark;
                    let fields = fields
                        .get_or_insert_with(|| join(&r.fields.iter().map(|f| code(f)).collect::<Vec<_>>(), "and"));
                    let verb = match r.kind {
                        RuleKind::Strip => "includes",
                        RuleKind::Mask => "unmasks",
                        RuleKind::Filter => "lifts the filter",
                        RuleKind::Oblige => "lifts the obligation",
                    };
                    mentions[id].push(format!("{verb} {fields} in {label}"));
                }
            }
        }
        let mut aliases: IdVec<ScopeId, Vec<String>> = model.scopes.map(|_| Vec::new());
        for a in &model.aliases {
            if let Some(list) = aliases.get_mut(a.target) {
                list.push(code(&a.name));
            }
        }
        ScopeIndex { mentions, aliases }
    }
}

/// `GET /x (with b) (or c)`: an endpoint whose requirement's first term naming `id` is
/// `term`.
///
/// Every scope of a term gets this line, so the lists in it are cut after
/// [`MENTION_LIMIT`] names ("and 9,991 more"): a term of n scopes costs n lines, not n².
fn requirement_mention(model: &Model, e: &Endpoint, label: &str, term: &[ScopeId], id: ScopeId) -> String {
    let others: Vec<ScopeId> = term.iter().copied().filter(|s| *s != id).take(MENTION_LIMIT + 1).collect();
    let mut s = label.to_string();
    if !others.is_empty() {
        s.push_str(&format!(" (with {})", capped(model, &others, term.len() - 1, "and")));
    }
    if e.requirement.dnf.len() > 1 {
        let rest: Vec<String> = e
            .requirement
            .dnf
            .iter()
            .filter(|t| t.as_slice() != term)
            .take(MENTION_LIMIT)
            .map(|t| capped(model, t, t.len(), "and"))
            .collect();
        let more = e.requirement.dnf.len() - 1 - rest.len();
        let rest = if more > 0 { format!("{}, or {more} more ways", rest.join(", ")) } else { join(&rest, "or") };
        s.push_str(&format!(" (or {rest})"));
    }
    s
}

/// How many names a scope's line about another endpoint lists before "and N more".
const MENTION_LIMIT: usize = 8;

/// The first [`MENTION_LIMIT`] of `total` scopes (`ids` holds at least those), joined
/// with `word`, and how many more there are.
fn capped(model: &Model, ids: &[ScopeId], total: usize, word: &str) -> String {
    if total <= MENTION_LIMIT {
        return join(&names(model, &ids[..total.min(ids.len())]), word);
    }
    let shown = names(model, &ids[..MENTION_LIMIT.min(ids.len())]);
    format!("{} {word} {} more", shown.join(", "), total - shown.len())
}

fn scope_doc(model: &Model, index: &mut ScopeIndex, id: ScopeId) -> ScopeDoc {
    let s = &model.scopes[id];
    let mut remarks = Vec::new();
    // Each scope's doc is built once (a scope is in at most one group), so its lists are
    // moved out of the index, not copied.
    let aliases = index.aliases.get_mut(id).map(std::mem::take).unwrap_or_default();
    if !aliases.is_empty() {
        remarks.push(format!("Legacy name: {} (same as this scope).", join(&aliases, "and")));
    }
    if !s.requires.is_empty() {
        remarks.push(format!("Requires {} too.", join(&names(model, &s.requires), "and")));
    }
    if !s.implies.is_empty() {
        remarks.push(format!("Includes {}.", join(&names(model, &s.implies), "and")));
    }
    if let Some(since) = &s.since {
        remarks.push(format!("Introduced {since}."));
    }
    if let Some(d) = &s.deprecated {
        remarks.push(match &d.reason {
            Some(r) => format!("Deprecated: {r}."),
            None => "Deprecated.".into(),
        });
    }
    let mut description = s.description.clone().unwrap_or_default();
    if !description.is_empty() && !description.ends_with(['.', '!', '?']) && !remarks.is_empty() {
        description.push('.');
    }
    ScopeDoc {
        name: code(&s.name),
        access: s.access.as_str().into(),
        description,
        endpoints: index.mentions.get_mut(id).map(std::mem::take).unwrap_or_default(),
        remarks,
    }
}

fn groups(model: &Model) -> Vec<GroupDoc> {
    let mut index = ScopeIndex::build(model);
    let mut out: Vec<GroupDoc> = model
        .groups
        .iter()
        .map(|g| GroupDoc {
            name: g.name.clone(),
            notes: g.notes.clone(),
            scopes: g.scopes.iter().map(|s| scope_doc(model, &mut index, *s)).collect(),
        })
        .collect();
    let loose: Vec<ScopeDoc> = model
        .scopes
        .ids()
        .filter(|s| model.scopes[*s].group.is_none())
        .map(|s| scope_doc(model, &mut index, s))
        .collect();
    if !loose.is_empty() {
        out.push(GroupDoc { name: "Other scopes".into(), notes: Vec::new(), scopes: loose });
    }
    out
}

fn error_sets(model: &Model) -> Vec<ErrorSetDoc> {
    let mut sets: Vec<(Vec<String>, &crate::model::ErrorBodies)> = Vec::new();
    for a in &model.apis {
        let name = a.title.clone().unwrap_or_else(|| a.name.clone());
        match sets.iter_mut().find(|(_, e)| **e == a.errors) {
            Some((names, _)) => names.push(name),
            None => sets.push((vec![name], &a.errors)),
        }
    }
    sets.into_iter()
        .map(|(apis, bodies)| ErrorSetDoc {
            apis: join(&apis, "and"),
            errors: bodies
                .bodies
                .iter()
                .map(|(status, b)| {
                    let example_message = crate::model::template::fill(&b.message, |name| {
                        Some(
                            match name {
                                "method" => "GET",
                                "path" => "/example",
                                "reason" => "the path has a `.` or `..` segment",
                                "required" | "missing" => "read:example",
                                "allowed" => "GET, POST",
                                _ => return None,
                            }
                            .to_string(),
                        )
                    });
                    let mut example = serde_json::Map::new();
                    example.insert("code".into(), b.code.clone().into());
                    example.insert("message".into(), example_message.into());
                    if let Some(t) = &bodies.trace {
                        example.insert(t.clone(), "550e8400-e29b-41d4-a716-446655440000".into());
                    }
                    ErrorDoc {
                        status: *status,
                        meaning: match status {
                            400 => "the request target is malformed",
                            401 => "the API key is missing or invalid",
                            403 => "the key lacks a required scope",
                            404 => "no such endpoint",
                            _ => "the endpoint exists, the method does not",
                        }
                        .into(),
                        code: code(&b.code),
                        message: b.message.clone(),
                        example: serde_json::to_string_pretty(&example).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The api's headers that are `required` (or, with `required` false, `optional`).
fn header_docs(a: &Api, required: bool) -> Vec<HeaderDoc> {
    a.headers
        .iter()
        .filter(|h| h.required == required)
        .map(|h| HeaderDoc { name: h.name.clone(), description: h.description.clone().unwrap_or_default() })
        .collect()
}

/// A `when` condition in the docs: `` `?view=full` `` or `` header `X-Admin: yes` ``.
fn condition_words(w: &When) -> String {
    if w.header { format!("header {}", code(&w.condition())) } else { code(&w.condition()) }
}
