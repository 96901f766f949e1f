//! A handler for every route of any policy that answers with every field the endpoint's
//! data rules name (each holding `"sample of FIELD"`) and the filters the decision says to
//! apply: what the HTTP tests and the load run check the layer's redaction against.

use axum::extract::Extension;
use axum::{Json, Router};
use scopec_runtime::Policy;
use scopec_tower::{Authorized, Config, KeyStore, ScopecLayer};
use serde_json::{Map, Value, json};

/// The sample value at a field path.
pub fn sample(path: &str) -> Value {
    Value::String(format!("sample of {path}"))
}

/// Sets `path` (`a.b`, `items[].price`) in `object` to the sample of `full`, creating
/// what is missing (a one-element array for a `[]` name).
fn put(object: &mut Map<String, Value>, path: &str, full: &str) {
    let (segment, rest) = path.split_once('.').unwrap_or((path, ""));
    let name = segment.trim_end_matches("[]");
    let array = name.len() != segment.len();
    if rest.is_empty() {
        object.insert(name.to_string(), sample(full));
        return;
    }
    let entry = object.entry(name.to_string()).or_insert_with(|| if array { json!([{}]) } else { json!({}) });
    let target = match entry {
        Value::Array(items) => items.first_mut().and_then(Value::as_object_mut),
        Value::Object(m) => Some(m),
        _ => None,
    };
    if let Some(m) = target {
        put(m, rest, full);
    }
}

/// The body for an allowed request.
async fn echo<P: Policy>(Extension(auth): Extension<Authorized<P>>) -> Json<Value> {
    let mut body = Map::new();
    body.insert("id".into(), json!("e1"));
    if let Some(data) = P::tables().endpoint_data.get(auth.allowed.endpoint) {
        for (field, _) in data.strip.iter().chain(data.mask) {
            put(&mut body, field, field);
        }
    }
    body.insert("_filters".into(), json!(auth.filters().collect::<Vec<_>>()));
    body.insert("_obligations".into(), json!(auth.obligations().collect::<Vec<_>>()));
    Json(Value::Object(body))
}

/// Every route of policy `P` answered by the echo handler, behind the layer.
pub fn app<P: Policy, K: KeyStore<P>>(store: K, config: Config) -> Router {
    Router::new().fallback(echo::<P>).layer(ScopecLayer::<P, K>::new(store, config))
}
