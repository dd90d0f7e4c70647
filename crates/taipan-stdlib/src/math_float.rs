//! The numeric algorithms behind `math` (math.rs holds the Python-facing
//! wrappers): the functions CPython 3.11 computes itself rather than
//! asking the C library (`gamma`/`lgamma` by Lanczos' formula, `fsum`'s
//! exact partials, `hypot`'s compensated norm, `atan2`/`pow`/`remainder`'s
//! special values, `frexp`/`ldexp`, `nextafter`, `ulp`), the C library
//! functions Rust's `f64` does not route to glibc (`erf`, `erfc`, `asinh`,
//! `acosh`, `atanh`, `cbrt`), and the exact integer products of `factorial`,
//! `perm` and `comb`.

use crate::math::Errno;
use num_bigint::BigInt;
use num_traits::{One, ToPrimitive, Zero};
use std::f64::consts::PI;

/// The C library's functions that CPython calls and that Rust's `f64`
/// methods compute differently.
mod libm {
    extern "C" {
        #[link_name = "erf"]
        fn c_erf(x: f64) -> f64;
        #[link_name = "erfc"]
        fn c_erfc(x: f64) -> f64;
        #[link_name = "asinh"]
        fn c_asinh(x: f64) -> f64;
        #[link_name = "acosh"]
        fn c_acosh(x: f64) -> f64;
        #[link_name = "atanh"]
        fn c_atanh(x: f64) -> f64;
        // Rust's compiler-builtins defines its own `cbrt`, which the linker
        // prefers to glibc's; glibc's alias `cbrtf64` (glibc >= 2.27) is the
        // same function under a name nothing else defines.
        #[link_name = "cbrtf64"]
        fn c_cbrt(x: f64) -> f64;
    }

    macro_rules! pure_libm {
        ($($name:ident => $c:ident;)*) => {$(
            pub fn $name(x: f64) -> f64 {
                // SAFETY: a C99 <math.h> function of one double, defined
                // for every input (NaN or ±inf for those out of its
                // domain), with no pointer arguments and no state other
                // than errno, which nothing here reads.
                unsafe { $c(x) }
            }
        )*};
    }

    pure_libm! {
        erf => c_erf;
        erfc => c_erfc;
        asinh => c_asinh;
        acosh => c_acosh;
        atanh => c_atanh;
        cbrt => c_cbrt;
    }
}

pub use libm::{acosh, asinh, atanh, cbrt, erf, erfc};

// ---- two-argument functions ----

/// CPython's `m_atan2`: the special values first, then the C library.
pub fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let quarter = if x.is_sign_positive() { 0.25 } else { 0.75 };
            return (quarter * PI).copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() { 0.0f64.copysign(y) } else { PI.copysign(y) };
    }
    y.atan2(x)
}

/// IEEE 754 remainder, as CPython's `m_remainder` computes it (exact).
pub fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// `math.pow`: CPython's handling of infinities and NaNs, then the C
/// library's `pow` with its errors.
pub fn pow(x: f64, y: f64) -> (f64, Option<Errno>) {
    if x.is_finite() && y.is_finite() {
        let r = x.powf(y);
        let errno = if r.is_nan() {
            Some(Errno::Domain)
        } else if r.is_infinite() {
            Some(if x == 0.0 { Errno::Domain } else { Errno::Range })
        } else {
            None
        };
        return (r, errno);
    }
    let r = if x.is_nan() {
        if y == 0.0 {
            1.0
        } else {
            x
        }
    } else if y.is_nan() {
        if x == 1.0 {
            1.0
        } else {
            y
        }
    } else if x.is_infinite() {
        let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
        if y > 0.0 {
            if odd_y {
                x
            } else {
                x.abs()
            }
        } else if y == 0.0 {
            1.0
        } else if odd_y {
            0.0f64.copysign(x)
        } else {
            0.0
        }
    } else if x.abs() == 1.0 {
        1.0
    } else if y > 0.0 && x.abs() > 1.0 {
        y
    } else if y < 0.0 && x.abs() < 1.0 {
        -y
    } else {
        0.0
    };
    (r, None)
}

// ---- float representation ----

/// `frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= |m| < 1`
/// (`(x, 0)` for zeros, infinities and NaNs).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE { (x * 2f64.powi(64), -64) } else { (x, 0) };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (0x3fe << 52));
    (mantissa, exp - 1022 + bias)
}

/// `x * 2**n`, correctly rounded (also when the result is subnormal).
pub fn ldexp(x: f64, n: i32) -> f64 {
    let pow2 = |e: i32| f64::from_bits(((e + 1023) as u64) << 52);
    let (mut y, mut n) = (x, n);
    if n > 1023 {
        for _ in 0..2 {
            if n > 1023 {
                y *= pow2(1023);
                n -= 1023;
            }
        }
        n = n.min(1023);
    } else if n < -1022 {
        // Scale by 2**-969 at a time so that only the last step rounds.
        for _ in 0..2 {
            if n < -1022 {
                y *= pow2(-1022) * pow2(53);
                n += 1022 - 53;
            }
        }
        n = n.max(-1022);
    }
    y * pow2(n)
}

/// The float after `x` towards `y` (C's `nextafter`).
pub fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return x + y;
    }
    if x == y {
        return y;
    }
    if y > x {
        next_up(x)
    } else {
        -next_up(-x)
    }
}

/// The least float above `x` (finite or -inf `x`).
fn next_up(x: f64) -> f64 {
    if x == 0.0 {
        return f64::from_bits(1);
    }
    let bits = x.to_bits();
    f64::from_bits(if x > 0.0 { bits + 1 } else { bits - 1 })
}

/// The value of the least significant bit of `x`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let up = next_up(x);
    if up.is_infinite() {
        return x + next_up(-x);
    }
    up - x
}

/// `isclose` once the tolerances are known to be non-negative.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}

/// A positive int too large for a float as `(m, e)`, `n ≈ m * 2**e` with
/// `m` correctly rounded and `0.5 <= m < 1`.
pub fn big_frexp(n: &BigInt) -> (f64, i64) {
    let bits = n.bits();
    let shift = bits.saturating_sub(64);
    let top = (n >> shift).to_u64().unwrap_or(u64::MAX);
    let sticky = shift > 0 && n.trailing_zeros().is_some_and(|z| z < shift);
    let m = ((top | sticky as u64) as f64) * 2f64.powi(-64);
    let e = (shift + 64) as i64;
    if m >= 1.0 {
        (0.5, e + 1)
    } else {
        (m, e)
    }
}

// ---- gamma ----

const LANCZOS_G: f64 = 6.02468004077673;
const LANCZOS_G_MINUS_HALF: f64 = 5.52468004077673;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.41076,
    42919803642.6491,
    35711959237.35567,
    17921034426.03721,
    6039542586.352028,
    1439720407.3117216,
    248874557.86205417,
    31426415.585400194,
    2876370.6289353725,
    186056.26539522348,
    8071.672002365816,
    210.82427775157936,
    2.5066282746310002,
];
/// The denominator `x*(x+1)*...*(x+11)` as coefficients.
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
const LOG_PI: f64 = 1.1447298858494002;

/// Lanczos' sum for positive `x`, as a rational function (in `1/x` for
/// large `x`, to avoid overflow).
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `sin(pi * x)` for finite `x`, exact at integers and half-integers.
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// The gamma function (CPython's `m_tgamma`), with its errno.
pub fn tgamma(x: f64) -> (f64, Option<Errno>) {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { (x, None) } else { (f64::NAN, Some(Errno::Domain)) };
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Some(Errno::Domain));
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Some(Errno::Domain));
        }
        if x <= 23.0 {
            return (small_factorial(x as u64 - 1), None);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, r.is_infinite().then_some(Errno::Range));
    }
    if absx > 200.0 {
        return if x < 0.0 { (0.0 / sinpi(x), None) } else { (f64::INFINITY, Some(Errno::Range)) };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error in y, scaled for the correction below.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (r, r.is_infinite().then_some(Errno::Range))
}

/// `(n)!` as a float for `n <= 22` (exact).
fn small_factorial(n: u64) -> f64 {
    (1..=n).fold(1.0, |acc, i| acc * i as f64)
}

/// log|gamma(x)| (CPython's `m_lgamma`), with its errno.
pub fn lgamma(x: f64) -> (f64, Option<Errno>) {
    if !x.is_finite() {
        return (if x.is_nan() { x } else { f64::INFINITY }, None);
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { (f64::INFINITY, Some(Errno::Domain)) } else { (0.0, None) };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), None);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    (r, r.is_infinite().then_some(Errno::Range))
}

// ---- fsum ----

/// The state of `fsum`: exact non-overlapping partial sums plus the sums
/// of the infinities and NaNs seen.
#[derive(Default)]
pub struct Fsum {
    partials: Vec<f64>,
    special_sum: f64,
    inf_sum: f64,
}

impl Fsum {
    /// Adds `x`; false on an overflow of the finite partial sums.
    pub fn add(&mut self, x: f64) -> bool {
        let xsave = x;
        let mut x = x;
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return false;
                }
                if xsave.is_infinite() {
                    self.inf_sum += xsave;
                }
                self.special_sum += xsave;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        true
    }

    /// The correctly rounded sum; None for `-inf + inf`.
    pub fn result(&self) -> Option<f64> {
        if self.special_sum != 0.0 {
            return if self.inf_sum.is_nan() { None } else { Some(self.special_sum) };
        }
        let p = &self.partials;
        let mut n = p.len();
        if n == 0 {
            return Some(0.0);
        }
        n -= 1;
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across partials: the next partial may push
        // a tie over.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        Some(hi)
    }
}

// ---- hypot / dist ----

/// The Euclidean norm of non-negative values (CPython 3.11's
/// `vector_norm`: power-of-two scaling, Veltkamp-Dekker squaring,
/// compensated sums and one correction step of the square root).
pub fn norm(v: &[f64]) -> f64 {
    let found_nan = v.iter().any(|x| x.is_nan());
    let max = v.iter().fold(0.0f64, |m, &x| if x > m { x } else { m });
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        return norm_tiny(v, max);
    }
    let scale = ldexp(1.0, -max_e);
    let mut acc = Compensated::new();
    for &x in v {
        let (hi, lo) = split(x * scale);
        acc.add1(hi * hi);
        acc.add2(2.0 * hi * lo);
        acc.frac3 += lo * lo;
    }
    let h = acc.value().sqrt();
    let (hi, lo) = split(h);
    acc.add1(-hi * hi);
    acc.add2(-2.0 * hi * lo);
    acc.add3(-lo * lo);
    let x = acc.value();
    (h + x / (2.0 * h)) / scale
}

/// `norm` when the largest value is so small that `2**-max_e` overflows.
fn norm_tiny(v: &[f64], max: f64) -> f64 {
    let mut acc = Compensated::new();
    for &x in v {
        let x = x / max;
        acc.add1(x * x);
    }
    max * (acc.csum - 1.0 + acc.frac1).sqrt()
}

/// Veltkamp-Dekker splitting: `hi + lo == x` with `hi` on 26 bits.
fn split(x: f64) -> (f64, f64) {
    let t = x * 134217729.0;
    let hi = t - (t - x);
    (hi, x - hi)
}

/// A sum kept as `csum` (started at 1.0 so that it always dominates) plus
/// three separately accumulated rounding errors.
struct Compensated {
    csum: f64,
    frac1: f64,
    frac2: f64,
    frac3: f64,
}

impl Compensated {
    fn new() -> Self {
        Compensated { csum: 1.0, frac1: 0.0, frac2: 0.0, frac3: 0.0 }
    }

    /// Adds `x` to `csum`, returning the rounding error.
    fn add(&mut self, x: f64) -> f64 {
        let old = self.csum;
        self.csum += x;
        (old - self.csum) + x
    }

    fn add1(&mut self, x: f64) {
        self.frac1 += self.add(x);
    }

    fn add2(&mut self, x: f64) {
        self.frac2 += self.add(x);
    }

    fn add3(&mut self, x: f64) {
        self.frac3 += self.add(x);
    }

    fn value(&self) -> f64 {
        self.csum - 1.0 + (self.frac1 + self.frac2 + self.frac3)
    }
}

// ---- integer products ----

/// The product of `factors`, multiplied as a balanced tree (so that the
/// big multiplications are of similar sizes).
fn product_tree(mut factors: Vec<BigInt>) -> BigInt {
    if factors.is_empty() {
        return BigInt::one();
    }
    while factors.len() > 1 {
        let mut next = Vec::with_capacity(factors.len().div_ceil(2));
        let mut it = factors.into_iter();
        while let Some(a) = it.next() {
            next.push(match it.next() {
                Some(b) => a * b,
                None => a,
            });
        }
        factors = next;
    }
    factors.pop().unwrap_or_else(BigInt::one)
}

/// The product of `first`, `first - 1`, … (`count` terms), gathered in
/// machine words before the big multiplications.
fn descending_product(first: &BigInt, count: u64) -> BigInt {
    let mut factors = Vec::new();
    if let Some(top) = first.to_u64() {
        let mut word: u64 = 1;
        for i in 0..count {
            let term = top - i;
            match word.checked_mul(term) {
                Some(w) => word = w,
                None => {
                    factors.push(BigInt::from(word));
                    word = term;
                }
            }
        }
        factors.push(BigInt::from(word));
    } else {
        factors.extend((0..count).map(|i| first - i));
    }
    product_tree(factors)
}

/// `n!`.
pub fn factorial(n: u64) -> BigInt {
    if n < 2 {
        return BigInt::one();
    }
    descending_product(&BigInt::from(n), n - 1)
}

/// `perm(n, k)` (`comb(n, k)` when `comb`), for `k <= n`.
pub fn falling_product(n: &BigInt, k: u64, comb: bool) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    let p = descending_product(n, k);
    if comb {
        let kf = factorial(k);
        if kf.is_zero() {
            return p;
        }
        p / kf
    } else {
        p
    }
}
