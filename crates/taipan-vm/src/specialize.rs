//! PEP 659 quickening (DESIGN decision 7): specialisable instructions adapt
//! to the values they meet and switch to specialised forms guarded by
//! inline caches, falling back to the generic form when a guard fails.
//!
//! `co_code` stays CPython's; the mutable state is `CodeData::cache`, one
//! word per code unit, parallel to the decoded instructions. For a
//! specialisable instruction at unit `i`, word `i` is its state and the
//! words of its `CACHE` units (`i + 1 ..`) its inline cache:
//!
//! | state bits | meaning                                                   |
//! |------------|-----------------------------------------------------------|
//! | 0..8       | the form it runs ([`Spec`]; `Generic` = adaptive)         |
//! | 8..24      | generic: executions left before the next attempt to specialise; specialised: misses left before it deoptimises |
//! | 24..28     | backoff exponent (doubles the wait after each failure)    |
//!
//! Guards compare version tags that change whenever the cached fact may
//! have changed: a type's `version` (any change to its or a base's
//! namespace) and a dict's keys version (`dict::keys_version`: a key added
//! or removed, the table rebuilt). Values are never cached beyond what a
//! current version keeps alive: a function cached for a type version is
//! owned by that type's namespace, which cannot have changed.
//!
//! The eval loop calls [`load_global`], [`load_attr`], [`load_method`] and
//! [`store_attr`] first (the fast path, `None` on a miss or when
//! unspecialised), and after its generic path the matching `adapt_*`
//! function, which counts down and specialises. Behaviour never changes:
//! each specialised form computes exactly what the generic form would.

use crate::exceptions::PyResult;
use crate::objects::code::{CodeData, Inst};
use crate::objects::descr::{GetSetData, PropertyData, SuperData, WrapperData};
use crate::objects::dict;
use crate::objects::function::{BuiltinData, FunctionData};
use crate::objects::module::ModuleData;
use crate::runtime::rt;
use crate::types::{self, type_data_of, type_of};
use crate::value::Value;
use std::cell::Cell;
use taipan_bytecode::opcodes::Opcode;

/// The form a specialisable instruction runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Spec {
    /// The generic form, counting down to the next attempt to specialise.
    Generic = 0,
    /// LOAD_GLOBAL found in globals: [globals keys version, index].
    GlobalModule,
    /// LOAD_GLOBAL found in builtins: [globals keys version, builtins keys version, index].
    GlobalBuiltin,
    /// LOAD_ATTR from the instance dict: [type version, entry index hint] (two-way).
    AttrInstance,
    /// LOAD_ATTR of a property: [type version, property] (two-way).
    AttrProperty,
    /// LOAD_ATTR / LOAD_METHOD of a module global: [type version, dict keys version, index].
    AttrModule,
    /// LOAD_METHOD of a function on the type: [type version, function] (two-way).
    MethodPlain,
    /// STORE_ATTR into the instance dict: [type version, entry index hint] (two-way).
    StoreInstance,
    /// LOAD_METHOD of a staticmethod's function: [type version, wrapper] (two-way).
    MethodStatic,
    /// LOAD_METHOD of a classmethod's function, called with the class as
    /// its first argument: [type version, wrapper] (two-way).
    MethodClass,
    /// LOAD_METHOD on a `super()` object bound to an instance, finding a
    /// function: [version of the instance's type, the super's class, function].
    MethodSuper,
    /// LOAD_ATTR on a class whose metaclass is exactly `type`, of one of
    /// `type`'s getset descriptors (`cls.__name__`): [getset].
    AttrTypeGetset,
    /// CALL of a class whose instances `object.__new__` makes and whose
    /// `__init__` is a Python function, run as a frame of the same loop
    /// (CPython 3.12's `CALL_ALLOC_AND_ENTER_INIT`): [class version,
    /// `__init__`] (two-way).
    CallInit,
}

impl Spec {
    /// Whether the form caches up to two `[type version, data]` entries
    /// (sites that see two classes, such as a base and a subclass).
    fn is_two_way(self) -> bool {
        matches!(
            self,
            Spec::AttrInstance
                | Spec::AttrProperty
                | Spec::MethodPlain
                | Spec::MethodStatic
                | Spec::MethodClass
                | Spec::StoreInstance
                | Spec::CallInit
        )
    }

    /// Every form, indexed by its number (the low byte of a state word).
    const ALL: [Spec; 13] = [
        Spec::Generic,
        Spec::GlobalModule,
        Spec::GlobalBuiltin,
        Spec::AttrInstance,
        Spec::AttrProperty,
        Spec::AttrModule,
        Spec::MethodPlain,
        Spec::StoreInstance,
        Spec::MethodStatic,
        Spec::MethodClass,
        Spec::MethodSuper,
        Spec::AttrTypeGetset,
        Spec::CallInit,
    ];

    /// The form of a state word (a table load rather than a jump table).
    #[inline(always)]
    fn from_bits(b: u64) -> Spec {
        Spec::ALL.get((b & 0xFF) as usize).copied().unwrap_or(Spec::Generic)
    }
}

/// Executions of a fresh instruction before its first attempt.
const WARMUP: u64 = 1;
/// Misses a specialised form tolerates before deoptimising.
const MISS_BUDGET: u64 = 52;
/// The largest backoff exponent (waits of up to 2^12 executions).
const MAX_BACKOFF: u64 = 12;
const COUNTER_ONE: u64 = 1 << 8;

fn counter(state: u64) -> u64 {
    (state >> 8) & 0xFFFF
}

fn backoff(state: u64) -> u64 {
    (state >> 24) & 0xF
}

fn make_state(spec: Spec, counter: u64, backoff: u64) -> u64 {
    spec as u64 | (counter.min(0xFFFF) << 8) | (backoff << 24)
}

/// Whether the decoder gives `op` a state word.
fn is_specialisable(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::LOAD_GLOBAL | Opcode::LOAD_ATTR | Opcode::LOAD_METHOD | Opcode::STORE_ATTR | Opcode::CALL
    )
}

/// The initial quickening state of a code object's instructions.
pub fn initial_cache(insts: &[Inst]) -> Box<[Cell<u64>]> {
    insts
        .iter()
        .map(|i| {
            let w = if i.valid && is_specialisable(i.op) { make_state(Spec::Generic, WARMUP, 0) } else { 0 };
            Cell::new(w)
        })
        .collect()
}

/// The state word and inline cache of the instruction at `ip`.
struct Site<'a> {
    words: &'a [Cell<u64>],
}

impl<'a> Site<'a> {
    #[inline(always)]
    fn at(code: &'a CodeData, ip: usize, entries: usize) -> Option<Site<'a>> {
        code.cache().get(ip..ip + 1 + entries).map(|words| Site { words })
    }

    #[inline(always)]
    fn spec(&self) -> Spec {
        Spec::from_bits(self.words[0].get())
    }

    #[inline(always)]
    fn get(&self, k: usize) -> u64 {
        self.words[1 + k].get()
    }

    /// Counts one generic execution; true when it is time to specialise.
    fn due(&self) -> bool {
        let s = self.words[0].get();
        if Spec::from_bits(s) != Spec::Generic {
            return false;
        }
        if counter(s) > 0 {
            self.words[0].set(s - COUNTER_ONE);
            return false;
        }
        true
    }

    /// The data word of the entry for type version `version`, for the
    /// two-way forms (entries `[version, data]` at cache words 0 and 2; an
    /// empty entry has version 0, which no type has).
    #[inline(always)]
    fn entry(&self, version: u64) -> Option<u64> {
        if self.get(0) == version {
            Some(self.get(1))
        } else if self.words.len() > 4 && self.get(2) == version {
            Some(self.get(3))
        } else {
            None
        }
    }

    /// Switches to `spec` with inline cache `data` (the second entry of a
    /// two-way form starts empty).
    fn specialise(&self, spec: Spec, data: &[u64]) {
        if spec.is_two_way() && self.words.len() > 4 {
            self.words[3].set(0);
        }
        for (k, d) in data.iter().enumerate() {
            self.words[1 + k].set(*d);
        }
        self.words[0].set(make_state(spec, MISS_BUDGET, backoff(self.words[0].get())));
    }

    /// Stays generic, waiting twice as long as last time before retrying.
    fn give_up(&self) {
        let b = (backoff(self.words[0].get()) + 1).min(MAX_BACKOFF);
        self.words[0].set(make_state(Spec::Generic, (1 << b) - 1, b));
    }

    /// A failed guard of a two-way form: fills the empty second entry when
    /// `plan` (what the generic path would specialise to now) is the same
    /// form for another type; otherwise counts a miss.
    #[cold]
    fn miss_or_extend(&self, plan: impl FnOnce() -> Option<(Spec, [u64; 2])>) {
        let spec = self.spec();
        if spec.is_two_way() && self.words.len() > 4 && self.get(2) == 0 {
            if let Some((p, [version, data])) = plan() {
                if p == spec && version != self.get(0) {
                    self.words[4].set(data);
                    self.words[3].set(version);
                    return;
                }
            }
        }
        self.miss();
    }

    /// A failed guard: deoptimises once the miss budget is spent.
    #[cold]
    fn miss(&self) {
        let s = self.words[0].get();
        if counter(s) == 0 {
            self.give_up();
        } else {
            self.words[0].set(s - COUNTER_ONE);
        }
    }
}

/// LOAD_GLOBAL's inline cache has 5 entries, LOAD_ATTR's, STORE_ATTR's
/// and CALL's 4, LOAD_METHOD's 10 (CPython 3.11's sizes).
const GLOBAL_ENTRIES: usize = 5;
const ATTR_ENTRIES: usize = 4;
const CALL_ENTRIES: usize = 4;

/// The version tag of `v`'s type.
#[inline(always)]
fn type_version(v: &Value) -> u64 {
    type_data_of(v).version.get()
}

// ---------------------------------------------------------------- LOAD_GLOBAL

/// The specialised LOAD_GLOBAL, when its guards hold.
#[inline(always)]
pub fn load_global(code: &CodeData, ip: usize, globals: &Value, builtins: &Value) -> Option<Value> {
    let site = Site::at(code, ip, GLOBAL_ENTRIES)?;
    let hit = match site.spec() {
        Spec::GlobalModule if dict::keys_version(globals) == site.get(0) => {
            dict::value_at(globals, site.get(1) as usize)
        }
        Spec::GlobalBuiltin
            if dict::keys_version(globals) == site.get(0) && dict::keys_version(builtins) == site.get(1) =>
        {
            dict::value_at(builtins, site.get(2) as usize)
        }
        Spec::Generic => return None,
        _ => None,
    };
    if hit.is_none() {
        site.miss();
    }
    hit
}

/// After a generic LOAD_GLOBAL of `name`: specialise when due.
pub fn adapt_load_global(code: &CodeData, ip: usize, globals: &Value, builtins: &Value, name: &Value) {
    let Some(site) = Site::at(code, ip, GLOBAL_ENTRIES) else {
        return;
    };
    if !site.due() {
        return;
    }
    if !dict::is_exact(globals) || !dict::is_exact(builtins) {
        return site.give_up();
    }
    if let Some(ix) = dict::lookup_str_index(globals, name) {
        return site.specialise(Spec::GlobalModule, &[dict::keys_version(globals), ix as u64]);
    }
    if dict::get_str(globals, name).is_some() {
        return site.give_up();
    }
    match dict::lookup_str_index(builtins, name) {
        Some(ix) => site.specialise(
            Spec::GlobalBuiltin,
            &[dict::keys_version(globals), dict::keys_version(builtins), ix as u64],
        ),
        None => site.give_up(),
    }
}

// ------------------------------------------------------------------ LOAD_ATTR

/// What a specialised LOAD_ATTR found.
pub enum AttrHit {
    /// The attribute's value.
    Value(Value),
    /// A property's getter, for the caller to call with the object (the
    /// eval loop runs a Python getter as a frame of its own).
    Getter(Value),
    /// What a native getter returned or raised.
    Computed(PyResult<Value>),
}

/// The specialised LOAD_ATTR, when its guards hold.
#[inline(always)]
pub fn load_attr(code: &CodeData, ip: usize, obj: &Value, name: &Value) -> Option<AttrHit> {
    let site = Site::at(code, ip, ATTR_ENTRIES)?;
    let hit = match site.spec() {
        Spec::Generic => return None,
        Spec::AttrModule => module_attr(&site, obj).map(AttrHit::Value),
        Spec::AttrTypeGetset if type_of(obj).is(&rt().types.type_) => {
            // `type` is immutable, so its descriptor is alive and still there.
            let getset = borrowed(site.get(0));
            getset.downcast::<GetSetData>().map(|g| AttrHit::Computed((g.get)(obj)))
        }
        Spec::AttrInstance => {
            site.entry(type_version(obj)).and_then(|hint| instance_attr(obj, name, hint)).map(AttrHit::Value)
        }
        Spec::AttrProperty => {
            let prop = site.entry(type_version(obj)).map(borrowed);
            match prop.as_deref().and_then(|p| p.downcast::<PropertyData>()).map(|p| p.fget.get()) {
                Some(f) if !f.is_null() => Some(AttrHit::Getter(f)),
                _ => None,
            }
        }
        _ => None,
    };
    if hit.is_none() {
        site.miss_or_extend(|| attr_plan(obj, name).and_then(two_way));
    }
    hit
}

/// A plan as a two-way entry (`None` for the one-way forms).
fn two_way((spec, data): (Spec, Vec<u64>)) -> Option<(Spec, [u64; 2])> {
    match data[..] {
        [version, d] if spec.is_two_way() => Some((spec, [version, d])),
        _ => None,
    }
}

/// `obj.name` from the instance dict (None when absent), trying the
/// entry at `hint` first: instances built by the same `__init__` have
/// their keys at the same positions, so this is usually one comparison.
#[inline(always)]
fn instance_attr(obj: &Value, name: &Value, hint: u64) -> Option<Value> {
    let d = instance_dict(obj)?;
    dict::value_at_if_key(&d, hint as usize, name).or_else(|| dict::get_str(&d, name))
}

/// The instance dict of `obj`, borrowed from its header (which owns it
/// while `obj` lives; nothing here can replace it meanwhile).
#[inline(always)]
fn instance_dict(obj: &Value) -> Option<std::mem::ManuallyDrop<Value>> {
    let bits = obj.header()?.dict.get();
    (bits != 0).then(|| borrowed(bits))
}

/// The entry index of `name` in `obj`'s instance dict (0 when absent: a
/// hint only, checked before use).
fn dict_hint(obj: &Value, name: &Value) -> u64 {
    instance_dict(obj).and_then(|d| dict::lookup_str_index(&d, name)).map_or(0, |i| i as u64)
}

/// A module's global, through the cached index of its dict.
#[inline(always)]
fn module_attr(site: &Site, obj: &Value) -> Option<Value> {
    if type_version(obj) != site.get(0) {
        return None;
    }
    let d = crate::objects::module::dict_of(obj)?;
    if dict::keys_version(&d) != site.get(1) {
        return None;
    }
    dict::value_at(&d, site.get(2) as usize)
}

/// Whether `ty`'s `name` slot method is `object`'s own (not overridden in
/// Python nor by a native type such as `_thread._local`).
fn inherits_object_method(ty: &Value, name: &str) -> bool {
    match types::lookup_str(ty, name) {
        None => true,
        Some(f) => {
            f.downcast::<BuiltinData>().is_some()
                && types::lookup_str(&rt().types.object, name).is_some_and(|o| o.is(&f))
        }
    }
}

/// Whether the type of `obj` reads attributes with the generic
/// `__getattribute__`.
fn generic_getattribute(ty: &Value) -> bool {
    inherits_object_method(ty, "__getattribute__")
}

/// Whether a class attribute cannot take precedence over the instance dict
/// nor run code when read from the class (a plain function or value).
fn is_plain_class_attr(d: &Value) -> bool {
    d.is_small_int()
        || d.is_float()
        || d.downcast::<FunctionData>().is_some()
        || crate::objects::str::is_exact(d)
        || d.is(&rt().none)
}

/// What a generic attribute read of `name` on `obj` can be specialised to.
fn attr_plan(obj: &Value, name: &Value) -> Option<(Spec, Vec<u64>)> {
    if types::as_type(obj).is_some() {
        return type_attr_plan(obj, name);
    }
    if obj.downcast::<SuperData>().is_some() || obj.header().is_none() {
        return None;
    }
    let ty = type_of(obj);
    if !generic_getattribute(&ty) {
        return None;
    }
    let version = type_version(obj);
    let descr = types::lookup(&ty, name);
    if obj.downcast::<ModuleData>().is_some() {
        let d = crate::objects::module::dict_of(obj)?;
        let ix = descr.is_none().then(|| dict::lookup_str_index(&d, name))??;
        return Some((Spec::AttrModule, vec![version, dict::keys_version(&d), ix as u64]));
    }
    match descr {
        None => Some((Spec::AttrInstance, vec![version, dict_hint(obj, name)])),
        Some(d) if is_plain_class_attr(&d) => Some((Spec::AttrInstance, vec![version, dict_hint(obj, name)])),
        Some(d) => {
            if !type_of(&d).is(&rt().types.property) {
                return None;
            }
            d.downcast::<PropertyData>()?;
            // The type's namespace keeps the property alive.
            Some((Spec::AttrProperty, vec![version, d.bits()]))
        }
    }
}

/// What an attribute read on class `cls` can be specialised to: one of
/// `type`'s getset descriptors (data descriptors of the metaclass win over
/// the class's own namespace) when the metaclass is exactly `type`.
fn type_attr_plan(cls: &Value, name: &Value) -> Option<(Spec, Vec<u64>)> {
    let meta = type_of(cls);
    if !meta.is(&rt().types.type_) {
        return None;
    }
    let d = types::lookup(&meta, name)?;
    d.downcast::<GetSetData>()?;
    // `type`'s namespace (immutable) keeps the descriptor alive.
    Some((Spec::AttrTypeGetset, vec![d.bits()]))
}

/// After a generic LOAD_ATTR: specialise when due.
pub fn adapt_load_attr(code: &CodeData, ip: usize, obj: &Value, name: &Value) {
    let Some(site) = Site::at(code, ip, ATTR_ENTRIES) else {
        return;
    };
    if !site.due() {
        return;
    }
    match attr_plan(obj, name) {
        Some((spec, data)) => site.specialise(spec, &data),
        None => site.give_up(),
    }
}

// ---------------------------------------------------------------- LOAD_METHOD

/// The specialised LOAD_METHOD: `(method, self)` or `(NULL, attribute)`.
#[inline(always)]
pub fn load_method(code: &CodeData, ip: usize, obj: &Value, name: &Value) -> Option<(Value, Value)> {
    let site = Site::at(code, ip, ATTR_ENTRIES)?;
    let spec = site.spec();
    let hit = match spec {
        Spec::Generic => return None,
        Spec::AttrModule => module_attr(&site, obj).map(|v| (Value::NULL, v)),
        Spec::MethodSuper => super_method(&site, obj),
        Spec::MethodPlain | Spec::MethodStatic | Spec::MethodClass => match site.entry(type_version(obj)) {
            Some(data) if !in_instance_dict(obj, name) => match spec {
                Spec::MethodPlain => Some((Value::clone(&borrowed(data)), obj.clone())),
                Spec::MethodStatic => wrapped_function(data).map(|f| (Value::NULL, f)),
                _ => wrapped_function(data).map(|f| (f, type_of(obj))),
            },
            _ => None,
        },
        _ => None,
    };
    if hit.is_none() {
        site.miss_or_extend(|| method_plan(obj, name).and_then(two_way));
    }
    hit
}

/// The function a cached staticmethod/classmethod wrapper holds now
/// (read each time: re-running the wrapper's `__init__` may change it).
#[inline(always)]
fn wrapped_function(wrapper: u64) -> Option<Value> {
    let f = borrowed(wrapper).downcast::<WrapperData>()?.0.get();
    f.downcast::<FunctionData>().is_some().then_some(f)
}

/// A cached function or descriptor, borrowed: it is owned by the namespace
/// of the type whose version the caller has just matched, so it is alive.
#[inline(always)]
fn borrowed(bits: u64) -> std::mem::ManuallyDrop<Value> {
    // SAFETY: see above; the alias is never dropped, so counts stay exact.
    std::mem::ManuallyDrop::new(unsafe { Value::from_raw(bits) })
}

/// Whether `obj`'s instance dict has `name` (which would shadow a method).
/// Usually decided by the dict's key filter alone, with no probe.
#[inline(always)]
fn in_instance_dict(obj: &Value, name: &Value) -> bool {
    match instance_dict(obj) {
        Some(d) => dict::may_have_str(&d, name) && dict::get_str(&d, name).is_some(),
        None => false,
    }
}

/// After a generic LOAD_METHOD: specialise when due.
pub fn adapt_load_method(code: &CodeData, ip: usize, obj: &Value, name: &Value) {
    let Some(site) = Site::at(code, ip, ATTR_ENTRIES) else {
        return;
    };
    if !site.due() {
        return;
    }
    match method_plan(obj, name) {
        Some((spec, data)) => site.specialise(spec, &data),
        None => site.give_up(),
    }
}

fn method_plan(obj: &Value, name: &Value) -> Option<(Spec, Vec<u64>)> {
    if obj.downcast::<SuperData>().is_some() {
        return super_plan(obj, name);
    }
    if types::as_type(obj).is_some() {
        return None;
    }
    if obj.downcast::<ModuleData>().is_some() {
        return attr_plan(obj, name);
    }
    let ty = type_of(obj);
    if !generic_getattribute(&ty) {
        return None;
    }
    let d = types::lookup(&ty, name)?;
    if in_instance_dict(obj, name) {
        return None;
    }
    let version = type_version(obj);
    let plain =
        d.downcast::<FunctionData>().is_some() || crate::objects::function::is_native_method_descriptor(&d);
    if plain {
        // The type's namespace keeps the function alive while the version holds.
        return Some((Spec::MethodPlain, vec![version, d.bits()]));
    }
    let wrapped = d.downcast::<WrapperData>()?.0.get();
    wrapped.downcast::<FunctionData>()?;
    // The type's namespace keeps the wrapper alive.
    let dt = type_of(&d);
    if dt.is(&rt().types.staticmethod) {
        Some((Spec::MethodStatic, vec![version, d.bits()]))
    } else if dt.is(&rt().types.classmethod) {
        Some((Spec::MethodClass, vec![version, d.bits()]))
    } else {
        None
    }
}

/// The bound instance and its type of an exact `super` object bound to an
/// instance (`super()` in a method), the case [`Spec::MethodSuper`] serves.
#[inline(always)]
fn super_of_instance(obj: &Value) -> Option<&SuperData> {
    let s = obj.downcast::<SuperData>()?;
    let bound = !s.obj_type.is_null() && !s.obj.is(&s.obj_type);
    (bound && type_of(obj).is(&rt().types.super_)).then_some(s)
}

/// The specialised `super().name` method load: the instance's type still
/// has the cached version (so its MRO and every namespace on it are
/// unchanged) and the super object starts after the cached class.
#[inline(always)]
fn super_method(site: &Site, obj: &Value) -> Option<(Value, Value)> {
    let s = super_of_instance(obj)?;
    if type_version(&s.obj) != site.get(0) || s.ty.bits() != site.get(1) || !type_of(&s.obj).is(&s.obj_type) {
        return None;
    }
    Some((Value::clone(&borrowed(site.get(2))), s.obj.clone()))
}

/// `super().name` that finds a Python function or a native method
/// descriptor on the MRO after the super's class (what `super_getattr`
/// would bind to the instance).
fn super_plan(obj: &Value, name: &Value) -> Option<(Spec, Vec<u64>)> {
    let s = super_of_instance(obj)?;
    if crate::objects::str::as_str(name) == Some("__class__") || !type_of(&s.obj).is(&s.obj_type) {
        return None;
    }
    let mro = types::type_payload(&s.obj_type).mro.borrow().clone();
    let start = mro.iter().position(|t| t.is(&s.ty))? + 1;
    let found = mro[start..].iter().find_map(|t| dict::get_str(types::type_payload(t).dict(), name))?;
    if found.downcast::<FunctionData>().is_none()
        && !crate::objects::function::is_native_method_descriptor(&found)
    {
        return None;
    }
    // The namespaces on the instance type's MRO keep the function and the
    // super's class alive while the type's version holds.
    Some((Spec::MethodSuper, vec![type_version(&s.obj), s.ty.bits(), found.bits()]))
}

// ----------------------------------------------------------------- STORE_ATTR

/// The specialised STORE_ATTR; gives `v` back on a miss.
#[inline(always)]
pub fn store_attr(
    code: &CodeData,
    ip: usize,
    obj: &Value,
    name: &Value,
    v: Value,
) -> Result<PyResult<()>, Value> {
    let Some(site) = Site::at(code, ip, ATTR_ENTRIES) else {
        return Err(v);
    };
    if site.spec() != Spec::StoreInstance || site.entry(type_version(obj)).is_none() {
        if site.spec() != Spec::Generic {
            site.miss_or_extend(|| {
                store_plan(obj, name).map(|version| (Spec::StoreInstance, [version, dict_hint(obj, name)]))
            });
        }
        return Err(v);
    }
    let hint = site.entry(type_version(obj)).unwrap_or(0);
    // A fresh instance whose dict is made on first use (an exception's):
    // made here, as the generic store would.
    let dict = instance_dict(obj).or_else(|| {
        drop(crate::objects::object::instance_dict(obj)?);
        instance_dict(obj)
    });
    match dict {
        Some(d) if dict::is_exact(&d) => match dict::replace_at_if_key(&d, hint as usize, name, v) {
            Ok(old) => {
                drop(old);
                Ok(Ok(()))
            }
            Err(v) => Ok(dict::set_item(&d, name.clone(), v)),
        },
        _ => {
            site.miss();
            Err(v)
        }
    }
}

/// After a generic STORE_ATTR: specialise when due.
pub fn adapt_store_attr(code: &CodeData, ip: usize, obj: &Value, name: &Value) {
    let Some(site) = Site::at(code, ip, ATTR_ENTRIES) else {
        return;
    };
    if !site.due() {
        return;
    }
    match store_plan(obj, name) {
        Some(version) => site.specialise(Spec::StoreInstance, &[version, dict_hint(obj, name)]),
        None => site.give_up(),
    }
}

fn store_plan(obj: &Value, name: &Value) -> Option<u64> {
    if types::as_type(obj).is_some() || obj.downcast::<ModuleData>().is_some() {
        return None;
    }
    let ty = type_of(obj);
    if !inherits_object_method(&ty, "__setattr__") || types::lookup(&ty, name).is_some() {
        return None;
    }
    let d = obj.header()?.instance_dict()?;
    dict::is_exact(&d).then(|| type_version(obj))
}

// ----------------------------------------------------------------------- CALL

/// The specialised CALL of class `cls` with no keywords: the cached
/// `__init__` (borrowed) when the guards hold. The caller makes the
/// instance (`object.__new__`'s: a bare object of the class) and runs
/// `__init__` on it as a frame; every other call takes the generic path.
#[inline(always)]
pub fn call_init(code: &CodeData, ip: usize, cls: &Value) -> Option<std::mem::ManuallyDrop<Value>> {
    let site = Site::at(code, ip, CALL_ENTRIES)?;
    if site.spec() != Spec::CallInit {
        return None;
    }
    let hit = class_version(cls).and_then(|v| site.entry(v)).map(borrowed);
    if hit.is_none() {
        site.miss_or_extend(|| init_plan(cls).map(|data| (Spec::CallInit, data)));
    }
    hit
}

/// The version of `cls` when it is a class whose metaclass is exactly
/// `type` (so calling it runs `type.__call__`).
#[inline(always)]
fn class_version(cls: &Value) -> Option<u64> {
    let td = types::as_type(cls)?;
    type_of(cls).is(&rt().types.type_).then(|| td.version.get())
}

/// After a generic CALL of class `cls` with no keywords: specialise when due.
pub fn adapt_call(code: &CodeData, ip: usize, cls: &Value) {
    let Some(site) = Site::at(code, ip, CALL_ENTRIES) else {
        return;
    };
    if !site.due() {
        return;
    }
    match init_plan(cls) {
        Some(data) => site.specialise(Spec::CallInit, &data),
        None => site.give_up(),
    }
}

/// `[version, __init__]` when calling `cls` is `object.__new__(cls)` (a
/// heap class of `object`'s layout, not abstract) followed by a call of
/// its `__init__`, a Python function that is no generator or coroutine.
/// The class's namespace (and its bases') keeps both facts and the
/// function alive for as long as its version holds.
fn init_plan(cls: &Value) -> Option<[u64; 2]> {
    let version = class_version(cls)?;
    let td = types::as_type(cls)?;
    if !td.is_heap() || td.layout != std::any::TypeId::of::<()>() {
        return None;
    }
    let object = &rt().types.object;
    let new = types::lookup_str(cls, "__new__")?;
    if !types::lookup_str(object, "__new__").is_some_and(|o| o.is(&new)) {
        return None;
    }
    if dict::get_str(td.dict(), &crate::objects::str::intern("__abstractmethods__")).is_some() {
        return None;
    }
    let init = types::lookup_str(cls, "__init__")?;
    let cd = init.downcast::<FunctionData>()?.code_data()?;
    let resumable = taipan_bytecode::code::CO_GENERATOR
        | taipan_bytecode::code::CO_COROUTINE
        | taipan_bytecode::code::CO_ASYNC_GENERATOR;
    if cd.flags & resumable != 0 {
        return None;
    }
    Some([version, init.bits()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(words: &[Cell<u64>]) -> Site<'_> {
        Site { words }
    }

    #[test]
    fn warms_up_specialises_and_deoptimises_with_backoff() {
        let words: Vec<Cell<u64>> = (0..5).map(|_| Cell::new(0)).collect();
        words[0].set(make_state(Spec::Generic, WARMUP, 0));
        let s = site(&words);
        assert!(!s.due(), "one warm-up execution first");
        assert!(s.due());
        s.specialise(Spec::AttrInstance, &[7]);
        assert_eq!((s.spec(), s.get(0)), (Spec::AttrInstance, 7));
        for _ in 0..MISS_BUDGET {
            s.miss();
            assert_eq!(s.spec(), Spec::AttrInstance);
        }
        s.miss();
        assert_eq!(s.spec(), Spec::Generic, "deoptimised once the budget is spent");
        let waits: Vec<u64> = (0..3)
            .map(|_| {
                let mut n = 0;
                while !s.due() {
                    n += 1;
                }
                s.give_up();
                n
            })
            .collect();
        assert_eq!(waits, vec![1, 3, 7], "each failure doubles the wait");
    }

    #[test]
    fn every_spec_round_trips_through_its_bits() {
        for spec in Spec::ALL {
            assert_eq!(Spec::from_bits(make_state(spec, 123, 5)), spec);
        }
        for (n, spec) in Spec::ALL.iter().enumerate() {
            assert_eq!(*spec as usize, n, "ALL is in number order");
        }
    }
}
