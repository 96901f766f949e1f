//! Routing a target through the policy's route tree.
//!
//! Two walks give the same answer. The fast walk is generated code, one function per
//! node of the tree (the generated module's [`crate::Policy::route`]); it calls the
//! helpers here and never checks a literal segment byte by byte, since matching a
//! literal checks it. When the target is not plainly well-formed it answers
//! [`Miss::Unsure`], and [`lookup`] routes the segments that [`crate::target`] checked,
//! with the engine's order of checks.

use super::method::Method;
use super::policy::Policy;
use super::rejection::Rejection;
use super::swar::{bad_bytes, bytes_equal, load, load_n};
use super::target::{check_query, check_segment, Target};

/// The most segments a path pattern may have (base included). The compiler refuses
/// deeper patterns, so every walk uses bounded stack.
pub const MAX_DEPTH: usize = 32;

/// "No node", "no route" or "no endpoint" in a table of `u16` indices.
pub const NONE: u16 = u16::MAX;

/// A node of the route tree. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// The child for a parameter segment, or [`NONE`].
    pub param: u16,
    /// The route of a catch-all here, or [`NONE`].
    pub catch_all: u16,
    /// The route of a path that ends here, or [`NONE`].
    pub end: u16,
    /// The route of a path that ends here with a trailing slash, or [`NONE`].
    pub end_slash: u16,
}

/// A route: the endpoints of one path pattern. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// Each method and its endpoint.
    pub methods: &'static [(Method, usize)],
    /// The route's methods, comma-separated in [`Method::ALL`] order (an `Allow` header).
    pub allowed: &'static str,
}

/// Why the fast walk gave no route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// No route matches the path.
    NoRoute,
    /// The target is not plainly valid; the general path decides.
    Unsure,
}

/// Where the fast walk of the route tree ended: a route and the index of `?` (or the
/// target's length), or why there is none.
pub type Walk = Result<(usize, usize), Miss>;

/// True when the path ends at `pos`: the target's end or its `?`.
#[inline(always)]
pub fn path_end(t: &[u8], pos: usize) -> bool {
    t.get(pos).is_none_or(|b| *b == b'?')
}

/// The path ends at `p`, at a node other than the root: its route for the path with or
/// without a trailing slash.
#[inline(always)]
pub fn ended(t: &[u8], p: usize, end: u16, end_slash: u16) -> Walk {
    let found = if p > 0 && t[p - 1] == b'/' { end_slash } else { end };
    if found == NONE {
        Err(Miss::NoRoute)
    } else {
        Ok((found as usize, p))
    }
}

/// Where the next segment starts after a segment ending at `e`.
#[inline(always)]
pub fn after(t: &[u8], e: usize) -> usize {
    if t.get(e) == Some(&b'/') {
        e + 1
    } else {
        e
    }
}

/// The end of the segment starting at `pos` (at `/`, `?` or the target's end), if it is a
/// well-formed segment of printable bytes: not empty, not a dot segment, percent-encodings
/// in normal form.
#[inline(always)]
pub fn plain_segment(t: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    let mut percent = false;
    while i < t.len() {
        match t[i] {
            b'/' | b'?' => break,
            b'%' => percent = true,
            b'#' | b'\\' | b';' => return None,
            0x21..=0x7e => {}
            _ => return None,
        }
        i += 1;
    }
    let seg = &t[pos..i];
    if seg.is_empty() || seg == b"." || seg == b".." || (percent && check_segment(seg).is_err()) {
        return None;
    }
    Some(i)
}

/// The end of the segment starting at `p`: the next `/`, `?` or the target's end.
#[inline(always)]
pub fn segment_end(t: &[u8], p: usize) -> usize {
    t[p..].iter().position(|b| *b == b'/' || *b == b'?').map_or(t.len(), |e| p + e)
}

/// The end of the parameter segment at `p`, if it is plainly valid.
#[inline(always)]
pub fn param_end(t: &[u8], p: usize) -> Result<usize, Miss> {
    plain_segment(t, p).ok_or(Miss::Unsure)
}

/// A catch-all's rest from `p`, every segment of it checked (a trailing slash is
/// allowed), for `route`.
#[inline]
pub fn rest(t: &[u8], p: usize, route: usize) -> Walk {
    let mut at = p;
    while !path_end(t, at) {
        at = param_end(t, at)?;
        if t.get(at) == Some(&b'/') {
            at += 1;
        }
    }
    Ok((route, at))
}

/// True when `rest` starts with the literal `lit` followed by `/`, `?` or its end. `lit`
/// is a constant at every call, so the comparison compiles to a few word compares
/// (overlapping loads, as a `memcmp` of known length does).
///
/// ```
/// use scopec_runtime::route::literal_is;
/// assert!(literal_is(b"orders/1", b"orders"));
/// assert!(literal_is(b"orders?x", b"orders"));
/// assert!(!literal_is(b"ordersx", b"orders"));
/// assert!(!literal_is(b"order", b"orders"));
/// ```
#[inline(always)]
pub fn literal_is(rest: &[u8], lit: &[u8]) -> bool {
    let n = lit.len();
    if rest.len() < n {
        return false;
    }
    let equal = if n >= 8 {
        let mut i = 0;
        let mut same = true;
        while i + 8 < n {
            same &= load(rest, i) == load(lit, i);
            i += 8;
        }
        same && load(rest, n - 8) == load(lit, n - 8)
    } else if n >= 4 {
        load_n::<4>(rest, 0) == load_n::<4>(lit, 0) && load_n::<4>(rest, n - 4) == load_n::<4>(lit, n - 4)
    } else if n >= 2 {
        load_n::<2>(rest, 0) == load_n::<2>(lit, 0) && load_n::<2>(rest, n - 2) == load_n::<2>(lit, n - 2)
    } else {
        n == 1 && rest[0] == lit[0]
    };
    equal && matches!(rest.get(n), None | Some(b'/' | b'?'))
}

/// True when `seg` equals one of `lower` ignoring ASCII case; `lower` holds lower-case
/// literals ordered by length, then bytes (so that most comparisons stop at the length).
/// *For generated code.*
///
/// ```
/// use scopec_runtime::route::folds_among;
/// let lits: &[&[u8]] = &[b"me", b"admin", b"users"];
/// assert!(folds_among(lits, b"ADMIN"));
/// assert!(folds_among(lits, b"Me"));
/// assert!(!folds_among(lits, b"adm"));
/// assert!(!folds_among(lits, b"user"));
/// ```
pub fn folds_among(lower: &[&[u8]], seg: &[u8]) -> bool {
    lower
        .binary_search_by(|lit| {
            lit.len().cmp(&seg.len()).then_with(|| lit.iter().copied().cmp(seg.iter().map(u8::to_ascii_lowercase)))
        })
        .is_ok()
}

/// The child of route tree `node` for the literal segment `seg`, or [`NONE`].
pub fn literal_child<P: Policy>(node: u16, seg: &[u8]) -> u16 {
    let literals = P::tables().literals.get(usize::from(node)).copied().unwrap_or(&[]);
    match literals.binary_search_by(|(lit, _)| (*lit).cmp(seg)) {
        Ok(i) => literals[i].1,
        Err(_) => NONE,
    }
}

/// True when `seg` equals a literal child of route tree `node` ignoring ASCII case (an
/// exact match included).
pub fn literal_folds<P: Policy>(node: u16, seg: &[u8]) -> bool {
    folds_among(P::tables().folded.get(usize::from(node)).copied().unwrap_or(&[]), seg)
}

/// True when the segment at `p` equals a literal child of route tree `node` ignoring ASCII
/// case. *For generated code:* the fast walk calls it, out of line, only for a segment
/// that no literal took.
#[cold]
#[inline(never)]
pub fn segment_folds<P: Policy>(node: u16, t: &[u8], p: usize) -> bool {
    literal_folds::<P>(node, &t[p..segment_end(t, p)])
}

/// Whether the query (the bytes after `?`) is plainly valid: printable bytes, eight at a
/// time, and percent-encodings that pass the engine's query check.
#[inline]
pub fn plain_query(query: &[u8]) -> bool {
    let (mut bad, mut percent) = (0, 0);
    let n = query.len();
    if n >= 8 {
        // Whole words, the last one overlapping the one before when `n` is not a multiple
        // of eight.
        let mut i = 0;
        loop {
            let x = load(query, i);
            bad |= bad_bytes(x);
            percent |= bytes_equal(x, b'%');
            if i + 8 == n {
                break;
            }
            i = if i + 16 <= n { i + 8 } else { n - 8 };
        }
    } else {
        for b in query {
            bad |= u64::from(!matches!(b, 0x21..=0x7e) || *b == b'#' || *b == b'\\');
            percent |= u64::from(*b == b'%');
        }
    }
    bad == 0 && (percent == 0 || check_query(query).is_ok())
}

/// True when `t` is certainly well-formed, so that [`crate::target::check_target`] would
/// pass: printable bytes and no `%` or `;` anywhere, and no `/` followed by `/` (an empty
/// segment) or `.` (maybe a dot segment; in the query, where they are harmless, they too
/// send the target to the full check). `false` means: check it fully. Written without
/// early exits so that the compiler checks many bytes at once.
#[inline]
pub fn plainly_valid(t: &[u8]) -> bool {
    if t.first() != Some(&b'/') {
        return false;
    }
    let odd = t.iter().zip(&t[1..]).fold(false, |odd, (a, b)| {
        odd | (*b < 0x21)
            | (*b > 0x7e)
            | (*b == b'#')
            | (*b == b'\\')
            | (*b == b'%')
            | (*b == b';')
            | ((*a == b'/') & ((*b == b'/') | (*b == b'.')))
    });
    !odd
}

/// Routes a target in one pass with the policy's generated walk. The path ends at `?` or
/// the target's end. Parameter segments, a catch-all's rest and the query are checked as
/// the engine checks them. Returns the route and the index of `?` (or the target's
/// length), `Err(Miss::NoRoute)` when no route matches (the target may still be malformed
/// where no route looked), and `Err(Miss::Unsure)` when the target is not plainly valid.
#[inline(always)]
pub fn fast_route<P: Policy>(t: &[u8]) -> Walk {
    if t.first() != Some(&b'/') {
        return Err(Miss::Unsure);
    }
    let found = P::route(t)?;
    if found.1 < t.len() && !plain_query(&t[found.1 + 1..]) {
        return Err(Miss::Unsure);
    }
    Ok(found)
}

/// The best route for a checked path: at each segment a literal, then a parameter, then a
/// catch-all, backtracking (the alternatives still to try are kept on a small stack).
/// [`NONE`] when no route matches; [`Rejection::CaseVariant`] when a segment the walk
/// tries at a node equals one of its literals only ignoring case.
pub fn lookup<P: Policy>(target: &Target, t: &[u8]) -> Result<u16, Rejection> {
    let nodes = P::tables().nodes;
    let Some(root) = nodes.first() else {
        return Ok(NONE);
    };
    // (node, depth, next alternative: 0 parameter, 1 catch-all)
    let mut pending = [(0u16, 0usize, 0u8); MAX_DEPTH];
    let mut top = 0;
    let (mut node, mut depth) = (0u16, 0usize);
    loop {
        let n = nodes.get(usize::from(node)).unwrap_or(root);
        if depth == target.count {
            let end = if target.trailing_slash { n.end_slash } else { n.end };
            if end != NONE {
                return Ok(end);
            }
        } else if depth < MAX_DEPTH {
            if n.param != NONE || n.catch_all != NONE {
                pending[top] = (node, depth, 0);
                top += 1;
            }
            let (s, e) = target.segments[depth];
            let child = literal_child::<P>(node, &t[s..e]);
            if child != NONE {
                node = child;
                depth += 1;
                continue;
            }
            if literal_folds::<P>(node, &t[s..e]) {
                return Err(Rejection::CaseVariant);
            }
        } else if n.catch_all != NONE {
            // Deeper than any pattern: only a catch-all here can take the rest.
            return Ok(n.catch_all);
        }
        // Backtrack to the nearest alternative not yet tried.
        loop {
            if top == 0 {
                return Ok(NONE);
            }
            let (p, d, stage) = pending[top - 1];
            let pn = nodes.get(usize::from(p)).unwrap_or(root);
            if stage == 0 {
                pending[top - 1].2 = 1;
                if pn.param != NONE {
                    node = pn.param;
                    depth = d + 1;
                    break;
                }
            }
            top -= 1;
            if pn.catch_all != NONE {
                return Ok(pn.catch_all);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_query_sees_a_bad_byte_or_percent_at_every_position_of_every_length() {
        for n in 0..=40 {
            assert!(plain_query(&[b'a'; 40][..n]), "clean, length {n}");
            for at in 0..n {
                for byte in [b' ', b'#', b'\\', 0x80, b'%'] {
                    let mut q = [b'a'; 40];
                    q[at] = byte;
                    // Only a `%` may pass, and only when the query check passes it.
                    let plain = byte == b'%' && check_query(&q[..n]).is_ok();
                    assert_eq!(plain_query(&q[..n]), plain, "{byte:#x} at {at} of {n}");
                }
                if at + 3 <= n {
                    let mut q = [b'a'; 40];
                    q[at..at + 3].copy_from_slice(b"%41");
                    assert!(plain_query(&q[..n]), "%41 at {at} of {n}");
                }
            }
        }
    }

    #[test]
    fn plainly_valid_is_never_wrong() {
        for t in ["/a/b", "/a?x=1", "/", "/a/b/"] {
            assert!(plainly_valid(t.as_bytes()), "{t}");
        }
        for t in ["a", "/a//b", "/a/./b", "/a/%41", "/a b", "/a#", "/a\\b", "/a?x=/.", "//"] {
            assert!(!plainly_valid(t.as_bytes()), "{t}");
        }
    }

    #[test]
    fn segments_and_rests() {
        assert_eq!(plain_segment(b"/ab/c", 1), Some(3));
        assert_eq!(plain_segment(b"/../c", 1), None);
        assert_eq!(plain_segment(b"/%41", 1), None);
        assert_eq!(plain_segment(b"/%20", 1), Some(4));
        assert_eq!(rest(b"/a/b/c/", 1, 7), Ok((7, 7)));
        assert_eq!(rest(b"/a//c", 1, 7), Err(Miss::Unsure));
        assert_eq!(ended(b"/a/", 3, 1, 2), Ok((2, 3)));
        assert_eq!(ended(b"/a", 2, 1, NONE), Ok((1, 2)));
        assert_eq!(ended(b"/a/", 3, 1, NONE), Err(Miss::NoRoute));
    }

    #[test]
    fn literal_compares_match_slices_at_every_length() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for n in 1..text.len() {
            let lit = &text[..n];
            let mut same = [0u8; 40];
            same[..n].copy_from_slice(lit);
            same[n] = b'/';
            assert!(literal_is(&same[..=n], lit), "{n}");
            for k in 0..n {
                let mut other = same;
                other[k] ^= 1;
                assert!(!literal_is(&other[..=n], lit), "{n} {k}");
            }
        }
    }
}
