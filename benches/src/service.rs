//! The HTTP side of the benchmarks: a seed policy's test cases as HTTP requests, the key
//! stores that make them decide as the cases say, and the hand-written axum middleware
//! (matchit routing, keys in a `HashMap`, scopes in a `HashSet<String>`) that scopec-tower
//! is measured against.
//!
//! The hand-written middleware does what such middleware usually does: route, read the
//! key from the api's first scheme, look it up, check the requirement, answer 401/403/404/
//! 405 with a JSON body, and strip the fields of `strip` rules from the JSON response. It
//! does not check the target for dot segments or encodings, read `when` conditions, check
//! key formats or kinds, or mask: it does less than the layer.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::{HeaderName, HeaderValue, StatusCode};
use http_body_util::BodyExt;
use scopec::engine::decide;
use scopec::model::{RuleKind, SchemeKind};
use scopec_runtime::Policy;
use scopec_tower::{MemoryStore, StoredKey};

use super::Bench;

/// One request of the mix.
#[derive(Debug, Clone)]
pub struct HttpCase {
    pub method: http::Method,
    pub target: String,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The status the engine decides.
    pub status: u16,
    /// On allow, the fields the engine strips and masks.
    pub strip: Vec<String>,
    pub mask: Vec<String>,
    /// The api the request routes to (the first, when it routes nowhere).
    pub api: &'static str,
}

impl HttpCase {
    /// The request (built anew for each send: hyper and tower consume requests).
    pub fn request(&self) -> http::Request<Body> {
        let mut r = http::Request::new(Body::empty());
        *r.method_mut() = self.method.clone();
        *r.uri_mut() = self.target.parse().unwrap_or_default();
        for (k, v) in &self.headers {
            r.headers_mut().append(k.clone(), v.clone());
        }
        r
    }
}

/// A policy's test cases as HTTP requests, with the stores that hold their keys.
pub struct Mix<P: Policy> {
    pub cases: Vec<HttpCase>,
    pub store: MemoryStore<P>,
    pub hand: HandWritten,
    /// Each case's key, to put into another store.
    pub keys: Vec<Option<CaseKey>>,
}

/// A case's key: its text, scopes, grant sets and kind.
pub type CaseKey = (String, Vec<String>, Vec<(String, Vec<String>)>, Option<String>);

/// The mix of `bench`'s test cases that name no api and no scheme (the hand-written
/// middleware reads each api's first scheme only).
pub fn mix<P: Policy>(bench: &Bench) -> Mix<P> {
    let model = &bench.model;
    let tables = P::tables();
    let mut store = MemoryStore::<P>::new();
    let mut hand_keys = HashMap::new();
    let mut cases = Vec::new();
    let mut keys = Vec::new();
    let requests = bench.requests.iter().filter(|r| r.api.is_none() && r.key.as_ref().is_none_or(|k| k.via.is_none()));
    for (n, r) in requests.enumerate() {
        let api = scopec_runtime::locate::<P>(&r.method, &r.target).map_or(0, |e| tables.endpoint_data[e].api);
        let scheme = &tables.apis[api].schemes[0];
        let format = scheme.key_formats::<P>().first();
        let mut key = format!("{}k{n}x", format.map_or("", |f| f.prefix));
        while key.len() < format.and_then(|f| f.length).map_or(24, |(min, _)| min) {
            key.push('0');
        }
        let mut target = r.target.clone();
        let mut headers = Vec::new();
        if let Some(k) = &r.key {
            let grants: Vec<(String, Vec<String>)> = bench.grants(r).into_iter().collect();
            let kind = tables.apis[api].kinds.first().map(|k| k.to_string());
            let g = grants.iter().map(|(name, s)| (name.as_str(), s.iter().map(String::as_str).collect()));
            store.insert(
                key.clone(),
                StoredKey::from_names(k.scopes.iter().map(String::as_str), g, kind.clone(), |_| {}),
            );
            hand_keys.insert(key.clone(), bench.effective_names(r).into_iter().collect::<HashSet<String>>());
            keys.push(Some((key.clone(), k.scopes.clone(), grants, kind)));
            match scheme.kind {
                scopec_runtime::SchemeKind::Bearer => {
                    headers.push((http::header::AUTHORIZATION, value(&format!("Bearer {key}"))))
                }
                scopec_runtime::SchemeKind::Header => {
                    headers.push((HeaderName::from_static_lower(scheme.name), value(&key)))
                }
                scopec_runtime::SchemeKind::Query => {
                    target.push(if target.contains('?') { '&' } else { '?' });
                    target.push_str(&format!("{}={key}", scheme.name));
                }
            }
        } else {
            keys.push(None);
        }
        let decision = decide(model, r);
        let (strip, mask) = match &decision {
            scopec::engine::Decision::Allow(a) => (a.strip.clone(), a.mask.clone()),
            _ => (Vec::new(), Vec::new()),
        };
        cases.push(HttpCase {
            method: r.method.parse().unwrap_or(http::Method::GET),
            target,
            headers,
            status: decision.status(),
            strip,
            mask,
            api: tables.apis[api].name,
        });
    }
    Mix { cases, store, hand: HandWritten::new(bench, hand_keys), keys }
}

/// The inner service every stack wraps: each path answered with a small JSON body holding
/// the fields the seeds strip or mask.
pub fn inner() -> axum::Router {
    axum::Router::new().fallback(|| async {
        axum::Json(serde_json::json!({"id": "e1", "prescription": {"uid": "rx"}, "email": "a@x", "phone": "1"}))
    })
}

fn value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static(""))
}

trait FromStaticLower {
    fn from_static_lower(name: &str) -> HeaderName;
}

impl FromStaticLower for HeaderName {
    fn from_static_lower(name: &str) -> HeaderName {
        HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes()).unwrap_or(http::header::AUTHORIZATION)
    }
}

/// One endpoint as the hand-written middleware knows it.
struct HandEndpoint {
    method: String,
    public: bool,
    /// Any one of these scope sets, by name.
    alternatives: Vec<Vec<String>>,
    /// The header the key comes in (`None`: `Authorization: Bearer`).
    key_header: Option<HeaderName>,
    /// Fields stripped unless the key holds one of the sets.
    strip: Vec<(String, Vec<Vec<String>>)>,
}

/// The hand-written middleware's state.
#[derive(Clone)]
pub struct HandWritten {
    router: Arc<matchit::Router<usize>>,
    routes: Arc<Vec<Vec<HandEndpoint>>>,
    keys: Arc<HashMap<String, HashSet<String>>>,
}

impl HandWritten {
    fn new(bench: &Bench, keys: HashMap<String, HashSet<String>>) -> Self {
        let model = &bench.model;
        let names = |dnf: &scopec::model::Dnf| -> Vec<Vec<String>> {
            dnf.iter().map(|t| t.iter().map(|s| model.scope_name(*s).to_string()).collect()).collect()
        };
        let mut router = matchit::Router::new();
        let mut routes = Vec::new();
        for (i, route) in model.routes.routes.iter().enumerate() {
            let _ = router.insert(super::matchit_path(&route.pattern), i);
            let endpoints = route
                .endpoints
                .iter()
                .map(|e| {
                    let ep = &model.endpoints[*e];
                    let key_header = match model.apis[ep.api].auth.first().map(|a| &a.kind) {
                        Some(SchemeKind::Header(h)) => HeaderName::from_bytes(h.to_ascii_lowercase().as_bytes()).ok(),
                        _ => None,
                    };
                    let strip = ep
                        .rules
                        .iter()
                        .filter(|r| r.kind == RuleKind::Strip)
                        .flat_map(|r| {
                            r.fields.iter().map(move |f| (f.clone(), r.unless.as_ref().map(names).unwrap_or_default()))
                        })
                        .collect();
                    HandEndpoint {
                        method: ep.method.to_string(),
                        public: ep.requirement.anonymous,
                        alternatives: names(&ep.requirement.dnf),
                        key_header,
                        strip,
                    }
                })
                .collect();
            routes.push(endpoints);
        }
        HandWritten { router: Arc::new(router), routes: Arc::new(routes), keys: Arc::new(keys) }
    }
}

fn error(status: StatusCode, code: &'static str) -> Response {
    (status, [(http::header::CONTENT_TYPE, "application/json")], format!("{{\"code\":\"{code}\"}}")).into_response()
}

/// The hand-written middleware (`axum::middleware::from_fn_with_state`).
pub async fn hand_written(State(h): State<HandWritten>, request: Request, next: Next) -> Response {
    let Ok(m) = h.router.at(request.uri().path()) else {
        return error(StatusCode::NOT_FOUND, "not_found");
    };
    let Some(ep) = h.routes[*m.value].iter().find(|e| e.method == request.method().as_str()) else {
        return error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    };
    let key = match &ep.key_header {
        Some(name) => request.headers().get(name).and_then(|v| v.to_str().ok()),
        None => request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ")),
    };
    let scopes = key.and_then(|k| h.keys.get(k));
    let holds = |set: &[String]| scopes.is_some_and(|s| set.iter().all(|x| s.contains(x)));
    if !ep.public {
        if scopes.is_none() {
            return error(StatusCode::UNAUTHORIZED, "unauthorized");
        }
        if !ep.alternatives.iter().any(|a| holds(a)) {
            return error(StatusCode::FORBIDDEN, "forbidden");
        }
    }
    let strip: Vec<&str> =
        ep.strip.iter().filter(|(_, unless)| !unless.iter().any(|a| holds(a))).map(|(f, _)| f.as_str()).collect();
    let response = next.run(request).await;
    if strip.is_empty() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = body.collect().await.map(|c| c.to_bytes()) else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "internal");
    };
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "internal");
    };
    if let Some(o) = value.as_object_mut() {
        for f in strip {
            o.remove(f);
        }
    }
    let out = serde_json::to_vec(&value).unwrap_or_default();
    parts.headers.remove(http::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(Bytes::from(out)))
}
