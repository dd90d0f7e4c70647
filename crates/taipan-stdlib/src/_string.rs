//! `_string` (CPython's `_string` module over `unicode_format.h`): the
//! parsers behind `string.Formatter`. `formatter_parser(s)` iterates over
//! `(literal, field_name, format_spec, conversion)` tuples;
//! `formatter_field_name_split(name)` gives `(first, rest)` where `rest`
//! iterates over `(is_attribute, key)` pairs. The parsing is `str.format`'s
//! own (`taipan_vm::numbers::template`); this module turns its segments
//! into Python tuples, parsing eagerly but, like CPython, reporting a
//! malformed string only when iteration reaches the bad part.

use std::cell::{OnceCell, RefCell};
use std::collections::VecDeque;
use taipan_vm::exceptions::{self as exc, PyErr, PyResult};
use taipan_vm::format::num_error;
use taipan_vm::modules::native::{self, boolean, none};
use taipan_vm::numbers::template::{split_field_name, Accessor, FieldKey, Segment, TemplateParser};
use taipan_vm::objects::{int, m, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
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
            "_string.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// The text of a str argument (lone surrogates replaced), or CPython's
/// "expected str" TypeError.
fn text_arg(v: &Value) -> PyResult<String> {
    pystr::text(v)
        .map(|t| t.to_string_lossy().into_owned())
        .ok_or_else(|| exc::type_error(format!("expected str, got {}", type_name(v))))
}

/// Items produced ahead of time, with the error (if any) that ends them.
pub struct PendingItems {
    items: RefCell<VecDeque<Value>>,
    error: RefCell<Option<PyErr>>,
}

taipan_vm::interp_static! {
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

// ---- the two functions ----

fn formatter_parser(s: &Value) -> PyResult<Value> {
    let text = text_arg(s)?;
    let mut items = Vec::new();
    let mut error = None;
    for segment in TemplateParser::new(&text) {
        match segment {
            Ok(segment) => items.push(segment_tuple(segment)),
            Err(e) => {
                error = Some(num_error(e));
                break;
            }
        }
    }
    Ok(pending(&iterator_types().0, items, error))
}

/// `(literal, field_name, format_spec, conversion)`, with None for the
/// parts of a segment without a field.
fn segment_tuple(segment: Segment) -> Value {
    let literal = pystr::new(&segment.literal);
    let Some(field) = segment.field else {
        return tuple::new(vec![literal, none(), none(), none()]);
    };
    let conversion = match field.conversion {
        Some(c) => pystr::from_code_point(c as u32),
        None => none(),
    };
    tuple::new(vec![literal, pystr::new(&field.name), pystr::new(&field.spec), conversion])
}

fn field_name_split(s: &Value) -> PyResult<Value> {
    let text = text_arg(s)?;
    let (first, accessors) = split_field_name(&text).map_err(num_error)?;
    let first = match first {
        FieldKey::Index(i) => int::from_usize(i),
        FieldKey::Name(name) => pystr::new(&name),
    };
    let mut items = Vec::new();
    let mut error = None;
    for accessor in accessors {
        match accessor {
            Ok(Accessor::Attr(name)) => items.push(tuple::new(vec![boolean(true), pystr::new(&name)])),
            Ok(Accessor::Index(i)) => items.push(tuple::new(vec![boolean(false), int::from_usize(i)])),
            Ok(Accessor::Key(key)) => items.push(tuple::new(vec![boolean(false), pystr::new(&key)])),
            Err(e) => {
                error = Some(num_error(e));
                break;
            }
        }
    }
    let rest = pending(&iterator_types().1, items, error);
    Ok(tuple::new(vec![first, rest]))
}
