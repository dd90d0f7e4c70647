//! Comments, and with `LexOptions::type_comments` the `# type:` comments
//! that CPython's tokenizer turns into TYPE_COMMENT and TYPE_IGNORE tokens.
//!
//! The prefix is `#`, blanks, `type`, `:`, blanks (blanks: spaces and tabs,
//! any number, none included). A TYPE_IGNORE is `ignore` right after the
//! prefix, followed by the end of the comment or by an ASCII character that
//! is not alphanumeric; its token spans the tag after `ignore`. Any other
//! type comment spans everything after the prefix.

use super::{Lexer, Step};
use crate::token::TokenKind;

impl Lexer<'_> {
    /// Moves the cursor from `#` to the newline ending the comment.
    pub(super) fn skip_comment(&mut self) {
        let rest = &self.src[self.pos.min(self.src.len())..];
        let len = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        self.pos += len;
    }

    /// Emits the type comment that the comment at `start` (ending at the
    /// cursor) is, if it is one.
    pub(super) fn type_comment(&mut self, start: usize, blank_line: bool) -> Option<Step> {
        let value = self.type_comment_value(start)?;
        let ignore_end = value + 6;
        let is_ignore = self.pos >= ignore_end
            && &self.src[value..ignore_end] == b"ignore"
            && !(self.pos > ignore_end && {
                let next = self.byte(ignore_end);
                next >= 0x80 || next.is_ascii_alphanumeric()
            });
        if is_ignore {
            self.push_here(TokenKind::TypeIgnore, ignore_end);
            if blank_line {
                let newline = self.newline_len(self.pos);
                self.consume_newline(newline);
                self.at_bol = true;
            }
        } else {
            self.push_here(TokenKind::TypeComment, value);
        }
        Some(Step::Continue)
    }

    /// Where the value of a type comment starts, when the comment from
    /// `start` to the cursor has the `# type: ` prefix.
    fn type_comment_value(&self, start: usize) -> Option<usize> {
        let mut p = start;
        for &want in b"# type: " {
            if p > self.pos {
                return None;
            }
            if want == b' ' {
                while matches!(self.byte(p), b' ' | b'\t') {
                    p += 1;
                }
            } else if self.byte(p) == want {
                p += 1;
            } else {
                return None;
            }
        }
        Some(p)
    }
}
