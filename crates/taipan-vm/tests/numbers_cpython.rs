//! Differential tests of `taipan_vm::numbers` against CPython 3.11: the
//! data under `tests/numbers_data/` comes from `scripts/gen_numbers_data.py`
//! (one case per line, tab-separated, escaped; `!Kind: message` for errors).

use taipan_vm::numbers::float_text::{float_from_bytes_text, float_from_str};
use taipan_vm::numbers::format::{format_float, format_int, format_str};
use taipan_vm::numbers::int_text::{int_from_bytes_text, int_from_str, int_to_decimal};
use taipan_vm::numbers::{Int, NumResult};

/// Undo the generator's escaping (`\\`, `\u{hex}`).
fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut rest = field;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        if rest[i + 1..].starts_with('\\') {
            out.push('\\');
            rest = &rest[i + 2..];
        } else {
            let close = rest[i..].find('}').expect("escape closes") + i;
            let code = u32::from_str_radix(&rest[i + 3..close], 16).expect("hex escape");
            out.push(char::from_u32(code).expect("no surrogates in the data"));
            rest = &rest[close + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn rows(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/numbers_data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("data file (scripts/gen_numbers_data.py)");
    text.lines().map(|line| line.split('\t').map(unescape).collect()).collect()
}

/// CPython's outcome text for a result: the value or `!Kind: message`.
fn shown<T>(result: NumResult<T>, show: impl Fn(T) -> String) -> String {
    match result {
        Ok(value) => show(value),
        Err(e) => format!("!{:?}: {}", e.kind, e.message),
    }
}

/// Latin-1 bytes of a text whose code points are all below 256.
fn latin1(text: &str) -> Vec<u8> {
    text.chars().map(|c| c as u32 as u8).collect()
}

/// A long field cut short for failure messages.
fn clip(text: &str) -> String {
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text.to_owned()
    }
}

fn check(name: &str, run: impl Fn(&[String]) -> String) {
    let rows = rows(name);
    let mut failures = Vec::new();
    for row in &rows {
        let got = run(row);
        let expected = row.last().unwrap();
        if &got != expected {
            let case: Vec<String> = row[..row.len() - 1].iter().map(|f| clip(f)).collect();
            failures.push(format!(
                "{case:?}\n   got      {:?}\n   expected {:?}",
                clip(&got),
                clip(expected)
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(25).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        rows.len(),
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn int_parsing_matches_cpython() {
    check("int_parse.txt", |row| {
        let base: i64 = row[1].parse().unwrap();
        let result = if row[0] == "b" {
            int_from_bytes_text(&latin1(&row[2]), base)
        } else {
            int_from_str(row[2].as_bytes(), base)
        };
        shown(result.and_then(|v| int_to_decimal(&v)), |s| s)
    });
}

#[test]
fn float_parsing_matches_cpython() {
    check("float_parse.txt", |row| {
        let result = if row[0] == "b" {
            float_from_bytes_text(&latin1(&row[1]))
        } else {
            float_from_str(row[1].as_bytes())
        };
        shown(result, taipan_repr::float_repr)
    });
}

#[test]
fn format_matches_cpython() {
    check("format.txt", |row| {
        let (value, spec) = (&row[1], &row[2]);
        let result = match row[0].as_str() {
            "i" => format_int(&Int::from_big(value.parse().unwrap()), spec, "int"),
            "f" => format_float(value.parse().unwrap(), spec, "float"),
            _ => format_str(value, spec, "str"),
        };
        shown(result, |s| s)
    });
}
