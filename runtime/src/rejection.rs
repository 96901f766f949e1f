//! Why a request target is refused before routing.

/// Why a request target was rejected before routing (a 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// The target does not start with `/`.
    NotAbsolute,
    /// The target holds a `#` fragment.
    Fragment,
    /// The target holds a byte outside printable ASCII.
    IllegalByte,
    /// The target holds a backslash.
    Backslash,
    /// The path has an empty segment.
    EmptySegment,
    /// The path has a `.` or `..` segment.
    DotSegment,
    /// A `%` is not followed by two hex digits.
    BadPercent,
    /// A character that a path segment may hold raw (letters, digits, `-._~`, the
    /// sub-delimiters `!$&'()*+,;=`, `:` and `@`) is percent-encoded: servers that decode
    /// before routing would route the decoded path, perhaps to another route.
    EncodedUnreserved,
    /// The path holds an encoded slash.
    EncodedSlash,
    /// The path holds an encoded backslash.
    EncodedBackslash,
    /// The target holds an encoded control character.
    EncodedControl,
    /// Percent-encoded bytes are not valid UTF-8.
    InvalidUtf8,
    /// A path segment holds `;`: Tomcat and Jetty strip `;…` path parameters before
    /// routing (so `..;` becomes `..`).
    PathParameter,
    /// A path segment holds `%25` followed by two hex digits: a percent-encoding encoded
    /// again, which a server that decodes twice reads as another character.
    DoubleEncoded,
    /// A path segment equals a literal segment of the route tree only when letter case is
    /// ignored (`/USERS/admin` beside `/users/admin`): servers that route ignoring case
    /// (ASP.NET Core's default) would route it to that literal.
    CaseVariant,
}

impl Rejection {
    /// Every rejection.
    pub const ALL: [Rejection; 15] = [
        Rejection::NotAbsolute,
        Rejection::Fragment,
        Rejection::IllegalByte,
        Rejection::Backslash,
        Rejection::EmptySegment,
        Rejection::DotSegment,
        Rejection::BadPercent,
        Rejection::EncodedUnreserved,
        Rejection::EncodedSlash,
        Rejection::EncodedBackslash,
        Rejection::EncodedControl,
        Rejection::InvalidUtf8,
        Rejection::PathParameter,
        Rejection::DoubleEncoded,
        Rejection::CaseVariant,
    ];

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
            Rejection::PathParameter => "path-parameter",
            Rejection::DoubleEncoded => "double-encoded",
            Rejection::CaseVariant => "case-variant",
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
            Rejection::PathParameter => "a path segment holds a `;` parameter",
            Rejection::DoubleEncoded => "the path holds a percent-encoding encoded twice (`%25` and two hex digits)",
            Rejection::CaseVariant => "a path segment differs only in letter case from the path the policy declares",
        }
    }
}
