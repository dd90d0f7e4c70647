//! CPython 3.11's exception table, `co_exceptiontable`
//! (`Objects/exception_handling_notes.txt`): zero-cost exception handling.
//! Each entry says that an exception raised by an instruction in code units
//! `start..end` jumps to `target`, after popping the value stack down to
//! `depth` (and pushing the offset of the raising instruction first when
//! `lasti` is set). An entry is four varints — start, length, target,
//! `depth << 1 | lasti` — each in 6-bit chunks, most significant first,
//! bit 6 meaning "more", and bit 7 set on the entry's first byte only.
//! Offsets are in code units (`dis._parse_exception_table` shows bytes:
//! twice these). The location table is `linetable.rs`.

use crate::linetable::TableError;

/// One handler range; offsets in code units, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// The entries of `table`, in order.
pub fn decode(table: &[u8]) -> Result<Vec<ExceptionEntry>, TableError> {
    let mut pos = 0;
    let mut entries = Vec::new();
    while pos < table.len() {
        if table[pos] & 0x80 == 0 {
            return Err(TableError { offset: pos, message: "entry without its start bit" });
        }
        let start = varint(table, &mut pos)?;
        let length = varint(table, &mut pos)?;
        let target = varint(table, &mut pos)?;
        let depth_lasti = varint(table, &mut pos)?;
        entries.push(ExceptionEntry {
            start,
            end: start.saturating_add(length),
            target,
            depth: depth_lasti >> 1,
            lasti: depth_lasti & 1 != 0,
        });
    }
    Ok(entries)
}

fn varint(table: &[u8], pos: &mut usize) -> Result<u32, TableError> {
    let mut value = 0u32;
    loop {
        let b = *table.get(*pos).ok_or(TableError { offset: *pos, message: "truncated entry" })?;
        if value >= 1 << 26 {
            return Err(TableError { offset: *pos, message: "varint too long" });
        }
        value = (value << 6) | u32::from(b & 63);
        *pos += 1;
        if b & 64 == 0 {
            return Ok(value);
        }
    }
}

/// Writes entries as CPython 3.11's compiler does. Each value must be below
/// 2**30 and each `end` above its `start`.
pub fn encode(entries: &[ExceptionEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        debug_assert!(e.end > e.start, "empty exception range");
        emit(&mut out, e.start, 0x80);
        emit(&mut out, e.end - e.start, 0);
        emit(&mut out, e.target, 0);
        emit(&mut out, (e.depth << 1) | u32::from(e.lasti), 0);
    }
    out
}

fn emit(out: &mut Vec<u8>, value: u32, mut marker: u8) {
    debug_assert!(value < 1 << 30);
    for shift in [24, 18, 12, 6] {
        if value >= 1 << shift {
            out.push(((value >> shift) & 63) as u8 | 64 | marker);
            marker = 0;
        }
    }
    out.push((value & 63) as u8 | marker);
}

/// The handler for an exception raised at code unit `offset`, if any (the
/// entry covering it; CPython's entries do not overlap).
pub fn find_handler(table: &[u8], offset: u32) -> Option<ExceptionEntry> {
    let entries = decode(table).ok()?;
    entries.into_iter().find(|e| e.start <= offset && offset < e.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let entries = [
            ExceptionEntry { start: 2, end: 10, target: 12, depth: 0, lasti: false },
            ExceptionEntry { start: 12, end: 100, target: 5000, depth: 3, lasti: true },
            ExceptionEntry { start: 100_000, end: 100_001, target: (1 << 30) - 1, depth: 70, lasti: false },
        ];
        let table = encode(&entries);
        assert_eq!(&table[..4], [0x82, 0x08, 0x0c, 0x00]);
        assert_eq!(decode(&table).unwrap(), entries);
        assert_eq!(find_handler(&table, 9).unwrap().target, 12);
        assert_eq!(find_handler(&table, 10), None);
        assert_eq!(find_handler(&table, 99).unwrap().depth, 3);
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(decode(&[0x02, 0, 0, 0]).is_err());
        assert!(decode(&[0x82, 0x48]).is_err());
        assert!(decode(&[0xff, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x3f]).is_err());
    }
}
