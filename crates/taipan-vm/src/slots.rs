//! Type slots (DESIGN decision 2): every type carries a table with one
//! entry per hot protocol (attribute get/set, call, hash, rich compare,
//! the number operators, len/bool/iter/next, subscription, repr/str,
//! descriptor get/set). `SLOTS` below is the one list of slots and the
//! dunder behind each.
//!
//! A slot is never written by hand: it is derived from what the type's MRO
//! finds under the dunder's name (`_PyType_Lookup`). A builtin method row
//! (a `method_descriptor` made from a type's `METHODS` table) becomes
//! `SlotFn::Native` with its Rust function, called directly; anything else
//! (a Python function, a lambda assigned later, a callable object) becomes
//! `SlotFn::Dunder`, which the caller serves by looking the dunder up and
//! calling it; `__hash__ = None` and friends become `SlotFn::Blocked`.
//! Inheritance therefore follows the MRO: `class L(list)` without
//! `__getitem__` keeps list's native slot.
//!
//! Tables are filled lazily on first use and dropped (`invalidate`) when a
//! dunder is assigned or deleted on the type or any base (`types::
//! type_set_attr` is the hook), so the next use recomputes them. The
//! protocols that dispatch through the slots are in `ops.rs` and `attr.rs`.
//!
//! A filled table is interned (`intern`): types whose MROs offer the same
//! functions share one table, so a type holds one pointer instead of 70
//! entries (most Python classes define no slot dunder and share object's).
//! Interned tables live as long as the process; there are few distinct
//! ones (each is a combination of `Absent`/`Blocked`/`Dunder` and the
//! finitely many native functions), whatever the number of classes.

use crate::exceptions::PyResult;
use crate::objects::function::BuiltinData;
use crate::objects::NativeFn;
use crate::runtime::rt;
use crate::types::{type_payload, TypeData};
use crate::value::Value;
use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::sync::Mutex;

macro_rules! slots {
    ($($id:ident = $dunder:literal;)*) => {
        /// One hot protocol of a type (an index into its slot table).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum SlotId { $($id,)* }

        /// The dunder behind each slot, indexed by `SlotId`.
        pub const SLOT_NAMES: &[&str] = &[$($dunder,)*];
    };
}

slots! {
    GetAttribute = "__getattribute__";
    GetAttr = "__getattr__";
    SetAttr = "__setattr__";
    DelAttr = "__delattr__";
    Call = "__call__";
    Hash = "__hash__";
    Lt = "__lt__";
    Le = "__le__";
    Eq = "__eq__";
    Ne = "__ne__";
    Gt = "__gt__";
    Ge = "__ge__";
    Add = "__add__";
    RAdd = "__radd__";
    IAdd = "__iadd__";
    And = "__and__";
    RAnd = "__rand__";
    IAnd = "__iand__";
    FloorDiv = "__floordiv__";
    RFloorDiv = "__rfloordiv__";
    IFloorDiv = "__ifloordiv__";
    LShift = "__lshift__";
    RLShift = "__rlshift__";
    ILShift = "__ilshift__";
    MatMul = "__matmul__";
    RMatMul = "__rmatmul__";
    IMatMul = "__imatmul__";
    Mul = "__mul__";
    RMul = "__rmul__";
    IMul = "__imul__";
    Mod = "__mod__";
    RMod = "__rmod__";
    IMod = "__imod__";
    Or = "__or__";
    ROr = "__ror__";
    IOr = "__ior__";
    Pow = "__pow__";
    RPow = "__rpow__";
    IPow = "__ipow__";
    RShift = "__rshift__";
    RRShift = "__rrshift__";
    IRShift = "__irshift__";
    Sub = "__sub__";
    RSub = "__rsub__";
    ISub = "__isub__";
    TrueDiv = "__truediv__";
    RTrueDiv = "__rtruediv__";
    ITrueDiv = "__itruediv__";
    Xor = "__xor__";
    RXor = "__rxor__";
    IXor = "__ixor__";
    Neg = "__neg__";
    Pos = "__pos__";
    Invert = "__invert__";
    Abs = "__abs__";
    Bool = "__bool__";
    Len = "__len__";
    Iter = "__iter__";
    Next = "__next__";
    GetItem = "__getitem__";
    SetItem = "__setitem__";
    DelItem = "__delitem__";
    Contains = "__contains__";
    Repr = "__repr__";
    Str = "__str__";
    Format = "__format__";
    DescrGet = "__get__";
    DescrSet = "__set__";
    DescrDelete = "__delete__";
}

/// The number of slots.
pub const SLOT_COUNT: usize = SLOT_NAMES.len();

/// What a type offers for one protocol.
#[derive(Clone, Copy)]
pub enum SlotFn {
    /// No class along the MRO defines the dunder.
    Absent,
    /// The dunder is set to `None` (`__hash__ = None`: unhashable).
    Blocked,
    /// A builtin method: its Rust function (args with self first, no keywords).
    Native(NativeFn),
    /// Anything else (a Python function…): look the dunder up and call it.
    Dunder,
}

impl SlotFn {
    /// Whether the protocol is offered at all.
    #[inline(always)]
    pub fn is_present(self) -> bool {
        matches!(self, SlotFn::Native(_) | SlotFn::Dunder)
    }
}

impl SlotFn {
    /// The identity of the entry: a tag and, for `Native`, the function's
    /// address (two functions at different addresses count as different,
    /// which only costs a duplicate table).
    fn key(self) -> (u8, usize) {
        match self {
            SlotFn::Absent => (0, 0),
            SlotFn::Blocked => (1, 0),
            SlotFn::Native(f) => (2, f as usize),
            SlotFn::Dunder => (3, 0),
        }
    }
}

/// The entries of one table, indexed by `SlotId`.
pub type SlotArray = [SlotFn; SLOT_COUNT];

/// The identity of a whole table.
type TableKey = [(u8, usize); SLOT_COUNT];

/// Every distinct table filled so far, by identity (shared by all
/// threads: entries are plain function pointers).
static INTERNED: Mutex<Option<HashMap<TableKey, &'static SlotArray>>> = Mutex::new(None);

/// The interned copy of `table`.
fn intern(table: SlotArray) -> &'static SlotArray {
    let mut guard = INTERNED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let known = guard.get_or_insert_with(HashMap::new);
    let key: TableKey = std::array::from_fn(|i| table[i].key());
    known.entry(key).or_insert_with(|| Box::leak(Box::new(table)))
}

/// A type's slot table (a field of `TypeData`): an interned table, or
/// `None` until first use and after `invalidate`.
#[derive(Default)]
pub struct SlotTable {
    table: Cell<Option<&'static SlotArray>>,
}

/// The slot `id` of a type (filling its table on first use).
#[inline(always)]
pub fn get(td: &TypeData, id: SlotId) -> SlotFn {
    let table = match td.slots.table.get() {
        Some(table) => table,
        None => fill(td),
    };
    table[id as usize]
}

/// The interned dunder name of a slot.
pub fn dunder(id: SlotId) -> Value {
    with_names(|n| n[id as usize].clone())
}

crate::interp_static! {
    static NAMES: OnceCell<Vec<Value>> = const { OnceCell::new() };
}

/// Runs `f` on the interned dunder names, indexed by `SlotId`.
fn with_names<R>(f: impl FnOnce(&[Value]) -> R) -> R {
    NAMES.with(|n| f(n.get_or_init(|| SLOT_NAMES.iter().map(|s| crate::objects::str::intern(s)).collect())))
}

/// Recomputes every slot of `td` from its MRO and installs the interned
/// table.
#[cold]
#[inline(never)]
fn fill(td: &TypeData) -> &'static SlotArray {
    let mut table =
        with_names(|names| std::array::from_fn(|i| classify(crate::types::lookup_in_mro(td, &names[i]))));
    // The attribute code applies object's/type's generic lookup inline; any
    // other `__getattribute__` (a Python override, a native type's own) is
    // called as a dunder.
    let getattribute = &mut table[SlotId::GetAttribute as usize];
    if let SlotFn::Native(_) = *getattribute {
        let f = crate::types::lookup_in_mro(td, &dunder(SlotId::GetAttribute));
        if !f.is_some_and(|f| crate::objects::object::is_generic_getattribute(&f)) {
            *getattribute = SlotFn::Dunder;
        }
    }
    mark_native_setattr_as_dunder(td, &mut table);
    let interned = intern(table);
    td.slots.table.set(Some(interned));
    interned
}

/// `attr::setattr` applies object's/type's generic assignment inline; a
/// native type's own `__setattr__`/`__delattr__` (weakref proxies) is
/// called as a dunder.
fn mark_native_setattr_as_dunder(td: &TypeData, table: &mut SlotArray) {
    let r = rt();
    for id in [SlotId::SetAttr, SlotId::DelAttr] {
        let entry = &mut table[id as usize];
        if !matches!(*entry, SlotFn::Native(_)) {
            continue;
        }
        let name = dunder(id);
        let found = crate::types::lookup_in_mro(td, &name);
        let generic = [&r.types.object, &r.types.type_].into_iter().any(|t| {
            let own = crate::types::lookup_in_mro(crate::types::type_payload(t), &name);
            matches!((&own, &found), (Some(a), Some(b)) if a.is(b))
        });
        if !generic {
            *entry = SlotFn::Dunder;
        }
    }
}

/// The slot for what an MRO lookup found.
fn classify(found: Option<Value>) -> SlotFn {
    let Some(f) = found else {
        return SlotFn::Absent;
    };
    if f.is(&rt().none) {
        return SlotFn::Blocked;
    }
    match f.downcast::<BuiltinData>() {
        Some(b) if b.self_.is_null() && crate::objects::function::is_native_method_descriptor(&f) => {
            SlotFn::Native(b.func)
        }
        _ => SlotFn::Dunder,
    }
}

/// Calls slot `id` of `td`, the type of `args[0]` (self first): `Ok(None)`
/// when the type does not offer the protocol.
#[inline]
pub fn call(td: &TypeData, id: SlotId, args: &[Value]) -> PyResult<Option<Value>> {
    match get(td, id) {
        SlotFn::Absent | SlotFn::Blocked => Ok(None),
        SlotFn::Native(f) => call_native(f, args).map(Some),
        SlotFn::Dunder => call_dunder(td, id, args),
    }
}

/// Calls a native slot. CPython calls slots as plain C calls, not counted
/// against the recursion limit (the protocol's entry point, such as
/// `ops::repr`, counts where CPython's does), so only the stack guard
/// sees it (a tuple's `__hash__` recurses into its items).
#[inline]
pub fn call_native(f: NativeFn, args: &[Value]) -> PyResult<Value> {
    let ts = &rt().thread;
    ts.enter_native()?;
    let r = f(args, &[]);
    ts.leave_native();
    r
}

/// The generic slot of Python classes: look the dunder up on the type and
/// call it (binding it first when it is not a plain function).
pub fn call_dunder(td: &TypeData, id: SlotId, args: &[Value]) -> PyResult<Option<Value>> {
    match crate::types::lookup_td(td, &dunder(id)) {
        Some(f) => crate::call::call_unbound(&f, &args[0], args, &[]).map(Some),
        None => Ok(None),
    }
}

/// Whether `name` is the dunder of some slot.
pub fn is_slot_name(name: &str) -> bool {
    name.starts_with("__") && SLOT_NAMES.contains(&name)
}

/// Drops the slot tables of `ty` and its subclasses (recomputed on next use).
pub fn invalidate(ty: &Value) {
    let td = type_payload(ty);
    td.slots.table.set(None);
    for sub in crate::types::subclasses(td) {
        invalidate(&sub);
    }
}
