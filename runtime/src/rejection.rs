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
    /// A character that needs no encoding is percent-encoded.
    EncodedUnreserved,
    /// The path holds an encoded slash.
    EncodedSlash,
    /// The path holds an encoded backslash.
    EncodedBackslash,
    /// The target holds an encoded control character.
    EncodedControl,
    /// Percent-encoded bytes are not valid UTF-8.
    InvalidUtf8,
}

impl Rejection {
    /// Every rejection.
    pub const ALL: [Rejection; 12] = [
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
