//! `when` conditions, read as leniently as the servers in front of a policy read queries,
//! so that no spelling a common server accepts walks past a condition (which only ever
//! adds to a requirement: reading it as met more often is the stricter reading).
//!
//! - The query is split on `&` and on `;` (older parsers, Python's among them, split on
//!   both).
//! - Keys compare ignoring ASCII case (ASP.NET binds query keys case-insensitively).
//! - Values compare ignoring ASCII case and surrounding ASCII whitespace.
//! - A wanted boolean matches every spelling of it that Go's `strconv.ParseBool`,
//!   pydantic (FastAPI) or .NET's `bool.Parse` accept: `true`, `1`, `t`, `y`, `yes`, `on`
//!   for true; `false`, `0`, `f`, `n`, `no`, `off` for false.

pub use scopec_runtime::query::accepted_values;

/// The query's parts as `(key, value)` text, split on `&` and `;` (not decoded).
pub fn parts(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query.split(['&', ';']).filter(|p| !p.is_empty()).map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// Whether a decoded value reads as `want`.
pub fn value_matches(value: &str, want: &str) -> bool {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    match accepted_values(want) {
        [] => value.eq_ignore_ascii_case(want),
        spellings => spellings.iter().any(|s| value.eq_ignore_ascii_case(s)),
    }
}

/// Whether a header value reads as `want`: the value itself, or any element of it read as
/// a comma-separated list (RFC 9110 lets a server join repeated fields with commas, so
/// `X: a, b` may stand for two fields), each compared as a query value is.
pub fn header_value_matches(value: &str, want: &str) -> bool {
    value_matches(value, want) || value.split(',').any(|v| value_matches(v, want))
}

/// Whether a decoded key names `want`.
pub fn key_matches(key: &str, want: &str) -> bool {
    key.eq_ignore_ascii_case(want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_spellings() {
        for v in ["true", "TRUE", "1", "t", "Y", "yes", "On", " true "] {
            assert!(value_matches(v, "true"), "{v}");
        }
        for v in ["false", "0", "off", "2", "truth", ""] {
            assert!(!value_matches(v, "true"), "{v}");
        }
        assert!(value_matches("No", "false"));
        assert!(value_matches(" Admin ", "admin"));
        assert!(key_matches("includesoapnote", "includeSoapNote"));
        let p: Vec<_> = parts("a=1;b&c=2&&").collect();
        assert_eq!(p, [("a", "1"), ("b", ""), ("c", "2")]);
    }
}
