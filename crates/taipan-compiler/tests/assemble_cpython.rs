//! The assembler against CPython 3.11. Each case under
//! `tests/data/assemble/` is a Python file `NAME.py`, the IR that CPython
//! 3.11's code generator produces for it written by hand in `NAME.ir` (a
//! small text form, parsed below), and `NAME.expected`, written by
//! `scripts/gen_assemble_data.py` running CPython: `co_stacksize`,
//! `co_exceptiontable` and the `dis.dis` text of the code object. The test
//! assembles the IR and compares all three. One more case, built in Rust
//! below, checks `EXTENDED_ARG` on long forward and backward jumps against
//! `long_jumps.expected`.
//!
//! The IR text form:
//! ```text
//! unit NAME [qualname=Q] [first=N] [args=N] [posonly=N] [kwonly=N] [flags=0xHEX]
//! varnames a b          cellvars c          freevars d
//! names print           consts None 1 'text' (1,'a') code:OTHER_UNIT
//! alloc l1 l2 …         (allocates blocks in this order, as CPython's codegen
//!                        did; otherwise labels are allocated as first mentioned)
//! label:                (starts a block; the first block needs none)
//!   LINE OPNAME [ARG | label]     (LINE is `-` for no location)
//! ```
//! Several units may appear; each `code:NAME` refers to an earlier one,
//! and the last unit is the one compared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taipan_bytecode::{dis, CodeObject, Constant, Opcode};
use taipan_compiler::assemble::assemble;
use taipan_compiler::ir::{BlockId, CodeUnit, Location, Op};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/assemble")
}

/// What the comparison looks at, in `NAME.expected`'s format.
fn summary(code: &CodeObject) -> String {
    let table: String = code.co_exceptiontable.iter().map(|b| format!("{b:02x}")).collect();
    format!("stacksize {}\nexceptiontable {}\n{}", code.co_stacksize, table, dis::dis(code))
}

fn location(line: &str) -> Location {
    match line.parse::<i32>() {
        Ok(n) => Location { lineno: n, end_lineno: n, col_offset: 0, end_col_offset: 1 },
        Err(_) => Location::NONE,
    }
}

fn pseudo(name: &str) -> Option<Op> {
    Some(match name {
        "JUMP" => Op::Jump,
        "JUMP_NO_INTERRUPT" => Op::JumpNoInterrupt,
        "POP_JUMP_IF_FALSE" => Op::PopJumpIfFalse,
        "POP_JUMP_IF_TRUE" => Op::PopJumpIfTrue,
        "POP_JUMP_IF_NONE" => Op::PopJumpIfNone,
        "POP_JUMP_IF_NOT_NONE" => Op::PopJumpIfNotNone,
        "SETUP_FINALLY" => Op::SetupFinally,
        "SETUP_CLEANUP" => Op::SetupCleanup,
        "SETUP_WITH" => Op::SetupWith,
        "POP_BLOCK" => Op::PopBlock,
        _ => return None,
    })
}

fn op_named(name: &str) -> Op {
    pseudo(name).unwrap_or_else(|| {
        let real = Opcode::ALL.iter().find(|op| op.name() == name);
        Op::Real(*real.unwrap_or_else(|| panic!("unknown instruction {name}")))
    })
}

/// Splits on spaces outside quotes and parentheses.
fn words(text: &str) -> Vec<String> {
    let (mut out, mut word, mut depth, mut quoted) = (Vec::new(), String::new(), 0, false);
    for c in text.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            ' ' if !quoted && depth == 0 => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                continue;
            }
            _ => {}
        }
        word.push(c);
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn constant(text: &str, units: &HashMap<String, Arc<CodeObject>>) -> Constant {
    match text {
        "None" => Constant::None,
        "True" => Constant::Bool(true),
        "False" => Constant::Bool(false),
        "..." => Constant::Ellipsis,
        _ if text.starts_with('\'') => Constant::str(&text[1..text.len() - 1]),
        _ if text.starts_with("code:") => Constant::Code(units[&text[5..]].clone()),
        _ if text.starts_with('(') => {
            let inner = &text[1..text.len() - 1];
            let items = inner.split(',').filter(|s| !s.is_empty());
            Constant::tuple(items.map(|item| constant(item, units)).collect())
        }
        _ if text.contains('.') => Constant::Float(text.parse().unwrap()),
        _ => Constant::Int(text.parse().unwrap()),
    }
}

fn header(fields: &[String]) -> CodeUnit {
    let mut unit = CodeUnit::new(&fields[1], &fields[1], "s.py", 1);
    for field in &fields[2..] {
        let (key, value) = field.split_once('=').unwrap();
        let number = || value.parse::<u32>().unwrap();
        match key {
            "qualname" => unit.qualname = value.into(),
            "first" => unit.firstlineno = number() as i32,
            "args" => unit.argcount = number(),
            "posonly" => unit.posonlyargcount = number(),
            "kwonly" => unit.kwonlyargcount = number(),
            "flags" => unit.flags = u32::from_str_radix(value.trim_start_matches("0x"), 16).unwrap(),
            _ => panic!("unknown unit field {key}"),
        }
    }
    unit
}

/// Builds the units of an `.ir` text; returns the last one assembled.
fn parse_ir(text: &str) -> CodeObject {
    let mut units: HashMap<String, Arc<CodeObject>> = HashMap::new();
    let mut last = None;
    let sections = text.split("\nunit ").map(|s| s.trim_start_matches("unit "));
    for section in sections.filter(|s| !s.trim().is_empty()) {
        let unit = parse_unit(&format!("unit {section}"), &units);
        let name = unit.name.as_str().unwrap().to_string();
        let code = Arc::new(assemble(unit));
        units.insert(name, code.clone());
        last = Some(code);
    }
    Arc::try_unwrap(last.expect("no unit")).unwrap_or_else(|arc| (*arc).clone())
}

fn parse_unit(text: &str, units: &HashMap<String, Arc<CodeObject>>) -> CodeUnit {
    let lines: Vec<&str> = text.lines().map(|l| l.split(" #").next().unwrap().trim_end()).collect();
    let mut unit = header(&words(lines[0]));
    let mut labels = HashMap::new();
    for label in label_mentions(&lines[1..]) {
        labels.entry(label).or_insert_with(|| unit.new_block());
    }
    for line in lines[1..].iter().filter(|l| !l.trim().is_empty()) {
        let fields = words(line.trim());
        match fields[0].as_str() {
            "alloc" => {}
            "varnames" => unit.varnames = fields[1..].iter().map(|s| s.as_str().into()).collect(),
            "cellvars" => unit.cellvars = fields[1..].iter().map(|s| s.as_str().into()).collect(),
            "freevars" => unit.freevars = fields[1..].iter().map(|s| s.as_str().into()).collect(),
            "names" => unit.names = fields[1..].iter().map(|s| s.as_str().into()).collect(),
            "consts" => {
                for c in &fields[1..] {
                    unit.add_const(constant(c, units));
                }
            }
            label if label.ends_with(':') => unit.use_block(labels[label.trim_end_matches(':')]),
            _ => emit_line(&mut unit, &fields, &labels),
        }
    }
    unit
}

/// Labels in order of first mention, defined or jumped to: the order in
/// which CPython's code generator allocates the blocks (a jump's target
/// exists before the jump; a label first seen as a definition is a block
/// started there).
fn label_mentions(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let fields = words(line.trim());
        match fields.as_slice() {
            [alloc, labels @ ..] if alloc == "alloc" => out.extend(labels.iter().cloned()),
            [label] if label.ends_with(':') => out.push(label.trim_end_matches(':').to_string()),
            [_, op, target, ..] if pseudo(op).is_some() || jumps(op) => out.push(target.clone()),
            _ => {}
        }
    }
    out
}

fn jumps(name: &str) -> bool {
    Opcode::ALL.iter().any(|op| op.name() == name && op.is_jump())
}

fn emit_line(unit: &mut CodeUnit, fields: &[String], labels: &HashMap<String, BlockId>) {
    let op = op_named(&fields[1]);
    let loc = location(&fields[0]);
    if op.has_target() {
        let target = labels.get(&fields[2]).unwrap_or_else(|| panic!("no label {}", fields[2]));
        unit.emit(op, 0, Some(*target), loc);
    } else {
        let arg = fields.get(2).map_or(0, |a| a.parse().unwrap());
        unit.emit(op, arg, None, loc);
    }
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(data_dir().join(format!("{name}.expected"))).unwrap()
}

fn first_difference(ours: &str, theirs: &str) -> String {
    let pairs = ours.lines().zip(theirs.lines()).enumerate();
    match pairs.into_iter().find(|(_, (a, b))| a != b) {
        Some((i, (a, b))) => format!("line {}:\n  ours:    {a}\n  CPython: {b}", i + 1),
        None => format!("lengths differ: {} vs {} lines", ours.lines().count(), theirs.lines().count()),
    }
}

#[test]
fn hand_built_ir_assembles_as_cpython() {
    let mut names: Vec<String> = std::fs::read_dir(data_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok()?.strip_suffix(".ir").map(str::to_string))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let text = std::fs::read_to_string(data_dir().join(format!("{name}.ir"))).unwrap();
        let ours = summary(&parse_ir(&text));
        let theirs = expected(name);
        if ours != theirs {
            failures.push(format!("{name}: {}\n--- ours:\n{ours}", first_difference(&ours, &theirs)));
        }
    }
    println!("identical: {} / {} cases", names.len() - failures.len(), names.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(names.len() >= 25, "cases missing: {}", names.len());
}

/// `def f(x)` whose `while x:` loop holds `if x:` and 60 statements
/// `x = x + K` (5 code units each), so that both the forward jump out of
/// the `if` and the loop's backward jump need `EXTENDED_ARG`.
#[test]
fn long_jumps_get_extended_args_as_cpython() {
    let mut unit = CodeUnit::new("f", "f", "s.py", 1);
    unit.argcount = 1;
    unit.flags = 0x3;
    unit.varnames = vec!["x".into()];
    unit.add_const(Constant::None);
    let (body, after_if, exit) = (unit.new_block(), unit.new_block(), unit.new_block());
    let real = |op| Op::Real(op);
    unit.emit(real(Opcode::RESUME), 0, None, location("1"));
    unit.emit(real(Opcode::LOAD_FAST), 0, None, location("2"));
    unit.emit(Op::PopJumpIfFalse, 0, Some(exit), location("2"));
    unit.use_block(body);
    unit.emit(real(Opcode::LOAD_FAST), 0, None, location("3"));
    unit.emit(Op::PopJumpIfFalse, 0, Some(after_if), location("3"));
    let next = unit.new_block();
    unit.use_block(next);
    for k in 1..=60 {
        let line = location(&(3 + k).to_string());
        let index = unit.add_const(Constant::Int(k as i64));
        unit.emit(real(Opcode::LOAD_FAST), 0, None, line);
        unit.emit(real(Opcode::LOAD_CONST), index, None, line);
        unit.emit(real(Opcode::BINARY_OP), 0, None, line);
        unit.emit(real(Opcode::STORE_FAST), 0, None, line);
    }
    unit.use_block(after_if);
    unit.emit(real(Opcode::LOAD_FAST), 0, None, location("2"));
    unit.emit(Op::PopJumpIfTrue, 0, Some(body), location("2"));
    unit.use_block(exit);
    unit.emit(real(Opcode::LOAD_FAST), 0, None, location("64"));
    unit.emit(real(Opcode::RETURN_VALUE), 0, None, location("64"));
    let ours = summary(&assemble(unit));
    let theirs = expected("long_jumps");
    assert!(ours == theirs, "{}\n--- ours:\n{ours}", first_difference(&ours, &theirs));
}
