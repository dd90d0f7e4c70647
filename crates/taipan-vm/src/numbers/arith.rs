//! Arithmetic semantics of int and float: floor division and modulo with
//! Python's sign rules, true division (correctly rounded for big ints),
//! powers, and int ↔ float conversion.

use super::{Int, NumError, NumResult};
use num_traits::ToPrimitive;

/// `float(int)`: correctly rounded; "int too large to convert to float".
pub fn int_to_f64(value: &Int) -> NumResult<f64> {
    let f = match value {
        Int::Small(v) => *v as f64,
        Int::Big(v) => v.to_f64().unwrap_or(f64::INFINITY),
    };
    if f.is_finite() {
        Ok(f)
    } else {
        Err(NumError::overflow("int too large to convert to float"))
    }
}
