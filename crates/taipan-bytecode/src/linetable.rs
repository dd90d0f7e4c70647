//! CPython 3.11's location table, `co_linetable` (`Objects/locations.md`):
//! for each run of 1–8 code units, a source position `(line, end_line,
//! col, end_col)`. Each entry starts with a byte `1cccclll` — `cccc` the
//! form, `lll` the run length minus one — and the form says what follows:
//!
//! | code  | form       | then                                                  |
//! |-------|------------|-------------------------------------------------------|
//! | 0–9   | short      | one byte `0ccceeee`: col = code·8 + ccc, end_col = col + eeee; same line |
//! | 10–12 | one line   | col byte, end_col byte; line += code − 10             |
//! | 13    | no column  | svarint line delta; no columns                        |
//! | 14    | long       | svarint line delta, varint end_line − line, varint col + 1, varint end_col + 1 |
//! | 15    | none       | nothing: no position at all                           |
//!
//! Varints are 6-bit chunks, least significant first, bit 6 meaning "more";
//! an svarint is a varint of `|v| << 1 | sign`. Lines are relative to the
//! previous entry's (the first to `co_firstlineno`); "none" entries leave
//! it alone. `-1` stands for CPython's `None` throughout, as in
//! `co_positions()`. The encoder picks the form exactly as CPython 3.11's
//! compiler does (`write_location_info_entry`), so `encode(decode(t)) == t`
//! for the tables CPython writes. The exception table is `exceptiontable.rs`.

use std::fmt;

/// A source range; `-1` where CPython has `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: i32,
    pub end_line: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Position {
    /// No position (the "none" form).
    pub const NONE: Position = Position { line: -1, end_line: -1, col: -1, end_col: -1 };
}

/// One run of code units sharing a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineTableEntry {
    /// Code units covered: 1–8 when decoded; any positive length to encode.
    pub length: u32,
    pub position: Position,
}

/// A malformed location or exception table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    /// Byte offset in the table where decoding failed.
    pub offset: usize,
    pub message: &'static str,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for TableError {}

const SHORT0: u8 = 0;
const ONE_LINE0: u8 = 10;
const NO_COLUMNS: u8 = 13;
const LONG: u8 = 14;
const NONE: u8 = 15;

struct Cursor<'a> {
    table: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn byte(&mut self) -> Result<u8, TableError> {
        let b =
            *self.table.get(self.pos).ok_or(TableError { offset: self.pos, message: "truncated entry" })?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u32, TableError> {
        let mut b = self.byte()?;
        let mut value = u32::from(b & 63);
        let mut shift = 0u32;
        while b & 64 != 0 {
            b = self.byte()?;
            shift += 6;
            if shift >= 32 {
                return Err(TableError { offset: self.pos - 1, message: "varint too long" });
            }
            value |= u32::from(b & 63) << shift;
        }
        Ok(value)
    }

    fn svarint(&mut self) -> Result<i32, TableError> {
        let u = self.varint()?;
        let magnitude = (u >> 1) as i32;
        Ok(if u & 1 != 0 { magnitude.wrapping_neg() } else { magnitude })
    }
}

/// The entries of `table`, with absolute positions.
pub fn decode(table: &[u8], firstlineno: i32) -> Result<Vec<LineTableEntry>, TableError> {
    let mut entries = Vec::with_capacity(table.len() / 2);
    for_each_entry(table, firstlineno, |entry| entries.push(entry))?;
    Ok(entries)
}

/// Whether `table` decodes (what [`decode`] checks, without building the
/// entries).
pub fn validate(table: &[u8], firstlineno: i32) -> Result<(), TableError> {
    for_each_entry(table, firstlineno, |_| {})
}

/// Decodes `table`, giving each entry to `visit` in order.
fn for_each_entry(
    table: &[u8],
    firstlineno: i32,
    mut visit: impl FnMut(LineTableEntry),
) -> Result<(), TableError> {
    let mut cursor = Cursor { table, pos: 0 };
    let mut line = firstlineno;
    while cursor.pos < table.len() {
        let start = cursor.pos;
        let first = cursor.byte()?;
        if first & 0x80 == 0 {
            return Err(TableError { offset: start, message: "entry without its start bit" });
        }
        let code = (first >> 3) & 15;
        let length = u32::from(first & 7) + 1;
        let position = match code {
            SHORT0..=9 => {
                let second = cursor.byte()?;
                let col = i32::from(code) * 8 + i32::from((second >> 4) & 7);
                Position { line, end_line: line, col, end_col: col + i32::from(second & 15) }
            }
            ONE_LINE0..=12 => {
                line = line.wrapping_add(i32::from(code - ONE_LINE0));
                let col = i32::from(cursor.byte()?);
                Position { line, end_line: line, col, end_col: i32::from(cursor.byte()?) }
            }
            NO_COLUMNS => {
                line = line.wrapping_add(cursor.svarint()?);
                Position { line, end_line: line, col: -1, end_col: -1 }
            }
            LONG => {
                line = line.wrapping_add(cursor.svarint()?);
                let end_line = line.wrapping_add(cursor.varint()? as i32);
                let col = (cursor.varint()? as i32).wrapping_sub(1);
                let end_col = (cursor.varint()? as i32).wrapping_sub(1);
                Position { line, end_line, col, end_col }
            }
            _ => Position::NONE,
        };
        visit(LineTableEntry { length, position });
    }
    Ok(())
}

/// `co_positions()`: one position per code unit the table covers.
pub fn positions(table: &[u8], firstlineno: i32) -> Result<Vec<Position>, TableError> {
    let entries = decode(table, firstlineno)?;
    let mut out = Vec::with_capacity(entries.iter().map(|e| e.length as usize).sum());
    for entry in entries {
        out.extend(std::iter::repeat_n(entry.position, entry.length as usize));
    }
    Ok(out)
}

/// `co_lines()`: `(start, end, line)` per entry, in code units (CPython's
/// are bytes: twice these), `line` -1 for none. CPython 3.11 yields one
/// range per entry without merging equal lines (`dis` dedups them).
pub fn lines(table: &[u8], firstlineno: i32) -> Result<Vec<(u32, u32, i32)>, TableError> {
    let mut start = 0u32;
    let entries = decode(table, firstlineno)?;
    Ok(entries
        .iter()
        .map(|e| {
            let range = (start, start + e.length, e.position.line);
            start += e.length;
            range
        })
        .collect())
}

/// `PyCode_Addr2Line`: the line of the instruction at code unit `unit`,
/// -1 if it has none (or the table does not cover it or is malformed).
pub fn line_for_unit(table: &[u8], firstlineno: i32, unit: u32) -> i32 {
    let Ok(ranges) = lines(table, firstlineno) else { return -1 };
    ranges.iter().find(|&&(start, end, _)| start <= unit && unit < end).map_or(-1, |&(_, _, line)| line)
}

/// Writes entries as CPython 3.11's compiler does, splitting runs longer
/// than 8 code units (the later pieces repeat the position).
pub fn encode(entries: &[LineTableEntry], firstlineno: i32) -> Vec<u8> {
    let mut encoder = Encoder::new(firstlineno, entries.len());
    for entry in entries {
        encoder.push(entry.length, &entry.position);
    }
    encoder.finish()
}

/// Writes a location table entry by entry, straight into its bytes (what
/// [`encode`] does for a slice of entries).
pub struct Encoder {
    out: Vec<u8>,
    /// The line the next delta is relative to.
    line: i32,
}

impl Encoder {
    /// An empty table for code starting at `firstlineno`, with room for
    /// about `entries` entries.
    pub fn new(firstlineno: i32, entries: usize) -> Encoder {
        Encoder { out: Vec::with_capacity(2 * entries + 8), line: firstlineno }
    }

    /// Appends `length` code units at `position` (several entries when
    /// `length` is above 8; nothing when it is 0).
    #[inline]
    pub fn push(&mut self, length: u32, position: &Position) {
        if (1..=8).contains(&length) {
            // Almost every instruction: one entry.
            self.entry(position, length as u8);
            return;
        }
        self.push_runs(length, position);
    }

    /// `push` for a length of 0 or above 8.
    #[cold]
    fn push_runs(&mut self, length: u32, position: &Position) {
        let mut left = length;
        while left > 0 {
            let run = left.min(8);
            self.entry(position, run as u8);
            left -= run;
        }
    }

    /// The table.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }

    #[inline]
    fn first_byte(&mut self, code: u8, length: u8) {
        self.out.push(0x80 | (code << 3) | (length - 1));
    }

    fn varint(&mut self, mut value: u32) {
        while value >= 64 {
            self.out.push(64 | (value & 63) as u8);
            value >>= 6;
        }
        self.out.push(value as u8);
    }

    fn svarint(&mut self, value: i32) {
        let u = if value < 0 { (value.unsigned_abs() << 1) | 1 } else { (value as u32) << 1 };
        self.varint(u);
    }

    /// `write_location_info_entry` of CPython 3.11's `compile.c` (inlined
    /// into the assembler's emit loop: one call per instruction otherwise).
    #[inline(always)]
    fn entry(&mut self, p: &Position, length: u8) {
        if p.line < 0 {
            self.first_byte(NONE, length);
            return;
        }
        let delta = p.line.wrapping_sub(self.line);
        let (col, end_col) = (p.col, p.end_col);
        if col < 0 || end_col < 0 {
            if p.end_line == p.line || p.end_line == -1 {
                self.first_byte(NO_COLUMNS, length);
                self.svarint(delta);
                self.line = p.line;
                return;
            }
        } else if p.end_line == p.line {
            if delta == 0 && col < 80 && end_col - col < 16 && end_col >= col {
                let first = 0x80 | ((SHORT0 + (col >> 3) as u8) << 3) | (length - 1);
                self.out.extend_from_slice(&[first, (((col & 7) << 4) | (end_col - col)) as u8]);
                return;
            }
            if (0..3).contains(&delta) && col < 128 && end_col < 128 {
                let first = 0x80 | ((ONE_LINE0 + delta as u8) << 3) | (length - 1);
                self.out.extend_from_slice(&[first, col as u8, end_col as u8]);
                self.line = p.line;
                return;
            }
        }
        self.long_entry(p, delta, length);
    }

    fn long_entry(&mut self, p: &Position, delta: i32, length: u8) {
        self.first_byte(LONG, length);
        self.svarint(delta);
        self.varint(p.end_line.wrapping_sub(p.line) as u32);
        self.varint(p.col.wrapping_add(1) as u32);
        self.varint(p.end_col.wrapping_add(1) as u32);
        self.line = p.line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: i32, end_line: i32, col: i32, end_col: i32) -> Position {
        Position { line, end_line, col, end_col }
    }

    #[test]
    fn every_form_round_trips() {
        let entries = [
            LineTableEntry { length: 1, position: pos(0, 0, 0, 0) }, // short
            LineTableEntry { length: 2, position: pos(1, 1, 4, 10) }, // one-line, delta 1
            LineTableEntry { length: 3, position: pos(1, 1, 79, 94) }, // short, group 9
            LineTableEntry { length: 8, position: pos(5, 5, -1, -1) }, // no columns
            LineTableEntry { length: 1, position: Position::NONE },
            LineTableEntry { length: 4, position: pos(2, 9, 300, 2) }, // long, negative delta
            LineTableEntry { length: 1, position: pos(2, 4, -1, -1) }, // long without columns
        ];
        let table = encode(&entries, 0);
        assert_eq!(table[0], 0x80);
        assert_eq!(decode(&table, 0).unwrap(), entries);
        assert_eq!(positions(&table, 0).unwrap().len(), 20);
        assert_eq!(lines(&table, 0).unwrap()[1], (1, 3, 1));
        assert_eq!(line_for_unit(&table, 0, 14), -1);
        assert_eq!(line_for_unit(&table, 0, 15), 2);
        assert_eq!(line_for_unit(&table, 0, 99), -1);
    }

    #[test]
    fn long_runs_are_split() {
        let entries = [LineTableEntry { length: 19, position: pos(3, 3, 0, 1) }];
        let decoded = decode(&encode(&entries, 1), 1).unwrap();
        assert_eq!(decoded.iter().map(|e| e.length).collect::<Vec<_>>(), [8, 8, 3]);
        assert!(decoded.iter().all(|e| e.position == pos(3, 3, 0, 1)));
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(decode(&[0x00], 1).is_err());
        assert!(decode(&[0xF0 | 0x08], 1).unwrap()[0].position == Position::NONE);
        assert!(decode(&[0x80 | (14 << 3)], 1).is_err());
        assert!(decode(&[0x80 | (14 << 3), 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0], 1).is_err());
    }
}
