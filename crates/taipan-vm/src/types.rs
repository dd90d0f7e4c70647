//! Type objects: `TypeData` (name, bases, C3 MRO, `__dict__`, flags, the
//! payload layout id and dealloc function, a version tag), the MRO walk
//! (`lookup`) with its version-tagged method cache, and `type_new`, which
//! builds a class from `class` statements and `type(name, bases, ns)`.
//! Each type also carries its slot table (`slots.rs`), derived from the
//! same MRO lookup and dropped when a dunder is assigned on it or a base.
//!
//! Builtin types are created at boot by `runtime.rs`; their methods come
//! from per-type method tables (`objects/*.rs`, each a `METHODS` list).

use crate::heap::{self, Header, Obj};
use crate::objects::dict;
use crate::objects::str::intern;
use crate::runtime::rt;
use crate::slots::SlotTable;
use crate::value::{Slot, Value};
use crate::{exceptions as exc, PyResult};
use std::any::TypeId;
use std::cell::{Cell, OnceCell, RefCell};

/// The dunder names that class creation reads or writes on every class,
/// interned once per interpreter (`intern` per use was a sizeable part of
/// each `class` statement). `class_name(ClassName::Qualname)` is the
/// interned `"__qualname__"`.
#[derive(Clone, Copy)]
pub enum ClassName {
    Qualname,
    Module,
    Name,
    Doc,
    Del,
    Eq,
    Hash,
    Dict,
    Classcell,
    SetName,
    InitSubclass,
    New,
    ClassGetitem,
    Slots,
    Prepare,
    OrigBases,
    Weakref,
}

/// The text of each [`ClassName`], in declaration order.
const CLASS_NAMES: [&str; 17] = [
    "__qualname__",
    "__module__",
    "__name__",
    "__doc__",
    "__del__",
    "__eq__",
    "__hash__",
    "__dict__",
    "__classcell__",
    "__set_name__",
    "__init_subclass__",
    "__new__",
    "__class_getitem__",
    "__slots__",
    "__prepare__",
    "__orig_bases__",
    "__weakref__",
];

crate::interp_static! {
    static CLASS_NAME_VALUES: OnceCell<Vec<Value>> = const { OnceCell::new() };
}

/// `d[name] = v` for a class dict `d` (as `dict::set_str`, without
/// interning the name again).
pub fn set_class_attr(d: &Value, name: ClassName, v: Value) {
    let key = class_name(name);
    if let (Some(dd), Some(text)) = (dict::data(d), crate::objects::str::data(&key)) {
        let h = crate::objects::str::hash_of(text);
        let _ = dd.set_hashed(key, h, v);
    }
}

/// The interned `str` of a class-creation dunder name.
#[inline]
pub fn class_name(name: ClassName) -> Value {
    CLASS_NAME_VALUES.with(|names| {
        names.get_or_init(|| CLASS_NAMES.iter().map(|n| intern(n)).collect())[name as usize].clone()
    })
}

/// The type is a Python class (created by `class` or `type()`).
pub const TF_HEAPTYPE: u32 = 1;
/// Instances can carry a `__dict__`.
pub const TF_HAS_DICT: u32 = 2;
/// The type may be subclassed.
pub const TF_BASETYPE: u32 = 4;
/// Instances of this native type can be weakly referenced (CPython's
/// `tp_weaklistoffset`; heap types and the boot types are decided by
/// `objects::weakref::supports_weakrefs`).
pub const TF_WEAKREFABLE: u32 = 8;
/// Instances match sequence patterns (CPython's `Py_TPFLAGS_SEQUENCE`, same bit).
pub const TF_SEQUENCE: u32 = 1 << 5;
/// Instances match mapping patterns (CPython's `Py_TPFLAGS_MAPPING`, same bit).
pub const TF_MAPPING: u32 = 1 << 6;
/// The two pattern-matching collection kinds (at most one is set).
pub const TF_COLLECTION: u32 = TF_SEQUENCE | TF_MAPPING;
/// A class pattern with one positional sub-pattern matches the subject
/// itself (CPython's `_Py_TPFLAGS_MATCH_SELF`, same bit): `int(x)`.
pub const TF_MATCH_SELF: u32 = 1 << 22;

/// The payload of a type object.
pub struct TypeData {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub bases: RefCell<Vec<Value>>,
    pub mro: RefCell<Vec<Value>>,
    /// The class namespace (a dict object; set once at creation).
    pub dict: OnceCell<Value>,
    pub flags: Cell<u32>,
    /// The Rust payload type of instances (inherited by subclasses).
    pub layout: TypeId,
    /// Frees an instance (drops its `Obj<layout>`).
    pub dealloc: unsafe fn(*const Header),
    /// The bytes of one instance's `Obj<layout>` (`object.__sizeof__`).
    pub basicsize: usize,
    /// Whether instances have a `__del__` to run.
    pub has_finalizer: Cell<bool>,
    /// Bumped on every change to this type's or a base's namespace.
    pub version: Cell<u64>,
    /// Direct subclasses (raw type pointers; types outlive their subclasses'
    /// registration because a subclass holds its bases).
    pub subclasses: RefCell<Vec<usize>>,
    /// For builtin types: the Python name of the module (`builtins`).
    pub doc: Slot,
    /// The hot protocols (`slots.rs`), filled on first use.
    pub slots: SlotTable,
}

/// How instances of a type are laid out: the Rust payload type, the
/// function that frees one, and the size of one `Obj<payload>`.
#[derive(Clone, Copy)]
pub struct InstanceLayout {
    pub id: TypeId,
    pub dealloc: unsafe fn(*const Header),
    pub basicsize: usize,
}

impl InstanceLayout {
    /// Instances are `Obj<T>`, freed by dropping the box.
    pub fn of<T: 'static>() -> InstanceLayout {
        Self::with_dealloc::<T>(crate::heap::drop_obj::<T>)
    }

    /// Instances are `Obj<T>`, freed by `dealloc`.
    pub fn with_dealloc<T: 'static>(dealloc: unsafe fn(*const Header)) -> InstanceLayout {
        InstanceLayout {
            id: TypeId::of::<T>(),
            dealloc,
            basicsize: std::mem::size_of::<crate::heap::Obj<T>>(),
        }
    }
}

impl TypeData {
    pub fn new(name: &str, instances: InstanceLayout, flags: u32) -> TypeData {
        TypeData {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            bases: RefCell::new(Vec::new()),
            mro: RefCell::new(Vec::new()),
            dict: OnceCell::new(),
            flags: Cell::new(flags),
            layout: instances.id,
            dealloc: instances.dealloc,
            basicsize: instances.basicsize,
            has_finalizer: Cell::new(false),
            version: Cell::new(next_version()),
            subclasses: RefCell::new(Vec::new()),
            doc: Slot::default(),
            slots: SlotTable::default(),
        }
    }

    pub fn name(&self) -> String {
        self.name.borrow().clone()
    }

    pub fn is_heap(&self) -> bool {
        self.flags.get() & TF_HEAPTYPE != 0
    }

    /// The namespace dict.
    pub fn dict(&self) -> &Value {
        self.dict.get().expect("type dict is set at creation")
    }
}

crate::interp_static! {
    static VERSION: Cell<u64> = const { Cell::new(1) };
}

fn next_version() -> u64 {
    VERSION.with(|v| {
        let n = v.get();
        v.set(n + 1);
        n
    })
}

/// The `TypeData` of a type object (None when `v` is not a type).
#[inline(always)]
pub fn as_type(v: &Value) -> Option<&TypeData> {
    v.downcast::<TypeData>()
}

/// The type object of any value.
#[inline(always)]
pub fn type_of(v: &Value) -> Value {
    if v.is_small_int() {
        rt().types.int.clone()
    } else if v.is_float() {
        rt().types.float.clone()
    } else {
        match v.header() {
            Some(h) => h.type_value(),
            None => rt().none.clone(),
        }
    }
}

/// The `TypeData` of a value's type, without a reference count change.
#[inline(always)]
pub fn type_data_of(v: &Value) -> &TypeData {
    if v.is_small_int() {
        type_payload(&rt().types.int)
    } else if v.is_float() {
        type_payload(&rt().types.float)
    } else {
        match v.header() {
            Some(h) => h.type_data(),
            None => type_payload(&rt().types.none_type),
        }
    }
}

/// The payload of a value known to be a type object.
#[inline(always)]
pub fn type_payload(ty: &Value) -> &TypeData {
    // SAFETY: callers pass type objects only (builtin type handles or values
    // checked with `as_type`); their layout is `TypeData`.
    unsafe { &(*(ty.as_ptr() as *const Obj<TypeData>)).payload }
}

/// The name of a value's type as CPython's messages show it (its
/// `tp_name`: see [`tp_name`]).
pub fn type_name(v: &Value) -> String {
    tp_name(type_data_of(v))
}

/// `type(v).__name__` (CPython's `_PyType_Name`, what reprs such as
/// `deque([...])` show).
pub fn short_type_name(v: &Value) -> String {
    type_data_of(v).name()
}

/// CPython's `tp_name`: `__name__`, prefixed with the module for a
/// native type defined outside `builtins` (`_io.TextIOWrapper`,
/// `itertools.count`); classes made by `class` statements have the bare name.
pub fn tp_name(td: &TypeData) -> String {
    let name = td.name();
    if td.is_heap() {
        return name;
    }
    let module = td.dict.get().and_then(|d| dict::get_str(d, &intern("__module__")));
    match module.as_ref().and_then(crate::objects::str::as_str) {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    }
}

/// `issubclass(a, b)` for type objects, by the MRO.
pub fn is_subtype(a: &Value, b: &Value) -> bool {
    if a.is(b) {
        return true;
    }
    match as_type(a) {
        Some(td) => td.mro.borrow().iter().any(|t| t.is(b)),
        None => false,
    }
}

/// `isinstance(v, ty)` for a type object `ty` (no `__instancecheck__`).
pub fn is_instance(v: &Value, ty: &Value) -> bool {
    if v.is_small_int() {
        return ty.is(&rt().types.int) || ty.is(&rt().types.object);
    }
    if v.is_float() {
        return ty.is(&rt().types.float) || ty.is(&rt().types.object);
    }
    is_subtype(&type_of(v), ty)
}

/// Looks `name` up along the MRO of type `ty` (`_PyType_Lookup`), through
/// the version-tagged cache.
#[inline]
pub fn lookup(ty: &Value, name: &Value) -> Option<Value> {
    lookup_td(type_payload(ty), name)
}

/// `lookup` for a type given by its payload (no reference count traffic).
#[inline]
pub fn lookup_td(td: &TypeData, name: &Value) -> Option<Value> {
    if !is_cacheable_name(name) {
        // A transient str (`getattr(o, "a" + b)`) may be freed and its
        // address reused by another name: only immortal (interned) names
        // key the cache, as CPython's MCACHE_CACHEABLE_NAME.
        return lookup_in_mro(td, name);
    }
    let key = (td as *const TypeData as u64, name.bits());
    let version = td.version.get();
    if let Some(hit) = cache_get(key, version) {
        return hit;
    }
    let found = lookup_in_mro(td, name);
    cache_put(key, version, &found);
    found
}

/// Whether `name` lives forever (interned names are immortal).
#[inline]
fn is_cacheable_name(name: &Value) -> bool {
    name.header().is_some_and(|h| h.refcnt.get() >= crate::heap::IMMORTAL / 2)
}

/// The MRO walk behind `lookup`, without the cache.
pub fn lookup_in_mro(td: &TypeData, name: &Value) -> Option<Value> {
    let mro = td.mro.borrow();
    for (i, base) in mro.iter().enumerate() {
        match dict::get_str_pure(type_payload(base).dict(), name) {
            Some(Some(v)) => return Some(v),
            Some(None) => {}
            None => {
                // A key's `__eq__` runs Python code, which may assign
                // `__bases__`: go on over a snapshot of the MRO (CPython
                // holds a reference to the MRO tuple during the lookup).
                let rest = mro[i..].to_vec();
                drop(mro);
                return rest.iter().find_map(|b| dict::get_str(type_payload(b).dict(), name));
            }
        }
    }
    None
}

/// Looks up an attribute named by a Rust string (interned first).
pub fn lookup_str(ty: &Value, name: &str) -> Option<Value> {
    lookup(ty, &intern(name))
}

const CACHE_SIZE: usize = 4096;

struct CacheEntry {
    ty: u64,
    name: u64,
    version: u64,
    value: Option<Value>,
}

crate::interp_static! {
    static METHOD_CACHE: RefCell<Vec<CacheEntry>> = const { RefCell::new(Vec::new()) };
}

fn cache_index(key: (u64, u64)) -> usize {
    let h = (key.0 >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key.1 >> 4);
    (h as usize) % CACHE_SIZE
}

fn cache_get(key: (u64, u64), version: u64) -> Option<Option<Value>> {
    METHOD_CACHE.with(|c| {
        let c = c.borrow();
        let e = c.get(cache_index(key))?;
        (e.ty == key.0 && e.name == key.1 && e.version == version).then(|| e.value.clone())
    })
}

fn cache_put(key: (u64, u64), version: u64, value: &Option<Value>) {
    let old = METHOD_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize_with(CACHE_SIZE, || CacheEntry { ty: 0, name: 0, version: 0, value: None });
        }
        let e = &mut c[cache_index(key)];
        e.ty = key.0;
        e.name = key.1;
        e.version = version;
        std::mem::replace(&mut e.value, value.clone())
    });
    drop(old);
}

/// Marks `ty` and all its subclasses as modified (new version tags).
pub fn type_modified(ty: &Value) {
    let td = type_payload(ty);
    td.version.set(next_version());
    for sub in subclasses(td) {
        type_modified(&sub);
    }
}

/// The direct subclasses of a type.
pub fn subclasses(td: &TypeData) -> Vec<Value> {
    let subs: Vec<usize> = td.subclasses.borrow().clone();
    // SAFETY: registered subclasses are allocated type objects (see
    // `subclasses`); one whose count reached zero waits for its dealloc and
    // must not be revived.
    subs.into_iter()
        .filter(|&sub| unsafe { &*(sub as *const Header) }.refcnt.get() > 0)
        .map(|sub| unsafe { Value::from_borrowed_ptr(sub as *const Header) })
        .collect()
}

/// Sets an attribute in a type's namespace (`C.x = v`, `del C.x` with NULL).
pub fn type_set_attr(ty: &Value, name: &Value, value: Value) -> PyResult<()> {
    let td = type_payload(ty);
    if !td.is_heap() {
        let n = td.name();
        return Err(exc::type_error(format!(
            "cannot set '{}' attribute of immutable type '{n}'",
            crate::objects::str::as_str(name).unwrap_or("?")
        )));
    }
    if value.is_null() {
        if dict::del_item(td.dict(), name)?.is_none() {
            return Err(exc::attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                td.name(),
                crate::objects::str::as_str(name).unwrap_or("?")
            )));
        }
    } else {
        dict::set_item(td.dict(), name.clone(), value)?;
    }
    let name_text = crate::objects::str::as_str(name).unwrap_or("");
    if name_text == "__del__" {
        td.has_finalizer.set(lookup_in_mro(td, name).is_some());
    }
    type_modified(ty);
    if crate::slots::is_slot_name(name_text) {
        crate::slots::invalidate(ty);
    }
    Ok(())
}

/// C3 linearisation of `bases` for a class named `name`.
pub fn compute_mro(ty: &Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| x.is(b)) {
            return Err(exc::type_error(format!("duplicate base class {}", type_payload(b).name())));
        }
    }
    if let [only] = bases {
        // C3 of one base is the class followed by that base's MRO.
        let base_mro = type_payload(only).mro.borrow();
        let mut out = Vec::with_capacity(base_mro.len() + 1);
        out.push(ty.clone());
        out.extend(base_mro.iter().cloned());
        return Ok(out);
    }
    let mut seqs: Vec<Vec<Value>> = bases.iter().map(|b| type_payload(b).mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![ty.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate =
            seqs.iter().map(|s| s[0].clone()).find(|c| !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(c))));
        let Some(next) = candidate else {
            return Err(mro_error(&seqs));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

fn mro_error(seqs: &[Vec<Value>]) -> crate::PyErr {
    let mut names: Vec<String> = Vec::new();
    let mut seen: Vec<u64> = Vec::new();
    for s in seqs {
        if !seen.contains(&s[0].bits()) {
            seen.push(s[0].bits());
            names.push(type_payload(&s[0]).name());
        }
    }
    exc::type_error(format!(
        "Cannot create a consistent method resolution\norder (MRO) for bases {}",
        names.join(", ")
    ))
}

/// Creates a class: `metatype(name, bases, namespace)`.
pub fn type_new(metatype: &Value, name: &str, bases: Vec<Value>, ns: &Value) -> PyResult<Value> {
    let r = rt();
    let bases = if bases.is_empty() { vec![r.types.object.clone()] } else { bases };
    for b in &bases {
        let Some(bt) = as_type(b) else {
            return Err(exc::type_error("bases must be types".to_string()));
        };
        if bt.flags.get() & TF_BASETYPE == 0 {
            return Err(exc::type_error(format!("type '{}' is not an acceptable base type", bt.name())));
        }
    }
    let solid = solid_base(&bases)?;
    let sd = type_payload(&solid);
    let instances = InstanceLayout { id: sd.layout, dealloc: sd.dealloc, basicsize: sd.basicsize };
    let td = TypeData::new(name, instances, TF_HEAPTYPE | TF_HAS_DICT | TF_BASETYPE);
    let ty = heap::alloc(metatype, td);
    let td = type_payload(&ty);
    *td.bases.borrow_mut() = bases.clone();
    let mro = compute_mro(&ty, &bases)?;
    *td.mro.borrow_mut() = mro;
    inherit_match_flags(td);
    let d = dict::copy(ns)?;
    let _ = td.dict.set(d);
    let qualname_key = class_name(ClassName::Qualname);
    if let Some(q) = dict::get_str(td.dict(), &qualname_key) {
        if let Some(s) = crate::objects::str::as_str(&q) {
            *td.qualname.borrow_mut() = s.to_string();
        }
        dict::del_item(td.dict(), &qualname_key)?;
    }
    td.has_finalizer.set(lookup_in_mro(td, &class_name(ClassName::Del)).is_some());
    let own = |n: ClassName| dict::get_str(td.dict(), &class_name(n)).is_some();
    if own(ClassName::Eq) && !own(ClassName::Hash) {
        set_class_attr(td.dict(), ClassName::Hash, rt().none.clone());
    }
    if lookup_in_mro(td, &class_name(ClassName::Dict)).is_none() {
        crate::objects::install(
            &ty,
            &[],
            &[(
                "__dict__",
                crate::objects::object::get_instance_dict,
                Some(crate::objects::object::set_instance_dict_attr),
            )],
        );
    }
    for b in &bases {
        type_payload(b).subclasses.borrow_mut().push(ty.bits() as usize);
    }
    Ok(ty)
}

/// `type.__flags__`: CPython's `tp_flags` bits for what Taipan knows of a
/// type (heap/immutable, base type, ready, abstract, the pattern-matching
/// bits and the fast-subclass bits), which `inspect.isabstract` and
/// `copyreg` read. Bits Taipan has no notion of (GC, vectorcall) are clear.
pub fn cpython_flags(ty: &Value) -> u64 {
    let td = type_payload(ty);
    let own = td.flags.get();
    let bit = |cond: bool, n: u32| if cond { 1u64 << n } else { 0 };
    let t = &rt().types;
    let subclass_bits = [
        (&t.int, 24),
        (&t.list, 25),
        (&t.tuple, 26),
        (&t.bytes, 27),
        (&t.str, 28),
        (&t.dict, 29),
        (&rt().exc.base_exception, 30),
        (&t.type_, 31),
    ];
    let mut flags = u64::from(own & (TF_COLLECTION | TF_MATCH_SELF))
        | bit(!td.is_heap(), 8)
        | bit(td.is_heap(), 9)
        | bit(own & TF_BASETYPE != 0, 10)
        | bit(true, 12)
        | bit(is_abstract(td), 20);
    for (base, n) in subclass_bits {
        flags |= bit(is_subtype(ty, base), n);
    }
    flags
}

/// Whether the class's own `__abstractmethods__` is a non-empty set
/// (CPython's `Py_TPFLAGS_IS_ABSTRACT`).
fn is_abstract(td: &TypeData) -> bool {
    dict::get_str(td.dict(), &intern("__abstractmethods__"))
        .and_then(|a| crate::objects::set::items_of(&a))
        .is_some_and(|items| !items.is_empty())
}

/// The pattern-matching flags a new class takes from its MRO (CPython's
/// `inherit_special`/`inherit_patma_flags`): match-self from any base, the
/// collection kind from the first base in the MRO that has one.
pub fn inherit_match_flags(td: &TypeData) {
    let mro = td.mro.borrow();
    let mut flags = td.flags.get();
    for base in mro.iter().skip(1) {
        let bf = type_payload(base).flags.get();
        flags |= bf & TF_MATCH_SELF;
        if flags & TF_COLLECTION == 0 {
            flags |= bf & TF_COLLECTION;
        }
    }
    td.flags.set(flags);
}

/// The most derived base with a non-trivial layout (the "solid base"), or
/// an error when two bases' layouts conflict.
fn solid_base(bases: &[Value]) -> PyResult<Value> {
    let object_layout = type_payload(&rt().types.object).layout;
    let mut best = rt().types.object.clone();
    for b in bases {
        let bl = type_payload(b).layout;
        if bl == object_layout {
            continue;
        }
        let cur = type_payload(&best).layout;
        if cur == object_layout || cur == bl {
            if cur == object_layout || is_subtype(b, &best) {
                best = b.clone();
            }
        } else {
            return Err(exc::type_error("multiple bases have instance lay-out conflict".to_string()));
        }
    }
    Ok(best)
}

/// CPython's `check_set_special_type_attr`: the special attributes of a
/// builtin (immutable) type cannot be set, nor those of any type deleted
/// (`value` NULL).
fn check_special_attr(td: &TypeData, value: &Value, name: &str) -> PyResult<()> {
    let verb = if !td.is_heap() {
        "set"
    } else if value.is_null() {
        "delete"
    } else {
        return Ok(());
    };
    Err(exc::type_error(format!("cannot {verb} '{name}' attribute of immutable type '{}'", td.name())))
}

/// The text of `value` assigned to `C.<attr>`: a str without NUL.
fn assigned_name(td: &TypeData, value: &Value, attr: &str) -> PyResult<String> {
    let Some(s) = crate::objects::str::as_str(value) else {
        return Err(exc::type_error(format!(
            "can only assign string to {}.{attr}, not '{}'",
            td.name(),
            type_name(value)
        )));
    };
    Ok(s.to_string())
}

/// `C.__name__ = value`.
pub fn set_name(ty: &Value, value: Value) -> PyResult<()> {
    let td = type_payload(ty);
    check_special_attr(td, &value, "__name__")?;
    let s = assigned_name(td, &value, "__name__")?;
    if s.contains('\0') {
        return Err(exc::value_error("type name must not contain null characters"));
    }
    *td.name.borrow_mut() = s;
    Ok(())
}

/// `C.__qualname__ = value`.
pub fn set_qualname(ty: &Value, value: Value) -> PyResult<()> {
    let td = type_payload(ty);
    check_special_attr(td, &value, "__qualname__")?;
    *td.qualname.borrow_mut() = assigned_name(td, &value, "__qualname__")?;
    Ok(())
}

/// `C.__module__ = value` and `C.__doc__ = value`: into the namespace.
pub fn set_namespace_attr(ty: &Value, name: &str, value: Value) -> PyResult<()> {
    check_special_attr(type_payload(ty), &value, name)?;
    type_set_attr(ty, &intern(name), value)
}

/// `C.__bases__ = value` (CPython's `type_set_bases`): checks the new
/// bases, then recomputes the MRO of `C` and of every subclass (all
/// restored when one fails), moves `C` between the bases' subclass lists,
/// and invalidates version tags and slot tables so that specialised sites
/// deoptimise.
pub fn set_bases(ty: &Value, value: Value) -> PyResult<()> {
    let td = type_payload(ty);
    check_special_attr(td, &value, "__bases__")?;
    let name = td.name();
    let Some(items) = crate::objects::tuple::items(&value) else {
        return Err(exc::type_error(format!(
            "can only assign tuple to {name}.__bases__, not {}",
            type_name(&value)
        )));
    };
    if items.is_empty() {
        return Err(exc::type_error(format!("can only assign non-empty tuple to {name}.__bases__, not ()")));
    }
    for b in items {
        if as_type(b).is_none() {
            return Err(exc::type_error(format!(
                "{name}.__bases__ must be tuple of classes, not '{}'",
                type_name(b)
            )));
        }
        if is_subtype(b, ty) {
            return Err(exc::type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let new_bases = items.to_vec();
    let old_bases = td.bases.borrow().clone();
    check_compatible_bases(&old_bases, &new_bases)?;
    *td.bases.borrow_mut() = new_bases.clone();
    let mut saved = Vec::new();
    if let Err(e) = recompute_mros(ty, &mut saved) {
        *td.bases.borrow_mut() = old_bases;
        for (t, mro) in saved {
            *type_payload(&t).mro.borrow_mut() = mro;
        }
        return Err(e);
    }
    let me = ty.bits() as usize;
    for b in &old_bases {
        type_payload(b).subclasses.borrow_mut().retain(|p| *p != me);
    }
    for b in &new_bases {
        type_payload(b).subclasses.borrow_mut().push(me);
    }
    let del = intern("__del__");
    td.has_finalizer.set(lookup_in_mro(td, &del).is_some());
    type_modified(ty);
    crate::slots::invalidate(ty);
    Ok(())
}

/// Recomputes the MRO of `ty` and its subclasses, depth first, keeping
/// each replaced MRO in `saved` for an undo.
fn recompute_mros(ty: &Value, saved: &mut Vec<(Value, Vec<Value>)>) -> PyResult<()> {
    let td = type_payload(ty);
    let bases = td.bases.borrow().clone();
    let mro = compute_mro(ty, &bases)?;
    let old = std::mem::replace(&mut *td.mro.borrow_mut(), mro);
    saved.push((ty.clone(), old));
    for sub in subclasses(td) {
        recompute_mros(&sub, saved)?;
    }
    Ok(())
}

/// CPython's `compatible_for_assignment` for `__bases__`: instances must
/// keep their deallocator and layout. Each side walks up from its best
/// base while a class adds nothing to its base's layout; the two roots
/// must be one class, or siblings adding the same slots.
fn check_compatible_bases(old: &[Value], new: &[Value]) -> PyResult<()> {
    let (new_solid, old_solid) = (solid_base(new)?, solid_base(old)?);
    let (newto, oldto) = (best_base(new, &new_solid), best_base(old, &old_solid));
    let names = || (type_payload(&newto).name(), type_payload(&oldto).name());
    if is_gc_layout(&new_solid) != is_gc_layout(&old_solid) {
        let (n, o) = names();
        return Err(exc::type_error(format!("__bases__ assignment: '{n}' deallocator differs from '{o}'")));
    }
    let (new_root, old_root) = (layout_root(&newto), layout_root(&oldto));
    let compatible = new_root.is(&old_root)
        || (base_of(&new_root).is_some_and(|b| base_of(&old_root).is_some_and(|c| b.is(&c)))
            && added_slots(&new_root) == added_slots(&old_root));
    if compatible {
        return Ok(());
    }
    let (n, o) = names();
    Err(exc::type_error(format!("__bases__ assignment: '{n}' object layout differs from '{o}'")))
}

/// `ty`'s `tp_base`: its best base (None for `object`).
fn base_of(ty: &Value) -> Option<Value> {
    let bases = type_payload(ty).bases.borrow().clone();
    let solid = solid_base(&bases).ok()?;
    (!bases.is_empty()).then(|| best_base(&bases, &solid))
}

/// What a class adds to its base's instance layout: its own `__slots__`
/// names, whether it adds a `__dict__`, whether it adds `__weakref__`.
fn added_slots(ty: &Value) -> (Vec<String>, bool, bool) {
    let td = type_payload(ty);
    let has_dict = |t: &TypeData| t.flags.get() & TF_HAS_DICT != 0;
    let adds_dict = has_dict(td) && !base_of(ty).is_some_and(|b| has_dict(type_payload(&b)));
    if !td.is_heap() {
        return (Vec::new(), adds_dict, false);
    }
    let own = |n: &str| dict::get_str(td.dict(), &intern(n));
    let slots = own("__slots__")
        .map(|s| match crate::objects::str::as_str(&s) {
            Some(one) => vec![one.to_string()],
            None => crate::ops::collect(&s)
                .unwrap_or_default()
                .iter()
                .map(|n| crate::objects::str::as_str(n).unwrap_or("").to_string())
                .collect(),
        })
        .unwrap_or_default();
    (slots, adds_dict, own("__weakref__").is_some())
}

/// The class a `ty` instance layout really comes from: up the best bases
/// while a class adds nothing (CPython's `compatible_with_tp_base` walk).
fn layout_root(ty: &Value) -> Value {
    let mut t = ty.clone();
    loop {
        let Some(base) = base_of(&t) else { return t };
        let td = type_payload(&t);
        let adds = if td.is_heap() {
            added_slots(&t) != (Vec::new(), false, false)
        } else {
            td.layout != type_payload(&base).layout
        };
        if adds {
            return t;
        }
        t = base;
    }
}

/// CPython's `best_base`: the first base whose layout is the solid one.
fn best_base(bases: &[Value], solid: &Value) -> Value {
    let layout = type_payload(solid).layout;
    bases.iter().find(|b| type_payload(b).layout == layout).unwrap_or(&bases[0]).clone()
}

/// Whether CPython frees instances of types with this solid base through
/// the garbage collector (all but the subclassable scalar builtins do).
fn is_gc_layout(solid: &Value) -> bool {
    let t = &rt().types;
    let layout = type_payload(solid).layout;
    ![&t.int, &t.float, &t.str, &t.bytes].iter().any(|ty| type_payload(ty).layout == layout)
}
