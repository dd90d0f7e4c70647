//! No input makes the text module panic or abort: every operation on
//! random strings (all kinds, surrogates included) with random and extreme
//! arguments returns a value or an error value. Also checks invariants that
//! need no reference: results are canonical and slicing agrees with indexing.

use taipan_vm::text::{adjust_slice, Codec, ErrorHandler, Kind, Str, StripSide, TextError};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn code_point(&mut self) -> u32 {
        const POOL: &[u32] =
            &[0x20, 0x61, 0x41, 0x9, 0xA, 0xD, 0xDF, 0xE9, 0x3A3, 0x130, 0x20AC, 0xD800, 0xDC80, 0x1F600];
        match self.below(4) {
            0 => POOL[self.below(POOL.len())],
            1 => self.below(0x80) as u32,
            2 => self.below(0x10000) as u32,
            _ => self.below(0x110000) as u32,
        }
    }

    fn text(&mut self) -> Str {
        let len = self.below(12);
        Str::from_code_points((0..len).map(|_| self.code_point())).expect("valid")
    }

    fn int(&mut self) -> isize {
        const EXTREMES: &[isize] =
            &[isize::MIN, isize::MIN + 1, -1000, -1, 0, 1, 2, 1000, isize::MAX - 1, isize::MAX];
        match self.below(2) {
            0 => EXTREMES[self.below(EXTREMES.len())],
            _ => self.below(30) as isize - 15,
        }
    }

    fn opt_int(&mut self) -> Option<isize> {
        (self.below(4) != 0).then(|| self.int())
    }
}

fn assert_canonical(s: &Str) {
    let needed = Kind::for_max(s.max_char());
    assert_eq!(s.kind(), needed, "{s:?} is not canonical");
    assert_eq!(s.is_ascii(), s.max_char() < 0x80);
}

/// Errors are fine; what matters is that we got here without panicking.
fn check(result: Result<Str, TextError>) {
    if let Ok(s) = result {
        assert_canonical(&s);
    }
}

fn exercise(rng: &mut Rng, s: &Str, t: &Str) {
    let (a, b, c) = (rng.opt_int(), rng.opt_int(), rng.opt_int());
    let n = rng.int();
    let _ = (s.find(t, a, b), s.rfind(t, a, b), s.count(t, a, b));
    let _ = (s.starts_with(t, a, b), s.ends_with(t, a, b), s.index_of(t, a, b));
    check(s.slice(a, b, c));
    check(s.repeat(n));
    check(s.concat(t));
    check(s.replace(t, s, n));
    check(s.center(n, rng.code_point()));
    check(s.ljust(n, rng.code_point()));
    check(s.zfill(n));
    check(s.expandtabs(n));
    let _ = s.get(n);
    for piece in s.split(Some(t), n).into_iter().chain(s.rsplit(None, n)).flatten() {
        assert_canonical(&piece);
    }
    s.splitlines(n > 0).iter().for_each(assert_canonical);
    for side in [StripSide::Left, StripSide::Right, StripSide::Both] {
        assert_canonical(&s.strip(Some(t), side));
    }
    for mapped in [s.upper(), s.lower(), s.casefold(), s.title(), s.capitalize(), s.swapcase()] {
        assert_canonical(&mapped);
    }
    let handlers = ["strict", "ignore", "replace", "surrogateescape", "surrogatepass", "backslashreplace"];
    let errors = ErrorHandler::from_name(handlers[rng.below(handlers.len())]).expect("handler");
    for codec in [Codec::Utf8, Codec::Latin1, Codec::Ascii] {
        if let Ok(bytes) = codec.encode(s, errors) {
            let mut damaged = bytes.clone();
            if !damaged.is_empty() {
                let at = rng.below(damaged.len());
                damaged[at] = rng.next() as u8;
            }
            check(codec.decode(&damaged, errors));
        }
    }
}

#[test]
fn random_operations_never_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for _ in 0..20_000 {
        let (s, t) = (rng.text(), rng.text());
        exercise(&mut rng, &s, &t);
    }
}

#[test]
fn slicing_agrees_with_indexing() {
    let mut rng = Rng(42);
    for _ in 0..5_000 {
        let s = rng.text();
        let (a, b) = (rng.opt_int(), rng.opt_int());
        let step = rng.opt_int().filter(|&x| x != 0);
        let indices = adjust_slice(s.len(), a, b, step).expect("non-zero step");
        let expected: Vec<u32> = indices.indices().map(|i| s.char_at(i).expect("in range")).collect();
        let got = s.slice(a, b, step).expect("slice");
        assert_eq!(got.code_points().collect::<Vec<_>>(), expected);
    }
}

#[test]
fn huge_sizes_are_errors_not_aborts() {
    let s = Str::from("ab\t");
    assert!(matches!(s.repeat(isize::MAX), Err(TextError::Overflow(_))));
    assert!(matches!(s.repeat(isize::MAX / 4), Err(TextError::Memory)));
    assert!(s.center(isize::MAX, 0x20).is_err());
    assert!(s.zfill(isize::MAX).is_err());
    assert!(s.expandtabs(isize::MAX).is_err());
}
