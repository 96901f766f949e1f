//! Every validation error code, in one table.
//!
//! Codes are stable: a code is never reused for another problem. `docs/errors.md` lists
//! them, and every code has a failing fixture in `tests/fixtures/err/`.

/// A bug in scopec (a parse tree of an unexpected shape). No policy should produce it.
pub const INTERNAL: &str = "internal";

pub const SYNTAX: &str = "E0001";
pub const TOO_DEEP: &str = "E0002";
pub const EMPTY_FILE: &str = "E0003";
pub const NUMBER_RANGE: &str = "E0004";
pub const MISSING_POLICY: &str = "E0010";
pub const DUPLICATE_SETTING: &str = "E0011";

pub const UNKNOWN_SCOPE: &str = "E0101";
pub const DUPLICATE_SCOPE: &str = "E0102";
pub const DUPLICATE_ALIAS: &str = "E0103";
pub const DUPLICATE_API: &str = "E0104";
pub const DUPLICATE_ENDPOINT: &str = "E0105";
pub const DUPLICATE_BUNDLE: &str = "E0106";
pub const DUPLICATE_TEST: &str = "E0107";
pub const ALIAS_UNKNOWN: &str = "E0108";
pub const ALIAS_CYCLE: &str = "E0109";
pub const REQUIRES_CYCLE: &str = "E0110";
pub const IMPLIES_CYCLE: &str = "E0111";
pub const DUPLICATE_GROUP: &str = "E0112";
pub const TOO_MANY_GRANTS: &str = "E0113";
pub const DUPLICATE_RATE: &str = "E0114";
pub const DUPLICATE_KIND: &str = "E0115";
pub const DUPLICATE_OBLIGATION: &str = "E0116";

pub const AMBIGUOUS_ROUTE: &str = "E0201";
pub const INVALID_PATH: &str = "E0202";
pub const MALFORMED_PARAM: &str = "E0203";
pub const DUPLICATE_PARAM: &str = "E0204";
pub const UNKNOWN_METHOD: &str = "E0205";
pub const INVALID_BASE: &str = "E0206";
pub const TOO_COMPLEX: &str = "E0207";
pub const PATH_TOO_DEEP: &str = "E0208";
pub const FIELD_PATH: &str = "E0209";
pub const HEADER_NAME: &str = "E0210";
pub const CONDITION_VALUES: &str = "E0211";
pub const DEFAULT_REQUIRED: &str = "E0212";

pub const KEY_FORMAT: &str = "E0301";
pub const UNKNOWN_PLACEHOLDER: &str = "E0302";
pub const ERROR_STATUS: &str = "E0303";
pub const GRANT_SET: &str = "E0304";
pub const NO_AUTH: &str = "E0305";
pub const UNKNOWN_RATE: &str = "E0306";
pub const UNKNOWN_KIND: &str = "E0307";
pub const KIND_SCOPES: &str = "E0308";
pub const MISPLACED_KIND: &str = "E0309";
pub const KIND_NOT_ACCEPTED: &str = "E0310";
pub const UNKNOWN_API: &str = "E0401";
pub const BAD_SUPPRESSION: &str = "E0501";

/// A test expectation that does not hold (reported by `scopec test`, not by validation).
pub const TEST_FAILED: &str = "T0001";

/// What one code means.
pub struct CodeInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
}

/// All validation codes, in order.
pub const ERROR_CODES: &[CodeInfo] = &[
    CodeInfo { code: SYNTAX, name: "syntax", summary: "the text does not follow the grammar" },
    CodeInfo { code: TOO_DEEP, name: "too-deep", summary: "parentheses nest deeper than the limit (64)" },
    CodeInfo { code: EMPTY_FILE, name: "empty-file", summary: "the file holds no declarations" },
    CodeInfo { code: NUMBER_RANGE, name: "number-range", summary: "a number or duration is too large" },
    CodeInfo {
        code: MISSING_POLICY,
        name: "missing-policy",
        summary: "the file has no `policy` block, or more than one",
    },
    CodeInfo {
        code: DUPLICATE_SETTING,
        name: "duplicate-setting",
        summary: "a setting that may appear once appears twice",
    },
    CodeInfo {
        code: UNKNOWN_SCOPE,
        name: "unknown-scope",
        summary: "a scope name that no `scope` or `alias` declares",
    },
    CodeInfo {
        code: DUPLICATE_SCOPE,
        name: "duplicate-scope",
        summary: "two scopes (or a scope and an alias) share a name",
    },
    CodeInfo { code: DUPLICATE_ALIAS, name: "duplicate-alias", summary: "two aliases share a name" },
    CodeInfo { code: DUPLICATE_API, name: "duplicate-api", summary: "two apis share a name" },
    CodeInfo {
        code: DUPLICATE_ENDPOINT,
        name: "duplicate-endpoint",
        summary: "two endpoints share a method and a path pattern",
    },
    CodeInfo { code: DUPLICATE_BUNDLE, name: "duplicate-bundle", summary: "two bundles share a name" },
    CodeInfo { code: DUPLICATE_TEST, name: "duplicate-test", summary: "two test blocks share a name" },
    CodeInfo { code: ALIAS_UNKNOWN, name: "alias-unknown", summary: "an alias points to a scope that does not exist" },
    CodeInfo { code: ALIAS_CYCLE, name: "alias-cycle", summary: "aliases point to each other in a cycle" },
    CodeInfo { code: REQUIRES_CYCLE, name: "requires-cycle", summary: "scopes require each other in a cycle" },
    CodeInfo { code: IMPLIES_CYCLE, name: "implies-cycle", summary: "scopes imply each other in a cycle" },
    CodeInfo { code: DUPLICATE_GROUP, name: "duplicate-group", summary: "two groups share a name" },
    CodeInfo {
        code: TOO_MANY_GRANTS,
        name: "too-many-grants",
        summary: "what scopes grant through `implies` exceeds 1,000,000 entries in all",
    },
    CodeInfo { code: DUPLICATE_RATE, name: "duplicate-rate", summary: "a rate-limit tier is declared twice" },
    CodeInfo { code: DUPLICATE_KIND, name: "duplicate-kind", summary: "a key kind is declared twice" },
    CodeInfo {
        code: DUPLICATE_OBLIGATION,
        name: "duplicate-obligation",
        summary: "one endpoint names a filter or obligation twice",
    },
    CodeInfo {
        code: AMBIGUOUS_ROUTE,
        name: "ambiguous-route",
        summary: "two path patterns match the same path with equal precedence",
    },
    CodeInfo {
        code: INVALID_PATH,
        name: "invalid-path",
        summary: "a path pattern has an empty or dot segment or an illegal character",
    },
    CodeInfo {
        code: MALFORMED_PARAM,
        name: "malformed-param",
        summary: "a `{param}` is malformed or a catch-all is not last",
    },
    CodeInfo { code: DUPLICATE_PARAM, name: "duplicate-param", summary: "a path pattern names one parameter twice" },
    CodeInfo {
        code: UNKNOWN_METHOD,
        name: "unknown-method",
        summary: "an endpoint uses a method that is not an HTTP method",
    },
    CodeInfo { code: INVALID_BASE, name: "invalid-base", summary: "an api's base path is malformed" },
    CodeInfo {
        code: TOO_COMPLEX,
        name: "too-complex",
        summary: "a requirement expands to more alternatives than the limit (256)",
    },
    CodeInfo {
        code: PATH_TOO_DEEP,
        name: "path-too-deep",
        summary: "a path pattern has more segments than the limit (32, base included)",
    },
    CodeInfo {
        code: FIELD_PATH,
        name: "field-path",
        summary: "a `strip` or `mask` field is not a dotted path of names (`contact.email`, `items[].price`)",
    },
    CodeInfo {
        code: HEADER_NAME,
        name: "header-name",
        summary: "a `when header` condition names something that is not an HTTP header name",
    },
    CodeInfo {
        code: CONDITION_VALUES,
        name: "condition-values",
        summary: "a `when` condition names both a value and a set of values",
    },
    CodeInfo {
        code: DEFAULT_REQUIRED,
        name: "default-required",
        summary: "a required query parameter is given a default",
    },
    CodeInfo { code: KEY_FORMAT, name: "key-format", summary: "a key format is malformed" },
    CodeInfo {
        code: UNKNOWN_PLACEHOLDER,
        name: "unknown-placeholder",
        summary: "an error body names a placeholder that does not exist",
    },
    CodeInfo { code: ERROR_STATUS, name: "error-status", summary: "an error body has a status scopec never sends" },
    CodeInfo {
        code: GRANT_SET,
        name: "grant-set",
        summary: "a grant set is unknown, repeated, or `effective` lacks `key`",
    },
    CodeInfo { code: NO_AUTH, name: "no-auth", summary: "an api with non-public endpoints declares no auth scheme" },
    CodeInfo {
        code: UNKNOWN_RATE,
        name: "unknown-rate",
        summary: "a `rate` names a tier no `rate` declaration declares",
    },
    CodeInfo { code: UNKNOWN_KIND, name: "unknown-kind", summary: "a key kind is named but not declared" },
    CodeInfo {
        code: KIND_SCOPES,
        name: "kind-scopes",
        summary: "a kind's `scopes` mixes `any` with a list, or a pattern matches no declared scope",
    },
    CodeInfo {
        code: MISPLACED_KIND,
        name: "misplaced-kind",
        summary: "`kind NAME` appears where only scopes may (`unless`, `deny missing`)",
    },
    CodeInfo {
        code: KIND_NOT_ACCEPTED,
        name: "kind-not-accepted",
        summary: "a requirement or test names a kind that no auth scheme of its api accepts",
    },
    CodeInfo { code: UNKNOWN_API, name: "unknown-api", summary: "a test names an api that does not exist" },
    CodeInfo {
        code: BAD_SUPPRESSION,
        name: "bad-suppression",
        summary: "a suppression comment is malformed, names an unknown rule, or gives no reason",
    },
];

/// A lint rule's identity: its code and name. Validation needs it (a suppression must
/// name a rule) before the lint stage runs; the rule table in `lint::registry` adds the
/// rest (level, summary, documentation, check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LintCode {
    pub code: &'static str,
    pub name: &'static str,
}

/// Every lint rule's identity, one constant per rule.
pub mod lints {
    use super::LintCode;

    pub const UNUSED_SCOPE: LintCode = LintCode { code: "L0001", name: "unused-scope" };
    pub const WRITE_GUARDED_BY_READ: LintCode = LintCode { code: "L0002", name: "write-guarded-by-read" };
    pub const READ_GUARDED_BY_WRITE: LintCode = LintCode { code: "L0003", name: "read-guarded-by-write" };
    pub const NON_MINIMAL_REQUIREMENT: LintCode = LintCode { code: "L0004", name: "non-minimal-requirement" };
    pub const REQUIRES_VIOLATED: LintCode = LintCode { code: "L0005", name: "requires-violated" };
    pub const RULE_NEVER_APPLIES: LintCode = LintCode { code: "L0006", name: "rule-never-applies" };
    pub const PUBLIC_ENDPOINT: LintCode = LintCode { code: "L0007", name: "public-endpoint" };
    pub const DEPRECATED_USED: LintCode = LintCode { code: "L0008", name: "deprecated-used" };
    pub const MIXED_NAMING: LintCode = LintCode { code: "L0009", name: "mixed-naming" };
    pub const FORBIDDEN_EXPOSED: LintCode = LintCode { code: "L0010", name: "forbidden-exposed" };
    pub const REDUNDANT_BUNDLE_SCOPE: LintCode = LintCode { code: "L0011", name: "redundant-bundle-scope" };
    pub const WRITE_WITHOUT_READ: LintCode = LintCode { code: "L0012", name: "write-without-read" };
    pub const MISSING_DESCRIPTION: LintCode = LintCode { code: "L0013", name: "missing-description" };
    pub const TRAILING_SLASH_TWINS: LintCode = LintCode { code: "L0014", name: "trailing-slash-twins" };
    pub const LITERAL_WEAKER_THAN_PARAM: LintCode = LintCode { code: "L0015", name: "literal-weaker-than-param" };
    pub const CATCH_ALL_SWALLOWS: LintCode = LintCode { code: "L0016", name: "catch-all-swallows" };
    pub const UNUSED_SUPPRESSION: LintCode = LintCode { code: "L0017", name: "unused-suppression" };
    pub const CASE_TWINS: LintCode = LintCode { code: "L0018", name: "case-twins" };
    pub const UNUSED_RATE_TIER: LintCode = LintCode { code: "L0019", name: "unused-rate-tier" };
    pub const BODY_ON_GET: LintCode = LintCode { code: "L0020", name: "body-on-get" };
    pub const UNHOLDABLE_ALTERNATIVE: LintCode = LintCode { code: "L0021", name: "unholdable-alternative" };
    pub const UNLIFTABLE_RULE: LintCode = LintCode { code: "L0022", name: "unliftable-rule" };
    pub const OBLIGATION_ON_PUBLIC: LintCode = LintCode { code: "L0023", name: "obligation-on-public" };
    pub const UNDOCUMENTED_CONDITION: LintCode = LintCode { code: "L0024", name: "undocumented-condition" };
}

/// Every lint rule's identity, in code order.
pub const LINT_CODES: &[LintCode] = &[
    lints::UNUSED_SCOPE,
    lints::WRITE_GUARDED_BY_READ,
    lints::READ_GUARDED_BY_WRITE,
    lints::NON_MINIMAL_REQUIREMENT,
    lints::REQUIRES_VIOLATED,
    lints::RULE_NEVER_APPLIES,
    lints::PUBLIC_ENDPOINT,
    lints::DEPRECATED_USED,
    lints::MIXED_NAMING,
    lints::FORBIDDEN_EXPOSED,
    lints::REDUNDANT_BUNDLE_SCOPE,
    lints::WRITE_WITHOUT_READ,
    lints::MISSING_DESCRIPTION,
    lints::TRAILING_SLASH_TWINS,
    lints::LITERAL_WEAKER_THAN_PARAM,
    lints::CATCH_ALL_SWALLOWS,
    lints::UNUSED_SUPPRESSION,
    lints::CASE_TWINS,
    lints::UNUSED_RATE_TIER,
    lints::BODY_ON_GET,
    lints::UNHOLDABLE_ALTERNATIVE,
    lints::UNLIFTABLE_RULE,
    lints::OBLIGATION_ON_PUBLIC,
    lints::UNDOCUMENTED_CONDITION,
];

/// A lint rule by code (`L0007`) or name (`public-endpoint`).
pub fn lint_code(name: &str) -> Option<&'static LintCode> {
    LINT_CODES.iter().find(|r| r.code == name || r.name == name)
}

/// Looks a code up.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    ERROR_CODES.iter().find(|c| c.code == code)
}
