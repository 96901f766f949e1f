//! Hostile and malformed requests against the seed policies. Each is sent with a key that
//! holds every scope of its policy (and every grant set holding them all), so only the
//! target or method can keep it from being allowed, and none may be allowed.

/// `(policy, method, target, expected decision)`.
pub const HOSTILE: &[(&str, &str, &str, &str)] = &[
    // dot segments, raw and encoded
    ("maxcare", "GET", "/v3/patients/../bills", "rejected"),
    ("maxcare", "GET", "/v3/./patients", "rejected"),
    ("maxcare", "GET", "/v3/patients/.", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2e%2e/bills", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2E%2E", "rejected"),
    ("maxcare", "GET", "/v3/patients/.%2e", "rejected"),
    ("maxcare", "GET", "/v3/marketplace/me/..", "rejected"),
    ("maxcare", "DELETE", "/v3/notes/n1/images/%2e", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/invoices/.%2e", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients/../visits", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/o1/../../public_api/orders/x", "rejected"),
    // path parameters, which Tomcat and Jetty strip before resolving dot segments
    ("maxcare", "GET", "/v3/inventory/changes/..;/products", "rejected"),
    ("rxscale", "PATCH", "/v1/external_pharmacy_api/pharmacy_skus/.;/stock", "rejected"),
    ("maxcare", "GET", "/v3/patients;x=1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1;jsessionid=abc", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients/;/visits", "rejected"),
    // percent-encodings encoded again, which a server that decodes twice reads otherwise
    ("maxcare", "GET", "/v3/patients/%252F", "rejected"),
    ("maxcare", "GET", "/v3/patients/%252e%252e/bills", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/%252fx", "rejected"),
    // characters a segment may hold raw, percent-encoded: servers that decode before
    // routing would route the decoded text
    ("plusmedical", "GET", "/api/public/v1/patients/%40me", "rejected"),
    ("maxcare", "GET", "/v3/patients/%24count", "rejected"),
    ("maxcare", "GET", "/v3/patients/a%3Bb", "rejected"),
    ("maxcare", "GET", "/v3/patients/%3A", "rejected"),
    ("rxscale", "GET", "/v1/management_api/orders/%21", "rejected"),
    // empty segments
    ("maxcare", "GET", "/v3//patients", "rejected"),
    ("maxcare", "GET", "//v3/patients", "rejected"),
    ("plusmedical", "GET", "/api/public//v1/patients", "rejected"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/pharmacy_orders//", "rejected"),
    // encoded slashes and backslashes
    ("maxcare", "GET", "/v3/patients%2Fp1", "rejected"),
    ("maxcare", "GET", "/v3/patients%2fp1", "rejected"),
    ("maxcare", "GET", "/v3/marketplace/me%2f..%2fpatients", "rejected"),
    ("rxscale", "POST", "/v1/public_api/products/shop1%2flive-stock", "rejected"),
    ("rxscale", "DELETE", "/v1/management_api/waiting-room/register%2f..%2fu1", "rejected"),
    ("rxscale", "GET", "/v1/management_api/patients/%5c..%5cu1", "rejected"),
    ("plusmedical", "GET", "/api/public/v1/patients%2F..%2Fvisits", "rejected"),
    ("maxcare", "GET", "/v3/patients\\p1", "rejected"),
    ("maxcare", "GET", "/v3\\patients", "rejected"),
    // NUL, control characters, spaces, non-ASCII
    ("maxcare", "GET", "/v3/patients/p1%00", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%0a", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%0D%0AX-Injected:1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p1%7f", "rejected"),
    ("maxcare", "GET", "/v3/patients\u{0}", "rejected"),
    ("maxcare", "GET", "/v3/patients/p 1", "rejected"),
    ("maxcare", "GET", "/v3/patients/p\t1", "rejected"),
    ("maxcare", "GET", "/v3/patients/\u{e9}", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%00", "rejected"),
    // overlong and invalid UTF-8 percent-encodings
    ("maxcare", "GET", "/v3/patients/%c0%ae%c0%ae", "rejected"),
    ("maxcare", "GET", "/v3/patients/%c0%af", "rejected"),
    ("maxcare", "GET", "/v3/patients/%e0%80%ae", "rejected"),
    ("maxcare", "GET", "/v3/patients/%ff", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%c0%ae", "rejected"),
    // encoded unreserved characters and malformed percent-encoding
    ("maxcare", "GET", "/v3/pat%69ents", "rejected"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/webhooks/%57", "rejected"),
    ("maxcare", "GET", "/v3/patients/%%32%65", "rejected"),
    ("maxcare", "GET", "/v3/patients/%2", "rejected"),
    ("maxcare", "GET", "/v3/patients/%g0", "rejected"),
    ("maxcare", "GET", "/v3/patients?x=%zz", "rejected"),
    // fragments and non-absolute targets
    ("maxcare", "GET", "/v3/patients#frag", "rejected"),
    ("maxcare", "GET", "v3/patients", "rejected"),
    ("maxcare", "GET", "http://evil.example/v3/patients", "rejected"),
    ("maxcare", "GET", "", "rejected"),
    ("maxcare", "GET", "*", "rejected"),
    // case variants of literal segments, which servers that route ignoring case (ASP.NET
    // Core) route to the literal: `/emails/SEND` would otherwise reach `/emails/{id}`
    ("maxcare", "GET", "/v3/emails/SEND", "rejected"),
    ("maxcare", "GET", "/v3/emails/Send", "rejected"),
    ("maxcare", "GET", "/V3/patients", "rejected"),
    ("maxcare", "GET", "/v3/Patients", "rejected"),
    ("maxcare", "GET", "/v3/PATIENTS/p1", "rejected"),
    ("maxcare", "GET", "/v3/notes/n1/IMAGES", "rejected"),
    ("rxscale", "GET", "/v1/Management_api/orders/o1", "rejected"),
    ("rxscale", "POST", "/v1/management_api/notification-subscriptions/TEST", "rejected"),
    // outside the base, trailing-slash variants
    ("maxcare", "GET", "/patients", "not-found"),
    ("maxcare", "GET", "/v4/patients", "not-found"),
    ("maxcare", "GET", "/v3", "not-found"),
    ("maxcare", "GET", "/v3/", "not-found"),
    ("maxcare", "GET", "/", "not-found"),
    ("maxcare", "GET", "/v3/patients/", "not-found"),
    ("maxcare", "GET", "/v3/patients/p1/", "not-found"),
    ("maxcare", "GET", "/v3/patients/p1/extra", "not-found"),
    ("rxscale", "GET", "/v1/external_pharmacy_api/pharmacy_orders", "not-found"),
    ("rxscale", "PATCH", "/v1/external_pharmacy_api/pharmacy_skus/s1/stock/", "not-found"),
    ("rxscale", "GET", "/v1/management_api/orders", "not-found"),
    ("rxscale", "GET", "/v1/public_api/orders/", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/visits", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/lab_values/", "not-found"),
    ("plusmedical", "GET", "/api/public/v1/documents/d1", "not-found"),
    ("plusmedical", "GET", "/api/public/v2/patients", "not-found"),
    // a valid but unusual segment reaches only the route that owns it
    ("plusmedical", "GET", "/api/public/v1/patients/%ef%bc%8f", "method-not-allowed"),
    // methods are case-sensitive and HEAD is not GET
    ("maxcare", "get", "/v3/patients", "method-not-allowed"),
    ("maxcare", "HEAD", "/v3/patients", "method-not-allowed"),
    ("maxcare", "GET ", "/v3/patients", "method-not-allowed"),
    ("maxcare", "POST", "/v3/patients", "method-not-allowed"),
    ("rxscale", "DELETE", "/v1/management_api/waiting-room/register", "method-not-allowed"),
    ("maxcare", "GET", "/v3/emails/send", "method-not-allowed"),
];

/// A request in one spelling: `(method, target, scopes, kind)`.
#[allow(dead_code)]
pub type Spelled = (String, String, Vec<String>, Option<String>);

/// For every query `when` of `model`: a key holding every scope but those that would meet
/// the condition's requirement, and the condition spelled every way a common server reads
/// as meeting it (key case, OData `$`, list brackets, percent-encodings, `+` and `%20`
/// around the value, the value inside a comma list, repeated keys, `;` separators, each
/// spelling of a boolean, and an absent parameter whose default meets it). Each is
/// `(method, target, scopes, kind)`; the canonical spelling comes first for each `when`.
/// None may be allowed when the canonical spelling is not.
#[allow(dead_code)]
pub fn query_spellings(model: &scopec::Model) -> Vec<Vec<Spelled>> {
    let mut out = Vec::new();
    for e in &model.endpoints {
        let api = &model.apis[e.api];
        let kind = api.accepted_kinds().and_then(|k| k.first().map(|k| model.kind_name(*k).to_string()));
        let path = instantiate(&e.pattern.to_string());
        for w in e.whens.iter().filter(|w| !w.header) {
            let needed: Vec<scopec::model::ScopeId> = w.requirement.scopes().collect();
            // Every scope that does not grant one the condition needs.
            let scopes: Vec<String> = model
                .scopes
                .iter()
                .filter(|s| !s.grants.iter().any(|g| needed.contains(g)))
                .map(|s| s.name.clone())
                .collect();
            let mut family = Vec::new();
            let mut push = |query: String| {
                let target = if query.is_empty() { path.clone() } else { format!("{path}?{query}") };
                family.push((e.method.to_string(), target, scopes.clone(), kind.clone()));
            };
            let values: Vec<String> = if w.values.is_empty() { vec!["1".into()] } else { w.values.clone() };
            let first = encode(&values[0]);
            push(format!("{}={first}", encode(&w.key)));
            for k in key_spellings(&w.key) {
                push(format!("{k}={first}"));
            }
            for v in &values {
                for s in value_spellings(v) {
                    let k = encode(&w.key);
                    push(format!("{k}={s}"));
                    push(format!("x=1;{k}={s}"));
                    push(format!("{k}=zz&{k}={s}"));
                    push(format!("{k}={s}&x=1"));
                }
            }
            if w.values.is_empty() {
                let k = encode(&w.key);
                push(k.clone());
                push(format!("{k}="));
            }
            if w.by_default {
                push(String::new());
                push(format!("{}=", encode(&w.key)));
            }
            out.push(family);
        }
    }
    out
}

/// A concrete path for a pattern: `x1` for each parameter, `a/b` for a catch-all.
fn instantiate(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|s| {
            if s.ends_with("*}") {
                "a/b"
            } else if s.starts_with('{') {
                "x1"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes every byte but unreserved ones.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn key_spellings(key: &str) -> Vec<String> {
    let base = scopec::model::query::base(key);
    let enc = encode(base);
    let mut v = vec![
        enc.clone(),
        format!("${enc}"),
        format!("%24{enc}"),
        encode(&key.to_ascii_uppercase()),
        encode(&key.to_ascii_lowercase()),
        format!("{enc}[]"),
        format!("{enc}[0]"),
        format!("{enc}[12]"),
        format!("{enc}%5B%5D"),
        format!("{enc}%5b3%5d"),
        format!("${}[7]", encode(&base.to_ascii_uppercase())),
    ];
    if let Some(c) = base.bytes().next() {
        v.push(format!("%{c:02x}{}", encode(&base[1..])));
    }
    v
}

fn value_spellings(value: &str) -> Vec<String> {
    let mut wants = vec![value.to_string()];
    wants.extend(scopec::engine::query::accepted_values(value).iter().map(|s| s.to_string()));
    let mut v = Vec::new();
    for w in wants {
        let e = encode(&w);
        v.extend([
            e.clone(),
            encode(&w.to_ascii_uppercase()),
            format!("+{e}"),
            format!("%20{e}%20"),
            format!("{e}+"),
            format!("a,{e}"),
            format!("{e},b"),
            format!("a%2C{e}"),
            format!("a,%20{e}"),
            format!("a%2c+{e}+%2Cb"),
        ]);
        if let Some(c) = w.bytes().next() {
            v.push(format!("%{c:02X}{}", encode(&w[1..])));
        }
    }
    v
}
