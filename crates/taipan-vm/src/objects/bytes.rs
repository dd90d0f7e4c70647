//! `bytes`, and the methods it shares with `bytearray` (`bytearray.rs`,
//! which adds the mutating ones): searching, splitting, stripping, case,
//! padding, hex, `%`-formatting, decoding and translation. A shared method
//! reads its receiver through [`buffer`] (bytes, bytearray or memoryview)
//! and builds a result of the receiver's own type with [`like`].
//! `memoryview` is in `memoryview.rs`; codecs are `text::Codec`.

use super::{check_args, cm, m, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::ops;
use crate::runtime::rt;
use crate::types::type_name;
use crate::value::Value;

/// The payload of a bytes object.
pub struct BytesData(pub Box<[u8]>);

/// A new bytes object.
pub fn new(b: Vec<u8>) -> Value {
    crate::heap::alloc(&rt().types.bytes, BytesData(b.into_boxed_slice()))
}

/// The contents of a bytes object (or bytes subclass instance).
pub fn as_bytes(v: &Value) -> Option<&[u8]> {
    v.downcast::<BytesData>().map(|d| &*d.0)
}

/// Whether `v` is exactly bytes (not a subclass instance).
pub fn is_exact(v: &Value) -> bool {
    v.header().is_some_and(|h| h.ty.get() == rt().types.bytes.as_ptr())
}

/// A copy of the contents of any bytes-like object (bytes, bytearray,
/// memoryview): what CPython's buffer protocol gives.
pub fn buffer(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = as_bytes(v) {
        return Some(b.to_vec());
    }
    if let Some(b) = super::bytearray::data(v) {
        return Some(b.0.borrow().clone());
    }
    super::memoryview::contents(v)
}

/// Whether `v` is a bytearray (or subclass instance).
fn is_bytearray(v: &Value) -> bool {
    super::bytearray::data(v).is_some()
}

/// A result of the receiver's type: bytearray for a bytearray, else bytes.
pub fn like(receiver: &Value, data: Vec<u8>) -> Value {
    if is_bytearray(receiver) {
        super::bytearray::new(data)
    } else {
        new(data)
    }
}

/// The receiver's contents (`self` of a shared method).
fn this(v: &Value) -> PyResult<Vec<u8>> {
    buffer(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'bytes' object but received '{}'", type_name(v)))
    })
}

/// A bytes-like argument, or CPython's TypeError.
fn bytes_arg(v: &Value) -> PyResult<Vec<u8>> {
    buffer(v)
        .ok_or_else(|| exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v))))
}

/// The bytes of `bytes(x)` / `bytearray(x)` for one source object (no
/// encoding): an int count, a bytes-like object, `__bytes__`, an iterable.
pub fn from_object(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b);
    }
    if let Some(r) = ops::call_dunder_opt(v, "__bytes__", &[])? {
        return as_bytes(&r).map(<[u8]>::to_vec).ok_or_else(|| {
            exc::type_error(format!("__bytes__ returned non-bytes (type {})", type_name(&r)))
        });
    }
    if super::str::is_str(v) {
        return Err(exc::type_error("string argument without an encoding"));
    }
    if let Some(n) = super::int::index_value(v).ok().flatten() {
        if n < 0 {
            return Err(exc::value_error("negative count"));
        }
        let mut zeros = exc::try_vec(n as usize)?;
        zeros.resize(n as usize, 0);
        return Ok(zeros);
    }
    if !ops::is_iterable(v) {
        return Err(exc::type_error(format!("cannot convert '{}' object to bytes", type_name(v))));
    }
    ops::collect(v)?.iter().map(byte_value).collect()
}

/// One item of an iterable turned into bytes ("bytes must be in range").
fn byte_value(x: &Value) -> PyResult<u8> {
    let i = super::int::index_value(x)?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(x)))
    })?;
    u8::try_from(i).map_err(|_| exc::value_error("bytes must be in range(0, 256)"))
}

/// `bytes(source, encoding, errors)` / `bytearray(...)`: the contents.
pub fn construct(what: &str, args: &[Value], kwnames: &[Value]) -> PyResult<Vec<u8>> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut slots: [Option<Value>; 3] = [pos.get(1).cloned(), pos.get(2).cloned(), pos.get(3).cloned()];
    if pos.len() > 4 {
        return Err(exc::type_error(format!("{what}() takes at most 3 arguments ({} given)", pos.len() - 1)));
    }
    for (k, v) in kws {
        let i = match k {
            "source" => 0,
            "encoding" => 1,
            "errors" => 2,
            _ => return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for {what}()"))),
        };
        slots[i] = Some(v.clone());
    }
    let [src, encoding, errors] = slots;
    let Some(src) = src else {
        if encoding.is_some() || errors.is_some() {
            let which = if encoding.is_some() { "encoding" } else { "errors" };
            return Err(exc::type_error(format!("{which} without a string argument")));
        }
        return Ok(Vec::new());
    };
    if super::str::is_str(&src) {
        let Some(enc) = encoding else {
            return Err(exc::type_error("string argument without an encoding"));
        };
        let enc = str_arg(&enc, what, "encoding")?;
        let err = errors.map(|e| str_arg(&e, what, "errors")).transpose()?;
        return encode(&src, &enc, err.as_deref().unwrap_or("strict"));
    }
    if encoding.is_some() {
        return Err(exc::type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(exc::type_error("errors without a string argument"));
    }
    from_object(&src)
}

fn str_arg(v: &Value, func: &str, name: &str) -> PyResult<String> {
    super::str::as_str(v).map(str::to_string).ok_or_else(|| {
        exc::type_error(format!("{func}() argument '{name}' must be str, not {}", type_name(v)))
    })
}

/// `s.encode(encoding, errors)` for a str value.
fn encode(s: &Value, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let (codec, handler) = codec_and_handler(encoding, errors)?;
    let text = super::str::text(s).ok_or_else(|| exc::type_error("expected str"))?;
    codec.encode(text, handler).map_err(super::str::text_error)
}

fn codec_and_handler(
    encoding: &str,
    errors: &str,
) -> PyResult<(crate::text::Codec, crate::text::ErrorHandler)> {
    let codec = crate::text::Codec::lookup(encoding)
        .ok_or_else(|| exc::with_msg(&rt().exc.lookup_error, format!("unknown encoding: {encoding}")))?;
    let handler = crate::text::ErrorHandler::from_name(errors).ok_or_else(|| {
        exc::with_msg(&rt().exc.lookup_error, format!("unknown error handler name '{errors}'"))
    })?;
    Ok((codec, handler))
}

/// `str.encode` / `bytes.decode` for a codec or error handler the VM does
/// not have built in: through the codec registry (`_codecs.encode` /
/// `decode`), checking the result type as CPython does; `unknown` is the
/// error to raise when there is no registry (`_codecs` not importable).
pub fn via_registry(
    obj: &Value,
    encoding: &str,
    errors: &str,
    encode: bool,
    unknown: PyErr,
) -> PyResult<Value> {
    let Ok(codecs) = crate::import::import_absolute("_codecs") else {
        return Err(unknown);
    };
    let info =
        crate::call::call(&crate::attr::getattr_str(&codecs, "lookup")?, &[super::str::new(encoding)], &[])?;
    if let Some(false) = crate::attr::getattr_opt(&info, &super::str::intern("_is_text_encoding"))?
        .map(|v| ops::truthy(&v))
        .transpose()?
    {
        return Err(exc::with_msg(
            &rt().exc.lookup_error,
            format!(
                "'{encoding}' is not a text encoding; use codecs.{}() to handle arbitrary codecs",
                if encode { "encode" } else { "decode" }
            ),
        ));
    }
    let f = ops::getitem(&info, &crate::objects::int::from_i64(if encode { 0 } else { 1 }))?;
    let r = crate::call::call(&f, &[obj.clone(), super::str::new(errors)], &[])?;
    let r = match super::tuple::items(&r) {
        Some(t) if t.len() == 2 => t[0].clone(),
        _ => {
            let what = if encode { "encoder" } else { "decoder" };
            return Err(exc::type_error(format!("{what} must return a tuple (object, integer)")));
        }
    };
    let (ok, want, verb) =
        if encode { (is_exact(&r), "bytes", "encode") } else { (super::str::is_str(&r), "str", "decode") };
    if !ok {
        return Err(exc::type_error(format!(
            "'{encoding}' {verb}r returned '{}' instead of '{want}'; use codecs.{verb}() to {verb} to arbitrary types",
            type_name(&r)
        )));
    }
    Ok(r)
}

/// `str.encode(encoding)` (strict).
pub fn encode_str(s: &str, encoding: &str) -> PyResult<Value> {
    encode(&super::str::new(s), encoding, "strict").map(new)
}

/// The methods of `bytes` alone; [`SHARED_METHODS`] are installed too.
pub const METHODS: &[Method] = &[
    new_method(bytes_new),
    m("__hash__", bytes_hash),
    m("__getitem__", bytes_getitem),
    m("__bytes__", bytes_bytes),
    m("__getnewargs__", bytes_getnewargs),
];

/// The methods `bytes` and `bytearray` share.
pub const SHARED_METHODS: &[Method] = &[
    m("__len__", b_len),
    m("__repr__", b_repr),
    m("__str__", b_repr),
    m("__iter__", b_iter),
    m("__contains__", b_contains),
    m("__add__", b_add),
    m("__mul__", b_mul),
    m("__rmul__", b_mul),
    m("__mod__", b_mod),
    m("__rmod__", b_rmod),
    m("__eq__", b_eq),
    m("__ne__", b_ne),
    m("__lt__", b_lt),
    m("__le__", b_le),
    m("__gt__", b_gt),
    m("__ge__", b_ge),
    mk("decode", b_decode).fast(),
    mk("hex", b_hex).fast(),
    cm("fromhex", b_fromhex),
    Method {
        name: "maketrans",
        func: b_maketrans,
        kw: false,
        kind: super::MethodKind::Static,
        conv: super::Conv::Counted,
    },
    m("startswith", b_startswith),
    m("endswith", b_endswith),
    m("join", b_join),
    m("count", b_count),
    m("find", b_find),
    m("rfind", b_rfind),
    m("index", b_index),
    m("rindex", b_rindex),
    mk("split", b_split).fast(),
    mk("rsplit", b_rsplit).fast(),
    mk("splitlines", b_splitlines).fast(),
    m("strip", b_strip).fast(),
    m("lstrip", b_lstrip).fast(),
    m("rstrip", b_rstrip).fast(),
    m("replace", b_replace).fast(),
    m("partition", b_partition),
    m("rpartition", b_rpartition),
    m("removeprefix", b_removeprefix),
    m("removesuffix", b_removesuffix),
    m("upper", |a, _| map_bytes(a, |b| b.to_ascii_uppercase())),
    m("lower", |a, _| map_bytes(a, |b| b.to_ascii_lowercase())),
    m("swapcase", |a, _| map_bytes(a, swapcase)),
    m("capitalize", |a, _| map_bytes(a, capitalize)),
    m("title", |a, _| map_bytes(a, title)),
    m("isalnum", |a, _| test(a, |b| !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric))),
    m("isalpha", |a, _| test(a, |b| !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic))),
    m("isdigit", |a, _| test(a, |b| !b.is_empty() && b.iter().all(u8::is_ascii_digit))),
    m("isspace", |a, _| test(a, |b| !b.is_empty() && b.iter().all(|&c| is_space(c)))),
    m("isascii", |a, _| test(a, |b| b.is_ascii())),
    m("islower", |a, _| {
        test(a, |b| b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase))
    }),
    m("isupper", |a, _| {
        test(a, |b| b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase))
    }),
    m("istitle", |a, _| test(a, istitle)),
    m("center", |a, _| pad(a, "center")).fast(),
    m("ljust", |a, _| pad(a, "ljust")).fast(),
    m("rjust", |a, _| pad(a, "rjust")).fast(),
    m("zfill", b_zfill),
    mk("expandtabs", b_expandtabs).fast(),
    mk("translate", b_translate).fast(),
];

fn bytes_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos == 2 && kwnames.is_empty() && is_exact(&args[1]) && args[0].is(&rt().types.bytes) {
        return Ok(args[1].clone());
    }
    let data = construct("bytes", args, kwnames)?;
    if args[0].is(&rt().types.bytes) {
        return Ok(new(data));
    }
    super::object::alloc_subclass(&args[0], BytesData(data.into_boxed_slice()))
}

fn bytes_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = as_bytes(&args[0]).ok_or_else(|| exc::type_error("expected bytes"))?;
    Ok(super::int::from_i64(crate::hashing::hash_bytes(b)))
}

fn bytes_bytes(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if is_exact(&args[0]) {
        return Ok(args[0].clone());
    }
    Ok(new(this(&args[0])?))
}

fn bytes_getnewargs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::tuple::new(vec![new(this(&args[0])?)]))
}

/// `b[i]` (an int) or `b[slice]` (of the receiver's type).
pub fn getitem_of(receiver: &Value, b: &[u8], key: &Value) -> PyResult<Value> {
    if let Some(sl) = key.downcast::<super::slice::SliceData>() {
        let (start, stop, step) = sl.indices(b.len())?;
        return Ok(like(receiver, super::slice::range_indices(start, stop, step).map(|i| b[i]).collect()));
    }
    let i = super::int::index_value(key)?.ok_or_else(|| {
        let what = if is_bytearray(receiver) { "bytearray" } else { "byte" };
        exc::type_error(format!("{what} indices must be integers or slices, not {}", type_name(key)))
    })?;
    let what = if is_bytearray(receiver) { "bytearray" } else { "index" };
    let idx = super::tuple::norm_index(i, b.len(), what)?;
    Ok(super::int::from_i64(b[idx] as i64))
}

fn bytes_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let b = as_bytes(&args[0]).ok_or_else(|| exc::type_error("expected bytes"))?;
    getitem_of(&args[0], b, &args[1])
}

fn b_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_usize(this(&args[0])?.len()))
}

fn b_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let r = taipan_repr::bytes_repr(&this(&args[0])?);
    if is_bytearray(&args[0]) {
        return Ok(super::str::from_string(format!("{}({r})", type_name(&args[0]))));
    }
    Ok(super::str::from_string(r))
}

fn b_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.iter().map(|&x| super::int::from_i64(x as i64)).collect();
    Ok(super::iter::new_seq_iter(&rt().types.list_iterator, super::list::new(items)))
}

fn b_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let b = this(&args[0])?;
    if let Some(i) = super::int::index_value(&args[1]).ok().flatten().filter(|_| buffer(&args[1]).is_none()) {
        let c = u8::try_from(i).map_err(|_| exc::value_error("byte must be in range(0, 256)"))?;
        return Ok(rt().bool_value(b.contains(&c)));
    }
    let n = bytes_arg(&args[1])?;
    Ok(rt().bool_value(find_sub(&b, &n, 0, b.len()).is_some()))
}

fn b_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(&args[0])?;
    match buffer(&args[1]) {
        Some(b) => Ok(like(&args[0], [a, b].concat())),
        None => {
            Err(exc::type_error(format!("can't concat {} to {}", type_name(&args[1]), type_name(&args[0]))))
        }
    }
}

fn b_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(&args[0])?;
    match super::int::repeat_count(&args[1])? {
        Some(n) => Ok(like(&args[0], repeat(&a, n)?)),
        None => Ok(rt().not_implemented.clone()),
    }
}

/// `bytes * n` (empty for `n <= 0`), or `MemoryError` when too big.
pub fn repeat(bytes: &[u8], n: i64) -> PyResult<Vec<u8>> {
    let n = n.max(0) as usize;
    let total = bytes.len().checked_mul(n).ok_or_else(|| exc::memory_error(""))?;
    let mut out = exc::try_vec(total)?;
    out.extend_from_slice(if n == 0 { &[] } else { bytes });
    while out.len() < total {
        let chunk = out.len().min(total - out.len());
        out.extend_from_within(..chunk);
    }
    Ok(out)
}

fn cmp(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?;
    match buffer(&args[1]) {
        Some(b) => Ok(rt().bool_value(f(a.as_slice().cmp(b.as_slice())))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn b_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_eq())
}
fn b_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_ne())
}
fn b_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_lt())
}
fn b_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_le())
}
fn b_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_gt())
}
fn b_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    cmp(args, |o| o.is_ge())
}

fn b_decode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = super::bind_method_args("decode", args, kwnames, &["encoding", "errors"])?;
    let b = this(&args[0])?;
    let encoding = bound[0].map(|v| str_arg(v, "decode", "encoding")).transpose()?;
    let errors = bound[1].map(|v| str_arg(v, "decode", "errors")).transpose()?;
    let (encoding, errors) = (encoding.as_deref().unwrap_or("utf-8"), errors.as_deref().unwrap_or("strict"));
    let (codec, handler) = match codec_and_handler(encoding, errors) {
        Ok(ch) => ch,
        Err(e) => return via_registry(&args[0], encoding, errors, false, e),
    };
    let text = codec.decode(&b, handler).map_err(super::str::text_error)?;
    Ok(super::str::from_text(text))
}

fn b_hex(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = super::bind_method_args("hex", args, kwnames, &["sep", "bytes_per_sep"])?;
    let b = this(&args[0])?;
    Ok(super::str::from_string(hex_with_sep(&b, bound[0], bound[1])?))
}

/// `bytes.hex(sep, bytes_per_sep)`: groups counted from the right for a
/// positive `bytes_per_sep`, from the left for a negative one.
pub fn hex_with_sep(b: &[u8], sep: Option<&Value>, per: Option<&Value>) -> PyResult<String> {
    let digits = |c: &[u8]| c.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let Some(sep) = sep else { return Ok(digits(b)) };
    let sep = match (super::str::as_str(sep), buffer(sep)) {
        (Some(s), _) => s.to_string(),
        (None, Some(v)) => String::from_utf8_lossy(&v).into_owned(),
        _ => return Err(exc::type_error("sep must be str or bytes.")),
    };
    if sep.chars().count() != 1 {
        return Err(exc::value_error("sep must be length 1."));
    }
    if !sep.is_ascii() {
        return Err(exc::value_error("sep must be ASCII."));
    }
    let per = match per {
        Some(p) => super::int::index_value(p)?.ok_or_else(|| exc::type_error("an integer is required"))?,
        None => 1,
    };
    if per == 0 || b.is_empty() {
        return Ok(digits(b));
    }
    let n = per.unsigned_abs() as usize;
    let groups: Vec<String> = if per > 0 {
        let first = b.len() % n;
        let mut g = Vec::new();
        if first > 0 {
            g.push(digits(&b[..first]));
        }
        g.extend(b[first..].chunks(n).map(digits));
        g
    } else {
        b.chunks(n).map(digits).collect()
    };
    Ok(groups.join(&sep))
}

fn b_fromhex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("fromhex", args, 2, 2)?;
    let s = super::str::as_str(&args[1]).ok_or_else(|| {
        exc::type_error(format!("fromhex() argument must be str, not {}", type_name(&args[1])))
    })?;
    let data = parse_hex(s)?;
    let cls = &args[0];
    if cls.is(&rt().types.bytes) {
        return Ok(new(data));
    }
    if cls.is(&rt().types.bytearray) {
        return Ok(super::bytearray::new(data));
    }
    crate::call::call(cls, &[new(data)], &[])
}

/// `bytes.fromhex`: pairs of hex digits, ASCII whitespace between pairs.
fn parse_hex(s: &str) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let bad =
        |i: usize| exc::value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}"));
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16).filter(|_| chars[i].is_ascii()).ok_or_else(|| bad(i))?;
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16)).ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(out)
}

fn b_maketrans(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("maketrans", args, 2, 2)?;
    let (from, to) = (bytes_arg(&args[0])?, bytes_arg(&args[1])?);
    if from.len() != to.len() {
        return Err(exc::value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(&to) {
        table[*f as usize] = *t;
    }
    Ok(new(table))
}

fn b_translate(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    check_args("translate", pos, 2, 3)?;
    let delete = match pos.get(2).or(kws.iter().find(|(k, _)| *k == "delete").map(|(_, v)| *v)) {
        Some(d) => bytes_arg(d)?,
        None => Vec::new(),
    };
    let table = if pos[1].is(&rt().none) { None } else { Some(bytes_arg(&pos[1])?) };
    if table.as_ref().is_some_and(|t| t.len() != 256) {
        return Err(exc::value_error("translation table must be 256 characters long"));
    }
    let b = this(&args[0])?;
    let out = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(like(&args[0], out))
}

/// The `sub` argument of find/count/index: an int byte or a bytes-like.
fn sub_arg(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v) {
        return Ok(b);
    }
    match super::int::index_value(v) {
        Ok(Some(i)) => {
            Ok(vec![u8::try_from(i).map_err(|_| exc::value_error("byte must be in range(0, 256)"))?])
        }
        _ => Err(exc::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(v)
        ))),
    }
}

/// `start`/`end` arguments adjusted as slice bounds; `None` when the range
/// starts past the end (nothing can be found there).
fn range_of(len: usize, start: Option<&Value>, end: Option<&Value>) -> PyResult<Option<(usize, usize)>> {
    let get = |v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(v) if v.is(&rt().none) => Ok(default),
            Some(v) => super::int::index_value(v)?.ok_or_else(|| {
                exc::type_error("slice indices must be integers or None or have an __index__ method")
            }),
        }
    };
    let n = len as i64;
    let fix = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let (s, e) = (get(start, 0)?, get(end, n)?);
    let raw_start = if s < 0 { (s + n).max(0) } else { s };
    if raw_start > n {
        return Ok(None);
    }
    Ok(Some((fix(s) as usize, fix(e) as usize)))
}

fn find_sub(b: &[u8], p: &[u8], start: usize, end: usize) -> Option<usize> {
    if end < start || end - start < p.len() {
        return None;
    }
    if p.is_empty() {
        return Some(start);
    }
    b[start..end].windows(p.len()).position(|w| w == p).map(|i| i + start)
}

fn rfind_sub(b: &[u8], p: &[u8], start: usize, end: usize) -> Option<usize> {
    if end < start || end - start < p.len() {
        return None;
    }
    if p.is_empty() {
        return Some(end);
    }
    b[start..end].windows(p.len()).rposition(|w| w == p).map(|i| i + start)
}

/// find/rfind/index/rindex: the position or None.
fn search(name: &str, args: &[Value], reverse: bool) -> PyResult<Option<usize>> {
    check_args(name, args, 2, 4)?;
    let b = this(&args[0])?;
    let p = sub_arg(&args[1])?;
    let Some((s, e)) = range_of(b.len(), args.get(2), args.get(3))? else { return Ok(None) };
    Ok(if reverse { rfind_sub(&b, &p, s, e) } else { find_sub(&b, &p, s, e) })
}

fn b_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(search("find", args, false)?.map_or(-1, |i| i as i64)))
}
fn b_rfind(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(search("rfind", args, true)?.map_or(-1, |i| i as i64)))
}
fn b_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    search("index", args, false)?
        .map(super::int::from_usize)
        .ok_or_else(|| exc::value_error("subsection not found"))
}
fn b_rindex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    search("rindex", args, true)?
        .map(super::int::from_usize)
        .ok_or_else(|| exc::value_error("subsection not found"))
}

fn b_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 4)?;
    let b = this(&args[0])?;
    let p = sub_arg(&args[1])?;
    let Some((s, e)) = range_of(b.len(), args.get(2), args.get(3))? else {
        return Ok(super::int::from_i64(0));
    };
    if e < s {
        return Ok(super::int::from_i64(0));
    }
    if p.is_empty() {
        return Ok(super::int::from_usize(e - s + 1));
    }
    let (mut n, mut i) = (0, s);
    while let Some(at) = find_sub(&b, &p, i, e) {
        n += 1;
        i = at + p.len();
    }
    Ok(super::int::from_usize(n))
}

/// startswith/endswith: a bytes-like prefix or a tuple of them.
fn affix(name: &str, args: &[Value], ends: bool) -> PyResult<Value> {
    check_args(name, args, 2, 4)?;
    let b = this(&args[0])?;
    let Some((s, e)) = range_of(b.len(), args.get(2), args.get(3))? else {
        return Ok(rt().false_.clone());
    };
    let window = if e >= s { &b[s..e] } else { &b[0..0] };
    let candidates = match super::tuple::items(&args[1]) {
        Some(items) => items.to_vec(),
        None => vec![args[1].clone()],
    };
    for c in &candidates {
        let p = buffer(c).ok_or_else(|| {
            exc::type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                type_name(c)
            ))
        })?;
        if e >= s && (if ends { window.ends_with(&p) } else { window.starts_with(&p) }) {
            return Ok(rt().true_.clone());
        }
    }
    Ok(rt().false_.clone())
}

fn b_startswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix("startswith", args, false)
}
fn b_endswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix("endswith", args, true)
}

fn b_join(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("join", args, 2, 2)?;
    let sep = this(&args[0])?;
    let mut out = Vec::new();
    for (i, item) in ops::collect(&args[1])?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(buffer(item).ok_or_else(|| {
            exc::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name(item)
            ))
        })?);
    }
    Ok(like(&args[0], out))
}

/// ASCII whitespace as `bytes.split()`/`strip()` see it.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The `sep`/`maxsplit` arguments of split/rsplit.
fn split_args(name: &str, args: &[Value], kwnames: &[Value]) -> PyResult<(Option<Vec<u8>>, i64)> {
    let bound = super::bind_method_args(name, args, kwnames, &["sep", "maxsplit"])?;
    let sep = match bound[0] {
        Some(v) if !v.is(&rt().none) => {
            let s = bytes_arg(v)?;
            if s.is_empty() {
                return Err(exc::value_error("empty separator"));
            }
            Some(s)
        }
        _ => None,
    };
    let maxsplit = match bound[1] {
        Some(v) => super::int::index_value(v)?.ok_or_else(|| {
            exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v)))
        })?,
        None => -1,
    };
    Ok((sep, if maxsplit < 0 { i64::MAX } else { maxsplit }))
}

fn split_whitespace(b: &[u8], maxsplit: i64, reverse: bool) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    if reverse {
        let mut end = b.len();
        loop {
            while end > 0 && is_space(b[end - 1]) {
                end -= 1;
            }
            if end == 0 {
                break;
            }
            if parts.len() as i64 == maxsplit {
                parts.push(b[..end].to_vec());
                break;
            }
            let mut start = end;
            while start > 0 && !is_space(b[start - 1]) {
                start -= 1;
            }
            parts.push(b[start..end].to_vec());
            end = start;
        }
        parts.reverse();
    } else {
        let mut i = 0;
        loop {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            if i == b.len() {
                break;
            }
            if parts.len() as i64 == maxsplit {
                parts.push(b[i..].to_vec());
                break;
            }
            let start = i;
            while i < b.len() && !is_space(b[i]) {
                i += 1;
            }
            parts.push(b[start..i].to_vec());
        }
    }
    parts
}

fn split_sep(b: &[u8], sep: &[u8], maxsplit: i64, reverse: bool) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    if reverse {
        let mut end = b.len();
        while (parts.len() as i64) < maxsplit {
            match rfind_sub(b, sep, 0, end) {
                Some(at) => {
                    parts.push(b[at + sep.len()..end].to_vec());
                    end = at;
                }
                None => break,
            }
        }
        parts.push(b[..end].to_vec());
        parts.reverse();
    } else {
        let mut start = 0;
        while (parts.len() as i64) < maxsplit {
            match find_sub(b, sep, start, b.len()) {
                Some(at) => {
                    parts.push(b[start..at].to_vec());
                    start = at + sep.len();
                }
                None => break,
            }
        }
        parts.push(b[start..].to_vec());
    }
    parts
}

fn split_common(name: &str, args: &[Value], kwnames: &[Value], reverse: bool) -> PyResult<Value> {
    let (sep, maxsplit) = split_args(name, args, kwnames)?;
    let b = this(&args[0])?;
    let parts = match sep {
        None => split_whitespace(&b, maxsplit, reverse),
        Some(s) => split_sep(&b, &s, maxsplit, reverse),
    };
    Ok(super::list::new(parts.into_iter().map(|p| like(&args[0], p)).collect()))
}

fn b_split(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    split_common("split", args, kwnames, false)
}
fn b_rsplit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    split_common("rsplit", args, kwnames, true)
}

fn b_splitlines(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = super::bind_method_args("splitlines", args, kwnames, &["keepends"])?;
    let keep = bound[0].map(ops::truthy).transpose()?.unwrap_or(false);
    let b = this(&args[0])?;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        let line_end = i;
        if i < b.len() {
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        parts.push(like(&args[0], b[start..if keep { i } else { line_end }].to_vec()));
    }
    Ok(super::list::new(parts))
}

fn strip_common(args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    check_args("strip", args, 1, 2)?;
    let b = this(&args[0])?;
    let chars = match args.get(1) {
        Some(v) if !v.is(&rt().none) => Some(bytes_arg(v)?),
        _ => None,
    };
    let strip = |c: &u8| chars.as_ref().map_or(is_space(*c), |cs| cs.contains(c));
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(&b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(&b[e - 1]) {
            e -= 1;
        }
    }
    Ok(like(&args[0], b[s..e].to_vec()))
}

fn b_strip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_common(args, true, true)
}
fn b_lstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_common(args, true, false)
}
fn b_rstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_common(args, false, true)
}

fn b_replace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("replace", args, 3, 4)?;
    let b = this(&args[0])?;
    let (old, new_) = (bytes_arg(&args[1])?, bytes_arg(&args[2])?);
    let count = match args.get(3) {
        Some(c) => super::int::index_value(c)?.ok_or_else(|| exc::type_error("an integer is required"))?,
        None => -1,
    };
    let mut left = if count < 0 { usize::MAX } else { count as usize };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        for (i, c) in b.iter().enumerate() {
            if left > 0 {
                out.extend_from_slice(&new_);
                left -= 1;
            }
            out.push(*c);
            if i + 1 == b.len() && left > 0 {
                out.extend_from_slice(&new_);
            }
        }
        if b.is_empty() && left > 0 {
            out.extend_from_slice(&new_);
        }
        return Ok(like(&args[0], out));
    }
    let mut i = 0;
    while left > 0 {
        match find_sub(&b, &old, i, b.len()) {
            Some(at) => {
                out.extend_from_slice(&b[i..at]);
                out.extend_from_slice(&new_);
                i = at + old.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&b[i..]);
    Ok(like(&args[0], out))
}

fn partition_common(args: &[Value], reverse: bool) -> PyResult<Value> {
    check_args("partition", args, 2, 2)?;
    let b = this(&args[0])?;
    let sep = bytes_arg(&args[1])?;
    if sep.is_empty() {
        return Err(exc::value_error("empty separator"));
    }
    let r = &args[0];
    let found = if reverse { rfind_sub(&b, &sep, 0, b.len()) } else { find_sub(&b, &sep, 0, b.len()) };
    let parts = match found {
        Some(at) => vec![b[..at].to_vec(), sep.clone(), b[at + sep.len()..].to_vec()],
        None if reverse => vec![Vec::new(), Vec::new(), b.clone()],
        None => vec![b.clone(), Vec::new(), Vec::new()],
    };
    Ok(super::tuple::new(parts.into_iter().map(|p| like(r, p)).collect()))
}

fn b_partition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    partition_common(args, false)
}
fn b_rpartition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    partition_common(args, true)
}

fn b_removeprefix(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("removeprefix", args, 2, 2)?;
    let b = this(&args[0])?;
    let p = bytes_arg(&args[1])?;
    Ok(like(&args[0], b.strip_prefix(p.as_slice()).unwrap_or(&b).to_vec()))
}
fn b_removesuffix(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("removesuffix", args, 2, 2)?;
    let b = this(&args[0])?;
    let p = bytes_arg(&args[1])?;
    Ok(like(&args[0], b.strip_suffix(p.as_slice()).unwrap_or(&b).to_vec()))
}

fn map_bytes(args: &[Value], f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    Ok(like(&args[0], f(&this(&args[0])?)))
}

fn test(args: &[Value], f: fn(&[u8]) -> bool) -> PyResult<Value> {
    Ok(rt().bool_value(f(&this(&args[0])?)))
}

fn swapcase(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|&c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect()
}

fn capitalize(b: &[u8]) -> Vec<u8> {
    b.iter()
        .enumerate()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
        .collect()
}

fn title(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let out = if prev_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            prev_cased = c.is_ascii_alphabetic();
            out
        })
        .collect()
}

fn istitle(b: &[u8]) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            (prev_cased, cased) = (true, true);
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            (prev_cased, cased) = (true, true);
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn pad(args: &[Value], name: &str) -> PyResult<Value> {
    check_args(name, args, 2, 3)?;
    let b = this(&args[0])?;
    let width = super::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&args[1])))
    })?;
    let fill = match args.get(2) {
        Some(f) => match buffer(f) {
            Some(v) if v.len() == 1 => v[0],
            _ => {
                return Err(exc::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    type_name(f)
                )))
            }
        },
        None => b' ',
    };
    let width = width.max(0) as usize;
    if width <= b.len() {
        return Ok(like(&args[0], b));
    }
    let total = width - b.len();
    let left = match name {
        "ljust" => 0,
        "rjust" => total,
        _ => total / 2 + (total & width & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&b);
    out.resize(width, fill);
    Ok(like(&args[0], out))
}

fn b_zfill(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("zfill", args, 2, 2)?;
    let b = this(&args[0])?;
    let width = super::int::index_value(&args[1])?.unwrap_or(0).max(0) as usize;
    if width <= b.len() {
        return Ok(like(&args[0], b));
    }
    let fill = width - b.len();
    let (sign, rest) = match b.first() {
        Some(&c @ (b'+' | b'-')) => (Some(c), &b[1..]),
        _ => (None, &b[..]),
    };
    let mut out: Vec<u8> = sign.into_iter().collect();
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    Ok(like(&args[0], out))
}

fn b_expandtabs(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = super::bind_method_args("expandtabs", args, kwnames, &["tabsize"])?;
    let tab = match bound[0] {
        Some(v) => super::int::index_value(v)?.ok_or_else(|| exc::type_error("an integer is required"))?,
        None => 8,
    };
    let b = this(&args[0])?;
    let mut out = Vec::new();
    let mut col = 0i64;
    for &c in &b {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(like(&args[0], out))
}

fn b_mod(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mod__", args, 2, 2)?;
    let fmt = this(&args[0])?;
    Ok(like(&args[0], percent_format(&fmt, &args[1])?))
}

fn b_rmod(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().not_implemented.clone())
}

/// `bytes % args` (PEP 461): `%[flags][width][.prec]` with d i u x X o c
/// s b r a and `%%`; `%(name)` keys take a mapping.
fn percent_format(fmt: &[u8], arg: &Value) -> PyResult<Vec<u8>> {
    let is_mapping = super::dict::data(arg).is_some();
    let items: Vec<Value> = match super::tuple::items(arg) {
        Some(t) => t.to_vec(),
        None => vec![arg.clone()],
    };
    let mut next = 0;
    let mut out = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut keyed: Option<Value> = None;
        if fmt.get(i) == Some(&b'(') {
            let close = fmt[i..]
                .iter()
                .position(|&c| c == b')')
                .map(|p| p + i)
                .ok_or_else(|| exc::value_error("incomplete format key"))?;
            let key = super::str::from_string(String::from_utf8_lossy(&fmt[i + 1..close]).into_owned());
            keyed = Some(ops::getitem(arg, &key)?);
            i = close + 1;
        }
        let (mut left, mut zero, mut plus, mut space, mut alt) = (false, false, false, false, false);
        while let Some(&c) = fmt.get(i) {
            match c {
                b'-' => left = true,
                b'0' => zero = true,
                b'+' => plus = true,
                b' ' => space = true,
                b'#' => alt = true,
                _ => break,
            }
            i += 1;
        }
        let mut take_arg = || -> PyResult<Value> {
            if let Some(k) = keyed.take() {
                return Ok(k);
            }
            let v = items
                .get(next)
                .cloned()
                .ok_or_else(|| exc::type_error("not enough arguments for format string"))?;
            next += 1;
            Ok(v)
        };
        let number = |i: &mut usize,
                      take: &mut dyn FnMut() -> PyResult<Value>,
                      is_prec: bool|
         -> PyResult<Option<usize>> {
            if fmt.get(*i) == Some(&b'*') {
                *i += 1;
                let v = take()?;
                let n = super::int::index_value(&v)?.unwrap_or(0);
                // CPython reads a `*` precision as a C int, a width as a size
                // (too wide to allocate: MemoryError, not an abort).
                if is_prec && n > i64::from(i32::MAX) {
                    return Err(exc::overflow_error("Python int too large to convert to C int"));
                }
                if !is_prec && n > 1 << 32 {
                    return Err(exc::memory_error(""));
                }
                return Ok(Some(n.max(0) as usize));
            }
            let start = *i;
            while fmt.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            Ok((start < *i)
                .then(|| std::str::from_utf8(&fmt[start..*i]).ok().and_then(|s| s.parse().ok()).unwrap_or(0)))
        };
        let width = number(&mut i, &mut take_arg, false)?.unwrap_or(0);
        let prec = if fmt.get(i) == Some(&b'.') {
            i += 1;
            Some(number(&mut i, &mut take_arg, true)?.unwrap_or(0))
        } else {
            None
        };
        let Some(&conv) = fmt.get(i) else {
            return Err(exc::value_error("incomplete format"));
        };
        if b"diuxXo".contains(&conv) && prec.is_some_and(|p| p > i32::MAX as usize - 3) {
            return Err(exc::overflow_error("precision too large"));
        }
        i += 1;
        if conv == b'%' {
            out.push(b'%');
            continue;
        }
        let v = take_arg()?;
        let mut body: Vec<u8> = match conv {
            b's' | b'b' => buffer(&v)
                .or_else(|| {
                    ops::call_dunder_opt(&v, "__bytes__", &[]).ok().flatten().and_then(|r| buffer(&r))
                })
                .ok_or_else(|| {
                    exc::type_error(format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                        type_name(&v)
                    ))
                })?,
            b'r' | b'a' => {
                let r = ops::ascii(&v)?;
                super::str::as_str(&r).unwrap_or("").as_bytes().to_vec()
            }
            b'c' => match (buffer(&v), super::int::index_value(&v).ok().flatten()) {
                (Some(b), _) if b.len() == 1 => b,
                (None, Some(n)) if (0..256).contains(&n) => vec![n as u8],
                (None, Some(_)) => return Err(exc::overflow_error("%c arg not in range(256)")),
                _ => return Err(exc::type_error("%c requires an integer in range(256) or a single byte")),
            },
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => {
                let n = if super::int::is_int(&v) {
                    super::int::to_bigint(&v).unwrap_or_default()
                } else if let Some(f) =
                    super::float::to_f64(&v).filter(|_| matches!(conv, b'd' | b'i' | b'u'))
                {
                    super::float::float_to_bigint(f)?
                } else {
                    let idx = super::int::index(&v).map_err(|_| {
                        exc::type_error(format!(
                            "%{} format: an integer is required, not {}",
                            conv as char,
                            type_name(&v)
                        ))
                    })?;
                    super::int::to_bigint(&idx).unwrap_or_default()
                };
                let neg = n.sign() == num_bigint::Sign::Minus;
                let mag = if neg { -n } else { n };
                let mut digits = match conv {
                    b'x' => mag.to_str_radix(16),
                    b'X' => mag.to_str_radix(16).to_uppercase(),
                    b'o' => mag.to_str_radix(8),
                    _ => mag.to_string(),
                };
                if let Some(p) = prec {
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let prefix = match (alt, conv) {
                    (true, b'x') => "0x",
                    (true, b'X') => "0X",
                    (true, b'o') => "0o",
                    _ => "",
                };
                let sign = if neg {
                    "-"
                } else if plus {
                    "+"
                } else if space {
                    " "
                } else {
                    ""
                };
                let head = format!("{sign}{prefix}");
                if zero && !left && head.len() + digits.len() < width {
                    digits = "0".repeat(width - head.len() - digits.len()) + &digits;
                }
                format!("{head}{digits}").into_bytes()
            }
            other => {
                return Err(exc::value_error(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    other as char,
                    other,
                    i - 1
                )))
            }
        };
        if let (Some(p), b's' | b'b' | b'r' | b'a') = (prec, conv) {
            body.truncate(p);
        }
        if body.len() < width {
            let padding = vec![b' '; width - body.len()];
            if left {
                body.extend(padding);
            } else {
                body.splice(0..0, padding);
            }
        }
        out.extend(body);
    }
    if next < items.len() && !is_mapping && super::tuple::items(arg).is_some() {
        return Err(exc::type_error("not all arguments converted during bytes formatting"));
    }
    Ok(out)
}
