//! A disassembler whose text is CPython 3.11's `dis.dis(code)` with default
//! options: line-number column, offsets, `>>` jump-target markers, opname,
//! oparg and the resolved argument; `CACHE` entries hidden; the
//! "ExceptionTable:" section; nested code objects after their parent under
//! "Disassembly of <code object …>:" headers. Constant reprs are the small
//! `repr` below (Python's, for the types a code object can hold). A code
//! object's address is not Taipan's to show: reprs print `at 0x0000`.
//! The instruction table is `opcodes.rs`; the tables decoded here are
//! `linetable.rs` and `exceptiontable.rs`.

use crate::code::{CodeObject, Constant};
use crate::opcodes::{ArgKind, Opcode, BINARY_OPS, COMPARE_OPS, HAVE_ARGUMENT};
use crate::pystring::PyString;
use std::fmt::Write as _;
use taipan_repr::{bytes_repr, complex_repr, float_repr, str_repr};

/// `dis.dis(code)`: the code object, then each nested one, recursively.
pub fn dis(code: &CodeObject) -> String {
    let mut out = String::new();
    dis_recursive(code, &mut out);
    out
}

fn dis_recursive(code: &CodeObject, out: &mut String) {
    disassemble(code, out);
    for nested in code.nested_code() {
        out.push('\n');
        let _ = writeln!(out, "Disassembly of {}:", code_repr(nested));
        dis_recursive(nested, out);
    }
}

/// `(offset in bytes, opcode byte, argument)` per instruction, caches skipped
/// (as `dis._unpack_opargs`).
fn unpack(code: &[u8]) -> Vec<(u32, u8, Option<i64>)> {
    let mut out = Vec::new();
    let (mut extended, mut caches) = (0i64, 0u8);
    for (i, unit) in code.chunks_exact(2).enumerate() {
        if caches > 0 {
            caches -= 1;
            continue;
        }
        let op = unit[0];
        caches = Opcode::from_u8(op).map_or(0, Opcode::cache_entries);
        let arg = if op >= HAVE_ARGUMENT {
            let arg = i64::from(unit[1]) | extended;
            extended = if op == Opcode::EXTENDED_ARG as u8 { arg << 8 } else { 0 };
            if extended >= 1 << 31 {
                extended -= 1 << 32;
            }
            Some(arg)
        } else {
            extended = 0;
            None
        };
        out.push((2 * i as u32, op, arg));
    }
    out
}

fn jump_target(offset: u32, op: Opcode, arg: i64) -> Option<i64> {
    match op.arg_kind() {
        ArgKind::JumpForward => Some(i64::from(offset) + 2 + arg * 2),
        ArgKind::JumpBackward => Some(i64::from(offset) + 2 - arg * 2),
        _ => None,
    }
}

/// `dis.disassemble(code)` for one code object, without recursion.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    let mut linestarts: Vec<(u32, i32)> = Vec::new();
    let mut last = None;
    for (start, _, line) in code.co_lines().unwrap_or_default() {
        if line != -1 && Some(line) != last {
            last = Some(line);
            linestarts.push((start * 2, line));
        }
    }
    let entries = code.exception_entries().unwrap_or_default();
    let instrs = unpack(&code.co_code);
    let mut labels: Vec<i64> = Vec::new();
    for &(offset, op, arg) in &instrs {
        if let (Some(op), Some(arg)) = (Opcode::from_u8(op), arg) {
            labels.extend(jump_target(offset, op, arg));
        }
    }
    labels.extend(entries.iter().filter(|e| e.start < e.end).map(|e| i64::from(e.target) * 2));

    let lineno_width = match linestarts.iter().map(|&(_, l)| l).max() {
        None => 0,
        Some(max) if max >= 1000 => max.to_string().len(),
        Some(_) => 3,
    };
    let maxoffset = code.co_code.len() as i64 - 2;
    let offset_width = if maxoffset >= 10000 { maxoffset.to_string().len() } else { 4 };
    let localsplus = &code.co_localsplusnames;
    for &(offset, byte, arg) in &instrs {
        let starts_line = linestarts.iter().find(|&&(o, _)| o == offset).map(|&(_, l)| l);
        if lineno_width > 0 && starts_line.is_some() && offset > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if lineno_width > 0 {
            fields.push(match starts_line {
                Some(line) => format!("{line:>lineno_width$}"),
                None => " ".repeat(lineno_width),
            });
        }
        fields.push("   ".into());
        fields.push(if labels.contains(&i64::from(offset)) { ">>" } else { "  " }.into());
        fields.push(format!("{offset:>offset_width$}"));
        let op = Opcode::from_u8(byte);
        let name = op.map_or_else(|| format!("<{byte}>"), |op| op.name().to_string());
        fields.push(format!("{name:<20}"));
        if let Some(arg) = arg {
            fields.push(format!("{arg:>5}"));
            let argrepr = op.map_or_else(String::new, |op| arg_repr(code, offset, op, arg, localsplus));
            if !argrepr.is_empty() {
                fields.push(format!("({argrepr})"));
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !entries.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &entries {
            let lasti = if e.lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{lasti}",
                e.start * 2,
                i64::from(e.end) * 2 - 2,
                e.target * 2,
                e.depth
            );
        }
    }
}

fn name_at(names: &[PyString], index: i64) -> String {
    usize::try_from(index).ok().and_then(|i| names.get(i)).map_or_else(String::new, text)
}

fn text(s: &PyString) -> String {
    s.code_points().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect()
}

fn arg_repr(code: &CodeObject, offset: u32, op: Opcode, arg: i64, localsplus: &[PyString]) -> String {
    const MAKE_FUNCTION_FLAGS: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];
    match op {
        Opcode::LOAD_CONST => {
            usize::try_from(arg).ok().and_then(|i| code.co_consts.get(i)).map_or_else(String::new, repr)
        }
        Opcode::KW_NAMES => String::new(),
        Opcode::LOAD_GLOBAL => {
            let name = name_at(&code.co_names, arg / 2);
            if arg & 1 == 1 && !name.is_empty() {
                format!("NULL + {name}")
            } else {
                name
            }
        }
        Opcode::COMPARE_OP => COMPARE_OPS.get(arg as usize).map_or_else(String::new, |s| s.to_string()),
        Opcode::BINARY_OP => BINARY_OPS.get(arg as usize).map_or_else(String::new, |s| s.to_string()),
        Opcode::FORMAT_VALUE => {
            let mut s = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        Opcode::MAKE_FUNCTION => MAKE_FUNCTION_FLAGS
            .iter()
            .enumerate()
            .filter(|&(i, _)| arg & (1 << i) != 0)
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join(", "),
        _ => match op.arg_kind() {
            ArgKind::Name => name_at(&code.co_names, arg),
            ArgKind::Local | ArgKind::Free => name_at(localsplus, arg),
            ArgKind::JumpForward | ArgKind::JumpBackward => {
                format!("to {}", jump_target(offset, op, arg).unwrap_or_default())
            }
            _ => String::new(),
        },
    }
}

/// `repr(code)`, with a fixed address.
pub fn code_repr(code: &CodeObject) -> String {
    format!(
        "<code object {} at 0x0000, file \"{}\", line {}>",
        text(&code.co_name),
        text(&code.co_filename),
        code.co_firstlineno
    )
}

/// Python's `repr` of a constant.
pub fn repr(value: &Constant) -> String {
    match value {
        Constant::None => "None".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { re, im } => complex_repr(*re, *im),
        Constant::Str(s) => str_repr(s.as_wtf8()),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
        Constant::FrozenSet(items) => {
            format!("frozenset({{{}}})", items.iter().map(repr).collect::<Vec<_>>().join(", "))
        }
        Constant::Code(code) => code_repr(code),
        Constant::StopIteration => "<class 'StopIteration'>".into(),
        Constant::List(items) => format!("[{}]", items.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Constant::Set(items) if items.is_empty() => "set()".into(),
        Constant::Set(items) => format!("{{{}}}", items.iter().map(repr).collect::<Vec<_>>().join(", ")),
        Constant::Dict(pairs) => format!(
            "{{{}}}",
            pairs.iter().map(|(k, v)| format!("{}: {}", repr(k), repr(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}
