//! The `~~~^^^` anchors of a traceback caret line: CPython 3.11 parses the
//! underlined segment and, for a binary operation or a subscript, marks the
//! operator (or the brackets) with `^` and the operands with `~`
//! (`_extract_caret_anchors_from_line_segment`). The AST's columns are
//! UTF-8 byte offsets; the anchors are returned in characters.

use taipan_parser::ast::{ExprKind, Mod, StmtKind};

/// (left_end, right_start) character offsets in `segment`, when it is
/// one binary operation or subscript expression statement.
pub fn anchors(segment: &str) -> Option<(usize, usize)> {
    let (l, r) = byte_anchors(segment)?;
    Some((char_offset(segment, l), char_offset(segment, r)))
}

/// The number of characters in the first `byte` bytes of `s`
/// (`_byte_offset_to_character_offset`; a cut inside a character counts
/// the characters before it).
fn char_offset(s: &str, byte: usize) -> usize {
    let mut b = byte.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].chars().count()
}

/// The anchors as byte offsets.
fn byte_anchors(segment: &str) -> Option<(usize, usize)> {
    let tree =
        taipan_parser::parse(segment, taipan_parser::Mode::Exec, taipan_parser::ParseOptions::default())
            .ok()?;
    let Mod::Module { body, .. } = &tree else {
        return None;
    };
    if body.len() != 1 {
        return None;
    }
    let StmtKind::Expr { value } = &body[0].kind else {
        return None;
    };
    let seg = segment.as_bytes();
    match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let op_start = left.range.end.col as usize;
            let op_end = (right.range.start.col as usize).max(op_start);
            let op_str = seg.get(op_start..op_end)?;
            let op_offset = op_str.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let mut l = op_start + op_offset;
            let mut r = l + 1;
            if op_offset + 1 < op_str.len() && !op_str[op_offset + 1].is_ascii_whitespace() {
                r += 1;
            }
            while l < seg.len() && (seg[l].is_ascii_whitespace() || seg[l] == b')' || seg[l] == b'#') {
                l += 1;
                r += 1;
            }
            Some((l, r))
        }
        ExprKind::Subscript { value: v, slice, .. } => {
            let mut l = v.range.end.col as usize;
            let mut r = slice.range.end.col as usize + 1;
            while l < seg.len() && (seg[l].is_ascii_whitespace() || seg[l] != b'[') {
                l += 1;
            }
            while r < seg.len() && (seg[r].is_ascii_whitespace() || seg[r] != b']') {
                r += 1;
            }
            if r < seg.len() {
                r += 1;
            }
            Some((l, r))
        }
        _ => None,
    }
}
