//! Applying an allowed request's `strip` and `mask` rules to the inner service's response.
//!
//! A response no rule applies to streams through untouched. Otherwise the body is read
//! (up to [`crate::Config::body_limit`]), parsed as JSON, edited and sent whole, with its
//! `Content-Length` set anew. Whatever cannot be read that way (a body that is not JSON,
//! a compressed body, one over the limit, one whose stream fails) is replaced by a 500:
//! no unredacted body leaves. An empty body (204, a `HEAD`) has nothing to redact.

use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Response};
use http_body::Body;
use http_body_util::{BodyExt, Limited};
use scopec_runtime::{Allowed, Policy};

use super::BoxError;
use super::body::ScopecBody;
use super::config::Config;
use super::redact::{self, Edit};
use super::responses::{self, Failure};
use super::trace::TraceId;

/// The response with the data rules of `allowed` applied.
pub async fn rewrite<P: Policy, B>(
    response: Response<B>,
    allowed: &Allowed<P>,
    config: &Config,
    trace: &TraceId,
) -> Response<ScopecBody<B>>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<BoxError>,
{
    if allowed.strip().next().is_none() && allowed.mask().next().is_none() {
        return response.map(ScopecBody::passed);
    }
    let fail = || responses::failure(Failure::Unredactable, trace).map(ScopecBody::full);
    let (mut parts, body) = response.into_parts();
    let bytes = match Limited::new(body, config.body_limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return fail(),
    };
    if bytes.is_empty() {
        return Response::from_parts(parts, ScopecBody::full(bytes));
    }
    let identity = parts.headers.get(CONTENT_ENCODING).is_none_or(|e| e.as_bytes().eq_ignore_ascii_case(b"identity"));
    if !identity || !is_json(parts.headers.get(CONTENT_TYPE)) {
        return fail();
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return fail();
    };
    for field in allowed.strip() {
        redact::apply(&mut value, field, Edit::Strip);
    }
    for field in allowed.mask() {
        redact::apply(&mut value, field, Edit::Mask(&config.mask_value));
    }
    let Ok(out) = serde_json::to_vec(&value) else {
        return fail();
    };
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(out.len()));
    Response::from_parts(parts, ScopecBody::full(Bytes::from(out)))
}

/// `application/json` or `application/*+json`, parameters allowed.
fn is_json(content_type: Option<&HeaderValue>) -> bool {
    let Some(ct) = content_type.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}
