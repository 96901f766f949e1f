//! The syntax tree: what the file says, with a byte span on every node.
//!
//! The tree keeps statements in source order and keeps repeated settings (two `version`
//! lines, say) so that validation can point at both. Comments are kept in `File::comments`.

use crate::diagnostic::Span;

/// A parsed policy file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    pub comments: Vec<Comment>,
    /// The comments that are suppressions (`# scopec: allow(…) reason`), in source order.
    pub suppressions: Vec<Suppression>,
}

/// `# scopec: allow(L0007, mixed-naming) the reason`
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// The comment.
    pub span: Span,
    /// The rules it names, as written (codes or names).
    pub rules: Vec<String>,
    /// Why the findings are acceptable (empty when not given).
    pub reason: String,
    /// The 1-based line whose findings it suppresses.
    pub line: usize,
    /// What is wrong with its form, if anything.
    pub malformed: Option<Malformed>,
}

/// A suppression comment that is not of the form `scopec: allow(…) reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// `scopec:` is not followed by `allow(`.
    NotAllow,
    /// `allow(` has no closing `)`.
    Unclosed,
}

/// `# text`, with the `#`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Policy(PolicyBlock),
    Group(GroupBlock),
    Scope(ScopeDecl),
    Alias(AliasDecl),
    Api(ApiBlock),
    Bundle(BundleDecl),
    Forbid(ForbidDecl),
    Rate(RateDecl),
    Kind(KindDecl),
    Errors(ErrorsBlock),
    Test(TestBlock),
}

/// `kind bot "Bot token" { … }`: a kind of key.
#[derive(Debug, Clone, PartialEq)]
pub struct KindDecl {
    pub name: Word,
    pub title: Option<Text>,
    pub stmts: Vec<KindStmt>,
    pub span: Span,
}

/// A statement of a `kind` block.
#[derive(Debug, Clone, PartialEq)]
pub enum KindStmt {
    /// `format prefix "…", prefix "…"`
    Format(Vec<KeyFormat>, Span),
    /// `scopes …`
    Scopes(KindScopes, Span),
    /// A lifecycle fact, as in `keys { … }` (never `KeyFact::Kind`).
    Fact(KeyFact),
}

/// What a `scopes` line of a kind says.
#[derive(Debug, Clone, PartialEq)]
pub enum KindScopes {
    /// `scopes any`
    Any,
    /// `scopes matching "read:*"`
    Matching(Text),
    /// `scopes a, b`
    List(Vec<ScopeName>),
}

/// A string literal, unescaped. `span` covers the quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
    /// Whether the literal used escapes (then byte offsets inside `value` do not map
    /// one-to-one onto the source).
    pub escaped: bool,
}

impl Text {
    /// The source span of `value[start..end]`, or the whole literal when escapes make the
    /// mapping inexact.
    pub fn sub_span(&self, start: usize, end: usize) -> Span {
        if self.escaped { self.span } else { Span::new(self.span.start + 1 + start, self.span.start + 1 + end) }
    }
}

/// A plain word: an api, grant set, environment, filter or resource name, or a method.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// A scope as written, bare or quoted. `name` is the scope string itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeName {
    pub name: String,
    pub span: Span,
    pub quoted: bool,
}

/// `policy "Title" { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyBlock {
    pub title: Text,
    pub stmts: Vec<PolicyStmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PolicyStmt {
    Version(Text),
    Docs(Text),
    /// URL and description.
    Server(Text, Option<Text>),
    /// Name and URL.
    License(Text, Option<Text>, Span),
    Note(Text),
}

/// `group "Name" { scope … }`
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBlock {
    pub name: Text,
    pub scopes: Vec<ScopeDecl>,
    pub notes: Vec<Text>,
    pub span: Span,
}

/// `read`, `write` or `admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    Read,
    Write,
    Admin,
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Read => "read",
            Access::Write => "write",
            Access::Admin => "admin",
        }
    }
}

/// `scope name access "description" options…`
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeDecl {
    pub name: ScopeName,
    pub access: Access,
    pub access_span: Span,
    pub description: Option<Text>,
    pub options: Vec<ScopeOption>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScopeOption {
    Requires(Vec<ScopeName>, Span),
    Implies(Vec<ScopeName>, Span),
    Since(Text, Span),
    Deprecated(Deprecated),
}

/// `deprecated "why"`
#[derive(Debug, Clone, PartialEq)]
pub struct Deprecated {
    pub reason: Option<Text>,
    pub span: Span,
}

/// `alias name = target deprecated "why"`
#[derive(Debug, Clone, PartialEq)]
pub struct AliasDecl {
    pub name: ScopeName,
    pub target: ScopeName,
    pub deprecated: Option<Deprecated>,
    pub span: Span,
}

/// `api name "Title" { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct ApiBlock {
    pub name: Word,
    pub title: Option<Text>,
    pub stmts: Vec<ApiStmt>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiStmt {
    Base(Text, Span),
    Auth(Auth),
    Header(HeaderDecl),
    Effective(Vec<Word>, Span),
    Keys(KeysBlock),
    Errors(ErrorsBlock),
    /// `rate tier2`: the tier of the api's endpoints that name none.
    Rate(Word, Span),
    Note(Text),
    Endpoint(Endpoint),
}

/// `auth scheme formats…`
#[derive(Debug, Clone, PartialEq)]
pub struct Auth {
    pub legacy: bool,
    pub scheme: Scheme,
    pub scheme_span: Span,
    pub formats: Vec<KeyFormat>,
    /// `kind a, b`: the kinds the scheme accepts (then `formats` is empty).
    pub kinds: Vec<Word>,
    pub span: Span,
}

/// Where the key travels.
#[derive(Debug, Clone, PartialEq)]
pub enum Scheme {
    Bearer,
    Header(Text),
    Query(Text),
}

/// `prefix "x" length 48 env live`
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFormat {
    pub prefix: Text,
    pub lengths: Vec<KeyLength>,
    pub envs: Vec<Word>,
    pub span: Span,
}

/// `length 48` or `length 40..64`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyLength {
    pub min: u32,
    pub max: u32,
    pub span: Span,
}

/// `header "X-Organization-Id" required "why"` or `header "X-Api-Version" optional "why"`
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderDecl {
    pub name: Text,
    /// `required` (every request carries it) rather than `optional`.
    pub required: bool,
    pub description: Option<Text>,
    pub span: Span,
}

/// `keys { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct KeysBlock {
    pub facts: Vec<KeyFact>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KeyFact {
    Kind {
        name: Text,
        description: Option<Text>,
        span: Span,
    },
    Stored(Word, Span),
    ShownOnce(Span),
    Rotation(Duration, Span),
    Expiry(Expiry, Span),
    /// `None` means immediate.
    Revocation(Option<Duration>, Span),
    Audit(Text, Span),
    Note(Text),
}

/// `expiry optional|required|none`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Optional,
    Required,
    None,
}

/// `24h`
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    pub seconds: u64,
    pub text: String,
    pub span: Span,
}

/// `METHOD /path requires … "summary" { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub method: Word,
    pub path: Word,
    pub requirement: Requirement,
    pub summary: Option<Text>,
    pub body: Vec<BodyStmt>,
    pub span: Span,
}

/// What an endpoint (or a `when`) needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    Public(Span),
    Authenticated(Span),
    Expr(Expr),
}

impl Requirement {
    pub fn span(&self) -> Span {
        match self {
            Requirement::Public(s) | Requirement::Authenticated(s) => *s,
            Requirement::Expr(e) => e.span(),
        }
    }
}

/// A scope expression; `Or` and `And` are n-ary so long chains stay shallow.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Scope(ScopeName),
    /// `kind bot`: the key is of this kind.
    Kind(Word),
    Or(Vec<Expr>, Span),
    And(Vec<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Scope(s) => s.span,
            Expr::Kind(w) => w.span,
            Expr::Or(_, s) | Expr::And(_, s) => *s,
        }
    }

    /// Every scope name in the expression, left to right.
    pub fn scope_names(&self) -> Vec<&ScopeName> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            match e {
                Expr::Scope(s) => out.push(s),
                Expr::Kind(_) => {}
                Expr::Or(xs, _) | Expr::And(xs, _) => stack.extend(xs.iter().rev()),
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum BodyStmt {
    Strip(DataRule),
    Mask(DataRule),
    Filter(FilterRule),
    /// `oblige name "what the handler must enforce" unless expr`
    Oblige(FilterRule),
    When(When),
    Query(QueryParam),
    /// `body token required "…"`: a documented request-body parameter.
    Body(QueryParam),
    /// `rate tier2`: the endpoint's rate-limit tier.
    Rate(Word, Span),
    Note(Text),
}

/// `strip|mask fields unless expr`
#[derive(Debug, Clone, PartialEq)]
pub struct DataRule {
    pub fields: Vec<Word>,
    pub unless: Option<Expr>,
    pub span: Span,
}

/// `filter name "why" unless expr`, or `oblige name "what" unless expr`
#[derive(Debug, Clone, PartialEq)]
pub struct FilterRule {
    pub name: Word,
    pub description: Option<Text>,
    pub unless: Option<Expr>,
    pub span: Span,
}

/// `when ?key=value requires …`
#[derive(Debug, Clone, PartialEq)]
pub struct When {
    /// The query parameter, or (`header` true) the request header's name.
    pub key: Word,
    /// The condition is on a request header (`when header "X" = "v"`), not the query.
    pub header: bool,
    /// `None` for `?key` (present with any value).
    pub value: Option<String>,
    /// `in (a, b)`: any of these values, with the span of the whole set.
    pub set: Option<(Vec<Word>, Span)>,
    pub match_span: Span,
    pub requirement: Requirement,
    pub span: Span,
}

/// `query name required|optional "why"`
#[derive(Debug, Clone, PartialEq)]
pub struct QueryParam {
    pub name: Word,
    pub required: bool,
    /// `default v`: the value an absent parameter counts as.
    pub default: Option<Word>,
    pub description: Option<Text>,
    pub span: Span,
}

/// `bundle "Name" = a, b "why"`
#[derive(Debug, Clone, PartialEq)]
pub struct BundleDecl {
    pub name: Text,
    pub scopes: Vec<ScopeName>,
    pub description: Option<Text>,
    pub span: Span,
}

/// `forbid a, b "why"`
/// `rate tier2 "20+ per minute"`
#[derive(Debug, Clone, PartialEq)]
pub struct RateDecl {
    pub name: Word,
    pub description: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForbidDecl {
    pub resources: Vec<Word>,
    pub reason: Option<Text>,
    pub span: Span,
}

/// `errors { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorsBlock {
    pub bodies: Vec<ErrorBody>,
    pub traces: Vec<Text>,
    pub span: Span,
}

/// `403 forbidden "message"`
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody {
    pub status: u16,
    pub status_span: Span,
    pub code: Word,
    pub message: Text,
    pub span: Span,
}

/// `test "name" { cases }`
#[derive(Debug, Clone, PartialEq)]
pub struct TestBlock {
    pub name: Text,
    pub cases: Vec<TestCase>,
    pub span: Span,
}

/// `METHOD target api x with a, b grant g = c => expectation`
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    pub method: Word,
    pub target: Text,
    pub api: Option<Word>,
    /// `None`: the request carries no key.
    pub key: Option<ScopeSet>,
    /// How the key is sent (`via …`); `None`: any scheme the api accepts.
    pub via: Option<Scheme>,
    /// The key's kind (`kind bot`); `None`: its api's kind when it accepts exactly one.
    pub kind: Option<Word>,
    pub grants: Vec<(Word, ScopeSet)>,
    /// `header "X" = "v"` (`None` for a bare `header "X"`: an empty value).
    pub headers: Vec<(Text, Option<Text>)>,
    pub expect: Expectation,
    pub span: Span,
}

/// A list of scopes (empty for `no scopes`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeSet {
    pub scopes: Vec<ScopeName>,
    pub span: Span,
}

/// The decision a test expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Allow { strip: Vec<Word>, mask: Vec<Word>, filter: Vec<Word>, oblige: Vec<Word>, span: Span },
    Deny { missing: Option<Expr>, span: Span },
    Unauthenticated(Span),
    NotFound(Span),
    MethodNotAllowed(Span),
    Rejected(Span),
}

impl Expectation {
    pub fn span(&self) -> Span {
        match self {
            Expectation::Allow { span, .. } | Expectation::Deny { span, .. } => *span,
            Expectation::Unauthenticated(s)
            | Expectation::NotFound(s)
            | Expectation::MethodNotAllowed(s)
            | Expectation::Rejected(s) => *s,
        }
    }
}
