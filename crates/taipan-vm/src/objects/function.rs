//! Functions and their relatives: Python functions (`FunctionData`: code,
//! globals, defaults, closure), bound methods, native functions
//! (`BuiltinData`, used both as `builtin_function_or_method` and as the
//! unbound `method_descriptor` in type dicts) and closure cells.

use super::{m, Conv, Getter, Method, NativeFn, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::value::{Slot, Value};

/// The payload of a Python function.
pub struct FunctionData {
    /// The code object (replaceable: `__code__` is writable).
    pub code: Slot,
    pub globals: Value,
    pub builtins: Value,
    pub name: Slot,
    pub qualname: Slot,
    /// A tuple or NULL.
    pub defaults: Slot,
    /// A dict or NULL.
    pub kwdefaults: Slot,
    /// A tuple of cells or NULL.
    pub closure: Slot,
    pub doc: Slot,
    pub module: Slot,
    pub annotations: Slot,
}

impl FunctionData {
    /// The payload of the function's code object. Callers use it before
    /// running any Python code that could assign `__code__`; a frame that
    /// borrows the code keeps it alive through [`set_code`].
    #[inline(always)]
    pub fn code_data(&self) -> Option<&super::code::CodeData> {
        let alias = self.code.alias();
        let cd: *const super::code::CodeData = super::code::data(&alias)?;
        // SAFETY: the slot owns a reference to the code object, which is
        // only released by `set_code` (when no frame runs it).
        Some(unsafe { &*cd })
    }
}

/// The payload of a bound method.
pub struct MethodData {
    pub func: Value,
    pub self_: Value,
}

/// The payload of a native function or method descriptor.
pub struct BuiltinData {
    pub name: &'static str,
    pub func: NativeFn,
    pub kw: bool,
    /// CPython's calling convention (whether calls count against the
    /// recursion limit at specialised sites).
    pub conv: Conv,
    /// The bound self (NULL for plain functions and descriptors).
    pub self_: Value,
    /// Where it was defined: the type whose table holds it (descriptors,
    /// `__new__`, and methods bound from them), or a module name (str)
    /// for a function of a module that is not its `self_`
    /// (`builtins`); NULL when unknown. Gives `__objclass__`,
    /// `__qualname__`, `__module__` and the descriptors' reprs.
    pub owner: Value,
}

/// The payload of a cell.
pub struct CellData(pub Slot);

/// A new Python function for `code` in `globals`.
pub fn new_function(code: Value, globals: Value, qualname: Value) -> PyResult<Value> {
    let cd = super::code::data(&code).ok_or_else(|| exc::type_error("expected a code object"))?;
    let name = cd.name.clone();
    let doc = match cd.consts.first() {
        Some(c) if super::str::as_str(c).is_some() => c.clone(),
        _ => rt().none.clone(),
    };
    let module =
        super::dict::get_str(&globals, &super::str::intern("__name__")).unwrap_or_else(|| rt().none.clone());
    let builtins = rt().builtins().clone();
    let f = FunctionData {
        code: Slot::new(code),
        globals,
        builtins,
        name: Slot::new(name),
        qualname: Slot::new(qualname),
        defaults: Slot::default(),
        kwdefaults: Slot::default(),
        closure: Slot::default(),
        doc: Slot::new(doc),
        module: Slot::new(module),
        annotations: Slot::default(),
    };
    Ok(crate::heap::alloc(&rt().types.function, f))
}

/// A bound method.
pub fn new_method(func: Value, self_: Value) -> Value {
    crate::heap::alloc(&rt().types.method, MethodData { func, self_ })
}

/// A native function (bound to `self_` unless NULL).
pub fn new_builtin(name: &'static str, func: NativeFn, kw: bool, self_: Value) -> Value {
    new_builtin_conv(name, func, kw, Conv::Counted, self_)
}

/// A native function with CPython's calling convention `conv`.
pub fn new_builtin_conv(name: &'static str, func: NativeFn, kw: bool, conv: Conv, self_: Value) -> Value {
    new_builtin_owned(name, func, kw, conv, self_, Value::NULL)
}

/// A native function with its [`BuiltinData::owner`].
pub fn new_builtin_owned(
    name: &'static str,
    func: NativeFn,
    kw: bool,
    conv: Conv,
    self_: Value,
    owner: Value,
) -> Value {
    crate::heap::alloc(&rt().types.builtin_function, BuiltinData { name, func, kw, conv, self_, owner })
}

/// An unbound native method of type `owner` (binds on attribute access).
pub fn new_method_descriptor(
    name: &'static str,
    func: NativeFn,
    kw: bool,
    conv: Conv,
    owner: &Value,
) -> Value {
    let data = BuiltinData { name, func, kw, conv, self_: Value::NULL, owner: owner.clone() };
    crate::heap::alloc(&rt().types.method_descriptor, data)
}

/// The dunders CPython exposes on builtin types as slot wrappers
/// (`typeobject.c`'s slotdefs), sorted.
const SLOT_WRAPPER_NAMES: &[&str] = &[
    "__abs__",
    "__add__",
    "__aiter__",
    "__and__",
    "__anext__",
    "__await__",
    "__bool__",
    "__call__",
    "__contains__",
    "__del__",
    "__delattr__",
    "__delete__",
    "__delitem__",
    "__divmod__",
    "__eq__",
    "__float__",
    "__floordiv__",
    "__ge__",
    "__get__",
    "__getattribute__",
    "__getitem__",
    "__gt__",
    "__hash__",
    "__iadd__",
    "__iand__",
    "__ifloordiv__",
    "__ilshift__",
    "__imatmul__",
    "__imod__",
    "__imul__",
    "__index__",
    "__init__",
    "__int__",
    "__invert__",
    "__ior__",
    "__ipow__",
    "__irshift__",
    "__isub__",
    "__iter__",
    "__itruediv__",
    "__ixor__",
    "__le__",
    "__len__",
    "__lshift__",
    "__lt__",
    "__matmul__",
    "__mod__",
    "__mul__",
    "__ne__",
    "__neg__",
    "__next__",
    "__or__",
    "__pos__",
    "__pow__",
    "__radd__",
    "__rand__",
    "__rdivmod__",
    "__repr__",
    "__rfloordiv__",
    "__rlshift__",
    "__rmatmul__",
    "__rmod__",
    "__rmul__",
    "__ror__",
    "__rpow__",
    "__rrshift__",
    "__rshift__",
    "__rsub__",
    "__rtruediv__",
    "__rxor__",
    "__set__",
    "__setattr__",
    "__setitem__",
    "__str__",
    "__sub__",
    "__truediv__",
    "__xor__",
];

/// Whether a builtin type's method called `name` is a slot wrapper.
pub fn is_slot_wrapper_name(name: &str) -> bool {
    SLOT_WRAPPER_NAMES.binary_search(&name).is_ok()
}

/// An unbound slot wrapper (`int.__add__`): a method descriptor whose
/// bound form is a `method-wrapper`.
pub fn new_wrapper_descriptor(name: &'static str, func: NativeFn, kw: bool, owner: &Value) -> Value {
    let data = BuiltinData { name, func, kw, conv: Conv::Counted, self_: Value::NULL, owner: owner.clone() };
    crate::heap::alloc(&rt().types.wrapper_descriptor, data)
}

/// Whether `d` is an unbound native method of a builtin type (a
/// `method_descriptor` or a `wrapper_descriptor`), which binds to its
/// instance on attribute access.
#[inline]
pub fn is_native_method_descriptor(d: &Value) -> bool {
    let Some(h) = d.header() else {
        return false;
    };
    let ty = h.ty.get();
    let types = &rt().types;
    types.method_descriptor.header().is_some_and(|t| std::ptr::eq(t, ty))
        || types.wrapper_descriptor.header().is_some_and(|t| std::ptr::eq(t, ty))
}

/// `descr.__get__(obj)` of a native method descriptor `d`: a bound builtin
/// method, or a `method-wrapper` for a slot wrapper.
pub fn bind_native_method(d: &Value, b: &BuiltinData, obj: Value) -> Value {
    if crate::types::type_of(d).is(&rt().types.wrapper_descriptor) {
        let owner = b.owner.clone();
        let data = BuiltinData { name: b.name, func: b.func, kw: b.kw, conv: b.conv, self_: obj, owner };
        return crate::heap::alloc(&rt().types.method_wrapper, data);
    }
    new_builtin_owned(b.name, b.func, b.kw, b.conv, obj, b.owner.clone())
}

/// A classmethod's function bound to the class `owner`: a native method
/// becomes a `builtin_function_or_method` with the class as `__self__`
/// (`dict.fromkeys`), anything else a bound method.
pub fn bind_class_method(f: Value, owner: Value) -> Value {
    if let Some(b) = f.downcast::<BuiltinData>().filter(|_| is_native_method_descriptor(&f)) {
        return new_builtin_owned(b.name, b.func, b.kw, b.conv, owner, b.owner.clone());
    }
    new_method(f, owner)
}

/// A new cell holding `v` (NULL = empty).
pub fn new_cell(v: Value) -> Value {
    crate::heap::alloc(&rt().types.cell, CellData(Slot::new(v)))
}

pub fn func_data(v: &Value) -> Option<&FunctionData> {
    v.downcast::<FunctionData>()
}

fn this_func(v: &Value) -> PyResult<&FunctionData> {
    func_data(v).ok_or_else(|| exc::type_error("expected a function"))
}

fn slot_or_none(s: &Slot) -> Value {
    let v = s.get();
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

pub const FUNCTION_METHODS: &[Method] =
    &[super::new_method(function_new), m("__repr__", function_repr), m("__get__", function_get)];

/// `types.FunctionType(code, globals, name=None, argdefs=None,
/// closure=None)` with CPython's checks (`func_new_impl`).
fn function_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let params = ["code", "globals", "name", "argdefs", "closure"];
    if let Some(k) = kwnames.iter().filter_map(super::str::as_str).find(|k| !params.contains(k)) {
        return Err(exc::type_error(format!("'{k}' is an invalid keyword argument for function()")));
    }
    let a = super::bind_method_args("function", args, kwnames, &params)?;
    let r = rt();
    let missing = |i: usize| {
        exc::type_error(format!("function() missing required argument '{}' (pos {})", params[i], i + 1))
    };
    let code = a[0].ok_or_else(|| missing(0))?;
    let globals = a[1].ok_or_else(|| missing(1))?;
    let Some(cd) = super::code::data(code) else {
        let t = crate::types::type_name(code);
        return Err(exc::type_error(format!("function() argument 'code' must be code, not {t}")));
    };
    if super::dict::data(globals).is_none() {
        let t = crate::types::type_name(globals);
        return Err(exc::type_error(format!("function() argument 'globals' must be dict, not {t}")));
    }
    let given = |i: usize| a[i].filter(|v| !v.is(&r.none));
    let name = given(2);
    if name.is_some_and(|n| !super::str::is_str(n)) {
        return Err(exc::type_error("arg 3 (name) must be None or string"));
    }
    let defaults = given(3);
    if defaults.is_some_and(|d| super::tuple::items(d).is_none()) {
        return Err(exc::type_error("arg 4 (defaults) must be None or tuple"));
    }
    let closure = check_closure(cd, given(4))?;
    let f = new_function(code.clone(), globals.clone(), cd.qualname.clone())?;
    let fd = this_func(&f)?;
    if let Some(n) = name {
        fd.name.set(n.clone());
    }
    if let Some(d) = defaults {
        fd.defaults.set(d.clone());
    }
    if let Some(c) = closure {
        fd.closure.set(c.clone());
    }
    Ok(f)
}

/// The closure of `function(...)`: a tuple of as many cells as the code
/// has free variables (none without them).
fn check_closure<'a>(cd: &super::code::CodeData, closure: Option<&'a Value>) -> PyResult<Option<&'a Value>> {
    let nfree = cd.kinds.iter().filter(|k| **k & taipan_bytecode::code::CO_FAST_FREE != 0).count();
    let items = closure.and_then(super::tuple::items);
    if closure.is_some() && items.is_none() {
        return Err(exc::type_error("arg 5 (closure) must be None or tuple"));
    }
    if nfree > 0 && items.is_none() {
        return Err(exc::type_error("arg 5 (closure) must be tuple"));
    }
    let n = items.map_or(0, <[Value]>::len);
    if n != nfree {
        let name = super::str::as_str(&cd.name).unwrap_or("?");
        return Err(exc::value_error(format!("{name} requires closure of length {nfree}, not {n}")));
    }
    if let Some(bad) = items.unwrap_or(&[]).iter().find(|c| c.downcast::<CellData>().is_none()) {
        let t = crate::types::type_name(bad);
        return Err(exc::type_error(format!("arg 5 (closure) expected cell, found {t}")));
    }
    Ok(closure.filter(|_| n > 0))
}

pub const FUNCTION_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    (
        "__name__",
        |v| Ok(this_func(v)?.name.get()),
        Some(|v, x| set_str_attr(&this_func(v)?.name, x, "__name__")),
    ),
    (
        "__qualname__",
        |v| Ok(this_func(v)?.qualname.get()),
        Some(|v, x| set_str_attr(&this_func(v)?.qualname, x, "__qualname__")),
    ),
    ("__code__", |v| Ok(this_func(v)?.code.get()), Some(set_code)),
    ("__globals__", |v| Ok(this_func(v)?.globals.clone()), None),
    ("__builtins__", |v| Ok(this_func(v)?.builtins.clone()), None),
    (
        "__defaults__",
        |v| Ok(slot_or_none(&this_func(v)?.defaults)),
        Some(|v, x| {
            this_func(v)?.defaults.set(none_to_null(x));
            Ok(())
        }),
    ),
    (
        "__kwdefaults__",
        |v| Ok(slot_or_none(&this_func(v)?.kwdefaults)),
        Some(|v, x| {
            this_func(v)?.kwdefaults.set(none_to_null(x));
            Ok(())
        }),
    ),
    ("__closure__", |v| Ok(slot_or_none(&this_func(v)?.closure)), None),
    (
        "__doc__",
        |v| Ok(slot_or_none(&this_func(v)?.doc)),
        Some(|v, x| {
            this_func(v)?.doc.set(x);
            Ok(())
        }),
    ),
    (
        "__module__",
        |v| Ok(slot_or_none(&this_func(v)?.module)),
        Some(|v, x| {
            this_func(v)?.module.set(x);
            Ok(())
        }),
    ),
    (
        "__annotations__",
        function_annotations,
        Some(|v, x| {
            this_func(v)?.annotations.set(x);
            Ok(())
        }),
    ),
    ("__dict__", super::object::get_instance_dict, Some(super::object::set_instance_dict_attr)),
];

/// `del f.NAME` for the function attributes above: what CPython's
/// setters do when called with NULL (some clear, some refuse). `None` for
/// other objects and names.
pub fn delete_attr(f: &Value, name: &str) -> Option<PyResult<()>> {
    let fd = func_data(f)?;
    let none = || rt().none.clone();
    Some(match name {
        "__code__" => Err(exc::type_error("__code__ must be set to a code object")),
        "__name__" | "__qualname__" => Err(exc::type_error(format!("{name} must be set to a string object"))),
        "__defaults__" => {
            fd.defaults.set(Value::NULL);
            Ok(())
        }
        "__kwdefaults__" => {
            fd.kwdefaults.set(Value::NULL);
            Ok(())
        }
        "__doc__" => {
            fd.doc.set(none());
            Ok(())
        }
        "__module__" => {
            fd.module.set(none());
            Ok(())
        }
        "__annotations__" => {
            fd.annotations.set(Value::NULL);
            Ok(())
        }
        "__dict__" => Err(exc::type_error("cannot delete __dict__")),
        "__globals__" | "__closure__" | "__builtins__" => Err(exc::attribute_error("readonly attribute")),
        _ => return None,
    })
}

/// `f.__code__ = code` (CPython's `func_set_code`): a code object with as
/// many free variables as the closure has cells. Call sites cache nothing
/// about a function's code (every call reads it), so nothing goes stale;
/// frames running the old code borrow it from the function, so when one
/// does, the old code object is kept alive for good.
fn set_code(v: &Value, code: Value) -> PyResult<()> {
    let f = this_func(v)?;
    let Some(cd) = super::code::data(&code) else {
        return Err(exc::type_error("__code__ must be set to a code object"));
    };
    let nfree = cd.kinds.iter().filter(|k| **k & taipan_bytecode::code::CO_FAST_FREE != 0).count();
    let closure = f.closure.get();
    let nclosure = super::tuple::items(&closure).map_or(0, <[Value]>::len);
    if nclosure != nfree {
        let name = f.name.get();
        return Err(exc::value_error(format!(
            "{}() requires a code object with {nclosure} free vars, not {nfree}",
            super::str::as_str(&name).unwrap_or("?")
        )));
    }
    let old = f.code.replace(code);
    if frames_run(&old) {
        std::mem::forget(old);
    }
    Ok(())
}

/// Whether a frame of this thread runs `code`.
fn frames_run(code: &Value) -> bool {
    match rt().thread.frames.try_borrow() {
        Ok(frames) => frames.iter().any(|f| f.code.is(code)),
        Err(_) => true,
    }
}

fn function_annotations(v: &Value) -> PyResult<Value> {
    let f = this_func(v)?;
    let a = f.annotations.get();
    if !a.is_null() {
        if let Some(items) = super::tuple::items(&a) {
            // MAKE_FUNCTION's annotations come as a flat (name, value, ...) tuple.
            let d = super::dict::new_dict();
            for pair in items.chunks(2) {
                if pair.len() == 2 {
                    super::dict::set_item(&d, pair[0].clone(), pair[1].clone())?;
                }
            }
            f.annotations.set(d.clone());
            return Ok(d);
        }
        return Ok(a);
    }
    let d = super::dict::new_dict();
    f.annotations.set(d.clone());
    Ok(d)
}

fn set_str_attr(slot: &Slot, x: Value, what: &str) -> PyResult<()> {
    if super::str::as_str(&x).is_none() {
        return Err(exc::type_error(format!("{what} must be set to a string object")));
    }
    slot.set(x);
    Ok(())
}

fn function_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let f = this_func(&args[0])?;
    let q = f.qualname.get();
    Ok(super::str::from_string(format!(
        "<function {} at {:#x}>",
        super::str::as_str(&q).unwrap_or("?"),
        args[0].bits()
    )))
}

fn function_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::check_args("__get__", args, 2, 3)?;
    if args[1].is(&rt().none) {
        return Ok(args[0].clone());
    }
    Ok(new_method(args[0].clone(), args[1].clone()))
}

fn this_method(v: &Value) -> PyResult<&MethodData> {
    v.downcast::<MethodData>().ok_or_else(|| exc::type_error("expected a method"))
}

pub const METHOD_METHODS: &[Method] =
    &[m("__repr__", method_repr), m("__eq__", method_eq), m("__hash__", method_hash)];

pub const METHOD_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__func__", |v| Ok(this_method(v)?.func.clone()), None),
    ("__self__", |v| Ok(this_method(v)?.self_.clone()), None),
    ("__name__", |v| crate::attr::getattr_str(&this_method(v)?.func, "__name__"), None),
    ("__qualname__", |v| crate::attr::getattr_str(&this_method(v)?.func, "__qualname__"), None),
    ("__doc__", |v| crate::attr::getattr_str(&this_method(v)?.func, "__doc__"), None),
    ("__module__", |v| crate::attr::getattr_str(&this_method(v)?.func, "__module__"), None),
];

fn method_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let md = this_method(&args[0])?;
    let q = crate::attr::getattr_str(&md.func, "__qualname__")?;
    let r = crate::ops::repr(&md.self_)?;
    Ok(super::str::from_string(format!(
        "<bound method {} of {}>",
        super::str::as_str(&q).unwrap_or("?"),
        super::str::as_str(&r).unwrap_or("?")
    )))
}

fn method_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_method(&args[0])?;
    match args[1].downcast::<MethodData>() {
        Some(b) => Ok(rt().bool_value(a.func.is(&b.func) && a.self_.is(&b.self_))),
        None => Ok(rt().not_implemented.clone()),
    }
}

fn method_hash(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let a = this_method(&args[0])?;
    let h = crate::hashing::hash_pointer(a.self_.bits()) ^ crate::ops::hash(&a.func)?;
    Ok(super::int::from_i64(if h == -1 { -2 } else { h }))
}

fn this_builtin(v: &Value) -> PyResult<&BuiltinData> {
    v.downcast::<BuiltinData>().ok_or_else(|| exc::type_error("expected a builtin function"))
}

pub const BUILTIN_METHODS: &[Method] = &[m("__repr__", builtin_repr), m("__reduce__", builtin_reduce)];

/// `__reduce__` of a native function (CPython's `meth_reduce`): a
/// module's function pickles by its name, a method as
/// `getattr(self, name)`.
fn builtin_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this_builtin(&args[0])?;
    if b.self_.is_null() || crate::types::is_instance(&b.self_, &rt().types.module) {
        return builtin_qualname(b);
    }
    let getattr = super::dict::get_str(rt().builtins(), &super::str::intern("getattr"))
        .ok_or_else(|| exc::runtime_error("lost builtins.getattr"))?;
    let call_args = super::tuple::new(vec![b.self_.clone(), super::str::new(b.name)]);
    Ok(super::tuple::new(vec![getattr, call_args]))
}
pub const DESCRIPTOR_METHODS: &[Method] = &[m("__repr__", descriptor_repr), m("__get__", descriptor_get)];
pub const WRAPPER_METHODS: &[Method] = &[m("__repr__", wrapper_repr), m("__get__", descriptor_get)];
pub const METHOD_WRAPPER_METHODS: &[Method] = &[m("__repr__", method_wrapper_repr)];

/// `builtin_function_or_method`'s attributes.
pub const BUILTIN_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__name__", |v| Ok(super::str::new(this_builtin(v)?.name)), None),
    ("__qualname__", |v| builtin_qualname(this_builtin(v)?), None),
    ("__module__", |v| Ok(builtin_module(this_builtin(v)?)), None),
    ("__self__", |v| Ok(self_or_none(this_builtin(v)?)), None),
    ("__doc__", |_| Ok(rt().none.clone()), None),
];

/// The attributes of `method_descriptor`, `wrapper_descriptor` and
/// `method-wrapper` (no `__module__`, as in CPython).
pub const DESCRIPTOR_GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("__name__", |v| Ok(super::str::new(this_builtin(v)?.name)), None),
    ("__qualname__", |v| descriptor_qualname(this_builtin(v)?), None),
    ("__objclass__", |v| Ok(owner_type(this_builtin(v)?).unwrap_or_else(|| rt().none.clone())), None),
    ("__self__", |v| Ok(self_or_none(this_builtin(v)?)), None),
    ("__doc__", |_| Ok(rt().none.clone()), None),
];

fn self_or_none(b: &BuiltinData) -> Value {
    if b.self_.is_null() {
        rt().none.clone()
    } else {
        b.self_.clone()
    }
}

/// The type a native method belongs to, when known.
fn owner_type(b: &BuiltinData) -> Option<Value> {
    (!b.owner.is_null() && crate::types::as_type(&b.owner).is_some()).then(|| b.owner.clone())
}

/// `type.__qualname__ + "." + name`.
fn qualified(ty: &Value, name: &str) -> Value {
    let q = crate::types::as_type(ty).map_or_else(String::new, |td| td.qualname.borrow().clone());
    super::str::from_string(format!("{q}.{name}"))
}

/// CPython's `meth_get__qualname__`: the name alone for a module's
/// function, else qualified by `__self__` (a type) or its type.
fn builtin_qualname(b: &BuiltinData) -> PyResult<Value> {
    let is_module = |v: &Value| crate::types::is_instance(v, &rt().types.module);
    if b.self_.is_null() || is_module(&b.self_) {
        return Ok(match owner_type(b) {
            Some(ty) => qualified(&ty, b.name),
            None => super::str::new(b.name),
        });
    }
    if crate::types::as_type(&b.self_).is_some() {
        return Ok(qualified(&b.self_, b.name));
    }
    Ok(qualified(&crate::types::type_of(&b.self_), b.name))
}

/// A descriptor's `__qualname__`: qualified by the type defining it.
fn descriptor_qualname(b: &BuiltinData) -> PyResult<Value> {
    let ty = owner_type(b).unwrap_or_else(|| crate::types::type_of(&b.self_));
    Ok(qualified(&ty, b.name))
}

/// `__module__` of a native function: the name of the module defining
/// it, None for methods.
fn builtin_module(b: &BuiltinData) -> Value {
    if super::str::is_str(&b.owner) {
        return b.owner.clone();
    }
    if !b.self_.is_null() && crate::types::is_instance(&b.self_, &rt().types.module) {
        if let Ok(name) = crate::attr::getattr_str(&b.self_, "__name__") {
            return name;
        }
    }
    rt().none.clone()
}

/// The `tp_name` of the type defining a descriptor, for its repr.
fn owner_name(b: &BuiltinData) -> String {
    match owner_type(b) {
        Some(ty) => crate::types::tp_name(crate::types::type_payload(&ty)),
        None => "?".to_string(),
    }
}

fn builtin_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this_builtin(&args[0])?;
    if b.self_.is_null() || crate::types::is_instance(&b.self_, &rt().types.module) {
        return Ok(super::str::from_string(format!("<built-in function {}>", b.name)));
    }
    Ok(super::str::from_string(format!(
        "<built-in method {} of {} object at {:#x}>",
        b.name,
        crate::types::type_name(&b.self_),
        b.self_.bits()
    )))
}

fn descriptor_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this_builtin(&args[0])?;
    Ok(super::str::from_string(format!("<method '{}' of '{}' objects>", b.name, owner_name(b))))
}

fn wrapper_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this_builtin(&args[0])?;
    Ok(super::str::from_string(format!("<slot wrapper '{}' of '{}' objects>", b.name, owner_name(b))))
}

fn method_wrapper_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let b = this_builtin(&args[0])?;
    Ok(super::str::from_string(format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        b.name,
        crate::types::type_name(&b.self_),
        b.self_.bits()
    )))
}

fn descriptor_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    super::check_args("__get__", args, 2, 3)?;
    if args[1].is(&rt().none) {
        return Ok(args[0].clone());
    }
    let b = this_builtin(&args[0])?;
    Ok(bind_native_method(&args[0], b, args[1].clone()))
}

fn this_cell(v: &Value) -> PyResult<&CellData> {
    v.downcast::<CellData>().ok_or_else(|| exc::type_error("expected a cell"))
}

pub const CELL_GETSETS: &[(&str, Getter, Option<Setter>)] = &[(
    "cell_contents",
    |v| {
        let c = this_cell(v)?.0.get();
        if c.is_null() {
            return Err(exc::value_error("Cell is empty"));
        }
        Ok(c)
    },
    Some(|v, x| {
        this_cell(v)?.0.set(x);
        Ok(())
    }),
)];
