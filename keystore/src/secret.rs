//! Issuing key secrets and hashing them.

use sha2::{Digest, Sha256};

use super::error::Error;

/// Random characters in a key whose format declares no length.
pub const DEFAULT_RANDOM: usize = 32;
/// The fewest random characters a key may have (about 95 bits).
pub const MIN_RANDOM: usize = 16;

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new key: `prefix` followed by random letters and digits, `length` characters in all
/// (or [`DEFAULT_RANDOM`] after the prefix).
pub fn generate(prefix: &str, length: Option<usize>) -> Result<String, Error> {
    let random = match length {
        Some(n) if n < prefix.len() + MIN_RANDOM => return Err(Error::Length { length: n, prefix: prefix.len() }),
        Some(n) => n - prefix.len(),
        None => DEFAULT_RANDOM,
    };
    let mut key = String::with_capacity(prefix.len() + random);
    key.push_str(prefix);
    let mut buf = [0u8; 64];
    while key.len() < prefix.len() + random {
        getrandom::fill(&mut buf).map_err(|_| Error::Random)?;
        // Rejection sampling: 248 = 4 * 62, so each kept byte is uniform over the alphabet.
        for b in buf.iter().filter(|b| **b < 248) {
            if key.len() == prefix.len() + random {
                break;
            }
            key.push(ALPHABET[usize::from(*b % 62)] as char);
        }
    }
    Ok(key)
}

/// The SHA-256 hash the store keeps instead of the key.
pub fn hash(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

/// What listings show of a key: its prefix and the first four random characters.
pub fn display(key: &str, prefix: &str) -> String {
    let end = (prefix.len() + 4).min(key.len());
    format!("{}…", key.get(..end).unwrap_or(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_their_prefix_length_and_alphabet() {
        let k = generate("pm_live_", Some(48)).unwrap_or_default();
        assert_eq!(k.len(), 48);
        assert!(k.starts_with("pm_live_"));
        assert!(k[8..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(generate("pm_live_", Some(48)).ok(), Some(k.clone()));
        assert!(matches!(generate("pm_live_", Some(20)), Err(Error::Length { .. })));
        assert_eq!(display(&k, "pm_live_").chars().count(), 13);
        assert_eq!(hash("a").len(), 32);
    }
}
