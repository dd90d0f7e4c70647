//! Bit-level int operations with Python's semantics: negative ints behave
//! as infinite two's complement (`&`, `|`, `^`, `~`, `>>` floor), shifts
//! with "negative shift count", `bit_length`, `bit_count`, and
//! `int.to_bytes` / `int.from_bytes`.

use super::arith::MAX_RESULT_BITS;
use super::{ensure_allocatable, Int, NumError, NumResult};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

/// Which bitwise operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitOp {
    And,
    Or,
    Xor,
}

/// `a & b`, `a | b`, `a ^ b` (num-bigint's operators are two's complement
/// on negative values, as Python's are).
pub fn bitop(op: BitOp, a: &Int, b: &Int) -> Int {
    if let (Int::Small(x), Int::Small(y)) = (a, b) {
        return Int::Small(match op {
            BitOp::And => x & y,
            BitOp::Or => x | y,
            BitOp::Xor => x ^ y,
        });
    }
    let (x, y) = (a.to_big(), b.to_big());
    Int::from_big(match op {
        BitOp::And => x & y,
        BitOp::Or => x | y,
        BitOp::Xor => x ^ y,
    })
}

/// `~a` (= -a - 1).
pub fn invert(a: &Int) -> Int {
    match a {
        Int::Small(x) => Int::Small(!x),
        Int::Big(x) => Int::from_big(-x - 1),
    }
}

/// The shift count as a `u64`, or the error for a negative one; `None`
/// for a count too large for `u64`.
fn shift_count(count: &Int) -> NumResult<Option<u64>> {
    let negative = match count {
        Int::Small(c) => *c < 0,
        Int::Big(c) => c.is_negative(),
    };
    if negative {
        return Err(NumError::value("negative shift count"));
    }
    Ok(match count {
        Int::Small(c) => Some(*c as u64),
        Int::Big(c) => c.to_u64(),
    })
}

/// `a << count`.
pub fn shl(a: &Int, count: &Int) -> NumResult<Int> {
    let count = shift_count(count)?;
    let a_big = match a {
        Int::Small(0) => return Ok(Int::Small(0)),
        Int::Small(x) => {
            if let Some(c) = count.filter(|&c| c < 64) {
                if let Some(v) = x.checked_mul(1i64 << c).filter(|v| v >> c == *x) {
                    return Ok(Int::Small(v));
                }
            }
            BigInt::from(*x)
        }
        Int::Big(x) => x.clone(),
    };
    let count =
        count.filter(|&c| c.saturating_add(a_big.bits()) <= MAX_RESULT_BITS).ok_or_else(NumError::memory)?;
    Ok(Int::from_big(a_big << count as usize))
}

/// `a >> count` (rounds towards negative infinity).
pub fn shr(a: &Int, count: &Int) -> NumResult<Int> {
    let count = shift_count(count)?;
    match a {
        Int::Small(x) => Ok(Int::Small(x >> count.unwrap_or(63).min(63))),
        Int::Big(x) => match count.filter(|&c| c < x.bits()) {
            Some(c) => Ok(Int::from_big(x >> c as usize)),
            None => Ok(Int::Small(if x.is_negative() { -1 } else { 0 })),
        },
    }
}

/// `int.bit_length()`.
pub fn bit_length(a: &Int) -> u64 {
    match a {
        Int::Small(x) => 64 - x.unsigned_abs().leading_zeros() as u64,
        Int::Big(x) => x.bits(),
    }
}

/// `int.bit_count()`: ones in the binary form of |a|.
pub fn bit_count(a: &Int) -> u64 {
    match a {
        Int::Small(x) => x.unsigned_abs().count_ones() as u64,
        Int::Big(x) => x.magnitude().iter_u64_digits().map(|d| d.count_ones() as u64).sum(),
    }
}

/// `int.to_bytes(length, byteorder, signed=...)`; `length` already checked
/// non-negative by the caller ("length argument must be non-negative").
pub fn to_bytes(a: &Int, length: usize, little: bool, signed: bool) -> NumResult<Vec<u8>> {
    let value = a.to_big();
    if !signed && value.is_negative() {
        return Err(NumError::overflow("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { value.to_signed_bytes_le() } else { value.to_bytes_le().1 };
    // Sign bits need not be stored: 0 and -1 fit in zero bytes.
    if value.is_zero() || signed && bytes == [0xFF] && length == 0 {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(NumError::overflow("int too big to convert"));
    }
    ensure_allocatable(length)?;
    let pad = if value.is_negative() { 0xFF } else { 0 };
    bytes.resize(length, pad);
    if !little {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(data, byteorder, signed=...)`.
pub fn from_bytes(data: &[u8], little: bool, signed: bool) -> Int {
    let value = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(data),
        (false, true) => BigInt::from_signed_bytes_be(data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, data),
    };
    Int::from_big(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> Int {
        Int::from_big(text.parse().unwrap())
    }

    #[test]
    fn twos_complement_on_big_negatives() {
        let a = big("-36893488147419103233"); // -(2**65 + 1)
        let b = big("18446744073709551615"); // 2**64 - 1
        assert_eq!(bitop(BitOp::And, &a, &b), big("18446744073709551615"));
        assert_eq!(bitop(BitOp::Or, &a, &b), big("-36893488147419103233"));
        assert_eq!(bitop(BitOp::Xor, &a, &Int::Small(-1)), big("36893488147419103232"));
        assert_eq!(invert(&a), big("36893488147419103232"));
    }

    #[test]
    fn shifts() {
        assert_eq!(shl(&Int::Small(1), &Int::Small(64)), Ok(big("18446744073709551616")));
        assert_eq!(shl(&Int::Small(-3), &Int::Small(2)), Ok(Int::Small(-12)));
        assert_eq!(shr(&Int::Small(-5), &Int::Small(1)), Ok(Int::Small(-3)));
        assert_eq!(shr(&big("-18446744073709551616"), &Int::Small(1000)), Ok(Int::Small(-1)));
        assert_eq!(shl(&Int::Small(1), &Int::Small(-1)).unwrap_err().message, "negative shift count");
        assert_eq!(shl(&Int::Small(0), &big("99999999999999999999999")), Ok(Int::Small(0)));
    }

    #[test]
    fn bytes_round_trip() {
        assert_eq!(to_bytes(&Int::Small(-1), 2, false, true), Ok(vec![0xFF, 0xFF]));
        assert_eq!(
            to_bytes(&Int::Small(256), 1, false, false).unwrap_err().message,
            "int too big to convert"
        );
        assert_eq!(to_bytes(&Int::Small(-128), 1, true, true), Ok(vec![0x80]));
        assert_eq!(to_bytes(&Int::Small(128), 1, true, true).unwrap_err().message, "int too big to convert");
        assert_eq!(from_bytes(&[0xFF, 0xFE], false, true), Int::Small(-2));
        assert_eq!(bit_length(&Int::Small(-8)), 4);
        assert_eq!(bit_count(&Int::Small(-7)), 3);
    }
}
