//! Descriptor types: `property`, `classmethod`, `staticmethod`, `super`,
//! and `getset_descriptor` (native attributes such as `__name__`,
//! `__dict__`, `args`). The attribute lookup that applies them is
//! `attr.rs`.

use super::{check_args, m, mk, new_method, split_kwargs, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::types::{type_name, type_of};
use crate::value::{Slot, Value};

pub struct PropertyData {
    pub fget: Slot,
    pub fset: Slot,
    pub fdel: Slot,
    pub doc: Slot,
}

/// classmethod / staticmethod: the wrapped callable.
pub struct WrapperData(pub Slot);

pub struct SuperData {
    /// The class whose MRO successor is searched.
    pub ty: Value,
    /// The bound object (instance or class), or NULL.
    pub obj: Value,
    /// type(obj) or obj itself when it is a subclass of `ty`.
    pub obj_type: Value,
}

pub struct GetSetData {
    pub name: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
}

pub fn new_getset(name: &'static str, get: Getter, set: Option<Setter>) -> Value {
    crate::heap::alloc(&rt().types.getset_descriptor, GetSetData { name, get, set })
}

pub fn new_classmethod(f: Value) -> Value {
    crate::heap::alloc(&rt().types.classmethod, WrapperData(Slot::new(f)))
}

pub fn new_staticmethod(f: Value) -> Value {
    crate::heap::alloc(&rt().types.staticmethod, WrapperData(Slot::new(f)))
}

/// True when one of `funcs` (NULLs skipped) has a true `__isabstractmethod__`.
fn is_abstract_any(funcs: &[Value]) -> PyResult<Value> {
    for f in funcs.iter().filter(|f| !f.is_null()) {
        if let Some(a) = crate::attr::getattr_opt(f, &super::str::intern("__isabstractmethod__"))? {
            if crate::ops::truthy(&a)? {
                return Ok(rt().true_.clone());
            }
        }
    }
    Ok(rt().false_.clone())
}

fn null_to_none(v: Value) -> Value {
    if v.is_null() {
        rt().none.clone()
    } else {
        v
    }
}

fn none_to_null(v: Value) -> Value {
    if v.is(&rt().none) {
        Value::NULL
    } else {
        v
    }
}

fn this_prop(v: &Value) -> PyResult<&PropertyData> {
    v.downcast::<PropertyData>().ok_or_else(|| exc::type_error("expected a property"))
}

pub const PROPERTY_METHODS: &[Method] = &[
    new_method(property_new),
    mk("__init__", property_init),
    m("__get__", property_get),
    m("__set__", property_set),
    m("__delete__", property_delete),
    m("getter", property_getter),
    m("setter", property_setter),
    m("deleter", property_deleter),
];

pub const PROPERTY_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    (
        "__isabstractmethod__",
        |v| {
            let p = this_prop(v)?;
            is_abstract_any(&[p.fget.get(), p.fset.get(), p.fdel.get()])
        },
        None,
    ),
    ("fget", |v| Ok(null_to_none(this_prop(v)?.fget.get())), None),
    ("fset", |v| Ok(null_to_none(this_prop(v)?.fset.get())), None),
    ("fdel", |v| Ok(null_to_none(this_prop(v)?.fdel.get())), None),
    (
        "__doc__",
        |v| Ok(null_to_none(this_prop(v)?.doc.get())),
        Some(|v, x| {
            this_prop(v)?.doc.set(x);
            Ok(())
        }),
    ),
];

fn empty_property() -> PropertyData {
    PropertyData { fget: Slot::default(), fset: Slot::default(), fdel: Slot::default(), doc: Slot::default() }
}

fn property_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::object::alloc_maybe_subclass(&args[0], &rt().types.property, empty_property())
}

fn property_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let (pos, kws) = split_kwargs(args, kwnames);
    check_args("property", pos, 1, 5)?;
    let p = this_prop(&pos[0])?;
    let mut vals: [Value; 4] = Default::default();
    for (i, v) in pos[1..].iter().enumerate() {
        vals[i] = v.clone();
    }
    for (k, v) in kws {
        let i = match k {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => return Err(exc::type_error(format!("property() got an unexpected keyword argument '{k}'"))),
        };
        vals[i] = v.clone();
    }
    let [g, s, d, doc] = vals;
    let doc = if none_to_null(doc.clone()).is_null() && !g.is_null() && !g.is(&rt().none) {
        crate::attr::getattr_opt(&g, &super::str::intern("__doc__"))?.unwrap_or_default()
    } else {
        doc
    };
    p.fget.set(none_to_null(g));
    p.fset.set(none_to_null(s));
    p.fdel.set(none_to_null(d));
    p.doc.set(none_to_null(doc));
    Ok(rt().none.clone())
}

fn property_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    if args[1].is(&rt().none) {
        return Ok(args[0].clone());
    }
    let f = this_prop(&args[0])?.fget.get();
    if f.is_null() {
        return Err(exc::attribute_error("property has no getter"));
    }
    crate::call::call(&f, &args[1..2], &[])
}

fn property_set(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__set__", args, 3, 3)?;
    let f = this_prop(&args[0])?.fset.get();
    if f.is_null() {
        return Err(exc::attribute_error("can't set attribute"));
    }
    crate::call::call(&f, &args[1..3], &[])
}

fn property_delete(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delete__", args, 2, 2)?;
    let f = this_prop(&args[0])?.fdel.get();
    if f.is_null() {
        return Err(exc::attribute_error("can't delete attribute"));
    }
    crate::call::call(&f, &args[1..2], &[])
}

fn property_copy(args: &[Value], which: usize) -> PyResult<Value> {
    check_args("property", args, 2, 2)?;
    let p = this_prop(&args[0])?;
    let mut parts = [p.fget.get(), p.fset.get(), p.fdel.get()];
    parts[which] = args[1].clone();
    let n = crate::heap::alloc(&type_of(&args[0]), empty_property());
    let np = this_prop(&n)?;
    let [g, s, d] = parts;
    np.fget.set(g);
    np.fset.set(s);
    np.fdel.set(d);
    np.doc.set(p.doc.get());
    Ok(n)
}

fn property_getter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    property_copy(args, 0)
}
fn property_setter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    property_copy(args, 1)
}
fn property_deleter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    property_copy(args, 2)
}

fn this_wrapper(v: &Value) -> PyResult<&WrapperData> {
    v.downcast::<WrapperData>().ok_or_else(|| exc::type_error("expected a classmethod or staticmethod"))
}

pub const CLASSMETHOD_METHODS: &[Method] =
    &[new_method(classmethod_new), m("__init__", wrapper_init), m("__get__", classmethod_get)];
pub const STATICMETHOD_METHODS: &[Method] = &[
    new_method(staticmethod_new),
    m("__init__", wrapper_init),
    m("__get__", staticmethod_get),
    m("__call__", staticmethod_call),
];

pub const WRAPPER_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__func__", |v| Ok(this_wrapper(v)?.0.get()), None),
    ("__wrapped__", |v| Ok(this_wrapper(v)?.0.get()), None),
    ("__isabstractmethod__", |v| is_abstract_any(&[this_wrapper(v)?.0.get()]), None),
    ("__dict__", super::object::get_instance_dict, None),
];

fn classmethod_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::object::alloc_maybe_subclass(&args[0], &rt().types.classmethod, WrapperData(Slot::default()))
}

fn staticmethod_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::object::alloc_maybe_subclass(&args[0], &rt().types.staticmethod, WrapperData(Slot::default()))
}

fn wrapper_init(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("classmethod", args, 2, 2)?;
    this_wrapper(&args[0])?.0.set(args[1].clone());
    Ok(rt().none.clone())
}

fn classmethod_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    let f = this_wrapper(&args[0])?.0.get();
    let owner = match args.get(2) {
        Some(t) if !t.is(&rt().none) => t.clone(),
        _ => type_of(&args[1]),
    };
    Ok(super::function::bind_class_method(f, owner))
}

fn staticmethod_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    Ok(this_wrapper(&args[0])?.0.get())
}

fn staticmethod_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let f = this_wrapper(&args[0])?.0.get();
    crate::call::call(&f, &args[1..], kwnames)
}

pub const SUPER_METHODS: &[Method] =
    &[new_method(super_new), m("__repr__", super_repr), m("__get__", super_get)];

fn super_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("super", args, 1, 3)?;
    let (ty, obj) = match args.len() {
        1 => crate::eval::zero_arg_super()?,
        2 => (args[1].clone(), Value::NULL),
        _ => (args[1].clone(), args[2].clone()),
    };
    make_super(&args[0], ty, obj)
}

/// `super(ty, obj)`.
pub fn make_super(cls: &Value, ty: Value, obj: Value) -> PyResult<Value> {
    if crate::types::as_type(&ty).is_none() {
        return Err(exc::type_error(format!("super() argument 1 must be a type, not {}", type_name(&ty))));
    }
    let obj_type = if obj.is_null() || obj.is(&rt().none) {
        Value::NULL
    } else if crate::types::as_type(&obj).is_some() && crate::types::is_subtype(&obj, &ty) {
        obj.clone()
    } else if crate::types::is_instance(&obj, &ty) {
        type_of(&obj)
    } else {
        return Err(exc::type_error("super(type, obj): obj must be an instance or subtype of type"));
    };
    let obj = if obj_type.is_null() { Value::NULL } else { obj };
    super::object::alloc_maybe_subclass(cls, &rt().types.super_, SuperData { ty, obj, obj_type })
}

fn this_super(v: &Value) -> PyResult<&SuperData> {
    v.downcast::<SuperData>().ok_or_else(|| exc::type_error("expected super"))
}

fn super_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this_super(&args[0])?;
    let tn = crate::types::type_payload(&s.ty).name();
    Ok(super::str::from_string(if s.obj_type.is_null() {
        format!("<super: <class '{tn}'>, NULL>")
    } else {
        format!("<super: <class '{tn}'>, <{} object>>", crate::types::type_payload(&s.obj_type).name())
    }))
}

fn super_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    let s = this_super(&args[0])?;
    if args[1].is(&rt().none) || !s.obj.is_null() {
        return Ok(args[0].clone());
    }
    make_super(&type_of(&args[0]), s.ty.clone(), args[1].clone())
}

/// `super_obj.name`: look `name` up in the MRO after `ty`, bind to obj.
pub fn super_getattr(sup: &Value, name: &Value) -> PyResult<Option<Value>> {
    let s = this_super(sup)?;
    if !s.obj_type.is_null() && super::str::as_str(name) != Some("__class__") {
        let mro = crate::types::type_payload(&s.obj_type).mro.borrow().clone();
        let start = mro.iter().position(|t| t.is(&s.ty)).map(|i| i + 1).unwrap_or(mro.len());
        for t in &mro[start..] {
            if let Some(v) = super::dict::get_str(crate::types::type_payload(t).dict(), name) {
                let obj = if s.obj.is(&s.obj_type) { rt().none.clone() } else { s.obj.clone() };
                return Ok(Some(crate::attr::bind_descriptor(v, &obj, &s.obj_type)?));
            }
        }
    }
    Ok(None)
}

fn this_getset(v: &Value) -> PyResult<&GetSetData> {
    v.downcast::<GetSetData>().ok_or_else(|| exc::type_error("expected getset_descriptor"))
}

pub const GETSET_METHODS: &[Method] =
    &[m("__get__", getset_get), m("__set__", getset_set), m("__repr__", getset_repr)];

fn getset_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    if args[1].is(&rt().none) {
        return Ok(args[0].clone());
    }
    (this_getset(&args[0])?.get)(&args[1])
}

fn getset_set(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__set__", args, 3, 3)?;
    let g = this_getset(&args[0])?;
    match g.set {
        Some(f) => {
            f(&args[1], args[2].clone())?;
            Ok(rt().none.clone())
        }
        None => Err(exc::attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            g.name,
            type_name(&args[1])
        ))),
    }
}

fn getset_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let g = this_getset(&args[0])?;
    Ok(super::str::from_string(format!("<attribute '{}' objects>", g.name)))
}

/// A `member_descriptor`: one name of a class's `__slots__`. The value
/// lives in the instance's header dict under the slot's name: invisible
/// when the class has no `__dict__` (the usual case), but shown by `vars()`
/// of a subclass instance that has one (CPython keeps slots out of it).
pub struct MemberData {
    pub name: Value,
    /// The owning class's `__name__` (for reprs and messages; no reference
    /// to the class, which would make a cycle through its namespace).
    pub owner: String,
    /// The owning class's version-independent identity (its address).
    pub owner_bits: u64,
}

crate::interp_static! {
    static MEMBER_TYPE: std::cell::OnceCell<Value> = const { std::cell::OnceCell::new() };
}

/// The `member_descriptor` type.
pub fn member_type() -> Value {
    MEMBER_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<MemberData>(
                "member_descriptor",
                "builtins",
                &rt().types.object,
                0,
                MEMBER_METHODS,
                MEMBER_GETSETS,
            )
        })
        .clone()
    })
}

/// A slot descriptor for `name` in class `owner`.
pub fn new_member(name: Value, owner: &Value) -> Value {
    let owner_name = crate::types::as_type(owner).map(|t| t.name()).unwrap_or_default();
    crate::heap::alloc(&member_type(), MemberData { name, owner: owner_name, owner_bits: owner.bits() })
}

fn this_member(v: &Value) -> PyResult<&MemberData> {
    v.downcast::<MemberData>().ok_or_else(|| exc::type_error("expected a member_descriptor"))
}

const MEMBER_METHODS: &[Method] = &[
    m("__get__", member_get),
    m("__set__", member_set),
    m("__delete__", member_delete),
    m("__repr__", member_repr),
];

const MEMBER_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__name__", |v| Ok(this_member(v)?.name.clone()), None),
    (
        "__qualname__",
        |v| {
            let md = this_member(v)?;
            Ok(super::str::from_string(format!(
                "{}.{}",
                md.owner,
                super::str::as_str(&md.name).unwrap_or("?")
            )))
        },
        None,
    ),
    ("__objclass__", member_objclass, None),
    ("__doc__", |_| Ok(rt().none.clone()), None),
];

fn member_objclass(v: &Value) -> PyResult<Value> {
    let md = this_member(v)?;
    // SAFETY: the owning class outlives its namespace, which holds `v`.
    Ok(unsafe { Value::from_borrowed_ptr(md.owner_bits as *const crate::heap::Header) })
}

/// Checks that `obj` is an instance of the member's class.
fn member_check(descr: &Value, obj: &Value) -> PyResult<()> {
    let md = this_member(descr)?;
    let owner = member_objclass(descr)?;
    if crate::types::is_instance(obj, &owner) {
        return Ok(());
    }
    Err(exc::type_error(format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        super::str::as_str(&md.name).unwrap_or("?"),
        md.owner,
        type_name(obj)
    )))
}

/// The header dict that stores slot values (created on first store).
fn slot_store(obj: &Value, create: bool) -> Option<Value> {
    let h = obj.header()?;
    if let Some(d) = h.instance_dict() {
        return Some(d);
    }
    if !create {
        return None;
    }
    let d = super::dict::new_dict();
    h.set_instance_dict(d.clone());
    Some(d)
}

fn member_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__get__", args, 2, 3)?;
    if args[1].is(&rt().none) {
        return Ok(args[0].clone());
    }
    member_check(&args[0], &args[1])?;
    if let Some(d) = slot_store(&args[1], false) {
        if let Some(v) = super::dict::get_item(&d, &this_member(&args[0])?.name)? {
            return Ok(v);
        }
    }
    Err(crate::attr::no_attribute(&args[1], &this_member(&args[0])?.name))
}

fn member_set(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__set__", args, 3, 3)?;
    member_check(&args[0], &args[1])?;
    let d =
        slot_store(&args[1], true).ok_or_else(|| exc::type_error("cannot store a slot on this object"))?;
    super::dict::set_item(&d, this_member(&args[0])?.name.clone(), args[2].clone())?;
    Ok(rt().none.clone())
}

fn member_delete(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__delete__", args, 2, 2)?;
    member_check(&args[0], &args[1])?;
    let removed = match slot_store(&args[1], false) {
        Some(d) => super::dict::del_item(&d, &this_member(&args[0])?.name)?,
        None => None,
    };
    match removed {
        Some(_) => Ok(rt().none.clone()),
        None => Err(exc::attribute_error(
            super::str::as_str(&this_member(&args[0])?.name).unwrap_or("?").to_string(),
        )),
    }
}

fn member_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let md = this_member(&args[0])?;
    Ok(super::str::from_string(format!(
        "<member '{}' of '{}' objects>",
        super::str::as_str(&md.name).unwrap_or("?"),
        md.owner
    )))
}
