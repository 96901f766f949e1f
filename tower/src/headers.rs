//! The request's headers as the runtime reads them for `when header` conditions.

use scopec_runtime::Headers;

/// An [`http::HeaderMap`] seen through [`Headers`]: every value of a name (a header sent
/// twice counts twice), names ignoring case, without allocating.
#[derive(Debug, Clone, Copy)]
pub struct HeaderMapRef<'a>(pub &'a http::HeaderMap);

impl Headers for HeaderMapRef<'_> {
    fn any_value(&self, name: &str, f: &mut dyn FnMut(&[u8]) -> bool) -> bool {
        // A name that is not a valid header name is in no map (`get_all` finds nothing).
        self.0.get_all(name).iter().any(|v| f(v.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_of_a_name_ignoring_case() {
        let mut map = http::HeaderMap::new();
        map.append("x-admin", http::HeaderValue::from_static("no"));
        map.append("X-Admin", http::HeaderValue::from_static("yes"));
        let h = HeaderMapRef(&map);
        assert!(h.any_value("X-ADMIN", &mut |v| v == b"yes"));
        assert!(!h.any_value("X-Other", &mut |_| true));
        assert!(!h.any_value("not a name", &mut |_| true));
    }
}
