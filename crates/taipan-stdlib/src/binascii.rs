//! `binascii` (CPython's `binascii.c`): conversions between binary data
//! and ASCII encodings: hex (`b2a_hex`/`hexlify` with `sep` and
//! `bytes_per_sep`, `a2b_hex`/`unhexlify`), base64 (`b2a_base64`,
//! `a2b_base64` with `strict_mode`), uuencode (`b2a_uu`, `a2b_uu`),
//! quoted-printable (`b2a_qp`, `a2b_qp`), the checksums `crc32` (the
//! `crc32fast` crate) and `crc_hqx`, and the exceptions `Error`
//! (a ValueError) and `Incomplete`. Messages and edge cases are
//! CPython 3.11's; `base64.py`, `uu.py` and `quopri.py` build on this.

use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::modules::native::{self, bind_clinic};
use taipan_vm::objects::{bytes, dict, int, mk, str as pystr, Method};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

const FUNCTIONS: &[Method] = &[
    mk("a2b_base64", a2b_base64),
    mk("a2b_hex", |a, k| a2b_hex(a, k, "a2b_hex")),
    mk("a2b_qp", a2b_qp),
    mk("a2b_uu", a2b_uu),
    mk("b2a_base64", b2a_base64),
    mk("b2a_hex", |a, k| b2a_hex(a, k, "b2a_hex")),
    mk("b2a_qp", b2a_qp),
    mk("b2a_uu", b2a_uu),
    mk("crc32", crc32),
    mk("crc_hqx", crc_hqx),
    mk("hexlify", |a, k| b2a_hex(a, k, "hexlify")),
    mk("unhexlify", |a, k| a2b_hex(a, k, "unhexlify")),
];

taipan_vm::interp_static! {
    static ERRORS: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

/// (`binascii.Error`, `binascii.Incomplete`).
fn error_types() -> (Value, Value) {
    ERRORS.with(|e| {
        e.get_or_init(|| {
            let make = |name, base: &Value| {
                let ns = dict::new_dict();
                dict::set_str(&ns, "__module__", pystr::new("binascii"));
                taipan_vm::types::type_new(&rt().types.type_, name, vec![base.clone()], &ns)
                    .expect("binascii's exception bases are exception classes")
            };
            (make("Error", &rt().exc.value_error), make("Incomplete", &rt().exc.exception))
        })
        .clone()
    })
}

fn error(msg: impl Into<String>) -> PyErr {
    exc::with_msg(&error_types().0, msg)
}

/// Builds the `binascii` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("binascii", FUNCTIONS);
    let (err, incomplete) = error_types();
    dict::set_str(&d, "Error", err);
    dict::set_str(&d, "Incomplete", incomplete);
    dict::set_str(&d, "__doc__", pystr::new("Conversion between binary data and ASCII"));
    Ok(md)
}

// ---- arguments ----

/// Binds `args[1..]` (after the module) to positional-or-keyword `names`.
fn bind(
    fname: &str,
    args: &[Value],
    kwnames: &[Value],
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    bind_clinic(fname, &args[1..], kwnames, names, required)
}

/// The first (required) argument after binding.
fn first(b: &[Option<Value>]) -> &Value {
    b[0].as_ref().expect("bind_clinic checked the required argument")
}

/// The positional arguments of a function taking `min..=max` of them and
/// no keywords.
fn positional<'a>(
    fname: &str,
    args: &'a [Value],
    kwnames: &[Value],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("binascii.{fname}() takes no keyword arguments")));
    }
    let given = &args[1..];
    let n = given.len();
    if (min..=max).contains(&n) {
        return Ok(given);
    }
    Err(exc::type_error(if max == 1 {
        format!("binascii.{fname}() takes exactly one argument ({n} given)")
    } else if min == max {
        format!("{fname} expected {max} arguments, got {n}")
    } else if n < min {
        format!("{fname} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{fname} expected at most {max} arguments, got {n}")
    }))
}

/// One positional argument followed by keyword-only `names`.
fn data_and_keywords<'a>(
    fname: &str,
    args: &'a [Value],
    kwnames: &[Value],
    names: &[&str],
) -> PyResult<(&'a Value, Vec<Option<Value>>)> {
    let npos = args.len() - 1 - kwnames.len();
    if npos != 1 {
        return Err(exc::type_error(format!("{fname}() takes exactly 1 positional argument ({npos} given)")));
    }
    let b = bind_clinic(fname, &args[2..], kwnames, names, 0)?;
    Ok((&args[1], b))
}

/// A bytes-like argument (the `b2a_*` functions, `crc32`).
fn binary_arg(v: &Value) -> PyResult<Vec<u8>> {
    bytes::buffer(v)
        .ok_or_else(|| exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
}

/// A bytes-like or ASCII str argument (the `a2b_*` functions).
fn ascii_arg(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(t) = pystr::text(v) {
        if !t.is_ascii() {
            return Err(exc::value_error("string argument should contain only ASCII characters"));
        }
        return Ok(t.code_points().map(|c| c as u8).collect());
    }
    bytes::buffer(v).ok_or_else(|| {
        exc::type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", type_name(v)))
    })
}

fn flag(v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => taipan_vm::ops::truthy(v),
        None => Ok(default),
    }
}

/// An `unsigned int` argument converted bitwise (any int, kept modulo 2**32).
fn u32_bitwise(v: &Value) -> PyResult<u32> {
    if taipan_vm::objects::float::to_f64(v).is_some() {
        return Err(exc::type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int::to_bigint(&int::index(v)?).unwrap_or_default();
    let (_, digits) = n.to_u32_digits();
    let low = digits.first().copied().unwrap_or(0);
    Ok(if n.sign() == num_bigint::Sign::Minus { low.wrapping_neg() } else { low })
}

// ---- hex ----

fn b2a_hex(args: &[Value], kwnames: &[Value], fname: &str) -> PyResult<Value> {
    let b = bind(fname, args, kwnames, &["data", "sep", "bytes_per_sep"], 1)?;
    let data = binary_arg(first(&b))?;
    if let Some(sep) = &b[1] {
        if taipan_vm::ops::len(sep).is_err() {
            return Err(exc::type_error(format!("object of type '{}' has no len()", type_name(sep))));
        }
    }
    let text = bytes::hex_with_sep(&data, b[1].as_ref(), b[2].as_ref())?;
    Ok(bytes::new(text.into_bytes()))
}

fn a2b_hex(args: &[Value], kwnames: &[Value], fname: &str) -> PyResult<Value> {
    let data = ascii_arg(&positional(fname, args, kwnames, 1, 1)?[0])?;
    if data.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks_exact(2) {
        match (hex_value(pair[0]), hex_value(pair[1])) {
            (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    Ok(bytes::new(out))
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

// ---- base64 ----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

fn b2a_base64(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (data, b) = data_and_keywords("b2a_base64", args, kwnames, &["newline"])?;
    let data = binary_arg(data)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (c as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if flag(&b[0], true)? {
        out.push(b'\n');
    }
    Ok(bytes::new(out))
}

fn a2b_base64(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (data, b) = data_and_keywords("a2b_base64", args, kwnames, &["strict_mode"])?;
    let data = ascii_arg(data)?;
    let strict = flag(&b[0], false)?;
    decode_base64(&data, strict).map(bytes::new)
}

/// Base64 decoding as CPython does it: outside strict mode, characters
/// outside the alphabet are skipped and data after complete padding is
/// ignored.
fn decode_base64(data: &[u8], strict: bool) -> PyResult<Vec<u8>> {
    if strict && data.first() == Some(&b'=') {
        return Err(error("Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut quad_pos, mut left, mut pads) = (0u8, 0u8, 0usize);
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad_pos == 0 {
                return Err(error("Excess padding not allowed"));
            }
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos as usize + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error("Excess data after padding"));
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push(left << 6 | v);
                left = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(error(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(error("Incorrect padding")),
    }
}

// ---- uuencode ----

fn b2a_uu(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (data, b) = data_and_keywords("b2a_uu", args, kwnames, &["backtick"])?;
    let data = binary_arg(data)?;
    let backtick = flag(&b[0], false)?;
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let encode = |six: u32| if backtick && six == 0 { b'`' } else { b' ' + six as u8 };
    let mut out = vec![encode(data.len() as u32)];
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, &c)| acc | (c as u32) << (16 - 8 * i));
        for i in 0..4 {
            out.push(encode(n >> (18 - 6 * i) & 63));
        }
    }
    out.push(b'\n');
    Ok(bytes::new(out))
}

fn a2b_uu(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let data = ascii_arg(&positional("a2b_uu", args, kwnames, 1, 1)?[0])?;
    // An empty line reads as a length byte of NUL, as in CPython.
    let mut bin_len = (data.first().copied().unwrap_or(0).wrapping_sub(b' ') & 0o77) as usize;
    let rest = data.get(1..).unwrap_or(&[]);
    let mut out = Vec::with_capacity(bin_len);
    let (mut left, mut bits, mut pos) = (0u32, 0u32, 0usize);
    while bin_len > 0 {
        let c = rest.get(pos).copied().unwrap_or(b'\n');
        pos += 1;
        let six = if c == b'\n' || c == b'\r' {
            0
        } else {
            if !(b' '..=b' ' + 64).contains(&c) {
                return Err(error("Illegal char"));
            }
            (c - b' ') as u32 & 0o77
        };
        left = left << 6 | six;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    let trailing = rest.get(pos..).unwrap_or(&[]);
    if trailing.iter().any(|&c| !matches!(c, b' ' | b'`' | b'\n' | b'\r')) {
        return Err(error("Trailing garbage"));
    }
    Ok(bytes::new(out))
}

// ---- quoted-printable ----

const MAXLINESIZE: usize = 76;

fn a2b_qp(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("a2b_qp", args, kwnames, &["data", "header"], 1)?;
    let data = ascii_arg(first(&b))?;
    let header = flag(&b[1], false)?;
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            let Some(&next) = data.get(i) else { break };
            if next == b'\n' || next == b'\r' {
                // A soft line break.
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                i = (i + 1).min(data.len());
            } else if next == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(hi), Some(lo)) =
                (hex_value(next), data.get(i + 1).and_then(|&c| hex_value(c)))
            {
                out.push(hi << 4 | lo);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(bytes::new(out))
}

fn b2a_qp(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("b2a_qp", args, kwnames, &["data", "quotetabs", "istext", "header"], 1)?;
    let data = binary_arg(first(&b))?;
    let opts =
        QpOptions { quotetabs: flag(&b[1], false)?, istext: flag(&b[2], true)?, header: flag(&b[3], false)? };
    Ok(bytes::new(encode_qp(&data, opts)))
}

#[derive(Clone, Copy)]
struct QpOptions {
    quotetabs: bool,
    istext: bool,
    header: bool,
}

/// Whether byte `i` of `data` must be written as `=XX`.
fn qp_needs_quoting(data: &[u8], i: usize, linelen: usize, o: QpOptions) -> bool {
    let c = data[i];
    let last = i + 1 == data.len();
    let next = data.get(i + 1).copied();
    c > 126
        || c == b'='
        || (o.header && c == b'_')
        || (c == b'.' && linelen == 0 && (last || matches!(next, Some(b'\n' | b'\r' | 0))))
        || (!o.istext && (c == b'\r' || c == b'\n'))
        || ((c == b'\t' || c == b' ') && last)
        || (c < 33 && c != b'\r' && c != b'\n' && (o.quotetabs || (c != b'\t' && c != b' ')))
}

fn encode_qp(data: &[u8], o: QpOptions) -> Vec<u8> {
    let crlf = data.iter().position(|&c| c == b'\n').is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(data.len() * 3 / 2);
    let (mut i, mut linelen) = (0, 0);
    while i < data.len() {
        let c = data[i];
        if qp_needs_quoting(data, i, linelen, o) {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            push_hex_escape(&mut out, c);
            i += 1;
            linelen += 3;
        } else if o.istext && (c == b'\n' || (c == b'\r' && data.get(i + 1) == Some(&b'\n'))) {
            linelen = 0;
            // Whitespace at the end of a line is escaped.
            if let Some(&last @ (b' ' | b'\t')) = out.last() {
                out.pop();
                push_hex_escape(&mut out, last);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != data.len() && data[i + 1] != b'\n' && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if o.header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    out
}

fn push_hex_escape(out: &mut Vec<u8>, c: u8) {
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[b'=', UPPER[(c >> 4) as usize], UPPER[(c & 15) as usize]]);
}

// ---- checksums ----

fn crc32(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("crc32", args, kwnames, 1, 2)?;
    let data = binary_arg(&a[0])?;
    let init = a.get(1).map(u32_bitwise).transpose()?.unwrap_or(0);
    let mut h = crc32fast::Hasher::new_with_initial(init);
    h.update(&data);
    Ok(int::from_i64(h.finalize() as i64))
}

fn crc_hqx(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = positional("crc_hqx", args, kwnames, 2, 2)?;
    let data = binary_arg(&a[0])?;
    let mut crc = u32_bitwise(&a[1])? & 0xffff;
    for &byte in &data {
        crc ^= (byte as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 } & 0xffff;
        }
    }
    Ok(int::from_i64(crc as i64))
}

#[cfg(test)]
mod tests {
    use super::{decode_base64, encode_qp, QpOptions};

    #[test]
    fn base64_lenient_and_strict() {
        assert_eq!(decode_base64(b"YWJj", false).ok(), Some(b"abc".to_vec()));
        assert_eq!(decode_base64(b"YW\nJj!", false).ok(), Some(b"abc".to_vec()));
        assert_eq!(decode_base64(b"YQ==garbage", false).ok(), Some(b"a".to_vec()));
    }

    #[test]
    fn qp_soft_breaks_long_lines() {
        let opts = QpOptions { quotetabs: false, istext: true, header: false };
        let out = encode_qp(&[b'a'; 100], opts);
        assert_eq!(out.iter().filter(|&&c| c == b'\n').count(), 1);
    }
}
