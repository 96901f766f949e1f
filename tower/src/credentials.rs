//! Reading a request's key from the places an api accepts keys by.
//!
//! Only the places the matched api's schemes name are read. Any doubt is a malformed
//! credential (answered 401), never a guess: a place holding two values, a key in two
//! places, an `Authorization` header that is not `Bearer <token>`, a key with bytes a key
//! does not hold, a query key that would need decoding.

use http::HeaderMap;
use http::header::AUTHORIZATION;
use scopec_runtime::{Scheme, SchemeKind, Via};

/// What a request carries for an api.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential<'a> {
    /// No key in any accepted place.
    Absent,
    /// One key, in one accepted place.
    Key {
        /// The key as sent.
        key: &'a str,
        /// The scheme it came by.
        scheme: &'static Scheme,
    },
    /// Something in an accepted place that is not one well-formed key.
    Malformed,
}

impl Credential<'_> {
    /// How the key came, for [`scopec_runtime::Key::via`].
    pub fn via(scheme: &'static Scheme) -> Via<'static> {
        match scheme.kind {
            SchemeKind::Bearer => Via::Bearer,
            SchemeKind::Header => Via::Header(scheme.name),
            SchemeKind::Query => Via::Query(scheme.name),
        }
    }
}

/// One place's reading.
enum Read<'a> {
    Absent,
    Key(&'a str),
    Malformed,
}

/// The key of a request for an api with `schemes`: `query` is the target's query (after
/// the `?`), if any.
pub fn read<'a>(schemes: &'static [Scheme], headers: &'a HeaderMap, query: Option<&'a str>) -> Credential<'a> {
    let mut found = Credential::Absent;
    for scheme in schemes {
        let read = match scheme.kind {
            SchemeKind::Bearer => bearer(headers),
            SchemeKind::Header => header(headers, scheme.name),
            SchemeKind::Query => query.map_or(Read::Absent, |q| query_key(q, scheme.name)),
        };
        match (read, found) {
            (Read::Absent, _) => {}
            (Read::Malformed, _) => return Credential::Malformed,
            (Read::Key(key), Credential::Absent) => found = Credential::Key { key, scheme },
            // RFC 6750 §2: a client uses one method; a key in two places is ambiguous.
            (Read::Key(_), _) => return Credential::Malformed,
        }
    }
    found
}

/// Whether `key` holds only what keys hold: visible ASCII, no quote, comma or backslash.
fn plain_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b',' | b'\\' | b';'))
}

/// The one value of a header, if there is exactly one.
fn single<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a [u8]>, ()> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(());
    }
    Ok(Some(first.as_bytes()))
}

fn bearer(headers: &HeaderMap) -> Read<'_> {
    let value = match single(headers, AUTHORIZATION.as_str()) {
        Ok(None) => return Read::Absent,
        Ok(Some(v)) => v,
        Err(()) => return Read::Malformed,
    };
    let Ok(value) = std::str::from_utf8(value) else {
        return Read::Malformed;
    };
    // `Bearer` 1*SP token (RFC 6750 §2.1); the scheme name is case-insensitive.
    let Some((scheme, token)) = value.split_once(' ') else {
        return Read::Malformed;
    };
    let token = token.trim_start_matches(' ');
    if !scheme.eq_ignore_ascii_case("bearer") || !plain_key(token) {
        return Read::Malformed;
    }
    Read::Key(token)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Read<'a> {
    match single(headers, name) {
        Ok(None) => Read::Absent,
        Err(()) => Read::Malformed,
        Ok(Some(v)) => match std::str::from_utf8(v) {
            Ok(key) if plain_key(key) => Read::Key(key),
            _ => Read::Malformed,
        },
    }
}

/// The key in the query parameter `name`. A parameter counts when its name equals `name`
/// after percent-decoding and ignoring ASCII case (as lenient servers read it); pairs are
/// split on `&` and `;`.
fn query_key<'a>(query: &'a str, name: &str) -> Read<'a> {
    let mut found = Read::Absent;
    for pair in query.split(['&', ';']) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if !decoded_eq_ignore_case(k, name) {
            continue;
        }
        if !matches!(found, Read::Absent) || !plain_key(v) || v.contains(['%', '+']) {
            return Read::Malformed;
        }
        found = Read::Key(v);
    }
    found
}

/// Whether `raw`, percent-decoded (`+` as space), equals `name` ignoring ASCII case.
fn decoded_eq_ignore_case(raw: &str, name: &str) -> bool {
    let (raw, name) = (raw.as_bytes(), name.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < raw.len() {
        let b = match raw[i] {
            b'%' if i + 2 < raw.len() && hex(raw[i + 1]).is_some() && hex(raw[i + 2]).is_some() => {
                let v = hex(raw[i + 1]).unwrap_or(0) * 16 + hex(raw[i + 2]).unwrap_or(0);
                i += 3;
                v
            }
            b'+' => {
                i += 1;
                b' '
            }
            b => {
                i += 1;
                b
            }
        };
        match name.get(j) {
            Some(n) if n.eq_ignore_ascii_case(&b) => j += 1,
            _ => return false,
        }
    }
    j == name.len()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    static BEARER: Scheme = Scheme { kind: SchemeKind::Bearer, name: "", legacy: false, formats: (0, 0), kinds: &[] };
    static HEADER: Scheme =
        Scheme { kind: SchemeKind::Header, name: "X-API-Key", legacy: false, formats: (0, 0), kinds: &[] };
    static QUERY: Scheme =
        Scheme { kind: SchemeKind::Query, name: "api_key", legacy: false, formats: (0, 0), kinds: &[] };
    static ALL: [Scheme; 3] = [BEARER, HEADER, QUERY];

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, http::HeaderValue::from_static(v));
        }
        h
    }

    fn key(c: Credential<'_>) -> Option<&str> {
        match c {
            Credential::Key { key, .. } => Some(key),
            _ => None,
        }
    }

    #[test]
    fn bearer_tokens() {
        let ok = |v: &'static str| {
            let h = headers(&[("authorization", v)]);
            key(read(&ALL[..1], &h, None)).map(str::to_string)
        };
        let malformed =
            |v: &'static str| read(&ALL[..1], &headers(&[("authorization", v)]), None) == Credential::Malformed;
        assert_eq!(ok("Bearer k1").as_deref(), Some("k1"));
        assert_eq!(ok("bearer  k1").as_deref(), Some("k1"));
        for bad in ["k1", "Basic k1", "Bearer", "Bearer ", "Bearer a b", "Bearer \"k\"", "Bearerk1"] {
            assert!(malformed(bad), "{bad:?}");
        }
        let two = headers(&[("authorization", "Bearer a"), ("authorization", "Bearer a")]);
        assert_eq!(super::read(&ALL[..1], &two, None), Credential::Malformed);
        assert_eq!(super::read(&ALL[..1], &HeaderMap::new(), None), Credential::Absent);
    }

    #[test]
    fn headers_and_query_parameters() {
        let h = headers(&[("x-api-key", "k2")]);
        assert_eq!(key(read(&ALL[1..2], &h, None)), Some("k2"));
        assert_eq!(key(read(&ALL[2..], &HeaderMap::new(), Some("a=1&api_key=k3"))), Some("k3"));
        for q in
            ["api_key=k3&api_key=k3", "API_KEY=k3;api_key=k4", "api%5Fkey=k3&api_key=k4", "api_key=", "api_key=a%20b"]
        {
            assert_eq!(read(&ALL[2..], &HeaderMap::new(), Some(q)), Credential::Malformed, "{q}");
        }
        // A key in two accepted places is ambiguous.
        assert_eq!(read(&ALL, &h, Some("api_key=k2")), Credential::Malformed);
        // A scheme the api does not accept is not read at all.
        let other = headers(&[("authorization", "Basic eA==")]);
        assert_eq!(read(&ALL[1..2], &other, None), Credential::Absent);
    }
}
