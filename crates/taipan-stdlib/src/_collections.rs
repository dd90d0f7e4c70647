//! `_collections` (CPython's `_collectionsmodule.c`): `deque` with its
//! iterators, `defaultdict` and `_count_elements` (the `Counter` helper).
//! `OrderedDict` and `_tuplegetter` are left to `collections/__init__.py`'s
//! pure-Python fallbacks.
//!
//! A deque is a `VecDeque` plus a mutation counter its iterators check
//! ("deque mutated during iteration"). Comparisons and equality run Python
//! `__eq__`, so items are always cloned out of the borrow first.
//! `defaultdict` is a `dict` subclass (same payload); its `default_factory`
//! lives in the instance's header dict.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::VecDeque;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{
    check_args, cm, dict, int, m, mk, module, new_method, split_kwargs, str as pystr, tuple, Getter, Method,
    Setter,
};
use taipan_vm::ops::{self, CompareOp};
use taipan_vm::runtime::rt;
use taipan_vm::types::{type_name, type_of};
use taipan_vm::value::Slot;
use taipan_vm::Value;

/// The payload of a deque.
pub struct DequeData {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Bumped on every mutation (iterators compare it).
    state: Cell<u64>,
}

/// The payload of a deque iterator.
pub struct DequeIterData {
    deque: Slot,
    index: Cell<usize>,
    state: u64,
    reverse: bool,
}

taipan_vm::interp_static! {
    static TYPES: OnceCell<[Value; 4]> = const { OnceCell::new() };
}

/// `[deque, _deque_iterator, _deque_reverse_iterator, defaultdict]`.
fn types() -> [Value; 4] {
    TYPES.with(|c| c.get_or_init(make_types).clone())
}

fn make_types() -> [Value; 4] {
    let object = &rt().types.object;
    let base = taipan_vm::types::TF_BASETYPE;
    let deque = taipan_vm::objects::object::new_native_type::<DequeData>(
        "deque",
        "collections",
        object,
        base | taipan_vm::types::TF_SEQUENCE,
        DEQUE_METHODS,
        DEQUE_GETSETS,
    );
    dict::set_str(taipan_vm::types::type_payload(&deque).dict(), "__hash__", rt().none.clone());
    let iter_methods: &[Method] = &[
        m("__iter__", |a, _| Ok(a[0].clone())),
        m("__next__", iter_next),
        m("__length_hint__", iter_length_hint),
    ];
    let it = taipan_vm::objects::object::new_native_type::<DequeIterData>(
        "_deque_iterator",
        "_collections",
        object,
        0,
        iter_methods,
        &[],
    );
    let rit = taipan_vm::objects::object::new_native_type::<DequeIterData>(
        "_deque_reverse_iterator",
        "_collections",
        object,
        0,
        iter_methods,
        &[],
    );
    let dd = taipan_vm::objects::object::new_native_type::<dict::DictData>(
        "defaultdict",
        "collections",
        &rt().types.dict,
        base,
        DEFAULTDICT_METHODS,
        DEFAULTDICT_GETSETS,
    );
    [deque, it, rit, dd]
}

/// Builds the `_collections` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("_collections", &[m("_count_elements", count_elements)]);
    let [deque, it, rit, dd] = types();
    module::set_attr(&md, "deque", deque);
    module::set_attr(&md, "_deque_iterator", it);
    module::set_attr(&md, "_deque_reverse_iterator", rit);
    module::set_attr(&md, "defaultdict", dd);
    Ok(md)
}

// ---- deque ----

fn this(v: &Value) -> PyResult<&DequeData> {
    v.downcast::<DequeData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a 'collections.deque' object but received '{}'",
            type_name(v)
        ))
    })
}

impl DequeData {
    fn touch(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }

    /// Appends on the right, dropping from the left beyond `maxlen`.
    fn push_back(&self, v: Value) -> Option<Value> {
        self.touch();
        let mut d = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return Some(v);
        }
        d.push_back(v);
        match self.maxlen.get() {
            Some(n) if d.len() > n => d.pop_front(),
            _ => None,
        }
    }

    fn push_front(&self, v: Value) -> Option<Value> {
        self.touch();
        let mut d = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return Some(v);
        }
        d.push_front(v);
        match self.maxlen.get() {
            Some(n) if d.len() > n => d.pop_back(),
            _ => None,
        }
    }
}

fn none() -> Value {
    rt().none.clone()
}

const DEQUE_METHODS: &[Method] = &[
    new_method(deque_new),
    mk("__init__", deque_init),
    m("append", |a, _| {
        check_args("append", a, 2, 2)?;
        drop(this(&a[0])?.push_back(a[1].clone()));
        Ok(none())
    }),
    m("appendleft", |a, _| {
        check_args("appendleft", a, 2, 2)?;
        drop(this(&a[0])?.push_front(a[1].clone()));
        Ok(none())
    }),
    m("pop", |a, _| pop_end(a, false)),
    m("popleft", |a, _| pop_end(a, true)),
    m("extend", |a, _| extend(a, false)),
    m("extendleft", |a, _| extend(a, true)),
    m("clear", |a, _| {
        let d = this(&a[0])?;
        d.touch();
        let old = std::mem::take(&mut *d.items.borrow_mut());
        drop(old);
        Ok(none())
    }),
    m("copy", deque_copy),
    m("__copy__", deque_copy),
    m("count", deque_count),
    m("index", deque_index),
    m("insert", deque_insert),
    m("remove", deque_remove),
    m("reverse", |a, _| {
        let d = this(&a[0])?;
        d.touch();
        d.items.borrow_mut().make_contiguous().reverse();
        Ok(none())
    }),
    m("rotate", deque_rotate),
    m("__len__", |a, _| Ok(int::from_usize(this(&a[0])?.items.borrow().len()))),
    m("__bool__", |a, _| Ok(rt().bool_value(!this(&a[0])?.items.borrow().is_empty()))),
    m("__iter__", |a, _| new_iter(&a[0], false)),
    m("__reversed__", |a, _| new_iter(&a[0], true)),
    m("__getitem__", deque_getitem),
    m("__setitem__", deque_setitem),
    m("__delitem__", deque_delitem),
    m("__contains__", deque_contains),
    m("__repr__", deque_repr),
    m("__eq__", |a, _| deque_compare(a, CompareOp::Eq)),
    m("__ne__", |a, _| deque_compare(a, CompareOp::Ne)),
    m("__lt__", |a, _| deque_compare(a, CompareOp::Lt)),
    m("__le__", |a, _| deque_compare(a, CompareOp::Le)),
    m("__gt__", |a, _| deque_compare(a, CompareOp::Gt)),
    m("__ge__", |a, _| deque_compare(a, CompareOp::Ge)),
    m("__add__", deque_add),
    m("__iadd__", |a, _| {
        extend(a, false)?;
        Ok(a[0].clone())
    }),
    m("__mul__", deque_mul),
    m("__imul__", deque_imul),
    m("__reduce__", deque_reduce),
    cm("__class_getitem__", taipan_vm::objects::genericalias::class_getitem),
];

const DEQUE_GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("maxlen", |v| Ok(this(v)?.maxlen.get().map(int::from_usize).unwrap_or_else(none)), None)];

fn deque_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let data = DequeData { items: RefCell::default(), maxlen: Cell::new(None), state: Cell::new(0) };
    taipan_vm::objects::object::alloc_maybe_subclass(&args[0], &types()[0], data)
}

fn deque_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    if pos.len() > 3 {
        return Err(exc::type_error(format!("deque expected at most 2 arguments, got {}", pos.len() - 1)));
    }
    let mut iterable = pos.get(1).cloned();
    let mut maxlen = pos.get(2).cloned();
    for (k, v) in kws {
        match k {
            "iterable" => iterable = Some(v.clone()),
            "maxlen" => maxlen = Some(v.clone()),
            _ => return Err(exc::type_error(format!("deque() got an unexpected keyword argument '{k}'"))),
        }
    }
    let d = this(&pos[0])?;
    let maxlen = match maxlen {
        Some(v) if !v.is(&rt().none) => {
            let n = int::index_value(&v)?.ok_or_else(|| exc::type_error("an integer is required"))?;
            if n < 0 {
                return Err(exc::value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        _ => None,
    };
    d.maxlen.set(maxlen);
    if !d.items.borrow().is_empty() {
        d.touch();
        let old = std::mem::take(&mut *d.items.borrow_mut());
        drop(old);
    }
    if let Some(it) = iterable {
        extend(&[pos[0].clone(), it], false)?;
    }
    Ok(none())
}

fn pop_end(args: &[Value], left: bool) -> PyResult<Value> {
    check_args(if left { "popleft" } else { "pop" }, args, 1, 1)?;
    let d = this(&args[0])?;
    d.touch();
    let v = if left { d.items.borrow_mut().pop_front() } else { d.items.borrow_mut().pop_back() };
    v.ok_or_else(|| exc::index_error("pop from an empty deque"))
}

fn extend(args: &[Value], left: bool) -> PyResult<Value> {
    check_args(if left { "extendleft" } else { "extend" }, args, 2, 2)?;
    let d = this(&args[0])?;
    let items = if args[1].is(&args[0]) { d.snapshot() } else { ops::collect(&args[1])? };
    for v in items {
        let dropped = if left { d.push_front(v) } else { d.push_back(v) };
        drop(dropped);
    }
    Ok(none())
}

fn new_deque_like(v: &Value, items: Vec<Value>) -> PyResult<Value> {
    let d = this(v)?;
    let maxlen = d.maxlen.get().map(int::from_usize).unwrap_or_else(none);
    let ty = type_of(v);
    if ty.is(&types()[0]) {
        let n = deque_new(&[ty], &[])?;
        let nd = this(&n)?;
        nd.maxlen.set(d.maxlen.get());
        for x in items {
            drop(nd.push_back(x));
        }
        return Ok(n);
    }
    taipan_vm::call::call(&ty, &[taipan_vm::objects::list::new(items), maxlen], &[])
}

fn deque_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let items = this(&args[0])?.snapshot();
    new_deque_like(&args[0], items)
}

fn deque_count(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("count", args, 2, 2)?;
    let d = this(&args[0])?;
    let state = d.state.get();
    let mut n = 0;
    for x in d.snapshot() {
        if x.is(&args[1]) || ops::eq(&x, &args[1])? {
            n += 1;
        }
        if d.state.get() != state {
            return Err(exc::runtime_error("deque mutated during iteration"));
        }
    }
    Ok(int::from_i64(n))
}

fn clamp_index(v: Option<&Value>, len: usize, default: usize) -> PyResult<usize> {
    let Some(v) = v else { return Ok(default) };
    let i = int::index_value(v)?.unwrap_or(0);
    let i = if i < 0 { (i + len as i64).max(0) } else { i };
    Ok((i as usize).min(len))
}

fn deque_index(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("index", args, 2, 4)?;
    let d = this(&args[0])?;
    let items = d.snapshot();
    let start = clamp_index(args.get(2), items.len(), 0)?;
    let stop = clamp_index(args.get(3), items.len(), items.len())?;
    let state = d.state.get();
    for (i, x) in items.iter().enumerate().take(stop).skip(start) {
        if x.is(&args[1]) || ops::eq(x, &args[1])? {
            return Ok(int::from_usize(i));
        }
        if d.state.get() != state {
            return Err(exc::runtime_error("deque mutated during iteration"));
        }
    }
    Err(exc::value_error(format!("{} is not in deque", ops::repr_string(&args[1])?)))
}

fn deque_insert(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("insert", args, 3, 3)?;
    let d = this(&args[0])?;
    let len = d.items.borrow().len();
    if d.maxlen.get() == Some(len) {
        return Err(exc::index_error("deque already at its maximum size"));
    }
    let i = clamp_index(Some(&args[1]), len, len)?;
    d.touch();
    d.items.borrow_mut().insert(i, args[2].clone());
    Ok(none())
}

fn deque_remove(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("remove", args, 2, 2)?;
    let d = this(&args[0])?;
    let items = d.snapshot();
    let state = d.state.get();
    for (i, x) in items.iter().enumerate() {
        let eq = x.is(&args[1]) || ops::eq(x, &args[1])?;
        if d.state.get() != state {
            return Err(exc::index_error("deque mutated during remove()."));
        }
        if eq {
            d.touch();
            let removed = d.items.borrow_mut().remove(i);
            drop(removed);
            return Ok(none());
        }
    }
    Err(exc::value_error(format!("{} is not in deque", ops::repr_string(&args[1])?)))
}

fn deque_rotate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("rotate", args, 1, 2)?;
    let d = this(&args[0])?;
    let n = match args.get(1) {
        Some(v) => int::index_value(v)?.ok_or_else(|| exc::type_error("an integer is required"))?,
        None => 1,
    };
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        d.touch();
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(none())
}

/// A deque index, negative counted from the right.
fn item_index(d: &DequeData, key: &Value) -> PyResult<usize> {
    let i = int::index_value(key)?.ok_or_else(|| {
        exc::type_error(format!("sequence index must be integer, not '{}'", type_name(key)))
    })?;
    let len = d.items.borrow().len() as i64;
    let idx = if i < 0 { i + len } else { i };
    if idx < 0 || idx >= len {
        return Err(exc::index_error("deque index out of range"));
    }
    Ok(idx as usize)
}

fn deque_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let d = this(&args[0])?;
    let i = item_index(d, &args[1])?;
    Ok(d.items.borrow()[i].clone())
}

fn deque_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setitem__", args, 3, 3)?;
    let d = this(&args[0])?;
    let i = item_index(d, &args[1])?;
    let old = std::mem::replace(&mut d.items.borrow_mut()[i], args[2].clone());
    drop(old);
    Ok(none())
}

fn deque_delitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delitem__", args, 2, 2)?;
    let d = this(&args[0])?;
    let i = item_index(d, &args[1])?;
    d.touch();
    let old = d.items.borrow_mut().remove(i);
    drop(old);
    Ok(none())
}

fn deque_contains(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__contains__", args, 2, 2)?;
    let d = this(&args[0])?;
    let state = d.state.get();
    for x in d.snapshot() {
        if x.is(&args[1]) || ops::eq(&x, &args[1])? {
            return Ok(rt().true_.clone());
        }
        if d.state.get() != state {
            return Err(exc::runtime_error("deque mutated during iteration"));
        }
    }
    Ok(rt().false_.clone())
}

fn deque_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let name = taipan_vm::types::short_type_name(&args[0]);
    let Some(guard) = ops::ReprGuard::enter(&args[0]) else {
        return Ok(pystr::new("[...]"));
    };
    let list = ops::repr_string(&taipan_vm::objects::list::new(d.snapshot()))?;
    drop(guard);
    Ok(pystr::from_string(match d.maxlen.get() {
        Some(n) => format!("{name}({list}, maxlen={n})"),
        None => format!("{name}({list})"),
    }))
}

fn deque_compare(args: &[Value], op: CompareOp) -> PyResult<Value> {
    check_args("comparison", args, 2, 2)?;
    let a = this(&args[0])?.snapshot();
    let Some(other) = args[1].downcast::<DequeData>() else {
        return Ok(rt().not_implemented.clone());
    };
    let b = other.snapshot();
    tuple::compare_seqs(&a, &b, op)
}

fn deque_add(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__add__", args, 2, 2)?;
    let Some(other) = args[1].downcast::<DequeData>() else {
        return Err(exc::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            type_name(&args[1])
        )));
    };
    let mut items = this(&args[0])?.snapshot();
    items.extend(other.snapshot());
    new_deque_like(&args[0], items)
}

fn repeat_count(v: &Value) -> PyResult<usize> {
    let n = int::index_value(v)?.ok_or_else(|| {
        exc::type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(v)))
    })?;
    Ok(n.max(0) as usize)
}

fn deque_mul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mul__", args, 2, 2)?;
    let n = repeat_count(&args[1])?;
    let items = this(&args[0])?.snapshot();
    let mut out = Vec::with_capacity(items.len().saturating_mul(n).min(1 << 20));
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    new_deque_like(&args[0], out)
}

fn deque_imul(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__imul__", args, 2, 2)?;
    let n = repeat_count(&args[1])?;
    let d = this(&args[0])?;
    let items = d.snapshot();
    d.touch();
    let old = std::mem::take(&mut *d.items.borrow_mut());
    drop(old);
    for _ in 0..n {
        for x in &items {
            drop(d.push_back(x.clone()));
        }
    }
    Ok(args[0].clone())
}

fn deque_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = this(&args[0])?;
    let maxlen = d.maxlen.get().map(int::from_usize).unwrap_or_else(none);
    let items = taipan_vm::objects::list::new(d.snapshot());
    let state = taipan_vm::attr::getattr_opt(&args[0], &pystr::intern("__dict__"))?.unwrap_or_else(none);
    Ok(tuple::new(vec![type_of(&args[0]), tuple::new(vec![items, maxlen]), state]))
}

fn new_iter(v: &Value, reverse: bool) -> PyResult<Value> {
    let d = this(v)?;
    let data =
        DequeIterData { deque: Slot::new(v.clone()), index: Cell::new(0), state: d.state.get(), reverse };
    Ok(taipan_vm::heap::alloc(&types()[if reverse { 2 } else { 1 }], data))
}

fn iter_data(v: &Value) -> PyResult<&DequeIterData> {
    v.downcast::<DequeIterData>().ok_or_else(|| exc::type_error("expected a deque iterator"))
}

fn iter_next(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = iter_data(&args[0])?;
    let dq = it.deque.get();
    if dq.is_null() {
        return Err(exc::stop_iteration(none()));
    }
    let d = this(&dq)?;
    if d.state.get() != it.state {
        it.deque.set(Value::NULL);
        return Err(exc::runtime_error("deque mutated during iteration"));
    }
    let items = d.items.borrow();
    let i = it.index.get();
    if i >= items.len() {
        drop(items);
        it.deque.set(Value::NULL);
        return Err(exc::stop_iteration(none()));
    }
    it.index.set(i + 1);
    let pos = if it.reverse { items.len() - 1 - i } else { i };
    Ok(items[pos].clone())
}

fn iter_length_hint(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let it = iter_data(&args[0])?;
    let dq = it.deque.get();
    if dq.is_null() {
        return Ok(int::from_i64(0));
    }
    let len = this(&dq)?.items.borrow().len();
    Ok(int::from_usize(len.saturating_sub(it.index.get())))
}

// ---- defaultdict ----

const FACTORY_KEY: &str = "default_factory";

fn factory_of(v: &Value) -> Value {
    v.header()
        .and_then(|h| h.instance_dict())
        .and_then(|d| dict::get_str(&d, &pystr::intern(FACTORY_KEY)))
        .unwrap_or_else(none)
}

fn set_factory(v: &Value, f: Value) -> PyResult<()> {
    let h = v.header().ok_or_else(|| exc::type_error("expected a defaultdict"))?;
    let d = match h.instance_dict() {
        Some(d) => d,
        None => {
            let d = dict::new_dict();
            h.set_instance_dict(d.clone());
            d
        }
    };
    dict::set_str(&d, FACTORY_KEY, f);
    Ok(())
}

const DEFAULTDICT_METHODS: &[Method] = &[
    mk("__init__", defaultdict_init),
    m("__missing__", defaultdict_missing),
    m("__repr__", defaultdict_repr),
    m("copy", defaultdict_copy),
    m("__copy__", defaultdict_copy),
    m("__reduce__", defaultdict_reduce),
];

const DEFAULTDICT_GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[(FACTORY_KEY, |v| Ok(factory_of(v)), Some(set_factory))];

fn defaultdict_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let factory = if npos > 1 { args[1].clone() } else { none() };
    if !factory.is(&rt().none) && !taipan_vm::builtins::functions::is_callable(&factory) {
        return Err(exc::type_error("first argument must be callable or None"));
    }
    set_factory(&args[0], factory)?;
    let init = taipan_vm::types::lookup_str(&rt().types.dict, "__init__")
        .ok_or_else(|| exc::type_error("dict.__init__ missing"))?;
    let mut rest = vec![args[0].clone()];
    if npos > 2 {
        rest.extend_from_slice(&args[2..]);
    } else {
        rest.extend_from_slice(&args[npos..]);
    }
    taipan_vm::call::call(&init, &rest, kwnames)
}

fn defaultdict_missing(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__missing__", args, 2, 2)?;
    let f = factory_of(&args[0]);
    if f.is(&rt().none) {
        return Err(exc::key_error(args[1].clone()));
    }
    let v = taipan_vm::call::call(&f, &[], &[])?;
    ops::setitem(&args[0], args[1].clone(), v.clone())?;
    Ok(v)
}

fn defaultdict_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let f = factory_of(&args[0]);
    let fr = if f.is(&rt().none) {
        "None".to_string()
    } else {
        match ops::ReprGuard::enter(&f) {
            Some(_g) => ops::repr_string(&f)?,
            None => "...".to_string(),
        }
    };
    let dict_repr = taipan_vm::types::lookup_str(&rt().types.dict, "__repr__")
        .ok_or_else(|| exc::type_error("dict.__repr__ missing"))?;
    let r = taipan_vm::call::call(&dict_repr, std::slice::from_ref(&args[0]), &[])?;
    Ok(pystr::from_string(format!(
        "{}({fr}, {})",
        taipan_vm::types::short_type_name(&args[0]),
        pystr::as_str(&r).unwrap_or("")
    )))
}

fn defaultdict_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::call::call(&type_of(&args[0]), &[factory_of(&args[0]), args[0].clone()], &[])
}

fn defaultdict_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let f = factory_of(&args[0]);
    let fargs = if f.is(&rt().none) { tuple::new(Vec::new()) } else { tuple::new(vec![f]) };
    let items = ops::iter(&taipan_vm::attr::call_method(&args[0], "items", &[])?)?;
    Ok(tuple::new(vec![type_of(&args[0]), fargs, none(), none(), items]))
}

// ---- _count_elements ----

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1`.
fn count_elements(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_count_elements", args, 3, 3)?;
    let (mapping, iterable) = (&args[1], &args[2]);
    let it = ops::iter(iterable)?;
    let one = int::from_i64(1);
    let exact = dict::is_exact(mapping);
    let get = if exact { None } else { Some(taipan_vm::attr::getattr_str(mapping, "get")?) };
    while let Some(x) = ops::next(&it)? {
        let old = match &get {
            None => dict::get_item(mapping, &x)?,
            Some(g) => Some(taipan_vm::call::call(g, &[x.clone(), int::from_i64(0)], &[])?),
        };
        let new = match old {
            Some(o) => ops::binary(&o, &one, ops::BinOp::Add)?,
            None => one.clone(),
        };
        ops::setitem(mapping, x, new)?;
    }
    Ok(none())
}
