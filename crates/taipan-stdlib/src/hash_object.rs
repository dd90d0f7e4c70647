//! The hash objects of `_md5`, `_sha1`, `_sha256`, `_sha512` and `_sha3`
//! (CPython's `md5module.c`, `sha1module.c`, `sha256module.c`,
//! `sha512module.c`, `_sha3/`): one table of algorithms (`ALGORITHMS`),
//! one native type per algorithm, all sharing `update`, `digest`,
//! `hexdigest`, `copy` and the `name`/`digest_size`/`block_size`
//! attributes. The digests come from the RustCrypto crates. `hashlib.py`
//! picks these up when there is no `_hashlib` (OpenSSL); `_blake2` is
//! separate (`_blake2.rs`) because of its parameters.

use digest::{DynDigest, ExtendableOutput, Update, XofReader};
use num_traits::ToPrimitive;
use std::cell::{OnceCell, RefCell};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native;
use taipan_vm::objects::{bytes, dict, int, m, mk, str as pystr, Getter, Method, Setter};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

/// A running hash.
#[derive(Clone)]
enum Hasher {
    Fixed(Box<dyn DynDigest>),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Fixed(h) => h.update(data),
            Hasher::Shake128(h) => Update::update(h, data),
            Hasher::Shake256(h) => Update::update(h, data),
        }
    }

    /// The digest so far (`len` bytes of a SHAKE output).
    fn digest(&self, len: usize) -> Vec<u8> {
        match self.clone() {
            Hasher::Fixed(h) => h.finalize().into_vec(),
            Hasher::Shake128(h) => xof(h.finalize_xof(), len),
            Hasher::Shake256(h) => xof(h.finalize_xof(), len),
        }
    }
}

fn xof(mut reader: impl XofReader, len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    reader.read(&mut out);
    out
}

/// One algorithm: its name, module, sizes and a fresh hasher.
struct Algorithm {
    name: &'static str,
    module: &'static str,
    digest_size: usize,
    block_size: usize,
    new: fn() -> Hasher,
}

/// Every algorithm (one source of truth; `digest_size` 0 marks SHAKE).
static ALGORITHMS: [Algorithm; 12] = [
    alg("md5", "_md5", 16, 64, || Hasher::Fixed(Box::new(md5::Md5::default()))),
    alg("sha1", "_sha1", 20, 64, || Hasher::Fixed(Box::new(sha1::Sha1::default()))),
    alg("sha224", "_sha256", 28, 64, || Hasher::Fixed(Box::new(sha2::Sha224::default()))),
    alg("sha256", "_sha256", 32, 64, || Hasher::Fixed(Box::new(sha2::Sha256::default()))),
    alg("sha384", "_sha512", 48, 128, || Hasher::Fixed(Box::new(sha2::Sha384::default()))),
    alg("sha512", "_sha512", 64, 128, || Hasher::Fixed(Box::new(sha2::Sha512::default()))),
    alg("sha3_224", "_sha3", 28, 144, || Hasher::Fixed(Box::new(sha3::Sha3_224::default()))),
    alg("sha3_256", "_sha3", 32, 136, || Hasher::Fixed(Box::new(sha3::Sha3_256::default()))),
    alg("sha3_384", "_sha3", 48, 104, || Hasher::Fixed(Box::new(sha3::Sha3_384::default()))),
    alg("sha3_512", "_sha3", 64, 72, || Hasher::Fixed(Box::new(sha3::Sha3_512::default()))),
    alg("shake_128", "_sha3", 0, 168, || Hasher::Shake128(sha3::Shake128::default())),
    alg("shake_256", "_sha3", 0, 136, || Hasher::Shake256(sha3::Shake256::default())),
];

const fn alg(
    name: &'static str,
    module: &'static str,
    digest_size: usize,
    block_size: usize,
    new: fn() -> Hasher,
) -> Algorithm {
    Algorithm { name, module, digest_size, block_size, new }
}

/// The payload of a hash object.
pub struct HashData {
    alg: &'static Algorithm,
    hasher: RefCell<Hasher>,
}

impl HashData {
    fn is_shake(&self) -> bool {
        self.alg.digest_size == 0
    }
}

taipan_vm::interp_static! {
    /// The native type of each algorithm, in `ALGORITHMS` order.
    static TYPES: OnceCell<Vec<Value>> = const { OnceCell::new() };
}

fn type_of(index: usize) -> Value {
    TYPES.with(|t| {
        t.get_or_init(|| {
            ALGORITHMS
                .iter()
                .map(|a| {
                    native::new_type::<HashData>(a.name, a.module, &rt().types.object, 0, METHODS, GETSETS)
                })
                .collect()
        })[index]
            .clone()
    })
}

const METHODS: &[Method] = &[
    m("update", hash_update),
    mk("digest", |a, k| Ok(bytes::new(digest_of(a, k, "digest")?))),
    mk("hexdigest", |a, k| Ok(pystr::new(&hex(&digest_of(a, k, "hexdigest")?)))),
    m("copy", hash_copy),
];

const GETSETS: &[(&str, Getter, Option<Setter>)] = &[
    ("name", |v| Ok(pystr::new(this(v)?.alg.name)), None),
    ("digest_size", |v| Ok(int::from_usize(this(v)?.alg.digest_size)), None),
    ("block_size", |v| Ok(int::from_usize(this(v)?.alg.block_size)), None),
];

fn this(v: &Value) -> PyResult<&HashData> {
    v.downcast::<HashData>().ok_or_else(|| {
        exc::type_error(format!("descriptor requires a hash object but received '{}'", type_name(v)))
    })
}

/// Builds the module `name` with a constructor for each of its algorithms.
fn build_module(name: &str) -> PyResult<Value> {
    let (md, d) = native::new_module(name, &[]);
    for (i, a) in ALGORITHMS.iter().enumerate().filter(|(_, a)| a.module == name) {
        let ctor = taipan_vm::objects::function::new_builtin(a.name, CONSTRUCTORS[i], true, md.clone());
        dict::set_str(&d, a.name, ctor);
        let _ = type_of(i);
    }
    Ok(md)
}

pub fn md5_module() -> PyResult<Value> {
    build_module("_md5")
}

pub fn sha1_module() -> PyResult<Value> {
    build_module("_sha1")
}

pub fn sha256_module() -> PyResult<Value> {
    build_module("_sha256")
}

pub fn sha512_module() -> PyResult<Value> {
    build_module("_sha512")
}

pub fn sha3_module() -> PyResult<Value> {
    build_module("_sha3")
}

/// One constructor per row of `ALGORITHMS` (a native function cannot
/// capture which row it is for).
const CONSTRUCTORS: [taipan_vm::objects::NativeFn; ALGORITHMS.len()] = [
    |a, k| construct(0, a, k),
    |a, k| construct(1, a, k),
    |a, k| construct(2, a, k),
    |a, k| construct(3, a, k),
    |a, k| construct(4, a, k),
    |a, k| construct(5, a, k),
    |a, k| construct(6, a, k),
    |a, k| construct(7, a, k),
    |a, k| construct(8, a, k),
    |a, k| construct(9, a, k),
    |a, k| construct(10, a, k),
    |a, k| construct(11, a, k),
];

/// `name(string=b'', *, usedforsecurity=True)` (`_sha3`'s data argument
/// is positional-only, and its messages all say `sha3_224()`, as
/// CPython's do).
fn construct(index: usize, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let a = &ALGORITHMS[index];
    let (fname, data_name) = if a.module == "_sha3" { ("sha3_224", "") } else { (a.name, "string") };
    let npos = args.len() - 1 - kwnames.len();
    if npos > 1 {
        return Err(exc::type_error(format!("{fname}() takes at most 1 positional argument ({npos} given)")));
    }
    let b = native::bind_clinic(fname, &args[1..], kwnames, &[data_name, "usedforsecurity"], 0)?;
    let mut hasher = (a.new)();
    if let Some(data) = native::given(&b[0]) {
        hasher.update(&data_of(data)?);
    }
    Ok(taipan_vm::heap::alloc(&type_of(index), HashData { alg: a, hasher: RefCell::new(hasher) }))
}

/// The bytes of a bytes-like argument, with hashlib's errors.
fn data_of(v: &Value) -> PyResult<Vec<u8>> {
    if pystr::is_str(v) {
        return Err(exc::type_error("Strings must be encoded before hashing"));
    }
    bytes::buffer(v).ok_or_else(|| exc::type_error("object supporting the buffer API required"))
}

fn hash_update(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let [me, data] = args else {
        return Err(exc::type_error(format!(
            "{}.update() takes exactly one argument ({} given)",
            this(&args[0])?.alg.name,
            args.len().saturating_sub(1)
        )));
    };
    let data = data_of(data)?;
    this(me)?.hasher.borrow_mut().update(&data);
    Ok(native::none())
}

/// The digest of `args[0]`; SHAKE objects take the output `length`.
fn digest_of(args: &[Value], kwnames: &[Value], fname: &str) -> PyResult<Vec<u8>> {
    let h = this(&args[0])?;
    if !h.is_shake() {
        if !kwnames.is_empty() {
            return Err(exc::type_error(format!("{}.{fname}() takes no keyword arguments", h.alg.name)));
        }
        if args.len() > 1 {
            return Err(exc::type_error(format!(
                "{}.{fname}() takes no arguments ({} given)",
                h.alg.name,
                args.len() - 1
            )));
        }
        return Ok(h.hasher.borrow().digest(0));
    }
    if !kwnames.is_empty() {
        return Err(exc::type_error(format!("{}.{fname}() takes no keyword arguments", h.alg.name)));
    }
    let [_, length] = args else {
        return Err(exc::type_error(format!(
            "{}.{fname}() takes exactly one argument ({} given)",
            h.alg.name,
            args.len() - 1
        )));
    };
    let Some(len) = int::to_bigint(length) else {
        return Err(exc::type_error("an integer is required"));
    };
    let len = match len.to_u64() {
        Some(l) => l,
        None if len.sign() == num_bigint::Sign::Minus => {
            return Err(exc::value_error("value must be positive"))
        }
        None => return Err(exc::overflow_error("Python int too large to convert to C unsigned long")),
    };
    if len >= 1 << 29 {
        return Err(exc::value_error("length is too large"));
    }
    Ok(h.hasher.borrow().digest(len as usize))
}

fn hash_copy(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let h = this(&args[0])?;
    if args.len() > 1 {
        return Err(exc::type_error(if h.alg.module == "_sha3" {
            format!("{}.copy() takes no arguments ({} given)", h.alg.name, args.len() - 1)
        } else {
            "copy() takes no arguments".to_string()
        }));
    }
    let index = ALGORITHMS.iter().position(|a| std::ptr::eq(a, h.alg)).unwrap_or(0);
    let copy = HashData { alg: h.alg, hasher: RefCell::new(h.hasher.borrow().clone()) };
    Ok(taipan_vm::heap::alloc(&type_of(index), copy))
}

/// Lowercase hex.
pub fn hex(data: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(data.len() * 2);
    for &b in data {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}
