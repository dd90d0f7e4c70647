//! The `.pyc` file header (PEP 552) with Taipan's own magic number, and the
//! checks CPython's `importlib._bootstrap_external` applies to it before
//! trusting the marshalled code that follows (`_classify_pyc`,
//! `_validate_timestamp_pyc`, `_validate_hash_pyc`).
//!
//! Layout: 4 bytes magic (a little-endian 16-bit number then `\r\n`),
//! 4 bytes flags, then either the source's mtime and size (two
//! little-endian 32-bit fields, both truncated to 32 bits) or, for
//! hash-based files (flag bit 0), an 8-byte hash of the source (flag bit 1:
//! check it against the source). docs/magic.md is the changelog of
//! [`MAGIC_NUMBER`].

/// Taipan's magic number: `b"ta\r\n"`. Never one of CPython's (3.11 uses
/// 3495), so neither interpreter trusts the other's cache. Bump it (and log
/// the bump in docs/magic.md) whenever the bytecode Taipan writes changes
/// meaning.
pub const MAGIC_NUMBER: u16 = u16::from_le_bytes(*b"ta");

/// The four magic bytes that start every `.pyc` Taipan writes.
pub const MAGIC: [u8; 4] = {
    let n = MAGIC_NUMBER.to_le_bytes();
    [n[0], n[1], b'\r', b'\n']
};

/// Header size in bytes.
pub const HEADER_LEN: usize = 16;

/// Flag bit: the file is validated by a hash of the source, not by mtime.
pub const FLAG_HASH_BASED: u32 = 0b01;
/// Flag bit (hash-based files only): check the hash against the source.
pub const FLAG_CHECK_SOURCE: u32 = 0b10;

/// How a `.pyc` says it relates to its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    /// Valid while the source's mtime and size (mod 2**32) are these.
    Timestamp { mtime: u32, size: u32 },
    /// Valid while the source hashes to `hash`; `check_source` false means
    /// "unchecked": trusted without reading the source (unless the
    /// `--check-hash-based-pycs always` option says otherwise).
    Hash { hash: [u8; 8], check_source: bool },
}

/// A parsed header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub validation: Validation,
}

/// Why a header was refused, worded as CPython's `ImportError`s are
/// (`name` is the module name CPython puts in the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// `ImportError`: the first (up to) four bytes are not [`MAGIC`].
    BadMagic(Vec<u8>),
    /// `EOFError`: fewer than [`HEADER_LEN`] bytes.
    Truncated,
    /// `ImportError`: flag bits other than the two defined ones.
    InvalidFlags(u32),
}

impl HeaderError {
    /// The message CPython's importlib gives for this problem.
    pub fn message(&self, name: &str) -> String {
        let name = taipan_repr::str_repr(name.as_bytes());
        match self {
            HeaderError::BadMagic(magic) => {
                format!("bad magic number in {name}: {}", taipan_repr::bytes_repr(magic))
            }
            HeaderError::InvalidFlags(flags) => format!("invalid flags {flags} in {name}"),
            HeaderError::Truncated => format!("reached EOF while reading pyc header of {name}"),
        }
    }
}

/// The header for a file validated by the source's mtime and size.
pub fn timestamp_header(mtime: u64, size: u64) -> [u8; HEADER_LEN] {
    let mut header = [0u8; HEADER_LEN];
    header[..4].copy_from_slice(&MAGIC);
    header[8..12].copy_from_slice(&(mtime as u32).to_le_bytes());
    header[12..16].copy_from_slice(&(size as u32).to_le_bytes());
    header
}

/// The header for a hash-based file.
pub fn hash_header(hash: [u8; 8], check_source: bool) -> [u8; HEADER_LEN] {
    let mut header = [0u8; HEADER_LEN];
    header[..4].copy_from_slice(&MAGIC);
    let flags = FLAG_HASH_BASED | if check_source { FLAG_CHECK_SOURCE } else { 0 };
    header[4..8].copy_from_slice(&flags.to_le_bytes());
    header[8..16].copy_from_slice(&hash);
    header
}

/// Reads the header at the start of `data`, checking in CPython's order
/// (`_classify_pyc`): the magic, then the length, then the flags.
pub fn parse_header(data: &[u8]) -> Result<Header, HeaderError> {
    let magic = &data[..data.len().min(4)];
    if magic != MAGIC {
        return Err(HeaderError::BadMagic(magic.to_vec()));
    }
    if data.len() < HEADER_LEN {
        return Err(HeaderError::Truncated);
    }
    let flags = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
    if flags & !(FLAG_HASH_BASED | FLAG_CHECK_SOURCE) != 0 {
        return Err(HeaderError::InvalidFlags(flags));
    }
    let rest = [data[8], data[9], data[10], data[11], data[12], data[13], data[14], data[15]];
    let validation = if flags & FLAG_HASH_BASED != 0 {
        Validation::Hash { hash: rest, check_source: flags & FLAG_CHECK_SOURCE != 0 }
    } else {
        let mtime = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
        let size = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]);
        Validation::Timestamp { mtime, size }
    };
    Ok(Header { validation })
}

/// Whether a timestamp header still describes a source with this mtime
/// (seconds) and size, compared mod 2**32 as CPython does.
pub fn timestamp_matches(header: &Header, mtime: u64, size: u64) -> bool {
    matches!(header.validation,
        Validation::Timestamp { mtime: m, size: s } if m == mtime as u32 && s == size as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_is_taipans_own() {
        assert_eq!(&MAGIC, b"ta\r\n");
        // CPython 3.11's magic (3495) and its neighbours are never ours.
        assert_ne!(MAGIC_NUMBER, 3495);
        assert!(!(3000..4000).contains(&MAGIC_NUMBER));
    }

    #[test]
    fn timestamp_headers_round_trip_mod_2_32() {
        let header = timestamp_header((1 << 32) + 7, 12345);
        let parsed = parse_header(&header).unwrap();
        assert_eq!(parsed.validation, Validation::Timestamp { mtime: 7, size: 12345 });
        assert!(timestamp_matches(&parsed, 7, 12345));
        assert!(!timestamp_matches(&parsed, 8, 12345));
        assert!(!timestamp_matches(&parsed, 7, 12346));
    }

    #[test]
    fn hash_headers_round_trip() {
        for check in [false, true] {
            let header = hash_header(*b"12345678", check);
            let parsed = parse_header(&header).unwrap();
            assert_eq!(parsed.validation, Validation::Hash { hash: *b"12345678", check_source: check });
        }
    }

    #[test]
    fn bad_headers_are_refused_with_cpythons_messages() {
        let cpython = b"\xa7\r\r\n\0\0\0\0\0\0\0\0\0\0\0\0";
        let err = parse_header(cpython).unwrap_err();
        assert_eq!(err.message("m"), r"bad magic number in 'm': b'\xa7\r\r\n'");
        assert_eq!(parse_header(b"ta").unwrap_err().message("m"), "bad magic number in 'm': b'ta'");
        assert_eq!(parse_header(b"").unwrap_err().message("m"), "bad magic number in 'm': b''");
        assert_eq!(parse_header(b"ta\r\n\0\0").unwrap_err(), HeaderError::Truncated);
        let short = b"ta\r\n\xff\0\0\0\0";
        assert_eq!(
            parse_header(short).unwrap_err().message("m"),
            "reached EOF while reading pyc header of 'm'"
        );
        let mut flags = timestamp_header(0, 0);
        flags[4] = 4;
        assert_eq!(parse_header(&flags).unwrap_err().message("m"), "invalid flags 4 in 'm'");
    }
}
