//! A minimal `array` module (CPython's `Modules/arraymodule.c`): enough
//! for what `socket.py` and `multiprocessing.reduction` import it for
//! (`send_fds`/`recv_fds` pack descriptors with `array.array('i', ...)`).
//!
//! An array keeps its items as native-endian bytes with a typecode
//! (`b B h H i I l L q Q f d`; no `u`). Supported: construction from an
//! iterable or bytes, `typecode`, `itemsize`, `append`, `extend`,
//! `frombytes`, `tobytes`, `fromlist`, `tolist`, `buffer_info`, `count`,
//! `index`, `byteswap`, `len`, integer indexing (get and set), iteration,
//! `==`, `repr`. Not yet: slicing, the buffer protocol (`memoryview`),
//! arithmetic, pickling, `'u'`. `sendmsg` reads an array's bytes through
//! [`contents`].

use std::cell::{OnceCell, RefCell};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, none, BASETYPE};
use taipan_vm::objects::{
    bytes, dict, float, int, list, m, new_method, str as pystr, tuple, Getter, Method, Setter,
};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// The payload of an `array.array`.
pub struct ArrayData {
    code: u8,
    data: RefCell<Vec<u8>>,
}

const TYPECODES: &str = "bBuhHiIlLqQfd";

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

fn array_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            native::new_type::<ArrayData>(
                "array",
                "array",
                &rt().types.object,
                BASETYPE | taipan_vm::types::TF_SEQUENCE,
                METHODS,
                GETSETS,
            )
        })
        .clone()
    })
}

/// Builds the `array` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("array", &[]);
    dict::set_str(&d, "array", array_type());
    dict::set_str(&d, "ArrayType", array_type());
    dict::set_str(&d, "typecodes", pystr::new(TYPECODES));
    Ok(md)
}

/// The bytes of an array (None for anything else).
pub fn contents(v: &Value) -> Option<Vec<u8>> {
    v.downcast::<ArrayData>().map(|a| a.data.borrow().clone())
}

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("typecode", |v| Ok(pystr::from_string((this(v)?.code as char).to_string())), None),
    ("itemsize", |v| Ok(int::from_usize(size_of(this(v)?.code))), None),
];

const METHODS: &[Method] = &[
    new_method(array_new),
    m("append", |a, _| {
        taipan_vm::objects::check_args("append", a, 2, 2)?;
        push(this(&a[0])?, &a[1])?;
        Ok(none())
    }),
    m("extend", |a, _| {
        taipan_vm::objects::check_args("extend", a, 2, 2)?;
        extend(this(&a[0])?, &a[1])?;
        Ok(none())
    }),
    m("fromlist", |a, _| {
        taipan_vm::objects::check_args("fromlist", a, 2, 2)?;
        if list::data(&a[1]).is_none() {
            return Err(exc::type_error("arg must be list"));
        }
        extend(this(&a[0])?, &a[1])?;
        Ok(none())
    }),
    m("frombytes", array_frombytes),
    m("tobytes", |a, _| Ok(bytes::new(this(&a[0])?.data.borrow().clone()))),
    m("tolist", |a, _| Ok(list::new(items(this(&a[0])?)))),
    m("buffer_info", |a, _| {
        let me = this(&a[0])?;
        let data = me.data.borrow();
        let n = data.len() / size_of(me.code);
        Ok(tuple::new(vec![int::from_i64(data.as_ptr() as i64), int::from_usize(n)]))
    }),
    m("byteswap", array_byteswap),
    m("count", |a, _| {
        taipan_vm::objects::check_args("count", a, 2, 2)?;
        let mut n = 0;
        for item in items(this(&a[0])?) {
            if taipan_vm::ops::eq(&item, &a[1])? {
                n += 1;
            }
        }
        Ok(int::from_usize(n))
    }),
    m("index", |a, _| {
        taipan_vm::objects::check_args("index", a, 2, 2)?;
        for (i, item) in items(this(&a[0])?).iter().enumerate() {
            if taipan_vm::ops::eq(item, &a[1])? {
                return Ok(int::from_usize(i));
            }
        }
        Err(exc::value_error("array.index(x): x not in array"))
    }),
    m("__len__", |a, _| {
        let me = this(&a[0])?;
        Ok(int::from_usize(me.data.borrow().len() / size_of(me.code)))
    }),
    m("__getitem__", array_getitem),
    m("__setitem__", array_setitem),
    m("__iter__", |a, _| taipan_vm::ops::iter(&list::new(items(this(&a[0])?)))),
    m("__eq__", |a, _| {
        let (Some(x), Some(y)) = (a[0].downcast::<ArrayData>(), a[1].downcast::<ArrayData>()) else {
            return Ok(rt().not_implemented.clone());
        };
        let (l, r) = (items(x), items(y));
        if l.len() != r.len() {
            return Ok(native::boolean(false));
        }
        for (p, q) in l.iter().zip(&r) {
            if !taipan_vm::ops::eq(p, q)? {
                return Ok(native::boolean(false));
            }
        }
        Ok(native::boolean(true))
    }),
    m("__repr__", array_repr),
];

fn this(v: &Value) -> PyResult<&ArrayData> {
    v.downcast::<ArrayData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a 'array.array' object but received '{}'", type_name(v)))
    })
}

/// The size of one item of typecode `code`.
fn size_of(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// `array(typecode[, initializer])`.
fn array_new(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("array.array() takes no keyword arguments"));
    }
    if !(2..=3).contains(&args.len()) {
        return Err(exc::type_error(format!("array() takes at most 2 arguments ({} given)", args.len() - 1)));
    }
    let code = match pystr::as_str(&args[1]) {
        Some(s) if s.chars().count() == 1 => s.as_bytes()[0],
        _ => {
            return Err(exc::type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                type_name(&args[1])
            )))
        }
    };
    if !b"bBhHiIlLqQfd".contains(&code) {
        return Err(exc::value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
    }
    let v = taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        &array_type(),
        ArrayData { code, data: RefCell::new(Vec::new()) },
    )?;
    if let Some(init) = args.get(2) {
        let me = this(&v)?;
        match bytes::as_bytes(init) {
            Some(b) => frombytes(me, b)?,
            None => extend(me, init)?,
        }
    }
    Ok(v)
}

/// Appends one item.
fn push(me: &ArrayData, v: &Value) -> PyResult<()> {
    let b = encode(me.code, v)?;
    me.data.borrow_mut().extend_from_slice(&b);
    Ok(())
}

fn extend(me: &ArrayData, iterable: &Value) -> PyResult<()> {
    if let Some(other) = iterable.downcast::<ArrayData>() {
        if other.code != me.code {
            return Err(exc::type_error("can only extend with array of same kind"));
        }
        let b = other.data.borrow().clone();
        me.data.borrow_mut().extend_from_slice(&b);
        return Ok(());
    }
    for item in taipan_vm::ops::collect(iterable)? {
        push(me, &item)?;
    }
    Ok(())
}

fn frombytes(me: &ArrayData, b: &[u8]) -> PyResult<()> {
    if b.len() % size_of(me.code) != 0 {
        return Err(exc::value_error("bytes length not a multiple of item size"));
    }
    me.data.borrow_mut().extend_from_slice(b);
    Ok(())
}

fn array_frombytes(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("frombytes", args, 2, 2)?;
    let b = taipan_vm::modules::_io::bytes_arg(&args[1])?;
    frombytes(this(&args[0])?, &b)?;
    Ok(none())
}

fn array_byteswap(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = this(&args[0])?;
    let n = size_of(me.code);
    me.data.borrow_mut().chunks_mut(n).for_each(|c| c.reverse());
    Ok(none())
}

/// An item's bytes, with CPython's range errors.
fn encode(code: u8, v: &Value) -> PyResult<Vec<u8>> {
    if matches!(code, b'f' | b'd') {
        let f = float::to_f64(v)
            .ok_or_else(|| exc::type_error(format!("must be real number, not {}", type_name(v))))?;
        return Ok(if code == b'f' { (f as f32).to_ne_bytes().to_vec() } else { f.to_ne_bytes().to_vec() });
    }
    if !int::is_int(v) {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        )));
    }
    let n: i128 = match int::to_i64(v) {
        Some(n) => n as i128,
        None => match int::to_bigint(v).and_then(|b| num_traits::ToPrimitive::to_u64(&b)) {
            Some(u) => u as i128,
            None => i128::MAX,
        },
    };
    range_check(code, n)?;
    let mut b = (n as u64).to_le_bytes()[..size_of(code)].to_vec();
    if cfg!(target_endian = "big") {
        b.reverse();
    }
    Ok(b)
}

/// CPython's overflow errors for an integer item.
fn range_check(code: u8, n: i128) -> PyResult<()> {
    let (lo, hi, what): (i128, i128, &str) = match code {
        b'b' => (i8::MIN as i128, i8::MAX as i128, "signed char"),
        b'B' => (0, u8::MAX as i128, "unsigned byte integer"),
        b'h' => (i16::MIN as i128, i16::MAX as i128, "signed short integer"),
        b'H' => (0, u16::MAX as i128, "unsigned short"),
        b'i' => (i32::MIN as i128, i32::MAX as i128, "signed integer"),
        b'I' => (0, u32::MAX as i128, "unsigned int"),
        b'l' | b'q' => (i64::MIN as i128, i64::MAX as i128, ""),
        _ => (0, u64::MAX as i128, ""),
    };
    if (lo..=hi).contains(&n) {
        return Ok(());
    }
    let msg = match (code, n < lo) {
        (b'I' | b'L', true) => "can't convert negative value to unsigned int".to_string(),
        (b'Q', true) => "can't convert negative int to unsigned".to_string(),
        (b'l', _) => "Python int too large to convert to C long".to_string(),
        (b'q' | b'L' | b'Q', _) => "int too big to convert".to_string(),
        (_, true) => format!("{what} is less than minimum"),
        (_, false) => format!("{what} is greater than maximum"),
    };
    Err(exc::overflow_error(msg))
}

/// The item stored in `b`.
fn decode(code: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    w[..b.len()].copy_from_slice(b);
    match code {
        b'b' => int::from_i64(b[0] as i8 as i64),
        b'B' => int::from_i64(b[0] as i64),
        b'h' => int::from_i64(i16::from_ne_bytes([b[0], b[1]]) as i64),
        b'H' => int::from_i64(u16::from_ne_bytes([b[0], b[1]]) as i64),
        b'i' => int::from_i64(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
        b'I' => int::from_i64(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64),
        b'f' => Value::float(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as f64),
        b'd' => Value::float(f64::from_ne_bytes(w)),
        b'L' | b'Q' => int::from_bigint(num_bigint::BigInt::from(u64::from_ne_bytes(w))),
        _ => int::from_i64(i64::from_ne_bytes(w)),
    }
}

fn items(me: &ArrayData) -> Vec<Value> {
    let n = size_of(me.code);
    me.data.borrow().chunks_exact(n).map(|c| decode(me.code, c)).collect()
}

/// The byte offset of item `index` (negative counts from the end).
fn offset(me: &ArrayData, index: &Value) -> PyResult<usize> {
    let i = int::index_value(index)?.ok_or_else(|| exc::type_error("array indices must be integers"))?;
    let n = size_of(me.code);
    let len = (me.data.borrow().len() / n) as i64;
    let i = if i < 0 { i + len } else { i };
    if !(0..len).contains(&i) {
        return Err(exc::index_error("array index out of range"));
    }
    Ok(i as usize * n)
}

fn array_getitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("__getitem__", args, 2, 2)?;
    let me = this(&args[0])?;
    let at = offset(me, &args[1])?;
    let n = size_of(me.code);
    let v = decode(me.code, &me.data.borrow()[at..at + n]);
    Ok(v)
}

fn array_setitem(args: &[Value], _: &[Value]) -> PyResult<Value> {
    taipan_vm::objects::check_args("__setitem__", args, 3, 3)?;
    let me = this(&args[0])?;
    let at = offset(me, &args[1])?;
    let b = encode(me.code, &args[2])?;
    me.data.borrow_mut()[at..at + b.len()].copy_from_slice(&b);
    Ok(none())
}

fn array_repr(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let me = this(&args[0])?;
    let code = me.code as char;
    let items = items(me);
    if items.is_empty() {
        return Ok(pystr::from_string(format!("array('{code}')")));
    }
    let inner = taipan_vm::ops::repr_string(&list::new(items))?;
    Ok(pystr::from_string(format!("array('{code}', {inner})")))
}
