//! `hash()` of ints, floats, complexes, str (all PEP 393 kinds), bytes,
//! tuples and frozensets against CPython 3.11 with PYTHONHASHSEED=0 and
//! =12345 (data: scripts/gen_tables_data.py → tests/tables_data/hash.txt).

use num_bigint::BigInt;
use taipan_vm::tables::hash::{self, HashSecret, HashSeed};

const DATA: &str = include_str!("tables_data/hash.txt");

/// The test's value model: just enough to hash what the data holds.
#[derive(Debug)]
enum Value {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(Vec<u32>),
    Bytes(Vec<u8>),
    Tuple(Vec<Value>),
    FrozenSet(Vec<Value>),
}

fn hex_to_u64(s: &str) -> u64 {
    u64::from_str_radix(s, 16).expect("hex")
}

fn parse_str(body: &str) -> Vec<u32> {
    let width = (body.as_bytes()[0] - b'0') as usize;
    let hex = &body[1..];
    (0..hex.len() / width)
        .map(|i| u32::from_str_radix(&hex[i * width..(i + 1) * width], 16).expect("cp"))
        .collect()
}

fn parse_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("byte")).collect()
}

type Tokens<'a> = std::iter::Peekable<std::str::Split<'a, char>>;

fn parse_value(tokens: &mut Tokens<'_>) -> Option<Value> {
    let tok = tokens.next()?;
    let (tag, body) = tok.split_at(1);
    Some(match tag {
        "i" => Value::Int(body.parse().expect("int")),
        "f" => Value::Float(f64::from_bits(hex_to_u64(body))),
        "c" => {
            let (re, im) = body.split_once(',').expect("complex");
            Value::Complex(f64::from_bits(hex_to_u64(re)), f64::from_bits(hex_to_u64(im)))
        }
        "s" => Value::Str(parse_str(body)),
        "b" => Value::Bytes(parse_bytes(body)),
        "(" => Value::Tuple(parse_items(tokens, ")")),
        "{" => Value::FrozenSet(parse_items(tokens, "}")),
        _ => return None,
    })
}

fn parse_items(tokens: &mut Tokens<'_>, close: &str) -> Vec<Value> {
    let mut items = vec![];
    loop {
        if tokens.peek() == Some(&close) {
            tokens.next();
            return items;
        }
        items.push(parse_value(tokens).expect("item"));
    }
}

fn hash_value(v: &Value, secret: &HashSecret) -> i64 {
    match v {
        Value::Int(n) => match i64::try_from(n) {
            Ok(small) => {
                let h = hash::hash_i64(small);
                assert_eq!(h, hash::hash_bigint(n), "i64 and BigInt paths agree for {n}");
                h
            }
            Err(_) => hash::hash_bigint(n),
        },
        Value::Float(x) => hash::hash_f64(*x, 0),
        Value::Complex(re, im) => hash::hash_complex(*re, *im, 0),
        Value::Str(cps) => hash_str(cps, secret),
        Value::Bytes(b) => secret.hash_bytes(b),
        Value::Tuple(items) => {
            let hashes: Vec<i64> = items.iter().map(|x| hash_value(x, secret)).collect();
            hash::hash_tuple(&hashes)
        }
        Value::FrozenSet(items) => hash::hash_frozenset(items.iter().map(|x| hash_value(x, secret))),
    }
}

/// Hashes through the storage-kind entry point CPython's kind selects.
fn hash_str(cps: &[u32], secret: &HashSecret) -> i64 {
    let by_kind = match cps.iter().copied().max().unwrap_or(0) {
        0..=0xff => secret.hash_str_ucs1(&cps.iter().map(|&c| c as u8).collect::<Vec<_>>()),
        0x100..=0xffff => secret.hash_str_ucs2(&cps.iter().map(|&c| c as u16).collect::<Vec<_>>()),
        _ => secret.hash_str_ucs4(cps),
    };
    assert_eq!(by_kind, secret.hash_str_code_points(cps));
    by_kind
}

#[test]
fn hashes_match_cpython_for_seeds_0_and_12345() {
    let secrets = [HashSecret::new(HashSeed::Fixed(0)), HashSecret::new(HashSeed::Fixed(12345))];
    let mut checked = 0;
    let mut failures = vec![];
    for line in DATA.lines() {
        let mut cols = line.split('\t');
        let tokens = cols.next().expect("tokens");
        let mut it = tokens.split(' ').peekable();
        let value = parse_value(&mut it).expect("value");
        for secret in &secrets {
            let expected: i64 = cols.next().expect("hash").parse().expect("hash int");
            let got = hash_value(&value, secret);
            if got != expected && failures.len() < 10 {
                failures.push(format!("{tokens}: got {got}, CPython {expected}"));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, 25_000);
}

#[test]
fn special_values() {
    assert_eq!(hash::hash_i64(-1), -2);
    assert_eq!(hash::hash_f64(-1.0, 0), -2);
    assert_eq!(hash::hash_f64(f64::INFINITY, 0), 314_159);
    assert_eq!(hash::hash_f64(f64::NEG_INFINITY, 0), -314_159);
    // NaN hashes by identity (3.10+): the object's address rotated by 4.
    assert_eq!(hash::hash_f64(f64::NAN, 0x1230), 0x123);
    assert_eq!(hash::hash_pointer(0x10), 1);
    assert_eq!(hash::hash_tuple(&[]), 5_740_354_900_026_072_187);
    assert_eq!(hash::hash_frozenset([]), 133_146_708_735_736);
}
