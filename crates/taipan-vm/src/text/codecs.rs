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
            _ => return None,
        })
    }

    /// CPython's name of the codec in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Latin1 => "latin-1",
            Codec::Ascii => "ascii",
        }
    }

    /// `s.encode(codec, errors)`.
    pub fn encode(self, s: &Str, errors: ErrorHandler) -> TextResult<Vec<u8>> {
        match self {
            Codec::Utf8 => encode_utf8(s, errors),
            Codec::Latin1 => encode_narrow(s, errors, Codec::Latin1),
            Codec::Ascii => encode_narrow(s, errors, Codec::Ascii),
        }
    }

    /// `bytes.decode(codec, errors)`.
    pub fn decode(self, bytes: &[u8], errors: ErrorHandler) -> TextResult<Str> {
        match self {
            Codec::Utf8 => decode_utf8(bytes, errors),
            Codec::Latin1 => Ok(Str::from_latin1(bytes)),
            Codec::Ascii => decode_ascii(bytes, errors),
        }
    }
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
