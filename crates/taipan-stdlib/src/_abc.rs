//! `_abc`: the native core of `abc.ABCMeta` (CPython's `_abc.c`), which
//! `abc.py` prefers over the pure-Python `_py_abc`. Chosen because
//! `_py_abc` needs `_weakrefset` (so `_weakref`) just to import, and
//! because `isinstance`/`issubclass` against ABCs (`collections.abc`,
//! `numbers`, `typing`) run it on every check.
//!
//! Each ABC carries an `_abc_impl` object (`_abc_data`) with its registry,
//! its positive and negative caches and the negative cache's version.
//! Unlike CPython these sets hold strong references (classes are rarely
//! freed; a class registered or cached stays alive as long as the ABC).

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashSet;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::dict;
use taipan_vm::objects::{check_args, int, m, module, str as pystr, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::types::{as_type, type_of, TF_COLLECTION};
use taipan_vm::Value;

/// A set of classes by identity, keeping them alive.
#[derive(Default)]
struct ClassSet {
    bits: HashSet<u64>,
    refs: Vec<Value>,
}

impl ClassSet {
    fn contains(&self, v: &Value) -> bool {
        self.bits.contains(&v.bits())
    }

    fn add(&mut self, v: &Value) {
        if self.bits.insert(v.bits()) {
            self.refs.push(v.clone());
        }
    }

    /// Empties the set, returning the references for dropping outside any borrow.
    fn take(&mut self) -> Vec<Value> {
        self.bits.clear();
        std::mem::take(&mut self.refs)
    }
}

/// The payload of `_abc._abc_data`.
pub struct AbcData {
    registry: RefCell<ClassSet>,
    cache: RefCell<ClassSet>,
    negative: RefCell<ClassSet>,
    negative_version: Cell<u64>,
}

taipan_vm::interp_static! {
    static DATA_TYPE: OnceCell<Value> = const { OnceCell::new() };
    /// `abc_invalidation_counter`: bumped by every `register`.
    static INVALIDATION: Cell<u64> = const { Cell::new(0) };
}

fn data_type() -> Value {
    DATA_TYPE.with(|c| {
        c.get_or_init(|| {
            taipan_vm::objects::object::new_native_type::<AbcData>(
                "_abc_data",
                "_abc",
                &rt().types.object,
                0,
                &[],
                &[],
            )
        })
        .clone()
    })
}

fn counter() -> u64 {
    INVALIDATION.with(Cell::get)
}

/// Builds the `_abc` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module(
        "_abc",
        &[
            m("get_cache_token", |_, _| Ok(int::from_i64(counter() as i64))),
            m("_abc_init", abc_init),
            m("_abc_register", abc_register),
            m("_abc_instancecheck", abc_instancecheck),
            m("_abc_subclasscheck", abc_subclasscheck),
            m("_get_dump", get_dump),
            m("_reset_registry", reset_registry),
            m("_reset_caches", reset_caches),
        ] as &[Method],
    );
    module::set_attr(&md, "_abc_data", data_type());
    Ok(md)
}

fn attr(obj: &Value, name: &str) -> PyResult<Option<Value>> {
    taipan_vm::attr::getattr_opt(obj, &pystr::intern(name))
}

/// The `_abc_impl` of an ABC.
fn impl_of(cls: &Value) -> PyResult<Value> {
    let Some(d) = attr(cls, "_abc_impl")? else {
        return Err(exc::type_error("_abc_impl is set to a wrong type"));
    };
    if d.downcast::<AbcData>().is_none() {
        return Err(exc::type_error("_abc_impl is set to a wrong type"));
    }
    Ok(d)
}

fn data(v: &Value) -> &AbcData {
    v.downcast::<AbcData>().expect("checked by impl_of")
}

fn is_abstract(v: &Value) -> PyResult<bool> {
    match attr(v, "__isabstractmethod__")? {
        Some(x) => taipan_vm::ops::truthy(&x),
        None => Ok(false),
    }
}

/// `_abc_init(cls)`: computes `__abstractmethods__` and attaches `_abc_impl`.
fn abc_init(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_abc_init", args, 2, 2)?;
    let cls = &args[1];
    let mut abstracts: Vec<Value> = Vec::new();
    let ns = taipan_vm::attr::getattr_str(cls, "__dict__")?;
    let items = taipan_vm::attr::call_method(&ns, "items", &[])?;
    for pair in taipan_vm::ops::collect(&items)? {
        let kv = tuple::items(&pair).unwrap_or(&[]).to_vec();
        if kv.len() == 2 && is_abstract(&kv[1])? {
            abstracts.push(kv[0].clone());
        }
    }
    let bases = taipan_vm::attr::getattr_str(cls, "__bases__")?;
    for base in tuple::items(&bases).unwrap_or(&[]).to_vec() {
        let Some(names) = attr(&base, "__abstractmethods__")? else {
            continue;
        };
        for name in taipan_vm::ops::collect(&names)? {
            if let Some(v) = taipan_vm::attr::getattr_opt(cls, &name)? {
                if is_abstract(&v)? {
                    abstracts.push(name);
                }
            }
        }
    }
    let fs = taipan_vm::call::call(&rt().types.frozenset, &[taipan_vm::objects::list::new(abstracts)], &[])?;
    taipan_vm::attr::setattr(cls, &pystr::intern("__abstractmethods__"), fs)?;
    let d = taipan_vm::heap::alloc(
        &data_type(),
        AbcData {
            registry: RefCell::default(),
            cache: RefCell::default(),
            negative: RefCell::default(),
            negative_version: Cell::new(counter()),
        },
    );
    taipan_vm::attr::setattr(cls, &pystr::intern("_abc_impl"), d)?;
    take_abc_tpflags(cls)?;
    Ok(rt().none.clone())
}

/// Moves the pattern-matching bits of the class's own `__abc_tpflags__`
/// (`collections.abc.Sequence`/`Mapping` set it) into its type flags and
/// deletes the attribute, as CPython's `_abc_init`.
fn take_abc_tpflags(cls: &Value) -> PyResult<()> {
    let Some(td) = as_type(cls) else { return Ok(()) };
    let key = pystr::intern("__abc_tpflags__");
    let Some(flags) = dict::get_item(td.dict(), &key)? else { return Ok(()) };
    if type_of(&flags).is(&rt().types.int) {
        let bits = int::to_i64(&flags)
            .ok_or_else(|| exc::overflow_error("Python int too large to convert to C long"))?;
        let bits = (bits as u64 & TF_COLLECTION as u64) as u32;
        if bits == TF_COLLECTION {
            return Err(exc::type_error(
                "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING",
            ));
        }
        td.flags.set(td.flags.get() | bits);
    }
    dict::del_item(td.dict(), &key)?;
    taipan_vm::types::type_modified(cls);
    Ok(())
}

/// Gives a registered class (and its subclasses) the registering ABC's
/// collection kind, replacing any other; builtin types keep theirs (CPython's
/// `set_collection_flag_recursive`).
fn set_collection_flag_recursive(child: &Value, flag: u32) {
    let Some(td) = as_type(child) else { return };
    if !td.is_heap() || td.flags.get() & TF_COLLECTION == flag {
        return;
    }
    td.flags.set(td.flags.get() & !TF_COLLECTION | flag);
    for sub in taipan_vm::types::subclasses(td) {
        set_collection_flag_recursive(&sub, flag);
    }
}

fn issubclass(a: &Value, b: &Value) -> PyResult<bool> {
    taipan_vm::objects::object::issubclass(a, b)
}

/// `_abc_register(cls, subclass)`.
fn abc_register(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_abc_register", args, 3, 3)?;
    let (cls, sub) = (&args[1], &args[2]);
    if as_type(sub).is_none() {
        return Err(exc::type_error("Can only register classes"));
    }
    if issubclass(sub, cls)? {
        return Ok(sub.clone());
    }
    if issubclass(cls, sub)? {
        return Err(exc::runtime_error("Refusing to create an inheritance cycle"));
    }
    let d = impl_of(cls)?;
    data(&d).registry.borrow_mut().add(sub);
    INVALIDATION.with(|c| c.set(c.get() + 1));
    if let Some(td) = as_type(cls) {
        let kind = td.flags.get() & TF_COLLECTION;
        if kind != 0 {
            set_collection_flag_recursive(sub, kind);
        }
    }
    Ok(sub.clone())
}

/// `_abc_instancecheck(cls, instance)`.
fn abc_instancecheck(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_abc_instancecheck", args, 3, 3)?;
    let (cls, inst) = (&args[1], &args[2]);
    let d = impl_of(cls)?;
    let subclass = taipan_vm::attr::getattr_str(inst, "__class__")?;
    if data(&d).cache.borrow().contains(&subclass) {
        return Ok(rt().true_.clone());
    }
    let subtype = type_of(inst);
    if subtype.is(&subclass) {
        let dd = data(&d);
        if dd.negative_version.get() == counter() && dd.negative.borrow().contains(&subclass) {
            return Ok(rt().false_.clone());
        }
        return taipan_vm::attr::call_method(cls, "__subclasscheck__", &[subclass]);
    }
    for c in [subclass, subtype] {
        let r = taipan_vm::attr::call_method(cls, "__subclasscheck__", &[c])?;
        if taipan_vm::ops::truthy(&r)? {
            return Ok(r);
        }
    }
    Ok(rt().false_.clone())
}

/// `_abc_subclasscheck(cls, subclass)`.
fn abc_subclasscheck(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_abc_subclasscheck", args, 3, 3)?;
    let (cls, sub) = (&args[1], &args[2]);
    if as_type(sub).is_none() {
        return Err(exc::type_error("issubclass() arg 1 must be a class"));
    }
    let d = impl_of(cls)?;
    let dd = data(&d);
    if dd.cache.borrow().contains(sub) {
        return Ok(rt().true_.clone());
    }
    if dd.negative_version.get() < counter() {
        let old = dd.negative.borrow_mut().take();
        drop(old);
        dd.negative_version.set(counter());
    } else if dd.negative.borrow().contains(sub) {
        return Ok(rt().false_.clone());
    }
    let ok = taipan_vm::attr::call_method(cls, "__subclasshook__", std::slice::from_ref(sub))?;
    if !ok.is(&rt().not_implemented) {
        let is_bool = ok.is(&rt().true_) || ok.is(&rt().false_);
        if !is_bool {
            return Err(exc::assertion_error(
                "__subclasshook__ must return either False, True, or NotImplemented",
            ));
        }
        if ok.is(&rt().true_) {
            dd.cache.borrow_mut().add(sub);
        } else {
            dd.negative.borrow_mut().add(sub);
        }
        return Ok(ok);
    }
    let verdict = subclass_by_hierarchy(cls, sub, dd)?;
    if verdict {
        dd.cache.borrow_mut().add(sub);
    } else {
        dd.negative.borrow_mut().add(sub);
    }
    Ok(rt().bool_value(verdict))
}

/// The checks after `__subclasshook__`: the MRO, the registry, the subclasses.
fn subclass_by_hierarchy(cls: &Value, sub: &Value, dd: &AbcData) -> PyResult<bool> {
    if let Some(mro) = attr(sub, "__mro__")? {
        if tuple::items(&mro).unwrap_or(&[]).iter().any(|c| c.is(cls)) {
            return Ok(true);
        }
    }
    let registry: Vec<Value> = dd.registry.borrow().refs.clone();
    for r in &registry {
        if issubclass(sub, r)? {
            return Ok(true);
        }
    }
    let subs = taipan_vm::attr::call_method(cls, "__subclasses__", &[])?;
    for s in taipan_vm::ops::collect(&subs)? {
        if issubclass(sub, &s)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn as_set(s: &ClassSet) -> PyResult<Value> {
    taipan_vm::call::call(&rt().types.set, &[taipan_vm::objects::list::new(s.refs.clone())], &[])
}

/// `_get_dump(cls)`: `(registry, cache, negative cache, negative version)`.
fn get_dump(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_get_dump", args, 2, 2)?;
    let d = impl_of(&args[1])?;
    let dd = data(&d);
    let (r, c, n) =
        (as_set(&dd.registry.borrow())?, as_set(&dd.cache.borrow())?, as_set(&dd.negative.borrow())?);
    Ok(tuple::new(vec![r, c, n, int::from_i64(dd.negative_version.get() as i64)]))
}

fn reset_registry(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_reset_registry", args, 2, 2)?;
    let d = impl_of(&args[1])?;
    let old = data(&d).registry.borrow_mut().take();
    drop(old);
    Ok(rt().none.clone())
}

fn reset_caches(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("_reset_caches", args, 2, 2)?;
    let d = impl_of(&args[1])?;
    let old = (data(&d).cache.borrow_mut().take(), data(&d).negative.borrow_mut().take());
    drop(old);
    Ok(rt().none.clone())
}
