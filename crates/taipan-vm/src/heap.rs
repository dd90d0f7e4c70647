//! Heap objects: a `#[repr(C)]` header (reference count, type pointer,
//! optional instance dict, GC bookkeeping) followed by the type's payload
//! (`Obj<T>`). Allocation, reference counting, deallocation through the
//! type's dealloc function, and downcasting by the payload layout id stored
//! in the type (so instances of subclasses downcast to their base payload).
//!
//! Deallocation never recurses unboundedly: freeing an object that frees
//! others queues them on a thread-local list (CPython's "trashcan") that the
//! outermost deallocation drains. `__del__` finalizers run through a hook
//! installed by the runtime (`set_finalizer_hook`).

use crate::types::TypeData;
use crate::value::Value;
use std::any::TypeId;
use std::cell::{Cell, RefCell};

/// The header every heap object starts with.
#[repr(C)]
pub struct Header {
    pub refcnt: Cell<usize>,
    /// The object's type (an `Obj<TypeData>`); the object holds a reference.
    pub ty: Cell<*const Header>,
    /// The instance `__dict__` (raw Value bits, 0 when absent).
    pub dict: Cell<u64>,
    /// GC flags: `GC_FINALIZED` once `__del__` ran.
    pub gc_flags: Cell<usize>,
}

/// `gc_flags` bits (the rest of the word is the collector's: the list and
/// index of a tracked object, see `gc/mod.rs`).
/// Set once an object's finalizer (`__del__`, generator close) has run.
pub const GC_FINALIZED: usize = 1;
/// The object is in one of the collector's lists.
pub const GC_TRACKED: usize = 2;
/// Weak references to the object exist (`objects/weakref.rs` lists them).
pub const GC_WEAKREFS: usize = 4;
/// On type objects: the three bits below (and the layout row of
/// `gc/traverse.rs`) have been computed for the type's instances.
pub const GC_TYPE_INFO: usize = 8;
/// On type objects: instances are containers the collector tracks.
pub const GC_TYPE_TRACKS: usize = 16;
/// On type objects: instances are generators (finalized by `close()`).
pub const GC_TYPE_GEN: usize = 32;

/// A refcount that never reaches zero (singletons, builtin types).
pub const IMMORTAL: usize = usize::MAX / 2;

/// A heap object: the header and the payload of its layout.
#[repr(C)]
pub struct Obj<T> {
    pub header: Header,
    pub payload: T,
}

impl Header {
    #[inline(always)]
    pub fn incref(&self) {
        self.refcnt.set(self.refcnt.get().wrapping_add(1));
    }

    /// The type's payload.
    #[inline(always)]
    pub fn type_data(&self) -> &TypeData {
        // SAFETY: every live object's `ty` points to a live type object whose
        // payload is a `TypeData` (the object holds a reference to it).
        unsafe { &(*(self.ty.get() as *const Obj<TypeData>)).payload }
    }

    /// A new reference to the object's type.
    #[inline(always)]
    pub fn type_value(&self) -> Value {
        // SAFETY: `ty` is a live type object.
        unsafe { Value::from_borrowed_ptr(self.ty.get()) }
    }

    /// The instance dict, if one was created.
    pub fn instance_dict(&self) -> Option<Value> {
        let bits = self.dict.get();
        if bits == 0 {
            return None;
        }
        // SAFETY: a non-zero `dict` word is an owned reference held by the
        // header; we hand out a new reference.
        unsafe { Some(Value::from_borrowed_ptr(bits as *const Header)) }
    }

    /// Installs `dict` as the instance dict (dropping any old one).
    pub fn set_instance_dict(&self, dict: Value) {
        let old = self.dict.replace(dict.into_raw());
        if old != 0 {
            // SAFETY: the old word was an owned reference of the header.
            drop(unsafe { Value::from_raw(old) });
        }
    }
}

/// Allocates an object of type `ty` (whose layout must be `T`).
pub fn alloc<T: 'static>(ty: &Value, payload: T) -> Value {
    debug_assert!(ty.header().map(|h| h.type_data_of_self_is::<T>()).unwrap_or(false));
    let ty_ptr = ty.clone().into_raw() as *const Header;
    let obj = Box::new(Obj {
        header: Header {
            refcnt: Cell::new(1),
            ty: Cell::new(ty_ptr),
            dict: Cell::new(0),
            gc_flags: Cell::new(0),
        },
        payload,
    });
    let tracked = tracks_instances(ty) && !is_static_type(&obj.payload);
    let ptr = Box::into_raw(obj) as *const Header;
    if tracked {
        crate::gc::track(ptr);
    }
    // SAFETY: a freshly boxed object with refcount 1, owned by the new Value.
    unsafe { Value::from_owned_ptr(ptr) }
}

/// Whether instances of type `ty` are tracked by the cycle collector.
#[inline(always)]
fn tracks_instances(ty: &Value) -> bool {
    ty.header().is_some_and(|t| crate::gc::traverse::type_info(t) & GC_TYPE_TRACKS != 0)
}

/// Builtin type objects are immortal and never collected: not tracked.
#[inline(always)]
fn is_static_type<T: 'static>(payload: &T) -> bool {
    (payload as &dyn std::any::Any).downcast_ref::<TypeData>().is_some_and(|t| !t.is_heap())
}

/// Starts tracking `v` again (after a finalizer resurrected it).
fn retrack(ptr: *const Header) {
    // SAFETY: `ptr` is a live object.
    let h = unsafe { &*ptr };
    // SAFETY: its type pointer is a live type object.
    let info = crate::gc::traverse::type_info(unsafe { &*h.ty.get() });
    if info & GC_TYPE_TRACKS != 0 && !crate::gc::is_tracked(h) {
        crate::gc::track(ptr);
    }
}

impl Header {
    /// Debug check: whether this type object's instances have layout `T`.
    fn type_data_of_self_is<T: 'static>(&self) -> bool {
        // SAFETY: only called on type objects (whose payload is TypeData).
        let td = unsafe { &(*(self as *const Header as *const Obj<TypeData>)).payload };
        td.layout == TypeId::of::<T>()
    }
}

/// The dealloc function of layout `T`: drops the box.
///
/// # Safety
/// `ptr` must be an `Obj<T>` allocated by `alloc` whose count reached zero.
pub unsafe fn drop_obj<T>(ptr: *const Header) {
    drop(Box::from_raw(ptr as *mut Obj<T>));
}

impl Value {
    /// The payload, when this value's layout is `T`.
    #[inline(always)]
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        let h = self.header()?;
        if h.type_data().layout == TypeId::of::<T>() {
            // SAFETY: the type's layout id says the object is an `Obj<T>`.
            Some(unsafe { &(*(h as *const Header as *const Obj<T>)).payload })
        } else {
            None
        }
    }
}

thread_local! {
    static DEALLOCATING: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

crate::interp_static! {
    static FINALIZER: Cell<Option<fn(&Value)>> = const { Cell::new(None) };
}

/// Installs the function that runs `__del__` (the runtime does, at boot).
pub fn set_finalizer_hook(hook: fn(&Value)) {
    FINALIZER.with(|f| f.set(Some(hook)));
}

/// Drops one reference; frees the object when it was the last.
///
/// # Safety
/// The caller must own the reference it drops.
#[inline(always)]
pub unsafe fn decref(ptr: *const Header) {
    let h = &*ptr;
    let count = h.refcnt.get() - 1;
    h.refcnt.set(count);
    if count == 0 {
        dealloc(ptr);
    }
}

#[inline(never)]
unsafe fn dealloc(ptr: *const Header) {
    // Untracked at once: the collector never sees an object whose count
    // reached zero, even while it waits in the pending list.
    crate::gc::untrack(&*ptr);
    if DEALLOCATING.with(|d| d.replace(true)) {
        PENDING.with(|p| p.borrow_mut().push(ptr as usize));
        return;
    }
    let mut next = Some(ptr);
    while let Some(obj) = next {
        free_one(obj);
        next = PENDING.with(|p| p.borrow_mut().pop()).map(|a| a as *const Header);
    }
    DEALLOCATING.with(|d| d.set(false));
}

/// Runs the finalizer if any (which may resurrect), clears the weak
/// references (running their callbacks), then frees.
unsafe fn free_one(ptr: *const Header) {
    let h = &*ptr;
    if has_pending_finalizer(h) {
        h.refcnt.set(1);
        let obj = Value::from_owned_ptr(ptr);
        // The finalizer runs with deallocation of other objects deferred.
        finalize_once(&obj);
        let resurrected = h.refcnt.get() > 1;
        let _ = obj.into_raw();
        if resurrected {
            h.refcnt.set(h.refcnt.get() - 1);
            retrack(ptr);
            return;
        }
        h.refcnt.set(0);
    }
    if h.gc_flags.get() & GC_WEAKREFS != 0 {
        crate::objects::weakref::clear_and_notify(h);
    }
    let dict = h.dict.replace(0);
    let ty = h.ty.get();
    let dealloc_fn = h.type_data().dealloc;
    dealloc_fn(ptr);
    if dict != 0 {
        drop(Value::from_raw(dict));
    }
    decref(ty);
}

/// Whether `h` has a finalizer that has not run yet.
fn has_pending_finalizer(h: &Header) -> bool {
    if h.gc_flags.get() & GC_FINALIZED != 0 {
        return false;
    }
    // SAFETY: a live object's type pointer is a live type object.
    let ty = unsafe { &*h.ty.get() };
    h.type_data().has_finalizer.get() || crate::gc::traverse::type_info(ty) & GC_TYPE_GEN != 0
}

/// Runs `obj`'s finalizer unless it already ran (PEP 442): `__del__`
/// through the runtime's hook, `close()` for generators.
pub fn finalize_once(obj: &Value) {
    let Some(h) = obj.header() else { return };
    if !has_pending_finalizer(h) {
        return;
    }
    h.gc_flags.set(h.gc_flags.get() | GC_FINALIZED);
    if crate::objects::generator::finalize(obj) {
        return;
    }
    if let Some(hook) = FINALIZER.with(|f| f.get()) {
        hook(obj);
    }
}
