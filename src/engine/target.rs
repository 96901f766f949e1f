//! Request targets: checked, split and decoded, never normalized. A target that is not in
//! normal form is rejected, so no spelling of a path can reach a route it should not.

/// Why a target was rejected: the runtime's type, so that the engine and generated code
/// share one list of rejections, names and reasons.
pub use scopec_runtime::Rejection;

/// A checked target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target<'a> {
    /// The path, as sent.
    pub path: &'a str,
    /// Non-empty raw segments.
    pub segments: Vec<&'a str>,
    pub trailing_slash: bool,
    /// Decoded query parameters (`key` alone has an empty value).
    pub query: Vec<(String, String)>,
}

/// Checks and splits a request target.
pub fn parse(target: &str) -> Result<Target<'_>, Rejection> {
    if !target.starts_with('/') {
        return Err(Rejection::NotAbsolute);
    }
    for b in target.bytes() {
        match b {
            b'#' => return Err(Rejection::Fragment),
            b'\\' => return Err(Rejection::Backslash),
            0x21..=0x7e => {}
            _ => return Err(Rejection::IllegalByte),
        }
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let mut segments = Vec::new();
    let mut trailing_slash = false;
    let rest = &path[1..];
    if !rest.is_empty() {
        let parts: Vec<&str> = rest.split('/').collect();
        let last = parts.len() - 1;
        for (i, seg) in parts.into_iter().enumerate() {
            if seg.is_empty() {
                if i == last {
                    trailing_slash = true;
                    continue;
                }
                return Err(Rejection::EmptySegment);
            }
            if seg == "." || seg == ".." {
                return Err(Rejection::DotSegment);
            }
            check_path_segment(seg)?;
            segments.push(seg);
        }
    }
    let query = match query {
        Some(q) => parse_query(q)?,
        None => Vec::new(),
    };
    Ok(Target { path, segments, trailing_slash, query })
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Checks a path segment: no `;` (servers that strip path parameters would route the
/// rest elsewhere), and percent-encodings only of characters a path segment cannot hold
/// raw (see `scopec_runtime::target::check_segment`, which checks the same in the same
/// order).
fn check_path_segment(seg: &str) -> Result<(), Rejection> {
    if seg.contains(';') {
        return Err(Rejection::PathParameter);
    }
    if !seg.contains('%') {
        return Ok(());
    }
    let decoded = decode(seg.as_bytes(), false)?;
    for (i, &(b, encoded)) in decoded.marked.iter().enumerate() {
        if !encoded {
            continue;
        }
        if scopec_runtime::target::needs_no_encoding(b) {
            return Err(Rejection::EncodedUnreserved);
        }
        match b {
            b'/' => return Err(Rejection::EncodedSlash),
            b'\\' => return Err(Rejection::EncodedBackslash),
            b'%' if decoded.marked.get(i + 1..i + 3).is_some_and(|n| n.iter().all(|(x, _)| x.is_ascii_hexdigit())) => {
                return Err(Rejection::DoubleEncoded);
            }
            _ => {}
        }
    }
    String::from_utf8(decoded.bytes).map(|_| ()).map_err(|_| Rejection::InvalidUtf8)
}

/// Decoded bytes, and each decoded byte with whether it came from a `%XX`.
struct Decoded {
    bytes: Vec<u8>,
    marked: Vec<(u8, bool)>,
}

fn decode(input: &[u8], plus_is_space: bool) -> Result<Decoded, Rejection> {
    let mut bytes = Vec::with_capacity(input.len());
    let mut marked = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'%' => {
                let hi = input.get(i + 1).copied().and_then(hex);
                let lo = input.get(i + 2).copied().and_then(hex);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(Rejection::BadPercent);
                };
                let b = hi * 16 + lo;
                if b < 0x20 || b == 0x7f {
                    return Err(Rejection::EncodedControl);
                }
                bytes.push(b);
                marked.push((b, true));
                i += 3;
            }
            b'+' if plus_is_space => {
                bytes.push(b' ');
                marked.push((b' ', false));
                i += 1;
            }
            b => {
                bytes.push(b);
                marked.push((b, false));
                i += 1;
            }
        }
    }
    Ok(Decoded { bytes, marked })
}

fn parse_query(q: &str) -> Result<Vec<(String, String)>, Rejection> {
    let mut out = Vec::new();
    for (k, v) in super::query::parts(q) {
        let k = String::from_utf8(decode(k.as_bytes(), true)?.bytes).map_err(|_| Rejection::InvalidUtf8)?;
        let v = String::from_utf8(decode(v.as_bytes(), true)?.bytes).map_err(|_| Rejection::InvalidUtf8)?;
        out.push((k, v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_decodes() {
        let t = parse("/v3/notes/?includeSoapNote=true&x=a%20b+c&flag");
        assert_eq!(t.as_ref().map(|t| (t.segments.clone(), t.trailing_slash)), Ok((vec!["v3", "notes"], true)));
        assert_eq!(
            t.map(|t| t.query),
            Ok(vec![
                ("includeSoapNote".into(), "true".into()),
                ("x".into(), "a b c".into()),
                ("flag".into(), String::new())
            ])
        );
        assert_eq!(parse("/").map(|t| (t.segments, t.trailing_slash)), Ok((vec![], false)));
        assert_eq!(parse("/a/caf%C3%A9").map(|t| t.segments), Ok(vec!["a", "caf%C3%A9"]));
    }

    #[test]
    fn rejects_non_normal_forms() {
        let cases = [
            ("a/b", Rejection::NotAbsolute),
            ("/a#b", Rejection::Fragment),
            ("/a b", Rejection::IllegalByte),
            ("/a\\b", Rejection::Backslash),
            ("/a//b", Rejection::EmptySegment),
            ("/a/../b", Rejection::DotSegment),
            ("/a/./b", Rejection::DotSegment),
            ("/a/%2e%2e/b", Rejection::EncodedUnreserved),
            ("/a%2Fb", Rejection::EncodedSlash),
            ("/a%5cb", Rejection::EncodedBackslash),
            ("/a%00", Rejection::EncodedControl),
            ("/a%zz", Rejection::BadPercent),
            ("/a%c0%ae", Rejection::InvalidUtf8),
            ("/a?x=%ff", Rejection::InvalidUtf8),
            ("/a?x=%0a", Rejection::EncodedControl),
        ];
        for (target, why) in cases {
            assert_eq!(parse(target), Err(why), "{target}");
        }
    }
}
