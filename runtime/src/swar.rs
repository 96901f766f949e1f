//! Eight bytes at a time: word loads and byte tests on `u64`s (SIMD within a register).

/// `0x01` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The low seven bits of every byte.
pub const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `t` at `at` as a little-endian word.
#[inline(always)]
pub fn load(t: &[u8], at: usize) -> u64 {
    let w = &t[at..at + 8];
    u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
}

/// The `N` bytes of `t` at `at` as a little-endian number (`N` is 2 or 4).
#[inline(always)]
pub fn load_n<const N: usize>(t: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    w[..N].copy_from_slice(&t[at..at + N]);
    u32::from_le_bytes(w)
}

/// The high bit of each byte of `x` that is zero (exact: no false positives).
///
/// ```
/// use scopec_runtime::swar::zero_bytes;
/// assert_eq!(zero_bytes(0x0000_00ff_0000_ff00), 0x8080_8000_8080_0080);
/// ```
#[inline(always)]
pub fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The high bit of each byte of `x` equal to `b`.
#[inline(always)]
pub fn bytes_equal(x: u64, b: u8) -> u64 {
    zero_bytes(x ^ (ONES * u64::from(b)))
}

/// The high bit of each byte that no target may hold: outside `!`..`~`, `#` or `\\`.
#[inline(always)]
pub fn bad_bytes(x: u64) -> u64 {
    let below = !(((x & LOW7) + ONES * 0x5f) | x | LOW7);
    let above = (((x & LOW7) + ONES) | x) & HIGH;
    below | above | bytes_equal(x, b'#') | bytes_equal(x, b'\\')
}

/// `x` with its ASCII capitals in lower case (other bytes unchanged).
#[inline(always)]
pub fn lower_word(x: u64) -> u64 {
    let low7 = x & LOW7;
    let above_z = low7 + ONES * u64::from(0x7f - b'Z');
    let from_a = low7 + ONES * u64::from(0x80 - b'A');
    let upper = !x & (from_a ^ above_z) & HIGH;
    x | (upper >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(bytes: [u8; 8]) -> u64 {
        u64::from_le_bytes(bytes)
    }

    #[test]
    fn byte_tests_agree_with_bytewise_tests_on_every_byte() {
        for b in 0..=255u8 {
            let x = word([b, b'a', b, b'/', 0, 0xff, b, b'~']);
            let bytes = x.to_le_bytes();
            let mut want_bad = 0u64;
            let mut want_eq = 0u64;
            let mut want_lower = [0u8; 8];
            for (i, c) in bytes.iter().enumerate() {
                if !(0x21..=0x7e).contains(c) || *c == b'#' || *c == b'\\' {
                    want_bad |= 0x80 << (8 * i);
                }
                if *c == b'/' {
                    want_eq |= 0x80 << (8 * i);
                }
                want_lower[i] = c.to_ascii_lowercase();
            }
            assert_eq!(bad_bytes(x), want_bad, "byte {b:#x}");
            assert_eq!(bytes_equal(x, b'/'), want_eq, "byte {b:#x}");
            assert_eq!(lower_word(x), word(want_lower), "byte {b:#x}");
        }
    }

    #[test]
    fn loads_are_little_endian() {
        assert_eq!(load(b"xabcdefgh", 1), word(*b"abcdefgh"));
        assert_eq!(load_n::<2>(b"ab", 0), 0x6261);
        assert_eq!(load_n::<4>(b"abcd", 0), 0x6463_6261);
    }
}
