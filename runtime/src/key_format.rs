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

/// The declared format a key matches (by prefix, then length).
pub fn check_key_format(formats: &'static [KeyFormat], key: &str) -> Result<&'static KeyFormat, KeyFormatError> {
    if formats.is_empty() {
        return Err(KeyFormatError::NoFormats);
    }
    let Some(format) = formats.iter().find(|f| key.starts_with(f.prefix)) else {
        return Err(KeyFormatError::UnknownPrefix);
    };
    match format.length {
        Some((min, max)) if key.len() < min || key.len() > max => {
            Err(KeyFormatError::Length { min, max, actual: key.len() })
        }
        _ => Ok(format),
    }
}
