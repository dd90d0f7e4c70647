//! Numeric and string hashing as CPython computes it (`hash(1) == hash(1.0)`,
//! modulus 2**61 - 1). A small wrapper so that switching to the `tables`
//! building block's implementation stays local. `str` hashing is a
//! SipHash-1-3 stand-in with a fixed key until `tables` lands.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// The modulus of numeric hashing (`sys.hash_info.modulus`).
pub const MODULUS: u64 = (1 << 61) - 1;
const INF: i64 = 314_159;

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(i)` for an int.
pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -m } else { m })
}

/// `hash(i)` for a big int.
pub fn hash_bigint(i: &BigInt) -> i64 {
    let m: BigInt = i.abs() % BigInt::from(MODULUS);
    let m = m.to_i64().unwrap_or(0);
    fix(if i.is_negative() { -m } else { m })
}

/// `hash(x)` for a float (`_Py_HashDouble`); NaN hashes by identity in
/// CPython 3.10+, so the caller passes the object's identity hash.
pub fn hash_f64(x: f64, identity: i64) -> i64 {
    if x.is_nan() {
        return identity;
    }
    if x.is_infinite() {
        return if x > 0.0 { INF } else { -INF };
    }
    let (mut m, mut e) = frexp(x);
    let sign = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    fix(h as i64 * sign)
}

/// `frexp`: x = m * 2**e with 0.5 <= |m| < 1 (x finite, non-zero, or 0).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7FF) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7FF << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `hash(s)` for a str (stand-in: SipHash-1-3, fixed key).
pub fn hash_str(s: &str) -> i64 {
    use std::hash::{Hash, Hasher};
    if s.is_empty() {
        return 0;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    fix(h.finish() as i64)
}

/// CPython 3.11's tuple hash (xxHash-based) over the items' hashes.
pub fn hash_tuple(hashes: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc: u64 = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// The default `object.__hash__`: the address rotated by 4 bits.
pub fn hash_pointer(bits: u64) -> i64 {
    fix(bits.rotate_right(4) as i64)
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
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_tuple(&[1, 2]), -3_550_055_125_485_641_917);
    }
}
