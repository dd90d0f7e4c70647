//! `_codecs` (CPython's `Modules/_codecsmodule.c` + `Python/codecs.c`): the
//! codec registry (`register`, `unregister`, `lookup`, `encode`, `decode`),
//! the error-handler registry (`register_error`, `lookup_error`, with the
//! standard handlers as callables), and the codec functions the
//! `encodings` package calls: UTF-8/16/32 (with incremental `final`
//! handling and the `_ex` BOM forms), Latin-1, ASCII, the escape codecs and
//! charmap. The codecs themselves are the VM's (`taipan_vm::text::Codec`);
//! an error handler registered from Python is driven here (`with_handler`).
//! Not done: UTF-7, `namereplace` (needs the Unicode name table).

use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::modules::native::{self, bind, given, none};
use taipan_vm::objects::{bytes, dict, int, list, m, mk, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::text::{Codec, Endian, ErrorHandler, Str, TextError};
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// The registries: (search functions, lookup cache, error handlers).
struct Registry {
    search: Value,
    cache: Value,
    errors: Value,
}

taipan_vm::interp_static! {
    static REGISTRY: OnceCell<Registry> = const { OnceCell::new() };
}

fn registry<T>(f: impl FnOnce(&Registry) -> T) -> T {
    REGISTRY.with(|r| {
        f(r.get_or_init(|| Registry {
            search: list::new(Vec::new()),
            cache: dict::new_dict(),
            errors: dict::new_dict(),
        }))
    })
}

const FUNCTIONS: &[Method] = &[
    m("register", codecs_register),
    m("unregister", codecs_unregister),
    m("lookup", codecs_lookup),
    mk("encode", |a, k| encode_decode(a, k, true)),
    mk("decode", |a, k| encode_decode(a, k, false)),
    m("register_error", codecs_register_error),
    m("lookup_error", codecs_lookup_error),
    m("_forget_codec", codecs_forget),
    mk("utf_8_encode", |a, k| simple_encode(a, k, "utf_8_encode", Codec::Utf8)),
    mk("utf_8_decode", |a, k| stream_decode(a, k, "utf_8_decode", Codec::Utf8)),
    mk("latin_1_encode", |a, k| simple_encode(a, k, "latin_1_encode", Codec::Latin1)),
    mk("latin_1_decode", |a, k| stream_decode(a, k, "latin_1_decode", Codec::Latin1)),
    mk("ascii_encode", |a, k| simple_encode(a, k, "ascii_encode", Codec::Ascii)),
    mk("ascii_decode", |a, k| stream_decode(a, k, "ascii_decode", Codec::Ascii)),
    mk("utf_16_encode", |a, k| wide_encode(a, k, "utf_16_encode", false)),
    mk("utf_16_le_encode", |a, k| simple_encode(a, k, "utf_16_le_encode", Codec::Utf16(Endian::Little))),
    mk("utf_16_be_encode", |a, k| simple_encode(a, k, "utf_16_be_encode", Codec::Utf16(Endian::Big))),
    mk("utf_16_decode", |a, k| stream_decode(a, k, "utf_16_decode", Codec::Utf16(Endian::Bom))),
    mk("utf_16_le_decode", |a, k| stream_decode(a, k, "utf_16_le_decode", Codec::Utf16(Endian::Little))),
    mk("utf_16_be_decode", |a, k| stream_decode(a, k, "utf_16_be_decode", Codec::Utf16(Endian::Big))),
    mk("utf_16_ex_decode", |a, k| ex_decode(a, k, "utf_16_ex_decode", false)),
    mk("utf_32_encode", |a, k| wide_encode(a, k, "utf_32_encode", true)),
    mk("utf_32_le_encode", |a, k| simple_encode(a, k, "utf_32_le_encode", Codec::Utf32(Endian::Little))),
    mk("utf_32_be_encode", |a, k| simple_encode(a, k, "utf_32_be_encode", Codec::Utf32(Endian::Big))),
    mk("utf_32_decode", |a, k| stream_decode(a, k, "utf_32_decode", Codec::Utf32(Endian::Bom))),
    mk("utf_32_le_decode", |a, k| stream_decode(a, k, "utf_32_le_decode", Codec::Utf32(Endian::Little))),
    mk("utf_32_be_decode", |a, k| stream_decode(a, k, "utf_32_be_decode", Codec::Utf32(Endian::Big))),
    mk("utf_32_ex_decode", |a, k| ex_decode(a, k, "utf_32_ex_decode", true)),
    mk("escape_encode", escape_encode),
    mk("escape_decode", escape_decode),
    mk("unicode_escape_encode", |a, k| unicode_escape_encode(a, k, false)),
    mk("raw_unicode_escape_encode", |a, k| unicode_escape_encode(a, k, true)),
    mk("unicode_escape_decode", |a, k| unicode_escape_decode(a, k, false)),
    mk("raw_unicode_escape_decode", |a, k| unicode_escape_decode(a, k, true)),
    mk("charmap_encode", charmap_encode),
    mk("charmap_decode", charmap_decode),
    m("charmap_build", charmap_build),
    mk("readbuffer_encode", readbuffer_encode),
];

/// The standard error handlers as `lookup_error` returns them.
const HANDLERS: &[Method] = &[
    m("strict_errors", handler_strict),
    m("ignore_errors", |a, _| handle(a, Handling::Ignore)),
    m("replace_errors", |a, _| handle(a, Handling::Replace)),
    m("backslashreplace_errors", |a, _| handle(a, Handling::Backslash)),
    m("xmlcharrefreplace_errors", |a, _| handle(a, Handling::XmlCharRef)),
    m("surrogateescape_errors", |a, _| handle(a, Handling::SurrogateEscape)),
    m("surrogatepass_errors", |a, _| handle(a, Handling::SurrogatePass)),
];

/// Builds the `_codecs` module.
pub fn module() -> PyResult<Value> {
    let (md, _) = native::new_module("_codecs", FUNCTIONS);
    let handlers = registry(|r| r.errors.clone());
    for row in HANDLERS {
        let f = taipan_vm::objects::function::new_builtin(row.name, row.func, row.kw, md.clone());
        let name = row.name.trim_end_matches("_errors");
        if dict::get_item(&handlers, &pystr::new(name))?.is_none() {
            dict::set_item(&handlers, pystr::new(name), f)?;
        }
    }
    Ok(md)
}

fn lookup_err(msg: String) -> PyErr {
    exc::with_msg(&rt().exc.lookup_error, msg)
}

fn is_callable(v: &Value) -> bool {
    taipan_vm::builtins::functions::is_callable(v)
}

fn codecs_register(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("register", args, 2, 2)?;
    if !is_callable(&args[1]) {
        return Err(exc::type_error("argument must be callable"));
    }
    let search = registry(|r| r.search.clone());
    taipan_vm::call::call(&taipan_vm::attr::getattr_str(&search, "append")?, &[args[1].clone()], &[])?;
    Ok(none())
}

fn codecs_unregister(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("unregister", args, 2, 2)?;
    let (search, cache) = registry(|r| (r.search.clone(), r.cache.clone()));
    let items = taipan_vm::ops::collect(&search)?;
    if let Some(i) = items.iter().position(|f| f.is(&args[1])) {
        taipan_vm::ops::delitem(&search, &int::from_usize(i))?;
        taipan_vm::ops::call_dunder_opt(&cache, "clear", &[])?;
    }
    Ok(none())
}

fn codecs_forget(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("_forget_codec", args, 2, 2)?;
    let name = normalize(&native::str_arg(&args[1], "_forget_codec", "encoding")?);
    let cache = registry(|r| r.cache.clone());
    dict::del_item(&cache, &pystr::new(&name))?;
    Ok(none())
}

/// CPython's `_Py_normalize_encoding`: lower case; runs of characters
/// other than letters, digits and `.` become one `_`.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || !c.is_ascii() {
            if punct && !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

fn codecs_lookup(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("lookup", args, 2, 2)?;
    let name = native::str_arg(&args[1], "lookup", "encoding")?;
    lookup(&name)
}

/// `codecs.lookup(name)`: the cached or searched `CodecInfo`.
pub fn lookup(name: &str) -> PyResult<Value> {
    let key = pystr::new(&normalize(name));
    let (search, cache) = registry(|r| (r.search.clone(), r.cache.clone()));
    if let Some(info) = dict::get_item(&cache, &key)? {
        return Ok(info);
    }
    if taipan_vm::ops::len(&search)? == 0 {
        taipan_vm::import::import_absolute("encodings")?;
    }
    for f in taipan_vm::ops::collect(&search)? {
        let info = taipan_vm::call::call(&f, std::slice::from_ref(&key), &[])?;
        if info.is(&rt().none) {
            continue;
        }
        if tuple::items(&info).map(|t| t.len()) != Some(4) {
            return Err(exc::type_error("codec search functions must return 4-tuples"));
        }
        dict::set_item(&cache, key, info.clone())?;
        return Ok(info);
    }
    Err(lookup_err(format!("unknown encoding: {name}")))
}

/// `_codecs.encode(obj, encoding='utf-8', errors='strict')` and `decode`.
fn encode_decode(args: &[Value], kwnames: &[Value], encoding: bool) -> PyResult<Value> {
    let fname = if encoding { "encode" } else { "decode" };
    let b = bind(fname, &args[1..], kwnames, &["obj", "encoding", "errors"], 1)?;
    let obj = b[0].clone().unwrap_or_else(none);
    let enc = match &b[1] {
        Some(v) => native::str_arg(v, fname, "encoding")?,
        None => "utf-8".to_string(),
    };
    let errors = match &b[2] {
        Some(v) => native::str_arg(v, fname, "errors")?,
        None => "strict".to_string(),
    };
    let info = lookup(&enc)?;
    let f = tuple::items(&info).map(|t| t[if encoding { 0 } else { 1 }].clone()).unwrap_or_else(none);
    let r = taipan_vm::call::call(&f, &[obj, pystr::new(&errors)], &[])?;
    match tuple::items(&r) {
        Some(t) if t.len() == 2 => Ok(t[0].clone()),
        _ => Err(exc::type_error(format!(
            "{} must return a tuple (object, integer)",
            if encoding { "encoder" } else { "decoder" }
        ))),
    }
}

fn codecs_register_error(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("register_error", args, 3, 3)?;
    native::str_arg(&args[1], "register_error", "errors")?;
    if !is_callable(&args[2]) {
        return Err(exc::type_error("handler must be callable"));
    }
    let errors = registry(|r| r.errors.clone());
    dict::set_item(&errors, args[1].clone(), args[2].clone())?;
    Ok(none())
}

fn codecs_lookup_error(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("lookup_error", args, 2, 2)?;
    let name = native::str_arg(&args[1], "lookup_error", "name")?;
    lookup_error(&name)
}

/// The error handler registered as `name`.
fn lookup_error(name: &str) -> PyResult<Value> {
    let errors = registry(|r| r.errors.clone());
    dict::get_item(&errors, &pystr::new(name))?
        .ok_or_else(|| lookup_err(format!("unknown error handler name '{name}'")))
}

// ---- the standard handlers as callables ----

#[derive(Clone, Copy, PartialEq)]
enum Handling {
    Ignore,
    Replace,
    Backslash,
    XmlCharRef,
    SurrogateEscape,
    SurrogatePass,
}

fn handler_strict(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("strict_errors", args, 2, 2)?;
    if taipan_vm::objects::object::isinstance(&args[1], &rt().exc.base_exception)? {
        return Err(PyErr(args[1].clone()));
    }
    Err(exc::type_error("codec must pass exception instance"))
}

/// The fields of a Unicode error passed to a handler: (kind, object,
/// start, end) where kind is 'e'ncode, 'd'ecode or 't'ranslate.
fn error_fields(e: &Value) -> PyResult<(char, Value, usize, usize)> {
    let r = rt();
    let kind = if taipan_vm::objects::object::isinstance(e, &r.exc.unicode_encode_error)? {
        'e'
    } else if taipan_vm::objects::object::isinstance(e, &r.exc.unicode_decode_error)? {
        'd'
    } else if taipan_vm::objects::object::isinstance(e, &r.exc.unicode_translate_error)? {
        't'
    } else {
        return Err(exc::type_error(format!("don't know how to handle {} in error callback", type_name(e))));
    };
    let field = |name: &str, pos: usize| -> PyResult<Value> {
        if let Ok(Some(v)) = taipan_vm::attr::getattr_opt(e, &pystr::intern(name)) {
            return Ok(v);
        }
        let a = taipan_vm::attr::getattr_str(e, "args")?;
        tuple::items(&a)
            .and_then(|t| t.get(pos).cloned())
            .ok_or_else(|| exc::type_error(format!("{name} attribute not set")))
    };
    let shift = if kind == 't' { 1 } else { 0 };
    let object = field("object", 1 - shift)?;
    let start = int::to_i64(&field("start", 2 - shift)?).unwrap_or(0).max(0) as usize;
    let end = int::to_i64(&field("end", 3 - shift)?).unwrap_or(0).max(0) as usize;
    Ok((kind, object, start, end))
}

fn handle(args: &[Value], how: Handling) -> PyResult<Value> {
    taipan_vm::objects::check_args("errors", args, 2, 2)?;
    let (kind, object, start, end) = error_fields(&args[1])?;
    let wrong =
        || exc::type_error(format!("don't know how to handle {} in error callback", type_name(&args[1])));
    let mut out = String::new();
    let mut cps: Vec<u32> = Vec::new();
    let mut newpos = end;
    match (kind, how) {
        (_, Handling::Ignore) => {}
        ('d', Handling::Replace) => cps.push(0xFFFD),
        (_, Handling::Replace) => cps.extend(std::iter::repeat_n('?' as u32, end.saturating_sub(start))),
        ('d', Handling::Backslash) => {
            let b = bytes::buffer(&object).unwrap_or_default();
            for x in b.get(start..end.min(b.len())).unwrap_or(&[]) {
                out.push_str(&format!("\\x{x:02x}"));
            }
        }
        ('d', Handling::SurrogateEscape) => {
            let b = bytes::buffer(&object).unwrap_or_default();
            for &x in b.get(start..end.min(b.len())).unwrap_or(&[]) {
                if x < 128 {
                    return Err(PyErr(args[1].clone()));
                }
                cps.push(0xDC00 + x as u32);
            }
        }
        ('d', Handling::SurrogatePass) => {
            let b = bytes::buffer(&object).unwrap_or_default();
            let s = b.get(start..(start + 3).min(b.len())).unwrap_or(&[]);
            match s {
                [a, b2, c] if a & 0xF0 == 0xE0 && b2 & 0xC0 == 0x80 && c & 0xC0 == 0x80 => {
                    let cp = ((*a as u32 & 0x0F) << 12) | ((*b2 as u32 & 0x3F) << 6) | (*c as u32 & 0x3F);
                    if !(0xD800..=0xDFFF).contains(&cp) {
                        return Err(PyErr(args[1].clone()));
                    }
                    cps.push(cp);
                    newpos = start + 3;
                }
                _ => return Err(PyErr(args[1].clone())),
            }
        }
        ('d', _) => return Err(wrong()),
        (_, how) => {
            let text = pystr::text(&object).cloned().unwrap_or_default();
            for i in start..end.min(text.len()) {
                let cp = text.char_at(i).unwrap_or(0);
                match how {
                    Handling::Backslash => out.push_str(&backslash_escape(cp)),
                    Handling::XmlCharRef if kind == 'e' => out.push_str(&format!("&#{cp};")),
                    Handling::SurrogateEscape if kind == 'e' && (0xDC80..=0xDCFF).contains(&cp) => {
                        return Ok(tuple::new(vec![
                            bytes_from_surrogates(&text, start, end, &args[1])?,
                            int::from_usize(end),
                        ]));
                    }
                    Handling::SurrogatePass if kind == 'e' && (0xD800..=0xDFFF).contains(&cp) => {
                        let mut b = Vec::new();
                        for j in start..end.min(text.len()) {
                            let c = text.char_at(j).unwrap_or(0);
                            if !(0xD800..=0xDFFF).contains(&c) {
                                return Err(PyErr(args[1].clone()));
                            }
                            b.extend([
                                0xE0 | (c >> 12) as u8,
                                0x80 | ((c >> 6) & 0x3F) as u8,
                                0x80 | (c & 0x3F) as u8,
                            ]);
                        }
                        return Ok(tuple::new(vec![bytes::new(b), int::from_usize(end)]));
                    }
                    Handling::XmlCharRef | Handling::SurrogateEscape | Handling::SurrogatePass
                        if kind != 'e' =>
                    {
                        return Err(wrong())
                    }
                    _ => return Err(PyErr(args[1].clone())),
                }
            }
        }
    }
    let mut s = Str::from_code_points(cps).map_err(pystr::text_error)?;
    if !out.is_empty() {
        s = Str::from_latin1(out.as_bytes());
    }
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(newpos)]))
}

/// surrogateescape on encode: U+DC80..U+DCFF back to the bytes they stand for.
fn bytes_from_surrogates(text: &Str, start: usize, end: usize, e: &Value) -> PyResult<Value> {
    let mut b = Vec::new();
    for j in start..end.min(text.len()) {
        let c = text.char_at(j).unwrap_or(0);
        if !(0xDC80..=0xDCFF).contains(&c) {
            return Err(PyErr(e.clone()));
        }
        b.push((c - 0xDC00) as u8);
    }
    Ok(bytes::new(b))
}

fn backslash_escape(cp: u32) -> String {
    match cp {
        0..=0xFF => format!("\\x{cp:02x}"),
        0x100..=0xFFFF => format!("\\u{cp:04x}"),
        _ => format!("\\U{cp:08x}"),
    }
}

// ---- codec functions ----

/// The `errors` argument (None means strict).
fn errors_name(v: &Option<Value>, fname: &str) -> PyResult<String> {
    match given(v) {
        Some(e) => native::str_arg(e, fname, "errors"),
        None => Ok("strict".to_string()),
    }
}

/// A str argument's text.
fn text_arg(v: &Value, fname: &str) -> PyResult<Str> {
    pystr::text(v)
        .cloned()
        .ok_or_else(|| exc::type_error(format!("{fname}() argument 1 must be str, not {}", type_name(v))))
}

/// A bytes-like argument's bytes.
fn data_arg(v: &Value) -> PyResult<Vec<u8>> {
    if pystr::is_str(v) {
        return Err(exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))));
    }
    bytes::buffer(v)
        .or_else(|| taipan_vm::objects::memoryview::contents(v))
        .ok_or_else(|| exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
}

/// Encodes with a native codec and any error handler.
pub fn encode_with(codec: Codec, text: &Str, errors: &str) -> PyResult<Vec<u8>> {
    if let Some(h) = ErrorHandler::from_name(errors) {
        return codec.encode(text, h).map_err(pystr::text_error);
    }
    let handler = lookup_error(errors)?;
    let mut out = Vec::new();
    let mut pos = 0;
    let mut first = true;
    while pos < text.len() || first {
        first = false;
        let rest = text.substring(pos, text.len());
        match codec.encode(&rest, ErrorHandler::Strict) {
            Ok(b) => {
                out.extend(b);
                break;
            }
            Err(TextError::Encode(ce)) => {
                let head = text.substring(pos, pos + ce.start);
                out.extend(codec.encode(&head, ErrorHandler::Strict).map_err(pystr::text_error)?);
                let args = vec![
                    pystr::new(ce.encoding),
                    pystr::from_text(text.clone()),
                    int::from_usize(pos + ce.start),
                    int::from_usize(pos + ce.end),
                    pystr::new(ce.reason),
                ];
                let e = unicode_error(&rt().exc.unicode_encode_error, args);
                let (rep, newpos) = call_handler(&handler, &e, text.len(), true)?;
                match pystr::text(&rep) {
                    Some(s) => out.extend(codec.encode(s, ErrorHandler::Strict).map_err(|_| e.clone())?),
                    None => out.extend(bytes::buffer(&rep).unwrap_or_default()),
                }
                pos = newpos;
            }
            Err(other) => return Err(pystr::text_error(other)),
        }
    }
    Ok(out)
}

/// Decodes with a native codec and any error handler.
pub fn decode_with(codec: Codec, data: &[u8], errors: &str) -> PyResult<Str> {
    if let Some(h) = ErrorHandler::from_name(errors) {
        return codec.decode(data, h).map_err(pystr::text_error);
    }
    let handler = lookup_error(errors)?;
    let mut out = Str::new();
    let mut pos = 0;
    while pos < data.len() {
        match codec.decode(&data[pos..], ErrorHandler::Strict) {
            Ok(s) => {
                out.append(&s).map_err(pystr::text_error)?;
                break;
            }
            Err(TextError::Decode(ce)) => {
                let head = codec
                    .decode(&data[pos..pos + ce.start], ErrorHandler::Strict)
                    .map_err(pystr::text_error)?;
                out.append(&head).map_err(pystr::text_error)?;
                let args = vec![
                    pystr::new(ce.encoding),
                    bytes::new(data.to_vec()),
                    int::from_usize(pos + ce.start),
                    int::from_usize(pos + ce.end),
                    pystr::new(ce.reason),
                ];
                let e = unicode_error(&rt().exc.unicode_decode_error, args);
                let (rep, newpos) = call_handler(&handler, &e, data.len(), false)?;
                let rep = pystr::text(&rep).cloned().unwrap_or_default();
                out.append(&rep).map_err(pystr::text_error)?;
                pos = newpos;
            }
            Err(other) => return Err(pystr::text_error(other)),
        }
    }
    Ok(out)
}

/// A `UnicodeEncodeError`/`UnicodeDecodeError` for an error handler, with
/// its fields also set as attributes (`encoding`, `object`, `start`,
/// `end`, `reason`).
fn unicode_error(ty: &Value, args: Vec<Value>) -> PyErr {
    let e = exc::new_exception(ty, args.clone());
    for (name, v) in ["encoding", "object", "start", "end", "reason"].iter().zip(args) {
        let _ = taipan_vm::attr::setattr(e.value(), &pystr::intern(name), v);
    }
    e
}

/// Calls an error handler; returns (replacement, new position).
fn call_handler(handler: &Value, e: &PyErr, len: usize, encoding: bool) -> PyResult<(Value, usize)> {
    let r = taipan_vm::call::call(handler, &[e.value().clone()], &[])?;
    let bad = || {
        let what = if encoding {
            "encoding error handler must return (str/bytes, int) tuple"
        } else {
            "decoding error handler must return (str, int) tuple"
        };
        exc::type_error(what)
    };
    let t = tuple::items(&r).filter(|t| t.len() == 2).ok_or_else(bad)?;
    let ok_rep = pystr::is_str(&t[0]) || (encoding && bytes::as_bytes(&t[0]).is_some());
    let pos = int::to_i64(&t[1]).filter(|_| ok_rep).ok_or_else(bad)?;
    let pos = if pos < 0 { pos + len as i64 } else { pos };
    if pos < 0 || pos as usize > len {
        return Err(exc::index_error(format!("position {pos} from error handler out of bounds")));
    }
    Ok((t[0].clone(), pos as usize))
}

fn simple_encode(args: &[Value], kwnames: &[Value], fname: &str, codec: Codec) -> PyResult<Value> {
    let b = bind(fname, &args[1..], kwnames, &["str", "errors"], 1)?;
    let text = text_arg(b[0].as_ref().unwrap_or(&none()), fname)?;
    let out = encode_with(codec, &text, &errors_name(&b[1], fname)?)?;
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(text.len())]))
}

/// `utf_16_encode(str, errors=None, byteorder=0)` (and 32).
fn wide_encode(args: &[Value], kwnames: &[Value], fname: &str, wide32: bool) -> PyResult<Value> {
    let b = bind(fname, &args[1..], kwnames, &["str", "errors", "byteorder"], 1)?;
    let order = match &b[2] {
        Some(v) => native::int_arg(v, "")?,
        None => 0,
    };
    let endian = match order {
        0 => Endian::Bom,
        o if o < 0 => Endian::Little,
        _ => Endian::Big,
    };
    let codec = if wide32 { Codec::Utf32(endian) } else { Codec::Utf16(endian) };
    let text = text_arg(b[0].as_ref().unwrap_or(&none()), fname)?;
    let out = encode_with(codec, &text, &errors_name(&b[1], fname)?)?;
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(text.len())]))
}

/// `X_decode(data, errors=None, final=False)` → (str, consumed).
fn stream_decode(args: &[Value], kwnames: &[Value], fname: &str, codec: Codec) -> PyResult<Value> {
    let b = bind(fname, &args[1..], kwnames, &["data", "errors", "final"], 1)?;
    let data = data_arg(b[0].as_ref().unwrap_or(&none()))?;
    let last = match &b[2] {
        Some(v) => taipan_vm::ops::truthy(v)?,
        None => !matches!(codec, Codec::Utf8 | Codec::Utf16(_) | Codec::Utf32(_)),
    };
    let errors = errors_name(&b[1], fname)?;
    let n = if last { data.len() } else { complete_prefix(codec, &data) };
    let s = decode_with(codec, &data[..n], &errors)?;
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(n)]))
}

/// How many leading bytes form complete characters (the rest may be
/// continued by the next chunk of an incremental decode).
fn complete_prefix(codec: Codec, data: &[u8]) -> usize {
    let len = data.len();
    match codec {
        Codec::Utf8 => {
            for back in 1..=3.min(len) {
                let b = data[len - back];
                if b & 0xC0 == 0x80 {
                    continue;
                }
                let need = match b {
                    0xC2..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xF4 => 4,
                    _ => return len,
                };
                return if need > back { len - back } else { len };
            }
            len
        }
        Codec::Utf16(endian) => {
            let mut n = len - len % 2;
            if n >= 2 {
                let pair = [data[n - 2], data[n - 1]];
                let little =
                    !(endian == Endian::Big || (endian == Endian::Bom && data.starts_with(&[0xFE, 0xFF])));
                let u = if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) };
                if (0xD800..0xDC00).contains(&u) {
                    n -= 2;
                }
            }
            n
        }
        Codec::Utf32(_) => len - len % 4,
        _ => len,
    }
}

/// `utf_16_ex_decode(data, errors=None, byteorder=0, final=False)` →
/// (str, consumed, byteorder).
fn ex_decode(args: &[Value], kwnames: &[Value], fname: &str, wide32: bool) -> PyResult<Value> {
    let b = bind(fname, &args[1..], kwnames, &["data", "errors", "byteorder", "final"], 1)?;
    let data = data_arg(b[0].as_ref().unwrap_or(&none()))?;
    let mut order = match &b[2] {
        Some(v) => native::int_arg(v, "")?,
        None => 0,
    };
    let last = match &b[3] {
        Some(v) => taipan_vm::ops::truthy(v)?,
        None => false,
    };
    let unit = if wide32 { 4 } else { 2 };
    let mut skip = 0;
    if order == 0 && data.len() >= unit {
        let (le, be): (&[u8], &[u8]) =
            if wide32 { (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF]) } else { (&[0xFF, 0xFE], &[0xFE, 0xFF]) };
        if data.starts_with(le) {
            (order, skip) = (-1, unit);
        } else if data.starts_with(be) {
            (order, skip) = (1, unit);
        }
    }
    let endian = if order > 0 { Endian::Big } else { Endian::Little };
    let codec = if wide32 { Codec::Utf32(endian) } else { Codec::Utf16(endian) };
    let body = &data[skip..];
    let n = if last { body.len() } else { complete_prefix(codec, body) };
    let s = decode_with(codec, &body[..n], &errors_name(&b[1], fname)?)?;
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(n + skip), int::from_i64(order)]))
}

fn readbuffer_encode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("readbuffer_encode", &args[1..], kwnames, &["data", "errors"], 1)?;
    let v = b[0].clone().unwrap_or_else(none);
    let data = match pystr::text(&v) {
        Some(t) => t.to_wtf8(),
        None => data_arg(&v)?,
    };
    let n = data.len();
    Ok(tuple::new(vec![bytes::new(data), int::from_usize(n)]))
}

/// `escape_encode(bytes)`: the bytes as a bytes literal's body.
fn escape_encode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("escape_encode", &args[1..], kwnames, &["data", "errors"], 1)?;
    let v = b[0].clone().unwrap_or_else(none);
    let data = bytes::as_bytes(&v)
        .ok_or_else(|| exc::type_error(format!("argument 1 must be bytes, not {}", type_name(&v))))?;
    let mut out = Vec::new();
    for &c in data {
        match c {
            b'\\' => out.extend(b"\\\\"),
            b'\'' => out.extend(b"\\'"),
            b'\t' => out.extend(b"\\t"),
            b'\n' => out.extend(b"\\n"),
            b'\r' => out.extend(b"\\r"),
            0x20..=0x7e => out.push(c),
            _ => out.extend(format!("\\x{c:02x}").bytes()),
        }
    }
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(data.len())]))
}

/// `escape_decode(data)`: a bytes literal's escapes resolved.
fn escape_decode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("escape_decode", &args[1..], kwnames, &["data", "errors"], 1)?;
    let v = b[0].clone().unwrap_or_else(none);
    let data = match pystr::text(&v) {
        Some(t) => t.to_wtf8(),
        None => data_arg(&v)?,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = data.get(i) else {
            return Err(exc::value_error("Trailing \\ in string"));
        };
        i += 1;
        match simple_escape(e) {
            Some(Some(x)) => out.push(x as u8),
            Some(None) => {}
            None => match e {
                b'0'..=b'7' => {
                    let (v, used) = octal(&data[i - 1..]);
                    out.push(v as u8);
                    i += used - 1;
                }
                b'x' => {
                    let h = data
                        .get(i..i + 2)
                        .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                    let Some(h) = h else {
                        return Err(exc::value_error(format!("invalid \\x escape at position {}", i - 2)));
                    };
                    out.push(h);
                    i += 2;
                }
                _ => out.extend([b'\\', e]),
            },
        }
    }
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(data.len())]))
}

/// The value of a one-letter escape (`Some(None)`: a line continuation).
fn simple_escape(e: u8) -> Option<Option<u32>> {
    Some(Some(match e {
        b'\n' => return Some(None),
        b'\\' => '\\' as u32,
        b'\'' => '\'' as u32,
        b'"' => '"' as u32,
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => 10,
        b'r' => 13,
        b't' => 9,
        b'v' => 11,
        _ => return None,
    }))
}

/// Up to three octal digits: (value, digits used).
fn octal(d: &[u8]) -> (u32, usize) {
    let mut v = 0;
    let mut n = 0;
    while n < 3 && n < d.len() && (b'0'..=b'7').contains(&d[n]) {
        v = v * 8 + (d[n] - b'0') as u32;
        n += 1;
    }
    (v, n)
}

fn unicode_escape_encode(args: &[Value], kwnames: &[Value], raw: bool) -> PyResult<Value> {
    let fname = if raw { "raw_unicode_escape_encode" } else { "unicode_escape_encode" };
    let b = bind(fname, &args[1..], kwnames, &["str", "errors"], 1)?;
    let text = text_arg(b[0].as_ref().unwrap_or(&none()), fname)?;
    let mut out = Vec::new();
    for cp in text.code_points() {
        match cp {
            _ if raw && cp < 0x100 => out.push(cp as u8),
            0x5c => out.extend(b"\\\\"),
            0x09 => out.extend(b"\\t"),
            0x0a => out.extend(b"\\n"),
            0x0d => out.extend(b"\\r"),
            0x20..=0x7e => out.push(cp as u8),
            0..=0xff => out.extend(format!("\\x{cp:02x}").bytes()),
            0x100..=0xffff => out.extend(format!("\\u{cp:04x}").bytes()),
            _ => out.extend(format!("\\U{cp:08x}").bytes()),
        }
    }
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(text.len())]))
}

fn unicode_escape_decode(args: &[Value], kwnames: &[Value], raw: bool) -> PyResult<Value> {
    let fname = if raw { "raw_unicode_escape_decode" } else { "unicode_escape_decode" };
    let b = bind(fname, &args[1..], kwnames, &["data", "errors", "final"], 1)?;
    let v = b[0].clone().unwrap_or_else(none);
    let data = match pystr::text(&v) {
        Some(t) => t.to_wtf8(),
        None => data_arg(&v)?,
    };
    let codec_name = if raw { "rawunicodeescape" } else { "unicodeescape" };
    let fail = |start: usize, end: usize, reason: &str| {
        let args = vec![
            pystr::new(codec_name),
            bytes::new(data.clone()),
            int::from_usize(start),
            int::from_usize(end),
            pystr::new(reason),
        ];
        let _ = args;
        exc::with_msg(
            &rt().exc.unicode_decode_error,
            format!("'{codec_name}' codec can't decode bytes in position {start}-{}: {reason}", end - 1),
        )
    };
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c != b'\\' {
            out.push(c as u32);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = data.get(i) else {
            return Err(fail(start, data.len(), "\\ at end of string"));
        };
        i += 1;
        let hex_len = match e {
            b'x' if !raw => 2,
            b'u' => 4,
            b'U' => 8,
            _ => 0,
        };
        if hex_len > 0 {
            let digits = data.get(i..i + hex_len).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
            let Some(h) = digits else {
                let end = (i..data.len().min(i + hex_len))
                    .find(|&j| !data[j].is_ascii_hexdigit())
                    .unwrap_or(data.len().min(i + hex_len));
                let what = match e {
                    b'x' => "truncated \\xXX escape",
                    b'u' => "truncated \\uXXXX escape",
                    _ => "truncated \\UXXXXXXXX escape",
                };
                return Err(fail(start, end, what));
            };
            let v = u32::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16).unwrap_or(0);
            if v > 0x10FFFF {
                return Err(fail(start, i + hex_len, "illegal Unicode character"));
            }
            out.push(v);
            i += hex_len;
            continue;
        }
        if raw {
            out.extend([b'\\' as u32, e as u32]);
            continue;
        }
        match simple_escape(e) {
            Some(Some(x)) => out.push(x),
            Some(None) => {}
            None if (b'0'..=b'7').contains(&e) => {
                let (v, used) = octal(&data[i - 1..]);
                out.push(v);
                i += used - 1;
            }
            None => out.extend([b'\\' as u32, e as u32]),
        }
    }
    let s = Str::from_code_points(out).map_err(pystr::text_error)?;
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(data.len())]))
}

/// `charmap_build(decoding_table)`: code point → byte.
fn charmap_build(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("charmap_build", args, 2, 2)?;
    let text = text_arg(&args[1], "charmap_build")?;
    let d = dict::new_dict();
    for (i, cp) in text.code_points().enumerate() {
        dict::set_item(&d, int::from_i64(cp as i64), int::from_usize(i))?;
    }
    Ok(d)
}

/// `charmap_encode(str, errors=None, mapping=None)`.
fn charmap_encode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("charmap_encode", &args[1..], kwnames, &["str", "errors", "mapping"], 1)?;
    let text = text_arg(b[0].as_ref().unwrap_or(&none()), "charmap_encode")?;
    let Some(mapping) = given(&b[2]).cloned() else {
        let out = encode_with(Codec::Latin1, &text, &errors_name(&b[1], "charmap_encode")?)?;
        return Ok(tuple::new(vec![bytes::new(out), int::from_usize(text.len())]));
    };
    let errors = errors_name(&b[1], "charmap_encode")?;
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let cp = text.char_at(i).unwrap_or(0);
        if let Some(bs) = charmap_lookup_encode(&mapping, cp)? {
            out.extend(bs);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < text.len() && charmap_lookup_encode(&mapping, text.char_at(end).unwrap_or(0))?.is_none() {
            end += 1;
        }
        let reason = "character maps to <undefined>";
        match errors.as_str() {
            "strict" => {
                let detail = if end == i + 1 {
                    format!("character '{}' in position {i}", backslash_escape(cp))
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                return Err(exc::with_msg(
                    &rt().exc.unicode_encode_error,
                    format!("'charmap' codec can't encode {detail}: {reason}"),
                ));
            }
            "ignore" => {}
            "replace" => {
                for _ in i..end {
                    out.extend(charmap_lookup_encode(&mapping, '?' as u32)?.unwrap_or_default());
                }
            }
            _ => {
                let e = unicode_error(
                    &rt().exc.unicode_encode_error,
                    vec![
                        pystr::new("charmap"),
                        pystr::from_text(text.clone()),
                        int::from_usize(i),
                        int::from_usize(end),
                        pystr::new(reason),
                    ],
                );
                let handler = lookup_error(&errors)?;
                let (rep, newpos) = call_handler(&handler, &e, text.len(), true)?;
                match pystr::text(&rep) {
                    Some(s) => {
                        for c in s.code_points() {
                            out.extend(charmap_lookup_encode(&mapping, c)?.ok_or_else(|| e.clone())?);
                        }
                    }
                    None => out.extend(bytes::buffer(&rep).unwrap_or_default()),
                }
                i = newpos;
                continue;
            }
        }
        i = end;
    }
    Ok(tuple::new(vec![bytes::new(out), int::from_usize(text.len())]))
}

/// The bytes a charmap encoding mapping gives a code point (`None`: undefined).
fn charmap_lookup_encode(mapping: &Value, cp: u32) -> PyResult<Option<Vec<u8>>> {
    let v = match taipan_vm::ops::getitem(mapping, &int::from_i64(cp as i64)) {
        Ok(v) => v,
        Err(e) if e.matches(&rt().exc.lookup_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    if v.is(&rt().none) {
        return Ok(None);
    }
    if let Some(n) = int::to_i64(&v) {
        if !(0..256).contains(&n) {
            return Err(exc::type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![n as u8]));
    }
    bytes::as_bytes(&v)
        .map(|b| Some(b.to_vec()))
        .ok_or_else(|| exc::type_error("character mapping must return integer, bytes or None, not str"))
}

/// `charmap_decode(data, errors=None, mapping=None)`.
fn charmap_decode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let b = bind("charmap_decode", &args[1..], kwnames, &["data", "errors", "mapping"], 1)?;
    let data = data_arg(b[0].as_ref().unwrap_or(&none()))?;
    let errors = errors_name(&b[1], "charmap_decode")?;
    let Some(mapping) = given(&b[2]).cloned() else {
        let s = decode_with(Codec::Latin1, &data, &errors)?;
        return Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(data.len())]));
    };
    let table = pystr::text(&mapping).cloned();
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let byte = data[i];
        let mapped = match &table {
            Some(t) => t.char_at(byte as usize).filter(|&c| c != 0xFFFE).map(|c| vec![c]),
            None => charmap_lookup_decode(&mapping, byte)?,
        };
        if let Some(cps) = mapped {
            out.extend(cps);
            i += 1;
            continue;
        }
        let reason = "character maps to <undefined>";
        match errors.as_str() {
            "strict" => {
                return Err(exc::with_msg(
                    &rt().exc.unicode_decode_error,
                    format!("'charmap' codec can't decode byte 0x{byte:02x} in position {i}: {reason}"),
                ))
            }
            "ignore" => i += 1,
            "replace" => {
                out.push(0xFFFD);
                i += 1;
            }
            "backslashreplace" => {
                out.extend(format!("\\x{byte:02x}").chars().map(|c| c as u32));
                i += 1;
            }
            "surrogateescape" if byte >= 128 => {
                out.push(0xDC00 + byte as u32);
                i += 1;
            }
            _ => {
                let e = unicode_error(
                    &rt().exc.unicode_decode_error,
                    vec![
                        pystr::new("charmap"),
                        bytes::new(data.clone()),
                        int::from_usize(i),
                        int::from_usize(i + 1),
                        pystr::new(reason),
                    ],
                );
                let handler = lookup_error(&errors)?;
                let (rep, newpos) = call_handler(&handler, &e, data.len(), false)?;
                out.extend(
                    pystr::text(&rep).map(|t| t.code_points().collect::<Vec<_>>()).unwrap_or_default(),
                );
                i = newpos;
            }
        }
    }
    let s = Str::from_code_points(out).map_err(pystr::text_error)?;
    Ok(tuple::new(vec![pystr::from_text(s), int::from_usize(data.len())]))
}

/// The code points a charmap decoding mapping gives a byte (`None`: undefined).
fn charmap_lookup_decode(mapping: &Value, byte: u8) -> PyResult<Option<Vec<u32>>> {
    let v = match taipan_vm::ops::getitem(mapping, &int::from_i64(byte as i64)) {
        Ok(v) => v,
        Err(e) if e.matches(&rt().exc.lookup_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    if v.is(&rt().none) {
        return Ok(None);
    }
    if let Some(n) = int::to_i64(&v) {
        if !(0..=0x10FFFF).contains(&n) {
            return Err(exc::type_error("character mapping must be in range(0x110000)"));
        }
        return Ok(if n == 0xFFFE { None } else { Some(vec![n as u32]) });
    }
    match pystr::text(&v) {
        Some(t) if t.len() == 1 && t.char_at(0) == Some(0xFFFE) => Ok(None),
        Some(t) => Ok(Some(t.code_points().collect())),
        None => Err(exc::type_error("character mapping must return integer, None or str")),
    }
}
