//! `_operator` (CPython's `_operator.c`): the operators as functions
//! (`add`, `getitem`, `lt`, …, the in-place `iadd`…), the sequence helpers
//! (`countOf`, `indexOf`, `concat`, `length_hint`), `_compare_digest`
//! (constant time, for `hmac`), `call`, and the callable classes
//! `itemgetter`, `attrgetter` and `methodcaller`. `operator.py` does
//! `from _operator import *`, so every public name here replaces its pure
//! Python twin.
//!
//! Each function goes straight to the VM's protocol entry points
//! (`ops::binary`, `ops::getitem`, `attr::getattr`, …): no Python-level
//! dispatch. Argument errors are CPython's: `add expected 2 arguments,
//! got 1` for the fast-call functions, `_operator.neg() takes exactly one
//! argument (0 given)` for the one-argument ones.

use std::cell::OnceCell;
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::objects::{bytes, dict, int, m, mk, module, new_method, str as pystr, tuple, Method};
use taipan_vm::ops::{self, BinOp, CompareOp, ReprGuard, UnaryOp};
use taipan_vm::runtime::rt;
use taipan_vm::slots::{self, SlotId};
use taipan_vm::types::{type_data_of, type_name};
use taipan_vm::Value;

/// The module's docstring (`operator.py` re-exports it).
const DOC: &str = "Operator interface.\n\nThe intrinsic operators of Python as functions: operator.add(x, y) is\nx + y, operator.getitem(s, i) is s[i], and so on. Each function is also\navailable under its dunder name (operator.__add__).";

/// The payload of an `operator.itemgetter`.
pub struct ItemGetterData {
    items: Vec<Value>,
}

/// The payload of an `operator.attrgetter`: the names as given (for
/// `repr`/`__reduce__`) and each split at its dots into interned parts.
pub struct AttrGetterData {
    names: Vec<Value>,
    paths: Vec<Vec<Value>>,
}

/// The payload of an `operator.methodcaller`: the method name, then the
/// positional arguments followed by the keyword values named by `kwnames`.
pub struct MethodCallerData {
    name: Value,
    args: Vec<Value>,
    kwnames: Vec<Value>,
}

taipan_vm::interp_static! {
    static TYPES: OnceCell<[Value; 3]> = const { OnceCell::new() };
}

/// `[itemgetter, attrgetter, methodcaller]`.
fn types() -> [Value; 3] {
    TYPES.with(|c| c.get_or_init(make_types).clone())
}

fn make_types() -> [Value; 3] {
    let object = &rt().types.object;
    let new = taipan_vm::objects::object::new_native_type::<ItemGetterData>;
    let ig = new("itemgetter", "operator", object, 0, ITEMGETTER_METHODS, &[]);
    let ag = taipan_vm::objects::object::new_native_type::<AttrGetterData>(
        "attrgetter",
        "operator",
        object,
        0,
        ATTRGETTER_METHODS,
        &[],
    );
    let mc = taipan_vm::objects::object::new_native_type::<MethodCallerData>(
        "methodcaller",
        "operator",
        object,
        0,
        METHODCALLER_METHODS,
        &[],
    );
    for (ty, doc) in [(&ig, ITEMGETTER_DOC), (&ag, ATTRGETTER_DOC), (&mc, METHODCALLER_DOC)] {
        dict::set_str(taipan_vm::types::type_payload(ty).dict(), "__doc__", pystr::new(doc));
    }
    [ig, ag, mc]
}

const ITEMGETTER_DOC: &str = "itemgetter(item, ...) --> itemgetter object\n\nA callable that fetches the given item(s) from its operand: itemgetter(1)(r) is r[1], itemgetter(1, 2)(r) is (r[1], r[2]).";
const ATTRGETTER_DOC: &str = "attrgetter(attr, ...) --> attrgetter object\n\nA callable that fetches the given attribute(s) from its operand: attrgetter('a.b')(r) is r.a.b, attrgetter('a', 'b')(r) is (r.a, r.b).";
const METHODCALLER_DOC: &str = "methodcaller(name, /, *args, **kwargs) --> methodcaller object\n\nA callable that calls the method `name` on its operand with the given arguments: methodcaller('f', 1)(r) is r.f(1).";

/// Builds the `_operator` module.
pub fn module() -> PyResult<Value> {
    let md = module::new_native_module("_operator", &BINARY);
    for rows in [&INPLACE[..], &COMPARE[..], OTHER] {
        module::add_functions(&md, rows);
    }
    module::set_attr(&md, "__doc__", pystr::new(DOC));
    let [ig, ag, mc] = types();
    module::set_attr(&md, "itemgetter", ig);
    module::set_attr(&md, "attrgetter", ag);
    module::set_attr(&md, "methodcaller", mc);
    Ok(md)
}

// ---- argument checking ----

/// The arguments of a fast-call module function taking exactly `N`
/// (`args[0]` is the module): "add expected 2 arguments, got 1".
fn exact<'a, const N: usize>(name: &str, args: &'a [Value], kwnames: &[Value]) -> PyResult<&'a [Value; N]> {
    no_keywords(name, kwnames)?;
    let given = &args[1..];
    given.try_into().map_err(|_| {
        exc::type_error(format!(
            "{name} expected {N} argument{}, got {}",
            if N == 1 { "" } else { "s" },
            given.len()
        ))
    })
}

/// The argument of a one-argument (METH_O) module function.
fn single<'a>(name: &str, args: &'a [Value], kwnames: &[Value]) -> PyResult<&'a Value> {
    no_keywords(name, kwnames)?;
    match &args[1..] {
        [v] => Ok(v),
        other => Err(exc::type_error(format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

fn no_keywords(name: &str, kwnames: &[Value]) -> PyResult<()> {
    if kwnames.is_empty() {
        Ok(())
    } else {
        Err(exc::type_error(format!("_operator.{name}() takes no keyword arguments")))
    }
}

fn boolean(b: bool) -> Value {
    rt().bool_value(b)
}

fn none() -> Value {
    rt().none.clone()
}

// ---- the functions ----

/// A binary-operator function row (`add`, `iadd`, …).
macro_rules! binop_rows {
    ($($name:literal => $f:ident($op:ident)),* $(,)?) => {
        [$(mk($name, |a, k| {
            let [x, y] = exact::<2>($name, a, k)?;
            ops::$f(x, y, BinOp::$op)
        }).fast()),*]
    };
}

/// A comparison function row (`lt`, …).
macro_rules! compare_rows {
    ($($name:literal => $op:ident),* $(,)?) => {
        [$(mk($name, |a, k| {
            let [x, y] = exact::<2>($name, a, k)?;
            ops::compare(x, y, CompareOp::$op)
        }).fast()),*]
    };
}

const BINARY: [Method; 13] = binop_rows![
    "add" => binary(Add), "and_" => binary(And), "floordiv" => binary(FloorDiv),
    "lshift" => binary(LShift), "matmul" => binary(MatMul), "mod" => binary(Mod),
    "mul" => binary(Mul), "or_" => binary(Or), "pow" => binary(Pow),
    "rshift" => binary(RShift), "sub" => binary(Sub), "truediv" => binary(TrueDiv),
    "xor" => binary(Xor),
];

const INPLACE: [Method; 13] = binop_rows![
    "iadd" => inplace(Add), "iand" => inplace(And), "ifloordiv" => inplace(FloorDiv),
    "ilshift" => inplace(LShift), "imatmul" => inplace(MatMul), "imod" => inplace(Mod),
    "imul" => inplace(Mul), "ior" => inplace(Or), "ipow" => inplace(Pow),
    "irshift" => inplace(RShift), "isub" => inplace(Sub), "itruediv" => inplace(TrueDiv),
    "ixor" => inplace(Xor),
];

const COMPARE: [Method; 6] =
    compare_rows!["lt" => Lt, "le" => Le, "eq" => Eq, "ne" => Ne, "gt" => Gt, "ge" => Ge];

const OTHER: &[Method] = &[
    mk("abs", |a, k| taipan_vm::builtins::functions::abs(std::slice::from_ref(single("abs", a, k)?), &[])),
    mk("neg", |a, k| ops::unary(single("neg", a, k)?, UnaryOp::Neg)),
    mk("pos", |a, k| ops::unary(single("pos", a, k)?, UnaryOp::Pos)),
    mk("inv", |a, k| ops::unary(single("inv", a, k)?, UnaryOp::Invert)),
    mk("invert", |a, k| ops::unary(single("invert", a, k)?, UnaryOp::Invert)),
    mk("not_", |a, k| Ok(boolean(!ops::truthy(single("not_", a, k)?)?))),
    mk("truth", |a, k| Ok(boolean(ops::truthy(single("truth", a, k)?)?))),
    mk("index", |a, k| exact_index(single("index", a, k)?)),
    mk("is_", |a, k| {
        let [x, y] = exact::<2>("is_", a, k)?;
        Ok(boolean(x.is(y)))
    })
    .fast(),
    mk("is_not", |a, k| {
        let [x, y] = exact::<2>("is_not", a, k)?;
        Ok(boolean(!x.is(y)))
    })
    .fast(),
    mk("contains", |a, k| {
        let [seq, item] = exact::<2>("contains", a, k)?;
        Ok(boolean(ops::contains(seq, item)?))
    })
    .fast(),
    mk("countOf", count_of).fast(),
    mk("indexOf", index_of).fast(),
    mk("getitem", |a, k| {
        let [obj, key] = exact::<2>("getitem", a, k)?;
        ops::getitem(obj, key)
    })
    .fast(),
    mk("setitem", |a, k| {
        let [obj, key, v] = exact::<3>("setitem", a, k)?;
        ops::setitem(obj, key.clone(), v.clone())?;
        Ok(none())
    })
    .fast(),
    mk("delitem", |a, k| {
        let [obj, key] = exact::<2>("delitem", a, k)?;
        ops::delitem(obj, key)?;
        Ok(none())
    })
    .fast(),
    mk("concat", |a, k| concat(a, k, "concat", false)).fast(),
    mk("iconcat", |a, k| concat(a, k, "iconcat", true)).fast(),
    mk("length_hint", length_hint).fast(),
    mk("_compare_digest", compare_digest).fast(),
    mk("call", call).fast(),
];

/// `PyNumber_Index`: `__index__`'s result as an exact int (`index(True)` is 1).
fn exact_index(v: &Value) -> PyResult<Value> {
    let r = int::index(v)?;
    if r.is_small_int() || taipan_vm::types::type_of(&r).is(&rt().types.int) {
        return Ok(r);
    }
    Ok(int::to_bigint(&r).map(int::from_bigint).unwrap_or(r))
}

/// Iterates `seq` for `_PySequence_IterSearch`, whose failure to iterate
/// reads "argument of type 'int' is not iterable".
fn search_iter(seq: &Value) -> PyResult<Value> {
    ops::iter(seq).map_err(|e| {
        if e.matches(&rt().exc.type_error) {
            exc::type_error(format!("argument of type '{}' is not iterable", type_name(seq)))
        } else {
            e
        }
    })
}

/// `item is x or item == x` (`PyObject_RichCompareBool`).
fn same_or_equal(item: &Value, x: &Value) -> PyResult<bool> {
    Ok(item.is(x) || ops::eq(item, x)?)
}

fn count_of(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let [seq, x] = exact::<2>("countOf", args, kwnames)?;
    let it = search_iter(seq)?;
    let mut n = 0usize;
    while let Some(item) = ops::next(&it)? {
        if same_or_equal(&item, x)? {
            n += 1;
        }
    }
    Ok(int::from_usize(n))
}

fn index_of(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let [seq, x] = exact::<2>("indexOf", args, kwnames)?;
    let it = search_iter(seq)?;
    let mut i = 0usize;
    while let Some(item) = ops::next(&it)? {
        if same_or_equal(&item, x)? {
            return Ok(int::from_usize(i));
        }
        i += 1;
    }
    Err(exc::value_error("sequence.index(x): x not in sequence"))
}

/// Whether `v`'s type has CPython's `sq_concat` (the builtin sequences).
fn has_sq_concat(v: &Value) -> bool {
    let t = &rt().types;
    [&t.str, &t.bytes, &t.bytearray, &t.list, &t.tuple].iter().any(|ty| taipan_vm::types::is_instance(v, ty))
}

/// `PySequence_Check`: has `__getitem__` and is not a dict.
fn is_sequence(v: &Value) -> bool {
    slots::get(type_data_of(v), SlotId::GetItem).is_present()
        && !taipan_vm::types::is_instance(v, &rt().types.dict)
}

/// `concat(a, b)` / `iconcat(a, b)`: `a + b` for sequences only.
fn concat(args: &[Value], kwnames: &[Value], name: &str, in_place: bool) -> PyResult<Value> {
    let [a, b] = exact::<2>(name, args, kwnames)?;
    let concatenable = has_sq_concat(a) || (is_sequence(a) && is_sequence(b));
    if !concatenable {
        return Err(exc::type_error(format!("'{}' object can't be concatenated", type_name(a))));
    }
    if in_place {
        ops::inplace(a, b, BinOp::Add)
    } else {
        ops::binary(a, b, BinOp::Add)
    }
}

/// `length_hint(obj, default=0, /)` (`PyObject_LengthHint`).
fn length_hint(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    no_keywords("length_hint", kwnames)?;
    let (obj, default) = match &args[1..] {
        [obj] => (obj, 0),
        [obj, d] => (obj, index_arg(d)?),
        [] => return Err(exc::type_error("length_hint expected at least 1 argument, got 0")),
        other => {
            return Err(exc::type_error(format!(
                "length_hint expected at most 2 arguments, got {}",
                other.len()
            )))
        }
    };
    Ok(int::from_i64(hint_of(obj, default)?))
}

/// An index-sized int argument (`Py_ssize_t` in Argument Clinic).
fn index_arg(v: &Value) -> PyResult<i64> {
    if v.as_float().is_some() {
        return Err(exc::type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = int::index(v)?;
    int::to_i64(&i).ok_or_else(|| exc::overflow_error("Python int too large to convert to C ssize_t"))
}

fn hint_of(obj: &Value, default: i64) -> PyResult<i64> {
    if slots::get(type_data_of(obj), SlotId::Len).is_present() {
        match ops::len(obj) {
            Ok(n) => return Ok(n as i64),
            Err(e) if e.matches(&rt().exc.type_error) => {}
            Err(e) => return Err(e),
        }
    }
    let Some(r) = ops::call_dunder_opt(obj, "__length_hint__", &[])? else {
        return Ok(default);
    };
    if r.is(&rt().not_implemented) {
        return Ok(default);
    }
    if !int::is_int(&r) {
        return Err(exc::type_error(format!("__length_hint__ must be an integer, not {}", type_name(&r))));
    }
    let n =
        int::to_i64(&r).ok_or_else(|| exc::overflow_error("cannot fit 'int' into an index-sized integer"))?;
    if n < 0 {
        return Err(exc::value_error("__length_hint__() should return >= 0"));
    }
    Ok(n)
}

/// `_compare_digest(a, b)`: equality in time that depends only on `b`'s
/// length, for ASCII strs or bytes-like objects.
fn compare_digest(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let [a, b] = exact::<2>("_compare_digest", args, kwnames)?;
    let (x, y) = match (pystr::text(a), pystr::text(b)) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(exc::type_error("comparing strings with non-ASCII characters is not supported"));
            }
            (x.to_string_lossy().into_owned().into_bytes(), y.to_string_lossy().into_owned().into_bytes())
        }
        _ => digest_buffers(a, b)?,
    };
    Ok(boolean(constant_time_eq(&x, &y)))
}

fn digest_buffers(a: &Value, b: &Value) -> PyResult<(Vec<u8>, Vec<u8>)> {
    let (x, y) = (bytes::buffer(a), bytes::buffer(b));
    let required =
        |v: &Value| exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v)));
    match (x, y) {
        (Some(x), Some(y)) => Ok((x, y)),
        (None, None) => Err(exc::type_error(format!(
            "unsupported operand types(s) or combination of types: '{}' and '{}'",
            type_name(a),
            type_name(b)
        ))),
        (None, Some(_)) => Err(required(a)),
        (Some(_), None) => Err(required(b)),
    }
}

/// CPython's `_tscmp`: the loop always runs over `b`'s length, and
/// differing lengths compare `b` with itself and fail.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let (left, mut result) = if a.len() == b.len() { (a, 0u8) } else { (b, 1u8) };
    for (x, y) in left.iter().zip(b) {
        result |= std::hint::black_box(x ^ y);
    }
    result == 0
}

/// `call(obj, /, *args, **kwargs)`.
fn call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos < 2 {
        return Err(exc::type_error("call expected at least 1 argument, got 0"));
    }
    taipan_vm::call::call(&args[1], &args[2..], kwnames)
}

// ---- itemgetter ----

const ITEMGETTER_METHODS: &[Method] = &[
    new_method(itemgetter_new),
    mk("__call__", itemgetter_call),
    m("__repr__", itemgetter_repr),
    m("__reduce__", |a, _| {
        let d = item_getter(&a[0])?;
        Ok(reduce_value(&a[0], d.items.clone()))
    }),
];

fn item_getter(v: &Value) -> PyResult<&ItemGetterData> {
    v.downcast::<ItemGetterData>().ok_or_else(|| wrong_self("itemgetter", v))
}

fn wrong_self(what: &str, v: &Value) -> exc::PyErr {
    exc::type_error(format!("descriptor requires a 'operator.{what}' object but received '{}'", type_name(v)))
}

fn itemgetter_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("itemgetter() takes no keyword arguments"));
    }
    let items = args[1..].to_vec();
    if items.is_empty() {
        return Err(exc::type_error("itemgetter expected 1 argument, got 0"));
    }
    taipan_vm::objects::object::alloc_subclass(&args[0], ItemGetterData { items })
}

/// The single argument of a getter's `__call__`.
fn call_arg<'a>(what: &str, args: &'a [Value], kwnames: &[Value]) -> PyResult<&'a Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("{what}() takes no keyword arguments")));
    }
    match &args[1..] {
        [v] => Ok(v),
        other => Err(exc::type_error(format!("{what} expected 1 argument, got {}", other.len()))),
    }
}

fn itemgetter_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = item_getter(&args[0])?;
    let obj = call_arg("itemgetter", args, kwnames)?;
    if let [item] = d.items.as_slice() {
        return ops::getitem(obj, item);
    }
    let mut out = exc::try_vec(d.items.len())?;
    for item in &d.items {
        out.push(ops::getitem(obj, item)?);
    }
    Ok(tuple::new(out))
}

fn itemgetter_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = item_getter(&args[0])?;
    let Some(_guard) = ReprGuard::enter(&args[0]) else {
        return Ok(pystr::new("operator.itemgetter(...)"));
    };
    let parts = d.items.iter().map(ops::repr_string).collect::<PyResult<Vec<_>>>()?;
    Ok(pystr::from_string(format!("operator.itemgetter({})", parts.join(", "))))
}

/// `(type(obj), args)`.
fn reduce_value(obj: &Value, args: Vec<Value>) -> Value {
    tuple::new(vec![taipan_vm::types::type_of(obj), tuple::new(args)])
}

// ---- attrgetter ----

const ATTRGETTER_METHODS: &[Method] = &[
    new_method(attrgetter_new),
    mk("__call__", attrgetter_call),
    m("__repr__", attrgetter_repr),
    m("__reduce__", |a, _| {
        let d = attr_getter(&a[0])?;
        Ok(reduce_value(&a[0], d.names.clone()))
    }),
];

fn attr_getter(v: &Value) -> PyResult<&AttrGetterData> {
    v.downcast::<AttrGetterData>().ok_or_else(|| wrong_self("attrgetter", v))
}

fn attrgetter_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("attrgetter() takes no keyword arguments"));
    }
    let names = args[1..].to_vec();
    if names.is_empty() {
        return Err(exc::type_error("attrgetter expected 1 argument, got 0"));
    }
    let paths = names.iter().map(dotted_path).collect::<PyResult<Vec<_>>>()?;
    taipan_vm::objects::object::alloc_subclass(&args[0], AttrGetterData { names, paths })
}

/// `"a.b.c"` as interned `["a", "b", "c"]`.
fn dotted_path(name: &Value) -> PyResult<Vec<Value>> {
    if !pystr::is_str(name) {
        return Err(exc::type_error("attribute name must be a string"));
    }
    match pystr::as_str(name) {
        Some(s) => Ok(s.split('.').map(pystr::intern).collect()),
        // A name with lone surrogates: looked up whole (it has no ASCII
        // dots worth splitting in practice).
        None => Ok(vec![name.clone()]),
    }
}

fn attrgetter_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = attr_getter(&args[0])?;
    let obj = call_arg("attrgetter", args, kwnames)?;
    if let [path] = d.paths.as_slice() {
        return follow(obj, path);
    }
    let mut out = exc::try_vec(d.paths.len())?;
    for path in &d.paths {
        out.push(follow(obj, path)?);
    }
    Ok(tuple::new(out))
}

/// `obj.a.b.c` along `path`.
fn follow(obj: &Value, path: &[Value]) -> PyResult<Value> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(obj.clone());
    };
    let mut cur = taipan_vm::attr::getattr(obj, first)?;
    for name in rest {
        cur = taipan_vm::attr::getattr(&cur, name)?;
    }
    Ok(cur)
}

fn attrgetter_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = attr_getter(&args[0])?;
    let parts = d.names.iter().map(ops::repr_string).collect::<PyResult<Vec<_>>>()?;
    Ok(pystr::from_string(format!("operator.attrgetter({})", parts.join(", "))))
}

// ---- methodcaller ----

const METHODCALLER_METHODS: &[Method] = &[
    new_method(methodcaller_new),
    mk("__call__", methodcaller_call),
    m("__repr__", methodcaller_repr),
    m("__reduce__", methodcaller_reduce),
];

fn method_caller(v: &Value) -> PyResult<&MethodCallerData> {
    v.downcast::<MethodCallerData>().ok_or_else(|| wrong_self("methodcaller", v))
}

fn methodcaller_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    if npos < 2 {
        return Err(exc::type_error("methodcaller needs at least one argument, the method name"));
    }
    let name = &args[1];
    if !pystr::is_str(name) {
        return Err(exc::type_error("method name must be a string"));
    }
    let name = pystr::as_str(name).map(pystr::intern).unwrap_or_else(|| name.clone());
    let payload = MethodCallerData { name, args: args[2..].to_vec(), kwnames: kwnames.to_vec() };
    taipan_vm::objects::object::alloc_subclass(&args[0], payload)
}

fn methodcaller_call(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let d = method_caller(&args[0])?;
    let obj = call_arg("methodcaller", args, kwnames)?;
    let method = taipan_vm::attr::getattr(obj, &d.name)?;
    taipan_vm::call::call(&method, &d.args, &d.kwnames)
}

impl MethodCallerData {
    fn positional(&self) -> &[Value] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }

    fn keywords(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.kwnames.iter().zip(&self.args[self.args.len() - self.kwnames.len()..])
    }
}

fn methodcaller_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = method_caller(&args[0])?;
    let Some(_guard) = ReprGuard::enter(&args[0]) else {
        return Ok(pystr::new("operator.methodcaller(...)"));
    };
    let mut parts = vec![ops::repr_string(&d.name)?];
    for v in d.positional() {
        parts.push(ops::repr_string(v)?);
    }
    for (k, v) in d.keywords() {
        parts.push(format!("{}={}", ops::str_string(k)?, ops::repr_string(v)?));
    }
    Ok(pystr::from_string(format!("operator.methodcaller({})", parts.join(", "))))
}

/// `(methodcaller, (name, *args))`, or with keywords
/// `(functools.partial(methodcaller, name, **kwargs), args)`.
fn methodcaller_reduce(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let d = method_caller(&args[0])?;
    let ty = taipan_vm::types::type_of(&args[0]);
    if d.kwnames.is_empty() {
        let mut all = vec![d.name.clone()];
        all.extend_from_slice(&d.args);
        return Ok(reduce_value(&args[0], all));
    }
    let functools = taipan_vm::import::import_absolute("functools")?;
    let partial_type = taipan_vm::attr::getattr_str(&functools, "partial")?;
    let mut pargs = vec![ty, d.name.clone()];
    pargs.extend(d.keywords().map(|(_, v)| v.clone()));
    let partial = taipan_vm::call::call(&partial_type, &pargs, &d.kwnames)?;
    Ok(tuple::new(vec![partial, tuple::new(d.positional().to_vec())]))
}
