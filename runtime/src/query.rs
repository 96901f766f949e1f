//! `when` conditions on the query.

use super::percent::decoded;
use super::swar::{bytes_equal, find_byte, load, lower_word};

/// `when ?key` or `when ?key=value`. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The parameter name, decoded.
    pub key: &'static [u8],
    /// The value (compared case-insensitively), or `None` for "present".
    pub value: Option<&'static [u8]>,
}

/// For `raw` and `want` of one length: true when `raw` decodes to `want` (ASCII case
/// folded when `fold`). Equal lengths mean nothing may be encoded: `%xx` shortens, and
/// `+` (a space) matches nothing in a policy's keys and values, which hold no spaces.
#[inline(always)]
fn same_text(raw: &[u8], want: &[u8], fold: bool) -> bool {
    let n = raw.len();
    if n < 8 {
        return raw
            .iter()
            .zip(want)
            .all(|(r, w)| *r != b'%' && *r != b'+' && (r == w || (fold && r.eq_ignore_ascii_case(w))));
    }
    let mut i = 0;
    while i < n {
        // The last word overlaps the one before.
        let at = if i + 8 <= n { i } else { n - 8 };
        let (x, y) = (load(raw, at), load(want, at));
        if bytes_equal(x, b'%') | bytes_equal(x, b'+') != 0 {
            return false;
        }
        if x != y && !(fold && lower_word(x) == lower_word(y)) {
            return false;
        }
        i = at + 8;
    }
    true
}

/// True when the decoded `raw` equals `want` (ASCII case folded when `fold`).
///
/// ```
/// use scopec_runtime::query::decoded_eq;
/// assert!(decoded_eq(b"include%53oap", b"includeSoap", false));
/// assert!(decoded_eq(b"TRUE", b"true", true));
/// assert!(!decoded_eq(b"TRUE", b"true", false));
/// ```
#[inline]
pub fn decoded_eq(raw: &[u8], want: &[u8], fold: bool) -> bool {
    if raw.len() < want.len() {
        // Decoding never lengthens.
        return false;
    }
    if raw.len() == want.len() {
        return same_text(raw, want, fold);
    }
    let mut w = want.iter();
    for (b, _) in decoded(raw, true) {
        match w.next() {
            Some(x) if *x == b || (fold && x.eq_ignore_ascii_case(&b)) => {}
            _ => return false,
        }
    }
    w.next().is_none()
}

/// The bitmask of `whens` the query (the bytes after `?`, already checked) meets.
///
/// ```
/// use scopec_runtime::query::{whens_met, When};
/// let whens = [When { key: b"a", value: None }, When { key: b"b", value: Some(b"yes") }];
/// assert_eq!(whens_met(&whens, b"b=YES&c"), 0b10);
/// assert_eq!(whens_met(&whens, b"a&b=no"), 0b01);
/// ```
#[inline]
pub fn whens_met(whens: &[When], query: &[u8]) -> usize {
    let mut met = 0;
    let mut start = 0;
    while start < query.len() {
        let end = find_byte(query, start, b'&');
        let part = &query[start..end];
        start = end + 1;
        if part.is_empty() {
            continue;
        }
        let eq = find_byte(part, 0, b'=');
        let (k, v) = (&part[..eq], part.get(eq + 1..).unwrap_or(&[]));
        for (i, w) in whens.iter().enumerate() {
            if decoded_eq(k, w.key, false) && w.value.is_none_or(|want| decoded_eq(v, want, true)) {
                met |= 1 << i;
            }
        }
    }
    met
}
