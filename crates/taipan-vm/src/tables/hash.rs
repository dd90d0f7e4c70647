//! Python's `hash()` exactly as CPython 3.11 computes it on 64-bit machines:
//! SipHash-1-3 over the bytes of `str`/`bytes` keyed by `PYTHONHASHSEED`
//! (`Python/pyhash.c`, `Python/bootstrap_hash.c`), numeric hashing modulo
//! 2**61 − 1 so that `hash(1) == hash(1.0) == hash(1+0j)`, the xxHash-based
//! tuple hash, the order-independent frozenset hash and identity hashing.
//!
//! Everything here is value-independent: callers hash the parts of their own
//! values (e.g. the items of a tuple) and feed the results in. A hash is an
//! `i64` (`Py_hash_t`); -1 is reserved for errors and never returned.

use num_bigint::{BigInt, Sign};
use std::sync::OnceLock;

/// `sys.hash_info.modulus`: numeric hashes are reduced modulo this prime.
pub const MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.hash_bits` of the numeric hash (the exponent of `MODULUS`).
const MODULUS_BITS: u32 = 61;
/// `sys.hash_info.inf`: the hash of `float('inf')` (negated for `-inf`).
pub const HASH_INF: i64 = 314_159;
/// `sys.hash_info.imag`: the multiplier of the imaginary part of a complex.
pub const HASH_IMAG: u64 = 1_000_003;

/// Replaces the error value -1 by -2, as every CPython hash function does.
#[inline]
pub fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

// ---------------------------------------------------------------------------
// The key: PYTHONHASHSEED
// ---------------------------------------------------------------------------

/// What `PYTHONHASHSEED` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashSeed {
    /// Unset, empty or "random": a key from the OS.
    Random,
    /// An integer in [0; 4294967295]; 0 disables randomisation (zero key).
    Fixed(u32),
}

/// The message CPython gives (as a fatal start-up error) for a bad seed.
pub const BAD_SEED_MESSAGE: &str = "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";

/// Parses a `PYTHONHASHSEED` value as CPython's `config_init_hash_seed` does
/// (`strtoul` base 10: leading white space and a sign are accepted, nothing
/// may follow the digits). `None` or "" means unset.
pub fn parse_hash_seed(text: Option<&str>) -> Result<HashSeed, &'static str> {
    let text = match text {
        None | Some("") | Some("random") => return Ok(HashSeed::Random),
        Some(t) => t,
    };
    let rest = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match rest.as_bytes().first() {
        Some(b'-') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BAD_SEED_MESSAGE);
    }
    let value: u64 = digits.parse().map_err(|_| BAD_SEED_MESSAGE)?;
    // strtoul negates in unsigned arithmetic: only "-0" stays in range.
    match (negative, u32::try_from(value)) {
        (false, Ok(v)) => Ok(HashSeed::Fixed(v)),
        (true, Ok(0)) => Ok(HashSeed::Fixed(0)),
        _ => Err(BAD_SEED_MESSAGE),
    }
}

/// The 24-byte `_Py_HashSecret`; SipHash uses its first 16 bytes as two
/// native-endian words k0, k1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashSecret {
    bytes: [u8; 24],
}

impl HashSecret {
    /// The secret for a seed, as `_Py_HashRandomization_Init` makes it.
    pub fn new(seed: HashSeed) -> HashSecret {
        match seed {
            HashSeed::Fixed(0) => HashSecret { bytes: [0; 24] },
            HashSeed::Fixed(n) => HashSecret { bytes: lcg_bytes(n) },
            HashSeed::Random => HashSecret { bytes: os_random_bytes() },
        }
    }

    /// SipHash key words (k0, k1).
    #[inline]
    fn keys(&self) -> (u64, u64) {
        let word = |i: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&self.bytes[i..i + 8]);
            u64::from_ne_bytes(w)
        };
        (word(0), word(8))
    }

    /// `_Py_HashBytes`: the hash of `bytes` (and of a str's storage).
    pub fn hash_bytes(&self, data: &[u8]) -> i64 {
        if data.is_empty() {
            return 0;
        }
        let (k0, k1) = self.keys();
        let mut words = data.chunks_exact(8);
        let full = words.by_ref().map(|c| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            u64::from_le_bytes(w)
        });
        let mut sip = SipState::new(k0, k1);
        full.for_each(|w| sip.compress(w));
        fix_minus_one(sip.finish(tail_word(words.remainder()), data.len()) as i64)
    }

    /// Hash of a str stored one byte per code point (PEP 393 1-byte kind:
    /// ASCII and Latin-1 text).
    pub fn hash_str_ucs1(&self, units: &[u8]) -> i64 {
        self.hash_bytes(units)
    }

    /// Hash of a str stored as 2-byte units (PEP 393 2-byte kind: the
    /// largest code point is in the BMP and above U+00FF).
    pub fn hash_str_ucs2(&self, units: &[u16]) -> i64 {
        self.hash_units(units, |u, out| out.extend_from_slice(&u.to_ne_bytes()))
    }

    /// Hash of a str stored as 4-byte units (PEP 393 4-byte kind: some code
    /// point is above U+FFFF).
    pub fn hash_str_ucs4(&self, units: &[u32]) -> i64 {
        self.hash_units(units, |u, out| out.extend_from_slice(&u.to_ne_bytes()))
    }

    /// Hash of a str given as code points, stored with the PEP 393 kind
    /// CPython would choose (convenience for callers without that storage).
    pub fn hash_str_code_points(&self, cps: &[u32]) -> i64 {
        match cps.iter().copied().max().unwrap_or(0) {
            0..=0xff => self.hash_units(cps, |u, out| out.push(u as u8)),
            0x100..=0xffff => self.hash_units(cps, |u, out| out.extend_from_slice(&(u as u16).to_ne_bytes())),
            _ => self.hash_str_ucs4(cps),
        }
    }

    /// SipHash over the native bytes of `units`, 8 bytes at a time, without
    /// allocating: `put` appends a unit's bytes to a small buffer.
    fn hash_units<T: Copy>(&self, units: &[T], put: impl Fn(T, &mut SmallBuf)) -> i64 {
        let mut buf = SmallBuf::default();
        let (k0, k1) = self.keys();
        let mut sip = SipState::new(k0, k1);
        let mut total = 0usize;
        for &u in units {
            put(u, &mut buf);
            if buf.len >= 8 {
                sip.compress(buf.take_word());
                total += 8;
            }
        }
        total += buf.len;
        if total == 0 {
            return 0;
        }
        fix_minus_one(sip.finish(tail_word(&buf.bytes[..buf.len]), total) as i64)
    }
}

/// `lcg_urandom`: the secret bytes derived from a nonzero seed.
fn lcg_bytes(seed: u32) -> [u8; 24] {
    let mut x = seed;
    let mut out = [0u8; 24];
    for b in out.iter_mut() {
        x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
        *b = ((x >> 16) & 0xff) as u8;
    }
    out
}

/// 24 random bytes from the OS (`/dev/urandom`), or from std's randomly
/// keyed hasher where that device is unavailable.
fn os_random_bytes() -> [u8; 24] {
    use std::io::Read;
    let mut out = [0u8; 24];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut out));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in out.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            chunk.copy_from_slice(&h.finish().to_ne_bytes());
        }
    }
    out
}

static GLOBAL_SECRET: OnceLock<HashSecret> = OnceLock::new();

/// Sets the process-wide secret once, at start-up (the VM calls this with
/// the seed from its configuration, honouring `-E`). Returns false if a
/// secret was already in use.
pub fn init_global_secret(seed: HashSeed) -> bool {
    GLOBAL_SECRET.set(HashSecret::new(seed)).is_ok()
}

/// The process-wide secret; if nobody initialised it, it comes from
/// `PYTHONHASHSEED` (a bad value counts as "random" here: reporting the
/// error is start-up's job, see [`parse_hash_seed`]).
pub fn global_secret() -> &'static HashSecret {
    GLOBAL_SECRET.get_or_init(|| {
        let env = std::env::var("PYTHONHASHSEED").ok();
        HashSecret::new(parse_hash_seed(env.as_deref()).unwrap_or(HashSeed::Random))
    })
}

/// `hash(b)` for `bytes` with the process-wide secret.
pub fn hash_bytes(data: &[u8]) -> i64 {
    global_secret().hash_bytes(data)
}

/// `_Py_KeyedHash` (`_imp.source_hash`): SipHash-1-3 keyed by (`key`, 0),
/// without the -1 fix-up of object hashes.
pub fn keyed_hash(key: u64, data: &[u8]) -> u64 {
    let mut words = data.chunks_exact(8);
    let mut sip = SipState::new(key, 0);
    for c in words.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        sip.compress(u64::from_le_bytes(w));
    }
    sip.finish(tail_word(words.remainder()), data.len())
}

/// `hash(s)` for a str of 1-byte units, with the process-wide secret.
pub fn hash_str_ucs1(units: &[u8]) -> i64 {
    global_secret().hash_str_ucs1(units)
}

/// `hash(s)` for a str of 2-byte units, with the process-wide secret.
pub fn hash_str_ucs2(units: &[u16]) -> i64 {
    global_secret().hash_str_ucs2(units)
}

/// `hash(s)` for a str of 4-byte units, with the process-wide secret.
pub fn hash_str_ucs4(units: &[u32]) -> i64 {
    global_secret().hash_str_ucs4(units)
}

// ---------------------------------------------------------------------------
// SipHash-1-3 (CPython's `siphash13`)
// ---------------------------------------------------------------------------

/// Up to 15 bytes waiting to form a 64-bit word.
#[derive(Default)]
struct SmallBuf {
    bytes: [u8; 16],
    len: usize,
}

impl SmallBuf {
    #[inline]
    fn push(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    #[inline]
    fn extend_from_slice(&mut self, s: &[u8]) {
        self.bytes[self.len..self.len + s.len()].copy_from_slice(s);
        self.len += s.len();
    }

    /// Removes the first 8 bytes as a little-endian word.
    #[inline]
    fn take_word(&mut self) -> u64 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&self.bytes[..8]);
        self.bytes.copy_within(8..16, 0);
        self.len -= 8;
        u64::from_le_bytes(w)
    }
}

/// The last 0..=7 bytes as a little-endian word.
#[inline]
fn tail_word(tail: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w[..tail.len()].copy_from_slice(tail);
    u64::from_le_bytes(w)
}

struct SipState {
    v: [u64; 4],
}

impl SipState {
    #[inline]
    fn new(k0: u64, k1: u64) -> SipState {
        SipState {
            v: [
                k0 ^ 0x736f_6d65_7073_6575,
                k1 ^ 0x646f_7261_6e64_6f6d,
                k0 ^ 0x6c79_6765_6e65_7261,
                k1 ^ 0x7465_6462_7974_6573,
            ],
        }
    }

    #[inline]
    fn round(&mut self) {
        let [mut v0, mut v1, mut v2, mut v3] = self.v;
        v0 = v0.wrapping_add(v1);
        v2 = v2.wrapping_add(v3);
        v1 = v1.rotate_left(13) ^ v0;
        v3 = v3.rotate_left(16) ^ v2;
        v0 = v0.rotate_left(32);
        v2 = v2.wrapping_add(v1);
        v0 = v0.wrapping_add(v3);
        v1 = v1.rotate_left(17) ^ v2;
        v3 = v3.rotate_left(21) ^ v0;
        v2 = v2.rotate_left(32);
        self.v = [v0, v1, v2, v3];
    }

    #[inline]
    fn compress(&mut self, m: u64) {
        self.v[3] ^= m;
        self.round();
        self.v[0] ^= m;
    }

    #[inline]
    fn finish(mut self, tail: u64, len: usize) -> u64 {
        self.compress(((len as u64) << 56) | tail);
        self.v[2] ^= 0xff;
        self.round();
        self.round();
        self.round();
        (self.v[0] ^ self.v[1]) ^ (self.v[2] ^ self.v[3])
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// `hash(n)` for an int that fits in an i64 (`bool` too: 0 and 1).
#[inline]
pub fn hash_i64(n: i64) -> i64 {
    let magnitude = n.unsigned_abs();
    let reduced = if magnitude < MODULUS { magnitude } else { magnitude % MODULUS } as i64;
    fix_minus_one(if n < 0 { -reduced } else { reduced })
}

/// `hash(n)` for an arbitrary-precision int.
pub fn hash_bigint(n: &BigInt) -> i64 {
    let mut acc: u64 = 0;
    for digit in n.magnitude().iter_u64_digits().rev() {
        acc = ((((acc as u128) << 64) | digit as u128) % MODULUS as u128) as u64;
    }
    let reduced = acc as i64;
    fix_minus_one(if n.sign() == Sign::Minus { -reduced } else { reduced })
}

/// `frexp`: `v == m * 2**e` with 0.5 <= |m| < 1 (for finite nonzero `v`;
/// zero gives (v, 0)).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let (v, bias) = if v.abs() < f64::MIN_POSITIVE {
        (v * f64::from_bits(0x4350_0000_0000_0000), -54) // 2**54
    } else {
        (v, 0)
    };
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + bias)
}

/// `hash(x)` for a float (`_Py_HashDouble`); a NaN hashes by the identity
/// of the float object holding it (`identity`, e.g. its address).
pub fn hash_f64(v: f64, identity: usize) -> i64 {
    if v.is_nan() {
        return hash_pointer(identity);
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let negative = m < 0.0;
    if negative {
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (MODULUS_BITS - 28);
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let bits = MODULUS_BITS as i32;
    let e = if e >= 0 { e % bits } else { bits - 1 - ((-1 - e) % bits) } as u32;
    x = ((x << e) & MODULUS) | x >> (MODULUS_BITS - e);
    let x = if negative { x.wrapping_neg() } else { x };
    fix_minus_one(x as i64)
}

/// `hash(z)` for a complex (`complex_hash`); `identity` is the complex
/// object's, used for NaN parts.
pub fn hash_complex(re: f64, im: f64, identity: usize) -> i64 {
    let real = hash_f64(re, identity) as u64;
    let imag = hash_f64(im, identity) as u64;
    fix_minus_one(real.wrapping_add(HASH_IMAG.wrapping_mul(imag)) as i64)
}

/// `_Py_HashPointer`: the identity hash of `object()`, `None` (in 3.11),
/// functions, …: the address rotated right by 4 bits.
#[inline]
pub fn hash_pointer(address: usize) -> i64 {
    fix_minus_one(address.rotate_right(4) as u64 as i64)
}

// ---------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `tuplehash` fed one item hash at a time, so that the caller can stop at
/// the first item whose hash raises.
#[derive(Clone, Copy, Debug)]
pub struct TupleHasher {
    acc: u64,
    len: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        TupleHasher::new()
    }
}

impl TupleHasher {
    pub fn new() -> TupleHasher {
        TupleHasher { acc: XXPRIME_5, len: 0 }
    }

    /// Mixes in the hash of the next item.
    #[inline]
    pub fn add(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
        self.len += 1;
    }

    /// The tuple's hash.
    pub fn finish(&self) -> i64 {
        let acc = self.acc.wrapping_add(self.len ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            1_546_275_796
        } else {
            acc as i64
        }
    }
}

/// `hash(t)` of a tuple whose items hash to `item_hashes`.
pub fn hash_tuple(item_hashes: &[i64]) -> i64 {
    let mut h = TupleHasher::new();
    item_hashes.iter().for_each(|&x| h.add(x));
    h.finish()
}

/// `_shuffle_bits` of `frozenset_hash`.
#[inline]
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(fs)` of a frozenset whose (distinct) items hash to `item_hashes`,
/// in any order (`frozenset_hash`).
pub fn hash_frozenset(item_hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    let mut len: u64 = 0;
    for h in item_hashes {
        hash ^= shuffle_bits(h as u64);
        len += 1;
    }
    hash ^= (len + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        590_923_713
    } else {
        hash as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_parsing_follows_strtoul() {
        assert_eq!(parse_hash_seed(None), Ok(HashSeed::Random));
        assert_eq!(parse_hash_seed(Some("")), Ok(HashSeed::Random));
        assert_eq!(parse_hash_seed(Some(" +7")), Ok(HashSeed::Fixed(7)));
        assert_eq!(parse_hash_seed(Some("-0")), Ok(HashSeed::Fixed(0)));
        assert_eq!(parse_hash_seed(Some("4294967295")), Ok(HashSeed::Fixed(u32::MAX)));
        for bad in ["4294967296", "-1", "7 ", "0x1", "+", " ", "abc", "99999999999999999999999"] {
            assert_eq!(parse_hash_seed(Some(bad)), Err(BAD_SEED_MESSAGE), "{bad:?}");
        }
    }

    #[test]
    fn frexp_matches_libm_on_samples() {
        assert_eq!(frexp(1.0), (0.5, 1));
        assert_eq!(frexp(-3.0), (-0.75, 2));
        assert_eq!(frexp(f64::from_bits(1)), (0.5, -1073));
    }

    #[test]
    fn unit_kinds_agree_with_their_bytes() {
        let s = HashSecret::new(HashSeed::Fixed(42));
        let units: Vec<u16> = (0x100..0x119).collect();
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_ne_bytes()).collect();
        assert_eq!(s.hash_str_ucs2(&units), s.hash_bytes(&bytes));
        let cps: Vec<u32> = units.iter().map(|&u| u as u32).collect();
        assert_eq!(s.hash_str_code_points(&cps), s.hash_bytes(&bytes));
    }
}
