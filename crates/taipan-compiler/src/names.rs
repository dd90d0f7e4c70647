//! Equality of identifiers, the comparison the symbol table and codegen
//! make most (symbol lookups, local slots, name tables). Identifiers are
//! short, so lengths are compared first and the bytes of a name up to 16
//! long as two overlapping words, without a call to `memcmp`.

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
