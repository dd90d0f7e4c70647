//! The built-in codecs a VM needs before `codecs`/`encodings` can be
//! imported: UTF-8 (the default), Latin-1 and ASCII, both ways, with the
//! standard error handlers (`strict`, `ignore`, `replace`,
//! `surrogateescape`, `surrogatepass`, `backslashreplace`,
//! `xmlcharrefreplace`) and CPython's error ranges and messages. Handlers
//! registered from Python (`codecs.register_error`) are the VM's business:
//! `ErrorHandler::from_name` returns `None` for them.

use super::builder::StrBuilder;
use super::error::{CodecError, TextError, TextResult};
use super::storage::{push_wtf8, with_units, Str, Unit, Units};

/// A built-in codec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Latin1,
    Ascii,
    /// UTF-16 with a byte-order mark (`utf-16`: native little-endian BOM
    /// on encode, BOM-directed on decode), or fixed-endian without one.
    Utf16(Endian),
    /// UTF-32, likewise.
    Utf32(Endian),
}

/// Byte order of the UTF-16/UTF-32 codecs: `Bom` writes and reads a BOM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endian {
    Bom,
    Little,
    Big,
}

/// A standard error handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorHandler {
    Strict,
    Ignore,
    Replace,
    SurrogateEscape,
    SurrogatePass,
    BackslashReplace,
    XmlCharRefReplace,
}

impl ErrorHandler {
    /// The handler of a standard name (`None`: ask the codec registry).
    pub fn from_name(name: &str) -> Option<ErrorHandler> {
        Some(match name {
            "strict" => ErrorHandler::Strict,
            "ignore" => ErrorHandler::Ignore,
            "replace" => ErrorHandler::Replace,
            "surrogateescape" => ErrorHandler::SurrogateEscape,
            "surrogatepass" => ErrorHandler::SurrogatePass,
            "backslashreplace" => ErrorHandler::BackslashReplace,
            "xmlcharrefreplace" => ErrorHandler::XmlCharRefReplace,
            _ => return None,
        })
    }
}

impl Codec {
    /// The codec for an encoding name, normalised as CPython's
    /// `encodings.normalize_encoding` does (case, `-` and spaces), for the
    /// common aliases; `None` for everything else.
    pub fn lookup(name: &str) -> Option<Codec> {
        let norm: String = name
            .trim()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
            .collect();
        Some(match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
            "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819"
            | "iso_ir_100" | "csisolatin1" | "iso_8859_1:1987" => Codec::Latin1,
            "ascii" | "us_ascii" | "646" | "us" | "iso646_us" | "ansi_x3.4_1968" | "cp367" | "csascii"
            | "ibm367" | "iso_646.irv:1991" | "iso_ir_6" => Codec::Ascii,
            "utf_16" | "utf16" | "u16" => Codec::Utf16(Endian::Bom),
            "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16(Endian::Little),
            "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16(Endian::Big),
            "utf_32" | "utf32" | "u32" => Codec::Utf32(Endian::Bom),
            "utf_32_le" | "utf_32le" => Codec::Utf32(Endian::Little),
            "utf_32_be" | "utf_32be" => Codec::Utf32(Endian::Big),
            _ => return None,
        })
    }

    /// CPython's name of the codec in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
            Codec::Utf16(Endian::Bom) => "utf-16",
            Codec::Utf16(Endian::Little) => "utf-16-le",
            Codec::Utf16(Endian::Big) => "utf-16-be",
            Codec::Utf32(Endian::Bom) => "utf-32",
            Codec::Utf32(Endian::Little) => "utf-32-le",
            Codec::Utf32(Endian::Big) => "utf-32-be",
        }
    }

    /// `s.encode(codec, errors)`.
    pub fn encode(self, s: &Str, errors: ErrorHandler) -> TextResult<Vec<u8>> {
        match self {
            Codec::Utf8 => encode_utf8(s, errors),
            Codec::Latin1 => encode_narrow(s, errors, Codec::Latin1),
            Codec::Ascii => encode_narrow(s, errors, Codec::Ascii),
            Codec::Utf16(_) | Codec::Utf32(_) => encode_wide(s, errors, self),
        }
    }

    /// `bytes.decode(codec, errors)`.
    pub fn decode(self, bytes: &[u8], errors: ErrorHandler) -> TextResult<Str> {
        match self {
            Codec::Utf8 => decode_utf8(bytes, errors),
            Codec::Latin1 => Ok(Str::from_latin1(bytes)),
            Codec::Ascii => decode_ascii(bytes, errors),
            Codec::Utf16(e) => decode_utf16(bytes, errors, e),
            Codec::Utf32(e) => decode_utf32(bytes, errors, e),
        }
    }
}

/// Little-endian unless `Big` (a BOM codec encodes little-endian, as
/// CPython does on little-endian machines).
fn is_little(e: Endian) -> bool {
    e != Endian::Big
}

/// `s.encode("utf-16*"/"utf-32*", errors)`: lone surrogates are errors
/// (`surrogatepass` writes them as units).
fn encode_wide(s: &Str, errors: ErrorHandler, codec: Codec) -> TextResult<Vec<u8>> {
    let (wide32, endian) = match codec {
        Codec::Utf32(e) => (true, e),
        Codec::Utf16(e) => (false, e),
        _ => return Ok(Vec::new()),
    };
    let little = is_little(endian);
    let mut out = Vec::with_capacity(s.len() * if wide32 { 4 } else { 2 });
    let push_unit = |out: &mut Vec<u8>, u: u32| {
        if wide32 {
            out.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
        } else {
            let u = u as u16;
            out.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
        }
    };
    if endian == Endian::Bom {
        push_unit(&mut out, 0xFEFF);
    }
    for (i, cp) in s.code_points().enumerate() {
        if is_surrogate(cp) && errors != ErrorHandler::SurrogatePass {
            if errors == ErrorHandler::Strict {
                return Err(encode_error(codec, s, i, i + 1, "surrogates not allowed"));
            }
            let mut tmp = Vec::new();
            encode_bad_run(&mut tmp, s, (i, i + 1), errors, codec, "surrogates not allowed")?;
            tmp.iter().for_each(|&b| push_unit(&mut out, b as u32));
        } else if !wide32 && cp > 0xFFFF {
            let v = cp - 0x10000;
            push_unit(&mut out, 0xD800 | (v >> 10));
            push_unit(&mut out, 0xDC00 | (v & 0x3FF));
        } else {
            push_unit(&mut out, cp);
        }
    }
    Ok(out)
}

/// Handles one undecodable run `start..end` (strict fails; ignore skips;
/// replace writes U+FFFD; backslashreplace writes `\xNN` escapes).
fn decode_bad(
    out: &mut Vec<u32>,
    bytes: &[u8],
    (start, end): (usize, usize),
    errors: ErrorHandler,
    codec: Codec,
    reason: &'static str,
) -> TextResult<()> {
    match errors {
        ErrorHandler::Ignore => {}
        ErrorHandler::Replace => out.push(0xFFFD),
        ErrorHandler::BackslashReplace => {
            for b in &bytes[start..end] {
                out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
            }
        }
        _ => return Err(decode_error(codec, bytes, start, end, reason)),
    }
    Ok(())
}

/// `bytes.decode("utf-16*")`.
fn decode_utf16(bytes: &[u8], errors: ErrorHandler, endian: Endian) -> TextResult<Str> {
    let codec = Codec::Utf16(endian);
    let (mut little, mut pos) = (is_little(endian), 0);
    if endian == Endian::Bom && bytes.len() >= 2 {
        match (bytes[0], bytes[1]) {
            (0xFF, 0xFE) => pos = 2,
            (0xFE, 0xFF) => (little, pos) = (false, 2),
            _ => {}
        }
    }
    let unit = |i: usize| {
        let pair = [bytes[i], bytes[i + 1]];
        (if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }) as u32
    };
    let mut out = Vec::with_capacity(bytes.len() / 2);
    while pos < bytes.len() {
        if pos + 2 > bytes.len() {
            decode_bad(&mut out, bytes, (pos, bytes.len()), errors, codec, "truncated data")?;
            break;
        }
        let u = unit(pos);
        if !is_surrogate(u) {
            out.push(u);
            pos += 2;
        } else if u >= 0xDC00 {
            decode_bad(&mut out, bytes, (pos, pos + 2), errors, codec, "illegal encoding")?;
            pos += 2;
        } else if pos + 4 > bytes.len() {
            decode_bad(&mut out, bytes, (pos, bytes.len()), errors, codec, "unexpected end of data")?;
            break;
        } else {
            let low = unit(pos + 2);
            if (0xDC00..=0xDFFF).contains(&low) {
                out.push(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
                pos += 4;
            } else {
                decode_bad(&mut out, bytes, (pos, pos + 2), errors, codec, "illegal UTF-16 surrogate")?;
                pos += 2;
            }
        }
    }
    Str::from_code_points(out)
}

/// `bytes.decode("utf-32*")`.
fn decode_utf32(bytes: &[u8], errors: ErrorHandler, endian: Endian) -> TextResult<Str> {
    let codec = Codec::Utf32(endian);
    let (mut little, mut pos) = (is_little(endian), 0);
    if endian == Endian::Bom && bytes.len() >= 4 {
        match bytes[..4] {
            [0xFF, 0xFE, 0, 0] => pos = 4,
            [0, 0, 0xFE, 0xFF] => (little, pos) = (false, 4),
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(bytes.len() / 4);
    while pos < bytes.len() {
        if pos + 4 > bytes.len() {
            decode_bad(&mut out, bytes, (pos, bytes.len()), errors, codec, "truncated data")?;
            break;
        }
        let quad = [bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]];
        let cp = if little { u32::from_le_bytes(quad) } else { u32::from_be_bytes(quad) };
        if cp > super::MAX_CODE_POINT || is_surrogate(cp) {
            let reason = if cp > super::MAX_CODE_POINT {
                "code point not in range(0x110000)"
            } else {
                "code point in surrogate code point range(0xd800, 0xe000)"
            };
            decode_bad(&mut out, bytes, (pos, pos + 4), errors, codec, reason)?;
        } else {
            out.push(cp);
        }
        pos += 4;
    }
    Str::from_code_points(out)
}

fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

/// Index one past the run of code points from `start` that satisfy `bad`.
fn run_end(s: &Str, start: usize, bad: impl Fn(u32) -> bool) -> usize {
    (start..s.len()).find(|&i| !s.char_at(i).is_some_and(&bad)).unwrap_or(s.len())
}

fn encode_error(codec: Codec, s: &Str, start: usize, end: usize, reason: &'static str) -> TextError {
    let detail = s.char_at(start).unwrap_or(0);
    TextError::Encode(CodecError { encoding: codec.name(), start, end, reason, detail })
}

/// Applies `errors` to the unencodable code points `start..end` of `s`.
/// `escape_ok` says whether `surrogateescape`/`surrogatepass` apply.
fn encode_bad_run(
    out: &mut Vec<u8>,
    s: &Str,
    (start, end): (usize, usize),
    errors: ErrorHandler,
    codec: Codec,
    reason: &'static str,
) -> TextResult<()> {
    let bad = || s.code_points().from_index(start).take(end - start);
    match errors {
        ErrorHandler::Strict => return Err(encode_error(codec, s, start, end, reason)),
        ErrorHandler::Ignore => {}
        ErrorHandler::Replace => out.extend(bad().map(|_| b'?')),
        ErrorHandler::SurrogateEscape => {
            for (i, cp) in (start..end).zip(bad()) {
                if !(0xDC80..=0xDCFF).contains(&cp) {
                    return Err(encode_error(codec, s, i, end, reason));
                }
                out.push((cp - 0xDC00) as u8);
            }
        }
        ErrorHandler::SurrogatePass if codec == Codec::Utf8 => bad().for_each(|cp| push_wtf8(out, cp)),
        ErrorHandler::SurrogatePass => return Err(encode_error(codec, s, start, end, reason)),
        ErrorHandler::BackslashReplace => bad().for_each(|cp| out.extend(backslash_escape(cp).bytes())),
        ErrorHandler::XmlCharRefReplace => bad().for_each(|cp| out.extend(format!("&#{cp};").bytes())),
    }
    Ok(())
}

fn backslash_escape(cp: u32) -> String {
    match cp {
        0..=0xFF => format!("\\x{cp:02x}"),
        0x100..=0xFFFF => format!("\\u{cp:04x}"),
        _ => format!("\\U{cp:08x}"),
    }
}

/// `s.encode("utf-8", errors)`: only lone surrogates can fail.
pub fn encode_utf8(s: &Str, errors: ErrorHandler) -> TextResult<Vec<u8>> {
    if let Some(text) = s.as_ascii_str() {
        return Ok(text.as_bytes().to_vec());
    }
    let mut out = Vec::new();
    out.try_reserve(s.len().saturating_mul(2)).map_err(|_| TextError::Memory)?;
    let mut i = 0;
    while let Some(bad) = with_units!(s, u => encode_utf8_from(u, i, &mut out)) {
        let end = run_end(s, bad, is_surrogate);
        encode_bad_run(&mut out, s, (bad, end), errors, Codec::Utf8, "surrogates not allowed")?;
        i = end;
    }
    Ok(out)
}

/// Encodes `units[start..]` until the first surrogate, whose index it returns.
fn encode_utf8_from<T: Unit>(units: &[T], start: usize, out: &mut Vec<u8>) -> Option<usize> {
    let mut i = start;
    while i < units.len() {
        let cp: u32 = units[i].into();
        if cp < 0x80 {
            // Copy a run of ASCII at once.
            let run = units[i..].iter().position(|&u| u.into() >= 0x80).unwrap_or(units.len() - i);
            out.extend(units[i..i + run].iter().map(|&u| u.into() as u8));
            i += run;
            continue;
        }
        if is_surrogate(cp) {
            return Some(i);
        }
        push_wtf8(out, cp);
        i += 1;
    }
    None
}

/// Latin-1 or ASCII encoding: code points from the limit on fail.
fn encode_narrow(s: &Str, errors: ErrorHandler, codec: Codec) -> TextResult<Vec<u8>> {
    let (limit, reason) = match codec {
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        _ => (0x100, "ordinal not in range(256)"),
    };
    if let Units::Latin1(bytes) = s.as_units() {
        if codec == Codec::Latin1 || s.is_ascii() {
            return Ok(bytes.to_vec());
        }
    }
    let mut out = Vec::new();
    out.try_reserve(s.len()).map_err(|_| TextError::Memory)?;
    let mut i = 0;
    while i < s.len() {
        let cp = s.char_at(i).unwrap_or(0);
        if cp < limit {
            out.push(cp as u8);
            i += 1;
            continue;
        }
        let end = run_end(s, i, |c| c >= limit);
        encode_bad_run(&mut out, s, (i, end), errors, codec, reason)?;
        i = end;
    }
    Ok(out)
}

/// What went wrong at one place in UTF-8 input.
struct Utf8Fault {
    start: usize,
    end: usize,
    reason: &'static str,
}

/// Classifies the invalid sequence at `start` (which `std` found invalid,
/// `error_len` bytes long, `None` meaning truncated at the end).
fn utf8_fault(bytes: &[u8], start: usize, error_len: Option<usize>) -> Utf8Fault {
    match error_len {
        None => Utf8Fault { start, end: bytes.len(), reason: "unexpected end of data" },
        Some(n) => {
            let lead = bytes[start];
            let bad_lead = !(0xC2..=0xF4).contains(&lead);
            let reason = if bad_lead { "invalid start byte" } else { "invalid continuation byte" };
            Utf8Fault { start, end: start + n, reason }
        }
    }
}

/// A surrogate encoded in three bytes at `at` (what `surrogatepass` takes).
fn encoded_surrogate(bytes: &[u8], at: usize) -> Option<u32> {
    let &[a, b, c] = bytes.get(at..at + 3)? else { return None };
    let cont = |x: u8| x & 0xC0 == 0x80;
    let cp = (u32::from(a & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F);
    (a & 0xF0 == 0xE0 && cont(b) && cont(c) && is_surrogate(cp)).then_some(cp)
}

fn decode_error(codec: Codec, bytes: &[u8], start: usize, end: usize, reason: &'static str) -> TextError {
    let detail = bytes.get(start).copied().unwrap_or(0).into();
    TextError::Decode(CodecError { encoding: codec.name(), start, end, reason, detail })
}

/// Applies `errors` to the undecodable bytes `start..end`; returns where
/// decoding resumes.
fn decode_bad_run(
    out: &mut StrBuilder,
    bytes: &[u8],
    (start, end): (usize, usize),
    errors: ErrorHandler,
    codec: Codec,
    reason: &'static str,
) -> TextResult<usize> {
    let bad = &bytes[start..end];
    match errors {
        ErrorHandler::Strict => return Err(decode_error(codec, bytes, start, end, reason)),
        ErrorHandler::Ignore => {}
        ErrorHandler::Replace => out.push(0xFFFD),
        ErrorHandler::SurrogateEscape => {
            if let Some(i) = bad.iter().position(|&b| b < 0x80) {
                return Err(decode_error(codec, bytes, start + i, end, reason));
            }
            bad.iter().for_each(|&b| out.push(0xDC00 + u32::from(b)));
        }
        ErrorHandler::SurrogatePass => {
            let cp = (codec == Codec::Utf8).then(|| encoded_surrogate(bytes, start)).flatten();
            let cp = cp.ok_or_else(|| decode_error(codec, bytes, start, end, reason))?;
            out.push(cp);
            return Ok(start + 3);
        }
        ErrorHandler::BackslashReplace => bad.iter().for_each(|&b| out.push_str(&format!("\\x{b:02x}"))),
        ErrorHandler::XmlCharRefReplace => {
            return Err(TextError::Type(
                "don't know how to handle UnicodeDecodeError in error callback".into(),
            ))
        }
    }
    Ok(end)
}

/// `bytes.decode("utf-8", errors)`.
pub fn decode_utf8(bytes: &[u8], errors: ErrorHandler) -> TextResult<Str> {
    if bytes.is_ascii() {
        return Ok(Str::from_latin1(bytes));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Str::from(text));
    }
    let mut out = StrBuilder::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[at..at + valid]).unwrap_or_default());
                let fault = utf8_fault(bytes, at + valid, e.error_len());
                at = decode_bad_run(
                    &mut out,
                    bytes,
                    (fault.start, fault.end),
                    errors,
                    Codec::Utf8,
                    fault.reason,
                )?;
            }
        }
    }
    Ok(out.finish())
}

/// `bytes.decode("ascii", errors)`: each byte above 0x7F is its own error.
fn decode_ascii(bytes: &[u8], errors: ErrorHandler) -> TextResult<Str> {
    if bytes.is_ascii() {
        return Ok(Str::from_latin1(bytes));
    }
    let mut out = StrBuilder::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            out.push(bytes[at].into());
            at += 1;
            continue;
        }
        at =
            decode_bad_run(&mut out, bytes, (at, at + 1), errors, Codec::Ascii, "ordinal not in range(128)")?;
    }
    Ok(out.finish())
}
