//! `when` conditions on the query, read as leniently as the servers in front of a policy
//! read queries (a condition only adds to a requirement, so reading it as met more often
//! is the stricter reading): parts split on `&` and `;`; keys compared ignoring ASCII case,
//! one leading `$` and one trailing `[]` or `[N]` ([`key_is`]); values ignoring ASCII case
//! and surrounding whitespace, whole or element by element when comma-separated
//! ([`value_in`]); a boolean matching every spelling common parsers accept for it
//! ([`accepted_values`]); an absent parameter counting as its documented default.

use super::percent::decoded;
use super::swar::{bytes_equal, load, lower_word};

/// The spellings of true that Go's `strconv.ParseBool`, pydantic (FastAPI) and .NET's
/// `bool.Parse` accept, ignoring case.
pub const TRUE_SPELLINGS: [&str; 6] = ["true", "1", "t", "y", "yes", "on"];
/// The spellings of false those parsers accept, ignoring case.
pub const FALSE_SPELLINGS: [&str; 6] = ["false", "0", "f", "n", "no", "off"];

/// The values a `when ?key=want` condition accepts: every spelling of a boolean, or just
/// `want` (compared ignoring case). The compiler's engine and the emitter both use it.
///
/// ```
/// use scopec_runtime::query::accepted_values;
/// assert_eq!(accepted_values("TRUE").len(), 6);
/// assert!(accepted_values("FALSE").contains(&"off"));
/// assert!(accepted_values("admin").is_empty());
/// ```
pub fn accepted_values(want: &str) -> &'static [&'static str] {
    if want.eq_ignore_ascii_case("true") {
        &TRUE_SPELLINGS
    } else if want.eq_ignore_ascii_case("false") {
        &FALSE_SPELLINGS
    } else {
        &[]
    }
}

/// `when ?key`, `when ?key=value`, `when header "Name"` or `when header "Name" = "value"`.
/// *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The parameter name, decoded, or the header name (compared ignoring ASCII case).
    pub key: &'static [u8],
    /// A condition on a request header (see [`crate::headers`]), not the query.
    pub header: bool,
    /// The values that meet the condition (each compared ignoring ASCII case and
    /// surrounding whitespace), or `None` for "present".
    pub values: Option<&'static [&'static [u8]]>,
    /// An absent query parameter (or one given only empty values) meets the condition:
    /// its documented default does.
    pub by_default: bool,
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

/// True when the decoded `raw` is `want` with ASCII case folded and surrounding ASCII
/// whitespace ignored.
///
/// ```
/// use scopec_runtime::query::value_is;
/// assert!(value_is(b"+Yes%20", b"yes"));
/// assert!(!value_is(b"yess", b"yes"));
/// ```
#[inline]
pub fn value_is(raw: &[u8], want: &[u8]) -> bool {
    if raw.len() == want.len() {
        // Nothing is encoded and no space is possible (a raw query holds no space).
        return same_text(raw, want, true);
    }
    if !raw.iter().any(|b| matches!(b, b'%' | b'+')) {
        // Only `%xx` shortens, and only it and `+` make the whitespace that may surround
        // the value (a raw query holds no space).
        return false;
    }
    let mut bytes = decoded(raw, true).map(|(b, _)| b).skip_while(u8::is_ascii_whitespace).peekable();
    for w in want {
        match bytes.next() {
            Some(b) if b.eq_ignore_ascii_case(w) => {}
            _ => return false,
        }
    }
    bytes.all(|b| b.is_ascii_whitespace())
}

/// Where the parameter name of a key starts and ends, in bytes `0..n` of it: after one
/// leading `$` (unless it is all), before one trailing `[]` or `[N]` (unless it is all).
fn name_bounds(bytes: impl Iterator<Item = u8>) -> (usize, usize) {
    let (mut n, mut first) = (0, 0u8);
    // The last `[`, and whether what follows it is digits and one final `]`.
    let (mut open, mut index_ok, mut closed) = (None, false, false);
    for (i, b) in bytes.enumerate() {
        if i == 0 {
            first = b;
        }
        n = i + 1;
        if b == b'[' {
            (open, index_ok, closed) = (Some(i), true, false);
        } else if open.is_some() {
            if closed || !(b == b']' || b.is_ascii_digit()) {
                index_ok = false;
            }
            closed |= b == b']';
        }
    }
    let start = usize::from(first == b'$' && n > 1);
    let end = match open {
        Some(o) if index_ok && closed && o > start => o,
        _ => n,
    };
    (start, end)
}

/// True when the decoded key `raw` names parameter `name` (already reduced to its name:
/// no leading `$`, no trailing index), ignoring ASCII case: `$select`, `SELECT` and
/// `%24select` name `select`; `expand[]`, `expand[0]` and `expand%5B%5D` name `expand`.
///
/// ```
/// use scopec_runtime::query::key_is;
/// assert!(key_is(b"%24Select", b"select"));
/// assert!(key_is(b"expand%5B%5D", b"expand"));
/// assert!(key_is(b"expand[10]", b"expand"));
/// assert!(!key_is(b"expand[a]", b"expand"));
/// assert!(key_is(b"filter[status]", b"filter[status]"));
/// ```
#[inline]
pub fn key_is(raw: &[u8], name: &[u8]) -> bool {
    // A name with no `$` to drop and no `]` that could close an index is all its own name.
    let plain_name = !(name.len() > 1 && name[0] == b'$') && name.last() != Some(&b']');
    if raw.len() == name.len() && plain_name && same_text(raw, name, true) {
        // Nothing encoded, and nothing to drop.
        return true;
    }
    if raw.len() < name.len() {
        return false;
    }
    let plain = !raw.iter().any(|b| matches!(b, b'%' | b'+'));
    let (start, end) =
        if plain { name_bounds(raw.iter().copied()) } else { name_bounds(decoded(raw, true).map(|(b, _)| b)) };
    if end - start != name.len() {
        return false;
    }
    let mut w = name.iter();
    let mut bytes = decoded(raw, true).map(|(b, _)| b).skip(start).take(end - start);
    bytes.all(|b| w.next().is_some_and(|x| x.eq_ignore_ascii_case(&b)))
}

/// True when the decoded `raw` reads as `want` as a whole ([`value_is`]) or in one of its
/// comma-separated elements, each compared the same way.
///
/// ```
/// use scopec_runtime::query::value_in;
/// assert!(value_in(b"public_channel,im", b"im"));
/// assert!(value_in(b"public_channel%2C%20IM", b"im"));
/// assert!(value_in(b"a,b", b"a,b"));
/// assert!(!value_in(b"imx,b", b"im"));
/// ```
#[inline]
pub fn value_in(raw: &[u8], want: &[u8]) -> bool {
    if value_is(raw, want) {
        return true;
    }
    if !raw.iter().any(|b| matches!(b, b',' | b'%')) {
        // No comma, plain or encoded.
        return false;
    }
    // Per element: still skipping leading whitespace, bytes of `want` matched, failed.
    let (mut leading, mut at, mut failed) = (true, 0, false);
    for (b, _) in decoded(raw, true) {
        if b == b',' {
            if !failed && at == want.len() {
                return true;
            }
            (leading, at, failed) = (true, 0, false);
            continue;
        }
        if leading && b.is_ascii_whitespace() {
            continue;
        }
        leading = false;
        if failed {
            continue;
        }
        match want.get(at) {
            Some(w) if w.eq_ignore_ascii_case(&b) => at += 1,
            Some(_) => failed = true,
            None => failed = !b.is_ascii_whitespace(),
        }
    }
    !failed && at == want.len()
}

/// The index of the first `&` or `;` in `t` at or after `from` (`t.len()` when none).
#[inline(always)]
fn find_separator(t: &[u8], from: usize) -> usize {
    let mut i = from;
    while i + 8 <= t.len() {
        let x = load(t, i);
        let found = bytes_equal(x, b'&') | bytes_equal(x, b';');
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < t.len() && t[i] != b'&' && t[i] != b';' {
        i += 1;
    }
    i
}

/// The bitmask of `whens` the query (the bytes after `?`, already checked) meets.
///
/// ```
/// use scopec_runtime::query::{whens_met, When};
/// let yes: &[&[u8]] = &[b"yes"];
/// let whens = [
///     When { key: b"a", header: false, values: None, by_default: false },
///     When { key: b"b", header: false, values: Some(yes), by_default: false },
///     When { key: b"c", header: false, values: Some(yes), by_default: true },
/// ];
/// assert_eq!(whens_met(&whens, b"B=YES&c=no"), 0b010);
/// assert_eq!(whens_met(&whens, b"x=1;A&b=no"), 0b101);
/// ```
#[inline]
pub fn whens_met(whens: &[When], query: &[u8]) -> usize {
    let mut met = 0;
    // The whens whose parameter was given a non-empty value: no default for them.
    let mut given = 0;
    let mut start = 0;
    while start < query.len() {
        let end = find_separator(query, start);
        let part = &query[start..end];
        start = end + 1;
        if part.is_empty() {
            continue;
        }
        let eq = part.iter().position(|b| *b == b'=').unwrap_or(part.len());
        let (k, v) = (&part[..eq], part.get(eq + 1..).unwrap_or(&[]));
        for (i, w) in whens.iter().enumerate() {
            if w.header || !key_is(k, w.key) {
                continue;
            }
            if !v.is_empty() {
                given |= 1 << i;
            }
            if w.values.is_none_or(|values| values.iter().any(|want| value_in(v, want))) {
                met |= 1 << i;
            }
        }
    }
    for (i, w) in whens.iter().enumerate() {
        if w.by_default && !w.header && given & (1 << i) == 0 {
            met |= 1 << i;
        }
    }
    met
}
