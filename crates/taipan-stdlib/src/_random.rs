//! `_random` (CPython's `_randommodule.c`): the Mersenne Twister MT19937
//! behind `random.Random`, seeded exactly as CPython seeds it (an int's
//! absolute value as 32-bit words through `init_by_array`; None from the
//! OS's randomness; anything else through its hash), so that seeded
//! sequences match CPython's. `random()`, `getrandbits()`, `seed()`,
//! `getstate()`/`setstate()`. `random.py` builds everything else on this.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::{OnceCell, RefCell};
use taipan_vm::exceptions::{self as exc, PyResult};
use taipan_vm::modules::native::{self, BASETYPE};
use taipan_vm::objects::{dict, int, m, mk, new_method, tuple, Method};
use taipan_vm::runtime::rt;
use taipan_vm::types::type_name;
use taipan_vm::Value;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and the index of the next one.
#[derive(Clone)]
struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    /// `init_genrand`: the state from one 32-bit seed.
    fn from_u32(seed: u32) -> Mt {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            state[i] =
                1_812_433_253u32.wrapping_mul(state[i - 1] ^ (state[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt { state, index: N }
    }

    /// `init_by_array`: the state from a key of 32-bit words.
    fn from_key(key: &[u32]) -> Mt {
        let mut mt = Mt::from_u32(19_650_218);
        let s = &mut mt.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        mt
    }

    /// Regenerates the 624 words.
    fn twist(&mut self) {
        let s = &mut self.state;
        for k in 0..N {
            let y = (s[k] & UPPER_MASK) | (s[(k + 1) % N] & LOWER_MASK);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            s[k] = s[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// `genrand_uint32`: the next tempered 32-bit output.
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits (`genrand_res53`).
    fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// An int of `k` random bits, built from 32-bit words, least
    /// significant first (the last word keeps its top bits).
    fn bits(&mut self, k: u64) -> BigInt {
        if k <= 32 {
            return BigInt::from(self.next_u32() >> (32 - k));
        }
        let words = (k - 1) / 32 + 1;
        let mut digits = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(num_bigint::Sign::Plus, &digits)
    }
}

/// The payload of a `Random`.
pub struct RandomData {
    mt: RefCell<Mt>,
}

taipan_vm::interp_static! {
    static TYPE: OnceCell<Value> = const { OnceCell::new() };
}

fn random_type() -> Value {
    TYPE.with(|t| {
        t.get_or_init(|| {
            native::new_type::<RandomData>("Random", "_random", &rt().types.object, BASETYPE, METHODS, &[])
        })
        .clone()
    })
}

const METHODS: &[Method] = &[
    new_method(random_new),
    mk("__init__", random_init),
    m("random", |a, _| {
        no_args(a, "random")?;
        Ok(Value::float(this(&a[0])?.mt.borrow_mut().next_f64()))
    }),
    m("seed", random_seed),
    m("getstate", random_getstate),
    m("setstate", random_setstate),
    m("getrandbits", random_getrandbits),
];

/// "Random.name() takes no arguments (N given)" unless `args` is just self.
fn no_args(args: &[Value], name: &str) -> PyResult<()> {
    if args.len() == 1 {
        return Ok(());
    }
    Err(exc::type_error(format!("Random.{name}() takes no arguments ({} given)", args.len() - 1)))
}

/// The one argument of a method, or "Random.name() takes exactly one
/// argument (N given)".
fn one_arg<'a>(args: &'a [Value], name: &str) -> PyResult<(&'a Value, &'a Value)> {
    match args {
        [me, x] => Ok((me, x)),
        _ => Err(exc::type_error(format!(
            "Random.{name}() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        ))),
    }
}

/// Builds the `_random` module.
pub fn module() -> PyResult<Value> {
    let (md, d) = native::new_module("_random", &[]);
    dict::set_str(&d, "Random", random_type());
    dict::set_str(
        &d,
        "__doc__",
        taipan_vm::objects::str::new("Module implements the Mersenne Twister random number generator."),
    );
    Ok(md)
}

fn this(v: &Value) -> PyResult<&RandomData> {
    v.downcast::<RandomData>().ok_or_else(|| {
        exc::type_error(format!(
            "descriptor requires a '_random.Random' object but received '{}'",
            type_name(v)
        ))
    })
}

/// `Random.__new__`: an unseeded (all-zero) generator, whatever the
/// arguments; `__init__` seeds it.
fn random_new(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let mt = Mt { state: [0; N], index: 0 };
    taipan_vm::objects::object::alloc_maybe_subclass(
        &args[0],
        &random_type(),
        RandomData { mt: RefCell::new(mt) },
    )
}

/// `Random.__init__(seed=None)`: seeds the generator (`random.Random`
/// overrides it and seeds through `seed()`).
fn random_init(args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    if !kwnames.is_empty() {
        return Err(exc::type_error("Random() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(exc::type_error("Random() requires 0 or 1 argument"));
    }
    let mt = seeded(args.get(1))?;
    *this(&args[0])?.mt.borrow_mut() = mt;
    Ok(native::none())
}

fn random_seed(args: &[Value], _: &[Value]) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(exc::type_error(format!("seed expected at most 1 argument, got {}", args.len() - 1)));
    }
    let mt = seeded(args.get(1))?;
    *this(&args[0])?.mt.borrow_mut() = mt;
    Ok(native::none())
}

/// The state for a seed: None (or nothing) from the OS, an int from its
/// absolute value, anything else from its hash.
fn seeded(arg: Option<&Value>) -> PyResult<Mt> {
    let arg = arg.filter(|a| !a.is(&rt().none));
    let Some(arg) = arg else { return Ok(Mt::from_key(&os_key())) };
    let n = match int::to_bigint(arg) {
        Some(n) => n.abs(),
        None => BigInt::from(taipan_vm::ops::hash(arg)?).abs(),
    };
    Ok(Mt::from_key(&key_of(&n)))
}

/// An int's 32-bit words, least significant first (`[0]` for zero).
fn key_of(n: &BigInt) -> Vec<u32> {
    if n.is_zero() {
        return vec![0];
    }
    n.to_u32_digits().1
}

/// 624 words from the OS's randomness (the time as a last resort).
fn os_key() -> Vec<u32> {
    let mut buf = [0u8; N * 4];
    let filled =
        std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf));
    if filled.is_err() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        return vec![now.as_secs() as u32, now.subsec_nanos(), std::process::id()];
    }
    buf.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

fn random_getstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    no_args(args, "getstate")?;
    let mt = this(&args[0])?.mt.borrow().clone();
    let mut items: Vec<Value> = mt.state.iter().map(|&w| int::from_i64(w as i64)).collect();
    items.push(int::from_usize(mt.index));
    Ok(tuple::new(items))
}

fn random_setstate(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (me, state) = one_arg(args, "setstate")?;
    let Some(items) = tuple::items(state) else {
        return Err(exc::type_error("state vector must be a tuple"));
    };
    if items.len() != N + 1 {
        return Err(exc::value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, v) in words.iter_mut().zip(items) {
        *w = state_word(v)?;
    }
    let index = state_index(&items[N])?;
    let data = this(me)?;
    *data.mt.borrow_mut() = Mt { state: words, index };
    Ok(native::none())
}

/// One word of a state vector: a non-negative int below 2**64 (C's
/// `unsigned long`), of which the low 32 bits are kept.
fn state_word(v: &Value) -> PyResult<u32> {
    let Some(n) = int::to_bigint(v) else {
        return Err(exc::type_error("an integer is required"));
    };
    if n.is_negative() {
        return Err(exc::overflow_error("can't convert negative value to unsigned int"));
    }
    n.to_u64()
        .map(|w| w as u32)
        .ok_or_else(|| exc::overflow_error("Python int too large to convert to C unsigned long"))
}

fn state_index(v: &Value) -> PyResult<usize> {
    let Some(n) = int::to_bigint(v) else {
        return Err(exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        )));
    };
    match n.to_i64() {
        Some(i) if (0..=N as i64).contains(&i) => Ok(i as usize),
        Some(_) => Err(exc::value_error("invalid state")),
        None => Err(exc::overflow_error("Python int too large to convert to C long")),
    }
}

fn random_getrandbits(args: &[Value], _: &[Value]) -> PyResult<Value> {
    let (me, k) = one_arg(args, "getrandbits")?;
    let k = native::int_arg(k, "")?;
    if k < 0 {
        return Err(exc::value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(int::from_i64(0));
    }
    if k as u64 > taipan_vm::numbers::arith::MAX_RESULT_BITS {
        return Err(exc::memory_error(""));
    }
    let mut mt = this(me)?.mt.borrow_mut();
    if k <= 32 {
        return Ok(int::from_i64((mt.next_u32() >> (32 - k)) as i64));
    }
    Ok(int::from_bigint(mt.bits(k as u64)))
}

#[cfg(test)]
mod tests {
    use super::Mt;

    #[test]
    fn reference_outputs_of_init_by_array() {
        // The first outputs of mt19937ar.c's test driver (key 0x123, 0x234,
        // 0x345, 0x456).
        let mut mt = Mt::from_key(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, [1067595299, 955945823, 477289528, 4107218783, 4228976476]);
    }
}
