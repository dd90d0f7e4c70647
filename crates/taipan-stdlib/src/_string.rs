//! `_string` (CPython's `_string` module over `unicode_format.h`): the
//! parsers behind `string.Formatter`. `formatter_parser(s)` iterates over
//! `(literal, field_name, format_spec, conversion)` tuples;
//! `formatter_field_name_split(name)` gives `(first, rest)` where `rest`
//! iterates over `(is_attribute, key)` pairs. Both parse eagerly but, like
//! CPython, report a malformed string only when iteration reaches the bad
//! part. `str.format` itself is `taipan_vm::format`'s business.

use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::modules::native::{self, boolean, none};
use taipan_vm::objects::{int, m, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::text::{properties, Str};
use taipan_vm::types::type_name;
use taipan_vm::Value;

const FUNCTIONS: &[Method] = &[
    m("formatter_parser", |a, _| formatter_parser(one(a, "formatter_parser")?)),
    m("formatter_field_name_split", |a, _| field_name_split(one(a, "formatter_field_name_split")?)),
];

/// Builds the `_string` module.
pub fn module() -> PyResult<Value> {
    let (md, _) = native::new_module("_string", FUNCTIONS);
    Ok(md)
}

fn one<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match args {
        [_, x] => Ok(x),
        _ => Err(exc::type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// The text of a str argument, or CPython's "expected str" TypeError.
fn text_arg(v: &Value) -> PyResult<&Str> {
    pystr::text(v).ok_or_else(|| exc::type_error(format!("expected str, got {}", type_name(v))))
}

/// Items produced ahead of time, with the error (if any) that ends them.
pub struct PendingItems {
    items: RefCell<VecDeque<Value>>,
    error: RefCell<Option<PyErr>>,
}

thread_local! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

/// (`formatteriterator`, `fieldnameiterator`).
fn iterator_types() -> (Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let base = &rt().types.object;
            let make = |name| native::new_type::<PendingItems>(name, "_string", base, 0, ITER_METHODS, &[]);
            (make("formatteriterator"), make("fieldnameiterator"))
        })
        .clone()
    })
}

const ITER_METHODS: &[Method] = &[m("__iter__", |a, _| Ok(a[0].clone())), m("__next__", pending_next)];

fn pending_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let Some(p) = args[0].downcast::<PendingItems>() else {
        return Err(exc::type_error("expected an iterator of _string"));
    };
    if let Some(v) = p.items.borrow_mut().pop_front() {
        return Ok(v);
    }
    match p.error.borrow_mut().take() {
        Some(e) => Err(e),
        None => Err(exc::stop_iteration(none())),
    }
}

fn pending(ty: &Value, items: Vec<Value>, error: Option<PyErr>) -> Value {
    let data = PendingItems { items: RefCell::new(items.into()), error: RefCell::new(error) };
    taipan_vm::heap::alloc(ty, data)
}

// ---- formatter_parser ----

/// A cursor over the code points of a format string.
struct Cursor<'a> {
    text: &'a Str,
    cps: Vec<u32>,
    pos: usize,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.cps.len()
    }

    fn peek(&self) -> Option<u32> {
        self.cps.get(self.pos).copied()
    }

    fn bump(&mut self) -> u32 {
        let c = self.cps[self.pos];
        self.pos += 1;
        c
    }

    fn slice(&self, start: usize, end: usize) -> Value {
        pystr::from_text(self.text.substring(start, end))
    }
}

const OPEN: u32 = '{' as u32;
const CLOSE: u32 = '}' as u32;

/// One replacement field: name, format spec and conversion.
struct Field {
    name: (usize, usize),
    spec: (usize, usize),
    conversion: Option<u32>,
}

fn formatter_parser(s: &Value) -> PyResult<Value> {
    let text = text_arg(s)?;
    let mut cur = Cursor { text, cps: text.code_points().collect(), pos: 0 };
    let mut items = Vec::new();
    let mut error = None;
    while !cur.at_end() {
        match next_markup(&mut cur) {
            Ok(item) => items.push(item),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    Ok(pending(&iterator_types().0, items, error))
}

/// The next `(literal, field_name, format_spec, conversion)` tuple.
fn next_markup(cur: &mut Cursor) -> PyResult<Value> {
    let start = cur.pos;
    let mut c = 0;
    let mut markup_follows = false;
    while !cur.at_end() {
        c = cur.bump();
        if c == OPEN || c == CLOSE {
            markup_follows = true;
            break;
        }
    }
    let at_end = cur.at_end();
    let mut len = cur.pos - start;
    if c == CLOSE && (at_end || cur.peek() != Some(CLOSE)) {
        return Err(exc::value_error("Single '}' encountered in format string"));
    }
    if at_end && c == OPEN {
        return Err(exc::value_error("Single '{' encountered in format string"));
    }
    if !at_end {
        if cur.peek() == Some(c) {
            cur.pos += 1;
            markup_follows = false;
        } else {
            len -= 1;
        }
    }
    let literal = cur.slice(start, start + len);
    if !markup_follows {
        return Ok(tuple::new(vec![literal, none(), none(), none()]));
    }
    let field = parse_field(cur)?;
    let conversion = match field.conversion {
        Some(cp) => pystr::from_code_point(cp),
        None => none(),
    };
    let name = cur.slice(field.name.0, field.name.1);
    let spec = cur.slice(field.spec.0, field.spec.1);
    Ok(tuple::new(vec![literal, name, spec, conversion]))
}

/// field: name ['!' conversion] [':' spec] '}' (the '{' already read).
fn parse_field(cur: &mut Cursor) -> PyResult<Field> {
    let name_start = cur.pos;
    let mut c = 0;
    while !cur.at_end() {
        c = cur.bump();
        match char::from_u32(c) {
            Some('{') => return Err(exc::value_error("unexpected '{' in field name")),
            Some('[') => {
                while cur.peek().is_some_and(|x| x != ']' as u32) {
                    cur.pos += 1;
                }
                continue;
            }
            Some('}' | ':' | '!') => break,
            _ => continue,
        }
    }
    let name = (name_start, cur.pos.saturating_sub(1).max(name_start));
    let mut field = Field { name, spec: (cur.pos, cur.pos), conversion: None };
    if c != '!' as u32 && c != ':' as u32 {
        if c != CLOSE {
            return Err(exc::value_error("expected '}' before end of string"));
        }
        return Ok(field);
    }
    if c == '!' as u32 {
        if cur.at_end() {
            return Err(exc::value_error("end of string while looking for conversion specifier"));
        }
        field.conversion = Some(cur.bump());
        if !cur.at_end() {
            let next = cur.bump();
            if next == CLOSE {
                field.spec = (cur.pos, cur.pos);
                return Ok(field);
            }
            if next != ':' as u32 {
                return Err(exc::value_error("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = cur.pos;
    let mut depth = 1;
    while !cur.at_end() {
        let c = cur.bump();
        if c == OPEN {
            depth += 1;
        } else if c == CLOSE {
            depth -= 1;
            if depth == 0 {
                field.spec = (spec_start, cur.pos - 1);
                return Ok(field);
            }
        }
    }
    Err(exc::value_error("unmatched '{' in format spec"))
}

// ---- formatter_field_name_split ----

/// The decimal value of a field name part, None unless every code point
/// is a decimal digit (and there is at least one).
fn integer_of(cps: &[u32]) -> PyResult<Option<Value>> {
    if cps.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for &cp in cps {
        let Some(d) = properties::decimal_value(cp) else { return Ok(None) };
        if acc > (i64::MAX - d as i64) / 10 {
            return Err(exc::value_error("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d as i64;
    }
    Ok(Some(int::from_i64(acc)))
}

fn field_name_split(s: &Value) -> PyResult<Value> {
    let text = text_arg(s)?;
    let cps: Vec<u32> = text.code_points().collect();
    let first_end = cps.iter().position(|&c| c == '.' as u32 || c == '[' as u32).unwrap_or(cps.len());
    let first = match integer_of(&cps[..first_end])? {
        Some(i) => i,
        None => pystr::from_text(text.substring(0, first_end)),
    };
    let mut items = Vec::new();
    let mut error = None;
    let mut pos = first_end;
    while pos < cps.len() {
        match next_key(text, &cps, &mut pos) {
            Ok(item) => items.push(item),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let rest = pending(&iterator_types().1, items, error);
    Ok(tuple::new(vec![first, rest]))
}

/// The next `(is_attribute, key)` of a field name, from `.name` or `[key]`.
fn next_key(text: &Str, cps: &[u32], pos: &mut usize) -> PyResult<Value> {
    let c = cps[*pos];
    *pos += 1;
    let start = *pos;
    let (is_attr, end) = if c == '.' as u32 {
        while *pos < cps.len() && cps[*pos] != '.' as u32 && cps[*pos] != '[' as u32 {
            *pos += 1;
        }
        (true, *pos)
    } else if c == '[' as u32 {
        while *pos < cps.len() && cps[*pos] != ']' as u32 {
            *pos += 1;
        }
        if *pos >= cps.len() {
            return Err(exc::value_error("Missing ']' in format string"));
        }
        *pos += 1;
        (false, *pos - 1)
    } else {
        return Err(exc::value_error("Only '.' or '[' may follow ']' in format field specifier"));
    };
    let key = match (is_attr, integer_of(&cps[start..end])?) {
        (false, Some(i)) => i,
        _ => pystr::from_text(text.substring(start, end)),
    };
    if start == end {
        return Err(exc::value_error("Empty attribute in format string"));
    }
    Ok(tuple::new(vec![boolean(is_attr), key]))
}
