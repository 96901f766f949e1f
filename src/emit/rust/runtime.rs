// ───────────────────────── runtime (the same for every policy) ─────────────────────────

/// A set of scope and alias names, as granted: a fixed-size bitset.
///
/// Sets record names as granted (an alias stays the alias), because grant sets are
/// intersected on names before aliases and `implies` are resolved; [`ScopeSet::effective`]
/// resolves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ScopeSet([u64; WORDS]);

impl ScopeSet {
    /// The empty set.
    pub const EMPTY: ScopeSet = ScopeSet([0; WORDS]);

    /// A set from its words (bit `i` of word `i / 64` is name `i`).
    pub const fn from_words(words: [u64; WORDS]) -> ScopeSet {
        ScopeSet(words)
    }

    fn set(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    fn has(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Adds a scope.
    pub fn insert(&mut self, scope: Scope) {
        self.set(scope as usize);
    }

    /// True when the set holds the scope itself (not through an alias or `implies`; see
    /// [`ScopeSet::effective`]).
    pub fn contains(&self, scope: Scope) -> bool {
        self.has(scope as usize)
    }

    /// Adds a scope or alias by name; false (and no change) for an unknown name.
    pub fn insert_name(&mut self, name: &str) -> bool {
        match name_index(name) {
            Some(i) => {
                self.set(i);
                true
            }
            None => false,
        }
    }

    /// A set from names; each unknown name is passed to `unknown` and otherwise ignored.
    pub fn from_names<'a>(
        names: impl IntoIterator<Item = &'a str>,
        mut unknown: impl FnMut(&'a str),
    ) -> ScopeSet {
        let mut set = ScopeSet::EMPTY;
        for name in names {
            if !set.insert_name(name) {
                unknown(name);
            }
        }
        set
    }

    /// The names in both sets.
    pub fn intersection(&self, other: &ScopeSet) -> ScopeSet {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0.iter()) {
            *a &= *b;
        }
        out
    }

    /// True when every name of `self` is in `other`.
    pub fn is_subset(&self, other: &ScopeSet) -> bool {
        self.0.iter().zip(other.0.iter()).all(|(a, b)| a & !b == 0)
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// The scopes held once aliases grant their targets and scopes what they imply.
    pub fn effective(&self) -> ScopeSet {
        if !CLOSES || self.is_subset(&SELF_CONTAINED) {
            return *self;
        }
        let mut out = ScopeSet::EMPTY;
        for (w, word) in self.0.iter().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let closure = &CLOSURE[w * 64 + bits.trailing_zeros() as usize];
                for (o, c) in out.0.iter_mut().zip(closure.0.iter()) {
                    *o |= *c;
                }
                bits &= bits - 1;
            }
        }
        out
    }

    /// The declared scopes in the set, in declaration order.
    pub fn scopes(&self) -> impl Iterator<Item = Scope> + '_ {
        Scope::ALL
            .iter()
            .copied()
            .filter(move |s| self.contains(*s))
    }

    fn ids(&self) -> impl Iterator<Item = usize> + '_ {
        (0..SCOPE_COUNT).filter(move |i| self.has(*i))
    }
}

/// How a key was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via<'a> {
    /// In a way the api accepts (the usual case: the server only reads accepted places).
    Accepted,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// In the named header.
    Header(&'a str),
    /// In the named query parameter.
    Query(&'a str),
}

/// A key presented with a request: its scopes (as stored for the key) and how it came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    pub scopes: ScopeSet,
    pub via: Via<'a>,
}

/// Why a request target was rejected before routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rejection {
    NotAbsolute,
    Fragment,
    IllegalByte,
    Backslash,
    EmptySegment,
    DotSegment,
    BadPercent,
    EncodedUnreserved,
    EncodedSlash,
    EncodedBackslash,
    EncodedControl,
    InvalidUtf8,
}

impl Rejection {
    /// The kebab-case name.
    pub const fn name(self) -> &'static str {
        match self {
            Rejection::NotAbsolute => "not-absolute",
            Rejection::Fragment => "fragment",
            Rejection::IllegalByte => "illegal-byte",
            Rejection::Backslash => "backslash",
            Rejection::EmptySegment => "empty-segment",
            Rejection::DotSegment => "dot-segment",
            Rejection::BadPercent => "bad-percent",
            Rejection::EncodedUnreserved => "encoded-unreserved",
            Rejection::EncodedSlash => "encoded-slash",
            Rejection::EncodedBackslash => "encoded-backslash",
            Rejection::EncodedControl => "encoded-control",
            Rejection::InvalidUtf8 => "invalid-utf8",
        }
    }

    /// A short explanation (the `{reason}` of 400 bodies).
    pub const fn reason(self) -> &'static str {
        match self {
            Rejection::NotAbsolute => "the target does not start with `/`",
            Rejection::Fragment => "the target holds a `#` fragment",
            Rejection::IllegalByte => "the target holds a byte outside printable ASCII",
            Rejection::Backslash => "the target holds a backslash",
            Rejection::EmptySegment => "the path has an empty segment",
            Rejection::DotSegment => "the path has a `.` or `..` segment",
            Rejection::BadPercent => "a `%` is not followed by two hex digits",
            Rejection::EncodedUnreserved => "a character that needs no encoding is percent-encoded",
            Rejection::EncodedSlash => "the path holds an encoded slash",
            Rejection::EncodedBackslash => "the path holds an encoded backslash",
            Rejection::EncodedControl => "the target holds an encoded control character",
            Rejection::InvalidUtf8 => "percent-encoded bytes are not valid UTF-8",
        }
    }
}

/// The decision for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum Decision {
    /// Serve it, applying the data rules of [`Allow`].
    Allow(Allow),
    /// 401: a key is needed and none was sent in a way the api accepts.
    Unauthenticated { endpoint: usize },
    /// 403: the key's scopes do not satisfy the requirement.
    Forbidden(Forbidden),
    /// 404: no route matches the path.
    NotFound,
    /// 405: the path matches, the method does not.
    MethodNotAllowed { route: usize },
    /// 400: the target is malformed or hostile.
    Rejected(Rejection),
}

/// An allowed request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allow {
    /// Index into [`ENDPOINTS`].
    pub endpoint: usize,
    applied: u32,
    /// The key came by a `legacy` scheme.
    pub legacy: bool,
}

impl Allow {
    fn fields(&self, list: &'static [(&'static str, u32)]) -> impl Iterator<Item = &'static str> {
        let applied = self.applied;
        list.iter()
            .filter(move |(_, rules)| rules & applied != 0)
            .map(|(f, _)| *f)
    }

    /// Fields to remove from the response, sorted.
    pub fn strip(&self) -> impl Iterator<Item = &'static str> {
        self.fields(ENDPOINT_DATA[self.endpoint].strip)
    }

    /// Fields to redact in the response, sorted.
    pub fn mask(&self) -> impl Iterator<Item = &'static str> {
        self.fields(ENDPOINT_DATA[self.endpoint].mask)
    }

    /// Row filters the handler must apply, sorted.
    pub fn filters(&self) -> impl Iterator<Item = &'static str> {
        self.fields(ENDPOINT_DATA[self.endpoint].filters)
    }
}

/// A forbidden request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forbidden {
    /// Index into [`ENDPOINTS`].
    pub endpoint: usize,
    requirement: u16,
    /// The request's effective scopes.
    pub effective: ScopeSet,
}

impl Forbidden {
    fn requirement(&self) -> &'static Requirement {
        &ENDPOINT_DATA[self.endpoint].requirements[self.requirement as usize]
    }

    /// The requirement in force (with the `when`s the query met), as the policy writes it.
    pub fn required(&self) -> &'static str {
        self.requirement().text
    }

    /// For each way to satisfy the requirement, the scopes still missing (no set that
    /// includes another, in the order of the requirement's alternatives).
    pub fn missing(&self) -> impl Iterator<Item = ScopeSet> + '_ {
        let alternatives = self.requirement().alternatives;
        let effective = self.effective;
        let without = move |a: &ScopeSet| {
            let mut m = *a;
            for (x, e) in m.0.iter_mut().zip(effective.0.iter()) {
                *x &= !*e;
            }
            m
        };
        alternatives.iter().enumerate().filter_map(move |(i, a)| {
            let m = without(a);
            let absorbed = alternatives.iter().enumerate().any(|(j, b)| {
                let n = without(b);
                n.is_subset(&m) && (n != m || j < i)
            });
            (!absorbed).then_some(m)
        })
    }
}

impl Decision {
    /// The HTTP status: 200 for allow.
    pub const fn status(&self) -> u16 {
        match self {
            Decision::Allow(_) => 200,
            Decision::Rejected(_) => 400,
            Decision::Unauthenticated { .. } => 401,
            Decision::Forbidden(_) => 403,
            Decision::NotFound => 404,
            Decision::MethodNotAllowed { .. } => 405,
        }
    }

    /// Writes the JSON error body the policy declares for this decision (nothing for
    /// allow). `trace_id` fills the trace field when the policy declares one.
    pub fn write_error_body(
        &self,
        method: &str,
        target: &str,
        trace_id: &str,
        out: &mut impl core::fmt::Write,
    ) -> core::fmt::Result {
        let api = match self {
            Decision::Allow(_) => return Ok(()),
            Decision::Unauthenticated { endpoint } => ENDPOINT_DATA[*endpoint].api,
            Decision::Forbidden(f) => ENDPOINT_DATA[f.endpoint].api,
            Decision::MethodNotAllowed { route } => ENDPOINT_DATA[ROUTES[*route].methods[0].1].api,
            Decision::NotFound | Decision::Rejected(_) => API_COUNT,
        };
        let errors = &ERRORS[api];
        let Some(body) = errors.bodies.iter().find(|b| b.status == self.status()) else {
            return Ok(());
        };
        let path = match self {
            Decision::Rejected(_) => target,
            _ => target.split('?').next().unwrap_or(target),
        };
        let mut message = String::new();
        for piece in body.message {
            match piece {
                Piece::Text(t) => message.push_str(t),
                Piece::Method => message.push_str(method),
                Piece::Path => message.push_str(path),
                Piece::Reason => {
                    if let Decision::Rejected(r) = self {
                        message.push_str(r.reason());
                    }
                }
                Piece::Required => {
                    if let Decision::Forbidden(f) = self {
                        message.push_str(f.required());
                    }
                }
                Piece::Missing => {
                    if let Decision::Forbidden(f) = self {
                        message.push_str(&missing_text(f));
                    }
                }
                Piece::Allowed => {
                    if let Decision::MethodNotAllowed { route } = self {
                        message.push_str(ROUTES[*route].allowed);
                    }
                }
            }
        }
        out.write_str("{\"code\":")?;
        write_json_string(body.code, out)?;
        out.write_str(",\"message\":")?;
        write_json_string(&message, out)?;
        if let Some(field) = errors.trace {
            out.write_char(',')?;
            write_json_string(field, out)?;
            out.write_char(':')?;
            write_json_string(trace_id, out)?;
        }
        out.write_char('}')
    }

    /// The JSON error body as a string (`None` for allow).
    pub fn error_body(&self, method: &str, target: &str, trace_id: &str) -> Option<String> {
        if let Decision::Allow(_) = self {
            return None;
        }
        let mut s = String::new();
        self.write_error_body(method, target, trace_id, &mut s)
            .ok()?;
        Some(s)
    }
}

/// `a & b | c`: the missing alternatives, sorted as the policy sorts alternatives.
fn missing_text(f: &Forbidden) -> String {
    let mut sets: Vec<ScopeSet> = f.missing().collect();
    sets.sort_by(|a, b| a.ids().cmp(b.ids()));
    let mut out = String::new();
    for (i, set) in sets.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        for (j, id) in set.ids().enumerate() {
            if j > 0 {
                out.push_str(" & ");
            }
            out.push_str(Scope::ALL[id].name());
        }
    }
    out
}

fn write_json_string(s: &str, out: &mut impl core::fmt::Write) -> core::fmt::Result {
    out.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => out.write_str("\\\"")?,
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            '\u{8}' => out.write_str("\\b")?,
            '\u{c}' => out.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32)?,
            c => out.write_char(c)?,
        }
    }
    out.write_char('"')
}

/// Public facts about an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointInfo {
    pub api: &'static str,
    pub method: &'static str,
    /// The full path pattern, base included.
    pub path: &'static str,
    pub summary: Option<&'static str>,
    /// The requirement without `when` conditions: `public`, `authenticated` or an expression.
    pub requirement: &'static str,
}

/// What a valid key looks like, for one scheme of one api.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFormat {
    pub api: &'static str,
    /// `bearer`, `header "X-API-Key"` or `query "api_key"`.
    pub scheme: &'static str,
    pub legacy: bool,
    pub prefix: &'static str,
    /// Total length bounds in bytes, prefix included, if declared.
    pub length: Option<(usize, usize)>,
    pub env: Option<&'static str>,
}

/// Why a key does not look like any declared format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormatError {
    /// The policy declares no key format.
    NoFormats,
    /// No declared prefix starts the key.
    UnknownPrefix,
    /// The prefix is known but the length is not.
    Length {
        min: usize,
        max: usize,
        actual: usize,
    },
}

/// The declared format a key matches (by prefix, then length).
pub fn check_key_format(key: &str) -> Result<&'static KeyFormat, KeyFormatError> {
    if KEY_FORMATS.is_empty() {
        return Err(KeyFormatError::NoFormats);
    }
    let Some(format) = KEY_FORMATS.iter().find(|f| key.starts_with(f.prefix)) else {
        return Err(KeyFormatError::UnknownPrefix);
    };
    match format.length {
        Some((min, max)) if key.len() < min || key.len() > max => Err(KeyFormatError::Length {
            min,
            max,
            actual: key.len(),
        }),
        _ => Ok(format),
    }
}

struct Requirement {
    anonymous: bool,
    alternatives: &'static [ScopeSet],
    text: &'static str,
}

// Not constructed when the policy has no `when` conditions.
#[allow(dead_code)]
struct When {
    key: &'static [u8],
    value: Option<&'static [u8]>,
}

struct Rule {
    unless: &'static [ScopeSet],
}

struct EndpointData {
    api: usize,
    whens: &'static [When],
    /// Indexed by the bitmask of `when`s the query meets.
    requirements: &'static [Requirement],
    rules: &'static [Rule],
    strip: &'static [(&'static str, u32)],
    mask: &'static [(&'static str, u32)],
    filters: &'static [(&'static str, u32)],
}

struct Scheme {
    /// 0 bearer, 1 header, 2 query.
    kind: u8,
    name: &'static str,
    legacy: bool,
}

struct ApiData {
    schemes: &'static [Scheme],
    all_legacy: bool,
    grant_sets: &'static [GrantSet],
}

struct Node {
    param: u16,
    catch_all: u16,
    end: u16,
    end_slash: u16,
}

/// The methods an endpoint may have, as small codes (any other method is `u8::MAX`).
fn method_code(method: &str) -> u8 {
    match method {
        "GET" => 0,
        "HEAD" => 1,
        "POST" => 2,
        "PUT" => 3,
        "PATCH" => 4,
        "DELETE" => 5,
        "OPTIONS" => 6,
        "TRACE" => 7,
        "CONNECT" => 8,
        _ => u8::MAX,
    }
}

struct Route {
    methods: &'static [(u8, usize)],
    allowed: &'static str,
}

// Which pieces occur depends on the policy's messages.
#[allow(dead_code)]
enum Piece {
    Text(&'static str),
    Method,
    Path,
    Reason,
    Required,
    Missing,
    Allowed,
}

struct Body {
    status: u16,
    code: &'static str,
    message: &'static [Piece],
}

struct Errors {
    bodies: &'static [Body],
    trace: Option<&'static str>,
}

const NONE: u16 = u16::MAX;

/// The segments of a checked path (the first `MAX_DEPTH` of them).
struct Target {
    segments: [(usize, usize); MAX_DEPTH],
    count: usize,
    trailing_slash: bool,
    query: usize,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Checks percent-encodings: malformed `%` and encoded control characters.
fn check_percent(raw: &[u8]) -> Result<(), Rejection> {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let (Some(hi), Some(lo)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            ) else {
                return Err(Rejection::BadPercent);
            };
            let b = hi * 16 + lo;
            if b < 0x20 || b == 0x7f {
                return Err(Rejection::EncodedControl);
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// The decoded bytes of already-checked text, one at a time (`+` is a space in queries).
fn decoded(raw: &[u8], plus_is_space: bool) -> impl Iterator<Item = (u8, bool)> + '_ {
    let mut i = 0;
    core::iter::from_fn(move || {
        let b = *raw.get(i)?;
        if b == b'%' {
            let v = hex(raw[i + 1]).unwrap_or(0) * 16 + hex(raw[i + 2]).unwrap_or(0);
            i += 3;
            Some((v, true))
        } else {
            i += 1;
            Some((if plus_is_space && b == b'+' { b' ' } else { b }, false))
        }
    })
}

/// True when the decoded bytes are valid UTF-8 (no overlong forms, no surrogates).
fn utf8_ok(bytes: impl Iterator<Item = u8>) -> bool {
    let (mut need, mut lo, mut hi) = (0u8, 0x80u8, 0xbfu8);
    for b in bytes {
        if need > 0 {
            if b < lo || b > hi {
                return false;
            }
            need -= 1;
            lo = 0x80;
            hi = 0xbf;
            continue;
        }
        match b {
            0x00..=0x7f => {}
            0xc2..=0xdf => need = 1,
            0xe0 => (need, lo) = (2, 0xa0),
            0xe1..=0xec | 0xee..=0xef => need = 2,
            0xed => (need, hi) = (2, 0x9f),
            0xf0 => (need, lo) = (3, 0x90),
            0xf1..=0xf3 => need = 3,
            0xf4 => (need, hi) = (3, 0x8f),
            _ => return false,
        }
    }
    need == 0
}

fn check_segment(seg: &[u8]) -> Result<(), Rejection> {
    check_percent(seg)?;
    for (b, encoded) in decoded(seg, false) {
        if !encoded {
            continue;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            return Err(Rejection::EncodedUnreserved);
        }
        match b {
            b'/' => return Err(Rejection::EncodedSlash),
            b'\\' => return Err(Rejection::EncodedBackslash),
            _ => {}
        }
    }
    if utf8_ok(decoded(seg, false).map(|(b, _)| b)) {
        Ok(())
    } else {
        Err(Rejection::InvalidUtf8)
    }
}

fn check_query(query: &[u8]) -> Result<(), Rejection> {
    for part in query.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
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

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is zero (exact: no false positives).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The high bit of each byte of `x` equal to `b`.
#[inline(always)]
fn bytes_equal(x: u64, b: u8) -> u64 {
    zero_bytes(x ^ (ONES * u64::from(b)))
}

/// The high bit of each byte that no target may hold: outside `!`..`~`, `#` or `\\`.
#[inline(always)]
fn bad_bytes(x: u64) -> u64 {
    let below = !(((x & LOW7) + ONES * 0x5f) | x | LOW7);
    let above = (((x & LOW7) + ONES) | x) & HIGH;
    below | above | bytes_equal(x, b'#') | bytes_equal(x, b'\\')
}

fn bad_byte(b: u8) -> Rejection {
    match b {
        b'#' => Rejection::Fragment,
        b'\\' => Rejection::Backslash,
        _ => Rejection::IllegalByte,
    }
}

/// The eight bytes of `t` at `at` as a little-endian word.
#[inline(always)]
fn load(t: &[u8], at: usize) -> u64 {
    let w = &t[at..at + 8];
    u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
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
fn scan_word(
    t: &[u8],
    x: u64,
    base: usize,
    keep: u64,
    scan: &mut Scan,
    target: &mut Target,
) -> Result<(), Rejection> {
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
                    scan.problem =
                        segment(target, &t[scan.start..i], scan.start, false, scan.percent);
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
fn check_target(t: &[u8], target: &mut Target) -> Result<(), Rejection> {
    if t.first() != Some(&b'/') {
        return Err(Rejection::NotAbsolute);
    }
    let mut scan = Scan {
        problem: None,
        start: 1,
        percent: false,
        in_query: false,
    };
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
            scan_word(
                t,
                load(t, at),
                at,
                !0u64 << ((base - at) * 8),
                &mut scan,
                target,
            )?;
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
        scan.problem = segment(
            target,
            &t[scan.start..query],
            scan.start,
            true,
            scan.percent,
        );
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
fn segment(
    target: &mut Target,
    seg: &[u8],
    start: usize,
    last: bool,
    percent: bool,
) -> Option<Rejection> {
    match seg {
        [] if last => {
            target.trailing_slash = true;
            return None;
        }
        [] => return Some(Rejection::EmptySegment),
        [b'.'] | [b'.', b'.'] => return Some(Rejection::DotSegment),
        _ => {}
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

/// The best route for a checked path: at each segment a literal, then a parameter, then a
/// catch-all, backtracking (the alternatives still to try are kept on a small stack).
fn lookup(target: &Target, t: &[u8]) -> u16 {
    // (node, depth, next alternative: 0 parameter, 1 catch-all)
    let mut pending = [(0u16, 0usize, 0u8); MAX_DEPTH];
    let mut top = 0;
    let (mut node, mut depth) = (0u16, 0usize);
    loop {
        let n = &NODES[node as usize];
        if depth == target.count {
            let end = if target.trailing_slash {
                n.end_slash
            } else {
                n.end
            };
            if end != NONE {
                return end;
            }
        } else if depth < MAX_DEPTH {
            if n.param != NONE || n.catch_all != NONE {
                pending[top] = (node, depth, 0);
                top += 1;
            }
            let (s, e) = target.segments[depth];
            let child = literal_child(node, &t[s..e]);
            if child != NONE {
                node = child;
                depth += 1;
                continue;
            }
        } else if n.catch_all != NONE {
            // Deeper than any pattern: only a catch-all here can take the rest.
            return n.catch_all;
        }
        // Backtrack to the nearest alternative not yet tried.
        loop {
            if top == 0 {
                return NONE;
            }
            let (p, d, stage) = pending[top - 1];
            let pn = &NODES[p as usize];
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
                return pn.catch_all;
            }
        }
    }
}

/// The `N` bytes of `t` at `at` as a little-endian number (`N` is 2 or 4).
// Unused when the policy has no literal segment.
#[allow(dead_code)]
#[inline(always)]
fn load_n<const N: usize>(t: &[u8], at: usize) -> u32 {
    let w = &t[at..at + N];
    let mut x = 0u32;
    for (i, b) in w.iter().enumerate() {
        x |= u32::from(*b) << (8 * i);
    }
    x
}

/// True when `rest` starts with the literal `lit` followed by `/`, `?` or its end. `lit`
/// is a constant at every call, so the comparison compiles to a few word compares
/// (overlapping loads, as a `memcmp` of known length does).
// Unused when the policy has no literal segment.
#[allow(dead_code)]
#[inline(always)]
fn literal_is(rest: &[u8], lit: &[u8]) -> bool {
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
        load_n::<4>(rest, 0) == load_n::<4>(lit, 0)
            && load_n::<4>(rest, n - 4) == load_n::<4>(lit, n - 4)
    } else if n >= 2 {
        load_n::<2>(rest, 0) == load_n::<2>(lit, 0)
            && load_n::<2>(rest, n - 2) == load_n::<2>(lit, n - 2)
    } else {
        n == 1 && rest[0] == lit[0]
    };
    equal && matches!(rest.get(n), None | Some(b'/' | b'?'))
}

/// True when the path ends at `pos`: the target's end or its `?`.
#[inline(always)]
fn path_end(t: &[u8], pos: usize) -> bool {
    t.get(pos).is_none_or(|b| *b == b'?')
}

/// The end of the segment starting at `pos` (at `/`, `?` or the target's end), if it is a
/// well-formed segment of printable bytes: not empty, not a dot segment, percent-encodings
/// in normal form.
#[inline(always)]
fn plain_segment(t: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos;
    let mut percent = false;
    while i < t.len() {
        match t[i] {
            b'/' | b'?' => break,
            b'%' => percent = true,
            b'#' | b'\\' => return None,
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

/// Whether the query (the bytes after `?`) is plainly valid: printable bytes, eight at a
/// time, and percent-encodings that pass the engine's query check.
fn plain_query(query: &[u8]) -> bool {
    let (mut i, mut bad, mut percent) = (0, 0, 0);
    while i + 8 <= query.len() {
        let x = load(query, i);
        bad |= bad_bytes(x);
        percent |= bytes_equal(x, b'%');
        i += 8;
    }
    for b in &query[i..] {
        bad |= u64::from(!matches!(b, 0x21..=0x7e) || *b == b'#' || *b == b'\\');
        percent |= u64::from(*b == b'%');
    }
    bad == 0 && (percent == 0 || check_query(query).is_ok())
}

/// True when `t` is certainly well-formed, so that `check_target` would pass: printable
/// bytes and no `%` anywhere, and no `/` followed by `/` (an empty segment) or `.` (maybe a
/// dot segment; in the query, where they are harmless, they too send the target to the
/// full check). `false` means: check it fully. Written without early exits so that the
/// compiler checks many bytes at once.
fn plainly_valid(t: &[u8]) -> bool {
    if t.first() != Some(&b'/') {
        return false;
    }
    let odd = t.iter().zip(&t[1..]).fold(false, |odd, (a, b)| {
        odd | (*b < 0x21)
            | (*b > 0x7e)
            | (*b == b'#')
            | (*b == b'\\')
            | (*b == b'%')
            | ((*a == b'/') & ((*b == b'/') | (*b == b'.')))
    });
    !odd
}

/// Why the fast path gave no route.
#[derive(PartialEq)]
enum Miss {
    /// No route matches the path.
    NoRoute,
    /// The target is not plainly valid; the general path decides.
    Unsure,
}

/// Where the fast walk of the route tree ended: a route and the index of `?` (or the
/// target's length), or why there is none.
type Walk = Result<(usize, usize), Miss>;

/// The path ends at `p`, at a node other than the root: its route for the path with or
/// without a trailing slash.
// Unused when no route ends below the root.
#[allow(dead_code)]
#[inline(always)]
fn ended(t: &[u8], p: usize, end: u16, end_slash: u16) -> Walk {
    let found = if t[p - 1] == b'/' { end_slash } else { end };
    if found == NONE {
        Err(Miss::NoRoute)
    } else {
        Ok((found as usize, p))
    }
}

/// Where the next segment starts after a segment ending at `e`.
// Unused when the policy has no route below the root.
#[allow(dead_code)]
#[inline(always)]
fn after(t: &[u8], e: usize) -> usize {
    if t.get(e) == Some(&b'/') {
        e + 1
    } else {
        e
    }
}

/// The end of the parameter segment at `p`, if it is plainly valid.
// Unused when the policy has no parameter.
#[allow(dead_code)]
#[inline(always)]
fn param_end(t: &[u8], p: usize) -> Result<usize, Miss> {
    plain_segment(t, p).ok_or(Miss::Unsure)
}

/// A catch-all's rest from `p`, every segment of it checked (a trailing slash is
/// allowed), for `route`.
// Unused when the policy has no catch-all.
#[allow(dead_code)]
fn rest(t: &[u8], p: usize, route: usize) -> Walk {
    let mut at = p;
    while !path_end(t, at) {
        at = param_end(t, at)?;
        if t.get(at) == Some(&b'/') {
            at += 1;
        }
    }
    Ok((route, at))
}

/// Routes a target in one pass, without checking the bytes of literal segments one by one:
/// a literal segment holds only plain characters, so matching it checks it. The path ends
/// at `?` or the target's end. Parameter segments, a catch-all's rest and the query are
/// checked as the engine checks them. Returns the route and the index of `?` (or the
/// target's length), `Err(Miss::NoRoute)` when no route matches (the target may still be
/// malformed where no route looked), and `Err(Miss::Unsure)` when the target is not
/// plainly valid: the general path then decides, with the engine's order of checks.
#[inline(always)]
fn fast_route(t: &[u8]) -> Walk {
    if t.first() != Some(&b'/') {
        return Err(Miss::Unsure);
    }
    let found = n0(t, 1)?;
    if found.1 < t.len() && !plain_query(&t[found.1 + 1..]) {
        return Err(Miss::Unsure);
    }
    Ok(found)
}

/// `x` with its ASCII capitals in lower case (other bytes unchanged), eight at a time.
#[inline(always)]
fn lower_word(x: u64) -> u64 {
    let low7 = x & LOW7;
    let above_z = low7 + ONES * u64::from(0x7f - b'Z');
    let from_a = low7 + ONES * u64::from(0x80 - b'A');
    let upper = !x & (from_a ^ above_z) & HIGH;
    x | (upper >> 2)
}

/// For `raw` and `want` of one length: true when `raw` decodes to `want` (ASCII case
/// folded when `fold`). Equal lengths mean nothing may be encoded: `%xx` shortens, and
/// `+` (a space) matches nothing in a policy's keys and values, which hold no spaces.
#[inline(always)]
fn same_text(raw: &[u8], want: &[u8], fold: bool) -> bool {
    let n = raw.len();
    if n < 8 {
        return raw.iter().zip(want).all(|(r, w)| {
            *r != b'%' && *r != b'+' && (r == w || (fold && r.eq_ignore_ascii_case(w)))
        });
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
fn decoded_eq(raw: &[u8], want: &[u8], fold: bool) -> bool {
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

/// The index of the first `b` in `t` at or after `from` (`t.len()` when there is none),
/// eight bytes at a time.
#[inline(always)]
fn find_byte(t: &[u8], from: usize, b: u8) -> usize {
    let mut i = from;
    while i + 8 <= t.len() {
        let found = bytes_equal(load(t, i), b);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < t.len() && t[i] != b {
        i += 1;
    }
    i
}

/// The bitmask of `when` conditions the query meets.
fn whens_met(whens: &[When], query: &[u8]) -> usize {
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

/// Whether an api accepts a key sent `via`, and if so whether the scheme is legacy.
fn accepts(api: &ApiData, via: Via<'_>) -> Option<bool> {
    let (kind, name) = match via {
        Via::Accepted => return Some(api.all_legacy),
        Via::Bearer => (0, ""),
        Via::Header(h) => (1, h),
        Via::Query(q) => (2, q),
    };
    api.schemes
        .iter()
        .find(|s| {
            s.kind == kind
                && match kind {
                    1 => s.name.eq_ignore_ascii_case(name),
                    2 => s.name == name,
                    _ => true,
                }
        })
        .map(|s| s.legacy)
}

/// Decides a request: `method`, `target` (path and optional query, as received), the key
/// if one was sent, and the other grant sets. Does not allocate.
pub fn authorize(method: &str, target: &str, key: Option<&Key<'_>>, grants: &Grants) -> Decision {
    let t = target.as_bytes();
    let (route, query) = match fast_route(t) {
        Ok(found) => found,
        Err(Miss::NoRoute) if plainly_valid(t) => return Decision::NotFound,
        Err(miss) => {
            // The general path: check the whole target in the engine's order (with no
            // route, only a malformed target makes a 400 instead of a 404), then route.
            let mut checked = Target {
                segments: [(0, 0); MAX_DEPTH],
                count: 0,
                trailing_slash: false,
                query: t.len(),
            };
            if let Err(r) = check_target(t, &mut checked) {
                return Decision::Rejected(r);
            }
            let route = if miss == Miss::NoRoute {
                NONE
            } else {
                lookup(&checked, t)
            };
            if route == NONE {
                return Decision::NotFound;
            }
            (route as usize, checked.query)
        }
    };
    let code = method_code(method);
    let endpoint = match ENDPOINT_OF[route].get(usize::from(code)) {
        Some(&e) if e != NONE => usize::from(e),
        _ => return Decision::MethodNotAllowed { route },
    };
    let data = &ENDPOINT_DATA[endpoint];
    let met = if data.whens.is_empty() || query >= t.len() {
        0
    } else {
        whens_met(data.whens, &t[query + 1..])
    };
    let requirement = &data.requirements[met];
    let api = &APIS[data.api];
    let accepted = key.and_then(|k| accepts(api, k.via).map(|legacy| (k, legacy)));
    let (effective, legacy) = match accepted {
        Some((k, legacy)) => {
            let mut names = k.scopes;
            for set in api.grant_sets {
                names = names.intersection(grants.get(*set));
            }
            (names.effective(), legacy)
        }
        None if requirement.anonymous => (ScopeSet::EMPTY, false),
        None => return Decision::Unauthenticated { endpoint },
    };
    if !requirement.anonymous
        && !requirement
            .alternatives
            .iter()
            .any(|a| a.is_subset(&effective))
    {
        return Decision::Forbidden(Forbidden {
            endpoint,
            requirement: met as u16,
            effective,
        });
    }
    let mut applied = 0u32;
    for (i, rule) in data.rules.iter().enumerate() {
        if !rule.unless.iter().any(|a| a.is_subset(&effective)) {
            applied |= 1 << i;
        }
    }
    Decision::Allow(Allow {
        endpoint,
        applied,
        legacy,
    })
}
