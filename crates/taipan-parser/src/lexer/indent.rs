//! The start of a line: measuring indentation and queueing INDENT/DEDENT
//! tokens, as the `atbol` part of CPython's `tok_get`.
//!
//! Indentation is measured twice: with tabs advancing to the next multiple
//! of 8 (`col`) and with tabs counting 1 (`altcol`, CPython's
//! `ALTTABSIZE`); the two must order lines the same way or the source mixes
//! tabs and spaces inconsistently (TabError). A form feed resets both.
//! Lines holding only blanks and/or a comment are "blank": they neither
//! change the indentation nor produce a NEWLINE. A backslash within the
//! indentation joins lines as CPython 3.11.7 does (gh-90249).

use super::{Lexer, MAX_INDENT};
use crate::error::SyntaxError;

const TAB_SIZE: u32 = 8;

impl Lexer<'_> {
    /// Measures the new line's indentation and queues INDENT/DEDENTs.
    /// Returns whether the line is blank.
    pub(super) fn start_of_line(&mut self) -> Result<bool, SyntaxError> {
        self.buf_start = self.line_start;
        let (col, altcol) = self.measure_indentation()?;
        let c = self.peek();
        let blank = c == b'#' || self.newline_len(self.pos) > 0;
        if !blank && self.parens.is_empty() {
            self.change_indentation(col, altcol)?;
        }
        Ok(blank)
    }

    /// The line's indentation. A backslash inside it joins the next line,
    /// whose blanks count too, unless a backslash after some indentation
    /// came first: the first such backslash fixes the indentation.
    fn measure_indentation(&mut self) -> Result<(u32, u32), SyntaxError> {
        if let Some(spaces) = self.plain_indentation() {
            self.pos += spaces;
            return Ok((spaces as u32, spaces as u32));
        }
        let (mut col, mut altcol) = (0u32, 0u32);
        let mut continued_at = 0;
        loop {
            match self.peek() {
                b' ' => {
                    col = col.saturating_add(1);
                    altcol = altcol.saturating_add(1);
                }
                b'\t' => {
                    col = (col / TAB_SIZE).saturating_add(1).saturating_mul(TAB_SIZE);
                    altcol = altcol.saturating_add(1);
                }
                b'\x0c' => (col, altcol) = (0, 0),
                b'\\' => {
                    if continued_at == 0 {
                        continued_at = col;
                    }
                    self.line_continuation()?;
                    self.buf_start = self.line_start;
                    continue;
                }
                _ if continued_at != 0 => return Ok((continued_at, continued_at)),
                _ => return Ok((col, altcol)),
            }
            self.pos += 1;
        }
    }

    /// The width of an indentation made of spaces only (most lines), when
    /// no tab, form feed or backslash follows them.
    #[inline]
    fn plain_indentation(&self) -> Option<usize> {
        let rest = self.src.get(self.pos..)?;
        let spaces = rest.iter().take_while(|&&c| c == b' ').count();
        match rest.get(spaces) {
            Some(b'\t' | b'\x0c' | b'\\') => None,
            _ if spaces > u32::MAX as usize => None,
            _ => Some(spaces),
        }
    }

    fn change_indentation(&mut self, col: u32, altcol: u32) -> Result<(), SyntaxError> {
        let top = self.indents.last().copied().unwrap_or(0);
        let alt_top = self.alt_indents.last().copied().unwrap_or(0);
        if col == top {
            if altcol != alt_top {
                return Err(self.tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(self.too_deep_error());
            }
            if altcol <= alt_top {
                return Err(self.tab_error());
            }
            self.pending += 1;
            self.indents.push(col);
            self.alt_indents.push(altcol);
        } else {
            while self.indents.len() > 1 && col < self.indents.last().copied().unwrap_or(0) {
                self.pending -= 1;
                self.indents.pop();
                self.alt_indents.pop();
            }
            if Some(&col) != self.indents.last() {
                return Err(self.dedent_error());
            }
            if Some(&altcol) != self.alt_indents.last() {
                return Err(self.tab_error());
            }
        }
        Ok(())
    }
}
