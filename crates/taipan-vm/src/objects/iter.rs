//! The builtin iterators: sequence iterators (list, tuple, str, `reversed`,
//! the `__getitem__` protocol), dict/set iterators, `iter(callable,
//! sentinel)`, `enumerate`, `zip`, `map` and `filter`. `next_native` is the
//! fast path the eval loop's FOR_ITER uses before falling back to
//! `__next__`.

use super::dict::DictData;
use super::set::SetData;
use super::{m, mk, new_method, split_kwargs, Method};
use crate::exceptions::{self as exc, PyResult};
use crate::ops;
use crate::runtime::{rt, Runtime};
use crate::value::{Slot, Value};
use std::cell::{Cell, RefCell};

/// A sequence or dict/set iterator: the container and a position.
pub struct SeqIterData {
    pub seq: Slot,
    pub index: Cell<usize>,
    /// For reverse iterators: the number of items left.
    pub reverse: bool,
    /// For dict/set iterators: the size at creation (changes are errors).
    pub size: Cell<usize>,
    /// For dict iterators: items still expected (CPython's `di->len`).
    pub remaining: Cell<usize>,
}

pub fn new_seq_iter(ty: &Value, seq: Value) -> Value {
    crate::heap::alloc(
        ty,
        SeqIterData {
            seq: Slot::new(seq),
            index: Cell::new(0),
            reverse: false,
            size: Cell::new(0),
            remaining: Cell::new(0),
        },
    )
}

pub fn new_reverse_iter(ty: &Value, seq: Value, len: usize) -> Value {
    crate::heap::alloc(
        ty,
        SeqIterData {
            seq: Slot::new(seq),
            index: Cell::new(len),
            reverse: true,
            size: Cell::new(0),
            remaining: Cell::new(0),
        },
    )
}

pub fn new_dict_iter(ty: &Value, d: Value) -> Value {
    let size = super::dict::data(&d)
        .map(DictData::len)
        .or_else(|| super::set::data(&d).map(SetData::len))
        .unwrap_or(0);
    let (size, remaining) = (Cell::new(size), Cell::new(size));
    crate::heap::alloc(
        ty,
        SeqIterData { seq: Slot::new(d), index: Cell::new(0), reverse: false, size, remaining },
    )
}

/// `iter(callable, sentinel)`.
pub struct CallIterData {
    pub func: Slot,
    pub sentinel: Value,
}

pub fn new_call_iter(func: Value, sentinel: Value) -> Value {
    crate::heap::alloc(&rt().types.callable_iterator, CallIterData { func: Slot::new(func), sentinel })
}

pub struct EnumerateData {
    pub it: Value,
    pub count: RefCell<Value>,
}

pub struct ZipData {
    pub its: Vec<Value>,
    pub strict: bool,
}

/// `map(f, *its)` and `filter(f, it)`.
pub struct MapData {
    pub func: Value,
    pub its: Vec<Value>,
}

/// One step of a native iterator: `Some(result)` when `it` is one of the
/// builtin iterator types, `None` to fall back to `__next__`.
#[inline]
pub fn next_native(it: &Value) -> Option<PyResult<Option<Value>>> {
    let h = it.header()?;
    let ty = h.ty.get();
    let t = &rt().types;
    if ty == t.range_iterator.as_ptr() {
        let d = it.downcast::<super::range::RangeIterData>()?;
        return Some(Ok(d.advance().map(super::int::from_i64)));
    }
    if ty == t.list_iterator.as_ptr() {
        let d = it.downcast::<SeqIterData>()?;
        let seq = d.seq.get();
        let lst = super::list::data(&seq)?;
        let i = d.index.get();
        let item = lst.items.borrow().get(i).cloned();
        if item.is_some() {
            d.index.set(i + 1);
        } else {
            d.seq.set(Value::NULL);
        }
        return Some(Ok(item));
    }
    if ty == t.tuple_iterator.as_ptr() {
        let d = it.downcast::<SeqIterData>()?;
        let seq = d.seq.get();
        let items = super::tuple::items(&seq).unwrap_or(&[]);
        let i = d.index.get();
        let item = items.get(i).cloned();
        d.index.set(i + 1);
        return Some(Ok(item));
    }
    None
}

fn this_seq(v: &Value) -> PyResult<&SeqIterData> {
    v.downcast::<SeqIterData>().ok_or_else(|| exc::type_error("expected an iterator"))
}

fn seq_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if let Some(r) = next_native(&args[0]) {
        return r?.ok_or_else(|| exc::stop_iteration(rt().none.clone()));
    }
    let d = this_seq(&args[0])?;
    let seq = d.seq.get();
    if seq.is_null() {
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    if let Some(sd) = super::str::data(&seq).filter(|_| !d.reverse) {
        let i = d.index.get();
        return match super::str::item(sd, i) {
            Some(c) => {
                d.index.set(i + 1);
                Ok(c)
            }
            None => Err(exc::stop_iteration(rt().none.clone())),
        };
    }
    if d.reverse {
        let i = d.index.get();
        if i == 0 {
            d.seq.set(Value::NULL);
            return Err(exc::stop_iteration(rt().none.clone()));
        }
        d.index.set(i - 1);
        return match ops::getitem(&seq, &super::int::from_usize(i - 1)) {
            Ok(v) => Ok(v),
            Err(e) if e.matches(&rt().exc.index_error) => {
                d.seq.set(Value::NULL);
                Err(exc::stop_iteration(rt().none.clone()))
            }
            Err(e) => Err(e),
        };
    }
    let i = d.index.get();
    match ops::getitem(&seq, &super::int::from_usize(i)) {
        Ok(v) => {
            d.index.set(i + 1);
            Ok(v)
        }
        Err(e) if e.matches(&rt().exc.index_error) || e.matches(&rt().exc.stop_iteration) => {
            d.seq.set(Value::NULL);
            Err(exc::stop_iteration(rt().none.clone()))
        }
        Err(e) => Err(e),
    }
}

fn dict_iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this_seq(&args[0])?;
    let seq = d.seq.get();
    if seq.is_null() {
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    if let Some(s) = seq.downcast::<SetData>() {
        if s.len() != d.size.get() {
            d.size.set(usize::MAX);
            return Err(exc::runtime_error("Set changed size during iteration"));
        }
        return match s.entry_from(d.index.get()) {
            Some((next, k)) => {
                d.index.set(next);
                d.remaining.set(d.remaining.get().saturating_sub(1));
                Ok(k)
            }
            None => {
                d.seq.set(Value::NULL);
                Err(exc::stop_iteration(rt().none.clone()))
            }
        };
    }
    match super::dict::iter_step(&seq, d)? {
        Some((k, v)) => {
            let ty = crate::types::type_of(&args[0]);
            let t = &rt().types;
            Ok(if ty.is(&t.dict_valueiterator) {
                v
            } else if ty.is(&t.dict_itemiterator) {
                super::tuple::new(vec![k, v])
            } else {
                k
            })
        }
        None => {
            d.seq.set(Value::NULL);
            Err(exc::stop_iteration(rt().none.clone()))
        }
    }
}

fn iter_self(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(args[0].clone())
}

fn range_iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0]
        .downcast::<super::range::RangeIterData>()
        .ok_or_else(|| exc::type_error("expected range_iterator"))?;
    d.advance().map(super::int::from_i64).ok_or_else(|| exc::stop_iteration(rt().none.clone()))
}

fn call_iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d =
        args[0].downcast::<CallIterData>().ok_or_else(|| exc::type_error("expected callable_iterator"))?;
    let f = d.func.get();
    if f.is_null() {
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    let v = crate::call::call(&f, &[], &[])?;
    if v.is(&d.sentinel) || ops::eq(&v, &d.sentinel)? {
        d.func.set(Value::NULL);
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    Ok(v)
}

fn enumerate_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut iterable = pos.get(1).cloned();
    let mut start = pos.get(2).cloned();
    for (k, v) in kws {
        match k {
            "iterable" => iterable = Some(v.clone()),
            "start" => start = Some(v.clone()),
            _ => {
                return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for enumerate()")))
            }
        }
    }
    let Some(iterable) = iterable else {
        return Err(exc::type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let start = match start {
        Some(s) => super::int::index(&s)?,
        None => super::int::from_i64(0),
    };
    let it = ops::iter(&iterable)?;
    crate::objects::object::alloc_maybe_subclass(
        &pos[0],
        &rt().types.enumerate,
        EnumerateData { it, count: RefCell::new(start) },
    )
}

fn enumerate_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<EnumerateData>().ok_or_else(|| exc::type_error("expected enumerate"))?;
    let Some(v) = ops::next(&d.it)? else {
        return Err(exc::stop_iteration(rt().none.clone()));
    };
    let n = d.count.borrow().clone();
    let next = ops::binary(&n, &super::int::from_i64(1), ops::BinOp::Add)?;
    *d.count.borrow_mut() = next;
    Ok(super::tuple::new(vec![n, v]))
}

fn zip_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    let mut strict = false;
    for (k, v) in kws {
        match k {
            "strict" => strict = ops::truthy(v)?,
            _ => return Err(exc::type_error(format!("zip() got an unexpected keyword argument '{k}'"))),
        }
    }
    let its = pos[1..].iter().map(ops::iter).collect::<PyResult<Vec<_>>>()?;
    crate::objects::object::alloc_maybe_subclass(&pos[0], &rt().types.zip, ZipData { its, strict })
}

fn zip_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<ZipData>().ok_or_else(|| exc::type_error("expected zip"))?;
    if d.its.is_empty() {
        return Err(exc::stop_iteration(rt().none.clone()));
    }
    let mut out = Vec::with_capacity(d.its.len());
    for (i, it) in d.its.iter().enumerate() {
        match ops::next(it)? {
            Some(v) => out.push(v),
            None => {
                if d.strict {
                    return Err(zip_strict_error(d, i)?);
                }
                return Err(exc::stop_iteration(rt().none.clone()));
            }
        }
    }
    Ok(super::tuple::new(out))
}

fn zip_strict_error(d: &ZipData, i: usize) -> PyResult<crate::PyErr> {
    if i > 0 {
        let plural = if i == 1 { " " } else { "s 1-" };
        return Ok(exc::value_error(format!("zip() argument {} is shorter than argument{plural}{i}", i + 1)));
    }
    for (j, it) in d.its.iter().enumerate().skip(1) {
        if ops::next(it)?.is_some() {
            let plural = if j == 1 { " " } else { "s 1-" };
            return Ok(exc::value_error(format!(
                "zip() argument {} is longer than argument{plural}{j}",
                j + 1
            )));
        }
    }
    Ok(exc::stop_iteration(rt().none.clone()))
}

fn map_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("map() takes no keyword arguments"));
    }
    if args.len() < 3 {
        return Err(exc::type_error("map() must have at least two arguments."));
    }
    let its = args[2..].iter().map(ops::iter).collect::<PyResult<Vec<_>>>()?;
    crate::objects::object::alloc_maybe_subclass(
        &args[0],
        &rt().types.map,
        MapData { func: args[1].clone(), its },
    )
}

fn map_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<MapData>().ok_or_else(|| exc::type_error("expected map"))?;
    let mut vals = Vec::with_capacity(d.its.len());
    for it in &d.its {
        match ops::next(it)? {
            Some(v) => vals.push(v),
            None => return Err(exc::stop_iteration(rt().none.clone())),
        }
    }
    crate::call::call(&d.func, &vals, &[])
}

fn filter_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("filter() takes no keyword arguments"));
    }
    super::check_args("filter", args, 3, 3)?;
    let it = ops::iter(&args[2])?;
    crate::objects::object::alloc_maybe_subclass(
        &args[0],
        &rt().types.filter,
        MapData { func: args[1].clone(), its: vec![it] },
    )
}

fn filter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = args[0].downcast::<MapData>().ok_or_else(|| exc::type_error("expected filter"))?;
    loop {
        let Some(v) = ops::next(&d.its[0])? else {
            return Err(exc::stop_iteration(rt().none.clone()));
        };
        let keep = if d.func.is(&rt().none) || d.func.is(&rt().types.bool_) {
            ops::truthy(&v)?
        } else {
            ops::truthy(&crate::call::call(&d.func, std::slice::from_ref(&v), &[])?)?
        };
        if keep {
            return Ok(v);
        }
    }
}

fn reversed_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("reversed() takes no keyword arguments"));
    }
    super::check_args("reversed", args, 2, 2)?;
    let seq = &args[1];
    if let Some(r) = ops::call_dunder_opt(seq, "__reversed__", &[])? {
        return Ok(r);
    }
    let has_getitem = crate::types::lookup_str(&crate::types::type_of(seq), "__getitem__").is_some();
    if !has_getitem || super::dict::data(seq).is_some() {
        return Err(exc::type_error(format!("'{}' object is not reversible", crate::types::type_name(seq))));
    }
    let n = ops::len(seq)?;
    Ok(new_reverse_iter(&rt().types.reversed, seq.clone(), n))
}

fn length_hint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this_seq(&args[0])?;
    let seq = d.seq.get();
    if seq.is_null() {
        return Ok(super::int::from_i64(0));
    }
    if d.reverse {
        return Ok(super::int::from_usize(d.index.get()));
    }
    let n = ops::len(&seq).unwrap_or(0);
    Ok(super::int::from_usize(n.saturating_sub(d.index.get())))
}

const SEQ_METHODS: &[Method] =
    &[m("__iter__", iter_self), m("__next__", seq_next), m("__length_hint__", length_hint)];
const DICT_ITER_METHODS: &[Method] =
    &[m("__iter__", iter_self), m("__next__", dict_iter_next), m("__length_hint__", dict_iter_length_hint)];

/// A dict or set iterator's items left: 0 once the container changed
/// size (CPython's `dictiter_len`/`setiter_len`).
fn dict_iter_length_hint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this_seq(&args[0])?;
    let seq = d.seq.get();
    let len = super::dict::data(&seq).map(DictData::len).or_else(|| super::set::data(&seq).map(SetData::len));
    let left = match len {
        Some(n) if n == d.size.get() => d.remaining.get(),
        _ => 0,
    };
    Ok(super::int::from_usize(left))
}

/// Installs the iterator types' methods.
pub fn install_all(r: &Runtime) {
    let t = &r.types;
    for ty in [&t.seq_iterator, &t.list_iterator, &t.list_reverseiterator, &t.tuple_iterator, &t.str_iterator]
    {
        super::install(ty, SEQ_METHODS, &[]);
    }
    super::install(
        &t.reversed,
        &[
            new_method(reversed_new),
            m("__iter__", iter_self),
            m("__next__", seq_next),
            m("__length_hint__", length_hint),
        ],
        &[],
    );
    for ty in [&t.dict_keyiterator, &t.dict_valueiterator, &t.dict_itemiterator, &t.set_iterator] {
        super::install(ty, DICT_ITER_METHODS, &[]);
    }
    super::install(&t.range_iterator, &[m("__iter__", iter_self), m("__next__", range_iter_next)], &[]);
    super::install(&t.range_iterator, super::range::ITER_METHODS, &[]);
    super::install(&t.callable_iterator, &[m("__iter__", iter_self), m("__next__", call_iter_next)], &[]);
    super::install(
        &t.enumerate,
        &[new_method(enumerate_new), m("__iter__", iter_self), m("__next__", enumerate_next)],
        &[],
    );
    super::install(&t.zip, &[new_method(zip_new), m("__iter__", iter_self), m("__next__", zip_next)], &[]);
    super::install(&t.map, &[new_method(map_new), m("__iter__", iter_self), m("__next__", map_next)], &[]);
    super::install(
        &t.filter,
        &[new_method(filter_new), m("__iter__", iter_self), m("__next__", filter_next)],
        &[],
    );
    let _ = mk;
}
