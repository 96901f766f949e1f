//! How `when` conditions read a query, as leniently as the servers in front of a policy
//! do, so that no spelling a common server accepts walks past a condition (a condition only
//! adds to a requirement: reading it as met more often is the stricter reading).
//!
//! - Keys compare ignoring ASCII case (ASP.NET binds query keys case-insensitively), with
//!   one leading `$` dropped (`$select` and `select` are one option in OData 4.01 and
//!   Microsoft Graph) and one trailing `[]` or `[N]` dropped (`expand[]`, `expand[0]` and
//!   `expand` are one list parameter to PHP, Rails, `qs` and ASP.NET's binders).
//! - Values compare ignoring ASCII case and surrounding ASCII whitespace, as a whole or
//!   element by element when comma-separated (`types=public_channel,im` lists two types
//!   to the servers that split it).
//! - A wanted boolean matches every spelling of it that Go's `strconv.ParseBool`,
//!   pydantic (FastAPI) or .NET's `bool.Parse` accept: `true`, `1`, `t`, `y`, `yes`, `on`
//!   for true; `false`, `0`, `f`, `n`, `no`, `off` for false.

use scopec_runtime::query::accepted_values;

/// The parameter a (decoded) key names: one leading `$` and one trailing `[]` or `[N]`
/// dropped. Inner brackets stay (`filter[status]` is its own parameter).
///
/// ```
/// use scopec::model::query::base;
/// assert_eq!(base("$select"), "select");
/// assert_eq!(base("expand[]"), "expand");
/// assert_eq!(base("expand[12]"), "expand");
/// assert_eq!(base("filter[status]"), "filter[status]");
/// assert_eq!(base("$"), "$");
/// ```
pub fn base(key: &str) -> &str {
    let key = match key.strip_prefix('$') {
        Some(rest) if !rest.is_empty() => rest,
        _ => key,
    };
    if let Some(open) = key.rfind('[').filter(|i| *i > 0) {
        let inside = &key[open + 1..];
        if inside.strip_suffix(']').is_some_and(|index| index.bytes().all(|b| b.is_ascii_digit())) {
            return &key[..open];
        }
    }
    key
}

/// True when two (decoded) keys name one parameter, ignoring ASCII case.
pub fn key_matches(key: &str, want: &str) -> bool {
    base(key).eq_ignore_ascii_case(base(want))
}

/// Whether one decoded value reads as `want`.
fn one_value_matches(value: &str, want: &str) -> bool {
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    match accepted_values(want) {
        [] => value.eq_ignore_ascii_case(want),
        spellings => spellings.iter().any(|s| value.eq_ignore_ascii_case(s)),
    }
}

/// Whether a decoded query value, or a header value, reads as `want`: as a whole, or one
/// of its comma-separated elements (for headers, RFC 9110 lets a proxy join repeated
/// fields with commas, so `X: a, b` may stand for two fields).
pub fn value_matches(value: &str, want: &str) -> bool {
    one_value_matches(value, want) || (value.contains(',') && value.split(',').any(|v| one_value_matches(v, want)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_spellings() {
        for v in ["true", "TRUE", "1", "t", "Y", "yes", "On", " true ", "x,true", "a, yes"] {
            assert!(value_matches(v, "true"), "{v}");
        }
        for v in ["false", "0", "off", "2", "truth", "", "x;true"] {
            assert!(!value_matches(v, "true"), "{v}");
        }
        assert!(value_matches("No", "false"));
        assert!(value_matches(" Admin ", "admin"));
        assert!(value_matches("public_channel,im", "im"));
        assert!(value_matches("a,b", "a,b"));
        assert!(key_matches("includesoapnote", "includeSoapNote"));
        assert!(key_matches("$SELECT", "select"));
        assert!(key_matches("expand[3]", "expand[]"));
        assert!(!key_matches("expand[x]", "expand"));
        assert!(!key_matches("expandx", "expand"));
    }
}
