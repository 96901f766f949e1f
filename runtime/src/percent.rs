//! Percent-encoding: checking it, decoding it, and UTF-8 validity of what it decodes to.

use super::rejection::Rejection;

/// The value of a hex digit.
#[inline]
pub fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Checks percent-encodings: malformed `%` and encoded control characters.
///
/// ```
/// use scopec_runtime::{percent::check_percent, Rejection};
/// assert_eq!(check_percent(b"a%20b"), Ok(()));
/// assert_eq!(check_percent(b"a%2"), Err(Rejection::BadPercent));
/// assert_eq!(check_percent(b"%0a"), Err(Rejection::EncodedControl));
/// ```
#[inline]
pub fn check_percent(raw: &[u8]) -> Result<(), Rejection> {
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let (Some(hi), Some(lo)) = (raw.get(i + 1).copied().and_then(hex), raw.get(i + 2).copied().and_then(hex))
            else {
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

/// The decoded bytes of text that passed [`check_percent`], one at a time, each with
/// whether it was encoded (`+` is a space in queries).
#[inline]
pub fn decoded(raw: &[u8], plus_is_space: bool) -> impl Iterator<Item = (u8, bool)> + Clone + '_ {
    let mut i = 0;
    core::iter::from_fn(move || {
        let b = *raw.get(i)?;
        if b == b'%' {
            let digit = |k: usize| raw.get(k).copied().and_then(hex).unwrap_or(0);
            let v = digit(i + 1) * 16 + digit(i + 2);
            i += 3;
            Some((v, true))
        } else {
            i += 1;
            Some((if plus_is_space && b == b'+' { b' ' } else { b }, false))
        }
    })
}

/// True when the bytes are valid UTF-8 (no overlong forms, no surrogates).
///
/// ```
/// use scopec_runtime::percent::utf8_ok;
/// assert!(utf8_ok("é€😀".bytes()));
/// assert!(!utf8_ok([0xc0, 0xaf].into_iter()));
/// assert!(!utf8_ok([0xed, 0xa0, 0x80].into_iter()));
/// ```
#[inline]
pub fn utf8_ok(bytes: impl Iterator<Item = u8>) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_ok_agrees_with_core_on_short_sequences() {
        let mut buf = [0u8; 3];
        for a in 0..=255u8 {
            for b in [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff] {
                for c in [0x80, 0xbf, 0x41] {
                    buf = [a, b, c];
                    assert_eq!(utf8_ok(buf.iter().copied()), core::str::from_utf8(&buf).is_ok(), "{buf:x?}");
                }
            }
        }
        let _ = buf;
    }

    #[test]
    fn decoding_marks_encoded_bytes() {
        let mut it = decoded(b"a%41+", true);
        assert_eq!(it.next(), Some((b'a', false)));
        assert_eq!(it.next(), Some((b'A', true)));
        assert_eq!(it.next(), Some((b' ', false)));
        assert_eq!(it.next(), None);
    }
}
