//! `when header` conditions: the request headers a caller hands to
//! [`crate::authorize_with_headers`], read as leniently as servers read them (a condition
//! only adds to a requirement, so reading it as met more often is the stricter reading):
//! names compare ignoring ASCII case, values ignoring ASCII case and surrounding
//! whitespace, a value also counts as the comma-separated list RFC 9110 lets a proxy
//! join repeated fields into, and a wanted boolean matches each spelling of it
//! ([`crate::query::accepted_values`]). [`crate::authorize`], which is given no headers,
//! counts every header condition as met.

use super::query::When;

/// The headers of a request, as the server received them. Implemented for slices of
/// `(name, value)` pairs; a server implements it over its own header map without
/// allocating (see `scopec-tower`).
pub trait Headers {
    /// Whether `f` holds for some value of the header `name` (names compare ignoring
    /// ASCII case; a header sent twice has two values).
    fn any_value(&self, name: &str, f: &mut dyn FnMut(&[u8]) -> bool) -> bool;
}

impl Headers for [(&str, &str)] {
    fn any_value(&self, name: &str, f: &mut dyn FnMut(&[u8]) -> bool) -> bool {
        self.iter().any(|(n, v)| n.eq_ignore_ascii_case(name) && f(v.as_bytes()))
    }
}

impl<const N: usize> Headers for [(&str, &str); N] {
    fn any_value(&self, name: &str, f: &mut dyn FnMut(&[u8]) -> bool) -> bool {
        self.as_slice().any_value(name, f)
    }
}

/// `value` with surrounding ASCII whitespace removed.
fn trimmed(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |i| i + 1);
    value.get(start..end).unwrap_or(&[])
}

/// Whether a header value reads as one of `values`: the whole value or any of its
/// comma-separated elements, ignoring ASCII case and surrounding whitespace.
///
/// ```
/// use scopec_runtime::headers::value_reads_as;
/// let yes: &[&[u8]] = &[b"yes"];
/// assert!(value_reads_as(b" YES ", yes));
/// assert!(value_reads_as(b"no, yes", yes));
/// assert!(!value_reads_as(b"yess", yes));
/// ```
pub fn value_reads_as(value: &[u8], values: &[&[u8]]) -> bool {
    let is = |v: &[u8]| values.iter().any(|want| trimmed(v).eq_ignore_ascii_case(want));
    is(value) || value.split(|b| *b == b',').any(is)
}

/// The bitmask of header `whens` the request meets: with `headers` unknown (`None`), every
/// header condition. Query conditions are left to [`crate::query::whens_met`].
///
/// ```
/// use scopec_runtime::headers::header_whens_met;
/// use scopec_runtime::When;
/// let yes: &[&[u8]] = &[b"yes"];
/// let whens = [
///     When { key: b"a", header: false, values: None, by_default: false },
///     When { key: b"X-Admin", header: true, values: Some(yes), by_default: false },
/// ];
/// assert_eq!(header_whens_met(&whens, Some(&[("x-admin", "Yes")])), 0b10);
/// assert_eq!(header_whens_met(&whens, Some(&[("x-admin", "no")])), 0);
/// assert_eq!(header_whens_met::<[(&str, &str)]>(&whens, None), 0b10);
/// ```
#[inline]
pub fn header_whens_met<H: Headers + ?Sized>(whens: &[When], headers: Option<&H>) -> usize {
    let mut met = 0;
    for (i, w) in whens.iter().enumerate().filter(|(_, w)| w.header) {
        let name = core::str::from_utf8(w.key).unwrap_or("");
        let holds = match headers {
            None => true,
            Some(h) => h.any_value(name, &mut |v| w.values.is_none_or(|values| value_reads_as(v, values))),
        };
        if holds {
            met |= 1 << i;
        }
    }
    met
}
