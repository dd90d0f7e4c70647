//! `_contextvars` (CPython's `context.c`, PEP 567): `ContextVar`,
//! `Context`, `Token` and `copy_context`.
//!
//! A context's variables are a persistent map: an `Rc`'d vector of
//! `(var, value)` pairs sorted by the var's address. `copy()` shares the
//! vector; `ContextVar.set` copies it first when it is shared
//! (`Rc::make_mut`), so a copy never sees later sets — what CPython gets
//! from its HAMT, at O(n) per set of a shared map, which is cheap for the
//! handful of variables programs have. The current context lives on the
//! thread state (`ThreadState::context`, created empty on first use).
//!
//! `ContextVar.get` caches the index of its entry in the current context,
//! checked against a per-thread version bumped whenever the current
//! context changes (entered, left, or a variable set in it), as CPython's
//! `var_cached`/`ts->context_ver`.
//!
//! Values dropped by a set are released after the map's borrow ends (a
//! `__del__` may read context variables). Contexts are not traversed by
//! the cycle collector: a cycle through a context is kept alive.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{
    cm, dict, int, list, m, mk, module, new_method, str as pystr, tuple, Getter, Method,
};
use taipan_vm::ops;
use taipan_vm::runtime::rt;
use taipan_vm::types::{type_name, type_payload};
use taipan_vm::value::Slot;
use taipan_vm::Value;

/// A context's variables: `(var, value)` sorted by the var's address.
type VarMap = Rc<Vec<(Value, Value)>>;

/// The payload of a `Context`.
pub struct ContextData {
    vars: RefCell<VarMap>,
    /// The context that was current before this one was entered.
    prev: Slot,
    entered: Cell<bool>,
}

/// The payload of a `ContextVar`.
pub struct ContextVarData {
    name: Value,
    /// NULL when the variable has no default.
    default: Value,
    /// `(version, index in the current context's map or None)`.
    cached: Cell<Option<(u64, Option<usize>)>>,
}

/// The payload of a `Token`.
pub struct TokenData {
    ctx: Value,
    var: Value,
    /// NULL when the variable had no value (`Token.MISSING`).
    old: Value,
    used: Cell<bool>,
}

/// The payload of `Token.MISSING`.
pub struct MissingData;

taipan_vm::interp_static! {
    static TYPES: OnceCell<Types> = const { OnceCell::new() };
    /// Bumped whenever the current context or its map changes.
    static VERSION: Cell<u64> = const { Cell::new(1) };
}

#[derive(Clone)]
struct Types {
    context: Value,
    var: Value,
    token: Value,
    missing: Value,
}

fn types() -> Types {
    TYPES.with(|c| c.get_or_init(make_types).clone())
}

fn make_types() -> Types {
    let object = &rt().types.object;
    let new = taipan_vm::objects::object::new_native_type::<ContextData>;
    let context = new("Context", "_contextvars", object, 0, CONTEXT_METHODS, &[]);
    dict::set_str(type_payload(&context).dict(), "__hash__", rt().none.clone());
    let var = taipan_vm::objects::object::new_native_type::<ContextVarData>(
        "ContextVar",
        "_contextvars",
        object,
        0,
        VAR_METHODS,
        VAR_GETSETS,
    );
    let token = taipan_vm::objects::object::new_native_type::<TokenData>(
        "Token",
        "_contextvars",
        object,
        0,
        TOKEN_METHODS,
        TOKEN_GETSETS,
    );
    let missing_type = taipan_vm::objects::object::new_native_type::<MissingData>(
        "Token.MISSING",
        "builtins",
        object,
        0,
        &[m("__repr__", |_, _| Ok(pystr::new("<Token.MISSING>")))],
        &[],
    );
    let missing = taipan_vm::heap::alloc(&missing_type, MissingData);
    dict::set_str(type_payload(&token).dict(), "MISSING", missing.clone());
    Types { context, var, token, missing }
}

/// Builds the `_contextvars` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("_contextvars", &[m("copy_context", |_, _| copy_context())]);
    let t = types();
    module::set_attr(&md, "Context", t.context);
    module::set_attr(&md, "ContextVar", t.var);
    module::set_attr(&md, "Token", t.token);
    Ok(md)
}

// ---- the current context ----

fn bump_version() {
    VERSION.with(|v| v.set(v.get().wrapping_add(1)));
}

fn version() -> u64 {
    VERSION.with(|v| v.get())
}

/// The thread's current context, created empty on first use.
fn current() -> Value {
    let slot = &rt().thread.context;
    let ctx = slot.get();
    if !ctx.is_null() {
        return ctx;
    }
    let ctx = new_context(Rc::new(Vec::new()));
    slot.set(ctx.clone());
    ctx
}

fn new_context(vars: VarMap) -> Value {
    let payload = ContextData { vars: RefCell::new(vars), prev: Slot::default(), entered: Cell::new(false) };
    taipan_vm::heap::alloc(&types().context, payload)
}

/// `copy_context()`: a new context sharing the current one's map.
fn copy_context() -> PyResult<Value> {
    let ctx = current();
    let vars = context(&ctx)?.snapshot();
    Ok(new_context(vars))
}

fn context(v: &Value) -> PyResult<&ContextData> {
    v.downcast::<ContextData>().ok_or_else(|| wrong_self("Context", v))
}

fn wrong_self(what: &str, v: &Value) -> exc::PyErr {
    exc::type_error(format!(
        "descriptor requires a '_contextvars.{what}' object but received '{}'",
        type_name(v)
    ))
}

// ---- the map ----

/// Where `var` is (or would go) in `map`.
fn position(map: &[(Value, Value)], var: &Value) -> Result<usize, usize> {
    map.binary_search_by_key(&var.bits(), |(k, _)| k.bits())
}

fn lookup(map: &[(Value, Value)], var: &Value) -> Option<Value> {
    position(map, var).ok().map(|i| map[i].1.clone())
}

impl ContextData {
    /// Sets `var` to `value`; returns the value it replaced (to be dropped
    /// by the caller, after the borrow).
    fn assign(&self, var: &Value, value: Value) -> Option<Value> {
        let mut vars = self.vars.borrow_mut();
        let map = Rc::make_mut(&mut vars);
        match position(map, var) {
            Ok(i) => Some(std::mem::replace(&mut map[i].1, value)),
            Err(i) => {
                map.insert(i, (var.clone(), value));
                None
            }
        }
    }

    /// Removes `var`; returns the removed pair (dropped by the caller).
    fn remove(&self, var: &Value) -> Option<(Value, Value)> {
        let mut vars = self.vars.borrow_mut();
        let i = position(&vars, var).ok()?;
        Some(Rc::make_mut(&mut vars).remove(i))
    }

    fn snapshot(&self) -> VarMap {
        self.vars.borrow().clone()
    }
}

// ---- Context ----

const CONTEXT_METHODS: &[Method] = &[
    new_method(context_new),
    mk("run", context_run),
    m("copy", |a, _| Ok(new_context(context(&a[0])?.snapshot()))),
    m("get", context_get),
    m("__getitem__", context_getitem),
    m("__contains__", |a, _| {
        let ctx = context(&a[0])?;
        let var = var_key(a.get(1))?;
        Ok(rt().bool_value(position(&ctx.vars.borrow(), var).is_ok()))
    }),
    m("__len__", |a, _| Ok(int::from_usize(context(&a[0])?.vars.borrow().len()))),
    m("__iter__", |a, _| ops::iter(&keys_of(&a[0])?)),
    m("keys", |a, _| keys_of(&a[0])),
    m("values", |a, _| Ok(list::new(context(&a[0])?.snapshot().iter().map(|(_, v)| v.clone()).collect()))),
    m("items", |a, _| {
        let map = context(&a[0])?.snapshot();
        Ok(list::new(map.iter().map(|(k, v)| tuple::new(vec![k.clone(), v.clone()])).collect()))
    }),
    m("__eq__", context_eq),
];

fn context_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(exc::type_error("Context() does not accept any arguments"));
    }
    Ok(new_context(Rc::new(Vec::new())))
}

fn keys_of(v: &Value) -> PyResult<Value> {
    Ok(list::new(context(v)?.snapshot().iter().map(|(k, _)| k.clone()).collect()))
}

/// A Context key: a ContextVar, else CPython's TypeError.
fn var_key(key: Option<&Value>) -> PyResult<&Value> {
    let Some(key) = key else {
        return Err(exc::type_error("expected a ContextVar key"));
    };
    if key.downcast::<ContextVarData>().is_none() {
        return Err(exc::type_error(format!(
            "a ContextVar key was expected, got {}",
            ops::repr_string(key)?
        )));
    }
    Ok(key)
}

fn context_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("__getitem__", args, 2, 2)?;
    let ctx = context(&args[0])?;
    let var = var_key(args.get(1))?;
    let found = lookup(&ctx.vars.borrow(), var);
    found.ok_or_else(|| exc::key_error(var.clone()))
}

/// `Context.get(key, default=None, /)`.
fn context_get(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let ctx = context(&args[0])?;
    match &args[1..] {
        [] => Err(exc::type_error("get expected at least 1 argument, got 0")),
        [key, rest @ ..] if rest.len() <= 1 => {
            let var = var_key(Some(key))?;
            let found = lookup(&ctx.vars.borrow(), var);
            Ok(found.unwrap_or_else(|| rest.first().cloned().unwrap_or_else(|| rt().none.clone())))
        }
        more => Err(exc::type_error(format!("get expected at most 2 arguments, got {}", more.len()))),
    }
}

fn context_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("__eq__", args, 2, 2)?;
    let (Some(a), Some(b)) = (args[0].downcast::<ContextData>(), args[1].downcast::<ContextData>()) else {
        return Ok(rt().not_implemented.clone());
    };
    let (x, y) = (a.snapshot(), b.snapshot());
    if x.len() != y.len() {
        return Ok(rt().false_.clone());
    }
    for ((kx, vx), (ky, vy)) in x.iter().zip(y.iter()) {
        if !kx.is(ky) || !(vx.is(vy) || ops::eq(vx, vy)?) {
            return Ok(rt().false_.clone());
        }
    }
    Ok(rt().true_.clone())
}

/// `Context.run(callable, *args, **kwargs)`.
fn context_run(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let ctx_value = &args[0];
    context(ctx_value)?;
    if args.len() - kwnames.len() < 2 {
        return Err(exc::type_error("run() missing 1 required positional argument"));
    }
    enter(ctx_value)?;
    let r = taipan_vm::call::call(&args[1], &args[2..], kwnames);
    leave(ctx_value)?;
    r
}

/// Makes `ctx` the current context (`_PyContext_Enter`).
fn enter(ctx_value: &Value) -> PyResult<()> {
    let ctx = context(ctx_value)?;
    if ctx.entered.get() {
        return Err(exc::runtime_error(format!(
            "cannot enter context: {} is already entered",
            ops::repr_string(ctx_value)?
        )));
    }
    let prev = rt().thread.context.replace(ctx_value.clone());
    ctx.prev.set(prev);
    ctx.entered.set(true);
    bump_version();
    Ok(())
}

/// Restores the context that was current before `ctx` (`_PyContext_Exit`).
fn leave(ctx_value: &Value) -> PyResult<()> {
    let ctx = context(ctx_value)?;
    let slot = &rt().thread.context;
    if !ctx.entered.get() {
        return Err(exc::runtime_error(format!(
            "cannot exit context: {} has not been entered",
            ops::repr_string(ctx_value)?
        )));
    }
    if !slot.get().is(ctx_value) {
        return Err(exc::runtime_error(
            "cannot exit context: thread state references a different context object",
        ));
    }
    let this = slot.replace(ctx.prev.take());
    ctx.entered.set(false);
    bump_version();
    drop(this);
    Ok(())
}

// ---- ContextVar ----

const VAR_METHODS: &[Method] = &[
    new_method(var_new),
    mk("get", var_get),
    mk("set", var_set),
    mk("reset", var_reset),
    m("__repr__", var_repr),
    cm("__class_getitem__", taipan_vm::objects::genericalias::class_getitem),
];

const VAR_GETSETS: &[(&str, Getter, Option<taipan_vm::objects::Setter>)] =
    &[("name", |v| Ok(this_var(v)?.name.clone()), None)];

fn this_var(v: &Value) -> PyResult<&ContextVarData> {
    v.downcast::<ContextVarData>().ok_or_else(|| wrong_self("ContextVar", v))
}

/// `ContextVar(name, *, default=<missing>)`.
fn var_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - 1 - kwnames.len();
    if args.len() > 3 {
        return Err(exc::type_error(format!(
            "ContextVar() takes at most 2 arguments ({} given)",
            args.len() - 1
        )));
    }
    if npos > 1 {
        return Err(exc::type_error(format!(
            "ContextVar() takes at most 1 positional argument ({npos} given)"
        )));
    }
    if npos == 0 {
        return Err(exc::type_error("ContextVar() takes exactly 1 positional argument (0 given)"));
    }
    let name = args[1].clone();
    let mut default = Value::NULL;
    for (k, v) in kwnames.iter().zip(&args[2..]) {
        match pystr::as_str(k).unwrap_or("") {
            "default" => default = v.clone(),
            other => {
                return Err(exc::type_error(format!(
                    "'{other}' is an invalid keyword argument for ContextVar()"
                )))
            }
        }
    }
    if !pystr::is_str(&name) {
        return Err(exc::type_error("context variable name must be a str"));
    }
    let payload = ContextVarData { name, default, cached: Cell::new(None) };
    taipan_vm::objects::object::alloc_subclass(&args[0], payload)
}

/// The value of `var` in the current context, if set.
fn var_value(var_value: &Value, var: &ContextVarData) -> PyResult<Option<Value>> {
    let ctx_value = current();
    let ctx = context(&ctx_value)?;
    let map = ctx.vars.borrow();
    let now = version();
    if let Some((ver, index)) = var.cached.get() {
        if ver == now {
            return Ok(index.map(|i| map[i].1.clone()));
        }
    }
    let index = position(&map, var_value).ok();
    var.cached.set(Some((now, index)));
    Ok(index.map(|i| map[i].1.clone()))
}

/// `ContextVar.get(default=<missing>, /)`.
fn var_get(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("ContextVar.get() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(exc::type_error(format!("get expected at most 1 argument, got {}", args.len() - 1)));
    }
    let var = this_var(&args[0])?;
    if let Some(v) = var_value(&args[0], var)? {
        return Ok(v);
    }
    if let Some(d) = args.get(1) {
        return Ok(d.clone());
    }
    if !var.default.is_null() {
        return Ok(var.default.clone());
    }
    Err(exc::new_exception(&rt().exc.lookup_error, vec![args[0].clone()]))
}

/// The single argument of a one-argument ContextVar method.
fn one_arg<'a>(name: &str, args: &'a [Value], kwnames: &[Value]) -> PyResult<&'a Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("ContextVar.{name}() takes no keyword arguments")));
    }
    match &args[1..] {
        [v] => Ok(v),
        other => Err(exc::type_error(format!(
            "ContextVar.{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

/// Sets `var` in the current context; returns the old value (NULL if none).
fn assign_current(var: &Value, value: Value) -> PyResult<Value> {
    let ctx_value = current();
    let ctx = context(&ctx_value)?;
    let old = ctx.assign(var, value);
    bump_version();
    Ok(old.unwrap_or(Value::NULL))
}

/// `ContextVar.set(value)` → a Token.
fn var_set(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let value = one_arg("set", args, kwnames)?;
    this_var(&args[0])?;
    let ctx = current();
    let old = assign_current(&args[0], value.clone())?;
    let token = TokenData { ctx, var: args[0].clone(), old, used: Cell::new(false) };
    Ok(taipan_vm::heap::alloc(&types().token, token))
}

/// `ContextVar.reset(token)`: back to the value before `token`'s set.
fn var_reset(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let token_value = one_arg("reset", args, kwnames)?;
    this_var(&args[0])?;
    let Some(token) = token_value.downcast::<TokenData>() else {
        return Err(exc::type_error(format!(
            "expected an instance of Token, got {}",
            ops::repr_string(token_value)?
        )));
    };
    if token.used.get() {
        return Err(exc::runtime_error(format!(
            "{} has already been used once",
            ops::repr_string(token_value)?
        )));
    }
    if !token.var.is(&args[0]) {
        return Err(exc::value_error(format!(
            "{} was created by a different ContextVar",
            ops::repr_string(token_value)?
        )));
    }
    let ctx_value = current();
    if !token.ctx.is(&ctx_value) {
        return Err(exc::value_error(format!(
            "{} was created in a different Context",
            ops::repr_string(token_value)?
        )));
    }
    token.used.set(true);
    if token.old.is_null() {
        let removed = context(&ctx_value)?.remove(&args[0]);
        bump_version();
        drop(removed);
    } else {
        drop(assign_current(&args[0], token.old.clone())?);
    }
    Ok(rt().none.clone())
}

/// `<ContextVar name='x' default=1 at 0x...>`.
fn var_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let var = this_var(&args[0])?;
    let mut s = format!("<ContextVar name={}", ops::repr_string(&var.name)?);
    if !var.default.is_null() {
        s.push_str(&format!(" default={}", ops::repr_string(&var.default)?));
    }
    s.push_str(&format!(" at {:#x}>", args[0].bits()));
    Ok(pystr::from_string(s))
}

// ---- Token ----

const TOKEN_METHODS: &[Method] = &[
    new_method(|_, _| Err(exc::runtime_error("Tokens can only be created by ContextVars"))),
    m("__repr__", token_repr),
    cm("__class_getitem__", taipan_vm::objects::genericalias::class_getitem),
];

const TOKEN_GETSETS: &[(&str, Getter, Option<taipan_vm::objects::Setter>)] = &[
    ("var", |v| Ok(this_token(v)?.var.clone()), None),
    (
        "old_value",
        |v| {
            let t = this_token(v)?;
            Ok(if t.old.is_null() { types().missing } else { t.old.clone() })
        },
        None,
    ),
];

fn this_token(v: &Value) -> PyResult<&TokenData> {
    v.downcast::<TokenData>().ok_or_else(|| wrong_self("Token", v))
}

/// `<Token var=<ContextVar ...> at 0x...>`, `<Token used var=...>` once used.
fn token_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let t = this_token(&args[0])?;
    let used = if t.used.get() { " used" } else { "" };
    Ok(pystr::from_string(format!(
        "<Token{used} var={} at {:#x}>",
        ops::repr_string(&t.var)?,
        args[0].bits()
    )))
}
