//! `Value`: one machine word, NaN-boxed in the JavaScriptCore style.
//!
//! | top 16 bits      | meaning                                              |
//! |------------------|------------------------------------------------------|
//! | `0x0000`         | heap pointer (`0` itself is NULL, the stack marker)  |
//! | `0x0002..=0xFFFA`| a float: its IEEE bits plus 2^49                     |
//! | `0xFFFF`         | a small int: 48-bit two's-complement payload         |
//!
//! NaNs are canonicalised to the two quiet NaNs (sign kept), so every float
//! fits. A `Value` owns one reference: `Clone` increments and `Drop`
//! decrements the heap object's count (both no-ops for immediates). The heap
//! side (headers, allocation, deallocation) is `heap.rs`.

use crate::heap::{self, Header};
use std::mem::ManuallyDrop;

/// One Python value: a tagged small int, a float, or an owned heap reference.
#[repr(transparent)]
pub struct Value(u64);

const INT_TAG: u64 = 0xFFFF_0000_0000_0000;
const PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;
const FLOAT_OFFSET: u64 = 1 << 49;
/// The smallest and largest ints stored inline.
pub const SMALL_INT_MIN: i64 = -(1 << 47);
pub const SMALL_INT_MAX: i64 = (1 << 47) - 1;

impl Value {
    /// The NULL marker (an empty stack slot, an unbound local).
    pub const NULL: Value = Value(0);

    /// The raw word (for identity and `id()`).
    #[inline(always)]
    pub fn bits(&self) -> u64 {
        self.0
    }

    #[inline(always)]
    pub fn is_null(&self) -> bool {
        self.0 == 0
    }

    /// Whether this is a heap reference (not NULL, not an immediate).
    #[inline(always)]
    pub fn is_ptr(&self) -> bool {
        self.0 >> 48 == 0 && self.0 != 0
    }

    #[inline(always)]
    pub fn is_small_int(&self) -> bool {
        self.0 >> 48 == 0xFFFF
    }

    #[inline(always)]
    pub fn is_float(&self) -> bool {
        let tag = self.0 >> 48;
        tag != 0 && tag != 0xFFFF
    }

    /// A small int, when `i` fits in 48 bits.
    #[inline(always)]
    pub fn try_small_int(i: i64) -> Option<Value> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            Some(Value(INT_TAG | (i as u64 & PAYLOAD_MASK)))
        } else {
            None
        }
    }

    /// The payload of a small int (only meaningful when `is_small_int`).
    #[inline(always)]
    pub fn small_int_unchecked(&self) -> i64 {
        ((self.0 << 16) as i64) >> 16
    }

    #[inline(always)]
    pub fn as_small_int(&self) -> Option<i64> {
        if self.is_small_int() {
            Some(self.small_int_unchecked())
        } else {
            None
        }
    }

    /// A float; NaNs become the canonical quiet NaN of the same sign.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        let bits = if f.is_nan() {
            if f.is_sign_negative() {
                0xFFF8_0000_0000_0000
            } else {
                0x7FF8_0000_0000_0000
            }
        } else {
            f.to_bits()
        };
        Value(bits + FLOAT_OFFSET)
    }

    /// The float of an encoded float (only meaningful when `is_float`).
    #[inline(always)]
    pub fn float_unchecked(&self) -> f64 {
        f64::from_bits(self.0 - FLOAT_OFFSET)
    }

    #[inline(always)]
    pub fn as_float(&self) -> Option<f64> {
        if self.is_float() {
            Some(self.float_unchecked())
        } else {
            None
        }
    }

    /// The heap header of a heap reference.
    #[inline(always)]
    pub fn header(&self) -> Option<&Header> {
        if self.is_ptr() {
            // SAFETY: a non-null word with top 16 bits zero is, by the
            // encoding's invariant, a pointer to a live heap object that this
            // Value holds a reference to.
            Some(unsafe { &*(self.0 as *const Header) })
        } else {
            None
        }
    }

    /// The header pointer (only for heap references).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const Header {
        self.0 as *const Header
    }

    /// Takes ownership of one reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` must point to a live heap object and the caller must own the
    /// reference it hands over.
    #[inline(always)]
    pub unsafe fn from_owned_ptr(ptr: *const Header) -> Value {
        Value(ptr as u64)
    }

    /// A new reference to the object at `ptr`.
    ///
    /// # Safety
    /// `ptr` must point to a live heap object.
    #[inline(always)]
    pub unsafe fn from_borrowed_ptr(ptr: *const Header) -> Value {
        (*ptr).incref();
        Value(ptr as u64)
    }

    /// Gives up ownership without decrementing (the inverse of `from_raw`).
    #[inline(always)]
    pub fn into_raw(self) -> u64 {
        let v = ManuallyDrop::new(self);
        v.0
    }

    /// Rebuilds a Value from `into_raw`'s word.
    ///
    /// # Safety
    /// `bits` must come from `into_raw` (or be an immediate), and its
    /// reference must not be used again.
    #[inline(always)]
    pub unsafe fn from_raw(bits: u64) -> Value {
        Value(bits)
    }

    /// Identity (`is`).
    #[inline(always)]
    pub fn is(&self, other: &Value) -> bool {
        self.0 == other.0
    }

    /// Replaces `self` with NULL and returns the old value.
    #[inline(always)]
    pub fn take(&mut self) -> Value {
        std::mem::replace(self, Value::NULL)
    }
}

impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(h) = self.header() {
            h.incref();
        }
        Value(self.0)
    }
}

impl Drop for Value {
    #[inline(always)]
    fn drop(&mut self) {
        if self.is_ptr() {
            // SAFETY: this Value owns one reference to a live object.
            unsafe { heap::decref(self.0 as *const Header) }
        }
    }
}

impl Default for Value {
    fn default() -> Value {
        Value::NULL
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(i) = self.as_small_int() {
            write!(f, "Value(int {i})")
        } else if let Some(x) = self.as_float() {
            write!(f, "Value(float {x})")
        } else if self.is_null() {
            write!(f, "Value(NULL)")
        } else {
            write!(f, "Value(obj {:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_round_trip() {
        for i in [0, 1, -1, SMALL_INT_MAX, SMALL_INT_MIN, 12345, -98765] {
            let v = Value::try_small_int(i).unwrap();
            assert!(v.is_small_int() && !v.is_float() && !v.is_ptr());
            assert_eq!(v.small_int_unchecked(), i);
        }
        assert!(Value::try_small_int(SMALL_INT_MAX + 1).is_none());
        assert!(Value::try_small_int(SMALL_INT_MIN - 1).is_none());
    }

    #[test]
    fn floats_round_trip() {
        for x in
            [0.0, -0.0, 1.5, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, f64::MAX, -f64::MAX, 5e-324]
        {
            let v = Value::float(x);
            assert!(v.is_float() && !v.is_small_int() && !v.is_ptr());
            assert_eq!(v.float_unchecked().to_bits(), x.to_bits());
        }
        let nan = Value::float(-f64::NAN);
        assert!(nan.is_float() && nan.float_unchecked().is_nan() && nan.float_unchecked().is_sign_negative());
        let odd = f64::from_bits(0xFFFF_FFFF_FFFF_FFFF);
        assert!(Value::float(odd).is_float());
    }
}

/// A mutable slot holding one owned `Value` (NULL when empty), for object
/// fields that Python code can rebind. Reading clones; there is no borrow to
/// hold across calls back into Python, so no re-entrancy hazard.
#[derive(Default)]
pub struct Slot(std::cell::Cell<u64>);

impl Slot {
    pub fn new(v: Value) -> Slot {
        Slot(std::cell::Cell::new(v.into_raw()))
    }

    /// A new reference to the held value (NULL if empty).
    #[inline(always)]
    pub fn get(&self) -> Value {
        let bits = self.0.get();
        // SAFETY: the slot owns the reference in `bits`; we add one for the caller.
        unsafe {
            let v = Value::from_raw(bits);
            let out = v.clone();
            std::mem::forget(v);
            out
        }
    }

    /// Whether the slot is empty.
    pub fn is_null(&self) -> bool {
        self.0.get() == 0
    }

    /// Stores `v`, dropping the old value after the store.
    #[inline(always)]
    pub fn set(&self, v: Value) {
        drop(self.replace(v));
    }

    /// Stores `v` and returns the old value.
    #[inline(always)]
    pub fn replace(&self, v: Value) -> Value {
        let old = self.0.replace(v.into_raw());
        // SAFETY: the old bits were the slot's owned reference.
        unsafe { Value::from_raw(old) }
    }

    pub fn take(&self) -> Value {
        self.replace(Value::NULL)
    }

    /// The held value as a non-owning alias (never dropped), for callers
    /// whose use ends while the slot still holds it.
    #[inline(always)]
    pub fn alias(&self) -> ManuallyDrop<Value> {
        // SAFETY: the alias is never dropped, so the slot's count stays exact.
        ManuallyDrop::new(unsafe { Value::from_raw(self.0.get()) })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        // SAFETY: the slot owns the reference in its bits.
        drop(unsafe { Value::from_raw(self.0.get()) });
    }
}
