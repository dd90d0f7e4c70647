//! Constant folding as CPython 3.11's `Python/ast_opt.c` does it, computed
//! on the fly instead of by rewriting the tree: [`fold`] gives the constant
//! an expression folds to (literals, `__debug__`, unary and binary
//! operators on constants within CPython's size limits, tuples of
//! constants, constant subscripts), or `None` when CPython leaves the node
//! alone (or when folding would raise at run time). Values are computed
//! with Python's semantics for ints (arbitrary precision), floats,
//! complex numbers, str, bytes and tuples; a case not modelled here is
//! simply not folded, which changes the bytecode but never the result.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;
use taipan_bytecode::{Constant, ConstantKey, PyString};
use taipan_parser::ast::{self, Expr, ExprContext, ExprKind, Operator, UnaryOp};

/// `MAX_INT_SIZE`: bits of an int result allowed by `*`, `**` and `<<`.
const MAX_INT_SIZE: u64 = 128;
/// `MAX_COLLECTION_SIZE`: items of a tuple built by `*`.
const MAX_COLLECTION_SIZE: i64 = 256;
/// `MAX_STR_SIZE`: characters (or bytes) of a str (bytes) built by `*`.
const MAX_STR_SIZE: i64 = 4096;
/// `MAX_TOTAL_ITEMS`: items of nested tuples built by `*`.
const MAX_TOTAL_ITEMS: i64 = 1024;

/// The constant `e` folds to, if any (`optimize` is the `-O` level, for
/// `__debug__`).
pub fn fold(e: &Expr, optimize: u8) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(constant(value)),
        ExprKind::Name { id, ctx: ExprContext::Load } if id == "__debug__" => {
            Some(Constant::Bool(optimize == 0))
        }
        ExprKind::UnaryOp { op, operand } => unary(*op, &fold(operand, optimize)?),
        ExprKind::BinOp { left, op, right } => {
            let l = fold(left, optimize)?;
            binary(&l, *op, &fold(right, optimize)?)
        }
        ExprKind::Tuple { elts, ctx: ExprContext::Load } => fold_all(elts, optimize).map(Constant::tuple),
        ExprKind::Subscript { value, slice, ctx: ExprContext::Load } => {
            let v = fold(value, optimize)?;
            subscript(&v, &fold(slice, optimize)?)
        }
        _ => None,
    }
}

/// Every element folded, or `None` if one does not fold.
pub fn fold_all(elts: &[Expr], optimize: u8) -> Option<Vec<Constant>> {
    elts.iter().map(|e| fold(e, optimize)).collect()
}

/// A literal's value as a `co_consts` entry.
pub fn constant(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Str(s) => Constant::Str(py_string(s)),
        ast::Constant::Bytes(b) => Constant::Bytes(b.as_slice().into()),
        ast::Constant::Int(ast::Int::Small(n)) => Constant::Int(*n),
        ast::Constant::Int(ast::Int::Big(n)) => Constant::int((**n).clone()),
        ast::Constant::Float(x) => Constant::Float(*x),
        ast::Constant::Complex { real, imag } => Constant::Complex { re: *real, im: *imag },
        ast::Constant::Ellipsis => Constant::Ellipsis,
    }
}

/// A string literal's value. Valid UTF-8 (nearly every literal; checked
/// quickly) is valid generalised UTF-8 as it is; only a literal holding a
/// lone surrogate needs the generalised check.
pub fn py_string(s: &ast::PyStr) -> PyString {
    if let Ok(text) = std::str::from_utf8(s.as_bytes()) {
        return PyString::from(text);
    }
    PyString::from_wtf8(s.as_bytes())
        .unwrap_or_else(|| PyString::from(String::from_utf8_lossy(s.as_bytes()).as_ref()))
}

/// A frozenset of `items`, duplicates (by Python equality) dropped.
pub fn frozenset(items: Vec<Constant>) -> Constant {
    let mut out: Vec<Constant> = Vec::new();
    for item in items {
        if !out.iter().any(|o| py_eq(o, &item)) {
            out.push(item);
        }
    }
    Constant::FrozenSet(out.into())
}

pub fn py_eq(a: &Constant, b: &Constant) -> bool {
    match (num(a), num(b)) {
        (Some(x), Some(y)) => match (x, y) {
            (Num::Int(p), Num::Int(q)) => p == q,
            (x, y) => x.complex() == y.complex(),
        },
        _ => ConstantKey(a.clone()) == ConstantKey(b.clone()),
    }
}

/// `bool(value)`.
pub fn truthy(value: &Constant) -> bool {
    match value {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(n) => *n != 0,
        Constant::BigInt(_) => true,
        Constant::Float(x) => *x != 0.0,
        Constant::Complex { re, im } => *re != 0.0 || *im != 0.0,
        Constant::Str(s) => s.char_len() > 0,
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) | Constant::List(t) | Constant::Set(t) => !t.is_empty(),
        Constant::Dict(d) => !d.is_empty(),
        _ => true,
    }
}

/// A number, for arithmetic.
#[derive(Clone, Debug)]
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

impl Num {
    fn float(&self) -> Option<f64> {
        match self {
            Num::Int(n) => int_to_f64(n),
            Num::Float(x) => Some(*x),
            Num::Complex(..) => None,
        }
    }

    fn complex(&self) -> Option<(f64, f64)> {
        match self {
            Num::Complex(re, im) => Some((*re, *im)),
            other => other.float().map(|x| (x, 0.0)),
        }
    }
}

fn num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(*b as i64))),
        Constant::Int(n) => Some(Num::Int(BigInt::from(*n))),
        Constant::BigInt(n) => Some(Num::Int((**n).clone())),
        Constant::Float(x) => Some(Num::Float(*x)),
        Constant::Complex { re, im } => Some(Num::Complex(*re, *im)),
        _ => None,
    }
}

fn from_num(n: Num) -> Constant {
    match n {
        Num::Int(i) => Constant::int(i),
        Num::Float(x) => Constant::Float(x),
        Num::Complex(re, im) => Constant::Complex { re, im },
    }
}

/// `int → float` as Python converts it (correctly rounded; too big fails).
fn int_to_f64(n: &BigInt) -> Option<f64> {
    let x = n.to_f64()?;
    x.is_finite().then_some(x)
}

fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return Some(Constant::Bool(!truthy(v)));
    }
    let n = num(v)?;
    Some(from_num(match (op, n) {
        (UnaryOp::USub, Num::Int(i)) => Num::Int(-i),
        (UnaryOp::USub, Num::Float(x)) => Num::Float(-x),
        (UnaryOp::USub, Num::Complex(re, im)) => Num::Complex(-re, -im),
        (UnaryOp::UAdd, n) => n,
        (UnaryOp::Invert, Num::Int(i)) => Num::Int(-(i + BigInt::from(1))),
        _ => return None,
    }))
}

fn binary(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    if let (Some(a), Some(b)) = (num(l), num(r)) {
        if let (Constant::Bool(x), Constant::Bool(y)) = (l, r) {
            match op {
                Operator::BitAnd => return Some(Constant::Bool(x & y)),
                Operator::BitOr => return Some(Constant::Bool(x | y)),
                Operator::BitXor => return Some(Constant::Bool(x ^ y)),
                _ => {}
            }
        }
        return numeric(a, op, b).map(from_num);
    }
    sequence(l, op, r)
}

fn numeric(a: Num, op: Operator, b: Num) -> Option<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_op(x, op, y),
        (a @ Num::Complex(..), b) | (a, b @ Num::Complex(..)) => {
            complex_op(a.complex()?, op, b.complex()?).map(|(re, im)| Num::Complex(re, im))
        }
        (a, b) if op == Operator::Pow => float_or_complex_pow(a.float()?, b.float()?),
        (a, b) => float_op(a.float()?, op, b.float()?).map(Num::Float),
    }
}

fn bits(n: &BigInt) -> u64 {
    n.bits()
}

fn int_op(x: BigInt, op: Operator, y: BigInt) -> Option<Num> {
    let int = |n: BigInt| Some(Num::Int(n));
    match op {
        Operator::Add => int(x + y),
        Operator::Sub => int(x - y),
        Operator::Mult => {
            if !x.is_zero() && !y.is_zero() && bits(&x) + bits(&y) > MAX_INT_SIZE {
                return None;
            }
            int(x * y)
        }
        Operator::FloorDiv => (!y.is_zero()).then(|| Num::Int(floor_div(&x, &y))),
        Operator::Mod => (!y.is_zero()).then(|| Num::Int(&x - floor_div(&x, &y) * &y)),
        Operator::Div => {
            if y.is_zero() {
                return None;
            }
            let limit = BigInt::from(1u64 << 53);
            if x.abs() > limit || y.abs() > limit {
                return None;
            }
            Some(Num::Float(x.to_f64()? / y.to_f64()?))
        }
        Operator::Pow => {
            if y.is_negative() {
                if x.is_zero() {
                    return None;
                }
                return float_op(int_to_f64(&x)?, Operator::Pow, int_to_f64(&y)?).map(Num::Float);
            }
            if !x.is_zero() && !y.is_zero() {
                let exp = y.to_u64()?;
                if bits(&x) > MAX_INT_SIZE / exp {
                    return None;
                }
            }
            int(num_traits::pow::pow(x, y.to_usize()?))
        }
        Operator::LShift => {
            if y.is_negative() {
                return None;
            }
            if !x.is_zero() && !y.is_zero() {
                let shift = y.to_u64()?;
                if shift > MAX_INT_SIZE || bits(&x) > MAX_INT_SIZE - shift {
                    return None;
                }
            }
            int(x << y.to_usize()?)
        }
        Operator::RShift => {
            if y.is_negative() {
                return None;
            }
            let shift = y.to_usize().unwrap_or(usize::MAX);
            if shift as u64 > bits(&x) {
                return int(if x.is_negative() { BigInt::from(-1) } else { BigInt::zero() });
            }
            int(x >> shift)
        }
        Operator::BitAnd => int(x & y),
        Operator::BitOr => int(x | y),
        Operator::BitXor => int(x ^ y),
        Operator::MatMult => None,
    }
}

/// Python's `//` on ints (rounds toward negative infinity).
fn floor_div(x: &BigInt, y: &BigInt) -> BigInt {
    let (q, r) = (x / y, x % y);
    if !r.is_zero() && r.is_negative() != y.is_negative() {
        q - 1
    } else {
        q
    }
}

fn float_op(x: f64, op: Operator, y: f64) -> Option<f64> {
    match op {
        Operator::Add => Some(x + y),
        Operator::Sub => Some(x - y),
        Operator::Mult => Some(x * y),
        Operator::Div => (y != 0.0).then(|| x / y),
        Operator::FloorDiv => (y != 0.0).then(|| float_divmod(x, y).0),
        Operator::Mod => (y != 0.0).then(|| float_divmod(x, y).1),
        Operator::Pow => float_pow(x, y),
        _ => None,
    }
}

/// `float ** float` where it is a float or (negative base, fractional
/// exponent) a complex.
fn float_or_complex_pow(x: f64, y: f64) -> Option<Num> {
    if x < 0.0 && y.is_finite() && y != y.floor() {
        return complex_pow((x, 0.0), (y, 0.0)).map(|(re, im)| Num::Complex(re, im));
    }
    float_pow(x, y).map(Num::Float)
}

/// `float_divmod`: Python's floor division and modulo of floats.
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut modulo = vx % wx;
    let mut div = (vx - modulo) / wx;
    if modulo != 0.0 {
        if (wx < 0.0) != (modulo < 0.0) {
            modulo += wx;
            div -= 1.0;
        }
    } else {
        modulo = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, modulo)
}

/// `float ** float`, when it stays a float and does not raise.
fn float_pow(x: f64, y: f64) -> Option<f64> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    if x == 0.0 && y < 0.0 {
        return None;
    }
    if x < 0.0 && y != y.floor() {
        return None;
    }
    let r = x.powf(y);
    r.is_finite().then_some(r)
}

fn complex_op(x: (f64, f64), op: Operator, y: (f64, f64)) -> Option<(f64, f64)> {
    let ((a, b), (c, d)) = (x, y);
    match op {
        Operator::Add => Some((a + c, b + d)),
        Operator::Sub => Some((a - c, b - d)),
        Operator::Mult => Some(c_prod(x, y)),
        Operator::Div => c_quot(x, y),
        Operator::Pow => complex_pow(x, y),
        _ => None,
    }
}

/// `_Py_c_prod`.
fn c_prod((a, b): (f64, f64), (c, d): (f64, f64)) -> (f64, f64) {
    (a * c - b * d, a * d + b * c)
}

/// `_Py_c_quot` (Smith's method); `None` for a zero divisor.
fn c_quot((ar, ai): (f64, f64), (br, bi): (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (br.abs(), bi.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Some(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Some(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// `complex_pow`: small integral exponents by repeated squaring
/// (`c_powi`), the rest in polar form (`_Py_c_pow`); `None` where CPython
/// raises.
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            c_quot((1.0, 0.0), c_powu(a, -n))?
        }
    } else if b == (0.0, 0.0) {
        (1.0, 0.0)
    } else if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    (r.0.is_finite() && r.1.is_finite()).then_some(r)
}

/// `c_powu`: `x ** n` for `n >= 0` by binary exponentiation.
fn c_powu(x: (f64, f64), n: i64) -> (f64, f64) {
    let (mut r, mut p, mut mask) = ((1.0, 0.0), x, 1i64);
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

fn sequence(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    match (l, op, r) {
        (Constant::Str(a), Operator::Add, Constant::Str(b)) => {
            let mut bytes = a.as_wtf8().to_vec();
            bytes.extend_from_slice(b.as_wtf8());
            Some(Constant::Str(PyString::from_wtf8(&bytes)?))
        }
        (Constant::Bytes(a), Operator::Add, Constant::Bytes(b)) => {
            Some(Constant::Bytes([&a[..], &b[..]].concat().into()))
        }
        (Constant::Tuple(a), Operator::Add, Constant::Tuple(b)) => {
            Some(Constant::Tuple(a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into()))
        }
        (seq, Operator::Mult, n) | (n, Operator::Mult, seq) if int_value(n).is_some() => {
            repeat(seq, int_value(n)?)
        }
        _ => None,
    }
}

fn int_value(c: &Constant) -> Option<BigInt> {
    match num(c)? {
        Num::Int(n) => Some(n),
        _ => None,
    }
}

/// `safe_multiply` for `sequence * n`.
fn repeat(seq: &Constant, n: BigInt) -> Option<Constant> {
    let (size, limit) = match seq {
        Constant::Str(s) => (s.char_len() as i64, MAX_STR_SIZE),
        Constant::Bytes(b) => (b.len() as i64, MAX_STR_SIZE),
        Constant::Tuple(t) => (t.len() as i64, MAX_COLLECTION_SIZE),
        _ => return None,
    };
    let count = if size == 0 {
        n.to_i64().unwrap_or(0).max(0)
    } else {
        let n = n.to_i64()?;
        if n < 0 || n > limit / size {
            return None;
        }
        if let Constant::Tuple(_) = seq {
            if n > 0 && !within_complexity(seq, MAX_TOTAL_ITEMS / n) {
                return None;
            }
        }
        n
    } as usize;
    Some(match seq {
        Constant::Str(s) => Constant::Str(PyString::from_wtf8(&s.as_wtf8().repeat(count))?),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(count).into()),
        Constant::Tuple(t) => {
            let items: Vec<Constant> = (0..count).flat_map(|_| t.iter().cloned()).collect();
            Constant::Tuple(Arc::from(items))
        }
        _ => return None,
    })
}

/// `check_complexity`: nested tuples hold at most `limit` items in all.
fn within_complexity(c: &Constant, limit: i64) -> bool {
    fn walk(c: &Constant, limit: &mut i64) -> bool {
        if let Constant::Tuple(items) | Constant::FrozenSet(items) = c {
            *limit -= items.len() as i64;
            if *limit < 0 {
                return false;
            }
            return items.iter().all(|i| walk(i, limit));
        }
        true
    }
    let mut limit = limit;
    walk(c, &mut limit)
}

fn subscript(value: &Constant, index: &Constant) -> Option<Constant> {
    let i = int_value(index)?.to_i64()?;
    let at = |len: usize| -> Option<usize> {
        let i = if i < 0 { i + len as i64 } else { i };
        (0..len as i64).contains(&i).then_some(i as usize)
    };
    match value {
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let cp = cps[at(cps.len())?];
            let mut out = taipan_parser::ast::PyStr::new();
            out.push(cp);
            PyString::from_wtf8(out.as_bytes()).map(Constant::Str)
        }
        Constant::Bytes(b) => Some(Constant::Int(i64::from(b[at(b.len())?]))),
        Constant::Tuple(t) => Some(t[at(t.len())?].clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_floor_division_follows_python() {
        assert_eq!(float_divmod(7.0, -2.0), (-4.0, -1.0));
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
    }

    #[test]
    fn int_sizes_are_limited() {
        let big: BigInt = BigInt::from(1) << 100usize;
        assert!(int_op(big.clone(), Operator::Mult, big).is_none());
        assert!(int_op(BigInt::from(2), Operator::Pow, BigInt::from(200)).is_none());
        assert!(int_op(BigInt::from(2), Operator::Pow, BigInt::from(100)).is_none());
        assert!(int_op(BigInt::from(2), Operator::Pow, BigInt::from(60)).is_some());
    }

    #[test]
    fn repetition_is_limited() {
        let s = Constant::str("ab");
        assert!(repeat(&s, BigInt::from(2048)).is_some());
        assert!(repeat(&s, BigInt::from(2049)).is_none());
        assert!(repeat(&s, BigInt::from(-1)).is_none());
    }
}
