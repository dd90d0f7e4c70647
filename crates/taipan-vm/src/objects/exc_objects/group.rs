//! `BaseExceptionGroup` / `ExceptionGroup` (PEP 654, CPython's
//! `BaseExceptionGroup_*` in `exceptions.c`): the constructor's checks and
//! class choice, `message`/`exceptions`, `__str__`, `derive`, `split`,
//! `subgroup`, and the two helpers of `except*` the eval loop calls:
//! `check_eg_match` (CHECK_EG_MATCH) and `prep_reraise_star`
//! (PREP_RERAISE_STAR). A group is an ordinary exception whose `ExcData`
//! keeps the message in `value` and the tuple of exceptions in `obj`.

use super::{data, this, ExcData};
use crate::exceptions::{self as exc, PyResult};
use crate::objects::{
    self as objs, cm, list, m, mk, new_method, str as pystr, tuple, Getter, Method, Setter,
};
use crate::runtime::rt;
use crate::types::{is_instance, is_subtype, type_name};
use crate::value::{Slot, Value};
use std::cell::Cell;
use std::collections::HashSet;

pub const METHODS: &[Method] = &[
    new_method(eg_new),
    mk("__init__", eg_init),
    m("__str__", eg_str),
    m("derive", eg_derive),
    m("split", eg_split),
    m("subgroup", eg_subgroup),
    cm("__class_getitem__", objs::genericalias::class_getitem),
];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("message", |v| Ok(this(v)?.value.get()), Some(readonly)),
    ("exceptions", |v| Ok(this(v)?.obj.get()), Some(readonly)),
];

fn readonly(_: &Value, _: Value) -> PyResult<()> {
    Err(exc::attribute_error("readonly attribute"))
}

/// Whether `v` is an exception group.
pub fn is_group(v: &Value) -> bool {
    is_instance(v, &rt().exc.base_exception_group)
}

/// The sub-exceptions of a group (empty for anything else).
pub fn members(v: &Value) -> Vec<Value> {
    data(v).and_then(|d| tuple::items(&d.obj.get()).map(<[Value]>::to_vec)).unwrap_or_default()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`: checks the
/// arguments and picks the class (a `BaseExceptionGroup` of `Exception`s
/// only is an `ExceptionGroup`).
fn eg_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let pos = &args[1..npos];
    if pos.len() != 2 {
        return Err(exc::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    }
    let (message, excs) = (&pos[0], &pos[1]);
    if !pystr::is_str(message) {
        return Err(exc::type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            type_name(message)
        )));
    }
    let items = sequence_items(excs)?;
    let cls = group_class(&args[0], &items)?;
    let d = ExcData {
        args: Slot::new(tuple::new(pos.to_vec())),
        traceback: Slot::default(),
        cause: Slot::default(),
        context: Slot::default(),
        suppress_context: Cell::new(false),
        value: Slot::new(message.clone()),
        name: Slot::default(),
        obj: Slot::new(tuple::new(items)),
    };
    objs::object::alloc_subclass(&cls, d)
}

/// The items of the `exceptions` argument: a non-empty sequence of
/// exception instances.
fn sequence_items(excs: &Value) -> PyResult<Vec<Value>> {
    let is_sequence = objs::dict::data(excs).is_none()
        && crate::types::lookup_str(&crate::types::type_of(excs), "__getitem__").is_some();
    if !is_sequence {
        return Err(exc::type_error("second argument (exceptions) must be a sequence"));
    }
    let items = crate::ops::collect(excs)?;
    if items.is_empty() {
        return Err(exc::value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    if let Some(i) = items.iter().position(|e| data(e).is_none()) {
        return Err(exc::value_error(format!(
            "Item {i} of second argument (exceptions) is not an exception"
        )));
    }
    Ok(items)
}

/// The class a new group gets, with CPython's refusals to wrap a
/// non-`Exception` in an `Exception` subclass.
fn group_class(cls: &Value, items: &[Value]) -> PyResult<Value> {
    let e = &rt().exc;
    let nests_base = items.iter().any(|x| !is_instance(x, &e.exception));
    if cls.is(&e.base_exception_group) {
        return Ok(if nests_base { cls.clone() } else { e.exception_group.clone() });
    }
    if nests_base && cls.is(&e.exception_group) {
        return Err(exc::type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    }
    if nests_base && is_subtype(cls, &e.exception) {
        let name = crate::types::as_type(cls).map(|t| t.name()).unwrap_or_default();
        return Err(exc::type_error(format!("Cannot nest BaseExceptions in '{name}'")));
    }
    Ok(cls.clone())
}

/// `__init__`: no keywords; sets `args` as `BaseException.__init__`.
fn eg_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("{}() takes no keyword arguments", type_name(&args[0]))));
    }
    super::exc_init(args, kwnames)
}

/// `str(eg)`: `message (N sub-exception[s])`.
fn eg_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let msg = crate::ops::str_(&d.value.get())?;
    let n = members(&args[0]).len();
    let plural = if n > 1 { "s" } else { "" };
    Ok(pystr::from_string(format!("{} ({n} sub-exception{plural})", pystr::as_str(&msg).unwrap_or(""))))
}

/// `eg.derive(excs)`: `BaseExceptionGroup(eg.message, excs)`.
fn eg_derive(args: &[Value], _: &[Value]) -> PyResult<Value> {
    objs::check_args("derive", args, 2, 2)?;
    let msg = this(&args[0])?.value.get();
    crate::call::call(&rt().exc.base_exception_group, &[msg, args[1].clone()], &[])
}

/// What `split`/`subgroup` select by.
enum Matcher {
    /// An exception class or a tuple of them.
    Type(Value),
    /// A callable returning true for the exceptions to select.
    Predicate(Value),
    /// The leaf exceptions (by identity) to keep: `except*`'s re-raise.
    Leaves(HashSet<u64>),
}

impl Matcher {
    fn from_condition(v: &Value) -> PyResult<Matcher> {
        if crate::types::as_type(v).is_none() && crate::builtins::functions::is_callable(v) {
            return Ok(Matcher::Predicate(v.clone()));
        }
        let ok = match tuple::exact_items(v) {
            Some(items) => items.iter().all(is_exception_class),
            None => is_exception_class(v),
        };
        if ok {
            Ok(Matcher::Type(v.clone()))
        } else {
            Err(exc::type_error("expected a function, exception type or tuple of exception types"))
        }
    }

    fn matches(&self, e: &Value) -> PyResult<bool> {
        match self {
            Matcher::Type(t) => Ok(given_matches(e, t)),
            Matcher::Predicate(f) => crate::ops::truthy(&crate::call::call(f, std::slice::from_ref(e), &[])?),
            Matcher::Leaves(ids) => Ok(!is_group(e) && ids.contains(&e.bits())),
        }
    }
}

fn is_exception_class(t: &Value) -> bool {
    crate::types::as_type(t).is_some() && is_subtype(t, &rt().exc.base_exception)
}

/// `PyErr_GivenExceptionMatches` for a validated class or tuple.
fn given_matches(e: &Value, t: &Value) -> bool {
    match tuple::items(t) {
        Some(items) => items.iter().any(|t| given_matches(e, t)),
        None => is_instance(e, t),
    }
}

fn eg_split(args: &[Value], _: &[Value]) -> PyResult<Value> {
    objs::check_args("split", args, 2, 2)?;
    let matcher = Matcher::from_condition(&args[1])?;
    let (matched, rest) = split(&args[0], &matcher, true)?;
    let none = || rt().none.clone();
    Ok(tuple::new(vec![matched.unwrap_or_else(none), rest.unwrap_or_else(none)]))
}

fn eg_subgroup(args: &[Value], _: &[Value]) -> PyResult<Value> {
    objs::check_args("subgroup", args, 2, 2)?;
    let matcher = Matcher::from_condition(&args[1])?;
    Ok(split(&args[0], &matcher, false)?.0.unwrap_or_else(|| rt().none.clone()))
}

/// The matching and (if `with_rest`) the other parts of `e`, each keeping
/// the nesting of `e` (groups rebuilt with `derive`), or None when empty.
fn split(e: &Value, matcher: &Matcher, with_rest: bool) -> PyResult<(Option<Value>, Option<Value>)> {
    if matcher.matches(e)? {
        return Ok((Some(e.clone()), None));
    }
    if !is_group(e) {
        return Ok((None, with_rest.then(|| e.clone())));
    }
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for sub in members(e) {
        let ts = &rt().thread;
        ts.enter().map_err(|_| {
            exc::recursion_error("maximum recursion depth exceeded in exceptiongroup_split_recursive")
        })?;
        let parts = split(&sub, matcher, with_rest);
        ts.leave();
        let (m, r) = parts?;
        matched.extend(m);
        rest.extend(r);
    }
    let matched = subset(e, matched)?;
    let rest = if with_rest { subset(e, rest)? } else { None };
    Ok((matched, rest))
}

/// A group like `orig` (its `derive`, traceback, cause, context and a copy
/// of its notes) holding `excs`; None when `excs` is empty.
fn subset(orig: &Value, excs: Vec<Value>) -> PyResult<Option<Value>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let eg = crate::attr::call_method(orig, "derive", &[list::new(excs)])?;
    if !is_group(&eg) {
        return Err(exc::type_error("derive must return an instance of BaseExceptionGroup"));
    }
    let (from, to) = (this(orig)?, this(&eg)?);
    let tb = from.traceback.get();
    if !tb.is_null() {
        to.traceback.set(tb);
    }
    to.context.set(from.context.get());
    to.cause.set(from.cause.get());
    copy_notes(orig, &eg)?;
    Ok(Some(eg))
}

fn copy_notes(orig: &Value, eg: &Value) -> PyResult<()> {
    let name = pystr::intern("__notes__");
    let notes = match crate::attr::getattr(orig, &name) {
        Ok(n) => n,
        Err(e) if e.matches(&rt().exc.attribute_error) => return Ok(()),
        Err(e) => return Err(e),
    };
    if list::data(&notes).is_some() || tuple::items(&notes).is_some() {
        crate::attr::setattr(eg, &name, list::new(crate::ops::collect(&notes)?))?;
    }
    Ok(())
}

/// CHECK_EG_MATCH's check of the `except*` class (or tuple of classes).
fn check_except_star_type(t: &Value) -> PyResult<()> {
    let classes = match tuple::items(t) {
        Some(items) => items.to_vec(),
        None => vec![t.clone()],
    };
    for c in &classes {
        if !is_exception_class(c) {
            return Err(exc::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        if is_subtype(c, &rt().exc.base_exception_group) {
            return Err(exc::type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
    }
    Ok(())
}

/// CHECK_EG_MATCH: `(match, rest)` of the exception being handled for an
/// `except* T` clause. A naked exception that matches is wrapped in a new
/// `ExceptionGroup("", (e,))` whose traceback is `here()` (a new entry for
/// the handling frame); a group is split; no match gives `(None, None)`.
pub fn check_eg_match(
    exc_value: &Value,
    match_type: &Value,
    here: impl FnOnce() -> Value,
) -> PyResult<(Value, Value)> {
    check_except_star_type(match_type)?;
    let none = rt().none.clone();
    if exc_value.is(&none) {
        return Ok((none.clone(), none));
    }
    if given_matches(exc_value, match_type) {
        if is_group(exc_value) {
            return Ok((exc_value.clone(), none));
        }
        let wrapped = new_group(tuple::new(vec![exc_value.clone()]))?;
        this(&wrapped)?.traceback.set(here());
        return Ok((wrapped, none));
    }
    if is_group(exc_value) {
        let (m, r) = split(exc_value, &Matcher::Type(match_type.clone()), true)?;
        return Ok((m.unwrap_or_else(|| none.clone()), r.unwrap_or(none)));
    }
    Ok((none.clone(), none))
}

/// `BaseExceptionGroup("", excs)`.
fn new_group(excs: Value) -> PyResult<Value> {
    crate::call::call(&rt().exc.base_exception_group, &[pystr::new(""), excs], &[])
}

/// PREP_RERAISE_STAR: the exception to raise after the `except*` clauses
/// of a `try` ran: `excs` lists what each clause raised or re-raised
/// (None for none). Re-raised parts keep their place in `orig`'s nesting;
/// newly raised ones become siblings in a new group. None: nothing to raise.
pub fn prep_reraise_star(orig: &Value, excs: &Value) -> PyResult<Value> {
    let none = rt().none.clone();
    let excs = crate::ops::collect(excs)?;
    if excs.is_empty() {
        return Ok(none);
    }
    if !is_group(orig) {
        return Ok(excs[0].clone());
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in excs.into_iter().filter(|e| !e.is(&none)) {
        if same_metadata(&e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut leaves = HashSet::new();
    for e in &reraised {
        collect_leaf_ids(e, &mut leaves);
    }
    let kept = split(orig, &Matcher::Leaves(leaves), false)?.0;
    if raised.is_empty() {
        return Ok(kept.unwrap_or(none));
    }
    raised.extend(kept);
    if raised.len() == 1 {
        return Ok(raised.remove(0));
    }
    new_group(list::new(raised))
}

/// Whether `a` is a part of `b` re-raised unchanged (same traceback,
/// cause, context and notes).
fn same_metadata(a: &Value, b: &Value) -> bool {
    let (Some(x), Some(y)) = (data(a), data(b)) else { return false };
    let notes = |v: &Value| {
        objs::object::instance_dict(v).and_then(|d| objs::dict::get_str(&d, &pystr::intern("__notes__")))
    };
    let same_notes = match (notes(a), notes(b)) {
        (Some(p), Some(q)) => p.is(&q),
        (None, None) => true,
        _ => false,
    };
    same_notes
        && x.traceback.get().is(&y.traceback.get())
        && x.cause.get().is(&y.cause.get())
        && x.context.get().is(&y.context.get())
}

fn collect_leaf_ids(e: &Value, out: &mut HashSet<u64>) {
    if is_group(e) {
        for sub in members(e) {
            collect_leaf_ids(&sub, out);
        }
    } else {
        out.insert(e.bits());
    }
}
