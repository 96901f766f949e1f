//! Checking a request target the way the reference engine does, and splitting its path
//! into segments: the general path of [`crate::authorize`], taken when the fast walk is
//! unsure.

use super::percent::{check_percent, decoded, utf8_ok};
use super::rejection::Rejection;
use super::route::MAX_DEPTH;
use super::swar::{bad_bytes, bytes_equal, load, ONES};

/// The segments of a checked path (the first [`MAX_DEPTH`] of them).
pub struct Target {
    /// Each segment's start and end in the target.
    pub segments: [(usize, usize); MAX_DEPTH],
    /// The number of segments (may exceed [`MAX_DEPTH`]).
    pub count: usize,
    /// The path ends with `/`.
    pub trailing_slash: bool,
    /// The index of `?`, or the target's length.
    pub query: usize,
}

impl Target {
    /// No segments yet.
    pub const fn new(len: usize) -> Target {
        Target { segments: [(0, 0); MAX_DEPTH], count: 0, trailing_slash: false, query: len }
    }
}

/// True for the characters a path segment may hold raw (RFC 3986 `pchar` without `%`):
/// their percent-encoding is refused, since a server that decodes before routing would
/// route the decoded text (`%40admin` as the literal `@admin`).
#[inline]
pub fn needs_no_encoding(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

/// Checks a percent-encoded path segment: encodings only of characters a segment cannot
/// hold raw, no encoded `/` or `\`, no encoding encoded twice, valid UTF-8.
///
/// ```
/// use scopec_runtime::{target::check_segment, Rejection};
/// assert_eq!(check_segment(b"caf%C3%A9"), Ok(()));
/// assert_eq!(check_segment(b"%41"), Err(Rejection::EncodedUnreserved));
/// assert_eq!(check_segment(b"%40admin"), Err(Rejection::EncodedUnreserved));
/// assert_eq!(check_segment(b"a%2Fb"), Err(Rejection::EncodedSlash));
/// assert_eq!(check_segment(b"a%252Fb"), Err(Rejection::DoubleEncoded));
/// assert_eq!(check_segment(b"100%25"), Ok(()));
/// ```
#[inline]
pub fn check_segment(seg: &[u8]) -> Result<(), Rejection> {
    check_percent(seg)?;
    let mut bytes = decoded(seg, false);
    while let Some((b, encoded)) = bytes.next() {
        if !encoded {
            continue;
        }
        if needs_no_encoding(b) {
            return Err(Rejection::EncodedUnreserved);
        }
        match b {
            b'/' => return Err(Rejection::EncodedSlash),
            b'\\' => return Err(Rejection::EncodedBackslash),
            b'%' => {
                let mut next = bytes.clone();
                if next.next().is_some_and(|(x, _)| x.is_ascii_hexdigit())
                    && next.next().is_some_and(|(x, _)| x.is_ascii_hexdigit())
                {
                    return Err(Rejection::DoubleEncoded);
                }
            }
            _ => {}
        }
    }
    if utf8_ok(decoded(seg, false).map(|(b, _)| b)) {
        Ok(())
    } else {
        Err(Rejection::InvalidUtf8)
    }
}

/// Checks a query (the bytes after `?`): percent-encodings and UTF-8 of keys and values,
/// part by part (parts split on `&` and `;`, as `when` conditions read them), so that the
/// first problem reported is the engine's.
#[inline]
pub fn check_query(query: &[u8]) -> Result<(), Rejection> {
    for part in query.split(|b| *b == b'&' || *b == b';').filter(|p| !p.is_empty()) {
        let eq = part.iter().position(|b| *b == b'=').unwrap_or(part.len());
        let (k, v) = (&part[..eq], part.get(eq + 1..).unwrap_or(&[]));
        for text in [k, v] {
            check_percent(text)?;
            if !utf8_ok(decoded(text, true).map(|(b, _)| b)) {
                return Err(Rejection::InvalidUtf8);
            }
        }
    }
    Ok(())
}

fn bad_byte(b: u8) -> Rejection {
    match b {
        b'#' => Rejection::Fragment,
        b'\\' => Rejection::Backslash,
        _ => Rejection::IllegalByte,
    }
}

/// Where a scan is: the current segment's start, whether it holds a `%`, the first
/// problem with a segment, and whether the query has begun.
struct Scan {
    problem: Option<Rejection>,
    start: usize,
    percent: bool,
    in_query: bool,
}

/// Scans the word `x` (the bytes of `t` at `base`; only the bytes whose high bits are in
/// `keep` are new): stops at a bad byte, splits segments at `/`, notes `%`, finds `?`.
#[inline(always)]
fn scan_word(t: &[u8], x: u64, base: usize, keep: u64, scan: &mut Scan, target: &mut Target) -> Result<(), Rejection> {
    let bad = bad_bytes(x) & keep;
    if bad != 0 {
        return Err(bad_byte(t[base + (bad.trailing_zeros() / 8) as usize]));
    }
    if scan.in_query {
        return Ok(());
    }
    let mut special = (bytes_equal(x, b'/') | bytes_equal(x, b'?') | bytes_equal(x, b'%')) & keep;
    while special != 0 {
        let i = base + (special.trailing_zeros() / 8) as usize;
        special &= special - 1;
        match t[i] {
            b'/' => {
                if scan.problem.is_none() {
                    scan.problem = segment(target, &t[scan.start..i], scan.start, false, scan.percent);
                }
                scan.start = i + 1;
                scan.percent = false;
            }
            b'%' => scan.percent = true,
            _ => {
                target.query = i;
                scan.in_query = true;
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Checks and splits a target, eight bytes at a time. A bad byte anywhere wins over a
/// problem with a segment, and a segment problem over a query problem, as in the engine.
///
/// ```
/// use scopec_runtime::{target::{check_target, Target}, Rejection};
/// let t = b"/a/bc/?x=1";
/// let mut checked = Target::new(t.len());
/// assert_eq!(check_target(t, &mut checked), Ok(()));
/// assert_eq!((checked.count, checked.trailing_slash, checked.query), (2, true, 6));
/// assert_eq!(checked.segments[1], (3, 5));
/// let mut checked = Target::new(6);
/// assert_eq!(check_target(b"/a/../", &mut checked), Err(Rejection::DotSegment));
/// ```
#[inline]
pub fn check_target(t: &[u8], target: &mut Target) -> Result<(), Rejection> {
    if t.first() != Some(&b'/') {
        return Err(Rejection::NotAbsolute);
    }
    let mut scan = Scan { problem: None, start: 1, percent: false, in_query: false };
    let n = t.len();
    // The leading `/` is not a separator.
    let first = !0x80u64;
    if n >= 8 {
        let mut base = 0;
        let mut keep = first;
        while base + 8 <= n {
            scan_word(t, load(t, base), base, keep, &mut scan, target)?;
            keep = !0;
            base += 8;
        }
        if base < n {
            // The last word overlaps the one before; only its new bytes count.
            let at = n - 8;
            scan_word(t, load(t, at), at, !0u64 << ((base - at) * 8), &mut scan, target)?;
        }
    } else {
        let mut x = ONES * u64::from(b'a');
        for (k, b) in t.iter().enumerate() {
            x = (x & !(0xff << (8 * k))) | (u64::from(*b) << (8 * k));
        }
        scan_word(t, x, 0, first, &mut scan, target)?;
    }
    let query = target.query;
    if query > 1 && scan.problem.is_none() {
        scan.problem = segment(target, &t[scan.start..query], scan.start, true, scan.percent);
    }
    if let Some(p) = scan.problem {
        return Err(p);
    }
    // Without `%`, a query of printable ASCII decodes to itself: nothing to check.
    if query < n && t[query..].contains(&b'%') {
        check_query(&t[query + 1..])?;
    }
    Ok(())
}

/// Checks one segment and records it; returns the problem with it, if any.
#[inline(always)]
fn segment(target: &mut Target, seg: &[u8], start: usize, last: bool, percent: bool) -> Option<Rejection> {
    match seg {
        [] if last => {
            target.trailing_slash = true;
            return None;
        }
        [] => return Some(Rejection::EmptySegment),
        [b'.'] | [b'.', b'.'] => return Some(Rejection::DotSegment),
        _ => {}
    }
    if seg.contains(&b';') {
        return Some(Rejection::PathParameter);
    }
    if percent {
        let problem = check_segment(seg).err();
        if problem.is_some() {
            return problem;
        }
    }
    if target.count < MAX_DEPTH {
        target.segments[target.count] = (start, start + seg.len());
    }
    target.count += 1;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(t: &str) -> Result<(usize, bool, usize), Rejection> {
        let mut target = Target::new(t.len());
        check_target(t.as_bytes(), &mut target).map(|()| (target.count, target.trailing_slash, target.query))
    }

    #[test]
    fn rejections_in_the_engine_order() {
        assert_eq!(check("a"), Err(Rejection::NotAbsolute));
        assert_eq!(check("/a#b"), Err(Rejection::Fragment));
        assert_eq!(check("/a b"), Err(Rejection::IllegalByte));
        assert_eq!(check("/a\\b"), Err(Rejection::Backslash));
        assert_eq!(check("/a//b"), Err(Rejection::EmptySegment));
        assert_eq!(check("/a/./b"), Err(Rejection::DotSegment));
        assert_eq!(check("/a/%zz"), Err(Rejection::BadPercent));
        // A bad byte anywhere wins over an earlier segment problem.
        assert_eq!(check("/a//b/c d"), Err(Rejection::IllegalByte));
        // A segment problem wins over a query problem.
        assert_eq!(check("/a/%41?x=%zz"), Err(Rejection::EncodedUnreserved));
        assert_eq!(check("/a?x=%ff"), Err(Rejection::InvalidUtf8));
    }

    #[test]
    fn splits_long_and_short_targets_alike() {
        assert_eq!(check("/"), Ok((0, false, 1)));
        assert_eq!(check("/a"), Ok((1, false, 2)));
        assert_eq!(check("/a/"), Ok((1, true, 3)));
        assert_eq!(check("/abcdefgh/ijklmnop/q?r=s"), Ok((3, false, 20)));
        assert_eq!(check("/abcdefgh/ijklmnop/"), Ok((2, true, 19)));
    }
}
