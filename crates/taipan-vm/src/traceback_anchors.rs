//! The `~~~^^^` anchors of a traceback caret line: CPython 3.11 parses the
//! underlined segment and, for a binary operation or a subscript, marks the
//! operator (or the brackets) with `^` and the operands with `~`
//! (`_extract_caret_anchors_from_line_segment`). ASCII segments only; others
//! get plain carets.

use taipan_parser::ast::{ExprKind, Mod, StmtKind};

/// (left_end, right_start) offsets in `segment`, when it is one binary
/// operation or subscript expression statement.
pub fn anchors(segment: &str) -> Option<(usize, usize)> {
    if !segment.is_ascii() {
        return None;
    }
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
            let op_str = segment.get(op_start..op_end)?;
            let op_offset = op_str.len() - op_str.trim_start().len();
            let mut l = op_start + op_offset;
            let mut r = l + 1;
            if op_offset + 1 < op_str.len() && !op_str.as_bytes()[op_offset + 1].is_ascii_whitespace() {
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
