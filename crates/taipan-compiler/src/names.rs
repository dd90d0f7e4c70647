//! Equality and hashing of identifiers, what the symbol table, codegen and
//! the assembler's merging do most (symbol lookups, local slots, name
//! tables). Identifiers are short, so lengths are compared first and the
//! bytes of a name up to 16 long as two overlapping words, and hashing
//! reads whole words: no call to `memcmp` or `memcpy` for short names.

/// Whether two names (or any two byte strings) are equal.
#[inline]
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

/// The eight bytes of `s` from `at` (zero if out of range, which `same`
/// never asks for).
#[inline(always)]
fn word8(s: &[u8], at: usize) -> u64 {
    s.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map_or(0, u64::from_le_bytes)
}

/// The four bytes of `s` from `at`.
#[inline(always)]
fn word4(s: &[u8], at: usize) -> u32 {
    s.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map_or(0, u32::from_le_bytes)
}

/// The hash of an identifier (or any byte string): its length and its bytes a word at a time
/// (the last partial word read as two overlapping halves, as small-key
/// hashes do), mixed by multiplication and folded down (the table's slot
/// comes from the low bits).
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        h = (h.rotate_left(23) ^ word).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    let n = rest.len();
    let tail = if n >= 4 {
        let half = |at: usize| rest.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok());
        let (lo, hi) = (half(0).map_or(0, u32::from_le_bytes), half(n - 4).map_or(0, u32::from_le_bytes));
        u64::from(lo) | u64::from(hi) << 32
    } else if n > 0 {
        u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
    } else {
        0
    };
    h = (h.rotate_left(23) ^ tail).wrapping_mul(K);
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn equal_exactly_when_the_bytes_are() {
        let names =
            ["", "a", "ab", "abc", "self", "value", "kwargs_", "__init__", "__class__", "abcdefghijklmnop"];
        let long = "a_rather_long_identifier_name";
        for a in names.iter().chain([&long]) {
            for b in names.iter().chain([&long]) {
                assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
        // Differences in the middle of each length class.
        for n in 1..40 {
            let a = "x".repeat(n);
            for i in 0..n {
                let mut b = a.clone().into_bytes();
                b[i] = b'y';
                assert!(!same(a.as_bytes(), &b));
            }
        }
    }
}
