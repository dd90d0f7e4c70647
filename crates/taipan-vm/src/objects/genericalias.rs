//! PEP 585 and PEP 604 objects: `types.GenericAlias` (`list[int]`, made by
//! the `__class_getitem__` of the builtin containers and by
//! `GenericAlias(origin, args)`) and `types.UnionType` (`int | str`, made
//! by `type.__or__`). Both are native types created on first use
//! (`object::new_native_type`); `install` gives the builtin generic types
//! their `__class_getitem__`. `isinstance` with a union is in `object.rs`.

use super::{check_args, cm, m, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::{rt, Runtime};
use crate::types::{as_type, type_of};
use crate::value::Value;
use std::cell::OnceCell;

/// The payload of a `types.GenericAlias`.
pub struct AliasData {
    pub origin: Value,
    /// A tuple.
    pub args: Value,
    /// `*tuple[int]` (PEP 646): repr with a star.
    pub starred: bool,
}

/// The payload of a `types.UnionType`: the flattened, deduplicated members.
pub struct UnionData {
    /// A tuple.
    pub args: Value,
}

crate::interp_static! {
    static ALIAS_TYPE: OnceCell<Value> = const { OnceCell::new() };
    static UNION_TYPE: OnceCell<Value> = const { OnceCell::new() };
}

/// `types.GenericAlias`.
pub fn alias_type() -> Value {
    ALIAS_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<AliasData>(
                "GenericAlias",
                "types",
                &rt().types.object,
                crate::types::TF_BASETYPE,
                ALIAS_METHODS,
                ALIAS_GETSETS,
            )
        })
        .clone()
    })
}

/// `types.UnionType`.
pub fn union_type() -> Value {
    UNION_TYPE.with(|c| {
        c.get_or_init(|| {
            super::object::new_native_type::<UnionData>(
                "UnionType",
                "types",
                &rt().types.object,
                0,
                UNION_METHODS,
                UNION_GETSETS,
            )
        })
        .clone()
    })
}

/// Gives the builtin generic types (`list[int]`, `dict[str, int]`, …) their
/// `__class_getitem__`.
pub fn install(r: &Runtime) {
    let t = &r.types;
    for ty in [&t.list, &t.tuple, &t.dict, &t.set, &t.frozenset, &t.type_, &t.enumerate] {
        super::install(ty, &[cm("__class_getitem__", class_getitem)], &[]);
    }
    for ty in [&t.dict_keys, &t.dict_values, &t.dict_items] {
        super::install(ty, &[cm("__class_getitem__", class_getitem)], &[]);
    }
}

/// `cls.__class_getitem__(args)`: `GenericAlias(cls, args)`.
pub fn class_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__class_getitem__", args, 2, 2)?;
    Ok(new_alias(args[0].clone(), args[1].clone(), false))
}

/// `GenericAlias(origin, args)` (a non-tuple `args` becomes a 1-tuple).
pub fn new_alias(origin: Value, args: Value, starred: bool) -> Value {
    let args = if super::tuple::items(&args).is_some() { args } else { super::tuple::new(vec![args]) };
    crate::heap::alloc(&alias_type(), AliasData { origin, args, starred })
}

fn this_alias(v: &Value) -> PyResult<&AliasData> {
    v.downcast::<AliasData>().ok_or_else(|| exc::type_error("expected a types.GenericAlias"))
}

fn is_alias(v: &Value) -> bool {
    v.downcast::<AliasData>().is_some()
}

const ALIAS_METHODS: &[Method] = &[
    new_method(alias_new),
    m("__repr__", alias_repr),
    m("__eq__", alias_eq),
    m("__ne__", alias_ne),
    m("__hash__", alias_hash),
    super::mk("__call__", alias_call),
    m("__getattribute__", alias_getattribute),
    m("__getitem__", alias_getitem),
    m("__iter__", alias_iter),
    m("__mro_entries__", alias_mro_entries),
    m("__instancecheck__", alias_instancecheck),
    m("__subclasscheck__", alias_instancecheck),
    m("__reduce__", alias_reduce),
    m("__or__", union_or),
    m("__ror__", union_ror),
    m("__dir__", alias_dir),
];

const ALIAS_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__origin__", |v| Ok(this_alias(v)?.origin.clone()), None),
    ("__args__", |v| Ok(this_alias(v)?.args.clone()), None),
    ("__parameters__", |v| make_parameters(&this_alias(v)?.args), None),
    ("__unpacked__", |v| Ok(rt().bool_value(this_alias(v)?.starred)), None),
    (
        "__typing_unpacked_tuple_args__",
        |v| {
            let a = this_alias(v)?;
            Ok(if a.starred && a.origin.is(&rt().types.tuple) { a.args.clone() } else { rt().none.clone() })
        },
        None,
    ),
];

/// Attribute names a GenericAlias answers itself; all others come from `__origin__`.
const OWN_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn alias_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("GenericAlias() takes no keyword arguments"));
    }
    if args.len() != 3 {
        return Err(exc::type_error(format!("GenericAlias expected 2 arguments, got {}", args.len() - 1)));
    }
    let args_t = if super::tuple::items(&args[2]).is_some() {
        args[2].clone()
    } else {
        super::tuple::new(vec![args[2].clone()])
    };
    super::object::alloc_maybe_subclass(
        &args[0],
        &alias_type(),
        AliasData { origin: args[1].clone(), args: args_t, starred: false },
    )
}

/// `ga_repr_item`: `...`, nested aliases by repr, classes by (module.)qualname.
fn repr_item(v: &Value) -> PyResult<String> {
    if v.is(&rt().ellipsis) {
        return Ok("...".to_string());
    }
    if let Some(items) = super::list::snapshot(v).filter(|_| type_of(v).is(&rt().types.list)) {
        let parts: PyResult<Vec<String>> = items.iter().map(repr_item).collect();
        return Ok(format!("[{}]", parts?.join(", ")));
    }
    let name = |n: &str| crate::attr::getattr_opt(v, &super::str::intern(n));
    if name("__origin__")?.is_some() && name("__args__")?.is_some() {
        return crate::ops::repr_string(v);
    }
    let (Some(q), Some(md)) = (name("__qualname__")?, name("__module__")?) else {
        return crate::ops::repr_string(v);
    };
    let q = crate::ops::str_string(&q)?;
    match super::str::as_str(&md) {
        Some("builtins") => Ok(q),
        _ if md.is(&rt().none) => crate::ops::repr_string(v),
        _ => Ok(format!("{}.{q}", crate::ops::str_string(&md)?)),
    }
}

fn alias_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_alias(&args[0])?;
    let Some(guard) = crate::ops::ReprGuard::enter(&args[0]) else {
        return Ok(super::str::new("..."));
    };
    let mut s = String::new();
    if a.starred {
        s.push('*');
    }
    s.push_str(&repr_item(&a.origin)?);
    s.push('[');
    let items = super::tuple::items(&a.args).unwrap_or(&[]);
    if items.is_empty() {
        s.push_str("()");
    }
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&repr_item(x)?);
    }
    s.push(']');
    drop(guard);
    Ok(super::str::from_string(s))
}

fn alias_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = this_alias(&args[0])?;
    let Some(b) = args[1].downcast::<AliasData>() else {
        return Ok(rt().not_implemented.clone());
    };
    let same =
        a.starred == b.starred && crate::ops::eq(&a.origin, &b.origin)? && crate::ops::eq(&a.args, &b.args)?;
    Ok(rt().bool_value(same))
}

fn alias_ne(args: &[Value], kw: &[Value]) -> PyResult<Value> {
    let r = alias_eq(args, kw)?;
    if r.is(&rt().not_implemented) {
        return Ok(r);
    }
    Ok(rt().bool_value(!r.is(&rt().true_)))
}

fn alias_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_alias(&args[0])?;
    let h = crate::ops::hash(&a.origin)? ^ crate::ops::hash(&a.args)?;
    Ok(super::int::from_i64(if h == -1 { -2 } else { h }))
}

fn alias_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = this_alias(&args[0])?;
    let obj = crate::call::call(&a.origin, &args[1..], kwnames)?;
    if let Err(e) = crate::attr::setattr(&obj, &super::str::intern("__orig_class__"), args[0].clone()) {
        if !e.matches(&rt().exc.attribute_error) && !e.matches(&rt().exc.type_error) {
            return Err(e);
        }
    }
    Ok(obj)
}

fn alias_getattribute(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getattribute__", args, 2, 2)?;
    let a = this_alias(&args[0])?;
    match super::str::as_str(&args[1]) {
        Some(n) if !OWN_ATTRIBUTES.contains(&n) => crate::attr::getattr(&a.origin, &args[1]),
        _ => crate::attr::generic_getattr(&args[0], &args[1]),
    }
}

fn alias_mro_entries(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__mro_entries__", args, 2, 2)?;
    Ok(super::tuple::new(vec![this_alias(&args[0])?.origin.clone()]))
}

fn alias_instancecheck(_: &[Value], _: &[Value]) -> PyResult<Value> {
    Err(exc::type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn alias_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_alias(&args[0])?;
    Ok(super::tuple::new(vec![type_of(&args[0]), super::tuple::new(vec![a.origin.clone(), a.args.clone()])]))
}

fn alias_dir(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_alias(&args[0])?;
    let d = crate::attr::call_method(&a.origin, "__dir__", &[])?;
    let mut names = crate::ops::collect(&d)?;
    for n in OWN_ATTRIBUTES {
        names.push(super::str::new(n));
    }
    Ok(super::list::new(names))
}

/// Whether `v` is a type variable (anything with `__typing_subst__`).
fn is_typevar_like(v: &Value) -> PyResult<bool> {
    if as_type(v).is_some() {
        return Ok(false);
    }
    Ok(crate::attr::getattr_opt(v, &super::str::intern("__typing_subst__"))?.is_some())
}

/// `_Py_make_parameters`: the type variables in `args`, in order, without repeats.
fn make_parameters(args: &Value) -> PyResult<Value> {
    let mut params: Vec<Value> = Vec::new();
    let mut add = |p: Value| {
        if !params.iter().any(|q| q.is(&p)) {
            params.push(p);
        }
    };
    for a in super::tuple::items(args).unwrap_or(&[]) {
        if as_type(a).is_some() {
            continue;
        }
        if is_typevar_like(a)? {
            add(a.clone());
            continue;
        }
        if let Some(sub) = crate::attr::getattr_opt(a, &super::str::intern("__parameters__"))? {
            for p in super::tuple::items(&sub).unwrap_or(&[]) {
                add(p.clone());
            }
        }
    }
    Ok(super::tuple::new(params))
}

/// `iter(alias)`: one item, the starred alias (`*tuple[int, ...]`, PEP 646).
fn alias_iter(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__iter__", args, 1, 1)?;
    let a = this_alias(&args[0])?;
    let starred = new_alias(a.origin.clone(), a.args.clone(), true);
    crate::ops::iter(&super::tuple::new(vec![starred]))
}

/// `alias[items]`: substitutes the type variables of the alias.
fn alias_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let a = this_alias(&args[0])?;
    let new_args = substitute(&args[0], &a.args, &args[1])?;
    Ok(new_alias(a.origin.clone(), new_args, a.starred))
}

/// `_Py_subs_parameters` (simplified: no TypeVarTuple unpacking).
fn substitute(owner: &Value, args: &Value, item: &Value) -> PyResult<Value> {
    let params = make_parameters(args)?;
    let params = super::tuple::items(&params).unwrap_or(&[]).to_vec();
    if params.is_empty() {
        return Err(exc::type_error(format!("{} is not a generic class", crate::ops::repr_string(owner)?)));
    }
    let items = match super::tuple::items(item) {
        Some(t) => t.to_vec(),
        None => vec![item.clone()],
    };
    if items.len() != params.len() {
        return Err(exc::type_error(format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if items.len() > params.len() { "many" } else { "few" },
            crate::ops::repr_string(owner)?,
            items.len(),
            params.len()
        )));
    }
    let mut subst = Vec::with_capacity(items.len());
    for (p, v) in params.iter().zip(&items) {
        subst.push(match crate::attr::getattr_opt(p, &super::str::intern("__typing_subst__"))? {
            Some(f) => crate::call::call(&f, std::slice::from_ref(v), &[])?,
            None => v.clone(),
        });
    }
    let mut out = Vec::new();
    for a in super::tuple::items(args).unwrap_or(&[]) {
        out.push(substitute_one(a, &params, &subst)?);
    }
    Ok(super::tuple::new(out))
}

fn substitute_one(arg: &Value, params: &[Value], subst: &[Value]) -> PyResult<Value> {
    if as_type(arg).is_some() {
        return Ok(arg.clone());
    }
    if let Some(i) = params.iter().position(|p| p.is(arg)) {
        return Ok(subst[i].clone());
    }
    let Some(sub) = crate::attr::getattr_opt(arg, &super::str::intern("__parameters__"))? else {
        return Ok(arg.clone());
    };
    let sub = super::tuple::items(&sub).unwrap_or(&[]).to_vec();
    if sub.is_empty() {
        return Ok(arg.clone());
    }
    let vals: Vec<Value> = sub
        .iter()
        .map(|p| params.iter().position(|q| q.is(p)).map(|i| subst[i].clone()).unwrap_or_else(|| p.clone()))
        .collect();
    let key = if vals.len() == 1 { vals[0].clone() } else { super::tuple::new(vals) };
    crate::ops::getitem(arg, &key)
}

// ---- types.UnionType ----

fn this_union(v: &Value) -> PyResult<&UnionData> {
    v.downcast::<UnionData>().ok_or_else(|| exc::type_error("expected a types.UnionType"))
}

/// The members of a union, or None when `v` is not one.
pub fn union_args(v: &Value) -> Option<Vec<Value>> {
    v.downcast::<UnionData>().map(|u| super::tuple::items(&u.args).unwrap_or(&[]).to_vec())
}

const UNION_METHODS: &[Method] = &[
    m("__repr__", union_repr),
    m("__eq__", union_eq),
    m("__hash__", union_hash),
    m("__or__", union_or),
    m("__ror__", union_ror),
    m("__getitem__", union_getitem),
];

const UNION_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__args__", |v| Ok(this_union(v)?.args.clone()), None),
    ("__parameters__", |v| make_parameters(&this_union(v)?.args), None),
];

/// Whether `v` may be a member of a `X | Y` union (3.11's `is_unionable`).
fn is_unionable(v: &Value) -> bool {
    v.is(&rt().none) || as_type(v).is_some() || is_alias(v) || v.downcast::<UnionData>().is_some()
}

/// Flattens nested unions, maps None to NoneType, drops repeats.
fn flatten_and_dedup(parts: &[Value]) -> PyResult<Vec<Value>> {
    let mut out: Vec<Value> = Vec::new();
    for p in parts {
        let members = union_args(p).unwrap_or_else(|| vec![p.clone()]);
        for x in members {
            let x = if x.is(&rt().none) { rt().types.none_type.clone() } else { x };
            let mut seen = false;
            for y in &out {
                if y.is(&x) || (is_alias(y) && is_alias(&x) && crate::ops::eq(y, &x)?) {
                    seen = true;
                    break;
                }
            }
            if !seen {
                out.push(x);
            }
        }
    }
    Ok(out)
}

/// `a | b` for types, aliases, None and unions (`type.__or__`).
pub fn make_union(a: &Value, b: &Value) -> PyResult<Value> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(rt().not_implemented.clone());
    }
    let mut members = flatten_and_dedup(&[a.clone(), b.clone()])?;
    if members.len() == 1 {
        return Ok(members.pop().unwrap_or_default());
    }
    Ok(crate::heap::alloc(&union_type(), UnionData { args: super::tuple::new(members) }))
}

/// `type.__or__` / `GenericAlias.__or__`.
pub fn union_or(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__or__", args, 2, 2)?;
    make_union(&args[0], &args[1])
}

/// `type.__ror__` / `GenericAlias.__ror__`.
pub fn union_ror(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__ror__", args, 2, 2)?;
    make_union(&args[1], &args[0])
}

fn union_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let u = this_union(&args[0])?;
    let mut parts = Vec::new();
    for x in super::tuple::items(&u.args).unwrap_or(&[]) {
        parts.push(if x.is(&rt().types.none_type) { "None".to_string() } else { repr_item(x)? });
    }
    Ok(super::str::from_string(parts.join(" | ")))
}

fn union_members_set(v: &Value) -> PyResult<Value> {
    let items = union_args(v).unwrap_or_default();
    crate::call::call(&rt().types.frozenset, &[super::tuple::new(items)], &[])
}

fn union_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    if args[1].downcast::<UnionData>().is_none() {
        return Ok(rt().not_implemented.clone());
    }
    let (a, b) = (union_members_set(&args[0])?, union_members_set(&args[1])?);
    Ok(rt().bool_value(crate::ops::eq(&a, &b)?))
}

fn union_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let h = crate::ops::hash(&union_members_set(&args[0])?)?;
    Ok(super::int::from_i64(h))
}

fn union_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__getitem__", args, 2, 2)?;
    let u = this_union(&args[0])?;
    let new_args = substitute(&args[0], &u.args, &args[1])?;
    let items = super::tuple::items(&new_args).unwrap_or(&[]).to_vec();
    let mut acc = items.first().cloned().unwrap_or_else(|| rt().none.clone());
    for x in &items[1..] {
        acc = crate::ops::binary(&acc, x, crate::ops::BinOp::Or)?;
    }
    Ok(acc)
}
