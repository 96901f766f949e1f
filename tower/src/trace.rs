//! Trace ids: taken from a request header or generated, held inline (no allocation).

use std::fmt;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use http::HeaderMap;

/// The longest trace id taken from a request header.
pub const MAX_LEN: usize = 64;

/// A request's trace id: up to [`MAX_LEN`] visible ASCII characters, stored inline.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TraceId {
    bytes: [u8; MAX_LEN],
    len: u8,
}

impl TraceId {
    /// The id taken from `header` when it holds 1 to 64 visible ASCII characters, else
    /// a generated one.
    pub fn from_request(headers: &HeaderMap, header: Option<&http::HeaderName>) -> TraceId {
        let given = header.and_then(|h| {
            let mut values = headers.get_all(h).iter();
            let first = values.next()?;
            if values.next().is_some() {
                return None;
            }
            Some(first.as_bytes())
        });
        match given {
            Some(v) if !v.is_empty() && v.len() <= MAX_LEN && v.iter().all(|b| b.is_ascii_graphic()) => {
                let mut bytes = [0; MAX_LEN];
                bytes[..v.len()].copy_from_slice(v);
                TraceId { bytes, len: v.len() as u8 }
            }
            _ => TraceId::generate(),
        }
    }

    /// A fresh id: 32 hex digits, unique in the process and unpredictable across processes
    /// (a per-process random key, hashed with a counter).
    pub fn generate() -> TraceId {
        static SEED: OnceLock<RandomState> = OnceLock::new();
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let seed = SEED.get_or_init(RandomState::new);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut h = seed.build_hasher();
        h.write_u64(n);
        let high = h.finish();
        let mut bytes = [0; MAX_LEN];
        let digits = b"0123456789abcdef";
        for (i, b) in bytes[..32].iter_mut().enumerate() {
            let word = if i < 16 { high } else { n };
            let shift = 60 - 4 * (i % 16);
            *b = digits[((word >> shift) & 0xf) as usize];
        }
        TraceId { bytes, len: 32 }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        // Only visible ASCII is ever stored, so this never falls back.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl fmt::Debug for TraceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TraceId").field(&self.as_str()).finish()
    }
}

impl fmt::Display for TraceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_a_plain_header_value_and_generates_otherwise() {
        let name = http::HeaderName::from_static("x-request-id");
        let mut headers = HeaderMap::new();
        headers.insert(&name, http::HeaderValue::from_static("req-42"));
        assert_eq!(TraceId::from_request(&headers, Some(&name)).as_str(), "req-42");
        headers.insert(&name, http::HeaderValue::from_static("has space"));
        let generated = TraceId::from_request(&headers, Some(&name));
        assert_eq!(generated.as_str().len(), 32);
        assert!(generated.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(TraceId::generate(), TraceId::generate());
    }
}
