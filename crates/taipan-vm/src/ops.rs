//! The abstract object protocols (CPython's `abstract.c`/`object.c`):
//! binary and unary operators with reflected operands and subclass
//! priority, rich comparison, truth, `repr`/`str`/`format`, hashing,
//! iteration, subscription, `len`, `in`. Fast paths for small ints, floats
//! and the builtin containers come first; everything else dispatches
//! through the type's slot table (`slots.rs`: the builtin's Rust function,
//! or the generic "look up the dunder and call it" of Python classes).

use crate::exceptions::{self as exc, PyResult};
use crate::objects::{dict, float, int, list, str as pystr, tuple};
use crate::runtime::rt;
use crate::slots::{self, SlotId};
use crate::types::{lookup_str, type_data_of, type_name, type_of, TypeData};
use crate::value::Value;
use std::cell::RefCell;
use std::cmp::Ordering;

/// A binary operator (BINARY_OP's argument modulo the in-place offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    And,
    FloorDiv,
    LShift,
    MatMul,
    Mul,
    Mod,
    Or,
    Pow,
    RShift,
    Sub,
    TrueDiv,
    Xor,
}

impl BinOp {
    const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::And,
        BinOp::FloorDiv,
        BinOp::LShift,
        BinOp::MatMul,
        BinOp::Mul,
        BinOp::Mod,
        BinOp::Or,
        BinOp::Pow,
        BinOp::RShift,
        BinOp::Sub,
        BinOp::TrueDiv,
        BinOp::Xor,
    ];

    /// The operator's symbol in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::And => "&",
            BinOp::FloorDiv => "//",
            BinOp::LShift => "<<",
            BinOp::MatMul => "@",
            BinOp::Mul => "*",
            BinOp::Mod => "%",
            BinOp::Or => "|",
            BinOp::Pow => "**",
            BinOp::RShift => ">>",
            BinOp::Sub => "-",
            BinOp::TrueDiv => "/",
            BinOp::Xor => "^",
        }
    }

    /// The slots of `__op__`, `__rop__` and `__iop__` (three in a row in `slots.rs`).
    pub fn slots(self) -> (SlotId, SlotId, SlotId) {
        match self {
            BinOp::Add => (SlotId::Add, SlotId::RAdd, SlotId::IAdd),
            BinOp::And => (SlotId::And, SlotId::RAnd, SlotId::IAnd),
            BinOp::FloorDiv => (SlotId::FloorDiv, SlotId::RFloorDiv, SlotId::IFloorDiv),
            BinOp::LShift => (SlotId::LShift, SlotId::RLShift, SlotId::ILShift),
            BinOp::MatMul => (SlotId::MatMul, SlotId::RMatMul, SlotId::IMatMul),
            BinOp::Mul => (SlotId::Mul, SlotId::RMul, SlotId::IMul),
            BinOp::Mod => (SlotId::Mod, SlotId::RMod, SlotId::IMod),
            BinOp::Or => (SlotId::Or, SlotId::ROr, SlotId::IOr),
            BinOp::Pow => (SlotId::Pow, SlotId::RPow, SlotId::IPow),
            BinOp::RShift => (SlotId::RShift, SlotId::RRShift, SlotId::IRShift),
            BinOp::Sub => (SlotId::Sub, SlotId::RSub, SlotId::ISub),
            BinOp::TrueDiv => (SlotId::TrueDiv, SlotId::RTrueDiv, SlotId::ITrueDiv),
            BinOp::Xor => (SlotId::Xor, SlotId::RXor, SlotId::IXor),
        }
    }
}

/// BINARY_OP with its raw argument (0–12 plain, 13–25 in-place).
pub fn binary_op_code(a: &Value, b: &Value, arg: usize) -> PyResult<Value> {
    let Some(&op) = BinOp::ALL.get(arg % 13) else {
        return Err(exc::system_error(format!("bad BINARY_OP argument {arg}")));
    };
    if arg >= 13 {
        inplace(a, b, op)
    } else {
        binary(a, b, op)
    }
}

/// `a op b`.
pub fn binary(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if let Some(r) = small_int_op(a, b, op) {
        return r;
    }
    if let Some(r) = int::exact_binop(a, b, op) {
        return Ok(r);
    }
    if let Some(r) = float_op(a, b, op) {
        return r;
    }
    if op == BinOp::Add && pystr::is_exact(a) && pystr::is_exact(b) {
        return pystr::concat(a, b);
    }
    match binary_slots(a, b, op)? {
        Some(r) => Ok(r),
        None => Err(binop_type_error(a, b, op, "")),
    }
}

/// `a op= b`.
pub fn inplace(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if let Some(r) = small_int_op(a, b, op) {
        return r;
    }
    if let Some(r) = int::exact_binop(a, b, op) {
        return Ok(r);
    }
    if let Some(r) = float_op(a, b, op) {
        return r;
    }
    if op == BinOp::Add && pystr::is_exact(a) && pystr::is_exact(b) {
        return binary(a, b, op);
    }
    if let Some(r) = call_binary(type_data_of(a), op.slots().2, a, b)? {
        return Ok(r);
    }
    match binary_slots(a, b, op)? {
        Some(r) => Ok(r),
        None => Err(binop_type_error(a, b, op, "=")),
    }
}

fn binop_type_error(a: &Value, b: &Value, op: BinOp, suffix: &str) -> crate::PyErr {
    let sym = op.symbol();
    if op == BinOp::Pow && suffix.is_empty() {
        return exc::type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
            type_name(a),
            type_name(b)
        ));
    }
    if op == BinOp::Mul {
        let is_seq =
            |v: &Value| pystr::data(v).is_some() || list::data(v).is_some() || tuple::items(v).is_some();
        if is_seq(a) && !int::is_int(b) && lookup_str(&type_of(b), "__index__").is_none() {
            return exc::type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(b)));
        }
        if is_seq(b) && !int::is_int(a) && lookup_str(&type_of(a), "__index__").is_none() {
            return exc::type_error(format!("can't multiply sequence by non-int of type '{}'", type_name(a)));
        }
    }
    if op == BinOp::Add && pystr::data(a).is_some() {
        return exc::type_error(format!("can only concatenate str (not \"{}\") to str", type_name(b)));
    }
    exc::type_error(format!(
        "unsupported operand type(s) for {sym}{suffix}: '{}' and '{}'",
        type_name(a),
        type_name(b)
    ))
}

/// Tries `a.__op__(b)` and `b.__rop__(a)` in CPython's order: the right
/// operand first when its type is a proper subclass of the left's that
/// overrides `__rop__`; a `NotImplemented` result passes to the other side.
fn binary_slots(a: &Value, b: &Value, op: BinOp) -> PyResult<Option<Value>> {
    let (id, rid, _) = op.slots();
    let (ta, tb) = (type_data_of(a), type_data_of(b));
    let mut try_reflected = !std::ptr::eq(ta, tb) && slots::get(tb, rid).is_present();
    if try_reflected && reflected_first(a, b, rid) {
        if let Some(r) = call_binary(tb, rid, b, a)? {
            return Ok(Some(r));
        }
        try_reflected = false;
    }
    if let Some(r) = call_binary(ta, id, a, b)? {
        return Ok(Some(r));
    }
    if try_reflected {
        return call_binary(tb, rid, b, a);
    }
    Ok(None)
}

/// Whether `type(b)` is a subclass of `type(a)` with its own `__rop__`
/// (CPython's `method_is_overloaded`).
fn reflected_first(a: &Value, b: &Value, rid: SlotId) -> bool {
    let (ta, tb) = (type_of(a), type_of(b));
    if !crate::types::is_subtype(&tb, &ta) {
        return false;
    }
    let rname = slots::dunder(rid);
    match (crate::types::lookup(&tb, &rname), crate::types::lookup(&ta, &rname)) {
        (Some(rb), Some(ra)) => !rb.is(&ra),
        (rb, _) => rb.is_some(),
    }
}

/// Calls binary slot `id` of `td` (the type of `x`) as `x.op(y)`: None when
/// the type lacks it or it returns `NotImplemented`.
#[inline]
fn call_binary(td: &TypeData, id: SlotId, x: &Value, y: &Value) -> PyResult<Option<Value>> {
    if !slots::get(td, id).is_present() {
        return Ok(None);
    }
    Ok(slots::call(td, id, &[x.clone(), y.clone()])?.filter(|r| !r.is(&rt().not_implemented)))
}

fn small_int_op(a: &Value, b: &Value, op: BinOp) -> Option<PyResult<Value>> {
    let (x, y) = (a.as_small_int()?, b.as_small_int()?);
    let r = match op {
        BinOp::Add => Some(int::from_i64(x + y)),
        BinOp::Sub => Some(int::from_i64(x - y)),
        BinOp::Mul => x.checked_mul(y).map(int::from_i64),
        BinOp::And => Some(int::from_i64(x & y)),
        BinOp::Or => Some(int::from_i64(x | y)),
        BinOp::Xor => Some(int::from_i64(x ^ y)),
        BinOp::FloorDiv if y != 0 => {
            Some(int::from_i64(x / y - ((x % y != 0) && ((x < 0) != (y < 0))) as i64))
        }
        BinOp::Mod if y != 0 => {
            let r = x % y;
            Some(int::from_i64(if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r }))
        }
        BinOp::TrueDiv if y != 0 => Some(Value::float(x as f64 / y as f64)),
        BinOp::Pow if (0..=u32::MAX as i64).contains(&y) => x.checked_pow(y as u32).map(int::from_i64),
        BinOp::LShift if (0..64).contains(&y) => {
            let r = x << y;
            (r >> y == x).then(|| int::from_i64(r))
        }
        BinOp::RShift if y >= 0 => Some(int::from_i64(x >> y.min(63))),
        _ => None,
    };
    match r {
        Some(v) => Some(Ok(v)),
        None => {
            let big = |v: i64| num_bigint::BigInt::from(v);
            Some(match op {
                BinOp::Mul => Ok(int::from_i128(x as i128 * y as i128)),
                BinOp::FloorDiv => int::big_floordiv(big(x), big(y)),
                BinOp::Mod => int::big_mod(big(x), big(y)),
                BinOp::TrueDiv => int::big_truediv(big(x), big(y)),
                BinOp::Pow => int::big_pow(big(x), big(y), None),
                _ => return None,
            })
        }
    }
}

fn float_op(a: &Value, b: &Value, op: BinOp) -> Option<PyResult<Value>> {
    let x = a.as_float().or_else(|| a.as_small_int().map(|i| i as f64))?;
    let y = b.as_float().or_else(|| b.as_small_int().map(|i| i as f64))?;
    if !(a.is_float() || b.is_float()) {
        return None;
    }
    Some(match op {
        BinOp::Add => Ok(Value::float(x + y)),
        BinOp::Sub => Ok(Value::float(x - y)),
        BinOp::Mul => Ok(Value::float(x * y)),
        BinOp::TrueDiv => float::f_truediv(x, y).map(Value::float),
        BinOp::FloorDiv if y == 0.0 => Err(exc::zero_division_error("float floor division by zero")),
        BinOp::Mod if y == 0.0 => Err(exc::zero_division_error("float modulo")),
        BinOp::FloorDiv => float::f_divmod(x, y).map(|(q, _)| Value::float(q)),
        BinOp::Mod => float::f_divmod(x, y).map(|(_, r)| Value::float(r)),
        BinOp::Pow => float::f_pow(x, y).map(Value::float),
        _ => return None,
    })
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Pos,
    Neg,
    Invert,
}

/// `+v`, `-v`, `~v`.
pub fn unary(v: &Value, op: UnaryOp) -> PyResult<Value> {
    if let Some(i) = v.as_small_int() {
        return Ok(match op {
            UnaryOp::Pos => v.clone(),
            UnaryOp::Neg => int::from_i64(-i),
            UnaryOp::Invert => int::from_i64(!i),
        });
    }
    if let Some(x) = v.as_float() {
        match op {
            UnaryOp::Pos => return Ok(v.clone()),
            UnaryOp::Neg => return Ok(Value::float(-x)),
            UnaryOp::Invert => {}
        }
    }
    let (id, sym) = match op {
        UnaryOp::Pos => (SlotId::Pos, "+"),
        UnaryOp::Neg => (SlotId::Neg, "-"),
        UnaryOp::Invert => (SlotId::Invert, "~"),
    };
    match call_slot(v, id, &[])? {
        Some(r) => Ok(r),
        None => Err(exc::type_error(format!("bad operand type for unary {sym}: '{}'", type_name(v)))),
    }
}

/// Calls slot `id` of `type(v)` as `v.dunder(*args)`: None if the type
/// does not offer it.
#[inline]
pub fn call_slot(v: &Value, id: SlotId, args: &[Value]) -> PyResult<Option<Value>> {
    let td = type_data_of(v);
    if !slots::get(td, id).is_present() {
        return Ok(None);
    }
    match args {
        [] => slots::call(td, id, std::slice::from_ref(v)),
        [x] => slots::call(td, id, &[v.clone(), x.clone()]),
        _ => {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(v.clone());
            full.extend_from_slice(args);
            slots::call(td, id, &full)
        }
    }
}

/// Calls `type(v).name(v, *args)` if the type has it (for dunders without
/// a slot, such as `__index__`).
pub fn call_dunder_opt(v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let Some(f) = lookup_str(&type_of(v), name) else {
        return Ok(None);
    };
    if f.is(&rt().none) {
        return Ok(None);
    }
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(v.clone());
    full.extend_from_slice(args);
    crate::call::call_unbound(&f, v, &full, &[]).map(Some)
}

/// A comparison operator (COMPARE_OP's argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    #[inline(always)]
    pub fn from_arg(arg: usize) -> CompareOp {
        match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }

    #[inline(always)]
    pub fn apply(self, o: Ordering) -> bool {
        match self {
            CompareOp::Lt => o.is_lt(),
            CompareOp::Le => o.is_le(),
            CompareOp::Eq => o.is_eq(),
            CompareOp::Ne => o.is_ne(),
            CompareOp::Gt => o.is_gt(),
            CompareOp::Ge => o.is_ge(),
        }
    }

    fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    fn slot(self) -> SlotId {
        match self {
            CompareOp::Lt => SlotId::Lt,
            CompareOp::Le => SlotId::Le,
            CompareOp::Eq => SlotId::Eq,
            CompareOp::Ne => SlotId::Ne,
            CompareOp::Gt => SlotId::Gt,
            CompareOp::Ge => SlotId::Ge,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

/// A result of comparing without calling Python (None: needs the slow path).
pub fn compare_fast(a: &Value, b: &Value) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_float(), b.as_float()) {
        return x.partial_cmp(&y);
    }
    if pystr::is_exact(a) && pystr::is_exact(b) {
        return Some(pystr::text(a)?.cmp(pystr::text(b)?));
    }
    None
}

/// Rich comparison `a op b`.
pub fn compare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if let Some(o) = compare_fast(a, b) {
        return Ok(rt().bool_value(op.apply(o)));
    }
    let ts = &rt().thread;
    ts.enter().map_err(|_| exc::recursion_error("maximum recursion depth exceeded in comparison"))?;
    // Nested tuples compare recursively without a slot call: the stack guard.
    if let Err(e) = ts.enter_native() {
        ts.leave();
        return Err(e);
    }
    let r = match (tuple::exact_items(a), tuple::exact_items(b)) {
        (Some(x), Some(y)) => tuple::compare_seqs(x, y, op),
        _ => compare_slow(a, b, op),
    };
    ts.leave_native();
    ts.leave();
    r
}

fn compare_slow(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (ta, tb) = (type_data_of(a), type_data_of(b));
    let swapped = op.swapped().slot();
    let mut try_reflected = true;
    if !std::ptr::eq(ta, tb)
        && crate::types::is_subtype(&type_of(b), &type_of(a))
        && slots::get(tb, swapped).is_present()
    {
        try_reflected = false;
        if let Some(r) = call_binary(tb, swapped, b, a)? {
            return Ok(r);
        }
    }
    if let Some(r) = call_binary(ta, op.slot(), a, b)? {
        return Ok(r);
    }
    if try_reflected {
        if let Some(r) = call_binary(tb, swapped, b, a)? {
            return Ok(r);
        }
    }
    match op {
        CompareOp::Eq => Ok(rt().bool_value(a.is(b))),
        CompareOp::Ne => Ok(rt().bool_value(!a.is(b))),
        _ => Err(exc::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            type_name(a),
            type_name(b)
        ))),
    }
}

/// Equality without Python code, when decidable (for dict/set probing).
#[inline]
pub fn eq_fast(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    if pystr::is_exact(a) {
        if pystr::is_exact(b) {
            return Some(pystr::text(a) == pystr::text(b));
        }
        if b.is_small_int() || b.is_float() {
            return Some(false);
        }
    }
    if a.is_small_int() || a.is_float() {
        if b.is_small_int() || b.is_float() {
            return compare_fast(a, b).map(|o| o.is_eq());
        }
        if pystr::is_exact(b) {
            return Some(false);
        }
    }
    None
}

/// `a == b` as a bool.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = eq_fast(a, b) {
        return Ok(r);
    }
    truthy(&compare(a, b, CompareOp::Eq)?)
}

/// `a < b` as a bool.
pub fn lt(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(o) = compare_fast(a, b) {
        return Ok(o.is_lt());
    }
    truthy(&compare(a, b, CompareOp::Lt)?)
}

/// `bool(v)`.
pub fn truthy(v: &Value) -> PyResult<bool> {
    let r = rt();
    if v.is(&r.true_) {
        return Ok(true);
    }
    if v.is(&r.false_) || v.is(&r.none) {
        return Ok(false);
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i != 0);
    }
    if let Some(x) = v.as_float() {
        return Ok(x != 0.0);
    }
    if let Some(s) = pystr::data(v) {
        if pystr::is_exact(v) {
            return Ok(!s.text.is_empty());
        }
    }
    let td = type_data_of(v);
    if let Some(res) = slots::call(td, SlotId::Bool, std::slice::from_ref(v))? {
        if res.is(&r.true_) {
            return Ok(true);
        }
        if res.is(&r.false_) {
            return Ok(false);
        }
        return Err(exc::type_error(format!("__bool__ should return bool, returned {}", type_name(&res))));
    }
    if slots::get(td, SlotId::Len).is_present() {
        return Ok(len(v)? != 0);
    }
    Ok(true)
}

thread_local! {
    static REPR_STACK: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Guards a container's repr against recursion (`[...]`, `{...}`).
pub struct ReprGuard(u64);

impl ReprGuard {
    /// None when `v` is already being repr'd further up.
    pub fn enter(v: &Value) -> Option<ReprGuard> {
        REPR_STACK.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&v.bits()) {
                return None;
            }
            s.push(v.bits());
            Some(ReprGuard(v.bits()))
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        REPR_STACK.with(|s| {
            let mut s = s.borrow_mut();
            if let Some(i) = s.iter().rposition(|b| *b == self.0) {
                s.remove(i);
            }
        });
    }
}

/// `repr(v)` (a str value).
pub fn repr(v: &Value) -> PyResult<Value> {
    if let Some(i) = v.as_small_int() {
        return Ok(pystr::from_i64(i));
    }
    if let Some(x) = v.as_float() {
        return Ok(pystr::from_string(float::repr_f64(x)));
    }
    let ts = &rt().thread;
    ts.enter().map_err(|_| {
        exc::recursion_error("maximum recursion depth exceeded while getting the repr of an object")
    })?;
    let r = call_slot(v, SlotId::Repr, &[]);
    ts.leave();
    match r? {
        Some(s) if pystr::data(&s).is_some() => Ok(s),
        Some(s) => Err(exc::type_error(format!("__repr__ returned non-string (type {})", type_name(&s)))),
        None => crate::objects::object::default_repr(v),
    }
}

/// The type's `__repr__` slot called directly, as CPython's C code calls
/// `tp_repr` (`object.__str__` does): not counted against the recursion
/// limit, and without `repr`'s check of the result.
pub fn repr_slot(v: &Value) -> PyResult<Option<Value>> {
    call_slot(v, SlotId::Repr, &[])
}

/// `repr(v)` as a Rust string.
pub fn repr_string(v: &Value) -> PyResult<String> {
    Ok(pystr::as_str(&repr(v)?).unwrap_or("").to_string())
}

/// `ascii(v)`.
pub fn ascii(v: &Value) -> PyResult<Value> {
    let r = repr(v)?;
    let Some(text) = pystr::text(&r).filter(|t| !t.is_ascii()) else {
        return Ok(r);
    };
    let mut out = String::with_capacity(text.len() + 16);
    for cp in text.code_points() {
        match cp {
            0..=0x7F => out.push(cp as u8 as char),
            0x80..=0xFF => out.push_str(&format!("\\x{cp:02x}")),
            0x100..=0xFFFF => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    Ok(pystr::from_string(out))
}

/// `str(v)`.
pub fn str_(v: &Value) -> PyResult<Value> {
    if pystr::is_exact(v) {
        return Ok(v.clone());
    }
    if v.is_small_int() || v.is_float() {
        return repr(v);
    }
    let ts = &rt().thread;
    ts.enter().map_err(|_| {
        exc::recursion_error("maximum recursion depth exceeded while getting the str of an object")
    })?;
    let r = call_slot(v, SlotId::Str, &[]);
    ts.leave();
    match r? {
        Some(s) if pystr::data(&s).is_some() => Ok(s),
        Some(s) => Err(exc::type_error(format!("__str__ returned non-string (type {})", type_name(&s)))),
        None => repr(v),
    }
}

/// `str(v)` as a Rust string.
pub fn str_string(v: &Value) -> PyResult<String> {
    Ok(pystr::as_str(&str_(v)?).unwrap_or("").to_string())
}

/// `FORMAT_VALUE`: the conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`), then
/// `format(v, spec)` (spec NULL when the f-string gives none).
pub fn format_value(v: Value, conversion: usize, spec: &Value) -> PyResult<Value> {
    let v = match conversion {
        1 => str_(&v)?,
        2 => repr(&v)?,
        3 => ascii(&v)?,
        _ => v,
    };
    if spec.is_null() && pystr::is_exact(&v) {
        return Ok(v);
    }
    format(&v, spec)
}

/// `format(v, spec)` (spec NULL or a str). Small ints, floats and exact
/// strs with a str spec are formatted directly (their `__format__` is
/// fixed: builtin types cannot be patched).
pub fn format(v: &Value, spec: &Value) -> PyResult<Value> {
    if let Some(r) = format_builtin(v, spec) {
        return r;
    }
    let spec = if spec.is_null() { pystr::empty() } else { spec.clone() };
    let r = match call_slot(v, SlotId::Format, std::slice::from_ref(&spec))? {
        Some(r) => r,
        None => return Err(exc::type_error(format!("Type {} doesn't define __format__", type_name(v)))),
    };
    if pystr::data(&r).is_none() {
        return Err(exc::type_error(format!("__format__ must return a str, not {}", type_name(&r))));
    }
    Ok(r)
}

/// `format(v, spec)` for small ints, floats and exact strs with no spec
/// or an exact str spec; `None` for everything else.
fn format_builtin(v: &Value, spec: &Value) -> Option<PyResult<Value>> {
    let spec_text = match spec.is_null() {
        true => "",
        false if pystr::is_exact(spec) => pystr::as_str(spec)?,
        false => return None,
    };
    if spec_text.is_empty() {
        if let Some(i) = v.as_small_int() {
            return Some(Ok(pystr::from_i64(i)));
        }
    }
    if let Some(r) = crate::format::format_number(v, spec_text) {
        return Some(r.map(pystr::from_string));
    }
    if !pystr::is_exact(v) {
        return None;
    }
    if spec_text.is_empty() {
        return Some(Ok(v.clone()));
    }
    Some(crate::format::format_text(pystr::text(v)?, spec_text, "str"))
}

/// `hash(v)`.
pub fn hash(v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(crate::hashing::hash_i64(i));
    }
    if let Some(x) = v.as_float() {
        return Ok(float::hash_float(v, x));
    }
    if pystr::is_exact(v) {
        if let Some(s) = pystr::data(v) {
            return Ok(pystr::hash_of(s));
        }
    }
    match slots::call(type_data_of(v), SlotId::Hash, std::slice::from_ref(v))? {
        Some(r) => {
            if let Some(h) = r.as_small_int() {
                return Ok(if h == -1 { -2 } else { h });
            }
            match int::to_bigint(&r) {
                Some(b) => Ok(match i64::try_from(&b) {
                    Ok(h) if h != -1 => h,
                    Ok(_) => -2,
                    Err(_) => crate::hashing::hash_bigint(&b),
                }),
                None => Err(exc::type_error("__hash__ method should return an integer")),
            }
        }
        None => Err(exc::type_error(format!("unhashable type: '{}'", type_name(v)))),
    }
}

/// Whether `iter(v)` would work (without calling it).
pub fn is_iterable(v: &Value) -> bool {
    let td = type_data_of(v);
    slots::get(td, SlotId::Iter).is_present() || slots::get(td, SlotId::GetItem).is_present()
}

/// `iter(v)`.
pub fn iter(v: &Value) -> PyResult<Value> {
    let td = type_data_of(v);
    match slots::get(td, SlotId::Iter) {
        slots::SlotFn::Blocked => Err(not_iterable(v)),
        slots::SlotFn::Absent if slots::get(td, SlotId::GetItem).is_present() => {
            Ok(crate::objects::iter::new_seq_iter(&rt().types.seq_iterator, v.clone()))
        }
        slots::SlotFn::Absent => Err(not_iterable(v)),
        _ => {
            let Some(it) = slots::call(td, SlotId::Iter, std::slice::from_ref(v))? else {
                return Err(not_iterable(v));
            };
            if !slots::get(type_data_of(&it), SlotId::Next).is_present() {
                return Err(exc::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    type_name(&it)
                )));
            }
            Ok(it)
        }
    }
}

fn not_iterable(v: &Value) -> crate::PyErr {
    exc::type_error(format!("'{}' object is not iterable", type_name(v)))
}

/// `next(it)`: None when exhausted (StopIteration is consumed).
#[inline]
pub fn next(it: &Value) -> PyResult<Option<Value>> {
    if let Some(r) = crate::objects::iter::next_native(it) {
        return r;
    }
    if it.downcast::<crate::objects::generator::GenData>().is_some() {
        return crate::objects::generator::gen_next(it);
    }
    match next_raw(it) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&rt().exc.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Calls `it.__next__()` (StopIteration propagates).
pub fn next_raw(it: &Value) -> PyResult<Value> {
    match slots::call(type_data_of(it), SlotId::Next, std::slice::from_ref(it))? {
        Some(v) => Ok(v),
        None => Err(exc::type_error(format!("'{}' object is not an iterator", type_name(it)))),
    }
}

/// All items of an iterable.
pub fn collect(v: &Value) -> PyResult<Vec<Value>> {
    if let Some(t) = tuple::items(v) {
        if crate::types::type_of(v).is(&rt().types.tuple) {
            return Ok(t.to_vec());
        }
    }
    if list::data(v).is_some() && crate::types::type_of(v).is(&rt().types.list) {
        return Ok(list::snapshot(v).unwrap_or_default());
    }
    let mut out = exc::try_vec(known_len(v))?;
    let it = iter(v)?;
    while let Some(x) = next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// The number of items iterating `v` will give, where that is known without
/// running Python code (ranges), so that `list(range(10**12))` fails at
/// once with MemoryError as in CPython instead of filling memory.
fn known_len(v: &Value) -> usize {
    match v.downcast::<crate::objects::range::RangeData>() {
        Some(r) => r.len().max(0) as usize,
        None => 0,
    }
}

/// `len(v)`.
pub fn len(v: &Value) -> PyResult<usize> {
    if let Some(s) = pystr::data(v) {
        return Ok(s.char_len());
    }
    if let Some(l) = list::data(v) {
        if type_of(v).is(&rt().types.list) {
            return Ok(l.items.borrow().len());
        }
    }
    if let Some(t) = tuple::items(v) {
        return Ok(t.len());
    }
    let Some(r) = call_slot(v, SlotId::Len, &[])? else {
        return Err(exc::type_error(format!("object of type '{}' has no len()", type_name(v))));
    };
    let n = int::index(&r).map_err(|_| {
        exc::type_error(format!("'{}' object cannot be interpreted as an integer", type_name(&r)))
    })?;
    let n = int::to_bigint(&n).unwrap_or_default();
    if n.sign() == num_bigint::Sign::Minus {
        return Err(exc::value_error("__len__() should return >= 0"));
    }
    usize::try_from(&n).map_err(|_| exc::overflow_error("cannot fit 'int' into an index-sized integer"))
}

/// `container[key]`.
pub fn getitem(container: &Value, key: &Value) -> PyResult<Value> {
    let t = &rt().types;
    if let Some(h) = container.header() {
        let ty = h.ty.get();
        if ty == t.list.as_ptr() {
            if let Some(i) = key.as_small_int() {
                let d = list::data(container).ok_or_else(|| exc::system_error("list"))?;
                let items = d.items.borrow();
                let idx = if i < 0 { i + items.len() as i64 } else { i };
                if idx >= 0 && (idx as usize) < items.len() {
                    return Ok(items[idx as usize].clone());
                }
                return Err(exc::index_error("list index out of range"));
            }
        } else if ty == t.dict.as_ptr() {
            return dict::getitem(container, key);
        } else if ty == t.tuple.as_ptr() {
            if let Some(i) = key.as_small_int() {
                let items = tuple::items(container).unwrap_or(&[]);
                let idx = if i < 0 { i + items.len() as i64 } else { i };
                if idx >= 0 && (idx as usize) < items.len() {
                    return Ok(items[idx as usize].clone());
                }
                return Err(exc::index_error("tuple index out of range"));
            }
        }
    }
    if let Some(r) = call_slot(container, SlotId::GetItem, std::slice::from_ref(key))? {
        return Ok(r);
    }
    if crate::types::as_type(container).is_some() {
        if let Some(f) = crate::attr::getattr_opt(container, &pystr::intern("__class_getitem__"))? {
            return crate::call::call(&f, std::slice::from_ref(key), &[]);
        }
        let tn = crate::types::type_payload(container).name();
        return Err(exc::type_error(format!("type '{tn}' is not subscriptable")));
    }
    Err(exc::type_error(format!("'{}' object is not subscriptable", type_name(container))))
}

/// `container[key]`, None on KeyError (for locals dicts).
pub fn getitem_opt(container: &Value, key: &Value) -> PyResult<Option<Value>> {
    if dict::is_exact(container) {
        return dict::get_item(container, key);
    }
    match getitem(container, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&rt().exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `container[key] = v`.
pub fn setitem(container: &Value, key: Value, v: Value) -> PyResult<()> {
    if let Some(h) = container.header() {
        let (ty, t) = (h.ty.get(), &rt().types);
        if ty == t.list.as_ptr() {
            return list::setitem(container, &key, v);
        }
        if ty == t.dict.as_ptr() {
            return dict::set_item(container, key, v);
        }
    }
    match slots::call(type_data_of(container), SlotId::SetItem, &[container.clone(), key, v])? {
        Some(_) => Ok(()),
        None => Err(exc::type_error(format!(
            "'{}' object does not support item assignment",
            type_name(container)
        ))),
    }
}

/// `del container[key]`.
pub fn delitem(container: &Value, key: &Value) -> PyResult<()> {
    match call_slot(container, SlotId::DelItem, std::slice::from_ref(key))? {
        Some(_) => Ok(()),
        None => {
            Err(exc::type_error(format!("'{}' object doesn't support item deletion", type_name(container))))
        }
    }
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    if dict::is_exact(container) {
        return Ok(dict::get_item(container, item)?.is_some());
    }
    if let Some(r) = call_slot(container, SlotId::Contains, std::slice::from_ref(item))? {
        return truthy(&r);
    }
    if !is_iterable(container) {
        return Err(exc::type_error(format!("argument of type '{}' is not iterable", type_name(container))));
    }
    let it = iter(container)?;
    while let Some(v) = next(&it)? {
        if v.is(item) || eq(&v, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}
