//! The `str` method table: every method of CPython 3.11's `str`, each a thin
//! layer of argument handling (CPython's argument rules and messages) over
//! the `text` building block, plus the dunders the VM dispatches to.
//! Formatting (`%`, `format`, `__format__`) goes through `crate::format`.

use super::{data, from_text, item, text, text_error, StrData};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{check_args, m, mk, new_method, split_kwargs, Method, MethodKind};
use crate::ops;
use crate::runtime::rt;
use crate::text::{SliceIndices, Str, StrBuilder, StripSide, Translation};
use crate::types::type_name;
use crate::value::Value;

pub const METHODS: &[Method] = &[
    new_method(str_new),
    m("__len__", str_len),
    m("__hash__", str_hash),
    m("__repr__", str_repr),
    m("__str__", str_str),
    m("__eq__", str_eq),
    m("__ne__", str_ne),
    m("__lt__", str_lt),
    m("__le__", str_le),
    m("__gt__", str_gt),
    m("__ge__", str_ge),
    m("__add__", str_add),
    m("__mul__", str_mul),
    m("__rmul__", str_mul),
    m("__mod__", str_mod),
    m("__contains__", str_contains),
    m("__getitem__", str_getitem),
    m("__iter__", str_iter),
    m("__format__", str_format_spec),
    m("__getnewargs__", str_getnewargs),
    m("join", str_join),
    mk("split", str_split).fast(),
    mk("rsplit", str_rsplit).fast(),
    mk("splitlines", str_splitlines).fast(),
    m("partition", str_partition),
    m("rpartition", str_rpartition),
    m("strip", str_strip).fast(),
    m("lstrip", str_lstrip).fast(),
    m("rstrip", str_rstrip).fast(),
    m("startswith", str_startswith),
    m("endswith", str_endswith),
    m("removeprefix", str_removeprefix),
    m("removesuffix", str_removesuffix),
    m("replace", str_replace).fast(),
    m("find", str_find),
    m("rfind", str_rfind),
    m("index", str_index),
    m("rindex", str_rindex),
    m("count", str_count),
    m("upper", str_upper),
    m("lower", str_lower),
    m("casefold", str_casefold),
    m("title", str_title),
    m("capitalize", str_capitalize),
    m("swapcase", str_swapcase),
    m("isdigit", str_isdigit),
    m("isdecimal", str_isdecimal),
    m("isnumeric", str_isnumeric),
    m("isalpha", str_isalpha),
    m("isalnum", str_isalnum),
    m("isspace", str_isspace),
    m("isupper", str_isupper),
    m("islower", str_islower),
    m("istitle", str_istitle),
    m("isprintable", str_isprintable),
    m("isidentifier", str_isidentifier),
    m("isascii", str_isascii),
    m("zfill", str_zfill),
    m("center", str_center).fast(),
    m("ljust", str_ljust).fast(),
    m("rjust", str_rjust).fast(),
    mk("expandtabs", str_expandtabs).fast(),
    mk("format", str_format),
    m("format_map", str_format_map),
    mk("encode", str_encode).fast(),
    m("translate", str_translate),
    Method {
        name: "maketrans",
        func: str_maketrans,
        kw: false,
        kind: MethodKind::Static,
        conv: crate::objects::Conv::Counted,
    },
];

// ---------------------------------------------------------------- arguments

/// The `self` payload of a method.
fn this(args: &[Value]) -> PyResult<&StrData> {
    args.first().and_then(data).ok_or_else(|| match args.first() {
        Some(v) => exc::type_error(format!(
            "descriptor for 'str' objects doesn't apply to a '{}' object",
            type_name(v)
        )),
        None => exc::type_error("descriptor needs an argument"),
    })
}

/// A str argument, or TypeError "`{prefix}`must be str, not T".
fn arg_text<'a>(v: &'a Value, prefix: &str) -> PyResult<&'a Str> {
    text(v).ok_or_else(|| exc::type_error(format!("{prefix}must be str, not {}", type_name(v))))
}

/// An integer argument (`__index__`), or CPython's TypeError.
fn int_arg(v: &Value) -> PyResult<isize> {
    match crate::objects::int::index_value(v)? {
        Some(i) => Ok(i as isize),
        None => {
            Err(exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))
        }
    }
}

/// An optional `start`/`end` argument (None means absent).
fn slice_index(v: Option<&Value>) -> PyResult<Option<isize>> {
    match v {
        None => Ok(None),
        Some(v) if v.is(&rt().none) => Ok(None),
        Some(v) => match crate::objects::int::index_value(v) {
            Ok(Some(i)) => Ok(Some(i as isize)),
            Ok(None) => {
                Err(exc::type_error("slice indices must be integers or None or have an __index__ method"))
            }
            Err(e) if e.matches(&rt().exc.overflow_error) => {
                let negative =
                    crate::objects::int::to_bigint(v).is_some_and(|b| b.sign() == num_bigint::Sign::Minus);
                Ok(Some(if negative { isize::MIN } else { isize::MAX }))
            }
            Err(e) => Err(e),
        },
    }
}

/// Checks "`name`() takes at least 1 argument" style counts (CPython's
/// message for find/count/startswith/...).
fn check_find_args(name: &str, args: &[Value]) -> PyResult<()> {
    match args.len() {
        2..=4 => Ok(()),
        n if n < 2 => Err(exc::type_error(format!(
            "{name}() takes at least 1 argument ({} given)",
            n.saturating_sub(1)
        ))),
        n => Err(exc::type_error(format!("{name}() takes at most 3 arguments ({} given)", n - 1))),
    }
}

fn bool_value(b: bool) -> Value {
    rt().bool_value(b)
}

fn int_value(n: usize) -> Value {
    crate::objects::int::from_usize(n)
}

/// `args[0]` itself when `result` has its length and it is an exact str
/// (CPython returns self unchanged), else a new str.
fn self_or_new(args: &[Value], result: Str) -> Value {
    let same = data(&args[0]).is_some_and(|d| d.text.len() == result.len());
    if same && super::is_exact(&args[0]) {
        return args[0].clone();
    }
    from_text(result)
}

// ---------------------------------------------------------------- construction

fn str_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() > 4 {
        return Err(exc::type_error(format!("str() takes at most 3 arguments ({} given)", pos.len() - 1)));
    }
    let mut slots: [Option<&Value>; 3] = [pos.get(1), pos.get(2), pos.get(3)];
    for (k, v) in kws {
        let i = match k {
            "object" => 0,
            "encoding" => 1,
            "errors" => 2,
            _ => return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for str()"))),
        };
        slots[i] = Some(v);
    }
    let s = match slots {
        [None, None, None] => super::new(""),
        [Some(v), None, None] => ops::str_(v)?,
        [obj, encoding, errors] => decode(obj, encoding, errors)?,
    };
    if pos[0].is(&rt().types.str) {
        return Ok(s);
    }
    let text = text(&s).cloned().unwrap_or_default();
    crate::objects::object::alloc_subclass(&pos[0], StrData::new(text))
}

/// `str(obj, encoding, errors)`: `obj` decoded (default `b''`).
fn decode(obj: Option<&Value>, encoding: Option<&Value>, errors: Option<&Value>) -> PyResult<Value> {
    let data: &[u8] = match obj {
        None => &[],
        Some(v) => crate::objects::bytes::as_bytes(v).ok_or_else(|| {
            exc::type_error(format!("decoding to str: need a bytes-like object, {} found", type_name(v)))
        })?,
    };
    let encoding = match encoding {
        Some(v) => arg_text(v, "str() argument 'encoding' ")?.to_string_lossy().into_owned(),
        None => "utf-8".to_string(),
    };
    let errors = match errors {
        Some(v) => arg_text(v, "str() argument 'errors' ")?.to_string_lossy().into_owned(),
        None => "strict".to_string(),
    };
    let (codec, handler) = match codec_and_handler(&encoding, &errors) {
        Ok(ch) => ch,
        Err(e) => {
            return crate::objects::bytes::via_registry(
                obj.unwrap_or(&rt().none),
                &encoding,
                &errors,
                false,
                e,
            )
        }
    };
    codec.decode(data, handler).map(from_text).map_err(text_error)
}

/// The codec and error handler named `encoding` and `errors`.
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

fn str_getnewargs(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getnewargs__", args, 1, 1)?;
    Ok(crate::objects::tuple::new(vec![from_text(this(args)?.text.clone())]))
}

// ---------------------------------------------------------------- dunders

fn str_len(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__len__", args, 1, 1)?;
    Ok(int_value(this(args)?.char_len()))
}

fn str_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__hash__", args, 1, 1)?;
    Ok(crate::objects::int::from_i64(super::hash_of(this(args)?)))
}

fn str_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__repr__", args, 1, 1)?;
    Ok(super::from_string(this(args)?.text.repr()))
}

fn str_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__str__", args, 1, 1)?;
    let d = this(args)?;
    if super::is_exact(&args[0]) {
        return Ok(args[0].clone());
    }
    Ok(from_text(d.text.clone()))
}

fn compare(args: &[Value], test: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(args)?;
    match text(&args[1]) {
        Some(b) => Ok(bool_value(test(a.text.cmp(b)))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn str_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = this(args)?;
    match text(&args[1]) {
        Some(b) => Ok(bool_value(args[0].is(&args[1]) || a.text == *b)),
        None => Ok(rt().not_implemented.clone()),
    }
}
fn str_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ne__", args, 2, 2)?;
    let a = this(args)?;
    match text(&args[1]) {
        Some(b) => Ok(bool_value(a.text != *b)),
        None => Ok(rt().not_implemented.clone()),
    }
}
fn str_lt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, std::cmp::Ordering::is_lt)
}
fn str_le(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, std::cmp::Ordering::is_le)
}
fn str_gt(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, std::cmp::Ordering::is_gt)
}
fn str_ge(args: &[Value], _: &[Value]) -> PyResult<Value> {
    compare(args, std::cmp::Ordering::is_ge)
}

fn str_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let a = this(args)?;
    match text(&args[1]) {
        Some(b) => concat(&a.text, b),
        None => Ok(rt().not_implemented.clone()),
    }
}

/// `a + b` as a new str.
pub fn concat(a: &Str, b: &Str) -> PyResult<Value> {
    a.concat(b).map(from_text).map_err(text_error)
}

fn str_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let a = this(args)?;
    let Some(n) = crate::objects::int::repeat_count(&args[1])? else {
        return Ok(rt().not_implemented.clone());
    };
    if n == 1 && super::is_exact(&args[0]) {
        return Ok(args[0].clone());
    }
    a.text.repeat(n as isize).map(from_text).map_err(text_error)
}

fn str_mod(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mod__", args, 2, 2)?;
    crate::format::percent_format(this(args)?.as_rust_str(), &args[1])
}

fn str_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let needle = text(&args[1]).ok_or_else(|| {
        exc::type_error(format!("'in <string>' requires string as left operand, not {}", type_name(&args[1])))
    })?;
    Ok(bool_value(this(args)?.text.contains(needle)))
}

fn str_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let d = this(args)?;
    if let Some(sl) = args[1].downcast::<crate::objects::slice::SliceData>() {
        let (start, stop, step) = sl.indices(d.char_len())?;
        let indices = slice_indices(start, stop, step);
        if indices.len == d.char_len() && step == 1 && super::is_exact(&args[0]) {
            return Ok(args[0].clone());
        }
        return Ok(from_text(d.text.slice_indices(&indices)));
    }
    let i = crate::objects::int::index_value(&args[1])?.ok_or_else(|| {
        exc::type_error(format!("string indices must be integers, not '{}'", type_name(&args[1])))
    })?;
    let len = d.char_len() as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(exc::index_error("string index out of range"));
    }
    item(d, idx as usize).ok_or_else(|| exc::index_error("string index out of range"))
}

/// The `text` form of adjusted slice bounds.
fn slice_indices(start: i64, stop: i64, step: i64) -> SliceIndices {
    let len = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && stop < start {
        (start - stop - 1) / -step + 1
    } else {
        0
    };
    SliceIndices { start: start as isize, stop: stop as isize, step: step as isize, len: len as usize }
}

fn str_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__iter__", args, 1, 1)?;
    this(args)?;
    Ok(crate::objects::iter::new_seq_iter(&rt().types.str_iterator, args[0].clone()))
}

fn str_format_spec(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__format__", args, 2, 2)?;
    let spec = text(&args[1]).ok_or_else(|| {
        exc::type_error(format!("__format__() argument must be str, not {}", type_name(&args[1])))
    })?;
    if spec.is_empty() {
        return str_str(&args[..1], &[]);
    }
    let spec = spec.to_string_lossy();
    crate::format::format_text(&this(args)?.text, &spec, "str")
}

// ---------------------------------------------------------------- join / split

fn str_join(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(exc::type_error(format!(
            "str.join() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let sep = &this(args)?.text;
    if let Some(items) = crate::objects::tuple::items(&args[1]) {
        return join_values(sep, items);
    }
    if let Some(items) = crate::objects::list::snapshot(&args[1]) {
        return join_values(sep, &items);
    }
    if !ops::is_iterable(&args[1]) {
        return Err(exc::type_error("can only join an iterable"));
    }
    join_values(sep, &ops::collect(&args[1])?)
}

/// `sep.join(items)`: one exact-size allocation, no per-item copies.
fn join_values(sep: &Str, items: &[Value]) -> PyResult<Value> {
    let mut parts = Vec::with_capacity(items.len());
    let mut total = sep.len().saturating_mul(items.len().saturating_sub(1));
    for (i, item) in items.iter().enumerate() {
        let t = text(item).ok_or_else(|| {
            exc::type_error(format!("sequence item {i}: expected str instance, {} found", type_name(item)))
        })?;
        total = total.saturating_add(t.len());
        parts.push(t);
    }
    if let [only] = items {
        if super::is_exact(only) {
            return Ok(only.clone());
        }
    }
    if total > isize::MAX as usize {
        return Err(exc::overflow_error("join() result is too long for a Python string"));
    }
    let mut out = StrBuilder::with_capacity(total);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_pystr(sep);
        }
        out.push_pystr(part);
    }
    Ok(from_text(out.finish()))
}

/// `(sep, maxsplit)` of split/rsplit.
fn split_args<'a>(name: &str, args: &'a [Value], kwnames: &'a [Value]) -> PyResult<(Option<&'a Str>, isize)> {
    let bound = crate::objects::bind_method_args(name, args, kwnames, &["sep", "maxsplit"])?;
    let sep = match bound[0] {
        Some(v) if !v.is(&rt().none) => Some(
            text(v).ok_or_else(|| exc::type_error(format!("must be str or None, not {}", type_name(v))))?,
        ),
        _ => None,
    };
    let maxsplit = match bound[1] {
        Some(v) => int_arg(v)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn list_of(parts: Vec<Str>) -> Value {
    crate::objects::list::new(parts.into_iter().map(from_text).collect())
}

fn str_split(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (sep, maxsplit) = split_args("split", args, kwnames)?;
    let parts = this(args)?.text.split(sep, maxsplit).map_err(text_error)?;
    Ok(list_of(parts))
}

fn str_rsplit(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (sep, maxsplit) = split_args("rsplit", args, kwnames)?;
    let parts = this(args)?.text.rsplit(sep, maxsplit).map_err(text_error)?;
    Ok(list_of(parts))
}

fn str_splitlines(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = crate::objects::bind_method_args("splitlines", args, kwnames, &["keepends"])?;
    let keepends = match bound[0] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    Ok(list_of(this(args)?.text.splitlines(keepends)))
}

fn partition_impl(args: &[Value], name: &str, reverse: bool) -> PyResult<Value> {
    check_args(name, args, 2, 2)?;
    let s = &this(args)?.text;
    let sep = arg_text(&args[1], "")?;
    let [before, _, after] =
        if reverse { s.rpartition(sep) } else { s.partition(sep) }.map_err(text_error)?;
    // As CPython: the string itself when the separator is absent, and the
    // separator argument itself when it is found (subclasses included).
    let keep = |part: Str| if part.len() == s.len() { args[0].clone() } else { from_text(part) };
    let found = if before.len() + after.len() == s.len() { super::empty() } else { args[1].clone() };
    Ok(crate::objects::tuple::new(vec![keep(before), found, keep(after)]))
}

fn str_partition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    partition_impl(args, "partition", false)
}

fn str_rpartition(args: &[Value], _: &[Value]) -> PyResult<Value> {
    partition_impl(args, "rpartition", true)
}

// ---------------------------------------------------------------- strip / affixes

fn strip_impl(args: &[Value], name: &str, side: StripSide) -> PyResult<Value> {
    check_args(name, args, 1, 2)?;
    let s = &this(args)?.text;
    let chars = match args.get(1) {
        None => None,
        Some(v) if v.is(&rt().none) => None,
        Some(v) => Some(text(v).ok_or_else(|| exc::type_error(format!("{name} arg must be None or str")))?),
    };
    Ok(self_or_new(args, s.strip(chars, side)))
}

fn str_strip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(args, "strip", StripSide::Both)
}
fn str_lstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(args, "lstrip", StripSide::Left)
}
fn str_rstrip(args: &[Value], _: &[Value]) -> PyResult<Value> {
    strip_impl(args, "rstrip", StripSide::Right)
}

fn affix_test(args: &[Value], name: &str, ends: bool) -> PyResult<Value> {
    check_find_args(name, args)?;
    let s = &this(args)?.text;
    let (start, end) = (slice_index(args.get(2))?, slice_index(args.get(3))?);
    let test = |p: &Str| if ends { s.ends_with(p, start, end) } else { s.starts_with(p, start, end) };
    if let Some(items) = args[1].downcast::<crate::objects::tuple::TupleData>() {
        for item in items.items.iter() {
            let p = text(item).ok_or_else(|| {
                exc::type_error(format!("tuple for {name} must only contain str, not {}", type_name(item)))
            })?;
            if test(p) {
                return Ok(bool_value(true));
            }
        }
        return Ok(bool_value(false));
    }
    let p = text(&args[1]).ok_or_else(|| {
        exc::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(&args[1])
        ))
    })?;
    Ok(bool_value(test(p)))
}

fn str_startswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix_test(args, "startswith", false)
}
fn str_endswith(args: &[Value], _: &[Value]) -> PyResult<Value> {
    affix_test(args, "endswith", true)
}

fn str_removeprefix(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("removeprefix", args, 2, 2)?;
    let p = arg_text(&args[1], "removeprefix() argument ")?;
    Ok(self_or_new(args, this(args)?.text.removeprefix(p)))
}
fn str_removesuffix(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("removesuffix", args, 2, 2)?;
    let p = arg_text(&args[1], "removesuffix() argument ")?;
    Ok(self_or_new(args, this(args)?.text.removesuffix(p)))
}

// ---------------------------------------------------------------- search

fn str_replace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("replace", args, 3, 4)?;
    let s = &this(args)?.text;
    let old = arg_text(&args[1], "replace() argument 1 ")?;
    let new = arg_text(&args[2], "replace() argument 2 ")?;
    let count = match args.get(3) {
        Some(v) => int_arg(v)?,
        None => -1,
    };
    Ok(self_or_new_if_unchanged(args, s.replace(old, new, count).map_err(text_error)?, s))
}

/// `args[0]` when `result` equals it (exact str), else a new str.
fn self_or_new_if_unchanged(args: &[Value], result: Str, original: &Str) -> Value {
    if super::is_exact(&args[0]) && result == *original {
        return args[0].clone();
    }
    from_text(result)
}

/// `(sub, start, end)` of find/index/count.
fn find_args<'a>(
    name: &str,
    args: &'a [Value],
) -> PyResult<(&'a Str, &'a Str, Option<isize>, Option<isize>)> {
    check_find_args(name, args)?;
    let s = &this(args)?.text;
    let sub = arg_text(&args[1], "")?;
    Ok((s, sub, slice_index(args.get(2))?, slice_index(args.get(3))?))
}

fn position(found: Option<usize>) -> Value {
    match found {
        Some(i) => int_value(i),
        None => crate::objects::int::from_i64(-1),
    }
}

fn str_find(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("find", args)?;
    Ok(position(s.find(sub, start, end)))
}
fn str_rfind(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("rfind", args)?;
    Ok(position(s.rfind(sub, start, end)))
}
fn str_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("index", args)?;
    s.index_of(sub, start, end).map(int_value).map_err(text_error)
}
fn str_rindex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("rindex", args)?;
    s.rindex_of(sub, start, end).map(int_value).map_err(text_error)
}
fn str_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("count", args)?;
    Ok(int_value(s.count(sub, start, end)))
}

// ---------------------------------------------------------------- case and predicates

fn no_args<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Str> {
    if args.len() != 1 {
        return Err(exc::type_error(format!(
            "str.{name}() takes no arguments ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    Ok(&this(args)?.text)
}

fn map_case(args: &[Value], name: &str, f: fn(&Str) -> Str) -> PyResult<Value> {
    Ok(from_text(f(no_args(args, name)?)))
}

fn str_upper(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "upper", Str::upper)
}
fn str_lower(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "lower", Str::lower)
}
fn str_casefold(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "casefold", Str::casefold)
}
fn str_swapcase(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "swapcase", Str::swapcase)
}
fn str_title(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "title", Str::title)
}
fn str_capitalize(args: &[Value], _: &[Value]) -> PyResult<Value> {
    map_case(args, "capitalize", Str::capitalize)
}

fn predicate(args: &[Value], name: &str, f: fn(&Str) -> bool) -> PyResult<Value> {
    Ok(bool_value(f(no_args(args, name)?)))
}

fn str_isdigit(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isdigit", Str::is_digit)
}
fn str_isdecimal(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isdecimal", Str::is_decimal)
}
fn str_isnumeric(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isnumeric", Str::is_numeric)
}
fn str_isalpha(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isalpha", Str::is_alpha)
}
fn str_isalnum(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isalnum", Str::is_alnum)
}
fn str_isspace(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isspace", Str::is_space)
}
fn str_isupper(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isupper", Str::is_upper)
}
fn str_islower(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "islower", Str::is_lower)
}
fn str_istitle(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "istitle", Str::is_title)
}
fn str_isprintable(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isprintable", Str::is_printable)
}
fn str_isidentifier(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isidentifier", Str::is_identifier)
}
fn str_isascii(args: &[Value], _: &[Value]) -> PyResult<Value> {
    predicate(args, "isascii", Str::is_ascii)
}

// ---------------------------------------------------------------- padding

/// `(width, fillchar)` of center/ljust/rjust.
fn width_and_fill(args: &[Value], name: &str) -> PyResult<(isize, u32)> {
    check_args(name, args, 2, 3)?;
    let width = int_arg(&args[1])?;
    let fill = match args.get(2) {
        None => u32::from(b' '),
        Some(v) => {
            let t = text(v).ok_or_else(|| {
                exc::type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    type_name(v)
                ))
            })?;
            match (t.len(), t.char_at(0)) {
                (1, Some(cp)) => cp,
                _ => return Err(exc::type_error("The fill character must be exactly one character long")),
            }
        }
    };
    Ok((width, fill))
}

fn pad_impl(
    args: &[Value],
    name: &str,
    f: fn(&Str, isize, u32) -> crate::text::TextResult<Str>,
) -> PyResult<Value> {
    let (width, fill) = width_and_fill(args, name)?;
    let s = &this(args)?.text;
    Ok(self_or_new(args, f(s, width, fill).map_err(text_error)?))
}

fn str_center(args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(args, "center", Str::center)
}
fn str_ljust(args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(args, "ljust", Str::ljust)
}
fn str_rjust(args: &[Value], _: &[Value]) -> PyResult<Value> {
    pad_impl(args, "rjust", Str::rjust)
}
fn str_zfill(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("zfill", args, 2, 2)?;
    let width = int_arg(&args[1])?;
    let s = &this(args)?.text;
    Ok(self_or_new(args, s.zfill(width).map_err(text_error)?))
}

fn str_expandtabs(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = crate::objects::bind_method_args("expandtabs", args, kwnames, &["tabsize"])?;
    let tabsize = match bound[0] {
        Some(v) => int_arg(v)?,
        None => 8,
    };
    let s = &this(args)?.text;
    Ok(self_or_new_if_unchanged(args, s.expandtabs(tabsize).map_err(text_error)?, s))
}

// ---------------------------------------------------------------- formatting, codecs, translate

fn str_format(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let d = this(args)?;
    crate::format::str_format(d.as_rust_str(), &pos[1..], &kws)
}

fn str_format_map(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("format_map", args, 2, 2)?;
    crate::format::str_format_map(this(args)?.as_rust_str(), &args[1])
}

fn str_encode(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let bound = crate::objects::bind_method_args("encode", args, kwnames, &["encoding", "errors"])?;
    let s = &this(args)?.text;
    let encoding = match bound[0] {
        Some(v) => arg_text(v, "encode() argument 'encoding' ")?.to_string_lossy().into_owned(),
        None => "utf-8".to_string(),
    };
    let errors = match bound[1] {
        Some(v) => arg_text(v, "encode() argument 'errors' ")?.to_string_lossy().into_owned(),
        None => "strict".to_string(),
    };
    let (codec, handler) = match codec_and_handler(&encoding, &errors) {
        Ok(ch) => ch,
        Err(e) => return crate::objects::bytes::via_registry(&args[0], &encoding, &errors, true, e),
    };
    let encoded = codec.encode(s, handler).map_err(text_error)?;
    Ok(crate::objects::bytes::new(encoded))
}

fn str_translate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("translate", args, 2, 2)?;
    let s = &this(args)?.text;
    let table = &args[1];
    let result = s.translate_with(|cp| translate_one(table, cp))?;
    Ok(self_or_new_if_unchanged(args, result, s))
}

/// What `table[cp]` says about `cp`.
fn translate_one(table: &Value, cp: u32) -> PyResult<Translation> {
    let key = crate::objects::int::from_i64(i64::from(cp));
    let mapped = match ops::getitem(table, &key) {
        Ok(v) => v,
        Err(e) if e.matches(&rt().exc.lookup_error) => return Ok(Translation::Keep),
        Err(e) => return Err(e),
    };
    if mapped.is(&rt().none) {
        return Ok(Translation::Delete);
    }
    if let Some(t) = text(&mapped) {
        return Ok(Translation::Text(t.clone()));
    }
    if crate::objects::int::is_int(&mapped) {
        return match crate::objects::int::index_value(&mapped) {
            Ok(Some(c)) if (0..=0x10FFFF).contains(&c) => Ok(Translation::Char(c as u32)),
            _ => Err(exc::value_error("character mapping must be in range(0x110000)")),
        };
    }
    Err(exc::type_error("character mapping must return integer, None or str"))
}

fn str_maketrans(args: &[Value], _: &[Value]) -> PyResult<Value> {
    match args.len() {
        1 => maketrans_from_dict(&args[0]),
        2 | 3 => maketrans_from_strings(&args[0], &args[1], args.get(2)),
        n => Err(exc::type_error(format!("maketrans expected at least 1 argument, got {n}"))),
    }
}

fn maketrans_from_dict(mapping: &Value) -> PyResult<Value> {
    if crate::objects::dict::data(mapping).is_none() {
        return Err(exc::type_error("if you give only one argument to maketrans it must be a dict"));
    }
    let out = crate::objects::dict::new_dict();
    for key in ops::collect(mapping)? {
        let value = ops::getitem(mapping, &key)?;
        let key = match text(&key) {
            Some(t) if t.len() == 1 => crate::objects::int::from_i64(i64::from(t.char_at(0).unwrap_or(0))),
            Some(_) => return Err(exc::value_error("string keys in translate table must be of length 1")),
            None if crate::objects::int::is_int(&key) => key,
            None => return Err(exc::type_error("keys in translate table must be strings or integers")),
        };
        ops::setitem(&out, key, value)?;
    }
    Ok(out)
}

fn maketrans_from_strings(from: &Value, to: &Value, delete: Option<&Value>) -> PyResult<Value> {
    let from = arg_text(from, "maketrans() argument 1 ")?;
    let to = arg_text(to, "maketrans() argument 2 ")?;
    if from.len() != to.len() {
        return Err(exc::value_error("the first two maketrans arguments must have equal length"));
    }
    let out = crate::objects::dict::new_dict();
    for (a, b) in from.code_points().zip(to.code_points()) {
        let key = crate::objects::int::from_i64(i64::from(a));
        ops::setitem(&out, key, crate::objects::int::from_i64(i64::from(b)))?;
    }
    if let Some(delete) = delete {
        for cp in arg_text(delete, "maketrans() argument 3 ")?.code_points() {
            ops::setitem(&out, crate::objects::int::from_i64(i64::from(cp)), rt().none.clone())?;
        }
    }
    Ok(out)
}
