//! `object` and `type`: the root methods every class inherits
//! (`__new__`/`__init__` argument rules, `__eq__`/`__ne__`/`__hash__`
//! defaults, `__repr__`, `__str__`, `__format__`, attribute access, `__dict__`,
//! `__class__`) and the methods of `type` (calling a class, `type(x)`,
//! `type(name, bases, ns)`, `mro()`, `__name__`, …). Also the helpers that
//! allocate instances of subclasses and run `__del__`.

use super::{check_args, m, mk, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::{rt, Runtime};
use crate::types::{self, as_type, type_name, type_of, type_payload, ClassName, TypeData, TF_HAS_DICT};
use crate::value::Value;
use std::any::TypeId;

/// Creates a native type `module.name` (not a heap type: its namespace is
/// fixed) whose instances have payload `T`, derived from `base`, with its
/// method and getset tables installed. Types the runtime does not boot with
/// (`types.GenericAlias`, the stdlib's `deque`, …) are made with this and
/// kept by their module; they are immortal.
pub fn new_native_type<T: 'static>(
    name: &str,
    module: &str,
    base: &Value,
    flags: u32,
    methods: &[Method],
    getsets: &[(&'static str, Getter, Option<Setter>)],
) -> Value {
    let td = TypeData::new(name, crate::types::InstanceLayout::of::<T>(), flags);
    let ty = crate::heap::alloc(&rt().types.type_, td);
    crate::runtime::make_immortal(&ty);
    let td = type_payload(&ty);
    *td.bases.borrow_mut() = vec![base.clone()];
    let mut mro = vec![ty.clone()];
    mro.extend(type_payload(base).mro.borrow().iter().cloned());
    *td.mro.borrow_mut() = mro;
    crate::types::inherit_match_flags(td);
    let _ = td.dict.set(super::dict::new_dict());
    super::install(&ty, methods, getsets);
    super::dict::set_str(td.dict(), "__module__", super::str::new(module));
    super::dict::set_str(td.dict(), "__doc__", rt().none.clone());
    type_payload(base).subclasses.borrow_mut().push(ty.bits() as usize);
    crate::types::type_modified(&ty);
    ty
}

/// Allocates an instance of class `cls` whose layout must be `T`.
pub fn alloc_subclass<T: 'static>(cls: &Value, payload: T) -> PyResult<Value> {
    let Some(td) = as_type(cls) else {
        return Err(exc::type_error(format!("__new__(X): X is not a type object ({})", type_name(cls))));
    };
    if td.layout != TypeId::of::<T>() {
        return Err(exc::type_error(format!(
            "__new__({}): {} is not a subtype of the base",
            td.name(),
            td.name()
        )));
    }
    Ok(crate::heap::alloc(cls, payload))
}

/// Allocates an instance of `cls`, which is `base` or one of its subclasses.
pub fn alloc_maybe_subclass<T: 'static>(cls: &Value, base: &Value, payload: T) -> PyResult<Value> {
    if cls.is(base) {
        return Ok(crate::heap::alloc(base, payload));
    }
    if !types::is_subtype(cls, base) {
        return Err(exc::type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            type_payload(base).name(),
            type_payload(cls).name(),
            type_payload(cls).name(),
            type_payload(base).name()
        )));
    }
    alloc_subclass(cls, payload)
}

/// Whether instances of `v`'s type carry a `__dict__`.
pub fn has_dict(v: &Value) -> bool {
    v.header().is_some_and(|h| h.type_data().flags.get() & TF_HAS_DICT != 0)
}

/// The instance dict of `v`, created on first use (None if `v` has none).
pub fn instance_dict(v: &Value) -> Option<Value> {
    let h = v.header()?;
    let td = h.type_data();
    if td.is_heap() && td.flags.get() & TF_HAS_DICT == 0 {
        // A class with `__slots__` and no `__dict__`: the header dict, if
        // any, holds slot values only.
        return None;
    }
    if let Some(d) = h.instance_dict() {
        return Some(d);
    }
    if td.flags.get() & TF_HAS_DICT == 0 {
        return None;
    }
    let d = super::dict::new_dict();
    h.set_instance_dict(d.clone());
    Some(d)
}

pub fn get_instance_dict(v: &Value) -> PyResult<Value> {
    instance_dict(v)
        .ok_or_else(|| exc::attribute_error(format!("'{}' object has no attribute '__dict__'", type_name(v))))
}

pub fn set_instance_dict_attr(v: &Value, d: Value) -> PyResult<()> {
    if super::dict::data(&d).is_none() {
        return Err(exc::type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            type_name(&d)
        )));
    }
    match v.header() {
        Some(h) if h.type_data().flags.get() & TF_HAS_DICT != 0 => {
            h.set_instance_dict(d);
            Ok(())
        }
        _ => Err(exc::attribute_error(format!("'{}' object has no attribute '__dict__'", type_name(v)))),
    }
}

/// The finalizer hook: calls `type(obj).__del__(obj)`, printing (not
/// raising) any exception, as CPython's "Exception ignored in" does.
pub fn run_del(obj: &Value) {
    let Some(del) = types::lookup_str(&type_of(obj), "__del__") else {
        return;
    };
    if let Err(e) = crate::call::call(&del, std::slice::from_ref(obj), &[]) {
        crate::modules::sys::report_unraisable(None, &del, &e);
    }
}

const OBJECT_METHODS: &[Method] = &[
    new_method(object_new),
    mk("__init__", object_init),
    m("__repr__", object_repr),
    m("__str__", object_str),
    m("__eq__", object_eq),
    m("__ne__", object_ne),
    m("__hash__", object_hash),
    m("__format__", object_format),
    m("__getattribute__", object_getattribute),
    m("__setattr__", object_setattr),
    m("__delattr__", object_delattr),
    m("__dir__", object_dir),
    super::cm("__init_subclass__", object_init_subclass),
    super::cm("__subclasshook__", |_, _| Ok(rt().not_implemented.clone())),
    m("__reduce_ex__", object_reduce_ex),
    m("__reduce__", object_reduce),
    m("__getstate__", object_getstate),
    m("__sizeof__", super::sizeof::object_sizeof),
];

const OBJECT_GETSETS: &[(&str, Getter, Option<Setter>)] =
    &[("__class__", |v| Ok(type_of(v)), Some(set_class))];

const TYPE_METHODS: &[Method] = &[
    new_method(type_new),
    mk("__init__", type_init),
    mk("__call__", type_call_method),
    m("__repr__", type_repr),
    m("mro", type_mro_method),
    m("__subclasses__", type_subclasses),
    m("__instancecheck__", type_instancecheck),
    m("__subclasscheck__", type_subclasscheck),
    m("__getattribute__", type_getattribute),
    m("__setattr__", type_setattr),
    m("__delattr__", type_delattr),
    m("__dir__", object_dir),
    m("__or__", super::genericalias::union_or),
    m("__ror__", super::genericalias::union_ror),
    super::cm("__prepare__", |_, _| Ok(super::dict::new_dict())).fast(),
    m("__sizeof__", type_sizeof),
];

const TYPE_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__name__", |v| Ok(super::str::new(&this_type(v)?.name())), Some(crate::types::set_name)),
    (
        "__qualname__",
        |v| Ok(super::str::new(&this_type(v)?.qualname.borrow())),
        Some(crate::types::set_qualname),
    ),
    ("__module__", type_module, Some(|v, x| crate::types::set_namespace_attr(v, "__module__", x))),
    (
        "__bases__",
        |v| Ok(super::tuple::new(this_type(v)?.bases.borrow().clone())),
        Some(crate::types::set_bases),
    ),
    (
        "__base__",
        |v| Ok(this_type(v)?.bases.borrow().first().cloned().unwrap_or_else(|| rt().none.clone())),
        None,
    ),
    ("__mro__", |v| Ok(super::tuple::new(this_type(v)?.mro.borrow().clone())), None),
    (
        "__flags__",
        |v| this_type(v).map(|_| super::int::from_i64(crate::types::cpython_flags(v) as i64)),
        None,
    ),
    ("__dict__", |v| Ok(super::mappingproxy::new_proxy(this_type(v)?.dict().clone())), None),
    ("__doc__", type_doc, Some(|v, x| crate::types::set_namespace_attr(v, "__doc__", x))),
];

/// `__new__` of `NoneType`, `NotImplementedType` and `ellipsis`: the one
/// instance, and no arguments (`args[0]` is the class).
fn singleton_new(type_name: &str, args: &[Value], instance: &Value) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(exc::type_error(format!("{type_name} takes no arguments")));
    }
    Ok(instance.clone())
}

/// Installs object's and type's method tables.
pub fn install_all(r: &Runtime) {
    super::install(&r.types.object, OBJECT_METHODS, OBJECT_GETSETS);
    super::install(&r.types.type_, TYPE_METHODS, TYPE_GETSETS);
    super::install(
        &r.types.none_type,
        &[
            m("__repr__", |_, _| Ok(super::str::intern("None"))),
            m("__bool__", |_, _| Ok(rt().false_.clone())),
            new_method(|args, _| singleton_new("NoneType", args, &rt().none)),
        ],
        &[],
    );
    super::install(
        &r.types.not_implemented_type,
        &[
            m("__repr__", |_, _| Ok(super::str::intern("NotImplemented"))),
            new_method(|args, _| singleton_new("NotImplementedType", args, &rt().not_implemented)),
        ],
        &[],
    );
    super::install(
        &r.types.ellipsis_type,
        &[
            m("__repr__", |_, _| Ok(super::str::intern("Ellipsis"))),
            new_method(|args, _| singleton_new("EllipsisType", args, &rt().ellipsis)),
        ],
        &[],
    );
    for ty in [&r.types.object, &r.types.type_] {
        super::dict::set_str(type_payload(ty).dict(), "__doc__", rt().none.clone());
    }
    let t = &r.types;
    for ty in [
        &t.function,
        &t.method,
        &t.builtin_function,
        &t.method_descriptor,
        &t.wrapper_descriptor,
        &t.method_wrapper,
    ] {
        super::install(ty, &[super::mk("__call__", |a, k| crate::call::call(&a[0], &a[1..], k))], &[]);
    }
    super::install(&t.method, &[new_method(method_new)], &[]);
    let name = super::str::intern("__getattribute__");
    let generic = [&r.types.object, &r.types.type_]
        .map(|t| super::dict::get_str(type_payload(t).dict(), &name).map(|f| f.bits()).unwrap_or(0));
    GENERIC_GETATTRIBUTE.with(|g| g.set(generic));
}

crate::interp_static! {
    /// The addresses of `object.__getattribute__` and `type.__getattribute__`.
    static GENERIC_GETATTRIBUTE: std::cell::Cell<[u64; 2]> = const { std::cell::Cell::new([0, 0]) };
}

/// Whether `f` (a type's `__getattribute__`) is `object`'s or `type`'s
/// generic one, which the attribute code applies without a call.
#[inline]
pub fn is_generic_getattribute(f: &Value) -> bool {
    GENERIC_GETATTRIBUTE.with(|g| g.get().contains(&f.bits()))
}

fn this_type(v: &Value) -> PyResult<&TypeData> {
    as_type(v).ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'type' object but received '{}'", type_name(v)))
    })
}

fn excess_args(args: &[Value], kwnames: &[Value]) -> bool {
    args.len() > 1 || !kwnames.is_empty()
}

fn is_object_slot(ty: &Value, name: &str) -> bool {
    let obj = types::lookup_str(&rt().types.object, name);
    let found = types::lookup_str(ty, name);
    match (obj, found) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    }
}

fn object_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = args.first().ok_or_else(|| exc::type_error("object.__new__(): not enough arguments"))?;
    let td = this_type(cls)?;
    if excess_args(args, kwnames) {
        if !is_object_slot(cls, "__new__") {
            return Err(exc::type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if is_object_slot(cls, "__init__") {
            return Err(exc::type_error(format!("{}() takes no arguments", td.name())));
        }
    }
    check_not_abstract(td)?;
    if td.layout != TypeId::of::<()>() {
        return Err(exc::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            td.name(),
            td.name()
        )));
    }
    Ok(crate::heap::alloc(cls, ()))
}

/// `types.MethodType(func, obj)`.
fn method_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("method() takes no keyword arguments"));
    }
    check_args("method", args, 3, 3)?;
    if !crate::builtins::functions::is_callable(&args[1]) {
        return Err(exc::type_error("first argument must be callable"));
    }
    if args[2].is(&rt().none) {
        return Err(exc::type_error("instance must not be None"));
    }
    Ok(super::function::new_method(args[1].clone(), args[2].clone()))
}

/// Refuses to instantiate a class whose own `__abstractmethods__` is non-empty.
fn check_not_abstract(td: &TypeData) -> PyResult<()> {
    let Some(abstracts) = super::dict::get_str(td.dict(), &super::str::intern("__abstractmethods__")) else {
        return Ok(());
    };
    if !crate::ops::truthy(&abstracts)? {
        return Ok(());
    }
    let mut names: Vec<String> = Vec::new();
    for n in crate::ops::collect(&abstracts)? {
        names.push(crate::ops::str_string(&n)?);
    }
    names.sort();
    Err(exc::type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        td.name(),
        if names.len() == 1 { "" } else { "s" },
        names.join(", ")
    )))
}

fn object_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if excess_args(args, kwnames) {
        let ty = type_of(&args[0]);
        if !is_object_slot(&ty, "__init__") {
            return Err(exc::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if is_object_slot(&ty, "__new__") {
            return Err(exc::type_error(format!("{}() takes no arguments", type_name(&args[0]))));
        }
    }
    Ok(rt().none.clone())
}

/// `<module.Qualname object at 0x...>`.
pub fn default_repr(v: &Value) -> PyResult<Value> {
    let ty = type_of(v);
    let td = type_payload(&ty);
    let module = type_module_name(&ty);
    let q = td.qualname.borrow().clone();
    let name = if module.is_empty() || module == "builtins" { q } else { format!("{module}.{q}") };
    Ok(super::str::from_string(format!("<{name} object at {:#x}>", v.bits())))
}

fn object_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    default_repr(&args[0])
}

fn object_str(args: &[Value], _: &[Value]) -> PyResult<Value> {
    // As CPython's object_str: the type's __repr__ directly (not repr()).
    let v = args.first().ok_or_else(|| exc::type_error("object.__str__ needs an argument"))?;
    match crate::ops::repr_slot(v)? {
        Some(s) if super::str::data(&s).is_some() => Ok(s),
        Some(s) => Err(exc::type_error(format!("__repr__ returned non-string (type {})", type_name(&s)))),
        None => default_repr(v),
    }
}

fn object_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    if args[0].is(&args[1]) {
        return Ok(rt().true_.clone());
    }
    Ok(rt().not_implemented.clone())
}

fn object_ne(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ne__", args, 2, 2)?;
    let Some(eq) = types::lookup_str(&type_of(&args[0]), "__eq__") else {
        return Ok(rt().not_implemented.clone());
    };
    let r = crate::call::call(&eq, args, &[])?;
    if r.is(&rt().not_implemented) {
        return Ok(r);
    }
    Ok(rt().bool_value(!crate::ops::truthy(&r)?))
}

fn object_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(crate::hashing::hash_pointer(args[0].bits())))
}

fn object_format(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__format__", args, 2, 2)?;
    let spec = super::str::as_str(&args[1]).ok_or_else(|| exc::type_error("format spec must be str"))?;
    if !spec.is_empty() {
        return Err(exc::type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(&args[0])
        )));
    }
    crate::ops::str_(&args[0])
}

fn object_getattribute(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getattribute__", args, 2, 2)?;
    crate::attr::generic_getattr(&args[0], &args[1])
}

fn object_setattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setattr__", args, 3, 3)?;
    crate::attr::generic_setattr(&args[0], &args[1], args[2].clone())?;
    Ok(rt().none.clone())
}

fn object_delattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delattr__", args, 2, 2)?;
    crate::attr::generic_setattr(&args[0], &args[1], Value::NULL)?;
    Ok(rt().none.clone())
}

fn object_dir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    let mut add_dict = |d: &Value| {
        if let Some(dd) = super::dict::data(d) {
            for k in dd.keys() {
                if let Some(s) = super::str::as_str(&k) {
                    names.push(s.to_string());
                }
            }
        }
    };
    if let Some(td) = as_type(&args[0]) {
        for t in td.mro.borrow().iter() {
            add_dict(type_payload(t).dict());
        }
    } else {
        if let Some(d) = args[0].header().and_then(|h| h.instance_dict()) {
            add_dict(&d);
        }
        for t in type_payload(&type_of(&args[0])).mro.borrow().iter() {
            add_dict(type_payload(t).dict());
        }
    }
    names.sort();
    names.dedup();
    Ok(super::list::new(names.iter().map(|s| super::str::new(s)).collect()))
}

fn object_init_subclass(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        let name = args.first().and_then(as_type).map(|t| t.name()).unwrap_or_default();
        return Err(exc::type_error(format!("{name}.__init_subclass__() takes no keyword arguments")));
    }
    if args.len() > 1 {
        return Err(exc::type_error(format!(
            "object.__init_subclass__() takes no arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(rt().none.clone())
}

/// `object.__reduce_ex__(protocol)`: an overriding `__reduce__` wins;
/// otherwise `copyreg._reduce_ex` (protocols 0, 1) or `reduce_newobj`.
fn object_reduce_ex(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__reduce_ex__", args, 2, 2)?;
    let obj = &args[0];
    let own = types::lookup_str(&type_of(obj), "__reduce__");
    let base = types::lookup_str(&rt().types.object, "__reduce__");
    if let (Some(own), Some(base)) = (own, base) {
        if !own.is(&base) {
            return crate::attr::call_method(obj, "__reduce__", &[]);
        }
    }
    common_reduce(obj, &args[1])
}

fn object_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__reduce__", args, 1, 1)?;
    common_reduce(&args[0], &super::int::from_i64(0))
}

fn common_reduce(obj: &Value, protocol: &Value) -> PyResult<Value> {
    let proto = super::int::to_i64(protocol).ok_or_else(|| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(protocol)))
    })?;
    let copyreg = import_copyreg()?;
    if proto < 2 {
        let f = crate::attr::getattr_str(&copyreg, "_reduce_ex")?;
        return crate::call::call(&f, &[obj.clone(), protocol.clone()], &[]);
    }
    reduce_newobj(obj, &copyreg)
}

fn import_copyreg() -> PyResult<Value> {
    let import = super::dict::get_str(rt().builtins(), &super::str::intern("__import__"))
        .ok_or_else(|| exc::import_error("__import__ not found"))?;
    crate::call::call(&import, &[super::str::intern("copyreg")], &[])
}

/// `reduce_newobj`: `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`.
fn reduce_newobj(obj: &Value, copyreg: &Value) -> PyResult<Value> {
    let cls = type_of(obj);
    let (args, kwargs) = getnewargs(obj)?;
    let has_args = args.is_some();
    let args = args.unwrap_or_default();
    let t = &rt().types;
    let (newobj, newargs) = match &kwargs {
        Some(kw) if super::dict::data(kw).is_some_and(|d| !d.is_empty()) => (
            crate::attr::getattr_str(copyreg, "__newobj_ex__")?,
            super::tuple::new(vec![cls.clone(), super::tuple::new(args), kw.clone()]),
        ),
        _ => {
            let mut v = vec![cls.clone()];
            v.extend(args);
            (crate::attr::getattr_str(copyreg, "__newobj__")?, super::tuple::new(v))
        }
    };
    let is_list = types::is_subtype(&cls, &t.list);
    let is_dict = types::is_subtype(&cls, &t.dict);
    let required = !has_args && !is_list && !is_dict;
    let state = match types::lookup_str(&cls, "__getstate__") {
        Some(f) if !f.is(&types::lookup_str(&t.object, "__getstate__").unwrap_or_default()) => {
            crate::attr::call_method(obj, "__getstate__", &[])?
        }
        _ => default_state(obj, required)?,
    };
    let listitems = if is_list { crate::ops::iter(obj)? } else { rt().none.clone() };
    let dictitems = if is_dict {
        crate::ops::iter(&crate::attr::call_method(obj, "items", &[])?)?
    } else {
        rt().none.clone()
    };
    Ok(super::tuple::new(vec![newobj, newargs, state, listitems, dictitems]))
}

/// `__getnewargs_ex__()` or `__getnewargs__()`, checked.
fn getnewargs(obj: &Value) -> PyResult<(Option<Vec<Value>>, Option<Value>)> {
    if let Some(f) = crate::attr::getattr_opt(obj, &super::str::intern("__getnewargs_ex__"))? {
        let r = crate::call::call(&f, &[], &[])?;
        let pair = super::tuple::items(&r).filter(|p| p.len() == 2).ok_or_else(|| {
            exc::type_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not '{}'",
                type_name(&r)
            ))
        })?;
        let args = super::tuple::items(&pair[0]).ok_or_else(|| {
            exc::type_error("first item of the tuple returned by __getnewargs_ex__ must be a tuple")
        })?;
        return Ok((Some(args.to_vec()), Some(pair[1].clone())));
    }
    if let Some(f) = crate::attr::getattr_opt(obj, &super::str::intern("__getnewargs__"))? {
        let r = crate::call::call(&f, &[], &[])?;
        let args = super::tuple::items(&r).ok_or_else(|| {
            exc::type_error(format!("__getnewargs__ should return a tuple, not '{}'", type_name(&r)))
        })?;
        return Ok((Some(args.to_vec()), None));
    }
    Ok((None, None))
}

/// The `__slots__` names of `cls` and its bases (mangled; no `__dict__`/`__weakref__`).
fn slot_names_of(cls: &Value) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    for t in type_payload(cls).mro.borrow().iter() {
        let td = type_payload(t);
        let Some(slots) = super::dict::get_str(td.dict(), &super::str::intern("__slots__")) else {
            continue;
        };
        for n in slot_names(&slots)? {
            let s = super::str::as_str(&n).unwrap_or("");
            if s != "__dict__" && s != "__weakref__" {
                out.push(super::str::from_string(mangle(&td.name(), s)));
            }
        }
    }
    Ok(out)
}

/// `object.__getstate__()`: the instance dict (None when empty), paired
/// with a dict of the set slots when there are any.
fn default_state(obj: &Value, required: bool) -> PyResult<Value> {
    let cls = type_of(obj);
    if required && type_payload(&cls).layout != TypeId::of::<()>() {
        return Err(exc::type_error(format!("cannot pickle '{}' object", type_name(obj))));
    }
    let state = match instance_dict(obj) {
        Some(d) if super::dict::data(&d).is_some_and(|x| !x.is_empty()) => d,
        _ => rt().none.clone(),
    };
    let names = slot_names_of(&cls)?;
    if names.is_empty() {
        return Ok(state);
    }
    let slots = super::dict::new_dict();
    for n in names {
        if let Some(v) = crate::attr::getattr_opt(obj, &n)? {
            super::dict::set_item(&slots, n, v)?;
        }
    }
    if super::dict::data(&slots).is_some_and(|d| d.is_empty()) {
        return Ok(state);
    }
    Ok(super::tuple::new(vec![state, slots]))
}

fn object_getstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getstate__", args, 1, 1)?;
    default_state(&args[0], false)
}

fn set_class(v: &Value, cls: Value) -> PyResult<()> {
    let Some(new_td) = as_type(&cls) else {
        return Err(exc::type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            type_name(&cls)
        )));
    };
    let old = type_of(v);
    let old_td = type_payload(&old);
    let Some(h) = v.header() else {
        return Err(exc::type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    };
    if !old_td.is_heap() || !new_td.is_heap() || old_td.layout != new_td.layout {
        return Err(exc::type_error(format!(
            "__class__ assignment: '{}' object layout differs from '{}'",
            new_td.name(),
            old_td.name()
        )));
    }
    let new_ptr = cls.into_raw() as *const crate::heap::Header;
    let old_ptr = h.ty.replace(new_ptr);
    // SAFETY: the header owned a reference to its old type.
    drop(unsafe { Value::from_raw(old_ptr as u64) });
    Ok(())
}

/// The `__module__` of a type as text.
pub fn type_module_name(ty: &Value) -> String {
    let td = type_payload(ty);
    match super::dict::get_str(td.dict(), &super::str::intern("__module__")) {
        Some(m) if td.is_heap() || super::str::as_str(&m).is_some() => {
            super::str::as_str(&m).unwrap_or("").to_string()
        }
        _ => "builtins".to_string(),
    }
}

fn type_module(v: &Value) -> PyResult<Value> {
    let td = this_type(v)?;
    match super::dict::get_str(td.dict(), &super::str::intern("__module__")) {
        Some(m) if td.is_heap() || super::str::as_str(&m).is_some() => Ok(m),
        _ => Ok(super::str::intern("builtins")),
    }
}

fn type_doc(v: &Value) -> PyResult<Value> {
    let td = this_type(v)?;
    Ok(super::dict::get_str(td.dict(), &super::str::intern("__doc__")).unwrap_or_else(|| rt().none.clone()))
}

/// `type.__new__(meta, name, bases, ns)` (and `type(x)`); `__build_class__`
/// calls it directly when the metaclass is `type` itself.
pub(crate) fn type_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let meta = &args[0];
    if npos == 2 && meta.is(&rt().types.type_) {
        return Ok(type_of(&args[1]));
    }
    if npos != 4 {
        return Err(exc::type_error("type() takes 1 or 3 arguments"));
    }
    let name = super::str::as_str(&args[1]).ok_or_else(|| {
        exc::type_error(format!("type.__new__() argument 1 must be str, not {}", type_name(&args[1])))
    })?;
    let bases = super::tuple::items(&args[2])
        .ok_or_else(|| {
            exc::type_error(format!("type.__new__() argument 2 must be tuple, not {}", type_name(&args[2])))
        })?
        .to_vec();
    if super::dict::data(&args[3]).is_none() {
        return Err(exc::type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            type_name(&args[3])
        )));
    }
    let winner = calculate_meta(meta, &bases)?;
    if !winner.is(meta) {
        let own_new = types::lookup_str(&winner, "__new__");
        let type_new = types::lookup_str(&rt().types.type_, "__new__");
        if let (Some(f), Some(t)) = (own_new, type_new) {
            if !f.is(&t) {
                // A more derived metaclass with its own `__new__` builds the class.
                let mut full = args.to_vec();
                full[0] = winner.clone();
                let f = match f.downcast::<super::descr::WrapperData>() {
                    Some(w) => w.0.get(),
                    None => f,
                };
                return crate::call::call(&f, &full, kwnames);
            }
        }
    }
    let meta = winner;
    let ty = types::type_new(&meta, name, bases, &args[3])?;
    let td = type_payload(&ty);
    if super::dict::get_str(td.dict(), &types::class_name(ClassName::Module)).is_none() {
        if let Some(m) = crate::eval::current_globals()
            .and_then(|g| super::dict::get_str(&g, &types::class_name(ClassName::Name)))
        {
            types::set_class_attr(td.dict(), ClassName::Module, m);
        }
    }
    fix_special_methods(td)?;
    apply_slots(&ty, &bases_of(&ty))?;
    if super::dict::get_str(td.dict(), &types::class_name(ClassName::Doc)).is_none() {
        types::set_class_attr(td.dict(), ClassName::Doc, rt().none.clone());
    }
    set_classcell(&ty)?;
    call_set_name_and_init_subclass(&ty, args, kwnames)?;
    Ok(ty)
}

fn bases_of(ty: &Value) -> Vec<Value> {
    type_payload(ty).bases.borrow().clone()
}

/// The names listed in `__slots__` (a str is one name), checked to be identifiers.
fn slot_names(slots: &Value) -> PyResult<Vec<Value>> {
    let names =
        if super::str::as_str(slots).is_some() { vec![slots.clone()] } else { crate::ops::collect(slots)? };
    for n in &names {
        let ok = super::str::text(n).is_some_and(|t| t.is_identifier());
        if !ok {
            return Err(if super::str::as_str(n).is_some() {
                exc::type_error("__slots__ must be identifiers")
            } else {
                exc::type_error(format!("__slots__ items must be strings, not '{}'", type_name(n)))
            });
        }
    }
    Ok(names)
}

/// `_Py_Mangle` for a slot name in class `class_name`.
fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// `__slots__`: a member descriptor per name; without `"__dict__"` (and
/// with no base giving a dict) instances get no `__dict__`; `__weakref__`
/// appears as CPython adds it.
fn apply_slots(ty: &Value, bases: &[Value]) -> PyResult<()> {
    let td = type_payload(ty);
    let d = td.dict().clone();
    let base_has_dict = bases.iter().any(|b| type_payload(b).flags.get() & TF_HAS_DICT != 0);
    let base_has_weakref =
        bases.iter().any(|b| types::lookup(b, &types::class_name(ClassName::Weakref)).is_some());
    let Some(slots) = super::dict::get_str(&d, &types::class_name(ClassName::Slots)) else {
        if !base_has_weakref {
            let weakref = super::descr::new_getset("__weakref__", |_| Ok(rt().none.clone()), None);
            types::set_class_attr(&d, ClassName::Weakref, weakref);
        }
        return Ok(());
    };
    let names = slot_names(&slots)?;
    let (mut want_dict, mut want_weakref) = (false, false);
    let class_name = td.name();
    check_slot_conflicts(&d, &names, &class_name)?;
    for n in &names {
        let s = super::str::as_str(n).unwrap_or("");
        match s {
            "__dict__" if !want_dict && !base_has_dict => want_dict = true,
            "__weakref__" if !want_weakref && !base_has_weakref => want_weakref = true,
            "__dict__" | "__weakref__" => {
                return Err(exc::type_error(format!(
                    "{s} slot disallowed: either we already got one, or the base type has one"
                )))
            }
            _ => {
                let key = super::str::from_string(mangle(&class_name, s));
                super::dict::set_item(&d, key.clone(), super::descr::new_member(key, ty))?;
            }
        }
    }
    if !want_dict && !base_has_dict {
        td.flags.set(td.flags.get() & !TF_HAS_DICT);
        let key = types::class_name(ClassName::Dict);
        if super::dict::get_str(&d, &key).is_some_and(|g| g.downcast::<super::descr::GetSetData>().is_some())
        {
            super::dict::del_item(&d, &key)?;
        }
    }
    if want_weakref {
        super::dict::set_str(
            &d,
            "__weakref__",
            super::descr::new_getset("__weakref__", |_| Ok(rt().none.clone()), None),
        );
    }
    types::type_modified(ty);
    Ok(())
}

/// A slot name that the class body also binds is an error (checked
/// against the namespace before any slot is added, so a name listed twice
/// is not a conflict, as in CPython).
fn check_slot_conflicts(d: &Value, names: &[Value], class_name: &str) -> PyResult<()> {
    for n in names {
        let s = super::str::as_str(n).unwrap_or("");
        if s == "__dict__" || s == "__weakref__" {
            continue;
        }
        let key = super::str::from_string(mangle(class_name, s));
        if super::dict::get_item(d, &key)?.is_some() {
            return Err(exc::value_error(format!("'{s}' in __slots__ conflicts with class variable")));
        }
    }
    Ok(())
}

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub fn calculate_meta(meta: &Value, bases: &[Value]) -> PyResult<Value> {
    let mut winner = meta.clone();
    for b in bases {
        let bt = type_of(b);
        if types::is_subtype(&winner, &bt) {
            continue;
        }
        if types::is_subtype(&bt, &winner) {
            winner = bt;
            continue;
        }
        return Err(exc::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `__new__` becomes a staticmethod, `__init_subclass__`/`__class_getitem__` classmethods.
fn fix_special_methods(td: &TypeData) -> PyResult<()> {
    let d = td.dict();
    for (name, wrap) in [
        (ClassName::New, super::descr::new_staticmethod as fn(Value) -> Value),
        (ClassName::InitSubclass, super::descr::new_classmethod),
        (ClassName::ClassGetitem, super::descr::new_classmethod),
    ] {
        if let Some(f) = super::dict::get_str(d, &types::class_name(name)) {
            if super::function::func_data(&f).is_some() {
                types::set_class_attr(d, name, wrap(f));
            }
        }
    }
    Ok(())
}

fn set_classcell(ty: &Value) -> PyResult<()> {
    let d = type_payload(ty).dict();
    let key = types::class_name(ClassName::Classcell);
    if let Some(cell) = super::dict::get_str(d, &key) {
        let c = cell.downcast::<super::function::CellData>().ok_or_else(|| {
            exc::type_error(format!("__classcell__ must be a nonlocal cell, not {}", type_name(&cell)))
        })?;
        c.0.set(ty.clone());
        super::dict::del_item(d, &key)?;
    }
    Ok(())
}

fn call_set_name_and_init_subclass(ty: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<()> {
    let td = type_payload(ty);
    let set_name = types::class_name(ClassName::SetName);
    for (k, v) in super::dict::data(td.dict()).map(|d| d.items()).unwrap_or_default() {
        if let Some(f) = types::lookup(&type_of(&v), &set_name) {
            crate::call::call(&f, &[v.clone(), ty.clone(), k.clone()], &[])?;
        }
    }
    if kwnames.is_empty() && inherits_object_init_subclass(ty) {
        return Ok(());
    }
    let sup = super::descr::make_super(&rt().types.super_, ty.clone(), ty.clone())?;
    let init_sub = crate::attr::getattr_str(&sup, "__init_subclass__")?;
    let kwvals = &args[args.len() - kwnames.len()..];
    crate::call::call(&init_sub, kwvals, kwnames)?;
    Ok(())
}

/// Whether `super(ty, ty).__init_subclass__` is `object`'s own, which does
/// nothing when called without keyword arguments: the first class after
/// `ty` in its MRO whose dict defines the name is `object`.
fn inherits_object_init_subclass(ty: &Value) -> bool {
    let name = types::class_name(ClassName::InitSubclass);
    let mro = type_payload(ty).mro.borrow();
    let Some(start) = mro.iter().position(|t| t.is(ty)) else { return false };
    let owner = mro[start + 1..].iter().find(|t| {
        as_type(t).is_some_and(|td| td.dict.get().is_some_and(|d| super::dict::get_str(d, &name).is_some()))
    });
    owner.is_some_and(|t| t.is(&rt().types.object))
}

fn type_init(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(rt().none.clone())
}

fn type_call_method(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    crate::call::type_call_impl(&args[0], &args[1..], kwnames)
}

fn type_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let td = this_type(&args[0])?;
    let module = type_module_name(&args[0]);
    let q = td.qualname.borrow().clone();
    Ok(super::str::from_string(if module == "builtins" {
        format!("<class '{q}'>")
    } else {
        format!("<class '{module}.{q}'>")
    }))
}

fn type_mro_method(args: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::list::new(this_type(&args[0])?.mro.borrow().clone()))
}

fn type_subclasses(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let td = this_type(&args[0])?;
    let subs = td
        .subclasses
        .borrow()
        .iter()
        // SAFETY: registered subclasses are live (they unregister on dealloc).
        .map(|p| unsafe { Value::from_borrowed_ptr(*p as *const crate::heap::Header) })
        .collect();
    Ok(super::list::new(subs))
}

fn type_instancecheck(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__instancecheck__", args, 2, 2)?;
    Ok(rt().bool_value(real_isinstance(&args[1], &args[0])?))
}

fn type_subclasscheck(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__subclasscheck__", args, 2, 2)?;
    Ok(rt().bool_value(real_issubclass(&args[1], &args[0])?))
}

/// `isinstance(obj, cls)` (`PyObject_IsInstance`): exact type, tuples and
/// unions, then `type(cls).__instancecheck__`, then the class hierarchy.
pub fn isinstance(obj: &Value, cls: &Value) -> PyResult<bool> {
    if type_of(obj).is(cls) {
        return Ok(true);
    }
    if type_of(cls).is(&rt().types.type_) {
        return real_isinstance(obj, cls);
    }
    if let Some(members) = alternatives(cls) {
        for c in &members {
            if isinstance(obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match special_method(cls, "__instancecheck__")? {
        Some(f) => crate::ops::truthy(&crate::call::call(&f, std::slice::from_ref(obj), &[])?),
        None => real_isinstance(obj, cls),
    }
}

/// `issubclass(derived, cls)` (`PyObject_IsSubclass`).
pub fn issubclass(derived: &Value, cls: &Value) -> PyResult<bool> {
    if type_of(cls).is(&rt().types.type_) {
        if derived.is(cls) {
            return Ok(true);
        }
        return real_issubclass(derived, cls);
    }
    if let Some(members) = alternatives(cls) {
        for c in &members {
            if issubclass(derived, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match special_method(cls, "__subclasscheck__")? {
        Some(f) => crate::ops::truthy(&crate::call::call(&f, std::slice::from_ref(derived), &[])?),
        None => real_issubclass(derived, cls),
    }
}

/// The members of a tuple or a `X | Y` union.
fn alternatives(cls: &Value) -> Option<Vec<Value>> {
    if let Some(items) = super::tuple::items(cls) {
        return Some(items.to_vec());
    }
    super::genericalias::union_args(cls)
}

/// `_PyObject_LookupSpecial`: `type(v).name` bound to `v`.
fn special_method(v: &Value, name: &str) -> PyResult<Option<Value>> {
    let ty = type_of(v);
    match types::lookup_str(&ty, name) {
        Some(f) => crate::attr::bind_descriptor(f, v, &ty).map(Some),
        None => Ok(None),
    }
}

/// `__bases__` of a class-like object (None when it has no tuple there).
fn class_bases(v: &Value) -> PyResult<Option<Value>> {
    match crate::attr::getattr_opt(v, &super::str::intern("__bases__"))? {
        Some(b) if super::tuple::items(&b).is_some() => Ok(Some(b)),
        _ => Ok(None),
    }
}

/// `abstract_issubclass`: walks `__bases__` (for non-type classes).
fn bases_reach(derived: &Value, cls: &Value) -> PyResult<bool> {
    let mut cur = derived.clone();
    loop {
        if cur.is(cls) {
            return Ok(true);
        }
        let Some(bases) = class_bases(&cur)? else {
            return Ok(false);
        };
        let items = super::tuple::items(&bases).unwrap_or(&[]).to_vec();
        match items.len() {
            0 => return Ok(false),
            1 => cur = items[0].clone(),
            _ => {
                for b in &items {
                    if bases_reach(b, cls)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
        }
    }
}

/// `object_isinstance`: the hierarchy check behind `type.__instancecheck__`.
fn real_isinstance(obj: &Value, cls: &Value) -> PyResult<bool> {
    if as_type(cls).is_some() {
        if types::is_instance(obj, cls) {
            return Ok(true);
        }
        if class_is_own_type(obj) {
            return Ok(false);
        }
        let icls = crate::attr::getattr_opt(obj, &super::str::intern("__class__"))?;
        return Ok(match icls {
            Some(c) if !c.is(&type_of(obj)) && as_type(&c).is_some() => types::is_subtype(&c, cls),
            _ => false,
        });
    }
    if class_bases(cls)?.is_none() {
        return Err(exc::type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"));
    }
    match crate::attr::getattr_opt(obj, &super::str::intern("__class__"))? {
        Some(c) => bases_reach(&c, cls),
        None => Ok(false),
    }
}

/// Whether `obj.__class__` is certainly `type(obj)` without looking: ints,
/// floats and the exact core containers and strings, whose attribute
/// lookup is `object`'s and whose `__class__` is `object`'s descriptor.
#[inline]
fn class_is_own_type(obj: &Value) -> bool {
    if obj.is_small_int() || obj.is_float() {
        return true;
    }
    let Some(h) = obj.header() else { return false };
    let t = &rt().types;
    let ty = h.ty.get();
    [&t.int, &t.str, &t.tuple, &t.list, &t.dict].iter().any(|c| c.as_ptr() == ty)
}

/// `recursive_issubclass`: the check behind `type.__subclasscheck__`.
fn real_issubclass(derived: &Value, cls: &Value) -> PyResult<bool> {
    if as_type(cls).is_some() && as_type(derived).is_some() {
        return Ok(types::is_subtype(derived, cls));
    }
    if as_type(derived).is_none() && class_bases(derived)?.is_none() {
        return Err(exc::type_error("issubclass() arg 1 must be a class"));
    }
    if as_type(cls).is_none() && class_bases(cls)?.is_none() {
        return Err(exc::type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"));
    }
    bases_reach(derived, cls)
}

fn type_getattribute(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getattribute__", args, 2, 2)?;
    crate::attr::type_getattr(&args[0], &args[1])
}

fn type_delattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delattr__", args, 2, 2)?;
    crate::attr::type_setattr(&args[0], &args[1], Value::NULL)?;
    Ok(rt().none.clone())
}

fn type_setattr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__setattr__", args, 3, 3)?;
    crate::attr::type_setattr(&args[0], &args[1], args[2].clone())?;
    Ok(rt().none.clone())
}

fn type_sizeof(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Ok(super::int::from_i64(std::mem::size_of::<crate::heap::Obj<TypeData>>() as i64))
}
