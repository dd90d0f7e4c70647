//! Lookup in generated Unicode tables (`printable.rs` here; the parser's
//! `lexer/unicode14.rs` and `literals/names_table.rs`): sorted, disjoint,
//! inclusive code-point ranges, searched by bisection.

use std::cmp::Ordering;

/// Whether `code_point` falls in one of `ranges` (sorted, disjoint, inclusive).
pub fn contains(ranges: &[(u32, u32)], code_point: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < code_point {
                Ordering::Less
            } else if lo > code_point {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_ends_and_gaps() {
        let table = [(1, 3), (7, 7), (10, 20)];
        let hits: Vec<u32> = (0..22).filter(|&cp| super::contains(&table, cp)).collect();
        assert_eq!(hits, [1, 2, 3, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    }
}
