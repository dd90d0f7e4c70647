//! No input may panic `taipan_vm::numbers`: random texts (from an alphabet
//! of the characters the parsers care about) through every parser and
//! formatter, and huge widths, lengths and shifts that must fail with
//! MemoryError/OverflowError values instead of aborting.

use taipan_vm::numbers::arith::*;
use taipan_vm::numbers::bits::*;
use taipan_vm::numbers::float_ops::*;
use taipan_vm::numbers::float_text::*;
use taipan_vm::numbers::format::*;
use taipan_vm::numbers::int_text::*;
use taipan_vm::numbers::percent::*;
use taipan_vm::numbers::template::*;
use taipan_vm::numbers::{ExcKind, Int};

/// xorshift64*: a deterministic generator, so failures reproduce.
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

    fn text(&mut self, alphabet: &[&str], most: usize) -> String {
        (0..self.below(most) + 1).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
}

const ALPHABET: &[&str] = &[
    "0",
    "1",
    "9",
    "a",
    "f",
    "x",
    "X",
    "o",
    "b",
    "p",
    "e",
    "E",
    ".",
    "_",
    "-",
    "+",
    " ",
    "#",
    "%",
    "(",
    ")",
    "*",
    ",",
    "<",
    ">",
    "^",
    "=",
    "z",
    "s",
    "d",
    "g",
    "n",
    "c",
    "r",
    "l",
    "\u{663}",
    "\u{a0}",
    "\u{20ac}",
    "\u{10348}",
    "\0",
    "inf",
    "nan",
    "0x",
    "12",
    "99",
    "{",
    "}",
];

#[test]
fn random_texts_never_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let values = [
        Int::Small(0),
        Int::Small(-12345),
        Int::Small(i64::MIN),
        Int::from_big("-98765432109876543210".parse().unwrap()),
    ];
    for _ in 0..30_000 {
        let text = rng.text(ALPHABET, 12);
        let base = [0, 2, 10, 16, 36, 1, -5][rng.below(7)];
        let _ = int_from_str(text.as_bytes(), base);
        let _ = int_from_bytes_text(text.as_bytes(), base);
        let _ = float_from_str(text.as_bytes());
        let _ = float_fromhex(&text);
        let value = &values[rng.below(values.len())];
        let _ = format_int(value, &text, "int");
        let _ =
            format_float([0.0, -1.5, 1e300, f64::NAN, -f64::INFINITY, 5e-324][rng.below(6)], &text, "float");
        let _ = format_str("abc\u{20ac}", &text, "str");
        let mut auto = AutoNumber::new();
        for segment in TemplateParser::new(&text).flatten() {
            if let Some(field) = segment.field {
                if let Ok((_, rest)) = auto.split(&field.name) {
                    rest.for_each(drop);
                }
                let _ = split_field_name(&field.spec).map(|(_, rest)| rest.count());
            }
        }
        for piece in PercentParser::new(&text) {
            if let Ok(Piece::Spec(spec)) = piece {
                let _ = percent_int(value, &spec);
                let _ = percent_float(-2.5, &spec);
                let _ = percent_text("xyz", &spec);
            }
        }
    }
}

#[test]
fn random_arithmetic_never_panics() {
    let mut rng = Rng(0xA11C_E5ED_0000_0002);
    let interesting = [
        "0",
        "1",
        "-1",
        "7",
        "-9223372036854775808",
        "9223372036854775807",
        "18446744073709551616",
        "-340282366920938463463374607431768211457",
    ];
    let pick = |rng: &mut Rng| Int::from_big(interesting[rng.below(interesting.len())].parse().unwrap());
    let floats = [0.0, -0.0, 1.0, -2.5, 1e308, -1e-320, f64::INFINITY, f64::NAN, 0.1];
    for _ in 0..20_000 {
        let (a, b, c) = (pick(&mut rng), pick(&mut rng), pick(&mut rng));
        let _ = (int_floordiv(&a, &b), int_mod(&a, &b), int_divmod(&a, &b), int_truediv(&a, &b));
        let _ = (
            int_pow_mod(&a, &b, &c),
            shr(&a, &b),
            round_int(&a, &b),
            to_bytes(&a, rng.below(20), true, rng.below(2) == 0),
        );
        if bit_length(&b) < 8 {
            let _ = (int_pow(&a, &b), shl(&a, &b));
        }
        let (x, y) = (floats[rng.below(floats.len())], floats[rng.below(floats.len())]);
        let _ = (float_mod(x, y), float_divmod(x, y), float_pow(x, y), f64_to_int(x), as_integer_ratio(x));
        let _ = (round_float(x, rng.below(700) as i64 - 350), round_to_int(x), float_hex(x));
    }
}

#[test]
fn huge_sizes_are_errors_not_aborts() {
    let kind = |r: Result<String, taipan_vm::numbers::NumError>| r.unwrap_err().kind;
    assert_eq!(kind(format_int(&Int::Small(1), "99999999999999", "int")), ExcKind::MemoryError);
    assert_eq!(kind(format_int(&Int::Small(1), "099999999999999,", "int")), ExcKind::MemoryError);
    assert_eq!(kind(format_str("a", "99999999999999", "str")), ExcKind::MemoryError);
    assert_eq!(kind(format_float(1.0, ".2147483648f", "float")), ExcKind::ValueError);
    let long = format_float(0.1, ".100000f", "float").unwrap();
    assert!(
        long.starts_with("0.1000000000000000055511151231257827") && long.len() == 100_002,
        "{}",
        &long[..50]
    );
    assert_eq!(format_float(5e-324, ".100000e", "float").unwrap().len(), 100_007);
    let spec = match PercentParser::new("%99999999999999d").next() {
        Some(Ok(Piece::Spec(spec))) => spec,
        other => panic!("{other:?}"),
    };
    assert_eq!(kind(percent_int(&Int::Small(1), &spec)), ExcKind::MemoryError);
    assert_eq!(to_bytes(&Int::Small(1), usize::MAX, true, false).unwrap_err().kind, ExcKind::MemoryError);
    let huge = Int::from_big("99999999999999999999".parse().unwrap());
    assert_eq!(shl(&Int::Small(1), &huge).unwrap_err().kind, ExcKind::MemoryError);
    assert_eq!(int_pow(&Int::Small(3), &huge).unwrap_err().kind, ExcKind::MemoryError);
}
