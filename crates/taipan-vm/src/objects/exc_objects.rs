//! Exception objects (`ExcData`: args, traceback, cause, context,
//! suppress_context, and the `value`/`code` of StopIteration/SystemExit),
//! the methods of `BaseException` and its special subclasses, and
//! traceback objects (`TracebackData`, one per frame an exception passed
//! through, created by the eval loop; frame objects are `frame_object.rs`).
//! Exception groups are `group.rs`.

use super::{check_args, m, mk, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::{rt, Runtime};
use crate::types::{is_instance, type_name};
use crate::value::{Slot, Value};
use std::cell::Cell;

pub mod group;

/// The payload of every exception instance.
pub struct ExcData {
    pub args: Slot,
    pub traceback: Slot,
    pub cause: Slot,
    pub context: Slot,
    pub suppress_context: Cell<bool>,
    /// StopIteration.value / SystemExit.code / KeyError etc. extra field.
    pub value: Slot,
    /// AttributeError/NameError `name`, ImportError `name`.
    pub name: Slot,
    /// AttributeError `obj`.
    pub obj: Slot,
}

/// A new exception instance with `args` (a tuple), no `__init__` call.
pub fn raw_new(ty: &Value, args: Value) -> Value {
    let first = crate::objects::tuple::items(&args).and_then(|a| a.first().cloned());
    let d = ExcData {
        args: Slot::new(args),
        traceback: Slot::default(),
        cause: Slot::default(),
        context: Slot::default(),
        suppress_context: Cell::new(false),
        value: Slot::new(first.unwrap_or_else(|| rt().none.clone())),
        name: Slot::default(),
        obj: Slot::default(),
    };
    let v = crate::heap::alloc(ty, d);
    crate::eval::set_context_for_new(&v);
    v
}

pub fn data(v: &Value) -> Option<&ExcData> {
    v.downcast::<ExcData>()
}

fn this(v: &Value) -> PyResult<&ExcData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a 'BaseException' object but received '{}'",
            type_name(v)
        ))
    })
}

fn or_none(v: Value) -> Value {
    if v.is_null() {
        rt().none.clone()
    } else {
        v
    }
}

const BASE_METHODS: &[Method] = &[
    new_method(exc_new),
    mk("__init__", exc_init),
    m("__str__", exc_str),
    m("__repr__", exc_repr),
    m("with_traceback", exc_with_traceback),
    m("add_note", exc_add_note),
];

const BASE_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    (
        "args",
        |v| Ok(this(v)?.args.get()),
        Some(|v, x| {
            let t = super::tuple::new(crate::ops::collect(&x)?);
            this(v)?.args.set(t);
            Ok(())
        }),
    ),
    ("__traceback__", |v| Ok(or_none(this(v)?.traceback.get())), Some(set_traceback)),
    (
        "__cause__",
        |v| Ok(or_none(this(v)?.cause.get())),
        Some(|v, x| {
            check_exc_or_none(&x, "exception cause")?;
            let d = this(v)?;
            d.cause.set(if x.is(&rt().none) { Value::NULL } else { x });
            d.suppress_context.set(true);
            Ok(())
        }),
    ),
    (
        "__context__",
        |v| Ok(or_none(this(v)?.context.get())),
        Some(|v, x| {
            check_exc_or_none(&x, "exception context")?;
            this(v)?.context.set(if x.is(&rt().none) { Value::NULL } else { x });
            Ok(())
        }),
    ),
    (
        "__suppress_context__",
        |v| Ok(rt().bool_value(this(v)?.suppress_context.get())),
        Some(|v, x| {
            this(v)?.suppress_context.set(crate::ops::truthy(&x)?);
            Ok(())
        }),
    ),
    ("__dict__", super::object::get_instance_dict, Some(super::object::set_instance_dict_attr)),
];

fn check_exc_or_none(x: &Value, what: &str) -> PyResult<()> {
    if x.is(&rt().none) || is_instance(x, &rt().exc.base_exception) {
        Ok(())
    } else {
        Err(exc::type_error(format!("{what} must be None or derive from BaseException")))
    }
}

fn set_traceback(v: &Value, x: Value) -> PyResult<()> {
    if x.is(&rt().none) {
        this(v)?.traceback.set(Value::NULL);
        return Ok(());
    }
    if x.downcast::<TracebackData>().is_none() {
        return Err(exc::type_error("__traceback__ must be a traceback or None"));
    }
    this(v)?.traceback.set(x);
    Ok(())
}

/// Installs the methods of the exception classes.
pub fn install_methods(r: &Runtime) {
    let e = &r.exc;
    super::install(&e.base_exception, BASE_METHODS, BASE_GETSETS);
    super::os_error::install(r);
    super::install(&e.base_exception_group, group::METHODS, group::GETSETS);
    super::install(
        &e.stop_iteration,
        &[mk("__init__", stop_iteration_init)],
        &[("value", |v| Ok(this(v)?.value.get()), Some(set_value))],
    );
    super::install(
        &e.system_exit,
        &[mk("__init__", stop_iteration_init)],
        &[("code", |v| Ok(this(v)?.value.get()), Some(set_value))],
    );
    super::install(&e.key_error, &[m("__str__", key_error_str)], &[]);
    super::install(
        &e.syntax_error,
        &[mk("__init__", syntax_error_init), m("__str__", syntax_error_str)],
        &[],
    );
    super::install(
        &e.attribute_error,
        &[],
        &[(
            "obj",
            |v| Ok(or_none(this(v)?.obj.get())),
            Some(|v, x| {
                this(v)?.obj.set(x);
                Ok(())
            }),
        )],
    );
    super::install(
        &e.import_error,
        &[super::mk("__init__", import_error_init)],
        &[
            ("path", |v| import_error_get(v, "path"), Some(|v, x| import_error_set(v, "path", x))),
            ("msg", |v| import_error_get(v, "msg"), Some(|v, x| import_error_set(v, "msg", x))),
        ],
    );
    for ty in [&e.attribute_error, &e.name_error, &e.import_error] {
        super::install(
            ty,
            &[],
            &[(
                "name",
                |v| Ok(or_none(this(v)?.name.get())),
                Some(|v, x| {
                    this(v)?.name.set(x);
                    Ok(())
                }),
            )],
        );
    }
}

/// `ImportError(*args, name=None, path=None)`: the keywords set `name`
/// and `path` (and `msg` is the single argument, as CPython's).
fn import_error_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let me = &args[0];
    let d = this(me)?;
    d.args.set(super::tuple::new(args[1..npos].to_vec()));
    let none = rt().none.clone();
    let mut path = none.clone();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match super::str::as_str(k).unwrap_or("") {
            "name" => d.name.set(v.clone()),
            "path" => path = v.clone(),
            k => {
                return Err(exc::type_error(format!(
                    "'{k}' is an invalid keyword argument for {}()",
                    type_name(me)
                )))
            }
        }
    }
    let msg = if npos == 2 { args[1].clone() } else { none };
    import_error_set(me, "path", path)?;
    import_error_set(me, "msg", msg)?;
    Ok(rt().none.clone())
}

/// `ImportError.path` / `.msg`, kept in the instance dict; an error raised
/// natively (never initialised) reads None / its one argument.
fn import_error_get(me: &Value, key: &str) -> PyResult<Value> {
    if let Some(v) =
        super::object::instance_dict(me).and_then(|d| super::dict::get_str(&d, &super::str::intern(key)))
    {
        return Ok(v);
    }
    let args = this(me)?.args.get();
    match super::tuple::items(&args) {
        Some([one]) if key == "msg" => Ok(one.clone()),
        _ => Ok(rt().none.clone()),
    }
}

fn import_error_set(me: &Value, key: &str, v: Value) -> PyResult<()> {
    let d = super::object::get_instance_dict(me)?;
    super::dict::set_str(&d, key, v);
    Ok(())
}

fn set_value(v: &Value, x: Value) -> PyResult<()> {
    this(v)?.value.set(x);
    Ok(())
}

fn exc_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = &args[0];
    let npos = args.len() - kwnames.len();
    let td = crate::types::as_type(cls)
        .ok_or_else(|| exc::type_error("BaseException.__new__(X): X is not a type object"))?;
    if !crate::types::is_subtype(cls, &rt().exc.base_exception) {
        return Err(exc::type_error(format!(
            "BaseException.__new__({}): {} is not a subtype of BaseException",
            td.name(),
            td.name()
        )));
    }
    let a = super::tuple::new(args[1..npos].to_vec());
    let first = args.get(1).filter(|_| npos > 1).cloned();
    let d = ExcData {
        args: Slot::new(a),
        traceback: Slot::default(),
        cause: Slot::default(),
        context: Slot::default(),
        suppress_context: Cell::new(false),
        value: Slot::new(first.unwrap_or_else(|| rt().none.clone())),
        name: Slot::default(),
        obj: Slot::default(),
    };
    super::object::alloc_subclass(cls, d)
}

fn exc_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() && is_exactly_builtin(&args[0]) {
        return Err(exc::type_error(format!("{}() takes no keyword arguments", type_name(&args[0]))));
    }
    let npos = args.len() - kwnames.len();
    let d = this(&args[0])?;
    // `super().__init__(*args)` after `__new__` stored the same items.
    if !same_items(&d.args.get(), &args[1..npos]) {
        d.args.set(super::tuple::new(args[1..npos].to_vec()));
    }
    Ok(rt().none.clone())
}

/// Whether tuple `t` holds exactly the objects `items` (by identity).
fn same_items(t: &Value, items: &[Value]) -> bool {
    super::tuple::exact_items(t)
        .is_some_and(|have| have.len() == items.len() && have.iter().zip(items).all(|(a, b)| a.is(b)))
}

fn is_exactly_builtin(v: &Value) -> bool {
    !crate::types::type_data_of(v).is_heap()
}

fn stop_iteration_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    exc_init(args, kwnames)?;
    let npos = args.len() - kwnames.len();
    let d = this(&args[0])?;
    d.value.set(match npos {
        1 => rt().none.clone(),
        2 => args[1].clone(),
        _ => super::tuple::new(args[1..npos].to_vec()),
    });
    Ok(rt().none.clone())
}

/// The attributes of a `SyntaxError`, in the order of its details tuple.
const SYNTAX_ERROR_FIELDS: [&str; 6] = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];

/// `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`:
/// the attributes are None unless given.
fn syntax_error_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    exc_init(args, kwnames)?;
    let pos = &args[1..args.len() - kwnames.len()];
    let details: &[Value] = match pos {
        [_, info] => match super::tuple::items(info) {
            Some(items) if items.len() == 4 || items.len() == 6 => items,
            _ => {
                let msg = super::str::new("tuple index out of range");
                return Err(exc::new_exception(&rt().exc.index_error, vec![msg]));
            }
        },
        _ => &[],
    };
    set_syntax_error_fields(&args[0], pos.first().cloned(), details)?;
    Ok(rt().none.clone())
}

/// Sets a `SyntaxError`'s `msg` and the fields of its details tuple (None
/// where absent); also used for the errors of `compile()`/`exec()`.
pub fn set_syntax_error_fields(me: &Value, msg: Option<Value>, details: &[Value]) -> PyResult<()> {
    let none = rt().none.clone();
    let set = |name: &str, v: Value| crate::attr::setattr(me, &super::str::new(name), v);
    set("msg", msg.unwrap_or_else(|| none.clone()))?;
    set("print_file_and_line", none.clone())?;
    for (i, name) in SYNTAX_ERROR_FIELDS.iter().enumerate() {
        set(name, details.get(i).cloned().unwrap_or_else(|| none.clone()))?;
    }
    Ok(())
}

/// `str(SyntaxError)`: `msg (file.py, line N)` as CPython's `SyntaxError_str`.
fn syntax_error_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = &args[0];
    let msg = crate::ops::str_(&crate::attr::getattr_str(me, "msg")?)?;
    let msg = super::str::as_str(&msg).unwrap_or("").to_string();
    let filename = crate::attr::getattr_str(me, "filename")?;
    let lineno = crate::attr::getattr_str(me, "lineno")?.as_small_int();
    let file = super::str::as_str(&filename).map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
    let text = match (file, lineno) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    };
    Ok(super::str::from_string(text))
}

/// `str(exc)`: '' / str(arg) / str(args).
pub fn exc_str_of(v: &Value) -> PyResult<Value> {
    let a = this(v)?.args.get();
    let items = super::tuple::items(&a).unwrap_or(&[]);
    match items.len() {
        0 => Ok(super::str::new("")),
        1 => crate::ops::str_(&items[0]),
        _ => crate::ops::str_(&a),
    }
}

fn exc_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    exc_str_of(&args[0])
}

fn key_error_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this(&args[0])?.args.get();
    let items = super::tuple::items(&a).unwrap_or(&[]);
    if items.len() == 1 {
        return crate::ops::repr(&items[0]);
    }
    exc_str_of(&args[0])
}

fn exc_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this(&args[0])?.args.get();
    let items = super::tuple::items(&a).unwrap_or(&[]);
    let name = type_name(&args[0]);
    let inner = if items.len() == 1 {
        super::str::as_str(&crate::ops::repr(&items[0])?).unwrap_or("").to_string()
    } else {
        let r = crate::ops::repr(&a)?;
        let s = super::str::as_str(&r).unwrap_or("()");
        s[1..s.len() - 1].to_string()
    };
    Ok(super::str::from_string(format!("{name}({inner})")))
}

fn exc_with_traceback(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("with_traceback", args, 2, 2)?;
    set_traceback(&args[0], args[1].clone())?;
    Ok(args[0].clone())
}

/// `BaseException.add_note(note)`: appends to `__notes__` (created as a
/// list on first use).
fn exc_add_note(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("add_note", args, 2, 2)?;
    let note = &args[1];
    if !super::str::is_str(note) {
        return Err(exc::type_error(format!("note must be a str, not '{}'", crate::types::type_name(note))));
    }
    let name = super::str::intern("__notes__");
    let notes = match crate::attr::getattr(&args[0], &name) {
        Ok(v) => v,
        Err(e) if e.matches(&rt().exc.attribute_error) => {
            let list = super::list::new(Vec::new());
            crate::attr::setattr(&args[0], &name, list.clone())?;
            list
        }
        Err(e) => return Err(e),
    };
    if super::list::data(&notes).is_none() {
        return Err(exc::type_error("Cannot add note: __notes__ is not a list"));
    }
    crate::attr::call_method(&notes, "append", std::slice::from_ref(note))?;
    Ok(rt().none.clone())
}

/// The payload of a traceback entry.
pub struct TracebackData {
    pub next: Slot,
    /// The code object of the frame.
    pub code: Value,
    /// The instruction (code unit) that raised.
    pub lasti: u32,
    /// The line of `lasti`, found in the line table when first asked for
    /// (`LINENO_UNKNOWN` until then): most tracebacks are never printed.
    lineno: Cell<i32>,
    /// The frame object, made on first access.
    pub frame: Slot,
    pub globals: Value,
}

/// `TracebackData::lineno` before the line table was read.
const LINENO_UNKNOWN: i32 = i32::MIN;

impl TracebackData {
    /// The line number of the entry (-1 when the instruction has none).
    pub fn lineno(&self) -> i32 {
        let known = self.lineno.get();
        if known != LINENO_UNKNOWN {
            return known;
        }
        let line = super::code::data(&self.code).map(|c| c.line_of(self.lasti)).unwrap_or(-1);
        self.lineno.set(line);
        line
    }
}

/// A new traceback entry in front of `next`.
pub fn new_traceback(next: Value, code: Value, lasti: u32, globals: Value) -> Value {
    let lineno = Cell::new(LINENO_UNKNOWN);
    crate::heap::alloc(
        &rt().types.traceback,
        TracebackData { next: Slot::new(next), code, lasti, lineno, frame: Slot::default(), globals },
    )
}

fn this_tb(v: &Value) -> PyResult<&TracebackData> {
    v.downcast::<TracebackData>().ok_or_else(|| exc::type_error("expected a traceback"))
}

pub const TRACEBACK_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    (
        "tb_next",
        |v| Ok(or_none(this_tb(v)?.next.get())),
        Some(|v, x| {
            this_tb(v)?.next.set(if x.is(&rt().none) { Value::NULL } else { x });
            Ok(())
        }),
    ),
    ("tb_lineno", |v| Ok(super::int::from_i64(this_tb(v)?.lineno() as i64)), None),
    ("tb_lasti", |v| Ok(super::int::from_i64(this_tb(v)?.lasti as i64 * 2)), None),
    ("tb_frame", tb_frame, None),
];

fn tb_frame(v: &Value) -> PyResult<Value> {
    let tb = this_tb(v)?;
    let f = tb.frame.get();
    if !f.is_null() {
        return Ok(f);
    }
    let f = super::frame_object::detached(tb.code.clone(), tb.globals.clone(), tb.lasti, Vec::new());
    tb.frame.set(f.clone());
    Ok(f)
}
