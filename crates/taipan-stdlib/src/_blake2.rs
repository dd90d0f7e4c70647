//! `_blake2` (CPython's `Modules/_blake2/`): the `blake2b` and `blake2s`
//! hash types with every parameter of RFC 7693's parameter block
//! (`digest_size`, `key`, `salt`, `person`, `fanout`, `depth`,
//! `leaf_size`, `node_offset`, `node_depth`, `inner_size`, `last_node`),
//! so they are implemented here rather than through a crate that offers
//! only some of them. One generic engine (`Engine<W>`) serves both word
//! sizes; `hash_object.rs` has the other digests.

use std::cell::{OnceCell, RefCell};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, BASETYPE};
use taipan_vm::objects::{bytes, dict, int, m, mk, new_method, str as pystr, Getter, Setter};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// The message schedule of both variants (BLAKE2b's rounds 10 and 11
/// reuse rows 0 and 1).
const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// What distinguishes BLAKE2b (64-bit words) from BLAKE2s (32-bit words).
trait Word: Copy + Default {
    const BYTES: usize;
    const ROUNDS: usize;
    const ROTATIONS: [u32; 4];
    const IV: [Self; 8];
    fn from_le(b: &[u8]) -> Self;
    fn to_le(self, out: &mut Vec<u8>);
    fn add(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn rotr(self, n: u32) -> Self;
    fn from_u128(v: u128) -> Self;
    fn ones() -> Self;
}

impl Word for u64 {
    const BYTES: usize = 8;
    const ROUNDS: usize = 12;
    const ROTATIONS: [u32; 4] = [32, 24, 16, 63];
    const IV: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    fn from_le(b: &[u8]) -> u64 {
        u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))
    }
    fn to_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn add(self, o: u64) -> u64 {
        self.wrapping_add(o)
    }
    fn xor(self, o: u64) -> u64 {
        self ^ o
    }
    fn rotr(self, n: u32) -> u64 {
        self.rotate_right(n)
    }
    fn from_u128(v: u128) -> u64 {
        v as u64
    }
    fn ones() -> u64 {
        u64::MAX
    }
}

impl Word for u32 {
    const BYTES: usize = 4;
    const ROUNDS: usize = 10;
    const ROTATIONS: [u32; 4] = [16, 12, 8, 7];
    const IV: [u32; 8] =
        [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19];
    fn from_le(b: &[u8]) -> u32 {
        u32::from_le_bytes(b.try_into().unwrap_or([0; 4]))
    }
    fn to_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn add(self, o: u32) -> u32 {
        self.wrapping_add(o)
    }
    fn xor(self, o: u32) -> u32 {
        self ^ o
    }
    fn rotr(self, n: u32) -> u32 {
        self.rotate_right(n)
    }
    fn from_u128(v: u128) -> u32 {
        v as u32
    }
    fn ones() -> u32 {
        u32::MAX
    }
}

/// A running BLAKE2 hash: chain value, byte counter, pending block.
#[derive(Clone)]
struct Engine<W: Word> {
    h: [W; 8],
    counter: u128,
    buf: Vec<u8>,
    digest_size: usize,
    last_node: bool,
}

impl<W: Word> Engine<W> {
    fn block() -> usize {
        16 * W::BYTES
    }

    /// A hash for a parameter block (`param`, 8 words' worth of bytes)
    /// and an optional key (hashed as a first, zero-padded block).
    fn new(param: &[u8], key: &[u8], last_node: bool) -> Self {
        let mut h = W::IV;
        for (i, hw) in h.iter_mut().enumerate() {
            *hw = hw.xor(W::from_le(&param[i * W::BYTES..(i + 1) * W::BYTES]));
        }
        let mut e = Engine { h, counter: 0, buf: Vec::new(), digest_size: param[0] as usize, last_node };
        if !key.is_empty() {
            let mut block = key.to_vec();
            block.resize(Self::block(), 0);
            e.update(&block);
        }
        e
    }

    fn update(&mut self, mut data: &[u8]) {
        let block = Self::block();
        while !data.is_empty() {
            if self.buf.len() == block {
                self.counter += block as u128;
                let full = std::mem::take(&mut self.buf);
                self.compress(&full, false);
            }
            let take = (block - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
    }

    fn digest(&self) -> Vec<u8> {
        let mut e = self.clone();
        e.counter += e.buf.len() as u128;
        let mut last = std::mem::take(&mut e.buf);
        last.resize(Self::block(), 0);
        e.compress(&last, true);
        let mut out = Vec::with_capacity(8 * W::BYTES);
        for w in e.h {
            w.to_le(&mut out);
        }
        out.truncate(self.digest_size);
        out
    }

    fn compress(&mut self, block: &[u8], last: bool) {
        let m: Vec<W> = block.chunks_exact(W::BYTES).map(W::from_le).collect();
        let mut v = [W::default(); 16];
        v[..8].copy_from_slice(&self.h);
        v[8..].copy_from_slice(&W::IV);
        v[12] = v[12].xor(W::from_u128(self.counter));
        v[13] = v[13].xor(W::from_u128(self.counter >> (8 * W::BYTES)));
        if last {
            v[14] = v[14].xor(W::ones());
            if self.last_node {
                v[15] = v[15].xor(W::ones());
            }
        }
        for round in 0..W::ROUNDS {
            let s = &SIGMA[round % 10];
            mix(&mut v, [0, 4, 8, 12], m[s[0]], m[s[1]]);
            mix(&mut v, [1, 5, 9, 13], m[s[2]], m[s[3]]);
            mix(&mut v, [2, 6, 10, 14], m[s[4]], m[s[5]]);
            mix(&mut v, [3, 7, 11, 15], m[s[6]], m[s[7]]);
            mix(&mut v, [0, 5, 10, 15], m[s[8]], m[s[9]]);
            mix(&mut v, [1, 6, 11, 12], m[s[10]], m[s[11]]);
            mix(&mut v, [2, 7, 8, 13], m[s[12]], m[s[13]]);
            mix(&mut v, [3, 4, 9, 14], m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            self.h[i] = self.h[i].xor(v[i]).xor(v[i + 8]);
        }
    }
}

/// The G function on four state words.
fn mix<W: Word>(v: &mut [W; 16], [a, b, c, d]: [usize; 4], x: W, y: W) {
    let r = W::ROTATIONS;
    v[a] = v[a].add(v[b]).add(x);
    v[d] = v[d].xor(v[a]).rotr(r[0]);
    v[c] = v[c].add(v[d]);
    v[b] = v[b].xor(v[c]).rotr(r[1]);
    v[a] = v[a].add(v[b]).add(y);
    v[d] = v[d].xor(v[a]).rotr(r[2]);
    v[c] = v[c].add(v[d]);
    v[b] = v[b].xor(v[c]).rotr(r[3]);
}

#[derive(Clone)]
enum State {
    B(Engine<u64>),
    S(Engine<u32>),
}

/// The sizes of one variant.
struct Variant {
    name: &'static str,
    max_digest: usize,
    salt: usize,
    person: usize,
    block: usize,
    /// Bytes of `node_offset` in the parameter block.
    offset_bytes: usize,
}

const BLAKE2B: Variant =
    Variant { name: "blake2b", max_digest: 64, salt: 16, person: 16, block: 128, offset_bytes: 8 };
const BLAKE2S: Variant =
    Variant { name: "blake2s", max_digest: 32, salt: 8, person: 8, block: 64, offset_bytes: 6 };

/// The payload of a blake2b / blake2s object.
pub struct Blake2Data {
    variant: &'static Variant,
    state: RefCell<State>,
}

taipan_vm::interp_static! {
    static TYPES: OnceCell<(Value, Value)> = const { OnceCell::new() };
}

fn types() -> (Value, Value) {
    TYPES.with(|t| {
        t.get_or_init(|| {
            let make = |v: &Variant, new| {
                let methods = [
                    new_method(new),
                    m("update", b2_update),
                    mk("digest", |a, k| Ok(bytes::new(digest(a, k, "digest")?))),
                    mk("hexdigest", |a, k| {
                        Ok(pystr::new(&crate::hash_object::hex(&digest(a, k, "hexdigest")?)))
                    }),
                    m("copy", b2_copy),
                ];
                let ty = native::new_type::<Blake2Data>(
                    v.name,
                    "_blake2",
                    &rt().types.object,
                    BASETYPE,
                    &methods,
                    GETSETS,
                );
                let d = taipan_vm::types::type_payload(&ty).dict();
                for (name, value) in constants(v) {
                    dict::set_str(d, name, int::from_usize(value));
                }
                ty
            };
            (make(&BLAKE2B, new_blake2b), make(&BLAKE2S, new_blake2s))
        })
        .clone()
    })
}

fn constants(v: &Variant) -> [(&'static str, usize); 4] {
    [
        ("SALT_SIZE", v.salt),
        ("PERSON_SIZE", v.person),
        ("MAX_KEY_SIZE", v.max_digest),
        ("MAX_DIGEST_SIZE", v.max_digest),
    ]
}

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("name", |v| Ok(pystr::new(this(v)?.variant.name)), None),
    ("digest_size", |v| Ok(int::from_usize(digest_size(&this(v)?.state.borrow()))), None),
    ("block_size", |v| Ok(int::from_usize(this(v)?.variant.block)), None),
];

fn digest_size(s: &State) -> usize {
    match s {
        State::B(e) => e.digest_size,
        State::S(e) => e.digest_size,
    }
}

/// Builds the `_blake2` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_blake2", &[]);
    let (b, s) = types();
    dict::set_str(&d, "blake2b", b);
    dict::set_str(&d, "blake2s", s);
    for (prefix, v) in [("BLAKE2B", &BLAKE2B), ("BLAKE2S", &BLAKE2S)] {
        for (name, value) in constants(v) {
            dict::set_str(&d, &format!("{prefix}_{name}"), int::from_usize(value));
        }
    }
    Ok(md)
}

fn this(v: &Value) -> PyResult<&Blake2Data> {
    v.downcast::<Blake2Data>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a blake2 object but received '{}'", type_name(v)))
    })
}

fn new_blake2b(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    construct(&BLAKE2B, &types().0, args, kwnames)
}

fn new_blake2s(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    construct(&BLAKE2S, &types().1, args, kwnames)
}

const PARAMS: &[&str] = &[
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', …)`.
fn construct(v: &'static Variant, base: &Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - 1 - kwnames.len();
    if npos > 1 {
        return Err(exc::type_error(format!(
            "{}() takes at most 1 positional argument ({npos} given)",
            v.name
        )));
    }
    let kw = native::bind_clinic(v.name, &args[1 + npos..], kwnames, PARAMS, 0)?;
    let (param, key, last_node) = parameter_block(v, &kw)?;
    let mut state = if v.offset_bytes == 8 {
        State::B(Engine::new(&param, &key, last_node))
    } else {
        State::S(Engine::new(&param, &key, last_node))
    };
    if npos == 1 {
        update_state(&mut state, &data_of(&args[1])?);
    }
    taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        base,
        Blake2Data { variant: v, state: RefCell::new(state) },
    )
}

/// The parameter block, the key and `last_node`, with CPython's checks.
fn parameter_block(v: &Variant, kw: &[Option<Value>]) -> PyResult<(Vec<u8>, Vec<u8>, bool)> {
    let digest_size = small_int(&kw[0], v.max_digest as i64)?;
    if !(1..=v.max_digest as i64).contains(&digest_size) {
        return Err(exc::value_error(format!("digest_size must be between 1 and {} bytes", v.max_digest)));
    }
    let key = buffer_or_empty(&kw[1])?;
    if key.len() > v.max_digest {
        return Err(exc::value_error(format!("maximum key length is {} bytes", v.max_digest)));
    }
    let salt = buffer_or_empty(&kw[2])?;
    if salt.len() > v.salt {
        return Err(exc::value_error(format!("maximum salt length is {} bytes", v.salt)));
    }
    let person = buffer_or_empty(&kw[3])?;
    if person.len() > v.person {
        return Err(exc::value_error(format!("maximum person length is {} bytes", v.person)));
    }
    let fanout = small_int(&kw[4], 1)?;
    if !(0..=255).contains(&fanout) {
        return Err(exc::value_error("fanout must be between 0 and 255"));
    }
    let depth = small_int(&kw[5], 1)?;
    if !(1..=255).contains(&depth) {
        return Err(exc::value_error("depth must be between 1 and 255"));
    }
    let leaf_size = unsigned(&kw[6], 64)?;
    if leaf_size > u32::MAX as u128 {
        return Err(exc::overflow_error("leaf_size is too large"));
    }
    let node_offset = unsigned(&kw[7], 64)?;
    if v.offset_bytes == 6 && node_offset >= 1 << 48 {
        return Err(exc::overflow_error("node_offset is too large"));
    }
    let node_depth = small_int(&kw[8], 0)?;
    if !(0..=255).contains(&node_depth) {
        return Err(exc::value_error("node_depth must be between 0 and 255"));
    }
    let inner_size = small_int(&kw[9], 0)?;
    if !(0..=v.max_digest as i64).contains(&inner_size) {
        return Err(exc::value_error(format!("inner_size must be between 0 and is {}", v.max_digest)));
    }
    let last_node = match &kw[10] {
        Some(x) => taipan_vm::ops::truthy(x)?,
        None => false,
    };
    let mut p = vec![digest_size as u8, key.len() as u8, fanout as u8, depth as u8];
    p.extend_from_slice(&(leaf_size as u32).to_le_bytes());
    p.extend_from_slice(&(node_offset as u64).to_le_bytes()[..v.offset_bytes]);
    p.push(node_depth as u8);
    p.push(inner_size as u8);
    p.resize(if v.offset_bytes == 8 { 32 } else { 16 }, 0);
    let mut salt = salt;
    salt.resize(v.salt, 0);
    let mut person = person;
    person.resize(v.person, 0);
    p.extend_from_slice(&salt);
    p.extend_from_slice(&person);
    Ok((p, key, last_node))
}

/// An `int` argument (C `int`), or its default.
fn small_int(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => native::int_arg(v, ""),
        None => Ok(default),
    }
}

/// An unsigned argument of at most `bits` bits, with CPython's errors.
fn unsigned(v: &Option<Value>, bits: u32) -> PyResult<u128> {
    let Some(v) = v else { return Ok(0) };
    let n = int::to_bigint(&int::index(v)?).unwrap_or_default();
    if n.sign() == num_bigint::Sign::Minus {
        return Err(exc::value_error("value must be positive"));
    }
    if n.bits() > bits as u64 {
        return Err(exc::overflow_error("int too big to convert"));
    }
    let (_, digits) = n.to_u64_digits();
    Ok(digits.first().copied().unwrap_or(0) as u128)
}

fn buffer_or_empty(v: &Option<Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(v) => bytes::buffer(v).ok_or_else(|| {
            exc::type_error(format!("a bytes-like object is required, not '{}'", type_name(v)))
        }),
        None => Ok(Vec::new()),
    }
}

fn data_of(v: &Value) -> PyResult<Vec<u8>> {
    if pystr::is_str(v) {
        return Err(exc::type_error("Strings must be encoded before hashing"));
    }
    bytes::buffer(v).ok_or_else(|| exc::type_error("object supporting the buffer API required"))
}

fn update_state(state: &mut State, data: &[u8]) {
    match state {
        State::B(e) => e.update(data),
        State::S(e) => e.update(data),
    }
}

fn b2_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let [me, data] = args else {
        return Err(exc::type_error(format!(
            "{}.update() takes exactly one argument ({} given)",
            this(&args[0])?.variant.name,
            args.len().saturating_sub(1)
        )));
    };
    let data = data_of(data)?;
    update_state(&mut this(me)?.state.borrow_mut(), &data);
    Ok(native::none())
}

fn digest(args: &[Value], kwnames: &[Value], fname: &str) -> PyResult<Vec<u8>> {
    if !kwnames.is_empty() {
        let variant = this(&args[0])?.variant.name;
        return Err(exc::type_error(format!("{variant}.{fname}() takes no keyword arguments")));
    }
    no_args(args, fname)?;
    Ok(match &*this(&args[0])?.state.borrow() {
        State::B(e) => e.digest(),
        State::S(e) => e.digest(),
    })
}

/// "blake2b.name() takes no arguments (N given)" unless `args` is just self.
fn no_args(args: &[Value], fname: &str) -> PyResult<()> {
    if args.len() == 1 {
        return Ok(());
    }
    let variant = this(&args[0])?.variant.name;
    Err(exc::type_error(format!("{variant}.{fname}() takes no arguments ({} given)", args.len() - 1)))
}

fn b2_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    no_args(args, "copy")?;
    let d = this(&args[0])?;
    let (b, s) = types();
    let ty = if d.variant.offset_bytes == 8 { b } else { s };
    let copy = Blake2Data { variant: d.variant, state: RefCell::new(d.state.borrow().clone()) };
    Ok(taipan_vm::heap::alloc(&ty, copy))
}

#[cfg(test)]
mod tests {
    use super::Engine;

    fn plain_param(digest_size: u8, key_len: u8, total: usize) -> Vec<u8> {
        let mut p = vec![digest_size, key_len, 1, 1];
        p.resize(total, 0);
        p
    }

    #[test]
    fn rfc7693_abc_vectors() {
        let mut b = Engine::<u64>::new(&plain_param(64, 0, 64), &[], false);
        b.update(b"abc");
        assert_eq!(crate::hash_object::hex(&b.digest())[..16], *"ba80a53f981c4d0d");
        let mut s = Engine::<u32>::new(&plain_param(32, 0, 32), &[], false);
        s.update(b"abc");
        assert_eq!(crate::hash_object::hex(&s.digest())[..16], *"508c5e8c327c14e2");
    }
}
