//! Calling objects: Python functions (a new frame), native functions,
//! bound methods, classes (`__new__` then `__init__`), and anything with
//! `__call__`; `CALL_FUNCTION_EX`'s `f(*args, **kwargs)`.
//!
//! Recursion accounting follows CPython 3.11, where the call site decides
//! which calls count against the recursion limit (and so which message a
//! `RecursionError` carries): every call of a C function counts ("while
//! calling a Python object"), except at a CALL site CPython has specialised
//! for a `METH_FASTCALL` callee (the row's [`Conv`]) or for `len`/`str`
//! of one argument; calling a type counts unless the type has a vectorcall
//! entry ([`type_has_vectorcall`]); calling an object through `__call__`
//! counts. CPython specialises a site once its code has warmed up
//! ([`warm_up`], [`Site::of_call`]).

use crate::exceptions::{self as exc, PyErr, PyResult};
use crate::objects::code::CodeData;
use crate::objects::function::{BuiltinData, FunctionData, MethodData};
use crate::objects::{dict, str as pystr, tuple, Conv};
use crate::runtime::rt;
use crate::types::{self, as_type, type_name, type_of};
use crate::value::Value;
use std::cell::Cell;
use std::mem::ManuallyDrop;

/// Where a call is made from, for the recursion accounting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// Native code, `f(*args)`, or a CALL site CPython has not yet
    /// specialised: every native call counts.
    Generic,
    /// A CALL site CPython 3.11 would have specialised by now.
    Warm,
    /// A call CPython makes through a type's slot pointer rather than by
    /// calling the function object (`type_call` running `tp_new` and
    /// `tp_init`): a native callee is not counted.
    Slot,
}

/// Warm-up ticks after which CPython 3.11 has quickened a code object
/// (`QUICKENING_WARMUP_DELAY`); a CALL site then specialises on its next
/// execution.
const CODE_WARMUP: u32 = 8;

/// Counts one tick of CPython's warm-up of `code` (its RESUME and
/// JUMP_BACKWARD instructions tick).
#[inline(always)]
pub fn warm_up(code: &CodeData) {
    let n = code.warmup.get();
    if n < CODE_WARMUP {
        code.warmup.set(n + 1);
    }
}

impl Site {
    /// The site of a CALL instruction in `code`.
    #[inline]
    pub fn of_call(code: &CodeData) -> Site {
        if code.warmup.get() >= CODE_WARMUP {
            Site::Warm
        } else {
            Site::Generic
        }
    }
}

/// `callable(*args)`; the last `kwnames.len()` args are keyword values.
pub fn call(callable: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    call_at(callable, args, kwnames, Site::Generic)
}

/// `callable(*args)` made from `site`.
pub fn call_at(callable: &Value, args: &[Value], kwnames: &[Value], site: Site) -> PyResult<Value> {
    if callable.downcast::<FunctionData>().is_some() {
        return crate::eval::call_function(callable, args, kwnames);
    }
    if let Some(b) = callable.downcast::<BuiltinData>() {
        return call_builtin(callable, b, args, kwnames, site);
    }
    if let Some(m) = callable.downcast::<MethodData>() {
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(m.self_.clone());
        full.extend_from_slice(args);
        return call(&m.func, &full, kwnames);
    }
    if as_type(callable).is_some() {
        return type_call(callable, args, kwnames, site);
    }
    if kwnames.is_empty() {
        // A native type's own `__call__` (its slot): called directly, as
        // CPython's `tp_call`.
        if let crate::slots::SlotFn::Native(f) =
            crate::slots::get(types::type_data_of(callable), crate::slots::SlotId::Call)
        {
            return counted(|| with_self(callable, args, |full| f(full, &[])));
        }
    }
    match types::lookup_str(&type_of(callable), "__call__") {
        Some(f) => counted(|| {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(callable.clone());
            full.extend_from_slice(args);
            call(&f, &full, kwnames)
        }),
        None => Err(exc::type_error(format!("'{}' object is not callable", type_name(callable)))),
    }
}

/// `callable(*args)` for the native functions the CALL instruction runs
/// without the general protocol at a warm site (CPython's
/// `PRECALL_NO_KW_LEN`, which counts nothing), and `super()` without
/// `type.__call__`: `None` for any other callable.
#[inline]
pub fn call_native_fast(callable: &Value, args: &[Value], site: Site) -> Option<PyResult<Value>> {
    if args.is_empty() && callable.is(&rt().types.super_) {
        // `super()`: the class cell and first argument of the running frame.
        return Some(
            crate::eval::zero_arg_super()
                .and_then(|(ty, obj)| crate::objects::descr::make_super(callable, ty, obj)),
        );
    }
    let t = &rt().types;
    if callable.is(&t.range) {
        return range_of_small_ints(args).map(Ok);
    }
    if callable.is(&t.tuple) {
        // `tuple(x)` of an exact tuple or list (CPython's
        // `PRECALL_NO_KW_TUPLE_1`); other iterables can run Python code,
        // so they take the general path, which records the caller's line.
        let [x] = args else { return None };
        if tuple::is_exact(x) {
            return Some(Ok(x.clone()));
        }
        if x.header()?.ty.get() == t.list.as_ptr() {
            return crate::objects::list::snapshot(x).map(|items| Ok(tuple::new(items)));
        }
        return None;
    }
    let b = callable.downcast::<BuiltinData>()?;
    if site == Site::Warm
        && args.len() == 1
        && b.self_.is_null()
        && std::ptr::fn_addr_eq(b.func, crate::builtins::functions::len as crate::objects::NativeFn)
    {
        let n = match len_of_exact_builtin(&args[0]) {
            Some(n) => Ok(n),
            None => crate::ops::len(&args[0]),
        };
        return Some(n.map(crate::objects::int::from_usize));
    }
    None
}

/// `len(x)` of an exact list, tuple or str, read directly (the usual
/// operands of CPython's `PRECALL_NO_KW_LEN`); `None` for the general path.
#[inline(always)]
fn len_of_exact_builtin(x: &Value) -> Option<usize> {
    let ty = x.header()?.ty.get();
    let t = &rt().types;
    if ty == t.list.as_ptr() {
        return crate::objects::list::data(x).map(|l| l.items.borrow().len());
    }
    if ty == t.tuple.as_ptr() {
        return tuple::items(x).map(<[Value]>::len);
    }
    if ty == t.str.as_ptr() {
        return pystr::data(x).map(|s| s.char_len());
    }
    None
}

/// `range(*args)` when given one to three small ints and a non-zero step
/// (what CPython's `range_vectorcall` makes without touching `__new__`);
/// `None` for the general path, which also raises the errors.
#[inline]
fn range_of_small_ints(args: &[Value]) -> Option<Value> {
    let (start, stop, step) = match args {
        [stop] => (0, stop.as_small_int()?, 1),
        [start, stop] => (start.as_small_int()?, stop.as_small_int()?, 1),
        [start, stop, step] => (start.as_small_int()?, stop.as_small_int()?, step.as_small_int()?),
        _ => return None,
    };
    (step != 0).then(|| crate::objects::range::new(start, stop, step))
}

/// Calls `f` found on the type of `self_` with `args` (self first).
pub fn call_unbound(f: &Value, self_: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    call_unbound_at(f, self_, args, kwnames, Site::Generic)
}

/// [`call_unbound`] made from `site`.
fn call_unbound_at(
    f: &Value,
    self_: &Value,
    args: &[Value],
    kwnames: &[Value],
    site: Site,
) -> PyResult<Value> {
    if f.downcast::<FunctionData>().is_some() || f.downcast::<BuiltinData>().is_some() {
        return call_at(f, args, kwnames, site);
    }
    let bound = crate::attr::bind_descriptor(f.clone(), self_, &type_of(self_))?;
    call(&bound, &args[1..], kwnames)
}

fn call_builtin(
    callable: &Value,
    b: &BuiltinData,
    args: &[Value],
    kwnames: &[Value],
    site: Site,
) -> PyResult<Value> {
    if (!b.kw || matches!(b.conv, Conv::NoArgs | Conv::One)) && !kwnames.is_empty() {
        return Err(exc::type_error(format!("{}() takes no keyword arguments", native_function_str(b))));
    }
    let count = match site {
        Site::Generic => true,
        Site::Warm => !specialised_uncounted(callable, b, kwnames),
        Site::Slot => false,
    };
    if b.self_.is_null() {
        let npos = args.len() - kwnames.len();
        if npos == 0 && (b.name == "__new__" || is_method_descriptor(b)) {
            let name = match crate::types::as_type(&b.owner) {
                Some(td) => format!("{}.{}", td.qualname.borrow(), b.name),
                None => b.name.to_string(),
            };
            return Err(exc::type_error(format!("unbound method {name}() needs an argument")));
        }
        if matches!(b.conv, Conv::NoArgs | Conv::One) {
            let unbound = type_of(callable).is(&rt().types.method_descriptor);
            check_arity(b, npos - unbound as usize)?;
        }
        return counted_if(count, || (b.func)(args, kwnames));
    }
    if matches!(b.conv, Conv::NoArgs | Conv::One) {
        check_arity(b, args.len() - kwnames.len())?;
    }
    counted_if(count, || with_self(&b.self_, args, |full| (b.func)(full, kwnames)))
}

/// CPython's check of a `METH_NOARGS` or `METH_O` function's argument
/// count (`n`, self excluded), made before the function runs.
#[cold]
fn arity_error(b: &BuiltinData, n: usize) -> PyErr {
    let what = if b.conv == Conv::NoArgs { "no arguments" } else { "exactly one argument" };
    exc::type_error(format!("{}() takes {what} ({n} given)", native_function_str(b)))
}

#[inline]
fn check_arity(b: &BuiltinData, n: usize) -> PyResult<()> {
    match (b.conv, n) {
        (Conv::NoArgs, 0) | (Conv::One, 1) => Ok(()),
        (Conv::NoArgs | Conv::One, _) => Err(arity_error(b, n)),
        _ => Ok(()),
    }
}

/// How CPython's messages name a native function (`_PyObject_FunctionStr`
/// without the parentheses): `list.append` for a method, `math.sqrt` for a
/// module's function, `len` for a builtin.
fn native_function_str(b: &BuiltinData) -> String {
    if let Some(td) = crate::types::as_type(&b.owner) {
        return format!("{}.{}", td.qualname.borrow(), b.name);
    }
    if let Some(td) = crate::types::as_type(&b.self_) {
        return format!("{}.{}", td.qualname.borrow(), b.name);
    }
    let module = if b.self_.is_null() {
        None
    } else if crate::types::type_of(&b.self_).is(&rt().types.module) {
        crate::objects::module::dict_of(&b.self_)
            .and_then(|d| crate::objects::dict::get_str(&d, &crate::objects::str::intern("__name__")))
            .and_then(|n| crate::objects::str::as_str(&n).map(str::to_string))
    } else {
        return format!("{}.{}", crate::types::type_data_of(&b.self_).qualname.borrow(), b.name);
    };
    match module {
        Some(m) if m != "builtins" => format!("{m}.{}", b.name),
        _ => b.name.to_string(),
    }
}

/// Runs `f` on `[self_, *args]`, built on the Rust stack for up to two
/// arguments (module functions and native `__call__`s are called often).
#[inline]
fn with_self<R>(self_: &Value, args: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    match args {
        [] => f(std::slice::from_ref(self_)),
        [a] => f(&[self_.clone(), a.clone()]),
        [a, b] => f(&[self_.clone(), a.clone(), b.clone()]),
        _ => {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(self_.clone());
            full.extend_from_slice(args);
            f(&full)
        }
    }
}

/// Whether CPython's specialised CALL for native `b` skips the recursion
/// count: `METH_FASTCALL` callees (`PRECALL_BUILTIN_FAST*`,
/// `PRECALL_*METHOD_DESCRIPTOR_FAST*`); a method descriptor called with
/// keywords is never specialised.
fn specialised_uncounted(callable: &Value, b: &BuiltinData, kwnames: &[Value]) -> bool {
    b.conv == Conv::Fast && (kwnames.is_empty() || !type_of(callable).is(&rt().types.method_descriptor))
}

/// Runs `f`, counted against the recursion limit when `count` (CPython's
/// `_Py_EnterRecursiveCall(" while calling a Python object")`), else
/// seen by the stack guard only.
#[inline]
fn counted_if(count: bool, f: impl FnOnce() -> PyResult<Value>) -> PyResult<Value> {
    if count {
        return counted(f);
    }
    let ts = &rt().thread;
    ts.enter_native()?;
    let r = f();
    ts.leave_native();
    r
}

/// Runs `f` counted against the recursion limit as a call.
#[inline]
fn counted(f: impl FnOnce() -> PyResult<Value>) -> PyResult<Value> {
    let ts = &rt().thread;
    ts.enter().map_err(|_| {
        exc::recursion_error("maximum recursion depth exceeded while calling a Python object")
    })?;
    let r = f();
    ts.leave();
    r
}

fn is_method_descriptor(b: &BuiltinData) -> bool {
    // A type's table made it (its `owner` is the type: `bytearray.hex`,
    // although `hex` is also a builtin); else tell plain builtins (NULL
    // self too) apart by the registry name list.
    crate::types::as_type(&b.owner).is_some()
        || !crate::builtins::FUNCTIONS.iter().any(|(n, ..)| *n == b.name)
}

/// Calling a class: `type(x)`, or `cls.__new__` then `__init__`.
pub fn type_call(cls: &Value, args: &[Value], kwnames: &[Value], site: Site) -> PyResult<Value> {
    let r = rt();
    if cls.is(&r.types.type_) && args.len() == 1 && kwnames.is_empty() {
        return Ok(type_of(&args[0]));
    }
    let one_arg = args.len() == 1 && kwnames.is_empty();
    if cls.is(&r.types.str) && one_arg {
        // A warm site runs CPython's `PRECALL_NO_KW_STR_1` (no call counted).
        return counted_if(site != Site::Warm, || crate::ops::str_(&args[0]));
    }
    counted_if(!type_has_vectorcall(cls), || {
        let meta = type_of(cls);
        if !meta.is(&r.types.type_) {
            if let Some(f) = types::lookup_str(&meta, "__call__") {
                if f.downcast::<BuiltinData>().is_none() {
                    let mut full = vec![cls.clone()];
                    full.extend_from_slice(args);
                    return call(&f, &full, kwnames);
                }
            }
        }
        type_call_impl(cls, args, kwnames)
    })
}

/// Whether CPython 3.11's type `cls` has a vectorcall entry, so that
/// calling it is not counted against the recursion limit (calls of other
/// types go through `_PyObject_MakeTpCall`, which counts).
fn type_has_vectorcall(cls: &Value) -> bool {
    let t = &rt().types;
    [
        &t.bool_,
        &t.dict,
        &t.enumerate,
        &t.filter,
        &t.float,
        &t.frozenset,
        &t.list,
        &t.map,
        &t.range,
        &t.reversed,
        &t.set,
        &t.super_,
        &t.tuple,
        &t.type_,
    ]
    .iter()
    .any(|ty| cls.is(ty))
}

crate::interp_static! {
    /// The interned `__new__` and `__init__` (immortal, so kept as bits),
    /// and `object.__init__`/`object.__new__` as found on `object`.
    static TYPE_CALL_NAMES: Cell<[u64; 4]> = const { Cell::new([0; 4]) };
}

/// `(__new__, __init__, object.__new__, object.__init__)`, borrowed: the
/// names are immortal and `object`'s namespace never changes.
fn type_call_names() -> [ManuallyDrop<Value>; 4] {
    let bits = TYPE_CALL_NAMES.with(|c| {
        if c.get()[0] == 0 {
            let new = pystr::intern("__new__");
            let init = pystr::intern("__init__");
            let object = &rt().types.object;
            let onew = types::lookup(object, &new).unwrap_or_default();
            let oinit = types::lookup(object, &init).unwrap_or_default();
            // The references are kept for as long as the thread lives.
            c.set([new.into_raw(), init.into_raw(), onew.into_raw(), oinit.into_raw()]);
        }
        c.get()
    });
    // SAFETY: each word is a reference leaked above, so alive for good;
    // the aliases are never dropped.
    bits.map(|b| ManuallyDrop::new(unsafe { Value::from_raw(b) }))
}

/// `type.__call__(cls, *args, **kwargs)`: `__new__`, then `__init__`.
pub fn type_call_impl(cls: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let r = rt();
    if as_type(cls).is_none() {
        return Err(exc::type_error(format!(
            "descriptor '__call__' requires a 'type' object but received a '{}'",
            type_name(cls)
        )));
    }
    let [new_name, init_name, object_new, object_init] = type_call_names();
    let Some(new) = types::lookup(cls, &new_name) else {
        return Err(exc::type_error(format!(
            "cannot create '{}' instances",
            types::type_payload(cls).name()
        )));
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(cls.clone());
    full.extend_from_slice(args);
    let new = match new.downcast::<crate::objects::descr::WrapperData>() {
        Some(w) => w.0.get(),
        None => new,
    };
    let obj = call_at(&new, &full, kwnames, Site::Slot)?;
    if !types::is_instance(&obj, cls) {
        return Ok(obj);
    }
    if cls.is(&r.types.type_) && args.len() == 1 {
        return Ok(obj);
    }
    let ty = type_of(&obj);
    if let Some(init) = types::lookup(&ty, &init_name) {
        // `object.__init__` does nothing unless it must reject arguments,
        // which it does only when `__new__` is object's too.
        let excess = args.len() > 1 || !kwnames.is_empty();
        if init.is(&object_init)
            && (!excess || !types::lookup(&ty, &new_name).is_some_and(|n| n.is(&object_new)))
        {
            return Ok(obj);
        }
        full[0] = obj.clone();
        let res = call_unbound_at(&init, &obj, &full, kwnames, Site::Slot)?;
        let _ = kwnames;
        if !res.is(&r.none) {
            return Err(exc::type_error(format!("__init__() should return None, not '{}'", type_name(&res))));
        }
    }
    Ok(obj)
}

/// `f(*callargs, **kwargs)` (kwargs NULL when absent).
pub fn call_ex(func: &Value, callargs: &Value, kwargs: &Value) -> PyResult<Value> {
    let mut args = match tuple::items(callargs) {
        Some(t) => t.to_vec(),
        None => {
            if !crate::ops::is_iterable(callargs) {
                let fname = function_str(func)
                    .map(|n| format!("{n}()"))
                    .unwrap_or_else(|| format!("{} object", type_name(func)));
                return Err(exc::type_error(format!(
                    "{fname} argument after * must be an iterable, not {}",
                    type_name(callargs)
                )));
            }
            crate::ops::collect(callargs)?
        }
    };
    let mut names = Vec::new();
    if !kwargs.is_null() {
        let d = dict::data(kwargs).ok_or_else(|| exc::type_error("argument after ** must be a mapping"))?;
        for (k, v) in d.items() {
            if pystr::as_str(&k).is_none() {
                return Err(exc::type_error("keywords must be strings"));
            }
            names.push(k);
            args.push(v);
        }
    }
    call(func, &args, &names)
}

/// `_PyObject_FunctionStr`: `module.qualname` for functions outside builtins.
pub fn function_str(func: &Value) -> Option<String> {
    let f = match func.downcast::<MethodData>() {
        Some(m) => m.func.clone(),
        None => func.clone(),
    };
    if let Some(fd) = f.downcast::<FunctionData>() {
        let q = pystr::as_str(&fd.qualname.get()).unwrap_or("?").to_string();
        let m = fd.module.get();
        return Some(match pystr::as_str(&m) {
            Some(m) if m != "builtins" => format!("{m}.{q}"),
            _ => q,
        });
    }
    callable_name(func)
}

/// The name CPython shows for a callable in call errors (`f`, `C.m`).
pub fn callable_name(func: &Value) -> Option<String> {
    if let Some(f) = func.downcast::<FunctionData>() {
        return pystr::as_str(&f.qualname.get()).map(str::to_string);
    }
    if let Some(m) = func.downcast::<MethodData>() {
        return callable_name(&m.func);
    }
    if let Some(b) = func.downcast::<BuiltinData>() {
        return Some(b.name.to_string());
    }
    as_type(func).map(|t| t.name())
}
