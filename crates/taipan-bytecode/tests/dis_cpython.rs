//! Differential test of `dis::dis` against CPython 3.11's `dis.dis`, from
//! `tests/data/dis_cpython311.txt` (written by `scripts/gen_dis_data.py`:
//! snippets and a few small Lib modules, each as marshal bytes and the text
//! `dis.dis` printed). Every case must match byte for byte, except those
//! named in `tests/data/dis_known_differences.txt` (one name per line),
//! which are reported; a listed case that now matches fails the test, so
//! the list only shrinks.

use std::path::Path;
use std::process::Command;
use taipan_bytecode::code::Constant;
use taipan_bytecode::{dis, marshal};

struct Case {
    name: String,
    data: Vec<u8>,
    text: String,
}

fn parse(bytes: &[u8]) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let eol = pos + bytes[pos..].iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[pos..eol]).unwrap();
        let fields: Vec<&str> = header.split(' ').collect();
        assert_eq!(fields[0], "case");
        let (mlen, dlen): (usize, usize) = (fields[2].parse().unwrap(), fields[3].parse().unwrap());
        let data = bytes[eol + 1..eol + 1 + mlen].to_vec();
        let text = String::from_utf8_lossy(&bytes[eol + 1 + mlen..eol + 1 + mlen + dlen]).into_owned();
        pos = eol + 1 + mlen + dlen + 1;
        cases.push(Case { name: fields[1].to_string(), data, text });
    }
    cases
}

/// Compares every case; returns how many are identical and a line per
/// difference not in `known`, and the `known` cases that now match.
fn compare(cases: &[Case], known: &[&str]) -> (usize, Vec<String>, Vec<String>) {
    let (mut same, mut unexpected, mut fixed) = (0, Vec::new(), Vec::new());
    for case in cases {
        let Constant::Code(code) = marshal::loads(&case.data).unwrap() else {
            panic!("{}: not code", case.name)
        };
        let ours = dis::dis(&code);
        let listed = known.contains(&case.name.as_str());
        if ours == case.text {
            same += 1;
            if listed {
                fixed.push(case.name.clone());
            }
        } else if !listed {
            let line = ours.lines().zip(case.text.lines()).position(|(a, b)| a != b);
            let detail = match line {
                Some(i) => format!(
                    "line {}:\n  ours:    {:?}\n  cpython: {:?}",
                    i + 1,
                    ours.lines().nth(i).unwrap(),
                    case.text.lines().nth(i).unwrap()
                ),
                None => format!("lengths {} vs {}", ours.len(), case.text.len()),
            };
            unexpected.push(format!("{}: {detail}", case.name));
        }
    }
    (same, unexpected, fixed)
}

#[test]
fn dis_matches_cpython() {
    let known: Vec<&str> = include_str!("data/dis_known_differences.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let cases = parse(include_bytes!("data/dis_cpython311.txt"));
    let (same, unexpected, fixed) = compare(&cases, &known);
    eprintln!("dis: {same}/{} cases identical", cases.len());
    assert!(unexpected.is_empty(), "differences:\n{}", unexpected.join("\n"));
    assert!(fixed.is_empty(), "listed as known differences but now identical: {fixed:?}");
}

/// Every Lib/*.py module, generated into target/ when a CPython 3.11 is
/// found ($TAIPAN_PYTHON, else pyenv's 3.11.7, else `python3.11`); prints
/// SKIPPED otherwise.
#[test]
fn dis_matches_cpython_on_lib() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let candidates = [
        std::env::var("TAIPAN_PYTHON").unwrap_or_default(),
        "/root/.pyenv/versions/3.11.7/bin/python3.11".to_string(),
        "python3.11".to_string(),
    ];
    let out = root.join("target/dis_cpython311_lib.txt");
    let generated = candidates.iter().filter(|p| !p.is_empty()).any(|python| {
        Command::new(python)
            .arg(root.join("scripts/gen_dis_data.py"))
            .arg(&out)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !generated {
        eprintln!("SKIPPED: no CPython 3.11 to generate the Lib corpus");
        return;
    }
    let cases = parse(&std::fs::read(&out).unwrap());
    let (same, _, _) = compare(&cases, &[]);
    // A frozenset constant's repr follows CPython's per-process hash order,
    // which marshal (sorting the elements) does not keep; such cases are
    // counted, not failed, when that is their only difference.
    let order_only: Vec<&str> = cases
        .iter()
        .filter(|case| {
            let Ok(Constant::Code(code)) = marshal::loads(&case.data) else { return false };
            let ours = dis::dis(&code);
            ours != case.text && differs_in_frozenset_order_only(&ours, &case.text)
        })
        .map(|case| case.name.as_str())
        .collect();
    let failing: Vec<&Case> = cases
        .iter()
        .filter(|case| {
            let Ok(Constant::Code(code)) = marshal::loads(&case.data) else { return true };
            dis::dis(&code) != case.text && !order_only.contains(&case.name.as_str())
        })
        .collect();
    eprintln!(
        "dis on Lib: {same}/{} modules identical; {} differ only in frozenset element order",
        cases.len(),
        order_only.len()
    );
    let names: Vec<&str> = failing.iter().map(|c| c.name.as_str()).collect();
    assert!(failing.is_empty(), "modules whose disassembly differs: {names:?}");
}

/// Whether the two texts differ only on lines showing a frozenset, and
/// there only in the order of characters (the elements).
fn differs_in_frozenset_order_only(ours: &str, theirs: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), theirs.lines().collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            let sorted = |s: &str| {
                let mut chars: Vec<char> = s.chars().collect();
                chars.sort_unstable();
                chars
            };
            x == y || (x.contains("frozenset({") && sorted(x) == sorted(y))
        })
}
