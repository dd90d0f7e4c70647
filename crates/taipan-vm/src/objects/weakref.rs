//! Weak references (`_weakref.ref`, `proxy`, CPython's `weakrefobject.c`).
//!
//! A weakref holds its referent's address, not a reference. The referent's
//! weakrefs are listed in a per-thread registry keyed by that address, and
//! its header carries `GC_WEAKREFS` so that deallocation (`heap.rs`) and
//! the collector (`gc/collect.rs`) know to clear them: the weakrefs then
//! read as dead and their callbacks run (newest first, as CPython orders
//! them). A weakref that dies first removes itself from the list (its
//! dealloc). The basic ref and proxy (no callback, exact type) are shared:
//! `ref(o) is ref(o)`.
//!
//! Types: `ReferenceType` (subclassable: `class R(weakref.ref)`),
//! `ProxyType` and `CallableProxyType` (forward attribute access, calls,
//! operators; "weakly-referenced object no longer exists" once dead).

use super::{check_args, m, mk, new_method, split_kwargs, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::heap::{self, Header, Obj, GC_WEAKREFS};
use crate::runtime::rt;
use crate::types::{self, type_name, type_payload, InstanceLayout, TypeData, TF_BASETYPE};
use crate::value::{Slot, Value};
use std::any::TypeId;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// What a weakref object is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ref,
    Proxy,
    CallableProxy,
}

/// The payload of a weakref or proxy.
pub struct WeakrefData {
    /// The referent's header address; 0 once it died.
    referent: Cell<usize>,
    callback: Slot,
    hash: Cell<Option<i64>>,
    kind: Kind,
}

impl WeakrefData {
    /// A new reference to the referent, if it is alive.
    pub fn get(&self) -> Option<Value> {
        let p = self.referent.get();
        if p == 0 {
            return None;
        }
        // SAFETY: a non-zero referent is allocated: its dealloc clears it
        // before freeing.
        let h = unsafe { &*(p as *const Header) };
        // A referent whose count reached zero waits in the deallocator's
        // pending list: dead already (as CPython's `PyWeakref_GET_OBJECT`
        // decides). Handing it out would revive it, and its second trip to
        // zero would free it twice.
        if h.refcnt.get() == 0 {
            return None;
        }
        // SAFETY: the referent is alive (count above zero).
        Some(unsafe { Value::from_borrowed_ptr(p as *const Header) })
    }

    /// For the cycle collector: the callback is the only owned reference.
    pub(crate) fn gc_visit(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.callback.get());
    }

    pub(crate) fn gc_clear(&self) {
        drop(self.callback.take());
    }
}

/// The three weakref types (created on first use, immortal).
struct WeakTypes {
    reference: Value,
    proxy: Value,
    callable_proxy: Value,
}

crate::interp_static! {
    static TYPES: std::cell::OnceCell<WeakTypes> = const { std::cell::OnceCell::new() };
    /// Referent address → its weakrefs' header addresses (basic ones first).
    static REGISTRY: RefCell<HashMap<usize, Vec<usize>>> = RefCell::new(HashMap::new());
}

fn with_types<R>(f: impl FnOnce(&WeakTypes) -> R) -> R {
    TYPES.with(|t| f(t.get_or_init(create_types)))
}

pub fn reference_type() -> Value {
    with_types(|t| t.reference.clone())
}

pub fn proxy_type() -> Value {
    with_types(|t| t.proxy.clone())
}

pub fn callable_proxy_type() -> Value {
    with_types(|t| t.callable_proxy.clone())
}

fn create_types() -> WeakTypes {
    let reference = new_type("ReferenceType", TF_BASETYPE, REF_METHODS, REF_GETSETS);
    let proxy = new_type("ProxyType", 0, PROXY_METHODS, &[]);
    let callable_proxy = new_type("CallableProxyType", 0, PROXY_METHODS, &[]);
    super::install(&callable_proxy, &[mk("__call__", proxy_call)], &[]);
    for ty in [&proxy, &callable_proxy] {
        super::install(ty, &[m("__hash__", proxy_hash)], &[]);
    }
    WeakTypes { reference, proxy, callable_proxy }
}

/// A builtin type of module `weakref` with layout `WeakrefData`.
fn new_type(
    name: &str,
    flags: u32,
    methods: &[Method],
    getsets: &[(&'static str, Getter, Option<Setter>)],
) -> Value {
    let r = rt();
    let td = TypeData::new(name, InstanceLayout::with_dealloc::<WeakrefData>(drop_weakref), flags);
    let ty = heap::alloc(&r.types.type_, td);
    crate::runtime::make_immortal(&ty);
    let tp = type_payload(&ty);
    *tp.bases.borrow_mut() = vec![r.types.object.clone()];
    *tp.mro.borrow_mut() = vec![ty.clone(), r.types.object.clone()];
    let _ = tp.dict.set(super::dict::new_dict());
    type_payload(&r.types.object).subclasses.borrow_mut().push(ty.bits() as usize);
    super::dict::set_str(tp.dict(), "__module__", super::str::new("weakref"));
    super::install(&ty, methods, getsets);
    ty
}

/// The dealloc of weakref objects: leaves the referent's list, then frees.
///
/// # Safety
/// As `heap::drop_obj`.
unsafe fn drop_weakref(ptr: *const Header) {
    let w = &(*(ptr as *const Obj<WeakrefData>)).payload;
    let referent = w.referent.replace(0);
    if referent != 0 {
        unregister(referent, ptr as usize);
    }
    heap::drop_obj::<WeakrefData>(ptr);
}

fn unregister(referent: usize, wr: usize) {
    let empty = REGISTRY
        .try_with(|r| {
            let mut r = r.borrow_mut();
            let Some(list) = r.get_mut(&referent) else { return false };
            list.retain(|&p| p != wr);
            let empty = list.is_empty();
            if empty {
                r.remove(&referent);
            }
            empty
        })
        .unwrap_or(false);
    if empty {
        // SAFETY: the referent is alive (it would have cleared `referent`).
        let h = unsafe { &*(referent as *const Header) };
        h.gc_flags.set(h.gc_flags.get() & !GC_WEAKREFS);
    }
}

/// The weakrefs of the object at `referent` (new references).
fn refs_of(referent: usize) -> Vec<Value> {
    let ptrs: Vec<usize> =
        REGISTRY.try_with(|r| r.borrow().get(&referent).cloned().unwrap_or_default()).unwrap_or_default();
    // SAFETY: listed weakrefs are allocated (their dealloc unlists them);
    // those whose count reached zero are dying and are left out.
    ptrs.into_iter()
        .filter(|&p| unsafe { &*(p as *const Header) }.refcnt.get() > 0)
        .map(|p| unsafe { Value::from_borrowed_ptr(p as *const Header) })
        .collect()
}

fn data(v: &Value) -> Option<&WeakrefData> {
    v.downcast::<WeakrefData>()
}

/// Detaches every weakref from the object at `referent` (which is dying
/// or garbage) and returns those whose callback must run: the ones with a
/// callback for which `is_garbage(weakref address)` is false.
pub fn clear_refs_to(h: &Header, is_garbage: impl Fn(u64) -> bool) -> Vec<Value> {
    let referent = h as *const Header as usize;
    // `try_with`: objects freed while the thread's locals are torn down
    // (the type cache's last references) find the registry already gone.
    let ptrs = REGISTRY.try_with(|r| r.borrow_mut().remove(&referent)).ok().flatten().unwrap_or_default();
    h.gc_flags.set(h.gc_flags.get() & !GC_WEAKREFS);
    let mut out = Vec::new();
    for p in ptrs {
        // SAFETY: listed weakrefs are allocated: their dealloc unlists them.
        let wh = unsafe { &*(p as *const Header) };
        if wh.refcnt.get() == 0 {
            // Dying (its dealloc is pending): detached without taking a
            // reference, which would free it a second time.
            // SAFETY: every listed weakref has the `WeakrefData` layout.
            unsafe { (*(p as *const Obj<WeakrefData>)).payload.referent.set(0) };
            continue;
        }
        // SAFETY: listed weakrefs are alive.
        let wr = unsafe { Value::from_borrowed_ptr(p as *const Header) };
        let Some(w) = data(&wr) else { continue };
        w.referent.set(0);
        if is_garbage(wr.bits()) {
            drop(w.callback.take());
        } else if !w.callback.is_null() {
            out.push(wr);
        }
    }
    out
}

/// Calls a cleared weakref's callback with the weakref (errors are
/// reported as unraisable, as CPython does).
pub fn run_callback(wr: &Value) {
    let Some(w) = data(wr) else { return };
    let cb = w.callback.take();
    if cb.is_null() || cb.is(&rt().none) {
        return;
    }
    if let Err(e) = crate::call::call(&cb, std::slice::from_ref(wr), &[]) {
        crate::modules::sys::report_unraisable(None, &cb, &e);
    }
}

/// The object at `ptr` is being freed: its weakrefs die, callbacks run.
pub fn clear_and_notify(h: &Header) {
    for wr in clear_refs_to(h, |_| false) {
        run_callback(&wr);
    }
}

/// Whether `v` can be weakly referenced (CPython's `tp_weaklistoffset`).
pub fn supports_weakrefs(v: &Value) -> bool {
    let Some(h) = v.header() else { return false };
    let td = h.type_data();
    let r = rt();
    let layout = td.layout;
    if td.flags.get() & types::TF_WEAKREFABLE != 0 {
        return true;
    }
    if td.is_heap() {
        return ![
            TypeId::of::<super::int::IntData>(),
            TypeId::of::<super::tuple::TupleData>(),
            TypeId::of::<super::bytes::BytesData>(),
        ]
        .contains(&layout);
    }
    let ty = h.type_value();
    [
        &r.types.set,
        &r.types.frozenset,
        &r.types.function,
        &r.types.method,
        &r.types.builtin_function,
        &r.types.code,
        &r.types.generator,
        &r.types.module,
        &r.types.type_,
    ]
    .iter()
    .any(|t| ty.is(t))
        || layout == TypeId::of::<TypeData>()
}

/// The name CPython's messages use for a type (`tp_name`).
fn tp_name(v: &Value) -> String {
    let ty = types::type_of(v);
    let td = type_payload(&ty);
    if !td.is_heap() {
        if let Some(m) = super::dict::get_str(td.dict(), &super::str::intern("__module__")) {
            if let Some(m) = super::str::as_str(&m) {
                return format!("{m}.{}", td.name());
            }
        }
    }
    td.name()
}

/// Creates (or reuses) a weakref of type `cls` to `ob`.
fn new_weakref(cls: &Value, ob: &Value, callback: Value, kind: Kind) -> PyResult<Value> {
    if !supports_weakrefs(ob) {
        return Err(exc::type_error(format!("cannot create weak reference to '{}' object", tp_name(ob))));
    }
    let callback = if callback.is(&rt().none) { Value::NULL } else { callback };
    let basic_type = match kind {
        Kind::Ref => reference_type(),
        Kind::Proxy => proxy_type(),
        Kind::CallableProxy => callable_proxy_type(),
    };
    let existing = refs_of(ob.bits() as usize);
    let is_basic = |w: &Value| {
        data(w).is_some_and(|d| d.kind == kind && d.callback.is_null()) && types::type_of(w).is(&basic_type)
    };
    if callback.is_null() && cls.is(&basic_type) {
        if let Some(w) = existing.iter().find(|w| is_basic(w)) {
            return Ok(w.clone());
        }
    }
    let payload = WeakrefData {
        referent: Cell::new(ob.bits() as usize),
        callback: Slot::new(callback),
        hash: Cell::new(None),
        kind,
    };
    let wr = super::object::alloc_subclass(cls, payload)?;
    let basic = data(&wr).is_some_and(|d| d.callback.is_null()) && cls.is(&basic_type);
    register(ob, &wr, basic);
    Ok(wr)
}

/// Lists `wr` among `ob`'s weakrefs: basic ones at the front, the others
/// right after the basic ref and proxy (so the newest callback runs first).
fn register(ob: &Value, wr: &Value, basic: bool) {
    let key = ob.bits() as usize;
    let basics =
        refs_of(key).iter().take_while(|w| w.downcast::<WeakrefData>().is_some_and(is_shared)).count();
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let list = r.entry(key).or_default();
        let at = if basic { 0 } else { basics.min(list.len()) };
        list.insert(at, wr.bits() as usize);
    });
    if let Some(h) = ob.header() {
        h.gc_flags.set(h.gc_flags.get() | GC_WEAKREFS);
    }
}

/// Whether a weakref is a shared basic ref/proxy (no callback).
fn is_shared(w: &WeakrefData) -> bool {
    w.callback.is_null()
}

/// `weakref.getweakrefcount(ob)`.
pub fn weakref_count(ob: &Value) -> usize {
    REGISTRY.with(|r| r.borrow().get(&(ob.bits() as usize)).map_or(0, Vec::len))
}

/// `weakref.getweakrefs(ob)`.
pub fn weakrefs_of(ob: &Value) -> Vec<Value> {
    refs_of(ob.bits() as usize)
}

/// `weakref.proxy(ob, callback=None)`.
pub fn new_proxy(ob: &Value, callback: Value) -> PyResult<Value> {
    let callable = crate::builtins::functions::is_callable(ob);
    let (cls, kind) =
        if callable { (callable_proxy_type(), Kind::CallableProxy) } else { (proxy_type(), Kind::Proxy) };
    new_weakref(&cls, ob, callback, kind)
}

fn this(v: &Value) -> PyResult<&WeakrefData> {
    data(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'weakref' object but received '{}'", type_name(v)))
    })
}

const REF_METHODS: &[Method] = &[
    new_method(ref_new),
    mk("__init__", ref_init),
    mk("__call__", ref_call),
    m("__hash__", ref_hash),
    m("__eq__", ref_eq),
    m("__ne__", ref_ne),
    m("__repr__", ref_repr),
];

const REF_GETSETS: &[(&str, Getter, Option<Setter>)] = &[("__callback__", ref_callback, None)];

/// `ref.__new__(cls, ob, callback=None)`.
fn ref_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    // Keywords are left to a subclass's `__init__`, as CPython does.
    let (pos, _) = split_kwargs(args, kwnames);
    if pos.len() < 2 {
        return Err(exc::type_error(format!("__new__ expected at least 1 argument, got {}", pos.len() - 1)));
    }
    if pos.len() > 3 {
        return Err(exc::type_error(format!("__new__ expected at most 2 arguments, got {}", pos.len() - 1)));
    }
    let callback = pos.get(2).cloned().unwrap_or_else(|| rt().none.clone());
    new_weakref(&pos[0], &pos[1], callback, Kind::Ref)
}

/// `ref.__init__`: everything happened in `__new__`.
fn ref_init(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().none.clone())
}

fn ref_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("weakref() takes no keyword arguments"));
    }
    if args.len() != 1 {
        return Err(exc::type_error(format!(
            "weakref() takes exactly 0 arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(this(&args[0])?.get().unwrap_or_else(|| rt().none.clone()))
}

fn ref_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let w = this(&args[0])?;
    if let Some(h) = w.hash.get() {
        return Ok(super::int::from_i64(h));
    }
    let Some(ob) = w.get() else {
        return Err(exc::type_error("weak object has gone away"));
    };
    let h = crate::ops::hash(&ob)?;
    w.hash.set(Some(h));
    Ok(super::int::from_i64(h))
}

/// `==` between weakrefs: the referents' `==` while both live, else identity.
fn ref_richeq(a: &Value, b: &Value) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (data(a), data(b)) else { return Ok(None) };
    match (x.get(), y.get()) {
        (Some(p), Some(q)) => crate::ops::eq(&p, &q).map(Some),
        _ => Ok(Some(a.is(b))),
    }
}

fn ref_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    Ok(match ref_richeq(&args[0], &args[1])? {
        Some(b) => rt().bool_value(b),
        None => rt().not_implemented.clone(),
    })
}

fn ref_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ne__", args, 2, 2)?;
    Ok(match ref_richeq(&args[0], &args[1])? {
        Some(b) => rt().bool_value(!b),
        None => rt().not_implemented.clone(),
    })
}

fn ref_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let w = this(&args[0])?;
    let at = args[0].bits();
    let Some(ob) = w.get() else {
        return Ok(super::str::from_string(format!("<weakref at {at:#x}; dead>")));
    };
    let name = match crate::attr::getattr_opt(&ob, &super::str::intern("__name__"))? {
        Some(n) => Some(crate::ops::str_string(&n)?),
        None => None,
    };
    let base = format!("<weakref at {at:#x}; to '{}' at {:#x}", tp_name(&ob), ob.bits());
    Ok(super::str::from_string(match name {
        Some(n) => format!("{base} ({n})>"),
        None => format!("{base}>"),
    }))
}

fn ref_callback(v: &Value) -> PyResult<Value> {
    let cb = this(v)?.callback.get();
    Ok(if cb.is_null() { rt().none.clone() } else { cb })
}

/// The referent of a proxy, or ReferenceError.
fn referent(v: &Value) -> PyResult<Value> {
    this(v)?
        .get()
        .ok_or_else(|| exc::with_msg(&rt().exc.reference_error, "weakly-referenced object no longer exists"))
}

/// A proxy argument stands for its referent in forwarded operations.
fn unwrap(v: &Value) -> PyResult<Value> {
    match data(v) {
        Some(w) if w.kind != Kind::Ref => referent(v),
        _ => Ok(v.clone()),
    }
}

macro_rules! proxy_binops {
    ($( $fname:ident => $op:expr; )*) => { $(
        fn $fname(args: &[Value], _: &[Value]) -> PyResult<Value> {
            check_args("op", args, 2, 2)?;
            crate::ops::binary(&unwrap(&args[0])?, &unwrap(&args[1])?, $op)
        }
    )* };
}

proxy_binops! {
    proxy_add => crate::ops::BinOp::Add;
    proxy_sub => crate::ops::BinOp::Sub;
    proxy_mul => crate::ops::BinOp::Mul;
    proxy_truediv => crate::ops::BinOp::TrueDiv;
    proxy_floordiv => crate::ops::BinOp::FloorDiv;
    proxy_mod => crate::ops::BinOp::Mod;
}

macro_rules! proxy_compares {
    ($( $fname:ident => $op:expr; )*) => { $(
        fn $fname(args: &[Value], _: &[Value]) -> PyResult<Value> {
            check_args("op", args, 2, 2)?;
            crate::ops::compare(&unwrap(&args[0])?, &unwrap(&args[1])?, $op)
        }
    )* };
}

proxy_compares! {
    proxy_eq => crate::ops::CompareOp::Eq;
    proxy_ne => crate::ops::CompareOp::Ne;
    proxy_lt => crate::ops::CompareOp::Lt;
    proxy_le => crate::ops::CompareOp::Le;
    proxy_gt => crate::ops::CompareOp::Gt;
    proxy_ge => crate::ops::CompareOp::Ge;
}

const PROXY_METHODS: &[Method] = &[
    m("__getattr__", proxy_getattr),
    m("__setattr__", proxy_setattr),
    m("__delattr__", proxy_delattr),
    m("__repr__", proxy_repr),
    m("__str__", |a, _| crate::ops::str_(&referent(&a[0])?)),
    m("__bool__", |a, _| Ok(rt().bool_value(crate::ops::truthy(&referent(&a[0])?)?))),
    m("__len__", |a, _| Ok(super::int::from_usize(crate::ops::len(&referent(&a[0])?)?))),
    m("__iter__", |a, _| crate::ops::iter(&referent(&a[0])?)),
    m("__next__", |a, _| crate::ops::next_raw(&referent(&a[0])?)),
    m("__contains__", |a, _| {
        check_args("__contains__", a, 2, 2)?;
        Ok(rt().bool_value(crate::ops::contains(&referent(&a[0])?, &unwrap(&a[1])?)?))
    }),
    m("__getitem__", |a, _| {
        check_args("__getitem__", a, 2, 2)?;
        crate::ops::getitem(&referent(&a[0])?, &unwrap(&a[1])?)
    }),
    m("__setitem__", |a, _| {
        check_args("__setitem__", a, 3, 3)?;
        crate::ops::setitem(&referent(&a[0])?, unwrap(&a[1])?, unwrap(&a[2])?)?;
        Ok(rt().none.clone())
    }),
    m("__delitem__", |a, _| {
        check_args("__delitem__", a, 2, 2)?;
        crate::ops::delitem(&referent(&a[0])?, &unwrap(&a[1])?)?;
        Ok(rt().none.clone())
    }),
    m("__add__", proxy_add),
    m("__sub__", proxy_sub),
    m("__mul__", proxy_mul),
    m("__truediv__", proxy_truediv),
    m("__floordiv__", proxy_floordiv),
    m("__mod__", proxy_mod),
    m("__eq__", proxy_eq),
    m("__ne__", proxy_ne),
    m("__lt__", proxy_lt),
    m("__le__", proxy_le),
    m("__gt__", proxy_gt),
    m("__ge__", proxy_ge),
];

fn proxy_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Err(exc::type_error(format!("unhashable type: '{}'", tp_name(&args[0]))))
}

fn proxy_getattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getattr__", args, 2, 2)?;
    crate::attr::getattr(&referent(&args[0])?, &args[1])
}

fn proxy_setattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setattr__", args, 3, 3)?;
    crate::attr::setattr(&referent(&args[0])?, &args[1], args[2].clone())?;
    Ok(rt().none.clone())
}

fn proxy_delattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delattr__", args, 2, 2)?;
    crate::attr::setattr(&referent(&args[0])?, &args[1], Value::NULL)?;
    Ok(rt().none.clone())
}

fn proxy_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let ob = referent(&args[0])?;
    crate::call::call(&ob, &args[1..], kwnames)
}

fn proxy_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let w = this(&args[0])?;
    let at = args[0].bits();
    Ok(super::str::from_string(match w.get() {
        Some(ob) => format!("<weakproxy at {at:#x}; to '{}' at {:#x}>", tp_name(&ob), ob.bits()),
        None => format!("<weakproxy at {at:#x}; dead>"),
    }))
}
