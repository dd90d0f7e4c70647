//! The VM's entry points to `hash()` for numbers, bytes, tuples and
//! identities: thin wrappers over the `tables::hash` building block, which
//! computes exactly CPython 3.11's values (numeric hashing modulo 2**61 - 1
//! so that `hash(1) == hash(1.0)`, SipHash-1-3 keyed by `PYTHONHASHSEED` for
//! bytes, the xxHash-based tuple hash). `str` hashes over its PEP 393 units
//! in `text` (`Str::python_hash`), with the same process-wide secret, which
//! `tables::hash::global_secret` takes from `PYTHONHASHSEED` on first use
//! (random when unset, as CPython does).

use num_bigint::BigInt;

use crate::tables::hash as th;

/// The modulus of numeric hashing (`sys.hash_info.modulus`).
pub const MODULUS: u64 = (1 << 61) - 1;

/// `hash(i)` for an int.
pub fn hash_i64(i: i64) -> i64 {
    th::hash_i64(i)
}

/// `hash(i)` for a big int.
pub fn hash_bigint(i: &BigInt) -> i64 {
    th::hash_bigint(i)
}

/// `hash(x)` for a float (`_Py_HashDouble`); a NaN hashes by identity in
/// CPython 3.10+, so the caller passes the object's identity hash.
pub fn hash_f64(x: f64, identity: i64) -> i64 {
    if x.is_nan() {
        return identity;
    }
    th::hash_f64(x, 0)
}

/// `hash(b)` for bytes: equal to the hash of the Latin-1 `str` with the
/// same code units, as in CPython.
pub fn hash_bytes(b: &[u8]) -> i64 {
    th::hash_bytes(b)
}

/// CPython 3.11's tuple hash (xxHash-based) over the items' hashes.
pub fn hash_tuple(hashes: &[i64]) -> i64 {
    th::hash_tuple(hashes)
}

/// The default `object.__hash__`: the address rotated by 4 bits.
pub fn hash_pointer(bits: u64) -> i64 {
    th::hash_pointer(bits as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_f64(1.0, 0), 1);
        assert_eq!(hash_f64(1.5, 0), 1_152_921_504_606_846_977);
        assert_eq!(hash_f64(-2.5, 0), -1_152_921_504_606_846_978);
        assert_eq!(hash_f64(1e300, 0), 1_224_995_262_755_759_164);
        assert_eq!(hash_f64(0.1, 0), 230_584_300_921_369_408);
        assert_eq!(hash_f64(f64::NAN, 77), 77);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_tuple(&[1, 2]), -3_550_055_125_485_641_917);
    }
}
