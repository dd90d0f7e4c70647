//! `slice` objects and index adjustment (`PySlice_GetIndicesEx`).

use super::{check_args, m, new_method, Getter, Method, Setter};
use crate::exceptions::{self as exc, PyResult};
use crate::runtime::rt;
use crate::value::Value;

/// The payload of a slice.
pub struct SliceData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// A new slice (None for missing parts).
pub fn new(start: Value, stop: Value, step: Value) -> Value {
    crate::heap::alloc(&rt().types.slice, SliceData { start, stop, step })
}

fn opt_index(v: &Value) -> PyResult<Option<i64>> {
    if v.is(&rt().none) {
        return Ok(None);
    }
    match super::int::index_value(v) {
        Ok(Some(i)) => Ok(Some(i)),
        Ok(None) => {
            Err(exc::type_error("slice indices must be integers or None or have an __index__ method"))
        }
        Err(e) if e.matches(&rt().exc.overflow_error) => {
            let neg = super::int::to_bigint(v).is_some_and(|b| b.sign() == num_bigint::Sign::Minus);
            Ok(Some(if neg { i64::MIN / 2 } else { i64::MAX / 2 }))
        }
        Err(e) => Err(e),
    }
}

impl SliceData {
    /// (start, stop, step) adjusted to a sequence of length `len`.
    pub fn indices(&self, len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = opt_index(&self.step)?.unwrap_or(1);
        if step == 0 {
            return Err(exc::value_error("slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let adjust = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(i) if i < 0 => (i + len).max(lo),
                Some(i) => i.min(hi),
            }
        };
        let start = adjust(opt_index(&self.start)?, if step < 0 { hi } else { lo });
        let stop = adjust(opt_index(&self.stop)?, if step < 0 { lo } else { hi });
        Ok((start, stop, step))
    }
}

/// The indices selected by adjusted (start, stop, step).
pub fn range_indices(start: i64, stop: i64, step: i64) -> impl Iterator<Item = usize> {
    let count = if step > 0 {
        if stop > start {
            (stop - start + step - 1) / step
        } else {
            0
        }
    } else if start > stop {
        (start - stop - step - 1) / (-step)
    } else {
        0
    };
    (0..count).map(move |k| (start + k * step) as usize)
}

pub const METHODS: &[Method] =
    &[new_method(slice_new), m("__repr__", slice_repr), m("indices", slice_indices), m("__eq__", slice_eq)];

pub const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("start", |v| Ok(this(v)?.start.clone()), None),
    ("stop", |v| Ok(this(v)?.stop.clone()), None),
    ("step", |v| Ok(this(v)?.step.clone()), None),
];

fn this(v: &Value) -> PyResult<&SliceData> {
    v.downcast::<SliceData>().ok_or_else(|| exc::type_error("expected a slice"))
}

fn slice_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("slice", args, 2, 4)?;
    let none = || rt().none.clone();
    Ok(match args.len() {
        2 => new(none(), args[1].clone(), none()),
        3 => new(args[1].clone(), args[2].clone(), none()),
        _ => new(args[1].clone(), args[2].clone(), args[3].clone()),
    })
}

fn slice_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let s = this(&args[0])?;
    let r = |v: &Value| -> PyResult<String> {
        Ok(super::str::as_str(&crate::ops::repr(v)?).unwrap_or("").to_string())
    };
    Ok(super::str::from_string(format!("slice({}, {}, {})", r(&s.start)?, r(&s.stop)?, r(&s.step)?)))
}

fn slice_indices(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("indices", args, 2, 2)?;
    let len = super::int::index_value(&args[1])?.ok_or_else(|| exc::type_error("integer expected"))?;
    if len < 0 {
        return Err(exc::value_error("length should not be negative"));
    }
    let (a, b, c) = this(&args[0])?.indices(len as usize)?;
    Ok(super::tuple::new(vec![super::int::from_i64(a), super::int::from_i64(b), super::int::from_i64(c)]))
}

fn slice_eq(args: &[Value], _: &[Value]) -> PyResult<Value> {
    check_args("__eq__", args, 2, 2)?;
    let a = this(&args[0])?;
    let Some(b) = args[1].downcast::<SliceData>() else {
        return Ok(rt().not_implemented.clone());
    };
    let ta = super::tuple::new(vec![a.start.clone(), a.stop.clone(), a.step.clone()]);
    let tb = super::tuple::new(vec![b.start.clone(), b.stop.clone(), b.step.clone()]);
    crate::ops::compare(&ta, &tb, crate::ops::CompareOp::Eq)
}
