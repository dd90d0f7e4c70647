//! Robustness on pathologically deep or long inputs: no input may crash the
//! parser — not by a panic and not by overflowing the native stack (DESIGN.md:
//! "no input can overflow the native stack"). CPython answers some of these
//! with a SyntaxError, some with RecursionError or MemoryError, and parses
//! others; Taipan may accept or reject them, but must return.
//!
//! A stack overflow aborts the whole process, so each input is parsed in a
//! child process (this test binary re-run with `TAIPAN_DEEP_CASE=<name>`,
//! running only `deep_input_child`) on a thread with an 8 MB stack, the
//! size of a main thread. Inputs known to crash are listed in
//! `deep_inputs_known_failures.txt` (rewrite it with `UPDATE_MANIFEST=1`).
//! Deep inputs that CPython parses and dumps are also valid fixtures
//! (`fixtures/valid/deep/`), compared tree for tree.

#[macro_use]
mod common;

use common::{Manifest, Outcome};
use std::process::Command;
use taipan_parser::Mode;

const MANIFEST_HEADER: &str = "\
# Deep inputs (names from tests/deep_inputs.rs) on which taipan_parser crashes
# (panic or stack overflow on an 8 MB stack). Regenerate with
#   UPDATE_MANIFEST=1 cargo test --release -p taipan-parser --test deep_inputs
";

const CASE_VAR: &str = "TAIPAN_DEEP_CASE";

/// `text` repeated `n` times.
fn rep(text: &str, n: usize) -> String {
    text.repeat(n)
}

/// The inputs, by name.
fn cases() -> Vec<(&'static str, String)> {
    let joined = |sep: &str, item: &str, n: usize| vec![item; n].join(sep);
    vec![
        ("parens_10000", format!("x = {}1{}\n", rep("(", 10_000), rep(")", 10_000))),
        ("open_brackets_100000", format!("x = {}\n", rep("[", 100_000))),
        (
            "indent_1000_levels",
            (0..1000).map(|i| format!("{}if a:\n", rep(" ", i))).collect::<String>()
                + &rep(" ", 1000)
                + "pass\n",
        ),
        ("add_chain_20000", format!("x = {}\n", joined("+", "1", 20_000))),
        ("pow_chain_3000", format!("x = {}\n", joined("**", "2", 3000))),
        ("attribute_chain_20000", format!("x = a{}\n", rep(".b", 20_000))),
        ("call_chain_5000", format!("x = f{}\n", rep("()", 5000))),
        ("subscript_chain_3000", format!("x = a{}\n", rep("[0]", 3000))),
        ("unary_minus_5000", format!("x = {}1\n", rep("-", 5000))),
        ("not_chain_5000", format!("x = {}y\n", rep("not ", 5000))),
        ("await_chain_3000", format!("async def f():\n    return {}x\n", rep("await ", 3000))),
        ("lambda_nest_3000", format!("f = {}0\n", rep("lambda: ", 3000))),
        ("conditional_nest_3000", format!("x = {}c\n", rep("a if b else ", 3000))),
        ("elif_chain_3000", format!("if a:\n    pass\n{}", rep("elif a:\n    pass\n", 3000))),
        ("compare_chain_50000", format!("x = a{}\n", rep(" < a", 50_000))),
        ("and_chain_50000", format!("x = a{}\n", rep(" and a", 50_000))),
        ("tuple_200000", format!("x = ({})\n", rep("1,", 200_000))),
        ("string_concat_50000", format!("x = ({})\n", joined(" ", "'a'", 50_000))),
        ("decorators_10000", format!("{}def f(): pass\n", rep("@d\n", 10_000))),
        ("calls_nested_190", format!("x = {}a{}\n", rep("f(", 190), rep(")", 190))),
        ("calls_nested_10000", format!("x = {}a{}\n", rep("f(", 10_000), rep(")", 10_000))),
        ("fstring_nested_parens_190", format!("x = f'{{{}a{}}}'\n", rep("(", 190), rep(")", 190))),
        ("starred_nest_3000", format!("x = [{}a]\n", rep("*", 3000))),
        ("walrus_nest_1000", format!("x = {}1{}\n", rep("(a := ", 1000), rep(")", 1000))),
        (
            "match_nested_patterns_150",
            format!("match x:\n    case {}a{}:\n        pass\n", rep("[", 150), rep("]", 150)),
        ),
        (
            "match_or_patterns_10000",
            format!("match x:\n    case {}:\n        pass\n", joined(" | ", "1", 10_000)),
        ),
        ("long_line_1mb", format!("x = '{}'\n", rep("a", 1 << 20))),
        ("many_lines_100000", rep("x = 1\n", 100_000)),
        ("dict_nest_150", format!("x = {}1{}\n", rep("{1: ", 150), rep("}", 150))),
        ("slices_nest_3000", format!("x = a[{}0{}]\n", rep("b[", 3000), rep("]", 3000))),
    ]
}

#[test]
fn deep_inputs_do_not_crash() {
    let exe = std::env::current_exe().expect("test executable");
    let names: Vec<&str> = cases().iter().map(|(n, _)| *n).collect();
    let results = common::par_map(&names, |name| {
        let out = Command::new(&exe)
            .args(["--exact", "deep_input_child", "--nocapture", "--test-threads=1"])
            .env(CASE_VAR, name)
            .output()
            .expect("run child");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = stderr.lines().find(|l| l.contains("overflow") || l.contains("panicked")).unwrap_or("");
        (!out.status.success()).then(|| format!("crashed ({}) {}", out.status, why.trim()))
    });
    let failures: Vec<(String, String)> =
        names.iter().zip(results).filter_map(|(n, r)| Some((n.to_string(), r?))).collect();
    report!("deep inputs: {}/{} parsed without crashing", names.len() - failures.len(), names.len());
    let manifest =
        Manifest::load(common::crate_dir().join("tests/deep_inputs_known_failures.txt"), MANIFEST_HEADER);
    let all = names.iter().map(|n| n.to_string()).collect();
    assert!(!manifest.check(&failures, &all), "deep inputs crash the parser and are not in the manifest");
}

/// Run by `deep_inputs_do_not_crash` in a child process; does nothing otherwise.
#[test]
fn deep_input_child() {
    let Ok(name) = std::env::var(CASE_VAR) else { return };
    let (_, source) = cases().into_iter().find(|(n, _)| *n == name).expect("known case");
    let outcome = std::thread::Builder::new()
        .name("deep-input".into())
        .stack_size(8 << 20)
        .spawn(move || describe(common::parse_guarded(source.as_bytes(), Mode::Exec, true)))
        .expect("spawn")
        .join()
        .expect("join");
    println!("{name}: {outcome}");
    assert!(!outcome.starts_with("PANIC"), "{outcome}");
}

fn describe(outcome: Outcome) -> String {
    match outcome {
        Outcome::Tree(t) => format!("parsed ({} bytes of dump)", t.len()),
        other => common::describe(&other),
    }
}
