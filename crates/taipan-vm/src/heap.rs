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

/// Set once an object's `__del__` has run (it never runs twice).
pub const GC_FINALIZED: usize = 1;

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
    // SAFETY: a freshly boxed object with refcount 1, owned by the new Value.
    unsafe { Value::from_owned_ptr(Box::into_raw(obj) as *const Header) }
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

/// Runs the finalizer if any (which may resurrect), then frees.
unsafe fn free_one(ptr: *const Header) {
    let h = &*ptr;
    let td = h.type_data();
    if td.has_finalizer.get() && h.gc_flags.get() & GC_FINALIZED == 0 {
        h.gc_flags.set(h.gc_flags.get() | GC_FINALIZED);
        if let Some(hook) = FINALIZER.with(|f| f.get()) {
            h.refcnt.set(1);
            let obj = Value::from_owned_ptr(ptr);
            // The finalizer runs with deallocation of other objects deferred.
            hook(&obj);
            let resurrected = h.refcnt.get() > 1;
            let raw = obj.into_raw();
            if resurrected {
                h.refcnt.set(h.refcnt.get() - 1);
                let _ = raw;
                return;
            }
            h.refcnt.set(0);
        }
    }
    let dict = h.dict.replace(0);
    let ty = h.ty.get();
    let dealloc_fn = td.dealloc;
    dealloc_fn(ptr);
    if dict != 0 {
        drop(Value::from_raw(dict));
    }
    decref(ty);
}
