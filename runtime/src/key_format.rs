//! What a valid key looks like.

/// What a valid key looks like, for one scheme of one api.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFormat {
    /// The api's name.
    pub api: &'static str,
    /// `bearer`, `header "X-API-Key"` or `query "api_key"`.
    pub scheme: &'static str,
    /// The scheme is legacy.
    pub legacy: bool,
    /// The key's prefix.
    pub prefix: &'static str,
    /// Total length bounds in bytes, prefix included, if declared.
    pub length: Option<(usize, usize)>,
    /// The environment keys of this format belong to, if declared.
    pub env: Option<&'static str>,
    /// The key kind whose format this is, if a `kind` declares it.
    pub kind: Option<super::kind::KindId>,
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
        /// The shortest length allowed.
        min: usize,
        /// The longest length allowed.
        max: usize,
        /// The key's length.
        actual: usize,
    },
}

/// The declared format a key matches: the one with the longest prefix that starts the
/// key (whatever the declaration order: `pk_live_` wins over `pk_` for `pk_live_…`), then
/// its length. Of formats with the same longest prefix, the first declared.
///
/// ```
/// use scopec_runtime::{check_key_format, KeyFormat};
/// const fn format(prefix: &'static str, len: usize) -> KeyFormat {
///     KeyFormat { api: "a", scheme: "bearer", legacy: false, prefix, length: Some((len, len)), env: None, kind: None }
/// }
/// static FORMATS: [KeyFormat; 2] = [format("pk_", 10), format("pk_live_", 40)];
/// let key = format!("pk_live_{}", "x".repeat(32));
/// assert_eq!(check_key_format(&FORMATS, &key).map(|f| f.prefix), Ok("pk_live_"));
/// assert_eq!(check_key_format(&FORMATS, "pk_1234567").map(|f| f.prefix), Ok("pk_"));
/// ```
pub fn check_key_format(formats: &'static [KeyFormat], key: &str) -> Result<&'static KeyFormat, KeyFormatError> {
    if formats.is_empty() {
        return Err(KeyFormatError::NoFormats);
    }
    let mut best: Option<&'static KeyFormat> = None;
    for f in formats.iter().filter(|f| key.starts_with(f.prefix)) {
        if best.is_none_or(|b| f.prefix.len() > b.prefix.len()) {
            best = Some(f);
        }
    }
    let Some(format) = best else {
        return Err(KeyFormatError::UnknownPrefix);
    };
    match format.length {
        Some((min, max)) if key.len() < min || key.len() > max => {
            Err(KeyFormatError::Length { min, max, actual: key.len() })
        }
        _ => Ok(format),
    }
}
